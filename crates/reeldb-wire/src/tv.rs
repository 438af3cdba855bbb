//! TV season and episode responses.

use crate::common::{CastCredit, CrewCredit, Image, NameOverview};
use serde::{Deserialize, Serialize};

/// `GET /3/tv/{series_id}/season/{season_number}/episode/{episode_number}`.
/// `episode_type` (`standard`, `mid_season`, `finale`) is `null` when the catalog never learned
/// it, as in season details.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EpisodeDetails {
    #[serde(default)]
    pub air_date: Option<String>,
    #[serde(default)]
    pub crew: Vec<CrewCredit>,
    pub episode_number: i64,
    #[serde(default)]
    pub episode_type: Option<String>,
    #[serde(default)]
    pub guest_stars: Vec<CastCredit>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub overview: Option<String>,
    pub id: i64,
    #[serde(default)]
    pub production_code: Option<String>,
    #[serde(default)]
    pub runtime: Option<i64>,
    pub season_number: i64,
    #[serde(default)]
    pub still_path: Option<String>,
    #[serde(default)]
    pub vote_average: Option<f64>,
    #[serde(default)]
    pub vote_count: Option<i64>,
}

/// An episode inside season details (adds `episode_type` and `show_id`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeasonEpisode {
    #[serde(default)]
    pub air_date: Option<String>,
    pub episode_number: i64,
    #[serde(default)]
    pub episode_type: Option<String>,
    pub id: i64,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub overview: Option<String>,
    #[serde(default)]
    pub production_code: Option<String>,
    #[serde(default)]
    pub runtime: Option<i64>,
    pub season_number: i64,
    #[serde(default)]
    pub show_id: Option<i64>,
    #[serde(default)]
    pub still_path: Option<String>,
    #[serde(default)]
    pub vote_average: Option<f64>,
    #[serde(default)]
    pub vote_count: Option<i64>,
    #[serde(default)]
    pub crew: Vec<CrewCredit>,
    #[serde(default)]
    pub guest_stars: Vec<CastCredit>,
}

/// A network as listed in season details.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Network {
    pub id: i64,
    #[serde(default)]
    pub logo_path: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub origin_country: Option<String>,
}

/// `GET /3/tv/{series_id}/season/{season_number}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeasonDetails {
    #[serde(rename = "_id", default)]
    pub object_id: Option<String>,
    #[serde(default)]
    pub air_date: Option<String>,
    #[serde(default)]
    pub episodes: Vec<SeasonEpisode>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub networks: Vec<Network>,
    #[serde(default)]
    pub overview: Option<String>,
    pub id: i64,
    #[serde(default)]
    pub poster_path: Option<String>,
    pub season_number: i64,
    #[serde(default)]
    pub vote_average: Option<f64>,
}

/// `GET .../episode/{n}/credits`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EpisodeCredits {
    #[serde(default)]
    pub cast: Vec<CastCredit>,
    #[serde(default)]
    pub crew: Vec<CrewCredit>,
    #[serde(default)]
    pub guest_stars: Vec<CastCredit>,
    pub id: i64,
}

/// `GET .../season/{n}/credits`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeasonCredits {
    #[serde(default)]
    pub cast: Vec<CastCredit>,
    #[serde(default)]
    pub crew: Vec<CrewCredit>,
    pub id: i64,
}

/// A role inside aggregate credits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AggregateRole {
    pub credit_id: String,
    #[serde(default)]
    pub character: Option<String>,
    #[serde(default)]
    pub episode_count: Option<i64>,
}

/// A job inside aggregate credits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AggregateJob {
    pub credit_id: String,
    #[serde(default)]
    pub job: Option<String>,
    #[serde(default)]
    pub episode_count: Option<i64>,
}

/// One person of aggregate cast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AggregateCast {
    #[serde(flatten)]
    pub person: crate::common::CreditPerson,
    pub roles: Vec<AggregateRole>,
    #[serde(default)]
    pub total_episode_count: Option<i64>,
    #[serde(default)]
    pub order: Option<i64>,
}

/// One person and department of aggregate crew.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AggregateCrew {
    #[serde(flatten)]
    pub person: crate::common::CreditPerson,
    pub jobs: Vec<AggregateJob>,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub total_episode_count: Option<i64>,
}

/// `GET .../season/{n}/aggregate_credits`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AggregateCredits {
    #[serde(default)]
    pub cast: Vec<AggregateCast>,
    #[serde(default)]
    pub crew: Vec<AggregateCrew>,
    pub id: i64,
}

/// `GET .../season/{n}/images`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeasonImages {
    pub id: i64,
    #[serde(default)]
    pub posters: Vec<Image>,
}

/// `GET .../episode/{n}/images`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EpisodeImages {
    pub id: i64,
    #[serde(default)]
    pub stills: Vec<Image>,
}

/// Translated fields of seasons and episodes, as in `/translations`.
pub type TvTranslationData = NameOverview;

/// A series as TV lists show it (`/3/tv/popular`, `/similar`, `/recommendations`, ...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TvSummary {
    #[serde(default)]
    pub adult: Option<bool>,
    #[serde(default)]
    pub backdrop_path: Option<String>,
    #[serde(default)]
    pub genre_ids: Vec<i64>,
    pub id: i64,
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
    pub first_air_date: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub vote_average: Option<f64>,
    #[serde(default)]
    pub vote_count: Option<i64>,
}

/// A series as `/3/tv/{series_id}/recommendations` shows it: the list fields in TMDB's order for
/// that list, with `media_type` (always `"tv"`) and `adult` as today's responses carry them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TvRecommendation {
    #[serde(default)]
    pub adult: Option<bool>,
    #[serde(default)]
    pub backdrop_path: Option<String>,
    pub id: i64,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub original_language: Option<String>,
    #[serde(default)]
    pub original_name: Option<String>,
    #[serde(default)]
    pub overview: Option<String>,
    #[serde(default)]
    pub poster_path: Option<String>,
    #[serde(default = "tv_media_type")]
    pub media_type: String,
    #[serde(default)]
    pub genre_ids: Vec<i64>,
    #[serde(default)]
    pub popularity: Option<f64>,
    #[serde(default)]
    pub first_air_date: Option<String>,
    #[serde(default)]
    pub vote_average: Option<f64>,
    #[serde(default)]
    pub vote_count: Option<i64>,
    #[serde(default)]
    pub origin_country: Vec<String>,
}

fn tv_media_type() -> String {
    "tv".to_owned()
}

impl From<TvSummary> for TvRecommendation {
    fn from(s: TvSummary) -> Self {
        TvRecommendation {
            adult: s.adult,
            backdrop_path: s.backdrop_path,
            id: s.id,
            name: s.name,
            original_language: s.original_language,
            original_name: s.original_name,
            overview: s.overview,
            poster_path: s.poster_path,
            media_type: tv_media_type(),
            genre_ids: s.genre_ids,
            popularity: s.popularity,
            first_air_date: s.first_air_date,
            vote_average: s.vote_average,
            vote_count: s.vote_count,
            origin_country: s.origin_country,
        }
    }
}

impl From<TvRecommendation> for TvSummary {
    fn from(r: TvRecommendation) -> Self {
        TvSummary {
            adult: r.adult,
            backdrop_path: r.backdrop_path,
            genre_ids: r.genre_ids,
            id: r.id,
            origin_country: r.origin_country,
            original_language: r.original_language,
            original_name: r.original_name,
            overview: r.overview,
            popularity: r.popularity,
            poster_path: r.poster_path,
            first_air_date: r.first_air_date,
            name: r.name,
            vote_average: r.vote_average,
            vote_count: r.vote_count,
        }
    }
}
