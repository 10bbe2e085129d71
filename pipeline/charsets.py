"""Vietnamese text in the encodings that predate Unicode: detect, convert or name them.

Old archives hold TCVN3 (ABC), VNI and Windows-1258 files, and UTF-16 from
Windows tools; worse, TCVN3 or VNI bytes that were once read as Latin-1 and
saved as UTF-8 (`n¨m`, `®ång` for `năm`, `đồng`) pass as valid UTF-8 while
the figures' units are lost. `decode` turns bytes into text and says what it
did; `mojibake` recognises the second case in decoded text.

TCVN3 and Windows-1258 are converted (both are one byte a letter, with a fixed
table); VNI (a letter followed by mark bytes) is only named, so the user can
convert it with a tool that knows it.
"""
from __future__ import annotations

import codecs
import unicodedata

import regex

# TCVN3 (ABC, the lower-case font): byte -> letter. Bytes 0xA1-0xA7 are the
# capitals with a shape mark; vowels run grave, hook, tilde, acute, dot below.
_TCVN3_ROWS = {
    0xA1: "ĂÂÊÔƠƯĐăâêôơưđ",
    0xB5: "àảãáạ", 0xBB: "ằẳẵắ", 0xC6: "ặầẩẫấậ", 0xCC: "è", 0xCE: "ẻẽéẹềểễếệìỉ",
    0xDC: "ĩíịò", 0xE1: "ỏõóọồổỗốộờởỡớợù", 0xF1: "ủũúụừửữứựỳỷỹýỵ",
}
TCVN3 = {}
for _start, _letters in _TCVN3_ROWS.items():
    for _i, _ch in enumerate(_letters):
        TCVN3[chr(_start + _i)] = _ch
_TCVN3_TABLE = str.maketrans(TCVN3)

# Common words as each mis-decoding shows them (Latin-1 view of the bytes).
_WORDS = {
    "TCVN3": ["cña", "n¨m", "®ång", "®­îc", "ng­êi", "c¸c", "víi", "triÖu", "ViÖt", "®¹t", "t¨ng", "th¸ng",
              "kh«ng", "nh÷ng", "cã", "vµ", "lµ", "mét"],
    "VNI": ["cuûa", "naêm", "ñoàng", "ñöôïc", "ngöôøi", "caùc", "vôùi", "trieäu", "Vieät", "ñaït", "taêng",
            "thaùng", "khoâng", "nhöõng", "coù", "vaø", "laø", "moät"],
}
_WORD_RE = {name: regex.compile(r"(?<!\w)(?:" + "|".join(map(regex.escape, ws)) + r")(?!\w)")
            for name, ws in _WORDS.items()}
# Real Vietnamese (for Windows-1258 and UTF-16 guesses).
_VIET_RE = regex.compile(r"(?<!\w)(?:của|năm|đồng|được|người|các|với|và|là|một|không|những|có|trong|đã)(?!\w)")
# Characters every mojibake above is full of; real Vietnamese text has none of them.
_GATE = ("\u00ae", "\u00a8", "\u00f1", "\u00f6", "\u00b8", "\u00b5")


class EncodingProblem(ValueError):
    """Bytes that are not UTF-8, with the encoding they most likely are in."""


def _hits(rx, text: str) -> int:
    return sum(1 for _ in rx.finditer(text[:20000]))


def mojibake(text: str) -> str | None:
    """`TCVN3` or `VNI` when UTF-8 text is a legacy encoding read as Latin-1, else None."""
    if not any(c in text for c in _GATE):
        return None
    for name, rx in _WORD_RE.items():
        if _hits(rx, text) >= 2 and _hits(rx, text) > _hits(_VIET_RE, text):
            return name
    return None


def from_tcvn3(text: str) -> str:
    return text.translate(_TCVN3_TABLE)


def repair(text: str) -> tuple[str, str | None]:
    """(text, note): TCVN3 mojibake converted; VNI mojibake raises `EncodingProblem`."""
    kind = mojibake(text)
    if kind == "TCVN3":
        return from_tcvn3(text), "TCVN3 text saved as UTF-8: converted to Unicode"
    if kind == "VNI":
        raise EncodingProblem("VNI text saved as UTF-8 (mojibake like `naêm`, `ñoàng`): convert it from VNI"
                              " to Unicode first (e.g. with UniKey's converter)")
    return text, None


def decode(raw: bytes) -> tuple[str, str | None]:
    """Text of `raw` and a note when it was not plain UTF-8; `EncodingProblem` naming the
    encoding suspected when it cannot be read."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as e:
        first = e
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_utf16(raw):
        for enc in ("utf-16",) if raw[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) else ("utf-16-le", "utf-16-be"):
            try:
                text = raw.decode(enc)
            except UnicodeDecodeError:
                continue
            if _VIET_RE.search(text) or enc == "utf-16":
                return text.lstrip("\ufeff"), "UTF-16: converted"
        raise EncodingProblem("looks like UTF-16 but does not decode: save it as UTF-8")
    latin = raw.decode("latin-1")
    for name, rx in _WORD_RE.items():
        if _hits(rx, latin) >= 2:
            if name == "TCVN3":
                return from_tcvn3(latin), "TCVN3 (ABC): converted to Unicode"
            raise EncodingProblem("not UTF-8: looks like VNI (`naêm`, `ñoàng`); convert it from VNI to Unicode"
                                  " first (e.g. with UniKey's converter)")
    cp = unicodedata.normalize("NFC", raw.decode("cp1258", errors="replace"))
    if "\ufffd" not in cp and _hits(_VIET_RE, cp) >= 2:
        return cp, "Windows-1258: converted"
    raise EncodingProblem(f"not UTF-8 ({first.reason} at byte {first.start}), and not recognisably TCVN3, VNI,"
                          " Windows-1258 or UTF-16: save it as UTF-8")


def _looks_utf16(raw: bytes) -> bool:
    head = raw[:2000]
    return len(head) >= 8 and head.count(0) > len(head) // 4
