//! TV series sub-resources: alternative titles, content ratings, keywords, screened-theatrically
//! episodes, and episode groups (`/3/tv/{series_id}/episode_groups`,
//! `/3/tv/episode_group/{id}`). Fields are in the order TMDB sends them.

use crate::tv::Network;
use serde::{Deserialize, Deserializer, Serialize};

/// One alternative title (`/alternative_titles`; movies carry the same fields).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlternativeTitle {
    #[serde(default)]
    pub iso_3166_1: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    /// TMDB's `type`: "", "romanization", "working title", ...
    #[serde(rename = "type", default)]
    pub title_type: Option<String>,
}

/// `GET /3/tv/{series_id}/alternative_titles`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlternativeTitles {
    pub id: i64,
    #[serde(default)]
    pub results: Vec<AlternativeTitle>,
}

/// One country's rating (`/content_ratings`); `descriptors` are today's content descriptors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContentRating {
    #[serde(default)]
    pub descriptors: Vec<String>,
    #[serde(default)]
    pub iso_3166_1: Option<String>,
    #[serde(default)]
    pub rating: Option<String>,
}

/// `GET /3/tv/{series_id}/content_ratings` (TMDB sends `results` before `id`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContentRatings {
    #[serde(default)]
    pub results: Vec<ContentRating>,
    pub id: i64,
}

/// A keyword as lists show it (`name` before `id`, as TMDB sends it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Keyword {
    #[serde(default)]
    pub name: Option<String>,
    pub id: i64,
}

/// `GET /3/tv/{series_id}/keywords`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Keywords {
    pub id: i64,
    #[serde(default)]
    pub results: Vec<Keyword>,
}

/// An episode shown in theatres.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScreenedEpisode {
    pub id: i64,
    pub episode_number: i64,
    pub season_number: i64,
}

/// `GET /3/tv/{series_id}/screened_theatrically`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScreenedTheatrically {
    pub id: i64,
    #[serde(default)]
    pub results: Vec<ScreenedEpisode>,
}

/// An episode group as a series' `/episode_groups` lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EpisodeGroupSummary {
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub episode_count: i64,
    #[serde(default)]
    pub group_count: i64,
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub network: Option<Network>,
    /// TMDB's group type: 1 original air date, 2 absolute, 3 DVD, 4 digital, 5 story arc,
    /// 6 production, 7 TV.
    #[serde(rename = "type", default)]
    pub group_type: Option<i64>,
}

/// `GET /3/tv/{series_id}/episode_groups` (TMDB sends `results` before `id`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EpisodeGroups {
    #[serde(default)]
    pub results: Vec<EpisodeGroupSummary>,
    pub id: i64,
}

/// `Some(x)` for a present field (`null` included), so "absent" and "null" stay apart.
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// An episode inside an episode group's part, with its place (`order`) in that part.
/// `episode_type` is a field of today's responses; older recordings lack it, and reeldb leaves
/// it out for episodes whose type the catalog does not know.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupEpisode {
    #[serde(default)]
    pub air_date: Option<String>,
    pub episode_number: i64,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub episode_type: Option<Option<String>>,
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
    pub order: Option<i64>,
}

/// One part of an episode group (TMDB's `groups[]`: a season, a collection, an arc, ...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EpisodeGroupPart {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub order: Option<i64>,
    #[serde(default)]
    pub episodes: Vec<GroupEpisode>,
    #[serde(default)]
    pub locked: Option<bool>,
}

/// `GET /3/tv/episode_group/{tv_episode_group_id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EpisodeGroupDetails {
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub episode_count: i64,
    #[serde(default)]
    pub group_count: i64,
    #[serde(default)]
    pub groups: Vec<EpisodeGroupPart>,
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub network: Option<Network>,
    #[serde(rename = "type", default)]
    pub group_type: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn episode_type_absent_null_and_set_stay_apart() {
        let base = serde_json::json!({"episode_number": 1, "id": 2, "season_number": 1});
        let absent: GroupEpisode = serde_json::from_value(base.clone()).unwrap();
        assert_eq!(absent.episode_type, None);
        assert!(
            serde_json::to_value(&absent)
                .unwrap()
                .get("episode_type")
                .is_none()
        );
        let mut null = base.clone();
        null["episode_type"] = serde_json::Value::Null;
        let null: GroupEpisode = serde_json::from_value(null).unwrap();
        assert_eq!(null.episode_type, Some(None));
        let mut set = base;
        set["episode_type"] = "finale".into();
        let set: GroupEpisode = serde_json::from_value(set).unwrap();
        assert_eq!(set.episode_type, Some(Some("finale".into())));
    }
}
