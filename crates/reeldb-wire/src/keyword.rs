//! Keywords: `/3/keyword/{keyword_id}` and `/movies`.

use crate::person::MovieSummary;
use serde::{Deserialize, Serialize};

/// `GET /3/keyword/{keyword_id}`: `{id, name}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeywordDetails {
    pub id: i64,
    #[serde(default)]
    pub name: Option<String>,
}

/// `GET /3/keyword/{keyword_id}/movies`: one page of the movies carrying the keyword, with the
/// keyword's `id` first, as TMDB sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeywordMovies {
    pub id: i64,
    pub page: u32,
    #[serde(default)]
    pub results: Vec<MovieSummary>,
    pub total_pages: u64,
    pub total_results: u64,
}
