#!/bin/bash
# A laptop and a projector for real: an X server (Xorg's dummy driver) with
# two outputs, a 1280x800 laptop panel and a 1920x1080 projector to its
# right, as xrandr sets them up; SDL enumerates them as it would real ones.
#
#   1. `present DECK`: the audience window covers the projector exactly and
#      the console covers the laptop panel;
#   2. `present DECK --audience-display 0`: the other way round;
#   3. the kiosk (`--display 1`) covers display 1 even with no window
#      manager to honour "fullscreen" (a Raspberry Pi started by xinit).
#
# Window rectangles are read from the X server with xdotool.  Exit 77
# (skipped) when Xorg or its dummy driver is not installed or may not run.
set -u
[ -n "${MG_DEBUG:-}" ] && set -x
bin=${MG_BINARY:?MG_BINARY: the madoguchi binary}
src=${MG_SOURCE_DIR:?MG_SOURCE_DIR: the source tree}
here=$(dirname "$0")
. "$here/xsession.sh"
for tool in Xorg xrandr xdotool; do
    command -v "$tool" >/dev/null || skip "$tool is not installed"
done
[ -e /usr/lib/xorg/modules/drivers/dummy_drv.so ] ||
    skip "xserver-xorg-video-dummy is not installed"

xsession_start two
# No session bus: else SDL's D-Bus use autolaunches one that outlives the test.
export DBUS_SESSION_BUS_ADDRESS=unix:path=$work/no-bus
app= xorg=
xsession_stop_extra() {
    [ -n "$app" ] && kill "$app" 2>/dev/null
    [ -n "$xorg" ] && kill "$xorg" 2>/dev/null
    sleep 0.5
    [ -n "$xorg" ] && kill -9 "$xorg" 2>/dev/null # never leave an X server behind
}
fail() {
    echo "FAIL: $*"
    echo "--- xrandr:"; xrandr 2>&1 | grep -w connected
    echo "--- windows:"; windows
    echo "--- app:"; tail -20 "$work/app.log"
    exit 1
}

cat >"$work/xorg.conf" <<'EOF'
Section "Device"
  Identifier "card"
  Driver "dummy"
  VideoRam 256000
EndSection
Section "Monitor"
  Identifier "monitor"
  HorizSync 5.0-1000.0
  VertRefresh 5.0-200.0
EndSection
Section "Screen"
  Identifier "screen"
  Device "card"
  Monitor "monitor"
  DefaultDepth 24
  SubSection "Display"
    Depth 24
    Virtual 3200 1080
  EndSubSection
EndSection
EOF
exec 3>"$work/display"
Xorg -displayfd 3 -config "$work/xorg.conf" -noreset -nolisten tcp -logfile "$work/xorg.log" \
    >/dev/null 2>&1 &
xorg=$!
if ! wait_for 30 test -s "$work/display"; then
    skip "Xorg with the dummy driver did not start here (not root?)"
fi
export DISPLAY=":$(head -1 "$work/display")"
xrandr --output DUMMY0 --mode 1280x800 &&
    xrandr --addmode DUMMY1 1920x1080 &&
    xrandr --output DUMMY1 --mode 1920x1080 --right-of DUMMY0 ||
    fail "xrandr could not set up the two outputs"
# A full query probes the outputs, as a real driver does on a hot-plug; SDL
# reads the server's current state without probing.
xrandr >/dev/null

# "WxH+X+Y" of every visible window, sorted.
windows() {
    for w in $(xdotool search --onlyvisible --name . 2>/dev/null); do
        eval "$(xdotool getwindowgeometry --shell "$w")"
        # the audience window is named after the deck, the other after the desk
        case "$(xdotool getwindowname "$w")" in
        BCP*) role=slides ;;
        *) role=main ;;
        esac
        echo "${role}:${WIDTH}x${HEIGHT}+${X}+${Y}"
    done | sort
}
# Start the app with the given arguments; wait for n windows to settle.
start() {
    local n=$1; shift
    "$bin" "$@" >"$work/app.log" 2>&1 &
    app=$!
    wait_for 30 sh -c "[ \$(xdotool search --onlyvisible --name . 2>/dev/null | wc -l) -ge $n ]" ||
        fail "$* did not open $n windows"
    sleep 1 # the last move or resize
}
stop() {
    kill "$app" 2>/dev/null
    wait "$app" 2>/dev/null
    app=
    wait_for 10 sh -c "[ -z \"\$(xdotool search --onlyvisible --name . 2>/dev/null)\" ]"
}
expect() {
    local got
    got=$(windows | tr '\n' ' ')
    [ "$got" = "$1 " ] || fail "$2: windows are '$got', want '$1'"
    echo "ok: $2: $1"
}

start 2 present "$src/slides/bcp.md" --duration 40m
expect "main:1280x800+0+0 slides:1920x1080+1280+0" "console on the laptop, slides on the projector"
# Keys pressed on the laptop change what the projector shows (the pixels of
# the audience window, read from the X server).
shot() { xwd -silent -id "$(xdotool search --onlyvisible --name '^BCP')" | md5sum; }
# The projector's picture once it holds still (two equal reads in a row).
steady() {
    local a b
    a=$(shot)
    for _ in $(seq 40); do
        sleep 0.25
        b=$(shot)
        [ "$a" = "$b" ] && break
        a=$b
    done
    echo "$a"
}
export -f shot
if command -v xwd >/dev/null; then
    xdotool mousemove 640 400 # no window manager: the keyboard goes where the pointer is
    # Right and Left switch the projector between two distinct pictures, and
    # the same key brings back the same picture (whatever the first frame was).
    a=$(steady)
    xdotool key Right
    wait_for 10 bash -c '[ "$(shot)" != "$0" ]' "$a" || fail "→ on the console did not change the projector"
    b=$(steady)
    xdotool key Left
    wait_for 10 bash -c '[ "$(shot)" != "$0" ]' "$b" || fail "← on the console did not change the projector"
    c=$(steady)
    xdotool key Right
    wait_for 10 bash -c '[ "$(shot)" = "$0" ]' "$b" || fail "→ again did not show the same slide"
    xdotool key Left
    wait_for 10 bash -c '[ "$(shot)" = "$0" ]' "$c" || fail "← again did not show the same slide"
    echo "ok: → and ← on the laptop drive the projector"
fi
stop
start 2 present "$src/slides/bcp.md" --audience-display 0
expect "main:1920x1080+1280+0 slides:1280x800+0+0" "--audience-display 0: slides on the laptop, console moved aside"
stop
start 1 --display 1
expect "main:1920x1080+1280+0" "the kiosk on display 1, no window manager"
stop
exit 0
