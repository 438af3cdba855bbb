//! Networks: details (`/3/network/{id}`); their logos live in [`crate::image`] (kind `logo`),
//! their alternative names in [`crate::alternative_name`]. Season and series responses name
//! networks too ([`crate::tv_series`]), which creates their rows with the fields they carry.

use crate::db::Db;
use crate::write::Writer;
use crate::{Owner, OwnerKind, Result};
use reeldb_wire::network::NetworkDetails;
use serde_json::json;

/// `(headquarters, homepage, id, logo_path, name, origin_country)`.
type DetailsRow = (
    Option<String>,
    Option<String>,
    i64,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn owner(id: i64) -> Owner {
    Owner::new(OwnerKind::Network, id)
}

impl Db {
    /// A network's details, `None` when the catalog does not know it (one statement).
    pub fn network_details(&mut self, id: i64) -> Result<Option<NetworkDetails>> {
        let row: Option<DetailsRow> = self.query_opt(
            "SELECT headquarters, homepage, id, logo_path, name, origin_country FROM network WHERE id = $1",
            &[&id],
        )?;
        Ok(row.map(
            |(headquarters, homepage, id, logo_path, name, origin_country)| NetworkDetails {
                headquarters,
                homepage,
                id,
                logo_path,
                name,
                origin_country,
            },
        ))
    }

    /// Whether the catalog knows the network `id` (one statement).
    pub fn network_exists(&mut self, id: i64) -> Result<bool> {
        let n: i64 = self.scalar("SELECT COUNT(*) FROM network WHERE id = $1", &[&id])?;
        Ok(n > 0)
    }
}

impl Writer<'_> {
    /// Applies a network's details, logging each field that changed (a new network logs its
    /// `id` as created first).
    pub fn set_network_details(&mut self, n: &NetworkDetails) -> Result<()> {
        let old: Option<DetailsRow> = self.db.query_opt(
            "SELECT headquarters, homepage, id, logo_path, name, origin_country FROM network WHERE id = $1",
            &[&n.id],
        )?;
        self.db.execute(
            "INSERT INTO network (id, name, logo_path, origin_country, headquarters, homepage) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, logo_path = excluded.logo_path,
               origin_country = excluded.origin_country, headquarters = excluded.headquarters, homepage = excluded.homepage",
            &[&n.id, &n.name, &n.logo_path, &n.origin_country, &n.headquarters, &n.homepage],
        )?;
        let o = owner(n.id);
        let (headquarters, homepage, _, logo_path, name, origin_country) = match old {
            Some(row) => row,
            None => {
                self.record(o, "id", "created", None, None, Some(json!(n.id)), None)?;
                (None, None, n.id, None, None, None)
            }
        };
        self.diff_field(o, "headquarters", &headquarters, &n.headquarters)?;
        self.diff_field(o, "homepage", &homepage, &n.homepage)?;
        self.diff_field(o, "logo_path", &logo_path, &n.logo_path)?;
        self.diff_field(o, "name", &name, &n.name)?;
        self.diff_field(o, "origin_country", &origin_country, &n.origin_country)?;
        Ok(())
    }

    /// Makes sure a network row exists (a sub-resource import names the network by id only).
    pub fn ensure_network(&mut self, id: i64) -> Result<()> {
        self.ensure_object("network", owner(id))
    }
}
