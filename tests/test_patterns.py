"""Every entry of every pattern file does what it says (table tests generated from the data)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import regex

from pipeline import extract, patternbook

UNITS = patternbook.load("units")
SCALES = patternbook.load("scales")["scales"]
COUNTS = patternbook.load("counts")["named_before"]
CUES = patternbook.load("cues")


def _unit_rows():
    for cls in ("money", "ratio", "measure"):
        for canon, forms in UNITS[cls].items():
            for form in forms:
                yield cls, str(canon), str(form)


@pytest.mark.parametrize("cls,canon,form", list(_unit_rows()))
def test_every_unit_form(cls, canon, form):
    glued = not form[0].isalnum() or form in UNITS["glued_only"]
    sep = "" if glued else " "
    scale = " nghìn" if form in UNITS["time_units_need_scale"] else ""
    facts = extract(f"Kết quả là 12{scale}{sep}{form} trong kỳ.")
    assert len(facts) == 1, (form, facts)
    factor = 1000 if scale else 1
    assert (facts[0]["class"], facts[0]["unit"], facts[0]["value"]) == (cls, canon, 12 * factor)


@pytest.mark.parametrize("word,factor", sorted(SCALES.items()))
def test_every_scale_word(word, factor):
    facts = extract(f"Doanh thu đạt 7 {word} đồng.")
    assert len(facts) == 1
    assert facts[0]["value"] == pytest.approx(7 * float(factor))


@pytest.mark.parametrize("noun", COUNTS)
def test_every_count_noun(noun):
    facts = extract(f"Năm nay có 37 {noun} tham gia.")
    assert len(facts) == 1, (noun, facts)
    assert facts[0]["class"] in ("count", "measure")
    assert facts[0]["value"] == 37


@pytest.mark.parametrize("kind,words", sorted(CUES["approx"].items()))
def test_every_approx_cue(kind, words):
    for w in words:
        facts = extract(f"Lợi nhuận đạt {w} 12 tỷ đồng.")
        assert facts and facts[0]["approx"] == kind, w


@pytest.mark.parametrize("direction", ["up", "down"])
def test_every_change_cue(direction):
    for w in CUES["change"][direction]:
        facts = extract(f"Lợi nhuận {w} 12% so với cùng kỳ.")
        assert facts and facts[0]["change"] == direction, w
        assert facts[0]["base"] == "prior"


def test_every_estimate_cue():
    for w in CUES["kind"]["estimate"]:
        facts = extract(f"Lợi nhuận {w} 12 tỷ đồng.")
        assert facts and facts[0]["kind"] == "estimate", w


def test_every_target_cue():
    for w in CUES["kind"]["target"]:
        verb = " đạt" if w in CUES["possible_cues"] else ""   # `có thể` is a plan only before a verb of amount
        facts = extract(f"Năm 2017, đơn vị {w}{verb} lợi nhuận 12 tỷ đồng.", date="2017-01-02")
        assert facts and facts[0]["kind"] == "target", w


def test_patterns_ship_inside_the_installed_package():
    """A plain `pip install .` must carry patterns/ as `pipeline/patterns/*.yaml`."""
    import json
    import sysconfig
    from importlib import metadata

    found = list(metadata.distributions(name="vnmetrics", path=[sysconfig.get_paths()["purelib"]]))
    if not found:
        pytest.skip("vnmetrics is not installed in this environment")
    dist = found[0]
    direct = dist.read_text("direct_url.json")
    if direct and json.loads(direct).get("dir_info", {}).get("editable"):
        pytest.skip("editable install: patterns are read from the source tree")
    shipped = {str(f) for f in dist.files or []}
    for name in ("units", "scales", "counts", "cues", "organizations", "ownership", "time", "metrics"):
        assert f"pipeline/patterns/{name}.yaml" in shipped, name


def _pattern_letters() -> set:
    """Every character the pattern files write (the literals of every trie)."""
    folder = Path(patternbook.__file__).resolve().parent.parent / "patterns"
    return {ch for f in folder.glob("*.yaml") for ch in f.read_text(encoding="utf-8") if not ch.isspace()}


def test_prefilter_scan_accepts_whatever_the_pattern_accepts():
    """`patternbook.Prefiltered` finds where a phrase starts with `re`; it may only over-report, so
    `re`'s blank and case folding must accept every character `regex`'s accept (whole BMP)."""
    bmp = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)
    assert set(regex.findall(r"\s", bmp)) <= set(re.findall(r"\s", bmp))
    for ch in sorted(_pattern_letters()):
        for flags in ((0, 0), (regex.I, re.I)):
            wide = set(regex.findall(regex.escape(ch), bmp, flags[0]))
            assert wide <= set(re.findall(re.escape(ch), bmp, flags[1])), ch


def test_prefiltered_matches_are_the_patterns_own():
    rx = regex.compile(r"(?<![.&])(?P<type>" + patternbook.alternation(["Công ty", "công ty", "Tổng công ty"]) + r")(?!&)")
    pf = patternbook.Prefiltered(rx, ["Công ty", "công ty", "Tổng công ty"])
    for text in ["Tổng công ty Điện lực và công ty con", "xTổng công ty A", "Công  ty&B, .Công ty C, Công tyX công ty",
                 "Tổng\tcông ty", ""]:
        assert [m.span() for m in pf.finditer(text)] == [m.span() for m in rx.finditer(text)], text
        for pos in range(len(text) + 1):
            want, got = rx.search(text, pos), pf.search(text, pos)
            assert (want and want.span()) == (got and got.span()), (text, pos)


def test_case_blind_prefiltered_matches_are_the_patterns_own():
    """A case-blind pattern's places come from `case_blind_scan` (its first letters' cases spelt out): the same matches."""
    phrases = ["trên địa bàn", "tại", "ở"]
    rx = regex.compile(patternbook.alternation(phrases) + r"\s+\p{Lu}", regex.I)
    pf = patternbook.Prefiltered(rx, phrases)
    for text in ["Trên  địa bàn Hà Nội, TẠI Huế và ở Đà Nẵng", "xtại A, Ở B", "ſtại C tẠi D", "trên\tđịa bàn E", ""]:
        assert [m.span() for m in pf.finditer(text)] == [m.span() for m in rx.finditer(text)], text
        for pos in range(len(text) + 1):
            want, got = rx.search(text, pos), pf.search(text, pos)
            assert (want and want.span()) == (got and got.span()), (text, pos)


def test_anchored_matches_are_the_patterns_own():
    """`patternbook.Anchored` tries a pattern only where one of its first literals (`firsts`) stands: the same
    `search`, `finditer` and `sub`, case-blind or not, where the first literals hold a digit, an optional lead or
    lookarounds; a pattern whose matches may begin anywhere is left as it is."""
    rxs = [regex.compile(r"(?<!\w)(?:ông|bà|Ông|Bà)\s"),
           regex.compile(r"(?:(?:đã|sẽ)\s+)?(?:tăng|giảm)(?:\s+mạnh)?(?!\w)", regex.I),
           regex.compile(r"(?<![\w/])(?:(?:ngày|hôm)\s+)?\d{1,2}/\d{1,2}(?![\w/])|(?<!\w)quý\s+\w+", regex.I),
           regex.compile(patternbook.alternation(["Việt Nam", "Việt", "Lào"]) + r"(?![\w&])")]
    texts = ["Ông A nói, bà B và ÔNG C; Bà\tD", "đã tăng mạnh rồi SẼ GIẢM, đã  tăngx, ſẽ giảm", "ngày 3/4 và 12/10/2017, hôm  1/5, Quý IV",
             "Việt Nam, Việt Nama, Lào&Co, Việt", "", "không có gì"]
    for rx in rxs:
        an = patternbook.Anchored(rx)
        assert an.scan is not None, rx.pattern
        for s in texts:
            assert an.sub("#", s) == rx.sub("#", s), (rx.pattern, s)
            assert [m.span() for m in an.finditer(s)] == [m.span() for m in rx.finditer(s)], (rx.pattern, s)
            for pos in range(len(s) + 1):
                want, got = rx.search(s, pos), an.search(s, pos)
                assert (want and want.span()) == (got and got.span()), (rx.pattern, s, pos)
    for flags in (0, regex.I):   # only a digit opens a match: the places are the digits
        rx = regex.compile(r"(?<![\d/])\d{1,2}/\d{1,2}(?!\d)", flags)
        an = patternbook.Anchored(rx)
        for s in ["ngày 3/4 và 12/10, 123/4", ""]:
            assert [m.span() for m in an.finditer(s)] == [m.span() for m in rx.finditer(s)], s
            assert an.sub("#", s) == rx.sub("#", s), s
    assert patternbook.Anchored(regex.compile(r"\w+ năm", regex.I)).scan is None
    assert patternbook.Anchored(regex.compile(r"(?:năm)\s*$", regex.I | regex.REVERSE)).scan is None


def test_rstrip_strips_every_blank_of_regex():
    """`patternbook.LastWords` strips a text's end with `str.rstrip`: it must strip every `\\s` of `regex`."""
    bmp = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)
    assert all(ch.isspace() for ch in regex.findall(r"\s", bmp))


def test_last_words_never_hides_a_match():
    phrases = ["số", "sinh năm", "SN", "thứ"]
    rx = regex.compile(patternbook.alternation(phrases) + r"\s*$", regex.I | regex.REVERSE)
    last = patternbook.LastWords(phrases)
    for text in ["căn hộ số ", "SINH  NĂM\t", "mã sn ", "Thứ", "x số\n", "tổng số", "có ", "năm ", "", "cấp ſố "]:
        assert last.may(text) or rx.search(text) is None, text
    assert not last.may("có ") and not last.may("số 5 ") and last.may("tổng số")


def test_phrase_groups_say_which_list_matches():
    groups = {"a": ["ví dụ", "giả sử"], "b": ["không có nghĩa"], "c": ["nếu không", "giá như"]}
    found = patternbook.PhraseGroups(groups)
    rxs = {k: regex.compile(patternbook.alternation(v), regex.I) for k, v in groups.items()}
    for text in ["Ví  dụ như giá như", "nếu khôngx", "giá cả", "điều đó KHÔNG CÓ NGHĨA là", "ví dụ\tthế", "xgiả sử"]:
        got = found.found(text)
        want = {k for k, rx in rxs.items() if rx.search(text)}
        assert got is None or got == want, text
    assert found.found("giá cả tăng") == set() and found.found("ví dụ\tthế") is None


def test_choice_is_the_words_as_written():
    """`choice` stands for an alternation written by hand: literal words (a dot is a dot), the first written
    tried first, no word boundary added."""
    rx = regex.compile(patternbook.choice(["TP.", "TP", "thành phố"]))
    assert rx.match("TP. Huế").group(0) == "TP." and rx.match("TPx").group(0) == "TP"
    assert rx.match("TPHCM").group(0) == "TP" and rx.match("thành  phố") is None and rx.match("Tx") is None
    assert regex.compile(patternbook.choice(["TP", "TP."])).match("TP.").group(0) == "TP"


def _inline_word_lists(source: str) -> list:
    """(line, words) for every list of Vietnamese words written in Python source: an alternation `(?:a|b)` in a
    string with two or more branches that are words, or a tuple, list or set literal of two or more such strings
    (Vietnamese: one word at least with a letter outside ASCII; `(?:theo|khi)` passes unseen)."""
    import ast

    def vietnamese(s):
        return any(c.isalpha() and not c.isascii() for c in s)

    def word(s):
        return bool(s) and all(c.isalpha() or c == " " for c in s.replace(r"\s+", " ").replace(r"\s", " "))

    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            for g in regex.finditer(r"\(\?:((?:[^()\\]|\\.)*)\)", node.value):
                words = [b for b in g.group(1).split("|") if word(b)]
                if len(words) >= 2 and any(vietnamese(w) for w in words):
                    found.append((node.lineno, g.group(0)))
        elif isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            words = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)
                     and word(e.value) and vietnamese(e.value)]
            if len(words) >= 2:
                found.append((node.lineno, words))
    return found


def test_no_word_list_is_written_in_code():
    """Word lists are data in patterns/*.yaml, where a linguist edits them (house rule). charsets.py is left
    out: its words are the signatures of legacy encodings, the same words written in each."""
    assert _inline_word_lists('x = regex.compile(r"(?:theo|Với)\\s+(?:của|từ)")') == [(1, "(?:theo|Với)"), (1, "(?:của|từ)")]
    assert _inline_word_lists('ok = w in ("tỉnh", "thành")') and not _inline_word_lists('x = r"(?:,|và)\\s+của"')
    folder = Path(patternbook.__file__).resolve().parent
    bad = {f.name: found for f in sorted(folder.glob("*.py")) if f.name != "charsets.py"
           for found in [_inline_word_lists(f.read_text(encoding="utf-8"))] if found}
    assert not bad, bad
