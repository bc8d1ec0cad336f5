#!/usr/bin/env python3
"""Run every accuracy set that is present and print one table (set, part, figure, target, now).

Usage: scripts/accuracy.py [--bin target/release/sitrep] [--shared ../shared]
                           [--sets seeds,gold-dev,acled,te3,geo] [--json OUT.json] [--markdown OUT.md]

Sets (each scored by its own reference scorer):
  seeds     examples/*.txt against tests/gold (the repo's copy of ../shared/gold/seeds)
  gold-dev  tests/gold-dev (the repo's copy of ../shared/gold/dev), scored with tests/score.py
  acled     ../shared/dev/acled (evaluation only, never copied into the repo)
  te3       ../shared/dev/te3   (TempEval-3 training documents, DATE values)
  geo       ../shared/dev/geo   (LGL dev part and GeoVirus toponyms)

Every set but the seeds is reported three times: `all`, `dev` (what rules may be developed
on) and `held` (the held-back third, never read for errors). The held-back part is
`tests/heldback.txt` for gold-dev (a third of each category, same-event pairs kept together)
and, for the other sets, every item whose id's SHA-1 is 0 modulo 3 (`held_back()`).
Standard library only.
"""
import argparse
import csv
import glob
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

TARGETS = {
    "seeds": {"events_f1": 0.80, "events_fine_f1": 0.70, "statements_f1": 0.70, "places_f1": 0.85,
              "people_f1": 0.85, "published_acc": 1.0, "body_acc": 0.95},
    "gold-dev": {"events_f1": 0.75, "events_fine_f1": 0.65, "statements_f1": 0.60, "places_f1": 0.90,
                 "people_f1": 0.90, "body_acc": 0.95, "published_acc": 0.95, "dedup_f1": 0.80,
                 "attr_place": None, "attr_date": None, "genre_acc": None},
    "acled": {"full": 0.80, "subtype": 0.85, "place": 0.90, "date": 0.95, "type": None, "any": None},
    "te3": {"value_f1": 0.80, "relaxed_f1": None, "strict_f1": None},
    "lgl": {"f1": 0.78, "acc161": 0.88, "p": None, "r": None},
    "geovirus": {"f1": 0.78, "acc161": 0.88, "p": None, "r": None},
}


def held_back(item_id):
    """The held-back third of a set whose items have ids (ACLED rows, TempEval docs, geo articles)."""
    return int(hashlib.sha1(item_id.encode("utf-8")).hexdigest(), 16) % 3 == 0


def gold_dev_heldback():
    with open(os.path.join(ROOT, "tests", "heldback.txt"), encoding="utf-8") as f:
        return {l.split()[0] for l in f if l.strip() and not l.startswith("#")}


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode not in (0, 1):
        sys.exit(f"accuracy: {' '.join(map(str, cmd))} failed ({r.returncode}): {r.stderr[-800:]}")
    return r


def extract(binary, paths, out):
    r = run([binary, "extract", *paths, "-o", out])
    if r.returncode != 0:
        sys.stderr.write(r.stderr[-2000:])
    return out


def score_gold(binary, gold_dir, pred, docs=None):
    """`sitrep eval --json` on a gold folder, or on the subset `docs` of it."""
    tmp = None
    if docs is not None:
        tmp = tempfile.mkdtemp()
        for d in docs:
            j = d[:-4] + ".json"
            os.symlink(os.path.join(gold_dir, j), os.path.join(tmp, j))
        gold_dir = tmp
    r = run([binary, "eval", "--json", "--gold", gold_dir, pred])
    if tmp:
        shutil.rmtree(tmp)
    return json.loads(r.stdout)


def set_seeds(binary, work):
    pred = extract(binary, sorted(glob.glob(os.path.join(ROOT, "examples", "*.txt"))),
                   os.path.join(work, "seeds.jsonl"))
    return {"all": score_gold(binary, os.path.join(ROOT, "tests", "gold"), pred)}


def set_gold_dev(binary, work):
    gold = os.path.join(ROOT, "tests", "gold-dev")
    docs = sorted(os.path.basename(p) for p in glob.glob(os.path.join(gold, "*.txt")))
    pred = extract(binary, [os.path.join(gold, d) for d in docs], os.path.join(work, "gold-dev.jsonl"))
    held = gold_dev_heldback()
    return {
        "all": score_gold(binary, gold, pred),
        "dev": score_gold(binary, gold, pred, [d for d in docs if d not in held]),
        "held": score_gold(binary, gold, pred, [d for d in docs if d in held]),
    }


ACLED_LINE = re.compile(r"^(subtype|type|place|date|full|fatal|any)\s+\d+/\d+ = ([0-9.]+)$")


def set_acled(binary, work, shared):
    d = os.path.join(shared, "dev", "acled")
    pred = extract(binary, [os.path.join(d, "notes.jsonl")], os.path.join(work, "acled.jsonl"))
    with open(os.path.join(d, "rows.csv"), encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, list(reader)
    out = {}
    for part, keep in (("all", lambda r: True), ("dev", lambda r: not held_back(r["event_id_cnty"])),
                       ("held", lambda r: held_back(r["event_id_cnty"]))):
        path = os.path.join(work, f"acled-{part}.csv")
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=fields)
            w.writeheader()
            w.writerows(r for r in rows if keep(r))
        r = run([sys.executable, os.path.join(d, "score.py"), path, pred])
        out[part] = {m.group(1): float(m.group(2)) for m in map(ACLED_LINE.match, r.stdout.splitlines()) if m}
    return out


TE3_LINE = re.compile(r"relaxed-F1 ([0-9.]+) strict-F1 ([0-9.]+) value-F1 ([0-9.]+)")


def set_te3(binary, work, shared):
    d = os.path.join(shared, "dev", "te3")
    pred_dir = os.path.join(work, "te3")
    os.makedirs(pred_dir, exist_ok=True)
    names = []
    for g in sorted(glob.glob(os.path.join(d, "docs", "*.gold.json"))):
        n = os.path.basename(g)[:-10]
        dct = json.load(open(g, encoding="utf-8"))["dct"][:10]
        r = run([binary, "inspect", "dates", "--published", dct, os.path.join(d, "docs", n + ".txt")])
        with open(os.path.join(pred_dir, n + ".jsonl"), "w", encoding="utf-8") as f:
            f.write(r.stdout)
        names.append(n)
    out = {}
    for part, keep in (("all", lambda n: True), ("dev", lambda n: not held_back(n)), ("held", held_back)):
        gold = tempfile.mkdtemp()
        for n in names:
            if keep(n):
                os.symlink(os.path.join(d, "docs", n + ".gold.json"), os.path.join(gold, n + ".gold.json"))
        r = run([sys.executable, os.path.join(d, "te3.py"), "score", gold, pred_dir])
        shutil.rmtree(gold)
        m = TE3_LINE.search(r.stdout)
        out[part] = {"relaxed_f1": float(m.group(1)), "strict_f1": float(m.group(2)),
                     "value_f1": float(m.group(3))}
    return out


GEO_LINE = re.compile(r"geo P ([0-9.]+) R ([0-9.]+) F1 ([0-9.]+) acc@161 ([0-9.]+)")


def set_geo(binary, work, shared):
    d = os.path.join(shared, "dev", "geo")
    res = {}
    for name, key in (("lgl-dev", "lgl"), ("geovirus", "geovirus")):
        src = os.path.join(d, name + ".jsonl")
        if not os.path.exists(src):
            continue
        pred = os.path.join(work, name + ".places.jsonl")
        r = run([binary, "inspect", "places", src])
        with open(pred, "w", encoding="utf-8") as f:
            f.write(r.stdout)
        gold = json.load(open(os.path.join(d, name + ".gold.json"), encoding="utf-8"))
        out = {}
        for part, keep in (("all", lambda i: True), ("dev", lambda i: not held_back(i)), ("held", held_back)):
            gpath = os.path.join(work, f"{name}-{part}.gold.json")
            json.dump({k: v for k, v in gold.items() if keep(k)}, open(gpath, "w", encoding="utf-8"))
            r = run([sys.executable, os.path.join(d, "geo.py"), "score", gpath, pred])
            m = GEO_LINE.search(r.stdout)
            out[part] = {"p": float(m.group(1)), "r": float(m.group(2)), "f1": float(m.group(3)),
                         "acc161": float(m.group(4))}
        res[key] = out
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "sitrep"))
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--sets", default="seeds,gold-dev,acled,te3,geo")
    ap.add_argument("--json", help="write the figures as JSON here")
    ap.add_argument("--markdown", help="write the table as Markdown here")
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    if not os.access(binary, os.X_OK):
        sys.exit(f"accuracy: no sitrep binary at {binary} (cargo build --release)")
    shared = os.path.abspath(a.shared)
    wanted = a.sets.split(",")
    work = tempfile.mkdtemp(prefix="sitrep-accuracy-")
    figures = {}
    try:
        if "seeds" in wanted:
            figures["seeds"] = set_seeds(binary, work)
        if "gold-dev" in wanted:
            figures["gold-dev"] = set_gold_dev(binary, work)
        for name, fn, sub in (("acled", set_acled, "acled"), ("te3", set_te3, "te3"), ("geo", set_geo, "geo")):
            if name not in wanted:
                continue
            if not os.path.isdir(os.path.join(shared, "dev", sub)):
                print(f"accuracy: {shared}/dev/{sub} not found: set {name} skipped", file=sys.stderr)
                continue
            if name == "geo":
                figures.update(fn(binary, work, shared))
            else:
                figures[name] = fn(binary, work, shared)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    lines = ["| set | figure | target | all | dev | held-back |", "|---|---|---|---|---|---|"]
    for s, parts in figures.items():
        for k, target in TARGETS[s].items():
            def fig(p):
                v = parts.get(p, {}).get(k)
                return "—" if v is None else f"{v:.3f}"
            t = "—" if target is None else f"{target:.2f}"
            lines.append(f"| {s} | {k} | {t} | {fig('all')} | {fig('dev')} | {fig('held')} |")
    table = "\n".join(lines)
    print(table)
    if a.markdown:
        with open(a.markdown, "w", encoding="utf-8") as f:
            f.write(table + "\n")
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(figures, f, indent=1, sort_keys=True)
            f.write("\n")


if __name__ == "__main__":
    main()
