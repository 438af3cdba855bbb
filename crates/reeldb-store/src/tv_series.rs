//! TV series: the series-level facts seasons and episodes show (networks).

use crate::Owner;
use crate::Result;
use crate::db::Db;
use crate::write::Writer;
use reeldb_wire::tv::Network;
use serde_json::json;

/// `(id, logo_path, name, origin_country)` of a network.
type NetworkRow = (i64, Option<String>, Option<String>, Option<String>);

impl Db {
    /// The networks of a series, in stored order (one statement).
    pub fn series_networks(&mut self, series_id: i64) -> Result<Vec<Network>> {
        let rows: Vec<NetworkRow> = self.query(
            "SELECT n.id, n.logo_path, n.name, n.origin_country FROM tv_series_network sn JOIN network n ON n.id = sn.network_id
             WHERE sn.series_id = $1 ORDER BY sn.position",
            &[&series_id],
        )?;
        Ok(rows
            .into_iter()
            .map(|(id, logo_path, name, origin_country)| Network {
                id,
                logo_path,
                name,
                origin_country,
            })
            .collect())
    }
}

impl Writer<'_> {
    /// Makes sure a series row exists (a season or episode names its series by id).
    pub fn ensure_series(&mut self, series_id: i64) -> Result<()> {
        let res = self.db.execute(
            "INSERT INTO tv_series (id) VALUES ($1) ON CONFLICT (id) DO NOTHING",
            &[&series_id],
        )?;
        if res > 0 {
            self.record(
                Owner::series(series_id),
                "id",
                "created",
                None,
                None,
                Some(json!(series_id)),
                None,
            )?;
        }
        Ok(())
    }

    /// Replaces the networks of a series, in order.
    pub fn set_series_networks(
        &mut self,
        series_id: i64,
        networks: &[reeldb_wire::tv::Network],
    ) -> Result<()> {
        self.ensure_series(series_id)?;
        self.db.execute(
            "DELETE FROM tv_series_network WHERE series_id = $1",
            &[&series_id],
        )?;
        for (pos, n) in networks.iter().enumerate() {
            self.db.execute(
                "INSERT INTO network (id, name, logo_path, origin_country) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name, logo_path = excluded.logo_path, origin_country = excluded.origin_country",
                &[&n.id, &n.name, &n.logo_path, &n.origin_country],
            )?;
            self.db.execute(
                "INSERT INTO tv_series_network (series_id, network_id, position) VALUES ($1, $2, $3) ON CONFLICT (series_id, network_id) DO NOTHING",
                &[&series_id, &n.id, &(pos as i64)],
            )?;
        }
        Ok(())
    }
}
