//! Applies movie responses: details (with appended parts), credits, external ids, images, keywords,
//! videos, watch providers and changes. `/3/movie/latest` is details of the id it names.

use crate::ImportError;
use crate::apply::{external_ids, parse, regular_facts, videos, with_id};
use crate::dropped::appended;
use crate::request::Request;
use reeldb_store::review::ReviewFields;
use reeldb_store::{Owner, Writer};
use reeldb_wire::common::{CastCredit, Changes, Paged, Translations, WatchProviders};
use reeldb_wire::movie::{
    MovieAlternativeTitles, MovieCredits, MovieDetails, MovieKeywords, MovieTranslationData,
    ReleaseDates,
};
use reeldb_wire::movie_lists::{DatedPage, MovieRecommendation};
use reeldb_wire::person::MovieSummary;
use reeldb_wire::review::Reviews;
use reeldb_wire::tv::SeasonCredits;
use reeldb_wire::tv_extra::Keyword;
use reeldb_wire::tv_series::SeriesImages;
use serde_json::Value;

/// Movie sub-resources: `/3/movie/{movie_id}/<name>` (also their `append_to_response` names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MovieSub {
    Details,
    AlternativeTitles,
    Changes,
    Credits,
    ExternalIds,
    Images,
    Keywords,
    ReleaseDates,
    Reviews,
    Translations,
    Videos,
    WatchProviders,
    /// `similar` / `recommendations`: the entries' list fields (the ranking is reeldb's own).
    Similar,
    Recommendations,
    /// `casts`: the credits under their old name.
    Casts,
    /// A movie list (`popular`, `top_rated`, `now_playing`, `upcoming`): its entries' list
    /// fields; the list itself is computed, never stored.
    List,
}

impl MovieSub {
    pub fn from_name(name: &str) -> Option<MovieSub> {
        Some(match name {
            "alternative_titles" => MovieSub::AlternativeTitles,
            "changes" => MovieSub::Changes,
            "credits" => MovieSub::Credits,
            "external_ids" => MovieSub::ExternalIds,
            "images" => MovieSub::Images,
            "keywords" => MovieSub::Keywords,
            "release_dates" => MovieSub::ReleaseDates,
            "reviews" => MovieSub::Reviews,
            "translations" => MovieSub::Translations,
            "videos" => MovieSub::Videos,
            "watch/providers" => MovieSub::WatchProviders,
            "similar" => MovieSub::Similar,
            "recommendations" => MovieSub::Recommendations,
            "casts" => MovieSub::Casts,
            _ => return None,
        })
    }
}

/// A movie resource: the movie (`None` for `/3/movie/latest`, whose response names it) and
/// the sub-resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MovieAt {
    pub movie_id: Option<i64>,
    pub sub: MovieSub,
}

/// The movie resource a path's segments after `movie` name; `None` for movie paths that are
/// not importable yet.
pub(crate) fn resource(segs: &[&str]) -> Option<crate::request::Resource> {
    let (movie_id, sub) = movie_path(segs)?;
    Some(crate::request::Resource::Movie(MovieAt { movie_id, sub }))
}

fn movie_path(segs: &[&str]) -> Option<(Option<i64>, MovieSub)> {
    let number = |s: &str| {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<i64>().ok())
            .flatten()
    };
    match segs {
        ["latest"] => Some((None, MovieSub::Details)),
        ["popular" | "top_rated" | "now_playing" | "upcoming"] => Some((None, MovieSub::List)),
        [id] => Some((Some(number(id)?), MovieSub::Details)),
        [id, rest @ ..] => Some((Some(number(id)?), MovieSub::from_name(&rest.join("/"))?)),
        [] => None,
    }
}

/// Applies one movie-level body. `top` is true for the response itself (then a details
/// response's appended parts are applied too); appended parts carry no `id` of their own.
pub(crate) fn movie_part(
    w: &mut Writer,
    req: &Request,
    id: Option<i64>,
    sub: MovieSub,
    body: &Value,
    top: bool,
) -> Result<(), ImportError> {
    if sub == MovieSub::List {
        return list_entries(w, req, body);
    }
    let stated = body.get("id").and_then(Value::as_i64);
    let id = match (id, stated) {
        (Some(id), _) => id,
        (None, Some(stated)) => stated,
        (None, None) => {
            return Err(ImportError::BadResponse(
                "latest movie response".into(),
                "missing integer \"id\"".into(),
            ));
        }
    };
    // A response naming another movie than the path is refused, never re-keyed (a related
    // list's `id` is its page's, not the movie's).
    if let Some(other) = stated
        && other != id
        && !matches!(
            sub,
            MovieSub::Changes | MovieSub::Similar | MovieSub::Recommendations
        )
    {
        return Err(ImportError::BadResponse(
            "movie response".into(),
            format!("id {other} but the request names movie {id}"),
        ));
    }
    let owner = Owner::movie(id);
    if sub != MovieSub::Details {
        w.ensure_movie(id)?;
    }
    match sub {
        MovieSub::Details => {
            let d: MovieDetails = parse(&with_id(body, id), "movie details")?;
            w.set_movie_details(&d, &req.language.to_string())?;
            if top {
                for name in req.append.names() {
                    let (Some(sub), Some(part)) = (MovieSub::from_name(name), body.get(name))
                    else {
                        continue;
                    };
                    appended(name, || movie_part(w, req, Some(id), sub, part, false))?;
                }
            }
        }
        MovieSub::Similar => {
            let page: Paged<MovieSummary> = parse(body, "similar movies")?;
            summaries(w, req, &page.results)?;
        }
        MovieSub::Recommendations => {
            let page: Paged<MovieRecommendation> = parse(body, "movie recommendations")?;
            let list: Vec<MovieSummary> = page.results.into_iter().map(Into::into).collect();
            summaries(w, req, &list)?;
        }
        MovieSub::List => unreachable_list()?,
        MovieSub::Credits | MovieSub::Casts => {
            let c: MovieCredits = parse(&with_id(body, id), "movie credits")?;
            // The people and facts as any credits list states them; `cast_id` beside them.
            let plain = SeasonCredits {
                cast: c
                    .cast
                    .iter()
                    .map(|m| CastCredit {
                        person: m.person.clone(),
                        character: m.character.clone(),
                        credit_id: m.credit_id.clone(),
                        order: m.order,
                    })
                    .collect(),
                crew: c.crew.clone(),
                id,
            };
            let (cast, crew) = regular_facts(w, &plain)?;
            let cast: Vec<_> = cast
                .into_iter()
                .zip(c.cast.iter().map(|m| m.cast_id))
                .collect();
            w.replace_movie_credits(id, &cast, &crew)?;
        }
        MovieSub::ExternalIds => external_ids(w, owner, body)?,
        MovieSub::AlternativeTitles => {
            // A complete list: a `country`-filtered response would replace the others (see
            // docs/MOVIES.md).
            let t: MovieAlternativeTitles = parse(&with_id(body, id), "movie alternative titles")?;
            w.replace_alternative_titles(owner, &t.titles)?;
        }
        MovieSub::Images => {
            let i: SeriesImages = parse(&with_id(body, id), "movie images")?;
            let complete = !req.filtered_media;
            w.replace_images(owner, "backdrop", &i.backdrops, complete)?;
            w.replace_images(owner, "logo", &i.logos, complete)?;
            w.replace_images(owner, "poster", &i.posters, complete)?;
        }
        MovieSub::Keywords => {
            let k: MovieKeywords = parse(&with_id(body, id), "movie keywords")?;
            let list: Vec<Keyword> = k
                .keywords
                .into_iter()
                .map(|k| Keyword {
                    name: k.name,
                    id: k.id,
                })
                .collect();
            w.replace_keywords(owner, &list)?;
        }
        MovieSub::Reviews => {
            // One page in the request's language (entries carry none); the whole list (page 1
            // of at most 1) also removes the movie's reviews in that language it no longer names.
            let r: Reviews = parse(&with_id(body, id), "movie reviews")?;
            let lang = &req.language.iso_639_1;
            for item in &r.results {
                w.upsert_review(owner, &ReviewFields::from_summary(item, Some(lang.clone())))?;
            }
            if r.page == 1 && r.total_pages <= 1 {
                let keep: Vec<&str> = r.results.iter().map(|i| i.id.as_str()).collect();
                w.remove_reviews_except(owner, lang, &keep)?;
            }
        }
        MovieSub::ReleaseDates => {
            let r: ReleaseDates = parse(&with_id(body, id), "movie release dates")?;
            w.replace_release_dates(id, &r.results)?;
        }
        MovieSub::Translations => {
            let t: Translations<MovieTranslationData> =
                parse(&with_id(body, id), "movie translations")?;
            let list: Vec<_> = t
                .translations
                .into_iter()
                .map(|t| (t.iso_639_1, t.iso_3166_1, t.data))
                .collect();
            w.replace_movie_translations(id, &list)?;
        }
        MovieSub::Videos => videos(w, owner, req, body)?,
        MovieSub::WatchProviders => {
            let wp: WatchProviders = parse(&with_id(body, id), "watch providers")?;
            w.replace_watch_providers(owner, &wp)?;
        }
        MovieSub::Changes => {
            let changes: Changes = parse(body, "changes")?;
            w.import_changes(owner, &changes.changes)?;
        }
    }
    Ok(())
}

/// A movie list response: its entries' list fields, in the request's language (`now_playing`
/// and `upcoming` carry their window in `dates`, which is computed, never stored).
fn list_entries(w: &mut Writer, req: &Request, body: &Value) -> Result<(), ImportError> {
    let entries = if body.get("dates").is_some() {
        parse::<DatedPage<MovieSummary>>(body, "movie list")?
            .page
            .results
    } else {
        parse::<Paged<MovieSummary>>(body, "movie list")?.results
    };
    summaries(w, req, &entries)
}

fn summaries(w: &mut Writer, req: &Request, list: &[MovieSummary]) -> Result<(), ImportError> {
    let tag = req.language.to_string();
    for m in list {
        w.set_movie_summary(m, &tag)?;
    }
    Ok(())
}

/// Lists are handled before a movie id is needed (see [`movie_part`]).
fn unreachable_list() -> Result<(), ImportError> {
    Err(ImportError::BadResponse(
        "movie list".into(),
        "a list is not a movie sub-resource".into(),
    ))
}
