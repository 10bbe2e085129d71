"""`attribution._segment_start` remembers the last figure's comma search within a sentence (it was quadratic in
the figures of a long list): the answers must be those of the plain walk back, whatever order the figures ask in."""
from hypothesis import example, given, settings, strategies as st

from pipeline import attribution


def _walk_back(piece: str, r: int) -> int:
    """The rule as first written: the last comma after `r` that no digit follows (or ending the piece), else `r`."""
    c = piece.rfind(",")
    while c > r and c + 1 < len(piece) and piece[c + 1].isdigit():
        c = piece.rfind(",", 0, c)
    return max(r, c)


_TEXT = st.text(alphabet=list("12,5% ;:()ab"), min_size=1, max_size=60)


@settings(max_examples=400, deadline=None)
@given(_TEXT, st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=8), st.booleans())
@example("1,2,3", [3, 4, 5], True)   # a piece ending in a comma, then the digit after it
def test_comma_memo_answers_as_the_walk_back(text, positions, in_order):
    text = "x " + text      # a new object per example: the memo is keyed by the text itself
    for pos in sorted(positions) if in_order else positions:   # figures ask in order; other callers may not
        pos = min(pos, len(text))
        piece = text[:pos]
        if "(" in piece:
            continue        # parentheses are blanked first and never use the memo
        r = max(piece.rfind(";"), piece.rfind(":"))
        c = attribution._last_cut_comma(text, 0, piece)
        assert max(r, c) == _walk_back(piece, r), (text, pos)
