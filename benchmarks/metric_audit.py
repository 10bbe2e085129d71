"""A random sample of stored metric phrases with their sentences, to judge by hand (issue 11):

    python benchmarks/metric_audit.py DB [--other DB2 [--changed]] [--n 40] [--seed 11] [--money]

Samples `--n` facts of DB (a `vnmetrics extract --db` database, e.g. of the dantri archive)
whose metric is not null, and prints quote, metric, key and the sentence. With `--other`, the
same facts (same document and offsets) are looked up in a second database built by another
version, and its metric is printed beside, so a change is judged on the same figures before
and after; `--changed` samples only the facts whose metric differs there. The judging
(right / wrong / should be null) is the reader's.
"""
from __future__ import annotations

import argparse
import random
import sqlite3
import sys
from pathlib import Path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db")
    ap.add_argument("--other", help="a second database: the same facts' metric there")
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--money", action="store_true", help="money facts only")
    ap.add_argument("--changed", action="store_true",
                    help="with --other: sample only facts whose metric differs there (null included)")
    a = ap.parse_args(argv)
    for p in [a.db] + ([a.other] if a.other else []):
        if not Path(p).is_file():
            print(f"metric_audit: no such database: {p}", file=sys.stderr)
            return 2
    db = sqlite3.connect(a.db)
    other = sqlite3.connect(a.other) if a.other else None
    where = ("1" if a.changed and other else "metric IS NOT NULL AND metric != ''") + (" AND class = 'money'" if a.money else "")
    rows = db.execute(f"SELECT doc_id, start, quote, metric, metric_key, sentence FROM facts WHERE {where} "
                      "ORDER BY doc_id, start").fetchall()
    if a.changed and other is not None:
        # a rule's effect: the facts both versions found whose metric differs (a phrase that became null too)
        was = {(d, s): m or None for d, s, m in other.execute("SELECT doc_id, start, metric FROM facts")}
        rows = [r for r in rows if (r[0], r[1]) in was and was[(r[0], r[1])] != (r[3] or None)]
        print(f"{len(rows)} facts with another metric in {a.other}")
    for i, (doc_id, start, quote, metric, key, sentence) in enumerate(random.Random(a.seed).sample(rows, min(a.n, len(rows))), 1):
        print(f"{i:2d}. {quote!r}  metric: {metric!r} [{key or '-'}]")
        if other is not None:
            row = other.execute("SELECT metric, metric_key FROM facts WHERE doc_id = ? AND start = ?",
                                (doc_id, start)).fetchone()
            print(f"    other: {row[0]!r} [{row[1] or '-'}]" if row else "    other: (no such fact)")
        print(f"    {' '.join(sentence.split())[:300]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
