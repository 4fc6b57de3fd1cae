"""What produced a result: the hash of the package's own code, for fingerprints and reports.

A stored record is reused only when the code, the model and the patterns that made it are
the same. The package version alone does not say that (it stays the same through every
change to the rules written in Python), so the fingerprint also carries :func:`code_hash`,
a SHA-256 over the text of every ``.py`` file of the installed ``pipeline`` package.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
"""The folder of the ``pipeline`` package whose sources are hashed."""


def code_hash(package_dir: Path | None = None) -> str:
    """SHA-256 (hex) over the relative path and bytes of every ``.py`` file of the package.

    Files are read in sorted path order, so the hash depends on content only, not on the
    file system's listing order or on where the package is installed. Without an argument
    the installed package is hashed, once per process.
    """
    if package_dir is None:
        return _installed_hash()
    return _hash_sources(package_dir)


@lru_cache(maxsize=1)
def _installed_hash() -> str:
    return _hash_sources(PACKAGE_DIR)


def _hash_sources(package_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(package_dir.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        digest.update(path.relative_to(package_dir).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()
