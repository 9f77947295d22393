//! The check registry: every check once, with its stable id (the only place an id is spelled),
//! scope, one-line title, long explanation, the AWS sources of the rules it encodes, whether
//! `run`'s preflight and `diagnose` use it, the optional facts it reads (`needs`: what a gathering
//! for it asks AWS for; `reads capacity`: the clusters' capacity, computed once) and the pure
//! function that evaluates it.

use super::{
    Check, Eval, Preflight, Scope, Source, account, capacity, instance, network, path, placement, pull, service,
    taskdef, vpc,
};
use crate::inventory::Need;

const AWSVPC: Source = Source {
    title: "Amazon ECS Developer Guide, \"Amazon ECS task networking options for the EC2 launch type\", awsvpc network mode",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking-awsvpc.html",
};
const TRUNKING: Source = Source {
    title: "Amazon ECS Developer Guide, \"Increasing Amazon ECS Linux container instance network interfaces\" (ENI trunking: considerations, supported instance types)",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/container-instance-eni.html",
};
const SETTINGS: Source = Source {
    title: "Amazon ECS Developer Guide, \"Amazon ECS account settings\" (awsvpcTrunking, dualStackIPv6; principal, account default, effective settings)",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-account-settings.html",
};
const LIST_SETTINGS: Source = Source {
    title: "Amazon ECS API Reference, ListAccountSettings (effectiveSettings, principalArn, maxResults, nextToken)",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ListAccountSettings.html",
};
const FAILURES: Source = Source {
    title: "Amazon ECS Developer Guide, \"Amazon ECS API failure reasons\" (AGENT, ATTRIBUTE, LOCATION, RESOURCE:ENI)",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/api_failures_messages.html",
};
const AWSVPC_CONFIG: Source = Source {
    title: "Amazon ECS API Reference, AwsVpcConfiguration (subnets: at most 16; securityGroups: at most 5; assignPublicIp)",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_AwsVpcConfiguration.html",
};
const FARGATE_NET: Source = Source {
    title: "Amazon ECS Developer Guide, \"Fargate task networking\"",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-networking.html",
};
const VPC_DNS: Source = Source {
    title: "Amazon VPC User Guide, \"DNS attributes for your VPC\" (enableDnsSupport, enableDnsHostnames)",
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-dns.html",
};
const ROUTES: Source = Source {
    title: "Amazon VPC User Guide, \"Configure route tables\" (main route table, subnet route table)",
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html",
};
const SUBNET_API: Source = Source {
    title: "Amazon EC2 API Reference, Subnet (AvailableIpAddressCount, Ipv6CidrBlockAssociationSet, OwnerId)",
    url: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Subnet.html",
};
const AGENT_UPDATE: Source = Source {
    title: "Amazon ECS Developer Guide, \"Updating the Amazon ECS container agent\"",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-agent-update.html",
};
const VERSION_INFO: Source = Source {
    title: "Amazon ECS API Reference, VersionInfo (agentVersion, agentHash, dockerVersion: no ecs-init version)",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_VersionInfo.html",
};
const CONTAINER_INSTANCE: Source = Source {
    title: "Amazon ECS API Reference, ContainerInstance (status, statusReason, agentConnected, attributes)",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerInstance.html",
};
const WINDOWS: Source = Source {
    title: "Amazon ECS Developer Guide, \"Amazon ECS task networking options for Windows\" (awsvpc considerations)",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/windows-awsvpc.html",
};
const ENI_QUOTAS: Source = Source {
    title: "Amazon EC2 User Guide, \"Maximum IP addresses per network interface\"; EC2 API Reference, NetworkInfo.MaximumNetworkInterfaces",
    url: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/AvailableIpPerENI.html",
};
const LB_TYPES: Source = Source {
    title: "Amazon ECS Developer Guide, \"Use load balancing to distribute Amazon ECS service traffic\" (awsvpc: ALB and NLB, target type ip)",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/load-balancer-types.html",
};
const TASKDEF: Source = Source {
    title: "Amazon ECS Developer Guide, \"Amazon ECS task definition parameters\" (networkMode, requiresCompatibilities, cpu, memory)",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html",
};
const RUN_TASK: Source = Source {
    title: "Amazon ECS API Reference, RunTask (capacityProviderStrategy: without it and without launchType, the \
            cluster's defaultCapacityProviderStrategy; launchType bypasses capacity providers)",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RunTask.html",
};
const ASG_PROVIDERS: Source = Source {
    title: "Amazon ECS Developer Guide, \"Amazon ECS capacity providers for the EC2 workloads\" (Auto Scaling group \
            capacity providers, managed scaling: tasks wait in PROVISIONING for scale-out); API Reference, \
            DescribeCapacityProviders (managedScaling)",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/asg-capacity-providers.html",
};
const RESOURCES: Source = Source {
    title: "Amazon ECS API Reference, ContainerInstance (remainingResources, registeredResources: CPU, MEMORY, GPU)",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerInstance.html",
};
const TASKDEF_API: Source = Source {
    title: "Amazon ECS API Reference, TaskDefinition (compatibilities: the launch types AWS validated it against)",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TaskDefinition.html",
};
const IPV6_SUBNET: Source = Source {
    title: "Amazon VPC User Guide, \"Modify the IPv6 addressing attribute for your subnet\" \
            (AssignIpv6AddressOnCreation); IPv6-only subnets (Ipv6Native)",
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/subnet-public-ip.html",
};
const VERIFY_PATH: Source = Source {
    title: "Amazon ECS Developer Guide, \"Verifying Amazon ECS stopped task connectivity\" (endpoints, private DNS, \
            security groups 443, network ACLs 443 and 1024-65535, NAT or internet gateway and public IP)",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/verify-connectivity.html",
};
const ECR_ENDPOINTS: Source = Source {
    title: "Amazon ECR User Guide, \"Amazon ECR interface VPC endpoints (AWS PrivateLink)\" (ecr.api, ecr.dkr, the S3 \
            gateway endpoint for the layers)",
    url: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html",
};
const PRIVATELINK: Source = Source {
    title: "AWS PrivateLink Guide, \"Access an AWS service using an interface VPC endpoint\" (an endpoint network \
            interface in each subnet chosen, one per Availability Zone; private DNS answers with their addresses)",
    url: "https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html",
};
const EXEC_ROLE: Source = Source {
    title: "Amazon ECS Developer Guide, \"Amazon ECS task execution IAM role\" (when it is needed: private ECR \
            images, awslogs, secrets, registry authentication; trust ecs-tasks.amazonaws.com; \
            AmazonECSTaskExecutionRolePolicy)",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html",
};
const SECRET_KEYS: Source = Source {
    title: "Amazon ECS Developer Guide, \"Amazon ECS task execution IAM role\" (Secrets Manager or Systems Manager \
            permissions: kms:Decrypt only for a customer managed key); Secrets Manager API Reference, DescribeSecret \
            (KmsKeyId); Systems Manager API Reference, DescribeParameters (KeyId); KMS API Reference, DescribeKey \
            (KeyManager)",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html",
};
const SIMULATE: Source = Source {
    title: "IAM API Reference, SimulatePrincipalPolicy (PolicySourceArn, ActionNames, ResourceArns, EvalDecision)",
    url: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html",
};
const AWSLOGS: Source = Source {
    title: "Amazon ECS Developer Guide, \"Send Amazon ECS logs to CloudWatch\" (awslogs-group, awslogs-region, \
            awslogs-create-group); CloudWatch Logs API Reference, DescribeLogGroups",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html",
};
const ANYWHERE: Source = Source {
    title: "Amazon ECS Developer Guide, \"Amazon ECS clusters for external instances\" (ECS Anywhere considerations: \
            bridge, host and none network modes only; awsvpc is not supported)",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-anywhere.html",
};
const SLR: Source = Source {
    title: "Amazon ECS Developer Guide, \"Using service-linked roles for Amazon ECS\" (AWSServiceRoleForECS)",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using-service-linked-roles.html",
};

macro_rules! registry {
    (@eval $eval:path) => { Eval::Facts($eval) };
    (@eval $eval:path, capacity) => { Eval::Capacity($eval) };
    ($( $variant:ident = $id:literal, $scope:ident, $eval:path, preflight $pre:ident, related $rel:literal,
        needs [$($need:ident),*] $(, reads $derived:ident)?,
        title $title:literal, sources [$($src:expr),*], explanation $expl:literal; )*) => {
        /// A check, by its place in the registry. Serialized as its stable id.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum CheckId { $($variant),* }

        /// Every check, in report order.
        pub const CHECKS: &[Check] = &[$(Check {
            id: CheckId::$variant,
            name: $id,
            scope: Scope::$scope,
            title: $title,
            explanation: $expl,
            sources: &[$($src),*],
            preflight: Preflight::$pre,
            related_to_task: $rel,
            needs: &[$(Need::$need),*],
            eval: registry!(@eval $eval $(, $derived)?),
        }),*];
    };
}

registry! {
    ServiceLinkedRole = "account.service-linked-role", Account, account::service_linked_role,
        preflight Always, related false, needs [ServiceLinkedRole],
        title "The ECS service-linked role AWSServiceRoleForECS exists",
        sources [SLR],
        explanation "ECS creates, attaches and deletes task ENIs in your account through the service-linked role \
            AWSServiceRoleForECS. Without it, awsvpc tasks cannot get a network interface. ECS usually creates the role \
            when the first cluster is made; accounts set up by infrastructure code with narrow permissions can lack it. \
            Create it with `aws iam create-service-linked-role --aws-service-name ecs.amazonaws.com`.";
    AwsvpcTrunking = "account.awsvpc-trunking", Account, account::awsvpc_trunking,
        preflight No, related false, needs [AccountSettings, RoleSettings],
        title "awsvpcTrunking in force for the caller, the account default and each instance role",
        sources [TRUNKING, SETTINGS, LIST_SETTINGS],
        explanation "ENI trunking raises the number of awsvpc tasks an instance can host (a c5.large: 2 without, 10 \
            with) by attaching one trunk ENI and giving tasks branch interfaces. The setting awsvpcTrunking is per \
            principal: what matters is the setting in force for the IAM role of the container instances (their EC2 \
            instance profile), at the moment the instance registers. Enabling it for yourself (the caller) or as the \
            account default while the instance role has an explicit `disabled` does nothing for the instances. Only \
            instances launched after the opt-in get a trunk; existing ones must be replaced. awsvpc reads the effective \
            value with ListAccountSettings (effectiveSettings, every page) for the caller, the account root (the \
            default) and each instance role.";
    DualStackIpv6 = "account.dual-stack-ipv6", Account, account::dual_stack_ipv6,
        preflight No, related false, needs [AccountSettings],
        title "dualStackIPv6 in force for the caller and the account default",
        sources [SETTINGS, AWSVPC, LIST_SETTINGS],
        explanation "Tasks get IPv6 addresses only when dualStackIPv6 is enabled (it is by default, unless the account \
            ran an awsvpc task in an IPv6 subnet between 2020-10-01 and 2020-11-02), the subnet has an IPv6 CIDR and the \
            agent is 1.45.0 or later on Linux. Enable it with `aws ecs put-account-setting-default --name dualStackIPv6 \
            --value enabled`.";
    SubnetCount = "network.subnet-count", Network, network::subnet_count,
        preflight Always, related false, needs [],
        title "1 to 16 subnets are given",
        sources [AWSVPC_CONFIG],
        explanation "An awsvpcConfiguration takes 1 to 16 subnets; RunTask and CreateService refuse more.";
    SecurityGroupCount = "network.security-group-count", Network, network::security_group_count,
        preflight Always, related false, needs [],
        title "At most 5 security groups are given",
        sources [AWSVPC_CONFIG],
        explanation "An awsvpcConfiguration takes at most 5 security groups. With none, the task ENI gets the VPC's \
            default security group.";
    Exists = "network.exists", Network, network::exists,
        preflight Always, related false, needs [],
        title "Every given subnet and security group exists",
        sources [AWSVPC_CONFIG],
        explanation "Every subnet and security group must exist in the account and region the tasks run in. A typo or \
            the wrong --region shows here before RunTask fails.";
    SingleVpc = "network.single-vpc", Network, network::single_vpc,
        preflight Always, related false, needs [],
        title "All subnets and security groups are in one VPC",
        sources [AWSVPC_CONFIG],
        explanation "All subnets and security groups of one awsvpcConfiguration must be in the same VPC (and, on EC2, \
            in the VPC of the container instances).";
    PublicIp = "network.public-ip", Network, network::public_ip,
        preflight Always, related false, needs [Strategies],
        title "A public IP is requested only for Fargate",
        sources [AWSVPC, FARGATE_NET],
        explanation "assignPublicIp ENABLED is for Fargate only. On EC2, RunTask fails with \"Assign public IP is not \
            supported for this launch type\": task ENIs on EC2 never get a public IP.";
    LaunchType = "network.launch-type", Network, network::launch_type,
        preflight Always, related false, needs [Strategies],
        title "The launch type supports awsvpc (EC2 and Fargate; not EXTERNAL)",
        sources [ANYWHERE, RUN_TASK],
        explanation "The awsvpc network mode works on EC2 and Fargate. External instances (ECS Anywhere) support only the \
            bridge, host and none network modes: an awsvpc task cannot run there. Without --launch-type the target is \
            the one AWS uses: the service's or the given capacity provider strategy, else the cluster's default \
            capacity provider strategy (FARGATE and FARGATE_SPOT: Fargate; Auto Scaling group and Managed Instances \
            providers: EC2), else EC2.";
    FreeAddresses = "network.free-addresses", Network, network::free_addresses,
        preflight Always, related true, needs [],
        title "Every subnet has free IP addresses for task ENIs",
        sources [AWSVPC, SUBNET_API],
        explanation "Every awsvpc task takes one private address of its subnet. A subnet without free addresses makes \
            tasks stop with InsufficientFreeAddressesInSubnet. awsvpc reads AvailableIpAddressCount per subnet, and \
            with --tasks N checks that N addresses are free in all. AvailableIpAddressCount counts IPv4 addresses \
            only: an IPv6-only subnet (Ipv6Native) is never failed for it.";
    InternetEgress = "network.internet-egress", Network, network::internet_egress,
        preflight Always, related true, needs [Strategies],
        title "The subnets' routes give the tasks the internet egress they need",
        sources [AWSVPC, FARGATE_NET, ROUTES],
        explanation "Task ENIs on EC2 never get public IP addresses, so an EC2 task in a public subnet (0.0.0.0/0 to an \
            internet gateway) has no internet access: put EC2 tasks in private subnets with a NAT gateway (or VPC \
            endpoints). On Fargate, a task in a public subnet needs assignPublicIp ENABLED to pull images; a private \
            subnet needs a NAT gateway or VPC endpoints for ECR, S3 and CloudWatch Logs. The route table is the \
            subnet's explicit association, else the VPC's main table.";
    Ipv6 = "network.ipv6", Network, network::ipv6,
        preflight No, related false, needs [],
        title "With --require ipv6: IPv6 CIDRs on the subnets and a ::/0 route to an internet or egress-only gateway",
        sources [AWSVPC, ROUTES, SUBNET_API, IPV6_SUBNET],
        explanation "Tasks get an IPv6 address when dualStackIPv6 is in effect, their VPC and subnet have an IPv6 \
            CIDR block and the subnet assigns IPv6 addresses to new network interfaces (AssignIpv6AddressOnCreation) (Linux, agent 1.45.0 or later; awsvpc on Windows has no IPv6). A ::/0 route to an internet \
            gateway or an egress-only internet gateway is needed only for IPv6 internet access: its absence is a \
            warning. Checked with --require ipv6.";
    DnsSupport = "vpc.dns-support", Vpc, vpc::dns_support,
        preflight Always, related true, needs [],
        title "The VPC resolves DNS (enableDnsSupport)",
        sources [VPC_DNS],
        explanation "With enableDnsSupport off, the VPC's DNS resolver does not answer: tasks cannot resolve names (on \
            Fargate this commonly ends in ResourceInitializationError while pulling the image).";
    DnsHostnames = "vpc.dns-hostnames", Vpc, vpc::dns_hostnames,
        preflight Always, related true, needs [],
        title "The VPC gives tasks DNS hostnames (enableDnsHostnames)",
        sources [VPC_DNS, AWSVPC],
        explanation "Tasks get their Amazon-provided DNS hostname only when the VPC has both enableDnsHostnames and \
            enableDnsSupport; otherwise a random hostname.";
    InstanceAzs = "network.instance-azs", Network, placement::instance_azs,
        preflight Ec2, related false, needs [Strategies],
        title "EC2: every subnet's AZ has container instances that can host awsvpc tasks",
        sources [FAILURES],
        explanation "On EC2, ECS places a task only on a container instance in the Availability Zone of one of its \
            subnets. Subnets in AZs without suitable instances (ACTIVE, agent connected, ecs.capability.task-eni) take \
            no tasks; when none of the subnets has one, RunTask answers with failures LOCATION or ATTRIBUTE.";
    InstancesVpc = "network.instances-vpc", Network, placement::instances_vpc,
        preflight Ec2, related false, needs [Strategies],
        title "EC2: the container instances are in the subnets' VPC",
        sources [AWSVPC],
        explanation "On EC2, the task ENI is attached to the container instance, so the subnets must be in the \
            instances' VPC.";
    SharedSubnets = "network.shared-subnets", Network, placement::shared_subnets,
        preflight No, related false, needs [RoleSettings, Strategies],
        title "EC2 with trunking: no container instance stands in a subnet shared from another account",
        sources [TRUNKING, SUBNET_API],
        explanation "ENI trunking is not supported for container instances in subnets shared from another account (AWS \
            RAM): such instances end in REGISTRATION_FAILED. awsvpc compares the owner of each subnet a container \
            instance stands in (EC2 DescribeInstances, SubnetId) with the cluster's account when trunking is enabled \
            for an instance role or required; the tasks' own subnets may be shared.";
    InstanceStatus = "instance.status", Instance, instance::status,
        preflight Ec2, related true, needs [],
        title "The container instance is ACTIVE and its agent connected",
        sources [FAILURES, CONTAINER_INSTANCE],
        explanation "Tasks are placed only on ACTIVE container instances whose agent is connected (RunTask failure \
            AGENT otherwise). REGISTRATION_FAILED comes with a statusReason (with trunking: for example shared \
            subnets); DRAINING instances take no new tasks.";
    AgentVersion = "instance.agent-version", Instance, instance::agent_version,
        preflight Ec2, related true, needs [RoleSettings],
        title "The agent meets the awsvpc minimum for its OS, and the trunking / IPv6 minimums where they apply",
        sources [AWSVPC, TRUNKING, AGENT_UPDATE, VERSION_INFO],
        explanation "awsvpc needs ECS agent 1.15.0 or later on Linux (1.54.0 on Windows); ENI trunking 1.28.1 or later; \
            IPv6 1.45.0 or later. Versions are compared as numbers (1.9.0 is older than 1.15.0).";
    TaskEni = "instance.task-eni", Instance, instance::task_eni,
        preflight Ec2, related true, needs [],
        title "The instance advertises ecs.capability.task-eni",
        sources [AWSVPC, FAILURES, CONTAINER_INSTANCE],
        explanation "The agent advertises ecs.capability.task-eni when it can host awsvpc tasks. Without it ECS does \
            not place awsvpc tasks on the instance (RunTask failure ATTRIBUTE).";
    Os = "instance.os", Instance, instance::os,
        preflight Ec2, related false, needs [],
        title "The OS can host awsvpc tasks (not Windows Server 2016; Windows: no trunking, no IPv6)",
        sources [WINDOWS],
        explanation "The Windows Server 2016 ECS-optimized AMI cannot host awsvpc tasks. Windows supports awsvpc from \
            agent 1.54.0, without ENI trunking and without IPv6.";
    TrunkEni = "instance.trunk-eni", Instance, instance::trunk_eni,
        preflight No, related false, needs [RoleSettings],
        title "A trunk ENI is attached where trunking is in effect for the instance role and the type supports it",
        sources [TRUNKING],
        explanation "When trunking is in effect for an instance, the agent attaches a trunk ENI and advertises \
            ecs.awsvpc-trunk-id. An instance of a supported type whose role has awsvpcTrunking enabled but has no trunk \
            was launched before the opt-in (or the trunk could not be attached): it keeps the low, untrunked task limit \
            until it is replaced. Trunking also needs resource-based IPv4 DNS (A record) requests off on the \
            instance: with them on, a replacement fails the same way until the subnet or launch template turns them \
            off.";
    ManualEnis = "instance.manual-enis", Instance, instance::manual_enis,
        preflight Ec2, related true, needs [InstanceEnis],
        title "No ENIs are attached to the instance by hand",
        sources [AWSVPC],
        explanation "ECS counts an instance's ENI slots itself. ENIs attached to a container instance by hand take \
            slots ECS believes free: tasks placed there wait in PROVISIONING and stop with \"Timeout waiting for network \
            interface provisioning\".";
    EcsInit = "instance.ecs-init", Instance, instance::ecs_init,
        preflight No, related false, needs [],
        title "The ecs-init version (not exposed by the API: reported as not verifiable)",
        sources [AWSVPC, TRUNKING, VERSION_INFO],
        explanation "On the ECS-optimized AMI, awsvpc needs ecs-init 1.15.0-4 or later (trunking: 1.28.1-2). The ECS \
            API reports the agent version but not the ecs-init version, so awsvpc cannot verify it and says so instead \
            of passing it.";
    InstanceCapacity = "capacity.instance", Capacity, capacity::instance,
        preflight No, related true, needs [InstanceEnis], reads capacity,
        title "Free awsvpc task slots per container instance (ENI quota, or the trunking table)",
        sources [ENI_QUOTAS, TRUNKING, FAILURES],
        explanation "Each awsvpc task on EC2 takes one ENI of its instance, and the primary ENI is not available: \
            without trunking an instance hosts MaximumNetworkInterfaces - 1 awsvpc tasks (a c5.large: 3 ENIs, 2 tasks). \
            With a trunk ENI the limit comes from AWS's trunking table (a c5.large: 10). When an instance is full, \
            placement fails with RESOURCE:ENI.";
    ClusterCapacity = "capacity.cluster", Capacity, capacity::cluster,
        preflight Ec2, related false, needs [InstanceEnis, RoleSettings, Strategies], reads capacity,
        title "Free awsvpc task slots per AZ and cluster; with --tasks N, whether N fit",
        sources [TRUNKING, ENI_QUOTAS, FAILURES, RESOURCES, RUN_TASK, ASG_PROVIDERS],
        explanation "The free awsvpc task slots of the usable instances, per Availability Zone and in total (only the \
            subnets' AZs count when subnets are given). With --tasks N, awsvpc says whether N more tasks fit, and if \
            not the shortest ways to make room: trunking for the instance role (then replace the instances), more \
            instances, subnets in AZs with free slots. With a task definition a task fits on one instance with room \
            for all of it: CPU units, memory and GPUs (remainingResources) and an ENI slot, and the answer names \
            what binds. On a cluster whose launch target is Fargate there is no EC2 question; under an Auto Scaling \
            group capacity provider with managed scaling, tasks that do not fit wait in PROVISIONING while ECS \
            scales out: a warning, not a failure.";
    NetworkMode = "taskdef.network-mode", Taskdef, taskdef::network_mode,
        preflight Always, related true, needs [],
        title "The task definition uses the awsvpc network mode",
        sources [TASKDEF, AWSVPC],
        explanation "Only task definitions with networkMode awsvpc get an ENI of their own; Fargate requires awsvpc.";
    Compatibility = "taskdef.compatibility", Taskdef, taskdef::compatibility,
        preflight Always, related true, needs [Strategies],
        title "The task definition is compatible with the launch type (Fargate: task-level cpu and memory)",
        sources [TASKDEF, TASKDEF_API],
        explanation "A task definition runs on a launch type its requiresCompatibilities includes (none: EC2 only). \
            Fargate also needs task-level cpu and memory.";
    PullPath = "network.pull-path", Network, path::pull_path,
        preflight Always, related true, needs [PullPath, Strategies],
        title "Each subnet reaches what the task fetches before it starts (ECR, S3, Logs, Secrets Manager, SSM)",
        sources [VERIFY_PATH, ECR_ENDPOINTS, PRIVATELINK, ROUTES],
        explanation "Before its containers start a task pulls its image and fetches its secrets and log group: \
            through a NAT route, an internet gateway with a public IP (Fargate), or VPC endpoints with private DNS \
            (ecr.api and ecr.dkr for a private ECR image, with the S3 gateway endpoint on the subnet's route table \
            for the layers; logs, secretsmanager, ssm as used). The endpoints' security groups must admit TCP 443 \
            from the tasks, the tasks' security groups must allow 443 out (to S3's prefix list for the gateway \
            endpoint), and the subnet's network ACL must allow 443 out and the ephemeral ports back. A public \
            registry image needs an internet path: no endpoint serves it. On EC2 the container instance pulls and \
            fetches, so the path is judged from the instances' subnets, security groups and public IPs. An \
            endpoint without an interface in the task's zone still serves it across zones (a warning). Judged \
            with --task-definition (or a service's).";
    ExecutionRole = "taskdef.execution-role", Taskdef, pull::execution_role,
        preflight Always, related true, needs [ExecutionRole, Strategies],
        title "A task execution role where the task needs one: declared, existing, trusted by ecs-tasks.amazonaws.com",
        sources [EXEC_ROLE],
        explanation "Before its containers start a task pulls private Amazon ECR images, sends awslogs logs and \
            reads its secrets (Secrets Manager, SSM Parameter Store) and registry credentials with its task \
            execution role. On Fargate every one of these needs the role; on EC2 the instance role pulls and logs \
            when there is none, but secrets and registry credentials still need it. The role must exist and its \
            trust policy must let ecs-tasks.amazonaws.com assume it, or the task stops with \
            ResourceInitializationError or CannotPullContainerError.";
    ExecutionRolePermissions = "taskdef.execution-role-permissions", Taskdef, pull::execution_role_permissions,
        preflight Always, related true, needs [ExecutionRole],
        title "The task execution role may do what the task definition needs (ECR pull, logs, secrets)",
        sources [EXEC_ROLE, SIMULATE, SECRET_KEYS],
        explanation "Each action the task needs on its resource: ecr:GetAuthorizationToken, \
            ecr:BatchCheckLayerAvailability, ecr:GetDownloadUrlForLayer and ecr:BatchGetImage on the repository; \
            logs:CreateLogStream and logs:PutLogEvents on the log group (logs:CreateLogGroup with \
            awslogs-create-group); secretsmanager:GetSecretValue and ssm:GetParameters on each secret, and \
            kms:Decrypt on a secret's key when it is customer managed (DescribeSecret, DescribeParameters, \
            DescribeKey; a key that cannot be read is an error, not a pass). Judged with \
            IAM SimulatePrincipalPolicy where the caller may use it, else from the role's attached and inline \
            policies (a Condition makes a grant unverifiable: a warning); neither readable is an error. Resource \
            policies and KMS key policies are not evaluated.";
    LogGroup = "taskdef.log-group", Taskdef, pull::log_group,
        preflight Always, related true, needs [ExecutionRole],
        title "The awslogs log group exists (or awslogs-create-group is set)",
        sources [AWSLOGS],
        explanation "The awslogs driver writes to an existing log group unless awslogs-create-group is true; a \
            missing group stops the task with ResourceInitializationError (failed to validate logger args).";
    ServiceNetwork = "service.network-configuration", Service, service::network_configuration,
        preflight No, related false, needs [],
        title "The service has an awsvpc network configuration",
        sources [AWSVPC_CONFIG],
        explanation "A service of an awsvpc task definition needs an awsvpcConfiguration (subnets, security groups, \
            public IP).";
    LoadBalancers = "service.load-balancers", Service, service::load_balancers,
        preflight No, related false, needs [],
        title "Load balancers are ALB/NLB target groups of type ip in the tasks' VPC",
        sources [LB_TYPES, AWSVPC],
        explanation "Services in the awsvpc network mode work with Application and Network Load Balancers only (not \
            Classic), and their target groups must have the target type ip, since tasks register by their ENI's \
            address; the target group must be in the tasks' VPC.";
}
