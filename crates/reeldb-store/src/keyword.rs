//! Keywords (`keyword`, migration 6) and the keywords of any owner (`owner_keyword`), in TMDB's
//! order.

use crate::db::Db;
use crate::series_extra::as_values;
use crate::write::Writer;
use crate::{Owner, OwnerKind, Result};
use reeldb_wire::tv_extra::{Keyword, Keywords};

impl Db {
    /// An owner's keywords, in order (one statement).
    pub fn owner_keywords(&mut self, owner: Owner) -> Result<Vec<Keyword>> {
        let rows: Vec<(i64, Option<String>)> = self.query(
            "SELECT k.id, k.name FROM owner_keyword ok JOIN keyword k ON k.id = ok.keyword_id
             WHERE ok.owner_type = $1 AND ok.owner_id = $2 ORDER BY ok.position",
            &[&owner.kind.as_str(), &owner.id],
        )?;
        Ok(rows
            .into_iter()
            .map(|(id, name)| Keyword { name, id })
            .collect())
    }

    /// `GET /3/tv/{series_id}/keywords` of a known series (one statement).
    pub fn series_keywords(&mut self, series_id: i64) -> Result<Keywords> {
        Ok(Keywords {
            id: series_id,
            results: self.owner_keywords(Owner::series(series_id))?,
        })
    }
}

impl Writer<'_> {
    /// Makes an owner's keywords this complete list, in order. Keyword rows are created or
    /// renamed (a rename is logged on the keyword); the owner's list logs each keyword added or
    /// removed under `keywords`.
    pub fn replace_keywords(&mut self, owner: Owner, keywords: &[Keyword]) -> Result<()> {
        for k in keywords {
            let old: Option<Option<String>> = self
                .db
                .scalar_opt("SELECT name FROM keyword WHERE id = $1", &[&k.id])?;
            self.db.execute(
                "INSERT INTO keyword (id, name) VALUES ($1, $2)
                 ON CONFLICT (id) DO UPDATE SET name = COALESCE(excluded.name, keyword.name)",
                &[&k.id, &k.name],
            )?;
            if k.name.is_some() {
                let key_owner = Owner::new(OwnerKind::Keyword, k.id);
                self.diff_field(key_owner, "name", &old.flatten(), &k.name)?;
            }
        }
        let old = self.db.owner_keywords(owner)?;
        let old_ids: Vec<i64> = old.iter().map(|k| k.id).collect();
        let new_ids: Vec<i64> = keywords.iter().map(|k| k.id).collect();
        if old_ids == new_ids {
            return Ok(());
        }
        self.db.execute(
            "DELETE FROM owner_keyword WHERE owner_type = $1 AND owner_id = $2",
            &[&owner.kind.as_str(), &owner.id],
        )?;
        for (pos, k) in keywords.iter().enumerate() {
            self.db.execute(
                "INSERT INTO owner_keyword (owner_type, owner_id, keyword_id, position) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (owner_type, owner_id, keyword_id) DO NOTHING",
                &[&owner.kind.as_str(), &owner.id, &k.id, &(pos as i64)],
            )?;
        }
        let new = self.db.owner_keywords(owner)?;
        self.diff_list(owner, "keywords", &as_values(&old), &as_values(&new))
    }
}
