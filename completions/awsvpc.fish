# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_awsvpc_global_optspecs
    string join \n profile= region= all-regions endpoint-url= max-attempts= read-timeout= connect-timeout= throttle-budget= timeout= output= color= no-color headers wide query= columns= q/quiet v/verbose h/help V/version
end

function __fish_awsvpc_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_awsvpc_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_awsvpc_using_subcommand
    set -l cmd (__fish_awsvpc_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c awsvpc -n "__fish_awsvpc_needs_command" -l profile -d 'Use a specific profile from the AWS config and credentials files (default: AWS_PROFILE)' -r
complete -c awsvpc -n "__fish_awsvpc_needs_command" -l region -d 'The AWS region to use (default: AWS_REGION, then the profile\'s region; never guessed). Repeated or comma-separated, the reading commands run in each region at once' -r
complete -c awsvpc -n "__fish_awsvpc_needs_command" -l endpoint-url -d 'Send requests to this URL instead of the service\'s default endpoint (also AWS_ENDPOINT_URL)' -r
complete -c awsvpc -n "__fish_awsvpc_needs_command" -l max-attempts -d 'Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else the profile\'s max_attempts, else 5)' -r
complete -c awsvpc -n "__fish_awsvpc_needs_command" -l read-timeout -d 'Seconds to wait for each AWS response (also --cli-read-timeout; 0: no timeouts at all). Default: 20 per attempt and 60 per operation, retries included' -r
complete -c awsvpc -n "__fish_awsvpc_needs_command" -l connect-timeout -d 'Seconds to wait for a connection (also --cli-connect-timeout; 0: none). Default: 5' -r
complete -c awsvpc -n "__fish_awsvpc_needs_command" -l throttle-budget -d 'Seconds a throttled AWS call keeps retrying, its throttled attempts not counted by --max-attempts (0: throttling counts as any other error). Default: 40' -r
complete -c awsvpc -n "__fish_awsvpc_needs_command" -l timeout -d 'The most the whole command may take (for example 90s, 10m, 1h); when it passes, the command ends with exit 3 naming the calls in flight. On `run` and `stop` it bounds the wait for the tasks (default there: 10m). Default: no bound beyond the per-call timeouts' -r
complete -c awsvpc -n "__fish_awsvpc_needs_command" -l output -d 'Output format: a table for people, JSON for programs, tab-separated text for shell scripts, JUnit XML for CI (`check` only). Default: the AWSVPC_OUTPUT environment variable, else table' -r -f -a "table\t'A table fitted to the terminal'
json\t'One JSON document'
text\t'Tab-separated values, one record per line'
junit\t'JUnit XML, one test case per finding (`check` only), for CI systems'"
complete -c awsvpc -n "__fish_awsvpc_needs_command" -l color -d 'When to colour the table: auto (on a terminal, unless NO_COLOR is set; a non-empty CLICOLOR_FORCE other than 0 forces it), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
always\t'Always, also in a pipe'
never\t'Never'"
complete -c awsvpc -n "__fish_awsvpc_needs_command" -l query -d 'A JMESPath query on the command\'s JSON document, as the AWS CLI\'s --query: the result is printed as JSON (json, table) or flattened as the AWS CLI does (text)' -r
complete -c awsvpc -n "__fish_awsvpc_needs_command" -l columns -d 'The columns of `--output text`, by name and in this order (names as in the JSON; the README lists each command\'s)' -r
complete -c awsvpc -n "__fish_awsvpc_needs_command" -l all-regions -d 'Run in every region enabled for the account (EC2 DescribeRegions), at once'
complete -c awsvpc -n "__fish_awsvpc_needs_command" -l no-color -d 'Never use colour: the same as --color never'
complete -c awsvpc -n "__fish_awsvpc_needs_command" -l headers -d 'Print a header line in `--output text`'
complete -c awsvpc -n "__fish_awsvpc_needs_command" -l wide -d 'Tables with every column (by default they show the columns that fit 100 characters)'
complete -c awsvpc -n "__fish_awsvpc_needs_command" -s q -l quiet -d 'Print no progress and no warnings on stderr (errors are still printed)'
complete -c awsvpc -n "__fish_awsvpc_needs_command" -s v -l verbose -d 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration'
complete -c awsvpc -n "__fish_awsvpc_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c awsvpc -n "__fish_awsvpc_needs_command" -s V -l version -d 'Print version'
complete -c awsvpc -n "__fish_awsvpc_needs_command" -f -a "enis" -d 'Show the ENI attachments of ECS tasks, enriched from EC2'
complete -c awsvpc -n "__fish_awsvpc_needs_command" -f -a "check" -d 'Preflight: check the awsvpc prerequisites of the account and a network configuration'
complete -c awsvpc -n "__fish_awsvpc_needs_command" -f -a "run" -d 'Launch awsvpc tasks safely: validate, preflight, launch once, wait, explain, show the ENIs'
complete -c awsvpc -n "__fish_awsvpc_needs_command" -f -a "stop" -d 'Stop tasks and wait until their ENIs are released'
complete -c awsvpc -n "__fish_awsvpc_needs_command" -f -a "capacity" -d 'ENI capacity: awsvpc task slots per instance, AZ and cluster, and whether N more tasks fit'
complete -c awsvpc -n "__fish_awsvpc_needs_command" -f -a "diagnose" -d 'Why did this task not start, or stop? One task, or every task stopped in a window'
complete -c awsvpc -n "__fish_awsvpc_needs_command" -f -a "iam-policy" -d 'Print the minimal IAM policy (JSON) for the named commands (default: the read-only ones)'
complete -c awsvpc -n "__fish_awsvpc_needs_command" -f -a "explain" -d 'Explain a check: why it matters, what it looks at, links to the AWS documentation'
complete -c awsvpc -n "__fish_awsvpc_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c awsvpc -n "__fish_awsvpc_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -s c -l cluster -d 'The clusters\' names or ARNs, repeated or comma-separated (default: the cluster of the task ARNs given, else AWSVPC_CLUSTER, else `default`)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l service -d 'Only tasks of this service' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l family -d 'Only tasks of this task-definition family' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l started-by -d 'Only tasks started with this `startedBy` value (cannot be combined with other filters)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l container-instance -d 'Only tasks on this container instance (its id or ARN, or its EC2 instance id)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l desired-status -d 'Only tasks with this desired status (AWS lists RUNNING when none is given)' -r -f -a "RUNNING\t''
PENDING\t''
STOPPED\t''"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l launch-type -d 'Only tasks of this launch type' -r -f -a "EC2\t''
FARGATE\t''
EXTERNAL\t''"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l watch -d 'Refresh every SECONDS (default 5) until Ctrl-C: on a terminal the table in place, tasks whose status or ENI changed marked; without one, a line per change (for logs)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l profile -d 'Use a specific profile from the AWS config and credentials files (default: AWS_PROFILE)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l region -d 'The AWS region to use (default: AWS_REGION, then the profile\'s region; never guessed). Repeated or comma-separated, the reading commands run in each region at once' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l endpoint-url -d 'Send requests to this URL instead of the service\'s default endpoint (also AWS_ENDPOINT_URL)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l max-attempts -d 'Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else the profile\'s max_attempts, else 5)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l read-timeout -d 'Seconds to wait for each AWS response (also --cli-read-timeout; 0: no timeouts at all). Default: 20 per attempt and 60 per operation, retries included' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l connect-timeout -d 'Seconds to wait for a connection (also --cli-connect-timeout; 0: none). Default: 5' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l throttle-budget -d 'Seconds a throttled AWS call keeps retrying, its throttled attempts not counted by --max-attempts (0: throttling counts as any other error). Default: 40' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l timeout -d 'The most the whole command may take (for example 90s, 10m, 1h); when it passes, the command ends with exit 3 naming the calls in flight. On `run` and `stop` it bounds the wait for the tasks (default there: 10m). Default: no bound beyond the per-call timeouts' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l output -d 'Output format: a table for people, JSON for programs, tab-separated text for shell scripts, JUnit XML for CI (`check` only). Default: the AWSVPC_OUTPUT environment variable, else table' -r -f -a "table\t'A table fitted to the terminal'
json\t'One JSON document'
text\t'Tab-separated values, one record per line'
junit\t'JUnit XML, one test case per finding (`check` only), for CI systems'"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l color -d 'When to colour the table: auto (on a terminal, unless NO_COLOR is set; a non-empty CLICOLOR_FORCE other than 0 forces it), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
always\t'Always, also in a pipe'
never\t'Never'"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l query -d 'A JMESPath query on the command\'s JSON document, as the AWS CLI\'s --query: the result is printed as JSON (json, table) or flattened as the AWS CLI does (text)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l columns -d 'The columns of `--output text`, by name and in this order (names as in the JSON; the README lists each command\'s)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l all-clusters -d 'Every cluster of the account and region'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l no-enrich -d 'Do not ask EC2 for the ENIs\' VPC, zone, security groups, public IP and status'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l all-regions -d 'Run in every region enabled for the account (EC2 DescribeRegions), at once'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l no-color -d 'Never use colour: the same as --color never'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l headers -d 'Print a header line in `--output text`'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l wide -d 'Tables with every column (by default they show the columns that fit 100 characters)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -s q -l quiet -d 'Print no progress and no warnings on stderr (errors are still printed)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -s v -l verbose -d 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -s V -l version -d 'Print version'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -s c -l cluster -d 'Clusters whose container instances, tasks and capacity to check (repeatable; default: AWSVPC_CLUSTER)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l require -d 'Features that must be in effect (repeatable); without it they are reported, not required' -r -f -a "trunking\t'ENI trunking (awsvpcTrunking) for the container instances'
ipv6\t'IPv6 for tasks (dualStackIPv6)'"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l tasks -d 'The number of awsvpc tasks you plan to place (checked against free ENI slots)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l subnets -d 'Subnets for the task ENIs (comma-separated or repeated; 1-16); `capacity`: only their Availability Zones count' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l security-groups -d 'Security groups for the task ENIs (comma-separated or repeated; at most 5; none: the VPC\'s default group)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l launch-type -d 'The launch type (default: the service\'s, else the cluster\'s default capacity provider strategy, else EC2)' -r -f -a "EC2\t''
FARGATE\t''
EXTERNAL\t''"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l assign-public-ip -d 'Whether the task ENIs get a public IP, Fargate only (default: the service\'s, else DISABLED)' -r -f -a "ENABLED\t''
DISABLED\t''"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l task-definition -d 'The task definition: FAMILY, FAMILY:REVISION or its ARN (default: the service\'s)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l service -d 'A service to check: its task definition, network configuration and load balancers (needs exactly one --cluster; --subnets and the other options override its values)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l only -d 'Run only these checks (comma-separated ids; see --list)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l skip -d 'Skip these checks (comma-separated ids; see --list)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l status -d 'Show only the findings of these statuses, in every format (comma-separated: pass, warn, fail, skip, error); the summary and the exit code still count every finding' -r -f -a "pass\t''
warn\t''
fail\t''
skip\t''
error\t''"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l junit-file -d 'Also write the report as JUnit XML to this file; stdout keeps its format' -r -F
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l annotations -d 'Workflow annotations on stderr for every warn, fail and error finding, and a Markdown summary appended to $GITHUB_STEP_SUMMARY (auto: when GITHUB_ACTIONS=true)' -r -f -a "auto\t'GitHub\'s when GITHUB_ACTIONS=true, else none'
github\t'GitHub Actions workflow commands and job summary'
none\t''"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l principal-arn -d 'With --fix: turn account settings on for this principal (an instance role\'s ARN) instead of as the account default' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l profile -d 'Use a specific profile from the AWS config and credentials files (default: AWS_PROFILE)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l region -d 'The AWS region to use (default: AWS_REGION, then the profile\'s region; never guessed). Repeated or comma-separated, the reading commands run in each region at once' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l endpoint-url -d 'Send requests to this URL instead of the service\'s default endpoint (also AWS_ENDPOINT_URL)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l max-attempts -d 'Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else the profile\'s max_attempts, else 5)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l read-timeout -d 'Seconds to wait for each AWS response (also --cli-read-timeout; 0: no timeouts at all). Default: 20 per attempt and 60 per operation, retries included' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l connect-timeout -d 'Seconds to wait for a connection (also --cli-connect-timeout; 0: none). Default: 5' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l throttle-budget -d 'Seconds a throttled AWS call keeps retrying, its throttled attempts not counted by --max-attempts (0: throttling counts as any other error). Default: 40' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l timeout -d 'The most the whole command may take (for example 90s, 10m, 1h); when it passes, the command ends with exit 3 naming the calls in flight. On `run` and `stop` it bounds the wait for the tasks (default there: 10m). Default: no bound beyond the per-call timeouts' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l output -d 'Output format: a table for people, JSON for programs, tab-separated text for shell scripts, JUnit XML for CI (`check` only). Default: the AWSVPC_OUTPUT environment variable, else table' -r -f -a "table\t'A table fitted to the terminal'
json\t'One JSON document'
text\t'Tab-separated values, one record per line'
junit\t'JUnit XML, one test case per finding (`check` only), for CI systems'"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l color -d 'When to colour the table: auto (on a terminal, unless NO_COLOR is set; a non-empty CLICOLOR_FORCE other than 0 forces it), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
always\t'Always, also in a pipe'
never\t'Never'"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l query -d 'A JMESPath query on the command\'s JSON document, as the AWS CLI\'s --query: the result is printed as JSON (json, table) or flattened as the AWS CLI does (text)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l columns -d 'The columns of `--output text`, by name and in this order (names as in the JSON; the README lists each command\'s)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l all-clusters -d 'Check every cluster of the account and region'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l strict -d 'Treat warnings as failures (exit 1)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l all -d 'Show every finding in the table (by default passing and skipped findings are counted in one line per scope under the findings that need action)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l list -d 'List every check id with one line and exit (no AWS call)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l fix -d 'Apply the safe fixes (service-linked role, account settings, VPC DNS attributes) after printing the plan; asks on a terminal, needs --yes otherwise'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l yes -d 'With --fix: apply without asking (required without a terminal)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l all-regions -d 'Run in every region enabled for the account (EC2 DescribeRegions), at once'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l no-color -d 'Never use colour: the same as --color never'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l headers -d 'Print a header line in `--output text`'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l wide -d 'Tables with every column (by default they show the columns that fit 100 characters)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -s q -l quiet -d 'Print no progress and no warnings on stderr (errors are still printed)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -s v -l verbose -d 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -s V -l version -d 'Print version'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -s c -l cluster -d 'The cluster\'s name or ARN (default: AWSVPC_CLUSTER, else `default`)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l like-service -d 'Take the task definition and network configuration of this service; other options override' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l subnets -d 'Subnets for the task ENIs (comma-separated or repeated; 1-16); `capacity`: only their Availability Zones count' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l security-groups -d 'Security groups for the task ENIs (comma-separated or repeated; at most 5; none: the VPC\'s default group)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l launch-type -d 'The launch type (default: the service\'s, else the cluster\'s default capacity provider strategy, else EC2)' -r -f -a "EC2\t''
FARGATE\t''
EXTERNAL\t''"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l assign-public-ip -d 'Whether the task ENIs get a public IP, Fargate only (default: the service\'s, else DISABLED)' -r -f -a "ENABLED\t''
DISABLED\t''"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l task-definition -d 'The task definition: FAMILY, FAMILY:REVISION or its ARN (default: the service\'s)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l capacity-provider -d 'A capacity provider strategy item, NAME[:WEIGHT[:BASE]] (repeatable; not with --launch-type)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l platform-version -d 'The Fargate platform version (for example LATEST or 1.4.0)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l count -d 'How many tasks to launch (1-10, RunTask\'s limit)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l started-by -d 'The startedBy value of the tasks' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l group -d 'The task group (for example family:web)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l tag -d 'A tag for the tasks, KEY=VALUE (repeatable)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l propagate-tags -d 'Copy the task definition\'s tags to the tasks (RunTask cannot copy a service\'s)' -r -f -a "TASK_DEFINITION\t''
NONE\t''"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l command -d 'Override a container\'s command: CONTAINER=ARGS, ARGS a JSON array or words (repeatable)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l env -d 'Set an environment variable of a container: CONTAINER:NAME=VALUE (repeatable). Values are never printed back' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l client-token -d 'The idempotency token of this launch (1-64 printable ASCII characters): a retry with the same token never launches a second copy. Default: a new random token' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l poll-interval -d 'Seconds between two DescribeTasks polls while waiting (0.1 to 60)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l profile -d 'Use a specific profile from the AWS config and credentials files (default: AWS_PROFILE)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l region -d 'The AWS region to use (default: AWS_REGION, then the profile\'s region; never guessed). Repeated or comma-separated, the reading commands run in each region at once' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l endpoint-url -d 'Send requests to this URL instead of the service\'s default endpoint (also AWS_ENDPOINT_URL)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l max-attempts -d 'Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else the profile\'s max_attempts, else 5)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l read-timeout -d 'Seconds to wait for each AWS response (also --cli-read-timeout; 0: no timeouts at all). Default: 20 per attempt and 60 per operation, retries included' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l connect-timeout -d 'Seconds to wait for a connection (also --cli-connect-timeout; 0: none). Default: 5' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l throttle-budget -d 'Seconds a throttled AWS call keeps retrying, its throttled attempts not counted by --max-attempts (0: throttling counts as any other error). Default: 40' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l timeout -d 'The most the whole command may take (for example 90s, 10m, 1h); when it passes, the command ends with exit 3 naming the calls in flight. On `run` and `stop` it bounds the wait for the tasks (default there: 10m). Default: no bound beyond the per-call timeouts' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l output -d 'Output format: a table for people, JSON for programs, tab-separated text for shell scripts, JUnit XML for CI (`check` only). Default: the AWSVPC_OUTPUT environment variable, else table' -r -f -a "table\t'A table fitted to the terminal'
json\t'One JSON document'
text\t'Tab-separated values, one record per line'
junit\t'JUnit XML, one test case per finding (`check` only), for CI systems'"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l color -d 'When to colour the table: auto (on a terminal, unless NO_COLOR is set; a non-empty CLICOLOR_FORCE other than 0 forces it), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
always\t'Always, also in a pipe'
never\t'Never'"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l query -d 'A JMESPath query on the command\'s JSON document, as the AWS CLI\'s --query: the result is printed as JSON (json, table) or flattened as the AWS CLI does (text)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l columns -d 'The columns of `--output text`, by name and in this order (names as in the JSON; the README lists each command\'s)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l enable-execute-command -d 'Turn on ECS Exec for the tasks'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l no-preflight -d 'Skip the preflight checks'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l force -d 'Launch even when a preflight check fails'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l no-wait -d 'Return as soon as AWS answered (`run`: without waiting for RUNNING; `stop`: for STOPPED and released ENIs)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l dry-run -d 'Validate and run the preflight, print the RunTask request as JSON, launch nothing'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l yes -d 'Launch without asking (required without a terminal)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l all-regions -d 'Run in every region enabled for the account (EC2 DescribeRegions), at once'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l no-color -d 'Never use colour: the same as --color never'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l headers -d 'Print a header line in `--output text`'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -l wide -d 'Tables with every column (by default they show the columns that fit 100 characters)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -s q -l quiet -d 'Print no progress and no warnings on stderr (errors are still printed)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -s v -l verbose -d 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand run" -s V -l version -d 'Print version'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand stop" -s c -l cluster -d 'The cluster\'s name or ARN (default: the cluster of the task ARNs, else AWSVPC_CLUSTER, else `default`)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand stop" -l reason -d 'The reason recorded with the stop (up to 255 characters)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand stop" -l poll-interval -d 'Seconds between two DescribeTasks polls while waiting (0.1 to 60)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand stop" -l profile -d 'Use a specific profile from the AWS config and credentials files (default: AWS_PROFILE)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand stop" -l region -d 'The AWS region to use (default: AWS_REGION, then the profile\'s region; never guessed). Repeated or comma-separated, the reading commands run in each region at once' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand stop" -l endpoint-url -d 'Send requests to this URL instead of the service\'s default endpoint (also AWS_ENDPOINT_URL)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand stop" -l max-attempts -d 'Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else the profile\'s max_attempts, else 5)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand stop" -l read-timeout -d 'Seconds to wait for each AWS response (also --cli-read-timeout; 0: no timeouts at all). Default: 20 per attempt and 60 per operation, retries included' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand stop" -l connect-timeout -d 'Seconds to wait for a connection (also --cli-connect-timeout; 0: none). Default: 5' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand stop" -l throttle-budget -d 'Seconds a throttled AWS call keeps retrying, its throttled attempts not counted by --max-attempts (0: throttling counts as any other error). Default: 40' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand stop" -l timeout -d 'The most the whole command may take (for example 90s, 10m, 1h); when it passes, the command ends with exit 3 naming the calls in flight. On `run` and `stop` it bounds the wait for the tasks (default there: 10m). Default: no bound beyond the per-call timeouts' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand stop" -l output -d 'Output format: a table for people, JSON for programs, tab-separated text for shell scripts, JUnit XML for CI (`check` only). Default: the AWSVPC_OUTPUT environment variable, else table' -r -f -a "table\t'A table fitted to the terminal'
json\t'One JSON document'
text\t'Tab-separated values, one record per line'
junit\t'JUnit XML, one test case per finding (`check` only), for CI systems'"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand stop" -l color -d 'When to colour the table: auto (on a terminal, unless NO_COLOR is set; a non-empty CLICOLOR_FORCE other than 0 forces it), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
always\t'Always, also in a pipe'
never\t'Never'"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand stop" -l query -d 'A JMESPath query on the command\'s JSON document, as the AWS CLI\'s --query: the result is printed as JSON (json, table) or flattened as the AWS CLI does (text)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand stop" -l columns -d 'The columns of `--output text`, by name and in this order (names as in the JSON; the README lists each command\'s)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand stop" -l no-wait -d 'Return as soon as AWS answered (`run`: without waiting for RUNNING; `stop`: for STOPPED and released ENIs)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand stop" -l yes -d 'Stop without asking (required without a terminal)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand stop" -l all-regions -d 'Run in every region enabled for the account (EC2 DescribeRegions), at once'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand stop" -l no-color -d 'Never use colour: the same as --color never'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand stop" -l headers -d 'Print a header line in `--output text`'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand stop" -l wide -d 'Tables with every column (by default they show the columns that fit 100 characters)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand stop" -s q -l quiet -d 'Print no progress and no warnings on stderr (errors are still printed)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand stop" -s v -l verbose -d 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand stop" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand stop" -s V -l version -d 'Print version'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand capacity" -s c -l cluster -d 'The clusters\' names or ARNs, repeated or comma-separated (default: AWSVPC_CLUSTER, else `default`)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand capacity" -l subnets -d 'Subnets for the task ENIs (comma-separated or repeated; 1-16); `capacity`: only their Availability Zones count' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand capacity" -l tasks -d 'Whether this many more awsvpc tasks fit, and if not, how to make room' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand capacity" -l task-definition -d 'Count tasks of this size: CPU, memory, GPUs and an ENI slot on one instance (else ENI slots alone)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand capacity" -l profile -d 'Use a specific profile from the AWS config and credentials files (default: AWS_PROFILE)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand capacity" -l region -d 'The AWS region to use (default: AWS_REGION, then the profile\'s region; never guessed). Repeated or comma-separated, the reading commands run in each region at once' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand capacity" -l endpoint-url -d 'Send requests to this URL instead of the service\'s default endpoint (also AWS_ENDPOINT_URL)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand capacity" -l max-attempts -d 'Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else the profile\'s max_attempts, else 5)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand capacity" -l read-timeout -d 'Seconds to wait for each AWS response (also --cli-read-timeout; 0: no timeouts at all). Default: 20 per attempt and 60 per operation, retries included' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand capacity" -l connect-timeout -d 'Seconds to wait for a connection (also --cli-connect-timeout; 0: none). Default: 5' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand capacity" -l throttle-budget -d 'Seconds a throttled AWS call keeps retrying, its throttled attempts not counted by --max-attempts (0: throttling counts as any other error). Default: 40' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand capacity" -l timeout -d 'The most the whole command may take (for example 90s, 10m, 1h); when it passes, the command ends with exit 3 naming the calls in flight. On `run` and `stop` it bounds the wait for the tasks (default there: 10m). Default: no bound beyond the per-call timeouts' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand capacity" -l output -d 'Output format: a table for people, JSON for programs, tab-separated text for shell scripts, JUnit XML for CI (`check` only). Default: the AWSVPC_OUTPUT environment variable, else table' -r -f -a "table\t'A table fitted to the terminal'
json\t'One JSON document'
text\t'Tab-separated values, one record per line'
junit\t'JUnit XML, one test case per finding (`check` only), for CI systems'"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand capacity" -l color -d 'When to colour the table: auto (on a terminal, unless NO_COLOR is set; a non-empty CLICOLOR_FORCE other than 0 forces it), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
always\t'Always, also in a pipe'
never\t'Never'"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand capacity" -l query -d 'A JMESPath query on the command\'s JSON document, as the AWS CLI\'s --query: the result is printed as JSON (json, table) or flattened as the AWS CLI does (text)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand capacity" -l columns -d 'The columns of `--output text`, by name and in this order (names as in the JSON; the README lists each command\'s)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand capacity" -l all-clusters -d 'Every cluster of the account and region'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand capacity" -l all-regions -d 'Run in every region enabled for the account (EC2 DescribeRegions), at once'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand capacity" -l no-color -d 'Never use colour: the same as --color never'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand capacity" -l headers -d 'Print a header line in `--output text`'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand capacity" -l wide -d 'Tables with every column (by default they show the columns that fit 100 characters)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand capacity" -s q -l quiet -d 'Print no progress and no warnings on stderr (errors are still printed)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand capacity" -s v -l verbose -d 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand capacity" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand capacity" -s V -l version -d 'Print version'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand diagnose" -s c -l cluster -d 'The cluster\'s name or ARN (default: the cluster of the task ARN, else AWSVPC_CLUSTER, else `default`); with --stopped-since, repeated or comma-separated' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand diagnose" -l service -d 'A service that does not reach its desired count: its deployments and events decoded, its tasks stopped in the --stopped-since window (default 1h) grouped by cause, its checks' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand diagnose" -l stopped-since -d 'Diagnose every task of the cluster that stopped in this window (for example 30m, 1h), grouped by cause' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand diagnose" -l profile -d 'Use a specific profile from the AWS config and credentials files (default: AWS_PROFILE)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand diagnose" -l region -d 'The AWS region to use (default: AWS_REGION, then the profile\'s region; never guessed). Repeated or comma-separated, the reading commands run in each region at once' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand diagnose" -l endpoint-url -d 'Send requests to this URL instead of the service\'s default endpoint (also AWS_ENDPOINT_URL)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand diagnose" -l max-attempts -d 'Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else the profile\'s max_attempts, else 5)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand diagnose" -l read-timeout -d 'Seconds to wait for each AWS response (also --cli-read-timeout; 0: no timeouts at all). Default: 20 per attempt and 60 per operation, retries included' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand diagnose" -l connect-timeout -d 'Seconds to wait for a connection (also --cli-connect-timeout; 0: none). Default: 5' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand diagnose" -l throttle-budget -d 'Seconds a throttled AWS call keeps retrying, its throttled attempts not counted by --max-attempts (0: throttling counts as any other error). Default: 40' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand diagnose" -l timeout -d 'The most the whole command may take (for example 90s, 10m, 1h); when it passes, the command ends with exit 3 naming the calls in flight. On `run` and `stop` it bounds the wait for the tasks (default there: 10m). Default: no bound beyond the per-call timeouts' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand diagnose" -l output -d 'Output format: a table for people, JSON for programs, tab-separated text for shell scripts, JUnit XML for CI (`check` only). Default: the AWSVPC_OUTPUT environment variable, else table' -r -f -a "table\t'A table fitted to the terminal'
json\t'One JSON document'
text\t'Tab-separated values, one record per line'
junit\t'JUnit XML, one test case per finding (`check` only), for CI systems'"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand diagnose" -l color -d 'When to colour the table: auto (on a terminal, unless NO_COLOR is set; a non-empty CLICOLOR_FORCE other than 0 forces it), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
always\t'Always, also in a pipe'
never\t'Never'"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand diagnose" -l query -d 'A JMESPath query on the command\'s JSON document, as the AWS CLI\'s --query: the result is printed as JSON (json, table) or flattened as the AWS CLI does (text)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand diagnose" -l columns -d 'The columns of `--output text`, by name and in this order (names as in the JSON; the README lists each command\'s)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand diagnose" -l all-clusters -d 'With --stopped-since: every cluster of the account and region'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand diagnose" -l all-regions -d 'Run in every region enabled for the account (EC2 DescribeRegions), at once'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand diagnose" -l no-color -d 'Never use colour: the same as --color never'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand diagnose" -l headers -d 'Print a header line in `--output text`'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand diagnose" -l wide -d 'Tables with every column (by default they show the columns that fit 100 characters)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand diagnose" -s q -l quiet -d 'Print no progress and no warnings on stderr (errors are still printed)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand diagnose" -s v -l verbose -d 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand diagnose" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand diagnose" -s V -l version -d 'Print version'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand iam-policy" -l profile -d 'Use a specific profile from the AWS config and credentials files (default: AWS_PROFILE)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand iam-policy" -l region -d 'The AWS region to use (default: AWS_REGION, then the profile\'s region; never guessed). Repeated or comma-separated, the reading commands run in each region at once' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand iam-policy" -l endpoint-url -d 'Send requests to this URL instead of the service\'s default endpoint (also AWS_ENDPOINT_URL)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand iam-policy" -l max-attempts -d 'Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else the profile\'s max_attempts, else 5)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand iam-policy" -l read-timeout -d 'Seconds to wait for each AWS response (also --cli-read-timeout; 0: no timeouts at all). Default: 20 per attempt and 60 per operation, retries included' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand iam-policy" -l connect-timeout -d 'Seconds to wait for a connection (also --cli-connect-timeout; 0: none). Default: 5' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand iam-policy" -l throttle-budget -d 'Seconds a throttled AWS call keeps retrying, its throttled attempts not counted by --max-attempts (0: throttling counts as any other error). Default: 40' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand iam-policy" -l timeout -d 'The most the whole command may take (for example 90s, 10m, 1h); when it passes, the command ends with exit 3 naming the calls in flight. On `run` and `stop` it bounds the wait for the tasks (default there: 10m). Default: no bound beyond the per-call timeouts' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand iam-policy" -l output -d 'Output format: a table for people, JSON for programs, tab-separated text for shell scripts, JUnit XML for CI (`check` only). Default: the AWSVPC_OUTPUT environment variable, else table' -r -f -a "table\t'A table fitted to the terminal'
json\t'One JSON document'
text\t'Tab-separated values, one record per line'
junit\t'JUnit XML, one test case per finding (`check` only), for CI systems'"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand iam-policy" -l color -d 'When to colour the table: auto (on a terminal, unless NO_COLOR is set; a non-empty CLICOLOR_FORCE other than 0 forces it), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
always\t'Always, also in a pipe'
never\t'Never'"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand iam-policy" -l query -d 'A JMESPath query on the command\'s JSON document, as the AWS CLI\'s --query: the result is printed as JSON (json, table) or flattened as the AWS CLI does (text)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand iam-policy" -l columns -d 'The columns of `--output text`, by name and in this order (names as in the JSON; the README lists each command\'s)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand iam-policy" -l all-regions -d 'Run in every region enabled for the account (EC2 DescribeRegions), at once'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand iam-policy" -l no-color -d 'Never use colour: the same as --color never'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand iam-policy" -l headers -d 'Print a header line in `--output text`'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand iam-policy" -l wide -d 'Tables with every column (by default they show the columns that fit 100 characters)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand iam-policy" -s q -l quiet -d 'Print no progress and no warnings on stderr (errors are still printed)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand iam-policy" -s v -l verbose -d 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand iam-policy" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand iam-policy" -s V -l version -d 'Print version'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand explain" -l profile -d 'Use a specific profile from the AWS config and credentials files (default: AWS_PROFILE)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand explain" -l region -d 'The AWS region to use (default: AWS_REGION, then the profile\'s region; never guessed). Repeated or comma-separated, the reading commands run in each region at once' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand explain" -l endpoint-url -d 'Send requests to this URL instead of the service\'s default endpoint (also AWS_ENDPOINT_URL)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand explain" -l max-attempts -d 'Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else the profile\'s max_attempts, else 5)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand explain" -l read-timeout -d 'Seconds to wait for each AWS response (also --cli-read-timeout; 0: no timeouts at all). Default: 20 per attempt and 60 per operation, retries included' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand explain" -l connect-timeout -d 'Seconds to wait for a connection (also --cli-connect-timeout; 0: none). Default: 5' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand explain" -l throttle-budget -d 'Seconds a throttled AWS call keeps retrying, its throttled attempts not counted by --max-attempts (0: throttling counts as any other error). Default: 40' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand explain" -l timeout -d 'The most the whole command may take (for example 90s, 10m, 1h); when it passes, the command ends with exit 3 naming the calls in flight. On `run` and `stop` it bounds the wait for the tasks (default there: 10m). Default: no bound beyond the per-call timeouts' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand explain" -l output -d 'Output format: a table for people, JSON for programs, tab-separated text for shell scripts, JUnit XML for CI (`check` only). Default: the AWSVPC_OUTPUT environment variable, else table' -r -f -a "table\t'A table fitted to the terminal'
json\t'One JSON document'
text\t'Tab-separated values, one record per line'
junit\t'JUnit XML, one test case per finding (`check` only), for CI systems'"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand explain" -l color -d 'When to colour the table: auto (on a terminal, unless NO_COLOR is set; a non-empty CLICOLOR_FORCE other than 0 forces it), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
always\t'Always, also in a pipe'
never\t'Never'"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand explain" -l query -d 'A JMESPath query on the command\'s JSON document, as the AWS CLI\'s --query: the result is printed as JSON (json, table) or flattened as the AWS CLI does (text)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand explain" -l columns -d 'The columns of `--output text`, by name and in this order (names as in the JSON; the README lists each command\'s)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand explain" -l all-regions -d 'Run in every region enabled for the account (EC2 DescribeRegions), at once'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand explain" -l no-color -d 'Never use colour: the same as --color never'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand explain" -l headers -d 'Print a header line in `--output text`'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand explain" -l wide -d 'Tables with every column (by default they show the columns that fit 100 characters)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand explain" -s q -l quiet -d 'Print no progress and no warnings on stderr (errors are still printed)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand explain" -s v -l verbose -d 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand explain" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand explain" -s V -l version -d 'Print version'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand completions" -l profile -d 'Use a specific profile from the AWS config and credentials files (default: AWS_PROFILE)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand completions" -l region -d 'The AWS region to use (default: AWS_REGION, then the profile\'s region; never guessed). Repeated or comma-separated, the reading commands run in each region at once' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand completions" -l endpoint-url -d 'Send requests to this URL instead of the service\'s default endpoint (also AWS_ENDPOINT_URL)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand completions" -l max-attempts -d 'Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else the profile\'s max_attempts, else 5)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand completions" -l read-timeout -d 'Seconds to wait for each AWS response (also --cli-read-timeout; 0: no timeouts at all). Default: 20 per attempt and 60 per operation, retries included' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand completions" -l connect-timeout -d 'Seconds to wait for a connection (also --cli-connect-timeout; 0: none). Default: 5' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand completions" -l throttle-budget -d 'Seconds a throttled AWS call keeps retrying, its throttled attempts not counted by --max-attempts (0: throttling counts as any other error). Default: 40' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand completions" -l timeout -d 'The most the whole command may take (for example 90s, 10m, 1h); when it passes, the command ends with exit 3 naming the calls in flight. On `run` and `stop` it bounds the wait for the tasks (default there: 10m). Default: no bound beyond the per-call timeouts' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand completions" -l output -d 'Output format: a table for people, JSON for programs, tab-separated text for shell scripts, JUnit XML for CI (`check` only). Default: the AWSVPC_OUTPUT environment variable, else table' -r -f -a "table\t'A table fitted to the terminal'
json\t'One JSON document'
text\t'Tab-separated values, one record per line'
junit\t'JUnit XML, one test case per finding (`check` only), for CI systems'"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand completions" -l color -d 'When to colour the table: auto (on a terminal, unless NO_COLOR is set; a non-empty CLICOLOR_FORCE other than 0 forces it), always, never' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
always\t'Always, also in a pipe'
never\t'Never'"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand completions" -l query -d 'A JMESPath query on the command\'s JSON document, as the AWS CLI\'s --query: the result is printed as JSON (json, table) or flattened as the AWS CLI does (text)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand completions" -l columns -d 'The columns of `--output text`, by name and in this order (names as in the JSON; the README lists each command\'s)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand completions" -l all-regions -d 'Run in every region enabled for the account (EC2 DescribeRegions), at once'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand completions" -l no-color -d 'Never use colour: the same as --color never'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand completions" -l headers -d 'Print a header line in `--output text`'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand completions" -l wide -d 'Tables with every column (by default they show the columns that fit 100 characters)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand completions" -s q -l quiet -d 'Print no progress and no warnings on stderr (errors are still printed)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand completions" -s v -l verbose -d 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand completions" -s V -l version -d 'Print version'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand help; and not __fish_seen_subcommand_from enis check run stop capacity diagnose iam-policy explain completions help" -f -a "enis" -d 'Show the ENI attachments of ECS tasks, enriched from EC2'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand help; and not __fish_seen_subcommand_from enis check run stop capacity diagnose iam-policy explain completions help" -f -a "check" -d 'Preflight: check the awsvpc prerequisites of the account and a network configuration'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand help; and not __fish_seen_subcommand_from enis check run stop capacity diagnose iam-policy explain completions help" -f -a "run" -d 'Launch awsvpc tasks safely: validate, preflight, launch once, wait, explain, show the ENIs'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand help; and not __fish_seen_subcommand_from enis check run stop capacity diagnose iam-policy explain completions help" -f -a "stop" -d 'Stop tasks and wait until their ENIs are released'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand help; and not __fish_seen_subcommand_from enis check run stop capacity diagnose iam-policy explain completions help" -f -a "capacity" -d 'ENI capacity: awsvpc task slots per instance, AZ and cluster, and whether N more tasks fit'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand help; and not __fish_seen_subcommand_from enis check run stop capacity diagnose iam-policy explain completions help" -f -a "diagnose" -d 'Why did this task not start, or stop? One task, or every task stopped in a window'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand help; and not __fish_seen_subcommand_from enis check run stop capacity diagnose iam-policy explain completions help" -f -a "iam-policy" -d 'Print the minimal IAM policy (JSON) for the named commands (default: the read-only ones)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand help; and not __fish_seen_subcommand_from enis check run stop capacity diagnose iam-policy explain completions help" -f -a "explain" -d 'Explain a check: why it matters, what it looks at, links to the AWS documentation'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand help; and not __fish_seen_subcommand_from enis check run stop capacity diagnose iam-policy explain completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand help; and not __fish_seen_subcommand_from enis check run stop capacity diagnose iam-policy explain completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
