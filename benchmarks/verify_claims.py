"""`vnmetrics verify` on the claims written from dantri articles, against the database of the whole archive.

    python benchmarks/verify_claims.py [--db /tmp/vnmetrics-dantri.db] [--build]

The claims are the `db: dantri` cases of tests/cases/claims.yaml (the test checks them against a
database of the articles they cite, which is fast; here every other article of the archive may
support, contradict or hide them). `--build` extracts ../shared/data/dantri-2020.jsonl.gz into
--db first. Prints each wrong answer and the score; cases marked `xfail` (a known gap of another
stage) are counted apart.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ARCHIVE = ROOT.parent / "shared" / "data" / "dantri-2020.jsonl.gz"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default="/tmp/vnmetrics-dantri.db")
    ap.add_argument("--build", action="store_true", help="extract the dantri archive into --db first")
    args = ap.parse_args()
    if args.build:
        Path(args.db).unlink(missing_ok=True)
        subprocess.run([sys.executable, "-m", "pipeline.cli", "extract", str(ARCHIVE), "--db", args.db,
                        "--workers", "1", "--quiet"], check=True, cwd=ROOT)
    from pipeline.verify import overall, verify

    cases = [c for c in yaml.safe_load((ROOT / "tests" / "cases" / "claims.yaml").read_text(encoding="utf-8"))
             if c.get("db") == "dantri"]
    right = known = known_right = 0
    for c in cases:
        verdicts = verify(c["claim"], args.db)
        ok = overall(verdicts) == c["verdict"] and (
            not c.get("note") or any(c["note"] in n for v in verdicts for n in v.notes))
        if c.get("xfail"):
            known += 1
            known_right += ok
            continue
        right += ok
        if not ok:
            print(f"WRONG {c['claim']!r}: {overall(verdicts)}, expected {c['verdict']}"
                  + "".join(f"\n    {v.verdict}: {'; '.join(v.notes)}" for v in verdicts))
    n = len(cases) - known
    print(f"{right} of {n} claims answered right on the whole archive ({args.db})"
          + (f"; {known_right} of {known} known gaps (xfail) answered right" if known else ""))


if __name__ == "__main__":
    main()
