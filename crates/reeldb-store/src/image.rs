//! Images of any owner (posters, stills, ...), best rated first.

use crate::db::Db;
use crate::write::Writer;
use crate::{Owner, Result};
use reeldb_wire::common::Image;
use serde_json::json;
use std::collections::HashSet;

/// Which images or videos a request asks for: `None` means all; otherwise the languages allowed
/// (`None` inside standing for "no language").
pub type LanguageFilter = Option<Vec<Option<String>>>;

pub(crate) fn language_allows(filter: &LanguageFilter, lang: &Option<String>) -> bool {
    match filter {
        None => true,
        Some(allowed) => allowed.iter().any(|a| a == lang),
    }
}

struct ImageRow {
    aspect_ratio: Option<f64>,
    height: Option<i64>,
    iso_3166_1: Option<String>,
    iso_639_1: Option<String>,
    file_path: String,
    vote_average: Option<f64>,
    vote_count: Option<i64>,
    width: Option<i64>,
}

crate::from_row!(ImageRow {
    aspect_ratio,
    height,
    iso_3166_1,
    iso_639_1,
    file_path,
    vote_average,
    vote_count,
    width,
});

/// TMDB's image order: by rating, best first; ties in stored order.
pub(crate) const IMAGE_ORDER: &str = "COALESCE(vote_average, 0) DESC, position";

impl Db {
    /// Images of one kind, best rated first, filtered by language (one statement).
    pub fn images(
        &mut self,
        owner: Owner,
        kind: &str,
        filter: &LanguageFilter,
    ) -> Result<Vec<Image>> {
        let sql = format!(
            "SELECT aspect_ratio, height, iso_3166_1, iso_639_1, file_path, vote_average, vote_count, width FROM image
             WHERE owner_type = $1 AND owner_id = $2 AND kind = $3 ORDER BY {IMAGE_ORDER}"
        );
        let rows: Vec<ImageRow> = self.query(&sql, &[&owner.kind.as_str(), &owner.id, &kind])?;
        Ok(rows
            .into_iter()
            .filter(|r| language_allows(filter, &r.iso_639_1))
            .map(|r| Image {
                aspect_ratio: r.aspect_ratio,
                height: r.height,
                iso_3166_1: r.iso_3166_1,
                iso_639_1: r.iso_639_1,
                file_path: r.file_path,
                vote_average: r.vote_average,
                vote_count: r.vote_count,
                width: r.width,
            })
            .collect())
    }

    /// The best rated image of one kind, for a `*_path` the source did not name (one statement).
    pub(crate) fn best_image(&mut self, owner: Owner, kind: &str) -> Result<Option<String>> {
        let sql = format!(
            "SELECT file_path FROM image WHERE owner_type = $1 AND owner_id = $2 AND kind = $3
             ORDER BY {IMAGE_ORDER} LIMIT 1"
        );
        self.scalar_opt(&sql, &[&owner.kind.as_str(), &owner.id, &kind])
    }
}

/// file_path, iso_639_1, iso_3166_1 of a stored image.
type StoredImage = (String, Option<String>, Option<String>);

impl Writer<'_> {
    /// Replaces the images of one kind (`poster`, `still`, ...) on `owner`.
    /// With `remove_missing` false the list is taken as partial (a language-filtered response)
    /// and nothing is removed. Each image's `iso_3166_1` is taken as said, `None` included; for
    /// a source that predates the field use [`Writer::replace_images_region_unsaid`].
    pub fn replace_images(
        &mut self,
        owner: Owner,
        kind: &str,
        images: &[Image],
        remove_missing: bool,
    ) -> Result<()> {
        self.write_images(owner, kind, images, remove_missing, true)
    }

    /// As [`Writer::replace_images`], for a source whose entries carry no `iso_3166_1` (TMDB's
    /// older responses): the regions the catalog holds are kept, new images get none.
    pub fn replace_images_region_unsaid(
        &mut self,
        owner: Owner,
        kind: &str,
        images: &[Image],
        remove_missing: bool,
    ) -> Result<()> {
        self.write_images(owner, kind, images, remove_missing, false)
    }

    fn write_images(
        &mut self,
        owner: Owner,
        kind: &str,
        images: &[Image],
        remove_missing: bool,
        region_said: bool,
    ) -> Result<()> {
        let old: Vec<StoredImage> = self.db.query(
            "SELECT file_path, iso_639_1, iso_3166_1 FROM image WHERE owner_type = $1 AND owner_id = $2 AND kind = $3",
            &[&owner.kind.as_str(), &owner.id, &kind],
        )?;
        let wanted: HashSet<&str> = images.iter().map(|i| i.file_path.as_str()).collect();
        let gone = old
            .iter()
            .filter(|(p, _, _)| remove_missing && !wanted.contains(p.as_str()));
        for (path, lang, _) in gone {
            self.db.execute(
                "DELETE FROM image WHERE owner_type = $1 AND owner_id = $2 AND kind = $3 AND file_path = $4",
                &[&owner.kind.as_str(), &owner.id, &kind, &path],
            )?;
            let v = json!({ kind: {"file_path": path, "iso_639_1": lang} });
            self.record(owner, "images", "deleted", None, None, None, Some(v))?;
        }
        for (pos, i) in images.iter().enumerate() {
            self.db.execute(
                "INSERT INTO image (owner_type, owner_id, kind, file_path, aspect_ratio, height, width, iso_639_1, vote_average, vote_count, position, iso_3166_1)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                 ON CONFLICT (owner_type, owner_id, kind, file_path) DO UPDATE SET aspect_ratio = excluded.aspect_ratio,
                   height = excluded.height, width = excluded.width, iso_639_1 = excluded.iso_639_1,
                   vote_average = excluded.vote_average, vote_count = excluded.vote_count, position = excluded.position,
                   iso_3166_1 = CASE WHEN $13 = 1 THEN excluded.iso_3166_1 ELSE image.iso_3166_1 END",
                &[
                    &owner.kind.as_str(),
                    &owner.id,
                    &kind,
                    &i.file_path,
                    &i.aspect_ratio,
                    &i.height,
                    &i.width,
                    &i.iso_639_1,
                    &i.vote_average,
                    &i.vote_count,
                    &(pos as i64),
                    &i.iso_3166_1,
                    &i64::from(region_said),
                ],
            )?;
            match old.iter().find(|(p, _, _)| *p == i.file_path) {
                None => {
                    let v = json!({ kind: {"file_path": i.file_path, "iso_639_1": i.iso_639_1} });
                    self.record(owner, "images", "added", None, None, Some(v), None)?;
                }
                // An image whose language or country changed: one `updated` item with both.
                Some((_, old_lang, old_region)) => {
                    let region = if region_said {
                        &i.iso_3166_1
                    } else {
                        old_region
                    };
                    if *old_lang != i.iso_639_1 || old_region != region {
                        let v = |lang: &Option<String>, region: &Option<String>| json!({ kind: {"file_path": i.file_path, "iso_639_1": lang, "iso_3166_1": region} });
                        let (new, orig) = (v(&i.iso_639_1, region), v(old_lang, old_region));
                        self.record(
                            owner,
                            "images",
                            "updated",
                            None,
                            None,
                            Some(new),
                            Some(orig),
                        )?;
                    }
                }
            }
        }
        Ok(())
    }
}

/// Logos: images of kind `logo` as network and company `/images` list them, with today's
/// object `id` and `file_type`.
struct LogoRow {
    aspect_ratio: Option<f64>,
    file_path: String,
    height: Option<i64>,
    image_id: Option<String>,
    file_type: Option<String>,
    vote_average: Option<f64>,
    vote_count: Option<i64>,
    width: Option<i64>,
}

crate::from_row!(LogoRow {
    aspect_ratio,
    file_path,
    height,
    image_id,
    file_type,
    vote_average,
    vote_count,
    width,
});

impl Db {
    /// An owner's logos, best rated first (one statement).
    pub fn logos(&mut self, owner: Owner) -> Result<Vec<reeldb_wire::common::LogoImage>> {
        let sql = format!(
            "SELECT aspect_ratio, file_path, height, image_id, file_type, vote_average, vote_count, width FROM image
             WHERE owner_type = $1 AND owner_id = $2 AND kind = 'logo' ORDER BY {IMAGE_ORDER}"
        );
        let rows: Vec<LogoRow> = self.query(&sql, &[&owner.kind.as_str(), &owner.id])?;
        Ok(rows
            .into_iter()
            .map(|r| reeldb_wire::common::LogoImage {
                aspect_ratio: r.aspect_ratio,
                file_path: r.file_path,
                height: r.height,
                id: r.image_id,
                file_type: r.file_type,
                vote_average: r.vote_average,
                vote_count: r.vote_count,
                width: r.width,
            })
            .collect())
    }
}

impl Writer<'_> {
    /// Replaces an owner's logos (the whole list: logo lists are not language-filtered), as
    /// [`Writer::replace_images`] does, keeping each logo's object id and file type.
    pub fn replace_logos(
        &mut self,
        owner: Owner,
        logos: &[reeldb_wire::common::LogoImage],
    ) -> Result<()> {
        let images: Vec<Image> = logos
            .iter()
            .map(|l| Image {
                aspect_ratio: l.aspect_ratio,
                height: l.height,
                iso_3166_1: None,
                iso_639_1: None,
                file_path: l.file_path.clone(),
                vote_average: l.vote_average,
                vote_count: l.vote_count,
                width: l.width,
            })
            .collect();
        self.replace_images(owner, "logo", &images, true)?;
        for l in logos {
            self.db.execute(
                "UPDATE image SET image_id = $5, file_type = $6
                 WHERE owner_type = $1 AND owner_id = $2 AND kind = $3 AND file_path = $4",
                &[
                    &owner.kind.as_str(),
                    &owner.id,
                    &"logo",
                    &l.file_path,
                    &l.id,
                    &l.file_type,
                ],
            )?;
        }
        Ok(())
    }
}
