"""Legal words that name no act done: a penalty that waits on a conviction, and a charging
document that tells the story.

5. **Penalties that wait on a conviction.** 'If convicted, the pair face twelve years in
   prison': the penalty and the conviction it waits on are dropped (no one has been
   sentenced; context rule ``PROSECUTION.if_convicted``).
6. **The document as a source.** 'According to the indictment, the men followed her',
   'the indictment says': a charging document that tells the story is where the claim
   comes from, not an act in it (context rule ``PROSECUTION.document_as_source``, a drop).

The numbers follow :mod:`tnr_claims.nlp.perpetrators`, whose rules 1-4 and 7 these two
complete; they need no memory of who the perpetrators are.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from tnr_claims.nlp.provenance import provenance_of
from tnr_claims.rules.loader import Lexicons


def _code(span: Span) -> str:
    return provenance_of(span).origin_id.split(".", 1)[0]


CONDITION_VERBS = frozenset({"convict", "find", "prove", "try"})
"""Verbs of an 'if' clause that makes a penalty hypothetical ('If convicted, ...')."""


def drop_hypothetical_penalties(spans: list[Span]) -> list[Span]:
    """Drop DETENTION and PROSECUTION spans in the main clause of an 'if convicted' clause
    ('If convicted, the pair face twelve years in prison'): no one has been sentenced,
    and the accused is as often the perpetrator as the target (context rule
    ``PROSECUTION.if_convicted``, a drop). A penalty a named person faces stays."""
    kept = []
    for span in spans:
        if span.label_ == "METHOD" and _code(span) in ("DETENTION", "PROSECUTION"):
            verb = span.root
            while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                verb = verb.head
            if (_condition(verb) or any(_condition(c) for c in verb.children)) and not (
                _named_bearer(verb)
            ):
                continue  # the penalty, or the conviction it waits on
        kept.append(span)
    return kept


def _named_bearer(verb: Token) -> bool:
    """'X faces a long sentence if she is convicted': a penalty a named person faces is
    that person's; whether X is a perpetrator is the perpetrator memory's to say (it drops
    what a remembered perpetrator faces). 'If convicted, the pair face ...' is no one's."""
    while verb.dep_ in ("advcl", "conj") and verb.head.i != verb.i:
        verb = verb.head  # the conviction waits on the penalty's clause
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PROPN" for c in verb.children)


def _condition(clause: Token) -> bool:
    """An 'if convicted' clause: an adverbial clause of a condition verb marked by 'if'."""
    return (
        clause.dep_ == "advcl"
        and clause.lemma_.lower() in CONDITION_VERBS
        and any(c.dep_ == "mark" and c.lower_ == "if" for c in clause.children)
    )


TELLING_DOCUMENT_VERBS = frozenset(
    {"say", "allege", "state", "show", "describe", "read", "note", "detail", "claim", "add"}
)
"""Verbs of a document that tells what happened ('the indictment says', '... alleges')."""


def drop_documents_as_sources(spans: list[Span], words: Lexicons) -> list[Span]:
    """Drop a PROSECUTION noun that is the source of the sentence, not an act in it: the
    object of 'according to' ('According to the indictment, ...') or the subject of a verb
    of telling ('the charge sheet says', 'the complaint alleges'). Context rule
    ``PROSECUTION.document_as_source``, a drop."""
    telling = TELLING_DOCUMENT_VERBS | words.SPEECH_VERBS
    kept = []
    for span in spans:
        if span.label_ == "METHOD" and _code(span) == "PROSECUTION" and len(span) <= 3:
            root = span.root
            head = root.head
            according = (
                root.dep_ == "pobj"
                and head.lower_ == "to"
                and head.i > 0
                and span.doc[head.i - 1].lower_ == "according"
            )
            telling_subject = root.dep_ == "nsubj" and head.lemma_.lower() in telling
            if according or telling_subject:
                continue
        kept.append(span)
    return kept
