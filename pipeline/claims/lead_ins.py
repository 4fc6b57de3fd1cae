"""Items of a list under a lead-in that calls for action.

'The institute recommends that:' or 'Its recommendations include the following:' opens a
list; each item after it ('- Halt the deportations.', '- donors fund legal aid;') is a
call for action by whoever made the lead-in, though the item has no calling verb of its
own. The lead-in itself, ending on its colon with no act of its own, says nothing yet and
is no claim; nor is a list mark the parser split off as a sentence of its own. Read by
:func:`tnr_claims.claims.build.build_claims` after every sentence is analysed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import groupby
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tnr_claims.claims.index import Analysis, DocIndex
    from tnr_claims.records import Segment

LIST_ITEM = re.compile(r"\s*(?:[-–—•*·▪]|\d{1,2}[.)])\s")
"""A paragraph opening with a list mark or a number and its stop ('- ', '2. ', '3) ')."""

CALL_LEMMAS = frozenset({"recommend", "recommendation", "urge", "call", "demand", "request"})
"""Words that make a lead-in ending on a colon a call whose list follows."""


def recommendation_lists(
    index: DocIndex, analyses: list[Analysis], segments: Sequence[Segment]
) -> None:
    """Make every sentence of the list items right after a calling lead-in a
    recommendation with the lead-in's source (see module)."""
    ordered = sorted(segments, key=lambda s: s.start)
    text = index.text
    lead: list[Analysis] = []
    for number, group in groupby(analyses, key=lambda a: a.sentence.segment):
        paragraph = list(group)
        if not 0 <= number < len(ordered):
            lead = []
            continue
        segment = ordered[number]
        if lead and LIST_ITEM.match(text, segment.start):
            for analysis in paragraph:
                _an_item(index, analysis, lead)
            continue
        words = text[segment.start : segment.end].rstrip()
        calls = words.endswith(":") and any(
            a.recommendation_cue is not None
            or any(
                index.lemma[i] in CALL_LEMMAS
                for i in range(a.sentence.span.start, a.sentence.span.end)
            )
            for a in paragraph
        )
        lead = paragraph if calls else []
        if lead and not any(ref.record.label == "METHOD" for a in lead for ref in a.sentence.spans):
            for analysis in lead:
                analysis.claim_rule = None


def _an_item(index: DocIndex, analysis: Analysis, lead: list[Analysis]) -> None:
    span = analysis.sentence.span
    if not any(index.doc[i].is_alpha for i in range(span.start, span.end)):
        analysis.claim_rule = None  # '-' split off as a sentence of its own
        return
    if analysis.claim_type != "recommendation" or analysis.claim_rule is None:
        analysis.claim_rule = analysis.claim_rule or "CLAIM.listed_recommendation"
        analysis.type_id = "TYPE.listed_recommendation"
        analysis.claim_type = "recommendation"
    source = next((a.source for a in lead if a.source is not None), None)
    if analysis.source is None and source is not None:
        analysis.source, analysis.source_rule = source, "list_lead_in"
