"""Vague counts the model does not tag: 'several leaders', 'dozens of students', 'many exiles'.

Codebook (second set): vague counts ("many", "several", "dozens", "hundreds", "a number
of") are QUANTITY with value null; "some" and "few" are not labelled. The small model tags
numbers, rarely these words, so a word of ``VAGUE_QUANTITIES`` that counts a plural noun
(its modifier, or 'dozens of <plural>') becomes a QUANTITY span where nothing else stands
(context rule ``QUANTITY.vague_count``). Counts outside claim sentences are dropped later,
like every QUANTITY.
"""

from __future__ import annotations

from spacy.attrs import LOWER
from spacy.tokens import Doc, Span, Token

from tnr_claims.nlp.provenance import make
from tnr_claims.nlp.spans import tokens_with
from tnr_claims.rules.loader import Lexicons

NOT_COUNTED = frozenset({"some", "few", "a few", "lots", "a lot"})
"""Vague amounts the codebook does not label."""


def _counts_plural(token: Token) -> bool:
    """Whether a vague count word counts a plural noun ('several leaders', 'dozens of')."""
    head = token.head
    if token.dep_ in ("amod", "nummod", "det") and head.tag_ in ("NNS", "NNPS"):
        return True
    return any(
        child.dep_ == "prep"
        and child.lower_ == "of"
        and any(g.tag_ in ("NNS", "NNPS") for g in child.children)
        for child in token.children
    )


def vague_counts(doc: Doc, spans: list[Span], words: Lexicons) -> list[Span]:
    """Add a QUANTITY span for each uncovered vague count of a plural noun."""
    covered = {i for s in spans for i in range(s.start, s.end)}
    vague = {w for w in words.VAGUE_QUANTITIES if " " not in w} - NOT_COUNTED
    made = [
        make(doc, i, i + 1, "QUANTITY", "QUANTITY.vague_count")
        for i in tokens_with(doc, LOWER, vague)
        if i not in covered and _counts_plural(doc[i])
    ]
    if not made:
        return spans
    return sorted([*spans, *made], key=lambda s: (s.start, s.end))
