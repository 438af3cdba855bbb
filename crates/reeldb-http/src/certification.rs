//! TMDB section "Certifications": `/3/certification/movie/list` and `/3/certification/tv/list`,
//! each kind's certification systems by country as imported (see
//! `reeldb_store::certification`). The operations take no parameters (TMDB ignores others).

use crate::AppState;
use crate::error::ApiResult;
use crate::extract::read_json;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use reeldb_store::TitleKind;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/3/certification/movie/list", get(movie_list))
        .route("/3/certification/tv/list", get(tv_list))
}

async fn list(state: AppState, kind: TitleKind) -> ApiResult<Response> {
    read_json(&state, move |db| Ok(db.certification_list(kind)?)).await
}

/// `GET /3/certification/movie/list` (certification-movie-list).
async fn movie_list(State(state): State<AppState>) -> ApiResult<Response> {
    list(state, TitleKind::Movie).await
}

/// `GET /3/certification/tv/list` (certifications-tv-list).
async fn tv_list(State(state): State<AppState>) -> ApiResult<Response> {
    list(state, TitleKind::Tv).await
}
