//! TV series: the series-level facts seasons and episodes show (networks), and the summary
//! every TV list shows (`TvSummary`: popular, top rated, similar, recommendations, ...).

use crate::db::{Db, in_list};
use crate::translation::{PrimaryText, TranslationRow, resolve_text};
use crate::value::ToSqlValue;
use crate::write::{Writer, bool_int};
use crate::{Owner, Result};
use reeldb_wire::params::Language;
use reeldb_wire::tv::{Network, TvSummary};
use serde_json::json;
use std::collections::HashMap;

/// `(id, logo_path, name, origin_country)` of a network.
type NetworkRow = (i64, Option<String>, Option<String>, Option<String>);

impl Db {
    /// The networks of a series, in stored order (one statement).
    pub fn series_networks(&mut self, series_id: i64) -> Result<Vec<Network>> {
        let rows: Vec<NetworkRow> = self.query(
            "SELECT n.id, n.logo_path, n.name, n.origin_country FROM tv_series_network sn JOIN network n ON n.id = sn.network_id
             WHERE sn.series_id = $1 ORDER BY sn.position",
            &[&series_id],
        )?;
        Ok(rows
            .into_iter()
            .map(|(id, logo_path, name, origin_country)| Network {
                id,
                logo_path,
                name,
                origin_country,
            })
            .collect())
    }
}

/// A series' list fields, as stored.
struct SummaryRow {
    id: i64,
    adult: Option<i64>,
    backdrop_path: Option<String>,
    first_air_date: Option<String>,
    original_language: Option<String>,
    original_name: Option<String>,
    popularity: Option<f64>,
    poster_path: Option<String>,
    vote_average: Option<f64>,
    vote_count: Option<i64>,
    primary_language: Option<String>,
    name: Option<String>,
    overview: Option<String>,
}
crate::from_row!(SummaryRow {
    id,
    adult,
    backdrop_path,
    first_air_date,
    original_language,
    original_name,
    popularity,
    poster_path,
    vote_average,
    vote_count,
    primary_language,
    name,
    overview,
});

impl Db {
    /// The list entries of the series `ids`, in that order, with name and overview in `lang`
    /// (four statements whatever the number of ids; unknown ids are left out).
    pub fn series_summaries(&mut self, ids: &[i64], lang: &Language) -> Result<Vec<TvSummary>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let id_params: Vec<&dyn ToSqlValue> = ids.iter().map(|i| i as &dyn ToSqlValue).collect();
        let list = in_list(1, ids.len());
        let rows: Vec<SummaryRow> = self.query(
            &format!(
                "SELECT id, adult, backdrop_path, first_air_date, original_language, original_name, popularity,
                        poster_path, vote_average, vote_count, primary_language, name, overview
                 FROM tv_series WHERE id IN ({list})"
            ),
            &id_params,
        )?;
        let mut params = id_params.clone();
        params.push(&lang.iso_639_1);
        let translations: Vec<(i64, String, Option<String>, Option<String>)> = self.query(
            &format!(
                "SELECT owner_id, iso_3166_1, name, overview FROM translation
                 WHERE owner_type = 'tv' AND owner_id IN ({list}) AND iso_639_1 = ${}
                 ORDER BY owner_id, iso_3166_1",
                ids.len() + 1
            ),
            &params,
        )?;
        let genres: Vec<(i64, i64)> = self.query(
            &format!(
                "SELECT owner_id, genre_id FROM owner_genre WHERE owner_type = 'tv' AND owner_id IN ({list})
                 ORDER BY owner_id, position"
            ),
            &id_params,
        )?;
        let countries: Vec<(i64, String)> = self.query(
            &format!(
                "SELECT owner_id, value FROM code_list
                 WHERE owner_type = 'tv' AND list_name = 'origin_country' AND owner_id IN ({list})
                 ORDER BY owner_id, position"
            ),
            &id_params,
        )?;
        let mut text_rows: HashMap<i64, Vec<TranslationRow>> = HashMap::new();
        for (id, region, name, overview) in translations {
            text_rows
                .entry(id)
                .or_default()
                .push((region, name, overview));
        }
        let mut genre_ids: HashMap<i64, Vec<i64>> = HashMap::new();
        for (id, g) in genres {
            genre_ids.entry(id).or_default().push(g);
        }
        let mut origin: HashMap<i64, Vec<String>> = HashMap::new();
        for (id, c) in countries {
            origin.entry(id).or_default().push(c);
        }
        let mut by_id: HashMap<i64, TvSummary> = HashMap::with_capacity(rows.len());
        for r in rows {
            let primary = PrimaryText {
                language: r.primary_language,
                name: r.name,
                overview: r.overview,
            };
            let text = resolve_text(
                &primary,
                text_rows.get(&r.id).map(Vec::as_slice).unwrap_or_default(),
                lang,
            );
            by_id.insert(
                r.id,
                TvSummary {
                    adult: r.adult.map(|a| a != 0),
                    backdrop_path: r.backdrop_path,
                    genre_ids: genre_ids.remove(&r.id).unwrap_or_default(),
                    id: r.id,
                    origin_country: origin.remove(&r.id).unwrap_or_default(),
                    original_language: r.original_language,
                    original_name: r.original_name,
                    overview: text.overview,
                    popularity: r.popularity,
                    poster_path: r.poster_path,
                    first_air_date: r.first_air_date,
                    name: text.name,
                    vote_average: r.vote_average,
                    vote_count: r.vote_count,
                },
            );
        }
        Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
    }
}

impl Writer<'_> {
    /// Applies the fields a TV list entry carries (a details response carries them too): the
    /// scalar fields, genres by id, origin countries, and name/overview in `language` (a tag such
    /// as `en-US`: the primary text when it is the series' primary language, else a
    /// translation). Changes are logged under TMDB's keys.
    pub fn set_series_summary(&mut self, s: &TvSummary, language: &str) -> Result<()> {
        self.ensure_series(s.id)?;
        let owner = Owner::series(s.id);
        type Old = (
            Option<i64>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
        );
        let listing = self.listing_of("tv_series", s.id)?;
        let old: Option<Old> = self.db.query_opt(
            "SELECT adult, backdrop_path, first_air_date, original_language, original_name, poster_path FROM tv_series WHERE id = $1",
            &[&s.id],
        )?;
        let adult = bool_int(s.adult);
        self.db.execute(
            "UPDATE tv_series SET adult = $2, backdrop_path = $3, first_air_date = $4, original_language = $5,
               original_name = $6, popularity = $7, poster_path = $8, vote_average = $9, vote_count = $10
             WHERE id = $1",
            &[
                &s.id,
                &adult,
                &s.backdrop_path,
                &s.first_air_date,
                &s.original_language,
                &s.original_name,
                &s.popularity,
                &s.poster_path,
                &s.vote_average,
                &s.vote_count,
            ],
        )?;
        let (o_adult, o_backdrop, o_first, o_lang, o_orig, o_poster) = old.unwrap_or_default();
        // Popularity and votes: no TMDB change, a mark for the search index's discover facts.
        self.mark_listing(owner, listing, (s.popularity, s.vote_average, s.vote_count))?;
        self.diff_field(owner, "adult", &o_adult.map(|a| a != 0), &s.adult)?;
        self.diff_field(owner, "backdrop_path", &o_backdrop, &s.backdrop_path)?;
        self.diff_field(owner, "first_air_date", &o_first, &s.first_air_date)?;
        self.diff_field(owner, "original_language", &o_lang, &s.original_language)?;
        self.diff_field(owner, "original_name", &o_orig, &s.original_name)?;
        self.diff_field(owner, "poster_path", &o_poster, &s.poster_path)?;
        self.set_genre_ids(owner, &s.genre_ids)?;
        self.set_code_list(owner, "origin_country", &s.origin_country)?;
        self.set_stated_text(owner, language, s.name.as_deref(), s.overview.as_deref())
    }

    /// Makes an owner's genres these ids, in order (genre rows are created by id when new;
    /// their names come with details responses). Logs a `genres` change when the list moved.
    pub fn set_genre_ids(&mut self, owner: Owner, ids: &[i64]) -> Result<()> {
        let old: Vec<(i64,)> = self.db.query(
            "SELECT genre_id FROM owner_genre WHERE owner_type = $1 AND owner_id = $2 ORDER BY position",
            &[&owner.kind.as_str(), &owner.id],
        )?;
        let old: Vec<i64> = old.into_iter().map(|(g,)| g).collect();
        if old == ids {
            return Ok(());
        }
        self.db.execute(
            "DELETE FROM owner_genre WHERE owner_type = $1 AND owner_id = $2",
            &[&owner.kind.as_str(), &owner.id],
        )?;
        for (pos, g) in ids.iter().enumerate() {
            self.db.execute(
                "INSERT INTO genre (id) VALUES ($1) ON CONFLICT (id) DO NOTHING",
                &[g],
            )?;
            self.db.execute(
                "INSERT INTO owner_genre (owner_type, owner_id, genre_id, position) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (owner_type, owner_id, genre_id) DO NOTHING",
                &[&owner.kind.as_str(), &owner.id, g, &(pos as i64)],
            )?;
        }
        let as_json = |v: &[i64]| (!v.is_empty()).then(|| json!(v));
        self.diff(owner, "genres", None, as_json(&old), as_json(ids))
    }

    /// Makes an owner's code list `list_name` (a TMDB field such as `origin_country`) these
    /// values, in order; logs a change under the field's name when it moved.
    pub fn set_code_list(
        &mut self,
        owner: Owner,
        list_name: &str,
        values: &[String],
    ) -> Result<()> {
        let old: Vec<(String,)> = self.db.query(
            "SELECT value FROM code_list WHERE owner_type = $1 AND owner_id = $2 AND list_name = $3 ORDER BY position",
            &[&owner.kind.as_str(), &owner.id, &list_name],
        )?;
        let old: Vec<String> = old.into_iter().map(|(v,)| v).collect();
        if old == values {
            return Ok(());
        }
        self.db.execute(
            "DELETE FROM code_list WHERE owner_type = $1 AND owner_id = $2 AND list_name = $3",
            &[&owner.kind.as_str(), &owner.id, &list_name],
        )?;
        for (pos, v) in values.iter().enumerate() {
            self.db.execute(
                "INSERT INTO code_list (owner_type, owner_id, list_name, position, value) VALUES ($1, $2, $3, $4, $5)",
                &[&owner.kind.as_str(), &owner.id, &list_name, &(pos as i64), v],
            )?;
        }
        let as_json = |v: &[String]| (!v.is_empty()).then(|| json!(v));
        self.diff(owner, list_name, None, as_json(&old), as_json(values))
    }
}

impl Db {
    /// An owner's code list `list_name`, in order (one statement).
    pub fn code_list(&mut self, owner: Owner, list_name: &str) -> Result<Vec<String>> {
        let rows: Vec<(String,)> = self.query(
            "SELECT value FROM code_list WHERE owner_type = $1 AND owner_id = $2 AND list_name = $3 ORDER BY position",
            &[&owner.kind.as_str(), &owner.id, &list_name],
        )?;
        Ok(rows.into_iter().map(|(v,)| v).collect())
    }
}

impl Writer<'_> {
    /// Makes sure a series row exists (a season or episode names its series by id).
    pub fn ensure_series(&mut self, series_id: i64) -> Result<()> {
        let res = self.db.execute(
            "INSERT INTO tv_series (id) VALUES ($1) ON CONFLICT (id) DO NOTHING",
            &[&series_id],
        )?;
        if res > 0 {
            self.ranked(Owner::series(series_id));
            self.record(
                Owner::series(series_id),
                "id",
                "created",
                None,
                None,
                Some(json!(series_id)),
                None,
            )?;
        }
        Ok(())
    }

    /// Replaces the networks of a series, in order.
    pub fn set_series_networks(
        &mut self,
        series_id: i64,
        networks: &[reeldb_wire::tv::Network],
    ) -> Result<()> {
        self.ensure_series(series_id)?;
        let old: Vec<(i64,)> = self.db.query(
            "SELECT network_id FROM tv_series_network WHERE series_id = $1 ORDER BY position",
            &[&series_id],
        )?;
        let old: Vec<i64> = old.into_iter().map(|(n,)| n).collect();
        let new: Vec<i64> = networks.iter().map(|n| n.id).collect();
        if old != new {
            // No TMDB change is logged for networks; discover filters by them.
            self.mark_facts(Owner::series(series_id), "networks")?;
        }
        self.db.execute(
            "DELETE FROM tv_series_network WHERE series_id = $1",
            &[&series_id],
        )?;
        for (pos, n) in networks.iter().enumerate() {
            self.db.execute(
                "INSERT INTO network (id, name, logo_path, origin_country) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name, logo_path = excluded.logo_path, origin_country = excluded.origin_country",
                &[&n.id, &n.name, &n.logo_path, &n.origin_country],
            )?;
            self.db.execute(
                "INSERT INTO tv_series_network (series_id, network_id, position) VALUES ($1, $2, $3) ON CONFLICT (series_id, network_id) DO NOTHING",
                &[&series_id, &n.id, &(pos as i64)],
            )?;
        }
        Ok(())
    }
}
