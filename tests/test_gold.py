"""Regression guards on the two development sets, scored by the shared scorer (skipped without ../shared).

`dev` was used to write the first rules and flatters the tool; `dev2` (random archive articles) scores
like articles never seen. The thresholds are what the extractor reaches today, a little below, so a
change that loses accuracy on either set fails here.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import shared
from pipeline.readers import read_documents
from pipeline.runner import process_batch

THRESHOLDS = {
    "dev": {"quantity": 0.99, "count": 0.98, "fact": 0.95,
            "kind": 0.97, "base": 0.94, "change": 0.97, "approx": 0.98, "metric": 0.88, "org": 0.97, "year": 0.97},
    "dev2": {"quantity": 0.95, "count": 0.94, "fact": 0.82,
             "kind": 0.92, "base": 0.93, "change": 0.94, "approx": 0.97, "metric": 0.87, "org": 0.87, "year": 0.95},
}


def score(name: str, tmp_path) -> dict:
    docs_path, gold = shared("gold", f"{name}-docs.jsonl"), shared("gold", f"{name}-facts.jsonl")
    scorer = shared("eval", "score.py")
    pred = tmp_path / f"{name}-pred.jsonl"
    with open(pred, "w", encoding="utf-8") as fh:
        for _, facts in process_batch(list(read_documents([docs_path]))):
            for f in facts:
                fh.write(json.dumps(f, ensure_ascii=False) + "\n")
    out = subprocess.run([sys.executable, str(scorer), "--docs", str(docs_path), "--gold", str(gold),
                          "--pred", str(pred), "--json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


@pytest.mark.parametrize("name", sorted(THRESHOLDS))
def test_gold_scores_hold(name, tmp_path):
    report, want = score(name, tmp_path), THRESHOLDS[name]
    got = {k: report[k]["f1"] for k in ("quantity", "count", "fact")}
    got.update({k: report["accuracy_on_matches"][k] for k in ("kind", "base", "change", "approx", "metric",
                                                                "org", "year")})
    low = {k: (round(got[k], 3), v) for k, v in want.items() if got[k] < v}
    assert not low, f"{name}: below threshold (got, wanted): {low}"
