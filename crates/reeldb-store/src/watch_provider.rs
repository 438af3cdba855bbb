//! Where to watch an owner, per country (JustWatch data as TMDB serves it), and the
//! catalog-wide provider lists: `/3/watch/providers/{movie,tv}` (each provider with its
//! priority per region) and `/3/watch/providers/regions`.
//!
//! A provider list is computed from the provider rows: `watch_provider` (name, logo, overall
//! priority), `watch_provider_region` (priority per region, in TMDB's order) and
//! `watch_provider_kind` (the kinds it is listed for). An imported provider list states all
//! three; an offer on a title adds its provider to the title's kind, and to the offer's region
//! with the offer's priority unless the provider has one there already. A provider once
//! listed or offered stays listed (TMDB lists providers without current titles too).

use crate::country::WATCH_REGIONS;
use crate::db::Db;
use crate::write::Writer;
use crate::{Owner, OwnerKind, Result, TitleKind};
use reeldb_wire::catalog::Listed;
use reeldb_wire::common::{CountryOffers, ProviderOffer, WatchProviders};
use reeldb_wire::configuration::{CountryEntry, ProviderEntry, ProviderList, WatchRegions};
use std::collections::BTreeMap;

/// `(provider_id, provider_name, logo_path, display_priority, country, regional priority)`.
type ProviderRow = (
    i64,
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<String>,
    Option<i64>,
);

/// The provider-list kind of an owner's offers (`None`: listed under no kind).
fn list_kind(owner: Owner) -> Option<&'static str> {
    match owner.kind {
        OwnerKind::Movie => Some("movie"),
        OwnerKind::Series | OwnerKind::Season | OwnerKind::Episode => Some("tv"),
        _ => None,
    }
}

impl Db {
    /// `GET /3/watch/providers/{movie,tv}`: the kind's providers by id, each with its regions'
    /// priorities; with `region`, only the providers serving it (one statement). A provider
    /// without an overall priority gets its best regional one.
    pub fn provider_list(&mut self, kind: TitleKind, region: Option<&str>) -> Result<ProviderList> {
        let sql = |filter: &str| {
            format!(
                "SELECT p.provider_id, p.provider_name, p.logo_path, p.display_priority, r.country, r.display_priority
                 FROM watch_provider_kind k JOIN watch_provider p ON p.provider_id = k.provider_id
                 LEFT JOIN watch_provider_region r ON r.provider_id = p.provider_id
                 WHERE k.kind = $1 {filter}
                 ORDER BY p.provider_id, r.position, r.country"
            )
        };
        let rows: Vec<ProviderRow> = match region {
            None => self.query(&sql(""), &[&kind.as_str()])?,
            Some(region) => self.query(
                &sql("AND EXISTS (SELECT 1 FROM watch_provider_region x
                       WHERE x.provider_id = p.provider_id AND x.country = $2)"),
                &[&kind.as_str(), &region],
            )?,
        };
        let mut results: Vec<ProviderEntry> = Vec::new();
        for (id, name, logo, priority, country, regional) in rows {
            if results.last().is_none_or(|p| p.provider_id != id) {
                results.push(ProviderEntry {
                    display_priorities: Listed::default(),
                    display_priority: priority,
                    logo_path: logo,
                    provider_name: name,
                    provider_id: id,
                });
            }
            if let (Some(entry), Some(country), Some(p)) = (results.last_mut(), country, regional) {
                entry.display_priorities.0.push((country, p));
            }
        }
        for p in &mut results {
            if p.display_priority.is_none() {
                p.display_priority = p.display_priorities.0.iter().map(|(_, v)| *v).min();
            }
        }
        Ok(ProviderList { results })
    }

    /// `GET /3/watch/providers/regions`: the imported regions list and every region a
    /// provider serves, by code, named as the countries list names them (one statement).
    pub fn watch_regions(&mut self, iso_639_1: &str) -> Result<WatchRegions> {
        let facts = self.country_facts(iso_639_1)?;
        let mut codes: Vec<String> = facts.provider_regions.clone();
        codes.extend(facts.lists.get(WATCH_REGIONS).cloned().unwrap_or_default());
        let results: Vec<CountryEntry> = facts.entries(&codes);
        Ok(WatchRegions { results })
    }
}

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
    /// Applies a provider list of `kind`: each provider's name, logo and overall priority, its
    /// regions' priorities (replacing the ones it had), and its place in the kind's list.
    pub fn set_provider_list(&mut self, kind: TitleKind, list: &ProviderList) -> Result<()> {
        for p in &list.results {
            self.db.execute(
                "INSERT INTO watch_provider (provider_id, provider_name, logo_path, display_priority)
                 VALUES ($1, $2, $3, $4)
                 ON CONFLICT (provider_id) DO UPDATE SET provider_name = excluded.provider_name,
                   logo_path = excluded.logo_path, display_priority = excluded.display_priority",
                &[&p.provider_id, &p.provider_name, &p.logo_path, &p.display_priority],
            )?;
            self.db.execute(
                "DELETE FROM watch_provider_region WHERE provider_id = $1",
                &[&p.provider_id],
            )?;
            for (pos, (country, priority)) in p.display_priorities.0.iter().enumerate() {
                self.db.execute(
                    "INSERT INTO watch_provider_region (provider_id, country, display_priority, position)
                     VALUES ($1, $2, $3, $4)",
                    &[&p.provider_id, country, priority, &(pos as i64)],
                )?;
            }
            self.db.execute(
                "INSERT INTO watch_provider_kind (kind, provider_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                &[&kind.as_str(), &p.provider_id],
            )?;
        }
        Ok(())
    }

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
                if let Some(list) = list_kind(owner) {
                    self.db.execute(
                        "INSERT INTO watch_provider_kind (kind, provider_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                        &[&list, &o.provider_id],
                    )?;
                    self.db.execute(
                        "INSERT INTO watch_provider_region (provider_id, country, display_priority, position)
                         VALUES ($1, $2, $3, (SELECT COUNT(*) FROM watch_provider_region WHERE provider_id = $1))
                         ON CONFLICT (provider_id, country) DO NOTHING",
                        &[&o.provider_id, &country, &o.display_priority],
                    )?;
                }
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
