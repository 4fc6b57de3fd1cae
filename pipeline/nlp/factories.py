"""spaCy factories: ``tnr_segmenter`` (zones, sentence starts) and ``tnr_tagger``."""

from __future__ import annotations

from bisect import bisect_left

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp.spans import SEGMENTS_KEY
from pipeline.nlp.tagger import RuleTagger
from pipeline.rules.loader import DEFAULT_PATTERNS_DIR, PatternSet, load_patterns
from pipeline.text.segment import segment_text


class Segmenter:
    """The ``tnr_segmenter`` component (see module docstring)."""

    def __init__(self, patterns: PatternSet) -> None:
        self.zone_rules = patterns.zone_rules

    def __call__(self, doc: Doc) -> Doc:
        """Store the zones in ``doc.user_data`` and start a sentence at every zone."""

        segments = segment_text(doc.text, self.zone_rules)
        doc.user_data[SEGMENTS_KEY] = [(s.kind, s.start, s.end) for s in segments]
        if not len(doc):
            return doc
        from spacy.attrs import IDX

        token_starts = doc.to_array(IDX).tolist()
        for segment in segments:
            i = bisect_left(token_starts, segment.start)
            while i < len(doc) and doc[i].is_space:
                i += 1
            if i < len(doc) and doc[i].idx < segment.end:
                doc[i].is_sent_start = True
        return doc


def _patterns(patterns_dir: str | None) -> PatternSet:
    return load_patterns(patterns_dir or DEFAULT_PATTERNS_DIR)


@Language.factory("tnr_segmenter", default_config={"patterns_dir": None})
def make_segmenter(nlp: Language, name: str, patterns_dir: str | None) -> Segmenter:
    """Build the zone segmenter from ``patterns/zones.jsonl``."""
    return Segmenter(_patterns(patterns_dir))


@Language.factory("tnr_tagger", default_config={"patterns_dir": None, "check_places": True})
def make_tagger(
    nlp: Language, name: str, patterns_dir: str | None, check_places: bool
) -> RuleTagger:
    """Build the rule tagger from the span and cue rules of ``patterns/``."""
    return RuleTagger(nlp, _patterns(patterns_dir), check_places=check_places)
