"""Records validate themselves: offsets, surfaces, overlaps, codes."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from tnr_claims.records import (
    ClaimProvenance,
    ClaimRecord,
    DocumentRecord,
    GoldDocument,
    GoldSpan,
    PipelineInfo,
    SpanProvenance,
    SpanRecord,
    gold_dict,
)

TEXT = "Agents kidnapped Xu Zheng in Bangkok in 2015."
INFO = PipelineInfo(version="0", model="en_core_web_sm", model_version="3.8.0", patterns_hash="x")


def _span(start: int, end: int, label: str = "LOCATION", **fields) -> SpanRecord:
    return SpanRecord(
        start=start,
        end=end,
        label=label,
        text=TEXT[start:end],
        provenance=SpanProvenance(source="rule", pattern_id="X.y"),
        **fields,
    )


def test_document_record_accepts_consistent_spans_and_claims() -> None:
    claim = ClaimRecord(
        doc_id="d",
        start=0,
        end=len(TEXT),
        text=TEXT,
        type="incident",
        methods=["ABDUCTION"],
        provenance=ClaimProvenance(type_rule="TYPE.x", pipeline_version="0"),
    )
    record = DocumentRecord(
        doc_id="d",
        text=TEXT,
        spans=[_span(7, 16, "METHOD", code="ABDUCTION"), _span(29, 36, code="TH")],
        claims=[claim],
        pipeline=INFO,
    )
    gold = gold_dict(record.to_gold())
    assert gold["spans"][1] == {
        "start": 29,
        "end": 36,
        "label": "LOCATION",
        "code": "TH",
        "text": "Bangkok",
    }
    assert gold["claims"][0]["methods"] == ["ABDUCTION"]
    assert set(gold) == {"doc_id", "text", "meta", "spans", "claims"}


@pytest.mark.parametrize(
    ("spans", "message"),
    [
        ([(29, 36), (30, 40)], "overlap"),
        ([(29, 99)], "past the text"),
    ],
)
def test_document_record_rejects_bad_spans(spans, message) -> None:
    records = [
        SpanRecord(
            start=s,
            end=e,
            label="LOCATION",
            text=TEXT[s:e] or "x",
            code="TH",
            provenance=SpanProvenance(source="model", model_label="GPE"),
        )
        for s, e in spans
    ]
    with pytest.raises(ValidationError, match=message):
        DocumentRecord(doc_id="d", text=TEXT, spans=records, pipeline=INFO)


def test_span_surface_must_equal_text() -> None:
    bad = SpanRecord(
        start=29,
        end=36,
        label="LOCATION",
        text="Bangkox",
        code="TH",
        provenance=SpanProvenance(source="model", model_label="GPE"),
    )
    with pytest.raises(ValidationError, match="text"):
        DocumentRecord(doc_id="d", text=TEXT, spans=[bad], pipeline=INFO)


@pytest.mark.parametrize(
    "span",
    [
        {"start": 0, "end": 6, "label": "METHOD", "code": "KIDNAP"},
        {"start": 0, "end": 6, "label": "LOCATION", "code": "tha"},
        {"start": 0, "end": 6, "label": "QUANTITY", "value": "six"},
        {"start": 0, "end": 6, "label": "WEAPON"},
        {"start": 6, "end": 6, "label": "ORG", "name": "x"},
        {"start": 0, "end": 6, "label": "ORG", "name": "x", "colour": "red"},
    ],
)
def test_gold_span_rejects_values_outside_the_codebook(span) -> None:
    with pytest.raises(ValidationError):
        GoldSpan.model_validate(span)


def test_gold_document_checks_stated_text() -> None:
    with pytest.raises(ValidationError, match="text"):
        GoldDocument(
            doc_id="d",
            text=TEXT,
            spans=[GoldSpan(start=29, end=36, label="LOCATION", code="TH", text="Paris")],
        )
