"""Every date and period form of issue 4, alias linking, multi-organization articles."""
from __future__ import annotations

import datetime as dt

import pytest

from pipeline import extract
from pipeline.orgs import find_mentions, link
from pipeline.timeexpr import mentions, published


@pytest.mark.parametrize("head,expected", [
    ("VNPT Hưng Yên\n\n15:06, Thứ Bảy, 17/09/2016 (GMT+7)\n", dt.date(2016, 9, 17)),
    ("Tin hoạt động\n24/12/2020 08:15\n", dt.date(2020, 12, 24)),
    ("Tue, Jul 21, 2020 | Tin tức\n", dt.date(2020, 7, 21)),
    ("Ngày 10/10/2017, Bưu điện TP. Hồ Chí Minh tổ chức hội nghị.", dt.date(2017, 10, 10)),
])
def test_publication_date_from_the_article_head(head, expected):
    assert published(head, None) == expected


def test_publication_date_from_metadata_and_url():
    assert published("", "2021-04-23") == dt.date(2021, 4, 23)
    assert published("", None, "https://nld.com.vn/hai-quan-20130219083016693.htm") == dt.date(2013, 2, 19)


@pytest.mark.parametrize("text,year,period", [
    ("Quý III/2017 doanh thu", 2017, "2017-Q3"),
    ("quý 1/2021", 2021, "2021-Q1"),
    ("6 tháng đầu năm 2018", 2018, "2018-H1"),
    ("9 tháng năm 2017", 2017, "2017-9M"),
    ("nửa đầu năm 2017", 2017, "2017-H1"),
    ("tháng 11/2012", 2012, "2012-11"),
    ("nhiệm kỳ 2015-2020", None, "2015/2020"),
    ("năm 2020", 2020, "2020"),
])
def test_explicit_time_forms(text, year, period):
    found = mentions(text, None)
    assert (found[0].year, found[0].period) == (year, period)


@pytest.mark.parametrize("text,year", [("năm nay", 2021), ("năm ngoái", 2020), ("cùng kỳ năm trước", 2020),
                                       ("năm tới", 2022), ("trong năm qua", 2020)])
def test_relative_years_resolve_against_publication(text, year):
    found = mentions(text, 2021)
    assert found[0].year == year and found[0].relative


def test_fact_years_from_clause_paragraph_and_publication():
    doc = ("Kết quả kinh doanh\n\nNăm 2020, doanh thu đạt 91 tỷ đồng. Lợi nhuận đạt 5 tỷ đồng.\n\n"
           "Năm 2021, đơn vị phấn đấu doanh thu 100 tỷ đồng.\n\nCùng kỳ năm ngoái, lợi nhuận 4 tỷ đồng.")
    facts = {f["quote"]: f for f in extract(doc, date="2021-01-05")}
    assert (facts["91 tỷ đồng"]["year"], facts["91 tỷ đồng"]["time_source"]) == (2020, "clause")
    assert (facts["5 tỷ đồng"]["year"], facts["5 tỷ đồng"]["time_source"]) == (2020, "paragraph")
    assert (facts["100 tỷ đồng"]["year"], facts["100 tỷ đồng"]["kind"]) == (2021, "target")
    assert facts["4 tỷ đồng"]["year"] == 2020
    assert "6 tháng" not in [f["quote"] for f in extract("6 tháng đầu năm doanh thu 5 tỷ đồng")]


def _orgs(text, title=""):
    return link(text, find_mentions(text), title)


def test_long_and_short_forms_link():
    orgs = _orgs("VNPT Hà Nội tổ chức đại hội. Viễn thông Hà Nội đạt doanh thu 5 tỷ đồng.")
    assert len(orgs) == 1 and set(orgs[0].names) == {"VNPT Hà Nội", "Viễn thông Hà Nội"}
    orgs = _orgs("Ngân hàng TMCP Ngoại thương Việt Nam (Vietcombank) họp. Vietcombank lãi 23.050 tỷ đồng.")
    assert len(orgs) == 1 and orgs[0].name == "Ngân hàng TMCP Ngoại thương Việt Nam"
    assert "Vietcombank" in orgs[0].aliases


def test_generic_local_mention_links_to_the_named_unit_not_the_national_body():
    text = ("Bưu điện tỉnh đạt doanh thu 96 tỷ đồng. Bưu điện Quảng Nam tổng kết năm, Tổng công ty Bưu điện "
            "Việt Nam ghi nhận. Bưu điện tỉnh có 48 bưu cục.")
    orgs = _orgs(text)
    assert orgs[0].name == "Bưu điện Quảng Nam" and "Bưu điện tỉnh" in orgs[0].names


def test_party_committee_of_a_unit_belongs_to_the_unit():
    facts = extract("Đảng bộ VNPT Hà Nội kết nạp 373 đảng viên.")
    assert facts[0]["org"] == "VNPT Hà Nội"


def test_multi_organization_article():
    text = ("Viettel, VNPT và MobiFone công bố kết quả. Viettel đạt doanh thu 264.000 tỷ đồng; "
            "VNPT đạt 161.000 tỷ đồng; Tổng Công ty Viễn thông MobiFone lãi 5.000 tỷ đồng.")
    by_quote = {f["quote"]: f["org"] for f in extract(text)}
    assert by_quote == {"264.000 tỷ đồng": "Viettel", "161.000 tỷ đồng": "VNPT",
                        "5.000 tỷ đồng": "Tổng Công ty Viễn thông MobiFone"}


def test_market_figures_have_no_organization():
    text = "Ngân hàng TMCP Tiên Phong họp cổ đông. Giá vàng SJC trên thị trường tăng 30% trong năm 2020."
    assert extract(text)[0]["org"] is None
