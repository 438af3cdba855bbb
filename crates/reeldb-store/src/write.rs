//! [`Writer`]: one transaction that applies catalog facts and records every change it makes.
//!
//! Each `replace_*` method takes the complete current list of one sub-resource (what a TMDB
//! response for it says) and makes the catalog match: new entries are added, changed ones updated,
//! missing ones removed, and each of those lands in the change log. Applying the same facts twice
//! changes nothing and records nothing, which makes imports idempotent.

use crate::db::Db;
use crate::{Owner, OwnerKind, Result, Store, StoreError, new_object_id, tmdb_time};
use reeldb_wire::common::{CastCredit, CreditPerson, CrewCredit, Image, Video, WatchProviders};
use reeldb_wire::common::{ChangeGroup, CountryOffers};
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet};

/// A write transaction over the catalog.
pub struct Writer<'c> {
    db: &'c mut Db,
    now: String,
    seq: i64,
    people_seen: HashMap<i64, CreditPerson>,
    changes: u64,
}

/// Scalar fields of a season, as season details carry them.
#[derive(Debug, Clone, Default)]
pub struct SeasonFields {
    pub id: i64,
    pub object_id: Option<String>,
    pub air_date: Option<String>,
    pub poster_path: Option<String>,
    pub vote_average: Option<f64>,
}

/// Scalar fields of an episode. `None` in an `Option<Option<_>>` means "not said by this source".
#[derive(Debug, Clone, Default)]
pub struct EpisodeFields {
    pub id: i64,
    pub series_id: i64,
    pub season_number: i64,
    pub episode_number: i64,
    pub air_date: Option<String>,
    pub episode_type: Option<Option<String>>,
    pub production_code: Option<String>,
    pub runtime: Option<i64>,
    pub still_path: Option<String>,
    pub vote_average: Option<f64>,
    pub vote_count: Option<i64>,
}

/// Credit kinds as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreditKind {
    Cast,
    Crew,
    Guest,
}

impl CreditKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CreditKind::Cast => "cast",
            CreditKind::Crew => "crew",
            CreditKind::Guest => "guest",
        }
    }
    /// The key TMDB uses in change lists and responses.
    fn change_key(self) -> &'static str {
        match self {
            CreditKind::Cast => "cast",
            CreditKind::Crew => "crew",
            CreditKind::Guest => "guest_stars",
        }
    }
}

/// One credit fact, cast or crew.
#[derive(Debug, Clone, PartialEq)]
pub struct CreditFact {
    pub credit_id: String,
    pub person_id: i64,
    pub character: Option<String>,
    pub department: Option<String>,
    pub job: Option<String>,
    pub order: Option<i64>,
    pub episode_count: Option<i64>,
}

impl CreditFact {
    pub fn from_cast(c: &CastCredit) -> CreditFact {
        CreditFact {
            credit_id: c.credit_id.clone(),
            person_id: c.person.id,
            character: c.character.clone(),
            department: None,
            job: None,
            order: c.order,
            episode_count: None,
        }
    }
    pub fn from_crew(c: &CrewCredit) -> CreditFact {
        CreditFact {
            credit_id: c.credit_id.clone(),
            person_id: c.person.id,
            character: None,
            department: c.department.clone(),
            job: c.job.clone(),
            order: None,
            episode_count: None,
        }
    }
    fn change_value(&self, kind: CreditKind) -> Value {
        match kind {
            CreditKind::Crew => json!({"credit_id": self.credit_id, "person_id": self.person_id,
                "department": self.department, "job": self.job}),
            _ => json!({"credit_id": self.credit_id, "person_id": self.person_id,
                "character": self.character, "order": self.order}),
        }
    }
}

fn opt_json<T: serde::Serialize>(v: &Option<T>) -> Option<Value> {
    v.as_ref().and_then(|x| serde_json::to_value(x).ok())
}

fn bool_int(b: Option<bool>) -> Option<i64> {
    b.map(i64::from)
}

/// Person fields whose changes are logged: name, profile_path, gender, known_for_department.
type PersonTracked = (Option<String>, Option<String>, Option<i64>, Option<String>);
/// credit_id, regular, episode_count, character, department, job, ord.
type RegularRow = (
    String,
    i64,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
);
/// credit_id, regular, episode_count, ord, character, job.
type AggregateRow = (
    String,
    i64,
    Option<i64>,
    Option<i64>,
    Option<String>,
    Option<String>,
);

struct CreditRow {
    credit_id: String,
    person_id: i64,
    character_name: Option<String>,
    department: Option<String>,
    job: Option<String>,
    ord: Option<i64>,
}
crate::from_row!(CreditRow {
    credit_id,
    person_id,
    character_name,
    department,
    job,
    ord
});

impl Store {
    /// Runs `f` on a database thread with a [`Writer`]: one transaction, committed when `f`
    /// returns `Ok` and rolled back otherwise.
    pub async fn write<T, E, F>(&self, f: F) -> std::result::Result<T, E>
    where
        F: FnOnce(&mut Writer) -> std::result::Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
    {
        self.run(move |db| {
            let mut w = Writer::begin(db)?;
            // On an error `w` is dropped uncommitted, which rolls back.
            let v = f(&mut w)?;
            w.commit()?;
            Ok(v)
        })
        .await
    }
}

/// A writer dropped without [`Writer::commit`] rolls its transaction back.
impl Drop for Writer<'_> {
    fn drop(&mut self) {
        if self.db.in_transaction() {
            let _ = self.db.rollback();
        }
    }
}

impl<'c> Writer<'c> {
    /// Starts a write transaction on `db`.
    pub fn begin(db: &'c mut Db) -> Result<Writer<'c>> {
        db.begin()?;
        let mut w = Writer {
            db,
            now: tmdb_time(time::OffsetDateTime::now_utc()),
            seq: 0,
            people_seen: HashMap::new(),
            changes: 0,
        };
        w.seq =
            w.db.scalar("SELECT COALESCE(MAX(seq), 0) FROM change_log", &[])?;
        Ok(w)
    }

    /// Commits; the changes are durable when this returns.
    /// Bumps the catalog version in the same transaction, so response caches see the write.
    pub fn commit(self) -> Result<u64> {
        crate::bump_catalog_version(self.db)?;
        self.db.commit()?;
        Ok(self.changes)
    }

    /// The connection, inside this writer's transaction.
    pub fn db(&mut self) -> &mut Db {
        self.db
    }

    /// How many change-log entries this transaction has recorded so far.
    pub fn changes_recorded(&self) -> u64 {
        self.changes
    }

    /// Appends one entry to the change log.
    #[expect(
        clippy::too_many_arguments,
        reason = "one column each, in TMDB's item order"
    )]
    fn record(
        &mut self,
        owner: Owner,
        key: &str,
        action: &str,
        iso_639_1: Option<&str>,
        iso_3166_1: Option<&str>,
        value: Option<Value>,
        original_value: Option<Value>,
    ) -> Result<()> {
        self.seq += 1;
        self.changes += 1;
        self.db.execute(
            "INSERT INTO change_log (id, seq, owner_type, owner_id, change_key, action, time, iso_639_1, iso_3166_1, value, original_value)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            &[
                &new_object_id(),
                &self.seq,
                &owner.kind.as_str(),
                &owner.id,
                &key,
                &action,
                &self.now,
                &iso_639_1,
                &iso_3166_1,
                &value.map(|v| v.to_string()),
                &original_value.map(|v| v.to_string()),
            ],
        )?;
        Ok(())
    }

    /// Records a scalar field's change, if it changed.
    fn diff(
        &mut self,
        owner: Owner,
        key: &str,
        lang: Option<(&str, &str)>,
        old: Option<Value>,
        new: Option<Value>,
    ) -> Result<()> {
        let (l, r) = match lang {
            Some((l, r)) => (Some(l), Some(r).filter(|r| !r.is_empty())),
            None => (None, None),
        };
        match (old, new) {
            (None, None) => Ok(()),
            (Some(o), Some(n)) if o == n => Ok(()),
            (None, Some(n)) => self.record(owner, key, "added", l, r, Some(n), None),
            (Some(o), None) => self.record(owner, key, "deleted", l, r, None, Some(o)),
            (Some(o), Some(n)) => self.record(owner, key, "updated", l, r, Some(n), Some(o)),
        }
    }

    /// Records a change of one untranslated field, if it changed.
    fn diff_field<T: serde::Serialize + Sync>(
        &mut self,
        owner: Owner,
        key: &str,
        old: &Option<T>,
        new: &Option<T>,
    ) -> Result<()> {
        self.diff(owner, key, None, opt_json(old), opt_json(new))
    }

    /// Inserts or updates a person from the fields a credit carries.
    pub fn upsert_person(&mut self, p: &CreditPerson) -> Result<()> {
        if self.people_seen.get(&p.id) == Some(p) {
            return Ok(());
        }
        let old: Option<PersonTracked> = self.db.query_opt(
            "SELECT name, profile_path, gender, known_for_department FROM person WHERE id = $1",
            &[&p.id],
        )?;
        self.db.execute(
            "INSERT INTO person (id, name, original_name, gender, adult, known_for_department, popularity, profile_path)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, original_name = excluded.original_name,
               gender = excluded.gender, adult = excluded.adult, known_for_department = excluded.known_for_department,
               popularity = excluded.popularity, profile_path = excluded.profile_path",
            &[
                &p.id,
                &p.name,
                &p.original_name,
                &p.gender,
                &bool_int(p.adult),
                &p.known_for_department,
                &p.popularity,
                &p.profile_path,
            ],
        )?;
        let owner = Owner::person(p.id);
        let (o_name, o_profile, o_gender, o_dept) = old.unwrap_or_default();
        self.diff_field(owner, "name", &o_name, &p.name)?;
        self.diff_field(owner, "profile_path", &o_profile, &p.profile_path)?;
        self.diff_field(owner, "gender", &o_gender, &p.gender)?;
        self.diff_field(
            owner,
            "known_for_department",
            &o_dept,
            &p.known_for_department,
        )?;
        self.people_seen.insert(p.id, p.clone());
        Ok(())
    }

    /// Makes sure a series row exists (a season or episode names its series by id).
    pub fn ensure_series(&mut self, series_id: i64) -> Result<()> {
        let res = self.db.execute(
            "INSERT INTO tv_series (id) VALUES ($1) ON CONFLICT (id) DO NOTHING",
            &[&series_id],
        )?;
        if res > 0 {
            self.record(
                Owner::series(series_id),
                "id",
                "created",
                None,
                None,
                Some(json!(series_id)),
                None,
            )?;
        }
        Ok(())
    }

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

    /// Sets the text `owner` carries in its primary language, when `language` (a tag such as
    /// `en-US`) is that language or the object has none yet. Returns `false`, changing nothing,
    /// when the object's primary language is another: the caller then stores a translation.
    pub fn set_primary_text(
        &mut self,
        owner: Owner,
        language: &str,
        name: Option<&str>,
        overview: Option<&str>,
    ) -> Result<bool> {
        let table = match owner.kind {
            OwnerKind::Season => "tv_season",
            OwnerKind::Episode => "tv_episode",
            _ => return Ok(false),
        };
        let sql = format!("SELECT primary_language, name, overview FROM {table} WHERE id = $1");
        let row: Option<(Option<String>, Option<String>, Option<String>)> =
            self.db.query_opt(&sql, &[&owner.id])?;
        let Some((current, old_name, old_overview)) = row else {
            return Ok(false);
        };
        let lang_of = |tag: &str| {
            tag.split(['-', '_'])
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase()
        };
        if let Some(current) = &current
            && lang_of(current) != lang_of(language)
        {
            return Ok(false);
        }
        let tag = current.unwrap_or_else(|| language.to_owned());
        let sql = format!(
            "UPDATE {table} SET primary_language = $1, name = $2, overview = $3 WHERE id = $4"
        );
        self.db
            .execute(&sql, &[&tag, &name, &overview, &owner.id])?;
        let lang = lang_of(&tag);
        let region = tag.split(['-', '_']).nth(1).unwrap_or_default().to_owned();
        let text = |s: Option<&str>| {
            s.filter(|s| !s.is_empty())
                .map(|s| Value::String(s.to_owned()))
        };
        let old = |s: Option<String>| s.filter(|s| !s.is_empty()).map(Value::String);
        let at = Some((lang.as_str(), region.as_str()));
        self.diff(owner, "name", at, old(old_name), text(name))?;
        self.diff(owner, "overview", at, old(old_overview), text(overview))?;
        Ok(true)
    }

    /// Sets the translated fields of `owner` in one language and region (`""` for none).
    pub fn set_translation(
        &mut self,
        owner: Owner,
        iso_639_1: &str,
        iso_3166_1: &str,
        name: Option<&str>,
        overview: Option<&str>,
    ) -> Result<()> {
        let old: Option<(Option<String>, Option<String>)> = self.db.query_opt(
            "SELECT name, overview FROM translation WHERE owner_type = $1 AND owner_id = $2 AND iso_639_1 = $3 AND iso_3166_1 = $4",
            &[&owner.kind.as_str(), &owner.id, &iso_639_1, &iso_3166_1],
        )?;
        self.db.execute(
            "INSERT INTO translation (owner_type, owner_id, iso_639_1, iso_3166_1, name, overview) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (owner_type, owner_id, iso_639_1, iso_3166_1) DO UPDATE SET name = excluded.name, overview = excluded.overview",
            &[&owner.kind.as_str(), &owner.id, &iso_639_1, &iso_3166_1, &name, &overview],
        )?;
        let (o_name, o_overview) = old.unwrap_or_default();
        let blank = |s: Option<String>| s.filter(|s| !s.is_empty()).map(Value::String);
        let lang = Some((iso_639_1, iso_3166_1));
        self.diff(
            owner,
            "name",
            lang,
            blank(o_name),
            blank(name.map(str::to_owned)),
        )?;
        self.diff(
            owner,
            "overview",
            lang,
            blank(o_overview),
            blank(overview.map(str::to_owned)),
        )?;
        Ok(())
    }

    /// Replaces the whole translation list of `owner`: `(iso_639_1, iso_3166_1, name, overview)`.
    pub fn replace_translations(
        &mut self,
        owner: Owner,
        list: &[(String, String, Option<String>, Option<String>)],
    ) -> Result<()> {
        let existing: Vec<(String, String)> = self.db.query(
            "SELECT iso_639_1, iso_3166_1 FROM translation WHERE owner_type = $1 AND owner_id = $2",
            &[&owner.kind.as_str(), &owner.id],
        )?;
        let keep: HashSet<(&str, &str)> =
            list.iter().map(|t| (t.0.as_str(), t.1.as_str())).collect();
        for (l, r) in existing
            .iter()
            .filter(|(l, r)| !keep.contains(&(l.as_str(), r.as_str())))
        {
            // Clearing first records the removal of each translated field.
            self.set_translation(owner, l, r, None, None)?;
            self.db.execute(
                "DELETE FROM translation WHERE owner_type = $1 AND owner_id = $2 AND iso_639_1 = $3 AND iso_3166_1 = $4",
                &[&owner.kind.as_str(), &owner.id, &l, &r],
            )?;
        }
        for (l, r, name, overview) in list {
            self.set_translation(owner, l, r, name.as_deref(), overview.as_deref())?;
        }
        Ok(())
    }

    fn credit_rows(&mut self, owner: Owner, kind: CreditKind) -> Result<Vec<CreditRow>> {
        self.db.query(
            "SELECT credit_id, person_id, character_name, department, job, ord FROM credit WHERE owner_type = $1 AND owner_id = $2 AND kind = $3",
            &[&owner.kind.as_str(), &owner.id, &kind.as_str()],
        )
    }

    /// Replaces the credits of one kind on `owner` (an episode's cast, crew or guest stars).
    pub fn replace_credits(
        &mut self,
        owner: Owner,
        kind: CreditKind,
        credits: &[CreditFact],
    ) -> Result<()> {
        let old = self.credit_rows(owner, kind)?;
        let wanted: HashSet<&str> = credits.iter().map(|c| c.credit_id.as_str()).collect();
        for gone in old
            .iter()
            .filter(|r| !wanted.contains(r.credit_id.as_str()))
        {
            self.delete_credit(owner, kind, &gone.credit_id)?;
            let fact = CreditFact {
                credit_id: gone.credit_id.clone(),
                person_id: gone.person_id,
                character: gone.character_name.clone(),
                department: gone.department.clone(),
                job: gone.job.clone(),
                order: gone.ord,
                episode_count: None,
            };
            self.record(
                owner,
                kind.change_key(),
                "deleted",
                None,
                None,
                None,
                Some(fact.change_value(kind)),
            )?;
        }
        for (pos, c) in credits.iter().enumerate() {
            let before = old.iter().find(|r| r.credit_id == c.credit_id);
            self.upsert_credit(owner, kind, c, pos as i64)?;
            let changed = before.is_none_or(|b| {
                b.person_id != c.person_id
                    || b.character_name != c.character
                    || b.department != c.department
                    || b.job != c.job
                    || b.ord != c.order
            });
            if changed {
                let action = if before.is_some() { "updated" } else { "added" };
                self.record(
                    owner,
                    kind.change_key(),
                    action,
                    None,
                    None,
                    Some(c.change_value(kind)),
                    None,
                )?;
            }
        }
        Ok(())
    }

    fn delete_credit(&mut self, owner: Owner, kind: CreditKind, credit_id: &str) -> Result<()> {
        self.db.execute(
            "DELETE FROM credit WHERE owner_type = $1 AND owner_id = $2 AND kind = $3 AND credit_id = $4",
            &[&owner.kind.as_str(), &owner.id, &kind.as_str(), &credit_id],
        )?;
        Ok(())
    }

    fn upsert_credit(
        &mut self,
        owner: Owner,
        kind: CreditKind,
        c: &CreditFact,
        pos: i64,
    ) -> Result<()> {
        self.db.execute(
            "INSERT INTO credit (owner_type, owner_id, kind, credit_id, person_id, character_name, department, job, ord, position)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT (owner_type, owner_id, kind, credit_id) DO UPDATE SET person_id = excluded.person_id,
               character_name = excluded.character_name, department = excluded.department, job = excluded.job,
               ord = excluded.ord, position = excluded.position",
            &[
                &owner.kind.as_str(),
                &owner.id,
                &kind.as_str(),
                &c.credit_id,
                &c.person_id,
                &c.character,
                &c.department,
                &c.job,
                &c.order,
                &pos,
            ],
        )?;
        Ok(())
    }

    /// Sets columns of one season-level credit (`set` is a fixed SQL assignment list).
    fn update_season_credit(
        &mut self,
        season_id: i64,
        kind: CreditKind,
        credit_id: &str,
        set: &str,
    ) -> Result<()> {
        let sql = format!(
            "UPDATE credit SET {set} WHERE owner_type = 'season' AND owner_id = $1 AND kind = $2 AND credit_id = $3"
        );
        self.db
            .execute(&sql, &[&season_id, &kind.as_str(), &credit_id])?;
        Ok(())
    }

    /// Logs that a credit left `owner`.
    fn record_credit_gone(
        &mut self,
        owner: Owner,
        kind: CreditKind,
        credit_id: &str,
    ) -> Result<()> {
        self.record(
            owner,
            kind.change_key(),
            "deleted",
            None,
            None,
            None,
            Some(json!({"credit_id": credit_id})),
        )
    }

    /// Sets the season's regular credits (what its `/credits` lists), cast and crew.
    pub fn set_season_regulars(
        &mut self,
        season_id: i64,
        cast: &[CreditFact],
        crew: &[CreditFact],
    ) -> Result<()> {
        let owner = Owner::season(season_id);
        for (kind, list) in [(CreditKind::Cast, cast), (CreditKind::Crew, crew)] {
            let ids: Vec<&str> = list.iter().map(|c| c.credit_id.as_str()).collect();
            let old: Vec<RegularRow> = self.db.query(
                "SELECT credit_id, regular, episode_count, character_name, department, job, ord FROM credit WHERE owner_type = 'season' AND owner_id = $1 AND kind = $2",
                &[&season_id, &kind.as_str()],
            )?;
            for (credit_id, regular, episode_count, ..) in &old {
                if *regular == 1 && !ids.contains(&credit_id.as_str()) {
                    if episode_count.is_some() {
                        self.update_season_credit(season_id, kind, credit_id, "regular = 0")?;
                    } else {
                        self.delete_credit(owner, kind, credit_id)?;
                    }
                    self.record_credit_gone(owner, kind, credit_id)?;
                }
            }
            for (pos, c) in list.iter().enumerate() {
                let before = old.iter().find(|o| o.0 == c.credit_id);
                self.upsert_credit(owner, kind, c, pos as i64)?;
                self.update_season_credit(season_id, kind, &c.credit_id, "regular = 1")?;
                let changed = before.is_none_or(|b| {
                    b.1 != 1
                        || b.3 != c.character
                        || b.4 != c.department
                        || b.5 != c.job
                        || b.6 != c.order
                });
                if changed {
                    let action = if before.is_some_and(|b| b.1 == 1) {
                        "updated"
                    } else {
                        "added"
                    };
                    self.record(
                        owner,
                        kind.change_key(),
                        action,
                        None,
                        None,
                        Some(c.change_value(kind)),
                        None,
                    )?;
                }
            }
        }
        Ok(())
    }

    /// Sets the season's aggregate credits: every credit with the episodes it appears in.
    /// `cast`/`crew` are in aggregate order (people, then each person's roles).
    pub fn set_season_aggregate(
        &mut self,
        season_id: i64,
        cast: &[CreditFact],
        crew: &[CreditFact],
    ) -> Result<()> {
        let owner = Owner::season(season_id);
        for (kind, list) in [(CreditKind::Cast, cast), (CreditKind::Crew, crew)] {
            let ids: HashSet<&str> = list.iter().map(|c| c.credit_id.as_str()).collect();
            let old: Vec<AggregateRow> = self.db.query(
                "SELECT credit_id, regular, episode_count, ord, character_name, job FROM credit WHERE owner_type = 'season' AND owner_id = $1 AND kind = $2",
                &[&season_id, &kind.as_str()],
            )?;
            for (credit_id, regular, ..) in old
                .iter()
                .filter(|o| !ids.contains(o.0.as_str()) && o.2.is_some())
            {
                if *regular == 1 {
                    self.update_season_credit(
                        season_id,
                        kind,
                        credit_id,
                        "episode_count = NULL, agg_position = NULL",
                    )?;
                } else {
                    // Neither a regular nor in the aggregate: the credit leaves the season.
                    self.delete_credit(owner, kind, credit_id)?;
                    self.record_credit_gone(owner, kind, credit_id)?;
                }
            }
            let next_pos: i64 = self.db.scalar(
                "SELECT COALESCE(MAX(position), -1) + 1 FROM credit WHERE owner_type = 'season' AND owner_id = $1 AND kind = $2",
                &[&season_id, &kind.as_str()],
            )?;
            for (agg_pos, c) in list.iter().enumerate() {
                let before = old.iter().find(|o| o.0 == c.credit_id);
                let changed = before.is_none_or(|b| {
                    b.2 != c.episode_count || b.3 != c.order || b.4 != c.character || b.5 != c.job
                });
                self.db.execute(
                    "INSERT INTO credit (owner_type, owner_id, kind, credit_id, person_id, character_name, department, job, ord, position, episode_count, agg_position)
                     VALUES ('season', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                     ON CONFLICT (owner_type, owner_id, kind, credit_id) DO UPDATE SET person_id = excluded.person_id,
                       character_name = excluded.character_name, department = excluded.department, job = excluded.job,
                       ord = excluded.ord, episode_count = excluded.episode_count, agg_position = excluded.agg_position",
                    &[
                        &season_id,
                        &kind.as_str(),
                        &c.credit_id,
                        &c.person_id,
                        &c.character,
                        &c.department,
                        &c.job,
                        &c.order,
                        &(next_pos + agg_pos as i64),
                        &c.episode_count,
                        &(agg_pos as i64),
                    ],
                )?;
                if changed && before.is_none() {
                    self.record(
                        owner,
                        kind.change_key(),
                        "added",
                        None,
                        None,
                        Some(c.change_value(kind)),
                        None,
                    )?;
                }
            }
        }
        Ok(())
    }

    /// Replaces the images of one kind (`poster`, `still`, ...) on `owner`.
    /// With `remove_missing` false the list is taken as partial (a language-filtered response)
    /// and nothing is removed.
    pub fn replace_images(
        &mut self,
        owner: Owner,
        kind: &str,
        images: &[Image],
        remove_missing: bool,
    ) -> Result<()> {
        let old: Vec<(String, Option<String>)> = self.db.query(
            "SELECT file_path, iso_639_1 FROM image WHERE owner_type = $1 AND owner_id = $2 AND kind = $3",
            &[&owner.kind.as_str(), &owner.id, &kind],
        )?;
        let wanted: HashSet<&str> = images.iter().map(|i| i.file_path.as_str()).collect();
        let gone = old
            .iter()
            .filter(|(p, _)| remove_missing && !wanted.contains(p.as_str()));
        for (path, lang) in gone {
            self.db.execute(
                "DELETE FROM image WHERE owner_type = $1 AND owner_id = $2 AND kind = $3 AND file_path = $4",
                &[&owner.kind.as_str(), &owner.id, &kind, &path],
            )?;
            let v = json!({ kind: {"file_path": path, "iso_639_1": lang} });
            self.record(owner, "images", "deleted", None, None, None, Some(v))?;
        }
        for (pos, i) in images.iter().enumerate() {
            self.db.execute(
                "INSERT INTO image (owner_type, owner_id, kind, file_path, aspect_ratio, height, width, iso_639_1, vote_average, vote_count, position)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                 ON CONFLICT (owner_type, owner_id, kind, file_path) DO UPDATE SET aspect_ratio = excluded.aspect_ratio,
                   height = excluded.height, width = excluded.width, iso_639_1 = excluded.iso_639_1,
                   vote_average = excluded.vote_average, vote_count = excluded.vote_count, position = excluded.position",
                &[
                    &owner.kind.as_str(),
                    &owner.id,
                    &kind,
                    &i.file_path,
                    &i.aspect_ratio,
                    &i.height,
                    &i.width,
                    &i.iso_639_1,
                    &i.vote_average,
                    &i.vote_count,
                    &(pos as i64),
                ],
            )?;
            if !old.iter().any(|(p, _)| *p == i.file_path) {
                let v = json!({ kind: {"file_path": i.file_path, "iso_639_1": i.iso_639_1} });
                self.record(owner, "images", "added", None, None, Some(v), None)?;
            }
        }
        Ok(())
    }

    /// Replaces the videos of `owner`.
    /// With `remove_missing` false the list is taken as partial and nothing is removed.
    pub fn replace_videos(
        &mut self,
        owner: Owner,
        videos: &[Video],
        remove_missing: bool,
    ) -> Result<()> {
        let old: Vec<String> = self
            .db
            .query::<(String,)>(
                "SELECT id FROM video WHERE owner_type = $1 AND owner_id = $2",
                &[&owner.kind.as_str(), &owner.id],
            )?
            .into_iter()
            .map(|(id,)| id)
            .collect();
        let wanted: HashSet<&str> = videos.iter().map(|v| v.id.as_str()).collect();
        for id in old
            .iter()
            .filter(|id| remove_missing && !wanted.contains(id.as_str()))
        {
            self.db.execute(
                "DELETE FROM video WHERE owner_type = $1 AND owner_id = $2 AND id = $3",
                &[&owner.kind.as_str(), &owner.id, &id],
            )?;
            self.record(
                owner,
                "videos",
                "deleted",
                None,
                None,
                None,
                Some(json!({"id": id})),
            )?;
        }
        for (pos, v) in videos.iter().enumerate() {
            self.db.execute(
                "INSERT INTO video (owner_type, owner_id, id, iso_639_1, iso_3166_1, name, video_key, site, size, video_type, official, published_at, position)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
                 ON CONFLICT (owner_type, owner_id, id) DO UPDATE SET iso_639_1 = excluded.iso_639_1, iso_3166_1 = excluded.iso_3166_1,
                   name = excluded.name, video_key = excluded.video_key, site = excluded.site, size = excluded.size,
                   video_type = excluded.video_type, official = excluded.official, published_at = excluded.published_at,
                   position = excluded.position",
                &[
                    &owner.kind.as_str(),
                    &owner.id,
                    &v.id,
                    &v.iso_639_1,
                    &v.iso_3166_1,
                    &v.name,
                    &v.key,
                    &v.site,
                    &v.size,
                    &v.kind,
                    &bool_int(v.official),
                    &v.published_at,
                    &(pos as i64),
                ],
            )?;
            if !old.contains(&v.id) {
                let value = json!({"id": v.id, "key": v.key, "site": v.site, "type": v.kind, "iso_639_1": v.iso_639_1});
                self.record(owner, "videos", "added", None, None, Some(value), None)?;
            }
        }
        Ok(())
    }

    /// Sets external ids of `owner`; `None` removes one. Values are stored as text.
    pub fn set_external_ids(
        &mut self,
        owner: Owner,
        ids: &[(String, Option<String>)],
    ) -> Result<()> {
        for (source, value) in ids {
            let old: Option<String> = self.db.scalar_opt(
                "SELECT value FROM external_id WHERE owner_type = $1 AND owner_id = $2 AND source = $3",
                &[&owner.kind.as_str(), &owner.id, &source],
            )?;
            match value {
                Some(v) => {
                    self.db.execute(
                        "INSERT INTO external_id (owner_type, owner_id, source, value) VALUES ($1, $2, $3, $4)
                         ON CONFLICT (owner_type, owner_id, source) DO UPDATE SET value = excluded.value",
                        &[&owner.kind.as_str(), &owner.id, &source, &v],
                    )?;
                }
                None => {
                    self.db.execute(
                        "DELETE FROM external_id WHERE owner_type = $1 AND owner_id = $2 AND source = $3",
                        &[&owner.kind.as_str(), &owner.id, &source],
                    )?;
                }
            }
            // TMDB logs external ids as strings (`"tvrage_id": "1065008299"`).
            self.diff(
                owner,
                source,
                None,
                old.map(Value::String),
                value.clone().map(Value::String),
            )?;
        }
        Ok(())
    }

    /// Replaces the networks of a series, in order.
    pub fn set_series_networks(
        &mut self,
        series_id: i64,
        networks: &[reeldb_wire::tv::Network],
    ) -> Result<()> {
        self.ensure_series(series_id)?;
        self.db.execute(
            "DELETE FROM tv_series_network WHERE series_id = $1",
            &[&series_id],
        )?;
        for (pos, n) in networks.iter().enumerate() {
            self.db.execute(
                "INSERT INTO network (id, name, logo_path, origin_country) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name, logo_path = excluded.logo_path, origin_country = excluded.origin_country",
                &[&n.id, &n.name, &n.logo_path, &n.origin_country],
            )?;
            self.db.execute(
                "INSERT INTO tv_series_network (series_id, network_id, position) VALUES ($1, $2, $3) ON CONFLICT (series_id, network_id) DO NOTHING",
                &[&series_id, &n.id, &(pos as i64)],
            )?;
        }
        Ok(())
    }

    /// Replaces where `owner` can be watched, per country.
    pub fn replace_watch_providers(&mut self, owner: Owner, wp: &WatchProviders) -> Result<()> {
        for table in ["watch_link", "watch_offer"] {
            self.db.execute(
                &format!("DELETE FROM {table} WHERE owner_type = $1 AND owner_id = $2"),
                &[&owner.kind.as_str(), &owner.id],
            )?;
        }
        for (country, offers) in &wp.results {
            self.insert_country_offers(owner, country, offers)?;
        }
        Ok(())
    }

    fn insert_country_offers(
        &mut self,
        owner: Owner,
        country: &str,
        offers: &CountryOffers,
    ) -> Result<()> {
        self.db.execute(
            "INSERT INTO watch_link (owner_type, owner_id, country, link) VALUES ($1, $2, $3, $4)",
            &[&owner.kind.as_str(), &owner.id, &country, &offers.link],
        )?;
        for kind in CountryOffers::KINDS {
            for (pos, o) in offers.kind(kind).into_iter().flatten().enumerate() {
                self.db.execute(
                    "INSERT INTO watch_provider (provider_id, provider_name, logo_path) VALUES ($1, $2, $3)
                     ON CONFLICT (provider_id) DO UPDATE SET provider_name = excluded.provider_name, logo_path = excluded.logo_path",
                    &[&o.provider_id, &o.provider_name, &o.logo_path],
                )?;
                self.db.execute(
                    "INSERT INTO watch_offer (owner_type, owner_id, country, kind, provider_id, display_priority, position)
                     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (owner_type, owner_id, country, kind, provider_id) DO NOTHING",
                    &[
                        &owner.kind.as_str(),
                        &owner.id,
                        &country,
                        &kind,
                        &o.provider_id,
                        &o.display_priority,
                        &(pos as i64),
                    ],
                )?;
            }
        }
        Ok(())
    }

    /// Adds change-log entries imported from an upstream `/changes` response, keeping their ids
    /// and times; entries already present are left alone.
    pub fn import_changes(&mut self, owner: Owner, groups: &[ChangeGroup]) -> Result<()> {
        let mut items: Vec<(&str, &reeldb_wire::common::ChangeItem)> = groups
            .iter()
            .flat_map(|g| g.items.iter().map(move |i| (g.key.as_str(), i)))
            .collect();
        items.sort_by(|a, b| a.1.time.cmp(&b.1.time));
        for (key, item) in items {
            self.seq += 1;
            let res = self.db.execute(
                "INSERT INTO change_log (id, seq, owner_type, owner_id, change_key, action, time, iso_639_1, iso_3166_1, value, original_value)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING",
                &[
                    &item.id,
                    &self.seq,
                    &owner.kind.as_str(),
                    &owner.id,
                    &key,
                    &item.action,
                    &item.time,
                    &item.iso_639_1,
                    &item.iso_3166_1,
                    &item.value.as_ref().map(Value::to_string),
                    &item.original_value.as_ref().map(Value::to_string),
                ],
            )?;
            self.changes += res;
        }
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
