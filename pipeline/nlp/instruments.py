"""Context rules on legal instruments the patterns cut short.

- **Instruments named by their parties** (codebook, second set: "the 1999 extradition
  treaty between A and B" is a LEGAL_REF; the treaty is cut before "between A and B"
  otherwise). A treaty noun (``TREATY_NOUNS``: treaty, agreement, accord ...) heading a
  LEGAL_REF span, or an untagged noun phrase such as "extradition treaties", followed by
  "between" or "with" and one or more places joined by "and", "or" or commas, becomes one
  LEGAL_REF span over all of it; the places inside are part of its name, not spans of
  their own, and neither is a METHOD word naming its kind ("extradition"). A treaty noun
  with no parties stays as it was (a bare "agreement" is not labelled). Context rule
  ``LEGAL_REF.parties``.
- **A provision of an abbreviated instrument.** A bare provision ("Section 5") followed by
  "of (the)" and another LEGAL_REF span ("the ATA", defined earlier as an abbreviation) is
  one span with it. Context rule ``LEGAL_REF.provision_of``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from tnr_claims.nlp.provenance import derive, make
from tnr_claims.rules.loader import Lexicons

PARTY_LINKS = frozenset({"between", "with"})
"""Words that introduce the parties of an instrument."""

PARTY_JOINS = frozenset({"and", "or", ",", "the"})
"""Words allowed between two parties ('the U.S. or Australia')."""


def instruments_with_parties(doc: Doc, spans: list[Span], words: Lexicons) -> list[Span]:
    """Extend or make LEGAL_REF spans over 'treaty between A and B' (see module)."""
    by_start = {s.start: s for s in spans}
    legal_end = {s.end: s for s in spans if s.label_ == "LEGAL_REF"}
    covered = {i for s in spans if s.label_ != "METHOD" for i in range(s.start, s.end)}
    changes: dict[int, tuple[Span | None, Span]] = {}
    swallowed: set[int] = set()
    for token in doc:
        if token.lemma_.lower() not in words.TREATY_NOUNS or token.pos_ != "NOUN":
            continue
        link = token.i + 1
        if link >= len(doc) or doc[link].lower_ not in PARTY_LINKS:
            continue
        end, places = _parties(doc, link + 1, by_start)
        if not places:
            continue
        existing = legal_end.get(token.i + 1)
        if existing is not None:
            span = derive(existing, "LEGAL_REF.parties", "extent", end=end)
        else:
            if token.i in covered:
                continue
            start = token.i
            while (
                start > 0
                and doc[start - 1].dep_ in ("compound", "amod")
                and doc[start - 1].head.i == token.i
                and start - 1 not in covered
            ):
                start -= 1
            span = make(doc, start, end, "LEGAL_REF", "LEGAL_REF.parties")
        changes[span.start] = (existing, span)
        swallowed.update(range(span.start, span.end))
    if not changes:
        return spans
    replaced = {id(old) for old, _ in changes.values() if old is not None}
    # the places are its parties and 'extradition' in 'extradition treaty' names its kind
    result = [
        s
        for s in spans
        if id(s) not in replaced
        and not (s.label_ in ("LOCATION", "METHOD") and s.start in swallowed)
    ]
    result += [new for _, new in changes.values()]
    return sorted(result, key=lambda s: (s.start, s.end))


def _parties(doc: Doc, i: int, by_start: dict[int, Span]) -> tuple[int, list[Span]]:
    """``(end, place spans)`` of a run of places from token ``i`` ('the U.S. or Australia')."""
    places: list[Span] = []
    end = i
    while i < len(doc):
        span = by_start.get(i)
        if span is not None and span.label_ == "LOCATION":
            places.append(span)
            i = end = span.end
            continue
        if doc[i].lower_ in PARTY_JOINS:
            i += 1
            continue
        break
    return end, places


def provisions_of_instruments(doc: Doc, spans: list[Span]) -> list[Span]:
    """'[Section 5] of the [ATA]' -> one LEGAL_REF span (see module)."""
    result: list[Span] = []
    skip: set[int] = set()
    by_start = {s.start: s for s in spans if s.label_ == "LEGAL_REF"}
    for span in spans:
        if id(span) in skip:
            continue
        if span.label_ == "LEGAL_REF" and span.end + 1 < len(doc):
            k = span.end
            if doc[k].lower_ == "of":
                k += 1
                if k < len(doc) and doc[k].lower_ == "the":
                    k += 1
                instrument = by_start.get(k)
                if instrument is not None and _bare_provision(span):
                    span = derive(span, "LEGAL_REF.provision_of", "extent", end=instrument.end)
                    skip.add(id(instrument))
        result.append(span)
    return result


def _bare_provision(span: Span) -> bool:
    """'Section 5', 'Article 3(1)', 'Articles 3 and 4': a provision word and numbers only."""
    return span[0].lower_.rstrip(".s") in PROVISION_WORDS and all(
        t.like_num or t.is_punct or t.lower_ in ("and", "or", "to") or len(t) <= 3 for t in span[1:]
    )


PROVISION_WORDS = frozenset({"article", "section", "art", "sec", "paragraph", "clause", "rule"})
