//! The `title` and `name` sorts on the index (docs/DISCOVER.md "On the index"): SQL's
//! `CASE WHEN col IS NULL OR col = '' THEN 1 ELSE 0 END, NULLIF(col, '') <dir>, id` with the
//! column compared byte by byte (SQLite's `BINARY`, PostgreSQL's `COLLATE "C"`), exactly.
//!
//! The title is the bytes fast field `d_title` (absent when NULL or `""`). A segment's term
//! ordinals order as its titles' bytes, but only within that segment, so each segment keeps
//! its best `offset + limit` matches by (title present, ordinal in the sort's direction, id)
//! as one `u128`, with a threshold that skips most matches after the first few; the merge
//! resolves the kept ordinals to their bytes (one sorted pass over each segment's dictionary)
//! and orders the union by (title present, bytes in the sort's direction, id). The page is
//! among the union: a match outside its segment's best `offset + limit` has that many matches
//! of its own segment before it.

use crate::columns::Columns;
use crate::schema::TITLE;
use std::cmp::Ordering;
use std::sync::Arc;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{BytesColumn, Column};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// The page of matches in title order: `offset` skipped, `limit` kept; their ids.
pub(super) struct TitleTop {
    pub offset: usize,
    pub limit: usize,
    pub descending: bool,
    pub columns: Arc<Columns>,
}

impl TitleTop {
    fn keep(&self) -> usize {
        self.offset + self.limit
    }
}

/// A match's rank in its segment, smallest first: the high 64 bits the ordinal (inverted for
/// descending), `u64::MAX` without a title (last in both directions); the low 64 the id's
/// order-preserving bits (ties by id ascending).
type SegmentKey = u128;

const NO_TITLE: u64 = u64::MAX;

fn segment_key(ord: Option<u64>, descending: bool, id: i64) -> SegmentKey {
    let hi = match ord {
        None => NO_TITLE,
        Some(o) if descending => NO_TITLE - 1 - o,
        Some(o) => o,
    };
    (u128::from(hi) << 64) | u128::from((id as u64) ^ (1 << 63))
}

/// The ordinal and id back from a key.
fn parts(key: SegmentKey, descending: bool) -> (Option<u64>, i64) {
    let hi = (key >> 64) as u64;
    let ord = match hi {
        NO_TITLE => None,
        h if descending => Some(NO_TITLE - 1 - h),
        h => Some(h),
    };
    (ord, ((key as u64) ^ (1 << 63)) as i64)
}

/// One segment's best matches.
pub(super) struct TitleSegment {
    ids: Option<Column<i64>>,
    titles: Option<BytesColumn>,
    descending: bool,
    keep: usize,
    /// Candidates, pruned to the best `keep` whenever it holds `2 * keep`.
    keys: Vec<SegmentKey>,
    /// Once pruned: the worst key kept (no later key above it can be in the best `keep`).
    threshold: Option<SegmentKey>,
}

impl TitleSegment {
    fn prune(&mut self) {
        if self.keys.len() > self.keep {
            self.keys.select_nth_unstable(self.keep - 1);
            self.keys.truncate(self.keep);
            self.threshold = self.keys.iter().max().copied();
        }
    }
}

impl SegmentCollector for TitleSegment {
    type Fruit = (Option<BytesColumn>, Vec<SegmentKey>);

    fn collect(&mut self, doc: DocId, _: Score) {
        let id = self
            .ids
            .as_ref()
            .and_then(|c| c.first(doc))
            .unwrap_or(i64::MAX);
        let ord = self.titles.as_ref().and_then(|t| t.ords().first(doc));
        let key = segment_key(ord, self.descending, id);
        if self.threshold.is_some_and(|t| key > t) {
            return;
        }
        self.keys.push(key);
        if self.keys.len() >= 2 * self.keep {
            self.prune();
        }
    }

    fn harvest(mut self) -> Self::Fruit {
        self.prune();
        self.keys.sort_unstable();
        (self.titles, self.keys)
    }
}

impl Collector for TitleTop {
    type Fruit = Vec<i64>;
    type Child = TitleSegment;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<TitleSegment> {
        let fast = segment.fast_fields();
        let keep = self.keep().max(1);
        Ok(TitleSegment {
            ids: self.columns.get::<i64>(segment, "id").ok(),
            titles: fast.bytes(TITLE)?,
            descending: self.descending,
            keep,
            keys: Vec::with_capacity(2 * keep),
            threshold: None,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        segments: Vec<(Option<BytesColumn>, Vec<SegmentKey>)>,
    ) -> tantivy::Result<Vec<i64>> {
        let mut with_matches = segments.into_iter().filter(|(_, k)| !k.is_empty());
        let (first, second) = (with_matches.next(), with_matches.next());
        let page = |ranked: Vec<i64>| {
            ranked
                .into_iter()
                .skip(self.offset)
                .take(self.limit)
                .collect()
        };
        let Some(first) = first else {
            return Ok(Vec::new());
        };
        // One segment: its keys are already in the final order.
        let Some(second) = second else {
            let ids = first.1.iter().map(|k| parts(*k, self.descending).1);
            return Ok(page(ids.collect()));
        };
        let mut ranked: Vec<Ranked> = Vec::new();
        let mut titles: Vec<Vec<Vec<u8>>> = Vec::new();
        for (seg, (column, keys)) in [first, second].into_iter().chain(with_matches).enumerate() {
            let resolved = resolve(column.as_ref(), &keys, self.descending)?;
            for key in keys {
                let (ord, id) = parts(key, self.descending);
                let title = ord.map(|o| {
                    let i = resolved.ords.binary_search(&o).unwrap_or_default();
                    (seg, i)
                });
                ranked.push(Ranked { title, id });
            }
            titles.push(resolved.bytes);
        }
        let bytes = |t: (usize, usize)| title_bytes(&titles, t);
        ranked.sort_unstable_by(|a, b| {
            let by_title = match (a.title, b.title) {
                (None, None) => Ordering::Equal,
                (None, Some(_)) => Ordering::Greater,
                (Some(_), None) => Ordering::Less,
                (Some(x), Some(y)) if self.descending => bytes(y).cmp(bytes(x)),
                (Some(x), Some(y)) => bytes(x).cmp(bytes(y)),
            };
            by_title.then(a.id.cmp(&b.id))
        });
        Ok(page(ranked.into_iter().map(|r| r.id).collect()))
    }
}

/// A kept match across segments: its title as (segment, index among the segment's resolved
/// titles), `None` without one; its id.
#[derive(Clone, Copy)]
struct Ranked {
    title: Option<(usize, usize)>,
    id: i64,
}

fn title_bytes(titles: &[Vec<Vec<u8>>], (seg, i): (usize, usize)) -> &[u8] {
    &titles[seg][i]
}

/// A segment's kept ordinals (distinct, ascending) and their bytes, in the same order.
struct Resolved {
    ords: Vec<u64>,
    bytes: Vec<Vec<u8>>,
}

fn resolve(
    column: Option<&BytesColumn>,
    keys: &[SegmentKey],
    descending: bool,
) -> tantivy::Result<Resolved> {
    let mut ords: Vec<u64> = keys
        .iter()
        .filter_map(|k| parts(*k, descending).0)
        .collect();
    ords.sort_unstable();
    ords.dedup();
    let mut bytes = Vec::with_capacity(ords.len());
    if let Some(column) = column {
        column
            .dictionary()
            .sorted_ords_to_term_cb(&ords, |b| bytes.push(b.to_vec()))?;
    }
    if bytes.len() != ords.len() {
        return Err(tantivy::TantivyError::InternalError(format!(
            "{TITLE}: {} of {} term ordinals resolved",
            bytes.len(),
            ords.len()
        )));
    }
    Ok(Resolved { ords, bytes })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_keys_order_as_the_sort() {
        // Ascending: smaller ordinal first, ties by id, no title last.
        let a = segment_key(Some(1), false, 9);
        let b = segment_key(Some(2), false, 1);
        let c = segment_key(Some(2), false, 4);
        let m = segment_key(None, false, -3);
        assert!(a < b && b < c && c < m);
        // Descending: larger ordinal first, ties by id, no title still last.
        let a = segment_key(Some(7), true, 5);
        let b = segment_key(Some(0), true, 2);
        let c = segment_key(Some(0), true, 3);
        let m = segment_key(None, true, 1);
        assert!(a < b && b < c && c < m);
        for (ord, id) in [(Some(0), 1), (Some(41), -7), (None, i64::from(i32::MAX))] {
            for desc in [false, true] {
                assert_eq!(parts(segment_key(ord, desc, id), desc), (ord, id));
            }
        }
    }
}
