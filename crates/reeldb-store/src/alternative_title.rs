//! Alternative titles of any owner (`/alternative_titles`): rows in TMDB's order. Series use
//! them now; movies carry the same fields.

use crate::db::Db;
use crate::series_extra::as_values;
use crate::write::Writer;
use crate::{Owner, Result};
use reeldb_wire::tv_extra::{AlternativeTitle, AlternativeTitles};

impl Db {
    /// An owner's alternative titles, in order (one statement).
    pub fn alternative_titles(&mut self, owner: Owner) -> Result<Vec<AlternativeTitle>> {
        let rows: Vec<(Option<String>, Option<String>, Option<String>)> = self.query(
            "SELECT iso_3166_1, title, title_type FROM alternative_title
             WHERE owner_type = $1 AND owner_id = $2 ORDER BY position",
            &[&owner.kind.as_str(), &owner.id],
        )?;
        Ok(rows
            .into_iter()
            .map(|(iso_3166_1, title, title_type)| AlternativeTitle {
                iso_3166_1,
                title,
                title_type,
            })
            .collect())
    }

    /// `GET /3/tv/{series_id}/alternative_titles` of a known series (one statement).
    pub fn series_alternative_titles(&mut self, series_id: i64) -> Result<AlternativeTitles> {
        Ok(AlternativeTitles {
            id: series_id,
            results: self.alternative_titles(Owner::series(series_id))?,
        })
    }
}

impl Writer<'_> {
    /// Makes an owner's alternative titles this complete list, in order; logs each title added
    /// or removed under `alternative_titles`.
    pub fn replace_alternative_titles(
        &mut self,
        owner: Owner,
        titles: &[AlternativeTitle],
    ) -> Result<()> {
        let old = self.db.alternative_titles(owner)?;
        if old == titles {
            return Ok(());
        }
        self.db.execute(
            "DELETE FROM alternative_title WHERE owner_type = $1 AND owner_id = $2",
            &[&owner.kind.as_str(), &owner.id],
        )?;
        for (pos, t) in titles.iter().enumerate() {
            self.db.execute(
                "INSERT INTO alternative_title (owner_type, owner_id, position, iso_3166_1, title, title_type)
                 VALUES ($1, $2, $3, $4, $5, $6)",
                &[
                    &owner.kind.as_str(),
                    &owner.id,
                    &(pos as i64),
                    &t.iso_3166_1,
                    &t.title,
                    &t.title_type,
                ],
            )?;
        }
        self.diff_list(
            owner,
            "alternative_titles",
            &as_values(&old),
            &as_values(titles),
        )
    }
}
