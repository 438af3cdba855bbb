//! TV series details (`GET /3/tv/{series_id}`) and the series-level reads its sub-resources
//! need; the list fields every TV list shows are in [`crate::tv_series`].
//!
//! Stored facts and computed fields:
//! - Stored as imported: the scalar fields (status, type, in_production, counts, dates, ...),
//!   genres, code lists (`origin_country`, `languages`, `episode_run_time`,
//!   `production_countries`, `spoken_languages`), networks, production companies, creators,
//!   and the text (name, overview, tagline, homepage) per language.
//! - `seasons[]` is computed from the catalog's `tv_season` rows that have a TMDB id, their text
//!   in the requested language and, when no source stated a season's `episode_count`, the
//!   episodes the catalog holds for it.
//! - `last_episode_to_air` / `next_episode_to_air` are computed from `tv_episode`: the latest
//!   regular (non-special) episode aired by today, and the first one airing after today. A
//!   details import stores the episodes it names, so they answer the same way until the
//!   calendar moves past them.
//! - `number_of_seasons`, `number_of_episodes` and `last_air_date` are TMDB's stated values (the
//!   catalog may hold only some episodes); without one, they are computed from `seasons[]` and
//!   the last episode.
//! - `spoken_languages` names come from TMDB's language table ([`crate::languages`]);
//!   `production_countries` names are kept as imported (`country`).
//!
//! Details run a fixed number of statements (at most twelve) whatever the series' size.

pub mod credits;
pub mod translations;
mod write;

use crate::db::{Db, in_list};
use crate::image::LanguageFilter;
use crate::translation::{PrimaryText, TranslationRow, resolve_text};
use crate::tv_episode::{EPISODE_SELECT, EpisodeRow};
use crate::value::ToSqlValue;
use crate::{Owner, Result};
use reeldb_wire::params::Language;
use reeldb_wire::tv_series::{
    Creator, EpisodeToAir, Genre, ProductionCountry, SeriesDetails, SeriesImages, SeriesSeason,
    SpokenLanguage,
};
use std::collections::HashMap;

/// External id fields of a series, in TMDB's order.
pub const SERIES_EXTERNAL_IDS: &[&str] = &[
    "imdb_id",
    "freebase_mid",
    "freebase_id",
    "tvdb_id",
    "tvrage_id",
    "wikidata_id",
    "facebook_id",
    "instagram_id",
    "twitter_id",
];

struct DetailsRow {
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
    tagline: Option<String>,
    homepage: Option<String>,
    status: Option<String>,
    series_type: Option<String>,
    in_production: Option<i64>,
    last_air_date: Option<String>,
    number_of_episodes: Option<i64>,
    number_of_seasons: Option<i64>,
}
crate::from_row!(DetailsRow {
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
    tagline,
    homepage,
    status,
    series_type,
    in_production,
    last_air_date,
    number_of_episodes,
    number_of_seasons,
});

struct SeasonListRow {
    id: i64,
    season_number: i64,
    air_date: Option<String>,
    poster_path: Option<String>,
    vote_average: Option<f64>,
    primary_language: Option<String>,
    name: Option<String>,
    overview: Option<String>,
    episode_count: Option<i64>,
}
crate::from_row!(SeasonListRow {
    id,
    season_number,
    air_date,
    poster_path,
    vote_average,
    primary_language,
    name,
    overview,
    episode_count,
});

/// `(language, region, name, overview, tagline, homepage)`-style rows by region: the text of
/// one owner in one language.
type TextRow = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// Today, as TMDB writes air dates.
fn today() -> String {
    let d = time::OffsetDateTime::now_utc().date();
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

impl Db {
    /// Whether the catalog holds the series `id` (one statement).
    pub fn series_exists(&mut self, id: i64) -> Result<bool> {
        let n: i64 = self.scalar("SELECT COUNT(*) FROM tv_series WHERE id = $1", &[&id])?;
        Ok(n > 0)
    }

    /// The highest series id in the catalog (`GET /3/tv/latest`; one statement).
    pub fn latest_series_id(&mut self) -> Result<Option<i64>> {
        self.scalar("SELECT MAX(id) FROM tv_series", &[])
    }

    /// `GET /3/tv/{series_id}` in `lang`; `None` when the catalog does not hold the series.
    /// At most twelve statements: row, text, genres, code lists, networks, companies, creators,
    /// seasons, their text, last and next episode, and those episodes' text.
    pub fn series_details(&mut self, id: i64, lang: &Language) -> Result<Option<SeriesDetails>> {
        let Some(row): Option<DetailsRow> = self.query_opt(
            "SELECT adult, backdrop_path, first_air_date, original_language, original_name, popularity, poster_path,
                    vote_average, vote_count, primary_language, name, overview, tagline, homepage, status, series_type,
                    in_production, last_air_date, number_of_episodes, number_of_seasons
             FROM tv_series WHERE id = $1",
            &[&id],
        )?
        else {
            return Ok(None);
        };
        let owner = Owner::series(id);
        let texts: Vec<TextRow> = self.query(
            "SELECT iso_3166_1, name, overview, tagline, homepage FROM translation
             WHERE owner_type = 'tv' AND owner_id = $1 AND iso_639_1 = $2 ORDER BY iso_3166_1",
            &[&id, &lang.iso_639_1],
        )?;
        let (text, extra) = resolve_series_text(&row, &texts, lang);
        let genres = self.owner_genres(owner, lang)?;
        let lists = self.series_code_lists(id)?;
        let networks = self.series_networks(id)?;
        let production_companies = self.owner_companies(owner)?;
        let created_by = self.series_creators(id)?;
        let seasons = self.series_seasons(id, lang)?;
        let (last, next) = self.episodes_to_air(id, lang)?;
        let regular = seasons.iter().filter(|s| s.season_number > 0);
        let computed_seasons = regular.clone().count() as i64;
        let computed_episodes: i64 = regular.filter_map(|s| s.episode_count).sum();
        Ok(Some(SeriesDetails {
            adult: row.adult.map(|a| a != 0),
            backdrop_path: row.backdrop_path,
            created_by,
            episode_run_time: lists
                .episode_run_time
                .iter()
                .filter_map(|v| v.parse().ok())
                .collect(),
            first_air_date: row.first_air_date,
            genres,
            homepage: extra.overview,
            id,
            in_production: row.in_production.map(|v| v != 0),
            languages: lists.languages,
            last_air_date: row
                .last_air_date
                .or_else(|| last.as_ref().and_then(|e| e.air_date.clone())),
            last_episode_to_air: last,
            name: text.name,
            next_episode_to_air: next,
            networks,
            number_of_episodes: row.number_of_episodes.or(Some(computed_episodes)),
            number_of_seasons: row.number_of_seasons.or(Some(computed_seasons)),
            origin_country: lists.origin_country,
            original_language: row.original_language,
            original_name: row.original_name,
            overview: text.overview,
            popularity: row.popularity,
            poster_path: row.poster_path,
            production_companies,
            production_countries: lists.production_countries,
            seasons,
            spoken_languages: lists.spoken_languages,
            status: row.status,
            tagline: extra.name,
            series_type: row.series_type,
            vote_average: row.vote_average,
            vote_count: row.vote_count,
        }))
    }

    /// An owner's genres with their names in `lang` (a genre's translation in that language,
    /// else its stored name); one statement.
    pub fn owner_genres(&mut self, owner: Owner, lang: &Language) -> Result<Vec<Genre>> {
        let rows: Vec<(i64, Option<String>, Option<String>)> = self.query(
            "SELECT g.id, g.name, t.name FROM owner_genre og JOIN genre g ON g.id = og.genre_id
             LEFT JOIN translation t ON t.owner_type = 'genre' AND t.owner_id = g.id AND t.iso_639_1 = $3 AND t.iso_3166_1 = ''
             WHERE og.owner_type = $1 AND og.owner_id = $2 ORDER BY og.position",
            &[&owner.kind.as_str(), &owner.id, &lang.iso_639_1],
        )?;
        Ok(rows
            .into_iter()
            .map(|(id, name, translated)| Genre {
                id,
                name: translated.filter(|t| !t.is_empty()).or(name),
            })
            .collect())
    }

    /// Every code list of a series in one statement, production countries with their names.
    fn series_code_lists(&mut self, id: i64) -> Result<CodeLists> {
        let rows: Vec<(String, String, Option<String>)> = self.query(
            "SELECT cl.list_name, cl.value, c.english_name FROM code_list cl
             LEFT JOIN country c ON cl.list_name = 'production_countries' AND c.iso_3166_1 = cl.value
             WHERE cl.owner_type = 'tv' AND cl.owner_id = $1 ORDER BY cl.list_name, cl.position",
            &[&id],
        )?;
        let mut lists = CodeLists::default();
        for (list, value, country) in rows {
            match list.as_str() {
                "origin_country" => lists.origin_country.push(value),
                "languages" => lists.languages.push(value),
                "episode_run_time" => lists.episode_run_time.push(value),
                "production_countries" => lists.production_countries.push(ProductionCountry {
                    iso_3166_1: value,
                    name: country,
                }),
                "spoken_languages" => {
                    let names = crate::languages::names(&value);
                    lists.spoken_languages.push(SpokenLanguage {
                        english_name: names.map(|n| n.1.to_owned()),
                        iso_639_1: value,
                        name: names.map(|n| n.0.to_owned()),
                    });
                }
                _ => {}
            }
        }
        Ok(lists)
    }

    /// `created_by` of a series, with the people's current fields (one statement).
    fn series_creators(&mut self, id: i64) -> Result<Vec<Creator>> {
        type Row = (
            i64,
            String,
            Option<String>,
            Option<String>,
            Option<i64>,
            Option<String>,
        );
        let rows: Vec<Row> = self.query(
            "SELECT c.person_id, c.credit_id, p.name, p.original_name, p.gender, p.profile_path
             FROM tv_series_creator c LEFT JOIN person p ON p.id = c.person_id
             WHERE c.series_id = $1 ORDER BY c.position",
            &[&id],
        )?;
        Ok(rows
            .into_iter()
            .map(
                |(id, credit_id, name, original_name, gender, profile_path)| Creator {
                    id,
                    credit_id,
                    name,
                    original_name,
                    gender,
                    profile_path,
                },
            )
            .collect())
    }

    /// `seasons[]`: the series' seasons with a TMDB id, in number order, with their text in
    /// `lang` (two statements).
    fn series_seasons(&mut self, id: i64, lang: &Language) -> Result<Vec<SeriesSeason>> {
        let rows: Vec<SeasonListRow> = self.query(
            "SELECT s.id, s.season_number, s.air_date, s.poster_path, s.vote_average, s.primary_language, s.name, s.overview,
                    COALESCE(s.episode_count, (SELECT COUNT(*) FROM tv_episode e
                                               WHERE e.series_id = s.series_id AND e.season_number = s.season_number))
             FROM tv_season s WHERE s.series_id = $1 AND s.id IS NOT NULL ORDER BY s.season_number",
            &[&id],
        )?;
        let texts: Vec<(i64, String, Option<String>, Option<String>)> = self.query(
            "SELECT t.owner_id, t.iso_3166_1, t.name, t.overview FROM tv_season s CROSS JOIN translation t
             WHERE s.series_id = $1 AND t.owner_type = 'season' AND t.owner_id = s.id AND t.iso_639_1 = $2
             ORDER BY t.iso_3166_1",
            &[&id, &lang.iso_639_1],
        )?;
        let mut by_season: HashMap<i64, Vec<TranslationRow>> = HashMap::new();
        for (sid, r, n, o) in texts {
            by_season.entry(sid).or_default().push((r, n, o));
        }
        Ok(rows
            .into_iter()
            .map(|r| {
                let primary = PrimaryText {
                    language: r.primary_language,
                    name: r.name,
                    overview: r.overview,
                };
                let text = resolve_text(
                    &primary,
                    by_season.get(&r.id).map(Vec::as_slice).unwrap_or_default(),
                    lang,
                );
                SeriesSeason {
                    air_date: r.air_date,
                    episode_count: r.episode_count,
                    id: r.id,
                    name: text.name,
                    overview: text.overview,
                    poster_path: r.poster_path,
                    season_number: r.season_number,
                    vote_average: r.vote_average,
                }
            })
            .collect())
    }

    /// The last regular episode aired by today and the first airing after it, with their text
    /// in `lang` (three statements at most). Specials (season 0) are left out, as TMDB does.
    fn episodes_to_air(
        &mut self,
        id: i64,
        lang: &Language,
    ) -> Result<(Option<EpisodeToAir>, Option<EpisodeToAir>)> {
        let today = today();
        let last: Option<EpisodeRow> = self.query_opt(
            &format!(
                "{EPISODE_SELECT} WHERE series_id = $1 AND season_number > 0 AND air_date IS NOT NULL AND air_date <> ''
                   AND air_date <= $2 ORDER BY air_date DESC, season_number DESC, episode_number DESC LIMIT 1"
            ),
            &[&id, &today],
        )?;
        let next: Option<EpisodeRow> = self.query_opt(
            &format!(
                "{EPISODE_SELECT} WHERE series_id = $1 AND season_number > 0 AND air_date > $2
                 ORDER BY air_date, season_number, episode_number LIMIT 1"
            ),
            &[&id, &today],
        )?;
        let ids: Vec<i64> = last.iter().chain(next.iter()).map(|e| e.id).collect();
        let mut texts: HashMap<i64, Vec<TranslationRow>> = HashMap::new();
        if !ids.is_empty() {
            let mut params: Vec<&dyn ToSqlValue> =
                ids.iter().map(|i| i as &dyn ToSqlValue).collect();
            params.push(&lang.iso_639_1);
            let rows: Vec<(i64, String, Option<String>, Option<String>)> = self.query(
                &format!(
                    "SELECT owner_id, iso_3166_1, name, overview FROM translation
                     WHERE owner_type = 'episode' AND owner_id IN ({}) AND iso_639_1 = ${}
                     ORDER BY owner_id, iso_3166_1",
                    in_list(1, ids.len()),
                    ids.len() + 1
                ),
                &params,
            )?;
            for (eid, r, n, o) in rows {
                texts.entry(eid).or_default().push((r, n, o));
            }
        }
        let to_air = |e: EpisodeRow| {
            let text = resolve_text(
                &e.primary_text(),
                texts.get(&e.id).map(Vec::as_slice).unwrap_or_default(),
                lang,
            );
            EpisodeToAir {
                id: e.id,
                name: text.name,
                overview: text.overview,
                vote_average: e.vote_average,
                vote_count: e.vote_count,
                air_date: e.air_date,
                episode_number: e.episode_number,
                episode_type: e.episode_type,
                production_code: e.production_code,
                runtime: e.runtime,
                season_number: e.season_number,
                show_id: Some(e.series_id),
                still_path: e.still_path,
            }
        };
        Ok((last.map(to_air), next.map(to_air)))
    }

    /// `GET /3/tv/{series_id}/images`: backdrops, logos and posters, each best rated first and
    /// filtered by language (three statements).
    pub fn series_images(&mut self, id: i64, filter: &LanguageFilter) -> Result<SeriesImages> {
        let owner = Owner::series(id);
        Ok(SeriesImages {
            backdrops: self.images(owner, "backdrop", filter)?,
            id,
            logos: self.images(owner, "logo", filter)?,
            posters: self.images(owner, "poster", filter)?,
        })
    }
}

#[derive(Default)]
struct CodeLists {
    origin_country: Vec<String>,
    languages: Vec<String>,
    episode_run_time: Vec<String>,
    production_countries: Vec<ProductionCountry>,
    spoken_languages: Vec<SpokenLanguage>,
}

/// Name and overview, then tagline and homepage (as `name` and `overview` of the second), in
/// `lang`: the same rule as every object's text ([`resolve_text`]).
fn resolve_series_text(
    row: &DetailsRow,
    texts: &[TextRow],
    lang: &Language,
) -> (
    reeldb_wire::common::NameOverview,
    reeldb_wire::common::NameOverview,
) {
    let main: Vec<TranslationRow> = texts
        .iter()
        .map(|t| (t.0.clone(), t.1.clone(), t.2.clone()))
        .collect();
    let extra: Vec<TranslationRow> = texts
        .iter()
        .map(|t| (t.0.clone(), t.3.clone(), t.4.clone()))
        .collect();
    let primary = PrimaryText {
        language: row.primary_language.clone(),
        name: row.name.clone(),
        overview: row.overview.clone(),
    };
    let primary_extra = PrimaryText {
        language: row.primary_language.clone(),
        name: row.tagline.clone(),
        overview: row.homepage.clone(),
    };
    (
        resolve_text(&primary, &main, lang),
        resolve_text(&primary_extra, &extra, lang),
    )
}
