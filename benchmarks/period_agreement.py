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
import sys

from gold_pairs import quantity_matches


def _suffix(period):
    return None if period is None else (period[4:] or "Y")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", default="dev2", choices=["dev", "dev2"])
    ap.add_argument("--show", type=int, default=0, help="list this many disagreements")
    a = ap.parse_args(argv)
    agree = total = 0
    wrong, shown = collections.Counter(), []
    for doc, g, p in quantity_matches(a.set):
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
