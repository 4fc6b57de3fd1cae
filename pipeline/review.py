"""Review: everything the notebooks and the HTML report do with a run's records.

The notebooks in ``notebooks/`` are thin: each cell calls one function of this module
on :class:`~pipeline.records.DocumentRecord` values (or on the tables a run wrote),
never on spaCy Docs, and no logic lives only in a cell. :mod:`pipeline.report` builds
the shareable HTML page from the same functions.

What is here
------------

:func:`load_run`
    A run folder (``claims run -o DIR``): records streamed from ``records.jsonl``, the
    ``claims``/``spans`` Parquet tables as DataFrames, the manifest.
:func:`claims_table`
    One row per claim with filters (method code or category, country, type, source,
    hedged, negated) and a ``review`` column that puts low-confidence and rule-conflict
    cases first (:data:`REVIEW_FLAGS`).
:func:`render_document`
    displaCy "ent" markup of a document: spans coloured per label (METHOD per category),
    METHOD codes and ISO country codes in the label text, each claim sentence wrapped
    in an element with id ``claim-<n>`` so a claim row can link to it.
:func:`overview_tables`, :func:`evaluation_frames`
    The tables behind the overview and accuracy notebooks.
``plot_*``
    matplotlib Figures (Agg canvas, no pyplot state).

Untrusted content
-----------------

Document text, span text, claim sources, metadata and even codes are treated as
untrusted: everything that reaches markup goes through :func:`html.escape` (displaCy
escapes the text it renders; labels, titles and attribute values are escaped here).
Element ids and link targets are built from integers only, never from document text,
and no function here emits ``<script>``, event-handler attributes or URLs.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.codebook import CLAIM_TYPES, METHOD_CATEGORIES, METHOD_CODES, SPAN_LABELS
from pipeline.records import ClaimRecord, DocumentRecord, SpanRecord

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

PathLike = str | Path
"""A file or folder path."""

# --------------------------------------------------------------------------- colours

LABEL_COLOURS: dict[str, str] = {
    "METHOD": "#f4a6a6",
    "LOCATION": "#a8d8ea",
    "LEGAL_REF": "#c9b6e4",
    "PERSON": "#ffd59e",
    "ORG": "#b8e0b8",
    "DATE": "#e0e0e0",
    "QUANTITY": "#f6e3a1",
}
"""Background colour of each span label (METHOD spans use :data:`CATEGORY_COLOURS`)."""

CATEGORY_COLOURS: dict[str, str] = {
    "proxy": "#f7b2bd",
    "intimidation": "#f4a582",
    "persuasion": "#fdd0a2",
    "agents": "#fcae91",
    "physical": "#ef8a8a",
    "legal": "#e6a0c4",
    "mobility": "#f2c6de",
    "outcome": "#d98c8c",
}
"""Background colour of METHOD spans, by the category of their code."""

CLAIM_STYLE = "background: #fffbe6; border-bottom: 2px solid #e0b000; padding: 0.1em 0;"
"""Inline style of a claim sentence (inline, so it works in notebooks and the report)."""

MARKER_STYLE = (
    "font-size: 0.7em; vertical-align: super; color: #8a6d00; text-decoration: none; "
    "margin-right: 2px;"
)
"""Inline style of the ``[c<n>]`` link before a claim sentence."""

CLAIM_FOCUS_STYLE = "background: #fff0a8; outline: 2px solid #d08c00; padding: 0.1em 0;"
"""Inline style of a claim sentence passed in ``highlight``."""

# --------------------------------------------------------------------------- review flags

INDIRECT_SOURCE_RULES: frozenset[str] = frozenset(
    {
        "report_author",
        "pronoun_speaker",
        "quote_continued",
        "quote_attributed_after",
        "quote_same_speaker",
    }
)
"""``ClaimProvenance.source_rule`` ids (``pipeline.claims.SOURCE_RULES``) of a source found
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


# --------------------------------------------------------------------------- loading


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
    """``claims.parquet`` (one row per claim, :data:`pipeline.export.CLAIM_COLUMNS`)."""
    spans: pd.DataFrame
    """``spans.parquet`` (one row per span, :data:`pipeline.export.SPAN_COLUMNS`)."""
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

    from pipeline.export import CLAIM_COLUMNS as EXPORT_CLAIM_COLUMNS
    from pipeline.export import SPAN_COLUMNS

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


# --------------------------------------------------------------------------- claims table


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


# --------------------------------------------------------------------------- rendering

_ENT_TEMPLATE = (
    '<mark class="entity tnr-span" data-label="{label_attr}" data-code="{code_attr}" '
    'title="{tip}" style="background: {bg}; padding: 0.2em 0.35em; margin: 0 0.1em; '
    'line-height: 1; border-radius: 0.35em;">{text}'
    '<span class="tnr-label" style="font-size: 0.7em; font-weight: bold; line-height: 1; '
    'vertical-align: middle; margin-left: 0.35rem">{label}</span></mark>'
)
"""displaCy entity template: every ``{...}`` except ``text`` (escaped by displaCy) is
filled with :func:`html.escape`-d values by :func:`_ent_dict`."""

_DOC_OPEN = '<div class="entities tnr-doc" style="line-height: 2.4; direction: ltr">'


def claim_anchor(n: int, prefix: str = "claim-") -> str:
    """Element id of claim ``n``'s sentence (``claim-3``); ``prefix`` is never document text."""
    return f"{prefix}{int(n)}"


def span_colour(span: SpanRecord) -> str:
    """Background colour of a span: METHOD by code category, other labels by label."""
    if span.label == "METHOD" and span.code in METHOD_CATEGORIES:
        return CATEGORY_COLOURS[METHOD_CATEGORIES[span.code]]
    return LABEL_COLOURS.get(span.label, "#dddddd")


def span_label_text(span: SpanRecord) -> str:
    """The label shown after a span: ``METHOD ABDUCTION``, ``LOCATION CN``, else the label."""
    if span.label in ("METHOD", "LOCATION") and span.code:
        return f"{span.label} {span.code}"
    return span.label


def span_tooltip(span: SpanRecord) -> str:
    """Plain-text tooltip: normalised fields and provenance (escaped by the caller)."""
    parts: list[str] = []
    if span.label == "METHOD" and span.code in METHOD_CATEGORIES:
        parts.append(f"category: {METHOD_CATEGORIES[span.code]}")
    if span.label == "LOCATION" and span.code:
        parts.append(f"country: {country_name(span.code) or span.code}")
    for name in ("variant", "instrument", "article", "jurisdiction", "name", "value"):
        value = getattr(span, name)
        if value is not None:
            parts.append(f"{name}: {value}")
    prov = span.provenance
    producer = prov.pattern_id or (f"model:{prov.model_label}" if prov.model_label else None)
    parts.append(f"{prov.source}: {producer}" if producer else prov.source)
    if prov.context_rules:
        parts.append("context rules: " + ", ".join(prov.context_rules))
    return "; ".join(parts)


def _attr(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _ent_dict(span: SpanRecord, start: int, end: int) -> dict[str, Any]:
    """A displaCy manual entity with pre-escaped template parameters."""
    return {
        "start": start,
        "end": end,
        "label": _attr(span_label_text(span)),
        "params": {
            "bg": _attr(span_colour(span)),
            "label_attr": _attr(span.label),
            "code_attr": _attr(span.code),
            "tip": _attr(span_tooltip(span)),
        },
    }


def _render_piece(renderer: Any, text: str, ents: list[dict[str, Any]]) -> str:
    """displaCy markup of one piece of text, without displaCy's wrapping ``<div>``."""
    from spacy.displacy.templates import TPL_ENTS

    before, after = TPL_ENTS.format(content="\x00", dir=renderer.direction).split("\x00")
    markup = renderer.render_ents(text, ents, None)
    if not (markup.startswith(before) and markup.endswith(after)):  # pragma: no cover
        raise RuntimeError("unexpected displaCy markup; check spacy.displacy.templates.TPL_ENTS")
    return markup[len(before) : len(markup) - len(after)]


def _pieces(record: DocumentRecord) -> list[tuple[int, int, int | None]]:
    """Split the text into ``(start, end, claim index or None)`` pieces, in order.

    Claims are sentences and should not overlap; if two do, the later one starts where
    the earlier ends (an empty piece still carries its anchor).
    """
    pieces: list[tuple[int, int, int | None]] = []
    pos = 0
    for n, claim in sorted(enumerate(record.claims), key=lambda item: (item[1].start, item[1].end)):
        start = max(claim.start, pos)
        end = max(claim.end, start)
        if start > pos:
            pieces.append((pos, start, None))
        pieces.append((start, end, n))
        pos = end
    if pos < len(record.text) or not pieces:
        pieces.append((pos, len(record.text), None))
    return pieces


def render_document(
    record: DocumentRecord,
    *,
    highlight: int | Iterable[int] | None = None,
    anchor_prefix: str = "claim-",
    row_prefix: str | None = None,
) -> str:
    """displaCy "ent" markup of ``record`` with its claim sentences anchored.

    Spans are coloured per label (METHOD per code category, :data:`CATEGORY_COLOURS`);
    the label text shows the METHOD code or the LOCATION's ISO code; the tooltip shows
    normalised fields and provenance. Each claim sentence is wrapped in
    ``<span class="tnr-claim" id="claim-<n>">`` (``n`` its index in ``record.claims``),
    so ``<a href="#claim-<n>">`` jumps to it. Claims in ``highlight`` (an index or
    indices) get a stronger outline. ``anchor_prefix`` changes the id prefix (the report
    uses ``doc-<i>-claim-``); with ``row_prefix`` each claim also gets a small
    ``[c<n>]`` link to ``#<row_prefix><n>`` (its row in a claims table).

    All text is escaped (displaCy escapes the document text; labels, tooltips and
    attribute values are escaped here); ids are built from integers and the prefixes
    only, which must be fixed strings, never document text.
    """
    from spacy.displacy.render import EntityRenderer

    focus = {highlight} if isinstance(highlight, int) else set(highlight or ())
    renderer = EntityRenderer({"template": _ENT_TEMPLATE})
    spans = sorted(record.spans, key=lambda s: (s.start, s.end))
    text = record.text
    out = [_DOC_OPEN]
    for start, end, n in _pieces(record):
        ents = [
            _ent_dict(s, max(s.start, start) - start, min(s.end, end) - start)
            for s in spans
            if s.start < end and s.end > start
        ]
        markup = _render_piece(renderer, text[start:end], ents)
        if n is None:
            out.append(markup)
            continue
        style = CLAIM_FOCUS_STYLE if n in focus else CLAIM_STYLE
        classes = "tnr-claim tnr-claim-focus" if n in focus else "tnr-claim"
        marker = ""
        if row_prefix is not None:
            marker = (
                f'<a class="tnr-claim-marker" href="#{_attr(claim_anchor(n, row_prefix))}" '
                f'title="claim {n} in the table" style="{MARKER_STYLE}">[c{n}]</a>'
            )
        out.append(
            f'<span class="{classes}" id="{_attr(claim_anchor(n, anchor_prefix))}" '
            f'data-claim="{n}" style="{style}">{marker}{markup}</span>'
        )
    out.append("</div>")
    return "".join(out)


def legend_html() -> str:
    """A colour legend of span labels and METHOD categories (fixed strings, escaped anyway)."""
    items = [(label, LABEL_COLOURS[label]) for label in SPAN_LABELS if label != "METHOD"]
    items += [(f"METHOD {category}", colour) for category, colour in CATEGORY_COLOURS.items()]
    marks = "".join(
        f'<mark style="background: {_attr(colour)}; padding: 0.1em 0.4em; margin: 0.15em; '
        f'border-radius: 0.3em; font-size: 0.8em; display: inline-block">{html.escape(name)}</mark>'
        for name, colour in items
    )
    return f'<div class="tnr-legend">{marks}</div>'


def claims_html(
    table: pd.DataFrame,
    *,
    anchor_prefix: str = "claim-",
    row_prefix: str | None = None,
    columns: Sequence[str] = (
        "claim",
        "review",
        "type",
        "methods",
        "locations",
        "legal_refs",
        "source",
        "sentence",
    ),
) -> str:
    """An HTML table of :func:`claims_table` rows, each linking to its claim's sentence.

    The ``claim`` cell is a link to ``#<anchor_prefix><n>``; with ``row_prefix`` each row
    gets the id ``<row_prefix><n>``. Every cell is escaped; booleans ``hedged`` and
    ``negated`` show through the ``review`` column.
    """
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in columns)
    body: list[str] = []
    for row in table.to_dict("records"):
        n = int(row["claim"])
        row_id = f' id="{_attr(claim_anchor(n, row_prefix))}"' if row_prefix is not None else ""
        flagged = ' class="tnr-flagged"' if row.get("review") else ""
        cells = []
        for column in columns:
            if column == "claim":
                href = _attr("#" + claim_anchor(n, anchor_prefix))
                cells.append(f'<td><a class="tnr-claim-link" href="{href}">c{n}</a></td>')
            else:
                value = row.get(column, "")
                cells.append(f"<td>{html.escape('' if value is None else str(value))}</td>")
        body.append(f"<tr{row_id}{flagged}>{''.join(cells)}</tr>")
    return (
        f'<table class="tnr-claims"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def document_view(
    record: DocumentRecord,
    table: pd.DataFrame | None = None,
    *,
    highlight: int | Iterable[int] | None = None,
    anchor_prefix: str = "claim-",
) -> str:
    """The review layout: the rendered document on the left, its claims table beside it.

    ``table`` defaults to :func:`claims_table` of ``record`` (pass a filtered one to list
    fewer rows); each row's ``c<n>`` link jumps to the sentence, each sentence's
    ``[c<n>]`` marker to the row (ids ``<anchor_prefix><n>`` and ``row-<anchor_prefix><n>``).
    """
    rows = claims_table([record]) if table is None else table
    row_prefix = f"row-{anchor_prefix}"
    document = render_document(
        record, highlight=highlight, anchor_prefix=anchor_prefix, row_prefix=row_prefix
    )
    claims = (
        claims_html(
            rows,
            anchor_prefix=anchor_prefix,
            row_prefix=row_prefix,
            columns=("claim", "review", "type", "methods", "locations", "source"),
        )
        if len(rows)
        else "<p>No claims.</p>"
    )
    return (
        '<div class="tnr-view" style="display: flex; gap: 18px; align-items: flex-start">'
        f'<div style="flex: 3; min-width: 0">{legend_html()}{document}</div>'
        f'<div style="flex: 2; min-width: 0; font-size: 0.85em">{claims}</div></div>'
    )


def claim_link(n: int, *, anchor_prefix: str = "claim-", text: str | None = None) -> str:
    """A link that jumps to claim ``n``'s highlighted sentence (``<a href="#claim-n">``)."""
    label = html.escape(text if text is not None else f"claim {int(n)}")
    return f'<a href="#{_attr(claim_anchor(n, anchor_prefix))}">{label}</a>'


# --------------------------------------------------------------------------- overview


def claim_years(claim: ClaimRecord) -> set[str]:
    """Years of a claim's ISO dates (``"2017-07-07"`` -> ``"2017"``; ``--12-14`` has none)."""
    return {d[:4] for d in claim.dates if len(d) >= 4 and d[:4].isdigit()}


UNATTRIBUTED = "(unattributed)"
"""Source value of claims without a source in the overview tables."""
UNDATED = "undated"
"""Year value of claims without a dated year."""
NO_COUNTRY = "none"
"""Country column of claims without a location in the method x country table."""


@dataclass
class OverviewCounter:
    """Counts for :func:`overview_tables`, filled one record at a time (flat memory)."""

    documents: int = 0
    claims: int = 0
    spans: int = 0
    method_country: Counter[tuple[str, str]] = field(default_factory=Counter)
    method_claims: Counter[str] = field(default_factory=Counter)
    method_spans: Counter[str] = field(default_factory=Counter)
    sources: Counter[str] = field(default_factory=Counter)
    years: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    country_claims: Counter[str] = field(default_factory=Counter)
    country_spans: Counter[str] = field(default_factory=Counter)
    country_docs: Counter[str] = field(default_factory=Counter)

    def add(self, record: DocumentRecord) -> None:
        """Count one record's claims and spans."""
        self.documents += 1
        self.claims += len(record.claims)
        self.spans += len(record.spans)
        doc_countries: set[str] = set()
        for span in record.spans:
            if span.label == "METHOD" and span.code:
                self.method_spans[span.code] += 1
            if span.label == "LOCATION" and span.code:
                self.country_spans[span.code] += 1
                doc_countries.add(span.code)
        for claim in record.claims:
            self.types[claim.type] += 1
            self.sources[claim.source or UNATTRIBUTED] += 1
            years = claim_years(claim) or {UNDATED}
            for year in years:
                self.years[year] += 1
            locations = set(claim.locations) or {NO_COUNTRY}
            categories = {METHOD_CATEGORIES[m] for m in claim.methods}
            for code in set(claim.methods):
                self.method_claims[code] += 1
            for category in categories:
                for location in locations:
                    self.method_country[(category, location)] += 1
            for location in set(claim.locations):
                self.country_claims[location] += 1
                doc_countries.add(location)
        for code in doc_countries:
            self.country_docs[code] += 1

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables of :func:`overview_tables`."""
        import pandas as pd

        categories = list(dict.fromkeys(METHOD_CATEGORIES.values()))
        countries = sorted(
            {c for _, c in self.method_country if c != NO_COUNTRY},
            key=lambda c: (-sum(n for (_, k), n in self.method_country.items() if k == c), c),
        )
        if any(c == NO_COUNTRY for _, c in self.method_country):
            countries.append(NO_COUNTRY)
        heat = pd.DataFrame(
            0,
            index=pd.Index(categories, name="category"),
            columns=pd.Index(countries, name="country"),
            dtype="int64",
        )
        for (category, country), n in self.method_country.items():
            heat.loc[category, country] = n
        methods = pd.DataFrame(
            [
                {
                    "code": code,
                    "category": METHOD_CATEGORIES[code],
                    "claims": self.method_claims.get(code, 0),
                    "spans": self.method_spans.get(code, 0),
                }
                for code in METHOD_CODES
                if self.method_claims.get(code) or self.method_spans.get(code)
            ],
            columns=["code", "category", "claims", "spans"],
        )
        category = (
            methods.groupby("category", sort=False)[["claims", "spans"]].sum().reset_index()
            if len(methods)
            else pd.DataFrame(columns=["category", "claims", "spans"])
        )
        source = pd.DataFrame(
            sorted(self.sources.items(), key=lambda kv: (kv[0] == UNATTRIBUTED, -kv[1], kv[0])),
            columns=["source", "claims"],
        )
        year = pd.DataFrame(
            sorted(self.years.items(), key=lambda kv: (kv[0] == UNDATED, kv[0])),
            columns=["year", "claims"],
        )
        codes = sorted(
            set(self.country_claims) | set(self.country_spans),
            key=lambda c: (-self.country_claims.get(c, 0), -self.country_spans.get(c, 0), c),
        )
        country = pd.DataFrame(
            [
                {
                    "iso": c,
                    "name": country_name(c),
                    "claims": self.country_claims.get(c, 0),
                    "mentions": self.country_spans.get(c, 0),
                    "documents": self.country_docs.get(c, 0),
                }
                for c in codes
            ],
            columns=["iso", "name", "claims", "mentions", "documents"],
        )
        types = pd.DataFrame(
            [(t, self.types.get(t, 0)) for t in CLAIM_TYPES], columns=["type", "claims"]
        )
        totals = pd.DataFrame(
            [("documents", self.documents), ("claims", self.claims), ("spans", self.spans)],
            columns=["what", "count"],
        )
        return {
            "totals": totals,
            "method_country": heat,
            "method": methods,
            "category": category,
            "source": source,
            "year": year,
            "country": country,
            "type": types,
        }


def overview_tables(records: Iterable[DocumentRecord]) -> dict[str, pd.DataFrame]:
    """Count claims of ``records`` (one streamed pass) into overview tables.

    Keys: ``totals``; ``method_country`` (METHOD category x country ISO code, claim
    counts, all eight categories as rows, countries by total, a ``none`` column for
    claims without a location: heatmap-ready); ``method`` (per code: claims, spans);
    ``category``; ``source`` (``(unattributed)`` last); ``year`` (from claim dates,
    ``undated`` last); ``country`` (ISO code, name from pycountry, claims, mentions,
    documents); ``type``. A claim with several methods or places counts once in each
    cell it belongs to.
    """
    counter = OverviewCounter()
    for record in records:
        counter.add(record)
    return counter.tables()


# --------------------------------------------------------------------------- evaluation


def evaluation_frames(report: dict[str, Any]) -> dict[str, pd.DataFrame]:
    """Tables of an evaluation report (``gold-format.md`` shape plus the evaluator's extras).

    ``labels``
        Long format: ``label``, ``bucket`` (strict/partial/normalised), ``metric``
        (p/r/f1), ``value``, ``support``; span labels in codebook order, then ``micro``.
    ``scores``
        The same wide: one row per label and bucket with ``p``, ``r``, ``f1``, ``support``.
    ``confusion``
        METHOD confusion matrix: gold code (rows) x predicted code (columns), counts.
    ``per_pattern``
        Per producer: predicted, partial, normalised, precision, normalised_precision;
        most productive first.
    ``claims``
        Claim detection, type/hedged/negated accuracy and per-field P/R/F1.
    """
    import pandas as pd

    spans = report.get("spans", {})
    long_rows: list[dict[str, Any]] = []
    wide_rows: list[dict[str, Any]] = []
    for label in [*SPAN_LABELS, "micro"]:
        entry = spans.get(label) or {}
        support = entry.get("support")
        for bucket in ("strict", "partial", "normalised"):
            scores = entry.get(bucket) or {}
            wide_rows.append(
                {
                    "label": label,
                    "bucket": bucket,
                    "p": scores.get("p", 0.0),
                    "r": scores.get("r", 0.0),
                    "f1": scores.get("f1", 0.0),
                    "support": support,
                }
            )
            for metric in ("p", "r", "f1"):
                long_rows.append(
                    {
                        "label": label,
                        "bucket": bucket,
                        "metric": metric,
                        "value": float(scores.get(metric, 0.0)),
                        "support": support,
                    }
                )
    labels = pd.DataFrame(long_rows, columns=["label", "bucket", "metric", "value", "support"])
    wide = pd.DataFrame(wide_rows, columns=["label", "bucket", "p", "r", "f1", "support"])

    raw = report.get("method_confusion") or {}
    gold_codes = [c for c in METHOD_CODES if c in raw]
    pred_codes = [c for c in METHOD_CODES if any(c in row for row in raw.values())]
    extra = sorted({c for row in raw.values() for c in row} - set(pred_codes))
    pred_codes += extra
    gold_codes += sorted(set(raw) - set(gold_codes))
    confusion = pd.DataFrame(
        0,
        index=pd.Index(gold_codes, name="gold"),
        columns=pd.Index(pred_codes, name="predicted"),
        dtype="int64",
    )
    for gold_code, row in raw.items():
        for pred_code, n in row.items():
            confusion.loc[gold_code, pred_code] = int(n)

    pattern_columns = [
        "pattern",
        "predicted",
        "partial",
        "normalised",
        "precision",
        "normalised_precision",
    ]
    per_pattern = pd.DataFrame(
        [
            {"pattern": name, **{k: v for k, v in values.items() if k in pattern_columns}}
            for name, values in (report.get("per_pattern") or {}).items()
        ],
        columns=pattern_columns,
    )
    if len(per_pattern):
        per_pattern = per_pattern.sort_values(
            ["predicted", "precision", "pattern"], ascending=[False, True, True]
        ).reset_index(drop=True)

    claims = report.get("claims") or {}
    claim_rows: list[dict[str, Any]] = []
    detection = claims.get("detection") or {}
    claim_rows.append(
        {
            "what": "detection",
            "p": detection.get("p"),
            "r": detection.get("r"),
            "f1": detection.get("f1"),
            "accuracy": None,
            "support": detection.get("support"),
        }
    )
    for name in ("type", "hedged", "negated"):
        scores = claims.get(name) if name != "type" else {}
        claim_rows.append(
            {
                "what": name,
                "p": (scores or {}).get("p"),
                "r": (scores or {}).get("r"),
                "f1": (scores or {}).get("f1"),
                "accuracy": claims.get(f"{name}_accuracy"),
                "support": None,
            }
        )
    for name, scores in (claims.get("fields") or {}).items():
        claim_rows.append(
            {
                "what": f"field: {name}",
                "p": scores.get("p"),
                "r": scores.get("r"),
                "f1": scores.get("f1"),
                "accuracy": None,
                "support": None,
            }
        )
    claims_frame = pd.DataFrame(claim_rows, columns=["what", "p", "r", "f1", "accuracy", "support"])
    return {
        "labels": labels,
        "scores": wide,
        "confusion": confusion,
        "per_pattern": per_pattern,
        "claims": claims_frame,
    }


ERROR_SORT: tuple[str, ...] = ("doc_id", "kind", "error", "label", "gold_start", "pred_start")
"""Sort order of :func:`error_table`."""


def error_table(errors: pd.DataFrame | Iterable[Any]) -> pd.DataFrame:
    """The evaluator's errors (a DataFrame or ``ErrorItem`` list) sorted for reading.

    Sorted by document, kind (span/claim/claim_field), error type, label and position,
    with ``context`` (the sentence around the error) kept as the last column.
    """
    import pandas as pd

    if not isinstance(errors, pd.DataFrame):
        from pipeline.evaluate import errors_frame

        errors = errors_frame(errors)
    frame = errors.copy()
    if frame.empty:
        return frame.reset_index(drop=True)
    frame["_pos"] = frame["gold_start"].fillna(frame["pred_start"])
    keys = [c for c in ("doc_id", "kind", "error", "label") if c in frame.columns] + ["_pos"]
    frame = frame.sort_values(keys, kind="stable", na_position="last").drop(columns="_pos")
    if "context" in frame.columns:
        frame = frame[[c for c in frame.columns if c != "context"] + ["context"]]
    return frame.reset_index(drop=True)


# --------------------------------------------------------------------------- plots


def _figure(width: float, height: float) -> Figure:
    """A Figure on an Agg canvas (no pyplot, no global state, no display needed)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def plot_label_scores(labels: pd.DataFrame, *, title: str = "Span scores per label") -> Figure:
    """Bar charts of P/R/F1 per label, one panel per bucket (strict, partial, normalised).

    ``labels`` is ``evaluation_frames(report)["labels"]``.
    """
    buckets = ["strict", "partial", "normalised"]
    order = [label for label in [*SPAN_LABELS, "micro"] if label in set(labels["label"])]
    figure = _figure(12, 3.6)
    axes = figure.subplots(1, 3, sharey=True)
    width = 0.27
    colours = {"p": "#4c72b0", "r": "#dd8452", "f1": "#55a868"}
    for ax, bucket in zip(axes, buckets, strict=True):
        part = labels[labels["bucket"] == bucket]
        for k, metric in enumerate(("p", "r", "f1")):
            values = [
                float(part[(part["label"] == lab) & (part["metric"] == metric)]["value"].sum())
                for lab in order
            ]
            positions = [i + (k - 1) * width for i in range(len(order))]
            ax.bar(positions, values, width, label=metric.upper(), color=colours[metric])
        ax.set_title(bucket)
        ax.set_xticks(range(len(order)))
        ax.set_xticklabels(order, rotation=45, ha="right", fontsize=8)
        ax.set_ylim(0, 1.05)
        ax.grid(axis="y", alpha=0.3)
    axes[0].set_ylabel("score")
    axes[-1].legend(loc="upper right", fontsize=8)
    figure.suptitle(title)
    return figure


def _heatmap(
    frame: pd.DataFrame, *, title: str, xlabel: str, ylabel: str, cmap: str = "Blues"
) -> Figure:
    rows, cols = frame.shape
    figure = _figure(max(4.0, 1.0 + 0.55 * cols), max(2.5, 1.0 + 0.4 * rows))
    ax = figure.subplots()
    if not rows or not cols:
        ax.text(0.5, 0.5, "no data", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        ax.set_title(title)
        return figure
    values = frame.to_numpy(dtype=float).tolist()
    image = ax.imshow(values, cmap=cmap, aspect="auto", vmin=0)
    ax.set_xticks(range(cols))
    ax.set_xticklabels([str(c) for c in frame.columns], rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(rows))
    ax.set_yticklabels([str(i) for i in frame.index], fontsize=8)
    peak = max(max(r) for r in values)
    for i in range(rows):
        for j in range(cols):
            v = values[i][j]
            if v:
                ax.text(
                    j,
                    i,
                    f"{v:g}",
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if v > peak / 2 else "black",
                )
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    figure.colorbar(image, ax=ax, shrink=0.8)
    return figure


def plot_confusion(confusion: pd.DataFrame, *, title: str = "METHOD confusion") -> Figure:
    """Heatmap of ``evaluation_frames(report)["confusion"]`` (gold rows, predicted columns)."""
    return _heatmap(
        confusion, title=title, xlabel="predicted code", ylabel="gold code", cmap="Oranges"
    )


def plot_method_country(
    table: pd.DataFrame, *, title: str = "Claims by method category and country"
) -> Figure:
    """Heatmap of ``overview_tables(records)["method_country"]`` (categories x countries)."""
    return _heatmap(table, title=title, xlabel="country (ISO 3166-1)", ylabel="method category")


def plot_counts(
    frame: pd.DataFrame, *, x: str, y: str = "claims", title: str = "", top: int | None = 20
) -> Figure:
    """A horizontal bar chart of a count table (``source``, ``year``, ``method`` ...)."""
    data = frame.head(top) if top else frame
    figure = _figure(7, max(2.0, 0.6 + 0.28 * len(data)))
    ax = figure.subplots()
    labels = [str(v) for v in data[x]][::-1]
    ax.barh(labels, list(data[y])[::-1], color="#4c72b0")
    ax.set_xlabel(y)
    ax.set_title(title)
    ax.tick_params(axis="y", labelsize=8)
    return figure


def save_figure(figure: Figure, path: PathLike, *, dpi: int = 110) -> Path:
    """Save a Figure as PNG (or any format matplotlib knows from the suffix); return the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(target, dpi=dpi)
    return target


__all__ = [
    "CATEGORY_COLOURS",
    "CLAIM_COLUMNS",
    "INDIRECT_SOURCE_RULES",
    "LABEL_COLOURS",
    "REVIEW_FLAGS",
    "OverviewCounter",
    "Run",
    "claim_anchor",
    "claim_link",
    "claims_html",
    "claims_table",
    "country_code",
    "document_view",
    "country_name",
    "error_table",
    "evaluation_frames",
    "iter_records",
    "legend_html",
    "load_run",
    "overview_tables",
    "plot_confusion",
    "plot_counts",
    "plot_label_scores",
    "plot_method_country",
    "render_document",
    "review_flags",
    "save_figure",
]
