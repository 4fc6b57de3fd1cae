"""Negation of a claim: cue scopes on the parse (medspaCy ConText style). Hedges are
:mod:`tnr_claims.claims.hedges`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from tnr_claims.claims.attribution import told_to_someone
from tnr_claims.claims.presupposed import presupposed
from tnr_claims.claims.voluntary import denied_twice, return_told_voluntary
from tnr_claims.nlp.context import ROLE_CODES
from tnr_claims.rules.schemas import CueRule

if TYPE_CHECKING:
    from tnr_claims.claims.index import DocIndex, Sentence


def find_negation_scopes(
    index: DocIndex,
    sentence: Sentence,
    by_kind: dict[str, list[Span]],
    rules_by_id: dict[str, CueRule],
) -> list[tuple[Span, set[int]]]:
    """Each negation cue with the tokens it reaches; capability negations ('could not',
    'cannot') are left out: they state a limit, not that an act did not happen."""
    cues = by_kind.get("negation", ())
    if not cues:
        return []
    s0, s1 = sentence.span.start, sentence.span.end
    terminators = sorted(c.start for c in by_kind.get("terminator", ()))
    active: list[tuple[Span, set[int]]] = []
    for cue in cues:
        governed = (
            index.head[cue.start] if index.dep[cue.start] in ("neg", "det", "advmod") else cue.start
        )
        if any(
            c.lower_ in index.words.CAPABILITY_MODALS
            for c in index.children(governed)
            if c.dep_ == "aux"
        ):
            continue
        if _judged_or_counterfactual(index, governed):
            continue
        if index.lemma[governed] == "able" or any(
            c.dep_ == "acomp" and c.lemma_ == "able" for c in index.children(governed)
        ):
            continue  # 'has not been able to reach him': a limit, as 'could not' is
        verb = _clause_verb(index, cue.start)
        told = [verb, *(c.i for c in index.children(verb) if c.dep_ == "xcomp")]
        if any(index.lemma[k] in index.words.UNTOLD_VERBS for k in told):
            continue  # 'did not say why he was deported', 'refused to tell where he is held'
        if cue.start > s0 and index.lower[cue.start - 1] == "than":
            continue  # 'more often than not'
        if cue.start in index.method_tokens:
            continue  # a word of the act's own name ('were not allowed to leave')
        if told_to_someone(index, cue.start):
            continue  # 'told the brother the family would have no peace': words said to him
        if index.lemma[governed] in ("see", "hear") and index.is_passive(governed):
            continue  # 'has not been seen since': where someone is, not a denied act
        if cue.id_ == "NEGATION.voluntarily" and not return_told_voluntary(index, cue.start):
            continue  # 'voluntarily gave up her passport', 'a voluntary fund': no return told
        if denied_twice(index, governed):
            continue  # 'did not return voluntarily': two denials assert the coercion

        rule = rules_by_id.get(cue.id_)
        active.append((cue, _scope(index, cue, rule, s0, s1, terminators)))
    return active


def _clause_verb(index: DocIndex, i: int) -> int:
    """The verb of token ``i``: itself when it is one ('denied'), else the nearest verb
    above it ('not' in 'did not say'); ``i`` itself when there is none."""
    j = i
    for _ in range(8):
        if index.pos[j] in ("VERB", "AUX"):
            return j
        if index.head[j] == j:
            break
        j = index.head[j]
    return i


def _judged_or_counterfactual(index: DocIndex, verb: int) -> bool:
    """'should not have been issued', 'must never be returned', 'would never have gone
    back': a judgement or a counterfactual about the act, not a denial that it happened."""
    auxes = [c.lower_ for c in index.children(verb) if c.dep_ in ("aux", "auxpass")]
    if any(a in ("should", "must", "ought") for a in auxes):
        return True
    return "would" in auxes and "have" in auxes


def find_negations(
    index: DocIndex, sentence: Sentence, active: list[tuple[Span, set[int]]]
) -> list[Span]:
    """Negation cues when the sentence denies the act: their scopes cover every act token
    (METHOD roots and event verbs), or, with no act token, a cue in the main clause."""
    # 'would suffer if he did not return': a condition asserts nothing, nor denies it
    active = [
        (cue, scope)
        for cue, scope in active
        if index.embedding(cue.start) != "conditional" and not _no_one_held_to_account(index, cue)
    ]
    if not active:
        return []
    pleas = [cue for cue, _ in active if _pleads_not_guilty(index, cue) or _acquits(cue)]
    pleas += [cue for cue, _ in active if cue.id_ == "NEGATION.voluntarily"]
    if pleas:
        # codebook, second set: a plea of not guilty negates; so does an acquittal or a
        # finding of not guilty (GUIDELINES), and a return told as voluntary, even where
        # the return itself is a given ('the forced returns were in fact voluntary')
        return pleas
    s0, s1 = sentence.span.start, sentence.span.end
    acts = [ref.root for ref in sentence.spans if ref.record.label == "METHOD"]
    given = [root for root in acts if presupposed(index, root)]
    # 'released and not charged', 'freed without charge': a release ends an act, so the
    # charge is the act a negation must reach
    ends = index.words.RELEASE_VERBS if acts else frozenset()
    predicates = {root: _predicate(index, root) for root in acts if root not in given}
    keys = {root if index.lemma[p] in ends else p for root, p in predicates.items()}
    keys |= {
        i
        for i in range(s0, s1)
        if index.is_event(i)
        and index.pos[i] == "VERB"
        and index.dep[i] not in ("amod", "compound")  # 'returning citizens' names people
        and index.lemma[i] not in ends
    }
    keys = {k for k in keys if index.embedding(k) != "conditional"}
    if keys:
        reaches = [(cue, _reach(index, cue, scope)) for cue, scope in active]
        covered: set[int] = set().union(*(reach for _, reach in reaches))
        if any(
            index.lemma[k] in index.words.PRESUPPOSING_VERBS and k not in index.method_tokens
            for k in keys & covered
        ):
            return []  # 'failed to prevent the abduction'; not 'no one was prevented from
            # leaving', where preventing is the act
        if any(_on_whose_request(index, k) for k in keys & covered):
            return []  # 'denied that he was sent back at Vell's request': the cause denied
        covering = [cue for cue, reach in reaches if keys & reach]
        return covering if keys <= covered else []
    if given:
        return []  # 'not allowed to see them during their detention': the act is a given
    # no act at all: a main-clause denial negates; 'without' only ever the phrase it opens
    return [
        cue
        for cue, _ in active
        if index.embedding(cue.start) is None and index.lower[cue.start] != "without"
    ]


ALLEGATION_DENIALS = (
    "NEGATION.allegations_",
    "NEGATION.reject_allegations",
    "NEGATION.rejected_as_false",
    "NEGATION.called_false",
)
"""Negation cues that deny the allegations of an act in so many words."""


def denials_without_an_act(index: DocIndex, cues: list[Span]) -> list[Span]:
    """The cues of ``cues`` that deny allegations in so many words, or plead not guilty:
    they negate a sentence that names no act ('the ministry said the allegations are
    absurd'; 'A and B pleaded not guilty'), where a bare 'not' has no act to deny ('He
    never came out')."""
    return [
        cue
        for cue in cues
        if cue.id_.startswith(ALLEGATION_DENIALS) or _pleads_not_guilty(index, cue)
    ]


REQUEST_NOUNS = frozenset({"request", "behest", "order", "instruction", "demand", "bidding"})
"""Nouns of who asked for an act ('at Vell's request', 'on the orders of Vell')."""


def _on_whose_request(index: DocIndex, verb: int) -> bool:
    """'denied that he was deported at Vell's request': the act stands, the denial is of
    who asked for it (codebook, second set: negation needs a denial of the act)."""
    return any(
        prep.dep_ == "prep"
        and prep.lower_ in ("at", "on", "upon")
        and any(c.dep_ == "pobj" and c.lemma_ in REQUEST_NOUNS for c in prep.children)
        for prep in index.children(verb)
    )


def _pleads_not_guilty(index: DocIndex, cue: Span) -> bool:
    """'pleaded not guilty', 'pleads not guilty to the plot'."""
    if index.lower[cue.start] != "not" or cue.start + 1 >= len(index.lower):
        return False
    guilty = cue.start + 1
    return index.lower[guilty] == "guilty" and "plead" in (
        index.lemma[index.head[guilty]],
        index.lemma[index.head[cue.start]],
    )


def _acquits(cue: Span) -> bool:
    """An acquittal cue ('acquitted', 'acquittal')."""
    return cue.label_ == "negation" and cue[0].lemma_.lower() in ("acquit", "acquittal")


def _reach(index: DocIndex, cue: Span, scope: set[int]) -> set[int]:
    """The tokens a negation denies: its scope, its own words (the denial verb may govern
    the act: 'denied any involvement in the assault'), and the verb a 'not' hangs on ('is
    not in custody': the copula before it holds the act)."""
    reach = scope | set(range(cue.start, cue.end))
    if index.dep[cue.start] == "neg":
        reach.add(index.head[cue.start])
    noun = index.head[cue.start]
    if index.dep[cue.start] == "det" and index.dep[noun] == "dobj" and noun in index.method_tokens:
        reach.add(index.head[noun])  # 'had received no extradition request': denied
    if (
        index.dep[cue.start] == "det"
        and index.dep[noun] == "dobj"
        and index.lemma[index.head[noun]] in ("have", "play")
        and index.lemma[noun] in LINK_NOUNS
        and not any(  # 'his arrest had no connection to his brother': the arrest stands
            c.dep_ == "nsubj"
            and c.i in index.method_tokens
            and index.spans[index.span_at[c.i]].record.code not in ROLE_CODES  # not 'agents'
            for c in index.children(index.head[noun])
        )
    ):
        # 'had no connection to the killing', 'played no role in it', 'had nothing to do
        # with it': denied
        reach.add(index.head[noun])
    return reach


LINK_NOUNS = frozenset({"connection", "link", "involvement", "role", "part", "relation"})
"""Nouns of a tie to an act that 'had no ...' denies ('had no connection to the killing')."""


ACCOUNTABILITY_VERBS = frozenset(
    {"charge", "arrest", "convict", "prosecute", "punish", "try", "indict", "sentence", "jail"}
)
"""Legal steps against those responsible: 'no one has been charged over the abduction'
denies the step, not the abduction."""


def _no_one_held_to_account(index: DocIndex, cue: Span) -> bool:
    """'No one has been charged over the killing', 'nobody was arrested': a negated subject
    of a legal step against perpetrators, which leaves the act itself asserted."""
    root = cue.root
    verb = index.head[root.i]
    return (
        index.dep[root.i] in ("nsubj", "nsubjpass")
        and index.lower[cue.start] in ("no", "nobody", "none")
        and index.lemma[verb] in ACCOUNTABILITY_VERBS
        # not 'nobody arrested them': an arrest of people named is the act, denied
        and not (index.dep[root.i] == "nsubj" and index.has_child(verb, ("dobj",)))
    )


def _predicate(index: DocIndex, i: int) -> int:
    """The verb that asserts an act: the act's own verb, or the verb governing a nominal act
    ('the abduction' in 'police did not investigate the abduction' -> 'investigate')."""
    j = i
    for _ in range(16):
        if index.pos[j] in ("VERB", "AUX") or index.head[j] == j:
            return j
        j = index.head[j]
    return j


def _scope(
    index: DocIndex, cue: Span, rule: CueRule | None, s0: int, s1: int, terminators: Sequence[int]
) -> set[int]:
    """Tokens a cue reaches: its ConText window (direction, scope, terminators) inside the
    subtree of its clause, minus relative and adverbial clauses that do not hold the cue.
    A negated copula ('it is not surprising that ...', 'it would not be a leap to say ...')
    negates its predicate only, never the clauses below it."""
    direction = rule.direction if rule else "forward"
    width = rule.scope if rule else 0
    lo, hi = s0, s1
    if direction == "forward":
        lo, hi = cue.start + 1, (min(s1, cue.end + width) if width else s1)
        after = [t for t in terminators if t > cue.start]
        if after:
            hi = min(hi, after[0])
    elif direction == "backward":
        lo, hi = (max(s0, cue.start - width) if width else s0), cue.start
        before = [t for t in terminators if t < cue.start]
        if before:
            lo = max(lo, before[-1] + 1)
    if index.lower[cue.start] == "without":
        # 'tried without being notified and sentenced': the phrase it opens, not a verb
        # the parser joins to it
        phrase: set[int] = set()
        for child in index.children(cue.start):
            joined = {t.i for g in child.children if g.dep_ == "conj" for t in g.subtree}
            phrase |= {t.i for t in child.subtree if lo <= t.i < hi} - joined
        return phrase
    head = index.clause_head(cue.start)
    reach: set[int] = set()
    skipped: set[int] = set()
    cue_tokens = set(range(cue.start, cue.end)) - {head}
    embedded = ("relcl", "advcl", "parataxis")
    purpose_too = True  # 'denied that the state sent anyone to monitor her'
    if index.lemma[head] == "be" and index.dep[cue.start] == "neg":
        embedded = ("relcl", "advcl", "parataxis", "xcomp", "ccomp", "csubj", "acl")
        purpose_too = False
    for token in index.doc[head].subtree:
        if token.i in skipped:
            continue
        own_clause = token.dep_ == "conj" and _has_own_subject(token)
        if (
            token.i != head
            and ((token.dep_ in embedded and not (purpose_too and _purpose(token))) or own_clause)
            and token.head.i not in cue_tokens
        ):
            if not cue_tokens & {t.i for t in token.subtree}:
                # 'No weapon was found, and the airline called it piracy': a clause joined
                # with its own subject is asserted on its own
                skipped.update(t.i for t in token.subtree)
                continue
        reach.add(token.i)
    return {i for i in reach if lo <= i < hi}


def _purpose(verb: Token) -> bool:
    """'denied that the state sent anyone to monitor her': an infinitive of purpose is
    the act the sending was for, denied with it (an adverbial clause otherwise stands
    apart)."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    )


def _has_own_subject(verb: Token) -> bool:
    """A joined verb with a subject of its own heads a clause of its own."""
    return verb.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in verb.children
    )
