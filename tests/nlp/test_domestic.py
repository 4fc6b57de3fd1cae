"""Domestic repression is no METHOD (pipeline/nlp/domestic.py), and a retired officer is
no agent at work (nlp/context.py). Invented sentences through the whole pipeline."""

from __future__ import annotations

import pytest


def methods(tnr_pipeline, text: str) -> list[tuple[str, str]]:
    record = tnr_pipeline.process_text(text)
    return [(s.text, s.code) for s in record.spans if s.label == "METHOD"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # acts in unrest at home, also on the agent and in a joined clause
        ("Thousands were detained by police in the protests, and 25 people were killed.", []),
        ("At least 40 people were killed during the unrest in Ruritania last year.", []),
        ("In the midst of nationwide protests, I was arrested at home in Ruritania.", []),
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
