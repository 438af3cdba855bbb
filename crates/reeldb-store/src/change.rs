//! The change log as `/changes` serves it.

use crate::db::Db;
use crate::write::Writer;
use crate::{Owner, Result};
use reeldb_wire::common::{ChangeGroup, ChangeItem, Changes};
use serde_json::Value;

struct ChangeRow {
    id: String,
    change_key: String,
    action: String,
    time: String,
    iso_639_1: Option<String>,
    iso_3166_1: Option<String>,
    value: Option<String>,
    original_value: Option<String>,
}

crate::from_row!(ChangeRow {
    id,
    change_key,
    action,
    time,
    iso_639_1,
    iso_3166_1,
    value,
    original_value,
});

impl Db {
    /// Whether the catalog knows `owner` through its change log (a deleted object keeps its
    /// history); one statement.
    pub fn has_history(&mut self, owner: Owner) -> Result<bool> {
        let n: i64 = self.scalar(
            "SELECT COUNT(*) FROM change_log WHERE owner_type = $1 AND owner_id = $2",
            &[&owner.kind.as_str(), &owner.id],
        )?;
        Ok(n > 0)
    }

    /// Field-level changes of an owner with `start <= time < end` (TMDB time strings), grouped
    /// by key in order of each key's first change; one statement.
    pub fn changes(&mut self, owner: Owner, start: &str, end: &str) -> Result<Changes> {
        let rows: Vec<ChangeRow> = self.query(
            "SELECT id, change_key, action, time, iso_639_1, iso_3166_1, value, original_value FROM change_log
             WHERE owner_type = $1 AND owner_id = $2 AND time >= $3 AND time < $4 ORDER BY time, seq",
            &[&owner.kind.as_str(), &owner.id, &start, &end],
        )?;
        let mut groups: Vec<ChangeGroup> = Vec::new();
        for r in rows {
            let parse =
                |s: Option<String>| s.map(|s| serde_json::from_str(&s).unwrap_or(Value::String(s)));
            let item = ChangeItem {
                id: r.id,
                action: r.action,
                time: r.time,
                iso_639_1: r.iso_639_1,
                iso_3166_1: r.iso_3166_1,
                value: parse(r.value),
                original_value: parse(r.original_value),
            };
            match groups.iter_mut().find(|g| g.key == r.change_key) {
                Some(g) => g.items.push(item),
                None => groups.push(ChangeGroup {
                    key: r.change_key,
                    items: vec![item],
                }),
            }
        }
        Ok(Changes { changes: groups })
    }
}

impl Writer<'_> {
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
}
