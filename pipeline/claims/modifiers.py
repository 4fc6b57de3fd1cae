"""Hedge and negation of a claim: cue scopes on the parse (medspaCy ConText style)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Span

from pipeline.rules.schemas import CueRule

if TYPE_CHECKING:
    from pipeline.claims.index import DocIndex, Sentence


def find_hedges(index: DocIndex, sentence: Sentence, by_kind: dict[str, list[Span]]) -> list[Span]:
    """Hedge cues whose clause is the claim's (not a relative, concessive or adverbial clause).

    A hedge noun ('her claim', 'the allegations') marks the sentence's content as a claim
    wherever it stands ('..., although she gave no evidence for her claim'), except inside a
    finite relative clause about someone else ('..., who denied the allegations')."""
    used: list[Span] = []
    for cue in by_kind.get("hedge", ()):
        i = cue.start
        slug = cue.id_.split(".", 1)[-1]
        if slug != "accused_of" and any(
            j in index.method_tokens for j in range(cue.start, cue.end)
        ):
            continue
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
        if index.lower[i] in index.words.HEDGE_NOUNS and index.pos[i] == "NOUN":
            if not index.in_relcl(i):
                used.append(cue)
            continue
        if index.embedding(i) in ("relative", "concessive", "conditional", "adverbial"):
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
        rule = rules_by_id.get(cue.id_)
        active.append((cue, _scope(index, cue, rule, s0, s1, terminators)))
    return active


def find_negations(
    index: DocIndex, sentence: Sentence, active: list[tuple[Span, set[int]]]
) -> list[Span]:
    """Negation cues when the sentence denies the act: their scopes cover every act token
    (METHOD roots and event verbs), or, with no act token, a cue in the main clause."""
    if not active:
        return []
    s0, s1 = sentence.span.start, sentence.span.end
    keys = {_predicate(index, ref.root) for ref in sentence.spans if ref.record.label == "METHOD"}
    keys |= {i for i in range(s0, s1) if index.is_event(i) and index.pos[i] == "VERB"}
    if keys:
        covered: set[int] = set()
        for _, scope in active:
            covered |= scope
        if any(index.lemma[k] in index.words.PRESUPPOSING_VERBS for k in keys & covered):
            return []
        covering = [cue for cue, scope in active if keys & scope]
        return covering if keys <= covered else []
    return [cue for cue, _ in active if index.embedding(cue.start) is None]


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
        if token.i != head and token.dep_ in embedded and token.head.i not in cue_tokens:
            if not cue_tokens & {t.i for t in token.subtree}:
                skipped.update(t.i for t in token.subtree)
                continue
        reach.add(token.i)
    return {i for i in reach if lo <= i < hi}
