//! A search request as a tantivy query, and its ranking (docs/SEARCH.md).
//!
//! Every word of the query must match a word of a name (`title` or `aka`); the last word also
//! matches as a prefix ("matr" finds The Matrix), expanded to the index's most frequent words
//! that start with it. Text relevance is BM25 over the two name fields (own names weigh
//! [`TITLE_BOOST`] times other names; a prefix expansion weighs [`PREFIX_WEIGHT`] of a whole
//! word), plus [`EXACT_BOOST`] when a whole name is the query. The rank blends it with
//! popularity: `relevance * (1 + POPULARITY_WEIGHT * ln(1 + popularity))`; ties go to the more
//! popular, then the lower id ([`crate::rank`], which also keeps the request's kinds).

use crate::rank::Ranked;
use crate::schema::{self, Fields};
use reeldb_store::search_doc::SearchKind;
use std::collections::HashMap;
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

pub use crate::rank::POPULARITY_WEIGHT;

/// How much an own name (title, original title) counts over another name.
pub const TITLE_BOOST: f32 = 2.0;
/// How much a word the last query word is a prefix of counts against the word itself.
pub const PREFIX_WEIGHT: f32 = 0.8;
/// Added weight of a whole name equal to the query.
pub const EXACT_BOOST: f32 = 6.0;
/// Words a prefix expands to at most (the most frequent ones).
pub const MAX_EXPANSIONS: usize = 64;

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

/// The words of the index's name fields that start with `prefix`, most frequent first (at
/// most [`MAX_EXPANSIONS`]), always including `prefix` itself.
fn expansions(searcher: &Searcher, fields: &[Field], prefix: &str) -> tantivy::Result<Vec<String>> {
    let mut freq: HashMap<Vec<u8>, u64> = HashMap::new();
    let start = prefix.as_bytes().to_vec();
    for segment in searcher.segment_readers() {
        for field in fields {
            let inverted = segment.inverted_index(*field)?;
            let mut stream = inverted.terms().range().ge(&start).into_stream()?;
            while stream.advance() {
                let k = stream.key();
                if !k.starts_with(&start) {
                    break;
                }
                *freq.entry(k.to_vec()).or_default() += u64::from(stream.value().doc_freq);
            }
        }
    }
    let mut terms: Vec<(Vec<u8>, u64)> = freq.into_iter().collect();
    terms.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut out: Vec<String> = vec![prefix.to_owned()];
    for (t, _) in terms {
        if out.len() >= MAX_EXPANSIONS {
            break;
        }
        if let Some(s) = String::from_utf8(t).ok().filter(|s| s != prefix) {
            out.push(s);
        }
    }
    Ok(out)
}

/// A word in either name field, own names weighing more.
fn word_clause(f: &Fields, word: &str, weight: f32) -> Vec<(Occur, Box<dyn Query>)> {
    vec![
        (
            Occur::Should,
            Box::new(BoostQuery::new(
                term_query(Term::from_field_text(f.title, word)),
                TITLE_BOOST * weight,
            )) as Box<dyn Query>,
        ),
        (
            Occur::Should,
            Box::new(BoostQuery::new(
                term_query(Term::from_field_text(f.aka, word)),
                weight,
            )) as Box<dyn Query>,
        ),
    ]
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
pub fn build(
    searcher: &Searcher,
    f: &Fields,
    text: &str,
    filters: &Filters,
) -> tantivy::Result<Option<BooleanQuery>> {
    let words = schema::words(text);
    let Some((last, rest)) = words.split_last() else {
        return Ok(None);
    };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for w in rest {
        clauses.push((
            Occur::Must,
            Box::new(BooleanQuery::new(word_clause(f, w, 1.0))),
        ));
    }
    let mut last_clauses = Vec::new();
    for t in expansions(searcher, &[f.title, f.aka], last)? {
        let weight = if &t == last { 1.0 } else { PREFIX_WEIGHT };
        last_clauses.extend(word_clause(f, &t, weight));
    }
    clauses.push((Occur::Must, Box::new(BooleanQuery::new(last_clauses))));
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
    Ok(Some(BooleanQuery::new(clauses)))
}

/// Runs a search: the hits from `offset` on (at most `limit`) and the number of all matches.
pub fn run(
    searcher: &Searcher,
    f: &Fields,
    target: Target,
    text: &str,
    filters: &Filters,
    offset: usize,
    limit: usize,
) -> tantivy::Result<Hits> {
    let Some(query) = build(searcher, f, text, filters)? else {
        return Ok(Hits::default());
    };
    let ranked = Ranked {
        offset,
        limit,
        kinds: target.kinds(),
        include_adult: filters.include_adult,
    };
    let (total, refs) = ranked.run(searcher, &query)?;
    Ok(Hits { refs, total })
}
