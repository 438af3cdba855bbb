//! Entries of the catalog-wide media lists: `/3/trending/{media_type}/{time_window}` and
//! `/3/find/{external_id}`. Each entry carries `media_type`, in the field order TMDB sends today
//! (the trending examples; today's find responses use the same entries).

use crate::person::{ByMediaType, EpisodeMedia, MovieSummary};
use crate::tv::TvRecommendation;
use serde::{Deserialize, Deserializer, Serialize, de::Error as _};
use serde_json::Value;

/// A movie as trending and find list it (`media_type` `"movie"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MovieEntry {
    #[serde(default)]
    pub adult: Option<bool>,
    #[serde(default)]
    pub backdrop_path: Option<String>,
    pub id: i64,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub original_language: Option<String>,
    #[serde(default)]
    pub original_title: Option<String>,
    #[serde(default)]
    pub overview: Option<String>,
    #[serde(default)]
    pub poster_path: Option<String>,
    #[serde(default = "movie_media_type")]
    pub media_type: String,
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

fn movie_media_type() -> String {
    "movie".to_owned()
}

impl From<MovieSummary> for MovieEntry {
    fn from(m: MovieSummary) -> Self {
        MovieEntry {
            adult: m.adult,
            backdrop_path: m.backdrop_path,
            id: m.id,
            title: m.title,
            original_language: m.original_language,
            original_title: m.original_title,
            overview: m.overview,
            poster_path: m.poster_path,
            media_type: movie_media_type(),
            genre_ids: m.genre_ids,
            popularity: m.popularity,
            release_date: m.release_date,
            video: m.video,
            vote_average: m.vote_average,
            vote_count: m.vote_count,
        }
    }
}

impl From<MovieEntry> for MovieSummary {
    fn from(m: MovieEntry) -> Self {
        MovieSummary {
            adult: m.adult,
            backdrop_path: m.backdrop_path,
            genre_ids: m.genre_ids,
            id: m.id,
            original_language: m.original_language,
            original_title: m.original_title,
            overview: m.overview,
            popularity: m.popularity,
            poster_path: m.poster_path,
            release_date: m.release_date,
            title: m.title,
            video: m.video,
            vote_average: m.vote_average,
            vote_count: m.vote_count,
        }
    }
}

/// A title a person is known for: a series or a movie, by `media_type`.
pub type KnownFor = ByMediaType<TvRecommendation, MovieEntry>;

/// A person as trending and find list them (`media_type` `"person"`), with `known_for`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonEntry {
    #[serde(default)]
    pub adult: Option<bool>,
    pub id: i64,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub original_name: Option<String>,
    #[serde(default = "person_media_type")]
    pub media_type: String,
    #[serde(default)]
    pub popularity: Option<f64>,
    #[serde(default)]
    pub gender: Option<i64>,
    #[serde(default)]
    pub known_for_department: Option<String>,
    #[serde(default)]
    pub profile_path: Option<String>,
    #[serde(default)]
    pub known_for: Vec<KnownFor>,
}

fn person_media_type() -> String {
    "person".to_owned()
}

/// One entry of a trending list: a movie, a series or a person, by `media_type`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum TrendingEntry {
    Movie(MovieEntry),
    Tv(TvRecommendation),
    Person(PersonEntry),
}

impl<'de> Deserialize<'de> for TrendingEntry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        match v.get("media_type").and_then(Value::as_str) {
            Some("movie") => serde_json::from_value(v).map(TrendingEntry::Movie),
            Some("tv") => serde_json::from_value(v).map(TrendingEntry::Tv),
            Some("person") => serde_json::from_value(v).map(TrendingEntry::Person),
            other => return Err(D::Error::custom(format!("unknown media_type {other:?}"))),
        }
        .map_err(D::Error::custom)
    }
}

/// A season as find lists it (`media_type` `"tv_season"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeasonEntry {
    pub id: i64,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub overview: Option<String>,
    #[serde(default)]
    pub poster_path: Option<String>,
    pub media_type: String,
    #[serde(default)]
    pub vote_average: Option<f64>,
    #[serde(default)]
    pub air_date: Option<String>,
    pub season_number: i64,
    pub show_id: i64,
    #[serde(default)]
    pub episode_count: Option<i64>,
}

/// `GET /3/find/{external_id}`: every object holding the external id, by kind.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FindResults {
    #[serde(default)]
    pub movie_results: Vec<MovieEntry>,
    #[serde(default)]
    pub person_results: Vec<PersonEntry>,
    #[serde(default)]
    pub tv_results: Vec<TvRecommendation>,
    #[serde(default)]
    pub tv_episode_results: Vec<EpisodeMedia>,
    #[serde(default)]
    pub tv_season_results: Vec<SeasonEntry>,
}
