"""What a figure measures: the phrase the text uses, and a canonical key.

The metric is the noun phrase before the figure in its clause, stripped of
cue verbs, qualifiers and time expressions (`Tổng doanh thu năm 2020 ước
đạt` -> `tổng doanh thu`), or a vocabulary phrase right after the figure
(`thu về 2.040 tỷ đồng lợi nhuận gộp`). A figure with no words of its own
(`, đạt 102% kế hoạch`) shares the metric of the figure before it.
"""
from __future__ import annotations

import bisect
import functools
import re
try:   # the parser `re` compiles with (`sre_parse` before 3.11)
    from re import _constants as _K, _parser as _sre
except ImportError:   # pragma: no cover
    import sre_constants as _K
    import sre_parse as _sre

import ahocorasick
import regex

from . import engines
from . import lexicon, org_mentions, patternbook, text as text_mod
from .patternbook import FirstWords, LastWords, PhraseSet, holds_any as _holds_any
# (patterns of `engines.compile` may run on `re`: their calls take what both engines share, the note in `engines`;
# a call on a `regex.compile` pattern (one only `regex` reads) is given `None, None, False` after its string, or
# `0, None, None, False` after `sub`'s: concurrent=False, no release of the GIL around it, the note in `designators`)

def _key_entries():
    """(phrase, key) pairs and each key's broader key, from patterns/metrics.yaml `keys`."""
    pairs, broader = [], {}
    for key, spec in patternbook.load("metrics")["keys"].items():
        words = spec["words"] if isinstance(spec, dict) else spec
        if isinstance(spec, dict) and spec.get("broader"):
            broader[key] = spec["broader"]
        pairs += [(str(w), key) for w in words]
    return pairs, broader


def _trailing_cues() -> set:
    """The cue words a metric phrase never ends with (patterns/cues.yaml)."""
    cues = patternbook.load("cues")
    trailing = set()
    for group in ("approx", "change", "kind"):
        for v in cues[group].values() if isinstance(cues[group], dict) else [cues[group]]:
            trailing.update(v)
    trailing.update(cues["change_gap"])
    trailing.update(cues["metric_trailing"])
    trailing.update(patternbook.load("metrics")["trailing_levels"])   # (`ở mức khiêm tốn`: a judged level)
    return trailing


@functools.lru_cache(maxsize=1)
def tables():
    trailing = _trailing_cues()
    trailing_re = regex.compile(r"(?:\s|,|^)(?:" + "|".join(
        regex.escape(t) for t in sorted(trailing, key=lambda t: (-len(t), t))) + r")\s*$", regex.I | regex.REVERSE)
    pairs, _ = _key_entries()
    phrases = sorted(pairs, key=lambda x: len(x[0]), reverse=True)
    vocab_re = engines.compile(patternbook.alternation([p for p, _ in phrases]), regex.I)
    key_of = {" ".join(p.lower().split()): key for p, key in phrases}
    return trailing_re, vocab_re, key_of


@functools.lru_cache(maxsize=1)
def _tails():
    """The last words (lower case) of the trailing cues and of the growth nouns (None: not all
    of two words or more), and the characters `str.lower` folds otherwise than `regex` does:
    both end-anchored patterns can only match a text whose last word is one of these."""
    trailing = [str(t) for t in _trailing_cues()]
    growth = [str(w) for w in patternbook.load("metrics")["growth_nouns"]]
    lasts = [w.split()[-1] for w in trailing + growth]
    odd = patternbook.odd_cases(lasts)
    return ({w.split()[-1].lower() for w in trailing},
            {w.split()[-1].lower() for w in growth} if all(len(w.split()) >= 2 for w in growth) else None,
            odd)


def _last_word(s: str) -> str | None:
    """The word `s` ends with (blanks at its end and commas cut), lower case; None when it holds a
    character lower-casing does not fold as `regex` does (then no word test is exact)."""
    t = s.rsplit(None, 1)
    w = t[-1] if t else ""
    w = w[w.rfind(",") + 1:]
    for o in _tails()[2]:
        if o in w:
            return None
    return w.lower()


def _trail_sub(s: str, w: str | None | bool = False) -> str:
    """`trailing_re.sub("", s)` (`tables`): nothing when the last word of `s` ends no cue, else the
    same pattern made of the cues ending with that word only, tried at the end of `s` only.
    `w`: `_last_word(s)` when the caller has it."""
    if w is False:
        w = _last_word(s)
    if w is None:
        return tables()[0].sub("", s)
    entry = _trail_by_last().get(w)
    if entry is None:
        return s
    rx, longest, lowered, odd, _ = entry
    t = s.rstrip()
    tail = t[-longest:]
    plain = len(t) == len(s) or s[len(t):] == " " or not any(c in _NOT_REGEX_BLANKS for c in s[len(t):])
    for o in odd:   # (loops, not `any` over a generator: called for most figures)
        if o in tail:
            plain = False
    if plain:
        # the pattern by hand: the longest cue `t` ends with, after a blank, a comma or nothing
        low = tail.lower()
        for cue in lowered:
            if low.endswith(cue):
                start = len(t) - len(cue)
                if start == 0:
                    return ""
                c = t[start - 1]
                if c == "," or c.isspace() and c not in _NOT_REGEX_BLANKS:
                    return s[:start - 1]
        return s
    if rx is None:   # compiled only for a text the hand-made test cannot read (a compile costs milliseconds)
        rx = entry[0] = engines.compile(r"(?:\s|,|^)(?:" + "|".join(regex.escape(t) for t in entry[4]) + r")\s*$",
                                      regex.I | regex.REVERSE)
    m = rx.search(s, max(0, len(s.rstrip()) - longest))
    return s if m is None else s[:m.start()] + s[m.end():]


def _strip_trailing(s: str) -> str:
    """`s` without the cues it ends with, one after the other (at most 8), unless it ends with a
    growth noun. `_last_word`, `_grows` and `_trail_sub` inline for a last word that ends no cue
    nor growth noun (most words): then only the blanks and commas at the end go."""
    trail_lasts, growth_lasts, odd = _tails()
    for _ in range(8):
        t = s.rsplit(None, 1)
        w = t[-1] if t else ""
        w = w[w.rfind(",") + 1:]
        for o in odd:
            if o in w:
                w = None
                break
        else:
            w = w.lower()
        if w is None or growth_lasts is None or w in growth_lasts:
            if _grows(s, w):
                break
        if (w is None or w in trail_lasts) and reader().measure_end_may(s) and _measured_tail(s):
            break   # `Độ cao`, `chiều cao`: a measured size, not the cue `cao`
        new = (s if w is not None and w not in trail_lasts else _trail_sub(s, w)).rstrip(" ,")
        if new == s:
            break
        s = new
    return s


_NOT_REGEX_BLANKS = "\x1c\x1d\x1e\x1f"   # blanks to `str.split`, not to `regex`'s `\s`


@functools.lru_cache(maxsize=1)
def _trail_by_last() -> dict:
    """For each last word (lower case) of the trailing cues, what `_trail_sub` tries for a text ending with it:
    [its pattern (compiled when first needed), the longest cue's length + 1, the cues lower-cased, longest
    first, their odd cases, the cues]. Built once for all words (reading the odd cases of each word's cues
    when it first came cost more than the stripping itself)."""
    groups: dict = {}
    for t in _trailing_cues():
        groups.setdefault(t.split()[-1].lower(), []).append(t)
    entries = {}
    for w, cues in groups.items():
        cues.sort(key=len, reverse=True)
        entries[w] = [None, len(cues[0]) + 1, tuple(t.lower() for t in cues), patternbook.odd_cases(cues), cues]
    return entries


def _grows(s: str, w: str | None | bool = False) -> bool:
    """`s` ends with a growth noun (`mức tăng trưởng`). `w`: `_last_word(s)` when the caller has it."""
    lasts = _tails()[1]
    if lasts is not None:
        if w is False:
            w = _last_word(s)
        if w is not None and w not in lasts:
            return False
    return reader().growth_noun.search(s, None, None, False) is not None

def _needs(pattern: str):
    """Literals, one of which every match of the case-insensitive `pattern` holds (lower case,
    a blank run as one space, `_DIGIT` for any digit), and the characters folding differs on;
    None when no such list is known. Read from the pattern's `re` parse tree."""
    if any(x in pattern for x in ("\\p", "\\P", "\\N", "[[", "(?r")):
        return None   # `regex`-only syntax: `re` would misread it
    try:
        tree = _sre.parse(pattern, re.IGNORECASE)
    except Exception:
        return None
    seen = set()

    def char(c):
        ch = chr(c)
        seen.add(ch)
        if ch.isspace():
            return " "
        if len(ch.lower()) != 1:
            raise ValueError(ch)
        return ch.lower()

    def join(run, ex):
        out = set()
        for a in run:
            for b in ex:
                s = a + b
                while "  " in s:
                    s = s.replace("  ", " ")
                out.add(s)
        return out

    def best(cands):
        cands = [c for c in cands if c and all(n.strip() for n in c)]
        return max(cands, key=lambda ns: (min(0.5 if n == _DIGIT else len(n.strip()) for n in ns), -len(ns))) \
            if cands else None

    def seq(items):
        run, cands, exact = {""}, [], True
        for op, av in items:
            ex, nd = node(op, av)
            if ex is not None and len(run) * len(ex) <= 64:
                run = join(run, ex)
                continue
            exact = False
            cands.append(run)
            run = set(ex) if ex is not None else {""}
            if nd is not None:
                cands.append(nd)
        cands.append(run)
        return (run if exact else None), best(cands)

    def own(ex, nd):
        return nd if nd is not None else (ex if ex is not None and all(s.strip() for s in ex) else None)

    def node(op, av):
        if op is _K.LITERAL:
            return {char(av)}, None
        if op in (_K.AT, _K.ASSERT, _K.ASSERT_NOT):
            return {""}, None
        if op is _K.IN:
            if av == [(_K.CATEGORY, _K.CATEGORY_DIGIT)]:
                return None, {_DIGIT}
            if av == [(_K.CATEGORY, _K.CATEGORY_SPACE)]:
                return {" "}, None
            if len(av) <= 16 and all(o is _K.LITERAL for o, _ in av):
                return {char(a) for _, a in av}, None
            return None, None
        if op is _K.SUBPATTERN:
            if (av[1] | av[2]) & re.IGNORECASE:
                raise ValueError("inline case flag")
            return seq(av[3])
        if op is getattr(_K, "ATOMIC_GROUP", None):
            return seq(av)
        if op is _K.BRANCH:
            done = [seq(b) for b in av[1]]
            exs, nds = [e for e, _ in done], [own(e, n) for e, n in done]
            ex = set().union(*exs) if all(e is not None for e in exs) and sum(map(len, exs)) <= 64 else None
            return ex, (set().union(*nds) if all(n is not None for n in nds) else None)
        if op in (_K.MAX_REPEAT, _K.MIN_REPEAT, getattr(_K, "POSSESSIVE_REPEAT", None)):
            lo, hi, sub = av
            ex, nd = seq(sub)
            if lo == 0:
                return ({""} | ex if hi == 1 and ex is not None else None), None
            if ex == {" "}:
                return {" "}, None
            return (ex, nd) if lo == hi == 1 else (None, own(ex, nd))
        return None, None

    try:
        nd = seq(tree)[1]
    except ValueError:
        return None
    if nd is None:
        return None
    nd = {n for n in nd if not any(m != n and m != _DIGIT and m in n for m in nd)}   # `năm` covers `năm nay`
    return nd, patternbook.odd_cases(seen)


_DIGIT = patternbook.DIGIT
_ANY_DIGIT = engines.compile(r"\d")
_WORD_CHAR = engines.compile(r"\w")


class _Gate:
    """`may(s)` is False only when the case-insensitive regex `rx` matches nowhere in `s`: one
    Aho-Corasick pass for the literals every match holds (`_needs`), several times cheaper than
    the regex failing. `folded`: `_fold(s)`, when the caller has it."""

    __slots__ = ("words", "digit", "odd")

    def __init__(self, rx):
        found = _needs(rx.pattern) if rx.flags & regex.I else None
        nd, odd = found if found is not None else ({""}, set())
        words = [n for n in nd if n != _DIGIT]
        if "" in words:
            self.words = None   # no literal known: always try the regex
        else:
            self.words = ahocorasick.Automaton()
            for w in words:
                self.words.add_word(w, w)
            self.words.make_automaton()
        self.digit = _DIGIT in nd
        self.odd = tuple(odd)

    def may(self, s: str, folded: str | None = None) -> bool:
        if self.words is None or self.digit and _ANY_DIGIT.search(s):
            return True
        for o in self.odd:
            if o in s:
                return True
        for _ in self.words.iter(folded if folded is not None else _fold(s)):
            return True
        return False


class _Gates:
    """Which of several `_Gate`s may pass (bit i for gate i), from one Aho-Corasick pass over the
    folded text instead of one per gate: the same answers as each gate's `may`."""

    __slots__ = ("words", "always", "digit", "odd")

    def __init__(self, gates):
        self.words, self.always, self.digit, self.odd = ahocorasick.Automaton(), 0, 0, []
        bits: dict = {}
        for i, g in enumerate(gates):
            if g.words is None:
                self.always |= 1 << i
                continue
            if g.digit:
                self.digit |= 1 << i
            self.odd += [(o, 1 << i) for o in g.odd]
            for w in g.words.keys():
                bits[w] = bits.get(w, 0) | 1 << i
        for w, b in bits.items():
            self.words.add_word(w, b)
        self.words.make_automaton()

    def mask(self, s: str, folded: str) -> int:
        m = self.always
        if self.digit and _ANY_DIGIT.search(s):
            m |= self.digit
        for o, b in self.odd:
            if o in s:
                m |= b
        for _, b in self.words.iter(folded):
            m |= b
        return m



@functools.lru_cache(maxsize=8192)
def _is_empty(s: str) -> bool:
    """`s` holds only empty words (`reader().empty`); cached: single words come back often."""
    return reader().empty.match(s) is not None


def _fold(s: str) -> str:
    """`s` lower-cased, each blank run one space, a space at each end: what `_Gate` looks in."""
    if "  " not in s and s.isprintable():
        return " " + s.lower() + " "   # its only blank is the single space (others are not printable)
    return " " + " ".join(s.lower().split()) + " "


_M = patternbook.load("metrics")
_NEW_SUBJECT = engines.compile(patternbook.alternation(_M["new_subject_words"]) + r"\s{5,}", regex.I)
_ABOUT = engines.compile(r"^" + patternbook.alternation(_M["about_words"]) + r"\s+", regex.I)
_SOURCE = engines.compile(r"^(?:" + patternbook.alternation(_M["use_verbs"]) + r"\s+)?"
                        + patternbook.alternation(_M["purpose_words"]) + r"\s+", regex.I)
_NEW_SUBJECT_GATE = _Gate(_NEW_SUBJECT)
_PER_LEFT = engines.compile(r"(?<!\w)" + patternbook.alternation(_M["per_leads"]) + r"(?=\s\s|\s*$)", regex.I)
_PER_LEAD_WORD = str(_M["per_leads"][0])   # (the cheap test: every per lead holds it)
_ACRONYM = regex.compile(r"\(\s*([\p{Lu}\d]{2,8})\s*\)")


def _acronym_or_blank(m) -> str:
    """`Tổng sản phẩm quốc nội (GDP)`: an acronym in parentheses names the metric too; other asides go."""
    a = _ACRONYM.fullmatch(m.group(0), None, None, False)
    return " " + a.group(1) + " " if a else " "


_DECIMAL_COMMA = engines.compile(r"(?<=\d),(?=\d)")   # `16,5`, `5,2 giây`: a decimal (or thousands) comma ends no piece


def _pieces(s: str) -> list:
    """`s` split at each `,` `;` `:` but a decimal comma (string methods: a `regex` call costs more than splitting a
    phrase; the decimal test only when a comma has a digit after it)."""
    if "," in s and _DECIMAL_COMMA.search(s):
        return [p.replace("\x1e", ",") for p in _DECIMAL_COMMA.sub("\x1e", s).replace(";", ",").replace(":", ",").split(",")]
    return s.replace(";", ",").replace(":", ",").split(",")


def _last_clause_piece(s: str) -> str:
    """The words after the last `,` or `;` of `s`."""
    return s[max(s.rfind(","), s.rfind(";")) + 1:]



class _Reader:
    """The metric reader's word lists from patterns/cues.yaml, compiled once."""

    def __init__(self):
        c = patternbook.load("cues")
        alt = patternbook.alternation
        self.leading = engines.compile(r"^(?:[\s,.:;\-–(]|" + alt(c["metric_leading"]) + r")+(?=\s|$)", regex.I)
        self.connectives = engines.compile(r"^" + alt(c["metric_connectives"]) + r"\s+", regex.I)
        self.subjects = engines.compile(r"^" + alt(c["metric_subjects"]) + r"(?:\s+" + alt(patternbook.load("metrics")["subject_fillers"]) + r")*\s+", regex.I)
        # (session 22) `chị số tiền`, `em đạt mức thu nhập`: a personal pronoun opening a phrase that names a metric noun
        # is its subject, no part of what is measured (not the first syllable of a word: `cô giáo`, `em bé`, `bà con`:
        # `_lstrip`); before words naming none (`ông đã sắp xếp`) it stays, the clause is rejected as a whole (`_tidy`)
        self.pronouns = engines.compile(r"^" + alt(patternbook.load("metrics")["pronoun_subjects"]) + r"\s+", regex.I)
        self.pronoun_firsts = _firsts(self.pronouns)   # (`_opens`)
        self.comparison = engines.compile(r"^[\s,(]*" + alt(c["metric_comparisons"]) + r"[^,;]*(?=[,;]|$)", regex.I)
        # (not a bare time word after a frequency word: `doanh thu hàng quý` is a quarterly figure, the gold's
        # metric; but a numbered period is a time: `doanh thu bán hàng quý 4`)
        self.time = patternbook.Anchored(regex.compile(r"(?:(?<!(?<!\w)" + alt(patternbook.load("metrics")["frequency_words"])
                                  + r"\s+)|(?=\w+\s+(?:\d|[IVX]+(?!\w))))(?:"
                                  + patternbook.load("time")["metric_time"] + ")|"
                                  + alt(patternbook.load("metrics")["time_words"]) + "|"
                                  + patternbook.load("metrics")["metric_dates"], regex.I))   # (tried where it may begin)
        self.after_end = engines.compile(r"[,;.:(]|\s" + alt(c["metric_after_stop"], boundary=False) + r"\s")
        self.money_noun = engines.compile(alt(patternbook.load("metrics")["money_nouns_after"]) + r"(?!\w)")
        self.money_noun_stop = engines.compile(r"\s" + alt(patternbook.load("metrics")["money_noun_stops"], boundary=False) + r"(?!\w)")
        self.share_end = engines.compile(r"[,;.:()\n]|\s" + alt(c["share_stop"], boundary=False) + r"\s")
        self.not_a_noun = engines.compile(r"^\s*+(?:" + alt(c["share_not_noun"]) + r"|\W|\d)", regex.I)
        m = patternbook.load("metrics")
        pairs, _ = _key_entries()
        self.reporting = engines.compile(alt(m["reporting_verbs"] + m["complementizers"]) + r"(?!\s+" + alt(m["reporting_noun_before"])
                                       + r")(?:\s+" + alt(m["reporting_fillers"]) + r")*\s*[,:]?", regex.I)
        self.titles = {str(t).lower() for t in m["person_titles"]}
        self.title_lasts = {t.split()[-1] for t in self.titles if t.split()}
        self.surnames = {str(t).lower() for t in m["surnames"]}
        self.not_person = engines.compile(alt(m["not_person_names"]))
        self.place_before = regex.compile(alt(m["place_words"]) + r"\s+$", regex.I | regex.REVERSE)
        self.head = engines.compile(alt(list(m["heads"]) + [p for p, _ in pairs]), regex.I)
        self.key_only = engines.compile(alt([p for p, _ in pairs]), regex.I)
        self.refers_back = engines.compile(r"^" + alt(m["refers_back"]) + r"(?!\w)", regex.I)
        self.comparative = engines.compile(r"^" + alt(m["comparatives"]) + r"(?!\w)", regex.I)
        self.wholes = engines.compile(r"^" + alt(m["share_wholes"]) + r"(?!\w)", regex.I)
        self.continuation = engines.compile(r"^\W*" + alt(m["continuations"]), regex.I)
        self.junk_lead = engines.compile(r"^(?:\W*" + alt(m["leading_junk"]) + r")+(?=\s|$)", regex.I)
        self.growth_noun = regex.compile(alt(m["growth_nouns"]) + r"\s*$", regex.I | regex.REVERSE)
        self.bare_price = set(m["bare_prices"])
        self.per_time = set(m["per_time"])
        self.value_words = set(m["value_words"])
        self.value_word = str(m["value_words"][0])   # `giá trị`: the value of what was counted
        self.adverbial = engines.compile(r"^" + alt(m["adverbial_openers"]) + r"\s", regex.I)
        self.locative = engines.compile(r"^" + alt(m["locative_openers"]) + r"\s", regex.I)
        self.verb = engines.compile(alt(c["change"]["up"] + c["change"]["down"] + c["level_verbs"]), regex.I)
        self.marker = engines.compile(alt(m["clause_markers"]) + r"\s+", regex.I)
        self.strippable = engines.compile(r"(?:\W*" + alt(c["metric_leading"] + c["metric_connectives"] + m["leading_junk"]
                                                       + m["empty_words"]) + r")+\W*", regex.I)
        self.clause_word = engines.compile(alt(m["clause_words"]), regex.I)
        self.clause_connector = engines.compile(alt(m["clause_connectors"]), regex.I)
        self.predicate_adverb = engines.compile(alt(m["predicate_adverbs"]), regex.I)
        self.quantity_in = regex.compile(r"(?:(?<![\w.,/-])\d+(?:[.,]\d+)*\s*(?:[-–]|%|\p{L}+/\w+|"
                                         + alt(m["quantity_units_in_phrase"]) + r")|" + patternbook.choice(m["quantity_words_before_number"])
                                         + r"\s+\d+)", regex.I)
        self.lead_verb = engines.compile(r"^" + alt(m["lead_verbs"]) + r"\s", regex.I)
        self.inner_verb = engines.compile(r"(?<=\s)" + alt(m["inner_lead_verbs"]) + r"\s+", regex.I)
        self.level_link = engines.compile(r"(?<=\s)" + alt(m["level_links"]) + r"\s+", regex.I)
        self.holding_verb = engines.compile(r"(?<=\s)" + alt(m["holding_inner_verbs"]) + r"\s+", regex.I)
        self.object_verb = engines.compile(r"(?:^|(?<=\s))" + alt(m["object_verbs"]) + r"\s+", regex.I)
        self.nominalized = engines.compile(r"(?:^|\s)" + alt(m["object_verb_nominalizers"]) + r"\s*$", regex.I)
        # (at the start too: `nhận một khoản tiền bồi thường`; the article after it is no part of the noun)
        self.money_verb_inner = engines.compile(r"(?:^|(?<=\s))" + alt(m["money_verbs"]) + r"\s+(?:"
                                              + alt(m["money_verb_articles"]) + r"\s+)?", regex.I)
        self.stake_end = engines.compile(r"\s(?:" + alt(m["stake_verbs"]) + r")$", regex.I)
        self.money_verb_end = regex.compile(r"(?<!" + alt(m["money_verb_modifiers"]) + r")\s(?:" + alt(m["money_verbs"]) + r")$", regex.I)
        self.link_head = engines.compile(alt(list(m["heads"]) + list(m["measure_heads"]) + [p for p, _ in pairs]), regex.I)
        self.count_object = engines.compile(r"\s" + alt(m["count_object_ends"]) + r"$", regex.I)
        # cheap prechecks before the end-anchored and rare patterns (a forward search tries every position)
        self.count_object_may = LastWords(m["count_object_ends"]).may
        self.stake_end_may = LastWords(m["stake_verbs"]).may
        self.money_verb_end_may = LastWords(m["money_verbs"]).may
        self.measure_end_may = LastWords(m["measure_heads"]).may
        self.clause_cut = engines.compile(r"\s" + alt(m["clause_cut_words"]) + r"\s", regex.I)
        self.change_cut = engines.compile(r"\s" + alt(m["predicate_change_verbs"]) + r"\s", regex.I)
        self.change_not = engines.compile(alt(c["change_not"]), regex.I)
        self.link = engines.compile(alt(m["predicate_links"] + m["with_links"]) + r"\s+", regex.I)
        self.with_links = {str(w).lower() for w in m["with_links"]}
        self.priced_prices = {str(w).lower() for w in m["priced_prices"]}
        self.bare_measures = {str(w).lower() for w in m["measure_heads"]}
        self.list_joiners = {str(w).lower() for w in m["list_joiners"]}
        self.priced_end = regex.compile(r"(?:\s+" + alt(m["priced_adverbs"]) + r")+\s*$", regex.I | regex.REVERSE)
        self.priced_words = int(m["priced_words"])
        self.link_may = FirstWords(m["predicate_links"] + m["with_links"]).may   # (4 phrases in 5 hold no link word)
        self.with_not_after = engines.compile(alt(m["with_links_not_after"]) + r"\s+$", regex.I)
        self.with_other_not_after = engines.compile(alt(m["with_other_not_after"]) + r"\s+$", regex.I)
        self.with_not_before = engines.compile(alt(m["with_links_not_before"]), regex.I)
        self.empty = engines.compile(r"^(?:\W*" + alt(m["empty_words"]) + r")*\W*$", regex.I)
        self.scope_orgs = {" ".join(str(o).lower().split()) for o in m["scope_orgs"]}
        self.scope_link = engines.compile(r"\s+(?:" + alt(m["scope_links"]) + r")\s+", regex.I)
        self.scope_before = regex.compile(alt([p for p, _ in pairs]) + r"(?:\s+" + alt(m["scope_links"]) + r")?\s+$",
                                          regex.I | regex.REVERSE)
        self.segment_head = engines.compile(r"^\W*(?:" + alt(c["metric_leading"]) + r"\s+)*(" + alt(m["segment_heads"])
                                          + r")\s+", regex.I)
        self.segment_may = FirstWords(m["segment_heads"]).may   # (most clauses name no part of a business)
        self.segment_stop = engines.compile(alt(m["segment_stop"]) + r"|\s{2,}|\d|[^\w\s]", regex.I)
        self.empty_tail = regex.compile(r"(?:\s+" + alt(m["after_tail_words"]) + r")+\s*$", regex.I | regex.REVERSE)
        self.respectively = engines.compile(alt(c["enumeration_words"]), regex.I)
        fill = r"(?:\s+" + alt(m["share_fillers"]) + r")*\s*$"
        self.filler = engines.compile(alt(m["share_fillers"]), regex.I)
        self.share_lead = engines.compile(alt(m["share_verbs"]) + fill, regex.I)
        self.stake_lead = engines.compile(r"(?P<verb>" + alt(m["stake_verbs"]) + ")" + fill, regex.I)
        self.share_tail = engines.compile(r"\s*" + alt(m["share_verbs"]) + r"\s*$", regex.I)
        self.share_prep = engines.compile(r"^\s+(" + alt(m["share_preps"]) + r")(?=\s)", regex.I)
        self.share_is_metric = engines.compile(r"^" + alt(m["share_is_metric"]), regex.I)
        self.whole_end = engines.compile(r"[,;.:()\n]|\s" + alt(m["share_whole_stop"], boundary=False) + r"(?=\s)", regex.I)
        self.whole_openers = {w.lower() for w in m["whole_openers"]}
        self.not_a_whole = engines.compile(r"^\s*+(?:" + alt([w for w in c["share_not_noun"] if w not in self.whole_openers])
                                         + r"|\W|\d)",
                                         regex.I)
        self.time_gate, self.reporting_gate = _Gate(self.time), _Gate(self.reporting)
        self.marker_gate = _Gate(self.marker)
        self.before_gates = _Gates([self.reporting_gate, _NEW_SUBJECT_GATE, self.time_gate])   # see _metric_before
        # the scans `_tidy` makes of a phrase, from one pass (bits: _TIDY_*): each costs more than the gate
        self.tidy_gates = _Gates([_Gate(self.lead_verb), _Gate(self.inner_verb), _Gate(self.money_verb_inner),
                                  _Gate(self.clause_word), _Gate(self.clause_connector), _Gate(self.predicate_adverb),
                                  _Gate(self.object_verb), _Gate(self.holding_verb)])
        self.markers = PhraseSet(m["clause_markers"])
        self.heads = PhraseSet(list(m["heads"]) + [p for p, _ in pairs])
        self.keys = PhraseSet([p for p, _ in pairs])
        self.link_heads = PhraseSet(list(m["heads"]) + list(m["measure_heads"]) + [p for p, _ in pairs])
        self.enumerates = FirstWords(c["enumeration_words"])
        o = patternbook.load("organizations")   # (a ticker's move: one vocabulary with the name finder)
        self.ticker_move = regex.compile(r"(?:^|[,;:(]|\s(?i:" + alt(m["ticker_leads"], boundary=False) + r"))\s*"
                                         + r"(?<![\w.])(?P<t>[A-Z][A-Z0-9]{2})(?:\s+" + alt(o["ticker_move_adverbs"]) + r")*\s+"
                                         + alt(o["ticker_move_verbs"]) + r"(?:\s+" + alt(o["ticker_figure_leads"]) + r")*\s*$"
                                         + r"|(?:^|[,;:]|\s(?i:" + alt(m["ticker_leads"], boundary=False) + r"))\s*"
                                         + r"(?<![\w.])(?P<t>[A-Z][A-Z0-9]{2})\s*\(\s*[+\-–]\s*$")
        self.not_tickers = {str(w).lower() for ws in patternbook.load("units")["money"].values() for w in ws} \
            | {str(k).lower() for k in patternbook.load("units")["money"]} | {str(w).lower() for w in o["not_tickers"]}
        self.ticker_metric = str(m["ticker_metric"])
        self.ticker_metric_form = engines.compile(regex.escape(self.ticker_metric) + r" [a-z][a-z0-9]{2}")

    def may_enumerate(self, s: str) -> bool:
        """False only when `self.respectively` matches nowhere in `s` (no first word of its phrases)."""
        return self.enumerates.may(s)

    def key_is(self, s: str) -> bool:
        """`self.key_only.fullmatch(s)` is not None."""
        found = self.keys.covers(s)
        return found if found is not None else self.key_only.fullmatch(s) is not None

    def key_in(self, s: str) -> bool:
        """The vocabulary (`tables`) matches somewhere in `s`."""
        found = self.keys.found(s)
        return found if found is not None else tables()[1].search(s) is not None

    def head_at(self, s: str, pos: int = 0) -> bool:
        """`self.head.match(s, pos)` is not None."""
        found = self.heads.at(s, pos)
        return found if found is not None else self.head.match(s, pos) is not None

    def before_time(self, s: str) -> str:
        """`s` up to its first time expression (the pattern tried only where its gate finds a literal it needs)."""
        m = self.time.search(s) if self.time_gate.may(s) else None   # (`Anchored`: no `concurrent` argument)
        return s if m is None else s[:m.start()]

    def time_sub(self, s: str, folded: str | None = None) -> str:
        """`s` with its time expressions blanked to one space (`folded`: see `_Gate.may`)."""
        return self.time.sub(" ", s) if self.time_gate.may(s, folded) else s


_CAP_RUN = regex.compile(r"(?<!\w)\p{Lu}[\w.]*(?:\s+\p{Lu}[\w.]*){0,4}(?!\w)")


def names_scope(before: str, surface: str) -> bool:
    """`doanh thu công ty mẹ`: a generic organization right after a metric phrase says which
    books the figure is from; the caller keeps it in the text the metric reader sees."""
    r = reader()
    return " ".join(surface.lower().split()) in r.scope_orgs and r.scope_before.search(before, None, None, False) is not None


def named_person(s: str) -> int | None:
    """Where the first person's name in `s` starts: a run of two or more capitalised words opening with a common
    surname, not a place (`Lâm Bảo Châu`, `Nguyễn Thị Hồng Ngát`; not `Thái Lan`, `phường Phạm Ngũ Lão`); None when
    there is none. (A titled run, `Bộ trưởng Bộ Y tế`, is left to `_blank_persons`: a title may open an office.)"""
    r = reader()
    for m in _CAP_RUN.finditer(s, None, None, False, False):
        run, start = m.group(0), m.start()
        words = run.split()
        if len(words) >= 2 and words[0].lower() in r.surnames and not r.not_person.match(run) \
                and not r.place_before.search(s, max(0, start - 30), start, False):
            return start
    return None


def strip_titles(words: list, keep: int = 0) -> list:
    """`words` without what they end with once the name after them is cut: person titles (metrics.yaml
    `person_titles`: `hlv`, `bà`), the link whose object the name was (`person_links`: `của`, `cho`, `theo`),
    punctuation (`phim '`); the first `keep` words stay (the counted noun)."""
    titles = reader().titles
    keep = max(keep, 1)
    while len(words) > keep:
        n = next((n for n in (3, 2, 1) if len(words) - n >= keep and " ".join(words[-n:]) in titles), 0)
        if n:
            del words[-n:]
        elif words[-1] in _PERSON_LINKS or not _WORD_CHAR.search(words[-1]):
            words.pop()
        else:
            break
    return words


_PERSON_LINKS = frozenset(str(w).lower() for w in _M["person_links"])


def _blank_persons(s: str) -> str:
    """`s` with the persons' names blanked (same length): a run of capitalised words after a
    title (`ông`, `Tổng giám đốc`), or of two or more opening with a common surname unless it
    is a place (`phường Phạm Ngũ Lão`, `Thái Lan`). Capitalised runs are found first and
    judged by word lookups: a scan with the title and surname alternations costs more."""
    if s.islower():
        return s   # (no upper-case letter, no capitalised run: a test 15x cheaper than the scan)
    r = reader()
    titles, out = r.titles, None
    for m in _CAP_RUN.finditer(s, None, None, False, False):
        run, start = m.group(0), m.start()
        words = run.split()
        if len(words) >= 2 and words[0].lower() in titles:
            titled = True
        else:
            # a title ends with the word right before the run (the last of its words): test that word first
            last = s[max(0, start - 30):start].rsplit(None, 1)
            if not last or last[-1].lower() not in r.title_lasts:
                titled = False
            else:
                before = s[max(0, start - 30):start].lower().split()
                titled = bool(before) and (before[-1] in titles or len(before) >= 2 and " ".join(before[-2:]) in titles
                                           or len(before) >= 3 and " ".join(before[-3:]) in titles)
        if not titled:
            if len(words) < 2 or words[0].lower() not in r.surnames or r.not_person.match(run) \
                    or r.place_before.search(s, max(0, start - 30), start, False):
                continue
        out = out if out is not None else list(s)
        out[start:m.end()] = " " * (m.end() - start)
    return s if out is None else "".join(out)


@functools.lru_cache(maxsize=1)
def reader() -> _Reader:
    return _Reader()


@functools.lru_cache(maxsize=8192)
def has_head(s: str) -> bool:
    """Whether `s` holds a metric head noun; cached: the same short phrases are tested again and again."""
    r = reader()
    found = r.heads.found(s)
    return found if found is not None else r.head.search(s) is not None


def _blank(m) -> str:
    return " " * len(m.group(0))


# `metric_before`'s answer when the words before the figure were read and are a clause that names no
# metric (`_tidy`): falsy like None (no metric), but unlike None (no words) the figure must not take the
# metric of the figure before it (`trên tổng diện tích ..., 3 loại hình`)
REJECTED = ""


def metric_before(segment: str, after_figure: bool = False) -> str | None:
    """The metric phrase in the words before a figure (`REJECTED` for a clause that names none).
    `after_figure`: the segment starts at the previous figure, so only its last comma-piece can
    name a metric. The last call's answer is kept: a share reads the same words again (`share_in`)."""
    if _LAST_BEFORE[0] == (segment, after_figure):
        return _LAST_BEFORE[1]
    out = (_short_before if len(segment) < 24 else _metric_before)(segment, after_figure)
    if out is None and after_figure and len(segment) < 48:
        out = _joined_noun(segment)
    _LAST_BEFORE[:] = [(segment, after_figure), out]
    return out


_LAST_BEFORE: list = [None, None]
_JOINED_NOUN = regex.compile(r"\s*" + patternbook.alternation(_M["figure_joiners"]) + r"\s+(\p{L}+(?:\s+\p{L}+){0,3})\s*", regex.I)


_JOINED_DEGREE = frozenset(str(w).lower() for w in _M["figure_joiner_degrees"])
_JOINED_TAIL = frozenset(str(w).lower() for w in _M["dangling_preps"] + _M["dangling_ends"])


@functools.lru_cache(maxsize=4096)
def _joined_noun(segment: str) -> str | None:
    """`RAM 8 GB cùng bộ nhớ trong 128 GB`, `camera chính 48 MP và camera phụ 8 MP`: the words between two figures are a
    joiner (metrics.yaml `figure_joiners`) and a bare noun phrase of one to four words, which names the figure after
    it, not the figure before (whose metric the caller would carry): no verb of change or level, no clause word or
    marker, not only cue words (`và dự kiến đạt`), no time, no empty first word (`và hơn`, `cùng mức`), no
    superlative, no name. Else None."""
    m = _JOINED_NOUN.fullmatch(segment, None, None, False)
    if m is None:
        return None
    r = reader()
    noun = m.group(1)
    first = noun.split(None, 1)[0]
    if _is_empty(first) or r.verb.search(noun) or r.clause_word.search(noun) or r.marker.search(f" {noun} ") \
            or r.before_time(noun) != noun or r.link.search(noun + " ") or r.change_cut.search(f" {noun} "):
        return None
    if noun.rsplit(None, 1)[-1].lower() in _JOINED_DEGREE:
        return None   # `giá khởi điểm 699 USD và đắt nhất 1.199 USD`: the top value of the metric before, no new one
    if any(w[:1].isupper() and not w.isupper() for w in noun.split()):
        return None   # `Mỹ đã chi 2 tỉ USD và Nhật khoảng 1 tỉ USD`: a name is whose figure it is, not what it measures
    kept = _strip_trailing(noun)   # (`bộ nhớ trong`: a phrase ends with no cue word)
    if not kept or not set(noun[len(kept):].lower().split()) <= _JOINED_TAIL:
        return None   # `và dự kiến đạt`, `và siêu nhẹ chỉ`: cue words of a predicate, not only a dangling preposition (metrics.yaml
        # `dangling_preps`, `dangling_ends`)
    return " ".join(kept.lower().split())


def _metric_before(segment: str, after_figure: bool) -> str | None:
    trailing_re, _, _ = tables()
    r = reader()
    s = segment[-200:]
    folded = _fold(s)   # for the gates, while `s` is unchanged
    gates = r.before_gates.mask(s, folded)   # reporting 1, new subject 2, time 4: valid while `folded` is
    # `Ông Nguyễn Hưng cho biết, lợi nhuận trước thuế đạt`: the metric follows the reporting clause
    if gates & 1:
        for said in reversed(list(r.reporting.finditer(s))):
            folded = None
            rest = s[said.end():]
            if not _is_empty(r.time_sub(rest)):
                s = rest
                break
            # `Lợi nhuận ... dự báo cùng đạt`: the metric is before the verb, which is no part of it
            s = s[:said.start()] + " " * (said.end() - said.start()) + rest
    # (`\s{5,}` needs five spaces in a row when the only blank is the space: most texts the gate passes have none)
    if ("     " in s or not s.isprintable()) and (gates & 2 if folded is not None else _NEW_SUBJECT_GATE.may(s)):
        joined = None
        for joined in _NEW_SUBJECT.finditer(s):
            pass
        if joined is not None:
            # `... người lao động và VNPT Hưng Yên dự kiến dành`: `và` then an organization (blanked
            # by the caller) opens a new clause; the words before belong to another
            s = s[joined.end():]
            folded = None
    blanked = _blank_persons(s)
    if blanked is s and folded is not None:
        s = r.time.sub(" ", s) if gates & 4 else s
    else:
        s = r.time_sub(blanked)
    if _PER_LEAD_WORD in s:
        s = _PER_LEFT.sub(_blank, s)   # `học phí mỗi (năm) của trường` -> `học phí của trường`
    if "(" in s:
        s = text_mod.BRACKET.sub(_acronym_or_blank, s).replace("(", " ")
    if ")" in s:
        s = s.replace(")", " ")
    if after_figure:
        s = r.comparison.sub(" ", s)
        s = _last_clause_piece(s)
    unstripped = s
    s = _strip_trailing(s)
    # the last two pieces that are no bare comparison, from the end (only they, and whether there are two, are read)
    pieces: list = []
    for p in reversed(_pieces(s)):
        p = p.strip()
        if p and not (r.comparison.fullmatch(p) and not _names_metric_after_first(p)):
            pieces.insert(0, p)
            if len(pieces) == 2:
                break
    if not pieces:
        return None
    if len(pieces) == 1 and not after_figure and r.adverbial.match(pieces[0]) \
            and r.adverbial.match(segment[-200:].lstrip(" \n,.;:“\"(")) \
            and (_is_empty(own := _pieces(unstripped)[-1]) or not _trail_sub(own).strip()):
        # `Nhờ vốn vay ưu đãi, 70% hộ đã có nhà`: an adverbial piece is no subject
        return None
    out = pieces[-1]
    if len(out.split()) < 2 and len(pieces) > 1 and not r.key_is(out):
        out = pieces[-2] + ", " + out   # `chi, đảng bộ`; not `Phiên chiều, giá`
    elif len(pieces) > 1 and not after_figure and _listed_in(s, pieces[-2], out, _pieces(unstripped)[-1]):
        out = pieces[-2] + ", " + out   # `doanh thu dịch vụ lưu trú, ăn uống`: one noun phrase
    out = _lent(out)
    phrase = _without_actor(phrase_of(out, after_figure, place=True, glued=after_figure and not _holds_any(segment, ",;:()")),
                            _actor(out))
    if phrase is None and not after_figure and len(pieces) > 1 and not (_ANY_DIGIT.search(pieces[-1]) and r.quantity_in.search(pieces[-1])):
        # `cổ phiếu HQC tăng mạnh trong những tháng gần đây, tăng gấp 2,2 lần`: the last piece
        # names nothing; the subject of the piece before is the metric
        phrase = phrase_of(_subject(_after_last_marker(pieces[-2])))
    if phrase is None:
        # (`về đường kính mặt số`: a preposition opens the words, the size after it still names the figure)
        size = _size_named(out.lower()) if after_figure else None
        return (_tidy(size) or REJECTED) if size else None
    if r.refers_back.match(phrase) or (after_figure and r.comparative.match(phrase)):
        # `con số này của khu vực Trung Đông`, `, cao hơn so với mức`: the caller keeps the metric before
        return None
    if after_figure and not has_head(phrase) and (size := _size_named(phrase)):
        # `2 lựa chọn khác nhau về đường kính thân vỏ 38mm`: after a figure, a measured size names the next one
        # (metrics.yaml `measure_heads`), whatever words since the figure before lead to it
        return _tidy(size) or REJECTED
    if after_figure and not has_head(phrase) and (len(phrase.split()) < 2 or not _holds_any(segment, ",;:")
                                                  or _is_empty(phrase.split()[0]) and not COUNT_OPENER.match(phrase)) \
            and not (COUNT_OPENER.match(phrase) and _JOINED_COUNT.search(segment)):
        # `8 ngân hàng niêm yết đã tăng 11,8%`, `0,27 điểm xuống 81,73 điểm`: the words since
        # the previous figure name nothing new; the caller keeps the previous metric (not `và số ca tử vong là`:
        # a new counted set, `_from_joined_count`)
        return None
    out = _tidy(_after_and(_compared_value(phrase, segment), segment))
    if out and (bare := without_pronoun(out)) != out:
        out = _tidy(bare)   # (only what `_tidy` kept: a clause it drops stays dropped)
    if out and (subject := _nominalized_subject(out)):
        out = subject
    return out or REJECTED


_COMPARED_WITH = tuple(f" {w} " for w in _M["compared_with"])
_AND_SHARED = engines.compile(r"(?<!\w)" + patternbook.alternation(_M["and_shared_predicate"]) + r"(?!\w)", regex.I)
_AND_PAIRS = frozenset(w for p in _M["and_pairs"] for w in str(p).lower().split())
_AND_JOINERS = tuple(f" {str(w).lower()} " for w in _M["list_joiners"])


def _after_and(phrase: str, segment: str) -> str:
    """`kinh doanh thời trang và khối tài sản của anh`, `thị trường tiếp tục tăng điểm và chỉ số vn-index`: `và` then a
    metric noun, after words that name none, joins a new clause (its subject) to the one before, no part of it: the
    phrase starts after `và` (after a verb of holding there: `và sở hữu khối tài sản`). Not `doanh thu và lợi nhuận`
    (a metric noun before: one listed phrase), nor `và` inside a name (a capitalized word before it in the text:
    `Bộ Kế hoạch và đầu tư`), nor two subjects of one predicate (`A và B đều có giá`), nor a pair of opposites
    (metrics.yaml and_pairs: `chênh lệch giữa mua vào và bán ra`)."""
    i, joiner = max((phrase.rfind(j), j) for j in _AND_JOINERS)   # (the last joiner: `và`, metrics.yaml list_joiners)
    if i < 0:
        return phrase
    before, rest = phrase[:i], phrase[i + len(joiner):]
    r = reader()
    if not r.head_at(rest) or has_head(before) or _AND_SHARED.search(rest):
        return phrase
    words = rest.split()
    if words[0] in _AND_PAIRS and before.split()[-1] in _AND_PAIRS:
        return phrase
    j = segment.lower().rfind(joiner + words[0])
    lead = segment[:j].split()[-2:] if j > 0 else []
    if lead and lead[-1].isalpha() and any(w[:1].isupper() for w in lead) or segment.endswith("  ", 0, max(j, 0)):
        # `Bộ Kế hoạch và đầu tư`, `Thương mại và xuất nhập khẩu Viettel`: a name's words (or a name the caller
        # blanked, its lower-case words after `và` left)
        return phrase
    held = r.holding_verb.match(" " + rest, 1)
    if held is not None and r.head_at(rest, held.end() - 1):
        return rest[held.end() - 1:]   # `và sở hữu khối tài sản` -> `khối tài sản`: what is held
    return rest



def _compared_value(phrase: str, segment: str) -> str:
    """`cải thiện đáng kể so với mức lỗ 45 tỷ đồng`: a figure right after the compared phrase is its value,
    so that phrase is the metric; not when words come between (`tỷ lệ cho vay so với huy động ở mức 73,5%`)."""
    for link in _COMPARED_WITH:
        i = phrase.rfind(link)
        if i < 0:
            continue
        rest = phrase[i + len(link):]
        if reader().head_at(rest) and segment.rstrip().lower().endswith(rest.split()[-1]):
            return rest
    return phrase


_LENDING = engines.compile(r"(?<!\w)(" + patternbook.alternation([_M["lending_lead"]]) + r")\s+\S+(?:\s+\S+){0,5}?\s+("
                         + patternbook.alternation(_M["lending_verbs"]) + r")$", regex.I)


def _lent(piece: str) -> str:
    """`Ngân hàng Thế giới cho Việt Nam vay` -> `cho vay`: what is measured is the sum lent, not the borrower."""
    if " " + _M["lending_lead"] + " " not in f" {piece.lower()}":
        return piece
    m = _LENDING.search(piece.rstrip())
    return piece if m is None else f"{m.group(1)} {m.group(2)}"


_NAME_RUN = regex.compile(r"(?<![\w.&-])\p{Lu}[\w.&-]*(?:\s+\p{Lu}[\w.&-]*)*")
_ACTOR_VERB = engines.compile(r"(?:\s+" + patternbook.alternation(_M["actor_adverbs"]) + r")*\s+"
                            + patternbook.alternation(_M["actor_verbs"]) + r"(?!\w)", regex.I)
_LOWER_WORDS = regex.compile(r"\s+\p{Ll}[\p{Ll}\s]*")
_ACTOR_GATE = _Gate(_ACTOR_VERB)


def _actor(piece: str) -> str | None:
    """`Toyota Việt Nam giảm giá`, `Alibaba rót`, `PSG đã chi`: a name the organization finder did not know (so not
    blanked) opening the clause, then a verb by which an actor spends, invests, trades or seizes (metrics.yaml
    `actor_verbs`, after `actor_adverbs`) and only lowercase words: the name is the clause's actor, no part of what
    is measured. Its words (lowercase, as `phrase_of` writes them), or None. Not a capitalised first word that is a
    Vietnamese syllable (`Doanh nghiệp này lỗ`: sentence case), a run holding a metric noun (`Mỹ Linh
    Giá bán`: a caption run into the sentence) nor a name inside a noun phrase (`cánh đồng Gò Chụp`)."""
    if piece.islower() or not piece.strip():
        return None   # (most pieces hold no capital at all)
    if not _ACTOR_GATE.may(piece):
        return None   # no actor verb anywhere (one automaton pass instead of the scan for names)
    last = None
    for last in _NAME_RUN.finditer(piece, None, None, False, False):
        pass
    lead = piece[:last.start()].strip(" ,.:;-–(\"“") if last is not None else ""
    if last is None or not _LOWER_WORDS.fullmatch(piece, last.end(), None, False) or lead and lead.lower() not in _PLACE_WORDS:
        return None   # (`huyện Phù Mỹ trồng`: a place word before the name is the name's)
    words = last.group(0).split()
    if len(words) == 1 and org_mentions.is_syllable(words[0]):
        return None
    verb = _ACTOR_VERB.match(piece, last.end())
    if verb is None or has_head(last.group(0)):
        return None   # (`Vốn FDI đầu tư`: the name holds a metric noun; it is what is measured)
    said, after = verb.group(0).split(), piece[verb.end():].split(None, 1)
    if _model_named(words) and _PRODUCT_VERB.search(verb.group(0)):
        return None   # `Honda SH giảm giá`, `Vivo V3 Max giảm giá`: a model is the thing priced or sold, no actor
    if after and joins(said[-1], after[0]) and not (len(said) > 1 and joins(said[-2], said[-1])):
        return None   # `HNX-Index thu hẹp`: a one-syllable verb that is the first syllable of a longer word
    return " ".join(([lead] if lead else []) + words).lower()


_PLACE_WORDS = frozenset(str(w).lower() for w in _M["actor_place_words"])
# (session 23) A metric that is only a verb (`tốn`, `tặng`, `bán ra`): the verbs of the lists by which a figure is spent,
# earned, traded, held, given or done (patterns/metrics.yaml `act_verbs` and the verb lists it names).
_BARE_VERBS = frozenset(str(w).lower() for k in _M["act_verb_lists"] for w in _M[k] if isinstance(w, str)) \
    | frozenset(str(w).lower() for w in _M["act_verbs"])


_CLAUSE_LEAD = engines.compile(r"^(?:" + patternbook.alternation(_M["clause_words"]) + r")\s+", regex.I)
_MONEY_ACTS = frozenset(str(w).lower() for k in _M["money_act_lists"] for w in _M[k] if isinstance(w, str))


def bare_verb(metric: str | None, money: bool = False) -> bool:
    """True when the metric is a verb alone, no noun (`tốn`, `trao tặng`): it names the act on its own object. With
    `money`, not a verb by which money is spent, earned or traded (`chi`, `nhận`, `bán`): that verb measures the amount
    after another figure too (`chi 3,2 triệu nhân dân tệ (460.000 USD)`, `nhận 20 lần, tổng cộng 40 triệu đồng`)."""
    if not metric:
        return False
    m = _CLAUSE_LEAD.sub("", metric.lower())   # `sẽ tung ra`, `đã tốn`: the aspect words before the verb
    return m in _BARE_VERBS and not (money and m in _MONEY_ACTS)


class _Phrases(tuple):
    """Word tuples, longest first, and one set of them per length (`by_length`, longest first): which length of
    them a list of words ends or opens with is one lookup per length, not a comparison per phrase."""

    def __new__(cls, phrases):
        self = super().__new__(cls, sorted(phrases, key=len, reverse=True))
        lengths = sorted({len(p) for p in self}, reverse=True)
        self.by_length = tuple((n, frozenset(p for p in self if len(p) == n)) for n in lengths)
        return self


def _starts_with(words: list, phrases: _Phrases) -> int:
    """The length of the first of `phrases` (longest first) that `words` open with (or are); 0 for none."""
    return next((k for k, ps in phrases.by_length if tuple(words[:k]) in ps), 0) if words else 0


def _word_phrases(words) -> _Phrases:
    return _Phrases({tuple(str(w).lower().split()) for w in words})


_PRONOUNS = _word_phrases(_M["subject_pronouns"])
_FOLLOWERS = _word_phrases(_M["subject_followers"])
_VERB_WORDS = _word_phrases(_BARE_VERBS)
_NOMINALIZERS = _word_phrases(_M["clause_nominalizers"])


def _nominalized_subject(phrase: str) -> str | None:
    """`việc vn-index được đỡ` -> `vn-index`, `việc bitcoin tăng một mạch` -> `bitcoin`: a nominalised clause
    (metrics.yaml `clause_nominalizers`) whose subject is followed by a clause word or a verb of change names its
    subject; None when no predicate follows a subject (`việc giảm thuế`) or the word is part of a noun (`việc làm`)."""
    words = phrase.split()
    n = _starts_with(words, _NOMINALIZERS)
    if not n or len(words) < n + 2 or joins(words[n - 1], words[n]):
        return None
    rest = " ".join(words[n:])
    r = reader()
    cuts = [m.start() for m in (r.clause_word.search(rest), r.verb.search(rest))
            if m is not None and m.start() > 0]
    if not cuts:
        return None
    at = min(cuts)
    subject = rest[:at].strip()
    if not subject or _is_empty(subject.split()[0]) or joins(subject.split()[-1], rest[at:].split()[0]):
        return None   # (`và cả mức lương`: no subject; `đối với`: one word, no predicate)
    if (key := metric_key(phrase)) is not None and metric_key(subject) != key:
        return None   # `việc dự thảo tăng thuế ...`: the key is in the predicate; the subject alone loses what is measured
    return subject


def without_pronoun(phrase: str | None) -> str | None:
    """`anh còn chu cấp` -> None, `bạn hãy lấy ít rượu ...` -> `lấy ít rượu ...`: a personal pronoun opening the words
    before a figure, then nothing, a follower (an auxiliary or adverb) or an act verb, is the clause's subject, never
    the metric (metrics.yaml `subject_pronouns`, `subject_followers`); a verb left alone names nothing (None). A pronoun then a noun (`anh em`, `bà con`, `cô gái`) is kept."""
    if not phrase:
        return phrase
    if ", " in phrase:
        last = phrase.rsplit(", ", 1)[1]
        # `mùa giải, cô` + `cao 172 cm`: the pronoun opens the figure's clause, the words before are another
        return phrase if without_pronoun(last) == last else None
    words = phrase.lower().split()
    n = _starts_with(words, _PRONOUNS)
    if not n:
        return phrase
    rest = words[n:]
    if rest and (not _starts_with(rest, _FOLLOWERS) and not _starts_with(rest, _VERB_WORDS) or joins(words[n - 1], rest[0])):
        return phrase   # (`cô lập`: one word, no pronoun)
    while rest and (f := _starts_with(rest, _FOLLOWERS)):
        rest = rest[f:]
    out = " ".join(rest)
    if not rest or tuple(rest) in _VERB_WORDS or len(rest) == 1 or len(rest) == 2 and joins(*rest) and not has_head(out):
        return None   # a verb alone (`chu cấp`, `vay`): no object names what the figure measures
    return out


_PRODUCT_VERB = engines.compile(r"(?<!\w)" + patternbook.alternation(_M["product_verbs"]) + r"$", regex.I)
_MODEL_CODE = regex.compile(r"\w*\d\w*|\p{Lu}{1,3}")


def _model_named(words: list) -> bool:
    """A brand then a model code (a word holding a digit, or one to three capitals: `Honda SH`, `Vivo V3 Max`,
    `iPhone 12`): a product's name, not a firm's (`Toyota Việt Nam`); a run opening in capitals (`PV GAS`) is a
    firm's acronym."""
    return len(words) > 1 and not words[0].isupper() and any(_MODEL_CODE.fullmatch(w, None, None, False) for w in words[1:])


def _without_actor(phrase: str | None, actor: str | None) -> str | None:
    """`phrase` without the actor's name opening it (`_actor`): `psg đã chi` -> `đã chi`."""
    if phrase and actor and phrase.startswith(actor + " "):
        return phrase[len(actor) + 1:]
    return phrase


def _listed_in(s: str, before: str, last: str, said: str) -> bool:
    """`doanh thu dịch vụ lưu trú, ăn uống trên địa bàn`: a last comma-piece `last` that names no metric
    noun continues the piece before it when both are bare noun phrases and that one opens with a metric
    noun (no figure, no cue verb, no clause word; not an empty word such as `tổng cộng`), so the comma lists
    the modifiers of one metric, not two clauses. `said`: the last piece with its cue words (`đo lường ... với`, `có mục đích`:
    a link word there opens a predicate of its own)."""
    r = reader()
    if has_head(last) or not r.head_at(before) or len(before.split()) > 8 or _ANY_DIGIT.search(before) \
            or _is_empty(before) or _holds_any(before + said, '"“”') or r.link.search(said + " ") \
            or any(r.verb.search(p) or r.clause_word.search(p) or r.marker.search(p + " ") or r.link.search(p + " ")
                   for p in (before, last)):
        return False
    at = s.rfind(last)
    return at > 0 and s[:at].rstrip().endswith(",")


# the words between two figures are often the same few (`, tăng `, ` và `): cached, as the answer
# is a function of the segment alone (4 in 10 short segments come back; longer ones almost never)
_short_before = functools.lru_cache(maxsize=4096)(_metric_before)


def ticker_moved(segment: str) -> str | None:
    """`NVL tăng 2,3%`: a ticker alone before its move is the share price of that company
    (`cổ phiếu nvl`); a currency code or a metric (`USD`, `GDP`) is no ticker. `segment`: the
    words before the figure with organization names kept (a known ticker is a name)."""
    tail = segment[-40:]
    if _TICKER_LIKE.search(tail) is None:
        return None   # no three capitals in a row: the move pattern cannot match (a precheck 10x cheaper)
    r = reader()
    m = r.ticker_move.search(tail, None, None, False)
    if m is None:
        return None
    t = m.group("t").lower()
    if t in r.not_tickers or r.key_is(t) or has_head(t):
        return None
    return f"{r.ticker_metric} {t}"


_TICKER_LIKE = re.compile(r"[A-Z][A-Z0-9]{2}")   # what `ticker_move`'s ticker group needs (case-sensitive)


def is_ticker_metric(metric: str) -> bool:
    """`cổ phiếu nvl`: the metric `ticker_moved` gives a share price (it names no counted thing)."""
    r = reader()   # (the form opens with the metric word and has three characters after it and a space)
    return len(metric) == len(r.ticker_metric) + 4 and metric.startswith(r.ticker_metric) \
        and r.ticker_metric_form.fullmatch(metric) is not None


@functools.lru_cache(maxsize=8192)
def phrase_of(out: str, after_figure: bool = False, place: bool = False, glued: bool = False) -> str | None:
    """A piece of text as a metric phrase: after its last clause marker, without leading
    connectives and subjects, at most 12 words; None when only empty words are left.
    `place`: the words right before a figure, where a place opening the phrase is an adverbial
    (`_after_place`; `REJECTED` when it names nothing else). `glued`: the words run on from the
    figure before with no punctuation (`5.000 kWh điện với số tiền`): its noun, then a link of this figure's own."""
    r = reader()
    if after_figure:
        out = _from_joined_count(out)
    out = _after_last_marker(out)
    linked = _after_link(out, after_figure, glued)
    if linked is not out:
        out = linked.strip()   # opens with a metric noun (`có mức tăng trưởng`): nothing to strip
    else:
        out = _lstrip(r.leading, out)
        first = out.split(None, 1)
        if after_figure and first and _is_empty(first[0]) and not has_head(out) and not COUNT_OPENER.match(out):
            return None   # `, đã niêm yết`: see metric_before; not `, số học sinh THCS là`: the number of others
        out = _lstrip(r.junk_lead, out)
        # (no first-literal test before these two: with concurrent=False a failing match costs less than `_opens`)
        out = _lstrip(r.connectives, out)
        out = _lstrip(r.subjects, out)
        if _opens(out, r.pronoun_firsts) and has_head(bare := _lstrip(r.pronouns, out)):
            out = bare
    words = out.split()
    if not words or _is_empty(out):
        return None
    if len(words) > 12:
        h = _first(r.keys, r.key_only, out)
        if h and h[0] < len(out) // 2:
            lead = out[:h[0]].split()
            start = h[0] if not lead or not joins(lead[-1], out[h[0]:h[1]].split()[0]) else out.rfind(lead[-1], 0, h[0])
            words = out[start:].split()[:12]   # `đấu giá`, not `giá`
        else:
            i = len(words) - 12
            words = words[i - 1:] if joins(words[i - 1], words[i]) else words[i:]   # `phụ thuộc`, not `thuộc`
    while words and not (words[-1][-1].isalpha() or _WORD_CHAR.search(words[-1])):   # (a letter is a word character)
        words.pop()   # `dịp lễ -` once the dates are out
    phrase = " ".join(words).lower()
    if len(words) > 1 and phrase.split(None, 1)[0] in _TIME_OPENERS:
        phrase = _after_time(phrase)
    if place and r.locative.match(phrase):
        phrase = _after_place(" ".join(words))
        if not phrase:
            return REJECTED
    q = None
    if _ANY_DIGIT.search(phrase):   # each of its branches holds a digit
        product = _PRODUCT_END.search(phrase)
        if product is not None:
            # `độ phân giải 1.170 x` + `2.532 pixel`: the first factor of a product the figure ends (or the first of
            # two alternatives, `ram 12 hoặc` + `16GB`, or a range's or change's start, `phạt tiền từ 500.000`); the
            # words before it name the measure (metrics.yaml `product_signs`, `alternative_words`, `range_start_words`)
            return _strip_trailing(phrase[:product.start()]).strip() or None   # (`giảm từ 8 xuống`: the verb goes too)
        for q in r.quantity_in.finditer(phrase, None, None, False, False):
            pass
    if q is not None:
        # another figure inside the phrase: it is a fragment; what follows that figure may name the metric
        rest = _lstrip(r.leading, phrase[q.end():].strip(" -–,/"))
        return rest if rest and has_head(rest) else None
    return phrase or None


_PRODUCT_END = engines.compile(r"(?:(?<![\w.,])\d+(?:[.,]\d+)*\s+(?:" + patternbook.choice(_M["product_signs"]) + r"|"
                             + patternbook.choice(_M["alternative_words"]) + r")(?:\s+|$))+$|\s"
                             + patternbook.choice(_M["range_start_words"]) + r"\s+\d+(?:[.,]\d+)*(?:\s+"
                             + patternbook.choice(_M["range_start_directions"]) + r")?$", regex.I)   # (`500x`: a name)


def _from_joined_count(out: str) -> str:
    """`11.761 trường hợp và số ca tử vong là`, `..., trong khi số người xuất viện tăng lên`: after a figure, a count
    opener (`số`, `tổng số`) after a conjunction (metrics.yaml `count_opener_joiners`) names another counted set, the
    subject of a new clause: the phrase starts there, not with the figure before's words."""
    low = out.lower()
    if not any(w in low for w in _OPENER_LAST_WORDS):
        return out   # (every count opener ends on one of these)
    joined = None
    for joined in _JOINED_COUNT.finditer(out):
        pass
    return out if joined is None else out[joined.end():]


_TIME_OPENERS = frozenset(str(w).lower() for w in patternbook.load("counts")["not_counted"]["time_units"]
                          + _M["time_openers"])


def _after_time(phrase: str) -> str:
    """`ngày thường giá cá lóc`, `[mỗi] ngày [ngân hàng] lãi`, `dịp nghỉ lễ lượng khách`: a phrase opening with a
    noun of time (counts.yaml `time_units`, metrics.yaml `time_openers`) left from a frame or a per word is an
    adverbial up to its first metric noun; unchanged when it names none or the noun is a syllable of a longer word."""
    r = reader()
    first = phrase.split(None, 1)[0]
    h = _first(r.heads, r.head, phrase) if has_head(phrase[len(first):]) else None
    if not h or h[0] <= len(first):
        return phrase
    if phrase[h[0]:h[1]] in r.value_words:
        return phrase[len(first):].strip()   # `ngày khởi công dự án trị giá`: the thing valued is before its value word
    lead = phrase[:h[0]].split()
    if joins(lead[-1], phrase[h[0]:h[1]].split()[0]):
        return phrase   # (`giảm giá`: a metric noun inside a word)
    if r.clause_word.match(phrase, h[1] + 1):
        return phrase   # `ngày nhà đầu tư sẽ được hoàn trả`: the noun is the subject of a clause, not what is measured
    return phrase[h[0]:]


def _after_place(words: str) -> str:
    """`Tại đại hội năm trước giá cổ phiếu` -> `giá cổ phiếu`: a phrase opening with a preposition of place
    (metrics.yaml `locative_openers`) is an adverbial up to its first metric noun, not one inside a name
    (`trên phố Lương Ngọc Quyến`); the place is the thing valued before a value word (`tại biệt thự trị giá`
    -> `biệt thự trị giá`); empty when it holds none (`trên chấm`, `tại TP.HCM`), unless it names a size
    (kept for `dimension`). `words`: the phrase as written (its capitals tell names); the answer is lowercase."""
    r = reader()
    phrase = words.lower()
    h = _first(r.heads, r.head, phrase) if has_head(phrase) else None
    if h and not words[h[0]].isupper():
        if phrase[h[0]:h[1]] in r.value_words:
            return r.locative.sub("", phrase, count=1).strip()
        lead = phrase[:h[0]].split()
        if lead and joins(lead[-1], phrase[h[0]:h[1]].split()[0]):
            return phrase   # `giảm giá`: a metric noun inside a word; the phrase is read as before
        return phrase[h[0]:]
    return phrase if _sized(phrase) else REJECTED


def clipped(words: list, limit: int) -> list:
    """The first `limit` of `words`, without a last word that is the first syllable of a word the cut splits
    (`vốn điều lệ của một ngân hàng thương` for `... thương mại`): a phrase never ends inside a word."""
    if len(words) <= limit:
        return words
    keep = words[:limit]
    if len(keep) > 1 and joins(keep[-1], words[limit]) and not joins(keep[-2], keep[-1]):   # (`ngân hàng nhà nước`)
        return keep[:-1]
    return keep


def _inside_word(lead: list, words: list, rest: list) -> bool:
    """A matched run of syllables `words` (a verb, an auxiliary) whose first syllable ends a word begun in `lead` or
    whose last begins one `rest` goes on with (`thiết bị`, `tăng trưởng`, `dự tính`): part of that word, no match."""
    return bool(lead) and joins(lead[-1], words[0]) or bool(rest) and joins(words[-1], rest[0])


def joins(a: str, b: str) -> bool:
    """`tăng` + `trưởng`: two syllables that are one word (Viet74K), so no phrase starts between them."""
    return f"{a} {b}".lower() in lexicon.compounds()


def _firsts(rx) -> tuple:
    """The literals (lower case) every match of the `^`-anchored, case-blind `rx` opens with (`patternbook.firsts`), and
    the characters case-blind matching takes for theirs but `str.lower` folds otherwise (`ſ`, `İ`); None when not known."""
    found = patternbook.firsts(rx.pattern, rx.flags)
    if not found or patternbook.DIGIT in found or "" in found or max(map(len, found)) > _OPEN_WIDTH:
        return None
    return tuple(sorted(found)), patternbook.odd_cases(found)


_OPEN_WIDTH = 6


def _opens(s: str, firsts: tuple | None) -> bool:
    """False only when a pattern whose matches open with one of `firsts` (`_firsts`) cannot match at the start of `s`:
    `s` lower-cased opens with none (exact: a character folding otherwise in its first letters makes it True). A
    failing `regex` match costs more than this test."""
    if firsts is None:
        return True
    head = s[:_OPEN_WIDTH]
    for o in firsts[1]:
        if o in head:
            return True
    return head.lower().startswith(firsts[0])


def _lstrip(rx, out: str) -> str:
    """`out` without the words `rx` matches at its start, unless the last of them is the first
    syllable of the next word (`tăng trưởng`, `phụ thuộc`): a phrase never starts inside a word."""
    m = rx.match(out)
    if m is None:
        return out.strip()
    gone, rest = out[:m.end()].rsplit(None, 2), out[m.end():].split(None, 1)   # (only gone[-2:], rest[0] are read)
    r = reader()
    if len(gone) >= 2 and joins(gone[-2], gone[-1]):
        return out[m.end():].strip()   # `ban đầu quân ta`: the stripped words are a word of their own, not `đầu quân`
    if gone and rest and joins(gone[-1], rest[0]) and not r.head_at(out, m.end() + 1) \
            and not r.strippable.fullmatch(f"{gone[-1]} {rest[0]}"):   # not `có lợi nhuận`, `như vậy`
        return out[out.rfind(gone[-1], 0, m.end()):].strip()
    return out[m.end():].strip()


def _subject(piece: str) -> str:
    """The words of a clause before its first verb of change or level (`cổ phiếu HQC tăng mạnh` -> `cổ phiếu HQC`)."""
    r = reader()
    for m in r.verb.finditer(piece):
        if m.start() > 0 and not _is_empty(piece[:m.start()]):
            return piece[:m.start()]
    return piece


def _names_metric_after_first(piece: str) -> bool:
    """`Chỉ tiêu xuất khẩu ... với kim ngạch`: a piece opening with a plan word is still a
    subject when a metric noun follows; `so với cùng kỳ` is only a comparison."""
    m = reader().comparison.match(piece)
    head = _FIRST_TWO_WORDS.match(piece)
    return bool(m and head and not piece.lower().lstrip(" ,(").startswith("so")
                and reader().key_only.search(piece, head.end()))


_FIRST_TWO_WORDS = engines.compile(r"[\s,(]*\w+(?:\s+\w+)?")


_SPACE_RUN = engines.compile(r"  +")


def _squeezed(s: str):
    """`s` with each run of spaces one space, and a map from its positions to those of `s`
    (a position past the end maps past the end); None unless the space is the only blank of `s`.
    The phrase automata (`PhraseSet`) read a text with blanked names this way, not the regex."""
    if not s.isprintable():
        return None
    at, removed, n = [], [], 0
    for m in _SPACE_RUN.finditer(s):
        at.append(m.start() + 1 - n)   # its position just after the kept space
        n += m.end() - m.start() - 1
        removed.append(n)

    def orig(i: int) -> int:
        k = bisect.bisect_right(at, i)
        return i + removed[k - 1] if k else i
    return _SPACE_RUN.sub(" ", s), orig


def _first(phrases: PhraseSet, rx, s: str):
    """`rx.search(s)`'s span (None: no match) for `rx` the regex of `phrases`: by automaton (`first`),
    also for a text whose blank runs are spaces (blanked names), read squeezed and mapped back."""
    h = phrases.first(s)
    if h is False and "  " in s:
        sq = _squeezed(s)
        if sq is not None:
            h = phrases.first(sq[0])
            if h:
                h = (sq[1](h[0]), sq[1](h[1] - 1) + 1)   # (a phrase starts and ends on a letter)
    if h is False:
        h = rx.search(s)
        h = h and h.span()
    return h


def _after_last_marker(out: str) -> str:
    """`Chỉ tiêu xuất khẩu vượt kế hoạch với kim ngạch`: after a clause marker (`với`, `đã`,
    `khi`...) when the words after it hold a metric noun, the subject starts there."""
    r = reader()
    spans = r.markers.before_blanks(out)
    if spans is None and "  " in out:
        sq = _squeezed(out)
        if sq is not None:
            spans = r.markers.before_blanks(sq[0])   # (each marker's blank run is read whole, as `\s+` does)
            spans = spans and [(sq[1](a), sq[1](b)) for a, b in spans]
    if spans is None:
        spans = [m.span() for m in r.marker.finditer(out)] if r.marker_gate.may(out) else []
    for _, end in reversed(spans):
        rest = out[end:]
        if has_head(rest):
            return rest
    return out


def _after_link(out: str, after_figure: bool = False, glued: bool = False) -> str:
    """`ngôi trường có diện tích rộng`, `hack với mức phí trọn gói`: after a link word (`có`, `với`)
    that opens a metric noun, when the words before it name none (`trả cổ tức với tỷ lệ` stays).
    `với` only as metrics.yaml `with_links` says (not a comparison, a list piece or after a name)."""
    r = reader()
    if not r.link_may(out):
        return out
    for m in reversed(list(r.link.finditer(out))):
        # `với giá` is always the price something is sold or bought at: neither a list piece's words nor
        # a name before it keep the clause (`2 quả dưa được bán với giá`, `Xiaomi giới thiệu ... với mức giá`)
        said = " ".join(out[m.end():].split()).lower()
        price = said in r.priced_prices
        # `5.000 kWh điện với số tiền`: glued to the figure before, `với` opens this figure's own measure, unless
        # that is a value word (`thỏa thuận với trị giá`: the value of the thing before, `value_of_thing`) or the
        # words before name a metric noun
        own = glued and not _opens_value_word(said) \
            and not has_head(out[:m.start()]) and not _is_empty(said)   # (`126 dự án FDI với tổng vốn`: the key
        # before frames it; `với mức trung bình`: no noun of its own)
        if m.group(0).split()[0].lower() in r.with_links and (
                (after_figure and not own and not _fragment_with(out, m) or _name_ends(out, m.start())) and not price
                or r.with_not_after.search(out, 0, m.start()) or r.with_not_before.match(out, m.end())):
            continue
        at = r.link_heads.at(out, m.end())
        # (a price after `với` is the figure's metric whatever the words before name: `một số đại lý bán ra với mức
        # giá`, `cổ đông hiện hữu với giá`: the seller, the buyer, the sale are no part of the price; not after `có`:
        # `xăng e5 có giá bán`, `giá vé ở trận đấu có giá` name the priced thing before it)
        sold_at = price and m.group(0).split()[0].lower() in r.with_links
        if (at if at is not None else r.link_head.match(out, m.end())) and (
                sold_at or not has_head(out[:m.start()]) or _with_other_metric(out[:m.start()], out[m.end():], m)):
            rest = out[m.end():]
            if rest.strip().lower() in r.bare_measures and m.group(0).split()[0].lower() not in r.with_links:
                owner = _measure_owner(out[:m.start()])
                if owner:
                    return f"{rest.strip()} {owner}"   # `màn hình của máy có kích thước` -> `kích thước màn hình của máy`
            return rest
    return out


_VALUE_END_OPENERS = tuple(f"{' '.join(str(w).lower().split())} " for w in _M["value_end_words"])


def _fragment_with(out: str, link) -> bool:
    """`41 dự án nước ngoài với số vốn`, `trình các chỉ tiêu cơ bản cho với tổng tài sản`: after a figure, words that
    name no metric noun then `với` and a metric noun: the measure `với` links is this figure's, the words before it are
    what the figure before counts or a clause fragment (not `, với mức tăng tại châu Âu`: nothing before `với`, a list
    piece whose metric is carried; nor a level word alone, `với mức trung bình`, nor a value word, `được thỏa thuận với
    tổng trị giá`, `tài trợ với số tiền`, which `value_of_thing` and the money verbs read)."""
    before, said = out[:link.start()], " ".join(out[link.end():].split()).lower()
    return not _is_empty(before) and not has_head(before) and reader().head_at(out, link.end()) \
        and not _is_empty(said) and not _opens_value_word(said) and not f"{said} ".startswith(_VALUE_END_OPENERS)


def _with_other_metric(before: str, rest: str, link) -> bool:
    """`kết quả kinh doanh khá tích cực với doanh thu thuần`, `bán ra với mức giảm giá`: after `với`, a noun phrase
    with a metric key of its own, other than the key of the words before, is what the figure measures; the clause
    before only frames it. Not a bare measure noun with no key (`trả cổ tức với tỷ lệ`: the words before say what
    the rate is of) nor a value word (`xuất khẩu gạo với giá trị`: the value of what is named before)."""
    r = reader()
    if link.group(0).split()[0].lower() not in r.with_links or r.with_other_not_after.search(before):
        return False
    said = " ".join(rest.split()).lower()
    key = metric_key(said)
    return key is not None and not _opens_value_word(said) and key != metric_key(before.lower())


def _opens_value_word(said: str) -> bool:
    """`said` (lower-cased) is or opens with a value word (metrics.yaml `value_words`: `trị giá`, `giá trị`)."""
    return value_word_opening(said) is not None


def value_word_opening(said: str) -> str | None:
    """The value word `said` (lower-cased) is or opens with, the longest when several do; else None."""
    return max((w for w in reader().value_words if said == w or said.startswith(w + " ")), key=len, default=None)


def _measure_owner(before: str) -> str | None:
    """`màn hình của máy (cũng) có kích thước`: the words before `có` and a bare measured size name what
    is measured when they are a short noun phrase, as for a bare price (metrics.yaml `priced_words`,
    `priced_adverbs`): no clause word, clause marker, link, metric noun or figure (`tàu đã có`, `để ... có`)."""
    r = reader()
    words = r.priced_end.sub("", before, 0, None, None, False).strip()
    if not words or r.clause_word.search(words) or r.marker.search(f" {words} ") \
            or words.rsplit(None, 1)[-1].lower() in r.list_joiners:
        # `Để trục vớt con tàu có`, `Khi trưởng thành gấu có`: a clause before, not what is measured; `... năm
        # ánh sáng và có`: a second predicate of a subject named before
        return None
    owner = phrase_of(words)
    if not owner or len(owner.split()) > r.priced_words or has_head(owner) or r.marker.search(f" {owner} ") \
            or r.link.search(owner + " ") or _ANY_DIGIT.search(owner):
        return None
    return owner


_LAST_WORD_NAMED = regex.compile(r"\s\p{Lu}\S*[\s)]*$")   # the last word capitalised (not the first): a name ends there


def _name_ends(out: str, end: int) -> bool:
    """`dự án ... Hòa Khánh với diện tích`: a name (not the first word) right before `với` owns the measure after it,
    and the words before keep it; a name further back is the subject of a clause whose verb comes between
    (`trường ... Hà Nội ngày càng gia tăng với tổng số học sinh`, `... Mặt trời và quay quanh quỹ đạo với khoảng cách`):
    the clause only frames the measure."""
    return bool(_LAST_WORD_NAMED.search(out, 0, end, False))


_LOWER_WORD = regex.compile(r"\s+\p{Ll}")       # a lowercase word next


def _before_first(rx, s: str) -> str:
    """`rx.split(s)[0]` for a pattern that never matches empty: one search, not a split of all of `s`. `rx`: a compiled
    `regex` pattern (called with concurrent=False positionally; an `Anchored`/`Prefiltered` would raise TypeError)."""
    m = rx.search(s)
    return s if m is None else s[:m.start()]


_MEASURE_AFTER_FIRSTS = frozenset(str(w).split()[0].lower() for w in _M["measure_after_verbs"])
_MEASURE_AFTER_RE = engines.compile(r"^\s*" + patternbook.alternation(_M["measure_after_verbs"]) + r"(?!\w)", regex.I)


def opens_predicate(after: str) -> bool:
    """The words after a measure open with a verb that takes an object (metrics.yaml measure_after_verbs: `sở hữu`,
    `hỗ trợ`): `đại đô thị có quy mô 280 ha sở hữu vị trí vàng`, `camera 8MP hỗ trợ đèn flash`: the figure closes the
    subject, the verb opens its predicate; what follows names no material the measure is of."""
    first = after[:12].split(None, 1)
    if not first or first[0].lower() not in _MEASURE_AFTER_FIRSTS:
        return False   # (the cheap test: most measures are followed by other words)
    return _MEASURE_AFTER_RE.match(after) is not None


def metric_after(after: str, source: bool = False, money: bool = False, measure: bool = False) -> str | None:
    """`2.040 tỷ đồng lợi nhuận gộp`: a vocabulary phrase right after the figure. `source`:
    also `dành 600 triệu từ Quỹ lương` (for a figure whose words before name nothing); `money`: also
    `5.000 đồng tiền lãi` (an amount followed by `tiền` and what it is for)."""
    r = reader()
    lead = after.lstrip()
    about = (_SOURCE if source else _ABOUT).match(lead)   # `tăng 32% về doanh thu` (anchored: one try, as `sub`)
    stripped = lead[about.end():] if about is not None else lead
    m = tables()[1].match(stripped)   # anchored: the regex fails at once, no shortcut pays
    if source and not m and about is not None:
        # `được dùng để bổ sung vốn đầu tư`: a purpose whose first words hold a metric noun
        m = r.key_in(" ".join(stripped.split()[:4]))
    after = stripped
    if not m and money:
        m = r.money_noun.match(after)   # `5.000 đồng tiền lãi`: what the money is, any noun
        if m and not _LOWER_WORD.match(after, m.end(), None, False):
            return None
        if m:
            after = _before_first(r.money_noun_stop, after)
    if not m or r.wholes.match(after):
        return None   # `55% GDP`: a whole, not the metric (see `choose`)
    if measure and opens_predicate(after):
        return None   # `quy mô 280 ha sở hữu vị trí vàng`: the verb of the clause the measure's phrase is subject of
    rest = _before_first(r.after_end, after)
    rest = r.before_time(rest)
    rest = r.empty_tail.sub("", " ".join(clipped(rest.split(), 8)), 0, None, None, False)   # `LNTT lũy kế 5 tháng`
    return rest.strip().lower() or None





_TIDY_LEAD_VERB, _TIDY_INNER_VERB, _TIDY_MONEY_VERB, _TIDY_CLAUSE_WORD, _TIDY_CONNECTOR, _TIDY_ADVERB, _TIDY_OBJECT_VERB, \
    _TIDY_HOLDING_VERB = (1 << i for i in range(8))


# `số`, `tổng số` + a noun (metrics.yaml `count_noun_openers`): the number of those, whatever clause restricts them
# (also metric_compose's test of what a count names)
COUNT_OPENER = engines.compile(r"^" + patternbook.alternation(_M["count_noun_openers"]) + r"\s", regex.I)
_OPENER_LAST_WORDS = tuple(sorted({str(o).split()[-1].lower() for o in _M["count_noun_openers"]}))
_JOINED_COUNT = engines.compile(r"(?<!\w)" + patternbook.alternation(_M["count_opener_joiners"]) + r"\s+(?="
                              + patternbook.alternation(_M["count_noun_openers"]) + r"\s)", regex.I)


@functools.lru_cache(maxsize=8192)
def _tidy(metric: str | None) -> str | None:
    """None for a clause fragment before a figure: a phrase that names no metric noun but holds
    a subject and an auxiliary (`ông đã sắp xếp`, `đội bóng có thể nhận`). Not for the noun
    after a share (`60% căn hộ đã có người mua`) nor a bare verb phrase (`sẽ phát hành`).
    Cached: the same phrases come back."""
    if not metric:
        return metric
    if any(w in metric for w in _BREAK_FIRSTS):
        metric = _before_break(metric)
        if not metric:
            return metric
    r = reader()
    gates = r.tidy_gates.mask(metric, _fold(metric))   # (of `metric` as it is: made again when it is cut)
    if not r.head_at(metric):
        if gates & _TIDY_LEAD_VERB and r.lead_verb.match(metric):
            h = _first(r.heads, r.head, metric)
            if h:
                return metric[h[0]:]   # `ghi nhận tổng mức giảm` -> `tổng mức giảm`
        for v in r.inner_verb.finditer(metric) if gates & _TIDY_INNER_VERB else ():
            if r.head_at(metric, v.end()):
                return metric[v.end():]   # `hóa đơn của quán thể hiện giá tôm hùm` -> `giá tôm hùm`
        for v in r.holding_verb.finditer(metric) if gates & _TIDY_HOLDING_VERB else ():
            lead, verb, rest = metric[:v.start()].split(), v.group(0).split(), metric[v.end():].split()
            if r.head_at(metric, v.end()) and not has_head(metric[:v.start()]) and not _inside_word(lead, verb, rest):
                return metric[v.end():]   # `tỷ phú sở hữu khối tài sản` -> `khối tài sản`: the subject is its owner
        at = None
        for v in r.level_link.finditer(metric) if " ở " in metric else ():
            lead, link, rest = metric[:v.start()].split(), v.group(0).split(), metric[v.end():].split()
            h = _first(r.heads, r.head, metric[v.end():]) if r.head_at(metric, v.end()) else None
            named = rest[1:] if rest[0] in _LEVEL_WORDS else rest
            while named and named[-1] in _LEVEL_NOT_MODIFIERS:
                named = named[:-1]
            if h and h[0] == 0 and len(named) >= 3 and not _inside_word(lead, link, rest) \
                    and not _inside_word([], metric[v.end():][:h[1]].split(), metric[v.end():][h[1]:].split()):
                at = v.end()   # (a noun with a word of its own after it; not a head that is a syllable: `quỹ đạo`)
        if at is not None and not has_head(metric[:at].rsplit(" ở ", 1)[0]):
            return metric[at:]   # `rao ở giá khởi điểm` -> `giá khởi điểm`: the noun after `ở` is measured
        for v in r.money_verb_inner.finditer(metric) if gates & _TIDY_MONEY_VERB else ():
            lead, verb, rest = metric[:v.start()].split(), v.group(0).split(), metric[v.end():].split()
            if lead and joins(lead[-1], verb[0]) or rest and joins(verb[-1], rest[0]):
                continue   # `ghi nhận`, `chi phí`: a syllable of a longer word
            if r.head_at(metric, v.end()) and not has_head(metric[:v.start()]):
                key = metric_key(metric)
                if key is not None and key != metric_key(metric[v.end():]):
                    if key == metric_key(metric[v.start():]):
                        return metric[v.start():]   # `ông ủng hộ quỹ vì người nghèo`: the verb keeps the key
                    continue   # `cơ cấu chi đầu tư phát triển`: the verb is part of a longer metric noun
                return metric[v.end():]   # `nữ diễn viên nhận mức thù lao` -> `mức thù lao`: what is received
        obj = _object_of_verb(metric) if gates & _TIDY_OBJECT_VERB else None
        if obj:
            return obj   # `thị trường ghi nhận giá bitcoin` -> `giá bitcoin`: what the verb takes is measured
        aux = None
        for aux in r.clause_word.finditer(metric) if gates & _TIDY_CLAUSE_WORD else ():
            pass
        if aux is not None:
            rest = metric[aux.end():]
            h = _first(r.heads, r.head, rest) if has_head(rest) else None
            lead = rest[:h[0]].split() if h else None
            if h and not (lead and joins(lead[-1], rest[h[0]:h[1]].split()[0])):
                # `ruột hàu được làm sạch cũng hạ về mức giá` -> `mức giá`: a subject, an auxiliary and a
                # verb before the metric noun are a clause, no part of it
                return _tidy(rest[h[0]:].strip())
        at = _predicate_after_head(metric)
        if at is not None:
            metric = metric[:at].rstrip()   # `lượng du khách đến đảo cũng tăng đột biến` -> `lượng du khách đến đảo`
            gates = r.tidy_gates.mask(metric, _fold(metric))
    else:
        cut = r.clause_cut.search(metric)
        if cut is not None:
            metric = metric[:cut.start()]   # `phí dịch vụ đã điều chỉnh` -> `phí dịch vụ`
        verb = _change_predicate(metric, last=True)
        if verb is not None:
            metric = metric[:verb]   # `giá tại hà nội tăng mỗi chiều` -> `giá tại hà nội`
        if cut is not None or verb is not None:
            gates = r.tidy_gates.mask(metric, _fold(metric))
    size = _MEASURE_END.search(metric) if metric and metric[-1:].isalpha() and r.measure_end_may(metric) else None
    if size is not None and not _names_more_than_having(metric[:size.start()]):
        return size.group(0)   # `tàu ngầm có thể bị chìm ở độ sâu` -> `độ sâu`: the clause before is no part of it
    stake = r.stake_end.search(metric) if metric and r.stake_end_may(metric) else None
    if stake is not None and not has_head(metric[:stake.start()]) \
            and not joins(metric[:stake.start()].split()[-1], metric[stake.start():].split()[0]):   # not `đóng góp`
        return metric[stake.start():].strip()   # `kylie jenner sở hữu` -> `sở hữu`
    if not metric:
        return metric
    if has_head(metric):
        return _money_verb(metric)   # (`bầu đức đã chi`: `đã chi` is the metric noun)
    counted = COUNT_OPENER.match(metric) is not None   # `số` + a noun: the clause after it says which are counted
    if gates & _TIDY_CONNECTOR and r.clause_connector.search(metric) and not _sized(metric) \
            and not (counted and not r.clause_connector.fullmatch(metric.rsplit(None, 1)[-1])):
        # `vô cùng bức xúc khi`: the words span a clause boundary and name no metric noun; not after `số` + a noun
        # (`số bệnh nhân phải nhập viện vì đột quỵ`: the connector's clause says which are counted), unless the
        # connector ends it (`số cơ hội mà` + `hai đội`: the figure opens the connector's clause)
        return None
    for adv in r.predicate_adverb.finditer(metric) if gates & _TIDY_ADVERB else ():
        lead, rest = metric[:adv.start()].split(), metric[adv.end():].split()
        if (lead and joins(lead[-1], adv.group(0).split()[0])) or (rest and joins(adv.group(0).split()[-1], rest[0])):
            continue   # `chứng chỉ`, `chỉ số`: a syllable of a longer word
        said = _money_verb(metric)
        if said is not metric or _sized(metric):
            return said
        if len(lead) > 3:
            # `điểm % đóng góp vào nền kinh tế chỉ còn`: a subject with its modifiers is a noun phrase; the predicate goes
            return metric[:adv.start()].strip()
        return None   # `anh chỉ mua gói 3`, `tottenham chỉ cầm bóng`: a short subject and its predicate
    for aux in r.clause_word.finditer(metric) if gates & _TIDY_CLAUSE_WORD else ():
        lead, rest = metric[:aux.start()].split(), metric[aux.end():].split()
        if _inside_word(lead, aux.group(0).split(), rest):
            continue   # `thiết bị`, `đều đặn`: a syllable of a longer word
        if len(lead) > 3 and len(rest) > 1 and not _sized(metric) and _money_verb(metric) is metric:
            after = metric[aux.end():].lstrip()
            if r.verb.match(after):
                # `camera selfie của x10 cũng giảm xuống`: the subject of a verb of change or level is what moves
                return metric[:aux.start()].strip()
            if not (r.link.search(after + " ") or r.lead_verb.match(after + " ")
                    or r.link.match(metric, metric.rfind(lead[-1], 0, aux.start()))):   # `có được`
                # a long subject, an auxiliary and a verb phrase (not one verb: `nông dân ... đang trồng` joins
                # its material), no metric noun, nothing possessed or reached (`sẽ có tùy chọn bộ nhớ`, `có được
                # khối gia tài`): a clause before the figure that names nothing (`kỳ vọng ấn độ sẽ hồi phục`);
                # shorter subjects: below
                return metric if counted else None
        break
    if len(metric.split()) > 7:
        return _money_verb(metric)
    aux = r.clause_word.search(metric) if gates & _TIDY_CLAUSE_WORD else None
    # a short subject, then the auxiliary: a noun with a relative clause (`căn nhà ở xã hội đã được
    # khách hàng đặt mua`) or an activity and its material are longer
    if aux and 1 <= len(metric[:aux.start()].split()) <= 3 and not counted:
        # (not after `số` + a noun: `số người được tiêm vắc xin`, the clause says which are counted)
        return None
    return _money_verb(metric)


_BREAK = engines.compile(r"(?<=\s)" + patternbook.alternation(_M["clause_break_connectors"]) + r"(?!\w)", regex.I)
_BREAK_FIRSTS = tuple({" " + str(w).split()[0].lower() for w in _M["clause_break_connectors"]})
_BREAK_NOT_AFTER = frozenset(str(w).lower() for w in _M["clause_break_not_after"])
_BREAK_NOT_BEFORE = frozenset(str(w).lower() for w in _M["clause_break_not_before"])
_BREAK_TOPIC = frozenset(str(w).lower() for w in _M["clause_break_topics"])


def _before_break(metric: str) -> str:
    """`vốn nước ngoài thì cần rất nhiều`, `kích thước nhưng có mật độ điểm ảnh`, `tốc độ thay vì`, `du khách đến chùa
    quá đông nên tuyến đường lên chùa`: a connector of two clauses (metrics.yaml clause_break_connectors) with no
    metric noun after it: the words after it are the next clause's, no part of the metric; the words before a
    topic connector (`thì`, `thay vì`: clause_break_topics) are the metric when they name a metric noun; else the
    phrase names nothing (""). Unchanged when a metric noun
    follows the connector (the clause-marker rules read it), after `số` + a noun (the clause says which are counted)
    or inside a word (`tạo nên`)."""
    last = None
    for m in _BREAK.finditer(metric):
        lead, tail = metric[:m.start()].split(), metric[m.end():].split()
        if lead and (lead[-1].lower() in _BREAK_NOT_AFTER or joins(lead[-1], m.group(0).split()[0])) \
                or tail and tail[0].lower() in _BREAK_NOT_BEFORE:
            continue
        last = m
    if last is None:
        return metric
    rest = metric[last.end():]
    if has_head(rest) or _names_measure(rest) or COUNT_OPENER.match(metric) \
            or not _dimensions().any_adjective.isdisjoint(rest.lower().split()) or _dimensions().distance.search(rest):
        return metric   # (`... khiến chiếc xe bị đẩy đi một đoạn dài`, `thì cách đó`: a size the dimension rules read)
    before = metric[:last.start()].strip()
    if " ".join(last.group(0).lower().split()) not in _BREAK_TOPIC:
        return ""   # `nên`, `khiến`: the words before are a cause, never the figure's
    # `thì`, `thay vì`, `nhưng`: a topic, the thing compared or contrasted
    return before if before and (has_head(before) or _names_measure(before)) else ""


def _names_measure(s: str) -> bool:
    """`s` holds a measure noun (metrics.yaml measure_heads: `chiều dài`, `độ sâu`) or a metric head."""
    r = reader()
    found = r.link_heads.found(s)
    return found if found is not None else r.link_head.search(s) is not None


def _names_more_than_having(s: str) -> bool:
    """`s` names a metric noun other than a verb of holding (metrics.yaml `stake_verbs`): `bà sinh năm 1936 và sở
    hữu chiều cao` has its height, what a person or a product `sở hữu` is a feature, the size measured."""
    spans = reader().heads.spans(s) if has_head(s) else None
    if not spans:
        return has_head(s)
    return any(" ".join(s[a:b].lower().split()) not in _STAKE_VERBS for a, b in spans)


_STAKE_VERBS = frozenset(" ".join(str(w).lower().split()) for w in _M["stake_verbs"])


def _predicate_after_head(metric: str) -> int | None:
    """Where the predicate of a subject holding a metric noun but not opening with one starts (`lượng du khách đăng ký
    ... cũng tăng đột biến`, `du khách ... bất ngờ tăng`): a clause word of metrics.yaml `clause_cut_words` followed
    (after other clause words: `cũng đã phải nới`) by a verb of change or level (cues.yaml `change`, `level_verbs`; not
    an auxiliary such as `được`), or a verb of change (`_change_predicate`, here also the last word: the figure is its
    complement; not after a list joiner, `mở rộng quy mô và tăng đàn`: a second verb phrase), when the words before
    it name a metric noun and the words from it name none. Not before another verb: `số thuế đã nộp`, `vốn điều lệ
    đã góp` are relative clauses naming the measured thing, `chủ nợ đã xóa` names its actor. None when there is none."""
    if not has_head(metric):
        return None
    r = reader()
    at = None
    cut = r.clause_cut.search(metric)   # (the first clause marker only)
    if cut is not None:
        after = cut.end()
        while (more := r.clause_word.match(metric, after)) is not None and metric[more.end():more.end() + 1].isspace():
            after = more.end() + 1
        verb = r.verb.match(metric, after)
        if verb is not None and not r.clause_word.fullmatch(verb.group(0)) and not _inside_word(
                metric[:after].split(), verb.group(0).split(), metric[verb.end():].split()):
            at = cut.start()
    if at is None:
        at = _change_predicate(metric, last=True)
        if at is not None and metric[:at].split()[-1:] and metric[:at].split()[-1].lower() in r.list_joiners:
            at = None
    if at is None or not has_head(metric[:at]) or has_head(metric[at:]):
        return None
    return at


def _change_predicate(metric: str, last: bool = False) -> int | None:
    """Where a verb of change that is the predicate of the metric noun opening `metric` starts (metrics.yaml
    `predicate_change_verbs`), None when there is none: the verb is followed by more words and is no syllable of a
    word (`tăng trưởng`, `giảm giá`, `tăng cường`), part of a growth noun (`mức tăng`, `tỷ lệ giảm`), made a noun
    by the word before (`việc tăng vốn`), nor followed by a metric noun, its object (`vấn đề tăng vốn điều lệ`).
    `last`: the verb may also end the phrase (`giá vé tại đảo bất ngờ tăng`: the figure is its complement)."""
    r = reader()
    for v in r.change_cut.finditer(metric + " " if last else metric):   # (`last`: a verb ending the phrase too)
        start = v.start() + 1
        lead, rest = metric[:start].split(), metric[v.end():].split()
        word = v.group(0).split()
        if not rest and not last or _inside_word(lead, word, rest) \
                or r.change_not.match(metric, start) or r.growth_noun.search(metric[:v.end()].rstrip(), None, None, False) \
                or r.nominalized.search(metric, 0, v.start()) or r.head_at(metric, v.end()):
            continue
        return v.start()
    return None


def _object_of_verb(metric: str) -> str | None:
    """The noun phrase after the last verb of metrics.yaml `object_verbs` in `metric` (`realme 8 pro tích hợp
    cảm biến` -> `cảm biến`, `kết hợp cùng bộ nhớ ram` -> `bộ nhớ ram`): the verb's object is what the figure
    measures. None when the verb is a syllable of a longer word (`dự tính`), the words before it name a metric
    noun (`lượng sử dụng nhiên liệu`) or what follows is no bare noun phrase (a clause word, a link: `mang lại cho`)."""
    r = reader()
    for v in reversed(list(r.object_verb.finditer(metric))):
        lead, verb, rest = metric[:v.start()].split(), v.group(0).split(), metric[v.end():].split()
        if not rest or _inside_word(lead, verb, rest):
            continue
        if has_head(metric[:v.start()]) or r.nominalized.search(metric, 0, v.start()):
            return None   # `giá robusta lấy lại ngưỡng`, `lượng sử dụng nhiên liệu`: the noun before is what is measured
        obj = " ".join(rest)
        if _is_empty(rest[0]) or r.clause_word.search(obj) or r.marker.search(f" {obj} ") or r.link.search(obj + " "):
            return None
        return obj
    return None


def _money_verb(metric: str) -> str:
    """A phrase naming no metric noun that ends with a verb of spending or receiving (metrics.yaml `money_verbs`)
    after its subject: the verb, not the subject's name."""
    r = reader()
    verb = r.money_verb_end.search(metric, None, None, False) if metric and r.money_verb_end_may(metric) else None
    if verb is not None and not has_head(metric[:verb.start()]) \
            and not joins(metric[:verb.start()].split()[-1], metric[verb.start():].split()[0]):   # not `tiếp nhận`
        said = metric[verb.start():].strip()   # `kim huệ và các vđv trên chỉ nhận` -> `nhận`
        key = metric_key(metric)
        if key is not None and metric_key(said) != key:
            # `bầu đức đã chi` -> `đã chi`: the fewest words before the verb that keep the phrase's key
            lead = metric[:verb.start()].split()
            for n in (1, 2):
                if len(lead) >= n and metric_key(" ".join(lead[-n:] + [said])) == key:
                    return " ".join(lead[-n:] + [said])
            return metric
        return said
    return metric


def _sized(s: str) -> bool:
    """`s` names a size `dimension` reads (a measured size, a dimension adjective at its end, a distance
    word): such a clause is kept for it (`trăn ... khi thấy con trăn dài` -> `chiều dài`)."""
    return names_size(s) or _dimensions().distance.search(s) is not None


def _measured_tail(s: str) -> bool:
    """`s` ends with a measured size (metrics.yaml `measure_heads`) that is no part of a longer word
    (`tốc độ cao` is a high speed, not `độ cao`)."""
    m = _MEASURE_TAIL.search(s)
    if m is None:
        return False
    before = s[:m.start()].split()
    return not before or not joins(before[-1], m.group(0).split()[0])


_MEASURE_TAIL = engines.compile(r"(?:^|(?<=[\s,]))" + patternbook.alternation(patternbook.load("metrics")["measure_heads"])
                               + r"[\s,]*$", regex.I)
def _size_named(phrase: str) -> str | None:
    """`phrase` from the first measured size it holds (metrics.yaml `measure_heads`) that starts a word; else None."""
    size = _MEASURE_IN.search(phrase)
    if size is None or size.start() and joins(phrase[:size.start()].split()[-1], size.group(0).split()[0]):
        return None
    return " ".join(phrase[size.start():].split())


_MEASURE_IN = engines.compile(r"(?:^|(?<=\s))" + patternbook.alternation(patternbook.load("metrics")["measure_heads"]), regex.I)
_MEASURE_END = engines.compile(r"(?<=\s)" + patternbook.alternation(patternbook.load("metrics")["measure_heads"]) + r"$", regex.I)


@functools.lru_cache(maxsize=8192)
def metric_key(metric: str | None, skip: frozenset = frozenset()) -> str | None:
    """The canonical key of a metric phrase (cached: phrases repeat across figures); the phrases of the keys in
    `skip` are passed over (figure_key: a person's key on an amount of money)."""
    if not metric:
        return None
    _, vocab_re, key_of = tables()
    best = None
    spans = reader().keys.spans(metric)   # (no span: no key; one automaton pass, not `key_in` then `spans`)
    if spans is None:
        if not reader().key_in(metric):
            return None
        spans = [m.span() for m in vocab_re.finditer(metric)]
    if spans:
        spans = _in_head(metric, _outside_false_compounds(metric, spans))
    if skip:
        spans = [(a, b) for a, b in spans if key_of.get(" ".join(metric[a:b].lower().split())) not in skip]
    for a, b in spans:
        if best is None or b - a > len(best):
            best = metric[a:b]
    key = key_of.get(" ".join(best.lower().split())) if best else None
    if key in _LOSS_KEYS:   # `VN-Index thiệt hại 40 điểm`: the index fell, the loss is no measure of its own
        first = key_of.get(" ".join(metric[spans[0][0]:spans[0][1]].lower().split()))
        if first in _MOVING_KEYS:
            return first
    return key


_FALSE_COMPOUND = engines.compile(r"(?<!\w)" + patternbook.alternation(patternbook.load("metrics")["key_false_compounds"])
                                + r"(?!\w)", regex.I)


_MODIFIER_LINK = engines.compile(r"(?<!\w)" + patternbook.alternation(patternbook.load("metrics")["key_modifier_links"])
                               + r"(?!\w)", regex.I)


def _in_head(metric: str, spans: list) -> list:
    """The key spans before the first modifier link (metrics.yaml key_modifier_links: `của`, `cho`, `từ`) that stands
    outside every key span, when one is there: the phrase's head names what is measured, not its modifier
    (`tiền lương bình quân của người lao động`); all of them otherwise."""
    if len(spans) < 2:
        return spans
    for m in _MODIFIER_LINK.finditer(metric, spans[0][1]):
        a = m.start()
        if any(s <= a < e for s, e in spans):
            continue   # `dư nợ cho vay`: the link is a key's own word
        if m.group(0).lower() in _MODIFIER_VERBS and _gives_measure(metric, m.end(), spans):
            continue   # `máy xăng cho công suất`: the verb of giving
        head = [(s, e) for s, e in spans if e <= a]
        return head or spans
    return spans


_LEVEL_WORDS = frozenset(str(w).lower() for w in patternbook.load("metrics")["level_link_nouns"])
_LEVEL_NOT_MODIFIERS = frozenset(str(w).lower() for w in patternbook.load("metrics")["level_link_not_modifiers"])
_LOSS_KEYS = frozenset(str(k) for k in patternbook.load("metrics")["loss_keys"])
_MOVING_KEYS = frozenset(str(k) for k in patternbook.load("metrics")["moving_keys"])
_MODIFIER_VERBS = frozenset(str(w).lower() for w in patternbook.load("metrics")["key_modifier_verbs"])
_AGENT_KEYS = frozenset(str(k) for k in patternbook.load("metrics")["agent_count_keys"])


def _gives_measure(metric: str, end: int, spans) -> bool:
    """A key's words other than persons' (metrics.yaml agent_count_keys) open right after `end` (one blank)."""
    _, _, key_of = tables()
    return any(s == end + 1 and key_of.get(" ".join(metric[s:e].lower().split())) not in _AGENT_KEYS for s, e in spans)


def _outside_false_compounds(metric: str, spans) -> list:
    """The key spans of `metric` not inside a word that only holds a key's word as a syllable (metrics.yaml
    key_false_compounds: `đánh giá`, `lỗ hổng`, `đá phạt`)."""
    cuts = [m.span() for m in _FALSE_COMPOUND.finditer(metric)]
    if not cuts:
        return list(spans)
    return [(a, b) for a, b in spans if not any(a < d and c < b for c, d in cuts)]


def count_key(metric: str | None, quote: str = "") -> str | None:
    """The key of a count's metric: a key of an amount of money (metrics.yaml money_keys) names no number of things;
    on a count it is the volume it counts (`doanh số 30.000 xe`: units sold, `count_keys`) or none. A count whose
    figure ends with a money word (`mức giá lần lượt là 41 triệu`: the currency left unsaid) is money: its key stays."""
    key = metric_key(metric)
    if key not in _MONEY_KEYS or quote.split()[-1:] and quote.split()[-1].lower() in _MONEY_WORDS:
        return key
    return _COUNT_KEYS.get(key)


def person_only(metric: str | None, cls: str | None) -> bool:
    """An amount of money or a measure whose phrase is only the people who act (`Khách hàng còn được giảm thêm 1 triệu
    đồng` -> `khách hàng`; a phrase of agent_count_keys): the clause's subject, no name of what is measured."""
    return bool(metric) and cls in _NOT_PERSONS_CLASSES and tables()[2].get(metric.lower()) in _AGENT_KEYS


def figure_key(metric: str | None, unit: str, change: str | None, cls: str | None = None) -> str | None:
    """The key of a figure's metric: a percentage level of the charter capital is a stake
    (`bán 49% vốn điều lệ tại FE Credit`), not the capital (metrics.yaml `percent_of_keys`); a phrase that is a
    bare verb of spending (`Chelsea đã chi`, the actor blanked and `đã` dropped) is spending (`verb_alone_keys`); a
    good's bare name keys its price only for money or a change in percent (`goods_price_keys`)."""
    spent = SPENT_ON.match(metric) if metric else None
    spent = spent and (metric_key(spent.group(1)) or _VERB_ALONE.get(spent.group(1).lower()))
    if spent and not (cls == "measure" and spent in _MEASURE_NEVER):   # `chi cho tiền điện nước`: spending, whatever the words spent on name (`cho vay`)
        return spent
    key = metric_key(metric) or (_VERB_ALONE.get(metric) if metric else None)
    if key in _AGENT_KEYS and cls in _NOT_PERSONS_CLASSES:
        # `người dùng được giảm thêm 1 triệu đồng`, `khách hàng chọn bản 512 GB`: the person is the clause's actor,
        # never what an amount of money or a measure is; a key of the phrase's other words may still name it
        key = metric_key(metric, _AGENT_KEYS)
    if cls == "measure" and key in _MEASURE_NEVER:
        # `hỗ trợ tần số quét 120 Hz`, `sở hữu ... 280 ha`: a verb's or a modifier's key; another key word may name it
        key = metric_key(metric, _MEASURE_NEVER | _AGENT_KEYS)
    if cls == "money":
        key = _VALUE_OF_VOLUME.get(key, key)   # `khối lượng khớp lệnh ... 0,45 tỷ đồng`: the value traded
    if key in _GOODS_PRICE_KEYS and unit not in _MONEY_UNITS and not (unit == "%" and change) \
            and _GOODS_PRICE_WORD not in metric.split():
        return None   # `8.353 lít xăng`, `500 tấn dầu`, `60% xăng dầu`: the good itself, not its price
    if unit == "%" and not change:
        if key in _AMOUNT_KEYS and _RATE_OPENER.match(metric):
            return None   # `tỷ lệ lao động qua đào tạo`, `tỷ lệ ủng hộ`: a rate, not the amount the word after keys
        if key in _APPROVAL_KEYS and any(f" {w} " in f" {metric} " for w in _APPROVAL_WORDS):
            return None   # `37% người trưởng thành ủng hộ cách tiếp cận`: a share who back something, no gift
        return _PERCENT_OF.get(key, key)
    return key


_PERCENT_OF = {str(k): str(v) for k, v in patternbook.load("metrics")["percent_of_keys"].items()}
_APPROVAL_KEYS = frozenset(str(k) for k in _M["approval_keys"])
_APPROVAL_WORDS = tuple(str(w).lower() for w in _M["approval_words"])
_MONEY_KEYS = frozenset(str(k) for k in _M["money_keys"])
_COUNT_KEYS = {str(k): str(v) for k, v in _M["count_keys"].items()}
# (a price key stays: a measure keyed so has read the money figure's words, and loses them, extract)
_MEASURE_NEVER = (_MONEY_KEYS | frozenset(str(k) for k in _M["measure_never_keys"])) \
    - frozenset(str(k) for k in _M["price_keys"] + _M["goods_price_keys"] + _M["measure_money_keys"])
_VALUE_OF_VOLUME = {str(k): str(v) for k, v in _M["volume_value_keys"].items()}
_MONEY_WORDS = frozenset(str(w).lower() for w in _M["money_words"])
_NOT_PERSONS_CLASSES = frozenset(str(c) for c in _M["not_person_key_classes"])
_AMOUNT_KEYS = frozenset(str(k) for k in _M["rate_amount_keys"])
_RATE_OPENER = engines.compile(r"^" + patternbook.alternation(_M["rate_openers"]) + r"\s", regex.I)
_GOODS_PRICE_KEYS = frozenset(str(k) for k in _M["goods_price_keys"])
_GOODS_PRICE_WORD = str(_M["goods_price_word"])
_MONEY_UNITS = frozenset(str(u) for u in patternbook.load("units")["money"])
_VERB_ALONE = {str(k): str(v) for k, v in _M["verb_alone_keys"].items()}
# a verb of spending, a link and what is spent on (metrics.yaml `spend_verbs`, `spend_links`; metric_compose.spent_on)
SPENT_ON = engines.compile(r"^(" + patternbook.alternation(_M["spend_verbs"]) + r")\s+"
                         + patternbook.alternation(_M["spend_links"] + _M["spend_uses"]) + r"\s+\S", regex.I)


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


class _Dimensions:
    """metrics.yaml's dimensions, read once: the kind of each unit, the adjectives naming a dimension by kind,
    the distance words (and their first words, a cheap test), the measured sizes, how a distance is written."""

    def __init__(self):
        m = patternbook.load("metrics")
        self.kind_of = {str(u): kind for kind, units in m["dimension_units"].items() for u in units}
        self.adjectives = {kind: {str(k).lower(): str(v) for k, v in table.items()}
                           for kind, table in m["dimension_adjectives"].items()}
        self.distance = engines.compile(r"(?<!\w)" + patternbook.alternation(m["distance_words"]) + r"(?!\w)", regex.I)
        self.distance_firsts = tuple({str(w).split()[0].lower() for w in m["distance_words"]})
        self.measure_in = engines.compile(patternbook.alternation(m["measure_heads"]), regex.I)
        self.distance_metric, self.link = str(m["distance_metric"]), str(m["distance_link"])
        self.place_words = int(m["distance_place_words"])
        self.not_after = {str(w).lower() for w in m["dimension_not_after"]}
        self.any_adjective = frozenset(a for table in self.adjectives.values() for a in table)
        self.size_kind = {kind: engines.compile(r"(?<!\w)" + patternbook.alternation(words) + r"(?!\w)", regex.I)
                          for kind, words in m["dimension_nouns"].items()}
        self.size_kind_of = dict(self.kind_of)
        self.size_kind_of.update({str(u): kind for kind, units in m["dimension_units_more"].items() for u in units})
        self.unit_cut = engines.compile(r"\s*" + patternbook.alternation(m["dimension_unit_cut"]) + r"(?!\w)", regex.I)
        self.sides_before = engines.compile(r"(?<!\w)" + patternbook.alternation(m["dimension_sides_before"]) + r"\s*$", regex.I)
        self.label_before = engines.compile("(?:" + "|".join((r"(?<!\w)" if str(w)[:1].isalpha() else "") + regex.escape(str(w))
                                                           for w in m["dimension_label_links"]) + r")\s*$", regex.I)


@functools.lru_cache(maxsize=1)
def _dimensions() -> _Dimensions:
    return _Dimensions()


@functools.lru_cache(maxsize=4096)
def dimension(metric: str | None, unit: str, per: str = "") -> str | None:
    """The metric of a measure whose phrase is a clause naming no measured thing: `b61-12 dài` in metres ->
    `chiều dài` (metrics.yaml `dimension_adjectives`, by the kind of `unit`), `ở vị trí cách đảo bali` in km
    -> `khoảng cách đến đảo bali` (`distance_words`). A phrase holding a metric noun or a measured size is kept."""
    if not metric:
        return metric
    d = _dimensions()
    kind = d.kind_of.get(unit)
    if kind is None or per:   # (`0-100 km/h` is a speed)
        return metric
    words = metric.split()
    last = words[-1].lower()
    table = d.adjectives.get(kind, {})
    near = kind == "length" and any(w in metric for w in d.distance_firsts)
    if last not in table and not near:   # (the precheck: most phrases end otherwise)
        return metric
    if has_head(metric) or d.measure_in.search(metric, metric.rfind(",") + 1):
        return metric   # (a measured size in a comma-piece before is another's: `kích thước lớn bất thường, dài`)
    if last in table and (len(words) < 2 or not joins(words[-2], words[-1]) and words[-2].lower() not in d.not_after):
        return table[last]   # (not `kéo dài`, `chiều sâu`, `trên cao`)
    if not near:
        return metric
    for m in d.distance.finditer(metric):
        lead = metric[:m.start()].split()
        rest = metric[m.end():].split()
        first = m.group(0).split()[0]
        if lead and joins(lead[-1], first) or rest and joins(first, rest[0]):
            continue   # `phong cách`, `cách thức`
        place = " ".join([w for w in rest if _WORD_CHAR.search(w)][:d.place_words]).strip(" ,")
        return f"{d.distance_metric} {d.link} {place}" if place else d.distance_metric
    return metric


_CLAUSE_MARK = engines.compile(r"[,;.!?]")


def other_dimension(metric: str | None, unit: str, per: str = "", after: str = "", before: str = "") -> bool:
    """`metric` names a size of another dimension than `unit`'s (`độ sâu` for 100m2, `chiều cao ... và nặng` for
    40kg: metrics.yaml `dimension_nouns`): not this figure's metric. Not when the unit read is cut short (`after`
    opens with `dimension_unit_cut`: `1496 cm3`), nor for a side of an area (`30 x 40 cm`) or the writer's own label in
    the clause right before (`before`: `thể tích máu: 1.300g`)."""
    if not metric or per:
        return False
    d = _dimensions()
    kind = d.size_kind_of.get(unit)
    if kind is None or d.unit_cut.match(after) or d.sides_before.search(before):
        return False
    clause = _CLAUSE_MARK.split(before)[-1]
    if d.label_before.search(clause) and any(
            rx.search(clause) for rx in d.size_kind.values()):
        return False
    if d.size_kind[kind].search(metric):
        return False   # (it names a size of the unit's kind too)
    return any(rx.search(metric) for k, rx in d.size_kind.items() if k != kind)


def owned_size(metric: str) -> bool:
    """`dung tích cốp đựng đồ`: a bare measured size and the noun phrase it is of (`_measure_owner`)."""
    first = _dimensions().measure_in.match(metric)
    return first is not None and first.end() < len(metric) and metric[first.end()].isspace() \
        and not joins(first.group(0).split()[-1], metric[first.end():].split()[0])


def names_size(metric: str, adjective_only: bool = False) -> bool:
    """The phrase names a measured size: a dimension adjective at its end (`bãi biển dài`) or (unless
    `adjective_only`) a measure head in it (`độ cao`, `trọng lượng`)."""
    d = _dimensions()
    last = metric.rsplit(None, 1)[-1].lower() if metric.strip() else ""
    head = d.measure_in.search(metric) is not None
    return not adjective_only and head or last in d.any_adjective and not head   # (`độ sâu` is a head, no adjective)


def dimension_between(segment: str, unit: str, per: str = "") -> str | None:
    """`Tàu dài 342 m, rộng 78,4 m`: the words between a measure and the figure before it in its
    sentence that are only the adjective of a dimension (with a list joiner, a comma or a bound word)
    name this figure's dimension (`chiều rộng`), not the one the figure before carries; else None."""
    if len(segment) > 40 or per:
        return None
    d = _dimensions()
    table = d.adjectives.get(d.kind_of.get(unit), {})
    words = [w for w in _strip_trailing(segment).replace(",", " ").split() if w.lower() not in _list_joiners()]
    if not words:   # `, cao 1.475 mm`: `cao` is also a trailing adverb (`tăng cao`), stripped above; read as written
        words = [w for w in segment.replace(",", " ").split() if w.lower() not in _list_joiners()]
        if len(words) > 1 and _strip_trailing(" ".join(words[1:])).strip():
            return None
        words = words[:1]
    return table.get(words[0].lower()) if len(words) == 1 else None


@functools.lru_cache(maxsize=1)
def _list_joiners() -> frozenset:
    return frozenset(str(w).lower() for w in patternbook.load("metrics")["list_joiners"])
