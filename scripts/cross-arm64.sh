#!/usr/bin/env bash
# Cross-build Madoguchi for arm64 (a Raspberry Pi 4/5 on Raspberry Pi OS
# bookworm) on a Debian 12 amd64 machine with Debian's multiarch packages,
# then run the core and screen tests under qemu-user (SDL's dummy video
# driver and the software renderer: no display, no GL).  Opt-in, not part
# of `make test`: `make arm64` runs all of it (about 6 minutes on 2 busy
# cores, see README "arm64").
#
#   scripts/cross-arm64.sh [setup|build|test|all]   (default: all)
#
# setup (as root): dpkg --add-architecture arm64, crossbuild-essential-arm64,
#   qemu-user and every -dev package of scripts/setup.sh as :arm64 (apt may
#   also bring the amd64 copies of shared libraries to the same version:
#   multiarch needs one version of a library for both).
# build: into $MG_ARM64_BUILD (default /tmp/madoguchi-arm64, outside the
#   source tree, so neither build/ nor build-test/ is touched), with an
#   aarch64 toolchain file written there.  CMake's
#   CMAKE_CROSSCOMPILING_EMULATOR makes ctest run each test program through
#   qemu-aarch64, and tests that start the madoguchi binary get a wrapper
#   that does the same (MG_TEST_BINARY): no binfmt_misc registration, which
#   would change the whole machine, is needed.
# test: the plain C tests of core and screen (the ones that need Node.js,
#   Xvfb, a user manager or clang-tidy stay on amd64).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
out=${MG_ARM64_BUILD:-/tmp/madoguchi-arm64}
step=${1:-all}

dev_pkgs=(libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libfreetype-dev libharfbuzz-dev
  libmd4c-dev libicu-dev libfontconfig-dev libhpdf-dev libzip-dev libxml2-dev
  libsqlite3-dev libsodium-dev libqrencode-dev libinih-dev zlib1g-dev libexif-dev
  libturbojpeg0-dev)
# The tests that run under qemu-user: core, paper and screen, headless or on
# SDL's dummy driver.  Left to amd64: test_store (its fault injection forks a
# child per I/O call) and test_sync (Argon2id at the real 256 MB limits, one
# unlock per command) pass their 300 s limit under qemu; the small-disk parts
# of the others skip themselves (qemu-user is multi-threaded, so
# unshare(CLONE_NEWUSER) says EINVAL).
tests='^test_(fm|doc|lb|layout|font|msg|utf8|epub|search|referrals|terms|notes|pin|settings|seal|selfcheck|sccount|ftsq|faq|deck|handout|screen|scscreen|kiosk|cli)$'

do_setup() {
    local missing=()
    for p in crossbuild-essential-arm64 qemu-user "${dev_pkgs[@]/%/:arm64}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
            missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "cross-arm64: setup needs root (sudo $0 setup)" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    dpkg --add-architecture arm64
    # apt may be busy (another apt-get): wait for its lock.
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
        crossbuild-essential-arm64 qemu-user cmake make pkg-config fonts-ipaexfont-gothic \
        "${dev_pkgs[@]/%/:arm64}"
}

do_build() {
    case "$out" in
        "$here"/build|"$here"/build-test|"$here"/build-test/*)
            echo "cross-arm64: $out is one of the native build folders; pick another" >&2
            exit 2 ;;
    esac
    command -v aarch64-linux-gnu-gcc >/dev/null && command -v qemu-aarch64 >/dev/null || {
        echo "cross-arm64: no aarch64 cross compiler or qemu-aarch64: run sudo $0 setup" >&2
        exit 1
    }
    # A folder configured from another checkout (a clone since removed):
    # cmake would refuse it, so it is started again.
    if [ -f "$out/CMakeCache.txt" ] &&
        ! grep -qx "CMAKE_HOME_DIRECTORY:INTERNAL=$here" "$out/CMakeCache.txt"; then
        echo "cross-arm64: $out was configured from another source tree; starting it again"
        rm -rf "$out"
    fi
    mkdir -p "$out"
    cat >"$out/aarch64.cmake" <<'TC'
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
# Debian's cross gcc searches the multiarch folders (/usr/include/aarch64-
# linux-gnu, /usr/lib/aarch64-linux-gnu) by itself.
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64;-L;/)
TC
    # The binary the tests start, through qemu-user: the whole program (the
    # front, madoguchi, would execv it, which qemu-user cannot follow
    # without binfmt_misc).
    printf '#!/bin/sh\nexec qemu-aarch64 -L / "%s/madoguchi-app" "$@"\n' "$out" >"$out/madoguchi-qemu"
    chmod +x "$out/madoguchi-qemu"
    # pkg-config finds the :arm64 .pc files only.
    export PKG_CONFIG_LIBDIR=/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig
    cmake -S "$here" -B "$out" -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_TOOLCHAIN_FILE="$out/aarch64.cmake" -DMG_TEST_BINARY="$out/madoguchi-qemu" >/dev/null
    local t0
    t0=$(date +%s)
    cmake --build "$out" -j "${JOBS:-2}"
    echo "cross-arm64: built in $(( $(date +%s) - t0 )) s: $(file -b "$out/madoguchi" | cut -d, -f1-2)"
}

do_test() {
    # qemu-aarch64 finds the arm64 loader and libraries in the multiarch
    # folders (Debian installs them under /usr/lib/aarch64-linux-gnu and
    # the loader at /lib/ld-linux-aarch64.so.1).
    export QEMU_LD_PREFIX=/ SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software
    local t0
    t0=$(date +%s)
    local rc=0
    (cd "$out" && ctest --output-on-failure -j "${JOBS:-2}" --timeout 900 -R "$tests") || rc=$?
    echo "cross-arm64: tests under qemu-user in $(( $(date +%s) - t0 )) s"
    return $rc
}

case "$step" in
    setup) do_setup ;;
    build) do_build ;;
    test) do_test ;;
    all) do_build; do_test ;; # not "&&": set -e is off inside a function on its left
    *) echo "usage: $0 [setup|build|test|all]" >&2; exit 2 ;;
esac
