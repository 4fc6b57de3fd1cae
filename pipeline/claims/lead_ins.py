"""Items of a list under a lead-in that calls for action.

'The institute recommends that:' or 'Its recommendations include the following:' opens a
list; each item after it ('- Halt the deportations.', '- donors fund legal aid;') is a
call for action by whoever made the lead-in, though the item has no calling verb of its
own. The lead-in sentence itself, ending on its colon with no act of its own, says nothing
yet and is no claim (the sentences before it in its paragraph stay what they are); nor is
a list mark the parser split off as a sentence of its own. The words that make a lead-in
a call, and a list item, are the segmenter's (:func:`tnr_claims.text.segment.
calls_on_a_colon`, :func:`~tnr_claims.text.segment.opens_a_list_item`). Read by
:func:`tnr_claims.claims.build.build_claims` after every sentence is analysed.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from typing import TYPE_CHECKING

from tnr_claims.text.segment import calls_on_a_colon, opens_a_list_item

if TYPE_CHECKING:
    from tnr_claims.claims.index import Analysis, DocIndex
    from tnr_claims.records import Segment


def recommendation_lists(
    index: DocIndex, analyses: list[Analysis], segments: Sequence[Segment]
) -> None:
    """Make every sentence of the list items right after a calling lead-in a
    recommendation with the lead-in's source (see module)."""
    ordered = sorted(segments, key=lambda s: s.start)
    text = index.text
    lead: Analysis | None = None
    for number, group in groupby(analyses, key=lambda a: a.sentence.segment):
        paragraph = list(group)
        if not 0 <= number < len(ordered):
            lead = None
            continue
        segment = ordered[number]
        if lead is not None and opens_a_list_item(text[segment.start : segment.end]):
            for analysis in paragraph:
                _an_item(index, analysis, lead)
            continue
        last = paragraph[-1]
        words = text[last.sentence.start_char : segment.end]
        lead = last if calls_on_a_colon(words) else None
        if lead is not None and not any(
            ref.record.label == "METHOD" for ref in lead.sentence.spans
        ):
            lead.claim_rule = None


def _an_item(index: DocIndex, analysis: Analysis, lead: Analysis) -> None:
    span = analysis.sentence.span
    if not any(index.doc[i].is_alpha for i in range(span.start, span.end)):
        analysis.claim_rule = None  # '-' split off as a sentence of its own
        return
    if analysis.claim_type != "recommendation" or analysis.claim_rule is None:
        analysis.claim_rule = analysis.claim_rule or "CLAIM.listed_recommendation"
        analysis.type_id = "TYPE.listed_recommendation"
        analysis.claim_type = "recommendation"
    if analysis.source is None and lead.source is not None:
        analysis.source, analysis.source_rule = lead.source, "list_lead_in"
