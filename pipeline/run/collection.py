"""Collection: the documents a run folder holds, across runs.

A run folder is a collection, as researchers work: reports arrive in batches, and each
``claims run NEW_REPORTS -o DIR`` adds its documents to what ``DIR`` already holds. The
published files (``documents.jsonl``, the tables, the database, the cases) always reflect
every document of the collection, not only the last run's inputs.

The collection lives beside the record store, in ``DIR/.state/collection.jsonl``: one
line per document, in collection order (the order documents first joined), naming the
store key of its current version::

    {"doc_id": "a", "key": "...", "fingerprint": "...", "path": "in/a.txt",
     "format": "txt", "sha256": "...", "n_bytes": 1234, "meta": {...}}

- a document whose doc_id is new is appended;
- a document with a known doc_id replaces the old version in place (same position);
- ``claims remove DOC_ID`` takes it out; ``claims run --fresh`` starts the collection anew
  from the run's inputs (unchanged documents are still taken from the store).

The file is rewritten atomically when a run publishes its outputs, so a run killed before
that leaves the collection as it was. The ``fingerprint`` says which pipeline made the
stored version: a run with another pipeline reprocesses the members it was not given
again, from the text and metadata kept in the store (``meta`` holds the metadata the
document was read with, so the new key is the one its file would get).

A folder written before collections existed has no ``collection.jsonl``: its collection
is seeded from the documents its last ``manifest.json`` lists.

Every run (and every ``claims remove``) ends by publishing the whole collection
(:func:`publish`), never only the documents it was given:

1. the collection is saved, so a crash after this step is repaired by the next run,
   which publishes the same collection again;
2. the record files and tables (:func:`tnr_claims.export.write_outputs`), streamed from
   the store in collection order;
3. the cases (``incidents.jsonl`` and the case tables) from linking every record of the
   collection (:mod:`tnr_claims.cases`), so cases re-link across batches;
4. the database ``claims.duckdb`` from the Parquet files (:mod:`tnr_claims.database`);
5. the store is compacted to the collection's records when most of it is dead.

Records are streamed from the store in each step, so memory does not grow with the
number of documents (beyond the small list of members itself).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from tnr_claims.errors import ClaimsError, OutputError
from tnr_claims.records import DocumentRecord
from tnr_claims.run.store import STATE_DIR, RecordStore

COLLECTION_NAME = "collection.jsonl"
"""File name of the collection inside the store's folder (``.state``)."""


class Member(BaseModel):
    """One document of a collection: which stored record is its current version."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    doc_id: str
    key: str
    fingerprint: str
    path: str | None = None
    format: str | None = None
    sha256: str | None = None
    n_bytes: int | None = None
    meta: dict[str, Any] = {}

    def source(self) -> dict[str, Any]:
        """Where the document came from: path, format, content hash and size."""
        return {
            "path": self.path,
            "format": self.format,
            "sha256": self.sha256,
            "n_bytes": self.n_bytes,
        }


class UnknownDocumentError(ClaimsError):
    """A doc_id that is not in the collection (``claims remove``)."""


class Collection:
    """The ordered documents of one run folder (see module docstring).

    Args:
        members: The members in collection order.
    """

    def __init__(self, members: Iterable[Member] = ()) -> None:
        self._members: dict[str, Member] = {}
        for member in members:
            self.put(member)

    # ------------------------------------------------------------------ read / write

    @classmethod
    def load(cls, state_dir: str | Path) -> Collection:
        """Read ``state_dir/collection.jsonl``; seed it from the manifest when it is missing.

        Raises:
            OutputError: The file is damaged (one line naming it and what to do).
        """
        state = Path(state_dir)
        path = state / COLLECTION_NAME
        if not path.exists():
            return cls(_seed_from_manifest(state.parent / "manifest.json"))
        members = []
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                try:
                    members.append(Member.model_validate_json(line))
                except ValidationError as exc:
                    raise OutputError(
                        f"{path}:{number}: damaged collection line ({exc.errors()[0]['msg']})",
                        hint="start the folder's collection anew with `claims run --fresh`",
                    ) from exc
        return cls(members)

    def save(self, state_dir: str | Path) -> None:
        """Write the collection to ``state_dir/collection.jsonl`` atomically (fsync, rename)."""
        path = Path(state_dir) / COLLECTION_NAME
        tmp = path.with_name(f".{COLLECTION_NAME}.tmp-{os.getpid()}")
        try:
            with tmp.open("w", encoding="utf-8") as handle:
                for member in self._members.values():
                    handle.write(member.model_dump_json() + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)

    # ------------------------------------------------------------------ members

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._members

    def __len__(self) -> int:
        return len(self._members)

    def __iter__(self) -> Iterator[Member]:
        return iter(list(self._members.values()))

    def get(self, doc_id: str) -> Member | None:
        """The member with ``doc_id``, or None."""
        return self._members.get(doc_id)

    def put(self, member: Member) -> None:
        """Add a document, or replace the version of a known doc_id where it stands."""
        self._members[member.doc_id] = member

    def remove(self, doc_ids: Iterable[str], *, folder: str | None = None) -> list[str]:
        """Take documents out; all or nothing. ``folder`` names the run folder in errors.

        Raises:
            UnknownDocumentError: One of ``doc_ids`` is not a member (nothing is removed).
        """
        ids = list(dict.fromkeys(doc_ids))
        where = f" -o {folder}" if folder else ""
        for doc_id in ids:
            if doc_id not in self._members:
                raise UnknownDocumentError(
                    f"{doc_id!r} is not a document of {folder or 'the collection'}",
                    hint=f'`claims query "SELECT doc_id FROM documents"{where}` lists them',
                    reason="unknown_doc_id",
                )
        for doc_id in ids:
            del self._members[doc_id]
        return ids

    def move_to_end(self, ranks: dict[str, int]) -> None:
        """Put the members named in ``ranks`` last, by rank; the others keep their order.

        A run joins new documents as they finish, which engines do out of order; this puts
        them back in input order.
        """
        for doc_id in sorted((d for d in ranks if d in self._members), key=ranks.__getitem__):
            self._members[doc_id] = self._members.pop(doc_id)

    def drop_missing(self, store: RecordStore) -> list[str]:
        """Take out members whose record is not in ``store`` (seeded, or dropped as corrupt)."""
        gone = [doc_id for doc_id, member in self._members.items() if member.key not in store]
        for doc_id in gone:
            del self._members[doc_id]
        return gone

    def keys(self) -> list[str]:
        """The store keys of the current versions, in collection order."""
        return [member.key for member in self._members.values()]

    def sources(self) -> dict[str, dict[str, Any]]:
        """doc_id -> where the document came from (for the documents table)."""
        return {doc_id: member.source() for doc_id, member in self._members.items()}


def _seed_from_manifest(path: Path) -> list[Member]:
    """The documents of a folder written before collections: its last run's inputs."""
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        fingerprint = str(manifest["pipeline"]["fingerprint"])
        inputs = list(manifest["inputs"])
    except (OSError, ValueError, KeyError, TypeError):
        return []
    members = []
    for item in inputs:
        if not isinstance(item, dict) or item.get("status", "ok") != "ok" or not item.get("key"):
            continue
        try:
            members.append(Member.model_validate({**item, "fingerprint": fingerprint}))
        except ValidationError:
            continue
    return members


# --------------------------------------------------------------------------- publish


def _write_cases(
    read: Callable[[Sequence[str]], Iterable[DocumentRecord]], keys: Sequence[str], out: Path
) -> None:
    """Link the collection's claims into cases and write the case files."""
    from tnr_claims.cases import link, write_links

    write_links(link(read(keys)), out)


def write_collection(
    store: RecordStore,
    collection: Collection,
    folder: str | Path,
    *,
    read: Callable[[Sequence[str]], Iterable[DocumentRecord]] | None = None,
) -> dict[str, int]:
    """Write the collection's files into ``folder``: records, tables, cases, database.

    Records are streamed from the store (once for the files, once for linking).

    Args:
        store: The folder's record store.
        collection: The documents to write, in order.
        folder: Where to write.
        read: Reads the records of some keys, lazily (default ``store.records``).

    Returns:
        Counts of ``documents``, ``claims`` and ``spans`` written.
    """
    from tnr_claims.database import build_database
    from tnr_claims.export import write_outputs

    read = read or store.records
    keys = collection.keys()
    counts = write_outputs(read(keys), folder, sources=collection.sources())
    _write_cases(read, keys, Path(folder))
    build_database(folder)
    return counts


def publish(
    store: RecordStore,
    collection: Collection,
    out_dir: str | Path,
    *,
    manifest: dict[str, Any],
) -> dict[str, int]:
    """Save ``collection`` and publish every output of ``out_dir`` from it as one set.

    Members whose record is no longer in the store are dropped first. The files are written
    into a fresh :class:`~tnr_claims.run.publish.OutputSet` (the folder's current
    ``failures.jsonl`` is carried over) with ``manifest`` last, naming every file with its
    digest, and switched in by one rename; the store is compacted afterwards. (``claims run``
    publishes the same way in :mod:`tnr_claims.run.batch`, with its own manifest.)

    Returns:
        Counts of ``documents``, ``claims`` and ``spans`` written.
    """
    import shutil

    from tnr_claims.export import write_json_atomic
    from tnr_claims.run.publish import OutputSet, file_digest

    out = Path(out_dir)
    collection.drop_missing(store)
    collection.save(store.root)
    with OutputSet(out) as output:
        counts = write_collection(store, collection, output.path)
        failures = out / "failures.jsonl"
        if failures.is_file():
            shutil.copyfile(failures, output.path / "failures.jsonl")
        manifest["files"] = [
            {"name": name, **file_digest(output.path / name)} for name in output.names()
        ]
        manifest["counts"] = {**manifest.get("counts", {}), **counts}
        manifest["collection"] = {
            **manifest.get("collection", {}),
            "documents": counts["documents"],
        }
        write_json_atomic(manifest, output.path / "manifest.json")
        output.publish()
    store.compact(collection.keys())
    return counts


@dataclass
class RemoveSummary:
    """What ``claims remove`` did."""

    out_dir: str
    removed: list[str]
    documents: int
    claims: int
    spans: int

    def describe(self) -> str:
        """One human line for the end of ``claims remove``."""
        return (
            f"removed {', '.join(self.removed)}: {self.documents} documents left in "
            f"{self.out_dir}, {self.claims} claims, {self.spans} spans"
        )


def remove_documents(out_dir: str | Path, doc_ids: Iterable[str]) -> RemoveSummary:
    """Take ``doc_ids`` out of ``out_dir``'s collection and publish it again.

    All or nothing: an unknown doc_id changes nothing.

    Raises:
        OutputError: ``out_dir`` holds no collection.
        UnknownDocumentError: A doc_id is not in the collection.
    """
    out = Path(out_dir)
    if not (out / STATE_DIR).is_dir():
        raise OutputError(
            f"{out} holds no run (no {STATE_DIR} folder)",
            hint="pass the run folder with -o",
        )
    with RecordStore(out) as store:
        collection = Collection.load(store.root)
        removed = collection.remove(doc_ids, folder=str(out))
        manifest = _read_manifest(out / "manifest.json")
        manifest["command"] = "remove"
        manifest["removed"] = removed
        counts = publish(store, collection, out, manifest=manifest)
    return RemoveSummary(str(out), removed, counts["documents"], counts["claims"], counts["spans"])


def _read_manifest(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


__all__ = [
    "COLLECTION_NAME",
    "Collection",
    "Member",
    "RemoveSummary",
    "UnknownDocumentError",
    "publish",
    "remove_documents",
    "write_collection",
]
