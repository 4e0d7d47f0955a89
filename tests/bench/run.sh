#!/usr/bin/env bash
# Every benchmark of tests/bench/, and one Markdown report of their figures
# beside the peers' (the tools a user would pick instead), measured in the
# same run on the same machine.  No pass/fail: figures only.
#
# Usage: tests/bench/run.sh [BUILD_DIR]   (a Release build; `make bench`)
# Writes BUILD_DIR/bench/report.md (also printed at the end) and keeps the
# whole log in BUILD_DIR/bench/log.txt.  MG_BENCH_QUICK=1 skips the slow
# parts (the 8-hour soak: 3 hours instead; Calibre, callgrind) for a quick look.
#
# THE FORMAT (so any bench joins the table without touching this file):
# a line on standard output
#
#   BENCH <name> <value> <unit> [<peer_value> <peer name, may have spaces>]
#
# is one row: <name> has no spaces (underscores read as spaces in the
# report), <value> is a number, <unit> one word (ms, MiB, KiB, %, Ir,
# bytes, score...).  With a peer, the report shows the peer's figure and
# the ratio peer/ours (for times and memory, above 1 means Madoguchi needs
# less).  A row named <name>.ir with unit Ir is the callgrind instruction
# count of <name>: it goes into that row's Instructions column.  Every
# other line is log.  This script runs:
#   - the benches below (known arguments),
#   - every other BUILD_DIR/tests/bench/bench_* binary, with no arguments,
#   - every other tests/bench/*.sh, as `bash FILE BUILD_DIR`,
# from the repository's top folder, with MG_SOURCE_DIR, MG_BINARY and
# MG_BUILD_DIR set.  A bench that fails is named in the report, not fatal.
set -u
build=${1:-build}
cd "$(dirname "$0")/../.."
top=$PWD
case $build in /*) ;; *) build=$top/$build ;; esac
out=$build/bench
rm -rf "$out"
mkdir -p "$out"
log=$out/log.txt
bin=$build/madoguchi
quick=${MG_BENCH_QUICK:-0}
export MG_SOURCE_DIR=$top MG_BINARY=$bin MG_BUILD_DIR=$build
# A home of our own: no bench reads or writes the user's notes or cache.
export HOME=$out/home XDG_DATA_HOME=$out/home/data XDG_CONFIG_HOME=$out/home/config \
  XDG_CACHE_HOME=$out/home/cache XDG_STATE_HOME=$out/home/state
mkdir -p "$HOME"
failed=()
exec > >(tee "$log") 2>&1

deck=slides/society5.md
marp=$build/marp/node_modules/.bin/marp
chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)

bench() { echo "BENCH $*"; }
have() { command -v "$1" >/dev/null 2>&1; }
now_ns() { date +%s%N; }

# median_ms RUNS CMD...: the median wall time of CMD (output discarded).
median_ms() {
  local runs=$1 i t0 t1
  shift
  local ts=()
  for ((i = 0; i < runs; i++)); do
    t0=$(now_ns)
    "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; echo -1; return; }
    t1=$(now_ns)
    ts+=($(( (t1 - t0) / 1000 )))
  done
  printf '%s\n' "${ts[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f\n", a[int((NR+1)/2)]/1000}'
}

# time_ms CMD...: the wall time of one run, whatever its exit status (a
# search that finds nothing exits 1).
time_ms() {
  local t0 t1
  t0=$(now_ns)
  "$@" >/dev/null 2>&1
  t1=$(now_ns)
  awk -v d=$(( (t1 - t0) / 1000 )) 'BEGIN {printf "%.1f\n", d / 1000}'
}

# ir NAME CMD...: the whole process's instruction count (callgrind).
ir() {
  local name=$1
  shift
  [ "$quick" = 1 ] && return
  have valgrind || return
  valgrind --tool=callgrind --callgrind-out-file="$out/cg.out" "$@" >/dev/null 2>"$out/cg.log" || true
  local n
  n=$(grep -E '^(summary|totals):' "$out/cg.out" 2>/dev/null | head -1 | awk '{print $2}')
  [ -n "$n" ] && bench "$name.ir" "$n" Ir
  rm -f "$out/cg.out"
}

# Private dirty memory (KiB) of a process and its descendants.
tree_pids() {
  local p=$1 c
  echo "$p"
  for c in $(pgrep -P "$p" 2>/dev/null); do tree_pids "$c"; done
}
private_kib() {
  local sum=0 p v
  for p in $(tree_pids "$1"); do
    v=$(awk '/^Private_Dirty:/ {print $2}' /proc/"$p"/smaps_rollup 2>/dev/null)
    sum=$((sum + ${v:-0}))
  done
  echo $sum
}
# CPU time (ms) used so far by a process and its descendants.
cpu_ms() {
  local sum=0 p v
  for p in $(tree_pids "$1"); do
    v=$(awk '{print $14 + $15}' /proc/"$p"/stat 2>/dev/null)
    sum=$((sum + ${v:-0}))
  done
  echo $((sum * 1000 / $(getconf CLK_TCK)))
}
mib() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }

echo "== machine"
cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)
echo "$cpu, $(nproc) cores, $(uname -sr), $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== the peers"
[ -x "$marp" ] || tests/marp/setup.sh "$build/marp" || true
[ -n "$chrome" ] && echo "chromium: $("$chrome" --version 2>/dev/null)"
[ -x "$marp" ] && echo "marp: $("$marp" --version 2>/dev/null | tr '\n' ' ')"
have ebook-convert && echo "calibre: $(ebook-convert --version 2>/dev/null | head -1)"
# The peers' inputs: Marp's HTML of the same deck, the guidebook as an EPUB
# and its XHTML unzipped.
have_html=0
if [ -x "$marp" ] && "$marp" --html "$deck" -o "$out/deck.html" >/dev/null 2>&1; then have_html=1; fi
"$build/tests/bench/bench_book" --epub "$out/guide.epub" && mkdir -p "$out/guide" &&
  (cd "$out/guide" && unzip -q ../guide.epub) || failed+=("bench_book --epub")

# Chromium as root needs --no-sandbox; its profile goes under $out.
chromium_run() {
  "$chrome" --no-sandbox --disable-gpu --no-first-run --disable-extensions \
    --user-data-dir="$out/chrome" "$@"
}

echo "== first slide, 1920x1080, whole process to a PNG"
ours=$(median_ms 5 "$bin" screenshot deck "$deck" 1 --size 1920x1080 -o "$out/first.png")
peer=
if [ -n "$chrome" ] && [ $have_html = 1 ]; then
  peer=$(median_ms 3 chromium_run --headless --hide-scrollbars --window-size=1920,1080 \
    --screenshot="$out/first-chromium.png" "file://$out/deck.html")
fi
bench first_slide "$ours" ms ${peer:+$peer Chromium headless on Marp CLI HTML}
ir first_slide "$bin" screenshot deck "$deck" 1 --size 1920x1080 -o "$out/first.png"

echo "== the deck as a PDF, one slide a page"
ours=$(median_ms 3 "$bin" handout deck "$deck" --layout 1 -o "$out/deck.pdf")
peer=
if [ -x "$marp" ] && [ -n "$chrome" ]; then
  peer=$(CHROME_PATH=$chrome CHROME_NO_SANDBOX=1 median_ms 2 "$marp" --pdf --allow-local-files \
    --browser-timeout 120 "$deck" -o "$out/deck-marp.pdf")
fi
bench deck_pdf "$ours" ms ${peer:+$peer Marp CLI --pdf}
bench deck_pdf_size "$(stat -c %s "$out/deck.pdf" 2>/dev/null || echo 0)" bytes \
  $( [ -f "$out/deck-marp.pdf" ] && echo "$(stat -c %s "$out/deck-marp.pdf") Marp CLI --pdf")
ir deck_pdf "$bin" handout deck "$deck" --layout 1 -o "$out/deck.pdf"

echo "== search a large EPUB like the desk's (~40 MB, 120 documents): one query, whole process (20 queries x 3)"
# bench_book's large book; grep reads its XHTML unzipped (not the photos).
large=$out/large.epub
"$build/tests/bench/bench_book" --large-epub "$large" && mkdir -p "$out/large" &&
  (cd "$out/large" && unzip -q ../large.epub) || failed+=("bench_book --large-epub")
echo "large book: $(du -m "$large" | cut -f1) MB, $(find "$out/large" -name '*.xhtml' | wc -l) XHTML files"
queries=(鍵 対策 詐欺 ウイルス ランサムウェア パスワード バックアップ IPA 多要素認証 情報漏えい
  相談 メール 不正アクセス phishing 個人情報 更新 社長 警察 請求書 USB)
"$bin" search 鍵 --guidebook "$large" >/dev/null 2>&1 # the index, built once
: >"$out/s-ours"
: >"$out/s-grep"
for r in 1 2 3; do
  for q in "${queries[@]}"; do
    time_ms "$bin" search "$q" --guidebook "$large" >>"$out/s-ours"
    time_ms grep -rliF --include="*.xhtml" -- "$q" "$out/large" >>"$out/s-grep"
  done
done
pct() { sort -n "$1" | awk -v p="$2" '{a[NR]=$1} END {i=int(NR*p/100); if (i<1) i=1; if (p==50) i=int((NR+1)/2); print a[i]}'; }
bench search_process_p50 "$(pct "$out/s-ours" 50)" ms "$(pct "$out/s-grep" 50)" grep -rliF over the unzipped XHTML
bench search_process_p99 "$(pct "$out/s-ours" 99)" ms "$(pct "$out/s-grep" 99)" grep -rliF over the unzipped XHTML
ir search_process_p50 "$bin" search ランサムウェア --guidebook "$large"
ir search_process_grep_peer grep -rliF --include="*.xhtml" -- ランサムウェア "$out/large"

echo "== the whole guidebook EPUB to a PDF"
chapters=$(seq -s' ' 1 "$(ls "$top"/assets/guidebook/*.md | wc -l)")
# shellcheck disable=SC2086
ours=$(median_ms 3 "$bin" handout guide $chapters --guidebook "$out/guide.epub" -o "$out/guide.pdf")
peer=
if have ebook-convert && [ "$quick" != 1 ]; then
  peer=$(QTWEBENGINE_CHROMIUM_FLAGS=--no-sandbox QT_QPA_PLATFORM=offscreen \
    median_ms 1 ebook-convert "$out/guide.epub" "$out/guide-calibre.pdf")
fi
bench epub_to_pdf "$ours" ms ${peer:+$peer Calibre ebook-convert}
# shellcheck disable=SC2086
ir epub_to_pdf "$bin" handout guide $chapters --guidebook "$out/guide.epub" -o "$out/guide.pdf"

echo "== the kiosk on a 1920x1080 X display (Xvfb)"
if have Xvfb; then
  Xvfb :87 -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
  xpid=$!
  sleep 1.5
  # kiosk ENV...: start the kiosk (fullscreen) with the settings in $out/kiosk.ini.
  kiosk() {
    env "$@" DISPLAY=:87 "$bin" --config "$out/kiosk.ini" >"$out/kiosk.log" 2>&1 &
    kpid=$!
  }
  stop() { kill "$1" 2>/dev/null; wait "$1" 2>/dev/null; }
  # Idle: no attract loop.
  printf '[kiosk]\nattract = 0\n' >"$out/kiosk.ini"
  kiosk
  sleep 5
  k_priv=$(private_kib $kpid)
  k_hwm=$(awk '/VmHWM/ {print $2}' /proc/$kpid/status)
  c0=$(cpu_ms $kpid)
  sleep 30
  k_idle=$(( $(cpu_ms $kpid) - c0 ))
  # A visitor through xdotool: the guidebook paged through, the seminar
  # decks, a search, back home; then the memory of the kiosk that served them.
  v_priv= v_hwm=
  if have xdotool; then
    xdo() { DISPLAY=:87 xdotool "$@" >/dev/null 2>&1; sleep 0.7; }
    xdo mousemove 960 496 click 1
    for _ in 1 2 3 4 5 6; do xdo key Page_Down; done
    xdo key Right
    for _ in 1 2 3; do xdo key Page_Down; done
    xdo key Escape
    xdo key Escape
    xdo mousemove 354 836 click 1
    xdo key Return
    for _ in 1 2 3 4 5 6 7 8; do xdo key Right; done
    xdo key Escape
    xdo key Escape
    xdo mousemove 1566 496 click 1
    xdo type 'backup'
    xdo key Return
    xdo key Escape
    xdo key Escape
    sleep 2
    v_priv=$(private_kib $kpid)
    v_hwm=$(awk '/VmHWM/ {print $2}' /proc/$kpid/status)
  fi
  grep -h 'madoguchi:' "$out/kiosk.log" | head -2
  stop $kpid
  # The same with GL (what SDL picks by default: Mesa's llvmpipe here).
  kiosk SDL_RENDER_DRIVER=opengl SDL_FRAMEBUFFER_ACCELERATION=1
  sleep 5
  g_priv=$(private_kib $kpid)
  g_llvm=$(awk '/^[0-9a-f]+-/ {n = $6} /^Rss:/ && n ~ /LLVM/ {s += $2} END {print s + 0}' /proc/$kpid/smaps)
  stop $kpid
  # The attract loop (after 10 s untouched), CPU over 30 s of it.
  printf '[kiosk]\nidle = 10\nattract = 10\n' >"$out/kiosk.ini"
  kiosk
  sleep 15
  c0=$(cpu_ms $kpid)
  sleep 30
  k_attract=$(( $(cpu_ms $kpid) - c0 ))
  a_priv=$(private_kib $kpid)
  stop $kpid
  # Chromium in kiosk mode on Marp's HTML of the same deck.
  p_priv= p_idle=
  if [ -n "$chrome" ] && [ $have_html = 1 ]; then
    DISPLAY=:87 chromium_run --kiosk --window-size=1920,1080 "file://$out/deck.html" >/dev/null 2>&1 &
    cpid=$!
    sleep 8
    p_priv=$(private_kib $cpid)
    c0=$(cpu_ms $cpid)
    sleep 30
    p_idle=$(( $(cpu_ms $cpid) - c0 ))
    for p in $(tree_pids $cpid | tac); do kill "$p" 2>/dev/null; done
    wait $cpid 2>/dev/null
  fi
  bench kiosk_private_dirty "$(mib "$k_priv")" MiB ${p_priv:+$(mib "$p_priv") Chromium --kiosk on Marp CLI HTML, all processes}
  bench kiosk_peak_rss "$(mib "$k_hwm")" MiB
  [ -n "$v_priv" ] && bench kiosk_private_dirty_after_a_visitor "$(mib "$v_priv")" MiB
  [ -n "$v_hwm" ] && bench kiosk_peak_rss_after_a_visitor "$(mib "$v_hwm")" MiB
  bench kiosk_private_dirty_with_GL "$(mib "$g_priv")" MiB
  bench kiosk_LLVM_mapped_with_GL "$(mib "$g_llvm")" MiB
  bench kiosk_private_dirty_in_attract_loop "$(mib "$a_priv")" MiB
  bench idle_CPU_30s "$k_idle" ms ${p_idle:+$p_idle Chromium --kiosk, all processes}
  bench attract_loop_CPU_30s "$k_attract" ms
  stop $xpid
else
  echo "Xvfb not installed: no kiosk figures (scripts/setup.sh test)"
  failed+=("kiosk (no Xvfb)")
fi

echo "== home screen: time to first frame, peak memory"
"$build/tests/bench/bench_home" "$bin" 15 || failed+=(bench_home)
echo "== one re-layout"
"$build/tests/bench/bench_relayout" || failed+=(bench_relayout)
echo "== presenting: first slide in-process, slide change"
"$build/tests/bench/bench_slides" "$deck" | tee "$out/slides.txt" || failed+=(bench_slides)
changes=$(grep -o '([0-9]* changes each)' "$out/slides.txt" | grep -o '[0-9]*')
echo "== consultation notes"
"$build/tests/bench/bench_notes" || failed+=(bench_notes)
echo "== carrying notes to the office (10,000 notes)"
"$build/tests/bench/bench_sync" 10000 || failed+=(bench_sync)
echo "== the assistant: suggestions for 52 questions written apart from the FAQ"
"$build/tests/bench/bench_suggest" || failed+=(bench_suggest)
echo "== the guidebook: search and a large book"
"$build/tests/bench/bench_book" "$bin" || failed+=(bench_book)
echo "== soak: a simulated 8-hour day of visitors and staff"
if [ "$quick" != 1 ]; then
  "$build/tests/bench/bench_soak" 8 || failed+=(bench_soak)
else
  "$build/tests/bench/bench_soak" 3 || failed+=(bench_soak) # enough quarter hours to judge
fi

if have valgrind && [ "$quick" != 1 ]; then
  for which in cold warm; do
    valgrind --tool=callgrind --callgrind-out-file="$out/cg.out" \
      --toggle-collect=relayout_$which "$build/tests/bench/bench_relayout" >/dev/null 2>"$out/cg.log" || true
    n=$(grep -E '^(summary|totals):' "$out/cg.out" | head -1 | awk '{print $2}')
    bench "relayout_$which.ir" "${n:-0}" Ir
  done
  for which in slide_change slide_change_cold; do
    valgrind --tool=callgrind --callgrind-out-file="$out/cg.out" \
      --toggle-collect=$which "$build/tests/bench/bench_slides" "$deck" >/dev/null 2>"$out/cg.log" || true
    n=$(grep -E '^(summary|totals):' "$out/cg.out" | head -1 | awk '{print $2}')
    name=$which
    [ $which = slide_change_cold ] && name=slide_change_on_demand
    bench "$name.ir" $(( ${n:-0} / ${changes:-1} )) Ir
  done
  "$build/tests/bench/bench_typing"
  valgrind --tool=callgrind --callgrind-out-file="$out/cg.out" \
    --toggle-collect=keystroke "$build/tests/bench/bench_typing" >/dev/null 2>"$out/cg.log" || true
  n=$(grep -E '^(summary|totals):' "$out/cg.out" | head -1 | awk '{print $2}')
  bench keystroke_in_a_2000-character_note $(( ${n:-0} / 50 )) Ir
  rm -f "$out/cg.out"
  MG_BENCH_SUGGEST=1 valgrind --tool=callgrind --callgrind-out-file="$out/cg.out" \
    --toggle-collect=keystroke "$build/tests/bench/bench_typing" >/dev/null 2>"$out/cg.log" || true
  n=$(grep -E '^(summary|totals):' "$out/cg.out" | head -1 | awk '{print $2}')
  bench keystroke_with_suggestions_shown $(( ${n:-0} / 50 )) Ir
  rm -f "$out/cg.out"
fi

echo "== other benches in tests/bench"
known=" bench_home bench_relayout bench_slides bench_notes bench_sync bench_suggest bench_book bench_typing bench_soak "
for b in "$build"/tests/bench/bench_*; do
  n=$(basename "$b")
  [ -x "$b" ] && [ -f "$b" ] || continue
  case "$known" in *" $n "*) continue ;; esac
  echo "-- $n"
  "$b" || failed+=("$n")
done
for s in tests/bench/*.sh; do
  [ "$(basename "$s")" = run.sh ] && continue
  echo "-- $s"
  bash "$s" "$build" || failed+=("$s")
done

# The report: one row per BENCH name, in the order they came (from the
# log, once tee has written it all).
sleep 1
{
  echo "# Madoguchi benchmark report"
  echo
  echo "Machine: $cpu, $(nproc) cores, kernel $(uname -r), $(date -u '+%Y-%m-%d %H:%M UTC')," \
    "load average at the end $(cut -d' ' -f1-3 /proc/loadavg) (figures are wall times on a shared machine)."
  echo "Peers: $([ -n "$chrome" ] && "$chrome" --version 2>/dev/null); Marp CLI" \
    "$([ -x "$marp" ] && "$marp" --version 2>/dev/null | head -1 | awk '{print $2}'); $(have ebook-convert && ebook-convert --version 2>/dev/null | head -1)."
  echo "Ratio: the peer's figure / ours (for times and memory, above 1 means Madoguchi needs less)."
  echo
  echo "| Figure | Madoguchi | Peer | Peer's figure | Ratio | Instructions (callgrind) |"
  echo "|---|---:|---|---:|---:|---:|"
  grep -a '^BENCH ' "$log" | awk '
    {
      name = $2; val = $3; unit = $4; peerv = ""; peer = ""
      if (NF >= 6) { peerv = $5; peer = $6; for (i = 7; i <= NF; i++) peer = peer " " $i }
      if (name ~ /\.ir$/ && unit == "Ir") {
        base = substr(name, 1, length(name) - 3)
        irs[base] = val
        if (!(base in seen)) { seen[base] = 1; order[++n] = base; vals[base] = "" }
        next
      }
      if (!(name in seen)) { seen[name] = 1; order[++n] = name }
      vals[name] = val " " unit; pv[name] = peerv; pn[name] = peer; raw[name] = val
    }
    function big(x) { return x >= 1e9 ? sprintf("%.2f G", x / 1e9) : x >= 1e6 ? sprintf("%.1f M", x / 1e6) : x >= 1e3 ? sprintf("%.1f k", x / 1e3) : x }
    END {
      for (k = 1; k <= n; k++) {
        m = order[k]; label = m; gsub("_", " ", label)
        ratio = ""
        if (pv[m] != "" && raw[m] + 0 > 0) ratio = sprintf("%.2f×", pv[m] / raw[m])
        u = vals[m]; sub(/^[^ ]* /, "", u)
        shown = vals[m]
        if (u == "Ir") shown = big(raw[m]) " Ir"
        printf "| %s | %s | %s | %s | %s | %s |\n", label, shown, pn[m], (pv[m] != "" ? pv[m] " " u : ""), ratio, (m in irs ? big(irs[m]) : "")
      }
    }'
  if [ ${#failed[@]} -gt 0 ]; then
    echo
    echo "Did not run or failed: ${failed[*]} (see $log)."
  fi
} >"$out/report.md"
echo
cat "$out/report.md"
