"""Where the archive disagrees with itself — precision first.

- `archive`: two articles give the same organization's same metric over the same
  period, of the same kind, unit and denominator, both as levels, with values that
  cannot both be right (their intervals do not meet: `compare.interval`). Only
  figures whose sentence names their organization, whose period is known from the
  text, whose metric is a vocabulary key or the same words, with no other owner
  named before them, that are not one of a list of figures of the same metric in
  their sentence, and whose two sentences are not one sentence quoted twice; not a quote of one trading
  session (`chốt phiên`), nor two figures whose sentences name the organization by two stock codes.
  Each disagreement is reported once (values that agree are one side), ranked by
  how sure the comparison is (`score`), with why the two were judged comparable.
- `revision`: the same comparison where one of the two figures is an estimate
  (`ước đạt`, `dự kiến`) published no later than the other: a figure revised (the
  January estimate against the audited result), not a contradiction; ranked below
  the archive conflicts and labelled so. A target against the result is never
  reported: missing or beating a plan is news, not a disagreement (`verify` says
  when a claim states a target as achieved).
- `arithmetic`: within one article, a stated growth or share of plan that the
  stated amounts contradict (`doanh thu 120 tỷ, tăng 50% so với năm 2021` when the
  same article gives 100 tỷ for 2021; `đạt 102% kế hoạch` against its stated plan;
  a plan's growth, `mục tiêu 90 tỷ, tăng 80% so với năm 2022`, against 2022's amount).
  The base amount is stated in the ratio's sentence or named by the same metric words.

Two tiers (session 7; the issue's criteria, measured in benchmarks/audit/conflicts-heldout-s7.yaml): what
`conflicts` reports by default is the `sure` tier, comparisons with nothing left in doubt;
`find_conflicts(db, everything=True)` (`vnmetrics conflicts --all`) adds the `doubtful` tier below it,
each row with its `doubts`: a metric matched by words, not a known key; a period not written in the
figure's own sentence (paragraph, title, after a base year); a figure that is not a result (a target, an
estimate: a revision is always doubtful); a hedged figure (`hơn`, `gần`, `khoảng`); a round figure
(`42.000 tỷ`, which may be `42.794` cut). `matched` says field by field why the two were judged
comparable. Two articles printing the same sentences give one row. An `arithmetic` row is judged by its
own rules (hedges are in its intervals) and stands in the sure tier.
"""
from __future__ import annotations

import functools
import itertools
import json
import math
from collections import defaultdict
from dataclasses import asdict, dataclass, fields

import regex

from . import patternbook
from .compare import (SAME, interval, kind_group, lead_in, period, qualifier_rules, reading, relation,
                      rounding_place, significant_place)
from .display import format_value
from .metrics import keys_agree, metric_key
from .store import Store

# Where the organization of a figure was found: in its own sentence (sure) or elsewhere.
_NAMED_IN_SENTENCE = {"segment", "segment-after", "sentence", "clause"}
# Where its period was found: publication date alone is too weak to compare.
_WEAK_TIME = {"publication", "document", None, ""}


@dataclass
class Conflict:
    type: str             # archive | revision | arithmetic
    score: float          # how sure the comparison is, 0..1 (rank)
    org: str | None
    metric: str | None
    year: int | None
    period: str | None
    kind: str | None
    unit: str | None
    value_a_text: str     # the values as a reader writes them
    value_b_text: str
    why: str              # why the two figures were judged comparable
    explanation: str
    fact_a: int
    fact_b: int
    doc_a: str
    doc_b: str
    quote_a: str
    quote_b: str
    sentence_a: str
    sentence_b: str
    value_a: float
    value_b: float
    tier: str = "sure"    # sure (reported by default) | doubtful (`--all`: see `doubts`)
    doubts: str = ""      # why a doubtful row is not sure, `; `-separated
    matched: str = ""     # JSON: the fields that matched, and where each figure's were read

    def to_dict(self) -> dict:
        return asdict(self)


def find_conflicts(db, strict: bool = True, everything: bool = False) -> list[Conflict]:
    """Ranked conflicts: the sure tier; `everything` adds the doubtful tier below it. `strict=False`
    also takes figures whose organization or period came from elsewhere in the article (document,
    publication date): for reviewing what the rules leave out (every tier)."""
    store = Store(db)
    rows = list(store.db.query(
        "select f.*, coalesce(o.name, f.org) as org_name, d.date as doc_date from facts f"
        " left join organizations o on o.id = f.org_id left join documents d on d.id = f.doc_id"
        f" where f.doc_id in ({_CANDIDATE_DOCS[strict]}) order by f.doc_id, f.start, f.id"))
    found = archive_conflicts(rows, store, strict) + arithmetic_conflicts(rows)
    if strict and not everything:
        found = [c for c in found if c.tier == "sure"]
    found.sort(key=lambda c: (c.tier != "sure", -c.score, c.org or "", c.period or "", c.fact_a, c.fact_b))
    return _once(found)


def _candidate_docs(strict: bool) -> str:
    """SQL: the documents that can hold a side of a conflict; only their facts are read (a sixth of an
    archive's). A figure `eligible` takes has an organization, no base and, when `strict`, its organization
    and period read from the text (the first tests `eligible` makes); it is compared only within one
    organization and unit, so only with figures of another article sharing both. A ratio to a plan or
    to the year before is checked against the amounts of its own article (`arithmetic_conflicts`)."""
    own = ""
    if strict:
        own = (f" and org_source in ({', '.join(repr(s) for s in sorted(_NAMED_IN_SENTENCE))})"
               f" and time_source is not null and time_source not in"
               f" ({', '.join(repr(s) for s in sorted(t for t in _WEAK_TIME if t is not None))})")
    return (f"select doc_id from facts where (org_id, coalesce(unit, '')) in ("
            f"select org_id, coalesce(unit, '') from facts where org_id is not null and base is null{own}"
            f" group by 1, 2 having count(distinct doc_id) > 1) and base is null{own}"
            " union select doc_id from facts where unit = '%' and value_max is null and base in ('plan', 'prior')")


_CANDIDATE_DOCS = {strict: _candidate_docs(strict) for strict in (True, False)}


def _once(found: list[Conflict]) -> list[Conflict]:
    """No row twice: two articles that print the same sentences (one agency story in two papers) give
    the same disagreement twice; the first (best ranked) stands, and says where else it is printed."""
    first, out = {}, []
    for c in found:
        key = (c.type, c.org, c.metric, c.period, frozenset({
            (c.value_a_text, _same_text(c.sentence_a)), (c.value_b_text, _same_text(c.sentence_b))}))
        if key in first:
            kept = first[key]
            also = {c.doc_a, c.doc_b} - {kept.doc_a, kept.doc_b}
            if also:
                kept.why += "; the same sentences also in " + ", ".join(sorted(also))
            continue
        first[key] = c
        out.append(c)
    return out


def _same_text(sentence: str) -> str:
    return " ".join((sentence or "").lower().split())


def eligible(r: dict, store: Store | None = None, strict: bool = True) -> list[str] | None:
    """Why this figure is solid enough to be set against another (None when it is not)."""
    if r.get("org_id") is None or (strict and r.get("org_source") not in _NAMED_IN_SENTENCE):
        return None
    if (strict and r.get("time_source") in _WEAK_TIME) or period(r) is None:
        return None
    if reading(r) is not None or r.get("base") is not None:
        return None
    if not (r.get("metric_key") or _metric_as_words(r)):
        return None
    rules = patternbook.load("compare")
    if r.get("metric_key") in rules["conflict_vague_keys"]:
        return None
    if r.get("unit") == "%" and r.get("metric_key") and r["metric_key"] not in rules["percent_level_keys"]:
        return None
    if strict and (_other_metric_before(r) or _not_a_measure(r) or not _year_written(r) or _doubtful(r)):
        return None
    if store is not None:
        from .verify import other_owner

        if other_owner(store, r) or (strict and not _owner_named_before(r, store)):
            return None
    return [f"organization named before the figure ({r['org_source']})", f"period from the {r['time_source']}"]


@functools.lru_cache(maxsize=1)
def _guards() -> dict:
    rules = patternbook.load("compare")
    return {
        "milestone": regex.compile(patternbook.alternation(rules["milestone_words"]) + r"\s*$", regex.I),
        "remainder": regex.compile(patternbook.alternation(rules["remainder_words"]) + r"(?:\s+\S+){0,2}\s*$", regex.I),
        "part": regex.compile(patternbook.alternation(rules["part_words"]) + r"(?:\s+\S+){0,4}?\s+của\s+\S", regex.I),
        "forms": regex.compile(r"(?<=\s)(?:" + "|".join(regex.escape(w) for w in sorted(
            rules["org_form_words"], key=len, reverse=True)) + r")(?=\s)", regex.I),
        "company": regex.compile(r"(?<!\w)(?:tổng\s+)?công\s+ty(?!\w)", regex.I),
        "report": regex.compile(patternbook.alternation(rules["report_names"]) + r"\s+(?:năm\s+)?$", regex.I),
        "filler": regex.compile(r"(?<!\w)" + patternbook.alternation(rules["metric_filler_words"]) + r"(?!\w)", regex.I),
        # a day within the year (`tính đến ngày 31/3/2017`, `ngày 28/4`): not the year's figure
        "day": regex.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?![\d]|/\d{1,3}(?!\d))"),
        # an amount converted in parentheses after another (`394 triệu Nhân dân tệ (57 triệu USD)`)
        "conversion": regex.compile(r"\d[^\d()]{0,40}\(\s*(?:\p{L}+\s+){0,2}$"),
        "parts": [(regex.compile(r"(?<!\w)" + regex.escape(w) + r"(?!\w)", regex.I), meaning)
                  for w, meaning in (rules.get("conflict_part_words") or {}).items()],
        "doubtful": tuple(rules.get("conflict_doubtful_flags") or ()),
        "round_zeros": int(rules.get("round_figure_zeros") or 0),
        "forecast": regex.compile(patternbook.alternation(rules.get("conflict_forecast_words") or []), regex.I),
        "group": regex.compile(patternbook.alternation(rules["group_form_words"]), regex.I),
        "session": regex.compile(r"(?<!\w)" + patternbook.alternation(rules.get("conflict_session_words") or ["\x00"])
                                 + r"(?!\w)", regex.I),
        "code": regex.compile(rules.get("conflict_code_pattern") or r"(?!)"),
    }


def _before(r: dict) -> str:
    start, s0 = r.get("start"), r.get("sentence_start")
    if start is None or s0 is None:
        return ""
    return (r.get("sentence") or "")[:max(0, start - s0)]


def _other_metric_before(r: dict) -> bool:
    """The words just before the figure name another measure than the stored one (`doanh thu hợp nhất
    2.899,6 tỷ ... và lỗ sau thuế 436,6 tỷ` stored as revenue)."""
    said = metric_key(lead_in(r))
    return bool(said and r.get("metric_key") and not keys_agree(said, r["metric_key"]))


def _not_a_measure(r: dict) -> bool:
    """A threshold reached (`cán mốc 1.600 tỷ`), a remainder (`còn dư 550 tỷ`), a part of the organization
    (`thị trường nước ngoài của FPT`), an amount converted at some rate (`394 triệu Nhân dân tệ (57 triệu
    USD)`), a figure as of a day within the year (`tính đến ngày 31/3/2017`), or a quote of one trading
    session (`niêm yết ở mức 36,14 triệu đồng/lượng, giảm 10.000 đồng so với chốt phiên ngày hôm trước`):
    a day's price, which the year read from the title does not date."""
    g, before = _guards(), _before(r)
    if g["session"].search(r.get("sentence") or ""):
        return True
    if g["milestone"].search(lead_in(r)) or g["part"].search(before) or g["remainder"].search(before[-40:]) \
            or g["conversion"].search(before[-60:]):
        return True
    return any((int(d), int(m)) != (31, 12) for d, m in g["day"].findall(before))


def _doubtful(r: dict) -> bool:
    """The value is a guess of the extraction (`separator-by-magnitude`: `91,352` read by the size of the
    document's other amounts), or a
    figure stored as a result follows a forecast's words (`Theo dự kiến, tổng tài sản ... là`)."""
    flags = r.get("flags") or ""
    if any(f in flags for f in _guards()["doubtful"]):
        return True
    return r.get("kind") == "actual" and bool(_guards()["forecast"].search(_before(r)))


def _parts(r: dict) -> frozenset:
    """The parts of the measure its metric phrase or the words before it name (`doanh thu phụ trợ`)."""
    text = f"{r.get('metric') or ''} {lead_in(r)}"
    return frozenset(meaning for pat, meaning in _guards()["parts"] if pat.search(text))


def _rounds_to(r: dict, other: dict) -> bool:
    """`r` is a round figure (`31.000 tỷ`: two significant digits, then zeros) and `other` rounds to it
    (`31.076 tỷ`): the one is the other written round, not a disagreement."""
    value, quote = float(r["value"]), r.get("quote")
    place, step = rounding_place(value, quote), significant_place(value, quote)
    if not (place and step and _guards()["round_zeros"]) or r.get("value_max") is not None \
            or other.get("value_max") is not None:
        return False
    zeros, significant = round(math.log10(step / place)), abs(value) / step
    return zeros >= _guards()["round_zeros"] and significant >= 10 \
        and round(float(other["value"]) / step) * step == value


def _year_written(r: dict) -> bool:
    """A year read from the figure's own sentence is written there (`Lũy kế cả năm, Sacombank đạt 531 tỷ`
    was stored under the year of publication), and not only as a report's (`Báo cáo thường niên 2016`)."""
    if r.get("time_source") in ("paragraph", "title") or r.get("year") is None:
        return True
    sentence, year = r.get("sentence") or "", str(r["year"])
    at = sentence.find(year)
    while at >= 0:
        end = at + len(year)
        if not (sentence[at - 1:at].isdigit() or sentence[end:end + 1].isdigit()) \
                and not _guards()["report"].search(sentence[:at]):
            return True
        at = sentence.find(year, end)
    return False


def _owner_named_before(r: dict, store) -> bool:
    """One of the organization's own names stands, as whole words, before the figure in its sentence
    (`SHBFC ..., vốn điều lệ 1.000 tỷ đồng, SHB sở hữu 100%` is SHBFC's capital, not SHB's), and not
    as the start of a longer name (`FPT Telecom đạt doanh thu 6.666 tỷ` is not FPT's)."""
    from .verify import _names_of, org_key

    start, s0 = r.get("start"), r.get("sentence_start")
    if start is None or s0 is None:
        return False
    words = (r.get("sentence") or "")[:max(0, start - s0)].split()
    keys = [org_key(w) for w in words]
    names = _names_of(store).get(r["org_id"], ())
    for n in {len(k.split()) for k in names}:
        for i in range(len(words) - n + 1):
            if " ".join(k for k in keys[i:i + n] if k) not in names:
                continue
            after = words[i + n] if i + n < len(words) and words[i + n - 1][-1:].isalnum() else ""
            if not (after[:1].isupper() and keys[i + n] and " ".join(keys[i:i + n + 1]) not in names):
                return True
    return False


def _parent_and_part(a: dict, b: dict, store=None) -> bool:
    """The two figures' own names of their organization say a group and one of its companies that the
    store holds as one organization: the shorter name starts the longer (`FPT` / `FPT Telecom`), or the
    longer is a company (`công ty`) named after the shorter (`FPT` / `Công ty cổ phần Viễn thông FPT`).
    Not when the extra words are themselves a name of the organization (`Tập đoàn Viễn thông Quân đội`
    / `... Viettel`) or both names are one well-known organization's (`MobiFone` / `Tổng Công ty Viễn
    thông MobiFone`, patterns/organizations.yaml `known`)."""
    from .verify import _known_groups, _names_of, org_key

    keys = [org_key(r.get("org") or "") for r in (a, b)]
    if not all(keys) or keys[0] == keys[1] or keys[1] in _known_groups().get(keys[0], ()):
        return False
    forms = _guards()["forms"]
    words = [forms.sub(" ", f" {k} ").split() for k in keys]
    (short, s_key), (long, l_key) = sorted(zip(words, keys), key=lambda x: len(x[0]))
    if not short or set(short) == set(long) or not set(short) < set(long):
        return False
    extra = " ".join(w for w in long if w not in short)
    if store is not None and extra in _names_of(store).get(a.get("org_id"), ()):
        return False
    company = _guards()["company"]
    return long[:len(short)] == short or bool(company.search(l_key) and not company.search(s_key))


def _two_codes(a: dict, b: dict, store=None) -> bool:
    """The two sentences name the organization, before the figure, by two different stock codes that the store
    holds as names of one organization (`HAG dự kiến ... 745 tỷ` / `HNG dự kiến ... 1.240 tỷ`, both under
    `CLB HAGL`): a company has one code, so two codes are two companies that org linking joined."""
    if store is None:
        return False
    from .verify import _names_of, org_key

    names = _names_of(store).get(a.get("org_id"), ())
    codes = [{m for m in _guards()["code"].findall(_before(r)) if org_key(m) in names} for r in (a, b)]
    return bool(codes[0] and codes[1] and not codes[0] & codes[1])


def _group_and_member(a: dict, b: dict) -> bool:
    """One figure's own name of its organization says a group (`Tập đoàn Điện lực Việt Nam`), the other's a
    company without that word (`Tổng công ty Điện lực miền Trung`): a group and a member the store holds as
    one organization."""
    g = _guards()
    forms = [(bool(g["group"].search(n)), bool(g["company"].search(n))) for n in (a.get("org") or "", b.get("org") or "")]
    return any(grp and not other_grp and other_co
               for (grp, _), (other_grp, other_co) in (forms, forms[::-1]))


def _scopes_differ(a: dict, b: dict) -> bool:
    """The sentences before the two figures name different scopes of the accounts (`Tổng doanh thu ...
    của công ty mẹ ... (trong đó doanh thu thuần ...)` vs `... hợp nhất ...`), or only one names one: a
    breakdown inherits its sentence's scope, which the metric phrase alone does not carry."""
    return _sentence_scope(a) != _sentence_scope(b)


def _sentence_scope(r: dict) -> frozenset:
    before = _before(r) or ""
    return frozenset(meaning for pat, dim, meaning in qualifier_rules() if dim == "scope" and pat.search(before))


def _metric_as_words(r: dict) -> bool:
    """A metric named by words that the sentence writes as words (a ticker, `VHM`, is a name, not a metric)."""
    metric = (r.get("metric") or "").strip()
    if not metric:
        return False
    sentence = r.get("sentence") or ""
    at = sentence.lower().find(metric.split()[0])
    if at < 0:
        return False
    first = sentence[at:at + len(metric.split()[0])]
    return not (first.isupper() and len(first) > 1)


def _same_source(a: dict, b: dict) -> bool:
    """Both figures read from one sentence (quoted by both articles): a list of figures, not a disagreement.
    Two sentences alike but for the figure (`nộp ngân sách 12,7 tỷ` / `15,2 tỷ`) do disagree."""
    sa, sb = (" ".join((x.get("sentence") or "").split()) for x in (a, b))
    return sa == sb or (a["quote"] in sb and b["quote"] in sa)


def _score(a: dict, b: dict, rel_why: list) -> float:
    s = 1.0
    for r in (a, b):
        if not r.get("metric_key"):
            s -= 0.15          # metric matched by words only
        if r.get("time_source") not in ("clause", "sentence"):
            s -= 0.1           # period from the paragraph or the title, not the figure's own sentence
        if r.get("org_source") not in ("segment", "segment-after"):
            s -= 0.05          # organization in the sentence, not in the figure's own segment
        if r.get("approx"):
            s -= 0.05          # a hedged figure
    return round(max(s, 0.0), 2)


def _list_members(rows) -> set:
    """Ids of levels that share their sentence with another level of the same metric, unit and denominator:
    a list (`35.000 đồng/lượt với xe dưới 12 chỗ và 50.000 đồng/lượt với xe từ 12 chỗ`) whose members the
    metric alone does not tell apart."""
    seen = defaultdict(list)
    for r in rows:
        if r.get("change") is None and r.get("sentence_start") is not None:
            seen[(r["doc_id"], r["sentence_start"], r.get("metric_key") or r.get("metric"), r["unit"],
                  r.get("per") or "")].append(r["id"])
    return {i for ids in seen.values() if len(ids) > 1 for i in ids}


def archive_conflicts(rows, store: Store | None = None, strict: bool = True) -> list[Conflict]:
    groups = defaultdict(list)
    in_lists = _list_members(rows) if strict else set()
    for r in rows:
        why = eligible(r, store, strict) if r["id"] not in in_lists else None
        if why is None:
            continue
        r["_why"] = why
        r["_parts"] = _parts(r)
        # an estimate is set against an actual figure too: a revision (`_revision`)
        key = (r["org_id"], r.get("metric_key") or " ".join((r["metric"] or "").lower().split()), period(r),
               kind_group(r["kind"]), r["unit"], r.get("per") or "")
        groups[key].append(r)
    out = []
    for members in groups.values():
        if len({r["doc_id"] for r in members}) < 2:
            continue
        values = _value_clusters(members)
        if len(values) > _MAX_VALUES:
            continue  # many different values for one figure: a series of different quantities, not a disagreement
        for one, other in itertools.combinations(values, 2):
            # one row per disagreement: the surest pair of articles stating the two values
            best = None
            for a, b in itertools.islice(((a, b) for a in one for b in other if a["doc_id"] != b["doc_id"]),
                                         _MAX_PAIRS):
                rel, why = relation(a, b)
                if rel != SAME or _same_source(a, b) or (strict and (_parent_and_part(a, b, store)
                                                                     or _two_codes(a, b, store)
                                                                     or _group_and_member(a, b)
                                                                     or _scopes_differ(a, b)
                                                                     or a["_parts"] != b["_parts"]
                                                                     or _rounds_to(a, b) or _rounds_to(b, a))):
                    continue
                revised = _revision(a, b)
                if revised is False:
                    continue
                if revised:
                    a, b = revised
                score = round(max(_score(a, b, why) - (_REVISION_RANK if revised else 0), 0.0), 2)
                doubts = _doubts(a, b)
                if best is None or (not doubts, score) > (not best[5], best[0]):
                    best = (score, a, b, why, bool(revised), doubts)
            if best is None:
                continue
            score, a, b, why, revised, doubts = best
            reasons = why + a["_why"] + ([] if b["_why"] == a["_why"] else b["_why"])
            if revised:
                reasons = [f"an estimate ({a['doc_id']}, {a.get('doc_date') or 'undated'}) and a later figure "
                           f"({b['doc_id']}, {b.get('doc_date') or 'undated'})"] + reasons
                text = (f"estimate {format_value(a)} ({a['doc_id']}) revised to {format_value(b)} ({b['doc_id']}):"
                        " a revision, not a contradiction")
            else:
                text = f"{format_value(a)} ({a['doc_id']}) vs {format_value(b)} ({b['doc_id']})"
            out.append(_conflict("revision" if revised else "archive", a, b, text,
                                 score=score, why="; ".join(dict.fromkeys(reasons)), doubts=doubts,
                                 matched=_matched(a, b, why)))
    return out


def _doubts(a: dict, b: dict) -> list[str]:
    """What keeps a comparison out of the sure tier (an empty list: sure)."""
    out = []
    if not (a.get("metric_key") and b.get("metric_key")):
        out.append("metric matched by words, not a known key")
    own = _OWN_SENTENCE_TIME
    if any(r.get("time_source") not in own for r in (a, b)):
        out.append("period not read from the figure's own sentence ("
                   + " / ".join(str(r.get("time_source")) for r in (a, b)) + ")")
    kinds = {r.get("kind") for r in (a, b)}
    if kinds != {"actual"}:
        out.append("not two results (kind " + " / ".join(str(r.get("kind")) for r in (a, b)) + ")")
    hedged = [r["quote"] for r in (a, b) if r.get("approx")]
    if hedged:
        out.append("a hedged figure (" + ", ".join(hedged) + ")")
    rounded = [r["quote"] for r in (a, b) if _round(r)]
    if rounded:
        out.append("a round figure (" + ", ".join(rounded) + "): it may stand for a value it was cut from")
    return out


# A period is written in the figure's own sentence (not its paragraph, title, or after a base year).
_OWN_SENTENCE_TIME = {"clause", "sentence"}


def _round(r: dict) -> bool:
    """`r` is written round (`42.000 tỷ`, `5.300 tỷ`, `300 tỷ`: at least `round_figure_zeros` zeros after
    its last significant digit): the writer may have cut `42.794` to it, so its rounding interval says
    less than its digits."""
    zeros = _guards()["round_zeros"]
    value, quote = float(r["value"]), r.get("quote")
    place, step = rounding_place(value, quote), significant_place(value, quote)
    return bool(place and step and zeros) and round(math.log10(step / place)) >= zeros


def _matched(a: dict, b: dict, why: list) -> str:
    """The fields on which the two figures were judged comparable, and where each was read (JSON)."""
    def both(field):
        va, vb = a.get(field), b.get(field)
        return va if va == vb else f"{va} / {vb}"
    return json.dumps({
        "organization": a.get("org_name") or a.get("org"), "organization_as_written": both("org"),
        "organization_read_from": both("org_source"),
        "metric_key": both("metric_key"), "metric_words": both("metric"),
        "period": period(a), "period_read_from": both("time_source"),
        "kind": both("kind"), "unit": a.get("unit"), "per": a.get("per") or "",
        "reading": "both levels", "comparison": why[0] if why else "",
    }, ensure_ascii=False)


# A revision ranks below a disagreement between two figures given as facts.
_REVISION_RANK = 0.2


def _revision(a: dict, b: dict):
    """None when neither figure is an estimate (a disagreement); (estimate, later figure) when one is and it
    was published no later than the other; False when the estimate came after (not a revision of it)."""
    kinds = (a.get("kind") == "estimate", b.get("kind") == "estimate")
    if not any(kinds):
        return None
    est, other = (a, b) if kinds[0] and not kinds[1] else (b, a) if kinds[1] and not kinds[0] else \
        sorted((a, b), key=lambda r: r.get("doc_date") or "")
    de, do = est.get("doc_date"), other.get("doc_date")
    if not de or not do or de[:10] > do[:10]:
        return False
    return est, other


# Bounds that keep the comparison linear in the archive: a figure stated with more distinct values than
# this is not one quantity, and a pair of values is judged on at most this many pairs of articles.
_MAX_VALUES, _MAX_PAIRS = 6, 200


def _value_clusters(members: list) -> list[list]:
    """Members grouped into values: intervals (rounding, hedges) that overlap, directly or through a
    chain, state one value; sorted once, so a group costs n log n, not n²."""
    spans = sorted(((interval(m), m) for m in members), key=lambda x: x[0])
    clusters, hi = [], None
    for (lo, up), m in spans:
        if hi is None or lo > hi:
            clusters.append([])
            hi = up
        clusters[-1].append(m)
        hi = max(hi, up)
    return clusters


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
    return [f for f in facts if f["unit"] != "%" and f["class"] != "ratio" and reading(f) is None
            and f.get("value_max") is None and f.get("org_id") is not None and f.get("org_id") == ratio.get("org_id")
            and _same_metric_key(f, ratio)]


def _metric_words(r: dict) -> frozenset:
    """The words of a figure's metric phrase that say what is measured."""
    return frozenset(_guards()["filler"].sub(" ", (r.get("metric") or "").lower()).split())


def _same_metric_key(a, b) -> bool:
    return bool(a.get("metric_key")) and a.get("metric_key") == b.get("metric_key")


def _prior(p: str | None) -> str | None:
    """The same period a year earlier: `2021` -> `2020`, `2021-Q1` -> `2020-Q1`."""
    if not p or not p[:4].isdigit() or "/" in p:
        return None
    return f"{int(p[:4]) - 1}{p[4:]}"


def _check_ratio(ratio, facts) -> Conflict | None:
    amounts = _amounts(facts, ratio)
    p = period(ratio)
    if p is None or ratio.get("time_source") in _WEAK_TIME:
        return None
    amounts = [f for f in amounts if f.get("time_source") not in _WEAK_TIME]
    # a planned amount with its planned growth (`đặt mục tiêu lợi nhuận 16.654 tỷ, tăng 27,9% so với 2020`)
    # is checked like a result with its growth; a plan's share of plan is not
    planned = ratio["kind"] == "target" and ratio["base"] == "prior"
    current = [f for f in amounts if period(f) == p and (f["kind"] == "target") == planned
               and f["sentence_start"] == ratio["sentence_start"]]
    if len(current) != 1:
        return None
    a = current[0]
    if ratio["base"] == "prior":
        if ratio.get("change") not in ("up", "down"):
            return None
        others = [f for f in amounts if period(f) == _prior(p) and f["unit"] == a["unit"]
                  and (f.get("per") or "") == (a.get("per") or "") and f["kind"] != "target"]
    else:
        others = [f for f in amounts if period(f) == p and f["kind"] == "target" and f["unit"] == a["unit"]
                  and (f.get("per") or "") == (a.get("per") or "")]
    if len(others) != 1:
        return None
    b = others[0]
    # the base is the same measure for sure: stated in the ratio's sentence (`tăng 49,3% so với năm 2015
    # (537 tỷ đồng)`), or named by the same words; and no figure is another measure than stored
    if not (b["sentence_start"] == ratio["sentence_start"] or _metric_words(b) == _metric_words(a)):
        return None
    if any(_other_metric_before(x) or not _year_written(x) for x in (a, b, ratio)):
        return None
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
    what = what.replace(".", ",")
    base = "the plan" if ratio["base"] == "plan" else f"{_prior(p)}"
    matched = json.dumps({"organization": ratio.get("org_name") or ratio.get("org"), "metric_key": a.get("metric_key"),
                          "period": p, "base": ratio["base"], "base_period": base, "unit": a["unit"],
                          "per": a.get("per") or "", "same_sentence": b["sentence_start"] == ratio["sentence_start"]},
                         ensure_ascii=False)
    return _conflict("arithmetic", ratio, a,
                     f"{ratio['quote']} stated, but {format_value(a)} against {format_value(b)} gives {what}", b,
                     score=0.9, why=f"same article, same organization and metric ({a.get('metric_key')}); "
                                    f"{format_value(a)} in {p} against {format_value(b)} in {base}", matched=matched)


def _conflict(kind, a, b, explanation, c=None, score=1.0, why="", doubts=(), matched="") -> Conflict:
    return Conflict(type=kind, score=score, org=a.get("org_name") or a.get("org"),
                    metric=a.get("metric_key") or a.get("metric"), year=a.get("year"), period=period(a),
                    kind=a.get("kind"), unit=a.get("unit") if kind == "archive" else b.get("unit"),
                    value_a_text=format_value(a), value_b_text=format_value(b) if c is None else
                    f"{format_value(b)} / {format_value(c)}", why=why,
                    explanation=explanation, fact_a=a["id"], fact_b=b["id"], doc_a=a["doc_id"], doc_b=b["doc_id"],
                    quote_a=a["quote"], quote_b=b["quote"] if c is None else f"{b['quote']} / {c['quote']}",
                    sentence_a=a.get("sentence") or "", sentence_b=b.get("sentence") or "",
                    value_a=a["value"], value_b=b["value"], tier="doubtful" if doubts else "sure",
                    doubts="; ".join(doubts), matched=matched)


def save_conflicts(db, conflicts: list[Conflict]) -> None:
    """The `conflicts` table (replaced whole), for SQL and Datasette."""
    types = {"int": int, "float": float}
    columns = {f.name: types.get(f.type.split(" ")[0], str) for f in fields(Conflict)}
    store = Store(db)
    store.db["conflicts"].drop(ignore=True)
    store.db["conflicts"].create({"id": int, **columns}, pk="id")
    store.db["conflicts"].insert_all([c.to_dict() for c in conflicts])
    store.checkpoint()
