"""Shared fixtures: the statistical model and the full pipeline, loaded once per session.

Every test that loads the model is marked ``model`` here, by the fixtures it uses (or by an
explicit mark where it starts ``claims`` in a subprocess), so ``pytest -m "not model"`` is
the fast suite. A test that is not marked and still loads the model in-process fails with a
message saying so, so the marking cannot silently rot.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODEL_FIXTURES = frozenset({"nlp_model", "tnr_pipeline", "corpus_run", "evaluation"})
"""Fixtures that load the statistical model (in-process, or by running ``claims`` in a
subprocess: ``corpus_run``, ``evaluation``); a test using any of them is marked ``model``."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses a model-loading fixture with ``model``."""
    for item in items:
        if MODEL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.model)


@pytest.fixture(autouse=True)
def _model_only_when_marked(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):
    """Fail a test that loads the model in-process without the ``model`` mark."""
    if request.node.get_closest_marker("model") is None:
        import spacy

        def refuse(*args, **kwargs):
            raise AssertionError(
                f"{request.node.nodeid} loads a spaCy model: mark it 'model' or use a fixture"
            )

        monkeypatch.setattr(spacy, "load", refuse)
    yield


CORPUS_DOCS = ROOT / "corpus" / "docs"
GOLD_DIR = ROOT / "corpus" / "gold"


@pytest.fixture(scope="session")
def nlp_model():
    """The bare statistical model (no project components), loaded once."""
    from tnr_claims.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def tnr_pipeline():
    """The whole pipeline (model + rules + normaliser), loaded once."""
    from tnr_claims.extract import Pipeline

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
        [sys.executable, "-m", "tnr_claims.cli", "run", str(CORPUS_DOCS), "-o", str(out), "-q"],
        check=True,
        cwd=ROOT,
    )
    return out
