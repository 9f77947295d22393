//! The network path a task needs before its containers start, as plain data: VPC endpoints,
//! security-group rules, network ACLs and the S3 prefix list of a VPC (EC2 DescribeVpcEndpoints,
//! DescribeSecurityGroups, DescribeNetworkAcls, DescribePrefixLists).

/// A VPC endpoint (EC2 API Reference, VpcEndpoint).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VpcEndpoint {
    pub id: String,
    /// The service's short name: `ecr.dkr`, `s3`, `logs` (from com.amazonaws.REGION.NAME).
    pub service: String,
    /// Interface or Gateway.
    pub kind: String,
    /// `available` (compared without case: the SDK's enum does not parse AWS's lowercase value).
    pub state: String,
    pub private_dns: bool,
    pub subnet_ids: Vec<String>,
    pub groups: Vec<String>,
    pub route_table_ids: Vec<String>,
}

/// One security-group rule (EC2 API Reference, IpPermission): protocol `-1` (all) or `tcp`, ...
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SgRule {
    pub protocol: String,
    pub from: i32,
    pub to: i32,
    pub cidrs: Vec<String>,
    pub prefix_lists: Vec<String>,
    pub groups: Vec<String>,
}

impl SgRule {
    /// Whether the rule covers TCP `port`.
    pub fn covers(&self, port: i32) -> bool {
        self.protocol == "-1"
            || (self.protocol.eq_ignore_ascii_case("tcp") || self.protocol == "6")
                && self.from <= port
                && port <= self.to
    }
}

/// A security group's rules.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SgRules {
    pub id: String,
    pub ingress: Vec<SgRule>,
    pub egress: Vec<SgRule>,
}

/// A network ACL entry (EC2 API Reference, NetworkAclEntry).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AclEntry {
    pub number: i32,
    /// `-1` (all) or a protocol number (`6`: TCP).
    pub protocol: String,
    pub allow: bool,
    pub egress: bool,
    pub cidr: String,
    pub from: i32,
    pub to: i32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NetworkAcl {
    pub id: String,
    pub default: bool,
    pub subnet_ids: Vec<String>,
    pub entries: Vec<AclEntry>,
}

/// What the path checks read of one VPC.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VpcPath {
    pub cidrs: Vec<String>,
    pub endpoints: Vec<VpcEndpoint>,
    pub acls: Vec<NetworkAcl>,
    /// The S3 prefix list's id (com.amazonaws.REGION.s3), when found.
    pub s3_prefix_list: Option<String>,
}

/// The path facts of the task subnets' VPC: the VPC, the tasks' security groups' rules, the
/// container instances' groups' rules (on EC2 the instance pulls), the endpoints' groups' rules
/// and the Availability Zones of the endpoints' subnets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PathFacts {
    pub vpc_id: String,
    pub vpc: VpcPath,
    pub task_groups: Vec<SgRules>,
    pub instance_groups: Vec<SgRules>,
    pub endpoint_groups: Vec<SgRules>,
    /// Endpoint subnet id -> (its Availability Zone, its IPv4 CIDR block).
    pub endpoint_subnets: std::collections::BTreeMap<String, (String, String)>,
}
