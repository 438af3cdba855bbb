//! The search operations (`/3/search/...`, docs/SEARCH.md) on every engine: TMDB's own example
//! requests against a catalog holding the examples' entries, TMDB's answers to empty queries
//! and bad input, paging past the end, filters.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::{TestApp, assert_same_json, engines, fixture};
use serde_json::{Value, json};

/// The example's entries, in the order reeldb ranks them, with the catalog's own totals.
///
/// TMDB's examples show one page of its whole catalog (`total_results` 39, 201, 84...) in an
/// order that weighs signals reeldb does not have; a catalog holding exactly the page's
/// entries finds all of them (but `unmatched`: entries TMDB's fuzzier matching found), ranks
/// the example's first entry (the exact name, the most popular) first, and serves every entry
/// with the example's fields and values.
async fn example_entries(op: &str, key: &str, unmatched: &[i64]) {
    let f = fixture(op);
    let expected: Vec<Value> = f.response["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| !e["id"].as_i64().is_some_and(|id| unmatched.contains(&id)))
        .cloned()
        .collect();
    for engine in engines() {
        let app = TestApp::new(engine).await.with_search().await;
        app.import(&f.request, &f.response).await;
        let got = app.get_json(&f.request).await;
        let ctx = format!("{op} on {engine:?}");
        let results = got["results"].as_array().unwrap();
        assert_eq!(got["page"], json!(1), "{ctx}");
        assert_eq!(got["total_results"], json!(expected.len()), "{ctx}");
        assert_eq!(
            got["total_pages"],
            json!(expected.len().div_ceil(20)),
            "{ctx}"
        );
        assert_eq!(results.len(), expected.len(), "{ctx}");
        assert_eq!(results[0]["id"], expected[0]["id"], "{ctx}: first entry");
        let id = |v: &Value| (v[key].as_str().unwrap_or("").to_owned(), v["id"].as_i64());
        let mut got_sorted = results.clone();
        got_sorted.sort_by_key(id);
        let mut exp_sorted = expected.clone();
        exp_sorted.sort_by_key(id);
        for (g, e) in got_sorted.iter().zip(&exp_sorted) {
            assert_same_json(g, e, &format!("{ctx}: entry {}", e["id"]));
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn search_movie_serves_the_spec_examples_entries() {
    example_entries("search-movie", "none", &[]).await;
}

#[tokio::test]
async fn search_multi_serves_the_spec_examples_entries() {
    example_entries("search-multi", "media_type", &[]).await;
}

/// TMDB's answer to `HBO` also lists `H-Bomb Films` (128608): a fuzzy match; reeldb matches
/// words and prefixes only (docs/SEARCH.md).
#[tokio::test]
async fn search_company_serves_the_spec_examples_entries() {
    example_entries("search-company", "none", &[128_608]).await;
}

#[tokio::test]
async fn search_keyword_serves_the_spec_examples_entries() {
    example_entries("search-keyword", "none", &[]).await;
}

/// The examples whose page is TMDB's whole answer come back as they are.
#[tokio::test]
async fn search_tv_and_collection_match_the_spec_examples() {
    for op in ["search-tv", "search-collection"] {
        let f = fixture(op);
        for engine in engines() {
            let app = TestApp::new(engine).await.with_search().await;
            app.import(&f.request, &f.response).await;
            let got = app.get_json(&f.request).await;
            assert_same_json(&got, &f.response, &format!("{op} on {engine:?}"));
            app.cleanup().await;
        }
    }
}

/// A person's `known_for` is computed from their credits (docs/SEARCH.md), which a search
/// page does not carry: the example's person comes back with every other field as stated.
#[tokio::test]
async fn search_person_matches_the_spec_example_but_known_for() {
    let f = fixture("search-person");
    let mut expected = f.response.clone();
    expected["results"][0]["known_for"] = json!([]);
    for engine in engines() {
        let app = TestApp::new(engine).await.with_search().await;
        app.import(&f.request, &f.response).await;
        let got = app.get_json(&f.request).await;
        assert_same_json(&got, &expected, &format!("search-person on {engine:?}"));
        app.cleanup().await;
    }
}

const PATHS: [&str; 7] = [
    "/3/search/movie",
    "/3/search/tv",
    "/3/search/person",
    "/3/search/multi",
    "/3/search/collection",
    "/3/search/company",
    "/3/search/keyword",
];

/// TMDB answers a search without a query (or with a blank one) with an empty page of one.
#[tokio::test]
async fn an_empty_query_answers_as_tmdb_does() {
    let app = TestApp::new(engines()[0])
        .await
        .with_demo()
        .await
        .with_search()
        .await;
    for path in PATHS {
        for q in ["", "?query=", "?query=%20%20", "?query=%21%3F"] {
            let got = app.get_json(&format!("{path}{q}")).await;
            assert_eq!(
                got,
                json!({"page": 1, "results": [], "total_pages": 1, "total_results": 0}),
                "{path}{q}"
            );
        }
        let got = app.get_json(&format!("{path}?page=3")).await;
        assert_eq!(
            got,
            json!({"page": 3, "results": [], "total_pages": 1, "total_results": 0}),
            "{path}"
        );
    }
    app.cleanup().await;
}

#[tokio::test]
async fn bad_input_gets_tmdb_errors() {
    let app = TestApp::new(engines()[0]).await.with_search().await;
    for path in PATHS {
        for page in ["0", "501", "abc", "-1", "1.5"] {
            app.get(&format!("{path}?query=a&page={page}"))
                .await
                .assert_error(400, 22);
        }
        app.get(&format!("{path}?query=a&language=english"))
            .await
            .assert_error(422, 5);
        let res = app
            .send(
                http::Request::get(format!("{path}?query=a"))
                    .body(axum::body::Body::empty())
                    .unwrap(),
            )
            .await;
        res.assert_error(401, 7);
    }
    for q in [
        "/3/search/movie?query=a&year=abc",
        "/3/search/movie?query=a&primary_release_year=99",
        "/3/search/tv?query=a&first_air_date_year=20x0",
        "/3/search/tv?query=a&year=10000",
    ] {
        app.get(q).await.assert_error(422, 5);
    }
    app.cleanup().await;
}

/// Past the last page: no entries, the same totals (TMDB's paging).
#[tokio::test]
async fn past_the_last_page_is_empty_with_the_same_totals() {
    let f = fixture("search-keyword");
    let app = TestApp::new(engines()[0]).await.with_search().await;
    app.import(&f.request, &f.response).await;
    let got = app.get_json("/3/search/keyword?query=lost&page=2").await;
    assert_eq!(
        got,
        json!({"page": 2, "results": [], "total_pages": 1, "total_results": 20})
    );
    let got = app.get_json("/3/search/keyword?query=lost&page=500").await;
    assert_eq!(got["total_results"], json!(20));
    app.cleanup().await;
}

fn movie(id: i64, title: &str, original: &str, date: &str, popularity: f64, adult: bool) -> Value {
    json!({"adult": adult, "backdrop_path": null, "genre_ids": [], "id": id,
           "original_language": "en", "original_title": original, "overview": "",
           "popularity": popularity, "poster_path": null, "release_date": date, "title": title,
           "video": false, "vote_average": 0.0, "vote_count": 0})
}

fn page(results: Vec<Value>) -> Value {
    let n = results.len();
    json!({"page": 1, "results": results, "total_pages": 1, "total_results": n})
}

fn ids(v: &Value) -> Vec<i64> {
    v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect()
}

/// Prefixes, folding, ranking by popularity among equal matches, the year filters and adult
/// titles, on every engine.
#[tokio::test]
async fn search_movie_matches_prefixes_and_filters() {
    for engine in engines() {
        let app = TestApp::new(engine).await.with_search().await;
        app.import(
            "/3/search/movie?query=x",
            &page(vec![
                movie(
                    1,
                    "Émile et la Nuit",
                    "Émile et la Nuit",
                    "1999-05-01",
                    3.0,
                    false,
                ),
                movie(
                    2,
                    "Emile Returns",
                    "Emile Returns",
                    "2004-05-01",
                    9.0,
                    false,
                ),
                movie(
                    3,
                    "Emile After Dark",
                    "Emile After Dark",
                    "2004-06-01",
                    50.0,
                    true,
                ),
            ]),
        )
        .await;
        let got = app.get_json("/3/search/movie?query=emil").await;
        assert_eq!(
            ids(&got),
            vec![2, 1],
            "{engine:?}: adult left out, popular first"
        );
        let got = app
            .get_json("/3/search/movie?query=EMILE&include_adult=true")
            .await;
        assert_eq!(ids(&got), vec![3, 2, 1], "{engine:?}");
        let got = app
            .get_json("/3/search/movie?query=emile&primary_release_year=1999")
            .await;
        assert_eq!(ids(&got), vec![1], "{engine:?}");
        let got = app.get_json("/3/search/movie?query=emile&year=2004").await;
        assert_eq!(ids(&got), vec![2], "{engine:?}");
        let got = app.get_json("/3/search/movie?query=la%20nuit").await;
        assert_eq!(ids(&got), vec![1], "{engine:?}");
        let got = app
            .get_json("/3/search/movie?query=nothing%20like%20it")
            .await;
        assert_eq!(
            got,
            json!({"page": 1, "results": [], "total_pages": 1, "total_results": 0})
        );
        app.cleanup().await;
    }
}
