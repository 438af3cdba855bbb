//! Movie lists and the legacy movie sub-resources: the `dates` block of `now_playing` and
//! `upcoming`, recommendation entries, and the shapes of `/releases` and `/trailers` (names
//! older clients still send; `/casts` is `/credits` under its old name).

use crate::common::Paged;
use crate::person::MovieSummary;
use serde::{Deserialize, Serialize};

/// The release window a dated list covers (`YYYY-MM-DD`, both ends included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListDates {
    pub maximum: String,
    pub minimum: String,
}

/// `now_playing` and `upcoming`: `dates` first, then the page as every list sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DatedPage<T> {
    pub dates: ListDates,
    #[serde(flatten)]
    pub page: Paged<T>,
}

fn movie_media_type() -> String {
    "movie".to_owned()
}

/// A movie in `/recommendations`: the list fields in TMDB's order for media entries, with
/// `media_type` (`"movie"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MovieRecommendation {
    #[serde(default)]
    pub adult: Option<bool>,
    #[serde(default)]
    pub backdrop_path: Option<String>,
    pub id: i64,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub original_title: Option<String>,
    #[serde(default)]
    pub overview: Option<String>,
    #[serde(default)]
    pub poster_path: Option<String>,
    #[serde(default = "movie_media_type")]
    pub media_type: String,
    #[serde(default)]
    pub original_language: Option<String>,
    #[serde(default)]
    pub genre_ids: Vec<i64>,
    #[serde(default)]
    pub popularity: Option<f64>,
    #[serde(default)]
    pub release_date: Option<String>,
    #[serde(default)]
    pub video: Option<bool>,
    #[serde(default)]
    pub vote_average: Option<f64>,
    #[serde(default)]
    pub vote_count: Option<i64>,
}

impl From<MovieSummary> for MovieRecommendation {
    fn from(m: MovieSummary) -> Self {
        MovieRecommendation {
            adult: m.adult,
            backdrop_path: m.backdrop_path,
            id: m.id,
            title: m.title,
            original_title: m.original_title,
            overview: m.overview,
            poster_path: m.poster_path,
            media_type: movie_media_type(),
            original_language: m.original_language,
            genre_ids: m.genre_ids,
            popularity: m.popularity,
            release_date: m.release_date,
            video: m.video,
            vote_average: m.vote_average,
            vote_count: m.vote_count,
        }
    }
}

impl From<MovieRecommendation> for MovieSummary {
    fn from(r: MovieRecommendation) -> Self {
        MovieSummary {
            adult: r.adult,
            backdrop_path: r.backdrop_path,
            genre_ids: r.genre_ids,
            id: r.id,
            original_language: r.original_language,
            original_title: r.original_title,
            overview: r.overview,
            popularity: r.popularity,
            poster_path: r.poster_path,
            release_date: r.release_date,
            title: r.title,
            video: r.video,
            vote_average: r.vote_average,
            vote_count: r.vote_count,
        }
    }
}

/// One release in the legacy `/releases` (`countries`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LegacyRelease {
    #[serde(default)]
    pub certification: Option<String>,
    #[serde(default)]
    pub descriptors: Vec<String>,
    pub iso_3166_1: String,
    pub primary: bool,
    #[serde(default)]
    pub release_date: Option<String>,
}

/// `GET /3/movie/{movie_id}/releases`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MovieReleases {
    pub id: i64,
    pub countries: Vec<LegacyRelease>,
}

/// One YouTube video in the legacy `/trailers`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LegacyTrailer {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub size: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
}

/// `GET /3/movie/{movie_id}/trailers`: YouTube videos; QuickTime is long gone (always `[]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MovieTrailers {
    pub id: i64,
    pub quicktime: Vec<LegacyTrailer>,
    pub youtube: Vec<LegacyTrailer>,
}
