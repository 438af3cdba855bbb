//! The discover facts of movies and series as the search index holds them (crate
//! `reeldb-search`, docs/DISCOVER.md "On the index"): what the discover filters and sorts the
//! index answers read, taken from the same columns and rows the SQL discover reads, so that
//! both answer the same. Read in batches with three statements whatever the batch's size.

use crate::Result;
use crate::db::{Db, in_list};
use crate::search_doc::SearchKind;
use crate::value::ToSqlValue;
use std::collections::HashMap;

/// A title's own date (a movie's `release_date`, a series' `first_air_date`) as the index
/// holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateFact {
    /// NULL or `""`: no date (never in a date range, last in a date sort).
    #[default]
    Missing,
    /// A `YYYY-MM-DD` date as the number `YYYYMMDD`: ordered as SQL orders the text.
    Day(i64),
    /// Any other text: the index cannot compare it as SQL compares text.
    Odd,
}

impl DateFact {
    /// The fact of a stored date.
    pub fn of(date: Option<&str>) -> DateFact {
        match date {
            None | Some("") => DateFact::Missing,
            Some(d) => day_key(d).map_or(DateFact::Odd, DateFact::Day),
        }
    }
}

/// `YYYY-MM-DD` (exactly: ten characters, digits and dashes) as `YYYYMMDD`; `None` for any
/// other text. Among such texts the number orders as the text does, and a range bound
/// `YYYY-MM-DD` (what `reeldb_wire::discover::DateRange` holds) compares the same either way.
pub fn day_key(date: &str) -> Option<i64> {
    let b = date.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    if !(digits(0..4) && digits(5..7) && digits(8..10)) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| date[r].parse::<i64>().ok();
    Some(n(0..4)? * 10_000 + n(5..7)? * 100 + n(8..10)?)
}

/// What the discover filters and sorts the index answers read of one movie or series.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DiscoverFacts {
    /// `popularity` as stored; `None` (NULL) is a title the lists do not show.
    pub popularity: Option<f64>,
    /// `video` set (movies).
    pub video: bool,
    pub date: DateFact,
    pub vote_average: Option<f64>,
    pub vote_count: Option<i64>,
    /// A movie's `runtime` (none or one); a series' `episode_run_time` list.
    pub runtimes: Vec<i64>,
    /// Whether a runtime the catalog holds is not a whole number (a series' list is text).
    pub odd_runtime: bool,
    pub revenue: Option<i64>,
    pub original_language: Option<String>,
    pub status: Option<String>,
    pub series_type: Option<String>,
    pub origin_country: Vec<String>,
    pub genres: Vec<i64>,
    pub keywords: Vec<i64>,
    pub companies: Vec<i64>,
    pub networks: Vec<i64>,
    /// A movie's `original_title`, a series' `original_name` (what the `title` and `name`
    /// sorts order by); NULL and `""` are both `None` (missing, as the SQL sort treats them).
    pub original_title: Option<String>,
}

impl DiscoverFacts {
    /// Whether some fact is one the index cannot compare exactly as SQL does: such a title
    /// sends the discover requests of its kind to SQL while it is in the index.
    pub fn exotic(&self) -> bool {
        self.date == DateFact::Odd
            || self.odd_runtime
            || self.popularity.is_some_and(f64::is_nan)
            || self.vote_average.is_some_and(f64::is_nan)
    }
}

/// A movie's or series' scalar facts.
type FactRow = (
    i64,
    Option<f64>,
    Option<i64>,
    Option<String>,
    Option<f64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

impl Db {
    /// The discover facts of the movies or series `ids` that exist (three statements; none for
    /// another kind or no ids).
    pub fn discover_facts(
        &mut self,
        kind: SearchKind,
        ids: &[i64],
    ) -> Result<HashMap<i64, DiscoverFacts>> {
        let owner = match kind {
            SearchKind::Movie => "movie",
            SearchKind::Tv => "tv",
            _ => return Ok(HashMap::new()),
        };
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let params: Vec<&dyn ToSqlValue> = ids.iter().map(|i| i as &dyn ToSqlValue).collect();
        let list = in_list(1, ids.len());
        // (id, popularity, video, date, vote_average, vote_count, runtime, revenue,
        //  original_language, status, type, original title or name)
        let sql = match kind {
            SearchKind::Movie => format!(
                "SELECT id, popularity, video, release_date, vote_average, vote_count, runtime, revenue,
                   original_language, CAST(NULL AS TEXT), CAST(NULL AS TEXT), original_title
                 FROM movie WHERE id IN ({list})"
            ),
            _ => format!(
                "SELECT id, popularity, CAST(NULL AS BIGINT), first_air_date, vote_average, vote_count,
                   CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), original_language, status, series_type,
                   original_name
                 FROM tv_series WHERE id IN ({list})"
            ),
        };
        let rows: Vec<FactRow> = self.query(&sql, &params)?;
        let mut out: HashMap<i64, DiscoverFacts> = HashMap::new();
        for (id, pop, video, date, va, vc, runtime, revenue, lang, status, kind_, title) in rows {
            out.insert(
                id,
                DiscoverFacts {
                    popularity: pop,
                    video: video.is_some_and(|v| v != 0),
                    date: DateFact::of(date.as_deref()),
                    vote_average: va,
                    vote_count: vc,
                    runtimes: runtime.into_iter().collect(),
                    odd_runtime: false,
                    revenue,
                    original_language: lang,
                    status,
                    series_type: kind_,
                    original_title: title.filter(|t| !t.is_empty()),
                    ..DiscoverFacts::default()
                },
            );
        }
        // Owner-keyed ids: genres, keywords, companies (and a series' networks), one statement.
        let mut sql = format!(
            "SELECT 'g', owner_id, genre_id FROM owner_genre WHERE owner_type = '{owner}' AND owner_id IN ({list})
             UNION ALL SELECT 'k', owner_id, keyword_id FROM owner_keyword WHERE owner_type = '{owner}' AND owner_id IN ({list})
             UNION ALL SELECT 'c', owner_id, company_id FROM owner_company WHERE owner_type = '{owner}' AND owner_id IN ({list})"
        );
        if kind == SearchKind::Tv {
            sql.push_str(&format!(
                " UNION ALL SELECT 'n', series_id, network_id FROM tv_series_network WHERE series_id IN ({list})"
            ));
        }
        let keyed: Vec<(String, i64, i64)> = self.query(&sql, &params)?;
        for (what, id, key) in keyed {
            let Some(f) = out.get_mut(&id) else { continue };
            let list = match what.as_str() {
                "g" => &mut f.genres,
                "k" => &mut f.keywords,
                "c" => &mut f.companies,
                _ => &mut f.networks,
            };
            list.push(key);
        }
        // Code lists: origin countries, a series' episode run times. `list_name || ''` keeps
        // the planner on the owner key (see `search_docs`'s also_known_as).
        let codes: Vec<(i64, String, Option<String>)> = self.query(
            &format!(
                "SELECT owner_id, list_name, value FROM code_list
                 WHERE owner_type = '{owner}' AND list_name || '' IN ('origin_country', 'episode_run_time')
                   AND owner_id IN ({list})"
            ),
            &params,
        )?;
        for (id, name, value) in codes {
            let (Some(f), Some(value)) = (out.get_mut(&id), value) else {
                continue;
            };
            match name.as_str() {
                "origin_country" => f.origin_country.push(value),
                _ if kind == SearchKind::Tv => match value.parse::<i64>() {
                    Ok(r) => f.runtimes.push(r),
                    Err(_) => f.odd_runtime = true,
                },
                _ => {}
            }
        }
        for f in out.values_mut() {
            for l in [
                &mut f.genres,
                &mut f.keywords,
                &mut f.companies,
                &mut f.networks,
                &mut f.runtimes,
            ] {
                l.sort_unstable();
                l.dedup();
            }
            f.origin_country.sort();
            f.origin_country.dedup();
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_keys_order_as_the_text() {
        assert_eq!(day_key("2020-05-01"), Some(20200501));
        assert_eq!(day_key("0001-01-01"), Some(10101));
        assert_eq!(day_key("2020-5-01"), None);
        assert_eq!(day_key("2020-05-01T00:00:00.000Z"), None);
        assert_eq!(day_key("abcd-ef-gh"), None);
        assert_eq!(DateFact::of(Some("")), DateFact::Missing);
        assert_eq!(DateFact::of(None), DateFact::Missing);
        assert_eq!(DateFact::of(Some("2020")), DateFact::Odd);
        let mut dates = ["2020-05-01", "1999-12-31", "2020-04-30", "2021-01-01"];
        let mut keys: Vec<i64> = dates.iter().map(|d| day_key(d).unwrap()).collect();
        dates.sort();
        keys.sort();
        assert_eq!(
            keys,
            dates
                .iter()
                .map(|d| day_key(d).unwrap())
                .collect::<Vec<_>>()
        );
    }
}
