"""The crime charged to perpetrators is the act against the target; the target's own
alleged crime is no METHOD (nlp/crimes.py, the alleged-crime rule).

Invented sentences, run through the whole pipeline (the rules read the parse).
"""

from __future__ import annotations

import pytest
from helpers import methods_of as methods

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "crimes"),
    [
        # over a named person's death
        (
            "Three men were charged over Ana Ruiz's death with first-degree murder and a "
            "plot to commit murder.",
            [("first-degree murder", "PHYSICAL_ATTACK"), ("murder", "PHYSICAL_ATTACK")],
        ),
        (
            "Two brothers each face one count of manslaughter in the death of Omar Haddad.",
            [("manslaughter", "PHYSICAL_ATTACK")],
        ),
        # the accused told before as the one who did it
        (
            "Tomas Lund abducted Ana Ruiz in Lima in June. Lund now faces a charge of "
            "murder-for-hire.",
            [("abducted", "ABDUCTION"), ("murder-for-hire", "PHYSICAL_ATTACK")],
        ),
    ],
)
def test_the_crime_charged_to_perpetrators_is_the_act(
    tnr_pipeline, text: str, crimes: list[tuple[str, str]]
) -> None:
    assert methods(tnr_pipeline, text) == crimes


@pytest.mark.parametrize(
    "text",
    [
        # the target's own alleged crimes, also a later one joined to the first
        "Ana Ruiz was shot dead in June. Ruiz had been accused of treason and conspiracy "
        "to murder at home.",
        "The blogger was charged with treason and kidnapping in absentia.",
        # 'murder' that no one is charged with
        "The novel is a murder mystery set in Lima.",
        "Police said the murder rate had fallen.",
    ],
)
def test_a_targets_alleged_crime_or_an_uncharged_murder_is_no_act(tnr_pipeline, text: str) -> None:
    found = methods(tnr_pipeline, text)
    assert not any(code == "PHYSICAL_ATTACK" and "murder" in t for t, code in found)
    assert not any(t in ("kidnapping", "manslaughter") for t, _ in found)


def test_an_act_the_parser_joins_to_an_alleged_crime_is_no_charge(tnr_pipeline) -> None:
    # 'arrested' hangs on 'spying' in the parse, but an arrest is no offence charged
    found = methods(tnr_pipeline, "Ana Ruiz was accused of spying and arrested in May.")
    assert ("arrested", "DETENTION") in found


@pytest.mark.timeout(30)
def test_a_charge_under_a_root_that_is_no_verb_is_read_and_let_go() -> None:
    """A parse whose root is no verb ('... has been on a list of charges', the model's reading
    of text in capitals) ends the climb to the charging verb. The climb once compared
    tokens by identity, which spaCy never gives (each ``.head`` is a new ``Token``), and
    looped for ever on such a root; the timeout turns a loop into a failure."""
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

    from tnr_claims.nlp.crimes import perpetrators_crimes

    doc = Doc(
        Vocab(),
        words=["He", "is", "on", "charges", "of", "murder"],
        heads=[1, 1, 1, 2, 3, 4],
        deps=["nsubj", "ROOT", "prep", "pobj", "prep", "pobj"],
        pos=["PRON", "AUX", "ADP", "NOUN", "ADP", "NOUN"],
        lemmas=["he", "be", "on", "charge", "of", "murder"],
    )
    crime = Span(doc, 5, 6, label="METHOD")
    # nobody remembered did it: the crime is the target's own and stays out
    assert perpetrators_crimes(doc, [], [crime]) == []
