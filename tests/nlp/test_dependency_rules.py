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


def test_a_long_document_is_matched_once_per_rule_not_once_per_sentence(tnr_pipeline) -> None:
    """Copying every anchored sentence to its own Doc copies the whole Doc each time, which
    made a long text quadratic: each rule's matcher sees the Doc itself, at most once, and
    only when its anchor lemma is there."""
    tagger = tnr_pipeline.nlp.get_pipe("tnr_tagger")
    lengths: list[int] = []
    original = tagger._anchored_matchers

    def counting(doc):  # type: ignore[no-untyped-def]
        def wrap(matcher):  # type: ignore[no-untyped-def]
            def call(doclike):  # type: ignore[no-untyped-def]
                lengths.append(len(doclike))
                return matcher(doclike)

            return call

        return [wrap(m) for m in original(doc)]

    tagger._anchored_matchers = counting
    try:
        sentence = "Officers took her to Tashkent and brought two critics back home. "
        record = tnr_pipeline.process_text(sentence * 200)
    finally:
        del tagger._anchored_matchers
    assert lengths and len(lengths) <= len(RULES)
    assert all(n > 2000 for n in lengths)
    assert sum(1 for s in record.spans if s.label == "METHOD") >= 200
