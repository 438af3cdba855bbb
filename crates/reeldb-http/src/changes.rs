//! TMDB section "Changes": `/3/tv/changes`, `/3/movie/changes` and `/3/person/changes`, the objects changed in a
//! window (see [`reeldb_store::change_list`] for what counts and the order).
//!
//! The window is the one every `/changes` reads ([`changes_window`]): the last 24 hours by
//! default, `start_date`/`end_date` as whole days (end inclusive); a bad date is 400/23, a
//! window over 14 days or ending before it starts 422/20, a bad page 400/22.

use crate::AppState;
use crate::error::ApiResult;
use crate::extract::{Params, changes_window, read_json};
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use reeldb_wire::params::Page;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/3/tv/changes", get(tv))
        .route("/3/movie/changes", get(movies))
        .route("/3/person/changes", get(people))
}

/// The window and page of a changes-list request, validated.
fn window_and_page(params: &Params) -> ApiResult<(String, String, u32)> {
    let (start, end) = changes_window(params)?;
    let page = Page::parse_param(params.get("page"))?.get();
    Ok((start, end, page))
}

/// `GET /3/tv/changes` (changes-tv-list).
async fn tv(State(state): State<AppState>, params: Params) -> ApiResult<Response> {
    let (start, end, page) = window_and_page(&params)?;
    read_json(&state, move |db| Ok(db.changed_series(&start, &end, page)?)).await
}

/// `GET /3/movie/changes` (changes-movie-list).
async fn movies(State(state): State<AppState>, params: Params) -> ApiResult<Response> {
    let (start, end, page) = window_and_page(&params)?;
    read_json(&state, move |db| Ok(db.changed_movies(&start, &end, page)?)).await
}

/// `GET /3/person/changes` (changes-people-list).
async fn people(State(state): State<AppState>, params: Params) -> ApiResult<Response> {
    let (start, end, page) = window_and_page(&params)?;
    read_json(&state, move |db| Ok(db.changed_people(&start, &end, page)?)).await
}
