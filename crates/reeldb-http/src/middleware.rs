//! Middleware: API-key auth, TMDB's caching headers, and the envelope guard that turns any bare
//! error response (from axum or a tower layer) into TMDB's envelope.

use crate::AppState;
use crate::cache::etag_of;
use crate::error::{envelope, status_for_http};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::{Method, StatusCode, header};
use reeldb_wire::Status;

/// The credential a request carries: `?api_key=` or `Authorization: Bearer`.
pub(crate) fn credential(req: &Request) -> Option<String> {
    if let Some(h) = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
    {
        let h = h.trim();
        if h.len() > 7 && h[..7].eq_ignore_ascii_case("bearer ") {
            return Some(h[7..].trim().to_owned());
        }
    }
    // The first non-empty `api_key`, as `Params` would read it, without building the whole map.
    url::form_urlencoded::parse(req.uri().query().unwrap_or_default().as_bytes())
        .find(|(k, v)| k == "api_key" && !v.trim().is_empty())
        .map(|(_, v)| v.into_owned())
}

/// Requires a valid API key (or the same key as a bearer token) unless auth is off.
pub async fn require_key(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if !state.config.auth_required {
        return next.run(req).await;
    }
    let Some(key) = credential(&req) else {
        return envelope(Status::InvalidApiKey);
    };
    let key = key.to_ascii_lowercase();
    let known = state
        .valid_keys
        .read()
        .map(|k| k.contains(&key))
        .unwrap_or(false);
    if !known {
        match state.store.api_key_is_valid(&key).await {
            Ok(true) => {
                if let Ok(mut k) = state.valid_keys.write() {
                    k.insert(key);
                }
            }
            Ok(false) => return envelope(Status::InvalidApiKey),
            Err(e) => {
                tracing::error!(error = %e, "checking an API key");
                return envelope(Status::InternalError);
            }
        }
    }
    next.run(req).await
}

/// Adds TMDB's headers to successful reads: a weak `ETag` over the body (answering
/// `If-None-Match` with 304), `Cache-Control: public, max-age=N`; errors carry neither.
pub async fn tmdb_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let is_read = req.method() == Method::GET || req.method() == Method::HEAD;
    let if_none_match = req.headers().get(header::IF_NONE_MATCH).cloned();
    let res = next.run(req).await;
    if !is_read || res.status() != StatusCode::OK {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    // The response cache has already hashed what it serves; hash the rest here.
    let (etag_value, body) = match parts.headers.get(header::ETAG) {
        Some(etag) => (etag.clone(), body),
        None => {
            let bytes = match axum::body::to_bytes(body, usize::MAX).await {
                Ok(b) => b,
                Err(_) => return envelope(Status::InternalError),
            };
            (etag_of(&bytes), Body::from(bytes))
        }
    };
    let etag = etag_value.to_str().unwrap_or_default().to_owned();
    let cache = state.cache_control.clone();
    parts.headers.insert(header::ETAG, etag_value.clone());
    parts.headers.insert(header::CACHE_CONTROL, cache);
    let matches = if_none_match
        .as_ref()
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .map(|t| t.trim().trim_start_matches("W/"))
                .any(|t| t == "*" || t == etag.trim_start_matches("W/"))
        });
    if matches {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_TYPE);
        parts.headers.remove(header::CONTENT_LENGTH);
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, body)
}

/// Replaces any error response that is not already a TMDB envelope (axum's own 405, a layer's
/// 413, a timeout) with the envelope for its status.
pub async fn envelope_guard(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    let status = res.status();
    if status.is_client_error() || status.is_server_error() {
        let is_json = res
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        if !is_json {
            return envelope(status_for_http(status));
        }
    }
    res
}
