#!/bin/bash
# Japanese typed for real: an X server (Xvfb), a D-Bus session, IBus with the
# Anthy engine in hiragana mode, and xdotool pressing keys as a person would.
#
#   1. Ctrl+Alt+S and the PIN 2468 with the input method ON: the digits must
#      reach the PIN pad, not become a composition (２４６８);
#   2. the new-note button, then n i h o n g o, Space (convert), Return
#      (commit): the question field must hold 日本語, saved on its own.
#
# The answer is read back with `madoguchi notes list`, so nothing here trusts
# the screen.  Exit 77 (skipped) when the tools are not installed.
set -u
bin=${MG_BINARY:?MG_BINARY: the madoguchi binary}
# Debian's own python3 runs the Anthy engine, never a pyenv or venv one.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
for tool in Xvfb xdotool ibus ibus-daemon dbus-launch gsettings; do
    command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed"; exit 77; }
done
[ -x /usr/libexec/ibus-engine-anthy ] || { echo "SKIP: ibus-anthy is not installed"; exit 77; }

work=$(mktemp -d /tmp/mgime.XXXXXX)
# A home of our own: IBus's and dconf's settings and sockets live there.
export HOME=$work XDG_CONFIG_HOME=$work/config XDG_CACHE_HOME=$work/cache \
    XDG_DATA_HOME=$work/data XDG_RUNTIME_DIR=$work/run
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
unset SDL_VIDEODRIVER SDL_RENDER_DRIVER WAYLAND_DISPLAY
pids=()
cleanup() {
    [ -n "${app:-}" ] && kill "$app" 2>/dev/null
    ibus exit >/dev/null 2>&1
    # the desktop portal D-Bus started may have mounted its documents here
    fusermount -u "$XDG_RUNTIME_DIR/doc" >/dev/null 2>&1
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
    [ -n "${DBUS_SESSION_BUS_PID:-}" ] && kill "$DBUS_SESSION_BUS_PID" 2>/dev/null
    # whatever D-Bus or IBus started for us (they run with our HOME): gone too
    for d in /proc/[0-9]*; do
        [ "${d#/proc/}" != $$ ] && grep -qxz "HOME=$work" "$d/environ" 2>/dev/null &&
            kill -9 "${d#/proc/}" 2>/dev/null
    done
    wait 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "FAIL: $*"
    echo "--- ibus engine: $(ibus engine 2>&1)"
    echo "--- notes:"; "$bin" notes list --db "$work/n.db" 2>&1
    echo "--- app output:"; tail -20 "$work/app.log"
    exit 1
}
# Wait up to $1 seconds for the command after it to succeed.
wait_for() {
    local end=$((SECONDS + $1)); shift
    until "$@" >/dev/null 2>&1; do
        ((SECONDS < end)) || return 1
        sleep 0.2
    done
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
    { echo "SKIP: settings do not persist (no dconf): Anthy would stay in Latin mode"; exit 77; }
start=$SECONDS
ibus-daemon --daemonize --replace >"$work/ibus.log" 2>&1
# (`ibus engine NAME` exits 1 even when it worked: ask which engine is on)
use_anthy() { ibus engine anthy; [ "$(ibus engine)" = anthy ]; }
wait_for 90 use_anthy || fail "IBus did not take the Anthy engine"

echo "IBus ready in $((SECONDS - start)) s"
echo 2468 | "$bin" pin set --db "$work/n.db" >/dev/null || fail "pin set"
"$bin" --window --size 1280x720 --db "$work/n.db" >"$work/app.log" 2>&1 &
app=$!
wait_for 30 xdotool search --onlyvisible --name . || fail "no window appeared"
win=$(xdotool search --onlyvisible --name . | head -1)
sleep 2 # the first frame and the IBus input context
use_anthy

xdotool key --window "$win" ctrl+alt+s
sleep 1
xdotool type --delay 150 2468
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
