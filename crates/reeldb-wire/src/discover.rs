//! `/3/discover/movie` and `/3/discover/tv` parameters, parsed and validated before any storage
//! access (docs/DISCOVER.md).
//!
//! Lists (`with_genres`, `with_cast`, ...) read `,` as AND and `|` as OR: `18,35|10749` is
//! "genre 18, and genre 35 or 10749". Dates are `YYYY-MM-DD` (TMDB's 23 otherwise), numbers must
//! be numbers (TMDB's 5), `page` 1..500 (22). An unknown `sort_by` is ignored, as TMDB ignores
//! it (its default order, popularity descending). Parameters of the other kind are ignored.

use crate::Status;
use crate::params::{Language, Page, parse_date};

/// What a discover request lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiscoverKind {
    Movie,
    Tv,
}

/// A `with_*` list: every group must match (`,`), a group matches when any of its items does
/// (`|`). Empty when the parameter is absent.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AndOr<T>(pub Vec<Vec<T>>);

impl<T: Clone> AndOr<T> {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every item, whatever its group (the `without_*` lists exclude any of them).
    pub fn items(&self) -> Vec<T> {
        self.0.iter().flatten().cloned().collect()
    }
}

/// A date range as stored dates compare: `from` inclusive, `before` exclusive (the day after
/// the last day, so that a stored `2023-05-03T00:00:00.000Z` is inside `..=2023-05-03`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DateRange {
    pub from: Option<String>,
    pub before: Option<String>,
}

impl DateRange {
    pub fn is_empty(&self) -> bool {
        self.from.is_none() && self.before.is_none()
    }

    /// `gte`, `lte` and `year` together: the narrowest range all three allow.
    fn parse(gte: Option<&str>, lte: Option<&str>, year: Option<&str>) -> Result<Self, Status> {
        let fmt =
            |d: time::Date| format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day());
        let mut from = gte.map(parse_date).transpose()?.map(fmt);
        let mut before = match lte.map(parse_date).transpose()? {
            Some(d) => Some(fmt(d.next_day().ok_or(Status::InvalidDate)?)),
            None => None,
        };
        if let Some(y) = year {
            let y: i32 = y.trim().parse().map_err(|_| Status::InvalidParameters)?;
            if !(1..=9998).contains(&y) {
                return Err(Status::InvalidParameters);
            }
            let (start, end) = (format!("{y:04}-01-01"), format!("{:04}-01-01", y + 1));
            if from.as_ref().is_none_or(|f| *f < start) {
                from = Some(start);
            }
            if before.as_ref().is_none_or(|b| *b > end) {
                before = Some(end);
            }
        }
        Ok(DateRange { from, before })
    }
}

/// The sort keys of both kinds. TMDB orders `title` as `original_title` and `name` as
/// `original_name` (docs/DISCOVER.md), so those map to the original columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Popularity,
    Revenue,
    /// `primary_release_date` (movies) or `first_air_date` (series).
    Date,
    /// `title`/`original_title` (movies) or `name`/`original_name` (series).
    OriginalTitle,
    VoteAverage,
    VoteCount,
}

/// `sort_by`: a key and a direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub key: SortKey,
    pub descending: bool,
}

impl Sort {
    /// TMDB's default: `popularity.desc`.
    pub const DEFAULT: Sort = Sort {
        key: SortKey::Popularity,
        descending: true,
    };

    /// The sort a `sort_by` value names for `kind`; the default for values the kind does not
    /// list.
    pub fn parse(kind: DiscoverKind, raw: Option<&str>) -> Sort {
        let Some((name, dir)) = raw.map(str::trim).and_then(|r| r.rsplit_once('.')) else {
            return Sort::DEFAULT;
        };
        let descending = match dir {
            "desc" => true,
            "asc" => false,
            _ => return Sort::DEFAULT,
        };
        let key = match (kind, name) {
            (_, "popularity") => SortKey::Popularity,
            (_, "vote_average") => SortKey::VoteAverage,
            (_, "vote_count") => SortKey::VoteCount,
            (DiscoverKind::Movie, "revenue") => SortKey::Revenue,
            (DiscoverKind::Movie, "primary_release_date") => SortKey::Date,
            (DiscoverKind::Movie, "title" | "original_title") => SortKey::OriginalTitle,
            (DiscoverKind::Tv, "first_air_date") => SortKey::Date,
            (DiscoverKind::Tv, "name" | "original_name") => SortKey::OriginalTitle,
            _ => return Sort::DEFAULT,
        };
        Sort { key, descending }
    }
}

/// Certification filters: in `country` (`certification_country`, else `region`) when given.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CertificationFilter {
    pub country: Option<String>,
    /// `certification`: any of these (`|` or `,` separated).
    pub any_of: Vec<String>,
    /// `certification.gte` / `.lte`: by the country's certification order (need a country).
    pub gte: Option<String>,
    pub lte: Option<String>,
}

impl CertificationFilter {
    pub fn is_empty(&self) -> bool {
        self.any_of.is_empty() && self.gte.is_none() && self.lte.is_none()
    }
}

/// A validated discover request.
#[derive(Debug, Clone, PartialEq)]
pub struct Discover {
    pub kind: DiscoverKind,
    pub page: u32,
    pub language: Language,
    pub sort: Sort,
    pub include_adult: bool,
    /// Movies: `include_video` (video-only entries are left out by default).
    pub include_video: bool,
    /// Series: `include_null_first_air_dates` (series without one are left out by default).
    pub include_null_first_air_dates: bool,
    /// Series: `screened_theatrically=true` keeps series with screened episodes.
    pub screened_theatrically: bool,
    /// Movies: the country whose release dates entries show and the release filters read.
    pub region: Option<String>,
    /// Movies: `primary_release_date.*`, `primary_release_year`; series: `first_air_date.*`,
    /// `first_air_date_year`. On the title's own date.
    pub primary_date: DateRange,
    /// Movies: `release_date.*` and `year`, on every release date (in `region` when given).
    pub release_date: DateRange,
    /// Series: `air_date.*`, on episodes' air dates.
    pub air_date: DateRange,
    /// Movies: `with_release_type` (1..6).
    pub release_types: AndOr<i64>,
    pub certification: CertificationFilter,
    pub genres: AndOr<i64>,
    pub without_genres: Vec<i64>,
    pub cast: AndOr<i64>,
    pub crew: AndOr<i64>,
    pub people: AndOr<i64>,
    pub companies: AndOr<i64>,
    pub without_companies: Vec<i64>,
    pub keywords: AndOr<i64>,
    pub without_keywords: Vec<i64>,
    pub networks: AndOr<i64>,
    pub watch_region: Option<String>,
    pub watch_providers: AndOr<i64>,
    pub without_watch_providers: Vec<i64>,
    pub monetization: AndOr<String>,
    pub runtime_gte: Option<i64>,
    pub runtime_lte: Option<i64>,
    pub vote_average_gte: Option<f64>,
    pub vote_average_lte: Option<f64>,
    /// Vote counts are whole: `vote_count.gte=9.5` keeps 10 and up.
    pub vote_count_gte: Option<i64>,
    pub vote_count_lte: Option<i64>,
    pub original_language: Vec<String>,
    pub origin_country: AndOr<String>,
    /// Series: `with_status` as stored names (`Returning Series`, ...).
    pub status: AndOr<String>,
    /// Series: `with_type` as stored names (`Scripted`, ...).
    pub series_type: AndOr<String>,
}

/// TMDB's `with_status` numbers.
const STATUSES: [&str; 6] = [
    "Returning Series",
    "Planned",
    "In Production",
    "Ended",
    "Canceled",
    "Pilot",
];
/// TMDB's `with_type` numbers.
const TYPES: [&str; 7] = [
    "Documentary",
    "News",
    "Miniseries",
    "Reality",
    "Scripted",
    "Talk Show",
    "Video",
];

/// Splits a list parameter: groups by `,`, items by `|`, empty items dropped.
fn and_or<T>(
    raw: Option<&str>,
    item: impl Fn(&str) -> Result<T, Status>,
) -> Result<AndOr<T>, Status> {
    let mut groups = Vec::new();
    for group in raw.unwrap_or_default().split(',') {
        let items: Vec<T> = group
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(&item)
            .collect::<Result<_, _>>()?;
        if !items.is_empty() {
            groups.push(items);
        }
    }
    Ok(AndOr(groups))
}

fn id(s: &str) -> Result<i64, Status> {
    s.parse::<i64>().map_err(|_| Status::InvalidParameters)
}

fn text(s: &str) -> Result<String, Status> {
    Ok(s.to_owned())
}

/// A two-letter code, upper-cased (countries) or lower-cased (languages).
fn code(s: &str, upper: bool) -> Result<String, Status> {
    match s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic()) {
        true if upper => Ok(s.to_ascii_uppercase()),
        true => Ok(s.to_ascii_lowercase()),
        false => Err(Status::InvalidParameters),
    }
}

/// A number from TMDB's table of names (`with_status`, `with_type`).
fn named(table: &'static [&'static str]) -> impl Fn(&str) -> Result<String, Status> {
    move |s: &str| {
        let n: usize = s.parse().map_err(|_| Status::InvalidParameters)?;
        table
            .get(n)
            .map(|t| (*t).to_owned())
            .ok_or(Status::InvalidParameters)
    }
}

fn boolean(raw: Option<&str>, default: bool) -> Result<bool, Status> {
    match raw.map(|s| s.trim().to_ascii_lowercase()).as_deref() {
        None | Some("") => Ok(default),
        Some("true" | "1") => Ok(true),
        Some("false" | "0") => Ok(false),
        Some(_) => Err(Status::InvalidParameters),
    }
}

fn number<T: std::str::FromStr>(raw: Option<&str>) -> Result<Option<T>, Status> {
    raw.map(|s| s.trim().parse::<T>().map_err(|_| Status::InvalidParameters))
        .transpose()
}

fn finite(raw: Option<&str>) -> Result<Option<f64>, Status> {
    match number::<f64>(raw)? {
        Some(x) if !x.is_finite() => Err(Status::InvalidParameters),
        x => Ok(x),
    }
}

impl Discover {
    /// Parses a discover request of `kind` from its query parameters (`get` answers a name
    /// with its non-empty value).
    pub fn parse<'a>(
        kind: DiscoverKind,
        get: impl Fn(&str) -> Option<&'a str>,
    ) -> Result<Discover, Status> {
        let movie = kind == DiscoverKind::Movie;
        let only = |yes: bool, name: &str| if yes { get(name) } else { None };
        let page = Page::parse_param(get("page"))?.get();
        let language = Language::parse_param(get("language"))?;
        let country = |name: &str| get(name).map(|s| code(s.trim(), true)).transpose();
        let ids = |name: &str| and_or(get(name), id);
        let flat = |name: &str| -> Result<Vec<i64>, Status> { Ok(ids(name)?.items()) };
        let (primary_date, release_date, air_date) = if movie {
            (
                DateRange::parse(
                    get("primary_release_date.gte"),
                    get("primary_release_date.lte"),
                    get("primary_release_year"),
                )?,
                DateRange::parse(
                    get("release_date.gte"),
                    get("release_date.lte"),
                    get("year"),
                )?,
                DateRange::default(),
            )
        } else {
            (
                DateRange::parse(
                    get("first_air_date.gte"),
                    get("first_air_date.lte"),
                    get("first_air_date_year"),
                )?,
                DateRange::default(),
                DateRange::parse(get("air_date.gte"), get("air_date.lte"), None)?,
            )
        };
        let region = if movie { country("region")? } else { None };
        let certification = if movie {
            CertificationFilter {
                country: country("certification_country")?.or_else(|| region.clone()),
                any_of: and_or(get("certification"), text)?.items(),
                gte: get("certification.gte").map(|s| s.trim().to_owned()),
                lte: get("certification.lte").map(|s| s.trim().to_owned()),
            }
        } else {
            CertificationFilter::default()
        };
        let vote_count_gte = finite(get("vote_count.gte"))?.map(|x| x.ceil() as i64);
        let vote_count_lte = finite(get("vote_count.lte"))?.map(|x| x.floor() as i64);
        Ok(Discover {
            kind,
            page,
            language,
            sort: Sort::parse(kind, get("sort_by")),
            include_adult: boolean(get("include_adult"), false)?,
            include_video: boolean(only(movie, "include_video"), false)?,
            include_null_first_air_dates: boolean(
                only(!movie, "include_null_first_air_dates"),
                false,
            )?,
            screened_theatrically: boolean(only(!movie, "screened_theatrically"), false)?,
            region,
            primary_date,
            release_date,
            air_date,
            release_types: and_or(only(movie, "with_release_type"), |s| match id(s)? {
                t @ 1..=6 => Ok(t),
                _ => Err(Status::InvalidParameters),
            })?,
            certification,
            genres: ids("with_genres")?,
            without_genres: flat("without_genres")?,
            cast: if movie {
                ids("with_cast")?
            } else {
                AndOr::default()
            },
            crew: if movie {
                ids("with_crew")?
            } else {
                AndOr::default()
            },
            people: if movie {
                ids("with_people")?
            } else {
                AndOr::default()
            },
            companies: ids("with_companies")?,
            without_companies: flat("without_companies")?,
            keywords: ids("with_keywords")?,
            without_keywords: flat("without_keywords")?,
            networks: and_or(only(!movie, "with_networks"), id)?,
            watch_region: country("watch_region")?,
            watch_providers: ids("with_watch_providers")?,
            without_watch_providers: flat("without_watch_providers")?,
            monetization: and_or(get("with_watch_monetization_types"), |s| {
                match s.to_ascii_lowercase().as_str() {
                    m @ ("flatrate" | "free" | "ads" | "rent" | "buy") => Ok(m.to_owned()),
                    _ => Err(Status::InvalidParameters),
                }
            })?,
            runtime_gte: number(get("with_runtime.gte"))?,
            runtime_lte: number(get("with_runtime.lte"))?,
            vote_average_gte: finite(get("vote_average.gte"))?,
            vote_average_lte: finite(get("vote_average.lte"))?,
            vote_count_gte,
            vote_count_lte,
            original_language: and_or(get("with_original_language"), |s| code(s, false))?.items(),
            origin_country: and_or(get("with_origin_country"), |s| code(s, true))?,
            status: and_or(only(!movie, "with_status"), named(&STATUSES))?,
            series_type: and_or(only(!movie, "with_type"), named(&TYPES))?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn parse(kind: DiscoverKind, q: &[(&str, &str)]) -> Result<Discover, Status> {
        let map: HashMap<String, String> = q
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Discover::parse(kind, |n| map.get(n).map(String::as_str))
    }

    #[test]
    fn lists_read_commas_as_and_and_pipes_as_or() {
        let d = parse(DiscoverKind::Movie, &[("with_genres", "18,35|10749,")]).unwrap();
        assert_eq!(d.genres, AndOr(vec![vec![18], vec![35, 10749]]));
        assert_eq!(
            parse(DiscoverKind::Movie, &[("with_genres", "drama")]).unwrap_err(),
            Status::InvalidParameters
        );
        let d = parse(
            DiscoverKind::Tv,
            &[("with_status", "0|3"), ("with_type", "4")],
        )
        .unwrap();
        assert_eq!(
            d.status,
            AndOr(vec![vec!["Returning Series".into(), "Ended".into()]])
        );
        assert_eq!(d.series_type, AndOr(vec![vec!["Scripted".into()]]));
        assert!(parse(DiscoverKind::Tv, &[("with_type", "7")]).is_err());
    }

    #[test]
    fn dates_years_and_bad_values() {
        let d = parse(
            DiscoverKind::Movie,
            &[
                ("primary_release_date.gte", "2019-06-01"),
                ("primary_release_year", "2019"),
                ("release_date.lte", "2020-02-28"),
            ],
        )
        .unwrap();
        assert_eq!(d.primary_date.from.as_deref(), Some("2019-06-01"));
        assert_eq!(d.primary_date.before.as_deref(), Some("2020-01-01"));
        assert_eq!(d.release_date.before.as_deref(), Some("2020-02-29"));
        assert_eq!(
            parse(DiscoverKind::Tv, &[("air_date.gte", "2020-13-01")]).unwrap_err(),
            Status::InvalidDate
        );
        assert_eq!(
            parse(DiscoverKind::Movie, &[("page", "501")]).unwrap_err(),
            Status::InvalidPage
        );
        assert_eq!(
            parse(DiscoverKind::Movie, &[("vote_average.gte", "high")]).unwrap_err(),
            Status::InvalidParameters
        );
        let d = parse(DiscoverKind::Movie, &[("vote_count.gte", "9.5")]).unwrap();
        assert_eq!(d.vote_count_gte, Some(10));
    }

    #[test]
    fn sorts_per_kind_and_unknown_sorts_are_the_default() {
        let s = |k, v| Sort::parse(k, Some(v));
        assert_eq!(
            s(DiscoverKind::Movie, "title.asc").key,
            SortKey::OriginalTitle
        );
        assert_eq!(
            s(DiscoverKind::Tv, "first_air_date.desc").key,
            SortKey::Date
        );
        assert_eq!(s(DiscoverKind::Tv, "revenue.desc"), Sort::DEFAULT);
        assert_eq!(s(DiscoverKind::Movie, "popularity.up"), Sort::DEFAULT);
        assert_eq!(
            s(DiscoverKind::Movie, "vote_count.asc"),
            Sort {
                key: SortKey::VoteCount,
                descending: false
            }
        );
    }
}
