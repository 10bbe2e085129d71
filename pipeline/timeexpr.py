"""Time expressions of a text: publication date, explicit and relative times, and their roles.

Each expression says what year and period it names and what else it may be: a
comparison base (`so với năm 2019`), a start (`từ năm 2010`), a birth year (`SN 1982`),
another event's year (`thành lập năm 1995`), a photo caption's date, a plan's year.
`pipeline.timing` decides which one governs a figure.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import functools
import itertools
import re as _re
from dataclasses import dataclass, replace

import regex

from . import engines
from . import patternbook

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}


@dataclass(frozen=True)
class TimeMention:
    start: int
    end: int
    year: int | None
    period: str | None
    relative: bool = False
    compared: bool = False   # `so với năm 2019`: a comparison base, not the figure's time
    # What else the expression can be (patterns/time.yaml `roles`): `birth` (`SN 1982`), `event`
    # (`thành lập năm 1995`), `start` (`từ năm 2010`), `caption` (a photo's caption), `future`
    # (governed by a plan cue: evidence of no article year), `name` (`World Cup 2022`: part of an event's name,
    # no figure's time, still a year the text speaks of). None: a figure's time.
    role: str | None = None
    past: bool = False  # `năm qua`: the year just ended
    cue_start: int | None = None  # where `so với`/`từ` begins: figures between it and the year are that year's


Y = r"(?:19[5-9]\d|20[0-4]\d)"
_ROMAN = r"(?:IV|III|II|I|0?[1-4])"


@functools.lru_cache(maxsize=1)
def _compiled():
    data = patternbook.load("time")
    alt = patternbook.alternation
    # one scan for every relative phrase; the matched words say which offset (longest first wins)
    offsets = {" ".join(p.lower().split()): str(offset) for offset, phrases in data["relative_years"].items()
               for p in phrases}
    rel = (engines.compile(patternbook.alternation(offsets), regex.I), offsets)
    expressions = [(regex.compile(p.replace("{Y}", Y).replace("{ROMAN}", _ROMAN)), kind, _needs(p, needs),
                    _starts(p, starts[0]) if starts else None)
                   for kind, p, needs, *starts in data["expressions"]]
    for kind, p, *_ in data["expressions"]:
        if kind == "date" and p.count("(?P<y>") != sum(p.count(a + "(?P<y>") for a in _DATE_YEAR_AFTER):
            raise ValueError(f"time.yaml expressions: a date's year must follow one of {_DATE_YEAR_AFTER}: {p!r}")
    roles = data["roles"]
    # a word between a cue and its year: no clause punctuation (a decimal comma is no punctuation)
    filler = (r"(?:(?!(?:" + "|".join(roles["not_filler"]) + r")(?!\w))(?:[^\s.;,()]|[.,](?=\d))+\s+)")
    same = alt(roles["same_period"])
    compared = regex.compile(r"(?<!\w)(?:(?:" + "|".join(roles["compared_cues"]) + r")\s+(?:" + same + r"\s+)?"
                             + filler + r"{0,6}?|(?:" + "|".join(roles["compared_direct"]) + r")\s+)$", regex.I | regex.REVERSE)
    compared = _Guarded(compared, [_head(a) for a in list(roles["compared_cues"]) + list(roles["compared_direct"])])
    start = regex.compile(r"(?<!\w)(?:" + "|".join(roles["start_cues"]) + r")\s+$", regex.I | regex.REVERSE)
    birth = regex.compile(r"(?:" + "|".join(roles["birth_before"]) + r")\s*$", regex.REVERSE)
    person = regex.compile(r"(?:(?<!\w)(?i:" + "|".join(roles["person_titles"]) + r")\s+|(?<!\w)(?:"
                           + "|".join(roles["surnames"]) + r")\s+)(?:\p{Lu}\p{Ll}*\s+){0,3}\p{Lu}\p{Ll}*\s*\(\s*$", regex.REVERSE)
    event = regex.compile(alt(roles["event_before"]) + r"\s+(?:(?:" + "|".join(roles["event_filler"])
                          + r")\s+){0,2}$|" + alt(roles["event_clause_before"]) + r"\s+(?:[^\s,;.]+\s+){0,8}$",
                          regex.I | regex.REVERSE)
    event = _Phrased(event, list(roles["event_before"]) + list(roles["event_clause_before"]))
    future = regex.compile(alt(roles["future_before"]) + r"[,:]?\s+(?:\S+\s+){0,20}$", regex.I | regex.REVERSE)
    future = _Phrased(future, roles["future_before"])
    # (a word of the name may end with a comma when another word of it follows: `Luật Phòng, chống tham nhũng`)
    name_word = r"(?!" + alt(roles["law_name_not"]) + r")\w+"
    law = regex.compile(r"(?<!\w)" + alt(roles["law_heads"], boundary=False) + r"(?:\s+" + name_word + r"(?:,(?=\s+"
                        + name_word + r"))?){0," + str(int(roles["law_name_words"])) + r"}\s+$", regex.REVERSE)
    law = _Phrased(law, roles["law_heads"])
    caption = engines.compile("|".join(data["caption_markers"]))
    quantified = regex.compile(alt(data["relative_not_after"]) + r"\s*$", regex.I | regex.REVERSE)
    quantified_back = regex.compile(alt(data["relative_not_after_back"]) + r"\s*$", regex.I | regex.REVERSE)
    return _Compiled(expressions, rel, [(regex.compile(p), _needs(p, needs)[0]) for p, needs in data["published_forms"]],
                     compared,
                     {k: v for k, v in data["ordinal_quarters"].items()},
                     [(engines.compile(p), ()) for p in data["url_forms"]], start, birth, person, event, future, caption,
                     quantified, regex.compile(data["relative_not_before"], regex.I),
                     engines.compile(same, regex.I),
                     regex.compile(same + r"\s+$", regex.I | regex.REVERSE),
                     regex.compile(roles["same_year_base_after"], regex.I | regex.REVERSE),
                     engines.compile(r"(?<!\w)(?:" + "|".join(roles["compared_cues"]) + r")\s", regex.I),
                     _Guarded(regex.compile(roles["multiple_before"], regex.I | regex.REVERSE), roles["multiple_head"]),
                     regex.compile(alt(roles["in_period_before"]) + r"\s+$", regex.I | regex.REVERSE),
                     regex.compile(r"(?:\d|" + alt(roles["figure_words"], boundary=False) + r")[^,;.:\n]{0,20}$",
                                   regex.REVERSE),  # both asked only whether they match: from the end
                     tuple(roles["name_before"]), law,
                     count_end=regex.compile(data["relative_count"] + r"\s*$", regex.REVERSE),
                     numbered_end=regex.compile(data["relative_numbered"] + r"\s+[\d/.]+\s*$", regex.REVERSE),
                     stretch_compared=engines.compile(data["stretch_compared"], regex.I),
                     count_not_opening=engines.compile(data["relative_count_not_opening"]),
                     since_ends=frozenset(" ".join(p.split()) for p in data["since_ends"]),
                     since_then=regex.compile(data["since_then"], regex.REVERSE),
                     since_then_reach=int(data["since_then_reach"]),
                     quantified_back=quantified_back,
                     since_unnamed=regex.compile(data["since_unnamed"].replace("{founding}", data["founding"]), regex.REVERSE),
                     compound_before=regex.compile(data["relative_compound_before"], regex.I | regex.REVERSE),
                     compound_words=frozenset(data["relative_compound_words"]))


class _Guarded:
    """A case-blind reverse pattern, matched only when the lower-cased text holds one of `words` (a word every
    match holds); a text `str.lower` cannot stand for (it moves offsets, or holds a letter the pattern's case
    folding matches that `lower` maps elsewhere) is matched as is. No word known for each alternative: no guard."""

    __slots__ = ("rx", "words", "exotic", "seek")

    def __init__(self, rx, words):
        self.rx = rx
        self.words = tuple(sorted({w.lower() for w in words})) if all(words) else None
        self.exotic = None  # (found at the first match: no cost at start-up)
        # many words: one `re` scan of their literal alternation beats a substring test per word
        self.seek = _re.compile("|".join(map(_re.escape, self.words))).search \
            if self.words is not None and len(self.words) > 8 else None

    def match(self, s: str):
        if self.words is not None:
            if self.exotic is None:
                self.exotic = patternbook.odd_cases("".join(sorted({ch for w in self.words for ch in w})))
            low = s.lower()
            if len(low) == len(s) and (self.seek(low) is None if self.seek is not None
                                       else not any(map(low.__contains__, self.words))) \
                    and not any(map(s.__contains__, self.exotic)):
                return None
        return self.rx.match(s, None, None, False)


class _Phrased:
    """A reverse pattern every match of which holds one of `phrases` as `patternbook.alternation` matches
    them: matched only when the text holds one (`PhraseSet.found`, one Aho-Corasick pass; as is when it
    cannot tell). Tighter than `_Guarded`'s one word a phrase (`khi` of `sau khi`, `sẽ`)."""

    __slots__ = ("rx", "phrases")

    def __init__(self, rx, phrases):
        self.rx = rx
        self.phrases = patternbook.PhraseSet(phrases)

    def match(self, s: str):
        if self.phrases.found(s) is False:
            return None
        return self.rx.match(s, None, None, False)


def _head(alternative: str) -> str:
    """The letters a regex alternative begins with (`so\\s+với` -> `so`); '' when it begins otherwise."""
    m = regex.match(r"\p{L}+(?![*?{])", alternative)
    return m.group(0) if m else ""


def _needs(pattern: str, needs) -> tuple:
    """The expression's literals (patterns/time.yaml), checked to be in its pattern: (any-of tuples, needs a year)."""
    for group in needs:
        for lit in group:
            if lit not in pattern:
                raise ValueError(f"time.yaml expressions: {lit!r} is not in {pattern!r}")
    return tuple(tuple(g) for g in needs if g != ["{Y}"]), ["{Y}"] in needs


def _starts(pattern: str, starts) -> tuple:
    """What every match of the expression begins with (patterns/time.yaml), a year as its first three characters."""
    out = []
    for lit in starts:
        if lit == "{N}" and _COUNT_HEAD in pattern:
            out.append(lit)
        elif lit == "{Y}" or lit in pattern or lit[1:] in pattern:
            out.append(lit)
        else:
            raise ValueError(f"time.yaml expressions: {lit!r} is not in {pattern!r}")
    return tuple(out)


@dataclass(frozen=True)
class _Compiled:
    expressions: list
    relative: list
    published: list
    compared: object
    quarters: dict
    url: list
    start: object
    birth: object
    person: object
    event: object
    future: object
    caption: object
    quantified: object
    not_before: object
    same_period: object      # `cùng kỳ`
    same_before: object      # `cùng kỳ ` right before a year (`cùng kỳ 2015`, `cùng kỳ năm 2015`)
    ratio_end: object        # ... after a ratio or a multiple (`100,1% `, `gấp đôi `)
    compared_cue: object     # `so với` anywhere before it
    multiple: object         # `gấp 3 lần ` right before a year: a multiple's base
    in_period: object        # `trong ` right before it
    after_figure: object     # a figure (or `gấp`, `tăng` ...) just before it
    names: tuple = ()        # event names a bare year may close (`World Cup 2022`)
    law: object = None       # a law's name a year closes (`Luật Nhà ở 2006`)
    count_end: object = None     # a count of years right before (`10 năm qua`), time.yaml relative_count
    numbered_end: object = None  # ... unless it numbers a month, quarter or day (`tháng 5 năm nay`)
    stretch_compared: object = None  # a superlative's window before such a count (`thấp nhất trong 10 năm qua`)
    count_not_opening: object = None  # an expression opening so has no count before it (`TV2 trong năm vừa qua`)
    since_ends: frozenset = frozenset()  # `đến nay` closing a stretch begun earlier (`từ năm 2017 đến nay`)
    since_then: object = None    # ... whose start is told by reference (`từ đó đến nay`)
    since_then_reach: int = 0
    quantified_back: object = None  # `6 triệu năm trước`: a count of years counted back, no year
    since_unnamed: object = None  # ... whose start no year dates (`từ khi thành lập đến nay`, `lũy kế đến nay`)
    compound_before: object = None  # `thực ` before `hiện tại`: the compound `thực hiện`, then `tại` (at)
    compound_words: frozenset = frozenset()  # the first words of the phrases `compound_before` is asked of


_BLANKS_BEFORE = regex.compile(r"[\s(]*", regex.REVERSE)
_SENTENCE_ENDS = ".!?;\n"   # a sentence ends at one not before a digit
_DIGIT = engines.compile(r"\d")


def _after_last_sentence_end(s: str) -> int:
    """Where the text after the last sentence end of `s` begins (0 if none): `[.!?;\\n](?!\\d)`, by rfind."""
    r = max(map(s.rfind, _SENTENCE_ENDS))
    while r >= 0 and r + 1 < len(s) and _DIGIT.match(s, r + 1):
        r = max(s.rfind(c, 0, r) for c in _SENTENCE_ENDS)
    return r + 1


@functools.lru_cache(maxsize=8)
def caption_spans(text: str) -> tuple:
    """Photo captions (`... ngày 28/4/2016. Ảnh: AFP`): from the start of the sentence the credit
    closes to the credit marker. A caption's date is neither a figure's time nor the article's."""
    out = []
    data = patternbook.load("time")
    if not any(w in text for w in data["caption_words"]):
        return ()
    longest = data["caption_max_chars"]
    # a marker is a credit word after at most `(` and blanks (time.yaml): tried only from there
    starts = set()
    for w in data["caption_words"]:
        k = text.find(w)
        while k >= 0:
            starts.update(range(_BLANKS_BEFORE.match(text, 0, k, False).start(), k + 1))
            k = text.find(w, k + 1)
    for m in _tried_at(_compiled().caption, text, sorted(starts)):
        a = m.start()
        # the caption is the sentence before the credit (`... 2016. Ảnh:`) or the one holding it
        j = a
        while j > 0 and text[j - 1] in " .\t(":
            j -= 1
        cut = max(text.rfind(". ", 0, j), text.rfind("\n", 0, j), text.rfind("! ", 0, j), text.rfind("? ", 0, j))
        if a - cut <= longest:
            out.append((cut + 1, a))
    return tuple(out)


def _in_spans(pos: int, spans) -> bool:
    return any(a <= pos < b for a, b in spans)


def published(text: str, meta_date: str | None, url: str | None = None) -> _dt.date | None:
    """The publication date: metadata first, else the article head, else the URL."""
    if meta_date:
        try:
            return _dt.date.fromisoformat(meta_date[:10])
        except ValueError:
            pass
    head = text[:600]
    for a, b in caption_spans(head):
        head = head[:a] + " " * (b - a) + head[b:]
    found = _date_in(head, _compiled().published)
    if found is None and url:
        found = _date_in(url, _compiled().url)
    return found


def _holds_groups(text: str, groups, present: dict) -> bool:
    """Whether the text holds a word of every group; `present` keeps each word's answer for this text,
    so a word shared by several expressions is looked for once."""
    for group in groups:
        for w in group:
            found = present.get(w)
            if found is None:
                found = present[w] = w in text
            if found:
                break
        else:
            return False
    return True


def _date_in(head: str, forms) -> _dt.date | None:
    present: dict = {}   # literal -> whether the head holds it (each looked for once per head)
    for rx, literals in forms:
        if not _holds_groups(head, literals, present):
            continue  # (a head without the form's words holds no date of it)
        m = rx.search(head)
        if not m:
            continue
        g = m.groupdict()
        try:
            month = _MONTHS[g["mon"].lower()[:3]] if g.get("mon") else int(g.get("m") or 1)
            return _dt.date(int(g["y"]), month, int(g.get("d") or 1))
        except (ValueError, KeyError):
            continue
    return None


def mentions(text: str, ref_year: int | None, focus_year: int | None = None) -> list[TimeMention]:
    """Every time expression in the text, with the year and period it names."""
    explicit = explicit_mentions(text)
    return explicit if not ref_year else relative_mentions(text, explicit, ref_year, focus_year)


def explicit_mentions(text: str) -> list[TimeMention]:
    """Time expressions that name their year (`năm 2020`, `quý III/2017`, `nhiệm kỳ 2015-2020`)."""
    c = _compiled()
    out: list[TimeMention] = []
    covered = bytearray(len(text) + 1)

    def free(a, b):
        return covered.find(1, a, b) < 0

    def take(a, b):
        covered[a:b] = b"\x01" * (b - a)

    has_year = dated = None
    present: dict = {}
    where: dict = {}
    for rx, kind, (literals, year), starts in c.expressions:
        # a text without the expression's words or a year holds none of it: no scan
        if year:
            if has_year is None:
                # (where a year may begin, `_years_at`: kept in `where` for the expressions opening on one)
                has_year = bool(_positions(text, ("{Y}",), where))
            if not has_year:
                continue
        if not _holds_groups(text, literals, present):
            continue
        if kind == "date":
            if dated is None:
                dated = _dated_year(text)
            if not dated:
                continue   # (no year after a `/` or a `.`: no date, checked at start-up; scanned from every start)
        for m in (rx.finditer(text) if starts is None else _tried_at(rx, text, _positions(text, starts, where))):
            if not free(m.start(), m.end()):
                continue
            g = m.groupdict()
            y = int(g["y"]) if g.get("y") else None
            period = None
            if kind == "decade":
                if y % 10:
                    continue
                period, y = f"{y}/{y + 9}", None
            elif kind == "span":
                y1, y2 = int(g["y1"]), int(g["y2"])
                if not (0 < y2 - y1 <= 50):   # (a longer stretch, `1945-2020`, is an anniversary's two years)
                    continue
                period, y = f"{y1}/{y2}", None
            elif kind in ("quarter", "quarter_only"):
                q = c.quarters.get(g["q"])
                period = f"{y}-Q{q}" if y else None
                if kind == "quarter_only":
                    out.append(TimeMention(m.start(), m.end(), None, f"Q{q}", relative=True))
                    take(m.start(), m.end())
                    continue
            elif kind == "months":
                n = patternbook.load("time")["month_words"].get(g["n"]) or int(g["n"])
                if not 1 <= n <= 12:
                    continue
                tag = {6: "H1", 3: "Q1", 12: ""}.get(n, f"{n}M")
                if y is None:
                    out.append(TimeMention(m.start(), m.end(), None, tag or None, relative=True))
                    take(m.start(), m.end())
                    continue
                period = f"{y}-{tag}" if tag else str(y)
            elif kind == "half":
                period = f"{y}-H1"
            elif kind == "month":
                mo = int(g["m"])
                if not 1 <= mo <= 12:
                    continue
                period = f"{y}-{mo:02d}"
            elif kind == "month_range":
                m1, m2 = int(g["m"]), int(g["m2"])
                if not 1 <= m1 < m2 <= 12:
                    continue
                period = f"{y}-{m1:02d}/{y}-{m2:02d}"
            elif kind == "month_only":
                mo = int(g["m"])
                if not 1 <= mo <= 12:
                    continue
                out.append(TimeMention(m.start(), m.end(), None, f"{mo:02d}", relative=True))
                take(m.start(), m.end())
                continue
            elif kind in ("year", "bare_year", "named_year"):
                period = str(y)
            elif kind == "date":
                period = None
            found = _with_role(text, TimeMention(m.start(), m.end(), y, period))
            if kind == "named_year" and found.role is None:
                found = replace(found, role="name")
            out.append(found)
            take(m.start(), m.end())
    out.sort(key=lambda t: t.start)
    return _listed_roles(text, out)


# what stands right before a date's year in each form (`1/5/2017`, `25.4.2017`): `_compiled` checks it
_DATE_YEAR_AFTER = (r"/\s*", r"\.")


def _dated_year(text: str) -> bool:
    """Whether a year's first two digits (`19`, `20`) follow a `.` or a `/` and blanks, as in every date form
    (`_DATE_YEAR_AFTER`; `str.isspace` holds every `\\s` of `regex`)."""
    for head in ("19", "20"):
        at = text.find(head, 1)
        while at >= 0:
            j = at - 1
            if text[j] == ".":
                return True
            while j > 0 and text[j].isspace():
                j -= 1
            if text[j] == "/":
                return True
            at = text.find(head, at + 1)
    return False


_LISTED_ROLES = ("event", "birth")


def _listed_roles(text: str, found: list) -> list:
    """A year listed right after a year of another event or a birth is one too (`hai studio được thành lập vào năm 2016
    và 2018`, `sinh năm 1990, 1992 và 1995`): `và` (then at most `năm`) or a comma and a bare year between them; not a
    comma and `năm`, which opens a clause (`thành lập năm 1995, năm 2020 đạt lợi nhuận 12 tỷ đồng`)."""
    for i in range(1, len(found)):
        t, p = found[i], found[i - 1]
        if (p.role in _LISTED_ROLES and t.role is None and not t.compared and t.year is not None
                and t.period == str(t.year) and _listed(text[p.end:t.start].strip().lower(), text[t.start].isdigit())):
            found[i] = replace(t, role=p.role)
    return found


def _listed(join: str, bare: bool) -> bool:
    """What stands between two years is a list's join (time.yaml year_list_joins): a word, or a mark before a bare year."""
    return join in _year_list_joins() and (bare or join.isalpha())


@functools.lru_cache(maxsize=1)
def _year_list_joins() -> frozenset:
    return frozenset(str(w) for w in patternbook.load("time")["year_list_joins"])


def _positions(text: str, literals, where: dict) -> list:
    """Where the literals stand in the text, sorted (each literal found once per text: `where`; so are the
    sorted places of a tuple of them, asked by several expressions: `{Y}`, `tháng`/`Tháng`)."""
    known = where.get(literals)
    if known is not None:
        return known
    out = []
    for w in literals:
        found = where.get(w)
        if found is None:
            found = where[w] = _years_at(text) if w == "{Y}" else _counts_at(text) if w == "{N}" else []
            at = -1 if w in ("{Y}", "{N}") else text.find(w)
            while at >= 0:
                found.append(at)
                at = text.find(w, at + 1)
        out += found
    out.sort()
    where[literals] = out
    return out


# `{N}` in time.yaml starts: the expression opens with this count, blanks, `tháng`
_COUNT_HEAD = r"(?P<n>\d{1,2}|sáu|chín)\s+tháng"


def _counts_at(text: str) -> list:
    """Where `_COUNT_HEAD` may begin: 1 to 4 characters (`5`, `12`, `sáu`, `chín`) before the blanks
    before a `tháng` (`str.isspace` holds every `\\s` of `regex`, and no digit or letter)."""
    out = []
    at = text.find("tháng")
    while at >= 0:
        j = at
        while j > 0 and text[j - 1].isspace():
            j -= 1
        if j < at:
            out.extend(range(max(0, j - 4), j))
        at = text.find("tháng", at + 5)
    return out


def _years_at(text: str) -> list:
    """Where a year may begin: `19` before 5-9, `20` before 0-4 (all `Y` needs of its first three characters)."""
    out = []
    for head, third in (("19", "56789"), ("20", "01234")):
        at = text.find(head)
        while at >= 0:
            c = text[at + 2:at + 3]
            if c and c in third:
                out.append(at)
            at = text.find(head, at + 1)
    return out


def _tried_at(rx, text: str, starts):
    """`rx.finditer(text)` for a pattern whose every match begins at one of `starts`: tried only there."""
    at = 0
    for p in starts:
        if p < at:
            continue
        m = rx.match(text, p)
        if m is not None:
            yield m
            at = m.end() if m.end() > p else p + 1


def _named_event(before: str, names) -> bool:
    """`vòng loại World Cup 2022`, `Euro 2020`, `Oscar 2009`: a bare year right after an event's name (time.yaml
    roles name_before) is part of the name, not a figure's time."""
    tail = before.rstrip()
    if len(tail) == len(before) or not tail.endswith(names):   # (most years: no name before them)
        return False
    for n in names:
        if tail.endswith(n) and (len(tail) == len(n) or not tail[-len(n) - 1].isalnum()):
            return True
    return False


@functools.lru_cache(maxsize=1)
def _make_before():
    """time.yaml roles `make_before` (`xe đời 2009`): the make year of a product (reversed, as the other roles)."""
    return regex.compile(patternbook.load("time")["roles"]["make_before"], regex.REVERSE)


@functools.lru_cache(maxsize=1)
def _birth_bracket():
    roles = patternbook.load("time")["roles"]
    return regex.compile(roles["birth_bracket_before"]), regex.compile(roles["birth_bracket_after"])


def _bracketed_birth(text: str, t: TimeMention, before: str, c) -> bool:
    """`Ông Nguyễn Văn A (1982)` (roles person_titles, surnames) or `Thu Nga (1996, Hà Nội)` (roles
    `birth_bracket_before`/`_after`): both end the text before the year with `(` and blanks (`str.isspace` holds every
    `\\s` of `regex`): that literal test first."""
    if not before.rstrip().endswith("("):
        return False
    return c.person.match(before, None, None, False) is not None or _bracket_birth(text, t, before)


def _bracket_birth(text: str, t: TimeMention, before: str) -> bool:
    """`Thu Nga (1996, Hà Nội)`: time.yaml roles `birth_bracket_before`/`_after` (after `_bracketed_birth`'s `(` test)."""
    if t.year is None:
        return False
    head, tail = _birth_bracket()
    return tail.match(text, t.end, None, False) is not None and head.search(before) is not None


def _with_role(text: str, t: TimeMention) -> TimeMention:
    """What the expression is besides a time: a base, a start, a birth, an event, a caption, a plan."""
    c = _compiled()
    before = text[max(0, t.start - 60):t.start]
    captions = caption_spans(text)   # (read once per text, when it names a time)
    if captions and _in_spans(t.start, captions):
        return replace(t, role="caption")
    # (reverse patterns ending in `\s*$` or `\s+$`: `match` from the end finds what `search` does)
    # (`concurrent=False`, positional, on the `regex`-only patterns: no GIL release around these short matches)
    if c.birth.match(before, None, None, False) or _bracketed_birth(text, t, before, c):
        return replace(t, role="birth")
    if c.event.match(before) or (t.period == str(t.year) and c.law.match(before)):
        return replace(t, role="event")
    if _make_before().match(before, None, None, False):
        return replace(t, role="make")
    if c.multiple.match(before) is not None:
        return replace(t, compared=True, cue_start=t.start)   # (the multiple stands in no base phrase: `phrase`)
    m = c.compared.match(before)  # reverse, lazy filler: the cue nearest the year
    if m is not None:
        return replace(t, compared=True, cue_start=t.start - len(before) + m.start())
    if (t.relative and c.same_period.match(text, t.start)
            and c.after_figure.search(before, None, None, False)
            and not c.in_period.match(before, None, None, False) and not _opens_bracket(text, t, before)):
        # `gấp đôi cùng kỳ năm trước`: after a figure, the same period is its base
        return replace(t, compared=True, cue_start=t.start)
    m = c.same_before.match(before, None, None, False) if t.year is not None else None
    if m is not None:
        # `694.645 ha (100,1% cùng kỳ 2015)`, `gấp đôi cùng kỳ năm 2016`: a year's same period after a figure,
        # with no `so với`, is its base as `cùng kỳ năm trước` is
        lead = before[:m.start()]
        # (after a ratio or a multiple only, time.yaml same_year_base_after: `mức lỗ 35 tỷ đồng cùng kỳ năm 2019`,
        # `74.000 xe (cùng kỳ năm 2020 là 51.162 xe)` are that year's; nor when the figure itself stands in a base:
        # `so với mức tăng 5% cùng kỳ năm 2020`)
        if c.ratio_end.match(lead) and not c.in_period.match(lead) and not c.compared_cue.search(lead):
            return replace(t, compared=True, cue_start=t.start - len(before) + m.start())
    m = c.start.match(before, None, None, False)
    if m and t.year is not None and not (t.period and "/" in t.period):
        return replace(t, role="start", cue_start=t.start - len(before) + m.start())
    if after_plan_cue(text, t.start):
        return replace(t, role="future")
    if t.end - t.start == 4 and t.period == str(t.year) and _named_event(text[max(0, t.start - 60):t.start], c.names):
        return replace(t, role="name")
    return t


_YEAR_NEXT = engines.compile(r"\s+(?:" + regex.escape(str(patternbook.load("time")["year_word"])) + r"\s+)?(?:19|20)\d\d(?!\d)",
                           regex.I)


def _opens_bracket(text: str, t, before: str) -> bool:
    """`lỗ 1.255 tỷ đồng (cùng kỳ có lãi 116,6 tỷ đồng)`: a relative `cùng kỳ` opening a bracket opens a statement
    about that period, no comparison base of the figure before (one that a year follows, `(cùng kỳ năm 2020 tăng
    0,9%)`, is that year's, read as before)."""
    return before.rstrip().endswith("(") and _YEAR_NEXT.match(text, t.end) is None


def after_plan_cue(text: str, start: int) -> bool:
    """A plan cue (time.yaml roles future_before: `dự kiến`, `sẽ`, `có kế hoạch`) earlier in the sentence,
    at most 20 words before `start`."""
    before = text[max(0, start - 120):start]
    return _compiled().future.match(before[_after_last_sentence_end(before):]) is not None


def names_plan(text: str, start: int, end: int) -> bool:
    """A plan cue (time.yaml roles future_before) anywhere in `text[start:end]`."""
    return _plan_words().search(text, start, end) is not None


@functools.lru_cache(maxsize=1)
def _plan_words():
    return engines.compile(patternbook.alternation(patternbook.load("time")["roles"]["future_before"]), regex.I)


def _year_in_question(text: str, explicit, start: int) -> int | None:
    """The year its sentence named last before `start` as the time of its figures (no comparison base, no start of
    a stretch `kể từ tháng 4/2010`, no birth or name); an earlier sentence may be about another year."""
    years = [t for t in explicit if t.year is not None and t.end <= start and not t.compared and t.role is None]
    last = max(years, key=lambda t: t.end, default=None)
    return last.year if last is not None and _SENTENCE_END.search(text, last.end, start) is None else None


_SENTENCE_END = engines.compile(r"[.!?…]\s|\n")   # (not `;`: `cả năm` after `quý IV/2016 ...;` is still 2016's)


def relative_mentions(text: str, explicit, ref_year: int, focus_year: int | None,
                      now_year: int | None = None) -> list[TimeMention]:
    """`năm nay`, `năm ngoái`, `cùng kỳ` resolved, merged with the explicit ones.

    Offsets count from the year the article reports on (`focus_year`, a January review's year
    just ended), `năm qua` (the year just ended) from the year the article was written
    (`now_year`): FACTS.md. `nhiều năm qua`, `40 năm nay` are spans of years, no year."""
    c = _compiled()
    out = list(explicit)
    covered = bytearray(len(text) + 1)
    for t in explicit:
        covered[t.start:t.end] = b"\x01" * (t.end - t.start)
    focus = focus_year or ref_year
    now = now_year or ref_year

    def take(a, b):
        covered[a:b] = b"\x01" * (b - a)
    if ref_year:
        rx, offsets = c.relative
        starts = _relative_starts(text)

        def search(pos):
            if starts is None:
                return rx.search(text, pos)
            for i in range(bisect.bisect_left(starts, pos), len(starts)):
                p = starts[i]
                if covered[p]:
                    continue   # (a match there would be covered: passed over below)
                m = rx.match(text, p)
                if m is not None:
                    return m
            return None
        pos = 0
        while True:
            m = search(pos)
            if m is None:
                break
            start, end = m.span()
            if covered.find(1, start, end) >= 0 or c.not_before.match(text, end, None, False):
                # `trong năm 2020` is the explicit year; `trong năm nay`, `năm tới nay` read on
                pos = start + 1
                continue
            pos = end
            window = text[max(0, start - 30):start]
            if text[start:end].split(None, 1)[0].lower() in c.compound_words and c.compound_before.match(window, None, None, False):
                continue   # `thực hiện tại 21 tỉnh`: `tại` (at) after the compound `thực hiện`, no time
            offset = offsets[" ".join(m.group(0).lower().split())]
            # a count of the years (weeks, days) themselves stands right before them, not before `trong`, and is no
            # digit of a word (`cổ phần TV2 trong năm vừa qua`, `Covid-19 trong năm nay` are that year's)
            count = c.count_end.match(window) if not c.count_not_opening.match(text, start) else None
            if count is not None and (c.numbered_end.match(window, None, None, False)
                                      or count.start() and window[count.start() - 1].isalpha()):
                count = None
            stretch = (count is not None and offset in ("past", "recent") and 2 <= int(count.group().strip()) <= 50
                       and not c.stretch_compared.search(window, 0, count.start()))
            if offset == "recent" and not stretch:
                pos = start + 1   # (`những năm gần đây`: no count, read on: `gần đây` is now, as before)
                continue
            take(start, end)
            if c.quantified.match(window, None, None, False) or count is not None \
                    or offset in ("-1", "past") and c.quantified_back.match(window, None, None, False):
                # (`10 năm qua`, `20 năm nay`: a count of years, a stretch; `tháng 5 năm nay` is no count)
                if stretch:
                    # `trong 5 năm qua`: the years just ended, no one year (FACTS.md: null when it spans several)
                    n = int(count.group().strip())
                    out.append(_with_role(text, TimeMention(start - len(window) + count.start(), end, None,
                                                            f"{now - n}/{now - 1}", relative=True)))
                continue
            if offset == "past":
                year = now - 1
            elif offset == "now":
                if _unnamed_stretch(text, start, m.group(0), c):
                    continue   # `từ khi thành lập đến nay`: many years, none told (FACTS.md `year`)
                first, opens = _stretch_start(text, explicit, start, m.group(0), c) if now else (None, start)
                if first is not None and first < now:
                    # `từ năm 2017 đến nay`: several years up to now, no year (FACTS.md `year`)
                    out.append(_with_role(text, TimeMention(opens, end, None, f"{first}/{now}", relative=True)))
                    continue
                year = now
            elif offset == "whole":
                year = _year_in_question(text, explicit, start) or focus
            elif offset == "-1" and c.same_period.match(text, start) and (asked := _year_in_question(text, explicit, start)):
                # `Năm 2020, công ty lỗ 100 tỷ đồng (cùng kỳ có lãi 50 tỷ đồng)`, `Quý I/2020 ..., cùng kỳ năm trước
                # ...`: the same period a year before the one its sentence is about (2019), not before this year
                year = asked - 1
            else:
                year = focus + int(offset)
            out.append(_with_role(text, TimeMention(start, end, year, str(year), relative=True,
                                                    past=offset == "past")))
        for m in _years_ago().finditer(text):   # (tried only where `cách` stands: years_ago_words)
            if covered.find(1, m.start(), m.end()) < 0:
                take(m.start(), m.end())
                year = now - int(m.group("n"))
                out.append(_with_role(text, TimeMention(m.start(), m.end(), year, str(year), relative=True)))
        stretch, words = _stretch_opening()
        for m in stretch.finditer(text):   # (tried only where `sau`, `qua` stands)
            n = m.group("n")
            n = words[n] if n in words else int(n)
            if 2 <= n <= 50 and covered.find(1, m.start(), m.end()) < 0 \
                    and not _counted_from_told_year(text, explicit, m.start(), n, now, c):
                # `Sau 5 năm triển khai, ...`: the years up to now, no one year (FACTS.md `year`)
                a, b = m.span("stretch")
                take(a, b)
                out.append(TimeMention(a, b, None, f"{now - n}/{now}", relative=True))
    out.sort(key=lambda t: t.start)
    return out


def _unnamed_stretch(text: str, start: int, phrase: str, c) -> bool:
    """`đến nay` closing a stretch from a start no year dates, a body's birth or a running total (time.yaml
    since_unnamed: `từ khi thành lập đến nay`, `lũy kế đến nay`): it tells no time, and the figure spans many years."""
    return (" ".join(phrase.lower().split()) in c.since_ends
            and c.since_unnamed.search(text, max(0, start - 40), start, False) is not None)


def _stretch_start(text: str, explicit, start: int, phrase: str, c) -> tuple:
    """(first year, where the stretch opens) of a stretch `đến nay` closes: the start right before it (`từ năm 2017
    đến nay`, a mention of role `start`; not past a comma: `Mở cửa từ năm 2005, đến nay ...` tells of now), or for
    `từ đó đến nay` the last year the text named within `since_then_reach` before it (a figure's time or an event's, no
    comparison base, birth or plan). No year: no stretch (`hiện nay`, `từ đầu năm đến nay`)."""
    if " ".join(phrase.lower().split()) not in c.since_ends:
        return None, start
    for t in reversed(explicit):
        if t.end <= start:
            if t.role == "start" and t.year is not None and text[t.end:start].isspace():
                return t.year, t.start
            break
    m = c.since_then.search(text, max(0, start - 30), start, False)
    if m is None:
        return None, start
    named = [t for t in explicit if t.year is not None and start - c.since_then_reach <= t.start and t.end <= start
             and not t.compared and t.role in (None, "event", "start")]
    return (named[-1].year if named else None), m.start()


@functools.lru_cache(maxsize=1)
def _years_ago():
    """`cách đây gần 10 năm` (time.yaml years_ago): that many years before the time of writing."""
    data = patternbook.load("time")
    return patternbook.Prefiltered(engines.compile(data["years_ago"]), data["years_ago_words"])


def _counted_from_told_year(text: str, explicit, start: int, n: int, now: int, c) -> bool:
    """`Công ty thành lập năm 2010. Sau 5 năm, doanh thu đạt 100 tỷ đồng`: a stretch counted from a year the text
    named shortly before that ends well before now is a story's later year, no stretch up to now (left to the
    other rules; `since_then_reach`, as for `từ đó đến nay`); so is one whose sentence names a year after it."""
    told = [t for t in explicit if t.year is not None and start - c.since_then_reach <= t.start and t.end <= start
            and not t.compared and t.role in (None, "event", "start")]
    if told and told[-1].year + n < now - 1:
        return True
    # `Sau 3 năm theo học, năm 2020, Hiếu tốt nghiệp`: a year told later in the sentence dates it, no stretch
    ends = _SENTENCE_END.search(text, start, start + _AFTER_STRETCH)
    end = ends.start() if ends is not None else start + _AFTER_STRETCH
    return any(start < t.start < end for t in explicit)


_AFTER_STRETCH = 200   # characters after a counted stretch in which a year of its sentence is looked for


@functools.lru_cache(maxsize=1)
def _stretch_opening():
    """`Sau 5 năm triển khai,` opening a sentence (time.yaml stretch_opening): the years up to the time of writing;
    with the values of its number words."""
    data = patternbook.load("time")
    words = {str(k): int(v) for k, v in data["stretch_words"].items()}
    rx = regex.compile(data["stretch_opening"].replace("{words}", patternbook.alternation(list(words))))
    return patternbook.Prefiltered(rx, data["stretch_opening_starts"]), words


def _relative_starts(text: str):
    """Where a relative phrase may begin (sorted; None: scan the text): where the lower-cased text holds a phrase's
    first word, then blanks (every phrase has two words or more), then the start of a second word of a phrase with
    that first word. Most places of `trong`, `năm`, `đến`, `hiện` begin none: no pattern tried there."""
    words, exotic = _relative_words()
    seconds, odd = _relative_seconds()
    low = _lowered(text)
    if len(low) != len(text) or any(x in text for x in exotic) or any(x in text for x in odd):
        return None   # (as `_word_starts`)
    out = []
    for w in words:
        after, n = seconds[w], len(w)
        at = low.find(w)
        while at >= 0:
            q = at + n
            while low[q:q + 1].isspace():   # (`str.isspace` holds every `\s` of `regex`)
                q += 1
            if q > at + n and low.startswith(after, q):
                out.append(at)
            at = low.find(w, at + 1)
    out.sort()
    return out


@functools.lru_cache(maxsize=1)
def _relative_seconds():
    """The relative phrases' first word -> the second words of the phrases it opens; and the characters `regex.I`
    matches to a letter of those second words that `str.lower` maps elsewhere (`ſ` for the `s` of `sau`)."""
    out: dict = {}
    for p in _compiled().relative[1]:
        first, second = p.split()[:2]
        out[first] = tuple(sorted(set(out.get(first, ())) | {second}))
    return out, patternbook.odd_cases("".join(sorted({ch for ws in out.values() for w in ws for ch in w})))


@functools.lru_cache(maxsize=8)
def _word_starts(text: str, words: tuple, exotic: tuple):
    """Where a case-blind phrase may begin (sorted): where the lower-cased text holds a phrase's first word.
    None (scan the text) when lower-casing moves offsets or the text holds a letter the pattern's case
    folding matches but `str.lower` does not turn into that word's letter (`ſ` for `s`)."""
    low = _lowered(text)
    if len(low) != len(text) or any(x in text for x in exotic):
        return None
    return _starts_of(low, words)


@functools.lru_cache(maxsize=8)
def _lowered(text: str) -> str:
    """`text.lower()`, once per text for all `_word_starts` word lists."""
    return text.lower()


@functools.lru_cache(maxsize=1)
def _relative_words():
    """The first words of the relative phrases, and the characters `regex.I` matches to one of their
    letters that `str.lower` maps elsewhere (whole BMP, once)."""
    words = tuple(sorted({p.split()[0] for p in _compiled().relative[1]}))
    return words, patternbook.odd_cases("".join(sorted({ch for w in words for ch in w})))


def review_month(text: str) -> int | None:
    """The month of an undated annual review's dateline (`Chiều 19.1, Bưu điện ... tổng kết`):
    None when the text has no dateline or no word of a review."""
    return dateline_month(text, review=True)


def dateline_month(text: str, review: bool = False) -> int | None:
    """The month of an undated text's dateline (`Chứng khoán sáng 7/2: ...`, `Chiều 19.1, ...`); with `review`, None
    too when the text has no word of a review."""
    month = _lead_month(text)
    if month is None or (review and not _has_review(text)):
        return None
    return month


@functools.lru_cache(maxsize=8)
def _lead_month(text: str) -> int | None:
    """`dateline_month` without the review test (an undated text asks it twice: `review_month`, `timing`)."""
    rx, heads = _dateline()
    end = patternbook.load("time")["lead_chars"]
    lead = text[:end]
    # the pattern tried only where one of its opening words stands, left to right: the first match is `search`'s
    m = next((m for m in map(rx.match, itertools.repeat(text), _starts_of(lead, heads), itertools.repeat(end))
              if m is not None), None)
    if m is None:
        return None
    month = int(m.group("m"))
    return month if 1 <= month <= 12 and 1 <= int(m.group("d")) <= 31 else None


@functools.lru_cache(maxsize=1)
def _review():
    cues = patternbook.load("time")["review_cues"]
    words = tuple(sorted({" ".join(str(c).lower().split()).split()[0] for c in cues}))
    return (engines.compile(patternbook.alternation(cues), regex.I), words,
            patternbook.odd_cases("".join(sorted({ch for w in words for ch in w}))))


def _has_review(text: str) -> bool:
    """`_review` searched in the text, tried only where a cue's first word stands (`_word_starts`)."""
    rx, words, exotic = _review()
    starts = _word_starts(text, words, exotic)
    if starts is None:
        return rx.search(text) is not None
    return any(rx.match(text, p) is not None for p in starts)


@functools.lru_cache(maxsize=1)
def _dateline():
    """The dateline pattern and the words every match opens with (time.yaml `lead_dateline_words`)."""
    data = patternbook.load("time")
    heads = tuple(data["lead_dateline_words"])
    for w in heads:
        if w[1:] not in data["lead_dateline"]:
            raise ValueError(f"time.yaml lead_dateline_words: {w!r} is not in lead_dateline")
    return engines.compile(data["lead_dateline"]), heads


def _starts_of(text: str, words) -> list:
    """Where the words stand in the text, sorted."""
    out = []
    for w in words:
        at = text.find(w)
        while at >= 0:
            out.append(at)
            at = text.find(w, at + 1)
    out.sort()
    return out


def past_count(times) -> int:
    """How often the text says `năm qua` (the year just ended): a review's word."""
    return sum(1 for t in times if t.relative and t.past)


def period_year(tag: str, year: int, pub_month: int | None) -> int:
    """The year of a period named without one (`trong quý I`, `tháng 12`): the article's year,
    the year before when that period has not begun at publication (`tháng 12` in January)."""
    first = first_month(tag)
    if pub_month is not None and first is not None and first > pub_month:
        return year - 1
    return year


def first_month(tag: str) -> int | None:
    """The month a period tag (`Q3`, `H2`, `05`) begins in; None for a whole year or `9M`."""
    if tag.startswith("Q") and tag[1:].isdigit():
        return 3 * (int(tag[1:]) - 1) + 1
    if tag == "H2":
        return 7
    if tag.isdigit():
        return int(tag)
    return None
