//! Find by external id and the trending lists: the spec's examples, behaviour, errors and
//! import round trips, on every engine.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::{TestApp, assert_same_json, engines, fixture};
use reeldb_http::HttpConfig;
use serde_json::{Value, json};

/// A time far from the tests' own writes: the change items an import logs now fall outside
/// any window ending then, so a list ranks by popularity alone.
const QUIET_NOW: &str = "2031-01-01T12:30:00Z";

async fn app_at(engine: reeldb_store::testing::TestEngine, now: &str) -> TestApp {
    let mut app = TestApp::new(engine).await;
    app.config = HttpConfig {
        fixed_now: Some(now.parse().unwrap()),
        ..HttpConfig::default()
    };
    app
}

fn movie(id: i64, popularity: f64) -> Value {
    json!({"adult": false, "backdrop_path": format!("/b{id}.jpg"), "id": id,
           "title": format!("Movie {id}"), "original_language": "en",
           "original_title": format!("Movie {id}"), "overview": format!("About movie {id}."),
           "poster_path": format!("/p{id}.jpg"), "media_type": "movie", "genre_ids": [18],
           "popularity": popularity, "release_date": "2020-01-01", "video": false,
           "vote_average": 7.0, "vote_count": 10})
}

fn series(id: i64, popularity: f64) -> Value {
    json!({"adult": false, "backdrop_path": null, "id": id, "name": format!("Show {id}"),
           "original_language": "en", "original_name": format!("Show {id}"), "overview": "",
           "poster_path": null, "media_type": "tv", "genre_ids": [], "popularity": popularity,
           "first_air_date": "2020-01-01", "vote_average": 7.0, "vote_count": 10,
           "origin_country": ["US"]})
}

fn person(id: i64, popularity: f64) -> Value {
    json!({"adult": false, "id": id, "name": format!("Person {id}"),
           "original_name": format!("Person {id}"), "media_type": "person",
           "popularity": popularity, "gender": 2, "known_for_department": "Acting",
           "profile_path": null, "known_for": []})
}

/// Imports entries as a trending page (their list fields; the list is computed).
async fn import_trending(app: &TestApp, entries: Vec<Value>) {
    let n = entries.len();
    let body = json!({"page": 1, "results": entries, "total_pages": 1, "total_results": n});
    app.import("/3/trending/all/day", &body).await;
}

fn ids(v: &Value) -> Vec<i64> {
    v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect()
}

fn by_popularity(results: &[Value]) -> Vec<Value> {
    let mut v = results.to_vec();
    v.sort_by(|a, b| {
        let p = |e: &Value| e["popularity"].as_f64().unwrap();
        p(b).total_cmp(&p(a))
            .then(a["media_type"].as_str().cmp(&b["media_type"].as_str()))
            .then(a["id"].as_i64().cmp(&b["id"].as_i64()))
    });
    v
}

// ---------------------------------------------------------------------------------------------
// The spec's examples. Trending totals are TMDB's whole catalog (20,000 entries) and its order
// is its own ranking of its own activity data, which the examples do not carry: each example's
// entries come back exactly, ranked by popularity (the catalog's only activity is the import,
// outside the window), with the totals of the imported entries. A person's `known_for` comes
// from their credits, which the people example does not carry: its people come back with the
// example's fields and an empty `known_for`, and its known_for titles are imported as entries.

async fn trending_round_trip(op: &str) {
    let f = fixture(op);
    for engine in engines() {
        let app = app_at(engine, QUIET_NOW).await;
        app.import(&f.request, &f.response).await;
        let got = app.get_json(&f.request).await;
        let results = f.response["results"].as_array().unwrap();
        let mut expected_entries = by_popularity(results);
        for e in &mut expected_entries {
            if e["media_type"] == "person" {
                e["known_for"] = json!([]);
            }
        }
        let n = expected_entries.len() as u64;
        let expected = json!({"page": 1, "results": expected_entries, "total_pages": n.div_ceil(20),
                              "total_results": n});
        if op == "trending-people" {
            // The known_for titles are entries of the catalog now: trending/all lists them.
            let all = app.get_json("/3/trending/all/day").await;
            let titles: usize = results
                .iter()
                .map(|p| p["known_for"].as_array().unwrap().len())
                .sum();
            assert!(all["total_results"].as_u64().unwrap() > n, "{engine:?}");
            assert!(titles > 0);
            assert_same_json(&got["results"], &expected["results"], op);
        } else {
            assert_same_json(&got, &expected, &format!("{op} on {engine:?}"));
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn trending_all_matches_spec_example_entries() {
    trending_round_trip("trending-all").await;
}

#[tokio::test]
async fn trending_movies_matches_spec_example_entries() {
    trending_round_trip("trending-movies").await;
}

#[tokio::test]
async fn trending_tv_matches_spec_example_entries() {
    trending_round_trip("trending-tv").await;
}

#[tokio::test]
async fn trending_people_matches_spec_example_entries() {
    trending_round_trip("trending-people").await;
}

/// The find example's movie, imported with the external id its request names, comes back as
/// the example.
#[tokio::test]
async fn find_by_id_matches_spec_example() {
    let f = fixture("find-by-id");
    for engine in engines() {
        let app = TestApp::new(engine).await;
        app.import(&f.request, &f.response).await;
        let got = app.get_json(&f.request).await;
        assert_same_json(&got, &f.response, &format!("find-by-id on {engine:?}"));
        // The import kept the id on the movie: its /external_ids says so.
        let ext = app.get_json("/3/movie/934433/external_ids").await;
        assert_eq!(ext["imdb_id"], json!("tt17663992"), "{engine:?}");
        app.cleanup().await;
    }
}

// ---------------------------------------------------------------------------------------------
// Find.

#[tokio::test]
async fn find_reaches_movies_series_seasons_episodes_and_people() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        // The Matrix: its list fields, then its external ids.
        import_trending(&app, vec![movie(603, 50.0)]).await;
        app.import(
            "/3/movie/603/external_ids",
            &json!({"id": 603, "imdb_id": "tt0133093", "wikidata_id": "Q83495",
                    "facebook_id": null, "instagram_id": null, "twitter_id": null}),
        )
        .await;
        let v = app
            .get_json("/3/find/tt0133093?external_source=imdb_id")
            .await;
        assert_eq!(v["movie_results"][0]["id"], json!(603), "{engine:?}");
        assert_eq!(v["movie_results"][0]["media_type"], json!("movie"));
        assert_eq!(v["movie_results"][0]["title"], json!("Movie 603"));
        for list in [
            "person_results",
            "tv_results",
            "tv_episode_results",
            "tv_season_results",
        ] {
            assert_eq!(v[list], json!([]), "{list}");
        }
        let v = app
            .get_json("/3/find/Q83495?external_source=wikidata_id")
            .await;
        assert_eq!(ids(&json!({"results": v["movie_results"]})), vec![603]);

        // Game of Thrones, its first season and episode, and a person, from the spec's data.
        for op in [
            "tv-series-details",
            "tv-series-external-ids",
            "tv-season-details",
            "tv-season-external-ids",
            "tv-episode-details",
            "tv-episode-external-ids",
            "person-details",
            "person-external-ids",
        ] {
            let f = fixture(op);
            app.import(&f.request, &f.response).await;
        }
        let series_ids = fixture("tv-series-external-ids").response;
        let v = app
            .get_json(&format!(
                "/3/find/{}?external_source=imdb_id",
                series_ids["imdb_id"].as_str().unwrap()
            ))
            .await;
        assert_eq!(v["tv_results"][0]["id"], json!(1399), "{engine:?}");
        assert_eq!(v["tv_results"][0]["media_type"], json!("tv"));
        assert_eq!(v["tv_results"][0]["name"], json!("Game of Thrones"));

        let season_ids = fixture("tv-season-external-ids").response;
        let v = app
            .get_json(&format!(
                "/3/find/{}?external_source=tvdb_id",
                season_ids["tvdb_id"]
            ))
            .await;
        let season = &v["tv_season_results"][0];
        assert_eq!(season["id"], json!(3624), "{engine:?}");
        assert_eq!(season["media_type"], json!("tv_season"));
        assert_eq!(season["show_id"], json!(1399));
        assert_eq!(season["season_number"], json!(1));
        assert!(season.get("vote_average").is_some());

        let episode_ids = fixture("tv-episode-external-ids").response;
        let v = app
            .get_json(&format!(
                "/3/find/{}?external_source=imdb_id",
                episode_ids["imdb_id"].as_str().unwrap()
            ))
            .await;
        let episode = &v["tv_episode_results"][0];
        assert_eq!(episode["id"], json!(63056), "{engine:?}");
        assert_eq!(episode["media_type"], json!("tv_episode"));
        assert_eq!(episode["show_id"], json!(1399));
        assert_eq!(episode["episode_number"], json!(1));
        assert!(episode.get("episode_type").is_some());

        let person_ids = fixture("person-external-ids").response;
        let v = app
            .get_json(&format!(
                "/3/find/{}?external_source=imdb_id&language=fr-FR",
                person_ids["imdb_id"].as_str().unwrap()
            ))
            .await;
        let p = &v["person_results"][0];
        assert_eq!(p["id"], person_ids["id"], "{engine:?}");
        assert_eq!(p["media_type"], json!("person"));
        assert!(p["known_for"].is_array());
        app.cleanup().await;
    }
}

/// A person's `known_for`: their three most popular titles among their credits, series and
/// movies alike, kept current as credits and the titles' popularity change.
#[tokio::test]
async fn known_for_comes_from_credits() {
    for engine in engines() {
        let app = app_at(engine, QUIET_NOW).await;
        import_trending(
            &app,
            vec![
                movie(1, 5.0),
                movie(2, 50.0),
                series(3, 20.0),
                movie(4, 1.0),
                person(10, 3.0),
            ],
        )
        .await;
        let cast = |id: i64| {
            json!({"cast": [{"adult": false, "gender": 2, "id": 10, "known_for_department": "Acting",
                             "name": "Person 10", "original_name": "Person 10", "popularity": 3.0,
                             "profile_path": null, "character": "X", "credit_id": format!("c{id:023}"),
                             "order": 0, "cast_id": 1}],
                   "crew": [], "id": id})
        };
        for m in [1, 2, 4] {
            app.import(&format!("/3/movie/{m}/credits"), &cast(m)).await;
        }
        app.import(
            "/3/tv/3/credits",
            &json!({"cast": [{"adult": false, "gender": 2, "id": 10, "known_for_department": "Acting",
                              "name": "Person 10", "original_name": "Person 10", "popularity": 3.0,
                              "profile_path": null, "character": "Y", "credit_id": "t00000000000000000000003",
                              "order": 0}], "crew": [], "id": 3}),
        )
        .await;
        let known = || async {
            let v = app.get_json("/3/person/popular").await;
            v["results"][0]["known_for"]
                .as_array()
                .unwrap()
                .iter()
                .map(|k| {
                    (
                        k["media_type"].as_str().unwrap().to_owned(),
                        k["id"].as_i64().unwrap(),
                    )
                })
                .collect::<Vec<(String, i64)>>()
        };
        assert_eq!(
            known().await,
            vec![("movie".into(), 2), ("tv".into(), 3), ("movie".into(), 1)],
            "{engine:?}"
        );
        // A title's popularity changes (a list page's fields): its people rank it anew.
        import_trending(&app, vec![movie(4, 100.0)]).await;
        assert_eq!(
            known().await,
            vec![("movie".into(), 4), ("movie".into(), 2), ("tv".into(), 3)],
            "{engine:?}"
        );
        // The person leaves a title's credits: it is no longer among theirs.
        app.import(
            "/3/movie/4/credits",
            &json!({"cast": [], "crew": [], "id": 4}),
        )
        .await;
        assert_eq!(
            known().await,
            vec![("movie".into(), 2), ("tv".into(), 3), ("movie".into(), 1)],
            "{engine:?}"
        );
        // The series becomes the most popular title.
        import_trending(&app, vec![series(3, 80.0)]).await;
        assert_eq!(
            known().await,
            vec![("tv".into(), 3), ("movie".into(), 2), ("movie".into(), 1)],
            "{engine:?}"
        );
        app.cleanup().await;
    }
}

#[tokio::test]
async fn find_without_a_known_source_finds_nothing() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        import_trending(&app, vec![movie(603, 50.0)]).await;
        app.import(
            "/3/movie/603/external_ids",
            &json!({"id": 603, "imdb_id": "tt0133093"}),
        )
        .await;
        let empty = json!({"movie_results": [], "person_results": [], "tv_results": [],
                           "tv_episode_results": [], "tv_season_results": []});
        for q in [
            "/3/find/tt0133093",
            "/3/find/tt0133093?external_source=imdb",
            "/3/find/tt0133093?external_source=tvdb_id",
            "/3/find/tt0000000?external_source=imdb_id",
        ] {
            assert_same_json(&app.get_json(q).await, &empty, q);
        }
        app.get("/3/find/tt0133093?external_source=imdb_id&language=xx_YY!")
            .await
            .assert_error(422, 5);
        app.cleanup().await;
    }
}

/// Seasons and episodes in a find response name objects by TMDB id only: the import refuses
/// them rather than dropping them.
#[tokio::test]
async fn find_import_refuses_season_and_episode_results() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        let rec = reeldb_import::Record {
            request: "/3/find/123?external_source=tvdb_id".into(),
            response: json!({"movie_results": [], "person_results": [], "tv_results": [],
                             "tv_episode_results": [], "tv_season_results": [
                {"id": 1, "name": "Season 1", "overview": "", "poster_path": null, "media_type": "tv_season",
                 "vote_average": 0.0, "air_date": null, "season_number": 1, "show_id": 2, "episode_count": 3}]}),
        };
        assert!(
            reeldb_import::import_record(&app.db.store, &rec)
                .await
                .is_err()
        );
        app.cleanup().await;
    }
}

// ---------------------------------------------------------------------------------------------
// Trending.

#[tokio::test]
async fn trending_pages_rank_and_count() {
    for engine in engines() {
        let app = app_at(engine, QUIET_NOW).await;
        // 45 movies, popularity repeating every 10 ids (ties by id); an adult one is left out.
        let mut entries: Vec<Value> = (1..=45).map(|id| movie(id, (id % 10) as f64)).collect();
        let mut adult = movie(46, 99.0);
        adult["adult"] = json!(true);
        entries.push(adult);
        import_trending(&app, entries).await;
        let mut expected: Vec<i64> = (1..=45).collect();
        expected.sort_by_key(|id| (std::cmp::Reverse(id % 10), *id));
        let mut seen = Vec::new();
        for page in 1..=3 {
            let v = app
                .get_json(&format!("/3/trending/movie/week?page={page}"))
                .await;
            assert_eq!(v["page"], json!(page));
            assert_eq!(v["total_results"], json!(45), "{engine:?}");
            assert_eq!(v["total_pages"], json!(3));
            seen.extend(ids(&v));
        }
        assert_eq!(seen, expected, "{engine:?}");
        let past = app.get_json("/3/trending/movie/day?page=4").await;
        assert_eq!(past["results"], json!([]));
        assert_eq!(past["total_results"], json!(45));
        // No series or people: those lists are empty.
        let tv = app.get_json("/3/trending/tv/day").await;
        assert_eq!(tv["total_results"], json!(0));
        app.cleanup().await;
    }
}

/// Activity in the window lifts a title: five change items double its score in the day list,
/// and items older than a day count for the week only.
#[tokio::test]
async fn recent_activity_lifts_a_title() {
    let now = "2031-01-10T12:30:00Z";
    for engine in engines() {
        let app = app_at(engine, now).await;
        import_trending(
            &app,
            vec![movie(1, 10.0), movie(2, 8.0), movie(3, 6.0), series(4, 9.0)],
        )
        .await;
        let items = [
            // Movie 2: five items today.
            ("movie", 2, "2031-01-10 09:00:00 UTC", 5),
            // Movie 3: five items three days ago (the week's window, not the day's).
            ("movie", 3, "2031-01-07 09:00:00 UTC", 5),
            // Series 4: an item just before the day's window.
            ("tv", 4, "2031-01-09 12:59:59 UTC", 3),
        ];
        let mut statements = Vec::new();
        for (kind, id, time, n) in items {
            for k in 0..n {
                statements.push(format!(
                    "INSERT INTO change_log (id, seq, owner_type, owner_id, change_key, action, time)
                     VALUES ('t-{kind}-{id}-{k}', {k}, '{kind}', {id}, 'overview', 'updated', '{time}')"
                ));
            }
        }
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
        // Day: movie 2 (9 × 2 = 18) leads movie 1 (11), then series 4 (10), movie 3 (7).
        let day = app.get_json("/3/trending/all/day").await;
        assert_eq!(ids(&day), vec![2, 1, 4, 3], "{engine:?}");
        // Week: movie 3 (7 × 2 = 14) and series 4 (10 × 1.6 = 16) lift too.
        let week = app.get_json("/3/trending/all/week").await;
        assert_eq!(ids(&week), vec![2, 4, 3, 1], "{engine:?}");
        let types: Vec<&str> = week["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["media_type"].as_str().unwrap())
            .collect();
        assert_eq!(types, ["movie", "tv", "movie", "movie"]);
        // The same request twice: the same page (deterministic).
        assert_eq!(app.get_json("/3/trending/all/week").await, week);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn trending_errors_are_tmdb_envelopes() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        app.get("/3/trending/movie/month")
            .await
            .assert_error(404, 34);
        app.get("/3/trending/film/day").await.assert_error(404, 34);
        app.get("/3/trending/movie/day?page=0")
            .await
            .assert_error(400, 22);
        app.get("/3/trending/movie/day?page=501")
            .await
            .assert_error(400, 22);
        app.get("/3/trending/tv/week?page=x")
            .await
            .assert_error(400, 22);
        app.get("/3/trending/all/day?language=xx_YY!")
            .await
            .assert_error(422, 5);
        let v = app.get_json("/3/trending/all/day?page=500").await;
        assert_eq!(v["results"], json!([]));
        app.cleanup().await;
    }
}

// ---------------------------------------------------------------------------------------------
// Countries and watch providers: the examples are whole lists, imported then served as they
// came (regions in TMDB's order inside each provider's priorities).

async fn list_round_trip(op: &str) {
    let f = fixture(op);
    for engine in engines() {
        let app = TestApp::new(engine).await;
        app.import(&f.request, &f.response).await;
        let got = app.get_json(&f.request).await;
        assert_same_json(&got, &f.response, &format!("{op} on {engine:?}"));
        // Key order of each provider's priorities, as imported.
        if let Some(first) = f.response["results"][0]["display_priorities"].as_object() {
            let keys: Vec<&String> = got["results"][0]["display_priorities"]
                .as_object()
                .unwrap()
                .keys()
                .collect();
            assert_eq!(keys, first.keys().collect::<Vec<_>>(), "{op}");
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn configuration_countries_matches_spec_example() {
    list_round_trip("configuration-countries").await;
}

#[tokio::test]
async fn watch_regions_matches_spec_example() {
    list_round_trip("watch-providers-available-regions").await;
}

#[tokio::test]
async fn watch_providers_movie_list_matches_spec_example() {
    list_round_trip("watch-providers-movie-list").await;
}

#[tokio::test]
async fn watch_providers_tv_list_matches_spec_example() {
    list_round_trip("watch-provider-tv-list").await;
}

/// Without an import: every ISO 3166-1 country by code, ISO's English names unless the catalog
/// learned TMDB's (a movie's production countries); native names per imported language.
#[tokio::test]
async fn countries_merge_iso_facts_with_imported_rows() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        let v = app.get_json("/3/configuration/countries").await;
        let list = v.as_array().unwrap();
        assert_eq!(list.len(), 249, "{engine:?}");
        let codes: Vec<&str> = list
            .iter()
            .map(|c| c["iso_3166_1"].as_str().unwrap())
            .collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        assert_eq!(codes, sorted);
        let gb = list.iter().find(|c| c["iso_3166_1"] == "GB").unwrap();
        assert_eq!(
            gb["english_name"],
            json!("United Kingdom of Great Britain and Northern Ireland")
        );
        assert_eq!(gb["native_name"], gb["english_name"]);
        // Star Wars' details name the US and TMDB's English name for it.
        let f = fixture("movie-details");
        app.import(&f.request, &f.response).await;
        let us_name = f.response["production_countries"][0]["name"].clone();
        let v = app.get_json("/3/configuration/countries").await;
        let us = v
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["iso_3166_1"] == "US")
            .unwrap()
            .clone();
        assert_eq!(us["english_name"], us_name, "{engine:?}");
        // A list imported in French names countries in French for French requests only.
        app.import(
            "/3/configuration/countries?language=fr-FR",
            &json!([{"iso_3166_1": "DE", "english_name": "Germany", "native_name": "Allemagne"},
                    {"iso_3166_1": "FR", "english_name": "France", "native_name": "France"}]),
        )
        .await;
        let fr = app.get_json("/3/configuration/countries?language=fr").await;
        assert_eq!(
            fr,
            json!([{"iso_3166_1": "DE", "english_name": "Germany", "native_name": "Allemagne"},
                   {"iso_3166_1": "FR", "english_name": "France", "native_name": "France"}])
        );
        let en = app.get_json("/3/configuration/countries").await;
        assert_eq!(en[0]["native_name"], json!("Germany"), "{engine:?}");
        app.get("/3/configuration/countries?language=xx_YY!")
            .await
            .assert_error(422, 5);
        app.cleanup().await;
    }
}

/// A title's offers list their providers under the title's kind and regions, and the regions
/// list names the countries providers serve; `watch_region` keeps a region's providers.
#[tokio::test]
async fn provider_lists_follow_from_offers() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        let f = fixture("movie-watch-providers");
        app.import(&f.request, &f.response).await;
        let movie = app.get_json("/3/watch/providers/movie").await;
        let tv = app.get_json("/3/watch/providers/tv").await;
        assert_eq!(tv["results"], json!([]), "{engine:?}");
        let results = movie["results"].as_array().unwrap();
        assert!(!results.is_empty());
        let ids: Vec<i64> = results
            .iter()
            .map(|p| p["provider_id"].as_i64().unwrap())
            .collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        assert_eq!(ids, sorted);
        // Every offer of the title shows as its provider's region, with the offer's priority.
        let offers = f.response["results"].as_object().unwrap();
        for (country, by_kind) in offers {
            for kind in ["flatrate", "rent", "buy", "free", "ads"] {
                for o in by_kind[kind].as_array().into_iter().flatten() {
                    let p = results
                        .iter()
                        .find(|p| p["provider_id"] == o["provider_id"])
                        .unwrap();
                    assert_eq!(
                        p["display_priorities"][country.as_str()],
                        o["display_priority"],
                        "{engine:?} {country}"
                    );
                    assert_eq!(p["provider_name"], o["provider_name"]);
                }
            }
        }
        let regions = app.get_json("/3/watch/providers/regions").await;
        let codes: Vec<&str> = regions["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["iso_3166_1"].as_str().unwrap())
            .collect();
        let mut expected: Vec<&str> = offers.keys().map(String::as_str).collect();
        expected.sort_unstable();
        expected.dedup();
        // Countries with a link but no offer serve no provider.
        let with_offers: Vec<&str> = expected
            .iter()
            .copied()
            .filter(|c| {
                ["flatrate", "rent", "buy", "free", "ads"]
                    .iter()
                    .any(|k| offers[*c][*k].as_array().is_some_and(|a| !a.is_empty()))
            })
            .collect();
        assert_eq!(codes, with_offers, "{engine:?}");
        let region = with_offers[0];
        let filtered = app
            .get_json(&format!(
                "/3/watch/providers/movie?watch_region={}",
                region.to_lowercase()
            ))
            .await;
        for p in filtered["results"].as_array().unwrap() {
            assert!(p["display_priorities"].get(region).is_some(), "{engine:?}");
        }
        let none = app
            .get_json("/3/watch/providers/movie?watch_region=ZZ")
            .await;
        assert_eq!(none["results"], json!([]));
        app.get("/3/watch/providers/tv?language=xx_YY!")
            .await
            .assert_error(422, 5);
        app.get("/3/watch/providers/regions?language=xx_YY!")
            .await
            .assert_error(422, 5);
        app.cleanup().await;
    }
}
