//! A person's `known_for`, kept in the `known_for` table (migration 20): the three most
//! popular titles (series or movies) among the person's credits, best first, ties by kind
//! (movies first) then id. A title counts once however many credits name it (an episode's or a
//! season's credit counts for its series); a title the catalog does not hold is left out.
//!
//! Ranking a popular person's titles on every read meant reading thousands of credits (and
//! each episode's series), so the ranking is stored and refreshed on write instead:
//! - a [`Writer`] notes the people whose credit rows it writes ([`Writer::credited`]) and the
//!   titles whose popularity or existence it changes ([`Writer::ranked`]); on commit the people
//!   credited on those titles join them and their rows are recomputed ([`refresh`]), in the
//!   same transaction;
//! - a seed (the demo's films) and migration 20 recompute every person ([`refresh_all`]);
//! - `reeldb generate` ranks each person's titles as it writes their credits and writes the
//!   rows itself (reading 40 M credit rows back took PostgreSQL almost four minutes at `tmdb`
//!   scale).
//!
//! All three rank with [`Best`]; the two refreshes feed it from the same pieces ([`Titles`]): the
//! credit rows' owners mapped to their titles, each title's popularity.

use crate::db::{Db, in_list};
use crate::value::ToSqlValue;
use crate::write::Writer;
use crate::{Engine, Owner, OwnerKind, Result};
use std::collections::{BTreeSet, HashMap};

/// Titles kept per person.
pub const KNOWN_FOR: usize = 3;

/// People refreshed per statement.
const BATCH: usize = 500;
/// Credit rows read per statement when every person is refreshed.
const SCAN: i64 = 200_000;
/// `known_for` rows written per statement (five parameters each).
const INSERT_ROWS: usize = 300;

/// A title: 0 a movie, 1 a series (the tie order, movies first), and its id.
type Title = (u8, i64);

/// What ranking needs of the catalog's titles: each season's and episode's series, and each
/// movie's and series' popularity (`0.0` when unknown; a title without a row has no entry).
#[derive(Debug, Default)]
struct Titles {
    season_series: HashMap<i64, i64>,
    episode_series: HashMap<i64, i64>,
    popularity: HashMap<Title, f64>,
}

impl Titles {
    /// Every season, episode, movie and series of the catalog (four statements).
    fn all(db: &mut Db) -> Result<Titles> {
        let mut t = Titles::default();
        let pairs = |db: &mut Db, sql: &str| -> Result<Vec<(i64, i64)>> { db.query(sql, &[]) };
        t.season_series = pairs(
            db,
            "SELECT id, series_id FROM tv_season WHERE id IS NOT NULL",
        )?
        .into_iter()
        .collect();
        t.episode_series = pairs(
            db,
            "SELECT id, series_id FROM tv_episode WHERE id IS NOT NULL",
        )?
        .into_iter()
        .collect();
        t.add_popularity(db, 0, "SELECT id, popularity FROM movie", &[])?;
        t.add_popularity(db, 1, "SELECT id, popularity FROM tv_series", &[])?;
        Ok(t)
    }

    /// The seasons, episodes and titles `credits` name (at most six statements per 500 of
    /// each).
    fn of(db: &mut Db, credits: &[(i64, String, i64)]) -> Result<Titles> {
        let mut t = Titles::default();
        let ids = |kind: &str| -> Vec<i64> {
            let set: BTreeSet<i64> = credits
                .iter()
                .filter(|c| c.1 == kind)
                .map(|c| c.2)
                .collect();
            set.into_iter().collect()
        };
        for (kind, table) in [("season", "tv_season"), ("episode", "tv_episode")] {
            for chunk in ids(kind).chunks(BATCH) {
                let params: Vec<&dyn ToSqlValue> =
                    chunk.iter().map(|i| i as &dyn ToSqlValue).collect();
                let rows: Vec<(i64, i64)> = db.query(
                    &format!(
                        "SELECT id, series_id FROM {table} WHERE id IN ({})",
                        in_list(1, chunk.len())
                    ),
                    &params,
                )?;
                let map = match kind {
                    "season" => &mut t.season_series,
                    _ => &mut t.episode_series,
                };
                map.extend(rows);
            }
        }
        let movies = ids("movie");
        let mut series: BTreeSet<i64> = ids("tv").into_iter().collect();
        series.extend(t.season_series.values().copied());
        series.extend(t.episode_series.values().copied());
        let series: Vec<i64> = series.into_iter().collect();
        for (rank, table, list) in [(0, "movie", &movies), (1, "tv_series", &series)] {
            for chunk in list.chunks(BATCH) {
                let params: Vec<&dyn ToSqlValue> =
                    chunk.iter().map(|i| i as &dyn ToSqlValue).collect();
                let sql = format!(
                    "SELECT id, popularity FROM {table} WHERE id IN ({})",
                    in_list(1, chunk.len())
                );
                t.add_popularity(db, rank, &sql, &params)?;
            }
        }
        Ok(t)
    }

    fn add_popularity(
        &mut self,
        db: &mut Db,
        rank: u8,
        sql: &str,
        params: crate::db::Params,
    ) -> Result<()> {
        let rows: Vec<(i64, Option<f64>)> = db.query(sql, params)?;
        self.popularity.extend(
            rows.into_iter()
                .map(|(id, p)| ((rank, id), p.unwrap_or(0.0))),
        );
        Ok(())
    }

    /// The title a credit row counts for: a movie, or the series of a series-, season- or
    /// episode-level credit; `None` for other owners and for seasons or episodes the catalog
    /// does not hold.
    fn title(&self, owner_type: &str, owner_id: i64) -> Option<Title> {
        match owner_type {
            "movie" => Some((0, owner_id)),
            "tv" => Some((1, owner_id)),
            "season" => self.season_series.get(&owner_id).map(|s| (1, *s)),
            "episode" => self.episode_series.get(&owner_id).map(|s| (1, *s)),
            _ => None,
        }
    }

    /// One person's best titles among `owners` (their credit rows' owners), those the catalog
    /// holds ([`Best`]).
    fn rank<'a>(&self, owners: impl Iterator<Item = (&'a str, i64)>) -> Best {
        let mut best = Best::default();
        for (owner_type, owner_id) in owners {
            if let Some(title) = self.title(owner_type, owner_id)
                && let Some(p) = self.popularity.get(&title)
            {
                best.offer(title, *p);
            }
        }
        best
    }
}

/// A person's best titles as their credits are offered one by one: each title once, by
/// popularity, movies before series, then id; [`KNOWN_FOR`] kept. The refresh ranks with it,
/// and so does `reeldb generate`, which fills `known_for` while it writes the credits.
#[derive(Debug, Clone, Copy, Default)]
pub struct Best {
    len: u8,
    titles: [(Title, f64); KNOWN_FOR],
}

impl Best {
    /// Offers a movie.
    pub fn movie(&mut self, id: i64, popularity: f64) {
        self.offer((0, id), popularity);
    }

    /// Offers a series.
    pub fn series(&mut self, id: i64, popularity: f64) {
        self.offer((1, id), popularity);
    }

    /// A title offered again has the popularity it had, so it is either kept already or still
    /// below the three that displaced it: both leave the ranking as it is.
    fn offer(&mut self, title: Title, popularity: f64) {
        let kept = &self.titles[..usize::from(self.len)];
        if kept.iter().any(|(t, _)| *t == title) {
            return;
        }
        let before = |(t, p): &(Title, f64)| popularity.total_cmp(p).reverse().then(title.cmp(t));
        let at = kept
            .iter()
            .position(|k| before(k).is_lt())
            .unwrap_or(kept.len());
        if at == KNOWN_FOR {
            return;
        }
        let last = usize::from(self.len).min(KNOWN_FOR - 1);
        self.titles.copy_within(at..last, at + 1);
        self.titles[at] = (title, popularity);
        self.len = (self.len + 1).min(KNOWN_FOR as u8);
    }

    /// The person's `known_for` rows, best first.
    pub fn rows(&self, person: i64) -> impl Iterator<Item = KnownForRow> + '_ {
        self.titles[..usize::from(self.len)]
            .iter()
            .enumerate()
            .map(move |(i, ((kind, id), p))| {
                let media = if *kind == 0 { "movie" } else { "tv" };
                (person, i as i64 + 1, media, *id, *p)
            })
    }
}

/// Rows for `known_for`: `(person, ord, media_type, title_id, popularity)`.
pub type KnownForRow = (i64, i64, &'static str, i64, f64);

/// Writes `rows` into `known_for` (multi-row inserts).
fn insert(db: &mut Db, rows: &[KnownForRow]) -> Result<()> {
    for chunk in rows.chunks(INSERT_ROWS) {
        let values = (0..chunk.len())
            .map(|i| format!("({})", in_list(i * 5 + 1, 5)))
            .collect::<Vec<_>>()
            .join(", ");
        let mut params: Vec<&dyn ToSqlValue> = Vec::with_capacity(chunk.len() * 5);
        for (person, ord, media, id, p) in chunk {
            params.extend([
                person as &dyn ToSqlValue,
                ord as &dyn ToSqlValue,
                media as &dyn ToSqlValue,
                id as &dyn ToSqlValue,
                p as &dyn ToSqlValue,
            ]);
        }
        db.execute(
            &format!(
                "INSERT INTO known_for (person_id, ord, media_type, title_id, popularity) VALUES {values}"
            ),
            &params,
        )?;
    }
    Ok(())
}

/// Recomputes the `known_for` rows of `people`: per 500 people, their credits, the titles
/// those name (up to six statements per 500 titles), a delete and the inserts.
pub fn refresh(db: &mut Db, people: &[i64]) -> Result<()> {
    for chunk in people.chunks(BATCH) {
        let params: Vec<&dyn ToSqlValue> = chunk.iter().map(|i| i as &dyn ToSqlValue).collect();
        let list = in_list(1, chunk.len());
        let credits: Vec<(i64, String, i64)> = db.query(
            &format!(
                "SELECT person_id, owner_type, owner_id FROM credit WHERE person_id IN ({list})"
            ),
            &params,
        )?;
        let titles = Titles::of(db, &credits)?;
        let mut by_person: HashMap<i64, Vec<(&str, i64)>> = HashMap::new();
        for (person, owner_type, owner_id) in &credits {
            by_person
                .entry(*person)
                .or_default()
                .push((owner_type.as_str(), *owner_id));
        }
        let mut rows = Vec::new();
        for (person, owners) in by_person {
            rows.extend(titles.rank(owners.into_iter()).rows(person));
        }
        db.execute(
            &format!("DELETE FROM known_for WHERE person_id IN ({list})"),
            &params,
        )?;
        insert(db, &rows)?;
    }
    Ok(())
}

/// Recomputes every person's `known_for` rows (after a seed, and in migration 20): the
/// catalog's titles once (four statements), then the credits in the order of their person
/// index, 200,000 rows a statement, each person ranked as their last row passes.
pub fn refresh_all(db: &mut Db) -> Result<()> {
    db.execute("DELETE FROM known_for", &[])?;
    let titles = Titles::all(db)?;
    let mut rows: Vec<KnownForRow> = Vec::new();
    let mut current: Option<(i64, Vec<(String, i64)>)> = None;
    let mut after: (i64, String, i64) = (i64::MIN, String::new(), i64::MIN);
    loop {
        // Keyset on the person index's order; rows equal in all three name the same title, so
        // skipping repeats across a boundary changes nothing. Owners of other kinds are left
        // out by `Titles::title` (a condition on `owner_type` here made SQLite scan by the
        // primary key and sort every credit on each batch).
        let batch: Vec<(i64, String, i64)> = db.query(
            "SELECT person_id, owner_type, owner_id FROM credit
             WHERE (person_id, owner_type, owner_id) > ($1, $2, $3)
             ORDER BY person_id, owner_type, owner_id LIMIT $4",
            &[&after.0, &after.1, &after.2, &SCAN],
        )?;
        let done = (batch.len() as i64) < SCAN;
        if let Some(last) = batch.last() {
            after = last.clone();
        }
        for (person, owner_type, owner_id) in batch {
            match &mut current {
                Some((p, owners)) if *p == person => owners.push((owner_type, owner_id)),
                _ => {
                    if let Some((p, owners)) = current.take() {
                        let ranked = titles.rank(owners.iter().map(|(t, id)| (t.as_str(), *id)));
                        rows.extend(ranked.rows(p));
                    }
                    current = Some((person, vec![(owner_type, owner_id)]));
                }
            }
        }
        if rows.len() >= 10 * INSERT_ROWS {
            insert(db, &rows)?;
            rows.clear();
        }
        if done {
            break;
        }
    }
    if let Some((p, owners)) = current.take() {
        let ranked = titles.rank(owners.iter().map(|(t, id)| (t.as_str(), *id)));
        rows.extend(ranked.rows(p));
    }
    insert(db, &rows)?;
    // The planner's statistics of the refilled table: a seed gathers statistics before this
    // runs, and a table seen empty got, on PostgreSQL, a plan for 100,000 rows a person (a
    // parallel bitmap scan compiled by JIT: 200 ms for a page of twenty people at tmdb scale).
    match db.engine() {
        Engine::Sqlite => {
            db.batch("PRAGMA analysis_limit = 1000; ANALYZE known_for; PRAGMA analysis_limit = 0;")
        }
        Engine::Postgres => db.batch("ANALYZE known_for"),
    }
}

impl Db {
    /// The stored `known_for` titles of `people`: per person, `(media_type, title_id)` best
    /// first. One statement.
    pub(crate) fn known_for_titles(
        &mut self,
        people: &[i64],
    ) -> Result<HashMap<i64, Vec<(String, i64)>>> {
        let mut out: HashMap<i64, Vec<(String, i64)>> = HashMap::new();
        if people.is_empty() {
            return Ok(out);
        }
        let params: Vec<&dyn ToSqlValue> = people.iter().map(|i| i as &dyn ToSqlValue).collect();
        let rows: Vec<(i64, String, i64)> = self.query(
            &format!(
                "SELECT person_id, media_type, title_id FROM known_for WHERE person_id IN ({})
                 ORDER BY person_id, ord",
                in_list(1, people.len())
            ),
            &params,
        )?;
        for (person, kind, id) in rows {
            out.entry(person).or_default().push((kind, id));
        }
        Ok(out)
    }
}

/// What a write transaction changed that `known_for` depends on.
#[derive(Debug, Default)]
pub(crate) struct Dirty {
    /// People whose credit rows were written or removed.
    people: BTreeSet<i64>,
    /// Movies whose popularity or existence changed.
    movies: BTreeSet<i64>,
    /// Series whose popularity or existence changed.
    series: BTreeSet<i64>,
}

impl Writer<'_> {
    /// Notes that credit rows naming `person_id` were written or removed (their person fields
    /// are refreshed on commit too, [`crate::credit`]).
    pub(crate) fn credited(&mut self, person_id: i64) {
        self.known_for.people.insert(person_id);
        self.credit_people.insert(person_id);
    }

    /// Notes that a title's popularity or existence changed: everyone credited on it may rank
    /// it differently. Owners other than movies and series are ignored.
    pub(crate) fn ranked(&mut self, owner: Owner) {
        match owner.kind {
            OwnerKind::Movie => {
                self.known_for.movies.insert(owner.id);
            }
            OwnerKind::Series => {
                self.known_for.series.insert(owner.id);
            }
            _ => {}
        }
    }

    /// Recomputes the `known_for` rows this transaction's writes touched (on commit).
    pub(crate) fn refresh_known_for(&mut self) -> Result<()> {
        let dirty = std::mem::take(&mut self.known_for);
        let mut people = dirty.people;
        let movies: Vec<i64> = dirty.movies.into_iter().collect();
        for chunk in movies.chunks(BATCH) {
            let params: Vec<&dyn ToSqlValue> = chunk.iter().map(|i| i as &dyn ToSqlValue).collect();
            let rows: Vec<(i64,)> = self.db.query(
                &format!(
                    "SELECT DISTINCT person_id FROM credit WHERE owner_type = 'movie' AND owner_id IN ({})",
                    in_list(1, chunk.len())
                ),
                &params,
            )?;
            people.extend(rows.into_iter().map(|(p,)| p));
        }
        let series: Vec<i64> = dirty.series.into_iter().collect();
        for chunk in series.chunks(BATCH) {
            let params: Vec<&dyn ToSqlValue> = chunk.iter().map(|i| i as &dyn ToSqlValue).collect();
            let list = in_list(1, chunk.len());
            let rows: Vec<(i64,)> = self.db.query(
                &format!(
                    "SELECT person_id FROM credit WHERE owner_type = 'tv' AND owner_id IN ({list})
                     UNION SELECT c.person_id FROM tv_season s
                       JOIN credit c ON c.owner_type = 'season' AND c.owner_id = s.id WHERE s.series_id IN ({list})
                     UNION SELECT c.person_id FROM tv_episode e
                       JOIN credit c ON c.owner_type = 'episode' AND c.owner_id = e.id WHERE e.series_id IN ({list})"
                ),
                &params,
            )?;
            people.extend(rows.into_iter().map(|(p,)| p));
        }
        let people: Vec<i64> = people.into_iter().collect();
        refresh(self.db, &people)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Best`, offered titles one by one in any order and with repeats, keeps what sorting the
    /// distinct titles keeps: popularity descending, movies before series, then id.
    #[test]
    fn best_keeps_what_a_sort_of_the_distinct_titles_keeps() {
        let titles: Vec<(Title, f64)> = vec![
            ((1, 7), 5.0),
            ((0, 9), 5.0),
            ((0, 3), 5.0),
            ((1, 2), 9.5),
            ((0, 4), 0.0),
            ((1, 1), 5.0),
            ((0, 8), 7.25),
        ];
        let mut seed = 7u64;
        for round in 0..200 {
            // A pseudo-random draw of offers with repeats (a title is credited many times).
            let mut offers = Vec::new();
            for _ in 0..(round % 12) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                offers.push(titles[(seed >> 33) as usize % titles.len()]);
            }
            let mut best = Best::default();
            for (title, p) in &offers {
                best.offer(*title, *p);
            }
            let mut expected: Vec<(Title, f64)> = offers.clone();
            expected.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            expected.dedup_by_key(|t| t.0);
            expected.truncate(KNOWN_FOR);
            let got: Vec<(Title, f64)> = best
                .rows(42)
                .map(|(person, _, media, id, p)| {
                    assert_eq!(person, 42);
                    ((u8::from(media == "tv"), id), p)
                })
                .collect();
            assert_eq!(got, expected, "{offers:?}");
            let ords: Vec<i64> = best.rows(42).map(|r| r.1).collect();
            assert_eq!(ords, (1..=expected.len() as i64).collect::<Vec<_>>());
        }
    }
}
