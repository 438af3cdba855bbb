//! `/3/discover/movie` and `/3/discover/tv`: the catalog's listed movies or series filtered and
//! sorted as a validated [`Discover`] asks (docs/DISCOVER.md), computed on each request with
//! the indexes of migrations 11, 15 and 18.
//!
//! Statements: the count and the page (each one statement, built by [`query`] with every value
//! a parameter), then the page's entries: movies 3 (and 1 more for `region`'s release dates),
//! series 4. Six at most, whatever the filters.

pub mod facts;
mod query;

use crate::Result;
use crate::db::Db;
use crate::tv_lists::PER_PAGE;
use crate::value::ToSqlValue;
use reeldb_wire::common::Paged;
use reeldb_wire::discover::{Discover, DiscoverKind};
use reeldb_wire::person::MovieSummary;
use reeldb_wire::tv::TvSummary;

/// Whether the filters and sort of `d` are all ones the search index answers exactly as SQL
/// does (docs/DISCOVER.md "On the index"): release rows, certifications, credits, watch offers,
/// episode air dates and screened episodes are SQL's only. Every sort is the index's (the
/// `title` and `name` sorts order by the original title's bytes on both paths).
pub fn index_expressible(d: &Discover) -> bool {
    d.release_date.is_empty()
        && d.release_types.is_empty()
        && d.certification.is_empty()
        && d.cast.is_empty()
        && d.crew.is_empty()
        && d.people.is_empty()
        && d.watch_providers.is_empty()
        && d.without_watch_providers.is_empty()
        && d.monetization.is_empty()
        && d.air_date.is_empty()
        && !d.screened_theatrically
}

impl Db {
    /// `(total, page ids)` of a discover request in SQL: two statements.
    pub fn discover_ids_sql(&mut self, d: &Discover) -> Result<(u64, Vec<i64>)> {
        let (table, alias) = match d.kind {
            DiscoverKind::Movie => ("movie m", "m"),
            DiscoverKind::Tv => ("tv_series t", "t"),
        };
        let mut q = query::conditions(d);
        let filter = q.where_sql();
        let refs: Vec<&dyn ToSqlValue> = q.params.iter().map(|v| v as &dyn ToSqlValue).collect();
        let total: i64 = self.scalar(
            &format!("SELECT COUNT(*) FROM {table} WHERE {filter}"),
            &refs,
        )?;
        let offset = (i64::from(d.page.max(1)) - 1) * PER_PAGE as i64;
        let limit = q.limit(PER_PAGE as i64, offset);
        let order = query::order_by(d, self.engine());
        let refs: Vec<&dyn ToSqlValue> = q.params.iter().map(|v| v as &dyn ToSqlValue).collect();
        let ids: Vec<(i64,)> = self.query(
            &format!("SELECT {alias}.id FROM {table} WHERE {filter} ORDER BY {order} {limit}"),
            &refs,
        )?;
        Ok((
            total.max(0) as u64,
            ids.into_iter().map(|(id,)| id).collect(),
        ))
    }

    /// One page of `/3/discover/movie`, entries in `d.language`, release dates as `d.region`
    /// states them. Six statements at most.
    pub fn discover_movies(&mut self, d: &Discover) -> Result<Paged<MovieSummary>> {
        let (total, ids) = self.discover_ids_sql(d)?;
        self.discover_movies_page(d, total, &ids)
    }

    /// The page of `/3/discover/movie` whose ids (in order) and total are known (from SQL or
    /// from the search index): four statements at most.
    pub fn discover_movies_page(
        &mut self,
        d: &Discover,
        total: u64,
        ids: &[i64],
    ) -> Result<Paged<MovieSummary>> {
        let mut results = self.movie_summaries_in_order(ids, &d.language)?;
        if let Some(region) = &d.region {
            self.with_regional_dates(&mut results, region)?;
        }
        Ok(Paged::new(d.page, PER_PAGE, total, results))
    }

    /// One page of `/3/discover/tv`, entries in `d.language`. Six statements.
    pub fn discover_series(&mut self, d: &Discover) -> Result<Paged<TvSummary>> {
        let (total, ids) = self.discover_ids_sql(d)?;
        self.discover_series_page(d, total, &ids)
    }

    /// The page of `/3/discover/tv` whose ids (in order) and total are known: four
    /// statements.
    pub fn discover_series_page(
        &mut self,
        d: &Discover,
        total: u64,
        ids: &[i64],
    ) -> Result<Paged<TvSummary>> {
        let results = self.series_summaries(ids, &d.language)?;
        Ok(Paged::new(d.page, PER_PAGE, total, results))
    }
}
