//! Images of any owner (posters, stills, ...), best rated first.

use crate::db::Db;
use crate::{Owner, Result};
use reeldb_wire::common::Image;

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
    iso_639_1: Option<String>,
    file_path: String,
    vote_average: Option<f64>,
    vote_count: Option<i64>,
    width: Option<i64>,
}

crate::from_row!(ImageRow {
    aspect_ratio,
    height,
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
            "SELECT aspect_ratio, height, iso_639_1, file_path, vote_average, vote_count, width FROM image
             WHERE owner_type = $1 AND owner_id = $2 AND kind = $3 ORDER BY {IMAGE_ORDER}"
        );
        let rows: Vec<ImageRow> = self.query(&sql, &[&owner.kind.as_str(), &owner.id, &kind])?;
        Ok(rows
            .into_iter()
            .filter(|r| language_allows(filter, &r.iso_639_1))
            .map(|r| Image {
                aspect_ratio: r.aspect_ratio,
                height: r.height,
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
