"""Every metric disagreement on a gold set, one command:

    python benchmarks/metric_errors.py [--set dev|dev2] [--pred PRED.jsonl]

The shared scorer (../shared/eval/score.py) lists quantity and attribution errors but
does not print the metric; this script imports its own matching and `metric_ok`, so the
pairs judged are exactly the ones behind its `metric` accuracy, and prints each
disagreement with its sentence, for reading by kind.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def _scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval/score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", default="dev2", choices=["dev", "dev2"])
    ap.add_argument("--pred", help="predictions already extracted (default: extract now from this checkout)")
    a = ap.parse_args(argv)
    sc = _scorer()
    docs_p, gold_p = SHARED / f"gold/{a.set}-docs.jsonl", SHARED / f"gold/{a.set}-facts.jsonl"
    with tempfile.TemporaryDirectory() as tmp:
        pred_p = a.pred
        if pred_p is None:
            pred_p = str(Path(tmp) / "pred.jsonl")
            subprocess.run([sys.executable, "-m", "pipeline.cli", "extract", str(docs_p), "--jsonl", pred_p,
                            "--workers", "1", "--quiet"], check=True, stdout=subprocess.DEVNULL,
                           env={**os.environ, "PYTHONPATH": str(ROOT)})
        docs, gold, pred = sc.read_jsonl(str(docs_p)), sc.read_jsonl(str(gold_p)), sc.read_jsonl(pred_p)
    texts = {d["id"]: unicodedata.normalize("NFC", d["text"]) for d in docs}
    g_by, p_by = defaultdict(list), defaultdict(list)
    for g in gold:
        span = sc.locate(texts[g["doc_id"]], unicodedata.normalize("NFC", g["quote"]), g.get("occ", 0))
        if span:
            g_by[g["doc_id"]].append({**g, "start": span[0], "end": span[1]})
    for p in pred:
        p_by[p["doc_id"]].append(p)
    n = bad = 0
    for doc_id in texts:
        gs = [g for g in g_by[doc_id] if g["class"] in sc.PRIMARY]
        ps = [p for p in p_by[doc_id] if p.get("class") in sc.PRIMARY]
        for g, p in sc.match(gs, ps):
            if not sc.quantity_ok(g, p):
                continue
            n += 1
            if sc.metric_ok(g, p):
                continue
            bad += 1
            print(f"[{doc_id}] {g['quote']!r}\n  gold: {g.get('metric')!r}\n  pred: {p.get('metric')!r}"
                  f"  key={p.get('metric_key')}\n  sent: {p.get('sentence', '')[:400]}\n")
    print(f"{a.set}: {bad} metric errors on {n} quantity matches (accuracy {1 - bad / n:.3f})" if n else "no matches")
    return 0


if __name__ == "__main__":
    sys.exit(main())
