"""Dependency rules matched from their anchor word outward.

spaCy's ``DependencyMatcher`` is the reference for what a rule in
``patterns/dependencies.jsonl`` means. It finds every node of every pattern by running a
token ``Matcher`` over the whole Doc and then walks each match's ancestors; on the bench
that cost about as much per rule as the rest of the tagger together, for rules that fire
a few times in a thousand documents.

:class:`ParseMatcher` answers the same question from the other end: it looks up the
tokens whose lemma can be the rule's first node (every shipped rule has one) and follows
the parse from there, node by node (``>`` a child, ``<`` the head). It reads the token
attributes the shipped rules use (``LEMMA``, ``LOWER``, ``POS``, ``TAG``, ``DEP``,
``ENT_TYPE``; a string, ``IN`` or ``NOT_IN``). A rule using any other operator or
attribute is handed to a ``DependencyMatcher`` of its own, so every rule keeps the
library's meaning; a test checks both give the same matches on every rule's examples.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from spacy.attrs import LEMMA
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

FAST_OPERATORS = frozenset({">", "<"})
"""Operators the anchored walk follows; any other sends the rule to DependencyMatcher."""

FAST_ATTRIBUTES: dict[str, Callable[[Token], str]] = {
    "LEMMA": lambda t: t.lemma_,
    "LOWER": lambda t: t.lower_,
    "POS": lambda t: t.pos_,
    "TAG": lambda t: t.tag_,
    "DEP": lambda t: t.dep_,
    "ENT_TYPE": lambda t: t.ent_type_,
    "ORTH": lambda t: t.text,
}
"""Token attributes the anchored walk reads, as the ``Matcher`` reads them."""

FAST_FLAGS: dict[str, Callable[[Token], bool]] = {
    "IS_UPPER": lambda t: t.is_upper,
    "IS_ALPHA": lambda t: t.is_alpha,
    "IS_TITLE": lambda t: t.is_title,
}
"""Boolean token flags the anchored walk reads (``{"IS_UPPER": true}``)."""

Match = tuple[str, tuple[int, ...]]
"""``(rule id, token index per pattern node, in pattern order)``."""


def _predicate(attrs: dict[str, Any]) -> Callable[[Token], bool] | None:
    """A test of one node's ``RIGHT_ATTRS``; ``None`` when it uses anything unsupported."""
    checks: list[Callable[[Token], bool]] = []
    for name, value in attrs.items():
        flag = FAST_FLAGS.get(name)
        if flag is not None and isinstance(value, bool):
            checks.append(lambda t, f=flag, v=value: f(t) is v)
            continue
        read = FAST_ATTRIBUTES.get(name)
        if read is None:
            return None
        if isinstance(value, str):
            checks.append(lambda t, r=read, v=value: r(t) == v)
        elif isinstance(value, dict) and set(value) <= {"IN", "NOT_IN"}:
            allowed = frozenset(map(str, value.get("IN", ()))) if "IN" in value else None
            refused = frozenset(map(str, value.get("NOT_IN", ())))
            checks.append(
                lambda t, r=read, a=allowed, n=refused: (a is None or r(t) in a) and r(t) not in n
            )
        else:
            return None
    return lambda t: all(check(t) for check in checks)


class _Rule:
    """One rule compiled for the anchored walk."""

    def __init__(self, rule_id: str, pattern: Sequence[dict[str, Any]], strings: Any) -> None:
        self.id = rule_id
        names = [node["RIGHT_ID"] for node in pattern]
        self.steps: list[tuple[int, str, Callable[[Token], bool]]] = []
        for node in pattern[1:]:
            test = _predicate(node.get("RIGHT_ATTRS", {}))
            if test is None or node.get("REL_OP") not in FAST_OPERATORS:
                raise ValueError(rule_id)
            self.steps.append((names.index(node["LEFT_ID"]), node["REL_OP"], test))
        root = pattern[0].get("RIGHT_ATTRS", {})
        root_test = _predicate(root)
        lemma = root.get("LEMMA")
        if root_test is None or not (
            isinstance(lemma, str) or (isinstance(lemma, dict) and set(lemma) == {"IN"})
        ):
            raise ValueError(rule_id)
        self.root_test = root_test
        lemmas = [lemma] if isinstance(lemma, str) else lemma["IN"]
        self.anchors = frozenset(int(strings.add(str(word))) for word in lemmas)

    def matches(self, doc: Doc, anchors: Iterable[int]) -> list[tuple[int, ...]]:
        found: list[tuple[int, ...]] = []
        for i in anchors:
            token = doc[i]
            if self.root_test(token):
                self._extend(doc, [i], found)
        return found

    def _extend(self, doc: Doc, chosen: list[int], found: list[tuple[int, ...]]) -> None:
        if len(chosen) == len(self.steps) + 1:
            found.append(tuple(chosen))
            return
        left, operator, test = self.steps[len(chosen) - 1]
        anchor = doc[chosen[left]]
        if operator == ">":
            candidates: Iterable[Token] = anchor.children
        else:
            candidates = () if anchor.head.i == anchor.i else (anchor.head,)
        for token in candidates:
            if token.i not in chosen and test(token):
                chosen.append(token.i)
                self._extend(doc, chosen, found)
                chosen.pop()


class ParseMatcher:
    """Matches dependency rules (``(id, pattern)`` pairs) on parsed Docs (see module)."""

    def __init__(self, vocab: Vocab, rules: Iterable[tuple[str, Sequence[dict[str, Any]]]]):
        self._fast: list[_Rule] = []
        self._slow: list[tuple[str, DependencyMatcher]] = []
        for rule_id, pattern in rules:
            try:
                self._fast.append(_Rule(rule_id, pattern, vocab.strings))
            except ValueError:
                matcher = DependencyMatcher(vocab)
                matcher.add(rule_id, [list(pattern)])
                self._slow.append((rule_id, matcher))
        self._anchor_ids = frozenset().union(*(rule.anchors for rule in self._fast))

    @property
    def library_rules(self) -> list[str]:
        """Ids of the rules left to spaCy's ``DependencyMatcher``."""
        return [rule_id for rule_id, _ in self._slow]

    def __call__(self, doc: Doc) -> list[Match]:
        """Every match, as DependencyMatcher gives it: rule id and one token per node."""
        found: list[Match] = []
        if not len(doc):
            return found
        by_lemma: dict[int, list[int]] = {}
        for i, lemma in enumerate(doc.to_array(LEMMA).tolist()):
            if lemma in self._anchor_ids:
                by_lemma.setdefault(lemma, []).append(i)
        if by_lemma:
            for rule in self._fast:
                anchors = sorted(i for lemma in rule.anchors for i in by_lemma.get(lemma, ()))
                if anchors:
                    found.extend((rule.id, ids) for ids in rule.matches(doc, anchors))
        strings = doc.vocab.strings
        for _, matcher in self._slow:
            found.extend((strings[key], tuple(ids)) for key, ids in matcher(doc))
        return found
