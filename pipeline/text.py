"""Normalise article text and split it into paragraphs, sentences and clauses.

Offsets are the contract (FACTS.md): every change here keeps the string's
length, so an offset in the normalised text is an offset in the NFC text the
scorer and the journalist see (`unglued` alone inserts blanks, and gives their places
for `extract` to map offsets back). Unicode NFC is applied first (it may change
the length; documents are stored NFC).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import regex

from . import engines
from . import lexicon, patternbook

# Old-style tone placement (`hoà`, `thuỷ`) -> new style (`hòa`, `thủy`): same length.
_TONE_SWAP = {}
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
for _pair in ("oa", "oe", "uy"):
    for _tone in _TONES:
        for _case in (str.lower, str.capitalize, str.upper):
            old = _case(_pair[0] + unicodedata.normalize("NFC", _pair[1] + _tone))
            new = _case(unicodedata.normalize("NFC", _pair[0] + _tone) + _pair[1])
            _TONE_SWAP[old] = new
_TONE_RE = engines.compile(r"(?<![qQ])(?:" + "|".join(map(regex.escape, _TONE_SWAP)) + r")(?!\w)")
# Blanks other than the space and the newline (the invisible characters among them): each becomes a space.
_ODD_BLANKS = "\u00a0" + "".join(map(chr, range(0x2000, 0x200c))) + "\u202f\u205f\u3000\t\u200c\u200d\u2060\ufeff\u00ad"
_BLANKS = engines.compile("[" + _ODD_BLANKS + "]")
# Invisible characters inside a word (`tr\u200biệu`, a soft hyphen): moved to the
# word's end, so the letters join and the length stays.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_HIDDEN_IN_WORD = regex.compile(rf"\p{{L}}[\p{{L}}\p{{M}}]*(?:[{_INVISIBLE}]+[\p{{L}}\p{{M}}]+)+")
_INVISIBLE_RE = engines.compile(f"[{_INVISIBLE}]")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# Cheap tests first (most texts have no odd blank and no old-style tone at a word's end). A `re` scan of a
# character class costs ~55 instructions a character; `str.__contains__` of one character and a `re` scan for
# one literal first letter are memchr-like.
# The old-style pairs by their first letter (`o`: `oà`, `oá` ...): every match of `_TONE_RE` starts with one.
_PAIRS = [re.escape(f) + "[" + "".join(sorted(k[1] for k in _TONE_SWAP if k[0] == f)) + "]"
          for f in sorted({k[0] for k in _TONE_SWAP})]
_OLD_PAIRS = [re.compile(p).finditer for p in _PAIRS]
_LETTER_AT = re.compile(r"[^\W\d_]").match
# the gate alone: a pair before no letter of `re` (most texts hold none: then no pair is read one by one)
_GATE_PAIRS = [re.compile(p + r"(?![^\W\d_])").search for p in _PAIRS]


def shadow(text: str) -> str:
    """A same-length copy for matching: odd blanks -> space, tone marks placed one way."""
    out = text
    if patternbook.holds_any(text, _ODD_BLANKS):
        out = _HIDDEN_IN_WORD.sub(_join_word, text, 0, None, None, False) if has_invisible(text) else text
        out = _BLANKS.sub(" ", out)
    if _old_tones(out):
        out = _TONE_RE.sub(lambda m: _TONE_SWAP[m.group(0)], out)
    assert len(out) == len(text)
    return out


# a bracket holding no other bracket (asides, conversions, acronyms)
BRACKET = engines.compile(r"\([^()]*\)")

_GLUE_DIGIT = regex.compile(r"(?=\d)(?<=\p{Ll})")   # (a digit first: the lookbehind is tried at digits only)
_GLUE_WORD = regex.compile(r"\p{Ll}+$")
_GLUE_NUMBER = regex.compile(r"(?!0\d)\d[\d.,]*(?![\d@]|\.\p{L})")


def unglued(text: str) -> tuple[str, list]:
    """`text` with a blank put in before each figure glued to the word before it (`đạt1.885 tỷ đồng`), and the
    places (indices of `text`) where one went in; ``(text, [])`` when there is none (patterns/text.yaml
    `glued_word_after`)."""
    at = []
    for m in _GLUE_DIGIT.finditer(text, 0, None, False, False):
        p = m.start()
        w = _GLUE_WORD.search(text, max(0, p - 12), p, False)
        if w is None or w.end() - w.start() < 2 or not _GLUE_NUMBER.match(text, p, None, False):
            continue
        a = w.start()
        if a and not text[a - 1].isspace() and text[a - 1] not in _GLUE_OPEN:
            continue
        if shadow(w.group(0)) in lexicon.syllables():
            at.append(p)
    if not at:
        return text, at
    parts, last = [], 0
    for p in at:
        parts.append(text[last:p])
        last = p
    parts.append(text[last:])
    return " ".join(parts), at


def _old_tones(s: str) -> bool:
    r"""Whether the swap changes `s`, as the gate the swap has always had decides: a pair before no letter of `re`
    (`(?![^\W\d_])`: the gate), and a pair `_TONE_RE` swaps (not after `q`, before no `regex` `\w`: `quá`, the
    commonest pair before no letter, is neither swapped nor a reason to run the swap over the whole text)."""
    for gate_pair in _GATE_PAIRS:
        if gate_pair(s):
            break
    else:
        return False
    gate = swap = False
    end = len(s)
    for pairs in _OLD_PAIRS:
        for m in pairs(s):
            a, b = m.span()
            gate = gate or not _LETTER_AT(s, b)
            swap = swap or (a == 0 or s[a - 1] not in "qQ") and (b == end or not patternbook.is_word_char(s[b]))
            if gate and swap:
                return True
    return False


def _join_word(m) -> str:
    w = m.group(0)
    letters = _INVISIBLE_RE.sub("", w)
    return letters + " " * (len(w) - len(letters))


def true_end(text: str, sh: str, end: int) -> int:
    """The end in `text` of a match that ends a word of the shadow whose invisible
    characters were moved to its end: past the letters the shadow shows as blanks."""
    while end < len(sh) and sh[end] == " " and (text[end].isalpha() or unicodedata.category(text[end])[0] == "M"):
        end += 1
    return end


def has_invisible(text: str) -> bool:
    # (`str.__contains__` per character: 20x faster than the class scanned by `regex`)
    return patternbook.holds_any(text, _INVISIBLE)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int  # index of the paragraph (block between blank lines or newlines)


# Abbreviations whose dot does not end a sentence; a company's tail, whose dot ends one unless another tail
# follows (`Holding Co. Ltd`).
_TEXT = patternbook.load("text")   # (patterns/text.yaml)
_GLUE_OPEN = frozenset(str(c) for c in _TEXT["glued_word_after"])
_ABBREVIATIONS = tuple(str(w) for w in _TEXT["sentence_abbreviations"])
_ABBREV = patternbook.choice(_ABBREVIATIONS)
_TAILS = tuple(str(w) for w in _TEXT["company_tail_abbreviations"])
# Sentence-final marks, never across a newline (the lines are the paragraphs).
_MARKS, _CLOSERS, _OPENERS = ".!?…", "\"”’)", "\"“‘("
_SENT_END_ALL = regex.compile(
    rf"(?<!\b{_ABBREV})(?<!\b\p{{Lu}})"
    rf"(?!(?<=\b{patternbook.choice(_TAILS)})\.[{_CLOSERS}]*[^\S\n]+{patternbook.choice(_TEXT['company_tail_followers'])}(?!\w))"
    rf"[{_MARKS}]+[{_CLOSERS}]*(?=[^\S\n]+[{_OPENERS}]?[\p{{Lu}}\d])"
)
# Its candidates, found by `re` with one pattern per mark: a literal first character is a memchr-fast scan, where
# `regex`, or `re` with a class, tries ~55 instructions at every character. A match is the first mark of a run
# (the marks and closers after it: `_SENT_END_ALL`'s match), its groups the other marks, the blanks and the
# character after them; `re`'s blank holds every blank of `regex` (tests/test_patterns.py) and `\S` every
# capital and digit, so every match of `_SENT_END_ALL` ends one of these.
_RUNS = {m: re.compile(rf"{re.escape(m)}(?<![{_MARKS}]{re.escape(m)})([{_MARKS}]*)[{_CLOSERS}]*"
                       rf"(?=([^\S\n]+)[{_OPENERS}]?(\S))").finditer for m in _MARKS}
_ABBREVIATIONS_BY_LAST: dict = {}   # the last letter of an abbreviation -> those ending with it
for _w in _ABBREVIATIONS + _TAILS:
    _ABBREVIATIONS_BY_LAST[_w[-1]] = _ABBREVIATIONS_BY_LAST.get(_w[-1], ()) + (_w,)
_BLANK = patternbook.CharClass(r"\s")
_CAPITAL = patternbook.CharClass(r"\p{Lu}")
_CAPITAL_OR_DIGIT = patternbook.CharClass(r"[\p{Lu}\d]")


def _sentence_ends(text: str) -> list:
    """The ends of `_SENT_END_ALL.finditer(text)`: each candidate of `_RUNS` whose blanks are `regex`'s and whose
    character after them (after an opening quote) is a capital or a digit. A run of marks ends there whichever
    of its marks the match begins with, so the lookbehinds matter only for a run of one mark (a later mark
    follows a mark), and only after a capital, an abbreviation or a company tail: there the pattern itself decides."""
    ends = []
    for mark, runs in _RUNS.items():
        if mark not in text:
            continue
        for m in runs(text):
            more, blanks, first = m.groups()
            if blanks != " " and not all(map(_BLANK.__getitem__, blanks)) or not _CAPITAL_OR_DIGIT[first]:
                continue
            start = m.start()
            if not more and start:
                before = text[start - 1]
                if (_CAPITAL[before] or text.endswith(_ABBREVIATIONS_BY_LAST.get(before, ()), 0, start)) \
                        and _SENT_END_ALL.match(text, start, None, False) is None:   # (concurrent=False: no GIL round)
                    continue
            ends.append(m.end())
    ends.sort()
    return ends


_PARA = engines.compile(r"\n")


# No real sentence or paragraph comes near these (the longest of 26,000 archive
# sentences: 950 characters); a longer run is cut, so that the context read
# around each figure stays bounded and extraction stays linear in the length.
MAX_SENTENCE = 2000
MAX_PARAGRAPH = 5000


def sentences(text: str) -> list[Sentence]:
    """Split on newlines, then on sentence-final punctuation before a capital or digit."""
    out: list = []   # (start, end, paragraph): a Sentence is made once, trimmed
    pos = 0
    para = 0
    ends = _sentence_ends(text)
    k, n = 0, len(ends)
    for line in text.split("\n"):
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        if not line or line.isspace():
            continue
        start = line_start
        while k < n and ends[k] <= line_end:
            _bounded(text, start, ends[k], para, out)
            start = ends[k]
            k += 1
        if start < line_end and not text[start:line_end].isspace():
            _bounded(text, start, line_end, para, out)
        para += 1
    if len(text) > MAX_PARAGRAPH:
        out = _split_paragraphs(out)
    res = []
    new, cls = object.__new__, Sentence   # a frozen dataclass's __init__ sets each field by a call: filled here
    for a, b, p in out:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        s = new(cls)
        d = s.__dict__
        d["start"] = a
        d["end"] = b
        d["paragraph"] = p
        res.append(s)
    return res


def _bounded(text: str, a: int, b: int, para: int, out: list) -> None:
    """The sentence a..b, cut at a blank every MAX_SENTENCE characters at most."""
    while b - a > MAX_SENTENCE:
        cut = text.rfind(" ", a + MAX_SENTENCE // 2, a + MAX_SENTENCE)
        cut = a + MAX_SENTENCE if cut < 0 else cut + 1
        out.append((a, cut, para))
        a = cut
    out.append((a, b, para))


def _split_paragraphs(out: list) -> list:
    """A new paragraph number every MAX_PARAGRAPH characters of one paragraph."""
    res, shift, para, first = [], 0, None, 0
    for start, end, p in out:
        if p != para:
            para, first = p, start
        elif start - first > MAX_PARAGRAPH:
            shift += 1
            first = start
        res.append((start, end, p + shift))
    return res


CLAUSE_BREAK = regex.compile(r";|:\s*$|\s[-–]\s(?=[\p{Lu}])")


def clause_start(text: str, sent_start: int, pos: int) -> int:
    """Where the clause holding `pos` begins: after the last `;` before it in the sentence."""
    cut = text.rfind(";", sent_start, pos)
    return sent_start if cut < 0 else cut + 1


def clause_end(text: str, pos: int, sent_end: int) -> int:
    cut = text.find(";", pos, sent_end)
    return sent_end if cut < 0 else cut


_HELD: dict = {}   # name -> (the last text, its memo)


def memo_of(text: str, name: str) -> dict:
    """A dict of answers about `text` under `name`, kept until `name` is asked of another text. The text
    object itself is held (a reused id never matches) and the pair is replaced whole, so a thread (a Dask
    worker runs tasks in threads) that meets another text builds its own and never reads another's answers."""
    held = _HELD.get(name)
    if held is None or held[0] is not text:
        held = _HELD[name] = (text, {})
    return held[1]
