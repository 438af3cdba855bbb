//! Catalog-wide lists: `/3/genre/{movie,tv}/list` and `/3/certification/{movie,tv}/list`.
//! Each response is the whole list of its kind (in the request's language for genres).
//! Also `/3/configuration`: its size lists and change keys; and the watch-provider lists
//! (`/3/watch/providers/{regions,movie,tv}`).

use crate::ImportError;
use crate::apply::parse;
use crate::request::{Request, Resource};
use reeldb_store::country::{COUNTRIES, WATCH_REGIONS};
use reeldb_store::{TitleKind, Writer};
use reeldb_wire::catalog::{CertificationList, GenreList};
use reeldb_wire::configuration::{
    ConfigurationDetails, CountryEntry, CountryTimezones, DepartmentJobs, LanguageEntry,
    ProviderList, WatchRegions,
};
use serde_json::Value;

/// The resource of `/3/{name}/{kind}/list`, if it is one of these lists.
pub(crate) fn list(name: &str, kind: &str) -> Option<Resource> {
    let kind = TitleKind::from_name(kind)?;
    match name {
        "genre" => Some(Resource::GenreList(kind)),
        "certification" => Some(Resource::CertificationList(kind)),
        _ => None,
    }
}

/// A genre list: its members and order, and the names in the request's language.
pub(crate) fn genres(
    w: &mut Writer,
    req: &Request,
    kind: TitleKind,
    resp: &Value,
) -> Result<(), ImportError> {
    let list: GenreList = parse(resp, "genre list")?;
    w.set_genre_list(kind, &list.genres, &req.language)?;
    Ok(())
}

/// A kind's certification systems.
pub(crate) fn certifications(
    w: &mut Writer,
    kind: TitleKind,
    resp: &Value,
) -> Result<(), ImportError> {
    let list: CertificationList = parse(resp, "certification list")?;
    w.set_certification_list(kind, &list)?;
    Ok(())
}

/// TMDB's configuration lists (`/3/configuration` and its sub-paths).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigurationList {
    /// `/3/configuration`: the image size lists and change keys (the base URLs are the
    /// server's setting, not imported).
    Details,
    /// `/timezones`: every country's time zones.
    Timezones,
    /// `/jobs`: departments and their jobs.
    Jobs,
    /// `/languages`: every language with its names.
    Languages,
    /// `/primary_translations`: TMDB's primary translation tags.
    PrimaryTranslations,
    /// `/countries`: every country with its names (native names in the request's language).
    Countries,
}

impl ConfigurationList {
    /// Whether TMDB's response is a bare JSON array (all but details).
    pub fn is_array(self) -> bool {
        self != ConfigurationList::Details
    }
}

/// The configuration list of `/3/configuration/<rest>`.
pub(crate) fn configuration_list(rest: &[&str]) -> Option<Resource> {
    Some(Resource::Configuration(match rest {
        [] => ConfigurationList::Details,
        ["timezones"] => ConfigurationList::Timezones,
        ["jobs"] => ConfigurationList::Jobs,
        ["languages"] => ConfigurationList::Languages,
        ["primary_translations"] => ConfigurationList::PrimaryTranslations,
        ["countries"] => ConfigurationList::Countries,
        _ => return None,
    }))
}

/// Applies a configuration list.
pub(crate) fn configuration(
    w: &mut Writer,
    req: &Request,
    list: ConfigurationList,
    resp: &Value,
) -> Result<(), ImportError> {
    match list {
        ConfigurationList::Countries => {
            let list: Vec<CountryEntry> = parse(resp, "countries")?;
            w.set_country_list(COUNTRIES, &list, &req.language.iso_639_1)?;
            Ok(())
        }
        ConfigurationList::Details => details(w, resp),
        ConfigurationList::Timezones => timezones(w, resp),
        ConfigurationList::Jobs => jobs(w, resp),
        ConfigurationList::Languages => languages(w, resp),
        ConfigurationList::PrimaryTranslations => primary_translations(w, resp),
    }
}

/// Configuration details: the size lists and change keys (base URLs are parsed, not stored).
fn details(w: &mut Writer, resp: &Value) -> Result<(), ImportError> {
    let c: ConfigurationDetails = parse(resp, "configuration")?;
    w.set_configuration(&c)?;
    Ok(())
}

/// Every country's time zones (a bare array).
fn timezones(w: &mut Writer, resp: &Value) -> Result<(), ImportError> {
    let list: Vec<CountryTimezones> = parse(resp, "timezones")?;
    w.set_timezones(&list)?;
    Ok(())
}

/// Departments and their jobs (a bare array).
fn jobs(w: &mut Writer, resp: &Value) -> Result<(), ImportError> {
    let list: Vec<DepartmentJobs> = parse(resp, "jobs")?;
    w.set_jobs(&list)?;
    Ok(())
}

/// Every language with its names (a bare array).
fn languages(w: &mut Writer, resp: &Value) -> Result<(), ImportError> {
    let list: Vec<LanguageEntry> = parse(resp, "languages")?;
    w.set_language_list(&list)?;
    Ok(())
}

/// The primary translation tags (a bare array of strings).
fn primary_translations(w: &mut Writer, resp: &Value) -> Result<(), ImportError> {
    let tags: Vec<String> = parse(resp, "primary translations")?;
    w.set_primary_translations(&tags)?;
    Ok(())
}

/// `/3/watch/providers/<rest>`: the regions list or a kind's provider list.
pub(crate) fn watch_list(rest: &[&str]) -> Option<Resource> {
    match rest {
        ["regions"] => Some(Resource::WatchRegions),
        [kind] => TitleKind::from_name(kind).map(Resource::ProviderList),
        _ => None,
    }
}

/// The regions providers serve, named in the request's language.
pub(crate) fn watch_regions(
    w: &mut Writer,
    req: &Request,
    resp: &Value,
) -> Result<(), ImportError> {
    let list: WatchRegions = parse(resp, "watch regions")?;
    w.set_country_list(WATCH_REGIONS, &list.results, &req.language.iso_639_1)?;
    Ok(())
}

/// A kind's provider list.
pub(crate) fn provider_list(
    w: &mut Writer,
    kind: TitleKind,
    resp: &Value,
) -> Result<(), ImportError> {
    let list: ProviderList = parse(resp, "watch providers")?;
    w.set_provider_list(kind, &list)?;
    Ok(())
}
