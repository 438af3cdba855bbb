//! The hand-off between the generating thread and the database thread: a [`Loader`](crate::load::Loader)
//! hands whole batches of rows to a [`Sink`]; the database thread writes each with
//! [`write_batch`] while the next one is generated.

use crate::tables::TABLES;
use reeldb_store::Engine;
use reeldb_store::db::{Db, SqlValue};

/// Rows of several tables, `(table, values row after row)`, written in one transaction.
pub struct Batch {
    pub(crate) parts: Vec<(usize, Vec<SqlValue>)>,
}

/// Where a [`Loader`](crate::load::Loader) hands its batches: the database thread, which writes them while the next
/// batch is generated (generation and SQLite each keep a core busy).
pub type Sink = std::sync::mpsc::SyncSender<Batch>;

/// The writer stopped taking batches (it failed; its error is the one to report).
#[derive(Debug)]
pub struct Closed;

/// Writes one batch in one transaction on `db`: one `COPY` per table on PostgreSQL, multi-row
/// `INSERT`s on SQLite.
pub fn write_batch(db: &mut Db, batch: &Batch) -> reeldb_store::Result<()> {
    db.transaction(|db| {
        for (t, values) in &batch.parts {
            let def = &TABLES[*t];
            if db.engine() == Engine::Postgres {
                let cols: Vec<&str> = def.cols.iter().map(|c| c.0).collect();
                db.copy_in(def.name, &cols, values)?;
                continue;
            }
            let ncols = def.cols.len();
            let per = crate::load::Loader::rows_per_statement(*t);
            let mut sql = (per, insert_sql(*t, per));
            for chunk in values.chunks(per * ncols) {
                let n = chunk.len() / ncols;
                if n != sql.0 {
                    sql = (n, insert_sql(*t, n));
                }
                db.execute_values(&sql.1, chunk)?;
            }
        }
        Ok(())
    })
}

/// `INSERT INTO table (cols) VALUES ($1, ...), (...)` for `rows` rows of `TABLES[table]`.
fn insert_sql(table: usize, rows: usize) -> String {
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
            sql.push('$');
            sql.push_str(&n.to_string());
        }
        sql.push(')');
    }
    sql
}

#[cfg(test)]
mod tests {
    #[test]
    fn insert_statements_number_every_parameter() {
        let network = crate::tables::TABLES
            .iter()
            .position(|t| t.name == "network")
            .unwrap();
        assert_eq!(
            super::insert_sql(network, 2),
            "INSERT INTO network (id, name, logo_path, origin_country) VALUES ($1,$2,$3,$4),($5,$6,$7,$8)"
        );
    }
}
