#!/usr/bin/env bash
# Our slides against Marp's own: every deck in slides/ and the theme decks
# in tests/marp/decks/ rendered by Marp CLI (--images png, in Chromium from
# Debian, offline) and by us (`madoguchi screenshot deck`) at 1280x720,
# compared slide by slide with tests/marp/slide_ssim (SSIM over a 160x90
# grey image).  Marp's pictures are kept in $cache keyed by a hash of the
# deck, the desk theme's CSS, the pictures and the Marp version, so a rerun
# only renders ours.
#
#   tests/marp/compare.sh [--bench] [--pairs DIR]
#
# Fails when a slide scores below MIN_SLIDE or a deck's mean below MIN_DECK
# (drawn the old way, top-aligned with bars and rules, the decks scored
# 0.51-0.82; now 0.91-0.98: tests/marp/README.md).  --bench prints the
# scores and never fails.
# --pairs DIR writes each slide as a Marp | ours picture into DIR.
# Skips (77) when node, Marp CLI or Chromium is missing, except under
# MG_NO_SKIP=1 (CI), where that is a failure.
#
# Env: MG_BINARY, MG_SOURCE_DIR, MG_MARP_MODULES (node_modules with
# @marp-team/marp-cli), MG_SSIM (the slide_ssim program), MG_MARP_CACHE.
set -u
src=${MG_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${MG_BINARY:-$src/build/madoguchi}
modules=${MG_MARP_MODULES:-$src/build-test/marp/node_modules}
ssim=${MG_SSIM:-$(dirname "$bin")/tests/slide_ssim}
cache=${MG_MARP_CACHE:-$(dirname "$bin")/marp/png}
abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
bin=$(abs "$bin") modules=$(abs "$modules") ssim=$(abs "$ssim") cache=$(abs "$cache")
MIN_SLIDE=${MIN_SLIDE:-0.45}
MIN_DECK=${MIN_DECK:-0.85}
bench=0
pairs=
while [ $# -gt 0 ]; do
    case $1 in
    --bench) bench=1 ;;
    --pairs) pairs=$2; shift ;;
    *) echo "usage: compare.sh [--bench] [--pairs DIR]" >&2; exit 2 ;;
    esac
    shift
done

skip() {
    echo "SKIP: $1"
    if [ "${MG_NO_SKIP:-}" = 1 ]; then exit 1; fi
    exit 77
}
marp=$modules/.bin/marp
[ -x "$marp" ] || skip "Marp CLI not installed (tests/marp/setup.sh)"
command -v node >/dev/null || skip "node not installed (scripts/setup.sh test)"
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
[ -x "$CHROME_PATH" ] || skip "Chromium not installed (scripts/setup.sh test installs chromium)"
[ -x "$ssim" ] || { echo "FAIL: $ssim not built"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-dummy} SDL_RENDER_DRIVER=software
export XDG_CACHE_HOME=$work/cache HOME=$work
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
css=$src/slides/madoguchi.css
version=$(cd "$modules/.." && node -p 'require("@marp-team/marp-cli/package.json").version' 2>/dev/null)
pics=$(cat "$src"/assets/images/* 2>/dev/null | sha256sum | cut -c1-16)
[ -n "$pairs" ] && mkdir -p "$pairs"

fail=0
declare -A theme_sum theme_n
for deck in "$src"/slides/*.md "$src"/tests/marp/decks/*.md; do
    name=$(basename "$deck" .md)
    key=$( { cat "$deck" "$css"; echo "$version $pics"; } | sha256sum | cut -c1-20)
    out=$cache/$name-$key
    if [ ! -d "$out" ]; then
        mkdir -p "$work/m" && rm -f "$work"/m/*
        if ! (cd "$(dirname "$deck")" && timeout 300 "$marp" --no-stdin --images png --allow-local-files \
                --theme-set "$css" -o "$work/m/s.png" "$deck") >"$work/marp.log" 2>&1; then
            cat "$work/marp.log"
            echo "FAIL: Marp could not render $deck"
            exit 1
        fi
        [ -f "$work/m/s.png" ] && mv "$work/m/s.png" "$work/m/s.001.png"
        mkdir -p "$cache" && rm -rf "$cache/$name"-* && mkdir -p "$out.tmp" &&
            mv "$work"/m/*.png "$out.tmp"/ && mv "$out.tmp" "$out"
    fi
    theme=$(sed -n '/^---$/,/^---$/s/^theme: *//p' "$deck" | head -1)
    theme=${theme:-default}
    # ours, two at a time (the machine's two cores)
    count=$(ls "$out"/s.*.png | wc -l)
    rm -f "$work"/ours-*.png
    if ! seq 1 "$count" | xargs -P 2 -I{} "$bin" screenshot deck "$deck" {} --size 1280x720 \
            -o "$work/ours-{}.png" >"$work/ours.log" 2>&1; then
        cat "$work/ours.log"
        echo "FAIL: madoguchi could not draw every slide of $deck"
        exit 1
    fi
    n=0 sum=0 line=
    for m in "$out"/s.*.png; do
        n=$((n + 1))
        ours=$work/ours-$n.png
        pair=
        [ -n "$pairs" ] && pair=$pairs/$name-$n.png
        score=$("$ssim" "$m" "$ours" $pair) || { echo "FAIL: slide_ssim on $deck $n"; exit 1; }
        line="$line $score"
        sum=$(awk -v a="$sum" -v b="$score" 'BEGIN { print a + b }')
        if [ "$bench" = 0 ] && awk -v s="$score" -v t="$MIN_SLIDE" 'BEGIN { exit !(s < t) }'; then
            echo "FAIL: $name slide $n looks unlike Marp's: SSIM $score < $MIN_SLIDE"
            fail=1
        fi
    done
    mean=$(awk -v s="$sum" -v n="$n" 'BEGIN { printf "%.3f", n ? s / n : 0 }')
    echo "$name ($theme, $n slides): mean SSIM $mean;$line"
    theme_sum[$theme]=$(awk -v a="${theme_sum[$theme]:-0}" -v b="$sum" 'BEGIN { print a + b }')
    theme_n[$theme]=$(( ${theme_n[$theme]:-0} + n ))
    if [ "$bench" = 0 ] && awk -v s="$mean" -v t="$MIN_DECK" 'BEGIN { exit !(s < t) }'; then
        echo "FAIL: $name: mean SSIM $mean < $MIN_DECK"
        fail=1
    fi
done
for t in "${!theme_n[@]}"; do
    awk -v t="$t" -v s="${theme_sum[$t]}" -v n="${theme_n[$t]}" \
        'BEGIN { printf "theme %s: mean SSIM %.3f over %d slides\n", t, s / n, n }'
done | sort
[ "$bench" = 1 ] && exit 0
[ $fail = 0 ] && echo "PASS: every slide looks like Marp's (SSIM >= $MIN_SLIDE, decks >= $MIN_DECK)"
exit $fail
