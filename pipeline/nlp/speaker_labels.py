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

from tnr_claims.nlp.captions import in_place_of
from tnr_claims.nlp.provenance import make

LABEL = re.compile(r"(?m)^[ \t]*([A-ZÀ-Þ][\w’'.\-]*(?:[ \t]+[A-ZÀ-Þ][\w’'.\-]*){0,2})[ \t]*:[ \t]")
"""A paragraph's opening label: one to three capitalised words and a colon."""

_WORD = r"[A-ZÀ-Þ][\w’'.\-]*"
RECORD_LABEL = re.compile(
    rf"(?m)^[ \t]*(?:\d{{1,3}}\.[ \t]+)?({_WORD}(?:[ \t]+(?:{_WORD}|of|for|the|and)){{0,7}})"
    r"((?:[ \t]*\([^()\n:]{1,60}\)){1,3})[ \t]*:[ \t]"
)
"""A record's label: words, one to three bracketed notes, a colon. A parliament's ('4. Ms
Ana Ruiz (Leeds North) (Lab):', 'The Minister for Africa (Mr Tom Vell):') or a press
conference's ('REPORTER (Radio Kestrel):'); the person is in a note or before them."""


def speaker_labels(doc: Doc, spans: list[Span]) -> list[Span]:
    """Make transcript labels that name a known person PERSON spans (see module), and
    titled names in a record's labels (:func:`record_labels`)."""
    spans = record_labels(doc, spans)
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


def record_labels(doc: Doc, spans: list[Span]) -> list[Span]:
    """A record label's titled name is a PERSON: 'Ms Ana Ruiz (Leeds North) (Lab):' and
    'The Minister for Africa (Mr Tom Vell):' name Ana Ruiz and Tom Vell, as the model often
    misses in a note. Context rule ``PERSON.record_label``."""
    bounds = [
        (doc[name[0]].idx, doc[name[1] - 1].idx + len(doc[name[1] - 1]))
        for label in _labels_of(doc)
        for _, name in label
        if name is not None
    ]
    return in_place_of(doc, spans, bounds, "PERSON", "PERSON.record_label")


def record_label_notes(doc: Doc, spans: list[Span]) -> list[Span]:
    """A note after a record label's named speaker that is a name on its own is a seat or
    a party, never a person: 'Leeds North' in 'Ms Ana Ruiz (Leeds North) (Lab):' is no one,
    whatever the model or a name part made of it ('(brother of Ana Ruiz)' keeps Ana Ruiz)."""
    notes: list[tuple[int, int]] = []
    for label in _labels_of(doc):
        named = [name is not None for _, name in label]
        notes += [
            (part.start, part.end)
            for k, (part, name) in enumerate(label)
            if name is None and any(named[:k])
        ]
    if not notes:
        return spans
    return [s for s in spans if not (s.label_ == "PERSON" and (s.start, s.end) in notes)]


def _labels_of(doc: Doc) -> list[list[tuple[Span, tuple[int, int] | None]]]:
    """Each record label's parts (opening words, then each note's inside), with the token
    bounds of the titled name each holds (None: no titled name)."""
    labels = []
    for m in RECORD_LABEL.finditer(doc.text):
        parts = []
        for start, end in _label_parts(m):
            part = doc.char_span(start, end, alignment_mode="expand")
            if part is not None:
                parts.append((part, _titled_name(part)))
        labels.append(parts)
    return labels


def _label_parts(m: re.Match[str]) -> list[tuple[int, int]]:
    """Character bounds of a record label's opening words and of each note's inside."""
    notes = [
        (m.start(2) + n.start(1), m.start(2) + n.end(1))
        for n in re.finditer(r"\(([^()]*)\)", m.group(2))
    ]
    return [(m.start(1), m.end(1)), *notes]


PERSONAL_TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "baroness", "baron"}
    | {"prof", "professor", "rev", "reverend", "hon", "rt", "the"}
)
"""Titles a record label sets before a person's name ('Ms Ana Ruiz', 'The Rt Hon Tom
Vell'); not the office words ('Foreign Ministry (Vell):' names no one)."""


def _titled_name(part: Span) -> tuple[int, int] | None:
    """Token bounds of the name after a personal title that opens ``part`` and runs to its
    end ('Mr Tom Vell', 'Ms Ruiz'), None when ``part`` is no titled name ('Leeds North')."""
    words = [t for t in part if t.text not in ("-", "‐")]
    if len(words) < 2 or words[0].lower_.rstrip(".") not in PERSONAL_TITLES - {"the"}:
        return None
    name = [t for t in words[1:] if t.lower_.rstrip(".") not in PERSONAL_TITLES]
    if not name or len(name) > 4 or not all(t.text[:1].isupper() for t in name):
        return None
    return name[0].i, part.end
