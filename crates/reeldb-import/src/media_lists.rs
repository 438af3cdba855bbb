//! Mixed media lists: `/3/trending/{media_type}/{time_window}` pages, `/3/find/{id}`
//! responses and `/3/search/...` pages. Their entries' list fields are imported (movies,
//! series, people; collections, companies and keywords of their searches); the lists
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
    /// A search page (`movie`, `tv`, `person`, `multi`, `collection`, `company`, `keyword`).
    Search(String),
}

/// The searches whose pages an import accepts.
const SEARCHES: &[&str] = &[
    "movie",
    "tv",
    "person",
    "multi",
    "collection",
    "company",
    "keyword",
];

/// The resource of `/3/trending/...` or `/3/find/{id}` (with its `external_source`).
pub(crate) fn resource(segs: &[&str], query: &str) -> Option<Resource> {
    match segs {
        ["trending", media, "day" | "week"]
            if reeldb_store::trending::MediaKind::from_name(media).is_some() =>
        {
            Some(Resource::MediaList(MediaList::Trending))
        }
        ["search", kind] if SEARCHES.contains(kind) => {
            Some(Resource::MediaList(MediaList::Search((*kind).to_owned())))
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
        MediaList::Search(kind) => search_page(w, kind, resp, &tag)?,
    }
    Ok(())
}

/// Applies a search page: each entry's fields as the search lists them (a person's
/// `known_for` titles' list fields too; who is known for what comes from credits).
fn search_page(w: &mut Writer, kind: &str, resp: &Value, tag: &str) -> Result<(), ImportError> {
    use reeldb_wire::person::{ByMediaType, MovieSummary, PopularPeople};
    use reeldb_wire::search::{CollectionResult, CompanyResult, KeywordResult};
    use reeldb_wire::tv::TvSummary;
    match kind {
        "movie" => {
            let page: Paged<MovieSummary> = parse(resp, "search movie")?;
            for m in &page.results {
                w.set_movie_summary(m, tag)?;
            }
        }
        "tv" => {
            let page: Paged<TvSummary> = parse(resp, "search tv")?;
            for s in &page.results {
                w.set_series_summary(s, tag)?;
            }
        }
        "person" => {
            let page: PopularPeople = parse(resp, "search person")?;
            for p in &page.results {
                w.set_popular_person(p)?;
                for k in &p.known_for {
                    match k {
                        ByMediaType::Movie(m) => w.set_movie_summary(&m.movie, tag)?,
                        ByMediaType::Tv(s) => w.set_series_summary(&s.tv, tag)?,
                    }
                }
            }
        }
        "multi" => {
            let page: Paged<TrendingEntry> = parse(resp, "search multi")?;
            for e in &page.results {
                w.set_media_entry(e, tag)?;
            }
        }
        "collection" => {
            let page: Paged<CollectionResult> = parse(resp, "search collection")?;
            for c in &page.results {
                w.set_collection_entry(c, tag)?;
            }
        }
        "company" => {
            let page: Paged<CompanyResult> = parse(resp, "search company")?;
            for c in &page.results {
                w.set_company_entry(c)?;
            }
        }
        _ => {
            let page: Paged<KeywordResult> = parse(resp, "search keyword")?;
            for k in &page.results {
                w.set_keyword_details(&reeldb_wire::keyword::KeywordDetails {
                    id: k.id,
                    name: k.name.clone(),
                })?;
            }
        }
    }
    Ok(())
}
