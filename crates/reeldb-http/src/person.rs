//! TMDB section "People": `/3/person/{person_id}` and its sub-resources, `/3/person/latest` and
//! `/3/person/popular`.
//!
//! Each handler validates its parameters, then reads everything in one job on a database
//! thread ([`read_json`]). A person's credits are read from the credit rows that serve titles
//! (see `reeldb_store::person::credits`); the movie part is empty until movies join the catalog.

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Appends, Params, Part, appended, changes_window, path_number, read_json};
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use reeldb_store::person::PERSON_EXTERNAL_IDS;
use reeldb_store::{Db, Owner};
use reeldb_wire::Status;
use reeldb_wire::params::{Language, Page};
use reeldb_wire::person::PersonImages;

const BASE: &str = "/3/person/{person_id}";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/3/person/latest", get(latest))
        .route("/3/person/popular", get(popular))
        .route(BASE, get(details))
        .route(&format!("{BASE}/changes"), get(changes))
        .route(&format!("{BASE}/combined_credits"), get(combined_credits))
        .route(&format!("{BASE}/external_ids"), get(external_ids))
        .route(&format!("{BASE}/images"), get(images))
        .route(&format!("{BASE}/movie_credits"), get(movie_credits))
        .route(&format!("{BASE}/tagged_images"), get(tagged_images))
        .route(&format!("{BASE}/translations"), get(translations))
        .route(&format!("{BASE}/tv_credits"), get(tv_credits))
}

fn not_found() -> ApiError {
    ApiError(Status::NotFound)
}

/// 404/34 unless the person is known (one statement).
fn known(db: &mut Db, id: i64) -> ApiResult<()> {
    match db.person_exists(id)? {
        true => Ok(()),
        false => Err(not_found()),
    }
}

fn person_images(db: &mut Db, id: i64) -> ApiResult<PersonImages> {
    Ok(PersonImages {
        id,
        profiles: db.images(Owner::person(id), "profile", &None)?,
    })
}

/// What appended parts need beyond the names: the language, and the changes window (TMDB's
/// default, the last 24 hours).
struct AppendCtx {
    lang: Language,
    window: (String, String),
}

/// A sub-resource's body by its `append_to_response` name; `None` for names that are not one.
fn sub_resource(db: &mut Db, id: i64, name: &str, cx: &AppendCtx) -> ApiResult<Option<Part>> {
    let lang = &cx.lang;
    Ok(Some(match name {
        "changes" => appended(&db.changes(Owner::person(id), &cx.window.0, &cx.window.1)?)?,
        "combined_credits" => appended(&db.person_combined_credits(id, lang)?)?,
        "external_ids" => appended(&db.external_ids(Owner::person(id), PERSON_EXTERNAL_IDS)?)?,
        "images" => appended(&person_images(db, id)?)?,
        "movie_credits" => appended(&db.person_movie_credits(id, lang)?)?,
        "tagged_images" => appended(&db.tagged_images(id, 1, lang)?)?,
        "translations" => appended(&db.person_translations(id)?)?,
        "tv_credits" => appended(&db.person_tv_credits(id, lang)?)?,
        _ => return Ok(None),
    }))
}

/// `GET /3/person/{person_id}` (person-details), with `append_to_response` of its
/// sub-resources.
async fn details(
    State(state): State<AppState>,
    Path(id): Path<String>,
    params: Params,
) -> ApiResult<Response> {
    let lang = params.language()?;
    let appends = Appends::parse(&params)?;
    let id = path_number(&id)?;
    let cx = AppendCtx {
        lang: lang.clone(),
        window: changes_window(&Params::default())?,
    };
    read_json(&state, move |db| {
        let body = db.person_details(id, &lang)?.ok_or_else(not_found)?;
        appends.apply(db, body, |db, name| sub_resource(db, id, name, &cx))
    })
    .await
}

/// `GET /3/person/latest` (person-latest-id): the person with the highest id.
async fn latest(State(state): State<AppState>, params: Params) -> ApiResult<Response> {
    let lang = params.language()?;
    read_json(&state, move |db| {
        db.latest_person(&lang)?.ok_or_else(not_found)
    })
    .await
}

/// `GET /3/person/popular` (person-popular-list).
async fn popular(State(state): State<AppState>, params: Params) -> ApiResult<Response> {
    let lang = params.language()?;
    let page = Page::parse_param(params.get("page"))?.get();
    read_json(&state, move |db| Ok(db.popular_people(page, &lang)?)).await
}

/// `GET .../changes` (person-changes).
async fn changes(
    State(state): State<AppState>,
    Path(id): Path<String>,
    params: Params,
) -> ApiResult<Response> {
    let (start, end) = changes_window(&params)?;
    let id = path_number(&id)?;
    read_json(&state, move |db| {
        let owner = Owner::person(id);
        if !db.person_exists(id)? && !db.has_history(owner)? {
            return Err(not_found());
        }
        Ok(db.changes(owner, &start, &end)?)
    })
    .await
}

/// `GET .../combined_credits` (person-combined-credits).
async fn combined_credits(
    State(state): State<AppState>,
    Path(id): Path<String>,
    params: Params,
) -> ApiResult<Response> {
    let lang = params.language()?;
    let id = path_number(&id)?;
    read_json(&state, move |db| {
        db.person_combined_credits(id, &lang)?.ok_or_else(not_found)
    })
    .await
}

/// `GET .../tv_credits` (person-tv-credits).
async fn tv_credits(
    State(state): State<AppState>,
    Path(id): Path<String>,
    params: Params,
) -> ApiResult<Response> {
    let lang = params.language()?;
    let id = path_number(&id)?;
    read_json(&state, move |db| {
        db.person_tv_credits(id, &lang)?.ok_or_else(not_found)
    })
    .await
}

/// `GET .../movie_credits` (person-movie-credits): the person's credits in the catalog's
/// movies (see `docs/MOVIES.md`).
async fn movie_credits(
    State(state): State<AppState>,
    Path(id): Path<String>,
    params: Params,
) -> ApiResult<Response> {
    let lang = params.language()?;
    let id = path_number(&id)?;
    read_json(&state, move |db| {
        db.person_movie_credits(id, &lang)?.ok_or_else(not_found)
    })
    .await
}

/// `GET .../external_ids` (person-external-ids).
async fn external_ids(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let id = path_number(&id)?;
    read_json(&state, move |db| {
        known(db, id)?;
        Ok(db.external_ids(Owner::person(id), PERSON_EXTERNAL_IDS)?)
    })
    .await
}

/// `GET .../images` (person-images): the person's profiles, best rated first.
async fn images(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<Response> {
    let id = path_number(&id)?;
    read_json(&state, move |db| {
        known(db, id)?;
        person_images(db, id)
    })
    .await
}

/// `GET .../tagged_images` (person-tagged-images).
async fn tagged_images(
    State(state): State<AppState>,
    Path(id): Path<String>,
    params: Params,
) -> ApiResult<Response> {
    let page = Page::parse_param(params.get("page"))?.get();
    let lang = params.language()?;
    let id = path_number(&id)?;
    read_json(&state, move |db| {
        known(db, id)?;
        Ok(db.tagged_images(id, page, &lang)?)
    })
    .await
}

/// `GET .../translations` (translations).
async fn translations(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let id = path_number(&id)?;
    read_json(&state, move |db| {
        known(db, id)?;
        Ok(db.person_translations(id)?)
    })
    .await
}
