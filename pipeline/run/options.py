"""What a run is told and what it reports: :class:`RunOptions` and :class:`RunSummary`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tnr_claims.text.chunking import DEFAULT_MAX_CHARS

DEFAULT_PARTITION_SIZE = 32
"""Documents per Dask task."""


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
    fresh: bool = False
    """Start the folder's collection anew from these inputs (default: add to it)."""
    strict: bool = False
    max_bytes: int = 20_000_000
    """Input files larger than this are refused; it also bounds the text of a PDF."""
    max_pages: int = 500
    """Pages read from one PDF at most (the rest is dropped with a warning)."""
    follow_links: bool = False
    """Follow symbolic links out of the input folders (not followed by default)."""
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
    refreshed: int = 0
    """Documents of the collection not given this run, reprocessed for a new pipeline."""
    documents: int = 0
    claims: int = 0
    spans: int = 0
    chars_processed: int = 0
    seconds: float = 0.0
    timing: dict[str, float] = field(default_factory=dict)
    scheduler: str | None = None
    zones: list[dict[str, Any]] = field(default_factory=list)
    """A row per zone kind: segments, chars, sentences and claims of the published documents."""
    stopped: bool = False
    """True when ``strict`` stopped the run at a failure (outputs hold the documents before it)."""

    def describe(self) -> str:
        """One human line for the end of ``claims run``."""
        text = (
            f"{self.documents} documents in {self.out_dir} ({self.processed} processed, "
            f"{self.skipped} unchanged, {self.failed} failed): {self.claims} claims, "
            f"{self.spans} spans in {self.seconds:.1f} s, engine {self.engine}"
        )
        if self.refreshed:
            text += (
                f"; {self.refreshed} earlier documents of the folder reprocessed "
                "for the changed pipeline"
            )
        if self.stopped:
            text += "; stopped at the first failure (--strict): outputs hold documents before it"
        if self.failed:
            text += f"; see {Path(self.out_dir) / 'failures.jsonl'}"
        return text
