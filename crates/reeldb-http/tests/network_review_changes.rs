//! Networks, reviews and the TV and people changes lists, on every engine: TMDB's errors,
//! change windows and paging over changes written by imports, and import round trips (an
//! identical re-import logs nothing; a changed one logs what changed).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{TestApp, assert_same_json, engines, fixture};
use reeldb_import::{ImportError, Record};
use serde_json::{Value, json};

/// Imports a record, returning the changes it logged.
async fn import_counting(app: &TestApp, request: &str, response: &Value) -> u64 {
    let rec = Record {
        request: request.to_owned(),
        response: response.clone(),
    };
    reeldb_import::import_record(&app.db.store, &rec)
        .await
        .unwrap_or_else(|e| panic!("import {request}: {e}"))
}

async fn import_error(app: &TestApp, request: &str, response: &Value) -> ImportError {
    let rec = Record {
        request: request.to_owned(),
        response: response.clone(),
    };
    reeldb_import::import_record(&app.db.store, &rec)
        .await
        .unwrap_err()
}

fn ids(list: &Value) -> Vec<i64> {
    list["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect()
}

fn review(id: &str, created_at: &str) -> Value {
    json!({"author": format!("author {id}"),
           "author_details": {"name": "", "username": format!("u{id}"), "avatar_path": null, "rating": null},
           "content": "Good.", "created_at": created_at, "id": id,
           "updated_at": "2021-01-01T00:00:00.000Z",
           "url": format!("https://www.themoviedb.org/review/{id}")})
}

fn reviews_page(series: i64, results: Vec<Value>) -> Value {
    let n = results.len();
    json!({"id": series, "page": 1, "results": results, "total_pages": 1, "total_results": n})
}

#[tokio::test]
async fn unknown_or_malformed_ids_are_tmdb_404s() {
    for engine in engines() {
        let app = TestApp::new(engine).await.with_demo().await;
        for path in [
            "/3/network/999999",
            "/3/network/999999/alternative_names",
            "/3/network/999999/images",
            "/3/network/hbo",
            "/3/network/-1/images",
            "/3/review/000000000000000000000000",
            "/3/tv/999999/reviews",
            "/3/tv/abc/reviews",
        ] {
            app.get(path).await.assert_error(404, 34);
        }
        // The demo knows HBO (Game of Thrones' network) and the series' reviews.
        let hbo = app.get_json("/3/network/49").await;
        assert_eq!(hbo["name"], json!("HBO"));
        assert_eq!(hbo["headquarters"], json!("New York City, New York"));
        let reviews = app.get_json("/3/tv/1399/reviews").await;
        assert_eq!(reviews["total_results"], json!(11));
        app.cleanup().await;
    }
}

#[tokio::test]
async fn bad_parameters_are_tmdb_errors() {
    for engine in engines() {
        let app = TestApp::new(engine).await.with_demo().await;
        for page in ["0", "501", "x", "1.5"] {
            app.get(&format!("/3/tv/1399/reviews?page={page}"))
                .await
                .assert_error(400, 22);
            for list in ["/3/tv/changes", "/3/person/changes"] {
                app.get(&format!("{list}?page={page}"))
                    .await
                    .assert_error(400, 22);
            }
        }
        app.get("/3/tv/1399/reviews?language=english")
            .await
            .assert_error(422, 5);
        for list in ["/3/tv/changes", "/3/person/changes"] {
            for bad in [
                "start_date=2024-13-01",
                "end_date=yesterday",
                "start_date=2023-02-29",
            ] {
                app.get(&format!("{list}?{bad}"))
                    .await
                    .assert_error(400, 23);
            }
            // Longer than 14 days, or ending before it starts.
            app.get(&format!("{list}?start_date=2024-01-01&end_date=2024-01-16"))
                .await
                .assert_error(422, 20);
            app.get(&format!("{list}?start_date=2024-01-10&end_date=2024-01-08"))
                .await
                .assert_error(422, 20);
            // 14 days, end date included, is fine.
            let ok = app
                .get_json(&format!("{list}?start_date=2024-01-01&end_date=2024-01-14"))
                .await;
            assert_eq!(ok["total_results"], json!(0));
            assert_eq!(ok["results"], json!([]));
        }
        app.cleanup().await;
    }
}

/// Season and episode changes count for their series (TMDB logs them at the show level too);
/// windows select by change time; the default window is the last 24 hours.
#[tokio::test]
async fn tv_changes_list_follows_the_window() {
    for engine in engines() {
        let app = TestApp::new(engine).await.with_demo().await;
        // The demo's season 3624 changes lie in 2016-04-20..27, episode 63056's in 2015-01-20..26.
        let seasons = app
            .get_json("/3/tv/changes?start_date=2016-04-20&end_date=2016-04-27")
            .await;
        assert_eq!(ids(&seasons), [1399]);
        assert_eq!(seasons["total_results"], json!(1));
        assert_eq!(seasons["total_pages"], json!(1));
        let episodes = app
            .get_json("/3/tv/changes?start_date=2015-01-20&end_date=2015-01-20")
            .await;
        assert_eq!(ids(&episodes), [1399]);
        let before = app
            .get_json("/3/tv/changes?start_date=2015-01-01&end_date=2015-01-14")
            .await;
        assert_eq!(ids(&before), Vec::<i64>::new());
        // The demo import itself happened now: the default window holds every series it created
        // (its own two, and those the people's credits name).
        let created: Vec<i64> = app
            .db
            .store
            .read(|db| {
                let rows: Vec<(i64,)> = db.query("SELECT id FROM tv_series ORDER BY id", &[])?;
                Ok::<_, reeldb_store::StoreError>(rows.into_iter().map(|(id,)| id).collect())
            })
            .await
            .unwrap();
        assert!(created.contains(&1399) && created.contains(&93405));
        // 100 a page, in the order of each series' latest change: every id listed is one of
        // them, none twice, and the pages together list them all.
        let first = app.get_json("/3/tv/changes").await;
        assert_eq!(first["total_results"], json!(created.len()));
        let pages = created.len().div_ceil(100);
        assert_eq!(first["total_pages"], json!(pages));
        let mut all = ids(&first);
        for page in 2..=pages {
            all.extend(ids(&app
                .get_json(&format!("/3/tv/changes?page={page}"))
                .await));
        }
        all.sort_unstable();
        assert_eq!(all, created);
        // An end date alone: that whole day.
        let today = time::OffsetDateTime::now_utc().date();
        let got = app
            .get_json(&format!("/3/tv/changes?end_date={today}"))
            .await;
        assert_eq!(got["total_results"], json!(created.len()));
        // Past the last page: no results, the same totals.
        let far = app
            .get_json(&format!("/3/tv/changes?page={}", pages + 1))
            .await;
        assert_eq!(far["results"], json!([]));
        assert_eq!(far["page"], json!(pages + 1));
        assert_eq!(far["total_results"], json!(created.len()));
        app.cleanup().await;
    }
}

/// People changed by an import are listed in the order of their latest change, 100 a page;
/// a person changed again moves to the end.
#[tokio::test]
async fn people_changes_list_pages_by_100() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        let cast = |ids: std::ops::Range<i64>, name: &str| -> Vec<Value> {
            ids.map(|id| {
                json!({"adult": id % 2 == 0, "id": id, "name": format!("{name} {id}"),
                       "credit_id": format!("{id:024}"), "character": "", "order": id})
            })
            .collect()
        };
        let credits = "/3/tv/5/season/1/episode/1/credits";
        let body = json!({"id": 50, "cast": cast(1..151, "P"), "crew": [], "guest_stars": []});
        app.import(credits, &body).await;
        let p1 = app.get_json("/3/person/changes").await;
        assert_eq!(p1["total_results"], json!(150));
        assert_eq!(p1["total_pages"], json!(2));
        assert_eq!(ids(&p1), (1..101).collect::<Vec<_>>());
        assert_eq!(p1["results"][0], json!({"id": 1, "adult": false}));
        assert_eq!(p1["results"][1], json!({"id": 2, "adult": true}));
        let p2 = app.get_json("/3/person/changes?page=2").await;
        assert_eq!(ids(&p2), (101..151).collect::<Vec<_>>());
        // Person 7 renamed: its latest change is now the newest.
        let mut renamed = cast(7..8, "Renamed");
        renamed[0]["credit_id"] = json!(format!("{:024}", 7));
        let all = [cast(1..7, "P"), renamed, cast(8..151, "P")].concat();
        let body = json!({"id": 50, "cast": all, "crew": [], "guest_stars": []});
        app.import(credits, &body).await;
        let p2 = app.get_json("/3/person/changes?page=2").await;
        assert_eq!(ids(&p2).last(), Some(&7));
        // The episode's credits changed: its series is in the TV list.
        assert_eq!(ids(&app.get_json("/3/tv/changes").await), [5]);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn network_imports_round_trip_and_log_changes() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        for op in ["network-details", "details-copy", "alternative-names-copy"] {
            let f = fixture(op);
            assert!(
                import_counting(&app, &f.request, &f.response).await > 0,
                "{op}"
            );
            // The same facts again change nothing.
            assert_eq!(
                import_counting(&app, &f.request, &f.response).await,
                0,
                "{op}"
            );
            assert_same_json(&app.get_json(&f.request).await, &f.response, op);
        }
        // Details keep TMDB's key order.
        let raw = app.get("/3/network/49").await;
        let keys: Vec<String> = raw.json().as_object().unwrap().keys().cloned().collect();
        assert_eq!(
            keys,
            [
                "headquarters",
                "homepage",
                "id",
                "logo_path",
                "name",
                "origin_country"
            ]
        );
        // A moved headquarters logs one change; a dropped alternative name one; a replaced
        // logo two (one removed, one added).
        let mut details = fixture("network-details").response;
        details["headquarters"] = json!("Burbank, California");
        assert_eq!(import_counting(&app, "/3/network/49", &details).await, 1);
        let names = json!({"id": 49, "results": [{"name": "Home Box Office", "type": ""}]});
        assert_eq!(
            import_counting(&app, "/3/network/49/alternative_names", &names).await,
            1
        );
        let mut images = fixture("alternative-names-copy").response;
        images["logos"][1]["file_path"] = json!("/other.png");
        assert_eq!(
            import_counting(&app, "/3/network/49/images", &images).await,
            2
        );
        let got = app.get_json("/3/network/49/images").await;
        assert_eq!(got["logos"][1]["file_path"], json!("/other.png"));
        assert_eq!(got["logos"][1]["file_type"], json!(".png"));
        // A season's network list names a network; its details then answer with what it knows.
        let season = json!({"_id": "x", "air_date": null, "episodes": [], "name": "S", "overview": "",
            "id": 77, "poster_path": null, "season_number": 1, "vote_average": 0,
            "networks": [{"id": 88, "logo_path": null, "name": "FX", "origin_country": "US"}]});
        app.import("/3/tv/9/season/1", &season).await;
        let fx = app.get_json("/3/network/88").await;
        assert_eq!(
            fx,
            json!({"headquarters": null, "homepage": null, "id": 88, "logo_path": null,
                   "name": "FX", "origin_country": "US"})
        );
        assert_eq!(
            app.get_json("/3/network/88/images").await,
            json!({"id": 88, "logos": []})
        );
        // A response for another network is refused.
        let err = import_error(&app, "/3/network/50", &details).await;
        assert!(err.to_string().contains("49"), "{err}");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn reviews_are_kept_per_language_and_paged() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        let list: Vec<Value> = (0..25)
            .map(|i| {
                review(
                    &format!("{i:024}"),
                    &format!("2020-01-{:02}T00:00:00.000Z", i + 1),
                )
            })
            .collect();
        let en = reviews_page(7, list.clone());
        assert!(import_counting(&app, "/3/tv/7/reviews", &en).await > 0);
        assert_eq!(import_counting(&app, "/3/tv/7/reviews", &en).await, 0);
        let p1 = app.get_json("/3/tv/7/reviews").await;
        assert_eq!(p1["total_results"], json!(25));
        assert_eq!(p1["total_pages"], json!(2));
        assert_eq!(p1["results"].as_array().unwrap().len(), 20);
        assert_eq!(p1["results"][0], list[0]);
        let p2 = app.get_json("/3/tv/7/reviews?page=2").await;
        assert_eq!(p2["page"], json!(2));
        assert_eq!(p2["results"].as_array().unwrap().len(), 5);
        assert_eq!(p2["results"][4], list[24]);
        let keys: Vec<String> = p1.as_object().unwrap().keys().cloned().collect();
        assert_eq!(
            keys,
            ["id", "page", "results", "total_pages", "total_results"]
        );
        // A French review: listed for French requests only, and its details say so.
        let fr = reviews_page(
            7,
            vec![review(
                "f00000000000000000000001",
                "2021-05-01T00:00:00.000Z",
            )],
        );
        app.import("/3/tv/7/reviews?language=fr-FR", &fr).await;
        assert_eq!(
            ids_of_reviews(&app.get_json("/3/tv/7/reviews?language=fr").await),
            ["f00000000000000000000001"]
        );
        assert_eq!(
            app.get_json("/3/tv/7/reviews").await["total_results"],
            json!(25)
        );
        let d = app.get_json("/3/review/f00000000000000000000001").await;
        assert_eq!(d["iso_639_1"], json!("fr"));
        assert_eq!(
            (d["media_id"].clone(), d["media_type"].clone()),
            (json!(7), json!("tv"))
        );
        let keys: Vec<String> = d.as_object().unwrap().keys().cloned().collect();
        assert_eq!(
            keys,
            [
                "id",
                "author",
                "author_details",
                "content",
                "created_at",
                "iso_639_1",
                "media_id",
                "media_title",
                "media_type",
                "updated_at",
                "url"
            ]
        );
        // A complete English list without review 3 removes it (one change); French stays.
        let mut fewer = list.clone();
        fewer.remove(3);
        assert_eq!(
            import_counting(&app, "/3/tv/7/reviews", &reviews_page(7, fewer)).await,
            1
        );
        app.get(&format!("/3/review/{:024}", 3))
            .await
            .assert_error(404, 34);
        assert_eq!(
            app.get_json("/3/tv/7/reviews?language=fr").await["total_results"],
            json!(1)
        );
        // An edited review logs one change.
        let mut edited = review(&format!("{:024}", 0), "2020-01-01T00:00:00.000Z");
        edited["content"] = json!("Better on a second watch.");
        let mut again: Vec<Value> = list.clone();
        again.remove(3);
        again[0] = edited;
        assert_eq!(
            import_counting(&app, "/3/tv/7/reviews", &reviews_page(7, again)).await,
            1
        );
        app.cleanup().await;
    }
}

fn ids_of_reviews(list: &Value) -> Vec<String> {
    list["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn review_details_take_the_series_title() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        let f = fixture("review-details");
        app.import(&f.request, &f.response).await;
        // The series' list entry carries the title the review named.
        let summaries = app
            .db
            .store
            .read(|db| db.series_summaries(&[100088], &reeldb_wire::params::Language::default()))
            .await
            .unwrap();
        assert_eq!(summaries[0].name.as_deref(), Some("The Last of Us"));
        // A review naming a title the catalog already has does not rename the series.
        let mut other = f.response.clone();
        other["media_title"] = json!("TLOU");
        assert_eq!(import_counting(&app, &f.request, &other).await, 0);
        assert_eq!(
            app.get_json(&f.request).await["media_title"],
            json!("The Last of Us")
        );
        // Only series and movie reviews are imported; a review of anything else is refused
        // (`tests/movie.rs` imports a movie review).
        let mut other = f.response.clone();
        other["media_type"] = json!("collection");
        assert!(matches!(
            import_error(&app, &f.request, &other).await,
            ImportError::Unsupported(_)
        ));
        let err = import_error(&app, "/3/review/abc", &f.response).await;
        assert!(matches!(err, ImportError::BadResponse(..)), "{err}");
        app.cleanup().await;
    }
}

/// A changes list is computed from the change log: its response cannot be imported.
#[tokio::test]
async fn changes_list_responses_are_not_imported() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        for op in ["changes-tv-list", "changes-people-list"] {
            let f = fixture(op);
            let err = import_error(&app, &f.request, &f.response).await;
            assert!(matches!(err, ImportError::BadRequest(..)), "{err}");
            assert!(err.to_string().contains("change log"), "{err}");
        }
        app.cleanup().await;
    }
}
