#!/bin/bash
# Japanese typed for real: an X server (Xvfb), a D-Bus session, IBus with the
# Anthy engine in hiragana mode, and xdotool pressing keys as a person would.
#
#   1. Ctrl+Alt+S and the PIN 246813 with the input method ON: the digits must
#      reach the PIN pad, not become a composition (２４６８);
#   2. the new-note button, then n i h o n g o, Space (convert), Return
#      (commit): the question field must hold 日本語, saved on its own.
#
# The answer is read back with `madoguchi notes list`, so nothing here trusts
# the screen.  Exit 77 (skipped) when the tools are not installed.
set -u
bin=${MG_BINARY:?MG_BINARY: the madoguchi binary}
here=$(dirname "$0")
. "$here/xsession.sh"
for tool in Xvfb xdotool ibus ibus-daemon dbus-launch gsettings; do
    command -v "$tool" >/dev/null || skip "$tool is not installed"
done
[ -x /usr/libexec/ibus-engine-anthy ] || skip "ibus-anthy is not installed"

# A home of our own: IBus's and dconf's settings and sockets live there.
xsession_start ime
pids=()
xsession_stop_extra() {
    [ -n "${app:-}" ] && kill "$app" 2>/dev/null
    ibus exit >/dev/null 2>&1
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
    [ -n "${DBUS_SESSION_BUS_PID:-}" ] && kill "$DBUS_SESSION_BUS_PID" 2>/dev/null
}
fail() {
    echo "FAIL: $*"
    echo "--- ibus engine: $(ibus engine 2>&1)"
    echo "--- notes:"; "$bin" notes list --db "$work/n.db" 2>&1
    echo "--- app output:"; tail -20 "$work/app.log"
    exit 1
}

# An X server on a free display number.
exec 3>"$work/display"
Xvfb -displayfd 3 -screen 0 1280x720x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
pids+=($!)
wait_for 20 test -s "$work/display" || fail "Xvfb did not start"
export DISPLAY=":$(head -1 "$work/display")"

eval "$(dbus-launch --sh-syntax)"
export XMODIFIERS=@im=ibus SDL_IM_MODULE=ibus GTK_IM_MODULE=ibus
# Anthy starts in Latin mode unless told: hiragana, as most Japanese users keep it.
gsettings set org.freedesktop.ibus.engine.anthy.common input-mode 0 2>/dev/null
[ "$(gsettings get org.freedesktop.ibus.engine.anthy.common input-mode 2>/dev/null)" = 0 ] ||
    skip "settings do not persist (no dconf): Anthy would stay in Latin mode"
start=$SECONDS
ibus-daemon --daemonize --replace >"$work/ibus.log" 2>&1
# (`ibus engine NAME` exits 1 even when it worked: ask which engine is on)
use_anthy() { ibus engine anthy; [ "$(ibus engine)" = anthy ]; }
wait_for 90 use_anthy || fail "IBus did not take the Anthy engine"

echo "IBus ready in $((SECONDS - start)) s"
echo 246813 | "$bin" pin set --db "$work/n.db" >/dev/null || fail "pin set"
export MADOGUCHI_PIN=246813 # the notes are encrypted under it: notes list needs it
"$bin" --window --size 1280x720 --db "$work/n.db" >"$work/app.log" 2>&1 &
app=$!
wait_for 30 xdotool search --onlyvisible --name . || fail "no window appeared"
win=$(xdotool search --onlyvisible --name . | head -1)
sleep 2 # the first frame and the IBus input context
use_anthy

xdotool key --window "$win" ctrl+alt+s
sleep 1
xdotool type --delay 150 246813
xdotool key Return
sleep 2
# 新しい相談, top right of the staff list at 1280x720
xdotool mousemove --window "$win" 1134 48 click 1
sleep 2
xdotool type --delay 150 nihongo
sleep 1
xdotool key space
sleep 1
xdotool key Return
# saved within a second of the last change
wait_for 20 sh -c "'$bin' notes list --db '$work/n.db' | grep -q '日本語'" ||
    fail "the committed 日本語 did not reach the note"
"$bin" notes list --db "$work/n.db" | grep -q 'nihongo\|にほんご' && fail "Latin or unconverted text saved"
echo "ok: 日本語 typed through IBus/Anthy, PIN digits taken with the IME on"
exit 0
