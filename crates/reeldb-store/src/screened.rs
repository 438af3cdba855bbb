//! Episodes a series screened in theatres (`/screened_theatrically`): a relation on
//! `tv_episode` rows, in TMDB's order. The episodes it names are catalog episodes; an import
//! creates the ones the catalog lacks (by id and position only).

use crate::db::Db;
use crate::series_extra::as_values;
use crate::write::Writer;
use crate::{Owner, Result};
use reeldb_wire::tv_extra::{ScreenedEpisode, ScreenedTheatrically};

impl Db {
    /// `GET /3/tv/{series_id}/screened_theatrically` of a known series (one statement).
    pub fn series_screened_theatrically(&mut self, series_id: i64) -> Result<ScreenedTheatrically> {
        let rows: Vec<(i64, i64, i64)> = self.query(
            "SELECT e.id, e.episode_number, e.season_number FROM screened_episode s
             JOIN tv_episode e ON e.id = s.episode_id
             WHERE s.series_id = $1 ORDER BY s.position",
            &[&series_id],
        )?;
        Ok(ScreenedTheatrically {
            id: series_id,
            results: rows
                .into_iter()
                .map(|(id, episode_number, season_number)| ScreenedEpisode {
                    id,
                    episode_number,
                    season_number,
                })
                .collect(),
        })
    }
}

impl Writer<'_> {
    /// Makes the screened episodes of a series this complete list, in order. Each episode must
    /// be (or becomes) the catalog's episode at that position; the series logs each episode
    /// added or removed under `screened_theatrically`.
    pub fn replace_screened_episodes(
        &mut self,
        series_id: i64,
        episodes: &[ScreenedEpisode],
    ) -> Result<()> {
        self.ensure_series(series_id)?;
        for e in episodes {
            self.ensure_episode(e.id, series_id, e.season_number, e.episode_number)?;
        }
        let old = self.db.series_screened_theatrically(series_id)?.results;
        if old == episodes {
            return Ok(());
        }
        self.db.execute(
            "DELETE FROM screened_episode WHERE series_id = $1",
            &[&series_id],
        )?;
        for (pos, e) in episodes.iter().enumerate() {
            self.db.execute(
                "INSERT INTO screened_episode (series_id, episode_id, position) VALUES ($1, $2, $3)
                 ON CONFLICT (series_id, episode_id) DO NOTHING",
                &[&series_id, &e.id, &(pos as i64)],
            )?;
        }
        self.diff_list(
            Owner::series(series_id),
            "screened_theatrically",
            &as_values(&old),
            &as_values(episodes),
        )
    }
}
