//! TMDB section "Search": `/3/search/{movie,tv,person,multi,collection,company,keyword}` on
//! the full-text index (crate `reeldb-search`, docs/SEARCH.md), 20 entries a page with true
//! totals.
//!
//! Each request is one closure on a database thread: the index is searched there and the page's
//! ids become TMDB entries through the catalog's batch builders (a fixed number of statements).
//! An empty or missing `query` answers as TMDB does today: `{"page": N, "results": [],
//! "total_pages": 1, "total_results": 0}`; so does a search that matches nothing.
//! `total_pages` is never below 1, as TMDB sends it. The response cache keeps a search body only
//! when the index held every change the catalog had logged (`SearchIndex::answered_current`):
//! the index follows the catalog a moment after a write.

use crate::AppState;
use crate::cache::Uncacheable;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Params, read_json};
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use reeldb_search::{Filters, SearchIndex, Target};
use reeldb_store::search_doc::SearchKind;
use reeldb_wire::Status;
use reeldb_wire::common::Paged;
use reeldb_wire::params::{Language, Page};
use std::sync::atomic::{AtomicBool, Ordering};

/// Entries a search page holds.
pub const PER_PAGE: u64 = 20;

/// How long a search waits for an index still being prepared before answering 503/9.
pub const INDEX_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/3/search/movie", get(movie))
        .route("/3/search/tv", get(tv))
        .route("/3/search/person", get(person))
        .route("/3/search/multi", get(multi))
        .route("/3/search/collection", get(collection))
        .route("/3/search/company", get(company))
        .route("/3/search/keyword", get(keyword))
}

/// A request's validated parameters.
struct Request {
    query: String,
    page: u32,
    lang: Language,
    filters: Filters,
}

/// A year parameter: an integer in 1000..=9999 (TMDB's documented range); anything else is
/// refused as invalid parameters, 422/5 (docs/SEARCH.md).
fn year(params: &Params, name: &str) -> ApiResult<Option<i64>> {
    match params.get(name).map(str::trim) {
        None => Ok(None),
        Some(v) => v
            .parse::<i64>()
            .ok()
            .filter(|y| (1000..=9999).contains(y))
            .map(Some)
            .ok_or(ApiError(Status::InvalidParameters)),
    }
}

fn parse(params: &Params) -> ApiResult<Request> {
    let page = Page::parse_param(params.get("page"))?.get();
    let lang = params.language()?;
    let include_adult = params
        .get("include_adult")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
    Ok(Request {
        query: params.get("query").unwrap_or_default().trim().to_owned(),
        page,
        lang,
        filters: Filters {
            include_adult,
            ..Filters::default()
        },
    })
}

/// Runs one search page on a database thread: the index's hits for the page, then `entries`
/// builds them. `total_pages` is at least 1.
async fn page<T, F>(
    state: &AppState,
    target: Target,
    req: Request,
    entries: F,
) -> ApiResult<Response>
where
    T: serde::Serialize + Send + 'static,
    F: FnOnce(&mut reeldb_store::Db, Vec<(SearchKind, i64)>, &Language) -> Result<Vec<T>, ApiError>
        + Send
        + 'static,
{
    let handle = state
        .search
        .clone()
        .ok_or(ApiError(Status::ServiceOffline))?;
    // A search sent while the index is built at start waits for it a while (a demo's builds
    // in under a second); past that, TMDB's "service offline" (a tmdb-scale build takes a
    // minute), never the request timeout.
    let index = tokio::time::timeout(INDEX_WAIT, handle.get())
        .await
        .ok()
        .flatten()
        .ok_or(ApiError(Status::ServiceOffline))?;
    let stale = std::sync::Arc::new(AtomicBool::new(true));
    let flag = stale.clone();
    let mut res = read_json(state, move |db| {
        // Read before the search: the index can only move on from it.
        let before = index.mark();
        let offset = (u64::from(req.page) - 1) * PER_PAGE;
        let hits = if req.query.is_empty() {
            reeldb_search::Hits::default()
        } else {
            index
                .search(
                    target,
                    &req.query,
                    &req.filters,
                    offset as usize,
                    PER_PAGE as usize,
                )
                .map_err(|e| ApiError::from(reeldb_store::StoreError::from(e)))?
        };
        let current =
            SearchIndex::answered_current(before, db).map_err(reeldb_store::StoreError::from)?;
        flag.store(!current, Ordering::Relaxed);
        let results = entries(db, hits.refs, &req.lang)?;
        Ok(Paged {
            page: req.page,
            results,
            total_pages: hits.total.div_ceil(PER_PAGE).max(1),
            total_results: hits.total,
        })
    })
    .await?;
    // The index follows the catalog a moment after a write moves its version: a body read
    // from it in between would outlive the catch-up, so only a body read from an index that
    // holds every logged change may be kept.
    if stale.load(Ordering::Relaxed) {
        res.extensions_mut().insert(Uncacheable);
    }
    Ok(res)
}

fn ids(refs: &[(SearchKind, i64)]) -> Vec<i64> {
    refs.iter().map(|r| r.1).collect()
}

/// `GET /3/search/movie` (search-movie): `primary_release_year` filters by the primary
/// release date; `year` by any release date (with `region`, that country's only).
async fn movie(State(state): State<AppState>, params: Params) -> ApiResult<Response> {
    let mut req = parse(&params)?;
    req.filters.primary_year = year(&params, "primary_release_year")?;
    req.filters.year = year(&params, "year")?;
    req.filters.region = params
        .get("region")
        .map(|r| r.trim().to_ascii_uppercase())
        .filter(|_| req.filters.year.is_some());
    page(
        &state,
        Target::Kind(SearchKind::Movie),
        req,
        |db, refs, lang| Ok(db.movie_summaries_in_order(&ids(&refs), lang)?),
    )
    .await
}

/// `GET /3/search/tv` (search-tv): `first_air_date_year` filters by the first air date,
/// `year` by the first or any episode's air date.
async fn tv(State(state): State<AppState>, params: Params) -> ApiResult<Response> {
    let mut req = parse(&params)?;
    req.filters.primary_year = year(&params, "first_air_date_year")?;
    req.filters.year = year(&params, "year")?;
    page(
        &state,
        Target::Kind(SearchKind::Tv),
        req,
        |db, refs, lang| {
            let ids = ids(&refs);
            let mut found: std::collections::HashMap<i64, _> = db
                .series_summaries(&ids, lang)?
                .into_iter()
                .map(|s| (s.id, s))
                .collect();
            Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
        },
    )
    .await
}

/// `GET /3/search/person` (search-person): people with `known_for`.
async fn person(State(state): State<AppState>, params: Params) -> ApiResult<Response> {
    let req = parse(&params)?;
    page(
        &state,
        Target::Kind(SearchKind::Person),
        req,
        |db, refs, lang| Ok(db.person_results(&ids(&refs), lang)?),
    )
    .await
}

/// `GET /3/search/multi` (search-multi): movies, series and people in one ranked list, each
/// with `media_type`.
async fn multi(State(state): State<AppState>, params: Params) -> ApiResult<Response> {
    let req = parse(&params)?;
    page(&state, Target::Multi, req, |db, refs, lang| {
        let refs: Vec<(String, i64)> = refs
            .into_iter()
            .map(|(k, id)| (k.as_str().to_owned(), id))
            .collect();
        Ok(db.media_entries(&refs, lang)?)
    })
    .await
}

/// `GET /3/search/collection` (search-collection).
async fn collection(State(state): State<AppState>, params: Params) -> ApiResult<Response> {
    let req = parse(&params)?;
    page(
        &state,
        Target::Kind(SearchKind::Collection),
        req,
        |db, refs, lang| Ok(db.collection_results(&ids(&refs), lang)?),
    )
    .await
}

/// `GET /3/search/company` (search-company).
async fn company(State(state): State<AppState>, params: Params) -> ApiResult<Response> {
    let req = parse(&params)?;
    page(
        &state,
        Target::Kind(SearchKind::Company),
        req,
        |db, refs, _| Ok(db.company_results(&ids(&refs))?),
    )
    .await
}

/// `GET /3/search/keyword` (search-keyword).
async fn keyword(State(state): State<AppState>, params: Params) -> ApiResult<Response> {
    let req = parse(&params)?;
    page(
        &state,
        Target::Kind(SearchKind::Keyword),
        req,
        |db, refs, _| Ok(db.keyword_results(&ids(&refs))?),
    )
    .await
}
