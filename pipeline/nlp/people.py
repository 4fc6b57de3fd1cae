"""Context rules that find people in lists and descriptions the small model misreads.

- **Described as a person.** A model ORG shaped like a person's name in apposition to a
  person or family noun ("The lawyer's mother, Samia Fouad,") is a person. Context rule
  ``PERSON.described``.
- **Two people in one name.** A model span "A and B C" of title-case words ("the
  brothers Ivo and Marek Sand", read as one organisation or one person) is two people, A
  and B C, who share the family name C: a given name or two, "and", then a given and a
  family name. Company names joined by "and" ("Marks and Spencer") have one word on the
  right. Context rule ``PERSON.shared_family_name``.
- **Listed people.** Name-shaped items listed with a person's name by commas and "and"
  ("Kwan Sze-long, Mok Wing-sze, Yiu Pak-hei and Tsang Ka-lok") are people, also where the
  model read one as an organisation and the parser lost the list. Context rule
  ``PERSON.listed``.
- **Places read as people.** A name the model read as a person or an organisation that a
  place noun (``PLACE_NOUNS``) names ("the city of X", "X province") is that place
  (:func:`named_by_place_noun`, context rule ``LOCATION.place_noun_of`` of the tagger).
- **Relatives' own names.** A full name set right after a family noun ("my father, Hisham
  Nasser") is that relative's, not a short form of a longer name that ends in it ("Nour
  Hisham Nasser", his daughter): :func:`relatives_own_names`, read by the normaliser's
  caller.
- **Family plurals.** "the Vellamovs" after two people named Vellamov is those people
  (context rule ``PERSON.family_plural``).
- **Relatives listed by name.** After a plural family noun ("his brothers, Badr and Nawaf
  Saleh", "her sons Ilya and Pavel Orlov"), one-word given names joined by commas and
  "and" to a full name are people who share its family name, whatever the model or the
  place list read them as (a town may be called Badr); an untagged full name there is a
  person too, and so is such a given name where the model read it as a person again
  ("Badr was jailed") though the place list took it. Context rule
  ``PERSON.relatives_listed``.
- **Patronymics.** Title-case names before a Turkic patronymic word ("Tural Sahib oglu",
  "Elnur Rasim oglu Mammadov") are one person with it, where the model read an
  organisation or stopped at the lower-case word. Context rule ``PERSON.patronymic``.
- **Named beside a role**: :mod:`tnr_claims.nlp.role_names`.
"""

from __future__ import annotations

from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.tokens import Doc, Span, Token

from tnr_claims.nlp.names import given_name_start, may_be_person, person_name_word
from tnr_claims.nlp.provenance import derive, is_bare_model, make, provenance_of
from tnr_claims.nlp.spans import runs_into_a_name, tokens_with
from tnr_claims.rules.loader import Lexicons


def described_people(doc: Doc, spans: list[Span], words: Lexicons) -> list[Span]:
    """A model ORG shaped like a person's name and set in apposition to a person or family
    noun ('The lawyer's mother, Samia Fouad,'; 'Samia Fouad, a retired teacher,'), given
    an age ('Samia Fouad, 70,') or joined to 'his' or 'her' relative ('Samia Fouad and
    her husband') is a person: organisations are not anyone's mother. So is an untagged
    name in apposition to such a noun. Context rule ``PERSON.described``."""
    people = (words.FAMILY_NOUNS | words.PERSON_NOUNS | words.DESCRIPTION_NOUNS) - (
        words.ORG_DESCRIPTION_NOUNS
    )
    covered = {i for s in spans for i in range(s.start, s.end)}
    result = []
    for span in spans:
        if span.label_ == "ORG" and may_be_person(span, words, hyphens=True):
            root = span.root
            nouns = [c for c in root.children if c.dep_ == "appos"]
            if root.dep_ == "appos":
                nouns.append(root.head)
            if any(n.pos_ == "NOUN" and n.lemma_.lower() in people for n in nouns) or (
                _given_an_age(doc, span) or _has_a_spouse(root, words)
            ):
                # the model often leaves the given name out of the span it misread
                start = given_name_start(doc, span, covered, words)
                span = derive(span, "PERSON.described", "label", label="PERSON", start=start)
        result.append(span)
    named = _untagged_described(doc, covered, people, words)
    return sorted([*result, *named], key=lambda s: (s.start, s.end)) if named else result


def _untagged_described(
    doc: Doc, covered: set[int], people: frozenset[str], words: Lexicons
) -> list[Span]:
    """Names the model left untagged in apposition to a person or family noun ('according
    to his lawyer, Ana Ruiz.'): two or more title-case words, none an organisation's, or
    one after a possessed family noun ('detained his daughter Ana in Oslo')."""
    found = []
    for token in doc:
        head = token.head
        if (
            token.dep_ != "appos"
            or token.pos_ != "PROPN"
            or token.i in covered
            or head.pos_ != "NOUN"
            or head.lemma_.lower() not in people
        ):
            continue
        start = given_name_start(doc, doc[token.i : token.i + 1], covered, words)
        name = doc[start : token.i + 1]
        if len(name) < 2 and not _possessed_relative(head, words):
            continue
        if not all(person_name_word(t, words) for t in name):
            continue
        found.append(make(doc, start, token.i + 1, "PERSON", "PERSON.described"))
        covered.update(range(start, token.i + 1))
    return found


def _possessed_relative(noun: Token, words: Lexicons) -> bool:
    """'his daughter', 'Omar's wife': a family noun someone is said to have, after which
    one given name is a name ('his daughter Ana')."""
    return noun.lemma_.lower() in words.FAMILY_NOUNS and any(
        c.dep_ == "poss" for c in noun.children
    )


MAX_AGE = 110
"""The largest number read as a person's age set off after a name."""


def _given_an_age(doc: Doc, span: Span) -> bool:
    """'Omar Haddad, 52, left': a bare number up to ``MAX_AGE`` set off by commas right
    after a name is an age (not 'Unit Nord, 2019,', nor 'Unit 7, 3,000 members')."""
    k = span.end
    if k + 2 >= len(doc) or doc[k].text != "," or doc[k + 2].text != ",":
        return False
    number = doc[k + 1]
    return number.is_digit and int(number.text) <= MAX_AGE


def _has_a_spouse(root: Token, words: Lexicons) -> bool:
    """'Omar Haddad and his wife': joined to 'his' or 'her' relative, the name is a
    person's (no organisation has a wife; 'X and its partners' is not this)."""
    return any(
        c.dep_ == "conj"
        and c.lemma_.lower() in words.FAMILY_NOUNS
        and any(g.dep_ == "poss" and g.lower_ in ("his", "her") for g in c.children)
        for c in root.children
    )


def people_sharing_a_family_name(doc: Doc, spans: list[Span], words: Lexicons) -> list[Span]:
    """'the brothers Ivo and Marek Sand': a model span of title-case words with one 'and',
    one or two words before it and two or three after, none an organisation's, office's or
    place's word, is two PERSON spans where the model read a person, a person or family
    noun stands before it, or another person's name ends in its last word ('India's
    Research and Analysis Wing' is none of these) (the first one's family name is the second's; the
    names are joined when normalised). Context rule ``PERSON.shared_family_name``."""
    family_names = {s[-1].lower_ for s in spans if s.label_ == "PERSON" and len(s) > 1}
    people = words.FAMILY_NOUNS | words.PERSON_NOUNS | words.DESCRIPTION_NOUNS
    result: list[Span] = []
    for span in spans:
        halves = None
        if span.label_ in ("ORG", "PERSON") and (
            span.label_ == "PERSON"
            or span[-1].lower_ in family_names
            or _described_before(span, people)
        ):
            halves = _two_names(span, words)
        if halves is None:
            result.append(span)
            continue
        for start, end in halves:
            result.append(make(doc, start, end, "PERSON", "PERSON.shared_family_name"))
    return result


def _described_before(span: Span, people: frozenset[str]) -> bool:
    """Whether a person or family noun stands right before the span ('the brothers A and B
    C', 'activists A and B C')."""
    before = span.start - 1
    return before >= 0 and span.doc[before].lower_ in people


def _two_names(span: Span, words: Lexicons) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The token ranges of 'A' and 'B C' in a model span 'A and B C', else None."""
    joins = [t.i for t in span if t.lower_ == "and"]
    if not is_bare_model(span) or len(joins) != 1:
        return None
    left, right = joins[0] - span.start, span.end - joins[0] - 1
    if not (1 <= left <= 2 and 2 <= right <= 3):
        return None
    not_names = words.ORG_HEAD_NOUNS | words.OFFICE_NOUNS | words.HONORIFICS
    if any(
        t.i != joins[0]
        and (
            not (t.is_title and t.is_alpha)
            or t.text in words.ORG_NAME_HEADS
            or t.lower_ in not_names
            or t.lower_ in words.NOT_PERSON_HEADS
        )
        for t in span
    ):
        return None
    return (span.start, joins[0]), (joins[0] + 1, span.end)


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


def named_by_place_noun(span: Span, words: Lexicons) -> bool:
    """'the city of [Siem Reap]', 'the province of [X]', '[X] province': a name the model read
    as a person or an organisation is the place a place noun (``PLACE_NOUNS``) says it is."""
    root = span.root
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is not None and after.lower_ in words.PLACE_NOUNS and root.head.i == after.i:
        return after.pos_ == "NOUN" and root.dep_ == "compound"
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "of" or prep.dep_ != "prep":
        return False
    return prep.head.lower_ in words.PLACE_NOUNS and prep.head.pos_ == "NOUN"


MAX_GIVEN_NAMES = 3
"""How many title-case names may stand before a patronymic word."""


NAME_LABELS = frozenset({"PERSON", "ORG", "LOCATION"})
"""Labels a name in a relatives' list may have been misread as."""


def relatives_listed(doc: Doc, spans: list[Span], words: Lexicons) -> list[Span]:
    """People named in a list after a plural family noun (see module)."""
    person_at = {s.start: s for s in spans if s.label_ == "PERSON"}
    found: list[tuple[int, int]] = []
    for i in tokens_with(doc, LEMMA, words.FAMILY_NOUNS):
        if doc[i].tag_ != "NNS":
            continue
        k = i + 2 if i + 1 < len(doc) and doc[i + 1].text == "," else i + 1
        singles: list[int] = []
        while k + 1 < len(doc) and _given_name(doc[k], words) and doc[k + 1].lower_ in (",", "and"):
            singles.append(k)
            k += 2
            if doc[k - 1].lower_ == "and":
                break
        if not singles or doc[k - 1].lower_ != "and":
            continue
        end = person_at[k].end if k in person_at else _full_name_end(doc, k, words)
        if end - k < 2:
            continue
        found += [(j, j + 1) for j in singles] + [(k, end)]
    if not found:
        return spans
    fixed = {i for s in spans if s.label_ not in NAME_LABELS for i in range(s.start, s.end)}
    made = [
        make(doc, start, end, "PERSON", "PERSON.relatives_listed")
        for start, end in found
        if start not in person_at and not fixed.intersection(range(start, end))
    ]
    kept = [s for s in spans if not any(s.start < m.end and m.start < s.end for m in made)]
    given = {m.text for m in made if len(m) == 1}
    kept = [
        derive(s, "PERSON.relatives_listed", "label", label="PERSON")
        if s.label_ == "LOCATION"
        and s.text in given
        and provenance_of(s).origin_id == "model:PERSON"
        else s
        for s in kept
    ]  # 'Badr' again, which the model read as a person and the place list as a town
    covered = {i for s in [*kept, *made] for i in range(s.start, s.end)}
    made += [
        make(doc, i, i + 1, "PERSON", "PERSON.relatives_listed")
        for i in tokens_with(doc, ORTH, given)
        if i not in covered and not runs_into_a_name(doc, i, i + 1)
    ]  # 'Badr and Nawaf were arrested': untagged
    return sorted([*kept, *made], key=lambda s: (s.start, s.end))


def _given_name(token: Token, words: Lexicons) -> bool:
    """A word of a person's name (:func:`person_name_word`) that is no title, office or
    place noun ('his sons, Ilya and Pavel'; not 'his sons, Colonel and ...')."""
    return person_name_word(token, words) and not (
        token.lower_ in words.HONORIFICS
        or token.lower_ in words.OFFICE_NOUNS
        or token.lower_ in words.PLACE_NOUNS
    )


def _full_name_end(doc: Doc, k: int, words: Lexicons) -> int:
    """Where an untagged full name of two or three words starting at ``k`` ends (``k`` when
    there is none: one word, or a longer title-case run, a heading rather than a name)."""
    end = k
    while end < len(doc) and end - k < 4 and _given_name(doc[end], words):
        end += 1
    return end if 2 <= end - k <= 3 else k


def patronymic_names(doc: Doc, spans: list[Span], words: Lexicons) -> list[Span]:
    """'Tural Sahib oglu', 'Elnur Rasim oglu Mammadov', 'Aida Tofiq qizi': title-case names
    right before a patronymic word (``PATRONYMIC_WORDS``), with the word and a title-case
    family name right after it, are one PERSON, whatever the model read in them (it takes
    such names for organisations, or stops before the lower-case word). Context rule
    ``PERSON.patronymic``."""
    made: list[Span] = []
    for k in tokens_with(doc, LOWER, words.PATRONYMIC_WORDS):
        if k == 0 or not doc[k].is_alpha:
            continue
        start = k
        while (
            start > 0
            and k - start < MAX_GIVEN_NAMES
            and doc[start - 1].is_title
            and doc[start - 1].pos_ in ("PROPN", "NOUN")  # 'Sahib' opening a sentence
            and doc[start - 1].lower_ not in words.HONORIFICS
        ):
            start -= 1
        if start == k:
            continue
        end = k + 1
        if end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN":
            end += 1
        made.append(make(doc, start, end, "PERSON", "PERSON.patronymic"))
    if not made:
        return spans
    taken = {i for s in made for i in range(s.start, s.end)}
    kept = [s for s in spans if not any(i in taken for i in range(s.start, s.end))]
    return sorted([*kept, *made], key=lambda s: (s.start, s.end))


def relatives_own_names(spans: list[Span], words: Lexicons) -> set[str]:
    """Full names set right after a family noun ('My father, Hisham Nasser, was summoned'):
    a relative's own name, never a short form of a longer name that ends in it ('Nour
    Hisham Nasser', his daughter, named after him as many naming traditions do)."""
    own: set[str] = set()
    for span in spans:
        if span.label_ != "PERSON" or len(span) < 2 or span.start == 0:
            continue
        k = span.start - 1
        if span.doc[k].text == "," and k > 0:
            k -= 1
        if span.doc[k].lower_ in words.FAMILY_NOUNS:
            own.add(span.text)
    return own


def family_plurals(doc: Doc, spans: list[Span]) -> list[Span]:
    """'the Vellamovs' after 'Serdar Vellamov' and 'Dovlet Vellamov': 'the' and the plural
    of a family name two or more people of the document share is those people, a PERSON
    (the model reads a place or an organisation there). Context rule
    ``PERSON.family_plural``; the claim stage gives it the people."""
    counts: dict[str, set[str]] = {}
    for span in spans:
        if span.label_ == "PERSON" and len(span) > 1:
            counts.setdefault(span[-1].text, set()).add(span.text)
    shared = {name for name, people in counts.items() if len(people) > 1}
    if not shared:
        return spans
    at = {i: s for s in spans for i in range(s.start, s.end)}
    made: dict[int, Span] = {}
    for k in (i + 1 for i in tokens_with(doc, LOWER, ("the",)) if i + 1 < len(doc)):
        word = doc[k].text
        if not word.endswith("s") or not word[:1].isupper():
            continue
        if word[:-1] not in shared and not (word.endswith("es") and word[:-2] in shared):
            continue
        other = at.get(k)
        if other is None or (len(other) == 1 and other.label_ != "PERSON"):
            made[k] = make(doc, k, k + 1, "PERSON", "PERSON.family_plural")
    if not made:
        return spans
    kept = [s for s in spans if not (len(s) == 1 and s.start in made)]
    return sorted([*kept, *made.values()], key=lambda s: (s.start, s.end))


def particle_led_names(doc: Doc, spans: list[Span], words: Lexicons) -> list[Span]:
    """'[Magistrate Joris] [van Dam]': a PERSON that opens with a lower-case surname
    particle takes the title-case name span touching it before as its given names, less
    a leading title (context rule ``PERSON.particle_surname``, as names growing over
    their particles to the right do)."""
    result: list[Span] = []
    for span in spans:
        before = result[-1] if result else None
        if (
            before is not None
            and span.label_ == "PERSON"
            and span[0].is_lower
            and span[0].lower_ in words.NAME_PARTICLES
            and before.end == span.start
            and before.label_ in ("ORG", "PERSON", "LOCATION")
            and all(t.is_title and t.pos_ == "PROPN" for t in before)
            and not any(
                t.text in words.ORG_NAME_HEADS or t.text in words.STATE_BODY_HEADS for t in before
            )
        ):
            start = before.start
            while start < before.end and doc[start].lower_ in words.HONORIFICS:
                start += 1
            if start < before.end:
                result[-1] = derive(span, "PERSON.particle_surname", "extent", start=start)
                continue
        result.append(span)
    return result


def described_as_a_person(span: Span, words: Lexicons) -> bool:
    """'Santos, a Brazilian rapper, said ...': a name set beside a person noun in apposition
    is a person's, whatever place it also names."""
    people = words.PERSON_NOUNS | words.DESCRIPTION_NOUNS | words.OFFICE_NOUNS
    return any(c.dep_ == "appos" and c.lemma_.lower() in people for c in span.root.children) or (
        span.root.dep_ == "appos" and span.root.head.lemma_.lower() in people
    )
