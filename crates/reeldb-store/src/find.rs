//! `/3/find/{external_id}`: every object whose external id of a source is a value, through the
//! `external_id_value (source, value, owner_type)` index (migration 14), grouped by kind.

use crate::db::Db;
use crate::write::Writer;
use crate::{Owner, Result};
use reeldb_wire::params::Language;
use reeldb_wire::trending::{FindResults, SeasonEntry, TrendingEntry};

/// The `external_source` values TMDB's find accepts (its spec's enum).
pub const FIND_SOURCES: &[&str] = &[
    "imdb_id",
    "facebook_id",
    "instagram_id",
    "tvdb_id",
    "tiktok_id",
    "twitter_id",
    "wikidata_id",
    "youtube_id",
];

impl Db {
    /// The objects holding `value` as their `source` id, each list by id (one statement finds
    /// them; at most 19 more build the entries: movies 3, series 4, people 9, seasons 2,
    /// episodes 2 — a kind without a match costs none).
    pub fn find(&mut self, source: &str, value: &str, lang: &Language) -> Result<FindResults> {
        let owners: Vec<(String, i64)> = self.query(
            "SELECT owner_type, owner_id FROM external_id WHERE source = $1 AND value = $2
             ORDER BY owner_type, owner_id",
            &[&source, &value],
        )?;
        let ids = |kind: &str| -> Vec<i64> {
            owners
                .iter()
                .filter(|(k, _)| k == kind)
                .map(|(_, id)| *id)
                .collect()
        };
        let refs: Vec<(String, i64)> = owners
            .iter()
            .filter(|(k, _)| matches!(k.as_str(), "movie" | "tv" | "person"))
            .cloned()
            .collect();
        let mut out = FindResults::default();
        for e in self.media_entries(&refs, lang)? {
            match e {
                TrendingEntry::Movie(m) => out.movie_results.push(m),
                TrendingEntry::Tv(s) => out.tv_results.push(s),
                TrendingEntry::Person(p) => out.person_results.push(p),
            }
        }
        out.tv_season_results = self
            .season_media_votes(&ids("season"), lang)?
            .into_iter()
            .map(|(s, vote_average)| SeasonEntry {
                id: s.id,
                name: s.name,
                overview: s.overview,
                poster_path: s.poster_path,
                media_type: "tv_season".into(),
                vote_average,
                air_date: s.air_date,
                season_number: s.season_number,
                show_id: s.show_id,
                episode_count: s.episode_count,
            })
            .collect();
        out.tv_episode_results = self.episode_media(&ids("episode"), lang)?;
        Ok(out)
    }
}

impl Writer<'_> {
    /// Applies a find response for `value` of `source`: each movie, series and person entry's
    /// list fields in `language`, and the external id on each (TMDB found them by it).
    /// Season and episode entries are refused by the caller (they name objects by TMDB id
    /// only, without the series' season and episode rows a catalog keys them by).
    pub fn set_found(
        &mut self,
        source: &str,
        value: &str,
        found: &FindResults,
        language: &str,
    ) -> Result<()> {
        let mut owners = Vec::new();
        for m in &found.movie_results {
            self.set_media_entry(&TrendingEntry::Movie(m.clone()), language)?;
            owners.push(Owner::movie(m.id));
        }
        for s in &found.tv_results {
            self.set_media_entry(&TrendingEntry::Tv(s.clone()), language)?;
            owners.push(Owner::series(s.id));
        }
        for p in &found.person_results {
            self.set_media_entry(&TrendingEntry::Person(p.clone()), language)?;
            owners.push(Owner::person(p.id));
        }
        for owner in owners {
            self.set_external_ids(owner, &[(source.to_owned(), Some(value.to_owned()))])?;
        }
        Ok(())
    }
}
