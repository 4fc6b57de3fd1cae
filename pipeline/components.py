"""spaCy components: zone segmentation and rule tagging, registered as factories.

Two components are added to the statistical model's pipeline by :mod:`pipeline.nlp`:

``tnr_segmenter`` (first)
    Splits the text into zones with :func:`pipeline.segment.segment_text` (title,
    headings, body paragraphs, captions, boilerplate, references), stores them in
    ``doc.user_data["tnr_segments"]`` and marks the first token of every zone as a
    sentence start, so the parser never runs a sentence across a heading or paragraph.

``tnr_tagger`` (last)
    Matches the span rules of ``patterns/`` (METHOD, LEGAL_REF, LOCATION aliases, ORG and
    PERSON gazetteers, NOT_ENTITY blockers) and the cue rules, maps the model's entities
    onto the codebook labels, merges both by :func:`merge_spans` and writes the result to
    ``doc.spans["tnr"]`` (``span.label_`` = codebook label, ``span.id_`` = the rule id or
    ``model:<LABEL>``) and the cues to ``doc.spans["tnr_cues"]`` (``label_`` = cue kind).

Merge policy (implemented once, in :func:`merge_spans`):

1. Tier 1, METHOD and LEGAL_REF rule spans: the longest wins, ties go to the earlier
   start, then to the rule listed first. A METHOD span that holds a person or place
   (from a rule or the model) after its first word ends before it
   (:func:`cut_before_names`), so the name keeps its own span.
2. Tier 2, gazetteer rules and model entities (LOCATION, ORG, PERSON, DATE, QUANTITY,
   model LAW as LEGAL_REF): only where no tier-1 span overlaps; among them the longest
   wins and at equal length a rule beats the model.
3. Model entities overlapping a NOT_ENTITY rule are dropped; so are model places the
   normaliser does not know, counts that are not counts (years, percentages, ages,
   list numbers) and every span outside the article's zones (boilerplate, captions,
   references).

Model entities and rule matches are trimmed of a leading determiner, a trailing
possessive and punctuation before merging (codebook: spans exclude them), so a rule
may need "the" as context ("the mainland", "the West") without the span including it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from pipeline.patterns import DEFAULT_PATTERNS_DIR, CueRule, PatternSet, SpanRule, load_patterns

SPAN_KEY = "tnr"
"""``doc.spans`` key of the merged, labelled spans."""
CUE_KEY = "tnr_cues"
"""``doc.spans`` key of the cue matches (label = cue kind, id = rule id)."""
SEGMENTS_KEY = "tnr_segments"
"""``doc.user_data`` key of the zones: a list of ``(kind, start_char, end_char)``."""

ARTICLE_ZONES = frozenset({"title", "heading", "body"})
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
_NOT_COUNT_NEXT = frozenset(
    {"%", "percent", "per", "years", "year", "-year", "old", "km", "miles", "kilometres"}
)
_NOT_COUNT_PREV = frozenset(
    {"$", "€", "£", "¥", "us$", "aged", "age", "article", "section", "no", "no.", "number"}
)


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
      one small ``Matcher`` per such word, run only at tokens that are that word;
    * token patterns with a literal word elsewhere (shape rules ending in "Law",
      "Ministry"): one ``Matcher`` run on windows around those words;
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
        strings = nlp.vocab.strings
        starters: dict[int, tuple[Matcher, int]] = {}
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
                for word in first:
                    key = strings.add(word)
                    matcher, longest = starters.get(key) or (Matcher(nlp.vocab), 1)
                    matcher.add(rule.id, [_pin_first_word(pattern, word)], greedy="LONGEST")
                    starters[key] = (matcher, max(longest, length))
                continue
            words = pattern_triggers(pattern)
            if words is None:
                self._anywhere.add(rule.id, [pattern], greedy="LONGEST")
                continue
            self._windowed.add(rule.id, [pattern], greedy="LONGEST")
            for word in words:
                key = strings.add(word)
                reach[key] = max(reach.get(key, 1), length)
        self._starters = starters
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

    def __call__(self, doc: Doc) -> list[tuple[int, int, SpanRule | CueRule]]:
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
                matcher, length = self._starters[int(lowers[position])]
                for match_id, start, end in matcher(doc[position : min(n, position + length)]):
                    if start == 0:
                        found.append((position, position + end, rules[strings[match_id]]))
            if len(self._windowed):
                for w_start, w_end in self._windows(lowers, n):
                    for match_id, start, end in self._windowed(doc[w_start:w_end]):
                        found.append((w_start + start, w_start + end, rules[strings[match_id]]))
        found = list(
            {(start, end, rule.id): (start, end, rule) for start, end, rule in found}.values()
        )
        found.sort(key=lambda item: (item[0], -item[1], self._order[item[2].id]))
        return found


def sentence_spans(doc: Doc) -> list[Span]:
    """The parser's sentences as Spans, read from one array (``doc.sents`` first walks
    every token in Python to check the annotation is there)."""
    from spacy.attrs import SENT_START

    n = len(doc)
    if not n:
        return []
    starts = [i for i, v in enumerate(doc.to_array(SENT_START).astype("int64").tolist()) if v == 1]
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


def trim_entity(span: Span) -> tuple[int, int]:
    """Token bounds of ``span`` without a leading determiner, trailing possessive or punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in _LEADING_DROP:
        start += 1
    while end > start and (doc[end - 1].lower_ in _TRAILING_DROP or doc[end - 1].is_space):
        end -= 1
    return start, end


_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep sep. sept sept. "
    "oct oct. nov nov. dec dec.".split()
)


def _with_day_before(doc: Doc, start: int) -> int:
    """Extend a date that starts with a month by the day number just before it.

    The small model sometimes tags only "March 2024" in "Published 12 March 2024".
    """
    if 0 < start < len(doc) and doc[start].lower_ in _MONTHS:
        day = doc[start - 1]
        if day.is_digit and 1 <= int(day.text) <= 31:
            return start - 1
    return start


def _before_dash(doc: Doc, start: int, end: int) -> int:
    """End a model date at a dash or semicolon inside it ("1996 - first in Belgium")."""
    for i in range(start + 1, end):
        if doc[i].text in ("-", "–", "—", ";"):
            return i
    return end


APPROXIMATORS = frozenset(
    {
        "some",
        "about",
        "around",
        "nearly",
        "almost",
        "roughly",
        "approximately",
        "over",
        "estimated",
        "only",
        "just",
    }
)
"""Words before a number that belong to the count expression ("some 60")."""


def _with_approximator_before(doc: Doc, start: int) -> int:
    """Extend a count by an approximating word just before it ("some 60", "an estimated 900")."""
    if start > 0 and doc[start - 1].lower_ in APPROXIMATORS:
        start -= 1
        if doc[start].lower_ == "estimated" and start > 0 and doc[start - 1].lower_ == "an":
            start -= 1
    return start


def is_count(span: Span) -> bool:
    """True when a CARDINAL span reads as a count (not a year, percentage, age or list number)."""
    doc = span.doc
    text = span.text
    if _YEAR.match(text):
        return False
    if text.lower() == "one" and span.end < len(doc):
        following = doc[span.end]
        if following.lower_ == "of" or following.pos_ in ("NOUN", "PROPN", "ADJ"):
            return False
    if any(token.lower_ in _NOT_COUNT_NEXT for token in span):
        return False
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if after in _NOT_COUNT_NEXT or before in _NOT_COUNT_PREV:
        return False
    if after in (".", ")") and (
        span.start == 0 or "\n" in doc[span.start - 1].text_with_ws or doc[span.start - 1].is_space
    ):
        return False
    return True


NAME_LABELS = frozenset({"PERSON", "LOCATION"})
_CUT_TRAILING = frozenset(
    {"in", "of", "to", "from", "at", "on", "the", "a", "an", "'s", "’s", "and", "or"}
)


def cut_before_names(method: Span, names: Sequence[Span]) -> Span:
    """A METHOD span shortened to end before a person or place inside it.

    The codebook wants the shortest phrase naming the act, and names inside it are
    spans of their own: "coerce one of his friends to surrender Peng's contact
    information" becomes "coerce one of his friends to surrender" and Peng stays a
    PERSON. Trailing prepositions and determiners are dropped; a span that would
    become empty is kept whole. LEGAL_REF spans are never cut (the longer span wins).
    """
    if method.label_ != "METHOD":
        return method
    inside = [n.start for n in names if method.start < n.start and n.end <= method.end]
    if not inside:
        return method
    end = min(inside)
    doc = method.doc
    while end > method.start and (doc[end - 1].lower_ in _CUT_TRAILING or doc[end - 1].is_punct):
        end -= 1
    if end <= method.start:
        return method
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
    tier1 = [cut_before_names(span, names) for span in tier1]
    taken = [False] * (len(doc) + 1)
    for span in tier1:
        for i in range(span.start, span.end):
            taken[i] = True
    blocked_tokens = set()
    for start, end in blocked:
        blocked_tokens.update(range(start, end))
    tier2_rules = [s for s in rule_spans if s.label_ not in TIER1_LABELS]
    tier2_model = [
        s for s in model_spans if not any(i in blocked_tokens for i in range(s.start, s.end))
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


def _zone_filter(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of the article zones (title, headings, body)."""
    segments = doc.user_data.get(SEGMENTS_KEY)
    if segments is None:
        return [(0, len(doc.text))]
    return [(start, end) for kind, start, end in segments if kind in ARTICLE_ZONES]


def _inside(ranges: Sequence[tuple[int, int]], starts: Sequence[int], span: Span) -> bool:
    index = bisect_left(starts, span.start_char + 1) - 1
    if index < 0:
        return False
    start, end = ranges[index]
    return start <= span.start_char and span.end_char <= end


ALLEGED_CRIME_CUES: tuple[tuple[str, ...], ...] = (
    ("accused", "of"),
    ("charged", "with"),
    ("convicted", "of"),
    ("suspected", "of"),
    ("charges", "of"),
    ("guilty", "of"),
    ("suspicion", "of"),
    ("on", "charges", "of"),
)
"""Codebook hard case: a METHOD named as the target's alleged crime is not a METHOD."""


def _is_alleged_crime(span: Span) -> bool:
    """True when ``span`` directly follows an accusation cue and names no object.

    "accused of kidnapping" (the target's alleged crime) is dropped; "accused of
    abducting Trinh ..." or "accused of poisoning defectors" keeps its METHOD, since the
    act has an object: it is the perpetrator who is accused.
    """
    doc = span.doc
    before = tuple(t.lower_ for t in doc[max(0, span.start - 3) : span.start])
    if not any(before[-len(cue) :] == cue for cue in ALLEGED_CRIME_CUES):
        return False
    return not _has_object_after(span)


def _has_object_after(span: Span) -> bool:
    """Whether the words after ``span`` begin its object (a name, pronoun or noun phrase)."""
    doc = span.doc
    if span.end >= len(doc):
        return False
    following = doc[span.end]
    if following.is_title or following.lower_ in _OBJECT_PRONOUNS:
        return True
    return following.pos_ in _OBJECT_POS


_OBJECT_POS = frozenset({"NOUN", "PROPN", "PRON", "DET", "NUM", "ADJ"})
_OBJECT_PRONOUNS = frozenset({"him", "her", "them", "his", "their"})


PLACE_OVER_PERSON_POPULATION = 500_000
"""A one-word model PERSON naming a city at least this large is read as the city."""


class RuleTagger:
    """The ``tnr_tagger`` component (see module docstring)."""

    def __init__(self, nlp: Language, patterns: PatternSet, *, check_places: bool = True) -> None:
        self.patterns = patterns
        self.span_matcher = RuleMatcher(nlp, patterns.span_rules)
        self.cue_matcher = RuleMatcher(nlp, patterns.cue_rules)
        self.check_places = check_places
        self._parsed = nlp.has_pipe("parser")
        """Whether Docs arrive parsed (``doc.has_annotation`` walks every token to tell)."""
        self._tagged = nlp.has_pipe("tagger") or nlp.has_pipe("morphologizer")
        self._normaliser: Any = None
        if check_places:
            from pipeline.normalise import Normaliser

            location_rules = [r for r in patterns.span_rules if r.label == "LOCATION"]
            self._normaliser = Normaliser(location_rules)

    def rule_spans(self, doc: Doc) -> tuple[list[Span], list[tuple[int, int]]]:
        """Rule matches as labelled spans (id = rule id), and the NOT_ENTITY token ranges."""
        spans: list[Span] = []
        blocked: list[tuple[int, int]] = []
        for start, end, rule in self.span_matcher(doc):
            assert isinstance(rule, SpanRule)
            if rule.label == "NOT_ENTITY":
                blocked.append((start, end))
                continue
            start, end = trim_entity(doc[start:end])
            if start >= end:
                continue
            span = Span(doc, start, end, label=rule.label, span_id=rule.id)
            if rule.label == "METHOD" and _is_alleged_crime(span):
                continue
            spans.append(span)
        return drop_perpetrator_charges(spans), blocked

    def model_spans(self, doc: Doc) -> list[Span]:
        """The model's entities mapped onto codebook labels, trimmed and filtered."""
        spans: list[Span] = []
        for ent in doc.ents:
            label = MODEL_LABELS.get(ent.label_)
            if label is None:
                continue
            start, end = trim_entity(ent)
            if start >= end:
                continue
            if label == "DATE":
                start = _with_day_before(doc, start)
                end = _before_dash(doc, start, end)
            if label == "QUANTITY":
                start = _with_approximator_before(doc, start)
            span = Span(doc, start, end, label=label, span_id=f"model:{ent.label_}")
            if label == "QUANTITY" and not is_count(span):
                continue
            if label == "LOCATION" and self._normaliser is not None:
                if not self._normaliser.is_known_place(span.text):
                    continue
            if label == "PERSON" and self._is_big_place(span):
                span = Span(
                    doc,
                    start,
                    end,
                    label="LOCATION",
                    span_id=f"context:LOCATION.person_is_place<model:{ent.label_}",
                )
            spans.append(span)
        return spans

    def _is_big_place(self, span: Span) -> bool:
        """A one-word 'person' that is a country or a city of over
        :data:`PLACE_OVER_PERSON_POPULATION` people ("Berlin", "Rotterdam").

        The small model tags some capitals as PERSON; a name part of a person named in
        full elsewhere keeps PERSON (name propagation runs afterwards and wins ties).
        """
        if self._normaliser is None or len(span) != 1:
            return False
        return self._normaliser.is_known_place(
            span.text, min_city_population=PLACE_OVER_PERSON_POPULATION, subdivisions=False
        )

    def dateline_spans(self, doc: Doc) -> list[Span]:
        """An upper-case place opening a paragraph ("BERLIN (Reuters) -") as LOCATION."""
        if self._normaliser is None:
            return []
        spans = []
        for kind, start, _ in doc.user_data.get(SEGMENTS_KEY, []):
            if kind != "body":
                continue
            span = doc.char_span(start, start + 1, alignment_mode="expand")
            if span is None:
                continue
            i = span.start
            j = i
            while j < len(doc) and j - i < 3 and doc[j].is_upper and doc[j].is_alpha:
                j += 1
            if j == i or j >= len(doc) or doc[j].text not in _DATELINE_NEXT:
                continue
            if self._normaliser.is_known_place(doc[i:j].text.title()):
                spans.append(Span(doc, i, j, label="LOCATION", span_id="context:LOCATION.dateline"))
        return spans

    def __call__(self, doc: Doc) -> Doc:
        rule_spans, blocked = self.rule_spans(doc)
        model = self.model_spans(doc) + self.dateline_spans(doc)
        merged = merge_spans(doc, rule_spans, model, blocked)
        if self._tagged:
            merged = role_named_people(doc, merged)
        merged = propagate_names(doc, merged, tagged=self._tagged)
        if self._parsed:
            merged = recode_relative_reprisals(merged)
        ranges = _zone_filter(doc)
        starts = [start for start, _ in ranges]
        doc.spans[SPAN_KEY] = [s for s in merged if _inside(ranges, starts, s)]
        cues = []
        for start, end, rule in self.cue_matcher(doc):
            cue = Span(doc, start, end, label=rule.kind, span_id=rule.id)  # type: ignore[union-attr]
            if _inside(ranges, starts, cue):
                cues.append(cue)
        doc.spans[CUE_KEY] = cues
        return doc


ACCUSATION_RULES = frozenset(
    {"PROSECUTION.accused_of", "PROSECUTION.charged_with", "PROSECUTION.convicted"}
)
"""PROSECUTION rules that name a charge; what follows them says who is charged."""


def drop_perpetrator_charges(spans: list[Span]) -> list[Span]:
    """Drop an accusation whose charge is itself a coercive act against someone.

    "a man accused of helping to kidnap Thanh": the accused is the perpetrator, and
    acts against perpetrators are not METHODs (codebook), while the kidnapping is.
    An accusation followed within three tokens by another METHOD span, with no "and" or
    comma between (which would start a new act), is dropped.
    """
    methods = sorted(
        (s for s in spans if s.label_ == "METHOD" and s.id_ not in ACCUSATION_RULES),
        key=lambda s: s.start,
    )
    starts = [s.start for s in methods]
    kept = []
    for span in spans:
        if span.id_ in ACCUSATION_RULES:
            i = bisect_left(starts, span.end)
            if i < len(starts) and starts[i] - span.end <= 3:
                between = span.doc[span.end : starts[i]]
                if not any(t.lower_ in _LIST_BREAKS for t in between):
                    continue
        kept.append(span)
    return kept


_LIST_BREAKS = frozenset({"and", "or", ",", ";", ".", "but"})


RELATIVE_NOUNS = frozenset(
    {
        "family",
        "families",
        "relative",
        "relatives",
        "parent",
        "parents",
        "mother",
        "mothers",
        "father",
        "fathers",
        "brother",
        "brothers",
        "sister",
        "sisters",
        "sibling",
        "siblings",
        "wife",
        "wives",
        "husband",
        "husbands",
        "spouse",
        "spouses",
        "son",
        "sons",
        "daughter",
        "daughters",
        "child",
        "children",
        "cousin",
        "cousins",
        "uncle",
        "uncles",
        "aunt",
        "aunts",
        "nephew",
        "nephews",
        "niece",
        "nieces",
        "grandparents",
        "grandmother",
        "grandfather",
        "in-laws",
        "kin",
        "relations",
    }
)
"""Nouns for a target's relatives (codebook: RELATIVE_REPRISAL acts on them)."""

RECODE_TO_RELATIVE = frozenset({"DETENTION", "PROSECUTION"})
"""Codes that become RELATIVE_REPRISAL when the people acted on are relatives."""


def _is_relative(token: Token) -> bool:
    if token.lower_ in RELATIVE_NOUNS:
        return True
    return any(c.dep_ == "compound" and c.lower_ in RELATIVE_NOUNS for c in token.children)


def _patients(token: Token) -> list[Token]:
    """Who undergoes the act of ``token``: passive subjects, objects, 'of' phrases."""
    head = token
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    found = [c for t in (token, head) for c in t.children if c.dep_ in ("nsubjpass", "dobj")]
    for t in (token, head):
        for prep in t.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                found.extend(c for c in prep.children if c.dep_ == "pobj")
    return found


def recode_relative_reprisals(spans: list[Span]) -> list[Span]:
    """DETENTION or PROSECUTION of relatives is RELATIVE_REPRISAL (context rule).

    "Relatives of exiled activists have been detained": the patient of "detained" is
    a relative, so the span's code changes; its id becomes
    ``context:RELATIVE_REPRISAL.relative_patient<ORIGINAL_RULE_ID>``.
    """
    result = []
    for span in spans:
        code = span.id_.split(".", 1)[0]
        if (
            span.label_ == "METHOD"
            and code in RECODE_TO_RELATIVE
            and not span.id_.startswith("context:")
        ):
            if any(_is_relative(p) for p in _patients(span.root)):
                span = Span(
                    span.doc,
                    span.start,
                    span.end,
                    label="METHOD",
                    span_id=f"context:RELATIVE_REPRISAL.relative_patient<{span.id_}",
                )
        result.append(span)
    return result


_DATELINE_NEXT = frozenset({"(", "-", "–", "—", ","})
_NAME_PART = re.compile(r"^[A-Z][a-zà-ÿ'’-]+$")
_NOT_NAME_PART = frozenset(
    {"Mr", "Mrs", "Ms", "Dr", "Jr", "Sr", "The", "Al", "El", "De", "Van", "Von"}
)


def propagate_names(doc: Doc, spans: list[Span], *, tagged: bool | None = None) -> list[Span]:
    """Give every mention of a known person's name part the PERSON label.

    Parts of multi-word PERSON names found anywhere in the document ("Paul
    Rusesabagina", "Xu Zheng") are names wherever they stand alone: a model span of
    another label with exactly that text is relabelled, and an untagged token with that
    text tagged as a proper noun becomes a PERSON span ("Thai" in "Thai authorities" is
    an adjective and stays untagged although a "Duong Van Thai" is named). Both carry
    the context rule id
    ``PERSON.name_part`` in their provenance.
    """
    parts = {
        token.text
        for span in spans
        if span.label_ == "PERSON" and len(span) > 1
        for token in span
        if _NAME_PART.match(token.text) and token.text not in _NOT_NAME_PART
    }
    if not parts:
        return spans
    covered = [False] * len(doc)
    result: list[Span] = []
    for span in spans:
        if (
            span.label_ != "PERSON"
            and span.id_.startswith("model:")
            and len(span) == 1
            and span.text in parts
        ):
            span = Span(
                doc,
                span.start,
                span.end,
                label="PERSON",
                span_id=f"context:PERSON.name_part<{span.id_}",
            )
        for i in range(span.start, span.end):
            covered[i] = True
        result.append(span)
    from spacy.attrs import ORTH, POS
    from spacy.symbols import PROPN

    part_ids = {doc.vocab.strings[p] for p in parts}
    if tagged is None:
        tagged = doc.has_annotation("POS")
    columns = doc.to_array([ORTH, POS]).tolist()
    for i, (orth, pos) in enumerate(columns):
        if orth not in part_ids or covered[i]:
            continue
        if tagged and (pos != PROPN or _modifies_common_noun(doc[i])):
            continue
        result.append(Span(doc, i, i + 1, label="PERSON", span_id="context:PERSON.name_part"))
    result.sort(key=lambda s: (s.start, s.end))
    return _join_adjacent_names(result)


ROLE_NOUNS = frozenset(
    "journalist journalists activist activists dissident dissidents blogger bloggers educator "
    "teacher lawyer lawyers critic critics student students businessman businesswoman "
    "researcher scholar academic professor writer poet author artist musician singer "
    "filmmaker imam cleric monk pastor priest rapper youtuber commentator reporter editor "
    "defender politician leader exile refugee fugitive".split()
)
"""Nouns for people that, set against a proper name, mark it as a person's name."""


def role_named_people(doc: Doc, spans: list[Span]) -> list[Span]:
    """Untagged proper names next to a role noun become PERSON spans.

    "the activist Sok Dara" (role before) and "Orhan Inandi, a Turkish-Kyrgyz educator"
    (role in an apposition after) name people even where the small model tags nothing.
    The name is two to four proper-noun tokens, none covered by another span, or a
    model ORG span of proper nouns in that position (the small model often calls
    unfamiliar names organisations); the span carries the context rule
    ``PERSON.role_apposition``.
    """
    covered = [False] * len(doc)
    relabelled: list[Span] = []
    for span in spans:
        if (
            span.label_ == "ORG"
            and span.id_.startswith("model:")
            and len(span) >= 2
            and all(t.pos_ == "PROPN" for t in span)
            and (_role_before(doc, span.start) or _role_after(doc, span.end))
        ):
            span = Span(
                doc,
                span.start,
                span.end,
                label="PERSON",
                span_id=f"context:PERSON.role_apposition<{span.id_}",
            )
        relabelled.append(span)
        for i in range(span.start, span.end):
            covered[i] = True
    spans = relabelled
    from spacy.attrs import IS_TITLE, POS
    from spacy.symbols import PROPN

    found: list[Span] = []
    n = len(doc)
    proper = (
        [pos == PROPN and title == 1 for pos, title in doc.to_array([POS, IS_TITLE]).tolist()]
        if n
        else []
    )
    i = 0
    while i < n:
        j = i
        while j < n and j - i < 4 and not covered[j] and proper[j]:
            j += 1
        if j - i >= 2 and (_role_before(doc, i) or _role_after(doc, j)):
            found.append(Span(doc, i, j, label="PERSON", span_id="context:PERSON.role_apposition"))
            i = j
            continue
        i = max(j, i + 1)
    return sorted([*spans, *found], key=lambda s: (s.start, s.end))


def _role_before(doc: Doc, start: int) -> bool:
    return start > 0 and doc[start - 1].lower_ in ROLE_NOUNS


def _role_after(doc: Doc, end: int) -> bool:
    """ ", a (Turkish-Kyrgyz) educator": a comma, an article and a role noun within 5 tokens."""
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ not in ("a", "an", "the"):
        return False
    return any(t.lower_ in ROLE_NOUNS for t in doc[end + 2 : min(len(doc), end + 7)])


def _join_adjacent_names(spans: list[Span]) -> list[Span]:
    """Join a name part to a PERSON span it touches ("Xi" + "Jinping" is one name)."""
    joined: list[Span] = []
    for span in spans:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and span.label_ == previous.label_ == "PERSON"
            and previous.end == span.start
            and "PERSON.name_part" in previous.id_ + span.id_
        ):
            origin = previous.id_ if not previous.id_.startswith("context:") else span.id_
            span_id = (
                origin if origin.startswith("context:") else f"context:PERSON.name_part<{origin}"
            )
            joined[-1] = Span(span.doc, previous.start, span.end, label="PERSON", span_id=span_id)
            continue
        joined.append(span)
    return joined


def _modifies_common_noun(token: Token) -> bool:
    """A name-like word used as a modifier of a common noun ("Thai authorities")."""
    return token.dep_ in ("amod", "compound", "nmod") and token.head.pos_ == "NOUN"


class Segmenter:
    """The ``tnr_segmenter`` component (see module docstring)."""

    def __init__(self, patterns: PatternSet) -> None:
        self.zone_rules = patterns.zone_rules

    def __call__(self, doc: Doc) -> Doc:
        from pipeline.segment import segment_text

        segments = segment_text(doc.text, self.zone_rules)
        doc.user_data[SEGMENTS_KEY] = [(s.kind, s.start, s.end) for s in segments]
        if not len(doc):
            return doc
        from spacy.attrs import IDX

        token_starts = doc.to_array(IDX).tolist()
        for segment in segments:
            i = bisect_left(token_starts, segment.start)
            while i < len(doc) and doc[i].is_space:
                i += 1
            if i < len(doc) and doc[i].idx < segment.end:
                doc[i].is_sent_start = True
        return doc


def _patterns(patterns_dir: str | None) -> PatternSet:
    return load_patterns(patterns_dir or DEFAULT_PATTERNS_DIR)


@Language.factory("tnr_segmenter", default_config={"patterns_dir": None})
def make_segmenter(nlp: Language, name: str, patterns_dir: str | None) -> Segmenter:
    """Build the zone segmenter from ``patterns/zones.jsonl``."""
    return Segmenter(_patterns(patterns_dir))


@Language.factory("tnr_tagger", default_config={"patterns_dir": None, "check_places": True})
def make_tagger(
    nlp: Language, name: str, patterns_dir: str | None, check_places: bool
) -> RuleTagger:
    """Build the rule tagger from the span and cue rules of ``patterns/``."""
    return RuleTagger(nlp, _patterns(patterns_dir), check_places=check_places)
