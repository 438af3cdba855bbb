//! Catalog-wide lists: genre lists (`/3/genre/{movie,tv}/list`).

use serde::{Deserialize, Serialize};

pub use crate::tv_series::Genre;

/// `{genres: [{id, name}]}` of a genre list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GenreList {
    pub genres: Vec<Genre>,
}
