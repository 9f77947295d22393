#!/usr/bin/env bash
# The calls `awsvpc check --cluster C` replaces, with the AWS CLI and jq: the service-linked role,
# the caller's account settings, the container instances (100 per call), their tasks (100 per
# call), their EC2 instances, types and ENIs, the instance profiles' roles and their settings.
# It gathers the same facts; the checks themselves are left out (they cost nothing).
set -euo pipefail
cluster=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
aws iam get-role --role-name AWSServiceRoleForECS --output json > /dev/null || true
aws ecs list-account-settings --effective-settings --output json > /dev/null
aws ecs list-container-instances --cluster "$cluster" --page-size 100 --query 'containerInstanceArns[]' --output text | tr '\t' '\n' | grep . > "$tmp/cis" || true
: > "$tmp/ci.jsonl"
split -l 100 "$tmp/cis" "$tmp/cic."
for f in "$tmp"/cic.*; do
    [ -e "$f" ] || continue
    aws ecs describe-container-instances --cluster "$cluster" --container-instances $(cat "$f") --output json | jq -c '.containerInstances[]' >> "$tmp/ci.jsonl"
done
aws ecs list-tasks --cluster "$cluster" --page-size 100 --query 'taskArns[]' --output text | tr '\t' '\n' | grep . > "$tmp/arns" || true
split -l 100 "$tmp/arns" "$tmp/tc."
for f in "$tmp"/tc.*; do
    [ -e "$f" ] || continue
    aws ecs describe-tasks --cluster "$cluster" --tasks $(cat "$f") --output json > /dev/null
done
jq -r '.ec2InstanceId' "$tmp/ci.jsonl" > "$tmp/ids"
: > "$tmp/inst.jsonl"
split -l 200 "$tmp/ids" "$tmp/ic."
for f in "$tmp"/ic.*; do
    [ -e "$f" ] || continue
    ids=$(paste -sd, "$f")
    aws ec2 describe-instances --filters "Name=instance-id,Values=$ids" --output json | jq -c '.Reservations[].Instances[]' >> "$tmp/inst.jsonl"
    aws ec2 describe-network-interfaces --filters "Name=attachment.instance-id,Values=$ids" --output json > /dev/null
done
types=$(jq -r '.InstanceType' "$tmp/inst.jsonl" | sort -u | tr '\n' ' ')
[ -n "$types" ] && aws ec2 describe-instance-types --instance-types $types --output json > /dev/null
for p in $(jq -r '.IamInstanceProfile.Arn // empty' "$tmp/inst.jsonl" | sort -u); do
    role=$(aws iam get-instance-profile --instance-profile-name "${p##*/}" --query 'InstanceProfile.Roles[0].Arn' --output text)
    aws ecs list-account-settings --effective-settings --principal-arn "$role" --output json > /dev/null
done
echo '{"gathered": true}'
