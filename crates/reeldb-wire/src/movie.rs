//! Movie responses: `GET /3/movie/{movie_id}` and the movie sub-resources that have a shape of
//! their own. Genres, companies, countries and spoken languages share the series' shapes
//! ([`crate::tv_series`]).

use crate::common::{CreditPerson, CrewCredit};
use crate::tv_extra::AlternativeTitle;
use crate::tv_series::{Company, Genre, ProductionCountry, SpokenLanguage};
use serde::{Deserialize, Serialize};

/// `belongs_to_collection` of movie details.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CollectionRef {
    pub id: i64,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub poster_path: Option<String>,
    #[serde(default)]
    pub backdrop_path: Option<String>,
}

/// `GET /3/movie/{movie_id}` (also `GET /3/movie/latest`), fields in TMDB's order.
/// `origin_country` is today's (older recordings lack it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MovieDetails {
    #[serde(default)]
    pub adult: Option<bool>,
    #[serde(default)]
    pub backdrop_path: Option<String>,
    #[serde(default)]
    pub belongs_to_collection: Option<CollectionRef>,
    #[serde(default)]
    pub budget: Option<i64>,
    #[serde(default)]
    pub genres: Vec<Genre>,
    #[serde(default)]
    pub homepage: Option<String>,
    pub id: i64,
    #[serde(default)]
    pub imdb_id: Option<String>,
    #[serde(default)]
    pub origin_country: Vec<String>,
    #[serde(default)]
    pub original_language: Option<String>,
    #[serde(default)]
    pub original_title: Option<String>,
    #[serde(default)]
    pub overview: Option<String>,
    #[serde(default)]
    pub popularity: Option<f64>,
    #[serde(default)]
    pub poster_path: Option<String>,
    #[serde(default)]
    pub production_companies: Vec<Company>,
    #[serde(default)]
    pub production_countries: Vec<ProductionCountry>,
    #[serde(default)]
    pub release_date: Option<String>,
    #[serde(default)]
    pub revenue: Option<i64>,
    #[serde(default)]
    pub runtime: Option<i64>,
    #[serde(default)]
    pub spoken_languages: Vec<SpokenLanguage>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub tagline: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub video: Option<bool>,
    #[serde(default)]
    pub vote_average: Option<f64>,
    #[serde(default)]
    pub vote_count: Option<i64>,
}

/// A keyword of a movie (`id` before `name`, as TMDB sends movie keywords).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MovieKeyword {
    pub id: i64,
    #[serde(default)]
    pub name: Option<String>,
}

/// `GET /3/movie/{movie_id}/keywords`: the list is under `keywords` (TV's is `results`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MovieKeywords {
    pub id: i64,
    #[serde(default)]
    pub keywords: Vec<MovieKeyword>,
}

/// `GET /3/movie/{movie_id}/alternative_titles`: the list is under `titles` (TV's is
/// `results`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MovieAlternativeTitles {
    pub id: i64,
    #[serde(default)]
    pub titles: Vec<AlternativeTitle>,
}

/// A movie cast credit: a credit with `cast_id` (TMDB's per-movie cast number) before
/// `character`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MovieCastCredit {
    #[serde(flatten)]
    pub person: CreditPerson,
    #[serde(default)]
    pub cast_id: Option<i64>,
    #[serde(default)]
    pub character: Option<String>,
    pub credit_id: String,
    #[serde(default)]
    pub order: Option<i64>,
}

/// `GET /3/movie/{movie_id}/credits` (`id` first, as TMDB sends it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MovieCredits {
    pub id: i64,
    #[serde(default)]
    pub cast: Vec<MovieCastCredit>,
    #[serde(default)]
    pub crew: Vec<CrewCredit>,
}

/// Translated fields of a movie, as in `/3/movie/{movie_id}/translations` (TMDB's key order).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MovieTranslationData {
    #[serde(default)]
    pub homepage: Option<String>,
    #[serde(default)]
    pub overview: Option<String>,
    #[serde(default)]
    pub runtime: Option<i64>,
    #[serde(default)]
    pub tagline: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
}

/// One release of a movie in one country (`type`: 1 premiere ... 6 TV).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Release {
    #[serde(default)]
    pub certification: Option<String>,
    #[serde(default)]
    pub descriptors: Vec<String>,
    #[serde(default)]
    pub iso_639_1: Option<String>,
    /// TMDB leaves `note` out of some releases (kept out: `None`), `""` in others.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default)]
    pub release_date: Option<String>,
    #[serde(rename = "type", default)]
    pub release_type: Option<i64>,
}

/// One country's releases.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountryReleases {
    pub iso_3166_1: String,
    #[serde(default)]
    pub release_dates: Vec<Release>,
}

/// `GET /3/movie/{movie_id}/release_dates`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReleaseDates {
    pub id: i64,
    #[serde(default)]
    pub results: Vec<CountryReleases>,
}
