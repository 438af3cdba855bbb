//! Content ratings of any owner (`/content_ratings`): one row per rating in TMDB's order, and
//! its descriptors (today's `descriptors`, e.g. "Violence") as ordered child rows.

use crate::db::Db;
use crate::series_extra::as_values;
use crate::write::Writer;
use crate::{Owner, Result};
use reeldb_wire::tv_extra::{ContentRating, ContentRatings};

/// `(rating position, iso_3166_1, rating, descriptor)`: a rating joined with its descriptors.
type RatingRow = (i64, Option<String>, Option<String>, Option<String>);

impl Db {
    /// An owner's content ratings with their descriptors, in order (one statement).
    pub fn content_ratings(&mut self, owner: Owner) -> Result<Vec<ContentRating>> {
        let rows: Vec<RatingRow> = self.query(
            "SELECT r.position, r.iso_3166_1, r.rating, d.descriptor FROM content_rating r
             LEFT JOIN content_rating_descriptor d ON d.owner_type = r.owner_type
               AND d.owner_id = r.owner_id AND d.rating_position = r.position
             WHERE r.owner_type = $1 AND r.owner_id = $2 ORDER BY r.position, d.position",
            &[&owner.kind.as_str(), &owner.id],
        )?;
        let mut out: Vec<(i64, ContentRating)> = Vec::new();
        for (pos, iso_3166_1, rating, descriptor) in rows {
            if out.last().is_none_or(|(p, _)| *p != pos) {
                out.push((
                    pos,
                    ContentRating {
                        descriptors: Vec::new(),
                        iso_3166_1,
                        rating,
                    },
                ));
            }
            if let (Some(d), Some((_, r))) = (descriptor, out.last_mut()) {
                r.descriptors.push(d);
            }
        }
        Ok(out.into_iter().map(|(_, r)| r).collect())
    }

    /// `GET /3/tv/{series_id}/content_ratings` of a known series (one statement).
    pub fn series_content_ratings(&mut self, series_id: i64) -> Result<ContentRatings> {
        Ok(ContentRatings {
            results: self.content_ratings(Owner::series(series_id))?,
            id: series_id,
        })
    }
}

impl Writer<'_> {
    /// Makes an owner's content ratings this complete list, in order; logs each rating added or
    /// removed under `content_ratings`.
    pub fn replace_content_ratings(
        &mut self,
        owner: Owner,
        ratings: &[ContentRating],
    ) -> Result<()> {
        let old = self.db.content_ratings(owner)?;
        if old == ratings {
            return Ok(());
        }
        for table in ["content_rating", "content_rating_descriptor"] {
            self.db.execute(
                &format!("DELETE FROM {table} WHERE owner_type = $1 AND owner_id = $2"),
                &[&owner.kind.as_str(), &owner.id],
            )?;
        }
        for (pos, r) in ratings.iter().enumerate() {
            let pos = pos as i64;
            self.db.execute(
                "INSERT INTO content_rating (owner_type, owner_id, position, iso_3166_1, rating)
                 VALUES ($1, $2, $3, $4, $5)",
                &[
                    &owner.kind.as_str(),
                    &owner.id,
                    &pos,
                    &r.iso_3166_1,
                    &r.rating,
                ],
            )?;
            for (dpos, d) in r.descriptors.iter().enumerate() {
                self.db.execute(
                    "INSERT INTO content_rating_descriptor (owner_type, owner_id, rating_position, position, descriptor)
                     VALUES ($1, $2, $3, $4, $5)",
                    &[&owner.kind.as_str(), &owner.id, &pos, &(dpos as i64), d],
                )?;
            }
        }
        self.diff_list(
            owner,
            "content_ratings",
            &as_values(&old),
            &as_values(ratings),
        )
    }
}
