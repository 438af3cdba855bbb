//! `/3/trending/{all,movie,tv,person}/{day,week}`: titles and people ranked by popularity and
//! by their activity in the window (change-log items), computed on each request
//! (docs/TRENDING.md). Also the entries of mixed media lists (trending, find): movies, series
//! and people with `media_type`, people with `known_for` from their credits.

use crate::Result;
use crate::db::{Db, in_list};
use crate::value::ToSqlValue;
use crate::write::Writer;
use reeldb_wire::common::Paged;
use reeldb_wire::params::Language;
use reeldb_wire::person::{ByMediaType, PopularPerson};
use reeldb_wire::trending::{KnownFor, MovieEntry, PersonEntry, TrendingEntry};
use reeldb_wire::tv::{TvRecommendation, TvSummary};
use std::collections::HashMap;

/// Entries a trending page holds.
pub const TRENDING_PER_PAGE: u64 = 20;
/// The most popular objects of each kind a trending list ranks, besides every object active in
/// the window: 500 pages of 20, TMDB's last page.
pub const TRENDING_POOL: i64 = 10_000;
/// Change items counted per object at most (a burst of edits lifts an object, a flood does
/// not bury the others).
pub const ACTIVITY_CAP: i64 = 10;

/// What a trending list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaKind {
    All,
    Movie,
    Tv,
    Person,
}

impl MediaKind {
    pub fn from_name(name: &str) -> Option<MediaKind> {
        Some(match name {
            "all" => MediaKind::All,
            "movie" => MediaKind::Movie,
            "tv" => MediaKind::Tv,
            "person" => MediaKind::Person,
            _ => return None,
        })
    }
}

/// The ranked pool of one kind: `(media_type, id, score)` of its listed, non-adult objects
/// among the most popular and the active ones. `$1`/`$2`: the window's first and last second
/// (change-log times, `YYYY-MM-DD HH:MM:SS UTC`, which sort as text).
fn pool_sql(media: &str) -> String {
    let (table, order) = match media {
        "movie" => ("movie", "popularity DESC, id"),
        "tv" => ("tv_series", "popularity DESC, id"),
        _ => ("person", "COALESCE(popularity, 0) DESC, id"),
    };
    format!(
        "SELECT '{media}' AS media_type, o.id AS id,
           (o.popularity + 1) * (1 + (CASE WHEN a.n > {ACTIVITY_CAP} THEN {ACTIVITY_CAP} ELSE COALESCE(a.n, 0) END) / 5.0) AS score
         FROM (SELECT id FROM (SELECT id FROM {table} WHERE popularity IS NOT NULL AND (adult IS NULL OR adult = 0)
                 ORDER BY {order} LIMIT {TRENDING_POOL}) top_{media}
               UNION SELECT owner_id FROM change_log WHERE owner_type = '{media}' AND time >= $1 AND time <= $2) p
         JOIN {table} o ON o.id = p.id
         LEFT JOIN (SELECT owner_id, COUNT(*) AS n FROM change_log
                    WHERE owner_type = '{media}' AND time >= $1 AND time <= $2 GROUP BY owner_id) a ON a.owner_id = o.id
         WHERE o.popularity IS NOT NULL AND (o.adult IS NULL OR o.adult = 0)"
    )
}

/// `(media_type, id, total)` rows of a page.
type PageRow = (i64, Option<String>, Option<i64>);

impl Db {
    /// One page of a trending list over the window `[from, to]` (change-log times): one
    /// statement ranks and counts, then the entries (`media_entries`, at most 15 more).
    pub fn trending(
        &mut self,
        kind: MediaKind,
        from: &str,
        to: &str,
        page: u32,
        lang: &Language,
    ) -> Result<Paged<TrendingEntry>> {
        let pools: Vec<String> = match kind {
            MediaKind::All => ["movie", "tv", "person"].map(pool_sql).to_vec(),
            MediaKind::Movie => vec![pool_sql("movie")],
            MediaKind::Tv => vec![pool_sql("tv")],
            MediaKind::Person => vec![pool_sql("person")],
        };
        let ranked = pools.join(" UNION ALL ");
        let offset = (i64::from(page) - 1) * TRENDING_PER_PAGE as i64;
        let rows: Vec<PageRow> = self.query(
            &format!(
                "WITH ranked AS ({ranked})
                 SELECT t.total, pg.media_type, pg.id FROM (SELECT COUNT(*) AS total FROM ranked) t
                 LEFT JOIN (SELECT media_type, id, score FROM ranked ORDER BY score DESC, media_type, id
                            LIMIT {TRENDING_PER_PAGE} OFFSET $3) pg ON 1 = 1
                 ORDER BY pg.score DESC, pg.media_type, pg.id"
            ),
            &[&from, &to, &offset],
        )?;
        let total = rows.first().map_or(0, |r| r.0.max(0) as u64);
        let refs: Vec<(String, i64)> = rows
            .into_iter()
            .filter_map(|(_, m, id)| Some((m?, id?)))
            .collect();
        let results = self.media_entries(&refs, lang)?;
        Ok(Paged::new(page, TRENDING_PER_PAGE, total, results))
    }

    /// The entries of `refs` (`(media_type, id)`, media types `movie`, `tv`, `person`), in
    /// that order; unknown objects are left out. At most 15 statements: movies 3, series 4,
    /// people 1 and their `known_for` 8.
    pub fn media_entries(
        &mut self,
        refs: &[(String, i64)],
        lang: &Language,
    ) -> Result<Vec<TrendingEntry>> {
        let ids = |m: &str| -> Vec<i64> {
            refs.iter()
                .filter(|(k, _)| k == m)
                .map(|(_, id)| *id)
                .collect()
        };
        let mut movies: HashMap<i64, MovieEntry> = self
            .movie_summaries(&ids("movie"), lang)?
            .into_iter()
            .map(|m| (m.id, m.into()))
            .collect();
        let mut series: HashMap<i64, TvRecommendation> = self
            .series_summaries(&ids("tv"), lang)?
            .into_iter()
            .map(|s| (s.id, s.into()))
            .collect();
        let mut people: HashMap<i64, PersonEntry> = self
            .person_entries(&ids("person"), lang)?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
        Ok(refs
            .iter()
            .filter_map(|(m, id)| match m.as_str() {
                "movie" => movies.remove(id).map(TrendingEntry::Movie),
                "tv" => series.remove(id).map(TrendingEntry::Tv),
                _ => people.remove(id).map(TrendingEntry::Person),
            })
            .collect())
    }

    /// People as trending and find list them, with `known_for` (at most nine statements; none
    /// for no ids). Unknown ids are left out; the order is the ids'.
    pub fn person_entries(&mut self, ids: &[i64], lang: &Language) -> Result<Vec<PersonEntry>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        type Row = (
            i64,
            Option<i64>,
            Option<String>,
            Option<String>,
            Option<f64>,
            Option<i64>,
            Option<String>,
            Option<String>,
        );
        let params: Vec<&dyn ToSqlValue> = ids.iter().map(|i| i as &dyn ToSqlValue).collect();
        let rows: Vec<Row> = self.query(
            &format!(
                "SELECT id, adult, name, original_name, popularity, gender, known_for_department, profile_path
                 FROM person WHERE id IN ({})",
                in_list(1, ids.len())
            ),
            &params,
        )?;
        let mut known = self.known_for(ids, lang)?;
        let mut by_id: HashMap<i64, PersonEntry> = rows
            .into_iter()
            .map(
                |(id, adult, name, original_name, popularity, gender, dept, profile)| {
                    let entry = PersonEntry {
                        adult: adult.map(|a| a != 0),
                        id,
                        name,
                        original_name,
                        media_type: "person".into(),
                        popularity,
                        gender,
                        known_for_department: dept,
                        profile_path: profile,
                        known_for: known.remove(&id).unwrap_or_default(),
                    };
                    (id, entry)
                },
            )
            .collect();
        Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
    }

    /// Each person's `known_for`: the three most popular titles (series or movies, ties by
    /// kind then id) among their credits, as [`crate::known_for`] keeps them (at most eight
    /// statements: the stored titles, series 4, movies 3).
    pub fn known_for(
        &mut self,
        person_ids: &[i64],
        lang: &Language,
    ) -> Result<HashMap<i64, Vec<KnownFor>>> {
        if person_ids.is_empty() {
            return Ok(HashMap::new());
        }
        // Per person: (movies before series, id), best first.
        let top: HashMap<i64, Vec<(u8, i64)>> = self
            .known_for_titles(person_ids)?
            .into_iter()
            .map(|(person, titles)| {
                let titles = titles
                    .into_iter()
                    .map(|(kind, id)| (u8::from(kind != "movie"), id))
                    .collect();
                (person, titles)
            })
            .collect();
        let of = |rank: u8| -> Vec<i64> {
            let mut v: Vec<i64> = top
                .values()
                .flatten()
                .filter(|t| t.0 == rank)
                .map(|t| t.1)
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let series: HashMap<i64, TvSummary> = self
            .series_summaries(&of(1), lang)?
            .into_iter()
            .map(|s| (s.id, s))
            .collect();
        let movies: HashMap<i64, MovieEntry> = self
            .movie_summaries(&of(0), lang)?
            .into_iter()
            .map(|m| (m.id, m.into()))
            .collect();
        let mut out: HashMap<i64, Vec<KnownFor>> = HashMap::new();
        for (person, titles) in top {
            for (rank, id) in titles {
                let entry = if rank == 0 {
                    movies.get(&id).map(|m| ByMediaType::Movie(m.clone()))
                } else {
                    series
                        .get(&id)
                        .map(|s| ByMediaType::Tv(TvRecommendation::from(s.clone())))
                };
                if let Some(e) = entry {
                    out.entry(person).or_default().push(e);
                }
            }
        }
        Ok(out)
    }
}

impl Writer<'_> {
    /// Applies a trending or find entry's fields: a movie's or series' list fields in
    /// `language`, a person's list fields. A person's `known_for` is computed from credits, so
    /// only its titles' list fields are applied.
    pub fn set_media_entry(&mut self, e: &TrendingEntry, language: &str) -> Result<()> {
        match e {
            TrendingEntry::Movie(m) => self.set_movie_summary(&m.clone().into(), language),
            TrendingEntry::Tv(s) => self.set_series_summary(&s.clone().into(), language),
            TrendingEntry::Person(p) => {
                self.set_popular_person(&PopularPerson {
                    adult: p.adult,
                    gender: p.gender,
                    id: p.id,
                    known_for: Vec::new(),
                    known_for_department: p.known_for_department.clone(),
                    name: p.name.clone(),
                    original_name: p.original_name.clone(),
                    popularity: p.popularity,
                    profile_path: p.profile_path.clone(),
                })?;
                for k in &p.known_for {
                    match k {
                        ByMediaType::Movie(m) => {
                            self.set_movie_summary(&m.clone().into(), language)?
                        }
                        ByMediaType::Tv(s) => {
                            self.set_series_summary(&s.clone().into(), language)?
                        }
                    }
                }
                Ok(())
            }
        }
    }
}
