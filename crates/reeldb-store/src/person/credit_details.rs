//! One credit by its TMDB id (`GET /3/credit/{credit_id}`): the credit's rows on its series,
//! seasons and episodes, seen from the credit's side; and the season and episode media that
//! credit details and tagged images show.

use crate::db::{Db, in_list};
use crate::person::credits::rank;
use crate::translation::{PrimaryText, TranslationRow, resolve_text};
use crate::tv_episode::{EPISODE_SELECT, EpisodeRow};
use crate::value::ToSqlValue;
use crate::write::{CreditKind, Writer};
use crate::{Owner, Result};
use reeldb_wire::params::Language;
use reeldb_wire::person::{
    CreditDetails, CreditDetailsPerson, CreditMedia, EpisodeMedia, SeasonMedia,
};
use serde_json::json;
use std::collections::HashMap;

/// One row of a credit looked up by id, with its person.
struct CreditByIdRow {
    owner_type: String,
    owner_id: i64,
    kind: String,
    person_id: i64,
    character_name: Option<String>,
    department: Option<String>,
    job: Option<String>,
    adult: Option<i64>,
    name: Option<String>,
    original_name: Option<String>,
    popularity: Option<f64>,
    gender: Option<i64>,
    known_for_department: Option<String>,
    profile_path: Option<String>,
    series_id: i64,
}
crate::from_row!(CreditByIdRow {
    owner_type,
    owner_id,
    kind,
    person_id,
    character_name,
    department,
    job,
    adult,
    name,
    original_name,
    popularity,
    gender,
    known_for_department,
    profile_path,
    series_id,
});

/// A season row as credit details show it.
struct SeasonMediaRow {
    id: i64,
    series_id: i64,
    season_number: i64,
    air_date: Option<String>,
    poster_path: Option<String>,
    name: Option<String>,
    overview: Option<String>,
    primary_language: Option<String>,
    episode_count: i64,
    vote_average: Option<f64>,
}
crate::from_row!(SeasonMediaRow {
    id,
    series_id,
    season_number,
    air_date,
    poster_path,
    name,
    overview,
    primary_language,
    episode_count,
    vote_average,
});

fn id_params(ids: &[i64]) -> Vec<&dyn ToSqlValue> {
    ids.iter().map(|i| i as &dyn ToSqlValue).collect()
}

/// Translation rows of many owners of one kind in `lang`, by owner (one statement).
fn texts_of(
    db: &mut Db,
    owner_type: &str,
    ids: &[i64],
    lang: &Language,
) -> Result<HashMap<i64, Vec<TranslationRow>>> {
    let mut out: HashMap<i64, Vec<TranslationRow>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let mut params = id_params(ids);
    params.push(&lang.iso_639_1);
    params.push(&owner_type);
    let sql = format!(
        "SELECT owner_id, iso_3166_1, name, overview FROM translation
         WHERE owner_id IN ({}) AND iso_639_1 = ${} AND owner_type = ${} ORDER BY owner_id, iso_3166_1",
        in_list(1, ids.len()),
        ids.len() + 1,
        ids.len() + 2
    );
    let rows: Vec<(i64, String, Option<String>, Option<String>)> = db.query(&sql, &params)?;
    for (id, r, n, o) in rows {
        out.entry(id).or_default().push((r, n, o));
    }
    Ok(out)
}

impl Db {
    /// Seasons by TMDB id as credit details list them, with text in `lang` (two statements;
    /// none for no ids). `episode_count` is the number of the season's episodes the catalog
    /// knows.
    pub(crate) fn season_media(
        &mut self,
        ids: &[i64],
        lang: &Language,
    ) -> Result<Vec<SeasonMedia>> {
        Ok(self
            .season_media_votes(ids, lang)?
            .into_iter()
            .map(|(s, _)| s)
            .collect())
    }

    /// [`Db::season_media`] with each season's `vote_average` (find lists seasons with it).
    pub(crate) fn season_media_votes(
        &mut self,
        ids: &[i64],
        lang: &Language,
    ) -> Result<Vec<(SeasonMedia, Option<f64>)>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT s.id, s.series_id, s.season_number, s.air_date, s.poster_path, s.name, s.overview, s.primary_language,
               (SELECT COUNT(*) FROM tv_episode x WHERE x.series_id = s.series_id AND x.season_number = s.season_number) AS episode_count,
               s.vote_average
             FROM tv_season s WHERE s.id IN ({}) ORDER BY s.series_id, s.season_number",
            in_list(1, ids.len())
        );
        let rows: Vec<SeasonMediaRow> = self.query(&sql, &id_params(ids))?;
        let texts = texts_of(self, "season", ids, lang)?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let primary = PrimaryText {
                    language: r.primary_language,
                    name: r.name,
                    overview: r.overview,
                };
                let t = resolve_text(
                    &primary,
                    texts.get(&r.id).map(Vec::as_slice).unwrap_or_default(),
                    lang,
                );
                let season = SeasonMedia {
                    air_date: r.air_date,
                    episode_count: Some(r.episode_count),
                    id: r.id,
                    name: t.name,
                    overview: t.overview,
                    poster_path: r.poster_path,
                    season_number: r.season_number,
                    show_id: r.series_id,
                };
                (season, r.vote_average)
            })
            .collect())
    }

    /// Episodes by TMDB id as credit details and tagged images show them (two statements; none
    /// for no ids).
    pub(crate) fn episode_media(
        &mut self,
        ids: &[i64],
        lang: &Language,
    ) -> Result<Vec<EpisodeMedia>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "{EPISODE_SELECT} WHERE id IN ({}) ORDER BY series_id, season_number, episode_number",
            in_list(1, ids.len())
        );
        let rows: Vec<EpisodeRow> = self.query(&sql, &id_params(ids))?;
        let texts = texts_of(self, "episode", ids, lang)?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let t = resolve_text(
                    &r.primary_text(),
                    texts.get(&r.id).map(Vec::as_slice).unwrap_or_default(),
                    lang,
                );
                EpisodeMedia {
                    id: r.id,
                    name: t.name,
                    overview: t.overview,
                    media_type: "tv_episode".into(),
                    vote_average: r.vote_average,
                    vote_count: r.vote_count,
                    air_date: r.air_date,
                    episode_number: r.episode_number,
                    episode_type: r.episode_type,
                    production_code: r.production_code,
                    runtime: r.runtime,
                    season_number: r.season_number,
                    show_id: r.series_id,
                    still_path: r.still_path,
                }
            })
            .collect())
    }

    /// `GET /3/credit/{credit_id}`: the credit's rows (its series', seasons' and episodes'),
    /// seen from the credit's side; `None` when no row has that id. At most nine statements:
    /// rows, seasons 2, episodes 2, series summary 4.
    pub fn credit_details(
        &mut self,
        credit_id: &str,
        lang: &Language,
    ) -> Result<Option<CreditDetails>> {
        let rows: Vec<CreditByIdRow> = self.query(
            "SELECT c.owner_type, c.owner_id, c.kind, c.person_id, c.character_name, c.department, c.job,
               c.person_adult, c.person_name, c.person_original_name, c.person_popularity, c.person_gender,
               c.person_known_for_department, c.person_profile_path,
               COALESCE(s.series_id, e.series_id, c.owner_id) AS series_id
             FROM credit c
             LEFT JOIN tv_season s ON c.owner_type = 'season' AND s.id = c.owner_id
             LEFT JOIN tv_episode e ON c.owner_type = 'episode' AND e.id = c.owner_id
             WHERE c.credit_id = $1 AND c.owner_type IN ('tv', 'season', 'episode')",
            &[&credit_id],
        )?;
        let Some(best) = rows.iter().min_by_key(|r| rank(&r.owner_type)) else {
            return Ok(None);
        };
        let of = |t: &str| -> Vec<i64> {
            rows.iter()
                .filter(|r| r.owner_type == t)
                .map(|r| r.owner_id)
                .collect()
        };
        let seasons = self.season_media(&of("season"), lang)?;
        let episodes = self.episode_media(&of("episode"), lang)?;
        let Some(tv) = self
            .series_summaries(&[best.series_id], lang)?
            .into_iter()
            .next()
        else {
            return Ok(None);
        };
        let crew = best.kind == "crew";
        // TMDB's cast credits are the Acting department's, job Actor.
        let (department, job) = if crew {
            (best.department.clone(), best.job.clone())
        } else {
            (
                best.department.clone().or(Some("Acting".into())),
                best.job.clone().or(Some("Actor".into())),
            )
        };
        Ok(Some(CreditDetails {
            credit_type: if crew { "crew" } else { "cast" }.into(),
            department,
            job,
            media: CreditMedia {
                adult: tv.adult,
                backdrop_path: tv.backdrop_path,
                id: tv.id,
                name: tv.name,
                original_language: tv.original_language,
                original_name: tv.original_name,
                overview: tv.overview,
                poster_path: tv.poster_path,
                media_type: "tv".into(),
                genre_ids: tv.genre_ids,
                popularity: tv.popularity,
                first_air_date: tv.first_air_date,
                vote_average: tv.vote_average,
                vote_count: tv.vote_count,
                origin_country: tv.origin_country,
                character: if crew {
                    None
                } else {
                    Some(best.character_name.clone().unwrap_or_default())
                },
                episodes,
                seasons,
            },
            media_type: "tv".into(),
            id: credit_id.to_owned(),
            person: CreditDetailsPerson {
                adult: best.adult.map(|a| a != 0),
                id: best.person_id,
                name: best.name.clone(),
                original_name: best.original_name.clone(),
                media_type: "person".into(),
                popularity: best.popularity,
                gender: best.gender,
                known_for_department: best.known_for_department.clone(),
                profile_path: best.profile_path.clone(),
            },
        }))
    }
}

/// What a credit-details response states, for [`Writer::set_credit_details`].
#[derive(Debug, Clone)]
pub struct CreditDetailsFact {
    pub credit_id: String,
    pub person_id: i64,
    pub series_id: i64,
    pub crew: bool,
    pub character: Option<String>,
    pub department: Option<String>,
    pub job: Option<String>,
    /// Seasons the credit appears in, by TMDB id.
    pub season_ids: Vec<i64>,
    /// Episodes the credit appears in, by TMDB id.
    pub episode_ids: Vec<i64>,
}

impl Writer<'_> {
    /// Stores one credit as `/3/credit/{id}` states it: the series-level row, and a row on each
    /// season and episode it names (seasons and episodes must exist). Existing rows keep their
    /// title-side fields (regular flag, counts, order); only new rows are logged.
    pub fn set_credit_details(&mut self, f: &CreditDetailsFact) -> Result<()> {
        self.ensure_person(f.person_id)?;
        let kind = if f.crew {
            CreditKind::Crew
        } else {
            CreditKind::Cast
        };
        let mut owners = vec![Owner::series(f.series_id)];
        owners.extend(f.season_ids.iter().map(|id| Owner::season(*id)));
        owners.extend(f.episode_ids.iter().map(|id| Owner::episode(*id)));
        for owner in owners {
            // An episode-level cast credit is a guest appearance.
            let kind = if owner.kind == crate::OwnerKind::Episode && !f.crew {
                CreditKind::Guest
            } else {
                kind
            };
            let n = self.db.execute(
                "INSERT INTO credit (owner_type, owner_id, kind, credit_id, person_id, character_name, department, job, position)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
                   (SELECT COALESCE(MAX(position), -1) + 1 FROM credit WHERE owner_type = $1 AND owner_id = $2 AND kind = $3))
                 ON CONFLICT (owner_type, owner_id, kind, credit_id) DO NOTHING",
                &[
                    &owner.kind.as_str(),
                    &owner.id,
                    &kind.as_str(),
                    &f.credit_id,
                    &f.person_id,
                    &f.character,
                    &f.department,
                    &f.job,
                ],
            )?;
            if n > 0 {
                self.credited(f.person_id);
                let value = json!({"credit_id": f.credit_id, "person_id": f.person_id});
                self.record(
                    owner,
                    kind.change_key(),
                    "added",
                    None,
                    None,
                    Some(value),
                    None,
                )?;
            }
        }
        Ok(())
    }
}

impl Writer<'_> {
    /// Applies a season as credit details and tagged images show it: its TMDB id, air date and
    /// poster (the text is the caller's, by language). Fields a season's own details carry
    /// beyond these are left alone.
    pub fn set_season_media(&mut self, s: &SeasonMedia) -> Result<()> {
        self.ensure_season_id(s.show_id, s.season_number, s.id)?;
        let (o_air, o_poster): (Option<String>, Option<String>) = self.db.query_one(
            "SELECT air_date, poster_path FROM tv_season WHERE id = $1",
            &[&s.id],
        )?;
        self.db.execute(
            "UPDATE tv_season SET air_date = $2, poster_path = $3 WHERE id = $1",
            &[&s.id, &s.air_date, &s.poster_path],
        )?;
        let owner = Owner::season(s.id);
        self.diff_field(owner, "air_date", &o_air, &s.air_date)?;
        self.diff_field(owner, "poster_path", &o_poster, &s.poster_path)
    }
}
