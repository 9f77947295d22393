//! The command-line interface as a declaration only: clap types and no logic, so that the
//! generator (`awsvpc generate`, src/generate.rs) can build completions and man pages from `Cli::command()`.

mod check;
pub use check::CheckArgs;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Preflight, launch and inspect Amazon ECS tasks in the awsvpc network mode.
#[derive(Debug, Parser)]
#[command(name = "awsvpc", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub aws: AwsArgs,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// How to reach AWS. Names and semantics follow the AWS CLI.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "AWS options")]
pub struct AwsArgs {
    /// Use a specific profile from the AWS config and credentials files (default: AWS_PROFILE).
    #[arg(long, global = true)]
    pub profile: Option<String>,

    /// The AWS region to use (default: AWS_REGION, then the profile's region; never guessed).
    /// Repeated or comma-separated, the reading commands run in each region at once.
    #[arg(long, global = true, value_delimiter = ',', value_name = "REGION")]
    pub region: Vec<String>,

    /// Run in every region enabled for the account (EC2 DescribeRegions), at once.
    #[arg(long, global = true, conflicts_with = "region")]
    pub all_regions: bool,

    /// Send requests to this URL instead of the service's default endpoint (also AWS_ENDPOINT_URL).
    #[arg(long, global = true, value_name = "URL")]
    pub endpoint_url: Option<String>,

    /// Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else the
    /// profile's max_attempts, else 5).
    #[arg(long, global = true, value_name = "N", allow_negative_numbers = true, value_parser = clap::value_parser!(u32).range(1..=20))]
    pub max_attempts: Option<u32>,

    /// Seconds to wait for each AWS response (also --cli-read-timeout; 0: no timeouts at all).
    /// Default: 20 per attempt and 60 per operation, retries included.
    #[arg(long, alias = "cli-read-timeout", global = true, value_name = "SECONDS", allow_negative_numbers = true, value_parser = clap::value_parser!(u64).range(0..=3600))]
    pub read_timeout: Option<u64>,

    /// Seconds to wait for a connection (also --cli-connect-timeout; 0: none). Default: 5.
    #[arg(long, alias = "cli-connect-timeout", global = true, value_name = "SECONDS", allow_negative_numbers = true, value_parser = clap::value_parser!(u64).range(0..=3600))]
    pub connect_timeout: Option<u64>,

    /// Seconds a throttled AWS call keeps retrying, its throttled attempts not counted by
    /// --max-attempts (0: throttling counts as any other error). Default: 40.
    #[arg(long, global = true, value_name = "SECONDS", allow_negative_numbers = true, value_parser = clap::value_parser!(u64).range(0..=3600))]
    pub throttle_budget: Option<u64>,

    /// The most the whole command may take (for example 90s, 10m, 1h); when it passes, the
    /// command ends with exit 3 naming the calls in flight. On `run` and `stop` it bounds the wait
    /// for the tasks (default there: 10m). Default: no bound beyond the per-call timeouts.
    #[arg(long, global = true, value_name = "DURATION")]
    pub timeout: Option<String>,
}

/// How results are shown.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Output options")]
pub struct OutputArgs {
    /// Output format: a table for people, JSON for programs, tab-separated text for shell scripts,
    /// JUnit XML for CI (`check` only). Default: the AWSVPC_OUTPUT environment variable, else table.
    #[arg(long, global = true, value_enum)]
    pub output: Option<OutputFormat>,

    /// When to colour the table: auto (on a terminal, unless NO_COLOR is set; a non-empty
    /// CLICOLOR_FORCE other than 0 forces it), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    /// Never use colour: the same as --color never.
    #[arg(long, global = true)]
    pub no_color: bool,

    /// Print a header line in `--output text`.
    #[arg(long, global = true)]
    pub headers: bool,

    /// Tables with every column (by default they show the columns that fit 100 characters).
    #[arg(long, global = true)]
    pub wide: bool,

    /// A JMESPath query on the command's JSON document, as the AWS CLI's --query: the result is
    /// printed as JSON (json, table) or flattened as the AWS CLI does (text).
    #[arg(long, global = true, value_name = "JMESPATH")]
    pub query: Option<String>,

    /// The columns of `--output text`, by name and in this order (names as in the JSON; the
    /// README lists each command's).
    #[arg(long, global = true, value_delimiter = ',', value_name = "NAMES")]
    pub columns: Vec<String>,

    /// Print no progress and no warnings on stderr (errors are still printed).
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Say more on stderr: -v lists every AWS call attempt with its outcome and duration.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it).
    Auto,
    /// Always, also in a pipe.
    Always,
    /// Never.
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// A table fitted to the terminal.
    Table,
    /// One JSON document.
    Json,
    /// Tab-separated values, one record per line.
    Text,
    /// JUnit XML, one test case per finding (`check` only), for CI systems.
    Junit,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show the ENI attachments of ECS tasks, enriched from EC2.
    Enis(EnisArgs),

    /// Preflight: check the awsvpc prerequisites of the account and a network configuration.
    Check(CheckArgs),

    /// Launch awsvpc tasks safely: validate, preflight, launch once, wait, explain, show the ENIs.
    Run(RunArgs),

    /// Stop tasks and wait until their ENIs are released.
    Stop(StopArgs),

    /// ENI capacity: awsvpc task slots per instance, AZ and cluster, and whether N more tasks fit.
    Capacity(CapacityArgs),

    /// Why did this task not start, or stop? One task, or every task stopped in a window.
    Diagnose(DiagnoseArgs),

    /// Print the minimal IAM policy (JSON) for the named commands (default: the read-only ones).
    IamPolicy(IamPolicyArgs),

    /// Explain a check: why it matters, what it looks at, links to the AWS documentation.
    Explain(ExplainArgs),

    /// Print a shell completion script.
    Completions(CompletionsArgs),
}

/// `awsvpc run`: every RunTask option an awsvpc launch needs.
#[derive(Debug, Clone, Args)]
#[command(
    after_help = "Examples:\n  awsvpc run --cluster prod --task-definition web:12 --subnets subnet-0a1b2c3d4e5f60718 --security-groups sg-0123456789abcdef0\n  awsvpc run --cluster prod --like-service web --count 3 --yes\n  awsvpc run --cluster prod --task-definition batch --launch-type FARGATE --subnets ... --dry-run"
)]
pub struct RunArgs {
    /// The cluster's name or ARN (default: AWSVPC_CLUSTER, else `default`).
    #[arg(long, short = 'c')]
    pub cluster: Option<String>,

    /// Take the task definition and network configuration of this service; other options override.
    #[arg(long, value_name = "SERVICE")]
    pub like_service: Option<String>,

    #[command(flatten)]
    pub network: NetworkArgs,

    /// A capacity provider strategy item, NAME[:WEIGHT[:BASE]] (repeatable; not with --launch-type).
    #[arg(long, value_name = "NAME[:WEIGHT[:BASE]]", conflicts_with = "launch_type")]
    pub capacity_provider: Vec<String>,

    /// The Fargate platform version (for example LATEST or 1.4.0).
    #[arg(long, value_name = "VERSION")]
    pub platform_version: Option<String>,

    /// How many tasks to launch (1-10, RunTask's limit).
    #[arg(long, default_value_t = 1, allow_negative_numbers = true, value_parser = clap::value_parser!(u32).range(1..=i64::from(crate::rules::limits::MAX_TASKS_PER_CALL)))]
    pub count: u32,

    /// The startedBy value of the tasks.
    #[arg(long, value_name = "VALUE")]
    pub started_by: Option<String>,

    /// The task group (for example family:web).
    #[arg(long, value_name = "GROUP")]
    pub group: Option<String>,

    /// A tag for the tasks, KEY=VALUE (repeatable).
    #[arg(long = "tag", value_name = "KEY=VALUE")]
    pub tags: Vec<String>,

    /// Copy the task definition's tags to the tasks (RunTask cannot copy a service's).
    #[arg(long, value_enum)]
    pub propagate_tags: Option<PropagateTags>,

    /// Turn on ECS Exec for the tasks.
    #[arg(long)]
    pub enable_execute_command: bool,

    /// Override a container's command: CONTAINER=ARGS, ARGS a JSON array or words (repeatable).
    #[arg(long = "command", value_name = "CONTAINER=ARGS")]
    pub commands: Vec<String>,

    /// Set an environment variable of a container: CONTAINER:NAME=VALUE (repeatable). Values are
    /// never printed back.
    #[arg(long = "env", value_name = "CONTAINER:NAME=VALUE")]
    pub env: Vec<String>,

    /// The idempotency token of this launch (1-64 printable ASCII characters): a retry with the
    /// same token never launches a second copy. Default: a new random token.
    #[arg(long, value_name = "TOKEN")]
    pub client_token: Option<String>,

    /// Skip the preflight checks.
    #[arg(long)]
    pub no_preflight: bool,

    /// Launch even when a preflight check fails.
    #[arg(long)]
    pub force: bool,

    #[command(flatten)]
    pub wait: WaitArgs,

    /// Validate and run the preflight, print the RunTask request as JSON, launch nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// Launch without asking (required without a terminal).
    #[arg(long)]
    pub yes: bool,
}

/// Waiting for tasks after a change (shared by `run` and `stop`).
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Waiting")]
pub struct WaitArgs {
    /// Return as soon as AWS answered (`run`: without waiting for RUNNING; `stop`: for STOPPED and
    /// released ENIs).
    #[arg(long)]
    pub no_wait: bool,

    /// Seconds between two DescribeTasks polls while waiting (0.1 to 60).
    #[arg(long, default_value_t = 3.0, value_name = "SECONDS", allow_negative_numbers = true)]
    pub poll_interval: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PropagateTags {
    TaskDefinition,
    // No SERVICE: "An error will be received if you specify the SERVICE option when running a
    // task" (API Reference, RunTask propagateTags).
    None,
}

/// `awsvpc stop`: stop tasks and wait for their ENIs to be released.
#[derive(Debug, Clone, Args)]
pub struct StopArgs {
    /// Task ids or ARNs.
    #[arg(value_name = "TASK", required = true)]
    pub tasks: Vec<String>,

    /// The cluster's name or ARN (default: the cluster of the task ARNs, else AWSVPC_CLUSTER, else
    /// `default`).
    #[arg(long, short = 'c')]
    pub cluster: Option<String>,

    /// The reason recorded with the stop (up to 255 characters).
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,

    #[command(flatten)]
    pub wait: WaitArgs,

    /// Stop without asking (required without a terminal).
    #[arg(long)]
    pub yes: bool,
}

/// `awsvpc capacity`: the ENI slots of a cluster's container instances.
#[derive(Debug, Clone, Args)]
#[command(
    after_help = "Examples:\n  awsvpc capacity --cluster prod\n  awsvpc capacity --cluster prod --subnets subnet-0a1b2c3d4e5f60718 --tasks 20"
)]
pub struct CapacityArgs {
    /// The clusters' names or ARNs, repeated or comma-separated (default: AWSVPC_CLUSTER, else
    /// `default`).
    #[arg(long, short = 'c', value_delimiter = ',', value_name = "NAME")]
    pub cluster: Vec<String>,

    /// Every cluster of the account and region.
    #[arg(long, conflicts_with = "cluster")]
    pub all_clusters: bool,

    #[command(flatten)]
    pub subnets: SubnetArgs,

    /// Whether this many more awsvpc tasks fit, and if not, how to make room.
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub tasks: Option<u32>,

    /// Count tasks of this size: CPU, memory, GPUs and an ENI slot on one instance (else ENI slots alone).
    #[arg(long, value_name = "FAMILY[:REVISION]|ARN")]
    pub task_definition: Option<String>,
}

/// `awsvpc diagnose`: a stuck or stopped task, or every task stopped in a window.
#[derive(Debug, Clone, Args)]
#[command(
    after_help = "Examples:\n  awsvpc diagnose --cluster prod 0123456789abcdef0123456789abcdef\n  awsvpc diagnose --cluster prod --stopped-since 1h"
)]
pub struct DiagnoseArgs {
    /// The task (id or ARN). Without it, --stopped-since diagnoses every task stopped in the window.
    #[arg(value_name = "TASK")]
    pub task: Option<String>,

    /// The cluster's name or ARN (default: the cluster of the task ARN, else AWSVPC_CLUSTER, else
    /// `default`); with --stopped-since, repeated or comma-separated.
    #[arg(long, short = 'c', value_delimiter = ',', value_name = "NAME")]
    pub cluster: Vec<String>,

    /// With --stopped-since: every cluster of the account and region.
    #[arg(long, conflicts_with = "cluster", requires = "stopped_since")]
    pub all_clusters: bool,

    /// A service that does not reach its desired count: its deployments and events decoded, its
    /// tasks stopped in the --stopped-since window (default 1h) grouped by cause, its checks.
    #[arg(long, value_name = "NAME", conflicts_with_all = ["task", "all_clusters"])]
    pub service: Option<String>,

    /// Diagnose every task of the cluster that stopped in this window (for example 30m, 1h), grouped by cause.
    #[arg(long, value_name = "DURATION", conflicts_with = "task")]
    pub stopped_since: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct IamPolicyArgs {
    /// The commands to allow (default: enis, check, capacity, diagnose: read-only).
    #[arg(value_enum, value_name = "COMMAND")]
    pub commands: Vec<PolicyCommand>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum PolicyCommand {
    Enis,
    Check,
    /// `check --fix`: the check actions and the fixes' changes.
    CheckFix,
    Capacity,
    Diagnose,
    /// Launching tasks (with its preflight).
    Run,
    Stop,
}

#[derive(Debug, Clone, Args)]
pub struct ExplainArgs {
    /// A check id (`awsvpc check --list` lists them).
    #[arg(value_name = "ID")]
    pub id: String,
}

/// The subnets of a network configuration (shared by `check`, `run` and `capacity`).
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Network options")]
pub struct SubnetArgs {
    /// Subnets for the task ENIs (comma-separated or repeated; 1-16); `capacity`: only their
    /// Availability Zones count.
    #[arg(long, value_delimiter = ',', value_name = "SUBNET")]
    pub subnets: Vec<String>,
}

/// The network configuration of awsvpc tasks (shared by `check` and `run`).
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Network options")]
pub struct NetworkArgs {
    #[command(flatten)]
    pub subnets: SubnetArgs,

    /// Security groups for the task ENIs (comma-separated or repeated; at most 5; none: the VPC's
    /// default group).
    #[arg(long, value_delimiter = ',', value_name = "GROUP")]
    pub security_groups: Vec<String>,

    /// The launch type (default: the service's, else the cluster's default capacity provider strategy, else EC2).
    #[arg(long, value_enum)]
    pub launch_type: Option<LaunchType>,

    /// Whether the task ENIs get a public IP, Fargate only (default: the service's, else DISABLED).
    #[arg(long, value_enum)]
    pub assign_public_ip: Option<AssignPublicIp>,

    /// The task definition: FAMILY, FAMILY:REVISION or its ARN (default: the service's).
    #[arg(long, value_name = "FAMILY[:REV]")]
    pub task_definition: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Annotations {
    /// GitHub's when GITHUB_ACTIONS=true, else none.
    Auto,
    /// GitHub Actions workflow commands and job summary.
    Github,
    None,
}

/// A finding's status, for `check --status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FindingStatus {
    Pass,
    Warn,
    Fail,
    Skip,
    Error,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Feature {
    /// ENI trunking (awsvpcTrunking) for the container instances.
    Trunking,
    /// IPv6 for tasks (dualStackIPv6).
    Ipv6,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "UPPER")]
pub enum AssignPublicIp {
    Enabled,
    Disabled,
}

/// Which tasks `enis` shows: the named ones, or the cluster's tasks matching the filters.
#[derive(Debug, Clone, Args)]
#[command(
    after_help = "Examples:\n  awsvpc enis --cluster prod\n  awsvpc enis --cluster prod --service web --output json | jq '.tasks[].enis[].eni_id'\n  awsvpc enis --cluster prod 0123456789abcdef0123456789abcdef --output text"
)]
pub struct EnisArgs {
    /// Task ids or task ARNs. Without any, every task of the cluster that matches the filters.
    #[arg(value_name = "TASK")]
    pub tasks: Vec<String>,

    /// The clusters' names or ARNs, repeated or comma-separated (default: the cluster of the task
    /// ARNs given, else AWSVPC_CLUSTER, else `default`).
    #[arg(long, short = 'c', value_delimiter = ',', value_name = "NAME")]
    pub cluster: Vec<String>,

    /// Every cluster of the account and region.
    #[arg(long, conflicts_with = "cluster")]
    pub all_clusters: bool,

    /// Only tasks of this service.
    #[arg(long, value_name = "NAME")]
    pub service: Option<String>,

    /// Only tasks of this task-definition family.
    #[arg(long, value_name = "FAMILY")]
    pub family: Option<String>,

    /// Only tasks started with this `startedBy` value (cannot be combined with other filters).
    #[arg(long, value_name = "VALUE")]
    pub started_by: Option<String>,

    /// Only tasks on this container instance (its id or ARN, or its EC2 instance id).
    #[arg(long, value_name = "ID")]
    pub container_instance: Option<String>,

    /// Only tasks with this desired status (AWS lists RUNNING when none is given).
    #[arg(long, value_enum)]
    pub desired_status: Option<DesiredStatus>,

    /// Only tasks of this launch type.
    #[arg(long, value_enum)]
    pub launch_type: Option<LaunchType>,

    /// Do not ask EC2 for the ENIs' VPC, zone, security groups, public IP and status.
    #[arg(long)]
    pub no_enrich: bool,

    /// Refresh every SECONDS (default 5) until Ctrl-C: on a terminal the table in place, tasks
    /// whose status or ENI changed marked; without one, a line per change (for logs).
    #[arg(long, value_name = "SECONDS", num_args = 0..=1, default_missing_value = "5", allow_negative_numbers = true)]
    pub watch: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "UPPER")]
pub enum DesiredStatus {
    Running,
    Pending,
    Stopped,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "UPPER")]
pub enum LaunchType {
    Ec2,
    Fargate,
    External,
}

#[derive(Debug, Clone, Args)]
pub struct CompletionsArgs {
    /// The shell to print a completion script for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}
