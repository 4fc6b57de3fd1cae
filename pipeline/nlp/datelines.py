"""Places opening a paragraph before a dateline mark are LOCATIONs.

"BERLIN (Reuters) -", "Lahore — ", "GENEVA and NEW YORK, 5 May 2024 —": the words in
capitals before any dateline mark (a dash, a bracket, a comma), or in title case before a
spaced dash, that name a known place are that place (context rule ``LOCATION.dateline``),
whatever the model read them as. A joint dateline names two places joined by 'and'.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span

from tnr_claims.nlp.context import DATELINE_DASHES, DATELINE_NEXT
from tnr_claims.nlp.provenance import make
from tnr_claims.nlp.spans import SEGMENTS_KEY


def dateline_places(doc: Doc, is_known_place: Callable[[str], bool]) -> list[Span]:
    """The known places opening the document's body or dateline segments (see module)."""
    spans = []
    for kind, start, _ in doc.user_data.get(SEGMENTS_KEY, []):
        if kind not in ("body", "dateline"):
            continue
        span = doc.char_span(start, start + 1, alignment_mode="expand")
        if span is None:
            continue
        i = span.start
        j = i
        while j < len(doc) and j - i < 3 and doc[j].is_upper and doc[j].is_alpha:
            j += 1
        places = []
        # 'GENEVA and NEW YORK, 5 May 2024 —': a joint dateline names two places
        if i < j < len(doc) - 1 and doc[j].lower_ in ("and", "&") and doc[j + 1].is_upper:
            k = j + 1
            while k < len(doc) and k - j <= 3 and doc[k].is_upper and doc[k].is_alpha:
                k += 1
            places.append((i, j))
            i, j = j + 1, k
        if j == i:
            # 'Lahore — Relatives of ...': a title-case place, before a spaced dash only
            # (a comma after a title case word is as often a person's: 'Vinh, 34,')
            while j < len(doc) and j - i < 3 and doc[j].is_title and doc[j].is_alpha:
                j += 1
            dash = j < len(doc) and doc[j].text in DATELINE_DASHES and doc[j - 1].whitespace_
            if j == i or not dash:  # not 'The London-based group': a hyphen
                continue
        if j >= len(doc) or doc[j].text not in DATELINE_NEXT:
            continue
        for a, b in [*places, (i, j)]:
            if is_known_place(doc[a:b].text.title()):
                spans.append(make(doc, a, b, "LOCATION", "LOCATION.dateline"))
    return spans
