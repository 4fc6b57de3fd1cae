"""An obituary's facts of a life: a death no one inflicted and a family are no claims."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        ("Tomas Varga died in Oslo on Friday after a long illness, his publisher said.", 0),
        ("The novelist is survived by three children and seven grandchildren.", 0),
        # counterexamples: a death in custody, and a death from an attack's wounds
        ("Tomas Varga died in custody in Vell in 2019.", 1),
        ("Tomas Varga died of his injuries after the attack.", 1),
    ],
)
def test_a_natural_death_and_a_family_counted_are_no_claims(
    tnr_pipeline, text: str, claims: int
) -> None:
    assert len(tnr_pipeline.process_text(text).claims) == claims
