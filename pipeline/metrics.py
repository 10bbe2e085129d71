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

from . import lexicon, patternbook

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
_M = patternbook.load("metrics")
_NEW_SUBJECT = regex.compile(patternbook.alternation(_M["new_subject_words"]) + r"\s{5,}", regex.I)
_ABOUT = regex.compile(r"^" + patternbook.alternation(_M["about_words"]) + r"\s+", regex.I)
_SOURCE = regex.compile(r"^(?:" + patternbook.alternation(_M["use_verbs"]) + r"\s+)?"
                        + patternbook.alternation(_M["purpose_words"]) + r"\s+", regex.I)
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
        self.subjects = regex.compile(r"^" + alt(c["metric_subjects"]) + r"(?:\s+" + alt(patternbook.load("metrics")["subject_fillers"]) + r")*\s+", regex.I)
        self.comparison = regex.compile(r"^[\s,(]*" + alt(c["metric_comparisons"]) + r"[^,;]*(?=[,;]|$)", regex.I)
        self.time = regex.compile(patternbook.load("time")["metric_time"] + "|"
                                  + alt(patternbook.load("metrics")["time_words"]) + "|"
                                  + patternbook.load("metrics")["metric_dates"], regex.I)
        self.after_end = regex.compile(r"[,;.:(]|\s" + alt(c["metric_after_stop"], boundary=False) + r"\s")
        self.share_end = regex.compile(r"[,;.:()\n]|\s" + alt(c["share_stop"], boundary=False) + r"\s")
        self.not_a_noun = regex.compile(r"^\s*+(?:" + alt(c["share_not_noun"]) + r"|\W|\d)", regex.I)
        m = patternbook.load("metrics")
        pairs, _ = _key_entries()
        self.reporting = regex.compile(alt(m["reporting_verbs"]) + r"(?!\s+" + alt(m["reporting_noun_before"])
                                       + r")(?:\s+" + alt(m["reporting_fillers"]) + r")*\s*[,:]?", regex.I)
        self.titles = {str(t).lower() for t in m["person_titles"]}
        self.surnames = {str(t).lower() for t in m["surnames"]}
        self.not_person = regex.compile(alt(m["not_person_names"]))
        self.place_before = regex.compile(alt(m["place_words"]) + r"\s+$", regex.I | regex.REVERSE)
        self.head = regex.compile(alt(list(m["heads"]) + [p for p, _ in pairs]), regex.I)
        self.key_only = regex.compile(alt([p for p, _ in pairs]), regex.I)
        self.refers_back = regex.compile(r"^" + alt(m["refers_back"]) + r"(?!\w)", regex.I)
        self.comparative = regex.compile(r"^" + alt(m["comparatives"]) + r"(?!\w)", regex.I)
        self.wholes = regex.compile(r"^" + alt(m["share_wholes"]) + r"(?!\w)", regex.I)
        self.continuation = regex.compile(r"^\W*" + alt(m["continuations"]), regex.I)
        self.junk_lead = regex.compile(r"^(?:\W*" + alt(m["leading_junk"]) + r")+(?=\s|$)", regex.I)
        self.growth_noun = regex.compile(alt(m["growth_nouns"]) + r"\s*$", regex.I | regex.REVERSE)
        self.bare_price = set(m["bare_prices"])
        self.per_time = set(m["per_time"])
        self.value_words = set(m["value_words"])
        self.value_word = str(m["value_words"][0])   # `giá trị`: the value of what was counted
        self.adverbial = regex.compile(r"^" + alt(m["adverbial_openers"]) + r"\s", regex.I)
        self.verb = regex.compile(alt(c["change"]["up"] + c["change"]["down"] + c["level_verbs"]), regex.I)
        self.marker = regex.compile(alt(m["clause_markers"]) + r"\s+", regex.I)
        self.strippable = regex.compile(r"(?:\W*" + alt(c["metric_leading"] + c["metric_connectives"] + m["leading_junk"]
                                                       + m["empty_words"]) + r")+\W*", regex.I)
        self.clause_word = regex.compile(alt(m["clause_words"]), regex.I)
        self.quantity_in = regex.compile(r"(?:(?<![\w.,/-])\d+(?:[.,]\d+)*\s*(?:[-–]|%|\p{L}+/\w+|"
                                         + alt(m["quantity_units_in_phrase"]) + r")|gấp\s+\d+)", regex.I)
        self.lead_verb = regex.compile(r"^" + alt(m["lead_verbs"]) + r"\s", regex.I)
        self.stake_end = regex.compile(r"\s(?:" + alt(m["stake_verbs"]) + r")$", regex.I)
        self.link_head = regex.compile(alt(list(m["heads"]) + list(m["measure_heads"]) + [p for p, _ in pairs]), regex.I)
        self.count_object = regex.compile(r"\s" + alt(m["count_object_ends"]) + r"$", regex.I)
        self.clause_cut = regex.compile(r"\s" + alt(m["clause_cut_words"]) + r"\s", regex.I)
        self.link = regex.compile(alt(m["predicate_links"]) + r"\s+", regex.I)
        self.empty = regex.compile(r"^(?:\W*" + alt(m["empty_words"]) + r")*\W*$", regex.I)
        self.scope_orgs = {" ".join(str(o).lower().split()) for o in m["scope_orgs"]}
        self.scope_link = regex.compile(r"\s+(?:" + alt(m["scope_links"]) + r")\s+", regex.I)
        self.scope_before = regex.compile(alt([p for p, _ in pairs]) + r"(?:\s+" + alt(m["scope_links"]) + r")?\s+$",
                                          regex.I | regex.REVERSE)
        self.segment_head = regex.compile(r"^\W*(?:" + alt(c["metric_leading"]) + r"\s+)*(" + alt(m["segment_heads"])
                                          + r")\s+", regex.I)
        self.segment_stop = regex.compile(alt(m["segment_stop"]) + r"|\s{2,}|\d|[^\w\s]", regex.I)
        self.empty_tail = regex.compile(r"(?:\s+" + alt(m["after_tail_words"]) + r")+\s*$", regex.I | regex.REVERSE)
        self.respectively = regex.compile(alt(c["enumeration_words"]), regex.I)
        fill = r"(?:\s+" + alt(m["share_fillers"]) + r")*\s*$"
        self.filler = regex.compile(alt(m["share_fillers"]), regex.I)
        self.share_lead = regex.compile(alt(m["share_verbs"]) + fill, regex.I)
        self.stake_lead = regex.compile(r"(?P<verb>" + alt(m["stake_verbs"]) + ")" + fill, regex.I)
        self.share_tail = regex.compile(r"\s*" + alt(m["share_verbs"]) + r"\s*$", regex.I)
        self.share_prep = regex.compile(r"^\s+(" + alt(m["share_preps"]) + r")(?=\s)", regex.I)
        self.share_is_metric = regex.compile(r"^" + alt(m["share_is_metric"]), regex.I)
        self.whole_end = regex.compile(r"[,;.:()\n]|\s" + alt(m["share_whole_stop"], boundary=False) + r"(?=\s)", regex.I)
        self.whole_openers = {w.lower() for w in m["whole_openers"]}
        self.not_a_whole = regex.compile(r"^\s*+(?:" + alt([w for w in c["share_not_noun"] if w not in self.whole_openers])
                                         + r"|\W|\d)",
                                         regex.I)


_CAP_RUN = regex.compile(r"(?<!\w)\p{Lu}[\w.]*(?:\s+\p{Lu}[\w.]*){0,4}(?!\w)")


def names_scope(before: str, surface: str) -> bool:
    """`doanh thu công ty mẹ`: a generic organization right after a metric phrase says which
    books the figure is from; the caller keeps it in the text the metric reader sees."""
    r = _reader()
    return " ".join(surface.lower().split()) in r.scope_orgs and r.scope_before.search(before) is not None


def _blank_persons(s: str) -> str:
    """`s` with the persons' names blanked (same length): a run of capitalised words after a
    title (`ông`, `Tổng giám đốc`), or of two or more opening with a common surname unless it
    is a place (`phường Phạm Ngũ Lão`, `Thái Lan`). Capitalised runs are found first and
    judged by word lookups: a scan with the title and surname alternations costs more."""
    r = _reader()
    out = None
    for m in _CAP_RUN.finditer(s):
        words = m.group(0).split()
        before = s[max(0, m.start() - 30):m.start()].lower().split()
        titled = len(words) >= 2 and words[0].lower() in r.titles or any(
            " ".join(before[-k:]) in r.titles for k in (1, 2, 3) if len(before) >= k)
        if not titled:
            if len(words) < 2 or words[0].lower() not in r.surnames or r.not_person.match(m.group(0)) \
                    or r.place_before.search(s, max(0, m.start() - 30), m.start()):
                continue
        out = out if out is not None else list(s)
        out[m.start():m.end()] = " " * (m.end() - m.start())
    return s if out is None else "".join(out)


@functools.lru_cache(maxsize=1)
def _reader() -> _Reader:
    return _Reader()


@functools.lru_cache(maxsize=8192)
def _has_head(s: str) -> bool:
    """Whether `s` holds a metric head noun; cached: the same short phrases are tested again and again."""
    return _reader().head.search(s) is not None


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
        if not r.empty.match(r.time.sub(" ", rest)):
            s = rest
            break
        # `Lợi nhuận ... dự báo cùng đạt`: the metric is before the verb, which is no part of it
        s = s[:said.start()] + " " * (said.end() - said.start()) + rest
    joined = None
    for joined in _NEW_SUBJECT.finditer(s):
        pass
    if joined is not None:
        # `... người lao động và VNPT Hưng Yên dự kiến dành`: `và` then an organization (blanked
        # by the caller) opens a new clause; the words before belong to another
        s = s[joined.end():]
    s = _blank_persons(s)
    s = r.time.sub(" ", s)
    s = _PARENS.sub(_acronym_or_blank, s).replace("(", " ").replace(")", " ")
    if after_figure:
        s = r.comparison.sub(" ", s)
        s = _CLAUSE_PIECES.split(s)[-1]
    own = _PIECES.split(s)[-1]
    own_empty = bool(r.empty.match(own) or not trailing_re.sub("", own).strip())
    for _ in range(8):
        if r.growth_noun.search(s):
            break
        new = trailing_re.sub("", s).rstrip(" ,")
        if new == s:
            break
        s = new
    pieces = [p.strip() for p in _PIECES.split(s)]
    pieces = [p for p in pieces if p and not (r.comparison.fullmatch(p) and not _names_metric_after_first(p))]
    if not pieces:
        return None
    if own_empty and len(pieces) == 1 and not after_figure and r.adverbial.match(pieces[0]) \
            and r.adverbial.match(segment[-200:].lstrip(" \n,.;:“\"(")):
        # `Nhờ vốn vay ưu đãi, 70% hộ đã có nhà`: an adverbial piece is no subject
        return None
    out = pieces[-1]
    if len(out.split()) < 2 and len(pieces) > 1 and not r.key_only.fullmatch(out):
        out = pieces[-2] + ", " + out   # `chi, đảng bộ`; not `Phiên chiều, giá`
    phrase = _phrase(out, after_figure)
    if phrase is None and not after_figure and len(pieces) > 1 and not r.quantity_in.search(pieces[-1]):
        # `cổ phiếu HQC tăng mạnh trong những tháng gần đây, tăng gấp 2,2 lần`: the last piece
        # names nothing; the subject of the piece before is the metric
        phrase = _phrase(_subject(_after_last_marker(pieces[-2])))
    if phrase is None:
        return None
    if r.refers_back.match(phrase) or (after_figure and r.comparative.match(phrase)):
        # `con số này của khu vực Trung Đông`, `, cao hơn so với mức`: the caller keeps the metric before
        return None
    if after_figure and not _has_head(phrase) and (
            len(phrase.split()) < 2 or not _PIECES.search(segment) or r.empty.match(phrase.split()[0])):
        # `8 ngân hàng niêm yết đã tăng 11,8%`, `0,27 điểm xuống 81,73 điểm`: the words since
        # the previous figure name nothing new; the caller keeps the previous metric
        return None
    return _tidy(phrase)


@functools.lru_cache(maxsize=8192)
def _phrase(out: str, after_figure: bool = False) -> str | None:
    """A piece of text as a metric phrase: after its last clause marker, without leading
    connectives and subjects, at most 12 words; None when only empty words are left."""
    r = _reader()
    out = _after_last_marker(out)
    linked = _after_link(out)
    if linked is not out:
        out = linked.strip()   # opens with a metric noun (`có mức tăng trưởng`): nothing to strip
    else:
        out = _lstrip(r.leading, out)
        if after_figure and out.split() and r.empty.match(out.split()[0]) and not _has_head(out):
            return None   # `, đã niêm yết`: see metric_before
        out = _lstrip(r.junk_lead, out)
        out = _lstrip(r.connectives, out)
        out = _lstrip(r.subjects, out)
    words = out.split()
    if not words or r.empty.match(out):
        return None
    if len(words) > 12:
        h = r.key_only.search(out)
        if h and h.start() < len(out) // 2:
            lead = out[:h.start()].split()
            start = h.start() if not lead or not _joins(lead[-1], h.group(0).split()[0]) else out.rfind(lead[-1], 0, h.start())
            words = out[start:].split()[:12]   # `đấu giá`, not `giá`
        else:
            i = len(words) - 12
            words = words[i - 1:] if _joins(words[i - 1], words[i]) else words[i:]   # `phụ thuộc`, not `thuộc`
    while words and not regex.search(r"\w", words[-1]):
        words.pop()   # `dịp lễ -` once the dates are out
    phrase = " ".join(words).lower()
    q = None
    for q in r.quantity_in.finditer(phrase):
        pass
    if q is not None:
        # another figure inside the phrase: it is a fragment; what follows that figure may name the metric
        rest = _lstrip(r.leading, phrase[q.end():].strip(" -–,/"))
        return rest if rest and _has_head(rest) else None
    return phrase or None


def _joins(a: str, b: str) -> bool:
    """`tăng` + `trưởng`: two syllables that are one word (Viet74K), so no phrase starts between them."""
    return f"{a} {b}".lower() in lexicon.compounds()


def _lstrip(rx, out: str) -> str:
    """`out` without the words `rx` matches at its start, unless the last of them is the first
    syllable of the next word (`tăng trưởng`, `phụ thuộc`): a phrase never starts inside a word."""
    m = rx.match(out)
    if m is None:
        return out.strip()
    gone, rest = out[:m.end()].split(), out[m.end():].split()
    r = _reader()
    if gone and rest and _joins(gone[-1], rest[0]) and not r.head.match(out, m.end() + 1) \
            and not r.strippable.fullmatch(f"{gone[-1]} {rest[0]}"):   # not `có lợi nhuận`, `như vậy`
        return out[out.rfind(gone[-1], 0, m.end()):].strip()
    return out[m.end():].strip()


def _subject(piece: str) -> str:
    """The words of a clause before its first verb of change or level (`cổ phiếu HQC tăng mạnh` -> `cổ phiếu HQC`)."""
    r = _reader()
    for m in r.verb.finditer(piece):
        if m.start() > 0 and not r.empty.match(piece[:m.start()]):
            return piece[:m.start()]
    return piece


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
        if _has_head(rest):
            return rest
    return out


def _after_link(out: str) -> str:
    """`ngôi trường có diện tích rộng`, `hack với mức phí trọn gói`: after a link word (`có`, `với`)
    that opens a metric noun, when the words before it name none (`trả cổ tức với tỷ lệ` stays)."""
    r = _reader()
    for m in reversed(list(r.link.finditer(out))):
        if r.link_head.match(out, m.end()) and not _has_head(out[:m.start()]):
            return out[m.end():]
    return out


def metric_after(after: str, source: bool = False) -> str | None:
    """`2.040 tỷ đồng lợi nhuận gộp`: a vocabulary phrase right after the figure. `source`:
    also `dành 600 triệu từ Quỹ lương` (for a figure whose words before name nothing)."""
    _, vocab_re, _ = _tables()
    stripped = (_SOURCE if source else _ABOUT).sub("", after.lstrip())   # `tăng 32% về doanh thu`
    m = vocab_re.match(stripped)
    if source and not m and stripped != after.lstrip():
        # `được dùng để bổ sung vốn đầu tư`: a purpose whose first words hold a metric noun
        m = vocab_re.search(" ".join(stripped.split()[:4]))
    after = stripped
    if not m or _reader().wholes.match(after):
        return None   # `55% GDP`: a whole, not the metric (see `choose`)
    r = _reader()
    rest = r.time.split(r.after_end.split(after)[0])[0]
    rest = r.empty_tail.sub("", " ".join(rest.split()[:8]))   # `LNTT lũy kế 5 tháng`
    return rest.strip().lower() or None





def share_of(after: str) -> str | None:
    """`95% đảng viên hoàn thành tốt nhiệm vụ`: the noun phrase a bare percentage is a share of."""
    return _noun_after(after, 8, enum=True)


def _noun_after(after: str, limit: int, enum: bool = False) -> str | None:
    """The noun phrase right after a figure, or None when a verb, a preposition or a time follows.
    `enum`: a share's nouns may go on after a comma (`100% giáo viên, nhân viên`)."""
    r = _reader()
    if not after[:1].isspace() or r.not_a_noun.match(after):
        return None
    rest = r.share_end.split(after.lstrip())[0]
    more = after.lstrip()[len(rest):]
    if enum and len(rest.split()) <= 2 and more.startswith(", ") and more[2:].strip() and not r.not_a_noun.match(more[1:]) \
            and not r.junk_lead.match(more[2:]):
        # `90% tổ, đội đạt chuẩn`, `100% giáo viên, nhân viên`: one noun, then more nouns
        rest = rest + ", " + r.share_end.split(more[2:])[0]
    rest = r.time.split(rest)[0]
    words = rest.split()
    if not words or r.empty.match(words[0]):
        return None
    return " ".join(words[:limit]).lower()


def share_in(before: str, after_figure: bool, after: str, prev: str | None, parts: dict | None = None) -> str | None:
    """`chi phí nhân công chiếm 30% giá thành`: a share names its part and its whole
    (`chi phí nhân công trong giá thành`); the part is the words before the verb, or the
    metric of the figure before (`đạt 2 tỷ USD, chiếm 15% trong tổng kim ngạch`). `nắm giữ 100% vốn`:
    a stake is the verb and what is held. None when `before` ends with no share verb or no
    whole follows (the caller then chooses as for any percentage)."""
    r = _reader()
    tail = before[-40:]
    stake = r.stake_lead.search(tail)
    lead = r.share_lead.search(tail) if stake is None else None
    if stake is None and lead is None:
        return None
    prep = r.share_prep.match(after)
    whole = _whole_after(after[prep.end():] if prep else after)
    if whole is None or r.share_is_metric.match(whole):
        return None
    joint = [prep.group(1).lower()] if prep else []
    if stake is not None:
        return " ".join([" ".join(stake.group("verb").lower().split())] + joint + whole.split())
    part = metric_before(before, after_figure)
    part = r.share_tail.sub("", part).strip() if part else None
    if not part and prev and _JUST_AFTER.fullmatch(before[:len(before) - len(tail) + lead.start()]):
        part = r.share_tail.sub("", prev).strip()   # `đạt 6 tỷ USD, chiếm 7% ...`: right after the figure
    if not part or not _has_head(part) and len(part.split()) > 5:
        return None
    phrase = " ".join(part.split()[:8] + (joint or [_M["share_default_prep"]]) + whole.split())
    if parts is not None:
        parts[phrase] = " ".join(part.split()[:8])
    return phrase


def part_of(cls: str, metric: str | None, unit: str, share: bool = False) -> str | None:
    """What the figure before a share measures, as its part: a count's counted noun when the
    words before it name no metric (`2,5 tỷ người, chiếm 57% dân số`)."""
    if cls == "count":
        # `65.000 tài khoản mới ..., tăng 180%`: the counted noun, unless it is a bare measure word
        # (`995.000 lượt`) and the words before name the thing (`khách nội địa`)
        if share:
            return unit   # `840 triệu cổ phần, chiếm 81% tổng số cổ phần`: what was counted is the part
        return of_count(metric) or (unit if len(unit.split()) > 1 or not metric else metric)
    return metric


_PAREN_GAP = regex.compile(r"\s*\(\s*")
_JUST_AFTER = regex.compile(r"(?:[^,;:()\d]{0,60}[,(–-])?\s*(?:" + patternbook.alternation(_M["list_joiners"]) + r"\s+)?")   # `..., chiếm`, `... hàng hóa (chiếm`


def carried(metric: str | None, parts: dict) -> str | None:
    """The metric a figure without words of its own takes from the figure before: the part
    of a share (`chiếm 60% tổng doanh thu, tăng gấp 2 lần`: the part doubled, not the share).
    `parts` maps the share phrases `share_in` wrote for this document to their parts (per
    document: a phrase read in another article must never change this one's reading)."""
    return parts.get(metric, metric) if metric else metric


def _whole_after(after: str) -> str | None:
    """The noun phrase a share is of, right after the figure (`tổng doanh thu`, `cả nước`)."""
    r = _reader()
    if not after[:1].isspace() or r.not_a_whole.match(after):
        return None
    rest = r.whole_end.split(after.lstrip())[0]
    rest = r.time.split(rest)[0]
    words = rest.split()
    if not words or r.empty.match(words[0]) and words[0].lower() not in r.whole_openers:
        return None
    words = words[:8]
    while len(words) > 1 and r.filler.fullmatch(words[-1]):
        words.pop()   # `trong số khoảng` before the next figure
    return " ".join(words).lower()


_NUMBER = regex.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*")
_ITEMS = regex.compile(r",\s+|\s+" + patternbook.alternation(_M["list_joiners"]) + r"\s+", regex.I)


def respectively(clause: str, pos: int) -> str | None:
    """`lãi trước thuế và sau thuế của quỹ lần lượt là 120 tỷ đồng và 96 tỷ đồng`: the k-th
    figure after `lần lượt` measures the k-th item of the list before it; an item without a
    metric noun shares the first item's head (`sau thuế` -> `lợi nhuận sau thuế`). None when
    the figure is not in such an enumeration, or the list does not name one metric per figure."""
    r = _reader()
    said = None
    for said in r.respectively.finditer(clause, 0, pos):
        pass
    if said is None:
        return None
    run = regex.split(r",\s|[;.]\s|[;.]$", clause[said.end():])[0]
    n = len(_NUMBER.findall(run))
    k = len(_NUMBER.findall(clause[said.end():pos]))
    if n < 2 or k >= n:
        return None
    trailing_re, _, _ = _tables()
    # the list is after the last figure, parenthesis or colon before `lần lượt`
    subject = r.time.sub(" ", regex.split(r"[():;]|\d+(?:[.,]\d+)*", clause[:said.start()])[-1])
    for _ in range(4):
        subject = trailing_re.sub("", subject).rstrip(" ,")
    items = [" ".join(i.split()) for i in _ITEMS.split(subject)]
    if len(items) < n and n % 2 == 0:
        # `lần lượt tăng 87% và 21% lên 457 tỷ đồng và 668 tỷ đồng`: two figures for each item
        n, k = n // 2, k % (n // 2)
    items = items[-n:]
    if len(items) < n or n < 2 or not items[0] or not _has_head(items[0]):
        return None
    first = _phrase(items[0])
    if not first or not _has_head(first):
        return None
    if not k:
        return first
    item = items[k].lower()
    if not r.head.match(item):
        # the head is what the first item has beyond the parallel part (`lãi` of `lãi trước thuế` for
        # `sau thuế`); a possessor closing the list (`sau thuế của quỹ`) is no part of the parallel
        core = r.scope_link.split(item, maxsplit=1)[0].split()
        keep = len(first.split()) - len(core)
        head = first.split()[:keep] if keep > 0 else []
        if not head:
            return None
        return " ".join(head + item.split())
    return _phrase(item)


def with_segment(metric: str | None, clause_before: str) -> str | None:
    """`mảng dịch vụ số ghi nhận 860 tỷ đồng doanh thu`: a bare vocabulary metric
    in a clause whose subject is a part of a business is that part's (`doanh thu thị trường nước
    ngoài`). The part opens a comma-piece of the clause (names blanked by the caller)."""
    r = _reader()
    if not metric or not r.key_only.fullmatch(metric):
        return metric
    for piece in reversed(regex.split(r",\s|[;:]", clause_before)):
        m = r.segment_head.match(piece)
        if m is None or r.head.match(piece, m.start(1)):
            continue   # `khối lượng giao dịch` is a metric, not a part of a business
        rest = piece[m.end():]
        stop = r.segment_stop.search(rest)
        words = (rest[:stop.start()] if stop else rest).split()
        if 1 <= len(words) <= 4:
            part = f"{m.group(1).lower()} {' '.join(words).lower()}"
            # `lợi nhuận` + `hoạt động đầu tư` must not read as `lợi nhuận hoạt động` (operating profit)
            joined = f"{metric} {part}"
            return joined if metric_key(joined) == metric_key(metric) else f"{metric} của {part}"
        return metric
    return metric


def with_purpose(metric: str | None, after: str) -> str | None:
    """`dự định trích ra 9.795 tỷ đồng để chi trả cổ tức`, `dành 600 triệu từ Quỹ lương`: when the
    words before a figure name no metric noun, a metric named after `để`, `từ`, `về` is it."""
    if metric and _has_head(metric):
        return metric
    return metric_after(after, source=True) or metric


def continues(sentence_before: str) -> bool:
    """A sentence whose words before its first figure name nothing (`Cụ thể, năm 2016 đạt`)
    goes on about the metric of the sentence before it."""
    r = _reader()
    s = r.time.sub(" ", sentence_before)
    return bool(r.continuation.match(s)) and not r.head.search(s)


def with_unit(metric: str | None, per: str) -> str | None:
    """`đẩy giá lên 107.100 đồng/cổ phiếu`: a bare price takes the thing it is per when that is a
    noun of its own (`giá cổ phiếu`; not `kg`, not a time)."""
    if metric and len(per.split()) >= 2 and metric in _reader().bare_price and per.lower() not in _reader().per_time:
        return f"{metric} {per.lower()}"
    return metric


def _tidy(metric: str | None) -> str | None:
    """None for a clause fragment before a figure: a phrase that names no metric noun but holds
    a subject and an auxiliary (`ông đã sắp xếp`, `đội bóng có thể nhận`). Not for the noun
    after a share (`60% căn hộ đã có người mua`) nor a bare verb phrase (`sẽ phát hành`)."""
    r = _reader()
    if metric and r.lead_verb.match(metric) and not r.head.match(metric):
        h = r.head.search(metric)
        if h is not None:
            return metric[h.start():]   # `ghi nhận tổng mức giảm` -> `tổng mức giảm`
    if metric and r.head.match(metric):
        cut = r.clause_cut.search(metric)
        if cut is not None:
            metric = metric[:cut.start()]   # `phí dịch vụ đã điều chỉnh` -> `phí dịch vụ`
    stake = r.stake_end.search(metric) if metric else None
    if stake is not None and not _has_head(metric[:stake.start()]) \
            and not _joins(metric[:stake.start()].split()[-1], metric[stake.start():].split()[0]):   # not `đóng góp`
        return metric[stake.start():].strip()   # `kylie jenner sở hữu` -> `sở hữu`
    if not metric or len(metric.split()) > 7 or _has_head(metric):
        return metric
    aux = _reader().clause_word.search(metric)
    # a short subject, then the auxiliary: a noun with a relative clause (`căn nhà ở xã hội đã được
    # khách hàng đặt mua`) or an activity and its material are longer
    return None if aux and 1 <= len(metric[:aux.start()].split()) <= 3 else metric


def value_of(metric: str | None, prev_metric: str | None, prev_noun: str | None, gap: str = "") -> str | None:
    """`nhập khẩu 4.900 ôtô, giá trị tương đương 116 triệu USD`: a bare value word after a count or
    a measure is the value of what was counted (`giá trị nhập khẩu ôtô`). `gap`: the text between
    that figure and a money figure; money in parentheses right after it is its value too
    (`phát hành 20 triệu cổ phiếu (200 tỷ đồng)`)."""
    r = _reader()
    if gap and _PAREN_GAP.fullmatch(gap):
        metric = r.value_word
    if not metric or metric not in r.value_words or not (prev_metric or prev_noun):
        return metric
    what = prev_metric or ""
    k = None
    for k in r.key_only.finditer(what):
        pass
    if k is not None:
        what = what[k.start():]
    words = [w for w in what.split() if not r.empty.match(w)]
    noun = (prev_noun or "").lower()
    if noun and noun not in " ".join(words):
        words.append(noun)
    return " ".join([metric] + words[:10]) if words else metric


def of_count(metric: str | None) -> str | None:
    """A count names what it counts in its unit (`49 thành viên`); the words before it are its
    metric only when they hold a metric noun (`số thuê bao`, `lao động`), else they are a
    clause fragment (`53 người trên tàu ngầm mất tích`) and the metric is null."""
    if metric and _reader().count_object.search(metric):
        return None   # `diện tích rừng tại 12 tỉnh`: the count is what the preposition governs
    return metric if metric and _has_head(metric) else None


def choose(before: str | None, after: str, cls: str) -> str | None:
    """Between the words before a figure and a noun right after it (`chiếm 60% tổng doanh thu`,
    `1,5 triệu tấn LPG`): the noun after names a material measured or the whole a share is of,
    unless the words before already name a metric noun and the words after do not. A short
    verb phrase before a measure joins its material (`tiêu thụ ... than thương phẩm`)."""
    noun = _noun_after(after, 8, enum=cls == "ratio")
    if noun is None:
        return before
    r = _reader()
    if cls == "measure" and before and not _has_head(before):
        # `tiêu thụ 1.945.000 tấn than thương phẩm`: the activity and its material
        ms = list(r.marker.finditer(before))
        verb = before[ms[-1].end():] if ms else before
        if len(verb.split()) <= 5:
            return " ".join((verb + " " + noun).split()[:12])
    if cls == "measure" and before and len(before.split()) <= 4 and not _has_head(noun):
        return " ".join((before + " " + noun).split()[:12])
    if before and _has_head(before) and (not _has_head(noun) or r.wholes.match(noun)):
        return before
    return noun


@functools.lru_cache(maxsize=8192)
def metric_key(metric: str | None) -> str | None:
    """The canonical key of a metric phrase (cached: phrases repeat across figures)."""
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
