//! TMDB section "TV Seasons": `/3/tv/{series_id}/season/{season_number}` and its sub-resources,
//! plus `/3/tv/season/{season_id}/changes`.
//!
//! A season whose TMDB id the catalog does not know (only its episodes were imported) answers
//! 404: reeldb does not invent ids.

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
use reeldb_store::read::{SEASON_EXTERNAL_IDS, SeasonRef};
use reeldb_wire::Status;
use reeldb_wire::tv::SeasonImages;
use serde_json::Value;

const BASE: &str = "/3/tv/{series_id}/season/{season_number}";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(BASE, get(details))
        .route(&format!("{BASE}/aggregate_credits"), get(aggregate_credits))
        .route(&format!("{BASE}/credits"), get(credits))
        .route(&format!("{BASE}/external_ids"), get(external_ids))
        .route(&format!("{BASE}/images"), get(images))
        .route(&format!("{BASE}/translations"), get(translations))
        .route(&format!("{BASE}/videos"), get(videos))
        .route(&format!("{BASE}/watch/providers"), get(watch_providers))
        .route("/3/tv/season/{season_id}/changes", get(changes))
}

type SeasonPath = Path<(String, String)>;

async fn find(state: &AppState, Path((series, season)): SeasonPath) -> ApiResult<SeasonRef> {
    let (series, season) = (path_number(&series)?, path_number(&season)?);
    state
        .store
        .season_ref(series, season)
        .await?
        .ok_or(ApiError(Status::NotFound))
}

async fn sub_resource(
    state: &AppState,
    s: &SeasonRef,
    name: &str,
    params: &Params,
) -> ApiResult<Option<Value>> {
    let owner = Owner::season(s.id);
    let store = &state.store;
    Ok(Some(match name {
        "credits" => appended(&store.season_credits(s).await?)?,
        "aggregate_credits" => appended(&store.season_aggregate_credits(s).await?)?,
        "external_ids" => appended(&store.external_ids(owner, SEASON_EXTERNAL_IDS).await?)?,
        "images" => appended(&season_images(state, s, params).await?)?,
        "translations" => appended(&store.translations(owner).await?)?,
        "videos" => appended(&owner_videos(state, Owner::season(s.id), params).await?)?,
        "watch/providers" => appended(&store.watch_providers(owner).await?)?,
        _ => return Ok(None),
    }))
}

/// `GET /3/tv/{series_id}/season/{season_number}` (tv-season-details), with
/// `append_to_response` of its sub-resources.
async fn details(
    State(state): State<AppState>,
    path: SeasonPath,
    params: Params,
) -> ApiResult<Response> {
    let lang = params.language()?;
    let append = params.append()?;
    let s = find(&state, path).await?;
    let mut body = serde_json::to_value(state.store.season_details(&s, &lang).await?)
        .map_err(|_| ApiError(Status::InternalError))?;
    for name in append.names() {
        if let Some(part) = sub_resource(&state, &s, name, &params).await?
            && let Some(map) = body.as_object_mut()
        {
            map.insert(name.to_owned(), part);
        }
    }
    Ok(json_response(&body))
}

/// `GET .../season/{season_number}/aggregate_credits` (tv-season-aggregate-credits).
async fn aggregate_credits(
    State(state): State<AppState>,
    path: SeasonPath,
    params: Params,
) -> ApiResult<Response> {
    params.language()?;
    let s = find(&state, path).await?;
    Ok(json_response(
        &state.store.season_aggregate_credits(&s).await?,
    ))
}

/// `GET .../season/{season_number}/credits` (tv-season-credits).
async fn credits(
    State(state): State<AppState>,
    path: SeasonPath,
    params: Params,
) -> ApiResult<Response> {
    params.language()?;
    let s = find(&state, path).await?;
    Ok(json_response(&state.store.season_credits(&s).await?))
}

/// `GET .../season/{season_number}/external_ids` (tv-season-external-ids).
async fn external_ids(State(state): State<AppState>, path: SeasonPath) -> ApiResult<Response> {
    let s = find(&state, path).await?;
    Ok(json_response(
        &state
            .store
            .external_ids(Owner::season(s.id), SEASON_EXTERNAL_IDS)
            .await?,
    ))
}

async fn season_images(
    state: &AppState,
    s: &SeasonRef,
    params: &Params,
) -> ApiResult<SeasonImages> {
    Ok(SeasonImages {
        id: s.id,
        posters: owner_images(state, Owner::season(s.id), "poster", params).await?,
    })
}

/// `GET .../season/{season_number}/images` (tv-season-images).
async fn images(
    State(state): State<AppState>,
    path: SeasonPath,
    params: Params,
) -> ApiResult<Response> {
    params.media_filter("include_image_language")?;
    let s = find(&state, path).await?;
    Ok(json_response(&season_images(&state, &s, &params).await?))
}

/// `GET .../season/{season_number}/translations` (tv-season-translations).
async fn translations(State(state): State<AppState>, path: SeasonPath) -> ApiResult<Response> {
    let s = find(&state, path).await?;
    Ok(json_response(
        &state.store.translations(Owner::season(s.id)).await?,
    ))
}

/// `GET .../season/{season_number}/videos` (tv-season-videos).
async fn videos(
    State(state): State<AppState>,
    path: SeasonPath,
    params: Params,
) -> ApiResult<Response> {
    params.media_filter("include_video_language")?;
    let s = find(&state, path).await?;
    Ok(json_response(
        &owner_videos(&state, Owner::season(s.id), &params).await?,
    ))
}

/// `GET .../season/{season_number}/watch/providers` (tv-season-watch-providers).
async fn watch_providers(
    State(state): State<AppState>,
    path: SeasonPath,
    params: Params,
) -> ApiResult<Response> {
    params.language()?;
    let s = find(&state, path).await?;
    Ok(json_response(
        &state.store.watch_providers(Owner::season(s.id)).await?,
    ))
}

/// `GET /3/tv/season/{season_id}/changes` (tv-season-changes-by-id).
async fn changes(
    State(state): State<AppState>,
    Path(id): Path<String>,
    params: Params,
) -> ApiResult<Response> {
    let (start, end) = changes_window(&params)?;
    let id = path_number(&id)?;
    let owner = Owner::season(id);
    if state.store.season_by_id(id).await?.is_none() && !state.store.has_history(owner).await? {
        return Err(ApiError(Status::NotFound));
    }
    Ok(json_response(
        &state.store.changes(owner, &start, &end).await?,
    ))
}
