//! Statements per operation: every served operation runs a fixed number of SQL statements,
//! whatever the size of its lists. Two catalogs of the same shape, one with a small season (2
//! episodes of 2 guests) and one with a large one (30 episodes of 40 guests, crew, translations,
//! stills), must cost each operation the same number of statements, and no more than its bound.
//!
//! Why this file is long (over 700 lines): it holds the records that fill both catalogs for
//! every served operation, each operation's request and its bound with the reason for it; they
//! are kept in one place so a count, its request and its bound are read side by side.
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

/// Series details and its series-level parts; `n` sets the size of every list (seasons,
/// creators, genres, companies, countries, translations, images, credits).
fn series_records(n: i64) -> Vec<(String, Value)> {
    let seasons: Vec<Value> = (1..=n)
        .map(|k| {
            json!({"air_date": "2020-01-01", "episode_count": 3, "id": if k == 1 { SEASON_ID } else { 90_000 + k },
                   "name": format!("Season {k}"), "overview": "", "poster_path": null, "season_number": k,
                   "vote_average": 7.0})
        })
        .collect();
    let creators: Vec<Value> = (0..n)
        .map(|c| json!({"id": 400_000 + c, "credit_id": format!("k{c:023}"), "name": format!("Creator {c}"),
                        "original_name": format!("Creator {c}"), "gender": 1, "profile_path": null}))
        .collect();
    let companies: Vec<Value> = (0..n)
        .map(|c| json!({"id": 500 + c, "logo_path": null, "name": format!("Company {c}"), "origin_country": "US"}))
        .collect();
    let genres: Vec<Value> = (0..n)
        .map(|g| json!({"id": 10_000 + g, "name": format!("Genre {g}")}))
        .collect();
    let countries: Vec<Value> = (0..n)
        .map(|c| json!({"iso_3166_1": format!("C{c}"), "name": format!("Country {c}")}))
        .collect();
    let images: Vec<Value> = (0..n)
        .map(|i| json!({"aspect_ratio": 1.778, "height": 1080, "iso_639_1": null, "file_path": format!("/b{i}.jpg"),
                        "vote_average": 5.0, "vote_count": 1, "width": 1920}))
        .collect();
    let translations: Vec<Value> = (0..n)
        .map(|t| json!({"iso_3166_1": format!("R{t}"), "iso_639_1": "fr", "name": "Français", "english_name": "French",
                        "data": {"name": format!("Série {t}"), "overview": "", "homepage": "", "tagline": ""}}))
        .collect();
    let cast: Vec<Value> = (0..n)
        .map(|c| with(person(600_000 + c), json!({"character": format!("Role {c}"), "credit_id": format!("s{c:023}"), "order": c})))
        .collect();
    let details = json!({
        "adult": false, "backdrop_path": null, "created_by": creators, "episode_run_time": [50],
        "first_air_date": "2020-01-01", "genres": genres, "homepage": "", "id": SERIES, "in_production": false,
        "languages": ["en"], "last_air_date": "2020-01-01", "last_episode_to_air": null, "name": "Series",
        "next_episode_to_air": null, "networks": [{"id": 49, "logo_path": "/n.png", "name": "HBO", "origin_country": "US"}],
        "number_of_episodes": 3 * n, "number_of_seasons": n, "origin_country": ["US"], "original_language": "en",
        "original_name": "Series", "overview": "", "popularity": 1.0, "poster_path": null,
        "production_companies": companies, "production_countries": countries, "seasons": seasons,
        "spoken_languages": [{"english_name": "English", "iso_639_1": "en", "name": "English"}],
        "status": "Ended", "tagline": "", "type": "Scripted", "vote_average": 7.0, "vote_count": 10,
    });
    let parts = json!({
        "credits": {"cast": cast, "crew": []},
        "images": {"backdrops": images, "logos": [], "posters": []},
        "translations": {"translations": translations},
        "external_ids": {"imdb_id": "tt1", "freebase_mid": null, "freebase_id": null, "tvdb_id": 1, "tvrage_id": null,
                         "wikidata_id": null, "facebook_id": null, "instagram_id": null, "twitter_id": null},
    });
    vec![(
        format!("/3/tv/{SERIES}?append_to_response=credits,images,translations,external_ids"),
        with(details, parts),
    )]
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

/// A network's details, alternative names and logos, and the series' reviews, `n` of each.
fn network_and_review_records(n: i64) -> Vec<(String, Value)> {
    let names: Vec<Value> = (0..n)
        .map(|i| json!({"name": format!("HBO {i}"), "type": ""}))
        .collect();
    let logos: Vec<Value> = (0..n)
        .map(|i| {
            json!({"aspect_ratio": 2.4, "file_path": format!("/l{i}.png"), "height": 100,
                   "id": format!("{i:024}"), "file_type": ".png", "vote_average": i as f64,
                   "vote_count": i, "width": 240})
        })
        .collect();
    let reviews: Vec<Value> = (0..n)
        .map(|i| {
            json!({"author": format!("a{i}"), "author_details": {"name": "", "username": format!("a{i}"),
                   "avatar_path": null, "rating": 7.0}, "content": "Fine.",
                   "created_at": format!("2020-01-01T00:00:{:02}.000Z", i % 60), "id": review_id(i),
                   "updated_at": "2021-01-01T00:00:00.000Z",
                   "url": format!("https://www.themoviedb.org/review/{}", review_id(i))})
        })
        .collect();
    vec![
        (
            "/3/network/49".into(),
            json!({"headquarters": "New York City, New York", "homepage": "https://www.hbo.com",
                   "id": 49, "logo_path": "/n.png", "name": "HBO", "origin_country": "US"}),
        ),
        (
            "/3/network/49/alternative_names".into(),
            json!({"id": 49, "results": names}),
        ),
        (
            "/3/network/49/images".into(),
            json!({"id": 49, "logos": logos}),
        ),
        (
            format!("/3/tv/{SERIES}/reviews"),
            json!({"id": SERIES, "page": 1, "results": reviews, "total_pages": 1, "total_results": n}),
        ),
    ]
}

fn review_id(i: i64) -> String {
    format!("r{i:023}")
}
/// The series' sub-resources and one episode group over the season's episodes, their lists as
/// long as the season (the group's parts split its episodes in two).
fn series_extra_records(episodes: i64) -> Vec<(String, Value)> {
    let base = format!("/3/tv/{SERIES}");
    let n = episodes;
    let titles: Vec<Value> = (0..n)
        .map(|i| json!({"iso_3166_1": "US", "title": format!("Title {i}"), "type": ""}))
        .collect();
    let ratings: Vec<Value> = (0..n)
        .map(|i| json!({"descriptors": ["Violence", "Language"], "iso_3166_1": format!("C{i}"), "rating": "16"}))
        .collect();
    let keywords: Vec<Value> = (0..n)
        .map(|i| json!({"name": format!("keyword {i}"), "id": 900_000 + i}))
        .collect();
    let screened: Vec<Value> = (1..=n)
        .map(|e| json!({"id": episode_id(e), "episode_number": e, "season_number": 1}))
        .collect();
    let member = |e: i64| {
        json!({"air_date": "2020-01-01", "episode_number": e, "episode_type": "standard",
               "id": episode_id(e), "name": format!("Episode {e}"), "overview": "",
               "production_code": "", "runtime": 50, "season_number": 1, "show_id": SERIES,
               "still_path": null, "vote_average": 7.5, "vote_count": 10, "order": e - 1})
    };
    let half = n / 2;
    let group = json!({"description": "", "episode_count": n, "group_count": 2,
        "groups": [
            {"id": "p00000000000000000000001", "name": "Part 1", "order": 1, "locked": true,
             "episodes": (1..=half).map(member).collect::<Vec<_>>()},
            {"id": "p00000000000000000000002", "name": "Part 2", "order": 2, "locked": true,
             "episodes": (half + 1..=n).map(member).collect::<Vec<_>>()}],
        "id": GROUP, "name": "Parts",
        "network": {"id": 49, "logo_path": "/n.png", "name": "HBO", "origin_country": "US"}, "type": 6});
    vec![
        (
            format!("{base}/alternative_titles"),
            json!({"id": SERIES, "results": titles}),
        ),
        (
            format!("{base}/content_ratings"),
            json!({"results": ratings, "id": SERIES}),
        ),
        (
            format!("{base}/keywords"),
            json!({"id": SERIES, "results": keywords}),
        ),
        (
            format!("{base}/screened_theatrically"),
            json!({"id": SERIES, "results": screened}),
        ),
        (format!("/3/tv/episode_group/{GROUP}"), group),
    ]
}

const GROUP: &str = "g00000000000000000000001";

const PERSON: i64 = 300_000;
const MOVIE: i64 = 9001;

/// Movie details with every part built so far; `n` sets the size of every list (genres,
/// companies, countries, images, keywords, videos, providers).
fn movie_records(n: i64) -> Vec<(String, Value)> {
    let list = |f: &dyn Fn(i64) -> Value| (0..n).map(f).collect::<Vec<Value>>();
    let details = json!({
        "adult": false, "backdrop_path": null,
        "belongs_to_collection": {"id": 10, "name": "Collection", "poster_path": null, "backdrop_path": null},
        "budget": 1, "genres": list(&|g| json!({"id": 20_000 + g, "name": format!("Genre {g}")})),
        "homepage": "", "id": MOVIE, "imdb_id": "tt9001", "origin_country": ["US"], "original_language": "en",
        "original_title": "Movie", "overview": "", "popularity": 1.0, "poster_path": null,
        "production_companies": list(&|c| json!({"id": 700 + c, "logo_path": null, "name": format!("Studio {c}"), "origin_country": "US"})),
        "production_countries": list(&|c| json!({"iso_3166_1": format!("M{c}"), "name": format!("Country {c}")})),
        "release_date": "2020-01-01", "revenue": 2, "runtime": 100,
        "spoken_languages": [{"english_name": "English", "iso_639_1": "en", "name": "English"}],
        "status": "Released", "tagline": "", "title": "Movie", "video": false, "vote_average": 7.0, "vote_count": 10,
    });
    // The first cast member is PERSON, whose combined and movie credits then list the movie.
    let cast = list(&|c| {
        with(
            person(if c == 0 { PERSON } else { 610_000 + c }),
            json!({"cast_id": c, "character": format!("Role {c}"),
                              "credit_id": format!("m{c:023}"), "order": c}),
        )
    });
    let crew = list(&|c| {
        with(
            person(620_000 + c),
            json!({"credit_id": format!("n{c:023}"),
                              "department": "Directing", "job": "Director"}),
        )
    });
    let parts = json!({
        "credits": {"cast": cast, "crew": crew},
        "release_dates": {"results": list(&|c| json!({"iso_3166_1": format!("M{c}"), "release_dates": [
            {"certification": "R", "descriptors": ["Violence", "Language"], "iso_639_1": "", "note": "",
             "release_date": "2020-01-01T00:00:00.000Z", "type": 3}]}))},
        "translations": {"translations": list(&|t| json!({"iso_3166_1": format!("R{t}"), "iso_639_1": "fr",
            "name": "Français", "english_name": "French",
            "data": {"homepage": "", "overview": "", "runtime": 100, "tagline": "", "title": format!("Film {t}")}}))},
        "reviews": {"page": 1, "total_pages": 1, "total_results": n, "results": list(&|r| json!({
            "author": format!("A{r}"), "author_details": {"name": "", "username": format!("a{r}"), "avatar_path": null, "rating": 7.0},
            "content": "Fine.", "created_at": "2020-01-01T00:00:00.000Z", "id": format!("{:024x}", 0xabc000 + r),
            "updated_at": "2020-01-01T00:00:00.000Z", "url": format!("https://www.themoviedb.org/review/{r}")}))},
        "alternative_titles": {"titles": list(&|t| json!({"iso_3166_1": "US", "title": format!("T{t}"), "type": ""}))},
        "external_ids": {"imdb_id": "tt9001", "wikidata_id": null, "facebook_id": null, "instagram_id": null, "twitter_id": null},
        "images": {"backdrops": list(&|i| json!({"aspect_ratio": 1.778, "height": 1080, "iso_639_1": null,
                   "file_path": format!("/mb{i}.jpg"), "vote_average": 5.0, "vote_count": 1, "width": 1920})),
                   "logos": [], "posters": []},
        "keywords": {"keywords": list(&|k| json!({"id": 30_000 + k, "name": format!("keyword {k}")}))},
        "videos": {"results": list(&|v| json!({"iso_639_1": "en", "iso_3166_1": "US", "name": format!("Trailer {v}"),
                   "key": format!("k{v}"), "site": "YouTube", "size": 1080, "type": "Trailer", "official": true,
                   "published_at": "2020-01-01T00:00:00.000Z", "id": format!("v{v:023}")}))},
        "watch/providers": {"results": {"US": {"link": "https://example.org", "flatrate":
                   list(&|p| json!({"logo_path": "/l.jpg", "provider_id": 100 + p, "provider_name": format!("P{p}"), "display_priority": p}))}}},
    });
    vec![(
        format!(
            "/3/movie/{MOVIE}?append_to_response=alternative_titles,credits,reviews,translations,release_dates,external_ids,images,keywords,videos,watch/providers"
        ),
        with(details, parts),
    )]
}

/// Movie list entries: `n` movies sharing the movie's first genre (list fields, in English
/// and French), each with a US theatrical release today and a French one in three days, so
/// that every movie list, with or without a region, has a page to read.
fn movie_list_records(n: i64) -> Vec<(String, Value)> {
    let today = reeldb_http::movie_lists::today_utc();
    let day = |d: i64| {
        today
            .checked_add(jiff::Span::new().days(d))
            .unwrap()
            .to_string()
    };
    let entries: Vec<Value> = (1..=n)
        .map(|i| 60_000 + i)
        .map(|id| {
            json!({"adult": false, "backdrop_path": null, "genre_ids": [20_000], "id": id,
                   "original_language": "en", "original_title": format!("Film {id}"), "overview": "",
                   "popularity": id as f64, "poster_path": null, "release_date": "2020-01-01",
                   "title": format!("Film {id}"), "video": false, "vote_average": 8.0, "vote_count": 500 + id})
        })
        .collect();
    let mut out: Vec<(String, Value)> = ["en-US", "fr-FR"]
        .iter()
        .map(|lang| {
            (
                format!("/3/movie/popular?language={lang}"),
                json!({"page": 1, "results": entries, "total_pages": 1, "total_results": entries.len()}),
            )
        })
        .collect();
    for e in &entries {
        let id = e["id"].as_i64().unwrap();
        let release = |date: String| {
            json!([{"certification": "", "descriptors": [], "iso_639_1": "", "note": "",
                    "release_date": format!("{date}T00:00:00.000Z"), "type": 3}])
        };
        out.push((
            format!("/3/movie/{id}/release_dates"),
            json!({"id": id, "results": [{"iso_3166_1": "US", "release_dates": release(day(0))},
                                         {"iso_3166_1": "FR", "release_dates": release(day(3))}]}),
        ));
    }
    out
}

/// A collection of `n` parts with `n` images and translations, a company with `n` names and
/// logos and a parent, and a keyword carried by `n` movies (the movies' list fields and German
/// text from the keyword's page).
fn collection_company_keyword_records(n: i64) -> Vec<(String, Value)> {
    let list = |f: &dyn Fn(i64) -> Value| (0..n).map(f).collect::<Vec<Value>>();
    let movie = |i: i64| {
        json!({"adult": false, "backdrop_path": null, "id": 40_000 + i, "title": format!("Part {i}"),
               "original_title": format!("Part {i}"), "overview": "", "poster_path": null,
               "media_type": "movie", "original_language": "en", "genre_ids": [12, 28],
               "popularity": 1.0 + i as f64, "release_date": "2001-01-01", "video": false,
               "vote_average": 6.0, "vote_count": 3})
    };
    let image = |i: i64| {
        json!({"aspect_ratio": 0.667, "height": 1500, "iso_639_1": "en", "file_path": format!("/cp{i}.jpg"),
               "vote_average": 5.0, "vote_count": 1, "width": 1000})
    };
    let collection = json!({"id": 10, "name": "Collection", "original_language": "en", "original_name": "Collection",
        "overview": "", "poster_path": null, "backdrop_path": null, "parts": list(&movie),
        "images": {"backdrops": list(&image), "posters": list(&image)},
        "translations": {"translations": list(&|t| json!({"iso_3166_1": format!("R{t}"), "iso_639_1": "fr",
            "name": "Français", "english_name": "French",
            "data": {"title": format!("Collection {t}"), "overview": "", "homepage": ""}}))}});
    let company = json!({"description": "", "headquarters": "Here", "homepage": "", "id": 700, "logo_path": null,
        "name": "Studio 0", "origin_country": "US", "parent_company": {"name": "Parent", "id": 799, "logo_path": null},
        "alternative_names": {"results": list(&|a| json!({"name": format!("Name {a}"), "type": ""}))},
        "images": {"logos": list(&|l| json!({"aspect_ratio": 2.0, "file_path": format!("/cl{l}.png"), "height": 100,
            "id": format!("{l:024}"), "file_type": ".svg", "vote_average": 5.0, "vote_count": 1, "width": 200}))}});
    let keyword_movies: Vec<Value> = (0..n)
        .map(|i| {
            json!({"adult": false, "backdrop_path": null, "genre_ids": [18], "id": 50_000 + i,
                   "original_language": "en", "original_title": format!("Film {i}"), "overview": "Ein Film.",
                   "popularity": 1.0 + i as f64, "poster_path": null, "release_date": "2002-02-02",
                   "title": format!("Film {i}"), "video": false, "vote_average": 6.0, "vote_count": 3})
        })
        .collect();
    vec![
        (
            "/3/collection/10?append_to_response=images,translations".into(),
            collection,
        ),
        (
            "/3/company/700?append_to_response=alternative_names,images".into(),
            company,
        ),
        (
            "/3/keyword/1701".into(),
            json!({"id": 1701, "name": "hero"}),
        ),
        (
            "/3/keyword/1701/movies?language=de".into(),
            json!({"id": 1701, "page": 1, "results": keyword_movies, "total_pages": 1, "total_results": n}),
        ),
    ]
}

/// A person with `n` of everything: names, translations, profiles, series credits and tagged
/// images (stills of the season's episodes and movie posters).
fn person_records(n: i64) -> Vec<(String, Value)> {
    let base = format!("/3/person/{PERSON}");
    let tv = |i: i64| {
        json!({"adult": false, "backdrop_path": null, "genre_ids": [18], "id": 90_000 + i,
               "origin_country": ["US"], "original_language": "en", "original_name": format!("Show {i}"),
               "overview": "", "popularity": i as f64, "poster_path": null, "first_air_date": "2001-01-01",
               "name": format!("Show {i}"), "vote_average": 5.0, "vote_count": 1})
    };
    let cast: Vec<Value> = (0..n)
        .map(|i| {
            with(
                tv(i),
                json!({"character": "Self", "credit_id": format!("p{i:023}"), "episode_count": 1}),
            )
        })
        .collect();
    let crew: Vec<Value> = (0..n)
        .map(|i| {
            with(tv(i), json!({"credit_id": format!("q{i:023}"), "department": "Writing", "job": "Writer", "episode_count": 2}))
        })
        .collect();
    let regions: Vec<String> = (0..n)
        .map(|i| {
            format!(
                "{}{}",
                (b'A' + (i / 26) as u8) as char,
                (b'A' + (i % 26) as u8) as char
            )
        })
        .collect();
    let translations: Vec<Value> = regions
        .iter()
        .map(|r| {
            json!({"iso_3166_1": r, "iso_639_1": "fr", "name": "Français", "english_name": "French",
                   "data": {"biography": format!("Bio {r}"), "name": ""}})
        })
        .collect();
    let profiles: Vec<Value> = (0..n)
        .map(|i| {
            json!({"aspect_ratio": 0.667, "height": 900, "iso_639_1": null, "file_path": format!("/pr{i}.jpg"),
                   "vote_average": i as f64, "vote_count": i, "width": 600})
        })
        .collect();
    let tagged: Vec<Value> = (1..=n)
        .map(|i| {
            let media = if i % 2 == 0 {
                json!({"id": episode_id(i), "name": format!("Episode {i}"), "overview": "", "media_type": "tv_episode",
                       "vote_average": 7.5, "vote_count": 10, "air_date": "2020-01-01", "episode_number": i,
                       "production_code": "", "runtime": 50, "season_number": 1, "show_id": SERIES,
                       "still_path": null})
            } else {
                json!({"adult": false, "backdrop_path": null, "id": 500 + i, "title": "M", "original_language": "en",
                       "original_title": "M", "overview": "", "poster_path": null, "media_type": "movie",
                       "genre_ids": [], "popularity": 1.0, "release_date": "2000-01-01", "video": false,
                       "vote_average": 1.0, "vote_count": 1})
            };
            let kind = if i % 2 == 0 { "episode" } else { "movie" };
            json!({"aspect_ratio": 1.0, "file_path": format!("/t{i}.jpg"), "height": 10, "id": format!("t{i:023}"),
                   "iso_639_1": null, "vote_average": 0.0, "vote_count": 0, "width": 10,
                   "image_type": "still", "media": media, "media_type": kind})
        })
        .collect();
    vec![
        (
            base.clone(),
            json!({"adult": false, "also_known_as": regions, "biography": "Bio", "birthday": null,
                   "deathday": null, "gender": 2, "homepage": null, "id": PERSON, "imdb_id": "nm1",
                   "known_for_department": "Acting", "name": "Lead", "place_of_birth": null,
                   "popularity": 99.0, "profile_path": null}),
        ),
        (
            format!("{base}/translations"),
            json!({"id": PERSON, "translations": translations}),
        ),
        (
            format!("{base}/images"),
            json!({"id": PERSON, "profiles": profiles}),
        ),
        (
            format!("{base}/tv_credits"),
            json!({"cast": cast, "crew": crew, "id": PERSON}),
        ),
        (
            format!("{base}/tagged_images"),
            json!({"id": PERSON, "page": 1, "results": tagged, "total_pages": 1, "total_results": n}),
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
        ("network-details", "/3/network/49".into()),
        ("details-copy", "/3/network/49/alternative_names".into()),
        ("alternative-names-copy", "/3/network/49/images".into()),
        ("review-details", format!("/3/review/{}", review_id(1))),
        (
            "tv-series-reviews",
            format!("/3/tv/{SERIES}/reviews?page=1"),
        ),
        ("changes-tv-list", "/3/tv/changes".into()),
        ("changes-people-list", "/3/person/changes".into()),
        (
            "tv-series-alternative-titles",
            format!("/3/tv/{SERIES}/alternative_titles"),
        ),
        (
            "tv-series-content-ratings",
            format!("/3/tv/{SERIES}/content_ratings"),
        ),
        ("tv-series-keywords", format!("/3/tv/{SERIES}/keywords")),
        (
            "tv-series-screened-theatrically",
            format!("/3/tv/{SERIES}/screened_theatrically"),
        ),
        (
            "tv-series-episode-groups",
            format!("/3/tv/{SERIES}/episode_groups"),
        ),
        (
            "tv-episode-group-details",
            format!("/3/tv/episode_group/{GROUP}?language=fr-FR"),
        ),
        (
            "person-details",
            format!(
                "/3/person/{PERSON}?language=fr-FR&append_to_response=changes,combined_credits,external_ids,images,movie_credits,tagged_images,translations,tv_credits"
            ),
        ),
        ("person-changes", format!("/3/person/{PERSON}/changes")),
        (
            "person-combined-credits",
            format!("/3/person/{PERSON}/combined_credits"),
        ),
        (
            "person-external-ids",
            format!("/3/person/{PERSON}/external_ids"),
        ),
        ("person-images", format!("/3/person/{PERSON}/images")),
        ("person-latest-id", "/3/person/latest".into()),
        (
            "person-movie-credits",
            format!("/3/person/{PERSON}/movie_credits"),
        ),
        (
            "person-tagged-images",
            format!("/3/person/{PERSON}/tagged_images"),
        ),
        (
            "person-tv-credits",
            format!("/3/person/{PERSON}/tv_credits"),
        ),
        ("translations", format!("/3/person/{PERSON}/translations")),
        (
            "person-popular-list",
            "/3/person/popular?language=fr-FR".into(),
        ),
        ("credit-details", format!("/3/credit/r{:023}", 0)),
        (
            "tv-series-details",
            format!(
                "/3/tv/{SERIES}?language=fr-FR&append_to_response=credits,aggregate_credits,external_ids,images,translations,videos,watch/providers,changes,alternative_titles,content_ratings,keywords,screened_theatrically,episode_groups,reviews,similar,recommendations"
            ),
        ),
        ("tv-series-latest-id", "/3/tv/latest".into()),
        ("tv-series-credits", format!("/3/tv/{SERIES}/credits")),
        (
            "tv-series-aggregate-credits",
            format!("/3/tv/{SERIES}/aggregate_credits"),
        ),
        (
            "tv-series-external-ids",
            format!("/3/tv/{SERIES}/external_ids"),
        ),
        ("tv-series-images", format!("/3/tv/{SERIES}/images")),
        (
            "tv-series-translations",
            format!("/3/tv/{SERIES}/translations"),
        ),
        ("tv-series-videos", format!("/3/tv/{SERIES}/videos")),
        (
            "tv-series-watch-providers",
            format!("/3/tv/{SERIES}/watch/providers"),
        ),
        ("tv-series-changes", format!("/3/tv/{SERIES}/changes")),
        (
            "movie-details",
            "/3/movie/tt9001?language=fr-FR&append_to_response=alternative_titles,credits,reviews,translations,release_dates,external_ids,images,keywords,videos,watch/providers,changes".into(),
        ),
        ("movie-latest-id", "/3/movie/latest".into()),
        ("movie-credits", format!("/3/movie/{MOVIE}/credits")),
        ("movie-reviews", format!("/3/movie/{MOVIE}/reviews")),
        (
            "movie-release-dates",
            format!("/3/movie/{MOVIE}/release_dates"),
        ),
        (
            "movie-translations",
            format!("/3/movie/{MOVIE}/translations"),
        ),
        (
            "movie-alternative-titles",
            format!("/3/movie/{MOVIE}/alternative_titles?country=us"),
        ),
        (
            "movie-external-ids",
            format!("/3/movie/{MOVIE}/external_ids"),
        ),
        ("movie-images", format!("/3/movie/{MOVIE}/images")),
        ("movie-keywords", format!("/3/movie/{MOVIE}/keywords")),
        ("movie-videos", format!("/3/movie/{MOVIE}/videos")),
        (
            "movie-watch-providers",
            format!("/3/movie/{MOVIE}/watch/providers"),
        ),
        ("movie-changes", format!("/3/movie/{MOVIE}/changes")),
        (
            "movie-popular-list",
            "/3/movie/popular?language=fr-FR&region=FR".into(),
        ),
        ("movie-top-rated-list", "/3/movie/top_rated?region=US".into()),
        (
            "movie-now-playing-list",
            "/3/movie/now_playing?region=US".into(),
        ),
        ("movie-upcoming-list", "/3/movie/upcoming".into()),
        ("movie-similar", format!("/3/movie/{MOVIE}/similar")),
        (
            "movie-recommendations",
            "/3/movie/tt9001/recommendations?language=fr-FR".into(),
        ),
        ("changes-movie-list", "/3/movie/changes".into()),
        (
            "movie-legacy-appends",
            format!(
                "/3/movie/{MOVIE}?append_to_response=similar,recommendations,casts,trailers,releases"
            ),
        ),
        ("movie-casts", format!("/3/movie/{MOVIE}/casts")),
        ("movie-trailers", format!("/3/movie/{MOVIE}/trailers")),
        ("movie-releases", format!("/3/movie/{MOVIE}/releases")),
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
        ("genre-movie-list", "/3/genre/movie/list?language=de".into()),
        ("genre-tv-list", "/3/genre/tv/list".into()),
        (
            "certification-movie-list",
            "/3/certification/movie/list".into(),
        ),
        ("certifications-tv-list", "/3/certification/tv/list".into()),
        ("configuration-details", "/3/configuration".into()),
        (
            "configuration-timezones",
            "/3/configuration/timezones".into(),
        ),
        ("configuration-jobs", "/3/configuration/jobs".into()),
        (
            "configuration-languages",
            "/3/configuration/languages".into(),
        ),
        (
            "configuration-primary-translations",
            "/3/configuration/primary_translations".into(),
        ),
        (
            "collection-details",
            "/3/collection/10?language=fr-FR&append_to_response=images,translations".into(),
        ),
        (
            "collection-images",
            "/3/collection/10/images?language=en".into(),
        ),
        (
            "collection-translations",
            "/3/collection/10/translations".into(),
        ),
        (
            "company-details",
            "/3/company/700?append_to_response=alternative_names,images".into(),
        ),
        (
            "company-alternative-names",
            "/3/company/700/alternative_names".into(),
        ),
        ("company-images", "/3/company/700/images".into()),
        ("keyword-details", "/3/keyword/1701".into()),
        (
            "keyword-movies",
            "/3/keyword/1701/movies?language=de&page=1".into(),
        ),
        // The series' IMDb id (series_records): one series entry.
        ("find-by-id", "/3/find/tt1?external_source=imdb_id".into()),
        ("trending-all", "/3/trending/all/day?language=fr-FR".into()),
        ("trending-movies", "/3/trending/movie/week".into()),
        ("trending-tv", "/3/trending/tv/day".into()),
        ("trending-people", "/3/trending/person/week".into()),
        (
            "configuration-countries",
            "/3/configuration/countries?language=fr".into(),
        ),
        (
            "watch-providers-available-regions",
            "/3/watch/providers/regions".into(),
        ),
        ("watch-providers-movie-list", "/3/watch/providers/movie".into()),
        (
            "watch-provider-tv-list",
            "/3/watch/providers/tv?watch_region=US".into(),
        ),
        // Three filters and a sort over the movie and TV list records.
        (
            "discover-movie",
            "/3/discover/movie?with_genres=20000&vote_count.gte=100&primary_release_year=2020&sort_by=vote_average.desc&region=US&language=fr-FR".into(),
        ),
        (
            "discover-tv",
            "/3/discover/tv?with_genres=18|10765&with_origin_country=GB&first_air_date.gte=2000-01-01&sort_by=first_air_date.desc".into(),
        ),
        // Searches (the index answers without SQL; only the entries are read).
        ("search-movie", "/3/search/movie?query=film".into()),
        ("search-tv", "/3/search/tv?query=top".into()),
        (
            "search-person",
            "/3/search/person?query=Person%20990003".into(),
        ),
        ("search-multi", "/3/search/multi?query=top".into()),
        ("search-collection", "/3/search/collection?query=collection".into()),
        ("search-company", "/3/search/company?query=studio".into()),
        ("search-keyword", "/3/search/keyword?query=hero".into()),
    ]
}

/// The most popular movie, series and person (so every trending page 1 holds each kind they
/// list, in both catalogs), the person credited in both titles (so `known_for` reads series and
/// movies), and all three holding the series' IMDb id `tt1` (so find builds three kinds).
fn trending_records() -> Vec<(String, Value)> {
    let (movie, series, person) = (990_001, 990_002, 990_003);
    let cast = |id: i64| {
        json!({"id": id, "crew": [], "cast": [with(self::person(person),
            json!({"popularity": 1_000_000.0, "character": "Lead", "credit_id": format!("t{id:023}"), "order": 0}))]})
    };
    vec![
        (
            "/3/trending/all/day".into(),
            json!({"page": 1, "total_pages": 1, "total_results": 3, "results": [
                {"adult": false, "backdrop_path": null, "id": movie, "title": "Top", "original_language": "en",
                 "original_title": "Top", "overview": "", "poster_path": null, "media_type": "movie",
                 "genre_ids": [18], "popularity": 1_000_000.0, "release_date": "2020-01-01", "video": false,
                 "vote_average": 7.0, "vote_count": 10},
                {"adult": false, "backdrop_path": null, "id": series, "name": "Top", "original_language": "en",
                 "original_name": "Top", "overview": "", "poster_path": null, "media_type": "tv",
                 "genre_ids": [18], "popularity": 1_000_000.0, "first_air_date": "2020-01-01",
                 "vote_average": 7.0, "vote_count": 10, "origin_country": ["US"]},
                with(self::person(person), json!({"media_type": "person", "popularity": 1_000_000.0, "known_for": []})),
            ]}),
        ),
        (
            format!("/3/movie/{movie}/credits"),
            json!({"cast": cast(movie)["cast"], "crew": [], "id": movie}),
        ),
        (
            format!("/3/tv/{series}/credits"),
            json!({"cast": cast(series)["cast"], "crew": [], "id": series}),
        ),
        (
            format!("/3/movie/{movie}/external_ids"),
            json!({"id": movie, "imdb_id": "tt1"}),
        ),
        (
            format!("/3/person/{person}/external_ids"),
            json!({"id": person, "imdb_id": "tt1"}),
        ),
    ]
}

/// `n` genres in each kind's list, with English and German names (the TV list also holds the
/// genres the list entries use), and each kind's certification systems.
fn genre_list_records(n: i64) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for kind in ["movie", "tv"] {
        for lang in ["en", "de"] {
            let genres: Vec<Value> = (0..n)
                .map(|i| json!({"id": 700_000 + i, "name": format!("Genre {i} {lang}")}))
                .collect();
            out.push((
                format!("/3/genre/{kind}/list?language={lang}"),
                json!({ "genres": genres }),
            ));
        }
        // `n` countries of `n` certifications each.
        let countries: serde_json::Map<String, Value> = (0..n)
            .map(|c| {
                let list: Vec<Value> = (0..n)
                    .map(|i| json!({"certification": format!("C{i}"), "meaning": "m", "order": i}))
                    .collect();
                (format!("C{c}"), Value::from(list))
            })
            .collect();
        out.push((
            format!("/3/certification/{kind}/list"),
            json!({ "certifications": countries }),
        ));
    }
    // Configuration: `n` sizes in each size list and `n` change keys.
    let sizes: Vec<String> = (0..n).map(|i| format!("w{}", 100 + i)).collect();
    let keys: Vec<String> = (0..n).map(|i| format!("key_{i}")).collect();
    out.push((
        "/3/configuration".to_owned(),
        json!({"images": {"base_url": "http://x/", "secure_base_url": "https://x/",
               "backdrop_sizes": sizes, "logo_sizes": sizes, "poster_sizes": sizes,
               "profile_sizes": sizes, "still_sizes": sizes}, "change_keys": keys}),
    ));
    // `n` countries of `n` zones each.
    let countries: Vec<Value> = (0..n)
        .map(|c| json!({"iso_3166_1": format!("C{c}"), "zones": keys}))
        .collect();
    out.push(("/3/configuration/timezones".to_owned(), json!(countries)));
    // `n` departments of `n` jobs each.
    let departments: Vec<Value> = (0..n)
        .map(|d| json!({"department": format!("Dept {d}"), "jobs": keys}))
        .collect();
    out.push(("/3/configuration/jobs".to_owned(), json!(departments)));
    // `n` languages.
    let languages: Vec<Value> = (0..n)
        .map(
            |i| json!({"iso_639_1": format!("l{i}"), "english_name": format!("L {i}"), "name": ""}),
        )
        .collect();
    out.push(("/3/configuration/languages".to_owned(), json!(languages)));
    let tags: Vec<String> = (0..n).map(|i| format!("l{i}-C{i}")).collect();
    out.push((
        "/3/configuration/primary_translations".to_owned(),
        json!(tags),
    ));
    out
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
        // Row (the lookup too), text, genres, code lists, networks, companies, creators,
        // seasons, their text, last and next episode, their text (12), then credits 1,
        // aggregate 3, external ids 1, images 3, translations 2, videos 1, watch providers 2,
        // changes 1.
        // Then the extras (alternative titles, content ratings, keywords, screened theatrically,
        // episode groups), reviews (count, page), similar and recommendations (ranking, then
        // the page's entries: 4): 43 in all with every part appended.
        "tv-series-details" => 43,
        // The highest id (1), then details and no appended parts (12).
        "tv-series-latest-id" => 13,
        "tv-season-aggregate-credits" | "tv-episode-credits" => 4,
        // The group (its lookup), parts, members with their episodes, their translations.
        "tv-episode-group-details" => 4,
        // Lookup, then backdrops, logos and posters; or lookup and the aggregate's three.
        "tv-series-images" | "tv-series-aggregate-credits" => 4,
        "tv-series-translations" | "tv-series-watch-providers" => 3,
        "tv-season-translations" | "tv-episode-translations" | "tv-season-watch-providers" => 3,
        // The review, then the series summary (four) for its media title.
        "review-details" => 5,
        // The series' existence, the count, the page.
        "tv-series-reviews" => 3,
        "network-details" => 1,
        // Count and page; the window's lookups use the log's (owner_type, time) index.
        "changes-tv-list" | "changes-people-list" => 2,
        // Row, also_known_as, biography (3), then changes 1, combined credits 10, external ids
        // 1, images 1, movie credits 4, tagged images 6 (count, page, seasons 2, episodes 2;
        // series 4 when a series is tagged), translations 2, tv credits 6.
        "person-details" => 39,
        // The person check, the person's credit rows, their series' summaries (4).
        "person-tv-credits" => 6,
        // The same, then the person's movie credit rows and their movies' summaries (3).
        "person-combined-credits" => 10,
        // The person check, the movie credit rows, their movies' summaries (3).
        "person-movie-credits" => 5,
        // The person check, count, page, the tagged owners (series 4, seasons 2, episodes 2).
        "person-tagged-images" => 11,
        // Count, page, and known_for: the page's credit rows, their series' summaries (4) and
        // movies' (3).
        "person-popular-list" => 10,
        // The credit's rows, seasons 2, episodes 2, series summary 4.
        "credit-details" => 9,
        // The highest id, then details (3).
        "person-latest-id" => 4,
        // The person check, the rows, the primary text.
        "translations" => 3,
        // Total and page, then the page's entries (series_summaries: 4).
        "tv-series-popular-list"
        | "tv-series-top-rated-list"
        | "tv-series-airing-today-list"
        | "tv-series-on-the-air-list" => 6,
        // Lookup, the ranking (total and page in one statement), the page's entries (4).
        "tv-series-similar" | "tv-series-recommendations" => 6,
        // One statement: the listed and used genres with their names in the language.
        "genre-movie-list" | "genre-tv-list" => 1,
        // One statement: every country's rows in listed order.
        "certification-movie-list" | "certifications-tv-list" => 1,
        // The IMDb id's lookup, then row (with collection and IMDb id), text, genres, code
        // lists, companies (6), then alternative titles 1, credits 2, reviews 2 (count, page),
        // translations 2, release dates 1, external ids 1, images 3, keywords 1, videos 1, watch
        // providers 2, changes 1.
        "movie-details" => 23,
        // The highest id, then details (5).
        "movie-latest-id" => 6,
        "movie-images" => 4,
        // Lookup, the credit rows with their people, the cast ids.
        "movie-credits" => 3,
        // Lookup, count, page.
        "movie-reviews" => 3,
        // Lookup, the rows, the primary text.
        "movie-translations" => 3,
        "movie-watch-providers" => 3,
        // Total and page, the page's entries (movie_summaries: 3), the regional release dates.
        "movie-popular-list"
        | "movie-top-rated-list"
        | "movie-now-playing-list"
        | "movie-upcoming-list" => 6,
        // Lookup, the ranking (total and page in one statement), the page's entries (3).
        "movie-similar" | "movie-recommendations" => 5,
        "changes-movie-list" => 2,
        // Details by TMDB id (5), then similar 4, recommendations 4, casts 2, trailers 1,
        // releases 1.
        "movie-legacy-appends" => 17,
        // Lookup, then the credits (2); or lookup and the videos or release rows (1).
        "movie-casts" => 3,
        "movie-trailers" | "movie-releases" => 2,
        // One statement: every configuration list's rows.
        "configuration-details"
        | "configuration-timezones"
        | "configuration-languages"
        | "configuration-primary-translations" => 1,
        // One statement: the imported lists and the credits' distinct pairs.
        "configuration-jobs" => 1,
        // Row, text, the parts, their list fields (3), then images 2 and translations 2.
        "collection-details" => 10,
        // Lookup, then backdrops and posters; or lookup, the rows, the primary text.
        "collection-images" | "collection-translations" => 3,
        // The row with its parent, then names 1 and logos 1.
        "company-details" => 3,
        "keyword-details" => 1,
        // The keyword, count, page, the page's list fields (3).
        "keyword-movies" => 6,
        // The owners by value, then each kind's entries: movies 3, series 4, people 9 (their
        // rows, and known_for: credits, series 4, movies 3), seasons 2, episodes 2.
        "find-by-id" => 21,
        // One statement ranks and counts the page, then the entries as find builds them.
        "trending-all" | "trending-movies" | "trending-tv" | "trending-people" => 17,
        // One statement: the imported lists and names (and, for regions, the providers' regions).
        "configuration-countries" | "watch-providers-available-regions" => 1,
        // One statement: the kind's providers with their regions' priorities.
        "watch-providers-movie-list" | "watch-provider-tv-list" => 1,
        // Count and page (one statement each, whatever the filters), the page's entries
        // (movies 3 and the region's release dates 1; series 4).
        "discover-movie" | "discover-tv" => 6,
        // The catalog's mark (is the index current, may the answer be cached: 1); the index
        // finds the page; then its entries: movies 3, series 4, people 9 (their rows and
        // known_for 8), collections 2 (rows, texts), companies 1, keywords 1.
        "search-movie" => 4,
        "search-tv" => 5,
        "search-person" => 10,
        // The mark 1; movies 3, series 4, people 9, as trending builds them.
        "search-multi" => 17,
        "search-collection" => 3,
        "search-company" | "search-keyword" => 2,
        // Lookup and one read; changes look at the log's history only for unknown ids.
        _ => 2,
    }
}

async fn catalog(engine: reeldb_store::testing::TestEngine, episodes: i64, guests: i64) -> TestApp {
    let mut app = TestApp::new(engine).await.with_search().await;
    // No response cache: every request reaches the store (and no version checks run).
    app.config = HttpConfig {
        response_cache_bytes: 0,
        ..HttpConfig::default()
    };
    let (request, response) = season_record(episodes, guests);
    app.import(&request, &response).await;
    for (request, response) in series_records(episodes) {
        app.import(&request, &response).await;
    }
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
    for (request, response) in network_and_review_records(episodes)
        .into_iter()
        .chain(series_extra_records(episodes))
        .chain(person_records(episodes))
        .chain(genre_list_records(episodes))
        .chain(movie_records(episodes))
        .chain(movie_list_records(episodes * 2))
        .chain(collection_company_keyword_records(episodes))
        .chain(trending_records())
    {
        app.import(&request, &response).await;
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
    let state = AppState::with_search(app.db.store.clone(), app.config.clone(), app.search.clone());
    // The first request validates the key against the database; later ones find it in memory.
    get(&state, &app.key, "/3/authentication").await;
    let mut out = Vec::new();
    for (op, path) in operations() {
        let before = app.db.store.statements_run();
        let body = get(&state, &app.key, &path).await;
        out.push(app.db.store.statements_run() - before);
        // The configuration lists are bare arrays; everything else an object.
        assert!(body.is_object() || op.starts_with("configuration-"), "{op}");
        assert!(!body.as_array().is_some_and(|a| a.is_empty()), "{op}");
        // A discover page with entries costs what the bound allows for.
        if op.starts_with("discover-") {
            assert!(
                body["results"].as_array().is_some_and(|r| !r.is_empty()),
                "{op}"
            );
        }
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
        let group = large
            .get_json(&format!("/3/tv/episode_group/{GROUP}"))
            .await;
        assert_eq!(group["episode_count"], json!(30));
        let credits = large
            .get_json(&format!("/3/person/{PERSON}/combined_credits"))
            .await;
        // 30 series credits stated by the person's side, plus the season credit.
        let tv = |v: &Value| {
            v["cast"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|c| c["media_type"] == "tv")
                .count()
        };
        assert_eq!(tv(&credits), 31);
        assert_eq!(credits["cast"].as_array().unwrap().len(), 32);
        let tagged = large
            .get_json(&format!("/3/person/{PERSON}/tagged_images"))
            .await;
        assert_eq!(tagged["results"].as_array().unwrap().len(), 30);
        let series = large.get_json(&format!("/3/tv/{SERIES}")).await;
        assert_eq!(series["seasons"].as_array().unwrap().len(), 30);
        assert_eq!(series["created_by"].as_array().unwrap().len(), 30);
        assert_eq!(series["production_companies"].as_array().unwrap().len(), 30);
        assert_eq!(series["last_episode_to_air"]["episode_number"], json!(30));
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
