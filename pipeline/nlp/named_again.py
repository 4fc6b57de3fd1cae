"""One sense per document: words the document tags as an organisation or a place once are
that organisation or place wherever they stand again untagged ("a Nordline plane" after
"Nordline said"; "the Lyon attack" after "police in Lyon"), a count the model read in them
aside ("Group 24"); not inside a longer proper name. Context rules ``ORG.named_again`` and
``LOCATION.named_again``.
"""

from __future__ import annotations

from spacy.attrs import ORTH
from spacy.tokens import Doc, Span

from tnr_claims.nlp.provenance import make
from tnr_claims.nlp.spans import runs_into_a_name, tokens_with


def organisations_named_again(doc: Doc, spans: list[Span]) -> list[Span]:
    """'a Nordline plane' after 'Nordline said ...': words the document tags as an
    organisation once are that organisation wherever they stand again untagged (one sense
    per document), unless they run into a longer proper name. Context rule
    ``ORG.named_again``."""
    return named_again(doc, spans, "ORG", "ORG.named_again")


def names_again(doc: Doc, spans: list[Span]) -> list[Span]:
    """Organisations, then places, named again (:func:`organisations_named_again`; 'the Lyon
    attack' after 'police in Lyon' is that place too, context rule ``LOCATION.named_again``)."""
    spans = organisations_named_again(doc, spans)
    return named_again(doc, spans, "LOCATION", "LOCATION.named_again")


def named_again(doc: Doc, spans: list[Span], label: str, rule_id: str) -> list[Span]:
    """``spans`` with a ``label`` span, rule ``rule_id``, over every untagged run of words
    that a ``label`` span of the document covers elsewhere (one sense per document)."""
    names: dict[str, set[tuple[str, ...]]] = {}
    for span in spans:
        if span.label_ == label and span.text[:1].isupper():
            names.setdefault(span[0].text, set()).add(tuple(t.text for t in span))
    if not names:
        return spans
    # a number the model read as a count may end the name ('Group 24')
    covered = {i for s in spans if s.label_ != "QUANTITY" for i in range(s.start, s.end)}
    made: list[Span] = []
    for i in tokens_with(doc, ORTH, set(names)):
        for name in sorted(names[doc[i].text], key=len, reverse=True):
            end = i + len(name)
            if (
                tuple(t.text for t in doc[i:end]) != name
                or any(k in covered for k in range(i, end))
                or runs_into_a_name(doc, i, end)
            ):
                continue
            made.append(make(doc, i, end, label, rule_id))
            covered.update(range(i, end))
            break
    if not made:
        return spans
    inside = {i for s in made for i in range(s.start, s.end)}
    kept = [s for s in spans if not (s.label_ == "QUANTITY" and s.start in inside)]
    return sorted([*kept, *made], key=lambda s: (s.start, s.end))
