//! The app served over real TCP, as `reeldb serve` does: the seed request, gzip on the wire, a
//! 404 envelope, and graceful shutdown.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{TestApp, engines};
use reeldb_http::AppState;
use serde_json::Value;
use std::io::Read;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

const SEED: &str = "/3/tv/93405/season/2/episode/1/credits";

/// A server on a free local port, stopped through `stop`.
struct Server {
    addr: SocketAddr,
    stop: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
}

async fn serve(app: &TestApp) -> Server {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = reeldb_http::app(AppState::new(app.db.store.clone(), app.config.clone()));
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        axum::serve(
            listener,
            axum::ServiceExt::<axum::extract::Request>::into_make_service(router),
        )
        .with_graceful_shutdown(async {
            let _ = stopped.await;
        })
        .await
    });
    Server { addr, stop, task }
}

impl Server {
    fn url(&self, path: &str, key: &str) -> String {
        format!("http://{}{path}?api_key={key}", self.addr)
    }

    /// Signals shutdown and waits for the server task to end.
    async fn shutdown(self) {
        self.stop.send(()).unwrap();
        let ended = tokio::time::timeout(Duration::from_secs(10), self.task)
            .await
            .expect("the server task ends after the shutdown signal");
        ended.expect("the server task did not panic").unwrap();
    }
}

fn seed_response() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../reeldb-import/demo/catalog.jsonl"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let last: Value =
        serde_json::from_str(text.lines().rfind(|l| !l.trim().is_empty()).unwrap()).unwrap();
    assert_eq!(last["request"], SEED);
    last["response"].clone()
}

#[tokio::test]
async fn seed_request_over_tcp_matches_the_demo_catalog_exactly() {
    let expected = seed_response();
    for engine in engines() {
        let app = TestApp::new(engine).await.with_demo().await;
        let server = serve(&app).await;
        let res = reqwest::get(server.url(SEED, &app.key)).await.unwrap();
        assert_eq!(res.status(), reqwest::StatusCode::OK);
        assert_eq!(
            res.headers()["content-type"],
            "application/json;charset=utf-8"
        );
        assert!(res.headers()["etag"].to_str().unwrap().starts_with("W/\""));
        let got: Value = serde_json::from_slice(&res.bytes().await.unwrap()).unwrap();
        // Exact: no number normalisation.
        assert_eq!(got, expected);
        server.shutdown().await;
        app.cleanup().await;
    }
}

#[tokio::test]
async fn gzip_over_the_wire_unzips_to_the_plain_body() {
    for engine in engines() {
        let app = TestApp::new(engine).await.with_demo().await;
        let server = serve(&app).await;
        // A client that neither asks for nor decodes gzip by itself.
        let raw = reqwest::Client::builder().no_gzip().build().unwrap();
        let url = server.url("/3/tv/1399/season/1", &app.key);
        let plain = raw.get(&url).send().await.unwrap();
        assert_eq!(plain.status(), reqwest::StatusCode::OK);
        assert!(plain.headers().get("content-encoding").is_none());
        let plain = plain.bytes().await.unwrap();
        let zipped = raw
            .get(&url)
            .header("accept-encoding", "gzip")
            .send()
            .await
            .unwrap();
        assert_eq!(zipped.status(), reqwest::StatusCode::OK);
        assert_eq!(zipped.headers()["content-encoding"], "gzip");
        assert_eq!(zipped.headers()["vary"], "Accept-Encoding, Origin");
        let zipped = zipped.bytes().await.unwrap();
        assert!(zipped.len() < plain.len());
        let mut unzipped = Vec::new();
        flate2::read::GzDecoder::new(&zipped[..])
            .read_to_end(&mut unzipped)
            .unwrap();
        assert_eq!(unzipped, plain);
        // A gzip-decoding client sees the same JSON.
        let auto: Value = reqwest::get(&url).await.unwrap().json().await.unwrap();
        assert_eq!(auto, serde_json::from_slice::<Value>(&plain).unwrap());
        server.shutdown().await;
        app.cleanup().await;
    }
}

#[tokio::test]
async fn unknown_route_over_tcp_is_a_404_envelope() {
    for engine in engines() {
        let app = TestApp::new(engine).await.with_demo().await;
        let server = serve(&app).await;
        for url in [
            server.url("/3/nope", &app.key),
            format!("http://{}/3/nope", server.addr),
        ] {
            let res = reqwest::get(&url).await.unwrap();
            assert_eq!(res.status(), reqwest::StatusCode::NOT_FOUND, "{url}");
            assert_eq!(
                res.headers()["content-type"],
                "application/json;charset=utf-8"
            );
            assert!(res.headers().get("etag").is_none());
            let v: Value = res.json().await.unwrap();
            assert_eq!(
                v,
                serde_json::json!({
                    "success": false,
                    "status_code": 34,
                    "status_message": "The resource you requested could not be found."
                })
            );
        }
        server.shutdown().await;
        app.cleanup().await;
    }
}

#[tokio::test]
async fn graceful_shutdown_ends_the_server_task() {
    for engine in engines() {
        let app = TestApp::new(engine).await.with_demo().await;
        let server = serve(&app).await;
        let addr = server.addr;
        // A client that keeps its idle keep-alive connection open across the shutdown.
        let client = reqwest::Client::new();
        let res = client
            .get(server.url("/3/authentication", &app.key))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), reqwest::StatusCode::OK);
        let _ = res.bytes().await.unwrap();
        assert!(!server.task.is_finished());
        server.shutdown().await;
        // Nothing listens any more.
        assert!(tokio::net::TcpStream::connect(addr).await.is_err());
        drop(client);
        app.cleanup().await;
    }
}
