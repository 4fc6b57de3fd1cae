"""Shared fixtures: the statistical model and the full pipeline, loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DOCS = ROOT / "corpus" / "docs"
GOLD_DIR = ROOT / "corpus" / "gold"


@pytest.fixture(scope="session")
def nlp_model():
    """The bare statistical model (no project components), loaded once."""
    from pipeline.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def tnr_pipeline():
    """The whole pipeline (model + rules + normaliser), loaded once."""
    from pipeline.extract import Pipeline

    return Pipeline.load()


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository root."""
    return ROOT


@pytest.fixture(scope="session")
def corpus_run(tmp_path_factory) -> Path:
    """One `claims run corpus/docs` output folder, made once per session (real CLI, real model)."""
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("corpus_run")
    subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "run", str(CORPUS_DOCS), "-o", str(out), "--quiet"],
        check=True,
        cwd=ROOT,
    )
    return out
