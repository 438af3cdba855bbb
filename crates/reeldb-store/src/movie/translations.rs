//! A movie's `/translations`: title (stored as `name`) and overview as every owner's, plus the
//! homepage, tagline and runtime movie translations carry, in the order the source listed them
//! within each language.

use crate::db::Db;
use crate::write::Writer;
use crate::{Owner, Result};
use reeldb_wire::common::{Translation, Translations};
use reeldb_wire::movie::MovieTranslationData;
use serde_json::json;

type Row = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
);

type Primary = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
);

impl Db {
    /// `GET /3/movie/{movie_id}/translations` (two statements). The primary language is listed
    /// too, from the movie's primary text and runtime, when no translation row covers it.
    pub fn movie_translations(&mut self, id: i64) -> Result<Translations<MovieTranslationData>> {
        let mut rows: Vec<Row> = self.query(
            "SELECT iso_639_1, iso_3166_1, name, overview, homepage, tagline, runtime FROM translation
             WHERE owner_type = 'movie' AND owner_id = $1 ORDER BY iso_639_1, COALESCE(position, 0), iso_3166_1",
            &[&id],
        )?;
        let primary: Option<Primary> = self.query_opt(
            "SELECT primary_language, name, overview, homepage, tagline, runtime FROM movie WHERE id = $1",
            &[&id],
        )?;
        if let Some((Some(tag), title, overview, homepage, tagline, runtime)) = primary
            && let Ok(lang) = tag.parse::<reeldb_wire::params::Language>()
        {
            let region = lang.iso_3166_1.clone().unwrap_or_default();
            if !rows.iter().any(|r| r.0 == lang.iso_639_1 && r.1 == region) {
                rows.push((
                    lang.iso_639_1,
                    region,
                    title,
                    overview,
                    homepage,
                    tagline,
                    runtime,
                ));
                // Stable: within a language the listed order stays.
                rows.sort_by(|a, b| a.0.cmp(&b.0));
            }
        }
        let translations = rows
            .into_iter()
            .map(|(l, r, title, overview, homepage, tagline, runtime)| {
                let names = crate::languages::names(&l);
                Translation {
                    iso_3166_1: r,
                    name: names.map(|n| n.0.to_owned()),
                    english_name: names.map(|n| n.1.to_owned()),
                    iso_639_1: l,
                    data: MovieTranslationData {
                        homepage: Some(homepage.unwrap_or_default()),
                        overview: Some(overview.unwrap_or_default()),
                        runtime: Some(runtime.unwrap_or_default()),
                        tagline: Some(tagline.unwrap_or_default()),
                        title: Some(title.unwrap_or_default()),
                    },
                }
            })
            .collect();
        Ok(Translations { id, translations })
    }
}

impl Writer<'_> {
    /// Replaces a movie's whole translation list: `(iso_639_1, iso_3166_1, data)` in the
    /// source's order. Title and overview go through [`Writer::replace_translations`]; homepage,
    /// tagline, runtime and the position are set here, each change logged under its language.
    pub fn replace_movie_translations(
        &mut self,
        id: i64,
        list: &[(String, String, MovieTranslationData)],
    ) -> Result<()> {
        let owner = Owner::movie(id);
        let basic: Vec<_> = list
            .iter()
            .map(|(l, r, d)| (l.clone(), r.clone(), d.title.clone(), d.overview.clone()))
            .collect();
        self.replace_translations(owner, &basic)?;
        for (pos, (l, r, d)) in list.iter().enumerate() {
            self.set_translation_extra(owner, l, r, d.tagline.as_deref(), d.homepage.as_deref())?;
            let old: Option<Option<i64>> = self.db.scalar_opt(
                "SELECT runtime FROM translation WHERE owner_type = 'movie' AND owner_id = $1 AND iso_639_1 = $2 AND iso_3166_1 = $3",
                &[&id, l, r],
            )?;
            self.db.execute(
                "UPDATE translation SET position = $1, runtime = $2
                 WHERE owner_type = 'movie' AND owner_id = $3 AND iso_639_1 = $4 AND iso_3166_1 = $5",
                &[&(pos as i64), &d.runtime, &id, l, r],
            )?;
            let old = old.flatten();
            if old != d.runtime {
                let at = Some((l.as_str(), r.as_str()));
                self.diff(
                    owner,
                    "runtime",
                    at,
                    old.map(|v| json!(v)),
                    d.runtime.map(|v| json!(v)),
                )?;
            }
        }
        Ok(())
    }
}
