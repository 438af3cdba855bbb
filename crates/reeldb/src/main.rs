//! The `reeldb` command: serve the TMDB v3 API, import data, manage keys and the schema.
#![forbid(unsafe_code)]

mod discover_compare;
mod logging;

use anyhow::Context;
use clap::{Parser, Subcommand};
use reeldb_http::{AppState, HttpConfig};
use reeldb_store::Store;
use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc: a request allocates many small strings (rows, JSON) and frees them together;
/// glibc's malloc spent about a fifth of an uncached read in `_int_malloc`, `_int_free` and
/// `malloc_consolidate` (docs/READ-PATH.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "reeldb", version, about = "A self-hostable TMDB v3 API server")]
struct Cli {
    /// Log format: text or json.
    #[arg(long, env = "REELDB_LOG_FORMAT", default_value = "text", global = true)]
    log_format: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone)]
struct DbArg {
    /// The catalog: an SQLite file path, or a postgres:// URL.
    #[arg(long, env = "REELDB_DB", default_value = "./reeldb.db")]
    db: String,
    /// Database threads, each with one connection (default: one per core on SQLite, at least
    /// 2; two per core on PostgreSQL, at least 4).
    #[arg(long, env = "REELDB_DB_THREADS")]
    db_threads: Option<usize>,
    /// SQLite: MiB of the file each connection reads through a memory mapping (0 = off). Each
    /// connection maps on its own, so resident memory can reach threads x this; a mapping as
    /// large as the catalog is fastest (docs/READ-PATH.md).
    #[arg(long, env = "REELDB_SQLITE_MMAP_MB", default_value_t = 512)]
    sqlite_mmap_mb: u64,
    /// SQLite: MiB of decoded pages each connection keeps in memory.
    #[arg(long, env = "REELDB_SQLITE_CACHE_MB", default_value_t = 64)]
    sqlite_cache_mb: u64,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API. On an empty catalog, loads the demo catalog first.
    Serve {
        #[command(flatten)]
        db: DbArg,
        /// Address to listen on (port 0 picks a free port).
        #[arg(long, env = "REELDB_LISTEN", default_value = "127.0.0.1:8080")]
        listen: String,
        /// Do not load the demo catalog into an empty database.
        #[arg(long, env = "REELDB_NO_DEMO")]
        no_demo: bool,
        /// Serve without API keys (open to anyone who can reach the port).
        #[arg(long, env = "REELDB_NO_AUTH")]
        no_auth: bool,
        /// `Cache-Control: max-age` of successful reads, in seconds.
        #[arg(long, env = "REELDB_CACHE_MAX_AGE", default_value_t = 28800)]
        cache_max_age: u32,
        /// Memory for finished responses, in MiB (0 turns the response cache off).
        #[arg(long, env = "REELDB_RESPONSE_CACHE_MB", default_value_t = 256)]
        response_cache_mb: u64,
        /// `images.base_url` of `/3/configuration` (the image server clients use).
        #[arg(long, env = "REELDB_IMAGE_BASE_URL", default_value = reeldb_http::TMDB_IMAGE_BASE_URL)]
        image_base_url: String,
        /// `images.secure_base_url` of `/3/configuration`; without it, the https twin of
        /// `--image-base-url`.
        #[arg(long, env = "REELDB_IMAGE_SECURE_BASE_URL")]
        image_secure_base_url: Option<String>,
        /// The search index's directory (docs/SEARCH.md). Default: `<catalog file>.search`
        /// beside an SQLite catalog; `./reeldb-postgres.search` for PostgreSQL (one per node).
        #[arg(long, env = "REELDB_SEARCH_DIR")]
        search_dir: Option<std::path::PathBuf>,
    },
    /// Import data into the catalog.
    Import {
        #[command(subcommand)]
        source: ImportSource,
    },
    /// Manage API keys.
    Key {
        #[command(subcommand)]
        action: KeyAction,
    },
    /// Time discover requests on SQL and on the search index, and check they agree
    /// (docs/DISCOVER.md). Builds or catches up the index first.
    DiscoverCompare {
        #[command(flatten)]
        db: DbArg,
        /// The search index's directory (default as `serve`'s).
        #[arg(long, env = "REELDB_SEARCH_DIR")]
        search_dir: Option<std::path::PathBuf>,
        /// Timed runs of each request (after one warm-up).
        #[arg(long, default_value_t = 20)]
        runs: usize,
        /// A file of requests, one a line (`movie?with_genres=18&sort_by=vote_count.desc`).
        #[arg(long)]
        requests: Option<PathBuf>,
        /// Requests (as in `--requests`); without any, a built-in set.
        request: Vec<String>,
    },
    /// Create or upgrade the database schema.
    Migrate {
        #[command(flatten)]
        db: DbArg,
    },
    /// Fill an empty catalog with a deterministic synthetic TMDB-like catalog (TV series, movies
    /// and people).
    Generate {
        #[command(flatten)]
        db: DbArg,
        /// tiny (a few hundred rows), small (about 1% of TMDB) or tmdb (TMDB's size).
        #[arg(long, default_value = "small")]
        scale: reeldb_generate::Scale,
        /// The same seed gives the same catalog.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Also write the catalog as import records (gzipped JSON lines) to this file.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum ImportSource {
    /// TMDB-shaped JSON: records `{"request": "/3/...", "response": {...}}`, as one object, an
    /// array, or JSON lines; optionally gzipped.
    Tmdb {
        #[command(flatten)]
        db: DbArg,
        /// Files to import.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Subcommand)]
enum KeyAction {
    /// Create an API key; it is printed alone on the last line.
    Create {
        #[command(flatten)]
        db: DbArg,
    },
}

async fn open(db: &DbArg) -> anyhow::Result<Store> {
    let options = reeldb_store::StoreOptions {
        threads: db.db_threads.filter(|n| *n > 0),
        open: reeldb_store::db::OpenOptions {
            sqlite_mmap_bytes: db.sqlite_mmap_mb * 1024 * 1024,
            sqlite_cache_bytes: db.sqlite_cache_mb * 1024 * 1024,
        },
    };
    let store = Store::open_with(&db.db, options)
        .await
        .with_context(|| format!("opening {}", db.db))?;
    store.migrate().await.context("migrating the schema")?;
    Ok(store)
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let _log_guard = logging::init(&cli.log_format);
    match run(cli.command).await {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Serve {
            db,
            listen,
            no_demo,
            no_auth,
            cache_max_age,
            response_cache_mb,
            image_base_url,
            image_secure_base_url,
            search_dir,
        } => {
            let config = HttpConfig {
                auth_required: !no_auth,
                cache_max_age,
                response_cache_bytes: response_cache_mb * 1024 * 1024,
                image_secure_base_url: image_secure_base_url
                    .unwrap_or_else(|| reeldb_http::derive_secure_base_url(&image_base_url)),
                image_base_url,
                ..HttpConfig::default()
            };
            serve(db, listen, no_demo, config, search_dir).await
        }
        Command::Import {
            source: ImportSource::Tmdb { db, files },
        } => import_tmdb(db, files).await,
        Command::Key {
            action: KeyAction::Create { db },
        } => {
            let store = open(&db).await?;
            let key = store.create_api_key().await?;
            println!("{key}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Generate {
            db,
            scale,
            seed,
            out,
        } => {
            let store = open(&db).await?;
            let options = reeldb_generate::Options { scale, seed, out };
            let bar = reeldb_generate::Bar::new();
            let summary = reeldb_generate::generate(&store, &options, bar).await?;
            println!("{summary}");
            store.close().await;
            Ok(ExitCode::SUCCESS)
        }
        Command::DiscoverCompare {
            db,
            search_dir,
            runs,
            requests,
            request,
        } => {
            let store = open(&db).await?;
            let dir = search_dir.unwrap_or_else(|| default_search_dir(&db.db));
            let (index, prepared) =
                reeldb_search::updater::prepare(Some(dir.clone()), &store, true).await?;
            println!(
                "search index {}: {} ({} documents, {:.1} s)",
                dir.display(),
                if prepared.rebuilt { "built" } else { "current" },
                prepared.documents,
                prepared.took.as_secs_f64()
            );
            let mut lines = request;
            if let Some(path) = requests {
                let text = std::fs::read_to_string(&path)
                    .with_context(|| format!("reading {}", path.display()))?;
                lines.extend(
                    text.lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty() && !l.starts_with('#'))
                        .map(str::to_owned),
                );
            }
            if lines.is_empty() {
                lines = discover_compare::DEFAULT_REQUESTS
                    .iter()
                    .map(|s| (*s).to_owned())
                    .collect();
            }
            let same = discover_compare::run(&store, index, lines, runs).await?;
            store.close().await;
            Ok(if same {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Command::Migrate { db } => {
            open(&db).await?;
            println!("schema is up to date");
            Ok(ExitCode::SUCCESS)
        }
    }
}

async fn serve(
    db: DbArg,
    listen: String,
    no_demo: bool,
    config: HttpConfig,
    search_dir: Option<std::path::PathBuf>,
) -> anyhow::Result<ExitCode> {
    let no_auth = !config.auth_required;
    let store = open(&db).await?;
    if !no_demo && store.catalog_is_empty().await? {
        let started = std::time::Instant::now();
        let loaded = reeldb_import::demo::load(&store)
            .await
            .context("loading the demo catalog")?;
        tracing::info!(
            records = loaded.records,
            films = loaded.films.movies,
            people = loaded.films.people,
            companies = loaded.films.companies,
            ms = started.elapsed().as_millis() as u64,
            examples_ms = loaded.examples_took.as_millis() as u64,
            films_ms = loaded.films_took.as_millis() as u64,
            "loaded the demo catalog"
        );
    }
    let key = if !no_auth && store.api_key_count().await? == 0 {
        Some(store.create_api_key().await?)
    } else {
        None
    };
    let search_dir = search_dir.unwrap_or_else(|| default_search_dir(&db.db));
    // The index is prepared (opened, and built when missing or stale) while the server already
    // answers: search requests wait for it, every other route does not.
    let (search, ready) = reeldb_http::SearchHandle::pending();
    let search_task = tokio::spawn(prepare_search(search_dir, store.clone(), ready));
    let listener = tokio::net::TcpListener::bind(&listen)
        .await
        .with_context(|| format!("listening on {listen}"))?;
    let addr = listener.local_addr()?;
    let state = AppState::with_search_handle(store.clone(), config, Some(search));
    println!("reeldb is serving the TMDB v3 API on http://{addr}");
    let auth = match (&key, no_auth) {
        (_, true) => String::new(),
        (Some(k), false) => {
            println!("API key: {k}");
            format!("?api_key={k}")
        }
        (None, false) => {
            println!(
                "API keys exist already; create another with `reeldb key create --db {}`",
                db.db
            );
            "?api_key=YOUR_KEY".to_owned()
        }
    };
    println!("try: curl \"http://{addr}/3/tv/93405/season/2/episode/1/credits{auth}\"");
    let app = reeldb_http::app(state);
    axum::serve(
        listener,
        axum::ServiceExt::<axum::extract::Request>::into_make_service(app),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    search_task.abort();
    store.close().await;
    tracing::info!("stopped");
    Ok(ExitCode::SUCCESS)
}

/// Prepares the search index in `dir` (rebuilding it when missing, stale or corrupt), hands it
/// to the routes through `ready`, then keeps it current from the change log until the store
/// closes or the task is aborted. A failure is logged and leaves the search routes answering
/// 503/9.
async fn prepare_search(
    dir: std::path::PathBuf,
    store: reeldb_store::Store,
    ready: reeldb_http::SearchReady,
) {
    let prepared = reeldb_search::updater::prepare(
        Some(dir.clone()),
        &store,
        std::io::IsTerminal::is_terminal(&std::io::stderr()),
    )
    .await;
    let (index, prepared) = match prepared {
        Ok(p) => p,
        Err(e) => {
            tracing::error!(dir = %dir.display(), error = %e, "preparing the search index failed; search answers 503");
            ready.set(None);
            return;
        }
    };
    tracing::info!(
        dir = %dir.display(),
        opened = ?prepared.opened,
        rebuilt = prepared.rebuilt,
        documents = prepared.documents,
        ms = prepared.took.as_millis() as u64,
        "search index ready"
    );
    ready.set(Some(index.clone()));
    reeldb_search::updater::run(index, store, reeldb_search::updater::POLL_EVERY).await;
}

/// The search index's default directory: `<file>.search` beside an SQLite catalog, or
/// `./reeldb-postgres.search` (in the working directory: one per node) for PostgreSQL.
fn default_search_dir(db: &str) -> std::path::PathBuf {
    let url = reeldb_store::database_url(db);
    match url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
    {
        Some(rest) => {
            let file = rest.split('?').next().unwrap_or(rest);
            reeldb_search::sqlite_index_dir(std::path::Path::new(file))
        }
        None => std::path::PathBuf::from("./reeldb-postgres.search"),
    }
}

/// Resolves on SIGTERM or Ctrl-C. The handlers are registered here, before serving starts:
/// registered lazily (when axum first polls the future, in a task of its own), a SIGTERM sent
/// right after the first responses could find none and kill the process without a graceful
/// shutdown (seen as a flaky CLI test under load).
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    let (mut term, mut int) = {
        use tokio::signal::unix::{SignalKind, signal};
        (
            signal(SignalKind::terminate()).ok(),
            signal(SignalKind::interrupt()).ok(),
        )
    };
    async move {
        #[cfg(unix)]
        {
            let term = async {
                match term.as_mut() {
                    Some(s) => {
                        s.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            let int = async {
                match int.as_mut() {
                    Some(s) => {
                        s.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! { _ = term => {}, _ = int => {} }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
        tracing::info!("shutting down");
    }
}

struct Bar(indicatif::ProgressBar);

impl reeldb_import::file::Progress for Bar {
    fn record_done(&self, bytes_read: u64) {
        self.0.set_position(bytes_read);
    }
}

async fn import_tmdb(db: DbArg, files: Vec<PathBuf>) -> anyhow::Result<ExitCode> {
    let store = open(&db).await?;
    let mut failed = 0usize;
    let mut dropped = reeldb_import::Dropped::default();
    for path in files {
        let bar = indicatif::ProgressBar::new(reeldb_import::file::file_len(&path));
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{msg} [{bar:30}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta})",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar.set_message(path.display().to_string());
        let summary = reeldb_import::file::import_file(&store, &path, &Bar(bar.clone()))
            .await
            .with_context(|| format!("reading {}", path.display()))?;
        bar.finish_and_clear();
        for f in &summary.failures {
            eprintln!("rejected {f}");
        }
        failed += summary.failures.len();
        dropped.merge(&summary.dropped);
        println!(
            "{}: {} records imported, {} rejected, {} changes recorded",
            path.display(),
            summary.imported,
            summary.failures.len(),
            summary.changes
        );
    }
    // Fields of the responses that reeldb does not model: nothing is dropped silently.
    print!("{dropped}");
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
