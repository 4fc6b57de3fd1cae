"""Legal claims: whether a sentence says what an instrument says or allows (``TYPE_RULES``
``TYPE.legal_provision``; ``CLAIM.legal_provision``), not a law applied to people or a law
given as the reason for another act."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tnr_claims.claims.attribution import subject_of

if TYPE_CHECKING:
    from tnr_claims.claims.index import DocIndex, Sentence


def an_instrument_is_or_is_not(index: DocIndex, sentence: Sentence) -> bool:
    """'There is no extradition treaty between A and B', 'Britain has no extradition
    treaty with Bahrain': the sentence says whether an instrument exists (codebook, second
    set: a treaty said not to exist is still the sentence's instrument)."""
    for ref in sentence.spans:
        if ref.record.label != "LEGAL_REF":
            continue
        root = ref.root
        verb = index.head[root]
        existential = index.dep[root] == "attr" and index.has_child(verb, ("expl",))
        possessed = index.dep[root] == "dobj" and index.lemma[verb] == "have"
        if (existential and index.lemma[verb] == "be") or possessed:
            return True
    return False


def has_legal_verb(index: DocIndex, sentence: Sentence) -> bool:
    """Whether a ``LEGAL_VERBS`` verb ('allows', 'bans', 'carries') is in the sentence."""
    return any(
        index.lemma[i] in index.words.LEGAL_VERBS and index.pos[i] in ("VERB", "AUX")
        for i in range(sentence.span.start, sentence.span.end)
    )


def is_legal(index: DocIndex, sentence: Sentence, labels: set[str]) -> bool:
    """A LEGAL_REF with a provision verb, a LEGAL_REF framing the clause ("Under Article
    38 of the law, offences abroad can be prosecuted") when a METHOD is named, or a legal
    noun subject of a provision verb with a METHOD."""
    s0, s1 = sentence.span.start, sentence.span.end
    if "LEGAL_REF" in labels and an_instrument_is_or_is_not(index, sentence):
        return True
    if "LEGAL_REF" in labels and "METHOD" in labels:
        for ref in sentence.spans:
            if ref.record.label != "LEGAL_REF":
                continue
            head = index.head[ref.root]
            if (
                index.dep[ref.root] == "pobj"
                and index.lower[head] in index.words.LEGAL_FRAMES
                and not _applied_up_the_clause(index, index.head[head])
            ):
                return True
    for i in range(s0, s1):
        if _instrument_makes_it(index, i):
            return True  # 'Section 9 makes it a crime to ...'
        if index.lemma[i] not in index.words.LEGAL_VERBS or index.pos[i] not in ("VERB", "AUX"):
            continue
        if _gives_a_reason(index, i):
            continue  # 'will not seek his extradition, as the constitution forbids it'
        if "LEGAL_REF" in labels and not _instruments_only_as_reasons(index, sentence):
            return True
        subject = subject_of(index, i)
        if (
            subject is not None
            and "METHOD" in labels
            and index.lemma[subject] in index.words.LEGAL_NOUNS
        ):
            return True
    return False


REASON_MARKS = frozenset({"as", "because", "since"})


def _gives_a_reason(index: DocIndex, verb: int) -> bool:
    """A clause that gives the reason for the main clause's act ('as the law bars it'):
    what the main clause tells decides the type."""
    return index.dep[verb] == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in REASON_MARKS for c in index.children(verb)
    )


def _instruments_only_as_reasons(index: DocIndex, sentence: Sentence) -> bool:
    """Every LEGAL_REF opens a reason ('... as the constitution bars it'), which the parser
    may read as 'as' with an object: the instrument explains the main clause's act."""
    refs = [ref for ref in sentence.spans if ref.record.label == "LEGAL_REF"]
    return bool(refs) and all(_opens_a_reason(index, ref.start) for ref in refs)


def _opens_a_reason(index: DocIndex, start: int) -> bool:
    """Whether 'as', 'because' or 'since' (and a determiner) stands right before ``start``."""
    k = start - 1
    if k >= 0 and index.pos[k] == "DET":
        k -= 1
    return k >= 0 and index.lower[k] in REASON_MARKS


def _instrument_makes_it(index: DocIndex, i: int) -> bool:
    """'Section 9 of the Code makes it a crime to act as ...': an instrument, as the subject
    of 'make', says what is an offence (what it says, a legal claim)."""
    if index.lemma[i] != "make" or index.pos[i] != "VERB":
        return False
    subject = subject_of(index, i)
    ref = index.ref(subject) if subject is not None else None
    return ref is not None and ref.record.label == "LEGAL_REF"


APPLIED_PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them", "each", "both", "all"})
"""Pronouns for people a law was applied to ('each is charged under Article 5')."""


def _applied_up_the_clause(index: DocIndex, word: int) -> bool:
    """:func:`_applied_to_people` at the verb the framed ``word`` belongs to, or at the verb
    that verb completes ('was convicted of assisting a foreign service under Section 3',
    'was found guilty of agent activity under Section 99': the parser hangs 'under' on
    'assisting' or 'activity', and the conviction is what applies the law)."""
    j = word
    for _ in range(8):
        verb = index.pos[j] in ("VERB", "AUX")
        if verb and _applied_to_people(index, j):
            return True
        if index.head[j] == j or (verb and index.dep[j] not in ("pcomp", "xcomp", "conj")):
            return False
        j = index.head[j]
    return False


def _applied_to_people(index: DocIndex, verb: int) -> bool:
    """'each is charged under Article 5', 'returnees are prosecuted under Article 7':
    a law applied to people, not what the law says. The verb has no modal ('offences abroad
    can be prosecuted under Article 38' states the law) and its patient is people: a name,
    a personal pronoun, a noun for people, or a number."""
    if index.pos[verb] not in ("VERB", "AUX"):
        return False
    if any(c.dep_ == "aux" and c.tag_ == "MD" for c in index.children(verb)):
        return False
    for child in index.children(verb):
        if child.dep_ not in ("nsubjpass", "dobj", "nsubj"):
            continue
        if child.dep_ == "nsubj" and not index.is_passive(verb):
            continue
        if (
            index.pos[child.i] in ("PROPN", "NUM")
            or child.lower_ in APPLIED_PRONOUNS
            or child.lemma_.lower() in index.words.PEOPLE_LEMMAS
            or child.lemma_.lower() in index.words.PERSON_NOUNS
            or child.lemma_.lower() in ("returnee", "deportee", "absconder")
            or child.lemma_.lower() in index.words.FAMILY_NOUNS
        ):
            return True
    return False
