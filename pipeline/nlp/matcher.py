"""One matcher over span or cue rules: PhraseMatcher for strings, Matcher for token patterns.

Rules are matched only where they can match (a pattern pinned to its first word is tried
only at that word), which keeps rule matching a small share of a run.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from tnr_claims.rules.schemas import CueRule, SpanRule

_OPEN_ENDED = 8
"""Tokens assumed for one ``+``/``*`` repetition when sizing trigger windows."""


def _token_words(token: dict[str, Any]) -> frozenset[str] | None:
    """Lower-cased words a required token must be, or ``None`` if it is not a literal."""
    if str(token.get("OP", "1")) not in ("1",):
        return None
    for key in ("LOWER", "ORTH", "TEXT"):
        value = token.get(key)
        if isinstance(value, str):
            return frozenset({value.lower()})
        if isinstance(value, dict) and set(value) == {"IN"}:
            return frozenset(str(v).lower() for v in value["IN"])
    return None


def pattern_triggers(pattern: list[dict[str, Any]]) -> frozenset[str] | None:
    """Words one of which every match of ``pattern`` must contain, or ``None``.

    The most selective required literal token (``LOWER``/``ORTH``/``TEXT`` as a string or
    an ``IN`` list, without ``OP``) gives them: the one with the smallest share of stop
    words ("Law" rather than "of"), then the fewest words. A pattern with no such token
    has none and is tried at every token.
    """
    from spacy.lang.en.stop_words import STOP_WORDS

    choices = [words for words in map(_token_words, pattern) if words is not None]
    if not choices:
        return None
    return min(choices, key=lambda words: (len(words & STOP_WORDS) / len(words), len(words)))


def _max_length(pattern: list[dict[str, Any]]) -> int:
    """An upper bound on the tokens one match of ``pattern`` can cover."""
    total = 0
    for token in pattern:
        op = str(token.get("OP", "1"))
        if op in ("+", "*"):
            total += _OPEN_ENDED
        elif op.startswith("{"):
            bounds = op.strip("{}").split(",")
            total += int(bounds[-1]) if bounds[-1].strip() else _OPEN_ENDED
        else:
            total += 1
    return total


def _pin_first_word(pattern: list[dict[str, Any]], word: str) -> list[dict[str, Any]]:
    """``pattern`` with a first token ``{"LOWER": {"IN": [...]}}`` narrowed to ``word``.

    The word's own matcher only runs where the token is ``word``; a plain ``LOWER``
    string is checked in C, while an ``IN`` set is a Python predicate run per token.
    """
    first = pattern[0]
    if set(first) == {"LOWER"}:
        return [{"LOWER": word}, *pattern[1:]]
    return pattern


class RuleMatcher:
    """Matchers over a set of rules; every match knows its rule id.

    A plain spaCy ``Matcher`` tries every pattern at every token, which made rule
    matching cost more than the parser. Rules are therefore tried only where they can
    match, using one vectorised look-up of the document's lower-cased words:

    * phrase rules: a ``PhraseMatcher`` on ``LOWER`` (``ORTH`` when ``case_sensitive``);
    * token patterns whose first token is a literal word (most METHOD and cue rules):
      one small ``Matcher`` per such word, run only at tokens that are that word (and,
      when every pattern of that word needs a literal second word, only where one of
      those words follows);
    * token patterns with a literal word elsewhere (shape rules ending in "Law",
      "Ministry"): a ``Matcher`` run on windows around those words, holding only the
      rules whose words occur in the window (a match holds one of its rule's words);
    * the rest (no literal word at all): one ``Matcher`` over the whole document.

    Calling the object on a Doc returns ``(start_token, end_token, rule)`` triples,
    longest match per rule and position, in document order; ties go to the rule listed
    first.
    """

    def __init__(self, nlp: Language, rules: Iterable[SpanRule | CueRule]) -> None:
        import numpy

        self.rules: dict[str, SpanRule | CueRule] = {}
        self._order: dict[str, int] = {}
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._anywhere = Matcher(nlp.vocab)
        self._windowed = Matcher(nlp.vocab)
        self._vocab = nlp.vocab
        self._windowed_patterns: dict[str, list[dict[str, Any]]] = {}
        self._windowed_rules: dict[int, set[str]] = {}
        """Word id -> ids of the windowed rules that word triggers."""
        self._window_matchers: dict[frozenset[str], Matcher] = {}
        strings = nlp.vocab.strings
        starters: dict[int, tuple[list[tuple[str, list[dict[str, Any]]]], int]] = {}
        """First word id -> the patterns pinned to that word, and their longest match."""
        followers: dict[int, set[int] | None] = {}
        """First word id -> ids of the words that must come second (None: any word)."""
        reach: dict[int, int] = {}
        for rule in rules:
            self.rules[rule.id] = rule
            self._order[rule.id] = len(self._order)
            phrases = rule.phrases
            if phrases:
                case = getattr(rule, "case_sensitive", False)
                (self._orth if case else self._lower).add(
                    rule.id, [nlp.make_doc(p) for p in phrases]
                )
                continue
            pattern: list[dict[str, Any]] = rule.pattern  # type: ignore[assignment]
            length = _max_length(pattern)
            first = _token_words(pattern[0])
            if first is not None:
                second = _token_words(pattern[1]) if len(pattern) > 1 else None
                for word in first:
                    key = strings.add(word)
                    pinned, longest = starters.get(key) or ([], 1)
                    pinned.append((rule.id, _pin_first_word(pattern, word)))
                    starters[key] = (pinned, max(longest, length))
                    known = followers.get(key, set())
                    followers[key] = (
                        None
                        if known is None or second is None
                        else known | {strings.add(w) for w in second}
                    )
                continue
            words = pattern_triggers(pattern)
            if words is None:
                self._anywhere.add(rule.id, [pattern], greedy="LONGEST")
                continue
            self._windowed.add(rule.id, [pattern], greedy="LONGEST")
            self._windowed_patterns[rule.id] = pattern
            for word in words:
                key = strings.add(word)
                reach[key] = max(reach.get(key, 1), length)
                self._windowed_rules.setdefault(key, set()).add(rule.id)
        self._starters = starters
        self._starter_matchers: dict[int, Matcher] = {}
        """First word id -> its ``Matcher``, built when the word first occurs (a run meets
        a fraction of the thousand-odd words, and building them all cost 0.3 s a run)."""
        self._followers = followers
        self._reach = reach
        self._starter_ids = numpy.array(sorted(starters), dtype="uint64")
        self._window_ids = numpy.array(sorted(reach), dtype="uint64")
        self._whole = [m for m in (self._anywhere, self._lower, self._orth) if len(m)]

    def _positions(self, lowers: Any, ids: Any) -> list[int]:
        import numpy

        if not len(ids):
            return []
        return numpy.flatnonzero(numpy.isin(lowers, ids)).tolist()

    def _windows(self, lowers: Any, n: int) -> list[tuple[int, int]]:
        """Merged ``[start, end)`` windows around the windowed rules' words."""
        windows: list[tuple[int, int]] = []
        for position in self._positions(lowers, self._window_ids):
            reach = self._reach[int(lowers[position])]
            start, end = max(0, position - reach + 1), min(n, position + reach)
            if windows and start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(windows[-1][1], end))
            else:
                windows.append((start, end))
        return windows

    def _window_matcher(self, words: Iterable[int]) -> Matcher | None:
        """The ``Matcher`` of the windowed rules triggered by the word ids ``words`` (built
        once per combination; rules keep their listed order)."""
        ids = frozenset(rule_id for word in words for rule_id in self._windowed_rules.get(word, ()))
        if not ids:
            return None
        matcher = self._window_matchers.get(ids)
        if matcher is None:
            matcher = Matcher(self._vocab)
            for rule_id, pattern in self._windowed_patterns.items():
                if rule_id in ids:
                    matcher.add(rule_id, [pattern], greedy="LONGEST")
            self._window_matchers[ids] = matcher
        return matcher

    def _starter_matcher(self, word: int) -> Matcher:
        """The ``Matcher`` of the patterns pinned to the word id ``word`` (built once)."""
        matcher = self._starter_matchers.get(word)
        if matcher is None:
            matcher = Matcher(self._vocab)
            for rule_id, pattern in self._starters[word][0]:
                matcher.add(rule_id, [pattern], greedy="LONGEST")
            self._starter_matchers[word] = matcher
        return matcher

    def __call__(self, doc: Doc) -> list[tuple[int, int, SpanRule | CueRule]]:
        """Every ``(start, end, rule)`` match of the rules in ``doc``."""
        from spacy.attrs import LOWER

        strings = doc.vocab.strings
        rules = self.rules
        found: list[tuple[int, int, SpanRule | CueRule]] = []
        for matcher in self._whole:
            for match_id, start, end in matcher(doc):
                found.append((start, end, rules[strings[match_id]]))
        n = len(doc)
        if n and (len(self._starter_ids) or len(self._window_ids)):
            lowers = doc.to_array(LOWER)
            for position in self._positions(lowers, self._starter_ids):
                word = int(lowers[position])
                followers = self._followers[word]
                if followers is not None and (
                    position + 1 >= n or int(lowers[position + 1]) not in followers
                ):
                    continue  # every pattern of this word needs another second word
                matcher, length = self._starter_matcher(word), self._starters[word][1]
                for match_id, start, end in matcher(doc[position : min(n, position + length)]):
                    if start == 0:
                        found.append((position, position + end, rules[strings[match_id]]))
            if len(self._windowed):
                for w_start, w_end in self._windows(lowers, n):
                    windowed = self._window_matcher(set(lowers[w_start:w_end].tolist()))
                    if windowed is None:
                        continue
                    for match_id, start, end in windowed(doc[w_start:w_end]):
                        found.append((w_start + start, w_start + end, rules[strings[match_id]]))
        found = list(
            {(start, end, rule.id): (start, end, rule) for start, end, rule in found}.values()
        )
        found.sort(key=lambda item: (item[0], -item[1], self._order[item[2].id]))
        return found
