//! `reeldb discover-compare`: times the same discover requests on both paths (docs/DISCOVER.md
//! "On the index"): SQL (the count and page statements) and the search index's discover facts
//! (count and top-k), each request `runs` times after one warm-up, and checks that both give
//! the same total and ids. Only the ids are timed: the entries are the same statements on
//! both paths.

use anyhow::Context;
use reeldb_search::SearchIndex;
use reeldb_store::Store;
use reeldb_wire::discover::{Discover, DiscoverKind};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The requests timed when none are given: the bench's three broad filters and a sort, the
/// narrow ones of the checked plans, and single filters.
pub const DEFAULT_REQUESTS: &[&str] = &[
    "movie?",
    "movie?with_genres=18",
    "movie?with_genres=18&primary_release_date.gte=1990-01-01&vote_count.gte=100&sort_by=popularity.desc",
    "movie?with_genres=27&primary_release_date.gte=2010-01-01&vote_count.gte=500&sort_by=vote_average.desc",
    "movie?with_genres=18&with_original_language=en&vote_average.gte=5&sort_by=primary_release_date.desc",
    "movie?with_genres=35&primary_release_year=2010&vote_count.gte=10&sort_by=vote_count.desc",
    "movie?with_genres=28|12&with_runtime.gte=90&with_runtime.lte=150&sort_by=revenue.desc",
    "movie?with_genres=18&primary_release_date.gte=1990-01-01&vote_count.gte=100&sort_by=popularity.desc&page=50",
    "movie?without_genres=18&without_keywords=818&vote_count.gte=1000",
    "movie?with_keywords=818&with_original_language=en&vote_average.gte=6",
    "movie?with_original_language=ko&primary_release_date.gte=2015-01-01&with_genres=18",
    "movie?with_companies=1&sort_by=revenue.desc",
    "movie?sort_by=primary_release_date.asc",
    "movie?sort_by=title.asc",
    "movie?with_genres=18&sort_by=original_title.desc&page=50",
    "tv?",
    "tv?with_genres=18",
    "tv?with_genres=18&first_air_date.gte=2000-01-01&vote_count.gte=50&sort_by=popularity.desc",
    "tv?with_genres=18&with_origin_country=KR&sort_by=first_air_date.desc",
    "tv?with_networks=213&with_genres=18&first_air_date.gte=2015-01-01",
    "tv?with_status=0|3&with_type=4&vote_average.gte=6&sort_by=vote_average.desc",
    "tv?with_genres=18&first_air_date.gte=2000-01-01&vote_count.gte=50&sort_by=name.asc",
    "tv?sort_by=original_name.desc",
];

/// `%XX` and `+` decoded (enough for `|` written as `%7C`).
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                let hex = |c: u8| (c as char).to_digit(16);
                match (hex(b[i + 1]), hex(b[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A request line (`movie?with_genres=18&...` or `/3/discover/tv?...`) as the route parses it.
pub fn parse(line: &str) -> anyhow::Result<Discover> {
    let line = line.trim().trim_start_matches("/3/discover/");
    let (kind, query) = line.split_once('?').unwrap_or((line, ""));
    let kind = match kind {
        "movie" => DiscoverKind::Movie,
        "tv" => DiscoverKind::Tv,
        other => anyhow::bail!("{other:?}: not movie or tv"),
    };
    let params: HashMap<String, String> = query
        .split('&')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (decode(k), decode(v)))
        .filter(|(_, v)| !v.is_empty())
        .collect();
    Discover::parse(kind, |n| params.get(n).map(String::as_str))
        .map_err(|s| anyhow::anyhow!("{line}: refused ({s:?})"))
}

/// The `q`-quantile of sorted durations, in milliseconds.
fn quantile(sorted: &[Duration], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() - 1) as f64 * q).round() as usize;
    sorted[i].as_secs_f64() * 1e3
}

/// One request's figures.
struct Figures {
    total: u64,
    sql: Vec<Duration>,
    index: Option<Vec<Duration>>,
    same: Option<bool>,
}

/// Times `lines` on both paths, `runs` times each, and prints a table.
pub async fn run(
    store: &Store,
    index: Arc<SearchIndex>,
    lines: Vec<String>,
    runs: usize,
) -> anyhow::Result<bool> {
    let runs = runs.max(1);
    println!(
        "{:<100} {:>9} {:>9} {:>9} {:>9} {:>9}  same",
        "request", "total", "sql p50", "sql p99", "idx p50", "idx p99"
    );
    let mut all_same = true;
    for line in lines {
        let d = parse(&line)?;
        let job = index.clone();
        let f: Figures = store
            .run(move |db| -> anyhow::Result<Figures> {
                let mut sql = Vec::with_capacity(runs);
                let mut sql_ids = db.discover_ids_sql(&d)?;
                for _ in 0..runs {
                    let t = Instant::now();
                    sql_ids = db.discover_ids_sql(&d)?;
                    sql.push(t.elapsed());
                }
                let first = job.discover(&d).context("index discover")?;
                let (index, same) = match first {
                    None => (None, None),
                    Some(mut got) => {
                        let mut times = Vec::with_capacity(runs);
                        for _ in 0..runs {
                            let t = Instant::now();
                            got = job.discover(&d)?.unwrap_or_default();
                            times.push(t.elapsed());
                        }
                        (Some(times), Some(got == sql_ids))
                    }
                };
                Ok(Figures {
                    total: sql_ids.0,
                    sql,
                    index,
                    same,
                })
            })
            .await?;
        let mut sql = f.sql;
        sql.sort();
        let (ip50, ip99) = match f.index {
            Some(mut t) => {
                t.sort();
                (
                    format!("{:.2}", quantile(&t, 0.5)),
                    format!("{:.2}", quantile(&t, 0.99)),
                )
            }
            None => ("sql only".to_owned(), "-".to_owned()),
        };
        let same = match f.same {
            Some(true) => "yes",
            Some(false) => "NO",
            None => "-",
        };
        all_same &= f.same != Some(false);
        println!(
            "{:<100} {:>9} {:>9.2} {:>9.2} {:>9} {:>9}  {same}",
            line,
            f.total,
            quantile(&sql, 0.5),
            quantile(&sql, 0.99),
            ip50,
            ip99
        );
    }
    println!("(milliseconds: the total and the page's ids only, {runs} runs after a warm-up)");
    Ok(all_same)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_lines_parse_as_the_route_does() {
        let d =
            parse("/3/discover/movie?with_genres=18%7C27&sort_by=vote_count.asc&page=2").unwrap();
        assert_eq!(d.genres.0, vec![vec![18, 27]]);
        assert_eq!(d.page, 2);
        assert!(!d.sort.descending);
        assert!(parse("person?").is_err());
        assert!(parse("movie?page=0").is_err());
        for line in DEFAULT_REQUESTS {
            parse(line).unwrap();
        }
    }
}
