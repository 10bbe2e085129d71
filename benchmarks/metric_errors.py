"""Every metric disagreement on a gold set, one command:

    python benchmarks/metric_errors.py [--set dev|dev2|dev3|...] [--pred PRED.jsonl]

The shared scorer (../shared/eval/score.py) lists quantity and attribution errors but
does not print the metric; this script imports its own matching and `metric_ok`, so the
pairs judged are exactly the ones behind its `metric` accuracy, and prints each
disagreement with its sentence, for reading by kind.
"""
from __future__ import annotations

import argparse
import sys

from gold_pairs import quantity_matches, scorer


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", default="dev2", help="dev, dev2, or a held-out set of benchmarks/heldout/ (dev3...)")
    ap.add_argument("--pred", help="predictions already extracted (default: extract now from this checkout)")
    a = ap.parse_args(argv)
    sc = scorer()
    n = bad = 0
    for doc_id, g, p in quantity_matches(a.set, a.pred, primary_only=True):
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
