//! TV episodes: addressed by `(series, season number, episode number)` or by TMDB id.
//!
//! Statements per operation (the statement-count test holds these bounds): details 5, credits
//! 4, plus each shared child's own (see the child modules).

use crate::StoreError;
use crate::credit::ByKind;
use crate::db::Db;
use crate::translation::{PrimaryText, resolve_text};
use crate::write::EpisodeFields;
use crate::write::Writer;
use crate::write::opt_json;
use crate::{Owner, Result};
use reeldb_wire::common::CastCredit;
use reeldb_wire::params::Language;
use reeldb_wire::tv::{EpisodeCredits, EpisodeDetails};
use serde_json::json;

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
        let credits = ByKind::of(self.credits_of(owner)?);
        let still_path = match row.still_path {
            Some(p) => Some(p),
            None => self.best_image(owner, "still")?,
        };
        Ok(EpisodeDetails {
            air_date: row.air_date,
            crew: credits.crew,
            episode_number: row.episode_number,
            episode_type: row.episode_type,
            guest_stars: credits.guest,
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
        let credits = ByKind::of(self.credits_of(Owner::episode(ep.id))?);
        let mut cast: Vec<CastCredit> = credits.cast;
        if cast.is_empty()
            && let Some(season) = self.season_ref(ep.series_id, ep.season_number)?
        {
            cast = ByKind::regulars(self.credits_of(Owner::season(season.id))?).cast;
        }
        Ok(EpisodeCredits {
            cast,
            crew: credits.crew,
            guest_stars: credits.guest,
            id: ep.id,
        })
    }
}

impl Writer<'_> {
    /// Makes sure episode `id` exists at the given position (creating it with no other fields).
    pub fn ensure_episode(
        &mut self,
        id: i64,
        series_id: i64,
        season_number: i64,
        episode_number: i64,
    ) -> Result<()> {
        let here = self.episode_id(series_id, season_number, episode_number)?;
        match here {
            Some(existing) if existing == id => Ok(()),
            Some(existing) => Err(StoreError::Invalid(format!(
                "series {series_id} season {season_number} episode {episode_number} is episode id {existing}, not {id}"
            ))),
            None => {
                let elsewhere: Option<(i64, i64, i64)> = self.db.query_opt(
                    "SELECT series_id, season_number, episode_number FROM tv_episode WHERE id = $1",
                    &[&id],
                )?;
                if let Some(pos) = elsewhere {
                    return Err(StoreError::Invalid(format!(
                        "episode id {id} is series {} season {} episode {}",
                        pos.0, pos.1, pos.2
                    )));
                }
                self.upsert_episode(&EpisodeFields {
                    id,
                    series_id,
                    season_number,
                    episode_number,
                    ..Default::default()
                })
            }
        }
    }

    /// Inserts or updates an episode, moving it if the source places it elsewhere.
    pub fn upsert_episode(&mut self, f: &EpisodeFields) -> Result<()> {
        self.ensure_season(f.series_id, f.season_number)?;
        let occupant: Option<i64> = self.db.scalar_opt(
            "SELECT id FROM tv_episode WHERE series_id = $1 AND season_number = $2 AND episode_number = $3",
            &[&f.series_id, &f.season_number, &f.episode_number],
        )?;
        if let Some(other) = occupant
            && other != f.id
        {
            return Err(StoreError::Invalid(format!(
                "series {} season {} episode {} is episode id {other}, not {}",
                f.series_id, f.season_number, f.episode_number, f.id
            )));
        }
        type Old = (
            i64,
            i64,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<i64>,
            Option<String>,
        );
        let old: Option<Old> = self.db.query_opt(
            "SELECT season_number, episode_number, air_date, episode_type, production_code, runtime, still_path FROM tv_episode WHERE id = $1",
            &[&f.id],
        )?;
        self.db.execute(
            "INSERT INTO tv_episode (id, series_id, season_number, episode_number, air_date, episode_type, production_code, runtime, still_path, vote_average, vote_count)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             ON CONFLICT (id) DO UPDATE SET series_id = excluded.series_id, season_number = excluded.season_number,
               episode_number = excluded.episode_number, air_date = excluded.air_date,
               episode_type = CASE WHEN $12 = 1 THEN excluded.episode_type ELSE tv_episode.episode_type END,
               production_code = excluded.production_code, runtime = excluded.runtime, still_path = excluded.still_path,
               vote_average = excluded.vote_average, vote_count = excluded.vote_count",
            &[
                &f.id,
                &f.series_id,
                &f.season_number,
                &f.episode_number,
                &f.air_date,
                &f.episode_type.clone().flatten(),
                &f.production_code,
                &f.runtime,
                &f.still_path,
                &f.vote_average,
                &f.vote_count,
                &i64::from(f.episode_type.is_some()),
            ],
        )?;
        let owner = Owner::episode(f.id);
        let Some((o_season, o_number, o_air, o_type, o_code, o_runtime, o_still)) = old else {
            return self.record(
                owner,
                "episode",
                "created",
                None,
                None,
                Some(json!({"episode_number": f.episode_number, "season_number": f.season_number})),
                None,
            );
        };
        self.diff(
            owner,
            "season_number",
            None,
            Some(json!(o_season)),
            Some(json!(f.season_number)),
        )?;
        self.diff(
            owner,
            "episode_number",
            None,
            Some(json!(o_number)),
            Some(json!(f.episode_number)),
        )?;
        self.diff_field(owner, "air_date", &o_air, &f.air_date)?;
        if let Some(t) = &f.episode_type {
            self.diff(owner, "episode_type", None, opt_json(&o_type), opt_json(t))?;
        }
        self.diff_field(owner, "production_code", &o_code, &f.production_code)?;
        self.diff_field(owner, "runtime", &o_runtime, &f.runtime)?;
        self.diff_field(owner, "still_path", &o_still, &f.still_path)?;
        Ok(())
    }

    /// The TMDB id of an episode, if it exists.
    pub fn episode_id(
        &mut self,
        series_id: i64,
        season_number: i64,
        episode_number: i64,
    ) -> Result<Option<i64>> {
        self.db.scalar_opt(
            "SELECT id FROM tv_episode WHERE series_id = $1 AND season_number = $2 AND episode_number = $3",
            &[&series_id, &season_number, &episode_number],
        )
    }
}
