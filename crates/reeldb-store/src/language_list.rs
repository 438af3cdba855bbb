//! `/3/configuration/languages`: the ISO 639-1 languages TMDB knows, with English and native
//! names, in TMDB's order (its example's, which is not alphabetical).
//!
//! Kept as three parallel code lists of owner `configuration` 0 (no migration): `languages`
//! (the codes, in order), `language_english_names` and `language_names` (the names at the same
//! positions). An import of TMDB's response replaces them, one change item per list that moved.
//! A catalog that never imported the list serves the bundled table `data/languages.json`
//! (TMDB's example, see NOTICE). Translations' `name`/`english_name` still come from the
//! bundled table (`crate::languages`), not from an imported list.

use crate::Result;
use crate::configuration::CONFIGURATION;
use crate::db::Db;
use crate::write::Writer;
use reeldb_wire::configuration::LanguageEntry;
use std::sync::OnceLock;

const CODES: &str = "languages";
const ENGLISH: &str = "language_english_names";
const NATIVE: &str = "language_names";

/// The bundled table (TMDB's example).
pub fn bundled_languages() -> &'static [LanguageEntry] {
    static TABLE: OnceLock<Vec<LanguageEntry>> = OnceLock::new();
    TABLE.get_or_init(|| {
        serde_json::from_str(include_str!("../data/languages.json")).unwrap_or_default()
    })
}

impl Db {
    /// Every language (one statement); the bundled table when none were imported.
    pub fn language_list(&mut self) -> Result<Vec<LanguageEntry>> {
        let rows: Vec<(String, i64, String)> = self.query(
            "SELECT list_name, position, value FROM code_list
             WHERE owner_type = $1 AND owner_id = $2 AND list_name IN ($3, $4, $5)
             ORDER BY list_name, position",
            &[
                &CONFIGURATION.kind.as_str(),
                &CONFIGURATION.id,
                &CODES,
                &ENGLISH,
                &NATIVE,
            ],
        )?;
        let list = |name: &str| -> Vec<&(String, i64, String)> {
            rows.iter().filter(|(n, _, _)| n == name).collect()
        };
        let codes = list(CODES);
        if codes.is_empty() {
            return Ok(bundled_languages().to_vec());
        }
        let at = |rows: &[&(String, i64, String)], pos: i64| -> String {
            rows.iter()
                .find(|(_, p, _)| *p == pos)
                .map(|(_, _, v)| v.clone())
                .unwrap_or_default()
        };
        let (english, native) = (list(ENGLISH), list(NATIVE));
        Ok(codes
            .iter()
            .map(|(_, pos, code)| LanguageEntry {
                iso_639_1: code.clone(),
                english_name: at(&english, *pos),
                name: at(&native, *pos),
            })
            .collect())
    }
}

impl Writer<'_> {
    /// Makes the catalog's language list this, in order.
    pub fn set_language_list(&mut self, list: &[LanguageEntry]) -> Result<()> {
        let column = |f: fn(&LanguageEntry) -> &String| -> Vec<String> {
            list.iter().map(|l| f(l).clone()).collect()
        };
        self.set_code_list(CONFIGURATION, CODES, &column(|l| &l.iso_639_1))?;
        self.set_code_list(CONFIGURATION, ENGLISH, &column(|l| &l.english_name))?;
        self.set_code_list(CONFIGURATION, NATIVE, &column(|l| &l.name))
    }
}
