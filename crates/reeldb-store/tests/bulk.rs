//! The bulk seed path on every engine: rows written across statement boundaries read back,
//! secondary indexes come back after the load, a failed seed keeps nothing, and local ids are
//! allocated from the reserved range.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use reeldb_store::StoreError;
use reeldb_store::bulk::{SeedCredit, SeedMovie, secondary_indexes, seed};
use reeldb_store::local_ids::{LOCAL_ID_MIN, LocalKind, local_credit_id};
use reeldb_store::testing::{TestDb, engines};

const TABLES: &[&str] = &["credit", "person", "movie", "external_id"];

fn movie(id: i64, title: &str) -> SeedMovie<'_> {
    SeedMovie {
        id,
        title,
        original_title: Some(title),
        original_language: Some("en"),
        text_language: "en",
        release_date: Some("1999-03-31"),
        runtime: Some(136),
        revenue: None,
    }
}

#[tokio::test]
async fn a_seed_writes_every_row_and_keeps_the_indexes() {
    for engine in engines() {
        let db = TestDb::new(engine).await.unwrap();
        let (before, counts, after, next) = db
            .store
            .run(|db| {
                let before = secondary_indexes(db, TABLES)?;
                // A person the catalog held before the seed, credited by it.
                db.execute(
                    "INSERT INTO person (id, name, popularity) VALUES (42, 'Before', 3.5)",
                    &[],
                )?;
                // 5,000 people: more than one statement's worth (30,000 parameters / 7).
                let ((), rows) = seed(db, |b| {
                    for n in 0..5_000 {
                        b.person(LOCAL_ID_MIN + n, &format!("Person {n}"), "Acting")?;
                    }
                    b.movie(&movie(LOCAL_ID_MIN, "The Matrix"), Some("tt0133093"))?;
                    b.movie_credit(SeedCredit {
                        movie_id: LOCAL_ID_MIN,
                        kind: "crew",
                        credit_id: local_credit_id(LOCAL_ID_MIN, 0),
                        person_id: LOCAL_ID_MIN + 7,
                        department: Some("Directing"),
                        job: Some("Director"),
                        order: None,
                        position: 0,
                    })?;
                    b.movie_credit(SeedCredit {
                        movie_id: LOCAL_ID_MIN,
                        kind: "cast",
                        credit_id: local_credit_id(LOCAL_ID_MIN, 1),
                        person_id: 42,
                        department: None,
                        job: None,
                        order: Some(0),
                        position: 0,
                    })
                })?;
                assert_eq!(rows, 5_004);
                let counts: (i64, i64, Option<i64>) = db.query_one(
                    "SELECT (SELECT COUNT(*) FROM person), (SELECT COUNT(*) FROM credit),
                            (SELECT MIN(owner_id) FROM external_id WHERE value = 'tt0133093')",
                    &[],
                )?;
                let after = secondary_indexes(db, TABLES)?;
                let next = (
                    db.next_local_id(LocalKind::Person)?,
                    db.next_local_id(LocalKind::Company)?,
                );
                Ok::<_, StoreError>((before, counts, after, next))
            })
            .await
            .unwrap();
        assert_eq!(counts, (5_001, 2, Some(LOCAL_ID_MIN)), "{engine:?}");
        // The credit rows keep their person's fields, whether the seed wrote the person or not.
        let (names, drift) = db
            .store
            .run(|db| {
                let names: Vec<(Option<String>,)> =
                    db.query("SELECT person_name FROM credit ORDER BY kind", &[])?;
                Ok::<_, StoreError>((names, reeldb_store::testing::credit_person_drift(db)?))
            })
            .await
            .unwrap();
        let names: Vec<Option<&str>> = names.iter().map(|(n,)| n.as_deref()).collect();
        assert_eq!(
            (names, drift),
            (vec![Some("Before"), Some("Person 7")], 0),
            "{engine:?}"
        );
        assert!(!before.is_empty());
        assert_eq!(before, after, "indexes rebuilt as the schema defines them");
        assert_eq!(next, (Some(LOCAL_ID_MIN + 5_000), Some(LOCAL_ID_MIN)));
        // The movie reads back through the ordinary reads.
        let title = db
            .store
            .run(|db| {
                let lang = "en-US".parse().unwrap();
                db.movie_details(LOCAL_ID_MIN, &lang)
            })
            .await
            .unwrap()
            .unwrap()
            .title;
        assert_eq!(title.as_deref(), Some("The Matrix"));
        db.cleanup().await;
    }
}

#[tokio::test]
async fn a_failed_seed_keeps_nothing() {
    for engine in engines() {
        let db = TestDb::new(engine).await.unwrap();
        let (result, people, indexes) = db
            .store
            .run(|db| {
                let before = secondary_indexes(db, TABLES)?;
                let result = seed(db, |b| {
                    for n in 0..5_000 {
                        b.person(LOCAL_ID_MIN + n, "Someone", "Acting")?;
                    }
                    Err::<(), _>(StoreError::Invalid("stop".into()))
                });
                let people: i64 = db.scalar("SELECT COUNT(*) FROM person", &[])?;
                let same = secondary_indexes(db, TABLES)? == before;
                Ok::<_, StoreError>((result.map(|_| ()), people, same))
            })
            .await
            .unwrap();
        assert!(matches!(result, Err(StoreError::Invalid(_))), "{engine:?}");
        assert_eq!(people, 0, "{engine:?}");
        assert!(indexes, "the dropped indexes come back with the rollback");
        db.cleanup().await;
    }
}

/// `COPY` (the generator's PostgreSQL path) stores every value as a bound parameter would:
/// text with tabs, newlines, backslashes and non-ASCII letters, NULLs, and reals to the last bit.
#[tokio::test]
async fn copy_in_reads_back_what_was_written() {
    use reeldb_store::db::SqlValue;
    for engine in engines() {
        let db = TestDb::new(engine).await.unwrap();
        let texts = ["a\tb\nc\\d\re", "\\N", "Zoë Saldaña 周", ""];
        let reals = [0.1 + 0.2, 1e-7, 123456.789, -0.0];
        let rows: Vec<SqlValue> = texts
            .iter()
            .zip(reals)
            .enumerate()
            .flat_map(|(i, (t, r))| {
                [
                    SqlValue::Int(i as i64 + 1),
                    SqlValue::Text((*t).into()),
                    SqlValue::Real(r),
                    SqlValue::Null,
                ]
            })
            .collect();
        let back = db
            .store
            .run(move |db| {
                let cols = ["id", "name", "popularity", "profile_path"];
                let copied = db.copy_in("person", &cols, &rows);
                if db.engine() == reeldb_store::Engine::Sqlite {
                    assert!(copied.is_err(), "COPY is PostgreSQL's");
                    return Ok(None);
                }
                copied?;
                let back: Vec<(i64, String, f64, Option<String>)> = db.query(
                    "SELECT id, name, popularity, profile_path FROM person ORDER BY id",
                    &[],
                )?;
                Ok::<_, StoreError>(Some(back))
            })
            .await
            .unwrap();
        if let Some(back) = back {
            let want: Vec<(i64, String, f64, Option<String>)> = texts
                .iter()
                .zip(reals)
                .enumerate()
                .map(|(i, (t, r))| (i as i64 + 1, (*t).to_owned(), r, None))
                .collect();
            assert_eq!(back.len(), want.len());
            for (b, w) in back.iter().zip(&want) {
                assert_eq!(
                    (b.0, &b.1, b.2.to_bits(), &b.3),
                    (w.0, &w.1, w.2.to_bits(), &w.3)
                );
            }
        }
        db.cleanup().await;
    }
}
