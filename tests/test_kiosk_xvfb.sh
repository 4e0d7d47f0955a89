#!/usr/bin/env bash
# The kiosk on a real X server (Xvfb) gets every quit a visitor could try,
# as X key events through xdotool: Alt+F4, Esc, Ctrl+Q, Ctrl+W, F11,
# Ctrl+Alt+Backspace and the like, then WM_DELETE_WINDOW as a window
# manager's close button sends it.  It must still run, at home; then the
# system's SIGTERM closes it cleanly ("stopped" in the log).
# Env: MG_BINARY.
set -u
bin=${MG_BINARY:?}
. "$(dirname "$0")/xsession.sh"
command -v Xvfb >/dev/null && command -v xdotool >/dev/null || skip "no Xvfb or xdotool"
xsession_start kioskx
# Two 56-byte blocks of a module X unloads at exit (LeakSanitizer cannot
# name it: "<unknown module>") would fail the exit status; leaks are the C
# tests' to find, this test is about staying up.
export SDL_RENDER_DRIVER=software ASAN_OPTIONS=detect_leaks=0
pids=()
xsession_stop_extra() {
    [ -n "${app:-}" ] && kill -9 "$app" 2>/dev/null
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
}
fail() { echo "FAIL: $*"; echo "--- app output:"; tail -20 "$work/app.log"; exit 1; }

exec 3>"$work/display"
Xvfb -displayfd 3 -screen 0 1280x720x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
pids+=($!)
wait_for 20 test -s "$work/display" || fail "Xvfb did not start"
export DISPLAY=":$(head -1 "$work/display")"

echo 246813 | "$bin" pin set --db "$work/n.db" >/dev/null || fail "pin set"
"$bin" --db "$work/n.db" >"$work/app.log" 2>&1 & # the kiosk: fullscreen, no --window
app=$!
wait_for 30 xdotool search --onlyvisible --name . || fail "no window appeared"
win=$(xdotool search --onlyvisible --name . | head -1)
sleep 2
xdotool windowfocus --sync "$win" 2>/dev/null
for k in alt+F4 Escape ctrl+q ctrl+w F11 ctrl+shift+q alt+Tab ctrl+alt+BackSpace super+q ctrl+c; do
    xdotool key --window "$win" "$k"
    sleep 0.3
    kill -0 "$app" 2>/dev/null || fail "$k ended the kiosk"
done
# A window manager's close button: WM_DELETE_WINDOW (xdotool's windowclose
# would destroy the window outright, which no visitor can do).
if command -v python3 >/dev/null && python3 -c 'import Xlib' 2>/dev/null; then
    python3 - "$win" <<'PY'
import sys
from Xlib import display, X, protocol
d = display.Display(); w = d.create_resource_object('window', int(sys.argv[1]))
proto, delete = d.intern_atom('WM_PROTOCOLS'), d.intern_atom('WM_DELETE_WINDOW')
w.send_event(protocol.event.ClientMessage(window=w, client_type=proto, data=(32, [delete, X.CurrentTime, 0, 0, 0])))
d.flush()
PY
    sleep 1
    kill -0 "$app" 2>/dev/null || fail "WM_DELETE_WINDOW ended the kiosk"
    echo "WM_DELETE_WINDOW: still running"
fi
kill -0 "$app" || fail "the kiosk is gone"
kill -TERM "$app"
wait_for 10 sh -c "! kill -0 $app 2>/dev/null" || fail "SIGTERM did not close it"
wait "$app"; rc=$?
app=
[ "$rc" = 0 ] || fail "exit status $rc after SIGTERM"
grep -qE 'stopped: |終了: ' "$work/app.log" || fail "no 'stopped' line"
echo "ok: no visitor key quits the kiosk; SIGTERM closes it cleanly"
