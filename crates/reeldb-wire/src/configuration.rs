//! TMDB section "Configuration": `/3/configuration` (configuration details).

use serde::{Deserialize, Serialize};

/// `GET /3/configuration`: how to build image URLs, and the keys change lists use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConfigurationDetails {
    pub images: ImagesConfiguration,
    pub change_keys: Vec<String>,
}

/// The `images` block: an image URL is `base_url` (or `secure_base_url`) + a size + a `*_path`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImagesConfiguration {
    pub base_url: String,
    pub secure_base_url: String,
    pub backdrop_sizes: Vec<String>,
    pub logo_sizes: Vec<String>,
    pub poster_sizes: Vec<String>,
    pub profile_sizes: Vec<String>,
    pub still_sizes: Vec<String>,
}

/// The size lists of `images`, in TMDB's order, as `code_list` names them.
pub const IMAGE_SIZE_LISTS: [&str; 5] = [
    "backdrop_sizes",
    "logo_sizes",
    "poster_sizes",
    "profile_sizes",
    "still_sizes",
];

/// One entry of `GET /3/configuration/timezones`: a country and its IANA time zones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountryTimezones {
    pub iso_3166_1: String,
    pub zones: Vec<String>,
}

/// One entry of `GET /3/configuration/jobs`: a department and its jobs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DepartmentJobs {
    pub department: String,
    pub jobs: Vec<String>,
}

/// One entry of `GET /3/configuration/languages`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LanguageEntry {
    pub iso_639_1: String,
    pub english_name: String,
    pub name: String,
}

/// One entry of `GET /3/configuration/countries` and of `/3/watch/providers/regions`: a
/// country's code, TMDB's English name, and its name in the request's language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountryEntry {
    pub iso_3166_1: String,
    pub english_name: String,
    pub native_name: String,
}

/// `GET /3/watch/providers/regions`: the regions watch providers serve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WatchRegions {
    pub results: Vec<CountryEntry>,
}

/// One provider of `GET /3/watch/providers/{movie,tv}`: its priority per region (regions in
/// TMDB's order), its overall priority, logo and name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProviderEntry {
    #[serde(default)]
    pub display_priorities: crate::catalog::Listed<i64>,
    #[serde(default)]
    pub display_priority: Option<i64>,
    #[serde(default)]
    pub logo_path: Option<String>,
    #[serde(default)]
    pub provider_name: Option<String>,
    pub provider_id: i64,
}

/// `GET /3/watch/providers/{movie,tv}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProviderList {
    pub results: Vec<ProviderEntry>,
}
