"""Batch: ``claims run`` at scale, streaming, incremental, resumable and crash-safe.

One run goes through three steps:

1. **Plan.** Documents are read lazily from :func:`tnr_claims.text.ingest.iter_documents`. Each
   gets a key (:func:`tnr_claims.run.store.record_key`: its content plus the pipeline's
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
3. **Publish.** The run folder is a collection (:mod:`tnr_claims.run.collection`): each
   document that landed joins it (or replaces its old version), and the final files are
   written from the store for the *whole* collection, in collection order
   (:func:`tnr_claims.run.collection.write_collection`: record files and tables, cases,
   ``claims.duckdb``), then ``failures.jsonl`` and last ``manifest.json`` (size and SHA-256
   of every file), into a fresh folder that replaces the previous set with one rename
   (:mod:`tnr_claims.run.publish`): a reader never sees files of two runs. Documents
   appear exactly once whatever happened before. Members the run was not given, stored by
   another pipeline (or all of them with ``force``), are reprocessed from their stored
   text first, so every record comes from the same pipeline.

Failures never stop a run (unless ``strict``): an input that cannot be read, or a
document on which a component crashes, is reported through ``on_failure(doc_id,
message)`` and as a row of ``failures.jsonl``. When a batch raises, its documents are
retried one by one so only the bad document fails.

Documents longer than ``max_chars`` are split at paragraph boundaries (:func:`split_text`)
before the parser sees them, processed as pieces and merged back into one record with
shifted offsets (:func:`merge_records`).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import time
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from pydantic import ValidationError

from tnr_claims.errors import InputError, OutputError
from tnr_claims.records import DocumentRecord
from tnr_claims.rules.loader import DEFAULT_PATTERNS_DIR, load_patterns
from tnr_claims.run.collection import COLLECTION_NAME, Collection, Member, write_collection
from tnr_claims.run.engines import WorkItem, make_engine
from tnr_claims.run.options import RunOptions, RunSummary
from tnr_claims.run.publish import OutputSet, file_digest, prune_sets
from tnr_claims.run.store import STATE_DIR, RecordStore, record_key
from tnr_claims.run.zones import ZoneTally

if TYPE_CHECKING:
    from tnr_claims.extract import Pipeline
    from tnr_claims.run.engines import FailureCallback, Outcome
    from tnr_claims.text.ingest import Document


def _strip_id(doc_id: str, message: str) -> str:
    prefix = f"{doc_id}: "
    return message[len(prefix) :] if message.startswith(prefix) else message


def _clean_stale(out: Path) -> None:
    """Remove what a killed run left behind (we hold the store's lock)."""
    # imported here, as everywhere in this module: they pull in duckdb and pyarrow
    from tnr_claims.database import DB_NAME
    from tnr_claims.export import OUTPUT_FILES

    for name in (*OUTPUT_FILES, DB_NAME, "failures.jsonl", "manifest.json"):
        for tmp in out.glob(f".{name}.tmp-*"):
            tmp.unlink(missing_ok=True)
    for pattern in ("run-*.order.jsonl", "run-*.failures.jsonl"):
        for tmp in (out / STATE_DIR).glob(pattern):
            tmp.unlink(missing_ok=True)
    for tmp in (out / STATE_DIR).glob(f".{COLLECTION_NAME}.tmp-*"):
        tmp.unlink(missing_ok=True)
    prune_sets(out)


def _check_inputs(inputs: Sequence[str]) -> None:
    for name in inputs:
        if name != "-" and not Path(name).exists():
            raise InputError.of("missing", doc_id=None, path=name)


OUTPUT_GROWTH = 2.0
"""Output bytes per stored record byte, roughly (measured 1.7: JSONL twice, CSV, Parquet),
for the space a full disk asks for."""


def _no_space(folder: Path, needed: int, exc: OSError) -> OutputError:
    """The one-line error of a full disk in ``folder``, with the space needed."""
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        free = 0
    return OutputError(
        f"no space left on the device of {folder} ({exc.strerror}): the run needs about "
        f"{max(needed - free, 1) / 1e6:,.1f} MB more ({free / 1e6:,.1f} MB free)",
        hint="free some space or pass another -o, then rerun: finished documents are kept",
    )


class _Run:
    """State of one ``run_batch`` call (counts, order file, failures file)."""

    def __init__(
        self, options: RunOptions, store: RecordStore, on_failure: FailureCallback | None
    ) -> None:
        self.options = options
        self.store = store
        self.collection = Collection() if options.fresh else Collection.load(store.root)
        self.pending: dict[str, Member] = {}
        """Members being processed, by key: they join the collection when they land."""
        self.given: set[str] = set()
        """doc_ids of the run's inputs."""
        self.new: dict[str, int] = {}
        """Input rank of each input not in the collection before: the order it joins in."""
        self.on_failure = on_failure
        self.out = Path(options.out_dir)
        self.summary = RunSummary(out_dir=str(self.out), engine=options.engine)
        self.order_path = store.root / f"run-{os.getpid()}.order.jsonl"
        self.order: IO[str] = self.order_path.open("w", encoding="utf-8")
        self.failures_path = store.root / f"run-{os.getpid()}.failures.jsonl"
        self.failures: IO[str] = self.failures_path.open("w", encoding="utf-8")
        self.warnings: list[str] = []
        """Problems the run repaired on its own (kept in the manifest)."""
        self.stop = False
        self.first_document: float | None = None
        """``time.time()`` when the first processed document was stored (start-up ends)."""
        self.progress: _Progress | None = None
        self.on_warning: FailureCallback | None = None

    def plan(self, documents: Iterable[Document], fingerprint: str) -> Iterator[WorkItem]:
        """The inputs to process, in input order (the order is written to the order file).

        An input whose key is stored already is unchanged: it joins the collection at once.
        """
        for document in documents:
            if self.stop:
                return
            key = record_key(fingerprint, document.doc_id, document.text, document.meta)
            source = {
                "path": document.path,
                "format": document.format,
                "sha256": document.sha256,
                "n_bytes": document.n_bytes,
            }
            self.order.write(
                json.dumps({"key": key, "doc_id": document.doc_id, **source}, ensure_ascii=False)
                + "\n"
            )
            if self.on_warning is not None:
                for warning in document.meta.get("warnings") or ():
                    self.on_warning(document.doc_id, str(warning))
            self.given.add(document.doc_id)
            if document.doc_id not in self.collection:
                self.new.setdefault(document.doc_id, len(self.new))
            member = Member(
                doc_id=document.doc_id,
                key=key,
                fingerprint=fingerprint,
                meta=document.meta,
                **source,
            )
            if self.reusable(key, document.doc_id):
                self.summary.skipped += 1
                if self.progress is not None:
                    self.progress.advance((), skipped=1)
                self.collection.put(member)
                continue
            self.pending[key] = member
            yield WorkItem(key, document.doc_id, document.text, document.meta, document.path)

    def refresh(self, fingerprint: str) -> Iterator[WorkItem]:
        """Members the run was not given whose record another pipeline made (all, with force).

        They are processed again from the text stored with their record, so that every
        record of the collection comes from the same pipeline.
        """
        for member in self.collection:
            if self.stop:
                return
            if member.doc_id in self.given or member.key not in self.store:
                continue
            if member.fingerprint == fingerprint and not self.options.force:
                continue
            record = self.store.get(member.key)
            key = record_key(fingerprint, member.doc_id, record.text, member.meta)
            fresh = member.model_copy(update={"key": key, "fingerprint": fingerprint})
            if key in self.store and not self.options.force:
                self.collection.put(fresh)
                continue
            self.summary.refreshed += 1
            self.pending[key] = fresh
            yield WorkItem(key, member.doc_id, record.text, member.meta, member.path)

    def fail(self, doc_id: str, path: str | None, message: str, *, key: str | None = None) -> None:
        self.summary.failed += 1
        if key is not None:
            self.pending.pop(key, None)
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
        try:
            self.store.append(good)
        except OSError as exc:
            if exc.errno not in (errno.ENOSPC, errno.EDQUOT):
                raise
            needed = sum(len(item[3]) for item in good)
            needed += int(self.store.live_bytes() * OUTPUT_GROWTH)
            raise _no_space(self.store.root, needed, exc) from None
        for key, *_ in good:
            member = self.pending.pop(key, None)
            if member is not None:
                self.collection.put(member)
        if good and self.first_document is None:
            self.first_document = time.time()
        self.summary.processed += len(good)
        return len(good)

    def reusable(self, key: str, doc_id: str) -> bool:
        """True when ``key`` is stored intact; a corrupt record is dropped with a warning."""
        if self.options.force or key not in self.store:
            return False
        if self.store.intact(key):
            return True
        self.store.forget(key)
        message = f"its stored record in {self.store.root} is corrupt; dropped and processed again"
        self.warnings.append(f"{doc_id}: {message}")
        if self.on_warning is not None:
            self.on_warning(doc_id, message)
        return False

    def close(self) -> None:
        """Close the run's files and remove them (a full disk may refuse their last bytes)."""
        for handle in (self.order, self.failures):
            with contextlib.suppress(OSError):
                handle.close()
        self.order_path.unlink(missing_ok=True)
        self.failures_path.unlink(missing_ok=True)


def run_batch(
    options: RunOptions,
    *,
    on_failure: FailureCallback | None = None,
    pipeline: Pipeline | None = None,
    on_warning: FailureCallback | None = None,
) -> RunSummary:
    """Run the pipeline over ``options.inputs`` into ``options.out_dir`` (see module docstring).

    Args:
        options: What to run and how.
        on_failure: Called with ``(doc_id, message)`` for each document that failed.
        on_warning: Called with ``(doc_id, warning)`` for each warning found while reading
            a document (not English, broken bytes; the document is still processed) and for
            each problem the run repaired on its own (a corrupt stored record dropped and
            processed again; these are also listed in the manifest).
        pipeline: An already loaded Pipeline (tests, notebooks, bench); loaded from
            ``options.model``/``options.patterns_dir`` otherwise.

    Returns:
        The run's :class:`RunSummary`; ``summary.failed`` > 0 means some documents failed.

    Raises:
        OutputError: The output folder cannot be written (full disk included) or another
            run holds it.
    """
    started = time.time()
    clock = time.perf_counter()
    _check_inputs(options.inputs)
    if options.engine == "dask" and options.scheduler:
        from tnr_claims.run.engines import check_scheduler

        check_scheduler(options.scheduler)  # before the model loads: a wrong address is quick
    out = Path(options.out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"cannot create the output folder {out} ({exc.strerror})",
            hint="check the path and its permissions or pass another -o",
        ) from exc
    if pipeline is None:
        # the rules first: a malformed pattern file fails in a fraction of a second, before
        # spaCy and the model are imported
        patterns = load_patterns(options.patterns_dir or DEFAULT_PATTERNS_DIR)
        from tnr_claims.extract import Pipeline as _Pipeline

        pipeline = _Pipeline.build(options.model, patterns)
    load_seconds = time.perf_counter() - clock

    with RecordStore(out) as store:
        _clean_stale(out)
        run = _Run(options, store, on_failure)
        run.on_warning = on_warning
        try:
            process_seconds = _process(run, pipeline)
            _publish(run, pipeline, started, {"load_s": load_seconds, "process_s": process_seconds})
        except OSError as exc:
            if exc.errno not in (errno.ENOSPC, errno.EDQUOT):
                raise
            raise _no_space(out, int(store.live_bytes() * OUTPUT_GROWTH), exc) from None
        finally:
            run.close()
    return run.summary


def _process(run: _Run, pipeline: Pipeline) -> float:
    """Plan and process: store every document not stored yet; return the seconds it took."""
    from tnr_claims.text.ingest import iter_documents

    options, store = run.options, run.store
    progress = _Progress(enabled=options.progress)
    engine = make_engine(pipeline, options)
    run.summary.scheduler = engine.address
    clock = time.perf_counter()

    def on_input_error(doc_id: str, path: str | None, message: str) -> None:
        run.fail(doc_id, path, _strip_id(doc_id, message))

    def land(batches: Iterable[list[Outcome]]) -> None:
        for done in batches:
            progress.advance(done)
            run.land(done)

    try:
        size = options.partition_size if options.engine == "dask" else options.batch_size
        batch: list[WorkItem] = []
        queued: set[str] = set()
        submitted = False
        documents = iter_documents(
            options.inputs,
            max_bytes=options.max_bytes,
            max_pages=options.max_pages,
            on_error=on_input_error,
            follow_links=options.follow_links,
            exclude=[run.out],
        )
        run.progress = progress
        fingerprint = pipeline.fingerprint
        for item in chain(run.plan(documents, fingerprint), run.refresh(fingerprint)):
            if item.key in queued:
                continue
            queued.add(item.key)
            batch.append(item)
            if len(batch) >= size:
                land(engine.submit(batch))
                if not submitted:
                    store.lock.add_children()  # pool workers, now started
                    submitted = True
                batch, queued = [], set()
                if run.stop:
                    break
        if batch and not run.stop:
            land(engine.submit(batch))
        if not run.stop:
            land(engine.drain())
    finally:
        engine.close()
        progress.close()
        run.order.flush()
        run.failures.flush()
    return time.perf_counter() - clock


def _stored_records(store: RecordStore, keys: Iterable[str]) -> Iterator[DocumentRecord]:
    """The stored records of ``keys``; a record that no longer validates is dropped for good."""
    for key in keys:
        try:
            yield store.get(key)
        except ValidationError:
            doc_id = store.index[key].doc_id
            store.forget(key)
            raise OutputError(
                f"{doc_id}: its stored record in {store.root} is corrupt and was dropped",
                hint="rerun to process the document again",
            ) from None


def _publish(run: _Run, pipeline: Pipeline, started: float, timing: dict[str, float]) -> None:
    """Write the collection's files as one new set and switch to it (see :mod:`.publish`).

    A run stopped by ``strict`` publishes too (the documents that landed before the stop
    joined the collection), so the manifest and the files always describe the same
    documents. The store is compacted to the collection's records afterwards.
    """
    from tnr_claims.export import write_json_atomic

    clock = time.perf_counter()
    summary, store, out = run.summary, run.store, run.out
    summary.stopped = run.stop
    order = _read_order(run.order_path)
    for item in order:
        if "status" not in item and item["key"] not in store:
            item["status"] = "pending"  # in flight when --strict stopped the run
    collection = run.collection
    collection.move_to_end(run.new)
    collection.drop_missing(store)
    collection.save(store.root)
    with OutputSet(out) as output:
        zones = ZoneTally()
        counts = write_collection(
            store,
            collection,
            output.path,
            read=lambda keys: zones.count(_stored_records(store, keys)),
        )
        summary.zones = zones.rows()
        summary.documents = counts["documents"]
        summary.claims = counts["claims"]
        summary.spans = counts["spans"]
        shutil.copyfile(run.failures_path, output.path / "failures.jsonl")
        summary.seconds = time.time() - started
        summary.timing = {
            **{name: round(value, 3) for name, value in timing.items()},
            "export_s": round(time.perf_counter() - clock, 3),
            "total_s": round(summary.seconds, 3),
        }
        if run.first_document is not None:
            summary.timing["first_document_s"] = round(run.first_document - started, 3)
        manifest = _manifest(run.options, pipeline, summary, order, started)
        manifest["warnings"] = run.warnings
        manifest["files"] = [
            {"name": name, **file_digest(output.path / name)} for name in output.names()
        ]
        write_json_atomic(manifest, output.path / "manifest.json")
        output.publish()
    store.compact(collection.keys())


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
        "command": "run",
        "removed": [],
        "counts": {
            "processed": summary.processed,
            "unchanged": summary.skipped,
            "failed": summary.failed,
            "documents": summary.documents,
            "claims": summary.claims,
            "spans": summary.spans,
            "refreshed": summary.refreshed,
        },
        "collection": {"documents": summary.documents, "fresh": options.fresh},
        "zones": summary.zones,
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
            "code_hash": info.code_hash,
            "patterns_dir": str(options.patterns_dir) if options.patterns_dir else None,
            "fingerprint": pipeline.fingerprint,
        },
        "options": {
            "force": options.force,
            "strict": options.strict,
            "max_bytes": options.max_bytes,
            "max_pages": options.max_pages,
            "follow_links": options.follow_links,
        },
        "inputs": [
            {k: item.get(k) for k in ("doc_id", "path", "format", "sha256", "n_bytes", "key")}
            | {"status": item.get("status", "ok")}
            for item in order
        ],
        "timing": {
            "started": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(started)),
            "started_unix": round(started, 3),
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
