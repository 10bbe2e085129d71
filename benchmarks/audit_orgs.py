"""Audit in the wild (issue 10): random stored facts that carry an organization, read against their sentence.

    python benchmarks/audit_orgs.py sample [--db DB] [--n 50] [--seed 2020] [--source document|fallback] [--out benchmarks/audit/orgs-dantri.yaml]
    python benchmarks/audit_orgs.py sample --ownerless [--doc-prefix unc_business_] [--db DB] [--n 50] [--seed 2020] [--out FILE]
    python benchmarks/audit_orgs.py check  [--out benchmarks/audit/orgs-dantri.yaml] [--db DB]

`sample` builds the database of ../shared/data/dantri-2020.jsonl.gz when `--db` does not exist yet, draws
`--n` facts with an organization (seeded, so the draw repeats), and writes them with an empty `verdict`
for a reader to fill in: `right`, `wrong` (the owner is another organization or none) or `cut` (the
name is cut or runs on). A sample already holding verdicts is never overwritten: a new draw needs a new
`--out`. `--source document` draws only facts of one `org_source` (several: `document,paragraph`;
`fallback` is both, the organization taken from the article or the paragraph, not the sentence), to
measure that path's precision on enough facts. `check` counts the verdicts, overall, by `org_source` and
for the fallback (`document` + `paragraph`: its precision), prints how the database's facts are
attributed, and tests, mechanically, that every stored organization name of the database occurs in its
document as whole words (never cut inside a word).

`--ownerless` measures the other side, recall: it draws facts stored with no organization, and the reader
writes `right` (no organization owns the figure, FACTS.md) or `missed` (one does: `why` names it, and
whether the article names it). `check` then prints the share missed, by the figure's class.
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
FALLBACK = ("document", "paragraph")  # the organization taken from the article or the paragraph, not the sentence


def _build(db: Path) -> None:
    exe = Path(sys.executable).parent / "vnmetrics"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "pipeline.cli"]
    subprocess.run([*cmd, "extract", str(ARCHIVE), "--db", str(db), "--quiet"], check=True)


def sample(db: Path, n: int, seed: int, out: Path, source: str | None = None, ownerless: bool = False,
           prefix: str = "") -> None:
    if out.exists() and any(r.get("verdict") for r in yaml.safe_load(out.read_text(encoding="utf-8")) or []):
        sys.exit(f"audit_orgs: {out} already holds verdicts; draw into another --out")
    if not db.exists():
        _build(db)
    con = sqlite3.connect(db)
    rows = con.execute("select f.id, f.doc_id, d.url, f.quote, f.org, f.org_source, f.year, f.metric, f.sentence, f.class "
                       "from facts f join documents d on d.id = f.doc_id where f.org is "
                       + ("null" if ownerless else "not null") + " order by f.id").fetchall()
    rows = [r for r in rows if r[1].startswith(prefix)]
    if source:
        wanted = set(FALLBACK if source == "fallback" else source.split(","))
        rows = [r for r in rows if r[5] in wanted]
    picked = sorted(random.Random(seed).sample(rows, min(n, len(rows))))
    items = [{"doc_id": r[1], "url": r[2], "quote": r[3], "org": r[4], "org_source": r[5], "year": r[6],
              "metric": r[7], "sentence": " ".join(r[8].split()), "verdict": "", "why": ""} for r in picked]
    if ownerless:
        for item, r in zip(items, picked):
            item["class"] = r[9]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(yaml.safe_dump(items, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
    print(f"{len(items)} facts {'without' if ownerless else 'with'} an organization (of {len(rows)}) written to {out}")


def check(out: Path, db: Path | None) -> int:
    items = yaml.safe_load(out.read_text(encoding="utf-8"))
    verdicts = [i.get("verdict") or "" for i in items]
    counts = {v: verdicts.count(v) for v in sorted(set(verdicts))}
    print(f"{out.name}: {len(items)} facts; " + ", ".join(f"{v or 'unread'} {c}" for v, c in counts.items()))
    if items and all(i.get("org") is None for i in items):   # a draw of ownerless facts (`--ownerless`): recall
        read = [i for i in items if i.get("verdict")]
        missed = [i for i in read if i["verdict"] == "missed"]
        if read:
            print(f"  ownerless facts that an organization owns (missed): {len(missed)}/{len(read)} "
                  f"({len(missed) / len(read):.0%})")
        for cls in sorted({i.get("class") or "?" for i in read}):
            of = [i for i in read if (i.get("class") or "?") == cls]
            print(f"    {cls:8s} missed {sum(i['verdict'] == 'missed' for i in of)}/{len(of)}")
        return 0
    by_source: dict = {}
    for i in items:
        by_source.setdefault(i.get("org_source") or "?", []).append(i.get("verdict") or "")
    for src, vs in sorted(by_source.items(), key=lambda kv: -len(kv[1])):
        read = [v for v in vs if v]
        right = read.count("right")
        print(f"  org_source {src:14s} {right}/{len(read)} right" + (f" ({right / len(read):.0%})" if read else ""))
    fallback = [v for src in FALLBACK for v in by_source.get(src, []) if v]
    if fallback:
        right = fallback.count("right")
        print(f"  fallback (document + paragraph) {right}/{len(fallback)} right ({right / len(fallback):.0%})")
    if db is not None and db.exists():
        con = sqlite3.connect(db)
        total, with_org = con.execute("select count(*), count(org) from facts").fetchone()
        dist = con.execute("select org_source, count(*) from facts where org is not null group by 1 order by 2 desc")
        print(f"database {db.name}: {total} facts, {with_org} with an organization: "
              + ", ".join(f"{src} {c}" for src, c in dist))
        from audit_names import print_not_whole
        print_not_whole(db)
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("action", choices=["sample", "check"])
    ap.add_argument("--db", type=Path, default=Path("/tmp/vnmetrics-dantri.db"))
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--seed", type=int, default=2020)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--source", help="draw only facts with this org_source, or several comma-separated "
                                     "(document: the article-level fallback; fallback: document and paragraph)")
    ap.add_argument("--doc-prefix", default="", help="draw only from documents whose id starts so "
                                                      "(`unc_business_`: dantri's business section)")
    ap.add_argument("--ownerless", action="store_true",
                    help="draw facts stored without an organization (recall: did one own the figure?)")
    a = ap.parse_args(argv)
    if a.action == "sample":
        sample(a.db, a.n, a.seed, a.out, a.source, a.ownerless, a.doc_prefix)
        return 0
    return check(a.out, a.db)


if __name__ == "__main__":
    sys.exit(main())
