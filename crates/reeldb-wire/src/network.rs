//! Networks: `/3/network/{network_id}` and its sub-resources.

use crate::common::LogoImage;
use serde::{Deserialize, Serialize};

/// `GET /3/network/{network_id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NetworkDetails {
    #[serde(default)]
    pub headquarters: Option<String>,
    #[serde(default)]
    pub homepage: Option<String>,
    pub id: i64,
    #[serde(default)]
    pub logo_path: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub origin_country: Option<String>,
}

/// One alternative name: `{name, type}` (`type` is often `""`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlternativeName {
    pub name: String,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
}

/// `GET /3/network/{network_id}/alternative_names`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlternativeNames {
    pub id: i64,
    pub results: Vec<AlternativeName>,
}

/// `GET /3/network/{network_id}/images`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NetworkImages {
    pub id: i64,
    pub logos: Vec<LogoImage>,
}
