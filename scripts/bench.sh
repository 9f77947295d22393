#!/usr/bin/env bash
# The benchmark (see scripts/bench.py): awsvpc vs the AWS CLI vs the floor, on the local emulator.
#   scripts/bench.sh [--sizes 100:50,1000:50,5000:500] [--runs 5] [--markdown FILE]
# Uses AWSVPC_BIN if set, else builds the release binary (about 20 minutes the first time).
# Needs Rust, Python 3, jq and GNU time (installed with apt-get when missing and run as root).
set -euo pipefail
cd "$(dirname "$0")/.."
# jq for the AWS CLI scripts; GNU time (/usr/bin/time) for the peak memory of each run.
for need in jq:jq /usr/bin/time:time; do
    if ! command -v "${need%%:*}" >/dev/null; then
        if [ "$(id -u)" = 0 ]; then apt-get install -y "${need##*:}" >/dev/null; else echo "bench: ${need##*:} is required" >&2; exit 1; fi
    fi
done
bin="${AWSVPC_BIN:-}"
if [ -z "$bin" ]; then
    cargo build --release --bin awsvpc
    bin="${CARGO_TARGET_DIR:-target}/release/awsvpc"
fi
exec python3 scripts/bench.py --bin "$bin" "$@"
