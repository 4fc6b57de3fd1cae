"""Who an act is done to, read token by token on the parse (``claims/roles.py``).

Invented sentences through the real model; no spans are needed for these roles.
"""

from __future__ import annotations

import pytest

from tnr_claims.claims.index import DocIndex
from tnr_claims.claims.roles import target_role
from tnr_claims.rules.loader import default_patterns

pytestmark = pytest.mark.model


def role_of(tnr_pipeline, text: str, word: str) -> str | None:
    doc = tnr_pipeline.nlp(text)
    index = DocIndex(doc, [], default_patterns().lexicons)
    [i] = [t.i for t in doc if t.text == word]
    return target_role(index, i, True)


@pytest.mark.parametrize("verb", ["worked", "spied"])
def test_the_one_an_agent_serves_is_no_target(tnr_pipeline, verb: str) -> None:
    # 'worked for X': X is who the agent serves, even where the model reads X as a person
    assert role_of(tnr_pipeline, f"A man who {verb} for Sand photographed the flat.", "Sand") == (
        "exclude"
    )


def test_the_one_an_act_is_against_is_its_target(tnr_pipeline) -> None:
    # counterexample: 'the abduction of X' keeps X as the one acted on
    role = role_of(tnr_pipeline, "Officials began the abduction of Sand in May.", "Sand")
    assert role == "TARGET.prep_object"
