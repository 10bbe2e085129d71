# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Facts per organization and year
#
# Builds the facts database from the sample corpus (`corpus/`) and, when it is there, from the
# Dân trí 2020 archive (`../shared/data/dantri-2020.jsonl.gz`, next to the repository), then:
# facts per organization and year, one metric over the years for a few organizations, its
# distribution across organizations, and one figure checked back to its source.
#
# Set-up: `pip install ".[notebook]"`. Run it in Jupyter, or headless from the repository root:
# `jupytext --to ipynb --execute notebooks/facts_per_org_year.py`. Everything it writes goes to
# `notebooks/out/` (git-ignored). `VNMETRICS_NOTEBOOK_CORPUS_ONLY=1` leaves the archive out (fast).

# %%
import os
import subprocess
import sys
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from pipeline import load_facts, metric_cells, metric_table
from pipeline.verify import overall, verify

HERE = Path.cwd()
ROOT = next(p for p in [HERE, *HERE.parents] if (p / "pyproject.toml").is_file() and (p / "corpus").is_dir())
OUT = Path(os.environ.get("VNMETRICS_NOTEBOOK_OUT", ROOT / "notebooks" / "out"))
OUT.mkdir(parents=True, exist_ok=True)
DANTRI = Path(os.environ.get("VNMETRICS_SHARED", ROOT.parent / "shared")) / "data" / "dantri-2020.jsonl.gz"
WITH_ARCHIVE = DANTRI.is_file() and not os.environ.get("VNMETRICS_NOTEBOOK_CORPUS_ONLY")
pd.set_option("display.max_colwidth", 80)
print("repository:", ROOT, "| outputs:", OUT, "| Dân trí archive:", DANTRI if WITH_ARCHIVE else "left out")

# %% [markdown]
# ## Build the database
# The same command a user runs (`vnmetrics extract`); a second run skips what is already stored.

# %%
sources = [ROOT / "corpus"] + ([DANTRI] if WITH_ARCHIVE else [])
DB = OUT / ("facts-corpus-dantri.db" if WITH_ARCHIVE else "facts-corpus.db")
run = subprocess.run([sys.executable, "-m", "pipeline.cli", "extract", *map(str, sources), "--db", str(DB),
                      "--workers", "2", "--quiet"], capture_output=True, text=True)
print(run.stderr.strip())
assert run.returncode == 0, run.stderr

# %% [markdown]
# ## Facts per organization and year
# `load_facts` gives one row per fact with its source; `org_name` is the organization's one name
# whatever alias the article used.

# %%
facts = load_facts(DB)
print(f"{len(facts)} facts, {facts['doc_id'].nunique()} articles, {facts['org_name'].nunique()} organizations")
facts[["org_name", "year", "period", "metric_key", "value", "unit", "kind", "quote"]].head(10)

# %%
named = facts.dropna(subset=["org_name", "year"])
busiest = named["org_name"].value_counts().head(15).index
pd.crosstab(named["org_name"], named["year"]).loc[busiest]

# %% [markdown]
# ## One metric over the years
# `metric_table`: one row per organization, one column per year, one unit. Only actual figures
# (no targets), only whole-year levels. A figure several articles repeat is one value; figures that
# disagree stay side by side as a list. The metric shown is the company figure these articles
# give for the most organizations over several years (keys: patterns/metrics.yaml).

# %%
UNIT = "tỷ đồng"
CANDIDATES = ["revenue", "net_revenue", "profit", "profit_before_tax", "profit_after_tax", "total_assets",
              "deposits", "loans", "charter_capital"]
coverage = {}
for key in CANDIDATES:
    if (facts["metric_key"] == key).any():
        found = metric_cells(facts, key, kind="actual", unit=UNIT)
        years = found.groupby("org")["year"].nunique()
        coverage[key] = (int((years > 1).sum()), len(found))   # (organizations with a trend, organization-years)
METRIC = max(coverage, key=coverage.get)
print("(organizations over several years, organization-years) per metric:", coverage, "->", METRIC)
table = metric_table(facts, metric_key=METRIC, kind="actual", unit=UNIT)
table

# %%
cells = metric_cells(facts, METRIC, kind="actual", unit=UNIT)
ranked = cells.groupby("org")["year"].nunique().sort_values(ascending=False, kind="stable")
shown = list(ranked.index[:5])

fig, ax = plt.subplots(figsize=(10, 4.5))
for org in shown:
    mine = cells[cells["org"] == org].sort_values("year")
    agreed = mine[~mine["disputed"]]
    line, = ax.plot(agreed["year"].astype(int), agreed["value"], marker="o", label=org)
    for year, values in mine.loc[mine["disputed"], ["year", "values"]].itertuples(index=False):
        ax.scatter([int(year)] * len(values), values, marker="x", color=line.get_color())
        ax.vlines(int(year), min(values), max(values), color=line.get_color(), alpha=0.3)
years = sorted(int(y) for y in cells.loc[cells["org"].isin(shown), "year"].unique())
ax.set_xticks(years)
ax.set_yscale("log")
ax.set_xlabel("year")
ax.set_ylabel(f"{METRIC} ({UNIT}, log scale)")
ax.set_title(f"{METRIC} by year (actual figures; x = articles disagree)")
ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
fig.tight_layout()
fig.savefig(OUT / "metric_by_year.png", dpi=120)

# %% [markdown]
# ## Distribution across organizations
# Each organization's latest undisputed figure, largest first, on a log scale: reported figures
# span several orders of magnitude, from a provincial company to a large bank.

# %%
latest = (cells[~cells["disputed"] & (cells["value"] > 0)].sort_values("year")
          .groupby("org").tail(1).sort_values("value").tail(25))
fig, ax = plt.subplots(figsize=(8, max(3, 0.6 + 0.32 * len(latest))))
ax.barh([f"{org} ({year})" for org, year in zip(latest["org"], latest["year"])], latest["value"], color="tab:blue")
ax.set_xscale("log")
ax.set_xlabel(f"{METRIC} ({UNIT}, log scale)")
ax.set_title(f"{METRIC} across {len(latest)} organizations (latest year each)")
fig.tight_layout()
fig.savefig(OUT / "metric_distribution.png", dpi=120)
latest["value"].describe()

# %% [markdown]
# ## Verify one figure
# A cell of the table points back to its facts (ids), hence to the quote, sentence and URL; and
# the same figure, written as a claim, is checked against the archive like a journalist would
# (`vnmetrics verify`).

# %%
budget = metric_table(facts, metric_key="budget_contribution", kind="actual", unit=UNIT)
ORG, YEAR = "Bưu điện tỉnh Bắc Giang", 2023
figure = budget.loc[ORG, YEAR]
sources = facts.set_index("id").loc[list(budget.attrs["fact_ids"][(ORG, YEAR)])]
print(f"{ORG}, {YEAR}: {figure:g} {UNIT}")
for fact in sources.itertuples():
    print(f"  «{fact.quote}» in {fact.doc_id}: {fact.sentence}")

# %%
claim = f"{ORG} năm {YEAR} nộp ngân sách {figure:g} {UNIT}".replace(".", ",")
verdicts = verify(claim, DB)
print(claim, "->", overall(verdicts))
for evidence in verdicts[0].evidence:
    print("  evidence:", evidence["quote"], "|", evidence["doc_id"], "|", evidence["sentence"])
assert overall(verdicts) == "supported"

# %% [markdown]
# ## Hand-off files
# The same facts for other tools: `vnmetrics export` writes CSV, Parquet or JSON lines.

# %%
export = subprocess.run([sys.executable, "-m", "pipeline.cli", "export", "--db", str(DB), "--format", "parquet",
                         "--out", str(OUT / "facts.parquet")], capture_output=True, text=True)
print(export.stderr.strip())
assert export.returncode == 0, export.stderr
back = pd.read_parquet(OUT / "facts.parquet")
pd.testing.assert_frame_equal(back, facts)  # the same facts, the same dtypes
print(f"Parquet read back: {len(back)} facts, the same as load_facts gave")
back.dtypes[["year", "class", "unit", "kind", "period", "value", "date"]]
