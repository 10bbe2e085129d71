"""The speed paths of `pipeline.quantities` give what the scans they stand in for give."""
from pipeline import quantities as Q


def test_spaced_scan_skipped_only_where_it_finds_nothing():
    g = Q.grammar()
    texts = ["Doanh thu đạt 91 352 triệu đồng", "giá 12 500 đồng/kg", "khoảng 5. 123 456 người",
             "năm 2020 100 người", "(1 234 567,5 USD)", "tăng 3,5% so với 2019", "12 345", "1 23", ""]
    for text in texts:
        numbers = list(g.number.finditer(text))
        if list(g.spaced.finditer(text)):
            assert Q._may_be_spaced(text, numbers), text
    assert not Q._may_be_spaced("tăng 3,5% so với 2019", list(g.number.finditer("tăng 3,5% so với 2019")))


def test_spaced_figure_read_whole():
    (q,) = [q for q in Q.find_quantities("Doanh thu đạt 91 352 triệu đồng.") if q.unit == "VND"]
    assert q.value == 91_352e6


def test_per_probes_find_what_their_alternations_find():
    """`per_named`'s cheap tests, shaped as tries (`patternbook.literal_trie`), find each place the plain
    alternation of their words (longest first) finds, the same span."""
    import re

    from pipeline import patternbook

    g = Q.grammar()
    words = ["hằng năm", "hàng tháng", "Mỗi", "mỗi", "mỗi ngày", "ab", "abc", "a b", "a  b"]
    plain = re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))
    trie = re.compile(patternbook.literal_trie(words))
    texts = ["Sản lượng hằng năm trên 600 triệu", "mỗi ngày 5 tấn, Mỗi người", "abc ab a b a  b a\tb",
             "ngân hàng năm", "hàng tháng", ""]
    for text in texts:
        for a in range(len(text) + 1):
            assert [m.span() for m in trie.finditer(text, a)] == [m.span() for m in plain.finditer(text, a)]
    assert g.per_probe.search("Mỗi túi đóng 2-3 khúc") and not g.per_probe.search("ngân hàng 5 tỷ")
