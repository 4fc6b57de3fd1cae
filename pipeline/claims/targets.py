"""Claim targets: the named people an act is aimed at (``TARGET_RULES``).

Named PERSON spans and resolved pronouns that are patients of the act; speakers,
officials, agents, possessors of unrelated things, and names that stand for a state or a
platform (``PLATFORM_NAMES``) are excluded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tnr_claims.claims.genders import agrees, group_agrees, word_gender
from tnr_claims.claims.groups import (
    LISTED_AFTER_SENTENCES,
    PLURAL_REFERENCE_PRONOUNS,
    family_named,
    group_phrase,
    lists_people_acted_on,
    named_before_in,
    named_together_before,
    plural_people_before,
    speakers_acted_on,
)
from tnr_claims.claims.index import inside_quotation
from tnr_claims.claims.kin import (
    client_of,
    is_reprisal,
    named_relatives,
    owners_of_relatives,
    owns_a_client,
    recent_not_owned,
    relative_named_for,
    relatives_named_for,
    subject_of_clause,
    the_family,
    unnamed_relatives_own,
)
from tnr_claims.claims.mentions import (
    FIRST_PERSON,
    PRONOUN_GENDERS,
    described_person,
    describing_nouns,
    description_at,
)
from tnr_claims.claims.narrative import owners_of_the_case
from tnr_claims.claims.occasions import counts_cases
from tnr_claims.claims.offices import is_official
from tnr_claims.claims.roles import (
    fallback_role,
    generic_pronoun,
    inside_phrase_of,
    target_role,
    told_by_a_name,
    unnamed_speaker_of_self,
)
from tnr_claims.claims.rules import DIRECT_PATIENT_RULES
from tnr_claims.claims.transcripts import (
    first_person,
    is_label,
    not_the_narrator,
    second_person,
)
from tnr_claims.records import TargetDecision

if TYPE_CHECKING:
    from tnr_claims.claims.index import DocIndex, Memory, Sentence


def pick_last_target(index: DocIndex, sentence: Sentence, targets: list[str]) -> str:
    """The target named last in the sentence (for pronoun resolution later)."""
    last = targets[-1]
    best = -1
    for ref in sentence.spans:
        if ref.record.label == "PERSON" and ref.record.name in targets and ref.start > best:
            best, last = ref.start, ref.record.name  # type: ignore[assignment]
    return last


def find_targets(  # noqa: C901
    index: DocIndex,
    sentence: Sentence,
    memory: Memory,
    speakers: set[int],
    denied: set[int],
    number: int = -1,
) -> list[TargetDecision]:
    """Named targets of the act in the sentence (TARGET_RULES), pronouns resolved, each with
    the id of the rule that made it a target (the first mention decides).

    ``denied`` holds the tokens inside a main-clause negation: a person already known as a
    target who appears there is a target too ('There is no record that he ever entered ...').
    """
    s0, s1 = sentence.span.start, sentence.span.end
    nouns = describing_nouns(index)
    has_method = any(ref.record.label == "METHOD" for ref in sentence.spans)
    has_event = has_method or any(index.is_event(i) for i in range(s0, s1))
    mentions: list[tuple[int, str, bool]] = []
    last_named: str | None = None
    last_root = -1
    blocked = False
    blocker_gender: str | None = None  # of the unnamed person who blocks, when told
    named_before_blocker: str | None = None
    owner: tuple[str, int] | None = None
    owned_name: str | None = None  # the name given to the owner's relative, if any
    owner_gender: str | None = None  # the owner's, when 'his' or 'her' or the document tells
    only_as_patient: set[int] = set()  # plural pronouns: targets only where acted on
    counted = counts_cases(index, sentence)
    people = [r for r in sentence.spans if r.record.label == "PERSON" and r.record.name]
    person_starts = {ref.start: ref for ref in people if not is_label(memory, ref)}
    for i in range(s0, s1):
        ref = person_starts.get(i)
        if ref is not None:
            name = ref.record.name or ""
            if is_official(index, ref, sentence):
                memory.officials.add(name)
            family = family_named(index, ref)  # 'the Hojas': 'Ana Hoja' and 'Ivo Hoja'
            mentions.extend((ref.root, member, False) for member in family or [name])
            if _owns_a_person(index, ref.root, nouns):
                # 'When Ana's cousin arrived, police jailed him': 'him' is the cousin, not
                # named; no antecedent, not even from memory. But 'Ana's mother told him': a
                # pronoun object is never its own clause's
                # subject, so there 'him' is Ana.
                owner = (name, index.head[ref.root])
                owned_name = None
                owner_gender = memory.mentions.genders.get(name) if memory.mentions else None
                last_named, last_root, blocked = None, -1, True
                blocker_gender = None
            elif owner is not None and _names_the_owned(index, ref.root, owner[1]):
                owned_name = name  # 'Ana's lawyer, Luis Vela, said he ...': 'he' is still Ana
            elif name not in memory.officials and not told_by_a_name(index, ref.root):
                last_named, last_root, blocked, owner = name, ref.root, False, None
        elif memory.mentions is not None and i in memory.mentions.perpetrator_pronouns:
            continue  # 'the suspect fled ... police arrested him': the suspect
        elif (
            index.lower[i] in index.words.PERSON_PRONOUNS
            and index.pos[i] == "PRON"
            and not generic_pronoun(index, i, s0, s1)
        ):
            relative = unnamed_relatives_own(index, i)
            if relative is not None:
                # 'My brother lost his job': his own job; a relative the document named as
                # such is the one meant ('My father lost his post' after 'my father, Y,')
                named = (
                    memory.mentions.resolve(index.lemma[relative], fallback=False)
                    if memory.mentions is not None
                    else None
                )
                if named is not None:
                    mentions.append((i, named, True))
                continue
            if owns_a_client(index, i):
                # 'Ruiz said her client had been threatened': the one Ruiz represents
                lawyers = [last_named, *_speaker_names(sentence, speakers)]
                client = client_of(index, memory, owner, owned_name, lawyers)
                if client is not None:  # in the part 'client' plays
                    mentions.append((index.head[i], client, True))
                    last_named, last_root, blocked, owner = client, i, False, None
                continue
            antecedent = last_named
            wanted = PRONOUN_GENDERS.get(index.lower[i])
            # 'a man from the embassy followed her': an unnamed man is no 'her'
            blocks = blocked and (blocker_gender is None or wanted in (None, blocker_gender))
            if blocked and not blocks and named_before_blocker is not None:
                if agrees(memory, named_before_blocker, index.lower[i]):
                    antecedent = named_before_blocker  # 'A said a man followed her': A
            if (
                owner is not None
                and wanted is not None
                and word_gender(index.lemma[owner[1]], index.words) in (wanted, None)
                and (owned_name is not None or word_gender(index.lemma[owner[1]], index.words))
                and owner_gender not in (None, wanted)
            ):
                # 'His wife, Mara, said officials refused to renew her passport': 'her' is
                # the wife (named or not), not the man whose wife she is; so is 'his' after
                # 'Her colleague Reza Tan said' (a named one of no told gender)
                if owned_name is not None:
                    mentions.append((i, owned_name, True))
                    if is_reprisal(sentence):
                        # a named relative held or punished is a target with the one whose
                        # relative he or she is (GUIDELINES)
                        mentions.append((i, owner[0], True))
                continue
            if owner is not None and (
                subject_of_clause(index, i) == owner[1]
                or owner[1] in speakers
                or (index.tag[owner[1]] == "NNS" and index.lower[i] in index.words.PERSON_PRONOUNS)
            ):
                # 'Ana's family said he had been poisoned': the one whose family speaks; 'her
                # parents' flat ... took her brother': 'her' is no one of the parents
                antecedent = owner[0]  # and so are the pronouns after this one
                last_named, last_root, blocked, owner = antecedent, i, False, None
            if antecedent is None and not blocks:
                antecedent = _later_speaker(index, i, sentence, speakers, memory, number)
            if antecedent is not None and inside_phrase_of(index, i, last_root):
                antecedent = None
            if not blocks:
                antecedent = (
                    antecedent
                    or _held_just_before(index, i, memory, number)
                    or memory.recent_of_told_gender(index.lower[i], number)
                    or memory.last_target
                    or memory.recent_person(number)
                )
            if not inside_quotation(index, sentence, i):  # 'my mother, A ... arrest her': A
                antecedent = not_the_narrator(memory, sentence, antecedent, index.lower[i], number)
            if antecedent and not agrees(memory, antecedent, index.lower[i]):
                # 'her brother, Asad, was held ... she said': not Asad; the target before
                fallback = memory.last_target
                if not (fallback and agrees(memory, fallback, index.lower[i])):
                    fallback = recent_not_owned(index, i, memory, number)  # 'Kaveh ... He was held'
                agreeing = fallback and agrees(memory, fallback, index.lower[i])
                antecedent = fallback if agreeing and not blocks else None
            if antecedent is None and not blocks and index.dep[i] == "poss":
                # no one before it fits: 'her passport' is the person the report is about's
                # (a possessive only: a bare 'he' there is more often someone just described)
                principal = memory.mentions.dominant if memory.mentions else None
                if principal and agrees(memory, principal, index.lower[i]):
                    antecedent = principal
            if antecedent:
                mentions.append((i, antecedent, True))
                if _owns_a_person(index, i, nouns):
                    # 'His lawyer, Selin Aydin, said he ...': 'he' is still his
                    owner = (antecedent, index.head[i])
                    owned_name, owner_gender = None, PRONOUN_GENDERS.get(index.lower[i])
                    last_named, last_root, blocked = None, -1, True
                    blocker_gender = None
        elif (
            has_method
            and index.lower[i] in FIRST_PERSON
            and index.pos[i] == "PRON"
            and (quoted := _quoting_person(index, sentence, i, speakers, memory, number))
        ):
            # '"They told my mother ...," said Ana Ruiz'; '"My client ...," said his lawyer'
            if not owns_a_client(index, i):
                mentions.append((i, quoted, True))
            elif (client := client_of(index, memory, None, None, [quoted])) is not None:
                mentions.append((index.head[i], client, True))
        elif (
            (has_method or index.lemma[index.head[i]] in index.words.FAMILY_NOUNS)
            and index.lower[i] in FIRST_PERSON
            and index.pos[i] == "PRON"
            and (first := first_person(memory, sentence))
            and not inside_quotation(index, sentence, i)
        ):
            # an op-ed's 'my father was detained': its author; a transcript's: the label's
            # ('a call to my sister, A': A is the author's sister, told for later acts)
            mentions.append((i, first, True))
        elif (
            has_method
            and index.lower[i] in ("you", "your")
            and (other := second_person(memory, sentence))
            and not inside_quotation(index, sentence, i)
        ):
            mentions.append((i, other, True))  # 'HOST: ... on your head': the guest's
        elif (
            relative := relative_named_for(index, i, memory, mentions, person_starts)
        ) is not None:
            mentions.extend((i, name, True) for name in [relative] if name)  # 'my father'
        elif (
            description_at(index, i, nouns)
            and _not_a_span_head(index, i)
            and not (index.dep[i] == "appos" and index.named(index.head[i], ("PERSON",)))
            and not counted  # 'In 33 of the cases, the exile ...': any exile, no one named
            and (described := described_person(memory.mentions, index, i))
        ):
            mentions.append((i, described, True))
            if (
                (
                    index.dep[i] in ("nsubj", "nsubjpass")
                    or index.lemma[i] in index.words.PARTY_NOUNS
                )
                and index.lemma[i] not in index.words.FAMILY_NOUNS
                and any(c.dep_ == "det" for c in index.children(i))
                and not any(c.dep_ in ("poss", "appos") for c in index.children(i))
                and described in memory.mentions.descriptions.get(index.lemma[i], ())
            ):
                # 'A critic living in Paris says he was abducted': 'he' is the critic (not
                # 'his lawyer', nor a noun a name stands beside, nor 'a man' read as the
                # person the report is about for want of anyone described so); a party
                # anywhere ('the Appellant's account is that police questioned his mother')
                last_named, last_root, blocked, owner = described, i, False, None
        elif kin := relatives_named_for(index, i, memory, mentions):
            mentions.extend((i, name, True) for name in kin)  # 'his brothers': A and B
        elif (
            index.pos[i] in ("NOUN", "NUM", "PRON")
            and len(named := named_before_in(index, i, person_starts, speakers, memory)) > 1
            and group_phrase(index, i, len(named), nouns)
        ):
            # 'A was flying home with her partner B when police detained the couple'
            mentions.extend((i, name, True) for name in named)
        elif (
            (group := memory.group_meant(index, i))
            and group_phrase(index, i, len(group), nouns)
            and group_agrees(memory, index.lemma[i])
        ):
            # 'The three were deported', 'the detained activists were flown to Hanoi'
            mentions.extend((i, name, True) for name in group)
        elif memory.mentions is not None and (pair := memory.mentions.couple_meant(index, i)):
            mentions.extend((i, name, True) for name in pair)  # 'the couple': A and B
        elif speaking := speakers_acted_on(index, i, person_starts, speakers):
            mentions.extend((i, name, True) for name in speaking)  # 'A and B said they were'
        elif index.lower[i] in PLURAL_REFERENCE_PRONOUNS and index.pos[i] == "PRON":
            # 'A and B noticed a man following them'; 'A and B were deported. Their ...'
            group = named_together_before(index, sentence, i, person_starts)
            if (
                not group
                and memory.last_group
                and 0 < number - memory.last_group_at <= 1
                and not plural_people_before(index, s0, i, nouns)
            ):
                group = memory.last_group  # not 'visited his parents, pressing them
            mentions.extend((i, name, True) for name in group)
            only_as_patient.add(i)
        elif has_method and (kin := the_family(index, i, s0, owner, last_named, memory)):
            # 'His son said the family had received threats': the one the story is about
            mentions.append((i, kin, True))
        elif _unnamed_person(index, i, nouns):
            # 'agents pressured a cousin and his wife': 'his' is the cousin's
            named_before_blocker = last_named
            last_named, last_root, blocked, owner = None, -1, True, None
            blocker_gender = word_gender(index.lemma[i], index.words)

    strong: list[tuple[int, str, str]] = []
    weak: list[tuple[int, str, str]] = []
    for root, name, pronoun in mentions:
        if root in speakers:
            continue
        if memory.mentions is not None and memory.mentions.is_perpetrator(name):
            continue
        if _not_a_person(index, name):
            continue
        verdict = target_role(index, root, has_method)
        if verdict == "exclude":
            continue
        official = not pronoun and name in memory.officials
        known = name in memory.known_targets
        if official and verdict not in DIRECT_PATIENT_RULES:
            continue
        if verdict is not None:
            strong.append((root, name, verdict))
        elif (
            not official
            and root not in only_as_patient
            and not unnamed_speaker_of_self(index, root)
            and (
                (has_event and fallback_role(index, root, False))
                or (known and root in denied and fallback_role(index, root, True))
            )
        ):
            weak.append((root, name, "TARGET.incident_person"))
    if is_reprisal(sentence):
        # 'police arrested her cousin, Omar Said': the relative named and the one whose
        # relative he is are both targets (GUIDELINES), however the parser hangs the name
        strong += [
            (root, name, "TARGET.named_relative")
            for root, name in named_relatives(index, person_starts, mentions)
            if root not in speakers
            and all(name != known for _, known, _ in strong)
            and not (memory.mentions is not None and memory.mentions.is_perpetrator(name))
        ]
    chosen = strong or weak or owners_of_the_case(index, mentions, memory)
    chosen += owners_of_relatives(index, sentence, memory, person_starts, mentions, chosen)
    if (
        not chosen
        and memory.last_method is not None
        and 0 < number - memory.last_method <= LISTED_AFTER_SENTENCES
        and lists_people_acted_on(index, sentence, nouns)
    ):
        # 'Among those affected are A and B', 'The victims were A and B'
        chosen = [
            (root, name, "TARGET.listed")
            for root, name, pronoun in mentions
            if not pronoun
            and root not in speakers
            and not index.in_relcl(root)  # 'A, whose father, B, lives abroad': not B
            and not (memory.mentions is not None and memory.mentions.is_perpetrator(name))
        ]
    if not chosen and _act_told_again(index, sentence):
        # 'X says he believes the attack was ordered from Baku': the one whose attack it is
        chosen = [
            (root, name, "TARGET.own_case")
            for root, name, _ in mentions
            if (root in speakers or _owns_a_speaker(index, root, speakers))
            and name in memory.known_targets
        ][:1]
    decisions: list[TargetDecision] = []
    for _, name, rule_id in sorted(chosen):
        if all(d.name != name for d in decisions):
            decisions.append(TargetDecision(name=name, rule=rule_id))
    return decisions


def _quoting_person(
    index: DocIndex,
    sentence: Sentence,
    i: int,
    speakers: set[int],
    memory: Memory,
    number: int,
) -> str | None:
    """The named person whose quotation holds token ``i`` (a first-person pronoun); for
    '"..., " he said', the person who spoke last, within a few sentences."""
    if not inside_quotation(index, sentence, i):
        return None
    for ref in sentence.spans:
        if ref.record.label == "PERSON" and ref.root in speakers and ref.record.name:
            return ref.record.name
    if any(index.lower[k] in index.words.SUBJECT_PRONOUNS for k in speakers):
        return memory.recent_speaker(number)  # as a pronoun speaker resolves
    for k in speakers:  # '"My mother is punished for my poems," the poet said': the poet
        if index.tag[k] == "NN" and any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in index.children(k)
        ):  # not 'a neighbour told me': someone else
            if described := described_person(memory.mentions, index, k):
                return described
    return None


def _speaker_names(sentence: Sentence, speakers: set[int]) -> list[str | None]:
    """The names of the people who speak in the sentence."""
    return [
        ref.record.name
        for ref in sentence.spans
        if ref.record.label == "PERSON" and ref.root in speakers
    ]


def _owns_a_speaker(index: DocIndex, i: int, speakers: set[int]) -> bool:
    """'His lawyer ... told the court': the one whose lawyer (or relative) speaks."""
    return index.dep[i] == "poss" and index.head[i] in speakers


def _act_told_again(index: DocIndex, sentence: Sentence) -> bool:
    """A definite act noun with no one it is done to in the sentence ('the attack', 'the
    red notice'): the act told before, whose target a speaker of the sentence may be."""
    for ref in sentence.spans:
        if ref.record.label != "METHOD" or index.pos[ref.root] != "NOUN":
            continue
        children = list(index.children(ref.root))
        definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in children)
        patient = any(c.dep_ in ("poss", "prep") for c in children)
        if definite and not patient:
            return True
    return False


def _later_speaker(
    index: DocIndex,
    i: int,
    sentence: Sentence,
    speakers: set[int],
    memory: Memory,
    number: int,
) -> str | None:
    """The person who speaks later in the sentence, for a possessive pronoun on a relative
    with nothing named before it: in 'police questioned his parents, Ana Ruiz said' the
    parents are Ana Ruiz's, and in 'her mother was questioned, she said' they are the
    speaker's whom 'she' stands for (the person who spoke or was named last). 'Police
    detained him, Ana Ruiz said' names no one for 'him'."""
    if index.dep[i] != "poss" or index.lemma[index.head[i]] not in index.words.FAMILY_NOUNS:
        return None
    for ref in sentence.spans:
        if ref.start > i and ref.record.label == "PERSON" and ref.root in speakers:
            head = index.head[ref.root]
            if index.dep[ref.root] == "appos" and index.has_child(head, ("poss",)):
                return None  # 'according to her lawyer, Mara Lind': someone's, not the one
            if _owned_description_before(index, ref.start):
                return None  # 'according to her friend and fellow activist Mara Lind'
            if memory.mentions is not None and not memory.mentions.agrees(
                ref.record.name or "", index.lower[i]
            ):
                return None
            return ref.record.name
    wanted = PRONOUN_GENDERS.get(index.lower[i])
    if any(
        k > i
        and index.lower[k] in index.words.SUBJECT_PRONOUNS
        and PRONOUN_GENDERS.get(index.lower[k], wanted) == wanted  # not 'his ..., she said'
        for k in speakers
    ):
        return memory.recent_speaker(number)
    return None


def _owned_description_before(index: DocIndex, start: int) -> bool:
    """Whether the words right before a name describe it as someone's ('her friend and
    fellow activist X'): a possessive pronoun opening the noun phrase before the name."""
    k = start - 1
    for _ in range(6):
        if k < 0 or index.pos[k] not in ("NOUN", "ADJ", "CCONJ", "PRON", "DET"):
            return False
        if index.tag[k] == "PRP$":
            return True
        k -= 1
    return False


def _unnamed_person(index: DocIndex, i: int, nouns: frozenset[str]) -> bool:
    """An indefinite person noun taking part in the clause ('a cousin', 'a guard'), not an
    apposition or predicate describing a name ('Ana, a journalist'), nor a plural no 'he'
    or 'she' can stand for ('four men forced him into a van')."""
    lemma = index.lemma[i]
    if index.pos[i] != "NOUN" or index.tag[i] == "NNS" or index.named(i) is not None:
        return False
    if lemma not in index.words.FAMILY_NOUNS and lemma not in nouns:
        return False
    if index.dep[i] not in ("nsubj", "nsubjpass", "dobj", "pobj", "conj"):
        return False
    determiners = [c for c in index.children(i) if c.dep_ in ("det", "poss", "nummod")]
    return bool(determiners) and all(
        c.dep_ != "poss" and c.lower_ not in ("the", "this", "that") for c in determiners
    )


def introduces_another_person(index: DocIndex, sentence: Sentence) -> bool:
    """Whether the sentence's subject is 'another <person noun>' ('Another activist, who
    asked not to be named, said ...'): a new, unnamed person whom later pronouns refer to,
    not the person the document named before. Relatives are not counted: 'another
    relative said he was detained' still speaks about the target."""
    nouns = describing_nouns(index)
    for i in range(sentence.span.start, sentence.span.end):
        if (
            index.dep[i] in ("nsubj", "nsubjpass")
            and index.lemma[i] in nouns
            and index.lemma[i] not in index.words.FAMILY_NOUNS
            and index.named(i) is None
            and any(c.dep_ == "det" and c.lower_ == "another" for c in index.children(i))
        ):
            return True
    return False


def _owns_a_person(index: DocIndex, root: int, nouns: frozenset[str]) -> bool:
    """Whether a name possesses a noun for a person ('Ana's cousin', 'Ana's lawyer'): that
    person, not the name, is what a later pronoun refers to."""
    if index.dep[root] != "poss":
        return False
    owned = index.head[root]
    lemma = index.lemma[owned]
    return index.pos[owned] == "NOUN" and (
        lemma in index.words.FAMILY_NOUNS or lemma in nouns or lemma in index.words.OFFICE_NOUNS
    )


def _names_the_owned(index: DocIndex, root: int, owned: int) -> bool:
    """True when the name at ``root`` is in apposition to ``owned``, the relative or
    lawyer a possessive introduced ('Ana's lawyer, Luis Vela')."""
    return index.dep[root] == "appos" and index.head[root] == owned


def _not_a_person(index: DocIndex, name: str) -> bool:
    """A name the model read as a PERSON that stands for a state or a platform: a demonym
    or country name ("Lithuanian", "Ruritania") or an online service ("Twitter")."""
    from tnr_claims.claims.dyads import state_names

    value = name.strip()
    return value.casefold() in index.words.PLATFORM_NAMES or value in state_names()


def _not_a_span_head(index: DocIndex, i: int) -> bool:
    """A description in no span, or inside an act's phrase a definite possessor ('refused to
    renew the activist's passport') or a named person's relative ('Ms Sayegh's mother had
    been questioned'); not 'holds a target's family hostage', 'pressured his mother', nor
    the role noun heading 'the suspected hit man'."""
    ref = index.ref(i)
    if ref is None:
        return True
    if ref.record.label != "METHOD" or ref.root == i:
        return False
    if index.lemma[i] in index.words.FAMILY_NOUNS:
        return any(c.dep_ == "poss" and index.named(c.i, ("PERSON",)) for c in index.children(i))
    return (
        index.dep[i] == "poss"
        and index.has_child(i, ("det",))
        and any(c.dep_ == "det" and c.lower_ == "the" for c in index.children(i))
    )


def _held_just_before(index: DocIndex, i: int, memory: Memory, number: int) -> str | None:
    """'A, the father of B, was summoned. He has not been charged': a subject pronoun
    right after a sentence whose main clause has a person as its passive subject is that
    person, if the pronoun fits what the document tells of A's gender."""
    held = memory.last_held
    if (
        held is None
        or held[1] != number - 1
        or index.dep[i] not in ("nsubj", "nsubjpass")
        or index.lower[i] not in ("he", "she")
    ):
        return None
    return held[0] if agrees(memory, held[0], index.lower[i]) else None
