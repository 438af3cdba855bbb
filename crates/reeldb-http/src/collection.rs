//! TMDB section "Collections": `/3/collection/{collection_id}`, `/images` and `/translations`.
//!
//! A collection is known once any response named it (a movie's `belongs_to_collection` creates
//! it with its name and images; collection details add the rest and its parts). Its parts are
//! computed from the movies that belong to it (`reeldb_store::collection`).

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Appends, Params, appended, path_number, read_json};
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use reeldb_store::{Db, LanguageFilter, Owner, OwnerKind};
use reeldb_wire::Status;
use reeldb_wire::collection::CollectionImages;

const BASE: &str = "/3/collection/{collection_id}";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(BASE, get(details))
        .route(&format!("{BASE}/images"), get(images))
        .route(&format!("{BASE}/translations"), get(translations))
}

/// 404/34 unless the catalog knows the collection (one statement).
fn known(db: &mut Db, id: i64) -> ApiResult<()> {
    match db.collection_exists(id)? {
        true => Ok(()),
        false => Err(ApiError(Status::NotFound)),
    }
}

/// Backdrops and posters of a collection, best rated first, filtered by language (two
/// statements).
fn collection_images(db: &mut Db, id: i64, filter: &LanguageFilter) -> ApiResult<CollectionImages> {
    let owner = Owner::new(OwnerKind::Collection, id);
    Ok(CollectionImages {
        id,
        backdrops: db.images(owner, "backdrop", filter)?,
        posters: db.images(owner, "poster", filter)?,
    })
}

/// `GET /3/collection/{collection_id}` (collection-details): name and overview in `language`,
/// the parts' list fields too; `append_to_response` of `images` and `translations`.
async fn details(
    State(state): State<AppState>,
    Path(id): Path<String>,
    params: Params,
) -> ApiResult<Response> {
    let lang = params.language()?;
    let appends = Appends::parse(&params)?;
    let id = path_number(&id)?;
    read_json(&state, move |db| {
        let body = db
            .collection_details(id, &lang)?
            .ok_or(ApiError(Status::NotFound))?;
        appends.apply(db, body, |db, name| {
            Ok(match name {
                "images" => Some(appended(&collection_images(db, id, &appends.images)?)?),
                "translations" => Some(appended(&db.collection_translations(id)?)?),
                _ => None,
            })
        })
    })
    .await
}

/// `GET /3/collection/{collection_id}/images` (collection-images): backdrops and posters, best
/// rated first, filtered by `language` and `include_image_language`.
async fn images(
    State(state): State<AppState>,
    Path(id): Path<String>,
    params: Params,
) -> ApiResult<Response> {
    let filter = params.media_filter("include_image_language")?;
    let id = path_number(&id)?;
    read_json(&state, move |db| {
        known(db, id)?;
        collection_images(db, id, &filter)
    })
    .await
}

/// `GET /3/collection/{collection_id}/translations` (collection-translations): title,
/// overview and homepage per language.
async fn translations(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let id = path_number(&id)?;
    read_json(&state, move |db| {
        known(db, id)?;
        Ok(db.collection_translations(id)?)
    })
    .await
}
