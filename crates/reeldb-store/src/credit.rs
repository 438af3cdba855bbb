//! Credits of any owner (cast, crew, guest stars), with the people they name. The rows are the
//! one fact behind every credits view: an episode's, a season's, aggregates.
//!
//! Each row keeps the fields a credit list shows of its person (migration 21), so a credits
//! view reads its owner's range of `credit` and no person rows: one random person row per
//! credit was a quarter of an uncached read (docs/READ-PATH.md). They are kept equal to
//! `person` by [`refresh_people`]: on commit for the people whose credit rows or list fields a
//! transaction wrote ([`Writer::credited`], [`Writer::person_changed`]), after a bulk seed and
//! in migration 21 for every row; `reeldb generate` writes them with each row.

use crate::db::{Db, in_list};
use crate::value::ToSqlValue;
use crate::write::CreditFact;
use crate::write::CreditKind;
use crate::write::CreditRow;
use crate::write::Writer;
use crate::{Owner, Result};
use reeldb_wire::common::{CastCredit, CreditPerson, CrewCredit};
use serde_json::json;
use std::collections::HashSet;

/// One credit row with its person's fields.
pub(crate) struct CreditJoin {
    pub owner_id: i64,
    pub kind: String,
    pub credit_id: String,
    pub person_id: i64,
    pub character_name: Option<String>,
    pub department: Option<String>,
    pub job: Option<String>,
    pub ord: Option<i64>,
    pub regular: i64,
    pub episode_count: Option<i64>,
    pub agg_position: Option<i64>,
    pub name: Option<String>,
    pub original_name: Option<String>,
    pub gender: Option<i64>,
    pub adult: Option<i64>,
    pub known_for_department: Option<String>,
    pub popularity: Option<f64>,
    pub profile_path: Option<String>,
}

crate::from_row!(CreditJoin {
    owner_id,
    kind,
    credit_id,
    person_id,
    character_name,
    department,
    job,
    ord,
    regular,
    episode_count,
    agg_position,
    name,
    original_name,
    gender,
    adult,
    known_for_department,
    popularity,
    profile_path,
});

/// The columns [`CreditJoin`] reads, from `credit c`.
pub(crate) const CREDIT_COLUMNS: &str = "c.owner_id, c.kind, c.credit_id, c.person_id, c.character_name, c.department, c.job, c.ord,
    c.regular, c.episode_count, c.agg_position, c.person_name AS name, c.person_original_name AS original_name,
    c.person_gender AS gender, c.person_adult AS adult, c.person_known_for_department AS known_for_department,
    c.person_popularity AS popularity, c.person_profile_path AS profile_path";

/// The person fields a credit row keeps: `(credit column, person column)`.
const PERSON_FIELDS: [(&str, &str); 7] = [
    ("person_name", "name"),
    ("person_original_name", "original_name"),
    ("person_gender", "gender"),
    ("person_adult", "adult"),
    ("person_known_for_department", "known_for_department"),
    ("person_popularity", "popularity"),
    ("person_profile_path", "profile_path"),
];

/// The condition that the kept fields of credit row `credit` equal person row `person`'s.
pub(crate) fn same_person_fields(person: &str, credit: &str) -> String {
    PERSON_FIELDS
        .iter()
        .map(|(c, p)| format!("{person}.{p} IS NOT DISTINCT FROM {credit}.{c}"))
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// People whose credit rows are refreshed per statement.
const REFRESH_BATCH: usize = 500;

/// Sets the person fields of credit rows to their person's (NULL when the person has no row),
/// writing only the rows that differ: the rows of `people`, or every row when `None`. One
/// statement per 500 people.
pub(crate) fn refresh_people(db: &mut Db, people: Option<&[i64]>) -> Result<()> {
    let targets: Vec<&str> = PERSON_FIELDS.iter().map(|(c, _)| *c).collect();
    let sources: Vec<&str> = PERSON_FIELDS.iter().map(|(_, p)| *p).collect();
    let same = same_person_fields("p", "credit");
    let sql = |filter: &str| {
        format!(
            "UPDATE credit SET ({}) = (SELECT {} FROM person WHERE person.id = credit.person_id)
             WHERE {filter} AND NOT EXISTS (SELECT 1 FROM person p WHERE p.id = credit.person_id AND {same})",
            targets.join(", "),
            sources.join(", "),
        )
    };
    let Some(people) = people else {
        db.execute(&sql("TRUE"), &[])?;
        return Ok(());
    };
    for chunk in people.chunks(REFRESH_BATCH) {
        let params: Vec<&dyn ToSqlValue> = chunk.iter().map(|i| i as &dyn ToSqlValue).collect();
        let filter = format!("credit.person_id IN ({})", in_list(1, chunk.len()));
        db.execute(&sql(&filter), &params)?;
    }
    Ok(())
}

impl CreditJoin {
    /// The person as a credit list shows them, cloned (for views that show one person for
    /// several rows, as aggregate credits do).
    pub fn person(&self) -> CreditPerson {
        CreditPerson {
            adult: self.adult.map(|a| a != 0),
            gender: self.gender,
            id: self.person_id,
            known_for_department: self.known_for_department.clone(),
            name: self.name.clone(),
            original_name: self.original_name.clone(),
            popularity: self.popularity,
            profile_path: self.profile_path.clone(),
        }
    }

    /// The row's person, and the row without them; every field moved, none cloned.
    fn into_parts(self) -> (CreditPerson, CreditJoinRest) {
        let person = CreditPerson {
            adult: self.adult.map(|a| a != 0),
            gender: self.gender,
            id: self.person_id,
            known_for_department: self.known_for_department,
            name: self.name,
            original_name: self.original_name,
            popularity: self.popularity,
            profile_path: self.profile_path,
        };
        let rest = CreditJoinRest {
            credit_id: self.credit_id,
            character: self.character_name,
            department: self.department,
            job: self.job,
            order: self.ord,
        };
        (person, rest)
    }
}

/// What a credit entry takes from its row besides the person.
struct CreditJoinRest {
    credit_id: String,
    character: Option<String>,
    department: Option<String>,
    job: Option<String>,
    order: Option<i64>,
}

impl CreditJoinRest {
    fn cast(self, person: CreditPerson) -> CastCredit {
        CastCredit {
            person,
            character: self.character,
            credit_id: self.credit_id,
            order: self.order,
        }
    }

    fn crew(self, person: CreditPerson) -> CrewCredit {
        CrewCredit {
            person,
            credit_id: self.credit_id,
            department: self.department,
            job: self.job,
        }
    }
}

/// Credit rows split by kind into wire entries, in row order. Each row is moved into its entry:
/// a season's credits are hundreds of rows, and cloning every string of each was a large part
/// of the allocation on the read path (docs/READ-PATH.md).
#[derive(Default)]
pub(crate) struct ByKind {
    pub cast: Vec<CastCredit>,
    pub crew: Vec<CrewCredit>,
    pub guest: Vec<CastCredit>,
}

impl ByKind {
    pub fn of(rows: impl IntoIterator<Item = CreditJoin>) -> ByKind {
        let mut out = ByKind::default();
        for mut row in rows {
            let kind = std::mem::take(&mut row.kind);
            let (person, rest) = row.into_parts();
            match kind.as_str() {
                "cast" => out.cast.push(rest.cast(person)),
                "guest" => out.guest.push(rest.cast(person)),
                "crew" => out.crew.push(rest.crew(person)),
                _ => {}
            }
        }
        out
    }

    /// Only the rows marked as regulars (a season's or series' `/credits`).
    pub fn regulars(rows: Vec<CreditJoin>) -> ByKind {
        ByKind::of(rows.into_iter().filter(|c| c.regular == 1))
    }
}

impl Db {
    /// Every credit of one owner, in stored order (one statement).
    pub(crate) fn credits_of(&mut self, owner: Owner) -> Result<Vec<CreditJoin>> {
        let sql = format!(
            "SELECT {CREDIT_COLUMNS} FROM credit c
             WHERE c.owner_type = $1 AND c.owner_id = $2 ORDER BY c.position"
        );
        self.query(&sql, &[&owner.kind.as_str(), &owner.id])
    }
}

impl Writer<'_> {
    /// Notes that a person's list fields (name, gender, profile, ...) may have changed: their
    /// credit rows take them again on commit.
    pub(crate) fn person_changed(&mut self, person_id: i64) {
        self.credit_people.insert(person_id);
    }

    pub(crate) fn credit_rows(&mut self, owner: Owner, kind: CreditKind) -> Result<Vec<CreditRow>> {
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
            if let Some(b) = before {
                self.credited(b.person_id);
            }
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

    pub(crate) fn delete_credit(
        &mut self,
        owner: Owner,
        kind: CreditKind,
        credit_id: &str,
    ) -> Result<()> {
        let gone: Vec<(i64,)> = self.db.query(
            "DELETE FROM credit WHERE owner_type = $1 AND owner_id = $2 AND kind = $3 AND credit_id = $4
             RETURNING person_id",
            &[&owner.kind.as_str(), &owner.id, &kind.as_str(), &credit_id],
        )?;
        for (person,) in gone {
            self.credited(person);
        }
        Ok(())
    }

    pub(crate) fn upsert_credit(
        &mut self,
        owner: Owner,
        kind: CreditKind,
        c: &CreditFact,
        pos: i64,
    ) -> Result<()> {
        self.credited(c.person_id);
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

    /// Logs that a credit left `owner`.
    pub(crate) fn record_credit_gone(
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
}
