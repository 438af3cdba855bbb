//! TV series: the series-level facts seasons and episodes show (networks).

use crate::Result;
use crate::db::Db;
use reeldb_wire::tv::Network;

impl Db {
    /// The networks of a series, in stored order (one statement).
    pub fn series_networks(&mut self, series_id: i64) -> Result<Vec<Network>> {
        let rows: Vec<(i64, Option<String>, Option<String>, Option<String>)> = self.query(
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
