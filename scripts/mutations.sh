#!/usr/bin/env bash
# A short mutation run: one-line bugs that matter, each made on purpose in a
# copy of the code; each must turn the named test red.  A mutant that
# survives means a test that cannot see that bug.  Not part of `make test`
# (each mutant needs a build): run it after changing a test or the code a
# mutant touches.
#
# Usage: scripts/mutations.sh            (from the checkout; about a minute a mutant)
set -u
src=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/mg-mutants.XXXXXX)
trap 'git -C "$src" worktree remove --force "$work/tree" >/dev/null 2>&1; rm -rf "$work"' EXIT
git -C "$src" worktree add -q --detach "$work/tree" HEAD
tree=$work/tree
build=$work/build

# file<TAB>perl substitution<TAB>test that must fail<TAB>what the bug is
mutants=(
  $'app/core/store.c\ts/PRAGMA synchronous=FULL;/PRAGMA synchronous=OFF;/\ttest_store\ta saved note not on disk when the save returns'
  $'app/core/notes.c\ts/if \\(f->flags & REC_FIXED\\)/if ((f->flags \\& REC_FIXED) || !strcmp(f->name, "answer"))/\ttest_store\tedited advice silently not saved'
  $'app/screen/app.c\ts/if \\(!app->kiosk\\)\\n\\s+quit\\(app\\);/quit(app);/\ttest_kiosk\tthe kiosk can be closed by a visitor'
  $'app/paper/pdf.c\ts/HPDF_LoadTTFontFromFile\\(doc, font_file, HPDF_TRUE\\)/HPDF_LoadTTFontFromFile(doc, font_file, HPDF_FALSE)/\ttest_handout\tthe font not embedded in the PDF'
  $'app/core/layout.c\ts/if \\(!lb_no_start\\(c\\) && !lb_no_end\\(prev\\)\\)/if (1)/\ttest_hostile\ta line may start with 、 inside an over-long run'
  $'app/core/pin.c\ts/return 1000LL << \\(failures - 1\\);/return 0;/\ttest_kiosk\twrong PINs are never slowed down'
)

cmake -S "$tree" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DMADOGUCHI_SANITIZE=ON >/dev/null || exit 1
cmake --build "$build" -j 2 >/dev/null || { echo "the unmutated tree does not build"; exit 1; }
killed=0 survived=0 failed=0
for m in "${mutants[@]}"; do
    IFS=$'\t' read -r file expr test what <<<"$m"
    cp "$tree/$file" "$work/orig"
    perl -0pi -e "$expr" "$tree/$file"
    if cmp -s "$tree/$file" "$work/orig"; then
        echo "NOT APPLIED: $file: $what (the pattern no longer matches: update this script)"
        failed=$((failed + 1))
        continue
    fi
    if ! cmake --build "$build" -j 2 >/dev/null 2>&1; then
        echo "NO BUILD:    $file: $what"
        failed=$((failed + 1))
    elif (cd "$build" && ctest -R "^$test\$" >/dev/null 2>&1); then
        echo "SURVIVED:    $what ($file) — $test stayed green"
        survived=$((survived + 1))
    else
        echo "killed:      $what ($file) — $test turned red"
        killed=$((killed + 1))
    fi
    cp "$work/orig" "$tree/$file"
done
cmake --build "$build" -j 2 >/dev/null 2>&1
echo "mutants: $killed killed, $survived survived, $failed not run"
[ $survived = 0 ] && [ $failed = 0 ]
