//! The README's coverage table matches the router: `done` operations are routed (method and
//! path), `not yet` ones answer like an unknown TMDB route (404, code 34).

mod common;
use axum::body::Body;
use common::TestApp;
use http::{Method, Request};
use reeldb_store::testing::TestEngine;
use std::collections::HashMap;

fn repo_file(name: &str) -> String {
    let path = format!("{}/../../{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `operation_id -> status` from the README table.
fn readme_statuses() -> HashMap<String, String> {
    let readme = repo_file("README.md");
    let start = readme
        .find("<!-- coverage:start -->")
        .expect("coverage start marker");
    let end = readme
        .find("<!-- coverage:end -->")
        .expect("coverage end marker");
    readme[start..end]
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| section"))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            (cells[4].to_owned(), cells[5].to_owned())
        })
        .collect()
}

#[tokio::test]
async fn readme_coverage_table_matches_the_router() {
    let app = TestApp::new(TestEngine::Sqlite).await;
    let statuses = readme_statuses();
    let ops = repo_file("docs/operations.tsv");
    let mut checked = 0;
    for line in ops.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (method, path, op) = (cols[0], cols[1], cols[2]);
        let concrete: String = path
            .split('/')
            .map(|seg| if seg.starts_with('{') { "1" } else { seg })
            .collect::<Vec<_>>()
            .join("/");
        let uri = format!("{concrete}?api_key={}", app.key);
        // A routed path answers an unused method with 405; an unrouted one with 404.
        let put = app
            .send(
                Request::builder()
                    .method(Method::PUT)
                    .uri(&uri)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        let real = app
            .send(
                Request::builder()
                    .method(method)
                    .uri(&uri)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        let routed = put.status.as_u16() == 405 && real.status.as_u16() != 405;
        if !routed {
            real.assert_error(404, 34);
        }
        let expected = statuses
            .get(op)
            .unwrap_or_else(|| panic!("{op} missing from README table"));
        assert_eq!(
            expected,
            if routed { "done" } else { "not yet" },
            "{method} {path} ({op}): README says {expected}, router says {}",
            if routed { "routed" } else { "not routed" }
        );
        checked += 1;
    }
    assert_eq!(checked, 152);
    assert_eq!(statuses.len(), 152);
    app.cleanup().await;
}
