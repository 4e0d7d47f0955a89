#!/usr/bin/env bash
# Install Marp CLI (and with it Marp Core, Marp's own renderer) from npm
# into DIR for the comparison tests.  Needs node and npm (scripts/setup.sh
# test installs them); without them, or without the npm registry, it says
# so and the tests report themselves skipped, except under MG_NO_SKIP=1
# (CI), where that is a failure.  No browser is downloaded: the slide
# comparison (tests/marp/compare.sh) runs Marp CLI in Debian's Chromium,
# which scripts/setup.sh test installs; for --notes it is never launched.
set -u
dir=${1:?usage: setup.sh DIR}
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "marp: node/npm not installed; the Marp comparison will be skipped"
  [ "${MG_NO_SKIP:-}" = 1 ] && exit 1
  exit 0
fi
if [ -d "$dir/node_modules/@marp-team/marp-core" ] && [ -x "$dir/node_modules/.bin/marp" ]; then
  exit 0
fi
mkdir -p "$dir"
if ! (cd "$dir" && timeout 600 npm install --no-audit --no-fund --loglevel=error \
      @marp-team/marp-core@4.4.0 @marp-team/marp-cli@4.5.1 >/dev/null 2>&1); then
  echo "marp: npm install failed; the Marp comparison will be skipped"
  [ "${MG_NO_SKIP:-}" = 1 ] && exit 1
fi
exit 0
