#!/usr/bin/env bash
# Every view, pixel for pixel: each case renders one view headlessly
# (`madoguchi screenshot`) and compares the PNG byte for byte with the one
# kept in tests/golden/.  A refactor of the shell, the views or the
# painters must leave these unchanged; a change that means to change what
# is drawn (content, a theme) updates them on purpose, in its own commit:
#
#   tests/test_golden.sh --update            (after `make`, uses build/madoguchi)
#
# The wall clock is pinned with faketime (the presenter shows the time of
# day, note records their dates), so two runs draw the same pixels.  The
# note views need a database; it is made here with one note, stamped at
# the pinned time.
#
# Env: MG_BINARY (the madoguchi to run; default build/madoguchi),
# MG_SOURCE_DIR (the checkout).
set -u
src=${MG_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
bin=${MG_BINARY:-$src/build/madoguchi}
golden=$src/tests/golden
update=0
[ "${1:-}" = --update ] && update=1

if ! command -v faketime >/dev/null; then
    echo "FAIL: faketime is not installed (scripts/setup.sh test installs it)"
    exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# faketime is preloaded; ASan would refuse to start after another library.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0:detect_leaks=0"
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-dummy} SDL_RENDER_DRIVER=software
export XDG_CACHE_HOME=$work/cache XDG_DATA_HOME=$work/data HOME=$work
export TZ=Asia/Tokyo
at() { faketime -f '@2026-12-01 10:00:00' "$@"; }

db=$work/notes.db
id=$(at "$bin" notes add --db "$db" --channel seminar --company 'ゴールデン商事' \
    --question 'ランサムウェアの被害に備えて、まず何をすればよいですか。' \
    --category prevention --answer 'バックアップを取り、一つは社外に置いてください。' \
    --referral ipa-corp --faq 2>/dev/null | tail -n 1)
if [ -z "$id" ]; then
    echo "FAIL: notes add made no note for the note views"
    exit 1
fi

# name|arguments of `madoguchi screenshot` (the size is part of the name)
cases=(
    "home-1280|home --size 1280x720"
    "home-800|home --size 800x480"
    "home-1920|home --size 1920x1080"
    "toc-1280|guide toc --size 1280x720"
    "guide1-1280|guide 1 --size 1280x720"
    "guide3-down2-1280|guide 3 --page-down 2 --size 1280x720"
    "guide2-800|guide 2 --size 800x480"
    "search-1280|search パスワード --size 1280x720"
    "search-empty-800|search --size 800x480"
    "decks-1280|decks --size 1280x720"
    "deck-bcp1-1280|deck slides/bcp.md 1 --size 1280x720"
    "deck-society5-4-1280|deck slides/society5.md 4 --size 1280x720"
    "deck-ec6-800|deck slides/ec-site.md 6 --size 800x480"
    "presenter-bcp3-1280|presenter slides/bcp.md 3 --size 1280x720"
    "referrals-1280|referrals --size 1280x720"
    "referrals-mail-1280|referrals mail --size 1280x720"
    "referrals-leak-800|referrals leak --size 800x480"
    "notes-1280|notes --db $db --size 1280x720"
    "note-1280|note $id --db $db --size 1280x720"
    "note-800|note $id --db $db --size 800x480"
    "selfcheck-1280|selfcheck --size 1280x720"
    "selfcheck-q12-800|selfcheck 4,2,0,-1,4,2,2,0,4,4,2 --size 800x480"
    "selfcheck-result-1280|selfcheck 4,2,0,-1,4,2,2,0,4,4,2,-1,0,2,4,4,0,2,2,0,4,-1,0,2,2 --size 1280x720"
    "selfcheck-result-800|selfcheck 4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4 --size 800x480"
    "selfcheck-result-1920|selfcheck 0,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1 --size 1920x1080"
)

cd "$src"
mkdir -p "$golden"
fail=0 pass=0
for c in "${cases[@]}"; do
    name=${c%%|*}
    read -r -a args <<<"${c#*|}"
    out=$work/$name.png
    if ! at "$bin" screenshot "${args[@]}" -o "$out" >"$work/$name.log" 2>&1; then
        echo "FAIL: $name: screenshot ${args[*]} failed:"
        sed 's/^/    /' "$work/$name.log"
        fail=$((fail + 1))
        continue
    fi
    if [ $update = 1 ]; then
        cp "$out" "$golden/$name.png"
        continue
    fi
    if [ ! -f "$golden/$name.png" ]; then
        echo "FAIL: $name: no tests/golden/$name.png (run tests/test_golden.sh --update)"
        fail=$((fail + 1))
    elif cmp -s "$out" "$golden/$name.png"; then
        pass=$((pass + 1))
    else
        keep=${TMPDIR:-/tmp}/madoguchi-golden-$name.png
        cp "$out" "$keep"
        echo "FAIL: $name: differs from tests/golden/$name.png (now drawn: $keep; if the change is meant, e.g. new content, run tests/test_golden.sh --update after make and commit the images)"
        fail=$((fail + 1))
    fi
done
if [ $update = 1 ]; then
    echo "updated ${#cases[@]} images in tests/golden/"
    [ $fail = 0 ]
    exit
fi
echo "$pass passed, $fail failed"
[ $fail = 0 ]
