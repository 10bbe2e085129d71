"""Where the archive disagrees with itself.

- `archive`: the same organization, metric, year, period and kind reported
  with values that cannot both be right (their intervals do not meet: see
  `compare.interval`) in different articles.
- `arithmetic`: within one article, a stated growth or share of plan that the
  stated amounts contradict (`doanh thu 120 tỷ, tăng 50% so với năm 2021`
  when the same article gives 100 tỷ for 2021; `đạt 102% kế hoạch` against
  the plan it states).
"""
from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import asdict, dataclass, fields

from .compare import agree, comparable, interval
from .store import Store

MAX_PAIRS_PER_GROUP = 5


@dataclass
class Conflict:
    type: str             # archive | arithmetic
    org: str | None
    metric: str | None
    year: int | None
    kind: str | None
    unit: str | None
    explanation: str
    fact_a: int
    fact_b: int
    doc_a: str
    doc_b: str
    quote_a: str
    quote_b: str
    value_a: float
    value_b: float

    def to_dict(self) -> dict:
        return asdict(self)


def find_conflicts(db) -> list[Conflict]:
    store = Store(db)
    rows = list(store.db.query(
        "select f.*, coalesce(o.name, f.org) as org_name from facts f left join organizations o on o.id = f.org_id"
        " order by f.doc_id, f.start"))
    return archive_conflicts(rows) + arithmetic_conflicts(rows)


def archive_conflicts(rows) -> list[Conflict]:
    groups = defaultdict(list)
    for r in rows:
        if r.get("org_id") is None or r.get("year") is None or not (r.get("metric_key") or r.get("metric")):
            continue
        key = (r["org_id"], r.get("metric_key") or r["metric"], r["year"], r.get("period"), r["kind"],
               r["unit"], r.get("per") or "", r.get("change"), r.get("base"))
        groups[key].append(r)
    out = []
    for members in groups.values():
        if len({r["doc_id"] for r in members}) < 2:
            continue
        pairs = [(a, b) for a, b in itertools.combinations(members, 2)
                 if a["doc_id"] != b["doc_id"] and comparable(a, b) and not agree(a, b)]
        for a, b in pairs[:MAX_PAIRS_PER_GROUP]:
            out.append(_conflict("archive", a, b, f"{a['quote']} ({a['doc_id']}) vs {b['quote']} ({b['doc_id']})"))
    return out


def arithmetic_conflicts(rows) -> list[Conflict]:
    out = []
    for _, facts in itertools.groupby(rows, key=lambda r: r["doc_id"]):
        facts = list(facts)
        for ratio in facts:
            if ratio["unit"] != "%" or ratio.get("value_max") is not None or ratio.get("base") not in ("plan", "prior"):
                continue
            found = _check_ratio(ratio, facts)
            if found:
                out.append(found)
    return out


def _amounts(facts, ratio):
    """Amounts of the ratio's metric and organization in the same article."""
    return [f for f in facts if f["unit"] != "%" and f["class"] != "ratio" and f.get("change") is None
            and f.get("value_max") is None and f.get("org_id") == ratio.get("org_id")
            and _same_metric_key(f, ratio)]


def _same_metric_key(a, b) -> bool:
    return bool(a.get("metric_key")) and a.get("metric_key") == b.get("metric_key")


def _check_ratio(ratio, facts) -> Conflict | None:
    amounts = _amounts(facts, ratio)
    year = ratio.get("year")
    if year is None:
        return None
    current = [f for f in amounts if f.get("year") == year and f["kind"] != "target"
               and f["sentence_start"] == ratio["sentence_start"]]
    if len(current) != 1:
        return None
    a = current[0]
    if ratio["base"] == "prior":
        if ratio.get("change") not in ("up", "down"):
            return None
        others = [f for f in amounts if f.get("year") == year - 1 and f["unit"] == a["unit"]
                  and (f.get("per") or "") == (a.get("per") or "") and f["kind"] != "target"]
    else:
        others = [f for f in amounts if f.get("year") == year and f["kind"] == "target" and f["unit"] == a["unit"]
                  and (f.get("per") or "") == (a.get("per") or "")]
    if len(others) != 1:
        return None
    b = others[0]
    (alo, ahi), (blo, bhi) = interval(a), interval(b)
    if blo <= 0:
        return None
    implied = (alo / bhi * 100, ahi / blo * 100)  # a as a percentage of b
    rlo, rhi = interval(ratio)
    sign = -1 if ratio.get("change") == "down" else 1
    if ratio["base"] == "prior" or ratio.get("change") == "up":  # growth, or `vượt 2% kế hoạch`
        stated = sorted((100 + sign * rlo, 100 + sign * rhi))
    else:
        stated = (rlo, rhi)
    if stated[0] <= implied[1] and implied[0] <= stated[1]:
        return None
    mid = (a["value"] / b["value"]) * 100
    what = f"{mid - 100:+.1f}%" if ratio["base"] == "prior" or ratio.get("change") == "up" else f"{mid:.1f}%"
    return _conflict("arithmetic", ratio, a,
                     f"{ratio['quote']} stated, but {a['quote']} against {b['quote']} gives {what}", b)


def _conflict(kind, a, b, explanation, c=None) -> Conflict:
    return Conflict(type=kind, org=a.get("org_name") or a.get("org"), metric=a.get("metric_key") or a.get("metric"),
                    year=a.get("year"), kind=a.get("kind"), unit=a.get("unit") if kind == "archive" else b.get("unit"),
                    explanation=explanation, fact_a=a["id"], fact_b=b["id"], doc_a=a["doc_id"], doc_b=b["doc_id"],
                    quote_a=a["quote"], quote_b=b["quote"] if c is None else f"{b['quote']} / {c['quote']}",
                    value_a=a["value"], value_b=b["value"])


def save_conflicts(db, conflicts: list[Conflict]) -> None:
    """The `conflicts` table (replaced whole), for SQL and Datasette."""
    types = {"int": int, "float": float}
    columns = {f.name: types.get(f.type.split(" ")[0], str) for f in fields(Conflict)}
    store = Store(db)
    store.db["conflicts"].drop(ignore=True)
    store.db["conflicts"].create({"id": int, **columns}, pk="id")
    store.db["conflicts"].insert_all([c.to_dict() for c in conflicts])
