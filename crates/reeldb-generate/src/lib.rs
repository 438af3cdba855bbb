//! A deterministic, TMDB-shaped synthetic catalog for reeldb, at test, 1% or TMDB scale.
//!
//! `generate` fills an empty catalog with TV series (names, translations, networks, external
//! ids), seasons, episodes, people and their credits (season regulars, episode guest stars and
//! crew; aggregate credits are the server's to compute), images and videos, series details
//! (status, type, creators, production companies and countries, content ratings), person
//! details (biography, birthday, place of birth, also known as, external ids), and movies
//! (TMDB's ~1,200,000 at `tmdb` scale) with their text, genres, keywords, companies,
//! countries, languages, release dates, IMDb ids, collections and credits.
//!
//! - [`dist`]: the shapes, from real data (movies.db) and the spec examples.
//! - [`scale`]: the catalog sizes.
//! - [`people`]: people and networks, each from its own ChaCha8 stream of the seed.
//! - [`model`]: one series at a time with its seasons, episodes, credits, images, videos,
//!   translations and external ids.
//! - [`listing`] and [`details`]: what TV lists and series details add to a series (genres,
//!   keywords, status, creators, production companies, content ratings...), each from its own
//!   stream.
//! - [`movies`]: one movie at a time, from its own stream, and the collections.
//! - [`fake`]: made-up names, titles, sentences, ids, paths and dates.
//! - [`load`]: the bulk path (batched multi-row inserts on SQLite, `COPY` on PostgreSQL, one
//!   transaction per batch) and a digest of the generated tables.
//! - [`records`]: the same catalog as import records (`--out FILE.jsonl.gz`).
//!
//! The same seed gives the same catalog, on SQLite and PostgreSQL.
#![forbid(unsafe_code)]

pub mod batch;
pub mod details;
pub mod dist;
pub mod fake;
pub mod listing;
pub mod load;
pub mod model;
pub mod movies;
pub mod people;
mod ranking;
pub mod records;
pub mod scale;
pub mod shapes;
pub mod tables;

pub use scale::Scale;

pub use load::digest;

use reeldb_store::db::Db;
use reeldb_store::{Engine, Store};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Why generation failed.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error("the catalog is not empty: generate into a new database")]
    NotEmpty,
    #[error("{0}")]
    Store(#[from] reeldb_store::StoreError),
    #[error("writing import records: {0}")]
    Io(#[from] std::io::Error),
    /// The database thread stopped taking rows; its own error is reported instead.
    #[error("the database writer stopped")]
    WriterStopped,
}

impl From<load::Closed> for GenerateError {
    fn from(_: load::Closed) -> Self {
        GenerateError::WriterStopped
    }
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    pub scale: Scale,
    pub seed: u64,
    /// Also write import records here (gzipped JSON lines).
    pub out: Option<PathBuf>,
}

/// What a generation did.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Rows per table.
    pub rows: BTreeMap<&'static str, u64>,
    pub total_rows: u64,
    pub series: u64,
    pub seasons: u64,
    pub episodes: u64,
    pub movies: u64,
    pub people: u64,
    /// Import records written with `--out`.
    pub records: u64,
    /// Time spent loading (generation and inserts) and building indexes.
    pub elapsed: Duration,
    /// How `elapsed` divides: `(phase, time)` in the order the phases ran.
    pub phases: Vec<(&'static str, Duration)>,
}

impl Summary {
    pub fn rows_per_second(&self) -> f64 {
        self.total_rows as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "generated {} series, {} seasons, {} episodes, {} movies, {} people: {} rows in {:.1} s ({:.0} rows/s)",
            self.series,
            self.seasons,
            self.episodes,
            self.movies,
            self.people,
            self.total_rows,
            self.elapsed.as_secs_f64(),
            self.rows_per_second()
        )?;
        for (t, n) in &self.rows {
            write!(f, "\n  {t:<26} {n:>12}")?;
        }
        if self.records > 0 {
            write!(f, "\n  {:<26} {:>12}", "import records", self.records)?;
        }
        for (phase, took) in &self.phases {
            write!(f, "\n  {phase:<26} {:>10.1} s", took.as_secs_f64())?;
        }
        Ok(())
    }
}

/// Progress reporting, so the CLI can draw a bar and tests stay quiet.
pub trait Progress: Send + Sync {
    /// A phase begins: `unit` items out of `total`.
    fn phase(&self, name: &str, total: u64);
    /// `done` items of the phase are done; `rows` rows are generated so far.
    fn update(&self, done: u64, rows: u64);
    fn finish(&self);
}

impl Progress for () {
    fn phase(&self, _: &str, _: u64) {}
    fn update(&self, _: u64, _: u64) {}
    fn finish(&self) {}
}

/// An indicatif bar showing items and the row rate.
pub struct Bar {
    bar: indicatif::ProgressBar,
    start: Instant,
}

impl Bar {
    pub fn new() -> Bar {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{msg:8} [{bar:30}] {pos}/{len} ({per_sec}) {elapsed_precise} | {prefix}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Bar {
            bar,
            start: Instant::now(),
        }
    }
}

impl Default for Bar {
    fn default() -> Self {
        Bar::new()
    }
}

impl Progress for Bar {
    fn phase(&self, name: &str, total: u64) {
        self.bar.set_message(name.to_owned());
        self.bar.set_length(total);
        self.bar.set_position(0);
        self.bar.reset_eta();
    }
    fn update(&self, done: u64, rows: u64) {
        self.bar.set_position(done);
        let rate = rows as f64 / self.start.elapsed().as_secs_f64().max(1e-9);
        self.bar
            .set_prefix(format!("{rows} rows, {rate:.0} rows/s"));
    }
    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// Fills the (empty) catalog of `store`. The whole load runs as one job on one of the store's
/// database threads (minutes at `tmdb` scale; this is a batch command), reporting to `progress`
/// from there.
pub async fn generate(
    store: &Store,
    opts: &Options,
    progress: impl Progress + 'static,
) -> Result<Summary, GenerateError> {
    if !store.catalog_is_empty().await? {
        return Err(GenerateError::NotEmpty);
    }
    let opts = opts.clone();
    store.run(move |db| generate_on(db, &opts, &progress)).await
}

/// [`generate`] on one connection.
fn generate_on(
    db: &mut Db,
    opts: &Options,
    progress: &dyn Progress,
) -> Result<Summary, GenerateError> {
    let start = Instant::now();
    let world = model::World::new(opts.seed, opts.scale);
    let mut out = match &opts.out {
        Some(path) => Some(flate2::write::GzEncoder::new(
            std::io::BufWriter::new(std::fs::File::create(path)?),
            flate2::Compression::fast(),
        )),
        None => None,
    };

    let engine = db.engine();
    // For the load only: no fsync per commit (a crash mid-load means generating again), a larger
    // page cache, and the secondary indexes built once at the end instead of row by row. Restored
    // below: the connection stays with its database thread and serves other jobs afterwards.
    db.batch(match engine {
        // `threads`: SQLite's sorter may use helper threads, so the indexes built at the end
        // sort on both cores.
        Engine::Sqlite => {
            "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; PRAGMA threads = 4;"
        }
        // `maintenance_work_mem` is left at the server's setting: at 1 GB the indexes built at
        // the end took 190 s at `tmdb` scale against 156 s with the default 64 MB (one run
        // each, 9455fb7 and the one before).
        Engine::Postgres => "SET synchronous_commit = off",
    })?;
    let indexes = secondary_indexes(db, engine)?;
    for (name, _) in &indexes {
        db.batch(&format!("DROP INDEX IF EXISTS {name}"))?;
    }

    let mut loader = load::Loader::new();
    // Two threads: this one (the database thread) writes batches while a second generates the
    // next ones; a bounded queue keeps at most two batches waiting.
    let (sink, batches) = std::sync::mpsc::sync_channel::<load::Batch>(2);
    let (filled, written) = std::thread::scope(|scope| {
        let generator = scope.spawn(|| {
            let sink = sink;
            fill(&world, &sink, &mut loader, out.as_mut(), progress)
        });
        let mut written = Ok(());
        while let Ok(batch) = batches.recv() {
            if let Err(e) = load::write_batch(db, &batch) {
                written = Err(e);
                break;
            }
        }
        // A failed writer stops taking batches: the generator's next hand-off fails and it ends.
        drop(batches);
        (generator.join(), written)
    });
    let result = match (filled, written) {
        (_, Err(e)) => Err(GenerateError::Store(e)),
        (Ok(filled), Ok(())) => filled,
        (Err(panic), Ok(())) => std::panic::resume_unwind(panic),
    };
    let mut phases = vec![("phase: load", start.elapsed())];
    // Restored even when the load failed (its open batch is rolled back by then).
    let restored = finish_load(db, engine, &indexes, &mut phases);
    progress.finish();
    let (series, seasons, episodes, records) = result?;
    let movies = world.scale.movies;
    restored?;
    // Servers already running on this database drop their cached responses; search indexes
    // built before the load are stale (a seed writes no change-log items). `known_for` was
    // written with the load (`ranking`).
    reeldb_store::mark_seeded(db)?;
    if let Some(gz) = out {
        gz.finish()?.flush()?;
    }
    let mut summary = Summary {
        series,
        seasons,
        episodes,
        movies,
        people: world.people.count,
        records,
        elapsed: start.elapsed(),
        phases,
        ..Default::default()
    };
    for (t, def) in load::TABLES.iter().enumerate() {
        summary.rows.insert(def.name, loader.written[t]);
    }
    summary.total_rows = loader.rows();
    Ok(summary)
}

/// The secondary indexes of the tables the generator fills, `(name, CREATE statement)` as the
/// schema (the migrations) defines them: dropped for the load and rebuilt once at its end (see
/// [`reeldb_store::bulk::secondary_indexes`]).
pub fn secondary_indexes(
    db: &mut Db,
    _engine: Engine,
) -> reeldb_store::Result<Vec<(String, String)>> {
    let tables: Vec<&str> = load::TABLES.iter().map(|t| t.name).collect();
    reeldb_store::bulk::secondary_indexes(db, &tables)
}

/// Rebuilds the secondary indexes, gathers planner statistics and restores the connection's
/// settings.
fn finish_load(
    db: &mut Db,
    engine: Engine,
    indexes: &[(String, String)],
    phases: &mut Vec<(&'static str, Duration)>,
) -> reeldb_store::Result<()> {
    let mark = Instant::now();
    for (_, create) in indexes {
        db.batch(create)?;
    }
    phases.push(("phase: indexes", mark.elapsed()));
    let mark = Instant::now();
    let analysed = match engine {
        // Statistics, so the planner starts season-wide joins from the episode index instead of
        // scanning every episode credit (without them, season details took ~50 ms on `small`).
        // A bounded sample: milliseconds even at `tmdb` scale.
        Engine::Sqlite => db.batch(
            "PRAGMA analysis_limit = 1000; ANALYZE; PRAGMA synchronous = FULL;
             PRAGMA cache_size = -2000; PRAGMA threads = 0; PRAGMA wal_checkpoint(TRUNCATE);",
        ),
        Engine::Postgres => db.batch("RESET synchronous_commit; ANALYZE"),
    };
    phases.push(("phase: statistics", mark.elapsed()));
    analysed
}

fn fill<W: Write>(
    world: &model::World,
    sink: &load::Sink,
    loader: &mut load::Loader,
    mut out: Option<&mut W>,
    progress: &dyn Progress,
) -> Result<(u64, u64, u64, u64), GenerateError> {
    for n in &world.networks {
        loader.network(n);
    }
    for c in &world.companies {
        loader.company(c);
    }
    loader.countries();
    progress.phase("people", world.people.count);
    for i in 0..world.people.count {
        let person = world.people.person(i as u32);
        loader.person(&person, &world.people.details(&person));
        if i % 10_000 == 0 {
            loader.maybe_flush(sink)?;
            progress.update(i, loader.rows_seen());
        }
    }
    loader.flush(sink, true)?;
    progress.update(world.people.count, loader.rows());

    let keywords = listing::keyword_count(world.scale.series);
    loader.genres_and_keywords(keywords);
    progress.phase("series", world.scale.series);
    let mut ids = model::Ids::default();
    let (mut seasons, mut episodes, mut records) = (0u64, 0u64, 0u64);
    for index in 0..world.scale.series {
        let series = world.series(index, &mut ids);
        seasons += series.seasons.len() as u64;
        episodes += series
            .seasons
            .iter()
            .map(|s| s.episodes.len() as u64)
            .sum::<u64>();
        let listing = listing::listing(
            world.seed,
            index,
            series.richness,
            keywords,
            world.dist.pareto_alpha,
        );
        let details = details::details(world, index, &series, &listing);
        loader.series(&series, &listing, &details, world, index as i64 + 1);
        if let Some(w) = out.as_deref_mut() {
            records += records::write_series(w, world, &series, &listing, &details)?;
        }
        loader.maybe_flush(sink)?;
        if index % 100 == 0 {
            progress.update(index, loader.rows_seen());
        }
    }
    loader.flush(sink, true)?;
    progress.update(world.scale.series, loader.rows());

    let n_movies = world.scale.movies;
    for c in 0..movies::collection_count(n_movies) {
        loader.collection(&movies::collection(world.seed, c));
    }
    progress.phase("movies", n_movies);
    for index in 0..n_movies {
        let movie = movies::movie(world, index, keywords);
        // Change-log sequence numbers continue after the series'.
        let seq = (world.scale.series + index) as i64 + 1;
        loader.movie(&movie, world, seq);
        if let Some(w) = out.as_deref_mut() {
            records += records::write_movie(w, world, &movie)?;
        }
        loader.maybe_flush(sink)?;
        if index % 1000 == 0 {
            progress.update(index, loader.rows_seen());
        }
    }
    loader.known_for(sink)?;
    loader.flush(sink, true)?;
    progress.update(n_movies, loader.rows());
    Ok((world.scale.series, seasons, episodes, records))
}
