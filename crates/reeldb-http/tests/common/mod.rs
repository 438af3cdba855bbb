//! Shared test harness: a `TestApp` over a fresh catalog on each engine, requests sent
//! in-process through the real router, and JSON comparison that treats `8` and `8.0` alike.
#![allow(dead_code, unused_imports, clippy::unwrap_used, clippy::expect_used)]

use axum::body::Body;
use http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use reeldb_http::{AppState, HttpConfig};
use reeldb_import::Record;
use reeldb_store::testing::{TestDb, TestEngine};
use serde_json::Value;
use tower::ServiceExt;

pub use reeldb_store::testing::engines;

pub struct TestApp {
    pub db: TestDb,
    pub key: String,
    pub config: HttpConfig,
    /// The search index the app serves (`with_search`); kept current after each import.
    pub search: Option<std::sync::Arc<reeldb_search::SearchIndex>>,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", String::from_utf8_lossy(&self.body)))
    }
    /// Asserts a TMDB error envelope with this HTTP status and code.
    pub fn assert_error(&self, http: u16, code: u64) {
        assert_eq!(
            self.status.as_u16(),
            http,
            "body: {}",
            String::from_utf8_lossy(&self.body)
        );
        let v = self.json();
        assert_eq!(v["success"], Value::Bool(false), "{v}");
        assert_eq!(v["status_code"], Value::from(code), "{v}");
        assert!(v["status_message"].as_str().is_some_and(|m| !m.is_empty()));
        assert!(self.headers.get("etag").is_none(), "errors carry no ETag");
    }
}

impl TestApp {
    pub async fn new(engine: TestEngine) -> TestApp {
        let db = TestDb::new(engine).await.expect("test database");
        let key = db.store.create_api_key().await.unwrap();
        TestApp {
            db,
            key,
            config: HttpConfig::default(),
            search: None,
        }
    }

    /// Serves the search routes from an in-memory index built from the catalog now and caught
    /// up after each `import`.
    pub async fn with_search(mut self) -> TestApp {
        let index = std::sync::Arc::new(reeldb_search::SearchIndex::in_memory().unwrap());
        self.search = Some(index);
        self.sync_search().await;
        self
    }

    /// Brings the search index up to the catalog (what the server's updater does).
    pub async fn sync_search(&self) {
        if let Some(index) = self.search.clone() {
            self.db
                .store
                .run(move |db| index.catch_up(db))
                .await
                .expect("search index catch-up");
        }
    }

    pub async fn with_demo(self) -> TestApp {
        reeldb_import::demo::load(&self.db.store)
            .await
            .expect("demo catalog");
        self
    }

    /// Imports one record, asserting that the import kept every field of the response (no
    /// wire struct dropped one).
    pub async fn import(&self, request: &str, response: &Value) {
        let rec = Record {
            request: request.to_owned(),
            response: response.clone(),
        };
        let done = reeldb_import::import_tracked(&self.db.store, &rec)
            .await
            .unwrap_or_else(|e| panic!("import {request}: {e}"));
        assert_nothing_dropped(request, &done.dropped);
        self.sync_search().await;
    }

    pub async fn send(&self, req: Request<Body>) -> Reply {
        let app = reeldb_http::app(AppState::with_search(
            self.db.store.clone(),
            self.config.clone(),
            self.search.clone(),
        ));
        let res = app.oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
        Reply {
            status,
            headers,
            body,
        }
    }

    /// GET with the test key as `api_key`.
    pub async fn get(&self, path_and_query: &str) -> Reply {
        let sep = if path_and_query.contains('?') {
            '&'
        } else {
            '?'
        };
        let uri = format!("{path_and_query}{sep}api_key={}", self.key);
        self.send(Request::get(uri).body(Body::empty()).unwrap())
            .await
    }

    /// GET expecting 200, returning the JSON.
    pub async fn get_json(&self, path_and_query: &str) -> Value {
        let r = self.get(path_and_query).await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "{path_and_query}: {}",
            String::from_utf8_lossy(&r.body)
        );
        r.json()
    }

    pub async fn cleanup(self) {
        self.db.cleanup().await;
    }
}

/// Asserts an import kept every field of its response.
pub fn assert_nothing_dropped(request: &str, dropped: &reeldb_import::Dropped) {
    assert!(dropped.is_empty(), "import {request} {dropped}");
}

/// A spec fixture: TMDB's example request and response for one operation.
pub struct Fixture {
    pub request: String,
    pub response: Value,
}

pub fn fixture(operation_id: &str) -> Fixture {
    let path = format!(
        "{}/tests/fixtures/spec/{operation_id}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    Fixture {
        request: v["request"].as_str().unwrap().to_owned(),
        response: v["response"].clone(),
    }
}

/// Numbers as f64, so `8` and `8.0` compare equal; everything else as is.
pub fn normalize(v: &Value) -> Value {
    match v {
        Value::Number(n) => n
            .as_f64()
            .map(Value::from)
            .unwrap_or(Value::Number(n.clone())),
        Value::Array(a) => Value::Array(a.iter().map(normalize).collect()),
        Value::Object(o) => {
            Value::Object(o.iter().map(|(k, v)| (k.clone(), normalize(v))).collect())
        }
        other => other.clone(),
    }
}

/// Asserts two JSON documents are equal (key order free, numbers by value), pointing at the
/// first difference.
pub fn assert_same_json(actual: &Value, expected: &Value, context: &str) {
    let (a, e) = (normalize(actual), normalize(expected));
    if a != e {
        let diff = first_difference(&a, &e, String::from("$"));
        panic!("{context}: JSON differs at {diff}");
    }
}

fn first_difference(a: &Value, e: &Value, at: String) -> String {
    match (a, e) {
        (Value::Object(ao), Value::Object(eo)) => {
            for k in eo.keys() {
                match ao.get(k) {
                    None => return format!("{at}.{k}: missing (expected {})", short(&eo[k])),
                    Some(av) if av != &eo[k] => {
                        return first_difference(av, &eo[k], format!("{at}.{k}"));
                    }
                    _ => {}
                }
            }
            for k in ao.keys() {
                if !eo.contains_key(k) {
                    return format!("{at}.{k}: unexpected {}", short(&ao[k]));
                }
            }
            at
        }
        (Value::Array(aa), Value::Array(ea)) => {
            if aa.len() != ea.len() {
                return format!("{at}: {} items, expected {}", aa.len(), ea.len());
            }
            for (i, (x, y)) in aa.iter().zip(ea).enumerate() {
                if x != y {
                    return first_difference(x, y, format!("{at}[{i}]"));
                }
            }
            at
        }
        _ => format!("{at}: got {}, expected {}", short(a), short(e)),
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.len() > 200 {
        format!("{}...", &s[..200])
    } else {
        s
    }
}

/// How many bodies the response cache holds once each of `paths` was requested three times
/// (each expecting 200) through one fresh, long-lived app whose cache checks the catalog version
/// on every request.
pub async fn cached_after(app: &TestApp, paths: &[&str]) -> usize {
    let state = AppState::new(
        app.db.store.clone(),
        HttpConfig {
            cache_check_every: std::time::Duration::ZERO,
            ..HttpConfig::default()
        },
    );
    for _ in 0..3 {
        for path in paths {
            let res = reeldb_http::app(state.clone())
                .oneshot(
                    Request::get(format!("{path}?api_key={}", app.key))
                        .body(Body::empty())
                        .unwrap(),
                )
                .await
                .unwrap();
            assert_eq!(res.status(), StatusCode::OK, "{path}");
            res.into_body().collect().await.unwrap();
        }
    }
    state.cached_responses()
}
