//! The response cache: finished bodies of successful reads, keyed by path and query (without
//! credentials), with their ETag. A body is kept from its second request on (see
//! `ResponseCache::admit`). Every catalog write bumps a version in the database; the
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
pub struct Cached {
    pub body: Bytes,
    pub etag: HeaderValue,
    version: i64,
    /// When the body stops being the answer whatever the catalog (see [`ExpiresAt`]).
    expires: Option<std::time::Instant>,
    /// The gzipped body, made on the first request that accepts gzip.
    gzipped: std::sync::OnceLock<Bytes>,
}

impl Cached {
    fn gzipped(&self) -> Bytes {
        self.gzipped
            .get_or_init(|| {
                use std::io::Write;
                let mut gz =
                    flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
                // Writing to a Vec cannot fail.
                let _ = gz.write_all(&self.body);
                Bytes::from(gz.finish().unwrap_or_default())
            })
            .clone()
    }
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
    /// Keys missed once: a body is kept on its key's second miss (TinyLFU's "doorkeeper"), so
    /// a stream of one-off requests over millions of ids does not fill and churn the cache. One
    /// fingerprint per slot; a collision only delays or hastens one admission.
    seen: Box<[AtomicU64]>,
    hasher: std::collections::hash_map::RandomState,
    /// Requests answered from the cache, and requests it looked up and did not hold.
    pub(crate) hits: prometheus_client::metrics::counter::Counter,
    pub(crate) misses: prometheus_client::metrics::counter::Counter,
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
            seen: (0..((capacity_bytes / 8192).max(256) * 4).next_power_of_two())
                .map(|_| AtomicU64::new(0))
                .collect(),
            hasher: Default::default(),
            hits: Default::default(),
            misses: Default::default(),
        }
    }

    /// Whether a missed key has been missed before (and so its body is worth keeping); records
    /// this miss either way.
    fn admit(&self, key: &str) -> bool {
        use std::hash::BuildHasher;
        let h = self.hasher.hash_one(key) | 1;
        let slot = &self.seen[(h as usize) & (self.seen.len() - 1)];
        slot.swap(h, Ordering::Relaxed) == h
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

/// The cache key: the path (trailing slashes trimmed, as routing does) and the query's
/// parameters in order, without credentials.
fn cache_key(req: &Request) -> String {
    let mut pairs: Vec<(std::borrow::Cow<'_, str>, std::borrow::Cow<'_, str>)> =
        url::form_urlencoded::parse(req.uri().query().unwrap_or_default().as_bytes())
            .filter(|(k, v)| !k.is_empty() && !v.is_empty() && k != "api_key")
            .collect();
    pairs.sort_unstable();
    let path = req.uri().path().trim_end_matches('/');
    let mut key = String::with_capacity(path.len() + req.uri().query().map_or(0, str::len) + 1);
    key.push_str(if path.is_empty() { "/" } else { path });
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

/// A response extension: the body depends on more than the catalog (today's date, for the
/// airing lists), so the cache never keeps it.
#[derive(Debug, Clone, Copy)]
pub struct Uncacheable;

/// A response extension: the body holds for the current catalog until this instant only (a
/// trending window moves on each hour), so the cache keeps it until then.
#[derive(Debug, Clone, Copy)]
pub struct ExpiresAt(pub std::time::Instant);

impl Cached {
    /// Whether this entry answers for `version` now.
    fn fresh(&self, version: i64) -> bool {
        self.version == version && self.expires.is_none_or(|t| std::time::Instant::now() < t)
    }
}

/// Serves GETs from the cache and fills it with successful responses (route layer, after auth).
pub async fn response_cache(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Some(cache) = state.cache.as_ref() else {
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
        && hit.fresh(version)
    {
        cache.hits.inc();
        return respond(hit.body.clone(), hit.etag.clone());
    }
    cache.misses.inc();
    if !cache.admit(&key) {
        // First miss of this key: answer without keeping the body (tmdb_headers adds the ETag).
        return next.run(req).await;
    }
    let res = next.run(req).await;
    if res.status() != StatusCode::OK || res.extensions().get::<Uncacheable>().is_some() {
        return res;
    }
    let expires = res.extensions().get::<ExpiresAt>().map(|e| e.0);
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
                expires,
                gzipped: std::sync::OnceLock::new(),
            }),
        );
    }
    let mut res = Response::from_parts(parts, Body::from(bytes));
    res.headers_mut().insert(header::ETAG, etag);
    res
}

/// The headers the outer layers (CORS, `Vary`, caching) put on every successful read; the fast
/// path sets the same ones. `tests/response_cache.rs` compares the two paths header by header.
pub(crate) const EXPOSED_HEADERS: &str =
    "etag,x-ratelimit-limit,x-ratelimit-remaining,x-ratelimit-reset,retry-after";

/// Whether `Accept-Encoding` allows gzip: `Some(true)` yes, `Some(false)` no (absent or only
/// identity), `None` for anything this check does not read with certainty.
fn accepts_gzip(headers: &http::HeaderMap) -> Option<bool> {
    let mut gzip = false;
    for value in headers.get_all(header::ACCEPT_ENCODING) {
        for item in value.to_str().ok()?.split(',') {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
            let q = parts.find_map(|p| p.trim().strip_prefix("q=").map(str::to_owned));
            let allowed = q.is_none_or(|q| q.trim().parse::<f32>().is_ok_and(|q| q > 0.0));
            match name.as_str() {
                "gzip" => gzip |= allowed,
                "" | "identity" => {}
                _ => return None,
            }
        }
    }
    Some(gzip)
}

/// The hot path, first inside the trace layer: a GET with a key already known valid whose
/// response is cached goes out at once, with the headers the full stack would give it. Anything
/// else (a miss, an unknown key, conditional or HEAD requests, other encodings) takes the full
/// stack.
pub async fn fast_path(State(state): State<AppState>, req: Request, next: Next) -> Response {
    // Everything needed from the request is read first: the body is not `Sync`, so the request
    // cannot be borrowed across the await below.
    let Some((key, gzip)) = fast_candidate(&state, &req) else {
        return next.run(req).await;
    };
    match hit_response(&state, &key, gzip).await {
        Some(res) => res,
        None => next.run(req).await,
    }
}

/// The cache key and gzip choice of a request the fast path may answer.
fn fast_candidate(state: &AppState, req: &Request) -> Option<(String, bool)> {
    state.cache.as_ref()?;
    if req.method() != Method::GET || req.headers().contains_key(header::IF_NONE_MATCH) {
        return None;
    }
    if state.config.auth_required {
        let key = crate::middleware::credential(req)?.to_ascii_lowercase();
        let known = state
            .valid_keys
            .read()
            .map(|k| k.contains(&key))
            .unwrap_or(false);
        if !known {
            return None;
        }
    }
    Some((cache_key(req), accepts_gzip(req.headers())?))
}

async fn hit_response(state: &AppState, key: &str, gzip: bool) -> Option<Response> {
    let cache = state.cache.as_ref()?;
    let version = cache.current_version(state).await?;
    let hit = cache.entries.get(key).filter(|h| h.fresh(version))?;
    cache.hits.inc();
    let body = if gzip {
        hit.gzipped()
    } else {
        hit.body.clone()
    };
    let mut res = respond(body, hit.etag.clone());
    let h = res.headers_mut();
    if gzip {
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    }
    h.insert(header::CACHE_CONTROL, state.cache_control.clone());
    h.insert(
        header::VARY,
        HeaderValue::from_static("Accept-Encoding, Origin"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    h.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static(EXPOSED_HEADERS),
    );
    Some(res)
}
