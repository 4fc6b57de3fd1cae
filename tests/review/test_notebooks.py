"""The notebooks run headless, end to end, against a run of the pipeline on corpus/docs.

The run is made once per module with the ``claims run`` command into a temporary folder;
each notebook is executed with nbclient in ``notebooks/`` (its working directory when
opened in Jupyter), pointed at the run by ``TNR_RUN_DIR``. Any cell error fails the test.
The kernel is this interpreter, through a temporary kernelspec (nothing is registered).
The committed notebooks must carry no outputs.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
NAMES = ("review", "accuracy", "overview", "cases")
KERNEL = "tnr-claims-test"
TIMEOUT = 180
ALLOWED_IMPORTS = {
    "from tnr_claims import review",
    "from tnr_claims.evaluation.scoring import evaluate_files",
}
"""Notebooks call tnr_claims.review (and the evaluator) only: no logic lives in a cell."""

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")


@pytest.fixture(scope="module")
def kernel_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A JUPYTER_PATH folder with a kernelspec that runs this interpreter."""
    root = tmp_path_factory.mktemp("jupyter")
    spec = root / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "tnr-claims test",
                "language": "python",
            }
        ),
        encoding="utf-8",
    )
    return root


@pytest.mark.parametrize("name", NAMES)
def test_notebook_is_committed_without_outputs(name: str) -> None:
    book = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    nbformat.validate(book)
    for cell in book.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, name
            imports = [
                line
                for line in cell.source.splitlines()
                if line.startswith(("from tnr_claims", "import tnr_claims"))
            ]
            assert set(imports) <= ALLOWED_IMPORTS, imports


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs(
    name: str, corpus_run: Path, kernel_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TNR_RUN_DIR", str(corpus_run))
    monkeypatch.setenv("JUPYTER_PATH", str(kernel_path))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    book = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    client = nbclient.NotebookClient(
        book,
        kernel_name=KERNEL,
        timeout=TIMEOUT,
        allow_errors=False,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()
    outputs = [o for cell in book.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    if name == "review":
        assert 'class="entities tnr-doc"' in html and "<script" not in html
    if name == "accuracy":
        assert len(images) >= 2
    if name == "overview":
        assert images
        assert (corpus_run / "figures" / "method_country.png").exists()
    if name == "cases":
        assert len(images) >= 2
        assert (corpus_run / "figures" / "cases_dyads.png").exists()
