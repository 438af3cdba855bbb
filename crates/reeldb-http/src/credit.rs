//! TMDB section "Credits": `GET /3/credit/{credit_id}`, one credit row seen from its own side
//! (its series, the seasons and episodes it appears in, its person).

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Params, read_json};
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use reeldb_wire::Status;

pub fn routes() -> Router<AppState> {
    Router::new().route("/3/credit/{credit_id}", get(details))
}

/// TMDB credit ids are 24 hex digits (ObjectIds); anything else can name no credit.
fn valid_credit_id(raw: &str) -> bool {
    !raw.is_empty() && raw.len() <= 64 && raw.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// `GET /3/credit/{credit_id}` (credit-details).
async fn details(
    State(state): State<AppState>,
    Path(credit_id): Path<String>,
    params: Params,
) -> ApiResult<Response> {
    let lang = params.language()?;
    if !valid_credit_id(&credit_id) {
        return Err(ApiError(Status::NotFound));
    }
    read_json(&state, move |db| {
        db.credit_details(&credit_id, &lang)?
            .ok_or(ApiError(Status::NotFound))
    })
    .await
}
