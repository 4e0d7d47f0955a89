#!/usr/bin/env bash
# Print the benchmark figures (no pass/fail): time to first frame and peak
# memory of the home screen, and the instruction count of one re-layout.
# Usage: tests/bench/run.sh [BUILD_DIR]   (a Release build; `make bench`)
set -eu
build=${1:-build}
cd "$(dirname "$0")/../.."
echo "== home screen: time to first frame, peak memory"
"$build/tests/bench/bench_home" "$build/madoguchi" 15
echo "== idle CPU: the app left alone for 5 s"
if command -v Xvfb >/dev/null; then
  Xvfb :91 -screen 0 1280x720x24 >/dev/null 2>&1 & xpid=$!
  sleep 1
  DISPLAY=:91 "$build/madoguchi" --window >/dev/null 2>&1 & apid=$!
  sleep 2
  read -r u1 s1 < <(awk '{print $14, $15}' /proc/$apid/stat)
  sleep 5
  read -r u2 s2 < <(awk '{print $14, $15}' /proc/$apid/stat)
  echo "CPU time used while idle: $(( (u2 + s2 - u1 - s1) * 1000 / $(getconf CLK_TCK) )) ms in 5000 ms (X11 window under Xvfb)"
  kill $apid $xpid 2>/dev/null || true
  wait 2>/dev/null || true
else
  echo "Xvfb not installed: no idle figure (sudo apt-get install xvfb)"
fi
echo "== one re-layout (wall time)"
"$build/tests/bench/bench_relayout"
echo "== presenting: first slide, slide change"
"$build/tests/bench/bench_home" "$build/madoguchi" 10 screenshot deck slides/society5.md 1 \
  --size 1920x1080 -o /tmp/bench-deck.png
"$build/tests/bench/bench_slides" slides/society5.md | tee /tmp/bench-slides.txt
changes=$(grep -o '([0-9]* changes each)' /tmp/bench-slides.txt | grep -o '[0-9]*')
echo "== handouts (PDF): a 19-slide deck 1-up, and 10 guidebook chapters"
"$build/tests/bench/bench_home" "$build/madoguchi" 7 handout deck slides/society5.md --layout 1 -o /tmp/bench-deck.pdf
echo "   file size: $(stat -c %s /tmp/bench-deck.pdf) bytes, $(pdfinfo /tmp/bench-deck.pdf 2>/dev/null | awk '/Pages/ {print $2}') pages"
"$build/tests/bench/bench_home" "$build/madoguchi" 7 handout guide 1 2 3 4 5 6 7 8 1 2 -o /tmp/bench-guide.pdf
echo "   file size: $(stat -c %s /tmp/bench-guide.pdf) bytes, $(pdfinfo /tmp/bench-guide.pdf 2>/dev/null | awk '/Pages/ {print $2}') pages"
echo "== consultation notes"
"$build/tests/bench/bench_notes"
echo "== carrying notes to the office (10,000 notes)"
"$build/tests/bench/bench_sync" 10000
echo "== the guidebook: search and a large book"
"$build/tests/bench/bench_book" "$build/madoguchi"
if command -v valgrind >/dev/null; then
  out=$(mktemp -d)
  for which in cold warm; do
    valgrind --tool=callgrind --callgrind-out-file="$out/cg.out" \
      --toggle-collect=relayout_$which "$build/tests/bench/bench_relayout" >/dev/null 2>"$out/log" || true
    ir=$(grep -E '^(summary|totals):' "$out/cg.out" | head -1 | awk '{print $2}')
    echo "== one re-layout, $which (callgrind): ${ir:-?} instructions"
  done
  for which in slide_change slide_change_cold; do
    valgrind --tool=callgrind --callgrind-out-file="$out/cg.out" \
      --toggle-collect=$which "$build/tests/bench/bench_slides" slides/society5.md >/dev/null 2>"$out/log" || true
    ir=$(grep -E '^(summary|totals):' "$out/cg.out" | head -1 | awk '{print $2}')
    echo "== $which (callgrind): ${ir:-?} instructions for ${changes:-?} changes, $(( ${ir:-0} / ${changes:-1} )) each"
  done
  "$build/tests/bench/bench_typing"
  valgrind --tool=callgrind --callgrind-out-file="$out/cg.out" \
    --toggle-collect=keystroke "$build/tests/bench/bench_typing" >/dev/null 2>"$out/log" || true
  ir=$(grep -E '^(summary|totals):' "$out/cg.out" | head -1 | awk '{print $2}')
  lay=$(callgrind_annotate --inclusive=yes "$out/cg.out" 2>/dev/null | awk '/:lay_spans / {gsub(",", "", $1); print $1; exit}')
  echo "== typing into a 2,000-character note (callgrind): $(( ${ir:-0} / 50 )) instructions a keystroke, $(( ${lay:-0} / 50 )) of them laying text out"
  rm -rf "$out"
else
  echo "valgrind not installed: no instruction count (sudo apt-get install valgrind)"
fi
