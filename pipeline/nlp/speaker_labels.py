"""Speakers' labels in a transcript are mentions of the people they name.

'HADLEY: Were your parents arrested?' opens a paragraph with a label in capitals and a
colon; when the label, read in title case, is a person the document names in full or a
word of that name ('Tom Hadley'), the label is a PERSON mention of that person (the
normaliser gives it the full name). A label naming no one the document names ('HOST:',
'BEIJING:') is left alone. Context rule ``PERSON.speaker_label``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from tnr_claims.nlp.provenance import make

MAX_LABEL_WORDS = 3


def _opens_a_paragraph(doc: Doc, i: int) -> bool:
    return i == 0 or doc[i - 1].is_space or "\n" in doc[i - 1].whitespace_


def speaker_labels(doc: Doc, spans: list[Span]) -> list[Span]:
    """Make transcript labels that name a known person PERSON spans (see module)."""
    names = {s.text.casefold() for s in spans if s.label_ == "PERSON" and len(s) > 1}
    parts = {t.text.casefold() for s in spans if s.label_ == "PERSON" and len(s) > 1 for t in s}
    if not names:
        return spans
    covered = {i for s in spans for i in range(s.start, s.end)}
    made: list[Span] = []
    for token in doc:
        i = token.i
        if not (token.is_upper and token.is_alpha and len(token) > 1) or i in covered:
            continue
        if not _opens_a_paragraph(doc, i):
            continue
        j = i
        while j < len(doc) and j - i < MAX_LABEL_WORDS and doc[j].is_upper and doc[j].is_alpha:
            j += 1
        if j >= len(doc) or doc[j].text != ":" or any(k in covered for k in range(i, j)):
            continue
        label = doc[i:j].text.casefold()
        if label in names or (j - i == 1 and label in parts):
            made.append(make(doc, i, j, "PERSON", "PERSON.speaker_label"))
    if not made:
        return spans
    return sorted([*spans, *made], key=lambda s: (s.start, s.end))
