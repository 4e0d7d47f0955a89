#!/usr/bin/env bash
# Install what Madoguchi needs to build, run and test on Debian 12 /
# Raspberry Pi OS (bookworm).  As root it runs apt-get; otherwise it prints
# the exact `sudo apt-get install ...` line and fails, so `make run` and
# `make test` never half-work on a machine that lacks a library.
#
# Usage: scripts/setup.sh [build|test|fuzz|bench|arm64]   (test adds the PDF
# readers and tools; fuzz adds clang and its libFuzzer runtime for `make fuzz`;
# bench adds the test set and the peers `make bench` measures us against:
# Chromium and Calibre, opt-in because Calibre alone is several hundred MB;
# arm64 the cross compiler, qemu-user and the :arm64 libraries for
# `make arm64`, through scripts/cross-arm64.sh setup)
set -eu
if [ "${1:-build}" = arm64 ]; then
  exec "$(dirname "$0")/cross-arm64.sh" setup
fi

build_pkgs=(
  cmake make gcc pkg-config
  libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libfreetype-dev libharfbuzz-dev
  libmd4c-dev libicu-dev libfontconfig-dev fonts-morisawa-bizud-gothic fonts-ipaexfont-gothic
  libhpdf-dev libzip-dev libxml2-dev libsqlite3-dev libsodium-dev
  libqrencode-dev libinih-dev zlib1g-dev libexif-dev libturbojpeg0-dev
)
# PDF readers (poppler, mupdf), analysers, a QR decoder (zbarimg, to read
# back the codes on screen and paper), an X server with a Japanese input
# method so a test can type Japanese for real (tests/test_ime_xvfb.sh), Xorg's dummy
# driver for a laptop-and-projector pair of displays (tests/test_two_displays.sh),
# and Chromium, in which Marp CLI draws the slides our own are compared with
# (tests/marp/compare.sh).
test_pkgs=(poppler-utils qpdf mupdf-tools zbar-tools valgrind cppcheck clang-tidy faketime fonts-dejavu-core
  xvfb xdotool dbus-x11 ibus ibus-anthy dconf-gsettings-backend libglib2.0-bin
  xserver-xorg-core xserver-xorg-video-dummy x11-xserver-utils x11-apps
  chromium)

fuzz_pkgs=(clang libclang-rt-14-dev)
# The peers of tests/bench/run.sh: Chromium (Marp CLI's browser, the first
# slide and the kiosk's memory) and Calibre's ebook-convert (EPUB to PDF).
bench_pkgs=(chromium calibre)

want=("${build_pkgs[@]}")
if [ "${1:-build}" = test ] || [ "${1:-build}" = bench ]; then want+=("${test_pkgs[@]}"); fi
if [ "${1:-build}" = bench ]; then want+=("${bench_pkgs[@]}"); fi
if [ "${1:-build}" = fuzz ]; then want+=("${fuzz_pkgs[@]}"); fi

missing=()
arch=$(dpkg --print-architecture)
for p in "${want[@]}"; do
  # this machine's own architecture (or "all"): after `make arm64` a
  # -dev package may be there for arm64 only
  if ! dpkg-query -W -f='${Status} ${Architecture}\n' "$p" 2>/dev/null |
    grep -Eq "^install ok installed ($arch|all)\$"; then
    missing+=("$p")
  fi
done
# Node.js and npm for Marp CLI (the slide comparison), by command: a
# machine may have them from another packaging of Node.js than Debian's.
if { [ "${1:-build}" = test ] || [ "${1:-build}" = bench ]; } && ! { command -v node && command -v npm; } >/dev/null; then
  missing+=(nodejs npm)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: these Debian packages are missing. Install them with:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
