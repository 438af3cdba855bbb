//! The demo's real films (docs/DEMO.md): every one in the catalog with a local id, The Matrix
//! served by IMDb id and local id with what the source states, and nothing the source does not.

mod common;

use common::{TestApp, engines};
use reeldb_store::local_ids::{LOCAL_ID_MAX, LOCAL_ID_MIN, is_local_id};
use reeldb_store::testing::TestEngine;
use serde_json::{Value, json};

/// The Matrix's local id (movies are numbered in IMDb-id order by the build tool).
const MATRIX: i64 = 2_000_001_568;

/// The ids of one kind of line in the films file (`movie`, `person`, `company`).
fn file_ids(kind: &str) -> Vec<i64> {
    reeldb_import::demo::FILMS
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|v| v.get(kind).and_then(|o| o["id"].as_i64()))
        .collect()
}

#[tokio::test]
async fn the_demo_holds_the_films_each_with_a_local_id() {
    let movies = file_ids("movie");
    let people = file_ids("person");
    let companies = file_ids("company");
    assert_eq!(movies.len(), 4000);
    assert!(people.len() > 30_000 && companies.len() > 1_000);
    for id in movies.iter().chain(&people).chain(&companies) {
        assert!(is_local_id(*id), "{id} outside the reserved range");
    }
    for engine in engines() {
        let app = TestApp::new(engine).await.with_demo().await;
        let counts: (i64, i64, i64, i64, i64) = app
            .db
            .store
            .run(|db| {
                db.query_one(
                    "SELECT (SELECT COUNT(*) FROM movie WHERE id BETWEEN $1 AND $2),
                            (SELECT COUNT(*) FROM movie WHERE id < $1),
                            (SELECT COUNT(*) FROM person WHERE id BETWEEN $1 AND $2),
                            (SELECT COUNT(*) FROM company WHERE id BETWEEN $1 AND $2),
                            (SELECT COUNT(*) FROM external_id
                             WHERE owner_type = 'movie' AND source = 'imdb_id' AND value = 'tt0137523')",
                    &[&LOCAL_ID_MIN, &LOCAL_ID_MAX],
                )
            })
            .await
            .unwrap();
        assert_eq!(
            counts,
            (
                movies.len() as i64,
                // TMDB's examples: Star Wars (11), Fight Club (550), the Star Wars
                // collection's other parts and the keyword example's movies.
                30,
                people.len() as i64,
                companies.len() as i64,
                1, // Fight Club once: the films skip IMDb ids the examples hold
            ),
            "{engine:?}"
        );
        // The films are a starting state, not changes.
        let changes: i64 = app
            .db
            .store
            .run(move |db| {
                db.scalar(
                    "SELECT COUNT(*) FROM change_log WHERE owner_id BETWEEN $1 AND $2",
                    &[&LOCAL_ID_MIN, &LOCAL_ID_MAX],
                )
            })
            .await
            .unwrap();
        assert_eq!(changes, 0, "{engine:?}");
        let got = app.get_json(&format!("/3/movie/{MATRIX}/changes")).await;
        assert_eq!(got, json!({"changes": []}));
        app.cleanup().await;
    }
}

#[tokio::test]
async fn the_matrix_is_served_by_imdb_id_and_by_local_id() {
    for engine in engines() {
        let app = TestApp::new(engine).await.with_demo().await;
        let by_imdb = app
            .get_json("/3/movie/tt0133093?append_to_response=credits,external_ids")
            .await;
        let by_id = app
            .get_json(&format!(
                "/3/movie/{MATRIX}?append_to_response=credits,external_ids"
            ))
            .await;
        assert_eq!(by_imdb, by_id, "{engine:?}");
        let m = by_id;
        assert_eq!(m["id"], json!(MATRIX));
        assert_eq!(m["title"], "The Matrix");
        assert_eq!(m["original_title"], "The Matrix");
        assert_eq!(m["original_language"], "en");
        assert_eq!(m["imdb_id"], "tt0133093");
        assert_eq!(m["release_date"], "1999-03-31");
        assert_eq!(m["runtime"], 136);
        assert_eq!(m["status"], "Released");
        assert_eq!(
            m["genres"],
            json!([
                {"id": 878, "name": "Science Fiction"},
                {"id": 53, "name": "Thriller"},
                {"id": 80, "name": "Crime"},
                {"id": 28, "name": "Action"}
            ])
        );
        assert_eq!(
            m["production_countries"],
            json!([
                {"iso_3166_1": "AU", "name": "Australia"},
                {"iso_3166_1": "US", "name": "United States of America"}
            ])
        );
        assert_eq!(
            m["spoken_languages"],
            json!([{"english_name": "English", "iso_639_1": "en", "name": "English"}])
        );
        let companies: Vec<&str> = m["production_companies"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            companies,
            [
                "Silver Pictures",
                "Village Roadshow Pictures",
                "Warner Bros. Entertainment"
            ]
        );
        // Nothing the source does not state: no text, images, votes or popularity.
        for (field, empty) in [
            ("overview", json!("")),
            ("tagline", json!("")),
            ("poster_path", Value::Null),
            ("backdrop_path", Value::Null),
            ("belongs_to_collection", Value::Null),
            ("budget", json!(0)),
            ("vote_count", json!(0)),
        ] {
            assert_eq!(m[field], empty, "{field} on {engine:?}");
        }
        assert_eq!(m["vote_average"].as_f64(), Some(0.0));
        assert_eq!(m["popularity"].as_f64(), Some(0.0));
        assert_eq!(
            m["external_ids"],
            json!({"imdb_id": "tt0133093", "wikidata_id": null, "facebook_id": null,
                   "instagram_id": null, "twitter_id": null})
        );

        let credits = &m["credits"];
        let crew: Vec<(&str, &str, &str)> = credits["crew"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["name"].as_str().unwrap(),
                    c["department"].as_str().unwrap(),
                    c["job"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            crew,
            [
                ("Lana Wachowski", "Directing", "Director"),
                ("Lilly Wachowski", "Directing", "Director"),
                ("the Wachowskis", "Writing", "Writer"),
            ]
        );
        let cast = credits["cast"].as_array().unwrap();
        assert_eq!(cast.len(), 19);
        let names: Vec<&str> = cast.iter().map(|c| c["name"].as_str().unwrap()).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted, "the source's cast order is alphabetical");
        let keanu = cast.iter().find(|c| c["name"] == "Keanu Reeves").unwrap();
        assert_eq!(keanu["character"], "");
        assert_eq!(
            keanu["order"],
            json!(names.iter().position(|n| *n == "Keanu Reeves"))
        );
        assert_eq!(keanu["known_for_department"], "Acting");
        for c in cast.iter().chain(credits["crew"].as_array().unwrap()) {
            let id = c["credit_id"].as_str().unwrap();
            assert!(id.len() == 24 && id.starts_with("00000000"), "{id}");
            assert!(is_local_id(c["id"].as_i64().unwrap()));
        }

        // One fact, many views: the person's movie credits read the same rows.
        let person = keanu["id"].as_i64().unwrap();
        let theirs = app
            .get_json(&format!("/3/person/{person}/movie_credits"))
            .await;
        assert!(
            theirs["cast"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["id"] == json!(MATRIX) && c["title"] == "The Matrix"),
            "{theirs}"
        );

        // The check: find by IMDb id names The Matrix, and nothing else.
        let found = app
            .get_json("/3/find/tt0133093?external_source=imdb_id")
            .await;
        let movies = found["movie_results"].as_array().unwrap();
        assert_eq!(movies.len(), 1, "{found}");
        assert_eq!(movies[0]["id"], json!(MATRIX));
        assert_eq!(movies[0]["title"], "The Matrix");
        assert_eq!(movies[0]["media_type"], "movie");
        for other in [
            "person_results",
            "tv_results",
            "tv_episode_results",
            "tv_season_results",
        ] {
            assert_eq!(found[other], json!([]), "{other}");
        }
        app.cleanup().await;
    }
}

/// Names with a suffix after a comma stay one person ("Ed Begley, Jr."), not two.
#[test]
fn suffixed_names_are_one_person() {
    let names: Vec<String> = reeldb_import::demo::FILMS
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|v| v["person"]["name"].as_str().map(str::to_owned))
        .collect();
    assert!(names.iter().any(|n| n == "Ed Begley, Jr."));
    for bad in ["Jr.", "Sr.", "III", "Inc."] {
        assert!(!names.iter().any(|n| n == bad), "{bad} as a person");
    }
}

/// The seed's `known_for` (every person ranked in one pass) is what ranking each person on
/// their own gives (the path writes take), and the planner's statistics saw the seeded rows.
#[tokio::test]
async fn known_for_after_the_seed_matches_ranking_each_person() {
    for engine in engines() {
        let app = TestApp::new(engine).await.with_demo().await;
        type Row = (i64, i64, String, i64, f64);
        let counted: Vec<(i64,)> = app
            .db
            .store
            .run(move |db| {
                let sql = match engine {
                    TestEngine::Sqlite => {
                        "SELECT CAST(substr(stat, 1, instr(stat || ' ', ' ') - 1) AS INTEGER)
                         FROM sqlite_stat1 WHERE tbl = 'known_for' AND idx IS NOT NULL"
                    }
                    TestEngine::Postgres => {
                        "SELECT CAST(reltuples AS BIGINT) FROM pg_class WHERE relname = 'known_for'"
                    }
                };
                db.query(sql, &[])
            })
            .await
            .unwrap();
        let counted = counted.first().map_or(0, |c| c.0);
        let (seeded, again): (Vec<Row>, Vec<Row>) = app
            .db
            .store
            .run(|db| {
                let read = |db: &mut reeldb_store::Db| -> reeldb_store::Result<Vec<Row>> {
                    db.query(
                        "SELECT person_id, ord, media_type, title_id, popularity FROM known_for
                         ORDER BY person_id, ord",
                        &[],
                    )
                };
                let seeded = read(db)?;
                let people: Vec<(i64,)> = db.query("SELECT id FROM person", &[])?;
                let people: Vec<i64> = people.into_iter().map(|(p,)| p).collect();
                db.execute("DELETE FROM known_for", &[])?;
                reeldb_store::known_for::refresh(db, &people)?;
                Ok::<_, reeldb_store::StoreError>((seeded, read(db)?))
            })
            .await
            .unwrap();
        assert!(seeded.len() > 30_000, "{engine:?}: {} rows", seeded.len());
        assert_eq!(seeded, again, "{engine:?}");
        // Statistics taken after the fill (a sample on SQLite, an estimate on PostgreSQL).
        assert!(
            counted * 2 > seeded.len() as i64,
            "{engine:?}: statistics count {counted} of {} rows",
            seeded.len()
        );
        app.cleanup().await;
    }
}
