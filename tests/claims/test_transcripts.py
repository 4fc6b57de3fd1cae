"""Records and statements: a parliament's question time, a press conference, a police notice."""

from __future__ import annotations

import pytest
from helpers import claim_of

RECORD = (
    "Oral Answers: Exiles from Ruritania\n\n"
    "3. Mr Tobias Hale (Leeds Kirkgate) (Lab): What steps the Minister has taken on the "
    "harassment of Ruritanian exiles.\n\n"
    "The Minister for Europe (Ms Carla Wynn): Officials in Vell have raised the case of two "
    "detained relatives with the Ruritanian authorities.\n\n"
    "Mr Hale: Police in Vell arrested the brother of my constituent Omar Sadiq in May.\n\n"
    "Ms Wynn: I will meet Mr Sadiq. Consular staff have threatened exiles here, and that is "
    "unacceptable.\n"
)


@pytest.mark.parametrize(
    ("start", "source"),
    [
        # the name in a label's note: 'The Minister for Europe (Ms Carla Wynn):'
        ("The Minister for Europe (Ms Carla Wynn): Officials", "Carla Wynn"),
        ("Consular staff", "Carla Wynn"),
        # a title and a family name: 'Mr Hale:' is the member the first label named in full
        ("Mr Hale: Police in Vell arrested", "Tobias Hale"),
    ],
)
def test_a_record_labels_speaker_is_the_paragraphs_source(
    tnr_pipeline, start: str, source: str
) -> None:
    assert claim_of(tnr_pipeline, RECORD, start).source == source


def test_a_record_labels_titled_names_are_people_and_its_seat_is_no_one(tnr_pipeline) -> None:
    record = tnr_pipeline.process_text(RECORD)
    people = {s.text for s in record.spans if s.label == "PERSON"}
    assert {"Tobias Hale", "Carla Wynn"} <= people
    assert "Leeds Kirkgate" not in people


def test_a_label_without_a_titled_name_keeps_its_notes(tnr_pipeline) -> None:
    """A press conference's 'REPORTER (Ana Ruiz, Radio Kestrel):' names no titled speaker:
    nothing in its notes is dropped."""
    from tnr_claims.nlp.speaker_labels import record_label_notes

    doc = tnr_pipeline.nlp("REPORTER (Ana Ruiz, Radio Kestrel): Were the exiles deported?\n")
    ruiz = doc.char_span(10, 18, "PERSON")
    assert record_label_notes(doc, [ruiz]) == [ruiz]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # a police statement's 'informs the public that': the command says it
        (
            "The Leeds Police Command informs the public that on 3 May a refugee, Ana Ruiz, "
            "was abducted outside her home.",
            "Leeds Police Command",
        ),
        # counterexample: informing the one acted on is part of the act, no statement
        ("The Vell embassy informed Ana Ruiz that her passport had been cancelled.", None),
    ],
)
def test_informing_the_public_is_a_statement(tnr_pipeline, text: str, source: str | None) -> None:
    assert tnr_pipeline.process_text(text).claims[0].source == source


@pytest.mark.parametrize(
    "entry",
    [
        # a list's entries: a name and a note, no title, no role in capitals
        "Omar Haddad (blogger, 34): detained at the airport on 3 May and handed over to Vell.",
        # an office is no title: 'Foreign Ministry (Vell):' names no speaker
        "Foreign Ministry (Vell): Omar Haddad was never detained.",
    ],
)
def test_a_name_and_a_note_opening_a_line_is_no_speakers_label(tnr_pipeline, entry: str) -> None:
    text = "\n\n".join(
        [
            "Cases of 2023",
            entry,
            "Lena Ortiz (poet): her passport was cancelled by the consulate in Lyon.",
            "Tomas Berg (student): his parents were questioned by police in Vell.",
            "Ivo Brann (cartoonist): two men followed him home in Vienna.",
        ]
    )
    record = tnr_pipeline.process_text(text)
    assert all(claim.source is None for claim in record.claims)
    assert "Ministry" not in {s.text for s in record.spans if s.label == "PERSON"}


def test_a_person_named_inside_a_labels_note_stays_a_person(tnr_pipeline) -> None:
    text = RECORD.replace(
        "3. Mr Tobias Hale (Leeds Kirkgate) (Lab):",
        "3. Mr Tobias Hale (brother of the journalist Mira Hale):",
    )
    people = {s.text for s in tnr_pipeline.process_text(text).spans if s.label == "PERSON"}
    assert "Mira Hale" in people
