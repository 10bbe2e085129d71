"""Find quantities in text: number, scale word, unit, denominator, range.

Every surface form comes from `patterns/` (units, scales, counts). The
matcher reads left to right from each number it finds and keeps the longest
reading; it knows nothing of meaning (see `pipeline.meaning`).

A number followed by a noun is a count whatever the noun: the noun is read
from word structure (closed word classes of `patterns/counts.yaml` and the
compound words of `pipeline.lexicon`), not from a list of nouns.
"""
from __future__ import annotations

import bisect
import functools
import math
import operator
import re
from dataclasses import dataclass, field

import ahocorasick
import regex

from . import engines
from . import designators, lexicon, patternbook
from .numbers import NUMBER_PATTERN, SPACED_PATTERN, parse_number, parse_scale, parse_word_number, word_number_pattern


@dataclass
class Quantity:
    start: int
    end: int
    cls: str                 # money, ratio, measure, count
    value: float
    value_max: float | None
    unit: str
    per: str
    flags: list = field(default_factory=list)
    # the readings of an ambiguous separator: (start, end, factor, alternative value)
    ambiguous: list = field(default_factory=list)
    bare_scale: bool = False
    bound: str | None = None  # `từ X trở lên` / `trở xuống`: at_least / at_most read from the words after


class _Near:
    """A pattern matched at a position only within `reach` characters.

    The `regex` module looks for a pattern's required literal (`lần` after
    `[ \t]*`) through the whole rest of the text on every `match`: one match per
    number made long documents quadratic. Nothing read after a number is longer.

    Most matches after a number fail: given the phrases a match must begin with
    (after the pattern's leading blanks when `lead`), the three characters there are
    tested first against those phrases' beginnings (up to a blank), compiled with the
    pattern's own flags (so its case folding). The four characters at the position
    decide every such test unless they begin with two blanks: one memo shared by all
    the tests maps them to a bit mask of the tests that may match (`_MASKS`), all
    found at once at a first meeting (one miss per new four characters, not one per
    test and position: what new documents meet)."""

    __slots__ = ("rx", "reach", "lead", "pre", "bit", "heads")

    def __init__(self, rx, reach: int = 256, phrases=None, lead: bool = True):
        self.rx, self.reach, self.lead = rx, reach, lead
        self.pre = None
        self.bit = 0
        self.heads = ()
        if phrases is not None:
            heads = {regex.split(r"\s", p[:3])[0] for p in map(str, phrases)}
            self.heads = tuple(sorted(heads))
            self.pre = engines.compile("|".join(regex.escape(h) for h in sorted(heads, key=lambda h: (-len(h), h))), rx.flags)
            self.bit = 1 << len(_TESTS)
            _TESTS.append(self)

    def match(self, text, pos=0, endpos=None):
        bit = self.bit
        if bit:
            mask = _MASKS.get(text[pos:pos + 4])
            if mask is None:
                mask = _mask_at(text, pos)
            if not mask & bit:
                return None
        end = pos + self.reach if endpos is None else min(endpos, pos + self.reach)
        return self.rx.match(text, pos, end)

    def may_match(self, text, pos):
        """False when no match can begin at `pos` (the test of `match`)."""
        mask = _MASKS.get(text[pos:pos + 4])
        if mask is None:
            mask = _mask_at(text, pos)
        return bool(mask & self.bit)

    def _may_match(self, text, pos):
        i = pos
        if self.lead:
            c = text[i:i + 1]
            while c == " " or c == "\t":
                i += 1
                c = text[i:i + 1]
        return self.pre.match(text[i:i + 3]) is not None

    def __getattr__(self, name):
        return getattr(self.rx, name)


_TESTS: list = []   # every `_Near` with phrases; its bit is 1 << its index
_MASKS: dict = {}   # four characters -> bit mask of the `_Near` tests that may match there


def _mask_at(text, pos):
    """The mask of the tests at `pos`; remembered when its four characters decide it."""
    key = text[pos:pos + 4]
    c0 = key[:1]
    if (c0 == " " or c0 == "\t") and key[1:2] in (" ", "\t"):   # undecided by the four: every test read here
        return sum(t.bit for t in _TESTS if t._may_match(text, pos))
    skip = key[1:4] if c0 == " " or c0 == "\t" else key[:3]
    mask = _LEAD_MASKS.get(skip)
    if mask is None:
        mask = _heads_mask(skip, True)
    head_mask = _HEAD_MASKS.get(key[:3])
    mask |= _heads_mask(key[:3], False) if head_mask is None else head_mask
    if len(_MASKS) > 100_000:
        _MASKS.clear()
    _MASKS[key] = mask
    return mask


_LEAD_MASKS: dict = {}   # three characters after the blanks -> mask of the tests that skip leading blanks
_HEAD_MASKS: dict = {}   # three characters -> mask of the other tests


def _heads_mask(three, lead):
    """The mask of the `lead` (or other) tests on three characters: fewer distinct than four-character keys,
    so a new key mostly costs two look-ups, not a regex per test (what unseen documents meet).
    Each test's heads looked up by the characters' prefixes, lower-cased for a case-blind test, when
    `str.lower` stands in for the case folding of `regex` there (`patternbook.odd_cases`; a letter
    whose lower case is longer): one look-up per prefix instead of a regex per test."""
    memo = _LEAD_MASKS if lead else _HEAD_MASKS
    mask = 0
    table = _HEAD_TABLE[1] if _HEAD_TABLE and _HEAD_TABLE[0] == len(_TESTS) else _head_table()
    low = three.lower()
    if table is not None and len(low) == len(three) and not patternbook.holds_any(three, table[2]):
        heads = table[0] if lead else table[1]
        get = heads.get
        mask = get("", 0) | get(low[:1], 0) | get(low[:2], 0) | get(low, 0)
    else:
        for t in _TESTS:
            if t.lead == lead and t.pre.match(three) is not None:
                mask |= t.bit
    if len(memo) > 100_000:
        memo.clear()
    memo[three] = mask
    return mask


_HEAD_TABLE: list = []   # [number of tests, its tables]: rebuilt when a test is added


def _head_table():
    """({head lower-cased: mask of the `lead` tests with that head}, the same of the others, odd characters),
    or None when some head's lower case has another length (then `_heads_mask` runs each test's regex).
    A case-sensitive test's head is looked up lower-cased too: a test in the mask may still fail (the
    regex decides), one missing from it never could match."""
    if not _HEAD_TABLE or _HEAD_TABLE[0] != len(_TESTS):
        lead: dict = {}
        other: dict = {}
        ok = True
        for t in _TESTS:
            for h in t.heads:
                ok = ok and len(h.lower()) == len(h) <= 3
                table = lead if t.lead else other
                table[h.lower()] = table.get(h.lower(), 0) | t.bit
        odd = patternbook.odd_cases([h for t in _TESTS for h in t.heads])
        _HEAD_TABLE[:] = [len(_TESTS), (lead, other, odd) if ok else None]
    return _HEAD_TABLE[1]


def _literal(words) -> str:
    """An alternation of the words as written, with no word boundary (`-`, `...`, `đến`), longest first."""
    return "(?:" + "|".join(regex.escape(str(w)) for w in sorted(map(str, words), key=len, reverse=True)) + ")"


def _start_trie(words) -> str:
    """`\\b(?:hai|ba|...)` as a `re` trie whose every branch begins with a literal letter, the word
    boundary checked after its second letter (`(?<!\\w..)`): `re` then skips to the next possible first
    letter instead of trying the whole pattern at every position, and most stops end at the second
    letter (the scan 2.5x faster)."""
    at = 2 if min(map(len, words)) >= 2 else 1

    def node(ws, depth):
        heads: dict = {}
        for w in ws:
            heads.setdefault(w[0], []).append(w[1:])
        parts = []
        for c, rests in sorted(heads.items()):
            longer = [r for r in rests if r]
            sub = "(?:" + node(longer, depth + 1) + ")" + ("?" if "" in rests else "") if longer else ""
            parts.append(re.escape(c) + (r"(?<!\w" + "." * at + ")" if depth + 1 == at else "") + sub)
        return "|".join(parts)
    return "(?:" + node(sorted(set(words)), 0) + ")"


class _Grammar:
    """Compiled regexes built from the pattern files."""

    def __init__(self):
        units = patternbook.load("units")
        counts = patternbook.load("counts")
        scale_data = patternbook.load("scales")
        scales = scale_data["scales"]
        alt = patternbook.alternation
        self.unit_of = {}  # surface (lower) -> (class, canonical)
        self.unit_factor = {}  # surface -> multiplier (cents)
        for cls in ("money", "ratio", "measure"):
            for canon, forms in units[cls].items():
                for f in forms:
                    self.unit_of[str(f).lower()] = (cls, str(canon))
        for f in units["cents"]:
            self.unit_of[str(f).lower()] = ("money", "USD")
            self.unit_factor[str(f).lower()] = 0.01
        self.after_scale = {str(f).lower(): ("money", str(c)) for c, fs in units["money_after_scale"].items() for f in fs}
        self.glued_only = {str(f).lower() for f in units["glued_only"]}
        self.no_denominator = {str(f).lower() for f in units["no_denominator"]}
        self.signed_units = {str(u) for u in units["signed_units"]}
        self.minus_word = engines.compile(r"(?<!\w)" + _literal(units["minus_words"]) + r"[ \t]+$", regex.IGNORECASE)
        self.lower_only = {str(f) for f in units["lower_only"]}
        self.superscript_not_before = engines.compile(r"[ \t]+" + alt(units["superscript_not_before"]), regex.IGNORECASE)
        hour = units["hour_g"]
        self.hour_form, self.hour_max = str(hour["form"]), float(hour["max"])
        self.hour_before = engines.compile(r"(?<!\w)" + alt(hour["before"]) + r"[ \t]+$", regex.IGNORECASE)
        self.hour_after = {str(w) for w in hour["after"]}
        self.unit_before_word = {str(u).lower(): ({str(w).lower() for w in r["words"]}, float(r["min"]))
                                 for u, r in units["unit_before_word"].items()}
        self.needs_scale = {str(u) for u in units["time_units_need_scale"]}
        self.per_canon = {str(n).lower(): str(n).lower() for n in units["per_nouns"]}
        for surface, (cls, canon) in self.unit_of.items():
            if cls in ("measure",) and surface not in self.no_denominator:   # (`100km/g`: `g` is no denominator)
                self.per_canon[surface] = canon
        for a, canon in units["per_aliases"].items():
            self.per_canon[str(a).lower()] = str(canon)
        # counts: closed classes, classifiers, abbreviations
        self.classifiers = {str(c) for c in counts["classifiers"]}
        self.person_classifiers = {str(c) for c in counts["person_classifiers"]}
        self.money_alone = {str(w): (str(r["unit"]), float(r["min"])) for w, r in units["money_alone"].items()}
        self.person_nouns = {str(c) for c in counts["person_nouns"]}
        self.agent_classifiers = {str(c) for c in counts["agent_classifiers"]}
        self.counted_predicates = {str(w) for w in counts["counted_predicates"]}
        self.event_classifiers = {str(w) for w in counts["event_classifiers"]}
        self.noun_initial_closed = {str(c) for c in counts["noun_initial_closed"]}
        self.closed_nouns = {" ".join(str(w).split()) for w in counts["closed_initial_nouns"]}
        self.closed_firsts = {w.split()[0] for w in self.closed_nouns}
        self.closed_lens = sorted({len(w.split()) for w in self.closed_nouns if " " in w}, reverse=True)   # (longest first)
        self.not_counted = {str(w) for ws in counts["not_counted"].values() for w in ws}
        self.time_words = {str(w) for w in counts["not_counted"]["time_units"]}
        # function words and time units block a counted noun even when a lexicon word starts with
        # them (`thì có`, `như thế`, `năm tới`); verbs only as a whole word (`cho vay`, not `chỉ tiêu`)
        self.blocking = self.time_words | {str(w) for w in counts["not_counted"]["function"]}
        self.money_heads = {str(w) for w in units["money_context"]}
        self.spelled_no_open = {str(w) for w in counts["spelled_not_before_open_noun"]}
        self.counted_words = {" ".join(str(w).lower().split()) for w in counts["counted_words"]}
        self.name_titles = {str(w).lower() for w in counts["name_titles"]}
        self.spelled_words = {" ".join(str(w).lower().split()) for w in counts["spelled_words"]}
        self.number_idioms = engines.compile(alt(counts["number_idioms"]), regex.IGNORECASE)   # `ba chân bốn cẳng`
        # an idiom holding a number word holds the word right after it or right before it too (`_in_idiom`; None
        # when an idiom is one word: then no such test)
        self.idiom_words = {w.casefold() for p in counts["number_idioms"] for w in str(p).split()} \
            if all(len(str(p).split()) >= 2 for p in counts["number_idioms"]) else None
        self.spelled_not_after = {str(k).lower(): {str(w).lower() for w in ws}
                                  for k, ws in counts["spelled_not_after"].items()}
        self.one_article = {str(k).lower(): {str(w).lower() for w in ws}
                            for k, ws in scale_data["one_article_before"].items()}
        self.named_before = [str(n) for n in counts["named_before"]]
        self.noun_stops = {str(w) for w in counts["noun_stops"]}
        self.proportion_open = regex.compile(
            r"(?<!\w)(?<!(?<!\w)" + _literal(counts["proportion_open_not_after"]) + r"[ \t]+)" + _literal(counts["proportion_open"])
            + r"[ \t]+(?=\d|(?:" + "|".join(map(regex.escape, list(scale_data["word_number_starts"]) + list(units["per_one"])))
            + r")(?!\w))", regex.IGNORECASE)
        # the cheap test before the scan: the opening words as written at a sentence's start or inside one
        self.proportion_probes = tuple({v for w in counts["proportion_open"] for v in (str(w), str(w).capitalize())})
        self.proportion_low = tuple({p.lower() for p in self.proportion_probes})   # (a probe in a text is in it lower-cased)
        group = counts["group_denominator"]   # `2 người 1 tổ`: a one right after a count is its group
        dn = counts["difference_before_name"]
        self.difference_name = regex.compile(r"(?<!\w)" + _literal(dn["before"]) + r"(?:[ \t]+\p{Lu}[\p{L}.]*){1,%d}[ \t]+$"
                                             % int(dn["words"]), regex.REVERSE)
        self.group_not_before = regex.compile(r"(?<!\w)" + _literal(group["not_after"]) + r"[ \t]+$", regex.IGNORECASE | regex.REVERSE)
        self.per_after_words_final = int(units["per_after_words_final"])
        self.clause_close = engines.compile(r"[ \t]*(?:[.,;!?\"”)\n]|$)")
        mn = counts["model_number"]
        self.model_suffixes = frozenset(str(u) for u in mn["suffixes"])
        self.model_lines = frozenset(str(u) for u in mn["lines"])
        self.model_line_lead = frozenset(str(u) for u in mn["line_lead"])
        cp = counts["couple"]
        self.couple_nouns = frozenset(str(u) for u in cp["nouns"])
        self.couple_after = regex.compile(r"(?:[ \t]+\p{L}+){0,%d}?[ \t]+" % int(cp["gap"]) + _literal(cp["verbs"]) + r"(?!\w)(?![ \t]+" + _literal(cp["not_next"]) + r"(?!\w))", regex.IGNORECASE)
        self.once_units = frozenset(str(u) for u in counts["once_vague"]["units"])
        self.once_before = regex.compile(r"(?<!\w)" + _literal(counts["once_vague"]["before"]) + r"[ \t]+$", regex.IGNORECASE | regex.REVERSE)
        self.article_before = regex.compile(r"(?<!\w)" + _literal(counts["article_one_after"]) + r"[ \t]+$", regex.IGNORECASE | regex.REVERSE)
        self.digit_units = {str(w) for w in counts["digits"]["units"]}
        self.digit_named = engines.compile(r"[ \t]+" + _literal(counts["digits"]["named_by"]) + r"(?!\w)", regex.IGNORECASE)
        self.group_parts = {str(w) for w in group["not_parts"]}
        self.proportion_link = engines.compile(r"(?<!\w)" + _literal(counts["proportion_links"]) + r"(?!\w)", regex.IGNORECASE)
        el = counts["elided_count"]
        el_num = r"(?P<n>\d{1,3}(?:\.\d{3})+|\d+)(?![\d.,/:\-–]\d|\w|[ \t]*[/%])"
        el_next = r"(?:[ \t]+(?P<word>" + _literal(el["next"]) + r")(?!\w)|[ \t]*[,;)](?!\d)|[ \t]*\.(?!\d))"
        approx = r"(?:" + _literal(el["approx"]) + r"[ \t]+)?"
        self.elided_probes = tuple({v for w in el["leads"] + el["tails"] for v in (str(w).split()[0], str(w).split()[0].capitalize())})
        ctx = tuple(str(c) for c in el["part_links"])   # before the blanks before a part that no lead opens
        after = r"(?<=(?:" + "|".join(("(?<!\\w)" if c[0].isalpha() else "") + regex.escape(c) for c in ctx) + r")[ \t]+)"
        self.elided = regex.compile(
            r"(?<!\w)" + _literal(el["leads"]) + r"[ \t]+" + approx + el_num + el_next
            + r"|" + after + approx + el_num + r"[ \t]+" + _literal(el["tails"]) + r"(?!\w)"
            + r"|" + after + r"(?P<list>)" + approx + el_num + el_next,
            regex.IGNORECASE)
        # where a match may begin (`_elided_matches`), lower-cased: each lead (none that another begins), each `ctx`
        # (the match begins after its blanks), the approximations (or a digit) there
        leads = sorted({str(w).lower() for w in el["leads"]})
        self.elided_heads = tuple(w for w in leads if not any(w != v and w.startswith(v) for v in leads))
        self.elided_ctx = tuple(c.lower() for c in ctx)
        self.elided_tails = tuple(str(w).lower() for w in el["tails"])
        self.elided_approx = tuple(sorted({str(w).lower() for w in el["approx"]}))
        self.elided_odd = patternbook.odd_cases(list(el["leads"]) + list(el["approx"]) + list(ctx))
        self.elided_lead = engines.compile(r"(?<!\w)" + _literal(el["leads"]) + r"(?!\w)", regex.IGNORECASE)
        self.elided_reach = int(el["reach"])
        self.year_like_count_after = engines.compile(r"(?<!\w)" + _literal(counts["year_like_count_after"]) + r"[ \t]+$",
                                                   regex.IGNORECASE)
        word = word_number_pattern()
        half = alt(scale_data["half_words"], lead=False)
        ws = r"[ \t]*"
        abbrev = r"(?-i:" + "|".join(regex.escape(str(a)) for a in sorted(counts["abbreviations"], key=len, reverse=True)) + r")(?!\w)(?!\.\w)"
        self.abbrev = engines.compile(r"[ \t]+(?P<ab>" + abbrev + ")")
        self.open_word = regex.compile(r"[ \t]+(\p{Ll}{2,})(?![\w\-])")
        # the first four such words in one match (each repetition can match but one way: as many as follow)
        # a word of one letter only before another word: the first syllable of a lexicon noun (`ý tưởng`,
        # `y tá`, `ổ cắm`, `á hậu`), `_open_count`
        open_word = r"[ \t]+(\p{Ll}{2,}|\p{Ll}(?=[ \t]+\p{Ll}))(?![\w\-])"   # (one letter only before another word)
        self.open_words = regex.compile(r"(?:" + open_word + r"){1,4}")
        self.open_first = regex.compile(open_word)   # (its first word)
        # A spelled number is only a candidate when a scale, unit, decimal word or a lowercase
        # word (a counted noun) follows: checked inside the regex, not in Python (a lowercase letter
        # first: the lookahead's outcome is the same, and mostly known at once).
        one = alt(scale_data["one_before_unit"], lead=False)
        unit_words = [u for u, (c, _) in self.unit_of.items() if c in ("money", "measure")] + list(scales) \
            + list(scale_data["decimal_words"])
        unit_follows = alt(unit_words, lead=False)
        follow_words = list(scales) + list(self.unit_of) + list(self.after_scale) + [counts["times_unit"]] \
            + list(scale_data["decimal_words"])
        follows = alt(follow_words, lead=False)
        # tests before the spelled-number match (`_word_numbers`): `một` alone (no number word begins
        # with it) counts only before a unit; a number word before a digit (`năm 2017`) only when a
        # unit or abbreviation may begin with one
        self.one_only = {str(w).lower() for w in scale_data["one_before_unit"]} - {
            str(w).lower() for w in list(scale_data["word_number_starts"]) + list(scale_data["half_words"])}
        self.one_follows = _Near(engines.compile(r"[ \t]+" + unit_follows, regex.IGNORECASE), phrases=unit_words)
        self.digit_follows = any(str(w)[:1].isdigit() for w in follow_words + list(counts["abbreviations"]))
        # Two scans, not one alternation: the digit scan is ten times cheaper alone.
        # Currency before the number (`$10`, `USD1,23`, `EUR 20`): written as in the pattern file
        # (codes in capitals), found by looking back from each number, not by a scan of its own.
        before = [(str(f), str(c)) for c, fs in units["money_before_number"].items() for f in fs]
        self.cur_before = {f.lower(): c for f, c in before}
        cur_alt = "|".join(regex.escape(f) for f, _ in sorted(before, key=lambda x: -len(x[0])))
        self.cur_prefix = engines.compile(r"(?<![\w$£€¥])(?P<cur>" + cur_alt + r")[ \t]?$")
        # a form's last character stands in the three before a number it precedes (`USD 5`, `$\\n5`)
        self.cur_last = frozenset(f[-1] for f, _ in before)
        self.cur_first = frozenset(f[:1] for f, _ in before)   # (`cur_plain` is case-sensitive)
        glued_codes = "|".join(regex.escape(f) for f, _ in before if f[-1].isalpha())
        # `(?=[-−0-9])` first: every match starts there, and the engine then skips other positions
        # fast instead of trying the three lookbehinds at each (the whole-document scan 17x faster).
        # The plain number's lookbehinds first: they decide most tries (a digit after a blank or inside a
        # number) at once; at most one of the three ways can match at a place (a sign is no digit, each code
        # ends in a letter), so their order changes no match (the scan a tenth faster)
        self.number = regex.compile(
            rf"(?=[-−0-9])(?:(?<![\w.,\-–−])(?<!\d/)|(?<=[\s(])(?P<neg>[-−])|(?<=(?<![\w])(?:{glued_codes})))"
            rf"(?P<num>{NUMBER_PATTERN})(?![\d])(?P<word>(?!))?(?P<cur>(?!))?(?P<word1>(?!))?")
        first_words = {str(w) for w in scale_data["word_number_starts"]} | {str(w) for w in scale_data["half_words"]} \
            | {str(w) for w in scale_data["one_before_unit"]}
        cased = {f(w) for w in first_words for f in (str.lower, str.capitalize, str.upper)}  # re.I is 2x slower
        self.word_start = re.compile(_start_trie(cased) + r"\b")
        self.word_start_ac = _followed_by_blank(cased)
        # the same words lower-cased, run on the lower-cased text (half the first letters: a third cheaper), each hit
        # kept when the text holds one of `cased` there (`_word_starts`)
        self.word_start_low_ac = _followed_by_blank({w.lower() for w in cased})
        self.word_start_cased = frozenset(cased)
        self.word_number = regex.compile(
            rf"(?<!\w)(?:(?P<word>{word}|{half})(?!\w)(?=[ \t]+(?:(?-i:\p{{Ll}})|{follows}|{abbrev}))"
            rf"|(?P<word1>{one})(?=[ \t]+{unit_follows}))(?P<num>(?!))?(?P<cur>(?!))?(?P<neg>(?!))?",
            regex.IGNORECASE)
        self.glued_k = regex.compile(r"(?:" + "|".join(map(regex.escape, scale_data["glued_thousand"])) + r")(?![\p{L}\d])")
        self.decimal = engines.compile(r"[ \t]+" + alt(scale_data["decimal_words"]) + r"[ \t]+(?:(?P<d>\d+)|(?P<w>"
                                     + word + r"))(?!\w)", regex.IGNORECASE)
        self.half = {str(k): float(v) for k, v in scale_data["half_words"].items()}
        self.number_words = {str(w) for w in scale_data["number_words"]}   # `mươi`, `trăm`
        self.cents = engines.compile(r"(?:[ \t]+và)?[ \t]+(?:(?P<d>\d{1,2})|(?P<w>" + word + r"))(?!\w)"
                                   r"(?:[ \t]+(?P<cw>" + alt(units["cents"], lead=False) + r"))?", regex.IGNORECASE)
        self.abbreviated = {str(a) for a in scale_data["abbreviated_scales"]}
        full = [w for w in scales if w not in self.abbreviated]
        self.scale = engines.compile(ws + r"(?P<scale>" + alt(full, lead=False) + "|"
                                   + alt(self.abbreviated, boundary=False) + ")", regex.IGNORECASE)
        unit_alt = alt(self.unit_of, lead=False)
        # `10,8 triệuđồng`, `192tỷđồng`: a scale word glued to the currency after it (a lost blank)
        money_forms = [u for u, (c, _) in self.unit_of.items() if c == "money" and u[:1].isalpha()]
        self.scale_glued = engines.compile(ws + r"(?P<scale>" + alt(full, lead=False, boundary=False) + r")(?="
                                         + alt(money_forms, lead=False) + ")", regex.IGNORECASE)
        self.unit = engines.compile(ws + r"(?P<unit>" + unit_alt + r")", regex.IGNORECASE)
        # `200 triệu phú`: the scale word begins a noun of people (a millionaire), no scale
        self.scale_word_noun = engines.compile(r"[ \t]+" + alt(scale_data["scale_word_nouns"], lead=False), regex.IGNORECASE)
        self.unit_after_scale = engines.compile(ws + r"(?P<unit>" + alt(self.after_scale, lead=False) + r")", regex.IGNORECASE)
        # nouns named before a bare scale amount (`61 triệu` after `thuê bao`): extract._bare_scale
        self.count = engines.compile(
            ws + r"(?:(?:" + alt(counts["classifiers"]) + r")\s+)?(?P<noun>"
            + alt(self.named_before) + ")", regex.IGNORECASE)
        cues = patternbook.load("cues")
        per_alt = alt(self.per_canon)
        word = r"(?!" + alt(units["per_after_stops"]) + r"(?!\w))\p{Ll}{2,}"
        self.per_slash_after = regex.compile(r"(?:[ \t]+" + word + r"){1," + str(int(units["per_slash_words"]))
                                             + r"}[ \t]*/[ \t]*(?:1[ \t]*)?(?P<per>" + alt(self.per_canon, lead=False) + ")")
        # `USD cho một tập phim`: the denominator after `cho` (for) is named apart from the figure, outside its quote
        per_lead = r"(?:" + _literal(units["per_one_leads"]) + r"[ \t]+)?"
        self.per_apart = engines.compile(r"[ \t]+" + _literal(units["per_one_leads"]) + r"[ \t]", regex.IGNORECASE)
        # `/1kg` (glued) leaves no word boundary before the noun: those denominators lose the lead boundary
        # `hai người một năm sau đám cưới`, `15 triệu bảng một năm trước`: `một` + time + a word that
        # places it is a moment, no denominator (`4.000 tỷ đồng mỗi năm sau khi ...` keeps it)
        moment = (r"(?!" + _literal(units["per_time_before"]) + r"[ \t]+" + _literal(units["per_one_moment_before"]) + r"(?!\w))")
        self.per = regex.compile(
            r"(?:[ \t]*/[ \t]*|[ \t]+" + per_lead + r"(?:" + _literal(units["per_one_numerals"] + units["per_one_after_unit"]) + r"[ \t]+"
            + moment + r"|" + _literal([w for w in units["per_one"] if w not in units["per_one_numerals"]]) + r"[ \t]+))(?P<per>" + per_alt + ")"
            r"|[ \t]*/[ \t]*" + _literal(units["per_one_after_slash"]) + r"[ \t]*(?P<per>" + alt(self.per_canon, lead=False) + ")",
            regex.IGNORECASE)
        self.range_link = engines.compile(
            r"(?:[ \t]*\([^()\n]{1,20}\))?[ \t]*" + _literal(cues["range_links"]) + r"[ \t]*"
            r"(?:" + _literal(cues["range_second_hedges"]) + r"[ \t]+)?", regex.IGNORECASE)
        self.range_links_neighbours = {str(w) for w in cues["range_links_neighbours"]}
        self.range_neighbours_below = float(cues["range_neighbours_below"])
        between = cues["range_between"]
        self.between_word = str(between["open"])
        self.between_link = engines.compile(r"[ \t]+" + _literal([between["link"]]) + r"[ \t]+", regex.IGNORECASE)
        self.between_before = engines.compile(r"(?<!\w)" + _literal([between["open"]]) + r"[ \t]+$", regex.IGNORECASE)
        # a denominator read as a counted noun after money (`đồng mỗi vé`, `đồng/suất`): `_open_per`
        # all lowercase (`Một mẫu` opens a sentence whose stop was lost)
        self.per_open = regex.compile(r"(?:[ \t]*/[ \t]*|[ \t]+" + per_lead + r"(?P<lead>" + _literal(units["per_one"]) + r")[ \t]+)(?P<w>\p{Ll}{2,})(?![\w\-])"
                                      r"(?:[ \t]+(?P<more>\p{Ll}{2,})(?![\w\-])){0,3}")
        self.per_open_not = {str(w) for w in units["per_open_not"]} | {str(w) for w in counts["one_vague_nouns"]}
        self.per_one_initials = frozenset(str(w)[:1] for w in units["per_one"] + units["per_one_leads"])   # (`_open_per`'s cheap test)
        # a denominator named apart from the figure (`per_named`)
        self.per_each_words = tuple({v for w in units["per_each"] for v in (str(w), str(w).capitalize())})
        # the cheap tests of `per_named`: `mỗi` anywhere, or `hằng`/`hàng` + a time word (`ngân hàng` is neither)
        every = sorted({f"{v} {t}" for w in units["per_every"] for v in (str(w), str(w).capitalize())
                        for t in units["per_time_before"]}, key=len, reverse=True)
        self.per_every_probe = re.compile(patternbook.literal_trie(every))
        self.per_probe = re.compile(patternbook.literal_trie(every + list(self.per_each_words)))
        self.per_each = regex.compile(r"(?<!\w)(?:(?P<each>" + _literal(units["per_each"]) + r")|" + _literal(units["per_every"])
                                      + r")[ \t]+(?P<w>\p{Ll}{2,})(?![\w\-])(?:[ \t]+(?P<more>\p{Ll}{2,})(?![\w\-])){0,2}",
                                      regex.IGNORECASE)
        # the gap may close the figure's parenthesis or hold a short one (`2.000 USD (46 triệu đồng) mỗi
        # tháng`: the restated amount and the amount share the denominator)
        self.per_every_after = engines.compile(r"(?P<gap>(?:\([^()\n]{1,40}\)|\)|[^,;:.!?()\n])*?)(?<!\w)" + _literal(units["per_every"]) + r"[ \t]+(?P<w>"
                                             + _literal(units["per_time_before"]) + r")(?!\w)(?![ \t]+"
                                             + _literal(units["per_every_not_before"]) + r"(?!\w))", regex.IGNORECASE)
        one = [str(w) for w in units["per_one_numerals"]]
        self.per_one_probe = re.compile(patternbook.literal_trie(sorted({f"{o} {t}" for o in one for t in units["per_time_before"]},
                                                                        key=len, reverse=True)))
        self.per_one_after = engines.compile(r"(?P<gap>[^,;:.!?()\n\d]*?)(?<!\w)" + _literal(one) + r"[ \t]+(?P<w>"
                                           + _literal(units["per_time_before"]) + r")(?!\w)(?![ \t]+"
                                           + _literal(units["per_every_not_before"] + units["per_one_moment_before"]
                                                      + units["per_one_after_not"]) + r"(?!\w))")
        self.per_one_after_words = int(units["per_one_after_words"])
        self.per_one_after_stops = {str(w).lower() for w in units["per_one_span_after"]}
        self.per_each_not_after = {str(w).lower() for w in units["per_each_not_after"]}
        self.per_piece_lead = int(units["per_piece_lead_words"])
        self.per_after_words = int(units["per_after_words"])
        self.per_after_stops = {str(w).lower() for w in units["per_after_stops"]}
        self.per_list_links = {str(w).lower() for w in units["per_list_links"]}
        self.per_every_reach = int(units["per_every_reach"])
        self.per_reach_chars = int(units["per_reach_chars"])
        self.per_before_stops = {str(w).lower() for w in units["per_before_stops"]}
        self.per_number_words = {str(w).lower() for w in list(scale_data["word_number_starts"]) + list(scale_data["one_before_unit"])}
        self.per_every_not = {str(w) for w in units["per_every_not_before"]}
        self.per_times = {str(w) for w in units["per_time_before"]}
        self.over_total = engines.compile(r"/\d+(?=\s)")  # `13/20 xã`: the total is no fact
        self.fraction_wholes = {str(w) for w in counts["fraction_wholes"]}
        self.one_over_part, self.one_over_rate = int(counts["one_over"]["part_upto"]), int(counts["one_over"]["rate_from"])
        # every scan has the same groups (num, word, word1, cur, neg): read with .group, not .groupdict
        self.number_plain = engines.compile(rf"(?P<num>{NUMBER_PATTERN})(?![\d])(?P<word>(?!))?(?P<word1>(?!))?"
                                          rf"(?P<cur>(?!))?(?P<neg>(?!))?")
        self.cur_plain = engines.compile(r"(?P<cur>" + cur_alt + rf")[ \t]?(?P<num>{NUMBER_PATTERN})(?![\d])(?P<word>(?!))?"
                                       rf"(?P<word1>(?!))?(?P<neg>(?!))?")
        hedge = r"(?:[ \t]+" + _literal(cues["times_hedges"]) + r")?"
        self.times = regex.compile(alt(cues["times_verbs"]) + hedge + r"[ \t]+$", regex.IGNORECASE | regex.REVERSE)
        self.times_after = engines.compile(r"[ \t]*" + alt(cues["times_compared_after"], lead=False), regex.IGNORECASE)
        self.times_table = {str(k): float(v) for k, v in cues["times_words"].items()}
        # `gấp 3 quy mô`: a number right after `gấp` multiplies the noun after it: a ratio, not a count of it
        self.times_lead = str(cues["times_word_lead"]).lower()
        self.times_lead_before = engines.compile(r"(?<!\w)" + regex.escape(str(cues["times_word_lead"])) + r"[ \t]+$", regex.IGNORECASE)
        self.times_rate_before = engines.compile(alt(counts["times_rate_words"]), regex.IGNORECASE)
        self.times_unit = engines.compile(r"[ \t]*" + alt([counts["times_unit"]], lead=False), regex.IGNORECASE)
        self.event_not = engines.compile(r"[ \t]+" + alt(counts["event_not_after"], lead=False), regex.IGNORECASE)
        gap = str(cues["times_word_lead"])
        self.times_word = engines.compile(r"(?<!\w)" + regex.escape(gap) + r"[ \t]+(?P<w>" + alt(self.times_table) + ")",
                                        regex.IGNORECASE)
        # its last two letters in any case: a test of the text before the scan
        self.times_hint = {a + b for a in (gap[1], gap[1].upper()) for b in (gap[2], gap[2].upper())}
        # the same lower-cased, found once in the lower-cased text (`_times_words`); None when lowering folds some other way
        low = gap[1:3].lower()
        self.times_hint_low = low if all(h.lower() == low for h in self.times_hint) else None
        self.prev_word = regex.compile(r"(?P<w>[\p{L}\d.&]+)[ \t]+$", regex.REVERSE)
        self.down_before = regex.compile(alt(cues["change"]["down"]) + r"[ \t]*$", regex.IGNORECASE | regex.REVERSE)
        self.points = {str(p) for p in counts["points"]}
        self.group_nouns = {" ".join(str(w).lower().split()) for w in counts["group_nouns"]}
        self.pair_nouns = {" ".join(str(w).lower().split()) for w in counts["pair_nouns"]}
        self.group_heads = {w.split()[0] for w in self.group_nouns}
        self.points_verb = regex.compile(alt(cues["change"]["up"] + cues["change"]["down"] + cues["points_verbs"])
                                         + r"(?:[ \t]+\p{L}+){0,2}[ \t]+[\d.,]+[ \t]*$", regex.IGNORECASE)
        self.bounds = {" ".join(str(k).lower().split()): v for k, v in cues["bound_after"].items()}
        self.bound_after = engines.compile(r"[ \t]*(?P<b>" + alt(self.bounds, lead=False) + ")", regex.IGNORECASE)
        self.bound_first = tuple({w.split()[0] for w in self.bounds})   # `trở`: a cheap test before the match
        # `91 352 triệu`: blank-grouped thousands, kept only before a scale or unit (`_spaced_ok`)
        self.spaced = engines.compile(rf"(?<![\w.,\-–−])(?<!\d/)(?P<num>{SPACED_PATTERN})(?![\d])"
                                    rf"(?P<word>(?!))?(?P<cur>(?!))?(?P<word1>(?!))?(?P<neg>(?!))?")
        # the phrases each match begins with (after blanks): `_Near` tests them before the regex
        heads = {"scale": list(scales), "unit": list(self.unit_of), "unit_after_scale": list(self.after_scale),
                 "count": list(counts["classifiers"]) + self.named_before, "times_unit": [counts["times_unit"]],
                 "per": ["/"] + list(units["per_one"]) + list(units["per_one_after_unit"]) + list(units["per_one_leads"]),
                 "range_link": ["("] + list(cues["range_links"]), "between_link": [between["link"]],
                 "decimal": list(scale_data["decimal_words"])}
        for name in ("scale", "unit", "unit_after_scale", "count", "per", "range_link", "between_link", "over_total",
                     "number_plain", "cur_plain", "times_unit", "times_after", "decimal", "cents", "glued_k",
                     "bound_after", "word_number"):
            if hasattr(self, name):
                setattr(self, name, _Near(getattr(self, name), phrases=heads.get(name)))
        self.over_total = _Near(self.over_total.rx, phrases=["/"], lead=False)
        # the tests that may read something after a number with no tail (`_read_quantity`)
        self.bare_bits = self.over_total.bit | self.times_unit.bit | self.range_link.bit | self.between_link.bit
        self.lowercase = regex.compile(r"\p{Ll}")
        self.dead = {}   # the four characters after a digit number -> nothing can be read there (`_dead_after`)
        for rx in (self.number, self.spaced, self.word_number.rx, self.number_plain.rx, self.cur_plain.rx):
            _AT[rx] = tuple(rx.groupindex[n] for n in ("num", "word", "word1", "cur", "neg"))
        for rx, name in ((self.scale.rx, "scale"), (self.scale_glued, "scale"), (self.unit.rx, "unit"),
                         (self.unit_after_scale.rx, "unit"), (self.per.rx, "per"), (self.prev_word, "w")):
            assert rx.groupindex[name] == 1   # read as `group(1)`


# a scan's pattern -> the numbers of its groups num, word, word1, cur, neg: `group(2)` costs a fifth of
# `group("num")` (`regex` looks a name up on every call), and every figure reads a few
_AT: dict = {}
_NUM, _WORD, _WORD1, _CUR, _NEG = range(5)


@functools.lru_cache(maxsize=1)
def grammar() -> _Grammar:
    return _Grammar()


def _word_of(m):
    """The spelled number of a match (`hai mươi`, `nửa`, or `một` before a unit)."""
    at = _AT[m.re]
    return m.group(at[_WORD]) or m.group(at[_WORD1])


_READINGS: dict = {}   # digits as written -> (value, alternative, separator): the same few again and again


def _read_number(m):
    num = m.group(_AT[m.re][_NUM])
    if num:
        r = _READINGS.get(num)
        if r is None:
            p = parse_number(num)
            r = (p.value, p.alternative, p.separator)
            if len(_READINGS) > 100_000:
                _READINGS.clear()
            _READINGS[num] = r
        return r
    w = _word_of(m)
    g = grammar()
    if w.lower() in g.half:
        return g.half[w.lower()], None, None
    v = parse_word_number(w)
    return v, None, None


_START = operator.methodcaller("start")
_END = operator.methodcaller("end")
_DIGITS = frozenset("0123456789")


def find_quantities(text: str) -> list[Quantity]:
    """All quantities in `text` (a shadow text: see `pipeline.text.shadow`)."""
    g = grammar()
    found: list[Quantity] = []
    taken_until = -1
    # `91 352 triệu` first: at the same start it beats `91`; a stable sort of the scans one after
    # the other is their merge, without `heapq.merge`'s cost per match
    numbers = list(g.number.finditer(text, None, None, False, False))   # (not overlapped, not concurrent: no GIL release)
    ms = list(g.spaced.finditer(text)) if _may_be_spaced(text, numbers) else []
    ms.extend(numbers)
    firsts: dict = {}   # a spelled match's start -> the end of its first word
    low = text.lower()   # (read by the tests and scans below)
    ms.extend(_word_numbers(text, g, firsts, low))
    ms.sort(key=_START)
    number, cur_last, dead, spelled = g.number, g.cur_last, g.dead, g.word_number.rx
    neg_at = _AT[number][_NEG]
    for m in ms:
        s = m.start()
        if s < taken_until:
            continue
        q = None
        if m.re is number and not cur_last.isdisjoint(text[max(0, s - 3):s]) \
                and not m.group(neg_at):   # (a digit match of the number scan: `num` is always there)
            cm = g.cur_prefix.search(text, max(0, s - 5), s)
            if cm and cm.start() >= taken_until:
                q = _currency_first(text, m, g, cm)
        if q is None:
            known = None
            if m.re is not spelled:   # digits before `,`, `.`, `)`: known dead, no call (`_read_quantity`'s first test)
                e = m.end()
                known = dead.get(text[e:e + 4])
                if known is True:
                    continue
            q = _read_quantity(text, m, g, known)
            if q is not None and m.re is spelled and _no_spelled_number(text, s, firsts[s], g):
                q = None   # (asked only of a reading: a match read as nothing takes no place either way)
        if q is not None and not (math.isfinite(q.value) and math.isfinite(q.value_max or 0)):
            q = None  # `1.000.000...` beyond a float is no figure (and no JSON)
        if q is not None:
            found.append(q)
            taken_until = q.end
    if patternbook.holds_any(low, g.proportion_low) and patternbook.holds_any(text, g.proportion_probes):
        found = _no_proportions(text, g, found)   # (`cứ`: the one cheap test before a scan; one look in `low` first)
    found.extend(_times_words(text, g, found, low))
    found.sort(key=lambda q: q.start)
    found = _not_tallies(text, g, found)
    if patternbook.holds_any(text, g.elided_probes):   # (`trong`: the one cheap test before a scan)
        found = _elided_counts(text, g, found, low)
    return found


def _not_tallies(text, g, found):
    """Counts that are no tally (counts.yaml group_denominator):
    `2 người 1 tổ`, `1 nhánh 1 chùm`: a `1` + noun right after a count, with nothing but blanks between,
    names the group the count is of (`4 người/1 phòng` written with a blank): the one is no figure, its
    noun the count's `per`; not after a comparison (`ít hơn hai đối thủ 1 trận`: the one is a difference).
    `tăng trưởng 2 con số`, `thuê bao 11 chữ số`: a number of digits is a magnitude or a length (counts.yaml digits).
    `là 1 kênh đầu tư`, `như 1 cốp xe`: a `1` after a copula is the article (counts.yaml article_one_after).
    `hơn 1 lần`, `nhiều hơn một lần`: more than once, vague (counts.yaml once_vague).
    `realme 8 pro`, `realme 8 series`: a model's number, a name (counts.yaml model_number).
    `hai người chia tay`: the two of them, a couple (counts.yaml couple)."""
    drop = set()
    prev = None
    for q in found:
        if q.cls == "count" and q.unit in g.digit_units and not g.digit_named.match(text, q.end):
            drop.add(id(q))   # `tăng trưởng 2 con số`, `thuê bao 11 chữ số`: how many digits, a magnitude or a length
        elif q.cls == "count" and q.value == 1 and q.value_max is None and not q.per \
                and text[q.start:q.start + 2] in ("1 ", "1\t") and g.article_before.search(text, max(0, q.start - 14), q.start, False):
            drop.add(id(q))   # `Bóng đá là 1 cuộc chơi`, `như 1 cốp xe`: the article (a, an), no tally
        elif q.cls == "count" and q.unit and (q.unit.split()[0] in g.model_suffixes
                                              or q.unit.split()[0] in g.model_lines and _brand_before(text, q.start, g)):
            drop.add(id(q))   # `realme 8 pro`, `dòng realme 8 series`: a model's number, a name
        elif q.cls == "count" and q.value == 2 and q.value_max is None and not q.per and q.unit in g.couple_nouns \
                and g.couple_after.match(text, q.end, None, False):
            drop.add(id(q))   # `hai người chia tay`, `hai người từng bí mật ở bên nhau`: the two of them, a couple
        elif q.cls == "count" and q.value == 1 and q.value_max is None and not q.per and q.unit in g.once_units \
                and g.once_before.search(text, max(0, q.start - 16), q.start, False):
            drop.add(id(q))   # `hơn 1 lần`, `nhiều hơn một lần`: more than once, vague
        elif prev is not None and q.cls == "count" and prev.cls == "count" and q.value == 1 and q.value_max is None \
                and text[q.start:q.start + 2] in ("1 ", "1\t") and prev.end < q.start \
                and not text[prev.end:q.start].strip(" \t") and not prev.per \
                and not g.group_not_before.search(text, max(0, prev.start - 20), prev.start, False) \
                and q.unit.split()[-1] not in g.group_parts and prev.unit.split()[-1] not in g.group_parts:
            drop.add(id(q))
            prev.per = q.unit.split()[0] if _cut_word(text, q) else q.unit
        prev = q
    return [q for q in found if id(q) not in drop] if drop else found


_WORD_BEFORE = regex.compile(r"(\p{L}+)[ \t]+$", regex.REVERSE)


def _brand_before(text, start, g) -> bool:
    """A foreign word (`realme`: no syllable of the lexicon, Latin letters) or one of counts.yaml model_number
    line_lead right before a number."""
    m = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if not m:
        return False
    w = m.group(1)
    return w.lower() in g.model_line_lead or (w.isascii() and w.lower() not in lexicon.syllables())


def _cut_word(text, q, n=2) -> bool:
    """The noun (of `n` syllables) ends in a syllable that makes a word with the next one (`tổ phụ` of `tổ phụ trách`:
    the noun is its first syllable)."""
    nxt = _NEXT_TWO.match(text, q.end)
    last = q.unit.split()
    return len(last) == n and nxt is not None and lexicon.is_word(last[-1] + " " + nxt.group(1).lower())


_LEAD_TO_PART = regex.compile(r"[ \t,:]*(?:có[ \t]+)?(?:\p{Ll}+[ \t]+)?")   # `trong đó, có khoảng 5 ...`
_SENTENCE_END = regex.compile(r"[.!?…][\"”’)]*[ \t]*(?:\n|[ \t][\p{Lu}\d])|\n")


def _elided_counts(text, g, found, low=None):
    """`130.000 nhân viên ..., trong đó có 12.900 tại Hồng Kông`, `hơn 800 thủy điện, trong đó hơn 600 đang vận hành`,
    `223 ca nặng và 55 trong số đó thở máy`: a bare number (no noun, no unit after it) opening the breakdown of a count
    counts that count's noun (counts.yaml elided_count), when that count is the figure right before it in its sentence."""
    starts = [q.start for q in found]
    add = []
    for m in _elided_matches(text, g, low):
        n0, n1 = m.span("n")
        i = bisect.bisect_left(starts, n0)
        if i < len(found) and found[i].start < m.end() or i > 0 and found[i - 1].end > n0:
            continue   # a figure of its own already there
        if i == 0:
            continue
        prev = found[i - 1]
        gap = text[prev.end:n0]
        if prev.cls != "count" or prev.value_max is not None or len(gap) > g.elided_reach or _SENTENCE_END.search(gap, None, None, False):
            continue
        p = parse_number(m.group("n"))
        if m.group("list") is not None:   # `trong đó 452 mẫu âm tính, 402 đang chờ kết quả`: the next part of the
            lead = None                   # breakdown, only inside one opened by a lead after the last sentence end
            for lead in g.elided_lead.finditer(text, max(0, n0 - g.elided_reach), n0):
                pass
            if lead is None or lead.end() > prev.start or _SENTENCE_END.search(text, lead.end(), n0, False) \
                    or p.value is None or len(m.group("n")) == 4 and m.group("n")[:2] in ("19", "20") \
                    or not m.group("word"):
                continue   # (`năm 2018 được 300, 2019 là 396`: a year; `iPhone 12 mini, 12, 12 Pro`: a list of names)
            first = found[bisect.bisect_left(starts, lead.end())]
            if not _LEAD_TO_PART.fullmatch(text, lead.end(), first.start, False):
                continue   # the lead opens a breakdown only with its first part right after it (not `gồm Giải Vàng`)
        elif p.value is None or p.value >= prev.value:
            continue   # a part is less than its whole (`trong đó 2020 ...` is no part)
        add.append(Quantity(n0, n1, "count", p.value, None, prev.unit, ""))
    if not add:
        return found
    return sorted(found + add, key=lambda q: q.start)


def _elided_matches(text, g, low=None):
    """`g.elided.finditer(text)`, the pattern tried only where a match may begin: at a lead, or after a `ctx`
    and its blanks before a digit or an approximation, found by `str.find` in the lower-cased
    text (the scan tried the lookbehinds at every place: four times slower). `str.lower` stands in for the
    case-blind pattern when it keeps every place and the text holds no letter it folds otherwise (`odd`).
    None at all when the text holds no lead and no tail: every match then is a part listed after `ctx` with
    no lead before it, which `_elided_counts` drops (two texts in three)."""
    if low is None:
        low = text.lower()
    if len(low) != len(text) or patternbook.holds_any(text, g.elided_odd):
        yield from g.elided.finditer(text)
        return
    at = []
    find = low.find
    for w in g.elided_heads:
        i = find(w)
        while i >= 0:
            at.append(i)
            i = find(w, i + 1)
    if not at and not patternbook.holds_any(low, g.elided_tails):
        return
    approx = g.elided_approx
    for w in g.elided_ctx:
        n = len(w)
        i = find(w)
        while i >= 0:
            p = i + n
            c = low[p:p + 1]
            if c == " " or c == "\t":
                while c == " " or c == "\t":
                    p += 1
                    c = low[p:p + 1]
                if c.isdigit() or low.startswith(approx, p):
                    at.append(p)
            i = find(w, i + 1)
    at.sort()
    match, end = g.elided.match, 0
    for p in at:
        if p >= end:
            m = match(text, p)
            if m is not None:
                end = m.end()
                yield m


def _may_be_spaced(text, numbers) -> bool:
    """False when `g.spaced` cannot match: its first group (1-3 digits after the same lookbehinds as the
    number scan's) is a match of the number scan, or the end of one (`5. 123 456`: `\\.\\s?` took the blank
    before it), so some number match ends in a blank before a digit. One look after each number instead
    of a second regex scan of the whole text (most texts have no such number)."""
    for e in map(_END, numbers):
        if text[e:e + 1] == " " and text[e + 1:e + 2] in _DIGITS:
            return True
    return False


_CLAUSE_END = engines.compile(r"[.,;:!?\n]")


def _no_proportions(text, g, found):
    """`cứ 3 người thì có 1 người`, `cứ 1 giờ sẽ có 117 người`: a proportion or a rate, no count fact
    (FACTS.md): the count right after `cứ`, and the first count after it in its clause once a link
    word (`thì`, `lại`, `có`...) stands between; an amount right after `cứ` when a figure follows it in its clause
    (`cứ 1 triệu đồng là phải trả 5.000 đồng`: the base of a rate; the rate stays a fact)."""
    drop = set()
    starts = [q.start for q in found]   # (in order: one bisection per `cứ`, not a pass over every figure)
    for om in g.proportion_open.finditer(text, None, None, False, False):
        i = bisect.bisect_left(starts, om.end())
        if i == len(found):
            break
        first = found[i]
        frm = om.end()
        if first.start == om.end():
            if first.cls == "count":
                drop.add(id(first))
            elif i + 1 < len(found):   # `cứ 1 triệu đồng là phải trả 5.000 đồng`, `Cứ 100g thịt chứa 1,2g protein`:
                gap = text[first.end:found[i + 1].start]   # an amount as the base of a rate, when the rate follows
                if len(gap) <= 80 and not _CLAUSE_END.search(gap):
                    drop.add(id(first))
            i += 1
            frm = first.end
        nxt = found[i] if i < len(found) else None
        if nxt is not None and nxt.cls == "count":
            gap = text[frm:nxt.start]
            if len(gap) <= 80 and not _CLAUSE_END.search(gap) and g.proportion_link.search(gap):
                drop.add(id(nxt))
    return [q for q in found if id(q) not in drop] if drop else found


def _word_numbers(text, g, firsts, low=None):
    """The spelled-number matches, in order: candidate words found by `_word_starts` (a cheap scan for
    the first words), then the full pattern matched there; `firsts` gets the end of each one's first word
    (`_no_spelled_number` tells the ones that are no number)."""
    end = -1
    match, reach = g.word_number.rx.match, g.word_number.reach   # at a candidate word: no `_Near` test
    one_only, one_follows, digits = g.one_only, g.one_follows, (() if g.digit_follows else _DIGITS)
    for s, e in _word_starts(text, g, low):
        if s < end:
            continue
        nxt = text[e:e + 1]
        w = text[s:e]
        if w.lower() in one_only:
            if not one_follows.may_match(text, e):
                continue
        elif nxt == " " and text[e + 1:e + 2] in digits:
            continue
        m = match(text, s, s + reach)
        if m:
            end = m.end()   # a skipped one too: `đôi ba năm` is no `năm`, `tháng mười hai` no `hai`
            firsts[s] = e
            yield m


def _no_spelled_number(text, s, e, g) -> bool:
    """The spelled number whose first word is `text[s:e]` is none: it closes a word begun before it or is no
    number there (`_second_syllable`, `_no_number`)."""
    w = text[s:e]
    return _second_syllable(text, s, w) or _no_number(text, s, e, w, g)


_NEXT_TWO = re.compile(r"[ \t]+(\w+)(?:[ \t]+(\w+))?")
_PREV_WORD = re.compile(r"(\w+)[ \t]+$")


def _word_starts(text, g, low=None):
    """(start, end) of `g.word_start`'s matches that a blank follows (every word number has one after its first
    word): one Aho-Corasick pass for the words with each blank after them, the word boundary before tested at
    each hit (`word_start` scanned by `re` tried nearly every position: the pass is a third cheaper)."""
    if g.word_start_ac is None:
        return [c.span() for c in g.word_start.finditer(text) if text[c.end():c.end() + 1].isspace()]
    out, known = [], _RE_WORD_CHARS
    if low is not None and g.word_start_low_ac is not None and len(low) == len(text):
        # (one character of `low` per character of `text`: a hit in `low` is where the text holds a word whose lower
        # case is the key, one of `cased` only when `cased` holds it as written; every hit of `word_start_ac` is one)
        cased = g.word_start_cased
        hits = [(end, n) for end, n in g.word_start_low_ac.iter(low) if text[end - n:end] in cased]
    else:
        hits = g.word_start_ac.iter(text)
    for end, n in hits:
        s = end - n   # (the key is the word and one blank)
        if s > 0:
            c = text[s - 1]
            w = known.get(c)
            if w is None:
                w = known[c] = _RE_WORD.match(c) is not None
            if w:
                continue
        out.append((s, end))
    return out


_RE_WORD = re.compile(r"\w")   # `word_start`'s `\w` (of `re`), one character at a time, remembered
_RE_WORD_CHARS: dict = {}


def _followed_by_blank(words):
    """An automaton of `words` each with a blank after it (every character `str.isspace` holds: all lie in the
    first plane), the value the word's length; None when a word is a prefix of another (then `re`'s choice
    between them is not the only hit at a place) or is empty or holds a blank or a character `re` does not
    count as a word's: `_word_starts` then scans with `word_start`."""
    words = sorted(set(words))
    if not words or any(not _RE_WORD.fullmatch(w[0]) or not all(_RE_WORD.match(ch) for ch in w) for w in words) \
            or any(b.startswith(a) for a, b in zip(words, words[1:])):
        return None
    blanks = [chr(c) for c in range(0x10000) if chr(c).isspace()]
    ac = ahocorasick.Automaton()
    for w in words:
        for b in blanks:
            ac.add_word(w + b, len(w))
    ac.make_automaton()
    return ac


def _no_number(text: str, start: int, end: int, first: str, g) -> bool:
    """A spelled number word that is no number (FACTS.md: a number inside a name or a word):
    capitalised inside a name (`Bệnh viện Cu Ba Đồng Hới`, `ông Sáu`), right after a digit
    number whose unit it is (`40 năm không đổi`, `10 năm một lần`), the first syllable of a word
    (`ba mẹ`, `chín chắn`), `chín` (ripe) after a cooking verb, `một lượng lớn` (an article)."""
    low = first.lower()
    b = text[start - 1:start] if start else ""   # (the word before ends in a blank just before this one)
    p = _PREV_WORD.search(text, max(0, start - 24), start) if b == " " or b == "\t" else None
    prev = p.group(1) if p else ""
    n = _NEXT_TWO.match(text, end)
    if len(first) > 1 and first.isupper() and n and n.group(1)[:1].islower():
        return True   # `HAI khớp lệnh`: a ticker or a code in capitals, not a headline written in capitals
    if first[:1].isupper() and prev and not first.isupper():
        # a name goes on around it (`Kỳ Hiểu Ba`, `Cu Ba Đồng`) or a title names a person (`ông Sáu`);
        # not a headline glued to the text (`... rùng rợn Hai đội bóng`: a lowercase word before)
        if prev[:1].isupper() or prev.lower() in g.name_titles or (n and n.group(1)[:1].isupper()):
            return True
    if (prev.isdigit() and low in g.spelled_no_open) or prev.lower() in g.spelled_not_after.get(low, ()):
        return True   # `25 năm không`: the unit of the number before; `luộc chín`: ripe
    if _in_idiom(text, start, end, g):
        return True   # `ba chân bốn cẳng`, `năm lần bảy lượt`: an idiom (counts.yaml number_idioms)
    if n is None:
        return False
    nxt = n.group(1).lower()
    if f"{low} {nxt}" in g.spelled_words:   # unless the next syllables are a word (`bốn phương châm`)
        return not (n.group(2) and lexicon.is_word(f"{nxt} {n.group(2).lower()}"))
    return low in g.one_only and nxt in g.one_article and (n.group(2) or "").lower() not in g.one_article[nxt]


_IDIOM_NEXT = engines.compile(r"\s+(\w+)")
_IDIOM_PREV = regex.compile(r"(\w+)\s+", regex.REVERSE)


def _in_idiom(text: str, start: int, end: int, g) -> bool:
    """The number word at [start, end) lies inside an idiom (counts.yaml number_idioms), searched within 40
    characters around it. Every idiom has two words or more, so one of the words next to it (the same window's
    cut) is a word of an idiom: without one, no scan (the case-blind scan costs tens of microseconds)."""
    lo, hi, words = max(0, start - 40), end + 40, g.idiom_words
    if words is not None:
        nxt, prev = _IDIOM_NEXT.match(text, end, hi), _IDIOM_PREV.match(text, lo, start)
        if not (nxt and nxt.group(1).casefold() in words or prev and prev.group(1).casefold() in words):
            return False
    return any(i.start() <= start and end <= i.end() for i in g.number_idioms.finditer(text, lo, hi))


_PREV_SYLLABLES = regex.compile(r"(?:(\p{L}+)[ \t]+)?(\p{L}+)[ \t]+$")
_LAST_SYLLABLE = regex.compile(r"(\p{L}+)[ \t]+$", regex.REVERSE)


def _second_syllable(text: str, start: int, first: str) -> bool:
    """`đòn bẩy tài chính`, `hàng năm`, `thứ hai`: the number word closes a word begun before it
    (Viet74K), so it is no number; unless the syllable before it already closes a word of its own
    (`yêu cầu | hai giáo viên`, though `cầu hai` is a word too)."""
    b = text[start - 1:start] if start else ""   # (a blank ends the syllable before just before this one)
    p = _LAST_SYLLABLE.search(text, max(0, start - 24), start) if b == " " or b == "\t" else None
    if not p or not lexicon.is_word(f"{p.group(1).lower()} {first.lower()}"):
        return False
    p = _PREV_SYLLABLES.search(text, max(0, start - 24), start)
    return not (p.group(1) and lexicon.is_word(f"{p.group(1).lower()} {p.group(2).lower()}"))


def _times_words(text, g, found, low=None):
    """`gấp đôi`: read at each place its lead's second and third letters (`times_hint`, every case) are
    found, in order as a scan would (no regex scan of the whole text). One `find` in the lower-cased
    text `low` (when it keeps every place), each hit kept when written as one of `times_hint`: the
    places of a `find` of each."""
    starts = []
    hint = g.times_hint_low
    if low is not None and hint is not None and len(low) == len(text):
        find, n, hints = low.find, len(hint), g.times_hint
        i = find(hint)
        while i >= 0:
            if text[i:i + n] in hints:
                starts.append(i - 1)   # the lead begins a letter before
            i = find(hint, i + 1)
    else:
        find = text.find
        for h in g.times_hint:
            i = find(h)
            while i >= 0:
                starts.append(i - 1)
                i = find(h, i + 1)
        starts.sort()
    if not starts:
        return
    taken = [(q.start, q.end) for q in found]
    match, end = g.times_word.match, 0
    for s in starts:
        if s < end:
            continue
        m = match(text, s)
        if m is None:
            continue
        e = end = m.end()
        if any(a < e and s < b for a, b in taken):
            continue
        if g.times_unit.match(text, e):
            continue  # `gấp ba lần` is read by the number path
        yield Quantity(s, e, "ratio", g.times_table[m.group("w").lower()], None, "times", "")


def _spaced_ok(m, tail) -> bool:
    """`91 352 triệu`, `12 500 đồng`: a scale or unit after blank-grouped digits; a
    counted noun only after two groups (`15 200 người` may be a date and a count)."""
    if tail is None or (tail["scale"] is None and tail["unit"] is None):
        return False
    return tail["cls"] != "count" or tail["scale"] is not None or m.group("num").count(" ") >= 2


_OPEN, _SLASH = 2, 3   # `_dead_after`: dead unless a lowercase word outside `blocking` / a `/total` follows


def _dead_after(key, g):
    """True when the four characters `key` after a number (digits) let no reading of `_read_quantity` begin:
    no decimal word, glued `k`, abbreviation, lowercase word, `/total`, and every `_Near` test of a scale,
    unit, `lần`, range link fails there. `_OPEN` when all that holds but a lowercase word begins there
    (a counted noun only if that word is not `blocking`: `năm 2017 và`, `ngày 12 tháng`); `_SLASH` when
    all that holds but `/` begins there (a reading only when `over_total` matches: not `6/2/2017`).
    Decided only when they do not begin with two blanks."""
    if key[:1] in (" ", "\t") and key[1:2] in (" ", "\t"):
        return False   # undecided: every `_Near` test decides on the four characters but after two blanks
    if key[:1] in ("k", "K") or key[1:2].isupper():
        return False
    mask = _MASKS.get(key)   # every `may_match` below reads this one mask (`key` is all it reads)
    if mask is None:
        mask = _mask_at(key, 0)
    if mask & (g.scale.bit | g.unit.bit | g.times_unit.bit | g.range_link.bit | g.between_link.bit):
        return False
    if key[:1] == "/":
        return False if mask & g.decimal.bit else _SLASH
    if mask & g.over_total.bit:
        return False
    if key[:1] in (" ", "\t") and g.lowercase.match(key, 1, None, False):
        return False if mask & g.decimal.bit else _OPEN
    return key[1:2] not in ("c", "p")


def _read_quantity(text, m, g, dead=None):
    """The quantity read from the number `m` (None: none); `dead`: `g.dead`'s answer for a digit match, when known."""
    word_text = _word_of(m) if m.re is g.word_number.rx else None   # a digit scan's match has no word
    if word_text is None:   # most numbers before `,`, `.`, `)`: nothing to read, known from the next characters
        if dead is None:
            key = text[m.end():m.end() + 4]
            dead = g.dead.get(key)
        if dead is None:
            dead = _dead_after(key, g)
            if len(g.dead) > 100_000:
                g.dead.clear()
            g.dead[key] = dead
        if dead:
            if dead is True:
                return None
            if dead == _SLASH:
                if g.over_total.rx.match(text, m.end(), m.end() + g.over_total.reach) is None:
                    return None
            else:   # `_OPEN`: the first word as `_open_count` reads it (`open_words`' first capture): no count
                # when it is blocking or when no open count may follow this number (a year, a name: pure tests)
                ow = g.open_first.match(text, m.end(), None, False)
                if ow is None or ow.group(1) in g.blocking and ow.group(1) not in g.closed_firsts \
                        or not _open_count_allowed(text, m, g):
                    return None
    is_word = word_text is not None
    value, alt, sep = _read_number(m)
    if value is None:
        return None
    start, pos = m.start(), m.end()
    dm = g.decimal.match(text, pos) if text[pos + 1:pos + 2] in ("c", "p") else None  # `2 chấm 23 đô la`
    if dm and (dm.group("d") or dm.group("w")):
        frac = dm.group("d") or str(int(parse_word_number(dm.group("w")) or 0))
        tail = _read_tail(text, dm.end(), g, False)
        if tail is not None and tail["cls"] == "money":
            value, alt, sep, pos = float(f"{int(value)}.{frac}"), None, None, dm.end()
    glued = g.glued_k.match(text, pos) if text[pos:pos + 1] in ("k", "K") else None  # `10k đồng`, `10K$`
    if glued and not is_word:
        tail = _read_tail(text, glued.end(), g, False)
        if tail is not None and tail["cls"] == "money" and tail["scale"] is None:
            tail["scale"] = 1e3
            q = _build(start, value, alt, sep, tail)
            return _with_cents(text, q, g, tail)
    if is_word:  # `hai năm suy thoái`: `năm` after a digit word is the year noun, not five
        words = word_text.split()
        if len(words) > 1 and words[-1].lower() in g.time_words and words[-2].lower() not in g.number_words:
            pos = start + word_text.rfind(words[-1]) - 1
            value = parse_word_number(" ".join(words[:-1]))
    lo = _read_tail(text, pos, g, is_word, word_text=word_text, m=m)
    if lo is not None and lo["scale"] is not None and lo["unit"] is None and not is_word:
        more = _compound_scale(text, lo, g)   # `41 tỷ 951 triệu đồng`: one amount in two scales
        if more is not None:
            step, add, lo = more
            value = value * step + add
            alt = None if alt is None else alt * step + add
    if lo is not None and lo["unit"] is None and lo["scale"] is not None and not lo["per"]:
        tm = g.times_unit.match(text, lo["end"])   # `18 triệu lần tải về`: a count of times, not an amount of money
        if tm and not g.event_not.match(text, tm.end()):
            v = _scaled(value, lo["scale"])
            if g.times.search(text, max(0, start - 25), start) or g.times_after.match(text, tm.end()):
                return Quantity(start, tm.end(), "ratio", v, None, "times", "")
            return Quantity(start, tm.end(), "count", v, None, "lần", "")
    if m.re is g.spaced and not _spaced_ok(m, lo):
        return None
    half = is_word and word_text.lower() in g.half
    if half and (lo is None or lo["scale"] is None):
        return None  # `một nửa` is no quantity; `nửa triệu` is
    if lo is not None and is_word and value < 2 and not half and lo["cls"] not in ("money", "measure"):
        return None  # `một` is mostly an article, not a figure
    if lo is None and is_word and value < 2:
        return None
    neg = m.group(_AT[m.re][_NEG])
    if lo is not None and lo["cls"] == "ratio" and lo["unit"] == "%" and neg:
        if not g.down_before.search(text, max(0, start - 12), start, False):
            value = -value  # `lãi suất ở mức -0,1%`; `suy giảm -4%` is a fall of 4 %
    elif lo is not None and lo["unit"] in g.signed_units and (neg or (minus := g.minus_word.search(text, max(0, start - 6), start))):
        value = -value  # `-70°C`, `âm 111 độ C`: a temperature below zero
        if not neg:   # the minus word is the number's sign: the quote holds it, the metric before does not
            start = minus.start()
    elif neg:
        start = m.start("num")
    if lo is None:
        # only `/total`, `lần` or a range link (`_range`) may still read something at `pos`: their `_Near` tests
        # all read the one mask there, so a mask with none of their bits is None at once (half the numbers)
        mask = _MASKS.get(text[pos:pos + 4])
        if mask is None:
            mask = _mask_at(text, pos)
        if not mask & g.bare_bits:
            return None
        lo = {"scale": None, "unit": None, "per": "", "end": pos, "cls": None}
        over = g.over_total.match(text, pos)
        if over and not is_word and not (value > int(over.group(0)[1:]) <= 12):  # `13/20 xã`: count 13,
            # the total is no fact; `12/3` (a date) is no count
            counted = _read_tail(text, over.end(), g, False)
            if counted and counted["cls"] == "count" and counted["unit"] in g.fraction_wholes:
                return None   # `1/3 dân số`: a share of a whole, no count
            if counted and value == 1 and not (g.one_over_part < int(over.group(0)[1:]) < g.one_over_rate):
                return None   # `1/2 gà`, `1/4 sông băng`: a half, a quarter; `tỷ lệ 1/2000`, `1/100 triệu máy`: a rate
            if counted and counted["cls"] == "count":
                return Quantity(start, counted["end"], "count", value, None, counted["unit"], "")
        tm = g.times_unit.match(text, pos)
        if tm:
            if g.times.search(text, max(0, start - 25), start, False) or g.times_after.match(text, tm.end()):
                return Quantity(start, tm.end(), "ratio", value, None, "times", "")
            if not g.event_not.match(text, tm.end()) and (is_word or _open_count_allowed(text, m, g)):  # `2 lần nữa`
                per, end = _pers(text, tm.end(), g)   # `3 lần/tháng`, `2 lần/ tuần`
                if value % 1 and not per and text[end:end + 1] != "/" \
                        and not g.times_rate_before.search(text, max(0, start - 60), start):
                    # something happens a whole number of times: a fraction that is no average (`1,22 lần ung
                    # thư vú`, `bằng 12,5 lần mức lương`; `0,96 lần/trận`, `trung bình ... 0,4 lần`) is a multiple
                    return Quantity(start, tm.end(), "ratio", value, None, "times", "")
                return Quantity(start, end, "count", value, None, "lần", per)
            return None
    bare = lo["unit"] is None and lo["scale"] is None
    q = _range(text, None if bare else _build(start, value, alt, sep, lo), lo, g, start, value, alt, sep)
    if q is None:   # (`_range` gives back what it is given when it reads no range)
        return None  # a bare number is no quantity
    if q.cls == "money" and q.value_max is None and q.unit != "VND":
        q = _with_cents(text, q, g, lo)
    near = text[q.end:q.end + 6]
    for w in g.bound_first:   # (a loop, not `any` over a map: run for every figure)
        if w in near:
            b = g.bound_after.match(text, q.end)
            if b:
                q.bound = g.bounds[" ".join(b.group("b").lower().split())]
            break
    return q


_LOWER_PART = engines.compile(r"[ \t]+(\d{1,3})(?![\d.,])")   # the lower part of a compound amount: `951` of `41 tỷ 951 triệu`


def _compound_scale(text, lo, g):
    """`41 tỷ 951 triệu đồng`, `39 triệu 816 ngàn đồng`, `3 triệu 150 ngàn lượt khách`: a number of a smaller scale
    right after a scaled amount (at most a thousandth of its scale, below it once scaled) continues the amount, as
    the spoken `bốn mươi mốt tỷ chín trăm năm mươi mốt triệu` does. (step, add, tail of the lower part): the amount
    is `value * step + add` in the lower part's scale; None when no such part follows."""
    c = text[lo["end"] + 1:lo["end"] + 2]
    if c not in _DIGITS:
        return None
    pm = _LOWER_PART.match(text, lo["end"])
    if pm is None:
        return None
    tail = _read_tail(text, pm.end(), g, False)
    if tail is None or tail["scale"] is None or tail["scale"] * 1000 > lo["scale"]:
        return None
    step = lo["scale"] / tail["scale"]
    if step != int(step):
        return None
    return step, float(pm.group(1)), tail


def shared_thousands(low: float, high: float) -> float:
    """`120-180.000 đồng`: a bare low end written without the thousands it shares with the high end.
    The low end times the smallest 1000^k (k >= 0) that puts it between a tenth of the high end and
    the high end; as written when none does (`500 - 15.990 USD`, `100 - 40.000`) or when it already
    lies there (`500 - 1.000 người`, `900 - 4.000 đồng`)."""
    v = low
    while 0 < v <= high:
        if v * 10 >= high:
            return v
        v *= 1000
    return low


_BARE_LOW = engines.compile(r"\d{1,3}")             # a low end with no separator of its own
_GROUPED = engines.compile(r"\d{1,3}(?:\.\d{3})+")  # a high end grouped in thousands the Vietnamese way


def _range(text, q, lo, g, start, value, alt, sep):
    """`3-5%`, `11%-15%/năm`, `từ 3 đến 5%`, `giữa 1000 và 2000 đồng`, `VND1000-VND2000`."""
    e = lo["end"]
    mask = _MASKS.get(text[e:e + 4])   # (the `_Near` tests of both links read this one mask: `_Near.match` inlined)
    if mask is None:
        mask = _mask_at(text, e)
    rl, bl = g.range_link, g.between_link
    link = rl.rx.match(text, e, e + rl.reach) if mask & rl.bit else None
    if link is None:
        if not mask & bl.bit:
            return q
        if g.between_word in text[max(0, start - 8):start] and g.between_before.search(text, max(0, start - 8), start):
            link = bl.rx.match(text, e, e + bl.reach)
    if not link:
        return q
    options = any(w.lower() in g.range_links_neighbours for w in link.group(0).split())
    if options and lo["unit"] is not None:
        return q   # (`38mm hoặc 42mm`: options, no range)
    c = text[link.end():link.end() + 1]   # a digit begins every number, a currency form's first letter the other
    m2 = g.number_plain.match(text, link.end()) if c in _DIGITS else \
        g.cur_plain.match(text, link.end()) if c in g.cur_first else None
    if m2 is None and c.isalpha():   # `hai đến ba người`, `hai hoặc ba bệnh nhân`: a spelled high end
        m2 = g.word_number.rx.match(text, link.end(), None, False)
    at = _AT[m2.re] if m2 else None
    num2 = m2.group(at[_NUM]) if m2 else None
    if not (num2 or m2 and _word_of(m2)):
        return q
    word2 = None if num2 else _word_of(m2)
    hi_tail = _read_tail(text, m2.end(), g, word2 is not None, word_text=word2, m=m2)
    cur2 = m2.group(at[_CUR])
    if cur2:
        hi_tail = hi_tail or {"scale": None, "unit": None, "per": "", "end": m2.end(), "cls": None}
        if hi_tail["unit"] is None:
            hi_tail = {**hi_tail, "unit": g.cur_before[cur2.lower()], "cls": "money"}
    if hi_tail is None and q is None and num2 and not options:
        return _times_range(text, g, start, value, m2)
    if hi_tail is None or hi_tail["unit"] is None:
        return q
    v2, alt2, sep2 = _read_number(m2)
    if v2 is None:
        return q   # (`từ hai đến năm năm tù`: two digit words in a row are no number, `parse_word_number`)
    if options and not (v2 == value + 1 and value == int(value) and value < g.range_neighbours_below):
        return q   # (`9 hoặc 11 thành viên`, `3,2 triệu hoặc 3,8 triệu đồng`: options, no range)
    if not (lo["unit"] is None or lo["unit"] == hi_tail["unit"]):
        return q
    if lo["unit"] is None and lo["scale"] is None and _BARE_LOW.fullmatch(text, start, lo["end"]) \
            and _GROUPED.fullmatch(num2):
        value = shared_thousands(value, v2)   # `120-180.000 đồng/kg`: 120,000 to 180,000
    # `3-5%`: the low end borrows the high end's unit (and scale, unless it has its own)
    lo2 = lo if lo["unit"] else {**hi_tail, "scale": lo["scale"] or hi_tail["scale"]}
    qlo = _build(start, value, alt, sep, lo2)
    qhi = _build(m2.start(), v2, alt2, sep2, hi_tail)
    if qhi.value > qlo.value:
        qlo.value_max = qhi.value
        qlo.end = qhi.end
        qlo.per = qhi.per or qlo.per
        qlo.ambiguous += qhi.ambiguous
        return qlo
    return q


def _times_range(text, g, start, value, m2):
    """`tăng 10-13 lần so với`, `gấp 2-3 lần`: a range of multiples, read as one `N lần` is (a times verb before
    it or a comparison after it); `2-3 lần/tuần` a range of times. None when no `lần` follows the high end."""
    tm = g.times_unit.match(text, m2.end())
    v2 = _read_number(m2)[0]
    if tm is None or v2 is None or not v2 > value:
        return None
    lead = _FROM_BEFORE.search(text, max(0, start - 8), start, False)   # `cao hơn từ 2-3 lần`: the verb before `từ`
    at = lead.start() if lead else start
    if g.times.search(text, max(0, at - 25), at, False) or g.times_after.match(text, tm.end()):
        return Quantity(start, tm.end(), "ratio", value, v2, "times", "")
    if g.event_not.match(text, tm.end()):
        return None
    per, end = _pers(text, tm.end(), g)
    if (value % 1 or v2 % 1) and not per and text[end:end + 1] != "/" \
            and not g.times_rate_before.search(text, max(0, start - 60), start):
        return Quantity(start, tm.end(), "ratio", value, v2, "times", "")   # `bằng 0,5 đến 0,8 lần`: a multiple
    return Quantity(start, end, "count", value, v2, "lần", per)


_FROM_BEFORE = regex.compile(r"(?<!\w)từ[ \t]+$", regex.IGNORECASE | regex.REVERSE)


def _currency_first(text, m, g, cm):
    """`$10`, `USD1,23`, `EUR 20`, `£9`, `$10k`, `USD 5 tỷ`: the currency before the number."""
    value, alt, sep = _read_number(m)
    pos = m.end()
    glued = g.glued_k.match(text, pos)
    tail = _read_tail(text, glued.end() if glued else pos, g, False)
    if tail is not None and tail["unit"] is not None:
        return None  # `USD 23.000 đồng`: the unit after the number wins (read by the number scan)
    tail = tail or {"scale": None, "unit": None, "per": "", "end": glued.end() if glued else pos, "cls": None}
    if glued and tail["scale"] is None:
        tail["scale"] = 1e3
    tail = {**tail, "unit": g.cur_before[cm.group("cur").lower()], "cls": "money"}
    q = _build(cm.start(), value, alt, sep, tail)
    q = _range(text, q, tail, g, cm.start(), value, alt, sep)
    b = g.bound_after.match(text, q.end)
    if b:
        q.bound = g.bounds[" ".join(b.group("b").lower().split())]
    return q


def _with_cents(text, q, g, tail):
    """`2 đô la và 23 xen`, `2 đô 23 xu`, `hai đô 23`: hundredths after a whole amount."""
    if tail.get("scale") or tail.get("per") or tail.get("factor", 1.0) != 1.0 or q.cls != "money" or q.unit == "VND":
        return q
    c = g.cents.match(text, q.end)
    if not c or regex.match(r"[.,]\d", text[c.end():c.end() + 2]):
        return q
    n = int(c.group("d")) if c.group("d") else parse_word_number(c.group("w"))
    if n is None or n >= 100:
        return q
    if not c.group("cw"):  # a bare `23` counts only when nothing follows it in the phrase
        rest = text[c.end():c.end() + 2]
        if c.group("d") is None or len(c.group("d")) != 2 or (rest.strip() and rest.strip()[0].isalnum()):
            return q
    q.value = q.value + n / 100
    q.end = c.end()
    return q


_ALLOWED = [(None, -1, None, True)]   # the last answer of `_open_count_allowed`: (text, start, number, answer), one
# tuple replaced whole, so that a thread of a Dask worker never reads another's half-written answer


def _open_count_allowed(text, m, g):
    """No open count after a year (`2020 vừa qua`) or a name (`Licogi 13 tích cực`, `Mega 6/45 mở`).
    Asked twice of most numbers before a lowercase word (`_read_quantity`, then `_open_count`): the
    last answer is kept."""
    num = m.group(_AT[m.re][_NUM])
    start = m.start()
    last = _ALLOWED[0]
    if last[1] == start and last[0] is text and last[2] == num:
        return last[3]
    ok = _allowed(text, start, num, g)
    _ALLOWED[0] = (text, start, num, ok)
    return ok


def _allowed(text, start, num, g):
    if num and num.isdigit() and len(num) == 4 and 1900 <= int(num) <= 2100 \
            and not g.year_like_count_after.search(text, max(0, start - 12), start):
        return False
    c = text[start - 1:start] if start else ""   # the word before ends in a blank just before the number
    prev = g.prev_word.search(text, max(0, start - 40), start, False) if c == " " or c == "\t" else None
    w = prev.group(1) if prev else None
    if prev and num and w in designators.words().numbered_lasts \
            and designators.designator(text, start):
        return False  # `Sư đoàn 309 huy động`, `Bệnh viện 108 tiếp nhận`: the unit's number is its name
    if prev and not num:  # a spelled number: only an acronym before it names something (`TNHH hai thành viên`)
        return not (w.isupper() and len(w) > 1)
    if prev and w[0].isupper():
        if num and g.difference_name.search(text, max(0, start - 50), start, False):
            return True   # `kém Man City 10 điểm`, `hơn Thái Lan 3 điểm`: a difference after a compared name
        if num and num[0] != "0" and _place_before().search(text, max(0, start - 30), start, False):
            return True   # `trong đó Hà Nội 7 trường, TP.HCM 8 trường`: a province's share of a count, no name
        lead = text[max(0, prev.start() - 3):prev.start()]
        if lead.strip() and lead.strip()[-1] not in ".!?:;\"“(-–" and "\n" not in lead:
            return False  # a capitalised word inside a sentence names something (one that opens a line
            # begins it, after a heading with no full stop: `Biết điểm ngay\nGần 1.000 học sinh`)
        if w.isupper() and len(w) > 1:
            return False  # `TNHH hai thành viên`, `VN 30`
    return True


@functools.lru_cache(maxsize=1)
def _place_before():
    """A province's name (`Hà Nội`, `TP.HCM`, `Nghệ An`) right before a number: `provinces.province_names`."""
    from .provinces import province_names

    return regex.compile(r"(?<![\p{L}\d.])(?:" + "|".join(map(regex.escape, province_names())) + r")[ \t]+$", regex.REVERSE)


def _read_tail(text, pos, g, is_word, word_text=None, m=None):
    """Scale, unit, per after a number. None when nothing makes it a quantity."""
    out = {"scale": None, "unit": None, "per": "", "end": pos, "cls": None}
    mask = _MASKS.get(text[pos:pos + 4])   # the scale and unit tests at `pos` read from one mask (`_Near.match`)
    if mask is None:
        mask = _mask_at(text, pos)
    scale, unit = g.scale, g.unit
    sm = scale.rx.match(text, pos, pos + scale.reach) if mask & scale.bit else None
    if sm and sm.group(1).lower() in g.abbreviated and not unit.match(text, sm.end()):
        sm = None  # `12 tr` alone is no scale
    if sm and g.scale_word_noun.match(text, sm.end(), sm.end() + 12):
        sm = None  # `200 triệu phú`, `50 tỷ phú`: millionaires, billionaires (a count, `_open_count`)
        # (bounded: `regex` seeks a pattern's required literal to the end of the text before it matches, so an
        # unbounded match at every scale word made a long text quadratic)
    if sm is None and mask & scale.bit:
        sm = g.scale_glued.match(text, pos, pos + scale.reach)
    if sm and (_word_end(text, sm.end()) or unit.match(text, sm.end())):
        word = sm.group(1)
        out["scale"] = parse_scale(word)
        pos = sm.end()
        out["end"] = pos
        out["scale_word"] = word
        um = unit.match(text, pos)
    else:
        um = unit.rx.match(text, pos, pos + unit.reach) if mask & unit.bit else None
        if um and um.group(1)[-1:].isdigit() and um.group(1)[-2:-1] in (" ", "\t") \
                and g.superscript_not_before.match(text, um.end()):
            um = unit.rx.match(text, pos, um.end() - 1)   # `5 m 2 người`: 5 m, then a count of 2 people
    um = um if um and _unit_end_ok(text, um) and _unit_ok(text, um, g, out["scale"], pos, m) else None
    if um is None and out["scale"] is not None:
        um = g.unit_after_scale.match(text, pos)  # `1,7 triệu bảng`
        um = um if um and _word_end(text, um.end()) else None
    if um:
        u = um.group(1)
        read = _UNITS.get(u)
        if read is None:   # (the same few units as written again and again)
            surface = " ".join(u.lower().split())
            read = (g.unit_of.get(surface) or g.after_scale[surface]) + (g.unit_factor.get(surface, 1.0),)
            if len(_UNITS) > 10_000:
                _UNITS.clear()
            _UNITS[u] = read
        out["cls"], out["unit"], out["factor"] = read
        pos = um.end()
        out["end"] = pos
    else:
        noun_end = _open_count(text, pos, g, is_word, word_text, m)
        if noun_end:
            out["unit"], out["cls"] = noun_end[0], noun_end[2]
            pos = noun_end[1]
            out["end"] = pos
    if out["unit"] is None and out["scale"] is None:
        return None
    # denominators
    pers = []
    apart = None   # where the figure's quote ends when its denominator is named apart (`USD cho một tập`)
    while True:
        pm = g.per.match(text, pos)
        if not pm:
            op = _open_per(text, pos, g, not pers) if out["cls"] == "money" or out["unit"] is None else None
            # (`đồng mỗi vé`, `USD/em/năm`; a bare scale is money too: `500 ngàn một chiếc`)
            if not op:
                break
            if op[2]:
                if pers:
                    break   # `cho` opens no second denominator
                apart = pos
            pers.append(op[0])
            pos = op[1]
            continue
        if g.per_apart.match(text, pos):
            if pers:
                break
            apart = pos
        pers.append(_per_of(pm, g))
        pos = pm.end()
    if pers and out["unit"] is not None or (pers and out["scale"] is not None):
        out["per"] = "/".join(pers)
        out["end"] = pos if apart is None else apart
    if out["unit"] is None and out["scale"] is None:
        return None
    return out


def per_after_noun(text, end, stop) -> str:
    """`75.000 lượt khách/ngày`: the denominator after a slash that closes the figure's noun phrase; "" if none."""
    if "/" not in text[end:min(stop, end + 60)]:
        return ""
    g = grammar()
    pm = g.per_slash_after.match(text, end, stop, False)
    return _per_of(pm, g) if pm else ""


def _per_of(pm, g) -> str:
    return g.per_canon[" ".join(pm.group(1).lower().split())]


def _pers(text, pos, g):
    """(per, end): the denominators named right after `pos` (`/tháng`, ` mỗi năm`, `/người/tháng`)."""
    pers = []
    pm = g.per.match(text, pos)
    while pm:
        pers.append(_per_of(pm, g))
        pos = pm.end()
        pm = g.per.match(text, pos)
    return "/".join(pers), pos


_NAME_NEXT = regex.compile(r"[ \t]+(\p{Lu}\p{Ll}*)")   # a capitalised word after a capitalised unit: a name


@functools.lru_cache(maxsize=1)
def _country_words() -> frozenset:
    """First words of the countries (patterns/organizations.yaml): `Xu Mỹ`, `Đồng Việt Nam` name a currency's country."""
    return frozenset(str(c).split()[0] for c in patternbook.load("organizations")["countries"] if str(c).split())


_UNITS: dict = {}   # a unit as written -> (class, canonical unit, factor) (`_read_tail`)


def _unit_ok(text, um, g, scale, pos, m=None):
    """A unit form is no unit when glued-only and spaced (`12 x`), a time unit without a scale
    (`lúc 11 giờ`), or a syllable of a longer word (`5 đồng bào`, `3 đô thị`, `xu hướng`), unless
    an amount large enough stands before that word (`5.000 đồng tiền lãi`, not `6 đồng tiền chủ chốt`)."""
    u = um.group(1)
    surface = " ".join(u.lower().split())
    if surface in g.glued_only and u != text[pos:um.end()]:
        return False
    if surface in g.lower_only and u != surface:
        return False   # `5G`: a network, not grams
    if surface == g.hour_form and m is not None:
        v = _read_number(m)[0] or 0
        if v <= g.hour_max and v == int(v):   # `lúc 19g`, `7g sáng`: an hour
            nxt = g.open_word.match(text, um.end())
            w = nxt.group(1) if nxt else None
            if w in g.hour_after or g.hour_before.search(text, max(0, m.start() - 12), m.start()) \
                    and (w is None or w in g.blocking or w in g.not_counted):
                return False
    if g.unit_of.get(surface, (None, None))[1] in g.needs_scale and scale is None:
        return False
    if scale is None and u[1:].islower() and u[:1].isupper() and g.unit_of.get(surface, ("",))[0] == "money" \
            and surface in lexicon.syllables():
        name = _NAME_NEXT.match(text, um.end())
        if name and name.group(1) not in _country_words():
            return False   # `thôn 5 Đồng Yên`, `số nhà 92 Yên Phụ`: a capitalised syllable of a name (`68 Xu Mỹ` is money)
    if scale is None and surface.isalpha() and " " not in surface:
        nxt = g.open_word.match(text, um.end(), None, False)
        if nxt and lexicon.is_word(surface + " " + nxt.group(1)):
            before = g.unit_before_word.get(surface)
            return bool(before and m is not None and nxt.group(1) in before[0]
                        and (_read_number(m)[0] or 0) >= before[1])
    return True


def _open_count(text, pos, g, is_word, word_text, m=None):
    """(noun, end, class) when a counted noun follows: `192 nữ`, `340 trường đại học`, `500 chú gấu`.
    A bare `điểm` with no noun after it is points (a measure): `tăng 100 điểm`, `1.260 điểm`."""
    ab = g.abbrev.match(text, pos) if text[pos + 1:pos + 2].isupper() else None
    if ab:
        if is_word and word_text and word_text.lower() in g.spelled_no_open:
            return None   # `Mỗi năm CLB Hải Phòng được cấp`: `năm` is the year, as before an open noun
        return ab.group("ab").lower(), ab.end(), "count"
    c = text[pos:pos + 1]   # every match begins with a blank
    w = g.open_words.match(text, pos, None, False) if c == " " or c == "\t" else None
    if not w:
        return None
    words = w.captures(1)
    for k in range(1, len(words)):
        if len(words[k]) == 1:
            words = words[:k]   # a letter alone begins only the first word (`3 người ở cùng xã`: `người` at `ở`)
            break
    closed = _closed_noun(words, g) if words[0] in g.closed_firsts else 0   # `17 bị can`, `2 tiền vệ`
    if words[0] in g.blocking and not closed:
        return None  # cheap exits first: no lowercase word, or a function or time word
    if is_word and word_text and word_text.lower() in g.spelled_no_open:
        return None
    if m is not None and not _open_count_allowed(text, m, g):
        return None
    ends = w.ends(1)
    if closed:
        return " ".join(words[:closed]), ends[closed - 1], "count"
    n = _noun_length(words, g)
    if n == 0 or n == 1 and len(words[0]) == 1:
        return None   # (a letter alone is no noun: `ý` only in `ý tưởng`, `ý kiến`)
    if n == 2 and len(words) > 2 and " ".join(words[1:3]) in g.counted_predicates:
        n = 1   # `180 mẫu âm tính`, `21 người thương vong`: the noun's last syllable opens what befell them
    n = _after_classifier(words, n, g)
    noun = " ".join(words[:n])
    if words[0] in g.group_heads and (noun in g.group_nouns or n < len(words) and " ".join(words[:n + 1]) in g.group_nouns):
        return None  # `hai vợ chồng`, `ba mẹ con`: the members of a group named by their relation, no count
    if noun in g.pair_nouns and m is not None and _read_number(m)[0] == 2:
        return None  # `hai anh em`: the two brothers (`có 10 anh em` counts them)
    if m is not None and text[m.start() - 2:m.start() - 1] == g.times_lead[-1:] \
            and g.times_lead_before.search(text, max(0, m.start() - 8), m.start()):
        return "times", pos, "ratio"   # `mở rộng gấp 3 quy mô`, `bồi thường gấp 3 số tiền`
    alone = g.money_alone.get(noun)
    if alone and m is not None and (len(words) == n or words[n] in g.blocking or words[n] in g.not_counted
                                    or words[n] in g.one_only):
        v = _read_number(m)[0] or 0
        if v >= alone[1] or v != int(v):
            return alone[0], ends[n - 1], "money"   # `260.000 bảng/tuần`, `27,52 bảng một bàn thắng`
    if noun in g.money_heads or (words[0] in g.money_heads and words[0] not in g.unit_of):
        return None  # `3 tỷ tiền mặt`, `5 tỷ lợi nhuận`: money, not a count
    if noun in g.points and (len(words) == 1 or _noun_length(words[1:], g) == 0) \
            and (g.points_verb.search(text, max(0, pos - 40), pos, False)
                 or m is not None and (_read_number(m)[0] or 0) % 1):   # `16,5 điểm`: no count has a fraction
        return noun, ends[0], "measure"
    return noun, ends[n - 1], "count"


def _closed_noun(words, g) -> int:
    """Syllables of a noun of `closed_initial_nouns` heading `words` (the longest), else 0."""
    for n in g.closed_lens:
        if len(words) >= n and " ".join(words[:n]) in g.closed_nouns:
            return n
    return 0


def _open_per(text, pos, g, first=True):
    """(noun, end, apart) of a counted noun named as the denominator of money (`apart`: after `cho`): `302 triệu đồng mỗi chiếc`,
    `15.000 đồng một vé`, `30.000 đồng/suất`; None before a function word, a verb, a time word or a
    vague amount (`một phần`, `một cách`, `mỗi lần`). After a denominator only `/` or `mỗi` adds one
    (`đồng/ngày/phòng một giường`: a room with one bed)."""
    c = text[pos:pos + 1]
    if not (c == "/" or ((c == " " or c == "\t") and text[pos:pos + 4].lstrip(" \t")[:1] in g.per_one_initials)):
        return None
    pm = g.per_open.match(text, pos, None, False)
    if not pm or not (first or pm.group("lead") != "một"):
        return None
    words = [pm.group("w")] + pm.captures("more")   # (lowercase: the pattern reads no capital)
    ends = [pm.end("w")] + pm.ends("more")
    if words[0] in g.per_open_not or words[0] not in lexicon.syllables():
        return None   # (`quả làgiống`: words glued by a lost blank are no noun)
    n = _noun_length(words, g)
    if n == 0:
        return None
    n = _after_classifier(words, n, g, lexicon.syllables())   # `một chiếc xe`, as `_open_count`
    return " ".join(words[:n]), ends[n - 1], bool(g.per_apart.match(text, pos))


def per_named(text, c0, start, end, stop, cls, unit, prev_end=-1, prev_per=""):
    """The denominator of the figure at `start:end` named apart from it in its clause `c0:stop` (units.yaml
    per_each): a time word after `mỗi`/`hằng`/`hàng` right after the figure's phrase (`200 người chết mỗi
    ngày`), else the last `mỗi` + counted noun or `hằng` + time word before it (`Mỗi túi đóng 2-3 khúc`);
    "" when none. `prev_end`, `prev_per`: the figure before it in the clause and its denominator."""
    g = grammar()
    if g.per_every_probe.search(text, end, stop):
        m = g.per_every_after.match(text, end, stop)
        if m:
            gap = m.group("gap").split()
            limit = g.per_after_words_final if g.clause_close.match(text, m.end()) else g.per_after_words
            if (not gap if cls == "ratio" else len(gap) <= limit
                    and not any(w.lower() in g.per_after_stops for w in gap)):
                return m.group("w").lower()
    if cls == "ratio":
        return ""
    if text[end:end + 6].lstrip(" \t").startswith(g.per_each_words):
        each = _open_per(text, end, g)
        if each is not None and each[1] <= stop:
            return each[0]   # `2.000 liều mỗi tỉnh`, `24 chiếc mỗi đội`: units.yaml per_each + a counted noun right after the figure
    after = _per_one_after(text, end, stop, g)
    before = _per_named_before(text, c0, start, cls, unit, prev_end, prev_per, g)
    if after and before and before != after:
        return before + "/" + after   # `Mỗi người không nên uống quá 2 đơn vị cồn một ngày`: per `người/ngày`
    return after or before


def _per_one_after(text, end, stop, g) -> str:
    """`80 triệu liều vắc xin một tháng`: `một` + time after the figure's noun phrase (units.yaml per_one_after_words)."""
    if not g.per_one_probe.search(text, end, min(stop, end + 80)):
        return ""
    m = g.per_one_after.match(text, end, stop)
    if not m:
        return ""
    gap = m.group("gap").lower()
    words = gap.split()
    if len(words) <= g.per_one_after_words and not any(w in g.per_after_stops for w in words) \
            and not any(f" {w} " in f" {gap} " for w in g.per_one_after_stops):
        return m.group("w")
    return ""


def _per_named_before(text, c0, start, cls, unit, prev_end, prev_per, g) -> str:
    """`per_named`'s denominator named before the figure (`Mỗi túi đóng 2-3 khúc`)."""
    c0 = max(c0, start - g.per_reach_chars)
    colon = text.rfind(":", c0, start)   # a colon opens a list: what is named before it frames no figure after
    if colon >= 0:
        c0 = colon + 1
    if not g.per_probe.search(text, c0, start):
        return ""
    before = text[c0:start]
    found = ""
    listed = None   # whether the figure before is listed with this one (`2-3 khúc, nặng 1-1,3kg`)
    for m in g.per_each.finditer(before, None, None, False, False):
        lead = before[:m.start()].split()
        if lead and lead[-1].lower() in g.per_each_not_after:
            continue   # `chỉ mỗi`: only; `của mỗi bên`: of each side
        rest = before[m.end():]
        if ")" in rest and before.rfind("(", 0, m.start()) > before.rfind(")", 0, m.start()):
            continue   # inside a parenthesis closed before the figure
        if "," in rest:   # across a comma only from the start of its piece (`Với mỗi bánh ..., bán 207 triệu đồng`)
            piece = before[:m.start()].rsplit(",", 1)[-1].split()
            if len(piece) > g.per_piece_lead:
                continue
        gap = text[c0 + m.end("w"):start].split()
        if gap and any(f" {w} " in f" {' '.join(gap).lower()} " for w in g.per_before_stops):
            continue
        first = m.group("w")
        if first in g.per_times:
            nxt = m.captures("more")
            if not m.group("each") and (nxt and nxt[0] in g.per_every_not or len(gap) > g.per_every_reach):
                continue
            noun = first
        elif not m.group("each"):
            continue
        else:
            ws = [first] + m.captures("more")
            if ws[0] in g.per_open_not or ws[0] not in lexicon.syllables():
                continue
            for k, w in enumerate(ws):
                if w in g.per_number_words or k and w in g.not_counted and not lexicon.is_word(ws[k - 1] + " " + w):
                    ws = ws[:k]   # `mỗi người một ít`, `mỗi suất trị giá` (not `mỗi nạn nhân`): the noun ends there
                    break
            n = _noun_length(ws, g) if ws else 0
            if not n:
                continue
            if n == 1 and ws[0] in g.classifiers and len(ws) > 2 and ws[1] not in g.noun_stops \
                    and lexicon.is_word(" ".join(ws[1:3])):
                n = 3   # `mỗi chiếc máy bay`, `mỗi nhà sản xuất`; not `mỗi con nặng`, `mỗi bộ dài`
            noun = " ".join(ws[:n])
        if c0 + m.start() < prev_end:
            if listed is None:
                gap = text[prev_end:start]
                listed = "," in gap or gap.split()[:1] != [] and gap.split()[0].lower() in g.per_list_links
            if noun != prev_per or not listed:
                continue   # another figure between, not listed with this one or without this denominator
        found = noun
    if found and cls == "count" and (f" {found} " in f" {unit} " or found.startswith(unit + " ")):
        return ""   # `mỗi hộ ..., tổng cộng 500 hộ`, `người trúng giải`: a count of the noun itself
    return found


def _after_classifier(words, n, g, known=None):
    """`n` syllables of noun, or more after a classifier: classifier + noun (`chú gấu`) or an agent noun
    (`nhà đầu tư`): any lexicon word may follow, unless it starts with a function word (`3 người thì có`,
    `2 chiếc so với`: the noun stops there). `known`: the syllables a one-syllable noun must be one of."""
    if n == 1 and len(words) > 1 and (words[1] in g.counted_predicates or " ".join(words[1:3]) in g.counted_predicates) \
            and (words[0] in g.classifiers or words[0] in g.person_classifiers) and words[0] not in g.event_classifiers:
        return n   # `5 người tử vong`, `2 cháu nhập viện`: what befell them, no agent noun nor noun
    if n == 1 and words[0] in g.person_classifiers and len(words) > 1:   # `bốn đứa con`, `2 nam công nhân`
        if len(words) > 2 and words[1] not in g.noun_stops and words[1] not in g.not_counted \
                and words[1] not in g.one_only and words[2] not in g.blocking:   # (`chị một phen`, `chị có con`)
            pair = " ".join(words[1:3])
            if lexicon.is_word(pair) and pair not in g.not_counted and pair not in g.noun_stops:
                return 3
        return 2 if words[1] in g.person_nouns else n
    if not (n == 1 and words[0] in g.classifiers and len(words) > 1):
        return n
    pair = " ".join(words[1:3])
    agent = words[0] in g.agent_classifiers
    if len(words) > 2 and words[1] not in g.noun_stops and pair not in g.noun_stops and lexicon.is_word(pair) \
            and (agent or words[1] not in g.not_counted and pair not in g.not_counted
                 or words[1] in g.noun_initial_closed):   # (not `con đi chơi`, `con tham dự`; `căn chung cư`)
        return 3
    if words[1] not in g.blocking and words[1] not in g.not_counted and (known is None or words[1] in known) \
            and pair not in g.noun_stops and words[1] not in g.noun_stops and words[1] not in g.one_only \
            and (agent or pair not in g.not_counted):
        return 2   # (not `người hiện`, `người một`, `con tham` of `con tham dự`)
    return n


def _noun_length(words, g):
    """How many syllables the noun at the head of `words` takes; 0 when it is no noun."""
    if words[0] in g.blocking:
        return 0
    known = lexicon.compounds()   # `lexicon.is_word`, without a call per phrase
    for n in (3, 2):
        if len(words) >= n:
            phrase = " ".join(words[:n])
            if phrase in g.not_counted:
                return 0
            if phrase in known or phrase in g.counted_words or any(v in known for v in _iy_variants(phrase)):
                return n
    return 0 if words[0] in g.not_counted else 1


_I_Y = str.maketrans("iìíỉĩịyỳýỷỹỵ", "yỳýỷỹỵiìíỉĩị")
_IY_SYLLABLE = engines.compile(r"(?:ch|kh|nh|ph|qu|th|tr|[bcdđhklmnprstvx])[iìíỉĩịyỳýỷỹỵ]")


def _iy_variants(phrase: str):
    """The other spellings of the syllables that end in a lone `i` or `y` after their consonant (`cự ly` / `cự li`,
    `nghị sỹ` / `nghị sĩ`, `kỹ sư` / `kĩ sư`): the word list holds one spelling, writers use both."""
    words = phrase.split()
    at = [k for k, w in enumerate(words) if _IY_SYLLABLE.fullmatch(w)]
    for mask in range(1, 1 << len(at)):
        ws = list(words)
        for j, k in enumerate(at):
            if mask >> j & 1:
                ws[k] = ws[k][:-1] + ws[k][-1].translate(_I_Y)
        yield " ".join(ws)


def _word_end(text, i):
    return i >= len(text) or not (text[i].isalnum())


def _unit_end_ok(text, um):
    u = um.group(1)
    if not u[-1].isalnum():
        return True
    return _word_end(text, um.end())


def _scaled(value: float, factor: float) -> float:
    """`64,1 triệu` is 64100000, not the float product 64099999.99999999: the product is rounded to
    15 significant digits (what a float holds exactly), so a stored value equals the written one."""
    return value if factor == 1.0 else float(f"{value * factor:.15g}")


def _build(start, value, alt, sep, tail):
    factor = (tail["scale"] or 1.0) * tail.get("factor", 1.0)
    cls, unit = tail["cls"], tail["unit"]
    q = Quantity(start, tail["end"], cls or "money", _scaled(value, factor), None, unit or "", tail["per"])
    if unit is None and tail["scale"] is None:
        return q
    if unit is None:
        q.bare_scale = True
        q.cls = "money"
        q.unit = "VND"
    if alt is not None:
        q.ambiguous.append((_scaled(alt, factor), sep))
    return q
