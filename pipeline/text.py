"""Normalise article text and split it into paragraphs, sentences and clauses.

Offsets are the contract (FACTS.md): every change here keeps the string's
length, so an offset in the normalised text is an offset in the NFC text the
scorer and the journalist see. Unicode NFC is applied first (it may change
the length; documents are stored NFC).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import regex

from . import patternbook

# Old-style tone placement (`hoà`, `thuỷ`) -> new style (`hòa`, `thủy`): same length.
_TONE_SWAP = {}
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
for _pair in ("oa", "oe", "uy"):
    for _tone in _TONES:
        for _case in (str.lower, str.capitalize, str.upper):
            old = _case(_pair[0] + unicodedata.normalize("NFC", _pair[1] + _tone))
            new = _case(unicodedata.normalize("NFC", _pair[0] + _tone) + _pair[1])
            _TONE_SWAP[old] = new
_TONE_RE = regex.compile(r"(?<![qQ])(?:" + "|".join(map(regex.escape, _TONE_SWAP)) + r")(?!\w)")
_BLANKS = regex.compile(r"[\u00a0\u2000-\u200b\u202f\u205f\u3000\t\u200c\u200d\u2060\ufeff\u00ad]")
# Invisible characters inside a word (`tr\u200biệu`, a soft hyphen): moved to the
# word's end, so the letters join and the length stays.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_HIDDEN_IN_WORD = regex.compile(rf"\p{{L}}[\p{{L}}\p{{M}}]*(?:[{_INVISIBLE}]+[\p{{L}}\p{{M}}]+)+")
_INVISIBLE_RE = regex.compile(f"[{_INVISIBLE}]")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# Cheap `re` tests first (most texts have no odd blank and no old-style tone at a word's end):
# the blank class as it is (the invisible characters are in it), the tone swaps before no letter,
# which the `regex` pattern's end (no `\w`) implies.
_ANY_BLANK = re.compile(_BLANKS.pattern)
_TONE_NEAR = re.compile("(?:" + "|".join(f + "[" + "".join(sorted(k[1] for k in _TONE_SWAP if k[0] == f)) + "]"
                                          for f in sorted({k[0] for k in _TONE_SWAP})) + r")(?![^\W\d_])")


def shadow(text: str) -> str:
    """A same-length copy for matching: odd blanks -> space, tone marks placed one way."""
    out = text
    if _ANY_BLANK.search(text):
        out = _HIDDEN_IN_WORD.sub(_join_word, text) if has_invisible(text) else text
        out = _BLANKS.sub(" ", out)
    if _TONE_NEAR.search(out):
        out = _TONE_RE.sub(lambda m: _TONE_SWAP[m.group(0)], out)
    assert len(out) == len(text)
    return out


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


# Abbreviations whose dot does not end a sentence.
_ABBREV = patternbook.choice(patternbook.load("text")["sentence_abbreviations"])   # (patterns/text.yaml)
# Sentence-final marks, found in one scan of the whole text but never across a newline (the lines are the
# paragraphs); what follows them tested first: the engine then skips to the marks, lookbehinds only there
_SENT_END_ALL = regex.compile(
    rf"(?=[.!?…]+[\"”’)]*[^\S\n]+[\"“‘(]?[\p{{Lu}}\d])(?<!\b{_ABBREV})(?<!\b\p{{Lu}})[.!?…]+[\"”’)]*(?=[^\S\n]+[\"“‘(]?[\p{{Lu}}\d])"
)
_PARA = regex.compile(r"\n")


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
    ends = [m.end() for m in _SENT_END_ALL.finditer(text)]
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
