#!/usr/bin/env bash
# Extraction throughput benchmark (not a test): replicates a JSON Lines corpus to
# N articles and runs `sitrep extract` with --jobs 1 and --jobs 2, printing
# articles/s, MB/s and peak RSS; then checks scaling with article size
# (a 1 MB article vs a 100 KB one).
#   scripts/bench_extract.sh [CORPUS.jsonl] [N]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus/news-en.jsonl}
n=${2:-10000}
[ -f "$corpus" ] || { echo "no corpus at $corpus (pass one: scripts/bench_extract.sh FILE.jsonl)"; exit 2; }
cargo build --release -q
bin=target/release/sitrep
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$corpus" "$n" "$work/corpus.jsonl" <<'PY'
import json, sys
src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rows = [json.loads(l) for l in open(src, encoding="utf-8") if l.strip()]
with open(out, "w", encoding="utf-8") as f:
    for i in range(n):
        r = dict(rows[i % len(rows)])
        r["id"] = f"{r.get('id', 'a')}-{i}"
        f.write(json.dumps(r) + "\n")
PY
echo "corpus: $n articles, $(du -m "$work/corpus.jsonl" | cut -f1) MB"
for jobs in 1 2; do
  /usr/bin/time -f "peak RSS %M KB" "$bin" extract --jobs $jobs --no-body "$work/corpus.jsonl" -o "$work/out.jsonl" 2>&1 \
    | grep -E "articles/s|peak RSS" | sed "s/^/jobs=$jobs: /"
done
# Size scaling: one article of ~100 KB and one of ~1 MB built from corpus text.
python3 - "$corpus" "$work" <<'PY'
import json, sys
rows = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
blob = "\n\n".join(rows)
for name, size in (("s100k", 100_000), ("s1m", 1_000_000)):
    text = (blob * (size // len(blob) + 1))[:size]
    open(f"{sys.argv[2]}/{name}.txt", "w", encoding="utf-8").write(text)
PY
for f in s100k s1m; do
  start=$(date +%s.%N)
  for i in 1 2 3; do "$bin" extract --jobs 1 "$work/$f.txt" -o /dev/null 2>/dev/null; done
  end=$(date +%s.%N)
  echo "$f: $(python3 -c "print(round(($end-$start)/3, 3))") s per run"
done
