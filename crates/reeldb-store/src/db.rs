//! The one driver layer over both engines: [`Db`], a synchronous connection to SQLite
//! (`rusqlite`, bundled SQLite) or PostgreSQL (`postgres`); values and rows are in
//! [`crate::value`], and [`DbThreads`] (in [`crate::threads`]) is the fixed set of threads that
//! each own one `Db` and run whole jobs on it.
//!
//! Why synchronous: a request's reads run together in one job, so a request costs one hand-off
//! from the async world to a database thread, not one per statement (measured in
//! `docs/READ-PATH.md`). The number of threads bounds the database work running at once.
//!
//! Query logic is written once against [`Db`]. The only dialect difference handled here is the
//! placeholder: statements are written with PostgreSQL's `$1, $2, ...`, which SQLite reads as
//! `?1, ?2, ...` after [`sqlite_sql`] rewrites them. Any other engine-specific SQL lives in
//! [`Db::engine`] branches next to the query that needs it, and in `migrate.rs`.

pub use crate::threads::DbThreads;
pub use crate::value::{FromRow, FromSqlValue, Row, SqlValue, ToSqlValue};
use crate::{Engine, Result, StoreError};
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Statement parameters.
pub type Params<'a> = &'a [&'a dyn ToSqlValue];

/// Rewrites `$N` placeholders as SQLite's numbered `?N` (SQLite reads `$1` as a *named*
/// parameter whose index is its order of first appearance, which would swap `$2 ... $1`).
pub fn sqlite_sql(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push('?');
        } else {
            out.push(c);
        }
    }
    out
}

enum Conn {
    Sqlite {
        conn: rusqlite::Connection,
        /// `$N` SQL -> `?N` SQL, so the rewrite happens once per statement text.
        rewritten: HashMap<String, String>,
    },
    Postgres {
        client: Box<postgres::Client>,
        prepared: HashMap<String, postgres::Statement>,
    },
}

/// Options for opening connections.
#[derive(Debug, Clone)]
pub struct OpenOptions {
    /// SQLite: bytes of the file read through a memory mapping (`PRAGMA mmap_size`), which
    /// spares a `pread` per page. 0 turns it off.
    pub sqlite_mmap_bytes: u64,
    /// SQLite: bytes of decoded pages each connection keeps (`PRAGMA cache_size`). Interior
    /// B-tree pages of a large catalog stay here instead of being read and parsed again.
    pub sqlite_cache_bytes: u64,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            sqlite_mmap_bytes: 512 << 20,
            sqlite_cache_bytes: 64 << 20,
        }
    }
}

/// A synchronous connection to either engine.
pub struct Db {
    conn: Conn,
    engine: Engine,
    in_tx: bool,
    statements: Arc<AtomicU64>,
}

fn sqlite_err(e: rusqlite::Error) -> StoreError {
    StoreError::Database(e.to_string())
}

/// One value in `COPY`'s text format: `\\N` for NULL; backslash, tab, newline and carriage
/// return escaped in text; numbers as Rust writes them (the shortest text that reads back as
/// the same `f64`).
fn copy_field(out: &mut String, v: &SqlValue) {
    use std::fmt::Write;
    match v {
        SqlValue::Null => out.push_str("\\N"),
        SqlValue::Int(i) => {
            let _ = write!(out, "{i}");
        }
        SqlValue::Real(f) => {
            let _ = write!(out, "{f}");
        }
        SqlValue::Text(t) => {
            for c in t.chars() {
                match c {
                    '\\' => out.push_str("\\\\"),
                    '\t' => out.push_str("\\t"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    c => out.push(c),
                }
            }
        }
    }
}

fn pg_err(e: postgres::Error) -> StoreError {
    // `Display` of a server error says only "db error"; its source carries the message.
    match e.as_db_error() {
        Some(db) => StoreError::Database(format!("{}: {}", db.code().code(), db.message())),
        None => StoreError::Database(e.to_string()),
    }
}

impl Db {
    /// Opens one connection: `url` is `sqlite://PATH...` or a `postgres://` URL
    /// (see [`crate::database_url`]).
    pub fn open(url: &str, opts: &OpenOptions, statements: Arc<AtomicU64>) -> Result<Db> {
        if let Some(rest) = url
            .strip_prefix("sqlite://")
            .or(url.strip_prefix("sqlite:"))
        {
            let path = rest.split('?').next().unwrap_or(rest);
            let conn = rusqlite::Connection::open(path).map_err(sqlite_err)?;
            conn.set_prepared_statement_cache_capacity(256);
            // WAL lets readers run beside the writer; FULL sync makes an acknowledged write
            // survive a power cut, not only a process crash.
            conn.execute_batch(&format!(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000;
                 PRAGMA foreign_keys = ON; PRAGMA mmap_size = {}; PRAGMA cache_size = -{};",
                opts.sqlite_mmap_bytes,
                opts.sqlite_cache_bytes / 1024
            ))
            .map_err(sqlite_err)?;
            Ok(Db {
                conn: Conn::Sqlite {
                    conn,
                    rewritten: HashMap::new(),
                },
                engine: Engine::Sqlite,
                in_tx: false,
                statements,
            })
        } else {
            let client = postgres::Client::connect(url, postgres::NoTls).map_err(pg_err)?;
            Ok(Db {
                conn: Conn::Postgres {
                    client: Box::new(client),
                    prepared: HashMap::new(),
                },
                engine: Engine::Postgres,
                in_tx: false,
                statements,
            })
        }
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    fn count(&self) {
        self.statements.fetch_add(1, Ordering::Relaxed);
    }

    /// Runs a statement and hands each row to `f`, in order.
    pub fn for_each(
        &mut self,
        sql: &str,
        params: Params,
        mut f: impl FnMut(Row) -> Result<()>,
    ) -> Result<()> {
        self.count();
        match &mut self.conn {
            Conn::Sqlite { conn, rewritten } => {
                let mut stmt = sqlite_prepare(conn, rewritten, sql)?;
                let ncols = stmt.column_count();
                let values: Vec<SqlValue> = params.iter().map(|p| p.to_sql_value()).collect();
                let mut rows = stmt
                    .query(rusqlite::params_from_iter(values.iter().map(SqliteParam)))
                    .map_err(sqlite_err)?;
                while let Some(r) = rows.next().map_err(sqlite_err)? {
                    let mut vals = Vec::with_capacity(ncols);
                    for i in 0..ncols {
                        use rusqlite::types::ValueRef;
                        vals.push(match r.get_ref(i).map_err(sqlite_err)? {
                            ValueRef::Null => SqlValue::Null,
                            ValueRef::Integer(i) => SqlValue::Int(i),
                            ValueRef::Real(f) => SqlValue::Real(f),
                            ValueRef::Text(t) => {
                                SqlValue::Text(String::from_utf8_lossy(t).into_owned())
                            }
                            ValueRef::Blob(b) => {
                                SqlValue::Text(String::from_utf8_lossy(b).into_owned())
                            }
                        });
                    }
                    f(Row::new(vals))?;
                }
                Ok(())
            }
            Conn::Postgres { client, prepared } => {
                let stmt = pg_prepare(client, prepared, sql)?;
                let values = to_values(params);
                let bound = pg_params(&values);
                let refs = pg_refs(&bound);
                // Rows stream: a large result is not held whole in memory.
                let mut rows = client
                    .query_raw(&stmt, refs.iter().copied())
                    .map_err(pg_err)?;
                use postgres::fallible_iterator::FallibleIterator;
                while let Some(r) = rows.next().map_err(pg_err)? {
                    f(pg_row(&r)?)?;
                }
                Ok(())
            }
        }
    }

    /// All rows, each built as `T`.
    pub fn query<T: FromRow>(&mut self, sql: &str, params: Params) -> Result<Vec<T>> {
        let mut out = Vec::new();
        self.for_each(sql, params, |r| {
            out.push(T::from_row(r)?);
            Ok(())
        })?;
        Ok(out)
    }

    /// The first row, if any.
    pub fn query_opt<T: FromRow>(&mut self, sql: &str, params: Params) -> Result<Option<T>> {
        Ok(self.query(sql, params)?.into_iter().next())
    }

    /// The first row; [`StoreError::NotFound`] when there is none.
    pub fn query_one<T: FromRow>(&mut self, sql: &str, params: Params) -> Result<T> {
        self.query_opt(sql, params)?.ok_or(StoreError::NotFound)
    }

    /// The first column of the first row; [`StoreError::NotFound`] when there is no row.
    pub fn scalar<T: FromSqlValue>(&mut self, sql: &str, params: Params) -> Result<T> {
        self.scalar_opt(sql, params)?.ok_or(StoreError::NotFound)
    }

    /// The first column of the first row, if there is a row.
    pub fn scalar_opt<T: FromSqlValue>(&mut self, sql: &str, params: Params) -> Result<Option<T>> {
        match self.query_opt::<Row>(sql, params)? {
            Some(mut r) => Ok(Some(r.take(0)?)),
            None => Ok(None),
        }
    }

    /// Runs a statement that returns no rows; the number of rows it changed.
    pub fn execute(&mut self, sql: &str, params: Params) -> Result<u64> {
        self.execute_values(sql, &to_values(params))
    }

    /// [`Db::execute`] with the values themselves, bound in order without a copy: the bulk
    /// paths' rows, already held as [`SqlValue`]s (converting them copied every string and built
    /// two parameter vectors per statement, freshly allocated memory each time).
    pub fn execute_values(&mut self, sql: &str, values: &[SqlValue]) -> Result<u64> {
        self.count();
        match &mut self.conn {
            Conn::Sqlite { conn, rewritten } => {
                let mut stmt = sqlite_prepare(conn, rewritten, sql)?;
                let n = stmt
                    .execute(rusqlite::params_from_iter(values.iter().map(SqliteParam)))
                    .map_err(sqlite_err)?;
                Ok(n as u64)
            }
            Conn::Postgres { client, prepared } => {
                let stmt = pg_prepare(client, prepared, sql)?;
                let bound = pg_params(values);
                let refs = pg_refs(&bound);
                client.execute(&stmt, &refs).map_err(pg_err)
            }
        }
    }

    /// Appends rows to `table` through PostgreSQL's `COPY ... FROM STDIN` (text format): the
    /// bulk loader's path, which the server parses far faster than multi-row `INSERT`s. `values`
    /// holds the rows one after another, `columns.len()` values each. `table` and `columns` are
    /// the caller's own names, never input. On SQLite it is an error: use `INSERT`s there.
    pub fn copy_in(&mut self, table: &str, columns: &[&str], values: &[SqlValue]) -> Result<()> {
        self.count();
        let Conn::Postgres { client, .. } = &mut self.conn else {
            return Err(StoreError::Invalid("COPY is PostgreSQL's".into()));
        };
        let mut text = String::with_capacity(values.len() * 12);
        for row in values.chunks(columns.len().max(1)) {
            for (i, v) in row.iter().enumerate() {
                if i > 0 {
                    text.push('\t');
                }
                copy_field(&mut text, v);
            }
            text.push('\n');
        }
        let sql = format!("COPY {table} ({}) FROM STDIN", columns.join(", "));
        let mut writer = client.copy_in(&sql).map_err(pg_err)?;
        std::io::Write::write_all(&mut writer, text.as_bytes())
            .map_err(|e| StoreError::Database(format!("COPY {table}: {e}")))?;
        writer.finish().map_err(pg_err)?;
        Ok(())
    }

    /// Runs one or more statements without parameters (schema changes, settings).
    pub fn batch(&mut self, sql: &str) -> Result<()> {
        self.count();
        match &mut self.conn {
            Conn::Sqlite { conn, .. } => conn.execute_batch(sql).map_err(sqlite_err),
            Conn::Postgres { client, prepared } => {
                // A schema change can invalidate prepared statements' result types.
                prepared.clear();
                client.batch_execute(sql).map_err(pg_err)
            }
        }
    }

    /// Runs `f` as one read. On SQLite it runs inside a deferred transaction: the request's
    /// statements share one snapshot and one shared lock, instead of each taking and releasing
    /// it (the profile showed that per-statement locking at several percent). On PostgreSQL the
    /// statements run as they come (a transaction would add two round trips). The `BEGIN` and
    /// `COMMIT` are not counted in [`crate::Store::statements_run`]: they are a fixed two per
    /// request, not data statements.
    pub fn read<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&mut Db) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        if self.engine != Engine::Sqlite || self.in_tx {
            return f(self);
        }
        self.sqlite_control("BEGIN")?;
        self.in_tx = true;
        let result = f(self);
        self.in_tx = false;
        let end = self.sqlite_control(if result.is_ok() { "COMMIT" } else { "ROLLBACK" });
        let value = result?;
        end?;
        Ok(value)
    }

    /// A transaction statement on SQLite, prepared once.
    fn sqlite_control(&mut self, sql: &str) -> Result<()> {
        if let Conn::Sqlite { conn, .. } = &mut self.conn {
            conn.prepare_cached(sql)
                .and_then(|mut s| s.execute([]))
                .map_err(sqlite_err)?;
        }
        Ok(())
    }

    /// `BEGIN`, `COMMIT` and `ROLLBACK`: like [`Db::batch`], but keeping prepared statements.
    fn control(&mut self, sql: &str) -> Result<()> {
        self.count();
        match &mut self.conn {
            Conn::Sqlite { conn, .. } => conn.execute_batch(sql).map_err(sqlite_err),
            Conn::Postgres { client, .. } => client.batch_execute(sql).map_err(pg_err),
        }
    }

    /// Starts a transaction. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`), so
    /// two writers queue on `busy_timeout` instead of failing when one upgrades from reading.
    pub fn begin(&mut self) -> Result<()> {
        let sql = match self.engine {
            Engine::Sqlite => "BEGIN IMMEDIATE",
            Engine::Postgres => "BEGIN",
        };
        self.control(sql)?;
        self.in_tx = true;
        Ok(())
    }

    pub fn commit(&mut self) -> Result<()> {
        self.control("COMMIT")?;
        self.in_tx = false;
        Ok(())
    }

    pub fn rollback(&mut self) -> Result<()> {
        self.in_tx = false;
        self.control("ROLLBACK")
    }

    /// Whether a transaction is open.
    pub fn in_transaction(&self) -> bool {
        self.in_tx
    }

    /// Runs `f` in a transaction: committed when it returns `Ok`, rolled back otherwise.
    pub fn transaction<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&mut Db) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        self.begin()?;
        match f(self) {
            Ok(v) => {
                self.commit()?;
                Ok(v)
            }
            Err(e) => {
                let _ = self.rollback();
                Err(e)
            }
        }
    }
}

/// A cached SQLite statement for `$N` SQL (rewritten once per statement text).
fn sqlite_prepare<'c>(
    conn: &'c rusqlite::Connection,
    rewritten: &mut HashMap<String, String>,
    sql: &str,
) -> Result<rusqlite::CachedStatement<'c>> {
    if !rewritten.contains_key(sql) {
        rewritten.insert(sql.to_owned(), sqlite_sql(sql));
    }
    conn.prepare_cached(&rewritten[sql]).map_err(sqlite_err)
}

fn to_values(params: Params) -> Vec<SqlValue> {
    params.iter().map(|p| p.to_sql_value()).collect()
}

fn pg_params(values: &[SqlValue]) -> Vec<PgParam<'_>> {
    values.iter().map(PgParam).collect()
}

fn pg_refs<'a>(params: &'a [PgParam<'a>]) -> Vec<&'a (dyn postgres::types::ToSql + Sync)> {
    params
        .iter()
        .map(|v| v as &(dyn postgres::types::ToSql + Sync))
        .collect()
}

fn pg_prepare(
    client: &mut postgres::Client,
    prepared: &mut HashMap<String, postgres::Statement>,
    sql: &str,
) -> Result<postgres::Statement> {
    if let Some(s) = prepared.get(sql) {
        return Ok(s.clone());
    }
    let s = client.prepare(sql).map_err(pg_err)?;
    prepared.insert(sql.to_owned(), s.clone());
    Ok(s)
}

fn pg_row(r: &postgres::Row) -> Result<Row> {
    use postgres::types::Type;
    let mut vals = Vec::with_capacity(r.len());
    for (i, col) in r.columns().iter().enumerate() {
        let ty = col.type_();
        let v = if *ty == Type::INT8 {
            r.try_get::<_, Option<i64>>(i)
                .map(|v| v.map_or(SqlValue::Null, SqlValue::Int))
        } else if *ty == Type::INT4 {
            r.try_get::<_, Option<i32>>(i)
                .map(|v| v.map_or(SqlValue::Null, |x| SqlValue::Int(x.into())))
        } else if *ty == Type::INT2 {
            r.try_get::<_, Option<i16>>(i)
                .map(|v| v.map_or(SqlValue::Null, |x| SqlValue::Int(x.into())))
        } else if *ty == Type::BOOL {
            r.try_get::<_, Option<bool>>(i)
                .map(|v| v.map_or(SqlValue::Null, |x| SqlValue::Int(x.into())))
        } else if *ty == Type::FLOAT8 {
            r.try_get::<_, Option<f64>>(i)
                .map(|v| v.map_or(SqlValue::Null, SqlValue::Real))
        } else if *ty == Type::FLOAT4 {
            r.try_get::<_, Option<f32>>(i)
                .map(|v| v.map_or(SqlValue::Null, |x| SqlValue::Real(x.into())))
        } else {
            // TEXT, VARCHAR, NAME, BPCHAR and anything else that reads as a string.
            r.try_get::<_, Option<String>>(i)
                .map(|v| v.map_or(SqlValue::Null, SqlValue::Text))
        };
        vals.push(
            v.map_err(|e| StoreError::Database(format!("column {} ({ty}): {e}", col.name())))?,
        );
    }
    Ok(Row::new(vals))
}

/// A value bound for SQLite.
struct SqliteParam<'a>(&'a SqlValue);

impl rusqlite::ToSql for SqliteParam<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(ToSqlOutput::Borrowed(match self.0 {
            SqlValue::Null => ValueRef::Null,
            SqlValue::Int(i) => ValueRef::Integer(*i),
            SqlValue::Real(f) => ValueRef::Real(*f),
            SqlValue::Text(s) => ValueRef::Text(s.as_bytes()),
        }))
    }
}

/// A value bound for PostgreSQL, encoded as whatever type the server inferred for its
/// placeholder (so `$1` may be BIGINT in one statement and INTEGER in another).
#[derive(Debug)]
struct PgParam<'a>(&'a SqlValue);

impl postgres::types::ToSql for PgParam<'_> {
    fn to_sql(
        &self,
        ty: &postgres::types::Type,
        out: &mut bytes::BytesMut,
    ) -> std::result::Result<postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>>
    {
        use postgres::types::{IsNull, Type};
        match self.0 {
            SqlValue::Null => Ok(IsNull::Yes),
            SqlValue::Int(i) => match *ty {
                Type::INT8 => i.to_sql(ty, out),
                Type::INT4 => i32::try_from(*i)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*i)?.to_sql(ty, out),
                Type::BOOL => (*i != 0).to_sql(ty, out),
                Type::FLOAT8 => (*i as f64).to_sql(ty, out),
                Type::FLOAT4 => (*i as f32).to_sql(ty, out),
                _ => i.to_string().to_sql(ty, out),
            },
            SqlValue::Real(f) => match *ty {
                Type::FLOAT4 => (*f as f32).to_sql(ty, out),
                Type::FLOAT8 => f.to_sql(ty, out),
                _ => f.to_string().to_sql(ty, out),
            },
            SqlValue::Text(s) => s.as_str().to_sql(ty, out),
        }
    }

    fn accepts(_: &postgres::types::Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

/// `$first, $first+1, ...`: the placeholders of an `IN (...)` list of `n` parameters, which are
/// bound like any others (never spliced into the SQL).
pub fn in_list(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_numbered() {
        assert_eq!(
            sqlite_sql("SELECT a FROM t WHERE b = $2 AND c = $1 AND d = '$x'"),
            "SELECT a FROM t WHERE b = ?2 AND c = ?1 AND d = '$x'"
        );
    }

    #[test]
    fn sqlite_round_trip() {
        let mut db =
            Db::open("sqlite://:memory:", &OpenOptions::default(), Arc::default()).unwrap();
        db.batch("CREATE TABLE t (a BIGINT, b TEXT, c DOUBLE PRECISION)")
            .unwrap();
        db.execute(
            "INSERT INTO t VALUES ($1, $2, $3)",
            &[&1i64, &None::<String>, &2.5f64],
        )
        .unwrap();
        db.execute("INSERT INTO t (b, a) VALUES ($2, $1)", &[&2i64, &"x"])
            .unwrap();
        let rows: Vec<(i64, Option<String>, Option<f64>)> =
            db.query("SELECT a, b, c FROM t ORDER BY a", &[]).unwrap();
        assert_eq!(
            rows,
            vec![(1, None, Some(2.5)), (2, Some("x".to_owned()), None)]
        );
        assert_eq!(db.scalar::<i64>("SELECT COUNT(*) FROM t", &[]).unwrap(), 2);
        assert!(matches!(
            db.scalar::<i64>("SELECT a FROM t WHERE a = 9", &[]),
            Err(StoreError::NotFound)
        ));
    }
}
