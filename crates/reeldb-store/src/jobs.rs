//! `/3/configuration/jobs`: departments and their jobs.
//!
//! Two sources, read in one statement:
//! - the imported list (TMDB's response), kept as code lists of owner `configuration` 0:
//!   `departments` (in TMDB's order) and `jobs:<department>` (each department's jobs in TMDB's
//!   order). TMDB's order is neither alphabetical nor by size (its example starts Production,
//!   Costume & Make-Up, Lighting, Actors, ...; jobs likewise), so it is only known from an
//!   import and kept as imported.
//! - the catalog's crew credit rows (`credit.department`, `credit.job`, both set): a pair the
//!   imported list lacks joins it, after the listed jobs of its department (by name), and a
//!   department the list lacks comes after the listed ones (by name, its jobs by name).
//!
//! So an import adds departments and jobs the catalog has no credits for (TMDB's list is the
//! vocabulary of every job), and credits add the ones TMDB's list (or a catalog without an
//! import) lacks. Cast credits carry no department or job and add nothing.

use crate::Result;
use crate::configuration::CONFIGURATION;
use crate::db::Db;
use crate::write::Writer;
use reeldb_wire::configuration::DepartmentJobs;
use std::collections::BTreeSet;

const DEPARTMENTS: &str = "departments";
const JOBS_PREFIX: &str = "jobs:";

impl Db {
    /// Every department's jobs: the imported list, then what credits add (one statement).
    pub fn jobs(&mut self) -> Result<Vec<DepartmentJobs>> {
        let rows: Vec<(i64, String, i64, String)> = self.query(
            "SELECT CAST(0 AS BIGINT), list_name, position, value FROM code_list
              WHERE owner_type = $1 AND owner_id = $2 AND (list_name = $3 OR list_name LIKE $4)
             UNION ALL
             SELECT DISTINCT CAST(1 AS BIGINT), department, CAST(0 AS BIGINT), job FROM credit
              WHERE department IS NOT NULL AND department <> '' AND job IS NOT NULL AND job <> ''
             ORDER BY 1, 2, 3",
            &[
                &CONFIGURATION.kind.as_str(),
                &CONFIGURATION.id,
                &DEPARTMENTS,
                &format!("{JOBS_PREFIX}%"),
            ],
        )?;
        let rows = rows.into_iter().map(|(s, n, _, v)| (s, n, v)).collect();
        Ok(merge(rows))
    }
}

/// The imported rows (source 0, in list order within a list) and the credit pairs (source 1).
fn merge(rows: Vec<(i64, String, String)>) -> Vec<DepartmentJobs> {
    let mut out: Vec<DepartmentJobs> = rows
        .iter()
        .filter(|(src, name, _)| *src == 0 && name == DEPARTMENTS)
        .map(|(_, _, d)| DepartmentJobs {
            department: d.clone(),
            jobs: Vec::new(),
        })
        .collect();
    for (src, name, job) in &rows {
        if *src != 0 {
            continue;
        }
        if let Some(dept) = name.strip_prefix(JOBS_PREFIX)
            && let Some(d) = out.iter_mut().find(|d| d.department == dept)
        {
            d.jobs.push(job.clone());
        }
    }
    let credits: BTreeSet<(&str, &str)> = rows
        .iter()
        .filter(|(src, _, _)| *src == 1)
        .map(|(_, d, j)| (d.as_str(), j.as_str()))
        .collect();
    for (dept, job) in credits {
        let at = match out.iter().position(|d| d.department == dept) {
            Some(at) => at,
            None => {
                out.push(DepartmentJobs {
                    department: dept.to_owned(),
                    jobs: Vec::new(),
                });
                out.len() - 1
            }
        };
        if !out[at].jobs.iter().any(|j| j == job) {
            out[at].jobs.push(job.to_owned());
        }
    }
    out
}

impl Writer<'_> {
    /// Makes the imported departments and their jobs these, in order (a department left out
    /// loses its jobs); each list that moved logs one change item under its name.
    pub fn set_jobs(&mut self, list: &[DepartmentJobs]) -> Result<()> {
        let old = self.db.code_list(CONFIGURATION, DEPARTMENTS)?;
        for gone in old
            .iter()
            .filter(|d| !list.iter().any(|n| &n.department == *d))
        {
            self.set_code_list(CONFIGURATION, &format!("{JOBS_PREFIX}{gone}"), &[])?;
        }
        let names: Vec<String> = list.iter().map(|d| d.department.clone()).collect();
        self.set_code_list(CONFIGURATION, DEPARTMENTS, &names)?;
        for d in list {
            self.set_code_list(
                CONFIGURATION,
                &format!("{JOBS_PREFIX}{}", d.department),
                &d.jobs,
            )?;
        }
        Ok(())
    }
}
