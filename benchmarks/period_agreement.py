"""How often the extracted `period` agrees with the gold's, one command (issue 10):

    python benchmarks/period_agreement.py [--set dev2] [--show 20]

The shared scorer does not score `period`; this pairs facts with the scorer's own
matching (`score.match`, `score.quantity_ok`) and counts, over correctly read
quantities, a period that equals the gold's (a gold period of null, or of the bare
year when none is predicted, accepts). The disagreements are listed as
(gold suffix, predicted suffix): `-Q1`, `-H1`, `-9M`, `-05`, `/2020`, `Y` for a year.
"""
from __future__ import annotations

import argparse
import collections
import importlib.util
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def _scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _suffix(period):
    return None if period is None else (period[4:] or "Y")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", default="dev2", choices=["dev", "dev2"])
    ap.add_argument("--show", type=int, default=0, help="list this many disagreements")
    a = ap.parse_args(argv)
    S = _scorer()
    docs_path, gold_path = SHARED / f"gold/{a.set}-docs.jsonl", SHARED / f"gold/{a.set}-facts.jsonl"
    exe = Path(sys.executable).parent / "vnmetrics"
    with tempfile.TemporaryDirectory() as tmp:
        pred_path = Path(tmp) / "pred.jsonl"
        subprocess.run([str(exe), "extract", str(docs_path), "--jsonl", str(pred_path), "--workers", "1"],
                       check=True, stdout=subprocess.DEVNULL)
        preds = S.read_jsonl(str(pred_path))
    docs = S.read_jsonl(str(docs_path))
    texts = {d["id"]: unicodedata.normalize("NFC", d["text"]) for d in docs}
    gold, pred = collections.defaultdict(list), collections.defaultdict(list)
    for g in S.read_jsonl(str(gold_path)):
        span = S.locate(texts[g["doc_id"]], unicodedata.normalize("NFC", g["quote"]), g.get("occ", 0))
        if span:
            gold[g["doc_id"]].append({**g, "start": span[0], "end": span[1]})
    for p in preds:
        pred[p["doc_id"]].append(p)
    agree = total = 0
    wrong, shown = collections.Counter(), []
    for doc in texts:
        for g, p in S.match(gold[doc], pred[doc]):
            if not S.quantity_ok(g, p):
                continue
            total += 1
            gp, pp = g.get("period") or None, p.get("period") or None
            ok = gp is None or gp == pp or (pp is None and gp == str(g.get("year")))
            agree += ok
            if not ok:
                wrong[(_suffix(gp), _suffix(pp))] += 1
                shown.append((doc, g["quote"], gp, pp, p.get("time_source")))
    print(f"{a.set}: period agrees on {agree}/{total} = {agree / total:.3f} of correctly read quantities")
    print("disagreements (gold, predicted):", wrong.most_common(10))
    for row in shown[: a.show]:
        print("  ", row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
