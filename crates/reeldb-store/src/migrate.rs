//! Schema migrations: the portable SQL files under `migrations/`, applied in order, each in its
//! own transaction, and recorded in `reeldb_migration`.
//!
//! Databases made before reeldb had its own runner recorded their migrations in sqlx's
//! `_sqlx_migrations`; those versions are carried over once, so such a database is not migrated
//! twice.

use crate::db::Db;
use crate::{Engine, Result, StoreError};

/// `(version, description, sql)` of every migration, in order.
pub const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, "catalog", include_str!("../migrations/0001_catalog.sql")),
    (
        2,
        "primary text",
        include_str!("../migrations/0002_primary_text.sql"),
    ),
    (
        3,
        "catalog version",
        include_str!("../migrations/0003_catalog_version.sql"),
    ),
    (
        4,
        "change log seq",
        include_str!("../migrations/0004_change_log_seq.sql"),
    ),
];

fn table_exists(db: &mut Db, name: &str) -> Result<bool> {
    let sql = match db.engine() {
        Engine::Sqlite => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $1",
        Engine::Postgres => {
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1"
        }
    };
    Ok(db.scalar::<i64>(sql, &[&name])? > 0)
}

/// Applies the migrations `db` has not seen yet; returns how many ran.
pub fn run(db: &mut Db) -> Result<usize> {
    db.transaction(|db| -> Result<()> {
        if db.engine() == Engine::Postgres {
            // Nodes starting together migrate one at a time.
            db.scalar::<SqlUnit>("SELECT pg_advisory_xact_lock(72617)::text", &[])?;
        }
        if !table_exists(db, "reeldb_migration")? {
            db.batch(
                "CREATE TABLE reeldb_migration (version BIGINT PRIMARY KEY, description TEXT NOT NULL)",
            )?;
            if table_exists(db, "_sqlx_migrations")? {
                db.execute(
                    "INSERT INTO reeldb_migration (version, description)
                     SELECT version, description FROM _sqlx_migrations WHERE success",
                    &[],
                )?;
            }
        }
        Ok(())
    })?;
    let mut ran = 0;
    for (version, description, sql) in MIGRATIONS {
        let applied = db.transaction(|db| -> Result<bool> {
            if db.engine() == Engine::Postgres {
                db.scalar::<SqlUnit>("SELECT pg_advisory_xact_lock(72617)::text", &[])?;
            }
            let seen: i64 = db.scalar(
                "SELECT COUNT(*) FROM reeldb_migration WHERE version = $1",
                &[version],
            )?;
            if seen > 0 {
                return Ok(false);
            }
            db.batch(sql).map_err(|e| {
                StoreError::Invalid(format!("migration {version} ({description}): {e}"))
            })?;
            db.execute(
                "INSERT INTO reeldb_migration (version, description) VALUES ($1, $2)",
                &[version, description],
            )?;
            Ok(true)
        })?;
        ran += usize::from(applied);
    }
    Ok(ran)
}

/// A column read and thrown away.
struct SqlUnit;

impl crate::db::FromSqlValue for SqlUnit {
    fn from_sql_value(_: crate::db::SqlValue) -> Result<Self> {
        Ok(SqlUnit)
    }
}
