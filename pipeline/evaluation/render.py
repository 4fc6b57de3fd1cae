"""Rendering an evaluation report: rich tables for the terminal, Markdown for README."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from tnr_claims.codebook import SPAN_LABELS
from tnr_claims.evaluation.matching import CLAIM_FIELDS, SPAN_BUCKETS


def _fmt(value: float) -> str:
    return f"{value:.3f}"


def _span_rows(report: dict[str, Any]) -> list[list[str]]:
    rows = []
    for label in (*SPAN_LABELS, "micro"):
        entry = report["spans"][label]
        support = entry.get("support")
        if support is None and label == "micro":
            support = sum(report["spans"][lab]["support"] for lab in SPAN_LABELS)
        row = [label, str(support)]
        for bucket in SPAN_BUCKETS:
            row += [_fmt(entry[bucket][k]) for k in ("p", "r", "f1")]
        rows.append(row)
    categories = report["method_categories"]
    support = report["spans"]["METHOD"]["support"]
    rows.append(
        [
            "METHOD category",
            str(support),
            "",
            "",
            "",
            *[_fmt(categories[k]) for k in ("p", "r", "f1")],
            "",
            "",
            "",
        ]
    )
    return rows


def _claim_rows(report: dict[str, Any]) -> list[list[str]]:
    claims = report["claims"]
    rows = [
        [
            "detection",
            *[_fmt(claims["detection"][k]) for k in ("p", "r", "f1")],
            str(claims["detection"]["support"]),
        ]
    ]
    rows.append(["type accuracy", "", "", _fmt(claims["type_accuracy"]), ""])
    for name in CLAIM_FIELDS:
        rows.append(
            [f"field: {name}", *[_fmt(claims["fields"][name][k]) for k in ("p", "r", "f1")], ""]
        )
    for flag in ("hedged", "negated"):
        rows.append([flag, *[_fmt(claims[flag][k]) for k in ("p", "r", "f1")], ""])
        rows.append([f"{flag} accuracy", "", "", _fmt(claims[f"{flag}_accuracy"]), ""])
    return rows


_SPAN_HEADER = ["label", "support", *[f"{b} {m}" for b in SPAN_BUCKETS for m in ("P", "R", "F1")]]


_CLAIM_HEADER = ["claims", "P", "R", "F1 / acc", "support"]


def render_table(report: dict[str, Any]) -> Table:
    """Return the span scores as a rich table: per label, support and P / R / F1 per bucket."""
    from rich.table import Table

    table = Table(title=f"Spans ({report['documents']} documents), P / R / F1")
    for name in ("label", "support", *SPAN_BUCKETS):
        table.add_column(name, justify="left" if name == "label" else "right")
    for row in _span_rows(report):
        cells = [" / ".join(c[:4] for c in row[i : i + 3]).strip(" /") for i in (2, 5, 8)]
        table.add_row(row[0], row[1], *cells, end_section=row[0] == "QUANTITY")
    return table


def render_claims_table(report: dict[str, Any]) -> Table:
    """Return the claim scores as a rich table."""
    from rich.table import Table

    table = Table(title="Claims")
    for i, name in enumerate(_CLAIM_HEADER):
        table.add_column(name, justify="left" if i == 0 else "right")
    for row in _claim_rows(report):
        table.add_row(*row)
    return table


def print_report(report: dict[str, Any], *, console: Any | None = None) -> None:
    """Print both tables and the hashes with rich (``console`` defaults to a new Console)."""
    from rich.console import Console

    console = console or Console()
    console.print(render_table(report))
    console.print(render_claims_table(report))
    hashes = report.get("hashes") or {}
    console.print(
        f"gold {hashes.get('gold') or hashes.get('gold_content')}  "
        f"patterns {hashes.get('patterns')}  pipeline {report.get('pipeline_version')}  "
        f"code {(report.get('code') or '')[:12]}"
    )
    if report.get("missing_predictions"):
        console.print(f"missing predictions: {', '.join(report['missing_predictions'])}")


def _markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def report_markdown(report: dict[str, Any]) -> str:
    """Return the report as Markdown (a span table and a claim table) for a README."""
    parts = [
        f"Spans ({report['documents']} documents)",
        "",
        _markdown_table(_SPAN_HEADER, _span_rows(report)),
        "",
        "Claims",
        "",
        _markdown_table(_CLAIM_HEADER, _claim_rows(report)),
    ]
    hashes = report.get("hashes") or {}
    if hashes:
        parts += [
            "",
            f"Gold set `{(hashes.get('gold') or hashes.get('gold_content') or '')[:12]}`, "
            f"patterns `{(hashes.get('patterns') or '')[:12]}`, "
            f"pipeline `{report.get('pipeline_version')}`, "
            f"code `{(report.get('code') or '')[:12]}`.",
        ]
    return "\n".join(parts) + "\n"
