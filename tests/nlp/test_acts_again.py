"""An act told again by its head noun ('the tax' after 'a diaspora tax'): whole pipeline,
invented sentences."""

from __future__ import annotations

import pytest
from helpers import methods_of as methods

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "again"),
    [
        (
            "Vell's consulates refuse papers to exiles who have not paid the 2% diaspora tax. "
            "Many said the tax was the price of every consular service.",
            ("tax", "BLACKMAIL"),
        ),
        (
            "Vell obtained a red notice against Ana Ruiz in May. Interpol is reviewing the "
            "notice, her lawyer said.",
            ("notice", "INTERPOL_ABUSE"),
        ),
    ],
)
def test_a_definite_head_noun_after_the_act_is_the_act_again(tnr_pipeline, text, again) -> None:
    assert methods(tnr_pipeline, text)[-1] == again


@pytest.mark.parametrize(
    "text",
    [
        # the head named before the act, or without a definite article, or generic
        "The tax office in Oslo is closed. Vell demands a 2% diaspora tax from exiles.",
        "Vell demands a 2% diaspora tax from exiles. A tax on income is normal.",
        "Vell sent an extradition request for Ana Ruiz. The request was refused.",
        # people acted on are not the act
        "Police held the families of critics. The families were released in May.",
    ],
)
def test_other_mentions_of_the_head_are_no_act(tnr_pipeline, text: str) -> None:
    words = [t for t, _ in methods(tnr_pipeline, text)]
    assert not [t for t in words if t in ("tax", "request", "families")], words
