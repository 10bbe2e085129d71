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
