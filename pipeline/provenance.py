"""What produced a result: the hash of the package's own code, for fingerprints and reports.

A stored record is reused only when the code, the model and the patterns that made it are
the same. The package version alone does not say that (it stays the same through every
change to the rules written in Python), so the fingerprint also carries :func:`code_hash`,
a SHA-256 over the text of every ``.py`` file of the installed ``tnr_claims`` package (the
``pipeline/`` folder).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
"""The folder of the ``tnr_claims`` package whose sources are hashed."""


def code_hash(package_dir: Path | None = None) -> str:
    """SHA-256 (hex) over the relative path and bytes of every ``.py`` file of the package.

    Files are read in sorted path order, so the hash depends on content only, not on the
    file system's listing order or on where the package is installed. Without an argument
    the hash of the installed package as it was when this process imported it.
    """
    if package_dir is None:
        return _INSTALLED_HASH
    return _hash_sources(package_dir)


def _hash_sources(package_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(package_dir.rglob("*.py")):
        if "__pycache__" in path.parts or path.relative_to(package_dir).parts[0] == "patterns":
            continue  # the rules are data, covered by the patterns hash wherever they live
        digest.update(path.relative_to(package_dir).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


_INSTALLED_HASH = _hash_sources(PACKAGE_DIR)
"""Hashed when the package is imported, so it describes the code this process runs even if
the files change on disk later (a few milliseconds for the whole package)."""
