//! TMDB section "Companies": `/3/company/{company_id}`, `/alternative_names` and `/images`.
//!
//! A company is known once any response named it (a series' or movie's
//! `production_companies` creates it with the fields such lists carry; details add the rest).

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Appends, Params, appended, path_number, read_json};
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use reeldb_store::{Db, Owner, OwnerKind};
use reeldb_wire::Status;
use reeldb_wire::network::{AlternativeNames, NetworkImages};

const BASE: &str = "/3/company/{company_id}";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(BASE, get(details))
        .route(&format!("{BASE}/alternative_names"), get(alternative_names))
        .route(&format!("{BASE}/images"), get(images))
}

/// The company's owner key, or 404/34 when the catalog does not know it (one statement).
fn known(db: &mut Db, id: i64) -> ApiResult<Owner> {
    match db.company_exists(id)? {
        true => Ok(Owner::new(OwnerKind::Company, id)),
        false => Err(ApiError(Status::NotFound)),
    }
}

fn names_of(db: &mut Db, id: i64) -> ApiResult<AlternativeNames> {
    let owner = Owner::new(OwnerKind::Company, id);
    Ok(AlternativeNames {
        id,
        results: db.alternative_names(owner)?,
    })
}

fn logos_of(db: &mut Db, id: i64) -> ApiResult<NetworkImages> {
    let owner = Owner::new(OwnerKind::Company, id);
    Ok(NetworkImages {
        id,
        logos: db.logos(owner)?,
    })
}

/// `GET /3/company/{company_id}` (company-details), with `append_to_response` of
/// `alternative_names` and `images`.
async fn details(
    State(state): State<AppState>,
    Path(id): Path<String>,
    params: Params,
) -> ApiResult<Response> {
    let appends = Appends::parse(&params)?;
    let id = path_number(&id)?;
    read_json(&state, move |db| {
        let body = db.company_details(id)?.ok_or(ApiError(Status::NotFound))?;
        appends.apply(db, body, |db, name| {
            Ok(match name {
                "alternative_names" => Some(appended(&names_of(db, id)?)?),
                "images" => Some(appended(&logos_of(db, id)?)?),
                _ => None,
            })
        })
    })
    .await
}

/// `GET /3/company/{company_id}/alternative_names` (company-alternative-names).
async fn alternative_names(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let id = path_number(&id)?;
    read_json(&state, move |db| {
        known(db, id)?;
        names_of(db, id)
    })
    .await
}

/// `GET /3/company/{company_id}/images` (company-images): its logos, best rated first.
async fn images(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<Response> {
    let id = path_number(&id)?;
    read_json(&state, move |db| {
        known(db, id)?;
        logos_of(db, id)
    })
    .await
}
