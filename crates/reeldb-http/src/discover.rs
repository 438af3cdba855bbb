//! TMDB section "Discover": `/3/discover/movie` and `/3/discover/tv`, the catalog's movies or
//! series filtered and sorted as asked (`reeldb_store::discover`, docs/DISCOVER.md), 20
//! entries a page with true totals.
//!
//! Parameters are validated before any storage access (`reeldb_wire::discover`): bad dates are
//! TMDB's 400/23, bad numbers or list items 422/5, a page outside 1..500 400/22, an unknown
//! `timezone` 400/28; an unknown `sort_by` is ignored, as TMDB ignores it. `timezone` (TV) is
//! validated only: every date filter names its days explicitly.

use crate::AppState;
use crate::error::ApiResult;
use crate::extract::{Params, read_json};
use crate::tv_lists::time_zone;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use reeldb_wire::discover::{Discover, DiscoverKind};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/3/discover/movie", get(discover_movie))
        .route("/3/discover/tv", get(discover_tv))
}

/// `GET /3/discover/movie` (discover-movie).
async fn discover_movie(State(state): State<AppState>, params: Params) -> ApiResult<Response> {
    let d = Discover::parse(DiscoverKind::Movie, |n| params.get(n))?;
    read_json(&state, move |db| Ok(db.discover_movies(&d)?)).await
}

/// `GET /3/discover/tv` (discover-tv).
async fn discover_tv(State(state): State<AppState>, params: Params) -> ApiResult<Response> {
    let d = Discover::parse(DiscoverKind::Tv, |n| params.get(n))?;
    if params.get("timezone").is_some() {
        time_zone(params.get("timezone"))?;
    }
    read_json(&state, move |db| Ok(db.discover_series(&d)?)).await
}
