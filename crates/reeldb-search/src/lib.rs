//! reeldb's full-text search (docs/SEARCH.md): a tantivy index of every movie, series, person,
//! collection, company and keyword of the catalog, by all the names they are known by.
//!
//! - [`schema`]: the fields, the folding analyser, documents from catalog objects.
//! - [`query`]: a request as a query, and the ranking (text relevance blended with popularity).
//! - [`SearchIndex`]: opens the index beside the catalog (rebuilding a missing, stale or
//!   corrupt one), builds it from the catalog, catches it up from the change log, searches it.
//! - [`updater`]: the background task that keeps a serving index current.
//!
//! The index records, in each commit's payload, where the catalog stood when it was built or
//! last caught up ([`reeldb_store::search_doc::SearchMark`]: the seed version and the change
//! log's high-water mark). Changes after that mark are applied by re-reading the objects they
//! touch; a seed (which writes no change items) moves the seed version and forces a rebuild.
#![forbid(unsafe_code)]

mod columns;
pub mod discover;
mod either;
mod prefix;
pub mod query;
mod rank;
pub mod schema;
pub mod updater;

use columns::Columns;
use reeldb_store::Db;
use reeldb_store::search_doc::{DOC_BATCH, SearchKind, SearchMark};
use schema::Fields;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};
use std::sync::{Arc, Mutex};
use tantivy::indexer::{LogMergePolicy, NoMergePolicy};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term};

pub use query::{Filters, Hits, Target};

/// Errors of the search index.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("search index directory: {0}")]
    Io(#[from] std::io::Error),
    #[error("catalog: {0}")]
    Store(#[from] reeldb_store::StoreError),
}

impl From<SearchError> for reeldb_store::StoreError {
    fn from(e: SearchError) -> Self {
        match e {
            SearchError::Store(s) => s,
            other => reeldb_store::StoreError::Database(other.to_string()),
        }
    }
}

pub type Result<T, E = SearchError> = std::result::Result<T, E>;

/// Memory the index writer may buffer before it writes a segment.
const WRITER_MEMORY: usize = 64 * 1024 * 1024;
/// Change items read per statement when catching up.
const CHANGE_BATCH: usize = 5_000;

/// What a commit's payload records: the format and the catalog's mark it reflects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Payload {
    format: u32,
    seed_version: i64,
    last_seq: i64,
}

/// How an index was found when opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    /// No index was there (or it was in memory): a new, empty one.
    Created,
    /// An index was there and readable.
    Existing,
    /// The directory held an unreadable index: it was deleted and a new one created.
    ReplacedCorrupt,
}

/// The search index: the tantivy index, its one writer and its reader, and the catalog mark
/// it reflects.
pub struct SearchIndex {
    reader: IndexReader,
    writer: Mutex<IndexWriter<TantivyDocument>>,
    fields: Fields,
    /// The mark of the last commit; `None` until the index reflects a catalog.
    mark: Mutex<Option<SearchMark>>,
    dir: Option<PathBuf>,
    /// Fast-field columns kept open (`columns.rs`), and the searcher generation they were last
    /// pruned for.
    columns: Arc<Columns>,
    pruned_for: AtomicU64,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("dir", &self.dir)
            .finish()
    }
}

/// The default index directory of a SQLite catalog file: `<file>.search` beside it.
pub fn sqlite_index_dir(catalog_file: &Path) -> PathBuf {
    let mut name = catalog_file.as_os_str().to_owned();
    name.push(".search");
    PathBuf::from(name)
}

impl SearchIndex {
    fn from_index(index: Index, dir: Option<PathBuf>) -> Result<SearchIndex> {
        let (_, fields) = schema::schema();
        schema::register(&index);
        let mark = index
            .load_metas()?
            .payload
            .and_then(|p| serde_json::from_str::<Payload>(&p).ok())
            .filter(|p| p.format == schema::FORMAT)
            .map(|p| SearchMark {
                seed_version: p.seed_version,
                last_seq: p.last_seq,
            });
        let writer = index.writer_with_num_threads(1, WRITER_MEMORY)?;
        // A commit reloads the reader itself (`commit`); the policy also picks up the segments
        // that background merges produce (else a searcher keeps the tens of segments of a
        // fresh build until the next change, each a separate pass per query).
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        Ok(SearchIndex {
            reader,
            writer: Mutex::new(writer),
            fields,
            mark: Mutex::new(mark),
            dir,
            columns: Arc::default(),
            pruned_for: AtomicU64::new(0),
        })
    }

    /// A new, empty index in memory (tests, and catalogs without a place for one).
    pub fn in_memory() -> Result<SearchIndex> {
        let (schema, _) = schema::schema();
        let index = Index::builder()
            .schema(schema)
            .settings(schema::settings())
            .create_in_ram()?;
        SearchIndex::from_index(index, None)
    }

    /// Opens the index in `dir`, creating it when missing. An index that cannot be read
    /// (bad meta, missing or damaged files, another schema) is deleted and replaced by an
    /// empty one: it is never served. An index whose writer another process holds (a second
    /// server on the same catalog) is an error and is left alone.
    pub fn open(dir: &Path) -> Result<(SearchIndex, Opened)> {
        let existed = dir.join("meta.json").exists();
        if existed {
            match SearchIndex::open_existing(dir) {
                Ok(index) => return Ok((index, Opened::Existing)),
                Err(SearchError::Index(tantivy::TantivyError::LockFailure(e, _))) => {
                    return Err(SearchError::Io(std::io::Error::other(format!(
                        "{} is in use by another process ({e}); give this server its own --search-dir",
                        dir.display()
                    ))));
                }
                Err(e) => {
                    tracing::warn!(dir = %dir.display(), error = %e, "search index unreadable: rebuilding it");
                    std::fs::remove_dir_all(dir)?;
                }
            }
        } else if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
            tracing::warn!(dir = %dir.display(), "search index directory without an index: rebuilding it");
            std::fs::remove_dir_all(dir)?;
        }
        std::fs::create_dir_all(dir)?;
        let (schema, _) = schema::schema();
        let index = Index::builder()
            .schema(schema)
            .settings(schema::settings())
            .create_in_dir(dir)?;
        let opened = if existed {
            Opened::ReplacedCorrupt
        } else {
            Opened::Created
        };
        Ok((
            SearchIndex::from_index(index, Some(dir.to_owned()))?,
            opened,
        ))
    }

    fn open_existing(dir: &Path) -> Result<SearchIndex> {
        let index = Index::open_in_dir(dir)?;
        let (schema, _) = schema::schema();
        if index.schema() != schema {
            return Err(tantivy::TantivyError::SchemaError("another schema".into()).into());
        }
        if index.settings().sort_by_field != schema::settings().sort_by_field {
            return Err(tantivy::TantivyError::SchemaError("another document order".into()).into());
        }
        let damaged = index.validate_checksum()?;
        if !damaged.is_empty() {
            return Err(tantivy::TantivyError::InternalError(format!(
                "damaged files: {damaged:?}"
            ))
            .into());
        }
        let index = SearchIndex::from_index(index, Some(dir.to_owned()))?;
        // Reading every segment's postings and fast fields once proves they open.
        let searcher = index.reader.searcher();
        for segment in searcher.segment_readers() {
            for field in [index.fields.title, index.fields.aka] {
                segment.inverted_index(field)?;
            }
            segment.fast_fields().f64("popularity")?;
        }
        Ok(index)
    }

    /// The directory the index lives in (`None` in memory).
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// The catalog mark the index reflects, `None` before its first build.
    pub fn mark(&self) -> Option<SearchMark> {
        self.mark.lock().map(|m| *m).unwrap_or(None)
    }

    /// Whether an answer the index gave held every change the catalog behind `db` has logged:
    /// `before` is [`SearchIndex::mark`] read before the index answered, and the catalog's mark
    /// is read now (one statement). The index answered from a state at or past `before` and
    /// never past the catalog, so when the two marks are equal it answered from the catalog as
    /// it stands, and the answer holds until the catalog's next write: the response cache may
    /// keep it.
    pub fn answered_current(before: Option<SearchMark>, db: &mut Db) -> Result<bool> {
        match before {
            Some(mark) => Ok(mark == db.search_mark()?),
            None => Ok(false),
        }
    }

    /// Whether the index reflects the catalog behind `db` without a rebuild: it was built
    /// (in this format) after the last seed. Changes logged since are caught up by
    /// [`SearchIndex::catch_up`].
    pub fn is_current_for(&self, db: &mut Db) -> Result<bool> {
        let now = db.search_mark()?;
        Ok(self
            .mark()
            .is_some_and(|m| m.seed_version == now.seed_version && m.last_seq <= now.last_seq))
    }

    /// How many documents the index holds.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    fn commit(&self, writer: &mut IndexWriter<TantivyDocument>, mark: SearchMark) -> Result<()> {
        let payload = serde_json::to_string(&Payload {
            format: schema::FORMAT,
            seed_version: mark.seed_version,
            last_seq: mark.last_seq,
        })
        .map_err(|e| tantivy::TantivyError::InternalError(e.to_string()))?;
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&payload);
        prepared.commit()?;
        self.reader.reload()?;
        if let Ok(mut m) = self.mark.lock() {
            *m = Some(mark);
        }
        Ok(())
    }

    /// Builds the whole index from the catalog behind `db`, replacing what it held;
    /// `progress(done, total)` is called after each batch. Returns the documents written.
    pub fn rebuild(&self, db: &mut Db, progress: &dyn Fn(u64, u64)) -> Result<u64> {
        // The mark is read first: whatever is written while the build reads is logged after
        // it, and the next catch-up applies it again.
        let mark = db.search_mark()?;
        let mut total = 0u64;
        for kind in SearchKind::ALL {
            total += db.search_doc_count(kind)?.max(0) as u64;
        }
        let mut writer = self
            .writer
            .lock()
            .map_err(|_| tantivy::TantivyError::InternalError("writer lock poisoned".into()))?;
        // No merges while building: the build ends in one segment (below).
        writer.set_merge_policy(Box::new(NoMergePolicy));
        let built = self.write_all(&mut writer, db, mark, total, progress);
        match &built {
            // A build that failed half-way must not be committed by the next catch-up.
            Err(_) => {
                if let Err(e) = writer.rollback() {
                    tracing::warn!(error = %e, "rolling back a failed search index build");
                }
            }
            // One segment: a search makes one pass per segment, and a fresh build left to the
            // merge policy stayed at 8 of them at tmdb scale. The merge keeps the commit's
            // payload; the index is complete without it.
            Ok(_) => {
                if let Err(e) = self.merge_all(&mut writer) {
                    tracing::warn!(error = %e, "merging the search index after a build");
                }
            }
        }
        writer.set_merge_policy(Box::new(LogMergePolicy::default()));
        built
    }

    /// Replaces every document with the catalog's and commits with `mark`.
    fn write_all(
        &self,
        writer: &mut IndexWriter<TantivyDocument>,
        db: &mut Db,
        mark: SearchMark,
        total: u64,
        progress: &dyn Fn(u64, u64),
    ) -> Result<u64> {
        writer.delete_all_documents()?;
        let mut done = 0u64;
        progress(done, total);
        for kind in SearchKind::ALL {
            let mut after = i64::MIN;
            loop {
                let ids = db.search_doc_ids(kind, after, DOC_BATCH)?;
                let Some(&last) = ids.last() else { break };
                after = last;
                for doc in db.search_docs(kind, &ids)? {
                    writer.add_document(schema::document(&self.fields, &doc))?;
                    done += 1;
                }
                progress(done.min(total), total);
                if ids.len() < DOC_BATCH {
                    break;
                }
            }
        }
        self.commit(writer, mark)?;
        Ok(done)
    }

    /// Merges the committed segments into one.
    fn merge_all(&self, writer: &mut IndexWriter<TantivyDocument>) -> tantivy::Result<()> {
        let ids = writer.index().searchable_segment_ids()?;
        if ids.len() > 1 {
            writer.merge(&ids).wait()?;
            self.reader.reload()?;
        }
        Ok(())
    }

    /// Applies the changes logged since the index's mark: each touched object's document is
    /// read again and replaced (or removed when the object is gone). A catalog seeded since
    /// (or an index never built) is rebuilt instead. Returns the objects re-read.
    pub fn catch_up(&self, db: &mut Db) -> Result<usize> {
        let now = db.search_mark()?;
        let Some(mark) = self.mark().filter(|m| m.seed_version == now.seed_version) else {
            return Ok(self.rebuild(db, &|_, _| {})? as usize);
        };
        if now.last_seq <= mark.last_seq {
            return Ok(0);
        }
        let mut touched: Vec<(SearchKind, i64)> = Vec::new();
        let mut seq = mark.last_seq;
        loop {
            let (objects, last) = db.search_changes(seq, CHANGE_BATCH)?;
            touched.extend(objects);
            if last == seq || last >= now.last_seq {
                seq = last.max(seq);
                break;
            }
            seq = last;
        }
        touched.sort_unstable();
        touched.dedup();
        let mut writer = self
            .writer
            .lock()
            .map_err(|_| tantivy::TantivyError::InternalError("writer lock poisoned".into()))?;
        for kind in SearchKind::ALL {
            let ids: Vec<i64> = touched
                .iter()
                .filter(|(k, _)| *k == kind)
                .map(|(_, id)| *id)
                .collect();
            for batch in ids.chunks(DOC_BATCH) {
                for id in batch {
                    writer.delete_term(Term::from_field_text(
                        self.fields.key,
                        &schema::key(kind, *id),
                    ));
                }
                for doc in db.search_docs(kind, batch)? {
                    writer.add_document(schema::document(&self.fields, &doc))?;
                }
            }
        }
        self.commit(
            &mut writer,
            SearchMark {
                seed_version: now.seed_version,
                last_seq: seq,
            },
        )?;
        Ok(touched.len())
    }

    /// The true total and the page's ids of a discover request on the index's discover facts,
    /// `None` when the index cannot answer it exactly (docs/DISCOVER.md).
    pub fn discover(&self, d: &reeldb_wire::discover::Discover) -> Result<Option<(u64, Vec<i64>)>> {
        let searcher = self.searcher();
        Ok(discover::run(&searcher, &self.columns, &self.fields, d)?)
    }

    /// The current searcher; once per new generation, the open columns of segments it no
    /// longer holds are dropped.
    fn searcher(&self) -> Searcher {
        let searcher = self.reader.searcher();
        let generation = searcher.generation().generation_id();
        if self.pruned_for.swap(generation, AtomicOrdering::Relaxed) != generation {
            self.columns.retain(&searcher);
        }
        searcher
    }

    /// One page of a search: the hits from `offset` on (at most `limit`) and the number of
    /// all matches.
    pub fn search(
        &self,
        target: Target,
        text: &str,
        filters: &Filters,
        offset: usize,
        limit: usize,
    ) -> Result<Hits> {
        let Some(query) = query::build(&self.fields, text, filters) else {
            return Ok(Hits::default());
        };
        let ranked = rank::Ranked {
            offset,
            limit,
            kinds: target.kinds(),
            include_adult: filters.include_adult,
        };
        let (total, refs) = ranked.run(&self.searcher(), &self.columns, &query)?;
        Ok(Hits { refs, total })
    }
}
