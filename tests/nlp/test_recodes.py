"""Context rules that change a METHOD's code from what the parse shows of its act
(``nlp/recodes.py``), other than the relatives' ones. Invented sentences, whole pipeline."""

from __future__ import annotations

import pytest

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
