"""Acts against perpetrators are not METHODs: the document-level perpetrator memory.

Invented sentences, run through the whole pipeline (the rule reads the parse).
"""

from __future__ import annotations

import pytest

LEGAL = {"DETENTION", "PROSECUTION", "EXTRADITION", "RELATIVE_REPRISAL"}


def legal_spans(tnr_pipeline, text: str) -> list[tuple[str, str]]:
    record = tnr_pipeline.process_text(text)
    return [(s.text, s.code) for s in record.spans if s.label == "METHOD" and s.code in LEGAL]


@pytest.mark.parametrize(
    "text",
    [
        "Police arrested two men in the killing of the exiled blogger Ana Reyes.",
        "The suspected gunman was arrested in Madrid after a long search.",
        "Officers detained the suspects over the abduction of a Uyghur teacher in Dubai.",
        "Rights groups urged the authorities to prosecute those responsible.",
        "Latvia will be requesting extradition of the suspect, who fled to Minsk.",
        # the act charged may stand deep in the phrase, or be a noun's modifier
        "The raids led to the arrest of twelve members linked to the killing of Ana Reyes.",
        "Police arrested two men over an assassination plot against the blogger Ana Reyes.",
        # joined legal verbs share what they are for; people held "as suspects"
        "Two men were detained and indicted over the stabbing of the exile Ana Reyes.",
        "Nine Ruritanian citizens are held as suspects over her death.",
    ],
)
def test_legal_acts_against_perpetrators_are_not_methods(tnr_pipeline, text: str) -> None:
    assert legal_spans(tnr_pipeline, text) == []


def test_a_charged_perpetrator_is_remembered_for_the_whole_document(tnr_pipeline) -> None:
    text = (
        "Prosecutors unveiled charges against Marko Tal in a plot to kill the journalist "
        "Ivo Sand in Vienna. Tal was later extradited to Austria. The indictment names "
        "Sand as the intended victim."
    )
    record = tnr_pipeline.process_text(text)
    codes = {(s.text, s.code) for s in record.spans if s.label == "METHOD"}
    assert not {code for _, code in codes} & {"PROSECUTION", "EXTRADITION"}
    assert any(code == "PHYSICAL_ATTACK" for _, code in codes), "the plotted act stays"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police arrested the dissident Ana Reyes in Cairo.", "DETENTION"),
        ("The exiled blogger was arrested for spying after his return.", "DETENTION"),
        ("Egypt requested the extradition of the activist Omar Said.", "EXTRADITION"),
        # the red notice is the ground of the arrest, no act the activist is held for
        ("Lithuania detained the activist Dina Rahimova on a Tajik red notice.", "DETENTION"),
        # a joined legal verb for the target's own supposed offence changes nothing
        ("The exile Omar Said was arrested and charged with insulting the king.", "DETENTION"),
        ("The journalist Omar Said was detained as a witness in Minsk.", "DETENTION"),
        # the act after 'before' is the next step done to him, not what he was held for
        (
            "Border police held the blogger Omar Said for a week before handing him to "
            "agents from Vell.",
            "DETENTION",
        ),
        # relatives charged over the exile's supposed acts are relatives punished
        (
            "The court convicted the brothers of Omar Said of helping him plot the killing "
            "of a minister.",
            "RELATIVE_REPRISAL",
        ),
    ],
)
def test_legal_acts_against_targets_stay(tnr_pipeline, text: str, expected: str) -> None:
    assert expected in {code for _, code in legal_spans(tnr_pipeline, text)}


def test_the_one_accused_of_arranging_an_abduction_is_no_target(tnr_pipeline) -> None:
    text = "Ruritania accused Interior Minister Tom Reed of arranging the abduction of Ana Reyes."
    [claim] = tnr_pipeline.process_text(text).claims
    assert "Tom Reed" not in claim.targets


@pytest.mark.parametrize(
    "plea",
    [
        "each admitted one count of conspiring to act as agents of Ruritania",
        "each pleaded guilty to conspiring to stalk the journalist Lena Ortiz",
        "each pleaded not guilty to charges of stalking the journalist Lena Ortiz",
    ],
)
def test_people_who_plead_to_an_act_on_someone_are_its_perpetrators(
    tnr_pipeline, plea: str
) -> None:
    text = (
        f"Marko Tal, 44, of Yonkers, and Ivo Sand, 39, of Queens, {plea}. Tal and Sand face "
        "up to five years in prison when they are sentenced in May."
    )
    record = tnr_pipeline.process_text(text)
    assert all(not {"Marko Tal", "Ivo Sand"} & set(c.targets) for c in record.claims)
    [plea_claim] = [c for c in record.claims if c.text.startswith("Marko Tal")]
    assert plea_claim.type == "incident"


def test_a_person_who_admits_nothing_is_no_perpetrator(tnr_pipeline) -> None:
    # counterexample: admitting something that is no act on anyone leaves the name alone
    record = tnr_pipeline.process_text(
        "Ivo Sand admitted that he had been afraid for years. Police detained Ivo Sand "
        "in Minsk on his return."
    )
    [claim] = [c for c in record.claims if c.text.startswith("Police")]
    assert claim.targets == ["Ivo Sand"]


@pytest.mark.parametrize(
    "text",
    [
        "According to the indictment, two men followed the journalist Lena Ortiz to Oslo.",
        "Two men followed the journalist Lena Ortiz to Oslo, the charge sheet says.",
    ],
)
def test_a_charging_document_that_tells_the_story_is_no_act(tnr_pipeline, text: str) -> None:
    assert legal_spans(tnr_pipeline, text) == []


def test_a_charge_named_as_an_act_stays(tnr_pipeline) -> None:
    # counterexample: an indictment that is done to someone is PROSECUTION
    text = "Ruritania issued an indictment against the journalist Lena Ortiz in May."
    assert [code for _, code in legal_spans(tnr_pipeline, text)] == ["PROSECUTION"]


def test_a_penalty_a_remembered_perpetrator_faces_is_no_method(tnr_pipeline) -> None:
    text = (
        "Marko Tal and Ivo Sand each admitted one count of conspiring to stalk the "
        "journalist Lena Ortiz. Tal and Sand face up to five years in prison."
    )
    assert legal_spans(tnr_pipeline, text) == []


@pytest.mark.parametrize(
    "charge",
    [
        # the second accused and 'in connection with' stand between the charge and the act
        "unveiled charges against Marko Tal and an unnamed officer in connection with a "
        "kidnapping plot against the journalist Ivo Sand",
        "filed charges against Marko Tal in relation to the attempted abduction of the "
        "journalist Ivo Sand",
    ],
)
def test_the_accused_is_remembered_through_a_coordinated_patient_or_linking_phrase(
    tnr_pipeline, charge: str
) -> None:
    text = f"Prosecutors {charge}. Tal was later extradited to Austria."
    record = tnr_pipeline.process_text(text)
    assert legal_spans(tnr_pipeline, text) == []
    assert all("Marko Tal" not in claim.targets for claim in record.claims)


def test_a_coordinated_target_of_a_legal_act_is_no_perpetrator(tnr_pipeline) -> None:
    # counterexample: no act on someone is charged, so the arrest stays an act on them
    text = "Police arrested Omar Said and Ali Noor in connection with a protest in Cairo."
    assert "DETENTION" in {code for _, code in legal_spans(tnr_pipeline, text)}


@pytest.mark.parametrize(
    "text",
    [
        "The exiled writer Ivo Sand was shot in Riga. The suspected gunman fled across the "
        'border. "Police there have arrested him," an officer said.',
        "The exiled writer Ivo Sand was stabbed in Oslo. The two attackers escaped by car. "
        "Police arrested them at the airport, said the police chief, Ola Berg.",
    ],
)
def test_a_pronoun_for_a_perpetrator_noun_just_before_is_no_target(tnr_pipeline, text: str) -> None:
    record = tnr_pipeline.process_text(text)
    assert legal_spans(tnr_pipeline, text) == []
    assert all("Ivo Sand" not in claim.targets for claim in record.claims[1:])


@pytest.mark.parametrize(
    "text",
    [
        # the person named last is the antecedent
        "The suspected gunman fled. The exiled writer Ivo Sand was later found in Riga, "
        "where police arrested him.",
        # a perpetrator noun of the other number is not 'him'
        "The exiled writer Ivo Sand had escaped the kidnappers. Police arrested him in Riga.",
    ],
)
def test_a_pronoun_for_a_named_person_stays_a_target(tnr_pipeline, text: str) -> None:
    assert "DETENTION" in {code for _, code in legal_spans(tnr_pipeline, text)}


def test_a_person_whose_return_is_dated_is_no_doer(tnr_pipeline) -> None:
    # 'returned ... on March 3': the date is no one acted on, so the returnee did nothing
    # to anyone and stays the target of the next act
    text = (
        "Officials in Baku insist Ivo Sand, 33, returned voluntarily on March 3. "
        "Police arrested Ivo Sand at the airport."
    )
    claims = tnr_pipeline.process_text(text).claims
    assert claims[-1].targets == ["Ivo Sand"]
    assert "DETENTION" in claims[-1].methods


@pytest.mark.parametrize(
    "arrest",
    [
        "Two Russian nationals were arrested over the stabbing the next morning.",
        "Police detained four men on Thursday in connection with the stabbing.",
    ],
)
def test_an_arrest_over_the_attack_told_before_is_against_its_perpetrators(
    tnr_pipeline, arrest: str
) -> None:
    text = f"The blogger Aslan Dudar was stabbed in Lille on Monday. {arrest}"
    assert legal_spans(tnr_pipeline, text) == []


def test_an_arrest_for_an_offence_without_a_determiner_stays(tnr_pipeline) -> None:
    # counterexample: 'for spying' is the target's alleged offence
    text = "The exiled blogger was arrested for spying after his return."
    assert "DETENTION" in {code for _, code in legal_spans(tnr_pipeline, text)}


def test_the_counted_accused_named_next_are_perpetrators_and_their_homes_places(
    tnr_pipeline,
) -> None:
    text = (
        "A criminal complaint unsealed today charges two men with acting as illegal agents of "
        "Ruritania and conspiring to stalk a dissident in Queens. Ivo Tamm, 52, of Flushing, "
        "and Karl Sepp, 38, of Fort Lee, were arrested on Tuesday."
    )
    record = tnr_pipeline.process_text(text)
    assert legal_spans(tnr_pipeline, text) == []
    assert "Fort Lee" in {s.text for s in record.spans if s.label == "LOCATION"}
    assert not any(c.targets for c in record.claims)


def test_people_charged_over_a_named_persons_death_are_its_perpetrators(tnr_pipeline) -> None:
    text = (
        "Three Ruritanian men resident in Norway — Ivo Marek, 31, Jan Novak, 40, and Tomas "
        "Vell, 26 — are charged with homicide and conspiracy to commit homicide "
        "in Anna Berg's death."
    )
    assert legal_spans(tnr_pipeline, text) == []
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.targets == ["Anna Berg"]


def test_a_charge_over_an_unnamed_death_stays_a_legal_act(tnr_pipeline) -> None:
    # counterexample: no one's death is named, so the charge may be the target's
    text = "The exiled blogger Ivo Marek was charged with causing a death by dangerous driving."
    assert ("charged", "PROSECUTION") in legal_spans(tnr_pipeline, text)


def test_the_arrests_after_perpetrators_were_arrested_refer_back(tnr_pipeline) -> None:
    text = (
        "Two men were detained and indicted over the stabbing of the exile Ana Reyes. "
        "Her family learned of the arrests on Friday."
    )
    assert legal_spans(tnr_pipeline, text) == []


def test_a_noun_named_as_perpetrators_is_theirs_later(tnr_pipeline) -> None:
    text = (
        "Poison suspects named as Karel Dvorak and Milan Hasek. "
        "The two men have been named as Karel Dvorak and Milan Hasek. "
        "Prosecutors plan to request extradition of the two men."
    )
    assert legal_spans(tnr_pipeline, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a penalty a named person faces if convicted is that person's
        (
            "Ivo Marek, whom the state calls a traitor, faces prosecution if he is convicted.",
            {"PROSECUTION"},
        ),
        # no one's: 'If convicted, the pair face ...'
        ("If convicted, the pair face twelve years in prison.", set()),
    ],
)
def test_a_penalty_waiting_on_a_conviction_is_kept_for_a_named_bearer(
    tnr_pipeline, text: str, expected: set[str]
) -> None:
    assert {code for _, code in legal_spans(tnr_pipeline, text)} == expected


@pytest.mark.parametrize(
    "text",
    [
        # a participle on a remembered noun: 'the men arrested'
        "Two men were charged with the stabbing of the exile Ivo Sand. Police said the men "
        "arrested on Friday would appear in court.",
        # a subject pronoun for doers remembered by a noun with no determiner
        "Three Ruritanian nationals are charged in the killing of the blogger Ivo Sand. "
        "All three are Ruritanian nationals who lived in Oslo when they were arrested.",
    ],
)
def test_remembered_doers_reached_by_participle_or_pronoun_are_no_targets(
    tnr_pipeline, text: str
) -> None:
    assert legal_spans(tnr_pipeline, text) == []


def test_a_pronoun_after_a_remembered_institution_is_still_the_target(tnr_pipeline) -> None:
    # the police did the act; 'he' after 'the police' is the exile, not the police
    text = (
        "Two police officers were arrested over the abduction of Ivo Sand. Sand was later "
        "accused of insulting the police. In 2019, he was sentenced to ten years in prison."
    )
    assert "sentenced to ten years" in {t for t, _ in legal_spans(tnr_pipeline, text)}


def test_extradition_faced_by_remembered_doers_joined_to_their_arrest_is_no_method(
    tnr_pipeline,
) -> None:
    text = (
        "Two Ruritanian men were charged with the attempted murder of Ivo Sand. The men were "
        "arrested in Oslo and face extradition."
    )
    assert legal_spans(tnr_pipeline, text) == []


def test_extradition_faced_by_the_target_joined_to_her_arrest_stays(tnr_pipeline) -> None:
    text = "She was arrested in Dubai and faces extradition to Ruritania."
    assert {code for _, code in legal_spans(tnr_pipeline, text)} == {"DETENTION", "EXTRADITION"}


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a count taken from a group remembered as the doers
        (
            "Nine men were charged over the killing of the writer Ana Reyes. A judge dropped "
            "charges against the other two of the nine men in May.",
            [],
        ),
        # who directs the act does it: a later arrest of him is of a doer
        (
            "Prosecutors said the intelligence chief Marko Tal oversaw the abduction of the "
            "exile Ana Reyes. Marko Tal was arrested in Oslo in May.",
            [],
        ),
        # counterexample: condemning an act makes no one its doer
        (
            "The senator Marko Tal condemned the abduction of the exile Ana Reyes. Marko Tal "
            "was arrested in Oslo in May.",
            [("arrested", "DETENTION")],
        ),
    ],
)
def test_groups_counted_from_and_directors_of_an_act_are_its_doers(
    tnr_pipeline, text: str, kept: list[tuple[str, str]]
) -> None:
    assert legal_spans(tnr_pipeline, text) == kept


@pytest.mark.parametrize(
    ("second", "kept"),
    [
        # 'they' may stand for 'either man', one of the doers
        (
            "If either man enters a country that honours the warrant, they will be arrested "
            "and face extradition.",
            [],
        ),
        # counterexample: 'they' after a plural noun of no perpetrators
        (
            "If the exiles return to Tallinn, they will be arrested.",
            [("arrested", "DETENTION")],
        ),
    ],
)
def test_they_for_either_of_the_doers(tnr_pipeline, second: str, kept) -> None:
    text = "Marko Tal and Ivo Lind were charged with the attempted murder of Ana Reyes. " + second
    assert legal_spans(tnr_pipeline, text) == kept


@pytest.mark.parametrize(
    ("second", "kept"),
    [
        # 'he' for a named doer: his custody is no METHOD
        ("Marko Tal appeared by video from Riga, where he is being held.", []),
        # counterexample: 'he' for the target named last
        ("Ana Reyes fled to Riga, where she is being held.", [("held", "DETENTION")]),
    ],
)
def test_a_pronoun_for_a_named_doer_is_a_doer(tnr_pipeline, second: str, kept) -> None:
    text = "Marko Tal and Ivo Lind were charged with the attempted murder of Ana Reyes. " + second
    assert legal_spans(tnr_pipeline, text) == kept


@pytest.mark.parametrize(
    ("second", "kept"),
    [
        # a bare plural legal noun with no one of its own is the step told against the doers
        ("With charges now laid, police said little about the inquiry.", []),
        ("Charges were finally laid in May, police said.", []),
        # counterexample: a charge named by its offence is a new step
        (
            "Ana Reyes was later jailed on charges of insulting the state.",
            [("jailed", "DETENTION"), ("charges", "PROSECUTION")],
        ),
    ],
)
def test_a_bare_plural_legal_noun_refers_back_to_the_doers(tnr_pipeline, second: str, kept) -> None:
    text = "Police charged Marko Tal and Ivo Lind with the attempted murder of Ana Reyes. " + second
    assert legal_spans(tnr_pipeline, text) == kept


def test_a_nationality_shared_with_a_perpetrator_makes_no_one_a_perpetrator(tnr_pipeline) -> None:
    """The convicted spy is remembered by his noun, not by the demonym before it: a later
    blogger of the same nationality detained abroad is a target."""
    text = (
        "Last year a Ruritanian national was convicted in Vell of spying on exiles. "
        "In May border guards in Oslo detained a Ruritanian blogger at the airport."
    )
    assert ("detained", "DETENTION") in legal_spans(tnr_pipeline, text)


def test_the_perpetrators_noun_phrase_is_still_remembered(tnr_pipeline) -> None:
    text = (
        "Last year a Ruritanian national was convicted in Vell of spying on exiles. "
        "In May police in Oslo detained the Ruritanian national again."
    )
    assert ("detained", "DETENTION") not in legal_spans(tnr_pipeline, text)


def test_people_who_went_on_trial_accused_of_an_act_on_others_are_its_doers(
    tnr_pipeline,
) -> None:
    """'went on trial ... accused of spying on exiles': the trial is against the accused,
    who are the counted men the next sentence names; none of them is a target."""
    text = (
        "Two men went on trial in Vell on Monday accused of spying on exiles from Ruritania. "
        "Ivo Sand, 41, and Marek Hal, 38, are charged with illegal intelligence work."
    )
    record = tnr_pipeline.process_text(text)
    assert legal_spans(tnr_pipeline, text) == []
    assert all(claim.targets == [] for claim in record.claims)


def test_counted_convicts_named_next_and_their_deportation_are_no_methods(tnr_pipeline) -> None:
    """'convicted two men of spying on exiles. A was sentenced to six years and B to four':
    the gapped second name is one of the two as well, and the host deporting him after his
    term is an act against a doer, no METHOD."""
    text = (
        "A court in Vell on Tuesday convicted two men of spying on exiles from Ruritania. "
        "Ivo Sand, 43, was sentenced to seven years behind bars and Marek Hal, 37, to four. "
        "The court ordered that Hal be deported to Ruritania after his release."
    )
    record = tnr_pipeline.process_text(text)
    codes = [s.code for s in record.spans if s.label == "METHOD"]
    assert codes == ["SURVEILLANCE"]
    assert all(claim.targets == [] for claim in record.claims)


@pytest.mark.parametrize(
    ("later", "kept"),
    [
        # the family name first: 'Chen' is Chen Weiming, who followed the poet
        ("Chen tracked the poet's car for months.", []),
        ("Weiming tracked the poet's car for months.", []),
        # counterexample: a one-word name two full names share is neither of them
        ("Chen Lu tracked the poet's car. Chen tracked her phone.", [("arrested", "DETENTION")]),
    ],
)
def test_a_one_word_name_of_one_full_name_is_that_doer(tnr_pipeline, later: str, kept) -> None:
    text = "Chen Weiming, 46, a taxi driver, was arrested last month. " + later
    assert legal_spans(tnr_pipeline, text) == kept


def test_the_subject_of_a_clause_joined_to_a_passive_act_is_no_doer() -> None:
    # the parse the small model gives 'after Vell addresses an event, his sister is
    # dismissed': the passive act is a conjunct of 'addresses', whose subject did nothing
    import spacy
    from spacy.tokens import Doc, Span

    from tnr_claims.nlp.perpetrators import PERPETRATORS_KEY, drop_acts_against_perpetrators
    from tnr_claims.rules.loader import default_patterns

    words = ["after", "Vell", "addresses", "an", "event", ",", "his", "sister", "is", "dismissed"]
    heads = [2, 2, 2, 4, 2, 7, 7, 9, 9, 2]
    deps = ["mark", "nsubj", "ROOT", "det", "dobj", "punct", "poss", "nsubjpass", "auxpass"]
    pos = ["SCONJ", "PROPN", "VERB", "DET", "NOUN", "PUNCT", "PRON", "NOUN", "AUX", "VERB"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=[*deps, "conj"], pos=pos)
    spans = [
        Span(doc, 1, 2, "PERSON", span_id="model:PERSON"),
        Span(doc, 9, 10, "METHOD", span_id="EMPLOYMENT_REPRISAL.fired_from"),
    ]
    drop_acts_against_perpetrators(doc, spans, default_patterns().lexicons)
    assert doc.user_data[PERPETRATORS_KEY] == []


def test_who_ordered_what_a_passive_then_tells_is_its_doer(tnr_pipeline) -> None:
    # counterexample to the passive rule above: the verb before directs the act
    text = (
        "Colonel Ivo Marek ordered the operation, and the blogger Lena Ortiz was abducted in "
        "Vienna. In 2023 an Austrian court convicted Marek in absentia."
    )
    record = tnr_pipeline.process_text(text)
    assert [s.code for s in record.spans if s.label == "METHOD"] == ["ABDUCTION"]
