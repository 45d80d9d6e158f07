#!/usr/bin/env bash
# Clearway developer entry point. Installs what is missing (Debian 12 packages), builds, then:
#   tools/dev.sh demo   creates a demo cache and starts the workstation
#   tools/dev.sh test   runs the whole test suite (what CI runs)
#   tools/dev.sh bench  builds and runs the benchmarks (slow; not part of the test suite)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# What building, running and testing Clearway needs on a fresh Debian 12 (openssl: the TLS tests
# make a throwaway CA; postgresql: the PostgreSQL backend's tests start a throwaway cluster).
PACKAGES=(
    g++ cmake ninja-build ccache pkgconf git
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
    libqt6sql6-sqlite libqt6sql6-psql libqt6svg6 libgl-dev libxkbcommon-dev
    qt6-websockets-dev libsodium-dev libsqlite3-dev
    iso-codes fonts-noto-cjk openssl postgresql
    xvfb xauth desktop-file-utils appstream librsvg2-bin dpkg-dev
)

log() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }

install_packages() {
    local missing=()
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return
    fi
    log "installing: ${missing[*]}"
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    # Refresh the package lists only when they are missing or older than a day.
    if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mtime -1 2>/dev/null | head -1)" ]; then
        "${sudo[@]}" apt-get update -q
    fi
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

build() {
    local preset="$1"
    log "configuring and building ($preset)"
    cmake --preset "$preset" >/dev/null
    cmake --build --preset "$preset" -j "$(nproc)"
}

run_demo() {
    build default
    local cache="${CLEARWAY_DEMO_CACHE:-$ROOT/build/demo-data/cache.sqlite}"
    local declarations="${CLEARWAY_DEMO_DECLARATIONS:-200000}"
    mkdir -p "$(dirname "$cache")"
    if [ ! -f "$cache" ]; then
        log "creating a demo cache with $declarations declarations: $cache"
        build/demo/clearway-demo --cache "$cache" --declarations "$declarations"
    fi
    local officer=(--officer "${CLEARWAY_DEMO_OFFICER:-wang.jianguo}")
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
        log "starting the workstation as ${officer[1]}"
        exec build/app/clearway --cache "$cache" "${officer[@]}" "$@"
    fi
    local shot="$ROOT/build/demo-data/screenshot.png"
    log "no display: running the workstation under Xvfb and saving a screenshot to $shot"
    xvfb-run -a -s '-screen 0 1600x1000x24' build/app/clearway --cache "$cache" "${officer[@]}" --screenshot "$shot" "$@"
}

run_tests() {
    build ci
    log "running the test suite"
    ctest --preset ci -j "$(nproc)"
}

run_bench() {
    build default
    log "running the benchmarks"
    for b in build/tests/bench/bench_*; do
        if [ -f "$b" ] && [ -x "$b" ]; then
            "$b"
        fi
    done
}

case "${1:-}" in
    demo) shift; install_packages; run_demo "$@" ;;
    test) install_packages; run_tests ;;
    bench) install_packages; run_bench ;;
    deps) install_packages ;;
    *) echo "usage: tools/dev.sh demo|test|bench|deps" >&2; exit 64 ;;
esac
