//! Series sub-resources (alternative titles, content ratings, keywords, screened theatrically,
//! episode groups) and episode group details, on every engine: TMDB's errors, empty lists for
//! a known series, imports that change (and log) only what moved, and episode groups built from
//! catalog episodes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{TestApp, assert_same_json, engines, fixture};
use reeldb_http::HttpConfig;
use reeldb_import::Record;
use reeldb_store::testing::TestEngine;
use serde_json::{Value, json};

const SUBS: &[&str] = &[
    "alternative_titles",
    "content_ratings",
    "keywords",
    "screened_theatrically",
    "episode_groups",
];

/// An app without the response cache, so each read sees the latest import.
async fn app(engine: TestEngine) -> TestApp {
    let mut app = TestApp::new(engine).await;
    app.config = HttpConfig {
        response_cache_bytes: 0,
        ..HttpConfig::default()
    };
    app
}

/// Imports a record, returning how many changes it logged.
async fn import(app: &TestApp, request: &str, response: &Value) -> u64 {
    let rec = Record {
        request: request.to_owned(),
        response: response.clone(),
    };
    reeldb_import::import_record(&app.db.store, &rec)
        .await
        .unwrap_or_else(|e| panic!("import {request}: {e}"))
}

/// A series the catalog knows with nothing else (one empty list import creates it).
async fn bare_series(app: &TestApp, id: i64) {
    import(
        app,
        &format!("/3/tv/{id}/keywords"),
        &json!({"id": id, "results": []}),
    )
    .await;
}

#[tokio::test]
async fn unknown_series_and_groups_answer_34() {
    for engine in engines() {
        let app = app(engine).await;
        bare_series(&app, 5).await;
        for sub in SUBS {
            for id in ["6", "abc", "-5", "99999999999999999999"] {
                app.get(&format!("/3/tv/{id}/{sub}"))
                    .await
                    .assert_error(404, 34);
            }
        }
        for id in ["5acf93e60e0a26346d0000ce", "x", &"a".repeat(100)] {
            app.get(&format!("/3/tv/episode_group/{id}"))
                .await
                .assert_error(404, 34);
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn a_known_series_without_entries_has_empty_results() {
    for engine in engines() {
        let app = app(engine).await;
        bare_series(&app, 5).await;
        for sub in SUBS {
            let got = app.get_json(&format!("/3/tv/5/{sub}")).await;
            assert_eq!(got, json!({"id": 5, "results": []}), "{sub}");
        }
        // TMDB's key order: `results` first for content ratings and episode groups.
        let raw = app.get("/3/tv/5/content_ratings").await;
        assert_eq!(raw.body, br#"{"results":[],"id":5}"#);
        let raw = app.get("/3/tv/5/keywords").await;
        assert_eq!(raw.body, br#"{"id":5,"results":[]}"#);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn imports_are_idempotent_and_log_what_moved() {
    for engine in engines() {
        let app = app(engine).await;
        for op in [
            "tv-series-alternative-titles",
            "tv-series-content-ratings",
            "tv-series-keywords",
            "tv-series-screened-theatrically",
            "tv-series-episode-groups",
            "tv-episode-group-details",
        ] {
            let f = fixture(op);
            assert!(import(&app, &f.request, &f.response).await > 0, "{op}");
            assert_eq!(import(&app, &f.request, &f.response).await, 0, "{op}");
        }
        // A descriptor added to one rating: the list logs it, and the read shows it.
        let f = fixture("tv-series-content-ratings");
        let mut changed = f.response.clone();
        changed["results"][3]["descriptors"] = json!(["Violence", "Language"]);
        assert_eq!(import(&app, &f.request, &changed).await, 2);
        let got = app.get_json(&f.request).await;
        assert_eq!(
            got["results"][3]["descriptors"],
            json!(["Violence", "Language"])
        );
        assert_eq!(got["results"][2]["descriptors"], json!([]));
        // A keyword renamed is logged on the keyword; the series' list did not move.
        let f = fixture("tv-series-keywords");
        let mut renamed = f.response.clone();
        renamed["results"][0]["name"] = json!("based on novel");
        assert_eq!(import(&app, &f.request, &renamed).await, 1);
        assert_eq!(
            app.get_json(&f.request).await["results"][0],
            json!({"name": "based on novel", "id": 818})
        );
        // Titles reordered only: one item.
        let f = fixture("tv-series-alternative-titles");
        let mut reordered = f.response.clone();
        reordered["results"].as_array_mut().unwrap().reverse();
        assert_eq!(import(&app, &f.request, &reordered).await, 1);
        assert_same_json(&app.get_json(&f.request).await, &reordered, "reordered");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn screened_episodes_are_catalog_episodes() {
    for engine in engines() {
        let app = app(engine).await;
        let details = fixture("tv-episode-details");
        import(&app, &details.request, &details.response).await;
        let f = fixture("tv-series-screened-theatrically");
        import(&app, &f.request, &f.response).await;
        // The episodes it named now exist at their positions.
        let r = app.get("/3/tv/1399/season/4/episode/10/external_ids").await;
        assert_eq!(r.json()["id"], json!(63103));
        // An episode id placed elsewhere than the catalog holds it is refused.
        let bad = json!({"id": 1399, "results": [{"id": 63056, "episode_number": 2, "season_number": 1}]});
        let rec = Record {
            request: f.request.clone(),
            response: bad,
        };
        assert!(
            reeldb_import::import_record(&app.db.store, &rec)
                .await
                .is_err()
        );
        assert_same_json(&app.get_json(&f.request).await, &f.response, "unchanged");
        app.cleanup().await;
    }
}

fn group_episode(id: i64, season: i64, number: i64, order: i64) -> Value {
    json!({"air_date": "2020-01-01", "episode_number": number, "episode_type": "standard", "id": id,
           "name": format!("Episode {number}"), "overview": "", "production_code": "",
           "runtime": 50, "season_number": season, "show_id": 77, "still_path": null,
           "vote_average": 7.0, "vote_count": 3, "order": order})
}

#[tokio::test]
async fn episode_groups_are_built_from_episodes() {
    for engine in engines() {
        let app = app(engine).await;
        // The series' list names the group with TMDB's counts.
        let list = json!({"results": [{"description": "By arc", "episode_count": 40, "group_count": 9,
            "id": "g1", "name": "Arcs", "network": null, "type": 5}], "id": 77});
        import(&app, "/3/tv/77/episode_groups", &list).await;
        assert_same_json(
            &app.get_json("/3/tv/77/episode_groups").await,
            &list,
            "stated",
        );
        app.get("/3/tv/episode_group/g1")
            .await
            .assert_error(404, 34);
        // Its details: two parts over three episodes; counts are now counted.
        let details = json!({"description": "By arc", "episode_count": 3, "group_count": 2,
            "groups": [
                {"id": "p1", "name": "Arc 1", "order": 1, "episodes": [group_episode(701, 1, 2, 0), group_episode(700, 1, 1, 1)], "locked": true},
                {"id": "p2", "name": "Arc 2", "order": 2, "episodes": [group_episode(702, 2, 1, 0)], "locked": false}],
            "id": "g1", "name": "Arcs",
            "network": {"id": 49, "logo_path": "/n.png", "name": "HBO", "origin_country": "US"}, "type": 5});
        assert!(import(&app, "/3/tv/episode_group/g1", &details).await > 0);
        assert_eq!(import(&app, "/3/tv/episode_group/g1", &details).await, 0);
        let got = app.get_json("/3/tv/episode_group/g1").await;
        assert_same_json(&got, &details, "details");
        let listed = app.get_json("/3/tv/77/episode_groups").await;
        assert_eq!(listed["results"][0]["episode_count"], json!(3));
        assert_eq!(listed["results"][0]["group_count"], json!(2));
        assert_eq!(listed["results"][0]["network"]["name"], json!("HBO"));
        // The episodes are the catalog's: an episode's own import shows in the group.
        let ep = json!({"air_date": "2020-02-02", "crew": [], "episode_number": 1, "guest_stars": [],
            "name": "Pilot", "overview": "It begins.", "id": 700, "production_code": "101",
            "runtime": 61, "season_number": 1, "still_path": "/p.jpg", "vote_average": 8.0,
            "vote_count": 9, "episode_type": "standard"});
        import(&app, "/3/tv/77/season/1/episode/1", &ep).await;
        let got = app.get_json("/3/tv/episode_group/g1").await;
        let e = &got["groups"][0]["episodes"][1];
        assert_eq!(
            (e["id"].clone(), e["name"].clone(), e["runtime"].clone()),
            (json!(700), json!("Pilot"), json!(61))
        );
        assert_eq!(e["order"], json!(1));
        // Text follows the language: no French text yet, so empty strings (TMDB's rule).
        let fr = app.get_json("/3/tv/episode_group/g1?language=fr-FR").await;
        assert_eq!(fr["groups"][0]["episodes"][1]["name"], json!(""));
        app.get("/3/tv/episode_group/g1?language=xx_bad")
            .await
            .assert_error(422, 5);
        // The list dropping the group removes it with its parts.
        import(
            &app,
            "/3/tv/77/episode_groups",
            &json!({"results": [], "id": 77}),
        )
        .await;
        app.get("/3/tv/episode_group/g1")
            .await
            .assert_error(404, 34);
        app.cleanup().await;
    }
}

/// A group with no parts names no series: it is kept (and served) without one.
#[tokio::test]
async fn an_empty_group_is_served_without_a_series() {
    for engine in engines() {
        let app = app(engine).await;
        let empty = json!({"description": "", "episode_count": 0, "group_count": 0, "groups": [],
            "id": "e1", "name": "Empty", "network": null, "type": 1});
        import(&app, "/3/tv/episode_group/e1", &empty).await;
        assert_same_json(
            &app.get_json("/3/tv/episode_group/e1").await,
            &empty,
            "empty",
        );
        // A response for another group than the request names is refused.
        let rec = Record {
            request: "/3/tv/episode_group/e2".into(),
            response: empty.clone(),
        };
        assert!(
            reeldb_import::import_record(&app.db.store, &rec)
                .await
                .is_err()
        );
        app.cleanup().await;
    }
}

#[tokio::test]
async fn demo_catalog_serves_game_of_thrones_extras() {
    for engine in engines() {
        let app = app(engine).await.with_demo().await;
        for op in [
            "tv-series-alternative-titles",
            "tv-series-content-ratings",
            "tv-series-keywords",
            "tv-series-screened-theatrically",
            "tv-series-episode-groups",
        ] {
            let f = fixture(op);
            assert_same_json(&app.get_json(&f.request).await, &f.response, op);
        }
        app.cleanup().await;
    }
}
