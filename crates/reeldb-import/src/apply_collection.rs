//! Applies collection, company and keyword responses (see [`crate::apply`] for the rest).

use crate::ImportError;
use crate::apply::{parse, replace_images, with_id};
use crate::apply_network::same_id;
use crate::dropped::appended;
use crate::request::{Request, Resource};
use reeldb_store::{Owner, OwnerKind, Writer};
use reeldb_wire::collection::{CollectionDetails, CollectionImages, CollectionTranslationData};
use reeldb_wire::common::Translations;
use reeldb_wire::company::CompanyDetails;
use reeldb_wire::keyword::{KeywordDetails, KeywordMovies};
use reeldb_wire::network::{AlternativeNames, NetworkImages};
use serde_json::Value;

/// A collection, company or keyword resource: `/3/{collection,company,keyword}/{id}[/sub]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectAt {
    Collection(i64, CollectionSub),
    Company(i64, CompanySub),
    Keyword(i64, KeywordSub),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CollectionSub {
    Details,
    Images,
    Translations,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompanySub {
    Details,
    AlternativeNames,
    Images,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeywordSub {
    Details,
    /// One page of the keyword's movies.
    Movies,
}

impl CollectionSub {
    fn from_name(name: &str) -> Option<CollectionSub> {
        match name {
            "images" => Some(CollectionSub::Images),
            "translations" => Some(CollectionSub::Translations),
            _ => None,
        }
    }
}

impl CompanySub {
    fn from_name(name: &str) -> Option<CompanySub> {
        match name {
            "alternative_names" => Some(CompanySub::AlternativeNames),
            "images" => Some(CompanySub::Images),
            _ => None,
        }
    }
}

/// The resource a path's segments (after `/3/`) name, when it is one of these objects';
/// `None` for other paths and non-numeric ids.
pub(crate) fn resource(segs: &[&str]) -> Option<Resource> {
    let (kind, id, sub) = match segs {
        [kind, id] => (*kind, *id, None),
        [kind, id, sub] => (*kind, *id, Some(*sub)),
        _ => return None,
    };
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let id: i64 = id.parse().ok()?;
    let at = match (kind, sub) {
        ("collection", None) => ObjectAt::Collection(id, CollectionSub::Details),
        ("collection", Some(s)) => ObjectAt::Collection(id, CollectionSub::from_name(s)?),
        ("company", None) => ObjectAt::Company(id, CompanySub::Details),
        ("company", Some(s)) => ObjectAt::Company(id, CompanySub::from_name(s)?),
        ("keyword", None) => ObjectAt::Keyword(id, KeywordSub::Details),
        ("keyword", Some("movies")) => ObjectAt::Keyword(id, KeywordSub::Movies),
        _ => return None,
    };
    Some(Resource::Object(at))
}

/// Applies one of these objects' responses, and a details response's appended parts.
pub(crate) fn apply(
    w: &mut Writer,
    req: &Request,
    at: ObjectAt,
    body: &Value,
) -> Result<(), ImportError> {
    match at {
        ObjectAt::Collection(id, sub) => {
            collection(w, req, id, sub, body)?;
            if sub == CollectionSub::Details {
                each_appended(req, body, CollectionSub::from_name, |sub, part| {
                    collection(w, req, id, sub, part)
                })?;
            }
        }
        ObjectAt::Company(id, sub) => {
            company(w, id, sub, body)?;
            if sub == CompanySub::Details {
                each_appended(req, body, CompanySub::from_name, |sub, part| {
                    company(w, id, sub, part)
                })?;
            }
        }
        ObjectAt::Keyword(id, KeywordSub::Details) => {
            let k: KeywordDetails = parse(body, "keyword details")?;
            same_id("keyword details", k.id, id)?;
            w.set_keyword_details(&k)?;
        }
        ObjectAt::Keyword(id, KeywordSub::Movies) => {
            // The entries' list fields in the request's language; each movie carries the
            // keyword. Ranks and totals are TMDB's: reeldb computes the list.
            let list: KeywordMovies = parse(body, "keyword movies")?;
            same_id("keyword movies", list.id, id)?;
            let tag = req.language.to_string();
            for m in &list.results {
                w.set_movie_summary(m, &tag)?;
            }
            let ids: Vec<i64> = list.results.iter().map(|m| m.id).collect();
            w.add_keyword_to_movies(id, &ids)?;
        }
    }
    Ok(())
}

/// Applies, with `apply`, each part appended to a details response whose name `from_name`
/// knows.
fn each_appended<S>(
    req: &Request,
    body: &Value,
    from_name: fn(&str) -> Option<S>,
    mut apply: impl FnMut(S, &Value) -> Result<(), ImportError>,
) -> Result<(), ImportError> {
    for name in req.append.names() {
        if let (Some(sub), Some(part)) = (from_name(name), body.get(name)) {
            appended(name, || apply(sub, part))?;
        }
    }
    Ok(())
}

/// One collection body: details, images or translations (an appended part has no `id`).
fn collection(
    w: &mut Writer,
    req: &Request,
    id: i64,
    sub: CollectionSub,
    body: &Value,
) -> Result<(), ImportError> {
    let owner = Owner::new(OwnerKind::Collection, id);
    match sub {
        CollectionSub::Details => {
            let d: CollectionDetails = parse(body, "collection details")?;
            same_id("collection details", d.id, id)?;
            w.set_collection_details(&d, &req.language.to_string())?;
        }
        CollectionSub::Images => {
            let i: CollectionImages = parse(&with_id(body, id), "collection images")?;
            same_id("collection images", i.id, id)?;
            w.ensure_collection(id)?;
            let list = |k: &str| body.get(k);
            replace_images(w, owner, "backdrop", list("backdrops"), &i.backdrops, req)?;
            replace_images(w, owner, "poster", list("posters"), &i.posters, req)?;
        }
        CollectionSub::Translations => {
            let t: Translations<CollectionTranslationData> =
                parse(&with_id(body, id), "collection translations")?;
            same_id("collection translations", t.id, id)?;
            w.ensure_collection(id)?;
            let list: Vec<_> = t
                .translations
                .into_iter()
                .map(|t| (t.iso_639_1, t.iso_3166_1, t.data))
                .collect();
            w.replace_collection_translations(id, &list)?;
        }
    }
    Ok(())
}

/// One company body: details, alternative names or logos (an appended part has no `id`).
fn company(w: &mut Writer, id: i64, sub: CompanySub, body: &Value) -> Result<(), ImportError> {
    let owner = Owner::new(OwnerKind::Company, id);
    match sub {
        CompanySub::Details => {
            let c: CompanyDetails = parse(body, "company details")?;
            same_id("company details", c.id, id)?;
            w.set_company_details(&c)?;
        }
        CompanySub::AlternativeNames => {
            let a: AlternativeNames = parse(&with_id(body, id), "company alternative names")?;
            same_id("company alternative names", a.id, id)?;
            w.ensure_company(id)?;
            w.replace_alternative_names(owner, &a.results)?;
        }
        CompanySub::Images => {
            let i: NetworkImages = parse(&with_id(body, id), "company images")?;
            same_id("company images", i.id, id)?;
            w.ensure_company(id)?;
            w.replace_logos(owner, &i.logos)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ImportError;

    fn at(path: &str) -> Result<Resource, ImportError> {
        Request::parse(path).map(|r| r.resource)
    }

    #[test]
    fn parses_collection_company_and_keyword_paths() {
        let cases = [
            (
                "/3/collection/10?language=fr-FR",
                ObjectAt::Collection(10, CollectionSub::Details),
            ),
            (
                "/3/collection/10/images?include_image_language=en,null",
                ObjectAt::Collection(10, CollectionSub::Images),
            ),
            (
                "/3/collection/10/translations",
                ObjectAt::Collection(10, CollectionSub::Translations),
            ),
            ("/3/company/1", ObjectAt::Company(1, CompanySub::Details)),
            (
                "/3/company/1/alternative_names",
                ObjectAt::Company(1, CompanySub::AlternativeNames),
            ),
            (
                "/3/company/1/images",
                ObjectAt::Company(1, CompanySub::Images),
            ),
            (
                "/3/keyword/1701",
                ObjectAt::Keyword(1701, KeywordSub::Details),
            ),
            (
                "/3/keyword/1701/movies?page=2&language=de",
                ObjectAt::Keyword(1701, KeywordSub::Movies),
            ),
        ];
        for (path, want) in cases {
            assert_eq!(at(path).unwrap(), Resource::Object(want), "{path}");
        }
        for path in [
            "/3/collection/star-wars",
            "/3/collection/10/parts",
            "/3/company/1/movies",
            "/3/keyword/1701/tv",
            "/3/keyword",
        ] {
            assert!(
                matches!(at(path), Err(ImportError::Unsupported(_))),
                "{path}"
            );
        }
    }
}
