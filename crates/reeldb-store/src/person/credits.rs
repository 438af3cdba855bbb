//! A person's credits, seen from the person's side of the same credit rows that serve titles
//! (owners `tv`, `season`, `episode`).
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

use crate::db::Db;
use crate::write::{CreditKind, Writer};
use crate::{Owner, Result};
use reeldb_wire::params::Language;
use reeldb_wire::person::{
    ByMediaType, PersonCombinedCredits, PersonCredits, PersonMovieCredits, PersonTvCast,
    PersonTvCredits, PersonTvCrew,
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
});

/// The select list and joins of [`PersonCreditRow`].
pub(crate) const PERSON_CREDIT_FROM: &str = "c.owner_type, c.owner_id, c.kind, c.credit_id, c.character_name, c.department,
    c.job, c.episode_count, c.first_air_date, c.person_position,
    COALESCE(s.series_id, e.series_id, c.owner_id) AS series_id,
    COALESCE(e.air_date, s.air_date) AS air_date,
    CASE WHEN c.owner_type = 'season' THEN
      (SELECT COUNT(*) FROM tv_episode x WHERE x.series_id = s.series_id AND x.season_number = s.season_number)
    END AS season_episodes
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

pub(crate) fn rank(owner_type: &str) -> u8 {
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

    /// `/person/{id}/combined_credits`: the TV part, then the movie part, each with
    /// `media_type` (ten statements at most with the person check).
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
        let (movie_cast, movie_crew) = self.person_movie_parts(id, lang, Some("movie"))?;
        Ok(Some(PersonCredits {
            cast: cast
                .into_iter()
                .map(ByMediaType::Tv)
                .chain(movie_cast.into_iter().map(ByMediaType::Movie))
                .collect(),
            crew: crew
                .into_iter()
                .map(ByMediaType::Tv)
                .chain(movie_crew.into_iter().map(ByMediaType::Movie))
                .collect(),
            id,
        }))
    }

    /// `/person/{id}/movie_credits`: the movie part of combined credits, from the `credit`
    /// rows of the catalog's movies (five statements at most with the person check).
    pub fn person_movie_credits(
        &mut self,
        id: i64,
        lang: &Language,
    ) -> Result<Option<PersonMovieCredits>> {
        if !self.person_exists(id)? {
            return Ok(None);
        }
        let (cast, crew) = self.person_movie_parts(id, lang, None)?;
        Ok(Some(PersonCredits { cast, crew, id }))
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
            self.credited(person_id);
            if let Some(o) = &old {
                self.credited(o.0);
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
