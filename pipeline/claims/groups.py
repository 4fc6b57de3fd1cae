"""People named together and the group phrases that stand for them.

"A and B", "A, his wife B, and C" name a group; "the three", "the two men", "both", "neither
man" and "them" refer back to it (codebook, second set: targets through a group phrase). A
number in the phrase must count the group.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tnr_claims.normalise.numbers import quantity_value

if TYPE_CHECKING:
    from tnr_claims.claims.index import DocIndex, Memory, Sentence, SpanRef


PLURAL_REFERENCE_PRONOUNS = frozenset({"them", "their"})
"""Plural pronouns that may stand for people just named together ('they' is more often
the doers, and is left alone)."""


def _coordinated_with(index: DocIndex, j: int, first: int) -> bool:
    """Whether token ``j`` is a later conjunct of ``first`` ('A and B', 'A, B and C'), also
    as the name in apposition to a conjunct ('A and his brother B')."""
    if index.dep[j] == "appos":
        name = j
        j = index.head[j]
        if j == first:
            # 'A and a fellow student, B,': the parser may hang B on A, after the unnamed
            # conjunct that B names; 'A, 38, a teacher, B, 44, and C': a list read as
            # apposition, which goes on past B
            return any(
                c.dep_ == "conj" and c.i < name and index.span_at[c.i] < 0
                for c in index.children(first)
            ) or index.has_child(name, ("conj",))
    if index.dep[j] == "nmod" and index.has_child(j, ("cc",)):
        j = index.head[j]  # 'the brothers C and D Vell': C hangs on D as a modifier
    for _ in range(8):
        if index.dep[j] not in ("conj", "appos") or index.head[j] == j:
            return False
        j = index.head[j]
        if j == first:
            return True
    return False


def named_together(index: DocIndex, sentence: Sentence) -> list[str]:
    """The people a sentence names in one coordination ('A and B', 'A, his wife B, and C'),
    in order; empty when it names fewer than two so."""
    starts = {
        ref.start: ref for ref in sentence.spans if ref.record.label == "PERSON" and ref.record.name
    }
    return named_together_before(index, sentence, sentence.span.end, starts)


SPEAKERS_AS_PATIENTS = frozenset(
    {("they", "nsubjpass"), ("them", "dobj"), ("them", "pobj"), ("them", "dative")}
)


def speakers_acted_on(
    index: DocIndex, i: int, person_starts: dict[int, SpanRef], speakers: set[int]
) -> list[str]:
    """'Two bloggers, A and B, said they were threatened', 'A and B say Quito wants to drag
    them back': a 'they' that is the passive subject, or a 'them' that is the object, of what
    several named speakers report is those speakers (their own case; an active 'they' is
    more often the doers)."""
    if (index.lower[i], index.dep[i]) not in SPEAKERS_AS_PATIENTS:
        return []
    speaking = [
        ref.record.name or ""
        for start, ref in sorted(person_starts.items())
        if ref.root in speakers and start < i
    ]
    return speaking if len(speaking) > 1 else []


def named_together_before(
    index: DocIndex, sentence: Sentence, i: int, person_starts: dict[int, SpanRef]
) -> list[str]:
    """The people coordinated before token ``i`` in its sentence ('A and B ... them')."""
    refs = [ref for start, ref in sorted(person_starts.items()) if start < i]
    for ref in refs:
        names = [ref.record.name or ""]
        for other in refs:
            if other is not ref and _coordinated_with(index, other.root, ref.root):
                names.append(other.record.name or "")
        if len(names) > 1:
            return names
    return []


EACH_OF_A_GROUP = frozenset({"neither", "either", "each"})
"""Determiners of a singular noun that stand for every member of a group named before."""


PAIR_NOUNS = frozenset({"couple", "pair", "duo"})
"""Singular nouns for two people ('the couple', 'the pair')."""

TRIO_NOUNS = frozenset({"trio"})
"""Singular nouns for three people ('the trio')."""


def group_phrase(index: DocIndex, i: int, size: int, nouns: frozenset[str]) -> bool:
    """A definite plural phrase for people named before as a group: 'the three', 'the two
    men', 'the detained activists', 'all five' (a number must equal the group's size);
    'neither man', 'each woman'; 'both' alone for a pair."""
    if index.lower[i] == "both" and index.dep[i] in ("nsubj", "nsubjpass", "dobj", "pobj"):
        # not 'both of whom', which points into its own sentence
        return size == 2 and not index.has_child(i, ("prep",))
    if index.pos[i] == "NUM":
        if index.dep[i] not in ("nsubj", "nsubjpass", "dobj", "pobj", "appos"):
            return False
        determined = any(c.lower_ in ("the", "all", "these") for c in index.children(i))
        return determined and number_value(index, i) == size
    if index.lemma[i] in PAIR_NOUNS | TRIO_NOUNS:  # 'the pair', 'the trio': named together
        wanted = 2 if index.lemma[i] in PAIR_NOUNS else 3
        return size == wanted and any(c.lower_ in ("the", "this") for c in index.children(i))
    if index.lemma[i] not in nouns:
        return False
    children = list(index.children(i))
    if index.tag[i] == "NN":
        # 'neither man was charged', 'each woman was questioned': one of the group, all of it
        return any(c.dep_ in ("det", "preconj") and c.lower_ in EACH_OF_A_GROUP for c in children)
    if index.tag[i] != "NNS":
        return False
    if not any(c.dep_ == "det" and c.lower_ in ("the", "these", "both") for c in children):
        return False
    if _said_before_in_sentence(index, i) or _in_a_share_of_a_count(index, i):
        return False  # 'relatives of critics abroad were held after the critics spoke'
    counted = [c.i for c in children if c.dep_ == "nummod"]
    return not counted or number_value(index, counted[0]) == size


def _said_before_in_sentence(index: DocIndex, i: int) -> bool:
    """Whether the plural noun at ``i`` repeats one used earlier in its own sentence without
    a determiner ('cases in which relatives of critics were held after the critics spoke'):
    it refers to those people, whoever they are, not to a group named before."""
    start = index.doc[i].sent.start
    return any(
        index.lemma[j] == index.lemma[i]
        and index.tag[j] == "NNS"
        and not any(c.dep_ == "det" for c in index.children(j))
        for j in range(start, i)
    )


def _in_a_share_of_a_count(index: DocIndex, i: int) -> bool:
    """Whether the plural noun at ``i`` follows, in its own sentence, a share of a set the
    sentence counts ('six abductions of exiles since 2019; in two of them the victims
    reappeared'): the noun is the people of that share, not a group named before."""
    start = index.doc[i].sent.start
    counted = any(
        index.tag[j] == "NNS"
        and index.lemma[j] in index.words.COUNT_NOUNS  # acts or people, not '12 hours'
        and index.has_child(j, ("nummod",))
        for j in range(start, i)
    )
    return counted and any(
        index.lower[j] in ("them", "these", "those")
        and index.dep[j] == "pobj"
        and index.lower[index.head[j]] == "of"
        and index.pos[index.head[index.head[j]]] in ("NUM", "ADJ", "PRON", "DET")
        for j in range(start, i)
    )


def number_value(index: DocIndex, i: int) -> int | None:
    """The value of a number word or figure ('three', '3'), as QUANTITY values are read."""
    return quantity_value(index.lower[i], index.words.VAGUE_QUANTITIES)


def plural_people_before(index: DocIndex, s0: int, i: int, nouns: frozenset[str]) -> bool:
    """Whether the sentence names someone's people by a plural noun before token ``i``
    ('visited his parents in Gomel, pressing them'): a 'them' after it is those people
    ('The two men say they ...' is the group named before, not others)."""
    family = index.words.FAMILY_NOUNS
    return any(
        index.tag[k] == "NNS"
        and (index.lemma[k] in nouns or index.lemma[k] in family)
        and index.has_child(k, ("poss",))
        for k in range(s0, i)
    )


def named_before_in(
    index: DocIndex, i: int, person_starts: dict, speakers: set[int], memory: Memory
) -> list[str]:
    """The different people the sentence names before token ``i``, in order: no speaker,
    no perpetrator. ``person_starts`` is in text order (built from the sentence's spans)."""
    names: list[str] = []
    for start, ref in person_starts.items():
        if start >= i:
            break
        name = ref.record.name
        if not name or ref.root in speakers or name in names:
            continue
        if memory.mentions is not None and memory.mentions.is_perpetrator(name):
            continue
        names.append(name)
    return names


def family_named(index: DocIndex, ref: SpanRef) -> list[str]:
    """The people a plural family name stands for ('the Hojas' after 'Ana Hoja' and 'Ivo
    Hoja'): every person of two or more the document names with that family name."""
    word = index.doc[ref.end - 1].text
    if ref.end - ref.start != 1 or not word.endswith("s") or len(word) < 4:
        return []
    if ref.start == 0 or index.lower[ref.start - 1] != "the":
        return []
    stems = {word[:-1], word[:-2] if word.endswith("es") else word[:-1]}
    family = {
        other.record.name
        for other in index.spans
        if other.record.label == "PERSON"
        and other.record.name
        and other.record.name.split()[-1] in stems
        and len(other.record.name.split()) > 1
    }
    return sorted(family) if len(family) > 1 else []


LISTED_AFTER_SENTENCES = 2
"""How far after a sentence naming an act a list of the people it hit may come."""


def lists_people_acted_on(index: DocIndex, sentence: Sentence, nouns: frozenset[str]) -> bool:
    """A sentence that lists who an act just told hit: 'Among those affected are A and B',
    'Among them were A and B', 'The victims were A and B', 'Those detained include A'.

    Its main verb is 'be' or 'include', with 'among' + 'them'/'those'/people as a
    prepositional phrase, or a subject 'those <participle>' or a plural person noun."""
    root = next(
        (i for i in range(sentence.span.start, sentence.span.end) if index.head[i] == i), None
    )
    if root is None or index.lemma[root] not in ("be", "include"):
        return False

    def people(i: int) -> bool:
        if index.lower[i] in ("them", "those", "these"):
            return index.lower[i] == "them" or index.has_child(i, ("acl", "relcl"))
        return index.tag[i] == "NNS" and (index.lemma[i] in nouns or index.lemma[i] == "victim")

    for child in index.children(root):
        if child.dep_ == "prep" and child.lower_ == "among":
            if any(g.dep_ == "pobj" and people(g.i) for g in child.children):
                return True
        if child.dep_ == "nsubj" and people(child.i):
            return True
    return False
