"""Name-shape context rules, on invented sentences through the whole pipeline."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def spans_of(tnr_pipeline, text: str, label: str) -> list[str]:
    return [s.text for s in tnr_pipeline.process_text(text).spans if s.label == label]


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Ankara accuses the Gulen movement of the failed coup.", "Gulen movement"),
        ("Supporters of the Free Ivo Sand campaign marched in Oslo.", "Free Ivo Sand campaign"),
    ],
)
def test_organisations_named_after_a_person_are_orgs(tnr_pipeline, text: str, org: str) -> None:
    assert org in spans_of(tnr_pipeline, text, "ORG")


def test_a_half_tagged_name_takes_its_given_name_but_not_a_title(tnr_pipeline) -> None:
    people = spans_of(
        tnr_pipeline,
        "Moninder Singh, a spokesman for the council, met President Arvind Kejriwal.",
        "PERSON",
    )
    assert "Moninder Singh" in people
    assert not any(name.startswith("President") for name in people)
