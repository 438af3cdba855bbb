//! The fields TMDB sends today (docs/TODAYS-FIELDS.md) and the import's dropped-field report, on
//! every engine: a recorded TMDB response comes back as recorded, image regions and episode
//! types round trip and log their changes, and a field no wire struct models is named.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use axum::body::Body;
use http::{Request, StatusCode};
use http_body_util::BodyExt;
use reeldb_import::{Imported, Record};
use reeldb_store::Store;
use reeldb_store::testing::{TestDb, engines};
use serde_json::{Value, json};
use tower::ServiceExt;

const SPEC: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../reeldb-http/tests/fixtures/spec"
);

fn spec(operation_id: &str) -> Record {
    let path = format!("{SPEC}/{operation_id}.json");
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    Record {
        request: v["request"].as_str().unwrap().to_owned(),
        response: v["response"].clone(),
    }
}

/// Records derived from real TMDB responses recorded by a client library's test suite (see
/// NOTICE): Game of Thrones season 1 (two of its episodes, two crew and guests each), episode
/// 1x01's details, and the season's videos.
fn recorded() -> Vec<Record> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/recorded-got-s1.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

async fn import(store: &Store, request: &str, response: &Value) -> Imported {
    let rec = Record {
        request: request.to_owned(),
        response: response.clone(),
    };
    reeldb_import::import_tracked(store, &rec)
        .await
        .unwrap_or_else(|e| panic!("import {request}: {e}"))
}

/// Imports, asserting the import kept every field; returns the changes it recorded.
async fn import_whole(store: &Store, request: &str, response: &Value) -> u64 {
    let done = import(store, request, response).await;
    assert!(done.dropped.is_empty(), "import {request} {}", done.dropped);
    done.changes
}

async fn get(store: &Store, uri: &str) -> Value {
    let app = reeldb_http::app(reeldb_http::AppState::new(
        store.clone(),
        reeldb_http::HttpConfig {
            auth_required: false,
            cache_max_age: 0,
            ..reeldb_http::HttpConfig::default()
        },
    ));
    let res = app
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK, "{uri}");
    let body = res.into_body().collect().await.unwrap().to_bytes();
    serde_json::from_slice(&body).unwrap()
}

/// Numbers as f64, so `8` and `8.0` compare equal.
fn normalize(v: &Value) -> Value {
    match v {
        Value::Number(n) => n.as_f64().map_or(Value::Number(n.clone()), Value::from),
        Value::Array(a) => Value::Array(a.iter().map(normalize).collect()),
        Value::Object(o) => {
            Value::Object(o.iter().map(|(k, v)| (k.clone(), normalize(v))).collect())
        }
        other => other.clone(),
    }
}

fn assert_same(got: &Value, expected: &Value, ctx: &str) {
    assert_eq!(normalize(got), normalize(expected), "{ctx}");
}

/// Change items of `key` in a `/changes` response.
fn items(changes: &Value, key: &str) -> Vec<Value> {
    changes["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["key"] == key)
        .flat_map(|c| c["items"].as_array().unwrap().clone())
        .collect()
}

/// Current recorded TMDB responses import without dropping a field and come back as recorded.
/// Two differences are TMDB's own: the season recording predates season-level `networks` (the
/// catalog knows none, so `[]`), and the episode recording predates `episode_type`, which the
/// catalog learned from the season's listing.
#[tokio::test]
async fn recorded_responses_round_trip() {
    let recs = recorded();
    for engine in engines() {
        let db = TestDb::new(engine).await.unwrap();
        for rec in &recs {
            import_whole(&db.store, &rec.request, &rec.response).await;
        }
        for rec in &recs {
            let mut expected = rec.response.clone();
            match rec.request.as_str() {
                "/3/tv/1399/season/1" => expected["networks"] = json!([]),
                "/3/tv/1399/season/1/episode/1" => expected["episode_type"] = json!("standard"),
                _ => {}
            }
            let got = get(&db.store, &rec.request).await;
            assert_same(&got, &expected, &format!("{} on {engine:?}", rec.request));
        }
        for rec in &recs {
            let n = import_whole(&db.store, &rec.request, &rec.response).await;
            assert_eq!(n, 0, "re-importing {} on {engine:?}", rec.request);
        }
        db.cleanup().await;
    }
}

/// Images carry `iso_3166_1`: it round trips, a change of it is logged, and a response that
/// predates the field keeps what the catalog knows and logs nothing.
#[tokio::test]
async fn image_regions_round_trip_and_log_changes() {
    let images = spec("tv-season-images");
    let mut today = images.response.clone();
    let posters = today["posters"].as_array_mut().unwrap();
    for (i, p) in posters.iter_mut().enumerate() {
        p["iso_3166_1"] = if i == 0 { json!("US") } else { Value::Null };
    }
    let mut moved = today.clone();
    moved["posters"][0]["iso_3166_1"] = json!("GB");
    for engine in engines() {
        let db = TestDb::new(engine).await.unwrap();
        let ctx = format!("on {engine:?}");
        import_whole(&db.store, &images.request, &today).await;
        assert_same(&get(&db.store, &images.request).await, &today, &ctx);
        let n = import_whole(&db.store, &images.request, &moved).await;
        assert_eq!(n, 1, "one image's region changed {ctx}");
        assert_same(&get(&db.store, &images.request).await, &moved, &ctx);
        let changes = get(&db.store, "/3/tv/season/3624/changes").await;
        let updated: Vec<Value> = items(&changes, "images")
            .into_iter()
            .filter(|i| i["action"] == "updated")
            .collect();
        assert_eq!(updated.len(), 1, "{ctx}: {changes}");
        assert_eq!(updated[0]["value"]["poster"]["iso_3166_1"], "GB", "{ctx}");
        assert_eq!(
            updated[0]["original_value"]["poster"]["iso_3166_1"], "US",
            "{ctx}"
        );
        // The spec's example predates the field: the regions stay.
        let n = import_whole(&db.store, &images.request, &images.response).await;
        assert_eq!(n, 0, "{ctx}");
        assert_same(&get(&db.store, &images.request).await, &moved, &ctx);
        db.cleanup().await;
    }
}

/// Episode details carry `episode_type`; a response without it keeps the known type, and a
/// changed type is logged.
#[tokio::test]
async fn episode_type_round_trips_and_logs_changes() {
    let details = spec("tv-episode-details");
    let mut finale = details.response.clone();
    finale["episode_type"] = json!("finale");
    let mut standard = details.response.clone();
    standard["episode_type"] = json!("standard");
    for engine in engines() {
        let db = TestDb::new(engine).await.unwrap();
        let ctx = format!("on {engine:?}");
        import_whole(&db.store, &details.request, &finale).await;
        assert_same(&get(&db.store, &details.request).await, &finale, &ctx);
        assert_eq!(
            import_whole(&db.store, &details.request, &details.response).await,
            0,
            "an older response says nothing of the type {ctx}"
        );
        assert_same(&get(&db.store, &details.request).await, &finale, &ctx);
        assert_eq!(
            import_whole(&db.store, &details.request, &standard).await,
            1,
            "{ctx}"
        );
        let changes = get(&db.store, "/3/tv/episode/63056/changes").await;
        let types = items(&changes, "episode_type");
        assert_eq!(
            types.last().unwrap()["value"],
            "standard",
            "{ctx}: {changes}"
        );
        assert_eq!(types.last().unwrap()["original_value"], "finale", "{ctx}");
        db.cleanup().await;
    }
}

/// A response carrying fields no wire struct models imports what it can and names each dropped
/// field by path and count: inside an appended part (under its name), at the top, and a whole
/// appended part no arm applies.
#[tokio::test]
async fn unknown_fields_are_named_in_the_summary() {
    let details = spec("tv-season-details");
    let images = spec("tv-season-images");
    let mut response = details.response.clone();
    let mut part = images.response.clone();
    part.as_object_mut().unwrap().remove("id");
    for p in part["posters"].as_array_mut().unwrap().iter_mut().take(3) {
        p["iso_3166_2"] = json!("US-CA");
    }
    response["images"] = part;
    response["keywords"] = json!({"results": []});
    response["episodes"][0]["crew"][0]["cast_id"] = json!(7);
    response["popularity"] = json!(12.5);
    let request = format!("{}?append_to_response=images,keywords", details.request);
    for engine in engines() {
        let db = TestDb::new(engine).await.unwrap();
        let done = import(&db.store, &request, &response).await;
        let d = &done.dropped;
        assert_eq!(
            d.iter().collect::<Vec<_>>(),
            [
                ("episodes[].crew[].cast_id", 1),
                ("images.posters[].iso_3166_2", 3),
                ("keywords", 1),
                ("popularity", 1),
            ],
            "on {engine:?}"
        );
        let summary = d.to_string();
        assert!(
            summary.contains("  images.posters[].iso_3166_2: 3\n"),
            "{summary}"
        );
        // What the structs model was imported all the same.
        let got = get(&db.store, &images.request).await;
        assert_eq!(
            got["posters"].as_array().unwrap().len(),
            images.response["posters"].as_array().unwrap().len()
        );
        db.cleanup().await;
    }
}
