#!/usr/bin/env bash
# Makes this machine ready to run Parity and its tests, and is safe to run again:
#   - Node.js new enough for the toolchain (>= 20.19);
#   - a reachable Docker engine (on Debian as root: docker.io installed and dockerd started);
#   - Debian's busybox-static, Chromium (browser tests), docker-compose (the benchmark peer) and
#     socat and openssl (the engine-endpoint tests forward sockets and TLS, with certificates
#     they make);
#   - the local test images (scripts/build-test-images.sh);
#   - the npm dependencies (npm ci).
# Usage: bash scripts/setup.sh [--electron]
#   --electron  also download the Electron binary (for `npm run example:app`); skipped by
#               default because headless machines and CI cannot reach its download host.
set -euo pipefail
cd "$(dirname "$0")/.."

with_electron=false
for arg in "$@"; do
  case "$arg" in
    --electron) with_electron=true ;;
    *) echo "setup: unknown option $arg (expected --electron)" >&2; exit 2 ;;
  esac
done

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
die() { printf 'setup: %s\n' "$*" >&2; exit 1; }
is_root_debian() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }

# --- Node.js -------------------------------------------------------------------------------
node_ok() { node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>20||(a===20&&b>=19)?0:1)' 2>/dev/null; }
if ! node_ok; then
  command -v npm >/dev/null 2>&1 || die "Node.js 20.19+ and npm are required (https://nodejs.org)"
  say "Node $(node --version 2>/dev/null || echo none) is too old; installing Node 22 from the npm registry"
  npm install --global --no-audit --no-fund node@22 >/dev/null
  hash -r
  node_ok || die "Node 22 was installed but $(command -v node) is still $(node --version); put npm's global bin first on PATH"
fi

# --- Debian packages -----------------------------------------------------------------------
engine_up() { docker info >/dev/null 2>&1; }
missing=()
# A docker client alone is not enough: without an engine answering, dockerd is needed.
engine_up || command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
[ -x /bin/busybox ] && ! ldd /bin/busybox >/dev/null 2>&1 || missing+=(busybox-static)
command -v chromium >/dev/null 2>&1 || [ -n "${PARITY_CHROMIUM:-}" ] || missing+=(chromium)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
command -v socat >/dev/null 2>&1 || missing+=(socat)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if [ ${#missing[@]} -gt 0 ]; then
  if is_root_debian; then
    say "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    say "missing: ${missing[*]}. Install them with your package manager (or Docker Desktop for the engine)."
  fi
fi

# --- Docker engine -------------------------------------------------------------------------
if ! engine_up; then
  if is_root_debian && command -v dockerd >/dev/null 2>&1; then
    # A dockerd still stopping (or killed with its pid file left) blocks a new one.
    for _ in $(seq 1 20); do pgrep -x dockerd >/dev/null || break; sleep 1; done
    if ! pgrep -x dockerd >/dev/null; then
      rm -f /var/run/docker.pid
      say "starting dockerd (log: /var/log/parity-dockerd.log)"
      setsid nohup dockerd >/var/log/parity-dockerd.log 2>&1 </dev/null &
    fi
    for _ in $(seq 1 60); do engine_up && break; sleep 1; done
    engine_up || tail -n 20 /var/log/parity-dockerd.log >&2 || true
  fi
  engine_up ||
    die "no Docker engine answers at ${DOCKER_HOST:-the default socket}: start Docker (or Docker Desktop, or Podman with its Docker socket)"
fi
say "Docker engine $(docker info --format '{{.ServerVersion}}') is up"

# --- Test images ---------------------------------------------------------------------------
bash scripts/build-test-images.sh

# --- npm dependencies ----------------------------------------------------------------------
if [ "$with_electron" = false ]; then export ELECTRON_SKIP_BINARY_DOWNLOAD=1; fi
if [ "${CI:-}" = true ] || [ ! -f node_modules/.package-lock.json ] ||
  [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dependencies"
  npm ci --no-audit --no-fund --loglevel=error
fi
if [ "$with_electron" = true ]; then node node_modules/electron/install.js; fi
say "ready"
