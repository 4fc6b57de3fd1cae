"""Discover: the input files named by the command line, folders walked safely.

Folders are untrusted trees, so the walk keeps to them and never crashes on what it finds:

* **Iterative.** The walk keeps its own stack, so a folder tree thousands of levels deep
  is walked, not a ``RecursionError``. Entries are visited in sorted order, depth first.
* **Links stay inside the input folder.** A symbolic link found in a folder is followed
  only when its target lies inside that input folder (a link to ``/etc/passwd`` or
  ``/proc/self/...`` is skipped with one line); ``follow_links=True`` (``claims run
  --follow-links``) follows links anywhere and walks linked folders, each real folder
  once. A link that loops or points nowhere is skipped with one line.
* **Regular files only.** FIFOs, sockets and device files are skipped with one line
  (reading a FIFO would block the run forever).
* **Not our own output.** A folder holding a run's store (``.state/``, the output folder
  of ``claims run``), and folders named in ``exclude`` (the current run's ``-o``), are
  not walked, so a report written inside the input tree is not read back as a document.
* Hidden files and folders (``.name``) and unsupported extensions are passed over
  silently, as before.

Explicit inputs (a file named on the command line) are taken as given: a link named
there is the user's choice and is followed. Every skip is an
:class:`~tnr_claims.errors.InputError` handed to ``on_skip``; the walk goes on.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from tnr_claims.errors import InputError

SkipCallback = Callable[[InputError], None]
"""``on_skip(error)``: told about each entry of a folder that is not read."""

STORE_MARKER = ".state"
"""A folder holding this sub-folder is the output folder of a ``claims run``."""

_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "named pipe (FIFO)"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
)


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _identity(folder: Path) -> tuple[int, int] | None:
    """``(device, inode)`` of an existing folder, else ``None``."""
    try:
        info = folder.stat()
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def _special_kind(mode: int) -> str | None:
    for test, kind in _SPECIAL_KINDS:
        if test(mode):
            return kind
    return None


class _Walk:
    """One folder's walk: its root, the options, and the real folders already seen."""

    def __init__(
        self,
        root: Path,
        *,
        extensions: frozenset[str],
        recursive: bool,
        follow_links: bool,
        exclude: frozenset[tuple[int, int]],
        on_skip: SkipCallback,
    ) -> None:
        self.root = root
        self.real_root = root.resolve()
        self.extensions = extensions
        self.recursive = recursive
        self.follow_links = follow_links
        self.exclude = exclude
        self.on_skip = on_skip
        self.seen_dirs: set[tuple[int, int]] = set()

    def skip(self, reason: str, path: Path, **values: str) -> None:
        self.on_skip(InputError.of(reason, doc_id=path.stem, path=str(path), **values))

    def paths(self) -> Iterator[Path]:
        """The supported files under the root, sorted depth first."""
        stack: list[Iterator[Path]] = [iter(self._listing(self.root))]
        while stack:
            entry = next(stack[-1], None)
            if entry is None:
                stack.pop()
                continue
            kind = self._classify(entry)
            if kind == "dir" and self.recursive:
                stack.append(iter(self._listing(entry)))
            elif kind == "file":
                yield entry

    def _listing(self, folder: Path) -> list[Path]:
        try:
            info = folder.stat()
        except OSError:
            info = None
        if info is not None:
            key = (info.st_dev, info.st_ino)
            if key in self.seen_dirs:
                return []
            self.seen_dirs.add(key)
        try:
            with os.scandir(folder) as entries:
                names = sorted(entry.name for entry in entries)
        except OSError as exc:
            self.skip("unlistable", folder, detail=exc.strerror or type(exc).__name__)
            return []
        if folder != self.root and STORE_MARKER in names:
            return []
        return [folder / name for name in names if not name.startswith(".")]

    def _classify(self, path: Path) -> str | None:  # noqa: C901
        """``"dir"``, ``"file"`` or ``None`` (passed over, or skipped with one line)."""
        try:
            info = path.lstat()
        except OSError as exc:
            self.skip("unreadable", path, detail=exc.strerror or type(exc).__name__)
            return None
        if stat.S_ISLNK(info.st_mode):
            try:
                target = path.resolve(strict=True)
                info = target.stat()
            except FileNotFoundError:
                self.skip("link_broken", path, target=os.readlink(path))
                return None
            except (OSError, RuntimeError):
                self.skip("link_loop", path)
                return None
            if not self.follow_links and not _inside(target, self.real_root):
                self.skip("link_outside", path, target=str(target), root=str(self.root))
                return None
            if stat.S_ISDIR(info.st_mode) and not self.follow_links:
                return None  # its target lies inside the root and is walked there
        if stat.S_ISDIR(info.st_mode):
            return None if (info.st_dev, info.st_ino) in self.exclude else "dir"
        if path.suffix.lower() not in self.extensions:
            return None
        if stat.S_ISREG(info.st_mode):
            return "file"
        kind = _special_kind(info.st_mode)
        if kind is not None:
            self.skip("special_file", path, kind=kind)
        return None


def walk_folder(
    root: Path,
    *,
    extensions: Iterable[str],
    recursive: bool = True,
    follow_links: bool = False,
    exclude: Iterable[Path] = (),
    on_skip: SkipCallback | None = None,
) -> Iterator[Path]:
    """Yield the files under ``root`` with one of ``extensions`` (see the module docstring).

    Args:
        root: The input folder.
        extensions: Lower-case suffixes to take (``".txt"``).
        recursive: Walk sub-folders.
        follow_links: Follow symbolic links out of ``root`` (and into linked folders).
        exclude: Folders not to walk (the run's output folder).
        on_skip: Told about each entry skipped with a reason; without it, the first
            skip raises.

    Raises:
        InputError: an entry is skipped and no ``on_skip`` is given.
    """

    def raise_skip(error: InputError) -> None:
        raise error

    walk = _Walk(
        root,
        extensions=frozenset(extensions),
        recursive=recursive,
        follow_links=follow_links,
        exclude=frozenset(_identity(Path(p)) for p in exclude) - {None},  # type: ignore[arg-type]
        on_skip=on_skip or raise_skip,
    )
    yield from walk.paths()


__all__ = ["STORE_MARKER", "SkipCallback", "walk_folder"]
