"""A figure's metric phrase put together from its sentence: the share a percentage is of
(`chiếm 7% GDP`), a stake's holder, the items of a `lần lượt` list, the segment a clause
scopes (`mảng bán lẻ`), the value of what was counted, a price per unit, and the choice
between the words before a figure and the noun after it. `pipeline.metrics` reads the
phrase itself; this module only composes what it reads.
"""
from __future__ import annotations

import regex

from . import engines
from . import metrics, patternbook
from .metrics import (_Phrases, _before_first, _is_empty, _starts_with, _trail_sub, clipped, has_head, is_ticker_metric, joins, metric_after,
                      metric_before, metric_key, phrase_of, reader)
# (patterns of `engines.compile` may run on `re`: their calls take what both engines share, the note in `engines`;
# a call on a `regex.compile` pattern (one only `regex` reads) is given `None, None, False` after its string, or
# `0, None, None, False` after `sub`'s: concurrent=False, no release of the GIL around it, the note in `designators`)

_M = patternbook.load("metrics")


def share_of(after: str) -> str | None:
    """`95% đảng viên hoàn thành tốt nhiệm vụ`: the noun phrase a bare percentage is a share of."""
    return _noun_after(after, 8, enum=True)


def _noun_after(after: str, limit: int, enum: bool = False, plural: bool = False) -> str | None:
    """The noun phrase right after a figure, or None when a verb, a preposition or a time follows.
    `enum`: a share's nouns may go on after a comma (`100% giáo viên, nhân viên`)."""
    r = reader()
    if not after[:1].isspace() or r.not_a_noun.match(after):
        return None
    rest = _before_first(r.share_end, after.lstrip())
    link = _NOUN_END.search(rest)
    if link is not None and not joins((rest[:link.start()].split() or [""])[-1], link.group(0).split()[0]):
        rest = rest[:link.start()]   # (not `đối với`, `so với`: a word of its own)
    more = after.lstrip()[len(rest):]
    if enum and len(rest.split()) <= 2 and more.startswith(", ") and more[2:].strip() and not r.not_a_noun.match(more[1:]) \
            and not r.junk_lead.match(more[2:]):
        # `90% tổ, đội đạt chuẩn`, `100% giáo viên, nhân viên`: one noun, then more nouns
        rest = rest + ", " + _before_first(r.share_end, more[2:])
    rest = r.before_time(rest)
    words = rest.split()
    if plural and len(words) > 1 and words[0].lower() in _SHARE_PLURALS:
        words = words[1:]   # `28% các cuộc tấn công`: the plural marker is no part of the noun
    if not words or _is_empty(words[0]) and not (
            plural and len(words) > 1 and words[0].lower() in _SHARE_PERSONS and not _is_empty(words[1])) \
            and not (enum and _names_counted(" ".join(words).lower())):
        return None   # (`plural`: `10% người dân ...`, a share of persons names them; `enum`: `55% số phiếu bầu`,
        # a share of a counted set names it)
    words = clipped(words, limit)
    for i in range(1 if not enum else len(words), len(words)):
        # `500 tấn dầu đã bị tràn ra biển`: the material a measure names ends where its clause's verb group
        # starts (not inside a word: `thiết bị`, `chuẩn bị`; not a verb's complement: `bán được`), unless only the
        # words cut name a metric. Not a share's (`enum`): what it is a share of is told by that predicate
        # (`50% căn hộ đã được đặt mua`, `63% doanh nghiệp đã có lãi`)
        w = words[i].lower()
        if w in _CLAUSE_FIRSTS and not joins(words[i - 1], words[i]) \
                and f"{words[i - 1].lower()} {w}" not in _VERB_COMPLEMENTS and _CLAUSE_AFTER_NOUN.match(" ".join(words[i:])):
            if has_head(" ".join(words[:i])) or not has_head(" ".join(words[i:])):
                words = words[:i]
                if r.clause_word.fullmatch(" ".join(words)):
                    return None   # `2,5m vừa được phát hiện`: no noun at all
            break
    return " ".join(words).lower()


_NOUN_END = engines.compile(r"\s" + patternbook.alternation(_M["noun_after_links"], boundary=False) + r"(?=\s)", regex.I)
_CLAUSE_AFTER_NOUN = engines.compile(patternbook.alternation(_M["noun_after_clause_words"]) + r"(?!\w)", regex.I)
_SHARE_PLURALS = frozenset(str(w).lower() for w in _M["share_plurals"])
_SHARE_PERSONS = frozenset(str(w).lower() for w in _M["share_persons"])
_VERB_COMPLEMENTS = frozenset(str(w).lower() for w in _M["noun_after_verb_complements"])
_CLAUSE_FIRSTS = frozenset(str(w).split()[0].lower() for w in _M["noun_after_clause_words"])


def share_in(before: str, after_figure: bool, after: str, prev: str | None, parts: dict | None = None) -> str | None:
    """`chi phí nhân công chiếm 30% giá thành`: a share names its part and its whole
    (`chi phí nhân công trong giá thành`); the part is the words before the verb, or the
    metric of the figure before (`đạt 2 tỷ USD, chiếm 15% trong tổng kim ngạch`). `nắm giữ 100% vốn`:
    a stake is the verb and what is held. None when `before` ends with no share verb or no
    whole follows (the caller then chooses as for any percentage)."""
    r = reader()
    tail = before[-40:]
    stake = r.stake_lead.search(tail)
    verb = stake and " ".join(stake.group("verb").lower().split())
    if stake is not None and joins(syllable := (tail[:stake.start()].split() or [""])[-1], verb.split()[0]):
        verb = f"{syllable.lower()} {verb}"   # `đóng góp 40% GDP`: `góp` is the last syllable of the verb
    lead = r.share_lead.search(tail) if stake is None else None
    if stake is None and lead is None:
        return None
    prep = r.share_prep.match(after)
    whole = _whole_after(after[prep.end():] if prep else after)
    if whole is None or r.share_is_metric.match(whole):
        return None
    joint = [prep.group(1).lower()] if prep else []
    if stake is not None:
        return " ".join([verb] + joint + whole.split())
    part = metric_before(before, after_figure)
    part = r.share_tail.sub("", part).strip() if part else None
    if not part and prev and _JUST_AFTER.fullmatch(before[:len(before) - len(tail) + lead.start()]):
        part = r.share_tail.sub("", prev).strip()   # `đạt 6 tỷ USD, chiếm 7% ...`: right after the figure
    if not part or not has_head(part) and len(part.split()) > 5 and not _names_counted(part):
        return None   # (`số trẻ em tử vong do đuối nước`: a count opener names the part)
    phrase = " ".join(clipped(part.split(), 8) + (joint or [_M["share_default_prep"]]) + whole.split())
    if parts is not None:
        parts[phrase] = " ".join(clipped(part.split(), 8))
    return phrase


def part_of(cls: str, metric: str | None, unit: str, share: bool = False) -> str | None:
    """What the figure before a share measures, as its part: a count's counted noun when the
    words before it name no metric (`2,5 tỷ người, chiếm 57% dân số`)."""
    if cls == "count":
        # `65.000 tài khoản mới ..., tăng 180%`: the counted noun, unless it is a bare measure word
        # (`995.000 lượt`) and the words before name the thing (`khách nội địa`)
        if share:
            if unit.lower() in _BARE_COUNT_UNITS and metric and (counted := of_count(metric)):
                return counted   # `lượng xe nhập về là 3.400 chiếc, chiếm 87% ...`: a classifier names no part
            return unit   # `840 triệu cổ phần, chiếm 81% tổng số cổ phần`: what was counted is the part
        return of_count(metric) or (unit if len(unit.split()) > 1 or not metric else metric)
    return metric


# Units that name no thing of their own (a classifier, not an agent head: `người` is the people counted; a case or
# a turn): the part of a share after such a count is the counted phrase before it.
_COUNTS = patternbook.load("counts")
_BARE_COUNT_UNITS = frozenset(str(w).lower() for w in _COUNTS["classifiers"] + _M["bare_count_units"]) \
    - frozenset(str(w).lower() for w in _COUNTS["agent_classifiers"])
_PAREN_GAP = engines.compile(r"\s*\(\s*")
_JUST_AFTER = engines.compile(r"(?:[^,;:()\d]{0,60}[,(–-])?\s*(?:" + patternbook.alternation(_M["list_joiners"]) + r"\s+)?")   # `..., chiếm`, `... hàng hóa (chiếm`


def carried(metric: str | None, parts: dict) -> str | None:
    """The metric a figure without words of its own takes from the figure before: the part
    of a share (`chiếm 60% tổng doanh thu, tăng gấp 2 lần`: the part doubled, not the share).
    `parts` maps the share phrases `share_in` wrote for this document to their parts (per
    document: a phrase read in another article must never change this one's reading). What a figure before was
    spent on is its own (`quyên góp 700 tỷ won để chống bệnh truyền nhiễm, 300 tỷ won giúp đỡ trẻ em`): only the
    verb of spending goes on (`spent_on`)."""
    if not metric:
        return metric
    spent = metrics.SPENT_ON.match(metric)
    return spent.group(1) if spent is not None else parts.get(metric, metric)


def _whole_after(after: str) -> str | None:
    """The noun phrase a share is of, right after the figure (`tổng doanh thu`, `cả nước`)."""
    r = reader()
    if not after[:1].isspace() or r.not_a_whole.match(after):
        return None
    rest = _before_first(r.whole_end, after.lstrip())
    rest = r.before_time(rest)
    words = rest.split()
    if not words or _is_empty(words[0]) and words[0].lower() not in r.whole_openers:
        return None
    words = clipped(words, 8)
    while len(words) > 1 and r.filler.fullmatch(words[-1]):
        words.pop()   # `trong số khoảng` before the next figure
    return " ".join(words).lower()


_NUMBER = engines.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*")
_ITEMS = engines.compile(r",\s+|\s+" + patternbook.alternation(_M["list_joiners"]) + r"\s+", regex.I)


_RUN_END = engines.compile(r",\s|[;.]\s|[;.]$")
_LAST_CLAUSE: list = [(None, False)]   # (clause, may it enumerate), one tuple: read whole by any thread
_LIST_START = engines.compile(r"[():;]|\d+(?:[.,]\d+)*")


def respectively(clause: str, pos: int) -> str | None:
    """`lãi trước thuế và sau thuế của quỹ lần lượt là 120 tỷ đồng và 96 tỷ đồng`: the k-th
    figure after `lần lượt` measures the k-th item of the list before it; an item without a
    metric noun shares the first item's head (`sau thuế` -> `lợi nhuận sau thuế`). None when
    the figure is not in such an enumeration, or the list does not name one metric per figure."""
    r = reader()
    said = None
    last = _LAST_CLAUSE[0]
    if last[0] != clause:   # the figures of a clause ask in a row: one scan of it
        last = _LAST_CLAUSE[0] = (clause, r.may_enumerate(clause))
    if not last[1]:
        return None
    for said in r.respectively.finditer(clause, 0, pos):
        pass
    if said is None:
        return None
    run = _before_first(_RUN_END, clause[said.end():])   # (one search, not a split of a long clause)
    n = len(_NUMBER.findall(run))
    k = len(_NUMBER.findall(clause[said.end():pos]))
    if n < 2 or k >= n:
        return None
    # the list is after the last figure, parenthesis or colon before `lần lượt`
    subject = r.time.sub(" ", _LIST_START.split(clause[:said.start()])[-1])
    for _ in range(4):
        subject = _trail_sub(subject).rstrip(" ,")   # (`trailing_re.sub("", subject)`, tried at the end only)
    items = [" ".join(i.split()) for i in _ITEMS.split(subject)]
    if len(items) < n and n % 2 == 0:
        # `lần lượt tăng 87% và 21% lên 457 tỷ đồng và 668 tỷ đồng`: two figures for each item
        n, k = n // 2, k % (n // 2)
    items = items[-n:]
    if len(items) < n or n < 2 or not items[0] or not has_head(items[0]):
        return None
    first = phrase_of(items[0])
    if not first or not has_head(first):
        return None
    if not k:
        return first
    item = items[k].lower()
    if not r.head_at(item):
        # the head is what the first item has beyond the parallel part (`lãi` of `lãi trước thuế` for
        # `sau thuế`); a possessor closing the list (`sau thuế của quỹ`) is no part of the parallel
        core = r.scope_link.split(item, maxsplit=1)[0].split()
        keep = len(first.split()) - len(core)
        head = first.split()[:keep] if keep > 0 else []
        if not head:
            return None
        return " ".join(head + item.split())
    return phrase_of(item)


_COPULA_BOUNDS = [w for ws in patternbook.load("cues")["approx"].values() for w in ws]
_COPULA_END = regex.compile(r"(?:^|\s)" + patternbook.alternation(_M["copula_words"]) + r"(?:\s+"
                            + patternbook.alternation(_COPULA_BOUNDS) + r")?\s*$", regex.I | regex.REVERSE)
_COPULA_MAY = frozenset(str(w).split()[-1].lower() for w in _M["copula_words"] + _COPULA_BOUNDS)
_COPULA_WORDS = int(_M["copula_subject_words"])
_MATERIAL_WORDS = int(_M["size_material_words"])
_COPULA_NOT = frozenset(str(w).lower() for w in _M["copula_not_subjects"])


_PIECE_END = engines.compile(r"[;:()\"“”]|,(?!\d)")


def _last_piece(text: str) -> str:
    """The words after the last comma-piece boundary (a comma not inside a number, `;`, `:`, a bracket, a quote)."""
    cut = None
    for cut in _PIECE_END.finditer(text):
        pass
    return text[cut.end():] if cut is not None else text


def _copula_words(clause_before: str, cut) -> str | None:
    """The words of the comma-piece before a closing `là` (persons' names blanked, then the phrase reader's `cut`:
    `reader().time_sub` or `reader().before_time`), lowercased, or None when the figure follows no copula."""
    tail = clause_before[-24:].rsplit(None, 1)
    if not tail or tail[-1].lower() not in _COPULA_MAY:
        return None   # (most figures follow a verb or a noun: one word test)
    m = _COPULA_END.search(clause_before, None, None, False)
    if m is None:
        return None
    piece = cut(metrics._blank_persons(_last_piece(clause_before[:m.start()])))
    return " ".join(_lstrip_leading(piece).split()).lower()


def copula_subject(metric: str | None, clause_before: str) -> str | None:
    """`Lợi nhuận sau thuế để lại sau trích lập các quỹ là 895 tỷ đồng`: a figure right after `là`
    measures the subject of its comma-piece when that opens with a metric noun, however far a clause
    marker inside it (`để`, `sau khi`, `mà ... chi ra`) made the phrase reader start. Only widens the
    phrase read to the left (the old phrase is a part of the subject's end), never replaces another."""
    low = _copula_words(clause_before, reader().time_sub)
    if low is None:
        return metric
    r = reader()
    mended = False
    if low and not r.head_at(low):
        low, opened = _inner_subject(low)
        mended = bool(low and metric and opened in metric)   # (a phrase read across the opener: mended)
    if not low or len(low.split()) > _COPULA_WORDS or not r.head_at(low) or r.refers_back.match(low) \
            or _ANY_DIGIT_WORD.search(low) or r.respectively.search(low):
        return metric
    if low in _COPULA_NOT or metric and not mended and (metric == low or not low.endswith(metric)):
        return metric
    return low


_INNER_OPENERS = engines.compile(r"(?:^|\s)(" + patternbook.alternation(_M["copula_inner_openers"]) + r")\s+", regex.I)
_INNER_CLAUSE = engines.compile(r"\s" + patternbook.alternation(_M["copula_inner_clause_words"]) + r"\s", regex.I)
_INNER_VALUE_WORDS = frozenset(str(w).lower() for w in _M["value_end_words"])
_INNER_NOT_AFTER = engines.compile(r"(?:^|\s)" + patternbook.alternation(_M["copula_inner_not_after"]) + r"\s*$", regex.I)


def _inner_subject(low: str) -> tuple:
    """`... chưa có hồ sơ thuê đất với diện tích đất thuê theo kê khai là`, `... nên cơ hội thắng chung cuộc ... là`:
    when the comma-piece before `là` opens with no metric noun, the subject of `là` is the words after the last
    clause opener (metrics.yaml `copula_inner_openers`), when they open with one (the caller checks); not after `so`
    (`so với`: the thing compared, not the subject), nor a clause (a clause marker in it). Returns it and the opener
    with the words after it (a phrase read across the opener holds them), or (None, None)."""
    last = None
    for last in _INNER_OPENERS.finditer(low):
        pass
    if last is None or last.start() == 0 or _INNER_NOT_AFTER.search(low, 0, last.start() + 1):
        return None, None
    rest = low[last.end():]
    if rest in _INNER_VALUE_WORDS:
        return None, None   # `nhập khẩu ... xăng dầu với giá trị là`: the value of the thing before (`value_end_words`)
    if _INNER_CLAUSE.search(f" {rest} "):
        return None, None   # `với Tổng LĐLĐVN để kiến nghị mức tăng`: a clause, not a subject
    return rest, " ".join(low[last.start():].split()[:3])


def copula_count_subject(metric: str | None, clause_before: str) -> str | None:
    """`copula_subject` for a count: only a subject that is the number of things (`_names_counted`: `số doanh nghiệp
    tạm ngừng hoạt động chờ giải thể là 4.100 doanh nghiệp`, `số lưu học sinh đang học tại Việt Nam là 14.000
    người`), its comma-piece up to its first time (`trong tháng 9`), whose clause markers (`đang`, `được`) cut the
    phrase the reader gives; only widening it (every word of `metric` in the subject), or, when `metric` is already
    the number of things, only cutting what leads a time; else `metric`."""
    low = _copula_words(clause_before, reader().before_time)
    if low is None:
        return metric
    r = reader()
    read = low.split()
    words = _strip_ends(read, _SUBJECT_TIME_LEADS)   # (`số ca mắc mới tính từ [ngày 27/1]`)
    low = " ".join(words)
    if not low or len(words) > _COPULA_WORDS or _ANY_DIGIT_WORD.search(low) or r.respectively.search(low) \
            or not _names_counted(low) or metric and not set(metric.lower().split()) <= set(read) \
            or of_count(low) != low:
        return metric
    if metric and _names_counted(metric.lower()):
        # (already the number of things: only the words leading a time go, `số ca mắc mới tính [từ ngày 27/1]`)
        return low if metric.lower().startswith(low + " ") else metric
    return low


_SUBJECT_TIME_LEADS = _Phrases(tuple(str(w).lower().split()) for w in _M["count_subject_time_leads"])


def _lstrip_leading(s: str) -> str:
    r = reader()
    return metrics._lstrip(r.connectives, metrics._lstrip(r.leading, s))


_SEGMENT_PIECES = engines.compile(r",\s|[;:]")


def with_segment(metric: str | None, clause_before: str) -> str | None:
    """`mảng dịch vụ số ghi nhận 860 tỷ đồng doanh thu`: a bare vocabulary metric
    in a clause whose subject is a part of a business is that part's (`doanh thu thị trường nước
    ngoài`). The part opens a comma-piece of the clause (names blanked by the caller)."""
    r = reader()
    if not metric or not r.key_is(metric) or not r.segment_may(clause_before):
        return metric
    for piece in reversed(_SEGMENT_PIECES.split(clause_before)):
        m = r.segment_head.match(piece)
        if m is None or r.head_at(piece, m.start(1)):
            continue   # `khối lượng giao dịch` is a metric, not a part of a business
        rest = piece[m.end():]
        stop = r.segment_stop.search(rest)
        words = (rest[:stop.start()] if stop else rest).split()
        if 1 <= len(words) <= 4:
            part = f"{m.group(1).lower()} {' '.join(words).lower()}"
            # `lợi nhuận` + `hoạt động đầu tư` must not read as `lợi nhuận hoạt động` (operating profit)
            joined = f"{metric} {part}"
            return joined if metric_key(joined) == metric_key(metric) else f"{metric} {_M['scope_links'][0]} {part}"
        return metric
    return metric


def with_purpose(metric: str | None, after: str, measure: bool = False) -> str | None:
    """`dự định trích ra 9.795 tỷ đồng để chi trả cổ tức`, `dành 600 triệu từ Quỹ lương`: when the
    words before a figure name no metric noun, a metric named after `để`, `từ`, `về` is it."""
    spent = spent_on(metric, after)
    if spent is not None:
        return spent
    if metric and has_head(metric):
        return metric
    return metric_after(after, source=True, measure=measure) or metric


_SPEND_VERB = engines.compile(r"^(?:" + patternbook.alternation(_M["clause_words"]) + r"\s+)*("
                            + patternbook.alternation(_M["spend_verbs"]) + r")$", regex.I)
_SPEND_LINK = engines.compile(r"^\s*(?:(" + patternbook.alternation(_M["spend_links"]) + r")\s+(?=\w)|(?="
                            + patternbook.alternation(_M["spend_uses"]) + r"\s+\w))", regex.I)
_PAYEES = frozenset(str(w).lower() for w in _M["person_titles"] + _M["per_leads"]
                    + patternbook.load("organizations")["first_person"])
# words a phrase cut off by the next figure or a name may end with (`để mua khoảng [1,6 triệu cổ phiếu]`, `cho những
# [Di Maria]`, `nông trại rộng [4 héc-ta]`): no part of what is spent on
_SPENT_TAIL = frozenset(str(w).lower() for w in _M["dangling_ends"] + _M["money_verb_articles"] + _M["value_thing_openers"]
                        + _M["value_thing_bounds"]   # `biệt thự gồm [5 phòng ngủ]`
                        + _COPULA_BOUNDS
                        + list(metrics._dimensions().any_adjective) if " " not in str(w))
# (`để`, `nhằm`: a verb and its object follow, as when no link stands before the verb: `bỏ ra 2 tỷ mua ...`)
_PAYEE_LINK = str(_M["spend_payee_link"]).lower()
_ACTION_LINKS = frozenset(str(w).lower() for w in _M["spend_links"]) & frozenset(str(w).lower() for w in _M["purpose_words"])


def spent_on(metric: str | None, after: str) -> str | None:
    """`chi khoảng 5 triệu đồng cho tiền điện nước` -> `chi cho tiền điện nước`: a metric that is only a verb of
    spending (metrics.yaml `spend_verbs`) says nothing of what was bought; the phrase after the figure behind a link
    (`spend_links`) does, up to a stop, a name or a payee (`để mua nhẫn cho bạn gái`). None when there is no such
    phrase, it opens with a name, a person, a denominator or a time (`vào mùa hè`), or after `để` holds a verb alone
    (`để mua [1 lượng vàng]`: the thing bought is the next figure's)."""
    if not metric or metric.count(" ") > 3:
        return None
    verb = _SPEND_VERB.match(metric)
    link = verb and _SPEND_LINK.match(after)
    if not link:
        return None
    r = reader()
    phrase = _before_first(_COUNTED_CLAUSE_END, _before_first(r.after_end, after[link.end():]))   # `nói trên`
    phrase = r.before_time(phrase)   # `nhằm kiểm soát dịch [cho tới nay]`
    words = phrase.split()[:10]
    for i, w in enumerate(words):
        low = w.lower()
        if not w[:1].islower() or low in _PAYEES or i and low == _PAYEE_LINK and (
                i + 1 == len(words) or not words[i + 1][:1].islower() or words[i + 1].lower() in _PAYEES):
            del words[i:]   # (a name, a person, `cho` + a payee or nothing: who, not what)
            break
    words = clipped(words, 8)
    while words and words[-1].lower() in _SPENT_TAIL:
        words.pop()
    if not words or words[0].lower() in metrics._TIME_OPENERS \
            or (not link.group(1) or link.group(1).lower() in _ACTION_LINKS) and len(words) < 2:
        return None
    return " ".join([verb.group(1)] + ([link.group(1)] if link.group(1) else []) + words).lower()


def continues(sentence_before: str) -> bool:
    """A sentence whose words before its first figure name nothing (`Cụ thể, năm 2016 đạt`)
    goes on about the metric of the sentence before it."""
    r = reader()
    s = r.time.sub(" ", sentence_before)
    return bool(r.continuation.match(s)) and not r.head.search(s)


_POINTER_DEMONSTRATIVES = tuple(str(w).lower() for w in _M["pointer_demonstratives"])
_POINTER = engines.compile(r"(?:^|[\s,;:(])(" + patternbook.alternation(_M["pointer_heads"] + _M["pointer_generic"])
                         + r")\s+(?:" + patternbook.alternation(_M["pointer_demonstratives"]) + r")(?!\w)", regex.I)
_POINTER_HEADS = frozenset(str(w).lower() for w in _M["pointer_heads"])


def pointed_back(clause_before: str, metric: str | None, cls: str, unit: str, before: list):
    """`Năm 2017, tỷ lệ này đạt 42,9%`, `Con số này thấp hơn mức 500,1 tỷ yên`: the first figure of a sentence
    whose clause names its subject only by a pointer (metrics.yaml `pointer_heads`, `pointer_generic` + `này`, `đó`,
    `trên`) measures what a figure of the sentence just before measured (`before`: its facts, last first). A pointer
    with a head noun of its own (`tỷ lệ này`) takes the metric opening with that noun; a bare one (`con số này`,
    `mức này`) only the metric of the last figure in the same class and unit, when that is a vocabulary one (a key)
    or opens with a metric noun. Only for a figure with no metric or the pointer's own words; else None."""
    if not before or not any(d in clause_before for d in _POINTER_DEMONSTRATIVES):
        return None
    m = None
    for m in _POINTER.finditer(clause_before):
        pass
    if m is None:
        return None
    own = " ".join(clause_before[m.start(1):m.end()].lower().split())
    if metric and metric != own:
        return None
    head = " ".join(m.group(1).lower().split())
    if head in _POINTER_HEADS:
        for f in before:
            if f.metric and f.metric.startswith(head + " ") and not _POINTER.match(" " + f.metric):
                return f.metric
        return None
    f = next((f for f in before if f.cls == cls and f.unit == unit), None)   # (the last figure in its unit)
    if f is not None and f.metric and (f.metric_key or reader().head_at(f.metric)) \
            and not _POINTER.match(" " + f.metric):
        return f.metric
    return None


_SUBJECT_FOLLOWERS = engines.compile(r"(?<!\w)" + patternbook.alternation(_M["subject_followers"]) + r"(?!\w)", regex.I)
_OPENING_ADVERBS = engines.compile(r"^(?:" + patternbook.alternation(_M["opening_subject_adverbs"]) + r"\s+)+", regex.I)


def headless(metric: str) -> bool:
    """A phrase read that names no metric noun and no vocabulary metric (`thấp nhất`, `nhiều hộ kinh doanh chưa nộp`):
    a piece of the clause the phrase reader started late in, which the clause's opening subject may replace."""
    r = reader()
    return not r.head.search(metric) and not r.key_in(metric)


def opening_subject(clause_before: str, widened: str | None = None) -> str | None:
    """`Hiện số tiền lãi mà ngân hàng chưa trả đủ cho khách hàng đã lên tới 9,7 tỷ đồng`, `Mức giảm thấp nhất là 44
    triệu đồng`: for a figure with no metric of its own, a comma-piece that opens (after metrics.yaml
    `opening_subject_adverbs`, a time, a connective) with a metric noun phrase and holds no figure before this one
    names it by that phrase, up to its predicate: the first clause word, clause marker, subject follower (`vẫn`, `chỉ`)
    or verb of change or level after the metric noun that is not a syllable of a word (`thiết bị`). None when no
    predicate follows, or the phrase is one word, an adverb of sum (`tổng cộng`, metrics.yaml copula_not_subjects) or only
    the people who act (`khách hàng được giảm thêm`).
    `widened`: a headless phrase already read (`headless`), which the subject must hold, word for word, to replace
    (`điều tra phá án ...` -> `tỷ lệ điều tra phá án ...`)."""
    piece = _last_piece(clause_before)
    if not piece.strip() or any(c.isdigit() for c in piece):
        return None
    r = reader()
    low = " ".join(r.time_sub(metrics._blank_persons(piece)).split()).lower()
    low = _OPENING_ADVERBS.sub("", metrics._lstrip(r.connectives, low))
    head = r.head.match(low) if low else None
    if head is None or any(w in f" {low} " for w in metrics._COMPARED_WITH):
        return None   # (`mức thấp nhất ... và giảm so với mức 74 tỷ USD`: a compared value, the metric before's)
    cuts = sorted(m.start() for rx in (r.clause_word, r.verb, r.marker, _SUBJECT_FOLLOWERS)
                  for m in rx.finditer(low, head.end()))
    for at in cuts:
        before, after = low[:at].split(), low[at:].split()
        if before and after and (len(after) == 1 or not metrics.joins(before[-1], after[0])):
            break   # (a last word right before the figure is the predicate even as a syllable: `nhất là`)
    else:
        return None
    subject = " ".join(before)
    if len(before) < 2 or r.refers_back.match(subject) or metrics.person_only(subject, "money") \
            or any(subject == w or subject.startswith(w + " ") for w in _COPULA_NOT) \
            or widened and not set(widened.lower().split()) <= set(before):
        return None
    return subject


def with_unit(metric: str | None, per: str) -> str | None:
    """`đẩy giá lên 107.100 đồng/cổ phiếu`: a bare price takes the thing it is per when that is a
    noun of its own (`giá cổ phiếu`; not `kg`, not a time)."""
    if metric and metric in reader().bare_price and len(per.split()) >= 2 and per.lower() not in reader().per_time:
        return f"{metric} {per.lower()}"
    return metric


# `priced`: the link before a bare price (read from the end), adverbs opening the subject, a link inside it (a clause:
# `hành có người dân bán`), the bare prices (the most words of a subject: metrics' reader, `priced_words`)
_PRICE_LINK = regex.compile(r"(?:^|\s)(?:" + patternbook.alternation(_M["priced_adverbs"]) + r"\s+)*"
                            + patternbook.alternation(_M["price_links"]) + r"\s*$", regex.I | regex.REVERSE)
_PRICED_LEAD = engines.compile(r"^(?:" + patternbook.alternation(_M["priced_adverbs"]) + r"\s+)+", regex.I)
_PRICE_LINK_INSIDE = engines.compile(patternbook.alternation(_M["price_links"]), regex.I)
_BARE_PRICES = frozenset(str(p) for p in _M["priced_prices"])
_PRICE_LASTS = tuple({str(p).split()[-1] for p in _M["priced_prices"]})
_LINKED_PRICE = engines.compile(r"\s" + patternbook.alternation(_M["price_links"]) + r"\s+("
                              + patternbook.alternation(_M["priced_prices"]) + r")$")


def priced(metric: str | None, clause_before: str) -> str | None:
    """`cá hồi Trung Quốc chỉ có giá 120.000 đồng/kg`: a bare price names what is priced, the noun phrase
    before its link (metrics.yaml `price_links`), when that is a short noun phrase (`giá cá hồi trung quốc`). A phrase
    read through the link (`xăng ron 95 có giá`) is read so too, when that finds what is priced."""
    if not metric:
        return metric
    if metric not in _BARE_PRICES:
        linked = _LINKED_PRICE.search(metric) if metric.endswith(_PRICE_LASTS) else None
        if linked is None:
            return metric
        out = priced(linked.group(1), clause_before)
        return metric if out == linked.group(1) else out
    low = clause_before.lower()
    at = low.rfind(metric)
    if at <= 0:
        return metric
    piece = _last_piece(clause_before[:at])
    if not piece.strip() and clause_before[:at].rstrip().endswith(","):
        # `Speake-Marin Wing Commander giới hạn 28 chiếc trên toàn thế giới, giá bán`: a price opening a comma-piece
        # after the clause's first piece prices the product named at the clause's start (`_name_opening`)
        # (not a place, a source or a time opening the clause: `Tại Hà Nội, giá`, `Theo Bộ Công Thương, giá`)
        r, first = reader(), _PIECE_END.split(clause_before[:at], 1)[0].strip()
        if not first or r.locative.match(first + " ") or r.adverbial.match(first + " ") \
                or r.time_sub(first).split()[:1] != first.split()[:1]:
            return metric
        name = _name_opening(_PRICED_LEAD.sub("", first))
        return f"{metric} {name}" if name else metric
    m = _PRICE_LINK.search(piece, None, None, False)
    if m is None:   # (a deal with an object of its own names it: `được anh X. đồng ý bán phiếu lô đất này với giá`)
        dealt = _dealt(metric, piece)
        return dealt if dealt != metric else _passive_priced(metric, piece) or metric
    r = reader()
    words = r.time_sub(metrics._blank_persons(piece[:m.start()]))
    if _free_clause_word(words) is not None:
        # `iPhone 12 (mã LL/A) đang được một số cửa hàng chào bán với giá`: an auxiliary before the link makes the
        # words a predicate (its agent, `một số cửa hàng`), not the noun phrase of what is priced; that is the subject
        # before it, when the predicate is a passive deal (`_passive_priced`)
        return _passive_priced(metric, piece) or metric
    subject = metrics.phrase_of(words)
    subject = subject and _PRICED_LEAD.sub("", subject)
    # a clause (`giống như bánh bông lan nhưng`) or a figure is no noun phrase
    if not subject or len(subject.split()) > r.priced_words or metrics.has_head(subject) \
            or _free_clause_word(f" {subject} ", r.marker) or _PRICE_LINK_INSIDE.search(subject) \
            or _ANY_DIGIT_WORD.search(subject) and r.quantity_in.search(subject):
        name = _name_opening(_PRICED_LEAD.sub("", words.strip()))
        return f"{metric} {name}" if name else metric
    return f"{metric} {subject}"


_PASSIVE_WORDS = frozenset(str(w).lower() for w in _M["passive_markers"])
_PREDICATE_LEADS = frozenset(str(w).lower() for w in _M["priced_adverbs"] + _M["clause_cut_words"] + _M["clause_words"]
                             + _M["new_subject_words"] if " " not in str(w))
_PRICED_TAIL = engines.compile(r"(?:\s+" + patternbook.alternation(_M["priced_adverbs"] + _M["clause_cut_words"]
                                                                 + _M["new_subject_words"]) + r")+\s*$", regex.I)
_PRONOUN_SUBJECTS = frozenset(str(w).lower() for w in _M["pronoun_subjects"] + _M["thing_pronouns"])
_THING_DROPPED = frozenset(str(w).lower() for w in _M["value_thing_dropped"])


def _free_clause_word(words: str, rx=None):
    """The first clause word (metrics.yaml `clause_words`; `rx`, another list's pattern) of `words` that is no syllable
    of the word before it (`thiết bị`, `kiếm được`: Viet74K), or None."""
    for cw in (rx or reader().clause_word).finditer(words):
        before = words[:cw.start()].split()
        if not before or not joins(before[-1], cw.group(0).split()[0]):
            return cw
    return None


def _passive_priced(metric: str, piece: str) -> str | None:
    """`Mẫu máy này đang được một số đại lý bán ra với mức giá`, `mít Thái được các nhà vườn bán với giá`: a passive
    deal prices its subject (`giá mẫu máy này`), the short noun phrase that opens the piece. The predicate is
    auxiliaries or adverbs only up to the passive `được` (metrics.yaml `passive_markers`), then an agent maybe (no
    clause word, no `với` in it: `lòng được xào với mướp ... được bán`, `khu tổ hợp ... được ông mua` after `đã`),
    a verb of a deal, and `với` at the end. None when the piece is no such clause or its subject is no noun phrase
    (a pronoun, a clause, a figure, a link)."""
    r = reader()
    words = r.time_sub(metrics._blank_persons(piece)).rstrip()
    if not words.lower().endswith(_DEAL_LINK):
        return None
    aux = _free_clause_word(words)
    if aux is None or aux.start() == 0:
        return None
    rest = words[aux.start():].lower().split()
    passive = next((i for i, w in enumerate(rest) if w in _PASSIVE_WORDS), None)
    if passive is None or not all(w in _PREDICATE_LEADS for w in rest[:passive]):
        return None
    after = " " + " ".join(rest[passive + 1:]) + " "
    verb = _DEAL_VERB.search(after)
    if verb is None or _free_clause_word(after[:verb.start()]) is not None or _DEAL_LINK + " " in after[:verb.start()]:
        return None
    raw = _PRICED_TAIL.sub("", words[:aux.start()]).strip()
    if "/" in raw:
        return None   # (a link or a list: `http://...`, `A/B`)
    subject = metrics.phrase_of(raw)
    subject = subject and _PRICED_LEAD.sub("", subject)
    if not subject or subject.lower() != _PRICED_LEAD.sub("", raw).lower():
        return None   # the words open with no noun phrase (`có màu đỏ này`, after a comma in a clause)
    if subject.split()[0].lower() in _THING_DROPPED and len(subject.split()) > 2:
        subject = subject.split(None, 1)[1]   # `một bát trứng vịt lộn`: the article goes, as before a value word
    if len(subject.split()) > r.priced_words or metrics.has_head(subject) \
            or subject.lower() in _PRONOUN_SUBJECTS or _free_clause_word(f" {subject} ", r.marker) \
            or _PRICE_LINK_INSIDE.search(subject) or _ANY_DIGIT_WORD.search(subject) and r.quantity_in.search(subject) \
            or not any(ch.isalpha() for ch in subject.replace(".", "")) or subject.endswith("."):
        return None
    return f"{metric} {subject.lower()}"


_ANY_DIGIT_WORD = engines.compile(r"\d")
_NAME_WORD = regex.compile(r"[\p{Lu}\d][\w.&+-]*")
_MONEY_AMOUNT = engines.compile(r"\d\s*" + patternbook.alternation(_M["money_words"]), regex.I)


def _name_opening(words: str) -> str | None:
    """`Speake-Marin Velsheda Black Gothic giới hạn 8 chiếc trên toàn thế giới`, `Xăng RON 95`: the product's name that
    opens a subject too long or holding a figure (two or more words, each capitalised or holding a digit, the second
    no common word), lower case; else None."""
    r = reader()
    every = words.split()
    if len(every) > 2 * r.priced_words:
        return None
    run = []
    for w in every:
        if not _NAME_WORD.fullmatch(w, None, None, False):
            break
        run.append(w)
    if not 2 <= len(run) <= r.priced_words or not (run[1][0].isupper() or _ANY_DIGIT_WORD.search(run[1])):
        return None
    rest = " ".join(every[len(run):])
    # the name is the subject of another verb (`Sony Nhật Bản cho biết ống kính ...`, `... để hình thành`), or the
    # words hold another priced thing's amount (a list: `Kia Rio LX có giá 15.015 USD Ford Fiesta S`)
    if r.reporting.search(rest) or r.marker.search(f" {rest} ") or _MONEY_AMOUNT.search(rest):
        return None
    name = " ".join(run).lower()
    return None if metrics.has_head(name) else name
_DEAL_VERB = engines.compile(r"(?<!\w)" + patternbook.alternation(_M["deal_verbs"]) + r"(?=\s)", regex.I)
_DEAL_LINK = " " + str(_M["deal_link"])
_DEAL_NOT_FIRST = frozenset(str(w).lower() for w in _M["deal_particles"] + _M["dangling_preps"])
_DEAL_ENDS = frozenset(str(w).lower() for w in _M["deal_object_ends"] + _M["count_object_ends"]
                       + [w for w in _M["counted_phrase_stops"] if " " not in str(w)])


def _dealt(metric: str, piece: str) -> str:
    """`mua căn hộ này với giá`: a bare price after a verb of a deal (metrics.yaml `deal_verbs`), its object and `với`
    is the price of that deal (`giá mua căn hộ này`); the object is cut at a preposition, a time or a clause word.
    Not when the words read as another metric key (`chào bán iPhone 12 với giá`: `giá chào bán` is a share's)."""
    body = piece.rstrip()
    if not body.lower().endswith(_DEAL_LINK):
        return metric
    body = body[:-len(_DEAL_LINK)]
    verb = None
    for verb in _DEAL_VERB.finditer(body):
        pass
    if verb is None:
        return metric
    obj = []
    words = body[verb.end():].split()
    for w in words:
        low = w.lower()
        if low in _DEAL_ENDS or not any(ch.isalnum() for ch in w):
            break
        obj.append(low)
    if not obj or words[0].lower() in _DEAL_NOT_FIRST or words[0][0].isdigit() or joins(verb.group(0).split()[-1], words[0]):
        return metric
    obj = clipped(obj, reader().priced_words)
    said = verb.group(0).lower()
    out = f"{metric} {said} {' '.join(obj)}" if said not in metric.split() else f"{metric} {' '.join(obj)}"
    # the deal's words name the thing priced, no other measure (`giá chào bán` is a share's, `sản xuất` output)
    return out if metrics.metric_key(out) == metrics.metric_key(metric) else metric


def value_of(metric: str | None, prev_metric: str | None, prev_noun: str | None, gap: str = "") -> str | None:
    """`nhập khẩu 4.900 ôtô, giá trị tương đương 116 triệu USD`: a bare value word after a count or
    a measure is the value of what was counted (`giá trị nhập khẩu ôtô`). `gap`: the text between
    that figure and a money figure; money in parentheses right after it is its value too
    (`phát hành 20 triệu cổ phiếu (200 tỷ đồng)`)."""
    r = reader()
    if gap and _PAREN_GAP.fullmatch(gap):
        metric = r.value_word
    if not metric or metric not in r.value_words or not (prev_metric or prev_noun):
        return metric
    # (a count that read the value word after it as its own names nothing counted: not `trị giá trị giá dự án`)
    what = "" if _bare_value(prev_metric) else prev_metric or ""
    k = None
    for k in r.key_only.finditer(what):
        pass
    if k is not None:
        what = what[k.start():]
    words = [w for w in what.split() if not _is_empty(w)]
    noun = (prev_noun or "").lower()
    if noun and noun not in " ".join(words):
        words.append(noun)
    return " ".join([metric] + words[:10]) if words else metric


def _bare_value(metric: str | None) -> bool:
    """`trị giá`, `trị giá hơn`: a value word (metrics.yaml `value_words`) and nothing that names a thing."""
    if not metric:
        return False
    low = metric.lower()
    word = metrics.value_word_opening(low)
    return word is not None and _is_empty(low[len(word):].strip())


def of_count(metric: str | None) -> str | None:
    """`of_counted` without the adverbs it ends with (`dân số nước này hiện đang`, `số khách hàng lẻ hiện`): a count's
    phrase keeps its prepositions (`trimmed` is not for it) but no dangling adverb."""
    metric = _unquoted(_of_count(metric))
    if metric and metric.rsplit(None, 1)[-1] in _DANGLING_ADVERB_LASTS:
        return " ".join(_without_adverbs(metric.split()))
    return metric


def _of_count(metric: str | None) -> str | None:
    """A count names what it counts in its unit (`49 thành viên`); the words before it are its
    metric only when they hold a metric noun (`số thuê bao`, `lao động`), not only verbs (`hỗ trợ`),
    else they are a clause fragment (`53 người trên tàu ngầm mất tích`) and the metric is null."""
    if metric and reader().count_object_may(metric) and reader().count_object.search(metric):
        return None   # `diện tích rừng tại 12 tỉnh`: the count is what the preposition governs
    if metric and is_ticker_metric(metric):
        return None   # `VNM giảm 0,5% ... với 1,33 triệu đơn vị`: the share price names no count
    if metric and _names_counted(metric):
        return metric   # `số doanh nghiệp hoàn tất thủ tục giải thể là 1.700 doanh nghiệp`: `số` + what is counted
    if metric and _COUNTED_SIZE.match(metric):
        return metric   # `dân số 22.207 người`, `sức chứa 40.000 chỗ`: the size the count is the amount of
    return metric if metric and has_head(metric) and _whole_head(metric) and not _verbs_only(metric) else None


def count_metric(own: str | None, unit: str, after: str, carried: bool = False, subject: bool = False,
                 before: str = "") -> str | None:
    """`_count_metric`, null when it is only a generic unit (metrics.yaml `generic_count_units`: `11 điểm`, `2 lượt`)."""
    metric = _without_count_end(_count_metric(own, unit, after, carried, subject, before))
    if metric is None or metric != unit.lower():
        return metric
    if metric in _TRADED_UNITS:
        # `STB khớp lệnh 45,23 triệu đơn vị`: a volume of shares, which the unit does not name
        return None if _SHARE_TRADE.search(_last_piece(before)) else metric
    if after[:3].lstrip()[:1] in _QUOTES and (quoted := _QUOTED.match(after)) is not None \
            and quoted.group(1)[:1].islower() and len(quoted.group(1).split()) <= _QUOTED_WORDS:
        return f"{metric} {quoted.group(1)}"   # `400 nghìn lượt "thích"`: the quoted words qualify the counted
    if metric in _EVENT_UNITS:
        return _repeated_act(metric, before) or metric
    if metric not in _GENERIC_UNITS:
        return metric
    tail = before.rstrip().rsplit(None, 2)[-2:]
    if tail and (tail[-1].lower() in _GENERIC_PLACES or " ".join(tail).lower() in _GENERIC_PLACES) \
            or _GENERIC_ITEMS.match(after):
        return metric   # `bắn pháo hoa tại 4 điểm`, `3 điểm gồm`, `lưu ý 3 điểm:`: places or items, counted
    named = _OPENER_THEN_UNIT.search(before.rstrip())
    if named is not None and named.group(2).lower() == metric:
        return " ".join(named.group(0).lower().split())   # `với số điểm 17 điểm`: `số` + the unit names the measure
    return None


def _without_count_end(metric: str | None) -> str | None:
    """A count's phrase without the preposition it ends with (metrics.yaml `counted_dangling_ends`): its object was
    cut (`xuất xưởng trên [toàn cầu]`), or it points back (`2 giáo viên trên` = the teachers named above, as `nói
    trên`); not a word's last syllable, nor the upper one of a part (`counted_dangling_kept_after`: `hàm trên`)."""
    if not metric or metric.rsplit(None, 1)[-1] not in _COUNT_ENDS:
        return metric
    words = metric.split()
    while len(words) > 1 and words[-1] in _COUNT_ENDS and not joins(words[-2], words[-1]) \
            and words[-2] not in _COUNT_ENDS_KEPT:
        words.pop()
    return " ".join(words)


_COUNT_ENDS = frozenset(str(w).lower() for w in _M["counted_dangling_ends"])
_COUNT_ENDS_KEPT = frozenset(str(w).lower() for w in _M["counted_dangling_kept_after"])
_OPENER_THEN_UNIT = engines.compile(r"(?<!\w)(" + patternbook.alternation(_M["count_noun_openers"]) + r")\s+(\w+)$", regex.I)
_GENERIC_UNITS = frozenset(str(w).lower() for w in _M["generic_count_units"])
_TRADED_UNITS = frozenset(str(w).lower() for w in _M["generic_count_units_in_trade"])
_SHARE_TRADE = engines.compile(r"(?<!\w)" + patternbook.alternation(_M["share_trade_words"]) + r"(?!\w)", regex.I)
_GENERIC_PLACES = frozenset(str(w).lower() for w in _M["generic_unit_places"])
_GENERIC_ITEMS = engines.compile(r"\s*(?::|" + patternbook.alternation(_M["generic_unit_places"]) + r"(?!\w))", regex.I)


def _count_metric(own: str | None, unit: str, after: str, carried: bool = False, subject: bool = False,
                  before: str = "") -> str | None:
    """A count's metric: `own` (the words before it, as `of_count` reads them) when they name what is counted
    (`_names_the_count`) or when the count says nothing more of it (a classifier, `995.000 lượt` after `khách nội
    địa`; the bare unit, `07 tập thể` after `tặng giấy khen`); else the counted phrase (`_counted`): `vốn điều
    lệ ... cho tối đa 99 nhà đầu tư nước ngoài` counts investors, not capital. `carried`: `own` is the figure
    before's, which a count qualified by words of its own does not take (`991 mẫu, trong đó 7 mẫu dương tính`: not
    `tổng số mẫu`)."""
    if _bare_value(own):
        own = None   # `trao 500 suất học bổng trị giá 1 tỷ đồng`: the value word is the money's, no name of what is counted
    elif own and unit.lower() not in _STAKE_UNITS and _verbs_only(own, metrics._STAKE_VERBS):
        own = None   # `sở hữu 1,1 triệu lượt theo dõi`, `sở hữu 5 tàu ngầm`: a holding only of shares; else the things held
    counted, said = _counted(unit, after, subject)
    if own and counted and not carried and _bare_opener(own) and not counted.startswith(own.split()[-1].lower()):
        # `với tổng số 320 hộ`, `trong tổng số 18 thí sinh`: the opener alone names nothing; what it opens is the count's noun
        return f"{_bare_opener(own)} {counted}"
    if (not own or carried) and not said and before and counted == unit.lower() \
            and (fate := _fated(unit, before)) is not None:
        return fate   # `làm chết 6 người, bị thương 11 người`: what befell those counted, not the bare noun
    if own and not carried and counted and _agent_of_other(own, unit) and not _names_the_count(own, unit):
        return counted   # `Khách hàng có thể đăng ký dưới 2 hình thức`: the people who act are not what is counted
    if own and not said:
        return own
    if own and not carried and (unit.lower() in _BARE_COUNT_UNITS or _names_the_count(own, unit)
                                or unit.lower() in _STAKE_UNITS and metric_key(own) == _STAKE_KEY):
        return own
    if not own and not carried and not said and before and counted == unit.lower():
        # `Tổ biên tập có 16 thành viên`: whose members; not `hai giáo viên nói trên`, things named before
        return bare_qualified(unit, before) or counted
    return counted


_AGENT_KEYS = frozenset(str(k) for k in _M["agent_count_keys"])
_PERSON_UNIT_WORDS = frozenset(str(w).lower() for w in _COUNTS["agent_classifiers"] + _COUNTS["person_classifiers"]
                               + _COUNTS["person_nouns"])


def _agent_of_other(own: str, unit: str) -> bool:
    """The words before a count name people (a key of metrics.yaml `agent_count_keys`: `khách hàng`, `nhà đầu tư`,
    `hành khách`) while the count counts things that are not people nor a classifier (`2 hình thức`, `6 lối`,
    `giới thiệu đến các khách hàng 3 gói dịch vụ`): those people are the clause's agent, not what is counted (unless
    the words name a count or a size, `_names_the_count`: `độ dài số thuê bao`, `lượng giấy`)."""
    u = unit.lower()
    return metric_key(own) in _AGENT_KEYS and u not in _BARE_COUNT_UNITS and u.split()[0] not in _PERSON_UNIT_WORDS \
        and metric_key(u) is None


_HOLDER_VERBS = _Phrases(tuple(str(w).lower().split()) for w in _M["count_holder_verbs"])
_HOLDER_VERB_LASTS = frozenset(v[-1] for v in _HOLDER_VERBS)
_HOLDER_OPENERS = _Phrases(tuple(str(w).lower().split()) for w in _M["count_holder_openers"])
_HOLDER_ADVERBS = _Phrases(tuple(str(w).lower().split()) for w in _M["count_holder_adverbs"])
_HOLDER_NOT = _Phrases(tuple(str(w).lower().split()) for w in _M["count_holder_not"])
_HOLDER_WORDS = int(_M["count_holder_words"])
_COUNT_LEADS = _Phrases(tuple(str(w).lower().split()) for w in _M["subject_count_leads"]
                      if str(w).split()[0].lower() not in _HOLDER_VERB_LASTS)   # (not `có tới`)
_HOLDER_STOPS = frozenset(str(w).lower() for w in _M["clause_markers"] + _M["clause_words"] + _M["count_holder_not_inside"])
_HOLDER_REPORTS = engines.compile(r"(?:^|\s)" + patternbook.alternation(_M["reporting_verbs"]) + r"(?!\S)", regex.I)
_HOLDER_TIMES = frozenset(str(w).lower() for w in _COUNTS["not_counted"]["time_units"] + _COUNTS["not_counted"]["time"])


def _ends_with(words: list, phrases: _Phrases, whole: bool = True) -> int:
    """The length of the first of `phrases` (longest first) that `words` end with (or are), and
    (`whole`) not as the syllable of the word before (`đình chỉ`, `thực hiện`); 0 for none."""
    n = next((k for k, ps in phrases.by_length if tuple(words[-k:]) in ps), 0) if words else 0
    return 0 if n and whole and len(words) > n and joins(words[-n - 1], words[-n]) else n


def _strip_ends(words: list, phrases) -> list:
    """`words` without the phrases they end with, one after another, each only when it is no syllable of the word
    before (`đình chỉ`, `thực hiện`)."""
    while n := _ends_with(words, phrases):
        words = words[:-n]
    return words


def bare_qualified(unit: str, clause_before: str) -> str | None:
    """A count named only by its bare noun (`16 thành viên`), whose words before it name no metric: the noun and its
    holder when a verb of having opens the count (metrics.yaml `count_holder_verbs`: `Tổ biên tập có 16 thành viên` ->
    `thành viên tổ biên tập`), the holder being the few words of its comma-piece before that verb, after the clause's
    frame (`Hiện`, `Đến nay`) and before its adverbs (`vẫn`, `mới`), with no clause marker, time or figure in it;
    else None."""
    tail = clause_before[-16:].split()
    if not tail or tail[-1].lower() not in _HOLDER_VERB_LASTS and len(tail) < 2:
        return None   # (the cheap test: most counts follow another word)
    piece = reader().time_sub(_last_piece(clause_before))
    if _ANY_DIGIT_WORD.search(piece):
        return None
    words = _strip_ends(piece.lower().split(), _COUNT_LEADS)
    n = _ends_with(words, _HOLDER_VERBS, whole=False)   # (`chỉ có`, `hiện có` are words of Viet74K; the verb is `có`)
    if not n:
        return _acted(unit, piece, words)
    words = _strip_ends(_strip_ends(words[:-n], _COUNT_LEADS), _HOLDER_ADVERBS)
    while k := _starts_with(words, _HOLDER_OPENERS) or _starts_with(words, _HOLDER_ADVERBS):
        words = words[k:]
    if not words or len(words) > _HOLDER_WORDS or _starts_with(words, _HOLDER_NOT) or words[-1] in _DANGLING_ALL \
            or not _HOLDER_STOPS.isdisjoint(words) or _HOLDER_REPORTS.search(" ".join(words)) or _timed(words) \
            or " ".join(words).startswith(unit.lower()):
        return None
    return f"{unit.lower()} {' '.join(words)}"


_ACT_MARKERS = _Phrases({tuple(str(w).lower().split()) for w in _M["clause_markers"] + _M["clause_words"]
                       + _M["count_act_markers"]})
_ACT_WORDS = int(_M["count_act_words"])
_FUNCTION_WORDS = frozenset(str(w).lower() for w in _COUNTS["not_counted"]["function"])
_ACT_NOT = _Phrases(tuple(str(w).lower().split()) for w in _M["count_act_not"])
_ACT_PREPS = _Phrases(tuple(str(w).lower().split()) for w in _M["count_object_ends"])


def _acted(unit: str, piece: str, words: list) -> str | None:
    """The noun and the verb phrase that governs the count (`đã thực hiện 26 cánh đồng` -> `cánh đồng thực hiện`,
    `hiện triển khai kinh doanh tại 12 tỉnh` -> `tỉnh triển khai kinh doanh`): the lowercase words of the piece after
    its last clause marker (metrics.yaml `count_act_markers`; none, no verb phrase is told from a noun's words),
    without the preposition before the count; None when the verb only says how many (`count_act_not`), or the words
    open with a function word, or are a name, a time, a report or too many."""
    if not words or _ends_with(words, _ACT_NOT):
        return None
    cut = 0
    for i in range(len(words) - 1, -1, -1):
        n = _starts_with(words[i:], _ACT_MARKERS)
        if n and not (i and joins(words[i - 1], words[i]) or i + n < len(words) and joins(words[i + n - 1], words[i + n])):
            cut = i + n
            break
    if not cut:
        return None   # (no marker: the words before may be a noun's, `tượng linh vật 12 con giáp`, or a subject's)
    rest = words[cut:]
    n = _ends_with(rest, _ACT_PREPS)
    if n and not (len(rest) > n and joins(rest[-n - 1], rest[-n])):
        rest = rest[:-n]
    if not rest or len(rest) > _ACT_WORDS or _ends_with(rest, _ACT_NOT) or _starts_with(rest, _HOLDER_NOT) \
            or _starts_with(rest, _HOLDER_OPENERS) or not _HOLDER_STOPS.isdisjoint(rest) or _timed(rest) \
            or rest[0] in _FUNCTION_WORDS and not (len(rest) > 1 and joins(rest[0], rest[1])) \
            or _HOLDER_REPORTS.search(" ".join(rest)) or rest[-1] in _DANGLING_ALL and not (
                len(rest) > 1 and joins(rest[-2], rest[-1])):
        return None
    if any(w[:1].isupper() for w in piece.split()[cut:cut + len(rest)]):   # (`words` is the piece's first words)
        return None   # (a name: the figure's organization or place, or the subject opening its sentence)
    return f"{unit.lower()} {' '.join(rest)}"


_QUOTES = frozenset('"“')
_QUOTED = engines.compile(r'\s*["“]([^\W\d_][^"”\d,.;:()]*?)["”]')
_QUOTED_WORDS = int(_M["quoted_count_words"])
_EVENT_UNITS = frozenset(str(w).lower() for w in _M["event_count_units"])
_EVENT_WORDS = int(_M["event_act_words"])
_EVENT_PRONOUNS = _Phrases(tuple(str(w).lower().split()) for w in _M["event_count_pronouns"])
_EVENT_TITLES = _Phrases(tuple(str(w).lower().split()) for w in _M["event_count_titles"])
_EVENT_ADVERBS_NOT = frozenset(str(w).lower() for w in _M["event_adverbs_not"])
_EVENT_LEADS = _Phrases(tuple(str(w).lower().split()) for w in _M["event_count_leads"] + _M["subject_count_leads"])
_EVENT_NOT = _Phrases(tuple(str(w).lower().split()) for w in _M["event_act_not"] + _M["count_act_not"])
_EVENT_OPENERS = _Phrases(tuple(str(w).lower().split()) for w in _M["event_count_openers"])
_BLANKED = engines.compile(r"\s{3,}")


def _repeated_act(unit: str, clause_before: str) -> str | None:
    """`ông A ngắt lời người dẫn 74 lần` -> `lần ngắt lời người dẫn`: what was done so many times, the words of the
    comma-piece before the count after its last adverb (`đã`, `cần`), else after its subject when a name, an
    organization (blanked), or a pronoun or title before a name tells it, else after an opener that goes on with the
    clause before (`và`); None when none of these tells the verb phrase from its subject (metrics.yaml
    `event_count_units`)."""
    piece = _BLANKED.sub(" \x00 ", _last_piece(clause_before))
    if _ANY_DIGIT_WORD.search(piece):
        return None
    words = piece.split()
    low = [w.lower() for w in words]
    while n := _ends_with(low, _EVENT_LEADS, whole=False):   # (`dao động từ`: `động từ` is a word of Viet74K too)
        low = low[:-n]
    words = words[:len(low)]
    start = None
    for i in range(len(low) - 1, -1, -1):   # the last adverb, not a syllable of a longer word (`cần thiết`)
        n = _starts_with(low[i:], _HOLDER_ADVERBS)
        if n and not (i and joins(low[i - 1], low[i]) or i + n < len(low) and joins(low[i + n - 1], low[i + n])) \
                and " ".join(low[i:i + n]) not in _EVENT_ADVERBS_NOT:
            start = i + n
            break
    if start is None:
        k = _starts_with(low, _EVENT_OPENERS)
        j = k + (_starts_with(low[k:], _EVENT_TITLES) or _starts_with(low[k:], _EVENT_PRONOUNS))
        h = j - k
        while j < len(words) and (words[j] == "\x00" or words[j][:1].isupper()):
            j += 1
        names = j - k - h   # (a sentence's first word is capitalized too: one alone is no name)
        if j < len(low) and j and joins(low[j - 1], low[j]):
            pass   # (`Cựu Hoa hậu`, `Phó Thủ tướng`, `đội bóng`: the capitals or the title end inside a word)
        elif names and h or h and _starts_with(low[k:], _EVENT_PRONOUNS) == h or names > 1 \
                or names and (k or words[k] == "\x00") or k and not names:
            start = j
    if start is None:
        return None
    rest = low[start:]
    if not rest or len(rest) > _EVENT_WORDS or "\x00" in rest or _ends_with(rest, _EVENT_NOT) \
            or _starts_with(rest, _HOLDER_NOT) or not _HOLDER_STOPS.isdisjoint(rest) or _timed(rest) \
            or rest[0] in _FUNCTION_WORDS and not (len(rest) > 1 and joins(rest[0], rest[1])) \
            or _HOLDER_REPORTS.search(" ".join(rest)) or rest[-1] in _DANGLING_ALL and not (
                len(rest) > 1 and joins(rest[-2], rest[-1])):
        return None
    return f"{unit} {' '.join(rest)}"


_FATES = _Phrases(tuple(str(w).lower().split()) for w in _M["count_fate_predicates"])
_FATE_LASTS = tuple(sorted({p[-1] for p in _FATES}))
_FATE_CAUSATIVES = _Phrases(tuple(str(w).lower().split()) for w in _M["count_fate_causatives"])


def _fated(unit: str, clause_before: str) -> str | None:
    """`bị thương 11 người`, `làm chết 203 người`: a count right after what befell those counted (metrics.yaml
    `count_fate_predicates`), after a causative (`vụ tai nạn làm chết`, `gây`), opening its comma-piece (an adverb
    before it, `đã`) or after `và` (`làm chết 19 người và bị thương 38 người`): the noun and that predicate (`người bị
    thương`); else None (`giết chết`, `tông chết`: another verb's result; `có 3 người chết`: the predicate after is `_counted`'s)."""
    tail = clause_before[-24:].lower()
    if not any(w in tail for w in _FATE_LASTS):
        return None   # (the cheap test)
    words = _strip_ends(_last_piece(clause_before).lower().split(), _COUNT_LEADS)
    n = _ends_with(words, _FATES)
    if not n:
        return None
    fate, words = words[-n:], _strip_ends(words[:-n], _HOLDER_ADVERBS)
    if not _ends_with(words, _FATE_CAUSATIVES) and words and words[-1] not in metrics._list_joiners():   # (`làm chết 19 người và bị thương 38 người`)
        return None   # (a causative says its subject caused it: `vụ tai nạn làm chết`; else the predicate opens its piece)
    return f"{unit.lower()} {' '.join(fate)}"


def _timed(words: list) -> bool:
    """A time word among the first words of `words` (`một ngày`, `cả buổi`, `buổi sáng`), not a syllable of a longer
    word (`kỳ thi`)."""
    return any(w in _HOLDER_TIMES and not (i + 1 < len(words) and joins(w, words[i + 1]) and words[i + 1] not in _HOLDER_TIMES)
               and not (i and joins(words[i - 1], w)) for i, w in enumerate(words[:3]))


def _bare_opener(own: str) -> str | None:
    """`own` when it is only a count opener (metrics.yaml `count_noun_openers`: `tổng số`), also after a dangling
    preposition (`trong tổng số`), which goes; else None."""
    low = own.lower()
    if low in _BARE_OPENERS:
        return own
    first, _, rest = low.partition(" ")
    return own[len(first) + 1:] if rest in _BARE_OPENERS and first in _DANGLING_ALL else None


def _names_the_count(metric: str, unit: str) -> bool:
    """A count opener in `metric` (`tổng số người chết vì covid-19`, `lượng khách đến sa pa`), a size told in a count
    (`quy mô`), or the counted noun itself (`1.200 lao động` after `tuyển dụng lao động`)."""
    if _COUNT_NAMER.search(metric):
        return True
    noun = " ".join(unit.lower().split()[:2])
    return f" {noun} " in f" {metric} " or f" {noun.split()[0]} " in f" {metric} " and len(unit.split()) == 1


_STAKE_UNITS = frozenset(str(w).lower() for w in _M["stake_count_units"])
_BARE_OPENERS = frozenset(str(w).lower() for w in _M["count_noun_openers"])
_STAKE_KEY = str(_M["stake_count_key"])
_COUNT_NAMER = engines.compile(r"(?:^|\s)(?:" + patternbook.alternation(_M["count_noun_openers"]) + r"\s+\w|"
                             + patternbook.alternation(_M["count_sizes"]) + r"(?!\w))", regex.I)


def _counted(unit: str, after: str, subject: bool = False) -> tuple:
    """The counted phrase, and whether words qualify the noun before a clause end or a dangling preposition cut them.
    `ghi nhận 15 ca mắc mới tại Hải Dương`: a count whose words before it name no metric is named by what it
    counts, its unit and the words that qualify it after the figure (`ca mắc mới tại hải dương`), up to a
    punctuation mark, a figure, a time or a word that opens another clause (metrics.yaml `counted_phrase_stops`).
    None for a reference to things named before (`hai nước này`: metrics.yaml `counted_demonstratives`).
    `subject`: the count opens its clause (`count_is_subject`), and an aspect marker opens its predicate too. The flag
    (metrics.yaml `counted_clause_ends`, `dangling_preps`): `10 nhóm nói trên` names what it counts, `nhóm`, though
    the phrase is the bare unit (`count_metric` then takes no words from before the figure)."""
    rest, seg, end = [], "", None
    if after[:1].isspace():
        after = reader().before_time(after)
        if subject:
            after = _subject_noun(after)
        end, close = _COUNTED_STOP.search(after, None, None, False), None
        while end is not None and end.group(0).strip().lower() in _STOPS_IN_WORDS:
            word = _NEXT_WORD.match(after, end.end())
            pair = f"{end.group(0).strip().lower()} {word.group(1).lower()}" if word else ""
            if pair in _CLOSING_WORDS:   # `4 đội còn lại`: the remaining ones; what follows is their predicate
                end, close = None, word.end()
            elif pair in _WORDS_WITH_STOPS:   # `2 lần giảm giá`: a word, not the verb of a change
                end = _COUNTED_STOP.search(after, end.end(), None, False)
                continue
            break
        if close is not None:
            after = after[:close]
        if end is not None and end.group("this") and len(after[:end.start()].split()) <= _COUNTED_THIS_WORDS:
            return None, True   # (further on it closes another noun: `6 số may mắn trong kỳ quay thưởng lần này`)
        seg = after if end is None else after[:end.start()]
        rest = seg.lower().split()
    noun = unit.lower()
    phrase = _trimmed_count(" ".join(clipped(noun.split() + rest, _COUNTED_WORDS)), noun, _DANGLING)
    said = phrase != noun
    if said:
        cut = len(seg)
        if not _CLAUSE_END_FIRSTS.isdisjoint(rest):
            stop = _COUNTED_CLAUSE_END.search(seg)
            cut = stop.start() if stop is not None else cut
        person = metrics.named_person(seg[:cut]) if not seg[:cut].islower() else None   # (no capital: no name)
        if cut < len(seg) or person is not None:
            # `3 chàng người mẫu điển trai Lâm Bảo Châu`, `3 người con của bà Trần Lệ Hoa`: a person named after the
            # counted noun is one of those counted, not what qualifies them; the title before the name goes too
            words = clipped(noun.split() + seg[:cut if person is None else person].lower().split(), _COUNTED_WORDS)
            phrase = " ".join(metrics.strip_titles(words, len(noun.split())) if person is not None else words)
        elif phrase.split() == noun.split() + rest:
            phrase = _before_stop(phrase, noun, end.group(0) if end is not None else None)
        phrase = _trimmed_count(phrase, noun)
    return phrase, said


# words that lead the figure after them (an approximation, a range's or a change's start, a time's preposition, metrics.yaml
# `counted_figure_leads`): left at a counted phrase's end when that figure stopped it
_FIGURE_LEADS = _Phrases({tuple(str(w).lower().split()) for w in _COPULA_BOUNDS + patternbook.load("cues")["range_lead"]
                        + _M["counted_figure_leads"]})
_FIGURE_LEADS_NOT_AFTER = frozenset(str(w).lower() for w in _M["counted_figure_leads_not_after"])
_LOCATIVES = frozenset(str(w).lower() for w in _M["locative_openers"])
_SPLIT_AUXILIARIES = frozenset(str(w).lower() for w in _M["clause_words"] if " " not in str(w))
_STOP_SPLIT_KEPT = frozenset(str(w).lower() for w in _M["counted_split_kept"])


def _before_stop(phrase: str, noun: str, stop: str | None) -> str:
    """A counted phrase cut where what it ran into begins, since that is no part of the thing counted: the first
    syllable of a word the stop ends (`2 đơn vị đối [với]`; with its auxiliary, `được gọi [là]`), or the words
    leading the next figure (`46 điểm sau [28 trận]`), unless they say where (`tại hơn [430 thành phố]`).
    (Viet74K; metrics.yaml `counted_split_kept`, `locative_openers`)"""
    words, first = phrase.split(), len(noun.split())
    if stop is None or stop[1:2].isdigit():
        kept = words
        while (n := _ends_with(words[first:], _FIGURE_LEADS)) and (words[-n - 1] not in _FIGURE_LEADS_NOT_AFTER or (
                len(words) > n + 1 and joins(words[-n - 2], words[-n - 1]))):   # (`lạ mặt`: a word, no side)
            words = words[:-n]
        if len(words) > first and words[-1] in _LOCATIVES:
            words = kept   # `3.000 cửa hàng tại hơn [430 thành phố]`
    elif stop[:1].isspace() and len(words) > first and joins(words[-1], stop.split()[0].lower()) \
            and not joins(words[-2], words[-1]) and words[-1] not in _STOP_SPLIT_KEPT:
        words = words[:-1]
        while len(words) > first and words[-1] in _SPLIT_AUXILIARIES and not joins(words[-2], words[-1]):
            words = words[:-1]   # `hai hồ nước nhỏ được gọi [là]`: the verb went, its auxiliary goes with it
    return " ".join(words)


def _trimmed_count(phrase: str, noun: str, ends: frozenset | None = None) -> str:
    """`trimmed` for a counted phrase, which keeps its noun first (`khách hàng được nhận toàn bộ số tiền`: a value
    word at its end is no thing's value, `value_of_thing` does not turn it round)."""
    cut = trimmed(phrase, ends, praise=False) or noun   # (`phần quà hấp dẫn`: a counted kind keeps its praise)
    return cut if cut.startswith(noun) else phrase


# (a period inside an abbreviated name is no stop: capitals glued on both sides, `TP.HCM`, `M.U`, `N.T.C`, or two or
# three capitals then a blank and a capitalised word, `TP. Hồ Chí Minh`; case-sensitive, as an abbreviation is)
_COUNTED_STOP = regex.compile(r"[,;:()\n\"“”!?–…+]|(?-i:(?<!(?<!\w)\p{Lu}{1,3})\.|\.(?!\p{Lu})(?:(?<!(?<![\w.])\p{Lu}{2,3}\.)|(?!\s\p{Lu})))|\s-\s|\s\d|\s(?P<this>" + patternbook.alternation(_M["counted_demonstratives"])
                              + r")(?!\w)(?!\s+" + patternbook.alternation(_M["counted_demonstrative_copulas"]) + r"(?!\w))|\s" + patternbook.alternation(_M["counted_phrase_stops"]) + r"(?!\w)", regex.I)
_WORDS_WITH_STOPS = frozenset(str(w).lower() for w in _M["counted_words_with_stops"])
_CLOSING_WORDS = frozenset(str(w).lower() for w in _M["counted_closing_words"])
_STOPS_IN_WORDS = frozenset(w.split()[0] for w in _WORDS_WITH_STOPS | _CLOSING_WORDS)
_NEXT_WORD = engines.compile(r"\s+(\w+)")
_SUBJECT_PREDICATE = engines.compile(r"\s" + patternbook.alternation(_M["subject_predicate_markers"]) + r"(?!\w)", regex.I)
_SUBJECT_EVENT_END = regex.compile(r"\s(?:" + patternbook.alternation(_M["subject_event_adjuncts"]) + r")(?!\w)|"
                                   + _COUNTED_STOP.pattern, regex.I)
_SUBJECT_EVENT_WORDS = int(_M["subject_event_words"])
_SUBJECT_LEAD = engines.compile(r"(?:" + patternbook.alternation(_M["subject_count_leads"]) + r"(?!\w)\s*)*", regex.I)


def _subject_noun(after: str) -> str:
    """The words after a subject count up to its predicate's aspect marker (`10 đội bóng đã tuyên bố rút lui khỏi
    ...` -> `đội bóng`), unless the predicate is a verb with no object, the event of those counted (metrics.yaml
    `subject_event_words`): `50 người đã thiệt mạng trong ...` -> `người đã thiệt mạng`."""
    m = _SUBJECT_PREDICATE.search(after)
    if m is None:
        return after
    predicate = _before_first(_SUBJECT_EVENT_END, after[m.end():])
    return after[:m.end()] + predicate if 0 < len(predicate.split()) <= _SUBJECT_EVENT_WORDS else after[:m.start()]


def count_is_subject(before: str) -> bool:
    """`10 đội bóng đã tuyên bố ...`, `Gần 100 tàu cá ... đã vào bờ`: nothing before the count in its clause but an
    approximation or plural word (metrics.yaml `subject_count_leads`) since the last comma (a fronted time or frame:
    `Năm nay, 12 doanh nghiệp ... đã nộp`): the count is the clause's subject."""
    return _SUBJECT_LEAD.fullmatch(before.rpartition(",")[2].strip()) is not None


_COUNTED_CLAUSE_END = engines.compile(r"\s" + patternbook.alternation(_M["counted_clause_ends"]) + r"(?!\w)", regex.I)
_CLAUSE_END_FIRSTS = frozenset(str(w).split()[0].lower() for w in _M["counted_clause_ends"])
_COUNTED_THIS_WORDS = 2   # (`hai thể chế tài chính này`; not `đó là`, a copula: `3 công ty ... bất động sản đó là`)
_COUNTED_WORDS = int(_M["counted_phrase_words"])


def _names_counted(metric: str) -> bool:
    """`số doanh nghiệp giải thể`, `tổng số hộ nghèo`: a count-noun opener (metrics.yaml `count_noun_openers`)
    and a word that is not empty after it: the phrase is the number of those, a metric though it holds no
    metric noun (not `số này`, `số đó`)."""
    m = metrics.COUNT_OPENER.match(metric)
    if m is None:
        return False
    rest = metric[m.end():].split()
    if not rest or not rest[0][:1].isalpha() or _is_empty(rest[0]) and not _person_then_word(rest) \
            or joins(metric[:m.end()].split()[-1], rest[0]) and not (len(rest) > 1 and joins(rest[0], rest[1])):
        return False   # (`số 39`: a number's label; `số liệu`: one word; but `số học sinh`: `số` + `học sinh`)
    return " ".join(rest[:2]) not in _LABEL_NUMBERS and rest[0] not in _LABEL_NUMBERS


_LABEL_NUMBERS = frozenset(str(w).lower() for w in _M["label_numbers"])


def _person_then_word(rest: list) -> bool:
    """`số người mắc bệnh`, `số người được tiêm`: a person noun (an empty word alone: `số người`)
    and words after it that are not all empty name whom the count is of (`số người này` does not)."""
    return rest[0].lower() in _SHARE_PERSONS and len(rest) > 1 and rest[1][:1].isalpha() \
        and not _is_empty(" ".join(rest[1:]))


_COUNT_VERBS = frozenset(str(w).lower() for w in _M["money_verbs"] + _M["count_verb_keys"])


def _verbs_only(metric: str, verbs: frozenset = _COUNT_VERBS) -> bool:
    """Every metric word of `metric` is a verb of spending or giving (metrics.yaml `count_verb_keys`): `hỗ trợ`
    before `40 trường hợp` says what is done with them; False when the spans cannot be read. (Not the stake verbs:
    `sở hữu 20 triệu cổ phiếu` is a holding; telling it from `sở hữu 5 tàu ngầm` needs the count's unit: `count_metric`
    asks with `verbs` the stake verbs.)"""
    if metrics.COUNT_OPENER.match(metric):
        return False   # `số hộ được hỗ trợ`: the number of those the verb deals with
    spans = reader().heads.spans(metric)
    return bool(spans) and all(" ".join(metric[a:b].lower().split()) in verbs for a, b in spans)


# a phrase opening with a size measured in a count (metrics.yaml `counted_sizes`: `dân số`, `sức chứa`)
_COUNTED_SIZE = engines.compile(r"^" + patternbook.alternation(_M["counted_sizes"]) + r"(?!\w)", regex.I)



def _whole_head(metric: str) -> bool:
    """Some metric noun of `metric` is a whole word: a one-syllable noun not the first syllable of a longer
    word (`thu hút`, `tiền đạo`, `tổng thống`: Viet74K) nor the last (`tạm thu`); True when the spans cannot be read."""
    spans = reader().heads.spans(metric)
    if not spans:
        return True
    for a, b in spans:
        before, after = metric[:a].split(), metric[b:].split()
        head = metric[a:b].split()
        if len(head) > 1 or not (after and joins(head[0], after[0]) or before and joins(before[-1], head[0])):
            return True   # (a noun of two syllables or more is read whole: `tổng số nhân lực`, `lượng khách du lịch`)
    return False


def choose(before: str | None, after: str, cls: str) -> str | None:
    """Between the words before a figure and a noun right after it (`chiếm 60% tổng doanh thu`,
    `1,5 triệu tấn LPG`): the noun after names a material measured or the whole a share is of,
    unless the words before already name a metric noun and the words after do not. A short
    verb phrase before a measure joins its material (`tiêu thụ ... than thương phẩm`)."""
    if before and _SOURCE_ONLY.fullmatch(before):
        before = None   # `Thống kê cho thấy 61% ...`: the source of the figure, not what it measures
    noun = _noun_after(after, 8, enum=cls == "ratio") if not (cls == "measure" and metrics.opens_predicate(after)) else None
    if noun is None and cls == "ratio":
        noun = _share_among(after)
    if noun is None and cls == "ratio" and not (before and has_head(before)):
        # `có 28% các cuộc tấn công ...`, `10% người dân ...`: when the words before name nothing, the persons or
        # the plural noun after a bare percentage are what it is a share of
        noun = _noun_after(after, 8, enum=True, plural=True)
    if noun is None and cls == "ratio" and not before:
        noun = _negated(after)
    if noun is None:
        return before
    r = reader()
    if cls == "measure" and before and len(noun.split()) > _MATERIAL_WORDS and metrics.names_size(before) \
            or cls == "measure" and before and metrics.names_size(before, adjective_only=True):
        # `độ cao 128 m xuyên qua ...`, `bãi biển dài gần 8km đồng thời ...`: a size, and a clause after it,
        # no material (`khối lượng 12m3 gỗ` keeps its short material noun)
        return before
    if cls == "measure" and before and len(before.split()) > 4 and metrics.owned_size(before):
        return before   # `cốp đựng đồ có dung tích 19 lít đủ để chứa`: the size and what it is of; no material after
    if cls == "measure" and before and not has_head(before):
        # `tiêu thụ 1.945.000 tấn than thương phẩm`: the activity and its material
        ms = list(r.marker.finditer(before))
        verb = before[ms[-1].end():] if ms else before
        if len(verb.split()) <= 5:
            return " ".join(clipped((verb + " " + noun).split(), 12))
    if cls == "measure" and before and len(before.split()) <= 4 and not has_head(noun):
        return " ".join(clipped((before + " " + noun).split(), 12))
    if before and has_head(before) and (not has_head(noun) or r.wholes.match(noun)):
        return before
    return noun


_DANGLING = frozenset(str(w).lower() for w in _M["dangling_ends"])
_DANGLING_PREPS = frozenset(str(w).lower() for w in _M["dangling_preps"])
_DANGLING_ALL = _DANGLING | _DANGLING_PREPS | frozenset(str(w).lower() for w in _M["dangling_particles"])
_DANGLING_ADVERBS = sorted((tuple(str(w).lower().split()) for w in _M["dangling_adverbs"]), key=len, reverse=True)
_DANGLING_ADVERB_LASTS = frozenset(a[-1] for a in _DANGLING_ADVERBS)   # (the cheap test: most phrases end otherwise)


_QUOTE_MARKS = '"“”'


def _unquoted(metric: str | None) -> str | None:
    """`"bình quân năng suất dưa hấu vụ này`: a quotation opened or closed around the words before a figure is
    punctuation, no part of the phrase (its words are what a reader compares); None when nothing else is left."""
    if not metric or not any(q in metric for q in _QUOTE_MARKS):
        return metric
    return " ".join(metric.translate({ord(q): " " for q in _QUOTE_MARKS}).split()) or None


def _ending(words: list, phrases, whole: bool = True) -> int:
    """The length of the first of `phrases` (word tuples, longest first) that `words` end with, with a word before it
    (and, `whole`, no syllable of that word's: `thực hiện`, `đồng đều`); 0 for none."""
    for phrase in phrases:
        n = len(phrase)
        if len(words) > n and tuple(words[-n:]) == phrase and not (whole and joins(words[-n - 1], words[-n])):
            return n
    return 0


def _without_adverbs(words: list) -> list:
    """`words` without the adverbs they end with (metrics.yaml `dangling_adverbs`, longest first), each cut only
    when it is no syllable of the word before (`thực hiện`, `đồng đều`); at least one word is kept."""
    while len(words) > 1 and words[-1] in _DANGLING_ADVERB_LASTS:
        n = _ending(words, _DANGLING_ADVERBS)
        if not n:
            break
        del words[-n:]
    return words


_PRAISE = sorted((tuple(str(w).lower().split()) for w in _M["praise_words"]), key=len, reverse=True)
_PRAISE_LASTS = frozenset(p[-1] for p in _PRAISE)
_INTENSIFIERS = sorted((tuple(str(w).lower().split()) for w in _M["praise_intensifiers"]), key=len, reverse=True)
_NAMED_ENDS = frozenset(" ".join(str(w).lower().split()) for w in [p for p, _ in metrics._key_entries()[0]]
                        + _M["measure_heads"]) - _BARE_PRICES
_NAMED_END_WORDS = max(len(w.split()) for w in _NAMED_ENDS)


def _without_praise(words: list) -> list:
    """`diện tích rộng rãi`, `giá khá rẻ`, `lợi nhuận ấn tượng`: `words` without a judging word they end with (and its
    intensifier) when the words before end with a metric noun (metrics.yaml `praise_words`); else `words`. A bare price
    only when nothing is before it: `nhà giá rẻ`, `smartphone giá rẻ` name a budget good, not a price."""
    n = _ending(words, _PRAISE)
    if not n:
        return words
    rest = words[:-n]
    k = _ending(rest, _INTENSIFIERS, whole=False)
    rest = rest[:-k] if k else rest
    if " ".join(rest) in _BARE_PRICES or any(" ".join(rest[-k:]) in _NAMED_ENDS
                                             for k in range(1, min(len(rest), _NAMED_END_WORDS) + 1)):
        return rest
    return words


def trimmed(metric: str | None, ends: frozenset | None = None, praise: bool = True) -> str | None:
    """`tín dụng ngân hàng hợp nhất tại` (a date blanked after it), `thị phần tại mỹ của lg hiện`: a stored
    metric does not end with a preposition or an adverb left dangling (metrics.yaml `dangling_ends`, `dangling_preps`,
    `dangling_particles`:
    `ends`, the words cut, when not all of them), nor with a value word (`value_of_thing`), nor (`praise`) with a word
    judging the amount (`_without_praise`)."""
    ends = _DANGLING_ALL if ends is None else ends
    metric = _unquoted(metric)
    if not metric:
        return metric
    if metric.endswith(_VALUE_END_LAST):
        metric = value_of_thing(metric)
    if metric[-1] in "/-,":
        # `3GB RAM/32GB ROM`, `A - B - 20%`: a slash, a spaced dash or a comma joins the next item; nothing is left to join
        metric = regex.sub(r"(?:/|\s-|,)+$", "", metric) or metric
    words = metric.split()
    if praise and words[-1] in _PRAISE_LASTS:
        words = _without_praise(words)
        metric = " ".join(words)
    if words[-1] not in ends and words[-1] not in _DANGLING_ADVERB_LASTS:
        return metric   # (two set tests for most phrases)
    while True:
        n = len(words)
        while len(words) > 1 and words[-1] in ends and not joins(words[-2], words[-1]):
            words.pop()   # (not a word's last syllable: `phát hiện`, `tiếp theo`, `đối với`)
        words = _without_adverbs(words)   # `giá bán hiện đang ở` -> `giá bán`
        if len(words) == n:
            break
    return " ".join(words) if words[-1] not in ends or len(words) > 1 and joins(words[-2], words[-1]) else metric


_PRICE_KEYS = frozenset(str(k) for k in _M["price_keys"])


def priced_measure(key: str | None) -> bool:
    """A measure (kg, GB, m2) whose phrase names a price (`ốc hương loại lớn giá` for `0,5 kg`, `giá của sản phẩm`
    for `(64GB)`) has read the words of the money figure beside it: it names no measured thing of its own."""
    return key in _PRICE_KEYS


_GOODS_PRICE_KEYS, _GOODS_PRICE_WORD = metrics._GOODS_PRICE_KEYS, metrics._GOODS_PRICE_WORD
_GOODS = tuple(sorted({p.lower() for p, k in metrics._key_entries()[0] if k in _GOODS_PRICE_KEYS}))


def goods_priced(metric: str | None, key: str | None, per: str) -> str | None:
    """`xăng E5 cao nhất là 16.871 đồng/lít`, `dầu hỏa giảm 261 đồng/lít`: money per unit (`per`) whose phrase opens
    with a good's bare name keyed as its price (metrics.figure_key) names the good, not what is measured; the metric
    is its price (`giá xăng e5 cao nhất`). Not a phrase naming the good further on (`thu từ dầu thô`), nor an amount
    or a percentage with no unit it is per (`xăng dầu đạt 510 triệu USD, giảm 23,6%`: the value imported)."""
    if per and key in _GOODS_PRICE_KEYS and metric and metric.startswith(_GOODS) \
            and _GOODS_PRICE_WORD not in metric.split() and any(metric == g or metric.startswith(g + " ") for g in _GOODS):
        return f"{_GOODS_PRICE_WORD} {metric}"
    return metric


_SIZE_KEYS = frozenset(str(k) for k in _M["size_keys"])


def sized(key: str | None) -> bool:
    """A size (an area, a capacity, an index's level): a count after it counts other things (`có diện tích 120 m2,
    gồm 4 phòng ngủ`, `VN-Index tăng 12 điểm, 300 mã tăng giá`) and takes none of its words."""
    return key in _SIZE_KEYS


_VALUE_ENDS = sorted((tuple(str(w).lower().split()) for w in _M["value_end_words"]), key=len, reverse=True)
_VALUE_END_LAST = tuple({w[-1] for w in _VALUE_ENDS})   # (the cheap test: most phrases end otherwise)
_THING_OPENERS = frozenset(str(w).lower() for w in _M["value_thing_openers"])
_THING_DROPPED = frozenset(str(w).lower() for w in _M["value_thing_dropped"])
_THING_WORDS = int(_M["value_thing_words"])
# where the words before the thing end: a clause marker, a link, a verb that takes the thing, a preposition (not `và`:
# `trái phiếu chính phủ và doanh nghiệp` is one thing)
_THING_BOUNDS = frozenset(tuple(str(w).lower().split()) for k in (
    "clause_markers", "predicate_links", "with_links", "money_verbs", "stake_verbs", "lead_verbs", "object_verbs",
    "share_verbs", "reporting_verbs", "adverbial_openers", "value_thing_bounds")
    for w in _M[k])
_THING_BOUND_LEN = max(len(b) for b in _THING_BOUNDS)


def value_of_thing(metric: str) -> str:
    """`cặp đôi có một ngôi nhà phố trị giá` -> `trị giá ngôi nhà phố`: a phrase ending with a value word
    (metrics.yaml `value_end_words`) names the value of the noun phrase right before it; the clause around that
    noun phrase (its owner, the verb that takes it) is no part of what is measured. Unchanged when that noun phrase
    cannot be told (no opener or boundary within `value_thing_words` words, or nothing before the value word)."""
    words = metric.split()
    low = [w.lower() for w in words]
    end = next((e for e in _VALUE_ENDS if len(low) >= len(e) and tuple(low[-len(e):]) == e), None)
    if end is None or len(low) == len(end) or joins(low[-len(end) - 1], low[-len(end)]):
        return metric   # (`giá trị`-like words: the value word is a syllable of a longer word)
    value, thing = words[-len(end):], words[:-len(end)]
    if _ending([w.lower() for w in thing], _VALUE_NOT_AFTER, whole=False):
        return metric   # `giải thưởng vô cùng giá trị` (valuable), `mua ròng mạnh nhất về giá trị` (in value)
    if thing and thing[-1].lower() in reader().with_links:
        thing = thing[:-1]   # `giải thưởng hấp dẫn với tổng trị giá`
    start = None
    for i in range(len(thing) - 1, max(-1, len(thing) - 1 - _THING_WORDS), -1):
        w = thing[i].lower()
        if w in _THING_OPENERS and (i + 1 < len(thing) and thing[i + 1][:1].isdigit() or i and joins(thing[i - 1], w)):
            continue   # `kỳ số 76`, `quay số`: a label's number or a syllable of a word, no noun phrase
        if w in _THING_OPENERS and not (i + 1 < len(thing) and joins(w, thing[i + 1].lower())):
            start = i + (w in _THING_DROPPED)
            break
        bound = next((n for n in range(_THING_BOUND_LEN, 0, -1) if i - n + 1 >= 0
                      and tuple(x.lower() for x in thing[i - n + 1:i + 1]) in _THING_BOUNDS), 0)
        if bound and not (i - bound >= 0 and joins(thing[i - bound].lower(), thing[i - bound + 1].lower())) \
                and not (i + 1 < len(thing) and joins(w, thing[i + 1].lower())):
            start = i + 1
            break
    if start is None:
        start = 0 if len(thing) <= _THING_WORDS else None
    if start is None or len(thing) - start < 2 or " ".join(thing[start:]).lower() in _THING_OPENERS:
        return metric   # (`toàn bộ số tiền`: a quantifier, no thing)
    return " ".join(value + thing[start:])


_VALUE_NOT_AFTER = sorted((tuple(str(w).lower().split()) for w in _M["value_end_not_after"]), key=len, reverse=True)
_LEVEL_OPENER = engines.compile(r"^" + patternbook.alternation(_M["level_change_openers"]) + r"(?:\s+"
                              + patternbook.alternation(_M["level_change_adverbs"]) + r")?\s+(?:của\s+)?", regex.I)
_LEVEL_CUE = engines.compile(r"(?<!\w)" + patternbook.alternation(patternbook.load("compare")["level_after_change"]) + r"(?:\s+"
                           + patternbook.alternation(patternbook.load("compare")["level_after_hedges"])
                           + r"){0,2}\s*$", regex.I)
_LEVEL_NOUN = engines.compile(r"^" + patternbook.alternation(_M["level_change_nouns"]), regex.I)
_LEVEL_JOIN = engines.compile(r"^\s*(?:" + patternbook.alternation(_M["level_list_joiners"]) + r")?\s*$", regex.I)


def reached_level(before: str, prev_level: bool) -> bool:
    """The figure is the level a change reached: its words end on `xuống còn`, `lên mức`... (compare.yaml
    level_after_change), or it is listed right after such a level (`xuống còn 24,99 triệu đồng và 27,99 triệu đồng`)."""
    return _LEVEL_CUE.search(before) is not None or prev_level and _LEVEL_JOIN.match(before) is not None


def level_reached(metric: str | None) -> str | None:
    """The metric of a level a change reached (metrics.yaml level_change_openers): `mức giảm giá` -> `giá`; kept
    when what is left names no metric (`mức giảm sâu nhất`)."""
    if not metric:
        return metric
    m = _LEVEL_OPENER.match(metric)
    if m is None or _LEVEL_NOUN.match(metric):
        return metric
    rest = metric[m.end():]
    return rest if rest and (has_head(rest) or metrics.metric_key(rest)) else metric


_NEGATION = engines.compile(r"\s+(" + patternbook.alternation(_M["share_negations"]) + r")(?=\s)", regex.I)


def _negated(after: str) -> str | None:
    """`52% tán thành và 42% không tán thành`, `14% chưa quyết định`: a bare percentage followed by a negated
    predicate is the share of those who do not; the negation is part of what is measured (metrics.yaml
    share_negations), never dropped to carry the positive figure's words."""
    m = _NEGATION.match(after)
    if m is None:
        return None
    rest = _noun_after(after[m.end():], 8, plural=True)
    return f"{m.group(1).lower()} {rest}" if rest else None


_SOURCE_ONLY = engines.compile(patternbook.alternation(_M["source_nouns"]), regex.I)
_AMONG_PRONOUN = engines.compile(r"\s+" + patternbook.alternation(_M["thing_pronouns"] + _M["pronoun_subjects"])
                               + r"(?!\w)", regex.I)
_AMONG = engines.compile(r"\s+" + patternbook.alternation(_M["share_among"]) + r"(?=\s)", regex.I)


def _share_among(after: str) -> str | None:
    """`61% trong số những lỗ hổng ...`: a percentage of a set named after `trong số` (metrics.yaml share_among)."""
    m = _AMONG.match(after)
    if m is None or _AMONG_PRONOUN.match(after, m.end()):
        return None   # `11% trong số chúng nằm ...`: the set is named before, a pronoun names nothing
    return _noun_after(after[m.end():], 8, enum=True, plural=True)
