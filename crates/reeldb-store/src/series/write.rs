//! Applying a series details response: list fields through [`Writer::set_series_summary`], then
//! the rest of the details, each change logged under TMDB's key.

use crate::write::{EpisodeFields, SeasonFields, Writer, bool_int};
use crate::{Owner, OwnerKind, Result, StoreError};
use reeldb_wire::params::Language;
use reeldb_wire::tv_series::{Creator, EpisodeToAir, Genre, SeriesDetails};
use serde_json::json;

fn parse_tag(language: &str) -> Result<Language> {
    language
        .parse()
        .map_err(|_| StoreError::Invalid(format!("bad language tag {language:?}")))
}

impl Writer<'_> {
    /// Applies a series details response given in `language` (a tag such as `en-US`).
    pub fn set_series_details(&mut self, d: &SeriesDetails, language: &str) -> Result<()> {
        let lang = parse_tag(language)?;
        self.set_series_summary(&d.summary(), language)?;
        let owner = Owner::series(d.id);
        type Old = (
            Option<String>,
            Option<String>,
            Option<i64>,
            Option<String>,
            Option<i64>,
            Option<i64>,
        );
        let old: Old = self.db.query_one(
            "SELECT status, series_type, in_production, last_air_date, number_of_episodes, number_of_seasons FROM tv_series WHERE id = $1",
            &[&d.id],
        )?;
        self.db.execute(
            "UPDATE tv_series SET status = $2, series_type = $3, in_production = $4, last_air_date = $5,
               number_of_episodes = $6, number_of_seasons = $7 WHERE id = $1",
            &[
                &d.id,
                &d.status,
                &d.series_type,
                &bool_int(d.in_production),
                &d.last_air_date,
                &d.number_of_episodes,
                &d.number_of_seasons,
            ],
        )?;
        let (o_status, o_type, o_prod, o_last, o_eps, o_seasons) = old;
        self.diff_field(owner, "status", &o_status, &d.status)?;
        self.diff_field(owner, "type", &o_type, &d.series_type)?;
        self.diff_field(
            owner,
            "in_production",
            &o_prod.map(|v| v != 0),
            &d.in_production,
        )?;
        self.diff_field(owner, "last_air_date", &o_last, &d.last_air_date)?;
        self.diff_field(owner, "number_of_episodes", &o_eps, &d.number_of_episodes)?;
        self.diff_field(owner, "number_of_seasons", &o_seasons, &d.number_of_seasons)?;
        self.set_extra_text(
            owner,
            &lang,
            language,
            d.tagline.as_deref(),
            d.homepage.as_deref(),
        )?;
        self.set_genre_names(&d.genres, &lang)?;
        self.set_code_list(owner, "languages", &d.languages)?;
        let run_times: Vec<String> = d.episode_run_time.iter().map(i64::to_string).collect();
        self.set_code_list(owner, "episode_run_time", &run_times)?;
        for c in &d.production_countries {
            self.set_country_name(&c.iso_3166_1, c.name.as_deref())?;
        }
        let countries: Vec<String> = d
            .production_countries
            .iter()
            .map(|c| c.iso_3166_1.clone())
            .collect();
        self.set_code_list(owner, "production_countries", &countries)?;
        let spoken: Vec<String> = d
            .spoken_languages
            .iter()
            .map(|l| l.iso_639_1.clone())
            .collect();
        self.set_code_list(owner, "spoken_languages", &spoken)?;
        self.set_series_networks(d.id, &d.networks)?;
        self.set_owner_companies(owner, &d.production_companies)?;
        self.set_series_creators(d.id, &d.created_by)?;
        for s in &d.seasons {
            self.upsert_season(
                d.id,
                s.season_number,
                &SeasonFields {
                    id: s.id,
                    object_id: None,
                    air_date: s.air_date.clone(),
                    poster_path: s.poster_path.clone(),
                    vote_average: s.vote_average,
                },
            )?;
            let old: Option<Option<i64>> = self.db.scalar_opt(
                "SELECT episode_count FROM tv_season WHERE id = $1",
                &[&s.id],
            )?;
            self.db.execute(
                "UPDATE tv_season SET episode_count = $1 WHERE id = $2",
                &[&s.episode_count, &s.id],
            )?;
            self.diff_field(
                Owner::season(s.id),
                "episode_count",
                &old.flatten(),
                &s.episode_count,
            )?;
            self.set_stated_text(
                Owner::season(s.id),
                language,
                s.name.as_deref(),
                s.overview.as_deref(),
            )?;
        }
        for e in d.last_episode_to_air.iter().chain(&d.next_episode_to_air) {
            self.set_episode_to_air(d.id, e, language)?;
        }
        Ok(())
    }

    /// An episode named by `last_episode_to_air` / `next_episode_to_air`: stored as the
    /// episode fact it is (details then compute both from the catalog's episodes).
    fn set_episode_to_air(
        &mut self,
        series_id: i64,
        e: &EpisodeToAir,
        language: &str,
    ) -> Result<()> {
        if e.show_id.is_some_and(|s| s != series_id) {
            return Err(StoreError::Invalid(format!(
                "episode {} belongs to series {:?}, not {series_id}",
                e.id, e.show_id
            )));
        }
        self.upsert_episode(&EpisodeFields {
            id: e.id,
            series_id,
            season_number: e.season_number,
            episode_number: e.episode_number,
            air_date: e.air_date.clone(),
            episode_type: e.episode_type.clone().map(Some),
            production_code: e.production_code.clone(),
            runtime: e.runtime,
            still_path: e.still_path.clone(),
            vote_average: e.vote_average,
            vote_count: e.vote_count,
        })?;
        self.set_stated_text(
            Owner::episode(e.id),
            language,
            e.name.as_deref(),
            e.overview.as_deref(),
        )
    }

    /// Genre names as a details response in `lang` gives them: English names are the genre's
    /// own, others its translation.
    pub(crate) fn set_genre_names(&mut self, genres: &[Genre], lang: &Language) -> Result<()> {
        for g in genres {
            let owner = Owner::new(OwnerKind::Genre, g.id);
            if lang.iso_639_1 == "en" {
                let old: Option<Option<String>> = self
                    .db
                    .scalar_opt("SELECT name FROM genre WHERE id = $1", &[&g.id])?;
                self.db.execute(
                    "UPDATE genre SET name = $1 WHERE id = $2",
                    &[&g.name, &g.id],
                )?;
                self.diff_field(owner, "name", &old.flatten(), &g.name)?;
            } else {
                self.set_translation(owner, &lang.iso_639_1, "", g.name.as_deref(), None)?;
            }
        }
        Ok(())
    }

    /// Makes a series' `created_by` these people, in order. A creator's person row is created
    /// or updated from the fields given (fields the entry lacks, such as popularity, are kept).
    pub fn set_series_creators(&mut self, series_id: i64, creators: &[Creator]) -> Result<()> {
        for c in creators {
            type Old = (Option<String>, Option<String>, Option<i64>);
            let old: Option<Old> = self.db.query_opt(
                "SELECT name, profile_path, gender FROM person WHERE id = $1",
                &[&c.id],
            )?;
            self.db.execute(
                "INSERT INTO person (id, name, original_name, gender, profile_path) VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name,
                   original_name = COALESCE(excluded.original_name, person.original_name),
                   gender = excluded.gender, profile_path = excluded.profile_path",
                &[&c.id, &c.name, &c.original_name, &c.gender, &c.profile_path],
            )?;
            self.person_changed(c.id);
            let person = Owner::person(c.id);
            let (o_name, o_profile, o_gender) = old.unwrap_or_default();
            self.diff_field(person, "name", &o_name, &c.name)?;
            self.diff_field(person, "profile_path", &o_profile, &c.profile_path)?;
            self.diff_field(person, "gender", &o_gender, &c.gender)?;
            self.people_seen.remove(&c.id);
        }
        let old: Vec<(i64, String)> = self.db.query(
            "SELECT person_id, credit_id FROM tv_series_creator WHERE series_id = $1 ORDER BY position",
            &[&series_id],
        )?;
        let new: Vec<(i64, String)> = creators
            .iter()
            .map(|c| (c.id, c.credit_id.clone()))
            .collect();
        if old == new {
            return Ok(());
        }
        self.db.execute(
            "DELETE FROM tv_series_creator WHERE series_id = $1",
            &[&series_id],
        )?;
        for (pos, (person_id, credit_id)) in new.iter().enumerate() {
            self.db.execute(
                "INSERT INTO tv_series_creator (series_id, person_id, credit_id, position) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (series_id, credit_id) DO NOTHING",
                &[&series_id, person_id, credit_id, &(pos as i64)],
            )?;
        }
        let as_json = |v: &[(i64, String)]| {
            (!v.is_empty()).then(|| {
                json!(
                    v.iter()
                        .map(|(p, c)| json!({"id": p, "credit_id": c}))
                        .collect::<Vec<_>>()
                )
            })
        };
        self.diff(
            Owner::series(series_id),
            "created_by",
            None,
            as_json(&old),
            as_json(&new),
        )
    }
}
