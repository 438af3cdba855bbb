//! `tiny` generation on every engine: deterministic (same seed, same rows; on both engines when
//! PostgreSQL is configured), served by the real HTTP app, and importable from `--out` records.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use axum::body::Body;
use http::{Request, StatusCode};
use http_body_util::BodyExt;
use reeldb_generate::{Options, Scale, digest, generate};
use reeldb_store::Store;
use reeldb_store::testing::{TestDb, engines};
use serde_json::Value;
use tower::ServiceExt;

async fn get(store: &Store, uri: &str) -> (StatusCode, Value) {
    let app = reeldb_http::app(reeldb_http::AppState::new(
        store.clone(),
        reeldb_http::HttpConfig {
            auth_required: false,
            cache_max_age: 0,
            ..Default::default()
        },
    ));
    let res = app
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let body = res.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&body).unwrap())
}

fn options(seed: u64) -> Options {
    Options {
        scale: Scale::Tiny,
        seed,
        out: None,
    }
}

#[tokio::test]
async fn tiny_catalog_is_deterministic_and_served() {
    let mut digests = Vec::new();
    for engine in engines() {
        let a = TestDb::new(engine).await.unwrap();
        let summary = generate(&a.store, &options(42), ()).await.unwrap();
        assert_eq!(summary.series, 3);
        assert!(
            summary.episodes > 0 && summary.total_rows < 1_000,
            "{summary}"
        );
        assert!(summary.rows["credit"] > 0);
        // Each credit row keeps its person's fields as the person row has them.
        let drift = a
            .store
            .read(reeldb_store::testing::credit_person_drift)
            .await
            .unwrap();
        assert_eq!(drift, 0, "{engine:?}");
        // `known_for` as the generator ranked it is what a refresh of every person computes.
        let known_for = |store: Store| async move {
            store
                .read(|db| {
                    db.query::<(i64, i64, String, i64, f64)>(
                        "SELECT person_id, ord, media_type, title_id, popularity FROM known_for
                         ORDER BY person_id, ord",
                        &[],
                    )
                })
                .await
                .unwrap()
        };
        let generated = known_for(a.store.clone()).await;
        assert!(generated.len() > 20, "{generated:?}");
        assert!(generated.iter().any(|r| r.2 == "movie") && generated.iter().any(|r| r.2 == "tv"));
        a.store
            .run(reeldb_store::known_for::refresh_all)
            .await
            .unwrap();
        assert_eq!(known_for(a.store.clone()).await, generated, "{engine:?}");
        assert_eq!(summary.rows["genre"], 27, "TMDB's TV and movie genres");
        assert_eq!(summary.movies, 4);
        assert_eq!(summary.rows["movie"], 4);
        assert_eq!(summary.rows["collection"], 1);
        assert!(summary.rows["release_date"] > 0);
        // The flagship series carries every list field TV lists show.
        let lists = a
            .store
            .read(|db| {
                let id: i64 = db.scalar("SELECT MIN(id) FROM tv_series", &[])?;
                db.series_summaries(&[id], &"en-US".parse().unwrap())
            })
            .await
            .unwrap();
        let flagship = &lists[0];
        assert!(!flagship.genre_ids.is_empty() && flagship.origin_country.len() == 1);
        assert!(flagship.popularity.unwrap() >= 400.0 && flagship.vote_count.unwrap() > 0);
        assert!(flagship.name.as_deref().is_some_and(|n| !n.is_empty()));
        assert!(flagship.first_air_date.is_some() && flagship.poster_path.is_some());
        let da = a.store.run(digest).await.unwrap();
        // The load drops the secondary indexes and rebuilds them: afterwards they are exactly
        // the schema's (a fresh catalog's), so generated catalogs are read like migrated ones.
        let index_sets = |store: reeldb_store::Store| async move {
            store
                .run(move |db| {
                    let engine = db.engine();
                    reeldb_generate::secondary_indexes(db, engine)
                })
                .await
                .unwrap()
        };
        let fresh = TestDb::new(engine).await.unwrap();
        let expected = index_sets(fresh.store.clone()).await;
        assert!(expected.iter().any(|(n, _)| n == "credit_person"));
        assert_eq!(index_sets(a.store.clone()).await, expected, "{engine:?}");
        fresh.cleanup().await;

        let b = TestDb::new(engine).await.unwrap();
        generate(&b.store, &options(42), ()).await.unwrap();
        assert_eq!(
            da,
            b.store.run(digest).await.unwrap(),
            "{engine:?}: same seed"
        );
        b.cleanup().await;

        let c = TestDb::new(engine).await.unwrap();
        generate(&c.store, &options(43), ()).await.unwrap();
        assert_ne!(
            da,
            c.store.run(digest).await.unwrap(),
            "{engine:?}: other seed"
        );
        c.cleanup().await;

        // A second run into the same catalog is refused.
        assert!(generate(&a.store, &options(42), ()).await.is_err());

        // The flagship series (the first) is complete: its first episode has guest stars, crew and
        // the season's regular cast.
        let (series, season, episode): (i64, i64, i64) = a
            .store
            .run(|db| {
                db.query_one(
                    "SELECT series_id, season_number, episode_number FROM tv_episode ORDER BY id LIMIT 1",
                    &[],
                )
            })
            .await
            .unwrap();
        let base = format!("/3/tv/{series}/season/{season}");
        let (status, credits) = get(&a.store, &format!("{base}/episode/{episode}/credits")).await;
        assert_eq!(status, StatusCode::OK, "{credits}");
        for key in ["cast", "guest_stars", "crew"] {
            assert!(
                !credits[key].as_array().unwrap().is_empty(),
                "{engine:?} {key}: {credits}"
            );
        }
        let (status, details) = get(
            &a.store,
            &format!(
                "{base}/episode/{episode}?append_to_response=credits,external_ids,images,translations"
            ),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{details}");
        assert!(details["name"].as_str().is_some_and(|n| !n.is_empty()));
        assert!(!details["images"]["stills"].as_array().unwrap().is_empty());
        let (status, season_body) = get(&a.store, &base).await;
        assert_eq!(status, StatusCode::OK, "{season_body}");
        assert!(!season_body["networks"].as_array().unwrap().is_empty());
        let (status, agg) = get(&a.store, &format!("{base}/aggregate_credits")).await;
        assert_eq!(status, StatusCode::OK, "{agg}");
        assert!(agg["cast"][0]["total_episode_count"].as_i64().unwrap() >= 1);

        // Series details of the flagship: every details field filled.
        let (status, tv) = get(
            &a.store,
            &format!("/3/tv/{series}?append_to_response=content_ratings"),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{tv}");
        for key in ["name", "overview", "tagline", "homepage", "status", "type"] {
            assert!(
                tv[key].as_str().is_some_and(|v| !v.is_empty()),
                "{engine:?} {key}: {tv}"
            );
        }
        for key in [
            "created_by",
            "production_companies",
            "production_countries",
            "languages",
            "spoken_languages",
            "episode_run_time",
            "genres",
            "networks",
            "seasons",
        ] {
            assert!(
                !tv[key].as_array().unwrap().is_empty(),
                "{engine:?} {key}: {tv}"
            );
        }
        assert!(tv["in_production"].is_boolean() && tv["last_air_date"].is_string());
        assert!(tv["number_of_episodes"].as_i64().unwrap() > 0);
        assert!(tv["production_countries"][0]["name"].is_string(), "{tv}");
        assert!(tv["seasons"][0]["episode_count"].as_i64().unwrap() > 0);
        let ratings = tv["content_ratings"]["results"].as_array().unwrap();
        assert_eq!(ratings.len(), 4, "{tv}");
        assert!(ratings.iter().all(|r| r["rating"].is_string()));
        let creator = tv["created_by"][0]["id"].as_i64().unwrap();
        let (status, _) = get(&a.store, &format!("/3/person/{creator}")).await;
        assert_eq!(status, StatusCode::OK);

        // Person details of a credited person with a birthday and a biography.
        let person: i64 = a
            .store
            .run(|db| {
                db.scalar(
                    "SELECT MIN(p.id) FROM person p WHERE p.birthday IS NOT NULL AND p.biography IS NOT NULL
                     AND EXISTS (SELECT 1 FROM credit c WHERE c.person_id = p.id)",
                    &[],
                )
            })
            .await
            .unwrap();
        let (status, p) = get(
            &a.store,
            &format!("/3/person/{person}?append_to_response=external_ids"),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{p}");
        for key in ["name", "biography", "birthday", "known_for_department"] {
            assert!(
                p[key].as_str().is_some_and(|v| !v.is_empty()),
                "{engine:?} {key}: {p}"
            );
        }
        assert!(p["also_known_as"].is_array(), "{p}");
        generated_movies_are_served(&a.store, engine).await;
        digests.push(da);
        a.cleanup().await;
    }
    // The same seed gives the same catalog on SQLite and PostgreSQL.
    assert!(digests.windows(2).all(|w| w[0] == w[1]), "{digests:?}");
}

/// The flagship movie (the first) answers details with its credits, release dates and IMDb id,
/// by TMDB id and by IMDb id, and its people's movie credits list it.
async fn generated_movies_are_served(store: &Store, engine: reeldb_store::testing::TestEngine) {
    let (status, m) = get(
        store,
        "/3/movie/1?append_to_response=credits,release_dates,external_ids,keywords,translations",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{m}");
    for key in [
        "title",
        "original_title",
        "overview",
        "release_date",
        "status",
        "imdb_id",
    ] {
        assert!(
            m[key].as_str().is_some_and(|v| !v.is_empty()),
            "{engine:?} {key}: {m}"
        );
    }
    assert_eq!(m["status"], "Released");
    assert!(m["runtime"].as_i64().unwrap() > 0 && m["vote_count"].as_i64().unwrap() > 0);
    assert!(m["belongs_to_collection"]["name"].is_string(), "{m}");
    for key in ["origin_country", "production_countries", "spoken_languages"] {
        assert!(
            !m[key].as_array().unwrap().is_empty(),
            "{engine:?} {key}: {m}"
        );
    }
    let cast = m["credits"]["cast"].as_array().unwrap();
    assert!(!cast.is_empty(), "{m}");
    assert!(cast[0]["cast_id"].as_i64().is_some() && cast[0]["character"].is_string());
    assert_eq!(m["credits"]["crew"][0]["job"], "Director", "{m}");
    let releases = m["release_dates"]["results"].as_array().unwrap();
    assert!(releases.len() >= 4, "{m}");
    assert!(
        releases[0]["release_dates"][0]["release_date"]
            .as_str()
            .unwrap()
            .ends_with("T00:00:00.000Z")
    );
    let imdb = m["imdb_id"].as_str().unwrap();
    assert_eq!(m["external_ids"]["imdb_id"], imdb);
    let (status, by_imdb) = get(store, &format!("/3/movie/{imdb}")).await;
    assert_eq!(status, StatusCode::OK, "{by_imdb}");
    assert_eq!(by_imdb["id"], 1);

    let actor = cast[0]["id"].as_i64().unwrap();
    let (status, credits) = get(store, &format!("/3/person/{actor}/movie_credits")).await;
    assert_eq!(status, StatusCode::OK, "{credits}");
    assert!(
        credits["cast"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == 1 && c["title"] == m["title"]),
        "{engine:?}: {credits}"
    );
    let (status, combined) = get(store, &format!("/3/person/{actor}/combined_credits")).await;
    assert_eq!(status, StatusCode::OK, "{combined}");
    assert!(
        combined["cast"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == 1 && c["media_type"] == "movie"),
        "{engine:?}: {combined}"
    );
    // Every generated movie is served.
    let ids: Vec<(i64, String)> = store
        .run(|db| db.query("SELECT id, status FROM movie ORDER BY id", &[]))
        .await
        .unwrap();
    assert_eq!(
        ids.iter().map(|r| r.0).collect::<Vec<_>>(),
        vec![1, 2, 3, 4]
    );
    for (id, _) in ids {
        let (status, body) = get(store, &format!("/3/movie/{id}?append_to_response=credits")).await;
        assert_eq!(status, StatusCode::OK, "{engine:?} {id}: {body}");
    }
}

#[tokio::test]
async fn out_writes_importable_records() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tiny.jsonl.gz");
    let db = TestDb::new(reeldb_store::testing::TestEngine::Sqlite)
        .await
        .unwrap();
    let summary = generate(
        &db.store,
        &Options {
            scale: Scale::Tiny,
            seed: 5,
            out: Some(path.clone()),
        },
        (),
    )
    .await
    .unwrap();
    assert_eq!(
        summary.records,
        summary.series + summary.seasons + summary.episodes + summary.movies
    );
    db.cleanup().await;

    let target = TestDb::new(reeldb_store::testing::TestEngine::Sqlite)
        .await
        .unwrap();
    let result = reeldb_import::file::import_file(&target.store, &path, &())
        .await
        .unwrap();
    assert!(result.failures.is_empty(), "{:?}", result.failures);
    assert!(result.dropped.is_empty(), "{:?}", result.dropped);
    assert_eq!(result.imported, summary.records);
    let episodes: i64 = target
        .store
        .run(|db| db.scalar("SELECT COUNT(*) FROM tv_episode", &[]))
        .await
        .unwrap();
    assert_eq!(episodes as u64, summary.episodes);
    // Series details came along: creators, companies and content ratings, as generated.
    // Movies too: the movies, their releases and credits, as generated.
    for table in [
        "tv_series_creator",
        "owner_company",
        "content_rating",
        "content_rating_descriptor",
        "movie",
        "collection",
        "release_date",
        "release_date_descriptor",
    ] {
        let n: i64 = target
            .store
            .run(move |db| db.scalar(&format!("SELECT COUNT(*) FROM {table}"), &[]))
            .await
            .unwrap();
        assert_eq!(n as u64, summary.rows[table], "{table}");
    }
    target.cleanup().await;
}
