//! Episode groups: a series' alternative orderings (`/3/tv/{series_id}/episode_groups`,
//! `/3/tv/episode_group/{id}`). A group (name, description, type, network) has parts (TMDB's
//! `groups`: id, name, order, locked), and each part lists catalog episodes by TMDB id with
//! their `order` in it. The episodes' own fields come from `tv_episode` rows (an import upserts
//! them through the episode writer), and `episode_count`/`group_count` are counted from the
//! parts and their members. A series' `/episode_groups` list also names groups whose details
//! were never imported: for those, the counts the list stated are shown, and their details
//! answer 404 until imported (reeldb does not invent a group's parts).
//!
//! Statements: a series' list 1; a group's details 4 (group, parts, members with their
//! episodes, the episodes' translations in the request's language).

use crate::db::Db;
use crate::series_extra::as_values;
use crate::translation::{TranslationRow, resolve_text};
use crate::tv_episode::EpisodeRow;
use crate::write::{EpisodeFields, Writer, bool_int};
use crate::{Owner, OwnerKind, Result, StoreError};
use reeldb_wire::params::Language;
use reeldb_wire::tv::Network;
use reeldb_wire::tv_extra::{
    EpisodeGroupDetails, EpisodeGroupPart, EpisodeGroupSummary, EpisodeGroups, GroupEpisode,
};
use serde_json::{Value, json};
use std::collections::HashMap;

/// A group's row, its network and its counts.
struct GroupRow {
    id: String,
    series_id: Option<i64>,
    name: Option<String>,
    description: Option<String>,
    group_type: Option<i64>,
    stated_episode_count: Option<i64>,
    stated_group_count: Option<i64>,
    parts: i64,
    members: i64,
    network_id: Option<i64>,
    logo_path: Option<String>,
    network_name: Option<String>,
    origin_country: Option<String>,
}
crate::from_row!(GroupRow {
    id,
    series_id,
    name,
    description,
    group_type,
    stated_episode_count,
    stated_group_count,
    parts,
    members,
    network_id,
    logo_path,
    network_name,
    origin_country,
});

const GROUP_SELECT: &str = "SELECT g.id, g.series_id, g.name, g.description, g.group_type,
    g.stated_episode_count, g.stated_group_count,
    (SELECT COUNT(*) FROM episode_group_part p WHERE p.episode_group_id = g.id),
    (SELECT COUNT(*) FROM episode_group_part p JOIN episode_group_member m ON m.part_id = p.id
      WHERE p.episode_group_id = g.id),
    n.id, n.logo_path, n.name, n.origin_country
    FROM episode_group g LEFT JOIN network n ON n.id = g.network_id";

impl GroupRow {
    fn network(&self) -> Option<Network> {
        self.network_id.map(|id| Network {
            id,
            logo_path: self.logo_path.clone(),
            name: self.network_name.clone(),
            origin_country: self.origin_country.clone(),
        })
    }

    /// Counted from the parts the catalog holds; the stated counts when it holds none.
    fn counts(&self) -> (i64, i64) {
        if self.parts > 0 {
            (self.members, self.parts)
        } else {
            (
                self.stated_episode_count.unwrap_or(0),
                self.stated_group_count.unwrap_or(0),
            )
        }
    }

    fn summary(&self) -> EpisodeGroupSummary {
        let (episode_count, group_count) = self.counts();
        EpisodeGroupSummary {
            description: self.description.clone(),
            episode_count,
            group_count,
            id: self.id.clone(),
            name: self.name.clone(),
            network: self.network(),
            group_type: self.group_type,
        }
    }
}

/// `(id, name, order, locked)` of a part.
type PartRow = (String, Option<String>, Option<i64>, Option<i64>);

/// A member of a part: the part, the episode's `order`, and the episode's row.
struct MemberRow {
    part_id: String,
    member_order: Option<i64>,
    episode: EpisodeRow,
}

impl crate::value::FromRow for MemberRow {
    fn from_row(mut row: crate::value::Row) -> Result<Self> {
        let part_id = row.take(0)?;
        let member_order = row.take(1)?;
        // The episode's columns follow, in `EpisodeRow` order.
        let mut values = Vec::new();
        for i in 2..16 {
            values.push(row.take::<crate::value::SqlValue>(i)?);
        }
        Ok(MemberRow {
            part_id,
            member_order,
            episode: EpisodeRow::from_row(crate::value::Row::new(values))?,
        })
    }
}

impl Db {
    /// `GET /3/tv/{series_id}/episode_groups` of a known series, in stored order (one
    /// statement).
    pub fn series_episode_groups(&mut self, series_id: i64) -> Result<EpisodeGroups> {
        let sql = format!("{GROUP_SELECT} WHERE g.series_id = $1 ORDER BY g.position");
        let rows: Vec<GroupRow> = self.query(&sql, &[&series_id])?;
        Ok(EpisodeGroups {
            results: rows.iter().map(GroupRow::summary).collect(),
            id: series_id,
        })
    }

    /// `GET /3/tv/episode_group/{id}` with episode text in `lang`; `None` for an unknown group,
    /// or one known from a series' list only (four statements, one when unknown).
    pub fn episode_group_details(
        &mut self,
        id: &str,
        lang: &Language,
    ) -> Result<Option<EpisodeGroupDetails>> {
        let sql = format!("{GROUP_SELECT} WHERE g.id = $1");
        let Some(group): Option<GroupRow> = self.query_opt(&sql, &[&id])? else {
            return Ok(None);
        };
        let parts = self.episode_group_parts(id)?;
        let members: Vec<MemberRow> = self.query(
            "SELECT m.part_id, m.member_order, e.id, e.series_id, e.season_number, e.episode_number,
                    e.air_date, e.episode_type, e.production_code, e.runtime, e.still_path,
                    e.vote_average, e.vote_count, e.name, e.overview, e.primary_language
             FROM episode_group_part p JOIN episode_group_member m ON m.part_id = p.id
             JOIN tv_episode e ON e.id = m.episode_id
             WHERE p.episode_group_id = $1 ORDER BY p.position, m.position",
            &[&id],
        )?;
        let texts: Vec<(i64, String, Option<String>, Option<String>)> = self.query(
            "SELECT t.owner_id, t.iso_3166_1, t.name, t.overview FROM translation t
             WHERE t.owner_type = 'episode' AND t.iso_639_1 = $2 AND t.owner_id IN (
               SELECT m.episode_id FROM episode_group_part p JOIN episode_group_member m ON m.part_id = p.id
               WHERE p.episode_group_id = $1)
             ORDER BY t.owner_id, t.iso_3166_1",
            &[&id, &lang.iso_639_1],
        )?;
        let mut text_rows: HashMap<i64, Vec<TranslationRow>> = HashMap::new();
        for (owner, region, name, overview) in texts {
            text_rows
                .entry(owner)
                .or_default()
                .push((region, name, overview));
        }
        let mut by_part: HashMap<String, Vec<GroupEpisode>> = HashMap::new();
        for m in members {
            let r = m.episode;
            let text = resolve_text(
                &r.primary_text(),
                text_rows.get(&r.id).map(Vec::as_slice).unwrap_or_default(),
                lang,
            );
            by_part.entry(m.part_id).or_default().push(GroupEpisode {
                air_date: r.air_date,
                episode_number: r.episode_number,
                episode_type: r.episode_type.map(Some),
                id: r.id,
                name: text.name,
                overview: text.overview,
                production_code: r.production_code,
                runtime: r.runtime,
                season_number: r.season_number,
                show_id: Some(r.series_id),
                still_path: r.still_path,
                vote_average: r.vote_average,
                vote_count: r.vote_count,
                order: m.member_order,
            });
        }
        let groups: Vec<EpisodeGroupPart> = parts
            .into_iter()
            .map(|(pid, name, order, locked)| EpisodeGroupPart {
                episodes: by_part.remove(&pid).unwrap_or_default(),
                id: pid,
                name,
                order,
                locked: locked.map(|l| l != 0),
            })
            .collect();
        // A group known only from its series' list (it states parts the catalog does not
        // hold) has no details here: reeldb does not invent its parts.
        if groups.is_empty() && group.stated_group_count.unwrap_or(0) > 0 {
            return Ok(None);
        }
        let (episode_count, group_count) = if groups.is_empty() {
            group.counts()
        } else {
            (
                groups.iter().map(|g| g.episodes.len() as i64).sum(),
                groups.len() as i64,
            )
        };
        Ok(Some(EpisodeGroupDetails {
            description: group.description.clone(),
            episode_count,
            group_count,
            network: group.network(),
            groups,
            id: group.id,
            name: group.name,
            group_type: group.group_type,
        }))
    }

    /// A group's parts, in order (one statement).
    fn episode_group_parts(&mut self, id: &str) -> Result<Vec<PartRow>> {
        self.query(
            "SELECT id, name, part_order, locked FROM episode_group_part
             WHERE episode_group_id = $1 ORDER BY position",
            &[&id],
        )
    }

    /// A group's structure as the change log records it: its fields, and its parts with their
    /// episode ids and orders (three statements; `None` when unknown).
    fn episode_group_snapshot(&mut self, id: &str) -> Result<Option<(Option<i64>, Value)>> {
        let sql = format!("{GROUP_SELECT} WHERE g.id = $1");
        let Some(g): Option<GroupRow> = self.query_opt(&sql, &[&id])? else {
            return Ok(None);
        };
        let parts = self.episode_group_parts(id)?;
        let members: Vec<(String, i64, Option<i64>)> = self.query(
            "SELECT m.part_id, m.episode_id, m.member_order FROM episode_group_part p
             JOIN episode_group_member m ON m.part_id = p.id
             WHERE p.episode_group_id = $1 ORDER BY p.position, m.position",
            &[&id],
        )?;
        let parts: Vec<Value> = parts
            .into_iter()
            .map(|(pid, name, order, locked)| {
                let episodes: Vec<Value> = members
                    .iter()
                    .filter(|m| m.0 == pid)
                    .map(|m| json!({"id": m.1, "order": m.2}))
                    .collect();
                json!({"id": pid, "name": name, "order": order,
                       "locked": locked.map(|l| l != 0), "episodes": episodes})
            })
            .collect();
        let mut value = serde_json::to_value(g.summary()).unwrap_or(Value::Null);
        if let Some(m) = value.as_object_mut() {
            m.insert("groups".into(), Value::from(parts));
        }
        Ok(Some((g.series_id, value)))
    }
}

/// Creates or updates a network row from what a response shows of it, logging the fields that
/// moved on the network.
fn put_network(w: &mut Writer, n: &Network) -> Result<()> {
    type Old = (Option<String>, Option<String>, Option<String>);
    let old: Option<Old> = w.db.query_opt(
        "SELECT name, logo_path, origin_country FROM network WHERE id = $1",
        &[&n.id],
    )?;
    w.db.execute(
        "INSERT INTO network (id, name, logo_path, origin_country) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, logo_path = excluded.logo_path,
           origin_country = excluded.origin_country",
        &[&n.id, &n.name, &n.logo_path, &n.origin_country],
    )?;
    let owner = Owner::new(OwnerKind::Network, n.id);
    let (name, logo_path, origin_country) = old.unwrap_or_default();
    w.diff_field(owner, "name", &name, &n.name)?;
    w.diff_field(owner, "logo_path", &logo_path, &n.logo_path)?;
    w.diff_field(owner, "origin_country", &origin_country, &n.origin_country)
}

/// Deletes a group with its parts and their members.
fn delete_group(w: &mut Writer, id: &str) -> Result<()> {
    w.db.execute(
        "DELETE FROM episode_group_member WHERE part_id IN (SELECT id FROM episode_group_part WHERE episode_group_id = $1)",
        &[&id],
    )?;
    w.db.execute(
        "DELETE FROM episode_group_part WHERE episode_group_id = $1",
        &[&id],
    )?;
    w.db.execute("DELETE FROM episode_group WHERE id = $1", &[&id])?;
    Ok(())
}

impl Writer<'_> {
    /// Makes a series' episode groups this complete list (`/episode_groups`), in order: each
    /// group's fields and network are set and the counts it states kept; groups the list no
    /// longer names are removed with their parts. Logs each group added or removed, or changed,
    /// under `episode_groups` on the series.
    pub fn replace_series_episode_groups(
        &mut self,
        series_id: i64,
        groups: &[EpisodeGroupSummary],
    ) -> Result<()> {
        self.ensure_series(series_id)?;
        let old = self.db.series_episode_groups(series_id)?.results;
        for old_group in &old {
            if !groups.iter().any(|g| g.id == old_group.id) {
                delete_group(self, &old_group.id)?;
            }
        }
        for (pos, g) in groups.iter().enumerate() {
            self.put_episode_group(g, Some(series_id), Some(pos as i64))?;
        }
        let new = self.db.series_episode_groups(series_id)?.results;
        self.diff_list(
            Owner::series(series_id),
            "episode_groups",
            &as_values(&old),
            &as_values(&new),
        )
    }

    /// Upserts a group's own fields (not its parts); `position` `None` keeps a known group's
    /// place and appends a new one to its series' list.
    fn put_episode_group(
        &mut self,
        g: &EpisodeGroupSummary,
        series_id: Option<i64>,
        position: Option<i64>,
    ) -> Result<()> {
        if let Some(n) = &g.network {
            put_network(self, n)?;
        }
        let known: Option<(Option<i64>, i64)> = self.db.query_opt(
            "SELECT series_id, position FROM episode_group WHERE id = $1",
            &[&g.id],
        )?;
        let series_id = series_id.or(known.and_then(|k| k.0));
        let position = match (position, known) {
            (Some(p), _) => p,
            (None, Some((s, p))) if s == series_id => p,
            _ => self.db.scalar(
                "SELECT COALESCE(MAX(position) + 1, 0) FROM episode_group WHERE series_id = $1",
                &[&series_id],
            )?,
        };
        let network_id = g.network.as_ref().map(|n| n.id);
        self.db.execute(
            "INSERT INTO episode_group (id, series_id, position, name, description, group_type, network_id,
                 stated_episode_count, stated_group_count)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (id) DO UPDATE SET series_id = excluded.series_id, position = excluded.position,
               name = excluded.name, description = excluded.description, group_type = excluded.group_type,
               network_id = excluded.network_id, stated_episode_count = excluded.stated_episode_count,
               stated_group_count = excluded.stated_group_count",
            &[
                &g.id,
                &series_id,
                &position,
                &g.name,
                &g.description,
                &g.group_type,
                &network_id,
                &g.episode_count,
                &g.group_count,
            ],
        )?;
        Ok(())
    }

    /// Applies a group's details (`/3/tv/episode_group/{id}`): the group's fields, its parts,
    /// and each part's episodes, whose scalar fields are upserted as episode facts (their name
    /// and overview are the caller's, as they depend on the request's language). The series is
    /// the episodes' `show_id` (or, for episodes that name none, the catalog's). Logs the
    /// group's structure under `episode_groups` on its series when it changed.
    pub fn set_episode_group(&mut self, g: &EpisodeGroupDetails) -> Result<()> {
        let mut series_id: Option<i64> = None;
        for e in g.groups.iter().flat_map(|p| &p.episodes) {
            let show = match e.show_id {
                Some(s) => s,
                None => self
                    .db
                    .scalar_opt("SELECT series_id FROM tv_episode WHERE id = $1", &[&e.id])?
                    .ok_or_else(|| {
                        StoreError::Invalid(format!(
                            "episode {} of group {} names no show_id and is not in the catalog",
                            e.id, g.id
                        ))
                    })?,
            };
            if series_id.is_some_and(|s| s != show) {
                return Err(StoreError::Invalid(format!(
                    "episode group {} mixes series {} and {show}",
                    g.id,
                    series_id.unwrap_or_default()
                )));
            }
            series_id = Some(show);
            self.upsert_episode(&EpisodeFields {
                id: e.id,
                series_id: show,
                season_number: e.season_number,
                episode_number: e.episode_number,
                air_date: e.air_date.clone(),
                episode_type: e.episode_type.clone(),
                production_code: e.production_code.clone(),
                runtime: e.runtime,
                still_path: e.still_path.clone(),
                vote_average: e.vote_average,
                vote_count: e.vote_count,
            })?;
        }
        let old = self.db.episode_group_snapshot(&g.id)?;
        // The parts are all here: the counts are theirs, whatever the response stated.
        let summary = EpisodeGroupSummary {
            description: g.description.clone(),
            episode_count: g.groups.iter().map(|p| p.episodes.len() as i64).sum(),
            group_count: g.groups.len() as i64,
            id: g.id.clone(),
            name: g.name.clone(),
            network: g.network.clone(),
            group_type: g.group_type,
        };
        self.put_episode_group(&summary, series_id, None)?;
        self.db.execute(
            "DELETE FROM episode_group_member WHERE part_id IN (SELECT id FROM episode_group_part WHERE episode_group_id = $1)",
            &[&g.id],
        )?;
        self.db.execute(
            "DELETE FROM episode_group_part WHERE episode_group_id = $1",
            &[&g.id],
        )?;
        for (pos, part) in g.groups.iter().enumerate() {
            // A part moved here from another group leaves that group.
            self.db.execute(
                "DELETE FROM episode_group_member WHERE part_id = $1",
                &[&part.id],
            )?;
            self.db.execute(
                "INSERT INTO episode_group_part (id, episode_group_id, position, name, part_order, locked)
                 VALUES ($1, $2, $3, $4, $5, $6)
                 ON CONFLICT (id) DO UPDATE SET episode_group_id = excluded.episode_group_id,
                   position = excluded.position, name = excluded.name, part_order = excluded.part_order,
                   locked = excluded.locked",
                &[
                    &part.id,
                    &g.id,
                    &(pos as i64),
                    &part.name,
                    &part.order,
                    &bool_int(part.locked),
                ],
            )?;
            for (mpos, e) in part.episodes.iter().enumerate() {
                self.db.execute(
                    "INSERT INTO episode_group_member (part_id, position, episode_id, member_order) VALUES ($1, $2, $3, $4)",
                    &[&part.id, &(mpos as i64), &e.id, &e.order],
                )?;
            }
        }
        let new = self.db.episode_group_snapshot(&g.id)?;
        let series = new.as_ref().and_then(|(s, _)| *s);
        let (old, new) = (old.map(|(_, v)| v), new.map(|(_, v)| v));
        // A group of no known series (it lists no episodes) has no owner to log under.
        if let Some(series) = series
            && old != new
        {
            let action = if old.is_some() { "updated" } else { "added" };
            self.record(
                Owner::series(series),
                "episode_groups",
                action,
                None,
                None,
                new,
                old,
            )?;
        }
        Ok(())
    }
}
