"""Pronouns that stand for a perpetrator (rule 7 of :mod:`tnr_claims.nlp.perpetrators`).

'The suspected gunman fled across the border. "Police there have arrested him," an officer
said': the legal act's pronoun stands for the nearest person mention before it, and that is
a definite perpetrator noun of its number, a person noun or a name remembered as the doers,
or 'either man' among them for a plural 'they'. Also the words that name a patient
(:func:`mention_words`), which the perpetrator rules share.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from tnr_claims.rules.loader import Lexicons


def mention_words(token: Token) -> set[str]:
    """The lower-cased words that name a patient: the token, its compounds and modifiers,
    and the whole compound phrase ('hit man')."""
    parts = [c for c in token.children if c.dep_ in ("compound", "amod") and c.i < token.i]
    words = {token.lower_, token.lemma_.lower()}
    for k in range(len(parts)):
        words.add(" ".join(t.lower_ for t in [*parts[k:], token]))
    words.update(c.lower_ for c in token.children if c.dep_ in ("compound", "amod"))
    return words


def a_name(token: Token) -> bool:
    """A title-case proper noun read as no place or nationality ('charged Ivo Sand with
    ...', a name no stage has tagged yet, or one the model read as an organisation)."""
    return token.pos_ == "PROPN" and token.is_title and token.ent_type_ not in NOT_NAMES


NOT_NAMES = frozenset({"GPE", "LOC", "NORP"})
"""Model labels of a proper noun that is a place or a nationality, never a person."""


EACH_WORDS = frozenset({"either", "each", "neither", "every", "any"})
"""Determiners of a singular noun that a plural 'they' may stand for ('if either man
travels, they will be arrested')."""

SINGULAR_PRONOUNS = frozenset({"him", "her", "his", "he", "she"})
PLURAL_PRONOUNS = frozenset({"them", "their", "they"})


def stands_for_a_perpetrator(
    pronoun: Token, names: dict[int, set[str]], words: Lexicons, remembered: set[str]
) -> bool:
    """Whether a pronoun acted on by a legal act ('police arrested him', 'they were
    arrested') stands for a
    perpetrator named by a noun just before ('The suspected gunman fled to Riga ... "Police
    have arrested him," he said'): the nearest person mention before it, in its own
    sentence or the one before, is a definite perpetrator noun of the pronoun's number.

    A name, a person noun ('the exile'), or a perpetrator noun of the other number found
    first is the antecedent instead; a name that is the subject of a speech verb (the one
    quoted) is passed over. A noun already remembered as the doers needs no determiner
    ('All three are foreign nationals who were living in Oslo when they were arrested')."""
    lower = pronoun.lower_
    if pronoun.pos_ != "PRON" or lower not in SINGULAR_PRONOUNS | PLURAL_PRONOUNS:
        return False
    plural = lower in PLURAL_PRONOUNS
    sentence = pronoun.sent
    start = sentence.start
    if start > 0:
        start = pronoun.doc[start - 1].sent.start
    people = words.PERSON_NOUNS | words.DESCRIPTION_NOUNS | words.FAMILY_NOUNS
    for j in range(pronoun.i - 1, start - 1, -1):
        token = pronoun.doc[j]
        if j in names:
            if token.dep_ == "nsubj" and token.head.lemma_.lower() in words.SPEECH_VERBS:
                continue
            if token.dep_ == "compound":
                continue  # the name's own first words: its head decides
            return bool(names[j] & remembered)  # 'A ..., where he is being held': A's doing
        if token.pos_ != "NOUN":
            continue
        perpetrator = bool(mention_words(token) & words.PERPETRATOR_NOUNS)
        # a person noun remembered as the doers, not 'the state' or 'police'
        known = bool(mention_words(token) & remembered) and token.lemma_.lower() in people
        if not (perpetrator or known) and token.lemma_.lower() not in people:
            continue
        each = any(c.dep_ == "det" and c.lower_ in EACH_WORDS for c in token.children)
        if each and remembered and token.lemma_.lower() in ("man", "woman", "person"):
            known = True  # 'either man' after two men remembered as the doers
        if (token.tag_ == "NNS") != plural and not (plural and each):
            continue  # 'the kidnappers ... arrested him': not them ('if either man ..., they')
        definite = any(c.dep_ in ("det", "poss") and c.lower_ != "a" for c in token.children)
        return known or (perpetrator and definite)
    return False
