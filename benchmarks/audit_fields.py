"""Audit in the wild of every field but the organization: random stored facts read against their sentence.

    python benchmarks/audit_fields.py sample --db DB [--n 60] [--seed 1111] --out benchmarks/audit/fields-X.yaml
    python benchmarks/audit_fields.py check --out benchmarks/audit/fields-X.yaml

`sample` draws `--n` facts of any kind from a database (seeded, so the draw repeats) and writes each with its
fields and an empty verdict per field for a reader: `right`, `wrong`, `unclear`, or `n/a` (the figure is no fact,
so its fields are not judged). `check` counts the verdicts per field. (The organization has its own audit,
`audit_orgs.py`.) Session 10's reading is `benchmarks/audit/fields-dantri-s10.yaml`.
"""
from __future__ import annotations

import argparse
import collections
import random
import sqlite3
import sys
from pathlib import Path

import yaml

FIELDS = ["class", "value", "value_max", "unit", "per", "approx", "change", "base", "kind", "metric", "metric_key",
          "year", "period"]
VERDICTS = ["value_unit", "is_fact", "kind", "change", "base", "approx", "metric", "metric_key", "year"]


def sample(db: Path, n: int, seed: int, out: Path) -> None:
    if out.exists() and any(any(v for v in (i.get("verdict") or {}).values())
                            for i in (yaml.safe_load(out.read_text(encoding="utf-8")) or {}).get("items", [])):
        sys.exit(f"audit_fields: {out} already holds verdicts; draw into another --out")
    con = sqlite3.connect(db)
    cols = ", ".join(f"f.[{c}]" for c in FIELDS)
    rows = con.execute(f"select f.id, f.doc_id, d.url, f.quote, f.sentence, {cols} from facts f "
                       "join documents d on d.id = f.doc_id order by f.id").fetchall()
    picked = sorted(random.Random(seed).sample(rows, min(n, len(rows))))
    items = [{"n": i, "doc_id": r[1], "url": r[2], "quote": r[3], "sentence": " ".join((r[4] or "").split()),
              "fields": dict(zip(FIELDS, r[5:])), "verdict": {v: "" for v in VERDICTS}, "why": ""}
             for i, r in enumerate(picked)]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(yaml.safe_dump({"what": f"{len(items)} random facts of {db.name} (seed {seed})", "items": items},
                                  allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
    print(f"{len(items)} facts (of {len(rows)}) written to {out}")


def check(out: Path) -> int:
    items = (yaml.safe_load(out.read_text(encoding="utf-8")) or {}).get("items", [])
    counts: dict = {v: collections.Counter() for v in VERDICTS}
    for i in items:
        for v in VERDICTS:
            counts[v][(i.get("verdict") or {}).get(v) or "unread"] += 1
    print(f"{out.name}: {len(items)} facts")
    for v in VERDICTS:
        c = counts[v]
        judged = c["right"] + c["wrong"]
        share = f" ({c['right'] / judged:.0%} of judged)" if judged else ""
        print(f"  {v:11s} " + ", ".join(f"{k} {n}" for k, n in c.most_common()) + share)
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("action", choices=["sample", "check"])
    ap.add_argument("--db", type=Path)
    ap.add_argument("--n", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1111)
    ap.add_argument("--out", type=Path, required=True)
    a = ap.parse_args(argv)
    if a.action == "sample":
        if a.db is None or not a.db.exists():
            sys.exit("audit_fields: give --db, a database built by `vnmetrics extract`")
        sample(a.db, a.n, a.seed, a.out)
        return 0
    return check(a.out)


if __name__ == "__main__":
    sys.exit(main())
