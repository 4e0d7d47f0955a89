#!/usr/bin/env bash
# Cross-build Madoguchi for arm64 (a Raspberry Pi 4/5 on Raspberry Pi OS
# bookworm) on a Debian 12 amd64 machine with Debian's multiarch packages,
# then run the core and screen tests under qemu-user (SDL's dummy video
# driver: no display, no GL).
#
#   scripts/cross-arm64.sh [setup|build|test|all]   (default: all)
#
# setup (as root): dpkg --add-architecture arm64, crossbuild-essential-arm64,
#   qemu-user and every -dev package of scripts/setup.sh as :arm64.
# build: build-arm64/ with an aarch64 toolchain file written here; CMake's
#   CMAKE_CROSSCOMPILING_EMULATOR makes ctest run each test through
#   qemu-aarch64 with the arm64 libraries' root (-L /).
# test: the plain C tests that need no Node.js, no Xvfb and no mounts.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
out=$here/build-arm64
step=${1:-all}

dev_pkgs=(libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libfreetype-dev libharfbuzz-dev
  libmd4c-dev libicu-dev libfontconfig-dev libhpdf-dev libzip-dev libxml2-dev
  libsqlite3-dev libsodium-dev libqrencode-dev libinih-dev)

do_setup() {
    if [ "$(id -u)" -ne 0 ]; then
        echo "cross-arm64: setup needs root (sudo $0 setup)" >&2
        exit 1
    fi
    dpkg --add-architecture arm64
    apt-get update
    apt-get install -y --no-install-recommends crossbuild-essential-arm64 qemu-user \
        cmake make pkg-config fonts-ipaexfont-gothic "${dev_pkgs[@]/%/:arm64}"
}

do_build() {
    mkdir -p "$out"
    cat >"$out/aarch64.cmake" <<'TC'
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
# Debian's cross gcc searches the multiarch folders (/usr/include/aarch64-
# linux-gnu, /usr/lib/aarch64-linux-gnu) by itself.
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64;-L;/)
TC
    # pkg-config finds the :arm64 .pc files only.
    export PKG_CONFIG_LIBDIR=/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig
    cmake -S "$here" -B "$out" -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_TOOLCHAIN_FILE="$out/aarch64.cmake" >/dev/null
    local t0=$(date +%s)
    cmake --build "$out" -j "${JOBS:-2}"
    echo "cross-arm64: built in $(( $(date +%s) - t0 )) s: $(file -b "$out/madoguchi" | cut -d, -f1-2)"
}

do_test() {
    # qemu-aarch64 finds the arm64 loader and libraries in the multiarch
    # folders (Debian installs them under /usr/lib/aarch64-linux-gnu and
    # the loader at /lib/ld-linux-aarch64.so.1).
    export QEMU_LD_PREFIX=/ SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software
    local t0=$(date +%s)
    (cd "$out" && ctest --output-on-failure -j "${JOBS:-2}" \
        -R '^test_(fm|doc|lb|layout|font|msg|utf8|epub|search|referrals|terms|notes|pin|settings|screen|kiosk)$')
    echo "cross-arm64: tests under qemu-user in $(( $(date +%s) - t0 )) s"
}

case "$step" in
    setup) do_setup ;;
    build) do_build ;;
    test) do_test ;;
    all) do_build && do_test ;;
    *) echo "usage: $0 [setup|build|test|all]" >&2; exit 2 ;;
esac
