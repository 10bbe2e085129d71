"""The fast sentence-end scan (`text._sentence_ends`) finds exactly the ends of the pattern it stands in for."""
from hypothesis import given, settings, strategies as st

from pipeline import text as T

# the characters the two differ on if they differ at all: marks, closers, openers, blanks, capitals, digits,
# abbreviations' letters, Vietnamese capitals outside ASCII
_PIECES = st.sampled_from([".", "!", "?", "…", "..", "\"", "”", "’", ")", "(", "“", "‘", " ", "  ", "\n", "\u00a0",
                           "\t", "A", "Đ", "Ă", "a", "đ", "1", "TP", "TS", "ông", "Tp", "v.v", "Mr", "St", "x", ","])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_sentence_ends_match_the_pattern(s):
    assert T._sentence_ends(s) == [m.end() for m in T._SENT_END_ALL.finditer(s)]


def test_sentence_ends_on_news_text():
    s = "Doanh thu đạt 5 tỷ đồng. TP. HCM tăng 3%! Ông A. Nguyễn nói: “Tốt.” 2020 là năm khó… Công ty X."
    assert T._sentence_ends(s) == [m.end() for m in T._SENT_END_ALL.finditer(s)]
    assert len(T.sentences(s)) >= 3
