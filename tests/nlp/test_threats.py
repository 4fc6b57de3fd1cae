"""The act threatened is not a METHOD; threats to relatives are FAMILY_PRESSURE."""

from __future__ import annotations

import pytest
from helpers import methods_of as methods

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Officials threatened to jail her parents and seize their house unless she returned.",
            [("threatened", "FAMILY_PRESSURE")],
        ),
        ("Police threatened the exiled poet with arrest.", [("threatened", "THREAT")]),
        ("Agents threatened to kill him if he spoke.", [("threatened", "THREAT")]),
        ("Police arrested his parents in Urumqi.", [("arrested his parents", "RELATIVE_REPRISAL")]),
        # a warning or threats whose clause is the act threatened
        (
            "She received a warning that she would be killed if she kept writing.",
            [("warning", "THREAT")],
        ),
        (
            "Agents sent him threats that his family would be arrested.",
            [("threats", "FAMILY_PRESSURE")],
        ),
        # relatives named only in the warning's condition: the threat is to her
        (
            "An officer warned Ana Vell to stop writing if she wanted to see her parents again.",
            [("warned", "THREAT")],
        ),
    ],
)
def test_threatened_acts(tnr_pipeline, text: str, expected: list[tuple[str, str]]) -> None:
    assert methods(tnr_pipeline, text) == expected


def test_a_threat_to_no_one_is_no_method(tnr_pipeline) -> None:
    text = "Rights groups say the new law threatens democracy and free speech in the region."
    assert methods(tnr_pipeline, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Critics said the attack on press freedom continues.", []),
        (
            "Officials said the attack on the exiled blogger was planned.",
            [("attack", "PHYSICAL_ATTACK")],
        ),
        ("Officials said the attack was planned for weeks.", [("attack", "PHYSICAL_ATTACK")]),
    ],
)
def test_an_attack_on_no_one_is_no_method(
    tnr_pipeline, text: str, expected: list[tuple[str, str]]
) -> None:
    assert methods(tnr_pipeline, text) == expected


def test_a_threat_to_a_person_stays(tnr_pipeline) -> None:
    text = "Rights groups say agents threatened the exiled journalist Ana Ruiz in Oslo last year."
    assert methods(tnr_pipeline, text) == [("threatened", "THREAT")]


def test_threatening_messages_read_as_a_verb_stay_a_threat(tnr_pipeline) -> None:
    """After 'of' the model may read 'threatening' as a verb with 'messages' its object."""
    text = "Over the next year Ana Ruiz received dozens of threatening messages from strangers."
    assert methods(tnr_pipeline, text) == [("threatening messages", "THREAT")]


def test_a_threat_to_an_abstraction_after_of_is_still_none(tnr_pipeline) -> None:
    text = "The new law threatening press freedom passed in May."
    assert methods(tnr_pipeline, text) == []


def test_threatening_calls_after_a_count_are_threats(tnr_pipeline) -> None:
    # the parser reads 'threatening' as a verb on 'calls', with 'phone' between
    text = "Since May, Ana Ruiz has received at least a dozen threatening phone calls from abroad."
    assert methods(tnr_pipeline, text) == [("threatening phone calls", "THREAT")]
