"""Audit of organization NAMES in the wild (issue 10): is each stored name a whole organization name?

    python benchmarks/audit_names.py sample --db DB [--n 80] [--seed 1] [--out benchmarks/audit/names-dantri-s1.yaml]
    python benchmarks/audit_names.py check  --out benchmarks/audit/names-dantri-s1.yaml [--db DB]

`sample` draws `--n` DISTINCT organization names stored in `facts.org` (seeded, so the draw repeats),
each with the first sentence of one of its documents where the name stands (the fact's sentence when
the name is not written in the document, e.g. a well-known canonical name), and writes them with an
empty `verdict` for a reader: `name` (a whole organization name), `cut` (part of a name: `Cục Quản lý
Khám` of `Cục Quản lý Khám chữa bệnh`), `runon` (more than one name, or a name running into the next
words: `Tổng cục Thi hành án dân sự và Thanh tra Bộ Tư pháp`) or `not_org` (a person, a product, a
number, a title, a place: `Zuckerberg`, `UX435`, `XVII`). This judges the name, not who owns a figure
(that is audit_orgs.py). A sample holding verdicts is never overwritten. `check` counts the verdicts and,
with `--db`, tests mechanically that every stored name occurs whole in its document (compared with tone
marks placed one way, so `Hòa Phát` is found in a text writing `Hoà Phát`; a capital glued after the name's
last lowercase letter is another word: `Đá quý` in `Đá quýDOJI`).
"""
from __future__ import annotations

import argparse
import random
import sqlite3
import sys
from pathlib import Path

import regex
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from pipeline.text import shadow  # noqa: E402

VERDICTS = ("name", "cut", "runon", "not_org")
_SENT = regex.compile(r"[^.!?\n]*(?:[.!?](?!\s*\p{Ll})[^.!?\n]*)*")


def _pattern(name: str):
    words = r"\s+".join(regex.escape(w) for w in shadow(name).split())
    # whole words: no letter, digit or `&` on either side, except a capital glued after a lowercase end
    # (`Đá quýDOJI`: two words written without a space, the name ends at `quý`)
    return regex.compile(rf"(?<![\w&]){words}(?!(?<=\p{{Ll}})[\p{{Ll}}\d&])(?!(?<!\p{{Ll}})[\w&])")


def _context(text: str, name: str, fallback: str) -> str:
    sh = shadow(text)
    m = _pattern(name).search(sh)
    if not m:
        return " ".join(fallback.split())
    a = max(sh.rfind(c, 0, m.start()) for c in ".!?\n") + 1
    ends = [i for i in (sh.find(c, m.end()) for c in ".!?\n") if i >= 0]
    b = min(ends) + 1 if ends else len(text)
    if b - a > 400:
        a, b = max(a, m.start() - 200), min(b, m.end() + 200)
    return " ".join(text[a:b].split())


def sample(db: Path, n: int, seed: int, out: Path) -> None:
    if out.exists() and any(r.get("verdict") for r in yaml.safe_load(out.read_text(encoding="utf-8")) or []):
        sys.exit(f"audit_names: {out} already holds verdicts; draw into another --out")
    if not db.exists():
        sys.exit(f"audit_names: {db} not found; build it with `vnmetrics extract "
                 f"../shared/data/dantri-2020.jsonl.gz --db {db}`")
    con = sqlite3.connect(db)
    names = [r[0] for r in con.execute("select distinct org from facts where org is not null order by org")]
    picked = sorted(random.Random(seed).sample(names, min(n, len(names))))
    items = []
    for name in picked:
        doc_id, url, text, sentence, source = con.execute(
            "select f.doc_id, d.url, d.text, f.sentence, f.org_source from facts f join documents d on d.id = f.doc_id "
            "where f.org = ? order by f.id limit 1", (name,)).fetchone()
        items.append({"org": name, "doc_id": doc_id, "url": url, "org_source": source,
                      "context": _context(text, name, sentence), "verdict": "", "why": ""})
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(yaml.safe_dump(items, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
    print(f"{len(items)} distinct organization names (of {len(names)}) written to {out}")


def not_whole(db: Path) -> list[tuple[str, str]]:
    """(doc_id, org) where the stored name does not occur in its document as whole words."""
    con = sqlite3.connect(db)
    bad = []
    for doc_id, org, text in con.execute("select distinct f.doc_id, f.org, d.text from facts f "
                                         "join documents d on d.id = f.doc_id where f.org is not null"):
        if not _pattern(org).search(shadow(text)):
            bad.append((doc_id, org))
    return bad


def check(out: Path, db: Path | None) -> int:
    items = yaml.safe_load(out.read_text(encoding="utf-8"))
    verdicts = [i.get("verdict") or "" for i in items]
    odd = sorted({v for v in verdicts if v and v not in VERDICTS})
    if odd:
        print(f"audit_names: {out}: unknown verdicts {odd} (use {', '.join(VERDICTS)})", file=sys.stderr)
        return 2
    counts = {v: verdicts.count(v) for v in (*VERDICTS, "")}
    print(f"{out.name}: {len(items)} names; " + ", ".join(f"{v or 'unread'} {c}" for v, c in counts.items() if c))
    if db is not None and db.exists():
        print_not_whole(db)
    return 0


def print_not_whole(db: Path) -> None:
    """The mechanical half of both audits: stored names that do not occur whole in their article."""
    bad = not_whole(db)
    print(f"stored organization names not found whole in their document: {len(bad)}")
    for doc_id, org in bad[:20]:
        print(f"  {doc_id}: {org}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("action", choices=["sample", "check"])
    ap.add_argument("--db", type=Path, default=None)
    ap.add_argument("--n", type=int, default=80)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, required=True)
    a = ap.parse_args(argv)
    if a.action == "sample":
        sample(a.db or Path("/tmp/vnmetrics-dantri.db"), a.n, a.seed, a.out)
        return 0
    return check(a.out, a.db)


if __name__ == "__main__":
    sys.exit(main())
