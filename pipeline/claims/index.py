"""The sentence index of one document: token arrays, span lookups, sentences, memory.

Built once per document from the parsed Doc and the final span records; every later
pass (targets, attribution, type, modifiers) reads it instead of walking spaCy objects.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import DEP, HEAD, LEMMA, LOWER, POS, TAG
from spacy.tokens import Doc, Span, Token

from tnr_claims.claims.rules import CLAUSE_DEPS, SPEAKER_MEMORY_SENTENCES
from tnr_claims.codebook import legal_ref_key
from tnr_claims.nlp.spans import sentence_bounds, sentence_spans
from tnr_claims.records import Segment, SpanRecord, TargetDecision
from tnr_claims.rules.loader import Lexicons
from tnr_claims.rules.schemas import CueRule

PRONOUN_GENDERS = {
    "he": "m",
    "him": "m",
    "his": "m",
    "himself": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}
"""The gender a third-person pronoun asks of its antecedent."""


@dataclass
class SpanRef:
    """A SpanRecord with its token range and syntactic root."""

    record: SpanRecord
    start: int
    end: int
    root: int


@dataclass
class Sentence:
    """One sentence of the document with what the later passes need."""

    span: Span
    start_char: int
    end_char: int
    zone: str
    segment: int
    spans: list[SpanRef] = field(default_factory=list)
    cues: list[Span] = field(default_factory=list)
    starts_in_quote: bool = False
    ends_in_quote: bool = False
    quote_cue: Span | None = None
    has_quote: bool = False


@dataclass
class Analysis:
    """Per-sentence results before quotation sources are filled in."""

    sentence: Sentence
    index: int
    targets: list[str]
    source: str | None
    source_rule: str | None
    source_cue: Span | None
    claim_rule: str | None = None
    type_id: str = "TYPE.general_practice"
    claim_type: str = "pattern"
    hedge_cues: list[Span] = field(default_factory=list)
    negation_cues: list[Span] = field(default_factory=list)
    recommendation_cue: Span | None = None
    target_rules: list[TargetDecision] = field(default_factory=list)


@dataclass
class Memory:
    """Document-level memory carried from sentence to sentence."""

    last_target: str | None = None
    last_speaker: tuple[str, int] | None = None
    last_group: list[str] = field(default_factory=list)
    """The targets of the last claim that had more than one: 'the three' refers to them."""
    last_group_at: int = -1
    """The number of the sentence that set ``last_group``: 'their' refers to it only
    right after."""
    whole_group: list[str] = field(default_factory=list)
    """The group ``last_group`` is a part of, when a sentence named only some of a group
    ('A and B were each given ten years'): 'the defendants' after it are all of them."""

    def set_group(self, group: list[str], number: int) -> None:
        """Remember ``group`` as the last one named, and the whole it is a part of."""
        if not (self.whole_group and set(group) < set(self.whole_group)):
            self.whole_group = list(group)
        self.last_group, self.last_group_at = list(group), number

    def group_meant(self, index: DocIndex, i: int) -> list[str]:
        """The last group named, or the whole of it for a plural noun with no number ('the
        defendants' after 'A and B were each given ten years')."""
        counted = index.has_child(i, ("nummod",)) or index.pos[i] == "NUM"
        return self.last_group if counted or index.pos[i] != "NOUN" else self.whole_group

    last_subject: tuple[str, int] | None = None
    """The person who is the main clause's subject of a sentence that quotes no one ('A, 46,
    fled in 2014'), and its number: 'She told the paper ...' right after it is A, not
    whoever spoke before."""
    last_held: tuple[str, int] | None = None
    """The person who is the passive subject of the main clause of a sentence that quotes no
    one ('A, the father of B, was summoned'), and its number: 'He has not been charged'
    right after it is A, not B named inside A's description."""
    last_person: tuple[str, int] | None = None
    """The person named last, and the sentence number: 'He said' after a sentence naming
    no speaker."""
    unnamed_speaker_at: int | None = None
    """The number of the last sentence whose speaker is an unnamed person ('the judge said'):
    'he added' right after it is that person, not the last one named."""
    last_person_unquoted: tuple[str, int] | None = None
    """The person named last outside quotation marks: '"X and his regime ...," she wrote'
    is not X speaking."""
    verbless: set[int] = field(default_factory=set)
    """Numbers of the sentences without a verb ('March 2020:'), which pronouns look past."""
    last_method: int | None = None
    """The number of the last claim sentence with a METHOD: 'Among those affected are A
    and B' just after it lists its targets."""
    last_incident: int | None = None
    """The number of the last sentence typed incident: 'They were handed over' just after
    it is the same occasion."""
    last_org_speaker: tuple[str, int] | None = None
    speaking_group: tuple[list[str], int, frozenset[str]] | None = None
    """People named as speaking together ('three rapporteurs, A, B and C, wrote'), the
    sentence's number and the nouns that described them: 'the experts said' is the first."""
    """The organisation last named as a source, and the sentence number: 'it added'."""
    issuer: str | None = None
    """The organisation whose statement the document is: the first one named as a source
    in its opening sentences ('Exile Watch today condemned ...'); an unquoted 'the
    experts said' later is its voice."""
    authors: list[tuple[int, str]] = field(default_factory=list)
    org_sources: Counter[str] = field(default_factory=Counter)
    officials: set[str] = field(default_factory=set)
    known_targets: set[str] = field(default_factory=set)
    relative_of: dict[str, str] = field(default_factory=dict)
    """Name set after a family noun -> the one whose relative that is ('his mother, A')."""
    spouse_of: dict[str, str] = field(default_factory=dict)
    """Name set after a spouse noun -> whose spouse ('his wife, A'), kept apart: a spouse is
    no lever on the other (both are often abroad), yet 'her husband' is that other."""
    mentions: Any = None
    """The document's mention sets (:class:`tnr_claims.claims.mentions.Mentions`)."""
    transcript: Any = None
    """The speaker labels when the document is a transcript
    (:class:`tnr_claims.claims.transcripts.Transcript`), else None."""

    def recent_person(self, number: int) -> str | None:
        """The person named in the sentence just before, when no target is known yet ('When
        Ana Ruiz left in 2017, she thought her family was safe. Within a year, two of her
        brothers had been arrested'); verbless lines between do not count ('2018: Ana Ruiz
        flees. | March 2020: | Her mother is detained')."""
        recent = self.last_person
        if recent is None or recent[1] >= number:
            return None
        if any(k not in self.verbless for k in range(recent[1] + 1, number)):
            return None  # only a verbless line ('March 2020:') may stand between
        return recent[0]

    def recent_of_told_gender(self, pronoun: str, number: int) -> str | None:
        """The person named just before, over the last target, when the document tells that
        person's gender and it fits the subject ``pronoun`` while it tells nothing of the
        target's ('took her brother, Firdavs ... He was held': the brother, not the sister
        the story is about)."""
        if pronoun not in ("he", "she"):
            return None  # 'took his brother, B. ... pressured his mother': still A's mother
        recent, target = self.recent_person(number), self.last_target
        genders = self.mentions.genders if self.mentions is not None else {}
        wanted = PRONOUN_GENDERS.get(pronoun)
        if recent is None or target is None or recent == target or target in genders:
            return None
        return recent if wanted is not None and genders.get(recent) == wanted else None

    def recent_speaker(
        self, number: int, *, after_quote: bool = False, fits: Callable[[str], bool] | None = None
    ) -> str | None:
        """Who 'he said' in sentence ``number`` stands for when the sentence names no one:
        the person who spoke last, else the person named last, within
        ``SPEAKER_MEMORY_SENTENCES``; ``after_quote``, the last named outside quotations
        (a quotation's speaker is rarely named in it). With ``fits`` (the pronoun's
        gender), one who does not fit is passed over ('A says he ... . B, a colleague, ...
        . She says': B)."""
        person = self.last_person_unquoted if after_quote else self.last_person
        subject = self.last_subject
        if (
            subject is not None
            and subject[1] == number - 1
            and (self.last_speaker is None or self.last_speaker[1] < subject[1])
            and (fits is None or fits(subject[0]))
        ):
            return subject[0]  # 'A, 46, fled in 2014. She told the paper ...': A
        for recent in (self.last_speaker, person):
            if (
                recent
                and 0 < number - recent[1] <= SPEAKER_MEMORY_SENTENCES
                and (fits is None or fits(recent[0]))
            ):
                return recent[0]
        return None


ACCOUNTABLE_WORDS = frozenset({"accountable", "responsible", "liable", "culpable"})
"""What someone 'held' is when the verb judges rather than detains ('held responsible')."""


class DocIndex:
    """Per-document token arrays and span lookups, built once."""

    def __init__(
        self, doc: Doc, spans: Sequence[SpanRecord], words: Lexicons, *, text: str | None = None
    ) -> None:
        self.doc = doc
        self.words = words
        """The named word lists of ``patterns/lexicons.jsonl`` the claim rules read."""
        self.text = doc.text if text is None else text
        n = len(doc)
        columns = doc.to_array([LOWER, LEMMA, POS, TAG, DEP, HEAD]) if n else None
        strings = doc.vocab.strings
        names: dict[int, str] = {}

        def name(key: int) -> str:
            if key not in names:
                names[key] = strings[key]
            return names[key]

        if columns is None:
            self.lower = self.lemma = self.pos = self.tag = self.dep = []
            self.head: list[int] = []
        else:
            self.lower = [name(k) for k in columns[:, 0].tolist()]
            self.lemma = [name(k).lower() for k in columns[:, 1].tolist()]
            self.pos = [name(k) for k in columns[:, 2].tolist()]
            self.tag = [name(k) for k in columns[:, 3].tolist()]
            self.dep = [name(k) for k in columns[:, 4].tolist()]
            self.head = [i + rel for i, rel in enumerate(columns[:, 5].astype("int64").tolist())]
        self.span_at: list[int] = [-1] * n
        self.spans: list[SpanRef] = []
        for record in sorted(spans, key=lambda s: (s.start, s.end)):
            char_span = doc.char_span(record.start, record.end, alignment_mode="expand")
            if char_span is None or not len(char_span):
                continue
            ref = SpanRef(record, char_span.start, char_span.end, char_span.root.i)
            index = len(self.spans)
            self.spans.append(ref)
            for i in range(char_span.start, char_span.end):
                if self.span_at[i] < 0:
                    self.span_at[i] = index
        self.method_tokens: set[int] = {
            i
            for ref in self.spans
            if ref.record.label == "METHOD"
            for i in range(ref.start, ref.end)
        }

    def ref(self, i: int) -> SpanRef | None:
        """The span covering token ``i``, if any."""
        index = self.span_at[i]
        return self.spans[index] if index >= 0 else None

    def named(self, i: int, labels: tuple[str, ...] = ("ORG", "PERSON")) -> SpanRef | None:
        """The ORG/PERSON span covering token ``i``, if any."""
        ref = self.ref(i)
        if ref is not None and ref.record.label in labels and ref.record.name:
            return ref
        return None

    def children(self, i: int) -> Iterable[Token]:
        """The syntactic children of token ``i``."""
        return self.doc[i].children

    def has_child(self, i: int, deps: Iterable[str]) -> bool:
        """Whether token ``i`` has a child with one of the dependency labels ``deps``."""
        wanted = set(deps)
        return any(child.dep_ in wanted for child in self.doc[i].children)

    def is_passive(self, i: int) -> bool:
        """True when verb ``i`` is passive (auxpass or nsubjpass child)."""
        return self.has_child(i, ("auxpass", "nsubjpass"))

    def is_event(self, i: int) -> bool:
        """True when token ``i`` names an act: inside a METHOD span or an event verb."""
        if i in self.method_tokens:
            return True
        lemma = self.lemma[i]
        if self.pos[i] in ("VERB", "AUX") or self.tag[i].startswith("VB"):
            if lemma in self.words.EVENT_VERBS:
                return True
            if lemma in self.words.PASSIVE_MOVE_VERBS and self.is_passive(i):
                return not self._held_to_account(i)
        return False

    def _held_to_account(self, i: int) -> bool:
        """'nobody is held to account', 'was held responsible': a judgement, no custody."""
        return any(
            (
                c.dep_ == "prep"
                and c.lower_ == "to"
                and any(g.lower_ == "account" for g in c.children)
            )
            or (c.dep_ in ("acomp", "oprd", "xcomp") and c.lower_ in ACCOUNTABLE_WORDS)
            for c in self.children(i)
        )

    def clause_head(self, i: int) -> int:
        """The verb heading the clause of token ``i`` (the sentence root at worst)."""
        j = i
        for _ in range(64):
            if (self.pos[j] in ("VERB", "AUX") and self.dep[j] in CLAUSE_DEPS) or self.head[j] == j:
                return j
            j = self.head[j]
        return j

    def embedding(self, i: int) -> str | None:
        """How the clause of token ``i`` is embedded: relative, concessive, conditional,
        adverbial, participial (an unmarked '-ed'/'-ing' adverbial clause, which still
        carries the sentence's claim: '..., accused of helping to kidnap him'), or ``None``
        for the main clause and complement clauses."""
        j = self.clause_head(i)
        for _ in range(64):
            dep = self.dep[j]
            if dep == "acl" and self._main_verb_read_as_a_modifier(j):
                return None
            if dep in ("relcl", "acl"):
                return "relative"
            if dep == "advcl":
                marks = {c.lower_ for c in self.doc[j].children if c.dep_ == "mark"}
                if marks & self.words.CONCESSIVE_MARKS:
                    return "concessive"
                if marks & self.words.CONDITIONAL_MARKS:
                    return "conditional"
                if not marks and self.tag[j] in ("VBN", "VBG"):
                    return "participial"
                return "adverbial"
            if self.head[j] == j:
                return None
            j = self.clause_head(self.head[j])
        return None

    def _main_verb_read_as_a_modifier(self, verb: int) -> bool:
        """'The group, Exile Watch and four others called on Thailand to ...' parsed with
        a noun as the root and the verb as its modifier: the sentence has no verb of its
        own above the noun phrase (reached only through apposition and coordination), so
        the verb is the main one."""
        k = self.head[verb]
        for _ in range(8):
            if self.dep[k] not in ("conj", "appos") or self.head[k] == k:
                break
            k = self.head[k]
        return self.dep[k] == "ROOT" and self.pos[k] in ("NOUN", "PROPN") and k < verb

    def in_relcl(self, i: int) -> bool:
        """True when token ``i`` lies inside a finite relative clause ('who denied the claims')."""
        j = i
        for _ in range(64):
            if self.dep[j] == "relcl":
                return True
            if self.head[j] == j:
                return False
            j = self.head[j]
        return False

    def depth(self, i: int) -> int:
        """Steps from token ``i`` up to its sentence root (at most 64)."""
        d = 0
        j = i
        while self.head[j] != j and d < 64:
            j = self.head[j]
            d += 1
        return d


OPENING_QUOTES = frozenset({"“", "‘", "«"})
CLOSING_QUOTES = frozenset({"”", "’", "»"})


def inside_quotation(index: DocIndex, sentence: Sentence, i: int) -> bool:
    """Whether token ``i`` stands between quotation marks (the sentence may open inside a
    quotation that began before it)."""
    inside = sentence.starts_in_quote
    for j in range(sentence.span.start, i):
        word = index.lower[j]
        if word in OPENING_QUOTES:
            inside = True
        elif word in CLOSING_QUOTES:
            inside = False
        elif word == '"':
            inside = not inside
    return inside


_ITEM_MARKER = re.compile(
    r"(?:[-*+•‣◦▪–·]|\(?\d{1,3}[.)]|\(?[a-z]\)|\([A-Z]\)|[AQ]:|\d{1,2}:\d{2}(?::\d{2})?[ \t]+[-–—])"
    r"[ \t]+"
)
"""What opens a list item, an interview turn or a timestamped entry ('- ', '3. ', '(b) ',
'A: ', '12:40 – '): it is no part of the sentence a claim quotes. A capital and a full stop
('A. Haddad') is an initial."""


def claim_start(text: str, start: int, end: int) -> int:
    """Where the claim of the sentence at ``start``-``end`` begins: after a list marker or
    an interview turn's letter, when words follow it."""
    marker = _ITEM_MARKER.match(text, start, end)
    return marker.end() if marker is not None and marker.end() < end else start


def index_sentences(  # noqa: C901
    doc: Doc,
    index: DocIndex,
    segments: Sequence[Segment],
    cues: Sequence[Span],
    rules_by_id: dict[str, CueRule],
) -> list[Sentence]:
    """Article sentences with their zone, spans, cues and quotation state."""
    text = index.text
    ordered = sorted(segments, key=lambda s: s.start)
    starts = [s.start for s in ordered]
    quote_roles = _quote_roles(rules_by_id.values())
    result: list[Sentence] = []
    span_i = 0
    cue_i = 0
    in_quote = False
    last_segment = -2
    for sent in sentence_spans(doc):
        start, end = sentence_bounds(text, sent)
        if end <= start:
            continue
        if ordered:
            seg = bisect_right(starts, start) - 1
            if seg < 0 or start >= ordered[seg].end:
                continue
            zone = ordered[seg].kind
        else:
            seg, zone = -1, "body"
        sentence = Sentence(sent, start, end, zone, seg)
        while span_i < len(index.spans) and index.spans[span_i].start < sent.start:
            span_i += 1
        j = span_i
        while j < len(index.spans) and index.spans[j].start < sent.end:
            sentence.spans.append(index.spans[j])
            j += 1
        while cue_i < len(cues) and cues[cue_i].start < sent.start:
            cue_i += 1
        j = cue_i
        while j < len(cues) and cues[j].start < sent.end:
            if cues[j].end <= sent.end:
                sentence.cues.append(cues[j])
            j += 1
        if seg != last_segment:
            in_quote = False
            last_segment = seg
        sentence.starts_in_quote = in_quote
        for cue in sentence.cues:
            role = quote_roles.get(cue.id_)
            if role is None:
                continue
            sentence.has_quote = True
            if sentence.quote_cue is None:
                sentence.quote_cue = cue
            if role == "forward":
                in_quote = True
            elif role == "backward":
                in_quote = False
            else:
                in_quote = not in_quote
        sentence.ends_in_quote = in_quote
        result.append(sentence)
    return result


def _quote_roles(rules: Iterable[CueRule]) -> dict[str, str]:
    """Quote rule id -> ``forward`` (opens), ``backward`` (closes) or ``both`` (toggles)."""
    return {rule.id: rule.direction for rule in rules if rule.kind == "quote"}


def label_of(sentence: Sentence, name: str) -> str | None:
    """The label (PERSON, ORG) of the span named ``name`` in ``sentence``, if any."""
    for ref in sentence.spans:
        if ref.record.name == name:
            return ref.record.label
    return None


def field_values(sentence: Sentence) -> dict[str, list]:
    """The set-valued claim fields from the spans inside the sentence."""
    methods, locations, legal, dates, quantities = set(), set(), set(), set(), set()
    for ref in sentence.spans:
        r = ref.record
        if r.label == "METHOD" and r.code:
            methods.add(r.code)
        elif r.label == "LOCATION" and r.code:
            locations.add(r.code)
        elif r.label == "LEGAL_REF" and r.instrument:
            legal.add(legal_ref_key(r.instrument, r.article))
        elif r.label == "DATE" and r.value is not None:
            dates.add(str(r.value))
        elif r.label == "QUANTITY" and isinstance(r.value, int):
            quantities.add(r.value)
    return {
        "methods": sorted(methods),
        "locations": sorted(locations),
        "legal_refs": sorted(legal),
        "dates": sorted(dates),
        "quantities": sorted(quantities),
    }
