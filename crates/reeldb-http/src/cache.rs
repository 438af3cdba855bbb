//! The response cache: finished bodies of successful reads, keyed by path and query (without
//! credentials), with their ETag. Every catalog write bumps a version in the database; the
//! cache checks it at most once per `check_every` and drops everything when it moved, so a
//! write is visible within that interval on every node sharing the database.

use crate::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use bytes::Bytes;
use http::{HeaderValue, Method, StatusCode, header};
use quick_cache::Weighter;
use quick_cache::sync::Cache;
use sha2::{Digest, Sha256};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// One cached response.
#[derive(Clone)]
pub struct Cached {
    pub body: Bytes,
    pub etag: HeaderValue,
    version: i64,
}

#[derive(Clone)]
struct ByteWeighter;

impl Weighter<String, Arc<Cached>> for ByteWeighter {
    fn weight(&self, key: &String, val: &Arc<Cached>) -> u64 {
        (key.len() + val.body.len() + 64) as u64
    }
}

/// A bounded cache of response bodies.
pub struct ResponseCache {
    entries: Cache<String, Arc<Cached>, ByteWeighter>,
    version: AtomicI64,
    started: Instant,
    checked_at_ms: AtomicU64,
    check_every: Duration,
}

impl ResponseCache {
    /// A cache holding about `capacity_bytes` of bodies.
    pub fn new(capacity_bytes: u64, check_every: Duration) -> ResponseCache {
        ResponseCache {
            entries: Cache::with_weighter(
                (capacity_bytes / 8192).max(16) as usize,
                capacity_bytes.max(1),
                ByteWeighter,
            ),
            version: AtomicI64::new(i64::MIN),
            started: Instant::now(),
            checked_at_ms: AtomicU64::new(0),
            check_every,
        }
    }

    /// How many responses are held.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is held.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Re-reads the catalog version when the last check is older than `check_every`; one
    /// request does it while the others go on with the version they know.
    async fn current_version(&self, state: &AppState) -> Option<i64> {
        let now_ms = self.started.elapsed().as_millis() as u64 + 1;
        let last = self.checked_at_ms.load(Ordering::Acquire);
        let due = last == 0 || now_ms.saturating_sub(last) >= self.check_every.as_millis() as u64;
        if due
            && self
                .checked_at_ms
                .compare_exchange(last, now_ms, Ordering::AcqRel, Ordering::Relaxed)
                .is_ok()
        {
            match state.store.catalog_version().await {
                Ok(v) => {
                    if self.version.swap(v, Ordering::AcqRel) != v {
                        self.entries.clear();
                    }
                }
                Err(e) => {
                    tracing::warn!(error = %e, "reading the catalog version");
                    self.checked_at_ms.store(0, Ordering::Release);
                    return None;
                }
            }
        }
        let v = self.version.load(Ordering::Acquire);
        (v != i64::MIN).then_some(v)
    }
}

/// A weak ETag over a body.
pub fn etag_of(body: &[u8]) -> HeaderValue {
    let digest = Sha256::digest(body);
    HeaderValue::from_str(&format!("W/\"{}\"", hex::encode(&digest[..16])))
        .unwrap_or(HeaderValue::from_static("W/\"0\""))
}

/// The cache key: the path and the query's parameters in order, without credentials.
fn cache_key(req: &Request) -> String {
    let mut pairs: Vec<(String, String)> =
        url::form_urlencoded::parse(req.uri().query().unwrap_or_default().as_bytes())
            .filter(|(k, v)| !k.is_empty() && !v.is_empty() && k != "api_key")
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
    pairs.sort();
    let mut key = req.uri().path().to_owned();
    for (i, (k, v)) in pairs.iter().enumerate() {
        key.push(if i == 0 { '?' } else { '&' });
        key.push_str(k);
        key.push('=');
        key.push_str(v);
    }
    key
}

fn respond(body: Bytes, etag: HeaderValue) -> Response {
    let mut res = Response::new(Body::from(body));
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json;charset=utf-8"),
    );
    res.headers_mut().insert(header::ETAG, etag);
    res
}

/// Serves GETs from the cache and fills it with successful responses (route layer, after auth).
pub async fn response_cache(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Some(cache) = state.cache.clone() else {
        return next.run(req).await;
    };
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return next.run(req).await;
    }
    let Some(version) = cache.current_version(&state).await else {
        return next.run(req).await;
    };
    let key = cache_key(&req);
    if let Some(hit) = cache.entries.get(&key)
        && hit.version == version
    {
        return respond(hit.body.clone(), hit.etag.clone());
    }
    let res = next.run(req).await;
    if res.status() != StatusCode::OK {
        return res;
    }
    let (parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return crate::error::envelope(reeldb_wire::Status::InternalError);
    };
    let etag = etag_of(&bytes);
    // Only a response computed under the version still current may be kept.
    if cache.version.load(Ordering::Acquire) == version {
        cache.entries.insert(
            key,
            Arc::new(Cached {
                body: bytes.clone(),
                etag: etag.clone(),
                version,
            }),
        );
    }
    let mut res = Response::from_parts(parts, Body::from(bytes));
    res.headers_mut().insert(header::ETAG, etag);
    res
}
