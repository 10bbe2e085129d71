"""Numbers that name a unit (`Sư đoàn 309`, `Quân khu 7`, `Bệnh viện 108 tiếp nhận`).

Two stages ask: `quantities` (such a number is no figure) and `org_mentions`
(it is part of the name). The question lives here, below both, so that the
number reader does not import the name finder. Words: `numbered_types`,
`designated_types`, `designator_not_before`, `stop_words` and `business_verbs`
of `patterns/organizations.yaml`.
"""
from __future__ import annotations

import functools

import regex

from . import engines
from . import patternbook
from .text import memo_of


class Words:
    def __init__(self):
        d = patternbook.load("organizations")
        self.stop = {w.lower() for w in d["stop_words"]}
        self.verb_at = engines.compile(patternbook.alternation(d["business_verbs"]))  # (a name never bridges over one)
        self.designated = set(d["designated_types"])
        self.numbered = set(d["numbered_types"]) | self.designated
        self.numbered_before = regex.compile(r"(?<![\w&])" + patternbook.alternation(sorted(self.numbered))
                                             + r"[ \t]+$", regex.REVERSE)
        self.numbered_lasts = {t.split()[-1] for t in self.numbered}
        self.designator_not_before = {w.lower() for w in d["designator_not_before"]}
        scales = patternbook.load("scales")["scales"]
        self.amount_after = engines.compile(r"[ \t]*(?:%|[.,]\d)|[ \t]+" + patternbook.alternation(scales) + r"(?!\w)",
                                          regex.I)


@functools.lru_cache(maxsize=1)
def words() -> Words:
    return Words()


TOKEN = regex.compile(r"[ \t]*(?:(?P<w>(?:\p{Lu}\.){2,}|(?:TP|Tp)\.|[\w][\w&'’]*(?:[.\-][\w&]+)*)|(?P<p>[(),;:\-–&/\"“”.]))")
_ABBR = regex.compile(r"(?:\p{Lu}\.){2,}|(?:TP|Tp)\.")
_TOKEN_MATCH = TOKEN.match
# A `regex` call on a str releases and takes back the GIL unless told `concurrent=False`: a quarter of the
# instructions of a short match, for nothing (a match is short; the Python around it holds the GIL anyway).
# Calls on the patterns only `regex` reads (`regex.compile`) pass it positionally (`.match(s, pos, endpos, False)`,
# `.finditer(s, pos, endpos, False, False)`: a keyword costs as much as it saves); the answers are the same.
# Patterns of `engines.compile` may run on `re`, which takes no such argument (the note in `engines`).
_UNREAD = object()  # (a place `token_at` has not read yet; None is an answer: no token there)


def token_at(text: str, pos: int, memo=None):
    """`_TOKEN_MATCH(text, pos)` read once per place of the last text: (start, end, word) for a word (a final
    `.` not of an abbreviation left out), (-1, match end, mark) for punctuation, None where no token stands.
    `memo`: `memo_of(text, "tokens")` when the caller holds it."""
    if memo is None:
        memo = memo_of(text, "tokens")
    out = memo.get(pos, _UNREAD)
    if out is not _UNREAD:
        return out
    m = _TOKEN_MATCH(text, pos, None, False)  # (concurrent=False: the GIL note above)
    if m is None:
        out = None
    else:
        ws, we = m.span(1)
        if ws < 0:
            out = -1, m.end(), m.group(2)
            ws = m.start(2)
        else:
            if text[we - 1] == "." and not _ABBR.fullmatch(text, ws, we, False):
                we -= 1
            out = ws, we, text[ws:we]
        # the token read from the blanks before it is the one read at its start (no token begins with a
        # blank nor looks behind): a fifth of the reads are of a place a read from the blank before it saw
        memo[ws] = out
    memo[pos] = out
    return out


DESIGNATOR = regex.compile(r"\d{1,4}(?![\d\p{L}])")


def designator(text: str, pos: int, type_word: str = "") -> int:
    """End of the number at `pos` when it names the unit of the type word before it (`Sư đoàn 309`, `Quân
    khu 7`, `Bệnh viện 108 tiếp nhận`), else 0: then the number is part of the name and no figure. A unit's
    number is always its name unless an amount follows (`7%`, `7 tỷ`); a hospital's or a company's only
    when no counted noun comes next (`Nhà máy 2 tầng`, `Công ty 3 năm` count)."""
    g = words()
    m = DESIGNATOR.match(text, pos, None, False)
    if not m:
        return 0
    if not type_word:
        b = g.numbered_before.search(text, max(0, pos - 24), pos, False)
        if not b:
            return 0
        type_word = " ".join(b.group(0).split())
    if type_word not in g.numbered or g.amount_after.match(text, m.end()):
        return 0
    if type_word in g.designated:
        return m.end()
    t = token_at(text, m.end())
    if t is None or t[0] < 0:
        return m.end()
    w = t[2]
    if w[:1].isdigit():
        return 0
    if w[:1].isupper() or w == "và" or g.verb_at.match(text, t[0]):
        return m.end()
    return m.end() if w.lower() in g.stop and w.lower() not in g.designator_not_before else 0
