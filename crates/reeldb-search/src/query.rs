//! A search request as a tantivy query, and its ranking (docs/SEARCH.md).
//!
//! Every word of the query must match a word of a name (`title` or `aka`); the last word may
//! match as a prefix ("matr" finds The Matrix): it is one term of the prefix fields
//! (`title_prefix`, `aka_prefix`, which hold every prefix of every word). Text relevance is
//! BM25 over the name fields (own names weigh [`TITLE_BOOST`] times other names; in the prefix
//! fields a whole word counts twice, so a last word that is a whole word scores above one that
//! only begins a word), plus [`EXACT_BOOST`] when a whole name is the query. The rank blends
//! it with popularity: `relevance * (1 + POPULARITY_WEIGHT * ln(1 + popularity))`; ties go to
//! the more popular, then the lower id ([`crate::rank`], which also keeps the request's
//! kinds; `SearchIndex::search` runs the two).

use crate::either::Either;
use crate::schema::{self, Fields};
use reeldb_store::search_doc::SearchKind;
use tantivy::Term;
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};

pub use crate::rank::POPULARITY_WEIGHT;

/// How much an own name (title, original title) counts over another name.
pub const TITLE_BOOST: f32 = 2.0;
/// Added weight of a whole name equal to the query.
pub const EXACT_BOOST: f32 = 6.0;

/// What a search looks through: one kind, or movies, series and people together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Kind(SearchKind),
    Multi,
}

/// The filters a search request can carry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub include_adult: bool,
    /// A movie's primary release year or a series' first air year.
    pub primary_year: Option<i64>,
    /// Any year the title came out in (any release date; first or any episode air date).
    pub year: Option<i64>,
    /// With `year`: only release dates in this country count.
    pub region: Option<String>,
}

/// One page of ranked hits and the number of all matches.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hits {
    pub refs: Vec<(SearchKind, i64)>,
    pub total: u64,
}

fn term_query(term: Term) -> Box<dyn Query> {
    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
}

fn filter(term: Term) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(
        Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
        0.0,
    ))
}

/// A word in either name field (`title` and `aka`, or their prefix twins), own names weighing
/// more. A word intersected with other clauses is an [`Either`] (its fields' postings sought
/// one by one); a word alone is tantivy's union, faster to read through in order.
fn word_clause(fields: [Field; 2], word: &str, intersected: bool) -> Box<dyn Query> {
    let [title, aka] = fields;
    let (title, aka) = (
        Term::from_field_text(title, word),
        Term::from_field_text(aka, word),
    );
    if intersected {
        return Box::new(Either {
            first: title,
            first_boost: TITLE_BOOST,
            second: aka,
        });
    }
    Box::new(BooleanQuery::new(vec![
        (
            Occur::Should,
            Box::new(BoostQuery::new(term_query(title), TITLE_BOOST)) as Box<dyn Query>,
        ),
        (Occur::Should, term_query(aka)),
    ]))
}

impl Target {
    /// The kinds a search looks through.
    pub fn kinds(self) -> Vec<SearchKind> {
        match self {
            Target::Kind(k) => vec![k],
            Target::Multi => vec![SearchKind::Movie, SearchKind::Tv, SearchKind::Person],
        }
    }
}

/// The query for `text` with `filters` (kinds and adult documents are ranges of each segment,
/// [`crate::rank`]); `None` when the text holds no word.
pub fn build(f: &Fields, text: &str, filters: &Filters) -> Option<BooleanQuery> {
    let words = schema::words(text);
    let (last, rest) = words.split_last()?;
    let intersected = !rest.is_empty() || filters.primary_year.is_some() || filters.year.is_some();
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for w in rest {
        clauses.push((Occur::Must, word_clause([f.title, f.aka], w, true)));
    }
    // The last word: any word it begins, one term of the prefix fields (a whole word is in
    // them twice, so it scores above a mere beginning).
    clauses.push((
        Occur::Must,
        word_clause([f.title_prefix, f.aka_prefix], last, intersected),
    ));
    clauses.push((
        Occur::Should,
        Box::new(BoostQuery::new(
            term_query(Term::from_field_text(f.exact, &words.join(" "))),
            EXACT_BOOST,
        )),
    ));
    if let Some(y) = filters.primary_year {
        clauses.push((Occur::Must, filter(Term::from_field_i64(f.primary_year, y))));
    }
    if let Some(y) = filters.year {
        let term = match &filters.region {
            Some(r) => Term::from_field_text(f.region_year, &format!("{r}:{y}")),
            None => Term::from_field_i64(f.year, y),
        };
        clauses.push((Occur::Must, filter(term)));
    }
    Some(BooleanQuery::new(clauses))
}
