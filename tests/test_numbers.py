"""The number parser, by property: format numbers as Vietnamese writers do, parse them back."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from pipeline import extract
from pipeline.numbers import parse_number, parse_word_number
from pipeline.quantities import shared_thousands


def vi_format(n: int, decimals: str = "", group: str = ".", point: str = ",") -> str:
    s = f"{n:,}".replace(",", group)
    return s + (point + decimals if decimals else "")


@given(st.integers(min_value=1000, max_value=10**12), st.sampled_from(["", "5", "25", "75"]))
def test_vietnamese_grouping_reads_back(n, decimals):
    text = vi_format(n, decimals)
    expected = float(f"{n}.{decimals}" if decimals else n)
    r = parse_number(text)
    assert r.value == pytest.approx(expected)


@given(st.integers(min_value=1000, max_value=10**12), st.sampled_from(["5", "25", "75"]))
def test_english_grouping_with_decimals_reads_back(n, decimals):
    text = vi_format(n, decimals, group=",", point=".")
    assert parse_number(text).value == pytest.approx(float(f"{n}.{decimals}"))


@given(st.integers(min_value=0, max_value=999), st.integers(min_value=1, max_value=99))
def test_short_decimals_are_never_ambiguous(whole, frac):
    r = parse_number(f"{whole},{frac}")
    assert r.alternative is None
    assert r.value == pytest.approx(float(f"{whole}.{frac}"))


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=999))
def test_three_digits_after_one_separator_keep_both_readings(head, tail):
    dot = parse_number(f"{head}.{tail:03d}")
    comma = parse_number(f"{head},{tail:03d}")
    thousands, decimal = float(f"{head}{tail:03d}"), float(f"{head}.{tail:03d}")
    assert (dot.value, dot.alternative) == (thousands, decimal)
    assert (comma.value, comma.alternative) == (decimal, thousands)


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=3))
def test_a_shared_thousands_range_is_never_inverted_nor_wider(low, head, groups):
    high = float(head * 1000 ** groups)
    v = shared_thousands(float(low), high)
    assert v >= low   # never wider than the literal reading
    assert v <= high or v == low   # never inverted (unless it was so as written)
    assert v == low or v * 10 >= high


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=2))
def test_a_range_read_in_a_sentence_is_never_inverted_nor_wider(low, head, groups):
    high = head * 1000 ** groups
    written = f"{high:,}".replace(",", ".")
    facts = extract(f"Giá bán từ {low}-{written} đồng/kg.")
    ranged = [f for f in facts if f["value_max"] is not None]
    for f in ranged:
        assert low <= f["value"] <= f["value_max"] == high


@settings(deadline=None)  # the first call loads the pattern files and the lexicon
@given(st.integers(min_value=1, max_value=999), st.sampled_from(["tỷ", "triệu", "nghìn"]))
def test_scale_words_multiply(n, scale):
    factor = {"tỷ": 1e9, "triệu": 1e6, "nghìn": 1e3}[scale]
    facts = extract(f"Doanh thu đạt {n} {scale} đồng.")
    assert [f["value"] for f in facts] == [pytest.approx(n * factor)]


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=9999),
       st.sampled_from(["tỷ", "triệu", "nghìn"]))
def test_a_scaled_decimal_is_stored_as_written(whole, frac, scale):
    """`64,1 triệu` is 64100000 exactly, not the float product 64099999.99999999 (an analyst's
    `value == 64100000` and a journalist's claim must meet it)."""
    from decimal import Decimal
    written = f"{whole},{frac}".rstrip("0")
    exact = Decimal(f"{whole}.{frac}") * {"tỷ": 10 ** 9, "triệu": 10 ** 6, "nghìn": 10 ** 3}[scale]
    values = [f["value"] for f in extract(f"Doanh thu đạt {written} {scale} đồng.")]
    assert values == [float(exact)]


WORDS = {1: "một", 2: "hai", 3: "ba", 4: "bốn", 5: "năm", 6: "sáu", 7: "bảy", 8: "tám", 9: "chín"}


def spell(n: int) -> str:
    """Spell 2..999 the way Vietnamese writes it."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    out = [WORDS[hundreds], "trăm"] if hundreds else []
    if tens == 1:
        out.append("mười")
    elif tens:
        out += [WORDS[tens], "mươi"]
    elif units and hundreds:
        out.append("lẻ")
    if units:
        out.append("lăm" if units == 5 and tens else "mốt" if units == 1 and tens > 1 else WORDS[units])
    return " ".join(out)


@given(st.integers(min_value=2, max_value=99))
def test_spelled_numbers_read_back(n):
    assert parse_word_number(spell(n)) == n


def test_known_spellings():
    assert parse_word_number("mười lăm") == 15
    assert parse_word_number("hai mươi lăm") == 25
    assert parse_word_number("một trăm hai mươi") == 120


# Level or change (issue 11): `VERB X lên/xuống Y` -> X is the change, Y the level reached.
CHANGE_VERBS = st.sampled_from([("tăng", "up", "lên"), ("giảm", "down", "xuống"), ("tăng thêm", "up", "lên mức"),
                                ("giảm", "down", "xuống còn"), ("sụt giảm", "down", "xuống mức")])
METRICS = st.sampled_from(["Doanh thu", "Lợi nhuận trước thuế", "Tổng tài sản", "Dư nợ tín dụng", "Sản lượng"])


@settings(deadline=None)  # the first call loads the pattern files and the lexicon
@given(METRICS, CHANGE_VERBS, st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=99),
       st.integers(min_value=10, max_value=99_999))
def test_change_then_level(metric, verb, pct_whole, pct_frac, level):
    word, direction, link = verb
    pct = f"{pct_whole},{pct_frac}%"
    amount = vi_format(level) + " tỷ đồng"
    facts = extract(f"{metric} năm nay {word} {pct} {link} {amount}.")
    by_quote = {f["quote"]: f for f in facts}
    assert set(by_quote) == {pct, amount}
    assert by_quote[pct]["change"] == direction and by_quote[pct]["class"] == "ratio"
    assert by_quote[amount]["change"] is None and by_quote[amount]["class"] == "money"
    assert by_quote[amount]["value"] == pytest.approx(level * 1e9)


@settings(deadline=None)  # the first call loads the pattern files and the lexicon
@given(METRICS, st.sampled_from(["đạt", "đạt mức", "lên mức", "giảm xuống", "tăng lên", "ở mức", "còn"]),
       st.integers(min_value=10, max_value=99_999))
def test_a_figure_after_a_level_word_is_a_level(metric, link, level):
    amount = vi_format(level) + " tỷ đồng"
    facts = extract(f"{metric} {link} {amount}.")
    assert [(f["quote"], f["change"]) for f in facts] == [(amount, None)]


@settings(deadline=None)  # the first call loads the pattern files and the lexicon
@given(METRICS, st.sampled_from([("tăng", "up"), ("giảm", "down")]), st.integers(min_value=1, max_value=99))
def test_a_bare_change_stays_a_change(metric, verb, pct):
    word, direction = verb
    facts = extract(f"{metric} {word} {pct}% so với cùng kỳ.")
    assert [(f["change"], f["base"]) for f in facts] == [(direction, "prior")]


# A spelled number inside a name is no number; the same words opening a sentence count (FACTS.md).
NOUNS = st.sampled_from(["công nhân", "giáo viên", "chiếc xe", "bác sĩ"])


@settings(deadline=None)
@given(st.integers(min_value=2, max_value=99).filter(lambda n: n != 5), NOUNS)   # `năm` opens no count (a year)
def test_a_spelled_count_opening_a_sentence_is_read(n, noun):
    facts = extract(f"{spell(n).capitalize()} {noun} được hỗ trợ trong đợt này.")
    assert [f["value"] for f in facts] == [n]


@settings(deadline=None)
@given(st.sampled_from(["Hai", "Ba", "Bốn", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười"]),
       st.sampled_from(["Ông Nguyễn Văn", "Bà Lê Thị", "Anh", "Chị", "Tỷ phú Lý Hiểu"]),
       st.sampled_from(["cho biết", "nhận định", "bắt đầu kinh doanh"]), st.integers(min_value=2, max_value=999), NOUNS)
def test_a_number_word_in_a_name_is_no_number(word, lead, verb, n, noun):
    facts = extract(f"{lead} {word} {verb} xã có {n} {noun}.")
    assert [(f["quote"], f["value"]) for f in facts] == [(f"{n} {noun}", n)]


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=10**7), st.sampled_from(["lãi", "điện", "phạt", "công"]))
def test_dong_before_tien_is_money_from_a_thousand(n, what):
    written = f"{n:,}".replace(",", ".")
    facts = extract(f"Hôm qua anh ấy trả {written} đồng tiền {what}.")
    assert len(facts) == 1
    if n >= 1000:
        assert (facts[0]["class"], facts[0]["unit"], facts[0]["value"]) == ("money", "VND", n)
    else:   # `6 đồng tiền`: so few dong are coins or currencies, counted
        assert (facts[0]["class"], facts[0]["unit"]) == ("count", "đồng tiền")


DIGIT_WORDS = st.sampled_from(["một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười"])


@settings(max_examples=150, deadline=None)
@given(DIGIT_WORDS, st.lists(DIGIT_WORDS, min_size=1, max_size=3),
       st.sampled_from(["đến", "tới", "-", "hoặc"]), st.sampled_from(["năm tù", "người", "triệu đồng", "tấn", "lần"]))
def test_a_range_of_spelled_numbers_never_fails(low, high, link, unit):
    """A range whose high end is no number (`từ hai đến năm năm tù`: two digit words in a row) is read without it,
    never failing the document (baomoi 2017 held one that stopped its extraction)."""
    text = f"Bị cáo đối mặt mức án từ {low} {link} {' '.join(high)} {unit} theo luật mới."
    for f in extract(text):
        assert f["value_max"] is None or f["value_max"] > f["value"]
