"""Who an act is done to, read token by token on the parse (``claims/roles.py``).

Invented sentences through the real model; no spans are needed for these roles.
"""

from __future__ import annotations

import pytest
from helpers import claim_of

from tnr_claims.claims.index import DocIndex
from tnr_claims.claims.roles import target_role
from tnr_claims.rules.loader import default_patterns

pytestmark = pytest.mark.model


def role_of(tnr_pipeline, text: str, word: str) -> str | None:
    doc = tnr_pipeline.nlp(text)
    index = DocIndex(doc, [], default_patterns().lexicons)
    [i] = [t.i for t in doc if t.text == word]
    return target_role(index, i, True)


@pytest.mark.parametrize("verb", ["worked", "spied"])
def test_the_one_an_agent_serves_is_no_target(tnr_pipeline, verb: str) -> None:
    # 'worked for X': X is who the agent serves, even where the model reads X as a person
    assert role_of(tnr_pipeline, f"A man who {verb} for Sand photographed the flat.", "Sand") == (
        "exclude"
    )


def test_the_one_an_act_is_against_is_its_target(tnr_pipeline) -> None:
    # counterexample: 'the abduction of X' keeps X as the one acted on
    role = role_of(tnr_pipeline, "Officials began the abduction of Sand in May.", "Sand")
    assert role == "TARGET.prep_object"


def test_a_name_after_a_person_of_a_group_plays_that_persons_part(tnr_pipeline) -> None:
    # 'a leader of X, Ana Ruiz': the parser hangs the name on X; it is the leader's name
    text = "Agents abducted a senior leader of Zorba, Ana Ruiz, in Riga."
    assert role_of(tnr_pipeline, text, "Ruiz") == "TARGET.object"
    text = "Police detained a member of Veritas, Ana Ruiz, in Riga."
    assert role_of(tnr_pipeline, text, "Ruiz") == "TARGET.object"


def test_a_name_after_a_place_of_a_group_is_not_a_person_acted_on(tnr_pipeline) -> None:
    # counterexample: the 'of' phrase hangs on no person noun
    text = "Agents searched the headquarters of the Ivo movement, Ruiz House, in Riga."
    assert role_of(tnr_pipeline, text, "Ruiz") != "TARGET.object"


@pytest.mark.parametrize(("word", "role"), [("each", "TARGET.prep_object"), ("some", None)])
def test_each_of_them_plays_the_part_of_each(tnr_pipeline, word: str, role: str | None) -> None:
    # 'some of them', a subset, gives no target (codebook, second set)
    text = f"Police sought the arrest of {word} of them in Riga."
    assert role_of(tnr_pipeline, text, "them") == role


@pytest.mark.parametrize(
    ("text", "role"),
    [
        # the name restates the one who did it ('by a former boxer, Smith'): never a target
        ("The hit was carried out by a former boxer, Smith.", "exclude"),
        # counterexample: restating the one it was done to keeps the patient's part
        ("Agents abducted a former boxer, Smith, in Riga.", "TARGET.coordinated"),
    ],
)
def test_a_name_restating_the_doer_plays_the_doers_part(
    tnr_pipeline, text: str, role: str | None
) -> None:
    assert role_of(tnr_pipeline, text, "Smith") == role


@pytest.mark.parametrize("amount", ["a stream of", "a flood of", "waves of"])
def test_one_who_receives_an_amount_of_threats_bears_them(tnr_pipeline, amount: str) -> None:
    text = f"Since May, the writer Oskar Lund has received {amount} death threats."
    assert claim_of(tnr_pipeline, text, "Since May").targets == ["Oskar Lund"]


def _hand_parsed(last_aux: str):
    """'He misses the Vell Trio, Ivo Sand, Omar Sadiq and Lena Kaya, who were arrested .'
    parsed as the model parses such a list after a group's name: the names chained by
    'conj' on the group, the relative clause hung on the last name alone."""
    import spacy
    from spacy.tokens import Doc

    from tnr_claims.records import SpanProvenance, SpanRecord

    words = ["He", "misses", "the", "Vell", "Trio", ",", "Ivo", "Sand", ",", "Omar", "Sadiq"]
    words += ["and", "Lena", "Kaya", ",", "who", last_aux, "arrested", "."]
    heads = [1, 1, 4, 4, 1, 4, 7, 4, 7, 10, 7, 10, 13, 10, 13, 17, 17, 13, 1]
    deps = ["nsubj", "ROOT", "det", "compound", "dobj", "punct", "compound", "conj", "punct"]
    deps += ["compound", "conj", "cc", "compound", "conj", "punct", "nsubjpass", "auxpass"]
    deps += ["relcl", "punct"]
    tags = ["PRP", "VBZ", "DT", "NNP", "NNP", ",", "NNP", "NNP", ",", "NNP", "NNP", "CC"]
    tags += ["NNP", "NNP", ",", "WP", "VBD", "VBN", "."]
    pos = ["PRON", "VERB", "DET", "PROPN", "PROPN", "PUNCT", "PROPN", "PROPN", "PUNCT"]
    pos += ["PROPN", "PROPN", "CCONJ", "PROPN", "PROPN", "PUNCT", "PRON", "AUX", "VERB", "PUNCT"]
    lemmas = [w.lower() for w in words]
    lemmas[16], lemmas[17] = "be", "arrest"
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        heads=heads,
        deps=deps,
        tags=tags,
        pos=pos,
        lemmas=lemmas,
    )
    people = [doc[6:8], doc[9:11], doc[12:14]]
    spans = [
        SpanRecord(
            start=s.start_char,
            end=s.end_char,
            label="PERSON",
            text=s.text,
            name=s.text,
            provenance=SpanProvenance(source="model", pattern_id="model:PERSON"),
        )
        for s in people
    ]
    return doc, DocIndex(doc, spans, default_patterns().lexicons)


@pytest.mark.parametrize(("aux", "first_role"), [("were", "TARGET.relative_clause"), ("was", None)])
def test_a_clause_after_a_list_of_names_tells_of_every_name(aux: str, first_role) -> None:
    # counterexample: '..., who was arrested' is the last name's alone
    doc, index = _hand_parsed(aux)
    assert target_role(index, 13, True) == "TARGET.relative_clause"  # 'Kaya'
    assert target_role(index, 7, True) == first_role  # 'Sand'


@pytest.mark.parametrize(
    ("second", "targets"),
    [
        # what a person does in public is a lever over the person, as a home is
        ("Vellish agents watched his readings in Oslo for years.", ["Tomas Varga"]),
        ("Two of his concerts were disrupted by men who shouted threats.", ["Tomas Varga"]),
        # counterexample: thousands watching his speech is no act
        ("Thousands watched his speech online.", None),
    ],
)
def test_a_persons_readings_and_concerts_are_levers(
    tnr_pipeline, second: str, targets: list[str] | None
) -> None:
    text = f"Tomas Varga, a Vellish novelist, has lived in Oslo since 1990. {second}"
    claims = [c for c in tnr_pipeline.process_text(text).claims if c.text == second]
    assert (claims[0].targets if claims else None) == targets


@pytest.mark.parametrize(
    ("words", "org", "expected"),
    [
        # a title-case office and the organisation it is of open the speaker's phrase
        ("On Sunday , Nordic Council President Ana Ruiz said so .", (3, 5), 3),
        # counterexample: a place right before the name holds no office, so it stays out
        ("On Sunday , in Oslo Ana Ruiz said so .", (4, 5), 5),
    ],
)
def test_a_speakers_phrase_opens_at_the_organisation_of_its_office(
    words: str, org: tuple[int, int], expected: int
) -> None:
    import spacy
    from spacy.tokens import Doc

    from tnr_claims.claims.closing_speakers import phrase_start
    from tnr_claims.records import SpanProvenance, SpanRecord

    tokens = words.split()
    name = tokens.index("Ana")
    pos = ["PROPN" if w[:1].isupper() else ("PUNCT" if w in ",." else "ADP") for w in tokens]
    doc = Doc(spacy.blank("en").vocab, words=tokens, pos=pos)
    label = "ORG" if tokens[org[0]] == "Nordic" else "LOCATION"
    spans = [
        SpanRecord(
            start=s.start_char,
            end=s.end_char,
            label=lab,
            text=s.text,
            name=s.text,
            code="NO" if lab == "LOCATION" else None,
            provenance=SpanProvenance(source="model", pattern_id=f"model:{lab}"),
        )
        for s, lab in ((doc[org[0] : org[1]], label), (doc[name : name + 2], "PERSON"))
    ]
    index = DocIndex(doc, spans, default_patterns().lexicons)
    assert phrase_start(index, name, 0) == expected
