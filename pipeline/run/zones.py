"""Zone counts of a run: how much text each zone kind took, for ``manifest.json``.

Text zoned as references, boilerplate or captions never yields claims, so a zone rule
that fires where it should not silently costs claims. The manifest's ``zones`` entry makes
that visible: a row per zone kind with the segments, characters and sentences it holds, and the
claims made in it (only ``body`` makes claims), summed over the run's documents.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from tnr_claims.records import DocumentRecord


@dataclass
class ZoneTally:
    """Counts per zone kind, filled while records stream past (:meth:`count`)."""

    kinds: dict[str, dict[str, int]] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)
    """Documents counted: a document is counted once, however often records stream past
    (the publisher reads them once for the files and once for linking)."""

    def add(self, record: DocumentRecord) -> None:
        """Add one document's segments, characters, sentences and claims per zone kind."""
        if record.doc_id in self.seen:
            return
        self.seen.add(record.doc_id)
        segments = sorted(record.segments, key=lambda s: s.start)
        starts = [segment.start for segment in segments]
        for segment in segments:
            entry = self._entry(segment.kind)
            entry["segments"] += 1
            entry["chars"] += segment.end - segment.start
        for field_name, offsets in (
            ("sentences", [start for start, _ in record.sentences]),
            ("claims", [claim.start for claim in record.claims]),
        ):
            for offset in offsets:
                index = bisect_right(starts, offset) - 1
                inside = index >= 0 and offset < segments[index].end
                self._entry(segments[index].kind if inside else "none")[field_name] += 1

    def count(self, records: Iterable[DocumentRecord]) -> Iterator[DocumentRecord]:
        """Pass ``records`` through unchanged, counting each (for a streaming writer)."""
        for record in records:
            self.add(record)
            yield record

    def rows(self) -> list[dict[str, Any]]:
        """One row per zone kind (``kind``, ``segments``, ``chars``, ``sentences``,
        ``claims``), kinds in alphabetical order, as the manifest lists them."""
        return [{"kind": kind, **self.kinds[kind]} for kind in sorted(self.kinds)]

    def _entry(self, kind: str) -> dict[str, int]:
        if kind not in self.kinds:
            self.kinds[kind] = {"segments": 0, "chars": 0, "sentences": 0, "claims": 0}
        return self.kinds[kind]


__all__ = ["ZoneTally"]
