# xsession.sh - what the X tests share (sourced by test_ime_xvfb.sh and
# test_two_displays.sh): a home folder of their own, waiting for a
# condition, and leaving nothing running behind.
#
#   xsession_start NAME   make $work, point HOME and XDG_* there, trap the
#                         clean-up; define xsession_stop_extra to add to it
#   wait_for SECS CMD...  run CMD until it succeeds, at most SECS seconds
#   reap_ours             kill -9 every process running with our HOME (what
#                         D-Bus and IBus started for us, whoever its parent)
#   skip REASON           the test cannot run here: exit 77 (ctest: skipped),
#                         or 1 under MG_NO_SKIP=1, where CI installed all it needs

# Debian's own tools (python3 for the Anthy engine), never a pyenv or venv one.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin

skip() {
    echo "SKIP: $*"
    if [ "${MG_NO_SKIP:-}" = 1 ]; then
        echo "FAIL: MG_NO_SKIP=1: a test that cannot run here is a failure"
        exit 1
    fi
    exit 77
}

xsession_start() {
    work=$(mktemp -d "/tmp/mg$1.XXXXXX")
    export HOME=$work XDG_CONFIG_HOME=$work/config XDG_CACHE_HOME=$work/cache \
        XDG_DATA_HOME=$work/data XDG_RUNTIME_DIR=$work/run
    mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
    unset SDL_VIDEODRIVER SDL_RENDER_DRIVER WAYLAND_DISPLAY
    trap xsession_stop EXIT
}

reap_ours() {
    for d in /proc/[0-9]*; do
        [ "${d#/proc/}" != $$ ] && grep -qxz "HOME=$work" "$d/environ" 2>/dev/null &&
            kill -9 "${d#/proc/}" 2>/dev/null
    done
}

xsession_stop() {
    declare -F xsession_stop_extra >/dev/null && xsession_stop_extra
    # the desktop portal that D-Bus may start mounts its documents here
    fusermount -u "$XDG_RUNTIME_DIR/doc" >/dev/null 2>&1
    reap_ours
    wait 2>/dev/null
    rm -rf "$work"
}

wait_for() {
    local end=$((SECONDS + $1))
    shift
    until "$@" >/dev/null 2>&1; do
        ((SECONDS < end)) || return 1
        sleep 0.2
    done
}
