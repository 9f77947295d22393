//! What was fetched from AWS, as plain data. Fetchers (`aws`) fill these; checks, rules and
//! commands read them. Nothing here knows the SDK, so everything that reads it can be tested
//! without AWS.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use crate::error::Failure;

/// One ECS task as DescribeTasks returned it (the parts this tool reads).
#[derive(Debug, Clone, Default, Serialize, schemars::JsonSchema)]
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
    /// `stopped_at` in seconds since the epoch.
    #[serde(skip)]
    pub stopped_at_secs: Option<i64>,
    pub attachments: Vec<Attachment>,
}

/// A task attachment. `kind` is AWS's `type`: `ElasticNetworkInterface`, `Service Connect`,
/// `AmazonElasticBlockStorage`, or one we do not know yet. Their order is not fixed.
#[derive(Debug, Clone, Default, Serialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Serialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct TaskFailure {
    pub arn: String,
    pub reason: String,
    pub detail: Option<String>,
}

/// One ENI as EC2 DescribeNetworkInterfaces returned it.
#[derive(Debug, Clone, Default, Serialize, schemars::JsonSchema)]
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

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct SecurityGroupRef {
    pub id: String,
    pub name: Option<String>,
}

/// Called with (done, total so far) while a listing is fetched and described.
pub type Progress = std::sync::Arc<dyn Fn(u64, u64) + Send + Sync>;

/// A fetched fact, or why it could not be fetched: a check that needs a fact that could not be
/// fetched reports `error`, never `pass`.
pub type Fact<T> = Result<T, Failure>;

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
    /// An IPv6-only subnet (EC2 API, Subnet.Ipv6Native): no IPv4 addresses at all.
    pub ipv6_native: bool,
    /// New network interfaces get an IPv6 address (Subnet.AssignIpv6AddressOnCreation).
    pub assign_ipv6_on_creation: bool,
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
    /// `registeredResources` and `remainingResources` (DescribeContainerInstances): CPU units,
    /// MiB and GPUs.
    pub registered: Resources,
    pub remaining: Resources,
}

/// CPU units, memory (MiB) and GPUs of a container instance; None where AWS did not say.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Resources {
    pub cpu: Option<i64>,
    pub memory: Option<i64>,
    pub gpu: Option<i64>,
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
    /// PrivateDnsNameOptions.EnableResourceNameDnsARecord (EC2 API, Instance).
    pub dns_a_record: bool,
    /// The instance's security groups (SecurityGroups): on EC2 the agent pulls through them.
    pub security_groups: Vec<String>,
    /// Whether the instance has a public IPv4 address (PublicIpAddress).
    pub public_ip: bool,
}

/// The account settings in force for one principal (ListAccountSettings, effectiveSettings).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EffectiveSettings {
    pub awsvpc_trunking: Option<String>,
    pub dual_stack_ipv6: Option<String>,
    /// The account root's ARN, when a setting in force comes from the account default (its
    /// `principalArn` is then the root: API Reference, Setting.principalArn).
    pub account_root: Option<String>,
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
    /// The launch types AWS validated it against at registration (TaskDefinition.compatibilities).
    pub compatibilities: Vec<String>,
    /// The containers' summed `cpu`, `memoryReservation` (else `memory`) and GPUs: what a task
    /// takes on an instance when the task-level size is not set.
    pub containers_cpu: i64,
    pub containers_memory: i64,
    pub gpus: i64,
    /// `executionRoleArn`.
    pub execution_role_arn: Option<String>,
    /// What each container needs before it starts (image, awslogs, secrets, registry auth).
    pub containers: Vec<ContainerNeeds>,
}

/// A service (DescribeServices), the parts awsvpc cares about.
#[derive(Debug, Clone, Default)]
pub struct Service {
    pub name: String,
    pub arn: String,
    pub task_definition: String,
    /// The service's own launch type (EC2, FARGATE or EXTERNAL); None when a capacity provider
    /// strategy decides.
    pub launch_type: Option<String>,
    pub subnets: Vec<String>,
    pub security_groups: Vec<String>,
    pub assign_public_ip: bool,
    pub load_balancers: Vec<LoadBalancerRef>,
    /// (capacity provider, weight, base)
    pub capacity_provider_strategy: Vec<(String, i32, i32)>,
    pub platform_version: Option<String>,
    pub enable_execute_command: bool,
    /// The service's counts (API Reference, Service: desiredCount, runningCount, pendingCount).
    pub desired_count: i32,
    pub running_count: i32,
    pub pending_count: i32,
    pub deployments: Vec<Deployment>,
    /// The service scheduler's most recent events, newest first (at most 100).
    pub events: Vec<ServiceEvent>,
}

/// A service deployment (API Reference, Deployment).
#[derive(Debug, Clone, Default, Serialize, schemars::JsonSchema)]
pub struct Deployment {
    pub id: String,
    /// PRIMARY, ACTIVE or INACTIVE.
    pub status: String,
    pub task_definition: String,
    pub desired_count: i32,
    pub running_count: i32,
    pub pending_count: i32,
    pub failed_tasks: i32,
    /// COMPLETED, FAILED or IN_PROGRESS.
    pub rollout_state: Option<String>,
    pub rollout_state_reason: Option<String>,
}

/// A service event (API Reference, ServiceEvent).
#[derive(Debug, Clone, Default)]
pub struct ServiceEvent {
    pub created_at: Option<String>,
    /// `created_at` in seconds since the epoch.
    pub created_at_secs: Option<i64>,
    pub message: String,
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

/// A task RunTask could not place (`failures[]`, HTTP 200).
#[derive(Debug, Clone, Serialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct PlacementFailure {
    pub arn: Option<String>,
    pub reason: String,
    pub detail: Option<String>,
}

/// A capacity provider as placement sees it (DescribeCapacityProviders; FARGATE and
/// FARGATE_SPOT are AWS's own and need no call).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapacityProvider {
    pub name: String,
    /// FARGATE, FARGATE_SPOT, EC2_AUTOSCALING or MANAGED_INSTANCES (API Reference,
    /// CapacityProvider.type); empty when AWS did not say.
    pub kind: String,
    /// Tasks that do not fit wait in PROVISIONING while ECS scales out: an Auto Scaling group
    /// provider with managedScaling ENABLED, or ECS Managed Instances.
    pub managed_scaling: bool,
    /// managedScaling.maximumScalingStepSize.
    pub max_scaling_step: Option<i32>,
}

/// One item of a capacity provider strategy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapacityProviderItem {
    pub name: String,
    pub weight: Option<i32>,
    pub base: Option<i32>,
}

mod needs;
mod path;
mod pull;
pub use needs::{Need, Needs};
pub use path::{AclEntry, NetworkAcl, PathFacts, SgRule, SgRules, VpcEndpoint, VpcPath};
mod run_task;
pub use pull::{Awslogs, ContainerNeeds, ExecRole, Grant, Grants, PullNeeds, private_ecr};
pub use run_task::{ContainerOverrides, RunTaskRequest};

/// Everything a set of checks reads, fetched once.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub service_linked_role: Option<Fact<bool>>,
    /// None when no subnet was given.
    pub subnets: Option<Fact<Vec<Subnet>>>,
    pub security_groups: Option<Fact<Vec<SecurityGroup>>>,
    pub route_tables: Option<Fact<Vec<RouteTable>>>,
    pub vpc_dns: BTreeMap<String, Fact<VpcDns>>,
    /// The settings in force for the caller.
    pub caller_settings: Option<Fact<EffectiveSettings>>,
    /// The account default (principal: the account root), when the account id is known.
    pub default_settings: Option<(String, Fact<EffectiveSettings>)>,
    pub clusters: Vec<ClusterFacts>,
    pub task_definition: Option<Fact<TaskDefinition>>,
    pub service: Option<Service>,
    /// Target group ARN -> the target group (None: ELBv2 does not know it).
    pub target_groups: BTreeMap<String, Fact<Option<TargetGroup>>>,
    /// The task definition's execution role (GetRole), when the task definition names one.
    pub execution_role: Option<Fact<ExecRole>>,
    /// Whether the execution role has each grant the task needs (SimulatePrincipalPolicy, else
    /// its policies); None when no role was read.
    pub execution_grants: Option<Fact<Grants>>,
    /// The network path of the task subnets' VPC (endpoints, security-group rules, ACLs).
    pub pull_path: Option<Fact<PathFacts>>,
    /// awslogs group name -> whether it exists (DescribeLogGroups).
    pub log_groups: BTreeMap<String, Fact<bool>>,
    /// The subnets the container instances stand in; None without instances.
    pub instance_subnets: Option<Fact<Vec<Subnet>>>,
    /// The capacity providers of the clusters' default strategies (and of the service's), by name.
    pub capacity_providers: BTreeMap<String, Fact<CapacityProvider>>,
}

impl Facts {
    /// The subnets, when they were given and could be read.
    pub fn subnets_ok(&self) -> Option<&[Subnet]> {
        self.subnets.as_ref().and_then(|s| s.as_ref().ok()).map(Vec::as_slice)
    }
}

/// What was fetched for one cluster.
#[derive(Debug, Clone)]
pub struct ClusterFacts {
    pub name: String,
    pub instances: Fact<Vec<ContainerInstance>>,
    pub tasks: Fact<Vec<Task>>,
    pub ec2: Fact<HashMap<String, Ec2Instance>>,
    pub max_enis: Fact<HashMap<String, i32>>,
    /// Instance profile ARN -> its role ARN.
    pub profile_roles: HashMap<String, Fact<Option<String>>>,
    /// Role ARN -> the settings in force for it.
    pub role_settings: BTreeMap<String, Fact<EffectiveSettings>>,
    /// ENIs attached to the cluster's instances; None when they were not asked for.
    pub instance_enis: Option<Fact<Vec<NetworkInterface>>>,
    /// The cluster's default capacity provider strategy, by provider name (DescribeClusters).
    pub default_strategy: Fact<Vec<String>>,
    /// The providers of that strategy (DescribeCapacityProviders), by name.
    pub providers: BTreeMap<String, Fact<CapacityProvider>>,
}

impl ClusterFacts {
    /// A cluster with nothing fetched yet: empty, every fact present (for tests and defaults).
    pub fn empty(name: &str) -> ClusterFacts {
        ClusterFacts {
            name: name.to_string(),
            instances: Ok(vec![]),
            tasks: Ok(vec![]),
            ec2: Ok(HashMap::new()),
            max_enis: Ok(HashMap::new()),
            profile_roles: HashMap::new(),
            role_settings: BTreeMap::new(),
            instance_enis: Some(Ok(vec![])),
            default_strategy: Ok(vec![]),
            providers: BTreeMap::new(),
        }
    }

    /// The role of a container instance, through its EC2 instance profile.
    pub fn role_of(&self, ci: &ContainerInstance) -> Option<&str> {
        let e = self.ec2.as_ref().ok()?.get(ci.ec2_instance_id.as_ref()?)?;
        self.profile_roles.get(e.instance_profile_arn.as_ref()?)?.as_ref().ok()?.as_deref()
    }

    /// awsvpcTrunking in force for the instance's role.
    pub fn role_trunking(&self, ci: &ContainerInstance) -> Option<bool> {
        self.role_settings.get(self.role_of(ci)?)?.as_ref().ok().map(EffectiveSettings::trunking_enabled)
    }

    /// The instance roles that do not have awsvpcTrunking in force.
    pub fn roles_without_trunking(&self) -> Vec<String> {
        let roles: BTreeSet<&str> = self
            .instances
            .as_ref()
            .map(|cis| {
                cis.iter().filter(|ci| self.role_trunking(ci) != Some(true)).filter_map(|ci| self.role_of(ci)).collect()
            })
            .unwrap_or_default();
        roles.into_iter().map(str::to_string).collect()
    }

    /// Why the instance roles could not be read, if they could not.
    pub fn roles_error(&self) -> Option<&Failure> {
        self.ec2.as_ref().err().or_else(|| self.profile_roles.values().find_map(|r| r.as_ref().err()))
    }

    /// The first fact the slot figures rest on that could not be fetched. The instance roles and
    /// their settings are not among them: a trunk ENI on the instance is the evidence of
    /// trunking, and an unreadable role only leaves the note on trunking unknown.
    pub fn capacity_error(&self) -> Option<&Failure> {
        [
            self.instances.as_ref().err(),
            self.tasks.as_ref().err(),
            self.ec2.as_ref().err(),
            self.max_enis.as_ref().err(),
            self.instance_enis.as_ref().and_then(|e| e.as_ref().err()),
        ]
        .into_iter()
        .flatten()
        .next()
    }

    /// Why instance roles or their settings could not be read (each failure once).
    pub fn role_errors(&self) -> Vec<&Failure> {
        let mut out: Vec<&Failure> = self.profile_roles.values().filter_map(|r| r.as_ref().err()).collect();
        out.extend(self.role_settings.values().filter_map(|r| r.as_ref().err()));
        out.dedup_by(|a, b| a.message == b.message);
        out
    }

    /// The task ENI ids ECS knows of in this cluster.
    pub fn task_eni_ids(&self) -> BTreeSet<&str> {
        self.tasks
            .as_ref()
            .map(|ts| ts.iter().flat_map(|t| t.eni_attachments().filter_map(|a| a.eni_id())).collect())
            .unwrap_or_default()
    }
}
