//! TMDB section "Configuration": `/3/configuration`. The base URLs are the server's settings
//! (`--image-base-url`, `--image-secure-base-url`); the size lists and change keys are the
//! catalog's (see `reeldb_store::configuration`).

use crate::AppState;
use crate::error::ApiResult;
use crate::extract::{Params, read_json};
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/3/configuration", get(details))
        .route("/3/configuration/timezones", get(timezones))
        .route("/3/configuration/jobs", get(jobs))
        .route("/3/configuration/countries", get(countries))
        .route("/3/configuration/languages", get(languages))
        .route(
            "/3/configuration/primary_translations",
            get(primary_translations),
        )
}

/// `GET /3/configuration` (configuration-details). It takes no parameters.
async fn details(State(state): State<AppState>) -> ApiResult<Response> {
    let base = state.config.image_base_url.clone();
    let secure = state.config.image_secure_base_url.clone();
    read_json(&state, move |db| Ok(db.configuration(&base, &secure)?)).await
}

/// `GET /3/configuration/timezones` (configuration-timezones): every country's IANA zones (see
/// `reeldb_store::timezones`). It takes no parameters.
async fn timezones(State(state): State<AppState>) -> ApiResult<Response> {
    read_json(&state, |db| Ok(db.timezones()?)).await
}

/// `GET /3/configuration/jobs` (configuration-jobs): departments and their jobs, the imported
/// list's and the catalog's credits' (see `reeldb_store::jobs`). It takes no parameters.
async fn jobs(State(state): State<AppState>) -> ApiResult<Response> {
    read_json(&state, |db| Ok(db.jobs()?)).await
}

/// `GET /3/configuration/languages` (configuration-languages): every language with its English
/// and native names (see `reeldb_store::language_list`). It takes no parameters.
async fn languages(State(state): State<AppState>) -> ApiResult<Response> {
    read_json(&state, |db| Ok(db.language_list()?)).await
}

/// `GET /3/configuration/primary_translations` (configuration-primary-translations): the
/// imported list of `ll-CC` tags (see `reeldb_store::configuration`). It takes no parameters.
async fn primary_translations(State(state): State<AppState>) -> ApiResult<Response> {
    read_json(&state, |db| Ok(db.primary_translations()?)).await
}

/// `GET /3/configuration/countries` (configuration-countries): every country with TMDB's
/// English name and its name in `language` (see `reeldb_store::country`).
async fn countries(State(state): State<AppState>, params: Params) -> ApiResult<Response> {
    let lang = params.language()?;
    read_json(&state, move |db| Ok(db.country_list(&lang.iso_639_1)?)).await
}
