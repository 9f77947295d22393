#!/usr/bin/env bash
# What `awsvpc enis --cluster C --output json` does, with the AWS CLI and jq: list the tasks (the
# CLI pages ListTasks by 100), describe them 100 at a time, describe their ENIs 200 at a time,
# and shape the same fields. Used by scripts/bench.py as the baseline.
set -euo pipefail
cluster=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
aws ecs list-tasks --cluster "$cluster" --page-size 100 --query 'taskArns[]' --output text | tr '\t' '\n' | grep . > "$tmp/arns" || true
: > "$tmp/tasks.jsonl"
split -l 100 "$tmp/arns" "$tmp/chunk."
for f in "$tmp"/chunk.*; do
    [ -e "$f" ] || continue
    aws ecs describe-tasks --cluster "$cluster" --tasks $(cat "$f") --output json | jq -c '.tasks[]' >> "$tmp/tasks.jsonl"
done
jq -r '.attachments[]? | select(.type == "ElasticNetworkInterface") | .details[] | select(.name == "networkInterfaceId") | .value' \
    "$tmp/tasks.jsonl" > "$tmp/enis"
: > "$tmp/enis.jsonl"
split -l 200 "$tmp/enis" "$tmp/eni."
for f in "$tmp"/eni.*; do
    [ -e "$f" ] || continue
    aws ec2 describe-network-interfaces --filters "Name=network-interface-id,Values=$(paste -sd, "$f")" --output json \
        | jq -c '.NetworkInterfaces[]' >> "$tmp/enis.jsonl"
done
jq -n --slurpfile tasks "$tmp/tasks.jsonl" --slurpfile enis "$tmp/enis.jsonl" '
  ($enis | map({key: .NetworkInterfaceId, value: .}) | from_entries) as $by_id
  | {tasks: [$tasks[] | {task_arn: .taskArn, last_status: .lastStatus,
      enis: [.attachments[]? | select(.type == "ElasticNetworkInterface")
             | (.details | map({key: .name, value: .value}) | from_entries) as $d
             | {eni_id: $d.networkInterfaceId, subnet_id: $d.subnetId, private_ipv4: $d.privateIPv4Address,
                mac_address: $d.macAddress, attachment_status: .status,
                ec2: ($by_id[$d.networkInterfaceId] | if . then {vpc_id: .VpcId, availability_zone: .AvailabilityZone,
                      security_groups: [.Groups[].GroupId], status: .Status} else {found: false} end)}]}]}'
