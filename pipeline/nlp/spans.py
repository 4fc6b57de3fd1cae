"""Span helpers shared by the components: doc keys, sentence bounds, trimming, merging.

The merge policy (tiers, longest wins, NOT_ENTITY blockers, zones) is implemented once,
in :func:`merge_spans`; see :mod:`tnr_claims.nlp` for the whole policy.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence

import numpy
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from tnr_claims.normalise.dates import RANGE_JOINS
from tnr_claims.rules.loader import Lexicons

SPAN_KEY = "tnr"
"""``doc.spans`` key of the merged, labelled spans."""


CUE_KEY = "tnr_cues"
"""``doc.spans`` key of the cue matches (label = cue kind, id = rule id)."""


SEGMENTS_KEY = "tnr_segments"
"""``doc.user_data`` key of the zones: a list of ``(kind, start_char, end_char)``."""


ARTICLE_ZONES = frozenset({"title", "heading", "body", "list", "dateline"})
"""Zones whose text is article text: spans are kept only there."""


MODEL_LABELS: dict[str, str] = {
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "PERSON": "PERSON",
    "ORG": "ORG",
    "DATE": "DATE",
    "CARDINAL": "QUANTITY",
    "LAW": "LEGAL_REF",
}
"""How the model's entity labels map onto the codebook (others are dropped)."""


TIER1_LABELS = frozenset({"METHOD", "LEGAL_REF"})


_LEADING_DROP = frozenset(
    {"the", "a", "an", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof."}
)


_TRAILING_DROP = frozenset({"'s", "’s", "'", "’", ".", ",", ";", ":", "-", "–", "—", ")", "("})


_YEAR = re.compile(r"^(1[89]|20)\d\d$")


def sentence_spans(doc: Doc) -> list[Span]:
    """The parser's sentences as Spans, read from one array (``doc.sents`` first walks
    every token in Python to check the annotation is there).

    A sentence start inside a name (the parser split "Lucia | Parrucci, a spokeswoman,
    said" after a heading) is not one: a name never spans two sentences."""
    from spacy.attrs import SENT_START

    n = len(doc)
    if not n:
        return []
    inside = {
        i
        for s in (doc.spans[SPAN_KEY] if SPAN_KEY in doc.spans else ())
        if s.label_ in ("PERSON", "ORG")
        for i in range(s.start + 1, s.end)
    }
    starts = [
        i
        for i, v in enumerate(doc.to_array(SENT_START).astype("int64").tolist())
        if v == 1 and i not in inside
    ]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    bounds = [*starts, n]
    return [Span(doc, bounds[k], bounds[k + 1]) for k in range(len(starts))]


def sentence_bounds(text: str, sent: Span) -> tuple[int, int]:
    """Character bounds of ``sent`` in ``text`` without surrounding white space.

    ``start == end`` for a sentence that is only white space.
    """
    start, end = sent.start_char, sent.end_char
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def trim_entity(span: Span, *, keep_the: bool = False) -> tuple[int, int]:
    """Token bounds of ``span`` without a leading determiner, trailing possessive or punctuation;
    with ``keep_the``, a capitalised 'The' inside a sentence stays ('in The Hague')."""
    start, end = span.start, span.end
    doc = span.doc
    # and words the model swallows at a sentence start ('Later the Supreme Court')
    while (
        start < end - 1
        and doc[start].pos_ in ("ADV", "CCONJ", "SCONJ")
        and doc[start].is_sent_start
        and doc[start + 1].lower_ not in ("least", "most")  # 'At least nine' is a count
    ):
        start += 1
    while start < end and doc[start].lower_ in _LEADING_DROP:
        start += 1
    if end - start > 2 and doc[start].lower_ in ("ex", "former") and doc[start + 1].text == "-":
        start += 2  # 'ex-FBI': the prefix is not part of the name
    while end > start and (doc[end - 1].lower_ in _TRAILING_DROP or doc[end - 1].is_space):
        end -= 1
    if keep_the and start == span.start + 1 and span[0].text == "The":
        start -= not span[0].is_sent_start
    return start, end


_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep sep. sept sept. "
    "oct oct. nov nov. dec dec.".split()
)


def after_descriptions(doc: Doc, start: int, end: int, words: Lexicons) -> int:
    """Start a model name after describing nouns it swallowed at a sentence start
    ("Dissidents Ana Ruiz and ...", "Blogger Omar Haddad"); a name stays at least one word."""
    while end - start > 1 and doc[start].is_title and doc[start].lower_ in words.DESCRIPTION_NOUNS:
        start += 1
    return start


POSSESSIVE_MARKS = frozenset({"'s", "’s"})
"""A possessive ending that may stand inside a name or close one ('Supreme People's Court',
'Ana Ruiz's home')."""


def before_lower_case_words(doc: Doc, start: int, end: int) -> int:
    """Where a model name ends when lower-case words it swallowed close it ('Ruiz
    [later]', 'IRNA [news agency]'); at least one word stays, and a word attached to the
    one before it is part of the name ('Li Mei-ling')."""
    while (
        end - start > 1
        and doc[end - 1].is_lower
        and doc[end - 1].is_alpha
        and doc[end - 2].whitespace_
    ):
        end -= 1
    return end


NAME_BREAKING_PREPOSITIONS = frozenset({"to", "from", "in", "into", "at", "for", "with", "by"})
"""Prepositions that end a person's name the model ran on past ('Ana Ruiz to Lisbon')."""


def person_extent(doc: Doc, start: int, end: int, words: Lexicons) -> tuple[int, int]:
    """A model PERSON's bounds without a title before the name ('[Sergeant] Ana Ruiz',
    '[Mr.] Ana Ruiz', '[Ayatollah] Ali ...'), a possession after it ('Ana Ruiz[’s Oslo
    home]'), a place it ran on into ('Ana Ruiz [to Lisbon]': a lower-case preposition is
    no part of a name, unlike the particles of ``NAME_PARTICLES``) or a lower-case word it
    swallowed ('Ruiz [later]')."""
    for k in range(start + 1, end):
        if doc[k].lower_ in POSSESSIVE_MARKS or (
            doc[k].is_lower
            and doc[k].pos_ == "ADP"
            and doc[k].lower_ in NAME_BREAKING_PREPOSITIONS
            and doc[k].lower_ not in words.NAME_PARTICLES
        ):
            end = k
            break
    end = before_lower_case_words(doc, start, end)
    while (
        end - start > 1
        and doc[start].is_title
        and doc[start].lower_.rstrip(".") in words.HONORIFICS
        and doc[start + 1].is_title
    ):
        start += 1
    while (
        end - start > 1
        and doc[start].is_lower
        and doc[start].is_alpha
        and doc[start].whitespace_
        and doc[start].pos_ != "PROPN"
        and doc[start].lower_ not in words.NAME_PARTICLES
    ):
        start += 1  # '[oversaw] Keller's killing': a word the model ran the name back over
    return start, end


def with_day_before(doc: Doc, start: int) -> int:
    """Extend a date that starts with a month by the day number just before it.

    The small model sometimes tags only "March 2024" in "Published 12 March 2024".
    """
    if 0 < start < len(doc) and doc[start].lower_ in _MONTHS:
        day = doc[start - 1]
        if day.is_digit and 1 <= int(day.text) <= 31:
            return start - 1
    return start


SEASONS = frozenset({"summer", "winter", "spring", "autumn", "fall"})

WEEKDAYS = frozenset(calendar.day_name)
"""Day names: capitalised, but no name's or title's words ('Ana Ruiz Sunday said')."""


def date_parts(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Token bounds of the DATE spans in a model date (codebook, second set: a range is two
    DATE spans where both ends are written out, one span keyed to its start otherwise).

    'between 2014 and 2021' and '2014-2016' (a year on both sides) and 'between May 3 and
    May 9, 2021' (a month opening both sides) are two spans, without 'between' or 'from';
    'May 3-4, 2020' stays one, ended at its dash (:func:`before_dash`). A day name followed
    by its date in brackets or after a comma ('Sunday (June 16)') is two spans."""
    while end - start > 1 and doc[start].lower_ in ("between", "from"):
        start += 1
    if (
        end - start == 1
        and start > 0
        and doc[start].lower_ in SEASONS
        and doc[start - 1].lower_ in ("this", "last", "next", "past")
    ):
        start -= 1  # 'this summer's World Cup': the model leaves out 'this'

    day = next((i for i in range(start + 1, end) if doc[i].text in WEEKDAYS), None)
    if day is not None and all(
        doc[i].pos_ == "PROPN" and doc[i].lower_ not in _MONTHS for i in range(start, day)
    ):
        start = day  # 'Ana Ruiz Monday said': the name before the day is no part of it
    for i in range(start + 1, end - 1):
        # 'Sunday (June 16', 'last Monday, June 30': a day named and then its date, two
        # DATE spans (each a date of its own)
        if (
            doc[i].text in ("(", ",")
            and any(doc[k].text in WEEKDAYS for k in range(start, i))
            and doc[i + 1].lower_ in _MONTHS
        ):
            return [(start, i), (i + 1, before_dash(doc, i + 1, end))]
    for i in range(start + 1, end - 1):
        if doc[i].lower_ not in RANGE_JOINS:
            continue
        left, right = doc[start:i], doc[i + 1 : end]
        if (_has_year(left) and _has_year(right)) or (
            left[0].lower_ in _MONTHS and right[0].lower_ in _MONTHS
        ):
            return [(start, i), (i + 1, end)]
        break
    return [(start, before_dash(doc, start, end))]


def _has_year(tokens: Span) -> bool:
    return any(_YEAR.match(t.text) for t in tokens)


def before_dash(doc: Doc, start: int, end: int) -> int:
    """End a model date at a dash or semicolon inside it ("1996 - first in Belgium")."""
    for i in range(start + 1, end):
        if doc[i].text in ("-", "–", "—", ";"):
            return i
    return end


def with_approximator_before(doc: Doc, start: int, words: Lexicons) -> int:
    """Extend a count by an approximating word just before it ("some 60", "an estimated 900");
    not by a verb's particle ('handed over at least six dissidents')."""
    if start > 0 and doc[start - 1].lower_ in words.APPROXIMATORS and doc[start - 1].dep_ != "prt":
        start -= 1
        if doc[start].lower_ == "estimated" and start > 0 and doc[start - 1].lower_ == "an":
            start -= 1
    return start


def is_count(span: Span, words: Lexicons) -> bool:
    """True when a CARDINAL span reads as a count (not a year, percentage, age or list number)."""
    doc = span.doc
    text = span.text
    if _YEAR.match(text):
        return False
    if text.lower() == "one" and span.end < len(doc):
        following = doc[span.end]
        if following.lower_ == "of" or following.pos_ in ("NOUN", "PROPN", "ADJ"):
            return False
    if any(token.lower_ in words.NOT_COUNT_NEXT for token in span):
        return False
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if after in words.NOT_COUNT_NEXT or before in words.NOT_COUNT_PREV:
        return False
    if before == "[" and after == "]":
        return False  # a footnote mark ('States[3]')
    if before == "(" and after == ")" and span.start > 1 and doc[span.start - 2].pos_ == "PROPN":
        return False  # an age after a name ('Mr Vale (27) appeared ...')
    if after in (".", ")") and (
        span.start == 0 or "\n" in doc[span.start - 1].text_with_ws or doc[span.start - 1].is_space
    ):
        return False
    return True


NAME_LABELS = frozenset({"PERSON", "LOCATION"})


_CUT_TRAILING = frozenset(
    {"in", "of", "to", "from", "at", "on", "the", "a", "an", "'s", "’s", "and", "or"}
    # a form of address left before a name the normaliser read without it ('asked Mr')
    | {"mr", "mrs", "ms", "dr", "mr.", "mrs.", "ms.", "dr.", "miss", "prof", "prof."}
)


def _ends_by_start(names: Sequence[Span]) -> dict[int, list[int]]:
    """Token start -> the ends of the name spans that start there."""
    ends: dict[int, list[int]] = {}
    for name in names:
        ends.setdefault(name.start, []).append(name.end)
    return ends


def cut_before_names(method: Span, names: Sequence[Span] | dict[int, list[int]]) -> Span:
    """A METHOD span shortened to end before a person or place inside it.

    The codebook wants the shortest phrase naming the act, and names inside it are
    spans of their own: "coerce one of his friends to surrender Peng's contact
    information" becomes "coerce one of his friends to surrender" and Peng stays a
    PERSON. Trailing prepositions and determiners are dropped; a span that would
    become empty is kept whole. LEGAL_REF spans are never cut (the longer span wins).
    """
    if method.label_ != "METHOD":
        return method
    ends_by_start = names if isinstance(names, dict) else _ends_by_start(names)
    inside = [
        i
        for i in range(method.start + 1, method.end)
        if any(end <= method.end for end in ends_by_start.get(i, ()))
    ]
    if not inside:
        return method
    end = min(inside)
    doc = method.doc
    while end > method.start and (doc[end - 1].lower_ in _CUT_TRAILING or doc[end - 1].is_punct):
        end -= 1
    if end <= method.start:
        return method
    if all(t.pos_ in ("NOUN", "DET", "PRON") for t in doc[method.start : end]):
        # 'wife Ana were detained': the act is the verb after the name, not the noun
        after = max(ends_by_start[min(inside)])
        verb = next((t.i for t in doc[after : method.end] if t.pos_ == "VERB"), None)
        if verb is not None:
            return Span(doc, verb, method.end, label=method.label_, span_id=method.id_)
    return Span(doc, method.start, end, label=method.label_, span_id=method.id_)


def merge_spans(
    doc: Doc,
    rule_spans: Sequence[Span],
    model_spans: Sequence[Span],
    blocked: Sequence[tuple[int, int]] = (),
) -> list[Span]:
    """Merge rule and model spans into one non-overlapping list (see module docstring)."""
    tier1 = filter_spans([s for s in rule_spans if s.label_ in TIER1_LABELS])
    names = [s for s in [*rule_spans, *model_spans] if s.label_ in NAME_LABELS]
    ends_by_start = _ends_by_start(names)  # looked up per METHOD span, not scanned
    tier1 = [cut_before_names(span, ends_by_start) for span in tier1]
    taken = [False] * (len(doc) + 1)
    for span in tier1:
        for i in range(span.start, span.end):
            taken[i] = True
    blocked_tokens = set()
    for start, end in blocked:
        blocked_tokens.update(range(start, end))
    tier2_rules = [s for s in rule_spans if s.label_ not in TIER1_LABELS]
    named_at: dict[int, list[Span]] = {}  # token -> the rule names over it
    for rule in tier2_rules:
        if rule.label_ in ("ORG", "PERSON", "LOCATION"):
            for i in range(rule.start, rule.end):
                named_at.setdefault(i, []).append(rule)
    tier2_model = [
        s
        for s in model_spans
        if not any(i in blocked_tokens for i in range(s.start, s.end))
        and not any(
            _crosses(s, rule) for i in range(s.start, s.end) for rule in named_at.get(i, ())
        )
    ]
    candidates = sorted(
        [(s, 0) for s in tier2_rules] + [(s, 1) for s in tier2_model],
        key=lambda item: (-(item[0].end - item[0].start), item[1], item[0].start),
    )
    chosen = list(tier1)
    for span, _ in candidates:
        if any(taken[i] for i in range(span.start, span.end)):
            continue
        for i in range(span.start, span.end):
            taken[i] = True
        chosen.append(span)
    chosen.sort(key=lambda s: (s.start, s.end))
    return chosen


def _crosses(model: Span, rule: Span) -> bool:
    """Whether a model span overlaps a rule's name without holding it whole or lying inside
    it ('[RFE]/[RL's Baltic Service]' across the listed 'RFE/RL'), or holds it as the owner
    of what follows ('[RFE/RL's Baltic Service]'): the model cut the name in the wrong place,
    so it gives way to the rule."""
    overlap = model.start < rule.end and rule.start < model.end
    holds = model.start <= rule.start and rule.end <= model.end
    inside = rule.start <= model.start and model.end <= rule.end
    if holds and rule.end < model.end and model.doc[rule.end].lower_ in ("'s", "’s"):
        return True  # '[RFE/RL's Baltic Service]': the listed name owns what follows
    return overlap and not holds and not inside


def zone_filter(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of the article zones (title, headings, body)."""
    segments = doc.user_data.get(SEGMENTS_KEY)
    if segments is None:
        return [(0, len(doc.text))]
    return [(start, end) for kind, start, end in segments if kind in ARTICLE_ZONES]


def inside_ranges(ranges: Sequence[tuple[int, int]], starts: Sequence[int], span: Span) -> bool:
    """Whether ``span`` lies inside one of the sorted character ``ranges``."""
    index = bisect_left(starts, span.start_char + 1) - 1
    if index < 0:
        return False
    start, end = ranges[index]
    return start <= span.start_char and span.end_char <= end


def without_overlaps(spans: list[Span]) -> list[Span]:
    """``spans`` in text order, the longer of any two that overlap kept.

    Every step keeps spans apart, so this only guards the record: a step that let two
    names overlap would otherwise fail the whole document's validation."""
    ordered = sorted(spans, key=lambda s: (s.start, s.end))
    if all(a.end <= b.start for a, b in zip(ordered, ordered[1:], strict=False)):
        return ordered
    return sorted(filter_spans(ordered), key=lambda s: (s.start, s.end))


def compound_start(
    doc: Doc,
    start: int,
    heads: range,
    is_free: Callable[[int], bool],
    *,
    title: bool,
    stop: frozenset[str] = frozenset(),
    particles: bool = False,
) -> int:
    """Where a proper name starting at ``start`` really starts: walk left over untagged
    proper-noun compounds whose head lies in ``heads`` ('Ana' of 'Ana [Ruiz]'), title-case
    only when ``title``, never over a word of ``stop`` (titles, office nouns). With
    ``particles``, also over modifiers and a name's hyphens ('Red Bolivariana de [Apoyo]',
    'Dar al-[Amal]'), never starting on a hyphen."""
    deps = ("compound", "nmod", "punct") if particles else ("compound",)
    first = start
    while (
        start > 0
        and is_free(start - 1)
        and (doc[start - 1].pos_ == "PROPN" or (particles and doc[start - 1].text == "-"))
        and (doc[start - 1].is_title or not title)
        and doc[start - 1].dep_ in deps
        and doc[start - 1].head.i in heads
        and doc[start - 1].lower_ not in stop
    ):
        start -= 1
    while particles and start < first and doc[start].text == "-":
        start += 1
    return start


def tokens_with(doc: Doc, attr: int, words: Iterable[str]) -> list[int]:
    """Indices of the tokens whose ``attr`` (``LOWER``, ``LEMMA``, ``ORTH``) is one of
    ``words``, found on the Doc's array, so that a rule looking for a handful of words does
    not walk every token in Python."""
    if not len(doc):
        return []
    strings = doc.vocab.strings
    wanted = [strings.add(word) for word in words]
    column = doc.to_array(attr)
    return numpy.flatnonzero(numpy.isin(column, wanted)).tolist()


def after_a_persons_work(doc: Doc, start: int, words: Lexicons) -> bool:
    """'the broadcaster [Ana Ruiz]', 'a rights monitor, [Omar Said]': a noun of
    ``PERSON_OR_ORG_NOUNS`` right before the name (a comma between allowed)."""
    k = start - 1
    if k > 0 and doc[k].text == ",":
        k -= 1
    return k >= 0 and doc[k].lemma_.lower() in words.PERSON_OR_ORG_NOUNS


def home_after_an_age(span: Span) -> bool:
    """'Ana Ruiz, 52, of [Fort Lee]': a name after 'of' that follows a person's age set off by
    commas is where that person lives (the style of court and police releases)."""
    doc, k = span.doc, span.start
    return (
        k >= 4
        and doc[k - 1].lower_ == "of"
        and doc[k - 2].text == ","
        and doc[k - 3].like_num
        and len(doc[k - 3].text) <= 3
        and doc[k - 4].text == ","
    )


def before_a_lower_case_description(doc: Doc, start: int, end: int) -> int:
    """'the state-run [TASS news agency]': lower-case words closing a model ORG after a
    capitalised name describe it ('news agency', 'channel'); the name ends before them."""
    k = before_lower_case_words(doc, start, end)
    return k if any(t.is_title or t.is_upper for t in doc[start:k]) else end


def names_an_instrument(span: Span, words: Lexicons) -> bool:
    """Whether a model LAW entity holds an instrument word (``INSTRUMENT_WORDS``) or a
    number ('Article 38')."""
    return any(t.lower_ in words.INSTRUMENT_WORDS or t.like_num for t in span)


def lone_modifier(span: Span) -> bool:
    """'[Transnational] repression is not new': one word the tagger reads as an adjective,
    adverb or verb is no name, whatever the entity recogniser said. Nor are words without a
    capital letter ('pushed him into a [grey van]'): names have one, 'al-' or 'van' aside."""
    if not any(token.text[:1].isupper() for token in span):
        return True
    return len(span) == 1 and span[0].pos_ in ("ADJ", "ADV", "VERB") and span[0].tag_ != "NNP"


TITLE_CASE_PREPOSITIONS = frozenset(
    {"across", "against", "beyond", "for", "of", "over", "through", "under", "with", "without"}
)
"""English prepositions that, capitalised inside a name, make it an organisation's
('Freedom Beyond Borders', 'Lawyers Without Frontiers'); no person's name has one (the
particles of ``NAME_PARTICLES`` are others)."""


def has_a_title_case_preposition(span: Span) -> bool:
    """Whether a word after the first of a model name is a capitalised English preposition
    (context rule ``ORG.title_case_preposition`` relabels such a 'person')."""
    return any(t.is_title and t.lower_ in TITLE_CASE_PREPOSITIONS for t in span[1:])


def runs_into_a_name(doc: Doc, start: int, end: int) -> bool:
    """Whether a title-case proper noun stands right before or after the words (not before
    a sentence's first word): they are part of a longer name."""
    before = doc[start - 1] if start > 0 and not doc[start].is_sent_start else None
    after = doc[end] if end < len(doc) else None
    return any(
        t is not None and t.pos_ == "PROPN" and t.text[:1].isupper() for t in (before, after)
    )


def person_name_forms(spans: Iterable[Span]) -> dict[int, set[str]]:
    """Token index -> the lower-cased forms of the PERSON span covering it. A one-word
    mention that is a word of exactly one longer name in the document is that name too
    ('Chen' after 'Chen Weiming', where the family name comes first)."""
    people = [span for span in spans if span.label_ == "PERSON"]
    holders: dict[str, set[str]] = {}  # a name's word -> the longer names holding it
    for span in people:
        if len(span) > 1:
            for token in span:
                holders.setdefault(token.lower_, set()).add(span.text.lower())
    names: dict[int, set[str]] = {}
    for span in people:
        forms = {span.text.lower(), span[-1].lower_}
        whole = holders.get(span.text.lower(), set()) if len(span) == 1 else set()
        if len(whole) == 1:
            [name] = whole
            forms |= {name, name.rsplit(" ", 1)[-1]}
        for i in range(span.start, span.end):
            names[i] = forms
    return names


def with_names(spans: list[Span], names: list[Span]) -> list[Span]:
    """Add ``names``, cutting METHOD spans before a name inside them; a name that a METHOD
    span cannot be cut before (it starts there) is not added."""
    kept = list(names)
    result: list[Span] = []
    for span in spans:
        if span.label_ == "METHOD" and any(span.start < n.end and n.start < span.end for n in kept):
            span = cut_before_names(span, kept)
            kept = [n for n in kept if not (span.start < n.end and n.start < span.end)]
        result.append(span)
    return sorted([*result, *kept], key=lambda s: (s.start, s.end))
