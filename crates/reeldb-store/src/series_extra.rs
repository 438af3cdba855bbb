//! What the series sub-resources (alternative titles, content ratings, keywords,
//! screened-theatrically episodes, episode groups) share: whether a series is known, and how a
//! replaced list is logged.

use crate::db::Db;
use crate::write::Writer;
use crate::{Owner, Result};
use serde_json::Value;

impl Db {
    /// Whether the catalog holds series `id` (one statement). A series' sub-resources answer
    /// 404 for an unknown series, and an empty list for a known one without entries.
    pub fn series_is_known(&mut self, id: i64) -> Result<bool> {
        let n: i64 = self.scalar("SELECT COUNT(*) FROM tv_series WHERE id = $1", &[&id])?;
        Ok(n > 0)
    }
}

impl Writer<'_> {
    /// Logs how an owner's list `key` moved from `old` to `new`: `deleted` for each entry that
    /// is gone, `added` for each new one; a list only reordered logs one `updated` item holding
    /// both lists. Equal lists log nothing.
    pub(crate) fn diff_list(
        &mut self,
        owner: Owner,
        key: &str,
        old: &[Value],
        new: &[Value],
    ) -> Result<()> {
        if old == new {
            return Ok(());
        }
        let mut moved = false;
        for o in old.iter().filter(|o| !new.contains(o)) {
            self.record(owner, key, "deleted", None, None, None, Some(o.clone()))?;
            moved = true;
        }
        for n in new.iter().filter(|n| !old.contains(n)) {
            self.record(owner, key, "added", None, None, Some(n.clone()), None)?;
            moved = true;
        }
        if !moved {
            self.record(
                owner,
                key,
                "updated",
                None,
                None,
                Some(Value::from(new.to_vec())),
                Some(Value::from(old.to_vec())),
            )?;
        }
        Ok(())
    }
}

/// Each item as JSON, for [`Writer::diff_list`].
pub(crate) fn as_values<T: serde::Serialize>(items: &[T]) -> Vec<Value> {
    items
        .iter()
        .map(|i| serde_json::to_value(i).unwrap_or(Value::Null))
        .collect()
}
