//! Applies people responses (person details and sub-resources, `/3/credit/{id}`) through a
//! store [`Writer`].

use crate::ImportError;
use crate::apply::{external_ids, parse, set_text, with_id};
use crate::request::{PersonSub, Request};
use reeldb_store::person::credit_details::CreditDetailsFact;
use reeldb_store::person::credits::PersonTvCreditFact;
use reeldb_store::write::EpisodeFields;
use reeldb_store::{Owner, Writer};
use reeldb_wire::common::{Changes, CreditPerson, Translations};
use reeldb_wire::person::{
    ByMediaType, CreditDetails, EpisodeMedia, PersonCombinedCredits, PersonDetails, PersonImages,
    PersonMovieCredits, PersonTranslationData, PersonTvCast, PersonTvCredits, PersonTvCrew,
    TaggedImages, TaggedMedia,
};
use reeldb_wire::tv::TvSummary;
use serde_json::Value;

/// The language tag a request's text is in (`en-US` by default).
fn tag(req: &Request) -> String {
    req.language.to_string()
}

pub(crate) fn person_part(
    w: &mut Writer,
    req: &Request,
    person_id: i64,
    sub: PersonSub,
    body: &Value,
) -> Result<(), ImportError> {
    let owner = Owner::person(person_id);
    if sub != PersonSub::Changes {
        w.ensure_person(person_id)?;
    }
    match sub {
        PersonSub::Details => {
            let d: PersonDetails = parse(body, "person details")?;
            if d.id != person_id {
                return Err(ImportError::BadResponse(
                    "person details".into(),
                    format!("id {} but the request names person {person_id}", d.id),
                ));
            }
            w.set_person_details(&d, &tag(req))?;
        }
        PersonSub::Changes => {
            let changes: Changes = parse(body, "changes")?;
            w.import_changes(owner, &changes.changes)?;
        }
        PersonSub::CombinedCredits => {
            let c: PersonCombinedCredits = parse(&with_id(body, person_id), "combined credits")?;
            // Movie entries are parsed but not stored: the catalog has no movies yet.
            let cast: Vec<&PersonTvCast> = c
                .cast
                .iter()
                .filter_map(|e| match e {
                    ByMediaType::Tv(t) => Some(t),
                    ByMediaType::Movie(_) => None,
                })
                .collect();
            let crew: Vec<&PersonTvCrew> = c
                .crew
                .iter()
                .filter_map(|e| match e {
                    ByMediaType::Tv(t) => Some(t),
                    ByMediaType::Movie(_) => None,
                })
                .collect();
            person_tv_credits(w, req, person_id, &cast, &crew)?;
        }
        PersonSub::TvCredits => {
            let c: PersonTvCredits = parse(&with_id(body, person_id), "tv credits")?;
            let cast: Vec<&PersonTvCast> = c.cast.iter().collect();
            let crew: Vec<&PersonTvCrew> = c.crew.iter().collect();
            person_tv_credits(w, req, person_id, &cast, &crew)?;
        }
        PersonSub::MovieCredits => {
            // Parsed and checked; nothing to store until movies join the catalog.
            let _: PersonMovieCredits = parse(&with_id(body, person_id), "movie credits")?;
        }
        PersonSub::ExternalIds => external_ids(w, owner, body)?,
        PersonSub::Images => {
            let i: PersonImages = parse(&with_id(body, person_id), "person images")?;
            w.replace_images(owner, "profile", &i.profiles, !req.filtered_media)?;
        }
        PersonSub::TaggedImages { page } => {
            let t: TaggedImages = parse(&with_id(body, person_id), "tagged images")?;
            for i in &t.results {
                match &i.media {
                    TaggedMedia::Tv(s) => w.set_series_summary(&s.tv, &tag(req))?,
                    TaggedMedia::Season(s) => {
                        w.set_season_media(&s.season)?;
                        let o = Owner::season(s.season.id);
                        set_text(w, o, req, &s.season.name, &s.season.overview)?;
                    }
                    TaggedMedia::Episode(e) => episode_media(w, req, e)?,
                    TaggedMedia::Movie(_) => {}
                }
            }
            w.set_tagged_images(person_id, page, &t.results)?;
        }
        PersonSub::Translations => {
            let t: Translations<PersonTranslationData> =
                parse(&with_id(body, person_id), "person translations")?;
            let list: Vec<_> = t
                .translations
                .into_iter()
                .map(|t| (t.iso_639_1, t.iso_3166_1, t.data.name, t.data.biography))
                .collect();
            w.replace_person_translations(person_id, &list)?;
        }
    }
    Ok(())
}

/// An episode as credit details and tagged images show it.
fn episode_media(w: &mut Writer, req: &Request, e: &EpisodeMedia) -> Result<(), ImportError> {
    w.upsert_episode(&EpisodeFields {
        id: e.id,
        series_id: e.show_id,
        season_number: e.season_number,
        episode_number: e.episode_number,
        air_date: e.air_date.clone(),
        episode_type: e.episode_type.clone().map(Some),
        production_code: e.production_code.clone(),
        runtime: e.runtime,
        still_path: e.still_path.clone(),
        vote_average: e.vote_average,
        vote_count: e.vote_count,
    })?;
    set_text(w, Owner::episode(e.id), req, &e.name, &e.overview)
}

/// A person's TV credits: each series' list fields, then the series-level credit rows.
fn person_tv_credits(
    w: &mut Writer,
    req: &Request,
    person_id: i64,
    cast: &[&PersonTvCast],
    crew: &[&PersonTvCrew],
) -> Result<(), ImportError> {
    let mut facts = Vec::new();
    for c in cast {
        w.set_series_summary(&c.tv, &tag(req))?;
        facts.push(PersonTvCreditFact {
            series_id: c.tv.id,
            crew: false,
            credit_id: c.credit_id.clone(),
            character: c.character.clone(),
            department: None,
            job: None,
            episode_count: c.episode_count,
            first_air_date: c.first_credit_air_date.clone(),
        });
    }
    for c in crew {
        w.set_series_summary(&c.tv, &tag(req))?;
        facts.push(PersonTvCreditFact {
            series_id: c.tv.id,
            crew: true,
            credit_id: c.credit_id.clone(),
            character: None,
            department: c.department.clone(),
            job: c.job.clone(),
            episode_count: c.episode_count,
            first_air_date: c.first_credit_air_date.clone(),
        });
    }
    w.set_person_tv_credits(person_id, &facts)?;
    Ok(())
}

/// `/3/credit/{id}`: the person, the series, the seasons and episodes named, then the credit
/// rows on each.
pub(crate) fn credit_details(
    w: &mut Writer,
    req: &Request,
    credit_id: &str,
    body: &Value,
) -> Result<(), ImportError> {
    let c: CreditDetails = parse(body, "credit details")?;
    if c.id != credit_id {
        return Err(ImportError::BadResponse(
            "credit details".into(),
            format!("id {} but the request names credit {credit_id}", c.id),
        ));
    }
    if c.media_type != "tv" {
        return Err(ImportError::BadResponse(
            "credit details".into(),
            format!(
                "media_type {:?}: only TV credits can be stored",
                c.media_type
            ),
        ));
    }
    let p = &c.person;
    w.upsert_person(&CreditPerson {
        adult: p.adult,
        gender: p.gender,
        id: p.id,
        known_for_department: p.known_for_department.clone(),
        name: p.name.clone(),
        original_name: p.original_name.clone(),
        popularity: p.popularity,
        profile_path: p.profile_path.clone(),
    })?;
    let m = &c.media;
    w.set_series_summary(
        &TvSummary {
            adult: m.adult,
            backdrop_path: m.backdrop_path.clone(),
            genre_ids: m.genre_ids.clone(),
            id: m.id,
            origin_country: m.origin_country.clone(),
            original_language: m.original_language.clone(),
            original_name: m.original_name.clone(),
            overview: m.overview.clone(),
            popularity: m.popularity,
            poster_path: m.poster_path.clone(),
            first_air_date: m.first_air_date.clone(),
            name: m.name.clone(),
            vote_average: m.vote_average,
            vote_count: m.vote_count,
        },
        &tag(req),
    )?;
    for s in &m.seasons {
        w.set_season_media(s)?;
        set_text(w, Owner::season(s.id), req, &s.name, &s.overview)?;
    }
    for e in &m.episodes {
        episode_media(w, req, e)?;
    }
    w.set_credit_details(&CreditDetailsFact {
        credit_id: credit_id.to_owned(),
        person_id: p.id,
        series_id: m.id,
        crew: c.credit_type == "crew",
        character: m.character.clone(),
        department: c.department.clone(),
        job: c.job.clone(),
        season_ids: m.seasons.iter().map(|s| s.id).collect(),
        episode_ids: m.episodes.iter().map(|e| e.id).collect(),
    })?;
    Ok(())
}
