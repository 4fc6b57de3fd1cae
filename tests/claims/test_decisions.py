"""A court's or tribunal's decision: the caption's parties, and 'the Appellant' after."""

from __future__ import annotations

import pytest
from helpers import claim_of

DECISION = (
    "APPEAL: DECISION AND REASONS\n\n"
    "Between\n"
    "{party} ({role})\n"
    "and\n"
    "THE MINISTER OF THE INTERIOR (Respondent)\n\n"
    "12. The {role} is a Ruritanian national who arrived in Norway in 2021.\n\n"
    "13. The {role}'s account is that police in Vell questioned his mother three times.\n\n"
    "14. The {role} says that he was followed in Bergen by two men. No arrest warrant has "
    "been issued against the {role}.\n"
)


@pytest.mark.parametrize(
    ("start", "targets", "source"),
    [
        # the role stands for the caption's party, a target and a speaker alike
        ("No arrest warrant", ["Tomas Ilan Varga"], None),
        ("The Appellant says", ["Tomas Ilan Varga"], "Tomas Ilan Varga"),
        # and 'his' after 'the Appellant's' is the party's
        ("The Appellant's account", ["Tomas Ilan Varga"], None),
    ],
)
def test_a_party_named_in_the_caption_is_the_role_that_stands_for_him(
    tnr_pipeline, start: str, targets: list[str], source: str | None
) -> None:
    text = DECISION.format(party="TOMAS ILAN VARGA", role="Appellant")
    claim = claim_of(tnr_pipeline, text, start)
    assert (claim.targets, claim.source) == (targets, source)


def test_the_captions_name_is_a_person_written_as_a_reader_writes_it(tnr_pipeline) -> None:
    record = tnr_pipeline.process_text(DECISION.format(party="TOMAS ILAN VARGA", role="Appellant"))
    people = {(s.text, s.name) for s in record.spans if s.label == "PERSON"}
    assert ("TOMAS ILAN VARGA", "Tomas Ilan Varga") in people
    assert not [s for s in record.spans if s.text == "Appellant"]  # the role is no name


def test_a_role_that_is_no_party_noun_names_no_one(tnr_pipeline) -> None:
    # counterexample: the state's side, '(Respondent)', is no person the role stands for
    text = DECISION.format(party="TOMAS ILAN VARGA", role="Respondent")
    assert claim_of(tnr_pipeline, text, "No arrest warrant").targets == []


def test_two_parties_in_one_role_leave_the_role_no_one(tnr_pipeline) -> None:
    text = DECISION.format(party="TOMAS ILAN VARGA", role="Appellant").replace(
        "and\nTHE MINISTER", "and\nLENA MIRA ORTIZ (Appellant)\nand\nTHE MINISTER"
    )
    assert claim_of(tnr_pipeline, text, "No arrest warrant").targets == []


def test_an_organisation_in_a_caption_is_an_organisation(tnr_pipeline) -> None:
    text = DECISION.format(party="VELL PRESS FREEDOM TRUST", role="Applicant")
    orgs = {s.text for s in tnr_pipeline.process_text(text).spans if s.label == "ORG"}
    assert "VELL PRESS FREEDOM TRUST" in orgs


def test_a_caption_in_the_last_field_of_a_line_of_fields_names_the_party(tnr_pipeline) -> None:
    text = DECISION.format(party="TOMAS ILAN VARGA", role="Claimant").replace(
        "Between\nTOMAS ILAN VARGA (Claimant)", "File RX-2231 | TOMAS ILAN VARGA (Claimant)"
    )
    assert claim_of(tnr_pipeline, text, "No arrest warrant").targets == ["Tomas Ilan Varga"]
