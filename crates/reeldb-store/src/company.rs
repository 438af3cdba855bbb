//! Production companies: one `company` row per TMDB company, listed by any owner (a series now,
//! movies later) through `owner_company`, in the owner's order.

use crate::db::Db;
use crate::write::Writer;
use crate::{Owner, Result};
use reeldb_wire::tv_series::Company;
use serde_json::json;

type CompanyRow = (i64, Option<String>, Option<String>, Option<String>);

impl Db {
    /// The production companies of an owner, in order (one statement).
    pub fn owner_companies(&mut self, owner: Owner) -> Result<Vec<Company>> {
        let rows: Vec<CompanyRow> = self.query(
            "SELECT c.id, c.logo_path, c.name, c.origin_country FROM owner_company oc JOIN company c ON c.id = oc.company_id
             WHERE oc.owner_type = $1 AND oc.owner_id = $2 ORDER BY oc.position",
            &[&owner.kind.as_str(), &owner.id],
        )?;
        Ok(rows
            .into_iter()
            .map(|(id, logo_path, name, origin_country)| Company {
                id,
                logo_path,
                name,
                origin_country,
            })
            .collect())
    }
}

impl Writer<'_> {
    /// Makes an owner's production companies these, in order. Each company's own fields are
    /// updated too (the latest source wins; a change is logged on the company). A moved list
    /// is logged on the owner as `production_companies`.
    pub fn set_owner_companies(&mut self, owner: Owner, companies: &[Company]) -> Result<()> {
        for c in companies {
            let old: Option<CompanyRow> = self.db.query_opt(
                "SELECT id, logo_path, name, origin_country FROM company WHERE id = $1",
                &[&c.id],
            )?;
            self.db.execute(
                "INSERT INTO company (id, name, logo_path, origin_country) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name, logo_path = excluded.logo_path,
                   origin_country = excluded.origin_country",
                &[&c.id, &c.name, &c.logo_path, &c.origin_country],
            )?;
            let company = Owner::new(crate::OwnerKind::Company, c.id);
            let (_, o_logo, o_name, o_country) = old.unwrap_or((c.id, None, None, None));
            self.diff_field(company, "name", &o_name, &c.name)?;
            self.diff_field(company, "logo_path", &o_logo, &c.logo_path)?;
            self.diff_field(company, "origin_country", &o_country, &c.origin_country)?;
        }
        let old: Vec<(i64,)> = self.db.query(
            "SELECT company_id FROM owner_company WHERE owner_type = $1 AND owner_id = $2 ORDER BY position",
            &[&owner.kind.as_str(), &owner.id],
        )?;
        let old: Vec<i64> = old.into_iter().map(|(id,)| id).collect();
        let new: Vec<i64> = companies.iter().map(|c| c.id).collect();
        if old == new {
            return Ok(());
        }
        self.db.execute(
            "DELETE FROM owner_company WHERE owner_type = $1 AND owner_id = $2",
            &[&owner.kind.as_str(), &owner.id],
        )?;
        for (pos, id) in new.iter().enumerate() {
            self.db.execute(
                "INSERT INTO owner_company (owner_type, owner_id, company_id, position) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (owner_type, owner_id, company_id) DO NOTHING",
                &[&owner.kind.as_str(), &owner.id, id, &(pos as i64)],
            )?;
        }
        let as_json = |v: &[i64]| (!v.is_empty()).then(|| json!(v));
        self.diff(
            owner,
            "production_companies",
            None,
            as_json(&old),
            as_json(&new),
        )
    }
}
