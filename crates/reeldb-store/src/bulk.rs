//! The bulk path for seeding a catalog with local objects (the demo's films): rows buffered
//! per table and written as multi-row `INSERT`s with bound parameters as soon as a statement's
//! worth is buffered, all in one transaction ([`seed`]), with the touched tables' secondary
//! indexes dropped for the load and built once at its end. A seed is the catalog's starting
//! state, not a change: no change-log items are written; the catalog version is bumped so
//! running servers drop cached responses, and the seed version so search indexes rebuild.

use crate::db::{Db, SqlValue, ToSqlValue, in_list};
use crate::{Engine, Result};
use std::collections::{BTreeSet, HashMap};

/// Bound parameters per statement, at most (under SQLite's 32,766 and PostgreSQL's 65,535).
const MAX_PARAMS: usize = 30_000;

struct Table {
    name: &'static str,
    cols: &'static [&'static str],
    /// What a row whose key exists already does (`ON CONFLICT ...`), or "".
    conflict: &'static str,
    values: Vec<SqlValue>,
    /// The statement of a full buffer, built once.
    full: Option<String>,
}

const GENRE: usize = 0;
const COUNTRY: usize = 1;
const COMPANY: usize = 2;
const PERSON: usize = 3;
const MOVIE: usize = 4;
const EXTERNAL_ID: usize = 5;
const OWNER_GENRE: usize = 6;
const CODE_LIST: usize = 7;
const OWNER_COMPANY: usize = 8;
const CREDIT: usize = 9;

/// A movie's scalar facts as a seed states them; the rest of the row is the empty value TMDB
/// sends for an unknown (no images, budget 0, no votes) — see docs/DEMO.md.
pub struct SeedMovie<'a> {
    pub id: i64,
    pub title: &'a str,
    pub original_title: Option<&'a str>,
    pub original_language: Option<&'a str>,
    /// The language tag of the title (`en`).
    pub text_language: &'a str,
    pub release_date: Option<&'a str>,
    pub runtime: Option<i64>,
    pub revenue: Option<i64>,
}

/// A movie credit of a seed.
pub struct SeedCredit {
    pub movie_id: i64,
    /// `cast` or `crew`.
    pub kind: &'static str,
    pub credit_id: String,
    pub person_id: i64,
    /// Crew only (cast credits carry none, as imported ones).
    pub department: Option<&'static str>,
    pub job: Option<&'static str>,
    /// The cast `order`; `None` for crew.
    pub order: Option<i64>,
    /// Position within the movie's cast or crew.
    pub position: i64,
}

/// Rows being written inside [`seed`]'s transaction; see the module doc.
pub struct Bulk<'d> {
    db: &'d mut Db,
    tables: Vec<Table>,
    written: usize,
    /// The people this seed wrote, `(name, known_for_department)`: their credit rows are
    /// written with their fields (crate::credit).
    people: HashMap<i64, (String, String)>,
    /// People credited here whom this seed did not write (yet): their credit rows take their
    /// fields after the load.
    others: BTreeSet<i64>,
}

/// Runs `fill` with a [`Bulk`] on `db` in one transaction: the secondary indexes of the tables
/// it writes are dropped first and built again after the last row, then the catalog version is
/// bumped. Returns `fill`'s value and the rows written. Nothing is kept when anything fails.
pub fn seed<T, E: From<crate::StoreError>>(
    db: &mut Db,
    fill: impl FnOnce(&mut Bulk) -> std::result::Result<T, E>,
) -> std::result::Result<(T, usize), E> {
    db.transaction(|db| {
        let names: Vec<&str> = tables().iter().map(|t| t.name).collect();
        let indexes = secondary_indexes(db, &names)?;
        for (name, _) in &indexes {
            db.batch(&format!("DROP INDEX {name}"))?;
        }
        let mut bulk = Bulk {
            db: &mut *db,
            tables: tables(),
            written: 0,
            people: HashMap::new(),
            others: BTreeSet::new(),
        };
        let value = fill(&mut bulk)?;
        for t in 0..bulk.tables.len() {
            bulk.flush(t, true)?;
        }
        let written = bulk.written;
        let others: Vec<i64> = std::mem::take(&mut bulk.others).into_iter().collect();
        for (_, create) in &indexes {
            db.batch(create)?;
        }
        crate::credit::refresh_people(db, Some(&others))?;
        crate::bump_seed_version(db)?;
        Ok((value, written))
    })
}

/// The secondary indexes of `tables`, `(name, CREATE statement)` as the schema defines them.
/// Indexes behind primary keys and unique constraints are not among them (they have no
/// statement of their own on SQLite, and belong to a constraint on PostgreSQL). Names and
/// statements come from the database's own catalog, never from input.
pub fn secondary_indexes(db: &mut Db, tables: &[&str]) -> Result<Vec<(String, String)>> {
    let params: Vec<&dyn ToSqlValue> = tables.iter().map(|t| t as &dyn ToSqlValue).collect();
    let list = in_list(1, tables.len());
    let sql = match db.engine() {
        Engine::Sqlite => format!(
            "SELECT name, sql FROM sqlite_master
             WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({list}) ORDER BY name"
        ),
        Engine::Postgres => format!(
            "SELECT i.relname::text, pg_get_indexdef(i.oid)
             FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
               JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
             WHERE n.nspname = current_schema() AND t.relname IN ({list})
               AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
             ORDER BY i.relname"
        ),
    };
    db.query(&sql, &params)
}

fn t(s: &str) -> SqlValue {
    SqlValue::Text(s.to_owned())
}
fn ot(s: Option<&str>) -> SqlValue {
    s.map_or(SqlValue::Null, t)
}
fn i(v: i64) -> SqlValue {
    SqlValue::Int(v)
}
fn oi(v: Option<i64>) -> SqlValue {
    v.map_or(SqlValue::Null, SqlValue::Int)
}

/// The tables a seed writes, with their columns in push order.
fn tables() -> Vec<Table> {
    let table = |name, cols, conflict| Table {
        name,
        cols,
        conflict,
        values: Vec::new(),
        full: None,
    };
    vec![
        table(
            "genre",
            &["id", "name"],
            "ON CONFLICT (id) DO UPDATE SET name = COALESCE(genre.name, excluded.name)",
        ),
        table(
            "country",
            &["iso_3166_1", "english_name"],
            "ON CONFLICT (iso_3166_1) DO UPDATE
                     SET english_name = COALESCE(country.english_name, excluded.english_name)",
        ),
        table("company", &["id", "name", "origin_country"], ""),
        table(
            "person",
            &[
                "id",
                "name",
                "original_name",
                "gender",
                "adult",
                "known_for_department",
                "popularity",
            ],
            "",
        ),
        table(
            "movie",
            &[
                "id",
                "adult",
                "budget",
                "original_language",
                "original_title",
                "popularity",
                "release_date",
                "revenue",
                "runtime",
                "status",
                "video",
                "vote_average",
                "vote_count",
                "primary_language",
                "name",
            ],
            "",
        ),
        table(
            "external_id",
            &["owner_type", "owner_id", "source", "value"],
            "",
        ),
        table(
            "owner_genre",
            &["owner_type", "owner_id", "genre_id", "position"],
            "",
        ),
        table(
            "code_list",
            &["owner_type", "owner_id", "list_name", "position", "value"],
            "",
        ),
        table(
            "owner_company",
            &["owner_type", "owner_id", "company_id", "position"],
            "",
        ),
        table(
            "credit",
            &[
                "owner_type",
                "owner_id",
                "kind",
                "credit_id",
                "person_id",
                "character_name",
                "department",
                "job",
                "ord",
                "position",
                "person_name",
                "person_original_name",
                "person_gender",
                "person_adult",
                "person_known_for_department",
                "person_popularity",
            ],
            "",
        ),
    ]
}

impl Bulk<'_> {
    /// Buffers a row; writes the table's buffer once it fills a statement.
    fn push<const N: usize>(&mut self, table: usize, row: [SqlValue; N]) -> Result<()> {
        debug_assert_eq!(N, self.tables[table].cols.len());
        let values = &mut self.tables[table].values;
        if values.capacity() == 0 {
            // A whole statement's values at once: the buffer then never grows (each growth
            // copied it into freshly allocated memory).
            values.reserve_exact(MAX_PARAMS / N * N);
        }
        values.extend(row);
        self.flush(table, false)
    }

    /// Writes the table's buffered rows when they fill a statement (or whatever is buffered,
    /// when `all`).
    fn flush(&mut self, table: usize, all: bool) -> Result<()> {
        let tb = &mut self.tables[table];
        let ncols = tb.cols.len();
        let per = MAX_PARAMS / ncols;
        let rows = tb.values.len() / ncols;
        if rows == 0 || (rows < per && !all) {
            return Ok(());
        }
        let sql = if rows == per {
            tb.full
                .get_or_insert_with(|| insert_sql(tb.name, tb.cols, tb.conflict, per))
        } else {
            &insert_sql(tb.name, tb.cols, tb.conflict, rows)
        };
        self.db.execute_values(sql, &tb.values)?;
        tb.values.clear();
        self.written += rows;
        Ok(())
    }

    /// A genre and its English name (an existing name is kept).
    pub fn genre(&mut self, id: i64, name: &str) -> Result<()> {
        self.push(GENRE, [i(id), t(name)])
    }

    /// A country's English name as TMDB states it (an existing name is kept).
    pub fn country(&mut self, iso_3166_1: &str, english_name: &str) -> Result<()> {
        self.push(COUNTRY, [t(iso_3166_1), t(english_name)])
    }

    /// A production company known by name alone (no logo, origin country unknown: "").
    pub fn company(&mut self, id: i64, name: &str) -> Result<()> {
        self.push(COMPANY, [i(id), t(name), t("")])
    }

    /// A person known by name alone: gender 0 (not set, as TMDB says), not adult, no
    /// popularity yet.
    pub fn person(&mut self, id: i64, name: &str, known_for_department: &str) -> Result<()> {
        let [n, o, g, a, d, p] = person_fields(name, known_for_department);
        self.push(PERSON, [i(id), n, o, g, a, d, p])?;
        self.people
            .insert(id, (name.to_owned(), known_for_department.to_owned()));
        Ok(())
    }

    /// A released movie with its title in `text_language` and its IMDb id.
    pub fn movie(&mut self, m: &SeedMovie, imdb_id: Option<&str>) -> Result<()> {
        self.push(
            MOVIE,
            [
                i(m.id),
                i(0),
                i(0),
                ot(m.original_language),
                ot(m.original_title),
                SqlValue::Real(0.0),
                ot(m.release_date),
                i(m.revenue.unwrap_or(0)),
                oi(m.runtime),
                t("Released"),
                i(0),
                SqlValue::Real(0.0),
                i(0),
                t(m.text_language),
                t(m.title),
            ],
        )?;
        match imdb_id {
            Some(imdb) => self.push(EXTERNAL_ID, [t("movie"), i(m.id), t("imdb_id"), t(imdb)]),
            None => Ok(()),
        }
    }

    /// A movie's genres, in order.
    pub fn movie_genres(&mut self, movie_id: i64, genre_ids: &[i64]) -> Result<()> {
        for (pos, g) in genre_ids.iter().enumerate() {
            self.push(OWNER_GENRE, [t("movie"), i(movie_id), i(*g), i(pos as i64)])?;
        }
        Ok(())
    }

    /// One of a movie's code lists (`production_countries`, `spoken_languages`), in order.
    pub fn movie_code_list(&mut self, movie_id: i64, list: &str, values: &[String]) -> Result<()> {
        for (pos, v) in values.iter().enumerate() {
            self.push(
                CODE_LIST,
                [t("movie"), i(movie_id), t(list), i(pos as i64), t(v)],
            )?;
        }
        Ok(())
    }

    /// A movie's production companies, in order.
    pub fn movie_companies(&mut self, movie_id: i64, company_ids: &[i64]) -> Result<()> {
        for (pos, c) in company_ids.iter().enumerate() {
            self.push(
                OWNER_COMPANY,
                [t("movie"), i(movie_id), i(*c), i(pos as i64)],
            )?;
        }
        Ok(())
    }

    /// A movie credit; the character is unknown ("", as TMDB sends an unknown one).
    pub fn movie_credit(&mut self, c: SeedCredit) -> Result<()> {
        let [n, o, g, a, d, p] = match self.people.get(&c.person_id) {
            Some((name, department)) => person_fields(name, department),
            None => {
                self.others.insert(c.person_id);
                Default::default()
            }
        };
        self.push(
            CREDIT,
            [
                t("movie"),
                i(c.movie_id),
                t(c.kind),
                SqlValue::Text(c.credit_id),
                i(c.person_id),
                t(""),
                ot(c.department),
                ot(c.job),
                oi(c.order),
                i(c.position),
                n,
                o,
                g,
                a,
                d,
                p,
            ],
        )
    }
}

/// A seeded person's fields as `person` stores them (no profile): name, original name, gender 0
/// (not set), not adult, department, popularity 0. Their credit rows keep the same.
fn person_fields(name: &str, known_for_department: &str) -> [SqlValue; 6] {
    [
        t(name),
        t(name),
        i(0),
        i(0),
        t(known_for_department),
        SqlValue::Real(0.0),
    ]
}

/// `INSERT INTO t (cols) VALUES ($1, ...), (...) [conflict]` for `rows` rows.
fn insert_sql(name: &str, cols: &[&str], conflict: &str, rows: usize) -> String {
    let ncols = cols.len();
    let values: Vec<String> = (0..rows)
        .map(|r| format!("({})", in_list(r * ncols + 1, ncols)))
        .collect();
    format!(
        "INSERT INTO {name} ({}) VALUES {} {conflict}",
        cols.join(", "),
        values.join(", "),
    )
}
