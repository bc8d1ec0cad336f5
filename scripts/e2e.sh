#!/usr/bin/env bash
# End-to-end test of the web app in headless Chromium.
#
#   scripts/e2e.sh          build, serve the fixture store, drive Chromium
#   scripts/e2e.sh --perf   also time the page on a generated 50,000-incident store
#
# Needs Debian's `chromium` (/usr/bin/chromium, or set CHROMIUM) and node/npm.
# Installs playwright-core (pinned in scripts/web/package-lock.json; it drives
# the system Chromium, no browser download). Screenshots: target/e2e/*.png.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export CI="${CI:-1}"   # fail, never skip, when something is missing

if [ ! -d scripts/web/node_modules/playwright-core ]; then
  (cd scripts/web && npm ci --no-audit --no-fund --ignore-scripts)
fi
cargo test -p sitrep --test web_e2e -- --nocapture

if [ "${1:-}" = "--perf" ]; then
  # Generates target/e2e/bench50k.db and prints API latency per endpoint.
  cargo test --release -p sitrep --test web_bench -- --ignored --nocapture
  cargo build --release -p sitrep
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  ./target/release/sitrep serve --db target/e2e/bench50k.db --addr "127.0.0.1:$port" > target/e2e/serve50k.log 2>&1 &
  pid=$!
  trap 'kill $pid 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do grep -q "serving" target/e2e/serve50k.log && break; sleep 0.5; done
  node crates/sitrep/tests/e2e/perf.mjs "http://127.0.0.1:$port/" target/e2e
fi
echo "screenshots in target/e2e/"
