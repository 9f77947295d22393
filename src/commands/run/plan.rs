//! A validated launch: what dispatch (`dispatch/plan/run.rs`) makes of `run`'s options.

use std::time::Duration;

use crate::error::invalid;
use crate::inventory::{CapacityProviderItem, ContainerOverrides};

/// A validated launch.
#[derive(Debug, Clone)]
pub struct Plan {
    pub cluster: String,
    pub task_definition: Option<String>,
    pub like_service: Option<String>,
    pub subnets: Vec<String>,
    pub security_groups: Vec<String>,
    pub public_ip: Option<bool>,
    pub launch_type: Option<&'static str>,
    pub capacity_providers: Vec<CapacityProviderItem>,
    pub platform_version: Option<String>,
    pub count: u32,
    pub started_by: Option<String>,
    pub group: Option<String>,
    pub tags: Vec<(String, String)>,
    pub propagate_tags: Option<&'static str>,
    pub enable_execute_command: bool,
    /// Command and environment overrides, one entry per container, by name.
    pub containers: Vec<ContainerOverrides>,
    pub client_token: String,
    pub preflight: bool,
    pub force: bool,
    pub wait: bool,
    pub timeout: Duration,
    pub poll: Duration,
    pub dry_run: bool,
    pub yes: bool,
}

/// The command line says the tasks run on instances: `--launch-type EC2`, or capacity providers
/// none of which is FARGATE or FARGATE_SPOT. Without either, the cluster's default strategy
/// decides, which only AWS can tell (`run` resolves it before the launch).
pub fn ec2_for_sure(launch_type: Option<&str>, providers: &[CapacityProviderItem]) -> bool {
    launch_type == Some("EC2")
        || (launch_type.is_none()
            && !providers.is_empty()
            && !providers.iter().any(|p| crate::rules::target::is_fargate(&p.name)))
}

/// The public-IP rule (AWS: assignPublicIp ENABLED is Fargate only), as an input error. `why`:
/// what makes the tasks EC2 tasks.
pub fn public_ip_refused(why: &str) -> anyhow::Error {
    invalid(
        "--assign-public-ip",
        "ENABLED",
        &format!(
            "a public IP is only for Fargate (task ENIs on EC2 never get one) and these tasks run on EC2 ({why}); use \
             --launch-type FARGATE or a private subnet with NAT"
        ),
    )
}
