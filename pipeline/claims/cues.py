"""ConText-style cue rules (hedge, negation, attribution, call, quotation) for claims.

The lexicon is rule data in ``patterns/cues.jsonl``: a cue, a direction and a scope in
tokens. The tagger writes its matches to ``doc.spans["tnr_cues"]``; a Doc that did not pass
the tagger is matched here with the tagger's :class:`~tnr_claims.nlp.matcher.RuleMatcher`.
"""

from __future__ import annotations

from collections.abc import Sequence

import spacy
from spacy.tokens import Doc, Span

from tnr_claims.nlp.matcher import RuleMatcher
from tnr_claims.nlp.spans import CUE_KEY
from tnr_claims.records import Cue
from tnr_claims.rules.loader import default_patterns
from tnr_claims.rules.schemas import CueRule


def load_cue_rules() -> tuple[CueRule, ...]:
    """The cue rules of the project's ``patterns/`` (through the one loader, cached)."""
    return default_patterns().cue_rules


_MATCHERS: dict[tuple[int, tuple[str, ...]], RuleMatcher] = {}


def match_cues(doc: Doc, rules: Sequence[CueRule]) -> list[Span]:
    """Cue spans of ``doc``: the tagger's ``doc.spans["tnr_cues"]``, or a fresh match with
    the tagger's :class:`~tnr_claims.nlp.matcher.RuleMatcher` when the tagger did not run (a
    bare-model Doc in unit tests)."""
    if CUE_KEY in doc.spans:  # the tagger ran (and may have found no cue in the article)
        return sorted(doc.spans[CUE_KEY], key=lambda s: (s.start, -s.end))
    if not rules:
        return []
    key = (id(doc.vocab), tuple(rule.id for rule in rules))
    if key not in _MATCHERS:
        _MATCHERS[key] = RuleMatcher(spacy.blank("en", vocab=doc.vocab), rules)
    return [
        Span(doc, start, end, label=rule.kind, span_id=rule.id)  # type: ignore[union-attr]
        for start, end, rule in _MATCHERS[key](doc)
    ]


def cue_record(cue: Span) -> Cue:
    """The record form of a cue span (kind, offsets, text, rule id)."""
    return Cue(
        kind=cue.label_, start=cue.start_char, end=cue.end_char, text=cue.text, pattern_id=cue.id_
    )
