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


TOLD = "Ruritania deported forty Vellish exiles in March. "
"""A removal told first: the memory the plain words below need."""


@pytest.mark.parametrize(
    ("text", "again"),
    [
        ("Twelve of the detained men were later expelled at the river crossing.", "expelled"),
        ("The ministry said everyone removed had entered without papers.", "removed"),
        ("Among those returned was a retired schoolteacher.", "returned"),
        ("A lawyer asked the court to halt all removals to Vell.", "removals"),
        ("Officials insist that every return is voluntary.", "return"),
        (
            "Hundreds of asylum seekers sent home from the camps say they were threatened.",
            "sent home",
        ),
        ("He was seized outside a bakery and flown home on a chartered jet.", "flown home"),
        ("The group called for an end to informal handovers.", "handovers"),
    ],
)
def test_a_plain_removal_word_after_a_removal_is_the_act_again(
    tnr_pipeline, text: str, again: str
) -> None:
    found = dict(methods(tnr_pipeline, TOLD + text))
    code = (
        "FORCED_RETURN"
        if again.split()[0] in ("returned", "return", "sent", "flown")
        else "DEPORTATION"
    )
    assert found.get(again) == code, found


@pytest.mark.parametrize(
    "text",
    [
        # no removal told before
        "Twelve of the detained men were later expelled at the river crossing.",
        # not people, one's own journey, someone's return, a modifier, a noun of 'fly'
        TOLD + "The post was removed after a day.",
        TOLD + "Her passport was returned to her in June.",
        TOLD + "She returned to the capital in 2019 to visit her mother.",
        TOLD + "The students flew home for the holidays.",
        TOLD + "After his return to the capital he was arrested.",
        TOLD + "They booked a return flight and filed their tax returns.",
        TOLD + "He sent home money every month.",
        TOLD + "The crackdown on tigers and flies went on.",
        TOLD + "The opposition tried to remove the mayor from office.",
        TOLD + "Almost all members who were active abroad have returned home.",
    ],
)
def test_plain_removal_words_without_people_or_memory_are_no_act(tnr_pipeline, text) -> None:
    words = [t for t, _ in methods(tnr_pipeline, text)]
    plain = {
        "expelled",
        "removed",
        "returned",
        "return",
        "returns",
        "flew home",
        "sent home",
        "flies",
    }
    assert not [t for t in words if t in plain], words
