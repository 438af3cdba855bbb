//! A person's `known_for`, kept in the `known_for` table (migration 20): the three most
//! popular titles (series or movies) among the person's credits, best first, ties by kind
//! (movies first) then id. A title counts once however many credits name it (an episode's or a
//! season's credit counts for its series); a title the catalog does not hold is left out.
//!
//! Ranking a popular person's titles on every read meant reading thousands of credits (and
//! each episode's series), so the ranking is stored and refreshed on write instead:
//! - a [`Writer`] notes the people whose credit rows it writes ([`Writer::credited`]) and the
//!   titles whose popularity or existence it changes ([`Writer::ranked`]); on commit the people
//!   credited on those titles join them and their rows are recomputed ([`refresh`]), in the
//!   same transaction;
//! - a seed (the demo's films, `reeldb generate`) and migration 20 recompute every person
//!   ([`refresh_all`]).

use crate::db::{Db, in_list};
use crate::value::ToSqlValue;
use crate::write::Writer;
use crate::{Owner, OwnerKind, Result};
use std::collections::{BTreeSet, HashMap};

/// Titles kept per person.
pub const KNOWN_FOR: i64 = 3;

/// People refreshed per statement.
const BATCH: usize = 500;

/// The ranking, as `SELECT person_id, ord, media_type, title_id, popularity` over the credits
/// `credit_filter` selects (a condition on `c`, the credit rows).
fn ranking(credit_filter: &str) -> String {
    format!(
        "SELECT person_id, rn, kind, title_id, pop FROM (
           SELECT person_id, kind, title_id, pop,
                  ROW_NUMBER() OVER (PARTITION BY person_id
                                     ORDER BY pop DESC, CASE WHEN kind = 'movie' THEN 0 ELSE 1 END, title_id) AS rn
           FROM (SELECT t.person_id, t.kind, t.title_id,
                   CASE WHEN t.kind = 'movie'
                        THEN (SELECT COALESCE(m.popularity, 0.0) FROM movie m WHERE m.id = t.title_id)
                        ELSE (SELECT COALESCE(x.popularity, 0.0) FROM tv_series x WHERE x.id = t.title_id) END AS pop
                 FROM (SELECT DISTINCT c.person_id AS person_id,
                         CASE WHEN c.owner_type = 'movie' THEN 'movie' ELSE 'tv' END AS kind,
                         COALESCE(s.series_id, e.series_id, c.owner_id) AS title_id
                       FROM credit c
                       LEFT JOIN tv_season s ON c.owner_type = 'season' AND s.id = c.owner_id
                       LEFT JOIN tv_episode e ON c.owner_type = 'episode' AND e.id = c.owner_id
                       WHERE {credit_filter} AND c.owner_type IN ('tv', 'season', 'episode', 'movie')) t) u
           WHERE pop IS NOT NULL) v
         WHERE rn <= {KNOWN_FOR}"
    )
}

const INSERT: &str = "INSERT INTO known_for (person_id, ord, media_type, title_id, popularity) ";

/// Recomputes the `known_for` rows of `people`: two statements per 500 people.
pub fn refresh(db: &mut Db, people: &[i64]) -> Result<()> {
    for chunk in people.chunks(BATCH) {
        let params: Vec<&dyn ToSqlValue> = chunk.iter().map(|i| i as &dyn ToSqlValue).collect();
        let list = in_list(1, chunk.len());
        db.execute(
            &format!("DELETE FROM known_for WHERE person_id IN ({list})"),
            &params,
        )?;
        let ranked = ranking(&format!("c.person_id IN ({list})"));
        db.execute(&format!("{INSERT}{ranked}"), &params)?;
    }
    Ok(())
}

/// Recomputes every person's `known_for` rows (after a seed, and in migration 20).
pub fn refresh_all(db: &mut Db) -> Result<()> {
    db.execute("DELETE FROM known_for", &[])?;
    db.execute(&format!("{INSERT}{}", ranking("1 = 1")), &[])?;
    Ok(())
}

impl Db {
    /// The stored `known_for` titles of `people`: per person, `(media_type, title_id)` best
    /// first. One statement.
    pub(crate) fn known_for_titles(
        &mut self,
        people: &[i64],
    ) -> Result<HashMap<i64, Vec<(String, i64)>>> {
        let mut out: HashMap<i64, Vec<(String, i64)>> = HashMap::new();
        if people.is_empty() {
            return Ok(out);
        }
        let params: Vec<&dyn ToSqlValue> = people.iter().map(|i| i as &dyn ToSqlValue).collect();
        let rows: Vec<(i64, String, i64)> = self.query(
            &format!(
                "SELECT person_id, media_type, title_id FROM known_for WHERE person_id IN ({})
                 ORDER BY person_id, ord",
                in_list(1, people.len())
            ),
            &params,
        )?;
        for (person, kind, id) in rows {
            out.entry(person).or_default().push((kind, id));
        }
        Ok(out)
    }
}

/// What a write transaction changed that `known_for` depends on.
#[derive(Debug, Default)]
pub(crate) struct Dirty {
    /// People whose credit rows were written or removed.
    people: BTreeSet<i64>,
    /// Movies whose popularity or existence changed.
    movies: BTreeSet<i64>,
    /// Series whose popularity or existence changed.
    series: BTreeSet<i64>,
}

impl Writer<'_> {
    /// Notes that credit rows naming `person_id` were written or removed.
    pub(crate) fn credited(&mut self, person_id: i64) {
        self.known_for.people.insert(person_id);
    }

    /// Notes that a title's popularity or existence changed: everyone credited on it may rank
    /// it differently. Owners other than movies and series are ignored.
    pub(crate) fn ranked(&mut self, owner: Owner) {
        match owner.kind {
            OwnerKind::Movie => {
                self.known_for.movies.insert(owner.id);
            }
            OwnerKind::Series => {
                self.known_for.series.insert(owner.id);
            }
            _ => {}
        }
    }

    /// Recomputes the `known_for` rows this transaction's writes touched (on commit).
    pub(crate) fn refresh_known_for(&mut self) -> Result<()> {
        let dirty = std::mem::take(&mut self.known_for);
        let mut people = dirty.people;
        let movies: Vec<i64> = dirty.movies.into_iter().collect();
        for chunk in movies.chunks(BATCH) {
            let params: Vec<&dyn ToSqlValue> = chunk.iter().map(|i| i as &dyn ToSqlValue).collect();
            let rows: Vec<(i64,)> = self.db.query(
                &format!(
                    "SELECT DISTINCT person_id FROM credit WHERE owner_type = 'movie' AND owner_id IN ({})",
                    in_list(1, chunk.len())
                ),
                &params,
            )?;
            people.extend(rows.into_iter().map(|(p,)| p));
        }
        let series: Vec<i64> = dirty.series.into_iter().collect();
        for chunk in series.chunks(BATCH) {
            let params: Vec<&dyn ToSqlValue> = chunk.iter().map(|i| i as &dyn ToSqlValue).collect();
            let list = in_list(1, chunk.len());
            let rows: Vec<(i64,)> = self.db.query(
                &format!(
                    "SELECT person_id FROM credit WHERE owner_type = 'tv' AND owner_id IN ({list})
                     UNION SELECT c.person_id FROM tv_season s
                       JOIN credit c ON c.owner_type = 'season' AND c.owner_id = s.id WHERE s.series_id IN ({list})
                     UNION SELECT c.person_id FROM tv_episode e
                       JOIN credit c ON c.owner_type = 'episode' AND c.owner_id = e.id WHERE e.series_id IN ({list})"
                ),
                &params,
            )?;
            people.extend(rows.into_iter().map(|(p,)| p));
        }
        let people: Vec<i64> = people.into_iter().collect();
        refresh(self.db, &people)
    }
}
