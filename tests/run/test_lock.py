"""The folder lock: live runs refused, dead ones taken over, forked workers never hold it.

Every test uses real processes (``subprocess`` and ``os.fork``) and real ``flock``.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from tnr_claims.errors import OutputError
from tnr_claims.run.lock import FolderLock, Holder, read_holders

pytestmark = pytest.mark.slow

HOLD = """
import fcntl, json, sys, time
path, holders = sys.argv[1], json.loads(sys.argv[2])
handle = open(path, "a+b")
fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
handle.truncate(0)
handle.write(json.dumps(holders).encode())
handle.flush()
print("locked", flush=True)
time.sleep(60)
"""
"""A process that holds the lock file ``argv[1]`` with the holders ``argv[2]`` recorded."""


def hold(path: Path, holders: list[dict[str, float]]) -> subprocess.Popen[str]:
    """Start a process that holds ``path`` locked, recording ``holders``."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path), json.dumps(holders)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc


def dead_pid() -> Holder:
    """The holder record of a process that has ended."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    holder = Holder.of(proc.pid)
    proc.wait()
    return holder


@pytest.fixture
def state(tmp_path: Path) -> Path:
    folder = tmp_path / "out" / ".state"
    folder.mkdir(parents=True)
    return folder


def as_json(*holders: Holder) -> list[dict[str, float]]:
    return [{"pid": h.pid, "started": h.started} for h in holders]


def test_a_live_holder_is_refused_at_once(state: Path) -> None:
    proc = hold(state / "lock", [])
    try:
        (state / "lock").write_text(json.dumps(as_json(Holder.of(proc.pid))))
        started = time.monotonic()
        with pytest.raises(OutputError, match=f"pid {proc.pid}"):
            FolderLock(state, wait=5).acquire()
        assert time.monotonic() - started < 3
    finally:
        proc.kill()
        proc.wait()


def test_a_lock_no_recorded_holder_is_alive_for_is_taken_over(state: Path) -> None:
    proc = hold(state / "lock", as_json(dead_pid()))
    try:
        lock = FolderLock(state, wait=0.5)
        lock.acquire()
        assert [h.pid for h in read_holders(state / "lock")] == [os.getpid()]
        with pytest.raises(OutputError, match="another `claims run`"):
            FolderLock(state, wait=0.2).acquire()
        lock.release()
    finally:
        proc.kill()
        proc.wait()


def test_a_reused_pid_is_not_a_holder(state: Path) -> None:
    """The holder's pid runs, but it is another process (another start time)."""
    proc = hold(state / "lock", [])
    try:
        impostor = Holder(proc.pid, Holder.of(proc.pid).started - 1000)
        (state / "lock").write_text(json.dumps(as_json(impostor)))
        lock = FolderLock(state, wait=0.5)
        lock.acquire()
        lock.release()
    finally:
        proc.kill()
        proc.wait()


def test_live_workers_of_a_dead_run_are_waited_for_then_named(state: Path) -> None:
    """The lock of an older run held by its orphaned worker: a bounded wait, then one line."""
    worker = hold(state / "lock", [])
    try:
        (state / "lock").write_text(json.dumps(as_json(dead_pid(), Holder.of(worker.pid))))
        started = time.monotonic()
        with pytest.raises(OutputError, match=f"pids {worker.pid}") as caught:
            FolderLock(state, wait=0.5).acquire()
        assert 0.4 < time.monotonic() - started < 5
        assert f"kill {worker.pid}" in caught.value.message
    finally:
        worker.kill()
        worker.wait()
    lock = FolderLock(state, wait=0.5)  # the worker gone: free again
    lock.acquire()
    lock.release()


FORK_AND_DIE = """
import os, sys, time
from pathlib import Path
from tnr_claims.run.lock import FolderLock
lock = FolderLock(Path(sys.argv[1]))
lock.acquire()
child = os.fork()
if child == 0:
    time.sleep(60)
    os._exit(0)
lock.add_children()
print(child, flush=True)
time.sleep(60)
"""


def test_a_forked_child_does_not_keep_the_lock_of_a_killed_parent(state: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", FORK_AND_DIE, str(state)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    child = int(proc.stdout.readline())
    holders = read_holders(state / "lock")
    assert [h.pid for h in holders] == [proc.pid, child]
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    try:
        assert psutil.pid_exists(child)
        started = time.monotonic()
        lock = FolderLock(state, wait=5)
        lock.acquire()  # the child still runs, yet the lock is free at once
        assert time.monotonic() - started < 1
        lock.release()
    finally:
        os.kill(child, signal.SIGKILL)


DIE_WITH_PARENT = """
import os, sys, time
from tnr_claims.run.engines import die_with_parent
parent = os.getpid()
child = os.fork()
if child == 0:
    die_with_parent(parent)
    time.sleep(60)
    os._exit(0)
print(child, flush=True)
time.sleep(60)
"""


def test_a_worker_dies_with_its_parent() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", DIE_WITH_PARENT], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    child = psutil.Process(int(proc.stdout.readline()))
    time.sleep(0.3)
    assert child.is_running()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    try:
        child.wait(timeout=5)
    except psutil.TimeoutExpired:
        child.kill()
        pytest.fail("the worker outlived its killed parent")
