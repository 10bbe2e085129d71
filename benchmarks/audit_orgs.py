"""Audit in the wild (issue 10): random stored facts that carry an organization, read against their sentence.

    python benchmarks/audit_orgs.py sample [--db DB] [--n 50] [--seed 2020] [--out benchmarks/audit/orgs-dantri.yaml]
    python benchmarks/audit_orgs.py check  [--out benchmarks/audit/orgs-dantri.yaml]

`sample` builds the database of ../shared/data/dantri-2020.jsonl.gz when `--db` does not exist yet, draws
`--n` facts with an organization (seeded, so the draw repeats), and writes them with an empty `verdict`
for a reader to fill in: `right`, `wrong` (the owner is another organization or none) or `cut` (the
name is cut or runs on). A sample already holding verdicts is never overwritten: a new draw needs a new
`--out`. `check` counts the verdicts and tests, mechanically, that every stored organization name of
the database occurs in its document as whole words (never cut inside a word).
"""
from __future__ import annotations

import argparse
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ROOT.parent / "shared" / "data" / "dantri-2020.jsonl.gz"
DEFAULT_OUT = ROOT / "benchmarks" / "audit" / "orgs-dantri.yaml"


def _build(db: Path) -> None:
    exe = Path(sys.executable).parent / "vnmetrics"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "pipeline.cli"]
    subprocess.run([*cmd, "extract", str(ARCHIVE), "--db", str(db), "--quiet"], check=True)


def sample(db: Path, n: int, seed: int, out: Path) -> None:
    if out.exists() and any(r.get("verdict") for r in yaml.safe_load(out.read_text(encoding="utf-8")) or []):
        sys.exit(f"audit_orgs: {out} already holds verdicts; draw into another --out")
    if not db.exists():
        _build(db)
    con = sqlite3.connect(db)
    rows = con.execute("select f.id, f.doc_id, d.url, f.quote, f.org, f.org_source, f.year, f.metric, f.sentence "
                       "from facts f join documents d on d.id = f.doc_id where f.org is not null "
                       "order by f.id").fetchall()
    picked = sorted(random.Random(seed).sample(rows, min(n, len(rows))))
    items = [{"doc_id": r[1], "url": r[2], "quote": r[3], "org": r[4], "org_source": r[5], "year": r[6],
              "metric": r[7], "sentence": " ".join(r[8].split()), "verdict": "", "why": ""} for r in picked]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(yaml.safe_dump(items, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
    print(f"{len(items)} facts with an organization (of {len(rows)}) written to {out}")


def cut_names(db: Path) -> list[tuple[str, str]]:
    """(doc_id, org) where the stored name does not occur in its document as whole words."""
    con = sqlite3.connect(db)
    bad = []
    from audit_names import not_whole  # one test of wholeness: tone marks placed one way, glued words split
    return not_whole(db)


def check(out: Path, db: Path | None) -> int:
    items = yaml.safe_load(out.read_text(encoding="utf-8"))
    verdicts = [i.get("verdict") or "" for i in items]
    counts = {v: verdicts.count(v) for v in sorted(set(verdicts))}
    print(f"{out.name}: {len(items)} facts; " + ", ".join(f"{v or 'unread'} {c}" for v, c in counts.items()))
    if db is not None and db.exists():
        bad = cut_names(db)
        print(f"stored organization names not found whole in their document: {len(bad)}")
        for doc_id, org in bad[:20]:
            print(f"  {doc_id}: {org}")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("action", choices=["sample", "check"])
    ap.add_argument("--db", type=Path, default=Path("/tmp/vnmetrics-dantri.db"))
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--seed", type=int, default=2020)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    a = ap.parse_args(argv)
    if a.action == "sample":
        sample(a.db, a.n, a.seed, a.out)
        return 0
    return check(a.out, a.db)


if __name__ == "__main__":
    sys.exit(main())
