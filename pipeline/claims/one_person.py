"""Whether a sentence tells one act by or on specific people: an incident without a name
(``TYPE.single_person_event``), not a practice. 'A blogger was abducted', 'the authorities
jailed him and his wife'; not 'a student who protests is watched' (a present passive on
anyone) nor '"Consulates withhold passports," she said' (a speaker telling a practice).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tnr_claims.claims.roles import has_event_clause, has_event_object

if TYPE_CHECKING:
    from tnr_claims.claims.index import DocIndex, Sentence


def _specific_people(index: DocIndex, i: int) -> bool:
    """One unnamed individual ('a blogger'), a person pronoun ('him'), or a definite group of
    relatives ('his parents', 'Mahmut's cousin'), or a named person who is no target (an
    agent convicted, a named perpetrator): people of one occasion, not a practice."""
    if index.tag[i] == "NN" and index.lemma[i] in index.words.PERSON_NOUNS:
        return True
    named = index.named(i, ("PERSON",))
    if named is not None and named.root == i:
        return True
    if index.tag[i] == "PRP" and index.lower[i] in index.words.PERSON_PRONOUNS:
        return True
    if index.lower[i] not in index.words.FAMILY_NOUNS:
        return False
    # 'his parents', and 'the brothers' (relatives met before; not 'the families of four
    # critics', a count of families)
    children = list(index.children(i))
    return any(c.dep_ == "poss" for c in children) or (
        any(c.dep_ == "det" and c.lower_ == "the" for c in children)
        and not any(c.dep_ == "prep" for c in children)
    )


def single_person_event(index: DocIndex, sentence: Sentence) -> bool:
    """A past act by or on specific people (codebook: an incident is identified by its own
    definite group too): 'A blogger was abducted', 'the man is accused of helping to kidnap
    ...', 'the authorities jailed him and his wife', 'threatened to imprison his parents',
    'unsealed charges against X, including stalking'. Such a person (or the act noun set
    against that person) as subject or object of an act whose verb is in the past, or of
    'accused'."""
    for i in range(sentence.span.start, sentence.span.end):
        if not _specific_people(index, i):
            continue
        if index.dep[i] == "pobj" and index.lower[index.head[i]] == "against":
            i = index.head[index.head[i]]  # 'unsealed charges against X': the charges' slot
        if index.dep[i] not in ("nsubj", "nsubjpass", "dobj"):
            continue
        if any(c.lower_ in ("every", "any", "each", "no") for c in index.children(i)):
            continue
        verb = index.head[i]
        if index.dep[i] == "nsubj" and _says_what_happens_to_anyone(index, verb):
            continue  # '"Consulates withhold passports," said Ana Ruiz': she says a practice
        governing = index.head[verb] if index.dep[verb] == "xcomp" else verb
        past = index.tag[verb] in ("VBD", "VBN") or index.tag[governing] in ("VBD", "VBN")
        if any(c.tag_ == "MD" for c in index.children(verb)):
            past = False  # 'their relatives can be punished': what may happen to anyone
        if _present_passive(index, verb) and index.lemma[i] in index.words.PERSON_NOUNS:
            past = False  # 'a journalist who writes is watched': anyone who does, a practice
        if not past and index.lemma[verb] not in ("accuse", "face"):
            continue  # 'Kumar faces charges of ...', 'she faces extradition': one person's case
        if index.is_event(verb) or has_event_clause(index, verb) or has_event_object(index, verb):
            return True
        if any(
            t.i in index.method_tokens or index.is_event(t.i)
            for c in index.children(verb)
            if c.dep_
            in ("prep", "xcomp", "advcl", "ccomp", "pcomp", "conj", "acomp", "oprd", "dobj")
            for t in c.subtree  # 'pleaded guilty to stalking X', 'admitted a count of ...'
        ):
            return True
    return False


def _says_what_happens_to_anyone(index: DocIndex, verb: int) -> bool:
    """Whether ``verb`` is a telling whose reported clause has a bare plural subject
    ('"Consulates are withholding passports," she said'): the speaker is no one acted on,
    and what she says is a practice."""
    if index.lemma[verb] not in index.words.SPEECH_VERBS:
        return False
    for clause in index.children(verb):
        if clause.dep_ != "ccomp":
            continue
        for subject in clause.children:
            if subject.dep_ in ("nsubj", "nsubjpass"):
                return subject.tag_ == "NNS" and not any(
                    c.dep_ in ("det", "poss", "nummod") for c in subject.children
                )
    return False


PRESENT_BE = frozenset({"is", "are", "am", "'s", "'re", "being"})
"""Forms of 'be' that make a passive present ('are watched', 'is being held')."""


def _present_passive(index: DocIndex, verb: int) -> bool:
    """A passive in the present ('are being watched', 'is collected'): its auxiliaries are
    present forms of 'be' only (not 'has been', 'was')."""
    auxiliaries = [c for c in index.children(verb) if c.dep_ in ("aux", "auxpass")]
    return (
        index.tag[verb] == "VBN"
        and any(c.dep_ == "auxpass" for c in auxiliaries)
        and all(c.lower_ in PRESENT_BE for c in auxiliaries)
    )
