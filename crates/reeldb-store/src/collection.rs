//! Collections (`/3/collection/{id}`, `/images`, `/translations`).
//!
//! Stored facts: the `collection` row (migrations 14 and 16: images, original name and
//! language, the text in the primary language), translations (owner type `collection`: title
//! in `name`, overview, homepage, listed order in `position`) and images (`image`, kinds
//! `backdrop` and `poster`). A collection's parts are never stored as a list: they are the
//! movies whose `collection_id` names it (a movie's `belongs_to_collection`, or a part of an
//! imported collection), in the order of the last collection details imported
//! (`movie.collection_position`), then by release date and id.

use crate::db::Db;
use crate::translation::{PrimaryText, resolve_text};
use crate::write::Writer;
use crate::{Owner, OwnerKind, Result, StoreError};
use reeldb_wire::collection::{CollectionDetails, CollectionPart, CollectionTranslationData};
use reeldb_wire::common::{Translation, Translations};
use reeldb_wire::movie::CollectionRef;
use reeldb_wire::params::Language;

fn owner(id: i64) -> Owner {
    Owner::new(OwnerKind::Collection, id)
}

struct CollectionRow {
    id: i64,
    name: Option<String>,
    original_language: Option<String>,
    original_name: Option<String>,
    overview: Option<String>,
    poster_path: Option<String>,
    backdrop_path: Option<String>,
    primary_language: Option<String>,
}
crate::from_row!(CollectionRow {
    id,
    name,
    original_language,
    original_name,
    overview,
    poster_path,
    backdrop_path,
    primary_language,
});

/// The parts of a collection, in their order: the position the last collection details gave
/// them, then (movies linked only by their own details) release date and id.
const PARTS: &str = "SELECT id FROM movie WHERE collection_id = $1
     ORDER BY CASE WHEN collection_position IS NULL THEN 1 ELSE 0 END, collection_position,
       CASE WHEN release_date IS NULL OR release_date = '' THEN 1 ELSE 0 END, release_date, id";

/// `(iso_639_1, iso_3166_1, title, overview, homepage)` of one translation.
type TranslationRow = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

impl Db {
    /// Whether the catalog knows the collection `id` (one statement).
    pub fn collection_exists(&mut self, id: i64) -> Result<bool> {
        let n: i64 = self.scalar("SELECT COUNT(*) FROM collection WHERE id = $1", &[&id])?;
        Ok(n > 0)
    }

    /// `GET /3/collection/{collection_id}` in `lang`; `None` when the catalog does not know the
    /// collection. Six statements: row, text, parts, the parts' list fields (three).
    pub fn collection_details(
        &mut self,
        id: i64,
        lang: &Language,
    ) -> Result<Option<CollectionDetails>> {
        let Some(row): Option<CollectionRow> = self.query_opt(
            "SELECT id, name, original_language, original_name, overview, poster_path, backdrop_path, primary_language
             FROM collection WHERE id = $1",
            &[&id],
        )?
        else {
            return Ok(None);
        };
        let rows = self.translation_rows(owner(id), lang)?;
        let primary = PrimaryText {
            language: row.primary_language,
            name: row.name,
            overview: row.overview,
        };
        let text = resolve_text(&primary, &rows, lang);
        let ids: Vec<(i64,)> = self.query(PARTS, &[&id])?;
        let ids: Vec<i64> = ids.into_iter().map(|(m,)| m).collect();
        let parts = self
            .movie_summaries_in_order(&ids, lang)?
            .into_iter()
            .map(CollectionPart::from_summary)
            .collect();
        Ok(Some(CollectionDetails {
            id: row.id,
            name: text.name,
            original_language: row.original_language,
            original_name: row.original_name,
            overview: text.overview,
            poster_path: row.poster_path,
            backdrop_path: row.backdrop_path,
            parts,
        }))
    }

    /// `GET /3/collection/{collection_id}/translations` of a known collection (two statements):
    /// every translation by language, in the listed order within a language. The primary
    /// language is listed too, from the primary text, when no translation row covers it.
    pub fn collection_translations(
        &mut self,
        id: i64,
    ) -> Result<Translations<CollectionTranslationData>> {
        let mut rows: Vec<TranslationRow> = self.query(
            "SELECT iso_639_1, iso_3166_1, name, overview, homepage FROM translation
             WHERE owner_type = 'collection' AND owner_id = $1
             ORDER BY iso_639_1, COALESCE(position, 0), iso_3166_1",
            &[&id],
        )?;
        let primary: Option<(Option<String>, Option<String>, Option<String>)> = self.query_opt(
            "SELECT primary_language, name, overview FROM collection WHERE id = $1",
            &[&id],
        )?;
        if let Some((Some(tag), title, overview)) = primary
            && let Ok(lang) = tag.parse::<Language>()
        {
            let region = lang.iso_3166_1.clone().unwrap_or_default();
            if !rows.iter().any(|r| r.0 == lang.iso_639_1 && r.1 == region) {
                rows.push((lang.iso_639_1, region, title, overview, None));
                // Stable: within a language the listed order stays.
                rows.sort_by(|a, b| a.0.cmp(&b.0));
            }
        }
        let translations = rows
            .into_iter()
            .map(|(l, r, title, overview, homepage)| {
                let names = crate::languages::names(&l);
                Translation {
                    iso_3166_1: r,
                    name: names.map(|n| n.0.to_owned()),
                    english_name: names.map(|n| n.1.to_owned()),
                    iso_639_1: l,
                    data: CollectionTranslationData {
                        title: Some(title.unwrap_or_default()),
                        overview: Some(overview.unwrap_or_default()),
                        homepage: Some(homepage.unwrap_or_default()),
                    },
                }
            })
            .collect();
        Ok(Translations { id, translations })
    }
}

/// `(poster_path, backdrop_path, original_language, original_name)` of a collection.
type Scalars = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

impl Writer<'_> {
    /// Makes sure a collection row exists (a sub-resource names its collection by id); a new
    /// one logs its `id` as created.
    pub fn ensure_collection(&mut self, id: i64) -> Result<()> {
        self.ensure_object("collection", owner(id))
    }

    /// Sets a collection's poster and backdrop as a source states them, logging each change.
    fn set_collection_images(
        &mut self,
        id: i64,
        poster_path: &Option<String>,
        backdrop_path: &Option<String>,
    ) -> Result<()> {
        let (poster, backdrop): (Option<String>, Option<String>) = self.db.query_one(
            "SELECT poster_path, backdrop_path FROM collection WHERE id = $1",
            &[&id],
        )?;
        self.db.execute(
            "UPDATE collection SET poster_path = $2, backdrop_path = $3 WHERE id = $1",
            &[&id, poster_path, backdrop_path],
        )?;
        self.diff_field(owner(id), "poster_path", &poster, poster_path)?;
        self.diff_field(owner(id), "backdrop_path", &backdrop, backdrop_path)
    }

    /// A movie details response's `belongs_to_collection`, given in `language` (a tag): the
    /// collection (created when new), its images, and its name: the primary text when
    /// `language` is the collection's primary language (or it has none yet), else that
    /// language's translation (whose overview stays).
    pub(crate) fn note_collection(&mut self, c: &CollectionRef, language: &str) -> Result<()> {
        self.ensure_collection(c.id)?;
        self.set_collection_images(c.id, &c.poster_path, &c.backdrop_path)?;
        let o = owner(c.id);
        let overview: Option<Option<String>> = self
            .db
            .scalar_opt("SELECT overview FROM collection WHERE id = $1", &[&c.id])?;
        if self.set_primary_text(
            o,
            language,
            c.name.as_deref(),
            overview.flatten().as_deref(),
        )? {
            return Ok(());
        }
        let lang: Language = language
            .parse()
            .map_err(|_| StoreError::Invalid(format!("bad language tag {language:?}")))?;
        let region = lang.iso_3166_1.as_deref().unwrap_or("");
        let overview: Option<Option<String>> = self.db.scalar_opt(
            "SELECT overview FROM translation WHERE owner_type = 'collection' AND owner_id = $1
               AND iso_639_1 = $2 AND iso_3166_1 = $3",
            &[&c.id, &lang.iso_639_1, &region],
        )?;
        self.set_translation(
            o,
            &lang.iso_639_1,
            region,
            c.name.as_deref(),
            overview.flatten().as_deref(),
        )
    }

    /// Applies a collection details response given in `language` (a tag such as `en-US`): its
    /// own fields (each change logged on the collection), and its parts: each part's list
    /// fields as the response states them ([`Writer::set_movie_summary`]), each movie linked
    /// to the collection at its place. The parts are the whole list: a movie the collection
    /// held and the response no longer names leaves it (logged on the movie as
    /// `belongs_to_collection`).
    pub fn set_collection_details(&mut self, d: &CollectionDetails, language: &str) -> Result<()> {
        self.ensure_collection(d.id)?;
        let o = owner(d.id);
        let (_, _, o_lang, o_name): Scalars = self.db.query_one(
            "SELECT poster_path, backdrop_path, original_language, original_name FROM collection WHERE id = $1",
            &[&d.id],
        )?;
        self.db.execute(
            "UPDATE collection SET original_language = $2, original_name = $3 WHERE id = $1",
            &[&d.id, &d.original_language, &d.original_name],
        )?;
        self.diff_field(o, "original_language", &o_lang, &d.original_language)?;
        self.diff_field(o, "original_name", &o_name, &d.original_name)?;
        self.set_collection_images(d.id, &d.poster_path, &d.backdrop_path)?;
        self.set_stated_text(o, language, d.name.as_deref(), d.overview.as_deref())?;
        for part in &d.parts {
            self.set_movie_summary(&part.to_summary(), language)?;
        }
        let ids: Vec<i64> = d.parts.iter().map(|p| p.id).collect();
        self.link_collection_parts(d.id, &ids)
    }

    /// Makes the movies `ids` the collection's parts, in this order; movies it held that are
    /// not among them leave it. Each movie whose collection changed logs
    /// `belongs_to_collection`.
    fn link_collection_parts(&mut self, id: i64, ids: &[i64]) -> Result<()> {
        let held: Vec<(i64,)> = self
            .db
            .query("SELECT id FROM movie WHERE collection_id = $1", &[&id])?;
        for (gone,) in held.into_iter().filter(|(m,)| !ids.contains(m)) {
            self.db.execute(
                "UPDATE movie SET collection_id = NULL, collection_position = NULL WHERE id = $1",
                &[&gone],
            )?;
            self.diff_field(
                Owner::movie(gone),
                "belongs_to_collection",
                &Some(id),
                &None,
            )?;
        }
        for (pos, movie) in ids.iter().enumerate() {
            let old: Option<i64> = self
                .db
                .scalar("SELECT collection_id FROM movie WHERE id = $1", &[movie])?;
            self.db.execute(
                "UPDATE movie SET collection_id = $1, collection_position = $2 WHERE id = $3",
                &[&id, &(pos as i64), movie],
            )?;
            self.diff_field(
                Owner::movie(*movie),
                "belongs_to_collection",
                &old,
                &Some(id),
            )?;
        }
        Ok(())
    }

    /// Replaces a collection's whole translation list: `(iso_639_1, iso_3166_1, data)` in the
    /// source's order. Title and overview go through [`Writer::replace_translations`]; the
    /// homepage and the position are set here, each change logged under its language.
    pub fn replace_collection_translations(
        &mut self,
        id: i64,
        list: &[(String, String, CollectionTranslationData)],
    ) -> Result<()> {
        let o = owner(id);
        let basic: Vec<_> = list
            .iter()
            .map(|(l, r, d)| (l.clone(), r.clone(), d.title.clone(), d.overview.clone()))
            .collect();
        self.replace_translations(o, &basic)?;
        for (pos, (l, r, d)) in list.iter().enumerate() {
            self.set_translation_extra(o, l, r, None, d.homepage.as_deref())?;
            self.db.execute(
                "UPDATE translation SET position = $1
                 WHERE owner_type = 'collection' AND owner_id = $2 AND iso_639_1 = $3 AND iso_3166_1 = $4",
                &[&(pos as i64), &id, l, r],
            )?;
        }
        Ok(())
    }
}
