//! `known_for` as the generator writes it: each person's best titles are ranked while their
//! credit rows are buffered ([`reeldb_store::known_for::Best`], the ranking the store's refresh
//! uses), and the rows are written after the last title, so no credit is read back (at `tmdb`
//! scale PostgreSQL took almost four minutes to read the 40 M credit rows in person order).
//! Every title the generator writes has a popularity and every season and episode an id, so
//! each credit counts for its title as the refresh would count it; the generate test checks
//! that a refresh afterwards changes no row.

use crate::load::{KNOWN_FOR, Loader, Sink};
use crate::people::person_id;
use reeldb_store::db::SqlValue;

/// The title whose rows the loader is buffering, with its popularity.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Credited {
    Movie(i64, f64),
    Series(i64, f64),
}

impl Loader {
    /// Offers the title being buffered to the person (by index) a credit row names.
    pub(crate) fn rank(&mut self, person: u32) {
        let index = person as usize;
        if index >= self.best.len() {
            self.best.resize(index + 1, Default::default());
        }
        let best = &mut self.best[index];
        match self.title {
            Some(Credited::Movie(id, popularity)) => best.movie(id, popularity),
            Some(Credited::Series(id, popularity)) => best.series(id, popularity),
            None => {}
        }
    }

    /// Buffers every person's `known_for` rows, in person order, and lets the ranking go.
    pub fn known_for(&mut self, sink: &Sink) -> Result<(), crate::load::Closed> {
        let best = std::mem::take(&mut self.best);
        for (index, b) in best.iter().enumerate() {
            for (person, ord, media, title, popularity) in b.rows(person_id(index as u32)) {
                self.push(
                    KNOWN_FOR,
                    [
                        SqlValue::Int(person),
                        SqlValue::Int(ord),
                        SqlValue::Text(media.to_owned()),
                        SqlValue::Int(title),
                        SqlValue::Real(popularity),
                    ],
                );
            }
            if index % 10_000 == 0 {
                self.maybe_flush(sink)?;
            }
        }
        Ok(())
    }
}
