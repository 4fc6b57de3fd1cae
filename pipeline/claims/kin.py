"""Targets through relatives and counsel: a relative named beside a family noun, 'the
family', and a lawyer's 'client'.

GUIDELINES: a relative held or punished who is named ("X's wife, Mara, was
interrogated") is a target with X; 'the family' acted on, with no owner of its own, is the
family of the one the story is about. 'Her client' is the one whose lawyer 'she' is, never
the lawyer. Read on the tokens and the sentence's mentions for
:func:`tnr_claims.claims.targets.find_targets`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tnr_claims.claims.genders import word_gender
from tnr_claims.claims.mentions import PRONOUN_GENDERS, SPOUSE_NOUNS

if TYPE_CHECKING:
    from tnr_claims.claims.index import DocIndex, Memory, Sentence, SpanRef


REPRISAL_CODES = frozenset({"RELATIVE_REPRISAL", "EMPLOYMENT_REPRISAL", "FAMILY_PRESSURE"})
"""Codes of acts on relatives that reach the one abroad where the sentence names the
relative only by a family noun ('police questioned his mother'); a relative the document
has named is reached by any act on him (:func:`owners_of_relatives`)."""


def is_reprisal(sentence: Sentence) -> bool:
    """Whether the sentence names an act on relatives that reaches the one abroad."""
    return any(
        ref.record.label == "METHOD" and ref.record.code in REPRISAL_CODES for ref in sentence.spans
    )


def named_relatives(
    index: DocIndex, person_starts: dict[int, SpanRef], mentions: list[tuple[int, str, bool]]
) -> list[tuple[int, str]]:
    """Each name set right after a family noun ('her cousin, Omar Said', 'a relative of
    Ruiz's, Omar Said', 'his brother Omar'), with the one whose relative it is: the family
    noun's possessor or the name in its 'of' phrase, as resolved in ``mentions``. Read on
    the tokens, for the parser often hangs such a name on the verb."""
    found: list[tuple[int, str]] = []
    for root, name, owner in _relatives_with_owners(index, person_starts, mentions):
        found.append((root, name))
        if owner is not None:
            found.append(owner)
    return found


def _relatives_with_owners(
    index: DocIndex, person_starts: dict[int, SpanRef], mentions: list[tuple[int, str, bool]]
) -> list[tuple[int, str, tuple[int, str] | None]]:
    """``(root, name, owner)`` of each name set after a family noun (see
    :func:`named_relatives`), and of each name described in apposition as a named person's
    relative ('A, the father of B'); ``owner`` is ``(root, name)`` when resolved."""
    named_at = {root: name for root, name, _ in mentions}
    found: list[tuple[int, str, tuple[int, str] | None]] = []
    listed: dict[int, tuple[int, str] | None] = {}  # a relative's end -> whose relative
    owner_of_noun: dict[int, tuple[int, str] | None] = {}  # family noun -> whose relative
    for start, ref in sorted(person_starts.items()):
        j = start - 1
        if j >= 1 and index.lower[j] in ("and", ",") and j - 1 in listed:
            # 'his brothers, Badr and Nawaf Saleh': the next one listed is his too
            listed[ref.end - 1] = listed[j - 1]
            found.append((ref.root, ref.record.name or "", listed[j - 1]))
            continue
        if j >= 0 and index.lower[j] == ",":
            j -= 1
        owner: int | None = None
        if j >= 0 and index.lower[j] in ("'s", "’s"):
            j -= 1
        k = j
        while k >= 0 and index.span_at[k] >= 0 and index.span_at[k] == index.span_at[j]:
            k -= 1  # over the owner's name in 'a relative of Ruiz's, Omar Said'
        if k < j and k >= 1 and index.lower[k] == "of":
            owner, j = j, k - 1
        if j < 0 or index.lemma[j] not in index.words.FAMILY_NOUNS:
            continue
        if owner is None:
            owner = next((c.i for c in index.children(j) if c.dep_ == "poss"), None)
        resolved = None
        if owner is not None:
            named = index.named(owner, ("PERSON",))
            owner_root = named.root if named is not None else owner
            if owner_root in named_at:
                resolved = (owner_root, named_at[owner_root])
            resolved = _owner_of_joined(index, j, owner_of_noun, found, resolved)
        owner_of_noun[j] = resolved
        found.append((ref.root, ref.record.name or "", resolved))
        listed[ref.end - 1] = resolved
    named_roots = {ref.root: ref for ref in person_starts.values()}
    for root, name, _ in mentions:
        owner_root = _relative_described(index, root, named_roots)
        if owner_root is not None and owner_root in named_at:
            found.append((root, name, (owner_root, named_at[owner_root])))
    return found


def _owner_of_joined(
    index: DocIndex,
    j: int,
    owner_of_noun: dict[int, tuple[int, str] | None],
    found: list[tuple[int, str, tuple[int, str] | None]],
    resolved: tuple[int, str] | None,
) -> tuple[int, str] | None:
    """The owner of family noun ``j`` joined to one listed before it: that one's owner ('his
    brother, A, and his mother, B': the second 'his' is the first's, not A), unless that
    owner is one of the relatives listed ('Ruiz's father, Pedro Ruiz', misread); else
    ``resolved``, as its possessor was resolved."""
    head = index.head[j]
    if head not in owner_of_noun and index.dep[head] == "appos":
        head = index.head[head]  # 'father, A, and his sister': joined to A
    if index.dep[j] != "conj" or head not in owner_of_noun or not _same_possessor(index, j, head):
        return resolved
    first = owner_of_noun[head]
    return first if first is None or first[1] not in {name for _, name, _ in found} else resolved


def _same_possessor(index: DocIndex, j: int, k: int) -> bool:
    """Whether family noun ``j``, joined to ``k``, has a possessive pronoun that stands for
    ``k``'s owner: the same pronoun ('his brother, A, and his mother, B'), or any after a
    named owner ('Ruiz's father, A, and his sister, B')."""
    own = [c.lower_ for c in index.children(j) if c.dep_ == "poss" and c.pos_ == "PRON"]
    other = [c for c in index.children(k) if c.dep_ == "poss"]
    if not own or not other:
        return False
    return other[0].pos_ == "PROPN" or [c.lower_ for c in other if c.pos_ == "PRON"] == own


def _relative_described(index: DocIndex, root: int, named: dict[int, SpanRef]) -> int | None:
    """'A, the 71-year-old father of the reporter B, was summoned': the root of B's name,
    when A's apposition is a family noun with an 'of' phrase that holds a named person."""
    for kin in index.children(root):
        if kin.dep_ != "appos" or kin.lemma_.lower() not in index.words.FAMILY_NOUNS:
            continue
        for prep in kin.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for t in index.doc[prep.i].subtree:
                if t.i in named and t.i != root:
                    return t.i
    return None


def _introduced_as_spouse(index: DocIndex, root: int) -> bool:
    """Whether the name at ``root`` is set after a spouse noun ('her husband, Obsa')."""
    ref = index.ref(root)
    k = ref.start - 1 if ref is not None else root - 1
    while k >= 0 and index.lower[k] in (",", "'s", "’s"):
        k -= 1
    return k >= 0 and index.lemma[k] in SPOUSE_NOUNS


CUSTODY_CODES = frozenset({"DETENTION", "PROSECUTION"})
"""Codes that are RELATIVE_REPRISAL when the one held or charged is a named relative."""

RELEASE_CALLS = frozenset({"free", "release"})
"""Verbs of a call to free a relative held: he is held, and the one abroad a target too."""


def _calls_to_free(index: DocIndex, i: int) -> bool:
    """'urged Vell to free X', 'X must be released': a call to free someone, not a release
    told ('X was released in June')."""
    if index.lemma[i] not in RELEASE_CALLS or index.pos[i] != "VERB":
        return False
    return index.dep[i] == "xcomp" or any(
        c.dep_ == "aux" and c.lower_ in ("must", "should") for c in index.children(i)
    )


ONE_PERSON = frozenset({"he", "him", "his", "she", "her"})
"""Pronouns that stand for the one relative named before ('He was arrested in May', 'at his
flat')."""


def remember_relatives(
    index: DocIndex,
    memory: Memory,
    person_starts: dict[int, SpanRef],
    mentions: list[tuple[int, str, bool]],
) -> None:
    """Remember whose relative (or spouse) each name set after a family noun is, as far as
    ``mentions`` resolve the owners ('his mother, A'; 'his wife, B')."""
    for root, relative, owner in _relatives_with_owners(index, person_starts, mentions):
        if owner is None or relative in (owner[1], ""):
            continue
        if _introduced_as_spouse(index, root):
            # a couple is often abroad together: neither is the other's lever
            memory.spouse_of.setdefault(relative, owner[1])
        else:
            memory.relative_of.setdefault(relative, owner[1])


def owners_of_relatives(
    index: DocIndex,
    sentence: Sentence,
    memory: Memory,
    person_starts: dict[int, SpanRef],
    mentions: list[tuple[int, str, bool]],
    chosen: list[tuple[int, str, str]],
) -> list[tuple[int, str, str]]:
    """Remember whose relative each name set after a family noun is ('his mother, A'; not a
    spouse), and give an act on such a relative (any METHOD, or a call to free him) that
    names him by name, by 'he' or 'she' or as 'the brother', but not the
    one abroad ('A and B were taken from the family's flat') that one too, as
    ``TARGET.relative_owner`` (GUIDELINES: a relative held or punished who is named is a
    target with the one whose relative he or she is)."""
    remember_relatives(index, memory, person_starts, mentions)
    s0, s1 = sentence.span.start, sentence.span.end
    if not any(ref.record.label == "METHOD" for ref in sentence.spans) and not any(
        _calls_to_free(index, i) for i in range(s0, s1)
    ):
        return []  # an act on the relative, or a call to free him ('urged Vell to free X')
    named = {name for _, name, _ in chosen}
    added = []
    for root, name, _ in chosen:
        if (
            index.named(root, ("PERSON",)) is None
            and index.lower[root] not in ONE_PERSON
            and not (index.tag[root] == "NN" and _one_described(index, root))
        ):
            continue  # 'the two men', 'they': the group is the people named, no one more
        if index.lower[root] == "his" and not _holds_or_punishes(sentence):
            continue  # 'officials cancelled his passport': his own document, not a reprisal
        owner = _first_of_kin(memory, name)
        if owner is not None and owner not in named:
            added.append((root, owner, "TARGET.relative_owner"))
            named.add(owner)
    return added


def _holds_or_punishes(sentence: Sentence) -> bool:
    """A METHOD other than a document measure or a seizure, which stay what they are
    whoever they hit (codebook, second set)."""
    return any(
        ref.record.label == "METHOD"
        and ref.record.code not in ("TRAVEL_RESTRICTION", "ASSET_FREEZE")
        for ref in sentence.spans
    )


def _one_described(index: DocIndex, root: int) -> bool:
    """'the brother', 'The 29-year-old technician': one relative named by a family noun or
    by a singular description with 'the' that the document's mentions resolved to him."""
    return index.lemma[root] in index.words.FAMILY_NOUNS or any(
        c.dep_ == "det" and c.lower_ == "the" for c in index.children(root)
    )


def _first_of_kin(memory: Memory, name: str) -> str | None:
    """The one whose relative ``name`` is, through relatives of relatives ('his father,
    A' and then 'His brother, B' read as A's son: B is the first one's kin too), up to the
    one who is no one's relative in the document; ``None`` when ``name`` is no relative."""
    owner = memory.relative_of.get(name)
    seen = {name}
    while owner is not None and owner in memory.relative_of and owner not in seen:
        seen.add(owner)
        owner = memory.relative_of[owner]
    return None if owner in seen else owner


COLLECTIVE_KIN = frozenset({"family", "relative"})
"""Nouns for a person's kin as a whole ('the family', 'the relatives')."""


def the_family(
    index: DocIndex,
    i: int,
    s0: int,
    owner: tuple[str, int] | None,
    last_named: str | None,
    memory: Memory,
) -> str | None:
    """Whose family 'the family' or 'the relatives' is, with no possessor or 'of' phrase
    of its own: the one whose relative speaks in the sentence ('His son said the family
    ...'), else the person named last in it, else the last target. Not after a family
    owned by a common noun in the same sentence ('holding a target's family hostage or
    punishing the family'): that family is anyone's."""
    if index.lemma[i] not in COLLECTIVE_KIN or index.pos[i] != "NOUN":
        return None
    if any(
        index.lemma[j] in index.words.FAMILY_NOUNS and _owned_by_a_common_noun(index, j)
        for j in range(s0, i)
    ):
        return None
    children = list(index.children(i))
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in children) or any(
        c.dep_ in ("poss", "prep", "nummod", "amod") for c in children
    ):
        return None
    if owner is not None:
        return owner[0]
    return last_named or memory.last_target


def _owned_by_a_common_noun(index: DocIndex, j: int) -> bool:
    """'a target's family', 'an exile's relatives' (the parser may hang the possessor on
    the next noun): the owner is anyone."""
    if any(c.dep_ == "poss" and c.pos_ == "NOUN" for c in index.children(j)):
        return True
    return j >= 2 and index.lower[j - 1] in ("'s", "’s") and index.pos[j - 2] == "NOUN"


def owns_a_client(index: DocIndex, i: int) -> bool:
    """Whether pronoun ``i`` is the possessor of 'client' ('her client', 'my clients')."""
    return index.dep[i] == "poss" and index.lemma[index.head[i]] in index.words.CLIENT_NOUNS


def client_of(
    index: DocIndex,
    memory: Memory,
    owner: tuple[str, int] | None,
    owned_name: str | None,
    lawyers: list[str | None],
) -> str | None:
    """Whom 'her client' means: the owner when the sentence has just named his lawyer ('His
    lawyer, Ana Ruiz, says his client ...'), else the client of the first of ``lawyers``
    (the pronoun's candidates: the person named last, the speaker) the document has named
    as someone's lawyer; None when no lawyer is known (then no one is the target, not the
    lawyer)."""
    if owner is not None and owned_name is not None:
        if index.lemma[owner[1]] in index.words.LAWYER_NOUNS:
            return owner[0]
    clients = memory.mentions.clients if memory.mentions is not None else {}
    return next((clients[name] for name in lawyers if name in clients), None)


def relatives_named_for(
    index: DocIndex, i: int, memory: Memory, mentions: list[tuple[int, str, bool]]
) -> list[str]:
    """The relatives a plural family noun stands for ('his brothers', 'my parents', 'both
    brothers') when the document names exactly two or more people by that noun ('his
    brothers, Nawaf and Turki' before): those people, in name order. 'His family' and
    'her relatives' stand for every relative the document named as that one's."""
    if index.lemma[i] in COLLECTIVE_KIN and index.pos[i] == "NOUN":
        return _kin_of_owner(index, i, memory, mentions)
    if index.tag[i] != "NNS" or index.lemma[i] not in index.words.FAMILY_NOUNS:
        return []
    if index.named(i, ("PERSON",)) is not None or memory.mentions is None:
        return []
    if i + 2 < len(index.lower) and index.lower[i + 1] == "," and index.named(i + 2, ("PERSON",)):
        return []  # 'his brothers, A and B,': the names stand right there
    if not any(
        c.dep_ == "poss" or (c.dep_ in ("det", "predet") and c.lower_ in ("the", "both"))
        for c in index.children(i)
    ):
        return []
    named = memory.mentions.descriptions.get(index.lemma[i], set())
    if not named and index.lemma[i] in MEMBERS_OF and index.doc[i].whitespace_:
        # 'her parents': A and B (not 'her parents-in-law'), hers when she is known
        whose = next((c.i for c in index.children(i) if c.dep_ == "poss"), None)
        owner = next((name for root, name, _ in mentions if root == whose), None)
        named = _one_of_each(memory, MEMBERS_OF[index.lemma[i]], owner)
    if i + 1 < len(index.lower) and index.named(i + 1, ("PERSON",)):
        # 'the brothers A and B C': the brothers named there, not others of the document
        end = index.doc[i].sent.end
        here = {ref.record.name for k in range(i + 1, end) if (ref := index.named(k, ("PERSON",)))}
        return sorted(named & here)
    return sorted(named) if len(named) >= 2 else []


def _kin_of_owner(
    index: DocIndex, i: int, memory: Memory, mentions: list[tuple[int, str, bool]]
) -> list[str]:
    """Everyone the document named as a relative (not the spouse) of the possessor of 'family'
    or 'relatives' at ``i`` ('his family', 'Ana Ruiz's relatives'), as resolved in
    ``mentions``; none when it has no possessor ('the family', 'relatives of exiles')."""
    whose = next((c.i for c in index.children(i) if c.dep_ == "poss"), None)
    owner = next((name for root, name, _ in mentions if root == whose), None)
    if owner is None:
        return []
    # not a spouse: a couple is often abroad together ('lives in Madrid with his wife, A')
    kin = {name for name, of in memory.relative_of.items() if of == owner}
    return sorted(kin - {owner})


def relative_named_for(
    index: DocIndex,
    i: int,
    memory: Memory,
    mentions: list[tuple[int, str, bool]],
    person_starts: dict[int, SpanRef],
) -> str | None:
    """The named relative a singular family noun with no name beside it stands for ('they
    are holding my father', said by the one whose father the document named before): the
    one person introduced by that noun as the relative of the noun's possessor, as
    resolved in ``mentions``; "" (no one) when every person so called is someone else's
    relative; None when the document does not tell (then the noun is read as any
    description)."""
    if index.tag[i] != "NN" or index.lemma[i] not in index.words.FAMILY_NOUNS:
        return None
    if memory.mentions is None or any(
        index.named(k, ("PERSON",)) for k in (i, i + 1, i + 2) if k < len(index.lower)
    ):
        return None  # 'his brother Omar', 'her father, Ali Said': the name stands there
    whose = next((c.i for c in index.children(i) if c.dep_ == "poss"), None)
    owner = next((name for root, name, _ in mentions if root == whose), None)
    if owner is None:
        return None
    called = memory.mentions.descriptions.get(index.lemma[i], set())
    found = [kin for kin, of in memory.relative_of.items() if of == owner and kin in called]
    if len(found) == 1:
        return found[0]
    if not found:
        # 'His daughter, A, said her father ...': her father is he (A's tie may be told in
        # this very sentence), and A, who speaks of him, is no lever of the act on him
        # (her mention leaves the sentence's targets)
        remember_relatives(index, memory, person_starts, mentions)
        converse = _converse(index, index.lemma[i], owner, memory)
        if converse:
            mentions[:] = [m for m in mentions if m[0] != whose]
            return converse
    others = {kin for kin in called if memory.relative_of.get(kin, owner) != owner}
    return "" if called and others == called else None


CONVERSE_NOUNS = {
    "father": ("daughter", "son", "child"),
    "mother": ("daughter", "son", "child"),
    "parent": ("daughter", "son", "child"),
    "son": ("father", "mother", "parent"),
    "daughter": ("father", "mother", "parent"),
    "brother": ("brother", "sister", "sibling"),
    "sister": ("brother", "sister", "sibling"),
}
"""Family noun -> what its possessor must have been introduced as for the noun to stand for
the one whose relative the possessor is ('his daughter, A, ...: her father' is he)."""


def _converse(index: DocIndex, noun: str, owner: str, memory: Memory) -> str | None:
    """The one ``owner`` was introduced as a relative or spouse of, when ``noun`` names that
    tie from ``owner``'s side ('his wife, A, said her husband ...'; 'his daughter, A, said
    her father ...')."""
    if noun in SPOUSE_NOUNS:
        return memory.spouse_of.get(owner)
    other = memory.relative_of.get(owner)
    descriptions = memory.mentions.descriptions if memory.mentions is not None else {}
    told = {kind for kind, names in descriptions.items() if owner in names}
    if other is None or not told & set(CONVERSE_NOUNS.get(noun, ())):
        return None
    return other


MEMBERS_OF = {"parent": ("father", "mother"), "sibling": ("brother", "sister")}
"""Plural family nouns that stand for one relative of each kind ('her parents')."""


def _one_of_each(memory: Memory, kinds: tuple[str, ...], owner: str | None) -> set[str]:
    """The one person the document names by each of ``kinds`` ('her father, A', 'her mother,
    B'), when each kind names exactly one, no two of them are known as relatives of
    different people, and, with an ``owner``, none is known as another's."""
    descriptions = memory.mentions.descriptions if memory.mentions is not None else {}
    found = [descriptions.get(kind, set()) for kind in kinds]
    if any(len(names) != 1 for names in found):
        return set()
    people = {next(iter(names)) for names in found}
    owners = {memory.relative_of[name] for name in people if name in memory.relative_of}
    if len(owners) > 1 or len(people) != len(kinds) or (owner and not owners <= {owner}):
        return set()
    return people


def subject_of_clause(index: DocIndex, i: int) -> int | None:
    """The subject of the verb a pronoun object or possessor hangs on, if any."""
    j = index.head[i]
    if index.dep[i] == "poss":
        j = index.head[j]
    if index.pos[j] not in ("VERB", "AUX"):
        return None
    for child in index.children(j):
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child.i
    return None


def unnamed_relatives_own(index: DocIndex, i: int) -> int | None:
    """The subject of the clause when possessive ``i`` is owned by it, a possessed family
    noun with no name beside it whose gender fits ('My brother lost his job', 'Her mother
    had her pension cut'); else ``None``."""
    if index.dep[i] != "poss":
        return None
    subject = subject_of_clause(index, i)
    if (
        subject is None
        or subject == index.head[i]  # 'Her mother was questioned': the owner of the subject
        or index.lemma[subject] not in index.words.FAMILY_NOUNS
        or index.tag[subject] != "NN"
        or not index.has_child(subject, ("poss",))
        or index.has_child(subject, ("appos",))
        or index.named(subject) is not None
    ):
        return None
    wanted = PRONOUN_GENDERS.get(index.lower[i])
    gender = word_gender(index.lemma[subject], index.words)
    return subject if wanted is not None and gender == wanted else None


def recent_not_owned(index: DocIndex, i: int, memory: Memory, number: int) -> str | None:
    """The person named just before, for pronoun ``i``; never one of the relatives its
    family noun names ('her mother, B, teaches ... summoned her parents': not B's)."""
    recent = memory.recent_person(number)
    owned = index.lemma[index.head[i]]
    if recent is None or index.dep[i] != "poss" or memory.mentions is None:
        return recent
    kinds = MEMBERS_OF.get(owned, (owned,))
    told = memory.mentions.descriptions
    return None if any(recent in told.get(kind, ()) for kind in kinds) else recent
