//! A series' `/translations`: name and overview as every owner's, plus the homepage and tagline
//! series translations carry, in the order the source listed them within each language.

use crate::db::Db;
use crate::write::Writer;
use crate::{Owner, Result};
use reeldb_wire::common::{Translation, Translations};
use reeldb_wire::tv_series::SeriesTranslationData;

type Row = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

impl Db {
    /// `GET /3/tv/{series_id}/translations` (two statements). The primary language is listed
    /// too, from the series' primary text, when no translation row covers it.
    pub fn series_translations(&mut self, id: i64) -> Result<Translations<SeriesTranslationData>> {
        let mut rows: Vec<Row> = self.query(
            "SELECT iso_639_1, iso_3166_1, name, overview, homepage, tagline FROM translation
             WHERE owner_type = 'tv' AND owner_id = $1 ORDER BY iso_639_1, COALESCE(position, 0), iso_3166_1",
            &[&id],
        )?;
        type Primary = (
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
        );
        let primary: Option<Primary> = self.query_opt(
            "SELECT primary_language, name, overview, homepage, tagline FROM tv_series WHERE id = $1",
            &[&id],
        )?;
        if let Some((Some(tag), name, overview, homepage, tagline)) = primary
            && let Ok(lang) = tag.parse::<reeldb_wire::params::Language>()
        {
            let region = lang.iso_3166_1.clone().unwrap_or_default();
            if !rows.iter().any(|r| r.0 == lang.iso_639_1 && r.1 == region) {
                rows.push((lang.iso_639_1, region, name, overview, homepage, tagline));
                // Stable: within a language the listed order stays.
                rows.sort_by(|a, b| a.0.cmp(&b.0));
            }
        }
        let translations = rows
            .into_iter()
            .map(|(l, r, name, overview, homepage, tagline)| {
                let names = crate::languages::names(&l);
                Translation {
                    iso_3166_1: r,
                    name: names.map(|n| n.0.to_owned()),
                    english_name: names.map(|n| n.1.to_owned()),
                    iso_639_1: l,
                    data: SeriesTranslationData {
                        name: Some(name.unwrap_or_default()),
                        overview: Some(overview.unwrap_or_default()),
                        homepage: Some(homepage.unwrap_or_default()),
                        tagline: Some(tagline.unwrap_or_default()),
                    },
                }
            })
            .collect();
        Ok(Translations { id, translations })
    }
}

impl Writer<'_> {
    /// Replaces a series' whole translation list: `(iso_639_1, iso_3166_1, data)` in the
    /// source's order. Name and overview go through [`Writer::replace_translations`]; homepage,
    /// tagline and the position are set here, each change logged under its language.
    pub fn replace_series_translations(
        &mut self,
        id: i64,
        list: &[(String, String, SeriesTranslationData)],
    ) -> Result<()> {
        let owner = Owner::series(id);
        let basic: Vec<_> = list
            .iter()
            .map(|(l, r, d)| (l.clone(), r.clone(), d.name.clone(), d.overview.clone()))
            .collect();
        self.replace_translations(owner, &basic)?;
        for (pos, (l, r, d)) in list.iter().enumerate() {
            self.set_translation_extra(owner, l, r, d.tagline.as_deref(), d.homepage.as_deref())?;
            self.db.execute(
                "UPDATE translation SET position = $1 WHERE owner_type = 'tv' AND owner_id = $2 AND iso_639_1 = $3 AND iso_3166_1 = $4",
                &[&(pos as i64), &id, l, r],
            )?;
        }
        Ok(())
    }

    /// Sets the translated tagline and homepage of `owner` in one language and region.
    pub(crate) fn set_translation_extra(
        &mut self,
        owner: Owner,
        iso_639_1: &str,
        iso_3166_1: &str,
        tagline: Option<&str>,
        homepage: Option<&str>,
    ) -> Result<()> {
        self.set_translated_pair(
            owner,
            (iso_639_1, iso_3166_1),
            [("tagline", tagline), ("homepage", homepage)],
        )
    }
}
