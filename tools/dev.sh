#!/usr/bin/env bash
# Clearway developer entry point. Installs what is missing (Debian 12 packages), builds, then:
#   tools/dev.sh demo   starts an embedded server with demo data and a workstation signed in to it
#   tools/dev.sh workstation [officer]   a further workstation beside a running demo
#   tools/dev.sh server  (re)starts the demo server alone, in the foreground
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
    qt6-websockets-dev libsodium-dev libsqlite3-dev libssl-dev
    iso-codes fonts-noto-cjk openssl postgresql
    xvfb xauth desktop-file-utils appstream librsvg2-bin dpkg-dev
    clang libclang-rt-14-dev  # the fuzz test: libFuzzer with ASan and UBSan
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

DEMO_DATA="$ROOT/build/demo-data"
DEMO_PORT="${CLEARWAY_DEMO_PORT:-8765}"
DEMO_PASSWORD=clearway-demo # every demo officer's password (clearway-server seed-demo)
DEMO_TLS="$DEMO_DATA/tls"

# The demo runs as an office would: wss:// with a certificate for 127.0.0.1 and localhost, signed
# by a demo customs CA that only the demo's workstations trust (--ca-file). Made once, kept with
# the demo data.
make_demo_certificates() {
    [ -f "$DEMO_TLS/server.pem" ] && [ -f "$DEMO_TLS/server.key" ] && [ -f "$DEMO_TLS/ca.pem" ] && return
    log "making the demo's certificate authority and server certificate: $DEMO_TLS"
    mkdir -p "$DEMO_TLS"
    (
        cd "$DEMO_TLS"
        umask 077
        openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 825 -subj "/CN=Clearway Demo Customs CA" 2>/dev/null
        openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj "/CN=localhost" 2>/dev/null
        printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > server.ext
        openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 825 -extfile server.ext 2>/dev/null
        rm -f server.csr server.ext ca.srl
        chmod 0644 ca.pem server.pem
    )
}

# Starts a workstation signed in to the demo server as officer $1, with its own cache.
run_workstation() {
    local officer="$1"; shift
    local cache="$DEMO_DATA/cache-$officer.sqlite"
    local args=(--cache "$cache" --server "wss://127.0.0.1:$DEMO_PORT/sync" --ca-file "$DEMO_TLS/ca.pem" --user "$officer" --password-stdin "$@")
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
        log "starting the workstation as $officer (cache $cache)"
        build/app/clearway "${args[@]}" <<<"$DEMO_PASSWORD"
        return
    fi
    local shot="$DEMO_DATA/screenshot-$officer.png"
    log "no display: running the workstation under Xvfb; it saves a screenshot to $shot once synced"
    xvfb-run -a -s '-screen 0 1600x1000x24' build/app/clearway "${args[@]}" --screenshot "$shot" <<<"$DEMO_PASSWORD"
}

server_running() { [ -f "$DEMO_DATA/server.pid" ] && kill -0 "$(cat "$DEMO_DATA/server.pid")" 2>/dev/null; }

# Starts the demo server in the background unless it runs already; it stops when this script does.
start_server() {
    server_running && return
    make_demo_certificates
    log "starting the embedded server on wss://127.0.0.1:$DEMO_PORT (log: $DEMO_DATA/server.log)"
    build/app/clearway-server serve --database "$DEMO_DATA/server.sqlite" --cert "$DEMO_TLS/server.pem" --key "$DEMO_TLS/server.key" \
        --listen 127.0.0.1 --port "$DEMO_PORT" >"$DEMO_DATA/server.log" 2>&1 &
    echo $! >"$DEMO_DATA/server.pid"
    trap 'kill "$(cat "$DEMO_DATA/server.pid")" 2>/dev/null; rm -f "$DEMO_DATA/server.pid"' EXIT
    trap 'exit 130' INT TERM
    for _ in $(seq 100); do
        grep -q '^listening' "$DEMO_DATA/server.log" 2>/dev/null && return
        server_running || { cat "$DEMO_DATA/server.log" >&2; exit 1; }
        sleep 0.1
    done
}

run_demo() {
    build default
    mkdir -p "$DEMO_DATA"
    if [ ! -f "$DEMO_DATA/server.sqlite" ]; then
        log "creating the demo server database with ${CLEARWAY_DEMO_DECLARATIONS:-200000} declarations: $DEMO_DATA/server.sqlite"
        build/app/clearway-server seed-demo "${CLEARWAY_DEMO_DECLARATIONS:-200000}" --database "$DEMO_DATA/server.sqlite"
    fi
    start_server
    run_workstation "${CLEARWAY_DEMO_OFFICER:-wang.jianguo}" "$@"
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
    server)
        [ -f "$DEMO_DATA/server.sqlite" ] || { echo "no demo database yet: run tools/dev.sh demo first" >&2; exit 1; }
        server_running && { echo "the demo server runs already (pid $(cat "$DEMO_DATA/server.pid"))" >&2; exit 1; }
        start_server
        log "serving until Ctrl+C"
        wait ;;
    workstation)
        shift
        server_running || { echo "no demo server is running: start one with tools/dev.sh demo" >&2; exit 1; }
        officer="${1:-li.na}"; shift || true
        run_workstation "$officer" "$@" ;;
    test) install_packages; run_tests ;;
    bench) install_packages; run_bench ;;
    deps) install_packages ;;
    *) echo "usage: tools/dev.sh demo|workstation [officer]|server|test|bench|deps" >&2; exit 64 ;;
esac
