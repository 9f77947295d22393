#!/usr/bin/env bash
# The GitHub Action's check step (action.yml): `awsvpc check` with the step's arguments.
#
#   AWSVPC_ARGS   the arguments, split on spaces as a shell would (no globbing)
#
# On GitHub Actions `awsvpc check` writes its warn/fail/error findings as workflow annotations
# and appends a Markdown summary to $GITHUB_STEP_SUMMARY. Its exit code is the step's: 0 passes;
# 1 (a check failed), 2 (bad arguments) and 3 (AWS could not be read) fail the step. The code is
# also written to $GITHUB_OUTPUT as `exit-code`.
set -uo pipefail
set -f
# shellcheck disable=SC2086 # word splitting of the arguments is intended
awsvpc check ${AWSVPC_ARGS:-}
code=$?
echo "exit-code=$code" >> "${GITHUB_OUTPUT:-/dev/null}"
exit "$code"
