//! Discover on the search index's discover facts answers exactly as SQL does: on a seeded
//! catalog with many ties, missing values and flags, every filter and sort the index answers,
//! alone and combined, ascending and descending, on several pages (and past the last), is
//! sent to an app with the index and to one without (SQL), and the bodies must be the same
//! bytes; each request is checked to have been answered by the index. The titles and names
//! include NULL, `""`, equal, accented, mixed-case and non-Latin ones, and the index is split
//! into several segments (title ordinals are per segment), so that the `title` and `name`
//! sorts are checked across segments, on every page. A write (an import)
//! shows in index-answered discover within 2 seconds. On every engine.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::{TestApp, engines};
use reeldb_http::AppState;
use reeldb_wire::discover::{Discover, DiscoverKind};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// `true` with probability `pct` %.
    fn chance(&mut self, pct: u64) -> bool {
        self.below(100) < pct
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    /// Up to `max` distinct items.
    fn some<T: Copy + PartialEq>(&mut self, items: &[T], max: u64) -> Vec<T> {
        let mut out = Vec::new();
        for _ in 0..self.below(max + 1) {
            let x = self.pick(items);
            if !out.contains(&x) {
                out.push(x);
            }
        }
        out
    }
}

const MOVIES: i64 = 360;
const SERIES: i64 = 160;
const GENRES: [i64; 5] = [18, 28, 35, 12, 27];
const LANGS: [&str; 5] = ["en", "fr", "ko", "ja", "de"];
const COUNTRIES: [&str; 4] = ["US", "FR", "KR", "JP"];
const STATUSES: [&str; 6] = [
    "Returning Series",
    "Planned",
    "In Production",
    "Ended",
    "Canceled",
    "Pilot",
];
const TYPES: [&str; 4] = ["Documentary", "Miniseries", "Scripted", "Reality"];
/// Titles whose byte order differs from a locale's (case, accents, ligatures, scripts).
const TITLES: [&str; 26] = [
    "Amélie",
    "Amelie",
    "amelie",
    "AMELIE",
    "Zorro",
    "zorro",
    "Élan",
    "Ångström",
    "Über",
    "über",
    "Ça",
    "a",
    "A",
    "A ",
    " A",
    "B",
    "Movie 10",
    "Movie 9",
    "日本の夏",
    "😀 Smile",
    "ß",
    "ss",
    "ﬀ",
    "Ω",
    "Z",
    "~",
];

/// An original title: NULL, `""`, one of [`TITLES`] (many equal), or one with a number.
fn title(rng: &mut Rng) -> Option<String> {
    match rng.below(20) {
        0 | 1 => None,
        2 | 3 => Some(String::new()),
        4..=11 => Some(rng.pick(&TITLES).to_owned()),
        _ => Some(format!("{} {}", rng.pick(&TITLES), rng.below(40))),
    }
}

/// A date with few distinct values (ties), or NULL, or `""`.
fn date(rng: &mut Rng) -> Option<String> {
    match rng.below(20) {
        0 => None,
        1 => Some(String::new()),
        _ => Some(format!(
            "{}-{:02}-{:02}",
            2000 + rng.below(20),
            1 + rng.below(3) * 5,
            1 + rng.below(2) * 14
        )),
    }
}

/// Rows straight into the catalog (the index is built from it afterwards).
async fn seed(app: &TestApp) {
    app.db
        .store
        .run(|db| {
            let mut rng = Rng(0x5EED_D15C_0FE7);
            let mut titles = Rng(0x717E_5EED);
            let run = |db: &mut reeldb_store::Db, sql: &str, p: &[&dyn reeldb_store::value::ToSqlValue]| {
                db.execute(sql, p).map(|_| ())
            };
            db.begin()?;
            for id in 1..=MOVIES {
                let popularity = (!rng.chance(5)).then(|| rng.below(30) as f64 / 2.0);
                let adult = match rng.below(10) {
                    0 => Some(1i64),
                    1 => None,
                    _ => Some(0),
                };
                let video = match rng.below(12) {
                    0 => Some(1i64),
                    1 => None,
                    _ => Some(0),
                };
                let released = date(&mut rng);
                let va = (!rng.chance(10)).then(|| rng.below(21) as f64 / 2.0);
                let vc = (!rng.chance(10)).then(|| rng.below(40) as i64);
                let runtime = (!rng.chance(10)).then(|| 60 + rng.below(13) as i64 * 10);
                let revenue = (!rng.chance(30)).then(|| rng.below(5) as i64 * 1_000_000);
                let lang = (!rng.chance(5)).then(|| rng.pick(&LANGS).to_owned());
                let title = title(&mut titles);
                let name = format!("Movie {id}");
                run(
                    db,
                    "INSERT INTO movie (id, adult, popularity, video, release_date, vote_average, vote_count,
                       runtime, revenue, original_language, original_title, name, overview)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, '')",
                    &[&id, &adult, &popularity, &video, &released, &va, &vc, &runtime, &revenue, &lang, &title, &name],
                )?;
                facts(db, &mut rng, "movie", id)?;
            }
            for id in 1..=SERIES {
                let popularity = (!rng.chance(5)).then(|| rng.below(20) as f64);
                let adult = match rng.below(10) {
                    0 => Some(1i64),
                    1 => None,
                    _ => Some(0),
                };
                let first = date(&mut rng);
                let va = (!rng.chance(10)).then(|| rng.below(11) as f64 / 2.0);
                let vc = (!rng.chance(10)).then(|| rng.below(20) as i64);
                let lang = (!rng.chance(5)).then(|| rng.pick(&LANGS).to_owned());
                let status = (!rng.chance(10)).then(|| rng.pick(&STATUSES).to_owned());
                let kind = (!rng.chance(10)).then(|| rng.pick(&TYPES).to_owned());
                let original = title(&mut titles);
                let name = format!("Series {id}");
                run(
                    db,
                    "INSERT INTO tv_series (id, adult, popularity, first_air_date, vote_average, vote_count,
                       original_language, status, series_type, original_name, name, overview)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, '')",
                    &[&id, &adult, &popularity, &first, &va, &vc, &lang, &status, &kind, &original, &name],
                )?;
                facts(db, &mut rng, "tv", id)?;
                for (pos, n) in rng.some(&[1i64, 2, 3, 4, 5, 6], 2).into_iter().enumerate() {
                    run(
                        db,
                        "INSERT INTO tv_series_network (series_id, network_id, position) VALUES ($1, $2, $3)",
                        &[&id, &n, &(pos as i64)],
                    )?;
                }
                for (pos, r) in rng.some(&[20i64, 30, 45, 60], 2).into_iter().enumerate() {
                    run(
                        db,
                        "INSERT INTO code_list (owner_type, owner_id, list_name, position, value)
                         VALUES ('tv', $1, 'episode_run_time', $2, $3)",
                        &[&id, &(pos as i64), &r.to_string()],
                    )?;
                }
            }
            db.commit()
        })
        .await
        .unwrap();
}

/// Genres, keywords, companies and origin countries of one title.
fn facts(
    db: &mut reeldb_store::Db,
    rng: &mut Rng,
    owner: &str,
    id: i64,
) -> reeldb_store::Result<()> {
    for (table, key, items) in [
        ("owner_genre", "genre_id", rng.some(&GENRES, 3)),
        (
            "owner_keyword",
            "keyword_id",
            rng.some(&[1, 2, 3, 4, 5, 6, 7, 8], 2),
        ),
        ("owner_company", "company_id", rng.some(&[1, 2, 3, 4, 5], 2)),
    ] {
        for (pos, k) in items.into_iter().enumerate() {
            db.execute(
                &format!(
                    "INSERT INTO {table} (owner_type, owner_id, {key}, position) VALUES ($1, $2, $3, $4)"
                ),
                &[&owner, &id, &k, &(pos as i64)],
            )?;
        }
    }
    for (pos, c) in rng.some(&COUNTRIES, 2).into_iter().enumerate() {
        db.execute(
            "INSERT INTO code_list (owner_type, owner_id, list_name, position, value)
             VALUES ($1, $2, 'origin_country', $3, $4)",
            &[&owner, &id, &(pos as i64), &c],
        )?;
    }
    Ok(())
}

const MOVIE_FILTERS: &[&str] = &[
    "",
    "with_genres=18",
    "with_genres=18,28",
    "with_genres=18|27",
    "with_genres=12,35|27",
    "without_genres=27",
    "without_genres=18|28",
    "with_keywords=3|4",
    "with_keywords=1,2",
    "without_keywords=1",
    "with_companies=2",
    "without_companies=3|4",
    "with_origin_country=US",
    "with_origin_country=US|FR",
    "with_origin_country=KR,JP",
    "with_original_language=en",
    "with_original_language=en|fr",
    "primary_release_date.gte=2008-06-01",
    "primary_release_date.lte=2012-11-01",
    "primary_release_date.gte=2005-01-01&primary_release_date.lte=2015-06-15",
    "primary_release_year=2010",
    "with_runtime.gte=100",
    "with_runtime.lte=90",
    "with_runtime.gte=90&with_runtime.lte=120",
    "vote_average.gte=5",
    "vote_average.lte=7.5",
    "vote_average.gte=3.5&vote_average.lte=6",
    "vote_count.gte=10",
    "vote_count.lte=30",
    "vote_count.gte=9.5",
    "include_adult=true",
    "include_video=true",
    "include_adult=true&include_video=true&with_genres=35",
    "with_genres=99999",
    "primary_release_year=1950",
    "vote_count.gte=30&vote_count.lte=5",
    "with_runtime.gte=150&with_runtime.lte=100",
    "vote_average.gte=-1&vote_count.gte=0",
];

const MOVIE_SORTS: &[&str] = &[
    "popularity",
    "vote_average",
    "vote_count",
    "revenue",
    "primary_release_date",
    "title",
    "original_title",
];

const TV_FILTERS: &[&str] = &[
    "",
    "with_genres=18",
    "with_genres=18|35,28",
    "without_genres=27",
    "with_networks=1",
    "with_networks=1|2",
    "with_networks=3,4",
    "with_status=0|3",
    "with_status=4",
    "with_type=4",
    "with_type=2|4",
    "with_keywords=2|5",
    "without_keywords=3",
    "with_companies=1|2",
    "without_companies=5",
    "with_origin_country=KR",
    "with_original_language=ko|ja",
    "first_air_date.gte=2010-01-01",
    "first_air_date.lte=2009-06-01",
    "first_air_date_year=2012",
    "with_runtime.gte=40",
    "with_runtime.lte=25",
    "with_runtime.gte=30&with_runtime.lte=45",
    "vote_average.gte=2.5",
    "vote_count.lte=5",
    "include_null_first_air_dates=true",
    "include_null_first_air_dates=true&include_adult=true",
    "with_networks=99",
];

const TV_SORTS: &[&str] = &[
    "popularity",
    "vote_average",
    "vote_count",
    "first_air_date",
    "name",
    "original_name",
];

/// Filters under which every page of the title sorts is asked (to one past the last).
const MOVIE_TITLE_PAGED: &[&str] = &[
    "",
    "include_adult=true&include_video=true",
    "with_genres=18",
];
const TV_TITLE_PAGED: &[&str] = &[
    "",
    "include_null_first_air_dates=true&include_adult=true",
    "with_genres=18",
];

/// Every filter alone under every sort and direction (pages 1 and 2), then seeded combinations
/// of three filters with a sort on a seeded page (some past the last); every page of the title
/// sorts under `paged`'s filters.
fn requests(kind: &str, filters: &[&str], sorts: &[&str], paged: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    let titles = if kind == "movie" { MOVIES } else { SERIES };
    for f in paged {
        for s in &sorts[sorts.len() - 2..] {
            for dir in ["desc", "asc"] {
                for page in 1..=(titles as usize / 20 + 2) {
                    out.push(format!("{f}&sort_by={s}.{dir}&page={page}"));
                }
            }
        }
    }
    for f in filters {
        for s in sorts {
            for dir in ["desc", "asc"] {
                for page in [1, 2] {
                    out.push(format!("{f}&sort_by={s}.{dir}&page={page}"));
                }
            }
        }
        out.push(format!("{f}&page=3"));
    }
    let mut rng = Rng(0xC0FF_EE00 + kind.len() as u64);
    for _ in 0..120 {
        let picks: Vec<&str> = (0..3).map(|_| rng.pick(&filters[1..])).collect();
        let s = rng.pick(sorts);
        let dir = rng.pick(&["asc", "desc"]);
        let page = rng.pick(&[1, 1, 2, 3, 9]);
        out.push(format!("{}&sort_by={s}.{dir}&page={page}", picks.join("&")));
    }
    out.into_iter()
        .map(|q| format!("/3/discover/{kind}?{}", q.trim_start_matches('&')))
        .collect()
}

/// The request's parameters as the route parses them.
fn parse(kind: DiscoverKind, path: &str) -> Discover {
    let query = path.split_once('?').map_or("", |(_, q)| q);
    let map: HashMap<String, String> = url_pairs(query);
    Discover::parse(kind, |n| map.get(n).map(String::as_str)).unwrap()
}

fn url_pairs(query: &str) -> HashMap<String, String> {
    query
        .split('&')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

/// GET `path` from an app serving `index` (the test app itself serves none: SQL).
async fn with_index(
    app: &TestApp,
    path: &str,
    index: &std::sync::Arc<reeldb_search::SearchIndex>,
) -> common::Reply {
    use tower::ServiceExt;
    let router = reeldb_http::app(AppState::with_search(
        app.db.store.clone(),
        app.config.clone(),
        Some(index.clone()),
    ));
    let uri = format!("{path}&api_key={}", app.key);
    let res = router
        .oneshot(
            http::Request::get(uri)
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = http_body_util::BodyExt::collect(res.into_body())
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    common::Reply {
        status,
        headers,
        body,
    }
}

/// Moves a third of the titles, then another, into segments of their own (each catch-up
/// commits one), so that the index holds three segments, with equal titles across them.
async fn split_into_segments(app: &TestApp, index: &std::sync::Arc<reeldb_search::SearchIndex>) {
    for round in 0..2i64 {
        app.db
            .store
            .run(move |db| -> reeldb_store::Result<()> {
                for (owner, n) in [("movie", MOVIES), ("tv", SERIES)] {
                    for id in (1..=n).filter(|id| id % 3 == round) {
                        let key = format!("split-{round}-{owner}-{id}");
                        let seq = 1_000_000 + round * 10_000 + id;
                        db.execute(
                            "INSERT INTO change_log (id, seq, owner_type, owner_id, change_key, action, time)
                             VALUES ($1, $2, $3, $4, 'title', 'updated', '2031-01-01 00:00:00 UTC')",
                            &[&key, &seq, &owner, &id],
                        )?;
                    }
                }
                Ok(())
            })
            .await
            .unwrap();
        let job = index.clone();
        let touched = app.db.store.run(move |db| job.catch_up(db)).await.unwrap();
        assert!(touched > 100, "{touched}");
    }
}

#[tokio::test]
async fn discover_on_the_index_answers_exactly_as_sql() {
    for engine in engines() {
        let sql_app = TestApp::new(engine).await;
        seed(&sql_app).await;
        // The same catalog, served with the index (built from it now).
        let index = std::sync::Arc::new(reeldb_search::SearchIndex::in_memory().unwrap());
        let job = index.clone();
        sql_app
            .db
            .store
            .run(move |db| job.rebuild(db, &|_, _| {}))
            .await
            .unwrap();
        let mut checked = 0;
        let mut nonempty = 0;
        split_into_segments(&sql_app, &index).await;
        for (kind, filters, sorts, paged, k) in [
            (
                "movie",
                MOVIE_FILTERS,
                MOVIE_SORTS,
                MOVIE_TITLE_PAGED,
                DiscoverKind::Movie,
            ),
            ("tv", TV_FILTERS, TV_SORTS, TV_TITLE_PAGED, DiscoverKind::Tv),
        ] {
            for path in requests(kind, filters, sorts, paged) {
                let d = parse(k, &path);
                assert!(
                    index.discover(&d).unwrap().is_some(),
                    "{engine:?} {path}: the index did not answer"
                );
                let by_sql = sql_app.get(&path).await;
                let by_index = with_index(&sql_app, &path, &index).await;
                assert_eq!(by_sql.status.as_u16(), 200, "{path}");
                assert_eq!(
                    String::from_utf8_lossy(&by_index.body),
                    String::from_utf8_lossy(&by_sql.body),
                    "{engine:?} {path}"
                );
                if by_sql.json()["results"]
                    .as_array()
                    .is_some_and(|r| !r.is_empty())
                {
                    nonempty += 1;
                }
                checked += 1;
            }
        }
        eprintln!(
            "{engine:?}: {checked} discover requests the same on the index and in SQL ({nonempty} with results)"
        );
        assert!(
            nonempty * 2 > checked,
            "{nonempty} of {checked} had results"
        );
        sql_app.cleanup().await;
    }
}

/// Filters on release rows, credits, offers or episodes stay on SQL; so does
/// every request of a kind while a title of it holds a date the index cannot compare.
#[tokio::test]
async fn discover_falls_back_to_sql_where_the_index_cannot_answer() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        seed(&app).await;
        let index = std::sync::Arc::new(reeldb_search::SearchIndex::in_memory().unwrap());
        let job = index.clone();
        app.db
            .store
            .run(move |db| job.rebuild(db, &|_, _| {}))
            .await
            .unwrap();
        for (k, q) in [
            (DiscoverKind::Movie, "release_date.gte=2010-01-01"),
            (DiscoverKind::Movie, "with_release_type=3"),
            (
                DiscoverKind::Movie,
                "certification=R&certification_country=US",
            ),
            (DiscoverKind::Movie, "with_cast=1"),
            (DiscoverKind::Movie, "with_watch_providers=8"),
            (DiscoverKind::Tv, "air_date.gte=2020-01-01"),
            (DiscoverKind::Tv, "screened_theatrically=true"),
        ] {
            let d = parse(k, &format!("?{q}"));
            assert!(index.discover(&d).unwrap().is_none(), "{q}");
        }
        let d = parse(DiscoverKind::Movie, "?with_genres=18");
        assert!(index.discover(&d).unwrap().is_some());
        for (k, q) in [
            (DiscoverKind::Movie, "?sort_by=title.asc"),
            (DiscoverKind::Movie, "?sort_by=original_title.desc"),
            (DiscoverKind::Tv, "?sort_by=name.desc"),
            (DiscoverKind::Tv, "?sort_by=original_name.asc"),
        ] {
            assert!(index.discover(&parse(k, q)).unwrap().is_some(), "{q}");
        }
        // A movie with a year for a date: movies go to SQL, series still to the index.
        app.db
            .store
            .run(|db| db.execute("UPDATE movie SET release_date = '2011' WHERE id = 7", &[]))
            .await
            .unwrap();
        let job = index.clone();
        app.db
            .store
            .run(move |db| job.rebuild(db, &|_, _| {}))
            .await
            .unwrap();
        assert!(index.discover(&d).unwrap().is_none());
        let tv = parse(DiscoverKind::Tv, "?with_genres=18");
        assert!(index.discover(&tv).unwrap().is_some());
        let path = "/3/discover/movie?primary_release_date.gte=2010-01-01&sort_by=primary_release_date.asc";
        let a = app.get(path).await;
        let b = with_index(&app, path, &index).await;
        assert_eq!(a.body, b.body);
        app.cleanup().await;
    }
}

/// A list import moves popularity and votes (no TMDB change is logged for them) and genres:
/// index-answered discover shows it within 2 seconds, through the updater.
#[tokio::test]
async fn an_imported_list_page_shows_in_discover_within_two_seconds() {
    for engine in engines() {
        let app = TestApp::new(engine).await;
        let entry = |id: i64, popularity: f64, genres: &[i64]| {
            json!({"adult": false, "backdrop_path": null, "genre_ids": genres, "id": id,
                   "original_language": "en", "original_title": format!("M{id}"), "overview": "",
                   "popularity": popularity, "poster_path": null, "release_date": "2020-01-01",
                   "title": format!("M{id}"), "video": false, "vote_average": 5.0, "vote_count": 10})
        };
        let page = |results: Vec<Value>| json!({"page": 1, "results": results, "total_pages": 1, "total_results": 3});
        app.import(
            "/3/movie/popular",
            &page(vec![
                entry(1, 30.0, &[18]),
                entry(2, 20.0, &[18]),
                entry(3, 10.0, &[35]),
            ]),
        )
        .await;
        let (index, _) = reeldb_search::updater::prepare(None, &app.db.store, false)
            .await
            .unwrap();
        let updater = reeldb_search::updater::spawn(
            index.clone(),
            app.db.store.clone(),
            reeldb_search::updater::POLL_EVERY,
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let router = reeldb_http::app(AppState::with_search(
            app.db.store.clone(),
            app.config.clone(),
            Some(index.clone()),
        ));
        let server = tokio::spawn(async move {
            axum::serve(
                listener,
                axum::ServiceExt::<axum::extract::Request>::into_make_service(router),
            )
            .await
        });
        let url = format!(
            "http://{addr}/3/discover/movie?with_genres=18&api_key={}",
            app.key
        );
        let client = reqwest::Client::new();
        let ids = |v: &Value| -> Vec<i64> {
            v["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["id"].as_i64().unwrap())
                .collect()
        };
        let before: Value = client.get(&url).send().await.unwrap().json().await.unwrap();
        assert_eq!(ids(&before), vec![1, 2], "{engine:?}");
        assert!(
            index
                .discover(&parse(DiscoverKind::Movie, "?with_genres=18"))
                .unwrap()
                .is_some()
        );
        // Movie 2 overtakes 1; movie 3 becomes a drama.
        let written = Instant::now();
        app.import(
            "/3/movie/popular",
            &page(vec![
                entry(2, 50.0, &[18]),
                entry(1, 30.0, &[18]),
                entry(3, 40.0, &[18, 35]),
            ]),
        )
        .await;
        let took = loop {
            let got: Value = client.get(&url).send().await.unwrap().json().await.unwrap();
            if ids(&got) == vec![2, 3, 1] {
                break written.elapsed();
            }
            assert!(
                written.elapsed() < Duration::from_secs(2),
                "{engine:?}: not in discover 2 s after the write: {got}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        eprintln!(
            "{engine:?}: in discover {} ms after the write",
            took.as_millis()
        );
        updater.abort();
        server.abort();
        app.cleanup().await;
    }
}
