"""Store: the crash-safe, append-only cache of finished documents behind ``claims run``.

A run keeps its intermediate results in ``OUT/.state/``::

    OUT/.state/
        lock                 flock()ed while a run uses the folder; names its holders (lock.py)
        index.jsonl          one line per stored record: key, doc_id, segment, offset, length, crc
        seg-<run>.jsonl      append-only segment files: one stored record per line

A **segment line** is ``{"key": ..., "doc_id": ..., "path": ..., "record": {DocumentRecord}}``.
Each run appends to a fresh segment file, so a segment torn by a crash is never written
to again. Records are written per batch in this order: segment lines, flush and fsync,
then their index lines, flush and fsync. The index is therefore never ahead of the data;
when a run dies between the two steps, the batch's records are simply not indexed and
are processed again by the next run.

On opening, a torn last index line (a run killed while writing it) is cut off; index
entries pointing past the end of their segment are ignored; when several entries share
a key, the last one wins. When the index is missing but segments exist, it is rebuilt by
scanning the segments (:meth:`RecordStore.rebuild_index`). A stored line whose CRC-32 no
longer matches its index entry (a corrupt record) is dropped (:meth:`RecordStore.intact`)
and its document processed again.

The **key** of a document (:func:`record_key`) is a SHA-256 over the pipeline's
fingerprint, the doc_id, the text and the metadata, so a stored record is reused exactly
when the same pipeline would produce it again.

The store only grows while a run goes on; :meth:`RecordStore.compact` rewrites it to the
records still in use when more than half of its bytes are dead.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import time
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pydantic import BaseModel, ConfigDict

from tnr_claims.errors import OutputError
from tnr_claims.records import DocumentRecord
from tnr_claims.run.lock import FolderLock

STATE_DIR = ".state"
"""Name of the store's folder inside the output folder."""
INDEX_NAME = "index.jsonl"


def record_key(fingerprint: str, doc_id: str, text: str, meta: dict[str, Any]) -> str:
    """The store key of a document: SHA-256 of fingerprint, doc_id, text and metadata."""
    digest = hashlib.sha256()
    for part in (
        fingerprint,
        doc_id,
        json.dumps(meta, sort_keys=True, ensure_ascii=False, default=str),
    ):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class StoredRecord(BaseModel):
    """One segment line: the record and what it is stored under."""

    model_config = ConfigDict(extra="ignore")

    key: str
    doc_id: str
    path: str | None = None
    record: DocumentRecord


def stored_line(*, key: str, doc_id: str, path: str | None, record_json: str) -> bytes:
    """Serialise one segment line from an already serialised record (no re-encoding)."""
    head = json.dumps({"key": key, "doc_id": doc_id, "path": path}, ensure_ascii=False)
    return (head[:-1] + ', "record": ' + record_json + "}\n").encode("utf-8")


@dataclass(frozen=True)
class Entry:
    """Where a stored record lives: segment file name, byte offset and length."""

    doc_id: str
    segment: str
    offset: int
    length: int
    crc: int | None = None


class RecordStore:
    """The append-only record store of one output folder (see module docstring).

    Use as a context manager: entering takes the folder's lock (another run on the same
    folder gets an :class:`~tnr_claims.errors.OutputError`) and loads the index.

    Args:
        out_dir: The run's output folder; the store lives in ``out_dir/.state``.
        fsync: fsync segment and index after every batch (survives power loss, not only
            a killed process).
    """

    def __init__(self, out_dir: str | Path, *, fsync: bool = True) -> None:
        self.root = Path(out_dir) / STATE_DIR
        self.fsync = fsync
        self.index: dict[str, Entry] = {}
        self.lock = FolderLock(self.root)
        self._segment: IO[bytes] | None = None
        self._segment_name: str | None = None
        self._index_handle: IO[bytes] | None = None
        self._readers: dict[str, IO[bytes]] = {}

    # ------------------------------------------------------------------ open / close

    def __enter__(self) -> RecordStore:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def open(self) -> None:
        """Take the lock, repair a torn index tail and load the index."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(
                f"cannot write the run state in {self.root} ({exc.strerror})",
                hint="check the output folder's permissions or pass another -o",
            ) from exc
        self.lock.acquire()
        index_path = self.root / INDEX_NAME
        if not index_path.exists() and any(self.root.glob("seg-*.jsonl")):
            self.rebuild_index()
        self._load_index()

    def close(self) -> None:
        """Close every file and release the lock."""
        for handle in (self._segment, self._index_handle, *self._readers.values()):
            if handle is not None:
                handle.close()
        self._segment = self._index_handle = None
        self._readers = {}
        self.lock.release()

    def _load_index(self) -> None:
        path = self.root / INDEX_NAME
        self.index = {}
        if not path.exists():
            return
        sizes: dict[str, int] = {}
        with path.open("rb+") as handle:
            data = handle.read()
            end = data.rfind(b"\n") + 1
            if end < len(data):
                handle.truncate(end)
        for line in data[:end].splitlines():
            try:
                item = json.loads(line)
                if item.get("drop"):
                    self.index.pop(item["key"], None)
                    continue
                crc = item.get("crc")
                entry = Entry(
                    item["doc_id"],
                    item["segment"],
                    int(item["offset"]),
                    int(item["length"]),
                    None if crc is None else int(crc),
                )
            except (ValueError, KeyError, TypeError):
                continue
            if entry.segment not in sizes:
                seg = self.root / entry.segment
                sizes[entry.segment] = seg.stat().st_size if seg.exists() else -1
            if entry.offset + entry.length <= sizes[entry.segment]:
                self.index[item["key"]] = entry

    def rebuild_index(self) -> int:
        """Write the index anew from the segment files (complete lines only); return entries."""
        entries: dict[str, Entry] = {}
        for seg in sorted(self.root.glob("seg-*.jsonl"), key=lambda p: p.stat().st_mtime):
            offset = 0
            with seg.open("rb") as handle:
                for line in handle:
                    if line.endswith(b"\n"):
                        try:
                            head = json.loads(line)
                            entries[head["key"]] = Entry(
                                head["doc_id"], seg.name, offset, len(line), zlib.crc32(line)
                            )
                        except (ValueError, KeyError, TypeError):
                            pass
                    offset += len(line)
        tmp = self.root / f".{INDEX_NAME}.tmp"
        with tmp.open("wb") as handle:
            for key, entry in entries.items():
                handle.write(_index_line(key, entry))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.root / INDEX_NAME)
        return len(entries)

    # ------------------------------------------------------------------ read

    def __contains__(self, key: str) -> bool:
        return key in self.index

    def read_line(self, key: str) -> bytes:
        """The raw segment line stored under ``key``."""
        entry = self.index[key]
        handle = self._readers.get(entry.segment)
        if handle is None:
            handle = self._readers[entry.segment] = (self.root / entry.segment).open("rb")
        handle.seek(entry.offset)
        return handle.read(entry.length)

    def intact(self, key: str) -> bool:
        """True when the line stored under ``key`` is whole (its CRC-32, or its key if no CRC)."""
        try:
            line = self.read_line(key)
        except OSError:
            return False
        entry = self.index[key]
        if entry.crc is not None:
            return zlib.crc32(line) == entry.crc
        try:
            return json.loads(line).get("key") == key
        except (ValueError, AttributeError):
            return False

    def forget(self, key: str) -> None:
        """Drop ``key`` for good (a tombstone line in the index): it is processed again."""
        self.index.pop(key, None)
        self._open_segment()
        assert self._index_handle is not None
        _write_all(self._index_handle, (json.dumps({"key": key, "drop": True}) + "\n").encode())

    def get(self, key: str) -> DocumentRecord:
        """The record stored under ``key`` (validated)."""
        if self._segment is not None:
            self._segment.flush()
        return StoredRecord.model_validate_json(self.read_line(key)).record

    def records(self, keys: Iterable[str]) -> Iterator[DocumentRecord]:
        """The records stored under ``keys``, lazily, in the order given."""
        for key in keys:
            yield self.get(key)

    # ------------------------------------------------------------------ write

    def _open_segment(self) -> IO[bytes]:
        if self._segment is None:
            self._segment_name = _segment_name("run")
            # unbuffered: a failed write (full disk) leaves nothing queued to retry at close
            self._segment = (self.root / self._segment_name).open("ab", buffering=0)
            self._index_handle = (self.root / INDEX_NAME).open("ab", buffering=0)
        return self._segment

    def append(self, items: Iterable[tuple[str, str, str | None, str]]) -> int:
        """Store a batch of ``(key, doc_id, path, record_json)``; data first, then index.

        Returns the number of records written.
        """
        segment = self._open_segment()
        assert self._index_handle is not None and self._segment_name is not None
        offset = segment.tell()
        new: list[tuple[str, Entry]] = []
        chunks: list[bytes] = []
        for key, doc_id, path, record_json in items:
            line = stored_line(key=key, doc_id=doc_id, path=path, record_json=record_json)
            chunks.append(line)
            entry = Entry(doc_id, self._segment_name, offset, len(line), zlib.crc32(line))
            new.append((key, entry))
            offset += len(line)
        if not new:
            return 0
        start = segment.tell()
        try:
            _write_all(segment, b"".join(chunks))
            if self.fsync:
                os.fsync(segment.fileno())
            index_start = self._index_handle.tell()
            _write_all(self._index_handle, b"".join(_index_line(k, e) for k, e in new))
            if self.fsync:
                os.fsync(self._index_handle.fileno())
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                self._cut_back(start, locals().get("index_start"))
            raise
        self.index.update(new)
        return len(new)

    def _cut_back(self, segment_end: int, index_end: int | None) -> None:
        """After a failed write (full disk): cut the partial batch off segment and index."""
        for handle, end in ((self._segment, segment_end), (self._index_handle, index_end)):
            if handle is None or end is None:
                continue
            with contextlib.suppress(OSError):
                handle.truncate(end)
                handle.seek(end)

    def live_bytes(self) -> int:
        """Bytes of the records the index points to (an estimate of the outputs' size)."""
        return sum(entry.length for entry in self.index.values())

    # ------------------------------------------------------------------ maintenance

    def compact(
        self, keep: Iterable[str], *, min_bytes: int = 1 << 20, force: bool = False
    ) -> bool:
        """Rewrite the store to the records of ``keep`` when more than half its bytes are dead.

        Crash-safe: the new segment and index are written under temporary names, the index
        is swapped in by an atomic rename, and only then are the old segments deleted (a
        crash before the rename leaves the old store intact; after it, stale segments are
        removed by the next compaction). Returns True when the store was rewritten.
        """
        keep_set = [key for key in dict.fromkeys(keep) if key in self.index]
        total = sum(p.stat().st_size for p in self.root.glob("seg-*.jsonl"))
        live = sum(self.index[key].length for key in keep_set)
        if not force and (total < min_bytes or live * 2 > total):
            return False
        try:
            self._rewrite(keep_set)
        except OSError as exc:
            if exc.errno not in (errno.ENOSPC, errno.EDQUOT):
                raise
            return False  # compaction only saves space; the store stays as it was
        return True

    def _rewrite(self, keep_set: list[str]) -> None:
        """Copy the records of ``keep_set`` into one new segment and swap the index."""
        if self._segment is not None:
            self._segment.flush()
        name = _segment_name("compact")
        new_index: dict[str, Entry] = {}
        tmp = self.root / f".{INDEX_NAME}.tmp"
        try:
            self._write_compacted(name, keep_set, new_index, tmp)
        except OSError:
            (self.root / name).unlink(missing_ok=True)
            tmp.unlink(missing_ok=True)
            raise
        self._swap_index(name, new_index, tmp)

    def _write_compacted(
        self, name: str, keep_set: list[str], new_index: dict[str, Entry], tmp: Path
    ) -> None:
        with (self.root / name).open("wb") as seg:
            offset = 0
            for key in keep_set:
                line = self.read_line(key)
                seg.write(line)
                new_index[key] = Entry(
                    self.index[key].doc_id, name, offset, len(line), zlib.crc32(line)
                )
                offset += len(line)
            seg.flush()
            os.fsync(seg.fileno())
        with tmp.open("wb") as handle:
            for key, entry in new_index.items():
                handle.write(_index_line(key, entry))
            handle.flush()
            os.fsync(handle.fileno())

    def _swap_index(self, name: str, new_index: dict[str, Entry], tmp: Path) -> None:
        for handle in (self._segment, self._index_handle, *self._readers.values()):
            if handle is not None:
                handle.close()
        self._segment = self._index_handle = self._segment_name = None
        self._readers = {}
        os.replace(tmp, self.root / INDEX_NAME)
        self.index = new_index
        for seg_path in self.root.glob("seg-*.jsonl"):
            if seg_path.name != name:
                seg_path.unlink(missing_ok=True)


def _write_all(handle: IO[bytes], data: bytes) -> None:
    """Write all of ``data`` to an unbuffered file (raw writes may be partial)."""
    view = memoryview(data)
    while view:
        written = handle.write(view)
        view = view[written or 0 :]


def _segment_name(kind: str) -> str:
    stamp = time.strftime("%Y%m%dT%H%M%S")
    return f"seg-{stamp}-{os.getpid()}-{kind}-{os.urandom(3).hex()}.jsonl"


def _index_line(key: str, entry: Entry) -> bytes:
    return (
        json.dumps(
            {
                "key": key,
                "doc_id": entry.doc_id,
                "segment": entry.segment,
                "offset": entry.offset,
                "length": entry.length,
                "crc": entry.crc,
            },
            ensure_ascii=False,
        )
        + "\n"
    ).encode("utf-8")


__all__ = ["STATE_DIR", "Entry", "RecordStore", "StoredRecord", "record_key", "stored_line"]
