#!/usr/bin/env bash
# Renews the RustSec advisory database snapshot in data/rustsec/ (what `.ci/run` checks the
# dependencies against where GitHub cannot be reached). Needs GitHub. One commit holding the
# database's tree, dated as the source commit, bundled: about 1 MB.
#   scripts/refresh-advisories.sh [SOURCE]   (SOURCE: a clone URL or path; default GitHub)
set -euo pipefail
cd "$(dirname "$0")/.."
src="${1:-https://github.com/rustsec/advisory-db}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git clone --quiet --depth 1 "$src" "$work/src"
commit="$(git -C "$work/src" rev-parse HEAD)"
date="$(git -C "$work/src" show -s --format=%cI HEAD)"
git init --quiet "$work/snap"
git -C "$work/src" archive HEAD | tar -x -C "$work/snap"
git -C "$work/snap" add -A
GIT_AUTHOR_DATE="$date" GIT_COMMITTER_DATE="$date" git -C "$work/snap" -c user.name="RustSec snapshot" \
    -c user.email="snapshot@awsvpc.invalid" commit --quiet -m "rustsec/advisory-db at $commit ($date)"
git -C "$work/snap" bundle create "$work/advisory-db.bundle" --all 2>/dev/null
mkdir -p data/rustsec
cp "$work/advisory-db.bundle" data/rustsec/advisory-db.bundle
files="$(git -C "$work/snap" ls-files | wc -l | tr -d ' ')"
cat > data/rustsec/SNAPSHOT <<SNAP
source: https://github.com/rustsec/advisory-db
commit: $commit
date: ${date%%T*}
files: $files
licence: CC0-1.0 (the advisory database's own)
bundle: advisory-db.bundle (one commit holding that tree, dated as the source commit)
SNAP
echo "data/rustsec: advisory-db at $commit (${date%%T*})"
