//! The movie sub-resources clients still request by their old names, computed from the same
//! rows as today's: `/releases` (from `release_date` rows), `/trailers` (from videos) and
//! `/casts` (the credits, [`Db::movie_credits`]).

use crate::db::Db;
use crate::image::LanguageFilter;
use crate::{Owner, Result};
use reeldb_wire::movie_lists::{LegacyRelease, LegacyTrailer, MovieReleases, MovieTrailers};

/// The rank of a release when choosing the primary one: theatrical, premiere, then any.
fn primary_rank(release_type: Option<i64>) -> i64 {
    match release_type {
        Some(2 | 3) => 0,
        Some(1) => 1,
        _ => 2,
    }
}

impl Db {
    /// `GET /3/movie/{movie_id}/releases` of a known movie (one statement): one entry per
    /// release, in the order of `/release_dates`; `primary` marks the movie's primary release
    /// (its earliest theatrical release, else premiere, else any: TMDB's rule).
    pub fn movie_releases(&mut self, id: i64) -> Result<MovieReleases> {
        let dates = self.movie_release_dates(id)?;
        let flat: Vec<_> = dates
            .results
            .into_iter()
            .flat_map(|c| {
                c.release_dates
                    .into_iter()
                    .map(move |r| (c.iso_3166_1.clone(), r))
            })
            .collect();
        let primary = flat
            .iter()
            .enumerate()
            .filter_map(|(i, (_, r))| {
                r.release_date
                    .as_deref()
                    .map(|d| ((primary_rank(r.release_type), d.to_owned()), i))
            })
            .min()
            .map(|(_, i)| i);
        let countries = flat
            .into_iter()
            .enumerate()
            .map(|(i, (country, r))| LegacyRelease {
                certification: r.certification,
                descriptors: r.descriptors,
                iso_3166_1: country,
                primary: primary == Some(i),
                release_date: r
                    .release_date
                    .map(|d| d.get(..10).map(str::to_owned).unwrap_or(d)),
            })
            .collect();
        Ok(MovieReleases { id, countries })
    }

    /// `GET /3/movie/{movie_id}/trailers` of a known movie (one statement): its YouTube videos
    /// (as `/videos` orders and filters them) as `{name, size, source, type}`.
    pub fn movie_trailers(&mut self, id: i64, filter: &LanguageFilter) -> Result<MovieTrailers> {
        let youtube = self
            .videos(Owner::movie(id), filter)?
            .into_iter()
            .filter(|v| v.site.as_deref() == Some("YouTube"))
            .map(|v| LegacyTrailer {
                name: v.name,
                size: v.size.map(|s| s.to_string()),
                source: v.key,
                kind: v.kind,
            })
            .collect();
        Ok(MovieTrailers {
            id,
            quicktime: Vec::new(),
            youtube,
        })
    }
}
