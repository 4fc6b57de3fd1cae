"""METHOD lexicon (``patterns/methods.jsonl``): every rule's own examples, and a table of sentences.

All tests run on a blank English pipeline (tokenizer only), so the lexicon works without
the statistical model. The file is loaded with :func:`tnr_claims.rules.load_patterns`,
which validates it; matching goes through the tagger's own :class:`RuleMatcher`, and the
sentence table resolves overlaps with the tagger's :func:`merge_spans` (longest wins).
"""

from __future__ import annotations

import pytest
import spacy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Span

from tnr_claims.codebook import METHOD_CODES
from tnr_claims.nlp.matcher import RuleMatcher
from tnr_claims.nlp.spans import merge_spans
from tnr_claims.rules.examples import rule_matches
from tnr_claims.rules.loader import load_patterns
from tnr_claims.rules.schemas import SpanRule

METHOD_RULES: tuple[SpanRule, ...] = tuple(
    rule for rule in load_patterns().span_rules if rule.label == "METHOD"
)

NLP: Language = spacy.blank("en")
ALL_METHODS = RuleMatcher(NLP, METHOD_RULES)


def _cases(kind: str) -> list[pytest.param]:
    return [
        pytest.param(rule, text, id=f"{rule.id}:{text[:40]}")
        for rule in METHOD_RULES
        for text in getattr(rule, kind)
    ]


def _single_rule_matches(rule: SpanRule, text: str) -> list[str]:
    doc = NLP.make_doc(text)
    return [doc[start:end].text for start, end, _ in RuleMatcher(NLP, [rule])(doc)]


def codes_found(text: str) -> set[str]:
    """METHOD codes left after all rules match and overlaps are resolved (longest wins)."""
    doc = NLP.make_doc(text)
    spans = [
        Span(doc, start, end, label="METHOD", span_id=rule.id)
        for start, end, rule in ALL_METHODS(doc)
    ]
    return {span.id_.split(".", 1)[0] for span in merge_spans(doc, spans, [])}


def test_every_method_code_has_rules_with_examples() -> None:
    codes = {rule.method_code for rule in METHOD_RULES}
    assert codes == set(METHOD_CODES)
    assert all(rule.examples for rule in METHOD_RULES)


@pytest.mark.parametrize("rule", METHOD_RULES, ids=lambda rule: rule.id)
def test_rule_does_not_start_with_a_stop_word_or_wildcard(rule: SpanRule) -> None:
    if rule.phrases:
        firsts = {phrase.split()[0].lower() for phrase in rule.phrases}
    else:
        first = rule.pattern[0]
        assert isinstance(first, dict)
        assert first.get("OP") in (None, "+", "!"), "first token may not be optional"
        lower = first.get("LOWER")
        assert lower is not None, "first token must name its words (LOWER)"
        firsts = set(lower["IN"]) if isinstance(lower, dict) else {lower}
    assert not firsts & STOP_WORDS


@pytest.mark.parametrize(("rule", "text"), _cases("examples"))
def test_rule_matches_its_examples(rule: SpanRule, text: str) -> None:
    assert rule_matches(rule, text, NLP)


@pytest.mark.parametrize(("rule", "text"), _cases("counterexamples"))
def test_rule_does_not_match_its_counterexamples(rule: SpanRule, text: str) -> None:
    assert not rule_matches(rule, text, NLP), _single_rule_matches(rule, text)


SENTENCES: list[tuple[str, set[str]]] = [
    # positives: every code at least once
    (
        "Security agents kidnapped the blogger in Bangkok and smuggled him back across the border.",
        {"OVERSEAS_AGENTS", "ABDUCTION", "FORCED_RETURN"},
    ),
    (
        "Her relatives back home were pressured to convince her to come back.",
        {"FAMILY_PRESSURE", "PERSUASION_TO_RETURN"},
    ),
    (
        "Police in Xinjiang detained his parents and interrogated his brother.",
        {"RELATIVE_REPRISAL"},
    ),
    (
        "The authorities froze the family's bank accounts and confiscated their apartment.",
        {"ASSET_FREEZE"},
    ),
    (
        "Several of his cousins lost their jobs after he spoke at a rally in London.",
        {"EMPLOYMENT_REPRISAL"},
    ),
    ("Officials threatened her and later took away her children.", {"THREAT", "CHILD_SEPARATION"}),
    (
        "Exiled activists in Germany report being harassed and intimidated by embassy staff.",
        {"HARASSMENT"},
    ),
    ("He received death threats after criticising the government on television.", {"THREAT"}),
    ("Agents tried to blackmail the businessman with compromising photographs.", {"BLACKMAIL"}),
    ("Her phone was infected with Pegasus spyware.", {"DIGITAL_ATTACK", "SURVEILLANCE"}),
    (
        "Consular staff monitored their social media accounts and photographed protesters.",
        {"SURVEILLANCE"},
    ),
    (
        "Her email account was hacked and her address was published in a doxxing campaign.",
        {"DIGITAL_ATTACK"},
    ),
    (
        "Relatives were urged to persuade him to return home and surrender.",
        {"FAMILY_PRESSURE", "PERSUASION_TO_RETURN"},
    ),
    ("Investigators promised him a lighter sentence if he came back voluntarily.", {"INDUCEMENT"}),
    ("Beijing has opened covert police stations in at least 50 countries.", {"OVERSEAS_AGENTS"}),
    ("Diaspora students were recruited as informants by the embassy.", {"INFORMANT_COERCION"}),
    ("Authorities offered a bounty for information on his whereabouts.", {"INFORMANT_COERCION"}),
    (
        "He was lured to Istanbul with a fake job offer and detained on arrival.",
        {"LURING", "DETENTION"},
    ),
    ("The journalist was abducted from his hotel and has not been seen since.", {"ABDUCTION"}),
    ("An exiled blogger was stabbed outside his home in Vienna.", {"PHYSICAL_ATTACK"}),
    ("The dissident was poisoned with a nerve agent.", {"PHYSICAL_ATTACK"}),
    ("Thailand extradited the activist despite warnings from the UN.", {"EXTRADITION"}),
    ("Turkish authorities deported dozens of Uyghurs to Tajikistan.", {"DEPORTATION"}),
    ("Cambodian police handed them over to Vietnamese security officers.", {"DEPORTATION"}),
    ("Rwanda obtained an Interpol red notice against the opposition figure.", {"INTERPOL_ABUSE"}),
    ("She was arrested at the airport and held incommunicado for three weeks.", {"DETENTION"}),
    ("A court in Minsk sentenced him in absentia to ten years in prison.", {"PROSECUTION"}),
    ("He was charged with subversion and convicted after a closed-door trial.", {"PROSECUTION"}),
    ("Authorities imposed an exit ban on her parents.", {"TRAVEL_RESTRICTION"}),
    ("His passport was revoked while he was studying abroad.", {"TRAVEL_RESTRICTION"}),
    ("More than 200 people were forcibly returned to China last year.", {"FORCED_RETURN"}),
    ("Human rights groups documented the forced repatriation of refugees.", {"FORCED_RETURN"}),
    (
        "Officers were dispatched abroad to track down fugitives.",
        {"OVERSEAS_AGENTS", "SURVEILLANCE"},
    ),
    (
        "The government denied them travel documents and barred them from leaving the country.",
        {"TRAVEL_RESTRICTION"},
    ),
    (
        "She was separated from her children, who were placed in a state orphanage.",
        {"CHILD_SEPARATION"},
    ),
    (
        "The activist's brother was fired from his government job after the broadcast.",
        {"EMPLOYMENT_REPRISAL"},
    ),
    ("Plainclothes officers followed him for weeks.", {"SURVEILLANCE"}),
    ("Security services monitored exiles in London.", {"SURVEILLANCE"}),
    ("Agents attempted to lure her to a meeting in a third country.", {"LURING"}),
    ("Her husband is being held hostage in their home town.", {"RELATIVE_REPRISAL"}),
    ("Officials tried to persuade the former banker to surrender.", {"PERSUASION_TO_RETURN"}),
    ("He was sent back to Egypt, where he faces torture.", {"FORCED_RETURN", "PHYSICAL_ATTACK"}),
    ("She was tried in absentia and sentenced to death.", {"PROSECUTION"}),
    ("Hackers launched phishing attacks against exiled journalists.", {"DIGITAL_ATTACK"}),
    ("The consulate pressured her landlord to evict her.", {"HARASSMENT"}),
    ("Officials seized the family home and froze his pension.", {"ASSET_FREEZE"}),
    (
        "Vietnamese agents abducted the former official in Berlin and flew him to Hanoi.",
        {"OVERSEAS_AGENTS", "ABDUCTION", "FORCED_RETURN"},
    ),
    ("His parents were detained after he refused to go home.", {"RELATIVE_REPRISAL"}),
    ("The extradition request was rejected by a court in Poland.", {"EXTRADITION"}),
    ("He was placed under house arrest after his return.", {"DETENTION"}),
    (
        "Refugees face refoulement to a country where they risk torture.",
        {"DEPORTATION", "PHYSICAL_ATTACK"},
    ),
    (
        "Chinese police pressured the fugitive to return by threatening to jail his sister.",
        {"PERSUASION_TO_RETURN", "THREAT"},
    ),
    (
        "Students were coerced into revealing the whereabouts of their friends.",
        {"INFORMANT_COERCION"},
    ),
    # negatives: ambiguous words in innocent uses
    ("The minister held a press conference on Tuesday.", set()),
    ("The returned documents were filed with the court.", set()),
    ("The company charged a fee for the service.", set()),
    ("He returned home after finishing his studies.", set()),
    ("The weather service issued a red alert for the region.", set()),
    ("Volunteers held a candlelight vigil in front of the embassy.", set()),
    ("She sent back a reply the next morning.", set()),
    ("The lawyer asked for the case to be dismissed.", set()),
    ("The monitoring mission published its findings.", set()),
    ("He was in charge of the investigation unit.", set()),
    ("The treaty entered into force in 2010.", set()),
    ("She took her children to the park on Sunday.", set()),
    ("The travel agent booked a flight abroad.", set()),
    ("The hostage crisis ended peacefully.", set()),
    ("The students visited relatives during the holidays.", set()),
    ("The principle of non-refoulement binds every state.", set()),
    ("She held a British passport and an Australian one.", set()),
    # the UN body is no OVERSEAS_AGENTS working group (only its "Detention" is a method word)
    ("The UN Working Group on Arbitrary Detention issued an opinion.", {"DETENTION"}),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES, ids=[s[:50] for s, _ in SENTENCES])
def test_sentence_codes(text: str, expected: set[str]) -> None:
    assert codes_found(text) == expected
