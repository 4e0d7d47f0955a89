#!/usr/bin/env bash
# clang-tidy over every C file of app/ with the checked-in .clang-tidy, two
# at a time; any finding fails the test.  Skipped (77) without clang-tidy,
# a failure under MG_NO_SKIP=1 (CI installs it: scripts/setup.sh test).
# Usage: clang_tidy.sh BUILD_DIR   (holding compile_commands.json)
set -u
build=${1:?usage: clang_tidy.sh BUILD_DIR}
src=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v clang-tidy >/dev/null; then
    echo "SKIP: clang-tidy is not installed"
    [ "${MG_NO_SKIP:-}" = 1 ] && exit 1
    exit 77
fi
[ -f "$build/compile_commands.json" ] || { echo "FAIL: no $build/compile_commands.json"; exit 1; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
cd "$src"
find app -name '*.c' | sort | xargs -P 2 -n 6 clang-tidy -p "$build" --quiet >"$out" 2>/dev/null
findings=$(grep -c -E '(warning|error):' "$out")
if [ "$findings" != 0 ]; then
    grep -E -A3 '(warning|error):' "$out" | head -80
    echo "FAIL: clang-tidy: $findings findings"
    exit 1
fi
echo "clang-tidy: $(find app -name '*.c' | wc -l) files, no findings"
