"""The analysts' notebook: kept as a jupytext pair, and run top to bottom by a real kernel (nbclient).

CI runs it on corpus/ only (VNMETRICS_NOTEBOOK_CORPUS_ONLY=1); its plots land in
test-artifacts/ for a person to look at.
"""
from __future__ import annotations

import shutil
import subprocess

import jupytext
import nbformat
from nbclient import NotebookClient

from conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "facts_per_org_year"


def _sources(nb):
    return [(c.cell_type, c.source.strip()) for c in nb.cells]


def test_py_and_ipynb_are_a_synced_pair():
    py = jupytext.read(NOTEBOOK.with_suffix(".py"))
    ipynb = nbformat.read(NOTEBOOK.with_suffix(".ipynb"), as_version=4)
    assert _sources(py) == _sources(ipynb), "run `jupytext --sync notebooks/facts_per_org_year.py`"
    for nb in (py, ipynb):
        assert nb.metadata["jupytext"]["formats"] == "ipynb,py:percent"
    assert all(not c.get("outputs") for c in ipynb.cells if c.cell_type == "code"), "commit it without outputs"


def test_notebook_runs_top_to_bottom_on_the_corpus(tmp_path, monkeypatch):
    out = tmp_path / "out"
    monkeypatch.setenv("VNMETRICS_NOTEBOOK_CORPUS_ONLY", "1")
    monkeypatch.setenv("VNMETRICS_NOTEBOOK_OUT", str(out))
    monkeypatch.setenv("PYTHONPATH", str(ROOT))          # the kernel imports this checkout's pipeline
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    nb = nbformat.read(NOTEBOOK.with_suffix(".ipynb"), as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()

    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == 2                                    # the metric over years, the distribution
    printed = "".join(o.get("text", "") for o in outputs)
    assert "Dân trí archive: left out" in printed
    assert "nộp ngân sách 12,7 tỷ đồng -> supported" in printed and "003_90762b845efd1d6d" in printed
    assert "the same as load_facts gave" in printed

    for name in ("metric_by_year.png", "metric_distribution.png"):
        png = out / name
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5_000
    artifacts = ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    shutil.copy(out / "metric_by_year.png", artifacts / "notebook-metric_by_year.png")
    nbformat.write(nb, artifacts / "notebook-executed.ipynb")


def test_notebook_outputs_stay_out_of_git():
    assert not (ROOT / "notebooks" / "facts.parquet").exists()
    if shutil.which("git") and (ROOT / ".git").exists():
        ignored = subprocess.run(["git", "-C", str(ROOT), "check-ignore", "-q", "notebooks/out/facts.parquet"])
        assert ignored.returncode == 0, "notebooks/out/ must be git-ignored"
