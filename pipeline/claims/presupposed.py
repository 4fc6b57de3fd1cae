"""Acts a sentence takes as given, which its negation does not deny.

"He was not allowed to see them during their detention" does not deny the detention; "the
authorities denied that the arrests had anything to do with her" denies a link, not the
arrests; "the murder was not premeditated" denies a description. :func:`presupposed` tells
such an act, for :func:`tnr_claims.claims.modifiers.find_negations`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tnr_claims.claims.index import DocIndex


GIVEN_PREPOSITIONS = frozenset({"during", "since", "after", "before", "until", "following"})
"""Prepositions whose act is a given of the sentence ('not allowed to see them during their
detention'): a negation of the clause does not deny it."""


def presupposed(index: DocIndex, root: int) -> bool:
    """Whether the act at ``root`` is the object of a preposition of time ('during their
    detention', 'since his arrest'), the subject of a link to a cause ('denied that the
    arrests had anything to do with her', '... were linked to his work') or of a describing
    'be' ('the murder was not premeditated'): the sentence takes it as given, and a denial
    is of the link or the description, not of the act."""
    if index.dep[root] == "pobj" and index.lower[index.head[root]] in GIVEN_PREPOSITIONS:
        return True
    if _described_act(index, root):
        return True
    return index.dep[root] in ("nsubj", "nsubjpass") and _links_to_a_cause(index, index.head[root])


def _described_act(index: DocIndex, root: int) -> bool:
    """'the murder was not premeditated', 'the attack was not random': an act noun that is
    the subject of 'be' with a describing predicate is a given; the predicate is denied."""
    verb = index.head[root]
    if index.pos[root] != "NOUN":
        return False
    if index.dep[root] == "nsubj":
        return index.lemma[verb] == "be" and index.has_child(verb, ("acomp", "attr"))
    # read as a passive: a bare participle that names no act and has nothing after it
    return (
        index.dep[root] == "nsubjpass"
        and index.tag[verb] == "VBN"
        and not index.is_event(verb)
        and all(c.dep_ in DESCRIBED_ONLY_DEPS for c in index.children(verb))
    )


DESCRIBED_ONLY_DEPS = frozenset({"nsubjpass", "auxpass", "aux", "neg", "advmod", "punct", "mark"})


LINK_VERBS = frozenset({"link", "connect", "relate", "tie", "motivate"})
"""Verbs of a link between an act and its cause ('the arrests were linked to her work')."""

LINKED_WORDS = LINK_VERBS | {"linked", "related"}
"""The same as a copula's complement ('the arrests were related to his work')."""


def _links_to_a_cause(index: DocIndex, verb: int) -> bool:
    """'had anything (nothing) to do with', 'was linked (connected, related) to'."""
    lemma = index.lemma[verb]
    if lemma == "have":
        return any(
            c.dep_ == "dobj" and c.lower_ in ("anything", "nothing", "something")
            for c in index.children(verb)
        )
    if lemma == "be":
        return any(
            c.dep_ in ("acomp", "attr") and c.lemma_.lower() in LINKED_WORDS
            for c in index.children(verb)
        )
    return lemma in LINK_VERBS and index.is_passive(verb)
