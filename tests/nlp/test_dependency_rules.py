"""Rules on the dependency parse (``patterns/dependencies.jsonl``): every example matches
its rule and no counterexample does, through the whole pipeline (the parse is needed)."""

from __future__ import annotations

import pytest

from tnr_claims.rules.examples import rule_matches
from tnr_claims.rules.loader import default_patterns

pytestmark = pytest.mark.model

RULES = default_patterns().dependency_rules
CASES = [(rule.id, text, True) for rule in RULES for text in rule.examples] + [
    (rule.id, text, False) for rule in RULES for text in rule.counterexamples
]


def test_every_dependency_rule_has_examples() -> None:
    assert RULES and all(rule.examples for rule in RULES)


@pytest.mark.parametrize(("rule_id", "text", "matches"), CASES)
def test_dependency_rule_examples(tnr_pipeline, rule_id: str, text: str, matches: bool) -> None:
    """The rule alone matches (or not) on the parse; the same check as ``claims patterns check``."""
    assert rule_matches(default_patterns().rule(rule_id), text, tnr_pipeline.nlp) is matches


@pytest.mark.parametrize(("rule_id", "text", "matches"), CASES)
def test_dependency_rule_examples_survive_the_merge(
    tnr_pipeline, rule_id: str, text: str, matches: bool
) -> None:
    """In the whole pipeline, an example's span is kept (no other rule wins over it)."""
    doc = tnr_pipeline.nlp(text)
    found = {span.id_ for span in doc.spans["tnr"]}
    assert (rule_id in found) is matches, [(s.text, s.id_) for s in doc.spans["tnr"]]


def test_the_parse_matcher_finds_what_spacys_dependency_matcher_finds(tnr_pipeline) -> None:
    """The tagger walks the parse from each rule's anchor word; spaCy's DependencyMatcher is
    the reference for what a rule means. Same matches on every example and counterexample."""
    from spacy.matcher import DependencyMatcher

    from tnr_claims.nlp.parse_matcher import ParseMatcher

    nlp = tnr_pipeline.nlp
    fast = ParseMatcher(nlp.vocab, [(r.id, r.pattern) for r in RULES])
    assert fast.library_rules == []
    reference = DependencyMatcher(nlp.vocab)
    for rule in RULES:
        reference.add(rule.id, [rule.pattern])
    texts = [t for rule in RULES for t in (*rule.examples, *rule.counterexamples)]
    with nlp.select_pipes(disable=["tnr_tagger"]):
        for doc in nlp.pipe(texts):
            expected = {(nlp.vocab.strings[k], tuple(ids)) for k, ids in reference(doc)}
            assert set(fast(doc)) == expected, doc.text


def test_a_rule_with_another_operator_is_left_to_spacy(tnr_pipeline) -> None:
    """'.' (directly precedes) is not walked: the rule goes to a DependencyMatcher."""
    from tnr_claims.nlp.parse_matcher import ParseMatcher

    pattern = [
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": "abduct"}},
        {"LEFT_ID": "verb", "REL_OP": ".", "RIGHT_ID": "next", "RIGHT_ATTRS": {"LOWER": "him"}},
    ]
    matcher = ParseMatcher(tnr_pipeline.nlp.vocab, [("TEST.precedes", pattern)])
    assert matcher.library_rules == ["TEST.precedes"]
    with tnr_pipeline.nlp.select_pipes(disable=["tnr_tagger"]):
        doc = tnr_pipeline.nlp("Agents abducted him in Riga.")
    assert matcher(doc) == [("TEST.precedes", (1, 2))]


def test_a_long_document_keeps_every_match(tnr_pipeline) -> None:
    sentence = "Officers took her to Tashkent and brought two critics back home. "
    record = tnr_pipeline.process_text(sentence * 200)
    assert sum(1 for s in record.spans if s.label == "METHOD") >= 200
