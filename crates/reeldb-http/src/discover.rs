//! TMDB section "Discover": `/3/discover/movie` and `/3/discover/tv`, the catalog's movies or
//! series filtered and sorted as asked (`reeldb_store::discover`, docs/DISCOVER.md), 20
//! entries a page with true totals.
//!
//! Parameters are validated before any storage access (`reeldb_wire::discover`): bad dates are
//! TMDB's 400/23, bad numbers or list items 422/5, a page outside 1..500 400/22, an unknown
//! `timezone` 400/28; an unknown `sort_by` is ignored, as TMDB ignores it. `timezone` (TV) is
//! validated only: every date filter names its days explicitly.
//!
//! The page's ids come from the search index's discover facts when the index is there and can
//! answer the request exactly, else from SQL (`reeldb_search::discover`; `REELDB_DISCOVER=sql`
//! keeps every request on SQL); the entries are built from the catalog either way. A page the
//! index answered while it lagged the catalog (it follows a moment after a write moves the
//! version) is not kept by the response cache, as for search.

use crate::AppState;
use crate::cache::Uncacheable;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Params, read_json};
use crate::tv_lists::time_zone;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use reeldb_search::discover::{DiscoverIds, DiscoverPath, discover_ids};
use reeldb_wire::discover::{Discover, DiscoverKind};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/3/discover/movie", get(discover_movie))
        .route("/3/discover/tv", get(discover_tv))
}

/// The path discover takes (read from the environment once).
fn path() -> DiscoverPath {
    static PATH: OnceLock<DiscoverPath> = OnceLock::new();
    *PATH.get_or_init(DiscoverPath::from_env)
}

/// A page's ids from the index or SQL; `lagging` records whether the index answered while it
/// lagged the catalog (its mark read before it answered).
fn ids(
    index: Option<&reeldb_search::SearchIndex>,
    db: &mut reeldb_store::Db,
    d: &Discover,
    lagging: &AtomicBool,
) -> Result<DiscoverIds, ApiError> {
    // Read before the index may answer; the catalog's mark only when it did (SQL pages are
    // current by construction and pay no statement for it).
    let before = index.and_then(|i| i.mark());
    let found = discover_ids(db, index, d, path())
        .map_err(|e| ApiError::from(reeldb_store::StoreError::from(e)))?;
    if found.by_index {
        let current = reeldb_search::SearchIndex::answered_current(before, db)
            .map_err(reeldb_store::StoreError::from)?;
        lagging.store(!current, Ordering::Relaxed);
    }
    Ok(found)
}

/// Marks a page a lagging index answered as not for the response cache.
fn finish(mut res: Response, lagging: &AtomicBool) -> Response {
    if lagging.load(Ordering::Relaxed) {
        res.extensions_mut().insert(Uncacheable);
    }
    res
}

/// `GET /3/discover/movie` (discover-movie).
async fn discover_movie(State(state): State<AppState>, params: Params) -> ApiResult<Response> {
    let d = Discover::parse(DiscoverKind::Movie, |n| params.get(n))?;
    let lagging = std::sync::Arc::new(AtomicBool::new(false));
    // Discover does not wait for an index still being prepared: SQL answers meanwhile.
    let (flag, index) = (lagging.clone(), state.search.as_ref().and_then(|s| s.now()));
    let res = read_json(&state, move |db| {
        let found = ids(index.as_deref(), db, &d, &flag)?;
        Ok(db.discover_movies_page(&d, found.total, &found.ids)?)
    })
    .await?;
    Ok(finish(res, &lagging))
}

/// `GET /3/discover/tv` (discover-tv).
async fn discover_tv(State(state): State<AppState>, params: Params) -> ApiResult<Response> {
    let d = Discover::parse(DiscoverKind::Tv, |n| params.get(n))?;
    if params.get("timezone").is_some() {
        time_zone(params.get("timezone"))?;
    }
    let lagging = std::sync::Arc::new(AtomicBool::new(false));
    // Discover does not wait for an index still being prepared: SQL answers meanwhile.
    let (flag, index) = (lagging.clone(), state.search.as_ref().and_then(|s| s.now()));
    let res = read_json(&state, move |db| {
        let found = ids(index.as_deref(), db, &d, &flag)?;
        Ok(db.discover_series_page(&d, found.total, &found.ids)?)
    })
    .await?;
    Ok(finish(res, &lagging))
}
