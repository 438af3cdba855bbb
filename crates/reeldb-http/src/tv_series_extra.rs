//! TMDB section "TV Series", the sub-resources kept apart from series details:
//! `/3/tv/{series_id}/alternative_titles`, `/content_ratings`, `/keywords`,
//! `/screened_theatrically` and `/episode_groups`.
//!
//! An unknown series answers 404/34 (TMDB's answer for these paths); a known series without
//! entries answers an empty `results`. Each read is a `Db` method returning the wire body, so
//! series details can append them under the same names (see [`sub_resource`]).

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Part, appended, path_number, read_json};
use axum::Router;
use axum::extract::{Path, State};
use axum::routing::{MethodRouter, get};
use reeldb_store::Db;
use reeldb_wire::Status;
use serde::Serialize;

const BASE: &str = "/3/tv/{series_id}";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            &format!("{BASE}/alternative_titles"),
            part(Db::series_alternative_titles),
        )
        .route(
            &format!("{BASE}/content_ratings"),
            part(Db::series_content_ratings),
        )
        .route(&format!("{BASE}/keywords"), part(Db::series_keywords))
        .route(
            &format!("{BASE}/screened_theatrically"),
            part(Db::series_screened_theatrically),
        )
        .route(
            &format!("{BASE}/episode_groups"),
            part(Db::series_episode_groups),
        )
}

/// `GET` of one sub-resource (tv-series-alternative-titles, tv-series-content-ratings,
/// tv-series-keywords, tv-series-screened-theatrically, tv-series-episode-groups): `read` of a
/// known series, 404/34 for an unknown or non-numeric id.
fn part<T, F>(read: F) -> MethodRouter<AppState>
where
    T: Serialize + Send + 'static,
    F: Fn(&mut Db, i64) -> reeldb_store::Result<T> + Copy + Send + Sync + 'static,
{
    get(
        move |State(state): State<AppState>, Path(id): Path<String>| async move {
            let id = path_number(&id)?;
            read_json(&state, move |db| {
                let id = known_series(db, id)?;
                Ok(read(db, id)?)
            })
            .await
        },
    )
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
pub fn sub_resource(db: &mut Db, series_id: i64, name: &str) -> ApiResult<Option<Part>> {
    Ok(Some(match name {
        "alternative_titles" => appended(&db.series_alternative_titles(series_id)?)?,
        "content_ratings" => appended(&db.series_content_ratings(series_id)?)?,
        "keywords" => appended(&db.series_keywords(series_id)?)?,
        "screened_theatrically" => appended(&db.series_screened_theatrically(series_id)?)?,
        "episode_groups" => appended(&db.series_episode_groups(series_id)?)?,
        _ => return Ok(None),
    }))
}
