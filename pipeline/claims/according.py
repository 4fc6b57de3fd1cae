"""Sources after 'according to': the phrase the cue introduces names the speaker.

'according to Exile Watch', 'according to her husband, Li Ming', 'according to documents
seen by the Riga Times', 'according to the indictment' (its issuer), 'according to the
monitor' (the organisation the description stands for), 'according to the report' (its
author). Called by :func:`tnr_claims.claims.attribution.find_source` for a forward cue.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tnr_claims.claims.organisations_described import issuer_of_document
from tnr_claims.claims.speakers import (
    ISSUED_BY_ANYONE,
    report_author,
    resolve_speaker,
)

if TYPE_CHECKING:
    from spacy.tokens import Span

    from tnr_claims.claims.index import DocIndex, Memory, Sentence, SpanRef


def according_to(
    index: DocIndex, sentence: Sentence, number: int, memory: Memory, cue: Span
) -> tuple[str | None, str]:
    """The source an 'according to' cue gives, with its SOURCE_RULES id."""
    s1 = sentence.span.end
    # the speaker is the phrase the cue introduces, up to the first comma or verb:
    # 'according to a relative, police detained X' names no speaker (not X)
    stop = cue.end
    while stop < min(s1, cue.end + 12) and not (
        index.lower[stop] in (",", ";", ":", "(", "—", "–") or index.pos[stop] in ("VERB", "AUX")
    ):
        stop += 1
    head = next((c.i for c in index.children(cue.end - 1) if c.dep_ == "pobj"), None)
    headed = index.named(head) if head is not None else None
    if headed is None and head is not None:
        # 'according to her husband, Li Ming': the apposition names the speaker
        headed = next(
            (
                ref
                for c in index.children(head)
                if c.dep_ == "appos" and (ref := index.named(c.i)) is not None
            ),
            None,
        )
    if headed is not None and headed.start >= cue.end:
        # 'according to Exile Watch researcher Ana Ruiz': the phrase's head speaks
        return headed.record.name, "according_to"
    seen_by = _seen_by(index, head) if head is not None else None
    if seen_by is not None:
        return seen_by, "according_to"
    for ref in sentence.spans:
        if cue.end <= ref.start < stop and ref.record.label in ("ORG", "PERSON"):
            if _named_through_a_noun(index, cue, ref):
                break  # 'according to a source close to X' names the source, not X
            return ref.record.name, "according_to"
    issuer = issuer_of_document(index, sentence, head) if head is not None else None
    if issuer is not None:
        return issuer, "according_to"  # 'according to the indictment'
    if head is not None:
        # 'according to the coalition's records': the coalition's word
        head = next(
            (
                c.i
                for c in index.children(head)
                if c.dep_ == "poss" and c.lemma_.lower() in index.words.ORG_DESCRIPTION_NOUNS
            ),
            head,
        )
    if head is not None and (
        index.lemma[head] in index.words.ORG_DESCRIPTION_NOUNS
        or (
            index.lemma[head] in index.words.DESCRIPTION_NOUNS
            and any(c.dep_ == "det" and c.lower_ == "the" for c in index.children(head))
        )
    ):
        name, _ = resolve_speaker(index, sentence, number, memory, head)
        lemma = index.lemma[head]
        if (
            name is None
            and memory.mentions is not None
            and lemma in index.words.DESCRIPTION_NOUNS
            and lemma not in index.words.LAWYER_NOUNS
        ):
            # 'according to the presenter' and no presenter named: the person the report
            # is about, as a target description resolves (a lawyer is never that person)
            name = memory.mentions.resolve(lemma)
        if name is not None:
            # 'according to the monitor', 'according to the blogger': the one named
            return name, "according_to"
    window = index.lower[cue.end : min(s1, cue.end + 4)]
    nouns = [w for w in window if w in index.words.REPORT_NOUNS]
    if nouns:
        author = report_author(memory, sentence, 2 if nouns[0] in ISSUED_BY_ANYONE else 1)
        return author, "report_author" if author else "unnamed_speaker"
    return None, "unnamed_speaker"


def _seen_by(index: DocIndex, noun: int) -> str | None:
    """'according to documents seen by the Riga Times': the named outlet that saw them
    vouches for them (their authors are not named)."""
    for participle in index.children(noun):
        if participle.dep_ != "acl" or participle.tag_ != "VBN":
            continue
        for agent in participle.children:
            if agent.dep_ != "agent":
                continue
            for pobj in agent.children:
                ref = index.named(pobj.i)
                if pobj.dep_ == "pobj" and ref is not None:
                    return ref.record.name
    return None


def _named_through_a_noun(index: DocIndex, cue: Span, ref: SpanRef) -> bool:
    """Whether the phrase after 'according to' is headed by a common noun other than a
    report ('a source close to X', 'a relative of X') rather than by the name."""
    for child in index.children(cue.end - 1):
        if child.dep_ == "pobj":
            head = child.i
            return (
                index.span_at[head] != index.span_at[ref.start]
                and index.pos[head] == "NOUN"
                and index.lemma[head] not in index.words.REPORT_NOUNS
                # 'according to Exile Watch's records': the body's own (not a person's lawyer)
                and not (ref.record.label == "ORG" and index.head[ref.root] == head)
            )
    return False
