//! AWS's rules as plain functions and tables, with their sources: the trunking table, agent
//! versions, ENI slot arithmetic, route-table semantics, AWS's limits on a launch (limits.rs), the meaning of stop and placement
//! failure reasons, and how `diagnose` concludes from them (diagnosis.rs). Rules read the inventory and know no AWS client, no check and no output.

pub mod capacity;
pub mod diagnosis;
pub mod events;
pub mod fit;
pub mod limits;
pub mod pull;
pub mod reasons;
pub mod routes;
pub mod target;
pub mod trunking;
pub mod version;

/// "1 task", "2 tasks": one convention for counts in sentences, in findings and reports alike.
pub fn count(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
