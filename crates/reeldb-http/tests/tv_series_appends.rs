//! Series details with every sub-resource appended, on every engine: each appended part is what
//! its own route answers (minus `id`), whether the parts were imported one by one or as one
//! appended response, and a details response with every part appended imports and comes back
//! the same.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::{TestApp, assert_same_json, engines, fixture};
use serde_json::Value;

/// Every `append_to_response` name of series details, with the spec example each one's data
/// comes from.
const PARTS: &[(&str, &str)] = &[
    ("credits", "tv-series-credits"),
    ("aggregate_credits", "tv-series-aggregate-credits"),
    ("external_ids", "tv-series-external-ids"),
    ("translations", "tv-series-translations"),
    ("videos", "tv-series-videos"),
    ("watch/providers", "tv-series-watch-providers"),
    ("alternative_titles", "tv-series-alternative-titles"),
    ("content_ratings", "tv-series-content-ratings"),
    ("keywords", "tv-series-keywords"),
    ("screened_theatrically", "tv-series-screened-theatrically"),
    ("episode_groups", "tv-series-episode-groups"),
    ("reviews", "tv-series-reviews"),
    ("similar", "tv-series-similar"),
    ("recommendations", "tv-series-recommendations"),
];

fn names() -> String {
    PARTS.iter().map(|p| p.0).collect::<Vec<_>>().join(",")
}

/// A route's body as an appended part: without its `id`.
fn as_part(mut body: Value) -> Value {
    if let Some(m) = body.as_object_mut() {
        m.remove("id");
    }
    body
}

#[tokio::test]
async fn every_part_appends_as_its_route_answers() {
    let details = fixture("tv-series-details");
    for engine in engines() {
        let app = TestApp::new(engine).await;
        app.import(&details.request, &details.response).await;
        for (_, op) in PARTS {
            let f = fixture(op);
            app.import(&f.request, &f.response).await;
        }
        let got = app
            .get_json(&format!("/3/tv/1399?append_to_response={}", names()))
            .await;
        for (name, _) in PARTS {
            let route = if *name == "watch/providers" {
                "/3/tv/1399/watch/providers".to_owned()
            } else {
                format!("/3/tv/1399/{name}")
            };
            let own = as_part(app.get_json(&route).await);
            assert!(got.get(*name).is_some(), "{name} missing on {engine:?}");
            assert_same_json(&got[*name], &own, &format!("appended {name} on {engine:?}"));
        }
        assert!(
            !got["keywords"]["results"].as_array().unwrap().is_empty()
                && !got["similar"]["results"].as_array().unwrap().is_empty()
                && !got["reviews"]["results"].as_array().unwrap().is_empty(),
            "the parts hold data"
        );

        // The whole appended response, imported into a fresh catalog as one record, comes back
        // the same (the import asserts that no field was dropped).
        let fresh = TestApp::new(engine).await;
        let request = format!("/3/tv/1399?append_to_response={}", names());
        fresh.import(&request, &got).await;
        for (_, op) in PARTS {
            // Entries of related lists are series of their own: bring their other list fields
            // (similar and recommendations rank by what they share with 1399, which the parts
            // carry) the same way as the first catalog did.
            if op.ends_with("similar") || op.ends_with("recommendations") {
                let f = fixture(op);
                fresh.import(&f.request, &f.response).await;
            }
        }
        let again = fresh.get_json(&request).await;
        assert_same_json(&again, &got, &format!("appended round trip on {engine:?}"));
        fresh.cleanup().await;
        app.cleanup().await;
    }
}

/// A bad `page` fails only when a paged list is appended (TMDB pages those by `page`).
#[tokio::test]
async fn appended_lists_take_the_page() {
    let details = fixture("tv-series-details");
    for engine in engines() {
        let app = TestApp::new(engine).await;
        app.import(&details.request, &details.response).await;
        let f = fixture("tv-series-similar");
        app.import(&f.request, &f.response).await;
        app.get("/3/tv/1399?append_to_response=similar&page=0")
            .await
            .assert_error(400, 22);
        let ok = app
            .get_json("/3/tv/1399?append_to_response=keywords&page=0")
            .await;
        assert_eq!(ok["id"], 1399);
        let second = app
            .get_json("/3/tv/1399?append_to_response=similar&page=2")
            .await;
        assert_eq!(second["similar"]["page"], 2);
        app.cleanup().await;
    }
}
