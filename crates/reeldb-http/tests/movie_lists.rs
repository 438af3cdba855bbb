//! Movie lists (popular, top rated, now playing, upcoming), a movie's similar and
//! recommendations, `/3/movie/changes` and the legacy names (`casts`, `trailers`, `releases`):
//! ordering, paging, totals, release windows and regions, errors, determinism, on every engine.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::{TestApp, engines};
use reeldb_http::movie_lists::{Dated, release_window, today_utc};
use reeldb_store::Related;
use serde_json::{Value, json};

/// A movie list entry as TMDB sends it.
fn entry(id: i64, popularity: f64, vote_average: f64, vote_count: i64, genres: &[i64]) -> Value {
    json!({"adult": false, "backdrop_path": format!("/b{id}.jpg"), "genre_ids": genres, "id": id,
           "original_language": "en", "original_title": format!("Film {id}"),
           "overview": format!("About film {id}."), "popularity": popularity,
           "poster_path": format!("/p{id}.jpg"), "release_date": "2020-01-01",
           "title": format!("Film {id}"), "video": false, "vote_average": vote_average,
           "vote_count": vote_count})
}

/// Imports entries as a `/3/movie/popular` response (their list fields; the list is computed).
async fn import_entries(app: &TestApp, entries: Vec<Value>, language: &str) {
    let n = entries.len();
    let body = json!({"page": 1, "results": entries, "total_pages": 1, "total_results": n});
    app.import(&format!("/3/movie/popular?language={language}"), &body)
        .await;
}

/// Gives movie `id` these releases: `(country, date, type)`.
async fn releases(app: &TestApp, id: i64, list: &[(&str, &str, i64)]) {
    let mut countries: Vec<Value> = Vec::new();
    for (country, date, kind) in list {
        let release = json!({"certification": "", "descriptors": [], "iso_639_1": "", "note": "",
                             "release_date": format!("{date}T00:00:00.000Z"), "type": kind});
        match countries.iter_mut().find(|c| c["iso_3166_1"] == *country) {
            Some(c) => c["release_dates"].as_array_mut().unwrap().push(release),
            None => countries.push(json!({"iso_3166_1": country, "release_dates": [release]})),
        }
    }
    app.import(
        &format!("/3/movie/{id}/release_dates"),
        &json!({"id": id, "results": countries}),
    )
    .await;
}

fn ids(v: &Value) -> Vec<i64> {
    v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect()
}

fn totals(v: &Value) -> (u64, u64) {
    (
        v["total_results"].as_u64().unwrap(),
        v["total_pages"].as_u64().unwrap(),
    )
}

fn keys(v: &Value) -> Vec<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

fn days_after(date: jiff::civil::Date, days: i64) -> String {
    date.checked_add(jiff::Span::new().days(days))
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn popular_orders_pages_and_counts() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        // 45 movies; popularity repeats every 10 ids, so ties are broken by id.
        let entries = (1..=45)
            .map(|id| entry(id, (id % 10) as f64, 7.0, 10, &[18]))
            .collect();
        import_entries(&app, entries, "en-US").await;
        // Neither an adult movie, nor a video-only one, nor one known only by id is listed.
        let mut adult = entry(46, 99.0, 9.0, 999, &[18]);
        adult["adult"] = json!(true);
        let mut video = entry(47, 99.0, 9.0, 999, &[18]);
        video["video"] = json!(true);
        import_entries(&app, vec![adult, video], "en-US").await;
        app.import(
            "/3/movie/48/keywords",
            &json!({"id": 48, "keywords": [{"id": 1, "name": "k"}]}),
        )
        .await;

        let mut expected: Vec<i64> = (1..=45).collect();
        expected.sort_by_key(|id| (std::cmp::Reverse(id % 10), *id));
        let mut seen = Vec::new();
        for page in 1..=3 {
            let v = app.get_json(&format!("/3/movie/popular?page={page}")).await;
            assert_eq!(v["page"], json!(page));
            assert_eq!(totals(&v), (45, 3), "{engine:?}");
            seen.extend(ids(&v));
        }
        assert_eq!(seen, expected, "{engine:?}");
        // Past the last page: no results, the same totals.
        let v = app.get_json("/3/movie/popular?page=4").await;
        assert_eq!(ids(&v), Vec::<i64>::new());
        assert_eq!(totals(&v), (45, 3));
        // Entries are full list entries, in TMDB's key order; no `dates` on popular.
        let v = app.get_json("/3/movie/popular").await;
        assert_eq!(
            keys(&v),
            ["page", "results", "total_pages", "total_results"]
        );
        let first = &v["results"][0];
        assert_eq!(
            keys(first),
            [
                "adult",
                "backdrop_path",
                "genre_ids",
                "id",
                "original_language",
                "original_title",
                "overview",
                "popularity",
                "poster_path",
                "release_date",
                "title",
                "video",
                "vote_average",
                "vote_count"
            ]
        );
        assert_eq!(first, &entry(9, 9.0, 7.0, 10, &[18]));
        app.cleanup().await;
    }
}

#[tokio::test]
async fn lists_speak_the_language_and_show_regional_dates() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        import_entries(
            &app,
            vec![
                entry(1, 5.0, 8.0, 500, &[18]),
                entry(2, 4.0, 8.0, 500, &[18]),
            ],
            "en-US",
        )
        .await;
        let mut fr = entry(1, 5.0, 8.0, 500, &[18]);
        fr["title"] = json!("Film un");
        fr["overview"] = json!("À propos.");
        import_entries(&app, vec![fr], "fr-FR").await;
        let v = app.get_json("/3/movie/top_rated?language=fr-FR").await;
        assert_eq!(v["results"][0]["title"], json!("Film un"));
        let v = app.get_json("/3/movie/top_rated").await;
        assert_eq!(v["results"][0]["title"], json!("Film 1"));
        // A region shows that country's release date: its theatrical one before an earlier
        // premiere or digital release; a movie without releases there keeps its own date.
        releases(
            &app,
            1,
            &[
                ("FR", "2019-05-01", 1),
                ("FR", "2019-06-12", 3),
                ("FR", "2019-04-01", 4),
                ("US", "2019-03-01", 3),
            ],
        )
        .await;
        let v = app.get_json("/3/movie/popular?region=FR").await;
        assert_eq!(ids(&v), [1, 2], "a region does not filter popular");
        assert_eq!(v["results"][0]["release_date"], json!("2019-06-12"));
        assert_eq!(v["results"][1]["release_date"], json!("2020-01-01"));
        let v = app.get_json("/3/movie/top_rated?region=US").await;
        assert_eq!(v["results"][0]["release_date"], json!("2019-03-01"));
        let v = app.get_json("/3/movie/popular").await;
        assert_eq!(v["results"][0]["release_date"], json!("2020-01-01"));
        app.cleanup().await;
    }
}

#[tokio::test]
async fn top_rated_needs_enough_votes() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        let min = reeldb_store::tv_lists::TOP_RATED_MIN_VOTES;
        import_entries(
            &app,
            vec![
                entry(1, 1.0, 10.0, min - 1, &[18]), // too few votes
                entry(2, 1.0, 8.5, min, &[18]),
                entry(3, 1.0, 9.1, 5000, &[18]),
                entry(4, 1.0, 8.5, 9000, &[18]), // same average as 2, more votes
                entry(5, 1.0, 8.5, min, &[18]),  // same average and votes as 2
            ],
            "en-US",
        )
        .await;
        let v = app.get_json("/3/movie/top_rated").await;
        assert_eq!(ids(&v), [3, 4, 2, 5], "{engine:?}");
        assert_eq!(totals(&v), (4, 1));
        app.cleanup().await;
    }
}

/// Movies released around today, in UTC (the lists' clock): which list holds which, with and
/// without a region, and the `dates` block.
#[tokio::test]
async fn now_playing_and_upcoming_follow_release_windows_and_regions() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        let today = today_utc();
        import_entries(
            &app,
            (1..=9)
                .map(|id| entry(id, 100.0 - id as f64, 7.0, 10, &[18]))
                .collect(),
            "en-US",
        )
        .await;
        let d = |n| days_after(today, n);
        releases(&app, 1, &[("US", &d(0), 3)]).await; // wide, today
        releases(&app, 2, &[("FR", &d(-10), 2), ("US", &d(-5), 4)]).await; // limited in FR
        releases(&app, 3, &[("US", &d(-42), 3)]).await; // the window's first day
        releases(&app, 4, &[("US", &d(-43), 3)]).await; // a day too early
        releases(&app, 5, &[("US", &d(1), 3)]).await; // tomorrow: upcoming
        releases(&app, 6, &[("GB", &d(22), 2)]).await; // upcoming's last day
        releases(&app, 7, &[("US", &d(23), 3)]).await; // a day too late
        releases(&app, 8, &[("US", &d(0), 1)]).await; // a premiere is no theatrical release
        // Re-released this week in the US, first released long ago.
        releases(&app, 9, &[("US", "1999-10-15", 3), ("US", &d(-3), 3)]).await;

        let now = app.get_json("/3/movie/now_playing").await;
        let np = app.get_json("/3/movie/now_playing?region=US").await;
        let np_fr = app.get_json("/3/movie/now_playing?region=FR&page=1").await;
        let up = app.get_json("/3/movie/upcoming").await;
        let up_us = app.get_json("/3/movie/upcoming?region=US").await;
        let zz = app.get_json("/3/movie/now_playing?region=ZZ").await;
        let lower = app.get_json("/3/movie/now_playing?region=us").await;
        if today_utc() != today {
            app.cleanup().await;
            continue; // midnight passed: the windows moved under the requests
        }
        let window = release_window(Dated::NowPlaying, today).unwrap();
        assert_eq!(now["dates"], json!({"maximum": d(0), "minimum": d(-42)}));
        assert_eq!(now["dates"], serde_json::to_value(&window).unwrap());
        assert_eq!(up["dates"], json!({"maximum": d(22), "minimum": d(1)}));
        assert_eq!(
            keys(&now),
            ["dates", "page", "results", "total_pages", "total_results"]
        );
        assert_eq!(ids(&now), [1, 2, 3, 9], "{engine:?}");
        assert_eq!(totals(&now), (4, 1));
        assert_eq!(ids(&np), [1, 3, 9], "{engine:?}: theatrical in the US only");
        // The US date shown is the first US theatrical release, before the window.
        assert_eq!(np["results"][2]["release_date"], json!("1999-10-15"));
        assert_eq!(ids(&np_fr), [2]);
        assert_eq!(np_fr["results"][0]["release_date"], json!(d(-10)));
        assert_eq!(ids(&up), [5, 6], "{engine:?}");
        assert_eq!(ids(&up_us), [5]);
        // A code no release names (or one not in upper case): an empty page, same window.
        for v in [&zz, &lower] {
            assert_eq!(ids(v), Vec::<i64>::new());
            assert_eq!(totals(v), (0, 0));
            assert_eq!(v["dates"], now["dates"]);
        }
        // Paging past the end keeps the totals.
        let v = app.get_json("/3/movie/now_playing?page=2").await;
        assert_eq!(ids(&v), Vec::<i64>::new());
        assert_eq!(totals(&v), (4, 1));
        app.cleanup().await;
    }
}

#[tokio::test]
async fn bad_pages_languages_and_ids() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        import_entries(&app, vec![entry(1, 3.0, 7.0, 10, &[18])], "en-US").await;
        for path in [
            "/3/movie/popular",
            "/3/movie/top_rated",
            "/3/movie/now_playing",
            "/3/movie/upcoming",
            "/3/movie/1/similar",
            "/3/movie/1/recommendations",
        ] {
            for page in ["0", "501", "-1", "x", "1.5"] {
                app.get(&format!("{path}?page={page}"))
                    .await
                    .assert_error(400, 22);
            }
            app.get(&format!("{path}?language=english"))
                .await
                .assert_error(422, 5);
            let v = app.get_json(&format!("{path}?page=500&region=US")).await;
            assert_eq!(v["page"], json!(500));
        }
        for sub in [
            "similar",
            "recommendations",
            "casts",
            "trailers",
            "releases",
        ] {
            for id in ["999", "abc", "tt0000999"] {
                app.get(&format!("/3/movie/{id}/{sub}"))
                    .await
                    .assert_error(404, 34);
            }
        }
        // The list names are not movie ids: other methods answer like unknown routes.
        app.send(
            http::Request::post(format!("/3/movie/popular?api_key={}", app.key))
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await
        .assert_error(405, 42);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn movie_changes_list_windows() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        import_entries(
            &app,
            vec![entry(2, 3.0, 7.0, 10, &[18]), entry(1, 3.0, 7.0, 10, &[18])],
            "en-US",
        )
        .await;
        let mut adult = entry(3, 1.0, 7.0, 10, &[18]);
        adult["adult"] = json!(true);
        import_entries(&app, vec![adult], "en-US").await;
        // The last 24 hours by default: every movie, in the order of their latest change.
        let v = app.get_json("/3/movie/changes").await;
        assert_eq!(
            v["results"],
            json!([{"id": 2, "adult": false}, {"id": 1, "adult": false}, {"id": 3, "adult": true}]),
            "{engine:?}"
        );
        assert_eq!(totals(&v), (3, 1));
        // A window of past days holds none; series and people changes are not movies.
        let v = app
            .get_json("/3/movie/changes?start_date=2020-01-01&end_date=2020-01-10")
            .await;
        assert_eq!(totals(&v), (0, 0));
        app.get("/3/movie/changes?start_date=2020-01-01&end_date=2020-02-01")
            .await
            .assert_error(422, 20);
        app.get("/3/movie/changes?start_date=2020-13-01")
            .await
            .assert_error(400, 23);
        app.get("/3/movie/changes?page=0")
            .await
            .assert_error(400, 22);
        app.cleanup().await;
    }
}

/// Source 1 (genres 18 and 878, keywords 7 and 8, person 500 in its cast) and candidates
/// sharing more or less with it.
async fn related_catalog(app: &TestApp) {
    import_entries(
        app,
        vec![
            entry(1, 50.0, 8.0, 1000, &[18, 878]), // the source
            entry(2, 1.0, 5.0, 1, &[18, 878]),     // both genres and both keywords
            entry(3, 900.0, 9.0, 9000, &[35]),     // popular, shares nothing
            entry(4, 10.0, 7.0, 100, &[18]),       // one genre
            entry(5, 10.0, 7.0, 100, &[878]),      // one genre, same quality as 4
            entry(6, 10.0, 7.0, 100, &[35]),       // one keyword only
            entry(7, 10.0, 7.0, 100, &[35]),       // shares a person only
        ],
        "en-US",
    )
    .await;
    let keywords = |id: i64, list: &[(i64, &str)]| json!({"id": id, "keywords": list.iter().map(|(k, n)| json!({"id": k, "name": n})).collect::<Vec<_>>()});
    app.import(
        "/3/movie/1/keywords",
        &keywords(1, &[(7, "dragon"), (8, "heist")]),
    )
    .await;
    app.import(
        "/3/movie/2/keywords",
        &keywords(2, &[(7, "dragon"), (8, "heist")]),
    )
    .await;
    app.import("/3/movie/6/keywords", &keywords(6, &[(8, "heist")]))
        .await;
    let credits = |id: i64, credit: &str| {
        json!({"id": id, "cast": [{"adult": false, "gender": 2, "id": 500, "known_for_department": "Acting",
               "name": "P", "original_name": "P", "popularity": 1.0, "profile_path": null, "cast_id": 1,
               "character": "Lead", "credit_id": credit, "order": 0}], "crew": []})
    };
    app.import("/3/movie/1/credits", &credits(1, "c0000000000000000000001"))
        .await;
    app.import("/3/movie/7/credits", &credits(7, "c0000000000000000000002"))
        .await;
}

#[tokio::test]
async fn similar_ranks_by_shared_genres_and_keywords() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        related_catalog(&app).await;
        let v = app.get_json("/3/movie/1/similar").await;
        // 2 shares two genres and two keywords: first despite its low popularity. 6's keyword
        // (3) outweighs 4's and 5's genre (2); 4 and 5 tie and go by id. 3 shares nothing and
        // 7 only a person. The source is never its own neighbour.
        assert_eq!(ids(&v), [2, 6, 4, 5], "{engine:?}");
        assert_eq!(totals(&v), (4, 1));
        assert_eq!(v, app.get_json("/3/movie/1/similar").await, "deterministic");
        assert_eq!(v["results"][0], entry(2, 1.0, 5.0, 1, &[18, 878]));
        let page = app
            .db
            .store
            .read(|db| db.movie_related(1, Related::Similar, 1))
            .await
            .unwrap();
        let top = &page.results[0];
        assert_eq!(
            (top.shared_genres, top.shared_keywords, top.shared_people),
            (2, 2, 0)
        );
        let quality = 0.5 * 1.0 / 21.0 + 0.5 * 0.5 * (1.0 / 101.0);
        assert!((top.score - 10.0 * (1.0 + quality)).abs() < 1e-9, "{top:?}");
        // An IMDb id names the same movie.
        app.import(
            "/3/movie/1/external_ids",
            &json!({"id": 1, "imdb_id": "tt0000001", "wikidata_id": null, "facebook_id": null,
                    "instagram_id": null, "twitter_id": null}),
        )
        .await;
        assert_eq!(app.get_json("/3/movie/tt0000001/similar").await, v);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn recommendations_rank_by_shared_people_and_genres() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        related_catalog(&app).await;
        let v = app.get_json("/3/movie/1/recommendations").await;
        // 7 shares a person (2); 2 shares two genres (2) but is far less popular; 4 and 5 one
        // genre each. Keywords do not count here: 6 is no recommendation.
        assert_eq!(ids(&v), [7, 2, 4, 5], "{engine:?}");
        let first = &v["results"][0];
        assert_eq!(first["media_type"], json!("movie"));
        assert_eq!(
            keys(first),
            [
                "adult",
                "backdrop_path",
                "id",
                "title",
                "original_title",
                "overview",
                "poster_path",
                "media_type",
                "original_language",
                "genre_ids",
                "popularity",
                "release_date",
                "video",
                "vote_average",
                "vote_count"
            ]
        );
        assert_eq!(v, app.get_json("/3/movie/1/recommendations").await);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn recommendations_stop_at_forty() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        let entries = (1..=60)
            .map(|id| entry(id, id as f64, 7.0, 10, &[18]))
            .collect();
        import_entries(&app, entries, "en-US").await;
        let v = app.get_json("/3/movie/1/recommendations?page=2").await;
        assert_eq!(totals(&v), (40, 2), "{engine:?}");
        assert_eq!(ids(&v), (21..=40).rev().collect::<Vec<_>>());
        let v = app.get_json("/3/movie/1/recommendations?page=3").await;
        assert_eq!(ids(&v), Vec::<i64>::new());
        assert_eq!(totals(&v), (40, 2));
        let v = app.get_json("/3/movie/1/similar?page=3").await;
        assert_eq!(totals(&v), (59, 3));
        assert_eq!(ids(&v), (2..=20).rev().collect::<Vec<_>>());
        app.cleanup().await;
    }
}

/// Importing list, similar and recommendations responses keeps their entries (and makes the
/// movie known), never the lists; importing them again changes nothing.
#[tokio::test]
async fn list_imports_keep_entries_only() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        let mut rec = entry(2, 5.0, 8.0, 300, &[18]);
        rec["media_type"] = json!("movie");
        let body = json!({"page": 1, "results": [rec], "total_pages": 1, "total_results": 1});
        app.import("/3/movie/1/recommendations", &body).await;
        let v = app.get_json("/3/movie/1/recommendations").await;
        assert_eq!(totals(&v), (0, 0));
        let v = app.get_json("/3/movie/popular").await;
        assert_eq!(v["results"][0], entry(2, 5.0, 8.0, 300, &[18]));
        let dated = json!({"dates": {"maximum": "2023-05-03", "minimum": "2023-03-16"}, "page": 1,
                           "results": [entry(3, 6.0, 8.0, 300, &[18])], "total_pages": 1, "total_results": 1});
        for (request, response) in [
            ("/3/movie/1/recommendations", body),
            ("/3/movie/now_playing?region=US", dated),
        ] {
            let record = reeldb_import::Record {
                request: request.into(),
                response,
            };
            reeldb_import::import_record(&app.db.store, &record)
                .await
                .unwrap();
            let done = reeldb_import::import_tracked(&app.db.store, &record)
                .await
                .unwrap();
            assert_eq!(done.changes, 0, "{engine:?} {request}");
            common::assert_nothing_dropped(request, &done.dropped);
        }
        assert_eq!(ids(&app.get_json("/3/movie/popular").await), [3, 2]);
        app.cleanup().await;
    }
}

/// The legacy names: `/casts` is `/credits`, `/trailers` the YouTube videos, `/releases` one
/// entry per release with the primary one marked; as routes and as appended parts.
#[tokio::test]
async fn legacy_routes_and_appends() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        related_catalog(&app).await;
        releases(
            &app,
            1,
            &[
                ("US", "2020-02-01", 1),
                ("US", "2020-03-01", 3),
                ("FR", "2020-02-20", 2),
            ],
        )
        .await;
        app.import(
            "/3/movie/1/videos",
            &json!({"id": 1, "results": [
                {"iso_639_1": "en", "iso_3166_1": "US", "name": "Trailer", "key": "abc", "site": "YouTube",
                 "size": 1080, "type": "Trailer", "official": true, "published_at": "2020-01-02T00:00:00.000Z", "id": "v1"},
                {"iso_639_1": "en", "iso_3166_1": "US", "name": "Clip", "key": "xyz", "site": "Vimeo",
                 "size": 720, "type": "Clip", "official": true, "published_at": "2020-01-01T00:00:00.000Z", "id": "v2"}]}),
        )
        .await;
        let credits = app.get_json("/3/movie/1/credits").await;
        let casts = app.get_json("/3/movie/1/casts").await;
        assert_eq!(casts, credits, "{engine:?}");
        assert_eq!(keys(&casts), ["id", "cast", "crew"]);
        let trailers = app.get_json("/3/movie/1/trailers").await;
        assert_eq!(
            trailers,
            json!({"id": 1, "quicktime": [], "youtube": [
                {"name": "Trailer", "size": "1080", "source": "abc", "type": "Trailer"}]})
        );
        let rel = app.get_json("/3/movie/1/releases").await;
        // The primary release is the earliest theatrical one (FR, limited), not the premiere.
        assert_eq!(
            rel,
            json!({"id": 1, "countries": [
                {"certification": "", "descriptors": [], "iso_3166_1": "US", "primary": false, "release_date": "2020-02-01"},
                {"certification": "", "descriptors": [], "iso_3166_1": "US", "primary": false, "release_date": "2020-03-01"},
                {"certification": "", "descriptors": [], "iso_3166_1": "FR", "primary": true, "release_date": "2020-02-20"}]}),
            "{engine:?}"
        );
        // Appended: the same bodies without their `id`, similar and recommendations paged by
        // the request's page.
        let d = app
            .get_json(
                "/3/movie/1?append_to_response=casts,trailers,releases,similar,recommendations",
            )
            .await;
        let without_id = |mut v: Value| {
            v.as_object_mut().unwrap().remove("id");
            v
        };
        assert_eq!(d["casts"], without_id(casts));
        assert_eq!(d["trailers"], without_id(trailers));
        assert_eq!(d["releases"], without_id(rel));
        assert_eq!(d["similar"], app.get_json("/3/movie/1/similar").await);
        assert_eq!(
            d["recommendations"],
            app.get_json("/3/movie/1/recommendations").await
        );
        let d = app
            .get_json("/3/movie/1?append_to_response=similar&page=2")
            .await;
        assert_eq!(d["similar"]["page"], json!(2));
        assert_eq!(d["similar"]["results"], json!([]));
        app.get("/3/movie/1?append_to_response=similar&page=0")
            .await
            .assert_error(400, 22);
        app.cleanup().await;
    }
}

/// Now playing and upcoming change at midnight, not only with the catalog: the response cache
/// never keeps them. The other lists are kept as usual.
#[tokio::test]
async fn dated_lists_are_never_cached() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        import_entries(&app, vec![entry(1, 3.0, 7.0, 10, &[18])], "en-US").await;
        assert_eq!(
            common::cached_after(&app, &["/3/movie/now_playing", "/3/movie/upcoming"]).await,
            0,
            "{engine:?}"
        );
        assert_eq!(
            common::cached_after(&app, &["/3/movie/popular"]).await,
            1,
            "{engine:?}"
        );
        app.cleanup().await;
    }
}
