"""Documents and nationality (codebook, second set): refusing, withholding or cancelling
passports or papers and stripping citizenship are TRAVEL_RESTRICTION. Whole pipeline,
invented sentences."""

from __future__ import annotations

import pytest
from helpers import methods_of as methods

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Two were still at school when their nationality was withdrawn.",
            [("nationality was withdrawn", "TRAVEL_RESTRICTION")],
        ),
        (
            "The decree lets the cabinet withdraw citizenship from critics abroad.",
            [("withdraw citizenship", "TRAVEL_RESTRICTION")],
        ),
        (
            "Guards took away his passport and his laptop at the border.",
            [("took away his passport", "TRAVEL_RESTRICTION")],
        ),
        # counterexample: taken away with no document is custody
        ("Guards took away the reporter at the border.", [("took away", "DETENTION")]),
    ],
)
def test_documents_taken_or_withdrawn_are_travel_restrictions(
    tnr_pipeline, text: str, expected
) -> None:
    assert methods(tnr_pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The interior minister made 14 exiled critics stateless in 2016.", ["stateless"]),
        ("A court order left the poet stateless.", ["stateless"]),
        # counterexamples: the condition, not the act that caused it
        ("Millions of people around the world are effectively stateless.", []),
        ("The group asks Canada to recognise the exiles as stateless.", []),
        ("Their report, Stateless at Sea, came out in May.", []),
    ],
)
def test_stateless_is_a_method_only_where_someone_was_made_so(
    tnr_pipeline, text: str, expected
) -> None:
    assert [t for t, _ in methods(tnr_pipeline, text)] == expected
