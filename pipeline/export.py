"""Export: records to the output files, streamed with flat memory.

Files written into the output folder (each written to a temporary name and moved into
place, so a reader never sees half a file):

``documents.jsonl``
    One line per document in exactly the gold format (``gold-format.md``): any
    gold-format scorer can read it.
``records.jsonl``
    The full :class:`~tnr_claims.records.DocumentRecord` per line, provenance included.
``claims.parquet`` / ``claims.csv``
    One row per claim, with the document's ``url``, ``title``, ``publisher`` and
    ``published`` date and the claim's ``year`` (:func:`claim_year`); list fields are lists
    in Parquet and ``;``-joined in CSV. CSV cells are neutralised against spreadsheet
    formula injection (:func:`safe_csv_cell`).
``spans.parquet`` / ``spans.csv``
    One row per span with its normalised fields and provenance.
``documents.parquet``
    One row per document: where it came from (path, format, content hash, when the
    caller passes ``sources``), its size, counts, title, publisher, publication date and
    url, metadata as a JSON string, warnings and text. The database
    (:mod:`tnr_claims.database`) loads it as its ``documents`` table.
Every column is documented in ``DATASET.md`` (``claims docs``); a test keeps the two equal.

``manifest.json``
    Written by the caller (:mod:`tnr_claims.run.batch`) with :func:`write_json_atomic`.

``claims run`` writes these files into a fresh output set that replaces the previous one
as a whole (:mod:`tnr_claims.run.publish`); a new output file only has to be written into
the folder it is given to be part of the set.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from tnr_claims.codebook import METHOD_CATEGORIES
from tnr_claims.records import DocumentRecord, gold_dict

OUTPUT_FILES: tuple[str, ...] = (
    "documents.jsonl",
    "records.jsonl",
    "claims.parquet",
    "claims.csv",
    "spans.parquet",
    "spans.csv",
    "documents.parquet",
)
"""Files :func:`write_outputs` writes (the run adds ``manifest.json``, ``failures.jsonl``)."""

CLAIM_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "claim_id",
    "start",
    "end",
    "type",
    "methods",
    "method_categories",
    "locations",
    "legal_refs",
    "targets",
    "source",
    "hedged",
    "negated",
    "dates",
    "quantities",
    "year",
    "year_from",
    "text",
    "title",
    "publisher",
    "published",
    "url",
    "type_rule",
    "source_rule",
    "pattern_ids",
    "cues",
    "pipeline_version",
    "perpetrator_states",
    "host_states",
    "host_role",
    "dyad_rules",
)
SPAN_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "span_id",
    "start",
    "end",
    "label",
    "text",
    "code",
    "variant",
    "instrument",
    "article",
    "jurisdiction",
    "name",
    "value",
    "zone",
    "source",
    "pattern_id",
    "model_label",
)
DOCUMENT_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "path",
    "format",
    "sha256",
    "n_bytes",
    "n_chars",
    "n_spans",
    "n_claims",
    "title",
    "publisher",
    "published",
    "url",
    "meta",
    "warnings",
    "pipeline_version",
    "text",
)
_LIST_COLUMNS = frozenset(
    {
        "methods",
        "method_categories",
        "locations",
        "legal_refs",
        "targets",
        "dates",
        "quantities",
        "perpetrator_states",
        "host_states",
        "dyad_rules",
        "pattern_ids",
        "cues",
    }
)

_INT_COLUMNS = frozenset({"start", "end", "year"})
_BOOL_COLUMNS = frozenset({"hedged", "negated"})

_YEAR = re.compile(r"^\s*(\d{4})(?:$|[-T\s/W])")
PUBLISHED_KEYS: tuple[str, ...] = ("published", "date_published", "published_date", "date")
"""``meta`` keys that hold the publication date, in order of preference."""
PUBLISHER_KEYS: tuple[str, ...] = ("publisher", "sitename")
"""``meta`` keys that name the publisher (``SOURCES.tsv``, then the HTML site name)."""


def value_year(value: object) -> int | None:
    """The year of an ISO 8601 value, or ``None`` when it has none.

    >>> [value_year(v) for v in ("2016-03", "--10-03", "2023-W39", "2019", "soon", None)]
    [2016, None, 2023, 2019, None, None]
    """
    if not isinstance(value, str):
        return None
    match = _YEAR.match(value)
    return int(match.group(1)) if match else None


def _first_meta(meta: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    """The first non-empty text value of ``meta`` under ``keys``."""
    for key in keys:
        value = meta.get(key)
        if value is not None and str(value).strip():
            return str(value).strip()
    return None


def claim_year(dates: Iterable[str], published: str | None) -> tuple[int | None, str | None]:
    """The year a claim is counted under, and where it came from.

    The earliest year among the claim's own DATE values (``"claim"``); else the year of
    the document's publication date (``"published"``); else ``(None, None)``.

    >>> claim_year(["--10-03", "2016-03", "2014"], "2020-01-02")
    (2014, 'claim')
    >>> claim_year(["--10-03"], "2020-01-02")
    (2020, 'published')
    >>> claim_year([], None)
    (None, None)
    """
    years = [year for year in map(value_year, dates) if year is not None]
    if years:
        return min(years), "claim"
    year = value_year(published)
    return (year, "published") if year is not None else (None, None)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_csv_cell(value: Any) -> Any:
    """Neutralise a CSV cell a spreadsheet would run as a formula.

    Cells starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return are meant.

    The cell is prefixed with a single quote, as OWASP recommends; numbers are left alone.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def claim_rows(record: DocumentRecord) -> Iterator[dict[str, Any]]:
    """One flat row per claim of ``record``, with the document's source columns."""
    meta = record.meta or {}
    published = _first_meta(meta, PUBLISHED_KEYS)
    source = {
        "title": _first_meta(meta, ("title",)),
        "publisher": _first_meta(meta, PUBLISHER_KEYS),
        "published": published,
        "url": _first_meta(meta, ("url",)),
    }
    for index, claim in enumerate(record.claims):
        year, year_from = claim_year(claim.dates, published)
        yield {
            "doc_id": record.doc_id,
            "claim_id": f"{record.doc_id}#c{index}",
            "start": claim.start,
            "end": claim.end,
            "type": claim.type,
            "methods": list(claim.methods),
            "method_categories": sorted({METHOD_CATEGORIES[m] for m in claim.methods}),
            "locations": list(claim.locations),
            "legal_refs": list(claim.legal_refs),
            "targets": list(claim.targets),
            "source": claim.source,
            "hedged": claim.hedged,
            "negated": claim.negated,
            "dates": list(claim.dates),
            "quantities": list(claim.quantities),
            "year": year,
            "year_from": year_from,
            "text": claim.text,
            **source,
            "type_rule": claim.provenance.type_rule,
            "source_rule": claim.provenance.source_rule,
            "pattern_ids": list(claim.provenance.pattern_ids),
            "cues": [f"{c.kind}:{c.text}" for c in claim.cues],
            "pipeline_version": claim.provenance.pipeline_version,
            "perpetrator_states": list(claim.perpetrator_states),
            "host_states": list(claim.host_states),
            "host_role": claim.host_role,
            "dyad_rules": list(claim.provenance.dyad_rules),
        }


def span_rows(record: DocumentRecord) -> Iterator[dict[str, Any]]:
    """One flat row per span of ``record`` (values as strings so the column has one type)."""
    for index, span in enumerate(record.spans):
        yield {
            "doc_id": record.doc_id,
            "span_id": f"{record.doc_id}#s{index}",
            "start": span.start,
            "end": span.end,
            "label": span.label,
            "text": span.text,
            "code": span.code,
            "variant": span.variant,
            "instrument": span.instrument,
            "article": span.article,
            "jurisdiction": span.jurisdiction,
            "name": span.name,
            "value": None if span.value is None else str(span.value),
            "zone": span.zone,
            "source": span.provenance.source,
            "pattern_id": span.provenance.pattern_id,
            "model_label": span.provenance.model_label,
        }


def document_row(record: DocumentRecord, source: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """One flat row for ``record``; ``source`` gives its path, format, sha256 and n_bytes."""
    source = source or {}
    meta = record.meta
    return {
        "doc_id": record.doc_id,
        "path": source.get("path"),
        "format": source.get("format"),
        "sha256": source.get("sha256"),
        "n_bytes": source.get("n_bytes"),
        "n_chars": len(record.text),
        "n_spans": len(record.spans),
        "n_claims": len(record.claims),
        "title": _first_meta(meta, ("title",)),
        "publisher": _first_meta(meta, PUBLISHER_KEYS),
        "published": _first_meta(meta, PUBLISHED_KEYS),
        "url": _first_meta(meta, ("url",)),
        "meta": json.dumps(meta, ensure_ascii=False, sort_keys=True, default=str),
        "warnings": list(record.warnings),
        "pipeline_version": record.pipeline.version,
        "text": record.text,
    }


_DOCUMENT_INT_COLUMNS = frozenset({"n_bytes", "n_chars", "n_spans", "n_claims"})

DOCUMENT_SCHEMA = pa.schema(
    [
        pa.field(
            name,
            pa.list_(pa.string())
            if name == "warnings"
            else pa.int64()
            if name in _DOCUMENT_INT_COLUMNS
            else pa.string(),
        )
        for name in DOCUMENT_COLUMNS
    ]
)
CLAIM_SCHEMA = pa.schema(
    [
        pa.field(name, pa.list_(pa.int64()) if name == "quantities" else pa.list_(pa.string()))
        if name in _LIST_COLUMNS
        else pa.field(
            name,
            pa.int64()
            if name in _INT_COLUMNS
            else pa.bool_()
            if name in _BOOL_COLUMNS
            else pa.string(),
        )
        for name in CLAIM_COLUMNS
    ]
)
SPAN_SCHEMA = pa.schema(
    [
        pa.field(name, pa.int64() if name in ("start", "end") else pa.string())
        for name in SPAN_COLUMNS
    ]
)


CSV_LIST_SEPARATOR = ";"
"""How list cells are joined in the CSV files (Parquet keeps real lists)."""


def csv_row(row: dict[str, Any]) -> dict[str, Any]:
    """A table row as CSV cells: lists joined by ``;``, formula-like cells neutralised.

    Only the cells that change are rebuilt (most are numbers, short words or empty)."""
    out = row.copy()
    for key, value in row.items():
        if isinstance(value, list):
            out[key] = safe_csv_cell(CSV_LIST_SEPARATOR.join(map(str, value)))
        elif isinstance(value, str) and value.startswith(_FORMULA_START):
            out[key] = "'" + value
    return out


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary sibling of ``path``; move it into place only if the block succeeds."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_json_atomic(data: Any, path: str | Path) -> None:
    """Write JSON to ``path`` atomically (temporary file, fsync, rename)."""
    path = Path(path)
    with atomic_path(path) as tmp:
        with tmp.open("w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=2, default=str)
            handle.flush()
            os.fsync(handle.fileno())


def arrow_table(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    """``rows`` (JSON-like dicts) as an Arrow table of ``schema``, through Arrow's JSON reader.

    ``pa.Table.from_pylist`` gives the same table but imports pandas on first use (a
    quarter of a second of every run's start-up); the JSON reader does not.
    """
    import io

    from pyarrow import json as pa_json

    if not rows:
        return schema.empty_table()
    data = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode("utf-8")
    return pa_json.read_json(
        io.BytesIO(data),
        read_options=pa_json.ReadOptions(block_size=len(data) + 1),
        parse_options=pa_json.ParseOptions(
            explicit_schema=schema, unexpected_field_behavior="error"
        ),
    )


class _ParquetSink:
    """Streams rows into a Parquet file in row groups of ``chunk`` rows."""

    def __init__(self, path: Path, schema: pa.Schema, chunk: int = 5000) -> None:
        self.schema = schema
        self.writer = pq.ParquetWriter(path, schema)
        self.rows: list[dict[str, Any]] = []
        self.chunk = chunk

    def add(self, rows: Iterable[dict[str, Any]]) -> None:
        self.rows.extend(rows)
        if len(self.rows) >= self.chunk:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self.writer.write_table(arrow_table(self.rows, self.schema))
            self.rows = []

    def close(self) -> None:
        self.flush()
        self.writer.close()


def write_outputs(
    records: Iterable[DocumentRecord],
    out_dir: str | Path,
    *,
    sources: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, int]:
    """Stream ``records`` into the output files of ``out_dir``; return counts.

    Memory stays flat: each record is written to every file as it arrives (Parquet in
    row groups). All files appear at once, at the end, by atomic renames.

    Args:
        records: The records, in the order the files list them.
        out_dir: The folder to write into.
        sources: doc_id -> ``path``, ``format``, ``sha256``, ``n_bytes`` of the document's
            input, for ``documents.parquet`` (left empty when not given).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    counts = {"documents": 0, "claims": 0, "spans": 0}
    names = list(OUTPUT_FILES)
    tmp = {name: out / f".{name}.tmp-{os.getpid()}" for name in names}
    try:
        with (
            tmp["documents.jsonl"].open("w", encoding="utf-8") as documents,
            tmp["records.jsonl"].open("w", encoding="utf-8") as full,
            tmp["claims.csv"].open("w", encoding="utf-8", newline="") as csv_handle,
            tmp["spans.csv"].open("w", encoding="utf-8", newline="") as spans_csv_handle,
        ):
            claims_pq = _ParquetSink(tmp["claims.parquet"], CLAIM_SCHEMA)
            spans_pq = _ParquetSink(tmp["spans.parquet"], SPAN_SCHEMA)
            documents_pq = _ParquetSink(tmp["documents.parquet"], DOCUMENT_SCHEMA, chunk=500)
            writer = csv.DictWriter(csv_handle, fieldnames=list(CLAIM_COLUMNS))
            writer.writeheader()
            spans_writer = csv.DictWriter(spans_csv_handle, fieldnames=list(SPAN_COLUMNS))
            spans_writer.writeheader()
            for record in records:
                documents.write(json.dumps(gold_dict(record), ensure_ascii=False) + "\n")
                full.write(record.model_dump_json() + "\n")
                rows = list(claim_rows(record))
                claims_pq.add(rows)
                writer.writerows(map(csv_row, rows))
                spans = list(span_rows(record))
                spans_pq.add(spans)
                spans_writer.writerows(map(csv_row, spans))
                documents_pq.add([document_row(record, (sources or {}).get(record.doc_id))])
                counts["documents"] += 1
                counts["claims"] += len(rows)
                counts["spans"] += len(spans)
            claims_pq.close()
            spans_pq.close()
            documents_pq.close()
        for name in names:
            os.replace(tmp[name], out / name)
    finally:
        for path in tmp.values():
            if path.exists():
                path.unlink()
    return counts
