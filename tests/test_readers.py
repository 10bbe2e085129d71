"""Readers: every input form, and bad input reported with file and line while the rest goes on."""
from __future__ import annotations

import gzip
import json

from pipeline.readers import read_documents


def _collect(paths):
    errors = []
    docs = list(read_documents(paths, errors.append))
    return docs, errors


def test_txt_jsonl_and_gz_in_a_folder(tmp_path):
    (tmp_path / "a.txt").write_text("Doanh thu đạt 5 tỷ đồng.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "b1", "text": "x"}) + "\n", encoding="utf-8")
    with gzip.open(tmp_path / "c.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": 7, "text": "y", "url": "http://e.x/1"}) + "\n")
    docs, errors = _collect([tmp_path])
    assert errors == []
    assert [d["id"] for d in docs] == ["a", "b1", "7"]
    assert docs[2]["url"] == "http://e.x/1"


def test_bad_lines_are_reported_with_file_and_line_and_skipped(tmp_path):
    f = tmp_path / "docs.jsonl"
    with open(f, "wb") as fh:
        fh.write(json.dumps({"id": "ok1", "text": "a"}).encode() + b"\n")
        fh.write(b'{"id": "broken", "text": \n')
        fh.write(b'{"id": "latin", "text": "caf\xe9"}\n')
        fh.write(json.dumps({"text": "no id"}).encode() + b"\n")
        fh.write(json.dumps({"id": "ok2", "text": "b"}).encode() + b"\n")
    docs, errors = _collect([f])
    assert [d["id"] for d in docs] == ["ok1", "ok2"]
    assert [(e.line, e.path) for e in errors] == [(2, str(f)), (3, str(f)), (4, str(f))]
    assert "bad JSON" in errors[0].reason and "not UTF-8" in errors[1].reason
    assert str(errors[0]).startswith(f"{f}:2: ")


def test_non_utf8_text_file_is_reported(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"doanh thu \xff\xfe")
    (tmp_path / "good.txt").write_text("ok", encoding="utf-8")
    docs, errors = _collect([tmp_path])
    assert [d["id"] for d in docs] == ["good"]
    assert "bad.txt" in errors[0].path and "not UTF-8" in errors[0].reason


def test_truncated_gzip_keeps_what_was_read(tmp_path):
    f = tmp_path / "cut.jsonl.gz"
    raw = gzip.compress(b"".join(json.dumps({"id": str(i), "text": "t" * 50}).encode() + b"\n" for i in range(200)))
    f.write_bytes(raw[: len(raw) // 2])
    docs, errors = _collect([f])
    assert 0 < len(docs) < 200
    assert len(errors) == 1 and "cannot read" in errors[0].reason


def test_unsupported_file_type_is_reported_not_fatal(tmp_path):
    (tmp_path / "page.pdf").write_bytes(b"%PDF-1.4 5 ty dong")
    docs, errors = _collect([tmp_path / "page.pdf"])
    assert docs == [] and "unsupported input type" in errors[0].reason


PAGE = """<html><head><title>{title} - Báo Mẫu</title>
<meta property="article:published_time" content="{date}T08:00:00+07:00"></head>
<body><nav>Trang chủ | Kinh tế | Xã hội | Thể thao</nav>
<article><h1>{title}</h1>
<p>Năm 2019, Công ty Cổ phần Sữa Việt Nam đạt doanh thu 56.300 tỷ đồng, tăng 7% so với năm 2018.</p>
<p>Lợi nhuận trước thuế đạt 12.800 tỷ đồng, vượt kế hoạch đề ra cho cả năm của công ty.</p>
</article><footer>Bản quyền thuộc về Báo Mẫu. Liên hệ quảng cáo: 0123 456 789.</footer></body></html>"""


def test_html_page_gives_article_text_title_and_date_without_boilerplate(tmp_path):
    (tmp_path / "vinamilk.html").write_text(PAGE.format(title="Vinamilk lãi lớn", date="2020-02-03"), encoding="utf-8")
    docs, errors = _collect([tmp_path])
    assert errors == []
    [doc] = docs
    assert doc["id"] == "vinamilk" and doc["date"] == "2020-02-03" and doc["title"] == "Vinamilk lãi lớn"
    assert "56.300 tỷ đồng" in doc["text"]
    assert "Trang chủ" not in doc["text"] and "quảng cáo" not in doc["text"]


def test_html_page_without_article_text_is_reported(tmp_path):
    (tmp_path / "empty.html").write_text("<html><body><script>var x = 1;</script></body></html>", encoding="utf-8")
    docs, errors = _collect([tmp_path])
    assert docs == [] and "empty.html" in str(errors[0]) and "no article text" in errors[0].reason


def write_warc(path, pages):
    """A real WARC.gz (warcio's writer): an HTML response per (url, html), plus a request and an image."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for url, html, ctype in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "request", payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            w.write_record(w.create_warc_record(url, "response", payload=BytesIO(html.encode("utf-8")),
                                                http_headers=headers))


def test_warc_html_responses_become_documents_with_url_and_date(tmp_path):
    arc = tmp_path / "crawl.warc.gz"
    write_warc(arc, [
        ("https://bao.vn/kinh-te/a-1.htm", PAGE.format(title="Bài một", date="2020-02-03"), "text/html; charset=utf-8"),
        ("https://bao.vn/logo.png", "not html", "image/png"),
        ("https://bao.vn/kinh-te/a-2.htm", PAGE.format(title="Bài hai", date="2021-05-06"), "text/html"),
    ])
    docs, errors = _collect([arc])
    assert errors == []
    assert [d["id"] for d in docs] == ["https://bao.vn/kinh-te/a-1.htm", "https://bao.vn/kinh-te/a-2.htm"]
    assert [d["date"] for d in docs] == ["2020-02-03", "2021-05-06"]
    assert all(d["url"] == d["id"] and "12.800 tỷ đồng" in d["text"] for d in docs)


def test_truncated_warc_keeps_the_records_before_the_damage(tmp_path):
    arc = tmp_path / "crawl.warc.gz"
    write_warc(arc, [(f"https://bao.vn/a-{i}.htm", PAGE.format(title=f"Bài {i}", date="2020-02-03"), "text/html")
                     for i in range(5)])
    data = arc.read_bytes()
    arc.write_bytes(data[: int(len(data) * 0.7)])
    docs, errors = _collect([arc])
    assert 1 <= len(docs) < 5
    assert len(errors) == 1 and "crawl.warc.gz:record" in str(errors[0])


def test_partitions_cover_every_document_exactly_once(tmp_path):
    from pipeline.readers import partitions, read_partition

    lines = [json.dumps({"id": f"d{i}", "text": f"Doanh thu {i} tỷ đồng."}, ensure_ascii=False) for i in range(23)]
    lines[7] = "{broken"
    with gzip.open(tmp_path / "a.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    for i in range(5):
        (tmp_path / f"t{i}.txt").write_text(f"Lãi {i} tỷ đồng.", encoding="utf-8")
    parts = partitions([tmp_path], size=4)
    assert len({p.name for p in parts}) == len(parts)
    errors = []
    ids = [d["id"] for p in parts for d in read_partition(p, errors.append)]
    whole, whole_errors = _collect([tmp_path])
    assert ids == [d["id"] for d in whole]
    assert [str(e) for e in errors] == [str(e) for e in whole_errors] and errors[0].line == 8
