"""A court's or tribunal's caption names the case's parties by their role.

'ANA MARIA RUIZ (Appellant)' on a line of its own, as a decision opens ('Between ... and
...'), names a person the small model seldom reads in capitals: the name is a PERSON
(context rule ``PERSON.party_caption``), and 'the Appellant' later in the decision stands
for that person (:func:`party_names`, read by the claim rules' mention sets), never an
organisation. The roles are ``PARTY_NOUNS``; the state's side ('THE SECRETARY OF STATE ...
(Respondent)') is none.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from tnr_claims.nlp.provenance import make

CAPTION = re.compile(
    r"(?m)^[ \t]*(?P<name>[A-ZÀ-Þ][\w’'.\-]*(?:[ \t]+[A-ZÀ-Þ][\w’'.\-]*){1,4})"
    r"[ \t]*\((?:the[ \t]+)?(?P<role>[A-Za-z]+)\)[ \t]*$"
)
"""A caption line: two to five capitalised words, then the party's role in brackets."""


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
    made = []
    for start, end, _ in party_names(doc.text, roles):
        name = doc.char_span(start, end)
        if name is not None:
            made.append(make(doc, name.start, name.end, "PERSON", "PERSON.party_caption"))
    if not made:
        return spans
    taken = {i for s in made for i in range(s.start, s.end)}
    kept = [s for s in spans if not any(i in taken for i in range(s.start, s.end))]
    return sorted([*kept, *made], key=lambda s: (s.start, s.end))
