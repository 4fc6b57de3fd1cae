"""Places the model tags with a label the codebook drops (nlp/misread_places.py): invented
sentences through the whole pipeline."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def places(tnr_pipeline, text: str) -> list[tuple[str, str | None]]:
    return [
        (s.text, s.code) for s in tnr_pipeline.process_text(text).spans if s.label == "LOCATION"
    ]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("A Dakar-based research centre found that agents relied on informants.", ("Dakar", "SN")),
        ("Immigration officers at Colombo airport stopped him in 2022.", ("Colombo", "LK")),
        ("His mother was summoned to a station in Can Tho three times in May.", ("Can Tho", "VN")),
    ],
)
def test_a_known_city_the_model_reads_as_a_nationality_or_a_building_is_a_place(
    tnr_pipeline, text: str, place: tuple[str, str]
) -> None:
    assert place in places(tnr_pipeline, text)


def test_a_language_or_an_event_that_shares_a_places_words_is_none(tnr_pipeline) -> None:
    text = "The men spoke Mooré, witnesses said. The Geneva Conventions bar such transfers."
    assert [name for name, _ in places(tnr_pipeline, text)] == []


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # a town listed between places the pipeline tagged is a place, whatever the model
        ("Police arrested 30 parents in Asmara, Keren and Mendefera in May.", 3),
        # counterexample: a person listed with people stays a person
        ("Police arrested Ana Ruiz, Omar Haddad and Ivo Tamm in Asmara in May.", 1),
    ],
)
def test_a_town_listed_with_places_is_a_place(tnr_pipeline, text: str, places: int) -> None:
    record = tnr_pipeline.process_text(text)
    assert sum(s.label == "LOCATION" for s in record.spans) == places
