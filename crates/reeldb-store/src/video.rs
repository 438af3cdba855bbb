//! Videos of any owner, newest first.

use crate::db::Db;
use crate::image::{LanguageFilter, language_allows};
use crate::write::Writer;
use crate::write::bool_int;
use crate::{Owner, Result};
use reeldb_wire::common::Video;
use serde_json::json;
use std::collections::HashSet;

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

impl Writer<'_> {
    /// Replaces the videos of `owner`.
    /// With `remove_missing` false the list is taken as partial and nothing is removed.
    pub fn replace_videos(
        &mut self,
        owner: Owner,
        videos: &[Video],
        remove_missing: bool,
    ) -> Result<()> {
        let old: Vec<String> = self
            .db
            .query::<(String,)>(
                "SELECT id FROM video WHERE owner_type = $1 AND owner_id = $2",
                &[&owner.kind.as_str(), &owner.id],
            )?
            .into_iter()
            .map(|(id,)| id)
            .collect();
        let wanted: HashSet<&str> = videos.iter().map(|v| v.id.as_str()).collect();
        for id in old
            .iter()
            .filter(|id| remove_missing && !wanted.contains(id.as_str()))
        {
            self.db.execute(
                "DELETE FROM video WHERE owner_type = $1 AND owner_id = $2 AND id = $3",
                &[&owner.kind.as_str(), &owner.id, &id],
            )?;
            self.record(
                owner,
                "videos",
                "deleted",
                None,
                None,
                None,
                Some(json!({"id": id})),
            )?;
        }
        for (pos, v) in videos.iter().enumerate() {
            self.db.execute(
                "INSERT INTO video (owner_type, owner_id, id, iso_639_1, iso_3166_1, name, video_key, site, size, video_type, official, published_at, position)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
                 ON CONFLICT (owner_type, owner_id, id) DO UPDATE SET iso_639_1 = excluded.iso_639_1, iso_3166_1 = excluded.iso_3166_1,
                   name = excluded.name, video_key = excluded.video_key, site = excluded.site, size = excluded.size,
                   video_type = excluded.video_type, official = excluded.official, published_at = excluded.published_at,
                   position = excluded.position",
                &[
                    &owner.kind.as_str(),
                    &owner.id,
                    &v.id,
                    &v.iso_639_1,
                    &v.iso_3166_1,
                    &v.name,
                    &v.key,
                    &v.site,
                    &v.size,
                    &v.kind,
                    &bool_int(v.official),
                    &v.published_at,
                    &(pos as i64),
                ],
            )?;
            if !old.contains(&v.id) {
                let value = json!({"id": v.id, "key": v.key, "site": v.site, "type": v.kind, "iso_639_1": v.iso_639_1});
                self.record(owner, "videos", "added", None, None, Some(value), None)?;
            }
        }
        Ok(())
    }
}
