"""Acts against relatives (codebook, second set): custody and punishment of relatives are
RELATIVE_REPRISAL whatever the act word. Read on the parse, so the whole pipeline runs;
invented sentences."""

from __future__ import annotations

import pytest

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
