"""Reading a run folder into records and the claims table, with filters and review flags."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tnr_claims.codebook import CLAIM_TYPES, METHOD_CATEGORIES, METHOD_CODES
from tnr_claims.records import ClaimRecord, DocumentRecord, SpanRecord

if TYPE_CHECKING:
    import pandas as pd

PathLike = str | Path
"""A file or folder path."""


INDIRECT_SOURCE_RULES: frozenset[str] = frozenset(
    {
        "report_author",
        "report_case",
        "pronoun_speaker",
        "quote_continued",
        "quote_attributed_after",
        "quote_same_speaker",
    }
)
"""``ClaimProvenance.source_rule`` ids (``tnr_claims.claims.SOURCE_RULES``) of a source found
indirectly (the report's author, a pronoun's antecedent, a quotation continued across
sentences) rather than by an attribution cue naming the source in the sentence itself."""


REVIEW_FLAGS: tuple[str, ...] = (
    "negated",
    "hedged",
    "indirect source",
    "context rule",
    "no method",
)
"""The review flags of :func:`claims_table`, in the order they are listed."""


CLAIM_COLUMNS: tuple[str, ...] = (
    "review",
    "n_flags",
    "doc_id",
    "claim",
    "anchor",
    "type",
    "methods",
    "categories",
    "locations",
    "legal_refs",
    "source",
    "source_rule",
    "hedged",
    "negated",
    "sentence",
    "start",
    "end",
)
"""Columns of :func:`claims_table`, in order."""


def iter_records(run_dir: PathLike) -> Iterator[DocumentRecord]:
    """Yield the :class:`DocumentRecord` of each line of ``run_dir/records.jsonl``, lazily."""
    path = Path(run_dir) / "records.jsonl"
    if not path.exists():
        raise FileNotFoundError(f"{path}: no records here; run `claims run -o {run_dir}` first")
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield DocumentRecord.model_validate_json(line)


@dataclass
class Run:
    """A run folder: streamed records plus the claim and span tables the run wrote."""

    run_dir: Path
    claims: pd.DataFrame
    """``claims.parquet`` (one row per claim, :data:`tnr_claims.export.CLAIM_COLUMNS`)."""
    spans: pd.DataFrame
    """``spans.parquet`` (one row per span, :data:`tnr_claims.export.SPAN_COLUMNS`)."""
    manifest: dict[str, Any] = field(default_factory=dict)

    def records(self) -> Iterator[DocumentRecord]:
        """Stream the run's records (a fresh pass over ``records.jsonl`` each call)."""
        return iter_records(self.run_dir)

    def doc_ids(self) -> list[str]:
        """The document ids of the run, in file order (reads only the ``doc_id`` keys)."""
        ids: list[str] = []
        with (self.run_dir / "records.jsonl").open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    ids.append(json.loads(line)["doc_id"])
        return ids

    def record(self, doc_id: str | int) -> DocumentRecord:
        """One record by ``doc_id``, or by its position in the run when an ``int`` is given."""
        for index, record in enumerate(self.records()):
            if record.doc_id == doc_id or index == doc_id:
                return record
        raise KeyError(f"{doc_id!r} is not in {self.run_dir / 'records.jsonl'}")


def load_run(run_dir: PathLike) -> Run:
    """Open a run folder written by ``claims run``; the records stay on disk until streamed."""
    import pandas as pd

    from tnr_claims.export import CLAIM_COLUMNS as EXPORT_CLAIM_COLUMNS
    from tnr_claims.export import SPAN_COLUMNS

    folder = Path(run_dir)
    if not (folder / "records.jsonl").exists():
        raise FileNotFoundError(
            f"{folder / 'records.jsonl'}: no records here; run `claims run -o {folder}` first"
        )

    def table(name: str, columns: Sequence[str]) -> pd.DataFrame:
        path = folder / name
        return pd.read_parquet(path) if path.exists() else pd.DataFrame(columns=list(columns))

    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text("utf-8")) if manifest_path.exists() else {}
    return Run(
        run_dir=folder,
        claims=table("claims.parquet", EXPORT_CLAIM_COLUMNS),
        spans=table("spans.parquet", SPAN_COLUMNS),
        manifest=manifest,
    )


def _as_set(value: str | Iterable[str] | None) -> set[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return {value}
    return set(value)


def country_code(value: str) -> str:
    """Return the ISO 3166-1 alpha-2 code of a code or country name (``"china"`` -> ``"CN"``).

    Unknown names are returned upper-cased, so a filter on them simply matches nothing.
    """
    import pycountry

    text = value.strip()
    if len(text) == 2:
        return text.upper()
    try:
        return pycountry.countries.lookup(text).alpha_2
    except LookupError:
        return text.upper()


def country_name(code: str | None) -> str:
    """The English short name of an ISO alpha-2 code (``""`` when unknown or ``None``)."""
    import pycountry

    if not code:
        return ""
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return ""
    return getattr(country, "common_name", None) or country.name


def is_indirect_source(source_rule: str | None) -> bool:
    """True when the source was found indirectly (:data:`INDIRECT_SOURCE_RULES`)."""
    return source_rule in INDIRECT_SOURCE_RULES


def spans_in(record: DocumentRecord, start: int, end: int) -> list[SpanRecord]:
    """The spans of ``record`` that overlap ``[start, end)``."""
    return [s for s in record.spans if s.start < end and s.end > start]


def review_flags(record: DocumentRecord, claim: ClaimRecord) -> list[str]:
    """Why a reader should check this claim first (subset of :data:`REVIEW_FLAGS`, in order).

    ``negated`` and ``hedged`` claims; a source found indirectly (a pronoun, a continued
    quotation, the report's author: :func:`is_indirect_source`); spans in the sentence
    whose code or label a context rule changed (``SpanProvenance.context_rules``); claims
    without a method.
    """
    flags: list[str] = []
    if claim.negated:
        flags.append("negated")
    if claim.hedged:
        flags.append("hedged")
    if claim.source and is_indirect_source(claim.provenance.source_rule):
        flags.append("indirect source")
    if any(s.provenance.context_rules for s in spans_in(record, claim.start, claim.end)):
        flags.append("context rule")
    if not claim.methods:
        flags.append("no method")
    return flags


def _claim_matches(
    claim: ClaimRecord,
    *,
    methods: set[str] | None,
    countries: set[str] | None,
    types: set[str] | None,
    source: str | None,
    hedged: bool | None,
    negated: bool | None,
) -> bool:
    if methods is not None:
        have = set(claim.methods) | {METHOD_CATEGORIES[m] for m in claim.methods}
        if not have & methods:
            return False
    if countries is not None and not set(claim.locations) & countries:
        return False
    if types is not None and claim.type not in types:
        return False
    if source is not None and source.lower() not in (claim.source or "").lower():
        return False
    if hedged is not None and claim.hedged != hedged:
        return False
    return negated is None or claim.negated == negated


def claims_table(
    records: Iterable[DocumentRecord],
    *,
    method: str | Iterable[str] | None = None,
    country: str | Iterable[str] | None = None,
    type: str | Iterable[str] | None = None,  # noqa: A002 - the claim field's name
    source: str | None = None,
    hedged: bool | None = None,
    negated: bool | None = None,
) -> pd.DataFrame:
    """One row per claim of ``records`` (:data:`CLAIM_COLUMNS`), flagged rows first.

    Filters (all optional, combined with AND):

    ``method``
        METHOD code(s) or category name(s); a claim matches when any of its methods has
        that code or category (``"physical"`` matches ABDUCTION claims).
    ``country``
        ISO alpha-2 code(s) or country name(s), matched against the claim's locations.
    ``type``
        Claim type(s) (``incident``, ``statistic``, ``legal``, ``recommendation``, ``pattern``).
    ``source``
        Case-insensitive substring of the claim's source.
    ``hedged`` / ``negated``
        Keep only claims with that value.

    ``review`` lists the claim's :func:`review_flags` (``"; "``-joined); rows are sorted
    by the number of flags (most first), then in document and sentence order. ``claim``
    is the claim's index in its record (``claim_id`` ``<doc_id>#c<claim>`` in the
    exports) and ``anchor`` the element id :func:`render_document` gives its sentence.
    """
    import pandas as pd

    methods = _as_set(method)
    if methods is not None:
        unknown = methods - set(METHOD_CODES) - set(METHOD_CATEGORIES.values())
        if unknown:
            raise ValueError(f"unknown METHOD code or category {sorted(unknown)}")
    types = _as_set(type)
    if types is not None and types - set(CLAIM_TYPES):
        raise ValueError(f"unknown claim type {sorted(types - set(CLAIM_TYPES))}")
    countries = _as_set(country)
    if countries is not None:
        countries = {country_code(c) for c in countries}
    rows: list[dict[str, Any]] = []
    order: list[tuple[int, int]] = []
    for doc_index, record in enumerate(records):
        for n, claim in enumerate(record.claims):
            if not _claim_matches(
                claim,
                methods=methods,
                countries=countries,
                types=types,
                source=source,
                hedged=hedged,
                negated=negated,
            ):
                continue
            flags = review_flags(record, claim)
            rows.append(
                {
                    "review": "; ".join(flags),
                    "n_flags": len(flags),
                    "doc_id": record.doc_id,
                    "claim": n,
                    "anchor": claim_anchor(n),
                    "type": claim.type,
                    "methods": ", ".join(claim.methods),
                    "categories": ", ".join(sorted({METHOD_CATEGORIES[m] for m in claim.methods})),
                    "locations": ", ".join(claim.locations),
                    "legal_refs": ", ".join(claim.legal_refs),
                    "source": claim.source or "",
                    "source_rule": claim.provenance.source_rule or "",
                    "hedged": claim.hedged,
                    "negated": claim.negated,
                    "sentence": claim.text,
                    "start": claim.start,
                    "end": claim.end,
                }
            )
            order.append((doc_index, claim.start))
    frame = pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))
    if rows:
        frame["_doc"] = [o[0] for o in order]
        frame = frame.sort_values(
            ["n_flags", "_doc", "start"], ascending=[False, True, True], kind="stable"
        ).drop(columns="_doc")
        frame = frame.reset_index(drop=True)
    return frame


def claim_anchor(n: int, prefix: str = "claim-") -> str:
    """Element id of claim ``n``'s sentence (``claim-3``); ``prefix`` is never document text."""
    return f"{prefix}{int(n)}"
