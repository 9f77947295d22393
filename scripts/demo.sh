#!/usr/bin/env bash
# The main job, in one command on a fresh machine (needs Rust and Python 3):
#   scripts/demo.sh            against AWS when credentials are configured, else a demo account
#   scripts/demo.sh --demo     always the demo account (a local emulator seeded with a cluster)
# Against AWS it only reads: `awsvpc enis` and `awsvpc check` for $AWSVPC_CLUSTER (default: default).
set -euo pipefail
cd "$(dirname "$0")/.."

mode=auto
[[ "${1:-}" == "--demo" ]] && mode=demo

has_credentials() {
    [[ -n "${AWS_ACCESS_KEY_ID:-}" || -n "${AWS_PROFILE:-}" || -n "${AWS_WEB_IDENTITY_TOKEN_FILE:-}" ]] && return 0
    [[ -f "${AWS_SHARED_CREDENTIALS_FILE:-$HOME/.aws/credentials}" || -f "${AWS_CONFIG_FILE:-$HOME/.aws/config}" ]]
}

# AWSVPC_BIN: a binary already built (CI passes the one its tests built: a plain `cargo build`
# after `cargo test` rebuilds much of the graph, as dev-dependencies unify other features).
bin="${AWSVPC_BIN:-}"
if [ -z "$bin" ]; then
    echo "building awsvpc (the first build takes several minutes)..." >&2
    cargo build --quiet --bin awsvpc
    bin="${CARGO_TARGET_DIR:-target}/debug/awsvpc"
fi

if [[ "$mode" == auto ]] && has_credentials; then
    cluster="${AWSVPC_CLUSTER:-default}"
    echo "AWS credentials found: showing the ENIs of cluster '$cluster' (read-only)" >&2
    "$bin" enis --cluster "$cluster"
    exec "$bin" check --cluster "$cluster"
fi

echo "no AWS credentials (or --demo): starting the local demo account" >&2
out=$(mktemp)
python3 tests/emulator/bootstrap.py --no-stdin-watch >"$out" &
emulator=$!
trap 'kill "$emulator" 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 1 600); do
    grep -q '^PORT ' "$out" && break
    kill -0 "$emulator" 2>/dev/null || { echo "the emulator did not start" >&2; exit 1; }
    sleep 0.2
done
port=$(awk '/^PORT /{print $2}' "$out")
read -r subnets sg failed < <(python3 - "$port" <<'PY'
import json, sys, urllib.request
base = f"http://127.0.0.1:{sys.argv[1]}/_awsvpc"
def post(path, body):
    req = urllib.request.Request(base + path, method="POST", data=json.dumps(body).encode())
    return json.loads(urllib.request.urlopen(req).read())
seed = post("/seed", {"scenario": "demo", "account": "123456789012"})
net = seed["network"]
# A planted problem: one EC2 task died of an ENI provisioning timeout, as AWS shows it.
failed = seed["instances"][0]["tasks"][0]
post("/task", {"account": "123456789012", "task": failed, "stop_code": "TaskFailedToStart",
               "stopped_reason": "Timeout waiting for network interface provisioning to complete."})
print(",".join(net["private_subnets"] + [net["public_subnet"]]), net["security_group"], failed)
PY
)

export AWS_ACCESS_KEY_ID=123456789012 AWS_SECRET_ACCESS_KEY=demo AWS_REGION=us-east-1
export AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_EC2_METADATA_DISABLED=true
unset AWS_PROFILE AWS_SESSION_TOKEN
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null

echo >&2
echo "\$ awsvpc enis --cluster demo" >&2
"$bin" enis --cluster demo
echo >&2
echo "\$ awsvpc enis --cluster demo --output text --headers | cut -f1,5,7" >&2
"$bin" enis --cluster demo --output text --headers | cut -f1,5,7
echo >&2
echo "\$ awsvpc check --cluster demo --subnets $subnets --security-groups $sg --tasks 4" >&2
"$bin" check --cluster demo --subnets "$subnets" --security-groups "$sg" --tasks 4 || echo "(exit $?: a check failed)" >&2
echo >&2
echo "\$ awsvpc capacity --cluster demo --tasks 4" >&2
"$bin" capacity --cluster demo --tasks 4 || echo "(exit $?: 4 more tasks do not fit)" >&2
private="${subnets%,*}"
echo >&2
echo "\$ awsvpc run --cluster demo --task-definition worker --launch-type FARGATE --subnets $private --security-groups $sg --yes" >&2
out_json=$("$bin" run --cluster demo --task-definition worker --launch-type FARGATE --subnets "$private" \
    --security-groups "$sg" --yes --poll-interval 0.5 --output json)
"$bin" enis --cluster demo $(python3 -c 'import json,sys; print(" ".join(json.load(sys.stdin)["task_arns"]))' <<<"$out_json")
task=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["task_arns"][0])' <<<"$out_json")
echo >&2
echo "\$ awsvpc diagnose --cluster demo $failed" >&2
"$bin" diagnose --cluster demo "$failed" || echo "(exit $?: the task failed)" >&2
echo >&2
echo "\$ awsvpc stop --cluster demo $task --yes" >&2
"$bin" stop --cluster demo "$task" --yes --poll-interval 0.5
