"""Which year and period a figure is about, and which year an article reports on.

Takes plain values: the time mentions of `timeexpr`, the offsets of a figure, its
clause, sentence and paragraph, and the publication date. A figure takes the
nearest time expression that governs it; a base (`so với năm 2019`), a start
(`từ năm 2010`), a birth year, another event's year or a caption's date never
does, except for a figure inside that phrase (`so với mức 2,4% của năm 2016`).
"""
from __future__ import annotations

import datetime as _dt
import functools
from collections import Counter
from dataclasses import dataclass, replace
from typing import NamedTuple

import regex

from . import engines
from . import meaning, numbers, patternbook, timeexpr

# (the hot `regex` calls pass `concurrent=False` positionally, `p.match(s, pos, endpos, False)`: no GIL release and
# retake around each short match)


@dataclass(frozen=True)
class DocYears:
    """The years an article is anchored on.

    `now`: when it was written (publication year; undated, the latest year its text speaks
    of as past or present). `report`: the year it reports on (an annual review published in
    January or February: the year just ended). `main`: its most named year (not bases,
    births, events, captions)."""
    pub: _dt.date | None
    now: int | None
    report: int | None
    main: int | None


_TERM_YEARS = 11   # a span of at most this many years is a term or a plan's period (`nhiệm kỳ 2015-2020`)
# A year before this one (read only after `năm` or in a date: `Năm 1942, ...`) is history told: it dates the figures
# of its sentence, never the time an article was written or reports on.
_FIRST_NEWS_YEAR = 1950


def _history_year(t) -> bool:
    """A year before `_FIRST_NEWS_YEAR` dates the figures of its own sentence only: the sentences after it most
    often tell what still is (`Thiết giáp hạm ... được trang bị 9 pháo`, `Học phí mỗi năm khoảng 44.000 USD`)."""
    return t.year is not None and t.year < _FIRST_NEWS_YEAR


def _history(t) -> bool:
    """A span longer than a term (`1958-1980`, `kỷ niệm 25 năm (1992-2017)`): history told up to its last year,
    which the text speaks of as past (as it does of a plain year), and no frame for the years inside it."""
    return t.period is not None and "/" in t.period and _years_long(t.period) > _TERM_YEARS


def _votes(explicit, text: str = "") -> Counter:
    """Each plain year mention votes for its year; a base (`so với năm 2019`) for the year it puts the text in
    (`_after_base`)."""
    votes: Counter = Counter()
    for t in explicit:
        if _history_year(t):
            continue
        if t.year is None and t.role is None and _history(t) and not t.compared:
            votes[int(t.period[-4:])] += 1   # `Phantom VII: 2003 – 2016`: history told up to its last year
            continue
        if t.year is None or t.relative or t.period is None:
            continue
        if t.compared:
            votes[_after_base(t, text)] += 1
        elif t.role in (None, "name", "make"):   # (`World Cup 2018`, `xe đời 2016`: still years it speaks of)
            votes[t.year] += 1
    return votes


_MONTH_BASE = engines.compile(r"\d{4}-\d\d")


def _after_base(t, text: str) -> int:
    """The year a text comparing with base `t` is at least in: the year after a year's, a quarter's, a half's
    or a day's base (`so với năm 2019`, `so với 6 tháng đầu năm 2016`, `so với 31/12/2016`: most often the same
    period a year before), a month's own year (`so với tháng 1.2017` is often a month of the same year; not
    December's: `so với tháng 12/2016` is the month before January), a plan's own year (`so với kế hoạch năm
    2017`: cues.yaml base_cues between the cue and the year)."""
    if t.period is not None and _MONTH_BASE.fullmatch(t.period) and not t.period.endswith("-12"):
        return t.year
    if t.cue_start is not None and _plan_base().search(text, t.cue_start, t.start):
        return t.year
    return t.year + 1


@functools.lru_cache(maxsize=1)
def _plan_base():
    return engines.compile(patternbook.alternation(patternbook.load("cues")["base_cues"]))


@functools.lru_cache(maxsize=1)
def _term_end():
    """time.yaml `term_end_before` right before a day or month (`đến ngày 17.4.2019`)."""
    data, alt = patternbook.load("time"), patternbook.alternation
    # (reverse, ending in blanks then `$`: `match` from the end finds what `search` does, trying one place)
    return regex.compile(alt(data["term_end_before"]) + r"\s+(?:" + alt(data["term_end_units"]) + r"\s+)?$",
                         regex.I | regex.REVERSE)


@functools.lru_cache(maxsize=1)
def _horizon():
    """time.yaml `horizon_before` right before a year, inside a clause (`quy hoạch đến năm 2020`, `hoàn thành
    trước năm 2025`, after a bracket too: `quy hoạch đảo Phú Quốc (tỉnh Kiên Giang) đến 2030`, or opening one: `giai
    đoạn 2 (đến năm 2030) công suất 10.000 m3`); not opening a sentence or clause (`Đến
    năm 2011, ông nghỉ hưu`, `nhưng đến năm 2013 thì`: a story told)."""
    data, alt = patternbook.load("time"), patternbook.alternation
    unit = r"(?:" + alt(data["horizon_units"]) + r"\s+)?"
    listed = r"(?:" + timeexpr.Y + _year_gap() + r")?"
    # (reverse, every way through ending in blanks then `$`: `match` from the end finds what `search` does)
    return regex.compile(r"(?:(?<=[\w)]\s+)(?<!(?<!\w)(?:" + "|".join(data["horizon_openers"]) + r")\s+)|(?<=\(\s*))"
                         + alt(data["horizon_before"]) + r"\s+" + unit + listed + "$", regex.I | regex.REVERSE)


@functools.lru_cache(maxsize=1)
def _plan_after():
    data = patternbook.load("time")
    return engines.compile(_plan_verb_after(data["plan_reach"], data["plan_verbs"]), regex.I)


def _plan_verb_after(reach: int, verbs) -> str:
    """A plan's verb at most `reach` words on in the clause (time.yaml plan_verbs, plan_year_verbs)."""
    words = lambda ws: "|".join(regex.escape(str(w), literal_spaces=True) for w in ws)
    return (r"\s*,?\s*(?:(?!(?:" + words(patternbook.load("time")["plan_clause_ends"]) + r")\s)[^\s,;.:!?()]+\s+){0,"
            + str(reach) + r"}?(?:" + words(verbs) + r")(?!\w)")


def _horizon_year(text: str, t) -> bool:
    """A whole year named as a deadline or horizon (`Theo quy hoạch đến năm 2020`, `trước năm 2025`): often still
    to come, no sign of when an undated text was written."""
    return bool(text) and t.period == str(t.year) and _horizon().match(text, max(0, t.start - 40), t.start, False) is not None


def _plan_year(text: str, t) -> bool:
    """A whole year after time.yaml `plan_year_before` (`đến`, `tới`, `vào`), even opening a clause, with a plan's verb
    in its clause (time.yaml plan_year_verbs: `Đến năm 2022, Đà Nẵng sẽ chuyển ...`, `vào năm 2019 sẽ ra mắt`): a year
    still to come, no sign of when an undated text was written (a clause-opening `Năm 2017, công ty sẽ ...`, `trong
    năm 2017 sẽ` is most often the text's own year)."""
    return (bool(text) and t.period == str(t.year) and t.role is None and not t.compared
            and _plan_year_rx()[0].match(text, max(0, t.start - 8), t.start, False) is not None
            and _plan_year_rx()[1].match(text, t.end) is not None)


def _planned_horizon(text: str, t) -> bool:
    """A plan's year (`_plan_year`), or a horizon (`_horizon_year`) a plan governs: a plan's verb after it (time.yaml
    plan_year_verbs: `Theo kế hoạch đến năm 2020 sẽ có 45.000 căn`) or a plan cue before it (`đặt mục tiêu đến năm
    2025`)."""
    return _plan_year(text, t) or (_horizon_year(text, t) and (_plan_year_rx()[1].match(text, t.end) is not None
                                                               or timeexpr.after_plan_cue(text, t.start)))


@functools.lru_cache(maxsize=1)
def _plan_year_rx():
    data = patternbook.load("time")
    return (regex.compile(r"(?<!\w)(?:" + patternbook.alternation(data["plan_year_before"]) + r")\s+$",
                          regex.I | regex.REVERSE),   # (reverse: `match` from the end, as `search` would find)
            engines.compile(_plan_verb_after(data["plan_year_reach"], list(data["plan_verbs"]) + list(data["plan_year_verbs"])),
                          regex.I))


def _dated_plan(text: str, t) -> bool:
    """A plan dated to a quarter, month or day: governed by a plan cue (`sẽ tăng lãi suất vào quý 4/2017`) or
    followed by a plan's verb (`cuối tháng 7/2017 Dự án sẽ hoàn thành`, `từ tháng 10/2017 sẽ chạy thử`)."""
    if t.year is None or t.period == str(t.year) or t.compared:
        return False
    return t.role == "future" or (t.role in (None, "start") and bool(text)
                                  and _plan_after().match(text, t.end) is not None)


def document_years(explicit, pub: _dt.date | None, lead_month: int | None = None, past: int = 0,
                   text: str = "") -> DocYears:
    """`lead_month`: an undated review's dateline month (timeexpr.review_month); `past`: how often
    the text says `năm qua`."""
    votes = _votes(explicit, text)
    main = max(sorted(votes, reverse=True), key=votes.__getitem__) if votes else None
    if pub is not None:
        now, month = pub.year, pub.month
    else:
        now, month = _undated_now(explicit, main, text), lead_month
        now = _after_dateline(explicit, now, text)
    report = now
    # an annual review written early in a year: it names the year before (or `năm qua`) more than its own
    if (now is not None and month is not None and month <= patternbook.load("time")["review_months"]
            and votes.get(now - 1, 0) + past > votes.get(now, 0)):
        report = now - 1
    return DocYears(pub, now, report, main)


def _after_dateline(explicit, now: int | None, text: str) -> int | None:
    """An undated text whose dateline names a month (`Chứng khoán chiều 8/2: ...`) and that tells of a later month,
    quarter or half of the year it is read to be written in as past (`kết quả kinh doanh quý IV/2016`, `từ giữa tháng
    9/2016`) was written the year after: by February of 2016 no September of 2016 had passed."""
    if now is None:
        return now
    lead = timeexpr.dateline_month(text)
    if lead is None:
        return now
    for t in explicit:
        if (t.year == now and t.role is None and not t.compared and not t.relative and t.period
                and _last_month(t.period) > lead and not _dated_plan(text, t) and _told_past(text, t)):
            return now + 1
    return now


def _told_past(text: str, t) -> bool:
    """The sentence of `t` tells of a past (time.yaml dateline_past_words: `đã`, `kết quả kinh doanh`) and of no plan
    (dateline_plan_words: `sẽ`, `phải`, `kế hoạch`): `lên kệ từ đầu tháng 3/2017` or `đến tháng 6/2017 phải hoàn thành`
    in a text of February 2017 tell of no past."""
    return _tells_past(text, *_sentence_around(text, t.start, t.end), _past_plan_words("dateline"))


def _sentence_around(text: str, a: int, b: int) -> tuple:
    """The bounds of the sentence holding text[a:b] by its marks alone (`.!?` or a newline): read before, or apart
    from, the document's split into sentences."""
    ends = [i for i in (text.find(c, b) for c in ".!?\n") if i >= 0]
    return max(text.rfind(c, 0, a) for c in ".!?\n") + 1, min(ends) if ends else len(text)


def _tells_past(text: str, a: int, b: int, words) -> bool:
    """text[a:b] holds a word of the past and none of a plan (`words`: the pair `_past_plan_words` gives)."""
    past, plan = words
    return past.search(text, a, b) is not None and plan.search(text, a, b) is None


@functools.lru_cache(maxsize=2)
def _past_plan_words(kind: str):
    """time.yaml `{kind}_past_words` and `{kind}_plan_words` as two case-blind whole-word patterns (`dateline`: what
    dates an undated text's dateline; `figure`: what keeps a figure of an undated text from being a plan)."""
    data = patternbook.load("time")
    return tuple(engines.compile(r"(?<!\w)" + patternbook.alternation(data[f"{kind}_{w}_words"]) + r"(?!\w)", regex.I)
                 for w in ("past", "plan"))


def _last_month(period: str) -> int:
    """The last month of a month's, a quarter's, a half's or nine months' period (`2016-09`, `2016-Q4`); 0 else."""
    tail = period[5:] if len(period) > 5 and period[4] == "-" else ""
    if tail.isdigit():
        return int(tail)
    return {"Q1": 3, "Q2": 6, "Q3": 9, "Q4": 12, "H1": 6, "H2": 12, "9M": 9}.get(tail, 0)


def _undated_now(explicit, main: int | None, text: str) -> int | None:
    """When an undated text was written: the latest year it speaks of as past or present (`_latest_past`); a plan
    dated to a quarter, month or day of the year after (`sẽ tăng lãi suất vào quý 4/2017`, `có hiệu lực từ ngày
    01/07/2017`) is one made in that year. A plan read from its verb (`kể từ ngày 15.3.2017 người Việt sẽ ...`)
    says the text is at least that late, as a past time would, but is no past to plan from (`cuối tháng 7/2017
    Dự án sẽ ...; quý II/2018 Dự án sẽ đưa vào khai thác` is written in 2017)."""
    if _story_year(explicit, text):
        return None
    plans = {t for t in explicit if _dated_plan(text, t)}
    now = _latest_past([t for t in explicit if t not in plans], main, text)
    if now is not None and any(t.year == now + 1 for t in plans):
        now += 1
    planned = _latest_past([t for t in plans if t.role != "future"], main, text)
    now = now if planned is None or (now is not None and now >= planned) else planned
    return None if now is not None and _told_as_story(explicit, now, text) else now


def _story_year(explicit, text: str) -> bool:
    """A text naming one year, once, as a whole year after time.yaml `story_cues` (`Nicki mua chiếc xe vào
    năm 1992`, `được đưa vào đây từ năm 2001`) tells when something happened, not when it was written: its other
    figures get no year (FACTS.md: null when nothing in the document tells)."""
    named = [t for t in explicit if t.year is not None and not t.relative and not _history_year(t)]
    if (len(named) != 1 or named[0].period != str(named[0].year) or named[0].role not in (None, "start")
            or named[0].compared):   # (`so với năm 2016`: a base, the text is later: `_after_base`)
        return False
    return _story_before().match(text, named[0].start, None, False) is not None


def _told_as_story(explicit, year: int, text: str) -> bool:
    """The latest year an undated text names is only a story's (`hồi năm 2015`, `vào năm 2003`, `từ năm 1968`): each
    of its mentions a whole year after time.yaml `story_cues`, and the year before it unnamed (a text written in
    a year most often names the one before: `tăng 5% so với năm 2016`); not a plan's (`từ năm 2017, công ty sẽ ...`:
    time.yaml plan_verbs, the text's own year). It tells when something happened, not when the text was written: the
    figures of its other sentences get no year (FACTS.md). (A year opening a sentence, `Năm 2015, thị trấn có 3 chợ`,
    is as often the year a text reports on: only `_story_year`, for a text naming no other year, reads it so.)"""
    own = [t for t in explicit if t.year == year and not t.relative]
    if not own or any(t.year == year - 1 for t in explicit):
        return False
    story, plan = _story_cue(), _plan_after()
    return all(t.period == str(year) and t.role in (None, "start") and not t.compared
               and story.match(text, t.start) is not None and plan.match(text, t.end) is None for t in own)


@functools.lru_cache(maxsize=1)
def _story_cue():
    return regex.compile(_story_cued() + _story_year_word(), regex.I)


@functools.lru_cache(maxsize=1)
def _story_before():
    return regex.compile(r"(?:" + _story_cued() + r"|(?<!\w\s*))" + _story_year_word(), regex.I)


def _story_cued() -> str:
    """After one of time.yaml story_cues (`vào`, `từ`, `hồi`): where the year word must start."""
    return r"(?<=(?<!\w)(?:" + "|".join(map(regex.escape, patternbook.load("time")["story_cues"])) + r")\s+)"


def _story_year_word() -> str:
    return patternbook.literal_trie(patternbook.load("time")["story_year_words"]) + r"\s"


def _latest_past(times, main: int | None, text: str) -> int | None:
    """The latest year `times` speak of as past or present (dates and starts count; plans, horizons and births
    do not; a prior base `so với cùng kỳ năm 2016` says the text is later), at most a year after the text's most
    named year (a forecast's year is often not worded as one)."""
    seen = [t.year for t in times if t.year is not None and t.role in (None, "start", "name", "make") and not t.compared
            and not _horizon_year(text, t) and not _plan_year(text, t)]
    seen += [int(t.period[-4:]) for t in times if t.year is None and t.role is None and _history(t)
             and not t.compared]
    seen += [_after_base(t, text) for t in times if t.year is not None and t.compared]
    if main is not None:
        seen = [y for y in seen if y <= main + 1]
        # a day or a month of a year not said to be to come (`ngày 3.11.2016`, `tháng 5.2015`) was written
        # about a time already past: the text is at least that late, however often it names earlier years
        # (not the end of a term, `đến ngày 17.4.2019`, often still to come)
        seen += [t.year for t in times if t.year is not None and t.role is None and not t.compared
                 and (t.period is None or "-" in t.period) and not t.relative
                 and not _term_end().match(text, max(0, t.start - 12), t.start, False)]
    latest = max((y for y in seen if y >= _FIRST_NEWS_YEAR), default=None)   # (history told is no time of writing)
    if latest is not None and any(t.year == latest and _planned_horizon(text, t) for t in times):
        # the latest year is also a plan's horizon, two years or more after any other the text tells of: a plan's,
        # not the time of writing, wherever else it is named (`năm 2016 đạt 3 tỷ USD ... phấn đấu đến năm 2025 đạt
        # 10 tỷ USD ... xuất khẩu 10 tỷ USD năm 2025`); a plan of the next year may be the text's own year's
        rest = _latest_past([t for t in times if t.year != latest], main, text)
        if rest is not None and rest + 1 < latest:
            return rest
    return latest


def anchor(text: str, explicit, pub: _dt.date | None) -> tuple:
    """The article's years and every time mention, relative ones resolved against them."""
    review_month = None if pub else timeexpr.review_month(text)
    years = document_years(explicit, pub, review_month, text=text)
    if not years.now:
        return years, explicit
    explicit = _names_past(explicit, years.now)
    times = timeexpr.relative_mentions(text, explicit, years.now, years.report, years.now)
    past = timeexpr.past_count(times)
    if past and years.report == years.now:
        # `Trong năm qua, ...` in a review of January: the year just ended is the one reported on
        again = document_years(explicit, pub, review_month, past, text)
        if again.report != years.report:
            years = again
            times = timeexpr.relative_mentions(text, explicit, years.now, years.report, years.now)
    return years, times


def _names_past(found, now: int):
    """An event named with a year not after the article's (`V-League 2016`, `World Cup 2014`) dates its figures as
    that year does; one still to come (`vòng loại World Cup 2022` in 2021) is only a name (role `name`)."""
    if not any(t.role == "name" for t in found):
        return found
    return [replace(t, role=None) if t.role == "name" and t.year <= now else t for t in found]


def _usable(t) -> bool:
    return (not t.compared and t.role in (None, "future")
            and (t.year is not None or bool(t.period and "/" in t.period)))


class Span(NamedTuple):
    """Offsets around one figure: its own segment (after the previous figure of the
    sentence), clause, sentence, and where the next figure starts. (A tuple: made for every figure.)"""
    start: int
    end: int
    segment: int
    clause_start: int
    clause_end: int
    sentence_start: int
    sentence_end: int
    next_figure: int


def attribute(text: str, q: Span, times, years: DocYears, title_time=None, recent_sentences=(), carried=None) -> tuple:
    """(year, period, time_source) of one figure; `times` sorted by start. `carried`: a dict for the
    document's figures whose sentence names no time, when the caller gives each sentence's figures the same
    `times` and `recent_sentences` (their answer is then the sentence's: made once)."""
    same = _same_period_start(text, q)
    if same is not None:
        # `so với mức lỗ cùng kỳ là hơn 1.908 tỷ đồng`: the year before the time the figure takes without `cùng kỳ`
        year, period, how = _attribute_figure(text, q, [t for t in times if t.start != same], years, title_time,
                                              recent_sentences, None)
        if year is None:
            return year, period, how
        if period and period[:4].isdigit() and "/" not in period:
            period = str(int(period[:4]) - 1) + period[4:]
        return year - 1, period, how
    return _attribute_figure(text, q, times, years, title_time, recent_sentences, carried)


def _attribute_figure(text: str, q: Span, times, years: DocYears, title_time, recent_sentences, carried) -> tuple:
    local = [t for t in times if q.sentence_start <= t.start < q.sentence_end]
    if not local:   # most figures: no time in their sentence (what `_attribute` and `_with_period` then do)
        if carried is None:
            return _carried(q, times, years, title_time, recent_sentences, text) or (None, None, None)
        key = (q.sentence_start, q.sentence_end)
        found = carried.get(key)
        if found is None:   # (`_carried` reads no more of the figure than its sentence)
            found = carried[key] = _carried(q, times, years, title_time, recent_sentences, text) or (None, None, None)
        return found
    found = _attribute(text, q, [_implied(t, years, text, local) for t in local], times, years, title_time,
                       recent_sentences)
    if found is None:
        return None, None, None
    year, period, how = found
    return year, _with_period(q, local, year, period), how


def _same_period_start(text: str, q: Span) -> int | None:
    """Where a bare `cùng kỳ` right before the figure starts (time.yaml same_period_figure: `so với mức lỗ cùng kỳ là
    hơn 1.908 tỷ đồng`, `(cùng kỳ vẫn có lãi 116,6 tỷ đồng)`); else None. (`cùng kỳ` itself may be a mention: the
    caller reads the figure's time without it.)"""
    a = max(q.segment, q.start - 60)
    if "cùng" not in text[a:q.start].lower():
        return None
    m = _same_period_figure().search(text, a, q.start, False)
    return m.start() if m is not None else None


@functools.lru_cache(maxsize=1)
def _base_value():
    """time.yaml base_value_links between a base's time and a figure, then at most an approximation word
    (base_value_hedges)."""
    data, alt = patternbook.load("time"), patternbook.alternation
    return engines.compile(r"\s*(?:" + alt(data["base_value_links"]) + r")\s+(?:(?:" + alt(data["base_value_hedges"]) + r")\s+)?$",
                         regex.I)


@functools.lru_cache(maxsize=1)
def _same_period_figure():
    return regex.compile(patternbook.load("time")["same_period_figure"], regex.I)


def _implied(t, years: DocYears, text: str = "", local=()):
    """`trong quý I`, `tháng 3`, `6 tháng đầu năm`: a period of the article's year, or of the whole year its
    sentence named before it (`Năm 2016 là năm khó khăn, 6 tháng đầu năm, sản lượng ...` is 2016's first half)."""
    if t.year is not None or not t.period or "/" in t.period or years.report is None:
        return t
    named = [n for n in local if n.end <= t.start and n.year is not None and n.period == str(n.year)
             and not n.compared and not n.relative and n.role is None]
    if named:
        y = named[-1].year
        return replace(t, year=y, period=f"{y}-{t.period}")
    if years.report < (years.now or years.report):
        y = years.report  # a review of the year just ended: its `quý IV` is that year's
    elif t.role == "future" or _upcoming(text, t.end) or _planned(text, t):
        # a plan's period or `quý 3 này`, `tháng 5 tới`: one not begun yet is this year's, not last year's
        y = years.report
    else:
        y = timeexpr.period_year(t.period, years.report, years.pub.month if years.pub else None)
    return replace(t, year=y, period=f"{y}-{t.period}")


def _planned(text: str, t) -> bool:
    """A month or quarter named without its year in a plan: after a plan cue in its sentence (`có thể rơi vào giữa
    tháng 5`, `có kế hoạch điều hai tàu chiến ... vào tháng 5`) or before a plan's verb (`Đến cuối tháng 5, mỗi bên
    sẽ có`, `trước ngày 1 tháng 6 sẽ nhận`)."""
    return bool(text) and (_plan_after().match(text, t.end) is not None or timeexpr.after_plan_cue(text, t.start))


def _tells_of_now(text: str, a: int, b: int) -> bool:
    """A present-tense adverb in the sentence (time.yaml present_markers: `hiện là`, `Hiện Indonesia có`, `vừa
    chi`); each of its matches holds one of present_words (a cheap test first)."""
    return bool(text) and _present().search(text, a, b) is not None


def _tells_of_past(text: str, a: int, b: int) -> bool:
    """A past experience told without its time (time.yaml past_markers: `từng giành`, `đã từng`, `đã 6 lần được
    đề cử`), in a sentence that does not also tell of now (past_but_now, present_markers)."""
    if not text or _past()[0].search(text, a, b) is None:
        return False
    return _past()[1].search(text, a, b) is None and not _tells_of_now(text, a, b)


def _tells_of_total(text: str, a: int, b: int) -> bool:
    """A total over a career, a history or a body's life (time.yaml total_markers: `trong suốt sự nghiệp`, `kể từ
    khi thành lập`, `lũy kế đến nay`): it spans many years, so no year (FACTS.md `year`); not a first or a record
    told against that history (total_not_with: `lần đầu tiên trong lịch sử`), which is an event of its own time."""
    if not text:
        return False
    markers, not_with = _total()
    return markers.search(text, a, b) is not None and not_with.search(text, a, b) is None


@functools.lru_cache(maxsize=1)
def _total():
    data = patternbook.load("time")
    markers = regex.compile(data["total_markers"].replace("{founding}", data["founding"]))
    return (patternbook.Prefiltered(markers, data["total_words"]),
            engines.compile(patternbook.alternation(data["total_not_with"]), regex.I))


@functools.lru_cache(maxsize=1)
def _past():
    data = patternbook.load("time")
    rx = data["past_markers"].replace("{verbs}", patternbook.alternation(data["past_verbs"])).replace(
        "{count}", data["past_count"]).replace("{times}", data["past_times"])
    return (patternbook.Prefiltered(regex.compile(rx), data["past_words"]),
            engines.compile(patternbook.alternation(data["past_but_now"]), regex.I))


@functools.lru_cache(maxsize=1)
def _present():
    data = patternbook.load("time")
    return patternbook.Prefiltered(regex.compile(data["present_markers"]), data["present_words"])


def _upcoming(text: str, end: int) -> bool:
    """`quý 3 này`, `tháng 5 tới`: the words right after a period named without its year (time.yaml)."""
    return bool(text) and _upcoming_rx().match(text, end) is not None


@functools.lru_cache(maxsize=1)
def _upcoming_rx():
    return engines.compile(patternbook.load("time")["upcoming_after"])


_SEGMENT_CUT = engines.compile(r"[,;:](?!\d)|\s[-–]\s")
_BRACKET = engines.compile(r"\s*\(\s*$")


def _segment_start(text: str, q: Span) -> int:
    """After the previous figure of the sentence or the last comma before this one."""
    a, b = q.clause_start, q.start
    # the last `,;:` not before a digit is a cut; a dash cut can only follow it (it holds none of them)
    r = max(text.rfind(",", a, b), text.rfind(";", a, b), text.rfind(":", a, b))
    while r >= 0 and r + 1 < b and _DIGIT.match(text, r + 1):
        r = max(text.rfind(",", a, r), text.rfind(";", a, r), text.rfind(":", a, r))
    cut = a if r < 0 else r + 1
    if text.find("-", cut, b) < 0 and text.find("–", cut, b) < 0:
        return max(cut, q.segment)  # no dash after it: no dash cut
    cut = max((m.end() for m in _SEGMENT_CUT.finditer(text, cut, b)), default=cut)
    return max(cut, q.segment)


_DIGIT = engines.compile(r"\d")


def _attached_to_previous(text: str, q: Span, t) -> bool:
    """`từ mức 4,02% năm 2011 còn 1,36% năm 2016`: `năm 2011` right after the previous figure is its time."""
    return (q.segment > q.clause_start and t.start - q.segment <= 25
            and not _SEGMENT_CUT.search(text, q.segment, t.start))


def _dates_next_figure(text: str, q: Span, t) -> bool:
    """The next figure of the sentence stands after the time `t` with no comma between: the time heads its piece."""
    return q.next_figure < q.sentence_end and not _SEGMENT_CUT.search(text, t.end, q.next_figure)


def _joins_next(text: str, a: int, b: int) -> bool:
    """`đạt 16/19 tiêu chí và năm 2015 cán đích với 19/19`: a joining word (cues.yaml change_closed_by) between a
    figure and the time after it opens the next clause; the time heads that clause's figure, not this one."""
    return any(text.find(w, a, b) >= 0 for w in _joins()[0]) and _joins()[1].search(text, a, b) is not None


@functools.lru_cache(maxsize=1)
def _joins():
    words = [w for w in patternbook.load("cues")["change_closed_by"] if w.isalpha() or " " in w]
    return words, engines.compile(r"(?<!\w)" + patternbook.alternation(words) + r"(?!\w)", regex.I)


def _opens_aside(text: str, q: Span, t) -> bool:
    """`lỗ 436,6 tỷ đồng (năm 2015 lãi hơn 68 tỷ đồng)`: a time opening a bracket after the figure that holds a
    figure of its own dates that one, not the figure before the bracket."""
    opened = text.find("(", q.end, t.start)
    if opened < 0:
        return False
    close = text.find(")", t.end)
    return q.next_figure < (close if close >= 0 else len(text))


def _start_level_time(text: str, q: Span, t) -> bool:
    """`tăng từ 10% (1990) lên 23%`: a time alone in brackets, then a word that leads to a new level (time.yaml
    to_level_words) shortly before this figure: the time of the level left, not of this one."""
    close = text.find(")", t.end, q.start)
    alone = _alone_in_brackets()
    return (close >= 0 and alone[0].search(text, max(0, t.start - 8), t.start) is not None
            and alone[1].match(text, t.end, close + 1) is not None
            and _to_level().search(text, max(close, q.start - _TO_LEVEL_REACH), q.start) is not None)


def _closed_aside(text: str, q: Span, t, local) -> bool:
    """`chiếm 8,83% tổng dư nợ (năm 2019 là 3,15%) đẩy số trích lập lên hơn 36 tỷ đồng`, `74.000 phương tiện (cùng kỳ
    năm 2020 là 51.162 phương tiện), cao tốc B có 57.000 phương tiện`: a time in a bracket closed before the figure,
    with a figure of its own, dates that figure (a comparison told aside), not the ones after the bracket. (A bracket
    of dates only, `Quý 4 (từ 01/07 – 30/09/2016)`, names the figure's period: no aside.)"""
    close = text.find(")", t.end, q.start)
    if close < 0:
        return False
    opened = text.rfind("(", 0, t.start)
    if opened < 0 or text.rfind(")", opened, t.start) >= 0:
        return False
    inside = list(text[opened:close])
    for m in local:   # (its times are no figure: `(tháng 8/2016)`)
        if opened <= m.start and m.end <= close:
            inside[m.start - opened:m.end - opened] = " " * (m.end - m.start)
    return _DIGIT.search(_DATE_LIKE.sub(" ", "".join(inside))) is not None


# a year, a day or month (`01/07`, `1-1`, `31-1-2017`, `25.4`): no figure of a bracket (`_closed_aside`)
_DATE_LIKE = engines.compile(r"\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{2,4})?(?!\d|,\d)|(?<!\d)(?:19|20)\d\d(?!\d)")


_TO_LEVEL_REACH = 25   # characters before the figure (`xuống dự kiến còn 672.000 dân`)


@functools.lru_cache(maxsize=1)
def _alone_in_brackets():
    """A bracket opened right before a time (with time.yaml `bracket_year_words`) and closed right after it."""
    words = patternbook.alternation(patternbook.load("time")["bracket_year_words"])
    return engines.compile(r"\(\s*(?:" + words + r"\s+)?$"), engines.compile(r"\s*\)$")


@functools.lru_cache(maxsize=1)
def _to_level():
    return engines.compile(patternbook.alternation(patternbook.load("time")["to_level_words"]))


def _holds_level(text: str, q: Span, reach: int) -> bool:
    """`hãng đã có 12 cửa hàng`, `vẫn còn 20 địa phương` at the end of a stretch: a level held now (time.yaml
    held_level_before), unless the figure's clause counts events (held_level_not: `có 15 lần lọt vào chung kết`)."""
    before, not_events = _held_level()
    return (before.search(text, reach, q.start) is not None
            and not_events.search(text, q.start, max(q.end, q.clause_end)) is None)


@functools.lru_cache(maxsize=1)
def _held_level():
    data = patternbook.load("time")
    return engines.compile(data["held_level_before"]), engines.compile(data["held_level_not"])


@functools.lru_cache(maxsize=1)
def _listed_years():
    return engines.compile(patternbook.load("time")["listed_years_after"].replace("{Y}", timeexpr.Y))


@functools.lru_cache(maxsize=1)
def _listed_gates() -> tuple:
    return tuple(patternbook.load("time")["listed_years_gates"])


# between an event's year and a figure of that event: `với` (time.yaml event_figure_links) and at most six words
# (`khánh thành năm 2015 với tổng vốn đầu tư 500 tỷ đồng`), no clause break (timing._attribute)
_WITH_EVENT = engines.compile(r"\s*,?\s*" + patternbook.literal_trie(patternbook.load("time")["event_figure_links"])
                            + r"\s+(?:[^\s,;:.()]+\s+){0,6}$")
_LISTED_REACH = 100   # characters after the figure in which a listed-years match must begin its list


def _attribute(text, q: Span, local, times, years, title_time, recent_sentences):
    def take(t, how):
        return t.year, t.period, how

    # `năm 2018 và 2019 lần lượt đạt 1.150 tỷ đồng và 1.205 tỷ đồng`: the listed years, one per figure in turn
    respective = _respective(text, q, local)
    if respective is not None:
        return take(respective, "respective")

    # `3 lần vô địch (2008, 2012, 2016)`: a count of events listed with their years spans them all (FACTS.md `year`)
    if any(text.find(w, q.end, q.end + _LISTED_REACH) >= 0 for w in _listed_gates()) and _listed_years().match(text, q.end):
        return None, None, "listed"

    # `quý 1/2016 (50,78 tỷ đồng)`: a figure in brackets right after a time is that time's
    bracket = [t for t in local if t.year is not None and t.end <= q.start and q.start - t.end <= 4
               and _BRACKET.match(text, t.end, q.start) and t.role not in ("birth", "event", "caption")]
    if bracket:
        return take(bracket[-1], "bracket")
    # `gấp đôi số cây trồng năm 2016 là trên 210.000 cây`: a figure right after a base's time and `là` is its value
    valued = [t for t in local if t.compared and t.year is not None and t.end <= q.start and q.start - t.end <= 24
              and _base_value().match(text, t.end, q.start) and not text[q.start:q.end].endswith("%")]
    if valued:
        return take(valued[-1], "phrase")
    # a figure inside a base phrase is the base's year: `so với mức 2,4% của năm 2016`
    inside = [t for t in local if t.cue_start is not None and (t.year is not None or "/" in (t.period or ""))
              and t.cue_start <= q.start and q.end <= t.start and q.clause_start <= t.cue_start
              and t.start - q.end <= 25]
    if inside:
        return take(inside[0], "phrase")
    # `được thành lập năm 1995 với vốn điều lệ 2 tỷ đồng`: a figure joined by `với` to an event's year is that event's
    # (a named year, `Bộ luật Hình sự 2015 với mức phạt`, is none; nor one with a time of its own between: `thành lập
    # vào năm 2011, với doanh thu năm 2020 đạt`)
    event = [t for t in local if t.role == "event" and t.year is not None and t.end <= q.start
             and not _DIGIT.match(text, t.start) and _WITH_EVENT.match(text, t.end, q.start)
             and not any(t.end <= o.start < q.start for o in local)]
    if event:
        return take(event[-1], "clause")
    usable = [t for t in local if _usable(t)]
    before = [t for t in usable if t.end <= q.start]
    if before and _now_since(text, q, max(before, key=lambda t: t.end), usable, years):
        # `Được thành lập năm 1841, tập đoàn hiện là ... với 13.300 cửa hàng`: of the time of writing
        return years.report, None, "present"
    seg = _segment_start(text, q) if before else q.start  # (no time before the figure: no segment to find)
    own = [t for t in before if seg <= t.start and not _attached_to_previous(text, q, t)]
    if own:
        return take(own[-1], "clause")
    # `Năm 2019, X lỗ 503 triệu USD, trong khi đó năm 2018 lỗ 381 triệu USD`: past a comma, a time
    # opens the next clause when the sentence dated this figure before it, or when a figure follows it in
    # its own piece (`Xuất khẩu đạt 6 triệu tấn, năm 2019 đạt 5,5 triệu tấn`: that figure's time)
    right_after = [t for t in usable if q.end <= t.start <= q.end + 25 and t.end <= q.clause_end
                   and t.start < q.next_figure
                   and not ((before or _dates_next_figure(text, q, t)) and _SEGMENT_CUT.search(text, q.end, t.start))
                   and not (_dates_next_figure(text, q, t) and _joins_next(text, q.end, t.start))
                   and not _opens_aside(text, q, t)]
    if right_after:
        return take(right_after[0], "after")
    # a span of years (`nhiệm kỳ 2015-2020`) dates only the figure it stands next to; further off
    # (its clause, sentence or the sentences before) it is the figure's period when the year falls in it
    wide = _wide_span(q, local, times, recent_sentences)

    def take(t, how):
        if _stretch(t):
            return _from_stretch(text, q, t, wide, how)
        return _within(t.year, t.period, how, wide)

    # (a decade, `giữa những năm 1980`, dates the figures of its clause and sentence as a year does)
    spans_after = [t for t in usable if t.year is None and q.end <= t.start]
    usable = [t for t in usable if t.year is not None or _decade(t) or _stretch_frames(text, q, t)]
    in_clause = [t for t in usable if q.clause_start <= t.start and t.end <= q.start
                 and not _attached_to_previous(text, q, t)]
    if in_clause:
        return take(in_clause[-1], "clause")
    since = _since(text, q, local, years)
    if since is not None:
        return since
    in_sentence = [t for t in usable if t.end <= q.start and not _start_level_time(text, q, t)
                   and not _closed_aside(text, q, t, local)]
    if in_sentence:
        return take(in_sentence[-1], "sentence")
    # `thu về 1.848 tỷ đồng lợi nhuận trước thuế chỉ trong riêng quý 1/2021`: later in its clause
    # past the figure's own bracket (`mua có giá 2,35 tỷ won (khoảng 48,4 tỷ đồng) vào năm 2015`: a conversion or an
    # aside of that figure, closed before the time)
    later = [t for t in usable if q.end <= t.start and t.end <= q.clause_end
             and not _SEGMENT_CUT.search(text, q.end, t.start) and _no_bracket_but_own(text, q.end, t.start)
             and _later_tied().match(text, q.end, t.start, False) is None
             and _later_contrast().search(text, q.end, t.start) is None]
    if later:
        return take(later[0], "clause-after")
    # `9.500 chiếc được chế tạo trong giai đoạn từ 1958-1980`: a span of several years later in its clause
    # is the figure's period, with no year (FACTS.md `year`; a school year `2020-2021` is one year, a stretch up to
    # now, `từ năm 2020 đến nay`, two)
    later = [t for t in spans_after if t.end <= q.clause_end and (_years_long(t.period) > 2 or t.relative)
             and not _SEGMENT_CUT.search(text, q.end, t.start) and "(" not in text[q.end:t.start]]
    if later:
        return None, later[0].period, "clause-after"
    # `Tỷ lệ cổ tức từ năm 2008 đến 2013 là 82,55%, 12%, 13,5%`: a span of several years that opens the sentence,
    # and no year: the span, never the publication's or the paragraph's year (a school year `2020-2021` is one
    # year; a span deep in the sentence names a body's term or an agreement: `Ban Kiểm soát nhiệm kỳ 2021-2026`)
    if (wide is not None and q.sentence_start <= wide.start <= q.sentence_start + _SPAN_OPENS
            and (_years_long(wide.period) > 2 or wide.relative) and (not _stretch(wide) or _stretch_frames(text, q, wide))):
        return None, wide.period, "sentence"
    # `giảm 19,6% so với năm 2015`, nothing else: the year after the base, when that is recent; not after the same
    # period two years before the report's in a dated article (`giảm 400 chiếc so với cùng kỳ năm 2019` in 2021 skips
    # a year: the figure's own year is unsaid, found as for a figure with no time; an undated text's report year is
    # only the latest it names)
    bases = [t for t in local if t.compared and t.year is not None and not t.relative
             and (years.report is None or years.report - 1 <= t.year + 1 <= years.report)
             and not (years.pub is not None and t.year + 1 < years.report and _after_same_period(text, t.start))]
    if bases:
        return _within(bases[0].year + 1, None, "after-base", wide)
    # the nearest earlier sentence of the paragraph that names a year carries it forward, unless
    # this sentence names a time of its own for something else (`Sau khi chia cổ tức năm 2019, ...`)
    # `Năm học 2025 - 2026, tổng số học sinh khoảng 1.094.816 em`: a span of two years opening the sentence (a school
    # year, a season) that holds neither the year carried, the title's nor the publication's is the figure's time: no
    # year, the span
    opening = (wide is not None and q.sentence_start <= wide.start <= q.sentence_start + _SPAN_OPENS
               and not wide.relative)
    for a, b in (recent_sentences if not any(t.role in ("event", "birth", "start") for t in local) else ()):
        carried = _carried_years(times, a, b)
        if carried:
            if _history_year(carried[-1]) or _horizon_off(text, q, carried[-1]):
                break
            return _off_opening(take(carried[-1], "paragraph"), wide, opening)
    if title_time is not None:
        return _off_opening(take(title_time, "title"), wide, opening)
    if years.report:
        return _off_opening(_within(years.report, None, "document" if years.pub is None else "publication", wide),
                            wide, opening)
    return None


def _since(text: str, q: Span, local, years: DocYears):
    """A whole year after time.yaml since_cues in the figure's clause (`Xung đột đã khiến 14.000 người thiệt mạng kể từ
    năm 2014`, `Kể từ năm 2010, trường đã đào tạo 5.000 kỹ sư`), before the time of writing, with no segment cut between
    a later one and the figure, an earlier one opening its clause or closed by a comma: the figure spans the years from
    then to now, as `từ năm 2014 đến nay` does (FACTS.md: no year; the period from that year to the report's). Not
    after a superlative or a first (time.yaml since_not_after), nor before `đến nay` (since_not_before)."""
    if years.report is None:
        return None
    for t in local:
        if (t.role != "start" or t.year is None or t.period != str(t.year) or t.year >= years.report
                or t.cue_start is None or not q.clause_start <= t.cue_start < q.clause_end):
            continue
        cue, not_before, stretch = _since_cue()
        if not cue.match(text, t.cue_start, t.start) or stretch.match(text, t.end) \
                or not_before.search(text, max(q.sentence_start, t.cue_start - 30), t.cue_start) is not None:
            continue   # (`cao nhất kể từ năm 2018`: a record's base; `kể từ năm 2000 đến nay`: a stretch, read as one)
        if t.end <= q.start and not _SEGMENT_CUT.search(text, t.end, q.start) \
                and _WORD_CHAR.search(text, max(q.clause_start, text.rfind(",", 0, t.cue_start) + 1), t.cue_start):
            continue   # (`đã treo găng kể từ năm 2017 và sẽ không ... dưới 120 triệu bảng`: another predicate's since)
        if t.start >= q.end and (_SEGMENT_CUT.search(text, q.end, t.cue_start) is not None
                                 or _later_contrast().search(text, q.end, t.cue_start) is not None):
            continue
        if t.end <= q.start or t.start >= q.end:
            return None, f"{t.year}/{years.report}", "clause" if t.end <= q.start else "clause-after"
    return None


_WORD_CHAR = engines.compile(r"\w")


@functools.lru_cache(maxsize=1)
def _since_cue():
    data, alt = patternbook.load("time"), patternbook.alternation
    return (engines.compile(r"(?:" + alt(data["since_cues"]) + r")\s", regex.I),
            engines.compile(r"(?<!\w)(?:" + alt(data["since_not_after"]) + r")(?!\w)", regex.I),
            engines.compile(r"\s*(?:" + alt(data["since_not_before"]) + r")(?!\w)", regex.I))


def _now_since(text: str, q: Span, t, usable, years: DocYears) -> bool:
    """A present-tense adverb (time.yaml now_after_past: `hiện là`, `hiện tại,`, `nay đã`) between the last time `t`
    before the figure, a year before the time of writing, and the figure, with no time after the figure in its clause
    and no as-of cue before `t` (time.yaml as_of_before: `Tính đến 30/9/2016, ông hiện nắm giữ`)."""
    if (years.now is None or t.year is None or t.year >= years.now or t.relative or t.role is not None
            or years.report is None or years.report <= t.year or _OPENING_TIME.match(text, q.sentence_start, t.start)):
        return False   # (a time opening the sentence frames it all: `Năm 2016, theo Bloomberg, X hiện có ...`)
    if _now_after()[0].search(text, t.end, q.start) is None:
        return False
    if any(q.end <= o.start < q.clause_end for o in usable):
        return False
    return _now_after()[1].match(text, max(q.sentence_start, t.start - 30), t.start, False) is None


_OPENING_TIME = engines.compile(r"\W*(?:\w+\s+){0,3}$")


@functools.lru_cache(maxsize=1)
def _now_after():
    data = patternbook.load("time")
    return (patternbook.Prefiltered(regex.compile(data["now_after_past"]), data["now_after_words"]),
            regex.compile(r"(?<!\w)(?:" + patternbook.alternation(data["as_of_before"])
                          + r")(?:\s+" + patternbook.alternation(data["as_of_filler"]) + r")*\s+$",
                          regex.I | regex.REVERSE))   # (reverse: `match` from the end, as `search` would find)


@functools.lru_cache(maxsize=1)
def _later_tied():
    """time.yaml later_time_compare right before a later time, later_time_since up to four words before it: the time
    is another thing's (`thay vì 3 vòng như năm ngoái`, `kể từ sau Petr Cech vào năm 2004`). Reverse: `match` from the
    end, as `search` would find."""
    data, alt = patternbook.load("time"), patternbook.alternation
    return regex.compile(r"(?<!\w)(?:(?:" + alt(data["later_time_compare"])
                         + r")|(?:" + alt(data["later_time_since"]) + r")(?:\s+[^\s,;.()]+){0,4})\s+$",
                         regex.I | regex.REVERSE)


@functools.lru_cache(maxsize=1)
def _later_contrast():
    """time.yaml later_time_contrast: a word of contrast between a figure and a later time of its clause."""
    return engines.compile(r"(?<!\w)" + patternbook.alternation(patternbook.load("time")["later_time_contrast"]) + r"(?!\w)")


def _no_bracket_but_own(text: str, a: int, b: int) -> bool:
    """No bracket between a figure ending at `a` and a time at `b`, except one that opens right after the figure and
    closes before the time (`2,35 tỷ won (khoảng 48,4 tỷ đồng) vào năm 2015`: the figure's own conversion or aside),
    or one closed before the time that holds no digit."""
    opened = text.find("(", a, b)
    if opened < 0:
        return True
    close = text.find(")", opened, b)
    if close < 0 or text.find("(", opened + 1, b) >= 0:
        return False
    # or a closed bracket of words alone, an aside naming a place or a short name (`cổ phiếu của Tesco
    # (Anh) vào cuối năm 2012`): no figure nor time of its own the later time could be
    return not text[a:opened].strip() or not any(ch.isdigit() for ch in text[opened:close])


def _off_opening(found, wide, opening: bool):
    """`found` unless its year falls outside the span `wide` opening the sentence (`opening`): then no year, the span."""
    if not opening or found[0] is None:
        return found
    first, last = wide.period.split("/")
    return found if int(first[:4]) <= found[0] <= int(last[:4]) else (None, wide.period, found[2])


def _respective(text: str, q: Span, local):
    """The year of a list (`năm 2018 và 2019`, `tháng 4/2015 và 2016`) right before cues.yaml enumeration_words
    (`lần lượt`) that falls to the figure by its place among the figures after the cue (FACTS.md `year`)."""
    listed = [t for t in local if t.year is not None and t.end <= q.start and not t.compared and t.role is None]
    if len(listed) < 2:
        return None
    last = listed[-1]
    cue = meaning.cues().enumeration.search(text, last.end, q.start)
    if cue is None or cue.start() - last.end > _RESPECTIVE_REACH or _DIGIT.search(text, last.end, cue.start()):
        return None
    run = [last]
    for t in reversed(listed[:-1]):
        if not _year_join().fullmatch(text, t.end, run[0].start):
            break
        run.insert(0, t)
    place = len(_NUMBER.findall(text, cue.end(), q.start))
    return run[place] if len(run) > 1 and place < len(run) else None


_RESPECTIVE_REACH = 40   # characters from the list's last year to the cue (`2016, chỉ số này lần lượt`)
_NUMBER = engines.compile(r"\d+(?:[.,]\d+)*")


@functools.lru_cache(maxsize=1)
def _year_gap() -> str:
    """What joins two years of a list (time.yaml year_list_joins, then an optional unit: `2014 và năm 2015`), as
    regex text: read by a horizon's list of years and by `lần lượt`'s."""
    data, alt = patternbook.load("time"), patternbook.alternation
    return r"\s*(?:" + alt(data["year_list_joins"], boundary=False) + r")\s*(?:" + alt(data["horizon_units"]) + r"\s+)?"


@functools.lru_cache(maxsize=1)
def _year_join():
    return engines.compile(_year_gap(), regex.I)


_SPAN_OPENS = 60  # characters: how far into its sentence a span still frames the whole sentence


def _years_long(period: str) -> int:
    """How many calendar years a span `2016/2020` covers (5)."""
    first, last = period.split("/")
    return int(last[:4]) - int(first[:4]) + 1


def _stretch(t) -> bool:
    """`trong 5 năm qua`, `từ năm 2017 đến nay`: years counted back from the time of writing (timeexpr), which date
    the figures after them in their clause and sentence as a year does (`mua vào năm 2015 và từ đó đến nay đã tăng gấp
    3 lần`: not 2015's)."""
    return t.relative and t.year is None and t.period is not None and "/" in t.period


def _stretch_frames(text: str, q: Span, t) -> bool:
    """A stretch before the figure frames it unless it stands in a bracket closed before the figure (`(đơn vị 13 năm
    qua chủ trì ...), đường hoa dài 720m`: an aside)."""
    if not _stretch(t):
        return False
    between = text[t.end:q.start] if t.end <= q.start else ""
    return not (")" in between and "(" not in between)


def _from_stretch(text: str, q: Span, t, wide, how):
    """A figure after a stretch up to now in its sentence: several years, no year, unless the sentence restates the
    stretch's years (`trong 5 năm qua (2011-2015)`: those) or the figure is the level reached or held at its end (`kể
    từ năm 2000 đến nay, diện tích tăng từ 229.000 ha lên 700.000 ha`, `hãng đã có 12 cửa hàng`: its last year's)."""
    if wide is not None and wide.start > t.start and not wide.relative:
        return None, wide.period, how
    reach = max(t.end, q.start - _TO_LEVEL_REACH)
    if _to_level().search(text, reach, q.start) is not None or _holds_level(text, q, reach):
        last = int(t.period[-4:])
        return last, str(last), how
    return None, t.period, how


def _decade(t) -> bool:
    """`những năm 1980`: the span `1980/1989` (timeexpr `decade`)."""
    p = t.period
    return (t.year is None and p is not None and len(p) == 9 and p[3] == "0" and p[8] == "9"
            and p[4] == "/" and p[:3] == p[5:8])


def _carried(q: Span, times, years, title_time, recent_sentences, text: str = ""):
    """`_attribute` for a figure whose sentence names no time: the paragraph's, the title's or the document's;
    not the paragraph's when the sentence says it tells of now (`Cặp đôi hiện sống ...`, `vừa chi ...`), none
    when it tells of a past experience (`từng giành ...`).
    (Both tests asked only when their answer counts: the sentence's tense when a sentence before it has a time
    to carry, the span of years when a time is found.)"""
    def wide():
        return _wide_span(q, (), times, recent_sentences)

    if _tells_of_past(text, q.sentence_start, q.sentence_end):
        return None   # `Lauryn Hill từng giành 8 giải Grammy`: a past whose time the text does not tell
    if _tells_of_total(text, q.sentence_start, q.sentence_end):
        return None   # `Trong suốt sự nghiệp, anh ghi 120 bàn`: many years'
    for a, b in recent_sentences:
        carried = _carried_years(times, a, b)
        if not carried and (_names_now(text, times, a, b) or _names_stretch(times, a, b)):
            break   # `Tính tới thời điểm hiện tại, X có 276 điểm. Bán kính phục vụ đạt 3,47km/điểm`: not the year before
        if carried:
            if (_tells_of_now(text, q.sentence_start, q.sentence_end) or _history_year(carried[-1])
                    or _horizon_off(text, q, carried[-1])):
                break
            later = _years_later(text, q.sentence_start)
            if later is not None:   # `Một năm sau đó, Zuckerberg chi 30 triệu USD`: the carried year and that many more
                if later < 0:
                    return None, None, "paragraph"   # `Vài năm sau, ...`: later, by an untold count
                year = carried[-1].year + later
                if years.report is None or year <= max(years.report, years.now or years.report):
                    return _within(year, str(year), "paragraph", wide())   # (never past the text's own time)
            return _within(carried[-1].year, carried[-1].period, "paragraph", wide())
    if years.pub is not None and _names_past_frame(text, q.sentence_start, q.sentence_end):
        # `thấp hơn ngưỡng 147 cm vào thời đó`: a past time told before and not carried here, not the publication's
        # (an undated text's year is the latest it speaks of as past: often that very frame, kept)
        return None
    if title_time is not None:
        return _within(title_time.year, title_time.period, "title", wide())
    if years.report:
        if years.now is not None and years.report < years.now and _tells_of_now(text, q.sentence_start, q.sentence_end):
            # a review of the year just ended tells of now (`Hiện VNPT vẫn còn 52 danh mục`): the time of writing
            return _within(years.now, None, "present", wide())
        return _within(years.report, None, "document" if years.pub is None else "publication", wide())
    return None


def undated_past(text: str, q: Span, years: DocYears, found: tuple, recent_sentences=()) -> tuple:
    """`found` (year, period, time_source), or no year when it is only the title's or the publication's and the
    figure's piece of its sentence tells of a stage of a life or an age gone by, or of one undated occasion (time.yaml
    past_life_markers: `Hồi còn là sinh viên, anh kiếm 5 triệu đồng`, `Có đêm tôi chở 1.900 người`), or its sentence
    closes a quotation as a memory (past_recalled: `"Mỗi lần chở được 40 người", ông nhớ lại.`) or breaks down a
    sentence before it that tells of a past experience (past_breakdown_openers: `Trong đó, ...`), or it counts a
    life's marriages or love affairs (life_count_units: `hai cuộc hôn nhân`, a total over years): the text does
    not tell when (FACTS.md `year`). The same spirit as `_names_past_frame`, asked of each figure (its piece, not its
    sentence: `bán 200 đĩa bánh, nhiều khách ăn từ khi còn nhỏ` tells of now). Dated or not, a figure whose time is
    only the publication's, the undated text's or the paragraph's and that its sentence tells before it as a yearly
    habit or average (time.yaml habitual_year: `Hằng năm, ...`, `trung bình mỗi năm`) spans many years: no year."""
    if found[0] is not None and found[2] in _HABIT_SOURCES and _habitual().search(text, q.sentence_start, q.start):
        return None, None, found[2]   # `Trung bình mỗi năm có 2.000 trẻ em thiệt mạng`: a yearly rate over many years
    if found[2] not in ("publication", "title") or years.pub is None:
        return found
    if _pre_epidemic().search(text, q.sentence_start, q.start) is not None:
        return None, None, found[2]   # `Trước đại dịch, doanh thu một ngày lên đến 20 triệu bath`: undated years before
    if _life_count().search(text, q.start, q.end) is not None:
        return None, None, found[2]   # `Sau hai cuộc hôn nhân ngắn ngủi, cô ...`: a life's total
    cut = _SEGMENT_CUT.search(text, q.end, q.sentence_end)
    end = cut.start() if cut is not None else q.sentence_end
    turn = _later_contrast().search(text, q.end, end)   # (`50.000 đồng/kg nhưng hiện tại chỉ còn`: a piece ends there too)
    end = turn.start() if turn is not None else end
    if (_past_life().search(text, q.sentence_start, end) is None and not _recalled(text, q.sentence_start, q.sentence_end)
            and not _breaks_down_past(text, q, recent_sentences)):
        return found
    if _past()[1].search(text, q.sentence_start, end) is not None or _tells_of_now(text, q.sentence_start, end):
        return found   # `Hồi nhỏ anh nghèo, nay anh có 3 công ty`
    # (a now past the figure's piece is the other side of a contrast: `trước kia chỉ phụ trách ba sản phẩm, thì bây
    # giờ là vô vàn sản phẩm` tells of the past for `ba sản phẩm`)
    return None, None, found[2]


# the times a figure takes when its own sentence names none: the publication's, an undated text's, the paragraph's
_HABIT_SOURCES = frozenset({"publication", "document", "paragraph"})


@functools.lru_cache(maxsize=1)
def _habitual():
    """time.yaml habitual_year: a yearly habit or average told before a figure (`Hằng năm, ...`, `trung bình mỗi năm`)."""
    data = patternbook.load("time")
    return patternbook.Prefiltered(regex.compile(data["habitual_year"], regex.I), data["habitual_year_words"])


@functools.lru_cache(maxsize=1)
def _past_life():
    data = patternbook.load("time")
    return patternbook.Prefiltered(regex.compile(data["past_life_markers"], regex.I), data["past_life_words"])


def _years_later(text: str, start: int) -> int | None:
    """How many years after the time told before a sentence opening with time.yaml years_later (`Một năm sau đó,`,
    `Phải gần một năm sau,`, `2 năm sau`) takes place; -1 for an untold count (`Vài năm sau`), None without it."""
    m = _years_later_rx().match(text, start)
    if m is None:
        return None
    count = m.group("count")
    if count.isdigit():
        return int(count)
    n = numbers.parse_word_number(count)
    return int(n) if n is not None else -1


@functools.lru_cache(maxsize=1)
def _years_later_rx():
    data, alt = patternbook.load("time"), patternbook.alternation
    return engines.compile(r"\W*(?:" + alt(data["years_later_hedges"]) + r"\s+)*(?P<count>\d{1,2}|" + alt(data["years_later_counts"])
                         + r")\s+năm\s+sau(?:\s+đó)?(?!\w)(?!\s+" + alt(data["years_later_not_before"]) + r"(?!\w))", regex.I)


@functools.lru_cache(maxsize=1)
def _pre_epidemic():
    """time.yaml pre_epidemic: the time before an epidemic (`Trước đại dịch`, `trước khi dịch bệnh bùng phát`)."""
    data = patternbook.load("time")
    return patternbook.Prefiltered(regex.compile(data["pre_epidemic"], regex.I), data["pre_epidemic_words"])


@functools.lru_cache(maxsize=1)
def _life_count():
    """time.yaml life_count_units at the end of a figure's quote."""
    return engines.compile(r"(?<!\w)(?:" + patternbook.alternation(patternbook.load("time")["life_count_units"])
                         + r")$", regex.I)


def _breaks_down_past(text: str, q: Span, recent_sentences) -> bool:
    """The sentence opens with time.yaml past_breakdown_openers and the one before it (`recent_sentences[0]`, of its
    paragraph) tells of a past experience (`_tells_of_past`)."""
    if not recent_sentences or _breakdown().match(text, q.sentence_start, q.sentence_end) is None:
        return False
    a, b = recent_sentences[0]
    return b <= q.sentence_start and _tells_of_past(text, a, b)


@functools.lru_cache(maxsize=1)
def _breakdown():
    return engines.compile(r"\W*(?:" + patternbook.alternation(patternbook.load("time")["past_breakdown_openers"])
                         + r")(?!\w)")


def _recalled(text: str, a: int, b: int) -> bool:
    """The sentence `a:b` closes a quotation as a memory (time.yaml past_recalled: `", ông Hường nhớ lại.`)."""
    words, rx = _recall()
    tail = max(a, b - _RECALL_TAIL)
    return any(text.find(w, tail, b) >= 0 for w in words) and rx.search(text, a, b) is not None


_RECALL_TAIL = 90   # characters: how near its sentence's end a memory's verb stands


@functools.lru_cache(maxsize=1)
def _recall():
    data = patternbook.load("time")
    return tuple(data["past_recalled_words"]), engines.compile(data["past_recalled"], regex.I)


def _names_past_frame(text: str, a: int, b: int) -> bool:
    """time.yaml past_frame_markers in the sentence `a:b` (`vào thời đó`, `lúc bấy giờ`), not up to or since then
    (past_frame_not_after: `cho đến thời điểm đó`), in a sentence of no condition or plan (past_frame_not_with)."""
    frames, not_with = _past_frames()
    return frames.search(text, a, b) is not None and not_with.search(text, a, b) is None


@functools.lru_cache(maxsize=1)
def _past_frames():
    """The markers as one case-blind trie, ending a word (`thời điểm đó`, not `thời điểm đóng phiên`)."""
    data = patternbook.load("time")
    return (regex.compile(r"(?<!(?<!\w)(?:" + patternbook.alternation(data["past_frame_not_after"]) + r")\s+)"
                          + patternbook.literal_trie(data["past_frame_markers"]) + r"(?!\w)", regex.I),
            engines.compile(r"(?<!\w)" + patternbook.alternation(data["past_frame_not_with"]) + r"(?!\w)"))


def _carried_years(times, a: int, b: int) -> list:
    """The times of the sentence `a:b` that may date a later figure: usable, named (no `năm nay`), with a year."""
    return [t for t in times if a <= t.start < b and _usable(t) and not t.relative and t.year is not None]


def carries_over(text: str, times, a: int, b: int) -> bool:
    """The time the sentence `a:b` would carry to a figure after it (its last year) is a plain one: not a plan's
    (role `future`: `tầm nhìn đến năm 2030`), nor a horizon (`quy hoạch đến năm 2030`), nor another event's."""
    carried = _carried_years(times, a, b)
    return bool(carried) and carried[-1].role is None and not _horizon_year(text, carried[-1])


def _names_stretch(times, a: int, b: int) -> bool:
    """The sentence `a:b` names a stretch up to now and no year (`vẫn được nhận lương trong 15 năm qua.`): the sentence
    after it goes on in those years, not in one named before them (`bỏ việc vào năm 2005`)."""
    return any(a <= t.start < b and _stretch(t) and _usable(t) for t in times)


def _names_now(text: str, times, a: int, b: int) -> bool:
    """The sentence `a:b` names the moment of writing (time.yaml relative_years `now`: `hiện nay`, `tính tới thời
    điểm hiện tại`; a relative time naming no `năm`, time.yaml `year_word`): a nearer time than the years named in
    the sentences before."""
    word = _year_word()
    return any(a <= t.start < b and t.relative and _usable(t) and t.year is not None
               and text.find(word, t.start, t.end) < 0 for t in times)


@functools.lru_cache(maxsize=1)
def _year_word() -> str:
    return str(patternbook.load("time")["year_word"])


def _horizon_off(text: str, q: Span, t) -> bool:
    """A horizon an earlier sentence names last (`nằm trong quy hoạch đến năm 2030. Khu công nghiệp rộng 350 ha`): a
    deadline of that plan, not the time of a sentence naming no plan of its own (one that does, `Ngành phấn đấu đạt
    10% GDP`, is that plan's: it keeps the year); a horizon a plan cue governs (`phấn đấu đến năm 2020 đón 4 triệu
    lượt khách. Doanh thu đạt 4.300 tỷ đồng`) is the year of the plan's list that follows."""
    return t.role is None and _horizon_year(text, t) and not timeexpr.names_plan(text, q.sentence_start, q.sentence_end)


def _wide_span(q: Span, local, times, recent_sentences):
    """The nearest span of years before the figure in its sentence (a plan's too: `Dự kiến giai đoạn 2021-2025,
    công ty sẽ đầu tư 2.000 tỷ đồng` spans those years), else in the sentences before."""
    spans = [t for t in local if t.year is None and t.period and "/" in t.period and t.end <= q.start
             and not t.compared and t.role in (None, "future")]
    if spans:
        return spans[-1]
    for a, b in recent_sentences:   # (a stretch up to now frames only its own sentence: `_stretch`)
        spans = [t for t in times if a <= t.start < b and t.year is None and t.period and "/" in t.period
                 and not t.compared and t.role is None and not _stretch(t)]
        if spans:
            return spans[-1]
    return None


def _within(year, period, how, wide):
    if wide is not None and year is not None and (period is None or period == str(year)) and not _history(wide):
        first, last = wide.period.split("/")
        if int(first[:4]) <= year <= int(last[:4]):
            return year, wide.period, how
    return year, period, how


def _with_period(q: Span, local, year, period):
    """A quarter, half, 9 months or month named for the figure (`quý 1 năm nay`, `6 tháng đầu năm`)
    keeps its period with the figure's year: a quarter is never reported as a bare year."""
    if year is None or (period and period != str(year)):
        return period
    tags = [t for t in local if t.year is None and t.period and "/" not in t.period
            and q.clause_start <= t.start and (t.end <= q.start or t.start <= q.end + 25)]
    before = [t for t in tags if t.end <= q.start and t.start >= q.segment]
    after = [t for t in tags if t.start >= q.end and t.start < q.next_figure]
    pick = before[-1] if before else (after[0] if after else None)
    if pick is None:
        pick = next((t for t in reversed(tags) if t.end <= q.start), None)
    return f"{year}-{pick.period}" if pick is not None else period


def title_time(title: str, years: DocYears):
    """The title's time expression, when it names one plainly and the title is a headline (time.yaml
    headline_max_words): a longer title is a lead paragraph, whose time dates its own story (`Sáng nay 26/4, ngân
    hàng tổ chức họp cổ đông thường niên năm 2020 lần thứ 3, ...`, `Năm 2020, vụ án ... gây chấn động. ...`), not every
    figure of the article."""
    if not title or not years.now or len(title.split()) > _headline_max_words():
        return None
    explicit = _names_past(timeexpr.explicit_mentions(title), years.now)
    found = timeexpr.relative_mentions(title, explicit, years.now, years.report, years.now)
    # a year, a quarter, a half (`Lợi nhuận quý I/2021`), never a month or a day (`Tháng 5/2012, ...`
    # opens a story), and only one near the article's own year; never the same period of an earlier year
    # (`tăng 3,34% so với cuối năm 2020 (cùng kỳ năm 2020 tăng 0,78%)`: that period is not the article's)
    return next((t for t in found if t.year and _usable(t) and t.role is None and t.period
                 and not _MONTH_OR_DAY.search(t.period)
                 and (years.pub is None or abs(t.year - years.now) <= 1)
                 and not _after_same_period(title, t.start)), None)


@functools.lru_cache(maxsize=1)
def _headline_max_words() -> int:
    return int(patternbook.load("time")["headline_max_words"])


def _after_same_period(text: str, start: int) -> bool:
    """`cùng kỳ năm 2020`: right after time.yaml roles same_period."""
    before = text[max(0, start - 12):start].rstrip().lower()
    return any(before.endswith(w) for w in patternbook.load("time")["roles"]["same_period"])


_MONTH_OR_DAY = engines.compile(r"-\d\d")


def after_publication(year: int | None, period: str | None, pub: _dt.date | None, now: int | None = None) -> bool:
    """A figure about a time after the article was published is a plan (FACTS.md `kind`); an undated
    article's `now` (the latest year it speaks of as past) stands for its publication year."""
    if pub is None and now is not None and year is not None:
        return year > now
    if pub is None or year is None:
        return False
    if year != pub.year:
        return year > pub.year
    if not period or "-" not in period:
        return False
    first_month = timeexpr.first_month(period.split("-", 1)[1].split("/")[0])
    return first_month is not None and first_month > pub.month


def told_past_bound(text: str, explicit, now: int | None) -> int | None:
    """An undated article's `now` is a guess (`_latest_past`, capped a year after its most named year); a year
    whose sentence tells of a past and of no plan (`figure_told_past`: `Năm 2013, anh đã ghi 51 bàn`) is already past
    when it was written, as is one called this year (`năm 2017 này`): the latest such year bounds its time
    from below, for `after_publication`."""
    told = [t.year for t in explicit if t.year is not None and t.role in (None, "start") and not t.compared
            and not t.relative and (now is None or t.year > now) and not _dated_plan(text, t)
            and (_tells_past(text, *_sentence_around(text, t.start, t.end), _past_plan_words("figure"))
                 or _this_year().match(text, t.end) is not None)]
    return max([now, *told]) if now is not None and told else now


@functools.lru_cache(maxsize=1)
def _this_year():
    """time.yaml this_year_words right after a year: `năm 2017 này`, the year of writing."""
    return engines.compile(r"\s*(?:" + patternbook.alternation(patternbook.load("time")["this_year_words"]) + r")(?!\w)",
                         regex.I)


def figure_told_past(text: str, start: int, end: int) -> bool:
    """The sentence from `start` (up to its end, found from `end`) tells of a past (time.yaml figure_past_words:
    `đã`, `từng`) and of no plan (figure_plan_words): `GM đã công bố 3 đợt sa thải` in an undated article is no
    plan, whatever year the guessed time of writing puts before it."""
    return _tells_past(text, start, _sentence_around(text, end, end)[1], _past_plan_words("figure"))


@functools.lru_cache(maxsize=1)
def _from_date():
    return engines.compile(patternbook.load("time")["from_date"])


def from_date_after(text: str, start: int, end: int, pub: _dt.date | None) -> bool:
    """A date opened by `từ` (`từ ngày 1/5`, `Từ ngày 15/5/2021`) between `start` and `end` (the figure's sentence
    before it), later than the publication date: the figure applies from then, a plan (time.yaml from_date)."""
    if pub is None or text.find("/", start, end) < 0:
        return False
    found = None
    for m in _from_date().finditer(text, start, end):
        found = m
    if found is None:
        return False
    year = int(found.group("y")) if found.group("y") else pub.year
    try:
        day = _dt.date(year, int(found.group("m")), int(found.group("d")))
    except ValueError:
        return False
    return day > pub

