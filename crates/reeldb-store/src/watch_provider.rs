//! Where to watch an owner, per country (JustWatch data as TMDB serves it).

use crate::db::Db;
use crate::write::Writer;
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

impl Writer<'_> {
    /// Replaces where `owner` can be watched, per country.
    pub fn replace_watch_providers(&mut self, owner: Owner, wp: &WatchProviders) -> Result<()> {
        for table in ["watch_link", "watch_offer"] {
            self.db.execute(
                &format!("DELETE FROM {table} WHERE owner_type = $1 AND owner_id = $2"),
                &[&owner.kind.as_str(), &owner.id],
            )?;
        }
        for (country, offers) in &wp.results {
            self.insert_country_offers(owner, country, offers)?;
        }
        Ok(())
    }

    pub(crate) fn insert_country_offers(
        &mut self,
        owner: Owner,
        country: &str,
        offers: &CountryOffers,
    ) -> Result<()> {
        self.db.execute(
            "INSERT INTO watch_link (owner_type, owner_id, country, link) VALUES ($1, $2, $3, $4)",
            &[&owner.kind.as_str(), &owner.id, &country, &offers.link],
        )?;
        for kind in CountryOffers::KINDS {
            for (pos, o) in offers.kind(kind).into_iter().flatten().enumerate() {
                self.db.execute(
                    "INSERT INTO watch_provider (provider_id, provider_name, logo_path) VALUES ($1, $2, $3)
                     ON CONFLICT (provider_id) DO UPDATE SET provider_name = excluded.provider_name, logo_path = excluded.logo_path",
                    &[&o.provider_id, &o.provider_name, &o.logo_path],
                )?;
                self.db.execute(
                    "INSERT INTO watch_offer (owner_type, owner_id, country, kind, provider_id, display_priority, position)
                     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (owner_type, owner_id, country, kind, provider_id) DO NOTHING",
                    &[
                        &owner.kind.as_str(),
                        &owner.id,
                        &country,
                        &kind,
                        &o.provider_id,
                        &o.display_priority,
                        &(pos as i64),
                    ],
                )?;
            }
        }
        Ok(())
    }
}
