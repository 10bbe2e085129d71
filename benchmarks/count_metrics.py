"""What a count names, against the gold: the shared scorer's metric test on the counts it reads right.

    python benchmarks/count_metrics.py [--set dev|dev2|dev3|dev4|dev5] [--show]

The scorer's metric accuracy covers money, ratio and measure only; the gold gives counts a metric too (their
counted noun and the words that qualify it: `ca mắc mới`, `cổ phiếu bán cho viettel`), so this prints the same
test (half the gold's words in the extracted metric) on the counts matched by the scorer's own pairing
(`gold_pairs`). `--show` lists the misses.
"""
from __future__ import annotations

import sys

from gold_pairs import quantity_matches, scorer


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    sets = [argv[argv.index("--set") + 1]] if "--set" in argv else ["dev", "dev2"]
    sc = scorer()
    for name in sets:
        n = ok = 0
        for _, g, p in quantity_matches(name):
            if g["class"] != "count":
                continue
            n += 1
            good = bool(sc.metric_ok(g, p))
            ok += good
            if "--show" in argv and not good:
                print(f"  {g['quote']!r}: gold {g.get('metric')!r}, extracted {p.get('metric')!r}")
        print(f"{name}: count metric {ok}/{n} = {ok / n if n else 0:.3f}")


if __name__ == "__main__":
    main()
