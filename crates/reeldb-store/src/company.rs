//! Companies: one `company` row per TMDB company, listed by any owner (series, movies) through
//! `owner_company`, in the owner's order; and company details (`/3/company/{id}`, migration
//! 16). Their logos live in [`crate::image`] (kind `logo`), their alternative names in
//! [`crate::alternative_name`], as networks' do.

use crate::db::Db;
use crate::write::Writer;
use crate::{Owner, OwnerKind, Result};
use reeldb_wire::company::{CompanyDetails, ParentCompany};
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

/// A company's details row with its parent's name and logo: `(description, headquarters,
/// homepage, id, logo_path, name, origin_country, parent_id, parent_name, parent_logo)`.
struct DetailsRow {
    description: Option<String>,
    headquarters: Option<String>,
    homepage: Option<String>,
    id: i64,
    logo_path: Option<String>,
    name: Option<String>,
    origin_country: Option<String>,
    parent_id: Option<i64>,
    parent_name: Option<String>,
    parent_logo: Option<String>,
}
crate::from_row!(DetailsRow {
    description,
    headquarters,
    homepage,
    id,
    logo_path,
    name,
    origin_country,
    parent_id,
    parent_name,
    parent_logo,
});

/// `(description, headquarters, homepage, logo_path, name, origin_country, parent_id)`.
type Scalars = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
);

impl Db {
    /// `GET /3/company/{company_id}`, `None` when the catalog does not know the company (one
    /// statement, the parent company joined).
    pub fn company_details(&mut self, id: i64) -> Result<Option<CompanyDetails>> {
        let row: Option<DetailsRow> = self.query_opt(
            "SELECT c.description, c.headquarters, c.homepage, c.id, c.logo_path, c.name, c.origin_country,
                    c.parent_id, p.name, p.logo_path
             FROM company c LEFT JOIN company p ON p.id = c.parent_id WHERE c.id = $1",
            &[&id],
        )?;
        Ok(row.map(|r| CompanyDetails {
            description: r.description,
            headquarters: r.headquarters,
            homepage: r.homepage,
            id: r.id,
            logo_path: r.logo_path,
            name: r.name,
            origin_country: r.origin_country,
            parent_company: r.parent_id.map(|pid| ParentCompany {
                name: r.parent_name,
                id: pid,
                logo_path: r.parent_logo,
            }),
        }))
    }

    /// Whether the catalog knows the company `id` (one statement).
    pub fn company_exists(&mut self, id: i64) -> Result<bool> {
        let n: i64 = self.scalar("SELECT COUNT(*) FROM company WHERE id = $1", &[&id])?;
        Ok(n > 0)
    }
}

impl Writer<'_> {
    /// Makes sure a company row exists (a sub-resource names its company by id); a new one
    /// logs its `id` as created.
    pub fn ensure_company(&mut self, id: i64) -> Result<()> {
        self.ensure_object("company", Owner::new(OwnerKind::Company, id))
    }

    /// Applies a company details response, logging each field that changed. A parent company
    /// is a company of its own: created when new, its name and logo as the response states
    /// them; the child logs `parent_company` (the parent's id) when it changed.
    pub fn set_company_details(&mut self, c: &CompanyDetails) -> Result<()> {
        if let Some(p) = &c.parent_company {
            self.set_company_name_logo(p.id, &p.name, &p.logo_path)?;
        }
        self.ensure_company(c.id)?;
        let old: Scalars = self.db.query_one(
            "SELECT description, headquarters, homepage, logo_path, name, origin_country, parent_id
             FROM company WHERE id = $1",
            &[&c.id],
        )?;
        let parent = c.parent_company.as_ref().map(|p| p.id);
        self.db.execute(
            "UPDATE company SET description = $2, headquarters = $3, homepage = $4, logo_path = $5, name = $6,
               origin_country = $7, parent_id = $8
             WHERE id = $1",
            &[
                &c.id,
                &c.description,
                &c.headquarters,
                &c.homepage,
                &c.logo_path,
                &c.name,
                &c.origin_country,
                &parent,
            ],
        )?;
        let o = Owner::new(OwnerKind::Company, c.id);
        let (description, headquarters, homepage, logo_path, name, origin_country, parent_id) = old;
        self.diff_field(o, "description", &description, &c.description)?;
        self.diff_field(o, "headquarters", &headquarters, &c.headquarters)?;
        self.diff_field(o, "homepage", &homepage, &c.homepage)?;
        self.diff_field(o, "logo_path", &logo_path, &c.logo_path)?;
        self.diff_field(o, "name", &name, &c.name)?;
        self.diff_field(o, "origin_country", &origin_country, &c.origin_country)?;
        self.diff_field(o, "parent_company", &parent_id, &parent)
    }

    /// A company's name and logo as another object's list names it (created when new).
    fn set_company_name_logo(
        &mut self,
        id: i64,
        name: &Option<String>,
        logo_path: &Option<String>,
    ) -> Result<()> {
        self.ensure_company(id)?;
        let (o_name, o_logo): (Option<String>, Option<String>) = self
            .db
            .query_one("SELECT name, logo_path FROM company WHERE id = $1", &[&id])?;
        self.db.execute(
            "UPDATE company SET name = $2, logo_path = $3 WHERE id = $1",
            &[&id, name, logo_path],
        )?;
        let o = Owner::new(OwnerKind::Company, id);
        self.diff_field(o, "name", &o_name, name)?;
        self.diff_field(o, "logo_path", &o_logo, logo_path)
    }
}
