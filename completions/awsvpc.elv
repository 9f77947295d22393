
use builtin;
use str;

set edit:completion:arg-completer[awsvpc] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'awsvpc'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'awsvpc'= {
            cand --profile 'Use a specific profile from the AWS config and credentials files (default: AWS_PROFILE)'
            cand --region 'The AWS region to use (default: AWS_REGION, then the profile''s region; never guessed)'
            cand --endpoint-url 'Send requests to this URL instead of the service''s default endpoint (also AWS_ENDPOINT_URL)'
            cand --max-attempts 'Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else 3)'
            cand --read-timeout 'Seconds to wait for each AWS response before giving up on that attempt'
            cand --output 'Output format: a table for people, JSON for programs, tab-separated text for shell scripts, JUnit XML for CI (`check` only)'
            cand --no-color 'Never use colour (also when NO_COLOR is set). Colour is only used on a terminal'
            cand --headers 'Print a header line in `--output text`'
            cand -q 'Print no progress and no warnings on stderr (errors are still printed)'
            cand --quiet 'Print no progress and no warnings on stderr (errors are still printed)'
            cand -v 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration'
            cand --verbose 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand enis 'Show the ENI attachments of ECS tasks, enriched from EC2'
            cand check 'Preflight: check the awsvpc prerequisites of the account and a network configuration'
            cand run 'Launch awsvpc tasks safely: validate, preflight, launch once, wait, explain, show the ENIs'
            cand stop 'Stop tasks and wait until their ENIs are released'
            cand capacity 'ENI capacity: awsvpc task slots per instance, AZ and cluster, and whether N more tasks fit'
            cand diagnose 'Why did this task not start, or stop? One task, or every task stopped in a window'
            cand iam-policy 'Print the minimal IAM policy (JSON) for the named commands (default: the read-only ones)'
            cand explain 'Explain a check: why it matters, what it looks at, links to the AWS documentation'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'awsvpc;enis'= {
            cand -c 'The cluster''s name or ARN (default: the cluster of the task ARNs given, else `default`)'
            cand --cluster 'The cluster''s name or ARN (default: the cluster of the task ARNs given, else `default`)'
            cand --service 'Only tasks of this service'
            cand --family 'Only tasks of this task-definition family'
            cand --started-by 'Only tasks started with this `startedBy` value (cannot be combined with other filters)'
            cand --container-instance 'Only tasks on this container instance (id or ARN)'
            cand --desired-status 'Only tasks with this desired status (AWS lists RUNNING when none is given)'
            cand --launch-type 'Only tasks of this launch type'
            cand --profile 'Use a specific profile from the AWS config and credentials files (default: AWS_PROFILE)'
            cand --region 'The AWS region to use (default: AWS_REGION, then the profile''s region; never guessed)'
            cand --endpoint-url 'Send requests to this URL instead of the service''s default endpoint (also AWS_ENDPOINT_URL)'
            cand --max-attempts 'Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else 3)'
            cand --read-timeout 'Seconds to wait for each AWS response before giving up on that attempt'
            cand --output 'Output format: a table for people, JSON for programs, tab-separated text for shell scripts, JUnit XML for CI (`check` only)'
            cand --no-enrich 'Do not ask EC2 for the ENIs'' VPC, zone, security groups, public IP and status'
            cand --no-color 'Never use colour (also when NO_COLOR is set). Colour is only used on a terminal'
            cand --headers 'Print a header line in `--output text`'
            cand -q 'Print no progress and no warnings on stderr (errors are still printed)'
            cand --quiet 'Print no progress and no warnings on stderr (errors are still printed)'
            cand -v 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration'
            cand --verbose 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'awsvpc;check'= {
            cand -c 'Clusters whose container instances, tasks and capacity to check (repeatable)'
            cand --cluster 'Clusters whose container instances, tasks and capacity to check (repeatable)'
            cand --require 'Features that must be in effect (repeatable); without it they are reported, not required'
            cand --tasks 'The number of awsvpc tasks you plan to place (checked against free ENI slots)'
            cand --subnets 'Subnets for the task ENIs (comma-separated or repeated; 1-16); `capacity`: only their Availability Zones count'
            cand --security-groups 'Security groups for the task ENIs (comma-separated or repeated; at most 5; none: the VPC''s default group)'
            cand --launch-type 'The launch type of the tasks (default: the service''s, else EC2)'
            cand --assign-public-ip 'Whether the task ENIs get a public IP, Fargate only (default: the service''s, else DISABLED)'
            cand --task-definition 'The task definition: FAMILY, FAMILY:REVISION or its ARN (default: the service''s)'
            cand --service 'A service to check: its task definition, network configuration and load balancers (needs exactly one --cluster; --subnets and the other options override its values)'
            cand --only 'Run only these checks (comma-separated ids; see --list)'
            cand --skip 'Skip these checks (comma-separated ids; see --list)'
            cand --principal-arn 'With --fix: turn account settings on for this principal (an instance role''s ARN) instead of as the account default'
            cand --profile 'Use a specific profile from the AWS config and credentials files (default: AWS_PROFILE)'
            cand --region 'The AWS region to use (default: AWS_REGION, then the profile''s region; never guessed)'
            cand --endpoint-url 'Send requests to this URL instead of the service''s default endpoint (also AWS_ENDPOINT_URL)'
            cand --max-attempts 'Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else 3)'
            cand --read-timeout 'Seconds to wait for each AWS response before giving up on that attempt'
            cand --output 'Output format: a table for people, JSON for programs, tab-separated text for shell scripts, JUnit XML for CI (`check` only)'
            cand --all-clusters 'Check every cluster of the account and region'
            cand --strict 'Treat warnings as failures (exit 1)'
            cand --list 'List every check id with one line and exit (no AWS call)'
            cand --fix 'Apply the safe fixes (service-linked role, account settings, VPC DNS attributes) after printing the plan; asks on a terminal, needs --yes otherwise'
            cand --yes 'With --fix: apply without asking (required without a terminal)'
            cand --no-color 'Never use colour (also when NO_COLOR is set). Colour is only used on a terminal'
            cand --headers 'Print a header line in `--output text`'
            cand -q 'Print no progress and no warnings on stderr (errors are still printed)'
            cand --quiet 'Print no progress and no warnings on stderr (errors are still printed)'
            cand -v 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration'
            cand --verbose 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'awsvpc;run'= {
            cand -c 'The cluster''s name or ARN (default: `default`)'
            cand --cluster 'The cluster''s name or ARN (default: `default`)'
            cand --like-service 'Take the task definition and network configuration of this service; other options override'
            cand --subnets 'Subnets for the task ENIs (comma-separated or repeated; 1-16); `capacity`: only their Availability Zones count'
            cand --security-groups 'Security groups for the task ENIs (comma-separated or repeated; at most 5; none: the VPC''s default group)'
            cand --launch-type 'The launch type of the tasks (default: the service''s, else EC2)'
            cand --assign-public-ip 'Whether the task ENIs get a public IP, Fargate only (default: the service''s, else DISABLED)'
            cand --task-definition 'The task definition: FAMILY, FAMILY:REVISION or its ARN (default: the service''s)'
            cand --capacity-provider 'A capacity provider strategy item, NAME[:WEIGHT[:BASE]] (repeatable; not with --launch-type)'
            cand --platform-version 'The Fargate platform version (for example LATEST or 1.4.0)'
            cand --count 'How many tasks to launch (1-10, RunTask''s limit)'
            cand --started-by 'The startedBy value of the tasks'
            cand --group 'The task group (for example family:web)'
            cand --tag 'A tag for the tasks, KEY=VALUE (repeatable)'
            cand --propagate-tags 'Copy tags from the task definition or the service to the tasks'
            cand --command 'Override a container''s command: CONTAINER=ARGS, ARGS a JSON array or words (repeatable)'
            cand --env 'Set an environment variable of a container: CONTAINER:NAME=VALUE (repeatable). Values are never printed back'
            cand --client-token 'The idempotency token of this launch (1-64 printable ASCII characters): a retry with the same token never launches a second copy. Default: a new random token'
            cand --timeout 'How long to wait (for example 90s, 10m, 1h)'
            cand --poll-interval 'Seconds between two DescribeTasks polls while waiting (0.1 to 60)'
            cand --profile 'Use a specific profile from the AWS config and credentials files (default: AWS_PROFILE)'
            cand --region 'The AWS region to use (default: AWS_REGION, then the profile''s region; never guessed)'
            cand --endpoint-url 'Send requests to this URL instead of the service''s default endpoint (also AWS_ENDPOINT_URL)'
            cand --max-attempts 'Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else 3)'
            cand --read-timeout 'Seconds to wait for each AWS response before giving up on that attempt'
            cand --output 'Output format: a table for people, JSON for programs, tab-separated text for shell scripts, JUnit XML for CI (`check` only)'
            cand --enable-execute-command 'Turn on ECS Exec for the tasks'
            cand --no-preflight 'Skip the preflight checks'
            cand --force 'Launch even when a preflight check fails'
            cand --no-wait 'Return as soon as AWS answered (`run`: without waiting for RUNNING; `stop`: for STOPPED and released ENIs)'
            cand --dry-run 'Validate and run the preflight, print the RunTask request as JSON, launch nothing'
            cand --yes 'Launch without asking (required without a terminal)'
            cand --no-color 'Never use colour (also when NO_COLOR is set). Colour is only used on a terminal'
            cand --headers 'Print a header line in `--output text`'
            cand -q 'Print no progress and no warnings on stderr (errors are still printed)'
            cand --quiet 'Print no progress and no warnings on stderr (errors are still printed)'
            cand -v 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration'
            cand --verbose 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'awsvpc;stop'= {
            cand -c 'The cluster''s name or ARN (default: the cluster of the task ARNs, else `default`)'
            cand --cluster 'The cluster''s name or ARN (default: the cluster of the task ARNs, else `default`)'
            cand --reason 'The reason recorded with the stop (up to 255 characters)'
            cand --timeout 'How long to wait (for example 90s, 10m, 1h)'
            cand --poll-interval 'Seconds between two DescribeTasks polls while waiting (0.1 to 60)'
            cand --profile 'Use a specific profile from the AWS config and credentials files (default: AWS_PROFILE)'
            cand --region 'The AWS region to use (default: AWS_REGION, then the profile''s region; never guessed)'
            cand --endpoint-url 'Send requests to this URL instead of the service''s default endpoint (also AWS_ENDPOINT_URL)'
            cand --max-attempts 'Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else 3)'
            cand --read-timeout 'Seconds to wait for each AWS response before giving up on that attempt'
            cand --output 'Output format: a table for people, JSON for programs, tab-separated text for shell scripts, JUnit XML for CI (`check` only)'
            cand --no-wait 'Return as soon as AWS answered (`run`: without waiting for RUNNING; `stop`: for STOPPED and released ENIs)'
            cand --yes 'Stop without asking (required without a terminal)'
            cand --no-color 'Never use colour (also when NO_COLOR is set). Colour is only used on a terminal'
            cand --headers 'Print a header line in `--output text`'
            cand -q 'Print no progress and no warnings on stderr (errors are still printed)'
            cand --quiet 'Print no progress and no warnings on stderr (errors are still printed)'
            cand -v 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration'
            cand --verbose 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'awsvpc;capacity'= {
            cand -c 'The cluster''s name or ARN (default: `default`)'
            cand --cluster 'The cluster''s name or ARN (default: `default`)'
            cand --subnets 'Subnets for the task ENIs (comma-separated or repeated; 1-16); `capacity`: only their Availability Zones count'
            cand --tasks 'Whether this many more awsvpc tasks fit, and if not, how to make room'
            cand --profile 'Use a specific profile from the AWS config and credentials files (default: AWS_PROFILE)'
            cand --region 'The AWS region to use (default: AWS_REGION, then the profile''s region; never guessed)'
            cand --endpoint-url 'Send requests to this URL instead of the service''s default endpoint (also AWS_ENDPOINT_URL)'
            cand --max-attempts 'Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else 3)'
            cand --read-timeout 'Seconds to wait for each AWS response before giving up on that attempt'
            cand --output 'Output format: a table for people, JSON for programs, tab-separated text for shell scripts, JUnit XML for CI (`check` only)'
            cand --no-color 'Never use colour (also when NO_COLOR is set). Colour is only used on a terminal'
            cand --headers 'Print a header line in `--output text`'
            cand -q 'Print no progress and no warnings on stderr (errors are still printed)'
            cand --quiet 'Print no progress and no warnings on stderr (errors are still printed)'
            cand -v 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration'
            cand --verbose 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'awsvpc;diagnose'= {
            cand -c 'The cluster''s name or ARN (default: the cluster of the task ARN, else `default`)'
            cand --cluster 'The cluster''s name or ARN (default: the cluster of the task ARN, else `default`)'
            cand --stopped-since 'Diagnose every task of the cluster that stopped in this window (for example 30m, 1h), grouped by cause'
            cand --profile 'Use a specific profile from the AWS config and credentials files (default: AWS_PROFILE)'
            cand --region 'The AWS region to use (default: AWS_REGION, then the profile''s region; never guessed)'
            cand --endpoint-url 'Send requests to this URL instead of the service''s default endpoint (also AWS_ENDPOINT_URL)'
            cand --max-attempts 'Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else 3)'
            cand --read-timeout 'Seconds to wait for each AWS response before giving up on that attempt'
            cand --output 'Output format: a table for people, JSON for programs, tab-separated text for shell scripts, JUnit XML for CI (`check` only)'
            cand --no-color 'Never use colour (also when NO_COLOR is set). Colour is only used on a terminal'
            cand --headers 'Print a header line in `--output text`'
            cand -q 'Print no progress and no warnings on stderr (errors are still printed)'
            cand --quiet 'Print no progress and no warnings on stderr (errors are still printed)'
            cand -v 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration'
            cand --verbose 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'awsvpc;iam-policy'= {
            cand --profile 'Use a specific profile from the AWS config and credentials files (default: AWS_PROFILE)'
            cand --region 'The AWS region to use (default: AWS_REGION, then the profile''s region; never guessed)'
            cand --endpoint-url 'Send requests to this URL instead of the service''s default endpoint (also AWS_ENDPOINT_URL)'
            cand --max-attempts 'Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else 3)'
            cand --read-timeout 'Seconds to wait for each AWS response before giving up on that attempt'
            cand --output 'Output format: a table for people, JSON for programs, tab-separated text for shell scripts, JUnit XML for CI (`check` only)'
            cand --no-color 'Never use colour (also when NO_COLOR is set). Colour is only used on a terminal'
            cand --headers 'Print a header line in `--output text`'
            cand -q 'Print no progress and no warnings on stderr (errors are still printed)'
            cand --quiet 'Print no progress and no warnings on stderr (errors are still printed)'
            cand -v 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration'
            cand --verbose 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'awsvpc;explain'= {
            cand --profile 'Use a specific profile from the AWS config and credentials files (default: AWS_PROFILE)'
            cand --region 'The AWS region to use (default: AWS_REGION, then the profile''s region; never guessed)'
            cand --endpoint-url 'Send requests to this URL instead of the service''s default endpoint (also AWS_ENDPOINT_URL)'
            cand --max-attempts 'Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else 3)'
            cand --read-timeout 'Seconds to wait for each AWS response before giving up on that attempt'
            cand --output 'Output format: a table for people, JSON for programs, tab-separated text for shell scripts, JUnit XML for CI (`check` only)'
            cand --no-color 'Never use colour (also when NO_COLOR is set). Colour is only used on a terminal'
            cand --headers 'Print a header line in `--output text`'
            cand -q 'Print no progress and no warnings on stderr (errors are still printed)'
            cand --quiet 'Print no progress and no warnings on stderr (errors are still printed)'
            cand -v 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration'
            cand --verbose 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'awsvpc;completions'= {
            cand --profile 'Use a specific profile from the AWS config and credentials files (default: AWS_PROFILE)'
            cand --region 'The AWS region to use (default: AWS_REGION, then the profile''s region; never guessed)'
            cand --endpoint-url 'Send requests to this URL instead of the service''s default endpoint (also AWS_ENDPOINT_URL)'
            cand --max-attempts 'Maximum attempts per AWS call, including the first (default: AWS_MAX_ATTEMPTS, else 3)'
            cand --read-timeout 'Seconds to wait for each AWS response before giving up on that attempt'
            cand --output 'Output format: a table for people, JSON for programs, tab-separated text for shell scripts, JUnit XML for CI (`check` only)'
            cand --no-color 'Never use colour (also when NO_COLOR is set). Colour is only used on a terminal'
            cand --headers 'Print a header line in `--output text`'
            cand -q 'Print no progress and no warnings on stderr (errors are still printed)'
            cand --quiet 'Print no progress and no warnings on stderr (errors are still printed)'
            cand -v 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration'
            cand --verbose 'Say more on stderr: -v lists every AWS call attempt with its outcome and duration'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'awsvpc;help'= {
            cand enis 'Show the ENI attachments of ECS tasks, enriched from EC2'
            cand check 'Preflight: check the awsvpc prerequisites of the account and a network configuration'
            cand run 'Launch awsvpc tasks safely: validate, preflight, launch once, wait, explain, show the ENIs'
            cand stop 'Stop tasks and wait until their ENIs are released'
            cand capacity 'ENI capacity: awsvpc task slots per instance, AZ and cluster, and whether N more tasks fit'
            cand diagnose 'Why did this task not start, or stop? One task, or every task stopped in a window'
            cand iam-policy 'Print the minimal IAM policy (JSON) for the named commands (default: the read-only ones)'
            cand explain 'Explain a check: why it matters, what it looks at, links to the AWS documentation'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'awsvpc;help;enis'= {
        }
        &'awsvpc;help;check'= {
        }
        &'awsvpc;help;run'= {
        }
        &'awsvpc;help;stop'= {
        }
        &'awsvpc;help;capacity'= {
        }
        &'awsvpc;help;diagnose'= {
        }
        &'awsvpc;help;iam-policy'= {
        }
        &'awsvpc;help;explain'= {
        }
        &'awsvpc;help;completions'= {
        }
        &'awsvpc;help;help'= {
        }
    ]
    $completions[$command]
}
