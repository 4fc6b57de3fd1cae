"""People described by their age: 'X, 34,' makes a later 'the 34-year-old' X (as a
target and as a speaker), read on the tokens and the parse like the other descriptions of
:mod:`tnr_claims.claims.mentions`."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tnr_claims.claims.index import DocIndex
    from tnr_claims.claims.mentions import Mentions

DETERMINERS = frozenset({"a", "an", "the", "this", "that"})
"""Determiners that make a singular noun a description of one individual."""


def age_noun(index: DocIndex, i: int) -> bool:
    """'the 41-year-old' standing alone for a person: 'old' heading a noun phrase with a
    determiner and a counted 'year' (not 'a 41-year-old man', where 'old' is a modifier)."""
    if index.lower[i] != "old" or index.dep[i] in ("amod", "compound"):
        return False
    children = list(index.children(i))
    aged = any(
        c.lemma_.lower() == "year" and any(g.dep_ == "nummod" for g in c.children) for c in children
    )
    return aged and any(c.dep_ == "det" and c.lower_ in DETERMINERS for c in children)


def age_told(index: DocIndex, i: int) -> str | None:
    """The key of the age 'the 34-year-old' at token ``i`` tells ('34-year-old'), if any."""
    if not age_noun(index, i):
        return None
    for year in index.children(i):
        for count in year.children:
            if year.lemma_.lower() == "year" and count.dep_ == "nummod":
                return f"{count.text}-year-old"
    return None


def record_ages(index: DocIndex, mentions: Mentions) -> None:
    """Record 'X, 34,' and '34-year-old X' as the description '34-year-old' of X."""
    n = len(index.lower)
    for ref in index.spans:
        name = ref.record.name
        if ref.record.label != "PERSON" or not name:
            continue
        k = ref.end
        if k + 2 < n and index.lower[k] == "," and index.lower[k + 2] == ",":
            count = index.doc[k + 1]
            if count.like_num and len(count.text) <= 3:
                mentions.descriptions.setdefault(f"{count.text}-year-old", set()).add(name)
