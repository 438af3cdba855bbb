//! Countries by ISO-3166-1 code: the English name TMDB gives them (`country`, as
//! `production_countries` and the countries list state it), their names per language
//! (`country_name`, the lists' `native_name`), and the lists of countries TMDB serves:
//! `/3/configuration/countries` and the watch-provider regions.
//!
//! Facts come from two sources, merged: the ISO 3166-1 table of the `isocountry` crate (codes
//! and ISO's English names), and what the catalog imported. An imported countries list
//! (code list `countries` of owner `configuration` 0) is the list served, as TMDB's languages
//! list replaces the bundled one; without one, every ISO country and every country the catalog
//! knows a name for. Names: the imported English name, else ISO's; the native name imported for
//! the request's language, else the English name (no crate here holds CLDR's localized names).

use crate::Result;
use crate::configuration::CONFIGURATION;
use crate::db::Db;
use crate::write::Writer;
use reeldb_wire::configuration::CountryEntry;
use std::collections::{BTreeMap, HashMap};

/// The code list of an imported `/3/configuration/countries`.
pub const COUNTRIES: &str = "countries";
/// The code list of an imported `/3/watch/providers/regions`.
pub const WATCH_REGIONS: &str = "watch_regions";

/// `(source, code, name)` rows of [`Db::country_facts`].
type FactRow = (String, String, Option<String>);

/// What the catalog knows of countries, for one language.
pub struct CountryFacts {
    /// The imported lists, by list name, in order.
    pub lists: HashMap<String, Vec<String>>,
    english: HashMap<String, String>,
    native: HashMap<String, String>,
    /// Countries some provider serves (watch_provider_region).
    pub provider_regions: Vec<String>,
}

impl CountryFacts {
    /// The entry of `code`: TMDB's English name as imported, else ISO's, else the code; the
    /// native name imported for the language, else the English name.
    pub fn entry(&self, code: &str) -> CountryEntry {
        let english = self
            .english
            .get(code)
            .cloned()
            .or_else(|| {
                isocountry::CountryCode::for_alpha2(code)
                    .ok()
                    .map(|c| c.name().to_owned())
            })
            .unwrap_or_else(|| code.to_owned());
        CountryEntry {
            iso_3166_1: code.to_owned(),
            native_name: self
                .native
                .get(code)
                .cloned()
                .unwrap_or_else(|| english.clone()),
            english_name: english,
        }
    }

    /// Entries of `codes`, by code.
    pub fn entries<'a>(&self, codes: impl IntoIterator<Item = &'a String>) -> Vec<CountryEntry> {
        let sorted: std::collections::BTreeSet<&String> = codes.into_iter().collect();
        sorted.into_iter().map(|c| self.entry(c)).collect()
    }
}

impl Db {
    /// Every fact the countries lists read, for language `iso_639_1` (one statement).
    pub fn country_facts(&mut self, iso_639_1: &str) -> Result<CountryFacts> {
        let rows: Vec<FactRow> = self.query(
            "SELECT list_name, value, NULL FROM code_list
               WHERE owner_type = $1 AND owner_id = $2 AND list_name IN ($3, $4)
             UNION ALL SELECT 'english', iso_3166_1, english_name FROM country
             UNION ALL SELECT 'native', iso_3166_1, native_name FROM country_name WHERE iso_639_1 = $5
             UNION ALL SELECT DISTINCT 'region', country, NULL FROM watch_provider_region
             ORDER BY 1, 2",
            &[
                &CONFIGURATION.kind.as_str(),
                &CONFIGURATION.id,
                &COUNTRIES,
                &WATCH_REGIONS,
                &iso_639_1,
            ],
        )?;
        let mut facts = CountryFacts {
            lists: HashMap::new(),
            english: HashMap::new(),
            native: HashMap::new(),
            provider_regions: Vec::new(),
        };
        for (source, code, name) in rows {
            match (source.as_str(), name) {
                ("english", Some(n)) => {
                    facts.english.insert(code, n);
                }
                ("native", Some(n)) => {
                    facts.native.insert(code, n);
                }
                ("region", _) => facts.provider_regions.push(code),
                ("english" | "native", None) => {}
                (list, _) => facts.lists.entry(list.to_owned()).or_default().push(code),
            }
        }
        Ok(facts)
    }

    /// `GET /3/configuration/countries`: the imported list, else every ISO 3166-1 country and
    /// every country the catalog names; by code (one statement).
    pub fn country_list(&mut self, iso_639_1: &str) -> Result<Vec<CountryEntry>> {
        let facts = self.country_facts(iso_639_1)?;
        if let Some(list) = facts.lists.get(COUNTRIES) {
            return Ok(facts.entries(list));
        }
        let mut codes: Vec<String> = isocountry::CountryCode::iter()
            .map(|c| c.alpha2().to_owned())
            .collect();
        codes.extend(facts.english.keys().cloned());
        Ok(facts.entries(&codes))
    }
}

impl Writer<'_> {
    /// Records the name TMDB gives a country (the latest source wins).
    pub fn set_country_name(&mut self, iso_3166_1: &str, english_name: Option<&str>) -> Result<()> {
        self.db.execute(
            "INSERT INTO country (iso_3166_1, english_name) VALUES ($1, $2)
             ON CONFLICT (iso_3166_1) DO UPDATE SET english_name = COALESCE(excluded.english_name, country.english_name)",
            &[&iso_3166_1, &english_name],
        )?;
        Ok(())
    }

    /// Applies a countries list given in language `iso_639_1` (`/3/configuration/countries` or
    /// the watch-provider regions, `list` naming which): its members (in order, one change item
    /// when they moved), each one's English name and its name in that language.
    pub fn set_country_list(
        &mut self,
        list: &str,
        entries: &[CountryEntry],
        iso_639_1: &str,
    ) -> Result<()> {
        let codes: Vec<String> = entries.iter().map(|e| e.iso_3166_1.clone()).collect();
        self.set_code_list(CONFIGURATION, list, &codes)?;
        let mut native: BTreeMap<&str, &str> = BTreeMap::new();
        for e in entries {
            self.set_country_name(&e.iso_3166_1, Some(&e.english_name))?;
            native.insert(&e.iso_3166_1, &e.native_name);
        }
        for (code, name) in native {
            self.db.execute(
                "INSERT INTO country_name (iso_3166_1, iso_639_1, native_name) VALUES ($1, $2, $3)
                 ON CONFLICT (iso_3166_1, iso_639_1) DO UPDATE SET native_name = excluded.native_name",
                &[&code, &iso_639_1, &name],
            )?;
        }
        Ok(())
    }
}
