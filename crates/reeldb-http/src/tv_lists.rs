//! TMDB section "TV Series Lists" (`/3/tv/popular`, `/top_rated`, `/airing_today`,
//! `/on_the_air`) and the related lists of a series (`/3/tv/{series_id}/similar`,
//! `/recommendations`). Every list is computed from the catalog (see `reeldb_store::tv_lists`,
//! `reeldb_store::tv_related` and docs/LISTS.md), 20 entries a page with true totals.
//!
//! `timezone` (airing today, on the air) is an IANA zone name, resolved with the tz database
//! bundled in the binary (jiff), so answers do not depend on the host's zone files. Without it
//! TMDB's default applies: `America/New_York`. "Today" is the current date in that zone; on the
//! air covers today and the six days after it. An unknown zone is TMDB's 28.

use crate::AppState;
use crate::cache::Uncacheable;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Params, path_number, read_json};
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use reeldb_store::{Db, TvList};
use reeldb_wire::Status;
use reeldb_wire::common::Paged;
use reeldb_wire::params::{Language, Page};
use reeldb_wire::tv::{TvRecommendation, TvSummary};

/// The zone TMDB's airing lists use when a request names none.
pub const DEFAULT_TIMEZONE: &str = "America/New_York";

/// Days on the air covers, today included.
pub const ON_THE_AIR_DAYS: i64 = 7;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/3/tv/popular", get(popular))
        .route("/3/tv/top_rated", get(top_rated))
        .route("/3/tv/airing_today", get(airing_today))
        .route("/3/tv/on_the_air", get(on_the_air))
        .route("/3/tv/{series_id}/similar", get(similar))
        .route("/3/tv/{series_id}/recommendations", get(recommendations))
}

/// `language` and `page` of a list request, validated.
fn list_params(params: &Params) -> ApiResult<(Language, u32)> {
    let page = Page::parse_param(params.get("page"))?.get();
    let lang = params.language()?;
    Ok((lang, page))
}

/// The time zone of a `timezone` parameter (TMDB's 28 when it names none).
pub fn time_zone(raw: Option<&str>) -> ApiResult<jiff::tz::TimeZone> {
    let name = raw.map(str::trim).unwrap_or(DEFAULT_TIMEZONE);
    jiff::tz::TimeZone::get(name).map_err(|_| ApiError(Status::InvalidTimezone))
}

/// `days` dates from today in `tz`, as `YYYY-MM-DD` (first, last).
pub fn dates_from_today(tz: &jiff::tz::TimeZone, days: i64) -> ApiResult<(String, String)> {
    let today = jiff::Timestamp::now().to_zoned(tz.clone()).date();
    let last = today
        .checked_add(jiff::Span::new().days(days - 1))
        .map_err(|_| ApiError(Status::InternalError))?;
    Ok((today.to_string(), last.to_string()))
}

async fn list(state: AppState, params: Params, list: TvList) -> ApiResult<Response> {
    let (lang, page) = list_params(&params)?;
    list_with(state, lang, page, list).await
}

/// `GET /3/tv/popular` (tv-series-popular-list).
async fn popular(State(state): State<AppState>, params: Params) -> ApiResult<Response> {
    list(state, params, TvList::Popular).await
}

/// `GET /3/tv/top_rated` (tv-series-top-rated-list).
async fn top_rated(State(state): State<AppState>, params: Params) -> ApiResult<Response> {
    list(state, params, TvList::TopRated).await
}

/// An airing list over `days` days from today in the request's zone. The answer changes with
/// the date, so the response cache never keeps it.
async fn airing(state: AppState, params: Params, days: i64) -> ApiResult<Response> {
    let (lang, page) = list_params(&params)?;
    let tz = time_zone(params.get("timezone"))?;
    let (from, to) = dates_from_today(&tz, days)?;
    let mut res = list_with(state, lang, page, TvList::Airing { from, to }).await?;
    res.extensions_mut().insert(Uncacheable);
    Ok(res)
}

async fn list_with(
    state: AppState,
    lang: Language,
    page: u32,
    list: TvList,
) -> ApiResult<Response> {
    read_json(&state, move |db| Ok(db.tv_list(&list, page, &lang)?)).await
}

/// `GET /3/tv/airing_today` (tv-series-airing-today-list).
async fn airing_today(State(state): State<AppState>, params: Params) -> ApiResult<Response> {
    airing(state, params, 1).await
}

/// `GET /3/tv/on_the_air` (tv-series-on-the-air-list): an episode in the next seven days.
async fn on_the_air(State(state): State<AppState>, params: Params) -> ApiResult<Response> {
    airing(state, params, ON_THE_AIR_DAYS).await
}

/// The similar list of a known series (404/34 otherwise).
pub fn similar_of(
    db: &mut Db,
    series_id: i64,
    page: u32,
    lang: &Language,
) -> ApiResult<Paged<TvSummary>> {
    if !db.series_known(series_id)? {
        return Err(ApiError(Status::NotFound));
    }
    Ok(db.series_similar(series_id, page, lang)?)
}

/// The recommendations of a known series (404/34 otherwise).
pub fn recommendations_of(
    db: &mut Db,
    series_id: i64,
    page: u32,
    lang: &Language,
) -> ApiResult<Paged<TvRecommendation>> {
    if !db.series_known(series_id)? {
        return Err(ApiError(Status::NotFound));
    }
    Ok(db.series_recommendations(series_id, page, lang)?)
}

/// `GET /3/tv/{series_id}/similar` (tv-series-similar).
async fn similar(
    State(state): State<AppState>,
    Path(id): Path<String>,
    params: Params,
) -> ApiResult<Response> {
    let (lang, page) = list_params(&params)?;
    let id = path_number(&id)?;
    read_json(&state, move |db| similar_of(db, id, page, &lang)).await
}

/// `GET /3/tv/{series_id}/recommendations` (tv-series-recommendations).
async fn recommendations(
    State(state): State<AppState>,
    Path(id): Path<String>,
    params: Params,
) -> ApiResult<Response> {
    let (lang, page) = list_params(&params)?;
    let id = path_number(&id)?;
    read_json(&state, move |db| recommendations_of(db, id, page, &lang)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones() {
        assert!(time_zone(None).is_ok());
        assert!(time_zone(Some("Pacific/Auckland")).is_ok());
        assert!(time_zone(Some("Mars/Olympus_Mons")).is_err());
        assert!(time_zone(Some("america/new_york")).is_ok());
        let tz = time_zone(Some("UTC")).unwrap();
        let (a, b) = dates_from_today(&tz, 7).unwrap();
        assert_eq!(a.len(), 10);
        assert!(a < b);
        let (a, b) = dates_from_today(&tz, 1).unwrap();
        assert_eq!(a, b);
    }
}
