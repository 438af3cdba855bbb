//! The TMDB v3 wire contract, apart from storage and HTTP.
//!
//! - [`status`]: TMDB's table of status codes (code, HTTP status, message).
//! - [`params`]: validated request parameters (`language`, `page`, `append_to_response`, dates).
//! - [`tv`]: the JSON shapes of TV season and episode responses.
//! - [`tv_extra`]: TV series sub-resources (alternative titles, content ratings, keywords,
//!   screened-theatrically episodes, episode groups).
//! - [`tv_series`]: the JSON shapes of TV series details and its series-level sub-resources.
//! - [`common`]: shapes shared by many resources (people in credits, images, videos, translations).
//! - [`catalog`]: catalog-wide lists (genre lists, certification systems).
//! - [`movie_lists`]: movie lists' `dates`, recommendation entries, legacy `/releases` and
//!   `/trailers`.
//! - [`network`], [`review`]: networks; reviews of series (and later movies).
//! - [`collection`], [`company`], [`keyword`]: collections, companies and keywords.
//! - [`discover`]: validated `/3/discover/{movie,tv}` parameters.
//! - [`search`]: entries of the collection, company and keyword searches.
//! - [`trending`]: entries of the trending lists and of find results (with `media_type`).
#![forbid(unsafe_code)]

pub mod catalog;
pub mod collection;
pub mod common;
pub mod company;
pub mod configuration;
pub mod discover;
pub mod keyword;
pub mod movie;
pub mod movie_lists;
pub mod network;
pub mod params;
pub mod person;
pub mod review;
pub mod search;
pub mod status;
pub mod trending;
pub mod tv;
pub mod tv_extra;
pub mod tv_series;

pub use status::Status;
