"""Speakers' labels in a transcript are mentions of the people they name.

'HADLEY: Were your parents arrested?' opens a paragraph with a label in capitals and a
colon; when the label, read in title case, is a person the document names in full or a
word of that name ('Tom Hadley'), the label is a PERSON mention of that person (the
normaliser gives it the full name). A label naming no one the document names ('HOST:',
'BEIJING:') is left alone. Context rule ``PERSON.speaker_label``.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from tnr_claims.nlp.provenance import make

LABEL = re.compile(r"(?m)^[ \t]*([A-ZÀ-Þ][\w’'.\-]*(?:[ \t]+[A-ZÀ-Þ][\w’'.\-]*){0,2})[ \t]*:[ \t]")
"""A paragraph's opening label: one to three capitalised words and a colon."""


def speaker_labels(doc: Doc, spans: list[Span]) -> list[Span]:
    """Make transcript labels that name a known person PERSON spans (see module)."""
    names = {s.text.casefold() for s in spans if s.label_ == "PERSON" and len(s) > 1}
    parts = {t.text.casefold() for s in spans if s.label_ == "PERSON" and len(s) > 1 for t in s}
    if not names:
        return spans
    covered = {i for s in spans for i in range(s.start, s.end)}
    made: list[Span] = []
    for m in LABEL.finditer(doc.text):  # a label opens its line: 'HADLEY: ...'
        label = doc.char_span(m.start(1), m.end(1))
        if label is None or not all(t.is_upper and t.is_alpha for t in label):
            continue
        if len(label[0]) < 2 or any(k in covered for k in range(label.start, label.end)):
            continue
        words = label.text.casefold()
        if words in names or (len(label) == 1 and words in parts):
            made.append(make(doc, label.start, label.end, "PERSON", "PERSON.speaker_label"))
    if not made:
        return spans
    return sorted([*spans, *made], key=lambda s: (s.start, s.end))
