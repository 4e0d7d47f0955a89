#!/usr/bin/env bash
# `madoguchi setup` answered on standard input, as staff would: a PIN of
# six digits (a short one refused), the printer with a test page (lp
# faked: it keeps its arguments), the display; then the settings file it
# wrote, and a second run that finds the PIN set.
# Env: MG_BINARY, MG_SOURCE_DIR.
set -u
bin=${MG_BINARY:?}
work=$(mktemp -d /tmp/mgsetupXXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; echo "--- output"; cat "$work/out" 2>/dev/null; exit 1; }
mkdir "$work/bin"
printf '#!/bin/sh\necho "system default destination: Office_Printer"\n' >"$work/bin/lpstat"
printf '#!/bin/sh\necho "$@" > %s/lp-args\necho "request id is Office_Printer-1"\n' "$work" >"$work/bin/lp"
chmod +x "$work/bin/lpstat" "$work/bin/lp"
export PATH=$work/bin:$PATH SDL_VIDEODRIVER=dummy XDG_CONFIG_HOME=$work/config
cfg=$work/config/madoguchi/madoguchi.ini

# 1234 is too short; then 246813 twice; guidebook kept; printer: the
# default, test page yes; display 0.
printf '1234\n246813\n246813\n\n\ny\n0\n' | "$bin" setup --lang en --db "$work/n.db" >"$work/out" 2>&1
rc=$?
grep -q 'the PIN must be 6 to 12 digits' "$work/out" || fail "a 4-digit PIN was not refused"
grep -q 'PIN set' "$work/out" || fail "the PIN was not set"
grep -q 'Office public key' "$work/out" || fail "no word on the office key"
grep -q 'Test page sent to Office_Printer' "$work/out" || fail "no test page"
grep -q -- '-d Office_Printer' "$work/lp-args" || fail "lp was not asked for the printer: $(cat "$work/lp-args")"
grep -q '0: ' "$work/out" || fail "the displays were not listed"
grep -q "Settings written to $cfg" "$work/out" || fail "no settings file said"
grep -qx 'display = 0' "$cfg" || fail "display not in $cfg"
grep -qx 'idle = 90' "$cfg" || fail "idle not in $cfg"
grep -q 'Ready: PIN OK' "$work/out" || fail "no ready line"
[ "$rc" = 0 ] || fail "setup exited $rc"

# The second time: the PIN is there (Enter keeps it), the file kept as
# .bak, '-' for the printer: the CUPS default (no test page).
printf '\n\n-\n\n' | "$bin" setup --lang en --db "$work/n.db" >"$work/out" 2>&1
grep -q 'A staff PIN is set' "$work/out" || fail "the PIN set before was not found"
[ -f "$cfg.bak" ] || fail "the old settings were not kept"
grep -q 'printer -,' "$work/out" || fail "'-' did not clear the named printer"
grep -q '^printer' "$cfg" && fail "a printer is still named in $cfg"
echo "ok: setup"
