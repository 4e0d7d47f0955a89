#!/usr/bin/env bash
# The screen shell names no screen, and screen files include each other
# without a cycle:
#   - the shell (app.c, ui.h) and the helpers it is made of (action, draw,
#     widgets, theme, text, textfield) include no view header (views.h,
#     staff.h, slides.h) and name no view (any `extern const ui_view_ops`);
#   - the #include "…" graph among app/screen/ files has no cycle.
# Env: MG_SOURCE_DIR (the checkout).
set -u
src=${MG_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
dir=$src/app/screen
fail=0

views=$(grep -ho 'extern const ui_view_ops [a-z_]*' "$dir"/*.h | awk '{print $4}' | sort -u)
if [ -z "$views" ]; then
    echo "FAIL: no view declared in app/screen/*.h (the check would prove nothing)"
    exit 1
fi
shell="app.c ui.h action.h draw.c draw.h widgets.c widgets.h theme.c theme.h text.c text.h
       textfield.c textfield.h input.c"
for f in $shell; do
    [ -f "$dir/$f" ] || { echo "FAIL: app/screen/$f is missing"; fail=1; continue; }
    for h in views.h staff.h slides.h; do
        if grep -q "#include \"$h\"" "$dir/$f"; then
            echo "FAIL: app/screen/$f includes $h: the shell must not know the views"
            fail=1
        fi
    done
    for v in $views; do
        if grep -qw "$v" "$dir/$f"; then
            echo "FAIL: app/screen/$f names $v: the shell must not know the views"
            fail=1
        fi
    done
done

# The include graph: "file included" pairs among app/screen/, then a
# depth-first search for a back edge.
edges=$(cd "$dir" && for f in *.c *.h; do
    grep -o '#include "[a-z_]*\.h"' "$f" | sed 's/#include "\(.*\)"/\1/' | while read -r h; do
        [ -f "$h" ] && echo "$f $h"
    done
done)
cycle=$(echo "$edges" | awk '
    { out[$1] = out[$1] " " $2; nodes[$1] = 1; nodes[$2] = 1 }
    function visit(n, path,   k, m, i, parts) {
        if (state[n] == 1) { print path " " n; found = 1; return }
        if (state[n] == 2 || found) return
        state[n] = 1
        m = split(out[n], parts, " ")
        for (i = 1; i <= m; i++) visit(parts[i], path " " n)
        state[n] = 2
    }
    END { for (n in nodes) if (!found) visit(n, "") }')
if [ -n "$cycle" ]; then
    echo "FAIL: include cycle among app/screen files:$cycle"
    fail=1
fi
nedges=$(echo "$edges" | grep -c .)
if [ "$nedges" -lt 10 ]; then
    echo "FAIL: only $nedges includes found among app/screen files (the check would prove nothing)"
    fail=1
fi
[ $fail = 0 ] && echo "the shell names no view; $nedges includes, no cycle"
exit $fail
