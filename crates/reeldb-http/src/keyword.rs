//! TMDB section "Keywords": `/3/keyword/{keyword_id}` and `/movies`.
//!
//! A keyword is known once any response named it (a movie's or series' keywords, or its own
//! details). Its movies are computed from the movies that carry it
//! (`reeldb_store::keyword`).

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Params, path_number, read_json};
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use reeldb_wire::Status;
use reeldb_wire::params::Page;

const BASE: &str = "/3/keyword/{keyword_id}";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(BASE, get(details))
        .route(&format!("{BASE}/movies"), get(movies))
}

/// `GET /3/keyword/{keyword_id}` (keyword-details).
async fn details(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<Response> {
    let id = path_number(&id)?;
    read_json(&state, move |db| {
        db.keyword_details(id)?.ok_or(ApiError(Status::NotFound))
    })
    .await
}

/// `include_adult`: `true` (any case, or `1`) includes adult movies; anything else, as its
/// absence, leaves them out (TMDB's default).
fn include_adult(params: &Params) -> bool {
    params
        .get("include_adult")
        .map(str::trim)
        .is_some_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
}

/// `GET /3/keyword/{keyword_id}/movies` (keyword-movies): the movies carrying the keyword,
/// most popular first, 20 a page, titles and overviews in `language`.
async fn movies(
    State(state): State<AppState>,
    Path(id): Path<String>,
    params: Params,
) -> ApiResult<Response> {
    let lang = params.language()?;
    let page = Page::parse_param(params.get("page"))?.get();
    let adult = include_adult(&params);
    let id = path_number(&id)?;
    read_json(&state, move |db| {
        if db.keyword_details(id)?.is_none() {
            return Err(ApiError(Status::NotFound));
        }
        Ok(db.keyword_movies(id, &lang, adult, page)?)
    })
    .await
}
