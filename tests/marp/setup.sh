#!/usr/bin/env bash
# Install Marp Core (Marp's own renderer) from npm into DIR for the
# comparison test.  Needs node and npm; without them, or without the npm
# registry, it says so and the test reports itself skipped.
set -u
dir=${1:?usage: setup.sh DIR}
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "marp: node/npm not installed; the Marp comparison will be skipped"
  exit 0
fi
if [ -d "$dir/node_modules/@marp-team/marp-core" ]; then exit 0; fi
mkdir -p "$dir"
if ! (cd "$dir" && timeout 300 npm install --no-audit --no-fund --loglevel=error \
      @marp-team/marp-core@4.4.0 >/dev/null 2>&1); then
  echo "marp: npm install failed; the Marp comparison will be skipped"
fi
exit 0
