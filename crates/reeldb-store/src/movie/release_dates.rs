//! A movie's `/release_dates`: its releases per country with certification, descriptors,
//! language, note, date and type, in TMDB's order (migration 14).

use crate::db::Db;
use crate::series_extra::as_values;
use crate::write::Writer;
use crate::{Owner, Result};
use reeldb_wire::movie::{CountryReleases, Release, ReleaseDates};
use serde_json::{Value, json};

/// A release row joined with one of its descriptors.
type Row = (
    i64,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<String>,
);

impl Db {
    /// `GET /3/movie/{movie_id}/release_dates` of a known movie (one statement).
    pub fn movie_release_dates(&mut self, id: i64) -> Result<ReleaseDates> {
        let rows: Vec<Row> = self.query(
            "SELECT r.position, r.iso_3166_1, r.certification, r.iso_639_1, r.note, r.release_date, r.release_type,
                    d.descriptor
             FROM release_date r LEFT JOIN release_date_descriptor d
               ON d.movie_id = r.movie_id AND d.release_position = r.position
             WHERE r.movie_id = $1 ORDER BY r.position, d.position",
            &[&id],
        )?;
        let mut results: Vec<CountryReleases> = Vec::new();
        let mut last_pos = None;
        for (
            pos,
            country,
            certification,
            iso_639_1,
            note,
            release_date,
            release_type,
            descriptor,
        ) in rows
        {
            if last_pos != Some(pos) {
                last_pos = Some(pos);
                if results.last().is_none_or(|c| c.iso_3166_1 != country) {
                    results.push(CountryReleases {
                        iso_3166_1: country,
                        release_dates: Vec::new(),
                    });
                }
                if let Some(c) = results.last_mut() {
                    c.release_dates.push(Release {
                        certification,
                        descriptors: Vec::new(),
                        iso_639_1,
                        note,
                        release_date,
                        release_type,
                    });
                }
            }
            if let (Some(d), Some(r)) = (
                descriptor,
                results.last_mut().and_then(|c| c.release_dates.last_mut()),
            ) {
                r.descriptors.push(d);
            }
        }
        Ok(ReleaseDates { id, results })
    }
}

/// Each release as one value with its country, for the change log.
fn flat(list: &[CountryReleases]) -> Vec<Value> {
    list.iter()
        .flat_map(|c| {
            as_values(&c.release_dates).into_iter().map(move |mut v| {
                if let Some(m) = v.as_object_mut() {
                    m.insert("iso_3166_1".into(), json!(c.iso_3166_1));
                }
                v
            })
        })
        .collect()
}

impl Writer<'_> {
    /// Makes a movie's releases this complete list, in order; logs each release added or
    /// removed under `release_dates`.
    pub fn replace_release_dates(&mut self, id: i64, list: &[CountryReleases]) -> Result<()> {
        let old = self.db.movie_release_dates(id)?.results;
        if old == list {
            return Ok(());
        }
        self.db
            .execute("DELETE FROM release_date WHERE movie_id = $1", &[&id])?;
        self.db.execute(
            "DELETE FROM release_date_descriptor WHERE movie_id = $1",
            &[&id],
        )?;
        let releases = list
            .iter()
            .flat_map(|c| c.release_dates.iter().map(move |r| (&c.iso_3166_1, r)));
        for (pos, (country, r)) in releases.enumerate() {
            let pos = pos as i64;
            self.db.execute(
                "INSERT INTO release_date (movie_id, position, iso_3166_1, certification, iso_639_1, note, release_date, release_type)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                &[&id, &pos, country, &r.certification, &r.iso_639_1, &r.note, &r.release_date, &r.release_type],
            )?;
            for (dpos, d) in r.descriptors.iter().enumerate() {
                self.db.execute(
                    "INSERT INTO release_date_descriptor (movie_id, release_position, position, descriptor)
                     VALUES ($1, $2, $3, $4)",
                    &[&id, &pos, &(dpos as i64), d],
                )?;
            }
        }
        self.diff_list(Owner::movie(id), "release_dates", &flat(&old), &flat(list))
    }
}
