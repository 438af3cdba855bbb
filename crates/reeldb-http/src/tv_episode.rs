//! TMDB section "TV Episodes": `/3/tv/{series_id}/season/{season_number}/episode/{episode_number}`
//! and its sub-resources, plus `/3/tv/episode/{episode_id}/changes`.

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{
    Params, appended, changes_window, json_response, owner_images, owner_videos, path_number,
};
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use reeldb_store::Owner;
use reeldb_store::read::{EPISODE_EXTERNAL_IDS, EpisodeRef};
use reeldb_wire::Status;
use reeldb_wire::tv::EpisodeImages;
use serde_json::Value;

const BASE: &str = "/3/tv/{series_id}/season/{season_number}/episode/{episode_number}";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(BASE, get(details))
        .route(&format!("{BASE}/credits"), get(credits))
        .route(&format!("{BASE}/external_ids"), get(external_ids))
        .route(&format!("{BASE}/images"), get(images))
        .route(&format!("{BASE}/translations"), get(translations))
        .route(&format!("{BASE}/videos"), get(videos))
        .route("/3/tv/episode/{episode_id}/changes", get(changes))
}

type EpisodePath = Path<(String, String, String)>;

async fn find(
    state: &AppState,
    Path((series, season, episode)): EpisodePath,
) -> ApiResult<EpisodeRef> {
    let (series, season, episode) = (
        path_number(&series)?,
        path_number(&season)?,
        path_number(&episode)?,
    );
    state
        .store
        .episode_ref(series, season, episode)
        .await?
        .ok_or(ApiError(Status::NotFound))
}

/// A sub-resource's body by its `append_to_response` name; `None` for names that are not one.
async fn sub_resource(
    state: &AppState,
    ep: &EpisodeRef,
    name: &str,
    params: &Params,
) -> ApiResult<Option<Value>> {
    let owner = Owner::episode(ep.id);
    let store = &state.store;
    Ok(Some(match name {
        "credits" => appended(&store.episode_credits(ep).await?)?,
        "external_ids" => appended(&store.external_ids(owner, EPISODE_EXTERNAL_IDS).await?)?,
        "images" => appended(&episode_images(state, ep, params).await?)?,
        "translations" => appended(&store.translations(owner).await?)?,
        "videos" => appended(&owner_videos(state, Owner::episode(ep.id), params).await?)?,
        _ => return Ok(None),
    }))
}

/// `GET /3/tv/{series_id}/season/{season_number}/episode/{episode_number}` (tv-episode-details),
/// with `append_to_response` of its sub-resources.
async fn details(
    State(state): State<AppState>,
    path: EpisodePath,
    params: Params,
) -> ApiResult<Response> {
    let lang = params.language()?;
    let append = params.append()?;
    let ep = find(&state, path).await?;
    let mut body = serde_json::to_value(state.store.episode_details(&ep, &lang).await?)
        .map_err(|_| ApiError(Status::InternalError))?;
    for name in append.names() {
        if let Some(part) = sub_resource(&state, &ep, name, &params).await?
            && let Some(map) = body.as_object_mut()
        {
            map.insert(name.to_owned(), part);
        }
    }
    Ok(json_response(&body))
}

/// `GET .../episode/{episode_number}/credits` (tv-episode-credits).
async fn credits(
    State(state): State<AppState>,
    path: EpisodePath,
    params: Params,
) -> ApiResult<Response> {
    params.language()?;
    let ep = find(&state, path).await?;
    Ok(json_response(&state.store.episode_credits(&ep).await?))
}

/// `GET .../episode/{episode_number}/external_ids` (tv-episode-external-ids).
async fn external_ids(State(state): State<AppState>, path: EpisodePath) -> ApiResult<Response> {
    let ep = find(&state, path).await?;
    Ok(json_response(
        &state
            .store
            .external_ids(Owner::episode(ep.id), EPISODE_EXTERNAL_IDS)
            .await?,
    ))
}

async fn episode_images(
    state: &AppState,
    ep: &EpisodeRef,
    params: &Params,
) -> ApiResult<EpisodeImages> {
    Ok(EpisodeImages {
        id: ep.id,
        stills: owner_images(state, Owner::episode(ep.id), "still", params).await?,
    })
}

/// `GET .../episode/{episode_number}/images` (tv-episode-images): stills, best rated first,
/// filtered by `language` and `include_image_language`.
async fn images(
    State(state): State<AppState>,
    path: EpisodePath,
    params: Params,
) -> ApiResult<Response> {
    params.media_filter("include_image_language")?;
    let ep = find(&state, path).await?;
    Ok(json_response(&episode_images(&state, &ep, &params).await?))
}

/// `GET .../episode/{episode_number}/translations` (tv-episode-translations).
async fn translations(State(state): State<AppState>, path: EpisodePath) -> ApiResult<Response> {
    let ep = find(&state, path).await?;
    Ok(json_response(
        &state.store.translations(Owner::episode(ep.id)).await?,
    ))
}

/// `GET .../episode/{episode_number}/videos` (tv-episode-videos). TMDB's example for this
/// operation carries season 3624's videos; reeldb answers with the episode's own.
async fn videos(
    State(state): State<AppState>,
    path: EpisodePath,
    params: Params,
) -> ApiResult<Response> {
    params.media_filter("include_video_language")?;
    let ep = find(&state, path).await?;
    Ok(json_response(
        &owner_videos(&state, Owner::episode(ep.id), &params).await?,
    ))
}

/// `GET /3/tv/episode/{episode_id}/changes` (tv-episode-changes-by-id).
async fn changes(
    State(state): State<AppState>,
    Path(id): Path<String>,
    params: Params,
) -> ApiResult<Response> {
    let (start, end) = changes_window(&params)?;
    let id = path_number(&id)?;
    let owner = Owner::episode(id);
    if state.store.episode_by_id(id).await?.is_none() && !state.store.has_history(owner).await? {
        return Err(ApiError(Status::NotFound));
    }
    Ok(json_response(
        &state.store.changes(owner, &start, &end).await?,
    ))
}
