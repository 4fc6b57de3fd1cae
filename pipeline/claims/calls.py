"""Calls for action: the recommendation cue that makes a sentence a call ('urged Vell to
free X', 'must release'), and the cue words that are no call there (an order to a person,
a step of the story, a judgement, a call joined to an act asserted before it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span

from tnr_claims.claims.attribution import is_weak, told_to_someone, urges_the_act
from tnr_claims.rules.schemas import CueRule

if TYPE_CHECKING:
    from tnr_claims.claims.index import DocIndex, Sentence


def find_recommendation_cue(
    index: DocIndex,
    sentence: Sentence,
    by_kind: dict[str, list[Span]],
    rules_by_id: dict[str, CueRule],
) -> Span | None:
    """The recommendation cue that makes the sentence a call for action, if any."""
    has_anchor = any(
        ref.record.label in ("METHOD", "LEGAL_REF", "LOCATION", "ORG") for ref in sentence.spans
    )
    for cue in by_kind.get("recommendation", ()):
        if index.embedding(cue.start) in ("relative", "concessive", "conditional", "adverbial"):
            continue
        if cue.start in index.method_tokens or urges_the_act(index, cue):
            continue  # 'police urged his parents to persuade him': the urging is the act
        if is_weak(cue):
            if told_to_someone(index, cue.start) or _asks_whether(index, cue.start):
                continue  # 'she told me I must come home': an order to a person, no call
            if _stirs_a_feeling(index, cue.start):
                continue  # 'the killing should shame every official': a judgement, no call
            nxt = cue.end
            while nxt < sentence.span.end and index.lower[nxt] in ("not", "n't", "never"):
                nxt += 1  # 'should not have been issued': a reproach for the past, no call
            if not has_anchor or (nxt < sentence.span.end and index.lower[nxt] in ("have", "'ve")):
                continue
            if index.tag[cue.start] == "MD" or index.pos[cue.start] in ("NOUN", "VERB"):
                return cue
            continue
        if _calls_within_the_story(index, cue):
            continue  # 'urging residents to come forward': a step of the story, no call
        if _call_after_an_assertion(index, cue.start):
            continue  # 'condemned the arrest of X and called on Vell to free him': the act
        if index.tag[cue.start] == "VBG" and index.dep[cue.start] == "pcomp":
            continue  # 'on charges of calling for unrest': what someone is accused of
        if index.pos[cue.start] in ("VERB", "AUX") or (
            cue.end - cue.start > 1 and index.pos[cue.start] not in ("NOUN", "PROPN")
        ):
            return cue  # not the noun in 'public calls for violence', 'an appeal to the court'
    return None


def _call_after_an_assertion(index: DocIndex, verb: int) -> bool:
    """A call joined to a verb before it whose own clause names an act ('The group
    condemned the arrest of X, and called on Vell to release him'; 'expressed alarm at a
    policy of detaining relatives and urged ...'): the sentence asserts that act first, and
    its type is the act's (GUIDELINES)."""
    if index.dep[verb] != "conj" or index.pos[verb] != "VERB":
        return False
    first = index.head[verb]
    if index.pos[first] != "VERB" or index.lemma[first] in index.words.SPEECH_VERBS:
        return False
    own = {t.i for t in index.doc[verb].subtree}
    return any(t.i in index.method_tokens for t in index.doc[first].subtree if t.i not in own)


def _stirs_a_feeling(index: DocIndex, modal: int) -> bool:
    """A modal on an active verb of feeling (:data:`STIRRING_VERBS`) whose subject is the
    act itself or a pronoun for it: 'the abduction should worry every host state', 'this
    must shame the police' judge the act; 'the EU should shame Ruritania into releasing
    them' and 'states should worry less about trade' still call on someone."""
    verb = index.head[modal]
    if index.lemma[verb] not in index.words.STIRRING_VERBS or not index.has_child(verb, ("dobj",)):
        return False
    return any(
        c.dep_ == "nsubj" and (c.i in index.method_tokens or c.lower_ in ACT_PRONOUNS)
        for c in index.children(verb)
    )


ACT_PRONOUNS = frozenset({"this", "that", "it", "which"})
"""Subjects that stand for an act just told ('This should alarm every government')."""


def _calls_within_the_story(index: DocIndex, cue: Span) -> bool:
    """A verb of calling whose addressee is the public or a group's own people ('police
    are urging residents to come forward', 'urging its supporters to rally'): a step of
    the story, not the document's call on states or institutions (``PUBLIC_ADDRESSEES``);
    so is a word to one person or a relative ('she advised me to go back')."""
    verb = cue.root
    if verb.pos_ != "VERB":
        return False
    addressees = [c for c in verb.children if c.dep_ == "dobj"]
    for prep in verb.children:  # 'called on residents to ...'
        if prep.dep_ == "prep" and prep.lower_ == "on":
            addressees += [c for c in prep.children if c.dep_ == "pobj"]
    return bool(addressees) and all(
        a.lemma_.lower() in index.words.PUBLIC_ADDRESSEES
        # 'she advised me to go back': a word to one person (or a relative) in the story
        or a.lower_ in ONE_PERSON_ADDRESSED
        or a.lemma_.lower() in index.words.FAMILY_NOUNS
        for a in addressees
    )


ONE_PERSON_ADDRESSED = frozenset({"me", "him", "her"})
"""Pronouns of one person a call is made to: a step of the story, not a call on a state."""


def _asks_whether(index: DocIndex, i: int) -> bool:
    """Whether the modal at ``i`` stands in a clause opened by 'whether' or 'if' that a
    verb asks ('is examining whether he should be charged'): a question, no call."""
    verb = index.head[i]
    return any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in index.children(verb))
