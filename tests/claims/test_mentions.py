"""Document-level mention sets: descriptions resolve to named people; perpetrators are
never targets. Invented texts, whole pipeline (the rules read the parse)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def targets_of(tnr_pipeline, text: str, sentence_start: str) -> list[str]:
    record = tnr_pipeline.process_text(text)
    [claim] = [c for c in record.claims if c.text.startswith(sentence_start)]
    return claim.targets


def test_a_description_used_for_one_named_person_resolves_to_that_person(tnr_pipeline) -> None:
    text = (
        "Ana Reyes, a blogger critical of the government, fled to Thailand in 2019. "
        "Last week agents abducted the blogger in Bangkok."
    )
    assert targets_of(tnr_pipeline, text, "Last week") == ["Ana Reyes"]


def test_a_second_reference_by_description_is_the_person_named_just_before(tnr_pipeline):
    text = (
        "Lina Okafor still keeps her brother's letters in a drawer. The 41-year-old "
        "campaigner, who lives in Leeds, last heard from him in May. Police in Lagos detained "
        "her brother in June. The campaigner believes the arrest is meant to punish her."
    )
    record = tnr_pipeline.process_text(text)
    [claim] = [c for c in record.claims if c.text.startswith("The campaigner")]
    assert claim.source == "Lina Okafor"


def test_a_plain_noun_in_the_next_sentence_is_no_second_reference(tnr_pipeline) -> None:
    text = (
        "Exile Watch published its report on Monday, said Lina Okafor. Families call the "
        "group after an arrest, and by then the person has already been sent back to Lagos."
    )
    assert targets_of(tnr_pipeline, text, "Families") == []


def test_the_person_the_report_is_about_is_no_relative(tnr_pipeline) -> None:
    # the father is acted on most, but 'the blogger' (no name of her own) is not him
    text = (
        "Agents hacked the phone of Nadia Karim in Lyon. Her father, Tarek Karim, was arrested "
        "in Tunis in May. Tarek Karim was charged in June. Police questioned Tarek Karim "
        "again in July. Unknown men followed the blogger in Lyon in August."
    )
    assert targets_of(tnr_pipeline, text, "Unknown men") == ["Nadia Karim"]


def test_every_relative_listed_after_a_family_noun_is_a_relative(tnr_pipeline) -> None:
    # both brothers are relatives, so neither is the person the report is about
    text = (
        "Agents hacked the phone of Nadia Karim in Lyon. Her brothers, Sami Karim and Tarek "
        "Karim, were arrested in Tunis in May. Tarek Karim was charged in June. Police "
        "questioned Tarek Karim again in July. Unknown men followed the blogger in Lyon in "
        "August."
    )
    assert targets_of(tnr_pipeline, text, "Unknown men") == ["Nadia Karim"]


def test_a_description_no_one_carries_is_the_person_a_feature_opens_on(tnr_pipeline) -> None:
    text = (
        "For six years, Lena Marsh has run a small paper from a flat in Ghent. "
        "Last spring two men followed the journalist home from the station."
    )
    assert targets_of(tnr_pipeline, text, "Last spring") == ["Lena Marsh"]
    # counterexample: a head of state the piece opens on is no one's 'journalist'
    text = (
        "When Lena Marsh became president in 2012, the state changed. "
        "Last spring two men followed the journalist home from the station."
    )
    assert targets_of(tnr_pipeline, text, "Last spring") == []


def test_a_pronoun_no_one_before_it_fits_is_the_person_the_report_is_about(tnr_pipeline):
    text = (
        "Police in Tunis detained Nadia Karim's father in May. Agents hacked the phone of "
        "Nadia Karim in Lyon in June. Her brother, Sami Karim, was questioned in July. "
        "Online, the pressure is constant. In August the consulate refused to renew her "
        "passport."
    )
    # 'her' after 'Her brother, Sami Karim' and a sentence naming no one is Nadia
    assert targets_of(tnr_pipeline, text, "In August") == ["Nadia Karim"]


def test_a_description_before_the_name_takes_the_person_the_report_is_about(
    tnr_pipeline,
) -> None:
    text = (
        "Agents abducted an exiled journalist in Nairobi on Monday. "
        "Police in Nairobi detained Omar Farah after the raid. "
        "Farah was later deported to Mogadishu."
    )
    assert targets_of(tnr_pipeline, text, "Agents abducted") == ["Omar Farah"]


FARAH = (
    "Police in Nairobi detained Omar Farah after the raid. Farah was later deported to Mogadishu. "
)
"""Two acts on one named person: the person the report is about."""


def test_an_age_standing_for_a_person_takes_the_person_the_report_is_about(
    tnr_pipeline,
) -> None:
    text = FARAH + "According to state media, the 41-year-old is now in custody in Mogadishu."
    assert targets_of(tnr_pipeline, text, "According to") == ["Omar Farah"]


def test_an_age_modifying_a_noun_is_no_description(tnr_pipeline) -> None:
    text = FARAH + "Officers detained a 41-year-old official in Mogadishu on Monday."
    assert targets_of(tnr_pipeline, text, "Officers detained") == []


def test_a_detained_passenger_is_the_person_the_report_is_about(tnr_pipeline) -> None:
    text = FARAH + "The minister called for the release of the detained passenger."
    assert targets_of(tnr_pipeline, text, "The minister") == ["Omar Farah"]


def test_a_person_only_mentioned_is_never_the_fallback(tnr_pipeline) -> None:
    text = (
        "President Lin Bo praised the police. President Lin Bo spoke again on Monday. "
        "Lin Bo thanked the ministry. Officers detained a dissident in Hanoi."
    )
    assert targets_of(tnr_pipeline, text, "Officers detained") == []


def test_a_charged_perpetrator_is_not_a_target(tnr_pipeline) -> None:
    text = (
        "Prosecutors unveiled charges against Marko Tal in a plot to kill the journalist "
        "Ivo Sand in Vienna. Tal was later extradited to Austria."
    )
    assert "Marko Tal" not in targets_of(tnr_pipeline, text, "Prosecutors")
    assert "Ivo Sand" in targets_of(tnr_pipeline, text, "Prosecutors")


def test_quoted_as_saying_gives_the_quoted_speaker(tnr_pipeline) -> None:
    record = tnr_pipeline.process_text(
        "Fair Trials quoted Lena Ortiz, a German national, as saying the red notice "
        "against her should not have been issued."
    )
    [claim] = record.claims
    assert claim.source == "Lena Ortiz"


@pytest.mark.parametrize(
    ("text", "start", "source"),
    [
        (
            "Group 12 leader Tomas Vik lives in exile in Oslo. "
            "The leader said agents had followed him in Oslo.",
            "The leader",
            "Tomas Vik",
        ),
        (
            "Kin Watch documented the abduction in Bangkok. "
            "The group said agents abducted a blogger there in 2021.",
            "The group",
            "Kin Watch",
        ),
    ],
)
def test_a_described_speaker_resolves(tnr_pipeline, text: str, start: str, source: str) -> None:
    record = tnr_pipeline.process_text(text)
    [claim] = [c for c in record.claims if c.text.startswith(start)]
    assert claim.source == source


@pytest.mark.parametrize(
    "second",
    [
        "Ana Ruiz went missing again in Bangkok in May 2021.",
        "Ana Ruiz was last seen near the embassy in Bangkok.",
    ],
)
def test_the_subject_of_a_disappearance_is_the_target(tnr_pipeline, second: str) -> None:
    text = "Agents abducted the critic Ana Ruiz in 2020.\n\n" + second
    assert targets_of(tnr_pipeline, text, second[:12]) == ["Ana Ruiz"]


def test_according_to_an_unnamed_speaker_does_not_take_the_next_name(tnr_pipeline) -> None:
    record = tnr_pipeline.process_text(
        "According to a relative, police detained the blogger Omar Said in Cairo last month."
    )
    [claim] = record.claims
    assert claim.source is None


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Kin Watch documented the case in Lagos. Police detained the blogger Omar Said in "
            "Cairo last month, the group's blog said.",
            "Kin Watch",
        ),
        (
            "Human Rights Watch issued a statement on Monday, stating that agents had detained "
            "the blogger Omar Said in Cairo.",
            "Human Rights Watch",
        ),
    ],
)
def test_descriptive_and_participial_speakers(tnr_pipeline, text: str, source: str) -> None:
    record = tnr_pipeline.process_text(text)
    assert record.claims[-1].source == source


@pytest.mark.parametrize(
    "text",
    [
        # the first the document says of her: the model leaves the name untagged
        "Ana Ruiz went missing in Bangkok on 4 June.",
        "Tomas Lund went missing after a meeting in Riga.",
    ],
)
def test_an_untagged_name_that_went_missing_is_the_target(tnr_pipeline, text: str) -> None:
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.targets == [text.split(" went")[0]]


def test_a_name_that_went_home_is_no_person_by_that_alone(tnr_pipeline) -> None:
    spans = tnr_pipeline.process_text("Ana Ruiz went home in June.").spans
    assert [s.text for s in spans if s.label == "PERSON"] == []


@pytest.mark.parametrize(
    ("office", "targets"),
    [
        # an office the person no longer holds describes them, read as a name ('MP') too
        ("a former opposition MP", ["Ivo Sand"]),
        # counterexample: an office in post is an official's, never a description
        ("an opposition MP", []),
    ],
)
def test_a_former_office_stands_for_the_person_it_described(tnr_pipeline, office, targets):
    text = (
        f"Ivo Sand, {office}, was shot in Riga on Monday. "
        f'"The attack on {office} shows how far the regime will go," said Ana Ruiz.'
    )
    claim = [c for c in tnr_pipeline.process_text(text).claims if c.text.startswith('"The')][0]
    assert claim.targets == targets


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "In a joint letter, 22 organisations including Amnesty International and Exile "
            "Watch said police detained Ivo Sand in Minsk.",
            "Amnesty International",
        ),
        (
            "Several groups, including Exile Watch, said police detained Ivo Sand in Minsk.",
            "Exile Watch",
        ),
        # counterexample: groups none of which is named
        ("Several groups in Oslo said police detained Ivo Sand in Minsk.", None),
    ],
)
def test_a_statement_by_groups_including_named_ones_is_the_first_ones(
    tnr_pipeline, text: str, source: str | None
) -> None:
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.source == source
