"""Regression guard on the development gold, scored by the shared scorer (skipped without ../shared)."""
from __future__ import annotations

import json
import subprocess
import sys

from conftest import shared
from pipeline.readers import read_documents
from pipeline.runner import process_batch


def test_dev_gold_scores_hold(tmp_path):
    docs_path, gold, scorer = shared("gold", "dev-docs.jsonl"), shared("gold", "dev-facts.jsonl"), shared("eval", "score.py")
    pred = tmp_path / "pred.jsonl"
    with open(pred, "w", encoding="utf-8") as fh:
        for _, facts in process_batch(list(read_documents([docs_path]))):
            for f in facts:
                fh.write(json.dumps(f, ensure_ascii=False) + "\n")
    out = subprocess.run([sys.executable, str(scorer), "--docs", str(docs_path), "--gold", str(gold),
                          "--pred", str(pred), "--json"], capture_output=True, text=True, check=True)
    report = json.loads(out.stdout)
    assert report["quantity"]["f1"] >= 0.95
    assert report["count"]["f1"] >= 0.90
    assert report["fact"]["f1"] >= 0.85
    acc = report["accuracy_on_matches"]
    assert min(acc["kind"], acc["base"], acc["change"], acc["approx"]) >= 0.90
    assert acc["metric"] >= 0.80 and acc["org"] >= 0.90 and acc["year"] >= 0.92
