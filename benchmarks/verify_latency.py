"""How long `vnmetrics verify` takes for one claim against the database of the whole dantri archive.

    python benchmarks/verify_latency.py --db /tmp/dantri.db [--rounds 3]

Claims: the `db: dantri` cases of tests/cases/claims.yaml. Two numbers: the median time of
`verify()` in a warm process (the comparison itself), and the median CPU and wall time of the whole
command (`python -m pipeline.cli verify ...`: interpreter start, imports, pattern loading),
which is what a journalist waits for. The issue's target: under 1 s.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    from pipeline.verify import verify

    claims = [c["claim"] for c in yaml.safe_load((ROOT / "tests" / "cases" / "claims.yaml").read_text(encoding="utf-8"))
              if c.get("db") == "dantri"]
    verify(claims[0], args.db)  # warm: imports and patterns
    warm = []
    for _ in range(args.rounds):
        for claim in claims:
            t = time.perf_counter()
            verify(claim, args.db)
            warm.append(time.perf_counter() - t)
    cold, cpu = [], []
    for claim in claims[: max(3, args.rounds)]:
        t, r = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, "-m", "pipeline.cli", "verify", claim, "--db", args.db, "--json"],
                       cwd=ROOT, capture_output=True)
        cold.append(time.perf_counter() - t)
        r2 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(r2.ru_utime + r2.ru_stime - r.ru_utime - r.ru_stime)
    print(f"{len(claims)} claims x {args.rounds} rounds: verify() median {statistics.median(warm) * 1000:.0f} ms "
          f"(max {max(warm) * 1000:.0f} ms); whole command median CPU {statistics.median(cpu):.2f} s, "
          f"wall {statistics.median(cold):.2f} s on a machine with load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
