//! HTTP behaviour of the whole app, in process, on every engine: TMDB's error envelopes, auth,
//! headers (caching, CORS, gzip), liberal request parsing, languages, `append_to_response`,
//! image and video filters, and the demo catalog.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::body::Body;
use common::{Reply, TestApp, engines};
use http::{Method, Request, StatusCode};
use reeldb_http::HttpConfig;
use reeldb_store::testing::TestEngine;
use serde_json::Value;
use std::io::Read;

const SEASON: &str = "/3/tv/1399/season/1";
const EPISODE: &str = "/3/tv/1399/season/1/episode/1";
const SEASON_CHANGES: &str = "/3/tv/season/3624/changes";
const EPISODE_CHANGES: &str = "/3/tv/episode/63056/changes";
const SEED: &str = "/3/tv/93405/season/2/episode/1/credits";

const SEASON_SUBS: &[&str] = &[
    "credits",
    "aggregate_credits",
    "external_ids",
    "images",
    "translations",
    "videos",
    "watch/providers",
];
const EPISODE_SUBS: &[&str] = &[
    "credits",
    "external_ids",
    "images",
    "translations",
    "videos",
];

/// Every GET route of the demo catalog, for sweeps.
fn demo_routes() -> Vec<String> {
    let mut routes = vec![
        SEASON.to_owned(),
        EPISODE.to_owned(),
        SEED.to_owned(),
        "/3/authentication".to_owned(),
    ];
    routes.extend(SEASON_SUBS.iter().map(|s| format!("{SEASON}/{s}")));
    routes.extend(EPISODE_SUBS.iter().map(|s| format!("{EPISODE}/{s}")));
    routes.push(format!(
        "{SEASON_CHANGES}?start_date=2016-04-20&end_date=2016-04-27"
    ));
    routes.push(format!(
        "{EPISODE_CHANGES}?start_date=2015-01-20&end_date=2015-01-26"
    ));
    routes
}

async fn demo(engine: TestEngine) -> TestApp {
    TestApp::new(engine).await.with_demo().await
}

fn request(method: Method, uri: &str) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(uri)
        .body(Body::empty())
        .unwrap()
}

/// `path_and_query` with the app's key appended as `api_key`.
fn keyed(app: &TestApp, path_and_query: &str) -> String {
    let sep = if path_and_query.contains('?') {
        '&'
    } else {
        '?'
    };
    format!("{path_and_query}{sep}api_key={}", app.key)
}

fn header<'a>(r: &'a Reply, name: &str) -> Option<&'a str> {
    r.headers.get(name).map(|v| v.to_str().unwrap())
}

/// TMDB's HTTP status for the envelope codes reeldb can send.
fn http_for_code(code: u64) -> u16 {
    match code {
        5 | 20 => 422,
        7 => 401,
        11 => 500,
        18 | 22 | 23 | 27 | 47 => 400,
        25 => 429,
        34 => 404,
        42 => 405,
        other => panic!("unexpected status_code {other}"),
    }
}

/// Asserts `r` is a TMDB error envelope whose HTTP status matches its code (never 500, no
/// caching headers, TMDB's content type); returns the code.
fn assert_envelope(r: &Reply, context: &str) -> u64 {
    let text = String::from_utf8_lossy(&r.body);
    assert_ne!(r.status.as_u16(), 500, "{context}: 500 ({text})");
    assert!(
        r.status.is_client_error(),
        "{context}: {} ({text})",
        r.status
    );
    assert_eq!(
        header(r, "content-type"),
        Some("application/json;charset=utf-8"),
        "{context}"
    );
    let v: Value = serde_json::from_slice(&r.body)
        .unwrap_or_else(|e| panic!("{context}: not JSON ({e}): {text}"));
    assert_eq!(v["success"], Value::Bool(false), "{context}: {v}");
    let code = v["status_code"]
        .as_u64()
        .unwrap_or_else(|| panic!("{context}: {v}"));
    assert!(
        v["status_message"].as_str().is_some_and(|m| !m.is_empty()),
        "{context}: {v}"
    );
    assert_eq!(v.as_object().unwrap().len(), 3, "{context}: {v}");
    assert_eq!(r.status.as_u16(), http_for_code(code), "{context}: {v}");
    assert!(header(r, "etag").is_none(), "{context}: ETag on an error");
    assert!(
        header(r, "cache-control").is_none(),
        "{context}: Cache-Control on an error"
    );
    code
}

/// A record of the committed demo catalog, by its request.
fn demo_record(request: &str) -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../reeldb-import/demo/catalog.jsonl"
    );
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|r| r["request"] == request)
        .unwrap_or_else(|| panic!("{request} is not in the demo catalog"))["response"]
        .clone()
}

fn without_id(mut v: Value) -> Value {
    v.as_object_mut().unwrap().remove("id");
    v
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn assert_votes_descending(list: &[Value], context: &str) {
    let votes: Vec<f64> = list
        .iter()
        .map(|i| i["vote_average"].as_f64().unwrap())
        .collect();
    assert!(
        votes.windows(2).all(|w| w[0] >= w[1]),
        "{context}: not by vote_average descending: {votes:?}"
    );
}

/// The file paths of `list` whose `iso_639_1` is allowed, in order.
fn paths_where(list: &[Value], allowed: &[Option<&str>]) -> Vec<String> {
    list.iter()
        .filter(|i| allowed.contains(&i["iso_639_1"].as_str()))
        .map(|i| i["file_path"].as_str().unwrap().to_owned())
        .collect()
}

fn paths(list: &[Value]) -> Vec<String> {
    list.iter()
        .map(|i| i["file_path"].as_str().unwrap().to_owned())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// 1. Errors as TMDB envelopes
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn unknown_route_is_404_code_34() {
    for engine in engines() {
        let app = demo(engine).await;
        for uri in [
            "/3/nope",
            "/3/tv/1399/season/1/bogus",
            "/3/tv/1399/season/1/episode/1/bogus",
            "/3/tv/1399/season/1/episode/1/credits/extra",
            "/3/tv/1399/bogus",
            "/3",
            "/",
            "/4/tv/1399/season/1",
            "/favicon.ico",
        ] {
            let r = app.get(uri).await;
            r.assert_error(404, 34);
            assert_envelope(&r, uri);
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn unknown_route_without_a_key_is_404_code_34() {
    for engine in engines() {
        let app = demo(engine).await;
        for uri in ["/3/nope", "/3/tv/1399/season/1/bogus", "/"] {
            let r = app.send(request(Method::GET, uri)).await;
            r.assert_error(404, 34);
            assert_envelope(&r, uri);
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn wrong_method_on_a_known_route_is_405_code_42() {
    for engine in engines() {
        let app = demo(engine).await;
        for path in [SEASON, EPISODE, "/3/authentication", SEED] {
            for method in [Method::POST, Method::DELETE, Method::PUT, Method::PATCH] {
                let r = app.send(request(method.clone(), &keyed(&app, path))).await;
                r.assert_error(405, 42);
                assert_envelope(&r, &format!("{method} {path}"));
            }
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn non_numeric_or_negative_path_ids_are_404_code_34() {
    for engine in engines() {
        let app = demo(engine).await;
        for uri in [
            "/3/tv/abc/season/1",
            "/3/tv/-1399/season/1",
            "/3/tv/1399/season/one",
            "/3/tv/1399/season/-1",
            "/3/tv/1399.0/season/1",
            "/3/tv/1399/season/1/episode/x",
            "/3/tv/1399/season/1/episode/-1",
            "/3/tv/abc/season/1/credits",
            "/3/tv/1399/season/1/episode/x/images",
            "/3/tv/99999999999999999999/season/1",
            "/3/tv/season/abc/changes",
            "/3/tv/season/-3624/changes",
            "/3/tv/episode/abc/changes",
            "/3/tv/episode/-63056/changes",
            "/3/tv/%20/season/1",
        ] {
            let r = app.get(uri).await;
            r.assert_error(404, 34);
            assert_envelope(&r, uri);
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn unknown_series_season_or_episode_is_404_code_34() {
    for engine in engines() {
        let app = demo(engine).await;
        let mut uris: Vec<String> = Vec::new();
        for base in [
            "/3/tv/1/season/1",
            "/3/tv/1399/season/9",
            "/3/tv/1/season/0",
        ] {
            uris.push(base.to_owned());
            uris.extend(SEASON_SUBS.iter().map(|s| format!("{base}/{s}")));
        }
        for base in [
            "/3/tv/1/season/1/episode/1",
            "/3/tv/1399/season/9/episode/1",
            "/3/tv/1399/season/1/episode/99",
            "/3/tv/1399/season/1/episode/0",
            "/3/tv/93405/season/2/episode/2",
        ] {
            uris.push(base.to_owned());
            uris.extend(EPISODE_SUBS.iter().map(|s| format!("{base}/{s}")));
        }
        uris.push("/3/tv/season/1/changes".to_owned());
        uris.push("/3/tv/episode/1/changes".to_owned());
        for uri in &uris {
            let r = app.get(uri).await;
            r.assert_error(404, 34);
            assert_envelope(&r, uri);
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn missing_api_key_is_401_code_7() {
    for engine in engines() {
        let app = demo(engine).await;
        for uri in demo_routes() {
            let r = app.send(request(Method::GET, &uri)).await;
            r.assert_error(401, 7);
            assert_envelope(&r, &uri);
        }
        // An empty key is no key.
        let r = app
            .send(request(Method::GET, &format!("{SEASON}?api_key=")))
            .await;
        r.assert_error(401, 7);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn wrong_api_key_is_401_code_7() {
    for engine in engines() {
        let app = demo(engine).await;
        let other = "0123456789abcdef0123456789abcdef";
        assert_ne!(other, app.key);
        for uri in [SEASON, EPISODE, "/3/authentication"] {
            for key in [other, "wrong", "%20"] {
                let r = app
                    .send(request(Method::GET, &format!("{uri}?api_key={key}")))
                    .await;
                r.assert_error(401, 7);
                assert_envelope(&r, uri);
            }
            let r = app
                .send(
                    Request::get(uri)
                        .header("authorization", format!("Bearer {other}"))
                        .body(Body::empty())
                        .unwrap(),
                )
                .await;
            r.assert_error(401, 7);
        }
        // A key that differs in one character is still wrong.
        let mut near = app.key.clone().into_bytes();
        near[0] = if near[0] == b'0' { b'1' } else { b'0' };
        let near = String::from_utf8(near).unwrap();
        let r = app
            .send(request(Method::GET, &format!("{SEASON}?api_key={near}")))
            .await;
        r.assert_error(401, 7);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn invalid_language_is_422_code_5() {
    for engine in engines() {
        let app = demo(engine).await;
        for path in [
            SEASON.to_owned(),
            EPISODE.to_owned(),
            format!("{SEASON}/credits"),
            format!("{SEASON}/aggregate_credits"),
            format!("{SEASON}/images"),
            format!("{SEASON}/videos"),
            format!("{SEASON}/watch/providers"),
            format!("{EPISODE}/credits"),
            format!("{EPISODE}/images"),
            format!("{EPISODE}/videos"),
        ] {
            for lang in ["english", "e", "en-USA", "12"] {
                let uri = format!("{path}?language={lang}");
                let r = app.get(&uri).await;
                r.assert_error(422, 5);
                assert_envelope(&r, &uri);
            }
        }
        for path in [format!("{SEASON}/images"), format!("{EPISODE}/images")] {
            let uri = format!("{path}?include_image_language=english");
            app.get(&uri).await.assert_error(422, 5);
        }
        let uri = format!("{SEASON}/videos?include_video_language=english");
        app.get(&uri).await.assert_error(422, 5);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn more_than_20_append_items_is_400_code_27_and_20_is_fine() {
    for engine in engines() {
        let app = demo(engine).await;
        let names = |n: usize| {
            let mut v: Vec<String> = vec!["credits".into(), "images".into()];
            v.extend((v.len()..n).map(|i| format!("x{i}")));
            v.join(",")
        };
        for base in [SEASON, EPISODE] {
            let r = app
                .get(&format!("{base}?append_to_response={}", names(21)))
                .await;
            r.assert_error(400, 27);
            assert_envelope(&r, base);
            let ok = app
                .get_json(&format!("{base}?append_to_response={}", names(20)))
                .await;
            assert!(ok["credits"].is_object(), "{base}");
            assert!(ok["images"].is_object(), "{base}");
            assert!(ok.get("x19").is_none(), "{base}: unknown name appended");
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn changes_page_outside_1_to_500_or_not_a_number_is_400_code_22() {
    for engine in engines() {
        let app = demo(engine).await;
        for base in [SEASON_CHANGES, EPISODE_CHANGES] {
            for page in ["0", "501", "x", "-1", "1.5"] {
                let uri = format!("{base}?page={page}");
                let r = app.get(&uri).await;
                r.assert_error(400, 22);
                assert_envelope(&r, &uri);
            }
            for page in ["1", "500"] {
                let uri = format!("{base}?page={page}");
                assert_eq!(app.get(&uri).await.status, StatusCode::OK, "{uri}");
            }
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn changes_malformed_date_is_400_code_23() {
    for engine in engines() {
        let app = demo(engine).await;
        for base in [SEASON_CHANGES, EPISODE_CHANGES] {
            for query in [
                "start_date=2016-13-01",
                "end_date=2016-13-01",
                "start_date=2016-02-30",
                "start_date=20160401",
                "start_date=yesterday&end_date=2016-04-02",
            ] {
                let uri = format!("{base}?{query}");
                let r = app.get(&uri).await;
                r.assert_error(400, 23);
                assert_envelope(&r, &uri);
            }
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn changes_range_over_14_days_is_422_code_20() {
    for engine in engines() {
        let app = demo(engine).await;
        for base in [SEASON_CHANGES, EPISODE_CHANGES] {
            for query in [
                "start_date=2016-04-01&end_date=2016-04-16",
                "start_date=2016-04-01&end_date=2016-05-01",
                "start_date=2015-01-01&end_date=2016-01-01",
            ] {
                let uri = format!("{base}?{query}");
                let r = app.get(&uri).await;
                r.assert_error(422, 20);
                assert_envelope(&r, &uri);
            }
            // Exactly 14 days, and a single day, are fine.
            for query in [
                "start_date=2016-04-01&end_date=2016-04-15",
                "start_date=2016-04-01&end_date=2016-04-01",
            ] {
                let uri = format!("{base}?{query}");
                assert_eq!(app.get(&uri).await.status, StatusCode::OK, "{uri}");
            }
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn changes_end_before_start_is_422_code_20() {
    for engine in engines() {
        let app = demo(engine).await;
        for base in [SEASON_CHANGES, EPISODE_CHANGES] {
            for query in [
                "start_date=2016-04-20&end_date=2016-04-10",
                "start_date=2016-04-20&end_date=2016-04-19",
                "start_date=2016-04-20&end_date=2015-04-20",
            ] {
                let uri = format!("{base}?{query}");
                let r = app.get(&uri).await;
                r.assert_error(422, 20);
                assert_envelope(&r, &uri);
            }
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn body_over_64_kib_on_a_post_gets_an_envelope_not_a_bare_413() {
    for engine in engines() {
        let app = demo(engine).await;
        let big = vec![b'{'; 70 * 1024];
        for path in [SEASON, EPISODE, "/3/authentication", "/3/nope"] {
            for with_length in [true, false] {
                let mut b =
                    Request::post(keyed(&app, path)).header("content-type", "application/json");
                if with_length {
                    b = b.header("content-length", big.len());
                }
                let r = app.send(b.body(Body::from(big.clone())).unwrap()).await;
                assert_ne!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{path}");
                assert_envelope(&r, &format!("POST {path} length={with_length}"));
            }
        }
        app.cleanup().await;
    }
}

/// A sweep of odd requests: none answers 500, and every error is TMDB's envelope.
#[tokio::test]
async fn no_request_answers_500_and_every_error_is_an_envelope() {
    for engine in engines() {
        let app = demo(engine).await;
        let key = app.key.clone();
        let mut requests: Vec<Request<Body>> = Vec::new();
        let long = format!("/3/{}", "a".repeat(10_000));
        let uris: Vec<String> = vec![
            format!("/3/tv/%FF/season/1?api_key={key}"),
            format!("/3/tv/1399/season/%FF?api_key={key}"),
            format!("/3/tv/1399/season/1/episode/%FF/credits?api_key={key}"),
            format!("/3/tv/season/%FF/changes?api_key={key}"),
            format!("{SEASON}?api_key={key}&language=%FF"),
            format!("{SEASON}?api_key={key}&language=%ZZ"),
            format!("{SEASON}?api_key={key}&append_to_response=%00,%FF,,"),
            format!("{SEASON}/images?api_key={key}&include_image_language=,,null,NULL,"),
            format!("{SEASON}?api_key={key}&page=-1&region=ZZZ&watch_region=1"),
            format!("{SEASON}?api_key=%FF"),
            format!("{SEASON}//?api_key={key}"),
            format!("{SEASON_CHANGES}?api_key={key}&start_date=9999-12-31"),
            format!("{SEASON_CHANGES}?api_key={key}&end_date=0001-01-01"),
            format!("{SEASON_CHANGES}?api_key={key}&start_date=-2016-01-01"),
            format!("{EPISODE_CHANGES}?api_key={key}&page=99999999999999999999"),
            format!("/3/tv/9223372036854775807/season/9223372036854775807?api_key={key}"),
            format!("{long}?api_key={key}"),
            "/3/%2e%2e/%2e%2e/etc/passwd".to_owned(),
            "/3/tv/1399/season/1?".to_owned(),
        ];
        for uri in &uris {
            requests.push(request(Method::GET, uri));
        }
        for auth in ["Bearer", "Bearer ", "Basic abc", "bearer  x y", ""] {
            requests.push(
                Request::get(SEASON)
                    .header("authorization", auth)
                    .body(Body::empty())
                    .unwrap(),
            );
        }
        for (name, value) in [
            ("if-none-match", "garbage, W/, \"\""),
            ("accept-encoding", "br;q=1, gzip;q=0, *;q=0"),
            ("accept", "text/html"),
            ("origin", "null"),
        ] {
            requests.push(
                Request::get(keyed(&app, SEASON))
                    .header(name, value)
                    .body(Body::empty())
                    .unwrap(),
            );
        }
        requests.push(request(Method::TRACE, &keyed(&app, SEASON)));
        requests.push(request(Method::CONNECT, &keyed(&app, SEASON)));
        for uri in demo_routes() {
            requests.push(request(Method::GET, &keyed(&app, &uri)));
            requests.push(request(Method::HEAD, &keyed(&app, &uri)));
            requests.push(request(Method::DELETE, &keyed(&app, &uri)));
        }
        for req in requests {
            let context = format!("{} {}", req.method(), req.uri());
            let r = app.send(req).await;
            assert_ne!(r.status.as_u16(), 500, "{context}");
            if r.status.is_client_error() || r.status.is_server_error() {
                assert_envelope(&r, &context);
            } else {
                assert!(
                    r.status == StatusCode::OK || r.status == StatusCode::NOT_MODIFIED,
                    "{context}: {}",
                    r.status
                );
            }
        }
        app.cleanup().await;
    }
}

// ---------------------------------------------------------------------------------------------
// 2. Authentication
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn bearer_token_alone_authenticates() {
    for engine in engines() {
        let app = demo(engine).await;
        let plain = app.get(SEASON).await;
        assert_eq!(plain.status, StatusCode::OK);
        for (path, scheme) in [
            (SEASON, "Bearer"),
            ("/3/authentication", "Bearer"),
            (EPISODE, "bearer"),
        ] {
            let r = app
                .send(
                    Request::get(path)
                        .header("authorization", format!("{scheme} {}", app.key))
                        .body(Body::empty())
                        .unwrap(),
                )
                .await;
            assert_eq!(r.status, StatusCode::OK, "{path}");
            if path == SEASON {
                assert_eq!(r.body, plain.body);
            }
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn api_key_in_upper_case_authenticates() {
    for engine in engines() {
        let app = demo(engine).await;
        let upper = app.key.to_ascii_uppercase();
        assert_ne!(upper, app.key, "the key has letters");
        let r = app
            .send(request(Method::GET, &format!("{SEASON}?api_key={upper}")))
            .await;
        assert_eq!(r.status, StatusCode::OK);
        let r = app
            .send(
                Request::get("/3/authentication")
                    .header("authorization", format!("Bearer {upper}"))
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn auth_not_required_serves_without_a_key() {
    for engine in engines() {
        let mut app = demo(engine).await;
        app.config = HttpConfig {
            auth_required: false,
            ..HttpConfig::default()
        };
        for uri in demo_routes() {
            let r = app.send(request(Method::GET, &uri)).await;
            assert_eq!(r.status, StatusCode::OK, "{uri}");
        }
        let v: Value = app
            .send(request(Method::GET, "/3/authentication"))
            .await
            .json();
        assert_eq!(v["success"], Value::Bool(true));
        // Errors other than auth still apply.
        app.send(request(Method::GET, "/3/nope"))
            .await
            .assert_error(404, 34);
        app.cleanup().await;
    }
}

// ---------------------------------------------------------------------------------------------
// 3. Headers and liberal parsing
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn content_type_is_json_charset_utf8_on_success_and_error() {
    for engine in engines() {
        let app = demo(engine).await;
        for uri in demo_routes() {
            let r = app.get(&uri).await;
            assert_eq!(r.status, StatusCode::OK, "{uri}");
            assert_eq!(
                header(&r, "content-type"),
                Some("application/json;charset=utf-8"),
                "{uri}"
            );
        }
        for r in [
            app.get("/3/nope").await,
            app.send(request(Method::GET, SEASON)).await,
            app.get(&format!("{SEASON}?language=english")).await,
        ] {
            assert_eq!(
                header(&r, "content-type"),
                Some("application/json;charset=utf-8")
            );
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn successful_reads_carry_weak_etag_and_cache_control() {
    for engine in engines() {
        let app = demo(engine).await;
        let mut etags = Vec::new();
        for uri in demo_routes() {
            let r = app.get(&uri).await;
            assert_eq!(r.status, StatusCode::OK, "{uri}");
            let etag = header(&r, "etag").unwrap_or_else(|| panic!("{uri}: no ETag"));
            assert!(
                etag.starts_with("W/\"") && etag.ends_with('"') && etag.len() > 4,
                "{uri}: {etag}"
            );
            assert!(!etag[3..etag.len() - 1].contains('"'), "{uri}: {etag}");
            assert_eq!(
                header(&r, "cache-control"),
                Some("public, max-age=28800"),
                "{uri}"
            );
            // Stable for the same content.
            let again = app.get(&uri).await;
            assert_eq!(header(&again, "etag"), Some(etag), "{uri}");
            etags.push(etag.to_owned());
        }
        let distinct: std::collections::HashSet<_> = etags.iter().collect();
        assert_eq!(
            distinct.len(),
            etags.len(),
            "different bodies, different ETags"
        );
        // The ETag follows the body: another language, another tag.
        let fr = app.get(&format!("{EPISODE}?language=fr-FR")).await;
        let en = app.get(EPISODE).await;
        assert_ne!(header(&fr, "etag"), header(&en, "etag"));
        app.cleanup().await;
    }
}

#[tokio::test]
async fn cache_max_age_follows_the_config() {
    for engine in engines() {
        let mut app = demo(engine).await;
        app.config = HttpConfig {
            cache_max_age: 60,
            ..HttpConfig::default()
        };
        let r = app.get(SEASON).await;
        assert_eq!(header(&r, "cache-control"), Some("public, max-age=60"));
        app.cleanup().await;
    }
}

#[tokio::test]
async fn if_none_match_with_the_etag_is_304_with_empty_body() {
    for engine in engines() {
        let app = demo(engine).await;
        for uri in [SEASON.to_owned(), format!("{EPISODE}/credits")] {
            let first = app.get(&uri).await;
            let etag = header(&first, "etag").unwrap().to_owned();
            let strong = etag.trim_start_matches("W/").to_owned();
            for inm in [
                etag.clone(),
                strong.clone(),
                format!("W/\"other\", {etag}"),
                "*".to_owned(),
            ] {
                let r = app
                    .send(
                        Request::get(keyed(&app, &uri))
                            .header("if-none-match", &inm)
                            .body(Body::empty())
                            .unwrap(),
                    )
                    .await;
                assert_eq!(
                    r.status,
                    StatusCode::NOT_MODIFIED,
                    "{uri} If-None-Match {inm}"
                );
                assert!(r.body.is_empty(), "{uri}: 304 with a body");
                assert_eq!(header(&r, "etag"), Some(etag.as_str()), "{uri}");
            }
            // Also when gzip is asked for.
            let r = app
                .send(
                    Request::get(keyed(&app, &uri))
                        .header("if-none-match", &etag)
                        .header("accept-encoding", "gzip")
                        .body(Body::empty())
                        .unwrap(),
                )
                .await;
            assert_eq!(r.status, StatusCode::NOT_MODIFIED);
            assert!(r.body.is_empty());
            // Another tag: the full response.
            let r = app
                .send(
                    Request::get(keyed(&app, &uri))
                        .header("if-none-match", "W/\"0000\"")
                        .body(Body::empty())
                        .unwrap(),
                )
                .await;
            assert_eq!(r.status, StatusCode::OK);
            assert_eq!(r.body, first.body);
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn head_is_answered_like_get_without_a_body() {
    for engine in engines() {
        let app = demo(engine).await;
        let get = app.get(SEASON).await;
        let head = app.send(request(Method::HEAD, &keyed(&app, SEASON))).await;
        assert_eq!(head.status, StatusCode::OK);
        assert!(head.body.is_empty());
        assert_eq!(header(&head, "etag"), header(&get, "etag"));
        assert_eq!(
            header(&head, "cache-control"),
            header(&get, "cache-control")
        );
        app.cleanup().await;
    }
}

#[tokio::test]
async fn errors_carry_neither_etag_nor_cache_control() {
    for engine in engines() {
        let app = demo(engine).await;
        let replies = [
            app.get("/3/nope").await,
            app.get("/3/tv/1399/season/9").await,
            app.send(request(Method::GET, SEASON)).await,
            app.get(&format!("{SEASON}?language=english")).await,
            app.send(request(Method::POST, &keyed(&app, SEASON))).await,
            app.get(&format!("{SEASON_CHANGES}?page=0")).await,
        ];
        for r in &replies {
            assert!(r.status.is_client_error());
            assert!(header(r, "etag").is_none());
            assert!(header(r, "cache-control").is_none());
            // Even when the client holds a tag.
        }
        let r = app
            .send(
                Request::get(keyed(&app, "/3/tv/1399/season/9"))
                    .header("if-none-match", "*")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        r.assert_error(404, 34);
        assert!(header(&r, "cache-control").is_none());
        app.cleanup().await;
    }
}

#[tokio::test]
async fn vary_is_accept_encoding_origin() {
    for engine in engines() {
        let app = demo(engine).await;
        let with = |name: &'static str, value: &'static str| {
            Request::get(keyed(&app, SEASON))
                .header(name, value)
                .body(Body::empty())
                .unwrap()
        };
        let replies = [
            app.get(SEASON).await,
            app.get("/3/nope").await,
            app.send(with("accept-encoding", "gzip")).await,
            app.send(with("origin", "http://x")).await,
        ];
        for r in &replies {
            let all: Vec<_> = r.headers.get_all("vary").iter().collect();
            assert_eq!(all.len(), 1, "one Vary header: {all:?}");
            assert_eq!(all[0], "Accept-Encoding, Origin");
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn origin_gets_cors_headers_exposing_etag_and_retry_after() {
    for engine in engines() {
        let app = demo(engine).await;
        for (uri, status) in [
            (keyed(&app, SEASON), 200),
            (keyed(&app, "/3/nope"), 404),
            (SEASON.to_owned(), 401),
        ] {
            let r = app
                .send(
                    Request::get(&uri)
                        .header("origin", "http://x")
                        .body(Body::empty())
                        .unwrap(),
                )
                .await;
            assert_eq!(r.status.as_u16(), status, "{uri}");
            assert_eq!(
                header(&r, "access-control-allow-origin"),
                Some("*"),
                "{uri}"
            );
            let exposed: Vec<String> = header(&r, "access-control-expose-headers")
                .unwrap_or_else(|| panic!("{uri}: no Access-Control-Expose-Headers"))
                .split(',')
                .map(|h| h.trim().to_ascii_lowercase())
                .collect();
            for h in [
                "etag",
                "retry-after",
                "x-ratelimit-limit",
                "x-ratelimit-remaining",
                "x-ratelimit-reset",
            ] {
                assert!(exposed.iter().any(|e| e == h), "{uri}: {h} in {exposed:?}");
            }
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn cors_preflight_is_answered_without_a_key() {
    for engine in engines() {
        let app = demo(engine).await;
        for path in [SEASON, EPISODE, "/3/authentication"] {
            let r = app
                .send(
                    Request::builder()
                        .method(Method::OPTIONS)
                        .uri(path)
                        .header("origin", "http://x")
                        .header("access-control-request-method", "GET")
                        .header("access-control-request-headers", "authorization")
                        .body(Body::empty())
                        .unwrap(),
                )
                .await;
            assert!(r.status.is_success(), "{path}: {}", r.status);
            assert_eq!(header(&r, "access-control-allow-origin"), Some("*"));
            let methods = header(&r, "access-control-allow-methods")
                .unwrap()
                .to_ascii_uppercase();
            assert!(methods.contains("GET"), "{methods}");
            // A wildcard does not cover `Authorization` (Fetch standard): it must be named,
            // or a browser client sending a bearer token is refused.
            let allowed = header(&r, "access-control-allow-headers")
                .unwrap()
                .to_ascii_lowercase();
            assert!(
                allowed.split(',').any(|h| h.trim() == "authorization"),
                "{path}: Access-Control-Allow-Headers: {allowed}"
            );
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn gzip_is_served_when_asked_and_unzips_to_the_plain_body() {
    for engine in engines() {
        let app = demo(engine).await;
        for uri in [
            SEASON.to_owned(),
            SEED.to_owned(),
            format!("{SEASON}/images"),
        ] {
            let plain = app.get(&uri).await;
            assert!(header(&plain, "content-encoding").is_none());
            let r = app
                .send(
                    Request::get(keyed(&app, &uri))
                        .header("accept-encoding", "gzip")
                        .body(Body::empty())
                        .unwrap(),
                )
                .await;
            assert_eq!(r.status, StatusCode::OK);
            assert_eq!(header(&r, "content-encoding"), Some("gzip"), "{uri}");
            assert!(r.body.len() < plain.body.len(), "{uri}: not smaller");
            assert_eq!(gunzip(&r.body), plain.body, "{uri}");
            assert_eq!(
                header(&r, "content-type"),
                Some("application/json;charset=utf-8")
            );
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn trailing_slash_is_served_like_without() {
    for engine in engines() {
        let app = demo(engine).await;
        for uri in [
            SEASON.to_owned(),
            format!("{SEASON}/credits"),
            format!("{SEASON}/watch/providers"),
            EPISODE.to_owned(),
            format!("{EPISODE}/images"),
            "/3/authentication".to_owned(),
        ] {
            let plain = app.get(&uri).await;
            assert_eq!(plain.status, StatusCode::OK, "{uri}");
            let slash = app.get(&format!("{uri}/")).await;
            assert_eq!(slash.status, StatusCode::OK, "{uri}/");
            assert_eq!(slash.body, plain.body, "{uri}/");
        }
        let fr = app.get(&format!("{SEASON}/?language=fr-FR")).await;
        assert_eq!(
            fr.body,
            app.get(&format!("{SEASON}?language=fr-FR")).await.body
        );
        app.cleanup().await;
    }
}

#[tokio::test]
async fn empty_query_segments_are_accepted() {
    for engine in engines() {
        let app = demo(engine).await;
        let plain = app.get(SEASON).await;
        let key = &app.key;
        for uri in [
            format!("{SEASON}?api_key={key}&&language=en-US"),
            format!("{SEASON}?&api_key={key}&"),
            format!("{SEASON}?&&api_key={key}&&&language=&append_to_response="),
            format!("{SEASON}?=x&api_key={key}"),
        ] {
            let r = app.send(request(Method::GET, &uri)).await;
            assert_eq!(r.status, StatusCode::OK, "{uri}");
            assert_eq!(r.body, plain.body, "{uri}");
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn repeated_params_are_accepted_first_non_empty_wins() {
    for engine in engines() {
        let app = demo(engine).await;
        let key = &app.key;
        let fr = app.get(&format!("{EPISODE}?language=fr-FR")).await;
        for uri in [
            format!("{EPISODE}?language=fr-FR&language=de-DE&api_key={key}&api_key={key}"),
            format!("{EPISODE}?language=&language=fr-FR&api_key=&api_key={key}"),
        ] {
            let r = app.send(request(Method::GET, &uri)).await;
            assert_eq!(r.status, StatusCode::OK, "{uri}");
            assert_eq!(r.body, fr.body, "{uri}");
        }
        let r = app
            .get_json(&format!(
                "{EPISODE}?append_to_response=credits&append_to_response=images"
            ))
            .await;
        assert!(r["credits"].is_object());
        app.cleanup().await;
    }
}

// ---------------------------------------------------------------------------------------------
// 4. Language
// ---------------------------------------------------------------------------------------------

fn translation<'a>(translations: &'a Value, lang: &str, region: &str) -> &'a Value {
    translations["translations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["iso_639_1"] == lang && t["iso_3166_1"] == region)
        .unwrap_or_else(|| panic!("no {lang}-{region} translation"))
}

#[tokio::test]
async fn episode_details_in_french_come_from_the_translations() {
    for engine in engines() {
        let app = demo(engine).await;
        let translations = app.get_json(&format!("{EPISODE}/translations")).await;
        let fr = &translation(&translations, "fr", "FR")["data"];
        let en = app.get_json(EPISODE).await;
        let got = app.get_json(&format!("{EPISODE}?language=fr-FR")).await;
        assert_eq!(got["name"], fr["name"]);
        assert_eq!(got["overview"], fr["overview"]);
        assert_ne!(
            got["name"], en["name"],
            "the French name differs from English"
        );
        assert_ne!(got["overview"], en["overview"]);
        // The season lists the episode under its French name too.
        let season = app.get_json(&format!("{SEASON}?language=fr-FR")).await;
        let first = &season["episodes"][0];
        assert_eq!(first["id"], 63056);
        assert_eq!(first["name"], fr["name"]);
        assert_eq!(first["overview"], fr["overview"]);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn every_translation_is_served_for_its_language_and_region() {
    for engine in engines() {
        let app = demo(engine).await;
        for (base, only) in [(EPISODE, None), (SEASON, Some(["ko", "pt", "zh", "fr"]))] {
            let translations = app.get_json(&format!("{base}/translations")).await;
            for t in translations["translations"].as_array().unwrap() {
                let (l, r) = (
                    t["iso_639_1"].as_str().unwrap(),
                    t["iso_3166_1"].as_str().unwrap(),
                );
                if only.is_some_and(|o| !o.contains(&l)) {
                    continue;
                }
                let got = app.get_json(&format!("{base}?language={l}-{r}")).await;
                assert_eq!(got["name"], t["data"]["name"], "{base} {l}-{r}");
                assert_eq!(got["overview"], t["data"]["overview"], "{base} {l}-{r}");
            }
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn untranslated_language_gives_empty_name_and_overview_never_english() {
    for engine in engines() {
        let app = demo(engine).await;
        for lang in ["xx", "xx-XX", "aa"] {
            let ep = app.get_json(&format!("{EPISODE}?language={lang}")).await;
            assert_eq!(ep["name"], "", "{lang}");
            assert_eq!(ep["overview"], "", "{lang}");
            let season = app.get_json(&format!("{SEASON}?language={lang}")).await;
            assert_eq!(season["name"], "", "{lang}");
            assert_eq!(season["overview"], "", "{lang}");
            for e in season["episodes"].as_array().unwrap() {
                assert_eq!(e["name"], "", "{lang}");
                assert_eq!(e["overview"], "", "{lang}");
            }
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn language_without_region_picks_that_languages_translation() {
    for engine in engines() {
        let app = demo(engine).await;
        let translations = app.get_json(&format!("{EPISODE}/translations")).await;
        let fr: Vec<&Value> = translations["translations"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["iso_639_1"] == "fr")
            .map(|t| &t["data"])
            .collect();
        assert!(!fr.is_empty());
        let got = app.get_json(&format!("{EPISODE}?language=fr")).await;
        assert!(
            fr.iter()
                .any(|d| d["name"] == got["name"] && d["overview"] == got["overview"]),
            "{} is no fr translation",
            got["name"]
        );
        assert_ne!(got["name"], "");
        // A region the catalog lacks still gets that language.
        let be = app.get_json(&format!("{EPISODE}?language=fr-BE")).await;
        assert!(fr.iter().any(|d| d["name"] == be["name"]));
        // And the exact region when it exists.
        let ca = &translation(&translations, "fr", "CA")["data"];
        let got = app.get_json(&format!("{EPISODE}?language=fr-CA")).await;
        assert_eq!(got["overview"], ca["overview"]);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn person_and_character_names_are_not_translated() {
    for engine in engines() {
        let app = demo(engine).await;
        let en = app.get_json(EPISODE).await;
        let en_season = app.get_json(SEASON).await;
        let en_credits = app.get_json(&format!("{EPISODE}/credits")).await;
        let en_agg = app.get_json(&format!("{SEASON}/aggregate_credits")).await;
        assert!(!en["guest_stars"].as_array().unwrap().is_empty());
        assert!(!en["crew"].as_array().unwrap().is_empty());
        for lang in ["fr-FR", "ru-RU", "zh-CN", "xx"] {
            let got = app.get_json(&format!("{EPISODE}?language={lang}")).await;
            assert_eq!(got["guest_stars"], en["guest_stars"], "{lang}");
            assert_eq!(got["crew"], en["crew"], "{lang}");
            let season = app.get_json(&format!("{SEASON}?language={lang}")).await;
            for (a, b) in season["episodes"]
                .as_array()
                .unwrap()
                .iter()
                .zip(en_season["episodes"].as_array().unwrap())
            {
                assert_eq!(a["guest_stars"], b["guest_stars"], "{lang}");
                assert_eq!(a["crew"], b["crew"], "{lang}");
            }
            let credits = app
                .get_json(&format!("{EPISODE}/credits?language={lang}"))
                .await;
            assert_eq!(credits, en_credits, "{lang}");
            let agg = app
                .get_json(&format!("{SEASON}/aggregate_credits?language={lang}"))
                .await;
            assert_eq!(agg, en_agg, "{lang}");
        }
        app.cleanup().await;
    }
}

// ---------------------------------------------------------------------------------------------
// 5. append_to_response
// ---------------------------------------------------------------------------------------------

/// Each sub-resource appended alone, then all together: each under exactly its name, equal to
/// the standalone request minus `id`; the rest of the body unchanged.
async fn check_appends(app: &TestApp, base: &str, subs: &[&str], id: i64, extra: &str) {
    let plain = app.get_json(&format!("{base}?{extra}")).await;
    let mut standalone = serde_json::Map::new();
    for name in subs {
        let alone = app.get_json(&format!("{base}/{name}?{extra}")).await;
        assert_eq!(alone["id"], id, "{base}/{name}");
        standalone.insert((*name).to_owned(), without_id(alone));
    }
    for name in subs {
        let got = app
            .get_json(&format!("{base}?append_to_response={name}&{extra}"))
            .await;
        assert_eq!(got[*name], standalone[*name], "{base} + {name} ({extra})");
        let mut rest = got.clone();
        rest.as_object_mut().unwrap().remove(*name);
        assert_eq!(rest, plain, "{base} + {name}: the details changed");
    }
    let all = app
        .get_json(&format!(
            "{base}?append_to_response={}&{extra}",
            subs.join(",")
        ))
        .await;
    let mut rest = all.clone();
    for name in subs {
        assert_eq!(all[*name], standalone[*name], "{base} + all: {name}");
        rest.as_object_mut().unwrap().remove(*name);
    }
    assert_eq!(rest, plain, "{base} + all: the details changed");
    assert_eq!(
        all.as_object().unwrap().len(),
        plain.as_object().unwrap().len() + subs.len()
    );
}

#[tokio::test]
async fn season_append_to_response_adds_each_sub_resource_under_its_name() {
    for engine in engines() {
        let app = demo(engine).await;
        check_appends(&app, SEASON, SEASON_SUBS, 3624, "").await;
        check_appends(&app, SEASON, SEASON_SUBS, 3624, "language=fr-FR").await;
        // `watch/providers` percent-encoded is the same name.
        let got = app
            .get_json(&format!("{SEASON}?append_to_response=watch%2Fproviders"))
            .await;
        let alone = app.get_json(&format!("{SEASON}/watch/providers")).await;
        assert_eq!(got["watch/providers"], without_id(alone));
        app.cleanup().await;
    }
}

#[tokio::test]
async fn episode_append_to_response_adds_each_sub_resource_under_its_name() {
    for engine in engines() {
        let app = demo(engine).await;
        check_appends(&app, EPISODE, EPISODE_SUBS, 63056, "").await;
        check_appends(&app, EPISODE, EPISODE_SUBS, 63056, "language=ko-KR").await;
        app.cleanup().await;
    }
}

#[tokio::test]
async fn unknown_append_names_are_ignored_and_duplicates_are_fine() {
    for engine in engines() {
        let app = demo(engine).await;
        for (base, sub) in [(SEASON, "credits"), (EPISODE, "credits")] {
            let one = app
                .get_json(&format!("{base}?append_to_response={sub}"))
                .await;
            for list in [
                format!("bogus,{sub},Credits,reviews,similar"),
                format!("{sub},{sub}"),
                format!("{sub},%20{sub}%20,,"),
                format!("{sub},bogus,{sub}"),
            ] {
                let got = app
                    .get_json(&format!("{base}?append_to_response={list}"))
                    .await;
                assert_eq!(got, one, "{base} append {list}");
            }
            let plain = app.get_json(base).await;
            let only_unknown = app
                .get_json(&format!("{base}?append_to_response=bogus,movie,credits/x"))
                .await;
            assert_eq!(only_unknown, plain);
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn appended_images_and_videos_honour_the_language_filters() {
    for engine in engines() {
        let app = demo(engine).await;
        for (base, subs) in [
            (SEASON, &["images", "videos"][..]),
            (EPISODE, &["images", "videos"][..]),
        ] {
            for query in [
                "language=en",
                "language=fr",
                "language=en&include_image_language=en,null",
                "language=fr&include_image_language=null&include_video_language=en",
                "include_image_language=null",
                "include_video_language=fr",
            ] {
                let got = app
                    .get_json(&format!("{base}?append_to_response=images,videos&{query}"))
                    .await;
                for sub in subs {
                    let alone = app.get_json(&format!("{base}/{sub}?{query}")).await;
                    assert_eq!(got[*sub], without_id(alone), "{base} {sub} ?{query}");
                }
            }
        }
        // And the filter bites: only English posters when asked.
        let got = app
            .get_json(&format!("{SEASON}?append_to_response=images&language=en"))
            .await;
        let posters = got["images"]["posters"].as_array().unwrap();
        assert!(!posters.is_empty());
        assert!(posters.iter().all(|p| p["iso_639_1"] == "en"));
        app.cleanup().await;
    }
}

// ---------------------------------------------------------------------------------------------
// 6. Image and video filters
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn images_filter_by_language_and_include_image_language() {
    let source = demo_record("/3/tv/1399/season/1/images");
    let all_posters = source["posters"].as_array().unwrap().clone();
    for engine in engines() {
        let app = demo(engine).await;
        let a = &app;
        let get = |q: &str| {
            let uri = format!("{SEASON}/images?{q}");
            async move {
                let v = a.get_json(&uri).await;
                assert_eq!(v["id"], 3624);
                v["posters"].as_array().unwrap().clone()
            }
        };
        // No parameters: every poster.
        let all = get("").await;
        let mut got = paths(&all);
        let mut expected = paths(&all_posters);
        got.sort();
        expected.sort();
        assert_eq!(got, expected);
        assert_votes_descending(&all, "all");

        let cases: &[(&str, &[Option<&str>])] = &[
            ("language=en", &[Some("en")]),
            ("language=en-US", &[Some("en")]),
            ("language=fr-FR", &[Some("fr")]),
            (
                "language=en&include_image_language=en,null",
                &[Some("en"), None],
            ),
            ("include_image_language=en,null", &[Some("en"), None]),
            (
                "language=en&include_image_language=null",
                &[Some("en"), None],
            ),
            (
                "language=en&include_image_language=fr",
                &[Some("en"), Some("fr")],
            ),
            ("include_image_language=null", &[None]),
            ("language=xx", &[]),
        ];
        for (query, allowed) in cases {
            let list = get(query).await;
            assert!(
                list.iter()
                    .all(|i| allowed.contains(&i["iso_639_1"].as_str())),
                "?{query}: other languages"
            );
            let mut got = paths(&list);
            let mut expected = paths_where(&all_posters, allowed);
            got.sort();
            expected.sort();
            assert_eq!(got, expected, "?{query}");
            assert_votes_descending(&list, query);
        }
        assert!(!get("language=en").await.is_empty());
        assert!(!get("include_image_language=null").await.is_empty());

        // Episode stills carry no language: a language alone keeps none, `null` keeps all.
        let stills = |q: &'static str| async move {
            a.get_json(&format!("{EPISODE}/images?{q}")).await["stills"]
                .as_array()
                .unwrap()
                .clone()
        };
        let all_stills = stills("").await;
        assert_eq!(all_stills.len(), 15);
        assert_votes_descending(&all_stills, "stills");
        assert!(stills("language=en").await.is_empty());
        assert_eq!(
            stills("language=en&include_image_language=null").await,
            all_stills
        );
        app.cleanup().await;
    }
}

fn video(id: &str, lang: &str, region: &str, published_at: &str) -> Value {
    serde_json::json!({
        "iso_639_1": lang,
        "iso_3166_1": region,
        "name": format!("Clip {lang}"),
        "key": format!("key{id}"),
        "site": "YouTube",
        "size": 1080,
        "type": "Clip",
        "official": true,
        "published_at": published_at,
        "id": id,
    })
}

#[tokio::test]
async fn videos_filter_by_language_and_include_video_language() {
    for engine in engines() {
        let app = demo(engine).await;
        let a = &app;
        // Season videos are all English.
        let season = |q: &'static str| async move {
            a.get_json(&format!("{SEASON}/videos?{q}")).await["results"]
                .as_array()
                .unwrap()
                .len()
        };
        let n = season("").await;
        assert_eq!(n, 16);
        assert_eq!(season("language=en-US").await, n);
        assert_eq!(season("language=fr-FR").await, 0);
        assert_eq!(season("language=fr-FR&include_video_language=en").await, n);
        assert_eq!(season("include_video_language=fr").await, 0);

        // Episode videos in three languages.
        app.import(
            "/3/tv/1399/season/1/episode/1/videos",
            &serde_json::json!({
                "id": 63056,
                "results": [
                    video("5c9294240e0a267cd516835f", "en", "US", "2019-03-20T16:00:00.000Z"),
                    video("5c9294240e0a267cd5168360", "fr", "FR", "2019-03-19T16:00:00.000Z"),
                    video("5c9294240e0a267cd5168361", "de", "DE", "2019-03-18T16:00:00.000Z"),
                ]
            }),
        )
        .await;
        let langs = |q: &'static str| async move {
            a.get_json(&format!("{EPISODE}/videos?{q}")).await["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v["iso_639_1"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(langs("").await, ["en", "fr", "de"]);
        assert_eq!(langs("language=fr-FR").await, ["fr"]);
        assert_eq!(
            langs("language=fr&include_video_language=en").await,
            ["en", "fr"]
        );
        assert_eq!(langs("include_video_language=de,fr").await, ["fr", "de"]);
        assert_eq!(langs("language=ko").await, Vec::<String>::new());
        // include_image_language does not filter videos.
        assert_eq!(langs("include_image_language=de").await, ["en", "fr", "de"]);
        app.cleanup().await;
    }
}

// ---------------------------------------------------------------------------------------------
// 7-8. The demo catalog
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn demo_catalog_serves_the_seed_exactly() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../reeldb-import/demo/catalog.jsonl"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let last: Value =
        serde_json::from_str(text.lines().rfind(|l| !l.trim().is_empty()).unwrap()).unwrap();
    assert_eq!(last["request"], SEED);
    for engine in engines() {
        let app = demo(engine).await;
        let got = app.get_json(SEED).await;
        // Exact: no number normalisation (`8.0` is not `8`).
        if got != last["response"] {
            common::assert_same_json(&got, &last["response"], "seed (normalised)");
            panic!("seed differs only in number representation");
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn aggregate_credits_totals_are_the_sum_of_roles_and_cast_is_by_total() {
    for engine in engines() {
        let app = demo(engine).await;
        let agg = app.get_json(&format!("{SEASON}/aggregate_credits")).await;
        assert_eq!(agg["id"], 3624);
        let cast = agg["cast"].as_array().unwrap();
        let crew = agg["crew"].as_array().unwrap();
        assert!(!cast.is_empty() && !crew.is_empty());
        let sum = |list: &Value| -> i64 {
            list.as_array()
                .unwrap()
                .iter()
                .map(|r| r["episode_count"].as_i64().unwrap())
                .sum()
        };
        for c in cast {
            assert!(!c["roles"].as_array().unwrap().is_empty(), "{}", c["name"]);
            assert_eq!(
                c["total_episode_count"].as_i64().unwrap(),
                sum(&c["roles"]),
                "{}",
                c["name"]
            );
        }
        for c in crew {
            assert_eq!(
                c["total_episode_count"].as_i64().unwrap(),
                sum(&c["jobs"]),
                "{} {}",
                c["name"],
                c["department"]
            );
        }
        let totals: Vec<i64> = cast
            .iter()
            .map(|c| c["total_episode_count"].as_i64().unwrap())
            .collect();
        assert!(
            totals.windows(2).all(|w| w[0] >= w[1]),
            "cast not by total_episode_count descending: {totals:?}"
        );
        // One entry per person in the cast.
        let ids: std::collections::HashSet<_> = cast.iter().map(|c| c["id"].as_i64()).collect();
        assert_eq!(ids.len(), cast.len());
        app.cleanup().await;
    }
}
