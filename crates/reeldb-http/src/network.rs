//! TMDB section "Networks": `/3/network/{network_id}`, `/alternative_names` and `/images`.
//!
//! A network is known once any response named it (a season's or series' `networks` list
//! creates it with the fields such lists carry; details add headquarters and homepage).

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{path_number, read_json};
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use reeldb_store::{Db, Owner, OwnerKind};
use reeldb_wire::Status;
use reeldb_wire::network::{AlternativeNames, NetworkImages};

const BASE: &str = "/3/network/{network_id}";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(BASE, get(details))
        .route(&format!("{BASE}/alternative_names"), get(alternative_names))
        .route(&format!("{BASE}/images"), get(images))
}

/// The network's owner key, or 404/34 when the catalog does not know it (one statement).
fn known(db: &mut Db, id: i64) -> ApiResult<Owner> {
    match db.network_exists(id)? {
        true => Ok(Owner::new(OwnerKind::Network, id)),
        false => Err(ApiError(Status::NotFound)),
    }
}

/// `GET /3/network/{network_id}` (network-details).
async fn details(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<Response> {
    let id = path_number(&id)?;
    read_json(&state, move |db| {
        db.network_details(id)?.ok_or(ApiError(Status::NotFound))
    })
    .await
}

/// `GET /3/network/{network_id}/alternative_names` (`details-copy` in TMDB's spec).
async fn alternative_names(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let id = path_number(&id)?;
    read_json(&state, move |db| {
        let owner = known(db, id)?;
        Ok(AlternativeNames {
            id,
            results: db.alternative_names(owner)?,
        })
    })
    .await
}

/// `GET /3/network/{network_id}/images` (`alternative-names-copy` in TMDB's spec): its logos.
async fn images(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<Response> {
    let id = path_number(&id)?;
    read_json(&state, move |db| {
        let owner = known(db, id)?;
        Ok(NetworkImages {
            id,
            logos: db.logos(owner)?,
        })
    })
    .await
}
