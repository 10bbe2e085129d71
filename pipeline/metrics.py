"""What a figure measures: the phrase the text uses, and a canonical key.

The metric is the noun phrase before the figure in its clause, stripped of
cue verbs, qualifiers and time expressions (`Tổng doanh thu năm 2020 ước
đạt` -> `tổng doanh thu`), or a vocabulary phrase right after the figure
(`thu về 2.040 tỷ đồng lợi nhuận gộp`). A figure with no words of its own
(`, đạt 102% kế hoạch`) shares the metric of the figure before it.
"""
from __future__ import annotations

import functools

import regex

from . import patternbook

def _key_entries():
    """(phrase, key) pairs and each key's broader key, from patterns/metrics.yaml `keys`."""
    pairs, broader = [], {}
    for key, spec in patternbook.load("metrics")["keys"].items():
        words = spec["words"] if isinstance(spec, dict) else spec
        if isinstance(spec, dict) and spec.get("broader"):
            broader[key] = spec["broader"]
        pairs += [(str(w), key) for w in words]
    return pairs, broader


@functools.lru_cache(maxsize=1)
def _tables():
    cues = patternbook.load("cues")
    trailing = set()
    for group in ("approx", "change", "kind"):
        for v in cues[group].values() if isinstance(cues[group], dict) else [cues[group]]:
            trailing.update(v)
    trailing.update(cues["change_gap"])
    trailing.update(cues["metric_trailing"])
    trailing_re = regex.compile(r"(?:\s|,|^)(?:" + "|".join(
        regex.escape(t) for t in sorted(trailing, key=len, reverse=True)) + r")\s*$", regex.I | regex.REVERSE)
    pairs, _ = _key_entries()
    phrases = sorted(pairs, key=lambda x: len(x[0]), reverse=True)
    vocab_re = regex.compile(patternbook.alternation([p for p, _ in phrases]), regex.I)
    key_of = {" ".join(p.lower().split()): key for p, key in phrases}
    return trailing_re, vocab_re, key_of


_PARENS = regex.compile(r"\([^()]*\)")
_ABOUT = regex.compile(r"^về\s+", regex.I)
_ACRONYM = regex.compile(r"\(\s*([\p{Lu}\d]{2,8})\s*\)")


def _acronym_or_blank(m) -> str:
    """`Tổng sản phẩm quốc nội (GDP)`: an acronym in parentheses names the metric too; other asides go."""
    a = _ACRONYM.fullmatch(m.group(0))
    return " " + a.group(1) + " " if a else " "
_PIECES = regex.compile(r"[,;:]")
_CLAUSE_PIECES = regex.compile(r"[,;]")



class _Reader:
    """The metric reader's word lists from patterns/cues.yaml, compiled once."""

    def __init__(self):
        c = patternbook.load("cues")
        alt = patternbook.alternation
        self.leading = regex.compile(r"^(?:[\s,.:;\-–(]|" + alt(c["metric_leading"]) + r")+(?=\s|$)", regex.I)
        self.connectives = regex.compile(r"^" + alt(c["metric_connectives"]) + r"\s+", regex.I)
        self.subjects = regex.compile(r"^" + alt(c["metric_subjects"]) + r"(?:\s+(?:này|báo|đã|cũng))*\s+", regex.I)
        self.comparison = regex.compile(r"^[\s,(]*" + alt(c["metric_comparisons"]) + r"[^,;]*(?=[,;]|$)", regex.I)
        self.time = regex.compile(patternbook.load("time")["metric_time"], regex.I)
        self.after_end = regex.compile(r"[,;.:(]|\s" + alt(c["metric_after_stop"], boundary=False) + r"\s")
        self.share_end = regex.compile(r"[,;.:(\n]|\s" + alt(c["share_stop"], boundary=False) + r"\s")
        self.not_a_noun = regex.compile(r"^\s*+(?:" + alt(c["share_not_noun"]) + r"|\W|\d)", regex.I)
        m = patternbook.load("metrics")
        pairs, _ = _key_entries()
        self.reporting = regex.compile(alt(m["reporting_verbs"]) + r"(?!\s+" + alt(m["reporting_noun_before"])
                                       + r")(?:\s+(?:thêm|rằng|là))*\s*[,:]?", regex.I)
        self.person = person_regex()
        self.head = regex.compile(alt(list(m["heads"]) + [p for p, _ in pairs]), regex.I)
        self.key_only = regex.compile(alt([p for p, _ in pairs]), regex.I)
        self.marker = regex.compile(alt(m["clause_markers"]) + r"\s+", regex.I)
        self.empty = regex.compile(r"^(?:\W*" + alt(m["empty_words"]) + r")*\W*$", regex.I)


def person_regex():
    """A person's name: a title then capitalised words (`ông Nguyễn Hưng`, `Chủ tịch Lê Văn A`)."""
    m = patternbook.load("metrics")
    cap = r"\p{Lu}[\w.]*"
    titles = r"(?i:" + patternbook.alternation(m["person_titles"]) + r")"
    return regex.compile(titles + r"\s+" + cap + r"(?:\s+" + cap + r"){0,3}(?!\w)")


@functools.lru_cache(maxsize=1)
def _reader() -> _Reader:
    return _Reader()


def _blank(m) -> str:
    return " " * len(m.group(0))


def metric_before(segment: str, after_figure: bool = False) -> str | None:
    """The metric phrase in the words before a figure. `after_figure`: the segment
    starts at the previous figure, so only its last comma-piece can name a metric."""
    trailing_re, _, _ = _tables()
    r = _reader()
    s = segment[-200:]
    # `Ông Nguyễn Hưng cho biết, lợi nhuận trước thuế đạt`: the metric follows the reporting clause
    for said in reversed(list(r.reporting.finditer(s))):
        rest = s[said.end():]
        if r.head.search(rest) or not r.empty.match(r.time.sub(" ", rest)):
            s = rest
            break
        # `Lợi nhuận ... dự báo cùng đạt`: the metric is before the verb, which is no part of it
        s = s[:said.start()] + " " * (said.end() - said.start()) + rest
    s = r.person.sub(_blank, s)
    s = r.time.sub(" ", s)
    s = _PARENS.sub(_acronym_or_blank, s).replace("(", " ").replace(")", " ")
    if after_figure:
        s = r.comparison.sub(" ", s)
        s = _CLAUSE_PIECES.split(s)[-1]
    for _ in range(8):
        new = trailing_re.sub("", s).rstrip(" ,")
        if new == s:
            break
        s = new
    pieces = [p.strip() for p in _PIECES.split(s)]
    pieces = [p for p in pieces if p and not (r.comparison.fullmatch(p) and not _names_metric_after_first(p))]
    if not pieces:
        return None
    out = pieces[-1]
    if len(out.split()) < 2 and len(pieces) > 1:
        out = pieces[-2] + ", " + out
    out = _after_last_marker(out)
    out = r.leading.sub("", out).strip()
    out = r.connectives.sub("", out).strip()
    out = r.subjects.sub("", out).strip()
    words = out.split()
    if not words or r.empty.match(out):
        return None
    if len(words) > 12:
        h = r.key_only.search(out)
        words = out[h.start():].split()[:12] if h and h.start() < len(out) // 2 else words[-12:]
    phrase = " ".join(words).lower()
    if after_figure and not r.head.search(phrase) and (
            len(words) < 2 or not _PIECES.search(segment) or r.empty.match(words[0])):
        # `8 ngân hàng niêm yết đã tăng 11,8%`, `0,27 điểm xuống 81,73 điểm`: the words since
        # the previous figure name nothing new; the caller keeps the previous metric
        return None
    return phrase


def _names_metric_after_first(piece: str) -> bool:
    """`Chỉ tiêu xuất khẩu ... với kim ngạch`: a piece opening with a plan word is still a
    subject when a metric noun follows; `so với cùng kỳ` is only a comparison."""
    m = _reader().comparison.match(piece)
    head = regex.match(r"[\s,(]*\w+(?:\s+\w+)?", piece)
    return bool(m and head and not piece.lower().lstrip(" ,(").startswith("so")
                and _reader().key_only.search(piece, head.end()))


def _after_last_marker(out: str) -> str:
    """`Chỉ tiêu xuất khẩu vượt kế hoạch với kim ngạch`: after a clause marker (`với`, `đã`,
    `khi`...) when the words after it hold a metric noun, the subject starts there."""
    r = _reader()
    for m in reversed(list(r.marker.finditer(out))):
        rest = out[m.end():]
        if r.head.search(rest):
            return rest
    return out


def metric_after(after: str) -> str | None:
    """`2.040 tỷ đồng lợi nhuận gộp`: a vocabulary phrase right after the figure."""
    _, vocab_re, _ = _tables()
    after = _ABOUT.sub("", after.lstrip())   # `tăng 32% về doanh thu`
    m = vocab_re.match(after)
    if not m:
        return None
    rest = _reader().after_end.split(after)[0]
    return " ".join(rest.split()[:8]).lower() or None





def share_of(after: str) -> str | None:
    """`95% đảng viên hoàn thành tốt nhiệm vụ`: the noun phrase a bare percentage is a share of."""
    return _noun_after(after, 8)


def _noun_after(after: str, limit: int) -> str | None:
    """The noun phrase right after a figure, or None when a verb, a preposition or a time follows."""
    r = _reader()
    if not after[:1].isspace() or r.not_a_noun.match(after):
        return None
    rest = r.share_end.split(after.lstrip())[0]
    rest = r.time.split(rest)[0]
    words = rest.split()
    if not words or r.empty.match(words[0]):
        return None
    return " ".join(words[:limit]).lower()


def choose(before: str | None, after: str, cls: str) -> str | None:
    """Between the words before a figure and a noun right after it (`chiếm 95% tổng doanh thu`,
    `1,5 triệu tấn LPG`): the noun after names a material measured or the whole a share is of,
    unless the words before already name a metric noun and the words after do not. A short
    verb phrase before a measure joins its material (`tiêu thụ ... than thương phẩm`)."""
    noun = _noun_after(after, 8)
    if noun is None:
        return before
    r = _reader()
    if cls == "measure" and before and not r.head.search(before):
        # `tiêu thụ 1.945.000 tấn than thương phẩm`: the activity and its material
        ms = list(r.marker.finditer(before))
        verb = before[ms[-1].end():] if ms else before
        if len(verb.split()) <= 4:
            return " ".join((verb + " " + noun).split()[:12])
    if cls == "measure" and before and len(before.split()) <= 4 and not r.head.search(noun):
        return " ".join((before + " " + noun).split()[:12])
    if before and r.head.search(before) and not r.head.search(noun):
        return before
    return noun


def metric_key(metric: str | None) -> str | None:
    if not metric:
        return None
    _, vocab_re, key_of = _tables()
    best = None
    for m in vocab_re.finditer(metric):
        if best is None or len(m.group(0)) > len(best):
            best = m.group(0)
    return key_of.get(" ".join(best.lower().split())) if best else None


def keys_agree(a: str | None, b: str | None) -> bool:
    """Two keys name the same measure: equal, or one is the broader of the other
    (`lợi nhuận` in a claim covers a stated `lợi nhuận trước thuế`; pre-tax and
    after-tax profit never agree)."""
    if not a or not b:
        return False
    if a == b:
        return True
    _, broader = _key_entries()
    return broader.get(a) == b or broader.get(b) == a
