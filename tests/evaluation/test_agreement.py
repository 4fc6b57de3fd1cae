"""``gold agree``: shared documents only, Cohen's kappa of claim decisions, alpha of spans.

The coefficients are checked against values worked out by hand from their definitions
on small invented annotations.
"""

from __future__ import annotations

import pytest

from tnr_claims.evaluation.agreement import (
    NoSharedDocumentsError,
    agree,
    claim_units,
    cohen_kappa,
    krippendorff_alpha,
    span_units,
)
from tnr_claims.records import GoldDocument

TEXT = (
    "Agents detained Anna Vell in Ruritania. "
    "The weather was mild. "
    "Her brother was questioned in Borduria. "
    "The ministry published a statement."
)
SENTENCES = [sentence + "." for sentence in TEXT.rstrip(".").split(". ")]


def _offsets(surface: str) -> tuple[int, int]:
    start = TEXT.index(surface)
    return start, start + len(surface)


def _claim(sentence: str) -> dict:
    start, end = _offsets(sentence)
    return {"start": start, "end": end, "type": "incident"}


def _span(surface: str, label: str) -> dict:
    start, end = _offsets(surface)
    return {"start": start, "end": end, "label": label}


def document(claims: list[str], spans: list[tuple[str, str]], doc_id: str = "d1") -> GoldDocument:
    return GoldDocument.model_validate(
        {
            "doc_id": doc_id,
            "text": TEXT,
            "claims": [_claim(s) for s in claims],
            "spans": [_span(surface, label) for surface, label in spans],
        }
    )


def test_cohen_kappa_by_hand() -> None:
    # 10 units: both yes 4, both no 3, a yes/b no 2, a no/b yes 1
    a = [True] * 4 + [False] * 3 + [True] * 2 + [False]
    b = [True] * 4 + [False] * 3 + [False] * 2 + [True]
    observed = 7 / 10
    expected = (6 / 10) * (5 / 10) + (4 / 10) * (5 / 10)
    assert cohen_kappa(a, b) == pytest.approx((observed - expected) / (1 - expected))
    assert cohen_kappa(a, a) == pytest.approx(1.0)
    assert cohen_kappa([True, True], [True, True]) is None
    assert cohen_kappa([], []) is None


def test_krippendorff_alpha_by_hand() -> None:
    # nominal, two coders, 4 units: values (x,x) (y,y) (x,y) (y,y)
    # coincidences: o_xx=2, o_yy=4, o_xy=o_yx=1; n=8, n_x=3, n_y=5
    # alpha = 1 - (n - 1) * D_o / D_e = 1 - 7 * 2 / (2 * 3 * 5)
    alpha = krippendorff_alpha(["x", "y", "x", "y"], ["x", "y", "y", "y"])
    assert alpha == pytest.approx(1 - 7 * 2 / 30)
    assert krippendorff_alpha(["x", "y"], ["x", "y"]) == pytest.approx(1.0)
    assert krippendorff_alpha(["none", "none"], ["none", "none"]) is None


def test_claim_units_are_sentences() -> None:
    a = document([SENTENCES[0], SENTENCES[2]], [])
    b = document([SENTENCES[0]], [])
    assert claim_units(a, b) == ([True, False, True, False], [True, False, False, False])


def test_a_claim_over_a_clause_still_marks_its_sentence() -> None:
    start, end = _offsets("Agents detained Anna Vell")
    b = GoldDocument.model_validate(
        {"doc_id": "d1", "text": TEXT, "claims": [{"start": start, "end": end, "type": "incident"}]}
    )
    assert claim_units(b, b)[0] == [True, False, False, False]


def test_span_units_are_tokens_with_label_or_none() -> None:
    a = document([], [("Anna Vell", "PERSON"), ("Ruritania", "LOCATION")])
    b = document([], [("Anna Vell", "PERSON")])
    labels_a, labels_b = span_units(a, b)
    assert len(labels_a) == len(labels_b) == len(TEXT.replace(".", " .").split())
    assert labels_a[:6] == ["none", "none", "PERSON", "PERSON", "none", "LOCATION"]
    assert labels_b[:6] == ["none", "none", "PERSON", "PERSON", "none", "none"]


def test_agree_reports_both_coefficients_over_shared_documents() -> None:
    a = [
        document(
            [SENTENCES[0], SENTENCES[2]], [("Anna Vell", "PERSON"), ("Ruritania", "LOCATION")]
        ),
        document([SENTENCES[1]], [], doc_id="only-a"),
    ]
    b = [document([SENTENCES[0]], [("Anna Vell", "PERSON")])]
    report = agree(a, b)
    coefficients = report["agreement"]
    assert coefficients["claim_units"] == 4
    assert coefficients["claim_kappa"] == pytest.approx(
        cohen_kappa([True, False, True, False], [True, False, False, False]), abs=1e-4
    )
    assert 0 < coefficients["span_alpha"] < 1
    assert report["only_in_a"] == ["only-a"] and report["only_in_b"] == []
    same = agree(a[:1], a[:1])["agreement"]
    assert same["claim_kappa"] == 1.0 and same["span_alpha"] == 1.0


def test_no_shared_document_is_an_error() -> None:
    with pytest.raises(NoSharedDocumentsError, match="no document in common"):
        agree([document([], [], doc_id="x")], [document([], [], doc_id="y")])
