"""Analysts' hand-off: the typed facts frame, the metric pivot, and exports other tools read as is.

The pivot is checked on a corpus of our own sentences (tests/cases/analytics_corpus.jsonl):
two organizations, three years, an actual and a target, one figure in two articles
(once in tỷ, once in triệu), a hedged restatement, and two articles that disagree.
"""
from __future__ import annotations

import json
import math
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from pipeline import load_facts, metric_cells, metric_table
from pipeline.analytics import parse_unit
from pipeline.export import read_export

from conftest import ROOT, build_db
from test_cli import vnmetrics

CASES = Path(__file__).parent / "cases"
BG, TP = "Bưu điện tỉnh Bắc Giang", "Ngân hàng TMCP Tiên Phong"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_db(tmp_path_factory, CASES / "analytics_corpus.jsonl")


@pytest.fixture(scope="module")
def facts(db):
    return load_facts(db)


# --- load_facts ----------------------------------------------------------------------------------

def test_load_facts_has_the_dtypes_analysts_expect(facts):
    assert len(facts) == 9
    assert str(facts["year"].dtype) == "Int64" and str(facts["org_id"].dtype) == "Int64"
    for column in ("class", "unit", "kind", "per", "approx", "change", "base"):
        assert isinstance(facts[column].dtype, pd.CategoricalDtype), column
    assert facts["value"].dtype == "float64" and facts["id"].dtype == "int64"
    assert set(facts["period"]) == {"2019", "2020", "2021"}          # as written, not a number
    assert pd.api.types.is_datetime64_any_dtype(facts["date"])
    assert facts.loc[facts["doc_id"] == "an-tp-2019b", "date"].iloc[0] == pd.Timestamp("2020-04-02")
    assert all(isinstance(f, list) for f in facts["flags"])
    assert set(facts["org_name"]) == {BG, TP}                         # canonical, whatever alias was written
    assert "TPBank" in set(facts["org"])


@pytest.mark.parametrize("alias", ["TPBank", "tpbank", TP, " ngân hàng TMCP  tiên phong "])
def test_org_filter_accepts_any_alias(db, alias):
    got = load_facts(db, org=alias)
    assert set(got["org_name"]) == {TP} and len(got) == 4


def test_filters_combine(db):
    assert set(load_facts(db, org=BG, kind="target")["value"]) == {150e9}
    assert set(load_facts(db, year=2019)["doc_id"]) == {"an-bg-2019", "an-tp-2019a", "an-tp-2019b"}
    assert len(load_facts(db, year=[2019, 2021])) == 4
    assert len(load_facts(db, metric="doanh thu")) == 9 and len(load_facts(db, metric_key="revenue")) == 9
    assert load_facts(db, org="Không có ai").empty


def test_importing_the_package_does_not_load_pandas():
    """The CLI and the extraction workers start without pandas; `from pipeline import load_facts` loads it."""
    code = ("import sys, pipeline.cli; assert 'pandas' not in sys.modules; "
            "from pipeline import load_facts; assert 'pandas' in sys.modules")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


def test_a_column_a_later_version_stores_comes_along(db, tmp_path):
    copy = tmp_path / "facts.db"
    shutil.copy(db, copy)
    with sqlite3.connect(copy) as con:
        con.execute("alter table facts add column period_source text")
        con.execute("update facts set period_source = 'clause'")
    frame = load_facts(copy)
    assert frame.columns[-1] == "period_source" and set(frame["period_source"]) == {"clause"}
    assert list(frame.columns[:-1]) == list(load_facts(db).columns)


def test_missing_database_is_one_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such database"):
        load_facts(tmp_path / "none.db")
    assert not (tmp_path / "none.db").exists()                        # read-only: nothing created


# --- metric_table --------------------------------------------------------------------------------

def test_revenue_table_in_billions(facts):
    table = metric_table(facts, metric_key="revenue", kind="actual", unit="tỷ đồng")
    assert list(table.index) == [BG, TP] and list(table.columns) == [2019, 2020]
    assert table.loc[BG, 2019] == pytest.approx(112.3)
    assert table.loc[BG, 2020] == pytest.approx(137.5)               # 137,5 tỷ and 137.500 triệu: one value
    assert table.loc[TP, 2019] == pytest.approx(10250)              # `gần 10,3 nghìn tỷ` agrees with 10.250 tỷ
    assert table.loc[TP, 2020] == [11900.0, 12800.0]                # two articles disagree: both kept
    assert table.attrs["unit"] == "tỷ đồng" and table.attrs["kind"] == "actual"


def test_cells_point_back_to_their_facts(facts):
    table = metric_table(facts, metric_key="revenue", unit="tỷ đồng")
    ids = table.attrs["fact_ids"][(BG, 2020)]
    quotes = facts.set_index("id").loc[list(ids)]
    assert sorted(quotes["quote"]) == ["137,5 tỷ đồng", "137.500 triệu đồng"]
    assert sorted(quotes["doc_id"]) == ["an-bg-2020a", "an-bg-2020b"]
    disputed = table.attrs["disputed"]
    assert list(disputed) == [(TP, 2020)]
    by_value = {v: facts.set_index("id").loc[list(i), "doc_id"].tolist() for v, i in disputed[(TP, 2020)].items()}
    assert by_value == {11900.0: ["an-tp-2020b"], 12800.0: ["an-tp-2020a"]}


def test_tidy_cells_count_sources(facts):
    cells = metric_cells(facts, "revenue", unit="tỷ đồng").set_index(["org", "year"])
    assert cells.loc[(BG, 2020), "n_documents"] == 2 and not cells.loc[(BG, 2020), "disputed"]
    assert cells.loc[(TP, 2019), "values"] == [10250.0]
    assert cells.loc[(TP, 2020), "disputed"] and math.isnan(cells.loc[(TP, 2020), "value"])
    assert cells.loc[(TP, 2020), "value_fact_ids"] == [[i] for i in sorted(
        facts.loc[(facts["year"] == 2020) & (facts["org_name"] == TP), "id"],
        key=lambda i: facts.set_index("id").loc[i, "value"])]


def test_unit_conversion(facts):
    millions = metric_table(facts, metric_key="revenue", unit="triệu đồng")
    assert millions.loc[BG, 2020] == pytest.approx(137_500)
    thousand_billions = metric_table(facts, metric_key="revenue", unit="nghìn tỷ đồng")
    assert thousand_billions.loc[TP, 2019] == pytest.approx(10.25)
    assert metric_table(facts, metric_key="revenue", unit="VND").loc[BG, 2019] == pytest.approx(112.3e9)
    with pytest.raises(ValueError, match="VND"):
        metric_table(facts, metric_key="revenue", unit="triệu USD")


def test_kind_filter_keeps_targets_apart(facts):
    actual = metric_table(facts, metric_key="revenue", kind="actual", unit="tỷ đồng")
    target = metric_table(facts, metric_key="revenue", kind="target", unit="tỷ đồng")
    assert 2021 not in actual.columns
    assert list(target.columns) == [2021] and target.loc[BG, 2021] == pytest.approx(150)
    both = metric_table(facts, metric_key="revenue", kind=["actual", "target"], unit="tỷ đồng")
    assert list(both.columns) == [2019, 2020, 2021]


def test_levels_only_unless_asked(facts):
    """`tăng 22,4% so với năm 2019` is a change against a base, not a level of revenue."""
    assert metric_table(facts, metric_key="revenue", unit="%").empty
    change = metric_table(facts, metric_key="revenue", unit="%", change="up", base="prior")
    assert change.loc[BG, 2020] == pytest.approx(22.4)


def test_disputed_as_nan_gives_a_float_table(facts):
    table = metric_table(facts, metric_key="revenue", unit="tỷ đồng", disputed="nan")
    assert (table.dtypes == "float64").all()
    assert math.isnan(table.loc[TP, 2020]) and table.loc[TP, 2019] == pytest.approx(10250)


def test_by_period(facts):
    table = metric_table(facts, metric_key="revenue", unit="tỷ đồng", by="period")
    assert list(table.columns) == ["2019", "2020"]


def test_several_units_need_a_choice(facts):
    with pytest.raises(ValueError, match="several units"):
        metric_table(facts, metric_key="revenue", kind="*", change="*", base="*")


def _frame(rows):
    base = {"doc_id": "d", "org_name": "A", "org": "A", "year": 2020, "period": None, "metric_key": "profit",
            "metric": "lợi nhuận", "class": "money", "value_max": None, "unit": "VND", "per": "",
            "approx": None, "change": None, "base": None, "kind": "actual"}
    return pd.DataFrame([{**base, "id": i, **r} for i, r in enumerate(rows, 1)])


@pytest.mark.parametrize("quotes,values,shown", [
    (["5 tỷ đồng", "5.000 triệu đồng"], [5e9, 5e9], 5.0),
    (["5 tỷ đồng", "5,04 tỷ đồng"], [5e9, 5.04e9], 5.04),         # `5 tỷ` is 4,5-5,5 tỷ: the precise one stands
    (["5,0 tỷ đồng", "5,2 tỷ đồng"], [5e9, 5.2e9], [5.0, 5.2]),   # a digit more: 4,95-5,05 tỷ, so no
    (["khoảng 5 tỷ đồng", "5,2 tỷ đồng"], [5e9, 5.2e9], 5.2),      # `khoảng` allows 5 % either way
    (["5,2 tỷ đồng", "5,2 tỷ đồng", "7 tỷ đồng"], [5.2e9, 5.2e9, 7e9], [5.2, 7.0]),
])
def test_agreement_within_rounding(quotes, values, shown):
    rows = [{"quote": q, "value": v, "doc_id": f"d{i}", "approx": "about" if q.startswith("khoảng") else None}
            for i, (q, v) in enumerate(zip(quotes, values))]
    table = metric_table(_frame(rows), unit="tỷ đồng")
    assert table.loc["A", 2020] == pytest.approx(shown)
    assert table.attrs["fact_ids"][("A", 2020)] == tuple(range(1, len(quotes) + 1))


# --- units ---------------------------------------------------------------------------------------

UNIT_CASES = yaml.safe_load((CASES / "analytics_units.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", UNIT_CASES, ids=[c["unit"] for c in UNIT_CASES])
def test_parse_unit(case):
    assert parse_unit(case["unit"]) == (case["stored"], float(case["factor"]))


@given(scale=st.sampled_from([("nghìn", 1e3), ("triệu", 1e6), ("tỷ", 1e9), ("nghìn tỷ", 1e12)]),
       money=st.sampled_from([("đồng", "VND"), ("vnđ", "VND"), ("usd", "USD"), ("euro", "EUR")]),
       spaces=st.sampled_from([" ", "  ", "\t"]))
def test_parse_unit_any_scale_and_currency(scale, money, spaces):
    assert parse_unit(f"{scale[0]}{spaces}{money[0]}") == (money[1], scale[1])


def test_a_scale_alone_is_no_unit():
    with pytest.raises(ValueError, match="needs a unit"):
        parse_unit("tỷ")


# --- export --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def exported(db, tmp_path_factory):
    """Each format written once by the real command, the format taken from the file name."""
    folder = tmp_path_factory.mktemp("export")
    for fmt in ("csv", "parquet", "jsonl"):
        r = vnmetrics("export", "--db", db, "--out", folder / f"facts.{fmt}")
        assert r.returncode == 0, r.stderr
        assert "wrote 9 facts" in r.stderr
    return {fmt: folder / f"facts.{fmt}" for fmt in ("csv", "parquet", "jsonl")}


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
def test_export_round_trip(exported, facts, fmt):
    pd.testing.assert_frame_equal(read_export(exported[fmt]), facts)


def test_export_round_trip_on_the_sample_corpus(corpus_db, tmp_path):
    """Real articles: nulls, ranges, flags, documents without a date or URL; --format given."""
    facts = load_facts(corpus_db)
    for fmt in ("csv", "parquet", "jsonl"):
        out = tmp_path / f"facts-{fmt}.out"
        assert vnmetrics("export", "--db", corpus_db, "--format", fmt, "--out", out).returncode == 0
        pd.testing.assert_frame_equal(read_export(out, fmt), facts, obj=fmt)


def test_plain_readers_get_the_same_facts(exported, facts):
    """Without our reader: pandas reads the Parquet file to the very same frame; CSV and JSON lines to the same values."""
    pd.testing.assert_frame_equal(pd.read_parquet(exported["parquet"]), facts)
    for frame in (pd.read_csv(exported["csv"]), pd.read_json(exported["jsonl"], lines=True)):
        assert frame["id"].tolist() == facts["id"].tolist()
        assert frame["value"].tolist() == facts["value"].tolist()
        assert frame["year"].tolist() == facts["year"].tolist()
        assert frame["quote"].tolist() == facts["quote"].tolist()


def test_duckdb_reads_the_parquet_as_is(exported, facts):
    duckdb = pytest.importorskip("duckdb")
    out = exported["parquet"]
    con = duckdb.connect()
    types = dict(con.execute(f"select column_name, column_type from (describe select * from '{out}')").fetchall())
    assert types["year"] == "BIGINT" and types["value"] == "DOUBLE" and types["kind"] == "VARCHAR"
    assert types["flags"] == "VARCHAR[]" and types["date"].startswith("TIMESTAMP")
    rows = con.execute(f"select id, org_name, year, value, kind, period from '{out}' order by id").fetchall()
    expected = facts.sort_values("id")[["id", "org_name", "year", "value", "kind", "period"]]
    assert rows == [tuple(None if pd.isna(v) else v for v in r) for r in expected.astype(object).itertuples(index=False)]
    total = con.execute(f"select sum(value) / 1e9 from '{out}' where org_name = ? and year = 2020 and kind = 'actual' "
                        "and unit = 'VND'", [BG]).fetchone()[0]
    assert total == pytest.approx(275.0)                               # the same figure, stored twice


def test_polars_reads_the_parquet_as_is(exported, facts):
    pl = pytest.importorskip("polars")
    frame = pl.read_parquet(exported["parquet"])
    assert frame.schema["year"] == pl.Int64 and frame.schema["flags"] == pl.List(pl.String)
    assert frame["id"].to_list() == facts["id"].tolist()
    assert frame["value"].to_list() == facts["value"].tolist()
    assert frame["kind"].cast(pl.String).to_list() == facts["kind"].astype(str).tolist()


def test_export_filters(db, tmp_path):
    out = tmp_path / "tp.jsonl"
    r = vnmetrics("export", "--db", db, "--out", out, "--org", "TPBank", "--year", 2020, "--kind", "actual",
                  "--metric", "doanh thu")
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["value"] for r in rows) == [11.9e12, 12.8e12]
    assert {r["org_name"] for r in rows} == {TP} and rows[0]["date"] in ("2021-01-25", "2021-03-01")


def test_export_to_stdout(db):
    r = vnmetrics("export", "--db", db, "--format", "csv", "--out", "-", "--kind", "target")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("id,doc_id,org_name,org,") and len(lines) == 2


@pytest.mark.parametrize("args,message", [
    (["--db", "nowhere.db", "--out", "x.csv"], "nowhere.db: no such database"),
    (["--out", "x.txt"], "say --format"),
    (["--out", "x.csv", "--format", "xlsx"], "unknown format 'xlsx'"),
    (["--out", "-", "--format", "parquet"], "Parquet is binary"),
    (["--db", "notes.db", "--out", "x.csv"], "notes.db: not a vnmetrics database (file is not a database)"),
    (["--db", "empty.db", "--out", "x.csv"], "empty.db: not a vnmetrics database (no such table: facts)"),
])
def test_export_errors_are_one_line(db, tmp_path, args, message):
    if "--db" not in args:
        args = ["--db", db, *args]
    (tmp_path / "notes.db").write_text("not a database", encoding="utf-8")
    sqlite3.connect(tmp_path / "empty.db").execute("create table t (x)").connection.commit()
    r = vnmetrics("export", *args, cwd=tmp_path)
    assert r.returncode == 2 and message in r.stderr
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1



# --- the README's "Analyse the results", run as written ---------------------------------------------

def _readme_blocks():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Analyse the results"):]
    section = section[:section.index("\n## ", 3)]
    return re.findall(r"```(\w+)\n(.*?)```", section, re.S)


def test_readme_analysis_commands_work_as_written(corpus_db, tmp_path):
    """Every command of the section on the sample corpus, from a folder holding its facts.db."""
    shutil.copy(corpus_db, tmp_path / "facts.db")
    ran = []
    for lang, body in _readme_blocks():
        if lang == "python":
            r = subprocess.run([sys.executable, "-"], input=body, cwd=tmp_path, capture_output=True, text=True)
            assert r.returncode == 0, r.stderr
            assert "12.7" in r.stdout
            ran.append("python")
            continue
        for line in body.splitlines():
            if not line.startswith(".venv/bin/") or " pip install " in f" {line} " or "jupyter" in line:
                continue                                   # installing, and the notebook (test_notebook.py)
            exe, *args = shlex.split(line)
            if exe.endswith("sqlite-utils"):
                rows = sqlite3.connect(tmp_path / "facts.db").execute(args[1]).fetchall()
                assert rows, line
            elif exe.endswith("vnmetrics"):
                r = vnmetrics(*args, cwd=tmp_path)
                assert r.returncode == 0, r.stderr
            elif exe.endswith("python"):
                r = subprocess.run([sys.executable, *args], cwd=tmp_path, capture_output=True, text=True)
                assert r.returncode == 0 and r.stdout.strip(), r.stderr
            ran.append(exe.rsplit("/", 1)[-1])
    assert ran.count("sqlite-utils") == 2 and ran.count("vnmetrics") == 2 and ran.count("python") == 3
