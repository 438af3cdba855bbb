//! The TMDB v3 wire contract, apart from storage and HTTP.
//!
//! - [`status`]: TMDB's table of status codes (code, HTTP status, message).
//! - [`params`]: validated request parameters (`language`, `page`, `append_to_response`, dates).
//! - [`tv`]: the JSON shapes of TV season and episode responses.
//! - [`tv_series`]: the JSON shapes of TV series details and its series-level sub-resources.
//! - [`common`]: shapes shared by many resources (people in credits, images, videos, translations).
#![forbid(unsafe_code)]

pub mod common;
pub mod params;
pub mod status;
pub mod tv;
pub mod tv_series;

pub use status::Status;
