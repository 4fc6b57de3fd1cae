"""Quotations that run over several sentences keep their speaker (``SOURCE_RULES`` ids
``quote_continued``, ``quote_attributed_after``, ``quote_same_speaker``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tnr_claims.claims.index import inside_quotation
from tnr_claims.claims.mentions import FIRST_PERSON
from tnr_claims.claims.roles import target_role
from tnr_claims.records import TargetDecision

if TYPE_CHECKING:
    from tnr_claims.claims.index import Analysis, DocIndex

QUOTE_RULES = frozenset({"quote_continued", "quote_attributed_after", "quote_same_speaker"})


def quotation_sources(analyses: list[Analysis]) -> None:
    """Give quoted sentences without their own attribution the speaker of their quotation.

    A quotation running over several sentences keeps its speaker, named in an earlier
    sentence (``quote_continued``) or when it closes (``quote_attributed_after``); an
    unattributed quotation right after an attributed one, or right after a sentence a
    named speaker's reporting verb attributes, is the same speaker (``quote_same_speaker``,
    the news convention).
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
            and (previous.sentence.has_quote or previous.source_rule == "reporting_verb")
            and previous.source is not None
        ):
            # also after a named speaker's reported words: 'X said police miss the point.
            # "Many attacks are never linked to a state."'
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


def quoted_first_person(index: DocIndex, analyses: list[Analysis]) -> None:
    """'"My sister was questioned by police in May."' in a quotation whose speaker an
    earlier sentence named: 'my' and 'me' are that speaker, a target where acted on (the
    sentence pass could not know the speaker yet)."""
    people = {ref.record.name for ref in index.spans if ref.record.label == "PERSON"}
    for analysis in analyses:
        speaker = analysis.source
        if (
            analysis.claim_rule is None
            or analysis.source_rule not in QUOTE_RULES
            or speaker not in people
            or speaker in analysis.targets
        ):
            continue
        sentence = analysis.sentence
        if not any(ref.record.label == "METHOD" for ref in sentence.spans):
            continue
        for i in range(sentence.span.start, sentence.span.end):
            if index.lower[i] not in FIRST_PERSON or index.pos[i] != "PRON":
                continue
            if not inside_quotation(index, sentence, i):
                continue
            role = target_role(index, i, has_method=True)
            if role is None or role == "exclude":
                continue
            analysis.targets.append(speaker)
            analysis.target_rules.append(TargetDecision(name=speaker, rule=role))
            if analysis.claim_type == "pattern":
                analysis.claim_type, analysis.type_id = "incident", "TYPE.named_target_event"
            break
