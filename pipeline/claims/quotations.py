"""Quotations that run over several sentences keep their speaker (``SOURCE_RULES`` ids
``quote_continued``, ``quote_attributed_after``, ``quote_same_speaker``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tnr_claims.claims.index import Analysis


def quotation_sources(analyses: list[Analysis]) -> None:
    """Give quoted sentences without their own attribution the speaker of their quotation.

    A quotation running over several sentences keeps its speaker, named in an earlier
    sentence (``quote_continued``) or when it closes (``quote_attributed_after``); an
    unattributed quotation right after an attributed one is the same speaker
    (``quote_same_speaker``, the news convention).
    """
    groups: list[list[Analysis]] = []
    for analysis in analyses:
        s = analysis.sentence
        previous = groups[-1][-1] if groups else None
        if (
            previous is not None
            and previous.index == analysis.index - 1
            and previous.sentence.ends_in_quote
            and s.starts_in_quote
        ):
            groups[-1].append(analysis)
        else:
            groups.append([analysis])
    _continue_quotations(groups)
    for previous, analysis in zip(analyses, analyses[1:], strict=False):
        s = analysis.sentence
        quoted = s.starts_in_quote or (
            s.quote_cue is not None and s.quote_cue.start == s.span.start
        )
        if (
            analysis.source_rule is None
            and quoted
            and previous.index == analysis.index - 1
            and previous.sentence.has_quote
            and previous.source is not None
        ):
            analysis.source, analysis.source_rule = previous.source, "quote_same_speaker"
    # a quotation opened right after an attributed one may run on over several sentences
    _continue_quotations(groups)


def _continue_quotations(groups: list[list[Analysis]]) -> None:
    """Members of a quotation running over several sentences without an attribution of
    their own take its speaker, named earlier or when it closes."""
    for group in groups:
        if len(group) < 2:
            continue
        for position, member in enumerate(group):
            if member.source_rule is not None:
                continue
            earlier = [m for m in group[:position] if m.source is not None]
            later = [m for m in group[position + 1 :] if m.source is not None]
            if earlier:
                member.source, member.source_rule = earlier[-1].source, "quote_continued"
            elif later:
                member.source, member.source_rule = later[0].source, "quote_attributed_after"
