//! Test databases: a fresh SQLite file, or a fresh PostgreSQL database when
//! `REELDB_TEST_POSTGRES_URL` names a server. Used by every crate's tests so the same story
//! runs on both engines.

use crate::{Result, Store};
use std::str::FromStr;

/// The env var naming a PostgreSQL database tests may create siblings of.
pub const POSTGRES_ENV: &str = "REELDB_TEST_POSTGRES_URL";

/// An engine a test can run on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestEngine {
    Sqlite,
    Postgres,
}

/// The engines to test: SQLite always, PostgreSQL when configured. Prints once per call when
/// PostgreSQL is skipped, so a run says so.
pub fn engines() -> Vec<TestEngine> {
    match std::env::var(POSTGRES_ENV) {
        Ok(url) if !url.is_empty() => vec![TestEngine::Sqlite, TestEngine::Postgres],
        _ => {
            eprintln!("PostgreSQL tests skipped: {POSTGRES_ENV} is not set");
            vec![TestEngine::Sqlite]
        }
    }
}

/// A migrated, empty store that cleans up after itself (call [`TestDb::cleanup`]).
pub struct TestDb {
    pub store: Store,
    pub engine: TestEngine,
    /// The `--db` value, for tests that start the binary.
    pub db: String,
    _dir: Option<TempDir>,
    pg: Option<(String, String)>,
}

/// A temporary directory removed on drop (kept tiny to avoid a dependency in the library).
struct TempDir(std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl TestDb {
    pub async fn new(engine: TestEngine) -> Result<TestDb> {
        match engine {
            TestEngine::Sqlite => {
                let dir =
                    std::env::temp_dir().join(format!("reeldb-test-{}", crate::new_object_id()));
                std::fs::create_dir_all(&dir)
                    .map_err(|e| crate::StoreError::Invalid(e.to_string()))?;
                let db = dir.join("catalog.db").display().to_string();
                let store = Store::open(&db).await?;
                store.migrate().await?;
                Ok(TestDb {
                    store,
                    engine,
                    db,
                    _dir: Some(TempDir(dir)),
                    pg: None,
                })
            }
            TestEngine::Postgres => {
                let admin = std::env::var(POSTGRES_ENV)
                    .map_err(|_| crate::StoreError::Invalid(format!("{POSTGRES_ENV} unset")))?;
                let name = format!("reeldb_t_{}", crate::new_object_id());
                admin_execute(&admin, format!("CREATE DATABASE {name}")).await?;
                let db = url_with_db(&admin, &name)?;
                let store = Store::open(&db).await?;
                store.migrate().await?;
                Ok(TestDb {
                    store,
                    engine,
                    db,
                    _dir: None,
                    pg: Some((admin, name)),
                })
            }
        }
    }

    /// Closes the store and drops a PostgreSQL test database.
    pub async fn cleanup(self) {
        self.store.close().await;
        if let Some((admin, name)) = &self.pg {
            let _ = admin_execute(
                admin,
                format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
            )
            .await;
        }
    }
}

/// Runs one statement on the admin database (outside any transaction, as `CREATE DATABASE`
/// needs).
async fn admin_execute(admin: &str, sql: String) -> Result<()> {
    let admin = admin.to_owned();
    tokio::task::spawn_blocking(move || {
        let mut client = postgres::Client::connect(&admin, postgres::NoTls)
            .map_err(|e| crate::StoreError::Database(e.to_string()))?;
        client
            .batch_execute(&sql)
            .map_err(|e| crate::StoreError::Database(e.to_string()))
    })
    .await
    .map_err(|e| crate::StoreError::Database(e.to_string()))?
}

fn url_with_db(admin: &str, name: &str) -> Result<String> {
    // postgres://user@host:port/db?params -> same with /name
    // Validate first, so a bad URL fails here with the driver's message.
    postgres::Config::from_str(admin).map_err(|e| crate::StoreError::Invalid(e.to_string()))?;
    let (base, query) = admin
        .split_once('?')
        .map_or((admin, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let path_start = base[scheme_end..].find('/').map(|i| i + scheme_end);
    let host_part = match path_start {
        Some(i) => &base[..i],
        None => base,
    };
    Ok(match query {
        Some(q) => format!("{host_part}/{name}?{q}"),
        None => format!("{host_part}/{name}"),
    })
}

/// Credit rows whose kept person fields (migration 21) differ from their person's row (NULL
/// when the person has no row); zero when the writers keep them, as they must.
pub fn credit_person_drift(db: &mut crate::db::Db) -> Result<i64> {
    let same = crate::credit::same_person_fields("p", "c");
    db.scalar(
        &format!(
            "SELECT COUNT(*) FROM credit c LEFT JOIN person p ON p.id = c.person_id WHERE NOT ({same})"
        ),
        &[],
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn replaces_the_database_name() {
        assert_eq!(
            super::url_with_db("postgres://postgres@127.0.0.1:5432/test", "x").unwrap(),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(
            super::url_with_db("postgres://u@h/test?sslmode=disable", "x").unwrap(),
            "postgres://u@h/x?sslmode=disable"
        );
    }
}
