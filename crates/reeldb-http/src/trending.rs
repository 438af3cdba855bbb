//! TMDB section "Trending": `/3/trending/{all,movie,tv,person}/{day,week}`, computed from the
//! catalog (see `reeldb_store::trending` and docs/TRENDING.md), 20 entries a page.
//!
//! The window is the last day or week up to the end of the current UTC hour, read from
//! [`crate::HttpConfig::now`] (tests fix the clock). A body therefore holds until the hour
//! ends: the response cache keeps it until then ([`ExpiresAt`]), or until the catalog moves.

use crate::AppState;
use crate::cache::ExpiresAt;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Params, read_json};
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use jiff::{Timestamp, ToSpan};
use reeldb_store::trending::MediaKind;
use reeldb_wire::Status;
use reeldb_wire::params::Page;

pub fn routes() -> Router<AppState> {
    Router::new().route("/3/trending/{media_type}/{time_window}", get(trending))
}

/// `(first second, last second)` of a window of `hours` ending with the hour `now` is in, as
/// change-log times, and the end of that hour.
pub fn window(now: Timestamp, hours: i64) -> ApiResult<(String, String, Timestamp)> {
    let fail = |_| ApiError(Status::InternalError);
    let hour = now.as_second().div_euclid(3600) * 3600;
    let end = Timestamp::from_second(hour + 3600).map_err(fail)?;
    let start = end.checked_sub(hours.hours()).map_err(fail)?;
    let last = end.checked_sub(1.second()).map_err(fail)?;
    let fmt = |t: Timestamp| t.strftime("%Y-%m-%d %H:%M:%S UTC").to_string();
    Ok((fmt(start), fmt(last), end))
}

/// `GET /3/trending/{media_type}/{time_window}` (trending-all, trending-movies, trending-tv,
/// trending-people). An unknown media type or window is no route: TMDB's 404/34.
async fn trending(
    State(state): State<AppState>,
    Path((media_type, time_window)): Path<(String, String)>,
    params: Params,
) -> ApiResult<Response> {
    let kind = MediaKind::from_name(&media_type).ok_or(ApiError(Status::NotFound))?;
    let hours = match time_window.as_str() {
        "day" => 24,
        "week" => 24 * 7,
        _ => return Err(ApiError(Status::NotFound)),
    };
    let page = Page::parse_param(params.get("page"))?.get();
    let lang = params.language()?;
    let now = state.config.now();
    let (from, to, end) = window(now, hours)?;
    let mut res = read_json(&state, move |db| {
        Ok(db.trending(kind, &from, &to, page, &lang)?)
    })
    .await?;
    let left = end.duration_since(now).unsigned_abs();
    if let Some(at) = std::time::Instant::now().checked_add(left) {
        res.extensions_mut().insert(ExpiresAt(at));
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_end_with_the_hour() {
        let now: Timestamp = "2026-03-04T10:20:30Z".parse().unwrap();
        let (from, to, end) = window(now, 24).unwrap();
        assert_eq!(from, "2026-03-03 11:00:00 UTC");
        assert_eq!(to, "2026-03-04 10:59:59 UTC");
        assert_eq!(end.to_string(), "2026-03-04T11:00:00Z");
        let (from, _, _) = window(now, 24 * 7).unwrap();
        assert_eq!(from, "2026-02-25 11:00:00 UTC");
    }
}
