//! Applies network, review and series-review responses (see [`crate::apply`] for the rest).

use crate::ImportError;
use crate::apply::{parse, with_id};
use crate::request::Request;
use reeldb_store::review::ReviewFields;
use reeldb_store::{Owner, OwnerKind, Writer};
use reeldb_wire::network::{AlternativeNames, NetworkDetails, NetworkImages};
use reeldb_wire::review::{ReviewDetails, Reviews};
use serde_json::Value;

/// Sub-resources of a network (kept here, beside their import, to keep `request.rs` short).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkSub {
    Details,
    AlternativeNames,
    Images,
}

/// Refuses a response whose `id` names another object than the request's path.
pub(crate) fn same_id<T: PartialEq + std::fmt::Debug>(
    what: &str,
    got: T,
    path: T,
) -> Result<(), ImportError> {
    if got == path {
        return Ok(());
    }
    Err(ImportError::BadResponse(
        what.to_owned(),
        format!("id {got:?} but the request names {path:?}"),
    ))
}

/// `/3/network/{id}`, `/alternative_names`, `/images`.
pub(crate) fn network(
    w: &mut Writer,
    id: i64,
    sub: NetworkSub,
    body: &Value,
) -> Result<(), ImportError> {
    let owner = Owner::new(OwnerKind::Network, id);
    match sub {
        NetworkSub::Details => {
            let n: NetworkDetails = parse(body, "network details")?;
            same_id("network details", n.id, id)?;
            w.set_network_details(&n)?;
        }
        NetworkSub::AlternativeNames => {
            let a: AlternativeNames = parse(&with_id(body, id), "network alternative names")?;
            same_id("network alternative names", a.id, id)?;
            w.ensure_network(id)?;
            w.replace_alternative_names(owner, &a.results)?;
        }
        NetworkSub::Images => {
            let i: NetworkImages = parse(&with_id(body, id), "network images")?;
            same_id("network images", i.id, id)?;
            w.ensure_network(id)?;
            w.replace_logos(owner, &i.logos)?;
        }
    }
    Ok(())
}

/// `/3/review/{id}`: the review, on the series it names (whose title it records when the
/// catalog has none). Reviews of other media are not imported yet.
pub(crate) fn review(
    w: &mut Writer,
    req: &Request,
    id: &str,
    body: &Value,
) -> Result<(), ImportError> {
    let r: ReviewDetails = parse(body, "review details")?;
    same_id("review details", r.id.as_str(), id)?;
    let owner = if r.media_type == OwnerKind::Series.as_str() {
        w.note_series_title(r.media_id, r.media_title.as_deref())?;
        Owner::series(r.media_id)
    } else if r.media_type == OwnerKind::Movie.as_str() {
        w.note_movie_title(r.media_id, r.media_title.as_deref())?;
        Owner::movie(r.media_id)
    } else {
        return Err(ImportError::Unsupported(format!(
            "{:?} (a review of a {:?})",
            req.resource, r.media_type
        )));
    };
    w.upsert_review(owner, &ReviewFields::from_details(&r))?;
    Ok(())
}

/// `/3/tv/{series_id}/reviews`: one page of the series' reviews in the request's language (list
/// entries carry none). A response that is the whole list (page 1 of at most 1) also removes
/// the series' reviews in that language it no longer names.
pub(crate) fn series_reviews(
    w: &mut Writer,
    req: &Request,
    series_id: i64,
    body: &Value,
) -> Result<(), ImportError> {
    let r: Reviews = parse(body, "series reviews")?;
    same_id("series reviews", r.id, series_id)?;
    w.ensure_series(series_id)?;
    let owner = Owner::series(series_id);
    let lang = &req.language.iso_639_1;
    for item in &r.results {
        w.upsert_review(owner, &ReviewFields::from_summary(item, Some(lang.clone())))?;
    }
    if r.page == 1 && r.total_pages <= 1 {
        let keep: Vec<&str> = r.results.iter().map(|i| i.id.as_str()).collect();
        w.remove_reviews_except(owner, lang, &keep)?;
    }
    Ok(())
}
