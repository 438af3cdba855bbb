//! A season's credits: the regulars `/credits` lists, and aggregate credits derived from the
//! season's and its episodes' credit rows (one fact, many views).

use crate::credit::{ByKind, CreditJoin};
use crate::db::Db;
use crate::tv_season::SeasonRef;
use crate::write::AggregateRow;
use crate::write::CreditFact;
use crate::write::CreditKind;
use crate::write::RegularRow;
use crate::write::Writer;
use crate::{Owner, Result};
use reeldb_wire::tv::{
    AggregateCast, AggregateCredits, AggregateCrew, AggregateJob, AggregateRole, SeasonCredits,
};
use std::collections::HashMap;
use std::collections::HashSet;

impl Db {
    /// `GET .../season/{n}/credits`: the season's regular cast and crew (one statement).
    pub fn season_credits(&mut self, s: &SeasonRef) -> Result<SeasonCredits> {
        let regular = ByKind::regulars(self.credits_of(Owner::season(s.id))?);
        Ok(SeasonCredits {
            cast: regular.cast,
            crew: regular.crew,
            id: s.id,
        })
    }

    /// `GET .../season/{n}/aggregate_credits`, derived by [`aggregate_credits`] from the
    /// season's rows and its episodes' (three statements).
    pub fn season_aggregate_credits(&mut self, s: &SeasonRef) -> Result<AggregateCredits> {
        let season_rows = self.credits_of(Owner::season(s.id))?;
        let episode_rows = self.season_episode_credits(s)?;
        let episodes_in_season: i64 = self.scalar(
            "SELECT COUNT(*) FROM tv_episode WHERE series_id = $1 AND season_number = $2",
            &[&s.series_id, &s.season_number],
        )?;
        Ok(aggregate_credits(
            &season_rows,
            &episode_rows,
            episodes_in_season,
            s.id,
        ))
    }
}

/// Aggregate credits of an owner (a season or a series) whose episodes are `episode_rows`:
/// the owner's own rows first (what an imported aggregate stated, by aggregate position, with
/// its episode counts), then, for a class (cast or crew) the owner states nothing for, every
/// episode credit counted over the episodes it appears in. One fact, many views: the same
/// credit rows serve episode credits, season aggregates and series aggregates.
pub(crate) fn aggregate_credits(
    season_rows: &[CreditJoin],
    episode_rows: &[CreditJoin],
    episodes_in_season: i64,
    id: i64,
) -> AggregateCredits {
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
    let mut seen_in_episode: HashMap<(bool, &str), std::collections::HashSet<i64>> = HashMap::new();
    for r in episode_rows {
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
    AggregateCredits {
        cast: cast.into_iter().map(|c| c.0).collect(),
        crew: crew.into_iter().map(|c| c.0).collect(),
        id,
    }
}

impl Writer<'_> {
    /// Sets columns of one owner-level credit (`set` is a fixed SQL assignment list).
    pub(crate) fn update_owner_credit(
        &mut self,
        owner: Owner,
        kind: CreditKind,
        credit_id: &str,
        set: &str,
    ) -> Result<()> {
        let sql = format!(
            "UPDATE credit SET {set} WHERE owner_type = $1 AND owner_id = $2 AND kind = $3 AND credit_id = $4"
        );
        self.db.execute(
            &sql,
            &[&owner.kind.as_str(), &owner.id, &kind.as_str(), &credit_id],
        )?;
        Ok(())
    }

    /// Sets the season's regular credits (what its `/credits` lists), cast and crew.
    pub fn set_season_regulars(
        &mut self,
        season_id: i64,
        cast: &[CreditFact],
        crew: &[CreditFact],
    ) -> Result<()> {
        self.set_regulars(Owner::season(season_id), cast, crew)
    }

    /// Sets the regular credits of a season or series (what its `/credits` lists).
    pub fn set_regulars(
        &mut self,
        owner: Owner,
        cast: &[CreditFact],
        crew: &[CreditFact],
    ) -> Result<()> {
        for (kind, list) in [(CreditKind::Cast, cast), (CreditKind::Crew, crew)] {
            let ids: Vec<&str> = list.iter().map(|c| c.credit_id.as_str()).collect();
            let old: Vec<RegularRow> = self.db.query(
                "SELECT credit_id, regular, episode_count, character_name, department, job, ord FROM credit WHERE owner_type = $1 AND owner_id = $2 AND kind = $3",
                &[&owner.kind.as_str(), &owner.id, &kind.as_str()],
            )?;
            for (credit_id, regular, episode_count, ..) in &old {
                if *regular == 1 && !ids.contains(&credit_id.as_str()) {
                    if episode_count.is_some() {
                        self.update_owner_credit(owner, kind, credit_id, "regular = 0")?;
                    } else {
                        self.delete_credit(owner, kind, credit_id)?;
                    }
                    self.record_credit_gone(owner, kind, credit_id)?;
                }
            }
            for (pos, c) in list.iter().enumerate() {
                let before = old.iter().find(|o| o.0 == c.credit_id);
                self.upsert_credit(owner, kind, c, pos as i64)?;
                self.update_owner_credit(owner, kind, &c.credit_id, "regular = 1")?;
                let changed = before.is_none_or(|b| {
                    b.1 != 1
                        || b.3 != c.character
                        || b.4 != c.department
                        || b.5 != c.job
                        || b.6 != c.order
                });
                if changed {
                    let action = if before.is_some_and(|b| b.1 == 1) {
                        "updated"
                    } else {
                        "added"
                    };
                    self.record(
                        owner,
                        kind.change_key(),
                        action,
                        None,
                        None,
                        Some(c.change_value(kind)),
                        None,
                    )?;
                }
            }
        }
        Ok(())
    }

    /// Sets the season's aggregate credits: every credit with the episodes it appears in.
    /// `cast`/`crew` are in aggregate order (people, then each person's roles).
    pub fn set_season_aggregate(
        &mut self,
        season_id: i64,
        cast: &[CreditFact],
        crew: &[CreditFact],
    ) -> Result<()> {
        self.set_aggregate(Owner::season(season_id), cast, crew)
    }

    /// Sets the aggregate credits of a season or series as a source states them. They are
    /// stored on the owner's own credit rows (episode count and aggregate position); a
    /// credit that is neither a regular nor in the aggregate leaves the owner.
    pub fn set_aggregate(
        &mut self,
        owner: Owner,
        cast: &[CreditFact],
        crew: &[CreditFact],
    ) -> Result<()> {
        for (kind, list) in [(CreditKind::Cast, cast), (CreditKind::Crew, crew)] {
            let ids: HashSet<&str> = list.iter().map(|c| c.credit_id.as_str()).collect();
            let old: Vec<AggregateRow> = self.db.query(
                "SELECT credit_id, regular, episode_count, ord, character_name, job FROM credit WHERE owner_type = $1 AND owner_id = $2 AND kind = $3",
                &[&owner.kind.as_str(), &owner.id, &kind.as_str()],
            )?;
            for (credit_id, regular, ..) in old
                .iter()
                .filter(|o| !ids.contains(o.0.as_str()) && o.2.is_some())
            {
                if *regular == 1 {
                    self.update_owner_credit(
                        owner,
                        kind,
                        credit_id,
                        "episode_count = NULL, agg_position = NULL",
                    )?;
                } else {
                    // Neither a regular nor in the aggregate: the credit leaves the season.
                    self.delete_credit(owner, kind, credit_id)?;
                    self.record_credit_gone(owner, kind, credit_id)?;
                }
            }
            let next_pos: i64 = self.db.scalar(
                "SELECT COALESCE(MAX(position), -1) + 1 FROM credit WHERE owner_type = $1 AND owner_id = $2 AND kind = $3",
                &[&owner.kind.as_str(), &owner.id, &kind.as_str()],
            )?;
            for (agg_pos, c) in list.iter().enumerate() {
                let before = old.iter().find(|o| o.0 == c.credit_id);
                let changed = before.is_none_or(|b| {
                    b.2 != c.episode_count || b.3 != c.order || b.4 != c.character || b.5 != c.job
                });
                self.credited(c.person_id);
                self.db.execute(
                    "INSERT INTO credit (owner_type, owner_id, kind, credit_id, person_id, character_name, department, job, ord, position, episode_count, agg_position)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                     ON CONFLICT (owner_type, owner_id, kind, credit_id) DO UPDATE SET person_id = excluded.person_id,
                       character_name = excluded.character_name, department = excluded.department, job = excluded.job,
                       ord = excluded.ord, episode_count = excluded.episode_count, agg_position = excluded.agg_position",
                    &[
                        &owner.kind.as_str(),
                        &owner.id,
                        &kind.as_str(),
                        &c.credit_id,
                        &c.person_id,
                        &c.character,
                        &c.department,
                        &c.job,
                        &c.order,
                        &(next_pos + agg_pos as i64),
                        &c.episode_count,
                        &(agg_pos as i64),
                    ],
                )?;
                if changed && before.is_none() {
                    self.record(
                        owner,
                        kind.change_key(),
                        "added",
                        None,
                        None,
                        Some(c.change_value(kind)),
                        None,
                    )?;
                }
            }
        }
        Ok(())
    }
}
