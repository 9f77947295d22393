//! `awsvpc explain ID`: the long explanation of a check, with links to the AWS documentation.
//! Every id of `check::CHECKS` has an entry here (a unit test makes sure).

use anyhow::Result;
use serde::Serialize;

use crate::commands::check::CHECKS;
use crate::error::invalid;
use crate::output::{Mode, Render};

const AWSVPC: &str = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking-awsvpc.html";
const TRUNKING: &str = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/container-instance-eni.html";
const SETTINGS: &str = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-account-settings.html";
const FAILURES: &str = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/api_failures_messages.html";
const AWSVPC_CONFIG: &str = "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_AwsVpcConfiguration.html";
const FARGATE_NET: &str = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-networking.html";
const VPC_DNS: &str = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-dns.html";
const ROUTES: &str = "https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html";
const AGENT_UPDATE: &str = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-agent-update.html";
const WINDOWS: &str = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/windows-awsvpc.html";
const ENI_QUOTAS: &str = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/AvailableIpPerENI.html";
const LB_TYPES: &str = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/load-balancer-types.html";
const TASKDEF: &str = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html";
const SLR: &str = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using-service-linked-roles.html";

/// (id, explanation, links)
const EXPLANATIONS: &[(&str, &str, &[&str])] = &[
    ("account.service-linked-role",
     "ECS creates, attaches and deletes task ENIs in your account through the service-linked role AWSServiceRoleForECS. \
      Without it, awsvpc tasks cannot get a network interface. ECS usually creates the role when the first cluster is made; \
      accounts set up by infrastructure code with narrow permissions can lack it. Create it with \
      `aws iam create-service-linked-role --aws-service-name ecs.amazonaws.com`.",
     &[SLR]),
    ("account.awsvpc-trunking",
     "ENI trunking raises the number of awsvpc tasks an instance can host (a c5.large: 2 without, 10 with) by attaching one \
      trunk ENI and giving tasks branch interfaces. The setting awsvpcTrunking is per principal: what matters is the setting \
      in force for the IAM role of the container instances (their EC2 instance profile), at the moment the instance registers. \
      Enabling it for yourself (the caller) or as the account default while the instance role has an explicit `disabled` does \
      nothing for the instances. Only instances launched after the opt-in get a trunk; existing ones must be replaced. \
      awsvpc reads the effective value with ListAccountSettings (effectiveSettings) for the caller, the account root \
      (the default) and each instance role.",
     &[TRUNKING, SETTINGS]),
    ("account.dual-stack-ipv6",
     "Tasks get IPv6 addresses only when dualStackIPv6 is enabled (it is by default, unless the account ran an awsvpc task \
      in an IPv6 subnet between 2020-10-01 and 2020-11-02), the subnet has an IPv6 CIDR and the agent is 1.45.0 or later \
      on Linux. Enable it with `aws ecs put-account-setting-default --name dualStackIPv6 --value enabled`.",
     &[SETTINGS, AWSVPC]),
    ("network.subnet-count",
     "An awsvpcConfiguration takes 1 to 16 subnets; RunTask and CreateService refuse more.",
     &[AWSVPC_CONFIG]),
    ("network.security-group-count",
     "An awsvpcConfiguration takes at most 5 security groups. With none, the task ENI gets the VPC's default security group.",
     &[AWSVPC_CONFIG]),
    ("network.exists",
     "Every subnet and security group must exist in the account and region the tasks run in. A typo or the wrong \
      --region shows here before RunTask fails.",
     &[AWSVPC_CONFIG]),
    ("network.single-vpc",
     "All subnets and security groups of one awsvpcConfiguration must be in the same VPC (and, on EC2, in the VPC of the \
      container instances).",
     &[AWSVPC_CONFIG]),
    ("network.public-ip",
     "assignPublicIp ENABLED is for Fargate only. On EC2, RunTask fails with \"Assign public IP is not supported for this \
      launch type\": task ENIs on EC2 never get a public IP.",
     &[AWSVPC, FARGATE_NET]),
    ("network.free-addresses",
     "Every awsvpc task takes one private address of its subnet. A subnet without free addresses makes tasks stop with \
      InsufficientFreeAddressesInSubnet. awsvpc reads AvailableIpAddressCount per subnet, and with --tasks N checks that \
      N addresses are free in all.",
     &[AWSVPC]),
    ("network.internet-egress",
     "Task ENIs on EC2 never get public IP addresses, so an EC2 task in a public subnet (0.0.0.0/0 to an internet gateway) \
      has no internet access: put EC2 tasks in private subnets with a NAT gateway (or VPC endpoints). On Fargate, a task in \
      a public subnet needs assignPublicIp ENABLED to pull images; a private subnet needs a NAT gateway or VPC endpoints for \
      ECR, S3 and CloudWatch Logs. The route table is the subnet's explicit association, else the VPC's main table.",
     &[AWSVPC, FARGATE_NET, ROUTES]),
    ("network.ipv6",
     "For IPv6, the VPC and every subnet need an IPv6 CIDR block, and egress goes through an internet gateway or an \
      egress-only internet gateway (a ::/0 route). Checked with --require ipv6.",
     &[AWSVPC, ROUTES]),
    ("network.instance-azs",
     "On EC2, ECS places a task only on a container instance in the Availability Zone of one of its subnets. Subnets in AZs \
      without suitable instances (ACTIVE, agent connected, ecs.capability.task-eni) take no tasks; when none of the subnets \
      has one, RunTask answers with failures LOCATION or ATTRIBUTE.",
     &[FAILURES]),
    ("network.instances-vpc",
     "On EC2, the task ENI is attached to the container instance, so the subnets must be in the instances' VPC.",
     &[AWSVPC]),
    ("network.shared-subnets",
     "ENI trunking is not supported for container instances in subnets shared from another account (AWS RAM): such \
      instances end in REGISTRATION_FAILED. awsvpc compares each subnet's owner with the cluster's account when trunking \
      is enabled for an instance role or required.",
     &[TRUNKING]),
    ("vpc.dns-support",
     "With enableDnsSupport off, the VPC's DNS resolver does not answer: tasks cannot resolve names (on Fargate this \
      commonly ends in ResourceInitializationError while pulling the image).",
     &[VPC_DNS]),
    ("vpc.dns-hostnames",
     "Tasks get their Amazon-provided DNS hostname only when the VPC has both enableDnsHostnames and enableDnsSupport; \
      otherwise a random hostname.",
     &[VPC_DNS, AWSVPC]),
    ("instance.status",
     "Tasks are placed only on ACTIVE container instances whose agent is connected (RunTask failure AGENT otherwise). \
      REGISTRATION_FAILED comes with a statusReason (with trunking: for example shared subnets); DRAINING instances take no \
      new tasks.",
     &[FAILURES]),
    ("instance.agent-version",
     "awsvpc needs ECS agent 1.15.0 or later on Linux (1.54.0 on Windows); ENI trunking 1.28.1 or later; IPv6 1.45.0 or \
      later. Versions are compared as numbers (1.9.0 is older than 1.15.0).",
     &[AWSVPC, TRUNKING, AGENT_UPDATE]),
    ("instance.task-eni",
     "The agent advertises ecs.capability.task-eni when it can host awsvpc tasks. Without it ECS does not place awsvpc tasks \
      on the instance (RunTask failure ATTRIBUTE).",
     &[AWSVPC, FAILURES]),
    ("instance.os",
     "The Windows Server 2016 ECS-optimized AMI cannot host awsvpc tasks. Windows supports awsvpc from agent 1.54.0, \
      without ENI trunking and without IPv6.",
     &[WINDOWS]),
    ("instance.trunk-eni",
     "When trunking is in effect for an instance, the agent attaches a trunk ENI and advertises ecs.awsvpc-trunk-id. An \
      instance of a supported type whose role has awsvpcTrunking enabled but has no trunk was launched before the opt-in (or \
      the trunk could not be attached): it keeps the low, untrunked task limit until it is replaced.",
     &[TRUNKING]),
    ("instance.manual-enis",
     "ECS counts an instance's ENI slots itself. ENIs attached to a container instance by hand take slots ECS believes free: \
      tasks placed there wait in PROVISIONING and stop with \"Timeout waiting for network interface provisioning\".",
     &[AWSVPC]),
    ("instance.ecs-init",
     "On the ECS-optimized AMI, awsvpc needs ecs-init 1.15.0-4 or later (trunking: 1.28.1-2). The ECS API reports the agent \
      version but not the ecs-init version, so awsvpc cannot verify it and says so instead of passing it.",
     &[AWSVPC, TRUNKING]),
    ("capacity.instance",
     "Each awsvpc task on EC2 takes one ENI of its instance, and the primary ENI is not available: without trunking an \
      instance hosts MaximumNetworkInterfaces - 1 awsvpc tasks (a c5.large: 3 ENIs, 2 tasks). With a trunk ENI the limit \
      comes from AWS's trunking table (a c5.large: 10). When an instance is full, placement fails with RESOURCE:ENI.",
     &[ENI_QUOTAS, TRUNKING, FAILURES]),
    ("capacity.cluster",
     "The free awsvpc task slots of the usable instances, per Availability Zone and in total (only the subnets' AZs count \
      when subnets are given). With --tasks N, awsvpc says whether N more tasks fit, and if not the shortest ways to make \
      room: trunking for the instance role (then replace the instances), more instances, subnets in AZs with free slots.",
     &[TRUNKING, ENI_QUOTAS]),
    ("taskdef.network-mode",
     "Only task definitions with networkMode awsvpc get an ENI of their own; Fargate requires awsvpc.",
     &[TASKDEF, AWSVPC]),
    ("taskdef.compatibility",
     "A task definition runs on a launch type its requiresCompatibilities includes (none: EC2 only). Fargate also needs \
      task-level cpu and memory.",
     &[TASKDEF]),
    ("service.network-configuration",
     "A service of an awsvpc task definition needs an awsvpcConfiguration (subnets, security groups, public IP).",
     &[AWSVPC_CONFIG]),
    ("service.load-balancers",
     "Services in the awsvpc network mode work with Application and Network Load Balancers only (not Classic), and their \
      target groups must have the target type ip, since tasks register by their ENI's address; the target group must be in \
      the tasks' VPC.",
     &[LB_TYPES, AWSVPC]),
];

#[derive(Debug, Serialize)]
pub struct Explanation {
    pub id: &'static str,
    pub scope: &'static str,
    pub summary: &'static str,
    pub explanation: String,
    pub links: Vec<&'static str>,
}

/// Validated before anything else: the id must be a check id.
pub fn explain(id: &str) -> Result<Explanation> {
    let (cid, scope, summary) = CHECKS
        .iter()
        .find(|(c, _, _)| *c == id)
        .ok_or_else(|| invalid("ID", id, "a check id (`awsvpc check --list` lists them)"))?;
    let (_, text, links) = EXPLANATIONS.iter().find(|(c, _, _)| c == cid).expect("every check has an explanation");
    Ok(Explanation {
        id: cid,
        scope,
        summary,
        explanation: text.split_whitespace().collect::<Vec<_>>().join(" "),
        links: links.to_vec(),
    })
}

/// Lines of at most `width` characters.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push_str(&line);
    out.push('\n');
    out
}

impl Render for Explanation {
    fn table(&self, _mode: &Mode) -> String {
        let mut out = format!("{} ({})\n{}\n\n", self.id, self.scope, self.summary);
        out.push_str(&wrap(&self.explanation, 78));
        out.push_str("\nAWS documentation:\n");
        for l in &self.links {
            out.push_str(&format!("  {l}\n"));
        }
        out
    }

    fn text_columns(&self) -> &'static [&'static str] {
        &["id", "scope", "summary", "explanation", "links"]
    }

    fn text_rows(&self) -> Vec<Vec<String>> {
        vec![vec![
            self.id.into(),
            self.scope.into(),
            self.summary.into(),
            self.explanation.clone(),
            self.links.join(" "),
        ]]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_check_is_explained_with_a_link() {
        for (id, _, _) in CHECKS {
            let e = explain(id).unwrap();
            assert!(e.explanation.len() > 40, "{id}");
            assert!(
                !e.links.is_empty() && e.links.iter().all(|l| l.starts_with("https://docs.aws.amazon.com/")),
                "{id}"
            );
        }
        assert_eq!(EXPLANATIONS.len(), CHECKS.len(), "no explanation without a check");
        assert!(explain("nope").is_err());
    }

    #[test]
    fn wrap_keeps_words_and_width() {
        let w = wrap("aaa bbb ccc ddd", 7);
        assert_eq!(w, "aaa bbb\nccc ddd\n");
    }
}
