//! An audit in parts: one command over several regions (and, for `capacity` and `diagnose
//! --stopped-since`, several clusters), each part the very report the command gives for one
//! region (and cluster), or the error that stopped that part. Every record carries its region and
//! cluster: in JSON each part names them; in `text` every row starts with them; the table has a
//! heading per part. The exit code is the worst of the parts.

use serde::Serialize;

use super::{OutputContext, Render};
use crate::exit;

/// The `text` columns every row of an audit in parts starts with.
pub const PART_COLUMNS: &[&str] = &["region", "cluster"];

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Part<R> {
    pub region: String,
    /// The cluster of the part (`capacity`, `diagnose --stopped-since`); null when the report
    /// covers the region's clusters itself (`enis`, `check`).
    pub cluster: Option<String>,
    /// The exit code the command gives for this part alone.
    pub exit_code: i32,
    /// Why this part has no report (a region that cannot be reached, a cluster that does not exist).
    pub error: Option<String>,
    pub report: Option<R>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Parts<R> {
    pub parts: Vec<Part<R>>,
    /// The worst exit code of the parts.
    pub exit_code: i32,
    #[serde(skip)]
    #[schemars(skip)]
    pub columns: &'static [&'static str],
    /// The report's rows name their cluster already (`enis`, `check`).
    #[serde(skip)]
    #[schemars(skip)]
    pub own_cluster: bool,
}

/// The worst of several exit codes: a problem found (1) before what could not be asked (3)
/// before bad input (2) before success.
pub fn worst(codes: impl IntoIterator<Item = i32>) -> i32 {
    let codes: Vec<i32> = codes.into_iter().collect();
    [exit::FOUND_PROBLEM, exit::AWS_UNAVAILABLE, exit::USAGE]
        .into_iter()
        .find(|c| codes.contains(c))
        .or_else(|| codes.iter().copied().find(|c| *c != exit::OK))
        .unwrap_or(exit::OK)
}

impl<R> Parts<R> {
    /// `columns`: the `text` columns of the parts' reports.
    pub fn new(parts: Vec<Part<R>>, columns: &'static [&'static str]) -> Self {
        let exit_code = worst(parts.iter().map(|p| p.exit_code));
        // A report whose rows name their cluster already (`enis`, `check`) is not given it twice.
        let all: Vec<&'static str> =
            PART_COLUMNS.iter().filter(|c| !columns.contains(c)).chain(columns).copied().collect();
        Parts {
            parts,
            exit_code,
            columns: Box::leak(all.into_boxed_slice()),
            own_cluster: columns.contains(&"cluster"),
        }
    }
}

impl<R: Render> super::Report for Parts<R> {
    /// The worst of the parts' (their notes were said as each part ended).
    fn exit_code(&self) -> i32 {
        self.exit_code
    }
}

impl<R: Render> Render for Parts<R> {
    fn table(&self, mode: &OutputContext) -> String {
        let mut out = String::new();
        for p in &self.parts {
            let name = match &p.cluster {
                Some(c) => format!("{} / {c}", p.region),
                None => p.region.clone(),
            };
            out.push_str(&format!("== {name}\n"));
            match (&p.report, &p.error) {
                (Some(r), _) => out.push_str(&r.table(mode)),
                (None, Some(e)) => out.push_str(&format!("error: {e}\n")),
                (None, None) => {}
            }
            out.push('\n');
        }
        out
    }

    fn text_columns(&self) -> &'static [&'static str] {
        self.columns
    }

    fn text_rows(&self) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        for p in &self.parts {
            let cluster = p.cluster.clone().unwrap_or_default();
            let own_cluster = self.own_cluster;
            if let Some(r) = &p.report {
                for row in r.text_rows() {
                    let mut full = vec![p.region.clone()];
                    if !own_cluster {
                        full.push(cluster.clone());
                    }
                    full.extend(row);
                    rows.push(full);
                }
            }
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worst_code_wins() {
        assert_eq!(worst([0, 0]), exit::OK);
        assert_eq!(worst([0, 3, 1]), exit::FOUND_PROBLEM);
        assert_eq!(worst([0, 3, 2]), exit::AWS_UNAVAILABLE);
        assert_eq!(worst([2, 0]), exit::USAGE);
        assert_eq!(worst(Vec::<i32>::new()), exit::OK);
    }
}
