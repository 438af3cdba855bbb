//! Where to watch an owner, per country (JustWatch data as TMDB serves it).

use crate::db::Db;
use crate::{Owner, Result};
use reeldb_wire::common::{CountryOffers, ProviderOffer, WatchProviders};
use std::collections::BTreeMap;

/// `(country, kind, provider_id, display_priority, provider_name, logo_path)` of one offer.
type OfferRow = (
    String,
    String,
    i64,
    Option<i64>,
    Option<String>,
    Option<String>,
);

impl Db {
    /// `/watch/providers` of an owner (two statements).
    pub fn watch_providers(&mut self, owner: Owner) -> Result<WatchProviders> {
        let links: Vec<(String, Option<String>)> = self.query(
            "SELECT country, link FROM watch_link WHERE owner_type = $1 AND owner_id = $2",
            &[&owner.kind.as_str(), &owner.id],
        )?;
        let mut results: BTreeMap<String, CountryOffers> = links
            .into_iter()
            .map(|(c, link)| {
                (
                    c,
                    CountryOffers {
                        link,
                        ..Default::default()
                    },
                )
            })
            .collect();
        let offers: Vec<OfferRow> = self.query(
            "SELECT o.country, o.kind, o.provider_id, o.display_priority, p.provider_name, p.logo_path
             FROM watch_offer o LEFT JOIN watch_provider p ON p.provider_id = o.provider_id
             WHERE o.owner_type = $1 AND o.owner_id = $2 ORDER BY o.country, o.kind, o.position",
            &[&owner.kind.as_str(), &owner.id],
        )?;
        for (country, kind, provider_id, display_priority, provider_name, logo_path) in offers {
            let entry = results.entry(country).or_default();
            if let Some(list) = entry.kind_mut(&kind) {
                list.get_or_insert_with(Vec::new).push(ProviderOffer {
                    logo_path,
                    provider_id,
                    provider_name,
                    display_priority,
                });
            }
        }
        Ok(WatchProviders {
            id: owner.id,
            results,
        })
    }
}
