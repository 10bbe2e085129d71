"""Find organization mentions: an open grammar over Vietnamese word structure.

A mention is an org-type word (`Công ty`, `Sở`, `Ngân hàng TMCP`, `HTX`...)
followed by a proper part; the proper part ends where Vietnamese word
structure says the name ends (see `patterns/organizations.yaml`), never inside
a word: a capitalised syllable takes the lowercase syllables that complete a
dictionary word (`Y tế`, `Tàu thủy`), lowercase domain words stand inside only
as a bridge to a later capital (`Công ty xổ số điện toán Việt Nam`), and a
person's name, a title or the next clause ends it. Brands and tickers that act
as organizations (`PNJ tung ra`, `cổ phiếu HQC`) are mentions too.
"""
from __future__ import annotations

import bisect
import functools
import re
import string
import unicodedata
from dataclasses import dataclass

import ahocorasick
import regex

from . import engines
from . import designators, lexicon, patternbook
from .designators import DESIGNATOR as _DESIGNATOR, TOKEN as _TOKEN, designator, token_at as _token_at
from .text import memo_of
from .provinces import district_names, province_names, province_regex
from .text import shadow


@dataclass
class Mention:
    start: int
    end: int
    surface: str
    org: "object | None" = None
    generic: bool = False
    kind: str = "typed"   # typed, known, brand, alias, generic
    pointer: bool = False   # `mã này`, `cổ phiếu này` (org_linking `_stock_pointers`): its words stay the metric's


_LOWER_UPPER = regex.compile(r"\p{Ll}\p{Lu}")
_CAP_BEFORE = regex.compile(r"(\p{Lu}[\w]*)[ \t]+$", regex.REVERSE)
_BARE_TINH = regex.compile(r"[ \t]+tỉnh(?![\w])(?![ \t]+\p{Lu})")
_PREV_TOKEN = regex.compile(r"(\S+)[ \t]+$", regex.REVERSE)
# (a call on a `regex.compile` pattern given False after its string, pos and endpos: concurrent=False, the GIL note in
# `designators`; those of `engines.compile` take the calls both engines share)


def _prev_token(s: str):
    """`_PREV_TOKEN.search(s)`'s word, read with str methods: the run of non-blanks before the blanks
    (spaces, tabs) that end `s`, else None. `str.isspace` is the regex `\\s` but for \\x1c-\\x1f; with one
    of those, or a final line break (where `$` also stands before it), the pattern reads it."""
    if s[-1:] == "\n" or "\x1c" in s or "\x1d" in s or "\x1e" in s or "\x1f" in s:
        m = _PREV_TOKEN.search(s, None, None, False)
        return m.group(1) if m else None
    t = s.rstrip(" \t")
    if len(t) == len(s) or not t or t[-1].isspace():
        return None
    return t.rsplit(None, 1)[-1]


def _at_end(rx, s: str):
    """`rx.search(s)` for a REVERSE pattern ending on `$`: anchored at the end of `s`, the one place `$`
    stands unless `s` ends on a line break (then `$` stands before it too, and the search is kept)."""
    return rx.search(s, None, None, False) if s[-1:] == "\n" else rx.match(s, None, None, False)
_HAS_UPPER = regex.compile(r"\p{Lu}")
_HAS_LOWER = regex.compile(r"\p{Ll}")
_PUNCT_END = engines.compile(r"[,.;:()\"“”]$")
_LINE_START = engines.compile(r"(?:^|\n)(?:\d{1,2}\.|[-–•+])?[ \t]*$")
_LABEL_COLON = engines.compile(r":\s*\d")


class Spans:
    """Character spans already taken by a mention: `pos in spans` in O(log n) (bisect), not a scan."""

    def __init__(self, spans=()):
        self.starts, self.ends = [], []
        for a, b in spans:
            self.add(a, b)

    def add(self, a: int, b: int) -> None:
        i = bisect.bisect_left(self.starts, a)
        self.starts.insert(i, a)
        self.ends.insert(i, b)
        self._max = None

    def __contains__(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos)
        # spans may nest: look back over the 7 that start last at or before pos (all start there)
        return i > 0 and max(self.ends[i - 7 if i > 7 else 0:i]) > pos


class Scan:
    """`patternbook.Prefiltered` (the same matches, in the same order), its pattern tried only where one of
    the document's org phrases begins (`_phrase_starts`: type words, generic words and known names found
    at once; a superset of this pattern's own phrases)."""

    __slots__ = ("rx", "heads")

    def __init__(self, rx, phrases):
        assert not rx.flags & regex.IGNORECASE  # the phrase scan is case-sensitive
        self.rx = rx
        self.heads = _heads(phrases)  # this pattern's own phrases' first letters: not tried at another's

    def finditer(self, text):
        match, at = self.rx.match, 0
        two, one = self.heads
        for p in _phrase_starts(text):
            if p < at or text[p:p + 2] not in two and text[p:p + 1] not in one:
                continue
            m = match(text, p)
            if m is not None:
                yield m
                at = m.end() if m.end() > p else p + 1


def _phrase_starts(text: str):
    """Where a type word, a generic word or a known name may begin in `text`, once per text: `re.search`
    from one start to the next (its charset prefix skips to a first letter; the zero-width lookahead of
    `Prefiltered` tries every position: three scans by lookahead cost five times this one)."""
    memo = memo_of(text, "org_phrase_starts")
    out = memo.get("starts")
    if out is None:
        g = grammar()
        if g.phrase_lower_first is None:  # (a phrase opening on a blank: one scan of them all)
            out = _starts(g.phrase_first, text)
        else:
            out = _starts(g.phrase_upper, text) if g.phrase_upper is not None else []
            match, more = g.phrase_lower.match, []
            for end, n in g.phrase_lower_ac.iter(text) if g.phrase_lower_ac is not None else ():
                at = end - n + 1  # (every place one of the first words stands, as str.find of each would give)
                if match(text, at):
                    more.append(at)
            if more:
                out = sorted(set(out).union(more))
        memo["starts"] = out
    return out


def _starts(rx, text: str) -> list:
    """Every place where `rx` matches, in order (`re.search` from one start to the next)."""
    search, out, p = rx.search, [], 0
    while True:
        c = search(text, p)
        if c is None:
            break
        p = c.start()
        out.append(p)
        p += 1
    return out


# -- Vietnamese words and syllables -------------------------------------------------------------

def dictionary() -> frozenset:
    """Two- and three-syllable Vietnamese words (Viet74K, read once by `pipeline.lexicon`)."""
    return lexicon.compounds()


@functools.lru_cache(maxsize=1 << 16)
def is_word(*syllables: str) -> bool:
    return " ".join(s.lower() for s in syllables) in dictionary()


_ONSET = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?"
_CODA = "(?:ch|nh|ng|[cmnpt])?"
_SYLLABLE = engines.compile(_ONSET + r"[aeiouy]{1,3}" + _CODA)


@functools.lru_cache(maxsize=1 << 16)
def _plain(word: str) -> str:
    if word.isascii():  # (nothing to decompose nor to drop: most brands and codes)
        return word.lower()
    s = unicodedata.normalize("NFD", word.lower().replace("đ", "d"))
    return "".join(c for c in s if not unicodedata.combining(c))


@functools.lru_cache(maxsize=1 << 16)
def is_syllable(word: str) -> bool:
    """A well-formed Vietnamese syllable (`Ngãi`, `nghiêng`), not `Ngãikiêm` nor `Watson`."""
    return bool(_SYLLABLE.fullmatch(_plain(word)))


@functools.lru_cache(maxsize=1)
def _rhyme_syllable():
    """A syllable whose vowels make a Vietnamese rhyme (organizations.yaml `rhyme_vowels`)."""
    v = patternbook.load("organizations")["rhyme_vowels"]
    return engines.compile(_ONSET + r"(?:" + patternbook.choice(v["closed"]) + _CODA + r"|"
                         + patternbook.choice(v["open"]) + r")")


@functools.lru_cache(maxsize=1 << 12)
def foreign_word(word: str) -> bool:
    """`Boeing`: a capitalised ASCII word whose vowels fit no Vietnamese rhyme (though `is_syllable` reads it as one)."""
    return word[:1].isupper() and word.isascii() and word.isalpha() and len(word) >= 3 \
        and not _rhyme_syllable().fullmatch(word.lower())


def _has_marks(word: str) -> bool:
    if word.isascii():
        return False
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", word)) or "đ" in word.lower()


@functools.lru_cache(maxsize=1 << 16)
def glued_cut(word: str) -> int:
    """`Ngãikiêm` (two Vietnamese syllables written without a space): length of the first, else 0."""
    if not word.isalpha() or not _has_marks(word) or is_syllable(word):
        return 0
    for i in range(len(word) - 1, 0, -1):
        if is_syllable(word[:i]) and is_syllable(word[i:]):
            return i
    return 0


@functools.lru_cache(maxsize=1 << 16)
def brand_like(word: str) -> bool:
    """Capitals (`PNJ`, `VIMC`), CamelCase (`VPBank`) or a capitalised non-Vietnamese word (`Vietlott`)."""
    if not word or not word[0].isupper():
        return False
    if len(word) <= 8:  # (the letters are read only where they can decide)
        letters = list(filter(str.isalpha, word))
        if len(letters) >= 2 and all(map(str.isupper, letters)):
            return True
    if _LOWER_UPPER.search(word, None, None, False):  # (concurrent=False, positional: the GIL note in `designators`)
        return True
    if "-" in word:  # `Coca-Cola`, `Speake-Marin`: each part a foreign word in sentence case (not `Mát-xcơ-va`,
        parts = word.split("-")  # `Rịa-Vũng`, nor a decision's code, `QĐ-TTg`, nor an index, `VN-Index`)
        return len(parts) <= 3 and all(p[:1].isupper() and p[1:].islower() and brand_like(p) for p in parts)
    return word.isalpha() and len(word) >= 3 and not is_syllable(word) and (not _has_marks(word) or _latin_marked(word))


def _latin_marked(word: str) -> bool:
    """`Nestlé`, `Citroën`, `Hermès`: a sentence-case word whose only marked letters are Western ones
    (organizations.yaml foreign_name_letters; not the circumflex, hook or breve of `Krông Pắk`), no Vietnamese
    syllable nor two glued: a foreign name (not `DOJIbáo`, a brand glued to the next word)."""
    return word[1:].islower() and all(c.isascii() or c in _FOREIGN_LETTERS for c in word) and not glued_cut(word)


_FOREIGN_LETTERS = frozenset(patternbook.load("organizations")["foreign_name_letters"])


# -- the grammar ----------------------------------------------------------------------------------



class Grammar:
    def __init__(self):
        d = patternbook.load("organizations")
        types = {t for group in d["org_types"].values() for t in group}
        self.types = sorted(types, key=lambda t: (-len(t), t))
        # type words in capitals that alone name a kind (`CLB`, `HTX`), not a state body's (`BHXH` names that body)
        # a company's type abbreviated (`Cty`, `CTCP`, `HTX`): no syllable, so never the start of another word
        self.company_abbreviations = frozenset(t for t in d["org_types"]["company"] if " " not in t and not is_syllable(t))
        self.kind_words = frozenset(t for cat, group in d["org_types"].items() if cat != "state" for t in group
                                    if t.isupper())
        self.types_by_first: dict = {}  # first letter -> (type word, with its space), longest first (type_of)
        for t in self.types:
            self.types_by_first.setdefault(t[:1], []).append((t, t + " "))
        if "" in self.types_by_first:  # (an empty type word would stand before every name)
            self.types_by_first = None
        lower = sorted(d["lowercase_types"], key=len, reverse=True)
        alt = "|".join(regex.escape(t) for t in self.types + lower)
        trie = patternbook.alternation(self.types + lower)  # a trie: one pass tests a few first letters
        self.type_re = Scan(engines.compile(r"(?<![.&])(?P<type>" + trie + r")(?!&)"), self.types + lower)
        self.lower_types = set(lower)
        self.described_types = [str(t) for t in d["described_types"]]
        self.described_type = engines.compile(  # `hãng điện thoại cao cấp ` before a brand (`described_types`, `trades`, `trade_words`)
            r"(?<!\w)(?i:" + patternbook.choice(d["described_types"]) + r")[ \t]+" + patternbook.alternation(d["trades"])
            + r"(?:[ \t]+" + patternbook.alternation(list(d["trades"]) + list(d["trade_words"])) + r"){0,2}[ \t]+$")
        # (the pattern ends on a trade's last word and blanks: a window ending on none of them is not one)
        self.described_lasts = patternbook.LastWords(list(d["trades"]) + list(d["trade_words"]))
        # `Air India - hãng hàng không hàng đầu Ấn Độ -`, `Centricus, một công ty đầu tư`: the same description in
        # apposition right after the brand, in lowercase (`DNNVV, Quỹ đầu tư ...` is a list's next name)
        self.described_after = engines.compile(
            r"[ \t]*[,\-–][ \t]*(?:" + patternbook.choice(d["apposition_leads"]) + r"[ \t]+)?(?:"
            + patternbook.choice(d["described_types"]) + r")[ \t]+" + patternbook.alternation(d["trades"]) + r"(?!\w)")
        # `công ty phần mềm `, `công ty dịch vụ tài chính Mỹ ` right before a name: the type word heads that name
        # (`find_generic`), no reference; a country may close the description (`tập đoàn bán lẻ Mỹ Walmart`)
        head = (r"(?<!\w)(?i:" + patternbook.choice(d["described_types"]) + r")[ \t]+" + patternbook.alternation(d["trades"])
                + r"(?:[ \t]+" + patternbook.alternation(list(d["trades"]) + list(d["trade_words"])) + r"){0,2}[ \t]+"
                + r"(?:" + patternbook.alternation(d["countries"]) + r"[ \t]+)?")
        self.described_head = regex.compile(head + r"(?=\p{Lu})")
        self.described_head_end = regex.compile(head + r"$", regex.REVERSE)   # (the same, ending where a name starts)
        self.described_head_may = patternbook.FirstWords(d["described_types"])   # (the cheap test before it)
        self.legal = set(d["legal_forms"])
        self.corporate_suffixes = set(d["corporate_suffixes"])
        self.corporate_glued = tuple(d["corporate_glued_suffixes"])
        # `Tuya Inc.`, `RLX Technology Inc.`, `William Grant & Sons`: capitalised Latin words and a company tail
        abbr = set(d["corporate_abbreviations"])
        word = r"\p{Lu}[A-Za-z0-9'\-" + "".join(sorted(_FOREIGN_LETTERS)) + r"]*"
        tail = r"(?:" + "|".join(regex.escape(str(w)) + (r"\.?" if w in abbr else "")
                                 for w in sorted(d["corporate_tail_words"], key=lambda w: -len(str(w)))) + r")(?![\w&]|\.\w)"
        amp = r"[ \t]+&[ \t]+(?:" + "|".join(regex.escape(str(w)) + (r"\.?" if w in abbr else "")
                                             for w in d["corporate_amp_tails"]) + r")(?![\w&]|\.\w)"
        more = r"(?:,?[ \t]+" + tail + r")"
        self.corporate_name = regex.compile(r"(" + word + r"(?:[ \t]" + word + r"){0,4}?)(?:" + amp + more + r"*|" + more + r"+)")
        self.corporate_probes = tuple(sorted({str(w) for w in d["corporate_tail_words"]}))   # (a tail's first word)
        self.corporate_word_letters = "'-" + string.ascii_letters + string.digits + "".join(sorted(_FOREIGN_LETTERS))   # (`word` after its capital)
        self.ticker_not_after = set(d["ticker_not_after"])
        self.syllable_brand_before = regex.compile(r"(?<!\w)" + patternbook.alternation(d["syllable_brand_before"])
                                                   + r"[ \t]+$", regex.I | regex.REVERSE)
        self.company_pointer = engines.compile(r"(?<!\w)" + patternbook.alternation(d["company_pointers"]) + r"(?!\w)", regex.I)
        adverbs = r"(?:(?:" + patternbook.choice(d["ticker_move_adverbs"]) + r")[ \t]+)*"
        leads = r"(?:(?:" + patternbook.choice(d["ticker_figure_leads"]) + r")[ \t]+)?"
        # (the percentage may follow a move in the price's unit, in a parenthesis: `SHS tăng 900 đồng (tương ứng 7,5%)`)
        price_move = r"(?:\d[\d.,]*[ \t]*" + patternbook.choice(d["ticker_price_units"]) + r"[ \t]*\([ \t]*" + leads + r"[-+–]?[ \t]*)?"
        # (or the price it moves to, with no percentage: `KBC ... tăng trần lên 37.100 đồng`)
        per_share = r"(?:[ \t]*/[ \t]*(?:" + patternbook.choice(d["ticker_share_per"]) + r")(?!\w))?"
        price_from = (r"(?:(?:" + patternbook.choice(d["ticker_price_from"]) + r")[ \t]+\d[\d.,]*[ \t]*(?:"
                      + patternbook.choice(d["ticker_price_units"]) + r")" + per_share + r"[ \t]+)?")
        price_to = (price_from + r"(?:" + patternbook.choice(d["ticker_price_to"]) + r")[ \t]+\d[\d.,]*[ \t]*(?:"
                    + patternbook.choice(d["ticker_price_units"]) + r")" + per_share + r"(?![\w/])")
        # (or a move in the price's unit, then the price it moves to: `VHM tăng 1.100 đồng lên 76.600 đồng`)
        unit_move = r"\d[\d.,]*[ \t]*(?:" + patternbook.choice(d["ticker_price_units"]) + r")[ \t]+" + price_to
        # (codes listed before one verb move with it: `HQC, SAV giảm sàn`, `ROS và FLC tăng 2%`)
        self.ticker_move = engines.compile(r"(?:[ \t]*(?:,|[ \t]" + patternbook.literal_trie(d["ticker_list_joiners"])
                                         + r")[ \t]+[A-Z][A-Z0-9]{2}(?![\w]))*"
                                         + r"[ \t]+(?:" + adverbs + patternbook.choice(d["ticker_move_verbs"])
                                         + r"[ \t]+(?:" + price_to + r"|" + leads + r"(?:" + unit_move + r"|"
                                         + price_move + r"\d[\d.,]*[ \t]*%))|" + adverbs
                                         + patternbook.choice(d["ticker_limit_moves"]) + r"(?!\w)"
                                         + r"|\([ \t]*[-+–][ \t]*\d[\d.,]*[ \t]*%"
                                         + r"|" + adverbs + r"(?:" + patternbook.choice(d["ticker_volume_verbs"]) + r")[ \t]+"
                                         + leads + r"\d[\d.,]*[ \t]*(?:(?:" + patternbook.choice(d["ticker_volume_scales"])
                                         + r")[ \t]+)?(?:" + patternbook.choice(d["ticker_volume_units"]) + r")(?!\w))")
        self.connectors = sorted({c.lower() for c in d["place_connectors"]}, key=len, reverse=True)
        self.connector_set = set(self.connectors)
        self.one_syllable_sectors = frozenset(d["one_syllable_sectors"])
        self.unit_levels = tuple(c.lower() + " " for c in d["unit_place_levels"])
        self.connectors_by_first = {}  # the same order, by first letter
        for c in self.connectors:
            self.connectors_by_first.setdefault(c[:1], []).append(c)
        self.end_connectors = {c.lower() for c in d["name_end_connectors"]}
        self.joiners = set(d["joiners"])
        self.joiner_stops = frozenset(d["joiner_stops"])
        self.stop = {w.lower() for w in d["stop_words"]}
        self.stoppers = set(d["name_stoppers"])
        self.organs = sorted(d["organ_words"], key=len, reverse=True)
        self.organ_holders = frozenset(d["organ_holders"])
        self.organs_by_first = {}
        for o in self.organs:
            self.organs_by_first.setdefault(o[:1], []).append(o)
        self.family = set(d["family_names"])
        # districts whose later syllables would end a name (`Hai Bà Trưng`: `Bà` is a title; `Gia Lâm`, `Hải Hà`: a
        # family name that a person's name may follow, `UBND huyện Gia Lâm Nguyễn Ngọc Thuần`): read whole after a
        # place's level
        cut = sorted((n for n in district_names() if any(w in self.stoppers or w in self.family for w in n.split()[1:])),
                     key=len, reverse=True)
        self.cut_districts = engines.compile(patternbook.alternation(cut, lead=False) + r"(?![\w&])") if cut else None
        self.namesake_types = set(d["namesake_types"])
        self.namesake_not_after = regex.compile(r"(?<!\w)" + patternbook.alternation(d["namesake_not_after"])
                                                + r"[ \t]+$", regex.REVERSE)
        self.subject_generics = frozenset(d["subject_generics"])
        self.subject_generic_next = engines.compile(r"[ \t]+" + patternbook.alternation(d["subject_generic_next"]) + r"(?!\w)")
        self.generic = {g for g in d["generic_mentions"]} | self.subject_generics
        self.generic_lower = {x.lower() for x in self.generic}
        self.known = {}
        for key, forms in d["known"].items():
            self.known[str(key)] = str(key)
            for f in forms or []:
                self.known[str(f)] = str(key)
        self.member_after = engines.compile(r"[ \t]+" + patternbook.alternation(d["group_member_words"]))
        self.known_re = Scan(engines.compile(r"(?<!&)" + patternbook.alternation(list(self.known)) + r"(?!&)"), self.known)
        phrases = {str(p) for p in self.types + lower + list(self.generic) + list(self.known) if str(p)}
        self.phrase_first = re.compile(patternbook._trie(phrases, "", re.escape))  # every phrase, blanks as \s+
        # the same read in two: phrases opening on a capital by one scan (`re` skips to the few capitals), the
        # few opening lowercase (`công ty`) by str.find of their first word, each place checked by their trie
        upper = {p for p in phrases if p[:1].isupper()}
        lower_first = {p.split()[0] if p.split() else p for p in phrases - upper}
        self.phrase_upper = re.compile(patternbook._trie(upper, "", re.escape)) if upper else None
        self.phrase_lower = re.compile(patternbook._trie(phrases - upper, "", re.escape)) if phrases - upper else None
        self.phrase_lower_first = sorted(lower_first) if all(lower_first) and not any(
            p[:1].isspace() for p in phrases - upper) else None
        self.phrase_lower_ac = None  # those first words found in one pass (one str.find scan each cost a third more)
        if self.phrase_lower_first:
            self.phrase_lower_ac = ahocorasick.Automaton()
            for w in self.phrase_lower_first:
                self.phrase_lower_ac.add_word(w, len(w))
            self.phrase_lower_ac.make_automaton()
        self.not_brands = set(d["not_brands"]) | set(d["not_tickers"])
        self.not_brand_heads = set(d["not_brand_heads"])
        aux_words = [str(w) for w in d["predicate_auxiliaries"]]
        aux = r"^\s*(?:(?:" + "|".join(map(regex.escape, aux_words)) + r")\s+)*"
        verb_words = aux_words + list(d["business_verbs"]) + list(d["activity_verbs"]) + list(d["arm_verbs"]) \
            + list(d["business_leads"])
        self.verb_heads = _first_two(verb_words)
        self.verb_firsts = _first_words(verb_words)
        # a business verb, or a lead that reports or expects one, or a business figure (`Ford dự kiến lãi`, `Honda cho
        # biết, lợi nhuận ròng ...`, `Sony dự kiến tung ra`): what a company does, not anyone
        lead = (patternbook.alternation(d["business_leads"]) + r",?[ \t]+(?:(?:" + "|".join(map(regex.escape, aux_words))
                + r")[ \t]+)*" + patternbook.alternation(list(d["business_verbs"]) + list(d["brand_possessor_heads"])))
        self.business = engines.compile(aux + r"(?:" + patternbook.alternation(d["business_verbs"]) + r"|" + lead + r")")
        self.verb_at = designators.words().verb_at  # (a name never bridges over one)
        self.domain_compound = engines.compile(patternbook.alternation(d["name_domain_compounds"]))
        self.predicate_compound = engines.compile(patternbook.alternation(d["predicate_compounds"]))
        acts = list(d["business_verbs"]) + list(d["activity_verbs"])
        self.activity = engines.compile(aux + patternbook.alternation(acts))
        self.arm_activity = engines.compile(aux + patternbook.alternation(acts + list(d["arm_verbs"])))
        self.arm_suffix = " " + str(d["national_arm"])   # `Honda Việt Nam`: the brand's Vietnamese arm
        # `Tesla giao 184.800 xe`: a business verb and a count of a business's goods or staff (`counted_business_acts`);
        # a percentage of them (`Grab chiếm 70% thị phần`)
        count = (r"(?:[ \t]+" + patternbook.alternation(d["count_leads"]) + r"){0,2}[ \t]+\d[\d.,]*%?(?:[ \t]+"
                 + patternbook.alternation(patternbook.load("scales")["scales"]) + r")?[ \t]+")
        units = patternbook.load("units")
        currencies = [f for forms in [*units["money"].values(), *units["money_after_scale"].values()] for f in forms
                      if str(f)[:1].isalpha()]
        currencies += [str(f).upper() for f in currencies if str(f).isascii()]  # `USD`, `EUR` as news writes them
        groups = [{**grp, "nouns": currencies} if grp.get("currencies") else grp
                  for grp in d["counted_business_acts"].values()]
        self.counted_act = engines.compile(aux + r"(?:" + "|".join(
            patternbook.alternation(grp["verbs"]) + count + patternbook.alternation(grp["nouns"]) + r"(?!\w)"
            for grp in groups) + r")")
        self.counted_heads = _first_two(aux_words + [v for grp in groups for v in grp["verbs"]])
        # `X cho ra mắt bộ sưu tập`, `X đã bổ sung một phiên bản mới`: a brand presents a product (`launch_verbs`, then
        # `launch_products`); `được X giới thiệu`, `do X sản xuất`: a product's maker as the passive's agent
        self.launch = engines.compile(aux + patternbook.alternation(d["launch_verbs"]) + r"(?:[ \t]+"
                                    + patternbook.alternation(d["launch_leads"]) + r"){0,3}[ \t]+"
                                    + patternbook.alternation(d["launch_products"]) + r"(?!\w)")
        self.launch_heads = _first_two(aux_words + list(d["launch_verbs"]) + list(d["maker_agent_verbs"]))
        self.maker_agent = engines.compile(aux + patternbook.alternation(d["maker_agent_verbs"]) + r"(?!\w)")
        self.maker_agent_before = regex.compile(r"(?<!\w)" + patternbook.alternation(d["maker_agent_before"])
                                                + r"[ \t]+$", regex.REVERSE)
        self.world_cities = frozenset(d["world_cities"])
        self.country_brand_tails = frozenset(d["country_brand_tails"])
        # any of those verbs, no boundary: where none stands in a line, `activity` matches nowhere in it
        self.activity_word = engines.compile(patternbook.alternation(acts, boundary=False))
        # Cues before a name (`... \s*$`, REVERSE) are tried with `.match`: anchored at the end, the one place
        # they can match (a match before a final line break extends over it by the blank run)
        self.person_before = regex.compile(patternbook.alternation(d["person_before"]) + r"\s+$", regex.REVERSE)
        self.person_cue = patternbook.alternation(d["person_cues"])
        self.person_cue_words = {str(c) for c in d["person_cues"] if " " not in str(c)}
        self.thing_cue = patternbook.alternation(d["thing_cues"])
        self.publication_words = {p.split()[0] for p in d["publication_before"]}
        self.publication_before = engines.compile(r"(?:^|[\s,(])" + patternbook.alternation(d["publication_before"])
                                                + r"[ \t]+$")
        self.defined_after = regex.compile(r"(?<!\w)" + patternbook.alternation(d["defined_name_after"]) + r"\s+$",
                                           regex.I | regex.REVERSE)
        link = str(d["brand_possessor_link"])
        possessed = patternbook.alternation(d["brand_possessor_heads"]) + r"(?:[ \t]+\p{Ll}+){0,4}?[ \t]+" + regex.escape(link)
        self.brand_before_lasts = patternbook.LastWords(list(d["brand_context_before"]) + [link])
        self.brand_before = regex.compile("(?:" + patternbook.alternation(d["brand_context_before"]) + "|" + possessed
                                          + r")\s*$", regex.I | regex.REVERSE)
        self.source_before = regex.compile(patternbook.alternation(d["source_before"]) + r"\s*$", regex.REVERSE)
        self.source_lasts = {str(p)[-1] for p in d["source_before"] if str(p)}
        report_aux = [str(w) for w in d["reporting_auxiliaries"]]
        self.reporting_after = engines.compile(r"^\s*(?:(?:" + "|".join(map(regex.escape, report_aux)) + r")\s+)?"
                                             + patternbook.alternation(d["reporting_after"]))
        self.reporting_heads = _first_two(report_aux + list(d["reporting_after"]))
        self.no_place_start = set(d["no_place_start"])
        self.countries = set(d["countries"])
        self.place_stoppers = set(d["place_stoppers"])
        self.demonyms = set(d["demonyms"])
        self.bare_places = set(d["bare_places"])
        self.place_pointers = set(d["place_pointers"])
        self.bare_place_domains = {str(w).lower() for w in d["bare_place_domains"]}
        self.names_lower = {shadow(n.lower()) for n in list(self.countries) + [str(k) for k in d["known"]] if " " in n}
        self.names_lower |= {shadow(str(n).lower()) for n in d["lowercase_proper_names"]}
        self.country_heads = _heads(self.countries)
        self.province_heads = _heads(province_names())
        self.country_re = engines.compile(patternbook.alternation(sorted(self.countries, key=len, reverse=True))
                                        + r"(?![\w&])")
        self.generic_not_after = regex.compile(r"(?<!\w)" + patternbook.alternation(d["generic_not_after"]) + r"\s+$",
                                               regex.I | regex.REVERSE)
        self.generic_not_before = engines.compile(r"\s+" + patternbook.alternation(d["generic_not_before"]), regex.I)
        self.clause_generics = frozenset(d["clause_opening_generics"])
        self.clause_generic_next = regex.compile(r"[ \t]+(?!" + patternbook.alternation(d["clause_generic_not_before"])
                                                 + r")\p{Ll}")
        self.new_referent_before = engines.compile(r"(?<!\blà\s)(?<!,\s)(?<!\w)" + patternbook.alternation(d["new_referent_before"])
                                                 + r"\s+$", regex.I)  # (searched in the few characters before)
        self.new_referent_after = engines.compile(r"\s+" + patternbook.alternation(d["new_referent_after"]) + r"(?!\w)")
        # (a count or a share too: `2 bệnh viện dã chiến`, `10% đơn vị sự nghiệp` are many units, none the article's)
        self.plural_before = regex.compile(r"(?:(?<![\w.,])\d(?:[\d.,]*\d)?%?|(?<!\w)" + patternbook.alternation(d["plural_before"])
                                          + r")\s+$", regex.I | regex.REVERSE)
        self.source_links = tuple(d["source_of_links"])
        self.source_of = regex.compile(r"(?:" + patternbook.choice(d["source_of_openers"])
                                       + r"(?!\s+" + patternbook.choice(d["source_of_connectives"]) + r"(?!\w))(?:\s+(?!"
                                       + patternbook.choice(d["source_of_not_first"]) + r")[^\s,;]+){0,6}\s+"
                                       + patternbook.choice(self.source_links) + r"|" + patternbook.choice(d["source_of_nouns"])
                                       + r"(?:\s+" + patternbook.choice(d["source_of_modifiers"]) + r")?\s+của)"
                                       + r"(?:\s+" + patternbook.choice(d["source_descriptions"]) + r"(?:\s+\p{Ll}+){0,3})?\s*$")
        self.plural_end = regex.compile(patternbook.choice(d["plural_end"]) + r"\s+$", regex.REVERSE)
        self.tail_close = regex.compile(r"[ \t]*[()]|[ \t]+[-–][ \t]+\p{Lu}|[ \t]+và[ \t]+"
                                        r"|[ \t]+" + patternbook.choice(d["tail_predicate_openers"]) + r"(?!\w)")  # the predicate of a subject
        self.unit_place = engines.compile(r"[ \t]+(?:" + patternbook.choice(d["unit_place_levels"]) + r"[ \t]+)?")
        self.connectors_never_words = tuple(d["connectors_never_words"])
        self.apposed = engines.compile(r"(\S+),[ \t]+(?:" + patternbook.choice(d["apposition_leads"]) + r"[ \t]+)?$")
        self.type_start = engines.compile(r"(?:" + alt + r")(?![\w&])")
        # coordinated names (`coordinated`): a capitalised run (`Pacific Airlines`, `Samsung C&T`, `Quỹ Bảo Trợ`)
        # lowercase words inside only as a bridge to a later capital, none a function word or a verb (`Đồn biên
        # phòng Bản Lầu`, `Đội cơ động biên phòng Bản Lầu`; never `MB tăng lãi`)
        low = r"(?!(?:" + "|".join(regex.escape(w) for w in sorted(self.stop | {"và"}, key=lambda w: (-len(w), w))) \
            + r")(?![\p{L}\d]))\p{Ll}+"
        cap = r"\p{Lu}[\p{L}\d&.'’\-]*"
        name = r"(?<![\p{L}\d&.\-])" + cap + r"(?:[ \t]+(?:" + cap + r"|\d+|" + low + r"(?=(?:[ \t]+" + low \
            + r"){0,3}[ \t]+\p{Lu})))*"
        join = patternbook.alternation(d["coordinators"])
        self.coordinator_words = tuple({str(w).split()[0] for w in d["coordinators"]})
        self.consortium_heads = tuple({str(w).split()[0] for w in d["consortium_words"]})
        self.coord_after = regex.compile(r"(?:[ \t]*,[ \t]*(" + name + r"))*[ \t]+" + join + r"[ \t]+(" + name + r")")
        self.coord_before = regex.compile(r"(" + name + r")[ \t]+" + join + r"[ \t]+$")
        self.consortium_before = regex.compile(patternbook.alternation(d["consortium_words"]) + r"(?:[ \t]+\p{Ll}+){0,2}"
                                               r"(?:[ \t]+" + name + r"[ \t]*(?:[-–,&]|và))?[ \t]*$")
        self.plural_after = engines.compile(r"[ \t]+" + patternbook.alternation(d["plural_after"]))
        self.respective = regex.compile(patternbook.alternation(d["respective_words"])
                                        + r"|\d[\d.,]*(?:[ \t]*%|[ \t]+[\p{L}/]+){0,4}[ \t]+và[ \t]+(?:\p{L}+[ \t]+){0,2}\d")
        self.ranking_end = engines.compile(r"(?<!\w)số[ \t]+" + patternbook.alternation(d["ranking_numbers"]) + r"$")
        self.ranking_scope = engines.compile(r"[ \t]+" + patternbook.alternation(d["ranking_scopes"]))
        self.not_org_phrase = engines.compile(patternbook.alternation(d["not_org_phrases"]) + r"(?![\w&])")
        self.document_head = engines.compile(patternbook.alternation(d["document_heads"]) + r"(?![\w&])")
        self.stoppers_inside = set(d["name_stoppers_inside"])
        unit_numbers = designators.words()   # (`Sư đoàn 309`: the number read as the name, `designator`)
        self.designated = unit_numbers.designated
        self.numbered = unit_numbers.numbered
        self.designator_not_before = unit_numbers.designator_not_before
        self.ordinal_before = regex.compile(r"(?<!\w)" + patternbook.alternation(d["ordinal_heads"]) + r"[ \t]+$",
                                            regex.I | regex.REVERSE)
        self.amount_after = unit_numbers.amount_after


@functools.lru_cache(maxsize=1)
def grammar() -> Grammar:
    return Grammar()


_UNREAD = object()  # (a place `_token_at` has not read yet; None is an answer: no token there)


_TOKENS_HELD: tuple = (None, None)  # (the last text read by `_word_at`, its "tokens" memo): one global read, no call


def _word_at(text: str, pos: int):
    """(start, end, word) of the next word token from `pos`, or None (punctuation or end). (The memo of
    `_token_at` read here first: most places are read again, and a call less is a tenth of the cost.)"""
    global _TOKENS_HELD
    held = _TOKENS_HELD  # (read once: a pair replaced whole, safe under threads; a memo of `text` is always one of
    if held[0] is text:  # its answers, even one `memo_of` has since replaced)
        memo = held[1]
    else:
        memo = memo_of(text, "tokens")
        _TOKENS_HELD = (text, memo)
    t = memo.get(pos, _UNREAD)
    if t is _UNREAD:
        t = _token_at(text, pos, memo)
    return t if t is not None and t[0] >= 0 else None




@functools.lru_cache(maxsize=1)
def _figure_next():
    """An amount right after (`... đạt 900 tỷ`, `... 12%`): not a name's own number (`Quân đội 108`)."""
    scales = patternbook.load("scales")["scales"]
    return engines.compile(r"[ \t]+\d[\d.,]*[ \t]*(?:%|" + patternbook.alternation(scales) + ")", regex.I)


def _capitalised(w: str) -> bool:
    return w[:1].isupper() or w[:1].isdigit()


def _person_follows(text: str, pos: int, g: Grammar) -> bool:
    """A family name and two more capitalised syllables (`Hà Thế Lãng`), none of them a place's: a person starts here."""
    a = _word_at(text, pos)
    if not a or a[2] not in g.family or _province_at(text, a[0], g):
        return False
    b = _word_at(text, a[1])
    c = _word_at(text, b[1]) if b and b[2][:1].isupper() else None
    if not (c and c[2][:1].isupper() and is_syllable(b[2]) and is_syllable(c[2])):
        return False
    # `Tập đoàn Hoàng Anh Gia Lai`: a name that goes on into a province is a company's, not a person's; but
    # a family name and a province's name alone, nothing capitalised after, are a person's (`Trương Hòa Bình`)
    if _province_at(text, c[0], g):
        return False
    p = _province_at(text, b[0], g)
    if not p:
        return True
    after = _word_at(text, p.end())
    return p.end() == c[1] and not (after and text[p.end():after[0]] == " " and after[2][:1].isupper())


def scan_name(text: str, pos: int, lower_type: bool = False, limit: int = 14, type_word: str = "") -> int:
    """End of the proper part that starts at `pos` (after the type word); `pos` if there is none."""
    g = grammar()
    end = i = pos
    has_proper = False
    cap_run = 0  # capitalised syllables in a row: `Hòa Phát` is a name already, `Tài` begins a word
    sentence_case = False  # a capital completed by lowercase syllables: lowercase words may end the name
    place_words = 0  # 1 + capitalised syllables read since a place connector (`tỉnh`, `quận`), else 0
    first = _word_at(text, pos)
    namesake = type_word in g.namesake_types and not g.namesake_not_after.search(
        text, max(0, pos - len(type_word) - 30), max(0, pos - len(type_word)), False)  # `Bệnh viện Phạm Ngọc Thạch`
    if first and text[pos:first[0]].strip() == "":
        w = first[2]
        if w[:1].isdigit():
            number_end = designator(text, first[0], type_word) if type_word else 0
            if not number_end:
                return pos
            # `Sư đoàn 309`, `Bệnh viện 108`: the number is the name; a capital may go on (`Bệnh viện 30 Thg`)
            end = i = number_end
            has_proper = True
        elif _person_follows(text, first[0], g) and not namesake:
            return pos
        elif type_word and " " not in type_word and type_word not in g.company_abbreviations and w[:1].isupper() \
                and not _distinctive_start(text, first, g):
            return pos  # `Hội An`, `Sở Kiều truyện`: a single-syllable type word needs a name that reads as one
            # (a company's abbreviation, `Cty Hoàng Long`, `CTCP Hùng Vương`, begins no other word: any name goes)
        if type_word in g.no_place_start and not w[:1].isupper() and not _domain_of_place(text, first[0], g):
            return pos
    token, connectors, memo = _token_at, g.connectors_by_first, memo_of(text, "tokens")   # (the memo once, not per token)
    for _ in range(limit):
        t = token(text, i, memo)
        if t is None:
            break
        ws, we, w = t
        if ws < 0:
            ch, mend = w, we
            if ch in g.joiners and has_proper:
                nxt = _word_at(text, mend)
                if nxt and _capitalised(nxt[2]) and nxt[2] not in g.stoppers and not _person_follows(text, mend, g) \
                        and (nxt[2] in g.legal or not g.type_start.match(text, nxt[0])):
                    if ch in "-–" and (_alias_after_dash(text, nxt, g) or _address_after_dash(text, nxt)):
                        break
                    i = mend
                    continue
            if ch == "," and has_proper and _enumeration_closes(text, mend, g):
                i = mend
                continue
            break
        if _capitalised(w):
            district = place_words == 1 and g.cut_districts is not None and g.cut_districts.match(text, ws)
            if district:
                # (read as its syllables would be, whole: a larger place may follow, `huyện Cam Lâm tỉnh Khánh Hòa`)
                end = i = district.end()
                has_proper, cap_run, place_words = True, 1, 2
                continue
            place = _province_at(text, ws, g) or _country_at(text, ws, g, cap_run)
            if place:
                # a province or a country ends a name (`Bộ Y tế Thái Lan`, `Bộ Ngoại giao Mỹ Ned Price`), unless
                # a joiner or a legal form goes on (`Khí Hà Nội - CTCP`); it opens one whole (`Hà Nội khóa XVII`)
                end = i = place.end()
                if has_proper:
                    nxt = token(text, end, memo)
                    if nxt is None or nxt[0] >= 0:
                        break
                if has_proper or place_words:
                    place_words = 2  # `UBND tỉnh Lạng Sơn phê duyệt Dự án`: after the place no lowercase bridge
                has_proper, cap_run = True, 1
                continue
            if place_words >= 3 and w in g.family:
                break  # `UBND TP Thủ Đức Hoàng Tùng`: a person after a place of two syllables
            if w in g.family and _person_follows(text, ws, g):
                pe = _person_end(text, we) if namesake and not place_words and cap_run <= 1 else 0
                if pe and not _CAP_AFTER.match(text, pe, None, False):
                    end = pe  # `Trường THPT Lê Quý Đôn`: the person it is named after ends it (a longer run of
                    break     # capitals is two names: `Trường THPT Chu Văn An Nguyễn Văn Bình`)
                if has_proper:
                    break
            if w in g.stoppers and not (place_words and w in g.place_stoppers and not _word_begins(text, we, w)) \
                    and not (cap_run and w in g.stoppers_inside and _syllable_of_name(text, we, w)):
                break
            if w[:1].isdigit() and has_proper and g.amount_after.match(text, we):
                break  # `chia cho công ty Thái Hòa 40 triệu nhân dân tệ`: an amount, not the name's number
            place_words = place_words + 1 if place_words else int(w.lower() in g.connector_set)  # `TP`, `quận Bắc Từ Liêm`
            nxt_low = _word_at(text, we)
            if nxt_low and not _capitalised(nxt_low[2]) and " " not in w and w in g.types and is_word(w, nxt_low[2]) \
                    and not (has_proper and _name_after(text, nxt_low[1], g)):
                break  # `Chính phủ Ban hành`: a capitalised verb, not a name (`Bộ Chỉ huy Bộ đội Biên phòng` goes on)
            cut = glued_cut(w)
            if cut:
                end = ws + cut
                break
            end = i = we
            has_proper = True
            after_cap = cap_run > 0
            cap_run += 1
            i = end = _complete_word(text, we, w.split("-")[-1], g, after_cap)
            if end != we and _figure_next().match(text, end):
                end = i = we  # `Kim Thành đạt 900 tỷ`: the syllable after the name is the verb of a figure
                break
            if end != we:
                cap_run = 0
                sentence_case = True  # `Quản lý`, `Y tế`: a name written in sentence case
            continue
        if lower_type and not has_proper:
            break
        after_place, place_words = place_words > 1, 0
        low = text[ws:ws + 16].lower()
        conn = connectors.get(low[:1])
        if conn:
            conn = next((c for c in conn if low.startswith(c) and not text[ws + len(c):ws + len(c) + 1].isalnum()), None)
        if w == "và" and has_proper:
            nxt = _word_at(text, we)
            if nxt and nxt[2][:1].isupper() and not g.type_start.match(text, nxt[0]) and nxt[2] not in g.stoppers \
                    and nxt[2] not in g.joiner_stops and not _type_in_run(text, nxt[1], g) and not _loose_head(text, nxt, g):
                i = we
                continue
            if sentence_case and nxt and nxt[2].islower() and text[pos:ws].split()[-1].islower():
                # `Hiệp hội Chế biến và xuất khẩu thủy sản Việt Nam`: a name in sentence case joins lowercase domain
                # words to a later capital as it joins capitals; not another body (`Bộ Y tế và chính quyền thành
                # phố X`: a place's level among them) nor after a place or a number (`Công an thị xã X và lực lượng`)
                bridge = _bridge(text, nxt[0], g, domain=True)
                if bridge is not None and not _names_another(text[nxt[0]:bridge], g):
                    i = bridge
                    continue
            break
        if conn and (after_place or not _lower_word_here(text, ws, g)):
            nxt = _word_at(text, ws + len(conn))
            if nxt and _capitalised(nxt[2]) and (nxt[2] not in g.stoppers or nxt[2] in g.place_stoppers
                                                 and not _word_begins(text, nxt[1], nxt[2])):
                i = ws + len(conn)
                place_words = 1  # the place's own syllables follow
                continue
            if conn in g.end_connectors and has_proper is False and not nxt:
                end = ws + len(conn)
            elif conn in g.bare_places and has_proper and not after_place and text[ws + len(conn):ws + len(conn) + 1] != "/" \
                    and not (nxt and (_capitalised(nxt[2]) or nxt[2].lower() in g.place_pointers)):
                end = ws + len(conn)  # `Văn phòng UBND tỉnh ra quyết định`: the province of the article
            break
        if after_place:
            break  # `UBND quận Bắc Từ Liêm chuyển hồ sơ ...`: after a place only a larger place goes on
        last = text[pos:ws].split()
        last = last[-1] if last else ""
        if last and (brand_like(last) or last[:1].isdigit()):
            break  # `Tổ chức OCTA kêu gọi Philippines`: no lowercase bridge after an acronym or a number
        tail = _tail(text, ws, g) if has_proper and sentence_case else None
        if tail is not None:
            end = tail  # `Cục Quản lý môi trường (Bộ Y tế)`: last domain words, closed by a parenthesis
            break
        bridge = _bridge(text, ws, g, compounds=not has_proper, domain=sentence_case)
        if bridge is None:
            if has_proper and sentence_case:
                end = _bare_place_tail(text, ws, g) or end  # `Bộ Chỉ huy quân sự tỉnh từ ...`
            break
        i = bridge
    return end


def _names_another(words: str, g: Grammar) -> bool:
    """Lowercase words after `và` that begin another body, not more of this name: a place's level (`chính quyền
    thành phố`, `vùng VII`) or a lowercase type word (`công ty kiểm toán`)."""
    low = " " + " ".join(words.lower().split()) + " "
    return any(" " + c + " " in low for c in g.connector_set) or any(" " + t + " " in low for t in g.lower_types)


def _domain_of_place(text: str, pos: int, g: Grammar) -> bool:
    """`Trung tâm y tế huyện Cẩm Xuyên`, `Trung tâm bồi dưỡng chính trị TP Bắc Ninh`: after a type word that
    needs a capital (`Trung tâm huyện` is a town's centre), lowercase dictionary words and a place's level, then
    the place: the local body of that domain. Without the level the capital may be anything's (`Hãng xe hơi
    Đức`, `Trung tâm thương mại Hàng Da`)."""
    if text[pos:pos + 8].split()[0].lower() in g.connector_set:
        return False
    ahead = " " + text[pos:pos + 48].lower()
    if not any(" " + c + " " in ahead or c[-1] == "." and " " + c in ahead for c in g.connector_set):
        return False  # (a cheap test first: most lowercase words after these types name no place)
    end = _bridge(text, pos, g, compounds=True)
    if end is None:
        return False
    words = text[pos:end].split()
    cap = _word_at(text, end)
    return len(words) >= 3 and words[-1].lower() in g.connector_set or bool(cap and cap[2].lower() in g.connector_set)


def _syllable_of_name(text: str, pos: int, w: str) -> bool:
    """`Phú Quý trên phố`: the stopper after a capital is a name's syllable, not a period (`Quý 1`, `Năm 2020`,
    `Quý IV`) nor the first syllable of a word (`Năm nay`)."""
    t = _token_at(text, pos)
    if t is None or t[0] < 0:
        return True
    nxt = t[2]
    if nxt[:1].isdigit() or _NOT_A_NAME.fullmatch(nxt, None, None, False) and nxt[:1] in "IVXL":
        return False
    return nxt[:1].isupper() or not is_word(w, nxt)


def _person_end(text: str, pos: int) -> int:
    """After a family name, the end of a person's given names: up to three capitalised syllables, one blank apart."""
    for _ in range(3):
        a = _word_at(text, pos)
        if not a or text[pos:a[0]] != " " or not a[2][:1].isupper() or not is_syllable(a[2]):
            break
        pos = a[1]
    return pos


def _name_after(text: str, pos: int, g: Grammar) -> bool:
    """One blank, then a capitalised word that is no clause opener (`Biên` of `Bộ đội Biên phòng`)."""
    a = _word_at(text, pos)
    return bool(a and text[pos:a[0]] == " " and a[2][:1].isupper() and a[2] not in g.stoppers)


def _province_at(text: str, ws: int, g: Grammar):
    """`province_regex().match(text, ws)`, not tried where no province's first two letters stand."""
    if not _at_head(text, ws, g.province_heads):
        return None
    return province_regex().match(text, ws)


def _first_two(words) -> set | None:
    """The first two letters of every word a verb pattern after a name may begin with (`^\\s*(aux\\s+)*verb`):
    the text after the name, blanks stripped, begins with one of them or the pattern fails (None: a word
    too short to tell)."""
    words = [str(w) for w in words]
    return {w[:2] for w in words} if all(len(w) > 1 and not w[1].isspace() for w in words) else None


def _first_words(words) -> frozenset | None:
    """The first words of the phrases a verb pattern after a name may begin with (`^\\s*(aux\\s+)*verb`), when all
    are letters (else None: no test). See `_verb_may_follow`."""
    firsts = [str(w).split()[:1] for w in words]
    if not all(firsts) or not all(f[0].isalpha() for f in firsts):
        return None
    return frozenset(f[0] for f in firsts)


_WORD_TRAIL = ",.;:!?)]}\"'”’…"


def _verb_may_follow(after: str, firsts) -> bool:
    """False when the first word of `after`, its trailing punctuation stripped, is all letters and no phrase's
    first word: the pattern cannot match (its word is followed by a blank or a non-word character, and a
    letter is a word character). One split, not a regex match, for most brands."""
    if firsts is None:
        return True
    word = after.split(None, 1)[:1]
    if not word:
        return True
    w = word[0].rstrip(_WORD_TRAIL)
    return w in firsts or not w.isalpha()


def _heads(phrases) -> tuple:
    """How the phrases begin, tested before a pattern of them is tried at a place: their first two
    characters, or the first alone for a phrase of one or with a blank second (any blank in the pattern)."""
    phrases = [str(p) for p in phrases if str(p)]
    two = {p[:2] for p in phrases if len(p) > 1 and not p[1].isspace()}
    return two, {p[:1] for p in phrases if not (len(p) > 1 and not p[1].isspace())}


def _at_head(text: str, pos: int, heads: tuple) -> bool:
    return text[pos:pos + 2] in heads[0] or text[pos:pos + 1] in heads[1]


def _country_at(text: str, ws: int, g: Grammar, cap_run: int):
    """A country at `ws`; a one-syllable one (`Mỹ`, `Anh`) only when it does not go on a run of capitalised
    syllables (`Hoàng Anh Gia Lai`, `Việt Đức` are names, not places)."""
    if not _at_head(text, ws, g.country_heads):
        return None
    m = g.country_re.match(text, ws)
    if m and (" " in m.group(0) or cap_run == 0):
        return m
    return None


def _loose_head(text: str, nxt, g: Grammar) -> bool:
    """`và Trường liên cấp ...`: a capital after `và` that neither goes on a capitalised run nor begins a word
    with the next syllable (`và Đào tạo`, `và Phát triển`) heads a description, not the rest of this name."""
    b = _word_at(text, nxt[1])
    return bool(b and text[nxt[1]:b[0]] == " " and not _capitalised(b[2]) and b[2].isalpha()
                and b[2].lower() not in g.stop and not is_word(nxt[2], b[2]))


def _type_in_run(text: str, pos: int, g: Grammar, most: int = 4) -> bool:
    """`và Thanh tra Bộ Tư pháp`: an org-type word among the next capitalised words starts another name,
    unlike `và Đào tạo`, `và Phát triển Nông thôn` (the head after `và` decides)."""
    for _ in range(most):
        a = _word_at(text, pos)
        if not a or not _capitalised(a[2]):
            return False
        if g.type_start.match(text, a[0]) and a[2] not in g.legal:
            return True
        pos = a[1]
    return False


def _distinctive_start(text: str, first, g: Grammar) -> bool:
    """The first word of a proper part after a one-syllable type word: an acronym, a brand,
    a province, or a capitalised syllable that begins a dictionary word (`Y tế`, `Công Thương`)."""
    ws, we, w = first
    if brand_like(w) or _province_at(text, ws, g) or foreign_word(w):
        return True
    nxt = _word_at(text, we)
    if w in g.one_syllable_sectors and nxt and text[we:nxt[0]] == " " and (
            nxt[2].lower() in g.connector_set or text[nxt[0]:nxt[0] + 10].lower().startswith(g.unit_levels)
            or _province_at(text, nxt[0], g)):
        return True  # `Cục Thuế tỉnh Bình Dương`, `Cục Thuế Hà Nội`: a sector, then its place
    if nxt and text[we:nxt[0]] == " " and is_word(w, nxt[2]):
        return True
    third = _word_at(text, nxt[1]) if nxt else None
    return bool(third and is_word(w, nxt[2], third[2]))


def _lower_word_here(text: str, ws: int, g: Grammar) -> bool:
    """`xã hội`, `khu vực` as a two-syllable word rather than a place connector before a name."""
    a = _word_at(text, ws)
    b = _word_at(text, a[1]) if a else None
    return bool(a and b and not _capitalised(b[2]) and is_word(a[2], b[2]) and a[2].lower() not in g.connectors_never_words)


def _complete_word(text: str, pos: int, syllable: str, g: Grammar, after_cap: bool = False) -> int:
    """After a capitalised syllable, the lowercase syllables that complete its word (`Y` + `tế`)."""
    a = _word_at(text, pos)
    if not a or _capitalised(a[2]) or not a[2].isalpha():
        return pos
    glued = None if a[2].islower() else _GLUED.match(a[2], None, None, False)  # (no capital in it: nothing glued)
    if glued:  # `Đá quýDOJI`: a syllable and the brand that ends the name, written without a space
        return a[1] if is_word(syllable, glued.group(0)) else pos
    if _shadowed(f"{syllable} {a[2]}".lower()) in g.names_lower:
        return a[1]  # `Hoa kỳ`, `Hòa phát`: a country or a well-known name written with a lowercase syllable
    b = _word_at(text, a[1])
    if b and not _capitalised(b[2]) and _shadowed(f"{syllable} {a[2]} {b[2]}".lower()) in g.names_lower:
        return b[1]  # `Liên hiệp quốc`: one proper name of three syllables
    if after_cap and a[2].lower() in g.stop and not _word_through(text, pos - len(syllable), syllable, a[2]):
        return pos  # `Phú Sơn tăng`: after a name's capitals a verb or a function word opens the clause
    if b and not _capitalised(b[2]) and b[2].isalpha() and b[2].lower() not in g.stop and is_word(syllable, a[2], b[2]):
        return b[1]
    if is_word(syllable, a[2]) and not (after_cap and b and not _capitalised(b[2]) and is_word(a[2], b[2])):
        return a[1]  # `Tài` + `chính`; but after `Hòa`, `Phát` + `xuất` would cut `xuất khẩu` in two: no
    return pos


def _word_through(text: str, ws: int, syllable: str, low: str) -> bool:
    """`Trang Thiết bị`: the capital before `syllable` begins a three-syllable word ending on `low` (`bị` there
    is no passive verb)."""
    prev = _prev_token(text[max(0, ws - 24):ws])
    return bool(prev) and is_word(prev, syllable, low)


_GLUED = regex.compile(r"\p{Ll}+(?=\p{Lu})")


@functools.lru_cache(maxsize=1 << 14)
def _shadowed(pair: str) -> str:
    return shadow(pair)


def _word_begins(text: str, pos: int, w: str) -> bool:
    """`Lợi nhuận`, `Từ năm`: the capitalised syllable begins a word with the next lowercase one."""
    a = _word_at(text, pos)
    return bool(a and not _capitalised(a[2]) and (is_word(w, a[2]) or a[2].lower() in grammar().stop))


def _tail(text: str, ws: int, g: Grammar, most: int = 5):
    """Lowercase domain words ending a name written in sentence case (`Cục Quản lý Khám chữa bệnh - Bộ Y tế`,
    `Tổng cục Thi hành án dân sự và Thanh tra ...`): dictionary words, at most one lone syllable, closed by a
    parenthesis, a dash before a capital, `và` before another organization, or an auxiliary or reporting verb
    that opens the predicate (`Viện Khoa học địa chất vừa công bố`). Where they end, else None."""
    words, i = [], ws
    for _ in range(most):
        a = _word_at(text, i)
        if not a or _capitalised(a[2]) or not a[2].isalpha() or a[2] == "và":
            break
        if a[2].lower() in g.stop:
            compound = g.domain_compound.match(text, a[0])
            if not compound:
                break
            words.append(text[a[0]:compound.end()])  # `giao thông`: one domain word
            i = compound.end()
            continue
        words.append(a[2])
        i = a[1]
    if not words:
        return None
    close = g.tail_close.match(text, i, None, False)
    if not close or (close.group(0).strip() == "và" and not g.type_start.match(text, close.end())):
        return None
    k, lone = 0, 0
    while k < len(words):
        if " " in words[k]:
            k += 1  # (a domain compound, read whole above)
        elif k + 2 < len(words) and is_word(*words[k:k + 3]):
            k += 3
        elif k + 1 < len(words) and is_word(words[k], words[k + 1]):
            k += 2
        else:
            lone += 1
            k += 1
    return i if lone <= 1 and len(words) > lone else None


def _bare_place_tail(text: str, ws: int, g: Grammar, most: int = 3) -> int:
    """`Bộ Chỉ huy quân sự tỉnh` with no province after: a unit's lowercase domain (`bare_place_domains`: a
    closed list, as a verb would read the same, `Bộ Tài chính hướng dẫn tỉnh`) and a bare place word
    (`bare_places`) that no capital, number, `/` or pointer follows name the unit of the article's place.
    Where it ends, else 0."""
    words, i = [], ws
    for _ in range(most + 1):
        a = _word_at(text, i)
        if not a or _capitalised(a[2]) or not a[2].isalpha():
            return 0
        low = text[a[0]:a[0] + 12].lower()
        place = next((c for c in g.bare_places if low.startswith(c) and not low[len(c):len(c) + 1].isalnum()), None)
        if place and words:
            after = a[0] + len(place)
            nxt = _word_at(text, after)
            if text[after:after + 1] == "/" or nxt and (_capitalised(nxt[2]) or nxt[2].lower() in g.place_pointers):
                return 0
            return after if " ".join(words).lower() in g.bare_place_domains else 0
        if a[2].lower() in g.stop or a[2] == "và" or g.verb_at.match(text, a[0]):
            return 0
        words.append(a[2])
        i = a[1]
    return 0


def _bridge(text: str, ws: int, g: Grammar, most: int = 4, compounds: bool = False, domain: bool = False):
    """Lowercase domain words followed by a capitalised part of the same name: where they end.
    Right after the type word they must be whole dictionary words (`xổ số điện toán`), not a verb (`thuê`).
    A stop word goes on only as a syllable of a dictionary word: after a domain word (`Vàng bạc đá quý Sài
    Gòn`), or, in a name written in sentence case (`domain`), before one (`Khoa học công nghệ Khải Thịnh`)."""
    if compounds:
        words, i = [], ws
        for _ in range(most):
            a = _word_at(text, i)
            if not a or _capitalised(a[2]):
                break
            words.append(a[2])
            i = a[1]
        if words and words[-1].lower() in g.connector_set and len(words) > 1:
            words.pop()  # `Bệnh viện đa khoa tỉnh Quảng Nam`: the place's level after the domain words, then the place
        k = 0
        while k < len(words):
            if k + 1 < len(words) and is_word(words[k], words[k + 1]):
                k += 2
            else:
                return None
    i, prev_low = ws, None
    for _ in range(most):
        a = _word_at(text, i)
        if not a:
            return None
        w = a[2]
        if _capitalised(w):
            if w[:1].isdigit() and i != ws and not compounds and _number_ends_name(text, a, g):
                return a[0]  # `Công ty TNHH Trang thiết bị vật tư y tế 736`: the company's number ends its name
            if w in g.stoppers or _person_follows(text, a[0], g) or i == ws or not w[:1].isalpha() \
                    or g.type_start.match(text, a[0]) or g.document_head.match(text, a[0]):
                return None  # `... và Cục Việc làm`, `giao Bộ Tư lệnh`: a new organization, not more of this one;
                # `ban hành Nghị định`: a document it issues
            return a[0]
        if w.isalpha() and w.lower() in g.stop and w != "và" and not g.verb_at.match(text, a[0]):
            compound = g.domain_compound.match(text, a[0]) if domain else None
            if compound:
                prev_low, i = None, compound.end()  # `giao thông`
                continue
            if prev_low and is_word(prev_low, w) and prev_low.lower() not in g.stop:
                prev_low, i = None, a[1]  # `đá` + `quý`
                continue
            b = _word_at(text, a[1]) if domain and not g.activity.match(text, a[0]) \
                and not g.predicate_compound.match(text, a[0]) else None
            if b and b[2].isalpha() and b[2].islower() and b[2] not in g.stop and is_word(w, b[2]):
                prev_low, i = None, b[1]  # `công` + `nghệ`
                continue
        if not w.isalpha() or w.lower() in g.stop or w == "và" or g.verb_at.match(text, a[0]):
            return None  # (`Cty Bảo Tín Minh Châu niêm yết vàng miếng SJC`: a business verb opens the predicate)
        prev_low, i = w, a[1]
    a = _word_at(text, i)
    if a and a[2][:1].isdigit() and not compounds and _number_ends_name(text, a, g):
        return a[0]
    if a and a[2][:1].isupper() and a[2] not in g.stoppers and not _person_follows(text, a[0], g) \
            and not g.type_start.match(text, a[0]) and not g.document_head.match(text, a[0]):
        return a[0]
    return None


def _number_ends_name(text: str, a, g: Grammar) -> bool:
    """After lowercase domain words, a whole number that no amount, counted noun or digit follows: the
    name's designator (`... vật tư y tế 736 phân phối`, `... 736.`), not a figure."""
    if not _DESIGNATOR.fullmatch(a[2], None, None, False) or g.amount_after.match(text, a[1]) or 1900 <= int(a[2]) <= 2100 \
            or text[a[1]:a[1] + 1] == "/" or g.ordinal_before.search(text, max(0, a[0] - 16), a[0], False):
        return False  # a year (`nhiệm kỳ 2020`), a date (`sáng 28/4`), an ordinal (`giai đoạn 2`)
    t = _token_at(text, a[1])
    if t is None or t[0] < 0:
        return True
    w = t[2]
    return w[:1].isupper() or w == "và" or bool(g.verb_at.match(text, t[0])) \
        or bool(g.activity.match(text, t[0])) or w.lower() in g.stop and w.lower() not in g.designator_not_before


def _address_after_dash(text: str, nxt) -> bool:
    """`Bệnh viện ĐKQT Thu Cúc - 286 Thụy Khuê, Tây Hồ`: a number after the dash with a capitalised word after it is
    a house number and its street, the place of the organization, not its name (`Sông Đà - 25` ends there)."""
    if not nxt[2][:1].isdigit():
        return False
    street = _word_at(text, nxt[1])
    return bool(street) and street[2][:1].isupper()


def _alias_after_dash(text: str, nxt, g: Grammar) -> bool:
    """`Hà Nội - Habeco (Mã CK: BHN)`: one brand word after a dash, then a parenthesis or a verb, is an alias."""
    ws, we, w = nxt
    if w in g.legal or g.country_re.match(text, ws):
        return False  # (`Bệnh viện Việt Nam-Cuba`: a country after the dash is the name's, a friendship's pair)
    if not brand_like(w):
        return False
    after = _TOKEN.match(text, we, None, False)
    return not after or bool(after.group("p")) or not _capitalised(after.group("w") or "")


def _enumeration_closes(text: str, pos: int, g: Grammar) -> bool:
    """`Sở Văn hóa, Thể thao và Du lịch`: a comma inside a name, closed by `và` + capital."""
    first = _word_at(text, pos)
    if not first or not first[2][:1].isupper() or first[2] in g.stoppers or g.type_start.match(text, first[0]):
        return False
    i = first[1]
    for _ in range(4):
        a = _word_at(text, i)
        if not a:
            return False
        if a[2] == "và":
            b = _word_at(text, a[1])
            return bool(b and b[2][:1].isupper())
        if not (a[2][:1].isupper() or (a[2].isalpha() and a[2].lower() not in g.stop)):
            return False
        i = a[1]
    return False


def _type_is_word_start(text: str, m, g: Grammar) -> bool:
    """`Bộ trưởng`, `Sở hữu`, `Hội nghị`, `Ban hành`: the type word begins another word here (`Bộ Luật`
    too, though capitalised: organizations.yaml not_org_phrases)."""
    if g.not_org_phrase.match(text, m.start()):
        return True
    a = _word_at(text, m.end())
    if not a or _capitalised(a[2]):
        return False
    return is_word(m.group("type").split()[-1], a[2])


def _organ_after(text: str, pos: int, g: Grammar) -> bool:
    """`Ban Giám đốc`, `Ban Kiểm soát`: an organ of a body (organ_words), which owns no figure."""
    rest = text[pos:pos + 24].lstrip()
    return any(rest.startswith(o) and not rest[len(o):len(o) + 1].isalnum() for o in g.organs_by_first.get(rest[:1], ()))


def coordinated(text: str, start: int, end: int) -> bool:
    """The name at [start, end) is one of several capitalised names joined as one subject or possessor
    (`Vietnam Airlines, Pacific Airlines và VASCO`, `Samsung C&T và PTSC`, `Công ty A cùng Quỹ B`), found or
    not as organizations, or a consortium's member (`liên danh X - Y`): what they do together is no one's.
    (A comma alone joins no names: `Theo VPBank, Techcombank ...` opens a clause.)"""
    memo = memo_of(text, "org_coordinated")
    found = memo.get((start, end))
    if found is None:
        g = grammar()
        words = g.coordinator_words  # (the patterns are tried only where one of these words stands)
        after = g.coord_after.match(text, end, min(len(text), end + 160), False) \
            if any(w in text[end:end + 160] for w in words) else None
        names = after.captures(1) + after.captures(2) if after else []
        if not names and any(w in text[max(0, start - 80):start] for w in words):
            before = g.coord_before.search(text, max(0, start - 80), start, False)
            names = [before.group(1)] if before else []
        found = any(_conjunct(n, g) for n in names) and all(_conjunct(n, g) for n in names) \
            and not _respective(text, after.end() if after else end, g) \
            or any(w in text[max(0, start - 80):start] for w in g.consortium_heads) \
            and bool(g.consortium_before.search(text, max(0, start - 80), start, False))
        memo[(start, end)] = found
    return found


_CLAUSE_END = engines.compile(r"[.!?](?=\s)|[;\n]")


def _respective(text: str, pos: int, g: Grammar) -> bool:
    """The clause after coordinated names gives each its own figure (`lần lượt`, `A và B tăng 15 và 28 bước`)."""
    stop = _CLAUSE_END.search(text, pos, min(len(text), pos + 240))
    return bool(g.respective.search(text, pos, stop.start() if stop else min(len(text), pos + 240), False))


def _conjunct(name: str, g: Grammar) -> bool:
    """A capitalised run that can be a conjunct of a name: not a word that opens a clause (`Theo`, `Năm`),
    not a unit or an indicator alone (`USD`, `GDP`)."""
    first = name.split()[0]  # (a place alone is none: `... tuyến Đức Long, Gia Lai và HTX X có 1 xe`)
    return first not in g.stoppers and first not in g.not_brands and not _NOT_A_NAME.fullmatch(first, None, None, False) \
        and name not in g.countries and not province_regex().fullmatch(name)


def find_mentions(text: str) -> list[Mention]:
    """Typed and well-known mentions, in text order (brands and aliases are added by linking)."""
    g = grammar()
    out: list[Mention] = []
    taken = Spans()
    for m in g.known_re.finditer(text):
        if " ".join(m.group(0).split()) not in g.known or g.member_after.match(text, m.end()):
            continue  # `Samsung Life`, `Samsung C&T`: another company of the group, not the one the list knows
        end = _unit_place(text, m.end())  # `VNPT Hưng Yên` is a unit of VNPT, not VNPT itself
        out.append(Mention(m.start(), end, " ".join(text[m.start():end].split()), kind="known"))
        taken.add(m.start(), end)
    for m in g.type_re.finditer(text):
        if m.start() in taken:
            continue
        t = " ".join(m.group("type").split())
        lower = t in g.lower_types and t not in g.types
        if (lower or t in g.company_abbreviations) and g.plural_end.match(text[max(0, m.start() - 8):m.start()], None, None, False):
            continue  # `các công ty X, Y`, `các HTX X, Y`: several, named in a list
        if lower and _inside_word(text, m.start(), t):
            continue  # `tịch thu công quỹ Nhà nước`: `công quỹ` (public funds) is one word, no `quỹ Nhà nước`
        if _type_is_word_start(text, m, g) or t in g.organ_holders and _organ_after(text, m.end(), g):
            continue
        if " " not in t and _capital_before(text, m.start()):
            continue  # `Hải Phòng`, `Tây Ban Nha`: inside another name
        if _publication(text, m.start(), g):
            continue  # `báo Bưu điện Hoa Nam Buổi sáng`: a newspaper's title, not the organization it names
        end = scan_name(text, m.end(), lower_type=lower, type_word=t)
        if end == m.end():
            continue  # a bare type word (`Công ty`) is resolved later as generic
        surface = " ".join(text[m.start():end].split())
        proper = text[m.end():end].strip()
        if g.plural_after.match(text, end) \
                or g.ranking_end.search(surface) and g.ranking_scope.match(text, end):
            continue  # `Hội Khuyến học các cấp`: every level's; `Viện Công nghệ số 1 thế giới`: a description
        if (lower or t in g.company_abbreviations) and (province_regex().fullmatch(proper) or proper in g.countries
                                                         or proper in g.demonyms):
            continue  # `công ty Trung Quốc`, `Cty Trung Quốc`, `ngân hàng Việt`: companies of a country, not a name
        out.append(Mention(m.start(), end, surface, kind="typed"))
        taken.add(m.start(), end)
    # a known short name inside a longer typed name (`Trung tâm Kinh doanh VNPT - Kiên Giang`) is part of it
    out.sort(key=lambda x: (x.start, -x.end))
    kept, reach = [], -1
    for x in out:
        if x.end <= reach and kept and (kept[-1].end - kept[-1].start) > (x.end - x.start):
            continue
        kept.append(x)
        reach = max(reach, x.end)
    _complete_from_article(text, kept)
    return kept


def _complete_from_article(text: str, mentions: list) -> None:
    """A typed name the article writes whole once is whole wherever the same words follow it: `Cục Xúc tiến`
    before `thương mại` is `Cục Xúc tiến thương mại` when the article has that name, as `Bộ Nông nghiệp và Phát
    triển` before `nông thôn` (lowercase domain words end a name only before a closing word, `_tail`; the article's
    own longer name tells where they belong). The words must follow on the same line, up to a word's end, and
    run into no other mention."""
    typed = [x for x in mentions if x.kind == "typed"]
    if len(typed) < 2:
        return
    surfaces = sorted({x.surface for x in typed})
    for k, x in enumerate(mentions):
        if x.kind != "typed":
            continue
        head = x.surface + " "
        longer = []  # (the surfaces that begin with `head` stand together in sorted order)
        for s in surfaces[bisect.bisect_left(surfaces, head):]:
            if not s.startswith(head):
                break
            longer.append(s)
        if not longer:
            continue
        nxt = mentions[k + 1].start if k + 1 < len(mentions) else len(text)
        for s in sorted(longer, key=len, reverse=True):
            m = _continuation(tuple(s[len(head):].split())).match(text, x.end, None, False)
            if m and m.end() <= nxt:
                x.end, x.surface = m.end(), s
                break


@functools.lru_cache(maxsize=1 << 10)
def _continuation(words: tuple):
    """The words, each after blanks of one line, up to a word's end (a pattern per name: `regex.compile`, whose
    kept patterns are bounded, not `engines.compile`, which keeps the patterns of the code)."""
    return regex.compile("".join(r"[ \t]+" + regex.escape(w) for w in words) + r"(?![\w&])")


def _inside_word(text: str, pos: int, type_word: str) -> bool:
    """A lowercase type word of one syllable that ends a word begun by the syllable before it (`công quỹ`,
    `thủ quỹ`, `ngân quỹ`): that word, not the type word. A type word of two syllables is a word itself
    (`giám đốc công ty` is not `đốc công`), and so is a syllable that ends a word with the one before it."""
    if " " in type_word:
        return False
    before = text[max(0, pos - 24):pos].split()
    if not before or not before[-1].isalpha() or not before[-1].islower() or not is_word(before[-1], type_word):
        return False
    return not (len(before) > 1 and is_word(before[-2], before[-1]))


def _publication(text: str, pos: int, g: Grammar) -> bool:
    """`báo Bưu điện ...`, `tờ ...` right before a type word, not `thông báo` (a word ending in `báo`)."""
    before = text[max(0, pos - 24):pos]
    if not any(map(before.__contains__, g.publication_words)):  # (`w in before` of each, no generator)
        return False  # the cue's first word is nowhere before: no need to search
    m = g.publication_before.search(before)
    if not m:
        return False
    prev = _PREV_TOKEN.search(text[max(0, pos - 24):pos - len(m.group(0)) + (1 if m.group(0)[:1].isspace() else 0)], None, None, False)
    cue = m.group(0).strip(" \t,(").split()
    return not (prev and len(cue) == 1 and is_word(prev.group(1), cue[0]))


def _capital_before(text: str, pos: int) -> bool:
    m = _at_end(_CAP_BEFORE, text[max(0, pos - 20):pos])
    return bool(m) and m.group(1) not in grammar().stoppers


def _unit_place(text: str, end: int) -> int:
    """A province after a name (`VNPT Hà Nội`, `Ngân hàng Chính sách xã hội tỉnh Hà Tĩnh`) names its unit there."""
    m = grammar().unit_place.match(text, end)
    if m:
        p = province_regex().match(text, m.end())
        if p:
            return p.end()
        if _BARE_TINH.match(text[end:end + 12], None, None, False):
            return end + text[end:end + 12].index("tỉnh") + 4
    return end


def find_generic(text: str, taken) -> list[Mention]:
    """Bare type words and anaphora (`Công ty`, `ngân hàng này`): refer to an organization of the article."""
    g = grammar()
    out = []
    taken = taken if isinstance(taken, Spans) else Spans(taken)
    rx = _generic_re()
    for m in rx.finditer(text):
        before = text[max(0, m.start() - 16):m.start()]
        if m.start() in taken or g.plural_before.match(before, None, None, False) \
                or g.generic_not_after.match(before, None, None, False) \
                or g.generic_not_before.match(text, m.end()):
            continue  # `các công ty`, `thuế thu nhập doanh nghiệp`, `công ty khác`, `đơn vị hành chính`
        if m.group(0) in g.clause_generics and not (_CLAUSE_OPEN.search(before)
                                                    and g.clause_generic_next.match(text, m.end(), None, False)):
            continue  # `Trường tuyển 3.500 chỉ tiêu` opens its clause; not `Trường hợp`, `Trường Sa`, `anh Trường`
        if m.group(0) in g.subject_generics and not (_CLAUSE_OPEN.search(before)
                                                     and g.subject_generic_next.match(text, m.end())):
            continue  # `Bệnh viện cũng rà soát ...` opens its clause on a predicate; not `Bệnh viện đa khoa`, `Sở hữu`
        if new_referent(text, m.start(), m.end()):
            continue  # `một công ty khởi nghiệp`, `công ty con của Nokia`: an unnamed one brought in, no reference
        head = g.described_head.match(text, m.start(), None, False)
        if head is not None and head.end() in taken:
            continue  # `công ty phần mềm Tuya Inc.`: the type word and the trade describe the name after them
        if m.group(0) not in g.clause_generics and m.group(0) not in g.subject_generics and _apposition(text, m.start(), taken):
            continue  # `Centricus, công ty giám sát 30 tỷ USD`: describes the name before it, not the article's org
        out.append(Mention(m.start(), m.end(), m.group(0), generic=True, kind="generic"))
    return out


def new_referent(text: str, start: int, end: int) -> bool:
    """The lowercase type word at text[start:end] brings in an unnamed organization (`một công ty`, `công ty con`)."""
    g = grammar()
    return text[start:start + 1].islower() and bool(g.new_referent_before.search(text[max(0, start - 12):start])
                                                     or g.new_referent_after.match(text, end))


def _apposition(text: str, start: int, taken) -> bool:
    """A generic type word right after a name no mention holds and a comma (`Centricus, công ty ...`): an
    apposition describing that name, not the article's organization."""
    if text.find(",", max(0, start - 40), start) < 0:
        return False
    m = grammar().apposed.search(text, max(0, start - 40), start)
    if not m:
        return False
    word = m.group(1)  # (after a name already found, the generic still refers back to it: kept)
    return (m.end(1) - 1) not in taken and word[:1].isupper() and brand_like(word) and not is_syllable(word)


@functools.lru_cache(maxsize=1)
def _generic_re():
    g = grammar()
    return Scan(engines.compile(r"(?<!&)" + patternbook.alternation(list(g.generic)) + r"(?!&)"), g.generic)


# Candidates only: capitals (`PNJ`, `ĐHĐCĐ`) or a capital and plain Latin letters (`Vietlott`, `VPBank`); a
# Vietnamese syllable with marks (`Hà`) is never a brand, so the regex skips it without a Python call.
_BRAND = regex.compile(r"(?<![\w&.\-])(?:\p{Lu}{2,}[\p{Lu}\d&]*|\p{Lu}[A-Za-z0-9&" + "".join(sorted(_FOREIGN_LETTERS))
                       + r"]+)(?:-\w+)*(?![\w&])")  # (`Nestlé`: the foreign letters of `_latin_marked`)


# Roman numerals (`XVII`, `IV`) and codes of capitals and three or more digits (a model `UX435`, a patient `BN2391`).
_NOT_A_NAME = regex.compile(r"(?:X{0,3}(?:IX|IV|V?I{0,3})|X{0,3}L?X{0,3})|\p{Lu}{1,3}-?\d{3,}")


def named_person(text: str, surface: str) -> bool:
    """The article calls this name a person (`ông Biden`, `tỷ phú Warren Buffett`, `Tổng thống Joe Biden`) or a
    thing (`giải European Super League`, `bộ phim Titanic`) somewhere: then it is never an organization."""
    person = _cues_before()[0]
    return any(person.match(text, 0, at, False) for at in _name_at(text, surface)) or named_thing(text, surface)


def named_thing(text: str, surface: str) -> bool:
    """The article calls this name a thing (`dòng AirPods mới`, `bộ phim Titanic`): a product or a work,
    however it is spelled (a brand's capitals do not make a product an organization)."""
    thing, n = _cues_before()[1], len(surface)
    return any(thing.match(text, 0, at) and not _CAP_AFTER.match(text, at + n)
               for at in _name_at(text, surface, quoted=True))


def model_name(text: str, surface: str) -> bool:
    """The article writes the name after a maker's brand (`Ford EcoSport`, `Hyundai Kona`): a model, a product,
    so `EcoSport bán được 2.800 chiếc` is no organization acting. The maker is a capitalised foreign word (no
    Vietnamese syllable: `Sau VinFast` is no maker), not all capitals (`PV GAS` is one name), and short as brands
    are (`CEO Telecommunication Umlaut`: a unit's description, not a maker). (Read as a left-to-right scan for
    `Maker surface` would read it: a maker inside the previous pair's surface is not one.) A name the article
    writes before more models than it follows makers is itself the maker (`Speake-Marin Crazy Skulls`,
    `Speake-Marin One`, ... beside its founder `Peter Speake-Marin`)."""
    g = grammar()
    maker, last = _cues_before()[2], 0
    models, heads = 0, 0
    for at in _name_at(text, surface):
        end = at + len(surface)
        if _CAP_AFTER.match(text, end, None, False):
            heads += 1
        m = maker.match(text, 0, at, False)
        if m is None or m.start() < last:
            continue
        last = end
        w = m.group(1)
        if not is_syllable(w) and w not in g.stoppers and w not in g.not_brands:
            models += 1
    return models > 0 and heads <= models


def _name_at(text: str, surface: str, quoted: bool = False):
    """Where `surface` stands after a blank and before no word character nor `&` (str.find: no pattern
    compiled per name; the cue before it is then matched backwards from there, `_cues_before`); `quoted`: after
    an opening quotation mark too (a work's title: `bộ phim "Titanic"`)."""
    n = len(surface)
    at = text.find(surface, 1)
    while at >= 0:
        if (text[at - 1] in " \t" or quoted and text[at - 1] in _OPEN_QUOTES) and not _NAME_GOES_ON.match(text, at + n):
            yield at
        at = text.find(surface, at + 1)


@functools.lru_cache(maxsize=1)
def _cues_before():
    """What ends right before a name: a person's cue (`ca sĩ 29 tuổi Nick Jonas`), a thing's, a maker's word."""
    g = grammar()
    person = regex.compile(g.person_cue + r"[ \t]+(?:\d+[ \t]+" + patternbook.choice(patternbook.load("organizations")["age_words"])
                           + r"[ \t]+)?(?:\p{Lu}[\w.]*[ \t]+){0,2}", regex.REVERSE)
    thing = regex.compile(g.thing_cue + r"[ \t]+" + _OPEN_QUOTE + r"?", regex.REVERSE)   # (`Bom tấn 'Wonder Woman'`)
    maker = regex.compile(r"(?<![\w&.-])(\p{Lu}\p{Ll}[A-Za-z]{0,8})[ \t]+", regex.REVERSE)
    return person, thing, maker


_NAME_GOES_ON = engines.compile(r"[\w&]")
_OPEN_QUOTES = "'\"“‘"
_OPEN_QUOTE = "[" + regex.escape(_OPEN_QUOTES) + "]"
_CAP_AFTER = regex.compile(r"[ \t]+\p{Lu}")


def brand_candidates(text: str, taken) -> list[tuple[int, int, str]]:
    """Brand-like capitalised runs (`PV GAS`, `LienVietPostBank`, `Tokyo Gas`, `Ford Việt Nam`) outside other mentions."""
    g = grammar()
    out = []
    pos = 0
    taken = taken if isinstance(taken, Spans) else Spans(taken)
    not_brands, word_at, brand_word, countries = g.not_brands, _word_at, _brand_word, g.countries
    inside = taken.__contains__
    memo, token = memo_of(text, "tokens"), _token_at  # (`_word_at` without asking for the memo per word)
    for m in _BRAND.finditer(text, 0, None, False, False):  # (concurrent=False: the GIL note in `designators`)
        s, e = m.span()
        if s < pos:
            continue
        w = text[s:e]
        corp = _corporate_at(text, s, w, g)
        if corp:
            if not inside(s):
                out.append((s, corp, " ".join(text[s:corp].split())))
            pos = corp
            continue
        caps = brand_word(w)
        if caps is None:
            if w not in countries or text[e:e + 1] != " " or (word_at(text, e) or (e, e, ""))[2] not in g.country_brand_tails:
                continue  # `khóa XVII`, `UX435`, `BN2391`: a number or a code, not a name
            caps = False  # `Qatar Airways`, `Singapore Airlines`: a country's name opening a company's
        if inside(s):
            continue
        # (no blank right before: no word before it, `_prev_token` would say None)
        if text[s - 1:s] in _BLANKS_NL:
            prev = _prev_token(text[s - 30 if s > 30 else 0:s])
            if prev and _name_goes_on(prev):
                continue  # `iPhone 12 Pro Max`, `Galaxy A52`: inside a longer name
        words_after, e0 = 0, e
        # more words of the brand: brand-like, a single capital, a number, each after one space (a lowercase
        # first letter ends it before any of that is read)
        while text[e:e + 1] == " " and text[e + 1:e + 2] not in _BLANKS and not text[e + 1:e + 2].islower():
            a = memo.get(e, _UNREAD)
            if a is _UNREAD:
                a = token(text, e, memo)
            if not a or a[0] < 0 or a[2] in not_brands:
                break
            nxt = a[2]
            if caps and not (nxt.isupper() or nxt.isdigit()):
                after = word_at(text, a[1])
                if words_after or (after and text[a[1]:after[0]] == " " and after[2][:1].isupper() and len(after[2]) > 1):
                    break  # `FE Credit`, `PV Gas D`, but `IHME Christopher Murray` is a person after an acronym
                words_after += 1
            if not (brand_like(nxt) or len(nxt) == 1 and nxt.isupper() or nxt.isdigit()):
                break
            e = a[1]
        if text.startswith(g.arm_suffix, e) and not text[e + len(g.arm_suffix):e + len(g.arm_suffix) + 1].isalnum():
            e += len(g.arm_suffix)
        pos = e
        if w in g.person_cue_words:
            continue  # `Sheikh Mansour`: a title and a person's name
        if w in g.not_brand_heads:
            continue  # `USD Việt Nam`, `HĐQT LienVietPostBank`: a unit or a role first (the brand is read on its own)
        surface = w if e == e0 else " ".join(text[s:e].split())  # (a match holds no blank)
        if surface in not_brands or " " not in surface and w in not_brands or surface in g.kind_words:
            continue  # (`CLB`, `HTX` alone: an org-type word, a kind of organization, no name: `không có CLB nào`)
        out.append((s, e, surface))
    return out


def _corporate_at(text: str, s: int, w: str, g) -> int:
    """The end of a foreign company's name with its company tail starting at `s` (`Tuya Inc.`, `William Grant &
    Sons`, `RLX Technology Inc.`), else 0. The words before the tail must name something: not a stop word first
    (`Theo AG`), not a unit or a role, not a country or a city alone (`Anh N.V`)."""
    if w in g.stoppers or w in g.not_brands or w in g.not_brand_heads or w in g.person_cue_words:
        return 0
    # (gate, exact: the pattern ran at ~30 capitalised words a document, a `regex` call each. Its first word spans all of
    # `w` (a `_BRAND` match holds no blank nor comma) and goes on by `'` or `-`, or a blank or a comma follows it,
    # and after a blank a capital (a tail or a word of its letters), `&` or another blank: most capitalised words
    # fail one of these)
    if w[1:].strip(g.corporate_word_letters) or not w[:1].isupper():
        return 0
    e = s + len(w)
    c = text[e:e + 1]
    if c == " " or c == "\t":
        n = text[e + 1:e + 2]
        if n.isupper():   # the second word: a tail, or a name's word (then a blank, or a comma before a tail)
            n = text[e + 1:e + 41].split(None, 1)[0]
            if not n.startswith(g.corporate_probes) and n[1:].rstrip(",").strip(g.corporate_word_letters):
                return 0
        elif n not in " \t&":
            return 0
    elif c not in ",'-":
        return 0
    m = g.corporate_name.match(text, s, None, False)
    if m is None:
        return 0
    name = m.group(1)
    if name in g.countries or name in g.world_cities or name in g.not_brands:
        return 0
    if any(text.endswith(c, 0, s + len(w)) for c in _spaced_places(g) if c.endswith(" " + w)):
        return 0  # `Việt Nam Sun Group`: the place before the name ends here, `Nam` opens no name
    if text[m.end() - 1] != "." and _CAP_AFTER.match(text, m.end(), None, False):
        return 0  # `Outlander Sport Limited Edition`: the capitalised name goes on, a product's
    return m.end()


@functools.lru_cache(maxsize=1)
def _spaced_places(g) -> tuple:
    return tuple(c for c in set(g.countries) | set(g.world_cities) if " " in c)


_BLANKS = frozenset(" \t")
_BLANKS_NL = frozenset(" \t\n")


@functools.lru_cache(maxsize=1 << 14)
def _name_goes_on(p: str) -> bool:
    """The word before a brand-like word (`iPhone` before `12`, `Galaxy` before `A52`) makes it part of a longer name."""
    g = grammar()
    return bool(p) and bool(p.isdigit() or _HAS_UPPER.search(p) and not _PUNCT_END.search(p)
                            and p not in g.stoppers and p not in g.not_brands and not g.brand_before.search(p, None, None, False))


@functools.lru_cache(maxsize=1 << 16)
def _brand_word(w: str):
    """None when `w` cannot begin a brand (not brand-like, a stop word, a country, a numeral or a code),
    else whether it is written in capitals (`PNJ`: only capitals or numbers may follow it)."""
    g = grammar()
    if not brand_like(w) or w in g.stoppers or w in g.countries or _NOT_A_NAME.fullmatch(w, None, None, False):
        return None
    return strong_brand(w) and not _HAS_LOWER.search(w, None, None, False)


@functools.lru_cache(maxsize=1 << 16)
def strong_brand(word: str) -> bool:
    """Capitals or CamelCase (`PNJ`, `VPBank`): spelled as a brand, unlike a foreign name (`Shiloh`). CamelCase
    after capitals (`VPBank`, `ABBank`: an acronym and a word) is Latin only (not `UBNDtỉnh`, two words glued)."""
    letters = [c for c in word if c.isalpha()]
    return (len(letters) >= 2 and all(c.isupper() for c in letters)) or bool(_LOWER_UPPER.search(word, None, None, False)) \
        or word.isascii() and bool(_CAPS_WORD.search(word, None, None, False))


_CAPS_WORD = regex.compile(r"\p{Lu}\p{Lu}\p{Ll}")


def acts_as_org(text: str, start: int, end: int) -> bool:
    """A brand does what organizations do: a business verb after it, or an org cue before it; never after
    a source's or a person's cue (tested last: most brands do nothing here). Each pattern is tried only
    where the letters or the word it must begin or end with stand (`verb_heads`, `brand_before_lasts`)."""
    g = grammar()
    before = text[max(0, start - 30):start]
    after = text[end:end + 40]
    listed = after[:1] == ":" and _LABEL_COLON.match(after[:4]) and _LINE_START.search(text[max(0, start - 6):start])
    # the after-patterns' heads tested here once (three brands in four begin none); `_sells_counted` reads 60
    # characters, which begin as these 40 when two letters stand in them (else it is asked as before)
    head = after.lstrip()[:2]
    if not (listed or (g.verb_heads is None or head in g.verb_heads)
            and _verb_may_follow(after, g.verb_firsts) and _acts_rx(text, start, end, before, g).match(after)
            or g.brand_before_lasts.may(before) and g.brand_before.match(before, None, None, False)
            or (g.counted_heads is None or head in g.counted_heads or len(head) < 2)
            and _sells_counted(text, start, end, before, g)
            or (g.launch_heads is None or head in g.launch_heads) and _launches(after, before, g)):
        if not (_described(text, start, g) or _apposed_mark(after) and g.described_after.match(after)):
            return False  # (listed: a list of figures by name, `Tesla: 80.162 USD mỗi phút`)
    return not (g.source_before.match(before) or g.person_before.match(before))


def _acts_rx(text: str, start: int, end: int, before: str, g):
    """The verbs that make a brand act: a brand in capitals or CamelCase does what anyone does (`activity`), a
    foreign word in sentence case only what a business does (`business`); a brand's Vietnamese arm opening a
    clause (`Toyota Việt Nam giảm giá`, `Unilever Việt Nam đóng góp`: a subsidiary's own name, never a
    person's or a place's) also what a seller and an employer do (`arm_verbs`)."""
    name = text[start:end]
    if name.endswith(g.arm_suffix) and name.count(" ") == 2 and _CLAUSE_OPEN.search(before):
        return g.arm_activity
    return g.activity if strong_brand(name.split()[0]) else g.business


def _sells_counted(text: str, start: int, end: int, before: str, g) -> bool:
    """`Tesla giao 184.800 xe`, `Amazon thuê thêm 400.000 nhân viên`: a name opening a clause that sells, opens or
    hires a count of a business's goods or staff (`counted_business_acts`); not a world city (`London mở ...`).
    One word only: a maker and a model (`Toyota Vios bán được 17.000 xe`) is a product selling, not a company;
    but a brand's Vietnamese arm (`Honda Việt Nam bán được 2 triệu xe`, read by `brand_candidates`) is one."""
    after = text[end:end + 60]
    if g.counted_heads is not None and after.lstrip()[:2] not in g.counted_heads:
        return False
    name = text[start:end].removesuffix(g.arm_suffix)
    return " " not in name and name not in g.world_cities and bool(_CLAUSE_OPEN.search(before)) \
        and bool(g.counted_act.match(after))


def _launches(after: str, before: str, g) -> bool:
    """`Speake-Marin cho ra mắt bộ sưu tập Spirit`, `bộ sưu tập được Speake-Marin giới thiệu`: the brand presents,
    launches or makes a product (organizations.yaml `launch_verbs`, `maker_agent_verbs`)."""
    if g.launch_heads is not None and after.lstrip()[:2] not in g.launch_heads:
        return False
    if g.launch.match(after):
        return True
    return bool(g.maker_agent_before.search(before, None, None, False)) and bool(g.maker_agent.match(after))


_APPOSED_MARKS = frozenset(",-–")


def _apposed_mark(after: str) -> bool:
    """`after` opens on a comma or a dash, or on spaces and then one (tabs only after a space): where
    `described_after` may match; most brands are followed by a space and a word."""
    c = after[:1]
    return c in _APPOSED_MARKS or c == " " and after.lstrip(" \t")[:1] in _APPOSED_MARKS


def _described(text: str, start: int, g) -> bool:
    """`hãng điện thoại cao cấp Vertu`, `tập đoàn bán lẻ Walmart`: a lowercase type word and what the company
    does, right before the brand (a typed name reads only a capitalised name after its type word)."""
    before = text[max(0, start - 48):start]
    if not g.described_lasts.may(before):
        return False
    low = before.lower()
    return any(t in low for t in g.described_types) and bool(g.described_type.search(before))


# (three words or more: a run of two is never a name here, and read by `+` it was one Python turn in four)
_CAP_RUN = regex.compile(r"(?<![\p{L}\d&.\-])\p{Lu}\p{Ll}*(?:[ \t]+\p{Lu}\p{Ll}*){2,}(?![\p{L}\d&\-])")


def syllable_names(text: str, taken) -> list[tuple[int, int, str]]:
    """Runs of three or four capitalised Vietnamese syllables outside other mentions (`Bảo Tín Minh Châu`):
    a brand made of Vietnamese words, which `brand_candidates` never reads. Not a person's (a family name
    first), a province's or a country's; a sentence's first word (`Theo`, `Tại`) is no part of it. Whether it
    names an organization is the caller's question (`syllable_brand`)."""
    g = grammar()
    taken = taken if isinstance(taken, Spans) else Spans(taken)
    out = []
    for m in _CAP_RUN.finditer(text, 0, None, False, False):  # (concurrent=False: the GIL note in `designators`)
        words, s = m.group(0).split(), m.start()
        while words and words[0] in g.stoppers:
            s = text.index(words[1], s + len(words[0])) if len(words) > 1 else m.end()
            words = words[1:]
        if not 3 <= len(words) <= 4 or words[0] in g.family or not all(map(is_syllable, words)):
            continue
        e = m.end()
        surface = " ".join(words)
        if s in taken or e - 1 in taken or any(w in g.stoppers or w in g.not_brands for w in words) \
                or g.type_start.match(text, s) or province_regex().search(surface) \
                or g.country_re.search(surface):
            continue
        out.append((s, e, surface))
    return out


def syllable_brand(text: str, spans) -> bool:
    """A run of Vietnamese syllables names a company when it does business (`X niêm yết`, a business verb:
    an activity verb is done by places and people too) and the article also places it as one: a shop, a
    brand, a representative before it (`syllable_brand_before`, `cửa hàng X`) or a company referred back to
    (`công ty này`)."""
    g = grammar()
    if not any(g.business.match(text[e:e + 40]) for _, e in spans):
        return False
    return any(g.syllable_brand_before.match(text, max(0, s - 30), s, False) for s, _ in spans) \
        or bool(g.company_pointer.search(text))


def ticker_moves(text: str, start: int, end: int) -> bool:
    """`BHN giảm 47%`, `BHN (-5,9%)`: a code of three capitals moving by a percentage is a listed company's
    ticker (an index, a currency or a rate of three capitals is in `not_brands` and never reaches here)."""
    w, g = text[start:end], grammar()
    if not (len(w) == 3 and w.isascii() and w.isalpha() and w.isupper() and g.ticker_move.match(text, end)):
        return False
    return _prev_token(text[max(0, start - 24):start]) not in g.ticker_not_after  # `giá vàng SJC tăng 30%`: the gold


def is_source(text: str, mention: Mention) -> bool:
    """`theo Tổng cục Thống kê`, `số liệu của X`: a news or statistics source, not an owner."""
    before = text[max(0, mention.start - 40):mention.start]
    g = grammar()
    last = before.rstrip()[-1:]  # a source cue ends on one of its phrases' last letters (case-sensitive)
    return bool(last in g.source_lasts and g.source_before.match(before, None, None, False)
                or ("của" in before or any(w in before for w in g.source_links)) and g.source_of.search(before, None, None, False))


def is_reporting(text: str, mention: Mention) -> bool:
    """`IATA dự báo`, `X cho biết`: the organization speaks here; it does not act."""
    g = grammar()
    after = text[mention.end:mention.end + 30]
    return is_source(text, mention) or bool((g.reporting_heads is None or after.lstrip()[:2] in g.reporting_heads)
                                            and g.reporting_after.match(after))


TICKER_CODE = r"\p{Lu}[\p{Lu}\d]{2}"   # a share's code of three capitals (`HPG`, `VC3`)


@functools.lru_cache(maxsize=1)
def _defined_re():
    labels = sorted(patternbook.load("organizations")["alias_labels"], key=len, reverse=True)
    return regex.compile(r"(?<![\w&.\-])(?P<name>\p{Lu}[\p{L}\d&.\-]*(?:[ \t]+\p{Lu}[\p{L}\d&.\-]*){1,5})[ \t]*\([ \t]*"
                         r"(?:(?P<label>" + "|".join(map(regex.escape, labels)) + r")[ \t]*:?[ \t]*)?"
                         r"(?P<code>" + TICKER_CODE + r")[ \t]*\)")


_CODE_CLOSE = regex.compile(TICKER_CODE + r"[ \t]*\)", regex.REVERSE)


def _defined_matches(text: str):
    """`_defined_re().finditer(text)`, tried only before a `)` closing a code: a match holds no `)` but its
    last and no line break, so each stands alone between the previous `)` or line break and its own."""
    rx, after = _defined_re(), 0
    q = text.find(")")
    while q >= 0:
        if _CODE_CLOSE.match(text, 0, q + 1, False):
            m = rx.search(text, max(after, text.rfind("\n", 0, q) + 1), q + 1, False)
            if m is not None:
                yield m
        after = q + 1
        q = text.find(")", after)


_CLAUSE_OPEN = engines.compile(r"(?:^|[.,;:!?()\"“”\n–-])\s*$")


def defined_names(text: str, taken) -> list[tuple[int, int, str, str, bool]]:
    """`Hoàng Anh Gia Lai (HAG)`, `Hòa Phát (mã: HPG)`: a name of two or more capitalised words that the
    article defines by a three-letter code in parentheses, outside other mentions, as
    (start, end, name, code, labelled). Whether it names an organization is the caller's question:
    an acronym also defines indices and diseases (`US Dollar Index (DXY)`); a ticker label does not."""
    g = grammar()
    taken = taken if isinstance(taken, Spans) else Spans(taken)
    out = []
    for m in _defined_matches(text):
        start, words = m.start("name"), m.group("name").split()
        while words:  # `Theo Hoàng Anh Gia Lai (HAG)`: a sentence's first word is no part of the name
            n = 2 if len(words) > 1 and f"{words[0]} {words[1]}" in g.stoppers else 1 if words[0] in g.stoppers else 0
            if not n:
                break
            for w in words[:n]:
                start = text.index(w, start) + len(w)
            words = words[n:]
        if len(words) < 2:
            continue
        start = text.index(words[0], start)
        end = m.end("name")
        name = " ".join(words)
        before = text[max(0, start - 30):start]
        if not (_CLAUSE_OPEN.search(before) or g.brand_before.match(before) or g.defined_after.match(before)):
            continue  # `CTCP Đầu tư và xây dựng Xuân Mai (XMC)`: the capitalised tail of a longer name
        if start in taken or end - 1 in taken or province_regex().fullmatch(name) or name in g.countries:
            continue
        out.append((start, end, name, m.group("code"), bool(m.group("label"))))
    return out


# -- kinds of organization ------------------------------------------------------------------------

@functools.lru_cache(maxsize=1 << 14)
def type_of(name: str) -> str:
    """The type word a name opens on (`Công ty`, `Ngân hàng TMCP`), or ''."""
    g = grammar()
    if g.types_by_first is None:
        for t in g.types:
            if name.startswith(t + " ") or name == t:
                return t
        return ""
    for t, ts in g.types_by_first.get(name[:1], ()):
        if name.startswith(ts) or name == t:
            return t
    return ""


@functools.lru_cache(maxsize=1 << 14)
def is_generic(name: str) -> bool:
    """A type word with no proper part (`Công ty`, `ngân hàng này`): it refers back, it names no one."""
    g = grammar()
    if name in g.generic or name.lower() in g.generic_lower:
        return True
    t = type_of(name)
    return bool(t) and not any(w[:1].isupper() or w[:1].isdigit() for w in name[len(t):].split())


@functools.lru_cache(maxsize=1 << 14)
def category(name: str) -> str | None:
    """The kind of organization a name's type word says (organizations.yaml `org_types`: company, bank, state...)."""
    t = type_of(name)
    if not t:
        return None
    for cat, group in patternbook.load("organizations")["org_types"].items():
        if t in group:
            return cat
    return None


def org_category(o) -> str:
    """The kind of an organization (anything with `names`): its first typed name's, else a business."""
    cats = [c for c in (category(n) for n in o.names if not is_generic(n)) if c]
    return cats[0] if cats else "company"  # a brand or a well-known short name: a business


def branded_category(o) -> str | None:
    """The kind an untyped organization's brand says by its last word (`ABBank`, `Saigonbank`: a bank), or None."""
    if any(category(n) for n in o.names if not is_generic(n)):
        return None
    return next(filter(None, map(brand_category, o.names)), None)


@functools.lru_cache(maxsize=1 << 12)
def brand_category(name: str) -> str | None:
    """The kind a brand's last word ends on (organizations.yaml `brand_category_endings`), or None."""
    words = name.split()
    if not words or not name[:1].isupper():
        return None
    last = words[-1].lower()
    for cat, endings in patternbook.load("organizations")["brand_category_endings"].items():
        if any(last.endswith(e) and len(last) > len(e) + 1 for e in endings) or \
                (len(words) > 1 and last in endings):  # `ABBank`, `Saigonbank`; `Deutsche Bank`
            return cat
    return None
