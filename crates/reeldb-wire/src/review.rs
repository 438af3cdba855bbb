//! Reviews: `/3/review/{review_id}` and the review lists of series (and, later, movies).

use serde::{Deserialize, Serialize};

/// A review's `author_details`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AuthorDetails {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub avatar_path: Option<String>,
    #[serde(default)]
    pub rating: Option<f64>,
}

/// One review of a `/reviews` list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewSummary {
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub author_details: AuthorDetails,
    #[serde(default)]
    pub content: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    pub id: String,
    #[serde(default)]
    pub updated_at: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

/// `GET /3/review/{review_id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewDetails {
    pub id: String,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub author_details: AuthorDetails,
    #[serde(default)]
    pub content: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub iso_639_1: Option<String>,
    pub media_id: i64,
    #[serde(default)]
    pub media_title: Option<String>,
    pub media_type: String,
    #[serde(default)]
    pub updated_at: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

/// `GET /3/tv/{series_id}/reviews` (and movie reviews): `{id, page, results, total_pages,
/// total_results}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reviews {
    pub id: i64,
    pub page: u32,
    pub results: Vec<ReviewSummary>,
    pub total_pages: u64,
    pub total_results: u64,
}
