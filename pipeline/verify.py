"""Check a claim against the archive: supported, compatible, contradicted, or not found.

The claim is read by the same extraction as the archive (value, unit, metric,
organization, year, period). Its organization is also looked up by every name
the store knows (a brand or ticker that stored articles tie to a company counts,
even when patterns/ do not list it). Each figure is compared only with stored
facts of the same organization that measure the same thing over the same
period (`compare.relation`):
- `supported`: a comparable fact agrees within the rounding of what was written;
- `compatible`: they agree only through a hedge (`hơn`, `gần`, `khoảng`) — said so;
- `contradicted`: comparable facts of the same organization and period exist and
  none agrees; both figures and both sources are shown;
- `not found`: nothing comparable is stored.
A figure the archive has as a target while the claim states it as achieved (or the
reverse) is never support; the verdict's notes say so.

Exit status (`EXIT_STATUS`): 0 supported, 1 contradicted, 3 not found (or no figure),
4 compatible (agrees only through a hedge: a script should look).
"""
from __future__ import annotations

import functools
import re
from collections import Counter
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import regex

from . import patternbook

from .compare import SAME, agree, kind_group, lead_in, period, reading, relation
from .extract import extract

SUPPORTED, COMPATIBLE, CONTRADICTED, NOT_FOUND = "supported", "compatible", "contradicted", "not found"
EXIT_STATUS = {SUPPORTED: 0, CONTRADICTED: 1, NOT_FOUND: 3, COMPATIBLE: 4}
_EVIDENCE_COLUMNS = ("id", "doc_id", "quote", "sentence", "start", "end", "sentence_start", "value", "value_max",
                     "unit", "per", "approx", "change", "base", "kind", "metric", "metric_key", "org", "year",
                     "period", "title", "url", "date")
_MAX_NAME_WORDS = 8


def org_key(name: str) -> str:
    """`store.org_key`, here so that verifying never imports sqlite-utils (and pandas: 1 s of a 1 s budget)."""
    s = unicodedata.normalize("NFC", name).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", s).split())


class Archive:
    """The facts database, opened read-only with the standard library: what verifying needs of the store."""

    def __init__(self, path):
        if not Path(path).exists():
            raise FileNotFoundError(path)
        self.conn = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)
        self.conn.row_factory = sqlite3.Row
        self._org_ids = {k: i for k, i in self.conn.execute("select key, id from org_names")}

    def query(self, sql: str, params=()):
        return (dict(r) for r in self.conn.execute(sql, params))

    def find_org(self, name: str) -> int | None:
        return self._org_ids.get(org_key(name))

    def orgs_containing(self, name: str) -> list[int]:
        key = org_key(name)
        return sorted({oid for k, oid in self._org_ids.items() if len(k) > 3 and (key in k or k in key)})


@dataclass
class Verdict:
    claim: dict                                   # the claim's fact, as extracted
    verdict: str
    evidence: list = field(default_factory=list)  # stored facts that agree, or (contradicted) that disagree
    notes: list = field(default_factory=list)     # hedges relied on, target vs achieved, why comparable

    def to_dict(self) -> dict:
        keep = ("quote", "value", "value_max", "unit", "per", "approx", "change", "base", "kind", "metric",
                "metric_key", "org", "year", "period")
        return {"verdict": self.verdict, "claim": {k: self.claim.get(k) for k in keep},
                "notes": self.notes, "evidence": self.evidence}


def verify(claim: str, db, year: int | None = None, org: str | None = None) -> list[Verdict]:
    """A verdict for every figure of `claim`; `year`/`org` fill what the claim leaves out."""
    store = Archive(db)
    named = _orgs_named(store, claim)
    verdicts = []
    for fact in extract(claim, doc_id="claim"):
        if year is not None and fact["year"] is None:
            fact["year"] = year
        if org and not fact.get("org"):
            fact["org"] = org
        verdicts.append(_judge(fact, store, named))
    return verdicts


def _orgs_named(store, text: str) -> dict:
    """{org id: name} for every stored organization name in `text` (longest first, no overlaps).

    A one-word name counts only when written with a capital (`TPB`, `Vinamilk`), so a
    common word that some article used as a name does not."""
    words = text.split()
    keys = [org_key(w) for w in words]
    found, taken = {}, set()
    for n in range(min(_MAX_NAME_WORDS, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            if taken & set(range(i, i + n)):
                continue
            key = " ".join(k for k in keys[i:i + n] if k)
            if not key or (n == 1 and (len(key) < 3 or not any(c.isupper() for c in words[i]))):
                continue
            # a name ends on a capitalised word and where the capitalised run ends (`Công ty CP` of
            # `Công ty CP Thép Việt` is no name of its own)
            if not _capitalised(words[i + n - 1]) or (i + n < len(words) and _capitalised(words[i + n])):
                continue
            oid = store.find_org(key)
            if oid is not None:
                found.setdefault(oid, " ".join(words[i:i + n]))
                taken |= set(range(i, i + n))
    return found


def other_owner(store, row: dict) -> str | None:
    """Another organization named in the words just before the figure (`lãi của FE Credit đạt` stored
    under VPBank): then whose figure it is is in doubt, and it contradicts nothing. Known names count,
    and any capitalised name after `của`/`tại`/`thuộc` that is none of the organization's own names."""
    text = lead_in(row)
    same = _same_org(store, row.get("org_id"))
    for oid, name in _orgs_named(store, text).items():
        if oid not in same:
            return name
    own = _names_of(store).get(row.get("org_id"), set())
    for m in _owner_names().finditer(text):
        key = org_key(m.group(1))
        if key and not any(key in k or k in key for k in own):
            return m.group(1)
    return None


@functools.lru_cache(maxsize=1)
def _owner_names():
    markers = patternbook.alternation(patternbook.load("compare")["owner_markers"])
    return regex.compile(markers + r"\s+((?:\p{Lu}[\p{L}\d&.-]*\s*){1,5})")


def _names_of(store) -> dict:
    """{org id: its name keys}, built once per store."""
    if not hasattr(store, "_names_by_id"):
        names: dict = {}
        for k, oid in store._org_ids.items():
            names.setdefault(oid, set()).add(k)
        store._names_by_id = names
    return store._names_by_id


@functools.lru_cache(maxsize=1)
def _known_groups() -> dict:
    """{name key: the keys of every name of that well-known organization} (patterns/organizations.yaml `known`)."""
    groups: dict = {}
    for short, longs in (patternbook.load("organizations").get("known") or {}).items():
        keys = frozenset(org_key(str(n)) for n in [short, *(longs or [])])
        for k in keys:
            groups[k] = keys
    return groups


def _same_org(store, oid) -> set:
    """`oid` and the stored organizations that are the same well-known one under another name
    (`VPB` and `VPBank` stored apart because no article tied them)."""
    ids = {oid}
    for k in _names_of(store).get(oid, ()):
        for other in _known_groups().get(k, ()):
            if store._org_ids.get(other) is not None:
                ids.add(store._org_ids[other])
    return ids


def _capitalised(word: str) -> bool:
    w = word.strip(".,;:()\"'“”")
    return bool(w) and w[0].isupper()


def _org_ids(store, fact: dict, named: dict) -> tuple[list[int], bool]:
    """Stored organizations the claim's figure can belong to, and whether that is certain (one, by name)."""
    name = fact.get("org")
    if name:
        oid = store.find_org(name)
        if oid is not None:
            return sorted(_same_org(store, oid)), True
    if named:
        groups = {frozenset(_same_org(store, oid)) for oid in named}
        return sorted(set().union(*groups)), len(groups) == 1
    if name:
        return store.orgs_containing(name), False
    return [], False


def _judge(fact: dict, store, named: dict) -> Verdict:
    ids, certain = _org_ids(store, fact, named)
    if not ids:
        return Verdict(fact, NOT_FOUND, notes=["no stored organization matches the claim's"
                                               + (f" ({fact['org']})" if fact.get("org") else "")])
    sql = (f"select f.*, d.title, d.url, d.date from facts f join documents d on d.id = f.doc_id "
           f"where f.org_id in ({', '.join('?' * len(ids))}) and f.unit = ? and coalesce(f.per, '') = ?")
    params = [*ids, fact["unit"], fact.get("per") or ""]
    if fact.get("year") is not None:
        sql += " and f.year = ?"
        params.append(fact["year"])
    same_kind, other_kind = [], []
    for r in store.query(sql, params):
        rel, why = relation(fact, r, claim=True, ignore_kind=True)
        if rel is None:
            continue
        r["_relation"], r["_why"] = rel, why
        (same_kind if kind_group(r.get("kind")) == kind_group(fact.get("kind")) else other_kind).append(r)
    strict = [r for r in same_kind if agree(fact, r, hedge=False)]
    if strict:
        return Verdict(fact, SUPPORTED, [_evidence(r) for r in strict], _why(strict[0]) + _revised(fact, strict, same_kind))
    hedged = [r for r in same_kind if agree(fact, r)]
    if hedged:
        who = [x for x in ("claim" if fact.get("approx") else "", "archive" if any(r.get("approx") for r in hedged) else "") if x]
        note = f"agrees only through the hedge of the {' and the '.join(who)} ({_hedges(fact, hedged)})"
        return Verdict(fact, COMPATIBLE, [_evidence(r) for r in hedged], [note] + _why(hedged[0]))
    notes = _kind_notes(fact, other_kind)
    # Only the same organization, named for certain, over the same known period, measured the same way,
    # can contradict: `Bưu điện tỉnh` in one article is not known to be `Bưu điện tỉnh Bắc Giang`.
    per_sentence = Counter((r["doc_id"], r.get("sentence_start")) for r in same_kind)
    # a figure of a list (toll rates by vehicle class) may be another item's: it contradicts nothing
    against = [r for r in same_kind if r["_relation"] == SAME and per_sentence[(r["doc_id"], r.get("sentence_start"))] == 1
               and not other_owner(store, r)]
    if against and certain and period(fact):
        return Verdict(fact, CONTRADICTED, [_evidence(r) for r in against], notes + _why(against[0]))
    if same_kind and not notes:
        notes = [f"{len(same_kind)} stored figure(s) may measure the same thing but cannot be said to disagree "
                 f"({same_kind[0]['_why'][0]})"]
    return Verdict(fact, NOT_FOUND, [_evidence(r) for r in other_kind if agree(fact, r)], notes)


def _revised(fact: dict, agreeing: list, comparable: list) -> list:
    """When only estimates agree (`lợi nhuận ước đạt gần 1.900 tỷ`) and a figure published no earlier,
    given as a fact, does not (`1.848 tỷ đồng lợi nhuận trước thuế`): say that the estimate was revised."""
    if any(r.get("kind") != "estimate" for r in agreeing):
        return []
    since = max((r.get("date") or "")[:10] for r in agreeing)
    later = [r for r in comparable if r.get("kind") != "estimate" and r["_relation"] == SAME
             and (r.get("date") or "")[:10] >= since and not agree(fact, r)]
    if not later:
        return []
    r = later[0]
    return [f"supported only by an estimate ({agreeing[0]['doc_id']}); a later figure, "
            f"“{r['quote']}” in {r['doc_id']} ({(r.get('date') or '')[:10] or 'undated'}), does not agree"]


def _hedges(fact, rows) -> str:
    words = {"about": "khoảng", "over": "hơn", "under": "dưới", "nearly": "gần", "at_least": "ít nhất",
             "at_most": "tối đa"}
    hs = [fact.get("approx")] + [r.get("approx") for r in rows]
    return ", ".join(dict.fromkeys(words.get(h, h) for h in hs if h))


def _kind_notes(fact: dict, other_kind: list) -> list:
    """The archive has the figure as a target while the claim says achieved, or the reverse."""
    agreeing = [r for r in other_kind if agree(fact, r)]
    if not agreeing:
        return []
    r = agreeing[0]
    if kind_group(r.get("kind")) == "target":
        return [f"the archive has this figure as a target, not as achieved: “{r['quote']}” in {r['doc_id']}"]
    return [f"the claim states a target, but the archive has this figure as achieved: “{r['quote']}” in {r['doc_id']}"]


def _why(row: dict) -> list:
    return ["comparable: " + "; ".join(row.get("_why") or [])]


def _evidence(row: dict) -> dict:
    """The stored fact, with `reading`: None when it is read as a level (`tăng 41%, lên 91 nghìn tỷ`)."""
    return {**{k: row.get(k) for k in _EVIDENCE_COLUMNS}, "reading": reading(row)}


def overall(verdicts: list[Verdict]) -> str:
    """One word for the whole claim: any contradiction wins, then anything not found, then a hedge."""
    if not verdicts:
        return NOT_FOUND
    found = {v.verdict for v in verdicts}
    for word in (CONTRADICTED, NOT_FOUND, COMPATIBLE):
        if word in found:
            return word
    return SUPPORTED
