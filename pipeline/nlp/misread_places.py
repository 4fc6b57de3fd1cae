"""Places the small model tags with a label the codebook drops: 'a Dakar-based centre'
read as a nationality (NORP), 'at Colombo airport' as a facility (FAC), 'in Can Tho three
times' as a work of art. A span of one of those labels that is a place the gazetteer knows,
whole or but for a count after it, is that place (context rule ``LOCATION.misread_place``);
'the Geneva Conventions' (an EVENT that only starts with a place) is not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.tokens import Span

from tnr_claims.nlp.provenance import derive, make

MISREAD_LABELS = frozenset({"NORP", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT"})
"""Model labels under which the model puts places it does not know as places."""

RULE_ID = "LOCATION.misread_place"

MISREAD_MIN = 100_000
"""The smallest city a misread span may be: smaller towns share too many words ('Mooré',
a language, is also Moore in the United States)."""


def misread_place_names(normaliser: Any) -> Callable[[str], bool]:
    """Whether a text is a place a misread span may be: a country or a city of at least
    :data:`MISREAD_MIN` people the ``normaliser``'s gazetteer knows (none without one)."""
    if normaliser is None:
        return lambda text: False
    return lambda text: normaliser.is_known_place(
        text, min_city_population=MISREAD_MIN, subdivisions=False
    )


def misread_place(ent: Span, is_known_place: Callable[[str], bool]) -> Span | None:
    """The LOCATION span ``ent`` stands for, if it is a known place misread (see module)."""
    if ent.label_ not in MISREAD_LABELS:
        return None
    end = ent.end
    while end > ent.start + 1 and ent.doc[end - 1].like_num:
        end -= 1  # 'Can Tho three': the count after the place
    start = ent.start + (ent.doc[ent.start].lower_ == "the")
    if start >= end or not ent.doc[start].is_title:
        return None
    if not is_known_place(ent.doc[start:end].text):
        return None
    return make(ent.doc, start, end, "LOCATION", RULE_ID)


LISTED_PLACE_RULE = "LOCATION.listed_with_places"

LISTED_MIN = 15_000
"""The smallest town a name listed among places may be: the list vouches for it."""


def towns_among_places(spans: list[Span], normaliser: Any) -> list[Span]:
    """A name the model read as a person or an organisation, coordinated with a place the
    pipeline tagged ('arrested in Asmara, Keren and Mendefera'), that the gazetteer knows
    as a town of at least :data:`LISTED_MIN` people, is a place too (context rule
    ``LOCATION.listed_with_places``). Not 'Ana Ruiz and Oslo' style lists of people, whose
    names are no towns. No gazetteer (``normaliser`` None), no change."""
    place_roots = {s.root.i for s in spans if s.label_ == "LOCATION"}
    if not place_roots or normaliser is None:
        return spans
    result = []
    for span in spans:
        root = span.root
        listed = (root.dep_ == "conj" and root.head.i in place_roots) or any(
            c.dep_ == "conj" and c.i in place_roots for c in root.children
        )
        if (
            span.label_ in ("PERSON", "ORG")
            and listed
            and all(t.is_title for t in span)
            and normaliser.is_known_place(
                span.text, min_city_population=LISTED_MIN, subdivisions=False
            )
        ):
            span = derive(span, LISTED_PLACE_RULE, "label", label="LOCATION")
        result.append(span)
    return result
