"""Which named organisation a description of one stands for: 'the unit said' and one
'Joint Counter Terrorism Unit'; 'the court said' with two courts named; 'according to the
verdict' and the court named last; whether a name is a state body's."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tnr_claims.claims.index import DocIndex, Sentence


def org_named_by_its_head(index: DocIndex, sentence: Sentence, lemma: str) -> str | None:
    """'the counter-terrorism unit said' and, before or after, one 'Joint Counter Terrorism
    Unit'; 'the court ruled' and one 'High Court of Tarvik': the one organisation whose name
    ends in the noun or holds it capitalised; of several, the one named most before the
    sentence (:func:`_most_named_before`)."""
    ends_so = {
        ref.record.name
        for ref in index.spans
        if ref.record.label == "ORG"
        and ref.record.name
        and index.lemma[ref.end - 1] == lemma
        and ref.end - ref.start > 1
    }
    named = ends_so | _orgs_holding(index, lemma)
    if len(named) == 1:
        return next(iter(named))
    return _most_named_before(index, sentence, named)


def _most_named_before(index: DocIndex, sentence: Sentence, names: set[str]) -> str | None:
    """'the court said' with two courts named before: the one the document names most
    often up to here (the court it reports on, not one it mentions once), the later one of
    a tie; None when neither is named before the sentence."""
    named = [
        ref.record.name
        for ref in index.spans
        if ref.end <= sentence.span.start and ref.record.label == "ORG" and ref.record.name in names
    ]
    counts = Counter(named)
    return max(counts, key=lambda n: (counts[n], len(named) - named[::-1].index(n)), default=None)


def one_org_holding(index: DocIndex, lemma: str) -> str | None:
    """'the commission said' and one 'Central Commission for Discipline Inspection': the one
    organisation whose name holds the noun as a capitalised word, else None."""
    holds = _orgs_holding(index, lemma)
    return next(iter(holds)) if len(holds) == 1 else None


def _orgs_holding(index: DocIndex, lemma: str) -> set[str]:
    return {
        ref.record.name
        for ref in index.spans
        if ref.record.label == "ORG"
        and ref.record.name
        and ref.end - ref.start > 1
        and any(
            index.lemma[k] == lemma and index.doc[k].is_title for k in range(ref.start, ref.end)
        )
    }


COURT_WORDS = frozenset({"court", "tribunal"})
"""The words of ``ISSUER_HEADS`` that make an organisation a court."""


def issuer_of_document(index: DocIndex, sentence: Sentence, subject: int) -> str | None:
    """'according to the verdict' -> the court named before the sentence (the one named most
    often, the last of a tie); 'according to the indictment', 'the court documents say' ->
    the prosecutor or police force so named (codebook: 'the report' is its author, when the
    document names it)."""
    lemma = index.lemma[subject]
    court_filed = lemma in ("document", "filing", "paper") and any(
        c.dep_ in ("compound", "amod") and c.lower_ in ("court", "charging")
        for c in index.children(subject)
    )
    if lemma in index.words.COURT_DOCUMENT_NOUNS:
        heads = COURT_WORDS
    elif lemma in index.words.CHARGE_DOCUMENT_NOUNS or court_filed:
        heads = index.words.ISSUER_HEADS - COURT_WORDS
    else:
        return None
    phrase = index.head[subject] if index.dep[subject] == "compound" else subject
    if not any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that", "its"))
        for c in index.children(phrase)
    ):
        return None  # 'a ruling' is one the document has not placed
    issuers = {
        ref.record.name
        for ref in index.spans
        if ref.record.label == "ORG"
        and ref.record.name
        and any(word in heads for word in re.findall(r"[a-z]+", ref.record.name.lower()))
    }
    return _most_named_before(index, sentence, issuers)


def state_body(name: str, index: DocIndex) -> bool:
    """Whether an organisation's name is a state body's ('Ministry of Public Security',
    'Metropolitan Police'): a word of ``STATE_BODY_HEADS``."""
    return any(word in index.words.STATE_BODY_HEADS for word in name.split())
