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

from tnr_claims.nlp.provenance import make

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
