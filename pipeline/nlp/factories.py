"""spaCy factories: ``tnr_segmenter`` (zones, sentence starts) and ``tnr_tagger``.

Components get their rules as data, the way spaCy's ``SpanRuler`` does: the factory builds
an empty component and :meth:`initialize` hands it a validated
:class:`~tnr_claims.rules.loader.PatternSet`. :func:`tnr_claims.nlp.build_nlp` does both, so one
PatternSet, loaded once by the one loader, serves every component of a pipeline (and
travels to Dask workers as data, not as a folder path).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from typing import Any

import numpy
from spacy.attrs import IDX, IS_ALPHA, IS_LOWER, IS_PUNCT, IS_SPACE, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from tnr_claims.errors import ClaimsError
from tnr_claims.nlp.spans import SEGMENTS_KEY, tokens_with
from tnr_claims.nlp.tagger import RuleTagger
from tnr_claims.rules.loader import PatternSet
from tnr_claims.rules.schemas import ZoneRule
from tnr_claims.text.segment import segment_text

OPENING_BRACKETS = frozenset({"[", "("})
"""Brackets that start no sentence after a word ('on Tuesday [4 March] that ...'); the
parser keeps a boundary marked False."""
SENTENCE_ENDS = frozenset({".", "!", "?", ":", ";", "\n", "\n\n"})
SENTENCE_OPENERS = frozenset(
    {"According", "After", "But", "However", "In", "Meanwhile", "On", "Since", "When", "While"}
)
"""Words that open a sentence when written capitalised straight after a lower-case word or a
number, before a lower-case word: a scraped text lost its full stop ('shot on June 18 In
strong reaction, the ministry said ...'). Titles of works and names ('the film The Exile',
'Lawyers In Exile') begin with other words or follow a capitalised one."""


class Segmenter:
    """The ``tnr_segmenter`` component: zones in ``doc.user_data``, a sentence per zone start."""

    def __init__(self, patterns: PatternSet | None = None) -> None:
        self.zone_rules: tuple[ZoneRule, ...] | None = None
        if patterns is not None:
            self.initialize(patterns=patterns)

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        patterns: PatternSet,
    ) -> None:
        """Take the zone rules of ``patterns`` (spaCy's ``initialize`` signature)."""
        self.zone_rules = patterns.zone_rules

    def __call__(self, doc: Doc) -> Doc:
        """Store the zones in ``doc.user_data`` and start a sentence at every zone."""
        if self.zone_rules is None:
            raise ClaimsError(
                "tnr_segmenter has no rules: build the pipeline with tnr_claims.nlp.build_nlp, "
                "or call its initialize(patterns=...)"
            )
        segments = segment_text(doc.text, self.zone_rules)
        doc.user_data[SEGMENTS_KEY] = [(s.kind, s.start, s.end) for s in segments]
        if not len(doc):
            return doc
        token_starts = doc.to_array(IDX).tolist()
        # one array of sentence starts (1 start, -1 none, 0 the parser decides), written once
        starts = doc.to_array([SENT_START]).view(numpy.int64).copy()
        for i in tokens_with(doc, ORTH, OPENING_BRACKETS):
            if i > 0 and doc[i - 1].text not in SENTENCE_ENDS:
                # 'announced on Tuesday [4 March] that ...': a bracket inside a sentence
                starts[i] = -1
        starts[_inside_a_sentence(doc)] = -1
        starts[_lost_full_stops(doc)] = 1
        for segment in segments:
            i = bisect_left(token_starts, segment.start)
            while i < len(doc) and doc[i].is_space:
                i += 1
            if i < len(doc) and doc[i].idx < segment.end:
                starts[i] = 1
        doc.from_array([SENT_START], starts.view(numpy.uint64))
        return doc


def _inside_a_sentence(doc: Doc) -> numpy.ndarray:
    """Lower-case words right after a word or number ('HOST: Lena, in June 2022 the
    police put a bounty on your head'): no sentence starts there, though the parser may
    split a long opening phrase off there. After punctuation or a line break it decides."""
    if len(doc) < 2:
        return numpy.zeros(0, dtype=numpy.int64)
    flags = doc.to_array([IS_LOWER, IS_ALPHA, IS_PUNCT, IS_SPACE]).astype(bool)
    lower_word = flags[1:, 0] & flags[1:, 1]
    after_word = ~(flags[:-1, 2] | flags[:-1, 3])
    return numpy.flatnonzero(lower_word & after_word) + 1


def _lost_full_stops(doc: Doc) -> list[int]:
    """Tokens of :data:`SENTENCE_OPENERS` between a lower-case word or a number and a
    lower-case word: a sentence starts there though the full stop before it is missing."""
    found = []
    for i in tokens_with(doc, ORTH, SENTENCE_OPENERS):
        if 0 < i < len(doc) - 1:
            before, after = doc[i - 1], doc[i + 1]
            if (before.is_lower or before.is_digit) and after.is_lower and after.is_alpha:
                found.append(i)
    return found


@Language.factory("tnr_segmenter")
def make_segmenter(nlp: Language, name: str) -> Segmenter:
    """Build the zone segmenter; its rules arrive through :meth:`Segmenter.initialize`."""
    return Segmenter()


@Language.factory("tnr_tagger", default_config={"check_places": True})
def make_tagger(nlp: Language, name: str, check_places: bool) -> RuleTagger:
    """Build the rule tagger; its rules arrive through :meth:`RuleTagger.initialize`."""
    return RuleTagger(nlp, check_places=check_places)
