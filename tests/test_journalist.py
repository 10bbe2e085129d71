"""Verify, conflicts and show, on a real database built from corpus/ and the conflict corpus."""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import build_db, shared
from pipeline.conflicts import find_conflicts
from pipeline.verify import EXIT_STATUS, overall, verify

VNMETRICS = str(Path(sys.executable).parent / "vnmetrics")
CASES = Path(__file__).parent / "cases"
CLAIMS = yaml.safe_load((CASES / "claims.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def db(corpus_db):
    return corpus_db


@pytest.fixture(scope="module")
def conflict_db(tmp_path_factory):
    return build_db(tmp_path_factory, CASES / "conflicts")


def _docs(value) -> list:
    return [value] if isinstance(value, str) else list(value or [])


REVIEWS = {name: yaml.safe_load((CASES / f"{file}.yaml").read_text(encoding="utf-8"))
           for name, file in (("dantri", "conflicts_review"), ("baomoi", "conflicts_review_baomoi"))}
# session 9: every row the whole baomoi archive gave (sure and --all), read; the false ones under `earlier`
AUDIT = Path(__file__).resolve().parent.parent / "benchmarks" / "audit"
REVIEWS["baomoi_s9"] = yaml.safe_load((AUDIT / "conflicts-baomoi-s9.yaml").read_text(encoding="utf-8"))


def _reviewed_docs(review: dict) -> set:
    return {r[k] for part in ("reported", "doubtful", "relaxed", "earlier") for r in review.get(part) or []
            for k in ("doc_a", "doc_b")}


# the dantri articles the claims were written from, and those of every reviewed conflict candidate
DANTRI_SLICE = sorted({d for c in CLAIMS if c.get("db") == "dantri" for d in _docs(c.get("doc"))}
                      | _reviewed_docs(REVIEWS["dantri"]))


def _slice_db(tmp_path_factory, archive: Path, wanted: set):
    """A database of the `wanted` articles of `archive` (a few seconds: the whole archives are
    benchmarks/verify_claims.py's and benchmarks/conflicts_review.py's)."""
    with gzip.open(archive, "rt", encoding="utf-8") as fh:
        lines = [line for line in fh if line[8:40].split('"')[0] in wanted and json.loads(line)["id"] in wanted]
    assert len(lines) == len(wanted), "an article cited by the claims or a review is not in the archive"
    src = tmp_path_factory.mktemp("slice") / "slice.jsonl"
    src.write_text("".join(lines), encoding="utf-8")
    return build_db(tmp_path_factory, src)


@pytest.fixture(scope="session")
def dantri_db(tmp_path_factory):
    """The dantri articles the claims and the conflicts review cite, when ../shared is present."""
    return _slice_db(tmp_path_factory, shared("data", "dantri-2020.jsonl.gz"), set(DANTRI_SLICE))


@pytest.fixture(scope="session")
def baomoi_db(tmp_path_factory):
    """The baomoi articles of the conflicts review, when ../shared is present."""
    return _slice_db(tmp_path_factory, shared("data", "baomoi-2017.jsonl.gz"), _reviewed_docs(REVIEWS["baomoi"]))


@pytest.fixture(scope="session")
def baomoi_s9_db(tmp_path_factory):
    """The baomoi articles of the session-9 review of the whole archive, when ../shared is present."""
    return _slice_db(tmp_path_factory, shared("data", "baomoi-2017.jsonl.gz"), _reviewed_docs(REVIEWS["baomoi_s9"]))


DANTRI_S9 = yaml.safe_load((AUDIT / "conflicts-dantri-s9.yaml").read_text(encoding="utf-8"))["recall_search"]


@pytest.fixture(scope="session")
def dantri_s9_db(tmp_path_factory):
    """The dantri articles of the session-9 loose search (every candidate read, none real), when ../shared is present."""
    docs = {r[k] for r in DANTRI_S9["rows"] for k in ("doc_a", "doc_b")} | {r["doc"] for r in DANTRI_S9["arithmetic"]}
    return _slice_db(tmp_path_factory, shared("data", "dantri-2020.jsonl.gz"), docs)


def test_the_loose_search_on_dantri_reports_nothing_read_as_false(dantri_s9_db):
    """Issue 12 on the whole dantri archive: 0 reported, and the 107 pairs and 19 arithmetic candidates of a loose
    search of its facts, read against their sentences, were all false; none is reported by any tier or by the
    relaxed rules (benchmarks/audit/conflicts-dantri-s9.yaml), and the review counts what it lists."""
    rows, arith = DANTRI_S9["rows"], DANTRI_S9["arithmetic"]
    assert DANTRI_S9["pairs"] == len(rows) and DANTRI_S9["arithmetic_candidates"] == len(arith)
    assert DANTRI_S9["real"] == sum(r["verdict"] == "real" for r in rows + arith) == 0
    assert all(r["why"] for r in rows + arith)
    found = find_conflicts(dantri_s9_db, everything=True)
    assert not {_pair(r) for r in rows} & {_pair(c.to_dict()) for c in found}
    found += find_conflicts(dantri_s9_db, strict=False)
    # The relaxed rules (a recall search, never reported by `vnmetrics conflicts`) set HAG's 2020 net loss (`lỗ ròng`,
    # 1.256 tỷ, the shareholders' of the parent) against its loss after tax (2.383 tỷ), both keyed `loss`, since
    # session 27 reads the third figure of that group (`mức lỗ cùng kỳ là hơn 1.908 tỷ`, an open bound that joined the
    # two values before) as 2019's, which it is. Read false in session 9; every other pair stays unreported.
    known = {frozenset({("unc_business_117", "1.256 tỷ đồng"), ("unc_business_213", "2.383 tỷ đồng")})}
    pairs = {_pair(c.to_dict()) for c in found}
    assert not ({_pair(r) for r in rows} - known) & pairs
    assert not {c.doc_a for c in found if c.type == "arithmetic"} & {r["doc"] for r in arith}


@pytest.mark.parametrize("case", CLAIMS, ids=[c["claim"][:50] for c in CLAIMS])
def test_claim_verdict(request, case):
    if case.get("xfail"):
        request.applymarker(pytest.mark.xfail(reason=case["xfail"], strict=False))
    db = request.getfixturevalue({"dantri": "dantri_db", "conflicts": "conflict_db"}.get(case.get("db"), "db"))
    verdicts = verify(case["claim"], db)
    assert overall(verdicts) == case["verdict"], [(v.verdict, v.claim["metric"], v.claim["org"], v.notes) for v in verdicts]
    if case.get("note"):
        assert any(case["note"] in n for v in verdicts for n in v.notes), [v.notes for v in verdicts]


def test_contradiction_shows_both_figures_with_their_sources(db):
    [v] = verify("Năm 2023, Bưu điện tỉnh Bắc Giang nộp ngân sách 9 tỷ đồng", db)
    assert v.claim["value"] == 9e9
    [e] = [e for e in v.evidence if e["quote"] == "12,7 tỷ đồng"]
    assert "12,7 tỷ đồng" in e["sentence"] and "title" in e and "url" in e and e["doc_id"] and e["year"] == 2023


def test_cli_verify_exit_status_and_json(db):
    claim = "Bưu điện tỉnh Bắc Giang năm 2023 nộp ngân sách 12.700 triệu đồng"
    out = subprocess.run([VNMETRICS, "verify", claim, "--db", db, "--json"], capture_output=True, text=True)
    assert out.returncode == EXIT_STATUS["supported"] == 0
    answer = json.loads(out.stdout)
    assert answer["verdict"] == "supported"
    ev = answer["figures"][0]["evidence"][0]
    assert ev["quote"] == "12,7 tỷ đồng" and ev["sentence"] and "url" in ev and "date" in ev
    bad = subprocess.run([VNMETRICS, "verify", "Năm 2023, Bưu điện tỉnh Bắc Giang nộp ngân sách 9 tỷ đồng",
                          "--db", db], capture_output=True, text=True)
    assert bad.returncode == 1 and "CONTRADICTED" in bad.stdout and "12,7 tỷ đồng" in bad.stdout
    none = subprocess.run([VNMETRICS, "verify", "Năm 2019, Bưu điện tỉnh Bắc Giang nộp ngân sách 1 tỷ đồng",
                           "--db", db], capture_output=True, text=True)
    assert none.returncode == 3 and "not found" in none.stdout
    hedge = subprocess.run([VNMETRICS, "verify", "Năm 2023, Bưu điện tỉnh Bắc Giang nộp ngân sách hơn 12 tỷ đồng",
                            "--db", db, "--json"], capture_output=True, text=True)
    answer = json.loads(hedge.stdout)
    assert hedge.returncode == EXIT_STATUS["compatible"] == 4 and answer["verdict"] == "compatible"
    assert "hedge" in answer["figures"][0]["notes"][0] and "hơn" in answer["figures"][0]["notes"][0]


def test_conflicts_in_the_purpose_made_corpus(conflict_db):
    found = {(c.type, c.org, c.year, c.doc_a, c.doc_b) for c in find_conflicts(conflict_db)}
    assert found == {
        ("archive", "Bưu điện tỉnh Bắc Giang", 2023, "bg-a", "bg-b"),       # 12,7 vs 15,2 tỷ
        ("arithmetic", "Công ty Cổ phần Bình Minh", 2022, "hp-c", "hp-c"),  # "tăng 50%" is +20%
        ("arithmetic", "Công ty Cổ phần Sao Mai", 2022, "sm-e", "sm-e"),    # "120% kế hoạch" is 75%
        ("arithmetic", "Công ty Cổ phần Thủy Tiên", 2023, "tt-w", "tt-w"),  # a plan "tăng 80%" over 60 tỷ is +50%
        ("archive", "Công ty Cổ phần Sông Lam", 2022, "sl-1", "sl-2"),      # 84.236 vs 86.615 tỷ, both exact
        ("arithmetic", "Công ty Cổ phần Sông Lam", 2022, "sl-3", "sl-3"),   # "tăng 60%" is +41,4%; sl-4 prints it again
    }  # and nothing for hl-d, whose numbers agree; the revision (hd-q/hd-r) is in the doubtful tier


def test_conflicts_say_why_and_are_ranked(conflict_db):
    found = find_conflicts(conflict_db, everything=True)
    sure = [c for c in found if c.tier == "sure"]
    assert found[:len(sure)] == sure and [c.score for c in sure] == sorted((c.score for c in sure), reverse=True)
    # bg-a vs bg-b and bg-a vs bg-c: one disagreement, once
    [a] = [c for c in found if c.type == "archive" and c.org == "Bưu điện tỉnh Bắc Giang"]
    [r] = [c for c in found if c.type == "revision"]
    assert r.score < a.score and "revision, not a contradiction" in r.explanation
    assert "an estimate (hd-q, 2023-01-06) and a later figure (hd-r, 2023-04-12)" in r.why
    assert {a.value_a_text, a.value_b_text} == {"12,7 tỷ đồng", "15,2 tỷ đồng"}
    assert "budget_contribution" in a.why and "period 2023" in a.why and "both levels" in a.why
    assert a.sentence_a and a.sentence_b
    # pre-tax vs after-tax (sm-f/sm-g), quarter vs year (hp-h/hp-c), group vs subsidiary (mq-i/mq-j),
    # one sentence quoted twice (dv-l/dv-m), rates of a list against another list (dv-n): nothing
    docs = {d for c in found for d in (c.doc_a, c.doc_b)}
    assert not docs & {"sm-f", "sm-g", "hp-h", "mq-i", "mq-j", "dv-l", "dv-m", "dv-n", "sm-o", "sm-p", "bm-t", "bm-u",
                       "dh-z1", "dh-z2", "dh-z3"}


@pytest.mark.parametrize("guard, neutral, pair", [
    ("_rounds_to", lambda a, b: False, {("dh-z1", "12.300 tỷ đồng"), ("dh-z2", "12.288 tỷ đồng")}),
    ("_parts", lambda r: frozenset(), {("dh-z1", "12.300 tỷ đồng"), ("dh-z2", "2.150 tỷ đồng")}),
    ("_not_a_measure", lambda r: False, {("dh-z2", "520 triệu USD"), ("dh-z3", "560 triệu USD")}),
])
def test_held_out_false_alarms_are_told_apart(conflict_db, monkeypatch, guard, neutral, pair):
    """Round figure vs the exact one, a part (`doanh thu phụ trợ`) vs the whole, a conversion in parentheses
    vs a figure in that currency (benchmarks/audit/conflicts-heldout.yaml): comparable but for the guard."""
    import pipeline.conflicts as conflicts

    def pairs():
        return [_pair(c.to_dict()) for c in find_conflicts(conflict_db, everything=True)]
    assert frozenset(pair) not in pairs()
    monkeypatch.setattr(conflicts, guard, neutral)
    assert frozenset(pair) in pairs()


@pytest.mark.parametrize("a, b, rounds", [
    (("31.000 tỷ đồng", 31000e9), ("31.076 tỷ đồng", 31076e9), True),     # written round
    (("10.800 tỉ", 10800e9), ("10.752 tỉ đồng", 10752e9), True),          # rounded up
    (("42.000 tỉ đồng", 42000e9), ("42.794 tỷ đồng", 42794e9), False),    # 42.794 rounds to 43.000
    (("227.000 tỷ đồng", 227000e9), ("228.000 tỷ đồng", 228000e9), False),  # two round figures that differ
    (("1.000 tỷ đồng", 1000e9), ("1.200 tỷ đồng", 1200e9), False),        # one significant digit: an order of size
    (("60%", 60.0), ("61,6%", 61.6), False),                              # one zero is no rounding
])
def test_a_round_figure_does_not_contradict_what_it_rounds(a, b, rounds):
    from pipeline.conflicts import _rounds_to

    fa, fb = ({"quote": q, "value": v} for q, v in (a, b))
    assert _rounds_to(fa, fb) is rounds


@pytest.mark.parametrize("a, b, member", [
    ("Tổng công ty Điện lực miền Trung", "Tập đoàn Điện lực Việt Nam", True),   # a member and its group
    ("Tập đoàn Bảo Việt", "Tổng Công ty Bảo hiểm Bảo Việt", True),
    ("Vinamilk", "Công ty Cổ phần Sữa Việt Nam", False),                        # no group named
    ("Công ty CP Tập đoàn Hòa Phát", "Tập đoàn Hòa Phát", False),               # both the group
])
def test_a_group_and_a_member_company_stored_as_one_are_told_apart(a, b, member):
    from pipeline.conflicts import _group_and_member

    assert _group_and_member({"org": a}, {"org": b}) is member


def test_a_value_guessed_from_its_magnitude_or_a_result_after_a_forecast_contradicts_nothing():
    from pipeline.conflicts import _doubtful

    assert _doubtful({"flags": '["separator-by-magnitude"]'})
    assert not _doubtful({"flags": '["separator-by-document-convention"]'}) and not _doubtful({"flags": None})
    sentence = "Theo dự kiến, tổng tài sản cuối năm 2024 của Ngân hàng Sông Hồng là 9.870 tỷ đồng."
    fact = {"sentence": sentence, "sentence_start": 0, "start": sentence.index("9.870"), "flags": "[]"}
    assert _doubtful({**fact, "kind": "actual"})      # a forecast stored as a result
    assert not _doubtful({**fact, "kind": "target"})  # stored as what it is: compared with other targets
    done = "Cuối năm 2024, tổng tài sản của Ngân hàng Sông Hồng là 9.870 tỷ đồng."
    assert not _doubtful({**fact, "sentence": done, "start": done.index("9.870"), "kind": "actual"})


def _pair(c: dict) -> frozenset:
    """A candidate whichever of its two figures comes first."""
    return frozenset({(c["doc_a"], c["quote_a"]), (c["doc_b"], c["quote_b"])})


@pytest.mark.parametrize("archive", sorted(REVIEWS))
def test_reviewed_conflicts(request, archive):
    """What a reader judged false is never reported, and what was reported and judged real still is
    (on the articles of the review; the whole archives are benchmarks/conflicts_review.py's); of what
    was reported, at least 8 in 10 were judged real, and the review's count says so."""
    review = REVIEWS[archive]
    db = request.getfixturevalue(f"{archive}_db")
    found = {_pair(c.to_dict()) for c in find_conflicts(db)}
    every = {_pair(c.to_dict()) for c in find_conflicts(db, everything=True)}
    parts = [r for part in ("reported", "doubtful", "relaxed", "earlier") for r in review.get(part) or []]
    false = {_pair(r) for r in parts if r["verdict"] == "false"}
    assert false and not false & every
    # a real row stays found; it is reported by default unless the review puts it in the doubtful tier
    real = [r for r in review["reported"] + (review.get("doubtful") or []) if r["verdict"] == "real"]
    assert {_pair(r) for r in real} <= every
    assert {_pair(r) for r in review["reported"] if r["verdict"] == "real"} <= found
    judged = [r for r in review["reported"] if r["verdict"] in ("real", "false")]
    assert {k: review["count"][k] for k in ("reported", "reviewed", "real")} == {
        "reported": len(review["reported"]), "reviewed": len(judged),
                               "real": sum(r["verdict"] == "real" for r in judged)}
    assert not judged or review["count"]["real"] / len(judged) >= 0.8


def test_prices_of_two_trading_sessions_are_not_set_against_each_other(baomoi_s9_db, monkeypatch):
    """PNJ's gold prices quoted for two sessions (`so với chốt phiên giao dịch của ngày hôm trước`), dated only by
    the title's year, were a false alarm of --all on the whole baomoi archive: comparable but for the session rule."""
    import regex

    import pipeline.conflicts as conflicts

    pnj = [_pair(r) for r in REVIEWS["baomoi_s9"]["earlier"] if r["org"] == "PNJ"]
    assert len(pnj) == 2

    def every():
        return {_pair(c.to_dict()) for c in find_conflicts(baomoi_s9_db, everything=True)}
    assert not set(pnj) & every()
    monkeypatch.setitem(conflicts._guards(), "session", regex.compile(r"(?!)"))
    assert set(pnj) <= every()


@pytest.mark.parametrize("sentence, quote, session", [
    ("Giá vàng miếng của Công ty Hồng Hà niêm yết ở mức 66,5 triệu đồng/lượng, giảm 50.000 đồng so với chốt phiên "
     "giao dịch ngày hôm trước.", "66,5", True),
    ("Mở cửa phiên sáng nay, cổ phiếu HHA của Công ty Hồng Hà đứng ở mức 21.500 đồng.", "21.500", True),
    ("Năm 2023, doanh thu của Công ty Hồng Hà đạt 1.250 tỷ đồng, tăng 12% so với năm trước.", "1.250", False),
])
def test_a_quote_of_one_trading_session_is_no_figure_of_a_period(sentence, quote, session):
    from pipeline.conflicts import _not_a_measure

    assert _not_a_measure({"sentence": sentence, "sentence_start": 0, "start": sentence.index(quote)}) is session


@pytest.fixture()
def two_codes_db(tmp_path_factory):
    """hh-1 (HHA) and hh-2 (HHN), two companies, joined into one organization as org linking may join them."""
    import sqlite3

    db = build_db(tmp_path_factory, CASES / "conflicts_codes")
    con = sqlite3.connect(db)
    [(keep,), (other,)] = con.execute("select id from organizations order by id").fetchall()
    for sql in ("update facts set org_id = ? where org_id = ?", "update org_names set id = ? where id = ?"):
        con.execute(sql, (keep, other))
    con.execute("delete from organizations where id = ?", (other,))
    con.commit()
    return db


def test_two_stock_codes_of_one_stored_organization_are_two_companies(two_codes_db, monkeypatch):
    """HAG (Hoàng Anh Gia Lai) and HNG (HAGL Agrico), both names of one organization in the whole baomoi store, gave a
    false alarm of --all: a company has one stock code, so two different codes before the figures are two companies.
    Without the rule the two revenues would be a sure conflict."""
    import pipeline.conflicts as conflicts

    assert find_conflicts(two_codes_db, everything=True) == []
    monkeypatch.setattr(conflicts, "_two_codes", lambda a, b, store=None: False)
    [c] = find_conflicts(two_codes_db)
    assert {c.quote_a, c.quote_b} == {"745 tỷ đồng", "1.240 tỷ đồng"}


@pytest.mark.parametrize("a, b, two", [
    ("Năm 2023, HHA đạt doanh thu 745 tỷ đồng.", "Năm 2023, HHN đạt doanh thu 1.240 tỷ đồng.", True),
    ("Năm 2023, HHA đạt doanh thu 745 tỷ đồng.", "Năm 2023, Hồng Hà đạt doanh thu 790 tỷ đồng.", False),  # a code, a name
    ("Năm 2023, HHA đạt doanh thu 745 tỷ đồng.", "Năm 2023, HHA báo doanh thu 790 tỷ đồng.", False),      # one code
    ("Năm 2023, HHA đạt doanh thu 745 tỷ đồng.", "Năm 2023, USD HHX đạt doanh thu 790 tỷ đồng.", False),  # not its names
])
def test_only_two_codes_that_are_names_of_the_organization_tell_two_companies(a, b, two):
    from types import SimpleNamespace

    from pipeline.conflicts import _two_codes

    store = SimpleNamespace(_org_ids={"hha": 7, "hhn": 7, "hồng hà": 7})
    fa, fb = ({"org_id": 7, "sentence": s, "sentence_start": 0, "start": s.index(" tỷ") - 3} for s in (a, b))
    assert _two_codes(fa, fb, store) is two
    assert _two_codes(fa, fb, None) is False


def test_an_estimate_published_after_the_other_figure_revises_nothing():
    from pipeline.conflicts import _revision

    est = {"kind": "estimate", "doc_date": "2023-05-20"}
    actual = {"kind": "actual", "doc_date": "2023-04-12"}
    assert _revision(est, actual) is False and _revision({**est, "doc_date": None}, actual) is False
    assert _revision({**est, "doc_date": "2023-01-06"}, actual) == ({**est, "doc_date": "2023-01-06"}, actual)
    assert _revision(actual, {**actual, "doc_date": "2023-06-01"}) is None   # two figures given as facts


@pytest.mark.parametrize("a, b, part", [
    ("FPT", "Công ty cổ phần Viễn Thông FPT", True),       # a company named after the group
    ("Tập đoàn FPT", "FPT Telecom", True),                 # the group's name starts the company's
    ("Viettel", "Tập đoàn Viễn thông Quân đội Viettel", False),             # the full name
    ("Tập đoàn Viễn thông Quân đội", "Tập đoàn Viễn thông Quân đội Viettel", False),  # + a name of its own
    ("MobiFone", "Tổng Công ty Viễn thông MobiFone", False),  # one well-known organization
    ("Công ty Cổ phần Bình Minh", "Bình Minh", False),        # the legal form only
])
def test_a_group_and_its_company_stored_as_one_are_told_apart(a, b, part):
    from types import SimpleNamespace

    from pipeline.conflicts import _parent_and_part

    store = SimpleNamespace(_org_ids={"viettel": 1, "tập đoàn viễn thông quân đội": 1})
    assert _parent_and_part({"org": a, "org_id": 1}, {"org": b, "org_id": 1}, store) is part


def test_cli_conflicts_lists_and_stores_them(conflict_db):
    import sqlite3

    out = subprocess.run([VNMETRICS, "conflicts", "--db", conflict_db, "--json"], capture_output=True, text=True)
    assert out.returncode == 0
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(rows) == 6 and {r["type"] for r in rows} == {"archive", "arithmetic"}
    assert {r["tier"] for r in rows} == {"sure"}
    assert all(isinstance(r["matched"], dict) and r["matched"]["unit"] for r in rows)   # an object, not JSON in a string
    assert sqlite3.connect(conflict_db).execute("select count(*) from conflicts").fetchone()[0] == 6
    every = subprocess.run([VNMETRICS, "conflicts", "--db", conflict_db, "--json", "--all", "--no-save"],
                           capture_output=True, text=True)
    rows = [json.loads(line) for line in every.stdout.splitlines()]
    assert [r["tier"] for r in rows] == ["sure"] * 6 + ["doubtful"] * 3 and rows[-1]["type"] == "revision"
    assert all(r["doubts"] for r in rows[6:]) and not any(r["doubts"] for r in rows[:6])
    table = subprocess.run([VNMETRICS, "conflicts", "--db", conflict_db, "--all", "--no-save"],
                           capture_output=True, text=True).stdout
    assert "DOUBTFUL" in table and "9 conflicts (3 doubtful)" in table


@pytest.mark.parametrize("pair, doubt", [
    ({("sl-1", "4.500 tỷ đồng"), ("sl-2", "3.912 tỷ đồng")}, "a round figure (4.500 tỷ đồng)"),
    ({("sl-1", "61.230 tỷ đồng"), ("sl-2", "58.117 tỷ đồng")}, "a hedged figure (61.230 tỷ đồng)"),
    ({("hd-q", "80 tỷ đồng"), ("hd-r", "65 tỷ đồng")}, "not two results (kind estimate / actual)"),
])
def test_what_is_not_sure_is_only_in_the_doubtful_tier(conflict_db, monkeypatch, pair, doubt):
    """A round figure (which may be a cut exact one), a hedged one, an estimate: comparable, but reported only
    with `--all`, below every sure row, saying why; without `_doubts` they would be reported as sure."""
    import pipeline.conflicts as conflicts

    [row] = [c for c in find_conflicts(conflict_db, everything=True) if _pair(c.to_dict()) == frozenset(pair)]
    assert row.tier == "doubtful" and doubt in row.doubts
    assert frozenset(pair) not in {_pair(c.to_dict()) for c in find_conflicts(conflict_db)}
    monkeypatch.setattr(conflicts, "_doubts", lambda a, b: [])
    assert frozenset(pair) in {_pair(c.to_dict()) for c in find_conflicts(conflict_db)}


def test_a_sure_conflict_says_which_fields_matched_and_where_each_was_read(conflict_db):
    [c] = [c for c in find_conflicts(conflict_db) if c.type == "archive" and c.org == "Công ty Cổ phần Sông Lam"]
    matched = json.loads(c.matched)
    assert matched["metric_key"] == "revenue" and matched["period"] == "2022" and matched["kind"] == "actual"
    assert matched["organization_read_from"] == "segment" and matched["period_read_from"] == "clause"
    assert matched["unit"] == "VND" and matched["reading"] == "both levels" and c.doubts == ""
    [r] = [c for c in find_conflicts(conflict_db) if c.type == "arithmetic" and c.org == "Công ty Cổ phần Sông Lam"]
    assert json.loads(r.matched)["base"] == "prior" and json.loads(r.matched)["base_period"] == "2021"


def test_one_disagreement_printed_by_two_articles_is_one_row(conflict_db, monkeypatch):
    """sl-3 and sl-4 print the same sentences (`tăng 60%` over 5.104 tỷ, which is +41,4%): one row, which
    says where else it is printed; without `_once` it would be listed twice."""
    import pipeline.conflicts as conflicts

    def rows():
        return [c for c in find_conflicts(conflict_db) if c.type == "arithmetic" and c.org == "Công ty Cổ phần Sông Lam"]
    [row] = rows()
    assert row.doc_a == "sl-3" and "the same sentences also in sl-4" in row.why
    monkeypatch.setattr(conflicts, "_once", lambda found: found)
    assert len(rows()) == 2


def test_cli_show_writes_a_page_with_every_fact_highlighted(conflict_db, tmp_path):
    page = tmp_path / "bg-a.html"
    out = subprocess.run([VNMETRICS, "show", "bg-a", "--db", conflict_db, "--html", page], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    html = page.read_text(encoding="utf-8")
    assert html.count("<mark id=\"fact-") == 3
    assert "MONEY 12,7 tỷ đồng · Bưu điện tỉnh Bắc Giang · 2023" in html
    missing = subprocess.run([VNMETRICS, "show", "nope", "--db", conflict_db, "--html", page], capture_output=True, text=True)
    assert missing.returncode == 2 and "no document 'nope'" in missing.stderr


def test_article_text_is_escaped_in_the_page():
    from pipeline.sourceview import render_document

    doc = {"id": "x", "title": "<b>T</b>", "text": "Doanh thu <script>alert(1)</script> đạt 5 tỷ đồng."}
    facts = [{"id": 1, "start": 39, "end": 49, "class": "money", "value": 5e9, "unit": "VND", "org": "<i>O</i>",
              "year": 2020, "quote": "5 tỷ đồng"}]
    html = render_document(doc, facts)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<i>O</i>" not in html and "<b>T</b>" not in html


@pytest.mark.parametrize("fact, text", [
    ({"value": 12.7e9, "unit": "VND"}, "12,7 tỷ đồng"),
    ({"value": 91352e6, "unit": "VND"}, "91.352 triệu đồng"),        # not `91,352 tỷ`
    ({"value": 4389e9, "unit": "VND"}, "4.389 tỷ đồng"),
    ({"value": 22.8, "unit": "%", "change": "up"}, "tăng 22,8%"),    # a change says so; a level has no sign
    ({"value": 3000, "unit": "người", "approx": "over"}, "hơn 3.000 người"),
    ({"value": 3, "value_max": 5, "unit": "%", "per": "năm"}, "3–5%/năm"),
    ({"value": 5e6, "unit": "VND", "per": "người/tháng"}, "5 triệu đồng/người/tháng"),
    ({"value": 1234567890, "unit": "VND"}, "1.234.567.890 đồng"),
    ({"value": 150e6, "unit": "t"}, "150 triệu tấn"),
    ({"value": 0.35, "unit": "pp", "change": "down"}, "giảm 0,35 điểm phần trăm"),
    ({"value": 102, "unit": "%", "base": "plan"}, "102% kế hoạch"),
])
def test_values_read_as_a_vietnamese_reader_writes_them(fact, text):
    from pipeline.display import format_value

    assert format_value(fact) == text


def test_cli_facts_table_uses_the_same_format(db):
    out = subprocess.run([VNMETRICS, "facts", "--db", db, "--org", "Bưu điện tỉnh Bắc Giang", "--year", "2023"],
                         capture_output=True, text=True)
    assert out.returncode == 0 and "12,7 tỷ đồng" in out.stdout and "tỷ VND" not in out.stdout
    assert "thực hiện" in out.stdout and "actual" not in out.stdout   # the kind in the site's words


def test_claim_org_known_only_to_the_store_is_recognised(db):
    """`TPB` is in no pattern file; the stored articles tie it to Ngân hàng TMCP Tiên Phong."""
    from pipeline.verify import Archive, _orgs_named

    named = _orgs_named(Archive(db), "Năm 2021, TPB có lãi 1.600 tỷ đồng")
    assert list(named.values()) == ["TPB"]
    assert _orgs_named(Archive(db), "năm nay lãi suất thấp") == {}
    # a stored name cut short (`Bưu điện tỉnh`) is not the name of a longer one in the claim
    assert list(_orgs_named(Archive(db), "Bưu điện tỉnh Lạng Sơn nộp ngân sách").values()) != ["Bưu điện tỉnh"]


def test_verify_org_key_is_the_stores(db):
    from pipeline.store import org_key as store_key
    from pipeline.verify import org_key

    for name in ("Ngân hàng TMCP Tiên Phong", "  TPBank, ", "Bưu điện tỉnh Bắc-Giang"):
        assert org_key(name) == store_key(name)


def test_a_formatted_value_reads_back_to_itself():
    """What the site and verify write, the extraction reads back to the same value (display and parser agree)."""
    from hypothesis import given, settings, strategies as st

    from pipeline.display import format_value
    from pipeline.extract import extract

    @settings(max_examples=150, deadline=None)
    @given(st.integers(1, 99_999), st.integers(0, 10), st.sampled_from(["VND", "USD"]))
    def check(mantissa, exp, unit):
        value = float(mantissa * 10 ** exp)
        text = format_value({"value": value, "unit": unit})
        facts = extract(f"Năm 2020, doanh thu của công ty đạt {text}.")
        assert [f["unit"] for f in facts] == [unit], text
        assert facts[0]["value"] == pytest.approx(value, rel=1e-9), text   # the scorer's tolerance is 1e-6

    check()


def test_serve_refuses_a_missing_or_stale_index_and_index_builds_it(tmp_path):
    import gc

    from pipeline.runner import run
    from pipeline.site import IndexMissing, build_index, check_index

    db = tmp_path / "f.db"
    run([CASES / "conflicts"], db=db, workers=1, progress=False)
    gc.collect()
    with pytest.raises(IndexMissing, match="no conflicts"):   # the run wrote the rows, not the conflicts
        check_index(db)
    assert build_index(db)["conflicts"] == 6
    check_index(db)
    (tmp_path / "more.jsonl").write_text(json.dumps({"id": "x", "text": "Năm 2022, Công ty Cổ phần Hoàng Long "
                                                     "nộp ngân sách 7 tỷ đồng."}, ensure_ascii=False), encoding="utf-8")
    run([tmp_path / "more.jsonl"], db=db, workers=1, progress=False)
    gc.collect()
    with pytest.raises(IndexMissing, match="conflicts were not found"):
        check_index(db)
    out = subprocess.run([VNMETRICS, "serve", "--db", db, "--port", "1"], capture_output=True, text=True)
    assert out.returncode == 2 and f"vnmetrics index --db {db}" in out.stderr and "Traceback" not in out.stderr


@pytest.mark.parametrize("before, known", [
    ("Công ty Vàng bạc Đá quý Phú Sơn năm 2020 lãi ", True),     # a gemstone is no quarter
    ("Quý khách của hãng năm 2020 chi ", True),
    ("Trong quý I, ngân hàng năm 2020 lãi ", False),             # a quarter's figure is no year's
    ("Sau 5 tháng năm 2020, hãng lãi ", False),
])
def test_a_year_figure_keeps_its_period_unless_a_shorter_span_is_named(before, known):
    from pipeline.compare import period

    fact = {"sentence": before + "5 tỷ đồng.", "sentence_start": 0, "start": len(before), "period": "2020", "year": 2020}
    assert (period(fact) == "2020") is known


def test_a_donation_is_an_event_not_a_period_total():
    """Two gifts of one company in one year are two gifts (VietNews second held-out set): a donation is set
    against nothing, while the same figure as revenue is."""
    from pipeline.conflicts import eligible

    def fact(sentence, metric, key):
        return {"org_id": 1, "org": "Hà Giang Group", "org_source": "segment", "time_source": "clause",
                "year": 2016, "period": "2016", "kind": "actual", "unit": "VND", "value": 4.6e9,
                "quote": "4,6 tỷ đồng", "sentence": sentence, "sentence_start": 0, "start": sentence.index("4,6"),
                "flags": "[]", "metric": metric, "metric_key": key}
    assert eligible(fact("Năm 2016, Hà Giang Group ủng hộ đồng bào vùng lũ 4,6 tỷ đồng.",
                         "ủng hộ", "donations")) is None
    assert eligible(fact("Năm 2016, Hà Giang Group đạt doanh thu 4,6 tỷ đồng.",
                         "doanh thu", "revenue")) is not None


def test_checking_the_index_writes_nothing_beside_a_wal_database(tmp_path):
    """`extract` leaves its database in WAL mode; `serve` checks the index before Datasette opens it
    immutable. A read-only (not immutable) open of a WAL database creates `-wal` and `-shm` files beside
    it: `serve` must write nothing there (nor into it)."""
    import sqlite3

    from pipeline.site import check_index

    db = tmp_path / "f.db"
    conn = sqlite3.connect(db)
    conn.execute("pragma journal_mode=wal")
    for table in ("figures", "facts_fts", "conflicts"):
        conn.execute(f"create table {table} (x)")
    conn.execute("create table facts (id)")
    conn.execute("create table vnmetrics_index (facts)")
    conn.execute("insert into vnmetrics_index values (0)")
    conn.commit()
    conn.close()
    before = db.read_bytes(), sorted(p.name for p in tmp_path.iterdir())
    assert before[1] == ["f.db"]
    check_index(db)
    assert (db.read_bytes(), sorted(p.name for p in tmp_path.iterdir())) == before
