"""An act told again by its head noun: 'a 2% "rehabilitation tax" ... refused to pay the tax'.

Once the document has named an act with a noun phrase of two or more words whose head is a
noun ('the diaspora tax', 'a red notice'), a later definite mention of that head noun alone
('the tax', 'this notice') with no other span over it is the same kind of act: a METHOD of
the same code, context rule ``<CODE>.same_act_again``. Generic heads that name a
procedure rather than the act ('the request', 'the case') are left out (``GENERIC_HEADS``).
"""

from __future__ import annotations

from spacy.attrs import LEMMA
from spacy.tokens import Doc, Span

from tnr_claims.nlp.provenance import derive, provenance_of
from tnr_claims.nlp.spans import tokens_with
from tnr_claims.rules.loader import Lexicons

DEFINITE = frozenset({"the", "this", "that", "these", "those", "such"})
"""Determiners that point back to something told."""

GENERIC_HEADS = frozenset(
    {
        "request",
        "case",
        "decision",
        "order",
        "law",
        "rule",
        "process",
        "procedure",
        "system",
        "programme",
        "program",
        "campaign",
        "policy",
        "practice",
        "list",
        "service",
        "centre",
        "center",
        "station",
        "office",
        "operation",
        "conspiracy",
        "plot",
        "scheme",
        "network",
        "activity",
        "effort",
        "matter",
    }
)
"""Head nouns too general to stand for one kind of act on their own."""


def acts_told_again(doc: Doc, spans: list[Span], words: Lexicons) -> list[Span]:
    """METHOD spans for later definite mentions of an act's head noun (see module); a head
    that names people ('the families', 'the exiles') is the people acted on, not the act."""
    people = words.FAMILY_NOUNS | words.PEOPLE_LEMMAS
    named: dict[str, Span] = {}  # head lemma -> the act's first telling
    for span in spans:
        root = span.root
        lemma = root.lemma_.lower()
        if (
            span.label_ == "METHOD"
            and len(span) >= 2
            and root.i == span.end - 1  # head-final: 'a red notice', not 'families of ...'
            and root.pos_ == "NOUN"
            and lemma not in GENERIC_HEADS
            and lemma not in people
            and root.lower_ not in people
            and lemma not in named
        ):
            named[lemma] = span
    if not named:
        return spans
    covered = {i for span in spans for i in range(span.start, span.end)}
    found = []
    for i in tokens_with(doc, LEMMA, named):
        token = doc[i]
        first = named[token.lemma_.lower()]
        if (
            i < first.end
            or i in covered
            or token.pos_ != "NOUN"
            or any(c.dep_ == "compound" for c in token.children)
            or not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in token.children)
        ):
            continue
        code = (provenance_of(first).code_rule() or first.id_).split(".", 1)[0]
        # the first telling's rule and code, on the one word that tells it again
        found.append(derive(first, f"{code}.same_act_again", "code", start=i, end=i + 1))
    return sorted([*spans, *found], key=lambda s: (s.start, s.end)) if found else spans
