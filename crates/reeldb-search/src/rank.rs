//! The ranking of a search (docs/SEARCH.md "Matching and ranking"): one pass over a query's
//! matches among the kinds the request looks through, counting them and keeping the best
//! `offset + limit` by rank.
//!
//! A match's rank is its text relevance times its document's stored `boost`
//! (`1 + POPULARITY_WEIGHT * ln(1 + popularity)`, computed once at indexing), then its
//! popularity, then lower ids, then lower kind codes.
//!
//! The index keeps each segment's documents in [`order_key`] order (the index's sort
//! setting, kept through merges): by kind, adult ones last, then by descending boost. So the
//! documents of a kind (adult or not) are one range of doc ids per segment, found by binary
//! search on `order`, and the query is run over the wanted ranges only (no kind or adult
//! clause, no other kind's match scored); inside a range the boosts descend. Once a full set
//! of candidates is kept, a match whose score times the last boost read in its range is below
//! the worst kept one is dropped without a read; else its boost is read, and only matches that
//! could enter read the rest of their key.

use crate::columns::Columns;
use reeldb_store::search_doc::SearchKind;
use std::cmp::Ordering;
use std::ops::Range;
use tantivy::columnar::Column;
use tantivy::query::{EnableScoring, Query};
use tantivy::{DocId, DocSet, Score, Searcher, SegmentReader, TERMINATED};

/// How strongly popularity lifts a match.
pub const POPULARITY_WEIGHT: f64 = 0.5;

/// The stored multiplier of a document's text relevance.
pub fn boost(popularity: f64) -> f64 {
    1.0 + POPULARITY_WEIGHT * (1.0 + popularity.max(0.0)).ln()
}

/// The index's document order (ascending): the kind's code in the top 8 bits, then adult
/// documents after the others, then the boost descending (its bits inverted, less the last 9:
/// a positive `f64`'s bits order as its value).
pub fn order_key(kind: SearchKind, adult: bool, boost: f64) -> u64 {
    let descending = !boost.max(0.0).to_bits() >> 9;
    group(kind, adult) | descending
}

/// The smallest order key of a kind's adult or other documents.
fn group(kind: SearchKind, adult: bool) -> u64 {
    (kind.code() << 56) | (u64::from(adult) << 55)
}

/// How much a later boost of a range may exceed an earlier one: [`order_key`] drops the
/// boost's last 9 bits, so equal keys hold boosts within 2^9 ulps (2^-43 relative).
const CEILING_MARGIN: f64 = 1.0 + 1e-12;

/// A kept match: blended score, popularity, id, kind code.
#[derive(Debug, Clone, Copy)]
struct Key {
    blended: f64,
    popularity: f64,
    id: i64,
    kind: SearchKind,
}

/// The order of the page: higher blended score, then higher popularity, then lower id, then
/// lower kind code.
fn better(a: &Key, b: &Key) -> Ordering {
    b.blended
        .total_cmp(&a.blended)
        .then(b.popularity.total_cmp(&a.popularity))
        .then(a.id.cmp(&b.id))
        .then(a.kind.code().cmp(&b.kind.code()))
}

/// One page of a search's matches and their number.
pub(crate) struct Ranked {
    pub offset: usize,
    pub limit: usize,
    /// The kinds the request looks through.
    pub kinds: Vec<SearchKind>,
    /// Whether adult documents are looked through too.
    pub include_adult: bool,
}

/// The doc ids whose order keys are in `keys`, in a segment sorted by them.
fn doc_range(order: &Column<u64>, max_doc: DocId, keys: Range<u64>) -> Range<DocId> {
    let first_at_least = |bound: u64| {
        let (mut lo, mut hi) = (0, max_doc);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if order.first(mid).unwrap_or(u64::MAX) < bound {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    };
    first_at_least(keys.start)..first_at_least(keys.end)
}

impl Ranked {
    fn keep(&self) -> usize {
        (self.offset + self.limit).max(1)
    }

    /// The number of matches of `query` among the wanted kinds, and the page's hits.
    pub fn run(
        &self,
        searcher: &Searcher,
        columns: &Columns,
        query: &dyn Query,
    ) -> tantivy::Result<(u64, Vec<(SearchKind, i64)>)> {
        let weight = query.weight(EnableScoring::enabled_from_searcher(searcher))?;
        let mut best = Best::new(self.keep());
        // The wanted groups in doc order: a scorer only moves forward.
        let mut groups: Vec<(SearchKind, bool)> = Vec::new();
        for kind in &self.kinds {
            groups.push((*kind, false));
            if self.include_adult {
                groups.push((*kind, true));
            }
        }
        groups.sort_by_key(|(k, a)| group(*k, *a));
        for segment in searcher.segment_readers() {
            let order = columns.get::<u64>(segment, "order")?;
            let mut scorer = None;
            for (kind, adult) in &groups {
                let start = group(*kind, *adult);
                let range = doc_range(&order, segment.max_doc(), start..start + (1 << 55));
                if range.is_empty() {
                    continue;
                }
                let scorer = match &mut scorer {
                    Some(s) => s,
                    // The segment's first wanted range: its scorer and columns.
                    None => {
                        best.segment(columns, segment)?;
                        scorer.insert(weight.scorer(segment, 1.0)?)
                    }
                };
                best.range(*kind);
                let mut doc = scorer.doc();
                if doc < range.start {
                    doc = scorer.seek(range.start);
                }
                let alive = segment.alive_bitset();
                while doc != TERMINATED && doc < range.end {
                    if alive.is_none_or(|a| a.is_alive(doc)) {
                        best.offer(doc, scorer.score());
                    }
                    doc = scorer.advance();
                }
            }
        }
        Ok(best.page(self.offset, self.limit))
    }
}

/// The best matches so far, and the count.
struct Best {
    keep: usize,
    count: u64,
    /// Candidates, pruned to the best `keep` whenever they reach `2 * keep`.
    keys: Vec<Key>,
    /// Once pruned: the worst key kept.
    worst: Option<Key>,
    /// The kind of the range being read.
    kind: SearchKind,
    /// The boost last read in this range: no later match of the range has a higher one.
    ceiling: f64,
    /// The segment being read: its columns.
    boost: Option<Column<f64>>,
    popularity: Option<Column<f64>>,
    ids: Option<Column<i64>>,
}

impl Best {
    fn new(keep: usize) -> Best {
        Best {
            keep,
            count: 0,
            keys: Vec::with_capacity(2 * keep.min(1024)),
            worst: None,
            kind: SearchKind::Movie,
            ceiling: f64::INFINITY,
            boost: None,
            popularity: None,
            ids: None,
        }
    }

    /// Reads `segment`'s matches next: its columns.
    fn segment(&mut self, columns: &Columns, segment: &SegmentReader) -> tantivy::Result<()> {
        self.boost = Some(columns.get(segment, "boost")?);
        self.popularity = Some(columns.get(segment, "popularity")?);
        self.ids = Some(columns.get(segment, "id")?);
        Ok(())
    }

    /// Reads the range of `kind`'s documents (adult or not) next.
    fn range(&mut self, kind: SearchKind) {
        self.kind = kind;
        self.ceiling = f64::INFINITY;
    }

    fn offer(&mut self, doc: DocId, score: Score) {
        self.count += 1;
        // The range is in descending boost order: the last boost read bounds this one.
        if self
            .worst
            .is_some_and(|w| f64::from(score) * self.ceiling < w.blended)
        {
            return;
        }
        let boost = self
            .boost
            .as_ref()
            .and_then(|c| c.first(doc))
            .unwrap_or(1.0);
        // Documents whose boosts agree but for their last 9 bits (see `order_key`) may come in
        // either order: the bound allows for that.
        self.ceiling = boost * CEILING_MARGIN;
        let blended = f64::from(score) * boost;
        if self.worst.is_some_and(|w| blended < w.blended) {
            return;
        }
        let key = Key {
            blended,
            popularity: self
                .popularity
                .as_ref()
                .and_then(|c| c.first(doc))
                .unwrap_or(0.0)
                .max(0.0),
            id: self
                .ids
                .as_ref()
                .and_then(|c| c.first(doc))
                .unwrap_or(i64::MAX),
            kind: self.kind,
        };
        if self
            .worst
            .is_some_and(|w| better(&key, &w) != Ordering::Less)
        {
            return;
        }
        self.keys.push(key);
        if self.keys.len() >= 2 * self.keep {
            self.prune();
        }
    }

    fn prune(&mut self) {
        if self.keys.len() > self.keep {
            self.keys.select_nth_unstable_by(self.keep - 1, better);
            self.keys.truncate(self.keep);
            self.worst = self.keys.iter().copied().max_by(better);
        }
    }

    /// The count and the hits from `offset` on (at most `limit`).
    fn page(mut self, offset: usize, limit: usize) -> (u64, Vec<(SearchKind, i64)>) {
        self.prune();
        self.keys.sort_unstable_by(better);
        let hits = self
            .keys
            .into_iter()
            .skip(offset)
            .take(limit)
            .map(|k| (k.kind, k.id))
            .collect();
        (self.count, hits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{self, Filters, Target};
    use crate::schema;
    use reeldb_store::search_doc::SearchDoc;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, TermQuery};
    use tantivy::schema::IndexRecordOption;
    use tantivy::{Index, Term};

    #[test]
    fn order_keys_group_kinds_then_adult_then_descending_boost() {
        let keys = [
            order_key(SearchKind::Movie, false, boost(900.0)),
            order_key(SearchKind::Movie, false, boost(3.5)),
            order_key(SearchKind::Movie, false, boost(0.0)),
            order_key(SearchKind::Movie, true, boost(5000.0)),
            order_key(SearchKind::Movie, true, boost(0.0)),
            order_key(SearchKind::Tv, false, boost(1e6)),
            order_key(SearchKind::Tv, false, boost(-2.0)),
            order_key(SearchKind::Person, false, boost(50.0)),
            order_key(SearchKind::Keyword, true, boost(0.0)),
        ];
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "{keys:x?}");
    }

    /// The ranking as a plain tantivy search: the kinds as a query clause, every match ranked
    /// by a sort key over fast fields, counted by `Count`.
    fn reference(
        searcher: &Searcher,
        f: &schema::Fields,
        target: Target,
        text: &str,
        include_adult: bool,
        offset: usize,
    ) -> (u64, Vec<(SearchKind, i64)>) {
        let query = query::build(f, text, &Filters::default()).unwrap();
        let kinds: Vec<(Occur, Box<dyn Query>)> = target
            .kinds()
            .into_iter()
            .map(|k| {
                let term = TermQuery::new(
                    Term::from_field_u64(f.kind, k.code()),
                    IndexRecordOption::Basic,
                );
                (
                    Occur::Should,
                    Box::new(ConstScoreQuery::new(Box::new(term), 0.0)) as Box<dyn Query>,
                )
            })
            .collect();
        let mut clauses = vec![
            (Occur::Must, Box::new(query) as Box<dyn Query>),
            (Occur::Must, Box::new(BooleanQuery::new(kinds))),
        ];
        if !include_adult {
            let adult = TermQuery::new(Term::from_field_u64(f.adult, 1), IndexRecordOption::Basic);
            clauses.push((
                Occur::MustNot,
                Box::new(ConstScoreQuery::new(Box::new(adult), 0.0)),
            ));
        }
        let query = BooleanQuery::new(clauses);
        let top =
            TopDocs::with_limit(20)
                .and_offset(offset)
                .tweak_score(|segment: &SegmentReader| {
                    let fast = segment.fast_fields();
                    let (pop, ids, kinds) = (
                        fast.f64("popularity").unwrap(),
                        fast.i64("id").unwrap(),
                        fast.u64("kind").unwrap(),
                    );
                    move |doc: DocId, score: Score| {
                        let p = pop.first(doc).unwrap().max(0.0);
                        let blended = f64::from(score) * boost(p);
                        (
                            blended,
                            p,
                            -ids.first(doc).unwrap(),
                            -(kinds.first(doc).unwrap() as i64),
                        )
                    }
                });
        let (count, hits) = searcher.search(&query, &(Count, top)).unwrap();
        let hits = hits
            .into_iter()
            .map(|((_, _, id, kind), _)| (SearchKind::from_code(kind.unsigned_abs()).unwrap(), -id))
            .collect();
        (count as u64, hits)
    }

    /// Over an index of several segments with deleted documents and adult ones, and again once
    /// they are merged into one, every target, query, page and `include_adult` ranks and
    /// counts as the reference does.
    #[test]
    fn ranks_as_a_plain_search_over_segments_and_deletions() {
        let (schema, f) = schema::schema();
        let index = Index::builder()
            .schema(schema)
            .settings(schema::settings())
            .create_in_ram()
            .unwrap();
        schema::register(&index);
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        let words = [
            "star", "stars", "start", "night", "nights", "blue", "the", "sea",
        ];
        let mut seed = 7u64;
        let mut next = move |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for round in 0..4 {
            for i in 0..400i64 {
                let id = round * 1000 + i;
                let kind = SearchKind::ALL[next(6) as usize];
                let name: Vec<&str> = (0..1 + next(3)).map(|_| words[next(8) as usize]).collect();
                let doc = SearchDoc {
                    kind,
                    id,
                    names: vec![name.join(" ")],
                    other_names: vec![words[next(8) as usize].to_owned()],
                    // Ties on purpose: a few popularity values only.
                    popularity: [0.0, 1.5, 7.0, 300.0][next(4) as usize],
                    adult: next(5) == 0,
                    primary_year: None,
                    years: vec![],
                    region_years: vec![],
                    facts: None,
                };
                writer.add_document(schema::document(&f, &doc)).unwrap();
            }
            // Some documents of the earlier rounds go.
            for _ in 0..60 {
                let id = (next(4) * 1000 + next(400)) as i64;
                let kind = SearchKind::ALL[next(6) as usize];
                writer.delete_term(Term::from_field_text(f.key, &schema::key(kind, id)));
            }
            writer.commit().unwrap();
        }
        let reader = index.reader().unwrap();
        assert!(reader.searcher().segment_readers().len() >= 4);
        // One cache of open columns for both passes: segments are told apart by their ids.
        let columns = Columns::default();
        assert!(compare(&reader.searcher(), &columns, &f) > 60);
        assert!(columns.len() >= 4 * 4, "{}", columns.len());
        // Merged into one segment (tantivy merges sorted segments by the sort key, dropping
        // the deleted documents): the same again.
        let ids = index.searchable_segment_ids().unwrap();
        writer.merge(&ids).wait().unwrap();
        reader.reload().unwrap();
        assert_eq!(reader.searcher().segment_readers().len(), 1);
        assert!(compare(&reader.searcher(), &columns, &f) > 60);
        // The columns of the merged-away segments are forgotten.
        columns.retain(&reader.searcher());
        assert_eq!(columns.len(), 4);
    }

    /// Every target, query, page and `include_adult` against the reference; the pages with
    /// hits.
    fn compare(searcher: &Searcher, columns: &Columns, f: &schema::Fields) -> usize {
        let targets = [
            Target::Multi,
            Target::Kind(SearchKind::Movie),
            Target::Kind(SearchKind::Person),
            Target::Kind(SearchKind::Keyword),
        ];
        let mut compared = 0;
        for text in ["star", "sta", "the night", "blue s", "sea star", "n"] {
            for target in targets {
                for (offset, include_adult) in
                    [(0, false), (20, false), (60, false), (0, true), (20, true)]
                {
                    let want = reference(searcher, f, target, text, include_adult, offset);
                    let ranked = Ranked {
                        offset,
                        limit: 20,
                        kinds: target.kinds(),
                        include_adult,
                    };
                    let query = query::build(f, text, &Filters::default()).unwrap();
                    let got = ranked.run(searcher, columns, &query).unwrap();
                    assert_eq!(
                        got, want,
                        "{text:?} {target:?} offset {offset} adult {include_adult}"
                    );
                    compared += usize::from(!want.1.is_empty());
                }
            }
        }
        compared
    }
}
