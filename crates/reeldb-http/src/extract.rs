//! Request parameters: query strings parsed liberally (empty segments, repeats, any case of
//! `null`), then validated into `reeldb_wire` types before any storage access.

use crate::error::ApiError;
use axum::extract::FromRequestParts;
use axum::response::Response;
use http::request::Parts;
use reeldb_store::{Db, LanguageFilter};
use reeldb_wire::Status;
use reeldb_wire::params::{AppendToResponse, IncludeLanguages, Language};
use std::collections::HashMap;

/// The query string as a map; for a repeated name the first non-empty value wins.
#[derive(Debug, Clone, Default)]
pub struct Params(HashMap<String, String>);

impl Params {
    pub fn parse(query: &str) -> Params {
        let mut map = HashMap::new();
        for (k, v) in url::form_urlencoded::parse(query.as_bytes()) {
            if k.is_empty() {
                continue;
            }
            let slot = map.entry(k.into_owned()).or_insert_with(String::new);
            if slot.is_empty() {
                *slot = v.into_owned();
            }
        }
        Params(map)
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.trim().is_empty())
    }

    pub fn language(&self) -> Result<Language, ApiError> {
        Ok(Language::parse_param(self.get("language"))?)
    }

    pub fn append(&self) -> Result<AppendToResponse, ApiError> {
        Ok(AppendToResponse::parse_param(
            self.get("append_to_response"),
        )?)
    }

    /// Which images (`include_image_language`) or videos (`include_video_language`) to keep:
    /// all when neither `language` nor the include list is given; otherwise the request's
    /// language plus the listed ones (`null` = untagged).
    pub fn media_filter(&self, include_param: &str) -> Result<LanguageFilter, ApiError> {
        let include = IncludeLanguages::parse_param(self.get(include_param))?;
        let lang = match self.get("language") {
            Some(_) => Some(self.language()?.iso_639_1),
            None => None,
        };
        if lang.is_none() && include.0.is_empty() {
            return Ok(None);
        }
        let mut allowed: Vec<Option<String>> = lang.into_iter().map(Some).collect();
        for l in include.0 {
            if !allowed.contains(&l) {
                allowed.push(l);
            }
        }
        Ok(Some(allowed))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Params::parse(parts.uri.query().unwrap_or_default()))
    }
}

/// A numeric path segment (ids, season and episode numbers); anything else is TMDB's 34.
pub fn path_number(raw: &str) -> Result<i64, ApiError> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| *n >= 0)
        .ok_or(ApiError(Status::NotFound))
}

/// A JSON response with TMDB's content type.
pub fn json_response<T: serde::Serialize>(value: &T) -> Response {
    match serde_json::to_vec(value) {
        Ok(body) => {
            let mut res = Response::new(axum::body::Body::from(body));
            res.headers_mut().insert(
                http::header::CONTENT_TYPE,
                http::HeaderValue::from_static("application/json;charset=utf-8"),
            );
            res
        }
        Err(e) => {
            tracing::error!(error = %e, "serialising a response");
            crate::error::envelope(Status::InternalError)
        }
    }
}

/// Serialises a sub-resource for `append_to_response`: the same body, without its `id`, its
/// other keys in their order (a plain `remove` would move the last key into `id`'s place).
pub fn appended<T: serde::Serialize>(value: &T) -> Result<serde_json::Value, ApiError> {
    let mut v = serde_json::to_value(value).map_err(|_| ApiError(Status::InternalError))?;
    if let Some(m) = v.as_object_mut() {
        m.shift_remove("id");
    }
    Ok(v)
}

/// The window of a `/changes` request as TMDB time strings `[start, end)`: `start_date` and
/// `end_date` are whole days (end inclusive); without them, the last 24 hours. Longer than 14
/// days, or ending before it starts: TMDB's 20. `page` is validated too (code 22).
pub fn changes_window(params: &Params) -> Result<(String, String), ApiError> {
    use time::{Duration, OffsetDateTime, Time};
    reeldb_wire::params::Page::parse_param(params.get("page"))?;
    let now = OffsetDateTime::now_utc();
    let start_date = params
        .get("start_date")
        .map(reeldb_wire::params::parse_date)
        .transpose()?;
    let end_date = params
        .get("end_date")
        .map(reeldb_wire::params::parse_date)
        .transpose()?;
    let (start, end) = match (start_date, end_date) {
        (None, None) => (now - Duration::days(1), now + Duration::seconds(1)),
        (s, e) => {
            let end = match e {
                Some(d) => d.with_time(Time::MIDNIGHT).assume_utc() + Duration::days(1),
                None => now + Duration::seconds(1),
            };
            let start = match s {
                Some(d) => d.with_time(Time::MIDNIGHT).assume_utc(),
                None => end - Duration::days(1),
            };
            (start, end)
        }
    };
    // An inclusive end date makes a 14-day window 15 calendar days long at most; an end date
    // the day before the start date gives `end == start`, which is still "end before start".
    if end <= start || end - start > Duration::days(15) {
        return Err(ApiError(Status::InvalidDateRange));
    }
    Ok((reeldb_store::tmdb_time(start), reeldb_store::tmdb_time(end)))
}

/// Runs one request's reads as a single job on a database thread (one hand-off per request)
/// and answers with the JSON of what it returns.
pub async fn read_json<T, F>(state: &crate::AppState, f: F) -> Result<Response, ApiError>
where
    F: FnOnce(&mut Db) -> Result<T, ApiError> + Send + 'static,
    T: serde::Serialize + Send + 'static,
{
    let value = state.store.read(f).await?;
    Ok(json_response(&value))
}

/// What `append_to_response` asks for, validated before any storage access: the names, and the
/// image and video filters when an appended part needs them.
#[derive(Debug, Clone)]
pub struct Appends {
    pub names: Vec<String>,
    pub images: LanguageFilter,
    pub videos: LanguageFilter,
    /// The page of appended paged lists (`reviews`, `similar`, `recommendations`): TMDB serves
    /// the request's `page` for them (1 by default); checked only when such a list is asked for.
    pub page: u32,
}

/// Appended parts that are paged lists.
const PAGED_PARTS: &[&str] = &["reviews", "similar", "recommendations"];

impl Appends {
    pub fn parse(params: &Params) -> Result<Appends, ApiError> {
        let append = params.append()?;
        let names: Vec<String> = append.names().map(str::to_owned).collect();
        let wants = |n: &str| names.iter().any(|x| x == n);
        Ok(Appends {
            images: match wants("images") {
                true => params.media_filter("include_image_language")?,
                false => None,
            },
            videos: match wants("videos") || wants("trailers") {
                true => params.media_filter("include_video_language")?,
                false => None,
            },
            page: match PAGED_PARTS.iter().any(|n| wants(n)) {
                true => reeldb_wire::params::Page::parse_param(params.get("page"))?.get(),
                false => 1,
            },
            names,
        })
    }

    /// `body` with each appended part under its name, as `part(db, name)` builds it (`None`
    /// for names that are not sub-resources, which TMDB ignores).
    pub fn apply<T: serde::Serialize>(
        &self,
        db: &mut Db,
        body: T,
        mut part: impl FnMut(&mut Db, &str) -> Result<Option<serde_json::Value>, ApiError>,
    ) -> Result<WithAppends<T>, ApiError> {
        let mut parts = Vec::new();
        for name in &self.names {
            if let Some(value) = part(db, name)? {
                parts.push((name.clone(), value));
            }
        }
        Ok(WithAppends { body, parts })
    }
}

/// A response body and its appended parts. Without parts it serialises as the body alone,
/// straight from its struct; with parts, through a JSON object the parts are added to.
pub struct WithAppends<T> {
    body: T,
    parts: Vec<(String, serde_json::Value)>,
}

impl<T: serde::Serialize> serde::Serialize for WithAppends<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.parts.is_empty() {
            return self.body.serialize(serializer);
        }
        let mut body = serde_json::to_value(&self.body).map_err(serde::ser::Error::custom)?;
        if let Some(map) = body.as_object_mut() {
            for (name, value) in &self.parts {
                map.insert(name.clone(), value.clone());
            }
        }
        body.serialize(serializer)
    }
}

/// The `/videos` body of any owner.
pub fn owner_videos(
    db: &mut Db,
    owner: reeldb_store::Owner,
    filter: &LanguageFilter,
) -> Result<reeldb_wire::common::Videos, ApiError> {
    Ok(reeldb_wire::common::Videos {
        id: owner.id,
        results: db.videos(owner, filter)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_are_liberal() {
        let p = Params::parse("api_key=k&&language=&language=ko&x");
        assert_eq!(p.get("api_key"), Some("k"));
        assert_eq!(p.get("language"), Some("ko"));
        assert_eq!(p.get("x"), None);
    }

    #[test]
    fn media_filter_rules() {
        assert_eq!(
            Params::parse("")
                .media_filter("include_image_language")
                .unwrap(),
            None
        );
        assert_eq!(
            Params::parse("language=en-US&include_image_language=null,fr")
                .media_filter("include_image_language")
                .unwrap(),
            Some(vec![Some("en".into()), None, Some("fr".into())])
        );
        assert_eq!(
            Params::parse("include_image_language=NULL")
                .media_filter("include_image_language")
                .unwrap(),
            Some(vec![None])
        );
    }

    #[test]
    fn path_numbers() {
        assert_eq!(path_number("42").unwrap(), 42);
        assert!(path_number("abc").is_err());
        assert!(path_number("-1").is_err());
        assert!(path_number("99999999999999999999").is_err());
    }
}
