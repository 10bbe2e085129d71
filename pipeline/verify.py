"""Check a claim against the archive: supported, contradicted, or not found.

The claim is read by the same extraction as the archive (value, unit,
metric, organization, year). Each of its figures is compared with the stored
facts of the same organization (any alias), unit and denominator:
- `supported`: a comparable stored fact agrees (rounding and hedges allowed);
- `contradicted`: comparable stored facts of the same year exist and none agrees;
- `not found`: nothing comparable is stored.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .compare import agree, comparable
from .extract import extract
from .store import Store

SUPPORTED, CONTRADICTED, NOT_FOUND = "supported", "contradicted", "not found"
EXIT_STATUS = {SUPPORTED: 0, CONTRADICTED: 1, NOT_FOUND: 3}
_EVIDENCE_COLUMNS = ("id", "doc_id", "quote", "sentence", "start", "end", "value", "value_max", "unit", "per",
                     "approx", "change", "base", "kind", "metric", "metric_key", "org", "year", "period",
                     "title", "url", "date")


@dataclass
class Verdict:
    claim: dict                                   # the claim's fact, as extracted
    verdict: str
    evidence: list = field(default_factory=list)  # stored facts that agree (supported) or disagree (contradicted)

    def to_dict(self) -> dict:
        keep = ("quote", "value", "value_max", "unit", "per", "approx", "change", "base", "kind", "metric",
                "metric_key", "org", "year", "period")
        return {"verdict": self.verdict, "claim": {k: self.claim.get(k) for k in keep}, "evidence": self.evidence}


def verify(claim: str, db, year: int | None = None, org: str | None = None) -> list[Verdict]:
    """A verdict for every figure of `claim`; `year`/`org` fill what the claim leaves out."""
    store = Store(db)
    verdicts = []
    for fact in extract(claim, doc_id="claim"):
        if year is not None and fact["year"] is None:
            fact["year"] = year
        if org and not fact.get("org"):
            fact["org"] = org
        verdicts.append(_judge(fact, store))
    return verdicts


def _org_ids(store: Store, name: str | None) -> tuple[list[int], list[int]]:
    """Stored organizations the claim's can be: (same name or alias, one name within the other)."""
    if not name:
        return [], []
    oid = store.find_org(name)
    return ([oid], []) if oid is not None else ([], store.orgs_containing(name))


def _judge(fact: dict, store: Store) -> Verdict:
    exact, loose = _org_ids(store, fact.get("org"))
    ids = exact or loose
    if not ids:
        return Verdict(fact, NOT_FOUND)
    sql = (f"select f.*, d.title, d.url, d.date from facts f join documents d on d.id = f.doc_id "
           f"where f.org_id in ({', '.join('?' * len(ids))}) and f.unit = ? and coalesce(f.per, '') = ?")
    params = [*ids, fact["unit"], fact.get("per") or ""]
    if fact.get("year") is not None:
        sql += " and f.year = ?"
        params.append(fact["year"])
    candidates = [r for r in store.db.query(sql, params) if comparable(fact, r, claim=True)]
    if fact.get("period") and any(r.get("period") for r in candidates):
        candidates = [r for r in candidates if not r.get("period") or r["period"] == fact["period"]]
    agreeing = [r for r in candidates if agree(fact, r)]
    if agreeing:
        return Verdict(fact, SUPPORTED, [_evidence(r) for r in agreeing])
    # Only the same organization, by one of its own names, in the same year can contradict:
    # `Bưu điện tỉnh` in one article is not known to be `Bưu điện tỉnh Bắc Giang`.
    if candidates and exact and fact.get("year") is not None:
        return Verdict(fact, CONTRADICTED, [_evidence(r) for r in candidates])
    return Verdict(fact, NOT_FOUND)


def _evidence(row: dict) -> dict:
    return {k: row.get(k) for k in _EVIDENCE_COLUMNS}


def overall(verdicts: list[Verdict]) -> str:
    """One word for the whole claim: any contradiction wins, then anything not found."""
    if not verdicts:
        return NOT_FOUND
    found = {v.verdict for v in verdicts}
    return CONTRADICTED if CONTRADICTED in found else NOT_FOUND if NOT_FOUND in found else SUPPORTED
