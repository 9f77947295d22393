//! `awsvpc check`'s options.

use clap::Args;

use super::{Annotations, Feature, FindingStatus, NetworkArgs};

/// What `check` evaluates. Checks that do not apply to what was given are reported as `skip`.
#[derive(Debug, Clone, Args)]
#[command(
    after_help = "Examples:\n  awsvpc check\n  awsvpc check --subnets subnet-0a1b2c3d,subnet-4e5f6a7b --security-groups sg-0123abcd --launch-type FARGATE\n  awsvpc check --list"
)]
pub struct CheckArgs {
    /// Clusters whose container instances, tasks and capacity to check (repeatable; default:
    /// AWSVPC_CLUSTER).
    #[arg(help_heading = "Scope", long, short = 'c', value_delimiter = ',', value_name = "NAME")]
    pub cluster: Vec<String>,

    /// Check every cluster of the account and region.
    #[arg(help_heading = "Scope", long, conflicts_with = "cluster")]
    pub all_clusters: bool,

    /// Features that must be in effect (repeatable); without it they are reported, not required.
    #[arg(help_heading = "Checks", long, value_enum, value_delimiter = ',', value_name = "FEATURE")]
    pub require: Vec<Feature>,

    /// The number of awsvpc tasks you plan to place (checked against free ENI slots).
    #[arg(help_heading = "Checks", long, value_name = "N", allow_negative_numbers = true, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub tasks: Option<u32>,

    #[command(flatten)]
    pub network: NetworkArgs,

    /// A service to check: its task definition, network configuration and load balancers
    /// (needs exactly one --cluster; --subnets and the other options override its values).
    #[arg(help_heading = "Scope", long, value_name = "NAME")]
    pub service: Option<String>,

    /// Run only these checks (comma-separated ids; see --list).
    #[arg(help_heading = "Checks", long, value_delimiter = ',', value_name = "ID")]
    pub only: Vec<String>,

    /// Skip these checks (comma-separated ids; see --list).
    #[arg(help_heading = "Checks", long, value_delimiter = ',', value_name = "ID")]
    pub skip: Vec<String>,

    /// Treat warnings as failures (exit 1).
    #[arg(help_heading = "Checks", long)]
    pub strict: bool,

    /// Show only the findings of these statuses, in every format (comma-separated: pass, warn,
    /// fail, skip, error); the summary and the exit code still count every finding.
    #[arg(help_heading = "Output of the findings", long, value_enum, value_delimiter = ',', value_name = "STATUS")]
    pub status: Vec<FindingStatus>,

    /// Show every finding in the table (by default passing and skipped findings are counted
    /// in one line per scope under the findings that need action).
    #[arg(help_heading = "Output of the findings", long)]
    pub all: bool,

    /// List every check id with one line and exit (no AWS call).
    #[arg(help_heading = "Checks", long)]
    pub list: bool,

    /// Also write the report as JUnit XML to this file; stdout keeps its format.
    #[arg(help_heading = "CI", long, value_name = "PATH")]
    pub junit_file: Option<std::path::PathBuf>,

    /// Workflow annotations on stderr for every warn, fail and error finding, and a Markdown
    /// summary appended to $GITHUB_STEP_SUMMARY (auto: when GITHUB_ACTIONS=true).
    #[arg(help_heading = "CI", long, value_enum, default_value_t = Annotations::Auto, value_name = "KIND")]
    pub annotations: Annotations,

    /// Apply the safe fixes (service-linked role, account settings, VPC DNS attributes) after
    /// printing the plan; asks on a terminal, needs --yes otherwise.
    #[arg(help_heading = "Fixes", long)]
    pub fix: bool,

    /// With --fix: apply without asking (required without a terminal).
    #[arg(help_heading = "Fixes", long, requires = "fix")]
    pub yes: bool,

    /// With --fix: turn account settings on for this principal (an instance role's ARN) instead
    /// of as the account default.
    #[arg(help_heading = "Fixes", long, requires = "fix", value_name = "ARN")]
    pub principal_arn: Option<String>,
}
