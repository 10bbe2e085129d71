"""The loose search of a facts database for disagreements that `vnmetrics conflicts` may miss (issue 12's recall).

    python benchmarks/conflicts_loose.py DB [--arithmetic]

Pairs: facts with an organization, grouped by organization (ids joined through every alias the store holds),
metric_key (else the metric words without fillers), period (else year), unit, `per` and reading (level / up /
down); every pair from two sentences whose intervals (rounding, no hedge) do not meet, in two articles or one.
`--arithmetic`: every % change or share of plan against the nearest amount of its sentence of the same
organization (or none) and metric, and a base amount of the prior period, of a plan, or after `từ` in the sentence.
Prints every candidate with its sentences, for reading (session 9: benchmarks/audit/conflicts-dantri-s9.yaml).
"""
from __future__ import annotations

import argparse
import itertools
import json
import re
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from pipeline.compare import interval, period, reading  # noqa: E402
from pipeline.verify import org_key  # noqa: E402

_FILL = re.compile(r"\b(đạt|ghi nhận|có|của|là|mức|kế hoạch|mục tiêu|chỉ tiêu)\b")
_STOP = set("đạt ghi nhận có của là mức kế hoạch mục tiêu chỉ tiêu năm tăng giảm so với và trong đó này tổng".split())


def _rows(con, with_org: bool) -> list[dict]:
    where = " where f.org_id is not null" if with_org else ""
    return [dict(r) for r in con.execute(
        "select f.*, coalesce(o.name, f.org) org_name from facts f left join organizations o on o.id = f.org_id"
        + where + " order by f.doc_id, f.start")]


def _org_groups(con):
    parent: dict = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x
    names = defaultdict(set)
    for oid, name, aliases in con.execute("select id, name, aliases from organizations"):
        for k in {org_key(name)} | {org_key(a) for a in json.loads(aliases or "[]")}:
            if k:
                names[k].add(oid)
    for ids in names.values():
        ids = sorted(ids)
        for i in ids[1:]:
            parent[find(i)] = find(ids[0])
    return find


def _show(r: dict) -> str:
    return (f"  [{r['id']}] {r['doc_id']} {r['quote']!r} kind={r['kind']} org={r['org']!r}/{r['org_source']} "
            f"t={r['time_source']} approx={r['approx']} base={r['base']} metric={r['metric']!r}\n"
            f"      S: {(r['sentence'] or '')[:400]}")


def pairs(con) -> int:
    find, groups = _org_groups(con), defaultdict(list)
    for r in _rows(con, True):
        p = r["period"] or (str(r["year"]) if r["year"] else None)
        m = r["metric_key"] or " ".join(_FILL.sub(" ", (r["metric"] or "").lower()).split())
        if p and m:
            groups[(find(r["org_id"]), m, p, r["unit"], r["per"] or "", reading(r) or "level")].append(r)
    n = 0
    for k, members in groups.items():
        for a, b in itertools.combinations(members, 2):
            if a["doc_id"] == b["doc_id"] and a["sentence_start"] == b["sentence_start"]:
                continue
            (alo, ahi), (blo, bhi) = interval(a, hedge=False), interval(b, hedge=False)
            if alo <= bhi and blo <= ahi:
                continue
            n += 1
            where = "SAMEDOC" if a["doc_id"] == b["doc_id"] else "XDOC"
            print(f"== {where} org={a['org_name']}|{b['org_name']} key={k[1:]}\n{_show(a)}\n{_show(b)}")
    return n


def _words(r):
    return {w for w in re.findall(r"\w+", (r["metric"] or "").lower()) if w not in _STOP and not w.isdigit()}


def _prior(p):
    return f"{int(p[:4]) - 1}{p[4:]}" if p and p[:4].isdigit() else None


def arithmetic(con) -> int:
    n = 0
    for doc, facts in itertools.groupby(_rows(con, False), key=lambda r: r["doc_id"]):
        facts = list(facts)
        for r in facts:
            if r["unit"] != "%" or r["value_max"] is not None or not (
                    r["change"] in ("up", "down") or r["base"] in ("prior", "plan")):
                continue
            p = period(r)
            same = [f for f in facts if f["unit"] not in ("%", "pp", "times") and f["value_max"] is None
                    and reading(f) is None and f["org_id"] == r["org_id"]
                    and (f["metric_key"] == r["metric_key"] if f["metric_key"] and r["metric_key"] else _words(f) & _words(r))]
            cur = [f for f in same if f["sentence_start"] == r["sentence_start"]]
            if not cur:
                continue
            a = min(cur, key=lambda f: abs(f["start"] - r["start"]))
            s0 = r["sentence_start"]
            plan = r["base"] == "plan" or (r["change"] == "up" and "kế hoạch" in r["sentence"][max(0, r["start"] - s0 - 5):r["end"] - s0 + 40])
            others = [f for f in same if f is not a and f["unit"] == a["unit"] and (f["per"] or "") == (a["per"] or "")
                      and (f["kind"] == "target" if plan else
                           (p and period(f) == _prior(p)) or (f["sentence_start"] == s0 and f["start"] < a["start"]
                                                              and "từ" in r["sentence"][f["start"] - s0 - 6:f["start"] - s0]))]
            for b in others:
                (alo, ahi), (blo, bhi) = interval(a), interval(b)
                if blo <= 0:
                    continue
                implied, (rlo, rhi) = (alo / bhi * 100, ahi / blo * 100), interval(r)
                sign = -1 if r["change"] == "down" else 1
                stated = sorted((100 + sign * rlo, 100 + sign * rhi)) if (not plan or r["change"] == "up") else (rlo, rhi)
                if stated[0] <= implied[1] and implied[0] <= stated[1]:
                    continue
                n += 1
                print(f"== {doc} {'plan' if plan else 'prior'} ratio={r['quote']!r} implied={a['value'] / b['value'] * 100:.1f}%"
                      f"\n{_show(r)}\n{_show(a)}\n{_show(b)}")
    return n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("--arithmetic", action="store_true")
    args = ap.parse_args()
    con = sqlite3.connect(f"file:{Path(args.db).resolve()}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    print(f"{arithmetic(con) if args.arithmetic else pairs(con)} candidates", file=sys.stderr)


if __name__ == "__main__":
    main()
