"""Engines that turn batches of documents into records: inline, a fork pool, or Dask.

Every engine calls :func:`process_items`, so every engine gives the same records.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import pickle
import signal
import socket
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tnr_claims.errors import ClaimsError
from tnr_claims.rules.loader import PatternSet
from tnr_claims.run.options import RunOptions
from tnr_claims.text.chunking import DEFAULT_MAX_CHARS

if TYPE_CHECKING:
    from tnr_claims.extract import Pipeline

FailureCallback = Callable[[str, str], None]
"""``on_failure(doc_id, message)``: told about each document that failed."""


@dataclass(frozen=True)
class WorkItem:
    """One document to process, as sent to an engine (picklable)."""

    key: str
    doc_id: str
    text: str
    meta: dict[str, Any]
    path: str | None = None


@dataclass(frozen=True)
class Outcome:
    """The result of one document: its record as JSON, or what went wrong."""

    key: str
    doc_id: str
    path: str | None
    record_json: str | None = None
    error: str | None = None
    chars: int = 0
    words: int = 0


def _crash_message(exc: BaseException) -> str:
    detail = " ".join(str(exc).split())[:300] or "no message"
    return (
        f"the pipeline failed on this document ({type(exc).__name__}: {detail}); "
        "remove it from the input and report the file with the message, or rerun with --debug"
    )


def _process_documents(
    pipeline: Pipeline, items: Sequence[WorkItem], *, batch_size: int, max_chars: int
) -> list[Outcome]:
    """Process ``items`` with :meth:`Pipeline.process` (may raise), one outcome each."""
    records = pipeline.process(
        ((i.doc_id, i.text, i.meta) for i in items), batch_size=batch_size, max_chars=max_chars
    )
    return [
        Outcome(
            item.key,
            item.doc_id,
            item.path,
            record_json=record.model_dump_json(),
            chars=len(item.text),
            words=len(item.text.split()),
        )
        for item, record in zip(items, records, strict=True)
    ]


def process_items(
    pipeline: Pipeline,
    items: Sequence[WorkItem],
    *,
    batch_size: int = 32,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> list[Outcome]:
    """Turn work items into outcomes (record JSON or error), one per item, in order.

    The one processing function of every engine. If the batch raises, each document is
    retried alone, so only the document that makes a component crash fails.
    """
    try:
        return _process_documents(pipeline, items, batch_size=batch_size, max_chars=max_chars)
    except Exception:  # noqa: BLE001 - contained per document below
        if len(items) == 1:
            pass
        else:
            return [
                process_items(pipeline, [item], batch_size=batch_size, max_chars=max_chars)[0]
                for item in items
            ]
    item = items[0]
    try:
        return _process_documents(pipeline, [item], batch_size=batch_size, max_chars=max_chars)
    except Exception as exc:  # noqa: BLE001
        return [Outcome(item.key, item.doc_id, item.path, error=_crash_message(exc))]


class _Engine:
    """Takes batches, gives back finished batches (maybe later, maybe out of order)."""

    address: str | None = None

    def submit(self, items: list[WorkItem]) -> Iterator[list[Outcome]]:
        """Queue a batch; yield batches finished meanwhile (blocks while the window is full)."""
        raise NotImplementedError

    def drain(self) -> Iterator[list[Outcome]]:
        """Yield every batch still in flight."""
        return iter(())

    def close(self) -> None:
        """Release workers."""


class _InlineEngine(_Engine):
    def __init__(self, pipeline: Pipeline, options: RunOptions) -> None:
        self.pipeline = pipeline
        self.options = options

    def submit(self, items: list[WorkItem]) -> Iterator[list[Outcome]]:
        yield process_items(
            self.pipeline,
            items,
            batch_size=self.options.batch_size,
            max_chars=self.options.max_chars,
        )


_WORKER: dict[str, Any] = {}


PR_SET_PDEATHSIG = 1
"""Linux ``prctl`` option: the signal a process gets when its parent dies."""


def die_with_parent(parent: int) -> None:
    """Make this (worker) process end when ``parent`` ends, however the parent ends.

    On Linux the kernel sends SIGKILL on the parent's death (``PR_SET_PDEATHSIG``);
    elsewhere, and as a second line, a daemon thread watches the parent pid. A parent
    already gone before this call ends the process at once.
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="tnr-parent-watch", daemon=True).start()


def _pool_init(pipeline: Pipeline, parent: int) -> None:
    die_with_parent(parent)
    _WORKER["pipeline"] = pipeline


def _pool_task(items: list[WorkItem], batch_size: int, max_chars: int) -> list[Outcome]:
    return process_items(_WORKER["pipeline"], items, batch_size=batch_size, max_chars=max_chars)


WARM_UP_TEXT = "Police in Bangkok detained him on 3 May 2021, according to Amnesty International."
"""Processed once before forking, so lazily built tables (the normaliser's gazetteer) are
built in the parent and shared copy-on-write by the workers instead of rebuilt in each."""


def warm_up(pipeline: Pipeline) -> None:
    """Run one short text through ``pipeline`` so every lazy table is built."""
    pipeline.process_text(WARM_UP_TEXT, doc_id="warm-up")


class _PoolEngine(_Engine):
    """K forked workers that inherit the loaded Pipeline; a bounded window of batches."""

    def __init__(self, pipeline: Pipeline, options: RunOptions) -> None:
        warm_up(pipeline)
        self.pipeline = pipeline
        self.options = options
        self.window = options.window or 2 * options.n_process
        self.pool = ProcessPoolExecutor(
            max_workers=options.n_process,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_pool_init,
            initargs=(pipeline, os.getpid()),
        )
        self.pending: deque[tuple[list[WorkItem], Future[list[Outcome]]]] = deque()

    def _collect(self) -> list[Outcome]:
        items, future = self.pending.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            # A worker died (out of memory, segfault): redo this batch here, one by one.
            return [
                process_items(
                    self.pipeline, [item], batch_size=1, max_chars=self.options.max_chars
                )[0]
                for item in items
            ]

    def submit(self, items: list[WorkItem]) -> Iterator[list[Outcome]]:
        try:
            future = self.pool.submit(
                _pool_task, items, self.options.batch_size, self.options.max_chars
            )
        except BrokenProcessPool:
            self.pool = ProcessPoolExecutor(
                max_workers=self.options.n_process,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_pool_init,
                initargs=(self.pipeline, os.getpid()),
            )
            future = self.pool.submit(
                _pool_task, items, self.options.batch_size, self.options.max_chars
            )
        self.pending.append((items, future))
        while len(self.pending) >= self.window:
            yield self._collect()
        while self.pending and self.pending[0][1].done():
            yield self._collect()

    def drain(self) -> Iterator[list[Outcome]]:
        while self.pending:
            yield self._collect()

    def close(self) -> None:
        for _, future in self.pending:
            future.cancel()
        self.pool.shutdown(wait=True, cancel_futures=True)


@dataclass(frozen=True)
class PipelineSpec:
    """What a Dask worker needs to build the same Pipeline: model, rules, fingerprint.

    The validated :class:`~tnr_claims.rules.loader.PatternSet` travels with the spec as data,
    so workers need no shared folder and write no files; the
    fingerprint is checked on the worker so a cluster running another package or model
    version fails loudly instead of giving different records.
    """

    model: str | None
    patterns: PatternSet
    fingerprint: str
    batch_size: int
    max_chars: int

    @classmethod
    def of(cls, pipeline: Pipeline, options: RunOptions) -> PipelineSpec:
        """The spec of the loaded ``pipeline`` (its model name and its PatternSet)."""
        return cls(
            options.model,
            pipeline.patterns,
            pipeline.fingerprint,
            options.batch_size,
            options.max_chars,
        )


class FingerprintMismatch(RuntimeError):
    """A Dask worker built a pipeline with another fingerprint than the client's."""


class WorkerSetupError(RuntimeError):
    """A Dask worker could not build the pipeline (model or package missing there)."""


def worker_pipeline(spec: PipelineSpec) -> Pipeline:
    """The Pipeline of ``spec`` in this worker process, loaded once and cached by fingerprint."""
    from tnr_claims.extract import Pipeline as _Pipeline

    cached = _WORKER.get(spec.fingerprint)
    if cached is not None:
        return cached
    try:
        loaded = _Pipeline.build(spec.model, spec.patterns)
    except Exception as exc:  # noqa: BLE001 - reported to the client as a setup problem
        raise WorkerSetupError(f"{type(exc).__name__}: {exc}") from None
    if loaded.fingerprint != spec.fingerprint:
        raise FingerprintMismatch(
            f"worker pipeline {loaded.fingerprint} differs from the client's {spec.fingerprint}"
        )
    _WORKER[spec.fingerprint] = loaded
    return loaded


def dask_task(items: list[WorkItem], head: tuple[str, int, int], spec: bytes) -> list[Outcome]:
    """The Dask task: process one partition with the worker's cached Pipeline.

    The spec travels pickled with every task (unpickled only by a worker that has not
    built this pipeline yet), so a worker that replaces a lost one needs nothing else.
    ``head`` is ``(fingerprint, batch_size, max_chars)``.
    """
    fingerprint, batch_size, max_chars = head
    pipeline = _WORKER.get(fingerprint)
    if pipeline is None:
        pipeline = worker_pipeline(pickle.loads(spec))  # noqa: S301 - our own client's bytes
    return process_items(pipeline, items, batch_size=batch_size, max_chars=max_chars)


MAX_RESUBMITS = 3
"""Times a partition is sent again after a lost worker before the client processes it."""


def check_scheduler(address: str, *, timeout: float = 10.0) -> None:
    """Raise a one-line :class:`ClaimsError` when ``address`` is no reachable Dask scheduler.

    The scheme is checked against the comm backends Dask knows; a TCP or TLS address is
    tried with a plain connection first, so an unreachable scheduler is one line, not a
    timed-out client that complains again when it is collected.
    """
    from distributed.comm.addressing import parse_address, parse_host_port
    from distributed.comm.registry import get_backend

    hint = "check the address (tcp://host:8786) and that `dask scheduler` runs there"
    try:
        scheme, location = parse_address(address, strict=True)
        get_backend(scheme)
        if scheme in ("tcp", "tls"):
            host, port = parse_host_port(location)
            socket.create_connection((host, port), timeout=timeout).close()
    except (ValueError, TypeError) as exc:
        raise ClaimsError(
            f"{address!r} is not a Dask scheduler address ({exc})", hint=hint
        ) from None
    except OSError as exc:
        detail = exc.strerror or type(exc).__name__
        raise ClaimsError(
            f"cannot reach the Dask scheduler at {address} ({detail})", hint=hint
        ) from None


class _DaskEngine(_Engine):
    """Partitions on a ``dask.distributed`` cluster, a bounded number in flight.

    A partition whose worker was lost (or whose future was cancelled or failed for any
    reason outside the pipeline) is sent again, at most :data:`MAX_RESUBMITS` times, then
    processed in this process; such failures are never blamed on the documents.
    """

    def __init__(self, pipeline: Pipeline, options: RunOptions) -> None:
        from distributed import Client, LocalCluster, as_completed

        self.cluster: Any = None
        if options.scheduler:
            check_scheduler(options.scheduler)
            try:
                self.client = Client(options.scheduler, timeout="30s")
            except (OSError, ValueError) as exc:
                raise ClaimsError(
                    f"cannot reach the Dask scheduler at {options.scheduler} ({exc})",
                    hint="check the address (tcp://host:8786) and that `dask scheduler` runs there",
                ) from None
        else:
            workers = max(2, options.n_process)
            self.cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
            self.client = Client(self.cluster)
        self.address = self.client.scheduler.address
        self.pipeline = pipeline
        self.options = options
        n_workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        self.window = options.window or 2 * n_workers
        spec = PipelineSpec.of(pipeline, options)
        self.head = (spec.fingerprint, spec.batch_size, spec.max_chars)
        self.spec = pickle.dumps(spec, protocol=pickle.HIGHEST_PROTOCOL)
        self.done = as_completed()
        self.items: dict[str, tuple[list[WorkItem], int]] = {}

    def _send(self, items: list[WorkItem], tries: int) -> None:
        future = self.client.submit(dask_task, items, self.head, self.spec, pure=False)
        self.items[future.key] = (items, tries)
        self.done.add(future)

    def _collect(self) -> list[Outcome] | None:
        """The next finished partition, or None when it was sent again."""
        future = next(self.done)
        items, tries = self.items.pop(future.key)
        try:
            return future.result()
        except FingerprintMismatch as exc:
            raise ClaimsError(
                f"a Dask worker runs another pipeline ({exc})",
                hint="install the same tnr-claims version and model on every worker "
                "(pip install <this repo>)",
            ) from None
        except WorkerSetupError as exc:
            raise ClaimsError(
                f"a Dask worker cannot build the pipeline ({exc})",
                hint="install tnr-claims and its model on every worker",
            ) from None
        except Exception:  # noqa: BLE001 - lost worker, cancelled future, comm error
            if tries < MAX_RESUBMITS:
                self._send(items, tries + 1)
                return None
            return process_items(
                self.pipeline,
                items,
                batch_size=self.options.batch_size,
                max_chars=self.options.max_chars,
            )

    def submit(self, items: list[WorkItem]) -> Iterator[list[Outcome]]:
        self._send(items, 0)
        while self.done.count() >= self.window:
            done = self._collect()
            if done is not None:
                yield done

    def drain(self) -> Iterator[list[Outcome]]:
        while self.done.count():
            done = self._collect()
            if done is not None:
                yield done

    def close(self) -> None:
        for future in list(self.done.futures):
            future.cancel()
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_engine(pipeline: Pipeline, options: RunOptions) -> _Engine:
    """The engine ``options`` ask for (local inline, local pool or Dask)."""
    if options.engine == "dask":
        return _DaskEngine(pipeline, options)
    if options.engine != "local":
        raise ClaimsError(
            f"unknown engine {options.engine!r}", hint="use --engine local or --engine dask"
        )
    if options.n_process > 1:
        return _PoolEngine(pipeline, options)
    return _InlineEngine(pipeline, options)
