
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'awsvpc' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'awsvpc'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'awsvpc' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use a specific profile from the AWS config and credentials files (default: AWS_PROFILE)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The AWS region to use (default: AWS_REGION, then the profile''s region; never guessed). Repeated or comma-separated, the reading commands run in each region at once')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send requests to this URL instead of the service''s default endpoint (also AWS_ENDPOINT_URL)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else the profile''s max_attempts, else 5)')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each AWS response (also --cli-read-timeout; 0: no timeouts at all). Default: 20 per attempt and 60 per operation, retries included')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection (also --cli-connect-timeout; 0: none). Default: 5')
            [CompletionResult]::new('--throttle-budget', '--throttle-budget', [CompletionResultType]::ParameterName, 'Seconds a throttled AWS call keeps retrying, its throttled attempts not counted by --max-attempts (0: throttling counts as any other error). Default: 40')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'The most the whole command may take (for example 90s, 10m, 1h); when it passes, the command ends with exit 3 naming the calls in flight. On `run` and `stop` it bounds the wait for the tasks (default there: 10m). Default: no bound beyond the per-call timeouts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people, JSON for programs, tab-separated text for shell scripts, JUnit XML for CI (`check` only). Default: the AWSVPC_OUTPUT environment variable, else table')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the table: auto (on a terminal, unless NO_COLOR is set; a non-empty CLICOLOR_FORCE other than 0 forces it), always, never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query on the command''s JSON document, as the AWS CLI''s --query: the result is printed as JSON (json, table) or flattened as the AWS CLI does (text)')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'The columns of `--output text`, by name and in this order (names as in the JSON; the README lists each command''s)')
            [CompletionResult]::new('--all-regions', '--all-regions', [CompletionResultType]::ParameterName, 'Run in every region enabled for the account (EC2 DescribeRegions), at once')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour: the same as --color never')
            [CompletionResult]::new('--headers', '--headers', [CompletionResultType]::ParameterName, 'Print a header line in `--output text`')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables with every column (by default they show the columns that fit 100 characters)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress and no warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress and no warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('enis', 'enis', [CompletionResultType]::ParameterValue, 'Show the ENI attachments of ECS tasks, enriched from EC2')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Preflight: check the awsvpc prerequisites of the account and a network configuration')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Launch awsvpc tasks safely: validate, preflight, launch once, wait, explain, show the ENIs')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop tasks and wait until their ENIs are released')
            [CompletionResult]::new('capacity', 'capacity', [CompletionResultType]::ParameterValue, 'ENI capacity: awsvpc task slots per instance, AZ and cluster, and whether N more tasks fit')
            [CompletionResult]::new('diagnose', 'diagnose', [CompletionResultType]::ParameterValue, 'Why did this task not start, or stop? One task, or every task stopped in a window')
            [CompletionResult]::new('iam-policy', 'iam-policy', [CompletionResultType]::ParameterValue, 'Print the minimal IAM policy (JSON) for the named commands (default: the read-only ones)')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Explain a check: why it matters, what it looks at, links to the AWS documentation')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'awsvpc;enis' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The clusters'' names or ARNs, repeated or comma-separated (default: the cluster of the task ARNs given, else AWSVPC_CLUSTER, else `default`)')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The clusters'' names or ARNs, repeated or comma-separated (default: the cluster of the task ARNs given, else AWSVPC_CLUSTER, else `default`)')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Only tasks of this service')
            [CompletionResult]::new('--family', '--family', [CompletionResultType]::ParameterName, 'Only tasks of this task-definition family')
            [CompletionResult]::new('--started-by', '--started-by', [CompletionResultType]::ParameterName, 'Only tasks started with this `startedBy` value (cannot be combined with other filters)')
            [CompletionResult]::new('--container-instance', '--container-instance', [CompletionResultType]::ParameterName, 'Only tasks on this container instance (its id or ARN, or its EC2 instance id)')
            [CompletionResult]::new('--desired-status', '--desired-status', [CompletionResultType]::ParameterName, 'Only tasks with this desired status (AWS lists RUNNING when none is given)')
            [CompletionResult]::new('--launch-type', '--launch-type', [CompletionResultType]::ParameterName, 'Only tasks of this launch type')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Refresh every SECONDS (default 5) until Ctrl-C: on a terminal the table in place, tasks whose status or ENI changed marked; without one, a line per change (for logs)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use a specific profile from the AWS config and credentials files (default: AWS_PROFILE)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The AWS region to use (default: AWS_REGION, then the profile''s region; never guessed). Repeated or comma-separated, the reading commands run in each region at once')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send requests to this URL instead of the service''s default endpoint (also AWS_ENDPOINT_URL)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else the profile''s max_attempts, else 5)')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each AWS response (also --cli-read-timeout; 0: no timeouts at all). Default: 20 per attempt and 60 per operation, retries included')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection (also --cli-connect-timeout; 0: none). Default: 5')
            [CompletionResult]::new('--throttle-budget', '--throttle-budget', [CompletionResultType]::ParameterName, 'Seconds a throttled AWS call keeps retrying, its throttled attempts not counted by --max-attempts (0: throttling counts as any other error). Default: 40')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'The most the whole command may take (for example 90s, 10m, 1h); when it passes, the command ends with exit 3 naming the calls in flight. On `run` and `stop` it bounds the wait for the tasks (default there: 10m). Default: no bound beyond the per-call timeouts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people, JSON for programs, tab-separated text for shell scripts, JUnit XML for CI (`check` only). Default: the AWSVPC_OUTPUT environment variable, else table')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the table: auto (on a terminal, unless NO_COLOR is set; a non-empty CLICOLOR_FORCE other than 0 forces it), always, never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query on the command''s JSON document, as the AWS CLI''s --query: the result is printed as JSON (json, table) or flattened as the AWS CLI does (text)')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'The columns of `--output text`, by name and in this order (names as in the JSON; the README lists each command''s)')
            [CompletionResult]::new('--all-clusters', '--all-clusters', [CompletionResultType]::ParameterName, 'Every cluster of the account and region')
            [CompletionResult]::new('--no-enrich', '--no-enrich', [CompletionResultType]::ParameterName, 'Do not ask EC2 for the ENIs'' VPC, zone, security groups, public IP and status')
            [CompletionResult]::new('--all-regions', '--all-regions', [CompletionResultType]::ParameterName, 'Run in every region enabled for the account (EC2 DescribeRegions), at once')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour: the same as --color never')
            [CompletionResult]::new('--headers', '--headers', [CompletionResultType]::ParameterName, 'Print a header line in `--output text`')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables with every column (by default they show the columns that fit 100 characters)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress and no warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress and no warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'awsvpc;check' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Clusters whose container instances, tasks and capacity to check (repeatable; default: AWSVPC_CLUSTER)')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Clusters whose container instances, tasks and capacity to check (repeatable; default: AWSVPC_CLUSTER)')
            [CompletionResult]::new('--require', '--require', [CompletionResultType]::ParameterName, 'Features that must be in effect (repeatable); without it they are reported, not required')
            [CompletionResult]::new('--tasks', '--tasks', [CompletionResultType]::ParameterName, 'The number of awsvpc tasks you plan to place (checked against free ENI slots)')
            [CompletionResult]::new('--subnets', '--subnets', [CompletionResultType]::ParameterName, 'Subnets for the task ENIs (comma-separated or repeated; 1-16); `capacity`: only their Availability Zones count')
            [CompletionResult]::new('--security-groups', '--security-groups', [CompletionResultType]::ParameterName, 'Security groups for the task ENIs (comma-separated or repeated; at most 5; none: the VPC''s default group)')
            [CompletionResult]::new('--launch-type', '--launch-type', [CompletionResultType]::ParameterName, 'The launch type (default: the service''s, else the cluster''s default capacity provider strategy, else EC2)')
            [CompletionResult]::new('--assign-public-ip', '--assign-public-ip', [CompletionResultType]::ParameterName, 'Whether the task ENIs get a public IP, Fargate only (default: the service''s, else DISABLED)')
            [CompletionResult]::new('--task-definition', '--task-definition', [CompletionResultType]::ParameterName, 'The task definition: FAMILY, FAMILY:REVISION or its ARN (default: the service''s)')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'A service to check: its task definition, network configuration and load balancers (needs exactly one --cluster; --subnets and the other options override its values)')
            [CompletionResult]::new('--only', '--only', [CompletionResultType]::ParameterName, 'Run only these checks (comma-separated ids; see --list)')
            [CompletionResult]::new('--skip', '--skip', [CompletionResultType]::ParameterName, 'Skip these checks (comma-separated ids; see --list)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Show only the findings of these statuses, in every format (comma-separated: pass, warn, fail, skip, error); the summary and the exit code still count every finding')
            [CompletionResult]::new('--junit-file', '--junit-file', [CompletionResultType]::ParameterName, 'Also write the report as JUnit XML to this file; stdout keeps its format')
            [CompletionResult]::new('--annotations', '--annotations', [CompletionResultType]::ParameterName, 'Workflow annotations on stderr for every warn, fail and error finding, and a Markdown summary appended to $GITHUB_STEP_SUMMARY (auto: when GITHUB_ACTIONS=true)')
            [CompletionResult]::new('--principal-arn', '--principal-arn', [CompletionResultType]::ParameterName, 'With --fix: turn account settings on for this principal (an instance role''s ARN) instead of as the account default')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use a specific profile from the AWS config and credentials files (default: AWS_PROFILE)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The AWS region to use (default: AWS_REGION, then the profile''s region; never guessed). Repeated or comma-separated, the reading commands run in each region at once')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send requests to this URL instead of the service''s default endpoint (also AWS_ENDPOINT_URL)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else the profile''s max_attempts, else 5)')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each AWS response (also --cli-read-timeout; 0: no timeouts at all). Default: 20 per attempt and 60 per operation, retries included')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection (also --cli-connect-timeout; 0: none). Default: 5')
            [CompletionResult]::new('--throttle-budget', '--throttle-budget', [CompletionResultType]::ParameterName, 'Seconds a throttled AWS call keeps retrying, its throttled attempts not counted by --max-attempts (0: throttling counts as any other error). Default: 40')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'The most the whole command may take (for example 90s, 10m, 1h); when it passes, the command ends with exit 3 naming the calls in flight. On `run` and `stop` it bounds the wait for the tasks (default there: 10m). Default: no bound beyond the per-call timeouts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people, JSON for programs, tab-separated text for shell scripts, JUnit XML for CI (`check` only). Default: the AWSVPC_OUTPUT environment variable, else table')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the table: auto (on a terminal, unless NO_COLOR is set; a non-empty CLICOLOR_FORCE other than 0 forces it), always, never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query on the command''s JSON document, as the AWS CLI''s --query: the result is printed as JSON (json, table) or flattened as the AWS CLI does (text)')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'The columns of `--output text`, by name and in this order (names as in the JSON; the README lists each command''s)')
            [CompletionResult]::new('--all-clusters', '--all-clusters', [CompletionResultType]::ParameterName, 'Check every cluster of the account and region')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings as failures (exit 1)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Show every finding in the table (by default passing and skipped findings are counted in one line per scope under the findings that need action)')
            [CompletionResult]::new('--list', '--list', [CompletionResultType]::ParameterName, 'List every check id with one line and exit (no AWS call)')
            [CompletionResult]::new('--fix', '--fix', [CompletionResultType]::ParameterName, 'Apply the safe fixes (service-linked role, account settings, VPC DNS attributes) after printing the plan; asks on a terminal, needs --yes otherwise')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'With --fix: apply without asking (required without a terminal)')
            [CompletionResult]::new('--all-regions', '--all-regions', [CompletionResultType]::ParameterName, 'Run in every region enabled for the account (EC2 DescribeRegions), at once')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour: the same as --color never')
            [CompletionResult]::new('--headers', '--headers', [CompletionResultType]::ParameterName, 'Print a header line in `--output text`')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables with every column (by default they show the columns that fit 100 characters)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress and no warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress and no warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'awsvpc;run' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The cluster''s name or ARN (default: AWSVPC_CLUSTER, else `default`)')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The cluster''s name or ARN (default: AWSVPC_CLUSTER, else `default`)')
            [CompletionResult]::new('--like-service', '--like-service', [CompletionResultType]::ParameterName, 'Take the task definition and network configuration of this service; other options override')
            [CompletionResult]::new('--subnets', '--subnets', [CompletionResultType]::ParameterName, 'Subnets for the task ENIs (comma-separated or repeated; 1-16); `capacity`: only their Availability Zones count')
            [CompletionResult]::new('--security-groups', '--security-groups', [CompletionResultType]::ParameterName, 'Security groups for the task ENIs (comma-separated or repeated; at most 5; none: the VPC''s default group)')
            [CompletionResult]::new('--launch-type', '--launch-type', [CompletionResultType]::ParameterName, 'The launch type (default: the service''s, else the cluster''s default capacity provider strategy, else EC2)')
            [CompletionResult]::new('--assign-public-ip', '--assign-public-ip', [CompletionResultType]::ParameterName, 'Whether the task ENIs get a public IP, Fargate only (default: the service''s, else DISABLED)')
            [CompletionResult]::new('--task-definition', '--task-definition', [CompletionResultType]::ParameterName, 'The task definition: FAMILY, FAMILY:REVISION or its ARN (default: the service''s)')
            [CompletionResult]::new('--capacity-provider', '--capacity-provider', [CompletionResultType]::ParameterName, 'A capacity provider strategy item, NAME[:WEIGHT[:BASE]] (repeatable; not with --launch-type)')
            [CompletionResult]::new('--platform-version', '--platform-version', [CompletionResultType]::ParameterName, 'The Fargate platform version (for example LATEST or 1.4.0)')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'How many tasks to launch (1-10, RunTask''s limit)')
            [CompletionResult]::new('--started-by', '--started-by', [CompletionResultType]::ParameterName, 'The startedBy value of the tasks')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'The task group (for example family:web)')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'A tag for the tasks, KEY=VALUE (repeatable)')
            [CompletionResult]::new('--propagate-tags', '--propagate-tags', [CompletionResultType]::ParameterName, 'Copy the task definition''s tags to the tasks (RunTask cannot copy a service''s)')
            [CompletionResult]::new('--command', '--command', [CompletionResultType]::ParameterName, 'Override a container''s command: CONTAINER=ARGS, ARGS a JSON array or words (repeatable)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Set an environment variable of a container: CONTAINER:NAME=VALUE (repeatable). Values are never printed back')
            [CompletionResult]::new('--client-token', '--client-token', [CompletionResultType]::ParameterName, 'The idempotency token of this launch (1-64 printable ASCII characters): a retry with the same token never launches a second copy. Default: a new random token')
            [CompletionResult]::new('--poll-interval', '--poll-interval', [CompletionResultType]::ParameterName, 'Seconds between two DescribeTasks polls while waiting (0.1 to 60)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use a specific profile from the AWS config and credentials files (default: AWS_PROFILE)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The AWS region to use (default: AWS_REGION, then the profile''s region; never guessed). Repeated or comma-separated, the reading commands run in each region at once')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send requests to this URL instead of the service''s default endpoint (also AWS_ENDPOINT_URL)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else the profile''s max_attempts, else 5)')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each AWS response (also --cli-read-timeout; 0: no timeouts at all). Default: 20 per attempt and 60 per operation, retries included')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection (also --cli-connect-timeout; 0: none). Default: 5')
            [CompletionResult]::new('--throttle-budget', '--throttle-budget', [CompletionResultType]::ParameterName, 'Seconds a throttled AWS call keeps retrying, its throttled attempts not counted by --max-attempts (0: throttling counts as any other error). Default: 40')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'The most the whole command may take (for example 90s, 10m, 1h); when it passes, the command ends with exit 3 naming the calls in flight. On `run` and `stop` it bounds the wait for the tasks (default there: 10m). Default: no bound beyond the per-call timeouts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people, JSON for programs, tab-separated text for shell scripts, JUnit XML for CI (`check` only). Default: the AWSVPC_OUTPUT environment variable, else table')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the table: auto (on a terminal, unless NO_COLOR is set; a non-empty CLICOLOR_FORCE other than 0 forces it), always, never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query on the command''s JSON document, as the AWS CLI''s --query: the result is printed as JSON (json, table) or flattened as the AWS CLI does (text)')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'The columns of `--output text`, by name and in this order (names as in the JSON; the README lists each command''s)')
            [CompletionResult]::new('--enable-execute-command', '--enable-execute-command', [CompletionResultType]::ParameterName, 'Turn on ECS Exec for the tasks')
            [CompletionResult]::new('--no-preflight', '--no-preflight', [CompletionResultType]::ParameterName, 'Skip the preflight checks')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Launch even when a preflight check fails')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Return as soon as AWS answered (`run`: without waiting for RUNNING; `stop`: for STOPPED and released ENIs)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and run the preflight, print the RunTask request as JSON, launch nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Launch without asking (required without a terminal)')
            [CompletionResult]::new('--all-regions', '--all-regions', [CompletionResultType]::ParameterName, 'Run in every region enabled for the account (EC2 DescribeRegions), at once')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour: the same as --color never')
            [CompletionResult]::new('--headers', '--headers', [CompletionResultType]::ParameterName, 'Print a header line in `--output text`')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables with every column (by default they show the columns that fit 100 characters)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress and no warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress and no warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'awsvpc;stop' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The cluster''s name or ARN (default: the cluster of the task ARNs, else AWSVPC_CLUSTER, else `default`)')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The cluster''s name or ARN (default: the cluster of the task ARNs, else AWSVPC_CLUSTER, else `default`)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'The reason recorded with the stop (up to 255 characters)')
            [CompletionResult]::new('--poll-interval', '--poll-interval', [CompletionResultType]::ParameterName, 'Seconds between two DescribeTasks polls while waiting (0.1 to 60)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use a specific profile from the AWS config and credentials files (default: AWS_PROFILE)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The AWS region to use (default: AWS_REGION, then the profile''s region; never guessed). Repeated or comma-separated, the reading commands run in each region at once')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send requests to this URL instead of the service''s default endpoint (also AWS_ENDPOINT_URL)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else the profile''s max_attempts, else 5)')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each AWS response (also --cli-read-timeout; 0: no timeouts at all). Default: 20 per attempt and 60 per operation, retries included')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection (also --cli-connect-timeout; 0: none). Default: 5')
            [CompletionResult]::new('--throttle-budget', '--throttle-budget', [CompletionResultType]::ParameterName, 'Seconds a throttled AWS call keeps retrying, its throttled attempts not counted by --max-attempts (0: throttling counts as any other error). Default: 40')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'The most the whole command may take (for example 90s, 10m, 1h); when it passes, the command ends with exit 3 naming the calls in flight. On `run` and `stop` it bounds the wait for the tasks (default there: 10m). Default: no bound beyond the per-call timeouts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people, JSON for programs, tab-separated text for shell scripts, JUnit XML for CI (`check` only). Default: the AWSVPC_OUTPUT environment variable, else table')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the table: auto (on a terminal, unless NO_COLOR is set; a non-empty CLICOLOR_FORCE other than 0 forces it), always, never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query on the command''s JSON document, as the AWS CLI''s --query: the result is printed as JSON (json, table) or flattened as the AWS CLI does (text)')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'The columns of `--output text`, by name and in this order (names as in the JSON; the README lists each command''s)')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Return as soon as AWS answered (`run`: without waiting for RUNNING; `stop`: for STOPPED and released ENIs)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Stop without asking (required without a terminal)')
            [CompletionResult]::new('--all-regions', '--all-regions', [CompletionResultType]::ParameterName, 'Run in every region enabled for the account (EC2 DescribeRegions), at once')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour: the same as --color never')
            [CompletionResult]::new('--headers', '--headers', [CompletionResultType]::ParameterName, 'Print a header line in `--output text`')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables with every column (by default they show the columns that fit 100 characters)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress and no warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress and no warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'awsvpc;capacity' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The clusters'' names or ARNs, repeated or comma-separated (default: AWSVPC_CLUSTER, else `default`)')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The clusters'' names or ARNs, repeated or comma-separated (default: AWSVPC_CLUSTER, else `default`)')
            [CompletionResult]::new('--subnets', '--subnets', [CompletionResultType]::ParameterName, 'Subnets for the task ENIs (comma-separated or repeated; 1-16); `capacity`: only their Availability Zones count')
            [CompletionResult]::new('--tasks', '--tasks', [CompletionResultType]::ParameterName, 'Whether this many more awsvpc tasks fit, and if not, how to make room')
            [CompletionResult]::new('--task-definition', '--task-definition', [CompletionResultType]::ParameterName, 'Count tasks of this size: CPU, memory, GPUs and an ENI slot on one instance (else ENI slots alone)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use a specific profile from the AWS config and credentials files (default: AWS_PROFILE)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The AWS region to use (default: AWS_REGION, then the profile''s region; never guessed). Repeated or comma-separated, the reading commands run in each region at once')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send requests to this URL instead of the service''s default endpoint (also AWS_ENDPOINT_URL)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else the profile''s max_attempts, else 5)')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each AWS response (also --cli-read-timeout; 0: no timeouts at all). Default: 20 per attempt and 60 per operation, retries included')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection (also --cli-connect-timeout; 0: none). Default: 5')
            [CompletionResult]::new('--throttle-budget', '--throttle-budget', [CompletionResultType]::ParameterName, 'Seconds a throttled AWS call keeps retrying, its throttled attempts not counted by --max-attempts (0: throttling counts as any other error). Default: 40')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'The most the whole command may take (for example 90s, 10m, 1h); when it passes, the command ends with exit 3 naming the calls in flight. On `run` and `stop` it bounds the wait for the tasks (default there: 10m). Default: no bound beyond the per-call timeouts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people, JSON for programs, tab-separated text for shell scripts, JUnit XML for CI (`check` only). Default: the AWSVPC_OUTPUT environment variable, else table')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the table: auto (on a terminal, unless NO_COLOR is set; a non-empty CLICOLOR_FORCE other than 0 forces it), always, never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query on the command''s JSON document, as the AWS CLI''s --query: the result is printed as JSON (json, table) or flattened as the AWS CLI does (text)')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'The columns of `--output text`, by name and in this order (names as in the JSON; the README lists each command''s)')
            [CompletionResult]::new('--all-clusters', '--all-clusters', [CompletionResultType]::ParameterName, 'Every cluster of the account and region')
            [CompletionResult]::new('--all-regions', '--all-regions', [CompletionResultType]::ParameterName, 'Run in every region enabled for the account (EC2 DescribeRegions), at once')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour: the same as --color never')
            [CompletionResult]::new('--headers', '--headers', [CompletionResultType]::ParameterName, 'Print a header line in `--output text`')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables with every column (by default they show the columns that fit 100 characters)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress and no warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress and no warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'awsvpc;diagnose' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The cluster''s name or ARN (default: the cluster of the task ARN, else AWSVPC_CLUSTER, else `default`); with --stopped-since, repeated or comma-separated')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The cluster''s name or ARN (default: the cluster of the task ARN, else AWSVPC_CLUSTER, else `default`); with --stopped-since, repeated or comma-separated')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'A service that does not reach its desired count: its deployments and events decoded, its tasks stopped in the --stopped-since window (default 1h) grouped by cause, its checks')
            [CompletionResult]::new('--stopped-since', '--stopped-since', [CompletionResultType]::ParameterName, 'Diagnose every task of the cluster that stopped in this window (for example 30m, 1h), grouped by cause')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use a specific profile from the AWS config and credentials files (default: AWS_PROFILE)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The AWS region to use (default: AWS_REGION, then the profile''s region; never guessed). Repeated or comma-separated, the reading commands run in each region at once')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send requests to this URL instead of the service''s default endpoint (also AWS_ENDPOINT_URL)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else the profile''s max_attempts, else 5)')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each AWS response (also --cli-read-timeout; 0: no timeouts at all). Default: 20 per attempt and 60 per operation, retries included')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection (also --cli-connect-timeout; 0: none). Default: 5')
            [CompletionResult]::new('--throttle-budget', '--throttle-budget', [CompletionResultType]::ParameterName, 'Seconds a throttled AWS call keeps retrying, its throttled attempts not counted by --max-attempts (0: throttling counts as any other error). Default: 40')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'The most the whole command may take (for example 90s, 10m, 1h); when it passes, the command ends with exit 3 naming the calls in flight. On `run` and `stop` it bounds the wait for the tasks (default there: 10m). Default: no bound beyond the per-call timeouts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people, JSON for programs, tab-separated text for shell scripts, JUnit XML for CI (`check` only). Default: the AWSVPC_OUTPUT environment variable, else table')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the table: auto (on a terminal, unless NO_COLOR is set; a non-empty CLICOLOR_FORCE other than 0 forces it), always, never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query on the command''s JSON document, as the AWS CLI''s --query: the result is printed as JSON (json, table) or flattened as the AWS CLI does (text)')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'The columns of `--output text`, by name and in this order (names as in the JSON; the README lists each command''s)')
            [CompletionResult]::new('--all-clusters', '--all-clusters', [CompletionResultType]::ParameterName, 'With --stopped-since: every cluster of the account and region')
            [CompletionResult]::new('--all-regions', '--all-regions', [CompletionResultType]::ParameterName, 'Run in every region enabled for the account (EC2 DescribeRegions), at once')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour: the same as --color never')
            [CompletionResult]::new('--headers', '--headers', [CompletionResultType]::ParameterName, 'Print a header line in `--output text`')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables with every column (by default they show the columns that fit 100 characters)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress and no warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress and no warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'awsvpc;iam-policy' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use a specific profile from the AWS config and credentials files (default: AWS_PROFILE)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The AWS region to use (default: AWS_REGION, then the profile''s region; never guessed). Repeated or comma-separated, the reading commands run in each region at once')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send requests to this URL instead of the service''s default endpoint (also AWS_ENDPOINT_URL)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else the profile''s max_attempts, else 5)')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each AWS response (also --cli-read-timeout; 0: no timeouts at all). Default: 20 per attempt and 60 per operation, retries included')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection (also --cli-connect-timeout; 0: none). Default: 5')
            [CompletionResult]::new('--throttle-budget', '--throttle-budget', [CompletionResultType]::ParameterName, 'Seconds a throttled AWS call keeps retrying, its throttled attempts not counted by --max-attempts (0: throttling counts as any other error). Default: 40')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'The most the whole command may take (for example 90s, 10m, 1h); when it passes, the command ends with exit 3 naming the calls in flight. On `run` and `stop` it bounds the wait for the tasks (default there: 10m). Default: no bound beyond the per-call timeouts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people, JSON for programs, tab-separated text for shell scripts, JUnit XML for CI (`check` only). Default: the AWSVPC_OUTPUT environment variable, else table')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the table: auto (on a terminal, unless NO_COLOR is set; a non-empty CLICOLOR_FORCE other than 0 forces it), always, never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query on the command''s JSON document, as the AWS CLI''s --query: the result is printed as JSON (json, table) or flattened as the AWS CLI does (text)')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'The columns of `--output text`, by name and in this order (names as in the JSON; the README lists each command''s)')
            [CompletionResult]::new('--all-regions', '--all-regions', [CompletionResultType]::ParameterName, 'Run in every region enabled for the account (EC2 DescribeRegions), at once')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour: the same as --color never')
            [CompletionResult]::new('--headers', '--headers', [CompletionResultType]::ParameterName, 'Print a header line in `--output text`')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables with every column (by default they show the columns that fit 100 characters)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress and no warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress and no warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'awsvpc;explain' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use a specific profile from the AWS config and credentials files (default: AWS_PROFILE)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The AWS region to use (default: AWS_REGION, then the profile''s region; never guessed). Repeated or comma-separated, the reading commands run in each region at once')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send requests to this URL instead of the service''s default endpoint (also AWS_ENDPOINT_URL)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else the profile''s max_attempts, else 5)')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each AWS response (also --cli-read-timeout; 0: no timeouts at all). Default: 20 per attempt and 60 per operation, retries included')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection (also --cli-connect-timeout; 0: none). Default: 5')
            [CompletionResult]::new('--throttle-budget', '--throttle-budget', [CompletionResultType]::ParameterName, 'Seconds a throttled AWS call keeps retrying, its throttled attempts not counted by --max-attempts (0: throttling counts as any other error). Default: 40')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'The most the whole command may take (for example 90s, 10m, 1h); when it passes, the command ends with exit 3 naming the calls in flight. On `run` and `stop` it bounds the wait for the tasks (default there: 10m). Default: no bound beyond the per-call timeouts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people, JSON for programs, tab-separated text for shell scripts, JUnit XML for CI (`check` only). Default: the AWSVPC_OUTPUT environment variable, else table')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the table: auto (on a terminal, unless NO_COLOR is set; a non-empty CLICOLOR_FORCE other than 0 forces it), always, never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query on the command''s JSON document, as the AWS CLI''s --query: the result is printed as JSON (json, table) or flattened as the AWS CLI does (text)')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'The columns of `--output text`, by name and in this order (names as in the JSON; the README lists each command''s)')
            [CompletionResult]::new('--all-regions', '--all-regions', [CompletionResultType]::ParameterName, 'Run in every region enabled for the account (EC2 DescribeRegions), at once')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour: the same as --color never')
            [CompletionResult]::new('--headers', '--headers', [CompletionResultType]::ParameterName, 'Print a header line in `--output text`')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables with every column (by default they show the columns that fit 100 characters)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress and no warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress and no warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'awsvpc;completions' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use a specific profile from the AWS config and credentials files (default: AWS_PROFILE)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The AWS region to use (default: AWS_REGION, then the profile''s region; never guessed). Repeated or comma-separated, the reading commands run in each region at once')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send requests to this URL instead of the service''s default endpoint (also AWS_ENDPOINT_URL)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else the profile''s max_attempts, else 5)')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each AWS response (also --cli-read-timeout; 0: no timeouts at all). Default: 20 per attempt and 60 per operation, retries included')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection (also --cli-connect-timeout; 0: none). Default: 5')
            [CompletionResult]::new('--throttle-budget', '--throttle-budget', [CompletionResultType]::ParameterName, 'Seconds a throttled AWS call keeps retrying, its throttled attempts not counted by --max-attempts (0: throttling counts as any other error). Default: 40')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'The most the whole command may take (for example 90s, 10m, 1h); when it passes, the command ends with exit 3 naming the calls in flight. On `run` and `stop` it bounds the wait for the tasks (default there: 10m). Default: no bound beyond the per-call timeouts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: a table for people, JSON for programs, tab-separated text for shell scripts, JUnit XML for CI (`check` only). Default: the AWSVPC_OUTPUT environment variable, else table')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the table: auto (on a terminal, unless NO_COLOR is set; a non-empty CLICOLOR_FORCE other than 0 forces it), always, never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query on the command''s JSON document, as the AWS CLI''s --query: the result is printed as JSON (json, table) or flattened as the AWS CLI does (text)')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'The columns of `--output text`, by name and in this order (names as in the JSON; the README lists each command''s)')
            [CompletionResult]::new('--all-regions', '--all-regions', [CompletionResultType]::ParameterName, 'Run in every region enabled for the account (EC2 DescribeRegions), at once')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour: the same as --color never')
            [CompletionResult]::new('--headers', '--headers', [CompletionResultType]::ParameterName, 'Print a header line in `--output text`')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables with every column (by default they show the columns that fit 100 characters)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no progress and no warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no progress and no warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'awsvpc;help' {
            [CompletionResult]::new('enis', 'enis', [CompletionResultType]::ParameterValue, 'Show the ENI attachments of ECS tasks, enriched from EC2')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Preflight: check the awsvpc prerequisites of the account and a network configuration')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Launch awsvpc tasks safely: validate, preflight, launch once, wait, explain, show the ENIs')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop tasks and wait until their ENIs are released')
            [CompletionResult]::new('capacity', 'capacity', [CompletionResultType]::ParameterValue, 'ENI capacity: awsvpc task slots per instance, AZ and cluster, and whether N more tasks fit')
            [CompletionResult]::new('diagnose', 'diagnose', [CompletionResultType]::ParameterValue, 'Why did this task not start, or stop? One task, or every task stopped in a window')
            [CompletionResult]::new('iam-policy', 'iam-policy', [CompletionResultType]::ParameterValue, 'Print the minimal IAM policy (JSON) for the named commands (default: the read-only ones)')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Explain a check: why it matters, what it looks at, links to the AWS documentation')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'awsvpc;help;enis' {
            break
        }
        'awsvpc;help;check' {
            break
        }
        'awsvpc;help;run' {
            break
        }
        'awsvpc;help;stop' {
            break
        }
        'awsvpc;help;capacity' {
            break
        }
        'awsvpc;help;diagnose' {
            break
        }
        'awsvpc;help;iam-policy' {
            break
        }
        'awsvpc;help;explain' {
            break
        }
        'awsvpc;help;completions' {
            break
        }
        'awsvpc;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
