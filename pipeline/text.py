"""Normalise article text and split it into paragraphs, sentences and clauses.

Offsets are the contract (FACTS.md): every change here keeps the string's
length, so an offset in the normalised text is an offset in the NFC text the
scorer and the journalist see. Unicode NFC is applied first (it may change
the length; documents are stored NFC).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

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


def shadow(text: str) -> str:
    """A same-length copy for matching: odd blanks -> space, tone marks placed one way."""
    out = _HIDDEN_IN_WORD.sub(_join_word, text) if _INVISIBLE_RE.search(text) else text
    out = _BLANKS.sub(" ", out)
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
    return _INVISIBLE_RE.search(text) is not None


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int  # index of the paragraph (block between blank lines or newlines)


# Abbreviations whose dot does not end a sentence.
_ABBREV = r"(?:TP|Tp|tp|Q|P|TS|ThS|PGS|GS|BS|KS|Mr|Ms|St|Co|Ltd|Inc|Corp|v\.v|TT|NXB|Th|ĐH)"
_SENT_END = regex.compile(
    rf"(?<!\b{_ABBREV})(?<!\b\p{{Lu}})[.!?…]+[\"”’)]*(?=\s+[\"“‘(]?[\p{{Lu}}\d])"
)
_PARA = regex.compile(r"\n")


# No real sentence or paragraph comes near these (the longest of 26,000 archive
# sentences: 950 characters); a longer run is cut, so that the context read
# around each figure stays bounded and extraction stays linear in the length.
MAX_SENTENCE = 2000
MAX_PARAGRAPH = 5000


def sentences(text: str) -> list[Sentence]:
    """Split on newlines, then on sentence-final punctuation before a capital or digit."""
    out = []
    pos = 0
    para = 0
    for line in text.split("\n"):
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        if not line.strip():
            continue
        start = line_start
        for m in _SENT_END.finditer(text, line_start, line_end):
            out.extend(_bounded(text, start, m.end(), para))
            start = m.end()
        if text[start:line_end].strip():
            out.extend(_bounded(text, start, line_end, para))
        para += 1
    if len(text) > MAX_PARAGRAPH:
        out = _split_paragraphs(out)
    return [_trim(text, s) for s in out]


def _bounded(text: str, a: int, b: int, para: int):
    """The sentence a..b, cut at a blank every MAX_SENTENCE characters at most."""
    while b - a > MAX_SENTENCE:
        cut = text.rfind(" ", a + MAX_SENTENCE // 2, a + MAX_SENTENCE)
        cut = a + MAX_SENTENCE if cut < 0 else cut + 1
        yield Sentence(a, cut, para)
        a = cut
    yield Sentence(a, b, para)


def _split_paragraphs(out: list[Sentence]) -> list[Sentence]:
    """A new paragraph number every MAX_PARAGRAPH characters of one paragraph."""
    res, shift, para, first = [], 0, None, 0
    for s in out:
        if s.paragraph != para:
            para, first = s.paragraph, s.start
        elif s.start - first > MAX_PARAGRAPH:
            shift += 1
            first = s.start
        res.append(Sentence(s.start, s.end, s.paragraph + shift))
    return res


def _trim(text: str, s: Sentence) -> Sentence:
    a, b = s.start, s.end
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return Sentence(a, b, s.paragraph)


CLAUSE_BREAK = regex.compile(r";|:\s*$|\s[-–]\s(?=[\p{Lu}])")


def clause_start(text: str, sent_start: int, pos: int) -> int:
    """Where the clause holding `pos` begins: after the last `;` before it in the sentence."""
    cut = text.rfind(";", sent_start, pos)
    return sent_start if cut < 0 else cut + 1


def clause_end(text: str, pos: int, sent_end: int) -> int:
    cut = text.find(";", pos, sent_end)
    return sent_end if cut < 0 else cut
