"""Read Vietnamese-written numbers: `1.250,5`, `91,352`, `165. 434`, `hai mươi lăm`.

Vietnamese groups thousands with `.` and marks decimals with `,`; many writers
use the English convention. A lone separator before exactly three digits is
ambiguous: `parse_number` returns both readings and the caller decides from
the rest of the document (see `pipeline.ambiguity`).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass


from . import patternbook

# Digits with optional grouping; a space may follow a group separator (`165. 434`).
NUMBER_PATTERN = (
    r"(?:[0-9]{1,3}(?:\.\s?[0-9]{3})+(?:,[0-9]+)?"   # 1.326.230 / 1.250,5 / 2.472
    r"|[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?"        # 1,326,230 / 91,352 / 1,250.5
    r"|[0-9]+(?:[.,][0-9]+)?)"                    # 12,7 / 11.16 / 2020
)

# Thousands grouped with a blank (`91 352`, NBSP, U+202F, a zero-width space: all a
# space in the shadow text). Read whole only when a scale or unit follows (the
# matcher checks), never across a 4-digit group (`năm 2020 100 người`).
SPACED_PATTERN = r"[0-9]{1,3}(?: [0-9]{3})+(?:[.,][0-9]+)?"


@dataclass(frozen=True)
class Reading:
    value: float
    alternative: float | None = None  # the other convention's value, when ambiguous
    separator: str | None = None      # the ambiguous separator, `.` or `,`


@functools.lru_cache(maxsize=8192)   # one call per figure, the same few strings (`2017`, `1`) again and again
def parse_number(text: str) -> Reading:
    """Parse digits with separators; Vietnamese convention first, ambiguity kept."""
    s = "".join(text.split())
    dots, commas = s.count("."), s.count(",")
    if dots and commas:  # the later one is the decimal mark
        if s.rfind(",") > s.rfind("."):
            return Reading(float(s.replace(".", "").replace(",", ".")))
        return Reading(float(s.replace(",", "")))
    sep = "." if dots else "," if commas else None
    if sep is None:
        return Reading(float(s))
    if s.count(sep) > 1:  # repeated separators can only group thousands
        return Reading(float(s.replace(sep, "")))
    head, tail = s.split(sep)
    as_decimal = float(f"{head}.{tail}")
    if len(tail) != 3 or head == "0" or len(head) > 3:
        return Reading(as_decimal)
    as_thousands = float(head + tail)
    if sep == ".":
        return Reading(as_thousands, as_decimal, sep)
    return Reading(as_decimal, as_thousands, sep)


def _word_tables():
    data = patternbook.load("scales")
    return data["digits"], data["number_words"]


def word_number_pattern() -> str:
    digits, words = _word_tables()
    starts = patternbook.load("scales")["word_number_starts"]
    # Bounded: `hai hai hai ...` must not make the scan quadratic (a number below
    # a thousand has at most five words: `chín trăm chín mươi chín`).
    return patternbook.alternation(starts) + r"(?:\s+" + patternbook.alternation(
        list(digits) + list(words)) + r"){0,6}"


@functools.lru_cache(maxsize=4096)   # pure, and the same few words again and again
def parse_word_number(text: str) -> float | None:
    """`hai` 2, `mười lăm` 15, `hai mươi lăm` 25, `ba trăm` 300, `một trăm hai mươi` 120. None for two digit words
    in a row (`hai ba người`, `ba bốn chục`: two or three, thirty or forty, a vague amount; `bốn năm một lần`: every
    four years)."""
    digits, words = _word_tables()
    total, current = 0, None
    after_digit = False   # the word before is a digit below ten: no digit may follow it
    for w in text.lower().split():
        if w in words and words[w] < 100:   # `mươi`: the tens multiply the digit before
            current = (current if current is not None else 1) * words[w]
            after_digit = False
        elif w in words:                     # `trăm`: a hundreds group closes
            total += (current if current is not None else 1) * words[w]
            current = None
            after_digit = False
        elif w in digits:                    # `mười` is a digit word worth 10: `mười lăm` = 10 + 5
            if after_digit:
                return None
            current = (current or 0) + digits[w]
            after_digit = digits[w] < 10
        else:
            return None
    return float(total + (current or 0))


@functools.lru_cache(maxsize=1024)
def parse_scale(word: str) -> float:
    scales = patternbook.load("scales")["scales"]
    key = " ".join(word.lower().split())
    return float(scales[key])
