//! Request parameters as TMDB defines them, parsed and validated before any storage access.

use crate::Status;

/// A `language` parameter: ISO-639-1, optionally with an ISO-3166-1 region (`en-US`, `ko`, `pt-BR`).
///
/// Parsing is liberal in case and separator (`EN_us` is `en-US`) and strict in shape.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Language {
    pub iso_639_1: String,
    pub iso_3166_1: Option<String>,
}

impl Default for Language {
    /// TMDB's default, `en-US`.
    fn default() -> Self {
        Language {
            iso_639_1: "en".into(),
            iso_3166_1: Some("US".into()),
        }
    }
}

fn two_letters(s: &str) -> bool {
    s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic())
}

impl Language {
    /// Parses a `language` value; `None` or empty means TMDB's default `en-US`.
    pub fn parse_param(raw: Option<&str>) -> Result<Language, Status> {
        match raw.map(str::trim) {
            None | Some("") => Ok(Language::default()),
            Some(s) => s.parse(),
        }
    }
}

impl std::str::FromStr for Language {
    type Err = Status;

    fn from_str(s: &str) -> Result<Self, Status> {
        let mut parts = s.split(['-', '_']);
        let lang = parts.next().unwrap_or_default();
        let region = parts.next();
        if parts.next().is_some() || !two_letters(lang) {
            return Err(Status::InvalidParameters);
        }
        let region = match region {
            Some(r) if two_letters(r) => Some(r.to_ascii_uppercase()),
            Some(_) => return Err(Status::InvalidParameters),
            None => None,
        };
        Ok(Language {
            iso_639_1: lang.to_ascii_lowercase(),
            iso_3166_1: region,
        })
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.iso_3166_1 {
            Some(r) => write!(f, "{}-{}", self.iso_639_1, r),
            None => f.write_str(&self.iso_639_1),
        }
    }
}

/// A `page` parameter: an integer in `1..=500` (TMDB code 22 otherwise).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page(u32);

impl Page {
    pub const MAX: u32 = 500;

    /// Parses a `page` value; absent or empty means page 1.
    pub fn parse_param(raw: Option<&str>) -> Result<Page, Status> {
        match raw.map(str::trim) {
            None | Some("") => Ok(Page(1)),
            Some(s) => match s.parse::<u32>() {
                Ok(n) if (1..=Self::MAX).contains(&n) => Ok(Page(n)),
                _ => Err(Status::InvalidPage),
            },
        }
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

/// At most this many `append_to_response` items (TMDB code 27 beyond).
pub const MAX_APPENDS: usize = 20;

/// The `append_to_response` list, names kept exactly as the client wrote them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AppendToResponse(Vec<String>);

impl AppendToResponse {
    pub fn parse_param(raw: Option<&str>) -> Result<AppendToResponse, Status> {
        let mut names: Vec<String> = Vec::new();
        for name in raw.unwrap_or_default().split(',').map(str::trim) {
            if !name.is_empty() && !names.iter().any(|n| n == name) {
                names.push(name.to_owned());
            }
        }
        if names.len() > MAX_APPENDS {
            return Err(Status::TooManyAppends);
        }
        Ok(AppendToResponse(names))
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }
}

/// `include_image_language` / `include_video_language`: ISO-639-1 codes, `null` meaning "no language".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IncludeLanguages(pub Vec<Option<String>>);

impl IncludeLanguages {
    pub fn parse_param(raw: Option<&str>) -> Result<IncludeLanguages, Status> {
        let mut out = Vec::new();
        for item in raw.unwrap_or_default().split(',').map(str::trim) {
            if item.is_empty() {
                continue;
            }
            if item.eq_ignore_ascii_case("null") {
                out.push(None);
            } else {
                // Only the language part matters for image and video tags.
                let lang: Language = item.parse()?;
                out.push(Some(lang.iso_639_1));
            }
        }
        Ok(IncludeLanguages(out))
    }
}

/// A `YYYY-MM-DD` date parameter (TMDB code 23 otherwise).
pub fn parse_date(raw: &str) -> Result<time::Date, Status> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(raw.trim(), &fmt).map_err(|_| Status::InvalidDate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_parses_tmdb_forms() {
        let l = Language::parse_param(Some("pt-BR")).unwrap();
        assert_eq!(
            (l.iso_639_1.as_str(), l.iso_3166_1.as_deref()),
            ("pt", Some("BR"))
        );
        assert_eq!(Language::parse_param(Some("ko")).unwrap().to_string(), "ko");
        assert_eq!(
            Language::parse_param(Some("EN_us")).unwrap().to_string(),
            "en-US"
        );
        assert_eq!(Language::parse_param(None).unwrap().to_string(), "en-US");
        for bad in ["english", "e", "en-USA", "en-US-x", "1a", "en-1"] {
            assert_eq!(
                Language::parse_param(Some(bad)),
                Err(Status::InvalidParameters),
                "{bad}"
            );
        }
    }

    #[test]
    fn page_bounds() {
        assert_eq!(Page::parse_param(None).unwrap().get(), 1);
        assert_eq!(Page::parse_param(Some("500")).unwrap().get(), 500);
        for bad in ["0", "501", "-1", "1.5", "x", "99999999999"] {
            assert_eq!(
                Page::parse_param(Some(bad)),
                Err(Status::InvalidPage),
                "{bad}"
            );
        }
    }

    #[test]
    fn appends_keep_names_and_cap_at_twenty() {
        let a = AppendToResponse::parse_param(Some("credits, images,,watch/providers")).unwrap();
        assert_eq!(
            a.names().collect::<Vec<_>>(),
            ["credits", "images", "watch/providers"]
        );
        let many = (0..21)
            .map(|i| format!("x{i}"))
            .collect::<Vec<_>>()
            .join(",");
        assert_eq!(
            AppendToResponse::parse_param(Some(&many)),
            Err(Status::TooManyAppends)
        );
        let twenty = (0..20)
            .map(|i| format!("x{i}"))
            .collect::<Vec<_>>()
            .join(",");
        assert!(AppendToResponse::parse_param(Some(&twenty)).is_ok());
    }

    #[test]
    fn include_languages_accept_null() {
        let l = IncludeLanguages::parse_param(Some("en,null,pt-BR")).unwrap();
        assert_eq!(l.0, vec![Some("en".into()), None, Some("pt".into())]);
    }

    #[test]
    fn dates() {
        assert!(parse_date("2024-02-29").is_ok());
        assert_eq!(parse_date("2023-02-29"), Err(Status::InvalidDate));
        assert_eq!(parse_date("yesterday"), Err(Status::InvalidDate));
    }
}
