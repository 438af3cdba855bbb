//! TMDB section "Movie Lists" (`/3/movie/popular`, `/top_rated`, `/now_playing`, `/upcoming`),
//! a movie's related lists (`/3/movie/{movie_id}/similar`, `/recommendations`) and the legacy
//! sub-resources clients still request (`/casts`, `/trailers`, `/releases`). Every list is
//! computed from the catalog (`reeldb_store::movie::lists`, `movie::related`, docs/LISTS.md),
//! 20 entries a page with true totals.
//!
//! `region` (any list) shows each entry's release date in that country; on `now_playing` and
//! `upcoming` it also keeps only movies with a theatrical release there in the window. It is
//! matched exactly as sent (TMDB documents it as an upper-case ISO 3166-1 code): a code no
//! release names gives an empty page. The windows ([`release_window`]) count from today's
//! date in UTC; those two lists change at midnight, so the response cache never keeps them.

use crate::AppState;
use crate::cache::Uncacheable;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Params, read_json};
use crate::movie::of_movie;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use jiff::civil::Date;
use reeldb_store::{Db, LanguageFilter, MovieList};
use reeldb_wire::Status;
use reeldb_wire::common::Paged;
use reeldb_wire::movie_lists::{DatedPage, ListDates, MovieRecommendation};
use reeldb_wire::params::{Language, Page};
use reeldb_wire::person::MovieSummary;

/// Days before today that `now_playing` reaches back (six weeks, as TMDB's windows span).
pub const NOW_PLAYING_DAYS: i64 = 42;
/// Days after tomorrow that `upcoming` reaches forward (three weeks).
pub const UPCOMING_DAYS: i64 = 21;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/3/movie/popular", get(popular))
        .route("/3/movie/top_rated", get(top_rated))
        .route("/3/movie/now_playing", get(now_playing))
        .route("/3/movie/upcoming", get(upcoming))
        .route("/3/movie/{movie_id}/similar", get(similar))
        .route("/3/movie/{movie_id}/recommendations", get(recommendations))
        .route("/3/movie/{movie_id}/casts", get(casts))
        .route("/3/movie/{movie_id}/trailers", get(trailers))
        .route("/3/movie/{movie_id}/releases", get(releases))
}

/// The lists dated by release windows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dated {
    NowPlaying,
    Upcoming,
}

/// The window (`minimum`, `maximum`) a dated list covers on `today`: now playing, the six
/// weeks up to today; upcoming, the three weeks from tomorrow on (so the two never overlap,
/// as TMDB's never do).
pub fn release_window(list: Dated, today: Date) -> ApiResult<ListDates> {
    let add = |days: i64| {
        today
            .checked_add(jiff::Span::new().days(days))
            .map_err(|_| ApiError(Status::InternalError))
    };
    let (min, max) = match list {
        Dated::NowPlaying => (add(-NOW_PLAYING_DAYS)?, today),
        Dated::Upcoming => (add(1)?, add(1 + UPCOMING_DAYS)?),
    };
    Ok(ListDates {
        maximum: max.to_string(),
        minimum: min.to_string(),
    })
}

/// Today's date in UTC, the clock of the dated lists.
pub fn today_utc() -> Date {
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
}

/// `language`, `page` and `region` of a list request, validated.
fn list_params(params: &Params) -> ApiResult<(Language, u32, Option<String>)> {
    let page = Page::parse_param(params.get("page"))?.get();
    let lang = params.language()?;
    let region = params.get("region").map(|r| r.trim().to_owned());
    Ok((lang, page, region))
}

async fn list(state: AppState, params: Params, list: MovieList) -> ApiResult<Response> {
    let (lang, page, region) = list_params(&params)?;
    read_json(&state, move |db| {
        Ok(db.movie_list(&list, region.as_deref(), page, &lang)?)
    })
    .await
}

/// `GET /3/movie/popular` (movie-popular-list).
async fn popular(State(state): State<AppState>, params: Params) -> ApiResult<Response> {
    list(state, params, MovieList::Popular).await
}

/// `GET /3/movie/top_rated` (movie-top-rated-list).
async fn top_rated(State(state): State<AppState>, params: Params) -> ApiResult<Response> {
    list(state, params, MovieList::TopRated).await
}

/// A list of movies released in today's window, with its `dates`; never cached.
async fn dated(state: AppState, params: Params, which: Dated) -> ApiResult<Response> {
    let (lang, page, region) = list_params(&params)?;
    let dates = release_window(which, today_utc())?;
    let list = MovieList::Released {
        from: dates.minimum.clone(),
        to: dates.maximum.clone(),
    };
    let mut res = read_json(&state, move |db| {
        let page = db.movie_list(&list, region.as_deref(), page, &lang)?;
        Ok(DatedPage { dates, page })
    })
    .await?;
    res.extensions_mut().insert(Uncacheable);
    Ok(res)
}

/// `GET /3/movie/now_playing` (movie-now-playing-list).
async fn now_playing(State(state): State<AppState>, params: Params) -> ApiResult<Response> {
    dated(state, params, Dated::NowPlaying).await
}

/// `GET /3/movie/upcoming` (movie-upcoming-list).
async fn upcoming(State(state): State<AppState>, params: Params) -> ApiResult<Response> {
    dated(state, params, Dated::Upcoming).await
}

/// The similar list of a known movie, by id (for details' `append_to_response`).
pub fn similar_of(
    db: &mut Db,
    id: i64,
    page: u32,
    lang: &Language,
) -> ApiResult<Paged<MovieSummary>> {
    Ok(db.movie_similar(id, page, lang)?)
}

/// The recommendations of a known movie, by id.
pub fn recommendations_of(
    db: &mut Db,
    id: i64,
    page: u32,
    lang: &Language,
) -> ApiResult<Paged<MovieRecommendation>> {
    Ok(db.movie_recommendations(id, page, lang)?)
}

/// `GET /3/movie/{movie_id}/similar` (movie-similar).
async fn similar(
    State(state): State<AppState>,
    path: Path<String>,
    params: Params,
) -> ApiResult<Response> {
    let (lang, page, _) = list_params(&params)?;
    of_movie(&state, path, move |db, id| similar_of(db, id, page, &lang)).await
}

/// `GET /3/movie/{movie_id}/recommendations` (movie-recommendations).
async fn recommendations(
    State(state): State<AppState>,
    path: Path<String>,
    params: Params,
) -> ApiResult<Response> {
    let (lang, page, _) = list_params(&params)?;
    of_movie(&state, path, move |db, id| {
        recommendations_of(db, id, page, &lang)
    })
    .await
}

/// `GET /3/movie/{movie_id}/casts`: the credits under their old name (not a spec operation;
/// TMDB still answers it).
async fn casts(State(state): State<AppState>, path: Path<String>) -> ApiResult<Response> {
    of_movie(&state, path, |db, id| Ok(db.movie_credits(id)?)).await
}

/// `GET /3/movie/{movie_id}/trailers`: YouTube videos in the legacy shape, filtered like
/// `/videos` (`language`, `include_video_language`).
async fn trailers(
    State(state): State<AppState>,
    path: Path<String>,
    params: Params,
) -> ApiResult<Response> {
    let filter: LanguageFilter = params.media_filter("include_video_language")?;
    of_movie(&state, path, move |db, id| {
        Ok(db.movie_trailers(id, &filter)?)
    })
    .await
}

/// `GET /3/movie/{movie_id}/releases`: one entry per release, `primary` marking the movie's
/// primary release.
async fn releases(State(state): State<AppState>, path: Path<String>) -> ApiResult<Response> {
    of_movie(&state, path, |db, id| Ok(db.movie_releases(id)?)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_from_a_fixed_today() {
        let today = Date::new(2023, 5, 3).unwrap();
        let now = release_window(Dated::NowPlaying, today).unwrap();
        assert_eq!(
            (now.minimum.as_str(), now.maximum.as_str()),
            ("2023-03-22", "2023-05-03")
        );
        let up = release_window(Dated::Upcoming, today).unwrap();
        assert_eq!(
            (up.minimum.as_str(), up.maximum.as_str()),
            ("2023-05-04", "2023-05-25")
        );
        // Across a year's end.
        let up = release_window(Dated::Upcoming, Date::new(2025, 12, 23).unwrap()).unwrap();
        assert_eq!(
            (up.minimum.as_str(), up.maximum.as_str()),
            ("2025-12-24", "2026-01-14")
        );
    }
}
