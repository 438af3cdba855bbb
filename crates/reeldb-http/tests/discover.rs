//! `/3/discover/movie` and `/3/discover/tv` on every engine: each filter family filters (AND
//! and OR lists, `without_*`, date ranges, regional release types, certifications with their
//! country, watch providers with region and monetization, cast/crew/people, networks, status,
//! type), each sort family sorts, pages and totals are true, and bad input is TMDB's error.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::{TestApp, engines};
use serde_json::{Value, json};

/// `(id, popularity, vote_average, vote_count, release_date, language, title, genres)`.
type MovieRow = (
    i64,
    f64,
    f64,
    i64,
    &'static str,
    &'static str,
    &'static str,
    &'static [i64],
);

const MOVIES: &[MovieRow] = &[
    (1, 80.0, 7.5, 1000, "2020-05-01", "en", "Alpha", &[28, 12]),
    (2, 70.0, 6.0, 50, "2019-03-01", "fr", "Bravo", &[28]),
    (3, 60.0, 8.0, 500, "2021-07-15", "en", "Charlie", &[12, 35]),
    (4, 50.0, 5.0, 10, "2018-01-01", "ko", "Delta", &[35]),
    (5, 40.0, 9.0, 3000, "", "en", "Echo", &[18]),
    (6, 30.0, 7.0, 200, "2022-12-31", "en", "Foxtrot", &[28, 35]),
];

/// A release: `(country, date, type, certification)`.
type Release = (&'static str, &'static str, i64, &'static str);

fn movie_entry(m: &MovieRow) -> Value {
    let (id, popularity, vote_average, vote_count, date, lang, title, genres) = *m;
    json!({"adult": false, "backdrop_path": format!("/b{id}.jpg"), "genre_ids": genres, "id": id,
           "original_language": lang, "original_title": title, "overview": format!("About {title}."),
           "popularity": popularity, "poster_path": format!("/p{id}.jpg"), "release_date": date,
           "title": title, "video": false, "vote_average": vote_average, "vote_count": vote_count})
}

fn person(id: i64) -> Value {
    json!({"adult": false, "gender": 2, "id": id, "known_for_department": "Acting",
           "name": format!("Person {id}"), "original_name": format!("Person {id}"),
           "popularity": 1.0, "profile_path": null})
}

fn with(mut base: Value, extra: Value) -> Value {
    for (k, v) in extra.as_object().unwrap() {
        base[k] = v.clone();
    }
    base
}

async fn sql(app: &TestApp, statements: &'static [&'static str]) {
    app.db
        .store
        .run(move |db| {
            for s in statements {
                db.execute(s, &[])?;
            }
            Ok::<_, reeldb_store::StoreError>(())
        })
        .await
        .unwrap();
}

/// Six listed movies, an adult and a video-only one, with releases, certifications, credits,
/// keywords, companies, countries, runtimes and watch offers.
async fn movie_catalog(app: &TestApp) {
    let mut entries: Vec<Value> = MOVIES.iter().map(movie_entry).collect();
    entries.push(with(
        movie_entry(&(7, 99.0, 5.0, 5, "2020-01-01", "en", "Adult", &[18])),
        json!({"adult": true}),
    ));
    entries.push(with(
        movie_entry(&(8, 98.0, 5.0, 5, "2020-01-01", "en", "Video", &[18])),
        json!({"video": true}),
    ));
    let n = entries.len();
    app.import(
        "/3/movie/popular",
        &json!({"page": 1, "results": entries, "total_pages": 1, "total_results": n}),
    )
    .await;
    app.import(
        "/3/certification/movie/list",
        &json!({"certifications": {"US": [
            {"certification": "G", "meaning": "", "order": 1},
            {"certification": "PG", "meaning": "", "order": 2},
            {"certification": "PG-13", "meaning": "", "order": 3},
            {"certification": "R", "meaning": "", "order": 4}]}}),
    )
    .await;
    let releases: [(i64, &[Release]); 3] = [
        (
            1,
            &[
                ("US", "2020-05-01", 3, "PG-13"),
                ("FR", "2020-06-01", 4, ""),
            ],
        ),
        (2, &[("US", "2019-03-01", 1, "R")]),
        (4, &[("US", "2018-01-01", 3, "G")]),
    ];
    for (id, list) in releases {
        let mut countries: Vec<Value> = Vec::new();
        for (country, date, kind, cert) in list {
            let r = json!({"certification": cert, "descriptors": [], "iso_639_1": "", "note": "",
                           "release_date": format!("{date}T00:00:00.000Z"), "type": kind});
            match countries.iter_mut().find(|c| c["iso_3166_1"] == *country) {
                Some(c) => c["release_dates"].as_array_mut().unwrap().push(r),
                None => countries.push(json!({"iso_3166_1": country, "release_dates": [r]})),
            }
        }
        app.import(
            &format!("/3/movie/{id}/release_dates"),
            &json!({"id": id, "results": countries}),
        )
        .await;
    }
    // Credits: (movie, cast, crew).
    for (id, cast, crew) in [
        (1, vec![100], vec![200]),
        (2, vec![200], vec![]),
        (3, vec![100], vec![300]),
    ] {
        let cast: Vec<Value> = cast
            .iter()
            .enumerate()
            .map(|(i, p)| {
                with(
                    person(*p),
                    json!({"character": "Lead", "credit_id": format!("c{id}{p:021}"),
                           "order": i, "cast_id": i}),
                )
            })
            .collect();
        let crew: Vec<Value> = crew
            .iter()
            .map(|p| {
                with(
                    person(*p),
                    json!({"department": "Directing", "job": "Director",
                           "credit_id": format!("d{id}{p:021}")}),
                )
            })
            .collect();
        app.import(
            &format!("/3/movie/{id}/credits"),
            &json!({"id": id, "cast": cast, "crew": crew}),
        )
        .await;
    }
    for (id, keywords) in [(1, vec![5]), (3, vec![5, 6])] {
        let list: Vec<Value> = keywords
            .iter()
            .map(|k| json!({"id": k, "name": format!("keyword {k}")}))
            .collect();
        app.import(
            &format!("/3/movie/{id}/keywords"),
            &json!({"id": id, "keywords": list}),
        )
        .await;
    }
    // Offers: 1 streams on 8 in the US, 2 rents on 8 in the US, 3 streams on 9 in GB.
    for (id, country, kind, provider) in [
        (1, "US", "flatrate", 8),
        (2, "US", "rent", 8),
        (3, "GB", "flatrate", 9),
    ] {
        let offer = json!([{"logo_path": format!("/l{provider}.jpg"), "provider_id": provider,
                            "provider_name": format!("Provider {provider}"), "display_priority": 1}]);
        let mut region = json!({"link": format!("https://example.org/{id}")});
        region[kind] = offer;
        let mut results = json!({});
        results[country] = region;
        app.import(
            &format!("/3/movie/{id}/watch/providers"),
            &json!({"id": id, "results": results}),
        )
        .await;
    }
    sql(
        app,
        &[
            "INSERT INTO owner_company (owner_type, owner_id, company_id, position) VALUES ('movie', 1, 420, 0), ('movie', 2, 420, 0), ('movie', 2, 33, 1)",
            "INSERT INTO code_list (owner_type, owner_id, list_name, position, value) VALUES ('movie', 4, 'origin_country', 0, 'KR'), ('movie', 2, 'origin_country', 0, 'FR')",
            "UPDATE movie SET runtime = 90 + id * 10, revenue = id * 1000 WHERE id <= 4",
        ],
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

async fn found(app: &TestApp, path: &str) -> Vec<i64> {
    ids(&app.get_json(path).await)
}

/// Asserts each `(query, ids)` on `/3/discover/{kind}`.
async fn expect(app: &TestApp, kind: &str, cases: &[(&str, &[i64])]) {
    for (query, want) in cases {
        let path = format!("/3/discover/{kind}?{query}");
        assert_eq!(found(app, &path).await, want.to_vec(), "{path}");
        let v = app.get_json(&path).await;
        assert_eq!(v["total_results"], json!(want.len()), "{path}");
    }
}

#[tokio::test]
async fn discover_movie_lists_titles_by_popularity_with_true_totals() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        movie_catalog(&app).await;
        let v = app.get_json("/3/discover/movie").await;
        assert_eq!(ids(&v), [1, 2, 3, 4, 5, 6], "{engine:?}");
        assert_eq!(
            (&v["page"], &v["total_pages"], &v["total_results"]),
            (&json!(1), &json!(1), &json!(6))
        );
        assert_eq!(v["results"][0], movie_entry(&MOVIES[0]));
        // Past the last page: no results, the same totals.
        let v = app.get_json("/3/discover/movie?page=2").await;
        assert_eq!(ids(&v), Vec::<i64>::new());
        assert_eq!(v["total_results"], json!(6));
        expect(
            &app,
            "movie",
            &[
                ("include_adult=true", &[7, 1, 2, 3, 4, 5, 6]),
                ("include_video=true", &[8, 1, 2, 3, 4, 5, 6]),
                (
                    "include_adult=false&include_video=false",
                    &[1, 2, 3, 4, 5, 6],
                ),
            ],
        )
        .await;
        app.cleanup().await;
    }
}

#[tokio::test]
async fn discover_movie_list_filters_and_or_and_without() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        movie_catalog(&app).await;
        expect(
            &app,
            "movie",
            &[
                ("with_genres=28,12", &[1]),
                ("with_genres=28|12", &[1, 2, 3, 6]),
                ("without_genres=35", &[1, 2, 5]),
                ("with_genres=28&without_genres=35|12", &[2]),
                ("with_keywords=5,6", &[3]),
                ("with_keywords=5|6", &[1, 3]),
                ("without_keywords=6", &[1, 2, 4, 5, 6]),
                ("with_companies=420,33", &[2]),
                ("with_companies=420|33", &[1, 2]),
                ("without_companies=33", &[1, 3, 4, 5, 6]),
                ("with_origin_country=KR|FR", &[2, 4]),
                ("with_original_language=en", &[1, 3, 5, 6]),
                ("with_runtime.gte=110&with_runtime.lte=120", &[2, 3]),
                ("vote_average.gte=7&vote_count.gte=200", &[1, 3, 5, 6]),
                ("vote_average.lte=6&vote_count.lte=49.5", &[4]),
                (
                    "with_genres=28&with_original_language=en&vote_count.gte=500",
                    &[1],
                ),
            ],
        )
        .await;
        app.cleanup().await;
    }
}

#[tokio::test]
async fn discover_movie_people_filters_read_cast_and_crew() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        movie_catalog(&app).await;
        expect(
            &app,
            "movie",
            &[
                ("with_cast=100", &[1, 3]),
                ("with_cast=100|200", &[1, 2, 3]),
                ("with_cast=100,200", &[]),
                ("with_crew=200", &[1]),
                ("with_people=200", &[1, 2]),
                ("with_people=100,200", &[1]),
                ("with_people=300&with_cast=100", &[3]),
            ],
        )
        .await;
        app.cleanup().await;
    }
}

#[tokio::test]
async fn discover_movie_date_ranges_release_types_and_regions() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        movie_catalog(&app).await;
        expect(
            &app,
            "movie",
            &[
                (
                    "primary_release_date.gte=2019-01-01&primary_release_date.lte=2021-07-15",
                    &[1, 2, 3],
                ),
                ("primary_release_year=2022", &[6]),
                ("primary_release_date.lte=2018-12-31", &[4]),
                // Movie 1's French digital release is in the range, its US one is not.
                (
                    "release_date.gte=2020-05-15&release_date.lte=2020-06-30",
                    &[1],
                ),
                (
                    "release_date.gte=2020-05-15&release_date.lte=2020-06-30&region=US",
                    &[],
                ),
                // Movies without release rows match by their own date.
                ("release_date.gte=2021-01-01", &[3, 6]),
                ("year=2019", &[2]),
                ("with_release_type=3", &[1, 4]),
                ("with_release_type=3,4", &[1]),
                ("with_release_type=1|4", &[1, 2]),
                ("with_release_type=3|4&region=FR", &[1]),
                ("with_release_type=3&release_date.lte=2019-12-31", &[4]),
            ],
        )
        .await;
        // `region` shows that country's release date.
        let v = app
            .get_json("/3/discover/movie?with_release_type=4&region=FR")
            .await;
        assert_eq!(v["results"][0]["release_date"], json!("2020-06-01"));
        app.cleanup().await;
    }
}

#[tokio::test]
async fn discover_movie_certifications_in_a_country() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        movie_catalog(&app).await;
        expect(
            &app,
            "movie",
            &[
                ("certification=PG-13&certification_country=US", &[1]),
                ("certification=R|G&certification_country=US", &[2, 4]),
                ("certification=PG-13&certification_country=FR", &[]),
                ("certification.lte=PG-13&certification_country=US", &[1, 4]),
                ("certification.gte=PG-13&certification_country=US", &[1, 2]),
                (
                    "certification.gte=PG&certification.lte=PG-13&certification_country=US",
                    &[1],
                ),
                // `region` stands for the country when none is given.
                ("certification=R&region=US", &[2]),
            ],
        )
        .await;
        app.cleanup().await;
    }
}

#[tokio::test]
async fn discover_movie_watch_providers_by_region_and_monetization() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        movie_catalog(&app).await;
        expect(
            &app,
            "movie",
            &[
                ("with_watch_providers=8&watch_region=US", &[1, 2]),
                ("with_watch_providers=8&watch_region=GB", &[]),
                (
                    "with_watch_providers=8&watch_region=US&with_watch_monetization_types=flatrate",
                    &[1],
                ),
                ("with_watch_providers=8|9", &[1, 2, 3]),
                ("with_watch_providers=8,9", &[]),
                ("with_watch_monetization_types=rent&watch_region=US", &[2]),
                (
                    "with_watch_monetization_types=flatrate|rent&watch_region=US",
                    &[1, 2],
                ),
                ("without_watch_providers=8", &[3, 4, 5, 6]),
                (
                    "without_watch_providers=8&watch_region=GB",
                    &[1, 2, 3, 4, 5, 6],
                ),
            ],
        )
        .await;
        app.cleanup().await;
    }
}

#[tokio::test]
async fn discover_movie_sorts() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        movie_catalog(&app).await;
        expect(
            &app,
            "movie",
            &[
                ("sort_by=popularity.desc", &[1, 2, 3, 4, 5, 6]),
                ("sort_by=popularity.asc", &[6, 5, 4, 3, 2, 1]),
                ("sort_by=vote_average.desc", &[5, 3, 1, 6, 2, 4]),
                ("sort_by=vote_average.asc", &[4, 2, 6, 1, 3, 5]),
                ("sort_by=vote_count.asc", &[4, 2, 6, 3, 1, 5]),
                ("sort_by=vote_count.desc", &[5, 1, 3, 6, 2, 4]),
                // Undated movies last in both directions.
                ("sort_by=primary_release_date.asc", &[4, 2, 1, 3, 6, 5]),
                ("sort_by=primary_release_date.desc", &[6, 3, 1, 2, 4, 5]),
                ("sort_by=title.asc", &[1, 2, 3, 4, 5, 6]),
                ("sort_by=original_title.desc", &[6, 5, 4, 3, 2, 1]),
                // Unknown revenue last.
                ("sort_by=revenue.desc", &[4, 3, 2, 1, 5, 6]),
                ("sort_by=revenue.asc", &[1, 2, 3, 4, 5, 6]),
                // Unknown sorts are TMDB's default.
                ("sort_by=first_air_date.desc", &[1, 2, 3, 4, 5, 6]),
                ("sort_by=rating", &[1, 2, 3, 4, 5, 6]),
            ],
        )
        .await;
        app.cleanup().await;
    }
}

#[tokio::test]
async fn discover_answers_bad_input_with_tmdb_errors() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        movie_catalog(&app).await;
        for (path, http, code) in [
            ("/3/discover/movie?page=0", 400, 22),
            ("/3/discover/movie?page=501", 400, 22),
            ("/3/discover/tv?page=abc", 400, 22),
            (
                "/3/discover/movie?primary_release_date.gte=2020-13-45",
                400,
                23,
            ),
            ("/3/discover/movie?release_date.lte=yesterday", 400, 23),
            ("/3/discover/tv?air_date.gte=2020/01/01", 400, 23),
            ("/3/discover/movie?vote_average.gte=high", 422, 5),
            ("/3/discover/movie?with_genres=drama", 422, 5),
            ("/3/discover/movie?with_release_type=9", 422, 5),
            (
                "/3/discover/movie?with_watch_monetization_types=gift",
                422,
                5,
            ),
            ("/3/discover/movie?include_adult=maybe", 422, 5),
            ("/3/discover/movie?language=english", 422, 5),
            ("/3/discover/tv?with_status=9", 422, 5),
            ("/3/discover/tv?timezone=Mars/Olympus", 400, 28),
        ] {
            app.get(path).await.assert_error(http, code);
        }
        app.cleanup().await;
    }
}

/// `(id, popularity, first_air_date, origin, language, name, genres)`.
type SeriesRow = (
    i64,
    f64,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [i64],
);

const SERIES: &[SeriesRow] = &[
    (1, 50.0, "2011-04-17", "US", "en", "Thrones", &[18]),
    (2, 40.0, "2005-03-24", "US", "en", "Office", &[35]),
    (3, 30.0, "2019-09-01", "KR", "ko", "Seoul", &[18, 80]),
    (4, 20.0, "", "GB", "en", "Undated", &[10764]),
    (5, 10.0, "2023-01-01", "GB", "en", "Albion", &[18]),
];

fn series_entry(s: &SeriesRow) -> Value {
    let (id, popularity, date, origin, lang, name, genres) = *s;
    json!({"adult": false, "backdrop_path": null, "first_air_date": date, "genre_ids": genres,
           "id": id, "name": name, "origin_country": [origin], "original_language": lang,
           "original_name": name, "overview": "", "popularity": popularity, "poster_path": null,
           "vote_average": 6.0 + id as f64, "vote_count": 100 * id})
}

async fn series_catalog(app: &TestApp) {
    let entries: Vec<Value> = SERIES.iter().map(series_entry).collect();
    app.import(
        "/3/tv/popular",
        &json!({"page": 1, "results": entries, "total_pages": 1, "total_results": 5}),
    )
    .await;
    app.import(
        "/3/tv/3/keywords",
        &json!({"id": 3, "results": [{"id": 77, "name": "seoul"}]}),
    )
    .await;
    app.import(
        "/3/tv/5/watch/providers",
        &json!({"id": 5, "results": {"GB": {"link": "https://example.org/5",
            "flatrate": [{"logo_path": "/l9.jpg", "provider_id": 9, "provider_name": "Provider 9",
                          "display_priority": 1}]}}}),
    )
    .await;
    sql(
        app,
        &[
            "INSERT INTO tv_episode (id, series_id, season_number, episode_number, air_date) VALUES (901, 1, 8, 6, '2019-05-19'), (902, 3, 1, 1, '2019-09-02')",
            "INSERT INTO tv_series_network (series_id, network_id, position) VALUES (1, 49, 0), (3, 49, 0), (3, 50, 1)",
            "UPDATE tv_series SET status = 'Ended' WHERE id IN (1, 2)",
            "UPDATE tv_series SET status = 'Returning Series' WHERE id = 3",
            "UPDATE tv_series SET series_type = 'Scripted' WHERE id IN (1, 3)",
            "INSERT INTO screened_episode (series_id, episode_id, position) VALUES (2, 903, 0)",
            "INSERT INTO code_list (owner_type, owner_id, list_name, position, value) VALUES ('tv', 1, 'episode_run_time', 0, '60'), ('tv', 2, 'episode_run_time', 0, '22')",
        ],
    )
    .await;
}

#[tokio::test]
async fn discover_tv_filters() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        series_catalog(&app).await;
        let v = app.get_json("/3/discover/tv").await;
        assert_eq!(v["results"][0], series_entry(&SERIES[0]), "{engine:?}");
        expect(
            &app,
            "tv",
            &[
                // Series without a first air date only when asked for.
                ("", &[1, 2, 3, 5]),
                ("include_null_first_air_dates=true", &[1, 2, 3, 4, 5]),
                ("first_air_date_year=2019", &[3]),
                (
                    "first_air_date.gte=2005-01-01&first_air_date.lte=2011-12-31",
                    &[1, 2],
                ),
                ("air_date.gte=2019-05-01&air_date.lte=2019-05-31", &[1]),
                ("air_date.gte=2019-05-01&timezone=Europe/Paris", &[1, 3]),
                ("with_genres=18", &[1, 3, 5]),
                ("with_genres=18,80", &[3]),
                ("with_genres=35|80", &[2, 3]),
                ("without_genres=18", &[2]),
                ("with_networks=49", &[1, 3]),
                ("with_networks=49,50", &[3]),
                ("with_status=3", &[1, 2]),
                ("with_status=0|3", &[1, 2, 3]),
                ("with_type=4", &[1, 3]),
                ("with_type=4&with_status=0", &[3]),
                ("with_origin_country=GB", &[5]),
                ("with_origin_country=KR|GB", &[3, 5]),
                ("with_original_language=ko", &[3]),
                ("screened_theatrically=true", &[2]),
                ("with_runtime.gte=45", &[1]),
                ("with_runtime.lte=30", &[2]),
                ("with_keywords=77", &[3]),
                ("without_keywords=77", &[1, 2, 5]),
                ("with_watch_providers=9&watch_region=GB", &[5]),
                (
                    "with_watch_monetization_types=flatrate&watch_region=US",
                    &[],
                ),
                ("vote_average.gte=8&vote_count.lte=300", &[2, 3]),
                // Movie-only parameters are ignored.
                ("with_cast=100&with_release_type=3", &[1, 2, 3, 5]),
            ],
        )
        .await;
        app.cleanup().await;
    }
}

#[tokio::test]
async fn discover_tv_sorts() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        series_catalog(&app).await;
        expect(
            &app,
            "tv",
            &[
                ("sort_by=popularity.asc", &[5, 3, 2, 1]),
                ("sort_by=first_air_date.desc", &[5, 3, 1, 2]),
                ("sort_by=first_air_date.asc", &[2, 1, 3, 5]),
                (
                    "sort_by=first_air_date.asc&include_null_first_air_dates=true",
                    &[2, 1, 3, 5, 4],
                ),
                ("sort_by=name.asc", &[5, 2, 3, 1]),
                ("sort_by=original_name.desc", &[1, 3, 2, 5]),
                ("sort_by=vote_average.desc", &[5, 3, 2, 1]),
                ("sort_by=vote_count.asc", &[1, 2, 3, 5]),
                ("sort_by=revenue.desc", &[1, 2, 3, 5]),
            ],
        )
        .await;
        app.cleanup().await;
    }
}

#[tokio::test]
async fn discover_pages_by_twenty() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        let entries: Vec<Value> = (1..=45)
            .map(|id| {
                movie_entry(&(
                    id,
                    (id % 10) as f64,
                    7.0,
                    10,
                    "2020-01-01",
                    "en",
                    "Film",
                    &[18],
                ))
            })
            .collect();
        app.import(
            "/3/movie/popular",
            &json!({"page": 1, "results": entries, "total_pages": 1, "total_results": 45}),
        )
        .await;
        let mut expected: Vec<i64> = (1..=45).collect();
        expected.sort_by_key(|id| (std::cmp::Reverse(id % 10), *id));
        let mut seen = Vec::new();
        for page in 1..=3 {
            let v = app
                .get_json(&format!("/3/discover/movie?with_genres=18&page={page}"))
                .await;
            assert_eq!(v["page"], json!(page));
            assert_eq!(
                (&v["total_results"], &v["total_pages"]),
                (&json!(45), &json!(3))
            );
            seen.extend(ids(&v));
        }
        assert_eq!(seen, expected, "{engine:?}");
        app.cleanup().await;
    }
}
