//! TMDB section "Watch Providers": `/3/watch/providers/regions` and the provider lists
//! `/3/watch/providers/{movie,tv}`, computed from the catalog's provider rows (see
//! `reeldb_store::watch_provider` and docs/FIND-WATCH-PROVIDERS.md).
//!
//! `language` is validated (422/5) and names the regions' `native_name`; provider names are not
//! translated. `watch_region` keeps the providers that serve that region (any case; a region
//! no provider serves gives an empty list).

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
        .route("/3/watch/providers/regions", get(regions))
        .route("/3/watch/providers/movie", get(movie_providers))
        .route("/3/watch/providers/tv", get(tv_providers))
}

/// `GET /3/watch/providers/regions` (watch-providers-available-regions).
async fn regions(State(state): State<AppState>, params: Params) -> ApiResult<Response> {
    let lang = params.language()?;
    read_json(&state, move |db| Ok(db.watch_regions(&lang.iso_639_1)?)).await
}

async fn providers(state: AppState, params: Params, kind: TitleKind) -> ApiResult<Response> {
    params.language()?;
    let region = params
        .get("watch_region")
        .map(|r| r.trim().to_ascii_uppercase());
    read_json(&state, move |db| {
        Ok(db.provider_list(kind, region.as_deref())?)
    })
    .await
}

/// `GET /3/watch/providers/movie` (watch-providers-movie-list).
async fn movie_providers(State(state): State<AppState>, params: Params) -> ApiResult<Response> {
    providers(state, params, TitleKind::Movie).await
}

/// `GET /3/watch/providers/tv` (watch-provider-tv-list).
async fn tv_providers(State(state): State<AppState>, params: Params) -> ApiResult<Response> {
    providers(state, params, TitleKind::Tv).await
}
