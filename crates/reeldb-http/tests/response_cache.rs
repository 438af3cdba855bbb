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
        // A body is kept from its second request on.
        assert_eq!(state.cached_responses(), 0);
        let (_, etag1, again) = get(&state, &uri).await;
        assert_eq!((&etag1, &again), (&etag, &first));
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
    get(&state, &uri).await;
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

async fn send(state: &AppState, req: Request<Body>) -> (StatusCode, http::HeaderMap, Vec<u8>) {
    let res = reeldb_http::app(state.clone()).oneshot(req).await.unwrap();
    let (parts, body) = res.into_parts();
    (
        parts.status,
        parts.headers,
        body.collect().await.unwrap().to_bytes().to_vec(),
    )
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .unwrap();
    out
}

/// Headers that legitimately differ between two answers (time, framing).
fn comparable(headers: &http::HeaderMap) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = headers
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "date" | "content-length" | "transfer-encoding"))
        .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap().to_owned()))
        .collect();
    v.sort();
    v
}

/// A cached answer (the fast path) carries the same status, headers and body as the first
/// answer, which went through every layer: plain, gzip, with an Origin, by bearer token.
#[tokio::test]
async fn a_cache_hit_answers_exactly_like_the_full_stack() {
    let app = TestApp::new(reeldb_store::testing::TestEngine::Sqlite)
        .await
        .with_demo()
        .await;
    let uri = "/3/tv/1399/season/1?append_to_response=credits";
    let variants: Vec<(&str, Vec<(&str, String)>)> = vec![
        ("plain", vec![]),
        (
            "gzip",
            vec![("accept-encoding", "gzip, deflate, br".into())],
        ),
        ("origin", vec![("origin", "http://example.com".into())]),
        (
            "bearer",
            vec![("authorization", format!("Bearer {}", app.key))],
        ),
    ];
    for (name, headers) in variants {
        let state = AppState::new(app.db.store.clone(), config(Duration::from_secs(3600)));
        let build = || {
            let with_key = if name == "bearer" {
                uri.to_owned()
            } else {
                format!("{uri}&api_key={}", app.key)
            };
            let mut req = Request::get(with_key);
            for (k, v) in &headers {
                req = req.header(*k, v);
            }
            req.body(Body::empty()).unwrap()
        };
        // The second request is the one whose body the cache keeps.
        send(&state, build()).await;
        let first = send(&state, build()).await;
        assert_eq!(first.0, StatusCode::OK, "{name}");
        assert_eq!(state.cached_responses(), 1, "{name}");
        let second = send(&state, build()).await;
        assert_eq!(second.0, first.0, "{name}");
        assert_eq!(
            comparable(&second.1),
            comparable(&first.1),
            "{name}: headers"
        );
        let decode = |h: &http::HeaderMap, b: &[u8]| {
            if h.get("content-encoding").is_some() {
                gunzip(b)
            } else {
                b.to_vec()
            }
        };
        assert_eq!(
            decode(&second.1, &second.2),
            decode(&first.1, &first.2),
            "{name}: body"
        );
        if name == "gzip" {
            assert_eq!(second.1["content-encoding"], "gzip");
        }
        // Conditional and HEAD requests still get their answers once the entry is cached.
        let etag = first.1["etag"].to_str().unwrap().to_owned();
        let mut req = build();
        req.headers_mut()
            .insert("if-none-match", etag.parse().unwrap());
        let (status, _, body) = send(&state, req).await;
        assert_eq!(
            (status, body.len()),
            (StatusCode::NOT_MODIFIED, 0),
            "{name}"
        );
        let mut req = build();
        *req.method_mut() = http::Method::HEAD;
        let (status, h, body) = send(&state, req).await;
        assert_eq!((status, body.len()), (StatusCode::OK, 0), "{name}");
        assert_eq!(h["etag"].to_str().unwrap(), etag);
    }
    // An unknown key never reaches a cached body.
    let state = AppState::new(app.db.store.clone(), config(Duration::from_secs(3600)));
    send(
        &state,
        Request::get(format!("{uri}&api_key={}", app.key))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    let (status, _, _) = send(
        &state,
        Request::get(format!("{uri}&api_key=0123456789abcdef0123456789abcdef"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    app.cleanup().await;
}
