//! The relevance set (`relevance.tsv`, docs/SEARCH.md) over the demo catalog, on every engine:
//! each query's top hits are the expected objects.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use reeldb_search::{Filters, SearchIndex, Target};
use reeldb_store::search_doc::SearchKind;
use reeldb_store::testing::{TestDb, engines};
use std::sync::Arc;

struct Case {
    target: Target,
    query: String,
    expected: Vec<i64>,
    what: String,
}

fn cases() -> Vec<Case> {
    include_str!("relevance.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 4, "relevance.tsv line {l:?}");
            let target = match cols[0] {
                "multi" => Target::Multi,
                k => Target::Kind(SearchKind::from_name(k).expect("a kind")),
            };
            Case {
                target,
                query: cols[1].to_owned(),
                expected: cols[2]
                    .split(',')
                    .map(|i| i.trim().parse().unwrap())
                    .collect(),
                what: cols[3].to_owned(),
            }
        })
        .collect()
}

#[tokio::test]
async fn the_relevance_set_passes_over_the_demo_catalog() {
    for engine in engines() {
        let db = TestDb::new(engine).await.unwrap();
        reeldb_import::demo::load(&db.store).await.unwrap();
        let index = Arc::new(SearchIndex::in_memory().unwrap());
        let job = index.clone();
        let started = std::time::Instant::now();
        let docs = db
            .store
            .run(move |db| job.rebuild(db, &|_, _| {}))
            .await
            .unwrap();
        eprintln!(
            "{engine:?}: indexed {docs} documents in {} ms",
            started.elapsed().as_millis()
        );
        let mut failures = Vec::new();
        for case in cases() {
            let started = std::time::Instant::now();
            let hits = index
                .search(case.target, &case.query, &Filters::default(), 0, 20)
                .unwrap();
            let took = started.elapsed();
            let ids: Vec<i64> = hits.refs.iter().map(|r| r.1).collect();
            let top = &ids[..case.expected.len().min(ids.len())];
            let ok = ids.first() == case.expected.first()
                && case.expected.iter().all(|e| top.contains(e));
            eprintln!(
                "{engine:?} {:?} {:?}: {} hits, top {:?} ({} us)",
                case.target,
                case.query,
                hits.total,
                &ids[..ids.len().min(5)],
                took.as_micros()
            );
            if !ok {
                failures.push(format!(
                    "{:?} {:?} ({}): expected {:?} first, got {:?}",
                    case.target, case.query, case.what, case.expected, ids
                ));
            }
        }
        assert!(failures.is_empty(), "{engine:?}:\n{}", failures.join("\n"));
        db.cleanup().await;
    }
}
