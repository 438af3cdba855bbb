//! A series' credits: the regulars `/credits` lists (the series' own credit rows), and
//! aggregate credits derived exactly as a season's are ([`aggregate_credits`]): from the
//! series' own rows (what an imported aggregate stated) and its episodes' credit rows.

use crate::credit::{ByKind, CREDIT_COLUMNS, CreditJoin};
use crate::db::Db;
use crate::tv_season::credits::aggregate_credits;
use crate::{Owner, Result};
use reeldb_wire::tv::{AggregateCredits, SeasonCredits};

impl Db {
    /// `GET /3/tv/{series_id}/credits`: the series' regular cast and crew (one statement).
    pub fn series_credits(&mut self, id: i64) -> Result<SeasonCredits> {
        let regular = ByKind::regulars(self.credits_of(Owner::series(id))?);
        Ok(SeasonCredits {
            cast: regular.cast,
            crew: regular.crew,
            id,
        })
    }

    /// `GET /3/tv/{series_id}/aggregate_credits` (three statements).
    pub fn series_aggregate_credits(&mut self, id: i64) -> Result<AggregateCredits> {
        let own = self.credits_of(Owner::series(id))?;
        let sql = format!(
            // CROSS JOIN keeps SQLite walking the series' episodes first (by index).
            "SELECT {CREDIT_COLUMNS} FROM tv_episode e CROSS JOIN credit c
             WHERE e.series_id = $1 AND c.owner_type = 'episode' AND c.owner_id = e.id
             ORDER BY e.season_number, e.episode_number, c.position"
        );
        let episode_rows: Vec<CreditJoin> = self.query(&sql, &[&id])?;
        let episodes: i64 = self.scalar(
            "SELECT COUNT(*) FROM tv_episode WHERE series_id = $1",
            &[&id],
        )?;
        Ok(aggregate_credits(&own, &episode_rows, episodes, id))
    }
}
