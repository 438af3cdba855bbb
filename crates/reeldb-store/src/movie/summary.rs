//! A movie's list fields, as person credits show it ([`MovieSummary`]), read for many movies
//! at once, and a person's movie credits built on them.

use crate::Result;
use crate::db::{Db, in_list};
use crate::translation::{PrimaryText, TranslationRow, resolve_text};
use crate::value::ToSqlValue;
use reeldb_wire::params::Language;
use reeldb_wire::person::{MovieSummary, PersonMovieCast, PersonMovieCrew};
use std::collections::HashMap;

struct SummaryRow {
    id: i64,
    adult: Option<i64>,
    backdrop_path: Option<String>,
    original_language: Option<String>,
    original_title: Option<String>,
    popularity: Option<f64>,
    poster_path: Option<String>,
    release_date: Option<String>,
    video: Option<i64>,
    vote_average: Option<f64>,
    vote_count: Option<i64>,
    primary_language: Option<String>,
    name: Option<String>,
    overview: Option<String>,
}
crate::from_row!(SummaryRow {
    id,
    adult,
    backdrop_path,
    original_language,
    original_title,
    popularity,
    poster_path,
    release_date,
    video,
    vote_average,
    vote_count,
    primary_language,
    name,
    overview,
});

/// `(movie id, kind, credit_id, character, department, job, order)` of a person's movie credit.
type CreditRow = (
    i64,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
);

impl Db {
    /// The list fields of the movies `ids` that the catalog holds, title and overview in `lang`
    /// (three statements; none for no ids).
    pub fn movie_summaries(&mut self, ids: &[i64], lang: &Language) -> Result<Vec<MovieSummary>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let id_params: Vec<&dyn ToSqlValue> = ids.iter().map(|i| i as &dyn ToSqlValue).collect();
        let list = in_list(1, ids.len());
        let rows: Vec<SummaryRow> = self.query(
            &format!(
                "SELECT id, adult, backdrop_path, original_language, original_title, popularity, poster_path,
                        release_date, video, vote_average, vote_count, primary_language, name, overview
                 FROM movie WHERE id IN ({list})"
            ),
            &id_params,
        )?;
        let mut params = id_params.clone();
        params.push(&lang.iso_639_1);
        let texts: Vec<(i64, String, Option<String>, Option<String>)> = self.query(
            &format!(
                "SELECT owner_id, iso_3166_1, name, overview FROM translation
                 WHERE owner_type = 'movie' AND owner_id IN ({list}) AND iso_639_1 = ${}
                 ORDER BY owner_id, iso_3166_1",
                ids.len() + 1
            ),
            &params,
        )?;
        let genres: Vec<(i64, i64)> = self.query(
            &format!(
                "SELECT owner_id, genre_id FROM owner_genre WHERE owner_type = 'movie' AND owner_id IN ({list})
                 ORDER BY owner_id, position"
            ),
            &id_params,
        )?;
        let mut by_movie: HashMap<i64, Vec<TranslationRow>> = HashMap::new();
        for (id, r, n, o) in texts {
            by_movie.entry(id).or_default().push((r, n, o));
        }
        let mut genre_ids: HashMap<i64, Vec<i64>> = HashMap::new();
        for (id, g) in genres {
            genre_ids.entry(id).or_default().push(g);
        }
        Ok(rows
            .into_iter()
            .map(|r| {
                let primary = PrimaryText {
                    language: r.primary_language,
                    name: r.name,
                    overview: r.overview,
                };
                let text = resolve_text(
                    &primary,
                    by_movie.get(&r.id).map(Vec::as_slice).unwrap_or_default(),
                    lang,
                );
                MovieSummary {
                    adult: r.adult.map(|a| a != 0),
                    backdrop_path: r.backdrop_path,
                    genre_ids: genre_ids.remove(&r.id).unwrap_or_default(),
                    id: r.id,
                    original_language: r.original_language,
                    original_title: r.original_title,
                    overview: text.overview,
                    popularity: r.popularity,
                    poster_path: r.poster_path,
                    release_date: r.release_date,
                    title: text.name,
                    video: r.video.map(|v| v != 0),
                    vote_average: r.vote_average,
                    vote_count: r.vote_count,
                }
            })
            .collect())
    }

    /// A person's movie credits: the `credit` rows of movies that name them, in movie and
    /// credit order, each with its movie's list fields (four statements at most). `media_type`
    /// is set for `combined_credits`.
    pub fn person_movie_parts(
        &mut self,
        person_id: i64,
        lang: &Language,
        media_type: Option<&str>,
    ) -> Result<(Vec<PersonMovieCast>, Vec<PersonMovieCrew>)> {
        let rows: Vec<CreditRow> = self.query(
            "SELECT owner_id, kind, credit_id, character_name, department, job, ord FROM credit
             WHERE person_id = $1 AND owner_type = 'movie' ORDER BY owner_id, kind, position",
            &[&person_id],
        )?;
        let mut ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
        ids.dedup();
        let movies: HashMap<i64, MovieSummary> = self
            .movie_summaries(&ids, lang)?
            .into_iter()
            .map(|m| (m.id, m))
            .collect();
        let mut cast = Vec::new();
        let mut crew = Vec::new();
        for (movie_id, kind, credit_id, character, department, job, order) in rows {
            let Some(movie) = movies.get(&movie_id) else {
                continue;
            };
            let media_type = media_type.map(str::to_owned);
            if kind == "crew" {
                crew.push(PersonMovieCrew {
                    movie: movie.clone(),
                    credit_id,
                    department,
                    job,
                    media_type,
                });
            } else {
                cast.push(PersonMovieCast {
                    movie: movie.clone(),
                    character,
                    credit_id,
                    order,
                    media_type,
                });
            }
        }
        Ok((cast, crew))
    }
}

impl crate::write::Writer<'_> {
    /// Applies the fields a movie list entry carries (trending, find, known_for; details carry
    /// them too): the scalar fields, genres by id, and title/overview in `language` (a tag such
    /// as `en-US`: the primary text when it is the movie's primary language, else a
    /// translation). Changes are logged under TMDB's keys; popularity and votes, which move
    /// daily, are not logged (as details do).
    pub fn set_movie_summary(&mut self, m: &MovieSummary, language: &str) -> Result<()> {
        use crate::write::bool_int;
        let lang: Language = language
            .parse()
            .map_err(|_| crate::StoreError::Invalid(format!("bad language tag {language:?}")))?;
        self.ensure_movie(m.id)?;
        let owner = crate::Owner::movie(m.id);
        type Old = (
            Option<i64>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<i64>,
        );
        let (adult, backdrop, o_lang, o_title, poster, release, video): Old = self.db.query_one(
            "SELECT adult, backdrop_path, original_language, original_title, poster_path, release_date, video
             FROM movie WHERE id = $1",
            &[&m.id],
        )?;
        self.db.execute(
            "UPDATE movie SET adult = $2, backdrop_path = $3, original_language = $4, original_title = $5,
               popularity = $6, poster_path = $7, release_date = $8, video = $9, vote_average = $10,
               vote_count = $11
             WHERE id = $1",
            &[
                &m.id,
                &bool_int(m.adult),
                &m.backdrop_path,
                &m.original_language,
                &m.original_title,
                &m.popularity,
                &m.poster_path,
                &m.release_date,
                &bool_int(m.video),
                &m.vote_average,
                &m.vote_count,
            ],
        )?;
        self.diff_field(owner, "adult", &adult.map(|a| a != 0), &m.adult)?;
        self.diff_field(owner, "backdrop_path", &backdrop, &m.backdrop_path)?;
        self.diff_field(owner, "original_language", &o_lang, &m.original_language)?;
        self.diff_field(owner, "original_title", &o_title, &m.original_title)?;
        self.diff_field(owner, "poster_path", &poster, &m.poster_path)?;
        self.diff_field(owner, "release_date", &release, &m.release_date)?;
        self.diff_field(owner, "video", &video.map(|v| v != 0), &m.video)?;
        self.set_genre_ids(owner, &m.genre_ids)?;
        self.set_text_in(owner, &lang, m.title.as_deref(), m.overview.as_deref())
    }
}
