"""Batch: ``claims run`` at scale, streaming, incremental, resumable and crash-safe.

One run goes through three steps:

1. **Plan.** Documents are read lazily from :func:`pipeline.ingest.iter_documents`. Each
   gets a key (:func:`pipeline.store.record_key`: its content plus the pipeline's
   fingerprint). A document whose key is already in the store is *skipped* (unchanged);
   the others are queued in batches of ``batch_size``. The input order (key, doc_id,
   path, content hash) is streamed to a file in ``OUT/.state/``, not kept in memory.
2. **Process.** An engine turns batches into records with :func:`process_items` (the
   same function everywhere, so every engine gives the same records): ``local`` in this
   process, ``local`` with ``--n-process K`` in a pool of K forked workers with a
   bounded window of batches in flight, or ``dask`` on a ``dask.distributed`` cluster
   (partitions of ``partition_size`` documents, bounded in-flight futures, the Pipeline
   loaded once per worker). Each finished batch is appended to the store and flushed,
   so a run killed at any moment (SIGKILL included) loses at most the batches in flight.
3. **Publish.** The final files (:func:`pipeline.export.write_outputs`) are written from
   the store in input order and moved into place atomically; then ``failures.jsonl``
   and ``manifest.json``. Documents appear exactly once whatever happened before.

Failures never stop a run (unless ``strict``): an input that cannot be read, or a
document on which a component crashes, is reported through ``on_failure(doc_id,
message)`` and as a row of ``failures.jsonl``. When a batch raises, its documents are
retried one by one so only the bad document fails.

Documents longer than ``max_chars`` are split at paragraph boundaries (:func:`split_text`)
before the parser sees them, processed as pieces and merged back into one record with
shifted offsets (:func:`merge_records`).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from pipeline.errors import ClaimsError, InputError, OutputError
from pipeline.records import DocumentRecord
from pipeline.store import STATE_DIR, RecordStore, record_key

if TYPE_CHECKING:
    from pipeline.extract import Pipeline

FailureCallback = Callable[[str, str], None]
"""``on_failure(doc_id, message)``: told about each document that failed."""

DEFAULT_MAX_CHARS = 100_000
"""Texts longer than this are split before the parser (spaCy needs ~1 GB per 100k chars)."""
DEFAULT_PARTITION_SIZE = 32
"""Documents per Dask task."""

OUTPUT_NAMES: tuple[str, ...] = (
    "documents.jsonl",
    "records.jsonl",
    "claims.parquet",
    "claims.csv",
    "spans.parquet",
)
"""Files written by :func:`pipeline.export.write_outputs`."""


# --------------------------------------------------------------------------- options and results


@dataclass(kw_only=True)
class RunOptions:
    """Everything ``claims run`` can be told (the CLI builds one from its options)."""

    inputs: Sequence[str]
    out_dir: Path | str
    model: str | None = None
    patterns_dir: Path | str | None = None
    engine: str = "local"
    """``local`` or ``dask``."""
    scheduler: str | None = None
    """Dask scheduler address; ``None`` starts a LocalCluster."""
    n_process: int = 1
    """Worker processes (local engine) or LocalCluster workers (dask engine, at least 2)."""
    batch_size: int = 32
    force: bool = False
    strict: bool = False
    max_bytes: int = 20_000_000
    progress: bool = False
    max_chars: int = DEFAULT_MAX_CHARS
    partition_size: int = DEFAULT_PARTITION_SIZE
    window: int | None = None
    """Batches (or Dask partitions) in flight at most; default twice the workers."""


@dataclass
class RunSummary:
    """What a run did: counts, output counts, timing (also written to ``manifest.json``)."""

    out_dir: str
    engine: str
    processed: int = 0
    skipped: int = 0
    failed: int = 0
    documents: int = 0
    claims: int = 0
    spans: int = 0
    chars_processed: int = 0
    seconds: float = 0.0
    timing: dict[str, float] = field(default_factory=dict)
    scheduler: str | None = None
    stopped: bool = False
    """True when ``strict`` stopped the run at a failure (final files not rewritten)."""

    def describe(self) -> str:
        """One human line for the end of ``claims run``."""
        text = (
            f"{self.documents} documents in {self.out_dir} ({self.processed} processed, "
            f"{self.skipped} unchanged, {self.failed} failed): {self.claims} claims, "
            f"{self.spans} spans in {self.seconds:.1f} s, engine {self.engine}"
        )
        if self.stopped:
            text += "; stopped at the first failure (--strict), final files not rewritten"
        if self.failed:
            text += f"; see {Path(self.out_dir) / 'failures.jsonl'}"
        return text


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


# --------------------------------------------------------------------------- long documents


MAX_RUN = 2_000
"""Longest run of non-space characters handed to the tokenizer in one piece: spaCy's
tokenizer takes time quadratic in the length of such a run (emoji, underscores)."""

_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")


def needs_split(text: str, *, max_chars: int = DEFAULT_MAX_CHARS) -> bool:
    """True when ``text`` is longer than ``max_chars`` or holds an over-long unbroken run."""
    return len(text) > max_chars or _LONG_RUN.search(text) is not None


def split_text(text: str, *, max_chars: int = DEFAULT_MAX_CHARS) -> list[int]:
    """Start offsets of pieces of at most ``max_chars`` characters that cover ``text``.

    Cuts go after the last blank line of each window, else after the last line end,
    else after the last whitespace, else (one huge token) at ``max_chars``; runs of
    non-space characters longer than :data:`MAX_RUN` are cut every ``MAX_RUN``
    characters as well. Pieces are contiguous: piece ``i`` is
    ``text[offsets[i]:offsets[i + 1]]``.
    """
    cuts = set(_split_windows(text, max_chars=max_chars))
    for run in _LONG_RUN.finditer(text):
        cuts.update(range(run.start() + MAX_RUN, run.end(), MAX_RUN))
    return sorted(cuts)


def _split_windows(text: str, *, max_chars: int) -> list[int]:
    if max_chars < 1:
        raise ValueError("max_chars must be positive")
    offsets = [0]
    start, n = 0, len(text)
    while n - start > max_chars:
        hi = start + max_chars
        cut = text.rfind("\n\n", start + 1, hi)
        if cut > 0:
            cut += 2
        else:
            cut = text.rfind("\n", start + 1, hi)
            cut = cut + 1 if cut > 0 else _last_space(text, start + 1, hi)
        if cut <= start:
            cut = hi
        offsets.append(cut)
        start = cut
    return offsets


def _last_space(text: str, lo: int, hi: int) -> int:
    for i in range(hi - 1, lo - 1, -1):
        if text[i].isspace():
            return i + 1
    return -1


def merge_records(
    pieces: Sequence[DocumentRecord], offsets: Sequence[int], *, note: bool = True
) -> DocumentRecord:
    """Merge records of consecutive pieces of one text into one record, offsets shifted.

    ``offsets[i]`` is where piece ``i`` starts in the whole text; the pieces must be
    contiguous (as :func:`split_text` makes them). The merged record keeps the first
    piece's doc_id, metadata and warnings, and is validated (every span, claim and cue
    surface equal to the text at its offsets). With ``note`` a warning says the text
    was split.
    """
    if not pieces or len(pieces) != len(offsets):
        raise ValueError("merge_records needs one offset per piece")
    first = pieces[0]
    text_parts: list[str] = []
    segments: list[dict[str, Any]] = []
    sentences: list[tuple[int, int]] = []
    spans: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    position = 0
    for piece, offset in zip(pieces, offsets, strict=True):
        if offset != position:
            raise ValueError(
                f"piece at {offset} does not follow the previous piece (ends at {position})"
            )
        text_parts.append(piece.text)
        position += len(piece.text)
        for seg in piece.segments:
            segments.append(
                {"kind": seg.kind, "start": seg.start + offset, "end": seg.end + offset}
            )
        sentences.extend((start + offset, end + offset) for start, end in piece.sentences)
        for span in piece.spans:
            spans.append(
                span.model_dump() | {"start": span.start + offset, "end": span.end + offset}
            )
        for claim in piece.claims:
            data = claim.model_dump()
            data.update(doc_id=first.doc_id, start=claim.start + offset, end=claim.end + offset)
            data["cues"] = [
                cue | {"start": cue["start"] + offset, "end": cue["end"] + offset}
                for cue in data["cues"]
            ]
            claims.append(data)
    warnings = list(first.warnings)
    if note and len(pieces) > 1:
        warnings.append(
            f"text of {position:,} characters split into {len(pieces)} pieces at paragraph "
            "boundaries before parsing"
        )
    return DocumentRecord.model_validate(
        {
            "doc_id": first.doc_id,
            "text": "".join(text_parts),
            "meta": first.meta,
            "segments": segments,
            "sentences": sentences,
            "spans": spans,
            "claims": claims,
            "warnings": warnings,
            "pipeline": first.pipeline.model_dump(),
        }
    )


# --------------------------------------------------------------------------- processing


def _crash_message(exc: BaseException) -> str:
    detail = " ".join(str(exc).split())[:300] or "no message"
    return (
        f"the pipeline failed on this document ({type(exc).__name__}: {detail}); "
        "remove it from the input and report the file with the message, or rerun with --debug"
    )


def _process_documents(
    pipeline: Pipeline, items: Sequence[WorkItem], *, batch_size: int, max_chars: int
) -> list[Outcome]:
    """Process ``items`` (may raise): short texts in one ``nlp.pipe`` stream, long ones as pieces.

    The pieces of a long text go through the parser one at a time (``batch_size=1``), so
    at most one piece of ``max_chars`` is in the model at once whatever the text's size.
    """
    split = [needs_split(item.text, max_chars=max_chars) for item in items]
    short = [item for item, cut in zip(items, split, strict=True) if not cut]
    records = pipeline.process(((i.doc_id, i.text, i.meta) for i in short), batch_size=batch_size)
    outcomes: list[Outcome] = []
    for item, cut in zip(items, split, strict=True):
        if not cut:
            record = next(records)
        else:
            offsets = split_text(item.text, max_chars=max_chars)
            bounds = [*offsets, len(item.text)]
            pieces = [
                (item.doc_id, item.text[bounds[i] : bounds[i + 1]], item.meta)
                for i in range(len(offsets))
            ]
            record = merge_records(list(pipeline.process(pieces, batch_size=1)), offsets)
        outcomes.append(
            Outcome(
                item.key,
                item.doc_id,
                item.path,
                record_json=record.model_dump_json(),
                chars=len(item.text),
                words=len(item.text.split()),
            )
        )
    return outcomes


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


# --------------------------------------------------------------------------- engines


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
    """What a Dask worker needs to load the same Pipeline: model, pattern files, fingerprint.

    The pattern files travel with the spec, so workers need no shared folder; the
    fingerprint is checked on the worker so a cluster running another package or model
    version fails loudly instead of giving different records.
    """

    model: str | None
    patterns: tuple[tuple[str, bytes], ...]
    fingerprint: str
    batch_size: int
    max_chars: int

    @classmethod
    def of(cls, pipeline: Pipeline, options: RunOptions) -> PipelineSpec:
        """The spec of the loaded ``pipeline`` (its pattern folder's ``*.jsonl`` files)."""
        folder = Path(pipeline.patterns.directory)
        files = tuple((p.name, p.read_bytes()) for p in sorted(folder.glob("*.jsonl")))
        return cls(
            options.model, files, pipeline.fingerprint, options.batch_size, options.max_chars
        )


class FingerprintMismatch(RuntimeError):
    """A Dask worker built a pipeline with another fingerprint than the client's."""


def worker_pipeline(spec: PipelineSpec) -> Pipeline:
    """The Pipeline of ``spec`` in this worker process, loaded once and cached by fingerprint."""
    import hashlib
    import tempfile

    from pipeline.extract import Pipeline as _Pipeline

    cached = _WORKER.get(spec.fingerprint)
    if cached is not None:
        return cached
    digest = hashlib.sha256(repr(spec.patterns).encode()).hexdigest()[:16]
    folder = Path(tempfile.gettempdir()) / f"tnr-patterns-{digest}"
    if not folder.is_dir():
        staging = Path(tempfile.mkdtemp(prefix="tnr-patterns-"))
        for name, data in spec.patterns:
            (staging / name).write_bytes(data)
        try:
            os.replace(staging, folder)
        except OSError:
            pass  # another worker won the race; its folder has the same files
    loaded = _Pipeline.load(spec.model, patterns_dir=folder)
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


# --------------------------------------------------------------------------- the run


def _strip_id(doc_id: str, message: str) -> str:
    prefix = f"{doc_id}: "
    return message[len(prefix) :] if message.startswith(prefix) else message


def _clean_stale(out: Path) -> None:
    """Remove temporary files a killed run left behind (we hold the store's lock)."""
    for name in (*OUTPUT_NAMES, "failures.jsonl", "manifest.json"):
        for tmp in out.glob(f".{name}.tmp-*"):
            tmp.unlink(missing_ok=True)
    for tmp in (out / STATE_DIR).glob("run-*.order.jsonl"):
        tmp.unlink(missing_ok=True)


def _check_inputs(inputs: Sequence[str]) -> None:
    for name in inputs:
        if name != "-" and not Path(name).exists():
            raise InputError.of("missing", doc_id=None, path=name)


class _Run:
    """State of one ``run_batch`` call (counts, order file, failures file)."""

    def __init__(
        self, options: RunOptions, store: RecordStore, on_failure: FailureCallback | None
    ) -> None:
        self.options = options
        self.store = store
        self.on_failure = on_failure
        self.out = Path(options.out_dir)
        self.summary = RunSummary(out_dir=str(self.out), engine=options.engine)
        self.order_path = store.root / f"run-{os.getpid()}.order.jsonl"
        self.order: IO[str] = self.order_path.open("w", encoding="utf-8")
        self.failures_tmp = self.out / f".failures.jsonl.tmp-{os.getpid()}"
        self.failures: IO[str] = self.failures_tmp.open("w", encoding="utf-8")
        self.stop = False

    def fail(self, doc_id: str, path: str | None, message: str, *, key: str | None = None) -> None:
        self.summary.failed += 1
        self.failures.write(
            json.dumps({"doc_id": doc_id, "path": path, "message": message}, ensure_ascii=False)
            + "\n"
        )
        self.failures.flush()
        if key is not None:
            self.order.write(json.dumps({"key": key, "doc_id": doc_id, "status": "failed"}) + "\n")
        if self.on_failure is not None:
            self.on_failure(doc_id, message)
        if self.options.strict:
            self.stop = True

    def land(self, outcomes: Iterable[Outcome]) -> int:
        """Store a finished batch; report its failures. Returns documents stored."""
        good: list[tuple[str, str, str | None, str]] = []
        for outcome in outcomes:
            if outcome.record_json is None:
                self.fail(
                    outcome.doc_id, outcome.path, outcome.error or "unknown error", key=outcome.key
                )
            else:
                good.append((outcome.key, outcome.doc_id, outcome.path, outcome.record_json))
                self.summary.chars_processed += outcome.chars
        self.store.append(good)
        self.summary.processed += len(good)
        return len(good)


def run_batch(
    options: RunOptions,
    *,
    on_failure: FailureCallback | None = None,
    pipeline: Pipeline | None = None,
) -> RunSummary:
    """Run the pipeline over ``options.inputs`` into ``options.out_dir`` (see module docstring).

    Args:
        options: What to run and how.
        on_failure: Called with ``(doc_id, message)`` for each document that failed.
        pipeline: An already loaded Pipeline (tests, notebooks, bench); loaded from
            ``options.model``/``options.patterns_dir`` otherwise.

    Returns:
        The run's :class:`RunSummary`; ``summary.failed`` > 0 means some documents failed.
    """
    from pipeline.export import write_json_atomic, write_outputs
    from pipeline.ingest import iter_documents

    started = time.time()
    clock = time.perf_counter()
    _check_inputs(options.inputs)
    out = Path(options.out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"cannot create the output folder {out} ({exc.strerror})",
            hint="check the path and its permissions or pass another -o",
        ) from exc
    if pipeline is None:
        from pipeline.extract import Pipeline as _Pipeline

        pipeline = _Pipeline.load(options.model, patterns_dir=options.patterns_dir)
    load_seconds = time.perf_counter() - clock
    fingerprint = pipeline.fingerprint

    with RecordStore(out) as store:
        _clean_stale(out)
        run = _Run(options, store, on_failure)
        summary = run.summary
        progress = _Progress(enabled=options.progress)
        engine = make_engine(pipeline, options)
        summary.scheduler = engine.address
        process_clock = time.perf_counter()
        try:

            def on_input_error(doc_id: str, path: str | None, message: str) -> None:
                run.fail(doc_id, path, _strip_id(doc_id, message))

            size = options.partition_size if options.engine == "dask" else options.batch_size
            batch: list[WorkItem] = []
            queued: set[str] = set()
            documents = iter_documents(
                options.inputs, max_bytes=options.max_bytes, on_error=on_input_error
            )
            for document in documents:
                if run.stop:
                    break
                key = record_key(fingerprint, document.doc_id, document.text, document.meta)
                run.order.write(
                    json.dumps(
                        {
                            "key": key,
                            "doc_id": document.doc_id,
                            "path": document.path,
                            "format": document.format,
                            "sha256": document.sha256,
                            "n_bytes": document.n_bytes,
                        },
                        ensure_ascii=False,
                    )
                    + "\n"
                )
                if not options.force and key in store:
                    summary.skipped += 1
                    progress.advance((), skipped=1)
                    continue
                if key in queued:
                    continue
                queued.add(key)
                batch.append(
                    WorkItem(key, document.doc_id, document.text, document.meta, document.path)
                )
                if len(batch) >= size:
                    for done in engine.submit(batch):
                        progress.advance(done)
                        run.land(done)
                    batch, queued = [], set()
                    if run.stop:
                        break
            if batch and not run.stop:
                for done in engine.submit(batch):
                    progress.advance(done)
                    run.land(done)
            if not run.stop:
                for done in engine.drain():
                    progress.advance(done)
                    run.land(done)
        finally:
            engine.close()
            progress.close()
            run.order.close()
            run.failures.close()
        process_seconds = time.perf_counter() - process_clock

        export_clock = time.perf_counter()
        failures_path = out / "failures.jsonl"
        order = _read_order(run.order_path)
        if run.stop:
            summary.stopped = True
            os.replace(run.failures_tmp, failures_path)
        else:
            keys = [item["key"] for item in order if "status" not in item and item["key"] in store]
            counts = write_outputs(store.records(keys), out)
            summary.documents = counts["documents"]
            summary.claims = counts["claims"]
            summary.spans = counts["spans"]
            os.replace(run.failures_tmp, failures_path)
            store.compact(keys)
        export_seconds = time.perf_counter() - export_clock

        summary.seconds = time.time() - started
        summary.timing = {
            "load_s": round(load_seconds, 3),
            "process_s": round(process_seconds, 3),
            "export_s": round(export_seconds, 3),
            "total_s": round(summary.seconds, 3),
        }
        manifest = _manifest(options, pipeline, summary, order, started)
        write_json_atomic(manifest, out / "manifest.json")
        run.order_path.unlink(missing_ok=True)
    return summary


def _read_order(path: Path) -> list[dict[str, Any]]:
    """The run's documents in input order, failed ones marked (later lines win)."""
    items: dict[str, dict[str, Any]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            if item.get("status") == "failed" and item["key"] in items:
                items[item["key"]]["status"] = "failed"
            else:
                items.setdefault(item["key"], item)
    return list(items.values())


def _manifest(
    options: RunOptions,
    pipeline: Pipeline,
    summary: RunSummary,
    order: list[dict[str, Any]],
    started: float,
) -> dict[str, Any]:
    info = pipeline.info
    return {
        "status": "stopped" if summary.stopped else ("partial" if summary.failed else "ok"),
        "counts": {
            "processed": summary.processed,
            "skipped": summary.skipped,
            "failed": summary.failed,
            "documents": summary.documents,
            "claims": summary.claims,
            "spans": summary.spans,
        },
        "engine": {
            "name": options.engine,
            "scheduler": summary.scheduler,
            "n_process": options.n_process,
            "batch_size": options.batch_size,
            "partition_size": options.partition_size if options.engine == "dask" else None,
            "max_chars": options.max_chars,
        },
        "pipeline": {
            "version": info.version,
            "model": info.model,
            "model_version": info.model_version,
            "patterns_hash": info.patterns_hash,
            "patterns_dir": str(options.patterns_dir) if options.patterns_dir else None,
            "fingerprint": pipeline.fingerprint,
        },
        "options": {
            "force": options.force,
            "strict": options.strict,
            "max_bytes": options.max_bytes,
        },
        "inputs": [
            {k: item.get(k) for k in ("doc_id", "path", "format", "sha256", "n_bytes", "key")}
            | {"status": item.get("status", "ok")}
            for item in order
        ],
        "timing": {
            "started": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(started)),
            **summary.timing,
            "chars_processed": summary.chars_processed,
            "docs_per_s": round(summary.processed / summary.timing["process_s"], 2)
            if summary.timing.get("process_s")
            else None,
        },
    }


class _Progress:
    """A rich progress line on stderr: documents, documents and words per second.

    The total is unknown (documents are read lazily), so it counts up; unchanged
    documents count as documents but add no words.
    """

    def __init__(self, *, enabled: bool) -> None:
        self.bar: Any = None
        self.words = 0
        self.start = time.perf_counter()
        if enabled:
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.bar = Progress(
                SpinnerColumn(),
                TextColumn("{task.completed} documents"),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.task = self.bar.add_task("run", total=None, rate="")

    def advance(self, done: Sequence[Outcome], *, skipped: int = 0) -> None:
        """Count processed outcomes ``done`` and ``skipped`` unchanged documents."""
        if self.bar is None or not (done or skipped):
            return
        if not self.bar.live.is_started:
            self.bar.start()
        self.words += sum(outcome.words for outcome in done)
        elapsed = max(time.perf_counter() - self.start, 1e-9)
        completed = self.bar.tasks[0].completed + len(done) + skipped
        rate = f"{completed / elapsed:.1f} docs/s, {self.words / elapsed:,.0f} words/s"
        self.bar.update(self.task, completed=completed, rate=rate)

    def close(self) -> None:
        if self.bar is not None and self.bar.live.is_started:
            self.bar.stop()


__all__ = [
    "DEFAULT_MAX_CHARS",
    "FailureCallback",
    "Outcome",
    "RunOptions",
    "RunSummary",
    "WorkItem",
    "make_engine",
    "merge_records",
    "process_items",
    "run_batch",
    "split_text",
    "warm_up",
]
