//! The index's schema, its analyser, and how a catalog object becomes a document.
//!
//! One document per movie, series, person, collection, company and keyword:
//! - `key` (`movie:550`): the unique key a change replaces by;
//! - `kind`, `id`: what the document is (indexed to filter by kind; fast to read back);
//! - `title`: the object's own name and original name; `aka`: its other names (translations,
//!   alternative titles and names, `also_known_as`). Both through the `fold` analyser (words
//!   split on anything not a letter or digit, lower-cased, accents folded to ASCII), with
//!   frequencies for BM25; two fields so that a title with forty translations is not
//!   penalised as one long text (BM25 normalises by field length);
//! - `title_prefix`, `aka_prefix`: the same names through the `fold_prefix` analyser, which
//!   adds every prefix of every word (`crate::prefix`), for the query's last word;
//! - `exact`: each name whole, folded (its words joined by one space), for the exact-name boost;
//! - `popularity` and `boost` (fast; the ranking's popularity multiplier), `order` (fast: the
//!   documents' order in a segment, by kind, adult, then boost); `adult`, `primary_year`,
//!   `year` (every year), `region_year` (`US:1999`) for the filters;
//! - movies and series: the discover facts (`d_*`, docs/DISCOVER.md "On the index"): flags
//!   `d_listed` and `d_exotic` (holding the kind's code), `d_video`, `d_dated`; fast numbers `d_popularity`, `d_date`
//!   (`YYYYMMDD`), `d_vote_average`, `d_vote_count`, `d_runtime` (every one), `d_revenue`;
//!   indexed ids `d_genre`, `d_keyword`, `d_company`, `d_network`; whole strings
//!   `d_language`, `d_country`, `d_status`, `d_type`; `d_title` (fast bytes: the original
//!   title or name's UTF-8, absent when NULL or `""`) for the `title` and `name` sorts.

use crate::prefix::Prefixes;
use reeldb_store::discover::facts::{DateFact, DiscoverFacts};
use reeldb_store::search_doc::{SearchDoc, SearchKind};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
    TextAnalyzerBuilder, TokenStream, Tokenizer,
};
use tantivy::{Index, IndexSettings, IndexSortByField, Order, TantivyDocument};

/// The analyser's name in the index's tokenizer manager.
pub const FOLD: &str = "fold";
/// The prefix fields' analyser: [`FOLD`], then every prefix of each word.
pub const FOLD_PREFIX: &str = "fold_prefix";

/// Bumped whenever the schema or the documents change meaning: an index of another format is
/// rebuilt at start.
pub const FORMAT: u32 = 7;

/// The discover title field's name (a bytes fast field: its term ordinals order as the bytes,
/// which for UTF-8 is code-point order, SQL's `BINARY` / `COLLATE "C"`).
pub const TITLE: &str = "d_title";

/// The fields, resolved once.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub key: Field,
    pub kind: Field,
    pub id: Field,
    pub title: Field,
    pub aka: Field,
    pub title_prefix: Field,
    pub aka_prefix: Field,
    pub exact: Field,
    pub popularity: Field,
    pub boost: Field,
    pub order: Field,
    pub adult: Field,
    pub primary_year: Field,
    pub year: Field,
    pub region_year: Field,
    pub d: DiscoverFields,
}

/// The discover facts' fields (movies and series only).
#[derive(Debug, Clone, Copy)]
pub struct DiscoverFields {
    pub listed: Field,
    pub video: Field,
    pub dated: Field,
    pub exotic: Field,
    pub popularity: Field,
    pub date: Field,
    pub vote_average: Field,
    pub vote_count: Field,
    pub runtime: Field,
    pub revenue: Field,
    pub genre: Field,
    pub keyword: Field,
    pub company: Field,
    pub network: Field,
    pub language: Field,
    pub country: Field,
    pub status: Field,
    pub series_type: Field,
    pub title: Field,
}

/// The schema and its fields.
pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |tokenizer| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqs),
        )
    };
    let fields = Fields {
        key: b.add_text_field("key", STRING),
        kind: b.add_u64_field("kind", INDEXED | FAST),
        id: b.add_i64_field("id", FAST),
        title: b.add_text_field("title", text(FOLD)),
        aka: b.add_text_field("aka", text(FOLD)),
        title_prefix: b.add_text_field("title_prefix", text(FOLD_PREFIX)),
        aka_prefix: b.add_text_field("aka_prefix", text(FOLD_PREFIX)),
        exact: b.add_text_field("exact", STRING),
        popularity: b.add_f64_field("popularity", FAST),
        boost: b.add_f64_field("boost", FAST),
        order: b.add_u64_field("order", FAST),
        adult: b.add_u64_field("adult", INDEXED),
        primary_year: b.add_i64_field("primary_year", INDEXED),
        year: b.add_i64_field("year", INDEXED),
        region_year: b.add_text_field("region_year", STRING),
        d: DiscoverFields {
            listed: b.add_u64_field("d_listed", INDEXED),
            video: b.add_u64_field("d_video", INDEXED),
            dated: b.add_u64_field("d_dated", INDEXED),
            exotic: b.add_u64_field("d_exotic", INDEXED),
            popularity: b.add_f64_field("d_popularity", FAST),
            date: b.add_i64_field("d_date", FAST),
            vote_average: b.add_f64_field("d_vote_average", FAST),
            vote_count: b.add_i64_field("d_vote_count", FAST),
            runtime: b.add_i64_field("d_runtime", FAST),
            revenue: b.add_i64_field("d_revenue", FAST),
            genre: b.add_i64_field("d_genre", INDEXED),
            keyword: b.add_i64_field("d_keyword", INDEXED),
            company: b.add_i64_field("d_company", INDEXED),
            network: b.add_i64_field("d_network", INDEXED),
            language: b.add_text_field("d_language", STRING),
            country: b.add_text_field("d_country", STRING),
            status: b.add_text_field("d_status", STRING),
            series_type: b.add_text_field("d_type", STRING),
            title: b.add_bytes_field(TITLE, FAST),
        },
    };
    (b.build(), fields)
}

/// The index's settings: each segment's documents in `order` order, by kind, adult ones last,
/// then descending boost (a search reads one range of doc ids per kind, `crate::rank`).
pub fn settings() -> IndexSettings {
    IndexSettings {
        sort_by_field: Some(IndexSortByField {
            field: "order".into(),
            order: Order::Asc,
        }),
        ..IndexSettings::default()
    }
}

/// The analyser: words (runs of letters and digits), lower-cased, accents folded.
pub fn analyser() -> TextAnalyzer {
    fold().build()
}

fn fold() -> TextAnalyzerBuilder<impl Tokenizer> {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(64))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
}

/// The prefix fields' analyser: [`analyser`]'s words, each as all its prefixes.
pub fn prefix_analyser() -> TextAnalyzer {
    fold().filter(Prefixes).build()
}

/// Registers the analysers on an index (the tokenizer manager is not persisted).
pub fn register(index: &Index) {
    index.tokenizers().register(FOLD, analyser());
    index.tokenizers().register(FOLD_PREFIX, prefix_analyser());
}

/// The words of `text` as the index holds them.
pub fn words(text: &str) -> Vec<String> {
    let mut a = analyser();
    let mut stream = a.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// A whole name as the `exact` field holds it.
pub fn exact_form(text: &str) -> String {
    words(text).join(" ")
}

/// The unique key of an object.
pub fn key(kind: SearchKind, id: i64) -> String {
    format!("{}:{id}", kind.as_str())
}

/// The document of a catalog object.
pub fn document(f: &Fields, doc: &SearchDoc) -> TantivyDocument {
    let mut d = TantivyDocument::default();
    d.add_text(f.key, key(doc.kind, doc.id));
    d.add_u64(f.kind, doc.kind.code());
    d.add_i64(f.id, doc.id);
    for t in &doc.names {
        d.add_text(f.title, t);
        d.add_text(f.title_prefix, t);
    }
    for t in &doc.other_names {
        d.add_text(f.aka, t);
        d.add_text(f.aka_prefix, t);
    }
    let mut exact: Vec<String> = Vec::new();
    for t in doc.names.iter().chain(&doc.other_names) {
        let e = exact_form(t);
        if !e.is_empty() && !exact.contains(&e) {
            exact.push(e);
        }
    }
    for e in exact {
        d.add_text(f.exact, e);
    }
    d.add_f64(f.popularity, doc.popularity);
    let boost = crate::rank::boost(doc.popularity);
    d.add_f64(f.boost, boost);
    d.add_u64(f.order, crate::rank::order_key(doc.kind, doc.adult, boost));
    d.add_u64(f.adult, u64::from(doc.adult));
    if let Some(y) = doc.primary_year {
        d.add_i64(f.primary_year, y);
    }
    for y in &doc.years {
        d.add_i64(f.year, *y);
    }
    for r in &doc.region_years {
        d.add_text(f.region_year, r);
    }
    if let Some(facts) = &doc.facts {
        discover_facts(&f.d, doc.kind, facts, &mut d);
    }
    d
}

/// A movie's or series' discover facts into its document. `d_listed` and `d_exotic` hold the
/// kind's code, so that one term selects the listed (or exotic) titles of a kind.
fn discover_facts(
    f: &DiscoverFields,
    kind: SearchKind,
    x: &DiscoverFacts,
    d: &mut TantivyDocument,
) {
    if let Some(p) = x.popularity {
        d.add_u64(f.listed, kind.code());
        d.add_f64(f.popularity, p);
    }
    if x.video {
        d.add_u64(f.video, 1);
    }
    if x.exotic() {
        d.add_u64(f.exotic, kind.code());
    }
    match x.date {
        DateFact::Missing => {}
        DateFact::Day(day) => {
            d.add_u64(f.dated, 1);
            d.add_i64(f.date, day);
        }
        DateFact::Odd => d.add_u64(f.dated, 1),
    }
    if let Some(v) = x.vote_average {
        d.add_f64(f.vote_average, v);
    }
    if let Some(v) = x.vote_count {
        d.add_i64(f.vote_count, v);
    }
    for r in &x.runtimes {
        d.add_i64(f.runtime, *r);
    }
    if let Some(r) = x.revenue {
        d.add_i64(f.revenue, r);
    }
    for (field, ids) in [
        (f.genre, &x.genres),
        (f.keyword, &x.keywords),
        (f.company, &x.companies),
        (f.network, &x.networks),
    ] {
        for id in ids {
            d.add_i64(field, *id);
        }
    }
    for (field, text) in [
        (f.language, &x.original_language),
        (f.status, &x.status),
        (f.series_type, &x.series_type),
    ] {
        if let Some(t) = text {
            d.add_text(field, t);
        }
    }
    for c in &x.origin_country {
        d.add_text(f.country, c);
    }
    if let Some(t) = &x.original_title {
        d.add_bytes(f.title, t.as_bytes());
    }
}
