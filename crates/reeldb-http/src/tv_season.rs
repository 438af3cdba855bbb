//! TMDB section "TV Seasons": `/3/tv/{series_id}/season/{season_number}` and its sub-resources,
//! plus `/3/tv/season/{season_id}/changes`.
//!
//! A season whose TMDB id the catalog does not know (only its episodes were imported) answers
//! 404: reeldb does not invent ids.
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
use reeldb_store::{Db, LanguageFilter, Owner, SEASON_EXTERNAL_IDS, SeasonRef};
use reeldb_wire::Status;
use reeldb_wire::tv::SeasonImages;

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

/// A season's path position, validated (numbers only, else TMDB's 34).
#[derive(Debug, Clone, Copy)]
struct SeasonAt(i64, i64);

impl SeasonAt {
    fn parse(Path((series, season)): SeasonPath) -> ApiResult<SeasonAt> {
        Ok(SeasonAt(path_number(&series)?, path_number(&season)?))
    }

    /// The season, or 404/34 (one statement).
    fn find(self, db: &mut Db) -> ApiResult<SeasonRef> {
        db.season_ref(self.0, self.1)?
            .ok_or(ApiError(Status::NotFound))
    }
}

fn season_images(db: &mut Db, s: &SeasonRef, filter: &LanguageFilter) -> ApiResult<SeasonImages> {
    Ok(SeasonImages {
        id: s.id,
        posters: db.images(Owner::season(s.id), "poster", filter)?,
    })
}

/// A sub-resource's body by its `append_to_response` name; `None` for names that are not one.
fn sub_resource(
    db: &mut Db,
    s: &SeasonRef,
    name: &str,
    appends: &Appends,
) -> ApiResult<Option<Part>> {
    let owner = Owner::season(s.id);
    Ok(Some(match name {
        "credits" => appended(&db.season_credits(s)?)?,
        "aggregate_credits" => appended(&db.season_aggregate_credits(s)?)?,
        "external_ids" => appended(&db.external_ids(owner, SEASON_EXTERNAL_IDS)?)?,
        "images" => appended(&season_images(db, s, &appends.images)?)?,
        "translations" => appended(&db.translations(owner)?)?,
        "videos" => appended(&owner_videos(db, owner, &appends.videos)?)?,
        "watch/providers" => appended(&db.watch_providers(owner)?)?,
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
    let appends = Appends::parse(&params)?;
    let at = SeasonAt::parse(path)?;
    read_json(&state, move |db| {
        let s = at.find(db)?;
        let body = db.season_details(&s, &lang)?;
        appends.apply(db, body, |db, name| sub_resource(db, &s, name, &appends))
    })
    .await
}

/// `GET .../season/{season_number}/aggregate_credits` (tv-season-aggregate-credits).
async fn aggregate_credits(
    State(state): State<AppState>,
    path: SeasonPath,
    params: Params,
) -> ApiResult<Response> {
    params.language()?;
    let at = SeasonAt::parse(path)?;
    read_json(&state, move |db| {
        let s = at.find(db)?;
        Ok(db.season_aggregate_credits(&s)?)
    })
    .await
}

/// `GET .../season/{season_number}/credits` (tv-season-credits).
async fn credits(
    State(state): State<AppState>,
    path: SeasonPath,
    params: Params,
) -> ApiResult<Response> {
    params.language()?;
    let at = SeasonAt::parse(path)?;
    read_json(&state, move |db| {
        let s = at.find(db)?;
        Ok(db.season_credits(&s)?)
    })
    .await
}

/// `GET .../season/{season_number}/external_ids` (tv-season-external-ids).
async fn external_ids(State(state): State<AppState>, path: SeasonPath) -> ApiResult<Response> {
    let at = SeasonAt::parse(path)?;
    read_json(&state, move |db| {
        let s = at.find(db)?;
        Ok(db.external_ids(Owner::season(s.id), SEASON_EXTERNAL_IDS)?)
    })
    .await
}

/// `GET .../season/{season_number}/images` (tv-season-images).
async fn images(
    State(state): State<AppState>,
    path: SeasonPath,
    params: Params,
) -> ApiResult<Response> {
    let filter = params.media_filter("include_image_language")?;
    let at = SeasonAt::parse(path)?;
    read_json(&state, move |db| {
        let s = at.find(db)?;
        season_images(db, &s, &filter)
    })
    .await
}

/// `GET .../season/{season_number}/translations` (tv-season-translations).
async fn translations(State(state): State<AppState>, path: SeasonPath) -> ApiResult<Response> {
    let at = SeasonAt::parse(path)?;
    read_json(&state, move |db| {
        let s = at.find(db)?;
        Ok(db.translations(Owner::season(s.id))?)
    })
    .await
}

/// `GET .../season/{season_number}/videos` (tv-season-videos).
async fn videos(
    State(state): State<AppState>,
    path: SeasonPath,
    params: Params,
) -> ApiResult<Response> {
    let filter = params.media_filter("include_video_language")?;
    let at = SeasonAt::parse(path)?;
    read_json(&state, move |db| {
        let s = at.find(db)?;
        owner_videos(db, Owner::season(s.id), &filter)
    })
    .await
}

/// `GET .../season/{season_number}/watch/providers` (tv-season-watch-providers).
async fn watch_providers(
    State(state): State<AppState>,
    path: SeasonPath,
    params: Params,
) -> ApiResult<Response> {
    params.language()?;
    let at = SeasonAt::parse(path)?;
    read_json(&state, move |db| {
        let s = at.find(db)?;
        Ok(db.watch_providers(Owner::season(s.id))?)
    })
    .await
}

/// `GET /3/tv/season/{season_id}/changes` (tv-season-changes-by-id).
async fn changes(
    State(state): State<AppState>,
    Path(id): Path<String>,
    params: Params,
) -> ApiResult<Response> {
    let (start, end) = changes_window(&params)?;
    let id = path_number(&id)?;
    read_json(&state, move |db| {
        let owner = Owner::season(id);
        if db.season_by_id(id)?.is_none() && !db.has_history(owner)? {
            return Err(ApiError(Status::NotFound));
        }
        Ok(db.changes(owner, &start, &end)?)
    })
    .await
}
