"""Engines that turn batches of documents into records: inline, a fork pool, or Dask.

Every engine calls :func:`process_items`, so every engine gives the same records.
"""

from __future__ import annotations

import multiprocessing
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


def _pool_init(pipeline: Pipeline) -> None:
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
            initargs=(pipeline,),
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
                initargs=(self.pipeline,),
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


def worker_pipeline(spec: PipelineSpec) -> Pipeline:
    """The Pipeline of ``spec`` in this worker process, loaded once and cached by fingerprint."""
    from tnr_claims.extract import Pipeline as _Pipeline

    cached = _WORKER.get(spec.fingerprint)
    if cached is not None:
        return cached
    loaded = _Pipeline.build(spec.model, spec.patterns)
    if loaded.fingerprint != spec.fingerprint:
        raise FingerprintMismatch(
            f"worker pipeline {loaded.fingerprint} differs from the client's {spec.fingerprint}"
        )
    _WORKER[spec.fingerprint] = loaded
    return loaded


def dask_task(items: list[WorkItem], spec: PipelineSpec) -> list[Outcome]:
    """The Dask task: process one partition with the worker's cached Pipeline."""
    pipeline = worker_pipeline(spec)
    return process_items(pipeline, items, batch_size=spec.batch_size, max_chars=spec.max_chars)


class _DaskEngine(_Engine):
    """Partitions on a ``dask.distributed`` cluster, a bounded number in flight."""

    def __init__(self, pipeline: Pipeline, options: RunOptions) -> None:
        from distributed import Client, LocalCluster, as_completed

        self.cluster: Any = None
        if options.scheduler:
            try:
                self.client = Client(options.scheduler, timeout="30s")
            except OSError as exc:
                raise ClaimsError(
                    f"cannot reach the Dask scheduler at {options.scheduler} ({exc})",
                    hint="check the address (tcp://host:8786) and that `dask scheduler` runs there",
                ) from exc
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
        n_workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        self.window = options.window or 2 * n_workers
        self.spec = self.client.scatter(PipelineSpec.of(pipeline, options), broadcast=True)
        self.done = as_completed()
        self.items: dict[str, list[WorkItem]] = {}

    def _collect(self) -> list[Outcome]:
        future = next(self.done)
        items = self.items.pop(future.key)
        try:
            return future.result()
        except FingerprintMismatch as exc:
            raise ClaimsError(
                f"a Dask worker runs another pipeline ({exc})",
                hint="install the same tnr-claims version and model on every worker "
                "(pip install <this repo>)",
            ) from exc
        except Exception as exc:  # noqa: BLE001 - a lost worker or task: fail these documents
            return [Outcome(i.key, i.doc_id, i.path, error=_crash_message(exc)) for i in items]

    def submit(self, items: list[WorkItem]) -> Iterator[list[Outcome]]:
        future = self.client.submit(dask_task, items, self.spec, pure=False)
        self.items[future.key] = items
        self.done.add(future)
        while self.done.count() >= self.window:
            yield self._collect()

    def drain(self) -> Iterator[list[Outcome]]:
        while self.done.count():
            yield self._collect()

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
