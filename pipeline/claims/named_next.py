"""Group phrases whose people the next sentence names (``TARGET.named_next``).

Reporting often tells the act first and the names after it: "Police detained the father
and two brothers of an exiled blogger. The men, A, B and C, were questioned for two
days." The codebook's group and relative phrases refer to people named elsewhere in the
document, so the first sentence's "the father and two brothers" are A, B and C. The next
sentence must open with a group that it names (a subject "The men, A, B and C" or a list
after "Those detained are ..."), or list the people as its subject ("A, a journalist, and
B, a businessman, are ...", "A, 52, and his wife, B, had flown in": not doers of an act on
others) or as its verb's object ("The court convicted A, B and C of ..."), and a number in
the first phrase must equal the names counted (for a bare list of names, there must be
such a number; "a couple" is two). Where the next sentence names no group, the counted
phrase is the people the next claims name one by one for the first time, when they add up
to its number exactly ("The first two people charged live abroad. Prosecutors charged A
... The same day, they charged B"). The first sentence's phrase must be what a METHOD is
done to ("Three people were arrested in the killing of X" are suspects), unless the
sentence calls for action ("urged Minsk to release five people").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tnr_claims.claims.groups import PAIR_NOUNS, named_together, number_value
from tnr_claims.claims.mentions import describing_nouns
from tnr_claims.claims.roles import fallback_role, target_role
from tnr_claims.records import TargetDecision

if TYPE_CHECKING:
    from tnr_claims.claims.index import Analysis, DocIndex, Memory
    from tnr_claims.nlp.spans import Sentence

GROUP_WORDS = frozenset({"those", "both", "all"})
"""Pronouns that open a sentence naming a group ('Those held are A and B')."""

MEMBER_NOUNS = frozenset({"member", "people", "person"})
"""Plural nouns for people of a group ('three members of a banned party', 'five people')."""


def groups_named_next(index: DocIndex, analyses: list[Analysis], memory: Memory) -> None:
    """Add to a claim the people the next sentence names for its unnamed group phrase."""
    nouns = describing_nouns(index) | index.words.FAMILY_NOUNS | PAIR_NOUNS | MEMBER_NOUNS
    first_named: dict[str, int] = {}
    for ref in index.spans:
        if ref.record.label == "PERSON" and ref.record.name:
            first_named.setdefault(ref.record.name, ref.start)
    for k, (previous, analysis) in enumerate(zip(analyses, analyses[1:], strict=False)):
        if analysis.index != previous.index + 1 or previous.claim_rule is None:
            continue
        one_by_one = _named_one_by_one(index, analyses[k:], first_named, nouns)
        if one_by_one:
            # 'The first two people charged live in exile. Police charged A ... The same
            # day, prosecutors charged B': each named as the target of the next acts
            _add_named(previous, one_by_one)
            continue
        later, between = _named_later(index, analyses[k:], nouns, memory)
        if later:
            # 'Four men were taken away at the airport. The men had been held since May.
            # The group named them as A, B, C and D.'
            for told in (previous, *between):
                _add_named(told, later)
            continue
        if previous.claim_type != "recommendation" and not any(
            ref.record.label == "METHOD" for ref in previous.sentence.spans
        ):
            continue  # a call to 'release five people' names no act but is about them
        among = _among(index, analysis.sentence)  # 'Among those wanted are A, B and C'
        named = among if among else _named_group(index, analysis.sentence, nouns)
        names = [
            name
            for name in named
            if not (memory.mentions is not None and memory.mentions.is_perpetrator(name))
        ]
        if len(names) < 2 or set(names) <= set(previous.targets):
            continue
        head = _named_group_head(index, analysis.sentence, nouns)
        if not _unnamed_group(
            index,
            previous.sentence,
            len(names),
            nouns,
            head,
            at_least=bool(among),
            acted_on=previous.claim_type != "recommendation",
        ):
            continue
        if (
            head is None
            and not among
            and _count_of_group(index, previous.sentence, nouns) != len(names)
        ):
            continue  # a bare list of names must be counted: 'three citizens' ... A, B and C
        _add_named(previous, names)


def _add_named(previous: Analysis, names: list[str]) -> None:
    """Add ``names`` to the claim of ``previous`` as ``TARGET.named_next``."""
    for name in names:
        if name not in previous.targets:
            previous.targets.append(name)
            previous.target_rules.append(TargetDecision(name=name, rule="TARGET.named_next"))
    if previous.claim_type in ("statistic", "pattern"):
        # the count was a detail of one event on named people
        previous.claim_type, previous.type_id = "incident", "TYPE.named_target_event"


ONE_BY_ONE_SENTENCES = 3
"""How many sentences after a counted group may name its people one at a time."""


def _named_one_by_one(
    index: DocIndex, analyses: list[Analysis], first_named: dict[str, int], nouns: frozenset[str]
) -> list[str]:
    """The people of a counted group ('two people', 'three activists') with no target of
    its own, when each of the next claims names one or more of them for the first time as
    targets, until the count is reached exactly; else []."""
    previous = analyses[0]
    if previous.targets or not any(r.record.label == "METHOD" for r in previous.sentence.spans):
        return []
    count = _count_of_group(index, previous.sentence, nouns)
    if count is None or count < 2:
        return []
    if not _unnamed_group(index, previous.sentence, count, nouns, acted_on=True):
        return []
    found: list[str] = []
    for later in analyses[1 : ONE_BY_ONE_SENTENCES + 1]:
        if later.index - previous.index > ONE_BY_ONE_SENTENCES or later.claim_rule is None:
            break
        s0, s1 = later.sentence.span.start, later.sentence.span.end
        new = [name for name in later.targets if s0 <= first_named.get(name, -1) < s1]
        if not new:
            break
        found.extend(name for name in new if name not in found)
        if len(found) >= count:
            break
    return found if len(found) == count else []


LATER_SENTENCES = 3
"""How many sentences after a counted group may name its people together."""


def _named_later(
    index: DocIndex, analyses: list[Analysis], nouns: frozenset[str], memory: Memory
) -> tuple[list[str], list[Analysis]]:
    """The people of a counted group acted on ('Four men were taken away') with no target of
    its own, when one of the next :data:`LATER_SENTENCES` sentences names exactly that many
    people together ('The group named them as A, B, C and D'); with them, the claims in
    between that refer to the group by a definite plural with no target ('The men had been
    held since May'). Else two empty lists."""
    previous = analyses[0]
    if previous.targets or not any(r.record.label == "METHOD" for r in previous.sentence.spans):
        return [], []
    count = _count_of_group(index, previous.sentence, nouns)
    if count is None or count < 2:
        return [], []
    if not _unnamed_group(index, previous.sentence, count, nouns, acted_on=True):
        return [], []
    between: list[Analysis] = []
    for later in analyses[1:]:
        if later.index - previous.index > LATER_SENTENCES:
            break
        names = [
            name
            for name in named_together(index, later.sentence)
            if not (memory.mentions is not None and memory.mentions.is_perpetrator(name))
        ]
        if len(names) == count and not _listed_as_doers(index, later, names[0]):
            return names, [a for a in between if _refers_to_a_group(index, a, nouns)]
        if later.targets:
            break  # others acted on come between: the count is not theirs
        between.append(later)
    return [], []


def _listed_as_doers(index: DocIndex, analysis: Analysis, first: str) -> bool:
    """'A, B and C took instructions from the police': people listed as the subject of an
    active verb that is not 'be' do something; they are not the group acted on."""
    for ref in analysis.sentence.spans:
        if ref.record.name == first and ref.record.label == "PERSON":
            verb = index.head[ref.root]
            return index.dep[ref.root] == "nsubj" and index.lemma[verb] != "be"
    return False


def _refers_to_a_group(index: DocIndex, analysis: Analysis, nouns: frozenset[str]) -> bool:
    """A claim whose subject is a definite group phrase ('The men, all members of ...')."""
    if analysis.claim_rule is None:
        return False
    return any(
        index.dep[i] in ("nsubj", "nsubjpass")
        and _group_head(index, i, nouns)
        and any(c.lower_ in ("the", "all") for c in index.children(i))
        for i in range(analysis.sentence.span.start, analysis.sentence.span.end)
    )


def group_named(index: DocIndex, sentence: Sentence) -> list[str]:
    """The people a sentence names as one group, for the group phrases of the sentences
    after it ('The two, A and B, left ...'; 'A, a journalist, and B, a lawyer, are ...')."""
    nouns = describing_nouns(index) | index.words.FAMILY_NOUNS | PAIR_NOUNS | MEMBER_NOUNS
    names = _named_group(index, sentence, nouns)
    return names if len(names) > 1 else []


def _named_group(index: DocIndex, sentence: Sentence, nouns: frozenset[str]) -> list[str]:
    """The people a sentence names for its subject group: in apposition to it ('The men,
    A and B, were ...') or after the verb of a copula ('Those placed on the list are A,
    B and C'; 'They were A, B and C', opening the sentence)."""
    s0, s1 = sentence.span.start, sentence.span.end
    for i in range(s0, s1):
        if index.dep[i] not in ("nsubj", "nsubjpass") or index.named(i) is not None:
            continue
        verb = index.head[i]
        they_are = i == s0 and index.lower[i] == "they" and index.lemma[verb] == "be"
        if not (they_are or _group_head(index, i, nouns)):
            continue  # 'They were A, B and C': the group just told, named
        if index.lemma[verb] == "be":
            region = set(range(verb + 1, s1))
        else:
            region = {t.i for t in index.doc[i].subtree}
            if i + 1 < verb and index.lower[i + 1] == ",":
                # 'The two, A and B, left ...': the names set off after the group, however
                # the parser hangs them
                region |= set(range(i, verb))
        return _people_in(index, sentence, region, lambda dep: dep not in ("poss", "pobj"))
    return _listed_subjects(index, sentence) or _listed_objects(index, sentence)


def _among(index: DocIndex, sentence: Sentence) -> list[str]:
    """The people a sentence opening 'Among those wanted are A, B and C' (or 'Among them
    are ...') names as members of the group before it: the names after its verb 'be'."""
    s0, s1 = sentence.span.start, sentence.span.end
    if index.lower[s0] != "among":
        return []
    verb = next(
        (k for k in range(s0, s1) if index.dep[k] == "ROOT" and index.lemma[k] == "be"), None
    )
    if verb is None:
        return []
    region = {t.i for t in index.doc[verb].subtree if t.i > verb}
    return _people_in(index, sentence, region, lambda dep: dep not in ("poss", "pobj"))


def _people_in(
    index: DocIndex, sentence: Sentence, region: set[int], fits: Callable[[str], bool]
) -> list[str]:
    """The named people of ``sentence`` whose head lies in ``region`` with a dependency
    that ``fits``, in order, each once."""
    names: list[str] = []
    for ref in sentence.spans:
        if (
            ref.record.label == "PERSON"
            and ref.record.name
            and ref.root in region
            and fits(index.dep[ref.root])
            and ref.record.name not in names
        ):
            names.append(ref.record.name)
    return names


def _listed_subjects(index: DocIndex, sentence: Sentence) -> list[str]:
    """The people a sentence lists as the subject of its main verb when it tells what they
    are or what was done to them ('A, a former officer, B, a journalist, and C, a
    businessman, are members of ...'; '... were detained'; 'Her brother, A, and two
    cousins, B and C, were taken ...'), in order."""
    for i in range(sentence.span.start, sentence.span.end):
        if index.dep[i] not in ("nsubj", "nsubjpass") or not _main_clause(index, index.head[i]):
            continue
        verb = index.head[i]
        if (
            index.dep[i] == "nsubj"
            and index.lemma[verb] != "be"
            and index.has_child(verb, ("dobj", "ccomp", "xcomp", "dative"))
        ):
            return []  # 'A and B took instructions to monitor ...': doers, not the group
        first = index.named(i, ("PERSON",))
        if first is None and not _relative_named_there(index, i):
            return []
        region = {t.i for t in index.doc[i].subtree}
        return _people_in(
            index, sentence, region, lambda dep: dep in ("nsubj", "nsubjpass", "appos", "conj")
        )
    return []


def _listed_objects(index: DocIndex, sentence: Sentence) -> list[str]:
    """The people a sentence lists as the object of its main verb ('The court convicted A,
    B and C of ...'), in order; only a bare list, which must match a count before it."""
    for i in range(sentence.span.start, sentence.span.end):
        if index.dep[i] != "dobj" or not _main_clause(index, index.head[i]):
            continue
        if index.named(i, ("PERSON",)) is None:
            return []
        region = {t.i for t in index.doc[i].subtree}
        return _people_in(index, sentence, region, lambda dep: dep in ("dobj", "appos", "conj"))
    return []


def _main_clause(index: DocIndex, verb: int) -> bool:
    """The sentence's main verb, also under a reporting verb ('..., the group said')."""
    return index.dep[verb] == "ROOT" or (
        index.dep[verb] == "ccomp"
        and index.dep[index.head[verb]] == "ROOT"
        and index.lemma[index.head[verb]] in index.words.SPEECH_VERBS
    )


def _relative_named_there(index: DocIndex, i: int) -> bool:
    """'Her brother, A, and two cousins, B and C, were ...': a relative noun with the
    relative's name set beside it lists people as a name would."""
    return index.lemma[i] in index.words.FAMILY_NOUNS and any(
        c.dep_ == "appos" and index.named(c.i, ("PERSON",)) for c in index.children(i)
    )


def _count_of_group(index: DocIndex, sentence: Sentence, nouns: frozenset[str]) -> int | None:
    """The number an unnamed plural phrase of the sentence gives ('three citizens'; 'a
    couple' is two)."""
    for i in range(sentence.span.start, sentence.span.end):
        if index.lemma[i] in PAIR_NOUNS and index.named(i) is None:
            return 2  # 'detained a couple at the airport'
        if index.lemma[i] in nouns and index.tag[i] == "NNS" and index.named(i) is None:
            count = _count(index, [i])
            if count is not None:
                return count
    return None


def _named_group_head(index: DocIndex, sentence: Sentence, nouns: frozenset[str]) -> str | None:
    """The lemma of the group noun a sentence names people for ('The couple, A and B')."""
    for i in range(sentence.span.start, sentence.span.end):
        if index.dep[i] in ("nsubj", "nsubjpass") and _group_head(index, i, nouns):
            return index.lemma[i]
    return None


def _group_head(index: DocIndex, i: int, nouns: frozenset[str]) -> bool:
    """'the men', 'the two women', 'the three', 'those', 'both', 'the couple'."""
    if index.lower[i] in GROUP_WORDS:
        return True
    if index.pos[i] == "NUM":
        return any(c.lower_ in ("the", "all") for c in index.children(i))
    if index.lemma[i] in PAIR_NOUNS:
        return any(c.lower_ == "the" for c in index.children(i))
    return index.tag[i] == "NNS" and index.lemma[i] in nouns


def _unnamed_group(
    index: DocIndex,
    sentence: Sentence,
    size: int,
    nouns: frozenset[str],
    head: str | None = None,
    *,
    at_least: bool = False,
    acted_on: bool = False,
) -> bool:
    """Whether the sentence has an unnamed plural phrase for people that the act touches
    ('four activists', 'the father and two brothers of X', 'two sisters of X') and that
    counts ``size`` people when it gives a number; or a pair the next sentence names by the
    same noun ('a couple and a fellow activist' ... 'The couple, A and B'). With
    ``acted_on``, the phrase must be a METHOD's patient (not suspects arrested for one)."""
    s0, s1 = sentence.span.start, sentence.span.end
    for i in range(s0, s1):
        if index.named(i) is not None or index.lemma[i] not in nouns:
            continue
        if index.dep[i] == "conj":
            continue  # counted with the first conjunct
        if index.lemma[i] in index.words.PERPETRATOR_NOUNS:
            continue
        members = [i] + [
            t.i
            for t in index.doc[i].subtree
            if t.dep_ == "conj" and t.i > i and index.lemma[t.i] in nouns
        ]
        if not any(index.tag[k] == "NNS" or index.lemma[k] in PAIR_NOUNS for k in members):
            continue
        role = target_role(index, i, has_method=True)
        if role == "exclude" or (role is None and not fallback_role(index, i, False)):
            continue
        if acted_on and not _under_a_method(index, i):
            continue  # 'Three people have been arrested' for a killing: the suspects
        if head in PAIR_NOUNS and size == 2 and any(index.lemma[k] == head for k in members):
            return True  # 'a couple and a fellow activist' ... 'The couple, A and B'
        family = index.words.FAMILY_NOUNS
        if head in family and all(
            index.lemma[k] in family and index.lemma[k] != head for k in members
        ):
            continue  # 'The brothers were questioned.' ... 'His parents, A and B, ...': others
        count = _count(index, members)
        if count is None or count == size or (at_least and count > size):
            return True  # 'Among them are A and B': some of the counted, named
    return False


def _under_a_method(index: DocIndex, i: int) -> bool:
    """Whether the phrase at ``i`` is a METHOD's patient: inside its span, hung on a METHOD
    word or on the verb of a METHOD phrase ('forced to return'), or put where a METHOD is
    ('put 12 bloggers on a wanted list'; not 'arrested in the killing of X')."""
    head = index.head[i]
    placed = (
        t.i
        for c in index.children(head)
        if c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ in PLACING_PREPOSITIONS)
        for t in c.subtree
    )
    return (
        any(t.i in index.method_tokens for t in index.doc[i].subtree)  # parser's hanging
        or head in index.method_tokens
        or any(k in index.method_tokens for k in placed)
        or (index.pos[head] == "ADP" and index.head[head] in index.method_tokens)
    )


PLACING_PREPOSITIONS = frozenset({"on", "onto", "to", "into"})
"""Prepositions that place people in a METHOD ('on a wanted list', 'added to the list')."""


def _count(index: DocIndex, members: list[int]) -> int | None:
    """How many people the coordinated nouns count ('the father and two brothers': 3);
    None when a plural gives no number ('his parents', 'relatives')."""
    total = 0
    for k in members:
        numbers = [c.i for c in index.children(k) if c.dep_ == "nummod"]
        if numbers:
            value = number_value(index, numbers[0])
            if not isinstance(value, int):
                return None
            total += value
        elif index.tag[k] == "NNS":
            return None
        else:
            total += 2 if index.lemma[k] in PAIR_NOUNS else 1
    return total
