//! `/3/discover/movie` and `/3/discover/tv` on the index's discover facts (docs/DISCOVER.md
//! "On the index"): the filters the facts express exactly become one query (term postings for
//! flags, ids and codes; fast-field ranges for dates, votes and runtimes), counted with
//! [`Count`] and ranked with a top-k over fast fields whose key ends in the id, so that the
//! page holds exactly SQL's ids in SQL's order (ties by id, missing values last in both
//! directions).
//!
//! A request goes to the index only when every filter and its sort are ones it answers
//! ([`reeldb_store::discover::index_expressible`]) and no document of the kind holds a fact
//! the index cannot compare as SQL does (`d_exotic`: a date that is not `YYYY-MM-DD`, a
//! run time that is not a number); otherwise [`run`] answers `None` and SQL answers. The
//! `title` and `name` sorts rank by the title's bytes across segments ([`title`]).

mod title;

use crate::columns::Columns;
use crate::schema::{DiscoverFields, Fields};
use reeldb_store::discover::facts::day_key;
use reeldb_store::discover::index_expressible;
use reeldb_store::search_doc::SearchKind;
use reeldb_wire::discover::{AndOr, DateRange, Discover, DiscoverKind, SortKey};
use std::ops::Bound;
use std::sync::Arc;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, Score, Searcher, SegmentReader, Term};

/// Entries a discover page holds.
pub const PER_PAGE: usize = 20;

/// A query's clauses, built up.
#[derive(Default)]
struct Clauses(Vec<(Occur, Box<dyn Query>)>);

impl Clauses {
    fn push(&mut self, occur: Occur, q: Box<dyn Query>) {
        self.0.push((occur, q));
    }

    fn must(&mut self, q: Box<dyn Query>) {
        self.push(Occur::Must, q);
    }

    fn must_not(&mut self, q: Box<dyn Query>) {
        self.push(Occur::MustNot, q);
    }
}

fn term(t: Term) -> Box<dyn Query> {
    Box::new(TermQuery::new(t, IndexRecordOption::Basic))
}

/// Any of `terms` (one term alone as itself).
fn any_of(mut terms: Vec<Term>) -> Box<dyn Query> {
    if terms.len() == 1
        && let Some(t) = terms.pop()
    {
        return term(t);
    }
    Box::new(BooleanQuery::new(
        terms
            .into_iter()
            .map(|t| (Occur::Should, term(t)))
            .collect(),
    ))
}

/// Each group must match (`,`), by any of its ids (`|`).
fn id_groups(c: &mut Clauses, field: Field, groups: &AndOr<i64>) {
    for g in &groups.0 {
        c.must(any_of(
            g.iter().map(|i| Term::from_field_i64(field, *i)).collect(),
        ));
    }
}

fn text_groups(c: &mut Clauses, field: Field, groups: &AndOr<String>) {
    for g in &groups.0 {
        c.must(any_of(
            g.iter().map(|s| Term::from_field_text(field, s)).collect(),
        ));
    }
}

/// None of `ids`.
fn without(c: &mut Clauses, field: Field, ids: &[i64]) {
    for i in ids {
        c.must_not(term(Term::from_field_i64(field, *i)));
    }
}

/// A range on a fast field: the documents with a value in it (one of their values, for
/// multi-valued fields), never those without one.
fn range(lower: Bound<Term>, upper: Bound<Term>) -> Box<dyn Query> {
    Box::new(RangeQuery::new(lower, upper))
}

fn i64_bound(field: Field, v: Option<i64>, inclusive: bool) -> Bound<Term> {
    match v {
        None => Bound::Unbounded,
        Some(v) if inclusive => Bound::Included(Term::from_field_i64(field, v)),
        Some(v) => Bound::Excluded(Term::from_field_i64(field, v)),
    }
}

/// SQL's `date >= from AND date < before` (from defaulting to `'0000'`: any real date) as a
/// range of `YYYYMMDD` keys; `None` when a bound is not a `YYYY-MM-DD` date.
fn date_range(field: Field, r: &DateRange) -> Option<Box<dyn Query>> {
    let from = r.from.as_deref().map(day_key);
    let before = r.before.as_deref().map(day_key);
    if from.is_some_and(|f| f.is_none()) || before.is_some_and(|b| b.is_none()) {
        return None;
    }
    let lower = i64_bound(field, from.flatten(), true);
    let upper = i64_bound(field, before.flatten(), false);
    Some(range(lower, upper))
}

/// The query of a discover request's filters, `None` when one cannot be expressed.
fn filters(f: &Fields, d: &Discover) -> Option<BooleanQuery> {
    let x: &DiscoverFields = &f.d;
    let movie = d.kind == DiscoverKind::Movie;
    let kind = if movie {
        SearchKind::Movie
    } else {
        SearchKind::Tv
    };
    let mut c = Clauses::default();
    // The listed titles of the kind: one posting list.
    c.must(term(Term::from_field_u64(x.listed, kind.code())));
    if !d.include_adult {
        c.must_not(term(Term::from_field_u64(f.adult, 1)));
    }
    if movie && !d.include_video {
        c.must_not(term(Term::from_field_u64(x.video, 1)));
    }
    if !movie && !d.include_null_first_air_dates {
        c.must(term(Term::from_field_u64(x.dated, 1)));
    }
    if !d.primary_date.is_empty() {
        c.must(date_range(x.date, &d.primary_date)?);
    }
    if d.runtime_gte.is_some() || d.runtime_lte.is_some() {
        c.must(range(
            i64_bound(x.runtime, d.runtime_gte, true),
            i64_bound(x.runtime, d.runtime_lte, true),
        ));
    }
    id_groups(&mut c, x.network, &d.networks);
    text_groups(&mut c, x.status, &d.status);
    text_groups(&mut c, x.series_type, &d.series_type);
    id_groups(&mut c, x.genre, &d.genres);
    without(&mut c, x.genre, &d.without_genres);
    id_groups(&mut c, x.company, &d.companies);
    without(&mut c, x.company, &d.without_companies);
    id_groups(&mut c, x.keyword, &d.keywords);
    without(&mut c, x.keyword, &d.without_keywords);
    text_groups(&mut c, x.country, &d.origin_country);
    if d.vote_average_gte.is_some() || d.vote_average_lte.is_some() {
        let b = |v: Option<f64>| match v {
            None => Bound::Unbounded,
            Some(v) => Bound::Included(Term::from_field_f64(x.vote_average, v)),
        };
        c.must(range(b(d.vote_average_gte), b(d.vote_average_lte)));
    }
    if d.vote_count_gte.is_some() || d.vote_count_lte.is_some() {
        c.must(range(
            i64_bound(x.vote_count, d.vote_count_gte, true),
            i64_bound(x.vote_count, d.vote_count_lte, true),
        ));
    }
    if !d.original_language.is_empty() {
        c.must(any_of(
            d.original_language
                .iter()
                .map(|l| Term::from_field_text(x.language, l))
                .collect(),
        ));
    }
    Some(BooleanQuery::new(c.0))
}

/// The rank of a match, highest first, in one number: the sort value's key in the high 64
/// bits (0 when missing, so missing values come last in both directions; the value's
/// order-preserving bits, inverted for ascending sorts), the id's inverted order-preserving
/// bits in the low 64 (ties by id ascending).
type RankKey = u128;

/// An f64's bits, ordered as the numbers (`-0.0` as `0.0`, as SQL compares them); never 0
/// for a number (NaN is kept out of the index's answers, `d_exotic`).
fn f64_order(v: f64) -> u64 {
    let b = if v == 0.0 {
        0.0f64.to_bits()
    } else {
        v.to_bits()
    };
    if b >> 63 == 1 { !b } else { b | 1 << 63 }
}

/// An i64's bits, ordered as the numbers; never 0 or `u64::MAX` (the extremes are clamped by
/// one, values no vote count, revenue or date reaches).
fn i64_order(v: i64) -> u64 {
    (v.clamp(i64::MIN + 1, i64::MAX - 1) as u64) ^ (1 << 63)
}

/// The rank key of a value's order bits (`None`: missing) and an id.
fn rank_key(value: Option<u64>, descending: bool, id: i64) -> RankKey {
    let v = match value {
        None => 0,
        Some(k) if descending => k,
        Some(k) => !k,
    };
    (u128::from(v) << 64) | u128::from(!((id as u64) ^ (1 << 63)))
}

/// The id back from a rank key.
fn id_of_key(key: RankKey) -> i64 {
    ((!(key as u64)) ^ (1 << 63)) as i64
}

/// The sort's fast field and whether its values are floats.
fn sort_field(d: &Discover) -> (&'static str, bool) {
    match d.sort.key {
        SortKey::Popularity => ("d_popularity", true),
        SortKey::VoteAverage => ("d_vote_average", true),
        SortKey::VoteCount => ("d_vote_count", false),
        SortKey::Revenue => ("d_revenue", false),
        SortKey::Date => ("d_date", false),
        // Title sorts rank by their bytes (`title::TitleTop`), never by this; a date stands in
        // for type's sake.
        SortKey::OriginalTitle => ("d_date", false),
    }
}

/// A segment's sort column.
enum SortColumn {
    Float(Option<tantivy::columnar::Column<f64>>),
    Int(Option<tantivy::columnar::Column<i64>>),
}

/// The rank of each match of a segment.
fn ranker(
    columns: Arc<Columns>,
    name: &'static str,
    float: bool,
    descending: bool,
) -> impl Fn(&SegmentReader) -> Box<dyn Fn(DocId, Score) -> RankKey> + Send + Sync + 'static {
    move |segment: &SegmentReader| {
        let ids = columns.get::<i64>(segment, "id").ok();
        let col = match float {
            true => SortColumn::Float(columns.get(segment, name).ok()),
            false => SortColumn::Int(columns.get(segment, name).ok()),
        };
        Box::new(move |doc: DocId, _: Score| {
            let id = ids.as_ref().and_then(|c| c.first(doc)).unwrap_or(i64::MAX);
            let value = match &col {
                SortColumn::Float(c) => c.as_ref().and_then(|c| c.first(doc)).map(f64_order),
                SortColumn::Int(c) => c.as_ref().and_then(|c| c.first(doc)).map(i64_order),
            };
            rank_key(value, descending, id)
        })
    }
}

/// Whether a document of the request's kind holds a fact the index cannot compare as SQL.
fn has_exotic(searcher: &Searcher, f: &Fields, kind: SearchKind) -> tantivy::Result<bool> {
    let q = TermQuery::new(
        Term::from_field_u64(f.d.exotic, kind.code()),
        IndexRecordOption::Basic,
    );
    Ok(searcher.search(&q, &Count)? > 0)
}

/// The true total and the page's ids (in SQL's order) of a discover request, or `None` when
/// the index cannot answer it exactly.
pub fn run(
    searcher: &Searcher,
    columns: &Arc<Columns>,
    f: &Fields,
    d: &Discover,
) -> tantivy::Result<Option<(u64, Vec<i64>)>> {
    if !index_expressible(d) {
        return Ok(None);
    }
    let kind = match d.kind {
        DiscoverKind::Movie => SearchKind::Movie,
        DiscoverKind::Tv => SearchKind::Tv,
    };
    if has_exotic(searcher, f, kind)? {
        return Ok(None);
    }
    let Some(query) = filters(f, d) else {
        return Ok(None);
    };
    let query = ConstScoreQuery::new(Box::new(query), 0.0);
    let offset = (d.page.max(1) as usize - 1) * PER_PAGE;
    if d.sort.key == SortKey::OriginalTitle {
        let top = title::TitleTop {
            offset,
            limit: PER_PAGE,
            descending: d.sort.descending,
            columns: columns.clone(),
        };
        let (total, ids) = searcher.search(&query, &(Count, top))?;
        return Ok(Some((total as u64, ids)));
    }
    let (name, float) = sort_field(d);
    let top = TopDocs::with_limit(PER_PAGE)
        .and_offset(offset)
        .tweak_score(ranker(columns.clone(), name, float, d.sort.descending));
    let (total, hits) = searcher.search(&query, &(Count, top))?;
    let ids = hits.into_iter().map(|(key, _)| id_of_key(key)).collect();
    Ok(Some((total as u64, ids)))
}

/// Which path answers a discover request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DiscoverPath {
    /// The index when it can answer exactly, else SQL.
    #[default]
    Auto,
    /// SQL always (the catalog's indexes).
    Sql,
}

impl DiscoverPath {
    /// `REELDB_DISCOVER=sql` keeps every request on SQL (to compare); anything else, or
    /// nothing, is [`DiscoverPath::Auto`].
    pub fn from_env() -> DiscoverPath {
        match std::env::var("REELDB_DISCOVER").as_deref() {
            Ok("sql") => DiscoverPath::Sql,
            _ => DiscoverPath::Auto,
        }
    }
}

/// A discover page's ids: the true total, the page's ids in order, and whether the index
/// answered (else SQL did).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscoverIds {
    pub total: u64,
    pub ids: Vec<i64>,
    pub by_index: bool,
}

/// The total and page ids of `d`: from `index` when `path` allows and it answers exactly,
/// else from SQL on `db` (two statements).
pub fn discover_ids(
    db: &mut reeldb_store::Db,
    index: Option<&crate::SearchIndex>,
    d: &Discover,
    path: DiscoverPath,
) -> crate::Result<DiscoverIds> {
    if path == DiscoverPath::Auto
        && let Some(index) = index.filter(|i| i.mark().is_some())
        && let Some((total, ids)) = index.discover(d)?
    {
        return Ok(DiscoverIds {
            total,
            ids,
            by_index: true,
        });
    }
    let (total, ids) = db.discover_ids_sql(d)?;
    Ok(DiscoverIds {
        total,
        ids,
        by_index: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rank_keys_order_as_sql() {
        let floats = [-3.5, -0.0, 0.0, 1e-9, 2.0, 7.5, f64::INFINITY];
        for w in floats.windows(2) {
            assert!(f64_order(w[0]) <= f64_order(w[1]), "{w:?}");
            assert!(f64_order(w[0]) > 0);
        }
        assert_eq!(f64_order(-0.0), f64_order(0.0));
        for w in [-5i64, 0, 3, 20_200_101].windows(2) {
            assert!(i64_order(w[0]) < i64_order(w[1]));
        }
        // Descending: larger first; ties by id ascending; missing last.
        let a = rank_key(Some(f64_order(2.0)), true, 7);
        let b = rank_key(Some(f64_order(2.0)), true, 9);
        let c = rank_key(Some(f64_order(1.0)), true, 1);
        let m = rank_key(None, true, 1);
        assert!(a > b && b > c && c > m);
        // Ascending: smaller first; missing still last.
        let a = rank_key(Some(i64_order(1)), false, 5);
        let b = rank_key(Some(i64_order(2)), false, 1);
        let m = rank_key(None, false, 0);
        assert!(a > b && b > m);
        for id in [1, 550, i64::from(i32::MAX), -4] {
            assert_eq!(id_of_key(rank_key(Some(3), true, id)), id);
        }
    }
}
