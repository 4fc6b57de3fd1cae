"""The act threatened is not a METHOD; a threat to relatives is FAMILY_PRESSURE.

Codebook (second set, Threats): "a threat aimed at the target is THREAT where it is named;
threats to relatives to move the target are FAMILY_PRESSURE. The act threatened, quoted or
reported ('threatened that his family would be detained') is not labelled." On the parse:
a METHOD span inside the complement of a threatening verb ("threatened to imprison his
parents and confiscate their property", "threatened him with arrest") is dropped; when
that threatened act falls on relatives, the threat itself becomes FAMILY_PRESSURE (context
rule ``FAMILY_PRESSURE.threat_to_relatives``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from tnr_claims.nlp.provenance import derive, provenance_of
from tnr_claims.rules.loader import Lexicons

THREAT_LEMMAS = frozenset({"threaten", "warn"})
"""Verbs whose clausal complement is the act threatened."""

COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp"})

THREAT_NOUNS = frozenset({"warning", "threat"})
"""Nouns whose clause is the act threatened ('a warning that he would be killed')."""

NOUN_CLAUSE_DEPS = frozenset({"acl", "ccomp"})


def _threatening_verb(token: Token) -> Token | None:
    """The threatening verb whose complement holds ``token`` (through conj), if any."""
    node = token
    for _ in range(4):
        if node.dep_ == "conj":
            node = node.head
            continue
        if node.dep_ in COMPLEMENT_DEPS and node.head.lemma_.lower() in THREAT_LEMMAS:
            return node.head
        if node.dep_ in NOUN_CLAUSE_DEPS and node.head.lemma_.lower() in THREAT_NOUNS:
            return node.head  # 'a warning that he would be killed'
        prep = node.head
        if node.dep_ == "pobj" and prep.lower_ == "with":
            owner = prep.head
            if owner.dep_ == "dobj":
                owner = owner.head
            if owner.lemma_.lower() in THREAT_LEMMAS:
                return owner
        return None
    return None


def _falls_on_relatives(token: Token, words: Lexicons) -> bool:
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass") and child.lower_ in words.FAMILY_NOUNS:
            return True
        if child.dep_ == "poss" and child.head.lower_ in words.FAMILY_NOUNS:
            return True
    return False


def _threatens_relatives(verb: Token, words: Lexicons) -> bool:
    """Whether the act a threatening verb announces falls on relatives ('threatened to jail
    her parents', 'warned that his family would be detained')."""
    return any(
        child.dep_ in COMPLEMENT_DEPS and _names_relatives(child, words) for child in verb.children
    )


def _names_relatives(clause: Token, words: Lexicons) -> bool:
    """Whether ``clause`` names relatives outside a condition of its own: 'warned her to stop
    writing if she wanted to see her family again' threatens her, not her family."""
    if clause.lower_ in words.FAMILY_NOUNS:
        return True
    return any(_names_relatives(child, words) for child in clause.children if child.dep_ != "advcl")


MESSAGE_NOUNS = frozenset(
    {"message", "call", "letter", "text", "email", "note", "comment", "post", "voicemail"}
)
"""What a threat is sent in: 'threatening messages' are threats, however parsed."""


def _abstract_threat(token: Token, words: Lexicons) -> bool:
    """'The law threatens democracy', 'an attack on press freedom': a threatening verb, or
    an attack noun, whose object is no person (and, for the verb, which announces no act)
    is not an act against anyone."""
    lemma = token.lemma_.lower()
    if lemma == "attack" and token.pos_ == "NOUN":
        objects = [
            c
            for prep in token.children
            if prep.dep_ == "prep" and prep.lower_ == "on"
            for c in prep.children
            if c.dep_ == "pobj"
        ]
    elif lemma == "threaten" and token.pos_ == "VERB":
        objects = [c for c in token.children if c.dep_ == "dobj"]
        if any(c.dep_ in COMPLEMENT_DEPS for c in token.children):
            return False
        if token.tag_ == "VBG" and any(
            0 < o.i - token.i <= 3 and o.lemma_.lower() in MESSAGE_NOUNS for o in objects
        ):
            # 'dozens of threatening messages', 'threatening phone calls': the adjective
            # read as a verb, its noun perhaps after a compound
            return False
    else:
        return False
    if not objects:
        return False
    people = words.PERSON_NOUNS | words.DESCRIPTION_NOUNS | words.FAMILY_NOUNS
    return not any(
        o.pos_ in ("PRON", "PROPN") or o.lemma_.lower() in people or o.lower_ in people
        for o in objects
    )


def threatened_acts(doc: Doc, spans: list[Span], words: Lexicons) -> list[Span]:
    """Drop METHODs that are only threatened; a threat to relatives is FAMILY_PRESSURE; a
    threat to no one ('threatens democracy') or an attack on no one ('an attack on press
    freedom') is no METHOD."""
    dropped: set[int] = set()
    on_relatives: set[int] = {
        s.root.i
        for s in spans
        if s.label_ == "METHOD"
        and s.root.lemma_.lower() in THREAT_LEMMAS
        and _threatens_relatives(s.root, words)
    }
    for span in spans:
        if span.label_ != "METHOD":
            continue
        verb = _threatening_verb(span.root)
        if verb is None:
            continue
        dropped.add(span.start)
        if _falls_on_relatives(span.root, words) or any(
            t.lower_ in words.FAMILY_NOUNS for t in span.root.subtree
        ):
            on_relatives.add(verb.i)
    result = []
    for span in spans:
        if span.label_ == "METHOD" and span.start in dropped:
            continue
        if span.label_ == "METHOD" and _abstract_threat(span.root, words):
            continue
        if (
            span.label_ == "METHOD"
            and span.root.i in on_relatives
            and provenance_of(span).origin_id.startswith("THREAT.")
        ):
            span = derive(span, "FAMILY_PRESSURE.threat_to_relatives", "code")
        result.append(span)
    return result
