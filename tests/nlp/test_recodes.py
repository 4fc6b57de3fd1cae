"""Context rules that change a METHOD's code from what the parse shows of its act
(``nlp/recodes.py``), other than the relatives' ones. Invented sentences, whole pipeline."""

from __future__ import annotations

import pytest
from helpers import methods_of

pytestmark = pytest.mark.model


def method_codes(tnr_pipeline, text: str) -> dict[str, str]:
    record = tnr_pipeline.process_text(text)
    return {s.text: s.code for s in record.spans if s.label == "METHOD"}


@pytest.mark.parametrize(
    "text",
    [
        "Police are offering a reward of $50,000 for information leading to their arrest.",
        "The ministry offered a cash reward for the capture of the four exiles.",
    ],
)
def test_a_reward_for_information_or_capture_is_a_bounty(tnr_pipeline, text) -> None:
    assert "INFORMANT_COERCION" in method_codes(tnr_pipeline, text).values()
    assert "INDUCEMENT" not in method_codes(tnr_pipeline, text).values()


def test_a_reward_for_coming_home_stays_an_inducement(tnr_pipeline) -> None:
    # counterexample: the reward is the target's, for returning
    codes = method_codes(tnr_pipeline, "Officials offered him a reward if he returned home.")
    assert "INDUCEMENT" in codes.values()


def test_a_return_a_relative_is_told_to_bring_about_is_pressure_to_return(tnr_pipeline) -> None:
    codes = method_codes(
        tnr_pipeline, "A man phoned his mother in Grozny and told her to bring her son home."
    )
    assert codes == {"told her": "FAMILY_PRESSURE", "bring": "PERSUASION_TO_RETURN"}


def test_a_return_a_relative_is_told_to_bring_about_of_a_pronoun_is_pressure(tnr_pipeline):
    codes = method_codes(tnr_pipeline, "Police told his aunt to bring him back from Oslo.")
    assert codes == {"told his aunt": "FAMILY_PRESSURE", "bring him back": "PERSUASION_TO_RETURN"}


def test_a_return_agents_carried_out_stays_a_forced_return(tnr_pipeline) -> None:
    # counterexample: no one is told anything; agents brought him back
    codes = method_codes(tnr_pipeline, "Agents seized the teacher and brought him home.")
    assert "FORCED_RETURN" in codes.values()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Their property in Ruritania has been arrested, the ministry said.", "ASSET_FREEZE"),
        ("A court arrested the bank accounts of the exiled editor.", "ASSET_FREEZE"),
        # counterexamples: a person arrested, at a property or owning one
        ("Police arrested the owner of the property.", "DETENTION"),
        ("The editor was arrested at his flat.", "DETENTION"),
    ],
)
def test_property_arrested_is_an_asset_freeze(tnr_pipeline, text, code) -> None:
    assert method_codes(tnr_pipeline, text) == {"arrested": code}


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # acted on by a host or a third party: the perpetrator side
        (
            "Norway will expel four Ruritanian diplomats who were identified as undeclared "
            "intelligence officers.",
            [],
        ),
        ("The EU also sanctioned the Ruritanian intelligence agency blamed for the raid.", []),
        (
            "The deputy minister was sacked along with two generals of the kingdom's "
            "intelligence services.",
            [],
        ),
        (
            "Vienna summoned the envoy and ordered the head of the Ruritanian intelligence "
            "service to leave.",
            [],
        ),
        # sheltering the target: no coercion
        ("The exile lived for years under the protection of two countries' secret services.", []),
        # counterexamples: the agents do the act
        (
            "Secret service agents fired shots at his car in Oslo.",
            [("Secret service agents", "OVERSEAS_AGENTS"), ("fired shots", "PHYSICAL_ATTACK")],
        ),
        (
            "Two men, identified as officers of the Ruritanian secret service, kidnapped her.",
            [("secret service", "OVERSEAS_AGENTS"), ("kidnapped", "ABDUCTION")],
        ),
    ],
)
def test_agents_a_state_acts_on_are_no_overseas_agents(tnr_pipeline, text, kept) -> None:
    assert methods_of(tnr_pipeline, text) == kept


def test_agents_acted_on_after_an_incident_go_on_with_its_story(tnr_pipeline) -> None:
    measure = "A senior adviser was sacked along with the head of the intelligence service."
    told = "Ruritanian agents abducted the blogger Ivo Sand in Vienna in May 2022. " + measure
    claims = tnr_pipeline.process_text(told).claims
    assert [(c.type, c.methods) for c in claims] == [
        ("incident", ["ABDUCTION", "OVERSEAS_AGENTS"]),  # a state's agents, by demonym
        ("incident", []),
    ]
    # with no incident told before, the measure alone is no claim
    assert tnr_pipeline.process_text(measure).claims == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ruritanian intelligence agents captured the teacher Orhan Sand in Bishkek.",
            ("ABDUCTION", "direct"),
        ),
        (
            "The country's spy agency captured the exile in Nairobi last month.",
            ("ABDUCTION", "direct"),
        ),
        # counterexample: police capturing someone is an arrest
        ("Police captured the fugitive Orhan Sand in Madrid.", ("DETENTION", None)),
    ],
)
def test_a_capture_by_a_states_agents_is_a_direct_abduction(tnr_pipeline, text, expected) -> None:
    record = tnr_pipeline.process_text(text)
    [captured] = [s for s in record.spans if s.label == "METHOD" and s.text == "captured"]
    assert (captured.code, captured.variant) == expected
