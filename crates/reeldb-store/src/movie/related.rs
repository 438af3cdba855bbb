//! Movies related to a movie: `/3/movie/{movie_id}/similar` and `/recommendations`, ranked as
//! series are ([`crate::tv_related`], docs/LISTS.md): similar by shared genres and keywords,
//! recommendations by shared people and genres with popularity and votes weighing more,
//! capped as TV's (40 recommendations). One statement ranks, three build the entries.
//!
//! Evidence for movies:
//! - genres: among the [`crate::tv_related::GENRE_POOL`] most popular listed movies, each looked up by key;
//! - keywords: every movie sharing one of the source's keywords;
//! - people: the source's [`crate::tv_related::SOURCE_PEOPLE`] people with the most credit rows on it (then the
//!   first billed), and every movie where they hold a credit.

use crate::Result;
use crate::db::Db;
use crate::movie::lists::LISTED_MOVIE;
use crate::tv_lists::PER_PAGE;
use crate::tv_related::{Related, RelatedPage, content_ctes, ranking_sql_over};
use reeldb_wire::common::Paged;
use reeldb_wire::movie_lists::MovieRecommendation;
use reeldb_wire::params::Language;
use reeldb_wire::person::MovieSummary;
use std::collections::HashMap;

/// The people a movie shares with candidates, as CTEs over `$1` and `$5` (the source people).
const MOVIE_PEOPLE: &str = "
src_people AS (
    SELECT c.person_id FROM credit c WHERE c.owner_type = 'movie' AND c.owner_id = $1
    GROUP BY c.person_id
    ORDER BY COUNT(*) DESC, MIN(c.position), c.person_id LIMIT $5),
person_movies AS (
    SELECT DISTINCT p.person_id, c.owner_id AS sid FROM src_people p
    JOIN credit c ON c.person_id = p.person_id AND c.owner_type = 'movie'),
people_hits AS (
    SELECT sid, COUNT(*) AS n FROM person_movies GROUP BY sid)";

fn ranking_sql(kind: Related) -> String {
    let listed = LISTED_MOVIE.replace("m.", "t.");
    let shared = format!("{},{MOVIE_PEOPLE}", content_ctes("movie", "movie", &listed));
    ranking_sql_over(kind, &shared, "movie", &listed)
}

impl Db {
    /// One page (1-based) of the movies related to `movie_id`, each with why (one statement).
    pub fn movie_related(
        &mut self,
        movie_id: i64,
        kind: Related,
        page: u32,
    ) -> Result<RelatedPage> {
        self.rank_related(&ranking_sql(kind), movie_id, kind, page)
    }

    /// The ranked page's movies in rank order (three statements).
    fn ranked_movies(
        &mut self,
        movie_id: i64,
        kind: Related,
        page: u32,
        lang: &Language,
    ) -> Result<(u64, Vec<MovieSummary>)> {
        let ranked = self.movie_related(movie_id, kind, page)?;
        let ids: Vec<i64> = ranked.results.iter().map(|r| r.id).collect();
        let mut movies: HashMap<i64, MovieSummary> = self
            .movie_summaries(&ids, lang)?
            .into_iter()
            .map(|m| (m.id, m))
            .collect();
        Ok((
            ranked.total,
            ids.iter().filter_map(|id| movies.remove(id)).collect(),
        ))
    }

    /// `/3/movie/{movie_id}/similar`: one page of movies sharing genres and keywords, in `lang`
    /// (four statements). The movie is not looked up: callers check it exists.
    pub fn movie_similar(
        &mut self,
        movie_id: i64,
        page: u32,
        lang: &Language,
    ) -> Result<Paged<MovieSummary>> {
        let (total, results) = self.ranked_movies(movie_id, Related::Similar, page, lang)?;
        Ok(Paged::new(page, PER_PAGE, total, results))
    }

    /// `/3/movie/{movie_id}/recommendations`: one page of movies sharing people and genres, in
    /// `lang`, at most 40 in all (four statements). The movie is not looked up.
    pub fn movie_recommendations(
        &mut self,
        movie_id: i64,
        page: u32,
        lang: &Language,
    ) -> Result<Paged<MovieRecommendation>> {
        let (total, results) =
            self.ranked_movies(movie_id, Related::Recommendations, page, lang)?;
        let results = results.into_iter().map(MovieRecommendation::from).collect();
        Ok(Paged::new(page, PER_PAGE, total, results))
    }
}
