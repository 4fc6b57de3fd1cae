"""Lock: one ``claims run`` per output folder, with recorded holders taken over from the dead.

``OUT/.state/lock`` is ``flock()``ed by the run that writes the folder and holds a JSON list
of its holders: the run's own process first, then its pool workers, each as a pid and the
process's start time (a pid reused by an unrelated process has another start time).

* A forked child (a pool worker) closes its inherited copy of the lock at once
  (:func:`os.register_at_fork`), so only the run's main process ever holds it: when that
  process dies, however it dies, the kernel frees the lock.
* When the lock is busy, the holders decide: the first holder alive means a live run and
  the folder is refused; workers of a dead run still alive are waited for a bounded moment;
  when no recorded holder is alive the lock is held by something that is no run of this
  folder, and it is taken over (the lock file is replaced by a fresh one).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import time
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import psutil

from tnr_claims.errors import OutputError

LOCK_NAME = "lock"
"""Name of the lock file inside ``OUT/.state``."""


@dataclass(frozen=True)
class Holder:
    """A process holding a folder's lock: its pid and its start time (seconds since epoch)."""

    pid: int
    started: float

    @classmethod
    def of(cls, pid: int) -> Holder:
        """The holder record of the live process ``pid``."""
        return cls(pid, round(psutil.Process(pid).create_time(), 2))

    def alive(self) -> bool:
        """True when this very process still runs (same pid, same start time, not a zombie)."""
        try:
            process = psutil.Process(self.pid)
            if process.status() == psutil.STATUS_ZOMBIE:
                return False
            return round(process.create_time(), 2) == round(self.started, 2)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            return False


def read_holders(path: Path) -> list[Holder]:
    """The holders recorded in the lock file ``path`` (empty when unreadable or unrecorded)."""
    try:
        items = json.loads(path.read_text(encoding="utf-8") or "[]")
        return [Holder(int(item["pid"]), float(item["started"])) for item in items]
    except (OSError, ValueError, KeyError, TypeError):
        return []


_HELD: weakref.WeakSet[FolderLock] = weakref.WeakSet()


def _drop_in_child() -> None:
    for lock in list(_HELD):
        lock.drop_inherited()


os.register_at_fork(after_in_child=_drop_in_child)


class FolderLock:
    """The lock of one ``OUT/.state`` folder (see module docstring).

    Args:
        root: The ``.state`` folder.
        wait: Seconds to wait for workers of a dead run to exit before refusing.
    """

    def __init__(self, root: Path, *, wait: float = 10.0) -> None:
        self.path = Path(root) / LOCK_NAME
        self.wait = wait
        self.handle: IO[bytes] | None = None
        self.holders: list[Holder] = []

    def acquire(self) -> None:
        """Take the lock, or raise :class:`OutputError` when a live run holds it."""
        deadline = time.monotonic() + self.wait
        while True:
            handle = self._open()
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
                self._busy(deadline)
                continue
            if not self._same_file(handle):  # taken over meanwhile: lock the new file
                handle.close()
                continue
            self.handle = handle
            _HELD.add(self)
            self._record([Holder.of(os.getpid())])
            return

    def _open(self) -> IO[bytes]:
        try:
            return self.path.open("a+b", buffering=0)
        except OSError as exc:
            raise OutputError(
                f"cannot write the run state in {self.path.parent} ({exc.strerror})",
                hint="check the output folder's permissions or pass another -o",
            ) from exc

    def _same_file(self, handle: IO[bytes]) -> bool:
        try:
            return os.fstat(handle.fileno()).st_ino == self.path.stat().st_ino
        except FileNotFoundError:
            return False

    def _busy(self, deadline: float) -> None:
        """Decide about a busy lock: refuse, wait a moment, or take it over."""
        holders = read_holders(self.path)
        folder = self.path.parent.parent
        if holders and holders[0].alive():
            raise OutputError(
                f"another `claims run` (pid {holders[0].pid}) is writing to {folder}",
                hint="wait for it to finish or pass another output folder with -o",
            )
        alive = [holder.pid for holder in holders if holder.alive()]
        if (alive or not holders) and time.monotonic() < deadline:
            time.sleep(0.1)  # workers of a dead run exiting, or a run starting up
            return
        if alive:
            pids = " ".join(map(str, alive))
            raise OutputError(
                f"workers of a stopped `claims run` (pids {pids}) still hold {folder}",
                hint=f"end them (kill {pids}) and run again",
            )
        if not holders:
            raise OutputError(
                f"another `claims run` is writing to {folder}",
                hint="wait for it to finish or pass another output folder with -o",
            )
        self._take_over()

    def _take_over(self) -> None:
        """Replace the lock file held by no recorded holder with a fresh one.

        Done under a second short lock and after a fresh look, so two runs taking over at
        once cannot both end up holding a lock.
        """
        with self.path.with_name(f"{LOCK_NAME}.takeover").open("a+b") as guard:
            fcntl.flock(guard.fileno(), fcntl.LOCK_EX)
            with self.path.open("a+b") as handle:
                try:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    holders = read_holders(self.path)
                    if not holders or any(holder.alive() for holder in holders):
                        return
                else:
                    return  # free again: the caller's next try takes it
            fresh = self.path.with_name(f".{LOCK_NAME}.tmp-{os.getpid()}")
            fresh.write_bytes(b"")
            os.replace(fresh, self.path)

    def _record(self, holders: list[Holder]) -> None:
        assert self.handle is not None
        self.holders = holders
        data = json.dumps([{"pid": h.pid, "started": h.started} for h in holders]).encode()
        with contextlib.suppress(OSError):  # a full disk: the flock alone still guards
            self.handle.seek(0)
            self.handle.truncate()
            self.handle.write(data)
            self.handle.flush()

    def add_children(self) -> None:
        """Record this process's live children (pool workers) as holders too."""
        if self.handle is None:
            return
        known = {holder.pid for holder in self.holders}
        new = []
        for child in psutil.Process().children(recursive=True):
            with contextlib.suppress(psutil.Error):
                if child.pid not in known:
                    new.append(Holder.of(child.pid))
        if new:
            self._record([*self.holders, *new])

    def release(self) -> None:
        """Clear the holders and release the lock."""
        if self.handle is None:
            return
        with contextlib.suppress(OSError):
            self.handle.seek(0)
            self.handle.truncate()
        fcntl.flock(self.handle.fileno(), fcntl.LOCK_UN)
        self.handle.close()
        self.handle = None
        _HELD.discard(self)

    def drop_inherited(self) -> None:
        """In a forked child: close the inherited copy without unlocking the parent's lock."""
        if self.handle is not None:
            with contextlib.suppress(OSError):
                self.handle.close()
            self.handle = None
        _HELD.discard(self)


__all__ = ["LOCK_NAME", "FolderLock", "Holder", "read_holders"]
