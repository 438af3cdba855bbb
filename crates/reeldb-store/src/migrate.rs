//! Schema migrations: the portable SQL files under `migrations/`, applied in order, each in its
//! own transaction, and recorded in `reeldb_migration`.
//!
//! Databases made before reeldb had its own runner recorded their migrations in sqlx's
//! `_sqlx_migrations`; those versions are carried over once, so such a database is not migrated
//! twice.

use crate::db::Db;
use crate::{Engine, Result, StoreError};

/// The SQL of one migration: portable, or for one engine only (the other records the version
/// with nothing to do). Engine-specific migrations are where the dialects truly differ.
#[derive(Debug, Clone, Copy)]
pub enum MigrationSql {
    Both(&'static str),
    SqliteOnly(&'static str),
}

impl MigrationSql {
    fn for_engine(self, engine: Engine) -> Option<&'static str> {
        match (self, engine) {
            (MigrationSql::Both(sql), _) | (MigrationSql::SqliteOnly(sql), Engine::Sqlite) => {
                Some(sql)
            }
            (MigrationSql::SqliteOnly(_), Engine::Postgres) => None,
        }
    }
}

use MigrationSql::{Both, SqliteOnly};

/// `(version, description, sql)` of every migration, in order.
pub const MIGRATIONS: &[(i64, &str, MigrationSql)] = &[
    (
        1,
        "catalog",
        Both(include_str!("../migrations/0001_catalog.sql")),
    ),
    (
        2,
        "primary text",
        Both(include_str!("../migrations/0002_primary_text.sql")),
    ),
    (
        3,
        "catalog version",
        Both(include_str!("../migrations/0003_catalog_version.sql")),
    ),
    (
        4,
        "change log seq",
        Both(include_str!("../migrations/0004_change_log_seq.sql")),
    ),
    (
        5,
        "clustered tables",
        SqliteOnly(include_str!(
            "../migrations/0005_clustered_tables.sqlite.sql"
        )),
    ),
    (
        6,
        "series summary",
        Both(include_str!("../migrations/0006_series_summary.sql")),
    ),
    (
        7,
        "series details",
        Both(include_str!("../migrations/0007_series_details.sql")),
    ),
    (
        8,
        "series extras",
        Both(include_str!("../migrations/0008_series_extras.sql")),
    ),
    (
        9,
        "people",
        Both(include_str!("../migrations/0009_people.sql")),
    ),
    (
        10,
        "network review",
        Both(include_str!("../migrations/0010_network_review.sql")),
    ),
    (
        11,
        "tv lists",
        Both(include_str!("../migrations/0011_tv_lists.sql")),
    ),
    (
        12,
        "image region",
        Both(include_str!("../migrations/0012_image_region.sql")),
    ),
    (
        13,
        "catalog wide",
        Both(include_str!("../migrations/0013_catalog_wide.sql")),
    ),
    (
        14,
        "movies",
        Both(include_str!("../migrations/0014_movies.sql")),
    ),
    (
        15,
        "movie lists",
        Both(include_str!("../migrations/0015_movie_lists.sql")),
    ),
    (
        16,
        "collections companies keywords",
        Both(include_str!(
            "../migrations/0016_collections_companies_keywords.sql"
        )),
    ),
    (
        17,
        "find trending",
        Both(include_str!("../migrations/0017_find_trending.sql")),
    ),
    (
        18,
        "discover",
        Both(include_str!("../migrations/0018_discover.sql")),
    ),
    (
        19,
        "search seed version",
        Both(include_str!("../migrations/0019_search_seed_version.sql")),
    ),
    (
        20,
        "known for",
        Both(include_str!("../migrations/0020_known_for.sql")),
    ),
    (
        21,
        "credit person fields",
        Both(include_str!("../migrations/0021_credit_person.sql")),
    ),
];

/// The migration that adds the `known_for` table, which is filled from the credits it finds.
const KNOWN_FOR_MIGRATION: i64 = 20;
/// The migration that adds the person's fields to `credit`, filled from `person`.
const CREDIT_PERSON_MIGRATION: i64 = 21;

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
            if let Some(sql) = sql.for_engine(db.engine()) {
                db.batch(sql).map_err(|e| {
                    StoreError::Invalid(format!("migration {version} ({description}): {e}"))
                })?;
            }
            if *version == KNOWN_FOR_MIGRATION {
                crate::known_for::refresh_all(db)?;
            }
            if *version == CREDIT_PERSON_MIGRATION {
                crate::credit::refresh_people(db, None)?;
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::OpenOptions;

    /// A catalog made before migration 5 keeps its rows when its tables become clustered.
    #[test]
    fn clustering_keeps_existing_rows() {
        let mut db = Db::open(
            "sqlite://:memory:",
            &OpenOptions::default(),
            Default::default(),
        )
        .unwrap();
        db.batch(
            "CREATE TABLE reeldb_migration (version BIGINT PRIMARY KEY, description TEXT NOT NULL)",
        )
        .unwrap();
        for (version, description, sql) in &MIGRATIONS[..4] {
            db.batch(sql.for_engine(Engine::Sqlite).unwrap()).unwrap();
            db.execute(
                "INSERT INTO reeldb_migration (version, description) VALUES ($1, $2)",
                &[version, description],
            )
            .unwrap();
        }
        db.batch(
            "INSERT INTO person (id, name) VALUES (1, 'A');
             INSERT INTO tv_episode (id, series_id, season_number, episode_number, name) VALUES (9, 1, 1, 1, 'Pilot');
             INSERT INTO credit (owner_type, owner_id, kind, credit_id, person_id, position) VALUES ('episode', 9, 'guest', 'c1', 1, 0);",
        )
        .unwrap();
        // Migration 5 and every later one run.
        assert_eq!(run(&mut db).unwrap(), MIGRATIONS.len() - 4);
        let row: (i64, String) = db
            .query_one(
                "SELECT e.id, p.name FROM tv_episode e JOIN credit c ON c.owner_id = e.id JOIN person p ON p.id = c.person_id",
                &[],
            )
            .unwrap();
        assert_eq!(row, (9, "A".to_owned()));
        // Migration 21 copied the person's name onto their credit row.
        let kept: Option<String> = db
            .scalar("SELECT person_name FROM credit WHERE credit_id = 'c1'", &[])
            .unwrap();
        assert_eq!(kept.as_deref(), Some("A"));
        let clustered: i64 = db
            .scalar(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND sql LIKE '%WITHOUT ROWID'",
                &[],
            )
            .unwrap();
        assert_eq!(clustered, 14);
        // The episode's TMDB id is still unique.
        assert!(
            db.execute(
                "INSERT INTO tv_episode (id, series_id, season_number, episode_number) VALUES (9, 1, 1, 2)",
                &[]
            )
            .is_err()
        );
        assert_eq!(run(&mut db).unwrap(), 0);
    }
}
