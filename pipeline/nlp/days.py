"""Days told from the date before them ('that same day', 'on this date'), which the model
leaves untagged: a DATE span each (context rule ``DATE.day_told_before``); the normaliser
anchors its value to the day-precise date before it (codebook, second set: "the same day"
is anchored to the date it follows).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.attrs import LOWER

from tnr_claims.nlp.provenance import make
from tnr_claims.nlp.spans import WEEKDAYS, tokens_with

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

POINTERS = frozenset({"that", "this"})
"""Determiners that point back to a day already told."""

DAY_WORDS = frozenset({"day", "date", "morning", "afternoon", "evening", "night"})

RULE_ID = "DATE.day_told_before"


def days_told_before(doc: Doc, spans: list[Span]) -> list[Span]:
    """``spans`` with 'that day', 'that same day', 'the same day' and 'this date' added as
    DATE spans where nothing covers them."""
    covered = {i for span in spans for i in range(span.start, span.end)}
    made = []
    for day in tokens_with(doc, LOWER, DAY_WORDS):
        if day in covered:
            continue
        start = _pointer_start(doc, day)
        if start is None or any(i in covered for i in range(start, day)):
            continue
        made.append(make(doc, start, day + 1, "DATE", RULE_ID))
    if not made:
        return spans
    return sorted([*spans, *made], key=lambda s: (s.start, s.end))


def _pointer_start(doc: Doc, day: int) -> int | None:
    """The first token of 'that day', 'that same day', 'the same day', 'this date'."""
    k = day - 1
    same = k >= 0 and doc[k].lower_ == "same"
    if same:
        k -= 1
    if k < 0:
        return None
    pointer = doc[k].lower_
    if pointer == "this" and doc[day].lower_ != "date":
        return None  # 'this morning' is the day of writing; 'to this day' is until now
    if pointer in POINTERS or (same and pointer == "the"):
        return k
    return None


PARTS_OF_DAY = frozenset({"morning", "afternoon", "evening", "night"})
"""What follows a day name in 'Sunday night said'."""


def name_before_a_day(verb: Token) -> list[Token]:
    """'Ana Ruiz Sunday night said ...': the parser reads the name and the day as one time
    phrase, the verb's subject or a time modifier of it; the word before the day name is
    the speaker's."""
    for child in verb.children:
        if child.dep_ not in ("npadvmod", "nsubj") or child.i > verb.i:
            continue
        if child.text not in WEEKDAYS and child.lower_ not in PARTS_OF_DAY:
            continue
        days = [t for t in child.subtree if t.text in WEEKDAYS and t.i > child.left_edge.i]
        if days and verb.doc[days[0].i - 1].pos_ == "PROPN":
            return [verb.doc[days[0].i - 1]]
    return []
