"""Hedge and negation of a claim: cue scopes on the parse (medspaCy ConText style)."""

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
        if index.lemma[_clause_verb(index, cue.start)] in index.words.UNTOLD_VERBS:
            continue  # 'did not say why he was deported', 'neither ... has explained how'
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
    keys = {_predicate(index, root) for root in acts if root not in given}
    keys |= {
        i
        for i in range(s0, s1)
        if index.is_event(i)
        and index.pos[i] == "VERB"
        and index.dep[i] not in ("amod", "compound")  # 'returning citizens' names people
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
        covering = [cue for cue, reach in reaches if keys & reach]
        return covering if keys <= covered else []
    if given:
        return []  # 'not allowed to see them during their detention': the act is a given
    return [cue for cue, _ in active if index.embedding(cue.start) is None]


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
        and index.lemma[index.head[noun]] == "have"
        and index.lemma[noun] in LINK_NOUNS
        and not any(  # 'his arrest had no connection to his brother': the arrest stands
            c.dep_ == "nsubj" and c.i in index.method_tokens
            for c in index.children(index.head[noun])
        )
    ):
        # 'had no connection to the killing', 'had nothing to do with it': denied
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
    if index.lemma[head] == "be" and index.dep[cue.start] == "neg":
        embedded = ("relcl", "advcl", "parataxis", "xcomp", "ccomp", "csubj", "acl")
    for token in index.doc[head].subtree:
        if token.i in skipped:
            continue
        own_clause = token.dep_ == "conj" and _has_own_subject(token)
        if (
            token.i != head
            and (token.dep_ in embedded or own_clause)
            and token.head.i not in cue_tokens
        ):
            if not cue_tokens & {t.i for t in token.subtree}:
                # 'No weapon was found, and the airline called it piracy': a clause joined
                # with its own subject is asserted on its own
                skipped.update(t.i for t in token.subtree)
                continue
        reach.add(token.i)
    return {i for i in reach if lo <= i < hi}


def _has_own_subject(verb: Token) -> bool:
    """A joined verb with a subject of its own heads a clause of its own."""
    return verb.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in verb.children
    )


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
