"""A figure glued to the word before it (`đạt1.885 tỷ đồng`) is read with a blank put in (`text.unglued`), and every
fact's offsets are mapped back: its quote and sentence are the original text's own slices, on any text."""
from hypothesis import example, given, settings, strategies as st

from pipeline.extract import extract
from pipeline.text import unglued

_PIECES = ["đạt", "tăng", "tỷ lệ", "khoảng", "hơn", "là", "iphone", "u", "covid", "mã số", "tỷ đồng", "triệu", "%",
           "người", "1.885", "0,49", "12", "0123", "7", " ", " ", ",", ".", "(", "-", "\n", "@", "gmail.com", "Công ty A"]
_TEXT = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
@example("Doanh thu đạt1.885 tỷ đồng,tăng5% so với cùng kỳ, tỷ lệ0,49%.")
@example("đạt1.885đạt1.885 đạt12")
@example("1.885triệu\ntỷ lệ")   # (a compound scale, `triệu tỷ`, never across a line)
def test_glued_offsets_are_the_texts_own(text):
    spaced, at = unglued(text)
    assert len(spaced) == len(text) + len(at) and at == sorted(set(at))
    removed = list(spaced)
    for i, p in reversed(list(enumerate(at))):
        assert removed[p + i] == " "
        del removed[p + i]
    assert "".join(removed) == text
    for f in extract(text):
        assert f["quote"] == text[f["start"]:f["end"]]
        assert f["sentence"] == text[f["sentence_start"]:f["sentence_end"]]
        assert f["sentence_start"] <= f["start"] < f["end"] <= f["sentence_end"]
