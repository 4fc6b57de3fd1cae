"""Claims: qualification, type, source, hedging, negation and targets, as tables.

Every sentence here is hand-written about invented people and organisations; the
expected answers follow the codebook (section 3 and "Hard cases"), not program output.

Model-level tables build the Doc with the bare statistical model and hand-made
SpanRecords (what the normaliser would hand over), so they test this stage alone; the
end-to-end tests at the bottom run the whole pipeline.
"""

from __future__ import annotations

from typing import Any

import pytest
import spacy

from tnr_claims.claims import CLAIM_RULES, TARGET_RULES, TYPE_RULES, build_claims, load_cue_rules
from tnr_claims.records import ClaimRecord, Segment, SpanProvenance, SpanRecord
from tnr_claims.rules.schemas import CueRule

SpanSpec = tuple[Any, ...]
"""``(surface, label, value[, nth occurrence])``: value is the code, name, value or
``(instrument, article)`` of the label."""


@pytest.fixture(scope="session")
def cue_rules() -> tuple[CueRule, ...]:
    return load_cue_rules()


def _record(text: str, surface: str, label: str, value: Any, nth: int = 0) -> SpanRecord:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    fields: dict[str, Any] = {}
    if label in ("METHOD", "LOCATION"):
        fields["code"] = value
    elif label in ("PERSON", "ORG"):
        fields["name"] = value
    elif label in ("DATE", "QUANTITY"):
        fields["value"] = value
    elif label == "LEGAL_REF":
        fields["instrument"], fields["article"] = value
    return SpanRecord(
        start=start,
        end=start + len(surface),
        label=label,
        text=surface,
        provenance=SpanProvenance(source="rule", pattern_id=f"{label}.test"),
        **fields,
    )


def claims_for(
    nlp: spacy.language.Language,
    cue_rules: tuple[CueRule, ...],
    text: str,
    spans: list[SpanSpec],
    segments: list[Segment] | None = None,
) -> list[ClaimRecord]:
    if segments:
        doc = nlp.make_doc(text)
        for segment in segments:
            span = doc.char_span(segment.start, segment.end, alignment_mode="expand")
            if span is not None:
                doc[span.start].is_sent_start = True
        for _, component in nlp.pipeline:
            doc = component(doc)
    else:
        doc = nlp(text)
    records = [_record(text, *spec) for spec in spans]
    return build_claims(doc, records, segments or [], doc_id="test", pipeline_version="test")


def claim_of(claims: list[ClaimRecord], sentence_start: str) -> ClaimRecord:
    matches = [c for c in claims if c.text.startswith(sentence_start)]
    assert matches, f"no claim starting {sentence_start!r} in {[c.text for c in claims]}"
    return matches[0]


# --------------------------------------------------------------------------- cue lexicon


def test_cue_rules_are_valid_unique_and_cover_every_kind(cue_rules: tuple[CueRule, ...]) -> None:
    ids = [rule.id for rule in cue_rules]
    assert len(ids) == len(set(ids))
    assert {rule.kind for rule in cue_rules} == {
        "hedge",
        "negation",
        "attribution",
        "recommendation",
        "terminator",
        "quote",
    }
    assert all(rule.examples for rule in cue_rules)


def test_cue_examples_match_and_counterexamples_do_not(cue_rules: tuple[CueRule, ...]) -> None:
    from tnr_claims.rules.examples import example_failures

    nlp = spacy.blank("en")
    problems = [str(failure) for rule in cue_rules for failure in example_failures(rule, nlp)]
    assert not problems, problems


def test_rule_tables_have_unique_ids() -> None:
    assert len({r[0] for r in CLAIM_RULES}) == len(CLAIM_RULES)
    assert len({r[0] for r in TYPE_RULES}) == len(TYPE_RULES)
    assert TYPE_RULES[-1][0] == "TYPE.general_practice"


def test_every_target_rule_the_code_gives_is_documented() -> None:
    import re
    from pathlib import Path

    import tnr_claims.claims as claims_package

    folder = Path(claims_package.__file__).parent
    used = {
        rule_id
        for path in folder.glob("*.py")
        for rule_id in re.findall(r'"(TARGET\.[a-z_]+)"', path.read_text(encoding="utf-8"))
    }
    assert used and used <= {rule_id for rule_id, _ in TARGET_RULES}


# --------------------------------------------------------------------------- source

RW = ("Rights Watch", "ORG", "Rights Watch")
ABDUCTED = ("abducted", "METHOD", "ABDUCTION")
DEPORTED = ("deported", "METHOD", "DEPORTATION")

SOURCE_CASES = [
    (
        "Agents abducted the blogger Tomas Rek in Vilnius, Rights Watch said.",
        [ABDUCTED, ("Tomas Rek", "PERSON", "Tomas Rek"), ("Vilnius", "LOCATION", "LT"), RW],
        "Agents",
        "Rights Watch",
        "reporting_verb",
    ),
    (
        "According to Rights Watch, at least 30 exiles were forcibly returned in 2020.",
        [
            RW,
            ("30", "QUANTITY", 30),
            ("forcibly returned", "METHOD", "FORCED_RETURN"),
            ("2020", "DATE", "2020"),
        ],
        "According",
        "Rights Watch",
        "according_to",
    ),
    (
        "Mara Holt told Reuters that her brother had been detained at the airport.",
        [
            ("Mara Holt", "PERSON", "Mara Holt"),
            ("Reuters", "ORG", "Reuters"),
            ("detained", "METHOD", "DETENTION"),
        ],
        "Mara",
        "Mara Holt",
        "reporting_verb",
    ),
    (
        "Police said the two men were deported to Laos.",
        [("deported", "METHOD", "DEPORTATION"), ("Laos", "LOCATION", "LA")],
        "Police",
        None,
        "unnamed_speaker",
    ),
    (
        "Activists say exiled critics are routinely monitored by embassy staff.",
        [("monitored", "METHOD", "SURVEILLANCE")],
        "Activists",
        None,
        "unnamed_speaker",
    ),
    (
        "Exiled critics are routinely monitored by embassy staff.",
        [("monitored", "METHOD", "SURVEILLANCE")],
        "Exiled",
        None,
        None,
    ),
    (
        "A new report by Rights Watch documents 40 cases of forced return.",
        [RW, ("40", "QUANTITY", 40), ("forced return", "METHOD", "FORCED_RETURN")],
        "A new report",
        "Rights Watch",
        "reporting_verb",
    ),
    (
        "Rights Watch published its annual report in March. The report says agents pressured "
        "relatives of exiles to persuade them to come home.",
        [
            RW,
            ("pressured relatives", "METHOD", "FAMILY_PRESSURE"),
            ("persuade them to come home", "METHOD", "PERSUASION_TO_RETURN"),
        ],
        "The report",
        "Rights Watch",
        "report_author",
    ),
    (
        "The report says agents pressured relatives of exiles to persuade them to come home.",
        [("pressured relatives", "METHOD", "FAMILY_PRESSURE")],
        "The report",
        None,
        "unnamed_speaker",
    ),
    (
        "While the Party claims the agents act lawfully, several governments have protested "
        "against the agents operating on their soil.",
        [("the Party", "ORG", "Party"), ("agents", "METHOD", "OVERSEAS_AGENTS", 1)],
        "While",
        None,
        None,
    ),
    (
        "“They followed him for weeks. Then they seized him outside his flat,” said Lena Ortiz.",
        [
            ("followed him", "METHOD", "SURVEILLANCE"),
            ("seized", "METHOD", "ABDUCTION"),
            ("Lena Ortiz", "PERSON", "Lena Ortiz"),
        ],
        "“They followed",
        "Lena Ortiz",
        "quote_attributed_after",
    ),
    (
        "Lena Ortiz said: “He was seized outside his flat. He was then flown to Minsk.”",
        [
            ("Lena Ortiz", "PERSON", "Lena Ortiz"),
            ("seized", "METHOD", "ABDUCTION"),
            ("flown to Minsk", "METHOD", "FORCED_RETURN"),
        ],
        "He was then",
        "Lena Ortiz",
        "quote_continued",
    ),
    (
        "“The police came at night,” said Lena Ortiz. “They took him to the border and handed "
        "him over,” she said.",
        [("Lena Ortiz", "PERSON", "Lena Ortiz"), ("handed him over", "METHOD", "DEPORTATION")],
        "“They took",
        "Lena Ortiz",
        "pronoun_speaker",
    ),
    (
        "Rights Watch: agents abducted at least 12 exiles in Riga last year.",
        [RW, ABDUCTED, ("12", "QUANTITY", 12), ("Riga", "LOCATION", "LV")],
        "Rights Watch",
        "Rights Watch",
        "colon",
    ),
    (
        "Agents abducted two exiles in Riga, Rights Watch said. The report says both men were "
        "later deported.",
        [ABDUCTED, ("two", "QUANTITY", 2), ("Riga", "LOCATION", "LV"), RW, DEPORTED],
        "The report",
        "Rights Watch",
        "report_author",
    ),
    (
        "Police raided two flats in Minsk and detained at least 12 exiles, Tomas Rek, a rights "
        "activist in Vilnius, told reporters.",
        [
            ("Minsk", "LOCATION", "BY"),
            ("detained", "METHOD", "DETENTION"),
            ("12", "QUANTITY", 12),
            ("Tomas Rek", "PERSON", "Tomas Rek"),
            ("Vilnius", "LOCATION", "LT"),
        ],
        "Police raided",
        "Tomas Rek",
        "reporting_verb",
    ),
    (
        "Police detained at least 12 exiles in Riga last week, as reported by Rights Watch.",
        [
            ("detained", "METHOD", "DETENTION"),
            ("12", "QUANTITY", 12),
            ("Riga", "LOCATION", "LV"),
            RW,
        ],
        "Police detained",
        "Rights Watch",
        "passive_agent",
    ),
    (
        "Police detained at least 12 exiles in Riga, cases documented by Rights Watch.",
        [
            ("detained", "METHOD", "DETENTION"),
            ("12", "QUANTITY", 12),
            ("Riga", "LOCATION", "LV"),
            RW,
        ],
        "Police detained",
        None,
        None,
    ),
    (
        "A statement from Rights Watch disclosed that agents abducted two exiles in Riga.",
        [RW, ABDUCTED, ("two", "QUANTITY", 2), ("Riga", "LOCATION", "LV")],
        "A statement",
        "Rights Watch",
        "reporting_verb",
    ),
    (
        # a finding with a that-clause, a phrase between (ATTRIBUTION.finding_that)
        "Rights Watch has determined in two cases that agents abducted exiles in Riga.",
        [RW, ("two", "QUANTITY", 2), ABDUCTED, ("Riga", "LOCATION", "LV")],
        "Rights Watch",
        "Rights Watch",
        "reporting_verb",
    ),
    (
        # 'determined to' is resolve, no finding
        "Agents were determined to find the exiles in Riga, and they abducted them.",
        [ABDUCTED, ("Riga", "LOCATION", "LV")],
        "Agents were",
        None,
        None,
    ),
    (
        "Rights Watch urges governments to suspend extradition treaties with Belarus.",
        [RW, ("extradition", "METHOD", "EXTRADITION"), ("Belarus", "LOCATION", "BY")],
        "Rights Watch",
        "Rights Watch",
        "recommendation_verb",
    ),
    (
        "Rights Watch published its annual report in March. The report's second case concerns "
        "Lena Ortiz, who was abducted in Riga.",
        [RW, ("Lena Ortiz", "PERSON", "Lena Ortiz"), ABDUCTED, ("Riga", "LOCATION", "LV")],
        "The report's",
        "Rights Watch",
        "report_case",
    ),
    (
        # refusing counted things is Interpol's act, not its statement; 'the group's
        # researchers' are the report's authors
        "Rights Watch published its annual report in March. Interpol rejected 19 of the "
        "notices against exiles, the group's researchers found.",
        [RW, ("Interpol", "ORG", "Interpol"), ("19", "QUANTITY", 19)],
        "Interpol rejected",
        "Rights Watch",
        "report_author",
    ),
    (
        # counterexample: rejecting what is said is a statement
        "Agents abducted two exiles in Riga. Ruritania's Interior Ministry rejected the "
        "allegations.",
        [
            ABDUCTED,
            ("two", "QUANTITY", 2),
            ("Riga", "LOCATION", "LV"),
            ("Interior Ministry", "ORG", "Interior Ministry"),
        ],
        "Ruritania's",
        "Interior Ministry",
        "reporting_verb",
    ),
    (
        # a joint call the parser reads with a noun root and 'called' as its modifier:
        # still the main verb, and the first of the list ('the group') speaks
        "Rights Watch published its annual report in March. The group, Amnesty "
        "International and four other organisations called on Latvia in a joint statement "
        "to halt all deportations to Belarus.",
        [
            RW,
            ("Amnesty International", "ORG", "Amnesty International"),
            ("Latvia", "LOCATION", "LV"),
            ("deportations", "METHOD", "DEPORTATION"),
            ("Belarus", "LOCATION", "BY"),
        ],
        "The group",
        "Rights Watch",
        "described_speaker",
    ),
    (
        # counterexample: a case reported to the police is no case a report sets out
        "Rights Watch published its annual report in March. The case was reported to police "
        "after Lena Ortiz was abducted in Riga.",
        [RW, ("Lena Ortiz", "PERSON", "Lena Ortiz"), ABDUCTED, ("Riga", "LOCATION", "LV")],
        "The case",
        None,
        None,
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "spans", "sentence", "source", "rule"), SOURCE_CASES)
def test_source(nlp_model, cue_rules, text, spans, sentence, source, rule) -> None:
    claim = claim_of(claims_for(nlp_model, cue_rules, text, spans), sentence)
    assert claim.source == source
    assert claim.provenance.source_rule == rule
    if rule in ("reporting_verb", "according_to", "recommendation_verb"):
        assert any(cue.kind in ("attribution", "recommendation") for cue in claim.cues)


# --------------------------------------------------------------------------- hedged / negated

FLAG_CASES = [
    ("Agents may have abducted the activist in Bangkok.", [ABDUCTED], True, False),
    (
        "The activist, who may have feared for his safety, was deported to Laos.",
        [DEPORTED],
        False,
        False,
    ),
    ("Relatives claim the student was abducted at a bus stop.", [ABDUCTED], True, False),
    ("The dissident was reportedly deported within hours.", [DEPORTED], True, False),
    (
        "The lawyer is said to have been abducted by plain-clothes officers.",
        [ABDUCTED],
        True,
        False,
    ),
    ("Rights Watch said the dissident was deported within hours.", [RW, DEPORTED], False, False),
    ("The dissident told reporters he was deported within hours.", [DEPORTED], False, False),
    (
        "There are fears the stations could be used to monitor dissidents.",
        [("monitor", "METHOD", "SURVEILLANCE")],
        True,
        False,
    ),
    (
        "The courts did not extradite the activist to Laos.",
        [("extradite", "METHOD", "EXTRADITION")],
        False,
        True,
    ),
    (
        "Thailand refused to extradite the activist.",
        [("extradite", "METHOD", "EXTRADITION")],
        False,
        True,
    ),
    ("The embassy denied that its agents had abducted the student.", [ABDUCTED], False, True),
    ("No one was deported after the raid.", [DEPORTED], False, True),
    (
        "He was not only detained but also beaten by the guards.",
        [("detained", "METHOD", "DETENTION"), ("beaten", "METHOD", "PHYSICAL_ATTACK")],
        False,
        False,
    ),
    ("The activist was deported without a hearing.", [DEPORTED], False, False),
    (
        "He was returned without being extradited.",
        [("returned", "METHOD", "FORCED_RETURN"), ("extradited", "METHOD", "EXTRADITION")],
        False,
        False,
    ),
    (
        "Extradition requests were sometimes denied by the courts.",
        [("Extradition requests", "METHOD", "EXTRADITION")],
        False,
        False,
    ),
    (
        "The student, who did not have a valid visa, was detained in Cairo.",
        [("detained", "METHOD", "DETENTION"), ("Cairo", "LOCATION", "EG")],
        False,
        False,
    ),
    ("The blogger is no longer detained.", [("detained", "METHOD", "DETENTION")], False, False),
    ("There is no doubt that the blogger was abducted.", [ABDUCTED], False, False),
    (
        "The ministry could not deport him because of a court order.",
        [("deport", "METHOD", "DEPORTATION")],
        False,
        False,
    ),
    (
        "He was not charged but was deported to Laos.",
        [("charged", "METHOD", "PROSECUTION"), ("deported", "METHOD", "DEPORTATION")],
        False,
        False,
    ),
    (
        "The aim of the extradition policy is not limited to fighting corruption.",
        [("extradition", "METHOD", "EXTRADITION")],
        False,
        False,
    ),
    (
        "Local officials failed to prevent agents from operating openly.",
        [("agents", "METHOD", "OVERSEAS_AGENTS")],
        False,
        False,
    ),
    ("The family alleges that agents have abducted her.", [ABDUCTED], True, False),
    (
        "According to a claim by activists, the blogger was abducted in Riga.",
        [ABDUCTED, ("Riga", "LOCATION", "LV")],
        True,
        False,
    ),
    (
        "The blogger was apparently abducted in Riga.",
        [ABDUCTED, ("Riga", "LOCATION", "LV")],
        True,
        False,
    ),
    (
        "She wrote that he was abducted, although she gave no evidence to support her claim.",
        [ABDUCTED],
        True,
        False,
    ),
    (
        "Police deported the blogger, who denied the allegations against him.",
        [DEPORTED],
        False,
        False,
    ),
    ("The blogger was never charged.", [("charged", "METHOD", "PROSECUTION")], False, True),
    (
        # codebook, second set: the charge against a defendant is an asserted legal step
        "A man appeared in court in Berlin on Monday, accused of helping to abduct a banker.",
        [("abduct", "METHOD", "ABDUCTION"), ("Berlin", "LOCATION", "DE")],
        False,
        False,
    ),
    (
        "The government was accused of helping to abduct a banker in Berlin.",
        [("abduct", "METHOD", "ABDUCTION"), ("Berlin", "LOCATION", "DE")],
        True,
        False,
    ),
    (
        "The blogger was deported and accused of spreading false news.",
        [DEPORTED, ("accused", "METHOD", "PROSECUTION")],
        False,
        False,
    ),
    (
        "Local police arrested several suspects in the abduction.",
        [("arrested", "METHOD", "DETENTION"), ("abduction", "METHOD", "ABDUCTION")],
        False,
        False,
    ),
    (
        "It would not be surprising to learn that agents monitor every exile.",
        [("monitor", "METHOD", "SURVEILLANCE")],
        False,
        False,
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "spans", "hedged", "negated"), FLAG_CASES)
def test_hedged_and_negated(nlp_model, cue_rules, text, spans, hedged, negated) -> None:
    claims = claims_for(nlp_model, cue_rules, text, spans)
    assert len(claims) == 1
    claim = claims[0]
    assert (claim.hedged, claim.negated) == (hedged, negated)
    kinds = {cue.kind for cue in claim.cues}
    assert ("hedge" in kinds) == hedged
    assert ("negation" in kinds) == negated


def test_denial_of_a_known_targets_movement_is_a_negated_incident(nlp_model, cue_rules) -> None:
    text = (
        "Border guards seized Tomas Rek in 2018. There is no record that he ever entered Cambodia."
    )
    spans = [
        ("seized", "METHOD", "ABDUCTION"),
        ("Tomas Rek", "PERSON", "Tomas Rek"),
        ("2018", "DATE", "2018"),
        ("Cambodia", "LOCATION", "KH"),
    ]
    claim = claim_of(claims_for(nlp_model, cue_rules, text, spans), "There is")
    assert claim.targets == ["Tomas Rek"]
    assert claim.negated is True
    assert claim.type == "incident"
    assert claim.locations == ["KH"]


# --------------------------------------------------------------------------- targets

TARGET_CASES = [
    (
        "President Kamau ordered the arrest of Odhiambo Otieno.",
        [
            ("Kamau", "PERSON", "Kamau"),
            ("arrest", "METHOD", "DETENTION"),
            ("Odhiambo Otieno", "PERSON", "Odhiambo Otieno"),
        ],
        ["Odhiambo Otieno"],
    ),
    (
        "Xi's policies on extradition have grown harsher.",
        [("Xi", "PERSON", "Xi Jinping"), ("extradition", "METHOD", "EXTRADITION")],
        [],
    ),
    (
        "Wang Li, his wife, Chen Mei, and their friend, Liu Bo, were abducted in Laos in 2015.",
        [
            ("Wang Li", "PERSON", "Wang Li"),
            ("Chen Mei", "PERSON", "Chen Mei"),
            ("Liu Bo", "PERSON", "Liu Bo"),
            ABDUCTED,
            ("Laos", "LOCATION", "LA"),
            ("2015", "DATE", "2015"),
        ],
        ["Chen Mei", "Liu Bo", "Wang Li"],
    ),
    (
        "Prosecutor Anna Berg said the agents kidnapped Tomas Rek in Berlin.",
        [
            ("Anna Berg", "PERSON", "Anna Berg"),
            ("kidnapped", "METHOD", "ABDUCTION"),
            ("Tomas Rek", "PERSON", "Tomas Rek"),
            ("Berlin", "LOCATION", "DE"),
        ],
        ["Tomas Rek"],
    ),
    (
        "Officers froze the bank accounts of Mira Sato's sister.",
        [
            ("froze the bank accounts", "METHOD", "ASSET_FREEZE"),
            ("Mira Sato", "PERSON", "Mira Sato"),
        ],
        ["Mira Sato"],
    ),
    (
        "Mr Rek appeared in court in Minsk after being detained by security agents.",
        [
            ("Rek", "PERSON", "Tomas Rek"),
            ("Minsk", "LOCATION", "BY"),
            ("detained", "METHOD", "DETENTION"),
        ],
        ["Tomas Rek"],
    ),
    (
        "Agents led by Colonel Ivan Petrov abducted the journalist Sara Lind in Riga.",
        [
            ("Ivan Petrov", "PERSON", "Ivan Petrov"),
            ("abducted", "METHOD", "ABDUCTION"),
            ("Sara Lind", "PERSON", "Sara Lind"),
            ("Riga", "LOCATION", "LV"),
        ],
        ["Sara Lind"],
    ),
    (
        "The case of Sara Lind, a former state official who fled to Sweden, shows the reach "
        "of the agents.",
        [
            ("Sara Lind", "PERSON", "Sara Lind"),
            ("Sweden", "LOCATION", "SE"),
            ("agents", "METHOD", "OVERSEAS_AGENTS"),
        ],
        ["Sara Lind"],
    ),
    # a name the model reads as a PERSON that stands for a state or a platform is no target
    (
        "Agents abducted Sara Lind and a Latvian in Riga.",
        [
            ("abducted", "METHOD", "ABDUCTION"),
            ("Sara Lind", "PERSON", "Sara Lind"),
            ("Latvian", "PERSON", "Latvian"),
            ("Riga", "LOCATION", "LV"),
        ],
        ["Sara Lind"],
    ),
    (
        "Agents abducted Sara Lind and Twitter in Riga.",
        [
            ("abducted", "METHOD", "ABDUCTION"),
            ("Sara Lind", "PERSON", "Sara Lind"),
            ("Twitter", "PERSON", "Twitter"),
            ("Riga", "LOCATION", "LV"),
        ],
        ["Sara Lind"],
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "spans", "targets"), TARGET_CASES)
def test_targets(nlp_model, cue_rules, text, spans, targets) -> None:
    claims = claims_for(nlp_model, cue_rules, text, spans)
    assert len(claims) == 1
    assert claims[0].targets == targets


def test_pronoun_resolves_to_the_target_of_the_previous_sentence(nlp_model, cue_rules) -> None:
    text = (
        "Tomas Rek was abducted in Vilnius in 2017. "
        "In 2018 he was sentenced to ten years in prison."
    )
    spans = [
        ("Tomas Rek", "PERSON", "Tomas Rek"),
        ("abducted", "METHOD", "ABDUCTION"),
        ("Vilnius", "LOCATION", "LT"),
        ("2017", "DATE", "2017"),
        ("2018", "DATE", "2018"),
        ("sentenced", "METHOD", "PROSECUTION"),
    ]
    claims = claims_for(nlp_model, cue_rules, text, spans)
    assert [c.targets for c in claims] == [["Tomas Rek"], ["Tomas Rek"]]
    assert [c.type for c in claims] == ["incident", "incident"]
    assert claims[1].dates == ["2018"]


def test_generic_he_or_she_is_not_resolved(nlp_model, cue_rules) -> None:
    text = (
        "Agents seized Tomas Rek in 2018. "
        "A target is promised money if he or she agrees to return to face trial."
    )
    spans = [
        ("seized", "METHOD", "ABDUCTION"),
        ("Tomas Rek", "PERSON", "Tomas Rek"),
        ("promised money", "METHOD", "INDUCEMENT"),
    ]
    claim = claim_of(claims_for(nlp_model, cue_rules, text, spans), "A target")
    assert claim.targets == []
    assert claim.type == "pattern"


def test_official_is_no_antecedent_for_a_later_pronoun(nlp_model, cue_rules) -> None:
    text = (
        "Tomas Rek, a critic of President Ivan Dorn, was abducted in Riga. "
        "His family says agents of Ivan Dorn took him across the border."
    )
    spans = [
        ("Tomas Rek", "PERSON", "Tomas Rek"),
        ("Ivan Dorn", "PERSON", "Ivan Dorn"),
        ("abducted", "METHOD", "ABDUCTION"),
        ("Riga", "LOCATION", "LV"),
        ("Ivan Dorn", "PERSON", "Ivan Dorn", 1),
        ("took him across the border", "METHOD", "FORCED_RETURN"),
    ]
    claims = claims_for(nlp_model, cue_rules, text, spans)
    assert [c.targets for c in claims] == [["Tomas Rek"], ["Tomas Rek"]]


def test_named_source_on_the_practice_is_a_claim(nlp_model, cue_rules) -> None:
    text = "Rights Watch also claims that official data show these operations are growing."
    claim = claims_for(nlp_model, cue_rules, text, [RW])[0]
    assert claim.source == "Rights Watch"
    assert claim.hedged is True
    assert claim.type == "pattern"


def test_speaker_is_not_a_target_but_a_pronoun_about_herself_is(nlp_model, cue_rules) -> None:
    text = "Mara Holt said she was followed by embassy staff for months."
    spans = [("Mara Holt", "PERSON", "Mara Holt"), ("followed", "METHOD", "SURVEILLANCE")]
    claim = claims_for(nlp_model, cue_rules, text, spans)[0]
    assert claim.source == "Mara Holt"
    assert claim.targets == ["Mara Holt"]


# --------------------------------------------------------------------------- qualification and type

TYPE_CASES = [
    (
        "Rights Watch urges governments to suspend extradition treaties with Belarus.",
        [RW, ("extradition", "METHOD", "EXTRADITION"), ("Belarus", "LOCATION", "BY")],
        "recommendation",
    ),
    (
        "States should stop deporting refugees to Belarus.",
        [("deporting", "METHOD", "DEPORTATION"), ("Belarus", "LOCATION", "BY")],
        "recommendation",
    ),
    (
        "Article 9 of the Security Law allows police to detain suspects abroad.",
        [
            ("Article 9 of the Security Law", "LEGAL_REF", ("Security Law", "9")),
            ("detain", "METHOD", "DETENTION"),
        ],
        "legal",
    ),
    (
        "Under Article 38 of the Security Law, critics living abroad can be prosecuted.",
        [
            ("Article 38 of the Security Law", "LEGAL_REF", ("Security Law", "38")),
            ("prosecuted", "METHOD", "PROSECUTION"),
        ],
        "legal",
    ),
    (
        # a present passive on 'a student' tells a practice; the past one, an incident
        "A student from Belarus who protests in Riga is watched by agents.",
        [
            ("Belarus", "LOCATION", "BY"),
            ("Riga", "LOCATION", "LV"),
            ("watched", "METHOD", "SURVEILLANCE"),
        ],
        "pattern",
    ),
    (
        "A student from Belarus who protested in Riga was watched by agents.",
        [
            ("Belarus", "LOCATION", "BY"),
            ("Riga", "LOCATION", "LV"),
            ("watched", "METHOD", "SURVEILLANCE"),
        ],
        "incident",
    ),
    (
        # a reproach for the past is no call for action
        "Rights Watch said the red notice against Tomas Rek should not have been issued.",
        [RW, ("red notice", "METHOD", "INTERPOL_ABUSE"), ("Tomas Rek", "PERSON", "Tomas Rek")],
        "incident",
    ),
    (
        # what a speaker says happens to people in general is a practice, not her incident
        '"Consulates are withholding passports from exiles in Riga," said Tomas Rek.',
        [
            ("withholding passports", "METHOD", "TRAVEL_RESTRICTION"),
            ("Riga", "LOCATION", "LV"),
            ("Tomas Rek", "PERSON", "Tomas Rek"),
        ],
        "pattern",
    ),
    (
        "The report lists 18 abductions in five countries.",
        [("18", "QUANTITY", 18), ("abductions", "METHOD", "ABDUCTION"), ("five", "QUANTITY", 5)],
        "statistic",
    ),
    (
        "Agents often pressure relatives to persuade targets to return.",
        [
            ("pressure relatives", "METHOD", "FAMILY_PRESSURE"),
            ("persuade targets to return", "METHOD", "PERSUASION_TO_RETURN"),
        ],
        "pattern",
    ),
    (
        "Police detained at least 30 students in Cairo on Tuesday.",
        [("detained", "METHOD", "DETENTION"), ("30", "QUANTITY", 30), ("Cairo", "LOCATION", "EG")],
        "incident",
    ),
    (
        "Tomas Rek was taken back to Minsk in June 2019.",
        [
            ("Tomas Rek", "PERSON", "Tomas Rek"),
            ("Minsk", "LOCATION", "BY"),
            ("June 2019", "DATE", "2019-06"),
        ],
        "incident",
    ),
    (
        "A blogger was abducted outside his flat in Vilnius.",
        [ABDUCTED, ("Vilnius", "LOCATION", "LT")],
        "incident",
    ),
    (
        "Bloggers are often abducted outside their homes.",
        [ABDUCTED],
        "pattern",
    ),
    (
        "The defendant is accused of helping agents to abduct an exiled banker.",
        [("agents", "METHOD", "OVERSEAS_AGENTS"), ("abduct", "METHOD", "ABDUCTION")],
        "incident",
    ),
    (
        "Rights groups helped some 60 students leave the country last year.",
        [("60", "QUANTITY", 60)],
        "statistic",
    ),
    (
        "This brutal kidnapping in Riga bears all the marks of a state operation.",
        [("kidnapping", "METHOD", "ABDUCTION"), ("Riga", "LOCATION", "LV")],
        "incident",
    ),
    (
        "This kidnapping of dissidents bears all the marks of a state practice.",
        [("kidnapping", "METHOD", "ABDUCTION")],
        "pattern",
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "spans", "claim_type"), TYPE_CASES)
def test_claim_type(nlp_model, cue_rules, text, spans, claim_type) -> None:
    claims = claims_for(nlp_model, cue_rules, text, spans)
    assert len(claims) == 1
    assert claims[0].type == claim_type
    type_rule, claim_rule = claims[0].provenance.type_rule, claims[0].provenance.claim_rule
    assert type_rule in {r[0] for r in TYPE_RULES}
    assert claim_rule in {r[0] for r in CLAIM_RULES}


NOT_CLAIMS = [
    ("The city is known for its old bridges and busy markets.", [("The city", "LOCATION", "LT")]),
    ("The government's attitude towards its neighbour is deeply troubling.", []),
    (
        "Sara Lind grew up in a small village near Riga.",
        [("Sara Lind", "PERSON", "Sara Lind"), ("Riga", "LOCATION", "LV")],
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "spans"), NOT_CLAIMS)
def test_background_and_opinion_are_not_claims(nlp_model, cue_rules, text, spans) -> None:
    assert claims_for(nlp_model, cue_rules, text, spans) == []


@pytest.mark.model
def test_fields_are_sorted_sets_of_the_sentence_spans(nlp_model, cue_rules) -> None:
    text = (
        "Agents abducted two critics in Laos and one in Thailand in 2019, "
        "then returned them to Laos."
    )
    spans = [
        ABDUCTED,
        ("two", "QUANTITY", 2),
        ("Laos", "LOCATION", "LA"),
        ("one", "QUANTITY", 1),
        ("Thailand", "LOCATION", "TH"),
        ("2019", "DATE", "2019"),
        ("returned", "METHOD", "FORCED_RETURN"),
        ("Laos", "LOCATION", "LA", 1),
    ]
    claim = claims_for(nlp_model, cue_rules, text, spans)[0]
    assert claim.methods == ["ABDUCTION", "FORCED_RETURN"]
    assert claim.locations == ["LA", "TH"]
    assert claim.quantities == [1, 2]
    assert claim.dates == ["2019"]
    assert claim.provenance.pattern_ids == [
        "DATE.test",
        "LOCATION.test",
        "METHOD.test",
        "QUANTITY.test",
    ]


@pytest.mark.model
def test_only_body_sentences_are_claims(nlp_model, cue_rules) -> None:
    text = (
        "Agents abducted a critic\n\nAgents abducted a critic in Laos.\n\n"
        "Photo: agents abducted him."
    )
    spans = [
        ABDUCTED,
        ("abducted", "METHOD", "ABDUCTION", 1),
        ("abducted", "METHOD", "ABDUCTION", 2),
    ]
    segments = [
        Segment(kind="title", start=0, end=24),
        Segment(kind="body", start=26, end=59),
        Segment(kind="caption", start=61, end=len(text)),
    ]
    claims = claims_for(nlp_model, cue_rules, text, spans, segments)
    assert [c.text for c in claims] == ["Agents abducted a critic in Laos."]


# --------------------------------------------------------------------------- end to end

E2E_TEXT = "\n\n".join(
    [
        "Exiles Under Pressure",
        "Rights Watch published a report on cross-border repression in March 2023.",
        (
            "The report says security agents abducted the blogger Tomas Rek in Vilnius in 2017. "
            "He was later sentenced to ten years in prison."
        ),
        (
            "“They followed him for weeks. "
            "Then they seized him outside his flat,” said Lena Ortiz, his lawyer."
        ),
        (
            "Police said two other exiles were deported to Minsk. "
            "There is no record that Rek ever left Lithuania legally, Lithuanian officials said."
        ),
        "Rights Watch urges governments to stop extraditing dissidents to Belarus.",
    ]
)


@pytest.mark.model
@pytest.mark.slow
def test_end_to_end(tnr_pipeline) -> None:
    record = tnr_pipeline.process_text(E2E_TEXT, doc_id="e2e")
    by_start = {c.text.split()[0] + " " + c.text.split()[1]: c for c in record.claims}
    assert not any(c.text.startswith("Exiles Under") for c in record.claims)
    report = by_start["The report"]
    assert report.source == "Rights Watch"
    assert "Tomas Rek" in report.targets
    assert by_start["He was"].targets == ["Tomas Rek"]
    assert by_start["“They followed"].source == "Lena Ortiz"
    assert by_start["Police said"].source is None
    denial = by_start["There is"]
    assert denial.negated is True
    assert denial.targets == ["Tomas Rek"]
    assert by_start["Then they"].targets == ["Tomas Rek"]
    recommendation = by_start["Rights Watch"]
    assert recommendation.type == "recommendation"
    assert recommendation.source == "Rights Watch"


@pytest.mark.model
def test_every_target_records_the_rule_that_chose_it(tnr_pipeline) -> None:
    record = tnr_pipeline.process_text(
        "Agents abducted Lena Ortiz in Bangkok. Her brother Tomas Ortiz was arrested in Hanoi."
    )

    decided = {(d.name, d.rule) for c in record.claims for d in c.provenance.target_rules}
    assert ("Lena Ortiz", "TARGET.object") in decided
    assert "Tomas Ortiz" in {name for name, _ in decided}
    assert {rule for _, rule in decided} <= {rule_id for rule_id, _ in TARGET_RULES}
    for claim in record.claims:
        assert sorted(d.name for d in claim.provenance.target_rules) == claim.targets


@pytest.mark.model
def test_quantities_are_labelled_only_in_claim_sentences(tnr_pipeline) -> None:
    text = (
        "The city has 13 million inhabitants and four airports.\n\n"
        "Police detained 40 students in Cairo on Tuesday."
    )
    record = tnr_pipeline.process_text(text)
    counts = {s.text for s in record.spans if s.label == "QUANTITY"}
    assert "40" in counts
    assert not counts & {"13 million", "four"}


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "When her cousin arrived in Kashgar, the authorities detained him and his wife.",
            "incident",
        ),
        ("Officials threatened to imprison his parents if he did not return.", "incident"),
        ("Authorities routinely detain the relatives of exiles.", "pattern"),
        ("A judge in Alicante charged all three with attempted homicide.", "incident"),
        # 'the two men' are a group met before, whatever the tense
        (
            "Prosecutors plan to request the extradition of the three women from Borduria.",
            "incident",
        ),
    ],
)
def test_a_definite_group_makes_an_incident(tnr_pipeline, text: str, expected: str) -> None:
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.type == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a count of the case's perpetrators is a detail of that case
        (
            "The exiled blogger Ivo Marek was stabbed in Riga. Police are holding 14 men as "
            "suspects in connection with the stabbing. Investigators said 14 men had been "
            "arrested.",
            ["incident", "incident", "incident"],
        ),
        # a share taken of them is still a tally; a count of targets is one too
        (
            "Officials said 41% of the 700 suspects were persuaded to return. Police detained "
            "40 exiles across Europe last year.",
            ["statistic", "statistic"],
        ),
    ],
)
def test_a_count_of_the_perpetrators_makes_an_incident(
    tnr_pipeline, text: str, expected: list[str]
) -> None:
    assert [c.type for c in tnr_pipeline.process_text(text).claims] == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "targets"),
    [
        (
            "Prosecutors unveiled charges against Marko Tal and an unnamed officer in "
            "connection with an assassination plot against the journalist Ivo Sand.",
            ["Ivo Sand"],
        ),
        ("Police foiled a kidnapping attempt on the blogger Ivo Sand in Vienna.", ["Ivo Sand"]),
    ],
)
def test_the_one_an_attempt_named_by_its_act_is_against_is_the_target(
    tnr_pipeline, text: str, targets: list[str]
) -> None:
    claims = tnr_pipeline.process_text(text).claims
    assert [name for claim in claims for name in claim.targets] == targets


@pytest.mark.model
def test_charges_unsealed_against_a_named_accused_are_one_incident(tnr_pipeline) -> None:
    text = (
        "Marko Tal was charged with plotting to kill the journalist Ivo Sand. Prosecutors "
        "have unsealed charges against Marko Tal, including stalking and conspiracy to "
        "kidnap, in a federal court. Prosecutors routinely file charges against critics."
    )
    claims = tnr_pipeline.process_text(text).claims
    assert (claims[1].type, claims[1].targets) == ("incident", [])
    # counterexample: charges against unnamed people in general stay a practice
    assert claims[-1].type == "pattern"


@pytest.mark.model
@pytest.mark.parametrize(
    "arrest",
    [
        "Police arrested Ana Ruiz's cousin, Omar Said, in Cairo.",
        "Police arrested a third relative of Ruiz's, Omar Said, in Cairo.",
        "Police arrested her cousin, Omar Said, in Cairo.",
        "Police arrested her cousin Omar Said in Cairo.",
    ],
)
def test_a_named_relative_held_is_a_target_with_the_one_whose_relative_he_is(
    tnr_pipeline, arrest: str
) -> None:
    text = f"Agents threatened the dissident Ana Ruiz in Madrid last year. {arrest}"
    claim = tnr_pipeline.process_text(text).claims[-1]
    assert claim.targets == ["Ana Ruiz", "Omar Said"]


@pytest.mark.model
def test_a_name_after_a_family_noun_outside_a_reprisal_is_no_relative_target(
    tnr_pipeline,
) -> None:
    # counterexample: no act on the relative, so the relative named beside the noun is
    # only who speaks
    text = (
        "Agents threatened the dissident Ana Ruiz in Madrid last year, her cousin, "
        "Omar Said, told reporters."
    )
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.targets == ["Ana Ruiz"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("body", "possessor", "source"),
    [
        ("Kazakhstan's Central Commission for Graft Control", "antigraft watchdog", "CCGC"),
        # counterexample: 'the group' never stands for a ministry
        ("Kazakhstan's Ministry of the Interior", "group", None),
    ],
)
def test_a_watchdogs_website_speaks_for_the_state_body_that_spoke_last(
    tnr_pipeline, body: str, possessor: str, source: str | None
) -> None:
    text = (
        f"{body} said agents had returned 40 fugitives from abroad. The {possessor}’s "
        "website explains that agents persuaded relatives to call the fugitives."
    )
    claims = tnr_pipeline.process_text(text).claims
    first, second = claims[0].source, claims[-1].source
    assert second == (first if source else None)
    assert first is not None


@pytest.mark.model
def test_his_after_her_named_colleague_is_the_colleague(tnr_pipeline) -> None:
    text = (
        "Agents summoned the parents of the presenter Mina Azad and told them she must "
        "quit her job. Her colleague Reza Tan said agents had threatened his sister."
    )
    claims = tnr_pipeline.process_text(text).claims
    assert claims[-1].targets == ["Reza Tan"]


@pytest.mark.model
def test_his_after_his_lawyer_is_still_the_client(tnr_pipeline) -> None:
    # counterexample: the owner's gender agrees, so 'he' is the one whose lawyer spoke
    text = (
        "Agents abducted the blogger Omar Hadi in Kyiv. His lawyer, Ana Ruiz, said he was "
        "beaten in custody."
    )
    claims = tnr_pipeline.process_text(text).claims
    assert claims[-1].targets == ["Omar Hadi"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("subject", "source"),
    # counterexample: researchers placed elsewhere are not the report's
    [("Researchers", "Exile Watch"), ("Researchers at Oxford", "Oxford")],
)
def test_bare_researchers_in_a_report_story_are_the_reports_author(
    tnr_pipeline, subject: str, source: str | None
) -> None:
    text = (
        "Exile Watch recorded 850 incidents between 2014 and 2023, according to its new "
        f"report. {subject} documented threats against relatives in 40 countries."
    )
    claims = tnr_pipeline.process_text(text).claims
    assert claims[-1].source == source


@pytest.mark.model
@pytest.mark.parametrize(
    "sentence",
    [
        "His son said the family had received threats from Saudi security officers.",
        "The family has been threatened repeatedly since 2020.",
    ],
)
def test_the_family_is_the_family_of_the_one_the_story_is_about(
    tnr_pipeline, sentence: str
) -> None:
    text = (
        "Imam Karim Osman, 54, was wanted in Riyadh on extremism charges and had been "
        f"detained in 2015 at Riyadh's request. {sentence}"
    )
    claims = tnr_pipeline.process_text(text).claims
    assert claims[-1].targets == ["Karim Osman"]


@pytest.mark.model
def test_the_family_after_anyones_family_is_anyones(tnr_pipeline) -> None:
    # counterexample: 'a target's family ... the family' is a practice's family
    text = (
        "Imam Karim Osman was detained in 2015 at Riyadh's request. The state holds a "
        "target's family hostage or punishes the family instead."
    )
    claims = tnr_pipeline.process_text(text).claims
    assert claims[-1].targets == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Exiles who refuse to pay find that their relatives at home can be punished.", "pattern"),
        # counterexample: the same people acted on once, in the past
        ("When Omar refused to pay, his relatives at home were punished.", "incident"),
    ],
)
def test_what_may_happen_to_someones_relatives_is_a_practice(
    tnr_pipeline, sentence: str, expected: str
) -> None:
    [claim] = tnr_pipeline.process_text(sentence).claims
    assert claim.type == expected


@pytest.mark.model
def test_he_added_after_a_described_speaker_is_that_speaker(tnr_pipeline) -> None:
    text = (
        "Agents detained two brothers of Omar Said, a blogger living in Oslo. The brothers, "
        "Rami Said and Sami Said, were taken from their home in Homs. The blogger, who has a "
        "large following, said he was afraid. His mother was barred from travelling abroad, "
        "he added."
    )
    claim = tnr_pipeline.process_text(text).claims[-1]
    assert (claim.source, claim.targets) == ("Omar Said", ["Omar Said"])


@pytest.mark.model
def test_the_critics_after_critics_in_the_same_sentence_are_no_group_named_before(
    tnr_pipeline,
) -> None:
    people = "Police detained the activists Ana Ruiz and Omar Haddad in Cairo."
    text = (
        f"{people} Exile Watch said it had recorded 11 cases in which relatives of "
        "activists were detained after the activists spoke."
    )
    assert tnr_pipeline.process_text(text).claims[-1].targets == []
    # counterexample: 'the activists' with no such noun before it in its sentence
    text = f"{people} The activists were beaten in custody."
    claim = tnr_pipeline.process_text(text).claims[-1]
    assert claim.targets == ["Ana Ruiz", "Omar Haddad"]


@pytest.mark.model
def test_a_cue_word_inside_a_name_is_no_cue(tnr_pipeline) -> None:
    # 'Omar Said' is a name, not 'said': no speaker comes of it
    [claim] = tnr_pipeline.process_text("Police detained Omar Said in Cairo on Monday.").claims
    assert claim.source is None
    assert not claim.cues


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "source"),
    [
        # the parser hangs the speaker on the last noun; the phrase after the comma speaks
        (
            "Tarek Omar was held for four days before appearing before the State Security "
            "Prosecution, his brother Youssef Omar said.",
            "Youssef Omar",
        ),
        # a closing '..., X said' speaks, however the parser joined X to an earlier name
        (
            "The lawyer's mother, Samia Fouad, 70, discovered in August that she had been "
            "placed on a travel ban list, Human Rights Watch said in a statement.",
            "Human Rights Watch",
        ),
    ],
)
def test_the_name_closing_a_sentence_before_its_reporting_verb_speaks(
    tnr_pipeline, text: str, source: str
) -> None:
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.source == source


@pytest.mark.model
def test_a_reporting_verb_with_its_words_after_it_keeps_its_parsed_speaker(tnr_pipeline) -> None:
    # counterexample: 'X said that ...' reports what follows, so the closing rule stays out
    text = "Police held Omar Haddad in Cairo, his lawyer said on Monday that he was beaten."
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.source != "Omar Haddad"


@pytest.mark.model
def test_his_lawyer_speaking_about_the_act_speaks_of_his_case(tnr_pipeline) -> None:
    text = (
        "Agents abducted the blogger Davron Kholmat in Riga in May. His lawyer, Ines Vidal, "
        "told the court that the red notice was abusive."
    )
    claim = tnr_pipeline.process_text(text).claims[-1]
    assert (claim.source, claim.targets) == ("Ines Vidal", ["Davron Kholmat"])


@pytest.mark.model
@pytest.mark.parametrize(
    "sentence",
    [
        "There is no extradition treaty between Bahrain and the United Kingdom.",
        "Britain has no extradition treaty with Bahrain.",
    ],
)
def test_a_treaty_said_not_to_exist_is_a_negated_legal_claim(tnr_pipeline, sentence: str) -> None:
    [claim] = tnr_pipeline.process_text(sentence).claims
    assert (claim.type, claim.negated) == ("legal", True)


@pytest.mark.model
def test_a_treaty_mentioned_in_passing_makes_no_legal_claim(tnr_pipeline) -> None:
    # counterexample: a sentence that only names the treaty's talks says nothing it holds
    claims = tnr_pipeline.process_text("Ministers discussed the extradition treaty talks.").claims
    assert all(c.type != "legal" for c in claims)


@pytest.mark.model
@pytest.mark.parametrize(
    ("speaker", "targets"),
    [
        # the speaker is her friend: 'her father' is still the activist's
        ("her friend and fellow activist Leila Moradi", ["Hossein Tavakoli", "Shirin Tavakoli"]),
    ],
)
def test_her_before_a_speaker_described_as_someones_friend_is_not_the_speaker(
    tnr_pipeline, speaker: str, targets: list[str]
) -> None:
    text = (
        "Agents stabbed the activist Shirin Tavakoli in Hamburg in May. Since the spring, "
        "her father, Hossein Tavakoli, was visited twice by intelligence officers in "
        f"Isfahan, according to {speaker}."
    )
    claim = tnr_pipeline.process_text(text).claims[-1]
    assert sorted(claim.targets) == targets


@pytest.mark.model
def test_said_the_reporter_after_that_of_his_wife_is_the_reporter(tnr_pipeline) -> None:
    # the parser makes both 'that (of his wife)' and 'the reporter' subjects of 'said'
    text = (
        "Omar Hadi, 66, was questioned for nine hours, and officers confiscated his passport "
        "and that of his wife, Lina Hadi, said the reporter, Karim Hadi, who lives in Warsaw."
    )
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.source == "Karim Hadi"


@pytest.mark.model
def test_according_to_set_off_at_the_end_speaks_for_the_sentence_not_its_last_clause(
    tnr_pipeline,
) -> None:
    # the parser hangs 'according to' on the 'after' clause; set off by a comma, it
    # attributes the whole sentence
    text = (
        "Police have detained two cousins of Ivo Tamm, a poet living in Norway, weeks after "
        "he testified at a hearing in Brussels, according to the rights group Nordic Exile "
        "Watch."
    )
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.source == "Nordic Exile Watch"


@pytest.mark.model
def test_an_organisation_launching_its_report_is_the_reports_author_not_one_asked_to_publish(
    tnr_pipeline,
) -> None:
    text = (
        "Exiles are handed back across borders, the Nordic Rights Monitor said on Thursday, "
        "launching its annual report. The report documents 186 forced returns since 2018. "
        "It also asks the European Union to publish how many extradition requests it refuses."
    )
    claims = tnr_pipeline.process_text(text).claims
    counted = next(c for c in claims if c.text.startswith("The report documents"))
    assert counted.source == "Nordic Rights Monitor"


@pytest.mark.model
def test_he_said_after_an_unnamed_speaker_is_that_speaker(tnr_pipeline) -> None:
    text = (
        "Chhim Dara was threatened by a caller in May. A former embassy clerk, who asked not "
        "to be named, said coordinators double as informants: names of those who refuse to "
        "pay are, he said, passed to police."
    )
    claims = tnr_pipeline.process_text(text).claims
    assert claims[-1].source is None


@pytest.mark.model
def test_according_to_a_description_is_the_person_or_body_it_stands_for(tnr_pipeline) -> None:
    text = (
        "Ivo Tamm, a blogger living in Lyon, was attacked at home in May, the Nordic Exile "
        "Foundation said. The Kremlin denied any role. According to the blogger, two men "
        "struck him with a hammer. The foundation says agents were paid to attack him."
    )
    claims = tnr_pipeline.process_text(text).claims
    by_start = {c.text.split()[0]: c for c in claims}
    assert by_start["According"].source == "Ivo Tamm"
    # the one organisation whose name holds 'Foundation', not the last one named
    assert by_start["The"].source == "Nordic Exile Foundation"


@pytest.mark.model
def test_the_anchor_of_a_relative_in_a_lede_is_not_the_person_named_next(tnr_pipeline) -> None:
    text = (
        "Police arrested the brother of an exiled lawyer in Alexandria, according to Exile "
        "Watch. Karim Nasser, a 45-year-old accountant, was held for four days. "
        "The lawyer said his brother was beaten."
    )
    claims = tnr_pipeline.process_text(text).claims
    assert claims[-1].source != "Karim Nasser"


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "claim_type"),
    [
        # an instrument that makes something an offence says what the law is
        (
            "Section 12 of the Penal Code makes it a crime to act as an agent of a foreign state.",
            "legal",
        ),
        # relatives held under a law: the law applied to people, and its year dates no event
        (
            "Relatives of exiles are routinely held under Ruritania's 2017 security law, the "
            "group alleges.",
            "pattern",
        ),
        # a range's second end dates no occasion either
        (
            "A migrant rights group says at least six exiles were deported that way between "
            "2019 and 2023.",
            "statistic",
        ),
        # 'today' on the report that counts: a count over many acts, no occasion
        (
            "VIENNA, 3 March 2024 — Exiles suffered at least 96 physical attacks in Europe "
            "between 2014 and 2023, according to a report published today by the Halden "
            "Institute.",
            "statistic",
        ),
    ],
)
def test_what_an_instrument_makes_an_offence_is_legal_and_dates_of_laws_or_reports_date_no_act(
    tnr_pipeline, sentence: str, claim_type: str
) -> None:
    [claim] = tnr_pipeline.process_text(sentence).claims
    assert claim.type == claim_type


@pytest.mark.model
@pytest.mark.parametrize(
    "sentence",
    [
        "Nobody signs anything, so nobody is held to account.",
        "Embassies have become the front line, according to a report released on Tuesday.",
    ],
)
def test_held_to_account_and_a_report_released_tell_no_act(tnr_pipeline, sentence: str) -> None:
    text = "Ivo Tamm was deported from Latvia in May. " + sentence
    claims = tnr_pipeline.process_text(text).claims
    assert [c.text for c in claims] == ["Ivo Tamm was deported from Latvia in May."]


@pytest.mark.model
def test_a_report_documenting_speaks_for_its_publisher(tnr_pipeline) -> None:
    text = (
        "The Halden Institute for Exile Studies on Tuesday published a report documenting "
        "412 abductions and forced returns by 23 governments."
    )
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.source == "Halden Institute for Exile Studies"


@pytest.mark.model
def test_according_to_an_undescribed_role_is_the_person_the_report_is_about(tnr_pipeline) -> None:
    text = (
        "Agents threatened Ivo Tamm in London in April. Officers arrested his father at home "
        "in Tartu in May, according to the presenter."
    )
    claims = tnr_pipeline.process_text(text).claims
    assert claims[-1].source == "Ivo Tamm"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "source", "kind"),
    [
        # who condemns an act asserts it; states joined to an organisation are no source
        (
            "Germany, France and Exile Watch condemned the execution of Ivo Marek.",
            "Exile Watch",
            "incident",
        ),
        # one arrest of a counted few is one occasion, not the practice
        (
            "Exile Watch denounced the arrest of two reporters in Minsk.",
            "Exile Watch",
            "incident",
        ),
        # who judges an act 'as' something asserts it too
        (
            "Exile Watch regards the execution of Ivo Marek as a warning to every critic.",
            "Exile Watch",
            "incident",
        ),
    ],
)
def test_who_condemns_an_act_is_its_source(tnr_pipeline, text: str, source: str, kind: str) -> None:
    [claim] = tnr_pipeline.process_text(text).claims
    assert (claim.source, claim.type) == (source, kind)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "source"),
    [
        # the titled name is whom the adviser serves; the name after it speaks
        (
            "An adviser to Ruritania’s President Tomas Vell, Anna Berg, said officials held "
            "solid evidence, and she thought the reporter had been strangled at the embassy.",
            "Anna Berg",
        ),
        # an aide is an office: the name beside it speaks and is no target
        (
            "An aide to Borduria’s President Karel Dvorak, Milan Hasek, said the blogger was "
            "abducted in Vienna.",
            "Milan Hasek",
        ),
    ],
)
def test_an_advisers_name_after_a_titled_name_speaks(tnr_pipeline, text: str, source: str) -> None:
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.source == source
    assert source not in claim.targets


@pytest.mark.model
def test_a_person_named_inside_a_quotation_is_not_its_speaker(tnr_pipeline) -> None:
    text = (
        "Envoy condemns forced landing\n\n"
        "The U.S. ambassador to Borduria, Anna Berg, accused the president of faking a bomb "
        "threat to arrest Hasek.\n"
        '"Dvorak and his cronies have once more shown contempt for their own people. Staging '
        "a fake alert to bring down a plane and arrest a reporter on invented charges is "
        'reckless and shameful," she wrote on Twitter.'
    )
    claims = tnr_pipeline.process_text(text).claims
    assert [c.source for c in claims] == ["Anna Berg", "Anna Berg"]


@pytest.mark.model
@pytest.mark.parametrize(
    "second",
    [
        # the possessive the parser hung on the quoted word still owns the act after it
        'Commissioner Ana Ruiz called Vell\'s killing "brazen" and "appalling".',
        # the life an attempt is on is its owner's
        "The attempt on Vell's life was condemned across Europe.",
    ],
)
def test_the_owner_of_an_act_or_of_the_life_it_is_on_is_its_target(
    tnr_pipeline, second: str
) -> None:
    text = f"Police named Tomas Vell as the victim. {second}"
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.targets == ["Tomas Vell"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "negated"),
    [
        # what is denied is how the act was done, not that it was
        ('"We found that the murder was not premeditated," the prosecutor said.', False),
        ("Officials said the attack was not random.", False),
        # counterexamples: the act itself denied
        ("Officials said the abduction was not carried out.", True),
        ("Officials said the blogger was not arrested.", True),
    ],
)
def test_a_denied_description_of_an_act_does_not_negate_it(
    tnr_pipeline, text: str, negated: bool
) -> None:
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.negated is negated


@pytest.mark.model
def test_a_claim_rejected_as_baseless_is_denied(tnr_pipeline) -> None:
    text = (
        "Ruritania on Tuesday rejected as ''baseless'' the premier's claim of a ''possible "
        "connection'' tying Ruritanian officials to the shooting of an exiled poet."
    )
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.negated


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "hedged"),
    [
        # a hedge on who did it, as a reduced relative clause
        ("Two men thought to be Ruritanian agents followed the blogger in Oslo.", True),
        ("Two Ruritanian agents followed the blogger in Oslo.", False),
        # 'it appeared' with words before 'that'
        ("It appeared by then that agents had lured the poet to Oslo.", True),
        ("The blogger appeared in court after he was lured to Baghdad by agents.", False),
    ],
)
def test_hedges_on_who_did_it_and_on_what_appeared(tnr_pipeline, text: str, hedged: bool) -> None:
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.hedged is hedged


@pytest.mark.model
def test_the_two_men_are_no_group_that_holds_a_woman(tnr_pipeline) -> None:
    text = (
        "Police said Ivo Marek and his daughter Anna Marek were poisoned in Lund in March. "
        "Prosecutors plan to request extradition of the two men from Ruritania."
    )
    claims = tnr_pipeline.process_text(text).claims
    assert claims[-1].targets == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "source"),
    [
        # an organisation quoted once is no author of 'the statement'
        (
            "The Interior Ministry of Ruritania has said it believes agents abducted Ivo "
            "Marek. Two officers were later charged with his abduction, according to the "
            "statement.",
            None,
        ),
        # one quoted twice before is
        (
            "Exile Watch said agents abducted Ivo Marek. Exile Watch said they had followed "
            "him. Two officers were later charged with his abduction, according to the "
            "statement.",
            "Exile Watch",
        ),
    ],
)
def test_the_statements_author_is_an_organisation_quoted_more_than_once(
    tnr_pipeline, text: str, source: str | None
) -> None:
    claims = tnr_pipeline.process_text(text).claims
    assert claims[-1].source == source


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # the parser made the name the subject of the participle
        "Tomas Vell, the deputy public attorney and spokesman, reading out the judgment in "
        "the case, said the court had jailed the blogger Ivo Marek.",
        # or the participle the subject of the reporting verb
        "Tomas Vell, the Ruritanian state attorney and court spokesman, reading out the "
        "ruling to reporters, said the judges had jailed the blogger Ivo Marek.",
    ],
)
def test_an_opening_name_set_off_before_a_participle_clause_speaks(tnr_pipeline, text) -> None:
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.source == "Tomas Vell"


@pytest.mark.model
@pytest.mark.parametrize(
    ("speaker", "source"),
    [
        # 'he added' right after an unnamed speaker is that speaker, not the one named last
        ("The judge", None),
        ("The judge, Tomas Vell,", "Tomas Vell"),
    ],
)
def test_he_added_after_an_unnamed_speaker_is_unnamed(
    tnr_pipeline, speaker: str, source: str | None
) -> None:
    text = (
        "The blogger Ivo Marek was jailed for eight years. "
        f"{speaker} said Marek had cooperated with the investigation. "
        "The time he spent in detention will count towards his term, he added."
    )
    assert tnr_pipeline.process_text(text).claims[-1].source == source


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a possessed act is one occasion
        ("Exile Watch documented his abduction in Riga.", "incident"),
        # a possessed body of agents names who acts, not one act
        ("The regime's security apparatus follows critics to Europe.", "pattern"),
        ("Refugees in Berlin fear Ruritania's security services.", "pattern"),
    ],
)
def test_a_possessed_act_is_one_occasion_but_a_possessed_agency_is_not(
    tnr_pipeline, text: str, kind: str
) -> None:
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.type == kind


@pytest.mark.model
@pytest.mark.parametrize(
    ("second", "methods", "negated"),
    [
        ("She will stand trial in June.", ["PROSECUTION"], False),
        ("She is due to stand trial in June.", ["PROSECUTION"], False),
        # 'yet to' says the trial has not happened
        ("She has yet to go on trial.", ["PROSECUTION"], True),
        ("She remains in jail in Minsk.", ["DETENTION"], False),
    ],
)
def test_who_stands_trial_or_remains_in_jail_is_the_target(
    tnr_pipeline, second: str, methods: list[str], negated: bool
) -> None:
    text = "Police detained the blogger Ana Ruiz in May. " + second
    claim = [c for c in tnr_pipeline.process_text(text).claims if c.text == second][0]
    assert (claim.targets, claim.methods, claim.negated) == (["Ana Ruiz"], methods, negated)


@pytest.mark.model
@pytest.mark.parametrize(
    ("second", "kind"),
    [
        # the instrument only gives the reason for the act the sentence tells
        (
            "The prosecutors confirmed they would not seek the extradition of the suspects, "
            "as the Latvian constitution forbids the extradition of its own nationals.",
            "not legal",
        ),
        (
            "The office said it was not going to apply to Latvia for the handover of the two "
            "men as the Latvian constitution does not allow the extradition of citizens.",
            "not legal",
        ),
        # what the instrument says is the claim
        ("The Latvian constitution forbids the extradition of its own nationals.", "legal"),
    ],
)
def test_a_law_given_as_a_reason_does_not_make_the_claim_legal(
    tnr_pipeline, second: str, kind: str
) -> None:
    text = "Two men were charged with the attempted murder of Ivo Marek in May. " + second
    claim = [c for c in tnr_pipeline.process_text(text).claims if c.text == second][0]
    assert (claim.type == "legal") == (kind == "legal")
    assert [k.split("#")[0].lower() for k in claim.legal_refs] == ["constitution"]


@pytest.mark.model
def test_the_verdict_on_the_target_is_prosecution_and_not_appealing_it_denies_nothing(
    tnr_pipeline,
) -> None:
    text = (
        "A court in Minsk convicted the blogger Ana Ruiz of treason in May. "
        "Her lawyers did not appeal the verdict."
    )
    [claim] = [c for c in tnr_pipeline.process_text(text).claims if c.text.startswith("Her")]
    assert (claim.methods, claim.negated, claim.targets) == (["PROSECUTION"], False, ["Ana Ruiz"])


@pytest.mark.model
def test_the_verdict_on_the_perpetrators_is_no_method(tnr_pipeline) -> None:
    text = (
        "Two men were charged with the murder of the blogger Ana Ruiz in May. "
        "The judge read out the verdict in Riga on Friday."
    )
    record = tnr_pipeline.process_text(text)
    assert [s.text for s in record.spans if s.label == "METHOD" and s.code == "PROSECUTION"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a count inside one case told: a detail of the incident
        ("Police are hunting nine more men wanted in the case.", "incident"),
        (
            "Reading out the verdict, the judge acquitted 12 of the defendants in the trial.",
            "incident",
        ),
        # counterexamples: a count of many acts, and 'the case of' another example
        ("The group recorded 40 abductions of exiles in six countries.", "statistic"),
        ("In the case of Ruritania, 3,000 exiles were persuaded to return.", "statistic"),
    ],
)
def test_a_count_inside_one_case_is_an_incident(tnr_pipeline, text: str, expected: str) -> None:
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.type == expected


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # the parser reads the name and the day as one time phrase
        ("Ana Ruiz Sunday night said that agents had abducted Ivo Sand.", "Ana Ruiz"),
        ("Council President Ana Ruiz Monday said agents had abducted Ivo Sand.", "Ana Ruiz"),
        # counterexample: no name before the day, no one named speaks
        ("Police on Sunday night said agents had abducted Ivo Sand.", None),
    ],
)
def test_a_speaker_named_right_before_the_day_they_spoke(
    tnr_pipeline, text: str, source: str | None
) -> None:
    record = tnr_pipeline.process_text(text)
    [claim] = record.claims
    assert claim.source == source
    # the name is a person's, and no part of a date
    assert not any("Ruiz" in s.text for s in record.spans if s.label != "PERSON")


@pytest.mark.parametrize(
    ("subject", "source"),
    [
        ("The group", "Exile Watch"),  # the organisation that spoke
        ("A rights group", None),  # one the document does not name
    ],
)
def test_an_indefinite_organisation_speaks_unnamed(tnr_pipeline, subject, source) -> None:
    text = (
        "Police detained the blogger Ivo Sand in Riga in May, Exile Watch reported. "
        f"{subject} said agents had followed Sand for weeks."
    )
    claim = claim_of(tnr_pipeline.process_text(text).claims, subject)
    assert claim.source == source


@pytest.mark.parametrize(
    ("text", "recommendation"),
    [
        # a call made to the public or a group's own people within the story
        ("The group made the arrest of Ivo Sand public, urging its supporters to rally.", False),
        ("Police in Oslo are urging residents to come forward after the abduction.", False),
        # calls on states and institutions
        ("Rights groups urged Ruritania to release Ivo Sand immediately.", True),
        ("Exile Watch called on the authorities to investigate the abduction.", True),
    ],
)
def test_a_call_on_the_public_is_no_recommendation(tnr_pipeline, text, recommendation) -> None:
    [claim] = tnr_pipeline.process_text(text).claims
    assert (claim.type == "recommendation") is recommendation


@pytest.mark.parametrize(
    ("text", "recommendation"),
    [
        # a call joined to an act asserted before it: the sentence asserts the act first
        (
            "Exile Watch condemned the arrest of Ivo Sand's parents in Vell and called on "
            "Ruritania to release them.",
            False,
        ),
        # counterexamples: a call alone, or after a verb of speaking
        ("Exile Watch called on Ruritania to release the parents of Ivo Sand.", True),
        (
            "Exile Watch said it was alarmed and called on Ruritania to release the parents "
            "of Ivo Sand.",
            True,
        ),
    ],
)
def test_a_call_joined_to_an_act_asserted_before_it_is_typed_by_the_act(
    tnr_pipeline, text, recommendation
) -> None:
    [claim] = tnr_pipeline.process_text(text).claims
    assert (claim.type == "recommendation") is recommendation


@pytest.mark.parametrize(
    ("text", "recommendation"),
    [
        # asking or wanting a state or its institutions to act is a call
        ("I ask the Norwegian government to raise the case of Ivo Sand with Vell.", True),
        (
            "His parents want the Danish authorities to press Vell for the release of Ivo Sand.",
            True,
        ),
        # counterexamples: the charge's content, and a person asked
        ("Ivo Sand was jailed in Vell in 2021 on charges of calling for mass unrest.", False),
    ],
)
def test_asking_a_state_is_a_call_and_a_charge_of_calling_for_is_not(
    tnr_pipeline, text, recommendation
) -> None:
    [claim] = tnr_pipeline.process_text(text).claims
    assert (claim.type == "recommendation") is recommendation


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # 'which has documented dozens of cases' tells what the group does, not who says this
        (
            "Police in Vell detained the poet's brother in May, according to Mira Tal, a "
            "researcher at Exile Watch, which has documented dozens of such cases.",
            "Mira Tal",
        ),
        # counterexample: a relative clause that tells the claim itself is its attribution
        (
            "The report quotes the Exile Watch website, which states: police detained the "
            "poet's brother in May.",
            "Exile Watch",
        ),
    ],
)
def test_a_relative_clause_about_a_group_is_no_attribution(
    tnr_pipeline, text: str, source: str
) -> None:
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.source == source


@pytest.mark.parametrize(
    ("opening", "source"),
    [
        # 'the association's records show': the association named before speaks
        ("The association's", "Exile Watch"),
        # counterexample: 'an association's records' are of one the document does not name
        ("An association's", None),
    ],
)
def test_the_records_of_a_described_group_are_its_word(
    tnr_pipeline, opening: str, source: str | None
) -> None:
    text = (
        "Exile Watch, an association of lawyers in Riga, opened in 2015. "
        f"{opening} records show that police questioned the relatives of 40 exiles in 2023."
    )
    [claim] = [c for c in tnr_pipeline.process_text(text).claims if "records" in c.text]
    assert claim.source == source


def test_a_clinic_is_an_organisation_and_the_clinic_speaks_for_it(tnr_pipeline) -> None:
    text = (
        "The Nordvik Legal Clinic, a group of lawyers in Bonn, documents travel bans. Since "
        "2019, consulates in Bonn have refused to renew the passports of dozens of activists, "
        "the clinic says."
    )
    record = tnr_pipeline.process_text(text)
    assert [s.label for s in record.spans if s.text == "Nordvik Legal Clinic"] == ["ORG"]
    [claim] = [c for c in record.claims if c.text.startswith("Since")]
    assert claim.source == "Nordvik Legal Clinic"


@pytest.mark.parametrize("abbreviation", [" (NPA)", ""])
def test_a_closing_speaker_may_carry_its_abbreviation(tnr_pipeline, abbreviation: str) -> None:
    text = (
        "Police arrested two men in Bergen on Monday on suspicion of planning the murder of "
        f"Ana Vell, the Norwegian Prosecution Authority{abbreviation} said on Tuesday."
    )
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.source == "Norwegian Prosecution Authority"


@pytest.mark.parametrize(
    ("text", "claim_type"),
    [
        # a counting verb keeps a tally, however few, with a named one among them
        ("In total, the monitor counted nine teachers forcibly returned from Kosovo.", "statistic"),
        # a count told in the perfect over a span of time, a named one among them
        (
            "At least three Ruritanian critics, Ana Vell among them, have been abducted in "
            "Kenya since 2021.",
            "statistic",
        ),
        # counterexample: 'since' alone, after the occasion told, dates no span of time
        (
            "Police detained Ana Vell in Nairobi in May. Three more critics have been arrested "
            "since, her lawyer said.",
            "incident",
        ),
    ],
)
def test_a_tally_is_a_statistic(tnr_pipeline, text: str, claim_type: str) -> None:
    claims = tnr_pipeline.process_text(text).claims
    assert claims[-1].type == claim_type


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Since 2019, the consulate has declined to renew the passports of hundreds of poets.",
            "statistic",
        ),
        (
            "But the border police have detained dozens of them since their visas lapsed.",
            "statistic",
        ),
        # a vague count of people no act is done to is no tally of acts
        ("Thousands of poets fled abroad; Vell's agents are determined to follow them.", "pattern"),
    ],
)
def test_a_large_vague_count_of_people_acted_on_is_a_statistic(tnr_pipeline, text, kind) -> None:
    [claim] = tnr_pipeline.process_text(text).claims
    assert claim.type == kind


def test_items_of_a_list_after_a_call_are_its_recommendations(tnr_pipeline) -> None:
    text = (
        "Exiles deported\n\nVell Watch said police in Ostrava deported 12 exiles in May.\n\n"
        "Vell Watch recommends that:\n\n- the host government halt the removals;\n"
        "- donors fund legal aid for exiles facing deportation.\n\nThe group will report again."
    )
    claims = tnr_pipeline.process_text(text).claims
    assert not [c for c in claims if c.text.startswith("Vell Watch recommends")]
    items = [c for c in claims if "halt" in c.text or "donors" in c.text]
    assert [(c.type, c.source) for c in items] == [("recommendation", "Vell Watch")] * 2


@pytest.mark.parametrize(
    ("sentence", "call"),
    [
        # a word to one person in the story, and a question whether, are no calls
        ("An official at the embassy advised him to sell the flat and stay quiet.", False),
        (
            "Prosecutors are examining whether the driver should be charged over the abduction.",
            False,
        ),
        # counterexamples: calls on a state stay calls
        ("Vell Watch urged the Czech government to halt the deportations.", True),
        ("Prosecutors should charge the driver over the abduction.", True),
    ],
)
def test_a_word_to_one_person_or_a_question_whether_is_no_call(
    tnr_pipeline, sentence: str, call: bool
) -> None:
    claims = tnr_pipeline.process_text(f"Exiles in Prague\n\n{sentence}").claims
    assert ("recommendation" in [c.type for c in claims]) is call


@pytest.mark.parametrize(
    ("lead", "kept"),
    [
        # the call before the lead-in in its paragraph stays a claim of its own
        ("Vell Watch urged Oslo to grant asylum to exiles. It also recommends that:", 1),
        # counterexample: a colon after no call, with a call earlier in the paragraph
        ("Vell Watch published a report that calls for an inquiry. The report draws on:", 0),
    ],
)
def test_only_the_sentence_on_the_colon_is_the_lead_in(tnr_pipeline, lead: str, kept: int) -> None:
    text = f"Exiles\n\n{lead}\n\n- the host government halt the removals;\n- donors fund aid."
    claims = tnr_pipeline.process_text(text).claims
    assert len([c for c in claims if c.text.startswith("Vell Watch")]) == kept
    items = [c.type for c in claims if "halt" in c.text or "donors" in c.text]
    assert items == (["recommendation"] * 2 if kept else [])


def test_a_claim_quotes_its_sentence_without_the_list_marker_or_turn_letter(tnr_pipeline) -> None:
    text = (
        "What the monitors found\n"
        "- Relatives of 14 bloggers were detained in Vorlen in 2022.\n"
        "- Agents abducted two critics in Tallinn in 2021.\n"
        "(b) Agents abducted Ines Maro in Riga in 2020.\n\n"
        "Q: What happened next?\n"
        "A: They abducted my brother, Aurel Maro, in Vilnius in 2019.\n"
        "A. Kestner was abducted in Oslo in 2018.\n"
        "12:40 – Her father, Aurel Kestner, was arrested in Vorlen in 2017."
    )
    record = tnr_pipeline.process_text(text)
    starts = [claim.text.split()[0] for claim in record.claims]

    assert starts == ["Relatives", "Agents", "Agents", "They", "A.", "Her"]
    for claim in record.claims:
        assert text[claim.start : claim.end] == claim.text


@pytest.mark.parametrize(
    ("sentence", "claim_type"),
    [
        ("The abduction of Ines Maro in Riga in May should alarm every government.", "incident"),
        ("The shooting of Aurel Dan in Oslo last week must shame the police.", "incident"),
        ("Latvia should stop deporting refugees to Vorlen.", "recommendation"),
        ("Latvia should worry less about trade and stop deporting refugees.", "recommendation"),
        # an agent, not the act, as the subject: a call to shame someone
        ("The EU should shame Vorlen into releasing the relatives of exiles.", "recommendation"),
    ],
)
def test_a_modal_on_a_verb_of_feeling_judges_and_calls_on_no_one(
    tnr_pipeline, sentence: str, claim_type: str
) -> None:
    (claim,) = tnr_pipeline.process_text(sentence).claims

    assert claim.type == claim_type


def test_a_court_speaks_through_its_judgment_and_what_it_accepted(tnr_pipeline) -> None:
    text = (
        "The Regional Court of Tarvik allowed the appeal of Ines Maro, a blogger from Vorlen. "
        "Police detained her parents in Vorlen in 2022, the judgment states.\n\n"
        "The court accepted that her brother had been summoned by the secret police. "
        "Agents have followed exiles in several member states."
    )
    sources = [claim.source for claim in tnr_pipeline.process_text(text).claims]

    court = "Regional Court of Tarvik"
    assert sources[:2] == [court, court]
    assert sources[2:] in ([None], [])


def test_the_court_is_the_court_the_document_names_most(tnr_pipeline) -> None:
    # a lower court named once between does not take 'the court' from the one reported on
    text = (
        "The High Court of Tarvik heard the appeal of Ines Maro, a blogger. The High Court of "
        "Tarvik said that her parents had been questioned in Minsk. In May 2022 the Minsk "
        "District Court convicted her in absentia. The court further noted that Belarus had "
        "refused to renew her passport."
    )
    claims = tnr_pipeline.process_text(text).claims

    assert claims[-1].source == "High Court of Tarvik"


def test_people_who_speak_together_are_no_targets_but_their_own_case_is(tnr_pipeline) -> None:
    text = (
        "Exiles under pressure\n\n"
        "Two bloggers, Ines Maro and Ivo Kask, said they were threatened by agents in Riga in "
        "2022. Three UN special rapporteurs, Mara Okoli, Lise Verde and Tomas Ferro, wrote to "
        "Vorlen's government in April 2024 about the detention of critics in Kenya. The "
        "experts said at least 11 people had been detained in Nairobi and returned to Vorlen."
    )
    bloggers, letter, experts = tnr_pipeline.process_text(text).claims

    assert bloggers.targets == ["Ines Maro", "Ivo Kask"]
    assert letter.targets == []
    assert letter.source == experts.source == "Mara Okoli"
    # counterexample: officers after two lawyers spoke are someone else
    text = (
        "Two lawyers, Ines Maro and Ivo Kask, said police had beaten their client in Riga in "
        "May. The two officers said he had been beaten by other prisoners in Riga."
    )
    assert tnr_pipeline.process_text(text).claims[-1].source is None


def test_people_named_as_speaking_together_speak_for_their_noun_later_on(tnr_pipeline) -> None:
    # 'the rapporteurs said' four sentences on is still the first rapporteur named
    text = (
        "The rapporteurs, Mara Okoli, Lise Verde and Tomas Ferro, said police in Nairobi "
        "detained 11 exiles in May. Kenya has hosted exiles since 1990. The exiles came "
        "from Vorlen. Many run shops. Some teach. The rapporteurs said that relatives of "
        "the exiles were questioned in Vorlen."
    )
    claim = tnr_pipeline.process_text(text).claims[-1]
    assert claim.source == "Mara Okoli"


def test_the_judges_and_the_chamber_speak_as_their_court_and_a_titled_name_as_its_holder(
    tnr_pipeline,
) -> None:
    text = (
        "The Tarvik Court of Appeal refused the extradition of Ivo Kask to Vorlen on Tuesday. "
        "Article 12 of the Extradition Act bars extradition where the offence is political, "
        "the judges noted. In its ruling, the chamber found that the charges against Kask "
        "were political. Advocate General Lena Ortiz had argued for extradition, telling the "
        "court that Vorlen had promised Kask a fair trial."
    )
    sources = [c.source for c in tnr_pipeline.process_text(text).claims][1:]
    court = "Tarvik Court of Appeal"
    assert sources == [court, court, "Lena Ortiz"]
