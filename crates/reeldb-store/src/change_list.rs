//! The changes lists: `/3/tv/changes`, `/3/movie/changes` and `/3/person/changes`, the objects with change-log
//! entries in a window, computed from the log (its `(owner_type, time)` index).
//!
//! - TV: a series is listed when the series itself, one of its seasons or one of its episodes
//!   changed. TMDB documents that edits of seasons and episodes create a change entry at the
//!   show level (keys `season` and `episode`), so its TV changes list names those series; reeldb
//!   logs season and episode changes on their own owners, and maps them to their series here.
//!   A season or episode known only through the log (deleted from the catalog) no longer names
//!   its series.
//! - Movies and people: every movie or person with an entry of its own.
//!
//! Order: by each object's latest change in the window, oldest first (TMDB's lists run from the
//! start of the window: new objects appear in creation order), then by id. 100 a page.
//! `adult` is the catalog's flag, `null` when it is unknown (as TMDB sends for some entries).

use crate::Result;
use crate::db::Db;
use reeldb_wire::common::{ChangedObject, ChangesList};

/// Entries a changes-list page holds.
pub const CHANGES_PER_PAGE: u64 = 100;

/// `(id, time, seq)` of every change that counts for a series, in `[$1, $2)`.
const SERIES_CHANGES: &str = "
    SELECT owner_id AS id, time, seq FROM change_log WHERE owner_type = 'tv' AND time >= $1 AND time < $2
    UNION ALL
    SELECT s.series_id, c.time, c.seq FROM change_log c JOIN tv_season s ON s.id = c.owner_id
     WHERE c.owner_type = 'season' AND c.time >= $1 AND c.time < $2
    UNION ALL
    SELECT e.series_id, c.time, c.seq FROM change_log c JOIN tv_episode e ON e.id = c.owner_id
     WHERE c.owner_type = 'episode' AND c.time >= $1 AND c.time < $2";

const MOVIE_CHANGES: &str = "
    SELECT owner_id AS id, time, seq FROM change_log WHERE owner_type = 'movie' AND time >= $1 AND time < $2";

const PEOPLE_CHANGES: &str = "
    SELECT owner_id AS id, time, seq FROM change_log WHERE owner_type = 'person' AND time >= $1 AND time < $2";

impl Db {
    /// A page of the series changed in `[start, end)` (TMDB time strings); two statements.
    pub fn changed_series(&mut self, start: &str, end: &str, page: u32) -> Result<ChangesList> {
        self.changes_list(SERIES_CHANGES, "tv_series", start, end, page)
    }

    /// A page of the movies changed in `[start, end)`; two statements.
    pub fn changed_movies(&mut self, start: &str, end: &str, page: u32) -> Result<ChangesList> {
        self.changes_list(MOVIE_CHANGES, "movie", start, end, page)
    }

    /// A page of the people changed in `[start, end)`; two statements.
    pub fn changed_people(&mut self, start: &str, end: &str, page: u32) -> Result<ChangesList> {
        self.changes_list(PEOPLE_CHANGES, "person", start, end, page)
    }

    fn changes_list(
        &mut self,
        changes: &str,
        table: &str,
        start: &str,
        end: &str,
        page: u32,
    ) -> Result<ChangesList> {
        let total: i64 = self.scalar(
            &format!("SELECT COUNT(DISTINCT id) FROM ({changes}) c"),
            &[&start, &end],
        )?;
        let offset = i64::from(page.saturating_sub(1)) * CHANGES_PER_PAGE as i64;
        let rows: Vec<(i64, Option<i64>)> = self.query(
            &format!(
                "SELECT l.id, o.adult FROM (
                   SELECT id, MAX(time) AS last_time, MAX(seq) AS last_seq FROM ({changes}) c GROUP BY id
                 ) l LEFT JOIN {table} o ON o.id = l.id
                 ORDER BY l.last_time, l.last_seq, l.id LIMIT $3 OFFSET $4"
            ),
            &[&start, &end, &(CHANGES_PER_PAGE as i64), &offset],
        )?;
        let total = total.max(0) as u64;
        Ok(ChangesList {
            results: rows
                .into_iter()
                .map(|(id, adult)| ChangedObject {
                    id,
                    adult: adult.map(|a| a != 0),
                })
                .collect(),
            page,
            total_pages: total.div_ceil(CHANGES_PER_PAGE),
            total_results: total,
        })
    }
}
