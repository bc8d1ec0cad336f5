#!/usr/bin/env bash
# Build the release binary and run every accuracy set found (the repo's seeds and gold-dev,
# and ../shared/dev's ACLED, TempEval-3 and geo sets when ../shared is there); one table.
# Usage: scripts/accuracy.sh [--sets seeds,gold-dev,acled,te3,geo] [--json OUT] [--markdown OUT]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
exec python3 scripts/accuracy.py "$@"
