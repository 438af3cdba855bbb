//! TMDB section "Reviews" (`/3/review/{review_id}`) and the review list of a series
//! (`/3/tv/{series_id}/reviews`). Series details can append the same list as `reviews`
//! through [`reeldb_store::Db::owner_reviews`].

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Params, path_number, read_json};
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use reeldb_wire::Status;
use reeldb_wire::params::Page;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/3/review/{review_id}", get(details))
        .route("/3/tv/{series_id}/reviews", get(series_reviews))
}

/// `GET /3/review/{review_id}` (review-details).
async fn details(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<Response> {
    read_json(&state, move |db| {
        db.review(id.trim())?.ok_or(ApiError(Status::NotFound))
    })
    .await
}

/// `GET /3/tv/{series_id}/reviews` (tv-series-reviews): the series' reviews in the requested
/// language, oldest first, 20 a page.
async fn series_reviews(
    State(state): State<AppState>,
    Path(id): Path<String>,
    params: Params,
) -> ApiResult<Response> {
    let lang = params.language()?;
    let page = Page::parse_param(params.get("page"))?.get();
    let id = path_number(&id)?;
    read_json(&state, move |db| {
        db.series_reviews(id, &lang, page)?
            .ok_or(ApiError(Status::NotFound))
    })
    .await
}
