"""The package as users install it: a wheel that works on its own, under a name that cannot collide.

The code lives in ``pipeline/`` and the rules in ``patterns/``; ``pyproject.toml`` publishes
them as ``tnr_claims`` and ``tnr_claims.patterns``. The slow test builds the wheel, installs
it into a fresh virtual environment (without the repository on its path) and runs
``claims run`` there from another folder.
"""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
import tomllib

ROOT = Path(__file__).resolve().parent.parent


def _setuptools_config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]


def test_every_code_folder_is_a_listed_package():
    config = _setuptools_config()
    assert config["package-dir"] == {"tnr_claims": "pipeline", "tnr_claims.patterns": "patterns"}
    code = ROOT / "pipeline"
    folders = {
        ".".join(("tnr_claims", *path.parent.relative_to(code).parts))
        for path in code.rglob("__init__.py")
        if "__pycache__" not in path.parts
    }
    assert folders | {"tnr_claims.patterns"} == set(config["packages"])


def test_every_rule_file_is_package_data():
    patterns = _setuptools_config()["package-data"]["tnr_claims.patterns"]
    files = {p.name for p in (ROOT / "patterns").iterdir() if p.is_file() and p.suffix != ".py"}
    assert files, "patterns/ has no rule files"
    assert all(any(Path(name).match(glob) for glob in patterns) for name in files), files


def test_the_rules_are_read_through_the_package():
    from tnr_claims import patterns
    from tnr_claims.rules.loader import DEFAULT_PATTERNS_DIR

    assert DEFAULT_PATTERNS_DIR == Path(patterns.__file__).parent
    assert (DEFAULT_PATTERNS_DIR / "methods.jsonl").is_file()


@pytest.mark.slow
@pytest.mark.model
def test_the_wheel_works_on_its_own(tmp_path: Path):
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(dist),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    (wheel,) = dist.glob("tnr_claims-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "tnr_claims/patterns/methods.jsonl" in names
    assert "tnr_claims/cli.py" in names
    assert "tnr_claims/DATASET.md" in names  # `claims docs` reads it
    assert not any(name.startswith(("pipeline/", "tests/", "corpus/")) for name in names)

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # The dependencies come from this environment (a plain path line: its .pth files, among
    # them the editable install of the working copy, are not run).
    Path(site, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            str(wheel),
        ],
        check=True,
        capture_output=True,
        text=True,
    )

    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "reports").mkdir(parents=True)
    (elsewhere / "reports" / "a.txt").write_text(
        "Police in Ruritania detained the exiled blogger Anna Vell in Vienna in March 2021. "
        "Her brother was interrogated at home.\n",
        encoding="utf-8",
    )
    where = subprocess.run(
        [str(python), "-c", "import tnr_claims.rules.loader as l; print(l.DEFAULT_PATTERNS_DIR)"],
        cwd=elsewhere,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert where.startswith(site), where
    run = subprocess.run(
        [str(venv / "bin" / "claims"), "run", "reports", "-o", "out", "-q"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    (record,) = [
        json.loads(line)
        for line in (elsewhere / "out" / "records.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert "METHOD" in {span["label"] for span in record["spans"]}
    assert record["claims"], "the installed package found no claim"
