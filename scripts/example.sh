#!/usr/bin/env bash
# Runs examples/shop on the local engine and opens it in Parity.
#   bash scripts/example.sh serve   the UI in a browser, through `parity serve` (any machine)
#   bash scripts/example.sh app     the desktop app (where Electron can run)
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-serve}
case "$mode" in serve | app) ;; *) echo "usage: $0 [serve|app]" >&2; exit 2 ;; esac

npm run --silent build >/dev/null
node bin/parity.js up --wait --project-directory examples/shop
echo "examples/shop is up. Stop it with: npm run parity -- down --project-directory examples/shop  (volumes are kept)"

if [ "$mode" = app ]; then exec npx electron-vite preview; fi
exec node bin/parity.js serve examples/shop
