//! TMDB section "TV Series", the sub-resources kept apart from series details:
//! `/3/tv/{series_id}/alternative_titles`, `/content_ratings`, `/keywords`,
//! `/screened_theatrically` and `/episode_groups`.
//!
//! An unknown series answers 404/34 (TMDB's answer for these paths); a known series without
//! entries answers an empty `results`. Each read is a `Db` method returning the wire body, so
//! series details can append them under the same names (see [`sub_resource`]).

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{appended, path_number, read_json};
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use reeldb_store::Db;
use reeldb_wire::Status;
use serde_json::Value;

const BASE: &str = "/3/tv/{series_id}";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            &format!("{BASE}/alternative_titles"),
            get(alternative_titles),
        )
        .route(&format!("{BASE}/content_ratings"), get(content_ratings))
        .route(&format!("{BASE}/keywords"), get(keywords))
        .route(
            &format!("{BASE}/screened_theatrically"),
            get(screened_theatrically),
        )
        .route(&format!("{BASE}/episode_groups"), get(episode_groups))
}

/// The series at the path, or 404/34 (one statement).
fn known_series(db: &mut Db, id: i64) -> ApiResult<i64> {
    match db.series_is_known(id)? {
        true => Ok(id),
        false => Err(ApiError(Status::NotFound)),
    }
}

/// A sub-resource's body by its `append_to_response` name, for series details; `None` for names
/// that are not one of these.
pub fn sub_resource(db: &mut Db, series_id: i64, name: &str) -> ApiResult<Option<Value>> {
    Ok(Some(match name {
        "alternative_titles" => appended(&db.series_alternative_titles(series_id)?)?,
        "content_ratings" => appended(&db.series_content_ratings(series_id)?)?,
        "keywords" => appended(&db.series_keywords(series_id)?)?,
        "screened_theatrically" => appended(&db.series_screened_theatrically(series_id)?)?,
        "episode_groups" => appended(&db.series_episode_groups(series_id)?)?,
        _ => return Ok(None),
    }))
}

/// `GET /3/tv/{series_id}/alternative_titles` (tv-series-alternative-titles).
async fn alternative_titles(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let id = path_number(&id)?;
    read_json(&state, move |db| {
        let id = known_series(db, id)?;
        Ok(db.series_alternative_titles(id)?)
    })
    .await
}

/// `GET /3/tv/{series_id}/content_ratings` (tv-series-content-ratings).
async fn content_ratings(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let id = path_number(&id)?;
    read_json(&state, move |db| {
        let id = known_series(db, id)?;
        Ok(db.series_content_ratings(id)?)
    })
    .await
}

/// `GET /3/tv/{series_id}/keywords` (tv-series-keywords).
async fn keywords(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<Response> {
    let id = path_number(&id)?;
    read_json(&state, move |db| {
        let id = known_series(db, id)?;
        Ok(db.series_keywords(id)?)
    })
    .await
}

/// `GET /3/tv/{series_id}/screened_theatrically` (tv-series-screened-theatrically).
async fn screened_theatrically(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let id = path_number(&id)?;
    read_json(&state, move |db| {
        let id = known_series(db, id)?;
        Ok(db.series_screened_theatrically(id)?)
    })
    .await
}

/// `GET /3/tv/{series_id}/episode_groups` (tv-series-episode-groups).
async fn episode_groups(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let id = path_number(&id)?;
    read_json(&state, move |db| {
        let id = known_series(db, id)?;
        Ok(db.series_episode_groups(id)?)
    })
    .await
}
