//! The index beside the catalog at start (`updater::prepare`): a missing index is built, a
//! current one is kept (and caught up from the change log), a stale one (the catalog seeded
//! since) is rebuilt, a corrupt one is deleted and rebuilt, never served. On every engine.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use reeldb_search::updater::prepare;
use reeldb_search::{Filters, Opened, Target};
use reeldb_store::search_doc::SearchKind;
use reeldb_store::testing::{TestDb, engines};

fn movie_ids(index: &reeldb_search::SearchIndex, q: &str) -> Vec<i64> {
    index
        .search(
            Target::Kind(SearchKind::Movie),
            q,
            &Filters::default(),
            0,
            20,
        )
        .unwrap()
        .refs
        .into_iter()
        .map(|r| r.1)
        .collect()
}

async fn import(db: &TestDb, request: &str, response: serde_json::Value) {
    let rec = reeldb_import::Record {
        request: request.to_owned(),
        response,
    };
    reeldb_import::import_tracked(&db.store, &rec)
        .await
        .unwrap();
}

fn movie_page(id: i64, title: &str) -> serde_json::Value {
    serde_json::json!({"page": 1, "total_pages": 1, "total_results": 1, "results": [{
        "adult": false, "backdrop_path": null, "genre_ids": [], "id": id,
        "original_language": "en", "original_title": title, "overview": "", "popularity": 1.5,
        "poster_path": null, "release_date": "2020-01-01", "title": title, "video": false,
        "vote_average": 0.0, "vote_count": 0}]})
}

#[tokio::test]
async fn an_index_is_built_kept_caught_up_and_rebuilt_when_stale_or_corrupt() {
    for engine in engines() {
        let db = TestDb::new(engine).await.unwrap();
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("catalog.db.search");
        import(
            &db,
            "/3/search/movie?query=x",
            movie_page(901, "Quixotic Voyage"),
        )
        .await;

        // Missing: created and built.
        let (index, p) = prepare(Some(dir.clone()), &db.store, false).await.unwrap();
        assert_eq!((p.opened, p.rebuilt), (Opened::Created, true), "{engine:?}");
        assert_eq!(movie_ids(&index, "quixo"), vec![901]);
        drop(index);

        // Current: kept, and what was logged since is caught up without a rebuild.
        import(
            &db,
            "/3/search/movie?query=x",
            movie_page(902, "Quixotic Return"),
        )
        .await;
        let (index, p) = prepare(Some(dir.clone()), &db.store, false).await.unwrap();
        assert_eq!(
            (p.opened, p.rebuilt),
            (Opened::Existing, false),
            "{engine:?}"
        );
        let mut ids = movie_ids(&index, "quixotic");
        ids.sort();
        assert_eq!(ids, vec![901, 902]);
        drop(index);

        // Stale: a seed writes no change items, but moves the seed version.
        db.store.run(reeldb_store::bump_seed_version).await.unwrap();
        let (index, p) = prepare(Some(dir.clone()), &db.store, false).await.unwrap();
        assert_eq!(
            (p.opened, p.rebuilt),
            (Opened::Existing, true),
            "{engine:?}"
        );
        drop(index);

        // Corrupt meta: deleted, rebuilt, served.
        std::fs::write(dir.join("meta.json"), b"{ not json").unwrap();
        let (index, p) = prepare(Some(dir.clone()), &db.store, false).await.unwrap();
        assert_eq!(
            (p.opened, p.rebuilt),
            (Opened::ReplacedCorrupt, true),
            "{engine:?}"
        );
        assert_eq!(movie_ids(&index, "quixotic voyage"), vec![901]);
        drop(index);

        // A damaged segment file: found by its checksum, rebuilt.
        let segment = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "idx" || e == "term"))
            .expect("a segment file");
        let mut bytes = std::fs::read(&segment).unwrap();
        let mid = bytes.len() / 2;
        bytes[mid] ^= 0xff;
        std::fs::write(&segment, &bytes).unwrap();
        let (index, p) = prepare(Some(dir.clone()), &db.store, false).await.unwrap();
        assert_eq!(
            (p.opened, p.rebuilt),
            (Opened::ReplacedCorrupt, true),
            "{engine:?}"
        );
        assert_eq!(movie_ids(&index, "quixotic voyage"), vec![901]);
        drop(index);
        db.cleanup().await;
    }
}

/// An index another server holds open (its writer's lock) is neither served twice nor taken
/// for corrupt: the second open fails with a clear error and the first keeps its files.
#[tokio::test]
async fn an_index_in_use_by_another_server_is_left_alone() {
    let db = TestDb::new(engines()[0]).await.unwrap();
    import(&db, "/3/movie/popular", movie_page(901, "Quixotic Voyage")).await;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("index");
    let (first, p) = prepare(Some(dir.clone()), &db.store, false).await.unwrap();
    assert!(p.rebuilt);
    let second = prepare(Some(dir.clone()), &db.store, false).await;
    let Err(err) = second else {
        panic!("a second open of a held index fails")
    };
    assert!(
        err.to_string().contains("in use by another process"),
        "{err}"
    );
    assert_eq!(
        movie_ids(&first, "quixotic voyage"),
        vec![901],
        "still there"
    );
    assert!(dir.join("meta.json").exists());
    drop(first);
    // Released: it opens as it is, no rebuild.
    let (again, p) = prepare(Some(dir.clone()), &db.store, false).await.unwrap();
    assert_eq!((p.opened, p.rebuilt), (Opened::Existing, false));
    assert_eq!(movie_ids(&again, "quixotic voyage"), vec![901]);
    drop(again);
    db.cleanup().await;
}

/// A build that fails half-way is rolled back: the next catch-up commits its own changes on
/// the index as it was, not on the failed build's deletions.
#[tokio::test]
async fn a_failed_rebuild_leaves_the_index_as_it_was() {
    for engine in engines() {
        let db = TestDb::new(engine).await.unwrap();
        let tmp = tempfile::tempdir().unwrap();
        import(
            &db,
            "/3/search/movie?query=x",
            movie_page(901, "Quixotic Voyage"),
        )
        .await;
        let (index, _) = prepare(Some(tmp.path().join("s")), &db.store, false)
            .await
            .unwrap();
        assert_eq!(movie_ids(&index, "quixotic"), vec![901]);

        // The movies' names cannot be read: the build deletes every document, then fails.
        let sql = |s: &'static str| move |d: &mut reeldb_store::Db| d.batch(s);
        db.store
            .run(sql(
                "ALTER TABLE alternative_title RENAME TO alternative_title_gone",
            ))
            .await
            .unwrap();
        let i = index.clone();
        let failed = db
            .store
            .run(move |d| Ok::<_, reeldb_store::StoreError>(i.rebuild(d, &|_, _| {}).is_err()))
            .await
            .unwrap();
        assert!(failed, "{engine:?}");
        db.store
            .run(sql(
                "ALTER TABLE alternative_title_gone RENAME TO alternative_title",
            ))
            .await
            .unwrap();

        // A change, caught up and committed: both movies are found.
        import(
            &db,
            "/3/search/movie?query=x",
            movie_page(902, "Quixotic Return"),
        )
        .await;
        let i = index.clone();
        db.store
            .run(move |d| i.catch_up(d).map_err(reeldb_store::StoreError::from))
            .await
            .unwrap();
        let mut ids = movie_ids(&index, "quixotic");
        ids.sort();
        assert_eq!(ids, vec![901, 902], "{engine:?}");
        db.cleanup().await;
    }
}
