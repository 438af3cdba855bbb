//! A running server keeps its search index current: a title imported through the normal
//! import path (a write transaction and its change log) is found over HTTP within 2 seconds,
//! without a restart or a rebuild, though the search before the write was in the response
//! cache. On every engine.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{TestApp, engines, fixture};
use reeldb_http::AppState;
use serde_json::Value;
use std::time::{Duration, Instant};

/// Serves `state`'s app on a free port: its address and the server task.
async fn serve(
    state: AppState,
) -> (
    std::net::SocketAddr,
    tokio::task::JoinHandle<std::io::Result<()>>,
) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = reeldb_http::app(state);
    let server = tokio::spawn(async move {
        axum::serve(
            listener,
            axum::ServiceExt::<axum::extract::Request>::into_make_service(router),
        )
        .await
    });
    (addr, server)
}

/// A new movie, as details (TMDB's Star Wars example under a new id and title).
fn new_movie(id: i64, title: &str) -> Value {
    let mut details = fixture("movie-details").response;
    details["id"] = id.into();
    details["title"] = title.into();
    details["original_title"] = title.into();
    details["imdb_id"] = Value::Null;
    details["belongs_to_collection"] = Value::Null;
    details
}

#[tokio::test]
async fn an_imported_title_is_searchable_within_two_seconds() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        // The server as `reeldb serve` starts it: the index prepared, then its updater.
        let (index, prepared) = reeldb_search::updater::prepare(None, &app.db.store, false)
            .await
            .unwrap();
        assert!(prepared.rebuilt);
        let updater = reeldb_search::updater::spawn(
            index.clone(),
            app.db.store.clone(),
            reeldb_search::updater::POLL_EVERY,
        );
        // The response cache as `reeldb serve` runs it: the catalog version re-read once a
        // second.
        let config = reeldb_http::HttpConfig {
            cache_check_every: Duration::from_secs(1),
            ..app.config.clone()
        };
        let state = AppState::with_search(app.db.store.clone(), config, Some(index.clone()));
        let (addr, server) = serve(state.clone()).await;
        let url = format!(
            "http://{addr}/3/search/movie?query=zyzzyva&api_key={}",
            app.key
        );
        let client = reqwest::Client::new();
        let before: Value = client.get(&url).send().await.unwrap().json().await.unwrap();
        assert_eq!(before["total_results"], 0, "{engine:?}");
        // Asked again, the answer of the current index is kept (from a key's second miss).
        let again: Value = client.get(&url).send().await.unwrap().json().await.unwrap();
        assert_eq!(again, before, "{engine:?}");
        assert_eq!(state.cached_responses(), 1, "{engine:?}");

        // A new movie, imported as details.
        let details = new_movie(990_777, "Zyzzyva Rising");
        let written = Instant::now();
        app.import("/3/movie/990777", &details).await;
        let found = loop {
            let got: Value = client.get(&url).send().await.unwrap().json().await.unwrap();
            if got["results"][0]["id"] == 990_777 {
                break written.elapsed();
            }
            assert!(
                written.elapsed() < Duration::from_secs(2),
                "{engine:?}: not searchable 2 s after the write: {got}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        eprintln!(
            "{engine:?}: searchable {} ms after the write",
            found.as_millis()
        );
        updater.abort();
        server.abort();
        app.cleanup().await;
    }
}

/// While the index is still being prepared a search waits for it; one that waits longer than
/// `INDEX_WAIT` gets TMDB's 503/9, and the other routes answer meanwhile.
#[tokio::test]
async fn a_search_waits_for_the_index_then_answers_service_offline() {
    let app = TestApp::new(engines()[0]).await;
    let (handle, ready) = reeldb_http::SearchHandle::pending();
    let (addr, server) = serve(AppState::with_search_handle(
        app.db.store.clone(),
        app.config.clone(),
        Some(handle),
    ))
    .await;
    let client = reqwest::Client::new();
    let key = &app.key;
    let other = client
        .get(format!("http://{addr}/3/configuration?api_key={key}"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        other.status(),
        200,
        "other routes do not wait for the index"
    );
    let url = format!("http://{addr}/3/search/movie?query=anything&api_key={key}");
    let started = Instant::now();
    let res = client.get(&url).send().await.unwrap();
    assert_eq!(res.status(), 503);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["status_code"], 9, "{body}");
    assert!(started.elapsed() >= reeldb_http::search::INDEX_WAIT);
    // Once the index is handed over, searches answer.
    let index = std::sync::Arc::new(reeldb_search::SearchIndex::in_memory().unwrap());
    ready.set(Some(index));
    let res = client.get(&url).send().await.unwrap();
    assert_eq!(res.status(), 200);
    server.abort();
    app.cleanup().await;
}

/// The response cache keeps a search only when the index holds every change the catalog has
/// logged: answers read from a lagging index are never kept, and once it has caught up they
/// are. Discover pages the index answers follow the same rule.
#[tokio::test]
async fn only_answers_of_a_current_index_are_cached() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        // No updater: the index catches up only when told to.
        let (index, _) = reeldb_search::updater::prepare(None, &app.db.store, false)
            .await
            .unwrap();
        let state = AppState::with_search(
            app.db.store.clone(),
            app.config.clone(),
            Some(index.clone()),
        );
        let (addr, server) = serve(state.clone()).await;
        let client = reqwest::Client::new();
        let key = &app.key;
        let search = format!("http://{addr}/3/search/movie?query=zyzzyva&api_key={key}");
        let discover = format!("http://{addr}/3/discover/movie?sort_by=title.asc&api_key={key}");
        let twice = |url: String| {
            let client = client.clone();
            async move {
                let mut last = Value::Null;
                for _ in 0..2 {
                    last = client.get(&url).send().await.unwrap().json().await.unwrap();
                }
                last
            }
        };

        // A write the index has not caught up with: nothing is kept, however often asked.
        let details = new_movie(990_778, "Zyzzyva Falls");
        app.import("/3/movie/990778", &details).await;
        let lagging = twice(search.clone()).await;
        assert_eq!(lagging["total_results"], 0, "{engine:?}");
        twice(discover.clone()).await;
        assert_eq!(state.cached_responses(), 0, "{engine:?}");

        // Caught up: the new title is found, and both answers are kept.
        let i = index.clone();
        app.db
            .store
            .run(move |d| i.catch_up(d).map_err(reeldb_store::StoreError::from))
            .await
            .unwrap();
        let current = twice(search.clone()).await;
        assert_eq!(current["results"][0]["id"], 990_778, "{engine:?}");
        twice(discover.clone()).await;
        assert_eq!(state.cached_responses(), 2, "{engine:?}");
        server.abort();
        app.cleanup().await;
    }
}
