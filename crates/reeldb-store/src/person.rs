//! People, as credits name them: the latest import of a person's fields wins, and changes to
//! the fields TMDB tracks are logged.

use crate::write::{PersonTracked, Writer, bool_int};
use crate::{Owner, Result};
use reeldb_wire::common::CreditPerson;

impl Writer<'_> {
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
}
