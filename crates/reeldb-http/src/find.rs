//! TMDB section "Find": `/3/find/{external_id}?external_source=...`, every movie, series,
//! season, episode and person holding that external id (see `reeldb_store::find`).
//!
//! `external_source` names one of TMDB's sources (`imdb_id`, `tvdb_id`, `wikidata_id`,
//! `facebook_id`, `instagram_id`, `tiktok_id`, `twitter_id`, `youtube_id`). Without one, or
//! with another name, TMDB answers 200 with every list empty (docs/FIND-WATCH-PROVIDERS.md), and
//! so does reeldb, without reading the catalog.

use crate::AppState;
use crate::error::ApiResult;
use crate::extract::{Params, json_response, read_json};
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use reeldb_store::find::FIND_SOURCES;
use reeldb_wire::trending::FindResults;

pub fn routes() -> Router<AppState> {
    Router::new().route("/3/find/{external_id}", get(find))
}

/// `GET /3/find/{external_id}` (find-by-id).
async fn find(
    State(state): State<AppState>,
    Path(external_id): Path<String>,
    params: Params,
) -> ApiResult<Response> {
    let lang = params.language()?;
    let source = params.get("external_source").map(str::trim);
    let Some(source) = source.filter(|s| FIND_SOURCES.contains(s)) else {
        return Ok(json_response(&FindResults::default()));
    };
    let source = source.to_owned();
    let value = external_id.trim().to_owned();
    read_json(&state, move |db| Ok(db.find(&source, &value, &lang)?)).await
}
