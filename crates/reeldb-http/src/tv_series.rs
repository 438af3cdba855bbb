//! TMDB section "TV Series": `/3/tv/{series_id}` with its standard sub-resources, and
//! `/3/tv/latest`.
//!
//! Each handler validates its parameters, then reads everything in one job on a database
//! thread ([`read_json`]): one hand-off per request, appended parts included. `append_to_response`
//! is dispatched by [`sub_resource`], one arm per sub-resource name.

use crate::AppState;
use crate::error::{ApiError, ApiResult, envelope};
use crate::extract::{
    Appends, Params, Part, WithAppends, appended, changes_window, owner_videos, path_number,
    read_json,
};
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use reeldb_store::{Db, Owner, SERIES_EXTERNAL_IDS};
use reeldb_wire::Status;
use reeldb_wire::params::Language;
use reeldb_wire::tv_series::SeriesDetails;

const BASE: &str = "/3/tv/{series_id}";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/3/tv/latest", get(latest))
        .route(BASE, get(details).fallback(other_method))
        .route(&format!("{BASE}/aggregate_credits"), get(aggregate_credits))
        .route(&format!("{BASE}/changes"), get(changes))
        .route(&format!("{BASE}/credits"), get(credits))
        .route(&format!("{BASE}/external_ids"), get(external_ids))
        .route(&format!("{BASE}/images"), get(images))
        .route(&format!("{BASE}/translations"), get(translations))
        .route(&format!("{BASE}/videos"), get(videos))
        .route(&format!("{BASE}/watch/providers"), get(watch_providers))
}

/// Any other method on `/3/tv/{series_id}`. A non-numeric "id" names no series path at all
/// (`/3/tv/popular` and the other list routes sit beside this one), so it answers like an
/// unknown route (404/34); a numeric one is a series path that only answers GET (405/42).
async fn other_method(Path(id): Path<String>) -> Response {
    match path_number(&id) {
        Ok(_) => envelope(Status::MethodNotSupported),
        Err(_) => envelope(Status::NotFound),
    }
}

/// A series' path id, validated (numbers only, else TMDB's 34).
#[derive(Debug, Clone, Copy)]
struct SeriesAt(i64);

impl SeriesAt {
    fn parse(Path(id): Path<String>) -> ApiResult<SeriesAt> {
        Ok(SeriesAt(path_number(&id)?))
    }

    /// The series id, or 404/34 when the catalog does not hold it (one statement).
    fn find(self, db: &mut Db) -> ApiResult<i64> {
        match db.series_exists(self.0)? {
            true => Ok(self.0),
            false => Err(ApiError(Status::NotFound)),
        }
    }
}

/// A sub-resource's body by its `append_to_response` name; `None` for names that are not one
/// (TMDB ignores those). Sub-resources built elsewhere are added here as arms.
fn sub_resource(
    db: &mut Db,
    id: i64,
    name: &str,
    lang: &Language,
    appends: &Appends,
) -> ApiResult<Option<Part>> {
    let owner = Owner::series(id);
    if let Some(part) = crate::tv_series_extra::sub_resource(db, id, name)? {
        return Ok(Some(part));
    }
    Ok(Some(match name {
        "credits" => appended(&db.series_credits(id)?)?,
        "aggregate_credits" => appended(&db.series_aggregate_credits(id)?)?,
        "external_ids" => appended(&db.external_ids(owner, SERIES_EXTERNAL_IDS)?)?,
        "images" => appended(&db.series_images(id, &appends.images)?)?,
        "translations" => appended(&db.series_translations(id)?)?,
        "videos" => appended(&owner_videos(db, owner, &appends.videos)?)?,
        "watch/providers" => appended(&db.watch_providers(owner)?)?,
        // Appended changes cover the default window (the last 24 hours).
        "changes" => {
            let (start, end) = changes_window(&Params::default())?;
            appended(&db.changes(owner, &start, &end)?)?
        }
        "reviews" => appended(&db.owner_reviews(owner, lang, appends.page)?)?,
        "similar" => appended(&db.series_similar(id, appends.page, lang)?)?,
        "recommendations" => appended(&db.series_recommendations(id, appends.page, lang)?)?,
        _ => return Ok(None),
    }))
}

/// Details of series `id` with its appended parts, or 404/34.
fn details_of(
    db: &mut Db,
    id: i64,
    lang: &Language,
    appends: &Appends,
) -> ApiResult<WithAppends<SeriesDetails>> {
    let body = db
        .series_details(id, lang)?
        .ok_or(ApiError(Status::NotFound))?;
    appends.apply(db, body, |db, name| {
        sub_resource(db, id, name, lang, appends)
    })
}

/// `GET /3/tv/{series_id}` (tv-series-details), with `append_to_response` of its sub-resources.
async fn details(
    State(state): State<AppState>,
    path: Path<String>,
    params: Params,
) -> ApiResult<Response> {
    let lang = params.language()?;
    let appends = Appends::parse(&params)?;
    let at = SeriesAt::parse(path)?;
    read_json(&state, move |db| details_of(db, at.0, &lang, &appends)).await
}

/// `GET /3/tv/latest` (tv-series-latest-id): the details of the series with the highest id.
async fn latest(State(state): State<AppState>, params: Params) -> ApiResult<Response> {
    let lang = params.language()?;
    let appends = Appends::parse(&params)?;
    read_json(&state, move |db| {
        let id = db.latest_series_id()?.ok_or(ApiError(Status::NotFound))?;
        details_of(db, id, &lang, &appends)
    })
    .await
}

/// `GET /3/tv/{series_id}/aggregate_credits` (tv-series-aggregate-credits): derived from the
/// series' and its episodes' credits, as a season's are.
async fn aggregate_credits(
    State(state): State<AppState>,
    path: Path<String>,
    params: Params,
) -> ApiResult<Response> {
    params.language()?;
    let at = SeriesAt::parse(path)?;
    read_json(&state, move |db| {
        let id = at.find(db)?;
        Ok(db.series_aggregate_credits(id)?)
    })
    .await
}

/// `GET /3/tv/{series_id}/credits` (tv-series-credits).
async fn credits(
    State(state): State<AppState>,
    path: Path<String>,
    params: Params,
) -> ApiResult<Response> {
    params.language()?;
    let at = SeriesAt::parse(path)?;
    read_json(&state, move |db| {
        let id = at.find(db)?;
        Ok(db.series_credits(id)?)
    })
    .await
}

/// `GET /3/tv/{series_id}/external_ids` (tv-series-external-ids).
async fn external_ids(State(state): State<AppState>, path: Path<String>) -> ApiResult<Response> {
    let at = SeriesAt::parse(path)?;
    read_json(&state, move |db| {
        let id = at.find(db)?;
        Ok(db.external_ids(Owner::series(id), SERIES_EXTERNAL_IDS)?)
    })
    .await
}

/// `GET /3/tv/{series_id}/images` (tv-series-images): backdrops, logos and posters, filtered by
/// `language` and `include_image_language`.
async fn images(
    State(state): State<AppState>,
    path: Path<String>,
    params: Params,
) -> ApiResult<Response> {
    let filter = params.media_filter("include_image_language")?;
    let at = SeriesAt::parse(path)?;
    read_json(&state, move |db| {
        let id = at.find(db)?;
        Ok(db.series_images(id, &filter)?)
    })
    .await
}

/// `GET /3/tv/{series_id}/translations` (tv-series-translations).
async fn translations(State(state): State<AppState>, path: Path<String>) -> ApiResult<Response> {
    let at = SeriesAt::parse(path)?;
    read_json(&state, move |db| {
        let id = at.find(db)?;
        Ok(db.series_translations(id)?)
    })
    .await
}

/// `GET /3/tv/{series_id}/videos` (tv-series-videos).
async fn videos(
    State(state): State<AppState>,
    path: Path<String>,
    params: Params,
) -> ApiResult<Response> {
    let filter = params.media_filter("include_video_language")?;
    let at = SeriesAt::parse(path)?;
    read_json(&state, move |db| {
        let id = at.find(db)?;
        owner_videos(db, Owner::series(id), &filter)
    })
    .await
}

/// `GET /3/tv/{series_id}/watch/providers` (tv-series-watch-providers).
async fn watch_providers(
    State(state): State<AppState>,
    path: Path<String>,
    params: Params,
) -> ApiResult<Response> {
    params.language()?;
    let at = SeriesAt::parse(path)?;
    read_json(&state, move |db| {
        let id = at.find(db)?;
        Ok(db.watch_providers(Owner::series(id))?)
    })
    .await
}

/// `GET /3/tv/{series_id}/changes` (tv-series-changes): the window rules of every changes op.
async fn changes(
    State(state): State<AppState>,
    path: Path<String>,
    params: Params,
) -> ApiResult<Response> {
    let (start, end) = changes_window(&params)?;
    let at = SeriesAt::parse(path)?;
    read_json(&state, move |db| {
        let owner = Owner::series(at.0);
        if !db.series_exists(at.0)? && !db.has_history(owner)? {
            return Err(ApiError(Status::NotFound));
        }
        Ok(db.changes(owner, &start, &end)?)
    })
    .await
}
