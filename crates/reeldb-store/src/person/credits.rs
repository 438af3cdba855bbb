//! A person's credits, seen from the person's side of the same credit rows that serve titles
//! (owners `tv`, `season`, `episode`), and one credit by its TMDB id (`/3/credit/{id}`).
//!
//! How TMDB's person `tv_credits` relate to the title-side rows: TMDB lists one entry per
//! *series-level* credit id. A series regular's credit id is the one the series' and its
//! seasons' credits and aggregate credits repeat (the same id in every season); a guest
//! appearance keeps its episode credit id, one entry per guest credit. So the rows of one
//! person are grouped by credit id (cast and guests as cast, crew as crew), and each group is
//! one entry of the series its rows belong to:
//! - a `tv`-owned row (from a series' credits, or from a person-side import) gives the entry's
//!   fields, episode count and first air date as the source stated them;
//! - otherwise the entry is derived: the episode count is the sum of the season rows' stated
//!   counts (a season row without one counts the season's known episodes), or else the number
//!   of episodes the credit appears in; the first credit air date is the earliest air date of
//!   those episodes (else of those seasons).
//!
//! Entries keep a person-side import's order; entries only the title side knows follow, by
//! credit id (TMDB ids are ObjectIds, which sort by creation time).

use crate::db::{Db, in_list};
use crate::translation::{PrimaryText, TranslationRow, resolve_text};
use crate::tv_episode::{EPISODE_SELECT, EpisodeRow};
use crate::value::ToSqlValue;
use crate::write::{CreditKind, Writer};
use crate::{Owner, Result};
use reeldb_wire::params::Language;
use reeldb_wire::person::{
    ByMediaType, CreditDetails, CreditDetailsPerson, CreditMedia, EpisodeMedia,
    PersonCombinedCredits, PersonCredits, PersonMovieCredits, PersonTvCast, PersonTvCredits,
    PersonTvCrew, SeasonMedia,
};
use reeldb_wire::tv::TvSummary;
use serde_json::json;
use std::collections::HashMap;

/// One credit row of a person, with the series it belongs to.
pub(crate) struct PersonCreditRow {
    pub owner_type: String,
    pub owner_id: i64,
    pub kind: String,
    pub credit_id: String,
    pub character_name: Option<String>,
    pub department: Option<String>,
    pub job: Option<String>,
    pub episode_count: Option<i64>,
    pub first_air_date: Option<String>,
    pub person_position: Option<i64>,
    pub series_id: i64,
    pub air_date: Option<String>,
    pub season_episodes: Option<i64>,
    pub person_id: i64,
}
crate::from_row!(PersonCreditRow {
    owner_type,
    owner_id,
    kind,
    credit_id,
    character_name,
    department,
    job,
    episode_count,
    first_air_date,
    person_position,
    series_id,
    air_date,
    season_episodes,
    person_id,
});

/// The select list and joins of [`PersonCreditRow`] (with `c.person_id` for batched reads).
pub(crate) const PERSON_CREDIT_FROM: &str = "c.owner_type, c.owner_id, c.kind, c.credit_id, c.character_name, c.department,
    c.job, c.episode_count, c.first_air_date, c.person_position,
    COALESCE(s.series_id, e.series_id, c.owner_id) AS series_id,
    COALESCE(e.air_date, s.air_date) AS air_date,
    CASE WHEN c.owner_type = 'season' THEN
      (SELECT COUNT(*) FROM tv_episode x WHERE x.series_id = s.series_id AND x.season_number = s.season_number)
    END AS season_episodes, c.person_id
    FROM credit c
    LEFT JOIN tv_season s ON c.owner_type = 'season' AND s.id = c.owner_id
    LEFT JOIN tv_episode e ON c.owner_type = 'episode' AND e.id = c.owner_id";

/// One person-side entry: a group of rows sharing a credit id.
pub(crate) struct Entry {
    pub crew: bool,
    pub credit_id: String,
    pub series_id: i64,
    pub character: Option<String>,
    pub department: Option<String>,
    pub job: Option<String>,
    pub episode_count: Option<i64>,
    pub first_credit_air_date: Option<String>,
    pub position: Option<i64>,
}

fn rank(owner_type: &str) -> u8 {
    match owner_type {
        "tv" => 0,
        "season" => 1,
        _ => 2,
    }
}

/// Groups a person's rows into entries, in person-side order (see the module doc).
pub(crate) fn entries(rows: &[PersonCreditRow]) -> Vec<Entry> {
    let mut groups: Vec<((bool, &str), Vec<&PersonCreditRow>)> = Vec::new();
    let mut index: HashMap<(bool, &str), usize> = HashMap::new();
    for r in rows {
        let key = (r.kind == "crew", r.credit_id.as_str());
        match index.get(&key) {
            Some(&i) => groups[i].1.push(r),
            None => {
                index.insert(key, groups.len());
                groups.push((key, vec![r]));
            }
        }
    }
    let mut out: Vec<Entry> = groups
        .into_iter()
        .map(|((crew, credit_id), mut rows)| {
            rows.sort_by_key(|r| rank(&r.owner_type));
            let best = rows[0];
            let (episode_count, first) = if best.owner_type == "tv" {
                (best.episode_count, best.first_air_date.clone())
            } else {
                let seasons: Vec<&&PersonCreditRow> =
                    rows.iter().filter(|r| r.owner_type == "season").collect();
                let episodes: Vec<&&PersonCreditRow> =
                    rows.iter().filter(|r| r.owner_type == "episode").collect();
                let count = if seasons.is_empty() {
                    let mut ids: Vec<i64> = episodes.iter().map(|r| r.owner_id).collect();
                    ids.sort_unstable();
                    ids.dedup();
                    ids.len() as i64
                } else {
                    seasons
                        .iter()
                        .map(|r| r.episode_count.or(r.season_episodes).unwrap_or(0))
                        .sum()
                };
                let from = if episodes.is_empty() {
                    &seasons
                } else {
                    &episodes
                };
                let first = from.iter().filter_map(|r| r.air_date.clone()).min();
                (Some(count), first)
            };
            Entry {
                crew,
                credit_id: credit_id.to_owned(),
                series_id: best.series_id,
                character: best.character_name.clone(),
                department: best.department.clone(),
                job: best.job.clone(),
                episode_count,
                first_credit_air_date: first,
                position: rows.iter().filter_map(|r| r.person_position).min(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        (a.position.is_none(), a.position, &a.credit_id).cmp(&(
            b.position.is_none(),
            b.position,
            &b.credit_id,
        ))
    });
    out
}

/// Which TV owners a person's credits come from.
const TV_OWNERS: &str = "c.owner_type IN ('tv', 'season', 'episode')";

impl Db {
    /// A person's TV credits as entries, with the summaries of their series (five statements).
    fn person_tv_entries(
        &mut self,
        id: i64,
        lang: &Language,
    ) -> Result<(Vec<Entry>, HashMap<i64, TvSummary>)> {
        let sql = format!("SELECT {PERSON_CREDIT_FROM} WHERE c.person_id = $1 AND {TV_OWNERS}");
        let rows: Vec<PersonCreditRow> = self.query(&sql, &[&id])?;
        let entries = entries(&rows);
        let mut ids: Vec<i64> = entries.iter().map(|e| e.series_id).collect();
        ids.sort_unstable();
        ids.dedup();
        let summaries = self
            .series_summaries(&ids, lang)?
            .into_iter()
            .map(|s| (s.id, s))
            .collect();
        Ok((entries, summaries))
    }

    /// `/person/{id}/tv_credits` (six statements at most with the person check); `None` for an
    /// unknown person.
    pub fn person_tv_credits(
        &mut self,
        id: i64,
        lang: &Language,
    ) -> Result<Option<PersonTvCredits>> {
        if !self.person_exists(id)? {
            return Ok(None);
        }
        let (entries, summaries) = self.person_tv_entries(id, lang)?;
        let (cast, crew) = tv_parts(&entries, &summaries, None);
        Ok(Some(PersonCredits { cast, crew, id }))
    }

    /// `/person/{id}/combined_credits`: the TV part with `media_type`; the movie part is empty,
    /// as this catalog holds no movies yet (they will add `movie`-owned rows to the same read).
    pub fn person_combined_credits(
        &mut self,
        id: i64,
        lang: &Language,
    ) -> Result<Option<PersonCombinedCredits>> {
        if !self.person_exists(id)? {
            return Ok(None);
        }
        let (entries, summaries) = self.person_tv_entries(id, lang)?;
        let (cast, crew) = tv_parts(&entries, &summaries, Some("tv"));
        Ok(Some(PersonCredits {
            cast: cast.into_iter().map(ByMediaType::Tv).collect(),
            crew: crew.into_iter().map(ByMediaType::Tv).collect(),
            id,
        }))
    }

    /// `/person/{id}/movie_credits`: the movie part of combined credits, empty in a catalog
    /// without movies (one statement: the person check).
    pub fn person_movie_credits(&mut self, id: i64) -> Result<Option<PersonMovieCredits>> {
        if !self.person_exists(id)? {
            return Ok(None);
        }
        Ok(Some(PersonCredits {
            cast: Vec::new(),
            crew: Vec::new(),
            id,
        }))
    }
}

/// Cast and crew entries with their series' list fields (entries of unknown series are left
/// out).
fn tv_parts(
    entries: &[Entry],
    summaries: &HashMap<i64, TvSummary>,
    media_type: Option<&str>,
) -> (Vec<PersonTvCast>, Vec<PersonTvCrew>) {
    let mut cast = Vec::new();
    let mut crew = Vec::new();
    for e in entries {
        let Some(tv) = summaries.get(&e.series_id) else {
            continue;
        };
        if e.crew {
            crew.push(PersonTvCrew {
                tv: tv.clone(),
                credit_id: e.credit_id.clone(),
                department: e.department.clone(),
                episode_count: e.episode_count,
                first_credit_air_date: e.first_credit_air_date.clone(),
                job: e.job.clone(),
                media_type: media_type.map(str::to_owned),
            });
        } else {
            cast.push(PersonTvCast {
                tv: tv.clone(),
                character: e.character.clone(),
                credit_id: e.credit_id.clone(),
                episode_count: e.episode_count,
                first_credit_air_date: e.first_credit_air_date.clone(),
                media_type: media_type.map(str::to_owned),
            });
        }
    }
    (cast, crew)
}

/// A person's series-level TV credit, as a person-side response states it.
#[derive(Debug, Clone)]
pub struct PersonTvCreditFact {
    pub series_id: i64,
    pub crew: bool,
    pub credit_id: String,
    pub character: Option<String>,
    pub department: Option<String>,
    pub job: Option<String>,
    pub episode_count: Option<i64>,
    pub first_air_date: Option<String>,
}

type TvRow = (
    i64,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<String>,
    Option<i64>,
);

impl Writer<'_> {
    /// Stores a person's series-level TV credits (owner `tv`, `regular` 0: a person-side
    /// import does not say whether a credit is a series regular), each at its place in the
    /// person's list. Credits missing from the list are kept: a person-side list is read as
    /// what it states, removals come from the titles' side. New and changed credits are logged
    /// on the series, as title-side credit changes are.
    pub fn set_person_tv_credits(
        &mut self,
        person_id: i64,
        credits: &[PersonTvCreditFact],
    ) -> Result<()> {
        self.ensure_person(person_id)?;
        for (pos, c) in credits.iter().enumerate() {
            let kind = if c.crew {
                CreditKind::Crew
            } else {
                CreditKind::Cast
            };
            let owner = Owner::series(c.series_id);
            let old: Option<TvRow> = self.db.query_opt(
                "SELECT person_id, character_name, department, job, episode_count, first_air_date, person_position FROM credit
                 WHERE owner_type = 'tv' AND owner_id = $1 AND kind = $2 AND credit_id = $3",
                &[&c.series_id, &kind.as_str(), &c.credit_id],
            )?;
            let new: TvRow = (
                person_id,
                c.character.clone(),
                c.department.clone(),
                c.job.clone(),
                c.episode_count,
                c.first_air_date.clone(),
                Some(pos as i64),
            );
            if old.as_ref() == Some(&new) {
                continue;
            }
            self.db.execute(
                "INSERT INTO credit (owner_type, owner_id, kind, credit_id, person_id, character_name, department, job,
                   episode_count, first_air_date, person_position, position)
                 VALUES ('tv', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
                   (SELECT COALESCE(MAX(position), -1) + 1 FROM credit WHERE owner_type = 'tv' AND owner_id = $1 AND kind = $2))
                 ON CONFLICT (owner_type, owner_id, kind, credit_id) DO UPDATE SET person_id = excluded.person_id,
                   character_name = excluded.character_name, department = excluded.department, job = excluded.job,
                   episode_count = excluded.episode_count, first_air_date = excluded.first_air_date,
                   person_position = excluded.person_position",
                &[
                    &c.series_id,
                    &kind.as_str(),
                    &c.credit_id,
                    &person_id,
                    &c.character,
                    &c.department,
                    &c.job,
                    &c.episode_count,
                    &c.first_air_date,
                    &(pos as i64),
                ],
            )?;
            // Only a move in the person's list: nothing TMDB tracks changed.
            let moved_only = old.as_ref().is_some_and(|o| {
                (&o.0, &o.1, &o.2, &o.3, &o.4) == (&new.0, &new.1, &new.2, &new.3, &new.4)
            });
            if moved_only {
                continue;
            }
            let value = if c.crew {
                json!({"credit_id": c.credit_id, "person_id": person_id, "department": c.department, "job": c.job})
            } else {
                json!({"credit_id": c.credit_id, "person_id": person_id, "character": c.character})
            };
            let action = if old.is_some() { "updated" } else { "added" };
            self.record(owner, kind.as_str(), action, None, None, Some(value), None)?;
        }
        Ok(())
    }
}

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
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT s.id, s.series_id, s.season_number, s.air_date, s.poster_path, s.name, s.overview, s.primary_language,
               (SELECT COUNT(*) FROM tv_episode x WHERE x.series_id = s.series_id AND x.season_number = s.season_number) AS episode_count
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
                SeasonMedia {
                    air_date: r.air_date,
                    episode_count: Some(r.episode_count),
                    id: r.id,
                    name: t.name,
                    overview: t.overview,
                    poster_path: r.poster_path,
                    season_number: r.season_number,
                    show_id: r.series_id,
                }
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
               p.adult, p.name, p.original_name, p.popularity, p.gender, p.known_for_department, p.profile_path,
               COALESCE(s.series_id, e.series_id, c.owner_id) AS series_id
             FROM credit c LEFT JOIN person p ON p.id = c.person_id
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
