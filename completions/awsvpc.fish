# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_awsvpc_global_optspecs
    string join \n profile= region= endpoint-url= max-attempts= read-timeout= output= no-color headers q/quiet v/verbose h/help V/version
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
complete -c awsvpc -n "__fish_awsvpc_needs_command" -l region -d 'The AWS region to use (default: AWS_REGION, then the profile\'s region; never guessed)' -r
complete -c awsvpc -n "__fish_awsvpc_needs_command" -l endpoint-url -d 'Send requests to this URL instead of the service\'s default endpoint (also AWS_ENDPOINT_URL)' -r
complete -c awsvpc -n "__fish_awsvpc_needs_command" -l max-attempts -d 'Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else 3)' -r
complete -c awsvpc -n "__fish_awsvpc_needs_command" -l read-timeout -d 'Seconds to wait for each AWS response before giving up on that attempt' -r
complete -c awsvpc -n "__fish_awsvpc_needs_command" -l output -d 'Output format: a table for people, JSON for programs, tab-separated text for shell scripts, JUnit XML for CI (`check` only)' -r -f -a "table\t'A table fitted to the terminal'
json\t'One JSON document'
text\t'Tab-separated values, one record per line'
junit\t'JUnit XML, one test case per finding (`check` only), for CI systems'"
complete -c awsvpc -n "__fish_awsvpc_needs_command" -l no-color -d 'Never use colour (also when NO_COLOR is set). Colour is only used on a terminal'
complete -c awsvpc -n "__fish_awsvpc_needs_command" -l headers -d 'Print a header line in `--output text`'
complete -c awsvpc -n "__fish_awsvpc_needs_command" -s q -l quiet -d 'Print no progress and no warnings on stderr (errors are still printed)'
complete -c awsvpc -n "__fish_awsvpc_needs_command" -s v -l verbose -d 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration'
complete -c awsvpc -n "__fish_awsvpc_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c awsvpc -n "__fish_awsvpc_needs_command" -s V -l version -d 'Print version'
complete -c awsvpc -n "__fish_awsvpc_needs_command" -f -a "enis" -d 'Show the ENI attachments of ECS tasks, enriched from EC2'
complete -c awsvpc -n "__fish_awsvpc_needs_command" -f -a "check" -d 'Preflight: check the awsvpc prerequisites of the account and a network configuration'
complete -c awsvpc -n "__fish_awsvpc_needs_command" -f -a "explain" -d 'Explain a check: why it matters, what it looks at, links to the AWS documentation'
complete -c awsvpc -n "__fish_awsvpc_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c awsvpc -n "__fish_awsvpc_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -s c -l cluster -d 'The cluster\'s name or ARN (default: the cluster of the task ARNs given, else `default`)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l service -d 'Only tasks of this service' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l family -d 'Only tasks of this task-definition family' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l started-by -d 'Only tasks started with this `startedBy` value (cannot be combined with other filters)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l container-instance -d 'Only tasks on this container instance (id or ARN)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l desired-status -d 'Only tasks with this desired status (AWS lists RUNNING when none is given)' -r -f -a "RUNNING\t''
PENDING\t''
STOPPED\t''"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l launch-type -d 'Only tasks of this launch type' -r -f -a "EC2\t''
FARGATE\t''
EXTERNAL\t''"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l profile -d 'Use a specific profile from the AWS config and credentials files (default: AWS_PROFILE)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l region -d 'The AWS region to use (default: AWS_REGION, then the profile\'s region; never guessed)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l endpoint-url -d 'Send requests to this URL instead of the service\'s default endpoint (also AWS_ENDPOINT_URL)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l max-attempts -d 'Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else 3)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l read-timeout -d 'Seconds to wait for each AWS response before giving up on that attempt' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l output -d 'Output format: a table for people, JSON for programs, tab-separated text for shell scripts, JUnit XML for CI (`check` only)' -r -f -a "table\t'A table fitted to the terminal'
json\t'One JSON document'
text\t'Tab-separated values, one record per line'
junit\t'JUnit XML, one test case per finding (`check` only), for CI systems'"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l no-enrich -d 'Do not ask EC2 for the ENIs\' VPC, zone, security groups, public IP and status'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l no-color -d 'Never use colour (also when NO_COLOR is set). Colour is only used on a terminal'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -l headers -d 'Print a header line in `--output text`'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -s q -l quiet -d 'Print no progress and no warnings on stderr (errors are still printed)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -s v -l verbose -d 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand enis" -s V -l version -d 'Print version'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -s c -l cluster -d 'Clusters whose container instances, tasks and capacity to check (repeatable)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l require -d 'Features that must be in effect (repeatable); without it they are reported, not required' -r -f -a "trunking\t'ENI trunking (awsvpcTrunking) for the container instances'
ipv6\t'IPv6 for tasks (dualStackIPv6)'"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l tasks -d 'The number of awsvpc tasks you plan to place (checked against free ENI slots)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l subnets -d 'Subnets of the network configuration to check (comma-separated or repeated; 1-16)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l security-groups -d 'Security groups of the network configuration (comma-separated or repeated; at most 5)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l launch-type -d 'The launch type the tasks will use (default: the service\'s, else EC2)' -r -f -a "EC2\t''
FARGATE\t''
EXTERNAL\t''"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l assign-public-ip -d 'Whether the tasks\' ENIs get a public IP, Fargate only (default: the service\'s, else DISABLED)' -r -f -a "ENABLED\t''
DISABLED\t''"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l task-definition -d 'The task definition to check: FAMILY, FAMILY:REVISION or its ARN (default: the service\'s)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l service -d 'A service to check: its task definition, network configuration and load balancers (needs exactly one --cluster; --subnets and the other options override its values)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l only -d 'Run only these checks (comma-separated ids; see --list)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l skip -d 'Skip these checks (comma-separated ids; see --list)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l principal-arn -d 'With --fix: turn account settings on for this principal (an instance role\'s ARN) instead of as the account default' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l profile -d 'Use a specific profile from the AWS config and credentials files (default: AWS_PROFILE)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l region -d 'The AWS region to use (default: AWS_REGION, then the profile\'s region; never guessed)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l endpoint-url -d 'Send requests to this URL instead of the service\'s default endpoint (also AWS_ENDPOINT_URL)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l max-attempts -d 'Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else 3)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l read-timeout -d 'Seconds to wait for each AWS response before giving up on that attempt' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l output -d 'Output format: a table for people, JSON for programs, tab-separated text for shell scripts, JUnit XML for CI (`check` only)' -r -f -a "table\t'A table fitted to the terminal'
json\t'One JSON document'
text\t'Tab-separated values, one record per line'
junit\t'JUnit XML, one test case per finding (`check` only), for CI systems'"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l all-clusters -d 'Check every cluster of the account and region'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l strict -d 'Treat warnings as failures (exit 1)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l list -d 'List every check id with one line and exit (no AWS call)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l fix -d 'Apply the safe fixes (service-linked role, account settings, VPC DNS attributes) after printing the plan; asks on a terminal, needs --yes otherwise'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l yes -d 'With --fix: apply without asking (required without a terminal)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l no-color -d 'Never use colour (also when NO_COLOR is set). Colour is only used on a terminal'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -l headers -d 'Print a header line in `--output text`'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -s q -l quiet -d 'Print no progress and no warnings on stderr (errors are still printed)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -s v -l verbose -d 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand check" -s V -l version -d 'Print version'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand explain" -l profile -d 'Use a specific profile from the AWS config and credentials files (default: AWS_PROFILE)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand explain" -l region -d 'The AWS region to use (default: AWS_REGION, then the profile\'s region; never guessed)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand explain" -l endpoint-url -d 'Send requests to this URL instead of the service\'s default endpoint (also AWS_ENDPOINT_URL)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand explain" -l max-attempts -d 'Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else 3)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand explain" -l read-timeout -d 'Seconds to wait for each AWS response before giving up on that attempt' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand explain" -l output -d 'Output format: a table for people, JSON for programs, tab-separated text for shell scripts, JUnit XML for CI (`check` only)' -r -f -a "table\t'A table fitted to the terminal'
json\t'One JSON document'
text\t'Tab-separated values, one record per line'
junit\t'JUnit XML, one test case per finding (`check` only), for CI systems'"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand explain" -l no-color -d 'Never use colour (also when NO_COLOR is set). Colour is only used on a terminal'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand explain" -l headers -d 'Print a header line in `--output text`'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand explain" -s q -l quiet -d 'Print no progress and no warnings on stderr (errors are still printed)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand explain" -s v -l verbose -d 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand explain" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand explain" -s V -l version -d 'Print version'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand completions" -l profile -d 'Use a specific profile from the AWS config and credentials files (default: AWS_PROFILE)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand completions" -l region -d 'The AWS region to use (default: AWS_REGION, then the profile\'s region; never guessed)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand completions" -l endpoint-url -d 'Send requests to this URL instead of the service\'s default endpoint (also AWS_ENDPOINT_URL)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand completions" -l max-attempts -d 'Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else 3)' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand completions" -l read-timeout -d 'Seconds to wait for each AWS response before giving up on that attempt' -r
complete -c awsvpc -n "__fish_awsvpc_using_subcommand completions" -l output -d 'Output format: a table for people, JSON for programs, tab-separated text for shell scripts, JUnit XML for CI (`check` only)' -r -f -a "table\t'A table fitted to the terminal'
json\t'One JSON document'
text\t'Tab-separated values, one record per line'
junit\t'JUnit XML, one test case per finding (`check` only), for CI systems'"
complete -c awsvpc -n "__fish_awsvpc_using_subcommand completions" -l no-color -d 'Never use colour (also when NO_COLOR is set). Colour is only used on a terminal'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand completions" -l headers -d 'Print a header line in `--output text`'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand completions" -s q -l quiet -d 'Print no progress and no warnings on stderr (errors are still printed)'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand completions" -s v -l verbose -d 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand completions" -s V -l version -d 'Print version'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand help; and not __fish_seen_subcommand_from enis check explain completions help" -f -a "enis" -d 'Show the ENI attachments of ECS tasks, enriched from EC2'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand help; and not __fish_seen_subcommand_from enis check explain completions help" -f -a "check" -d 'Preflight: check the awsvpc prerequisites of the account and a network configuration'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand help; and not __fish_seen_subcommand_from enis check explain completions help" -f -a "explain" -d 'Explain a check: why it matters, what it looks at, links to the AWS documentation'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand help; and not __fish_seen_subcommand_from enis check explain completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c awsvpc -n "__fish_awsvpc_using_subcommand help; and not __fish_seen_subcommand_from enis check explain completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
