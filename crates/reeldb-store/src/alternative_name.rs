//! Alternative names of any owner (`/alternative_names` of networks, and later companies):
//! `{name, type}` in the source's order.

use crate::db::Db;
use crate::write::Writer;
use crate::{Owner, Result};
use reeldb_wire::network::AlternativeName;
use serde_json::json;

impl Db {
    /// An owner's alternative names, in stored order (one statement).
    pub fn alternative_names(&mut self, owner: Owner) -> Result<Vec<AlternativeName>> {
        let rows: Vec<(String, Option<String>)> = self.query(
            "SELECT name, name_type FROM alternative_name WHERE owner_type = $1 AND owner_id = $2 ORDER BY position",
            &[&owner.kind.as_str(), &owner.id],
        )?;
        Ok(rows
            .into_iter()
            .map(|(name, kind)| AlternativeName { name, kind })
            .collect())
    }
}

impl Writer<'_> {
    /// Replaces an owner's alternative names; logs each name added or removed under
    /// `alternative_names` (nothing when the list is the same).
    pub fn replace_alternative_names(
        &mut self,
        owner: Owner,
        names: &[AlternativeName],
    ) -> Result<()> {
        let old = self.db.alternative_names(owner)?;
        if old == names {
            return Ok(());
        }
        self.db.execute(
            "DELETE FROM alternative_name WHERE owner_type = $1 AND owner_id = $2",
            &[&owner.kind.as_str(), &owner.id],
        )?;
        for (pos, n) in names.iter().enumerate() {
            self.db.execute(
                "INSERT INTO alternative_name (owner_type, owner_id, position, name, name_type) VALUES ($1, $2, $3, $4, $5)",
                &[&owner.kind.as_str(), &owner.id, &(pos as i64), &n.name, &n.kind],
            )?;
        }
        let value = |n: &AlternativeName| json!({"name": n.name, "type": n.kind});
        for gone in old.iter().filter(|o| !names.contains(o)) {
            let v = Some(value(gone));
            self.record(owner, "alternative_names", "deleted", None, None, None, v)?;
        }
        for new in names.iter().filter(|n| !old.contains(n)) {
            let v = Some(value(new));
            self.record(owner, "alternative_names", "added", None, None, v, None)?;
        }
        Ok(())
    }
}
