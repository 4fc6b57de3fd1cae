"""The crime a perpetrator is charged with is the act against the target.

The codebook drops a METHOD named as the *target's* alleged crime ('accused of kidnapping',
:func:`~tnr_claims.nlp.context.is_alleged_crime`). When the accused are the perpetrators,
the crime is the attack itself and stays a METHOD (GUIDELINES, a perpetrator tried for
seizing a target): 'The three men were charged with first-degree murder over Ana Ruiz's
death', 'Lund now faces a charge of murder-for-hire' after Lund was named as the plotter.

The accused are perpetrators when the perpetrator memory
(:mod:`~tnr_claims.nlp.perpetrators`) holds them, or when the charge is over a named
person's death. The charge itself is no METHOD then; the memory drops it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tnr_claims.nlp.perpetrator_pronouns import mention_words
from tnr_claims.nlp.perpetrators import PERPETRATORS_KEY, someones_death
from tnr_claims.nlp.provenance import derive

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

ACCUSATION_LEMMAS = frozenset(
    {"accuse", "charge", "count", "indict", "convict", "guilty", "suspicion", "face"}
)
"""Words a charged crime hangs from ('charged with', 'one count of', 'faces ...')."""

CHARGE_DEPS = frozenset(
    {"conj", "pobj", "prep", "dobj", "acl", "advcl", "nmod", "compound", "xcomp", "pcomp", "appos"}
)
"""Dependencies climbed from a crime noun to the accusation it is the charge of."""

MAX_CLIMB = 6

CHARGE_ONLY_RULES = frozenset({"PHYSICAL_ATTACK.charged_killing"})
"""Rules whose matches are a METHOD only as a crime charged to perpetrators ('murder'
alone is no act: 'a murder mystery', 'the murder rate')."""

EXTENT_RULE = "PHYSICAL_ATTACK.charged_killing_degree"
"""Context rule: 'first-degree murder' is the crime, not 'murder' alone."""

ALLEGED_CRIMES_KEY = "tnr_alleged_crimes"
"""``Doc.user_data`` key: the METHOD matches the tagger set aside as alleged crimes
(start, end, rule id), until the perpetrator memory can say whose crime each is."""


def perpetrators_crimes(doc: Doc, spans: list[Span], set_aside: list[Span]) -> list[Span]:
    """``spans`` with the crimes charged to perpetrators added back as METHODs, from the
    matches the tagger ``set_aside``: alleged crimes, and ``CHARGE_ONLY_RULES`` matches."""
    remembered = set(doc.user_data.get(PERPETRATORS_KEY, ()))
    taken = {i for span in spans for i in range(span.start, span.end)}
    added = []
    for span in sorted(set_aside, key=lambda s: s.start - s.end):
        if any(i in taken for i in range(span.start, span.end)):
            continue
        accusation = _accusation(span.root)
        if accusation is None or not _against_perpetrators(accusation, remembered):
            continue
        start = _left_edge(span.root)
        if start < span.start and not any(i in taken for i in range(start, span.start)):
            span = derive(span, EXTENT_RULE, "extent", start=start)
        added.append(span)
        taken.update(range(span.start, span.end))
    if not added:
        return spans
    return sorted([*spans, *added], key=lambda s: (s.start, s.end))


def _left_edge(noun: Token) -> int:
    """The start of 'first-degree murder': a hyphenated modifier before the noun."""
    start = noun.i
    for child in noun.children:
        if (
            child.i < noun.i
            and child.dep_ in ("amod", "compound")
            and any(t.text == "-" for t in child.subtree)
        ):
            start = min(start, child.left_edge.i)
    return start


def _accusation(root: Token) -> Token | None:
    """The accusation word ('charged', 'count', 'faces') the crime is the charge of."""
    token = root
    for _ in range(MAX_CLIMB):
        if token.dep_ not in CHARGE_DEPS or token.head.i == token.i:
            return None
        token = token.head
        if token.lemma_.lower() in ACCUSATION_LEMMAS:
            return token
    return None


def _against_perpetrators(accusation: Token, remembered: set[str]) -> bool:
    """The charge is over a named person's death ('... in Ana Ruiz's death'), or the
    accused (the subject, or the object of an active charge) are remembered doers."""
    sentence = accusation.sent
    if any(someones_death(token) for token in sentence):
        return True
    verb = accusation
    for _ in range(MAX_CLIMB):  # 'charges' -> 'faces'; a root that is no verb ends it
        if verb.pos_ == "VERB" or verb.head.i == verb.i:
            break
        verb = verb.head
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj") and mention_words(child) & remembered:
            return True
    return False
