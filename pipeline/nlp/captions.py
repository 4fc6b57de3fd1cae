"""A document's head in capitals: a decision's caption and a release's letterhead.

A court's or tribunal's caption names the case's parties by their role.
'ANA MARIA RUIZ (Appellant)' on a line of its own, as a decision opens ('Between ... and
...'), names a person the small model seldom reads in capitals: the name is a PERSON
(context rule ``PERSON.party_caption``), and 'the Appellant' later in the decision stands
for that person (:func:`party_names`, read by the claim rules' mention sets), never an
organisation. The roles are ``PARTY_NOUNS``; the state's side ('THE SECRETARY OF STATE ...
(Respondent)') is none, but an organisation it names in capitals is one.

A letterhead, a line in capitals among a document's first lines ending on an
organisation's head word ('NAIROBI REGIONAL POLICE COMMAND', 'SAHEL PRESS NETWORK'), is
an ORG, as is such a caption's state side (context rule ``ORG.capital_heading``); the model
reads at most its last words.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from tnr_claims.nlp.provenance import make

CAPTION = re.compile(
    r"(?m)^(?:[^\n|]*\|)?[ \t]*(?P<name>[A-ZÀ-Þ][\w’'.\-]*(?:[ \t]+[A-ZÀ-Þ][\w’'.\-]*){1,8})"
    r"[ \t]*\((?:the[ \t]+)?(?P<role>[A-Za-z]+)\)[ \t]*$"
)
"""A caption line: two to nine capitalised words, then the party's role in brackets; the
last field of a line of fields ('File TB3-0471 | ANA RUIZ (Claimant)') too."""


def party_names(text: str, roles: frozenset[str]) -> list[tuple[int, int, str]]:
    """``(start, end, role)`` of each caption's name whose role is a party noun."""
    return [
        (m.start("name"), m.end("name"), m.group("role").casefold())
        for m in CAPTION.finditer(text)
        if m.group("role").casefold() in roles
    ]


def party_captions(doc: Doc, spans: list[Span], roles: frozenset[str]) -> list[Span]:
    """Make each caption's name a PERSON, in place of what the model read there; a party's
    role alone ('the Appellant', which the model reads as an organisation) is no name."""
    spans = [s for s in spans if not (len(s) == 1 and s[0].lower_ in roles)]
    bounds = [(start, end) for start, end, _ in party_names(doc.text, roles)]
    return in_place_of(doc, spans, bounds, "PERSON", "PERSON.party_caption")


def in_place_of(
    doc: Doc, spans: list[Span], bounds: list[tuple[int, int]], label: str, rule: str
) -> list[Span]:
    """``spans`` with a ``label`` span made by ``rule`` over each character range in
    ``bounds``, in place of any span that overlaps it."""
    made = []
    for start, end in bounds:
        name = doc.char_span(start, end)
        if name is not None:
            made.append(make(doc, name.start, name.end, label, rule))
    if not made:
        return spans
    taken = {i for s in made for i in range(s.start, s.end)}
    kept = [s for s in spans if not any(i in taken for i in range(s.start, s.end))]
    return sorted([*kept, *made], key=lambda s: (s.start, s.end))


LETTERHEAD_LINES = 3
"""How many of the first non-empty lines may be a letterhead."""


def capital_headings(doc: Doc, spans: list[Span], heads: frozenset[str]) -> list[Span]:
    """Make each letterhead and each caption's organisation in capitals an ORG."""
    bounds = [*_letterheads(doc.text, heads), *_caption_bodies(doc.text, heads)]
    return in_place_of(doc, spans, bounds, "ORG", "ORG.capital_heading")


_CAPITAL_NAME = re.compile(
    r"^(?:(?:IN|BEFORE|AT)\s+)?(?:THE\s+)?"
    r"(?P<name>[A-ZÀ-Þ][A-ZÀ-Þ'’&\-]*(?:\s+[A-ZÀ-Þ'’&\-]+){1,8})$"
)


def _heads_an_organisation(words: str, heads: frozenset[str]) -> bool:
    return words.split()[-1].capitalize() in heads


LETTERHEAD_WINDOW = 1000
"""How far into the text a letterhead may stand (only the head is split into lines)."""


def _letterheads(text: str, heads: frozenset[str]) -> list[tuple[int, int]]:
    """Character bounds of each letterhead among the first non-empty lines."""
    found, seen, at = [], 0, 0
    for line in text[:LETTERHEAD_WINDOW].splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            seen += 1
            m = _CAPITAL_NAME.match(stripped)
            if m and _heads_an_organisation(m.group("name"), heads):
                start = at + line.index(stripped) + m.start("name")
                found.append((start, start + len(m.group("name"))))
            if seen >= LETTERHEAD_LINES:
                break
        at += len(line)
    return found


def _caption_bodies(text: str, heads: frozenset[str]) -> list[tuple[int, int]]:
    """Character bounds of each caption's name in capitals that ends on a head word."""
    found = []
    for m in CAPTION.finditer(text):
        words = _CAPITAL_NAME.match(m.group("name").strip())
        if words and _heads_an_organisation(words.group("name"), heads):
            start = m.start("name") + words.start("name")
            found.append((start, start + len(words.group("name"))))
    return found
