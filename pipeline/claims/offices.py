"""Whether a named person is named by an office ('President X', 'X, the spokeswoman'):
such people are left out of targets unless the act is done to them directly (see
:mod:`tnr_claims.claims.targets`). A former office or one of many ('a former minister',
'a leader of the movement') names no office held."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tnr_claims.claims.index import DocIndex, Sentence, SpanRef


def is_official(index: DocIndex, ref: SpanRef, sentence: Sentence) -> bool:
    """True when a role noun (president, prosecutor, spokeswoman ...) names the person's office."""
    s0 = sentence.span.start
    k = ref.start - 1
    steps = 0
    while k >= s0 and steps < 3:
        lower = index.lower[k]
        if index.pos[k] in ("PUNCT", "VERB", "AUX", "ADP") and lower not in ("-",):
            break
        if index.lemma[k] in index.words.OFFICE_NOUNS or lower in index.words.OFFICE_NOUNS:
            return not _former(index, k, s0)
        k -= 1
        steps += 1
    root = ref.root
    for child in index.children(root):
        if child.dep_ == "appos" and child.lemma_.lower() in index.words.OFFICE_NOUNS:
            if not _not_in_office(index, child.i):
                return True
    if index.dep[root] == "appos" and index.lemma[index.head[root]] in index.words.OFFICE_NOUNS:
        office = index.head[root]
        return not (_not_in_office(index, office) or _office_acted_on(index, office))
    if index.dep[root] == "nsubj" and index.lemma[index.head[root]] in (
        "be",
        "become",
        "remain",
        "serve",
    ):
        for child in index.children(index.head[root]):
            if (
                child.dep_ in ("attr", "acomp", "oprd")
                and child.lemma_.lower() in index.words.OFFICE_NOUNS
            ):
                return not any(c.lower_ in index.words.FORMER_WORDS for c in child.children)
    return False


def _office_acted_on(index: DocIndex, noun: int) -> bool:
    """'The temple's president, A, was shot and killed': the office holder is the one an
    act falls on (the passive subject or object of a METHOD verb), a target like any other."""
    verb = index.head[noun]
    return index.dep[noun] in ("nsubjpass", "dobj") and verb in index.method_tokens


def _not_in_office(index: DocIndex, noun: int) -> bool:
    """An office noun that describes rather than names an office: 'a former minister', or
    one of many ('a leader of the movement', 'an official of the party')."""
    return any(
        c.lower_ in index.words.FORMER_WORDS or (c.dep_ == "det" and c.lower_ in ("a", "an"))
        for c in index.children(noun)
    )


def _former(index: DocIndex, k: int, s0: int) -> bool:
    for j in range(max(s0, k - 3), k):
        if index.lower[j] in index.words.FORMER_WORDS:
            return True
    return any(c.lower_ in index.words.FORMER_WORDS for c in index.children(k))
