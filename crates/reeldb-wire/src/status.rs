//! TMDB's status codes: one table maps each to its HTTP status and message.

/// A TMDB `status_code` as sent in `{"success", "status_code", "status_message"}` envelopes.
///
/// Only the codes reeldb emits are variants; the numbers and messages are TMDB's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// 1: success.
    Success,
    /// 3: no or invalid session on a route that needs one.
    AuthenticationFailed,
    /// 5: request parameters are incorrect.
    InvalidParameters,
    /// 6: a pre-requisite id is invalid or not found.
    InvalidId,
    /// 7: missing or wrong API key.
    InvalidApiKey,
    /// 9: the service is offline (a server without a search index answers searches so).
    ServiceOffline,
    /// 11: a server bug; details are logged, never sent.
    InternalError,
    /// 12: a write replaced an earlier record.
    Updated,
    /// 13: a record was deleted.
    Deleted,
    /// 18: the body failed validation.
    ValidationFailed,
    /// 20: a changes window longer than 14 days.
    InvalidDateRange,
    /// 22: page outside 1..=500 or not an integer.
    InvalidPage,
    /// 23: a date not in `YYYY-MM-DD`.
    InvalidDate,
    /// 25: rate limited.
    RateLimited,
    /// 27: more than 20 `append_to_response` items.
    TooManyAppends,
    /// 28: a `timezone` that is not an IANA time zone name.
    InvalidTimezone,
    /// 34: unknown route or resource.
    NotFound,
    /// 42: method not supported on this resource.
    MethodNotSupported,
    /// 47: the input is not valid.
    InvalidInput,
}

impl Status {
    /// TMDB's numeric `status_code`.
    pub fn code(self) -> u16 {
        self.entry().0
    }

    /// The HTTP status TMDB answers with.
    pub fn http_status(self) -> u16 {
        self.entry().1
    }

    /// TMDB's `status_message`.
    pub fn message(self) -> &'static str {
        self.entry().2
    }

    /// Whether TMDB reports this code with `"success": true`.
    pub fn is_success(self) -> bool {
        matches!(self, Status::Success | Status::Updated | Status::Deleted)
    }

    fn entry(self) -> (u16, u16, &'static str) {
        match self {
            Status::Success => (1, 200, "Success."),
            Status::AuthenticationFailed => (
                3,
                401,
                "Authentication failed: You do not have permissions to access the service.",
            ),
            Status::InvalidParameters => (
                5,
                422,
                "Invalid parameters: Your request parameters are incorrect.",
            ),
            Status::InvalidId => (
                6,
                404,
                "Invalid id: The pre-requisite id is invalid or not found.",
            ),
            Status::InvalidApiKey => (7, 401, "Invalid API key: You must be granted a valid key."),
            Status::ServiceOffline => (
                9,
                503,
                "Service offline: This service is temporarily offline, try again later.",
            ),
            Status::InternalError => (
                11,
                500,
                "Internal error: Something went wrong, contact TMDB.",
            ),
            Status::Updated => (12, 201, "The item/record was updated successfully."),
            Status::Deleted => (13, 200, "The item/record was deleted successfully."),
            Status::ValidationFailed => (18, 400, "Validation failed."),
            Status::InvalidDateRange => (
                20,
                422,
                "Invalid date range: Should be a range no longer than 14 days.",
            ),
            Status::InvalidPage => (
                22,
                400,
                "Invalid page: Pages start at 1 and max at 500. They are expected to be an integer.",
            ),
            Status::InvalidDate => (23, 400, "Invalid date: Format needs to be YYYY-MM-DD."),
            Status::RateLimited => (
                25,
                429,
                "Your request count (#) is over the allowed limit of (40).",
            ),
            Status::TooManyAppends => (
                27,
                400,
                "Too many append to response objects: The maximum number of remote calls is 20.",
            ),
            Status::InvalidTimezone => (
                28,
                400,
                "Invalid timezone: Please consult the documentation for a valid timezone.",
            ),
            Status::NotFound => (34, 404, "The resource you requested could not be found."),
            Status::MethodNotSupported => (
                42,
                405,
                "This request method is not supported for this resource.",
            ),
            Status::InvalidInput => (47, 400, "The input is not valid."),
        }
    }
}

/// The envelope TMDB sends for errors and for write acknowledgements.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Envelope {
    pub success: bool,
    pub status_code: u16,
    pub status_message: String,
}

impl From<Status> for Envelope {
    fn from(s: Status) -> Self {
        Envelope {
            success: s.is_success(),
            status_code: s.code(),
            status_message: s.message().to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_matches_tmdb() {
        assert_eq!(Status::NotFound.code(), 34);
        assert_eq!(Status::NotFound.http_status(), 404);
        assert_eq!(Status::InvalidApiKey.http_status(), 401);
        assert_eq!(Status::TooManyAppends.code(), 27);
        let e = Envelope::from(Status::InvalidPage);
        assert!(!e.success);
        assert_eq!(e.status_code, 22);
        assert!(Envelope::from(Status::Success).success);
    }
}
