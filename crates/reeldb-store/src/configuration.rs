//! The catalog's part of `/3/configuration`: the image size lists and the change keys, kept as
//! code lists of one owner (`configuration` 0) so an import of TMDB's response sets them and
//! logs changes like any other list.
//!
//! The base URLs are not catalog data: they name the image server, a setting of `serve`
//! (`HttpConfig::image_base_url`), so an import parses them but does not store them.
//!
//! A list the catalog has never imported is served as TMDB's current one (the defaults below,
//! from TMDB's documented response): the default image server is TMDB's, whose sizes these are,
//! and a client building image URLs needs them even from a catalog without an import.
//! `change_keys` is TMDB's vocabulary of change keys; reeldb's change log uses a subset of it
//! (the fields it stores, see `docs/CONFIGURATION.md`), plus keys TMDB does not list for fields it
//! added since (e.g. `<kind>_list` of genre lists).

use crate::db::Db;
use crate::write::Writer;
use crate::{Owner, OwnerKind, Result};
use reeldb_wire::configuration::{ConfigurationDetails, IMAGE_SIZE_LISTS, ImagesConfiguration};

/// The owner of the configuration lists.
pub const CONFIGURATION: Owner = Owner {
    kind: OwnerKind::Configuration,
    id: 0,
};

/// TMDB's size lists, in [`IMAGE_SIZE_LISTS`] order: served for a list never imported.
pub const DEFAULT_SIZES: [&[&str]; 5] = [
    &["w300", "w780", "w1280", "original"],
    &["w45", "w92", "w154", "w185", "w300", "w500", "original"],
    &["w92", "w154", "w185", "w342", "w500", "w780", "original"],
    &["w45", "w185", "h632", "original"],
    &["w92", "w185", "w300", "original"],
];

/// TMDB's change keys: served when none were imported.
pub const DEFAULT_CHANGE_KEYS: &[&str] = &[
    "adult",
    "air_date",
    "also_known_as",
    "alternative_titles",
    "biography",
    "birthday",
    "budget",
    "cast",
    "certifications",
    "character_names",
    "created_by",
    "crew",
    "deathday",
    "episode",
    "episode_number",
    "episode_run_time",
    "freebase_id",
    "freebase_mid",
    "general",
    "genres",
    "guest_stars",
    "homepage",
    "images",
    "imdb_id",
    "languages",
    "name",
    "network",
    "origin_country",
    "original_name",
    "original_title",
    "overview",
    "parts",
    "place_of_birth",
    "plot_keywords",
    "production_code",
    "production_companies",
    "production_countries",
    "releases",
    "revenue",
    "runtime",
    "season",
    "season_number",
    "season_regular",
    "spoken_languages",
    "status",
    "tagline",
    "title",
    "translations",
    "tvdb_id",
    "tvrage_id",
    "type",
    "video",
    "videos",
];

fn owned(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

impl Db {
    /// Configuration details with these base URLs and the catalog's lists (one statement).
    pub fn configuration(
        &mut self,
        base_url: &str,
        secure_base_url: &str,
    ) -> Result<ConfigurationDetails> {
        let rows: Vec<(String, String)> = self.query(
            "SELECT list_name, value FROM code_list WHERE owner_type = $1 AND owner_id = $2 ORDER BY list_name, position",
            &[&CONFIGURATION.kind.as_str(), &CONFIGURATION.id],
        )?;
        let list = |name: &str, default: &[&str]| -> Vec<String> {
            let got: Vec<String> = rows
                .iter()
                .filter(|(n, _)| n == name)
                .map(|(_, v)| v.clone())
                .collect();
            if got.is_empty() { owned(default) } else { got }
        };
        let [backdrop, logo, poster, profile, still] = IMAGE_SIZE_LISTS;
        Ok(ConfigurationDetails {
            images: ImagesConfiguration {
                base_url: base_url.to_string(),
                secure_base_url: secure_base_url.to_string(),
                backdrop_sizes: list(backdrop, DEFAULT_SIZES[0]),
                logo_sizes: list(logo, DEFAULT_SIZES[1]),
                poster_sizes: list(poster, DEFAULT_SIZES[2]),
                profile_sizes: list(profile, DEFAULT_SIZES[3]),
                still_sizes: list(still, DEFAULT_SIZES[4]),
            },
            change_keys: list("change_keys", DEFAULT_CHANGE_KEYS),
        })
    }
}

impl Writer<'_> {
    /// Makes the catalog's size lists and change keys these (changes logged per list under the
    /// owner `configuration` 0). The base URLs are the server's setting, not stored.
    pub fn set_configuration(&mut self, c: &ConfigurationDetails) -> Result<()> {
        let i = &c.images;
        let lists = [
            &i.backdrop_sizes,
            &i.logo_sizes,
            &i.poster_sizes,
            &i.profile_sizes,
            &i.still_sizes,
        ];
        for (name, values) in IMAGE_SIZE_LISTS.iter().zip(lists) {
            self.set_code_list(CONFIGURATION, name, values)?;
        }
        self.set_code_list(CONFIGURATION, "change_keys", &c.change_keys)
    }
}

/// The code list of `/3/configuration/primary_translations`.
const PRIMARY_TRANSLATIONS: &str = "primary_translations";

impl Db {
    /// The primary translations (`ll-CC` tags) as imported, in order (one statement). TMDB's
    /// list is its editorial choice of translations it keeps complete; the catalog knows it
    /// only from an import, so a catalog without one serves an empty list.
    pub fn primary_translations(&mut self) -> Result<Vec<String>> {
        self.code_list(CONFIGURATION, PRIMARY_TRANSLATIONS)
    }
}

impl Writer<'_> {
    /// Makes the primary translations these, in order (one change item when they moved).
    pub fn set_primary_translations(&mut self, tags: &[String]) -> Result<()> {
        self.set_code_list(CONFIGURATION, PRIMARY_TRANSLATIONS, tags)
    }
}
