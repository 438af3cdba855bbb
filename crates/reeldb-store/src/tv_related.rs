//! Series related to a series: `/3/tv/{series_id}/similar` and `/recommendations`, computed
//! from what the catalog knows, deterministic and explainable (docs/LISTS.md).
//!
//! A candidate is any listed series (list fields known, not adult, not the series itself)
//! that shares something with the source:
//! - genres (`owner_genre`): only candidates among the [`GENRE_POOL`] most popular series count
//!   genre matches, each looked up by primary key (a correlated count, so that neither engine
//!   reads a genre's whole posting list: Drama covers a third of the catalog);
//! - keywords (`owner_keyword`): every series sharing one (keywords are specific);
//! - people: the source's [`SOURCE_PEOPLE`] people with the most `credit` rows on it (series,
//!   season and episode credits: cast, crew, guests), and every series where they hold a
//!   series- or season-level credit (its regulars and aggregate credits). A candidate's
//!   episode-level credits (one-off guests and episode crew) are not read: they are weak
//!   evidence, and a prolific guest's thousands of episodes would make the cost unbounded.
//!
//! Each candidate's score is `relevance × (1 + w × quality)`:
//! - similar (content): relevance = 3 × shared keywords + 2 × shared genres; w = 1;
//! - recommendations (audience): relevance = 2 × shared people (at most [`PEOPLE_COUNTED`]) +
//!   1 × shared genres; w = 2, so popular, well-voted series weigh more;
//! - quality = ½ × popularity / (popularity + 20) + ½ × (vote_average / 10) × vote_count /
//!   (vote_count + 100), in `[0, 1)`: popularity and a vote average trusted by its count.
//!
//! Ordered by score, highest first, then id. Recommendations stop at [`RECOMMENDATIONS_CAP`]
//! results, as TMDB's do; similar lists every candidate. One statement ranks (counting and
//! paging in the same statement), four more build the page's entries.

use crate::Result;
use crate::db::Db;
use reeldb_wire::common::Paged;
use reeldb_wire::params::Language;
use reeldb_wire::tv::{TvRecommendation, TvSummary};

/// Genre matches are looked for among this many of the most popular listed series.
pub const GENRE_POOL: i64 = 2000;
/// The source's people considered: those with the most credit rows on it.
pub const SOURCE_PEOPLE: i64 = 100;
/// Shared people beyond this many add nothing more to a recommendation's relevance.
pub const PEOPLE_COUNTED: i64 = 10;
/// TMDB serves at most 40 recommendations (two pages).
pub const RECOMMENDATIONS_CAP: i64 = 40;
/// Similar lists are not capped beyond TMDB's last page (500 × 20).
pub const SIMILAR_CAP: i64 = 500 * 20;

const PER_PAGE: i64 = crate::tv_lists::PER_PAGE as i64;

/// Which related list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Related {
    /// Shared genres and keywords.
    Similar,
    /// Shared people and genres, popularity and votes weighing more.
    Recommendations,
}

/// One ranked candidate and why: what it shares with the source, and its score.
#[derive(Debug, Clone, PartialEq)]
pub struct RelatedScore {
    pub id: i64,
    pub shared_genres: i64,
    pub shared_keywords: i64,
    pub shared_people: i64,
    pub score: f64,
}

/// One page of a related list: the total (capped) and the page's candidates in order.
#[derive(Debug, Clone, PartialEq)]
pub struct RelatedPage {
    pub total: u64,
    pub results: Vec<RelatedScore>,
}

/// What candidates share in content with source `$1`, as CTEs (`src_genre`, `pool`,
/// `genre_hits`, `keyword_hits`), for owners of `owner_type` kept in `table` (`$4`: the genre
/// pool, its shown candidates those where `listed` holds on `t`). Series and movies alike.
pub(crate) fn content_ctes(owner_type: &str, table: &str, listed: &str) -> String {
    format!(
        "
src_genre AS (
    SELECT genre_id FROM owner_genre WHERE owner_type = '{owner_type}' AND owner_id = $1),
pool AS (
    SELECT t.id FROM {table} t WHERE {listed}
    ORDER BY t.popularity DESC, t.id LIMIT $4),
genre_hits AS (
    SELECT pool.id AS sid,
           (SELECT COUNT(*) FROM owner_genre og
            WHERE og.owner_type = '{owner_type}' AND og.owner_id = pool.id
              AND og.genre_id IN (SELECT genre_id FROM src_genre)) AS n
    FROM pool),
keyword_hits AS (
    SELECT ok.owner_id AS sid, COUNT(*) AS n FROM owner_keyword src
    JOIN owner_keyword ok ON ok.keyword_id = src.keyword_id AND ok.owner_type = '{owner_type}'
    WHERE src.owner_type = '{owner_type}' AND src.owner_id = $1
    GROUP BY ok.owner_id)"
    )
}

/// Series shown as candidates, on `t`.
const LISTED_SERIES: &str = "t.popularity IS NOT NULL AND (t.adult IS NULL OR t.adult = 0)";

/// The people a series shares, as CTEs over `$1` and `$5` ([`SOURCE_PEOPLE`]): only used by
/// recommendations (`keyword_hits` only by similar).
const SERIES_PEOPLE: &str = "
src_credit AS (
    SELECT c.person_id FROM credit c WHERE c.owner_type = 'tv' AND c.owner_id = $1
    UNION ALL
    SELECT c.person_id FROM tv_season s JOIN credit c ON c.owner_type = 'season' AND c.owner_id = s.id
    WHERE s.series_id = $1
    UNION ALL
    SELECT c.person_id FROM tv_episode e JOIN credit c ON c.owner_type = 'episode' AND c.owner_id = e.id
    WHERE e.series_id = $1),
src_people AS (
    SELECT person_id FROM src_credit GROUP BY person_id
    ORDER BY COUNT(*) DESC, person_id LIMIT $5),
person_series AS (
    SELECT p.person_id, c.owner_id AS sid FROM src_people p
    JOIN credit c ON c.person_id = p.person_id AND c.owner_type = 'tv'
    UNION
    SELECT p.person_id, s.series_id FROM src_people p
    JOIN credit c ON c.person_id = p.person_id AND c.owner_type = 'season'
    JOIN tv_season s ON s.id = c.owner_id),
people_hits AS (
    SELECT sid, COUNT(*) AS n FROM person_series GROUP BY sid)";

/// Quality of `t`, in `[0, 1)`.
const QUALITY: &str = "(0.5 * COALESCE(t.popularity, 0) / (COALESCE(t.popularity, 0) + 20.0)
    + 0.5 * (COALESCE(t.vote_average, 0) / 10.0)
      * (CAST(COALESCE(t.vote_count, 0) AS DOUBLE PRECISION) / (COALESCE(t.vote_count, 0) + 100.0)))";

fn ranking_sql(kind: Related) -> String {
    let shared = format!(
        "{},{SERIES_PEOPLE}",
        content_ctes("tv", "tv_series", LISTED_SERIES)
    );
    ranking_sql_over(kind, &shared, "tv_series", LISTED_SERIES)
}

/// The ranking statement over `table` (candidates as `t`, shown when `listed` holds), given
/// CTEs `shared` that define `genre_hits`, `keyword_hits` and `people_hits` (`sid`, `n`) over
/// `$1` (the source id), `$4` and `$5`. Also used for movies (`crate::movie::related`).
pub(crate) fn ranking_sql_over(kind: Related, shared: &str, table: &str, listed: &str) -> String {
    // What each candidate shares, summed over one row per kind of match (a join per kind
    // would make SQLite scan the matches once per candidate). genre_hits holds every pool
    // series, sharing or not (filtering it there would make PostgreSQL count twice). Similar never reads
    // people_hits, recommendations never keyword_hits: an unreferenced CTE is not run.
    let (other_hits, relevance, weight) = match kind {
        Related::Similar => (
            "SELECT sid, 0 AS g, n AS k, 0 AS p FROM keyword_hits",
            "(3.0 * h.k + 2.0 * h.g)",
            "1.0",
        ),
        Related::Recommendations => (
            "SELECT sid, 0 AS g, 0 AS k, n AS p FROM people_hits",
            "(2.0 * (CASE WHEN h.p > $6 THEN $6 ELSE h.p END) + 1.0 * h.g)",
            "2.0",
        ),
    };
    format!(
        "WITH {shared},
        hits AS (
            SELECT sid, CAST(SUM(g) AS BIGINT) AS g, CAST(SUM(k) AS BIGINT) AS k,
                   CAST(SUM(p) AS BIGINT) AS p
            FROM (SELECT sid, n AS g, 0 AS k, 0 AS p FROM genre_hits UNION ALL {other_hits}) m
            GROUP BY sid
            HAVING SUM(g + k + p) > 0),
        scored AS (
            SELECT t.id, h.g, h.k, h.p,
                   CAST({relevance} * (1.0 + {weight} * {QUALITY}) AS DOUBLE PRECISION) AS score
            FROM hits h JOIN {table} t ON t.id = h.sid
            WHERE t.id <> $1 AND {listed}),
        ranked AS (
            SELECT id, g, k, p, score, ROW_NUMBER() OVER (ORDER BY score DESC, id) AS rn
            FROM scored),
        capped AS (SELECT * FROM ranked WHERE rn <= $3),
        tot AS (SELECT COUNT(*) AS total FROM capped)
        SELECT tot.total, r.id, r.g, r.k, r.p, r.score
        FROM tot LEFT JOIN capped r ON r.rn > $2 AND r.rn <= $2 + {PER_PAGE}
        ORDER BY r.rn"
    )
}

/// `(total, id, genres, keywords, people, score)`; the page columns are null on an empty page.
type RankRow = (
    i64,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<f64>,
);

impl Db {
    /// One page (1-based) of the series related to `series_id`, each with why (one statement).
    pub fn series_related(
        &mut self,
        series_id: i64,
        kind: Related,
        page: u32,
    ) -> Result<RelatedPage> {
        self.rank_related(&ranking_sql(kind), series_id, kind, page)
    }

    /// Runs a ranking statement of [`ranking_sql_over`] for source `id` (one statement).
    pub(crate) fn rank_related(
        &mut self,
        sql: &str,
        id: i64,
        kind: Related,
        page: u32,
    ) -> Result<RelatedPage> {
        let offset = (i64::from(page.max(1)) - 1) * PER_PAGE;
        let cap = match kind {
            Related::Similar => SIMILAR_CAP,
            Related::Recommendations => RECOMMENDATIONS_CAP,
        };
        let rows: Vec<RankRow> = match kind {
            Related::Similar => {
                self.query(sql, &[&id, &offset, &cap, &GENRE_POOL, &SOURCE_PEOPLE])?
            }
            Related::Recommendations => self.query(
                sql,
                &[
                    &id,
                    &offset,
                    &cap,
                    &GENRE_POOL,
                    &SOURCE_PEOPLE,
                    &PEOPLE_COUNTED,
                ],
            )?,
        };
        let total = rows.first().map_or(0, |r| r.0.max(0) as u64);
        let results = rows
            .into_iter()
            .filter_map(|(_, id, g, k, p, score)| {
                Some(RelatedScore {
                    id: id?,
                    shared_genres: g.unwrap_or(0),
                    shared_keywords: k.unwrap_or(0),
                    shared_people: p.unwrap_or(0),
                    score: score.unwrap_or(0.0),
                })
            })
            .collect();
        Ok(RelatedPage { total, results })
    }

    /// `/3/tv/{series_id}/similar`: one page of series sharing genres and keywords, in `lang`
    /// (five statements). The series is not looked up: callers check it exists.
    pub fn series_similar(
        &mut self,
        series_id: i64,
        page: u32,
        lang: &Language,
    ) -> Result<Paged<TvSummary>> {
        let ranked = self.series_related(series_id, Related::Similar, page)?;
        let ids: Vec<i64> = ranked.results.iter().map(|r| r.id).collect();
        let results = self.series_summaries(&ids, lang)?;
        Ok(Paged::new(page, PER_PAGE as u64, ranked.total, results))
    }

    /// `/3/tv/{series_id}/recommendations`: one page of series sharing people and genres, in
    /// `lang`, at most 40 in all (five statements). The series is not looked up.
    pub fn series_recommendations(
        &mut self,
        series_id: i64,
        page: u32,
        lang: &Language,
    ) -> Result<Paged<TvRecommendation>> {
        let ranked = self.series_related(series_id, Related::Recommendations, page)?;
        let ids: Vec<i64> = ranked.results.iter().map(|r| r.id).collect();
        let results = self
            .series_summaries(&ids, lang)?
            .into_iter()
            .map(TvRecommendation::from)
            .collect();
        Ok(Paged::new(page, PER_PAGE as u64, ranked.total, results))
    }
}
