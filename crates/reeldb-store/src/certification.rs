//! Certification systems (`/3/certification/movie/list`, `/3/certification/tv/list`): per kind
//! of title and country, the certifications TMDB lists with their meaning and TMDB's `order`.
//!
//! Stored as rows (kind, country, certification, meaning, order) with the listed positions:
//! TMDB lists countries in its own (unsorted) order and a country's certifications not by their
//! `order`, and reeldb answers in the order imported. A country listed with no certifications
//! is not kept (it has no rows). Changes are logged under owner_type
//! 'certification' (id 1: movies, 2: TV; a system has no TMDB id), key `certifications`, one
//! item per country whose list changed (`iso_3166_1` the country), and key `countries` when
//! only the countries' order moved.

use crate::db::Db;
use crate::write::Writer;
use crate::{Owner, OwnerKind, Result, TitleKind};
use reeldb_wire::catalog::{Certification, CertificationList, Listed};
use serde_json::{Value, json};

/// `(country, certification, meaning, order)` rows in listed order.
type Row = (String, String, Option<String>, Option<i64>);

fn owner(kind: TitleKind) -> Owner {
    let id = match kind {
        TitleKind::Movie => 1,
        TitleKind::Tv => 2,
    };
    Owner::new(OwnerKind::Certification, id)
}

/// Groups listed rows by country, keeping the order.
fn grouped(rows: Vec<Row>) -> Listed<Vec<Certification>> {
    let mut out: Vec<(String, Vec<Certification>)> = Vec::new();
    for (country, certification, meaning, order) in rows {
        let entry = Certification {
            certification,
            meaning,
            order,
        };
        match out.last_mut() {
            Some((c, list)) if *c == country => list.push(entry),
            _ => out.push((country, vec![entry])),
        }
    }
    Listed(out)
}

impl Db {
    /// A kind's certification systems, countries and entries as listed (one statement).
    pub fn certification_list(&mut self, kind: TitleKind) -> Result<CertificationList> {
        let rows: Vec<Row> = self.query(
            "SELECT iso_3166_1, certification, meaning, sort_order FROM certification
             WHERE kind = $1 ORDER BY country_position, position",
            &[&kind.as_str()],
        )?;
        Ok(CertificationList {
            certifications: grouped(rows),
        })
    }
}

impl Writer<'_> {
    /// Makes a kind's certification systems these (the response lists them all).
    pub fn set_certification_list(
        &mut self,
        kind: TitleKind,
        list: &CertificationList,
    ) -> Result<()> {
        let old_rows: Vec<Row> = self.db.query(
            "SELECT iso_3166_1, certification, meaning, sort_order FROM certification
             WHERE kind = $1 ORDER BY country_position, position",
            &[&kind.as_str()],
        )?;
        let old = grouped(old_rows);
        // A country listed without certifications has no rows to keep: it is left out.
        let list = &CertificationList {
            certifications: Listed(
                list.certifications
                    .0
                    .iter()
                    .filter(|(_, e)| !e.is_empty())
                    .cloned()
                    .collect(),
            ),
        };
        if old == list.certifications {
            return Ok(());
        }
        self.db.execute(
            "DELETE FROM certification WHERE kind = $1",
            &[&kind.as_str()],
        )?;
        for (cpos, (country, entries)) in list.certifications.0.iter().enumerate() {
            for (pos, c) in entries.iter().enumerate() {
                self.db.execute(
                    "INSERT INTO certification (kind, iso_3166_1, position, country_position, certification, meaning, sort_order)
                     VALUES ($1, $2, $3, $4, $5, $6, $7)
                     ON CONFLICT (kind, iso_3166_1, position) DO NOTHING",
                    &[
                        &kind.as_str(),
                        country,
                        &(pos as i64),
                        &(cpos as i64),
                        &c.certification,
                        &c.meaning,
                        &c.order,
                    ],
                )?;
            }
        }
        let owner = owner(kind);
        let find = |l: &Listed<Vec<Certification>>, country: &str| {
            l.0.iter()
                .find(|(c, _)| c == country)
                .map(|(_, e)| json!(e))
        };
        let mut countries: Vec<&str> = old.0.iter().map(|(c, _)| c.as_str()).collect();
        for (c, _) in &list.certifications.0 {
            if !countries.contains(&c.as_str()) {
                countries.push(c);
            }
        }
        let mut logged = false;
        for country in countries {
            let (o, n) = (find(&old, country), find(&list.certifications, country));
            let action = match (&o, &n) {
                (a, b) if a == b => continue,
                (None, _) => "added",
                (_, None) => "deleted",
                _ => "updated",
            };
            logged = true;
            self.record(owner, "certifications", action, None, Some(country), n, o)?;
        }
        if !logged {
            let order = |l: &Listed<Vec<Certification>>| -> Value {
                json!(l.0.iter().map(|(c, _)| c).collect::<Vec<_>>())
            };
            let (o, n) = (order(&old), order(&list.certifications));
            self.record(owner, "countries", "updated", None, None, Some(n), Some(o))?;
        }
        Ok(())
    }
}
