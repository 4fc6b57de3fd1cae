"""Domestic repression is no METHOD (pipeline/nlp/domestic.py), and a retired officer is
no agent at work (nlp/context.py). Invented sentences through the whole pipeline."""

from __future__ import annotations

import pytest
from helpers import methods_of as methods


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # acts in unrest at home, also on the agent and in a joined clause
        (
            "Hundreds were arrested by soldiers in the riots, and nine people were killed.",
            [],
        ),
        ("Some 30 villagers were killed during the uprising in Ruritania in 2019.", []),
        ("In the midst of the student protests, I was detained at my flat in Ruritania.", []),
        ("Soldiers arrested hundreds of students during a wave of street protests in Vell.", []),
        # custody of the crowd itself; an attack on exiles' protesters abroad stays
        ("Riot police rounded up protesters in the capital of Ruritania on Friday.", []),
        (
            "Men from the embassy beat protesters outside its gates in Oslo.",
            [("beat", "PHYSICAL_ATTACK")],
        ),
        # an attack at an exiles' protest abroad stays
        (
            "Two exiles were attacked at a protest outside the embassy in Oslo.",
            [("attacked", "PHYSICAL_ATTACK")],
        ),
        ("Police in Riga detained the exiled blogger Ana Ruiz.", [("detained", "DETENTION")]),
    ],
)
def test_acts_in_unrest_at_home_are_no_methods(
    tnr_pipeline, text: str, expected: list[tuple[str, str]]
) -> None:
    assert methods(tnr_pipeline, text) == expected


def test_a_retired_officer_three_words_back_is_no_agent(tnr_pipeline) -> None:
    text = "Ivo Marek, a retired Ruritanian military intelligence officer, was poisoned in Oslo."
    assert methods(tnr_pipeline, text) == [("poisoned", "PHYSICAL_ATTACK")]


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        # with its acts dropped as domestic, a count of the people they hit is no claim
        ("Hundreds were arrested by soldiers in the riots, and nine people were killed.", 0),
        ("Some 30 villagers were killed during the uprising in Ruritania in 2019.", 0),
        # counterexample: a count of people acted on abroad stays a claim
        ("Police in Riga detained 12 exiled students in May.", 1),
    ],
)
def test_a_count_of_people_hit_in_unrest_at_home_is_no_claim(
    tnr_pipeline, text: str, claims: int
) -> None:
    assert len(tnr_pipeline.process_text(text).claims) == claims
