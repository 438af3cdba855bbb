//! TV series responses: `GET /3/tv/{series_id}` and its series-level sub-resources. Credits,
//! aggregate credits, videos, watch providers and changes share the season's shapes
//! ([`crate::tv`], [`crate::common`]).

use crate::common::Image;
use crate::tv::Network;
use serde::{Deserialize, Serialize};

/// One entry of `created_by`. Today's TMDB sends `original_name` too (older recordings,
/// TMDB's spec example among them, do not).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Creator {
    pub id: i64,
    pub credit_id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub original_name: Option<String>,
    #[serde(default)]
    pub gender: Option<i64>,
    #[serde(default)]
    pub profile_path: Option<String>,
}

/// A genre with its name, as details list it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Genre {
    pub id: i64,
    #[serde(default)]
    pub name: Option<String>,
}

/// `last_episode_to_air` / `next_episode_to_air`, in TMDB's key order (today's responses carry
/// `episode_type` too).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EpisodeToAir {
    pub id: i64,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub overview: Option<String>,
    #[serde(default)]
    pub vote_average: Option<f64>,
    #[serde(default)]
    pub vote_count: Option<i64>,
    #[serde(default)]
    pub air_date: Option<String>,
    pub episode_number: i64,
    #[serde(default)]
    pub episode_type: Option<String>,
    #[serde(default)]
    pub production_code: Option<String>,
    #[serde(default)]
    pub runtime: Option<i64>,
    pub season_number: i64,
    #[serde(default)]
    pub show_id: Option<i64>,
    #[serde(default)]
    pub still_path: Option<String>,
}

/// A production company as details list it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Company {
    pub id: i64,
    #[serde(default)]
    pub logo_path: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub origin_country: Option<String>,
}

/// One of `production_countries`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductionCountry {
    pub iso_3166_1: String,
    #[serde(default)]
    pub name: Option<String>,
}

/// One of `spoken_languages`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpokenLanguage {
    #[serde(default)]
    pub english_name: Option<String>,
    pub iso_639_1: String,
    #[serde(default)]
    pub name: Option<String>,
}

/// One of a series' `seasons`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesSeason {
    #[serde(default)]
    pub air_date: Option<String>,
    #[serde(default)]
    pub episode_count: Option<i64>,
    pub id: i64,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub overview: Option<String>,
    #[serde(default)]
    pub poster_path: Option<String>,
    pub season_number: i64,
    #[serde(default)]
    pub vote_average: Option<f64>,
}

/// `GET /3/tv/{series_id}` (also `GET /3/tv/latest`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesDetails {
    #[serde(default)]
    pub adult: Option<bool>,
    #[serde(default)]
    pub backdrop_path: Option<String>,
    #[serde(default)]
    pub created_by: Vec<Creator>,
    #[serde(default)]
    pub episode_run_time: Vec<i64>,
    #[serde(default)]
    pub first_air_date: Option<String>,
    #[serde(default)]
    pub genres: Vec<Genre>,
    #[serde(default)]
    pub homepage: Option<String>,
    pub id: i64,
    #[serde(default)]
    pub in_production: Option<bool>,
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub last_air_date: Option<String>,
    #[serde(default)]
    pub last_episode_to_air: Option<EpisodeToAir>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub next_episode_to_air: Option<EpisodeToAir>,
    #[serde(default)]
    pub networks: Vec<Network>,
    #[serde(default)]
    pub number_of_episodes: Option<i64>,
    #[serde(default)]
    pub number_of_seasons: Option<i64>,
    #[serde(default)]
    pub origin_country: Vec<String>,
    #[serde(default)]
    pub original_language: Option<String>,
    #[serde(default)]
    pub original_name: Option<String>,
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
    pub seasons: Vec<SeriesSeason>,
    #[serde(default)]
    pub spoken_languages: Vec<SpokenLanguage>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub tagline: Option<String>,
    #[serde(rename = "type", default)]
    pub series_type: Option<String>,
    #[serde(default)]
    pub vote_average: Option<f64>,
    #[serde(default)]
    pub vote_count: Option<i64>,
}

impl SeriesDetails {
    /// The fields every TV list shows, as [`crate::tv::TvSummary`].
    pub fn summary(&self) -> crate::tv::TvSummary {
        crate::tv::TvSummary {
            adult: self.adult,
            backdrop_path: self.backdrop_path.clone(),
            genre_ids: self.genres.iter().map(|g| g.id).collect(),
            id: self.id,
            origin_country: self.origin_country.clone(),
            original_language: self.original_language.clone(),
            original_name: self.original_name.clone(),
            overview: self.overview.clone(),
            popularity: self.popularity,
            poster_path: self.poster_path.clone(),
            first_air_date: self.first_air_date.clone(),
            name: self.name.clone(),
            vote_average: self.vote_average,
            vote_count: self.vote_count,
        }
    }
}

/// `GET /3/tv/{series_id}/images`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesImages {
    #[serde(default)]
    pub backdrops: Vec<Image>,
    pub id: i64,
    #[serde(default)]
    pub logos: Vec<Image>,
    #[serde(default)]
    pub posters: Vec<Image>,
}

/// Translated fields of a series, as in `/3/tv/{series_id}/translations`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SeriesTranslationData {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub overview: Option<String>,
    #[serde(default)]
    pub homepage: Option<String>,
    #[serde(default)]
    pub tagline: Option<String>,
}
