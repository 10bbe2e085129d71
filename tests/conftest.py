"""Shared fixtures: where the shared data lives, and a built sample database."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("VNMETRICS_SHARED", ROOT.parent / "shared"))


def shared(*parts) -> Path:
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} not present")
    return p


def build_db(tmp_path_factory, *paths) -> Path:
    """A real SQLite database built from `paths` by the real runner."""
    from pipeline.runner import run

    db = tmp_path_factory.mktemp("db") / "facts.db"
    run(list(paths), db=db, workers=1, progress=False)
    return db


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory):
    return build_db(tmp_path_factory, ROOT / "corpus")
