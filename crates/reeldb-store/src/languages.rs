//! ISO-639-1 language names as TMDB lists them (`/3/configuration/languages`), used for the
//! `name` and `english_name` of each translation. Data: see NOTICE.

use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(serde::Deserialize)]
struct Entry {
    iso_639_1: String,
    english_name: String,
    name: String,
}

fn table() -> &'static HashMap<String, (String, String)> {
    static TABLE: OnceLock<HashMap<String, (String, String)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let entries: Vec<Entry> =
            serde_json::from_str(include_str!("../data/languages.json")).unwrap_or_default();
        entries
            .into_iter()
            .map(|e| (e.iso_639_1, (e.name, e.english_name)))
            .collect()
    })
}

/// `(name, english_name)` of a language, if TMDB knows it.
pub fn names(iso_639_1: &str) -> Option<(&'static str, &'static str)> {
    table()
        .get(iso_639_1)
        .map(|(n, e)| (n.as_str(), e.as_str()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn knows_tmdb_names() {
        assert_eq!(super::names("be"), Some(("беларуская мова", "Belarusian")));
        assert_eq!(super::names("xx").map(|n| n.1), Some("No Language"));
        assert!(super::names("qq").is_none());
    }
}
