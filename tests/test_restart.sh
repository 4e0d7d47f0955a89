#!/usr/bin/env bash
# The kiosk comes back after a crash or a kill, as its systemd user unit
# says: the unit as CMake configured it (build dir), run by a supervisor
# that honours its ExecStart, Restart=always and RestartSec (a CI container
# has no user manager; on a kiosk systemd does the same).  SIGKILL (a
# crash) and SIGTERM (a clean close: "stopped" in the log) are each
# followed by a new start within a few seconds.
# Env: MG_BINARY, MG_UNIT (the configured madoguchi.service).
set -u
bin=${MG_BINARY:?}
unit=${MG_UNIT:?}
work=$(mktemp -d /tmp/mgrestartXXXXXX)
sup=
cleanup() {
    touch "$work/stop"
    [ -n "$sup" ] && kill "$sup" 2>/dev/null
    [ -f "$work/pid" ] && kill -9 "$(cat "$work/pid")" 2>/dev/null
    wait 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; echo "--- log"; cat "$work/log" 2>/dev/null; exit 1; }

grep -qx 'Restart=always' "$unit" || fail "$unit: no Restart=always"
grep -qx 'StartLimitIntervalSec=0' "$unit" || fail "$unit: systemd would give up restarting"
# Staff quit (終了 after the PIN) exits with 4 (main.c MG_EXIT_STAFF_QUIT): not restarted.
grep -qx 'RestartPreventExitStatus=4' "$unit" || fail "$unit: a staff quit would be restarted"
grep -q 'define MG_EXIT_STAFF_QUIT 4' "$(dirname "$0")/../app/main.c" ||
    fail "main.c's staff quit status is not the unit's RestartPreventExitStatus"
exec_line=$(sed -n 's/^ExecStart=//p' "$unit")
[ -n "$exec_line" ] || fail "$unit: no ExecStart"
case "$exec_line" in */madoguchi) ;; *) fail "ExecStart is not the kiosk: $exec_line" ;; esac
restart_sec=$(sed -n 's/^RestartSec=//p' "$unit")
[ -n "$restart_sec" ] || restart_sec=0.1  # systemd's default
# The installed path is the built binary here.
cmd=${exec_line%/madoguchi}
[ -n "$cmd" ] || fail "ExecStart has no folder"

export XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data SDL_VIDEODRIVER=dummy
supervise() {
    while [ ! -f "$work/stop" ]; do
        "$bin" --db "$work/n.db" 2>>"$work/log" &
        echo $! >"$work/pid"
        wait $!
        [ -f "$work/stop" ] && break
        sleep "$restart_sec"
    done
}
supervise &
sup=$!

# The health line at start, in either language of the log.
starts() { grep -cE 'started in [0-9]+ ms|起動 [0-9]+ ms' "$work/log" 2>/dev/null || echo 0; }
wait_starts() { # N within S seconds
    for _ in $(seq 1 $(($2 * 10))); do
        [ "$(starts)" -ge "$1" ] && return 0
        sleep 0.1
    done
    return 1
}
wait_starts 1 60 || fail "the kiosk did not start"
t0=$(date +%s%N)
kill -9 "$(cat "$work/pid")"
wait_starts 2 30 || fail "not back after SIGKILL"
t1=$(date +%s%N)
echo "back $(( (t1 - t0) / 1000000 )) ms after SIGKILL (RestartSec=$restart_sec)"
kill -TERM "$(cat "$work/pid")"
wait_starts 3 30 || fail "not back after SIGTERM"
grep -qE 'stopped: |終了: ' "$work/log" || fail "SIGTERM did not close it cleanly (no 'stopped' line)"
touch "$work/stop"
kill -TERM "$(cat "$work/pid")"
wait "$sup"
sup=
echo "ok: restarted after SIGKILL and SIGTERM"
