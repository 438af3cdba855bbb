//! Movie details (`GET /3/movie/{movie_id}`) and the movie-level reads its sub-resources need.
//!
//! Stored facts, all as imported: the scalar fields (`movie`, migration 14), the text per
//! language (title in `name`, overview, tagline, homepage: primary language on `movie`, others
//! in `translation`), genres (`owner_genre`), code lists (`origin_country`,
//! `production_countries`, `spoken_languages` in `code_list`), production companies
//! (`owner_company`), `belongs_to_collection` (`collection`) and `imdb_id` (`external_id`, so
//! details and `/external_ids` agree, and an IMDb id in the path resolves through it).
//!
//! Details run a fixed number of statements (six) whatever the movie's size.

pub mod credits;
pub mod legacy;
pub mod lists;
pub mod related;
pub mod release_dates;
pub mod summary;
pub mod translations;
mod write;

use crate::db::Db;
use crate::translation::{PrimaryText, TranslationRow, resolve_text};
use crate::{Owner, Result};
use reeldb_wire::movie::{
    CollectionRef, MovieAlternativeTitles, MovieDetails, MovieKeyword, MovieKeywords,
};
use reeldb_wire::params::Language;
use reeldb_wire::tv_series::{ProductionCountry, SpokenLanguage};

/// External id fields of a movie, in TMDB's order.
pub const MOVIE_EXTERNAL_IDS: &[&str] = &[
    "imdb_id",
    "wikidata_id",
    "facebook_id",
    "instagram_id",
    "twitter_id",
];

struct DetailsRow {
    adult: Option<i64>,
    backdrop_path: Option<String>,
    collection_id: Option<i64>,
    collection_name: Option<String>,
    collection_poster: Option<String>,
    collection_backdrop: Option<String>,
    budget: Option<i64>,
    original_language: Option<String>,
    original_title: Option<String>,
    popularity: Option<f64>,
    poster_path: Option<String>,
    release_date: Option<String>,
    revenue: Option<i64>,
    runtime: Option<i64>,
    status: Option<String>,
    video: Option<i64>,
    vote_average: Option<f64>,
    vote_count: Option<i64>,
    primary_language: Option<String>,
    name: Option<String>,
    overview: Option<String>,
    tagline: Option<String>,
    homepage: Option<String>,
    imdb_id: Option<String>,
}
crate::from_row!(DetailsRow {
    adult,
    backdrop_path,
    collection_id,
    collection_name,
    collection_poster,
    collection_backdrop,
    budget,
    original_language,
    original_title,
    popularity,
    poster_path,
    release_date,
    revenue,
    runtime,
    status,
    video,
    vote_average,
    vote_count,
    primary_language,
    name,
    overview,
    tagline,
    homepage,
    imdb_id,
});

/// `(iso_3166_1, name, overview, tagline, homepage)`: a movie's text in one region.
type TextRow = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

impl Db {
    /// Whether the catalog holds the movie `id` (one statement).
    pub fn movie_exists(&mut self, id: i64) -> Result<bool> {
        let n: i64 = self.scalar("SELECT COUNT(*) FROM movie WHERE id = $1", &[&id])?;
        Ok(n > 0)
    }

    /// The movie whose IMDb id is `imdb_id` (`tt0137523`), if the catalog holds one (one
    /// statement).
    pub fn movie_by_imdb_id(&mut self, imdb_id: &str) -> Result<Option<i64>> {
        self.scalar(
            "SELECT MIN(e.owner_id) FROM external_id e JOIN movie m ON m.id = e.owner_id
             WHERE e.source = 'imdb_id' AND e.value = $1 AND e.owner_type = 'movie'",
            &[&imdb_id],
        )
    }

    /// The highest movie id in the catalog (`GET /3/movie/latest`; one statement).
    pub fn latest_movie_id(&mut self) -> Result<Option<i64>> {
        self.scalar("SELECT MAX(id) FROM movie", &[])
    }

    /// `GET /3/movie/{movie_id}` in `lang`; `None` when the catalog does not hold the movie.
    /// Five statements: row (with collection and IMDb id), text, genres, code lists, companies.
    pub fn movie_details(&mut self, id: i64, lang: &Language) -> Result<Option<MovieDetails>> {
        let Some(row): Option<DetailsRow> = self.query_opt(
            "SELECT m.adult, m.backdrop_path, m.collection_id, c.name, c.poster_path, c.backdrop_path, m.budget,
                    m.original_language, m.original_title, m.popularity, m.poster_path, m.release_date, m.revenue,
                    m.runtime, m.status, m.video, m.vote_average, m.vote_count, m.primary_language, m.name,
                    m.overview, m.tagline, m.homepage, e.value
             FROM movie m LEFT JOIN collection c ON c.id = m.collection_id
             LEFT JOIN external_id e ON e.owner_type = 'movie' AND e.owner_id = m.id AND e.source = 'imdb_id'
             WHERE m.id = $1",
            &[&id],
        )?
        else {
            return Ok(None);
        };
        let owner = Owner::movie(id);
        let texts: Vec<TextRow> = self.query(
            "SELECT iso_3166_1, name, overview, tagline, homepage FROM translation
             WHERE owner_type = 'movie' AND owner_id = $1 AND iso_639_1 = $2 ORDER BY iso_3166_1",
            &[&id, &lang.iso_639_1],
        )?;
        let (title, overview, tagline, homepage) = resolve_movie_text(&row, &texts, lang);
        let genres = self.owner_genres(owner, lang)?;
        let lists = self.movie_code_lists(id)?;
        let production_companies = self.owner_companies(owner)?;
        Ok(Some(MovieDetails {
            adult: row.adult.map(|a| a != 0),
            backdrop_path: row.backdrop_path,
            belongs_to_collection: row.collection_id.map(|cid| CollectionRef {
                id: cid,
                name: row.collection_name,
                poster_path: row.collection_poster,
                backdrop_path: row.collection_backdrop,
            }),
            budget: row.budget,
            genres,
            homepage,
            id,
            imdb_id: row.imdb_id,
            origin_country: lists.origin_country,
            original_language: row.original_language,
            original_title: row.original_title,
            overview,
            popularity: row.popularity,
            poster_path: row.poster_path,
            production_companies,
            production_countries: lists.production_countries,
            release_date: row.release_date,
            revenue: row.revenue,
            runtime: row.runtime,
            spoken_languages: lists.spoken_languages,
            status: row.status,
            tagline,
            title,
            video: row.video.map(|v| v != 0),
            vote_average: row.vote_average,
            vote_count: row.vote_count,
        }))
    }

    /// Every code list of a movie in one statement, production countries with their names.
    fn movie_code_lists(&mut self, id: i64) -> Result<CodeLists> {
        let rows: Vec<(String, String, Option<String>)> = self.query(
            "SELECT cl.list_name, cl.value, c.english_name FROM code_list cl
             LEFT JOIN country c ON cl.list_name = 'production_countries' AND c.iso_3166_1 = cl.value
             WHERE cl.owner_type = 'movie' AND cl.owner_id = $1 ORDER BY cl.list_name, cl.position",
            &[&id],
        )?;
        let mut lists = CodeLists::default();
        for (list, value, country) in rows {
            match list.as_str() {
                "origin_country" => lists.origin_country.push(value),
                "production_countries" => lists.production_countries.push(ProductionCountry {
                    iso_3166_1: value,
                    name: country,
                }),
                "spoken_languages" => {
                    let names = crate::languages::names(&value);
                    lists.spoken_languages.push(SpokenLanguage {
                        english_name: names.map(|n| n.1.to_owned()),
                        iso_639_1: value,
                        name: names.map(|n| n.0.to_owned()),
                    });
                }
                _ => {}
            }
        }
        Ok(lists)
    }

    /// `GET /3/movie/{movie_id}/alternative_titles` of a known movie, only `country`'s titles
    /// when one is given (one statement).
    pub fn movie_alternative_titles(
        &mut self,
        id: i64,
        country: Option<&str>,
    ) -> Result<MovieAlternativeTitles> {
        let mut titles = self.alternative_titles(Owner::movie(id))?;
        if let Some(country) = country {
            titles.retain(|t| t.iso_3166_1.as_deref() == Some(country));
        }
        Ok(MovieAlternativeTitles { id, titles })
    }

    /// `GET /3/movie/{movie_id}/keywords` of a known movie (one statement).
    pub fn movie_keywords(&mut self, id: i64) -> Result<MovieKeywords> {
        let keywords = self
            .owner_keywords(Owner::movie(id))?
            .into_iter()
            .map(|k| MovieKeyword {
                id: k.id,
                name: k.name,
            })
            .collect();
        Ok(MovieKeywords { id, keywords })
    }
}

#[derive(Default)]
struct CodeLists {
    origin_country: Vec<String>,
    production_countries: Vec<ProductionCountry>,
    spoken_languages: Vec<SpokenLanguage>,
}

/// Title, overview, tagline and homepage in `lang`: the rule of every object's text
/// ([`resolve_text`]), applied to (title, overview) and to (tagline, homepage).
fn resolve_movie_text(
    row: &DetailsRow,
    texts: &[TextRow],
    lang: &Language,
) -> (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
) {
    let main: Vec<TranslationRow> = texts
        .iter()
        .map(|t| (t.0.clone(), t.1.clone(), t.2.clone()))
        .collect();
    let extra: Vec<TranslationRow> = texts
        .iter()
        .map(|t| (t.0.clone(), t.3.clone(), t.4.clone()))
        .collect();
    let primary = PrimaryText {
        language: row.primary_language.clone(),
        name: row.name.clone(),
        overview: row.overview.clone(),
    };
    let primary_extra = PrimaryText {
        language: row.primary_language.clone(),
        name: row.tagline.clone(),
        overview: row.homepage.clone(),
    };
    let a = resolve_text(&primary, &main, lang);
    let b = resolve_text(&primary_extra, &extra, lang);
    (a.name, a.overview, b.name, b.overview)
}
