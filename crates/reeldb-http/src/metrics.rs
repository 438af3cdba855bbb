//! `GET /metrics`: Prometheus counters in the text exposition format (outside `/3`, no key).

use crate::AppState;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::Registry;
use std::sync::atomic::AtomicU64;

/// Serves the current counters.
pub async fn metrics(State(state): State<AppState>) -> Response {
    let mut registry = Registry::with_prefix("reeldb");
    if let Some(cache) = state.cache.as_ref() {
        registry.register(
            "response_cache_hits",
            "Requests answered from the response cache",
            cache.hits.clone(),
        );
        registry.register(
            "response_cache_misses",
            "Requests the response cache looked up and did not hold",
            cache.misses.clone(),
        );
        let held: Gauge = Gauge::default();
        held.set(i64::try_from(cache.len()).unwrap_or(i64::MAX));
        registry.register(
            "response_cache_entries",
            "Responses held by the response cache",
            held,
        );
    }
    let statements: Counter<u64, AtomicU64> = Counter::default();
    statements.inc_by(state.store.statements_run());
    registry.register(
        "database_statements",
        "SQL statements run by this process",
        statements,
    );
    let mut body = String::new();
    if encode(&mut body, &registry).is_err() {
        return crate::error::envelope(reeldb_wire::Status::InternalError);
    }
    (
        [(
            http::header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        body,
    )
        .into_response()
}
