//! reeldb's catalog store.
//!
//! One [`Store`] serves both engines: [`db`] is a synchronous driver layer over SQLite (the
//! embedded default, one file in WAL mode) and PostgreSQL, and the SQL is portable, so each
//! query is written once; the migrations under `migrations/` run unchanged on both.
//! A request's reads run as one job on a database thread ([`Store::run`]): one hand-off per
//! request, and a fixed number of statements per operation whatever the size of its lists.
//!
//! Modules, one per object, each holding that object's reads (as methods on [`db::Db`]):
//! [`tv_series`] (list fields, networks), [`series`] (details and series-level reads),
//! [`tv_season`], [`tv_episode`]; computed TV lists: [`tv_lists`] (popular, top rated, airing)
//! and [`tv_related`] (similar, recommendations); [`network`], [`review`], [`episode_group`], [`company`],
//! [`collection`], [`keyword`] (their details; keywords' movies),
//! [`country`], [`genre_list`] (TMDB's genre list per kind), [`certification`] (certification
//! systems); shared children, each in its own module: [`translation`], [`credit`], [`image`],
//! [`video`], [`external_id`], [`watch_provider`], [`change`], [`alternative_name`],
//! [`alternative_title`], [`content_rating`], [`keyword`], [`screened`] (shared series helpers
//! in [`series_extra`]). [`change_list`]: the TV and people changes lists. [`write`]:
//! [`Writer`], a transaction that applies catalog facts and records each change. [`find`]:
//! objects by external id; [`trending`]: trending lists and mixed media entries. [`keys`]: API
//! keys. [`languages`]: ISO-639-1 names. [`migrate`]: the schema.
#![forbid(unsafe_code)]

pub mod alternative_name;
pub mod alternative_title;
pub mod bulk;
pub mod certification;
pub mod change;
pub mod change_list;
pub mod collection;
pub mod company;
pub mod configuration;
pub mod content_rating;
pub mod country;
pub mod credit;
pub mod db;
pub mod discover;
pub mod episode_group;
pub mod external_id;
pub mod find;
pub mod genre_list;
pub mod image;
pub mod jobs;
pub mod keys;
pub mod keyword;
pub mod known_for;
pub mod language_list;
pub mod languages;
pub mod local_ids;
pub mod migrate;
pub mod movie;
pub mod network;
pub mod person;
pub mod review;
pub mod screened;
pub mod search_doc;
pub mod series;
pub mod series_extra;
pub mod testing;
pub mod threads;
pub mod timezones;
pub mod translation;
pub mod trending;
pub mod tv_episode;
pub mod tv_lists;
pub mod tv_related;
pub mod tv_season;
pub mod tv_series;
pub mod value;
pub mod video;
pub mod watch_provider;
pub mod write;

pub use db::Db;
pub use external_id::{EPISODE_EXTERNAL_IDS, SEASON_EXTERNAL_IDS};
pub use genre_list::TitleKind;
pub use image::LanguageFilter;
pub use movie::MOVIE_EXTERNAL_IDS;
pub use movie::lists::MovieList;
pub use series::SERIES_EXTERNAL_IDS;
pub use tv_episode::EpisodeRef;
pub use tv_lists::TvList;
pub use tv_related::{Related, RelatedScore};
pub use tv_season::SeasonRef;

pub use write::Writer;

/// Errors of the store. Callers map `NotFound` to TMDB's 34 and everything else to 11.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("invalid data: {0}")]
    Invalid(String),
    #[error("database error: {0}")]
    Database(String),
    #[error("the store is shut down")]
    Closed,
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Which database engine a [`Store`] runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// What a child row hangs off: a TMDB object by type and id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Owner {
    pub kind: OwnerKind,
    pub id: i64,
}

/// The kinds of TMDB objects that own credits, images, translations and changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OwnerKind {
    Series,
    Season,
    Episode,
    Person,
    Network,
    Company,
    Review,
    EpisodeGroup,
    Genre,
    Keyword,
    /// A certification system (no TMDB id: 1 movies, 2 TV; see [`certification`]).
    Certification,
    Movie,
    /// The server's configuration lists (one owner, id 0; see [`configuration`]).
    Configuration,
    /// A movie collection (see [`collection`]).
    Collection,
}

impl OwnerKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OwnerKind::Series => "tv",
            OwnerKind::Season => "season",
            OwnerKind::Episode => "episode",
            OwnerKind::Person => "person",
            OwnerKind::Network => "network",
            OwnerKind::Company => "company",
            OwnerKind::Review => "review",
            OwnerKind::EpisodeGroup => "episode_group",
            OwnerKind::Genre => "genre",
            OwnerKind::Keyword => "keyword",
            OwnerKind::Certification => "certification",
            OwnerKind::Movie => "movie",
            OwnerKind::Configuration => "configuration",
            OwnerKind::Collection => "collection",
        }
    }
}

impl Owner {
    pub fn season(id: i64) -> Owner {
        Owner {
            kind: OwnerKind::Season,
            id,
        }
    }
    pub fn episode(id: i64) -> Owner {
        Owner {
            kind: OwnerKind::Episode,
            id,
        }
    }
    pub fn series(id: i64) -> Owner {
        Owner {
            kind: OwnerKind::Series,
            id,
        }
    }
    pub fn person(id: i64) -> Owner {
        Owner {
            kind: OwnerKind::Person,
            id,
        }
    }
    pub fn movie(id: i64) -> Owner {
        Owner {
            kind: OwnerKind::Movie,
            id,
        }
    }
    pub fn new(kind: OwnerKind, id: i64) -> Owner {
        Owner { kind, id }
    }
}

/// The catalog store: the database threads (see [`db`]) and the engine behind them.
#[derive(Clone)]
pub struct Store {
    engine: Engine,
    threads: std::sync::Arc<db::DbThreads>,
    statements: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("engine", &self.engine)
            .finish()
    }
}

/// How a [`Store`] opens its database.
#[derive(Debug, Clone, Default)]
pub struct StoreOptions {
    /// Database threads (each with one connection); `None` picks a default per engine.
    pub threads: Option<usize>,
    pub open: db::OpenOptions,
}

impl StoreOptions {
    /// The default thread count: one per core on SQLite, whose work is all on this machine's
    /// CPUs (more threads only time-slice the same cores and raise tail latency); two per core,
    /// at least 4, on PostgreSQL, whose threads mostly wait on the server.
    pub fn threads_for(&self, engine: Engine) -> usize {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        self.threads.unwrap_or(match engine {
            Engine::Sqlite => cores.max(2),
            Engine::Postgres => (2 * cores).max(4),
        })
    }
}

/// Turns a `--db` value into a URL: `postgres://...` stays, anything else is a SQLite path.
pub fn database_url(db: &str) -> String {
    if db.starts_with("postgres://") || db.starts_with("postgresql://") || db.starts_with("sqlite:")
    {
        db.to_owned()
    } else {
        format!("sqlite://{db}?mode=rwc")
    }
}

impl Store {
    /// Opens (creating if needed) the database named by `db`: a file path or a `postgres://` URL.
    /// Does not migrate; call [`Store::migrate`].
    pub async fn open(db: &str) -> Result<Store> {
        Store::open_with(db, StoreOptions::default()).await
    }

    /// [`Store::open`] with options.
    pub async fn open_with(db: &str, options: StoreOptions) -> Result<Store> {
        let url = database_url(db);
        let engine = if url.starts_with("sqlite:") {
            Engine::Sqlite
        } else {
            Engine::Postgres
        };
        let n = options.threads_for(engine);
        let statements = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
        let conns = {
            let (url, statements) = (url.clone(), statements.clone());
            tokio::task::spawn_blocking(move || {
                (0..n)
                    .map(|_| db::Db::open(&url, &options.open, statements.clone()))
                    .collect::<Result<Vec<_>>>()
            })
            .await
            .map_err(|e| StoreError::Database(e.to_string()))??
        };
        Ok(Store {
            engine,
            threads: std::sync::Arc::new(db::DbThreads::start(conns)),
            statements,
        })
    }

    /// Runs `f` on one of the database threads: the one hand-off of a request. `f` holds the
    /// connection for as long as it runs, so it should do one request's worth of work.
    pub async fn run<T, E, F>(&self, f: F) -> std::result::Result<T, E>
    where
        F: FnOnce(&mut db::Db) -> std::result::Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
    {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job = Box::new(move |db: &mut db::Db| {
            let _ = tx.send(f(db));
        });
        if !self.threads.submit(job) {
            return Err(StoreError::Closed.into());
        }
        match rx.await {
            Ok(r) => r,
            // The job panicked (the thread caught it) or the threads shut down.
            Err(_) => Err(StoreError::Database("a database job failed".into()).into()),
        }
    }

    /// Runs `f` as one read on a database thread (see [`db::Db::read`]): what a request's
    /// handler does, once per request.
    pub async fn read<T, E, F>(&self, f: F) -> std::result::Result<T, E>
    where
        F: FnOnce(&mut db::Db) -> std::result::Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
    {
        self.run(move |db| db.read(f)).await
    }

    /// How many statements this store has run, all threads together (tests bound it per
    /// operation).
    pub fn statements_run(&self) -> u64 {
        self.statements.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Applies pending migrations.
    pub async fn migrate(&self) -> Result<()> {
        self.run(|db| migrate::run(db).map(|_| ())).await
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// Whether the catalog holds no TV or person entries (the server then loads the demo).
    pub async fn catalog_is_empty(&self) -> Result<bool> {
        self.run(|db| {
            let n: i64 = db.scalar(
                "SELECT (SELECT COUNT(*) FROM tv_series) + (SELECT COUNT(*) FROM tv_episode) + (SELECT COUNT(*) FROM person)",
                &[],
            )?;
            Ok(n == 0)
        })
        .await
    }

    /// The catalog version: it changes whenever a write commits (see migration 0003).
    pub async fn catalog_version(&self) -> Result<i64> {
        self.run(|db| db.scalar("SELECT version FROM catalog_meta WHERE id = 1", &[]))
            .await
    }

    /// Bumps the catalog version, for writers that bypass [`Writer`] (bulk loads).
    pub async fn bump_catalog_version(&self) -> Result<()> {
        self.run(bump_catalog_version).await
    }

    /// Stops the database threads, waiting for queued jobs to finish.
    pub async fn close(&self) {
        let threads = self.threads.clone();
        let _ = tokio::task::spawn_blocking(move || threads.shutdown()).await;
    }
}

/// Bumps the catalog version on `db` (inside the caller's transaction, if any).
pub fn bump_catalog_version(db: &mut db::Db) -> Result<()> {
    db.execute(
        "UPDATE catalog_meta SET version = version + 1 WHERE id = 1",
        &[],
    )?;
    Ok(())
}

/// Ends a seed (the bulk path) on `db`, inside the caller's transaction: recomputes every
/// person's `known_for` ([`known_for::refresh_all`]), then [`mark_seeded`].
pub fn bump_seed_version(db: &mut db::Db) -> Result<()> {
    known_for::refresh_all(db)?;
    mark_seeded(db)
}

/// Bumps the catalog version and the seed version, for a seed that wrote `known_for` itself
/// (`reeldb generate`). A seed writes no change-log items, so search indexes built before it
/// learn from the seed version that they are stale (docs/SEARCH.md).
pub fn mark_seeded(db: &mut db::Db) -> Result<()> {
    db.execute(
        "UPDATE catalog_meta SET version = version + 1, seed_version = seed_version + 1 WHERE id = 1",
        &[],
    )?;
    Ok(())
}

/// A 24-hex-digit object id, the form TMDB uses for credit, change and video ids.
pub fn new_object_id() -> String {
    let bytes: [u8; 12] = rand::random();
    hex::encode(bytes)
}

/// Now, as TMDB writes times in change lists: `2016-08-26 17:04:39 UTC`.
pub fn tmdb_time(t: time::OffsetDateTime) -> String {
    let fmt =
        time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second] UTC");
    t.to_offset(time::UtcOffset::UTC)
        .format(&fmt)
        .unwrap_or_default()
}
