"""Dyads: the perpetrator and host states of each claim, from the rules of ``dyads.jsonl``.

A claim's dyad is read from its own sentence: agents or authorities named by demonym or
possessive ("Ruritanian agents", "Ruritania's intelligence service"), an explicit
attribution ("accused Ruritania of"), the state whose court or legal process it is, and
the place of the act (host). Requests carried out by another state's authorities ("at the
request of Ruritania", "deported to Ruritania") make the requester the perpetrator and
the acting authorities' state a host that cooperated. "The agents" in a later sentence
takes the perpetrator named earlier in the document (document memory). Nothing is
guessed from a target's nationality: a state the sentence does not tie to the act is not
a dyad state.

Works on records (text, sentences, LOCATION spans), so it needs no model and runs after
claims are built (:func:`assign_dyads`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from tnr_claims.records import ClaimRecord, DocumentRecord, SpanRecord
from tnr_claims.rules.loader import PatternSet, default_patterns
from tnr_claims.rules.schemas import DyadRule

_MARK = "\u27e6{}\u27e7"
_MARK_RE = r"\u27e6(\d+)\u27e7"


@dataclass
class Dyad:
    """The states one sentence names, with the ids of the rules that found them."""

    perpetrators: list[str] = field(default_factory=list)
    hosts: list[str] = field(default_factory=list)
    role: str | None = None
    rules: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def state_names() -> dict[str, str]:
    """Names that stand for a state: country names, demonyms and country aliases -> ISO code."""
    import pycountry

    from tnr_claims.normalise.places import DEMONYMS
    from tnr_claims.normalise.strings import deaccent

    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                head = value.split(",")[0].strip()
                names.setdefault(deaccent(head), country.alpha_2)
    for rule in default_patterns().span_rules:
        if rule.label == "LOCATION" and rule.code:
            for phrase in rule.phrases:
                if phrase[:1].isupper() and len(phrase) > 2:
                    names.setdefault(phrase, rule.code)
    names.update(DEMONYMS)
    for short in ("US", "UK", "U.S.", "U.K."):
        names[short] = DEMONYMS[short]
    return names


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_STATE = rf"(?P<state>{_MARK_RE})"
"""What ``{STATE}`` and ``{PLACE}`` stand for in a rule: a marker. Every state name and
LOCATION span of the sentence is replaced by a marker before the rules run
(:func:`masked`), so the rules stay small and one scan per text finds the names."""


_WORD = re.compile(r"(?<!\w)\w+")


@lru_cache(maxsize=1)
def _names_by_first_word() -> dict[str, list[tuple[str, str]]]:
    """Capitalised state names by their first word: ``(name, code)``, longest name first."""
    by_word: dict[str, list[tuple[str, str]]] = {}
    for name, code in state_names().items():
        first = _WORD.match(name)
        if name[:1].isupper() and first:
            by_word.setdefault(first.group(), []).append((name, code))
    for names in by_word.values():
        names.sort(key=lambda item: -len(item[0]))
    return by_word


def state_mentions(text: str, start: int = 0) -> list[tuple[int, int, str]]:
    """``(start, end, code)`` of the state names of ``text`` (at document offset ``start``):
    case-sensitive, whole words, the longest name at each place, left to right."""
    by_word = _names_by_first_word()
    found: list[tuple[int, int, str]] = []
    cursor = 0
    for word in _WORD.finditer(text):
        at = word.start()
        candidates = by_word.get(word.group())
        if candidates is None or at < cursor:
            continue
        for name, code in candidates:
            end = at + len(name)
            if text.startswith(name, at) and not (end < len(text) and _is_word(text[end])):
                found.append((at + start, end + start, code))
                cursor = end
                break
    return found


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


@lru_cache(maxsize=256)
def _compile(regex: str) -> re.Pattern[str]:
    return re.compile(regex.replace("{STATE}", _STATE).replace("{PLACE}", _STATE), re.IGNORECASE)


def _compiled(rules: tuple[DyadRule, ...]) -> list[tuple[DyadRule, re.Pattern[str]]]:
    return [(rule, _compile(rule.regex)) for rule in rules]


def masked(
    text: str,
    start: int,
    spans: list[SpanRecord],
    names: list[tuple[int, int, str]] | None = None,
) -> tuple[str, list[str | None]]:
    """``text`` (at document offset ``start``) with its LOCATION spans and state names
    (``names``, as :func:`state_mentions` gives them; found here when None) replaced by
    markers, and the code of each marker. A name inside a LOCATION span is the span's."""
    if names is None:
        names = state_mentions(text, start)
    items = sorted(
        [(s.start, s.end, 0, s.code) for s in spans if s.label == "LOCATION"]
        + [(s, e, 1, code) for s, e, code in names]
    )
    places: list[str | None] = []
    pieces: list[str] = []
    cursor = 0
    for s, e, _, code in items:
        s, e = s - start, e - start
        if s < cursor or s < 0 or e > len(text):
            continue
        pieces.append(text[cursor:s])
        pieces.append(_MARK.format(len(places)))
        places.append(code)
        cursor = e
    pieces.append(text[cursor:])
    return "".join(pieces), places


def _add(values: list[str], code: str | None) -> None:
    if code and code not in values:
        values.append(code)


def sentence_dyad(
    text: str,
    *,
    spans: list[SpanRecord] | None = None,
    start: int = 0,
    memory: list[str] | None = None,
    patterns: PatternSet | None = None,
    names: list[tuple[int, int, str]] | None = None,
) -> Dyad:
    """The dyad one sentence states (see the module docstring for the decisions).

    ``names``: the sentence's state names (:func:`state_mentions`), when the caller has
    already scanned the whole text for them; found here otherwise.
    """
    rules = (patterns or default_patterns()).dyad_rules
    body, places = masked(text, start, spans or [], names)
    found: dict[str, list[str]] = {"perpetrator": [], "requester": [], "host": []}
    fired: list[str] = []
    for rule, regex in _compiled(rules):
        if not places and rule.role != "anaphor":
            continue  # every other rule needs a state or place marker
        for match in regex.finditer(body):
            if rule.role == "anaphor":
                codes = list(memory or [])
            else:
                code = places[int(match.group("state")[1:-1])]
                codes = [code] if code else []
            if not codes:
                continue
            for code in codes:
                _add(found["perpetrator" if rule.role == "anaphor" else rule.role], code)
            if rule.id not in fired:
                fired.append(rule.id)
    return _decide(found, fired)


def _decide(found: dict[str, list[str]], fired: list[str]) -> Dyad:
    """Combine the states each role found into one dyad and its host role."""
    dyad = Dyad(rules=fired)
    if found["requester"]:
        dyad.perpetrators = list(found["requester"])
        for code in [*found["perpetrator"], *found["host"]]:
            if code not in dyad.perpetrators:
                _add(dyad.hosts, code)
        dyad.role = "cooperating"
        return dyad
    dyad.perpetrators = list(found["perpetrator"])
    dyad.hosts = [c for c in found["host"] if c not in dyad.perpetrators]
    if dyad.perpetrators and dyad.hosts:
        dyad.role = "direct"
    elif dyad.perpetrators or dyad.hosts:
        dyad.role = "unknown"
    return dyad


def assign_dyads(record: DocumentRecord, patterns: PatternSet | None = None) -> DocumentRecord:
    """Set ``perpetrator_states``, ``host_states`` and ``host_role`` on every claim.

    Sentences are read in order; the last perpetrator any sentence named is the document's
    memory for "the agents" in later ones. Returns the same record, changed in place.
    """
    assign_dyads_to(record.text, record.sentences, record.spans, record.claims, patterns)
    return record


def assign_dyads_to(
    text: str,
    sentences: list[tuple[int, int]],
    spans: list[SpanRecord],
    claims: list[ClaimRecord],
    patterns: PatternSet | None = None,
) -> None:
    """:func:`assign_dyads` on the parts of a record before the record is built."""
    if not claims:
        return
    patterns = patterns or default_patterns()
    locations = sorted((s for s in spans if s.label == "LOCATION"), key=lambda s: (s.start, s.end))
    bounds = sorted({*(tuple(b) for b in sentences), *((c.start, c.end) for c in claims)})
    mentions = state_mentions(text)
    location_starts = [s.start for s in locations]
    mention_starts = [m[0] for m in mentions]
    memory: list[str] = []
    by_bounds: dict[tuple[int, int], Dyad] = {}
    for start, end in bounds:
        # both lists are sorted by start: take the slice that starts inside the sentence
        first, last = bisect_left(location_starts, start), bisect_left(location_starts, end)
        inside = [s for s in locations[first:last] if s.end <= end]
        first, last = bisect_left(mention_starts, start), bisect_left(mention_starts, end)
        names = [m for m in mentions[first:last] if m[1] <= end]
        dyad = sentence_dyad(
            text[start:end],
            spans=inside,
            start=start,
            memory=memory,
            patterns=patterns,
            names=names,
        )
        by_bounds[(start, end)] = dyad
        if dyad.perpetrators:
            memory = list(dyad.perpetrators)
    for claim in claims:
        _set(claim, by_bounds[(claim.start, claim.end)])


def _set(claim: ClaimRecord, dyad: Dyad) -> None:
    claim.perpetrator_states = dyad.perpetrators
    claim.host_states = dyad.hosts
    claim.host_role = dyad.role  # type: ignore[assignment]
    claim.provenance.dyad_rules = dyad.rules
