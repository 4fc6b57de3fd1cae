"""The story of a case told on: a person the document already told acted on, as the subject
of a past event ('He never came out.', 'Ana Ruiz was found on a bench that evening').

Such a sentence names no METHOD, but it asserts part of a specific incident with an
identified target, which the codebook counts as a claim (an incident). The person must be
a target of an earlier sentence of the same document; the verb must tell an event, not
the person's background or speech ('She worked as an editor', 'He said ...').
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tnr_claims.claims.hedges import STATE_WORDS
from tnr_claims.claims.mentions import PRONOUN_GENDERS
from tnr_claims.claims.qualify import DEFINITE, past_clause, told_case_noun
from tnr_claims.nlp.recodes import AGENTS_ACTED_ON_KEY

if TYPE_CHECKING:
    from spacy.tokens import Token

    from tnr_claims.claims.index import Analysis, DocIndex, Memory, Sentence


RULE = "TARGET.narrated_subject"


def told_on(analysis: Analysis) -> bool:
    """Whether the sentence is a claim only as the story of an earlier target told on."""
    return any(decision.rule == RULE for decision in analysis.target_rules)


def narrated_targets(
    index: DocIndex,
    sentence: Sentence,
    memory: Memory,
    source: str | None,
    speakers: set[int],
    number: int,
) -> list[str]:
    """The earlier target that is the subject of a past event verb in the sentence's main
    clause, or in what its main verb reports ('Officials say he left an hour later'), with
    the earlier targets joined to it ('Ana Ruiz and her daughter were found': the daughter
    the document named); never the sentence's speaker ('"It must stop," he continued')."""
    name = _narrated_target(index, sentence, memory, source, speakers, number)
    if name is None:
        return []
    if isinstance(name, list):
        return name  # 'They were last seen near the harbour': the group just told
    return [name, *(n for n in joined_targets(index, sentence, memory, name) if n != name)]


TOGETHER_PREPOSITIONS = frozenset({"alongside", "with"})
"""Prepositions joining a second person to what happened to the subject."""


def joined_targets(index: DocIndex, sentence: Sentence, memory: Memory, name: str) -> list[str]:
    """Earlier targets joined to the subject naming ``name``: by name, or by a relative
    phrase ('his daughter') that the document used for one named target."""
    subject = next(
        (r.root for r in sentence.spans if r.record.label == "PERSON" and r.record.name == name),
        None,
    )
    if subject is None:
        return []
    joined = []
    mentions = memory.mentions
    others = list(index.doc[subject].conjuncts)
    if index.dep[subject] in ("nsubj", "nsubjpass"):
        # 'X was found alongside his daughter', 'X was arrested with his brother': the
        # one found or held together with the subject
        others += [
            p
            for prep in index.children(index.head[subject])
            if prep.dep_ == "prep" and prep.lower_ in TOGETHER_PREPOSITIONS
            for p in prep.children
            if p.dep_ == "pobj"
        ]
    for conj in others:
        other = _known_target(index, sentence, memory, conj.i)
        if other is None and mentions is not None and conj.lemma_ in index.words.FAMILY_NOUNS:
            named = (_named_beside(index, conj.lemma_) & memory.known_targets) - {name}
            other = next(iter(named)) if len(named) == 1 else None
        if other is not None:
            joined.append(other)
    return joined


def _named_beside(index: DocIndex, noun: str) -> set[str]:
    """The names the document sets right after a family noun: 'his daughter Lena', 'his
    daughter, Lena Sand' (the parser's links in a list of people are not to be trusted)."""
    names = set()
    for ref in index.spans:
        if ref.record.label != "PERSON" or not ref.record.name:
            continue
        k = ref.start - 1
        if k >= 0 and index.lower[k] == ",":
            k -= 1
        if k >= 0 and index.lemma[k] == noun and index.pos[k] == "NOUN":
            names.add(ref.record.name)
    return names


def _narrated_target(
    index: DocIndex,
    sentence: Sentence,
    memory: Memory,
    source: str | None,
    speakers: set[int],
    number: int,
) -> str | list[str] | None:
    if not memory.known_targets:
        return None
    for verb, speaker, accused in _told_verbs(index, sentence):
        if not (_past_event(index, verb) or (accused and index.pos[verb] in ("VERB", "AUX"))):
            continue
        for child in index.children(verb):
            if child.dep_ not in ("nsubj", "nsubjpass") or child.i in speakers:
                continue
            if speaker and index.pos[child.i] == "PRON":
                continue  # 'Ana Ruiz said he was briefed': 'he' may be Ruiz herself
            group = _group_told_just_before(index, memory, child.i, number)
            if group:
                return group
            name = _known_target(index, sentence, memory, child.i)
            if name is None:
                # 'His car was found the next day': what the person owned or left tells on
                # (not 'Her blog had warned readers', which is the person's own doing)
                owner = [
                    c.i
                    for c in index.children(child.i)
                    if c.dep_ == "poss" and child.dep_ == "nsubjpass"
                ]
                name = _known_target(index, sentence, memory, owner[0]) if owner else None
            if name is not None and name != source:
                return name
    return None


def _group_told_just_before(index: DocIndex, memory: Memory, i: int, number: int) -> list[str]:
    """'They' right after a sentence that told two or more targets together ('A and B were
    found on a bench. They became ill around noon') stands for those targets."""
    if index.lower[i] != "they" or index.pos[i] != "PRON" or number - memory.last_group_at != 1:
        return []
    group = memory.last_group
    return list(group) if len(group) > 1 and set(group) <= memory.known_targets else []


def _told_verbs(index: DocIndex, sentence: Sentence) -> list[tuple[int, bool, bool]]:
    """The main verb, the clauses joined to it, and the clauses a speech verb reports;
    each with whether a named person or a pronoun speaks it (whose 'he' may be the
    speaker), and whether the state's own voice does (:func:`_state_voice`): what that
    voice says a target did or was is its accusation, told in any tense ('Official TV said
    he led a banned party', codebook, second set)."""
    roots = [i for i in range(sentence.span.start, sentence.span.end) if index.dep[i] == "ROOT"]
    people = {ref.root for ref in sentence.spans if ref.record.label == "PERSON"}
    words = index.words
    verbs: list[tuple[int, bool, bool]] = []
    for root in roots:
        heads, speaker, accused = [root], False, False
        lemma = index.lemma[root]
        if lemma in words.SPEECH_VERBS or lemma in words.DISCLOSING_VERBS:
            accused = _state_voice(index, root)
            speaker = any(
                c.dep_ == "nsubj" and (c.i in people or c.pos_ == "PRON")
                for c in index.children(root)
            )
        # a disclosing verb reports words only in the state's voice ('The paper reported
        # on her case' is no one's words)
        if lemma in words.SPEECH_VERBS or accused:
            heads = [c.i for c in index.children(root) if c.dep_ == "ccomp"]
        for head in heads:
            verbs.append((head, speaker, accused))
            verbs.extend((c.i, speaker, accused) for c in index.children(head) if c.dep_ == "conj")
    return verbs


def _state_voice(index: DocIndex, verb: int) -> bool:
    """The subject of a speech verb speaks for the state: ``STATE_VOICES`` ('the ministry
    said', 'the statement disclosed'), or a ``STATE_MEDIA_NOUNS`` outlet with a
    ``STATE_MARKS`` word before it ('state media', 'the state-run broadcaster')."""
    words = index.words
    for child in index.children(verb):
        if child.dep_ != "nsubj" or child.pos_ not in ("NOUN", "PROPN"):
            continue
        lemma = child.lemma_.lower()
        if lemma in words.STATE_VOICES:
            return True
        if {lemma, child.lower_} & words.STATE_MEDIA_NOUNS and any(
            t.lower_ in words.STATE_MARKS for t in child.subtree if t.i < child.i
        ):
            return True
    return False


def _past_event(index: DocIndex, verb: int) -> bool:
    """A verb in the past ('left', 'was found', 'has not been found') that is no speech,
    state or background verb ('said', 'was', 'worked as')."""
    if index.pos[verb] != "VERB":
        return False
    lemma = index.lemma[verb]
    if lemma in index.words.SPEECH_VERBS or lemma in index.words.BACKGROUND_VERBS:
        return False
    tag = index.doc[verb].tag_
    return tag == "VBD" or (
        tag == "VBN" and any(c.dep_ in ("aux", "auxpass") for c in index.children(verb))
    )


def _known_target(index: DocIndex, sentence: Sentence, memory: Memory, i: int) -> str | None:
    """The earlier target the subject token names or, as 'he' or 'she', stands for."""
    mentions = memory.mentions
    for ref in sentence.spans:
        if ref.record.label == "PERSON" and ref.root == i:
            name = ref.record.name
            if (
                name in memory.known_targets
                and name not in memory.officials
                and not (mentions is not None and mentions.is_perpetrator(name))
            ):
                return name
            return None
    pronoun = index.lower[i]
    if pronoun not in PRONOUN_GENDERS or index.pos[i] != "PRON":
        return None
    name = memory.last_target
    if name is None or name not in memory.known_targets:
        return None
    if mentions is not None and not mentions.agrees(name, pronoun):
        return None
    return name


def reacts_to_the_incident(index: DocIndex, sentence: Sentence, source: str | None) -> bool:
    """A definite word for the incident the document told ('the move', 'this incident',
    ``INCIDENT_NOUNS``) as what a reaction is about: a ``REACTION_VERBS`` verb
    ('Oslo condemned the move') or a named source ('Ana Ruiz said the incident must not be
    forgotten'). Not 'the Act' (a proper noun) nor 'an incident' (another one)."""
    for i in range(sentence.span.start, sentence.span.end):
        if (
            index.lemma[i] not in index.words.INCIDENT_NOUNS
            or index.pos[i] != "NOUN"
            or not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in index.children(i))
        ):
            continue
        if source is not None or index.lemma[index.head[i]] in index.words.REACTION_VERBS:
            return True
    return False


BLAMED_ACT_NOUNS = frozenset({"act", "use", "attack", "operation", "action", "attempt"})
"""Nouns for the incident as a state's doing ('an illegal attack by the state')."""


def blames_a_state(index: DocIndex, sentence: Sentence) -> bool:
    """After an incident, 'this' or 'it' said to be an act of a state: 'This amounts to an
    illegal attack by the Ruritanian State on Norway', 'it was a deliberate operation by
    the government' (the state's responsibility for that incident)."""
    s0, s1 = sentence.span.start, sentence.span.end
    if not any(index.lower[i] in ("this", "it") and index.pos[i] == "PRON" for i in range(s0, s1)):
        return False
    for i in range(s0, s1):
        if index.lemma[i] not in BLAMED_ACT_NOUNS or index.pos[i] != "NOUN":
            continue
        for prep in index.children(i):
            if prep.dep_ != "prep" or prep.lower_ != "by":
                continue
            for doer in (c for c in prep.children if c.dep_ == "pobj"):
                ref = index.span_at[doer.i]
                named_state = ref >= 0 and index.spans[ref].record.label in ("LOCATION", "ORG")
                if named_state or doer.lemma_.lower() in STATE_WORDS:
                    return True
    return False


def tells_of_the_case(index: DocIndex, sentence: Sentence, memory: Memory) -> bool:
    """The process of the case told: a definite or possessed ``CASE_PROCESS_NOUNS`` noun in
    a sentence whose main subject takes the legal step, a ``COURT_ACTORS`` noun ('The court
    held four sessions in the case', 'A judge fixed the day of her next hearing'), or
    is a person the document told as a target or a doer ('Sand appeared at the hearings';
    a plea: 'Sand pleaded not guilty'). Not
    'the case of X' (another example), 'a trial' (another one), nor others on the case ('A
    neighbour attended the hearing', 'The minister spoke on the investigation')."""
    s0, s1 = sentence.span.start, sentence.span.end
    if not any(told_case_noun(index, i) or _pleads(index, i) for i in range(s0, s1)):
        return False
    people = {ref.root: ref.record.name for ref in sentence.spans if ref.record.label == "PERSON"}
    mentions = memory.mentions
    for root in (
        i for i in range(sentence.span.start, sentence.span.end) if index.dep[i] == "ROOT"
    ):
        verbs = [root, *(c.i for c in index.children(root) if c.dep_ == "conj")]
        for verb in verbs:
            for child in index.children(verb):
                if child.dep_ not in ("nsubj", "nsubjpass"):
                    continue
                if child.lemma_.lower() in index.words.COURT_ACTORS or any(
                    c.dep_ == "compound" and c.lemma_.lower() in index.words.COURT_ACTORS
                    for c in child.children
                ):
                    return True  # 'the court decided', 'Judge Ana Ruiz set'
                name = people.get(child.i)
                if name in memory.known_targets or (
                    name and mentions is not None and mentions.is_perpetrator(name)
                ):
                    return True
    return False


def _pleads(index: DocIndex, i: int) -> bool:
    """'pleaded not guilty', 'pleads guilty': a plea is a step of the case's process."""
    return index.lemma[i] == "plead" and index.pos[i] == "VERB"


def tells_of_agents_acted_on(index: DocIndex, sentence: Sentence) -> bool:
    """A state's agents acted on after the incident ('Oslo expelled four diplomats
    identified as intelligence officers', 'two generals of the intelligence service were
    sacked'): the tagger took the agent noun out of the METHODs (``AGENTS_ACTED_ON_KEY``),
    and the sentence goes on with the incident's story."""
    acted_on = index.doc.user_data.get(AGENTS_ACTED_ON_KEY, ())
    return any(sentence.span.start <= i < sentence.span.end for i in acted_on)


HABIT_ADVERBS = frozenset(
    {
        "long",
        "increasingly",
        "often",
        "routinely",
        "repeatedly",
        "regularly",
        "frequently",
        "always",
        "usually",
        "systematically",
        "commonly",
        "typically",
        "generally",
    }
)
"""Adverbs that make a past or perfect verb a practice ('has long pressured exiles')."""


def told_in_the_past(index: DocIndex, sentence: Sentence) -> bool:
    """After an incident, a sentence whose main event is past, done by a definite actor
    and to no generic group ('Ruritania has denied any involvement', 'London said it had
    summoned the ambassador') goes on with that incident rather than a practice ('The
    regime has long pressured critics' stays one)."""
    told = [verb for verb, _, _ in _told_verbs(index, sentence)]
    if not told:
        # 'Ruritania has denied any involvement': a speech verb that reports no clause is
        # itself what happened
        told = [i for i in range(sentence.span.start, sentence.span.end) if index.dep[i] == "ROOT"]
    for verb in told:
        if (
            not past_clause(index, verb)
            or any(c.lower_ in HABIT_ADVERBS for c in index.children(verb) if c.dep_ == "advmod")
            or _over_a_period(index, verb)
        ):
            return False
        children = list(index.children(verb))
        subjects = [c for c in children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects or not all(_definite(index, sentence, s.i) for s in subjects):
            return False
        if any(c.dep_ == "dobj" and _generic_plural(c) for c in children):
            return False
        return True
    return False


def _definite(index: DocIndex, sentence: Sentence, i: int) -> bool:
    """A named actor, a pronoun, or a noun with 'the', 'this' or a possessor."""
    token = index.doc[i]
    if any(ref.start <= i < ref.end for ref in sentence.spans if ref.record.label != "METHOD"):
        return True
    if token.pos_ == "PRON":
        return token.lower_ not in ("they", "we", "you", "one")
    return token.pos_ in ("NOUN", "PROPN") and any(
        (c.dep_ == "det" and c.lower_ in DEFINITE) or c.dep_ == "poss" for c in token.children
    )


def _generic_plural(token: Token) -> bool:
    """'critics', 'exiles': a plural noun with no determiner, number or possessor."""
    return token.tag_ in ("NNS", "NNPS") and not any(
        c.dep_ in ("det", "nummod", "poss") for c in token.children
    )


PERIOD_NOUNS = frozenset({"year", "decade", "month", "week"})
PERIOD_MODIFIERS = frozenset({"past", "last", "recent", "several", "many"})


def _over_a_period(index: DocIndex, verb: int) -> bool:
    """'over the past year', 'in recent years', 'for decades': a span of time, over which
    an act is a practice, not one occasion."""
    for prep in index.children(verb):
        if prep.dep_ != "prep":
            continue
        for noun in prep.children:
            if noun.dep_ == "pobj" and noun.lemma_.lower() in PERIOD_NOUNS:
                if noun.tag_ == "NNS" or any(c.lower_ in PERIOD_MODIFIERS for c in noun.children):
                    return True
    return False


def owners_of_the_case(
    index: DocIndex, mentions: list[tuple[int, str, bool]], memory: Memory
) -> list[tuple[int, str, str]]:
    """A target told before whose name names the case ('the court held nine sessions in
    the Sand case', 'Sand's trial resumed', 'the hearing in the case of Ivo Sand'): the
    case's process is about that target. Not a name no act was told of ('the Lorn case',
    an earlier example), nor a case noun with no name on it."""
    found = []
    for root, name, pronoun in mentions:
        if pronoun or name not in memory.known_targets:
            continue
        head = index.head[root]
        if index.dep[root] == "pobj" and index.lower[head] == "of":
            head = index.head[head]  # 'the case of Ivo Sand'
        elif index.dep[root] not in ("compound", "poss"):
            continue
        if index.lemma[head] in index.words.CASE_PROCESS_NOUNS and index.pos[head] == "NOUN":
            found.append((root, name, "TARGET.case_named"))
    return found
