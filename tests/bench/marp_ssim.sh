#!/usr/bin/env bash
# How alike our slides and Marp's are: SSIM per slide (1 = the same picture)
# for every deck in slides/ and tests/marp/decks/, and a mean per theme
# (tests/marp/compare.sh --bench; no pass/fail here, `make test` holds the
# thresholds).  Marp CLI from BUILD/marp (installed by tests/marp/setup.sh),
# its pictures cached in BUILD/marp/png.
# Usage: tests/bench/marp_ssim.sh [BUILD_DIR]   (`make bench` runs it)
set -u
build=${1:-build}
cd "$(dirname "$0")/../.."
tests/marp/setup.sh "$build/marp" >/dev/null
MG_BINARY=$build/madoguchi MG_SSIM=$build/tests/slide_ssim MG_MARP_MODULES=$build/marp/node_modules \
  MG_MARP_CACHE=$build/marp/png tests/marp/compare.sh --bench
rc=$?
[ $rc = 77 ] && echo "(Marp CLI or Chromium missing: no scores)"
exit 0
