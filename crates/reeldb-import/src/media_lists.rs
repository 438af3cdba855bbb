//! Mixed media lists: `/3/trending/{media_type}/{time_window}` pages and `/3/find/{id}`
//! responses. Their entries' list fields are imported (movies, series, people); the lists
//! themselves are computed, never stored. A find response also says each entry holds the
//! external id it was found by, which is kept.

use crate::ImportError;
use crate::apply::parse;
use crate::request::{Request, Resource};
use reeldb_store::Writer;
use reeldb_store::find::FIND_SOURCES;
use reeldb_wire::common::Paged;
use reeldb_wire::trending::{FindResults, TrendingEntry};
use serde_json::Value;

/// A mixed media list an import accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MediaList {
    /// A trending page (any media type and window).
    Trending,
    /// A find response: the objects whose `source` id is `value`.
    Find { source: String, value: String },
}

/// The resource of `/3/trending/...` or `/3/find/{id}` (with its `external_source`).
pub(crate) fn resource(segs: &[&str], query: &str) -> Option<Resource> {
    match segs {
        ["trending", media, "day" | "week"]
            if reeldb_store::trending::MediaKind::from_name(media).is_some() =>
        {
            Some(Resource::MediaList(MediaList::Trending))
        }
        ["find", value] if !value.is_empty() => {
            let source = url::form_urlencoded::parse(query.as_bytes())
                .find(|(k, _)| k == "external_source")
                .map(|(_, v)| v.trim().to_owned())?;
            FIND_SOURCES.contains(&source.as_str()).then(|| {
                Resource::MediaList(MediaList::Find {
                    source,
                    value: (*value).to_owned(),
                })
            })
        }
        _ => None,
    }
}

/// Applies a trending page or a find response.
pub(crate) fn apply(
    w: &mut Writer,
    req: &Request,
    list: &MediaList,
    resp: &Value,
) -> Result<(), ImportError> {
    let tag = req.language.to_string();
    match list {
        MediaList::Trending => {
            let page: Paged<TrendingEntry> = parse(resp, "trending")?;
            for e in &page.results {
                w.set_media_entry(e, &tag)?;
            }
        }
        MediaList::Find { source, value } => {
            let found: FindResults = parse(resp, "find")?;
            if !found.tv_season_results.is_empty() || !found.tv_episode_results.is_empty() {
                return Err(ImportError::BadResponse(
                    "find".into(),
                    "season and episode results name objects by TMDB id only; import their \
                     details (and /external_ids) instead"
                        .into(),
                ));
            }
            w.set_found(source, value, &found, &tag)?;
        }
    }
    Ok(())
}
