//! What a record's `request` names: the resource, its ids, and the parameters that shape the
//! response (`language`, `append_to_response`, image and video language filters).
//! Its tests are in `request_tests.rs`.

use crate::ImportError;
pub use crate::apply_network::NetworkSub;
use reeldb_store::TitleKind;
use reeldb_wire::params::{AppendToResponse, Language};

/// A resource the importer understands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resource {
    Season {
        series_id: i64,
        season_number: i64,
        sub: SeasonSub,
    },
    Episode {
        series_id: i64,
        season_number: i64,
        episode_number: i64,
        sub: EpisodeSub,
    },
    /// `/3/tv/{series_id}` and its series-level sub-resources.
    Series {
        series_id: i64,
        sub: SeriesSub,
    },
    /// `/3/tv/latest`: series details of the id the response names.
    SeriesLatest,
    SeasonChanges {
        season_id: i64,
    },
    EpisodeChanges {
        episode_id: i64,
    },
    /// `/3/{collection,company,keyword}/{id}` and their sub-resources.
    Object(crate::apply_collection::ObjectAt),
    /// `/3/network/{id}` and its sub-resources.
    Network {
        id: i64,
        sub: NetworkSub,
    },
    /// `/3/review/{review_id}`.
    Review {
        id: String,
    },
    /// `/3/tv/{series_id}/reviews` (one page of them).
    SeriesReviews {
        series_id: i64,
    },
    /// A series sub-resource kept apart from series details (see [`SeriesExtraSub`]).
    SeriesExtra {
        series_id: i64,
        sub: SeriesExtraSub,
    },
    /// `/3/tv/episode_group/{id}`.
    EpisodeGroup {
        id: String,
    },
    /// `/3/person/{id}` and its sub-resources.
    Person {
        person_id: i64,
        sub: PersonSub,
    },
    /// `/3/movie/{movie_id}` (or `/3/movie/latest`) and its sub-resources.
    Movie(crate::movie::MovieAt),
    /// `/3/person/latest`: person details of a person the response names.
    PersonLatest,
    /// `/3/person/popular`, page `page`.
    PopularPeople {
        page: u32,
    },
    /// `/3/credit/{credit_id}`.
    Credit {
        credit_id: String,
    },
    /// A computed TV list (`/3/tv/popular`, `top_rated`, `airing_today`, `on_the_air`): its
    /// entries' list fields are imported; the list itself is computed, never stored.
    TvList {
        list: TvListName,
    },
    /// A series' `similar` or `recommendations` list: only the entries are imported.
    TvRelated {
        series_id: i64,
        list: TvRelatedName,
    },
    /// `/3/genre/{movie,tv}/list`: the kind's genre list, names in the request's language.
    GenreList(TitleKind),
    /// `/3/certification/{movie,tv}/list`: the kind's certification systems.
    CertificationList(TitleKind),
    /// `/3/configuration[/...]`: one of TMDB's configuration lists.
    Configuration(crate::catalog::ConfigurationList),
    /// A trending page or a find response (`crate::media_lists`).
    MediaList(crate::media_lists::MediaList),
    /// `/3/watch/providers/regions` and `/3/watch/providers/{movie,tv}`.
    WatchRegions,
    ProviderList(TitleKind),
}

/// Series sub-resources: `/3/tv/{series_id}/<name>` (also their `append_to_response` names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesExtraSub {
    AlternativeTitles,
    ContentRatings,
    Keywords,
    ScreenedTheatrically,
    EpisodeGroups,
}

impl SeriesExtraSub {
    pub fn from_name(name: &str) -> Option<SeriesExtraSub> {
        Some(match name {
            "alternative_titles" => SeriesExtraSub::AlternativeTitles,
            "content_ratings" => SeriesExtraSub::ContentRatings,
            "keywords" => SeriesExtraSub::Keywords,
            "screened_theatrically" => SeriesExtraSub::ScreenedTheatrically,
            "episode_groups" => SeriesExtraSub::EpisodeGroups,
            _ => return None,
        })
    }
}

/// Sub-resources of a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonSub {
    Details,
    Changes,
    CombinedCredits,
    ExternalIds,
    Images,
    MovieCredits,
    /// One page of tagged images.
    TaggedImages {
        page: u32,
    },
    Translations,
    TvCredits,
}

impl PersonSub {
    /// The sub-resource an `append_to_response` name (or path segment) refers to; an appended
    /// `tagged_images` is page 1.
    pub fn from_name(name: &str) -> Option<PersonSub> {
        Some(match name {
            "changes" => PersonSub::Changes,
            "combined_credits" => PersonSub::CombinedCredits,
            "external_ids" => PersonSub::ExternalIds,
            "images" => PersonSub::Images,
            "movie_credits" => PersonSub::MovieCredits,
            "tagged_images" => PersonSub::TaggedImages { page: 1 },
            "translations" => PersonSub::Translations,
            "tv_credits" => PersonSub::TvCredits,
            _ => return None,
        })
    }
}

/// The computed TV lists an import accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TvListName {
    Popular,
    TopRated,
    AiringToday,
    OnTheAir,
}

/// The related lists of a series an import accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TvRelatedName {
    Similar,
    Recommendations,
}

impl TvRelatedName {
    /// The list a path segment or `append_to_response` name refers to.
    pub fn from_name(name: &str) -> Option<TvRelatedName> {
        match name {
            "similar" => Some(TvRelatedName::Similar),
            "recommendations" => Some(TvRelatedName::Recommendations),
            _ => None,
        }
    }
}

/// Sub-resources of a season (`None` in `Details` stands for the season itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeasonSub {
    Details,
    Credits,
    AggregateCredits,
    ExternalIds,
    Images,
    Translations,
    Videos,
    WatchProviders,
}

/// Sub-resources of a series (`Details` stands for the series itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesSub {
    Details,
    Credits,
    AggregateCredits,
    ExternalIds,
    Images,
    Translations,
    Videos,
    WatchProviders,
    Changes,
}

impl SeriesSub {
    /// The sub-resource a path segment (or `append_to_response` name) refers to.
    pub fn from_name(name: &str) -> Option<SeriesSub> {
        Some(match name {
            "credits" => SeriesSub::Credits,
            "aggregate_credits" => SeriesSub::AggregateCredits,
            "external_ids" => SeriesSub::ExternalIds,
            "images" => SeriesSub::Images,
            "translations" => SeriesSub::Translations,
            "videos" => SeriesSub::Videos,
            "watch/providers" => SeriesSub::WatchProviders,
            "changes" => SeriesSub::Changes,
            _ => return None,
        })
    }
}

/// Sub-resources of an episode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EpisodeSub {
    Details,
    Credits,
    ExternalIds,
    Images,
    Translations,
    Videos,
}

impl SeasonSub {
    /// The sub-resource an `append_to_response` name (or path segment) refers to.
    pub fn from_name(name: &str) -> Option<SeasonSub> {
        Some(match name {
            "credits" => SeasonSub::Credits,
            "aggregate_credits" => SeasonSub::AggregateCredits,
            "external_ids" => SeasonSub::ExternalIds,
            "images" => SeasonSub::Images,
            "translations" => SeasonSub::Translations,
            "videos" => SeasonSub::Videos,
            "watch/providers" => SeasonSub::WatchProviders,
            _ => return None,
        })
    }
}

impl EpisodeSub {
    pub fn from_name(name: &str) -> Option<EpisodeSub> {
        Some(match name {
            "credits" => EpisodeSub::Credits,
            "external_ids" => EpisodeSub::ExternalIds,
            "images" => EpisodeSub::Images,
            "translations" => EpisodeSub::Translations,
            "videos" => EpisodeSub::Videos,
            _ => return None,
        })
    }
}

/// A parsed request.
#[derive(Debug, Clone)]
pub struct Request {
    pub resource: Resource,
    pub language: Language,
    /// Whether the request filtered images or videos by language (then their lists are partial).
    pub filtered_media: bool,
    pub append: AppendToResponse,
}

fn id(raw: &str, what: &str, request: &str) -> Result<i64, ImportError> {
    raw.parse::<i64>().ok().filter(|n| *n >= 0).ok_or_else(|| {
        ImportError::BadRequest(
            request.to_owned(),
            format!("{what} {raw:?} is not a number"),
        )
    })
}

fn is_number(raw: &str) -> bool {
    !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit())
}

impl Request {
    /// Parses `/3/...?query` (a full URL is accepted too).
    pub fn parse(request: &str) -> Result<Request, ImportError> {
        let bad = |why: &str| ImportError::BadRequest(request.to_owned(), why.to_owned());
        let path_and_query = match request.find("/3/") {
            Some(i) => &request[i..],
            None => return Err(bad("the path must start with /3/")),
        };
        let (path, query) = path_and_query
            .split_once('?')
            .unwrap_or((path_and_query, ""));
        let mut language = None;
        let mut append = None;
        let mut filtered_media = false;
        let mut page: u32 = 1;
        for (k, v) in url::form_urlencoded::parse(query.as_bytes()) {
            match k.as_ref() {
                "language" => {
                    language = Some(v.to_string());
                    filtered_media = true;
                }
                "append_to_response" => append = Some(v.to_string()),
                "include_image_language" | "include_video_language" => filtered_media = true,
                "page" => page = v.parse().map_err(|_| bad("invalid page"))?,
                _ => {}
            }
        }
        let language =
            Language::parse_param(language.as_deref()).map_err(|_| bad("invalid language"))?;
        let append = AppendToResponse::parse_param(append.as_deref())
            .map_err(|_| bad("more than 20 append_to_response items"))?;
        let segs: Vec<&str> = path.trim_end_matches('/').split('/').skip(2).collect();
        let unsupported = || ImportError::Unsupported(request.to_owned());
        let resource = match segs.as_slice() {
            [name, k, "list"] => crate::catalog::list(name, k).ok_or_else(unsupported)?,
            ["trending" | "find" | "search", ..] => {
                crate::media_lists::resource(&segs, query).ok_or_else(unsupported)?
            }
            ["watch", "providers", rest @ ..] => {
                crate::catalog::watch_list(rest).ok_or_else(unsupported)?
            }
            ["configuration", rest @ ..] => {
                crate::catalog::configuration_list(rest).ok_or_else(unsupported)?
            }
            // A discover page carries list entries: imported as a list's, never stored as one.
            ["discover", "movie"] => {
                crate::movie::resource(&["popular"]).ok_or_else(unsupported)?
            }
            ["discover", "tv"] => Resource::TvList {
                list: TvListName::Popular,
            },
            ["tv", "popular"] => Resource::TvList {
                list: TvListName::Popular,
            },
            ["tv", "top_rated"] => Resource::TvList {
                list: TvListName::TopRated,
            },
            ["tv", "airing_today"] => Resource::TvList {
                list: TvListName::AiringToday,
            },
            ["tv", "on_the_air"] => Resource::TvList {
                list: TvListName::OnTheAir,
            },
            ["tv", series, related] if TvRelatedName::from_name(related).is_some() => {
                Resource::TvRelated {
                    series_id: id(series, "series id", request)?,
                    list: TvRelatedName::from_name(related).ok_or_else(unsupported)?,
                }
            }
            ["tv", "season", sid, "changes"] => Resource::SeasonChanges {
                season_id: id(sid, "season id", request)?,
            },
            ["tv", "episode", eid, "changes"] => Resource::EpisodeChanges {
                episode_id: id(eid, "episode id", request)?,
            },
            // The changes lists are computed from the catalog's change log; their responses
            // name ids only (no keys, values or times), so there is nothing to import.
            ["tv" | "person" | "movie", "changes"] => {
                return Err(bad(
                    "changes lists are computed from the catalog's change log and cannot be \
                     imported; import each object's /changes instead",
                ));
            }
            ["movie", rest @ ..] => crate::movie::resource(rest).ok_or_else(unsupported)?,
            ["collection" | "company" | "keyword", ..] => {
                crate::apply_collection::resource(&segs).ok_or_else(unsupported)?
            }
            ["network", nid, sub @ ..] => Resource::Network {
                id: id(nid, "network id", request)?,
                sub: match sub {
                    [] => NetworkSub::Details,
                    ["alternative_names"] => NetworkSub::AlternativeNames,
                    ["images"] => NetworkSub::Images,
                    _ => return Err(unsupported()),
                },
            },
            ["review", rid] if !rid.is_empty() => Resource::Review {
                id: (*rid).to_owned(),
            },
            ["tv", series, "reviews"] => Resource::SeriesReviews {
                series_id: id(series, "series id", request)?,
            },
            ["tv", "episode_group", gid] if !gid.is_empty() => Resource::EpisodeGroup {
                id: (*gid).to_owned(),
            },
            ["tv", series, name] if SeriesExtraSub::from_name(name).is_some() => {
                Resource::SeriesExtra {
                    series_id: id(series, "series id", request)?,
                    sub: SeriesExtraSub::from_name(name).ok_or_else(unsupported)?,
                }
            }
            ["person", "latest"] => Resource::PersonLatest,
            ["person", "popular"] => Resource::PopularPeople { page },
            ["person", pid, sub @ ..] => {
                let person_id = id(pid, "person id", request)?;
                let sub = match sub {
                    [] => PersonSub::Details,
                    ["tagged_images"] => PersonSub::TaggedImages { page },
                    [name] => PersonSub::from_name(name).ok_or_else(unsupported)?,
                    _ => return Err(unsupported()),
                };
                Resource::Person { person_id, sub }
            }
            ["credit", credit_id] => Resource::Credit {
                credit_id: (*credit_id).to_owned(),
            },
            ["tv", "latest"] => Resource::SeriesLatest,
            // Only numeric ids: other `/3/tv/{name}` paths (lists) are other resources.
            ["tv", series] if is_number(series) => Resource::Series {
                series_id: id(series, "series id", request)?,
                sub: SeriesSub::Details,
            },
            ["tv", series, rest @ ..] if is_number(series) && rest.first() != Some(&"season") => {
                let series_id = id(series, "series id", request)?;
                let sub = SeriesSub::from_name(&rest.join("/")).ok_or_else(unsupported)?;
                Resource::Series { series_id, sub }
            }
            ["tv", series, "season", season, rest @ ..] => {
                let series_id = id(series, "series id", request)?;
                let season_number = id(season, "season number", request)?;
                match rest {
                    ["episode", ep, sub @ ..] => {
                        let episode_number = id(ep, "episode number", request)?;
                        let sub = match sub {
                            [] => EpisodeSub::Details,
                            [name] => EpisodeSub::from_name(name).ok_or_else(unsupported)?,
                            _ => return Err(unsupported()),
                        };
                        Resource::Episode {
                            series_id,
                            season_number,
                            episode_number,
                            sub,
                        }
                    }
                    [] => Resource::Season {
                        series_id,
                        season_number,
                        sub: SeasonSub::Details,
                    },
                    sub => {
                        let name = sub.join("/");
                        let sub = SeasonSub::from_name(&name).ok_or_else(unsupported)?;
                        Resource::Season {
                            series_id,
                            season_number,
                            sub,
                        }
                    }
                }
            }
            _ => return Err(unsupported()),
        };
        Ok(Request {
            resource,
            language,
            filtered_media,
            append,
        })
    }
}

#[cfg(test)]
#[path = "request_tests.rs"]
mod tests;
