//! TV series: appended parts read from separately imported sub-resources, derived aggregate
//! credits, computed seasons and episodes to air, TMDB's errors, and re-import idempotence.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::body::Body;
use common::{TestApp, assert_same_json, engines, fixture};
use http::{Method, Request};
use serde_json::{Value, json};

const SERIES: &str = "/3/tv/1399";
const SUBS: [&str; 9] = [
    "",
    "/credits",
    "/aggregate_credits",
    "/external_ids",
    "/images",
    "/videos",
    "/translations",
    "/watch/providers",
    "/changes",
];

/// Imports TMDB's details, credits, images and external ids of Game of Thrones, each as its
/// own record (never as one appended response).
async fn separately_imported(app: &TestApp) {
    for op in [
        "tv-series-details",
        "tv-series-credits",
        "tv-series-external-ids",
    ] {
        let f = fixture(op);
        app.import(&f.request, &f.response).await;
    }
    let images = fixture("tv-series-images");
    let mut response = images.response.clone();
    response["id"] = 1399.into(); // the example names a movie's id
    app.import(&images.request, &response).await;
}

#[tokio::test]
async fn appended_parts_come_from_separately_imported_sub_resources() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        separately_imported(&app).await;
        let got = app
            .get_json(&format!(
                "{SERIES}?append_to_response=credits,images,external_ids,no_such_part"
            ))
            .await;
        let plain = app.get_json(SERIES).await;
        for part in ["credits", "images", "external_ids"] {
            let mut own = app.get_json(&format!("{SERIES}/{part}")).await;
            own.as_object_mut().unwrap().remove("id");
            assert_same_json(&got[part], &own, &format!("{part} on {engine:?}"));
        }
        // The details themselves are unchanged, and unknown names are ignored as TMDB does.
        let mut body = got.clone();
        for part in ["credits", "images", "external_ids"] {
            body.as_object_mut().unwrap().remove(part);
        }
        assert_same_json(&body, &plain, &format!("details on {engine:?}"));
        assert!(got.get("no_such_part").is_none());
        assert_eq!(got["credits"]["cast"][0]["name"], json!("Peter Dinklage"));
        assert_eq!(got["external_ids"]["imdb_id"], json!("tt0944947"));
        assert_eq!(got["external_ids"]["tvdb_id"], json!(121361));
        assert!(got["credits"].get("id").is_none());
        app.cleanup().await;
    }
}

/// An appended details response imports each part it carries, and serves them back the same.
#[tokio::test]
async fn an_appended_details_response_round_trips() {
    for engine in engines() {
        let source = TestApp::new(engine).await;
        separately_imported(&source).await;
        let request =
            format!("{SERIES}?append_to_response=credits,images,external_ids,translations");
        let whole = source.get_json(&request).await;
        source.cleanup().await;
        let app = TestApp::new(engine).await;
        app.import(&request, &whole).await;
        let got = app.get_json(&request).await;
        assert_same_json(&got, &whole, &format!("appended round trip on {engine:?}"));
        // Importing the same response again changes nothing.
        let rec = reeldb_import::Record {
            request: request.clone(),
            response: whole.clone(),
        };
        let changes = reeldb_import::import_record(&app.db.store, &rec)
            .await
            .unwrap();
        assert_eq!(changes, 0, "re-import on {engine:?} logged changes");
        app.cleanup().await;
    }
}

/// Series aggregate credits are derived from the episodes' credits when no aggregate was
/// imported: one credit over the episodes it appears in, as a season's are.
#[tokio::test]
async fn aggregate_credits_are_derived_from_episode_credits() {
    for engine in engines() {
        let fresh = TestApp::new(engine).await;
        fresh
            .import(
                "/3/tv/1399/season/1",
                &fixture("tv-season-details").response,
            )
            .await;
        let season = fresh.get_json("/3/tv/1399/season/1").await;
        let agg = fresh.get_json(&format!("{SERIES}/aggregate_credits")).await;
        // Every guest star of season 1 is in the series aggregate with the episodes they
        // appear in.
        let guests: Vec<&Value> = season["episodes"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|e| e["guest_stars"].as_array().unwrap())
            .collect();
        let first = guests[0];
        let count = guests
            .iter()
            .filter(|g| g["credit_id"] == first["credit_id"])
            .count() as i64;
        let entry = agg["cast"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == first["id"])
            .expect("guest in the aggregate");
        assert_eq!(entry["total_episode_count"], json!(count));
        assert_eq!(agg["id"], json!(1399));
        // The season's own aggregate is the same derivation over the same episodes.
        let season_agg = fresh
            .get_json("/3/tv/1399/season/1/aggregate_credits")
            .await;
        assert_eq!(
            season_agg["cast"].as_array().unwrap().len(),
            agg["cast"].as_array().unwrap().len()
        );
        fresh.cleanup().await;
    }
}

/// Seasons and the last episode come from the catalog: a series known only through a season
/// import lists that season, and its last aired episode.
#[tokio::test]
async fn seasons_and_last_episode_are_computed_from_the_catalog() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        app.import(
            "/3/tv/1399/season/1",
            &fixture("tv-season-details").response,
        )
        .await;
        let got = app.get_json(SERIES).await;
        assert_eq!(got["seasons"].as_array().unwrap().len(), 1);
        assert_eq!(got["seasons"][0]["id"], json!(3624));
        assert_eq!(got["seasons"][0]["episode_count"], json!(10));
        assert_eq!(got["number_of_seasons"], json!(1));
        assert_eq!(got["number_of_episodes"], json!(10));
        assert_eq!(got["last_episode_to_air"]["episode_number"], json!(10));
        assert_eq!(got["last_episode_to_air"]["show_id"], json!(1399));
        assert_eq!(got["next_episode_to_air"], Value::Null);
        assert_eq!(got["last_air_date"], got["last_episode_to_air"]["air_date"]);
        app.cleanup().await;
    }
}

/// Details in another language show that language's translation; fields without one are "".
#[tokio::test]
async fn details_follow_the_language() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        for op in ["tv-series-details", "tv-series-translations"] {
            let f = fixture(op);
            app.import(&f.request, &f.response).await;
        }
        let de = app.get_json(&format!("{SERIES}?language=de-DE")).await;
        let translations = fixture("tv-series-translations").response;
        let german = translations["translations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["iso_639_1"] == "de")
            .unwrap();
        assert_eq!(de["name"], german["data"]["name"]);
        assert_eq!(de["overview"], german["data"]["overview"]);
        assert_eq!(de["tagline"], german["data"]["tagline"]);
        assert_eq!(de["homepage"], german["data"]["homepage"]);
        let en = app.get_json(SERIES).await;
        assert_eq!(en["tagline"], json!("Winter Is Coming"));
        app.cleanup().await;
    }
}

/// The demo catalog serves Game of Thrones' series-level data.
#[tokio::test]
async fn demo_catalog_serves_the_series() {
    for engine in engines() {
        let app = TestApp::new(engine).await.with_demo().await;
        let got = app
            .get_json(&format!("{SERIES}?append_to_response=credits,external_ids"))
            .await;
        assert_eq!(got["name"], json!("Game of Thrones"));
        assert_eq!(got["seasons"].as_array().unwrap().len(), 9);
        assert_eq!(got["last_episode_to_air"]["id"], json!(1551830));
        assert_eq!(got["external_ids"]["imdb_id"], json!("tt0944947"));
        // Appended changes: the default window, the last 24 hours (the demo was just loaded).
        let with_changes = app
            .get_json(&format!("{SERIES}?append_to_response=changes"))
            .await;
        assert!(
            !with_changes["changes"]["changes"]
                .as_array()
                .unwrap()
                .is_empty()
        );
        for sub in SUBS {
            app.get_json(&format!("{SERIES}{sub}")).await;
        }
        app.cleanup().await;
    }
}

/// The credit ids of a credits or aggregate credits body, in order (roles and jobs included).
fn credit_ids(v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for class in ["cast", "crew"] {
        for c in v[class].as_array().unwrap() {
            let parts = c["roles"].as_array().or(c["jobs"].as_array());
            match parts {
                Some(parts) => out.extend(parts.iter().map(|p| p["credit_id"].to_string())),
                None => out.push(c["credit_id"].to_string()),
            }
        }
    }
    out
}

/// On the demo catalog, where every series-level record was imported separately (and the
/// season and episode records after them), each sub-resource still answers TMDB's example.
/// Credits list the example's credits in its order; their people's fields are the latest
/// import's, as are watch providers' logos (the season and episode examples were recorded at
/// other times), so those two compare by ids.
#[tokio::test]
async fn demo_catalog_answers_the_series_examples() {
    for engine in engines() {
        let app = TestApp::new(engine).await.with_demo().await;
        for op in ["tv-series-credits", "tv-series-aggregate-credits"] {
            let f = fixture(op);
            let got = app.get_json(&f.request).await;
            assert_eq!(credit_ids(&got), credit_ids(&f.response), "demo {op}");
            assert_eq!(got["id"], json!(1399));
        }
        for op in [
            "tv-series-external-ids",
            "tv-series-videos",
            "tv-series-translations",
        ] {
            let f = fixture(op);
            let got = app.get_json(&f.request).await;
            assert_same_json(&got, &f.response, &format!("demo {op} on {engine:?}"));
        }
        let f = fixture("tv-series-watch-providers");
        let got = app.get_json(&f.request).await;
        let offers = |v: &Value| -> Vec<(String, String, String)> {
            let mut out = Vec::new();
            for (country, o) in v["results"].as_object().unwrap() {
                for (kind, list) in o.as_object().unwrap() {
                    for p in list.as_array().into_iter().flatten() {
                        out.push((country.clone(), kind.clone(), p["provider_id"].to_string()));
                    }
                }
            }
            out.sort();
            out
        };
        assert_eq!(offers(&got), offers(&f.response), "demo watch providers");
        app.cleanup().await;
    }
}

/// Importing the same series records again changes nothing and logs nothing.
#[tokio::test]
async fn reimporting_series_records_logs_nothing() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        let ops = [
            "tv-series-details",
            "tv-series-credits",
            "tv-series-aggregate-credits",
            "tv-series-external-ids",
            "tv-series-videos",
            "tv-series-translations",
            "tv-series-watch-providers",
            "tv-series-latest-id",
        ];
        for round in 0..2 {
            for op in ops {
                let f = fixture(op);
                let rec = reeldb_import::Record {
                    request: f.request.clone(),
                    response: f.response.clone(),
                };
                let changes = reeldb_import::import_record(&app.db.store, &rec)
                    .await
                    .unwrap();
                if round == 1 {
                    assert_eq!(changes, 0, "{op} re-import on {engine:?}");
                }
            }
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn latest_is_the_highest_series_id() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        app.get("/3/tv/latest").await.assert_error(404, 34);
        let f = fixture("tv-series-details");
        app.import(&f.request, &f.response).await;
        assert_eq!(app.get_json("/3/tv/latest").await["id"], json!(1399));
        let latest = fixture("tv-series-latest-id");
        app.import(&latest.request, &latest.response).await;
        assert_eq!(app.get_json("/3/tv/latest").await["id"], json!(225491));
        app.cleanup().await;
    }
}

#[tokio::test]
async fn errors_are_tmdb_envelopes() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        let f = fixture("tv-series-details");
        app.import(&f.request, &f.response).await;
        for sub in SUBS {
            // Unknown and non-numeric ids.
            for id in ["999999", "abc", "-1", "99999999999999999999"] {
                app.get(&format!("/3/tv/{id}{sub}"))
                    .await
                    .assert_error(404, 34);
            }
        }
        // More than 20 appended names.
        let names: Vec<String> = (0..21).map(|i| format!("part{i}")).collect();
        app.get(&format!("{SERIES}?append_to_response={}", names.join(",")))
            .await
            .assert_error(400, 27);
        // Bad languages.
        for path in [
            SERIES.to_owned(),
            format!("{SERIES}/credits"),
            format!("{SERIES}/aggregate_credits"),
            format!("{SERIES}/watch/providers"),
            "/3/tv/latest".to_owned(),
        ] {
            app.get(&format!("{path}?language=english"))
                .await
                .assert_error(422, 5);
        }
        app.get(&format!("{SERIES}/images?include_image_language=english"))
            .await
            .assert_error(422, 5);
        app.get(&format!("{SERIES}/videos?include_video_language=english"))
            .await
            .assert_error(422, 5);
        // Changes: bad page and bad windows.
        app.get(&format!("{SERIES}/changes?page=0"))
            .await
            .assert_error(400, 22);
        app.get(&format!(
            "{SERIES}/changes?start_date=2023-01-01&end_date=2023-03-01"
        ))
        .await
        .assert_error(422, 20);
        // Other methods: 405 on a series, an unknown route's 404 on a non-numeric id.
        let put = |path: &str| {
            Request::builder()
                .method(Method::PUT)
                .uri(format!("{path}?api_key={}", app.key))
                .body(Body::empty())
                .unwrap()
        };
        app.send(put(SERIES)).await.assert_error(405, 42);
        app.send(put("/3/tv/bogus")).await.assert_error(404, 34);
        // `/3/tv/popular` is a route of its own: other methods there are 405 too.
        app.send(put("/3/tv/popular")).await.assert_error(405, 42);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn importer_refuses_a_response_for_another_series() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        let f = fixture("tv-series-images"); // "id": 550
        let rec = reeldb_import::Record {
            request: f.request.clone(),
            response: f.response.clone(),
        };
        let err = reeldb_import::import_record(&app.db.store, &rec)
            .await
            .unwrap_err();
        assert!(err.to_string().contains("550"), "{err}");
        app.cleanup().await;
    }
}
