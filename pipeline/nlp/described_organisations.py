"""Organisations told by what they are, and platforms told as places: context rules that
read the parse around a proper name, none naming an organisation.

- **Named as an organisation.** An untagged proper name in apposition to an organisation
  noun (``ORG_DESCRIPTION_NOUNS``) with an article ("an exile group, Nor-5", "Nor-5, a
  rebel movement based abroad") is that organisation. Context rule
  ``ORG.described_as_organisation``.
  A name closed by a comma right after such a noun ('for the news site Mekong Watch,') is
  one too, however the parser hangs it. Not a model person of two words or more after
  ``PERSON_OR_ORG_NOUNS`` ("the broadcaster Ana Ruiz"), nor a name that is the subject
  of a clause on the noun ('the group Ana Ruiz founded').
  Two names joined by a link word right after such a noun ("the press-freedom group
  Reporters in Exile") are one. Context rule ``ORG.linked_after_description``.
- **Platforms as venues** ("on Facebook") are no ORG (codebook, second set): a platform
  name (``PLATFORM_NAMES``) read as an ORG or PERSON is dropped unless it is the subject of
  a verb or the agent of a passive one; a name that runs into one ("[Nexo Telegram]
  channel") keeps its own words. Context rule ``ORG.platform_venue``.
- **Outlets in a byline.** On a line opened by 'By' and an author's name, the title-case
  words set off after it by commas or bars ("By Ana Ruiz, Harbour Courier, 4 May 2024",
  "By Ana Ruiz | The Exile Desk") name the outlet, whatever the model read them as.
  Context rule ``ORG.byline_outlet``. So are the title-case words in brackets that close a
  dateline before its dash ("OSLO, May 4, 2024 (Harbour Courier) —").
- **Outlets by their own word.** A model person whose name opens or ends with a word
  of a news outlet's name (``OUTLET_NAME_WORDS``: 'Radio Sedra', 'Harbour Wire', 'Vell
  Tribune') is that outlet. Context rule ``ORG.outlet_word``.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.attrs import DEP, LEMMA, ORTH
from spacy.tokens import Doc, Span, Token

from tnr_claims.nlp.provenance import derive, is_bare_model, make
from tnr_claims.nlp.spans import after_a_persons_work, compound_start, tokens_with
from tnr_claims.rules.loader import Lexicons


def described_organisations(doc: Doc, spans: list[Span], words: Lexicons) -> list[Span]:
    """Untagged proper names in apposition to 'a/the ... group' become ORG (see module)."""
    # a one-word name the model read as a person may be re-read ('the rights group Memorial')
    misread = {
        s.start
        for s in spans
        if s.label_ == "PERSON"
        and sum(not t.is_punct for t in s) <= 3  # 'Bayt al-Hurriya' is three words
        and is_bare_model(s)
        and not (len(s) > 1 and after_a_persons_work(doc, s.start, words))
    }
    covered = {i for s in spans if s.start not in misread for i in range(s.start, s.end)}
    nouns = words.ORG_DESCRIPTION_NOUNS
    found: list[Span] = []
    lemmas = nouns | {noun.title() for noun in nouns}
    compounds = [i for i in tokens_with(doc, LEMMA, lemmas) if doc[i].dep_ == "compound"]
    for i in sorted([*tokens_with(doc, DEP, ["appos"]), *compounds]):
        token = doc[i]
        if token.dep_ == "compound":
            name = token.head  # 'the human rights group Memorial', 'the news site Ana Vell'
            if not i < name.i <= i + 3:
                continue
            if not any(c.dep_ == "det" for c in name.children):
                continue
            if _subject_of_a_reduced_clause(doc, name.i):
                continue
            words_of_name = range(i + 1, name.i + 1)
            if all(
                doc[k].pos_ == "PROPN" and k not in covered and doc[k].is_title
                for k in words_of_name
            ):
                found.append(make(doc, i + 1, name.i + 1, "ORG", "ORG.described_as_organisation"))
                covered.update(words_of_name)
            continue
        if _organisation_noun(token.head, nouns):
            name = token  # 'an exile group, Nor-5': the name is an apposition to the noun
        elif _organisation_noun(token, nouns) and token.head.i < i:
            name = token.head  # 'Nor-5, a rebel movement based abroad'
        elif _right_after_an_organisation_noun(doc, token, nouns):
            name = token  # 'for the news site Mekong Watch,', parsed as another apposition
        else:
            continue
        if not (name.pos_ == "PROPN" or (name.is_title and not name.is_sent_start)):
            continue  # 'the aid group Nokhchi Help': a title-case word parsed as a verb too
        if name.i in covered or _subject_of_a_reduced_clause(doc, name.i):
            continue
        start = _name_start(doc, name.i, covered)
        if doc[start].is_title or doc[start].is_upper:
            found.append(make(doc, start, name.i + 1, "ORG", "ORG.described_as_organisation"))
            covered.update(range(start, name.i + 1))
    if found:
        spans = [s for s in spans if not any(s.start < f.end and f.start < s.end for f in found)]
        spans = sorted([*spans, *found], key=lambda s: (s.start, s.end))
    return _names_linked_after_a_description(doc, spans, nouns)


NAME_LINKS = frozenset({"in", "for", "without", "against", "on", "of"})
"""Lower-case words inside an organisation's name ('Reporters in Exile')."""

NOT_NAME_PARTS = frozenset({"DATE", "TIME", "GPE", "LOC"})
"""What the model reads after 'in' that ends a name: 'the weekly X in December', 'in Oslo'."""


def _names_linked_after_a_description(
    doc: Doc, spans: list[Span], nouns: frozenset[str]
) -> list[Span]:
    """'the press-freedom group Reporters in Exile': right after an organisation noun, a
    name, a link word and a capitalised word (or another name) are one organisation's name,
    which the model cut in two at the link. Context rule ``ORG.linked_after_description``."""
    names = {s.start: s for s in spans if s.label_ in ("ORG", "PERSON")}
    found = []
    for span in names.values():
        link = span.end
        if span.start == 0 or doc[span.start - 1].lemma_.lower() not in nouns:
            continue
        if link + 1 >= len(doc) or doc[link].lower_ not in NAME_LINKS:
            continue
        after = names.get(link + 1)
        if after is not None:
            end = after.end
        elif doc[link + 1].is_title and doc[link + 1].ent_type_ not in NOT_NAME_PARTS:
            end = link + 2
            while end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN":
                end += 1  # 'Lawyers for Human Rights'

        else:
            continue
        found.append(make(doc, span.start, end, "ORG", "ORG.linked_after_description"))
    if not found:
        return spans
    spans = [s for s in spans if not any(s.start < f.end and f.start < s.end for f in found)]
    return sorted([*spans, *found], key=lambda s: (s.start, s.end))


def _subject_of_a_reduced_clause(doc: Doc, name: int) -> bool:
    """'the group Ana Ruiz founded': the verb right after the name is a clause on the noun
    before it, whose subject the name is (not 'the group Memorial said')."""
    nxt = doc[name + 1] if name + 1 < len(doc) else None
    return nxt is not None and nxt.pos_ == "VERB" and nxt.dep_ in ("acl", "relcl")


def _right_after_an_organisation_noun(doc: Doc, name: Token, nouns: frozenset[str]) -> bool:
    """A proper name whose compound words follow an organisation noun with an article
    ('the news site Mekong Watch'), and that a comma or the sentence's end closes (not
    'the group Ana Ruiz founded', where the name is a subject)."""
    start = name.i
    while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN":
        start -= 1
    if start == 0 or name.i - start > 2:
        return False
    after = doc[name.i + 1] if name.i + 1 < len(doc) else None
    return _organisation_noun(doc[start - 1], nouns) and (after is None or after.is_punct)


def _name_start(doc: Doc, head: int, covered: set[int]) -> int:
    """Where the untagged proper name headed by ``head`` starts: its proper-noun compounds
    and modifiers, particles included ('Red Bolivariana de Apoyo')."""
    span = range(head, head + 1)
    return compound_start(doc, head, span, lambda i: i not in covered, title=False, particles=True)


def _organisation_noun(noun: Token, nouns: frozenset[str]) -> bool:
    """'a rebel group', 'the exile movement': an organisation noun with an article."""
    return noun.lemma_.lower() in nouns and any(
        c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in noun.children
    )


ACTING_DEPS = frozenset({"nsubj", "poss"})
"""Dependencies of a platform's name that show the company itself acting or owning."""


def platform_venues(doc: Doc, spans: list[Span], words: Lexicons) -> list[Span]:
    """Drop platform names that name where something was posted (see module)."""
    platforms = words.PLATFORM_NAMES
    result: list[Span] = []
    for span in spans:
        if span.label_ not in ("ORG", "PERSON") or not any(t.lower_ in platforms for t in span):
            result.append(span)
            continue
        start, end = span.start, span.end
        while start < end and doc[start].lower_ in platforms:
            start += 1
            while start < end and doc[start].is_lower:
                start += 1  # 'Telegram [channel] Nexo'
        while end > start and doc[end - 1].lower_ in platforms:
            end -= 1
        if start < end and (start, end) != (span.start, span.end):
            result.append(derive(span, "ORG.platform_venue", "extent", start=start, end=end))
        elif start < end or _company_acting(span.root):
            result.append(span)
    return result


def _company_acting(token: Token) -> bool:
    """'Facebook removed the accounts', 'taken down by YouTube', 'Twitter's policy': the
    platform's company acts (a subject, a passive agent, an owner), even in a list."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ in ACTING_DEPS:
        return True
    return token.dep_ == "pobj" and token.head.dep_ == "agent"


BYLINE_SEPARATORS = frozenset({",", "|", "/", "–", "—", "-"})
"""Marks that set a byline's parts apart ('By A, Outlet, date')."""


def _opens_a_line(doc: Doc, i: int) -> bool:
    """Whether token ``i`` opens the text or a line ('By ...', 'Interview by ...' with
    'Interview' opening it, which must then be a title-case word)."""
    if i < 0:
        return False
    first = i == 0 or "\n" in doc[i - 1].text_with_ws or doc[i - 1].is_space
    return first and (doc[i].lower_ == "by" or doc[i].is_title)


def byline_outlets(
    doc: Doc,
    spans: list[Span],
    is_place: Callable[[str], bool],
    particles: frozenset[str] = frozenset(),
) -> list[Span]:
    """The outlet named in a byline after its author (see module): one to four title-case
    words (a leading 'The' allowed, and name ``particles`` inside: 'Voz del Fiordo')
    between separators, not a date, a place or a person already named there."""
    made = _dateline_outlets(doc)
    bylines = [
        s
        for s in spans
        if s.label_ == "PERSON"
        and s.start > 0
        and doc[s.start - 1].lower_ == "by"
        and (_opens_a_line(doc, s.start - 1) or _opens_a_line(doc, s.start - 2))
    ]
    for author in bylines:
        i = author.end
        while i < len(doc) and doc[i].text in BYLINE_SEPARATORS:
            j = i + 1
            while (
                j < len(doc)
                and "\n" not in doc[j - 1].text_with_ws
                and doc[j].text not in BYLINE_SEPARATORS
            ):
                j += 1
            end = j
            while end > i + 1 and doc[end - 1].is_space:
                end -= 1  # 'Harbour Courier\n\n': the paragraph break is its own token
            part = doc[i + 1 : end]
            if (
                1 <= len(part) <= 4
                and part[-1].is_title
                and all(
                    t.is_title
                    or (t.lower_ == "the" and t.i == part.start)
                    or (t.lower_ in particles and t.i > part.start)
                    for t in part
                )
                and not any(t.like_num or t.ent_type_ == "DATE" for t in part)
                and not is_place(part.text)
            ):
                start = part.start + (part[0].lower_ == "the" and len(part) > 1)
                made.append(make(doc, start, part.end, "ORG", "ORG.byline_outlet"))
            if j >= len(doc) or "\n" in doc[j - 1].text_with_ws:
                break
            i = j
    if not made:
        return spans
    kept = [s for s in spans if not any(s.start < m.end and m.start < s.end for m in made)]
    return sorted([*kept, *made], key=lambda s: (s.start, s.end))


def _dateline_outlets(doc: Doc) -> list[Span]:
    """'OSLO, May 4, 2024 (Harbour Courier) —': one to four title-case words in brackets
    right before a dash, in the first twelve words of a line."""
    made = []
    for i in tokens_with(doc, ORTH, ("(",)):
        j = i + 1
        while j < len(doc) and j - i <= 5 and doc[j].is_title:
            j += 1
        if not (
            1 < j - i <= 5
            and j + 1 < len(doc)
            and doc[j].text == ")"
            and doc[j + 1].text in ("-", "--", "–", "—")
        ):
            continue
        k = i - 1
        while k >= 0 and i - k <= 12 and "\n" not in doc[k].text_with_ws:
            k -= 1
        if k < 0 or i - k <= 12:
            made.append(make(doc, i + 1, j, "ORG", "ORG.byline_outlet"))
    return made


def outlets_by_their_word(doc: Doc, spans: list[Span], words: Lexicons) -> list[Span]:
    """Model persons named with an outlet's word ('Radio Sedra') become ORG (see module)."""
    outlet = words.OUTLET_NAME_WORDS
    return [
        derive(s, "ORG.outlet_word", "label", label="ORG")
        if s.label_ == "PERSON"
        and len(s) > 1
        and (s[0].text in outlet or s[-1].text in outlet)
        # not 'the activist Ana Daily', 'Ms Ana Daily': told as a person
        and not (s.start > 0 and doc[s.start - 1].lower_ in words.PERSON_NOUNS | words.HONORIFICS)
        else s
        for s in spans
    ]
