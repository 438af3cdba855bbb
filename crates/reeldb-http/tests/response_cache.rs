//! The response cache: repeated reads are served from memory with the same bytes and ETag,
//! credentials do not split entries, errors are not kept, and a catalog write is seen once the
//! cache re-checks the catalog version.

#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] functions")]

mod common;
use axum::body::Body;
use common::{TestApp, engines, fixture};
use http::{Request, StatusCode};
use http_body_util::BodyExt;
use reeldb_http::{AppState, HttpConfig};
use serde_json::Value;
use std::time::Duration;
use tower::ServiceExt;

async fn get(state: &AppState, uri: &str) -> (StatusCode, Option<String>, Vec<u8>) {
    let res = reeldb_http::app(state.clone())
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let etag = res
        .headers()
        .get("etag")
        .map(|v| v.to_str().unwrap().to_owned());
    (
        status,
        etag,
        res.into_body().collect().await.unwrap().to_bytes().to_vec(),
    )
}

fn config(check_every: Duration) -> HttpConfig {
    HttpConfig {
        cache_check_every: check_every,
        ..HttpConfig::default()
    }
}

#[tokio::test]
async fn repeated_reads_come_from_the_cache_and_writes_invalidate_it() {
    let details = fixture("tv-episode-details");
    for engine in engines() {
        let app = TestApp::new(engine).await;
        app.import(&details.request, &details.response).await;
        let state = AppState::new(app.db.store.clone(), config(Duration::ZERO));
        let uri = format!("{}?api_key={}", details.request, app.key);
        let (status, etag, first) = get(&state, &uri).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(state.cached_responses(), 1);
        let (_, etag2, second) = get(&state, &uri).await;
        assert_eq!(
            (&etag2, &second),
            (&etag, &first),
            "a hit is byte-identical"
        );
        assert_eq!(state.cached_responses(), 1);

        // Another key, same request: the same entry.
        let other = app.db.store.create_api_key().await.unwrap();
        let (_, _, third) = get(&state, &format!("{}?api_key={other}", details.request)).await;
        assert_eq!(third, first);
        assert_eq!(state.cached_responses(), 1);

        // Errors are not kept.
        let (status, _, _) = get(
            &state,
            &format!("/3/tv/1399/season/1/episode/99?api_key={}", app.key),
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(state.cached_responses(), 1);

        // A write: the next read sees it.
        let mut edited = details.response.clone();
        edited["runtime"] = Value::from(99);
        app.import(&details.request, &edited).await;
        let (_, etag4, fourth) = get(&state, &uri).await;
        let v: Value = serde_json::from_slice(&fourth).unwrap();
        assert_eq!(v["runtime"], 99);
        assert_ne!(etag4, etag);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn a_write_is_seen_only_after_the_check_interval() {
    let details = fixture("tv-episode-details");
    let app = TestApp::new(reeldb_store::testing::TestEngine::Sqlite).await;
    app.import(&details.request, &details.response).await;
    let state = AppState::new(app.db.store.clone(), config(Duration::from_secs(3600)));
    let uri = format!("{}?api_key={}", details.request, app.key);
    let (_, _, first) = get(&state, &uri).await;
    let mut edited = details.response.clone();
    edited["runtime"] = Value::from(99);
    app.import(&details.request, &edited).await;
    let (_, _, second) = get(&state, &uri).await;
    assert_eq!(second, first, "within the interval the cached body stands");
    app.cleanup().await;
}

#[tokio::test]
async fn the_cache_can_be_turned_off() {
    let app = TestApp::new(reeldb_store::testing::TestEngine::Sqlite)
        .await
        .with_demo()
        .await;
    let state = AppState::new(
        app.db.store.clone(),
        HttpConfig {
            response_cache_bytes: 0,
            ..HttpConfig::default()
        },
    );
    let uri = format!("/3/tv/93405/season/2/episode/1/credits?api_key={}", app.key);
    let (status, etag, _) = get(&state, &uri).await;
    assert_eq!(status, StatusCode::OK);
    assert!(etag.is_some_and(|e| e.starts_with("W/\"")));
    assert_eq!(state.cached_responses(), 0);
    app.cleanup().await;
}
