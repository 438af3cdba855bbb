//! Countries by ISO-3166-1 code, with the English name TMDB gives them in
//! `production_countries` (kept as imported). An owner's countries are its
//! `production_countries` code list; details join the names in.

use crate::Result;
use crate::write::Writer;

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
}
