//! TV seasons: addressed by `(series, season number)`, or by TMDB id once a season-level
//! response named it.
//!
//! Every read here runs a fixed number of statements whatever the season's size: lists of
//! episodes, their translations, credits and stills are each read for the whole season at once.

use crate::credit::{CREDIT_COLUMNS, CreditJoin, cast_of, crew_of};
use crate::db::Db;
use crate::translation::{PrimaryText, TranslationRow, resolve_text};
use crate::tv_episode::{EPISODE_SELECT, EpisodeRow};
use crate::{Owner, Result};
use reeldb_wire::params::Language;
use reeldb_wire::tv::{
    AggregateCast, AggregateCredits, AggregateCrew, AggregateJob, AggregateRole, SeasonCredits,
    SeasonDetails, SeasonEpisode,
};
use std::collections::HashMap;

/// A season the catalog knows by its TMDB id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeasonRef {
    pub id: i64,
    pub series_id: i64,
    pub season_number: i64,
}

struct SeasonRow {
    object_id: Option<String>,
    air_date: Option<String>,
    poster_path: Option<String>,
    vote_average: Option<f64>,
    name: Option<String>,
    overview: Option<String>,
    primary_language: Option<String>,
}

crate::from_row!(SeasonRow {
    object_id,
    air_date,
    poster_path,
    vote_average,
    name,
    overview,
    primary_language,
});

impl Db {
    /// The season at `(series_id, season_number)`, if the catalog knows its TMDB id (one
    /// statement).
    pub fn season_ref(&mut self, series_id: i64, season_number: i64) -> Result<Option<SeasonRef>> {
        let id: Option<Option<i64>> = self.scalar_opt(
            "SELECT id FROM tv_season WHERE series_id = $1 AND season_number = $2",
            &[&series_id, &season_number],
        )?;
        Ok(id.flatten().map(|id| SeasonRef {
            id,
            series_id,
            season_number,
        }))
    }

    /// The season with TMDB id `id` (one statement).
    pub fn season_by_id(&mut self, id: i64) -> Result<Option<SeasonRef>> {
        let row: Option<(i64, i64)> = self.query_opt(
            "SELECT series_id, season_number FROM tv_season WHERE id = $1",
            &[&id],
        )?;
        Ok(row.map(|(series_id, season_number)| SeasonRef {
            id,
            series_id,
            season_number,
        }))
    }

    /// `GET /3/tv/{series_id}/season/{season_number}`: at most nine statements (row,
    /// translations, posters, networks, episodes, their translations, their credits, and their
    /// stills when some episode has none named).
    pub fn season_details(&mut self, s: &SeasonRef, lang: &Language) -> Result<SeasonDetails> {
        let row: SeasonRow = self.query_one(
            "SELECT object_id, air_date, poster_path, vote_average, name, overview, primary_language FROM tv_season WHERE id = $1",
            &[&s.id],
        )?;
        let owner = Owner::season(s.id);
        let primary = PrimaryText {
            language: row.primary_language,
            name: row.name,
            overview: row.overview,
        };
        let text = resolve_text(&primary, &self.translation_rows(owner, lang)?, lang);
        // TMDB: the best poster in the requested language, else the one the source named, else
        // the best rated.
        let posters = self.images(owner, "poster", &None)?;
        let poster_path = posters
            .iter()
            .find(|i| i.iso_639_1.as_deref() == Some(lang.iso_639_1.as_str()))
            .map(|i| i.file_path.clone())
            .or(row.poster_path)
            .or_else(|| posters.first().map(|i| i.file_path.clone()));
        let networks = self.series_networks(s.series_id)?;
        Ok(SeasonDetails {
            object_id: row.object_id,
            air_date: row.air_date,
            episodes: self.season_episodes(s, lang)?,
            name: text.name,
            networks,
            overview: text.overview,
            id: s.id,
            poster_path,
            season_number: s.season_number,
            vote_average: row.vote_average,
        })
    }

    /// The episodes of a season as season details list them: four statements at most.
    fn season_episodes(&mut self, s: &SeasonRef, lang: &Language) -> Result<Vec<SeasonEpisode>> {
        let sql = format!(
            "{EPISODE_SELECT} WHERE series_id = $1 AND season_number = $2 ORDER BY episode_number"
        );
        let rows: Vec<EpisodeRow> = self.query(&sql, &[&s.series_id, &s.season_number])?;
        let texts: Vec<(i64, String, Option<String>, Option<String>)> = self.query(
            "SELECT t.owner_id, t.iso_3166_1, t.name, t.overview FROM tv_episode e CROSS JOIN translation t
             WHERE e.series_id = $1 AND e.season_number = $2 AND t.owner_type = 'episode' AND t.owner_id = e.id
               AND t.iso_639_1 = $3 ORDER BY t.iso_3166_1",
            &[&s.series_id, &s.season_number, &lang.iso_639_1],
        )?;
        let mut by_episode: HashMap<i64, Vec<TranslationRow>> = HashMap::new();
        for (id, r, n, o) in texts {
            by_episode.entry(id).or_default().push((r, n, o));
        }
        let credits = self.season_episode_credits(s)?;
        let mut credits_by_episode: HashMap<i64, Vec<&CreditJoin>> = HashMap::new();
        for c in &credits {
            credits_by_episode.entry(c.owner_id).or_default().push(c);
        }
        // Episodes whose source named no still show their best rated one: read for the whole
        // season in one statement, first row per episode.
        let mut stills: HashMap<i64, String> = HashMap::new();
        if rows.iter().any(|r| r.still_path.is_none()) {
            let sql = "SELECT i.owner_id, i.file_path FROM tv_episode e CROSS JOIN image i
                 WHERE e.series_id = $1 AND e.season_number = $2 AND i.owner_type = 'episode'
                   AND i.owner_id = e.id AND i.kind = 'still'
                 ORDER BY i.owner_id, COALESCE(i.vote_average, 0) DESC, i.position";
            let found: Vec<(i64, String)> = self.query(sql, &[&s.series_id, &s.season_number])?;
            for (id, path) in found {
                stills.entry(id).or_insert(path);
            }
        }
        let no_credits = Vec::new();
        Ok(rows
            .into_iter()
            .map(|r| {
                let text = resolve_text(
                    &r.primary_text(),
                    by_episode.get(&r.id).map(Vec::as_slice).unwrap_or_default(),
                    lang,
                );
                let mine = credits_by_episode.get(&r.id).unwrap_or(&no_credits);
                SeasonEpisode {
                    air_date: r.air_date,
                    episode_number: r.episode_number,
                    episode_type: r.episode_type,
                    id: r.id,
                    name: text.name,
                    overview: text.overview,
                    production_code: r.production_code,
                    runtime: r.runtime,
                    season_number: r.season_number,
                    show_id: Some(r.series_id),
                    still_path: r.still_path.or_else(|| stills.remove(&r.id)),
                    vote_average: r.vote_average,
                    vote_count: r.vote_count,
                    crew: crew_of(mine.iter().copied()),
                    guest_stars: cast_of(mine.iter().copied(), "guest"),
                }
            })
            .collect())
    }

    /// Credits of every episode of a season, in one statement.
    fn season_episode_credits(&mut self, s: &SeasonRef) -> Result<Vec<CreditJoin>> {
        let sql = format!(
            // CROSS JOIN keeps SQLite's planner walking the season's episodes first (by index),
            // with or without statistics; PostgreSQL plans it like any inner join.
            "SELECT {CREDIT_COLUMNS} FROM tv_episode e CROSS JOIN credit c LEFT JOIN person p ON p.id = c.person_id
             WHERE e.series_id = $1 AND e.season_number = $2 AND c.owner_type = 'episode' AND c.owner_id = e.id
             ORDER BY e.episode_number, c.position"
        );
        self.query(&sql, &[&s.series_id, &s.season_number])
    }

    /// `GET .../season/{n}/credits`: the season's regular cast and crew (one statement).
    pub fn season_credits(&mut self, s: &SeasonRef) -> Result<SeasonCredits> {
        let credits = self.credits_of(Owner::season(s.id))?;
        let regular: Vec<&CreditJoin> = credits.iter().filter(|c| c.regular == 1).collect();
        Ok(SeasonCredits {
            cast: cast_of(regular.iter().copied(), "cast"),
            crew: crew_of(regular.iter().copied()),
            id: s.id,
        })
    }

    pub fn season_aggregate_credits(&mut self, s: &SeasonRef) -> Result<AggregateCredits> {
        let season_rows = self.credits_of(Owner::season(s.id))?;
        let episode_rows = self.season_episode_credits(s)?;
        let episodes_in_season: i64 = self.scalar(
            "SELECT COUNT(*) FROM tv_episode WHERE series_id = $1 AND season_number = $2",
            &[&s.series_id, &s.season_number],
        )?;

        // One entry per (class, credit_id), in first-seen order: season rows by aggregate
        // position, then episode rows.
        struct Entry<'a> {
            row: &'a CreditJoin,
            count: i64,
            rank: (i64, i64),
        }
        let mut season_sorted: Vec<&CreditJoin> = season_rows.iter().collect();
        season_sorted.sort_by_key(|r| r.agg_position.unwrap_or(i64::MAX));
        let mut entries: Vec<Entry> = Vec::new();
        let mut index: HashMap<(bool, &str), usize> = HashMap::new();
        let mut seen_in_episode: HashMap<(bool, &str), std::collections::HashSet<i64>> =
            HashMap::new();
        for r in &episode_rows {
            let key = (r.kind == "crew", r.credit_id.as_str());
            seen_in_episode.entry(key).or_default().insert(r.owner_id);
        }
        for (i, r) in season_sorted.iter().enumerate() {
            let key = (r.kind == "crew", r.credit_id.as_str());
            let counted = seen_in_episode.get(&key).map_or(0, |s| s.len() as i64);
            let count = r.episode_count.unwrap_or(if counted > 0 {
                counted
            } else {
                episodes_in_season
            });
            index.insert(key, entries.len());
            entries.push(Entry {
                row: r,
                count,
                rank: (0, i as i64),
            });
        }
        let stated = |crew: bool| {
            season_rows
                .iter()
                .any(|r| (r.kind == "crew") == crew && r.agg_position.is_some())
        };
        let (stated_cast, stated_crew) = (stated(false), stated(true));
        for (i, r) in episode_rows.iter().enumerate() {
            let key = (r.kind == "crew", r.credit_id.as_str());
            let stated = if key.0 { stated_crew } else { stated_cast };
            if stated || index.contains_key(&key) {
                continue;
            }
            index.insert(key, entries.len());
            entries.push(Entry {
                row: r,
                count: seen_in_episode.get(&key).map_or(1, |s| s.len() as i64),
                rank: (1, i as i64),
            });
        }

        let mut cast: Vec<(AggregateCast, (i64, i64))> = Vec::new();
        let mut crew: Vec<(AggregateCrew, (i64, i64))> = Vec::new();
        for e in &entries {
            let r = e.row;
            if r.kind == "crew" {
                let job = AggregateJob {
                    credit_id: r.credit_id.clone(),
                    job: r.job.clone(),
                    episode_count: Some(e.count),
                };
                match crew
                    .iter_mut()
                    .find(|(c, _)| c.person.id == r.person_id && c.department == r.department)
                {
                    Some((c, _)) => {
                        c.jobs.push(job);
                        c.total_episode_count = Some(c.total_episode_count.unwrap_or(0) + e.count);
                    }
                    None => crew.push((
                        AggregateCrew {
                            person: r.person(),
                            jobs: vec![job],
                            department: r.department.clone(),
                            total_episode_count: Some(e.count),
                        },
                        e.rank,
                    )),
                }
            } else {
                let role = AggregateRole {
                    credit_id: r.credit_id.clone(),
                    character: r.character_name.clone(),
                    episode_count: Some(e.count),
                };
                match cast.iter_mut().find(|(c, _)| c.person.id == r.person_id) {
                    Some((c, _)) => {
                        c.roles.push(role);
                        c.total_episode_count = Some(c.total_episode_count.unwrap_or(0) + e.count);
                    }
                    None => cast.push((
                        AggregateCast {
                            person: r.person(),
                            roles: vec![role],
                            total_episode_count: Some(e.count),
                            order: r.ord,
                        },
                        e.rank,
                    )),
                }
            }
        }
        // TMDB's order: cast by episodes desc then billing order; crew by department, then
        // episodes desc.
        cast.sort_by_key(|(c, rank)| {
            (
                -c.total_episode_count.unwrap_or(0),
                c.order.unwrap_or(i64::MAX),
                *rank,
            )
        });
        crew.sort_by(|(a, ra), (b, rb)| {
            a.department
                .cmp(&b.department)
                .then(b.total_episode_count.cmp(&a.total_episode_count))
                .then(ra.cmp(rb))
        });
        Ok(AggregateCredits {
            cast: cast.into_iter().map(|c| c.0).collect(),
            crew: crew.into_iter().map(|c| c.0).collect(),
            id: s.id,
        })
    }
}
