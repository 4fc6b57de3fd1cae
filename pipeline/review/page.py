"""Report: one self-contained, shareable HTML page for a run.

:func:`write_report` reads a run folder (``claims run -o DIR``) and writes a single HTML
file that needs no network and runs no code:

* the run's summary: totals, claims by METHOD category and code, a METHOD category x
  country table shaded like a heatmap, claims by country (ISO code and name), source
  and year;
* the cases of the run (``incidents.jsonl``): per case its targets and dyad, a timeline
  of its incidents and under each the claims of every report, linked to their sentences;
* optionally the accuracy tables of an ``evaluate --report`` JSON;
* per document: the highlighted text (spans coloured by label, METHOD code and ISO
  country code in the label), and its claims table; each claim row links to its
  sentence (``#doc-<i>-claim-<n>``) and each sentence back to its row.

Untrusted content
-----------------

Documents are untrusted input. Every piece of document-derived text (text, span text,
doc ids, metadata, sources, codes) is escaped with :func:`html.escape`, in element
content and in attribute values alike; element ids and link targets are built from
integers only; metadata URLs are shown as text, never as links. The page carries a
Content-Security-Policy (:data:`CSP`) that forbids scripts, frames, forms and any
remote load, so even a mistake in escaping could not run code or call out. The
stylesheet is inline; there are no external fonts, images or scripts.

Only the standard library (:mod:`html`, f-strings) and :mod:`tnr_claims.review` are used:
no template engine.
"""

from __future__ import annotations

import html
import json
import math
import shutil
import tempfile
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tnr_claims.codebook import METHOD_CATEGORIES
from tnr_claims.errors import ClaimsError
from tnr_claims.export import atomic_path
from tnr_claims.review.cases import cases_section, load_cases
from tnr_claims.review.markup import claims_html, legend_html, render_document
from tnr_claims.review.overview import OverviewCounter, evaluation_frames
from tnr_claims.review.runs import claims_table, iter_records

if TYPE_CHECKING:
    import pandas as pd

    from tnr_claims.records import DocumentRecord

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'; frame-src 'none'; object-src 'none'"
)
"""Content-Security-Policy of the page: no scripts, no remote loads, inline CSS only."""

MANIFEST_KEYS: tuple[str, ...] = (
    "status",
    "counts.documents",
    "counts.claims",
    "counts.spans",
    "counts.failed",
    "pipeline.version",
    "pipeline.model",
    "pipeline.model_version",
    "pipeline.patterns_hash",
    "timing.started",
    "timing.total_s",
)
"""Manifest values shown in the page header (dotted paths into ``manifest.json``)."""

META_KEYS: tuple[str, ...] = ("title", "publisher", "date", "url", "source", "path", "format")
"""Metadata keys shown under a document's heading (as text), when present."""

STYLE = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: #222; margin: 0; background: #f6f6f4; }
header, main { max-width: 1180px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 20px; }
h1 { font-size: 1.6em; margin: 0.2em 0; }
h2 { font-size: 1.25em; margin: 1.2em 0 0.4em; border-bottom: 1px solid #ddd; }
h3 { font-size: 1.05em; margin: 1em 0 0.3em; }
section { background: #fff; border: 1px solid #e2e2e2; border-radius: 6px;
          padding: 8px 20px 16px; margin: 18px 0; }
.muted { color: #666; font-size: 0.9em; }
table { border-collapse: collapse; font-size: 0.86em; margin: 6px 0 10px; }
th, td { border: 1px solid #ddd; padding: 3px 7px; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
th.vertical { writing-mode: vertical-rl; transform: rotate(180deg); text-align: left;
              font-size: 0.85em; padding: 6px 2px; }
.grid { display: flex; flex-wrap: wrap; gap: 0 28px; align-items: flex-start; }
.tnr-doc { background: #fcfcfc; border: 1px solid #eee; padding: 10px 14px;
           border-radius: 4px; }
.tnr-claim:target { outline: 3px solid #d08c00 !important; background: #ffe98a !important; }
.tnr-claim-marker { font-size: 0.7em; vertical-align: super; color: #8a6d00;
                    text-decoration: none; margin-right: 2px; }
table.tnr-claims { width: 100%; }
table.tnr-claims td:last-child { min-width: 320px; }
table.tnr-claims tr.tnr-flagged td { background: #fff7e0; }
table.tnr-claims tr:target td { background: #ffe98a; }
.tnr-claim-link { font-weight: bold; }
.tnr-legend { margin: 6px 0; }
nav ol { columns: 2; font-size: 0.9em; }
.warn { color: #8a3b00; }
"""


# --------------------------------------------------------------------------- helpers


def _e(value: Any) -> str:
    """Escape any value for element content or a double-quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


def _fmt(value: Any, *, integer: bool = False) -> str:
    """A cell's text: ``""`` for None/NaN, whole numbers for counts, 3 decimals for scores."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if integer and value.is_integer() else f"{value:.3f}"
    return str(value)


def frame_html(
    frame: pd.DataFrame,
    *,
    index: bool = False,
    numeric: Iterable[str] = (),
    integers: Iterable[str] = ("support", "claims", "spans", "mentions", "documents"),
) -> str:
    """An escaped HTML table of a DataFrame (every header and cell through :func:`html.escape`).

    ``numeric`` columns are right-aligned; ``integers`` are printed without decimals.
    """
    numeric = set(numeric)
    integers = set(integers)
    columns = list(frame.columns)
    head = []
    if index:
        head.append(f"<th>{_e(frame.index.name or '')}</th>")
    head += [f"<th{' class=num' if c in numeric else ''}>{_e(c)}</th>" for c in columns]
    rows = []
    for key, row in zip(frame.index, frame.itertuples(index=False), strict=True):
        cells = [f"<th>{_e(key)}</th>"] if index else []
        for column, value in zip(columns, row, strict=True):
            css = ' class="num"' if column in numeric else ""
            cells.append(f"<td{css}>{_e(_fmt(value, integer=column in integers))}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return f"<table><thead><tr>{''.join(head)}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def heatmap_html(frame: pd.DataFrame, *, vertical: bool = False) -> str:
    """A count table shaded like a heatmap (colours computed from the numbers only).

    ``vertical`` sets the column headers upright (for long codes).
    """
    peak = float(frame.to_numpy().max()) if frame.size else 0.0
    css = "num vertical" if vertical else "num"
    head = f"<th>{_e(frame.index.name or '')}</th>" + "".join(
        f'<th class="{css}">{_e(c)}</th>' for c in frame.columns
    )
    rows = []
    for key, values in zip(frame.index, frame.to_numpy().tolist(), strict=True):
        cells = [f"<th>{_e(key)}</th>"]
        for value in values:
            share = value / peak if peak else 0.0
            light = int(round(97 - 55 * share))
            colour = "#fff" if share > 0.6 else "#222"
            style = f"background: hsl(215, 70%, {light}%); color: {colour}" if value else ""
            cells.append(f'<td class="num" style="{style}">{int(value) if value else ""}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _meta_line(record: DocumentRecord) -> str:
    parts = [f"doc_id <code>{_e(record.doc_id)}</code>"]
    for key in META_KEYS:
        value = record.meta.get(key)
        if isinstance(value, (str, int, float)) and str(value).strip() and key != "title":
            parts.append(f"{_e(key)}: {_e(value)}")
    parts.append(f"{len(record.spans)} spans, {len(record.claims)} claims")
    return " · ".join(parts)


def document_section(record: DocumentRecord, index: int) -> str:
    """One document's section: heading, metadata, highlighted text, claims table."""
    anchor = f"doc-{int(index)}-claim-"
    rows = f"doc-{int(index)}-row-"
    title = record.meta.get("title") if isinstance(record.meta.get("title"), str) else None
    table = claims_table([record]).sort_values("claim", kind="stable")
    parts = [
        f'<section class="doc" id="doc-{int(index)}">',
        f"<h2>{int(index) + 1}. {_e(title or record.doc_id)}</h2>",
        f'<p class="muted">{_meta_line(record)}</p>',
    ]
    for warning in record.warnings:
        parts.append(f'<p class="warn">warning: {_e(warning)}</p>')
    parts.append(render_document(record, anchor_prefix=anchor, row_prefix=rows))
    if len(table):
        parts.append(f"<h3>Claims ({len(table)})</h3>")
        parts.append(claims_html(table, anchor_prefix=anchor, row_prefix=rows))
    else:
        parts.append('<p class="muted">No claims in this document.</p>')
    parts.append('<p class="muted"><a href="#top">back to top</a></p></section>')
    return "\n".join(parts)


def summary_section(counter: OverviewCounter) -> str:
    """The run summary: totals and counts by METHOD, country, source and year."""
    tables = counter.tables()
    category = tables["category"]
    method = tables["method"].copy()
    if len(method):
        method["category"] = [METHOD_CATEGORIES[c] for c in method["code"]]
    country = tables["country"]
    parts = [
        '<section id="summary"><h2>Summary</h2>',
        f"<p>{counter.documents} documents, {counter.claims} claims, {counter.spans} spans. "
        "<i>claims</i>: claims naming the method or place; <i>spans</i>/<i>mentions</i>: "
        "every tagged mention in the text.</p>",
        '<div class="grid"><div><h3>METHOD categories</h3>',
        frame_html(category, numeric=("claims", "spans")),
        "</div><div><h3>METHOD codes</h3>",
        frame_html(method, numeric=("claims", "spans")),
        "</div><div><h3>Countries</h3>",
        frame_html(country, numeric=("claims", "mentions", "documents")),
        "</div></div>",
        "<h3>Claims by METHOD category and country</h3>",
        '<p class="muted">A claim counts once per category of its methods and per country '
        "of its locations; <code>none</code>: claims without a location.</p>",
        heatmap_html(tables["method_country"])
        if tables["method_country"].size
        else '<p class="muted">No claims with a method.</p>',
        '<div class="grid"><div><h3>Claims by type</h3>',
        frame_html(tables["type"], numeric=("claims",)),
        "</div><div><h3>Claims by source</h3>",
        frame_html(tables["source"].head(25), numeric=("claims",)),
        "</div><div><h3>Claims by year (claim dates)</h3>",
        frame_html(tables["year"], numeric=("claims",)),
        "</div></div></section>",
    ]
    return "\n".join(parts)


def evaluation_section(report: dict[str, Any]) -> str:
    """Accuracy tables of an evaluation report (spans per label and bucket, claims)."""
    frames = evaluation_frames(report)
    scores = frames["scores"]
    wide = scores.pivot(index="label", columns="bucket", values=["p", "r", "f1"])
    order = list(dict.fromkeys(scores["label"]))
    rows = []
    for label in order:
        support = scores[scores["label"] == label]["support"].iloc[0]
        row = {"label": label, "support": support}
        for bucket in ("strict", "partial", "normalised"):
            for metric in ("p", "r", "f1"):
                row[f"{bucket} {metric}"] = float(wide.loc[label, (metric, bucket)])
        rows.append(row)
    import pandas as pd

    table = pd.DataFrame(rows)
    numeric = [c for c in table.columns if c != "label"]
    hashes = report.get("hashes") or {}
    parts = [
        '<section id="evaluation"><h2>Accuracy</h2>',
        f'<p class="muted">{_e(report.get("documents", 0))} gold documents; '
        f"gold hash {_e(str(hashes.get('gold') or hashes.get('gold_content') or '')[:12])}; "
        f"patterns hash {_e(str(hashes.get('patterns') or '')[:12])}.</p>",
        "<h3>Spans (P/R/F1 per label: strict, partial, normalised)</h3>",
        frame_html(table, numeric=numeric),
        "<h3>Claims</h3>",
        frame_html(frames["claims"], numeric=("p", "r", "f1", "accuracy", "support")),
    ]
    categories = report.get("method_categories")
    if isinstance(categories, dict):
        parts.append(
            f"<p>METHOD categories (partial): P {_e(_fmt(categories.get('p')))}, "
            f"R {_e(_fmt(categories.get('r')))}, F1 {_e(_fmt(categories.get('f1')))}</p>"
        )
    if len(frames["confusion"]):
        parts.append("<h3>METHOD confusion (gold rows, predicted columns)</h3>")
        parts.append(heatmap_html(frames["confusion"], vertical=True))
    parts.append("</section>")
    return "\n".join(parts)


def _manifest_html(manifest: dict[str, Any]) -> str:
    """The run's :data:`MANIFEST_KEYS` that the manifest holds, as one escaped line."""
    shown: list[str] = []
    for dotted in MANIFEST_KEYS:
        value: Any = manifest
        for part in dotted.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if isinstance(value, (str, int, float, bool)) and str(value) != "":
            text = str(value)
            if dotted.endswith("hash") and len(text) > 12:
                text = text[:12]
            shown.append(f"<span><b>{_e(dotted.split('.')[-1])}</b> {_e(text)}</span>")
    return f'<p class="manifest muted">{" · ".join(shown)}</p>' if shown else ""


def _load_evaluation(evaluation: str | Path | dict[str, Any] | None) -> dict[str, Any] | None:
    if evaluation is None or isinstance(evaluation, dict):
        return evaluation
    path = Path(evaluation)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ClaimsError(
            f"cannot read the evaluation report {path} ({exc})",
            hint="write one with `claims evaluate GOLD.jsonl --report FILE`",
            path=str(path),
        ) from exc


# --------------------------------------------------------------------------- the page


def write_report(
    run_dir: str | Path,
    out: str | Path,
    *,
    evaluation: str | Path | dict[str, Any] | None = None,
    title: str | None = None,
) -> Path:
    """Write one self-contained HTML page for the run in ``run_dir`` to ``out``; return it.

    ``evaluation`` is an ``evaluate --report`` JSON file (or its dict) whose accuracy
    tables are included. Records are streamed: document sections go to a temporary file
    while the summary is counted, then the page is assembled and moved into place
    atomically. See the module docstring for the untrusted-content rules.
    """

    folder = Path(run_dir)
    target = Path(out)
    if not (folder / "records.jsonl").exists():
        raise ClaimsError(
            f"{folder} holds no records.jsonl",
            hint=f"run `claims run -o {folder}` first",
            path=str(folder),
        )
    report = _load_evaluation(evaluation)
    manifest_path = folder / "manifest.json"
    manifest: dict[str, Any] = {}
    if manifest_path.exists():
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except ValueError:
            manifest = {}
    counter = OverviewCounter()
    toc: list[str] = []
    cases = load_cases(folder)
    linked = {(r["doc_id"], r["start"], r["end"]) for case in cases for r in case["claims"]}
    anchors: dict[tuple[str, int, int], str] = {}
    texts: dict[tuple[str, int, int], str] = {}
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile("w+", encoding="utf-8") as sections:
        for index, record in enumerate(iter_records(folder)):
            counter.add(record)
            for n, claim in enumerate(record.claims):
                key = (record.doc_id, claim.start, claim.end)
                if key in linked:
                    anchors[key] = f"doc-{int(index)}-claim-{int(n)}"
                    texts[key] = claim.text
            sections.write(document_section(record, index))
            sections.write("\n")
            name = record.meta.get("title") if isinstance(record.meta.get("title"), str) else None
            toc.append(
                f'<li><a href="#doc-{index}">{_e(name or record.doc_id)}</a> '
                f'<span class="muted">({len(record.claims)} claims)</span></li>'
            )
        page_title = title or f"Claims review: {folder.resolve().name}"
        stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        head = [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="generator" content="tnr-claims report">',
            f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">',
            '<meta name="referrer" content="no-referrer">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{_e(page_title)}</title>",
            f"<style>{STYLE}</style></head>",
            '<body><header id="top">',
            f"<h1>{_e(page_title)}</h1>",
            f'<p class="muted">Written {_e(stamp)} from <code>{_e(folder.name)}</code>. '
            "Spans are coloured by label (METHOD by category); the label shows the METHOD "
            "code or the country's ISO code; hover a span for its normalised value and the "
            "rule or model label that produced it. Claim sentences are underlined; "
            "<code>[cN]</code> jumps to the claim's row, the row's <code>cN</code> back "
            "to the sentence. Highlighted rows need review (hedged, negated, indirect "
            "source, context rule, no method).</p>",
            legend_html(),
            _manifest_html(manifest),
            "</header><main>",
            f"<nav><h2>Documents</h2><ol>{''.join(toc)}</ol></nav>",
            summary_section(counter),
            cases_section(cases, anchors, texts),
        ]
        if report is not None:
            head.append(evaluation_section(report))
        with atomic_path(target) as tmp:
            with tmp.open("w", encoding="utf-8") as handle:
                handle.write("\n".join(head))
                handle.write('\n<h2 id="documents">Documents</h2>\n')
                sections.seek(0)
                shutil.copyfileobj(sections, handle)
                handle.write("</main></body></html>\n")
    return target


__all__ = ["CSP", "document_section", "evaluation_section", "summary_section", "write_report"]
