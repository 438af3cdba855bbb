//! Collections: `/3/collection/{collection_id}`, `/images` and `/translations`.

use crate::common::Image;
use crate::person::MovieSummary;
use serde::{Deserialize, Serialize};

/// `GET /3/collection/{collection_id}`, fields in TMDB's order. `original_language` and
/// `original_name` are today's (older recordings lack them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CollectionDetails {
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
    #[serde(default)]
    pub backdrop_path: Option<String>,
    #[serde(default)]
    pub parts: Vec<CollectionPart>,
}

/// One movie of a collection's `parts`: a movie's list fields with `media_type`, in TMDB's
/// order. Recorded responses name the title `title`/`original_title`, as every movie list
/// does; TMDB's own published example names them `name`/`original_name`. Both are read on
/// import; `title`/`original_title` are served (docs/COLLECTIONS-COMPANIES-KEYWORDS.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CollectionPart {
    #[serde(default)]
    pub adult: Option<bool>,
    #[serde(default)]
    pub backdrop_path: Option<String>,
    pub id: i64,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub original_title: Option<String>,
    /// The title under the published example's key (read on import, never served).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The original title under the published example's key (read on import, never served).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_name: Option<String>,
    #[serde(default)]
    pub overview: Option<String>,
    #[serde(default)]
    pub poster_path: Option<String>,
    #[serde(default)]
    pub media_type: Option<String>,
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

impl CollectionPart {
    /// A collection part from a movie's list fields.
    pub fn from_summary(m: MovieSummary) -> CollectionPart {
        CollectionPart {
            adult: m.adult,
            backdrop_path: m.backdrop_path,
            id: m.id,
            title: m.title,
            original_title: m.original_title,
            name: None,
            original_name: None,
            overview: m.overview,
            poster_path: m.poster_path,
            media_type: Some("movie".to_owned()),
            original_language: m.original_language,
            genre_ids: m.genre_ids,
            popularity: m.popularity,
            release_date: m.release_date,
            video: m.video,
            vote_average: m.vote_average,
            vote_count: m.vote_count,
        }
    }

    /// The movie's list fields as the part states them (`name`/`original_name` when the part
    /// uses the published example's keys).
    pub fn to_summary(&self) -> MovieSummary {
        MovieSummary {
            adult: self.adult,
            backdrop_path: self.backdrop_path.clone(),
            genre_ids: self.genre_ids.clone(),
            id: self.id,
            original_language: self.original_language.clone(),
            original_title: self
                .original_title
                .clone()
                .or_else(|| self.original_name.clone()),
            overview: self.overview.clone(),
            popularity: self.popularity,
            poster_path: self.poster_path.clone(),
            release_date: self.release_date.clone(),
            title: self.title.clone().or_else(|| self.name.clone()),
            video: self.video,
            vote_average: self.vote_average,
            vote_count: self.vote_count,
        }
    }
}

/// `GET /3/collection/{collection_id}/images`: backdrops and posters (no logos).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CollectionImages {
    pub id: i64,
    #[serde(default)]
    pub backdrops: Vec<Image>,
    #[serde(default)]
    pub posters: Vec<Image>,
}

/// Translated fields of a collection, as in `/translations` (TMDB's key order).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CollectionTranslationData {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub overview: Option<String>,
    #[serde(default)]
    pub homepage: Option<String>,
}
