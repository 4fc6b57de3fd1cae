"""Hedges of a claim: cue scopes on the parse (medspaCy ConText style), kept only where
they qualify the claim's own act or the state's role in it (codebook, second set)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span

from tnr_claims.nlp.context import ROLE_CODES

if TYPE_CHECKING:
    from tnr_claims.claims.index import DocIndex, Memory, Sentence


def find_hedges(  # noqa: C901
    index: DocIndex,
    sentence: Sentence,
    by_kind: dict[str, list[Span]],
    memory: Memory | None = None,
) -> list[Span]:
    """Hedge cues whose clause is the claim's (not a relative, concessive or adverbial clause).

    A hedge noun ('her claim', 'the allegations') marks the sentence's content as a claim
    wherever it stands ('..., although she gave no evidence for her claim'), except inside a
    finite relative clause about someone else ('..., who denied the allegations').

    Codebook (second set): a hedge on the target's supposed offence ('alleged links to a
    banned group') or on who a perpetrator is ('the suspected gunman') does not hedge the
    claim, nor does the accusation of a person charged with an act ('accused of helping to
    kidnap X': the legal step is asserted); an accusation against a state does."""
    used: list[Span] = []
    for cue in by_kind.get("hedge", ()):
        i = cue.start
        slug = cue.id_.split(".", 1)[-1]
        if _qualifies_other_than_the_act(index, i):
            continue
        if (
            slug == "accused_of"
            and _accuses_a_person(index, i, memory)
            and not _a_state_accuses(index, i)
        ):
            continue
        if slug == "suggest" and index.lemma[i] == "suggest" and not _finite_clause(index, i):
            continue
        if slug == "investigating_whether" and not _whether_on_the_state(index, sentence, cue):
            continue  # 'investigating whether the poison was made there': a detail, no doubt
        if (
            slug not in ("accused_of", "reported_act")
            and index.pos[i] != "ADV"
            and any(j in index.method_tokens for j in range(cue.start, cue.end))
        ):
            continue  # a word of the act's own name ('false claims'), not a hedge on it
        if (
            cue.end - cue.start == 1
            and index.pos[i] in ("NOUN", "PROPN")
            and index.lower[i] not in index.words.HEDGE_NOUNS
        ):
            continue
        children = list(index.children(i))
        if (
            index.pos[i] == "NOUN"
            and any(
                c.dep_ in ("compound", "amod") and c.lower_ in index.words.CLAIMS_TO_A_RIGHT
                for c in children
            )
            and not any(c.dep_ in ("acl", "ccomp") for c in children)  # 'his claim that ...'
        ):
            continue  # 'a pending asylum claim': a claim to a right, no allegation
        if slug == "modal":
            if index.tag[i] != "MD":
                continue
            verb = index.head[i]
            if index.has_child(verb, ("neg",)):
                continue
        if slug == "accused_of":
            if index.dep[i] in ("nsubj", "nsubjpass", "dobj", "pobj") and index.pos[i] == "NOUN":
                continue
            reach = [
                t.i
                for child in index.children(i)
                if child.dep_
                in ("prep", "agent", "xcomp", "ccomp", "advcl", "pcomp", "dobj", "npadvmod")
                for t in child.subtree
                if cue.end <= t.i < cue.end + 25
            ]
            if not any(j in index.method_tokens or index.is_event(j) for j in reach):
                continue
        if slug != "accused_of" and _aside_of_an_asserted_act(index, sentence, i):
            continue  # 'police arrested him, raising fears he could be sent back'
        if index.lower[i] in index.words.HEDGE_NOUNS and index.pos[i] == "NOUN":
            if not index.in_relcl(i):
                used.append(cue)
            continue
        if (
            slug != "modal"
            and index.embedding(i) == "relative"
            and _on_who_is_behind(index, sentence, i)
        ):
            used.append(cue)  # 'men he believes work for the ministry followed him'
            continue
        if slug not in ("unclear_whether", "if_found_behind") and index.embedding(i) in (
            "relative",
            "concessive",
            "conditional",
            "adverbial",
        ):
            continue  # ('if confirmed' is a conditional that hedges the act it stands by)
        probe = i
        if slug == "unclear_whether" and index.dep[index.head[i]] == "advcl":
            probe = index.head[index.head[i]]  # 'The kidnapping, if confirmed, would be ...'
        if not _reaches_the_act(index, sentence, probe):
            continue
        used.append(cue)
    return used


def _aside_of_an_asserted_act(index: DocIndex, sentence: Sentence, i: int) -> bool:
    """Whether token ``i`` sits in a participial aside ('..., raising fears he could be sent
    back') while the sentence asserts an act outside it (codebook: an asserted act joined
    to a hedged aside stays unhedged)."""
    if index.embedding(i) != "participial":
        return False
    j = i
    for _ in range(16):
        if index.dep[j] == "advcl" or index.head[j] == j:
            break
        j = index.head[j]
    if index.dep[j] != "advcl":
        return False
    aside = index.doc[j]
    lo, hi = aside.left_edge.i, aside.right_edge.i
    return any(ref.record.label == "METHOD" and not lo <= ref.root <= hi for ref in sentence.spans)


def _reaches_the_act(index: DocIndex, sentence: Sentence, i: int) -> bool:
    """Whether the clause of the hedge at ``i`` holds an act of the sentence, or the hedge
    sits inside an act's phrase ('Under what reportedly was a false alert, the plane was
    diverted': the hedge is on the alert, not on the diversion). A sentence without act
    tokens keeps its hedge."""
    acts = {ref.root for ref in sentence.spans if ref.record.label == "METHOD"}
    acts |= {
        k
        for k in range(sentence.span.start, sentence.span.end)
        if index.is_event(k) and index.pos[k] == "VERB"
    }
    if not acts:
        return True
    head = i  # up to the act ('the alleged kidnapping') or the nearest verb
    for _ in range(16):
        if head in acts:
            return True
        if (head != i and index.pos[head] in ("VERB", "AUX")) or index.head[head] == head:
            break
        head = index.head[head]
    while index.dep[head] == "conj" and index.head[head] != head:
        head = index.head[head]  # 'the shooting has ... and looks to be ...': one subject
    return any(t.i in acts for t in index.doc[head].subtree)


def _on_who_is_behind(index: DocIndex, sentence: Sentence, i: int) -> bool:
    """Codebook (second set), hedges on who is behind it: a hedge in a clause on the doers
    that ties them to a state body ('two men he believes work for the security ministry',
    'a gang allegedly hired by the intelligence service', 'men I believe to be informants')
    hedges the claim. Not on a named person ('X, who allegedly ran a banned group'), nor
    a modal ('men who could be working for the security ministry')."""
    if index.lemma[i] in ("claim", "purport", "pretend", "pose"):
        return False  # 'two men claiming to be police': the doers' disguise, no hedge
    clause = i
    for _ in range(16):
        if index.dep[clause] in ("relcl", "acl") or index.head[clause] == clause:
            break
        clause = index.head[clause]
    if index.dep[clause] not in ("relcl", "acl"):
        return False
    owner = index.head[clause]
    if index.span_at[owner] >= 0 and index.spans[index.span_at[owner]].record.label == "PERSON":
        return False
    # the clause, and the words up to the act's verb, which the parser may hang elsewhere
    # ('a man they believe works for the security service photographed them')
    words = {t.i for t in index.doc[clause].subtree}
    later = [k for k in index.method_tokens if clause < k < sentence.span.end]
    roles = [k for k in later if index.spans[index.span_at[k]].record.code in ROLE_CODES]
    acts = [k for k in later if k not in roles]  # 'works for X' names the doers, no act
    if acts:
        words |= set(range(clause, min(acts)))
    elif roles:
        words |= set(range(clause, max(roles) + 1))  # 'men I believe to be KGB informants'
    for k in sorted(words):
        ref = index.span_at[k]
        if ref >= 0:
            record = index.spans[ref].record
            if record.label == "ORG" or (record.label == "METHOD" and record.code in ROLE_CODES):
                return True
        if index.lemma[k] in index.words.STATE_ACTOR_NOUNS and k != owner:
            return True
    return False


STATE_WORDS = frozenset({"government", "state", "regime", "authorities", "embassy", "agency"})
SUBSTANCE_WORDS = frozenset({"nerve", "chemical", "biological", "toxic", "poisonous"})


def _whether_on_the_state(index: DocIndex, sentence: Sentence, cue: Span) -> bool:
    """An inquiry into whether a state is behind the act ('detectives are examining whether
    the embassy played a part'): the state's role is the open question (codebook, second
    set: hedges on who is behind it). The words after 'whether' must name a state body."""
    whether = cue.end - 1
    clause = sorted(t.i for t in index.doc[index.head[whether]].subtree if t.i > whether)
    for k in clause or range(cue.end, sentence.span.end):
        if k > 0 and index.lower[k - 1] in SUBSTANCE_WORDS:
            continue  # 'the nerve agent': a poison, not a state's agent
        if index.lemma[k] in index.words.STATE_ACTOR_NOUNS or index.lower[k] in STATE_WORDS:
            return True
        ref = index.span_at[k]
        if ref >= 0 and index.spans[ref].record.label == "ORG":
            return True
    return False


def _qualifies_other_than_the_act(index: DocIndex, i: int) -> bool:
    """'alleged links', 'the suspected gunman': the hedge word is an adjective on a supposed
    offence or on a perpetrator noun, not on the claim's act."""
    if index.dep[i] != "amod":
        return False
    noun = index.head[i]
    head = index.lemma[noun]
    return (
        (head in index.words.OFFENCE_NOUNS and not _ties_of_a_state(index, noun))
        or head in index.words.PERPETRATOR_NOUNS
        or head in index.words.PERSON_NOUNS  # 'the suspected gunman was detained'
        or _a_reason_given(index, noun)
    )


def _ties_of_a_state(index: DocIndex, noun: int) -> bool:
    """'possible links to the Ruritanian government', 'the potential involvement of the
    embassy': the supposed ties are a state's to the act, so the hedge is on who is behind it
    (codebook, second set), not on a target's supposed affiliation ('alleged links to a
    banned group')."""
    for prep in index.children(noun):
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "to", "with", "between"):
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            lemma = obj.lemma_.lower()
            ref = index.ref(obj.i)
            if (
                lemma in STATE_WORDS
                or lemma in index.words.STATE_ACTOR_NOUNS
                or (ref is not None and ref.record.label == "LOCATION")
            ):
                return True
    return False


def _a_reason_given(index: DocIndex, noun: int) -> bool:
    """'landed due to an alleged hijack threat', 'held because of an alleged plot': the hedge is on
    the reason given for the act, not on the act."""
    if index.dep[noun] != "pobj":
        return False
    prep = index.head[noun]
    word, above = index.lower[prep], index.lower[index.head[prep]]
    # 'due to X', 'because of X': the parser hangs X on 'to' or straight on 'due'/'because'
    return (word == "to" and above in ("due", "owing")) or word in ("due", "owing", "because")


def _accused(index: DocIndex, i: int) -> list[int]:
    """Who the accusation at ``i`` is aimed at: the passive subject or object of the
    accusing verb, of the verb it is joined to, or the noun a participle modifies."""
    verb = i if index.pos[i] == "VERB" else index.head[i]
    found = [c.i for c in index.children(verb) if c.dep_ in ("nsubjpass", "dobj")]
    if not found and index.dep[verb] == "conj":
        found = [c.i for c in index.children(index.head[verb]) if c.dep_ == "nsubjpass"]
    if not found and index.dep[verb] == "acl":
        found = [index.head[verb]]
    if not found and index.dep[verb] == "advcl":
        found = [c.i for c in index.children(index.head[verb]) if c.dep_ == "nsubj"]
    return found


PERSONAL_PRONOUNS = frozenset({"he", "him", "she", "her"})


ACCUSING_GOVERNMENT_NOUNS = frozenset({"government", "ministry", "state"})


def _a_state_accuses(index: DocIndex, i: int) -> bool:
    """'Latvia accused Tomas Lund of ordering the killing': a state that accuses someone of
    an act on someone else, not a court or prosecutor that charges, makes an allegation,
    which hedges the claim (codebook, second set: 'X alleges that ...' hedges). A state
    accusing a target of an offence ('accuses him of public calls for unrest') brings the
    charge itself: no hedge."""
    holders = [i, *(c.i for c in index.children(i) if c.dep_ == "dobj")]  # or 'X, of ...'
    of_act = any(
        c.dep_ == "prep" and c.lower_ == "of" and any(t.i in index.method_tokens for t in c.subtree)
        for holder in holders
        for c in index.children(holder)
    )
    if not of_act:
        return False
    for child in index.children(i):
        if child.dep_ != "nsubj":
            continue
        ref = index.ref(child.i)
        if ref is not None and ref.record.label == "LOCATION":
            return True
        if index.lemma[child.i] in ACCUSING_GOVERNMENT_NOUNS:
            return True
    return False


def _accuses_a_person(index: DocIndex, i: int, memory: Memory | None) -> bool:
    """Whether the accusation at ``i`` is aimed at a person (a defendant, a named suspect,
    a target charged with an offence) rather than at a state or its leader: the accused is
    a PERSON span who is not an official, a person noun, or a remembered perpetrator."""
    people = index.words.PERSON_NOUNS | index.words.PERPETRATOR_NOUNS
    mentions = memory.mentions if memory is not None else None
    officials = memory.officials if memory is not None else set()
    for k in _accused(index, i):
        place = index.ref(k)
        if place is not None and (
            place.record.label == "LOCATION" or (place.record.label == "METHOD" and place.root == k)
        ):
            # a state, even one the document remembers as the perpetrator, or the state's
            # agents named as a role ('Chinese agents were accused of ...')
            return False
        ref = index.named(k, ("PERSON",))
        if ref is not None:
            return ref.record.name not in officials
        if index.lemma[k] in people or index.lower[k] in PERSONAL_PRONOUNS:
            return True  # 'accuses him of ...': a state is never 'he' or 'she'
        if mentions is not None and mentions.is_perpetrator(index.lower[k]):
            return True
    return False


def _finite_clause(index: DocIndex, verb: int) -> bool:
    """Whether ``verb`` takes a finite clause ('suggested he was held'), not an infinitive
    of what someone should do ('suggests governments to act': a call, not a hedge)."""
    for child in index.children(verb):
        if child.dep_ == "ccomp" and not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in child.children
        ):
            return True
    return False
