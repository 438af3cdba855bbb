//! TV episodes: addressed by `(series, season number, episode number)` or by TMDB id.
//!
//! Statements per operation (the statement-count test holds these bounds): details 5, credits
//! 4, plus each shared child's own (see the child modules).

use crate::credit::{cast_of, crew_of};
use crate::db::Db;
use crate::translation::{PrimaryText, resolve_text};
use crate::{Owner, Result};
use reeldb_wire::common::CastCredit;
use reeldb_wire::params::Language;
use reeldb_wire::tv::{EpisodeCredits, EpisodeDetails};

/// An episode the catalog holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EpisodeRef {
    pub id: i64,
    pub series_id: i64,
    pub season_number: i64,
    pub episode_number: i64,
}

/// The scalar columns of an episode.
pub(crate) struct EpisodeRow {
    pub id: i64,
    pub series_id: i64,
    pub season_number: i64,
    pub episode_number: i64,
    pub air_date: Option<String>,
    pub episode_type: Option<String>,
    pub production_code: Option<String>,
    pub runtime: Option<i64>,
    pub still_path: Option<String>,
    pub vote_average: Option<f64>,
    pub vote_count: Option<i64>,
    pub name: Option<String>,
    pub overview: Option<String>,
    pub primary_language: Option<String>,
}

crate::from_row!(EpisodeRow {
    id,
    series_id,
    season_number,
    episode_number,
    air_date,
    episode_type,
    production_code,
    runtime,
    still_path,
    vote_average,
    vote_count,
    name,
    overview,
    primary_language,
});

impl EpisodeRow {
    pub fn primary_text(&self) -> PrimaryText {
        PrimaryText {
            language: self.primary_language.clone(),
            name: self.name.clone(),
            overview: self.overview.clone(),
        }
    }
}

/// The select list of [`EpisodeRow`].
pub(crate) const EPISODE_SELECT: &str =
    "SELECT id, series_id, season_number, episode_number, air_date, episode_type, production_code,
    runtime, still_path, vote_average, vote_count, name, overview, primary_language FROM tv_episode";

impl Db {
    /// The episode at a path position (one statement).
    pub fn episode_ref(
        &mut self,
        series_id: i64,
        season_number: i64,
        episode_number: i64,
    ) -> Result<Option<EpisodeRef>> {
        let id: Option<i64> = self.scalar_opt(
            "SELECT id FROM tv_episode WHERE series_id = $1 AND season_number = $2 AND episode_number = $3",
            &[&series_id, &season_number, &episode_number],
        )?;
        Ok(id.map(|id| EpisodeRef {
            id,
            series_id,
            season_number,
            episode_number,
        }))
    }

    /// The episode with TMDB id `id` (one statement).
    pub fn episode_by_id(&mut self, id: i64) -> Result<Option<EpisodeRef>> {
        let row: Option<(i64, i64, i64)> = self.query_opt(
            "SELECT series_id, season_number, episode_number FROM tv_episode WHERE id = $1",
            &[&id],
        )?;
        Ok(
            row.map(|(series_id, season_number, episode_number)| EpisodeRef {
                id,
                series_id,
                season_number,
                episode_number,
            }),
        )
    }

    /// `GET /3/tv/{series_id}/season/{season_number}/episode/{episode_number}`: at most four
    /// statements (row, translations, credits, and a still when the source named none).
    pub fn episode_details(&mut self, ep: &EpisodeRef, lang: &Language) -> Result<EpisodeDetails> {
        let sql = format!("{EPISODE_SELECT} WHERE id = $1");
        let row: EpisodeRow = self.query_one(&sql, &[&ep.id])?;
        let owner = Owner::episode(ep.id);
        // The row carries the primary text; only the translations need another statement.
        let rows = self.translation_rows(owner, lang)?;
        let text = resolve_text(&row.primary_text(), &rows, lang);
        let credits = self.credits_of(owner)?;
        let still_path = match row.still_path {
            Some(p) => Some(p),
            None => self.best_image(owner, "still")?,
        };
        Ok(EpisodeDetails {
            air_date: row.air_date,
            crew: crew_of(&credits),
            episode_number: row.episode_number,
            guest_stars: cast_of(&credits, "guest"),
            name: text.name,
            overview: text.overview,
            id: row.id,
            production_code: row.production_code,
            runtime: row.runtime,
            season_number: row.season_number,
            still_path,
            vote_average: row.vote_average,
            vote_count: row.vote_count,
        })
    }

    /// `GET .../episode/{n}/credits`: at most three statements. The cast is the episode's own
    /// when the source gave one, else the season's regular cast (TMDB lists series regulars on
    /// each episode).
    pub fn episode_credits(&mut self, ep: &EpisodeRef) -> Result<EpisodeCredits> {
        let credits = self.credits_of(Owner::episode(ep.id))?;
        let mut cast: Vec<CastCredit> = cast_of(&credits, "cast");
        if cast.is_empty()
            && let Some(season) = self.season_ref(ep.series_id, ep.season_number)?
        {
            let season_rows = self.credits_of(Owner::season(season.id))?;
            cast = cast_of(season_rows.iter().filter(|c| c.regular == 1), "cast");
        }
        Ok(EpisodeCredits {
            cast,
            crew: crew_of(&credits),
            guest_stars: cast_of(&credits, "guest"),
            id: ep.id,
        })
    }
}
