//! [`ApiError`]: every failure of a request, rendered as TMDB's envelope.

use axum::response::{IntoResponse, Response};
use reeldb_wire::Status;
use reeldb_wire::status::Envelope;

/// A failed request: a TMDB status. Internal causes are logged here, once, and never sent.
#[derive(Debug)]
pub struct ApiError(pub Status);

impl From<Status> for ApiError {
    fn from(s: Status) -> Self {
        ApiError(s)
    }
}

impl From<reeldb_store::StoreError> for ApiError {
    fn from(e: reeldb_store::StoreError) -> Self {
        match e {
            reeldb_store::StoreError::NotFound => ApiError(Status::NotFound),
            other => {
                tracing::error!(error = %other, "store error");
                ApiError(Status::InternalError)
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        envelope(self.0)
    }
}

/// The envelope for `status`, with TMDB's HTTP status and content type.
pub fn envelope(status: Status) -> Response {
    let body = Envelope::from(status);
    let http = http::StatusCode::from_u16(status.http_status())
        .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    let mut res = crate::extract::json_response(&body);
    *res.status_mut() = http;
    res
}

/// What the envelope guard sends for a bare error response from a layer or axum itself.
pub fn status_for_http(code: http::StatusCode) -> Status {
    match code.as_u16() {
        401 => Status::InvalidApiKey,
        404 => Status::NotFound,
        405 => Status::MethodNotSupported,
        413 | 414 | 431 => Status::InvalidInput,
        400 | 411 | 415 | 422 => Status::InvalidInput,
        429 => Status::RateLimited,
        _ => Status::InternalError,
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
