//! Translations of any owner, and the rule that picks the text shown in a language.

use crate::db::Db;
use crate::{Owner, OwnerKind, Result};
use reeldb_wire::common::{NameOverview, Translation, Translations};
use reeldb_wire::params::Language;

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
    /// The primary-language text of a season or episode (one statement).
    fn primary_text(&mut self, owner: Owner) -> Result<PrimaryText> {
        let table = match owner.kind {
            OwnerKind::Season => "tv_season",
            OwnerKind::Episode => "tv_episode",
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
