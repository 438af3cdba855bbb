//! Statements per operation: every served operation runs a fixed number of SQL statements,
//! whatever the size of its lists. Two catalogs of the same shape, one with a small season (2
//! episodes of 2 guests) and one with a large one (30 episodes of 40 guests, crew, translations,
//! stills), must cost each operation the same number of statements, and no more than its bound.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::body::Body;
use common::{TestApp, engines};
use http::{Request, StatusCode};
use http_body_util::BodyExt;
use reeldb_http::{AppState, HttpConfig};
use serde_json::{Value, json};
use tower::ServiceExt;

const SERIES: i64 = 7001;
const SEASON_ID: i64 = 8001;

fn person(id: i64) -> Value {
    json!({"adult": false, "gender": 2, "id": id, "known_for_department": "Acting",
           "name": format!("Person {id}"), "original_name": format!("Person {id}"),
           "popularity": 1.5, "profile_path": null})
}

fn with(mut base: Value, extra: Value) -> Value {
    if let (Some(b), Some(e)) = (base.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            b.insert(k.clone(), v.clone());
        }
    }
    base
}

fn episode_id(n: i64) -> i64 {
    SEASON_ID * 100 + n
}

/// Season details with every episode's crew and guests, plus the season's own appended parts.
fn season_record(episodes: i64, guests: i64) -> (String, Value) {
    let eps: Vec<Value> = (1..=episodes)
        .map(|n| {
            let guest_stars: Vec<Value> = (0..guests)
                .map(|g| {
                    with(
                        person(100_000 + n * 1000 + g),
                        json!({"character": format!("Guest {g}"),
                               "credit_id": format!("g{:022}", n * 1000 + g), "order": g}),
                    )
                })
                .collect();
            let crew: Vec<Value> = (0..3)
                .map(|c| {
                    with(
                        person(200_000 + n * 10 + c),
                        json!({"department": "Directing", "job": "Director",
                               "credit_id": format!("c{:022}", n * 10 + c)}),
                    )
                })
                .collect();
            json!({"air_date": "2020-01-01", "episode_number": n, "episode_type": "standard",
                   "id": episode_id(n), "name": format!("Episode {n}"), "overview": "",
                   "production_code": "", "runtime": 50, "season_number": 1, "show_id": SERIES,
                   // Every other episode names no still: season details then pick its best.
                   "still_path": if n % 2 == 0 { Value::Null } else { json!(format!("/s{n}.jpg")) },
                   "vote_average": 7.5, "vote_count": 10, "crew": crew, "guest_stars": guest_stars})
        })
        .collect();
    let cast: Vec<Value> = (0..5)
        .map(|c| {
            with(
                person(300_000 + c),
                json!({"character": format!("Lead {c}"),
                       "credit_id": format!("r{c:023}"), "order": c}),
            )
        })
        .collect();
    let response = json!({
        "_id": "5256c89f19c2956ff6046d47", "air_date": "2020-01-01", "episodes": eps,
        "name": "Season 1", "networks": [{"id": 49, "logo_path": "/n.png", "name": "HBO", "origin_country": "US"}],
        "overview": "", "id": SEASON_ID, "poster_path": "/p.jpg", "season_number": 1, "vote_average": 7.5,
        "credits": {"cast": cast, "crew": []},
        "external_ids": {"freebase_mid": null, "freebase_id": null, "tvdb_id": 1, "tvrage_id": null, "wikidata_id": null},
        "images": {"posters": [{"aspect_ratio": 0.667, "height": 1500, "iso_639_1": "en", "file_path": "/p.jpg",
                                "vote_average": 5.0, "vote_count": 1, "width": 1000}]},
        "translations": {"translations": [{"iso_3166_1": "FR", "iso_639_1": "fr", "name": "Français", "english_name": "French",
                                            "data": {"name": "Saison 1", "overview": ""}}]},
        "videos": {"results": []},
    });
    (
        format!(
            "/3/tv/{SERIES}/season/1?append_to_response=credits,external_ids,images,translations,videos"
        ),
        response,
    )
}

/// Stills, translations and videos of one episode.
fn episode_records(n: i64) -> Vec<(String, Value)> {
    let base = format!("/3/tv/{SERIES}/season/1/episode/{n}");
    let stills: Vec<Value> = (0..4)
        .map(|i| {
            json!({"aspect_ratio": 1.778, "height": 1080, "iso_639_1": null,
                   "file_path": format!("/e{n}-{i}.jpg"), "vote_average": i as f64, "vote_count": i, "width": 1920})
        })
        .collect();
    vec![
        (
            format!("{base}/images"),
            json!({"id": episode_id(n), "stills": stills}),
        ),
        (
            format!("{base}/translations"),
            json!({"id": episode_id(n), "translations": [
                {"iso_3166_1": "FR", "iso_639_1": "fr", "name": "Français", "english_name": "French",
                 "data": {"name": format!("Épisode {n}"), "overview": ""}},
                {"iso_3166_1": "DE", "iso_639_1": "de", "name": "Deutsch", "english_name": "German",
                 "data": {"name": format!("Folge {n}"), "overview": ""}}]}),
        ),
        (
            format!("{base}/external_ids"),
            json!({"id": episode_id(n), "imdb_id": format!("tt{n:07}"), "freebase_mid": null,
                   "freebase_id": null, "tvdb_id": n, "tvrage_id": null, "wikidata_id": null}),
        ),
    ]
}

/// Every served operation, as a request path (the `api_key` is added by the harness).
fn operations() -> Vec<(&'static str, String)> {
    let s = format!("/3/tv/{SERIES}/season/1");
    let e = format!("{s}/episode/2");
    vec![
        ("authentication-validate-key", "/3/authentication".into()),
        (
            "tv-season-details",
            format!(
                "{s}?language=fr-FR&append_to_response=credits,aggregate_credits,external_ids,images,translations,videos,watch/providers"
            ),
        ),
        (
            "tv-season-aggregate-credits",
            format!("{s}/aggregate_credits"),
        ),
        ("tv-season-credits", format!("{s}/credits")),
        ("tv-season-external-ids", format!("{s}/external_ids")),
        ("tv-season-images", format!("{s}/images?language=en")),
        ("tv-season-translations", format!("{s}/translations")),
        ("tv-season-videos", format!("{s}/videos")),
        ("tv-season-watch-providers", format!("{s}/watch/providers")),
        (
            "tv-season-changes-by-id",
            format!("/3/tv/season/{SEASON_ID}/changes"),
        ),
        (
            "tv-episode-details",
            format!(
                "{e}?language=de-DE&append_to_response=credits,external_ids,images,translations,videos"
            ),
        ),
        ("tv-episode-credits", format!("{e}/credits")),
        ("tv-episode-external-ids", format!("{e}/external_ids")),
        ("tv-episode-images", format!("{e}/images")),
        ("tv-episode-translations", format!("{e}/translations")),
        ("tv-episode-videos", format!("{e}/videos")),
        (
            "tv-episode-changes-by-id",
            format!("/3/tv/episode/{}/changes", episode_id(2)),
        ),
        (
            "tv-series-popular-list",
            "/3/tv/popular?language=fr-FR".into(),
        ),
        ("tv-series-top-rated-list", "/3/tv/top_rated".into()),
        (
            "tv-series-airing-today-list",
            "/3/tv/airing_today?timezone=America/New_York".into(),
        ),
        ("tv-series-on-the-air-list", "/3/tv/on_the_air".into()),
        ("tv-series-similar", format!("/3/tv/{SERIES}/similar")),
        (
            "tv-series-recommendations",
            format!("/3/tv/{SERIES}/recommendations?language=fr-FR"),
        ),
    ]
}

/// TV list entries: the series itself and `n` others sharing its genre (list fields, genres,
/// origin countries, in English and French).
fn tv_list_records(n: i64) -> Vec<(String, Value)> {
    let entries: Vec<Value> = std::iter::once(SERIES)
        .chain((1..=n).map(|i| 50_000 + i))
        .map(|id| {
            json!({"adult": false, "backdrop_path": null, "genre_ids": [18, 10765], "id": id,
                   "origin_country": ["US", "GB"], "original_language": "en",
                   "original_name": format!("Show {id}"), "overview": "", "popularity": id as f64,
                   "poster_path": null, "first_air_date": "2020-01-01", "name": format!("Show {id}"),
                   "vote_average": 8.0, "vote_count": 500 + id})
        })
        .collect();
    ["en-US", "fr-FR"]
        .iter()
        .map(|lang| {
            (
                format!("/3/tv/popular?language={lang}"),
                json!({"page": 1, "results": entries, "total_pages": 1, "total_results": entries.len()}),
            )
        })
        .collect()
}

/// The most statements each operation may run, its lookup included (appended parts add their
/// own: season details above asks for all seven, episode details for all five).
fn bound(operation: &str) -> u64 {
    match operation {
        // The key was validated by an earlier request and is known in memory.
        "authentication-validate-key" => 0,
        // Lookup, row, translations, posters, networks, episodes, their translations, credits
        // and stills (9), then credits 1, aggregate 3, external ids 1, images 1,
        // translations 2, videos 1, watch providers 2.
        "tv-season-details" => 20,
        // Lookup, row, translations, credits, still (5), then credits 3 (the season's regular
        // cast when the episode lists none), external ids 1, images 1, translations 2, videos 1.
        "tv-episode-details" => 13,
        "tv-season-aggregate-credits" | "tv-episode-credits" => 4,
        "tv-season-translations" | "tv-episode-translations" | "tv-season-watch-providers" => 3,
        // Total and page, then the page's entries (series_summaries: 4).
        "tv-series-popular-list"
        | "tv-series-top-rated-list"
        | "tv-series-airing-today-list"
        | "tv-series-on-the-air-list" => 6,
        // Lookup, the ranking (total and page in one statement), the page's entries (4).
        "tv-series-similar" | "tv-series-recommendations" => 6,
        // Lookup and one read; changes look at the log's history only for unknown ids.
        _ => 2,
    }
}

async fn catalog(engine: reeldb_store::testing::TestEngine, episodes: i64, guests: i64) -> TestApp {
    let mut app = TestApp::new(engine).await;
    // No response cache: every request reaches the store (and no version checks run).
    app.config = HttpConfig {
        response_cache_bytes: 0,
        ..HttpConfig::default()
    };
    let (request, response) = season_record(episodes, guests);
    app.import(&request, &response).await;
    for (request, response) in tv_list_records(episodes * 2) {
        app.import(&request, &response).await;
    }
    // The season airs today in New York, so the airing lists have a page to read.
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::get("America/New_York").unwrap())
        .date()
        .to_string();
    app.db
        .store
        .run(move |db| db.execute("UPDATE tv_episode SET air_date = $1", &[&today]))
        .await
        .unwrap();
    for n in 1..=episodes {
        for (request, response) in episode_records(n) {
            app.import(&request, &response).await;
        }
    }
    app
}

/// GET through one long-lived app (as a server runs), expecting 200.
async fn get(state: &AppState, key: &str, path: &str) -> Value {
    let sep = if path.contains('?') { '&' } else { '?' };
    let req = Request::get(format!("{path}{sep}api_key={key}"))
        .body(Body::empty())
        .unwrap();
    let res = reeldb_http::app(state.clone()).oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    let body = res.into_body().collect().await.unwrap().to_bytes();
    serde_json::from_slice(&body).unwrap()
}

/// Statements each operation ran, in `operations()` order.
async fn counts(app: &TestApp) -> Vec<u64> {
    let state = AppState::new(app.db.store.clone(), app.config.clone());
    // The first request validates the key against the database; later ones find it in memory.
    get(&state, &app.key, "/3/authentication").await;
    let mut out = Vec::new();
    for (op, path) in operations() {
        let before = app.db.store.statements_run();
        let body = get(&state, &app.key, &path).await;
        out.push(app.db.store.statements_run() - before);
        assert!(body.is_object(), "{op}");
    }
    out
}

#[tokio::test]
async fn every_operation_runs_a_fixed_number_of_statements() {
    for engine in engines() {
        let small = catalog(engine, 2, 2).await;
        let large = catalog(engine, 30, 40).await;
        // The large catalog really is large where the operations read lists.
        let details = large.get_json(&format!("/3/tv/{SERIES}/season/1")).await;
        assert_eq!(details["episodes"].as_array().unwrap().len(), 30);
        assert_eq!(
            details["episodes"][1]["guest_stars"]
                .as_array()
                .unwrap()
                .len(),
            40
        );
        assert_eq!(details["episodes"][1]["still_path"], json!("/e2-3.jpg"));
        let (a, b) = (counts(&small).await, counts(&large).await);
        for (((op, _), s), l) in operations().iter().zip(&a).zip(&b) {
            eprintln!("{engine:?} {op}: {s} statements (small), {l} (large)");
            assert_eq!(s, l, "{engine:?} {op}: statements grow with the data");
            assert!(
                *l <= bound(op),
                "{engine:?} {op}: {l} statements, bound {}",
                bound(op)
            );
        }
        small.cleanup().await;
        large.cleanup().await;
    }
}
