"""What a figure means: `approx`, `change`, `base`, `kind` (FACTS.md "Meaning").

Each is read from cue words of `patterns/cues.yaml` around the figure, in
its own clause. Figures that follow one another joined only by `và`, `,`,
`lần lượt` form an enumeration and share change and base.
"""
from __future__ import annotations

import functools

import regex

from . import patternbook


class _Cues:
    def __init__(self):
        c = patternbook.load("cues")
        alt = patternbook.alternation
        self.approx = [(k, regex.compile(alt(v) + r"\s*$", regex.I)) for k, v in c["approx"].items()]
        # longest cue wins: test all, keep the longest match
        self.change = regex.compile(
            r"(?P<up>" + alt(c["change"]["up"]) + r")|(?P<down>" + alt(c["change"]["down"]) + ")", regex.I)
        self.level = regex.compile(alt(c["level_verbs"]), regex.I)
        self.growth = regex.compile(alt(c["growth_verbs"]), regex.I)
        self.base_after = regex.compile(
            r"^[\s,]*(?:(?P<plan>" + alt(c["base"]["plan"]) + r")|(?P<prior>" + alt(c["base"]["prior"]) + "))",
            regex.I)
        self.base_before_plan = regex.compile(alt(c["exceed_plan"] + ["so với kế hoạch", "so với dự toán"]), regex.I)
        self.base_before_prior = regex.compile(alt(["so với cùng kỳ", "so cùng kỳ"]), regex.I)
        self.estimate = regex.compile(alt(c["kind"]["estimate"]), regex.I)
        self.target = regex.compile(alt(c["kind"]["target"]), regex.I)
        self.not_target_before = regex.compile(r"(?:\d|" + alt(c["target_not_after"]) + r")\s*$", regex.I)
        self.not_target_after = regex.compile(r"^\s*" + alt(c["target_not_followed_by"]), regex.I)
        self.breakdown = regex.compile(r"^[\s,]*" + alt(c["breakdown"]), regex.I)
        self.actual_again = regex.compile(alt(c["actual_again"]), regex.I)
        self.connector = regex.compile(
            r"^[\s,]*(?:và|,|lần lượt|tương ứng|hoặc|;)?[\s,]*(?:lần lượt|tương ứng)?[\s,]*$", regex.I)


@functools.lru_cache(maxsize=1)
def cues() -> _Cues:
    return _Cues()


def approx_of(before: str) -> str | None:
    """The qualifier right before the number: `gần`, `trên`, `khoảng` ..."""
    tail = before[-25:]
    best = None
    for key, rx in cues().approx:
        m = rx.search(tail)
        if m and (best is None or len(m.group(0)) > best[1]):
            best = (key, len(m.group(0)))
    return best[0] if best else None


def change_of(before: str, cls: str) -> str | None:
    """`tăng 7,5%` up, `giảm 1,1%` down; a level verb after the change verb cancels it."""
    c = cues()
    last = None
    for m in c.change.finditer(before):
        last = m
    if last is None:
        return None
    direction = "up" if last.group("up") else "down"
    rest = before[last.end():]
    if c.level.search(rest):
        if cls == "ratio" and c.growth.search(before[last.start():last.end() + 1]):
            return direction  # `tăng trưởng tín dụng đạt 5%` is a growth rate
        return None
    if len(rest.split()) > 8:
        return None
    return direction


def base_of(before: str, after: str) -> str | None:
    c = cues()
    m = c.base_after.search(after)
    if m:
        return "plan" if m.group("plan") else "prior"
    if c.base_before_plan.search(before):
        return "plan"
    if c.base_before_prior.search(before):
        return "prior"
    return None


def _cues_in(text: str):
    """(kind, position) of every estimate and plan cue in `text`."""
    c = cues()
    found = [("estimate", m.start()) for m in c.estimate.finditer(text)]
    for m in c.target.finditer(text):
        if c.not_target_before.search(text[max(0, m.start() - 15):m.start()]):
            continue
        if c.not_target_after.search(text[m.end():m.end() + 20]):
            continue
        found.append(("target", m.start()))
    return sorted(found, key=lambda x: x[1])


def kind_of(clause_before: str, sentence_before: str = "") -> str:
    """What governs a figure: a cue in its own clause (a plan cue beating an
    estimate cue after it), else a plan cue earlier in the sentence, whose
    `;`-separated list it heads; `đã` makes a figure actual again."""
    c = cues()
    own = _cues_in(clause_before)
    if own:
        kind, at = own[-1]
        if any(k == "target" for k, _ in own):
            kind, at = "target", [p for k, p in own if k == "target"][-1]
        if c.actual_again.search(clause_before, at + 1):
            return "actual"
        return kind
    earlier = _cues_in(sentence_before)
    if earlier:
        kinds = [k for k, _ in earlier]
        if "target" in kinds:
            return "target"
        if c.breakdown.search(clause_before):
            return "estimate"
    return "actual"


def is_connector(gap: str) -> bool:
    return bool(cues().connector.match(gap))
