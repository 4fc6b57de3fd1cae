"""Test helpers shared by several test modules: hand-built records, PDFs, an HTML audit.

The record builders make pipeline records from invented sentences, so tests that use
them need neither the statistical model nor a pipeline run. :func:`markup_problems` is
the one definition of what an inert page must not contain; the HTML parsers of the
report and review tests both apply it to every start tag.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from tnr_claims.records import (
    ClaimProvenance,
    ClaimRecord,
    DocumentRecord,
    PipelineInfo,
    SpanProvenance,
    SpanRecord,
)

INFO = PipelineInfo(version="0.1.0", model="test", model_version="0", patterns_hash="x" * 12)
"""Pipeline information of every hand-built record."""

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
]
"""Markup a hostile document may carry anywhere it puts text."""

URL_ATTRIBUTES = {
    "src",
    "href",
    "action",
    "formaction",
    "srcset",
    "poster",
    "data",
    "xlink:href",
    "background",
    "cite",
    "manifest",
    "ping",
}
"""Attributes that load or link a URL: only in-page ``#`` targets are allowed."""

ACTIVE_TAGS = {
    "script",
    "iframe",
    "frame",
    "object",
    "embed",
    "img",
    "link",
    "base",
    "form",
    "svg",
    "math",
    "video",
    "audio",
    "source",
    "input",
    "button",
    "meta-refresh",
}
"""Elements that run, load or submit something: none may appear on an inert page."""


def span(text: str, surface: str, label: str, *, occurrence: int = 0, **fields: Any) -> SpanRecord:
    """A rule-made span of ``surface`` (its ``occurrence``-th appearance) in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    context = fields.pop("context_rules", [])
    return SpanRecord(
        start=start,
        end=start + len(surface),
        label=label,
        text=surface,
        provenance=SpanProvenance(
            source="rule", pattern_id=f"{label.lower()}-test", context_rules=context
        ),
        **fields,
    )


def claim(text: str, sentence: str, doc_id: str, **fields: Any) -> ClaimRecord:
    """A claim on ``sentence`` of ``text``."""
    start = text.index(sentence)
    source_rule = fields.pop("source_rule", None)
    return ClaimRecord(
        doc_id=doc_id,
        start=start,
        end=start + len(sentence),
        text=sentence,
        provenance=ClaimProvenance(
            type_rule="test", source_rule=source_rule, pipeline_version="0.1.0"
        ),
        **fields,
    )


def make_pdf(*pages: str) -> bytes:
    """A PDF with one page per string (an empty string gives a page without text)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    for text in pages:
        pdf.add_page()
        if text:
            pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


def markup_problems(tag: str, attrs: list[tuple[str, str | None]]) -> list[str]:
    """What a start tag would execute or load: active elements, ``on*`` handlers,
    non-``#`` URLs, ``javascript:`` URLs, remote loads in a style, a meta refresh."""
    problems = []
    if tag in ACTIVE_TAGS:
        problems.append(f"<{tag}> element")
    for name, value in attrs:
        text = (value or "").strip().lower()
        if name.startswith("on"):
            problems.append(f"{name} attribute on <{tag}>")
        if name in URL_ATTRIBUTES and not text.startswith("#"):
            problems.append(f"{name}={value!r} on <{tag}>")
        if name not in ("title",) and re.search(r"javascript\s*:", text):
            problems.append(f"javascript: URL in {name} of <{tag}>")
        if name == "style" and ("url(" in text or "@import" in text or "expression(" in text):
            problems.append(f"remote load in style of <{tag}>")
    if tag == "meta" and (dict(attrs).get("http-equiv") or "").lower() == "refresh":
        problems.append("meta refresh")
    return problems


def assert_report_shape(report: dict) -> None:
    """The keys of gold-format.md's "Evaluation report", written out from the spec."""
    SPAN_LABELS = ("METHOD", "LOCATION", "LEGAL_REF", "PERSON", "ORG", "DATE", "QUANTITY")
    assert {"documents", "spans", "method_categories", "claims"} <= set(report)
    assert set(report["spans"]) == {*SPAN_LABELS, "micro"}
    for label in SPAN_LABELS:
        assert set(report["spans"][label]) == {"strict", "partial", "normalised", "support"}
        for bucket in ("strict", "partial", "normalised"):
            assert set(report["spans"][label][bucket]) == {"p", "r", "f1"}
    assert set(report["spans"]["micro"]) == {"strict", "partial", "normalised"}
    assert set(report["method_categories"]) == {"p", "r", "f1"}
    claims = report["claims"]
    assert set(claims) == {
        "detection",
        "type_accuracy",
        "fields",
        "hedged_accuracy",
        "negated_accuracy",
        "hedged",
        "negated",
    }
    assert set(claims["detection"]) == {"p", "r", "f1", "support"}
    assert set(claims["fields"]) == {
        "methods",
        "locations",
        "legal_refs",
        "targets",
        "source",
        "dates",
        "quantities",
    }
    for name in ("hedged", "negated"):
        assert set(claims[name]) == {"p", "r", "f1"}


# --------------------------------------------------------------------------- linking

LINK_INFO = INFO


def make_record(
    doc_id: str, claims: Sequence[dict[str, Any]], people: Sequence[str] = ()
) -> DocumentRecord:
    """A record whose text is its claims' sentences, one a line, then the people's names."""
    lines = [c["text"] for c in claims]
    text = "\n".join([*lines, *people])
    records = []
    cursor = 0
    spans = []
    for claim in claims:
        fields = {k: v for k, v in claim.items() if k not in ("text", "date_spans")}
        fields.setdefault("type", "incident")
        for surface, value in claim.get("date_spans", ()):  # (words, ISO value) in the sentence
            at = cursor + claim["text"].index(surface)
            spans.append(
                SpanRecord(
                    start=at,
                    end=at + len(surface),
                    label="DATE",
                    text=surface,
                    value=value,
                    provenance=SpanProvenance(source="rule", pattern_id="t"),
                )
            )
        records.append(
            ClaimRecord(
                doc_id=doc_id,
                start=cursor,
                end=cursor + len(claim["text"]),
                text=claim["text"],
                provenance=ClaimProvenance(type_rule="t", pipeline_version="0"),
                **fields,
            )
        )
        cursor += len(claim["text"]) + 1
    for name in people:
        spans.append(
            SpanRecord(
                start=cursor,
                end=cursor + len(name),
                label="PERSON",
                text=name,
                name=name,
                provenance=SpanProvenance(source="model", model_label="PERSON"),
            )
        )
        cursor += len(name) + 1
    return DocumentRecord(doc_id=doc_id, text=text, spans=spans, claims=records, pipeline=LINK_INFO)


class Exploding:
    """The real pipeline, except that a text containing BOOM makes a component crash."""

    def __init__(self, pipeline: Any) -> None:
        self._pipeline = pipeline

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pipeline, name)

    def process(self, items, **kwargs):  # type: ignore[no-untyped-def]
        items = list(items)
        if any("BOOM" in text for _, text, _ in items):
            raise RuntimeError("component exploded")
        return self._pipeline.process(items, **kwargs)


def claims_cli(
    *args: str, cwd: Path, timeout: float = 300, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m tnr_claims.cli ARGS`` in ``cwd`` and capture its output, the way a
    user starts ``claims`` (``env``: the environment, default the test's own)."""
    return subprocess.run(
        [sys.executable, "-m", "tnr_claims.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=dict(env) if env is not None else None,
    )


def claim_of(tnr_pipeline, text: str, sentence_start: str) -> ClaimRecord:
    """The one claim of ``text``, run through the whole pipeline, whose sentence starts
    with ``sentence_start``."""
    record = tnr_pipeline.process_text(text)
    [claim] = [c for c in record.claims if c.text.startswith(sentence_start)]
    return claim


def methods_of(tnr_pipeline, text: str) -> list[tuple[str, str]]:
    """``(text, code)`` of each METHOD span of ``text`` run through the whole pipeline."""
    record = tnr_pipeline.process_text(text)
    return [(s.text, s.code) for s in record.spans if s.label == "METHOD"]
