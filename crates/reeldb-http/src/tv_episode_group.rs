//! TMDB section "TV Episode Groups": `GET /3/tv/episode_group/{tv_episode_group_id}`.
//!
//! The episodes' name and overview follow `language` (en-US by default), like every episode
//! list; an unknown group id answers 404/34.

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Params, read_json};
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use reeldb_wire::Status;

pub fn routes() -> Router<AppState> {
    Router::new().route("/3/tv/episode_group/{tv_episode_group_id}", get(details))
}

/// TMDB's group ids are 24 hex digits; anything much longer is no id of a group.
const MAX_ID_LEN: usize = 64;

/// `GET /3/tv/episode_group/{tv_episode_group_id}` (tv-episode-group-details).
async fn details(
    State(state): State<AppState>,
    Path(id): Path<String>,
    params: Params,
) -> ApiResult<Response> {
    let lang = params.language()?;
    let id = id.trim().to_owned();
    if id.is_empty() || id.len() > MAX_ID_LEN {
        return Err(ApiError(Status::NotFound));
    }
    read_json(&state, move |db| {
        db.episode_group_details(&id, &lang)?
            .ok_or(ApiError(Status::NotFound))
    })
    .await
}
