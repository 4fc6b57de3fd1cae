"""Context rules on the shape of names the small model gets half right.

- **Organisations named after a person** (codebook, second set: "the Gülen movement",
  "the Free X campaign" are ORG): a PERSON span followed by an organisation head noun
  (``ORG_HEAD_NOUNS``: movement, campaign, foundation ...) becomes one ORG span over both,
  with a leading "Free" when there is one. Context rule ``ORG.named_after_person``.
- **Coordinated names.** A proper name coordinated with a person's name ("Ana Ruiz and
  Tomas Vik were abducted": the model often tags one) is a person: ``PERSON.coordinated``.
- **Abbreviations** (codebook, second set: "Ruritanian Security Service (RSS)" makes every
  later "RSS" that ORG): an abbreviation in brackets right after an ORG or LEGAL_REF span
  takes that label, there and wherever it appears again, whatever the model tagged it.
  Context rule ``ABBREVIATION.long_form``; its name is the long form's (the normaliser).
- **Half a name.** The model often tags only the family name of an unfamiliar name
  ("Harjit [Vale]"): a model PERSON span grows left over the untagged, title-case proper
  nouns compounded to it, stopping at titles and role words (``HONORIFICS``, office nouns).
  Context rule ``PERSON.given_name``.
- **Surnames with particles.** The model often stops a name at its particle ("Ursula von
  der [Leyen]", "Ludwig [van Beethoven]"): a PERSON span that ends in a particle, or is
  followed by particles, grows right over them (``NAME_PARTICLES``) and the title-case word
  after them. Context rule ``PERSON.particle_surname``.
- **Speakers.** An untagged title-case proper name that is the subject of a speech verb
  (``SPEECH_VERBS``: "Ana Ruiz told reporters", "..., said Ana Ruiz"), or that stands in
  apposition to a person noun that is ("His lawyer, Ana Ruiz, said"), is a person: an
  organisation that speaks has an organisation-shaped name, which the ORG rules tag first.
  One word is enough when it is no acronym ("Ruiz said"). Context rule
  ``PERSON.speaker``. So is a name of two words or more that flees, emigrates or settles
  abroad (``EXILE_VERBS``: "Ana Ruiz fled to Oslo in 2016"): context rule
  ``PERSON.exile``.
- **People acted on.** An untagged title-case name of two to four words that an act (a
  METHOD span) is done to ("agents abducted Ana Ruiz", "the extradition of Ana Ruiz",
  "Ana Ruiz's phone was hacked", "Ana Ruiz received threats", "Ana Ruiz, 45, detained in
  May") and that is no known place is a person. Context rule ``PERSON.patient``.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.tokens import Doc, Span, Token

from tnr_claims.nlp.days import name_before_a_day
from tnr_claims.nlp.organisations import abbreviation_shaped
from tnr_claims.nlp.provenance import derive, is_bare_model, make, provenance_of
from tnr_claims.nlp.spans import WEEKDAYS, compound_start, tokens_with, with_names
from tnr_claims.rules.loader import Lexicons


def organisations_named_after_people(
    doc: Doc, spans: list[Span], words: Lexicons, is_place: Callable[[str], bool] = lambda _: False
) -> list[Span]:
    """PERSON + organisation head noun ('the Selvik movement') -> one ORG span; untagged
    title-case proper nouns before such a head noun make one too, unless they are a known
    place ('Oslo centre maps ...' in a headline describes an organisation by its city)."""
    starts = {s.start for s in spans}
    covered = {i for s in spans for i in range(s.start, s.end)}
    made: list[Span] = []
    for i in tokens_with(doc, LOWER, words.ORG_HEAD_NOUNS):
        token = doc[i]
        if token.i in covered or token.i == 0:
            continue
        start = token.i
        while (
            start > 0
            and token.i - start < 3
            and start - 1 not in covered
            and doc[start - 1].pos_ == "PROPN"
            and doc[start - 1].is_title
        ):
            start -= 1
        if start == token.i or is_place(doc[start : token.i].text):
            continue
        if start > 0 and doc[start - 1].lower_ == "free" and doc[start - 1].is_title:
            start -= 1
        made.append(make(doc, start, token.i + 1, "ORG", "ORG.named_after_person"))
        covered.update(range(start, token.i + 1))
    spans = sorted([*spans, *made], key=lambda s: (s.start, s.end))
    result: list[Span] = []
    for span in spans:
        end = span.end
        if (
            span.label_ == "PERSON"
            and end < len(doc)
            and doc[end].lower_ in words.ORG_HEAD_NOUNS
            and end not in starts
        ):
            start = span.start
            if start > 0 and doc[start - 1].lower_ == "free" and doc[start - 1].is_title:
                start -= 1
            span = derive(
                span, "ORG.named_after_person", "label", label="ORG", start=start, end=end + 1
            )
        result.append(span)
    return result


def given_name_start(doc: Doc, span: Span, covered: set[int], words: Lexicons) -> int:
    """Where a person's name starts when the span lacks its given names: over the untagged
    title-case proper nouns compounded to it, stopping at titles and role words."""
    return compound_start(
        doc,
        span.start,
        range(span.start, span.end),
        lambda i: i not in covered,
        title=True,
        stop=words.HONORIFICS | words.OFFICE_NOUNS | words.DESCRIPTION_NOUNS,
    )


def given_names(doc: Doc, spans: list[Span], words: Lexicons) -> list[Span]:
    """A model PERSON span grows left over untagged title-case proper-noun compounds."""
    covered = {i for s in spans for i in range(s.start, s.end)}
    stop = words.HONORIFICS | words.OFFICE_NOUNS | words.DESCRIPTION_NOUNS
    result: list[Span] = []
    for span in spans:
        if span.label_ == "PERSON" and is_bare_model(span):
            start = given_name_start(doc, span, covered, words)
            first = doc[start - 1] if start > 0 else None
            if (
                first is not None
                and first.is_sent_start
                and first.is_title
                and first.pos_ == "NOUN"
                and first.dep_ == "compound"
                and first.head.i in range(span.start, span.end)
                and first.i not in covered
                and first.lower_ not in stop | words.PERSON_NOUNS
            ):
                start -= 1  # 'Gemechu Lemma Dhaba, an Oromo journalist': the tagger read the
                # unfamiliar given name opening the sentence as a common noun
            elif first is not None and _name_read_as_a_verb(first, covered, stop):
                start -= 1  # 'a spokeswoman, Do Thanh Huong, said': 'Do' is no verb there
            if start < span.start:
                span = derive(span, "PERSON.given_name", "extent", start=start)
        result.append(span)
    return result


def _name_read_as_a_verb(token: Token, covered: set[int], stop: frozenset[str]) -> bool:
    """A capitalised word the tagger read as a verb inside a sentence, right after a comma,
    bracket or noun and right before a person's name ('her lawyer, Said Karimi,'; 'the
    spokeswoman Do Thanh Huong'): a verb is not capitalised there, a name's first word is."""
    if token.is_sent_start or not token.is_title or token.i in covered or token.i == 0:
        return False
    before = token.doc[token.i - 1]
    return (
        token.pos_ in ("AUX", "VERB")
        and token.lower_ not in stop
        and (before.text in (",", "(") or before.pos_ == "NOUN")
    )


def hyphenated_syllables(doc: Doc, spans: list[Span]) -> list[Span]:
    """A PERSON span that stops before the hyphen of a given name grows over it ('Kwan
    Sze' in 'Kwan Sze-wing'), and over one untagged title-case proper noun right before it
    ('Ivy' in 'Ivy Kwan Sze-wing'). Context rule ``PERSON.hyphenated_syllable``."""
    covered = {i for s in spans for i in range(s.start, s.end)}
    result: list[Span] = []
    for span in spans:
        end = span.end
        if (
            span.label_ == "PERSON"
            and end + 1 < len(doc)
            and doc[end].text in ("-", "‐")
            and not doc[end - 1].whitespace_
            and not doc[end].whitespace_
            and doc[end + 1].is_alpha
            and doc[end + 1].is_lower
            and end + 1 not in covered
        ):
            start = span.start
            before = doc[start - 1] if start > 0 else None
            if (
                before is not None
                and before.pos_ == "PROPN"
                and before.is_title
                and before.i not in covered
                and not before.is_sent_start
            ):
                start -= 1
            span = derive(span, "PERSON.hyphenated_syllable", "extent", start=start, end=end + 2)
        result.append(span)
    return result


def particle_surnames(doc: Doc, spans: list[Span], words: Lexicons) -> list[Span]:
    """PERSON spans grow over a surname's particles and the word after them (see module)."""
    owner = {i: s for s in spans for i in range(s.start, s.end)}
    swallowed: set[int] = set()
    """Starts of PERSON spans that became the end of the name before them."""
    result: list[Span] = []
    for span in spans:
        if span.label_ == "PERSON" and span.start in swallowed:
            continue
        if span.label_ == "PERSON":
            span = _with_particle_surname(doc, span, words.NAME_PARTICLES, owner, swallowed)
        result.append(span)
    return result


def _with_particle_surname(
    doc: Doc, span: Span, particles: frozenset[str], owner: dict[int, Span], swallowed: set[int]
) -> Span:
    end = span.end
    ends_in_particle = end - 1 > span.start and doc[end - 1].lower_ in particles
    j = end
    while j < len(doc) and j not in owner and doc[j].is_lower and doc[j].lower_ in particles:
        j += 1
    if not (ends_in_particle or j > end) or j >= len(doc) or not _surname_word(doc, j, owner):
        return span
    other = owner.get(j)
    if other is not None:
        swallowed.add(other.start)
    return derive(span, "PERSON.particle_surname", "extent", end=other.end if other else j + 1)


def _surname_word(doc: Doc, i: int, owner: dict[int, Span]) -> bool:
    """Whether token ``i`` can end a surname: title case, alphabetic, and untagged or the
    start of another PERSON span (the model's other half of the name)."""
    token = doc[i]
    other = owner.get(i)
    return (
        token.is_title
        and token.is_alpha
        and (other is None or (other.label_ == "PERSON" and other.start == i))
    )


def _name_extent(
    doc: Doc, head: int, covered: set[int], stop: frozenset[str] = frozenset()
) -> tuple[int, int] | None:
    """The token range of an untagged title-case proper name headed by ``head``, not
    reaching left over a word of ``stop``."""
    token = doc[head]
    if head in covered or token.pos_ != "PROPN" or not token.is_title:
        return None
    start = compound_start(
        doc, head, range(head, head + 1), lambda i: i not in covered, title=True, stop=stop
    )
    while start > 0 and _misparsed_name_word(doc[start - 1], covered, stop):
        start -= 1  # 'Lê Thị Hồng Vân', whose first word the parser hung elsewhere
    return start, head + 1


def _misparsed_name_word(token: Token, covered: set[int], stop: frozenset[str]) -> bool:
    """An untagged title-case proper noun right before a name, whatever the parser hung it
    on ('Brno, Lê Thị Hồng Vân' read as 'Lê', an apposition, then 'Thị Hồng Vân')."""
    return (
        token.pos_ == "PROPN"
        and token.is_title
        and token.is_alpha
        and (token.i not in covered and token.lower_ not in stop)
    )


def coordinated_people(doc: Doc, spans: list[Span], words: Lexicons) -> list[Span]:
    """Untagged proper names in coordination with a PERSON span become PERSON spans; so do
    model ORGs shaped like a name ('[Ivo Sand] and Lena Ortiz are exiles')."""
    misread = {s.start: s for s in spans if s.label_ == "ORG" and may_be_person(s, words)}
    covered = {i for s in spans if s.start not in misread for i in range(s.start, s.end)}
    stop = words.HONORIFICS | words.OFFICE_NOUNS
    made: list[Span] = []
    for span in spans:
        if span.label_ != "PERSON":
            continue
        root = span.root
        partners = [c.i for c in root.children if c.dep_ == "conj"]
        if root.dep_ == "conj" or (root.dep_ == "appos" and root.head.pos_ == "PROPN"):
            # 'A, B and C' (the parser may hang B on A as an apposition)
            partners.append(root.head.i)
            partners += [c.i for c in root.head.children if c.dep_ == "conj" and c.i != root.i]
        for head in partners:
            extent = _name_extent(doc, head, covered)
            if extent is None or doc[extent[0]].lower_ in stop:
                continue
            made.append(make(doc, extent[0], extent[1], "PERSON", "PERSON.coordinated"))
            covered.update(range(*extent))
    if not made:
        return spans
    spans = [
        s
        for s in spans
        if s.start not in misread or not any(s.start < m.end and m.start < s.end for m in made)
    ]
    return sorted([*spans, *made], key=lambda s: (s.start, s.end))


ABBREVIATED_LABELS = frozenset({"ORG", "LEGAL_REF"})


def _abbreviation_after(doc: Doc, span: Span) -> int | None:
    """The token index of 'ABBR' in '<span> (ABBR)', if there is one."""
    i = span.end
    if i + 2 > len(doc) - 1:
        return None
    abbr = doc[i + 1]
    if doc[i].text != "(" or doc[i + 2].text != ")":
        return None
    return i + 1 if abbreviation_shaped(abbr.text.replace(".", "")) else None


ABBREVIATIONS_KEY = "tnr_abbreviations"
"""``doc.user_data`` key of the abbreviations defined right after an ORG, mapped to that
ORG's text: the normaliser names them after it, whatever their letters ("National
Intelligence Organization (MIT)")."""


def abbreviations(doc: Doc, spans: list[Span], words: Lexicons) -> list[Span]:
    """Abbreviations defined right after an ORG or LEGAL_REF take its label everywhere."""
    defined: dict[str, str] = {}
    long_forms: dict[str, str] = {}
    for span in spans:
        if span.label_ in ABBREVIATED_LABELS:
            k = _abbreviation_after(doc, span)
            if k is not None:
                defined.setdefault(doc[k].text, span.label_)
                if span.label_ == "ORG":
                    long_forms.setdefault(doc[k].text, span.text)
    doc.user_data[ABBREVIATIONS_KEY] = long_forms
    if not defined:
        return spans
    by_token = {i: s for s in spans for i in range(s.start, s.end)}
    result: list[Span] = []
    for span in spans:
        label = defined.get(span.text)
        if label is not None and span.label_ != label and len(span) == 1:
            span = derive(span, "ABBREVIATION.long_form", "label", label=label)
        result.append(span)
    made = [
        make(doc, token.i, token.i + 1, defined[token.text], "ABBREVIATION.long_form")
        for token in doc
        if token.text in defined and token.i not in by_token
    ]
    return sorted([*result, *made], key=lambda s: (s.start, s.end))


MAX_SPEAKER_NAME_WORDS = 4


def speaking_people(doc: Doc, spans: list[Span], words: Lexicons) -> list[Span]:
    """Untagged proper names that speak become PERSON spans (see module)."""
    covered = {i for s in spans for i in range(s.start, s.end)}
    people_nouns = (
        words.DESCRIPTION_NOUNS | words.OFFICE_NOUNS | words.FAMILY_NOUNS | words.PERSON_NOUNS
    )
    stop = words.HONORIFICS | words.OFFICE_NOUNS | words.VAGUE_QUANTITIES  # not "Several said"
    # a model ORG shaped like a name that flees or vanishes is re-read as a person ('Ivo
    # Sand, 37, was last seen on Friday'); one that speaks may be an outlet ('Reuters said')
    misread = {t.i for s in spans if s.label_ == "ORG" and may_be_person(s, words) for t in s}
    found: list[Span] = []
    for i in tokens_with(doc, LEMMA, words.SPEECH_VERBS | words.EXILE_VERBS | VANISH_LEMMAS):
        verb = doc[i]
        if verb.pos_ != "VERB" or not _speaks_flees_or_vanishes(verb, words):
            continue
        exile = verb.lemma_.lower() not in words.SPEECH_VERBS
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if (
            not subjects
            and verb.dep_ == "acl"
            and verb.head.dep_ == "ROOT"
            and any(c.dep_ == "ccomp" for c in verb.children)
        ):
            subjects = [verb.head]  # 'His sister, X, confirmed by phone that ...' misparsed
        subjects = name_before_a_day(verb) or subjects  # 'X Sunday night said'
        for subject in subjects:
            candidates = [subject]
            if subject.pos_ == "NOUN" and subject.lemma_.lower() in people_nouns:
                candidates = [c for c in subject.children if c.dep_ == "appos"]
            for head in candidates:
                seen = covered - misread if exile else covered
                extent = _untagged_name(doc, head.i, seen, stop, words.NOT_PERSON_HEADS)
                if extent is None or (exile and extent[1] - extent[0] < 2):
                    continue  # one word that flees may be a group's name; one that speaks not
                rule = "PERSON.exile" if exile else "PERSON.speaker"
                found.append(make(doc, *extent, "PERSON", rule))
                covered.update(range(*extent))
    if not found:
        return spans
    spans = [s for s in spans if not any(s.start < f.end and f.start < s.end for f in found)]
    return sorted([*spans, *found], key=lambda s: (s.start, s.end))


BYLINE_WORDS = ("By", "BY")


def byline_people(
    doc: Doc, spans: list[Span], words: Lexicons, is_place: Callable[[str], bool]
) -> list[Span]:
    """'By Selam Tesfay' on a line of its own: the author's name is a person's, whatever the
    model read it as (context rule ``PERSON.byline``). Two to four title-case words after a
    line-opening 'By', up to the end of the line, a comma or 'and'."""
    found: list[Span] = []
    for i in tokens_with(doc, ORTH, BYLINE_WORDS):
        if i > 0 and not _line_break(doc[i - 1]):
            continue
        j = i + 1
        while j < len(doc) and j - i <= MAX_SPEAKER_NAME_WORDS and doc[j].is_title:
            j += 1
        ends_line = j >= len(doc) or _line_break(doc[j - 1]) or _line_break(doc[j])
        ends_line = ends_line or doc[j].text in (",", "and")
        if 2 <= j - i - 1 <= MAX_SPEAKER_NAME_WORDS and ends_line:
            name = doc[i + 1 : j]
            if all(t.text not in words.ORG_NAME_HEADS and not is_place(t.text) for t in name):
                # not 'By Latin America Reports', an outlet
                found.append(make(doc, i + 1, j, "PERSON", "PERSON.byline"))
    if not found:
        return spans
    spans = [
        s
        for s in spans
        if not any(s.start < f.end and f.start < s.end for f in found)
        or s.label_ in ("PERSON", "METHOD", "LEGAL_REF")
    ]
    covered = {i for s in spans for i in range(s.start, s.end)}
    found = [f for f in found if not any(i in covered for i in range(f.start, f.end))]
    return sorted([*spans, *found], key=lambda s: (s.start, s.end))


def _line_break(token: Token) -> bool:
    """A newline token, or a token followed by a newline."""
    return "\n" in token.text_with_ws


VANISH_LEMMAS = frozenset({"vanish", "disappear", "see", "go", "find"})
"""Verbs whose subject is the person a report is about ('vanished', 'was last seen',
'went missing', 'was found dead')."""


def _speaks_flees_or_vanishes(verb: Token, words: Lexicons) -> bool:
    lemma = verb.lemma_.lower()
    if lemma in words.SPEECH_VERBS or lemma in words.EXILE_VERBS:
        return True
    if lemma == "see":  # only 'was last seen'
        return any(c.lower_ == "last" for c in verb.children) and any(
            c.dep_ == "auxpass" for c in verb.children
        )
    if lemma == "go":  # only 'went missing'
        return any(c.lower_ == "missing" for c in verb.children)
    if lemma == "find":  # only 'was found dead'
        return found_harmed(verb, words)
    return True


def found_harmed(verb: Token, words: Lexicons) -> bool:
    """'was found dead', 'was found slumped on a bench': whoever is found so is the person
    the report is about (``HARMED_STATES``), though no act is named. Read by the name rules
    (an untagged name found so is a person) and by the claim stage (that person is a
    target)."""
    if verb.lemma_.lower() != "find" or not any(
        c.dep_ in ("auxpass", "nsubjpass") for c in verb.children
    ):
        return False
    doc = verb.doc
    near = [c.i for c in verb.children] + [verb.i + 1, verb.i + 2]
    return any(k < len(doc) and doc[k].lower_ in words.HARMED_STATES for k in near)


def _untagged_name(
    doc: Doc,
    head: int,
    covered: set[int],
    stop: frozenset[str],
    not_person_heads: frozenset[str],
) -> tuple[int, int] | None:
    """:func:`_name_extent` of a name that can be a person's: no title or role word, no
    digits, at most ``MAX_SPEAKER_NAME_WORDS`` words, no organisation-like last word, not
    inside a capitalised title, not one letter ('Q: His party says ...')."""
    token, word = doc[head], doc[head].text.replace("-", "").replace("'", "")
    if token.lower_ in stop or len(word) < 2 or not word.isalpha():
        return None
    extent = _name_extent(doc, head, covered, stop)
    if extent is None:
        return None
    start = extent[0]
    if head + 1 - start > MAX_SPEAKER_NAME_WORDS:
        return None
    if any(not doc[k].is_title for k in range(start, head + 1)):
        return None
    if token.lemma_.lower() in not_person_heads or _in_title_case_run(doc, start, head + 1):
        return None
    return start, head + 1


def _in_title_case_run(doc: Doc, start: int, end: int) -> bool:
    """Whether the name sits in a run of capitalised words, as in a title ('China's Covert
    Operation To Force ...'): the word after it is capitalised but starts no sentence."""
    if end >= len(doc):
        return False
    after = doc[end]
    if after.text in WEEKDAYS:
        return False  # 'Ana Ruiz Sunday night said': the day the speaker spoke
    return after.is_title and after.is_alpha and not after.is_sent_start


PATIENT_DEPS = frozenset({"dobj", "nsubjpass", "pobj", "poss", "appos", "conj", "dative"})
"""Dependencies through which a name is reached from an act's root (at most two steps)."""


def acted_on_people(
    doc: Doc, spans: list[Span], words: Lexicons, is_place: Callable[[str], bool]
) -> list[Span]:
    """Untagged names that a METHOD is done to become PERSON spans (see module). A name
    inside a METHOD span counts as untagged ('pressured Ana Ruiz to return'): METHOD
    spans are cut before names later."""
    # a model ORG with no organisation word may be a name the model misread ('a red notice
    # for Nodira Yusupova'); as a patient it is re-read as a person
    misread = {id(s) for s in spans if s.label_ == "ORG" and may_be_person(s, words)}
    covered = {
        i
        for s in spans
        if s.label_ != "METHOD" and id(s) not in misread
        for i in range(s.start, s.end)
    }
    stop = words.HONORIFICS | words.OFFICE_NOUNS
    found: list[Span] = []
    for method in spans:
        if method.label_ != "METHOD":
            continue
        root = method.root
        reach = [(c, 1) for c in root.children]
        if root.dep_ in ("dobj", "pobj") and root.head.lemma_.lower() in words.BEARING_VERBS:
            reach += [(c, 1) for c in root.head.children if c.dep_ == "nsubj"]
        if root.dep_ == "dobj":
            # 'issued a red notice for Ana Ruiz': the parser hangs 'for' on the verb
            reach += [
                (c, 1)
                for c in root.head.children
                if c.dep_ in ("dative", "prep") and c.lower_ in ("for", "against")
            ]
        if root.dep_ == "acl" and root.tag_ == "VBN" and root.head.pos_ == "PROPN":
            _add_name(doc, root.head.i, covered, stop, words, is_place, found)  # 'A, 45, detained'
        while reach:
            token, depth = reach.pop()
            if token.dep_ not in (*PATIENT_DEPS, "prep", "nsubj") or token.lower_ == "according":
                continue  # 'according to X' names who tells the act, no one it was done to
            if token.dep_ == "nsubj" and token.head.lemma_.lower() not in words.BEARING_VERBS:
                continue
            if token.pos_ == "PROPN" and _add_name(
                doc, token.i, covered, stop, words, is_place, found
            ):
                continue
            if depth < 3:
                reach.extend((c, depth + 1) for c in token.children)
    for i in tokens_with(doc, LOWER, words.FAMILY_NOUNS):  # "Bolat Serik's relatives": him
        for owner in doc[i].children:
            if owner.dep_ == "poss" and owner.pos_ == "PROPN":
                _add_name(doc, owner.i, covered, stop, words, is_place, found)
    if not found:
        return spans
    spans = [
        s
        for s in spans
        if id(s) not in misread or not any(s.start < n.end and n.start < s.end for n in found)
    ]
    return with_names(spans, found)


def _add_name(
    doc: Doc,
    head: int,
    covered: set[int],
    stop: frozenset[str],
    words: Lexicons,
    is_place: Callable[[str], bool],
    found: list[Span],
) -> bool:
    """Add the untagged person's name of two words or more ending at ``head`` to ``found``
    (context rule ``PERSON.patient``); False when there is none."""
    extent = _untagged_name(doc, head, covered, stop, words.NOT_PERSON_HEADS)
    if extent is None or extent[1] - extent[0] < 2 or is_place(doc[extent[0] : extent[1]].text):
        return False
    found.append(make(doc, *extent, "PERSON", "PERSON.patient"))
    covered.update(range(*extent))
    return True


def may_be_person(span: Span, words: Lexicons, *, hyphens: bool = False) -> bool:
    """Whether a model ORG span (or one grown by a last word) is shaped like a person's name:
    title-case words only, none an organisation's ('Watch', 'Bureau') and no acronym; with
    ``hyphens``, a hyphen may join two ('Jean-Bosco'), for rules that keep the span whole."""
    grown = provenance_of(span).context_rules == ["ORG.last_word"]  # 'Daulet [Zhaksybekov]'
    if not (is_bare_model(span) or grown) or len(span) > MAX_SPEAKER_NAME_WORDS:
        return False
    inner = range(span.start + 1, span.end - 1)
    return all(
        (hyphens and t.text == "-" and t.i in inner and not t.whitespace_)
        or person_name_word(t, words)
        for t in span
    )


def person_name_word(token: Token, words: Lexicons) -> bool:
    """A title-case word of a person's name: no organisation's ('Watch') or place's word."""
    return (
        token.is_title
        and token.is_alpha
        and token.text not in words.ORG_NAME_HEADS
        and token.lower_ not in words.ORG_HEAD_NOUNS
        and token.lower_ not in words.NOT_PERSON_HEADS
    )
