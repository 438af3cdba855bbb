//! TMDB section "TV Episodes": `/3/tv/{series_id}/season/{season_number}/episode/{episode_number}`
//! and its sub-resources, plus `/3/tv/episode/{episode_id}/changes`.
//!
//! Each handler validates its parameters, then reads everything in one job on a database
//! thread ([`read_json`]): one hand-off per request, appended parts included.

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{
    Appends, Params, Part, appended, changes_window, owner_videos, path_number, read_json,
};
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use reeldb_store::{Db, EPISODE_EXTERNAL_IDS, EpisodeRef, LanguageFilter, Owner};
use reeldb_wire::Status;
use reeldb_wire::tv::EpisodeImages;

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

/// An episode's path position, validated (numbers only, else TMDB's 34).
#[derive(Debug, Clone, Copy)]
struct EpisodeAt(i64, i64, i64);

impl EpisodeAt {
    fn parse(Path((series, season, episode)): EpisodePath) -> ApiResult<EpisodeAt> {
        Ok(EpisodeAt(
            path_number(&series)?,
            path_number(&season)?,
            path_number(&episode)?,
        ))
    }

    /// The episode, or 404/34 (one statement).
    fn find(self, db: &mut Db) -> ApiResult<EpisodeRef> {
        db.episode_ref(self.0, self.1, self.2)?
            .ok_or(ApiError(Status::NotFound))
    }
}

fn episode_images(
    db: &mut Db,
    ep: &EpisodeRef,
    filter: &LanguageFilter,
) -> ApiResult<EpisodeImages> {
    Ok(EpisodeImages {
        id: ep.id,
        stills: db.images(Owner::episode(ep.id), "still", filter)?,
    })
}

/// A sub-resource's body by its `append_to_response` name; `None` for names that are not one.
fn sub_resource(
    db: &mut Db,
    ep: &EpisodeRef,
    name: &str,
    appends: &Appends,
) -> ApiResult<Option<Part>> {
    let owner = Owner::episode(ep.id);
    Ok(Some(match name {
        "credits" => appended(&db.episode_credits(ep)?)?,
        "external_ids" => appended(&db.external_ids(owner, EPISODE_EXTERNAL_IDS)?)?,
        "images" => appended(&episode_images(db, ep, &appends.images)?)?,
        "translations" => appended(&db.translations(owner)?)?,
        "videos" => appended(&owner_videos(db, owner, &appends.videos)?)?,
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
    let appends = Appends::parse(&params)?;
    let at = EpisodeAt::parse(path)?;
    read_json(&state, move |db| {
        let ep = at.find(db)?;
        let body = db.episode_details(&ep, &lang)?;
        appends.apply(db, body, |db, name| sub_resource(db, &ep, name, &appends))
    })
    .await
}

/// `GET .../episode/{episode_number}/credits` (tv-episode-credits).
async fn credits(
    State(state): State<AppState>,
    path: EpisodePath,
    params: Params,
) -> ApiResult<Response> {
    params.language()?;
    let at = EpisodeAt::parse(path)?;
    read_json(&state, move |db| {
        let ep = at.find(db)?;
        Ok(db.episode_credits(&ep)?)
    })
    .await
}

/// `GET .../episode/{episode_number}/external_ids` (tv-episode-external-ids).
async fn external_ids(State(state): State<AppState>, path: EpisodePath) -> ApiResult<Response> {
    let at = EpisodeAt::parse(path)?;
    read_json(&state, move |db| {
        let ep = at.find(db)?;
        Ok(db.external_ids(Owner::episode(ep.id), EPISODE_EXTERNAL_IDS)?)
    })
    .await
}

/// `GET .../episode/{episode_number}/images` (tv-episode-images): stills, best rated first,
/// filtered by `language` and `include_image_language`.
async fn images(
    State(state): State<AppState>,
    path: EpisodePath,
    params: Params,
) -> ApiResult<Response> {
    let filter = params.media_filter("include_image_language")?;
    let at = EpisodeAt::parse(path)?;
    read_json(&state, move |db| {
        let ep = at.find(db)?;
        episode_images(db, &ep, &filter)
    })
    .await
}

/// `GET .../episode/{episode_number}/translations` (tv-episode-translations).
async fn translations(State(state): State<AppState>, path: EpisodePath) -> ApiResult<Response> {
    let at = EpisodeAt::parse(path)?;
    read_json(&state, move |db| {
        let ep = at.find(db)?;
        Ok(db.translations(Owner::episode(ep.id))?)
    })
    .await
}

/// `GET .../episode/{episode_number}/videos` (tv-episode-videos). TMDB's example for this
/// operation carries season 3624's videos; reeldb answers with the episode's own.
async fn videos(
    State(state): State<AppState>,
    path: EpisodePath,
    params: Params,
) -> ApiResult<Response> {
    let filter = params.media_filter("include_video_language")?;
    let at = EpisodeAt::parse(path)?;
    read_json(&state, move |db| {
        let ep = at.find(db)?;
        owner_videos(db, Owner::episode(ep.id), &filter)
    })
    .await
}

/// `GET /3/tv/episode/{episode_id}/changes` (tv-episode-changes-by-id).
async fn changes(
    State(state): State<AppState>,
    Path(id): Path<String>,
    params: Params,
) -> ApiResult<Response> {
    let (start, end) = changes_window(&params)?;
    let id = path_number(&id)?;
    read_json(&state, move |db| {
        let owner = Owner::episode(id);
        if db.episode_by_id(id)?.is_none() && !db.has_history(owner)? {
            return Err(ApiError(Status::NotFound));
        }
        Ok(db.changes(owner, &start, &end)?)
    })
    .await
}
