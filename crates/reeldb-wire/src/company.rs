//! Companies: `/3/company/{company_id}`, `/alternative_names` and `/images`. The two
//! sub-resources have the networks' shapes ([`crate::network::AlternativeNames`],
//! [`crate::network::NetworkImages`]: `{id, logos}`).

use serde::{Deserialize, Serialize};

/// `GET /3/company/{company_id}`, fields in TMDB's order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompanyDetails {
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub headquarters: Option<String>,
    #[serde(default)]
    pub homepage: Option<String>,
    pub id: i64,
    #[serde(default)]
    pub logo_path: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub origin_country: Option<String>,
    #[serde(default)]
    pub parent_company: Option<ParentCompany>,
}

/// A company's `parent_company`: another company, as recorded responses show it
/// (`{name, id, logo_path}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParentCompany {
    #[serde(default)]
    pub name: Option<String>,
    pub id: i64,
    #[serde(default)]
    pub logo_path: Option<String>,
}
