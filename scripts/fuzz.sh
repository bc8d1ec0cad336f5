#!/usr/bin/env bash
# Builds the cargo-fuzz targets of fuzz/ with the flags `cargo fuzz build`
# uses (libFuzzer coverage, AddressSanitizer, debug assertions; nightly) and
# runs each for SECONDS (default 600), one after the other. Needs no
# cargo-fuzz install: `cargo +nightly` and a C++ compiler (libfuzzer-sys
# builds libFuzzer). Each target's corpus is kept in fuzz/corpus/TARGET,
# crashes in fuzz/artifacts/TARGET; the log of each run in fuzz/logs/.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(cleaner jsonl dates)
triple=$(rustc +nightly -vV | sed -n 's/^host: //p')
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cllvm-args=-simplifycfg-branch-fold-threshold=0 \
-Zsanitizer=address -Cdebug-assertions -Coverflow-checks"
cargo +nightly build --release --target "$triple" --bins
mkdir -p logs
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  echo "== $t: ${secs}s"
  "target/$triple/release/$t" -max_total_time="$secs" -print_final_stats=1 \
    -artifact_prefix="artifacts/$t/" "corpus/$t" 2>&1 | tee "logs/$t.log" | grep -E "^#[0-9]+ +(DONE|pulse)|INFO: |ERROR|panicked|SUMMARY|stat::" || true
done
