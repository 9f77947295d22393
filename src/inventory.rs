//! What was fetched from AWS, as plain data. Fetchers fill these; commands and checks read them.
//! Nothing here knows the SDK, so everything that reads it can be tested without AWS.

use std::collections::BTreeMap;

use serde::Serialize;

/// One ECS task as DescribeTasks returned it (the parts this tool reads).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Task {
    pub arn: String,
    pub id: String,
    pub cluster_arn: String,
    pub last_status: String,
    pub desired_status: String,
    pub launch_type: Option<String>,
    pub capacity_provider: Option<String>,
    pub task_definition_arn: String,
    pub group: Option<String>,
    pub started_by: Option<String>,
    pub container_instance_arn: Option<String>,
    pub availability_zone: Option<String>,
    pub stop_code: Option<String>,
    pub stopped_reason: Option<String>,
    pub created_at: Option<String>,
    pub pull_started_at: Option<String>,
    pub pull_stopped_at: Option<String>,
    pub started_at: Option<String>,
    pub stopping_at: Option<String>,
    pub stopped_at: Option<String>,
    pub attachments: Vec<Attachment>,
}

/// A task attachment. `kind` is AWS's `type`: `ElasticNetworkInterface`, `Service Connect`,
/// `AmazonElasticBlockStorage`, or one we do not know yet. Their order is not fixed.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Attachment {
    pub id: String,
    pub kind: String,
    pub status: String,
    /// AWS's open-ended name/value list, kept whole.
    pub details: BTreeMap<String, String>,
}

pub const ENI_ATTACHMENT: &str = "ElasticNetworkInterface";

impl Attachment {
    pub fn is_eni(&self) -> bool {
        self.kind == ENI_ATTACHMENT
    }

    pub fn detail(&self, name: &str) -> Option<&str> {
        self.details.get(name).map(String::as_str).filter(|v| !v.is_empty())
    }

    pub fn eni_id(&self) -> Option<&str> {
        self.detail("networkInterfaceId")
    }

    /// The task's IPv6 address. AWS's detail name is not documented; any detail whose name
    /// starts with `ipv6` is taken.
    pub fn ipv6(&self) -> Option<&str> {
        self.details
            .iter()
            .find(|(k, v)| k.to_ascii_lowercase().starts_with("ipv6") && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }
}

impl Task {
    /// The ENI attachments, chosen by type (never by position).
    pub fn eni_attachments(&self) -> impl Iterator<Item = &Attachment> {
        self.attachments.iter().filter(|a| a.is_eni())
    }
}

/// A task DescribeTasks could not return (`failures[]`).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TaskFailure {
    pub arn: String,
    pub reason: String,
    pub detail: Option<String>,
}

/// One ENI as EC2 DescribeNetworkInterfaces returned it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct NetworkInterface {
    pub id: String,
    pub status: String,
    pub vpc_id: Option<String>,
    pub subnet_id: Option<String>,
    pub availability_zone: Option<String>,
    pub security_groups: Vec<SecurityGroupRef>,
    pub public_ip: Option<String>,
    pub private_ip: Option<String>,
    pub ipv6_addresses: Vec<String>,
    pub interface_type: Option<String>,
    pub description: Option<String>,
    pub attached_instance_id: Option<String>,
    pub device_index: Option<i32>,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct SecurityGroupRef {
    pub id: String,
    pub name: Option<String>,
}

/// A fact that could not be fetched: the check that needs it reports `error`, never `pass`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unavailable(pub String);

/// A fetched fact, or why it could not be fetched.
pub type Fact<T> = Result<T, Unavailable>;

#[derive(Debug, Clone, Default)]
pub struct Subnet {
    pub id: String,
    pub vpc_id: String,
    pub availability_zone: String,
    pub cidr: String,
    pub available_ips: i64,
    pub owner_id: Option<String>,
    /// Associated IPv6 CIDR blocks.
    pub ipv6_cidrs: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct SecurityGroup {
    pub id: String,
    pub name: String,
    pub vpc_id: String,
}

#[derive(Debug, Clone, Default)]
pub struct RouteTable {
    pub id: String,
    pub vpc_id: String,
    pub main: bool,
    pub subnet_ids: Vec<String>,
    /// (destination CIDR, target id) of active routes.
    pub routes: Vec<(String, String)>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VpcDns {
    pub dns_support: bool,
    pub dns_hostnames: bool,
}

/// An ECS container instance (DescribeContainerInstances).
#[derive(Debug, Clone, Default)]
pub struct ContainerInstance {
    pub arn: String,
    pub ec2_instance_id: Option<String>,
    pub status: String,
    pub status_reason: Option<String>,
    pub agent_connected: bool,
    pub agent_version: Option<String>,
    /// name -> value (attributes such as `ecs.capability.task-eni` have no value).
    pub attributes: BTreeMap<String, Option<String>>,
}

impl ContainerInstance {
    pub fn has(&self, name: &str) -> bool {
        self.attributes.contains_key(name)
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attributes.get(name).and_then(|v| v.as_deref())
    }

    pub fn id(&self) -> &str {
        self.arn.rsplit('/').next().unwrap_or(&self.arn)
    }

    pub fn is_windows(&self) -> bool {
        self.attr("ecs.os-type") == Some("windows")
            || self.attr("ecs.os-family").is_some_and(|f| f.starts_with("WINDOWS"))
    }
}

/// An EC2 instance behind a container instance (DescribeInstances).
#[derive(Debug, Clone, Default)]
pub struct Ec2Instance {
    pub id: String,
    pub instance_type: String,
    pub availability_zone: String,
    pub subnet_id: Option<String>,
    pub vpc_id: Option<String>,
    pub instance_profile_arn: Option<String>,
}

/// The account settings in force for one principal (ListAccountSettings, effectiveSettings).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EffectiveSettings {
    pub awsvpc_trunking: Option<String>,
    pub dual_stack_ipv6: Option<String>,
}

impl EffectiveSettings {
    pub fn trunking_enabled(&self) -> bool {
        self.awsvpc_trunking.as_deref() == Some("enabled")
    }

    pub fn ipv6_enabled(&self) -> bool {
        self.dual_stack_ipv6.as_deref() == Some("enabled")
    }
}

/// A task definition (DescribeTaskDefinition), the parts awsvpc cares about.
#[derive(Debug, Clone, Default)]
pub struct TaskDefinition {
    pub arn: String,
    pub network_mode: String,
    pub requires_compatibilities: Vec<String>,
    pub cpu: Option<String>,
    pub memory: Option<String>,
}

/// A service (DescribeServices), the parts awsvpc cares about.
#[derive(Debug, Clone, Default)]
pub struct Service {
    pub name: String,
    pub arn: String,
    pub task_definition: String,
    /// EC2, FARGATE or EXTERNAL (from the launch type, else the capacity providers).
    pub launch_type: Option<String>,
    pub subnets: Vec<String>,
    pub security_groups: Vec<String>,
    pub assign_public_ip: bool,
    pub load_balancers: Vec<LoadBalancerRef>,
    /// (capacity provider, weight, base)
    pub capacity_provider_strategy: Vec<(String, i32, i32)>,
    pub platform_version: Option<String>,
    pub enable_execute_command: bool,
}

#[derive(Debug, Clone, Default)]
pub struct LoadBalancerRef {
    pub target_group_arn: Option<String>,
    /// Set for a Classic Load Balancer.
    pub load_balancer_name: Option<String>,
}

/// An ELBv2 target group.
#[derive(Debug, Clone, Default)]
pub struct TargetGroup {
    pub arn: String,
    pub name: String,
    pub target_type: String,
    pub vpc_id: Option<String>,
}
