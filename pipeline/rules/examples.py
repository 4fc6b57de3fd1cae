"""Every rule's own ``examples`` and ``counterexamples``, run: the one implementation.

A rule file documents each rule with sentences it must match (``examples``) and sentences
it must not (``counterexamples``). :func:`check_examples` runs them all for ``claims
patterns check DIR`` and for ``--patterns DIR`` at load; the tests of each rule file call
:func:`rule_matches` / :func:`example_failures`, so the tests and the command agree.

How a rule is tried on a sentence:

* a zone rule: its regular expression is searched in the sentence;
* a span or cue rule: the tokens of the sentence go through a :class:`RuleMatcher` holding
  only that rule. A rule that reads model attributes (``POS``, ``TAG``, ``DEP``,
  ``LEMMA``, ``MORPH``) gets the whole ``nlp`` run; the others only its tokenizer;
* a dependency rule: the parsed sentence goes through a ``DependencyMatcher`` holding
  only that rule (it needs a model with a parser);
* a dyad rule: the sentence goes through :func:`tnr_claims.claims.dyads.sentence_dyad` with
  only that rule (an anaphor rule is given one earlier perpetrator state to refer to);
* an incident kind rule: its regular expression is searched in the sentence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tnr_claims.rules.schemas import (
    CueRule,
    DependencyRule,
    DyadRule,
    IncidentKindRule,
    Rule,
    SpanRule,
    ZoneRule,
)

if TYPE_CHECKING:
    from spacy.language import Language

    from tnr_claims.rules.loader import PatternSet

MODEL_ATTRS = frozenset({"POS", "TAG", "DEP", "LEMMA", "MORPH", "ENT_TYPE", "ENT_IOB"})
"""Token attributes only a statistical model sets."""

EARLIER_PERPETRATOR = "MD"
"""The state an anaphor dyad rule's example refers back to ("the agents" of an earlier
sentence); any state code does, the examples name none."""


@dataclass(frozen=True)
class ExampleFailure:
    """One example a rule misses, or one counterexample it matches."""

    rule_id: str
    text: str
    counterexample: bool
    """True when the rule matched a sentence it must not match."""

    def __str__(self) -> str:
        what = "matches its counterexample" if self.counterexample else "misses its example"
        return f"{self.rule_id}: {what} {self.text!r}"


def needs_model(rule: Rule) -> bool:
    """Whether trying ``rule`` needs the statistical model (parse, tags or lemmas)."""
    if isinstance(rule, DependencyRule):
        return True
    if not isinstance(rule, SpanRule | CueRule) or rule.phrases:
        return False
    return any(key in MODEL_ATTRS for token in rule.pattern for key in token)  # type: ignore[union-attr]


def rule_matches(  # noqa: C901 - one branch per kind of rule
    rule: Rule, text: str, nlp: Language | None = None, patterns: PatternSet | None = None
) -> bool:
    """Whether ``rule`` alone matches anywhere in ``text``.

    Args:
        rule: A zone, span, cue or dependency rule.
        text: The sentence to try.
        nlp: The pipeline to tokenize (and, for rules that need it, tag and parse) with;
            ``None`` is a blank English tokenizer, enough for rules that read only words.
        patterns: The rule's folder (dyad rules read its word lists); default the shipped one.
    """
    if isinstance(rule, ZoneRule):
        from tnr_claims.text.segment import zone_rule_fires

        return zone_rule_fires(rule, text)
    if isinstance(rule, IncidentKindRule):
        import re

        return re.search(rule.regex, text, re.IGNORECASE) is not None
    if isinstance(rule, DyadRule):
        from dataclasses import replace

        from tnr_claims.claims.dyads import sentence_dyad
        from tnr_claims.rules.loader import default_patterns

        alone = replace(patterns or default_patterns(), dyad_rules=(rule,))
        return rule.id in sentence_dyad(text, memory=[EARLIER_PERPETRATOR], patterns=alone).rules
    if nlp is None:
        nlp = _blank()
    if isinstance(rule, DependencyRule):
        from spacy.matcher import DependencyMatcher

        matcher = DependencyMatcher(nlp.vocab)
        matcher.add(rule.id, [rule.pattern])
        return bool(matcher(nlp(text)))
    from tnr_claims.nlp.matcher import RuleMatcher

    doc = nlp(text) if needs_model(rule) else nlp.make_doc(text)
    return bool(RuleMatcher(nlp, [rule])(doc))  # type: ignore[list-item]


def _blank() -> Language:
    import spacy

    return spacy.blank("en")


def example_failures(
    rule: Rule, nlp: Language | None = None, patterns: PatternSet | None = None
) -> list[ExampleFailure]:
    """The examples ``rule`` misses and the counterexamples it matches (empty: all good)."""
    failures = [
        ExampleFailure(rule.id, text, counterexample=False)
        for text in rule.examples
        if not rule_matches(rule, text, nlp, patterns)
    ]
    failures += [
        ExampleFailure(rule.id, text, counterexample=True)
        for text in rule.counterexamples
        if rule_matches(rule, text, nlp, patterns)
    ]
    return failures


def all_rules(patterns: PatternSet) -> Iterable[Rule]:
    """Every rule of ``patterns`` with examples to run, in file order by kind."""
    yield from patterns.span_rules
    yield from patterns.dependency_rules
    yield from patterns.cue_rules
    yield from patterns.zone_rules
    yield from patterns.dyad_rules
    yield from patterns.incident_kind_rules


def check_examples(patterns: PatternSet, nlp: Language) -> list[ExampleFailure]:
    """Run every rule's examples and counterexamples (see module docstring).

    Args:
        patterns: The loaded rules.
        nlp: A pipeline with the statistical model (rules that read tags or the parse
            need it).

    Returns:
        Every failure, rule by rule; an empty list when every rule behaves as documented.
    """
    failures: list[ExampleFailure] = []
    for rule in all_rules(patterns):
        failures += example_failures(rule, nlp, patterns)
    return failures


__all__ = [
    "MODEL_ATTRS",
    "ExampleFailure",
    "all_rules",
    "check_examples",
    "example_failures",
    "needs_model",
    "rule_matches",
]
