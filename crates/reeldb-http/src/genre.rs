//! TMDB section "Genres": `/3/genre/movie/list` and `/3/genre/tv/list`, each kind's genre list
//! with names in `language` (see `reeldb_store::genre_list` for what a list holds and its
//! order). A malformed `language` is TMDB's 422/5 style error, as on every other read.

use crate::AppState;
use crate::error::ApiResult;
use crate::extract::{Params, read_json};
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use reeldb_store::TitleKind;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/3/genre/movie/list", get(movie_list))
        .route("/3/genre/tv/list", get(tv_list))
}

async fn list(state: AppState, params: Params, kind: TitleKind) -> ApiResult<Response> {
    let lang = params.language()?;
    read_json(&state, move |db| Ok(db.genre_list(kind, &lang)?)).await
}

/// `GET /3/genre/movie/list` (genre-movie-list).
async fn movie_list(State(state): State<AppState>, params: Params) -> ApiResult<Response> {
    list(state, params, TitleKind::Movie).await
}

/// `GET /3/genre/tv/list` (genre-tv-list).
async fn tv_list(State(state): State<AppState>, params: Params) -> ApiResult<Response> {
    list(state, params, TitleKind::Tv).await
}
