"""The journalist's pages in a real headless browser (Debian chromium + chromedriver, via Selenium).

`vnmetrics serve` runs for real on a free port over a database built from
corpus/, the conflict corpus and an article carrying a `<script>`. Screenshots
go to test-artifacts/ (or $VNMETRICS_ARTIFACTS).
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

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


URL_ID = {"id": "https://bao.vn/kinh-te/a-1.htm", "url": "https://bao.vn/kinh-te/a-1.htm", "title": "Một trang web",
          "text": "Năm 2022, Công ty Cổ phần Hoàng Long đạt doanh thu 110 tỷ đồng."}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    d = tmp_path_factory.mktemp("site")
    (d / "evil.jsonl").write_text(json.dumps(EVIL, ensure_ascii=False) + "\n" + json.dumps(URL_ID, ensure_ascii=False)
                                  + "\n", encoding="utf-8")
    db = d / "facts.db"
    run([ROOT / "corpus", ROOT / "tests" / "cases" / "conflicts", d / "evil.jsonl"], db=db, workers=1, progress=False)
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
    yield driver
    driver.quit()


def _shot(browser, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    browser.save_screenshot(str(path))
    assert path.stat().st_size > 5000
    return path


def test_facts_table_has_facets_search_and_descriptions(site, browser):
    from selenium.webdriver.common.by import By

    browser.get(f"{site['base']}/{site['name']}/facts")
    page = browser.page_source
    assert "One row per figure" in page
    facets = {e.get_attribute("data-facet") or e.text for e in browser.find_elements(By.CSS_SELECTOR, ".facet-info")}
    text = browser.find_element(By.CSS_SELECTOR, ".facet-results").text
    for facet in ("org", "year", "metric_key", "unit"):
        assert facet in text, (facet, facets)
    box = browser.find_element(By.CSS_SELECTOR, "input[name=_search]")
    box.send_keys("ngân sách")
    box.submit()
    rows = browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
    assert rows and all("ngân sách" in r.text.lower() or "ngân sách" in browser.page_source for r in rows)
    assert "_search=" in browser.current_url
    _shot(browser, "facts-table")


def test_a_quote_links_to_its_highlighted_source(site, browser):
    from selenium.webdriver.common.by import By

    browser.get(f"{site['base']}/{site['name']}/facts?doc_id=bg-a")
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

    browser.get(f"{site['base']}/{site['name']}/facts_of_organization?org=TPB&year=2021")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
    assert rows and all("Tiên Phong" in r.text for r in rows)
    browser.get(f"{site['base']}/{site['name']}/conflicts")
    assert "15,2 tỷ đồng" in browser.page_source and "gives +20.0%" in browser.page_source
    _shot(browser, "conflicts")
    sql = quote("delete from facts")
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(f"{site['base']}/{site['name']}.json?sql={sql}")
    n = json.load(urllib.request.urlopen(f"{site['base']}/{site['name']}.json?sql={quote('select count(*) as n from facts')}&_shape=array"))
    assert n[0]["n"] > 700


def test_a_document_whose_id_is_a_url_opens_from_its_quote(site, browser):
    from selenium.webdriver.common.by import By

    browser.get(f"{site['base']}/{site['name']}/facts?_search=" + quote("Hoàng Long"))
    browser.find_element(By.CSS_SELECTOR, "a[href*='bao.vn']").click()
    assert "110 tỷ đồng" in browser.find_element(By.CSS_SELECTOR, "mark.entity").text
