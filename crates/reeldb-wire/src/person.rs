//! People responses: person details and its sub-resources, a person's credits, popular people,
//! tagged images, and `/3/credit/{credit_id}`.

use crate::common::{Image, Paged};
use crate::tv::TvSummary;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// `GET /3/person/{person_id}` (and `/3/person/latest`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonDetails {
    #[serde(default)]
    pub adult: Option<bool>,
    #[serde(default)]
    pub also_known_as: Vec<String>,
    #[serde(default)]
    pub biography: Option<String>,
    #[serde(default)]
    pub birthday: Option<String>,
    #[serde(default)]
    pub deathday: Option<String>,
    #[serde(default)]
    pub gender: Option<i64>,
    #[serde(default)]
    pub homepage: Option<String>,
    pub id: i64,
    #[serde(default)]
    pub imdb_id: Option<String>,
    #[serde(default)]
    pub known_for_department: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub place_of_birth: Option<String>,
    #[serde(default)]
    pub popularity: Option<f64>,
    #[serde(default)]
    pub profile_path: Option<String>,
}

/// Translated fields of a person, as in `/person/{id}/translations`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PersonTranslationData {
    #[serde(default)]
    pub biography: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
}

/// `GET /3/person/{person_id}/images`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonImages {
    pub id: i64,
    #[serde(default)]
    pub profiles: Vec<Image>,
}

/// A movie as person credits, `known_for` and tagged images show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MovieSummary {
    #[serde(default)]
    pub adult: Option<bool>,
    #[serde(default)]
    pub backdrop_path: Option<String>,
    #[serde(default)]
    pub genre_ids: Vec<i64>,
    pub id: i64,
    #[serde(default)]
    pub original_language: Option<String>,
    #[serde(default)]
    pub original_title: Option<String>,
    #[serde(default)]
    pub overview: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub popularity: Option<f64>,
    #[serde(default)]
    pub poster_path: Option<String>,
    #[serde(default)]
    pub release_date: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub video: Option<bool>,
    #[serde(default)]
    pub vote_average: Option<f64>,
    #[serde(default)]
    pub vote_count: Option<i64>,
}

/// A TV cast credit of a person (`tv_credits`, and `combined_credits` with `media_type`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonTvCast {
    #[serde(flatten)]
    pub tv: TvSummary,
    #[serde(default)]
    pub character: Option<String>,
    pub credit_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub episode_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_credit_air_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
}

/// A TV crew credit of a person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonTvCrew {
    #[serde(flatten)]
    pub tv: TvSummary,
    pub credit_id: String,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub episode_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_credit_air_date: Option<String>,
    #[serde(default)]
    pub job: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
}

/// A movie cast credit of a person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonMovieCast {
    #[serde(flatten)]
    pub movie: MovieSummary,
    #[serde(default)]
    pub character: Option<String>,
    pub credit_id: String,
    #[serde(default)]
    pub order: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
}

/// A movie crew credit of a person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonMovieCrew {
    #[serde(flatten)]
    pub movie: MovieSummary,
    pub credit_id: String,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub job: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
}

/// `{cast, crew, id}` of a person's credits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonCredits<C, W> {
    #[serde(default = "Vec::new")]
    pub cast: Vec<C>,
    #[serde(default = "Vec::new")]
    pub crew: Vec<W>,
    pub id: i64,
}

/// `GET /3/person/{person_id}/tv_credits`.
pub type PersonTvCredits = PersonCredits<PersonTvCast, PersonTvCrew>;
/// `GET /3/person/{person_id}/movie_credits`.
pub type PersonMovieCredits = PersonCredits<PersonMovieCast, PersonMovieCrew>;
/// `GET /3/person/{person_id}/combined_credits`.
pub type PersonCombinedCredits = PersonCredits<
    ByMediaType<PersonTvCast, PersonMovieCast>,
    ByMediaType<PersonTvCrew, PersonMovieCrew>,
>;

/// An entry that is a TV or a movie entry by its `media_type` (`"tv"` or `"movie"`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum ByMediaType<T, M> {
    Tv(T),
    Movie(M),
}

impl<'de, T: serde::de::DeserializeOwned, M: serde::de::DeserializeOwned> Deserialize<'de>
    for ByMediaType<T, M>
{
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        match v.get("media_type").and_then(Value::as_str) {
            Some("tv") => serde_json::from_value(v).map(ByMediaType::Tv),
            Some("movie") => serde_json::from_value(v).map(ByMediaType::Movie),
            other => return Err(D::Error::custom(format!("unknown media_type {other:?}"))),
        }
        .map_err(D::Error::custom)
    }
}

/// A series as `known_for` shows it (adds `media_type`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KnownForTv {
    #[serde(flatten)]
    pub tv: TvSummary,
    pub media_type: String,
}

/// A movie as `known_for` shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KnownForMovie {
    #[serde(flatten)]
    pub movie: MovieSummary,
    pub media_type: String,
}

/// One person of `/3/person/popular`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PopularPerson {
    #[serde(default)]
    pub adult: Option<bool>,
    #[serde(default)]
    pub gender: Option<i64>,
    pub id: i64,
    #[serde(default)]
    pub known_for: Vec<ByMediaType<KnownForTv, KnownForMovie>>,
    #[serde(default)]
    pub known_for_department: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    /// Today's responses carry it (the spec's example predates it); sent when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_name: Option<String>,
    #[serde(default)]
    pub popularity: Option<f64>,
    #[serde(default)]
    pub profile_path: Option<String>,
}

/// `GET /3/person/popular`.
pub type PopularPeople = Paged<PopularPerson>;

/// An episode as tagged images and credit details show it (`media_type` `"tv_episode"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EpisodeMedia {
    pub id: i64,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub overview: Option<String>,
    pub media_type: String,
    #[serde(default)]
    pub vote_average: Option<f64>,
    #[serde(default)]
    pub vote_count: Option<i64>,
    #[serde(default)]
    pub air_date: Option<String>,
    pub episode_number: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub episode_type: Option<String>,
    #[serde(default)]
    pub production_code: Option<String>,
    #[serde(default)]
    pub runtime: Option<i64>,
    pub season_number: i64,
    pub show_id: i64,
    #[serde(default)]
    pub still_path: Option<String>,
}

/// A season as credit details list it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeasonMedia {
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
    pub show_id: i64,
}

/// A series as a tagged image's `media` shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TvMedia {
    #[serde(flatten)]
    pub tv: TvSummary,
    pub media_type: String,
}

/// The object a tagged image belongs to, by `media_type`: a movie, a series, a season or an
/// episode.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum TaggedMedia {
    Movie(KnownForMovie),
    Tv(TvMedia),
    Season(SeasonTagged),
    Episode(EpisodeMedia),
}

/// A season as a tagged image's `media` shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeasonTagged {
    #[serde(flatten)]
    pub season: SeasonMedia,
    pub media_type: String,
}

impl<'de> Deserialize<'de> for TaggedMedia {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        match v.get("media_type").and_then(Value::as_str) {
            Some("movie") => serde_json::from_value(v).map(TaggedMedia::Movie),
            Some("tv") => serde_json::from_value(v).map(TaggedMedia::Tv),
            Some("tv_season" | "season") => serde_json::from_value(v).map(TaggedMedia::Season),
            Some("tv_episode" | "episode") => serde_json::from_value(v).map(TaggedMedia::Episode),
            other => return Err(D::Error::custom(format!("unknown media_type {other:?}"))),
        }
        .map_err(D::Error::custom)
    }
}

/// One image of `/person/{id}/tagged_images`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaggedImage {
    #[serde(default)]
    pub aspect_ratio: Option<f64>,
    pub file_path: String,
    #[serde(default)]
    pub height: Option<i64>,
    pub id: String,
    #[serde(default)]
    pub iso_639_1: Option<String>,
    #[serde(default)]
    pub vote_average: Option<f64>,
    #[serde(default)]
    pub vote_count: Option<i64>,
    #[serde(default)]
    pub width: Option<i64>,
    #[serde(default)]
    pub image_type: Option<String>,
    pub media: TaggedMedia,
    pub media_type: String,
}

/// `GET /3/person/{person_id}/tagged_images`: a page with the person's id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaggedImages {
    pub id: i64,
    pub page: u32,
    pub results: Vec<TaggedImage>,
    pub total_pages: u64,
    pub total_results: u64,
}

/// The series a credit belongs to, as `/3/credit/{id}` shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreditMedia {
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub character: Option<String>,
    #[serde(default)]
    pub episodes: Vec<EpisodeMedia>,
    #[serde(default)]
    pub seasons: Vec<SeasonMedia>,
}

/// The person of `/3/credit/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreditDetailsPerson {
    #[serde(default)]
    pub adult: Option<bool>,
    pub id: i64,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub original_name: Option<String>,
    pub media_type: String,
    #[serde(default)]
    pub popularity: Option<f64>,
    #[serde(default)]
    pub gender: Option<i64>,
    #[serde(default)]
    pub known_for_department: Option<String>,
    #[serde(default)]
    pub profile_path: Option<String>,
}

/// `GET /3/credit/{credit_id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreditDetails {
    pub credit_type: String,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub job: Option<String>,
    pub media: CreditMedia,
    pub media_type: String,
    pub id: String,
    pub person: CreditDetailsPerson,
}
