//! The bulk path: rows buffered per table and written as multi-row `INSERT`s with bound
//! parameters (at most [`MAX_PARAMS`] per statement, under SQLite's 32,766 and PostgreSQL's
//! 65,535), each batch of statements in one transaction, through sqlx's `Any` driver; statements
//! of one shape are prepared once per connection. One difference between engines: SQLite gets
//! anonymous `?` placeholders, because sqlx looks each parameter's name up with
//! `sqlite3_bind_parameter_name`, which is linear in the number of named parameters (quadratic
//! per statement: 2,000-row inserts ran at 4,000 rows/s with `$N`).

use crate::model::{Cred, Img, Network, Person, Series, Text, Vid};
use reeldb_store::BindFloat;
use sqlx::pool::PoolConnection;
use sqlx::{Any, Row};
use std::collections::HashMap;

/// Bound parameters per statement.
pub const MAX_PARAMS: usize = 30_000;
/// Rows per statement, at most.
const MAX_ROWS_PER_STATEMENT: usize = 2_000;
/// Rows buffered before a batch (one transaction) is written.
pub const BATCH_ROWS: usize = 100_000;

/// A column's type, so a NULL binds with the right type on PostgreSQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Int,
    Real,
    Text,
}

/// A table the generator fills, its columns in insert order, and its primary key.
pub struct TableDef {
    pub name: &'static str,
    pub cols: &'static [(&'static str, Kind)],
}

use Kind::{Int, Real, Text as T};

pub const PERSON: usize = 0;
pub const NETWORK: usize = 1;
pub const SERIES: usize = 2;
pub const SERIES_NETWORK: usize = 3;
pub const SEASON: usize = 4;
pub const EPISODE: usize = 5;
pub const TRANSLATION: usize = 6;
pub const CREDIT: usize = 7;
pub const IMAGE: usize = 8;
pub const VIDEO: usize = 9;
pub const EXTERNAL_ID: usize = 10;
pub const CHANGE_LOG: usize = 11;

/// Every table the generator writes, indexed by the constants above.
pub const TABLES: &[TableDef] = &[
    TableDef {
        name: "person",
        cols: &[
            ("id", Int),
            ("name", T),
            ("original_name", T),
            ("gender", Int),
            ("adult", Int),
            ("known_for_department", T),
            ("popularity", Real),
            ("profile_path", T),
        ],
    },
    TableDef {
        name: "network",
        cols: &[
            ("id", Int),
            ("name", T),
            ("logo_path", T),
            ("origin_country", T),
        ],
    },
    TableDef {
        name: "tv_series",
        cols: &[("id", Int), ("original_name", T), ("original_language", T)],
    },
    TableDef {
        name: "tv_series_network",
        cols: &[("series_id", Int), ("network_id", Int), ("position", Int)],
    },
    TableDef {
        name: "tv_season",
        cols: &[
            ("series_id", Int),
            ("season_number", Int),
            ("id", Int),
            ("object_id", T),
            ("air_date", T),
            ("poster_path", T),
            ("vote_average", Real),
            ("name", T),
            ("overview", T),
            ("primary_language", T),
        ],
    },
    TableDef {
        name: "tv_episode",
        cols: &[
            ("id", Int),
            ("series_id", Int),
            ("season_number", Int),
            ("episode_number", Int),
            ("air_date", T),
            ("episode_type", T),
            ("production_code", T),
            ("runtime", Int),
            ("still_path", T),
            ("vote_average", Real),
            ("vote_count", Int),
            ("name", T),
            ("overview", T),
            ("primary_language", T),
        ],
    },
    TableDef {
        name: "translation",
        cols: &[
            ("owner_type", T),
            ("owner_id", Int),
            ("iso_639_1", T),
            ("iso_3166_1", T),
            ("name", T),
            ("overview", T),
        ],
    },
    TableDef {
        name: "credit",
        cols: &[
            ("owner_type", T),
            ("owner_id", Int),
            ("kind", T),
            ("credit_id", T),
            ("person_id", Int),
            ("character_name", T),
            ("department", T),
            ("job", T),
            ("ord", Int),
            ("regular", Int),
            ("episode_count", Int),
            ("position", Int),
            ("agg_position", Int),
        ],
    },
    TableDef {
        name: "image",
        cols: &[
            ("owner_type", T),
            ("owner_id", Int),
            ("kind", T),
            ("file_path", T),
            ("aspect_ratio", Real),
            ("height", Int),
            ("width", Int),
            ("iso_639_1", T),
            ("vote_average", Real),
            ("vote_count", Int),
            ("position", Int),
        ],
    },
    TableDef {
        name: "video",
        cols: &[
            ("owner_type", T),
            ("owner_id", Int),
            ("id", T),
            ("iso_639_1", T),
            ("iso_3166_1", T),
            ("name", T),
            ("video_key", T),
            ("site", T),
            ("size", Int),
            ("video_type", T),
            ("official", Int),
            ("published_at", T),
            ("position", Int),
        ],
    },
    TableDef {
        name: "external_id",
        cols: &[
            ("owner_type", T),
            ("owner_id", Int),
            ("source", T),
            ("value", T),
        ],
    },
    TableDef {
        name: "change_log",
        cols: &[
            ("id", T),
            ("seq", Int),
            ("owner_type", T),
            ("owner_id", Int),
            ("change_key", T),
            ("action", T),
            ("time", T),
            ("iso_639_1", T),
            ("iso_3166_1", T),
            ("value", T),
            ("original_value", T),
        ],
    },
];

/// One bound value.
#[derive(Debug, Clone)]
pub enum Val {
    I(Option<i64>),
    F(Option<f64>),
    S(Option<String>),
}

fn i(v: i64) -> Val {
    Val::I(Some(v))
}
fn f(v: f64) -> Val {
    Val::F(Some(v))
}
fn s(v: impl Into<String>) -> Val {
    Val::S(Some(v.into()))
}
fn os(v: &Option<String>) -> Val {
    Val::S(v.clone())
}
const NULL_I: Val = Val::I(None);
const NULL_S: Val = Val::S(None);

/// Buffers rows and writes them in batches over one connection.
pub struct Loader {
    conn: PoolConnection<Any>,
    bufs: Vec<Vec<Val>>,
    pending: usize,
    sql: HashMap<(usize, usize), String>,
    /// `?` placeholders (SQLite) instead of `$N` (PostgreSQL).
    anonymous: bool,
    /// Rows written per table.
    pub written: Vec<u64>,
}

impl Loader {
    pub fn new(conn: PoolConnection<Any>, engine: reeldb_store::Engine) -> Loader {
        Loader {
            conn,
            anonymous: engine == reeldb_store::Engine::Sqlite,
            bufs: vec![Vec::new(); TABLES.len()],
            pending: 0,
            sql: HashMap::new(),
            written: vec![0; TABLES.len()],
        }
    }

    pub fn conn(&mut self) -> &mut PoolConnection<Any> {
        &mut self.conn
    }

    pub fn into_conn(self) -> PoolConnection<Any> {
        self.conn
    }

    /// Rows written so far (all tables).
    pub fn rows(&self) -> u64 {
        self.written.iter().sum()
    }

    /// Rows written plus rows buffered.
    pub fn rows_seen(&self) -> u64 {
        self.rows() + self.pending as u64
    }

    fn push<const N: usize>(&mut self, table: usize, row: [Val; N]) {
        debug_assert_eq!(N, TABLES[table].cols.len());
        self.bufs[table].extend(row);
        self.pending += 1;
    }

    fn rows_per_statement(table: usize) -> usize {
        (MAX_PARAMS / TABLES[table].cols.len()).min(MAX_ROWS_PER_STATEMENT)
    }

    /// Writes a batch when enough rows are buffered.
    pub async fn maybe_flush(&mut self) -> Result<(), sqlx::Error> {
        if self.pending >= BATCH_ROWS {
            self.flush(false).await?;
        }
        Ok(())
    }

    /// Writes buffered rows in one transaction: whole statements only unless `all`, so nearly
    /// every statement has the same shape and reuses its prepared form.
    pub async fn flush(&mut self, all: bool) -> Result<(), sqlx::Error> {
        let mut tx = sqlx::Connection::begin(&mut *self.conn).await?;
        for (t, def) in TABLES.iter().enumerate() {
            let ncols = def.cols.len();
            let per = Self::rows_per_statement(t);
            loop {
                let buffered = self.bufs[t].len() / ncols;
                let n = if buffered >= per {
                    per
                } else if all && buffered > 0 {
                    buffered
                } else {
                    break;
                };
                let anonymous = self.anonymous;
                let sql = self
                    .sql
                    .entry((t, n))
                    .or_insert_with(|| insert_sql(t, n, anonymous))
                    .clone();
                let mut q = sqlx::query(&sql);
                for v in self.bufs[t].drain(..n * ncols) {
                    q = match v {
                        Val::I(x) => q.bind(x),
                        Val::F(x) => q.bind_f64(x),
                        Val::S(x) => q.bind(x),
                    };
                }
                q.execute(&mut *tx).await?;
                self.written[t] += n as u64;
                self.pending -= n;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    pub fn person(&mut self, p: &Person) {
        self.push(
            PERSON,
            [
                i(p.id),
                s(p.name.clone()),
                s(p.name.clone()),
                i(p.gender),
                i(0),
                s(p.department),
                f(p.popularity),
                os(&p.profile_path),
            ],
        );
    }

    pub fn network(&mut self, n: &Network) {
        self.push(
            NETWORK,
            [
                i(n.id),
                s(n.name.clone()),
                os(&n.logo_path),
                s(n.origin_country.clone()),
            ],
        );
    }

    fn texts(&mut self, owner: &'static str, id: i64, texts: &[Text]) {
        for t in texts {
            self.push(
                TRANSLATION,
                [
                    s(owner),
                    i(id),
                    s(t.lang.clone()),
                    s(t.region.clone()),
                    os(&t.name),
                    os(&t.overview),
                ],
            );
        }
    }

    fn images(&mut self, owner: &'static str, id: i64, kind: &'static str, images: &[Img]) {
        for (pos, m) in images.iter().enumerate() {
            self.push(
                IMAGE,
                [
                    s(owner),
                    i(id),
                    s(kind),
                    s(m.file_path.clone()),
                    f(m.aspect_ratio),
                    i(m.height),
                    i(m.width),
                    os(&m.lang),
                    f(m.vote_average),
                    i(m.vote_count),
                    i(pos as i64),
                ],
            );
        }
    }

    fn videos(&mut self, owner: &'static str, id: i64, videos: &[Vid]) {
        for (pos, v) in videos.iter().enumerate() {
            self.push(
                VIDEO,
                [
                    s(owner),
                    i(id),
                    s(v.id.clone()),
                    s(v.lang.clone()),
                    s(v.region.clone()),
                    s(v.name.clone()),
                    s(v.key.clone()),
                    s("YouTube"),
                    i(v.size),
                    s(v.kind),
                    i(i64::from(v.official)),
                    s(v.published_at.clone()),
                    i(pos as i64),
                ],
            );
        }
    }

    fn external_ids(&mut self, owner: &'static str, id: i64, ids: &[(&'static str, String)]) {
        for (source, value) in ids {
            self.push(EXTERNAL_ID, [s(owner), i(id), s(*source), s(value.clone())]);
        }
    }

    fn credits(
        &mut self,
        owner: &'static str,
        id: i64,
        kind: &'static str,
        regular: bool,
        credits: &[Cred],
    ) {
        for (pos, c) in credits.iter().enumerate() {
            self.push(
                CREDIT,
                [
                    s(owner),
                    i(id),
                    s(kind),
                    s(c.credit_id.clone()),
                    i(crate::model::person_id(c.person)),
                    os(&c.character),
                    Val::S(c.department.map(str::to_owned)),
                    Val::S(c.job.map(str::to_owned)),
                    Val::I(c.order),
                    i(i64::from(regular)),
                    NULL_I,
                    i(pos as i64),
                    NULL_I,
                ],
            );
        }
    }

    /// Buffers every row of one series. The change log gets one `created` item per series (key
    /// `id`, as `Writer::ensure_series` records it), dated the series' first air date.
    pub fn series(&mut self, x: &Series, networks: &[Network], seq: i64) {
        self.push(
            SERIES,
            [
                i(x.id),
                s(x.original_name.clone()),
                s(x.original_language.clone()),
            ],
        );
        for (pos, n) in x.networks.iter().enumerate() {
            self.push(SERIES_NETWORK, [i(x.id), i(networks[*n].id), i(pos as i64)]);
        }
        self.texts("tv", x.id, &x.texts);
        self.external_ids("tv", x.id, &x.external_ids);
        let created = x
            .seasons
            .first()
            .map_or_else(|| "2000-01-01".to_owned(), |s| s.air_date.clone());
        self.push(
            CHANGE_LOG,
            [
                s(x.change_id.clone()),
                i(seq),
                s("tv"),
                i(x.id),
                s("id"),
                s("created"),
                s(format!("{created} 12:00:00 UTC")),
                NULL_S,
                NULL_S,
                s(x.id.to_string()),
                NULL_S,
            ],
        );
        for season in &x.seasons {
            self.push(
                SEASON,
                [
                    i(x.id),
                    i(season.number),
                    i(season.id),
                    s(season.object_id.clone()),
                    s(season.air_date.clone()),
                    os(&season.poster_path),
                    f(season.vote_average),
                    primary(&season.texts).0,
                    primary(&season.texts).1,
                    s(PRIMARY_LANGUAGE),
                ],
            );
            self.texts("season", season.id, &season.texts);
            self.images("season", season.id, "poster", &season.posters);
            self.videos("season", season.id, &season.videos);
            self.external_ids("season", season.id, &season.external_ids);
            self.credits("season", season.id, "cast", true, &season.cast);
            self.credits("season", season.id, "crew", true, &season.crew);
            for e in &season.episodes {
                self.push(
                    EPISODE,
                    [
                        i(e.id),
                        i(x.id),
                        i(season.number),
                        i(e.number),
                        s(e.air_date.clone()),
                        s(e.episode_type),
                        os(&e.production_code),
                        i(e.runtime),
                        os(&e.still_path),
                        f(e.vote_average),
                        i(e.vote_count),
                        primary(&e.texts).0,
                        primary(&e.texts).1,
                        s(PRIMARY_LANGUAGE),
                    ],
                );
                self.texts("episode", e.id, &e.texts);
                self.images("episode", e.id, "still", &e.stills);
                self.videos("episode", e.id, &e.videos);
                self.external_ids("episode", e.id, &e.external_ids);
                self.credits("episode", e.id, "guest", false, &e.guests);
                self.credits("episode", e.id, "crew", false, &e.crew);
            }
        }
    }
}

/// Seasons and episodes carry their en-US text as primary text (migration 0002), as an import of
/// their details in the default language stores it; the en-US translation row stays too.
const PRIMARY_LANGUAGE: &str = "en-US";

fn primary(texts: &[Text]) -> (Val, Val) {
    match texts.iter().find(|t| t.lang == "en" && t.region == "US") {
        Some(t) => (os(&t.name), os(&t.overview)),
        None => (NULL_S, NULL_S),
    }
}

fn insert_sql(table: usize, rows: usize, anonymous: bool) -> String {
    let def = &TABLES[table];
    let cols: Vec<&str> = def.cols.iter().map(|c| c.0).collect();
    let mut sql = format!("INSERT INTO {} ({}) VALUES ", def.name, cols.join(", "));
    let mut n = 0;
    for r in 0..rows {
        if r > 0 {
            sql.push(',');
        }
        sql.push('(');
        for c in 0..cols.len() {
            if c > 0 {
                sql.push(',');
            }
            n += 1;
            if anonymous {
                sql.push('?');
            } else {
                sql.push('$');
                sql.push_str(&n.to_string());
            }
        }
        sql.push(')');
    }
    sql
}

/// An order-independent digest of every table the generator writes: SHA-256 of each row (values
/// decoded by column type and printed alike on both engines), summed. Equal digests mean equal
/// contents, on either engine.
pub async fn digest(pool: &sqlx::AnyPool) -> Result<String, sqlx::Error> {
    use futures_util::TryStreamExt;
    use sha2::{Digest, Sha256};
    let mut total = Sha256::new();
    for def in TABLES {
        let cols: Vec<&str> = def.cols.iter().map(|c| c.0).collect();
        let sql = format!("SELECT {} FROM {}", cols.join(", "), def.name);
        let mut rows = sqlx::query(&sql).fetch(pool);
        let mut acc = [0u64; 4];
        let mut count = 0u64;
        while let Some(row) = rows.try_next().await? {
            let mut h = Sha256::new();
            for (k, (_, kind)) in def.cols.iter().enumerate() {
                let text = match kind {
                    Kind::Int => format!("{:?}", row.try_get::<Option<i64>, _>(k)?),
                    Kind::Real => format!("{:?}", row.try_get::<Option<f64>, _>(k)?),
                    Kind::Text => format!("{:?}", row.try_get::<Option<String>, _>(k)?),
                };
                h.update(text.as_bytes());
                h.update([0x1f]);
            }
            let out = h.finalize();
            for (j, a) in acc.iter_mut().enumerate() {
                let mut b = [0u8; 8];
                b.copy_from_slice(&out[j * 8..j * 8 + 8]);
                *a = a.wrapping_add(u64::from_le_bytes(b));
            }
            count += 1;
        }
        total.update(def.name.as_bytes());
        total.update(count.to_le_bytes());
        for a in acc {
            total.update(a.to_le_bytes());
        }
    }
    Ok(hex::encode(total.finalize()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn statements_stay_under_the_parameter_limits() {
        for (t, def) in super::TABLES.iter().enumerate() {
            let n = super::Loader::rows_per_statement(t) * def.cols.len();
            assert!(n <= 32_766, "{}: {n}", def.name);
        }
        assert_eq!(
            super::insert_sql(super::NETWORK, 2, false),
            "INSERT INTO network (id, name, logo_path, origin_country) VALUES ($1,$2,$3,$4),($5,$6,$7,$8)"
        );
        assert_eq!(
            super::insert_sql(super::SERIES, 1, true),
            "INSERT INTO tv_series (id, original_name, original_language) VALUES (?,?,?)"
        );
    }
}
