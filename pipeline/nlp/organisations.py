"""Context rules on the extent of organisation names the small model gets half right.

Each rule reads token shapes around a model ORG span; none names an organisation. Names
told by a description ("an exile group, Nor-5") and platforms as venues live in
:mod:`tnr_claims.nlp.described_organisations`.

- **Possessives.** A span that starts with the possessive ending of the word before it
  ("[’s Supreme Court]") drops it; a span that runs on past a possessive ("[Foreign Policy
  Centre’s Exporting Repression] report") stops before it: the name is the possessor,
  unless the possessor is a place ("[Ruritania’s Supreme Court]" keeps "Supreme Court").
  Context rule ``ORG.possessive``.
- **Dashes.** A span that runs over a dash set off by spaces ("[PRESS SUMMARY – Supreme
  Court]") starts after it: what stands before is a label. Context rule ``ORG.dash``.
- **Brackets.** A span that runs into an opening bracket ("[National Intelligence
  Directorate (NID]") stops before it; the abbreviation rule tags the abbreviation. Context
  rule ``ORG.bracket``.
- **Titles.** A one-word span right before an office noun ("[Interior] Minister", "[Home]
  Secretary") is part of a title, not an organisation, and is dropped (acronyms such as
  "BBC correspondent" stay).
- **The last word.** A span stopped one word short of the name ("[Commonwealth of
  Independent] States", "[Labour] Advocates") takes the next word when it is an untagged
  title-case proper noun that is no title or role word. Context rule ``ORG.last_word``.
- **Names with a possessive.** An ORG followed by "'s" and title-case words ending in an
  organisation head word ("[Supreme People]'s Court", "[Prosecutor General]'s Office") is
  one name. Context rule ``ORG.possessive_name``.
- **Units.** "[RFE/RL]'s [Baltic Service]": a unit (a name ending in a unit word such as
  Service, Desk or Division) right after its organisation's possessive is part of that
  organisation; only the organisation is named. Context rule ``ORG.unit``, a drop.
- **Numbered names.** A span whose last word is a numbered-name head (``NUMBERED_NAME_HEADS``:
  "[Group] 24", "[Charter] 97") takes the number after it, which then is no QUANTITY.
  Context rule ``ORG.numbered_name``.
- **Two names joined by "and".** A span "[Exile Watch and Human Rights Watch]" is two
  organisations when one side is named alone elsewhere in the document and both sides
  start with a capital ("Ministry of Justice and Public Security" stays one). Context rule
  ``ORG.coordinated_names``.
- **Bodies named after their subject.** "[UN Working Group] on Forced Returns" is
  one name: an ORG ending in a body's head word (group, committee, commission ...), then
  "on" and title-case words. Context rule ``ORG.on_name``.
- **Names linked before.** "The Bangkok-based Rights in [Exile Coalition]": title-case
  words and a lower-case link before an ORG ending in an organisation head word are one
  name with it (not at the sentence's start, not a title; not "of", which joins a person
  to her organisation). Context rule ``ORG.linked_name``.
- **Names cut at "of".** An ORG that ends in "of" right before a place the place rules took
  ("[Permanent Mission of] [Iran]") is one name with it. Context rule ``ORG.of_place``.
- **Short forms.** "the Observatory" after "the Northern Rights Observatory": "the" and the
  last word of an organisation named in full, when it is an organisation head word, is
  that organisation (untagged, or read by the model as a PERSON); so is a head word set
  before "of" or "for" in one name only ("the Centre" after "the Harbour Centre for Exile
  Studies"). Context rule ``ORG.short_form``.
- **"X for Y" names.** A span that starts after "for", "without" or "against" preceded by
  an untagged title-case plural proper noun ("Sikhs for [Justice]", "Doctors without
  [Borders]") takes both. Context rule ``ORG.for_name``.
- **Spelled by its abbreviation.** Untagged title-case words right before a bracketed
  abbreviation whose initials spell it ("The Coalition for Exiled Journalists (CEJ)") are
  an organisation's name, which the model may miss whole. Context rule
  ``ORG.spelled_by_abbreviation``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from spacy.attrs import ORTH
from spacy.tokens import Doc, Span, Token

from tnr_claims.nlp.provenance import derive, is_bare_model, make, provenance_of
from tnr_claims.nlp.spans import (
    POSSESSIVE_MARKS,
    tokens_with,
)
from tnr_claims.normalise.names import initials_match
from tnr_claims.rules.loader import Lexicons

POSSESSIVE_ENDINGS = frozenset({"'s", "’s", "'", "’"})

NAME_LINKS = frozenset({"for", "without", "against"})
"""Lower-case words inside names of the shape 'Sikhs for Justice'."""


def organisation_extents(
    doc: Doc,
    spans: list[Span],
    words: Lexicons,
    is_place: Callable[[str], bool] = lambda text: False,
) -> list[Span]:
    """Apply the rules of the module docstring to every ORG span; other spans pass.

    ``is_place(text)`` tells whether a possessor is a place (the normaliser's gazetteer).
    """
    spans = _spelled_by_abbreviation(doc, _numbered_names(doc, spans, words), words)
    covered = {i for s in spans for i in range(s.start, s.end)}
    result: list[Span] = []
    for span in spans:
        if span.label_ == "ORG":
            span = _fixed(doc, span, covered, words, is_place)
            if span is None:
                continue
        result.append(span)
    result = _names_with_a_possessive(doc, _names_cut_at_of(doc, result), words)
    result = _without_units(doc, _names_linked_before(doc, result, words))
    return _short_forms(doc, _coordinated_names(doc, _names_on_a_subject(doc, result)), words)


def _spelled_by_abbreviation(doc: Doc, spans: list[Span], words: Lexicons) -> list[Span]:
    """Add an ORG span over the words right before '(ABBR)' whose initials spell it,
    function words optional ('Coalition for Exiled Journalists (CEJ)', 'the Agence
    nationale de sécurité (ANS)'); not over a person's name ('Ana Ruiz (AR)' has neither a
    function word nor an organisation's head noun). The words may be untagged or read by
    the model, or as the agents of a service ('the General Intelligence Service (GIS)'),
    whose spans give way; a place, a law or an act so abbreviated ('the Democratic
    Republic of Congo (DRC)', 'a European Arrest Warrant (EAW)') stays what it is."""
    covered = {i for s in spans if _holds_its_words(s) for i in range(s.start, s.end)}
    made: list[Span] = []
    for k in range(1, len(doc) - 2):
        abbr = doc[k + 1]
        letters = abbr.text.replace(".", "")
        if doc[k].text != "(" or doc[k + 2].text != ")" or not abbreviation_shaped(letters):
            continue
        longest = None
        start = k
        while start > 0 and k - start < 2 * len(letters) + 2:
            token = doc[start - 1]
            if start - 1 in covered or not (
                token.is_title
                or token.lower_ in words.FUNCTION_WORDS
                or token.text == "-"
                or (token.is_lower and token.is_alpha)  # 'nationale de sécurité'
            ):
                break
            start -= 1
            first = doc[start]
            if (
                first.is_title
                and first.lower_ not in words.FUNCTION_WORDS
                and initials_match(
                    letters.upper(),
                    [t.text for t in doc[start:k] if t.text != "-"],
                    words.FUNCTION_WORDS,
                )
            ):
                longest = start
        if (
            longest is not None
            and (
                k - longest >= MIN_NAME_WORDS_SPELLED  # 'Rift Valley Refugee Legal Aid (RVRLA)'
                or any(
                    t.lower_ in words.FUNCTION_WORDS
                    or t.lower_ in words.ORG_HEAD_NOUNS
                    or t.lower_ in words.NOT_PERSON_HEADS  # 'Service', 'Directorate', 'Bureau'
                    for t in doc[longest:k]
                )
            )
        ):
            if not any(s.label_ == "ORG" and (s.start, s.end) == (longest, k) for s in spans):
                # (a model organisation read whole stays the model's)
                made.append(make(doc, longest, k, "ORG", "ORG.spelled_by_abbreviation"))
    if not made:
        return spans
    kept = [s for s in spans if not any(s.start < m.end and m.start < s.end for m in made)]
    return sorted([*kept, *made], key=lambda s: (s.start, s.end))


MIN_NAME_WORDS_SPELLED = 4
"""Words of a name spelled by its abbreviation that make it an organisation's with no
function word or head noun: a person's name in brackets has two or three ('Ana Ruiz
(AR)')."""


def _holds_its_words(span: Span) -> bool:
    """Whether a span keeps its words from an organisation spelled by an abbreviation: any
    but a model person or organisation and a service read as the agents of a state."""
    if is_bare_model(span) and span.label_ in ("PERSON", "ORG"):
        return False
    return not (span.label_ == "METHOD" and span.id_.startswith("OVERSEAS_AGENTS"))


def abbreviation_shaped(letters: str) -> bool:
    """'CEJ', 'U.N.' (dots removed), 'SBU': two to eight letters, at least two capitals."""
    return (
        2 <= len(letters) <= 8
        and letters.isalpha()
        and letters[0].isupper()
        and sum(ch.isupper() for ch in letters) >= 2
    )


UNIT_HEADS = frozenset({"Service", "Desk", "Unit", "Division", "Section", "Programme", "Program"})
"""Last words of a unit's name inside an organisation ('the BBC's Persian Service')."""


def _without_units(doc: Doc, spans: list[Span]) -> list[Span]:
    """'[RFE/RL]'s [Baltic Service] reported': a unit named right after its organisation's
    possessive is part of that organisation, which is the one named (and the one that
    speaks); the unit's own span is dropped. Context rule ``ORG.unit``, a drop."""
    ends = {s.end: s for s in spans if s.label_ == "ORG"}
    return [
        s
        for s in spans
        if not (
            s.label_ == "ORG"
            and s[-1].text in UNIT_HEADS
            and s.start >= 2
            and doc[s.start - 1].lower_ in POSSESSIVE_ENDINGS
            and (s.start - 1) in ends
        )
    ]


def _names_cut_at_of(doc: Doc, spans: list[Span]) -> list[Span]:
    """'[Permanent Mission of] [Iran]': an ORG that ends in 'of' right before a place the
    place rules took from it is one name with that place (no name ends in 'of'). Context
    rule ``ORG.of_place``."""
    starts = {s.start: s for s in spans if s.label_ == "LOCATION"}
    joined: set[int] = set()
    result: list[Span] = []
    for span in spans:
        place = starts.get(span.end)
        if span.label_ == "ORG" and len(span) > 1 and span[-1].lower_ == "of" and place:
            span = derive(span, "ORG.of_place", "extent", end=place.end)
            joined.add(place.start)
        result.append(span)
    return [s for s in result if not (s.label_ == "LOCATION" and s.start in joined)]


LINKED_HEADS = frozenset({"of", "for"})
"""Words after an organisation's head word inside its name ('Ministry of ...', 'Centre for
...')."""


def _short_forms(doc: Doc, spans: list[Span], words: Lexicons) -> list[Span]:
    """'the Observatory' after 'the Northern Rights Observatory': 'the' and the last word of
    an organisation named in full, when that word is an organisation head
    (``ORG_NAME_HEADS``), or one before 'of' or 'for' ('the Ministry' after the one 'Ministry
    of Interior' named, 'the Centre' after 'Harbour Centre for Exile Studies'), is that
    organisation, whether the model left it untagged or read
    it as a PERSON ('Observatory'). Context rule ``ORG.short_form``; the normaliser then
    gives it the full name."""
    heads = {
        doc[s.end - 1].text
        for s in spans
        if s.label_ == "ORG" and len(s) > 1 and doc[s.end - 1].text in words.ORG_NAME_HEADS
    }
    # 'the Ministry' after 'the Ministry of Interior', 'the Centre' after 'the Harbour Centre
    # for Exile Studies': a head word before 'of' or 'for' in one name only
    named_with = {
        (t.text, s.text)
        for s in spans
        if s.label_ == "ORG" and len(s) > 2
        for t in s[:-1]
        if t.text in words.ORG_NAME_HEADS and t.nbor().lower_ in LINKED_HEADS
    }
    heads |= {head for head, n in Counter(head for head, _ in named_with).items() if n == 1}
    if not heads:
        return spans
    at = {s.start: s for s in spans}
    covered = {i for s in spans for i in range(s.start, s.end)}
    relabelled: dict[int, Span] = {}
    made: list[Span] = []
    for i in tokens_with(doc, ORTH, heads):
        if i == 0 or doc[i - 1].lower_ != "the":
            continue
        if i + 1 < len(doc) and doc[i + 1].is_title and doc[i + 1].pos_ == "PROPN":
            continue  # 'the Observatory Trust': a longer name, not the short form
        span = at.get(i)
        if span is not None and span.label_ == "PERSON" and len(span) == 1:
            relabelled[i] = derive(span, "ORG.short_form", "label", label="ORG")
        elif i not in covered:
            made.append(make(doc, i, i + 1, "ORG", "ORG.short_form"))
    if not relabelled and not made:
        return spans
    result = [relabelled.get(s.start, s) if s.label_ == "PERSON" else s for s in spans]
    result += made
    return sorted(result, key=lambda s: (s.start, s.end))


ON_NAME_HEADS = frozenset(
    {"group", "committee", "subcommittee", "commission", "council", "panel", "mission"}
)
"""Head words of bodies named after their subject ('Working Group on Forced Returns')."""

ON_NAME_LINKS = frozenset({"of", "and", "or", "the", "for", "against", "in"})


BEFORE_LINKS = frozenset({"in", "for", "against", "without"})
"""Lower-case words that join title-case words to an organisation's name after them
('Rights in [Exile Coalition]', 'Lawyers for [Exile Network]'); not 'of', which joins a
person to where she works ('Ana Ruiz of Exile Watch')."""


def _names_linked_before(doc: Doc, spans: list[Span], words: Lexicons) -> list[Span]:
    """'The Bangkok-based Rights in [Exile Coalition]': an ORG ending in an organisation
    head word (``ORG_NAME_HEADS``) with a lower-case link (``BEFORE_LINKS``) before it and
    title-case words before that, none opening the sentence nor a title or another
    span's but the model's person or organisation, is one name with them. Context rule
    ``ORG.linked_name``."""
    titles = words.OFFICE_NOUNS | words.HONORIFICS
    owner = {i: s for s in spans for i in range(s.start, s.end)}
    grown: dict[int, Span] = {}
    for span in spans:
        link = span.start - 1
        if span.label_ != "ORG" or span[-1].text not in words.ORG_NAME_HEADS or link < 1:
            continue
        if doc[link].lower_ not in BEFORE_LINKS or not doc[link].is_lower:
            continue
        start = link
        while (
            start - 1 > doc[link].sent.start
            and doc[start - 1].is_title
            and doc[start - 1].lower_ not in titles
            and doc[start - 1].pos_ in ("PROPN", "NOUN")
            and (start - 1 not in owner or _may_open_a_name(owner[start - 1]))
        ):
            start -= 1
        if start < link:
            grown[span.start] = derive(span, "ORG.linked_name", "extent", start=start)
    if not grown:
        return spans
    result = [s for s in spans if not any(g.start <= s.start < g.end for g in grown.values())]
    return sorted([*result, *grown.values()], key=lambda s: (s.start, s.end))


def _may_open_a_name(span: Span) -> bool:
    """Whether a span before the link may be words of the name: the model's organisation,
    or a one-word 'person' ('[Rights] in Exile Coalition')."""
    return span.label_ == "ORG" or (span.label_ == "PERSON" and len(span) == 1)


def _names_on_a_subject(doc: Doc, spans: list[Span]) -> list[Span]:
    """'[UN Working Group] on Forced Returns' -> one name: an ORG ending in a body's
    head word, then 'on' and title-case words (linked by 'of', 'and', 'the' ...), up to the
    last title-case word. Context rule ``ORG.on_name``."""
    # a METHOD word inside the name ('Forced Returns') is part of the name
    taken = {i for s in spans if s.label_ != "METHOD" for i in range(s.start, s.end)}
    result: list[Span] = []
    grown: list[Span] = []
    for span in spans:
        end = span.end
        if (
            span.label_ == "ORG"
            and end + 1 < len(doc)
            and doc[end - 1].lower_ in ON_NAME_HEADS
            and doc[end].lower_ == "on"
            and doc[end + 1].is_title
            and end not in taken
        ):
            last = None
            k = end + 1
            while k < len(doc) and k - end <= 8 and k not in taken:
                if doc[k].is_title and doc[k].is_alpha:
                    last = k
                elif doc[k].lower_ not in ON_NAME_LINKS:
                    break
                k += 1
            if last is not None:
                span = derive(span, "ORG.on_name", "extent", end=last + 1)
                grown.append(span)
        result.append(span)
    return [
        s
        for s in result
        if not (s.label_ == "METHOD" and any(g.start <= s.start < g.end for g in grown))
    ]


def _coordinated_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """Split an ORG span at "and" when one side is an ORG named alone elsewhere; when both
    sides are people's names the document gives elsewhere ('[Vale and Orlov]' after 'Ana
    Vale and Ivo Orlov'), the two are PERSONs."""
    alone = {span.text for span in spans if span.label_ == "ORG"}
    people = {w for span in spans if span.label_ == "PERSON" for w in (span.text, span[-1].text)}
    out: list[Span] = []
    for span in spans:
        joins = [t.i for t in span[1:-1] if t.lower_ == "and"] if span.label_ == "ORG" else []
        if len(joins) == 1:
            k = joins[0]
            right = k + 1 + (doc[k + 1].lower_ == "the" and k + 2 < span.end)
            left_text, right_text = doc[span.start : k].text, doc[right : span.end].text
            capitalised = doc[span.start].text[:1].isupper() and doc[right].text[:1].isupper()
            label = "PERSON" if left_text in people and right_text in people else None
            if capitalised and (label or left_text in alone or right_text in alone):
                out.append(derive(span, "ORG.coordinated_names", "extent", end=k, label=label))
                out.append(
                    derive(span, "ORG.coordinated_names", "extent", start=right, label=label)
                )
                continue
        out.append(span)
    return out


INNER_POSSESSIVES = POSSESSIVE_MARKS
"""The possessive endings that may stand inside a name ("Supreme People's Court")."""


def _names_with_a_possessive(doc: Doc, spans: list[Span], words: Lexicons) -> list[Span]:
    """'[Prosecutor General]'s [Office] of Kazakhstan', '[Supreme People]'s Court': an ORG
    followed by "'s" and title-case words that end in an organisation head word
    (``ORG_NAME_HEADS``) is one name with them, and with an 'of ...' the model gave the
    second part. Spans inside the joined name give way. Not after a whole name that owns a
    unit ("RFE/RL's Baltic Service": an acronym, a name ending in a head word, one word a
    gazetteer rule names).
    Context rule ``ORG.possessive_name``."""
    heads = words.ORG_NAME_HEADS
    out: list[Span | None] = list(spans)
    changed = False
    for k, span in enumerate(out):
        if span is None or span.label_ != "ORG" or span.end + 1 >= len(doc):
            continue
        if doc[span.end].text not in INNER_POSSESSIVES or doc[span.end - 1].whitespace_:
            continue
        if (
            span[-1].text in heads
            or span[-1].is_upper
            or (len(span) == 1 and _named_by_a_gazetteer(span))
        ):
            # a whole name owning a unit: "BBC's Persian Service", "X International's", and
            # one word a gazetteer rule names: "Interpol's Commission for the Control of
            # Files" (not "People's Armed Police", "Prosecutor's Office")
            continue
        end = span.end + 1
        while end < len(doc) and doc[end].is_alpha and doc[end].is_title:
            end += 1
        if end == span.end + 1 or doc[end - 1].text not in heads:
            continue
        for j in range(k + 1, len(out)):
            other = out[j]
            if other is None:
                continue
            if other.start >= end and not (other.label_ == "ORG" and other.start <= span.end + 1):
                break
            if other.label_ == "ORG" and other.start <= span.end + 1:
                end = max(end, other.end)  # 'Office of Kazakhstan' read as its own ORG
            out[j] = None
        out[k] = derive(span, "ORG.possessive_name", "extent", end=end)
        changed = True
    return [s for s in out if s is not None] if changed else spans


def _named_by_a_gazetteer(span: Span) -> bool:
    """A span a name rule tagged as it stands ('Interpol'), not one a context rule cut."""
    provenance = provenance_of(span)
    return (
        provenance.origin is not None
        and provenance.origin.kind == "pattern"
        and (not provenance.context)
    )


def _numbered_names(doc: Doc, spans: list[Span], words: Lexicons) -> list[Span]:
    """'[Group] 24' -> '[Group 24]'; a QUANTITY span on the number, or a DATE the model read
    in the bare number, is dropped."""
    others = {i for s in spans if not _bare_number(s) for i in range(s.start, s.end)}
    dropped: set[int] = set()
    result: list[Span] = []
    for span in spans:
        end = span.end
        if (
            span.label_ == "ORG"
            and end < len(doc)
            and doc[end - 1].lower_ in words.NUMBERED_NAME_HEADS
            and doc[end - 1].is_title
            and doc[end].like_num
            and doc[end].is_digit
            and end not in others
        ):
            span = derive(span, "ORG.numbered_name", "extent", end=end + 1)
            dropped.add(end)
        result.append(span)
    return [s for s in result if not (_bare_number(s) and s.start in dropped)]


def _bare_number(span: Span) -> bool:
    return span.label_ == "QUANTITY" or (
        span.label_ == "DATE" and len(span) == 1 and span[0].is_digit
    )


def _plural_possessive_inside(doc: Doc, i: int, end: int, heads: frozenset[str]) -> bool:
    """'Writers' Union': a plural's apostrophe in a name ending on a head word is its own."""
    plural = doc[i - 1].is_title and doc[i - 1].lower_.endswith("s")
    return doc[i].text in ("'", "’") and plural and doc[end - 1].text in heads


def _fixed(
    doc: Doc, span: Span, covered: set[int], words: Lexicons, is_place: Callable[[str], bool]
) -> Span | None:
    start, end = span.start, span.end
    while start < end and doc[start].lower_ in POSSESSIVE_ENDINGS:
        start += 1
    inner = [
        i
        for i in range(start + 1, end)
        if doc[i].lower_ in POSSESSIVE_ENDINGS
        and not _plural_possessive_inside(doc, i, end, words.ORG_NAME_HEADS)
    ]
    if inner and is_place(doc[start : inner[0]].text):
        start = inner[0] + 1
    elif inner:
        end = inner[0]
    if start >= end:
        return None
    if (start, end) != (span.start, span.end):
        span = derive(span, "ORG.possessive", "extent", start=start, end=end)
    dash = max((i for i in range(start + 1, end - 1) if _spaced_dash(doc[i])), default=None)
    if dash is not None:
        # 'PRESS SUMMARY – Supreme Court of Ruritania': a label set off before the name
        start = dash + 1
        span = derive(span, "ORG.dash", "extent", start=start, end=end)
    bracket = next((i for i in range(start + 1, end) if doc[i].text == "("), None)
    if bracket is not None:
        # 'National Intelligence Directorate (NID': the abbreviation is its own span
        end = bracket
        span = derive(span, "ORG.bracket", "extent", start=start, end=end)
        if is_place(doc[start:end].text.title()):
            # a dateline 'DUSHANBE (TCA) —': the place before the outlet's bracket
            return derive(span, "ORG.bracket", "label", label="LOCATION")
    titles = words.OFFICE_NOUNS | words.HONORIFICS
    if (
        end - start == 1
        and end < len(doc)
        and doc[end].lower_ in titles
        and not doc[start].is_upper
    ):
        return None
    if end < len(doc) and end not in covered and _name_word(doc[end], titles):
        span = derive(span, "ORG.last_word", "extent", end=end + 1)
    if (
        start >= 2
        and doc[start - 1].lower_ in NAME_LINKS
        and start - 2 not in covered
        and doc[start - 2].tag_ == "NNPS"
        and doc[start - 2].is_title
        and not doc[start - 2].is_sent_start
    ):
        span = derive(span, "ORG.for_name", "extent", start=start - 2)
    return span


def _spaced_dash(token: Token) -> bool:
    """A dash with a space on either side ('NEWS – Court'), not a hyphen inside a name."""
    return (
        token.text in ("-", "–", "—")
        and token.whitespace_ != ""
        and token.i > 0
        and (token.doc[token.i - 1].whitespace_ != "")
    )


def _name_word(token: Token, titles: frozenset[str]) -> bool:
    """An untagged word that can end an organisation's name: a title-case proper noun,
    not the first word of a sentence, not a title or role word."""
    return (
        token.is_title
        and token.is_alpha
        and token.pos_ == "PROPN"
        and not token.is_sent_start
        and token.lower_ not in titles
    )


NAME_FILLERS = frozenset({"the", "of", "and", "for", "on", "against", "in"})


def without_words_of_names(rules: list[Span], model: list[Span], words: Lexicons) -> list[Span]:
    """Drop a METHOD that is a capitalised word inside an organisation's name the model
    found ('the Crown [Prosecution] Service', 'the [Surveillance] Department'), or that
    starts with the name's capitalised last word ('Baltic Exile [Monitor calls] on'): the
    name ends in an organisation head (``ORG_NAME_HEADS``), and every word of it but
    small fillers is capitalised."""
    names = [
        m
        for m in model
        if m.label_ == "ORG"
        and len(m) >= 2
        and m[-1].text in words.ORG_NAME_HEADS
        and all(t.is_title or t.is_upper or t.lower_ in NAME_FILLERS for t in m)
    ]
    if not names:
        return rules
    kept = []
    for span in rules:
        inside = span.label_ == "METHOD" and any(
            (n.start <= span.start and span.end < n.end and all(t.is_title for t in span))
            or (n.start < span.start == n.end - 1 < span.end - 1 and span[0].is_title)
            for n in names
        )
        if not inside:
            kept.append(span)
    return kept
