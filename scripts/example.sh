#!/usr/bin/env bash
# Runs examples/shop on the local engine and opens it in Parity.
#   bash scripts/example.sh serve   the UI in a browser, through `parity serve` (any machine)
#   bash scripts/example.sh app     the desktop app (where Electron can run)
# Until `parity up` exists, Docker Compose brings the stack up; Parity then shows the stack
# Compose started, as it will show any Compose project's.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-serve}
case "$mode" in serve | app) ;; *) echo "usage: $0 [serve|app]" >&2; exit 2 ;; esac

if docker compose version >/dev/null 2>&1; then compose=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then compose=(docker-compose)
else echo "example: neither 'docker compose' nor docker-compose is installed" >&2; exit 1
fi

npm run --silent build >/dev/null
"${compose[@]}" --project-directory examples/shop -f examples/shop/compose.yaml -p shop up -d --build
echo "examples/shop is up. Stop it with: ${compose[*]} -p shop down  (volumes are kept)"

if [ "$mode" = app ]; then exec npx electron-vite preview; fi
exec node bin/parity.js serve
