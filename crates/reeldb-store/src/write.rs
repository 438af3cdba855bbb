//! [`Writer`]: one transaction that applies catalog facts and records every change it makes.
//!
//! Each `replace_*` method takes the complete current list of one sub-resource (what a TMDB
//! response for it says) and makes the catalog match: new entries are added, changed ones updated,
//! missing ones removed, and each of those lands in the change log. Applying the same facts twice
//! changes nothing and records nothing, which makes imports idempotent.

use crate::db::Db;
use crate::{Owner, Result, Store, StoreError, new_object_id, tmdb_time};
use reeldb_wire::common::{CastCredit, CreditPerson, CrewCredit};
use serde_json::{Value, json};
use std::collections::HashMap;

/// A write transaction over the catalog.
pub struct Writer<'c> {
    pub(crate) db: &'c mut Db,
    pub(crate) now: String,
    pub(crate) seq: i64,
    pub(crate) people_seen: HashMap<i64, CreditPerson>,
    pub(crate) changes: u64,
    /// What `known_for` must be recomputed for on commit ([`crate::known_for`]).
    pub(crate) known_for: crate::known_for::Dirty,
    /// People whose credit rows take their fields again on commit ([`crate::credit`]).
    pub(crate) credit_people: std::collections::BTreeSet<i64>,
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
    pub(crate) fn change_key(self) -> &'static str {
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
    pub(crate) fn change_value(&self, kind: CreditKind) -> Value {
        match kind {
            CreditKind::Crew => json!({"credit_id": self.credit_id, "person_id": self.person_id,
                "department": self.department, "job": self.job}),
            _ => json!({"credit_id": self.credit_id, "person_id": self.person_id,
                "character": self.character, "order": self.order}),
        }
    }
}

pub(crate) fn opt_json<T: serde::Serialize>(v: &Option<T>) -> Option<Value> {
    v.as_ref().and_then(|x| serde_json::to_value(x).ok())
}

pub(crate) fn bool_int(b: Option<bool>) -> Option<i64> {
    b.map(i64::from)
}

/// Person fields whose changes are logged: name, profile_path, gender, known_for_department.
pub(crate) type PersonTracked = (Option<String>, Option<String>, Option<i64>, Option<String>);
/// credit_id, regular, episode_count, character, department, job, ord.
pub(crate) type RegularRow = (
    String,
    i64,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
);
/// credit_id, regular, episode_count, ord, character, job.
pub(crate) type AggregateRow = (
    String,
    i64,
    Option<i64>,
    Option<i64>,
    Option<String>,
    Option<String>,
);

pub(crate) struct CreditRow {
    pub credit_id: String,
    pub person_id: i64,
    pub character_name: Option<String>,
    pub department: Option<String>,
    pub job: Option<String>,
    pub ord: Option<i64>,
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

/// `(popularity, vote_average, vote_count)` of a movie or series.
pub(crate) type Listing = (Option<f64>, Option<f64>, Option<i64>);

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
            known_for: Default::default(),
            credit_people: Default::default(),
        };
        w.seq =
            w.db.scalar("SELECT COALESCE(MAX(seq), 0) FROM change_log", &[])?;
        Ok(w)
    }

    /// Commits; the changes are durable when this returns.
    /// Bumps the catalog version in the same transaction, so response caches see the write.
    pub fn commit(mut self) -> Result<u64> {
        let people: Vec<i64> = std::mem::take(&mut self.credit_people)
            .into_iter()
            .collect();
        crate::credit::refresh_people(self.db, Some(&people))?;
        self.refresh_known_for()?;
        crate::bump_catalog_version(self.db)?;
        self.db.commit()?;
        Ok(self.changes)
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
    pub(crate) fn record(
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

    /// Marks an object whose discover facts moved without a TMDB change (popularity and votes,
    /// which TMDB logs no change for; a series' networks): one change-log item under the owner
    /// type `<kind>_facts` (`movie_facts`, `tv_facts`), which no TMDB change endpoint reads
    /// (they read `movie`, `tv`, `person`, `season`, `episode`) and the search index's
    /// catch-up re-reads the object for. Not counted among the transaction's changes.
    pub(crate) fn mark_facts(&mut self, owner: Owner, key: &str) -> Result<()> {
        self.seq += 1;
        self.db.execute(
            "INSERT INTO change_log (id, seq, owner_type, owner_id, change_key, action, time)
             VALUES ($1, $2, $3, $4, $5, 'updated', $6)",
            &[
                &new_object_id(),
                &self.seq,
                &format!("{}_facts", owner.kind.as_str()),
                &owner.id,
                &key,
                &self.now,
            ],
        )?;
        Ok(())
    }

    /// A movie's or series' popularity and votes as stored (`table` is `movie` or
    /// `tv_series`, never input); all `None` for a row not there yet.
    pub(crate) fn listing_of(&mut self, table: &'static str, id: i64) -> Result<Listing> {
        let sql = format!("SELECT popularity, vote_average, vote_count FROM {table} WHERE id = $1");
        Ok(self.db.query_opt(&sql, &[&id])?.unwrap_or_default())
    }

    /// [`Writer::mark_facts`] when popularity or votes moved from `old`; when popularity did,
    /// the people credited on the title are ranked again ([`Writer::ranked`]).
    pub(crate) fn mark_listing(&mut self, owner: Owner, old: Listing, new: Listing) -> Result<()> {
        if old.0 != new.0 {
            self.ranked(owner);
        }
        if old != new {
            self.mark_facts(owner, "popularity")?;
        }
        Ok(())
    }

    /// Makes sure the row of an object exists in `table` (one of this crate's table names,
    /// never input), keyed by the owner's id: a sub-resource names its object by id only. A new
    /// row logs its `id` as created.
    pub(crate) fn ensure_object(&mut self, table: &'static str, owner: Owner) -> Result<()> {
        let sql = format!("INSERT INTO {table} (id) VALUES ($1) ON CONFLICT (id) DO NOTHING");
        if self.db.execute(&sql, &[&owner.id])? > 0 {
            self.ranked(owner);
            let id = Some(serde_json::json!(owner.id));
            self.record(owner, "id", "created", None, None, id, None)?;
        }
        Ok(())
    }

    /// Records a scalar field's change, if it changed.
    pub(crate) fn diff(
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
    pub(crate) fn diff_field<T: serde::Serialize + Sync>(
        &mut self,
        owner: Owner,
        key: &str,
        old: &Option<T>,
        new: &Option<T>,
    ) -> Result<()> {
        self.diff(owner, key, None, opt_json(old), opt_json(new))
    }
}
