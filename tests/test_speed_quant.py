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


def _spans(ms):
    return [(m.span(), m.groupdict()) for m in ms]


def test_elided_matches_are_the_scans_where_a_lead_or_tail_stands():
    """`_elided_matches` tries the pattern only at leads and after `,`/`;`/`và`: the scan's matches, in any case,
    across tabs and runs of blanks, and by the scan itself when lower-casing moves places (`İ`)."""
    g = Q.grammar()
    texts = ["Có 30 ca, trong đó 5 đang điều trị; KHOẢNG 7 đã xuất viện, VÀ 3 trong số đó thở máy.",
             "tổng 30 ca, và  12 trong số này", "có 40 người, x\tgồm có 5 đang", "20 xe Bao Gồm chỉ có 4, 3 thì",
             "TRONG ĐÓ, có tới 12 đang,\t9 ở", "İzmir có 30 ca, trong đó 5 đang", "Trong đó,5 đang", "trong đó 1.200 tại, 300."]
    for text in texts:
        assert _spans(Q._elided_matches(text, g)) == _spans(g.elided.finditer(text)), text
    # no lead and no tail: only parts listed after a comma, which `_elided_counts` drops (no lead before them)
    text = "Có 30 ca, 5 đang điều trị, 3 đã xuất viện."
    assert list(g.elided.finditer(text)) and not list(Q._elided_matches(text, g))


def test_times_words_found_once_in_the_lower_cased_text():
    g = Q.grammar()
    for text in ["tăng gấp đôi, GẤP BA, gẤp đôi và Gấp Đôi", "gấp", "ấp ủ gấp rưỡi", "İ gấp đôi", ""]:
        lowered = list(Q._times_words(text, g, [], text.lower()))
        plain = list(Q._times_words(text, g, []))
        assert [(q.start, q.end, q.value) for q in lowered] == [(q.start, q.end, q.value) for q in plain], text
