#!/usr/bin/env bash
# Make this user's session a kiosk: the systemd user unit enabled (it
# restarts the kiosk within seconds after a crash or a kill) and the
# desktop autostart entry in place.  Run as the kiosk's user after
# `cmake --install` (or `sudo cmake --install build`).
#
#   install-kiosk.sh [--console] [--prefix DIR]
#     --console   the console unit (SDL's KMS/DRM driver, no desktop),
#                 with lingering so it starts at boot without a login
set -eu
prefix=/usr/local
unit=madoguchi.service
while [ $# -gt 0 ]; do
    case "$1" in
        --console) unit=madoguchi-kmsdrm.service ;;
        --prefix) prefix=$2; shift ;;
        *) echo "usage: $0 [--console] [--prefix DIR]" >&2; exit 2 ;;
    esac
    shift
done
units=$prefix/lib/systemd/user
[ -f "$units/$unit" ] || { echo "install-kiosk: $units/$unit is not there (run cmake --install first)" >&2; exit 1; }
conf=${XDG_CONFIG_HOME:-$HOME/.config}
mkdir -p "$conf/systemd/user" "$conf/autostart"
ln -sf "$units/$unit" "$conf/systemd/user/$unit"
if [ "$unit" = madoguchi.service ]; then
    cp "$prefix/share/madoguchi/autostart/madoguchi.desktop" "$conf/autostart/madoguchi.desktop"
fi
if command -v systemctl >/dev/null && systemctl --user show-environment >/dev/null 2>&1; then
    systemctl --user daemon-reload
    systemctl --user enable "$unit"
    if [ "$unit" = madoguchi-kmsdrm.service ]; then
        loginctl enable-linger "$USER" || echo "install-kiosk: could not turn lingering on (ask an admin: loginctl enable-linger $USER)" >&2
    fi
    echo "install-kiosk: $unit enabled; start it now with: systemctl --user start $unit"
else
    echo "install-kiosk: no systemd user manager here: the autostart entry starts the kiosk with the session"
fi
