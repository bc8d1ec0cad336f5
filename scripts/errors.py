#!/usr/bin/env python3
"""Error analysis on the development part of a set (never the held-back part).

Usage:
  scripts/errors.py gold-dev [--doc dNNN] [--quiet]     per article: gold events and statements
                                                        matched or missed, predictions unmatched
  scripts/errors.py acled [--cls CLASS] [--subtype S] [--n N] [--seed K]
                                                        ACLED rows by error class, with examples

Classes (events): no_event (nothing predicted), wrong_type, wrong_subtype (type right),
wrong_place (subtype right, no event at the place), wrong_date (subtype and place right).
Reads predictions made by the release binary on the fly. Standard library only.
"""
import argparse
import collections
import csv
import json
import os
import random
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
sys.path.insert(0, os.path.join(ROOT, "tests"))
from accuracy import held_back, gold_dev_heldback  # noqa: E402
import score  # noqa: E402  (tests/score.py)

BIN = os.path.join(ROOT, "target", "release", "sitrep")


def extract(paths):
    out = tempfile.mktemp(suffix=".jsonl")
    subprocess.run([BIN, "extract", *paths, "-o", out], capture_output=True, check=False)
    recs = {}
    for line in open(out, encoding="utf-8"):
        r = json.loads(line)
        recs[os.path.basename(str(r["doc"]))] = r
    os.unlink(out)
    return recs


def loc(e):
    l = e.get("location") or {}
    return f"{l.get('name')}[{(l.get('precision') or '?')[0]}]"


def ev(e):
    counts = "/".join(str(e.get(k)) if e.get(k) is not None else "-" for k in ("fatalities", "injured", "intercepted"))
    return f"{e.get('subtype')} | {e.get('date')} | {loc(e)} | {e.get('actor1')} > {e.get('actor2')} | {counts}"


def gold_dev(a):
    if a.set == "seeds":
        gold_dir, text_dir, held = os.path.join(ROOT, "tests", "gold"), os.path.join(ROOT, "examples"), set()
    else:
        gold_dir = text_dir = os.path.join(ROOT, "tests", "gold-dev")
        held = gold_dev_heldback()
    docs = sorted(d[:-5] + ".txt" for d in os.listdir(gold_dir) if d.endswith(".json") and d[:-5] + ".txt" not in held)
    if a.doc:
        docs = [d for d in docs if d.startswith(a.doc)]
    recs = extract([os.path.join(text_dir, d) for d in docs])
    classes = collections.Counter()
    for d in docs:
        g = json.load(open(os.path.join(gold_dir, d[:-4] + ".json"), encoding="utf-8"))
        p = recs.get(d, {})
        ge, pe = g.get("events") or [], p.get("events") or []
        pairs = score.match(ge, pe, lambda x, y: score.event_match(x, y, False))
        fine = dict(score.match(ge, pe, lambda x, y: score.event_match(x, y, True)))
        mg = {gi: pi for gi, pi in pairs}
        mp = set(mg.values())
        lines = []
        for gi, x in enumerate(ge):
            req = "" if x.get("required", True) else " (optional)"
            if gi in mg:
                tag = "ok " if gi in fine else "SUB"
                if gi not in fine:
                    classes["wrong_subtype"] += 1
                lines.append(f"  {tag} {ev(x)}{req}\n        pred {ev(pe[mg[gi]])}")
            else:
                # Why missed: same type somewhere? same place?
                same_t = [y for y in pe if score.norm(y.get("type")) == score.norm(x.get("type"))]
                at = [y for y in same_t if score.place_ok(x.get("location"), y.get("location"))]
                cls = "no_type" if not same_t else ("wrong_date" if at else "wrong_place")
                if x.get("required", True):
                    classes[cls] += 1
                lines.append(f"  MISS[{cls}] {ev(x)}{req}\n        «{(x.get('evidence') or '')[:160]}»")
        for pi, y in enumerate(pe):
            if pi not in mp:
                classes["false_pos"] += 1
                lines.append(f"  FP  {ev(y)}\n        «{(y.get('evidence') or '')[:160]}»")
        gs, ps = g.get("statements") or [], p.get("statements") or []
        spairs = dict(score.match(gs, ps, lambda x, y: score.statement_match(x, y, False)))
        for gi, x in enumerate(gs):
            if gi not in spairs and x.get("required", True):
                classes["stmt_miss"] += 1
                lines.append(f"  SMISS {x.get('speaker')} {x.get('kind')} {x.get('date')} «{(x.get('evidence') or '')[:120]}»")
        for pi, y in enumerate(ps):
            if pi not in spairs.values():
                classes["stmt_fp"] += 1
                lines.append(f"  SFP   {y.get('speaker')} {y.get('kind')} {y.get('date')} «{(y.get('evidence') or '')[:120]}»")
        if not a.quiet:
            print(f"== {d} pub {g.get('published')}/{p.get('published')} genre {g.get('genre')}/{p.get('genre')}")
            print("\n".join(lines))
    print(dict(classes))


def acled(a):
    d = os.path.join(ROOT, "..", "shared", "dev", "acled")
    rows = [r for r in csv.DictReader(open(os.path.join(d, "rows.csv"), encoding="utf-8"))
            if not held_back(r["event_id_cnty"])]
    notes = {}
    tmp = tempfile.mktemp(suffix=".jsonl")
    with open(tmp, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps({"id": r["event_id_cnty"], "text": r["notes"]}) + "\n")
            notes[r["event_id_cnty"]] = r["notes"]
    recs = extract([tmp])
    os.unlink(tmp)
    by = collections.defaultdict(list)
    for r in rows:
        evs = recs.get(r["event_id_cnty"], {}).get("events") or []
        g = {"subtype": r["sub_event_type"], "type": r["event_type"], "date": r["event_date"],
             "location": {"name": r["location"], "lat": float(r["latitude"]), "lon": float(r["longitude"])}}

        def place(e):
            l = e.get("location") or {}
            if str(l.get("name") or "").lower() == r["location"].lower():
                return True
            try:
                return score.km(g["location"], l) <= 25
            except TypeError:
                return False
        st = [e for e in evs if e.get("subtype") == r["sub_event_type"]]
        if not evs:
            cls = "no_event"
        elif not any(e.get("type") == r["event_type"] for e in evs):
            cls = "wrong_type"
        elif not st:
            cls = "wrong_subtype"
        elif not any(place(e) for e in st):
            cls = "wrong_place"
        elif not any(place(e) and str(e.get("date"))[:10] == r["event_date"] for e in st):
            cls = "wrong_date"
        else:
            cls = "ok"
        if a.subtype and r["sub_event_type"] != a.subtype:
            continue
        by[cls].append((r, evs))
    if a.dump:
        json.dump({r["event_id_cnty"]: k for k, v in by.items() for r, _ in v}, open(a.dump, "w"))
        if a.before:
            old = json.load(open(a.before))
            now = {r["event_id_cnty"]: (k, r, evs) for k, v in by.items() for r, evs in v}
            for rid, (k, r, evs) in now.items():
                if old.get(rid) == "ok" and k != "ok":
                    print(f"WORSE {rid} {old.get(rid)} -> {k}: {r['sub_event_type']} @ {r['location']}\n   {r['notes'][:300]}")
                    for e in evs:
                        print("   -> " + ev(e))
            print("better", sum(1 for rid, (k, _, _) in now.items() if k == "ok" and old.get(rid) != "ok"),
                  "worse", sum(1 for rid, (k, _, _) in now.items() if k != "ok" and old.get(rid) == "ok"))
    total = sum(len(v) for v in by.values())
    for k, v in sorted(by.items(), key=lambda kv: -len(kv[1])):
        sub = collections.Counter(r["sub_event_type"] for r, _ in v)
        print(f"{k:14} {len(v):4} ({len(v) / total:.2f})  " + ", ".join(f"{s} {n}" for s, n in sub.most_common(6)))
    if a.cls:
        random.seed(a.seed)
        sample = by.get(a.cls, [])
        for r, evs in random.sample(sample, min(a.n, len(sample))):
            print(f"\n{r['event_id_cnty']} {r['event_date']} {r['sub_event_type']} @ {r['location']} ({r['admin1']}, {r['country']}) fat {r['fatalities']}")
            print("   " + r["notes"][:500])
            for e in evs:
                print("   -> " + ev(e))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("set", choices=["gold-dev", "seeds", "acled"])
    ap.add_argument("--doc")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--cls")
    ap.add_argument("--subtype")
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--dump", help="acled: write row id -> class here")
    ap.add_argument("--before", help="acled: an earlier --dump; list rows that got worse")
    a = ap.parse_args()
    {"gold-dev": gold_dev, "seeds": gold_dev, "acled": acled}[a.set](a)


if __name__ == "__main__":
    main()
