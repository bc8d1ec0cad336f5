#!/usr/bin/env python3
"""Lists the place errors of the DEV part only (held-back items are never shown) of the
geo sets (../shared/dev/geo) and of tests/gold-dev, by cause:

  not found        a gold toponym no prediction overlaps
  wrong candidate  matched, but more than 161 km from the gold point (geo sets), or the
                   gold entity place whose name no predicted place has (gold-dev)
  not a place      a prediction no gold toponym overlaps (geo sets), a predicted entity
                   place that gold does not list (gold-dev)

Usage:
  geo_misses.py geo SET PRED.jsonl [--summary]   SET = lgl-dev | geovirus; PRED from
                                                 `sitrep inspect places SET.jsonl`
  geo_misses.py gold-dev RECORDS.jsonl [--summary]  RECORDS from `sitrep extract tests/gold-dev/*.txt`
--summary prints counts by cause and the most frequent surface forms only.
"""
import collections
import json
import math
import os
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from accuracy import held_back, gold_dev_heldback  # noqa: E402

SHARED = os.path.join(ROOT, "..", "shared")


def km(a, b, c, d):
    a, b, c, d = map(math.radians, (a, b, c, d))
    h = math.sin((c - a) / 2) ** 2 + math.cos(a) * math.cos(c) * math.sin((d - b) / 2) ** 2
    return 6371 * 2 * math.asin(min(1, math.sqrt(h)))


def norm(s):
    s = unicodedata.normalize("NFKD", str(s or ""))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.lower().replace("’", "'").split())


def geo(name, pred_path, summary):
    gold = json.load(open(os.path.join(SHARED, "dev", "geo", name + ".gold.json"), encoding="utf-8"))
    texts = {}
    for line in open(os.path.join(SHARED, "dev", "geo", name + ".jsonl"), encoding="utf-8"):
        o = json.loads(line)
        texts[o["id"]] = o["text"]
    preds = collections.defaultdict(list)
    for line in open(pred_path, encoding="utf-8"):
        if line.strip():
            p = json.loads(line)
            preds[str(p.get("doc"))].append(p)
    causes = collections.defaultdict(list)
    for doc, tops in gold.items():
        if held_back(doc):
            continue
        used = set()
        text = texts[doc]
        for t in tops:
            hit = None
            for i, p in enumerate(preds.get(doc, [])):
                if i in used or p["end"] <= t["start"] or p["start"] >= t["end"]:
                    continue
                used.add(i)
                hit = p
                break
            ctx = text[max(0, t["start"] - 50):t["end"] + 30].replace("\n", " ")
            if hit is None:
                causes["not found"].append((t["text"], doc, ctx, ""))
            elif t["lat"] is not None:
                if hit.get("lat") is None:
                    causes["wrong candidate"].append((t["text"], doc, ctx, f"{hit.get('name')} (no coordinates)"))
                    continue
                d = km(t["lat"], t["lon"], hit["lat"], hit["lon"])
                if d > 161:
                    causes["wrong candidate"].append(
                        (t["text"], doc, ctx, f"{hit['name']} {hit.get('admin1') or ''} {hit.get('country')} "
                         f"[{hit['kind']}] {d:.0f} km (gold {t['lat']:.2f},{t['lon']:.2f})"))
        for i, p in enumerate(preds.get(doc, [])):
            if i not in used:
                ctx = text[max(0, p["start"] - 50):p["end"] + 30].replace("\n", " ")
                causes["not a place"].append((p["text"], doc, ctx, f"{p['name']} {p.get('country')} [{p['kind']}]"))
    report(causes, summary)


def gold_dev(records, summary):
    gdir = os.path.join(ROOT, "tests", "gold-dev")
    held = gold_dev_heldback()
    preds = {}
    for line in open(records, encoding="utf-8"):
        if line.strip():
            r = json.loads(line)
            preds[os.path.basename(str(r.get("doc")))] = r
    causes = collections.defaultdict(list)
    for name in sorted(os.listdir(gdir)):
        if not name.endswith(".json"):
            continue
        doc = name[:-5] + ".txt"
        if doc in held:
            continue
        g = json.load(open(os.path.join(gdir, name), encoding="utf-8"))
        gp = {norm(x): x for x in (g.get("entities") or {}).get("places") or []}
        pp = {norm(x): x for x in ((preds.get(doc) or {}).get("entities") or {}).get("places") or []}
        for k, v in gp.items():
            if k not in pp:
                causes["missed (not found or other name)"].append((v, doc, "", ""))
        for k, v in pp.items():
            if k not in gp:
                causes["not a place / other name"].append((v, doc, "", ""))
    report(causes, summary)


def report(causes, summary):
    for cause, items in causes.items():
        print(f"== {cause}: {len(items)}")
        if summary:
            for w, n in collections.Counter(i[0] for i in items).most_common(40):
                print(f"  {n:3d} {w}")
        else:
            for t, doc, ctx, why in items:
                print(f"  {t!r:28} {doc:18} {why}\n      … {ctx} …")


if __name__ == "__main__":
    a = [x for x in sys.argv[1:] if x != "--summary"]
    s = "--summary" in sys.argv
    if a and a[0] == "geo":
        geo(a[1], a[2], s)
    elif a and a[0] == "gold-dev":
        gold_dev(a[1], s)
    else:
        sys.exit(__doc__)
