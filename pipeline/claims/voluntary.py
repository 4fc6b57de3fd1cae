"""Returns told as voluntary: the perpetrator state's usual answer to a forced return.

"Officials insist he returned voluntarily", "the returns are voluntary": the word denies
the coercion a FORCED_RETURN claim asserts (cue ``NEGATION.voluntarily``, GUIDELINES);
"did not return voluntarily" or a scare-quoted "voluntarily" asserts it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tnr_claims.claims.index import DocIndex

RETURN_VERBS = frozenset({"return", "repatriate", "come", "go"})
"""Verbs a return is told with: 'returned voluntarily' denies a forced return."""

VOLUNTARY = frozenset({"voluntarily", "willingly"})

RETURN_NOUNS = frozenset({"return", "repatriation", "departure"})


def return_told_voluntary(index: DocIndex, i: int) -> bool:
    """'returned voluntarily', 'the returns are voluntary': the word tells how a return
    happened; in scare quotes ('to return "voluntarily"') it mocks the claim instead."""
    quotes = {'"', "'", "“", "”", "‘", "’"}
    if (i > 0 and index.lower[i - 1] in quotes) or (
        i + 1 < len(index.lower) and index.lower[i + 1] in quotes
    ):
        return False
    if index.lower[i] in VOLUNTARY:
        return index.lemma[index.head[i]] in RETURN_VERBS
    verb = index.head[i]
    return index.dep[i] == "acomp" and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in RETURN_NOUNS for c in index.children(verb)
    )


def denied_twice(index: DocIndex, verb: int) -> bool:
    """'did not return voluntarily': a return verb with two denials asserts the coercion,
    so neither negates it."""
    return index.lemma[verb] in RETURN_VERBS and (
        sum(c.dep_ == "neg" or c.lower_ in VOLUNTARY for c in index.children(verb)) > 1
    )
