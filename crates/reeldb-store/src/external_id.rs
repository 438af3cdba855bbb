//! External ids of any owner (IMDb, TVDB, Wikidata, ...).

use crate::db::Db;
use crate::write::Writer;
use crate::{Owner, Result};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// External id fields of a season, in TMDB's order.
pub const SEASON_EXTERNAL_IDS: &[&str] = &[
    "freebase_mid",
    "freebase_id",
    "tvdb_id",
    "tvrage_id",
    "wikidata_id",
];
/// External id fields of an episode, in TMDB's order.
pub const EPISODE_EXTERNAL_IDS: &[&str] = &[
    "imdb_id",
    "freebase_mid",
    "freebase_id",
    "tvdb_id",
    "tvrage_id",
    "wikidata_id",
];

impl Db {
    /// External ids of an owner, with every field of `fields` present (null when unknown); one
    /// statement.
    pub fn external_ids(&mut self, owner: Owner, fields: &[&str]) -> Result<Map<String, Value>> {
        let rows: Vec<(String, String)> = self.query(
            "SELECT source, value FROM external_id WHERE owner_type = $1 AND owner_id = $2",
            &[&owner.kind.as_str(), &owner.id],
        )?;
        let known: HashMap<String, String> = rows.into_iter().collect();
        let mut out = Map::new();
        out.insert("id".into(), Value::from(owner.id));
        for f in fields {
            let v = match known.get(*f) {
                None => Value::Null,
                Some(v) if f.ends_with("tvdb_id") || f.ends_with("tvrage_id") => v
                    .parse::<i64>()
                    .map(Value::from)
                    .unwrap_or_else(|_| Value::String(v.clone())),
                Some(v) => Value::String(v.clone()),
            };
            out.insert((*f).to_owned(), v);
        }
        Ok(out)
    }
}

impl Writer<'_> {
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
}
