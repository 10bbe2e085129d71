"""The shared scorer's own pairing of gold and extracted facts, for benchmarks that read a field the
scorer does not print (metric phrases) or does not score (period): same matching, same quantity test."""
from __future__ import annotations

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


def scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def quantity_matches(gold_set: str, pred: str | None = None, primary_only: bool = False):
    """(doc_id, gold fact, predicted fact) for every quantity read right on `gold_set` (dev, dev2, or a
    held-out set of benchmarks/heldout/), the predictions extracted now from this checkout unless `pred`
    (a JSONL file) is given."""
    sc = scorer()
    with tempfile.TemporaryDirectory() as tmp:
        from score_gold import gold_paths
        docs_p, gold_p = gold_paths(gold_set, Path(tmp))
        if docs_p is None:
            raise SystemExit(f"{gold_set}: its documents are not all in ../shared/data")
        if pred is None:
            pred = str(Path(tmp) / "pred.jsonl")
            subprocess.run([sys.executable, "-m", "pipeline.cli", "extract", str(docs_p), "--jsonl", pred,
                            "--workers", "1", "--quiet"], check=True, stdout=subprocess.DEVNULL,
                           env={**os.environ, "PYTHONPATH": str(ROOT)})
        preds = sc.read_jsonl(pred)
        texts = {d["id"]: unicodedata.normalize("NFC", d["text"]) for d in sc.read_jsonl(str(docs_p))}
    g_by, p_by = defaultdict(list), defaultdict(list)
    for g in sc.read_jsonl(str(gold_p)):
        span = sc.locate(texts[g["doc_id"]], unicodedata.normalize("NFC", g["quote"]), g.get("occ", 0))
        if span:
            g_by[g["doc_id"]].append({**g, "start": span[0], "end": span[1]})
    for p in preds:
        p_by[p["doc_id"]].append(p)
    for doc_id in texts:
        gs, ps = g_by[doc_id], p_by[doc_id]
        if primary_only:
            gs = [g for g in gs if g["class"] in sc.PRIMARY]
            ps = [p for p in ps if p.get("class") in sc.PRIMARY]
        for g, p in sc.match(gs, ps):
            if sc.quantity_ok(g, p):
                yield doc_id, g, p
