//! Collections, companies and keywords on every engine: TMDB's errors, TMDB's key order, parts
//! and keyword movies computed from the movies that belong to them (order, language, adult
//! movies, paging), and import round trips (an identical re-import logs nothing; a changed one
//! logs what changed).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{TestApp, assert_same_json, engines, fixture};
use reeldb_import::Record;
use serde_json::{Value, json};

/// Imports a record, returning the changes it logged (and asserting nothing was dropped).
async fn import_counting(app: &TestApp, request: &str, response: &Value) -> u64 {
    let rec = Record {
        request: request.to_owned(),
        response: response.clone(),
    };
    let done = reeldb_import::import_tracked(&app.db.store, &rec)
        .await
        .unwrap_or_else(|e| panic!("import {request}: {e}"));
    common::assert_nothing_dropped(request, &done.dropped);
    done.changes
}

/// Asserts every object in `got` lists its keys in the order `expected` does (TMDB's order),
/// wherever both have the object.
fn assert_key_order(got: &Value, expected: &Value, at: &str) {
    match (got, expected) {
        (Value::Object(g), Value::Object(e)) => {
            let gk: Vec<&String> = g.keys().collect();
            let ek: Vec<&String> = e.keys().collect();
            assert_eq!(gk, ek, "key order at {at}");
            for (k, v) in e {
                assert_key_order(&g[k], v, &format!("{at}.{k}"));
            }
        }
        (Value::Array(g), Value::Array(e)) => {
            for (i, (gv, ev)) in g.iter().zip(e).enumerate() {
                assert_key_order(gv, ev, &format!("{at}[{i}]"));
            }
        }
        _ => {}
    }
}

/// The count of change-log items of one owner, key and action.
async fn logged(app: &TestApp, owner: (&str, i64), key: &str, action: &str) -> i64 {
    let (t, id, k, a) = (
        owner.0.to_owned(),
        owner.1,
        key.to_owned(),
        action.to_owned(),
    );
    app.db
        .store
        .run(move |db| {
            db.scalar::<i64>(
                "SELECT COUNT(*) FROM change_log WHERE owner_type = $1 AND owner_id = $2 AND change_key = $3
                   AND action = $4",
                &[&t, &id, &k, &a],
            )
        })
        .await
        .unwrap()
}

fn movie_entry(id: i64, title: &str, popularity: f64, adult: bool) -> Value {
    json!({"adult": adult, "backdrop_path": null, "genre_ids": [28], "id": id, "original_language": "en",
           "original_title": title, "overview": format!("About {title}."), "popularity": popularity,
           "poster_path": format!("/p{id}.jpg"), "release_date": "2020-01-01", "title": title,
           "video": false, "vote_average": 6.5, "vote_count": 100})
}

fn part(id: i64, title: &str, release_date: &str) -> Value {
    json!({"adult": false, "backdrop_path": null, "id": id, "title": title, "original_title": title,
           "overview": "", "poster_path": null, "media_type": "movie", "original_language": "en",
           "genre_ids": [12], "popularity": 1.5, "release_date": release_date, "video": false,
           "vote_average": 7.0, "vote_count": 10})
}

fn movie_details(id: i64, title: &str, release_date: &str, collection: Option<Value>) -> Value {
    json!({"adult": false, "backdrop_path": null, "belongs_to_collection": collection, "budget": 0,
           "genres": [], "homepage": "", "id": id, "imdb_id": null, "origin_country": [],
           "original_language": "en", "original_title": title, "overview": "", "popularity": 2.0,
           "poster_path": null, "production_companies": [], "production_countries": [],
           "release_date": release_date, "revenue": 0, "runtime": 100, "spoken_languages": [],
           "status": "Released", "tagline": "", "title": title, "video": false,
           "vote_average": 7.0, "vote_count": 10})
}

#[tokio::test]
async fn unknown_or_malformed_ids_are_tmdb_404s() {
    for engine in engines() {
        let app = TestApp::new(engine).await.with_demo().await;
        for path in [
            "/3/collection/999999",
            "/3/collection/999999/images",
            "/3/collection/999999/translations",
            "/3/collection/star-wars",
            "/3/collection/-10/images",
            "/3/company/999999",
            "/3/company/999999/alternative_names",
            "/3/company/999999/images",
            "/3/company/lucasfilm",
            "/3/keyword/999999",
            "/3/keyword/999999/movies",
            "/3/keyword/hero",
            "/3/keyword/hero/movies",
            "/3/collection/10/parts",
        ] {
            app.get(path).await.assert_error(404, 34);
        }
        // The demo holds all three examples' objects.
        let c = app.get_json("/3/collection/10").await;
        assert_eq!(c["name"], json!("Star Wars Collection"));
        assert_eq!(c["parts"].as_array().unwrap().len(), 9);
        let lucasfilm = app.get_json("/3/company/1").await;
        assert_eq!(
            lucasfilm["headquarters"],
            json!("San Francisco, California")
        );
        let hero = app.get_json("/3/keyword/1701").await;
        assert_eq!(hero, json!({"id": 1701, "name": "hero"}));
        let movies = app.get_json("/3/keyword/1701/movies?language=de").await;
        assert_eq!(movies["total_results"], json!(20));
        app.cleanup().await;
    }
}

#[tokio::test]
async fn bad_parameters_get_tmdb_errors() {
    for engine in engines() {
        let app = TestApp::new(engine).await.with_demo().await;
        for page in ["0", "501", "abc", "-1"] {
            app.get(&format!("/3/keyword/1701/movies?page={page}"))
                .await
                .assert_error(400, 22);
        }
        for path in [
            "/3/collection/10?language=english",
            "/3/collection/10/images?language=e",
            "/3/keyword/1701/movies?language=123",
        ] {
            app.get(path).await.assert_error(422, 5);
        }
        // Parameters are checked before the lookup: a bad page of an unknown keyword is 400.
        app.get("/3/keyword/999999/movies?page=0")
            .await
            .assert_error(400, 22);
        // More than 20 appended names.
        let many: Vec<String> = (0..21).map(|i| format!("part{i}")).collect();
        let many = many.join(",");
        app.get(&format!("/3/collection/10?append_to_response={many}"))
            .await
            .assert_error(400, 27);
        app.cleanup().await;
    }
}

/// Each response lists its keys in TMDB's order: the examples' (parts as recorded responses
/// send them, with `title`/`original_title`).
#[tokio::test]
async fn responses_keep_tmdb_key_order() {
    for engine in engines() {
        let app = TestApp::new(engine).await.with_demo().await;
        for op in [
            "company-details",
            "company-alternative-names",
            "company-images",
            "keyword-details",
            "keyword-movies",
            "collection-translations",
        ] {
            let f = fixture(op);
            let got = app.get_json(&f.request).await;
            assert_key_order(&got, &f.response, op);
        }
        let got = app.get_json("/3/collection/10").await;
        let keys: Vec<&String> = got.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            [
                "id",
                "name",
                "original_language",
                "original_name",
                "overview",
                "poster_path",
                "backdrop_path",
                "parts"
            ]
        );
        let part_keys: Vec<&String> = got["parts"][0].as_object().unwrap().keys().collect();
        assert_eq!(
            part_keys,
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
        let images = app.get_json("/3/collection/10/images").await;
        let keys: Vec<&String> = images["posters"][0].as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            [
                "aspect_ratio",
                "height",
                "iso_3166_1",
                "iso_639_1",
                "file_path",
                "vote_average",
                "vote_count",
                "width"
            ]
        );
        app.cleanup().await;
    }
}

/// Parts are the movies that belong to the collection: a collection's own order for the parts
/// its details named, then movies linked only by their own `belongs_to_collection`, by release
/// date. A re-import of the details without a part unlinks it; a movie moving to another
/// collection leaves the first.
#[tokio::test]
async fn parts_are_computed_from_the_movies() {
    let star =
        json!({"id": 77, "name": "Saga", "poster_path": "/c.jpg", "backdrop_path": "/cb.jpg"});
    let details = |parts: Vec<Value>| {
        json!({"id": 77, "name": "Saga", "original_language": "en", "original_name": "Saga",
               "overview": "Three films.", "poster_path": "/c.jpg", "backdrop_path": "/cb.jpg",
               "parts": parts})
    };
    for engine in engines() {
        let app = TestApp::new(engine).await;
        // Known from a movie's details only: the collection exists with that movie as its part.
        app.import(
            "/3/movie/501",
            &movie_details(501, "Second", "2002-01-01", Some(star.clone())),
        )
        .await;
        let c = app.get_json("/3/collection/77").await;
        assert_eq!(c["name"], json!("Saga"));
        assert_eq!(c["overview"], json!(""));
        assert_eq!(c["original_name"], Value::Null);
        let ids = |c: &Value| -> Vec<i64> {
            c["parts"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["id"].as_i64().unwrap())
                .collect()
        };
        assert_eq!(ids(&c), [501]);
        assert_eq!(c["parts"][0]["title"], json!("Second"));
        assert_eq!(c["parts"][0]["media_type"], json!("movie"));
        // The collection's own order (not by date), as its details state it.
        let first = details(vec![
            part(503, "Third", "2001-01-01"),
            part(501, "Second", "2002-01-01"),
        ]);
        app.import("/3/collection/77", &first).await;
        // A movie linked by its own details follows, by release date.
        app.import(
            "/3/movie/504",
            &movie_details(504, "Fourth", "1999-01-01", Some(star.clone())),
        )
        .await;
        app.import(
            "/3/movie/505",
            &movie_details(505, "Fifth", "1998-01-01", Some(star.clone())),
        )
        .await;
        let c = app.get_json("/3/collection/77").await;
        assert_eq!(ids(&c), [503, 501, 505, 504]);
        assert_eq!(c["overview"], json!("Three films."));
        // The movie's details show the collection it belongs to.
        let m = app.get_json("/3/movie/503").await;
        assert_eq!(m["belongs_to_collection"], star);
        // The details are the whole list: 504 and 505 leave, logged on the movies.
        app.import("/3/collection/77", &first).await;
        assert_eq!(ids(&app.get_json("/3/collection/77").await), [503, 501]);
        assert_eq!(
            app.get_json("/3/movie/504").await["belongs_to_collection"],
            Value::Null
        );
        assert_eq!(
            logged(&app, ("movie", 504), "belongs_to_collection", "added").await,
            1
        );
        assert_eq!(
            logged(&app, ("movie", 504), "belongs_to_collection", "deleted").await,
            1
        );
        // A movie that moves to another collection leaves this one.
        let other = json!({"id": 78, "name": "Other", "poster_path": null, "backdrop_path": null});
        app.import(
            "/3/movie/503",
            &movie_details(503, "Third", "2001-01-01", Some(other)),
        )
        .await;
        assert_eq!(ids(&app.get_json("/3/collection/77").await), [501]);
        assert_eq!(ids(&app.get_json("/3/collection/78").await), [503]);
        app.cleanup().await;
    }
}

/// Name and overview follow the language rule of every object (the primary text in its own
/// language, translations in others, `""` when missing), and so do the parts' titles.
#[tokio::test]
async fn collection_text_follows_the_language() {
    for engine in engines() {
        let app = TestApp::new(engine).await.with_demo().await;
        let fr = app.get_json("/3/collection/10?language=fr-FR").await;
        assert_eq!(fr["name"], json!("Star Wars - Saga"));
        assert_eq!(fr["original_name"], json!("Star Wars Collection"));
        // Part titles: the demo holds no French titles of these films.
        assert_eq!(fr["parts"][0]["title"], json!(""));
        let ca = app.get_json("/3/collection/10?language=ca").await;
        assert_eq!(ca["name"], json!("Col·lecció Star Wars"));
        assert_eq!(ca["overview"], json!(""));
        let ko = app.get_json("/3/collection/10?language=xx").await;
        assert_eq!(ko["name"], json!(""));
        // English: the primary text, though the en-US translation's title is blank.
        let en = app.get_json("/3/collection/10").await;
        assert_eq!(en["name"], json!("Star Wars Collection"));
        assert_eq!(en["parts"][0]["title"], json!("Star Wars"));
        // A French movie details names the collection in French: its translation, not its name.
        let mut d = movie_details(
            11,
            "La Guerre des étoiles",
            "1977-05-25",
            Some(
                json!({"id": 10, "name": "Star Wars - La Saga", "poster_path": null, "backdrop_path": null}),
            ),
        );
        d["original_title"] = json!("Star Wars");
        app.import("/3/movie/11?language=fr-FR", &d).await;
        let fr = app.get_json("/3/collection/10?language=fr-FR").await;
        assert_eq!(fr["name"], json!("Star Wars - La Saga"));
        assert_eq!(fr["parts"][0]["title"], json!("La Guerre des étoiles"));
        let en = app.get_json("/3/collection/10").await;
        assert_eq!(en["name"], json!("Star Wars Collection"));
        app.cleanup().await;
    }
}

/// Images: best rated first, filtered by `language` and `include_image_language`.
#[tokio::test]
async fn collection_images_filter_by_language() {
    for engine in engines() {
        let app = TestApp::new(engine).await.with_demo().await;
        let all = app.get_json("/3/collection/10/images").await;
        let (b, p) = (
            all["backdrops"].as_array().unwrap().len(),
            all["posters"].as_array().unwrap().len(),
        );
        assert_eq!((b, p), (33, 109));
        let en = app.get_json("/3/collection/10/images?language=en").await;
        assert!(
            en["posters"]
                .as_array()
                .unwrap()
                .iter()
                .all(|i| i["iso_639_1"] == json!("en"))
        );
        let with_null = app
            .get_json("/3/collection/10/images?language=en&include_image_language=null")
            .await;
        let langs: std::collections::BTreeSet<String> = with_null["backdrops"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["iso_639_1"].to_string())
            .collect();
        assert_eq!(langs, ["\"en\"".to_owned(), "null".to_owned()].into());
        app.cleanup().await;
    }
}

/// Importing a collection's details, images and translations (also appended to details) and
/// reading them back gives the same responses; an identical re-import logs nothing; a changed
/// field logs one item on the collection.
#[tokio::test]
async fn collection_import_round_trips() {
    let details = fixture("collection-details");
    let images = fixture("collection-images");
    let translations = fixture("collection-translations");
    for engine in engines() {
        let app = TestApp::new(engine).await;
        let mut combined = details.response.clone();
        combined["images"] = images.response.clone();
        combined["translations"] = translations.response.clone();
        for part in ["images", "translations"] {
            combined[part].as_object_mut().unwrap().remove("id");
        }
        let request = "/3/collection/10?append_to_response=images,translations";
        assert!(import_counting(&app, request, &combined).await > 0);
        let got = app.get_json(request).await;
        assert_eq!(got["name"], json!("Star Wars Collection"));
        assert_eq!(got["parts"].as_array().unwrap().len(), 9);
        assert_same_json(
            &got["translations"],
            &json!({"translations": translations.response["translations"]}),
            "appended translations",
        );
        assert_eq!(
            got["images"]["posters"].as_array().unwrap().len(),
            images.response["posters"].as_array().unwrap().len()
        );
        // Appended parts keep their keys in order, without `id`.
        let keys: Vec<&String> = got["images"].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["backdrops", "posters"]);
        assert_eq!(import_counting(&app, request, &combined).await, 0);
        for f in [&details, &images, &translations] {
            assert_eq!(import_counting(&app, &f.request, &f.response).await, 0);
        }
        // The served form imports back unchanged (parts with `title`).
        let served = app.get_json("/3/collection/10").await;
        assert_eq!(import_counting(&app, "/3/collection/10", &served).await, 0);
        let mut changed = details.response.clone();
        changed["overview"] = json!("A saga.");
        changed["poster_path"] = json!("/new.jpg");
        let n = import_counting(&app, "/3/collection/10", &changed).await;
        assert_eq!(n, 2);
        for key in ["overview", "poster_path"] {
            assert_eq!(logged(&app, ("collection", 10), key, "updated").await, 1);
        }
        let got = app.get_json("/3/collection/10").await;
        assert_eq!(got["overview"], json!("A saga."));
        // A response naming another collection than its path is refused.
        let rec = Record {
            request: "/3/collection/11".into(),
            response: details.response.clone(),
        };
        let err = reeldb_import::import_record(&app.db.store, &rec)
            .await
            .unwrap_err();
        assert!(err.to_string().contains("11"), "{err}");
        app.cleanup().await;
    }
}

/// Company details with a parent company (a recorded Warner Bros. response's shape), names and
/// logos, appended or not; a company known from production companies only has its list
/// fields and `null` for what details add.
#[tokio::test]
async fn company_import_round_trips() {
    let warner = json!({"description": "", "headquarters": "Burbank, California",
        "homepage": "https://www.warnerbros.com", "id": 17, "logo_path": "/s1y7.png",
        "name": "Warner Bros. Entertainment", "origin_country": "US",
        "parent_company": {"name": "Time Warner", "id": 128, "logo_path": null}});
    for engine in engines() {
        let app = TestApp::new(engine).await;
        let mut d = movie_details(600, "Film", "2000-01-01", None);
        d["production_companies"] = json!([{"id": 17, "logo_path": "/old.png", "name": "Warner Bros.", "origin_country": "US"}]);
        app.import("/3/movie/600", &d).await;
        let listed = app.get_json("/3/company/17").await;
        assert_same_json(
            &listed,
            &json!({"description": null, "headquarters": null, "homepage": null, "id": 17,
                    "logo_path": "/old.png", "name": "Warner Bros.", "origin_country": "US",
                    "parent_company": null}),
            "company from a production list",
        );
        assert_eq!(
            app.get_json("/3/company/17/alternative_names").await,
            json!({"id": 17, "results": []})
        );
        assert_eq!(
            app.get_json("/3/company/17/images").await,
            json!({"id": 17, "logos": []})
        );
        assert!(import_counting(&app, "/3/company/17", &warner).await > 0);
        let got = app.get_json("/3/company/17").await;
        assert_same_json(&got, &warner, "company details");
        assert_key_order(&got, &warner, "company details");
        // The parent is a company of its own.
        let parent = app.get_json("/3/company/128").await;
        assert_eq!(parent["name"], json!("Time Warner"));
        // The movie's production companies show the company as details state it.
        assert_eq!(
            app.get_json("/3/movie/600").await["production_companies"][0]["name"],
            json!("Warner Bros. Entertainment")
        );
        assert_eq!(logged(&app, ("company", 17), "name", "updated").await, 1);
        assert_eq!(
            logged(&app, ("company", 17), "parent_company", "added").await,
            1
        );
        assert_eq!(import_counting(&app, "/3/company/17", &warner).await, 0);
        // Names and logos appended to details.
        let names = fixture("company-alternative-names").response;
        let logos = fixture("company-images").response;
        let mut with_parts = warner.clone();
        with_parts["alternative_names"] = json!({"results": names["results"]});
        with_parts["images"] = json!({"logos": logos["logos"]});
        let request = "/3/company/17?append_to_response=alternative_names,images";
        assert!(import_counting(&app, request, &with_parts).await > 0);
        let got = app.get_json(request).await;
        assert_same_json(&got, &with_parts, "company with appended parts");
        assert_eq!(import_counting(&app, request, &with_parts).await, 0);
        // A parent no longer named is logged as removed.
        let mut orphan = warner.clone();
        orphan["parent_company"] = Value::Null;
        assert_eq!(import_counting(&app, "/3/company/17", &orphan).await, 1);
        assert_eq!(
            app.get_json("/3/company/17").await["parent_company"],
            Value::Null
        );
        app.cleanup().await;
    }
}

/// A keyword's movies: those carrying it with known list fields, adult ones only with
/// `include_adult=true`, most popular first, 20 a page, text in the request's language.
#[tokio::test]
async fn keyword_movies_are_computed_from_the_movies() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        let results: Vec<Value> = (0..25)
            .map(|i| movie_entry(700 + i, &format!("Film {i}"), f64::from(i as i32), i == 24))
            .collect();
        let page =
            json!({"id": 42, "page": 1, "results": results, "total_pages": 2, "total_results": 25});
        app.import("/3/keyword/42/movies", &page).await;
        // Known from the page alone: the keyword has no name yet.
        assert_eq!(
            app.get_json("/3/keyword/42").await,
            json!({"id": 42, "name": null})
        );
        app.import("/3/keyword/42", &json!({"id": 42, "name": "heist"}))
            .await;
        // Each movie carries the keyword.
        assert_eq!(
            app.get_json("/3/movie/710/keywords").await,
            json!({"id": 710, "keywords": [{"id": 42, "name": "heist"}]})
        );
        let p1 = app.get_json("/3/keyword/42/movies").await;
        assert_eq!(p1["id"], json!(42));
        assert_eq!(p1["total_results"], json!(24));
        assert_eq!(p1["total_pages"], json!(2));
        let ids: Vec<i64> = p1["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_i64().unwrap())
            .collect();
        // Film 24 is adult: left out. The most popular first.
        assert_eq!(ids, (704..=723).rev().collect::<Vec<_>>());
        assert_eq!(p1["results"][0]["title"], json!("Film 23"));
        let p2 = app.get_json("/3/keyword/42/movies?page=2").await;
        assert_eq!(p2["results"].as_array().unwrap().len(), 4);
        let p3 = app.get_json("/3/keyword/42/movies?page=3").await;
        assert_eq!(p3["results"], json!([]));
        assert_eq!(p3["total_results"], json!(24));
        let adult = app
            .get_json("/3/keyword/42/movies?include_adult=true")
            .await;
        assert_eq!(adult["total_results"], json!(25));
        assert_eq!(adult["results"][0]["id"], json!(724));
        // Another language: no translation, so empty text; a German page adds one.
        let de = app.get_json("/3/keyword/42/movies?language=de-DE").await;
        assert_eq!(de["results"][0]["title"], json!(""));
        let german = json!({"id": 42, "page": 1, "total_pages": 1, "total_results": 1,
            "results": [{"adult": false, "backdrop_path": null, "genre_ids": [28], "id": 723,
                "original_language": "en", "original_title": "Film 23", "overview": "Über Film 23.",
                "popularity": 23.0, "poster_path": "/p723.jpg", "release_date": "2020-01-01",
                "title": "Der Film 23", "video": false, "vote_average": 6.5, "vote_count": 100}]});
        app.import("/3/keyword/42/movies?language=de-DE", &german)
            .await;
        let de = app.get_json("/3/keyword/42/movies?language=de-DE").await;
        assert_eq!(de["results"][0]["title"], json!("Der Film 23"));
        assert_eq!(
            app.get_json("/3/keyword/42/movies").await["results"][0]["title"],
            json!("Film 23")
        );
        // A movie carrying the keyword but known by id only is not listed.
        app.import(
            "/3/movie/999/keywords",
            &json!({"id": 999, "keywords": [{"id": 42, "name": "heist"}]}),
        )
        .await;
        assert_eq!(
            app.get_json("/3/keyword/42/movies").await["total_results"],
            json!(24)
        );
        // Round trip: re-importing the same page logs nothing; a rename logs one item.
        assert_eq!(
            import_counting(&app, "/3/keyword/42/movies", &page).await,
            0
        );
        assert_eq!(
            import_counting(&app, "/3/keyword/42", &json!({"id": 42, "name": "heists"})).await,
            1
        );
        app.cleanup().await;
    }
}
