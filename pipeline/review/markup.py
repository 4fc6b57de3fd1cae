"""HTML markup of records: displaCy-style highlighted documents, claim lists, links."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from tnr_claims.codebook import METHOD_CATEGORIES, SPAN_LABELS
from tnr_claims.records import DocumentRecord, SpanRecord
from tnr_claims.review.runs import claim_anchor, claims_table, country_name

if TYPE_CHECKING:
    import pandas as pd

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
    """DisplaCy markup of one piece of text, without displaCy's wrapping ``<div>``."""
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
    """DisplaCy "ent" markup of ``record`` with its claim sentences anchored.

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
