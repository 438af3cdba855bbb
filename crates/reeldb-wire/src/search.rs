//! Entries of the search lists that no other list shares: `/3/search/collection`,
//! `/3/search/company` and `/3/search/keyword` (movies, series and people are listed as the
//! movie lists, TV lists and trending list them).

use serde::{Deserialize, Serialize};

/// One `/3/search/collection` entry: the collection's text in the request's language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CollectionResult {
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
}

/// One `/3/search/company` entry (`origin_country` is `""` when unknown, as TMDB sends it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompanyResult {
    pub id: i64,
    #[serde(default)]
    pub logo_path: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub origin_country: Option<String>,
}

/// One `/3/search/keyword` entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeywordResult {
    pub id: i64,
    #[serde(default)]
    pub name: Option<String>,
}
