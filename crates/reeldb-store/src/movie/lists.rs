//! Movie lists: popular, top rated, now playing and upcoming (`/3/movie/{list}`), computed from
//! the catalog (indexes of migration 15), and the list-entry writer their imports use.
//!
//! Which movies a list holds (docs/LISTS.md):
//! - only movies whose list fields are known (`popularity` set), never adult ones, and not
//!   video-only entries (`video`: TMDB's lists are its discover queries without videos);
//! - popular: by `popularity`, highest first; top rated: at least
//!   [`crate::tv_lists::TOP_RATED_MIN_VOTES`] votes, by `vote_average`, then `vote_count`;
//! - now playing / upcoming ([`MovieList::Released`]): a theatrical release (types 2 and 3,
//!   `release_date` rows) dated in a window the caller computes from today, in any country,
//!   or only in `region` when one is given; by `popularity`.
//!
//! `region` also chooses the release date an entry shows: that country's (its earliest
//! theatrical release, else premiere, else any), the movie's own when it has none there.
//! Ties are broken by id. Two statements rank (total, page), three build the entries, and one
//! more reads the regional release dates when a region is given: six at most.

use crate::Result;
use crate::db::{Db, in_list};
use crate::tv_lists::{PER_PAGE, TOP_RATED_MIN_VOTES};
use crate::value::ToSqlValue;
use crate::write::{Writer, bool_int};
use crate::{Owner, StoreError};
use reeldb_wire::common::Paged;
use reeldb_wire::params::Language;
use reeldb_wire::person::MovieSummary;
use std::collections::HashMap;

/// A release's date and type.
type Release = (Option<String>, Option<i64>);

/// A computed movie list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MovieList {
    /// `/3/movie/popular`.
    Popular,
    /// `/3/movie/top_rated`.
    TopRated,
    /// Movies with a theatrical release dated `from..=to` (`YYYY-MM-DD`): `/3/movie/now_playing`
    /// and `/3/movie/upcoming`.
    Released { from: String, to: String },
}

/// Release types TMDB counts as theatrical: limited (2) and wide (3).
pub const THEATRICAL: [i64; 2] = [2, 3];

/// Shown in lists, on `movie` as `m` (spelled so that PostgreSQL can estimate it, see
/// `tv_lists`).
pub(crate) const LISTED_MOVIE: &str = "m.popularity IS NOT NULL AND (m.adult IS NULL OR m.adult = 0) AND (m.video IS NULL OR m.video = 0)";

/// The day after `date` (`YYYY-MM-DD`), so that a window's last day includes releases stored
/// with a time (`2023-05-03T00:00:00.000Z` sorts after `2023-05-03`).
fn day_after(date: &str) -> Result<String> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    let d = time::Date::parse(date, &fmt)
        .map_err(|_| StoreError::Invalid(format!("bad date {date:?}")))?;
    let next = d
        .next_day()
        .ok_or_else(|| StoreError::Invalid(format!("no day after {date:?}")))?;
    next.format(&fmt)
        .map_err(|e| StoreError::Invalid(e.to_string()))
}

/// The rank of a release type when choosing a country's release date (theatrical first).
fn type_rank(release_type: Option<i64>) -> i64 {
    match release_type {
        Some(t) if THEATRICAL.contains(&t) => 0,
        Some(1) => 1,
        _ => 2,
    }
}

/// The date a set of releases states for a movie: theatrical first, then premiere, then any;
/// the earliest of the best kind (TMDB's rule for a primary release date).
pub(crate) fn chosen_release<'a>(
    releases: impl IntoIterator<Item = (&'a Option<String>, Option<i64>)>,
) -> Option<String> {
    releases
        .into_iter()
        .filter_map(|(date, kind)| date.as_deref().map(|d| (type_rank(kind), d)))
        .min()
        .map(|(_, d)| d.get(..10).unwrap_or(d).to_owned())
}

impl Db {
    /// One page (1-based) of a movie list in `lang`, release dates as `region` states them,
    /// with the list's true totals. Six statements at most.
    pub fn movie_list(
        &mut self,
        list: &MovieList,
        region: Option<&str>,
        page: u32,
        lang: &Language,
    ) -> Result<Paged<MovieSummary>> {
        let offset = (i64::from(page.max(1)) - 1) * PER_PAGE as i64;
        let limit = PER_PAGE as i64;
        let (total, ids): (i64, Vec<(i64,)>) = match list {
            MovieList::Popular => (
                self.scalar(
                    &format!("SELECT COUNT(*) FROM movie m WHERE {LISTED_MOVIE}"),
                    &[],
                )?,
                self.query(
                    &format!(
                        "SELECT m.id FROM movie m WHERE {LISTED_MOVIE}
                         ORDER BY m.popularity DESC, m.id LIMIT $1 OFFSET $2"
                    ),
                    &[&limit, &offset],
                )?,
            ),
            MovieList::TopRated => {
                let rated = "m.vote_count >= $1 AND (m.adult IS NULL OR m.adult = 0) AND (m.video IS NULL OR m.video = 0)";
                (
                    self.scalar(
                        &format!("SELECT COUNT(*) FROM movie m WHERE {rated}"),
                        &[&TOP_RATED_MIN_VOTES],
                    )?,
                    self.query(
                        &format!(
                            "SELECT m.id FROM movie m WHERE {rated}
                             ORDER BY m.vote_average DESC, m.vote_count DESC, m.id LIMIT $2 OFFSET $3"
                        ),
                        &[&TOP_RATED_MIN_VOTES, &limit, &offset],
                    )?,
                )
            }
            MovieList::Released { from, to } => {
                let until = day_after(to)?;
                let (t2, t3) = (THEATRICAL[0], THEATRICAL[1]);
                let region_owned: Option<String> = region.map(str::to_owned);
                let mut params: Vec<&dyn ToSqlValue> = vec![from, &until, &t2, &t3];
                let country = match &region_owned {
                    Some(r) => {
                        params.push(r);
                        "AND r.iso_3166_1 = $5"
                    }
                    None => "",
                };
                let released = format!(
                    "m.id IN (SELECT r.movie_id FROM release_date r
                     WHERE r.release_date >= $1 AND r.release_date < $2 AND r.release_type IN ($3, $4) {country})"
                );
                let total = self.scalar(
                    &format!("SELECT COUNT(*) FROM movie m WHERE {released} AND {LISTED_MOVIE}"),
                    &params,
                )?;
                let n = params.len();
                params.push(&limit);
                params.push(&offset);
                let ids = self.query(
                    &format!(
                        "SELECT m.id FROM movie m WHERE {released} AND {LISTED_MOVIE}
                         ORDER BY m.popularity DESC, m.id LIMIT ${} OFFSET ${}",
                        n + 1,
                        n + 2
                    ),
                    &params,
                )?;
                (total, ids)
            }
        };
        let ids: Vec<i64> = ids.into_iter().map(|(id,)| id).collect();
        let mut results = self.movie_summaries(&ids, lang)?;
        if let Some(region) = region {
            self.with_regional_dates(&mut results, region)?;
        }
        // movie_summaries reads by id; the page keeps the ranking's order.
        let rank: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        results.sort_by_key(|m| rank.get(&m.id).copied().unwrap_or(usize::MAX));
        Ok(Paged::new(page, PER_PAGE, total.max(0) as u64, results))
    }

    /// Replaces each entry's `release_date` by the one `region` states for it, when it has
    /// releases there (one statement; none for an empty page).
    pub fn with_regional_dates(&mut self, movies: &mut [MovieSummary], region: &str) -> Result<()> {
        if movies.is_empty() {
            return Ok(());
        }
        let ids: Vec<i64> = movies.iter().map(|m| m.id).collect();
        let mut params: Vec<&dyn ToSqlValue> = vec![&region];
        params.extend(ids.iter().map(|i| i as &dyn ToSqlValue));
        let rows: Vec<(i64, Option<String>, Option<i64>)> = self.query(
            &format!(
                "SELECT movie_id, release_date, release_type FROM release_date
                 WHERE iso_3166_1 = $1 AND movie_id IN ({})",
                in_list(2, ids.len())
            ),
            &params,
        )?;
        let mut by_movie: HashMap<i64, Vec<Release>> = HashMap::new();
        for (id, date, kind) in rows {
            by_movie.entry(id).or_default().push((date, kind));
        }
        for m in movies {
            let chosen = by_movie
                .get(&m.id)
                .and_then(|r| chosen_release(r.iter().map(|(d, k)| (d, *k))));
            if let Some(date) = chosen {
                m.release_date = Some(date);
            }
        }
        Ok(())
    }
}

impl Writer<'_> {
    /// Applies a movie's list fields as a list entry states them (popular, similar, a
    /// person's credits...), text in `language`; logs the stated fields that moved.
    pub fn set_movie_summary(&mut self, m: &MovieSummary, language: &str) -> Result<()> {
        self.ensure_movie(m.id)?;
        let owner = Owner::movie(m.id);
        type Old = (
            Option<i64>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<i64>,
        );
        let listing = self.listing_of("movie", m.id)?;
        let old: Old = self.db.query_one(
            "SELECT adult, backdrop_path, original_language, original_title, poster_path, release_date, video
             FROM movie WHERE id = $1",
            &[&m.id],
        )?;
        self.db.execute(
            "UPDATE movie SET adult = $2, backdrop_path = $3, original_language = $4, original_title = $5,
               popularity = $6, poster_path = $7, release_date = $8, video = $9, vote_average = $10,
               vote_count = $11
             WHERE id = $1",
            &[
                &m.id,
                &bool_int(m.adult),
                &m.backdrop_path,
                &m.original_language,
                &m.original_title,
                &m.popularity,
                &m.poster_path,
                &m.release_date,
                &bool_int(m.video),
                &m.vote_average,
                &m.vote_count,
            ],
        )?;
        let (adult, backdrop, o_lang, o_title, poster, release, video) = old;
        // Popularity and votes: no TMDB change, a mark for the search index's discover facts.
        self.mark_listing(owner, listing, (m.popularity, m.vote_average, m.vote_count))?;
        self.diff_field(owner, "adult", &adult.map(|a| a != 0), &m.adult)?;
        self.diff_field(owner, "backdrop_path", &backdrop, &m.backdrop_path)?;
        self.diff_field(owner, "original_language", &o_lang, &m.original_language)?;
        self.diff_field(owner, "original_title", &o_title, &m.original_title)?;
        self.diff_field(owner, "poster_path", &poster, &m.poster_path)?;
        self.diff_field(owner, "release_date", &release, &m.release_date)?;
        self.diff_field(owner, "video", &video.map(|v| v != 0), &m.video)?;
        self.set_genre_ids(owner, &m.genre_ids)?;
        self.set_stated_text(owner, language, m.title.as_deref(), m.overview.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_end_and_release_choice() {
        assert_eq!(day_after("2023-05-03").unwrap(), "2023-05-04");
        assert_eq!(day_after("2024-02-28").unwrap(), "2024-02-29");
        assert!(day_after("2024-13-01").is_err());
        let a = Some("2023-06-01T00:00:00.000Z".to_owned());
        let b = Some("2023-05-01T00:00:00.000Z".to_owned());
        let c = Some("2023-04-01T00:00:00.000Z".to_owned());
        // Theatrical beats an earlier premiere and digital release.
        assert_eq!(
            chosen_release([(&a, Some(3)), (&b, Some(1)), (&c, Some(4))]),
            Some("2023-06-01".to_owned())
        );
        assert_eq!(
            chosen_release([(&b, Some(1)), (&c, Some(4))]),
            Some("2023-05-01".to_owned())
        );
        assert_eq!(chosen_release([(&None, Some(3))]), None);
    }
}
