//! awsvpc task slots per instance type. Without trunking a task takes one of the instance type's
//! ENIs and the primary ENI is not available: slots = MaximumNetworkInterfaces - 1 (from EC2
//! DescribeInstanceTypes). With trunking, AWS's table (ECS developer guide, "Elastic network
//! interface trunking", 2023-04-18) gives the limit. That table contradicts itself for a few
//! types (listed both as unsupported and with figures, or with negative figures): those, and
//! types not in it, are "unknown", never assumed supported.

use std::collections::HashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../../data/ecs-eni-trunking-limits-2023-04-18.tsv");

/// Families and types the guide lists as not supporting trunking (ECS Developer Guide, "Elastic
/// network interface trunking", considerations: "The following instance types are not
/// supported"). Where the same page also gives them figures, this list wins.
const UNSUPPORTED_FAMILIES: &[&str] = &[
    "c5n", "d3", "d3en", "g3", "g3s", "g4dn", "i3", "i3en", "inf1", "m5dn", "m5n", "m5zn", "mac1", "r5b", "r5n",
    "r5dn", "z1d",
];
const UNSUPPORTED_TYPES: &[&str] = &[
    "a1.metal",
    "c5.metal",
    "c5ad.8xlarge",
    "c5d.metal",
    "m5.metal",
    "p3dn.24xlarge",
    "r5.metal",
    "r5.8xlarge",
    "r5d.metal",
];

/// Types AWS's 2023-04-18 page gives figures for and that are otherwise doubtful: their support
/// is unknown, not assumed.
const CONTRADICTED: &[&str] = &["c5a.8xlarge"];

/// Whether the guide lists the type as not supporting trunking (its family, a u-*tb1 high-memory
/// type, or the type itself).
fn listed_unsupported(instance_type: &str) -> bool {
    let family = instance_type.split('.').next().unwrap_or(instance_type);
    UNSUPPORTED_FAMILIES.contains(&family)
        || (family.starts_with("u-") && family.ends_with("tb1"))
        || UNSUPPORTED_TYPES.contains(&instance_type)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trunking {
    /// Task limits without and with trunking, from AWS's table.
    Supported { without: u32, with: u32 },
    /// The type does not support trunking.
    Unsupported,
    /// AWS's table does not say (or contradicts itself).
    Unknown,
}

fn table() -> &'static HashMap<&'static str, (i64, i64)> {
    static MAP: OnceLock<HashMap<&'static str, (i64, i64)>> = OnceLock::new();
    MAP.get_or_init(|| {
        TABLE
            .lines()
            .skip(1)
            .filter_map(|line| {
                let cols: Vec<&str> = line.split('\t').collect();
                Some((*cols.get(1)?, (cols.get(2)?.trim().parse().ok()?, cols.get(3)?.trim().parse().ok()?)))
            })
            .collect()
    })
}

/// What AWS's table says of trunking for an instance type.
pub fn trunking(instance_type: &str) -> Trunking {
    if instance_type.starts_with("t2.") || instance_type.starts_with("t3") || listed_unsupported(instance_type) {
        return Trunking::Unsupported;
    }
    if CONTRADICTED.contains(&instance_type) {
        return Trunking::Unknown;
    }
    match table().get(instance_type) {
        Some(&(without, with)) if without > 0 && with > 0 => {
            Trunking::Supported { without: without as u32, with: with as u32 }
        }
        _ => Trunking::Unknown,
    }
}

/// Task slots without trunking: the type's ENI quota minus the primary ENI.
pub fn slots_without_trunking(max_enis: i32) -> i64 {
    (i64::from(max_enis) - 1).max(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_figures_and_doubts() {
        assert_eq!(trunking("c5.large"), Trunking::Supported { without: 2, with: 10 });
        assert_eq!(trunking("a1.2xlarge"), Trunking::Supported { without: 3, with: 40 });
        assert_eq!(trunking("t3.large"), Trunking::Unsupported);
        assert_eq!(trunking("t2.micro"), Trunking::Unsupported);
        assert_eq!(trunking("m5n.large"), Trunking::Unsupported, "the guide's list of unsupported families");
        for t in ["c5n.large", "g4dn.xlarge", "i3.large", "z1d.large", "u-6tb1.56xlarge", "r5.8xlarge", "c5.metal"] {
            assert_eq!(trunking(t), Trunking::Unsupported, "{t}: listed as not supported");
        }
        assert_eq!(trunking("c5a.8xlarge"), Trunking::Unknown, "contradicted by AWS's page");
        assert_eq!(trunking("r5.4xlarge"), Trunking::Supported { without: 7, with: 60 }, "r5.8xlarge alone is listed");
        assert_eq!(trunking("i4i.large"), Trunking::Unknown, "negative figure in the table");
        assert_eq!(trunking("c7i.large"), Trunking::Unknown, "not in the 2023 table");
        assert!(table().len() > 400);
        assert_eq!(slots_without_trunking(3), 2);
        assert_eq!(slots_without_trunking(0), 0);
    }
}
