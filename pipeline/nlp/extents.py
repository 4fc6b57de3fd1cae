"""Context rules on the extent of METHOD spans (codebook: the shortest phrase naming the act,
with the words that say what kind of act it is).

- **No trailing preposition.** A pattern that reads up to a preposition to find its object
  ("murder of", "spying on", "convicted under", "brought him to") ends before it: the
  object is not part of the act's name. Context rule ``METHOD.no_trailing_preposition``.
- **The kind of act.** An adjective or noun modifier before a METHOD noun that says what
  kind of act it is ("arbitrary arrests", "political assassination", "attempted murder",
  "international arrest warrant", "spyware attacks") belongs to the span, when the parse
  attaches it to the span's root, no other span covers it, and it is one of
  ``ACT_KIND_MODIFIERS``; words that describe one occasion ("sudden disappearance", "actual
  kidnapping") or the charge ("terrorism charges") stay out. Context rule
  ``METHOD.kind_of_act``.
- **A modifier and its act.** A METHOD span that modifies the act noun right after it
  ("hostage-like arrests", "spyware attacks") is one span over both, with the modifier's
  code, which says what kind of act the noun is. Context rule ``METHOD.modifier_of_act``.
- **Asking for something else.** "Persuade ... to return" names a persuasion to come back
  only when "return" (or "surrender") has no object: in "urged the host state to return
  the refugees" or "pressed him to surrender his passport" the return is of others or of
  a thing, and the match is dropped (a reflexive, "surrender himself", stays). A request
  or persuasion not to return ("urged Thailand not to return them") is dropped too. So is
  a return "to justice" or "to account": no place.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from tnr_claims.nlp.provenance import derive
from tnr_claims.rules.loader import Lexicons

TRAILING_PREPOSITIONS = frozenset(
    {"of", "on", "to", "under", "against", "for", "with", "by", "from", "in", "into", "at"}
)
"""Prepositions a METHOD span does not end with."""

MODIFIER_DEPS = frozenset({"amod", "compound"})
"""How a modifier that names the kind of act hangs on the act's noun."""

MAX_MODIFIERS = 2


def method_extents(doc: Doc, spans: list[Span], words: Lexicons) -> list[Span]:
    """Apply the rules of the module docstring to every METHOD span."""
    kinds = words.ACT_KIND_MODIFIERS
    spans = _modifiers_with_their_acts(doc, spans)
    covered = {i for s in spans for i in range(s.start, s.end)}
    result: list[Span] = []
    for span in spans:
        if span.label_ == "METHOD":
            span = _without_trailing_preposition(doc, span)
            span = _with_kind(doc, span, covered, kinds)
        result.append(span)
    return result


ACT_HEAD_LEMMAS = frozenset({"attack", "arrest", "raid", "operation"})
"""Act nouns that a METHOD modifier names the kind of ('spyware attacks')."""


def _modifiers_with_their_acts(doc: Doc, spans: list[Span]) -> list[Span]:
    """A METHOD span that modifies the act noun right after it ('hostage-like arrests',
    'spyware attacks') is one span over both, with the modifier's code: it says what kind
    of act the noun is. A METHOD span on that noun gives way. Context rule
    ``METHOD.modifier_of_act``."""
    starts = {s.start: s for s in spans if s.label_ == "METHOD"}
    merged: dict[int, Span] = {}
    absorbed: set[int] = set()
    for span in spans:
        if span.label_ != "METHOD" or span.start in absorbed or span.end >= len(doc):
            continue
        noun = doc[span.end]
        last = doc[span.end - 1]
        if noun.pos_ != "NOUN" or last.head.i != noun.i or last.dep_ not in MODIFIER_DEPS:
            continue
        following = starts.get(noun.i)
        if following is None and noun.lemma_.lower() not in ACT_HEAD_LEMMAS:
            continue
        if following is not None and len(following) > 1:
            continue  # 'hostage-like [arrests of relatives]': the longer reading stands
        merged[span.start] = derive(span, "METHOD.modifier_of_act", "extent", end=noun.i + 1)
        if following is not None:
            absorbed.add(following.start)
    if not merged:
        return spans
    return [
        merged.get(s.start, s) if s.label_ == "METHOD" else s
        for s in spans
        if not (s.label_ == "METHOD" and s.start in absorbed)
    ]


RETURN_VERBS = frozenset({"return", "surrender", "repatriate", "hand", "extradite", "deport"})
"""The act a request or persuasion match asks for."""


def asks_for_something_else(span: Span) -> bool:
    """Whether a request or persuasion match (its act a complement of its first verb:
    'urged him to return', 'asked Kenya to hand him over') asks for no return ('urged
    Thailand not to return them') or, for PERSUASION_TO_RETURN, for returning others or a
    thing ('pressed him to surrender his passport'). Such matches are dropped before the
    rule spans are merged, so that a rule for the act itself can take the words."""
    if span.label_ != "METHOD":
        return False
    act = next((t for t in reversed(span) if t.lemma_.lower() in RETURN_VERBS), None)
    if act is None or act.i == span.start or act.dep_ != "xcomp" or act.head.i != span.start:
        return False
    persuasion = span.id_.split(".", 1)[0] == "PERSUASION_TO_RETURN"
    return any(
        c.dep_ == "neg"
        or (persuasion and c.dep_ == "dobj" and not c.lower_.endswith(("self", "selves")))
        for c in act.children
    )


NOT_PLACES = frozenset({"justice", "account", "trial", "book"})
"""Words after 'bring him to' that are no place: 'bring them to justice' is a prosecution
hoped for, not a return."""


def brought_to_no_place(span: Span) -> bool:
    """Whether a FORCED_RETURN match ('bring them to') goes on to a word that is no place
    ('bring them to justice', 'brought to account'): such matches are dropped before the
    merge, like :func:`asks_for_something_else`."""
    if span.label_ != "METHOD" or span.id_.split(".", 1)[0] != "FORCED_RETURN":
        return False
    doc = span.doc
    k = span.end
    if doc[k - 1].lower_ != "to" and k < len(doc) and doc[k].lower_ == "to":
        k += 1
    return doc[k - 1].lower_ == "to" and k < len(doc) and doc[k].lower_ in NOT_PLACES


def _without_trailing_preposition(doc: Doc, span: Span) -> Span:
    end = span.end
    while end - span.start > 1 and (
        doc[end - 1].lower_ in TRAILING_PREPOSITIONS and doc[end - 1].pos_ == "ADP"
    ):
        end -= 1
    if end == span.end:
        return span
    return derive(span, "METHOD.no_trailing_preposition", "extent", end=end)


def _with_kind(doc: Doc, span: Span, covered: set[int], kinds: frozenset[str]) -> Span:
    root = span.root
    if root.pos_ != "NOUN" or root.i != span.end - 1 or len(span) > 2:
        return span
    start = span.start
    steps = 0
    while (
        start > 0
        and steps < MAX_MODIFIERS
        and start - 1 not in covered
        and doc[start - 1].dep_ in MODIFIER_DEPS
        and doc[start - 1].head.i in range(start, span.end)
        and doc[start - 1].lower_ in kinds
    ):
        start -= 1
        steps += 1
    if start == span.start:
        return span
    return derive(span, "METHOD.kind_of_act", "extent", start=start)


NAME_LABELS = frozenset({"PERSON", "ORG", "LOCATION"})


def within_lines(spans: list[Span]) -> list[Span]:
    """Names end at a line break: a header 'Addressed to: Ministry of the Interior' on one
    line and 'Answered by: ...' on the next are no name 'Ministry of the Interior Answered'.
    The part on the name's first line is kept (context rule ``NAME.within_a_line``)."""
    kept = []
    for span in spans:
        if span.label_ in NAME_LABELS:
            breaks = [t.i for t in span[:-1] if "\n" in t.whitespace_ or "\n" in t.text]
            if breaks:
                end = breaks[0] + (0 if "\n" in span.doc[breaks[0]].text else 1)
                if end <= span.start:
                    continue
                span = derive(span, "NAME.within_a_line", "extent", end=end)
        kept.append(span)
    return kept
