//! Videos of any owner, newest first.

use crate::db::Db;
use crate::image::{LanguageFilter, language_allows};
use crate::{Owner, Result};
use reeldb_wire::common::Video;

struct VideoRow {
    iso_639_1: Option<String>,
    iso_3166_1: Option<String>,
    name: Option<String>,
    video_key: Option<String>,
    site: Option<String>,
    size: Option<i64>,
    video_type: Option<String>,
    official: Option<i64>,
    published_at: Option<String>,
    id: String,
}

crate::from_row!(VideoRow {
    iso_639_1,
    iso_3166_1,
    name,
    video_key,
    site,
    size,
    video_type,
    official,
    published_at,
    id,
});

impl Db {
    /// Videos, newest first, filtered by language (one statement).
    pub fn videos(&mut self, owner: Owner, filter: &LanguageFilter) -> Result<Vec<Video>> {
        let rows: Vec<VideoRow> = self.query(
            "SELECT iso_639_1, iso_3166_1, name, video_key, site, size, video_type, official, published_at, id FROM video
             WHERE owner_type = $1 AND owner_id = $2 ORDER BY published_at DESC, position",
            &[&owner.kind.as_str(), &owner.id],
        )?;
        Ok(rows
            .into_iter()
            .filter(|r| language_allows(filter, &r.iso_639_1))
            .map(|r| Video {
                iso_639_1: r.iso_639_1,
                iso_3166_1: r.iso_3166_1,
                name: r.name,
                key: r.video_key,
                site: r.site,
                size: r.size,
                kind: r.video_type,
                official: r.official.map(|o| o != 0),
                published_at: r.published_at,
                id: r.id,
            })
            .collect())
    }
}
