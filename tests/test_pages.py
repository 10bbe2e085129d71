"""The journalist's pages in a real headless browser (Debian chromium + chromedriver, via Selenium).

`vnmetrics serve` runs for real on a free port over a database built from
corpus/, the conflict corpus and an article carrying a `<script>`. Screenshots
go to test-artifacts/ (or $VNMETRICS_ARTIFACTS).
"""
from __future__ import annotations

import gc
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest

from conftest import ROOT
from pipeline.runner import run

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
VNMETRICS = str(Path(sys.executable).parent / "vnmetrics")
ARTIFACTS = Path(os.environ.get("VNMETRICS_ARTIFACTS", ROOT / "test-artifacts"))

pytestmark = pytest.mark.skipif(not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)),
                                reason="needs Debian chromium and chromium-driver (apt-get install chromium chromium-driver)")

EVIL = {"id": "evil", "title": "<script>window.__pwned_title = 1</script>Tin giả",
        "text": "Năm 2022, Công ty Cổ phần Bình Minh đạt doanh thu 120 tỷ đồng <script>window.__pwned = 1</script>"
                " <img src=x onerror=\"window.__pwned_img = 1\"> theo báo cáo."}


BARE = {"id": "bare", "text": "Năm 2022, Công ty Cổ phần Hoàng Long nộp ngân sách 5 tỷ đồng."}

URL_ID = {"id": "https://bao.vn/kinh-te/a-1.htm", "url": "https://bao.vn/kinh-te/a-1.htm", "title": "Một trang web",
          "text": "Năm 2022, Công ty Cổ phần Hoàng Long đạt doanh thu 110 tỷ đồng."}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    d = tmp_path_factory.mktemp("site")
    (d / "evil.jsonl").write_text(json.dumps(EVIL, ensure_ascii=False) + "\n" + json.dumps(URL_ID, ensure_ascii=False)
                                  + "\n" + json.dumps(BARE, ensure_ascii=False) + "\n", encoding="utf-8")
    db = d / "facts.db"
    run([ROOT / "corpus", ROOT / "tests" / "cases" / "conflicts", d / "evil.jsonl"], db=db, workers=1, progress=False)
    gc.collect()   # close the run's connection, as the end of a `vnmetrics extract` process would
    # serve refuses a database without its index, and says how to build it
    refused = subprocess.run([VNMETRICS, "serve", "--db", db, "--port", "1"], capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2 and "vnmetrics index --db" in refused.stderr
    subprocess.run([VNMETRICS, "index", "--db", db], check=True, capture_output=True)
    before = db.read_bytes(), sorted(p.name for p in d.iterdir())
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([VNMETRICS, "serve", "--db", db, "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(proc.stdout.read())
            time.sleep(0.3)
    yield {"base": base, "db": db, "name": db.stem}
    proc.terminate()
    proc.wait(10)
    # serving never wrote into the database (nor beside it: no journal, no WAL)
    assert (db.read_bytes(), sorted(p.name for p in d.iterdir())) == before


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1000"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.implicitly_wait(20)   # a loaded CI machine: elements are awaited, not assumed
    driver.set_page_load_timeout(120)
    yield driver
    driver.quit()


def _shot(browser, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    browser.save_screenshot(str(path))
    assert path.stat().st_size > 5000
    return path


def test_facts_table_opens_on_what_a_journalist_reads(site, browser):
    from selenium.webdriver.common.by import By

    browser.get(f"{site['base']}/{site['name']}/figures?doc_id=bg-a")
    headers = [h.get_attribute("data-column") for h in browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns th")]
    assert headers[1:8] == ["org", "period", "metric", "value", "kind", "quote", "source"], headers
    rows = browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
    text = " ".join(r.text for r in rows)
    assert "12,7 tỷ đồng" in text and "Bưu điện tỉnh Bắc Giang" in text and "tăng 10%" in text
    assert "12700000000" not in text and "+" not in text   # no raw float, no sign on a level
    browser.implicitly_wait(0)
    assert not browser.find_elements(By.CSS_SELECTOR, "dl.column-descriptions")   # glossary not the first screen
    browser.implicitly_wait(20)
    facets = browser.find_element(By.CSS_SELECTOR, ".facet-results").text
    for facet in ("org", "year", "kind"):
        assert facet in facets
    _shot(browser, "facts-table")
    browser.get(f"{site['base']}/{site['name']}/figures")   # the whole table, as it opens: rows on the first screen
    table = browser.find_element(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
    assert table.location["y"] + 40 < browser.execute_script("return window.innerHeight"), table.location
    _shot(browser, "facts-table-whole")
    browser.find_element(By.LINK_TEXT, "What the columns mean").click()   # one click away
    browser.find_element(By.CSS_SELECTOR, "dl dt")
    assert "/-/glossary" in browser.current_url and "12,7 tỷ đồng" in browser.page_source
    _shot(browser, "glossary")


def test_search_without_diacritics_finds_them(site, browser):
    from selenium.webdriver.common.by import By

    browser.get(f"{site['base']}/{site['name']}/figures")
    box = browser.find_element(By.CSS_SELECTOR, "input[name=_search]")
    from selenium.webdriver.support.ui import WebDriverWait

    box.send_keys("nop ngan sach")
    box.submit()
    WebDriverWait(browser, 20).until(lambda b: "_search=" in b.current_url)
    rows = browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
    assert any("12,7 tỷ đồng" in r.text and "nộp ngân sách" in r.text for r in rows), [r.text for r in rows]
    _shot(browser, "search-without-diacritics")
    browser.get(f"{site['base']}/{site['name']}/figures?_search=" + quote("dong gop"))  # đ typed as d
    assert browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")


def test_chart_of_a_metric_over_the_years(site, browser):
    from selenium.webdriver.common.by import By

    browser.get(f"{site['base']}/-/chart?" + urlencode({"org": "Công ty Cổ phần Hoàng Long", "metric": "revenue"}))
    bars = browser.find_elements(By.CSS_SELECTOR, "svg rect.bar-actual")
    labels = browser.find_element(By.CSS_SELECTOR, "svg[role=img]").text
    assert len(bars) >= 2 and "110 tỷ đồng" in labels and "100 tỷ đồng" in labels and "2021" in labels
    _shot(browser, "chart")
    browser.get(f"{site['base']}/-/chart?" + urlencode({"org": "TPB", "metric": "profit"}))   # a ticker the store knows
    labels = browser.find_element(By.CSS_SELECTOR, "svg[role=img]").text
    assert "5.800 tỷ đồng" in labels and "1.422" not in labels, labels   # the year's plan; Q1's 1.422 tỷ is no year's
    browser.get(f"{site['base']}/-/chart?" + urlencode({"org": "Công ty Cổ phần Hoàng Long", "metric": "revenue"}))
    browser.find_element(By.CSS_SELECTOR, "svg[role=img] a").click()   # a bar opens its article
    assert "/-/source/" in browser.current_url


def test_source_view_links_back_and_labels_targets(site, browser):
    from selenium.webdriver.common.by import By

    browser.get(f"{site['base']}/-/source/hl-d")
    back = browser.find_element(By.CSS_SELECTOR, "nav.back a")
    assert "Hoàng Long" in back.text
    marks = " ".join(m.text for m in browser.find_elements(By.CSS_SELECTOR, "mark.entity"))
    assert "KẾ HOẠCH" in marks   # the 20 tỷ plan says it is a target
    _shot(browser, "source-view-target")
    browser.get(f"{site['base']}/-/source/{quote('seeds/001_794da951e5bf4b3b', safe='')}")
    estimate = [m.text for m in browser.find_elements(By.CSS_SELECTOR, "mark.entity") if "91.352 triệu đồng" in m.text]
    assert estimate and "ƯỚC TÍNH" in estimate[0], estimate   # `ước đạt 91,352 triệu đồng` says it is an estimate
    browser.get(f"{site['base']}/-/source/hl-d")
    back = browser.find_element(By.CSS_SELECTOR, "nav.back a")
    back.click()
    rows = browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
    assert rows and all("Hoàng Long" in r.text for r in rows)


def test_a_page_without_title_url_or_date_reads_cleanly(site, browser):
    from selenium.webdriver.common.by import By

    browser.get(f"{site['base']}/-/source/bare")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Article bare"
    meta = browser.find_element(By.CSS_SELECTOR, ".meta").text
    assert "no date" in meta and "None" not in browser.page_source
    _shot(browser, "source-view-bare")


def test_a_quote_links_to_its_highlighted_source(site, browser):
    from selenium.webdriver.common.by import By

    browser.get(f"{site['base']}/{site['name']}/figures?doc_id=bg-a")
    link = browser.find_element(By.LINK_TEXT, "12,7 tỷ đồng")
    link.click()
    assert "/-/source/bg-a#fact-" in browser.current_url
    mark = browser.find_element(By.CSS_SELECTOR, "mark:target")
    assert "12,7 tỷ đồng" in mark.text
    assert "Bưu điện tỉnh Bắc Giang" in mark.text and "2023" in mark.text
    assert len(browser.find_elements(By.CSS_SELECTOR, "mark.entity")) == 3
    _shot(browser, "source-view")


def test_script_in_an_article_never_runs(site, browser):
    from selenium.webdriver.common.by import By

    browser.get(f"{site['base']}/-/source/{quote('evil')}")
    time.sleep(0.5)
    ran = browser.execute_script("return [window.__pwned, window.__pwned_img, window.__pwned_title]")
    assert ran == [None, None, None]
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "<script>window.__pwned = 1</script>" in body  # shown as text
    assert browser.find_elements(By.CSS_SELECTOR, "mark.entity")  # and its figure still highlighted
    # the row pages of Datasette escape it too
    browser.get(f"{site['base']}/{site['name']}/documents/evil")
    assert browser.execute_script("return window.__pwned") is None


def test_show_page_opened_from_disk_is_escaped_and_highlighted(site, browser, tmp_path):
    from selenium.webdriver.common.by import By

    page = tmp_path / "evil.html"
    subprocess.run([VNMETRICS, "show", "evil", "--db", site["db"], "--html", page], check=True, capture_output=True)
    browser.get(page.as_uri())
    assert browser.execute_script("return [window.__pwned, window.__pwned_img]") == [None, None]
    marks = browser.find_elements(By.CSS_SELECTOR, "mark.entity")
    assert any("120 tỷ" in m.text for m in marks)
    _shot(browser, "show-evil")


def test_canned_queries_and_read_only(site, browser):
    from selenium.webdriver.common.by import By

    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{site['base']}/{site['name']}/facts_of_organization?org=TPB&year=2021")
    rows = WebDriverWait(browser, 20).until(
        lambda b: b.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr"))
    assert rows and all("Tiên Phong" in r.text for r in rows)
    browser.get(f"{site['base']}/{site['name']}/conflicts")
    browser.find_element(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
    assert "15,2 tỷ đồng" in browser.page_source and "gives +20,0%" in browser.page_source
    assert "budget_contribution" in browser.page_source   # why the two were compared
    _shot(browser, "conflicts")
    sql = quote("delete from facts")
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(f"{site['base']}/{site['name']}.json?sql={sql}")
    n = json.load(urllib.request.urlopen(f"{site['base']}/{site['name']}.json?sql={quote('select count(*) as n from facts')}&_shape=array"))
    assert n[0]["n"] > 700


def test_a_document_whose_id_is_a_url_opens_from_its_quote(site, browser):
    from selenium.webdriver.common.by import By

    browser.get(f"{site['base']}/{site['name']}/figures?_search=" + quote("Hoàng Long"))
    browser.find_element(By.CSS_SELECTOR, "a[href*='bao.vn']").click()
    assert "110 tỷ đồng" in browser.find_element(By.CSS_SELECTOR, "mark.entity").text
