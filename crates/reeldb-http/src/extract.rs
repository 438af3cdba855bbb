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

/// An appended part: the sub-resource's finished JSON, written into the body as it is.
pub type Part = Box<serde_json::value::RawValue>;

/// Serialises a sub-resource for `append_to_response`: the same body, without its `id`, its
/// other keys in their order. Written once as JSON text, never through a `serde_json::Value`
/// (a tree of owned keys and strings that a large part, such as a person's combined credits,
/// paid for in allocations and copies).
pub fn appended<T: serde::Serialize>(value: &T) -> Result<Part, ApiError> {
    let internal = |_| ApiError(Status::InternalError);
    let json = serde_json::to_string(value).map_err(internal)?;
    let Some(members) = members(&json) else {
        return serde_json::value::RawValue::from_string(json).map_err(internal);
    };
    if !members.iter().any(|(k, _)| k == "id") {
        return serde_json::value::RawValue::from_string(json).map_err(internal);
    }
    let kept = Members(
        members
            .iter()
            .filter(|(k, _)| k != "id")
            .map(|(k, v)| (k.as_str(), *v))
            .collect(),
    );
    serde_json::value::to_raw_value(&kept).map_err(internal)
}

/// The top-level members of a JSON object, in order, each value as its own text; `None` when
/// `json` is not an object.
fn members(json: &str) -> Option<Vec<(String, &serde_json::value::RawValue)>> {
    struct Visit;
    impl<'de> serde::de::Visitor<'de> for Visit {
        type Value = Vec<(String, &'de serde_json::value::RawValue)>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = Vec::with_capacity(map.size_hint().unwrap_or(16));
            while let Some(entry) = map.next_entry()? {
                out.push(entry);
            }
            Ok(out)
        }
    }
    let mut de = serde_json::Deserializer::from_str(json);
    serde::Deserializer::deserialize_map(&mut de, Visit).ok()
}

/// Members written back as one JSON object, each value as the text it was.
struct Members<'a>(Vec<(&'a str, &'a serde_json::value::RawValue)>);

impl serde::Serialize for Members<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
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
        mut part: impl FnMut(&mut Db, &str) -> Result<Option<Part>, ApiError>,
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
/// straight from its struct; with parts, as the body's members with each part added under its
/// name (a part named like a member of the body takes that member's place, and a later part of
/// the same name an earlier one's, as inserting into a JSON object would).
pub struct WithAppends<T> {
    body: T,
    parts: Vec<(String, Part)>,
}

impl<T: serde::Serialize> serde::Serialize for WithAppends<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::Error;
        if self.parts.is_empty() {
            return self.body.serialize(serializer);
        }
        let json = serde_json::to_string(&self.body).map_err(S::Error::custom)?;
        let body =
            members(&json).ok_or_else(|| S::Error::custom("a body with parts is not an object"))?;
        let mut out = Members(body.iter().map(|(k, v)| (k.as_str(), *v)).collect());
        for (name, part) in &self.parts {
            match out.0.iter_mut().find(|(k, _)| k == name) {
                Some(member) => member.1 = part,
                None => out.0.push((name, part)),
            }
        }
        out.serialize(serializer)
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

    /// What appending meant when it went through `serde_json::Value`: the part without its
    /// top-level `id`, inserted into the body's object. The raw path must write the same text.
    fn through_values(body: &serde_json::Value, parts: &[(&str, serde_json::Value)]) -> String {
        let mut body = body.clone();
        for (name, part) in parts {
            let mut part = part.clone();
            if let Some(m) = part.as_object_mut() {
                m.shift_remove("id");
            }
            body.as_object_mut().unwrap().insert(name.to_string(), part);
        }
        serde_json::to_string(&body).unwrap()
    }

    #[test]
    fn appended_parts_are_written_as_values_would_write_them() {
        use serde_json::json;
        let body = json!({"id": 7, "name": "A \"quoted\" name", "credits": null, "n": 1.5,
                          "nested": {"id": 3, "list": [{"id": 1}, []]}});
        let credits = json!({"id": 7, "cast": [{"id": 9, "name": "Zoë\u{0}"}], "crew": []});
        let images = json!({"backdrops": [], "id": 7, "posters": [{"id": null}]});
        let list = json!([{"id": 1}, 2]);
        let cases: Vec<Vec<(&str, serde_json::Value)>> = vec![
            vec![("images", images.clone())],
            // A part named like a member of the body takes its place.
            vec![("credits", credits.clone()), ("images", images.clone())],
            // The same name twice: the later part, in the earlier one's place.
            vec![
                ("images", images.clone()),
                ("credits", credits.clone()),
                ("images", list),
            ],
            vec![("empty", json!({})), ("only_id", json!({"id": 1}))],
        ];
        for parts in cases {
            let raw = WithAppends {
                body: body.clone(),
                parts: parts
                    .iter()
                    .map(|(n, v)| (n.to_string(), appended(v).unwrap()))
                    .collect(),
            };
            assert_eq!(
                serde_json::to_string(&raw).unwrap(),
                through_values(&body, &parts)
            );
        }
        // Without parts the body is written as it is, `id` and all.
        let alone = WithAppends {
            body: body.clone(),
            parts: Vec::new(),
        };
        assert_eq!(
            serde_json::to_string(&alone).unwrap(),
            serde_json::to_string(&body).unwrap()
        );
        // A part that is not an object is kept whole.
        assert_eq!(
            appended(&json!([{"id": 1}])).unwrap().get(),
            r#"[{"id":1}]"#
        );
    }

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
