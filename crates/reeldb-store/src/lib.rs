//! reeldb's catalog store.
//!
//! One [`Store`] serves both engines through sqlx's `Any` driver: the SQL is portable and the
//! migrations under `migrations/` run unchanged on SQLite (the embedded default, one file in WAL
//! mode) and PostgreSQL. Modules:
//! - [`write`]: [`Writer`], a transaction that applies catalog facts and records each change.
//! - [`read`]: queries that build TMDB wire types from rows.
//! - [`keys`]: API keys.
//! - [`languages`]: ISO-639-1 names used by `/translations`.
#![forbid(unsafe_code)]

pub mod keys;
pub mod languages;
pub mod read;
pub mod testing;
pub mod write;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};
use std::str::FromStr;
use std::time::Duration;

pub use write::Writer;

/// Errors of the store. Callers map `NotFound` to TMDB's 34 and everything else to 11.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("invalid data: {0}")]
    Invalid(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
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
}

impl OwnerKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OwnerKind::Series => "tv",
            OwnerKind::Season => "season",
            OwnerKind::Episode => "episode",
            OwnerKind::Person => "person",
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
}

/// The catalog store: a connection pool and the engine behind it.
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    engine: Engine,
}

/// Turns a `--db` value into a sqlx URL: `postgres://...` stays, anything else is a SQLite path.
pub fn database_url(db: &str) -> String {
    if db.starts_with("postgres://") || db.starts_with("postgresql://") || db.starts_with("sqlite:")
    {
        db.to_owned()
    } else {
        format!("sqlite://{db}?mode=rwc")
    }
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

impl Store {
    /// Opens (creating if needed) the database named by `db`: a file path or a `postgres://` URL.
    /// Does not migrate; call [`Store::migrate`].
    pub async fn open(db: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let url = database_url(db);
        let engine = if url.starts_with("sqlite:") {
            Engine::Sqlite
        } else {
            Engine::Postgres
        };
        let opts = AnyConnectOptions::from_str(&url)?;
        let pool_opts = AnyPoolOptions::new()
            .acquire_timeout(Duration::from_secs(30))
            .max_connections(match engine {
                Engine::Sqlite => 8,
                Engine::Postgres => 16,
            })
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if engine == Engine::Sqlite {
                        // WAL lets readers run beside the writer; FULL sync makes an acknowledged
                        // write survive a power cut, not only a process crash.
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA synchronous = FULL").await?;
                        conn.execute("PRAGMA busy_timeout = 10000").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                    }
                    Ok(())
                })
            });
        let pool = pool_opts.connect_with(opts).await?;
        Ok(Store { pool, engine })
    }

    /// Applies pending migrations.
    pub async fn migrate(&self) -> Result<()> {
        MIGRATOR.run(&self.pool).await?;
        Ok(())
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Whether the catalog holds no TV or person entries (the server then loads the demo).
    pub async fn catalog_is_empty(&self) -> Result<bool> {
        let n: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM tv_series) + (SELECT COUNT(*) FROM tv_episode) + (SELECT COUNT(*) FROM person)",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(n == 0)
    }

    /// The catalog version: it changes whenever a write commits (see migration 0003).
    pub async fn catalog_version(&self) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT version FROM catalog_meta WHERE id = 1")
                .fetch_one(&self.pool)
                .await?,
        )
    }

    /// Bumps the catalog version, for writers that bypass [`Writer`] (bulk loads).
    pub async fn bump_catalog_version(&self) -> Result<()> {
        sqlx::query("UPDATE catalog_meta SET version = version + 1 WHERE id = 1")
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Starts a write transaction.
    pub async fn writer(&self) -> Result<Writer> {
        Writer::begin(&self.pool).await
    }

    /// Closes the pool, waiting for connections to return.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Binding a nullable float portably.
///
/// sqlx 0.8.6's `Any` driver declares a NULL `f64` to PostgreSQL as `float4` (and a NULL `f32`
/// as `float8`). A statement first prepared with a NULL float keeps that declaration in the
/// connection's statement cache, and a later non-NULL `f64` then fails with "incorrect binary
/// data format". A NULL is therefore bound as `Option<f32>`, which arrives as a `float8` NULL.
pub trait BindFloat {
    fn bind_f64(self, v: Option<f64>) -> Self;
}

impl<'q> BindFloat for sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    fn bind_f64(self, v: Option<f64>) -> Self {
        match v {
            Some(x) => self.bind(x),
            None => self.bind(None::<f32>),
        }
    }
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
