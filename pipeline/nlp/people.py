"""Context rules that find people in lists and descriptions the small model misreads.

- **Described as a person.** A model ORG shaped like a person's name in apposition to a
  person or family noun ("The lawyer's mother, Samia Fouad,") is a person. Context rule
  ``PERSON.described``.
- **Listed people.** Name-shaped items listed with a person's name by commas and "and"
  ("Kwan Sze-long, Mok Wing-sze, Yiu Pak-hei and Tsang Ka-lok") are people, also where the
  model read one as an organisation and the parser lost the list. Context rule
  ``PERSON.listed``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from tnr_claims.nlp.names import given_name_start, may_be_person
from tnr_claims.nlp.provenance import derive, is_bare_model, make
from tnr_claims.rules.loader import Lexicons


def described_people(doc: Doc, spans: list[Span], words: Lexicons) -> list[Span]:
    """A model ORG shaped like a person's name and set in apposition to a person or family
    noun ('The lawyer's mother, Samia Fouad,'; 'Samia Fouad, a retired teacher,') is a
    person: organisations are not anyone's mother. Context rule ``PERSON.described``."""
    people = (words.FAMILY_NOUNS | words.PERSON_NOUNS | words.DESCRIPTION_NOUNS) - (
        words.ORG_DESCRIPTION_NOUNS
    )
    covered = {i for s in spans for i in range(s.start, s.end)}
    result = []
    for span in spans:
        if span.label_ == "ORG" and may_be_person(span, words):
            root = span.root
            nouns = [c for c in root.children if c.dep_ == "appos"]
            if root.dep_ == "appos":
                nouns.append(root.head)
            if any(n.pos_ == "NOUN" and n.lemma_.lower() in people for n in nouns):
                # the model often leaves the given name out of the span it misread
                start = given_name_start(doc, span, covered, words)
                span = derive(span, "PERSON.described", "label", label="PERSON", start=start)
        result.append(span)
    return result


LIST_SEPARATORS = frozenset({",", "and"})

MAX_LISTED_NAME_TOKENS = 6


def listed_people(doc: Doc, spans: list[Span], words: Lexicons) -> list[Span]:
    """Names listed with a person's name, by commas and 'and' ('Kwan Sze-long, Mok
    Wing-sze, Yiu Pak-hei and Tsang Ka-lok', where the model found two of four and the
    parser lost the list): every name-shaped item of the list is a person, also one the
    model read as an organisation. Read on the tokens. Items are title-case words, with
    hyphenated syllables ('Sze-long'); none an organisation's head word, a place or a name a
    rule gave. Context rule ``PERSON.listed``."""
    owner = {i: s for s in spans for i in range(s.start, s.end)}
    owner_of_person = {i for s in spans if s.label_ == "PERSON" for i in range(s.start, s.end)}
    made: list[Span] = []
    replaced: set[int] = set()
    for span in [s for s in spans if s.label_ == "PERSON"]:
        items: list[tuple[int, int]] = []
        joined = False  # a list has an 'and': 'Minister, Ana Ruiz' is no list
        for step in (1, -1):
            edge = span.end if step == 1 else span.start - 1
            for _ in range(8):
                k = edge
                seen = False
                while 0 <= k < len(doc) and doc[k].lower_ in LIST_SEPARATORS:
                    joined = joined or doc[k].lower_ == "and"
                    seen, k = True, k + step
                if not seen:
                    break
                item = _list_item(doc, k, step, owner, words)
                if item is None:
                    break
                items.append(item)
                edge = item[1] if step == 1 else item[0] - 1
        for item in _joined_names(doc, span, owner, owner_of_person, words):
            if item not in items:
                items.append(item)
                joined = True
        if not joined:
            continue
        for start, end in items:
            for i in range(start, end):
                if i in owner and owner[i].label_ == "ORG":
                    replaced.add(owner[i].start)
            made.append(make(doc, start, end, "PERSON", "PERSON.listed"))
            for i in range(start, end):
                owner[i] = made[-1]
    if not made:
        return spans
    kept = [s for s in spans if s.start not in replaced]
    return sorted([*kept, *made], key=lambda s: (s.start, s.end))


def _joined_names(
    doc: Doc, span: Span, owner: dict[int, Span], people: set[int], words: Lexicons
) -> list[tuple[int, int]]:
    """'A, a councillor, B, a podcaster, and Ivy Kwan Sze-wing, who ...': the names the
    parser joins to a person's as conjuncts, past the descriptions set off between."""
    found = []
    for conj in span.root.children:
        if conj.dep_ == "conj" and conj.i >= span.end and conj.i not in people:
            item = _list_item(doc, conj.i, -1, owner, words)
            if item is not None and item[1] == conj.i + 1:
                found.append(item)
    return found


def _list_item(
    doc: Doc, k: int, step: int, owner: dict[int, Span], words: Lexicons
) -> tuple[int, int] | None:
    """The token range of a name-shaped list item starting (``step`` 1) or ending
    (``step`` -1) at ``k``, if it is one no rule or other person span holds."""
    j = k
    taken: list[int] = []
    while 0 <= j < len(doc) and len(taken) < MAX_LISTED_NAME_TOKENS:
        token = doc[j]
        if token.text in ("-", "‐") or (
            token.is_alpha and (token.is_title or (j > 0 and doc[j - 1].text in ("-", "‐")))
        ):
            taken.append(j)
            j += step
            continue
        break
    if not taken:
        return None
    start, end = min(taken), max(taken) + 1
    if doc[start].text == "-" or doc[end - 1].text == "-" or not doc[start].is_title:
        return None
    for i in range(start, end):
        other = owner.get(i)
        if other is not None and (
            other.label_ not in ("ORG",) or not is_bare_model(other) or other.start < start
        ):
            return None
        if other is not None and other.end > end:
            return None
        if (
            doc[i].text in words.ORG_NAME_HEADS
            or doc[i].lower_ in words.ORG_HEAD_NOUNS | words.OFFICE_NOUNS | words.HONORIFICS
        ):
            return None
    if doc[start].pos_ not in ("PROPN",) or end - start < 2:
        return None  # one word, or no proper noun: 'Police', 'Officials'
    return start, end
