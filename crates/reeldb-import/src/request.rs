//! What a record's `request` names: the resource, its ids, and the parameters that shape the
//! response (`language`, `append_to_response`, image and video language filters).

use crate::ImportError;
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
    SeasonChanges {
        season_id: i64,
    },
    EpisodeChanges {
        episode_id: i64,
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
        for (k, v) in url::form_urlencoded::parse(query.as_bytes()) {
            match k.as_ref() {
                "language" => {
                    language = Some(v.to_string());
                    filtered_media = true;
                }
                "append_to_response" => append = Some(v.to_string()),
                "include_image_language" | "include_video_language" => filtered_media = true,
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
            ["tv", series, related @ ("similar" | "recommendations")] => Resource::TvRelated {
                series_id: id(series, "series id", request)?,
                list: match *related {
                    "similar" => TvRelatedName::Similar,
                    _ => TvRelatedName::Recommendations,
                },
            },
            ["tv", "season", sid, "changes"] => Resource::SeasonChanges {
                season_id: id(sid, "season id", request)?,
            },
            ["tv", "episode", eid, "changes"] => Resource::EpisodeChanges {
                episode_id: id(eid, "episode id", request)?,
            },
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
mod tests {
    use super::*;

    #[test]
    fn parses_season_and_episode_paths() {
        let r =
            Request::parse("/3/tv/1396/season/1?append_to_response=credits,images&language=fr-FR")
                .unwrap();
        assert_eq!(
            r.resource,
            Resource::Season {
                series_id: 1396,
                season_number: 1,
                sub: SeasonSub::Details
            }
        );
        assert_eq!(r.language.to_string(), "fr-FR");
        assert!(r.filtered_media);
        assert_eq!(r.append.names().collect::<Vec<_>>(), ["credits", "images"]);
        let r =
            Request::parse("https://api.themoviedb.org/3/tv/1/season/0/episode/3/credits").unwrap();
        assert_eq!(
            r.resource,
            Resource::Episode {
                series_id: 1,
                season_number: 0,
                episode_number: 3,
                sub: EpisodeSub::Credits
            }
        );
        let r = Request::parse("/3/tv/1/season/2/watch/providers").unwrap();
        assert_eq!(
            r.resource,
            Resource::Season {
                series_id: 1,
                season_number: 2,
                sub: SeasonSub::WatchProviders
            }
        );
        assert!(matches!(
            Request::parse("/3/tv/season/9/changes").unwrap().resource,
            Resource::SeasonChanges { season_id: 9 }
        ));
    }

    #[test]
    fn parses_tv_lists() {
        assert_eq!(
            Request::parse("/3/tv/top_rated?page=2").unwrap().resource,
            Resource::TvList {
                list: TvListName::TopRated
            }
        );
        assert_eq!(
            Request::parse("/3/tv/on_the_air?timezone=Europe/Paris")
                .unwrap()
                .resource,
            Resource::TvList {
                list: TvListName::OnTheAir
            }
        );
        assert_eq!(
            Request::parse("/3/tv/1399/recommendations?language=fr-FR")
                .unwrap()
                .resource,
            Resource::TvRelated {
                series_id: 1399,
                list: TvRelatedName::Recommendations
            }
        );
        assert!(matches!(
            Request::parse("/3/tv/x/similar"),
            Err(ImportError::BadRequest(..))
        ));
    }

    #[test]
    fn rejects_what_it_cannot_import() {
        assert!(matches!(
            Request::parse("/3/movie/550"),
            Err(ImportError::Unsupported(_))
        ));
        assert!(matches!(
            Request::parse("/3/tv/x/season/1"),
            Err(ImportError::BadRequest(..))
        ));
        assert!(matches!(
            Request::parse("tv/1/season/1"),
            Err(ImportError::BadRequest(..))
        ));
        assert!(matches!(
            Request::parse("/3/tv/1/season/1?language=english"),
            Err(ImportError::BadRequest(..))
        ));
    }
}
