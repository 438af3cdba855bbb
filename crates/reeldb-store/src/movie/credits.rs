//! A movie's credits: its `credit` rows (owner_type `movie`, kinds `cast` and `crew`) joined
//! with their people, and each cast credit's `cast_id`.

use crate::credit::ByKind;
use crate::db::Db;
use crate::write::{CreditFact, CreditKind, Writer};
use crate::{Owner, Result};
use reeldb_wire::movie::{MovieCastCredit, MovieCredits};
use serde_json::json;
use std::collections::HashMap;

impl Db {
    /// `GET /3/movie/{movie_id}/credits` of a known movie (two statements).
    pub fn movie_credits(&mut self, id: i64) -> Result<MovieCredits> {
        let rows = ByKind::of(self.credits_of(Owner::movie(id))?);
        let cast_ids = self.movie_cast_ids(id)?;
        let cast = rows
            .cast
            .into_iter()
            .map(|c| MovieCastCredit {
                cast_id: cast_ids.get(&c.credit_id).copied().flatten(),
                person: c.person,
                character: c.character,
                credit_id: c.credit_id,
                order: c.order,
            })
            .collect();
        Ok(MovieCredits {
            id,
            cast,
            crew: rows.crew,
        })
    }

    /// `credit_id -> cast_id` of a movie's cast (one statement).
    fn movie_cast_ids(&mut self, id: i64) -> Result<HashMap<String, Option<i64>>> {
        let rows: Vec<(String, Option<i64>)> = self.query(
            "SELECT credit_id, cast_id FROM credit WHERE owner_type = 'movie' AND owner_id = $1 AND kind = 'cast'",
            &[&id],
        )?;
        Ok(rows.into_iter().collect())
    }
}

impl Writer<'_> {
    /// Makes a movie's credits this complete cast (with each `cast_id`) and crew, in order;
    /// every credit added, moved or gone is logged under `cast` / `crew`.
    pub fn replace_movie_credits(
        &mut self,
        id: i64,
        cast: &[(CreditFact, Option<i64>)],
        crew: &[CreditFact],
    ) -> Result<()> {
        let owner = Owner::movie(id);
        let facts: Vec<CreditFact> = cast.iter().map(|(f, _)| f.clone()).collect();
        self.replace_credits(owner, CreditKind::Cast, &facts)?;
        self.replace_credits(owner, CreditKind::Crew, crew)?;
        let old = self.db.movie_cast_ids(id)?;
        for (fact, cast_id) in cast {
            let before = old.get(&fact.credit_id).copied().flatten();
            if before == *cast_id {
                continue;
            }
            self.db.execute(
                "UPDATE credit SET cast_id = $1 WHERE owner_type = 'movie' AND owner_id = $2 AND kind = 'cast' AND credit_id = $3",
                &[cast_id, &id, &fact.credit_id],
            )?;
            self.record(
                owner,
                "cast",
                "updated",
                None,
                None,
                Some(json!({"credit_id": fact.credit_id, "cast_id": cast_id})),
                before.map(|b| json!({"credit_id": fact.credit_id, "cast_id": b})),
            )?;
        }
        Ok(())
    }
}
