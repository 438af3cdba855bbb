//! Imports TMDB-shaped JSON into the catalog.
//!
//! An import record names the request it answers and carries TMDB's response:
//! `{"request": "/3/tv/1396/season/1?append_to_response=credits,images", "response": {...}}`.
//! - [`request`]: parses a record's request into the resource it describes.
//! - [`apply`]: applies a response (and what `append_to_response` added) through a store `Writer`.
//! - [`dropped`]: the fields a response carried that no wire struct models, by JSON path.
//! - [`person`]: the people responses `apply` hands on (`catalog`: the genre and certification
//!   lists).
//! - [`file`]: reads files of records (one, an array, or JSON lines; optionally gzipped).
//! - [`demo`]: the bundled demo catalog (TMDB's examples, and real films seeded in bulk).
#![forbid(unsafe_code)]

pub mod apply;
mod apply_collection;
mod apply_network;
mod catalog;
pub mod demo;
mod demo_films;
pub mod dropped;
pub mod file;
pub mod media_lists;
mod movie;
pub mod person;
pub mod request;
mod series;

/// Why one record could not be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("unsupported request {0:?}: reeldb does not import this resource yet")]
    Unsupported(String),
    #[error("bad request {0:?}: {1}")]
    BadRequest(String, String),
    #[error("response does not match {0}: {1}")]
    BadResponse(String, String),
    #[error("record is not an object with \"request\" and \"response\": {0}")]
    BadRecord(String),
    #[error("{0}")]
    Store(#[from] reeldb_store::StoreError),
}

/// One import record.
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
pub struct Record {
    pub request: String,
    pub response: serde_json::Value,
}

pub use apply::{Imported, import_record, import_records, import_tracked};
pub use catalog::ConfigurationList;
pub use dropped::Dropped;
