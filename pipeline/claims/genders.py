"""What the document tells of a named person's gender: a gendered noun or title beside the
name ('her brother, A', 'Ms B'), or the pronoun the person's own clause goes on with ('A
says he left in 2019').

Pronouns are resolved against these genders (``Mentions.genders``): with two people of
unknown gender, 'she' falls on whoever was named last; once 'A says he ...' has told A's,
'she' passes A by.
"""

from __future__ import annotations

from tnr_claims.claims.index import PRONOUN_GENDERS, DocIndex, Memory, SpanRef
from tnr_claims.rules.loader import Lexicons

CONTINUING_CLAUSES = frozenset({"ccomp", "advcl", "conj"})
"""Clauses of the name's own verb whose subject pronoun continues the name ('A says he
left', 'A fled after she was warned', 'A left and he never came back')."""


def word_gender(word: str, words: Lexicons) -> str | None:
    """The gender a noun or title tells: 'm' for ``MALE_NOUNS`` ('brother', 'mr'), 'f' for
    ``FEMALE_NOUNS`` ('wife', 'ms'), else None."""
    if word in words.MALE_NOUNS:
        return "m"
    if word in words.FEMALE_NOUNS:
        return "f"
    return None


def pronoun_gender(index: DocIndex, ref: SpanRef) -> str | None:
    """The gender of the subject pronoun of a clause of the name's own verb ('A says he
    left in 2019', 'A fled after she was warned'): 'm' or 'f', or None where the name is no
    subject, no such pronoun follows, or another person or a person noun stands between
    ('A said his sister ... she': the sister may be meant)."""
    root = ref.root
    if index.dep[root] != "nsubj":
        return None
    verb = index.head[root]
    for clause in index.children(verb):
        if clause.dep_ not in CONTINUING_CLAUSES or clause.i < root:
            continue
        for subject in index.children(clause.i):
            wanted = PRONOUN_GENDERS.get(subject.lower_)
            if (
                subject.dep_ in ("nsubj", "nsubjpass")
                and subject.lower_ in ("he", "she")
                and wanted is not None
                and not _someone_between(index, ref, subject.i)
            ):
                return wanted
    return None


def _someone_between(index: DocIndex, ref: SpanRef, end: int) -> bool:
    """Whether another name, a pronoun or a noun for a person stands between the name and
    token ``end``, past what the name's own phrase says of it ('A, a blogger in Bonn,')."""
    words = index.words
    people = words.PERSON_NOUNS | words.FAMILY_NOUNS | words.PERSON_PRONOUNS
    for k in range(max(ref.end, index.doc[ref.root].right_edge.i + 1), end):
        if index.lemma[k] in people or index.lower[k] in people:
            return True
        if index.named(k, ("PERSON",)) is not None:
            return True
    return False


GROUP_NOUN_GENDERS = {"man": "m", "woman": "f"}
"""Lemmas of group nouns that tell their members' gender ('the two men')."""


def group_agrees(memory: Memory, lemma: str) -> bool:
    """'the two men' is no group the document tells holds a woman ('X and his daughter')."""
    wanted = GROUP_NOUN_GENDERS.get(lemma)
    if wanted is None or memory.mentions is None:
        return True
    return all(memory.mentions.genders.get(name, wanted) == wanted for name in memory.last_group)


def agrees(memory: Memory, name: str, pronoun: str) -> bool:
    """Whether the pronoun may stand for ``name`` (see :meth:`Mentions.agrees`)."""
    return memory.mentions is None or memory.mentions.agrees(name, pronoun)
