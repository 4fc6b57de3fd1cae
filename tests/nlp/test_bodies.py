"""Bodies and their spokesmen: an act noun that only names a body ('the prosecution
service') is no METHOD, and the name set off after 'a spokesman for <body>,' is a person
(whole pipeline, invented sentences)."""

from __future__ import annotations

import pytest
from helpers import methods_of as methods

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The prosecution service in Vell said the file was closed.", []),
        ("A prosecution spokesman in Vell declined to comment.", []),
        # counterexamples: the act itself
        ("The prosecution of Tomas Vik began in Vell in May.", ["prosecution"]),
        ("Tomas Vik faces prosecution in Vell.", ["prosecution"]),
    ],
)
def test_an_act_noun_that_names_a_body_is_no_act(tnr_pipeline, text: str, expected) -> None:
    assert [t for t, _ in methods(tnr_pipeline, text)] == expected


@pytest.mark.parametrize(
    ("text", "person"),
    [
        (
            "A spokesman for Vell's prosecution service, Jomo Kariuki, said the "
            "request would be sent.",
            "Jomo Kariuki",
        ),
        # counterexample: no office holder before the name
        ("Critics of the prosecution service, Exile Watch among them, spoke out.", None),
    ],
)
def test_the_name_after_a_spokesman_for_a_body_is_a_person(
    tnr_pipeline, text: str, person: str | None
) -> None:
    record = tnr_pipeline.process_text(text)
    people = [s.text for s in record.spans if s.label == "PERSON"]
    assert people == ([person] if person else [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the name's last word opens the act's words: the name wins
        ("Baltic Exile Monitor calls on Norway to protect the families.", []),
        # counterexample: the act told in lower case
        ("Police monitor calls made by exiles in Oslo.", ["monitor calls"]),
    ],
)
def test_an_organisations_last_word_opens_no_act(tnr_pipeline, text: str, expected) -> None:
    assert [t for t, _ in methods(tnr_pipeline, text)] == expected


@pytest.mark.parametrize(
    ("byline", "outlet"),
    [
        ("By Lena Dahl, Fjord Courier, 19 October 2022", "Fjord Courier"),
        ("By Lena Dahl | The Exile Desk | 4 June 2024", "Exile Desk"),
        # the byline alone on its line, a particle inside the name, 'Interview by'
        ("By Lena Dahl, Fjord Courier", "Fjord Courier"),
        ("By Lena Dahl, Voz del Fiordo", "Voz del Fiordo"),
        ("Interview by Lena Dahl, Fjord Review, 3 June 2024", "Fjord Review"),
        # counterexample: a place after the author is no outlet
        ("By Lena Dahl, Oslo", None),
    ],
)
def test_the_outlet_in_a_byline_after_its_author_is_an_organisation(
    tnr_pipeline, byline: str, outlet: str | None
) -> None:
    text = f"Exiles watched in Oslo\n\n{byline}\n\nPolice in Vell detained Ana Ruiz in May."
    record = tnr_pipeline.process_text(text)
    start = text.index(byline)
    orgs = [
        s.text for s in record.spans if s.label == "ORG" and start <= s.start < start + len(byline)
    ]
    assert orgs == ([outlet] if outlet else [])


@pytest.mark.parametrize(
    ("dateline", "outlet"),
    [
        ("LORN, Nov. 14, 2022 (Lena Wire) — ", "Lena Wire"),
        # counterexample: brackets inside a sentence, no dateline dash after them
        ("Police in Lorn (Lena Wire reported) said on Monday that ", None),
    ],
)
def test_the_outlet_closing_a_dateline_is_an_organisation(tnr_pipeline, dateline, outlet) -> None:
    text = f"Exiles watched in Oslo\n\n{dateline}Police in Vell detained Ana Ruiz in May."
    record = tnr_pipeline.process_text(text)
    orgs = [
        s.text
        for s in record.spans
        if s.label == "ORG" and "ORG.byline_outlet" in s.provenance.context_rules
    ]
    assert orgs == ([outlet] if outlet else [])
