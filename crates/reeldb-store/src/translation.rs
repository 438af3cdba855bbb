//! Translations of any owner, and the rule that picks the text shown in a language.

use crate::db::Db;
use crate::write::Writer;
use crate::{Owner, OwnerKind, Result};
use reeldb_wire::common::{NameOverview, Translation, Translations};
use reeldb_wire::params::Language;
use serde_json::Value;
use std::collections::HashSet;

/// The language of a tag: `en` of `en-US`.
pub(crate) fn lang_of(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// `(iso_3166_1, name, overview)` of one translation.
pub(crate) type TranslationRow = (String, Option<String>, Option<String>);

/// The text an object carries in its primary language (see migration 0002).
#[derive(Debug, Clone, Default)]
pub struct PrimaryText {
    /// A language tag such as `en-US`; `None` when no details were imported.
    pub language: Option<String>,
    pub name: Option<String>,
    pub overview: Option<String>,
}

/// Resolves the name and overview shown in `lang`, from the object's primary text and its
/// translation rows `(iso_3166_1, name, overview)` of that language.
///
/// In the primary language the primary text comes first (a translation there may be blank, as
/// TMDB's en-US rows often are), unless the request names another region that has its own
/// translation. In any other language only translations count: missing text is `""`, never
/// another language's.
pub(crate) fn resolve_text(
    primary: &PrimaryText,
    rows: &[TranslationRow],
    lang: &Language,
) -> NameOverview {
    let exact = rows
        .iter()
        .find(|r| Some(r.0.as_str()) == lang.iso_3166_1.as_deref());
    let translation = exact.or(rows.first());
    let primary_lang: Option<Language> = primary.language.as_deref().and_then(|t| t.parse().ok());
    let same_language = primary_lang
        .as_ref()
        .is_some_and(|p| p.iso_639_1 == lang.iso_639_1);
    let other_region_translated = exact.is_some()
        && primary_lang
            .as_ref()
            .is_some_and(|p| p.iso_3166_1 != lang.iso_3166_1);
    let pick = |primary_field: &Option<String>, translated: Option<&Option<String>>| {
        let translated = translated.and_then(|t| t.clone()).filter(|t| !t.is_empty());
        let primary_field = primary_field.clone().filter(|t| !t.is_empty());
        let first = if !same_language {
            translated
        } else if other_region_translated {
            translated.or(primary_field)
        } else {
            primary_field.or(translated)
        };
        Some(first.unwrap_or_default())
    };
    NameOverview {
        name: pick(&primary.name, translation.map(|t| &t.1)),
        overview: pick(&primary.overview, translation.map(|t| &t.2)),
    }
}

impl Db {
    /// The primary-language text of a series, season or episode (one statement).
    fn primary_text(&mut self, owner: Owner) -> Result<PrimaryText> {
        let table = match owner.kind {
            OwnerKind::Series => "tv_series",
            OwnerKind::Season => "tv_season",
            OwnerKind::Episode => "tv_episode",
            OwnerKind::Movie => "movie",
            OwnerKind::Collection => "collection",
            _ => return Ok(PrimaryText::default()),
        };
        let sql = format!("SELECT primary_language, name, overview FROM {table} WHERE id = $1");
        let row: Option<(Option<String>, Option<String>, Option<String>)> =
            self.query_opt(&sql, &[&owner.id])?;
        Ok(row
            .map(|(language, name, overview)| PrimaryText {
                language,
                name,
                overview,
            })
            .unwrap_or_default())
    }

    /// The translation rows of one owner in `lang`'s language (one statement).
    pub(crate) fn translation_rows(
        &mut self,
        owner: Owner,
        lang: &Language,
    ) -> Result<Vec<TranslationRow>> {
        self.query(
            "SELECT iso_3166_1, name, overview FROM translation WHERE owner_type = $1 AND owner_id = $2 AND iso_639_1 = $3 ORDER BY iso_3166_1",
            &[&owner.kind.as_str(), &owner.id, &lang.iso_639_1],
        )
    }

    /// Name and overview of one owner in `lang` (empty strings when missing).
    pub fn translated(&mut self, owner: Owner, lang: &Language) -> Result<NameOverview> {
        let rows = self.translation_rows(owner, lang)?;
        let primary = self.primary_text(owner)?;
        Ok(resolve_text(&primary, &rows, lang))
    }

    /// `/translations` of an owner: every translation, by language then region (two statements).
    /// The primary language is listed too: from its translation row when there is one, else
    /// from the primary text (as TMDB lists the original language among translations).
    pub fn translations(&mut self, owner: Owner) -> Result<Translations<NameOverview>> {
        let mut rows: Vec<(String, String, Option<String>, Option<String>)> = self.query(
            "SELECT iso_639_1, iso_3166_1, name, overview FROM translation WHERE owner_type = $1 AND owner_id = $2
             ORDER BY iso_639_1, iso_3166_1",
            &[&owner.kind.as_str(), &owner.id],
        )?;
        let primary = self.primary_text(owner)?;
        if let Some(lang) = primary
            .language
            .as_deref()
            .and_then(|t| t.parse::<Language>().ok())
        {
            let region = lang.iso_3166_1.clone().unwrap_or_default();
            if !rows.iter().any(|r| r.0 == lang.iso_639_1 && r.1 == region) {
                rows.push((lang.iso_639_1, region, primary.name, primary.overview));
                rows.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
            }
        }
        let translations = rows
            .into_iter()
            .map(|(l, r, name, overview)| {
                let names = crate::languages::names(&l);
                Translation {
                    iso_3166_1: r,
                    name: names.map(|n| n.0.to_owned()),
                    english_name: names.map(|n| n.1.to_owned()),
                    iso_639_1: l,
                    data: NameOverview {
                        name: Some(name.unwrap_or_default()),
                        overview: Some(overview.unwrap_or_default()),
                    },
                }
            })
            .collect();
        Ok(Translations {
            id: owner.id,
            translations,
        })
    }
}

impl Writer<'_> {
    /// Sets the text `owner` carries in its primary language, when `language` (a tag such as
    /// `en-US`) is that language or the object has none yet. Returns `false`, changing nothing,
    /// when the object's primary language is another: the caller then stores a translation.
    pub fn set_primary_text(
        &mut self,
        owner: Owner,
        language: &str,
        name: Option<&str>,
        overview: Option<&str>,
    ) -> Result<bool> {
        let table = match owner.kind {
            OwnerKind::Series => "tv_series",
            OwnerKind::Season => "tv_season",
            OwnerKind::Episode => "tv_episode",
            OwnerKind::Movie => "movie",
            OwnerKind::Collection => "collection",
            _ => return Ok(false),
        };
        let sql = format!("SELECT primary_language, name, overview FROM {table} WHERE id = $1");
        let row: Option<(Option<String>, Option<String>, Option<String>)> =
            self.db.query_opt(&sql, &[&owner.id])?;
        let Some((current, old_name, old_overview)) = row else {
            return Ok(false);
        };
        if let Some(current) = &current
            && lang_of(current) != lang_of(language)
        {
            return Ok(false);
        }
        let tag = current.unwrap_or_else(|| language.to_owned());
        let sql = format!(
            "UPDATE {table} SET primary_language = $1, name = $2, overview = $3 WHERE id = $4"
        );
        self.db
            .execute(&sql, &[&tag, &name, &overview, &owner.id])?;
        let lang = lang_of(&tag);
        let region = tag.split(['-', '_']).nth(1).unwrap_or_default().to_owned();
        let text = |s: Option<&str>| {
            s.filter(|s| !s.is_empty())
                .map(|s| Value::String(s.to_owned()))
        };
        let old = |s: Option<String>| s.filter(|s| !s.is_empty()).map(Value::String);
        let at = Some((lang.as_str(), region.as_str()));
        self.diff(owner, "name", at, old(old_name), text(name))?;
        self.diff(owner, "overview", at, old(old_overview), text(overview))?;
        Ok(true)
    }

    /// Name and overview of `owner` given in `lang`: its primary text when `lang` is its primary
    /// language (or it has none yet), else its translation in `lang`.
    pub fn set_text_in(
        &mut self,
        owner: Owner,
        lang: &Language,
        name: Option<&str>,
        overview: Option<&str>,
    ) -> Result<()> {
        if !self.set_primary_text(owner, &lang.to_string(), name, overview)? {
            let region = lang.iso_3166_1.as_deref().unwrap_or("");
            self.set_translation(owner, &lang.iso_639_1, region, name, overview)?;
        }
        Ok(())
    }

    /// Name and overview of `owner` as a response in `language` (a tag such as `en-US`) states
    /// them ([`Writer::set_text_in`] with the tag parsed).
    pub fn set_stated_text(
        &mut self,
        owner: Owner,
        language: &str,
        name: Option<&str>,
        overview: Option<&str>,
    ) -> Result<()> {
        let lang: Language = language
            .parse()
            .map_err(|_| crate::StoreError::Invalid(format!("bad language tag {language:?}")))?;
        self.set_text_in(owner, &lang, name, overview)
    }

    /// Sets the translated fields of `owner` in one language and region (`""` for none).
    pub fn set_translation(
        &mut self,
        owner: Owner,
        iso_639_1: &str,
        iso_3166_1: &str,
        name: Option<&str>,
        overview: Option<&str>,
    ) -> Result<()> {
        self.set_translated_pair(
            owner,
            (iso_639_1, iso_3166_1),
            [("name", name), ("overview", overview)],
        )
    }

    /// Tagline and homepage of a series or movie in `lang` (`language` is its tag, as the
    /// response's): on the object's own row when `lang` is its primary language (or it has none
    /// yet), else in the translation row's columns. Changes are logged under their language.
    pub(crate) fn set_extra_text(
        &mut self,
        owner: Owner,
        lang: &Language,
        language: &str,
        tagline: Option<&str>,
        homepage: Option<&str>,
    ) -> Result<()> {
        let table = match owner.kind {
            OwnerKind::Series => "tv_series",
            OwnerKind::Movie => "movie",
            _ => {
                return Err(crate::StoreError::Invalid(format!(
                    "{} has no tagline or homepage",
                    owner.kind.as_str()
                )));
            }
        };
        type Row = (Option<String>, Option<String>, Option<String>);
        let (primary, o_tagline, o_homepage): Row = self.db.query_one(
            &format!("SELECT primary_language, tagline, homepage FROM {table} WHERE id = $1"),
            &[&owner.id],
        )?;
        let primary = primary.unwrap_or_else(|| language.to_owned());
        if lang_of(&primary) != lang.iso_639_1 {
            return self.set_translation_extra(
                owner,
                &lang.iso_639_1,
                lang.iso_3166_1.as_deref().unwrap_or(""),
                tagline,
                homepage,
            );
        }
        self.db.execute(
            &format!("UPDATE {table} SET tagline = $1, homepage = $2 WHERE id = $3"),
            &[&tagline, &homepage, &owner.id],
        )?;
        let region = primary.split(['-', '_']).nth(1).unwrap_or_default();
        let at = Some((lang.iso_639_1.as_str(), region));
        let text = |s: Option<String>| s.filter(|s| !s.is_empty()).map(Value::String);
        self.diff(
            owner,
            "tagline",
            at,
            text(o_tagline),
            text(tagline.map(str::to_owned)),
        )?;
        self.diff(
            owner,
            "homepage",
            at,
            text(o_homepage),
            text(homepage.map(str::to_owned)),
        )
    }

    /// Sets two text columns of one translation row (`(column, value)`; each column is also
    /// the TMDB change key), logging each change under its language. The column names are
    /// this crate's constants, never input.
    pub(crate) fn set_translated_pair(
        &mut self,
        owner: Owner,
        (iso_639_1, iso_3166_1): (&str, &str),
        fields: [(&'static str, Option<&str>); 2],
    ) -> Result<()> {
        let [(c1, v1), (c2, v2)] = fields;
        let old: Option<(Option<String>, Option<String>)> = self.db.query_opt(
            &format!(
                "SELECT {c1}, {c2} FROM translation WHERE owner_type = $1 AND owner_id = $2 AND iso_639_1 = $3 AND iso_3166_1 = $4"
            ),
            &[&owner.kind.as_str(), &owner.id, &iso_639_1, &iso_3166_1],
        )?;
        self.db.execute(
            &format!(
                "INSERT INTO translation (owner_type, owner_id, iso_639_1, iso_3166_1, {c1}, {c2}) VALUES ($1, $2, $3, $4, $5, $6)
                 ON CONFLICT (owner_type, owner_id, iso_639_1, iso_3166_1) DO UPDATE SET {c1} = excluded.{c1}, {c2} = excluded.{c2}"
            ),
            &[&owner.kind.as_str(), &owner.id, &iso_639_1, &iso_3166_1, &v1, &v2],
        )?;
        let (o1, o2) = old.unwrap_or_default();
        let blank = |s: Option<String>| s.filter(|s| !s.is_empty()).map(Value::String);
        let lang = Some((iso_639_1, iso_3166_1));
        self.diff(owner, c1, lang, blank(o1), blank(v1.map(str::to_owned)))?;
        self.diff(owner, c2, lang, blank(o2), blank(v2.map(str::to_owned)))
    }

    /// Replaces the whole translation list of `owner`: `(iso_639_1, iso_3166_1, name, overview)`.
    pub fn replace_translations(
        &mut self,
        owner: Owner,
        list: &[(String, String, Option<String>, Option<String>)],
    ) -> Result<()> {
        let existing: Vec<(String, String)> = self.db.query(
            "SELECT iso_639_1, iso_3166_1 FROM translation WHERE owner_type = $1 AND owner_id = $2",
            &[&owner.kind.as_str(), &owner.id],
        )?;
        let keep: HashSet<(&str, &str)> =
            list.iter().map(|t| (t.0.as_str(), t.1.as_str())).collect();
        for (l, r) in existing
            .iter()
            .filter(|(l, r)| !keep.contains(&(l.as_str(), r.as_str())))
        {
            // Clearing first records the removal of each translated field.
            self.set_translation(owner, l, r, None, None)?;
            self.db.execute(
                "DELETE FROM translation WHERE owner_type = $1 AND owner_id = $2 AND iso_639_1 = $3 AND iso_3166_1 = $4",
                &[&owner.kind.as_str(), &owner.id, &l, &r],
            )?;
        }
        for (l, r, name, overview) in list {
            self.set_translation(owner, l, r, name.as_deref(), overview.as_deref())?;
        }
        Ok(())
    }
}
