//! Applies one parsed record to the catalog through a store [`Writer`].

use crate::dropped::{self, Dropped, appended};
use crate::person::{credit_details, person_part};
use crate::request::{
    EpisodeSub, PersonSub, Request, Resource, SeasonSub, SeriesExtraSub, TvRelatedName,
};
use crate::series::series_part;
use crate::{ImportError, Record};
use reeldb_store::write::{CreditFact, CreditKind, EpisodeFields, SeasonFields};
use reeldb_store::{Owner, Store, Writer};
use reeldb_wire::common::Image;
use reeldb_wire::common::{
    Changes, CreditPerson, NameOverview, Paged, Translations, Videos, WatchProviders,
};
use reeldb_wire::person::PopularPeople;
use reeldb_wire::tv::{
    AggregateCredits, EpisodeCredits, EpisodeDetails, EpisodeImages, SeasonCredits, SeasonDetails,
    SeasonImages,
};
use reeldb_wire::tv::{TvRecommendation, TvSummary};
use reeldb_wire::tv_extra::{
    AlternativeTitles, ContentRatings, EpisodeGroupDetails, EpisodeGroups, Keywords,
    ScreenedTheatrically,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// What importing one record did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    /// Change-log entries recorded.
    pub changes: u64,
    /// Fields of the response no wire struct modelled, by path (see [`crate::dropped`]).
    pub dropped: Dropped,
}

/// Imports one record in its own transaction; returns how many changes it recorded and which
/// fields of the response it could not keep.
pub async fn import_tracked(store: &Store, record: &Record) -> Result<Imported, ImportError> {
    let req = Request::parse(&record.request)?;
    let resp = record.response.clone();
    store
        .write(move |w| {
            let names = req.append.names().map(str::to_owned).collect();
            let (applied, dropped) = dropped::track(&resp, names, || apply(w, &req, &resp));
            applied?;
            Ok(Imported {
                changes: w.changes_recorded(),
                dropped,
            })
        })
        .await
}

/// Imports one record in its own transaction; returns how many changes it recorded.
pub async fn import_record(store: &Store, record: &Record) -> Result<u64, ImportError> {
    Ok(import_tracked(store, record).await?.changes)
}

/// Imports `records` in order in one transaction (all or none); returns how many changes they
/// recorded. One commit instead of one per record: the demo catalog's examples load this way.
pub async fn import_records(store: &Store, records: Vec<Record>) -> Result<u64, ImportError> {
    let parsed = records
        .into_iter()
        .map(|r| Ok((Request::parse(&r.request)?, r.response)))
        .collect::<Result<Vec<_>, ImportError>>()?;
    store
        .write(move |w| {
            for (req, resp) in &parsed {
                apply(w, req, resp)?;
            }
            Ok(w.changes_recorded())
        })
        .await
}

/// Parses one response part into its wire struct. While a record is imported, the struct is
/// re-serialised and every field of `v` it lacks is reported as dropped (see
/// [`crate::dropped`]): so parse each part once, into a struct that models all of it. An
/// appended part is recognised by its content; [`appended`] names it explicitly.
pub(crate) fn parse<T: DeserializeOwned + Serialize>(
    v: &Value,
    what: &str,
) -> Result<T, ImportError> {
    let t: T = serde_json::from_value(v.clone())
        .map_err(|e| ImportError::BadResponse(what.to_owned(), e.to_string()))?;
    if dropped::tracking() {
        let kept = serde_json::to_value(&t)
            .map_err(|e| ImportError::BadResponse(what.to_owned(), e.to_string()))?;
        dropped::report(v, &kept);
    }
    Ok(t)
}

/// Replaces one kind of images from a response list (`list` is the JSON they were parsed
/// from): a list whose entries carry no `iso_3166_1` (TMDB's older responses) keeps the
/// regions the catalog holds.
pub(crate) fn replace_images(
    w: &mut Writer,
    owner: Owner,
    kind: &str,
    list: Option<&Value>,
    images: &[Image],
    req: &Request,
) -> Result<(), ImportError> {
    let says_region = list
        .and_then(Value::as_array)
        .is_some_and(|l| l.iter().any(|i| i.get("iso_3166_1").is_some()));
    if says_region {
        w.replace_images(owner, kind, images, !req.filtered_media)?;
    } else {
        w.replace_images_region_unsaid(owner, kind, images, !req.filtered_media)?;
    }
    Ok(())
}

/// An appended part has no `id` of its own: give it the parent's, so it parses like the
/// sub-request's response.
pub(crate) fn with_id(body: &Value, id: i64) -> Value {
    let mut body = body.clone();
    if let Some(m) = body.as_object_mut() {
        m.entry("id").or_insert(Value::from(id));
    }
    body
}

pub(crate) fn response_id(v: &Value, what: &str) -> Result<i64, ImportError> {
    v.get("id")
        .and_then(Value::as_i64)
        .ok_or_else(|| ImportError::BadResponse(what.to_owned(), "missing integer \"id\"".into()))
}

/// Applies a parsed request's response, then each appended part it names.
pub fn apply(w: &mut Writer, req: &Request, resp: &Value) -> Result<(), ImportError> {
    // TMDB's configuration lists but details are bare arrays; every other response is an object.
    let array_response = matches!(req.resource, Resource::Configuration(c) if c.is_array());
    if !(resp.is_object() || array_response && resp.is_array()) {
        return Err(ImportError::BadResponse(
            req_name(req),
            "the response must be a JSON object".into(),
        ));
    }
    match req.resource {
        Resource::Season {
            series_id,
            season_number,
            sub,
        } => {
            let id = response_id(resp, "season response")?;
            season_part(w, req, series_id, season_number, id, sub, resp)?;
            if sub == SeasonSub::Details {
                for name in req.append.names() {
                    if let (Some(sub), Some(part)) = (SeasonSub::from_name(name), resp.get(name)) {
                        appended(name, || {
                            season_part(w, req, series_id, season_number, id, sub, part)
                        })?;
                    }
                }
            }
        }
        Resource::Episode {
            series_id,
            season_number,
            episode_number,
            sub,
        } => {
            let id = response_id(resp, "episode response")?;
            let at = (series_id, season_number, episode_number);
            episode_part(w, req, at, id, sub, resp)?;
            if sub == EpisodeSub::Details {
                for name in req.append.names() {
                    if let (Some(sub), Some(part)) = (EpisodeSub::from_name(name), resp.get(name)) {
                        appended(name, || episode_part(w, req, at, id, sub, part))?;
                    }
                }
            }
        }
        Resource::Series { series_id, sub } => series_part(w, req, series_id, sub, resp, true)?,
        Resource::SeriesLatest => {
            let id = response_id(resp, "latest series response")?;
            series_part(w, req, id, crate::request::SeriesSub::Details, resp, true)?;
        }
        Resource::Movie(at) => crate::movie::movie_part(w, req, at.movie_id, at.sub, resp, true)?,
        Resource::SeasonChanges { season_id } => {
            let changes: Changes = parse(resp, "changes")?;
            w.import_changes(Owner::season(season_id), &changes.changes)?;
        }
        Resource::EpisodeChanges { episode_id } => {
            let changes: Changes = parse(resp, "changes")?;
            w.import_changes(Owner::episode(episode_id), &changes.changes)?;
        }
        Resource::Network { id, sub } => crate::apply_network::network(w, id, sub, resp)?,
        Resource::Object(at) => crate::apply_collection::apply(w, req, at, resp)?,
        Resource::Review { ref id } => crate::apply_network::review(w, req, id, resp)?,
        Resource::SeriesReviews { series_id } => {
            crate::apply_network::series_reviews(w, req, series_id, resp)?
        }
        Resource::SeriesExtra { series_id, sub } => {
            let id = response_id(resp, "series response")?;
            if id != series_id {
                return Err(ImportError::BadResponse(
                    req_name(req),
                    format!("the response is for series {id}, the request names {series_id}"),
                ));
            }
            series_extra_part(w, series_id, sub, resp)?;
        }
        Resource::EpisodeGroup { ref id } => {
            let g: EpisodeGroupDetails = parse(resp, "episode group details")?;
            if &g.id != id {
                return Err(ImportError::BadResponse(
                    "episode group details".into(),
                    format!("the response is group {}, the request names {id}", g.id),
                ));
            }
            w.set_episode_group(&g)?;
            for e in g.groups.iter().flat_map(|p| &p.episodes) {
                set_text(w, Owner::episode(e.id), req, &e.name, &e.overview)?;
            }
        }
        Resource::Person { person_id, sub } => {
            person_part(w, req, person_id, sub, resp)?;
            if sub == PersonSub::Details {
                for name in req.append.names() {
                    if let (Some(sub), Some(part)) = (PersonSub::from_name(name), resp.get(name)) {
                        person_part(w, req, person_id, sub, part)?;
                    }
                }
            }
        }
        Resource::PersonLatest => {
            let id = response_id(resp, "latest person")?;
            person_part(w, req, id, PersonSub::Details, resp)?;
        }
        Resource::PopularPeople { .. } => {
            // The people's own fields; `known_for` is derived from credits, so it is parsed
            // (checked) but not stored, and the totals are the source's whole-catalog counts.
            let list: PopularPeople = parse(resp, "popular people")?;
            for p in &list.results {
                w.set_popular_person(p)?;
            }
        }
        Resource::Credit { ref credit_id } => credit_details(w, req, credit_id, resp)?,
        Resource::TvList { .. } => {
            let list: Paged<TvSummary> = parse(resp, "tv list")?;
            list_entries(w, req, &list.results)?;
        }
        Resource::TvRelated { series_id, list } => related_part(w, req, series_id, list, resp)?,
        Resource::GenreList(kind) => crate::catalog::genres(w, req, kind, resp)?,
        Resource::CertificationList(kind) => crate::catalog::certifications(w, kind, resp)?,
        Resource::Configuration(list) => crate::catalog::configuration(w, req, list, resp)?,
        Resource::WatchRegions => crate::catalog::watch_regions(w, req, resp)?,
        Resource::ProviderList(kind) => crate::catalog::provider_list(w, kind, resp)?,
        Resource::MediaList(ref list) => crate::media_lists::apply(w, req, list, resp)?,
    }
    Ok(())
}

/// Applies one series sub-resource (a response, or a part appended to series details: call it
/// with the part and the series id for `append_to_response` names `SeriesExtraSub::from_name`
/// knows).
pub fn series_extra_part(
    w: &mut Writer,
    series_id: i64,
    sub: SeriesExtraSub,
    body: &Value,
) -> Result<(), ImportError> {
    let body = with_id(body, series_id);
    let owner = Owner::series(series_id);
    w.ensure_series(series_id)?;
    match sub {
        SeriesExtraSub::AlternativeTitles => {
            let t: AlternativeTitles = parse(&body, "alternative titles")?;
            w.replace_alternative_titles(owner, &t.results)?;
        }
        SeriesExtraSub::ContentRatings => {
            let r: ContentRatings = parse(&body, "content ratings")?;
            w.replace_content_ratings(owner, &r.results)?;
        }
        SeriesExtraSub::Keywords => {
            let k: Keywords = parse(&body, "keywords")?;
            w.replace_keywords(owner, &k.results)?;
        }
        SeriesExtraSub::ScreenedTheatrically => {
            let s: ScreenedTheatrically = parse(&body, "screened theatrically")?;
            w.replace_screened_episodes(series_id, &s.results)?;
        }
        SeriesExtraSub::EpisodeGroups => {
            let g: EpisodeGroups = parse(&body, "episode groups")?;
            w.replace_series_episode_groups(series_id, &g.results)?;
        }
    }
    Ok(())
}

/// A series' `similar` or `recommendations` page (a response, or a part appended to series
/// details): its entries' list fields; the ranking is reeldb's own.
pub(crate) fn related_part(
    w: &mut Writer,
    req: &Request,
    series_id: i64,
    list: TvRelatedName,
    body: &Value,
) -> Result<(), ImportError> {
    // The series the list belongs to exists at TMDB: known from here on.
    w.ensure_series(series_id)?;
    let entries: Vec<TvSummary> = match list {
        TvRelatedName::Similar => parse::<Paged<TvSummary>>(body, "similar")?.results,
        TvRelatedName::Recommendations => {
            parse::<Paged<TvRecommendation>>(body, "recommendations")?
                .results
                .into_iter()
                .map(TvSummary::from)
                .collect()
        }
    };
    list_entries(w, req, &entries)
}

/// A TV list's entries: each series' list fields, in the request's language. Ranks, pages and
/// totals are TMDB's and are not kept: reeldb computes its lists.
fn list_entries(w: &mut Writer, req: &Request, entries: &[TvSummary]) -> Result<(), ImportError> {
    let tag = req.language.to_string();
    for s in entries {
        w.set_series_summary(s, &tag)?;
    }
    Ok(())
}

fn req_name(req: &Request) -> String {
    format!("{:?}", req.resource)
}

fn region(req: &Request) -> &str {
    req.language.iso_3166_1.as_deref().unwrap_or("")
}

pub(crate) fn people<'a>(
    w: &mut Writer,
    people: impl IntoIterator<Item = &'a CreditPerson>,
) -> Result<(), ImportError> {
    for p in people {
        w.upsert_person(p)?;
    }
    Ok(())
}

/// Text fields of a details response: the object's primary text when `language` is its primary
/// language (or it has none yet), else the translation in that language.
pub(crate) fn set_text(
    w: &mut Writer,
    owner: Owner,
    req: &Request,
    name: &Option<String>,
    overview: &Option<String>,
) -> Result<(), ImportError> {
    let tag = req.language.to_string();
    if !w.set_primary_text(owner, &tag, name.as_deref(), overview.as_deref())? {
        w.set_translation(
            owner,
            &req.language.iso_639_1,
            region(req),
            name.as_deref(),
            overview.as_deref(),
        )?;
    }
    Ok(())
}

fn translations(w: &mut Writer, owner: Owner, body: &Value) -> Result<(), ImportError> {
    let t: Translations<NameOverview> = parse(body, "translations")?;
    let list: Vec<_> = t
        .translations
        .into_iter()
        .map(|t| (t.iso_639_1, t.iso_3166_1, t.data.name, t.data.overview))
        .collect();
    w.replace_translations(owner, &list)?;
    Ok(())
}

pub(crate) fn external_ids(w: &mut Writer, owner: Owner, body: &Value) -> Result<(), ImportError> {
    // Kept whole: every key is an id source (parsed with `parse` so the part counts as
    // applied in the dropped-field report).
    let map: serde_json::Map<String, Value> = parse(body, "external_ids")?;
    let ids: Vec<(String, Option<String>)> = map
        .iter()
        .filter(|(k, _)| k.as_str() != "id")
        .map(|(k, v)| {
            let v = match v {
                Value::Null => None,
                Value::String(s) if s.is_empty() => None,
                Value::String(s) => Some(s.clone()),
                other => Some(other.to_string()),
            };
            (k.clone(), v)
        })
        .collect();
    w.set_external_ids(owner, &ids)?;
    Ok(())
}

pub(crate) fn videos(
    w: &mut Writer,
    owner: Owner,
    req: &Request,
    body: &Value,
) -> Result<(), ImportError> {
    let v: Videos = parse(&with_id(body, owner.id), "videos")?;
    w.replace_videos(owner, &v.results, !req.filtered_media)?;
    Ok(())
}

fn season_part(
    w: &mut Writer,
    req: &Request,
    series_id: i64,
    season_number: i64,
    id: i64,
    sub: SeasonSub,
    body: &Value,
) -> Result<(), ImportError> {
    let owner = Owner::season(id);
    if sub != SeasonSub::Details {
        w.ensure_season_id(series_id, season_number, id)?;
    }
    // An appended part carries no `id` of its own: it is the season's.
    match sub {
        SeasonSub::Details => {
            let s: SeasonDetails = parse(body, "season details")?;
            if s.season_number != season_number {
                return Err(ImportError::BadResponse(
                    "season details".into(),
                    format!(
                        "season_number {} but the request names season {season_number}",
                        s.season_number
                    ),
                ));
            }
            w.upsert_season(
                series_id,
                season_number,
                &SeasonFields {
                    id: s.id,
                    object_id: s.object_id.clone(),
                    air_date: s.air_date.clone(),
                    poster_path: s.poster_path.clone(),
                    vote_average: s.vote_average,
                },
            )?;
            set_text(w, owner, req, &s.name, &s.overview)?;
            if body.get("networks").is_some() {
                w.set_series_networks(series_id, &s.networks)?;
            }
            let listed = body.get("episodes").and_then(Value::as_array);
            for (i, e) in s.episodes.iter().enumerate() {
                // An episode entry without `episode_type` (older responses) keeps what the
                // catalog knows.
                let says_type = listed
                    .and_then(|l| l.get(i))
                    .is_some_and(|v| v.get("episode_type").is_some());
                if e.season_number != season_number || e.show_id.is_some_and(|sid| sid != series_id)
                {
                    return Err(ImportError::BadResponse(
                        "season details".into(),
                        format!("episode {} belongs to another season or series", e.id),
                    ));
                }
                w.upsert_episode(&EpisodeFields {
                    id: e.id,
                    series_id,
                    season_number,
                    episode_number: e.episode_number,
                    air_date: e.air_date.clone(),
                    episode_type: says_type.then(|| e.episode_type.clone()),
                    production_code: e.production_code.clone(),
                    runtime: e.runtime,
                    still_path: e.still_path.clone(),
                    vote_average: e.vote_average,
                    vote_count: e.vote_count,
                })?;
                set_text(w, Owner::episode(e.id), req, &e.name, &e.overview)?;
                episode_crew_and_guests(w, e.id, &e.crew, &e.guest_stars)?;
            }
        }
        SeasonSub::Credits => {
            let c: SeasonCredits = parse(&with_id(body, id), "season credits")?;
            let (cast, crew) = regular_facts(w, &c)?;
            w.set_season_regulars(id, &cast, &crew)?;
        }
        SeasonSub::AggregateCredits => {
            let a: AggregateCredits = parse(&with_id(body, id), "aggregate credits")?;
            let (cast, crew) = aggregate_facts(w, &a)?;
            w.set_season_aggregate(id, &cast, &crew)?;
        }
        SeasonSub::ExternalIds => external_ids(w, owner, body)?,
        SeasonSub::Images => {
            let i: SeasonImages = parse(&with_id(body, id), "season images")?;
            replace_images(w, owner, "poster", body.get("posters"), &i.posters, req)?;
        }
        SeasonSub::Translations => translations(w, owner, &with_id(body, id))?,
        SeasonSub::Videos => videos(w, owner, req, body)?,
        SeasonSub::WatchProviders => {
            let wp: WatchProviders = parse(&with_id(body, id), "watch providers")?;
            w.replace_watch_providers(owner, &wp)?;
        }
    }
    Ok(())
}

/// The people and credit facts of a `/credits` response (a season's or a series' regulars).
pub(crate) fn regular_facts(
    w: &mut Writer,
    c: &SeasonCredits,
) -> Result<(Vec<CreditFact>, Vec<CreditFact>), ImportError> {
    people(
        w,
        c.cast
            .iter()
            .map(|c| &c.person)
            .chain(c.crew.iter().map(|c| &c.person)),
    )?;
    let cast = c.cast.iter().map(CreditFact::from_cast).collect();
    let crew = c.crew.iter().map(CreditFact::from_crew).collect();
    Ok((cast, crew))
}

/// The people and credit facts of an `/aggregate_credits` response (a season's or a
/// series'): one fact per role or job, in aggregate order, with its episode count.
pub(crate) fn aggregate_facts(
    w: &mut Writer,
    a: &AggregateCredits,
) -> Result<(Vec<CreditFact>, Vec<CreditFact>), ImportError> {
    people(
        w,
        a.cast
            .iter()
            .map(|c| &c.person)
            .chain(a.crew.iter().map(|c| &c.person)),
    )?;
    let cast: Vec<CreditFact> = a
        .cast
        .iter()
        .flat_map(|p| {
            p.roles.iter().map(move |r| CreditFact {
                credit_id: r.credit_id.clone(),
                person_id: p.person.id,
                character: r.character.clone(),
                department: None,
                job: None,
                order: p.order,
                episode_count: r.episode_count,
            })
        })
        .collect();
    let crew: Vec<CreditFact> = a
        .crew
        .iter()
        .flat_map(|p| {
            p.jobs.iter().map(move |j| CreditFact {
                credit_id: j.credit_id.clone(),
                person_id: p.person.id,
                character: None,
                department: p.department.clone(),
                job: j.job.clone(),
                order: None,
                episode_count: j.episode_count,
            })
        })
        .collect();
    Ok((cast, crew))
}

fn episode_crew_and_guests(
    w: &mut Writer,
    episode_id: i64,
    crew: &[reeldb_wire::common::CrewCredit],
    guests: &[reeldb_wire::common::CastCredit],
) -> Result<(), ImportError> {
    people(
        w,
        crew.iter()
            .map(|c| &c.person)
            .chain(guests.iter().map(|c| &c.person)),
    )?;
    let owner = Owner::episode(episode_id);
    let crew: Vec<_> = crew.iter().map(CreditFact::from_crew).collect();
    let guests: Vec<_> = guests.iter().map(CreditFact::from_cast).collect();
    w.replace_credits(owner, CreditKind::Crew, &crew)?;
    w.replace_credits(owner, CreditKind::Guest, &guests)?;
    Ok(())
}

fn episode_part(
    w: &mut Writer,
    req: &Request,
    (series_id, season_number, episode_number): (i64, i64, i64),
    id: i64,
    sub: EpisodeSub,
    body: &Value,
) -> Result<(), ImportError> {
    let owner = Owner::episode(id);
    if sub != EpisodeSub::Details {
        w.ensure_episode(id, series_id, season_number, episode_number)?;
    }
    match sub {
        EpisodeSub::Details => {
            let e: EpisodeDetails = parse(body, "episode details")?;
            if (e.season_number, e.episode_number) != (season_number, episode_number) {
                return Err(ImportError::BadResponse(
                    "episode details".into(),
                    format!(
                        "season {} episode {} but the request names season {season_number} episode {episode_number}",
                        e.season_number, e.episode_number
                    ),
                ));
            }
            w.upsert_episode(&EpisodeFields {
                id: e.id,
                series_id,
                season_number,
                episode_number,
                air_date: e.air_date.clone(),
                // Older responses lack `episode_type`: then the catalog keeps what it knows.
                episode_type: body.get("episode_type").map(|_| e.episode_type.clone()),
                production_code: e.production_code.clone(),
                runtime: e.runtime,
                still_path: e.still_path.clone(),
                vote_average: e.vote_average,
                vote_count: e.vote_count,
            })?;
            set_text(w, owner, req, &e.name, &e.overview)?;
            episode_crew_and_guests(w, id, &e.crew, &e.guest_stars)?;
        }
        EpisodeSub::Credits => {
            let c: EpisodeCredits = parse(&with_id(body, id), "episode credits")?;
            people(w, c.cast.iter().map(|c| &c.person))?;
            let cast: Vec<_> = c.cast.iter().map(CreditFact::from_cast).collect();
            w.replace_credits(owner, CreditKind::Cast, &cast)?;
            episode_crew_and_guests(w, id, &c.crew, &c.guest_stars)?;
        }
        EpisodeSub::ExternalIds => external_ids(w, owner, body)?,
        EpisodeSub::Images => {
            let i: EpisodeImages = parse(&with_id(body, id), "episode images")?;
            replace_images(w, owner, "still", body.get("stills"), &i.stills, req)?;
        }
        EpisodeSub::Translations => translations(w, owner, &with_id(body, id))?,
        EpisodeSub::Videos => videos(w, owner, req, body)?,
    }
    Ok(())
}
