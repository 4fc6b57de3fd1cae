"""Domestic repression is no METHOD: acts done in the home state's own unrest.

Codebook (second set, Domestic acts): "Repression of people at home with no link to anyone
abroad (protesters killed in the capital) is not a METHOD." On the parse: a DETENTION or
PHYSICAL_ATTACK verb with an 'in' or 'during' phrase naming unrest (``UNREST_NOUNS``:
'detained in the protests', 'killed during the unrest', 'arrested in the midst of
protests'), or joined by 'and' to one that has it, is dropped (context rule
``DOMESTIC.unrest``, a drop), and so is a DETENTION whose patient is the crowd itself
('police round up protesters', ``PROTESTER_NOUNS``). 'At a protest' is left alone: attacks
on exiles' protests abroad are told that way.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from tnr_claims.nlp.provenance import provenance_of
from tnr_claims.rules.loader import Lexicons

DOMESTIC_CODES = frozenset({"DETENTION", "PHYSICAL_ATTACK"})
UNREST_PREPOSITIONS = frozenset({"in", "during", "amid"})


def _in_unrest(verb: Token, words: Lexicons) -> bool:
    """An 'in/during/amid <unrest>' phrase on the verb, or on its agent ('detained by police
    in the protests')."""
    holders = [verb]
    for agent in (c for c in verb.children if c.dep_ == "agent"):
        holders.extend(c for c in agent.children if c.dep_ == "pobj")
    return any(
        prep.dep_ == "prep"
        and prep.lower_ in UNREST_PREPOSITIONS
        and any(_names_unrest(c, words) for c in prep.children if c.dep_ == "pobj")
        for holder in holders
        for prep in holder.children
    )


def _names_unrest(noun: Token, words: Lexicons) -> bool:
    """'the protests', or 'the midst of nationwide protests'."""
    if noun.lemma_.lower() in words.UNREST_NOUNS:
        return True
    return noun.lemma_.lower() in ("midst", "wake", "course", "wave", "aftermath") and any(
        g.dep_ == "pobj" and g.lemma_.lower() in words.UNREST_NOUNS
        for of in noun.children
        if of.dep_ == "prep" and of.lower_ == "of"
        for g in of.children
    )


def _protesters_held(span: Span, words: Lexicons) -> bool:
    """'police round up protesters', 'protesters were detained': custody (DETENTION only:
    an attack on exiles' protest abroad is an act) whose patient is people in unrest."""
    if provenance_of(span).origin_id.split(".", 1)[0] != "DETENTION":
        return False
    patients = [c for c in span.root.children if c.dep_ in ("dobj", "nsubjpass")]
    return bool(patients) and all(
        p.lemma_.lower() in words.PROTESTER_NOUNS and not _owned(p) for p in patients
    )


def _owned(noun: Token) -> bool:
    """'his protesting brother', 'relatives of exiles' protest ...': a noun with a
    possessor is someone's, not the crowd's."""
    return any(c.dep_ == "poss" for c in noun.children)


DOMESTIC_ACTS_KEY = "tnr_domestic_acts"
"""``doc.user_data`` key of the token indices of the act verbs dropped as domestic unrest:
the claim stage does not count them as events either ('nine were shot dead during the
unrest' is no claim for its count)."""


def domestic_unrest_acts(spans: list[Span], words: Lexicons) -> list[Span]:
    """Drop DETENTION and PHYSICAL_ATTACK verbs told as part of unrest at home."""
    kept = []
    dropped: list[int] = []
    for span in spans:
        verb = span.root
        if (
            span.label_ == "METHOD"
            and provenance_of(span).origin_id.split(".", 1)[0] in DOMESTIC_CODES
            and verb.pos_ == "VERB"
            and (
                _in_unrest(verb, words)
                or any(_in_unrest(v, words) for v in verb.conjuncts)
                or _protesters_held(span, words)
            )
        ):
            dropped.append(verb.i)
            continue
        kept.append(span)
    if dropped:
        doc = spans[0].doc
        doc.user_data[DOMESTIC_ACTS_KEY] = sorted(
            {*doc.user_data.get(DOMESTIC_ACTS_KEY, ()), *dropped}
        )
    return kept
