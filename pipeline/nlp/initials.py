"""Organisations named by the initials that follow them.

'the General Intelligence Service (GIS)', 'the Agence nationale de sécurité (ANS)', 'the
National Task Force to End Local Communist Armed Conflict (NTF-ELCAC)': when the letters
in brackets are the first letters of the words just before them (small joining words such
as 'of', 'de', 'to' may be skipped), those words are an organisation's name, whatever the
model read them as (nothing, the agents' 'Intelligence Service', a person). A law, a
place or an act abbreviated so ('the Counter-Terrorism Law (CTL)', 'the Democratic
Republic of Congo (DRC)', 'a European Arrest Warrant (EAW)') stays what it is. The
abbreviation itself is mapped to the name by :func:`tnr_claims.nlp.names.abbreviations`,
which runs after this.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from tnr_claims.nlp.provenance import make

JOINING_WORDS = frozenset(
    {"of", "the", "for", "to", "and", "on", "in", "de", "du", "des", "la", "le", "del", "di"}
)
"""Small words inside a name that its initials may leave out."""

MAX_LETTERS = 10


def _initials(doc: Doc, i: int) -> tuple[str, int] | None:
    """The letters of '(ABBR)' opening at token ``i`` (the bracket) and the index of its
    closing bracket, or ``None`` when the brackets hold no abbreviation."""
    j = i + 1
    parts = []
    while j < len(doc) and j - i <= 4 and doc[j].text != ")":
        parts.append(doc[j].text)
        j += 1
    if j >= len(doc) or doc[j].text != ")" or not parts:
        return None
    letters = "".join(p for p in parts if p != "-")
    if not (2 <= len(letters) <= MAX_LETTERS and letters.isalpha()):
        return None
    if sum(ch.isupper() for ch in letters) < 2 or not letters.isupper():
        return None
    return letters, j


def _name_before(doc: Doc, i: int, letters: str) -> int | None:
    """The first token of the words before token ``i`` whose first letters spell
    ``letters`` (joining words may be skipped), or ``None``."""
    k = i - 1
    wanted = len(letters) - 1
    start = None
    while k >= 0 and wanted >= 0:
        token = doc[k]
        if not token.is_alpha:
            return None
        if token.text[0].upper() == letters[wanted]:
            wanted -= 1
            start = k
        elif token.lower_ not in JOINING_WORDS:
            return None
        k -= 1
    if wanted >= 0 or start is None or not doc[start].is_title:
        return None
    return start


def _another_thing(span: Span) -> bool:
    """A span inside the name that makes it no organisation's: a place ('Democratic
    Republic of Congo (DRC)'), a law, or an act ('European Arrest Warrant (EAW)'); a
    state's service read as its agents ('Intelligence Service') is an organisation."""
    if span.label_ in ("LOCATION", "LEGAL_REF"):
        return True
    return span.label_ == "METHOD" and not span.id_.startswith("OVERSEAS_AGENTS")


def initialled_organisations(doc: Doc, spans: list[Span]) -> list[Span]:
    """Make the words before matching initials an ORG (see module)."""
    made: list[Span] = []
    for token in doc:
        if token.text != "(" or token.i == 0:
            continue
        found = _initials(doc, token.i)
        if found is None:
            continue
        start = _name_before(doc, token.i, found[0])
        if start is None:
            continue
        inside = [s for s in spans if s.start < token.i and start < s.end]
        if any(_another_thing(s) for s in inside) or any(
            s.label_ == "ORG" and s.start == start and s.end == token.i for s in inside
        ):
            continue
        made.append(make(doc, start, token.i, "ORG", "ORG.named_by_its_initials"))
    if not made:
        return spans
    kept = [s for s in spans if not any(s.start < m.end and m.start < s.end for m in made)]
    return sorted([*kept, *made], key=lambda s: (s.start, s.end))
