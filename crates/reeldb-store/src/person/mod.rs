//! People: the fields credits carry (the latest import wins), person details with the biography
//! in the person's primary language beside its translations, and the person-side views of the
//! shared children (translations, images, external ids). [`credits`] holds a person's credits
//! ([`credit_details`]: `/3/credit/{id}`), read from the same credit rows that serve titles; [`lists`] popular
//! people, the latest person and tagged images.

pub mod credit_details;
pub mod credits;
pub mod lists;

use crate::db::Db;
use crate::translation::{PrimaryText, TranslationRow, resolve_text};
use crate::write::{PersonTracked, Writer, bool_int};
use crate::{Owner, Result};
use reeldb_wire::common::{CreditPerson, Translation, Translations};
use reeldb_wire::params::Language;
use reeldb_wire::person::{PersonDetails, PersonTranslationData};
use serde_json::Value;
use std::collections::HashSet;

/// External id fields of a person, in TMDB's order.
pub const PERSON_EXTERNAL_IDS: &[&str] = &[
    "freebase_mid",
    "freebase_id",
    "imdb_id",
    "tvrage_id",
    "wikidata_id",
    "facebook_id",
    "instagram_id",
    "tiktok_id",
    "twitter_id",
    "youtube_id",
];

struct PersonRow {
    id: i64,
    name: Option<String>,
    gender: Option<i64>,
    adult: Option<i64>,
    known_for_department: Option<String>,
    popularity: Option<f64>,
    profile_path: Option<String>,
    biography: Option<String>,
    primary_language: Option<String>,
    birthday: Option<String>,
    deathday: Option<String>,
    homepage: Option<String>,
    place_of_birth: Option<String>,
    imdb_id: Option<String>,
}
crate::from_row!(PersonRow {
    id,
    name,
    gender,
    adult,
    known_for_department,
    popularity,
    profile_path,
    biography,
    primary_language,
    birthday,
    deathday,
    homepage,
    place_of_birth,
    imdb_id,
});

/// The select list of [`PersonRow`] over `person p`; `imdb_id` is the person's external id
/// (one fact for details and `/external_ids`).
const PERSON_SELECT: &str = "SELECT p.id, p.name, p.gender, p.adult, p.known_for_department, p.popularity,
    p.profile_path, p.biography, p.primary_language, p.birthday, p.deathday, p.homepage, p.place_of_birth,
    (SELECT x.value FROM external_id x WHERE x.owner_type = 'person' AND x.owner_id = p.id AND x.source = 'imdb_id') AS imdb_id
    FROM person p";

impl Db {
    /// Whether the catalog knows person `id` (one statement).
    pub fn person_exists(&mut self, id: i64) -> Result<bool> {
        let n: i64 = self.scalar("SELECT COUNT(*) FROM person WHERE id = $1", &[&id])?;
        Ok(n > 0)
    }

    /// `GET /3/person/{id}`: `None` for an unknown person; three statements (row,
    /// `also_known_as`, biography translations in `lang`). The biography in `lang` follows the
    /// rule names and overviews follow ([`resolve_text`]): `""` when missing; the name is the
    /// person's own, untranslated, as TMDB shows it.
    pub fn person_details(&mut self, id: i64, lang: &Language) -> Result<Option<PersonDetails>> {
        let sql = format!("{PERSON_SELECT} WHERE p.id = $1");
        let Some(row): Option<PersonRow> = self.query_opt(&sql, &[&id])? else {
            return Ok(None);
        };
        let owner = Owner::person(id);
        let also_known_as = self.code_list(owner, "also_known_as")?;
        let rows: Vec<TranslationRow> = self.query(
            "SELECT iso_3166_1, name, biography FROM translation WHERE owner_type = 'person' AND owner_id = $1 AND iso_639_1 = $2
             ORDER BY iso_3166_1",
            &[&id, &lang.iso_639_1],
        )?;
        let primary = PrimaryText {
            language: row.primary_language,
            name: None,
            overview: row.biography,
        };
        let biography = resolve_text(&primary, &rows, lang).overview;
        Ok(Some(PersonDetails {
            adult: row.adult.map(|a| a != 0),
            also_known_as,
            biography,
            birthday: row.birthday,
            deathday: row.deathday,
            gender: row.gender,
            homepage: row.homepage,
            id: row.id,
            imdb_id: row.imdb_id,
            known_for_department: row.known_for_department,
            name: row.name,
            place_of_birth: row.place_of_birth,
            popularity: row.popularity,
            profile_path: row.profile_path,
        }))
    }

    /// `/person/{id}/translations`: every translation in the order the source listed them
    /// (rows without a place by language then region), the primary language listed first from
    /// the person's own text when it has no row (two statements).
    pub fn person_translations(&mut self, id: i64) -> Result<Translations<PersonTranslationData>> {
        let mut rows: Vec<(String, String, Option<String>, Option<String>)> = self.query(
            "SELECT iso_639_1, iso_3166_1, name, biography FROM translation WHERE owner_type = 'person' AND owner_id = $1
             ORDER BY COALESCE(position, 0), iso_639_1, iso_3166_1",
            &[&id],
        )?;
        let primary: Option<(Option<String>, Option<String>, Option<String>)> = self.query_opt(
            "SELECT primary_language, name, biography FROM person WHERE id = $1",
            &[&id],
        )?;
        if let Some((Some(tag), name, biography)) = primary
            && let Ok(lang) = tag.parse::<Language>()
        {
            let region = lang.iso_3166_1.clone().unwrap_or_default();
            // The primary language leads when it has no translation row of its own.
            if !rows.iter().any(|r| r.0 == lang.iso_639_1 && r.1 == region) {
                rows.insert(0, (lang.iso_639_1, region, name, biography));
            }
        }
        let translations = rows
            .into_iter()
            .map(|(l, r, name, biography)| {
                let names = crate::languages::names(&l);
                Translation {
                    iso_3166_1: r,
                    name: names.map(|n| n.0.to_owned()),
                    english_name: names.map(|n| n.1.to_owned()),
                    iso_639_1: l,
                    data: PersonTranslationData {
                        biography: Some(biography.unwrap_or_default()),
                        name: Some(name.unwrap_or_default()),
                    },
                }
            })
            .collect();
        Ok(Translations { id, translations })
    }
}

/// Detail fields whose changes are logged, as stored.
type DetailRow = (
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<f64>,
);

impl Writer<'_> {
    /// Inserts or updates a person from the fields a credit carries.
    pub fn upsert_person(&mut self, p: &CreditPerson) -> Result<()> {
        if self.people_seen.get(&p.id) == Some(p) {
            return Ok(());
        }
        let old: Option<PersonTracked> = self.db.query_opt(
            "SELECT name, profile_path, gender, known_for_department FROM person WHERE id = $1",
            &[&p.id],
        )?;
        self.db.execute(
            "INSERT INTO person (id, name, original_name, gender, adult, known_for_department, popularity, profile_path)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, original_name = excluded.original_name,
               gender = excluded.gender, adult = excluded.adult, known_for_department = excluded.known_for_department,
               popularity = excluded.popularity, profile_path = excluded.profile_path",
            &[
                &p.id,
                &p.name,
                &p.original_name,
                &p.gender,
                &bool_int(p.adult),
                &p.known_for_department,
                &p.popularity,
                &p.profile_path,
            ],
        )?;
        self.person_changed(p.id);
        let owner = Owner::person(p.id);
        let (o_name, o_profile, o_gender, o_dept) = old.unwrap_or_default();
        self.diff_field(owner, "name", &o_name, &p.name)?;
        self.diff_field(owner, "profile_path", &o_profile, &p.profile_path)?;
        self.diff_field(owner, "gender", &o_gender, &p.gender)?;
        self.diff_field(
            owner,
            "known_for_department",
            &o_dept,
            &p.known_for_department,
        )?;
        self.people_seen.insert(p.id, p.clone());
        Ok(())
    }

    /// Makes sure a person row exists (a person-side response names the person by id).
    pub fn ensure_person(&mut self, id: i64) -> Result<()> {
        self.db.execute(
            "INSERT INTO person (id) VALUES ($1) ON CONFLICT (id) DO NOTHING",
            &[&id],
        )?;
        Ok(())
    }

    /// Applies person details fetched in `language` (a tag such as `en-US`): the scalar
    /// fields, `also_known_as`, the IMDb id (an external id), and the biography — the primary
    /// text when `language` is the person's primary language (or it has none yet), else a
    /// translation. Changes are logged under TMDB's keys.
    pub fn set_person_details(&mut self, d: &PersonDetails, language: &str) -> Result<()> {
        self.ensure_person(d.id)?;
        let owner = Owner::person(d.id);
        let old_tracked: PersonTracked = self.db.query_one(
            "SELECT name, profile_path, gender, known_for_department FROM person WHERE id = $1",
            &[&d.id],
        )?;
        let old: DetailRow = self.db.query_one(
            "SELECT adult, birthday, deathday, homepage, place_of_birth, popularity FROM person WHERE id = $1",
            &[&d.id],
        )?;
        self.db.execute(
            "UPDATE person SET adult = $2, birthday = $3, deathday = $4, gender = $5, homepage = $6,
               known_for_department = $7, name = $8, place_of_birth = $9, popularity = $10, profile_path = $11
             WHERE id = $1",
            &[
                &d.id,
                &bool_int(d.adult),
                &d.birthday,
                &d.deathday,
                &d.gender,
                &d.homepage,
                &d.known_for_department,
                &d.name,
                &d.place_of_birth,
                &d.popularity,
                &d.profile_path,
            ],
        )?;
        self.people_seen.remove(&d.id);
        self.person_changed(d.id);
        let (o_name, o_profile, o_gender, o_dept) = old_tracked;
        let (o_adult, o_birthday, o_deathday, o_homepage, o_place, _) = old;
        self.diff_field(owner, "adult", &o_adult.map(|a| a != 0), &d.adult)?;
        self.diff_field(owner, "birthday", &o_birthday, &d.birthday)?;
        self.diff_field(owner, "deathday", &o_deathday, &d.deathday)?;
        self.diff_field(owner, "gender", &o_gender, &d.gender)?;
        self.diff_field(owner, "homepage", &o_homepage, &d.homepage)?;
        self.diff_field(
            owner,
            "known_for_department",
            &o_dept,
            &d.known_for_department,
        )?;
        self.diff_field(owner, "name", &o_name, &d.name)?;
        self.diff_field(owner, "place_of_birth", &o_place, &d.place_of_birth)?;
        self.diff_field(owner, "profile_path", &o_profile, &d.profile_path)?;
        self.set_code_list(owner, "also_known_as", &d.also_known_as)?;
        self.set_external_ids(owner, &[("imdb_id".to_owned(), d.imdb_id.clone())])?;
        self.set_person_biography(d.id, language, d.biography.as_deref())
    }

    /// Sets a person's biography in `language`: the primary biography when that is the
    /// person's primary language (or it has none yet), else the translation's.
    pub fn set_person_biography(
        &mut self,
        id: i64,
        language: &str,
        biography: Option<&str>,
    ) -> Result<()> {
        let owner = Owner::person(id);
        let (current, old): (Option<String>, Option<String>) = self.db.query_one(
            "SELECT primary_language, biography FROM person WHERE id = $1",
            &[&id],
        )?;
        let lang: Language = language
            .parse()
            .map_err(|_| crate::StoreError::Invalid(format!("bad language tag {language:?}")))?;
        let region = lang.iso_3166_1.clone().unwrap_or_default();
        let primary: Option<Language> = current.as_deref().and_then(|t| t.parse().ok());
        if primary
            .as_ref()
            .is_some_and(|p| p.iso_639_1 != lang.iso_639_1)
        {
            let old: Option<Option<String>> = self.db.scalar_opt(
                "SELECT biography FROM translation WHERE owner_type = 'person' AND owner_id = $1 AND iso_639_1 = $2 AND iso_3166_1 = $3",
                &[&id, &lang.iso_639_1, &region],
            )?;
            self.db.execute(
                "INSERT INTO translation (owner_type, owner_id, iso_639_1, iso_3166_1, biography) VALUES ('person', $1, $2, $3, $4)
                 ON CONFLICT (owner_type, owner_id, iso_639_1, iso_3166_1) DO UPDATE SET biography = excluded.biography",
                &[&id, &lang.iso_639_1, &region, &biography],
            )?;
            let at = Some((lang.iso_639_1.as_str(), region.as_str()));
            return self.diff(
                owner,
                "biography",
                at,
                text(old.flatten()),
                text_ref(biography),
            );
        }
        let tag = current.unwrap_or_else(|| lang.to_string());
        self.db.execute(
            "UPDATE person SET primary_language = $2, biography = $3 WHERE id = $1",
            &[&id, &tag, &biography],
        )?;
        let at_lang: Language = tag.parse().unwrap_or(lang);
        let region = at_lang.iso_3166_1.clone().unwrap_or_default();
        let at = Some((at_lang.iso_639_1.as_str(), region.as_str()));
        self.diff(owner, "biography", at, text(old), text_ref(biography))
    }

    /// Replaces a person's translations: `(iso_639_1, iso_3166_1, name, biography)`.
    pub fn replace_person_translations(
        &mut self,
        id: i64,
        list: &[(String, String, Option<String>, Option<String>)],
    ) -> Result<()> {
        self.ensure_person(id)?;
        let owner = Owner::person(id);
        type Row = (String, String, Option<String>, Option<String>);
        let existing: Vec<Row> = self.db.query(
            "SELECT iso_639_1, iso_3166_1, name, biography FROM translation WHERE owner_type = 'person' AND owner_id = $1",
            &[&id],
        )?;
        let keep: HashSet<(&str, &str)> =
            list.iter().map(|t| (t.0.as_str(), t.1.as_str())).collect();
        for (l, r, name, biography) in &existing {
            if keep.contains(&(l.as_str(), r.as_str())) {
                continue;
            }
            self.db.execute(
                "DELETE FROM translation WHERE owner_type = 'person' AND owner_id = $1 AND iso_639_1 = $2 AND iso_3166_1 = $3",
                &[&id, &l, &r],
            )?;
            let at = Some((l.as_str(), r.as_str()));
            self.diff(owner, "name", at, text(name.clone()), None)?;
            self.diff(owner, "biography", at, text(biography.clone()), None)?;
        }
        for (pos, (l, r, name, biography)) in list.iter().enumerate() {
            let old = existing.iter().find(|e| e.0 == *l && e.1 == *r);
            self.db.execute(
                "INSERT INTO translation (owner_type, owner_id, iso_639_1, iso_3166_1, name, biography, position)
                 VALUES ('person', $1, $2, $3, $4, $5, $6)
                 ON CONFLICT (owner_type, owner_id, iso_639_1, iso_3166_1) DO UPDATE SET name = excluded.name,
                   biography = excluded.biography, position = excluded.position",
                &[&id, &l, &r, name, biography, &(pos as i64)],
            )?;
            let at = Some((l.as_str(), r.as_str()));
            let (o_name, o_bio) = old.map(|o| (o.2.clone(), o.3.clone())).unwrap_or_default();
            self.diff(owner, "name", at, text(o_name), text(name.clone()))?;
            self.diff(owner, "biography", at, text(o_bio), text(biography.clone()))?;
        }
        Ok(())
    }
}

/// Text as a change value; blank text is no value.
fn text(s: Option<String>) -> Option<Value> {
    s.filter(|s| !s.is_empty()).map(Value::String)
}

fn text_ref(s: Option<&str>) -> Option<Value> {
    text(s.map(str::to_owned))
}
