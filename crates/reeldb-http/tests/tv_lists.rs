//! TV series lists (popular, top rated, airing today, on the air) and a series' similar and
//! recommendations lists: ordering, paging, totals, time zones, errors, and the related lists'
//! determinism and explanation, on every engine.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::{TestApp, engines};
use reeldb_store::{Owner, Related};
use serde_json::{Value, json};

/// A list entry as TMDB sends it.
fn entry(id: i64, popularity: f64, vote_average: f64, vote_count: i64, genres: &[i64]) -> Value {
    json!({"adult": false, "backdrop_path": format!("/b{id}.jpg"), "genre_ids": genres, "id": id,
           "origin_country": ["US"], "original_language": "en", "original_name": format!("Show {id}"),
           "overview": format!("About show {id}."), "popularity": popularity,
           "poster_path": format!("/p{id}.jpg"), "first_air_date": "2020-01-01",
           "name": format!("Show {id}"), "vote_average": vote_average, "vote_count": vote_count})
}

/// Imports entries as a `/3/tv/popular` response (their list fields; the list is computed).
async fn import_entries(app: &TestApp, entries: Vec<Value>, language: &str) {
    let n = entries.len();
    let body = json!({"page": 1, "results": entries, "total_pages": 1, "total_results": n});
    app.import(&format!("/3/tv/popular?language={language}"), &body)
        .await;
}

/// Runs raw SQL on the catalog (what no import path writes yet: keywords, bare rows).
async fn sql(app: &TestApp, statements: Vec<String>) {
    app.db
        .store
        .run(move |db| -> Result<(), reeldb_store::StoreError> {
            for s in &statements {
                db.execute(s, &[])?;
            }
            Ok(())
        })
        .await
        .unwrap();
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

#[tokio::test]
async fn popular_orders_pages_and_counts() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        // 45 series; popularity repeats every 10 ids, so ties are broken by id.
        let entries = (1..=45)
            .map(|id| entry(id, (id % 10) as f64, 7.0, 10, &[18]))
            .collect();
        import_entries(&app, entries, "en-US").await;
        // Neither an adult series nor a series known only by id (no list fields) is listed.
        let mut adult = entry(46, 99.0, 9.0, 999, &[18]);
        adult["adult"] = json!(true);
        import_entries(&app, vec![adult], "en-US").await;
        sql(&app, vec!["INSERT INTO tv_series (id) VALUES (47)".into()]).await;

        let mut expected: Vec<i64> = (1..=45).collect();
        expected.sort_by_key(|id| (std::cmp::Reverse(id % 10), *id));
        let mut seen = Vec::new();
        for page in 1..=3 {
            let v = app.get_json(&format!("/3/tv/popular?page={page}")).await;
            assert_eq!(v["page"], json!(page));
            assert_eq!(totals(&v), (45, 3), "{engine:?}");
            seen.extend(ids(&v));
        }
        assert_eq!(seen, expected, "{engine:?}");
        // Past the last page: no results, the same totals.
        let v = app.get_json("/3/tv/popular?page=4").await;
        assert_eq!(ids(&v), Vec::<i64>::new());
        assert_eq!(totals(&v), (45, 3));
        // Entries are full list entries, in TMDB's key order.
        let v = app.get_json("/3/tv/popular").await;
        let first = &v["results"][0];
        let keys: Vec<&str> = first
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "adult",
                "backdrop_path",
                "genre_ids",
                "id",
                "origin_country",
                "original_language",
                "original_name",
                "overview",
                "popularity",
                "poster_path",
                "first_air_date",
                "name",
                "vote_average",
                "vote_count"
            ]
        );
        assert_eq!(first, &entry(9, 9.0, 7.0, 10, &[18]));
        app.cleanup().await;
    }
}

#[tokio::test]
async fn lists_speak_the_requested_language() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        import_entries(&app, vec![entry(1, 5.0, 8.0, 500, &[18])], "en-US").await;
        let mut fr = entry(1, 5.0, 8.0, 500, &[18]);
        fr["name"] = json!("Série 1");
        fr["overview"] = json!("À propos.");
        import_entries(&app, vec![fr], "fr-FR").await;
        let v = app.get_json("/3/tv/top_rated?language=fr-FR").await;
        assert_eq!(v["results"][0]["name"], json!("Série 1"));
        let v = app.get_json("/3/tv/top_rated").await;
        assert_eq!(v["results"][0]["name"], json!("Show 1"));
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
        let v = app.get_json("/3/tv/top_rated").await;
        assert_eq!(ids(&v), [3, 4, 2, 5], "{engine:?}");
        assert_eq!(totals(&v), (4, 1));
        app.cleanup().await;
    }
}

/// Today's date in a zone, by the server's own clock (jiff's current time).
fn today_in(zone: &str) -> String {
    let tz = jiff::tz::TimeZone::get(zone).unwrap();
    jiff::Timestamp::now().to_zoned(tz).date().to_string()
}

fn days_after(date: &str, days: i64) -> String {
    let d: jiff::civil::Date = date.parse().unwrap();
    d.checked_add(jiff::Span::new().days(days))
        .unwrap()
        .to_string()
}

async fn episode(app: &TestApp, id: i64, series: i64, number: i64, air_date: &str) {
    sql(
        app,
        vec![format!(
            "INSERT INTO tv_episode (id, series_id, season_number, episode_number, air_date)
             VALUES ({id}, {series}, 1, {number}, '{air_date}')"
        )],
    )
    .await;
}

#[tokio::test]
async fn airing_today_follows_the_time_zone() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        import_entries(
            &app,
            vec![entry(1, 3.0, 7.0, 10, &[18]), entry(2, 2.0, 7.0, 10, &[18])],
            "en-US",
        )
        .await;
        // Series 1 airs on Auckland's today; series 2 aired a week ago everywhere.
        let auckland = today_in("Pacific/Auckland");
        episode(&app, 101, 1, 1, &auckland).await;
        episode(&app, 201, 2, 1, &days_after(&auckland, -8)).await;
        // The two zones are 21 hours apart: their dates differ except between 08:00 and 11:00
        // UTC. Each zone's date is read before and after the requests; should a midnight fall
        // between (a rare race), the assertions would not be sound and are skipped.
        let la_today = today_in("America/Los_Angeles");
        let nz = app
            .get_json("/3/tv/airing_today?timezone=Pacific/Auckland")
            .await;
        let la = app
            .get_json("/3/tv/airing_today?timezone=America/Los_Angeles")
            .await;
        if today_in("America/Los_Angeles") == la_today && today_in("Pacific/Auckland") == auckland {
            assert_eq!(ids(&nz), [1], "{engine:?}");
            assert_eq!(totals(&nz), (1, 1));
            if la_today == auckland {
                assert_eq!(ids(&la), [1], "{engine:?}");
            } else {
                assert_eq!(ids(&la), Vec::<i64>::new(), "{engine:?}");
                assert_eq!(totals(&la), (0, 0));
            }
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn on_the_air_covers_seven_days() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        import_entries(
            &app,
            (1..=4)
                .map(|id| entry(id, id as f64, 7.0, 10, &[18]))
                .collect(),
            "en-US",
        )
        .await;
        let today = today_in("UTC");
        episode(&app, 101, 1, 1, &today).await;
        episode(&app, 201, 2, 1, &days_after(&today, 6)).await;
        episode(&app, 301, 3, 1, &days_after(&today, 7)).await;
        episode(&app, 401, 4, 1, &days_after(&today, -1)).await;
        // Two episodes in the window count the series once.
        episode(&app, 102, 1, 2, &days_after(&today, 1)).await;
        let v = app.get_json("/3/tv/on_the_air?timezone=UTC").await;
        if today_in("UTC") == today {
            assert_eq!(ids(&v), [2, 1], "{engine:?}");
            assert_eq!(totals(&v), (2, 1));
        }
        let v = app.get_json("/3/tv/airing_today?timezone=UTC").await;
        if today_in("UTC") == today {
            assert_eq!(ids(&v), [1], "{engine:?}");
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn bad_pages_zones_languages_and_ids() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        import_entries(&app, vec![entry(1, 3.0, 7.0, 10, &[18])], "en-US").await;
        for path in [
            "/3/tv/popular",
            "/3/tv/top_rated",
            "/3/tv/airing_today",
            "/3/tv/on_the_air",
            "/3/tv/1/similar",
            "/3/tv/1/recommendations",
        ] {
            for page in ["0", "501", "-1", "x", "1.5"] {
                app.get(&format!("{path}?page={page}"))
                    .await
                    .assert_error(400, 22);
            }
            app.get(&format!("{path}?language=english"))
                .await
                .assert_error(422, 5);
            let v = app.get_json(&format!("{path}?page=500")).await;
            assert_eq!(v["page"], json!(500));
        }
        for path in ["/3/tv/airing_today", "/3/tv/on_the_air"] {
            app.get(&format!("{path}?timezone=Mars/Olympus_Mons"))
                .await
                .assert_error(400, 28);
            app.get_json(&format!("{path}?timezone=Europe/Paris")).await;
        }
        for path in [
            "/3/tv/999/similar",
            "/3/tv/999/recommendations",
            "/3/tv/abc/similar",
            "/3/tv/abc/recommendations",
        ] {
            app.get(path).await.assert_error(404, 34);
        }
        app.cleanup().await;
    }
}

/// Source 1 (genres 18 and 10765, keywords 7 and 8) and candidates sharing more or less.
async fn related_catalog(app: &TestApp) {
    import_entries(
        app,
        vec![
            entry(1, 50.0, 8.0, 1000, &[18, 10765]), // the source
            entry(2, 1.0, 5.0, 1, &[18, 10765]),     // both genres and both keywords
            entry(3, 900.0, 9.0, 9000, &[35]),       // popular, shares nothing
            entry(4, 10.0, 7.0, 100, &[18]),         // one genre
            entry(5, 10.0, 7.0, 100, &[10765]),      // one genre, same quality as 4
            entry(6, 10.0, 7.0, 100, &[35]),         // one keyword only
            entry(7, 10.0, 7.0, 100, &[35]),         // shares a person only
        ],
        "en-US",
    )
    .await;
    let kw = |owner: i64, kw: i64, pos: i64| {
        format!(
            "INSERT INTO owner_keyword (owner_type, owner_id, keyword_id, position) VALUES ('tv', {owner}, {kw}, {pos})"
        )
    };
    let credit = |owner_type: &str, owner: i64, credit: &str, person: i64| {
        format!(
            "INSERT INTO credit (owner_type, owner_id, kind, credit_id, person_id, position)
             VALUES ('{owner_type}', {owner}, 'cast', '{credit}', {person}, 0)"
        )
    };
    sql(
        app,
        vec![
            "INSERT INTO keyword (id, name) VALUES (7, 'dragon'), (8, 'throne')".into(),
            kw(1, 7, 0),
            kw(1, 8, 1),
            kw(2, 7, 0),
            kw(2, 8, 1),
            kw(6, 8, 0),
            // Person 500 guests in an episode of the source and is in series 7's cast.
            "INSERT INTO person (id, name) VALUES (500, 'P')".into(),
            "INSERT INTO tv_episode (id, series_id, season_number, episode_number) VALUES (9001, 1, 1, 1)"
                .into(),
            credit("episode", 9001, "c1", 500),
            credit("tv", 7, "c2", 500),
        ],
    )
    .await;
}

#[tokio::test]
async fn similar_ranks_by_shared_genres_and_keywords() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        related_catalog(&app).await;
        let v = app.get_json("/3/tv/1/similar").await;
        // 2 shares two genres and two keywords: first despite its low popularity. 6's keyword
        // (3) outweighs 4's and 5's genre (2); 4 and 5 tie and go by id. 3 shares nothing and
        // 7 only a person: neither is similar. The source is never its own neighbour.
        assert_eq!(ids(&v), [2, 6, 4, 5], "{engine:?}");
        assert_eq!(totals(&v), (4, 1));
        assert_eq!(v, app.get_json("/3/tv/1/similar").await, "deterministic");
        // The explanation: what each shares, and the score of the documented formula.
        let page = app
            .db
            .store
            .read(|db| db.series_related(1, Related::Similar, 1))
            .await
            .unwrap();
        let top = &page.results[0];
        assert_eq!(
            (top.shared_genres, top.shared_keywords, top.shared_people),
            (2, 2, 0)
        );
        let quality = 0.5 * 1.0 / 21.0 + 0.5 * 0.5 * (1.0 / 101.0);
        assert!((top.score - 10.0 * (1.0 + quality)).abs() < 1e-9, "{top:?}");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn recommendations_rank_by_shared_people_and_genres() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        related_catalog(&app).await;
        let v = app.get_json("/3/tv/1/recommendations").await;
        // 7 shares a person (2); 2 shares two genres (2) but is far less popular; 4 and 5 one
        // genre each. Keywords do not count here: 6 is no recommendation.
        assert_eq!(ids(&v), [7, 2, 4, 5], "{engine:?}");
        let first = &v["results"][0];
        assert_eq!(first["media_type"], json!("tv"));
        assert_eq!(first["adult"], json!(false));
        let keys: Vec<&str> = first
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "adult",
                "backdrop_path",
                "id",
                "name",
                "original_language",
                "original_name",
                "overview",
                "poster_path",
                "media_type",
                "genre_ids",
                "popularity",
                "first_air_date",
                "vote_average",
                "vote_count",
                "origin_country"
            ]
        );
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
        let v = app.get_json("/3/tv/1/recommendations?page=2").await;
        assert_eq!(totals(&v), (40, 2), "{engine:?}");
        // Same relevance everywhere: the more popular first, from 60 down; page 2 is 40..21.
        assert_eq!(ids(&v), (21..=40).rev().collect::<Vec<_>>());
        let v = app.get_json("/3/tv/1/recommendations?page=3").await;
        assert_eq!(ids(&v), Vec::<i64>::new());
        assert_eq!(totals(&v), (40, 2));
        // Similar is not capped.
        let v = app.get_json("/3/tv/1/similar?page=3").await;
        assert_eq!(totals(&v), (59, 3));
        assert_eq!(ids(&v), (2..=20).rev().collect::<Vec<_>>());
        app.cleanup().await;
    }
}

/// Importing a similar or recommendations response keeps its entries (and makes the series
/// known), never the list: reeldb computes it.
#[tokio::test]
async fn related_imports_keep_entries_only() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        let mut rec = entry(2, 5.0, 8.0, 300, &[18]);
        rec["media_type"] = json!("tv");
        app.import(
            "/3/tv/1/recommendations",
            &json!({"page": 1, "results": [rec], "total_pages": 1, "total_results": 1}),
        )
        .await;
        // Series 1 is known (no list of its own: it shares nothing yet).
        let v = app.get_json("/3/tv/1/recommendations").await;
        assert_eq!(totals(&v), (0, 0));
        // Series 2 is listed with its fields.
        let v = app.get_json("/3/tv/popular").await;
        assert_eq!(v["results"][0], entry(2, 5.0, 8.0, 300, &[18]));
        // Importing it again changes nothing.
        let rec = reeldb_import::Record {
            request: "/3/tv/1/recommendations".into(),
            response: json!({"page": 1, "results": [v["results"][0].clone()],
                             "total_pages": 1, "total_results": 1}),
        };
        let changes = reeldb_import::import_record(&app.db.store, &rec)
            .await
            .unwrap();
        assert_eq!(changes, 0, "{engine:?}");
        assert!(
            app.db
                .store
                .read(|db| db.has_history(Owner::series(2)))
                .await
                .unwrap()
        );
        app.cleanup().await;
    }
}

/// The airing lists change with the date, not only with the catalog: the response cache never
/// keeps them (a body cached before midnight would be served the day after). Other lists are
/// kept as usual.
#[tokio::test]
async fn airing_lists_are_never_cached() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        import_entries(&app, vec![entry(1, 3.0, 7.0, 10, &[18])], "en-US").await;
        assert_eq!(
            common::cached_after(&app, &["/3/tv/airing_today", "/3/tv/on_the_air"]).await,
            0,
            "{engine:?}"
        );
        assert_eq!(
            common::cached_after(&app, &["/3/tv/popular"]).await,
            1,
            "{engine:?}"
        );
        app.cleanup().await;
    }
}
