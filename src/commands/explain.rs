//! `awsvpc explain ID`: the long explanation of a check and the AWS sources of its rules, from
//! the check registry. No AWS call, no configuration.

use anyhow::Result;

use crate::checks::CheckId;
use crate::error::invalid;
use crate::output::explain::Explanation;

/// Validated before anything else: the id must be a check id.
pub fn explain(id: &str) -> Result<Explanation> {
    let check = CheckId::from_name(id)
        .ok_or_else(|| invalid("ID", id, "a check id (`awsvpc check --list` lists them)"))?
        .check();
    Ok(Explanation {
        id: check.name,
        scope: check.scope.as_str(),
        summary: check.title,
        explanation: check.explanation.split_whitespace().collect::<Vec<_>>().join(" "),
        links: check.sources.iter().map(|s| s.url).collect(),
        sources: check.sources.to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_check_is_explained_with_its_sources() {
        for id in CheckId::all() {
            let e = explain(id.name()).unwrap();
            assert!(e.explanation.len() > 40, "{id}");
            assert!(!e.links.is_empty() && e.sources.len() == e.links.len(), "{id}");
        }
        assert!(explain("nope").is_err());
    }
}
