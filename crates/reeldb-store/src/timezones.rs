//! `/3/configuration/timezones`: each country (ISO 3166-1) with its IANA time zones.
//!
//! Kept as code lists of the owner `configuration` 0: `timezone_countries` (the countries, in
//! listed order; TMDB's is by code) and `timezones:<code>` (a country's zones, in TMDB's order,
//! which is the tz database's own per country, not alphabetical). A country may list no zone
//! (TMDB's `BV`, `HM`). An import of TMDB's response replaces them, logging per list.
//!
//! A catalog that never imported the list serves the bundled table `data/timezones.json`,
//! derived from TMDB's example by `tools/build_demo.py` (see NOTICE): the bundled tz database
//! (jiff) maps a zone to one country only, while TMDB lists a zone under every country it
//! serves (e.g. `America/Puerto_Rico` under `AG`, `AI`, ...), so the mapping cannot be computed
//! from it. The HTTP tests check that every zone exists in jiff's tz database.

use crate::Result;
use crate::configuration::CONFIGURATION;
use crate::db::Db;
use crate::write::Writer;
use reeldb_wire::configuration::CountryTimezones;
use std::sync::OnceLock;

const COUNTRIES: &str = "timezone_countries";
const ZONES_PREFIX: &str = "timezones:";

/// The bundled table (TMDB's example).
pub fn bundled_timezones() -> &'static [CountryTimezones] {
    static TABLE: OnceLock<Vec<CountryTimezones>> = OnceLock::new();
    TABLE.get_or_init(|| {
        serde_json::from_str(include_str!("../data/timezones.json")).unwrap_or_default()
    })
}

impl Db {
    /// Every country's zones (one statement); the bundled table when none were imported.
    pub fn timezones(&mut self) -> Result<Vec<CountryTimezones>> {
        let rows: Vec<(String, String)> = self.query(
            "SELECT list_name, value FROM code_list
             WHERE owner_type = $1 AND owner_id = $2 AND (list_name = $3 OR list_name LIKE $4)
             ORDER BY list_name, position",
            &[
                &CONFIGURATION.kind.as_str(),
                &CONFIGURATION.id,
                &COUNTRIES,
                &format!("{ZONES_PREFIX}%"),
            ],
        )?;
        let countries: Vec<&String> = rows
            .iter()
            .filter(|(n, _)| n == COUNTRIES)
            .map(|(_, v)| v)
            .collect();
        if countries.is_empty() {
            return Ok(bundled_timezones().to_vec());
        }
        let mut zones: std::collections::HashMap<&str, Vec<String>> = Default::default();
        for (name, zone) in &rows {
            if let Some(code) = name.strip_prefix(ZONES_PREFIX) {
                zones.entry(code).or_default().push(zone.clone());
            }
        }
        Ok(countries
            .into_iter()
            .map(|code| CountryTimezones {
                iso_3166_1: code.clone(),
                zones: zones.remove(code.as_str()).unwrap_or_default(),
            })
            .collect())
    }
}

impl Writer<'_> {
    /// Makes the catalog's countries and their zones these, in order (a country left out loses
    /// its zones); each list that moved logs one change item under its name.
    pub fn set_timezones(&mut self, list: &[CountryTimezones]) -> Result<()> {
        let old = self.db.code_list(CONFIGURATION, COUNTRIES)?;
        for gone in old
            .iter()
            .filter(|c| !list.iter().any(|n| &n.iso_3166_1 == *c))
        {
            self.set_code_list(CONFIGURATION, &format!("{ZONES_PREFIX}{gone}"), &[])?;
        }
        let codes: Vec<String> = list.iter().map(|c| c.iso_3166_1.clone()).collect();
        self.set_code_list(CONFIGURATION, COUNTRIES, &codes)?;
        for c in list {
            self.set_code_list(
                CONFIGURATION,
                &format!("{ZONES_PREFIX}{}", c.iso_3166_1),
                &c.zones,
            )?;
        }
        Ok(())
    }
}
