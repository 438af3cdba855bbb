//! Movies: IMDb ids in place of TMDB ids, appended parts read from separately imported
//! sub-resources, text per language, re-import idempotence, and TMDB's errors.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::body::Body;
use common::{TestApp, assert_same_json, engines, fixture};
use http::{Method, Request};
use serde_json::json;

/// Star Wars, the movie TMDB's details example describes.
const MOVIE: &str = "/3/movie/11";
const SUBS: [&str; 13] = [
    "",
    "/release_dates",
    "/translations",
    "/reviews",
    "/alternative_titles",
    "/credits",
    "/external_ids",
    "/images",
    "/keywords",
    "/videos",
    "/watch/providers",
    "/changes",
    "?append_to_response=keywords",
];
/// Sub-resource examples: all describe Fight Club (550).
const SUB_OPS: [&str; 10] = [
    "movie-credits",
    "movie-release-dates",
    "movie-translations",
    "movie-reviews",
    "movie-alternative-titles",
    "movie-external-ids",
    "movie-images",
    "movie-keywords",
    "movie-videos",
    "movie-watch-providers",
];

/// Imports Star Wars' details, then Fight Club's sub-resource examples re-keyed to Star Wars
/// (11), each as its own record (never as one appended response).
async fn separately_imported(app: &TestApp) {
    let f = fixture("movie-details");
    app.import(&f.request, &f.response).await;
    for op in SUB_OPS {
        let f = fixture(op);
        let mut response = f.response.clone();
        response["id"] = 11.into();
        let request = f.request.replace("/550", "/11");
        app.import(&request, &response).await;
    }
}

#[tokio::test]
async fn appended_parts_come_from_separately_imported_sub_resources() {
    let parts = [
        "release_dates",
        "translations",
        "reviews",
        "alternative_titles",
        "credits",
        "external_ids",
        "images",
        "keywords",
        "videos",
        "watch/providers",
    ];
    for engine in engines() {
        let app = TestApp::new(engine).await;
        separately_imported(&app).await;
        let got = app
            .get_json(&format!(
                "{MOVIE}?append_to_response={},no_such_part",
                parts.join(",")
            ))
            .await;
        let plain = app.get_json(MOVIE).await;
        let mut body = got.clone();
        for part in parts {
            let mut own = app.get_json(&format!("{MOVIE}/{part}")).await;
            // Appended parts carry no `id` of their own, as TMDB sends them.
            own.as_object_mut().unwrap().remove("id");
            assert_same_json(&got[part], &own, &format!("{part} on {engine:?}"));
            body.as_object_mut().unwrap().remove(part);
        }
        // The details themselves are unchanged, and unknown names are ignored as TMDB does.
        assert_same_json(&body, &plain, &format!("details on {engine:?}"));
        assert!(got.get("no_such_part").is_none());
        // The details' imdb_id and the external ids are the same fact: the later import
        // (Fight Club's external ids, re-keyed) wins in both.
        assert_eq!(got["imdb_id"], got["external_ids"]["imdb_id"]);
        assert_eq!(got["keywords"]["keywords"][0]["id"], json!(818));
        app.cleanup().await;
    }
}

/// An IMDb id in place of the TMDB id names the movie, on details and every sub-resource.
#[tokio::test]
async fn an_imdb_id_resolves_to_the_movie() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        let f = fixture("movie-details");
        app.import(&f.request, &f.response).await;
        let by_imdb = app.get_json("/3/movie/tt0076759").await;
        assert_same_json(&by_imdb, &app.get_json(MOVIE).await, "details by IMDb id");
        assert_eq!(by_imdb["id"], json!(11));
        let ids = app.get_json("/3/movie/tt0076759/external_ids").await;
        assert_eq!(ids["id"], json!(11));
        assert_eq!(ids["imdb_id"], json!("tt0076759"));
        let appended = app
            .get_json("/3/movie/tt0076759?append_to_response=external_ids")
            .await;
        assert_eq!(appended["external_ids"]["imdb_id"], json!("tt0076759"));
        for sub in SUBS {
            app.get(&format!("/3/movie/tt0000001{sub}"))
                .await
                .assert_error(404, 34);
        }
        app.cleanup().await;
    }
}

/// An appended details response imports each part it carries, serves them back the same, and
/// importing it again logs nothing.
#[tokio::test]
async fn an_appended_details_response_round_trips() {
    for engine in engines() {
        let source = TestApp::new(engine).await;
        separately_imported(&source).await;
        let request = format!(
            "{MOVIE}?append_to_response=release_dates,translations,reviews,alternative_titles,credits,external_ids,images,keywords,videos,watch/providers"
        );
        let whole = source.get_json(&request).await;
        source.cleanup().await;
        let app = TestApp::new(engine).await;
        app.import(&request, &whole).await;
        let got = app.get_json(&request).await;
        assert_same_json(&got, &whole, &format!("appended round trip on {engine:?}"));
        let rec = reeldb_import::Record {
            request: request.clone(),
            response: whole.clone(),
        };
        let changes = reeldb_import::import_record(&app.db.store, &rec)
            .await
            .unwrap();
        assert_eq!(changes, 0, "re-import on {engine:?} logged changes");
        app.cleanup().await;
    }
}

/// Details imported in another language are that language's text; the primary text stays.
#[tokio::test]
async fn details_follow_the_language() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        let f = fixture("movie-details");
        app.import(&f.request, &f.response).await;
        let mut fr = f.response.clone();
        fr["title"] = json!("La Guerre des étoiles");
        fr["overview"] = json!("Il y a bien longtemps...");
        fr["tagline"] = json!("");
        fr["genres"][0]["name"] = json!("Aventure");
        app.import(&format!("{MOVIE}?language=fr-FR"), &fr).await;
        let got = app.get_json(&format!("{MOVIE}?language=fr-FR")).await;
        assert_same_json(&got, &fr, &format!("French details on {engine:?}"));
        let en = app.get_json(MOVIE).await;
        assert_same_json(&en, &f.response, &format!("English details on {engine:?}"));
        // A language with no text: empty strings, never another language's.
        let de = app.get_json(&format!("{MOVIE}?language=de-DE")).await;
        assert_eq!(de["title"], json!(""));
        assert_eq!(de["overview"], json!(""));
        app.cleanup().await;
    }
}

/// Importing the same movie records again changes nothing and logs nothing.
#[tokio::test]
async fn reimporting_movie_records_logs_nothing() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        let mut ops = vec!["movie-details", "movie-latest-id", "movie-changes"];
        ops.extend(SUB_OPS);
        for round in 0..2 {
            for op in &ops {
                let f = fixture(op);
                let rec = reeldb_import::Record {
                    request: f.request.clone(),
                    response: f.response.clone(),
                };
                let changes = reeldb_import::import_record(&app.db.store, &rec)
                    .await
                    .unwrap();
                if round == 1 {
                    assert_eq!(changes, 0, "{op} re-import on {engine:?}");
                }
            }
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn latest_is_the_highest_movie_id() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        app.get("/3/movie/latest").await.assert_error(404, 34);
        let f = fixture("movie-details");
        app.import(&f.request, &f.response).await;
        assert_eq!(app.get_json("/3/movie/latest").await["id"], json!(11));
        let latest = fixture("movie-latest-id");
        app.import(&latest.request, &latest.response).await;
        assert_eq!(app.get_json("/3/movie/latest").await["id"], json!(1119232));
        app.cleanup().await;
    }
}

/// The demo catalog serves Star Wars' details and Fight Club's sub-resources.
#[tokio::test]
async fn demo_catalog_serves_the_movie_examples() {
    for engine in engines() {
        let app = TestApp::new(engine).await.with_demo().await;
        let got = app.get_json(MOVIE).await;
        assert_eq!(got["title"], json!("Star Wars"));
        for op in [
            "movie-credits",
            "movie-external-ids",
            "movie-keywords",
            "movie-videos",
        ] {
            let f = fixture(op);
            let got = app.get_json(&f.request).await;
            assert_same_json(&got, &f.response, &format!("demo {op} on {engine:?}"));
        }
        // `country` keeps that country's titles (any case), in TMDB's order.
        let all = fixture("movie-alternative-titles").response;
        let us: Vec<&serde_json::Value> = all["titles"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["iso_3166_1"] == "RU")
            .collect();
        assert!(!us.is_empty());
        let got = app
            .get_json("/3/movie/550/alternative_titles?country=ru")
            .await;
        assert_eq!(got["titles"], json!(us));
        let by_imdb = app.get_json("/3/movie/tt0137523/keywords").await;
        assert_eq!(by_imdb["id"], json!(550));
        app.cleanup().await;
    }
}

#[tokio::test]
async fn errors_are_tmdb_envelopes() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        let f = fixture("movie-details");
        app.import(&f.request, &f.response).await;
        for sub in SUBS {
            // Unknown, non-numeric and malformed ids.
            for id in [
                "999999",
                "abc",
                "-1",
                "99999999999999999999",
                "tt",
                "ttabc",
                "11abc",
            ] {
                app.get(&format!("/3/movie/{id}{sub}"))
                    .await
                    .assert_error(404, 34);
            }
        }
        // More than 20 appended names.
        let names: Vec<String> = (0..21).map(|i| format!("part{i}")).collect();
        app.get(&format!("{MOVIE}?append_to_response={}", names.join(",")))
            .await
            .assert_error(400, 27);
        // Bad languages.
        for path in [
            MOVIE.to_owned(),
            format!("{MOVIE}/watch/providers"),
            format!("{MOVIE}/credits"),
            "/3/movie/latest".to_owned(),
        ] {
            app.get(&format!("{path}?language=english"))
                .await
                .assert_error(422, 5);
        }
        app.get(&format!("{MOVIE}/images?include_image_language=english"))
            .await
            .assert_error(422, 5);
        app.get(&format!("{MOVIE}/videos?include_video_language=english"))
            .await
            .assert_error(422, 5);
        // Changes: bad page and bad windows.
        app.get(&format!("{MOVIE}/changes?page=0"))
            .await
            .assert_error(400, 22);
        app.get(&format!(
            "{MOVIE}/changes?start_date=2023-01-01&end_date=2023-03-01"
        ))
        .await
        .assert_error(422, 20);
        // Other methods: 405 on a movie, an unknown route's 404 on a name that is no id.
        let put = |path: &str| {
            Request::builder()
                .method(Method::PUT)
                .uri(format!("{path}?api_key={}", app.key))
                .body(Body::empty())
                .unwrap()
        };
        app.send(put(MOVIE)).await.assert_error(405, 42);
        app.send(put("/3/movie/tt0076759"))
            .await
            .assert_error(405, 42);
        app.send(put("/3/movie/bogus")).await.assert_error(404, 34);
        // Routes not built yet answer like unknown routes.
        for path in ["/3/movie/11/lists", "/3/movie/11/account_states"] {
            app.get(path).await.assert_error(404, 34);
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn importer_refuses_a_response_for_another_movie() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        let f = fixture("movie-keywords"); // "id": 550
        let rec = reeldb_import::Record {
            request: "/3/movie/11/keywords".into(),
            response: f.response.clone(),
        };
        let err = reeldb_import::import_record(&app.db.store, &rec)
            .await
            .unwrap_err();
        assert!(err.to_string().contains("550"), "{err}");
        app.cleanup().await;
    }
}

/// A person's movie credits (and the movie part of combined credits) come from the movies'
/// credit rows, with each movie's list fields.
#[tokio::test]
async fn person_movie_credits_come_from_movie_credits() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        separately_imported(&app).await; // Star Wars with Fight Club's credits re-keyed to 11
        let credits = app.get_json(&format!("{MOVIE}/credits")).await;
        let norton = &credits["cast"][0];
        let person = norton["id"].as_i64().unwrap();
        let got = app
            .get_json(&format!("/3/person/{person}/movie_credits"))
            .await;
        let entry = &got["cast"][0];
        assert_eq!(entry["id"], json!(11));
        assert_eq!(entry["title"], json!("Star Wars"));
        assert_eq!(entry["genre_ids"], json!([12, 28, 878]));
        assert_eq!(entry["character"], norton["character"]);
        assert_eq!(entry["credit_id"], norton["credit_id"]);
        assert!(entry.get("media_type").is_none());
        let combined = app
            .get_json(&format!("/3/person/{person}/combined_credits"))
            .await;
        let movie = combined["cast"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["media_type"] == "movie")
            .expect("a movie entry");
        assert_eq!(movie["credit_id"], norton["credit_id"]);
        app.cleanup().await;
    }
}

/// A movie review's details import and come back with the movie as media (its title too).
#[tokio::test]
async fn movie_review_details_round_trip() {
    let list = fixture("movie-reviews").response;
    let mut review = list["results"][0].clone();
    let m = review.as_object_mut().unwrap();
    m.insert("iso_639_1".into(), json!("en"));
    m.insert("media_id".into(), json!(550));
    m.insert("media_title".into(), json!("Fight Club"));
    m.insert("media_type".into(), json!("movie"));
    // In TMDB's key order.
    let keys = [
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
        "url",
    ];
    let review: serde_json::Map<String, serde_json::Value> = keys
        .iter()
        .map(|k| (k.to_string(), review[*k].clone()))
        .collect();
    let review = serde_json::Value::Object(review);
    let path = format!("/3/review/{}", review["id"].as_str().unwrap());
    for engine in engines() {
        let app = TestApp::new(engine).await;
        app.import(&path, &review).await;
        let got = app.get_json(&path).await;
        assert_same_json(&got, &review, &format!("movie review on {engine:?}"));
        let reviews = app.get_json("/3/movie/550/reviews").await;
        assert_eq!(reviews["results"][0]["id"], review["id"]);
        app.cleanup().await;
    }
}
