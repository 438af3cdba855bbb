//! Catalog-wide lists: genre lists per kind and language, genres that series use joining the
//! TV list, certification systems in TMDB's order, idempotent import with change items, and
//! TMDB's errors.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{TestApp, engines};
use reeldb_import::Record;
use serde_json::{Value, json};

fn genres(list: &[(i64, &str)]) -> Value {
    let genres: Vec<Value> = list
        .iter()
        .map(|(id, name)| json!({"id": id, "name": name}))
        .collect();
    json!({ "genres": genres })
}

async fn import_counting(app: &TestApp, request: &str, response: &Value) -> u64 {
    let rec = Record {
        request: request.to_owned(),
        response: response.clone(),
    };
    let done = reeldb_import::import_tracked(&app.db.store, &rec)
        .await
        .unwrap();
    assert!(done.dropped.is_empty(), "{request} {}", done.dropped);
    done.changes
}

#[tokio::test]
async fn genre_lists_by_kind_and_language() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        let tv_en = genres(&[(10759, "Action & Adventure"), (35, "Comedy"), (18, "Drama")]);
        let movie_en = genres(&[(28, "Action"), (12, "Adventure"), (18, "Drama")]);
        app.import("/3/genre/tv/list?language=en", &tv_en).await;
        app.import("/3/genre/movie/list", &movie_en).await;
        // Each language's response is the whole list (TMDB translates every name), so it also
        // sets the list's members and order.
        app.import(
            "/3/genre/tv/list?language=de",
            &genres(&[
                (10759, "Action & Abenteuer"),
                (35, "Komödie"),
                (18, "Drama"),
            ]),
        )
        .await;
        // Lists differ by kind; a genre in both (Drama) is in both.
        assert_eq!(app.get_json("/3/genre/tv/list").await, tv_en);
        assert_eq!(
            app.get_json("/3/genre/movie/list?language=en-US").await,
            movie_en
        );
        // German names; TMDB's order kept.
        assert_eq!(
            app.get_json("/3/genre/tv/list?language=de-DE").await,
            genres(&[
                (10759, "Action & Abenteuer"),
                (35, "Komödie"),
                (18, "Drama")
            ])
        );
        // Genres without a German name keep their English one; Drama's German name (from the
        // TV list) serves the movie list too: one genre, one name per language.
        assert_eq!(
            app.get_json("/3/genre/movie/list?language=de").await,
            genres(&[(28, "Action"), (12, "Adventure"), (18, "Drama")])
        );
        app.cleanup().await;
    }
}

#[tokio::test]
async fn genres_series_use_join_the_tv_list() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        app.import(
            "/3/genre/tv/list",
            &genres(&[(18, "Drama"), (37, "Western")]),
        )
        .await;
        let f = common::fixture("tv-series-details");
        app.import(&f.request, &f.response).await;
        let named: Vec<(i64, String)> = f.response["genres"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| {
                (
                    g["id"].as_i64().unwrap(),
                    g["name"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        assert!(!named.is_empty());
        let list = app.get_json("/3/genre/tv/list").await;
        let got: Vec<(i64, String)> = list["genres"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| {
                (
                    g["id"].as_i64().unwrap(),
                    g["name"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        // Listed genres first, in the list's order; then the series' other genres by name.
        assert_eq!(
            got[..2],
            [(18, "Drama".to_owned()), (37, "Western".to_owned())]
        );
        for g in &named {
            assert!(got.contains(g), "{g:?} in {got:?}");
        }
        let mut rest: Vec<(i64, String)> = got[2..].to_vec();
        rest.sort_by(|a, b| a.1.cmp(&b.1));
        assert_eq!(rest, got[2..]);
        // The movie list holds none of them (no movie uses them, none was listed).
        assert_eq!(
            app.get_json("/3/genre/movie/list").await,
            json!({"genres": []})
        );
        // A genre only seen as a `genre_ids` entry has no name: it is not listed.
        let entry = json!({"adult": false, "backdrop_path": null, "genre_ids": [99999], "id": 5,
            "origin_country": ["US"], "original_language": "en", "original_name": "S",
            "overview": "", "popularity": 1.0, "poster_path": null, "first_air_date": "2020-01-01",
            "name": "S", "vote_average": 1.0, "vote_count": 1});
        app.import(
            "/3/tv/popular",
            &json!({"page": 1, "results": [entry], "total_pages": 1, "total_results": 1}),
        )
        .await;
        assert_eq!(app.get_json("/3/genre/tv/list").await, list);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn reimport_logs_nothing_and_changes_log_items() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        let list = genres(&[(18, "Drama"), (37, "Western")]);
        assert!(import_counting(&app, "/3/genre/tv/list", &list).await > 0);
        assert_eq!(import_counting(&app, "/3/genre/tv/list", &list).await, 0);
        let de = genres(&[(18, "Drama"), (37, "Western")]);
        assert!(import_counting(&app, "/3/genre/tv/list?language=de", &de).await > 0);
        assert_eq!(
            import_counting(&app, "/3/genre/tv/list?language=de", &de).await,
            0
        );
        // A renamed genre and a reordered list are changes.
        let renamed = genres(&[(37, "Western"), (18, "Drama!")]);
        assert!(import_counting(&app, "/3/genre/tv/list", &renamed).await > 0);
        assert_eq!(app.get_json("/3/genre/tv/list").await, renamed);
        // A genre that leaves the list leaves it.
        let shorter = genres(&[(37, "Western")]);
        assert!(import_counting(&app, "/3/genre/tv/list", &shorter).await > 0);
        assert_eq!(app.get_json("/3/genre/tv/list").await, shorter);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn genre_list_errors_are_tmdb_envelopes() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        for path in ["/3/genre/movie/list", "/3/genre/tv/list"] {
            for lang in ["english", "e", "en-USA", "12"] {
                app.get(&format!("{path}?language={lang}"))
                    .await
                    .assert_error(422, 5);
            }
            // An empty catalog lists no genres.
            assert_eq!(app.get_json(path).await, json!({"genres": []}));
        }
        for path in ["/3/genre/list", "/3/genre/person/list", "/3/genre/tv"] {
            app.get(path).await.assert_error(404, 34);
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn certification_lists_keep_tmdb_order_and_log_changes() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        for path in ["/3/certification/movie/list", "/3/certification/tv/list"] {
            assert_eq!(app.get_json(path).await, json!({"certifications": {}}));
        }
        let us = json!([{"certification": "R", "meaning": "Restricted.", "order": 4},
                        {"certification": "G", "meaning": "All ages.", "order": 1}]);
        let au = json!([{"certification": "PG", "meaning": "Parental guidance.", "order": 3}]);
        let list = json!({"certifications": {"US": us, "AU": au}});
        let path = "/3/certification/movie/list";
        assert!(import_counting(&app, path, &list).await > 0);
        assert_eq!(import_counting(&app, path, &list).await, 0);
        let got = app.get_json(path).await;
        assert_eq!(got, list);
        // Countries and entries in the order listed, not sorted.
        let keys: Vec<&String> = got["certifications"].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["US", "AU"]);
        // The TV systems are apart.
        assert_eq!(
            app.get_json("/3/certification/tv/list").await,
            json!({"certifications": {}})
        );
        // One country changed: one item, for that country.
        let au2 = json!([{"certification": "PG", "meaning": "Parental guidance.", "order": 2}]);
        let changed = json!({"certifications": {"US": us, "AU": au2}});
        assert_eq!(import_counting(&app, path, &changed).await, 1);
        // Only the countries' order moved: one item.
        let reordered = json!({"certifications": {"AU": au2, "US": us}});
        assert_eq!(import_counting(&app, path, &reordered).await, 1);
        assert_eq!(app.get_json(path).await, reordered);
        // A country listed without certifications is not kept; its removal is one item, and
        // importing the same again logs nothing.
        let emptied = json!({"certifications": {"AU": [], "US": us}});
        assert_eq!(import_counting(&app, path, &emptied).await, 1);
        assert_eq!(import_counting(&app, path, &emptied).await, 0);
        assert_eq!(
            app.get_json(path).await,
            json!({"certifications": {"US": us}})
        );
        for path in ["/3/certification/list", "/3/certification/person/list"] {
            app.get(path).await.assert_error(404, 34);
        }
        app.cleanup().await;
    }
}
