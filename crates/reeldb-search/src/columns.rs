//! Fast-field columns kept open across requests, per segment.
//!
//! Opening a column reads its header and, for tantivy's blockwise-linear codec, decodes every
//! block's parameters: at tmdb scale (one segment of 5 M documents) that is about 10,000 blocks
//! a column, and opening four columns per search took about 15 % of a search's time. A segment's
//! columns never change (deletes live beside them), so each is opened once and shared.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tantivy::columnar::Column;
use tantivy::fastfield::FastFieldReaders;
use tantivy::index::SegmentId;
use tantivy::{Searcher, SegmentReader};

/// A column type the cache can open.
pub trait ColumnType: Sized + Clone + Send + Sync + 'static {
    fn open(fast: &FastFieldReaders, name: &str) -> tantivy::Result<Column<Self>>;
}

impl ColumnType for u64 {
    fn open(fast: &FastFieldReaders, name: &str) -> tantivy::Result<Column<u64>> {
        fast.u64(name)
    }
}

impl ColumnType for i64 {
    fn open(fast: &FastFieldReaders, name: &str) -> tantivy::Result<Column<i64>> {
        fast.i64(name)
    }
}

impl ColumnType for f64 {
    fn open(fast: &FastFieldReaders, name: &str) -> tantivy::Result<Column<f64>> {
        fast.f64(name)
    }
}

type Key = (SegmentId, &'static str, TypeId);

/// The open columns, by segment, field name and type.
#[derive(Default)]
pub struct Columns {
    open: Mutex<HashMap<Key, Arc<dyn Any + Send + Sync>>>,
}

impl Columns {
    /// `segment`'s column `name`, opened on first use.
    pub fn get<T: ColumnType>(
        &self,
        segment: &SegmentReader,
        name: &'static str,
    ) -> tantivy::Result<Column<T>> {
        let key = (segment.segment_id(), name, TypeId::of::<T>());
        if let Some(column) = self.lookup::<T>(&key) {
            return Ok(column);
        }
        let column = T::open(segment.fast_fields(), name)?;
        if let Ok(mut open) = self.open.lock() {
            open.insert(key, Arc::new(column.clone()));
        }
        Ok(column)
    }

    fn lookup<T: ColumnType>(&self, key: &Key) -> Option<Column<T>> {
        let open = self.open.lock().ok()?;
        open.get(key)?.downcast_ref::<Column<T>>().cloned()
    }

    /// Forgets the columns of segments `searcher` no longer holds (merged away or deleted).
    pub fn retain(&self, searcher: &Searcher) {
        let live: Vec<SegmentId> = searcher
            .segment_readers()
            .iter()
            .map(|s| s.segment_id())
            .collect();
        if let Ok(mut open) = self.open.lock() {
            open.retain(|(segment, _, _), _| live.contains(segment));
        }
    }

    /// How many columns are open.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.open.lock().map(|o| o.len()).unwrap_or(0)
    }
}
