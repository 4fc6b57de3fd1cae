"""A letter's or a statement's signature names a person.

A first-person letter or op-ed often ends with its writer's name alone on a line, at most a
line with a place and a date after it ("Ana Ruiz" above "Leeds, 3 May 2024"); the small
model seldom tags a bare name with no sentence around it. The sign-off line
(:func:`signature_line`) is the document's last line, or the one before a last line of a
place and a date, after a blank line or a closing ("Yours faithfully,"). Two to four
title-case words there, none an organisation's or a place's word and none inside another
span, are a PERSON (context rule ``PERSON.signature``); the claims read the same line as
the narrator's name (:func:`tnr_claims.claims.narrators.narrator`).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from tnr_claims.nlp.names import person_name_word
from tnr_claims.nlp.provenance import make
from tnr_claims.rules.loader import Lexicons

SIGNATURE = re.compile(
    r"(?:\n[ \t]*\n|\n[ \t]*(?:yours|sincerely|faithfully|regards|signed)[^\n]{0,30},[ \t]*\n)"
    r"[ \t]*([^\n]+?)[ \t,]*(?:\n([^\n]*))?\s*\Z",
    re.IGNORECASE,
)
"""The document's last line (or the one before a last line), after a blank line or a
closing formula ending in a comma; group 2 is the line after it."""

TAIL = 400
"""How many characters from the end the sign-off is looked for in."""

MAX_WORDS = 4
"""The most words a signed name has."""

AFTER_LINE_WORDS = 8
"""The longest place-and-date line after the name, in words."""

PLACE_OR_DATE = re.compile(r"\b(?:1[89]|20)\d\d\b|^[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+)*,")
"""A place-and-date line: a year, or a capitalised place before a comma."""


def signature_line(text: str) -> tuple[int, int] | None:
    """The character range of the sign-off line's text (see module), if the document has
    one; only its shape is checked here, not that it holds a name."""
    offset = max(0, len(text) - TAIL)
    m = SIGNATURE.search(text[offset:])
    if m is None:
        return None
    after = m.group(2)
    if after is not None and after.strip():
        if len(after.split()) > AFTER_LINE_WORDS or not PLACE_OR_DATE.search(after.strip()):
            return None  # 'Ana Ruiz' above 'I was detained at the airport': a heading
    return offset + m.start(1), offset + m.end(1)


def signatures(doc: Doc, spans: list[Span], words: Lexicons) -> list[Span]:
    """Add the PERSON span of a signature (see module), where there is one."""
    line = signature_line(doc.text)
    if line is None:
        return spans
    name = doc.char_span(*line)
    if name is None or not 2 <= len(name) <= MAX_WORDS:
        return spans
    if not all(person_name_word(t, words) for t in name):
        return spans
    if any(s.start < name.end and name.start < s.end for s in spans):
        return spans
    made = make(doc, name.start, name.end, "PERSON", "PERSON.signature")
    return sorted([*spans, made], key=lambda s: (s.start, s.end))
