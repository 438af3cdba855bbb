//! TMDB section "Authentication".

use crate::AppState;
use crate::extract::json_response;
use axum::Router;
use axum::response::Response;
use axum::routing::get;
use reeldb_wire::Status;
use reeldb_wire::status::Envelope;

pub fn routes() -> Router<AppState> {
    Router::new().route("/3/authentication", get(validate_key))
}

/// `GET /3/authentication` (authentication-validate-key): the auth layer has already checked
/// the key, so reaching here means it is valid.
async fn validate_key() -> Response {
    json_response(&Envelope::from(Status::Success))
}
