//! TV series lists: popular, top rated, airing today and on the air (`/3/tv/{list}`).
//!
//! A list is computed, never stored: each is one ranking over `tv_series` (and `tv_episode`
//! for the airing lists), read with the indexes of migration 11, then the page's entries via
//! [`Db::series_summaries`]. Two statements for the ranking (total and page), four for the
//! entries, whatever the size of the catalog.
//!
//! Which series a list holds:
//! - only series whose list fields are known (`popularity` is set: a list entry or details
//!   response was imported; a series known only from its seasons has no name to show), and
//!   never adult series (TMDB leaves them out of these lists);
//! - popular: by `popularity`, highest first;
//! - top rated: series with at least [`TOP_RATED_MIN_VOTES`] votes, by `vote_average`, then
//!   `vote_count`, highest first;
//! - airing today / on the air: series with an episode whose `air_date` falls in a range of
//!   dates (the caller computes it in the request's time zone), by `popularity`.
//!
//! Ties are broken by id, ascending, so every page is deterministic.

use crate::Result;
use crate::db::Db;
use reeldb_wire::common::Paged;
use reeldb_wire::params::Language;
use reeldb_wire::tv::TvSummary;

/// Entries per page of every TV list (TMDB's 20).
pub const PER_PAGE: u64 = 20;

/// The fewest votes a series needs to be in top rated. TMDB does not publish its threshold;
/// its top rated TV list holds about 2,800 series of 150,000 (spec example, 2023), and at that
/// scale 200 votes admits about as many. A handful of votes at 10.0 never tops the list.
pub const TOP_RATED_MIN_VOTES: i64 = 200;

/// A computed TV list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TvList {
    /// `/3/tv/popular`.
    Popular,
    /// `/3/tv/top_rated`.
    TopRated,
    /// Series with an episode airing on a date in `from..=to` (`YYYY-MM-DD`):
    /// `/3/tv/airing_today` (one day) and `/3/tv/on_the_air` (seven days).
    Airing { from: String, to: String },
}

/// Shown in lists: list fields known, not adult. On `tv_series` as `t`. (Not `COALESCE(adult,
/// 0) = 0`: PostgreSQL cannot estimate that, guesses it keeps 0.5% of rows and then prefers a
/// sequential scan and sort to the popularity index.)
const LISTED: &str = "t.popularity IS NOT NULL AND (t.adult IS NULL OR t.adult = 0)";

impl Db {
    /// One page (1-based) of a TV list, with names and overviews in `lang`, and the list's
    /// true totals. Six statements.
    pub fn tv_list(
        &mut self,
        list: &TvList,
        page: u32,
        lang: &Language,
    ) -> Result<Paged<TvSummary>> {
        let offset = (i64::from(page.max(1)) - 1) * PER_PAGE as i64;
        let limit = PER_PAGE as i64;
        let (total, ids): (i64, Vec<(i64,)>) = match list {
            TvList::Popular => (
                self.scalar(&format!("SELECT COUNT(*) FROM tv_series t WHERE {LISTED}"), &[])?,
                self.query(
                    &format!(
                        "SELECT t.id FROM tv_series t WHERE {LISTED}
                         ORDER BY t.popularity DESC, t.id LIMIT $1 OFFSET $2"
                    ),
                    &[&limit, &offset],
                )?,
            ),
            TvList::TopRated => (
                self.scalar(
                    "SELECT COUNT(*) FROM tv_series t WHERE t.vote_count >= $1 AND (t.adult IS NULL OR t.adult = 0)",
                    &[&TOP_RATED_MIN_VOTES],
                )?,
                self.query(
                    "SELECT t.id FROM tv_series t WHERE t.vote_count >= $1 AND (t.adult IS NULL OR t.adult = 0)
                     ORDER BY t.vote_average DESC, t.vote_count DESC, t.id LIMIT $2 OFFSET $3",
                    &[&TOP_RATED_MIN_VOTES, &limit, &offset],
                )?,
            ),
            TvList::Airing { from, to } => {
                let airing = "t.id IN (SELECT e.series_id FROM tv_episode e WHERE e.air_date >= $1 AND e.air_date <= $2)";
                (
                    self.scalar(
                        &format!("SELECT COUNT(*) FROM tv_series t WHERE {airing} AND {LISTED}"),
                        &[from, to],
                    )?,
                    self.query(
                        &format!(
                            "SELECT t.id FROM tv_series t WHERE {airing} AND {LISTED}
                             ORDER BY t.popularity DESC, t.id LIMIT $3 OFFSET $4"
                        ),
                        &[from, to, &limit, &offset],
                    )?,
                )
            }
        };
        let ids: Vec<i64> = ids.into_iter().map(|(id,)| id).collect();
        let results = self.series_summaries(&ids, lang)?;
        Ok(Paged::new(page, PER_PAGE, total.max(0) as u64, results))
    }

    /// Whether the catalog knows the series (one statement).
    pub fn series_known(&mut self, series_id: i64) -> Result<bool> {
        let n: i64 = self.scalar(
            "SELECT COUNT(*) FROM tv_series WHERE id = $1",
            &[&series_id],
        )?;
        Ok(n > 0)
    }
}
