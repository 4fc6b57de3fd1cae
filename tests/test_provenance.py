"""The code hash in every fingerprint: content-derived, location-independent, complete."""

from __future__ import annotations

import shutil
from pathlib import Path

from tnr_claims.provenance import PACKAGE_DIR, code_hash


def copy_package(tmp_path: Path) -> Path:
    target = tmp_path / "pipeline"
    shutil.copytree(PACKAGE_DIR, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def test_same_code_anywhere_gives_the_same_hash(tmp_path: Path) -> None:
    assert code_hash(copy_package(tmp_path)) == code_hash(PACKAGE_DIR)


def test_any_edit_to_any_module_changes_the_hash(tmp_path: Path) -> None:
    copy = copy_package(tmp_path)
    before = code_hash(copy)
    module = copy / "normalise" / "dates.py"
    module.write_text(module.read_text(encoding="utf-8").replace("def ", "def  ", 1))
    assert code_hash(copy) != before


def test_a_new_module_changes_the_hash_and_bytecode_does_not(tmp_path: Path) -> None:
    copy = copy_package(tmp_path)
    before = code_hash(copy)
    cache = copy / "claims" / "__pycache__"
    cache.mkdir()
    (cache / "rules.cpython-311.pyc").write_bytes(b"\0compiled")
    assert code_hash(copy) == before
    (copy / "claims" / "extra.py").write_text("X = 1\n")
    assert code_hash(copy) != before
