"""Publish: the output files of a run switch as one set, by one rename.

A run writes its output files (documents, records, tables, failures, manifest, and any
file a later stage adds) into a fresh, private folder ``OUT/.state/sets/.<id>.tmp``. When
every file is complete and on disk, :meth:`OutputSet.publish` renames the folder to
``sets/<id>`` and switches the symbolic link ``OUT/.state/current`` to it with one
``rename()``. The names a user opens are links through that one switch::

    OUT/documents.jsonl -> .state/current/documents.jsonl
    OUT/.state/current  -> sets/<id>

so a reader sees the whole old set or the whole new one, never a mix, whatever moment a
run is killed at. Output files of an older layout (plain files) are adopted into a set of
their own first, so the switch from the old layout is no mix either.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import time
from pathlib import Path
from types import TracebackType

from tnr_claims.run.store import STATE_DIR

SETS_DIR = "sets"
"""Folder of the output sets inside ``OUT/.state``."""
CURRENT = "current"
"""The link inside ``OUT/.state`` naming the published set."""


def _link_target(name: str) -> str:
    return f"{STATE_DIR}/{CURRENT}/{name}"


def file_digest(path: Path) -> dict[str, int | str]:
    """Size and SHA-256 of ``path`` (what the manifest records of each file of its set)."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return {"bytes": size, "sha256": digest.hexdigest()}


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync_file(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


class OutputSet:
    """A set of output files being written for ``out_dir``; published as one.

    Use as a context manager: write files into :attr:`path`, then call :meth:`publish`.
    Leaving the block without publishing (an error, a full disk) removes the folder.

    Args:
        out_dir: The run's output folder (its ``.state`` folder must exist).
    """

    def __init__(self, out_dir: str | Path) -> None:
        self.out = Path(out_dir)
        self.sets = self.out / STATE_DIR / SETS_DIR
        stamp = time.strftime("%Y%m%dT%H%M%S")
        self.id = f"{stamp}-{os.getpid()}-{os.urandom(3).hex()}"
        self.path = self.sets / f".{self.id}.tmp"
        self.published = False

    def __enter__(self) -> OutputSet:
        self.path.mkdir(parents=True)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if not self.published:
            shutil.rmtree(self.path, ignore_errors=True)

    def names(self) -> list[str]:
        """The file names of this set, sorted."""
        folder = self.sets / self.id if self.published else self.path
        return sorted(p.name for p in folder.iterdir() if p.is_file())

    def publish(self) -> None:
        """Make this set the output folder's files (see module docstring)."""
        names = self.names()
        for name in names:
            _fsync_file(self.path / name)
        _fsync_dir(self.path)
        final = self.sets / self.id
        os.rename(self.path, final)
        self.published = True
        _adopt_plain_files(self.out, names)
        _switch(self.out, final)
        for name in names:
            _ensure_link(self.out, name)
        _drop_dangling_links(self.out)
        _fsync_dir(self.out)
        prune_sets(self.out, keep=self.id)


def current_set(out_dir: str | Path) -> Path | None:
    """The folder of the published set of ``out_dir``, or None."""
    link = Path(out_dir) / STATE_DIR / CURRENT
    return link.resolve() if link.is_symlink() and link.exists() else None


def _switch(out: Path, folder: Path) -> None:
    """Point ``.state/current`` at ``folder`` with one rename."""
    state = out / STATE_DIR
    tmp = state / f".{CURRENT}.tmp-{os.getpid()}"
    tmp.unlink(missing_ok=True)
    os.symlink(f"{SETS_DIR}/{folder.name}", tmp)
    current = state / CURRENT
    if current.exists() and not current.is_symlink():  # a copy that followed the link
        shutil.rmtree(current)
    os.replace(tmp, current)
    _fsync_dir(state)


def _is_our_link(path: Path) -> bool:
    return path.is_symlink() and os.readlink(path).startswith(f"{STATE_DIR}/{CURRENT}/")


def _ensure_link(out: Path, name: str) -> None:
    path = out / name
    if path.is_symlink() and os.readlink(path) == _link_target(name):
        return
    tmp = out / f".{name}.link-{os.getpid()}"
    tmp.unlink(missing_ok=True)
    os.symlink(_link_target(name), tmp)
    os.replace(tmp, path)


def _adopt_plain_files(out: Path, names: list[str]) -> None:
    """Move plain output files of an older layout (or a copy) into a set of their own.

    The current link is switched to that set before any plain file is replaced by a link,
    so each name keeps showing the same content until the real switch.
    """
    plain = [name for name in names if (out / name).is_file() and not (out / name).is_symlink()]
    if not plain:
        return
    adopted = out / STATE_DIR / SETS_DIR / f"adopted-{os.getpid()}-{os.urandom(3).hex()}"
    adopted.mkdir()
    current = current_set(out)
    if current is not None:  # links of the current set not shadowed by plain files
        for item in current.iterdir():
            if item.name not in plain:
                os.link(item, adopted / item.name)
    for name in plain:
        try:
            os.link(out / name, adopted / name)
        except OSError:
            shutil.copy2(out / name, adopted / name)
    _switch(out, adopted)
    for name in plain:
        _ensure_link(out, name)


def _drop_dangling_links(out: Path) -> None:
    """Remove links to files the published set does not have."""
    for path in out.iterdir():
        if _is_our_link(path) and not path.exists():
            path.unlink(missing_ok=True)


def prune_sets(out_dir: str | Path, *, keep: str | None = None) -> None:
    """Remove every set but ``keep`` and the current one (unfinished ones included).

    Also removes the temporary links a killed publisher left behind.
    """
    out = Path(out_dir)
    for stale in (*out.glob(".*.link-*"), *(out / STATE_DIR).glob(f".{CURRENT}.tmp-*")):
        if stale.is_symlink():
            stale.unlink(missing_ok=True)
    sets = out / STATE_DIR / SETS_DIR
    if not sets.is_dir():
        return
    current = current_set(out_dir)
    for folder in sets.iterdir():
        if folder.name == keep or (current is not None and folder == current):
            continue
        if folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder, ignore_errors=True)
        else:
            folder.unlink(missing_ok=True)


__all__ = ["CURRENT", "SETS_DIR", "OutputSet", "current_set", "file_digest", "prune_sets"]
