"""Acts against relatives (codebook, second set): custody and punishment of relatives are
RELATIVE_REPRISAL whatever the act word. Read on the parse, so the whole pipeline runs;
invented sentences."""

from __future__ import annotations

import pytest
from helpers import methods_of

pytestmark = pytest.mark.model


def method_codes(tnr_pipeline, text: str) -> dict[str, str]:
    record = tnr_pipeline.process_text(text)
    return {s.text: s.code for s in record.spans if s.label == "METHOD"}


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Her brother was abducted by masked men after her broadcast.", "abducted"),
        ("His father was beaten by police after the interview.", "beaten"),
        ("His parents were detained after he refused to go home.", "detained"),
        ("His family was placed under house arrest after his interview.", "house arrest"),
        ("Her brother is believed to have been held in Zarva prison since May.", "held"),
    ],
)
def test_custody_or_punishment_of_a_relative_is_a_reprisal(tnr_pipeline, text, word) -> None:
    codes = method_codes(tnr_pipeline, text)
    assert [code for span, code in codes.items() if word in span] == ["RELATIVE_REPRISAL"]


@pytest.mark.parametrize(
    ("first", "code"),
    [
        ("Lithuania expelled two cousins to Minsk in June.", "DETENTION"),
        ("Kenya extradited his cousins to Addis Ababa in June.", "DETENTION"),
        # counterexample: the cousins were never brought from abroad; they stay relatives
        ("Two cousins of the editor went to a police station in Minsk in June.", None),
    ],
)
def test_relatives_deported_themselves_are_targets_not_relatives_acted_on(
    tnr_pipeline, first: str, code: str | None
) -> None:
    """Codebook, second set: RELATIVE_REPRISAL is custody of relatives used against a target
    abroad; relatives who were themselves removed from abroad are targets in their own
    right, so their custody afterwards keeps its own code."""
    codes = method_codes(tnr_pipeline, first + " Each cousin is still held in a prison in Minsk.")
    held = [c for span, c in codes.items() if "held" in span]
    assert held and set(held) == {code or "RELATIVE_REPRISAL"}, codes


def test_the_of_phrase_of_a_lists_last_member_belongs_to_every_member(tnr_pipeline) -> None:
    text = "Police carried out arbitrary arrests and the detention of family members."
    codes = method_codes(tnr_pipeline, text)
    assert set(codes.values()) == {"RELATIVE_REPRISAL"}, codes


def test_a_relative_of_an_office_holder_is_the_target_himself(tnr_pipeline) -> None:
    codes = method_codes(tnr_pipeline, "Agents poisoned the half-brother of the country's leader.")
    assert set(codes.values()) == {"PHYSICAL_ATTACK"}, codes


def test_a_person_under_house_arrest_who_is_no_relative_stays_detained(tnr_pipeline) -> None:
    codes = method_codes(tnr_pipeline, "The blogger was placed under house arrest in May.")
    assert codes.get("house arrest") == "DETENTION"


@pytest.mark.parametrize(
    "text",
    [
        "Police officers detained two of her nephews at a checkpoint in Giza.",
        "Police detained several of her relatives after the broadcast.",
    ],
)
def test_custody_of_some_of_the_relatives_counted_is_a_reprisal(tnr_pipeline, text) -> None:
    codes = method_codes(tnr_pipeline, text)
    assert "RELATIVE_REPRISAL" in codes.values()
    assert "DETENTION" not in codes.values()


def test_relatives_a_relative_clause_says_were_held_suffered_a_reprisal(tnr_pipeline) -> None:
    text = "The group counted 14 relatives of exiles who were detained or questioned in 2023."
    assert method_codes(tnr_pipeline, text) == {"detained": "RELATIVE_REPRISAL"}
    # counterexample: the clause is about people who are no relatives
    text = "Police released two exiles who were detained in Riga."
    assert method_codes(tnr_pipeline, text) == {"detained": "DETENTION"}


def test_custody_of_some_of_a_group_of_others_stays_detention(tnr_pipeline) -> None:
    # counterexample: the people counted are no relatives
    codes = method_codes(tnr_pipeline, "Police detained two of the activists in Giza.")
    assert list(codes.values()) == ["DETENTION"]


def test_agents_who_hold_relatives_at_home_are_no_overseas_agents(tnr_pipeline) -> None:
    codes = method_codes(tnr_pipeline, "Security agents arrested his parents in Giza.")
    assert "OVERSEAS_AGENTS" not in codes.values()
    # counterexample: agents acting on someone else stay
    codes = method_codes(tnr_pipeline, "Security agents followed the exile in Berlin.")
    assert "OVERSEAS_AGENTS" in codes.values()


def test_an_office_in_a_clause_about_the_exile_does_not_make_the_relative_an_official(
    tnr_pipeline,
) -> None:
    text = (
        "Police detained two brothers of Omar Hadi, a banker who sued the crown prince, in Zarva."
    )
    assert "RELATIVE_REPRISAL" in method_codes(tnr_pipeline, text).values()
    # counterexample: the relative of an office holder is the one acted on himself
    text = "Police detained the half-brother of the country's president."
    assert "RELATIVE_REPRISAL" not in method_codes(tnr_pipeline, text).values()


def test_the_arrests_in_a_sentence_telling_arrests_of_relatives_are_those(tnr_pipeline) -> None:
    text = (
        "People who heard about the arrests told reporters that officers "
        "arrested two of her nephews at a checkpoint."
    )
    assert set(method_codes(tnr_pipeline, text).values()) == {"RELATIVE_REPRISAL"}


def test_the_arrests_in_a_sentence_telling_no_reprisal_stay_detention(tnr_pipeline) -> None:
    # counterexample: the act told is on an activist, no relative
    text = "People who heard about the detentions said police detained two activists at home."
    assert "RELATIVE_REPRISAL" not in method_codes(tnr_pipeline, text).values()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "His uncle, cousin and son are now held by the police in Minsk. We learned that "
            "they were forcibly disappeared in June.",
            "RELATIVE_REPRISAL",
        ),
        (
            "The cousins, Ivo Tamm and Karl Tamm, have not been seen since. They are being "
            "held in Tartu, the group said.",
            "RELATIVE_REPRISAL",
        ),
        # counterexample: 'they' after a sentence about others
        ("Two activists fled to Oslo in May. They were detained in June.", "DETENTION"),
    ],
)
def test_they_opening_a_sentence_after_one_about_relatives_is_those_relatives(
    tnr_pipeline, text: str, code: str
) -> None:
    codes = method_codes(tnr_pipeline, text)
    last = max(
        (s for s in tnr_pipeline.process_text(text).spans if s.label == "METHOD"),
        key=lambda s: s.start,
    )
    assert codes[last.text] == code


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # the relatives after the list's last act are acted on by every act of the list
        (
            "Police used arrests, beatings and the long detention of his brother to punish him.",
            ["RELATIVE_REPRISAL", "RELATIVE_REPRISAL", "RELATIVE_REPRISAL"],
        ),
        # ... whatever the parser made of the list ('enforced' read as a verb)
        (
            "The regime punishes critics with sudden arrests, enforced disappearances, and "
            "extended detention of family members.",
            ["RELATIVE_REPRISAL", "RELATIVE_REPRISAL", "RELATIVE_REPRISAL"],
        ),
        # counterexamples: an act with its own people, and acts told in another clause
        (
            "Agents carried out arrests of activists, and the detention of their relatives.",
            ["DETENTION", "RELATIVE_REPRISAL"],
        ),
        (
            "Exiles face arrests and threats, and their relatives face the detention of "
            "family members.",
            ["DETENTION", "THREAT", "RELATIVE_REPRISAL"],
        ),
    ],
)
def test_relatives_after_a_list_of_acts_are_acted_on_by_each(tnr_pipeline, text, codes) -> None:
    assert [code for _, code in methods_of(tnr_pipeline, text)] == codes


@pytest.mark.parametrize(
    "text",
    [
        "Four exiles have had relatives summoned or detained since the vote.",
        "The report lists forty relatives interrogated or arrested since the election.",
    ],
)
def test_the_second_of_two_acts_described_on_relatives_is_a_reprisal(tnr_pipeline, text) -> None:
    codes = method_codes(tnr_pipeline, text)
    second = [code for span, code in codes.items() if span in ("detained", "arrested")]
    assert second == ["RELATIVE_REPRISAL"], codes


def test_acts_described_on_people_who_are_not_relatives_keep_their_code(tnr_pipeline) -> None:
    codes = method_codes(tnr_pipeline, "The report lists forty students questioned or detained.")
    assert codes.get("detained") == "DETENTION", codes


@pytest.mark.parametrize(
    ("text", "people"),
    [
        # one given name after a relative someone has is that relative's name
        ("Agents detained his daughter Ana in Oslo.", ["Ana"]),
        ("Police questioned Omar Haddad's sister Lina at home.", ["Omar Haddad", "Lina"]),
        # counterexamples: no possessor, or not a relative
        ("The daughter Ana was born in Oslo.", []),
        ("Agents followed his car Nova to Oslo.", []),
    ],
)
def test_one_name_after_a_relative_someone_has_is_a_person(
    tnr_pipeline, text: str, people: list[str]
) -> None:
    record = tnr_pipeline.process_text(text)
    assert [text[s.start : s.end] for s in record.spans if s.label == "PERSON"] == people
