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
"""A removal the document tells: the memory the plain words below need."""


def removals_again(tnr_pipeline, text: str) -> list[tuple[str, str]]:
    """``(text, code)`` of the METHOD spans the removal-words rule made."""
    record = tnr_pipeline.process_text(text)
    return [
        (text[s.start : s.end], s.code)
        for s in record.spans
        if s.label == "METHOD"
        and any(r.endswith(".removal_told_again") for r in s.provenance.context_rules)
    ]


@pytest.mark.parametrize(
    ("text", "again", "code"),
    [
        (
            "Twelve of the detained men were later expelled at the river crossing.",
            "expelled",
            "DEPORTATION",
        ),
        (
            "The ministry said everyone removed had entered without papers.",
            "removed",
            "DEPORTATION",
        ),
        ("Among those returned was a retired schoolteacher.", "returned", "FORCED_RETURN"),
        ("A lawyer asked the court to halt all removals to Vell.", "removals", "DEPORTATION"),
        ("Officials insist that every return is voluntary.", "return", "FORCED_RETURN"),
        (
            "Hundreds of asylum seekers sent home from the camps say they were threatened.",
            "sent home",
            "FORCED_RETURN",
        ),
        (
            "He was seized outside a bakery and flown home on a chartered jet.",
            "flown home",
            "FORCED_RETURN",
        ),
        ("The group called for an end to informal handovers.", "handovers", "DEPORTATION"),
        (
            "Lawyers fought the handover of three poets to Vell.",
            "handover",
            "DEPORTATION",
        ),
    ],
)
def test_a_plain_removal_word_where_a_removal_is_told_is_the_act_again(
    tnr_pipeline, text: str, again: str, code: str
) -> None:
    assert removals_again(tnr_pipeline, TOLD + text) == [(again, code)]


def test_a_plain_removal_word_in_a_headline_before_the_removal_is_the_act(tnr_pipeline) -> None:
    text = "Vellish exiles sent home from Ruritanian camps\n\n" + TOLD
    assert removals_again(tnr_pipeline, text) == [("sent home", "FORCED_RETURN")]


@pytest.mark.parametrize(
    "text",
    [
        # no removal told anywhere
        "Twelve of the detained men were later expelled at the river crossing.",
        # not people, one's own journey, someone's return, a modifier, a noun of 'fly' or
        # 'hand', a return to no place, a sentence handed down, removal from an office
        TOLD + "The post was removed after a day.",
        TOLD + "Her passport was returned to her in June.",
        TOLD + "She returned to the capital in 2019 to visit her mother.",
        TOLD + "The students flew home for the holidays.",
        TOLD + "After his return to the capital he was arrested.",
        TOLD + "They booked a return flight and filed their tax returns.",
        TOLD + "He sent home money every month.",
        TOLD + "The kites and the flies of summer came back.",
        TOLD + "The old mill changed hands twice.",
        TOLD + "Three students were handed long prison terms.",
        TOLD + "The town saw a return to calm in May.",
        TOLD + "The opposition tried to remove the mayor from office.",
        TOLD + "Most of the musicians who toured abroad have returned home.",
    ],
)
def test_plain_removal_words_without_people_or_memory_are_no_act(tnr_pipeline, text) -> None:
    assert removals_again(tnr_pipeline, text) == []
