//! The app: every section's routes merged, then the layers, outermost last.

use crate::cache::{EXPOSED_HEADERS, fast_path, response_cache};
use crate::error::envelope;
use crate::middleware::{envelope_guard, require_key, tmdb_headers};
use crate::{
    AppState, authentication, certification, changes, collection, company, configuration, credit,
    discover, find, genre, keyword, movie, movie_lists, network, person, review, search, trending,
    tv_episode, tv_episode_group, tv_lists, tv_season, tv_series, tv_series_extra, watch_provider,
};
use axum::Router;
use axum::middleware::{from_fn, from_fn_with_state};
use http::{HeaderName, HeaderValue, Method, header};
use reeldb_wire::Status;
use std::time::Duration;
use tower::Layer;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowHeaders, Any, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::normalize_path::{NormalizePath, NormalizePathLayer};
use tower_http::timeout::TimeoutLayer;

/// The largest request body reeldb reads.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Every TMDB route reeldb serves, without layers (the coverage test walks this).
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(authentication::routes())
        .merge(tv_season::routes())
        .merge(tv_episode::routes())
        .merge(network::routes())
        .merge(review::routes())
        .merge(changes::routes())
        .merge(tv_series_extra::routes())
        .merge(tv_episode_group::routes())
        .merge(person::routes())
        .merge(credit::routes())
        .merge(tv_series::routes())
        .merge(tv_lists::routes())
        .merge(genre::routes())
        .merge(configuration::routes())
        .merge(certification::routes())
        .merge(movie::routes())
        .merge(movie_lists::routes())
        .merge(collection::routes())
        .merge(company::routes())
        .merge(keyword::routes())
        .merge(find::routes())
        .merge(trending::routes())
        .merge(watch_provider::routes())
        .merge(discover::routes())
        .merge(search::routes())
}

/// The whole app, trailing slashes trimmed before routing.
pub fn app(state: AppState) -> NormalizePath<Router> {
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST, Method::DELETE, Method::OPTIONS])
        // Echo the requested headers: a `*` wildcard does not cover `Authorization` (Fetch
        // standard), so browsers would refuse `Authorization: Bearer` requests.
        .allow_headers(AllowHeaders::mirror_request())
        .expose_headers(
            EXPOSED_HEADERS
                .split(',')
                .map(HeaderName::from_static)
                .collect::<Vec<_>>(),
        );
    // Route layers run outermost-last: auth first, then the response cache.
    let router = routes()
        .route_layer(from_fn_with_state(state.clone(), response_cache))
        .route_layer(from_fn_with_state(state.clone(), require_key))
        .route("/metrics", axum::routing::get(crate::metrics::metrics))
        .fallback(|| async { envelope(Status::NotFound) })
        .method_not_allowed_fallback(|| async { envelope(Status::MethodNotSupported) })
        .layer(from_fn_with_state(state.clone(), tmdb_headers))
        .layer(CatchPanicLayer::custom(|_| envelope(Status::InternalError)))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            http::StatusCode::GATEWAY_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(from_fn(envelope_guard))
        .layer(CompressionLayer::new().gzip(true))
        .layer(cors)
        .layer(axum::middleware::map_response(vary))
        .with_state(state.clone());
    // The fast path and the request log wrap the whole router rather than each route: a layer
    // given to `Router::layer` is cloned with its route's whole stack on every request (the
    // CORS layer's vectors included) after the route is matched, which a cache hit never
    // needs. The outer router has no routes of its own; everything goes to its fallback.
    let router = Router::new()
        .fallback_service(router)
        .layer(from_fn_with_state(state, fast_path))
        // One INFO line per request (method, path, status, latency), outermost so it covers
        // the fast path too. The path only: the query may carry an api_key or session id,
        // which never goes to the logs.
        .layer(from_fn(access_log));
    NormalizePathLayer::trim_trailing_slash().layer(router)
}

/// Logs one event per request, target `reeldb::access`. A single event without a span: a span
/// per request (as `tower_http`'s trace layer makes) cost about a tenth of hot throughput.
async fn access_log(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    if !tracing::enabled!(target: "reeldb::access", tracing::Level::INFO) {
        return next.run(req).await;
    }
    let started = std::time::Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let res = next.run(req).await;
    tracing::info!(
        target: "reeldb::access",
        %method,
        path,
        status = res.status().as_u16(),
        micros = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX),
    );
    res
}

/// TMDB's `Vary`, replacing the partial ones the CORS and compression layers set.
async fn vary(mut res: axum::response::Response) -> axum::response::Response {
    res.headers_mut().insert(
        header::VARY,
        HeaderValue::from_static("Accept-Encoding, Origin"),
    );
    res
}
