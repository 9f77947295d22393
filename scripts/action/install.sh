#!/usr/bin/env bash
# The GitHub Action's install step (action.yml): puts `awsvpc` on the job's PATH.
#
#   AWSVPC_BINARY   an awsvpc binary already on the runner (self-built, cached): used as is
#   AWSVPC_VERSION  the release to download: "latest" (default) or a version such as 0.2.0
#   AWSVPC_REPO     where releases are published (default: the repository in Cargo.toml)
#   --print-url     print the archive URL for this runner and exit (nothing is downloaded)
#
# The prebuilt archive for the runner (`dist`'s names: awsvpc-<target>.tar.xz / .zip) is
# downloaded with its .sha256, verified, unpacked into $RUNNER_TEMP/awsvpc, and that directory
# is appended to $GITHUB_PATH.
set -euo pipefail

repo="${AWSVPC_REPO:-https://github.com/awsvpc/awsvpc}"
version="${AWSVPC_VERSION:-latest}"
dest="${RUNNER_TEMP:?RUNNER_TEMP is not set (run inside GitHub Actions)}/awsvpc"

target() {
  case "${RUNNER_OS:-$(uname -s)}/${RUNNER_ARCH:-$(uname -m)}" in
    Linux/X64 | Linux/x86_64) echo x86_64-unknown-linux-musl ;;
    Linux/ARM64 | Linux/aarch64) echo aarch64-unknown-linux-musl ;;
    macOS/X64 | Darwin/x86_64) echo x86_64-apple-darwin ;;
    macOS/ARM64 | Darwin/arm64) echo aarch64-apple-darwin ;;
    Windows/X64) echo x86_64-pc-windows-msvc ;;
    *) echo "awsvpc: no prebuilt binary for ${RUNNER_OS:-?}/${RUNNER_ARCH:-?}; build it (cargo install --locked awsvpc) and pass it as the binary input" >&2
       return 1 ;;
  esac
}

url() {
  local t ext=tar.xz
  t="$(target)"
  [[ "$t" == *windows* ]] && ext=zip
  if [ "$version" = latest ]; then
    echo "$repo/releases/latest/download/awsvpc-$t.$ext"
  else
    echo "$repo/releases/download/v${version#v}/awsvpc-$t.$ext"
  fi
}

if [ "${1:-}" = "--print-url" ]; then
  url
  exit 0
fi

mkdir -p "$dest"
if [ -n "${AWSVPC_BINARY:-}" ]; then
  [ -x "$AWSVPC_BINARY" ] || { echo "awsvpc: binary input $AWSVPC_BINARY is not an executable file" >&2; exit 1; }
  cp "$AWSVPC_BINARY" "$dest/awsvpc"
else
  u="$(url)"
  archive="$dest/$(basename "$u")"
  curl --proto '=https' --tlsv1.2 -fsSL --retry 3 -o "$archive" "$u"
  curl --proto '=https' --tlsv1.2 -fsSL --retry 3 -o "$archive.sha256" "$u.sha256"
  expected="$(cut -d' ' -f1 < "$archive.sha256")"
  if command -v sha256sum >/dev/null; then actual="$(sha256sum "$archive" | cut -d' ' -f1)"; else actual="$(shasum -a 256 "$archive" | cut -d' ' -f1)"; fi
  [ "$expected" = "$actual" ] || { echo "awsvpc: checksum mismatch for $u" >&2; exit 1; }
  case "$archive" in
    *.zip) unzip -q -o "$archive" -d "$dest" ;;
    *) tar -xJf "$archive" -C "$dest" ;;
  esac
  # With or without a top-level folder in the archive: the binary ends up in $dest.
  found="$(find "$dest" -mindepth 2 -type f \( -name awsvpc -o -name awsvpc.exe \) | head -n 1)"
  [ -z "$found" ] || mv -f "$found" "$dest/"
fi
echo "$dest" >> "${GITHUB_PATH:-/dev/null}"
if [ -x "$dest/awsvpc.exe" ]; then "$dest/awsvpc.exe" --version; else "$dest/awsvpc" --version; fi
