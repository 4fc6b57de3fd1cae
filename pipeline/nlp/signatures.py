"""A letter's or a statement's signature names a person.

A first-person letter or op-ed often ends with its writer's name alone on a line, at most a
line with a place and a date after it ("Ana Ruiz" above "Leeds, 3 May 2024"); the small
model seldom tags a bare name with no sentence around it. Two to four title-case words
alone on such a line, after a blank line or a closing ("Yours faithfully,"), none an
organisation's or a place's word and none inside another span, are a PERSON. Context rule
``PERSON.signature``.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from tnr_claims.nlp.names import person_name_word
from tnr_claims.nlp.provenance import make
from tnr_claims.rules.loader import Lexicons

SIGNATURE = re.compile(r"(?:\n[ \t]*\n|,[ \t]*\n)[ \t]*([^\n]+?)[ \t]*(?:\n([^\n]*))?\s*\Z")
"""The document's last line (or the one before a last line), after a blank line or a line
ending in a comma; group 2 is the line after it."""

MAX_WORDS = 4
"""The most words a signed name has."""

AFTER_LINE_TOKENS = 8
"""The longest place-and-date line after the name."""


def signatures(doc: Doc, spans: list[Span], words: Lexicons) -> list[Span]:
    """Add the PERSON span of a signature (see module), where there is one."""
    m = SIGNATURE.search(doc.text[-400:])
    if m is None:
        return spans
    offset = max(0, len(doc.text) - 400)
    name = doc.char_span(offset + m.start(1), offset + m.end(1))
    if name is None or not 2 <= len(name) <= MAX_WORDS:
        return spans
    if not all(person_name_word(t, words) for t in name):
        return spans
    if any(s.start < name.end and name.start < s.end for s in spans):
        return spans
    if m.group(2) is not None:
        after = doc.char_span(offset + m.start(2), offset + m.end(2), alignment_mode="expand")
        if after is None or len(after) > AFTER_LINE_TOKENS:
            return spans
        told = any(
            s.label_ in ("LOCATION", "DATE") and after.start <= s.start < after.end for s in spans
        )
        if not told:
            return spans  # a place, a date or both: 'Bristol, 14 June 2024'
    made = make(doc, name.start, name.end, "PERSON", "PERSON.signature")
    return sorted([*spans, made], key=lambda s: (s.start, s.end))
