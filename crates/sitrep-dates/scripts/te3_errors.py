#!/usr/bin/env python3
"""Error classes of `sitrep inspect dates` on the DEV part of ../shared/dev/te3 (TempEval-3 training
documents). The held-back third (`held_back()` of scripts/accuracy.py) is never listed: only its
counts are printed with --counts-held, for the before/after table.

Usage: te3_errors.py [--bin target/release/sitrep] [--shared ../shared] [--pred DIR] [--show CLASS] [--counts-held]
Standard library only. Matching follows te3.py score (first unused overlapping prediction).
"""
import argparse, collections, glob, json, os, re, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from accuracy import held_back  # noqa: E402


def gold_class(v):
    if v in ("PAST_REF", "PRESENT_REF", "FUTURE_REF"):
        return v
    if re.fullmatch(r"\d{4}-\d\d-\d\d(T.*)?", v):
        return "day"
    if re.fullmatch(r"\d{4}-W\d\d(-WE)?", v):
        return "week"
    if re.fullmatch(r"\d{4}-\d\d", v):
        return "month"
    if re.fullmatch(r"\d{4}-(SP|SU|FA|WI)", v):
        return "season"
    if re.fullmatch(r"\d{4}-(Q\d|H\d)", v):
        return "quarter/half"
    if re.fullmatch(r"\d{4}", v):
        return "year"
    if re.fullmatch(r"\d{3}", v):
        return "decade"
    if re.fullmatch(r"\d{2}", v):
        return "century"
    if v.startswith("XXXX"):
        return "unknown-year"
    if v.startswith("FY") or "FY" in v:
        return "fiscal"
    return "other"


def classify(g, p):
    gv, pv = g["value"], str(p.get("value"))
    gc, pc = gold_class(gv), gold_class(pv)
    if gc != pc:
        return f"gran {gc}<-{pc}"
    if gc in ("day", "week", "month", "year", "season", "quarter/half"):
        return f"dir/off {gc} ({'future' if pv > gv else 'past'})"
    return f"val {gc}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "sitrep"))
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--pred", help="keep/reuse predictions here")
    ap.add_argument("--show", default="", help="print the items of classes containing this string")
    ap.add_argument("--counts-held", action="store_true", help="only counts, of the held-back part")
    a = ap.parse_args()
    d = os.path.join(a.shared, "dev", "te3", "docs")
    counts = collections.Counter()
    shown = []
    for gpath in sorted(glob.glob(os.path.join(d, "*.gold.json"))):
        name = os.path.basename(gpath)[:-10]
        if held_back(name) != a.counts_held:
            continue
        gold = json.load(open(gpath, encoding="utf-8"))
        dct = gold["dct"][:10]
        pp = a.pred and os.path.join(a.pred, name + ".jsonl")
        if pp and os.path.exists(pp):
            out = open(pp, encoding="utf-8").read()
        else:
            out = subprocess.run([a.bin, "inspect", "dates", "--published", dct, os.path.join(d, name + ".txt")],
                                 capture_output=True, text=True).stdout
            if pp:
                os.makedirs(a.pred, exist_ok=True)
                open(pp, "w", encoding="utf-8").write(out)
        preds = [json.loads(l) for l in out.splitlines() if l.strip()]
        preds = [p for p in preds if p.get("kind") != "duration" and not str(p.get("value") or "").startswith("P")]
        text = open(os.path.join(d, name + ".txt"), encoding="utf-8").read()
        golds = [x for x in gold["timexes"] if x["type"] == "DATE"]
        used = set()
        for x in golds:
            hit = None
            for i, p in enumerate(preds):
                if i in used or p["end"] <= x["start"] or p["start"] >= x["end"]:
                    continue
                used.add(i); hit = p
                break
            ctx = text[max(0, x["start"] - 60):x["end"] + 40].replace("\n", " ")
            if hit is None:
                cls = f"missed {gold_class(x['value'])}"
                item = (name, dct, x["text"], x["value"], None, None, ctx)
            else:
                ok_val = str(hit.get("value")) == x["value"]
                ok_span = hit["start"] == x["start"] and hit["end"] == x["end"]
                if ok_val:
                    counts["ok"] += 1
                    cls = None if ok_span else "ok-value span differs"
                else:
                    cls = classify(x, hit)
                item = (name, dct, x["text"], x["value"], hit["text"], hit.get("value"), ctx)
            if cls:
                counts[cls] += 1
                if a.show and a.show in cls and not a.counts_held:
                    shown.append((cls,) + item)
        for i, p in enumerate(preds):
            if i not in used:
                # overlapping a non-DATE gold timex (DURATION/TIME/SET) or nothing
                other = [x for x in gold["timexes"] if x["type"] != "DATE" and not (p["end"] <= x["start"] or p["start"] >= x["end"])]
                cls = f"spurious ({other[0]['type']})" if other else "spurious"
                counts[cls] += 1
                ctx = text[max(0, p["start"] - 60):p["end"] + 40].replace("\n", " ")
                if a.show and a.show in cls and not a.counts_held:
                    shown.append((cls, name, dct, "", "", p["text"], p.get("value"), ctx))
    for k, v in counts.most_common():
        print(f"{v:5d}  {k}")
    for s in shown:
        print(" | ".join(map(str, s)))


if __name__ == "__main__":
    main()
