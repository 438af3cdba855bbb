//! TV seasons: addressed by `(series, season number)`, or by TMDB id once a season-level
//! response named it.
//!
//! Every read here runs a fixed number of statements whatever the season's size: lists of
//! episodes, their translations, credits and stills are each read for the whole season at once.
//! [`credits`] holds the season's credits and aggregate credits, read and written.

pub mod credits;

use crate::StoreError;
use crate::credit::{ByKind, CREDIT_COLUMNS, CreditJoin};
use crate::db::Db;
use crate::translation::{PrimaryText, TranslationRow, resolve_text};
use crate::tv_episode::{EPISODE_SELECT, EpisodeRow};
use crate::write::SeasonFields;
use crate::write::Writer;
use crate::{Owner, Result};
use reeldb_wire::params::Language;
use reeldb_wire::tv::{SeasonDetails, SeasonEpisode};
use serde_json::json;
use std::collections::HashMap;

/// A season the catalog knows by its TMDB id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeasonRef {
    pub id: i64,
    pub series_id: i64,
    pub season_number: i64,
}

struct SeasonRow {
    object_id: Option<String>,
    air_date: Option<String>,
    poster_path: Option<String>,
    vote_average: Option<f64>,
    name: Option<String>,
    overview: Option<String>,
    primary_language: Option<String>,
}

crate::from_row!(SeasonRow {
    object_id,
    air_date,
    poster_path,
    vote_average,
    name,
    overview,
    primary_language,
});

impl Db {
    /// The season at `(series_id, season_number)`, if the catalog knows its TMDB id (one
    /// statement).
    pub fn season_ref(&mut self, series_id: i64, season_number: i64) -> Result<Option<SeasonRef>> {
        let id: Option<Option<i64>> = self.scalar_opt(
            "SELECT id FROM tv_season WHERE series_id = $1 AND season_number = $2",
            &[&series_id, &season_number],
        )?;
        Ok(id.flatten().map(|id| SeasonRef {
            id,
            series_id,
            season_number,
        }))
    }

    /// The season with TMDB id `id` (one statement).
    pub fn season_by_id(&mut self, id: i64) -> Result<Option<SeasonRef>> {
        let row: Option<(i64, i64)> = self.query_opt(
            "SELECT series_id, season_number FROM tv_season WHERE id = $1",
            &[&id],
        )?;
        Ok(row.map(|(series_id, season_number)| SeasonRef {
            id,
            series_id,
            season_number,
        }))
    }

    /// `GET /3/tv/{series_id}/season/{season_number}`: at most nine statements (row,
    /// translations, posters, networks, episodes, their translations, their credits, and their
    /// stills when some episode has none named).
    pub fn season_details(&mut self, s: &SeasonRef, lang: &Language) -> Result<SeasonDetails> {
        let row: SeasonRow = self.query_one(
            "SELECT object_id, air_date, poster_path, vote_average, name, overview, primary_language FROM tv_season WHERE id = $1",
            &[&s.id],
        )?;
        let owner = Owner::season(s.id);
        let primary = PrimaryText {
            language: row.primary_language,
            name: row.name,
            overview: row.overview,
        };
        let text = resolve_text(&primary, &self.translation_rows(owner, lang)?, lang);
        // TMDB: the best poster in the requested language, else the one the source named, else
        // the best rated.
        let posters = self.images(owner, "poster", &None)?;
        let poster_path = posters
            .iter()
            .find(|i| i.iso_639_1.as_deref() == Some(lang.iso_639_1.as_str()))
            .map(|i| i.file_path.clone())
            .or(row.poster_path)
            .or_else(|| posters.first().map(|i| i.file_path.clone()));
        let networks = self.series_networks(s.series_id)?;
        Ok(SeasonDetails {
            object_id: row.object_id,
            air_date: row.air_date,
            episodes: self.season_episodes(s, lang)?,
            name: text.name,
            networks,
            overview: text.overview,
            id: s.id,
            poster_path,
            season_number: s.season_number,
            vote_average: row.vote_average,
        })
    }

    /// The episodes of a season as season details list them: four statements at most.
    fn season_episodes(&mut self, s: &SeasonRef, lang: &Language) -> Result<Vec<SeasonEpisode>> {
        let sql = format!(
            "{EPISODE_SELECT} WHERE series_id = $1 AND season_number = $2 ORDER BY episode_number"
        );
        let rows: Vec<EpisodeRow> = self.query(&sql, &[&s.series_id, &s.season_number])?;
        let texts: Vec<(i64, String, Option<String>, Option<String>)> = self.query(
            "SELECT t.owner_id, t.iso_3166_1, t.name, t.overview FROM tv_episode e CROSS JOIN translation t
             WHERE e.series_id = $1 AND e.season_number = $2 AND t.owner_type = 'episode' AND t.owner_id = e.id
               AND t.iso_639_1 = $3 ORDER BY t.iso_3166_1",
            &[&s.series_id, &s.season_number, &lang.iso_639_1],
        )?;
        let mut by_episode: HashMap<i64, Vec<TranslationRow>> = HashMap::new();
        for (id, r, n, o) in texts {
            by_episode.entry(id).or_default().push((r, n, o));
        }
        let credits = self.season_episode_credits(s)?;
        let mut credits_by_episode: HashMap<i64, Vec<CreditJoin>> = HashMap::new();
        for c in credits {
            credits_by_episode.entry(c.owner_id).or_default().push(c);
        }
        // Episodes whose source named no still show their best rated one: read for the whole
        // season in one statement, first row per episode.
        let mut stills: HashMap<i64, String> = HashMap::new();
        if rows.iter().any(|r| r.still_path.is_none()) {
            let sql = "SELECT i.owner_id, i.file_path FROM tv_episode e CROSS JOIN image i
                 WHERE e.series_id = $1 AND e.season_number = $2 AND i.owner_type = 'episode'
                   AND i.owner_id = e.id AND i.kind = 'still'
                 ORDER BY i.owner_id, COALESCE(i.vote_average, 0) DESC, i.position";
            let found: Vec<(i64, String)> = self.query(sql, &[&s.series_id, &s.season_number])?;
            for (id, path) in found {
                stills.entry(id).or_insert(path);
            }
        }
        Ok(rows
            .into_iter()
            .map(|r| {
                let text = resolve_text(
                    &r.primary_text(),
                    by_episode.get(&r.id).map(Vec::as_slice).unwrap_or_default(),
                    lang,
                );
                let mine = ByKind::of(credits_by_episode.remove(&r.id).unwrap_or_default());
                SeasonEpisode {
                    air_date: r.air_date,
                    episode_number: r.episode_number,
                    episode_type: r.episode_type,
                    id: r.id,
                    name: text.name,
                    overview: text.overview,
                    production_code: r.production_code,
                    runtime: r.runtime,
                    season_number: r.season_number,
                    show_id: Some(r.series_id),
                    still_path: r.still_path.or_else(|| stills.remove(&r.id)),
                    vote_average: r.vote_average,
                    vote_count: r.vote_count,
                    crew: mine.crew,
                    guest_stars: mine.guest,
                }
            })
            .collect())
    }

    /// Credits of every episode of a season, in one statement.
    fn season_episode_credits(&mut self, s: &SeasonRef) -> Result<Vec<CreditJoin>> {
        let sql = format!(
            // CROSS JOIN keeps SQLite's planner walking the season's episodes first (by index),
            // with or without statistics; PostgreSQL plans it like any inner join.
            "SELECT {CREDIT_COLUMNS} FROM tv_episode e CROSS JOIN credit c
             WHERE e.series_id = $1 AND e.season_number = $2 AND c.owner_type = 'episode' AND c.owner_id = e.id
             ORDER BY e.episode_number, c.position"
        );
        self.query(&sql, &[&s.series_id, &s.season_number])
    }
}

impl Writer<'_> {
    /// Makes sure a season row exists, its TMDB id possibly still unknown.
    pub fn ensure_season(&mut self, series_id: i64, season_number: i64) -> Result<()> {
        self.ensure_series(series_id)?;
        self.db.execute(
            "INSERT INTO tv_season (series_id, season_number) VALUES ($1, $2) ON CONFLICT (series_id, season_number) DO NOTHING",
            &[&series_id, &season_number],
        )?;
        Ok(())
    }

    /// Makes sure the season at `(series_id, season_number)` exists and has TMDB id `id`.
    pub fn ensure_season_id(&mut self, series_id: i64, season_number: i64, id: i64) -> Result<()> {
        self.ensure_season(series_id, season_number)?;
        let here = self.season_id(series_id, season_number)?;
        match here {
            Some(existing) if existing == id => return Ok(()),
            Some(existing) => {
                return Err(StoreError::Invalid(format!(
                    "series {series_id} season {season_number} has id {existing}, not {id}"
                )));
            }
            None => {}
        }
        let elsewhere: Option<(i64, i64)> = self.db.query_opt(
            "SELECT series_id, season_number FROM tv_season WHERE id = $1",
            &[&id],
        )?;
        if let Some(pos) = elsewhere {
            return Err(StoreError::Invalid(format!(
                "season id {id} already belongs to series {} season {}",
                pos.0, pos.1
            )));
        }
        self.db.execute(
            "UPDATE tv_season SET id = $1 WHERE series_id = $2 AND season_number = $3",
            &[&id, &series_id, &season_number],
        )?;
        self.record(
            Owner::season(id),
            "season",
            "created",
            None,
            None,
            Some(json!({"season_number": season_number})),
            None,
        )
    }

    /// Sets a season's scalar fields (and learns its TMDB id).
    pub fn upsert_season(
        &mut self,
        series_id: i64,
        season_number: i64,
        f: &SeasonFields,
    ) -> Result<()> {
        self.ensure_season(series_id, season_number)?;
        let elsewhere: Option<(i64, i64)> = self.db.query_opt(
            "SELECT series_id, season_number FROM tv_season WHERE id = $1",
            &[&f.id],
        )?;
        if let Some(pos) = elsewhere
            && pos != (series_id, season_number)
        {
            return Err(StoreError::Invalid(format!(
                "season id {} already belongs to series {} season {}",
                f.id, pos.0, pos.1
            )));
        }
        type Old = (Option<i64>, Option<String>, Option<String>, Option<String>);
        let (old_id, old_air, old_poster, _old_obj): Old = self.db.query_one(
            "SELECT id, air_date, poster_path, object_id FROM tv_season WHERE series_id = $1 AND season_number = $2",
            &[&series_id, &season_number],
        )?;
        if let Some(old) = old_id
            && old != f.id
        {
            return Err(StoreError::Invalid(format!(
                "series {series_id} season {season_number} has id {old}, not {}",
                f.id
            )));
        }
        self.db.execute(
            "UPDATE tv_season SET id = $1, object_id = COALESCE($2, object_id), air_date = $3, poster_path = $4, vote_average = $5
             WHERE series_id = $6 AND season_number = $7",
            &[
                &f.id,
                &f.object_id,
                &f.air_date,
                &f.poster_path,
                &f.vote_average,
                &series_id,
                &season_number,
            ],
        )?;
        let owner = Owner::season(f.id);
        if old_id.is_none() {
            self.record(
                owner,
                "season",
                "created",
                None,
                None,
                Some(json!({"season_number": season_number})),
                None,
            )?;
        }
        self.diff_field(owner, "air_date", &old_air, &f.air_date)?;
        self.diff_field(owner, "poster_path", &old_poster, &f.poster_path)?;
        Ok(())
    }

    /// The TMDB id of a season, if known.
    pub fn season_id(&mut self, series_id: i64, season_number: i64) -> Result<Option<i64>> {
        let id: Option<Option<i64>> = self.db.scalar_opt(
            "SELECT id FROM tv_season WHERE series_id = $1 AND season_number = $2",
            &[&series_id, &season_number],
        )?;
        Ok(id.flatten())
    }
}
