"""What a figure measures (tests/cases/metrics.yaml): every metric key of
patterns/metrics.yaml read from a sentence, and the metric phrase itself."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline import extract, metrics, patternbook

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "metrics.yaml").read_text(encoding="utf-8"))
KEYS = patternbook.load("metrics")["keys"]


def _fact(case):
    facts = extract(case["text"])
    by_quote = {f["quote"]: f for f in facts}
    assert case["quote"] in by_quote, f"missing {case['quote']!r}; got {sorted(by_quote)}"
    return by_quote[case["quote"]]


def test_every_key_has_a_sentence():
    covered = {c["key"] for c in CASES["keys"]}
    assert set(KEYS) - covered == set()
    assert covered - set(KEYS) == set()


def test_every_phrase_names_one_key():
    seen = {}
    for key, spec in KEYS.items():
        for w in spec["words"] if isinstance(spec, dict) else spec:
            assert str(w).lower() not in seen, (w, key, seen.get(str(w).lower()))
            seen[str(w).lower()] = key
        if isinstance(spec, dict) and "broader" in spec:
            assert spec["broader"] in KEYS, key


@pytest.mark.parametrize("case", CASES["keys"], ids=[c["key"] for c in CASES["keys"]])
def test_key(case):
    f = _fact(case)
    assert f["metric_key"] == case["key"], (f["metric"], f["metric_key"])
    for w in case.get("words", []):
        assert w in (f["metric"] or ""), (w, f["metric"])


@pytest.mark.parametrize("case", CASES["no_keys"], ids=[c["text"][:40] for c in CASES["no_keys"]])
def test_no_key(case):
    f = _fact(case)
    assert f["metric_key"] is None, (f["metric"], f["metric_key"])


@pytest.mark.parametrize("case", CASES["phrases"], ids=[c["text"][:40] for c in CASES["phrases"]])
def test_phrase(case):
    got = _fact(case)["metric"]
    if "metric" in case:
        assert got == case["metric"]
    if "starts" in case:
        assert got is not None and got.startswith(case["starts"]), got
    if "has" in case:
        assert case["has"] in (got or ""), got
    for w in case.get("lacks", []):
        assert w not in (got or "").split(), (w, got)


@pytest.mark.parametrize("case", CASES["sentences"], ids=[c["text"][:40] for c in CASES["sentences"]])
def test_sentence(case):
    """Every fact of the sentence is listed (an extra fact fails) with its metric."""
    facts = extract(case["text"])
    assert sorted(f["quote"] for f in facts) == sorted(w["quote"] for w in case["facts"])
    by_quote = {f["quote"]: f for f in facts}
    for want in case["facts"]:
        got = by_quote[want["quote"]]["metric"]
        if "metric" in want:
            assert got == want["metric"], (want["quote"], got)
        if "has" in want:
            assert want["has"] in (got or ""), (want["quote"], got)
        if want.get("lacks_date"):
            assert not any(ch.isdigit() for ch in (got or "")), (want["quote"], got)


def test_broader_keys_agree_narrower_never_across():
    assert metrics.keys_agree("profit", "profit_before_tax")
    assert metrics.keys_agree("profit_after_tax", "profit")
    assert not metrics.keys_agree("profit_before_tax", "profit_after_tax")
    assert not metrics.keys_agree("revenue", "profit")
    assert metrics.keys_agree("revenue", "net_revenue")
    assert not metrics.keys_agree(None, "revenue")


def _variants():
    """Texts of the cases, their word windows, and forms the shortcuts must hand back to the
    regex (other blanks, double spaces, characters lower-casing folds otherwise)."""
    texts = {c["text"] for group in CASES.values() if isinstance(group, list) for c in group if "text" in c}
    out = set()
    for t in sorted(texts)[:120]:
        w = t.split()
        for i in range(0, len(w), 3):
            for n in (1, 2, 4, 8):
                s = " ".join(w[i:i + n])
                out.update({s, s.lower(), s.upper(), s + " ", " " + s})
        out.update({t, t.replace(" ", "  ", 2), t.replace(" ", "\t", 1), t.replace("i", "İ", 1), t.replace("s", "ſ", 1)})
    return sorted(out)


def test_literal_shortcuts_answer_as_the_regexes():
    """The Aho-Corasick phrase sets and literal gates only save time: same answers as the regexes."""
    r = metrics.reader()
    trailing_re, vocab_re, _ = metrics.tables()
    for s in _variants():
        assert metrics.has_head(s) == (r.head.search(s) is not None), s
        assert r.key_is(s) == (r.key_only.fullmatch(s) is not None), s
        assert r.key_in(s) == (vocab_re.search(s) is not None), s
        for pos in range(min(len(s), 40) + 1):
            assert r.head_at(s, pos) == (r.head.match(s, pos) is not None), (s, pos)
            assert r.keys.at(s, pos) in (None, r.key_only.match(s, pos) is not None), (s, pos)
        spans = r.markers.before_blanks(s)
        assert spans is None or spans == [m.span() for m in r.marker.finditer(s)], s
        first = r.keys.first(s)
        assert first is False or first == (r.key_only.search(s) and r.key_only.search(s).span()), s
        for gate, rx in ((r.time_gate, r.time), (r.reporting_gate, r.reporting), (metrics._NEW_SUBJECT_GATE, metrics._NEW_SUBJECT),
                         (r.marker_gate, r.marker)):
            assert gate.may(s) or rx.search(s) is None, s
        assert r.may_enumerate(s) or r.respectively.search(s) is None, s
        assert metrics._trail_sub(s) == trailing_re.sub("", s), s
        assert metrics._grows(s) == (r.growth_noun.search(s) is not None), s


def test_anchored_time_pattern_answers_as_the_regex():
    """`patternbook.Anchored` tries the time pattern only where a first literal (or a digit) stands: the same `sub` and `search`
    as the pattern's own, on texts of every kind of time it reads, in odd cases and blanks too."""
    r = metrics.reader()
    rx = r.time.rx
    assert r.time.scan is not None   # (the pattern's first literals are known)
    texts = _variants() + ["Lãi quý 3/2017 tăng, cùng kỳ năm ngoái giảm; hàng năm 12 tháng", "NĂM 2016, ſau đó 5 tháng",
                           "lợi nhuận năm nay đạt", "12/5/2017 và ngày 3/4", "hàng quý II tăng", "chiều nay trong ngày",
                           "x2016 tháng 12 năm 2015 nửa đầu năm", "İ tháng ١٢ tháng", "không có gì cả", ""]
    for s in texts:
        assert r.time.sub(" ", s) == rx.sub(" ", s), s
        for pos in range(0, len(s) + 1, 3):
            want, got = rx.search(s, pos), r.time.search(s, pos)
            assert (want and want.span()) == (got and got.span()), (s, pos)


def test_firsts_are_what_every_match_begins_with():
    assert patternbook.firsts(r"(?:trong\s+)?(?:năm|quý)\s+\d") == {"tro", "năm", "quý"}
    assert patternbook.firsts(r"(?<!\w)\d{1,2}/\d") == {patternbook.DIGIT}
    assert patternbook.firsts(r"(?:năm)?\w+") is None   # (a match may begin with any word)


def test_clipped_never_ends_inside_a_word():
    words = "vốn điều lệ của một ngân hàng thương mại".split()
    assert metrics.clipped(words, 8) == words[:7]          # not `... ngân hàng thương`
    assert metrics.clipped(words, 6) == words[:5]          # not `... một ngân`
    assert metrics.clipped(words, 7) == words[:7]          # `ngân hàng` is whole: kept
    assert metrics.clipped(words, 20) == words


def test_count_metric_of_verbs_only_is_null():
    from pipeline import metric_compose
    assert metric_compose.of_count("hỗ trợ") is None                 # `hỗ trợ 40 trường hợp`
    assert metric_compose.of_count("đầu tư") is None                 # `đầu tư 4 tuyến đường`
    assert metric_compose.of_count("sở hữu") == "sở hữu"             # `sở hữu 20 triệu cổ phiếu`: a holding
    assert metric_compose.of_count("số hộ được hỗ trợ") == "số hộ được hỗ trợ"


@pytest.mark.parametrize("clause", ["Tập đoàn đồng thời Vingroup thực hiện những", "Tập đoàn đồng thời Vingroup thực hiện"])
def test_a_counts_verb_phrase_is_never_a_name(clause):
    """The capital-letter test reads the verb phrase's own words, a count lead (`những`) before the count or not."""
    from pipeline import metric_compose
    assert metric_compose.bare_qualified("dự án", clause) is None
