//! Applies series-level responses: details (with appended parts), credits, aggregate credits
//! (stored as the facts they state, as a season's are), external ids, images, translations,
//! videos, watch providers and changes.

use crate::ImportError;
use crate::apply::{aggregate_facts, external_ids, parse, regular_facts, videos, with_id};
use crate::request::{Request, SeriesSub};
use reeldb_store::{Owner, Writer};
use reeldb_wire::common::{Changes, Translations, WatchProviders};
use reeldb_wire::tv::{AggregateCredits, SeasonCredits};
use reeldb_wire::tv_series::{SeriesDetails, SeriesImages, SeriesTranslationData};
use serde_json::Value;

/// Applies one series-level body. `top` is true for the response itself (then a details
/// response's appended parts are applied too); appended parts carry no `id` of their own.
pub(crate) fn series_part(
    w: &mut Writer,
    req: &Request,
    id: i64,
    sub: SeriesSub,
    body: &Value,
    top: bool,
) -> Result<(), ImportError> {
    // A response naming another series than the path is refused, never re-keyed.
    if let Some(other) = body.get("id").and_then(Value::as_i64)
        && other != id
        && sub != SeriesSub::Changes
    {
        return Err(ImportError::BadResponse(
            "series response".into(),
            format!("id {other} but the request names series {id}"),
        ));
    }
    let owner = Owner::series(id);
    if sub != SeriesSub::Details {
        w.ensure_series(id)?;
    }
    match sub {
        SeriesSub::Details => {
            let d: SeriesDetails = parse(&with_id(body, id), "series details")?;
            w.set_series_details(&d, &req.language.to_string())?;
            if top {
                for name in req.append.names() {
                    let Some(part) = body.get(name) else { continue };
                    appended_part(w, req, id, name, part)?;
                }
            }
        }
        SeriesSub::Credits => {
            let c: SeasonCredits = parse(&with_id(body, id), "series credits")?;
            let (cast, crew) = regular_facts(w, &c)?;
            w.set_regulars(owner, &cast, &crew)?;
        }
        SeriesSub::AggregateCredits => {
            let a: AggregateCredits = parse(&with_id(body, id), "series aggregate credits")?;
            let (cast, crew) = aggregate_facts(w, &a)?;
            w.set_aggregate(owner, &cast, &crew)?;
        }
        SeriesSub::ExternalIds => external_ids(w, owner, body)?,
        SeriesSub::Images => {
            let i: SeriesImages = parse(&with_id(body, id), "series images")?;
            let complete = !req.filtered_media;
            w.replace_images(owner, "backdrop", &i.backdrops, complete)?;
            w.replace_images(owner, "logo", &i.logos, complete)?;
            w.replace_images(owner, "poster", &i.posters, complete)?;
        }
        SeriesSub::Translations => {
            let t: Translations<SeriesTranslationData> =
                parse(&with_id(body, id), "series translations")?;
            let list: Vec<_> = t
                .translations
                .into_iter()
                .map(|t| (t.iso_639_1, t.iso_3166_1, t.data))
                .collect();
            w.replace_series_translations(id, &list)?;
        }
        SeriesSub::Videos => videos(w, owner, req, body)?,
        SeriesSub::WatchProviders => {
            let wp: WatchProviders = parse(&with_id(body, id), "watch providers")?;
            w.replace_watch_providers(owner, &wp)?;
        }
        SeriesSub::Changes => {
            let changes: Changes = parse(body, "changes")?;
            w.import_changes(owner, &changes.changes)?;
        }
    }
    Ok(())
}

/// One part appended to series details, by its `append_to_response` name: a series
/// sub-resource, an extra (alternative titles, ...), reviews, or a related list. Names that are
/// not parts are left alone (the dropped-field report names them).
fn appended_part(
    w: &mut Writer,
    req: &Request,
    id: i64,
    name: &str,
    part: &Value,
) -> Result<(), ImportError> {
    use crate::request::{SeriesExtraSub, TvRelatedName};
    if let Some(sub) = SeriesSub::from_name(name) {
        series_part(w, req, id, sub, part, false)
    } else if let Some(sub) = SeriesExtraSub::from_name(name) {
        crate::apply::series_extra_part(w, id, sub, part)
    } else if name == "reviews" {
        crate::apply_network::series_reviews(w, req, id, &with_id(part, id))
    } else if let Some(list) = TvRelatedName::from_name(name) {
        crate::apply::related_part(w, req, id, list, part)
    } else {
        Ok(())
    }
}
