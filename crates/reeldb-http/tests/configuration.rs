//! TMDB's "Configuration" section: `/3/configuration` with the server's image base URLs (the
//! `--image-base-url` setting) and the catalog's size lists and change keys, their defaults in
//! a catalog without an import; `/timezones` checked against jiff's tz database; `/jobs`
//! merging the imported list with the credits; idempotent imports with change items; errors.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{TestApp, engines, fixture};
use reeldb_http::HttpConfig;
use reeldb_import::Record;
use serde_json::{Value, json};

async fn import_counting(app: &TestApp, request: &str, response: &Value) -> u64 {
    let rec = Record {
        request: request.to_owned(),
        response: response.clone(),
    };
    let done = reeldb_import::import_tracked(&app.db.store, &rec)
        .await
        .unwrap();
    assert!(done.dropped.is_empty(), "{request} {}", done.dropped);
    done.changes
}

#[tokio::test]
async fn image_base_url_setting_changes_the_urls() {
    for engine in engines() {
        let mut app = TestApp::new(engine).await;
        app.config = HttpConfig {
            image_base_url: "http://img.example.org/t/p/".into(),
            image_secure_base_url: reeldb_http::derive_secure_base_url(
                "http://img.example.org/t/p/",
            ),
            ..HttpConfig::default()
        };
        let got = app.get_json("/3/configuration").await;
        assert_eq!(got["images"]["base_url"], "http://img.example.org/t/p/");
        assert_eq!(
            got["images"]["secure_base_url"],
            "https://img.example.org/t/p/"
        );
        // Its own secure URL, when given, is served as is.
        app.config.image_secure_base_url = "https://cdn.example.org/p/".into();
        let got = app.get_json("/3/configuration").await;
        assert_eq!(
            got["images"]["secure_base_url"],
            "https://cdn.example.org/p/"
        );
        app.cleanup().await;
    }
}

#[test]
fn secure_url_is_derived_from_an_http_url_only() {
    assert_eq!(
        reeldb_http::derive_secure_base_url("http://a/t/p/"),
        "https://a/t/p/"
    );
    assert_eq!(
        reeldb_http::derive_secure_base_url("https://a/t/p/"),
        "https://a/t/p/"
    );
    assert_eq!(reeldb_http::derive_secure_base_url("/images/"), "/images/");
}

/// A catalog that never imported a configuration serves TMDB's lists (the default image server
/// is TMDB's), so the default server answers as TMDB's example does.
#[tokio::test]
async fn empty_catalog_serves_tmdb_lists() {
    let expected = fixture("configuration-details").response;
    for engine in engines() {
        let app = TestApp::new(engine).await;
        assert_eq!(app.get_json("/3/configuration").await, expected);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn imported_lists_are_served_and_logged_once() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        let resp = json!({
            "images": {
                "base_url": "http://elsewhere/", "secure_base_url": "https://elsewhere/",
                "backdrop_sizes": ["w300", "original"], "logo_sizes": ["w45", "original"],
                "poster_sizes": ["w92", "w500", "original"], "profile_sizes": ["w45", "original"],
                "still_sizes": ["w92", "original"]
            },
            "change_keys": ["name", "overview"]
        });
        // Six lists, one change item each; the same response again changes nothing.
        assert_eq!(import_counting(&app, "/3/configuration", &resp).await, 6);
        assert_eq!(import_counting(&app, "/3/configuration", &resp).await, 0);
        let got = app.get_json("/3/configuration").await;
        // The base URLs are the server's setting, not the imported ones.
        let mut expected = resp.clone();
        expected["images"]["base_url"] = json!(reeldb_http::TMDB_IMAGE_BASE_URL);
        expected["images"]["secure_base_url"] = json!(reeldb_http::TMDB_IMAGE_SECURE_BASE_URL);
        assert_eq!(got, expected);
        // One list moved: one change item.
        let mut moved = resp.clone();
        moved["change_keys"] = json!(["name"]);
        assert_eq!(import_counting(&app, "/3/configuration", &moved).await, 1);
        assert_eq!(
            app.get_json("/3/configuration").await["change_keys"],
            json!(["name"])
        );
        app.cleanup().await;
    }
}

#[tokio::test]
async fn errors_are_tmdb_envelopes() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        // No key: 401 code 7.
        let r = app
            .send(
                http::Request::get("/3/configuration")
                    .body(axum::body::Body::empty())
                    .unwrap(),
            )
            .await;
        r.assert_error(401, 7);
        // A path under it that is not routed: 404 code 34.
        app.get("/3/configuration/nope").await.assert_error(404, 34);
        app.cleanup().await;
    }
}

/// Every zone the bundled table (TMDB's example) names exists in the bundled tz database, and
/// each zone's own country (the tz database's `zone1970.tab` location) lists it, but for the
/// differences `docs/CONFIGURATION.md` names.
#[tokio::test]
async fn timezones_exist_in_the_tz_database() {
    let app = TestApp::new(engines()[0]).await;
    let list = app.get_json("/3/configuration/timezones").await;
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 249);
    let mut unlisted = Vec::new();
    for c in list {
        for zone in c["zones"].as_array().unwrap() {
            let zone = zone.as_str().unwrap();
            let tz = jiff::tz::TimeZone::get(zone)
                .unwrap_or_else(|e| panic!("{zone} is not in the tz database: {e}"));
            if let Some(loc) = tz.location() {
                let home = loc.country();
                let listed = list.iter().any(|o| {
                    o["iso_3166_1"] == home
                        && o["zones"].as_array().unwrap().iter().any(|z| z == zone)
                });
                if !listed {
                    unlisted.push(format!("{zone} ({home})"));
                }
            }
        }
    }
    unlisted.sort();
    unlisted.dedup();
    assert!(
        unlisted.is_empty(),
        "zones not under their own country: {unlisted:?}"
    );
    // The other way: primary zones of the tz database (with a location) the example lacks.
    let mut missing: Vec<String> = jiff::tz::db()
        .available()
        .map(|n| n.as_str().to_owned())
        .filter(|name| {
            let tz = jiff::tz::TimeZone::get(name).unwrap();
            tz.is_primary()
                && tz.location().is_some()
                && !list.iter().any(|c| {
                    c["zones"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|z| z == name.as_str())
                })
        })
        .collect();
    missing.sort();
    // TMDB lists zones as `zone1970.tab` does (a country whose clocks agree with another's
    // since 1970 names that one's zone: NL is Europe/Brussels), while the tz database also
    // names each country's own zone (`zone.tab`): Europe/Amsterdam and the like. The one zone
    // newer than the example is America/Coyhaique (Chile's Aysén, tz 2025b).
    assert!(
        missing.contains(&"Europe/Amsterdam".to_owned()),
        "{missing:?}"
    );
    assert!(
        missing.contains(&"America/Coyhaique".to_owned()),
        "{missing:?}"
    );
    app.cleanup().await;
}

#[tokio::test]
async fn imported_timezones_replace_the_bundled_table() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        let two = json!([
            {"iso_3166_1": "BV", "zones": []},
            {"iso_3166_1": "DE", "zones": ["Europe/Berlin", "Europe/Busingen"]},
            {"iso_3166_1": "NZ", "zones": ["Pacific/Auckland", "Pacific/Chatham"]}
        ]);
        // The countries list and two zone lists.
        assert_eq!(
            import_counting(&app, "/3/configuration/timezones", &two).await,
            3
        );
        assert_eq!(
            import_counting(&app, "/3/configuration/timezones", &two).await,
            0
        );
        assert_eq!(app.get_json("/3/configuration/timezones").await, two);
        // A country left out loses its zones: the countries list and NZ's zones change.
        let one = json!([
            {"iso_3166_1": "BV", "zones": []},
            {"iso_3166_1": "DE", "zones": ["Europe/Berlin", "Europe/Busingen"]}
        ]);
        assert_eq!(
            import_counting(&app, "/3/configuration/timezones", &one).await,
            2
        );
        assert_eq!(app.get_json("/3/configuration/timezones").await, one);
        app.cleanup().await;
    }
}

/// Inserts a crew credit (department, job) on series 1.
async fn crew(app: &TestApp, n: i64, department: &'static str, job: &'static str) {
    app.db
        .store
        .run(move |db| {
            db.execute(
                "INSERT INTO credit (owner_type, owner_id, kind, credit_id, person_id, department, job, position)
                 VALUES ('tv', 1, 'crew', $1, $2, $3, $4, $2)",
                &[&format!("c{n}"), &n, &department, &job],
            )
        })
        .await
        .unwrap();
}

#[tokio::test]
async fn jobs_merge_the_imported_list_and_the_credits() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        // Without an import or credits: an empty list.
        assert_eq!(app.get_json("/3/configuration/jobs").await, json!([]));
        // Credits alone: departments by name, jobs by name, each pair once.
        crew(&app, 1, "Writing", "Screenplay").await;
        crew(&app, 2, "Directing", "Director").await;
        crew(&app, 3, "Writing", "Novel").await;
        crew(&app, 4, "Writing", "Novel").await;
        assert_eq!(
            app.get_json("/3/configuration/jobs").await,
            json!([
                {"department": "Directing", "jobs": ["Director"]},
                {"department": "Writing", "jobs": ["Novel", "Screenplay"]}
            ])
        );
        // An imported list keeps TMDB's order; credit pairs it lacks follow its jobs, and a
        // department it lacks follows its departments. Departments without credits stay.
        let tmdb = json!([
            {"department": "Writing", "jobs": ["Screenplay", "Idea"]},
            {"department": "Sound", "jobs": ["Foley Editor"]}
        ]);
        assert_eq!(
            import_counting(&app, "/3/configuration/jobs", &tmdb).await,
            3
        );
        assert_eq!(
            import_counting(&app, "/3/configuration/jobs", &tmdb).await,
            0
        );
        assert_eq!(
            app.get_json("/3/configuration/jobs").await,
            json!([
                {"department": "Writing", "jobs": ["Screenplay", "Idea", "Novel"]},
                {"department": "Sound", "jobs": ["Foley Editor"]},
                {"department": "Directing", "jobs": ["Director"]}
            ])
        );
        // A department left out of a later import loses its imported jobs.
        let less = json!([{"department": "Writing", "jobs": ["Screenplay", "Idea"]}]);
        assert_eq!(
            import_counting(&app, "/3/configuration/jobs", &less).await,
            2
        );
        assert_eq!(
            app.get_json("/3/configuration/jobs").await,
            json!([
                {"department": "Writing", "jobs": ["Screenplay", "Idea", "Novel"]},
                {"department": "Directing", "jobs": ["Director"]}
            ])
        );
        app.cleanup().await;
    }
}

#[tokio::test]
async fn languages_bundled_then_imported() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        // A catalog without an import serves the bundled table: TMDB's example.
        assert_eq!(
            app.get_json("/3/configuration/languages").await,
            fixture("configuration-languages").response
        );
        let list = json!([
            {"iso_639_1": "xx", "english_name": "No Language", "name": "No Language"},
            {"iso_639_1": "de", "english_name": "German", "name": "Deutsch"},
            {"iso_639_1": "aa", "english_name": "Afar", "name": ""}
        ]);
        // Codes, English names and native names: one change item each, then none.
        assert_eq!(
            import_counting(&app, "/3/configuration/languages", &list).await,
            3
        );
        assert_eq!(
            import_counting(&app, "/3/configuration/languages", &list).await,
            0
        );
        assert_eq!(app.get_json("/3/configuration/languages").await, list);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn primary_translations_are_the_imported_list() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        let path = "/3/configuration/primary_translations";
        // Known only from an import.
        assert_eq!(app.get_json(path).await, json!([]));
        let tags = json!(["de-DE", "en-US", "fr-FR"]);
        assert_eq!(import_counting(&app, path, &tags).await, 1);
        assert_eq!(import_counting(&app, path, &tags).await, 0);
        assert_eq!(app.get_json(path).await, tags);
        // A bare array is accepted only where TMDB sends one.
        let err = reeldb_import::import_tracked(
            &app.db.store,
            &Record {
                request: "/3/genre/tv/list".into(),
                response: json!([]),
            },
        )
        .await;
        assert!(err.is_err());
        app.cleanup().await;
    }
}
