//! Shapes shared across TMDB resources. Every field a catalog may not know is an `Option`:
//! TMDB sends `null` where it has no value, and reeldb never invents one.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The person fields TMDB repeats in every credit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreditPerson {
    #[serde(default)]
    pub adult: Option<bool>,
    #[serde(default)]
    pub gender: Option<i64>,
    pub id: i64,
    #[serde(default)]
    pub known_for_department: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub original_name: Option<String>,
    #[serde(default)]
    pub popularity: Option<f64>,
    #[serde(default)]
    pub profile_path: Option<String>,
}

/// A cast credit (also used for `guest_stars`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CastCredit {
    #[serde(flatten)]
    pub person: CreditPerson,
    #[serde(default)]
    pub character: Option<String>,
    pub credit_id: String,
    #[serde(default)]
    pub order: Option<i64>,
}

/// A crew credit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrewCredit {
    #[serde(flatten)]
    pub person: CreditPerson,
    pub credit_id: String,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub job: Option<String>,
}

/// One image of an `/images` list. TMDB's images carry the country they were made for
/// (`iso_3166_1`) next to their language; `null` when the image names none, or when the catalog
/// learned the image from a source that did not say (TMDB's older responses lacked the field).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Image {
    #[serde(default)]
    pub aspect_ratio: Option<f64>,
    #[serde(default)]
    pub height: Option<i64>,
    #[serde(default)]
    pub iso_3166_1: Option<String>,
    #[serde(default)]
    pub iso_639_1: Option<String>,
    pub file_path: String,
    #[serde(default)]
    pub vote_average: Option<f64>,
    #[serde(default)]
    pub vote_count: Option<i64>,
    #[serde(default)]
    pub width: Option<i64>,
}

/// One video of a `/videos` list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Video {
    #[serde(default)]
    pub iso_639_1: Option<String>,
    #[serde(default)]
    pub iso_3166_1: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub key: Option<String>,
    #[serde(default)]
    pub site: Option<String>,
    #[serde(default)]
    pub size: Option<i64>,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub official: Option<bool>,
    #[serde(default)]
    pub published_at: Option<String>,
    pub id: String,
}

/// `{id, results}` of `/videos`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Videos {
    pub id: i64,
    pub results: Vec<Video>,
}

/// One entry of a `/translations` list; `data` holds the translated fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Translation<D> {
    pub iso_3166_1: String,
    pub iso_639_1: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub english_name: Option<String>,
    pub data: D,
}

/// `{id, translations}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Translations<D> {
    pub id: i64,
    pub translations: Vec<Translation<D>>,
}

/// Translated fields of seasons and episodes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NameOverview {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub overview: Option<String>,
}

/// One change of a `/changes` list; absent parts are omitted, as TMDB does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeItem {
    pub id: String,
    pub action: String,
    pub time: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iso_639_1: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iso_3166_1: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_value: Option<serde_json::Value>,
}

/// Changes of one key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeGroup {
    pub key: String,
    pub items: Vec<ChangeItem>,
}

/// `{changes: [...]}` of `/{type}/{id}/changes`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Changes {
    pub changes: Vec<ChangeGroup>,
}

/// One provider offer in a country.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProviderOffer {
    #[serde(default)]
    pub logo_path: Option<String>,
    pub provider_id: i64,
    #[serde(default)]
    pub provider_name: Option<String>,
    #[serde(default)]
    pub display_priority: Option<i64>,
}

/// The offers of one country, by kind of access.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CountryOffers {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flatrate: Option<Vec<ProviderOffer>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rent: Option<Vec<ProviderOffer>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buy: Option<Vec<ProviderOffer>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub free: Option<Vec<ProviderOffer>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ads: Option<Vec<ProviderOffer>>,
}

impl CountryOffers {
    /// The offer lists by TMDB's kind name, for code that walks them all.
    pub const KINDS: [&'static str; 5] = ["flatrate", "rent", "buy", "free", "ads"];

    pub fn kind_mut(&mut self, kind: &str) -> Option<&mut Option<Vec<ProviderOffer>>> {
        match kind {
            "flatrate" => Some(&mut self.flatrate),
            "rent" => Some(&mut self.rent),
            "buy" => Some(&mut self.buy),
            "free" => Some(&mut self.free),
            "ads" => Some(&mut self.ads),
            _ => None,
        }
    }

    pub fn kind(&self, kind: &str) -> Option<&Vec<ProviderOffer>> {
        match kind {
            "flatrate" => self.flatrate.as_ref(),
            "rent" => self.rent.as_ref(),
            "buy" => self.buy.as_ref(),
            "free" => self.free.as_ref(),
            "ads" => self.ads.as_ref(),
            _ => None,
        }
    }
}

/// `{id, results: {country: offers}}` of `/watch/providers`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WatchProviders {
    pub id: i64,
    pub results: BTreeMap<String, CountryOffers>,
}

/// One page of a paged list (`popular`, `similar`, `reviews`, changes lists, ...): 20 results a
/// page for title lists, with the true totals of the whole list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paged<T> {
    pub page: u32,
    pub results: Vec<T>,
    pub total_pages: u64,
    pub total_results: u64,
}

impl<T> Paged<T> {
    /// The page `page` of a list of `total` results, `per_page` a page, holding `results`.
    pub fn new(page: u32, per_page: u64, total: u64, results: Vec<T>) -> Paged<T> {
        Paged {
            page,
            results,
            total_pages: total.div_ceil(per_page.max(1)),
            total_results: total,
        }
    }
}

/// One logo of a network's or company's `/images` (`logos`): today's entries carry the image's
/// own object `id` and its `file_type` (`.svg`, `.png`), and no language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogoImage {
    #[serde(default)]
    pub aspect_ratio: Option<f64>,
    pub file_path: String,
    #[serde(default)]
    pub height: Option<i64>,
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub file_type: Option<String>,
    #[serde(default)]
    pub vote_average: Option<f64>,
    #[serde(default)]
    pub vote_count: Option<i64>,
    #[serde(default)]
    pub width: Option<i64>,
}

/// One entry of `/3/tv/changes`, `/3/person/changes` (and `/3/movie/changes`): an object that
/// changed in the window; `adult` is `null` when the catalog does not know it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangedObject {
    pub id: i64,
    #[serde(default)]
    pub adult: Option<bool>,
}

/// The body of a changes list: `{results, page, total_pages, total_results}` in TMDB's order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangesList {
    pub results: Vec<ChangedObject>,
    pub page: u32,
    pub total_pages: u64,
    pub total_results: u64,
}
