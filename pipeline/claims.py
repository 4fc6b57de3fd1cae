"""Claims: one claim record per qualifying body sentence.

This stage reads a processed spaCy ``Doc`` (parse, sentences, cue matches) together with
the document's final, normalised :class:`~pipeline.records.SpanRecord` values and turns
every qualifying sentence of a ``body`` zone into a :class:`~pipeline.records.ClaimRecord`
(codebook section 3). Every decision is an ordered rule with an id, and the ids end up in
the record's :class:`~pipeline.records.ClaimProvenance`.

The cue lexicon (hedges, negations, attributions, recommendations, scope terminators and
quotation marks) is rule data in ``patterns/cues.jsonl`` in the medspaCy ConText shape:
a cue, a direction, a scope in tokens (0: to the clause or sentence boundary). The
tagger writes its matches to ``doc.spans["tnr_cues"]``; when a Doc was not run through
the tagger (unit tests on the bare model) the tagger's ``RuleMatcher`` matches the same rules.

What this module decides, in order, per sentence
    1. **Zone**: only sentences whose start lies in a ``body`` zone (all sentences when a
       Doc has no zones).
    2. **Fields** (codebook section 3): METHOD codes, LOCATION codes (nulls dropped),
       ``instrument#article`` keys, DATE values, non-null QUANTITY values, as sorted sets.
    3. **Targets** (:data:`TARGET_RULES`): named PERSON spans and resolved pronouns that
       are patients of the act; speakers, officials, agents and possessors of unrelated
       things are excluded.
    4. **Source** (:data:`SOURCE_RULES`): the named ORG/PERSON the claim is attributed to.
    5. **Qualifies** (:data:`CLAIM_RULES`): whether the sentence is a claim at all.
    6. **Type** (:data:`TYPE_RULES`), **hedged** and **negated** (cue scopes).

Provenance: ``ClaimProvenance.type_rule`` holds ``"<TYPE rule id>;<CLAIM rule id>"`` (why
this type; why a claim at all), ``source_rule`` a :data:`SOURCE_RULES` id, ``cues`` every cue
that decided source, call for action, hedge or negation.

Document-level memory (in sentence order): the last named target (for ``he``/``his``),
the last named speaker (for ``he said``), the authors of reports named so far (for
``the report says``), how often each ORG was a source, and open quotations (a quotation
continued across sentences keeps its speaker).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.attrs import DEP, HEAD, LEMMA, LOWER, POS, TAG
from spacy.tokens import Doc, Span, Token

from pipeline.codebook import legal_ref_key
from pipeline.components import CUE_KEY, RuleMatcher, sentence_bounds, sentence_spans
from pipeline.patterns import DEFAULT_PATTERNS_DIR, CueRule, load_file
from pipeline.records import ClaimProvenance, ClaimRecord, Cue, Segment, SpanRecord

CLAIM_ZONES = frozenset({"body"})
"""Zones whose sentences may be claims (title, headings, boilerplate, references never)."""

# --------------------------------------------------------------------------- rule tables

CLAIM_RULES: tuple[tuple[str, str], ...] = (
    ("CLAIM.method", "a METHOD span in the sentence: 'Agents abducted the activist.'"),
    (
        "CLAIM.count",
        "a QUANTITY with an operation/target noun, a METHOD or an event verb: "
        "'Police returned 40 students.'",
    ),
    (
        "CLAIM.legal_provision",
        "a LEGAL_REF with a provision verb: 'Article 9 of the Security "
        "Law allows police to hold suspects.'",
    ),
    ("CLAIM.named_target", "a named target of an act: 'Ana Lopes was taken to the airport.'"),
    ("CLAIM.recommendation", "a call for action: 'The group urges governments to act.'"),
    ("CLAIM.event_verb", "an event verb on people: 'Students are being targeted, he said.'"),
    (
        "CLAIM.attributed_practice",
        "a named source on the practice: 'Rights Watch says these operations are growing.'",
    ),
)
"""Why a sentence is a claim: the first rule that fires (recorded after the type rule)."""

TYPE_RULES: tuple[tuple[str, str, str], ...] = (
    (
        "TYPE.recommendation_cue",
        "recommendation",
        "a recommendation cue in the main clause: 'Amnesty urges Laos to halt the deportation.'",
    ),
    (
        "TYPE.named_target_event",
        "incident",
        "the sentence has named targets: 'Ana Lopes was detained in Bangkok in 2019.'",
    ),
    (
        "TYPE.legal_provision",
        "legal",
        "a LEGAL_REF (or a legal noun as subject) with a provision verb: 'Article 9 of the "
        "Security Law allows agents to detain suspects abroad.'",
    ),
    (
        "TYPE.dated_event",
        "incident",
        "a past act anchored to a day or month (or to a year with no count): 'Police "
        "detained at least 30 students on Tuesday.'",
    ),
    (
        "TYPE.single_person_event",
        "incident",
        "a past act by or on one unnamed individual: 'A blogger was abducted outside his flat.'",
    ),
    (
        "TYPE.count",
        "statistic",
        "a non-null QUANTITY about operations or targets: 'The report lists 18 abductions.'",
    ),
    (
        "TYPE.general_practice",
        "pattern",
        "anything else: 'Agents often pressure relatives to persuade targets to return.'",
    ),
)
"""Claim type: the first rule that fires, ``(id, type, example)``."""

SOURCE_RULES: tuple[tuple[str, str], ...] = (
    (
        "reporting_verb",
        "named nsubj (or appos/possessor/'by' phrase) of a reporting verb: 'Rights Watch said ...'",
    ),
    ("recommendation_verb", "named subject of a recommendation verb: 'The group urges ...'"),
    ("passive_agent", "named agent of a passive reporting verb: 'it was reported by X'"),
    ("according_to", "'according to X'"),
    ("colon", "'X: ...' at the start of the sentence"),
    ("report_author", "'the report/study/organisation/it says': the document's report author"),
    ("pronoun_speaker", "'he/she said': the last named speaker within three sentences"),
    ("quote_continued", "inside a quotation whose speaker was named in an earlier sentence"),
    ("quote_attributed_after", "inside a quotation attributed when it closes: '“A. B,” X said.'"),
    ("quote_same_speaker", "an unattributed quotation right after an attributed one"),
    ("unnamed_speaker", "an attribution cue whose speaker is unnamed: 'police said' -> None"),
)
"""How ``source`` was found (``ClaimProvenance.source_rule``); the first three compete by depth."""

TARGET_RULES: tuple[tuple[str, str], ...] = (
    ("TARGET.passive_subject", "'X was abducted', 'X was taken back'"),
    ("TARGET.object", "'agents kidnapped X', 'helped in abducting X'"),
    ("TARGET.prep_object", "'the arrest of X', 'a red notice against X', 'the case of X'"),
    ("TARGET.return_subject", "'X returned to China', 'X disappeared'"),
    ("TARGET.subject_of_passive_clause", "'X appeared in court after being detained'"),
    ("TARGET.relative_clause", "'X, who was abducted in 2019, ...'"),
    ("TARGET.possessed_event", "'his arrest', 'X's extradition'"),
    ("TARGET.possessed_lever", "'his family' with a METHOD in the sentence"),
    ("TARGET.coordinated", "'X, his wife, Y, and their friend, Z, were abducted'"),
    ("TARGET.incident_person", "the only other named person of an incident sentence"),
)
"""Why a person is a target (checked after the exclusions: speaker, agent, official, possessor)."""

# --------------------------------------------------------------------------- lexicons

EVENT_VERBS: frozenset[str] = frozenset(
    "abduct kidnap seize snatch capture arrest detain jail imprison sentence convict charge "
    "prosecute indict extradite deport expel repatriate render return smuggle lure release "
    "free disappear vanish target harass threaten intimidate monitor surveil track spy hack "
    "attack assault beat kill murder assassinate poison torture interrogate question summon "
    "raid freeze confiscate coerce persuade blackmail extort force pressure".split()
)
"""Verb lemmas of acts against people (key tokens for negation, signals for incidents)."""

PASSIVE_MOVE_VERBS: frozenset[str] = frozenset(
    "take bring send fly hand transfer hold move ship drive escort".split()
)
"""Neutral verbs that describe an act on the person only in the passive ('was taken')."""

RETURN_VERBS: frozenset[str] = frozenset(
    "return disappear vanish reappear surrender flee resurface die".split()
)
"""Intransitive verbs whose subject is the person the act is about ('X returned')."""

EVENT_NOUNS: frozenset[str] = frozenset(
    "arrest detention abduction kidnapping disappearance extradition deportation return "
    "repatriation rendition trial sentence sentencing conviction release case example "
    "capture seizure surveillance harassment prosecution imprisonment jailing killing "
    "assassination murder death treatment persecution targeting transfer handover removal "
    "expulsion notice request warrant charge charges story plight fate whereabouts".split()
)
"""Nouns whose 'of X' / possessor names the person the act is aimed at."""

LEVER_NOUNS: frozenset[str] = frozenset(
    "family relative parent mother father wife husband son daughter child brother sister "
    "sibling friend girlfriend boyfriend partner fiancée fiance cousin uncle aunt grandmother "
    "grandfather niece nephew landlord employer asset account property home house passport "
    "phone contact detail information address business colleague lawyer".split()
)
"""Possessed nouns that make the possessor the target when the sentence has a METHOD."""

ROLE_NOUNS: frozenset[str] = frozenset(
    "president premier chancellor king queen prince ruler dictator leader minister secretary "
    "official officer policeman policewoman police agent spy judge prosecutor attorney "
    "spokesperson spokesman spokeswoman ambassador diplomat envoy consul director chief head "
    "commander governor mayor chairman chairwoman chair general colonel inspector investigator "
    "researcher analyst expert author reporter correspondent editor founder senator lawmaker "
    "mp deputy commissioner superintendent representative advocate".split()
)
"""Role nouns of officials, perpetrators and commentators: a name next to one is no target."""

FORMER_WORDS: frozenset[str] = frozenset({"former", "ex", "ex-", "retired", "onetime", "one-time"})
"""A former official ('a former company official, X') is no longer excluded as one."""

REPORT_NOUNS: frozenset[str] = frozenset(
    "report research study investigation analysis survey paper document briefing review "
    "finding findings author authors researcher researchers organisation organization group "
    "ngo publication dossier database".split()
)
"""Subjects that stand for the document's report author ('the report says')."""

PUBLISH_WORDS: frozenset[str] = frozenset(
    "published publishes publish released releases issued issues produced compiled authored "
    "wrote written".split()
)
"""Verbs that name an ORG as a report's author ('X, which published ...')."""

LEGAL_VERBS: frozenset[str] = frozenset(
    "allow permit require stipulate provide authorise authorize list prohibit ban forbid "
    "criminalise criminalize empower grant define enable oblige mandate give codify say state "
    "specify establish entitle bar".split()
)
"""Verbs of what an instrument says or allows."""

LEGAL_NOUNS: frozenset[str] = frozenset(
    "law codification legislation statute provision article treaty convention regulation "
    "clause code decree act".split()
)
"""Subjects that make a provision verb legal even without a LEGAL_REF span."""

COUNT_NOUNS: frozenset[str] = frozenset(
    "people person individual dissident activist critic journalist student fugitive suspect "
    "target victim family relative member national citizen refugee seeker exile official "
    "case operation incident attempt instance request notice country nation state station "
    "office centre center group team agent kidnapping abduction arrest return deportation "
    "extradition worker defender lawyer man woman child uyghur uighur tibetan".split()
)
"""Nouns a QUANTITY may count for the sentence to be a claim about operations or targets."""

PRACTICE_NOUNS: frozenset[str] = frozenset(
    "operation practice tactic method campaign scheme crackdown repression programme "
    "program".split()
)
"""Nouns for the practice itself: with a named source they make a claim without a METHOD span."""

PERSON_NOUNS: frozenset[str] = frozenset(
    "man woman person defendant suspect student activist journalist dissident blogger critic "
    "businessman businesswoman executive lawyer exile refugee national citizen official "
    "teenager son daughter wife husband father mother brother sister victim accused "
    "individual monk imam writer poet artist scholar academic researcher".split()
)
"""Singular nouns for one individual: with a past act, the sentence is about one incident."""

TIME_WORDS: frozenset[str] = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday yesterday today tonight".split()
)
"""Day-level time anchors of a specific event (besides DATE spans precise to the month)."""

CONCESSIVE_MARKS: frozenset[str] = frozenset(
    {"while", "although", "though", "whereas", "whilst", "even"}
)
CONDITIONAL_MARKS: frozenset[str] = frozenset({"if", "unless", "whether"})
CAPABILITY_MODALS: frozenset[str] = frozenset({"can", "could", "ca"})
"""'could not' / 'cannot' states a capability limit, not that an act did not happen."""

PRESUPPOSING_VERBS: frozenset[str] = frozenset(
    "prevent stop halt block avoid end thwart foil resist oppose protest condemn investigate "
    "punish acknowledge admit explain address".split()
)
"""Verbs whose negation presupposes the act ('failed to prevent the abduction'): no negation."""

HEDGE_NOUNS: frozenset[str] = frozenset(
    {"claim", "claims", "allegation", "allegations", "rumours", "rumors", "fears"}
)
"""Nouns that hedge ('a claim by activists'); other nouns a hedge phrase matches ('suspects'
as people) do not."""

SUBJECT_PRONOUNS: frozenset[str] = frozenset({"he", "she"})
PERSON_PRONOUNS: frozenset[str] = frozenset(
    {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
)
RELATIVE_PRONOUNS: frozenset[str] = frozenset({"who", "whom", "which", "that"})

CLAUSE_DEPS: frozenset[str] = frozenset(
    {
        "ROOT",
        "ccomp",
        "xcomp",
        "advcl",
        "relcl",
        "acl",
        "conj",
        "parataxis",
        "csubj",
        "csubjpass",
        "pcomp",
    }
)
SUBJECT_DEPS: frozenset[str] = frozenset({"nsubj", "nsubjpass", "csubj"})

DIRECT_PATIENT_RULES: frozenset[str] = frozenset(
    {"TARGET.passive_subject", "TARGET.object", "TARGET.return_subject", "TARGET.possessed_event"}
)
"""The only target rules that may override an official's exclusion ('the minister, X, was
detained'); a president merely mentioned near an act stays out."""

SPEAKER_MEMORY_SENTENCES = 3
"""A 'he said' looks back this many sentences for the last named speaker."""

# --------------------------------------------------------------------------- cue rules


CUES_FILE = "cues.jsonl"
"""The cue lexicon in ``patterns/``."""


@lru_cache(maxsize=8)
def load_cue_rules(directory: str = str(DEFAULT_PATTERNS_DIR)) -> tuple[CueRule, ...]:
    """Return the validated cue rules of ``directory`` (``patterns/`` by default), cached.

    Errors name the file and line like every pattern file.
    """
    path = Path(directory) / CUES_FILE
    if path.exists():
        return tuple(rule for rule in load_file(path, CueRule) if isinstance(rule, CueRule))
    return ()


_MATCHERS: dict[tuple[int, tuple[str, ...]], RuleMatcher] = {}


def match_cues(doc: Doc, rules: Sequence[CueRule]) -> list[Span]:
    """Cue spans of ``doc``: the tagger's ``doc.spans["tnr_cues"]``, or a fresh match with
    the tagger's :class:`~pipeline.components.RuleMatcher` when the tagger did not run (a
    bare-model Doc in unit tests)."""
    if CUE_KEY in doc.spans and len(doc.spans[CUE_KEY]):
        return sorted(doc.spans[CUE_KEY], key=lambda s: (s.start, -s.end))
    if not rules:
        return []
    key = (id(doc.vocab), tuple(rule.id for rule in rules))
    if key not in _MATCHERS:
        _MATCHERS[key] = RuleMatcher(spacy.blank("en", vocab=doc.vocab), rules)
    return [
        Span(doc, start, end, label=rule.kind, span_id=rule.id)  # type: ignore[union-attr]
        for start, end, rule in _MATCHERS[key](doc)
    ]


# --------------------------------------------------------------------------- document index


@dataclass
class _SpanRef:
    """A SpanRecord with its token range and syntactic root."""

    record: SpanRecord
    start: int
    end: int
    root: int


@dataclass
class _Sentence:
    """One sentence of the document with what the later passes need."""

    span: Span
    start_char: int
    end_char: int
    zone: str
    segment: int
    spans: list[_SpanRef] = field(default_factory=list)
    cues: list[Span] = field(default_factory=list)
    starts_in_quote: bool = False
    ends_in_quote: bool = False
    quote_cue: Span | None = None
    has_quote: bool = False


@dataclass
class _Analysis:
    """Per-sentence results before quotation sources are filled in."""

    sentence: _Sentence
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


@dataclass
class _Memory:
    """Document-level memory carried from sentence to sentence."""

    last_target: str | None = None
    last_speaker: tuple[str, int] | None = None
    authors: list[tuple[int, str]] = field(default_factory=list)
    org_sources: Counter[str] = field(default_factory=Counter)
    officials: set[str] = field(default_factory=set)
    known_targets: set[str] = field(default_factory=set)


class _Doc:
    """Per-document token arrays and span lookups, built once."""

    def __init__(self, doc: Doc, spans: Sequence[SpanRecord]) -> None:
        self.doc = doc
        self.text = doc.text
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
        self.spans: list[_SpanRef] = []
        for record in sorted(spans, key=lambda s: (s.start, s.end)):
            char_span = doc.char_span(record.start, record.end, alignment_mode="expand")
            if char_span is None or not len(char_span):
                continue
            ref = _SpanRef(record, char_span.start, char_span.end, char_span.root.i)
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

    def ref(self, i: int) -> _SpanRef | None:
        """The span covering token ``i``, if any."""
        index = self.span_at[i]
        return self.spans[index] if index >= 0 else None

    def named(self, i: int, labels: tuple[str, ...] = ("ORG", "PERSON")) -> _SpanRef | None:
        """The ORG/PERSON span covering token ``i``, if any."""
        ref = self.ref(i)
        if ref is not None and ref.record.label in labels and ref.record.name:
            return ref
        return None

    def children(self, i: int) -> Iterable[Token]:
        return self.doc[i].children

    def has_child(self, i: int, deps: Iterable[str]) -> bool:
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
            if lemma in EVENT_VERBS:
                return True
            if lemma in PASSIVE_MOVE_VERBS and self.is_passive(i):
                return True
        return False

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
            if dep in ("relcl", "acl"):
                return "relative"
            if dep == "advcl":
                marks = {c.lower_ for c in self.doc[j].children if c.dep_ == "mark"}
                if marks & CONCESSIVE_MARKS:
                    return "concessive"
                if marks & CONDITIONAL_MARKS:
                    return "conditional"
                if not marks and self.tag[j] in ("VBN", "VBG"):
                    return "participial"
                return "adverbial"
            if self.head[j] == j:
                return None
            j = self.clause_head(self.head[j])
        return None

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
        d = 0
        j = i
        while self.head[j] != j and d < 64:
            j = self.head[j]
            d += 1
        return d


# --------------------------------------------------------------------------- entry point


def build_claims(
    doc: Doc,
    spans: list[SpanRecord],
    segments: list[Segment],
    *,
    doc_id: str,
    pipeline_version: str,
    cue_rules: Sequence[CueRule] | None = None,
) -> list[ClaimRecord]:
    """Return one :class:`ClaimRecord` per qualifying body sentence of ``doc``.

    Args:
        doc: The processed Doc (parse and sentences; cue matches in ``doc.spans``).
        spans: The document's final, normalised spans with provenance.
        segments: The document's zones; only sentences starting in ``body`` zones count
            (every sentence when the list is empty).
        doc_id: Copied into every record.
        pipeline_version: Copied into every record's provenance.
        cue_rules: The cue rules (default: ``patterns/cues.jsonl``), for direction and scope.
    """
    rules = tuple(cue_rules) if cue_rules is not None else load_cue_rules()
    rules_by_id = {rule.id: rule for rule in rules}
    index = _Doc(doc, spans)
    sentences = _sentences(doc, index, segments, match_cues(doc, rules), rules_by_id)
    memory = _Memory(authors=_report_authors(index, sentences))
    analyses: list[_Analysis] = []
    for number, sentence in enumerate(sentences):
        analysis = _analyse(index, sentence, number, memory, rules_by_id)
        if analysis is not None:
            analyses.append(analysis)
    _quotation_sources(analyses)
    claims = []
    for analysis in analyses:
        if analysis.claim_rule is not None:
            claims.append(
                _record(index, analysis, doc_id=doc_id, pipeline_version=pipeline_version)
            )
    return claims


# --------------------------------------------------------------------------- sentences


def _sentences(
    doc: Doc,
    index: _Doc,
    segments: Sequence[Segment],
    cues: Sequence[Span],
    rules_by_id: dict[str, CueRule],
) -> list[_Sentence]:
    """Article sentences with their zone, spans, cues and quotation state."""
    text = index.text
    ordered = sorted(segments, key=lambda s: s.start)
    starts = [s.start for s in ordered]
    quote_roles = _quote_roles(rules_by_id.values())
    result: list[_Sentence] = []
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
        sentence = _Sentence(sent, start, end, zone, seg)
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


def _report_authors(index: _Doc, sentences: Sequence[_Sentence]) -> list[tuple[int, str]]:
    """``(char offset, ORG name)`` of every ORG named as a report's author or publisher.

    Recognised: 'a report (titled ...) by X', 'a study from X', 'X's (latest) report',
    'X, which published ...', 'X released a report'.
    """
    lower = index.lower
    authors: list[tuple[int, str]] = []
    for sentence in sentences:
        if sentence.zone not in ("body", "title", "heading"):
            continue
        s0 = sentence.span.start
        for ref in sentence.spans:
            if ref.record.label != "ORG" or not ref.record.name:
                continue
            found = False
            for k in range(ref.start - 1, max(s0, ref.start - 5) - 1, -1):
                if lower[k] in ("by", "from"):
                    window = lower[max(s0, k - 25) : k]
                    found = any(
                        w in REPORT_NOUNS or w.rstrip("s") in REPORT_NOUNS for w in window
                    ) or any(w in PUBLISH_WORDS for w in window)
                    break
                if index.pos[k] in ("VERB", "AUX") or lower[k] in (".", ";", ":"):
                    break
            if not found:
                after = lower[ref.end : ref.end + 4]
                if after and after[0] in ("'s", "’s", "'", "’"):
                    found = any(w in REPORT_NOUNS for w in after[1:])
                if not found:
                    found = any(w in PUBLISH_WORDS for w in lower[ref.end : ref.end + 3])
            if found:
                authors.append((ref.record.start, ref.record.name))
    return authors


def _report_author(memory: _Memory, sentence: _Sentence) -> str | None:
    """The author of 'the report' at this sentence: the last named before its end, else the
    first named later, else the ORG most often a source so far."""
    before = [name for offset, name in memory.authors if offset < sentence.end_char]
    if before:
        return before[-1]
    if memory.authors:
        return memory.authors[0][1]
    if memory.org_sources:
        return memory.org_sources.most_common(1)[0][0]
    return None


# --------------------------------------------------------------------------- per sentence


def _analyse(
    index: _Doc,
    sentence: _Sentence,
    number: int,
    memory: _Memory,
    rules_by_id: dict[str, CueRule],
) -> _Analysis | None:
    """Targets, source, qualification, type, hedge and negation of one sentence."""
    if sentence.zone not in CLAIM_ZONES:
        return None
    by_kind: dict[str, list[Span]] = {}
    for cue in sentence.cues:
        by_kind.setdefault(cue.label_, []).append(cue)
    speakers = _speaker_tokens(index, sentence, by_kind)
    negation_scopes = _negation_scopes(index, sentence, by_kind, rules_by_id)
    denied: set[int] = set()
    for cue, scope in negation_scopes:
        if index.embedding(cue.start) is None:
            denied |= scope
    targets = _targets(index, sentence, memory, speakers, denied)
    source, source_rule, source_cue = _source(index, sentence, number, memory, by_kind, rules_by_id)
    analysis = _Analysis(sentence, number, targets, source, source_rule, source_cue)
    if targets:
        memory.last_target = (
            targets[-1] if len(targets) == 1 else _last_target(index, sentence, targets)
        )
        memory.known_targets.update(targets)
    if source is not None and source_rule in (
        "reporting_verb",
        "according_to",
        "passive_agent",
        "colon",
    ):
        kind = _label_of(sentence, source)
        if kind == "PERSON":
            memory.last_speaker = (source, number)
        elif kind == "ORG":
            memory.org_sources[source] += 1
    recommendation = _recommendation_cue(index, sentence, by_kind, rules_by_id)
    analysis.recommendation_cue = recommendation
    analysis.claim_rule = _qualifies(index, sentence, targets, recommendation, source)
    if analysis.claim_rule is None:
        return analysis
    analysis.type_id, analysis.claim_type = _claim_type(index, sentence, targets, recommendation)
    analysis.hedge_cues = _hedges(index, sentence, by_kind)
    analysis.negation_cues = _negations(index, sentence, negation_scopes)
    return analysis


def _label_of(sentence: _Sentence, name: str) -> str | None:
    for ref in sentence.spans:
        if ref.record.name == name:
            return ref.record.label
    return None


def _last_target(index: _Doc, sentence: _Sentence, targets: list[str]) -> str:
    """The target named last in the sentence (for pronoun resolution later)."""
    last = targets[-1]
    best = -1
    for ref in sentence.spans:
        if ref.record.label == "PERSON" and ref.record.name in targets and ref.start > best:
            best, last = ref.start, ref.record.name  # type: ignore[assignment]
    return last


def _field_values(sentence: _Sentence) -> dict[str, list]:
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


# --------------------------------------------------------------------------- targets


def _speaker_tokens(index: _Doc, sentence: _Sentence, by_kind: dict[str, list[Span]]) -> set[int]:
    """Tokens that are speakers of reporting or recommendation verbs (never targets)."""
    speakers: set[int] = set()
    for kind in ("attribution", "recommendation"):
        for cue in by_kind.get(kind, ()):
            verb = cue.start
            if index.pos[verb] not in ("VERB", "AUX") and not index.has_child(verb, ("nsubj",)):
                continue
            if index.is_passive(verb):
                continue
            speaker = _speaker_token(index, sentence, verb)
            if speaker is None:
                continue
            speakers.add(speaker)
            speakers.update(c.i for c in index.children(speaker) if c.dep_ in ("compound", "appos"))
    return speakers


def _targets(
    index: _Doc, sentence: _Sentence, memory: _Memory, speakers: set[int], denied: set[int]
) -> list[str]:
    """Named targets of the act in the sentence (TARGET_RULES), pronouns resolved.

    ``denied`` holds the tokens inside a main-clause negation: a person already known as a
    target who appears there is a target too ('There is no record that he ever entered ...').
    """
    s0, s1 = sentence.span.start, sentence.span.end
    has_method = any(ref.record.label == "METHOD" for ref in sentence.spans)
    has_event = has_method or any(index.is_event(i) for i in range(s0, s1))
    mentions: list[tuple[int, str, bool]] = []
    last_named: str | None = None
    last_root = -1
    person_starts = {
        ref.start: ref for ref in sentence.spans if ref.record.label == "PERSON" and ref.record.name
    }
    for i in range(s0, s1):
        ref = person_starts.get(i)
        if ref is not None:
            name = ref.record.name or ""
            if _is_official(index, ref, sentence):
                memory.officials.add(name)
            mentions.append((ref.root, name, False))
            if name not in memory.officials:
                last_named, last_root = name, ref.root
        elif (
            index.lower[i] in PERSON_PRONOUNS
            and index.pos[i] == "PRON"
            and not _generic_pronoun(index, i, s0, s1)
        ):
            antecedent = last_named
            if antecedent is not None and _inside_phrase_of(index, i, last_root):
                antecedent = None
            antecedent = antecedent or memory.last_target
            if antecedent:
                mentions.append((i, antecedent, True))
    strong: list[tuple[int, str]] = []
    weak: list[tuple[int, str]] = []
    for root, name, pronoun in mentions:
        if root in speakers:
            continue
        verdict = _target_role(index, root, has_method)
        if verdict == "exclude":
            continue
        official = not pronoun and name in memory.officials
        known = name in memory.known_targets
        if official and verdict not in DIRECT_PATIENT_RULES:
            continue
        if verdict is not None:
            strong.append((root, name))
        elif not official and (
            (has_event and _fallback_role(index, root, False))
            or (known and root in denied and _fallback_role(index, root, True))
        ):
            weak.append((root, name))
    chosen = strong or weak
    names: list[str] = []
    for _, name in sorted(chosen):
        if name not in names:
            names.append(name)
    return names


def _inside_phrase_of(index: _Doc, i: int, root: int) -> bool:
    """True when pronoun ``i`` sits inside the noun phrase headed by ``root`` ('Lena Ortiz,
    his lawyer': 'his' cannot be Lena Ortiz herself)."""
    j = i
    for _ in range(12):
        if index.head[j] == j or index.pos[j] in ("VERB", "AUX"):
            return False
        j = index.head[j]
        if j == root:
            return True
    return False


def _generic_pronoun(index: _Doc, i: int, s0: int, s1: int) -> bool:
    """'he or she', 'his or her', 'him/her': a generic person, not an antecedent."""
    for a, b in ((i - 2, i - 1), (i + 1, i + 2)):
        if (
            s0 <= a
            and b < s1
            and index.lower[a if a > i else b] in ("or", "/", "and")
            and (index.lower[b if a > i else a] in PERSON_PRONOUNS)
        ):
            return True
    return False


def _is_official(index: _Doc, ref: _SpanRef, sentence: _Sentence) -> bool:
    """True when a role noun (president, prosecutor, spokeswoman ...) names the person's office."""
    s0 = sentence.span.start
    k = ref.start - 1
    steps = 0
    while k >= s0 and steps < 3:
        lower = index.lower[k]
        if index.pos[k] in ("PUNCT", "VERB", "AUX", "ADP") and lower not in ("-",):
            break
        if index.lemma[k] in ROLE_NOUNS or lower in ROLE_NOUNS:
            return not _former(index, k, s0)
        k -= 1
        steps += 1
    root = ref.root
    for child in index.children(root):
        if child.dep_ == "appos" and child.lemma_.lower() in ROLE_NOUNS:
            if not any(c.lower_ in FORMER_WORDS for c in child.children):
                return True
    if index.dep[root] == "appos" and index.lemma[index.head[root]] in ROLE_NOUNS:
        head = index.head[root]
        return not any(c.lower_ in FORMER_WORDS for c in index.children(head))
    if index.dep[root] == "nsubj" and index.lemma[index.head[root]] in (
        "be",
        "become",
        "remain",
        "serve",
    ):
        for child in index.children(index.head[root]):
            if child.dep_ in ("attr", "acomp", "oprd") and child.lemma_.lower() in ROLE_NOUNS:
                return not any(c.lower_ in FORMER_WORDS for c in child.children)
    return False


def _former(index: _Doc, k: int, s0: int) -> bool:
    for j in range(max(s0, k - 3), k):
        if index.lower[j] in FORMER_WORDS:
            return True
    return any(c.lower_ in FORMER_WORDS for c in index.children(k))


def _target_role(index: _Doc, i: int, has_method: bool, _depth: int = 0) -> str | None:
    """A TARGET_RULES id when token ``i`` is a patient of the act, ``"exclude"`` when it is
    an agent or the possessor of something unrelated, else ``None``."""
    if _depth > 6:
        return None
    dep = index.dep[i]
    head = index.head[i]
    if dep == "pobj" and index.dep[head] == "agent":
        return "exclude"
    if dep == "poss":
        if index.is_event(head) or index.lemma[head] in EVENT_NOUNS:
            return "TARGET.possessed_event"
        if has_method and index.lemma[head] in LEVER_NOUNS:
            return "TARGET.possessed_lever"
        return "exclude"
    if dep == "nsubjpass" or (dep == "nsubj" and index.is_passive(head)):
        if index.is_event(head) or _has_event_clause(index, head) or _has_event_object(index, head):
            return "TARGET.passive_subject"
    if dep in ("dobj", "obj", "dative") and index.is_event(head):
        return "TARGET.object"
    if dep == "pobj" and index.lower[head] in ("of", "against", "for", "on"):
        noun = index.head[head]
        if index.is_event(noun) or index.lemma[noun] in EVENT_NOUNS:
            return "TARGET.prep_object"
    if dep == "nsubj":
        if index.lemma[head] in RETURN_VERBS:
            return "TARGET.return_subject"
        if _has_event_clause(index, head):
            return "TARGET.subject_of_passive_clause"
    for child in index.children(i):
        if child.dep_ in ("relcl", "acl") and index.is_event(child.i):
            for grandchild in child.children:
                if (
                    grandchild.dep_ in ("nsubjpass", "dobj")
                    and grandchild.lower_ in RELATIVE_PRONOUNS
                ):
                    return "TARGET.relative_clause"
            if child.dep_ == "acl" and child.tag_ == "VBN":
                return "TARGET.relative_clause"
    if dep in ("conj", "appos") and head != i:
        inherited = _target_role(index, head, has_method, _depth + 1)
        if inherited is not None and inherited != "exclude":
            return "TARGET.coordinated"
    return None


def _has_event_clause(index: _Doc, verb: int) -> bool:
    """True when ``verb`` governs a subjectless passive event clause ('after being detained')."""
    for child in index.children(verb):
        candidates = [child]
        if child.dep_ == "prep":
            candidates = [c for c in child.children if c.dep_ == "pcomp"]
        for c in candidates:
            if c.dep_ in ("advcl", "xcomp", "conj", "pcomp") and index.is_event(c.i):
                if not index.has_child(c.i, SUBJECT_DEPS) and (
                    index.is_passive(c.i) or c.dep_ == "conj"
                ):
                    return True
    return False


def _has_event_object(index: _Doc, verb: int) -> bool:
    """True when ``verb`` takes an act as object ('was given two life sentences')."""
    return any(
        child.dep_ in ("dobj", "attr")
        and (child.i in index.method_tokens or child.lemma_.lower() in EVENT_NOUNS)
        for child in index.children(verb)
    )


def _fallback_role(index: _Doc, i: int, known: bool) -> bool:
    """TARGET.incident_person: a named person in an incident sentence who is not an actor
    (the subject of a transitive verb is one, unless the person is already a known target
    of the document)."""
    dep = index.dep[i]
    head = index.head[i]
    if dep == "nsubj":
        return known or not index.has_child(head, ("dobj", "obj", "ccomp", "xcomp"))
    return dep in ("nsubjpass", "dobj", "pobj", "appos", "attr", "conj", "npadvmod", "ROOT")


# --------------------------------------------------------------------------- source


def _source(
    index: _Doc,
    sentence: _Sentence,
    number: int,
    memory: _Memory,
    by_kind: dict[str, list[Span]],
    rules_by_id: dict[str, CueRule],
) -> tuple[str | None, str | None, Span | None]:
    """``(source, SOURCE_RULES id, cue)`` from the sentence's own attribution cues."""
    candidates: list[tuple[int, int, str | None, str, Span]] = []
    cues = list(by_kind.get("attribution", ()))
    cues += [c for c in by_kind.get("recommendation", ()) if not _is_weak(c)]
    for cue in cues:
        rule = rules_by_id.get(cue.id_)
        result = _attribution(
            index, sentence, number, memory, cue, rule.direction if rule else "both"
        )
        if result is None:
            continue
        name, rule = result
        candidates.append((index.depth(cue.start), cue.start, name, rule, cue))
    named = [c for c in candidates if c[2] is not None]
    if named:
        _, _, name, rule, cue = max(named, key=lambda c: (c[0], c[1]))
        return name, rule, cue
    if candidates:
        cue = candidates[0][4]
        return None, "unnamed_speaker", cue
    return None, None, None


def _attribution(
    index: _Doc, sentence: _Sentence, number: int, memory: _Memory, cue: Span, rule_direction: str
) -> tuple[str | None, str] | None:
    """The source one attribution cue gives, ``None`` when the cue is no attribution here.

    The rule's direction says where the source is: ``forward`` (the named ORG/PERSON
    after 'according to'), ``backward`` (the name opening the sentence before a colon),
    otherwise through the parse (subject, passive agent) of the cue's verb.
    """
    s0, s1 = sentence.span.start, sentence.span.end
    verb = cue.start
    if index.embedding(verb) in ("concessive", "conditional"):
        return None
    if rule_direction == "forward":
        for ref in sentence.spans:
            if (
                ref.start >= cue.end
                and ref.start < cue.end + 12
                and ref.record.label in ("ORG", "PERSON")
            ):
                return ref.record.name, "according_to"
        window = index.lower[cue.end : min(s1, cue.end + 4)]
        if any(w in REPORT_NOUNS for w in window):
            author = _report_author(memory, sentence)
            return author, "report_author" if author else "unnamed_speaker"
        return None, "unnamed_speaker"
    if rule_direction == "backward":
        k = cue.start - 1
        if k < s0:
            return None
        ref = index.named(k)
        if (
            ref is not None
            and ref.end == cue.start
            and all(
                index.pos[j] == "PUNCT" or index.span_at[j] == index.span_at[k]
                for j in range(s0, ref.end)
            )
        ):
            return ref.record.name, "colon"
        return None
    is_verb = index.pos[verb] in ("VERB", "AUX") or (
        index.pos[verb] == "NOUN"
        and (
            index.has_child(verb, ("nsubj",))
            or (index.dep[verb] == "ROOT" and index.tag[verb] == "NNS")
        )
    )
    if not is_verb or index.dep[verb] in ("amod", "compound"):
        return None
    rule = "recommendation_verb" if cue.label_ == "recommendation" else "reporting_verb"
    if index.is_passive(verb):
        for child in index.children(verb):
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        name, how = _resolve_speaker(index, sentence, number, memory, pobj.i)
                        return name, "passive_agent" if how == "named" else how
            if child.dep_ == "prep" and child.lower_ == "in" and cue.label_ == "attribution":
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.lemma_.lower() in REPORT_NOUNS:
                        name, how = _resolve_speaker(index, sentence, number, memory, pobj.i)
                        return name, "passive_agent" if how == "named" else how
        return None
    subject = _speaker_token(index, sentence, verb)
    if subject is None:
        return None
    name, how = _resolve_speaker(index, sentence, number, memory, subject)
    return name, rule if how == "named" else how


def _speaker_token(index: _Doc, sentence: _Sentence, verb: int) -> int | None:
    """The speaker of a reporting verb: its subject, or, when the parser found none, a name
    set off by commas right before it ('..., X, a rights activist, told reporters')."""
    subject = _subject(index, verb)
    if subject is not None:
        return subject
    if index.dep[verb] == "ROOT" and index.tag[verb] == "NNS":
        for child in index.children(verb):
            if child.dep_ == "compound" and index.named(child.i) is not None:
                return child.i
    if index.has_child(verb, ("nsubjpass", "auxpass")) or index.tag[verb] in ("VBG", "VBN"):
        return None
    lo = max(sentence.span.start, verb - 14)
    for ref in reversed(sentence.spans):
        if ref.end > verb or ref.record.label not in ("ORG", "PERSON"):
            continue
        if ref.start < lo:
            break
        if ref.start > sentence.span.start and index.lower[ref.start - 1] in (",", "—", "–"):
            if all(index.pos[j] != "VERB" for j in range(ref.end, verb)):
                return ref.root
        break
    return None


def _is_weak(cue: Span) -> bool:
    """Weak recommendation cues ('should', 'must'): rule slugs starting with ``modal``."""
    return cue.id_.split(".", 1)[-1].startswith("modal")


def _subject(index: _Doc, verb: int) -> int | None:
    """The subject of ``verb``, inherited through conj/xcomp; relative pronouns resolved."""
    j = verb
    for _ in range(4):
        for child in index.children(j):
            if child.dep_ in ("nsubj", "csubj"):
                if child.lower_ in RELATIVE_PRONOUNS and index.dep[j] in ("relcl", "acl"):
                    return index.head[j]
                return child.i
        if index.dep[j] in ("conj", "xcomp") and index.head[j] != j:
            j = index.head[j]
            continue
        break
    return None


def _resolve_speaker(
    index: _Doc, sentence: _Sentence, number: int, memory: _Memory, subject: int
) -> tuple[str | None, str]:
    """Name the speaker token ``subject`` stands for: ``(name, how)`` with how ``named``,
    ``report_author``, ``pronoun_speaker`` or ``unnamed_speaker``."""
    ref = index.named(subject)
    if ref is not None:
        return ref.record.name, "named"
    for deps in (("appos", "compound"), ("poss",)):
        for child in index.children(subject):
            if child.dep_ in deps:
                ref = index.named(child.i)
                if ref is not None:
                    return ref.record.name, "named"
    for token in index.doc[subject].subtree:
        if token.dep_ in ("relcl", "ccomp", "acl") and token.i != subject:
            continue
        if (
            token.dep_ == "pobj"
            and token.head.lower_ in ("by", "from")
            and token.head.head.i != token.head.i
        ):
            ref = index.named(token.i)
            if ref is None:
                for grand in token.children:
                    if grand.dep_ in ("appos", "compound"):
                        ref = index.named(grand.i)
                        break
            if ref is not None:
                return ref.record.name, "named"
    lower = index.lower[subject]
    if lower in SUBJECT_PRONOUNS:
        for ref in reversed(sentence.spans):
            if ref.record.label == "PERSON" and ref.end <= subject and ref.record.name:
                return ref.record.name, "pronoun_speaker"
        if memory.last_speaker and number - memory.last_speaker[1] <= SPEAKER_MEMORY_SENTENCES:
            return memory.last_speaker[0], "pronoun_speaker"
        return None, "unnamed_speaker"
    plural_ok = index.tag[subject] != "NNS" or index.lemma[subject] in (
        "author",
        "researcher",
        "finding",
    )
    if lower == "it" or (index.lemma[subject] in REPORT_NOUNS and plural_ok):
        determiners = {c.lower_ for c in index.children(subject) if c.dep_ in ("det", "poss")}
        if lower == "it" or determiners & {"the", "this", "its", "their", "that", "our"}:
            author = _report_author(memory, sentence)
            if author is not None:
                return author, "report_author"
    return None, "unnamed_speaker"


def _quotation_sources(analyses: list[_Analysis]) -> None:
    """Give quoted sentences without their own attribution the speaker of their quotation.

    A quotation running over several sentences keeps its speaker, named in an earlier
    sentence (``quote_continued``) or when it closes (``quote_attributed_after``); an
    unattributed quotation right after an attributed one is the same speaker
    (``quote_same_speaker``, the news convention).
    """
    groups: list[list[_Analysis]] = []
    for analysis in analyses:
        s = analysis.sentence
        previous = groups[-1][-1] if groups else None
        if (
            previous is not None
            and previous.index == analysis.index - 1
            and previous.sentence.ends_in_quote
            and s.starts_in_quote
        ):
            groups[-1].append(analysis)
        else:
            groups.append([analysis])
    for group in groups:
        if len(group) < 2:
            continue
        for position, member in enumerate(group):
            if member.source_rule is not None:
                continue
            earlier = [m for m in group[:position] if m.source is not None]
            later = [m for m in group[position + 1 :] if m.source is not None]
            if earlier:
                member.source, member.source_rule = earlier[-1].source, "quote_continued"
            elif later:
                member.source, member.source_rule = later[0].source, "quote_attributed_after"
    for previous, analysis in zip(analyses, analyses[1:], strict=False):
        s = analysis.sentence
        quoted = s.starts_in_quote or (
            s.quote_cue is not None and s.quote_cue.start == s.span.start
        )
        if (
            analysis.source_rule is None
            and quoted
            and previous.index == analysis.index - 1
            and previous.sentence.has_quote
            and previous.source is not None
        ):
            analysis.source, analysis.source_rule = previous.source, "quote_same_speaker"


# --------------------------------------------------------------------------- qualification & type


def _recommendation_cue(
    index: _Doc,
    sentence: _Sentence,
    by_kind: dict[str, list[Span]],
    rules_by_id: dict[str, CueRule],
) -> Span | None:
    """The recommendation cue that makes the sentence a call for action, if any."""
    has_anchor = any(
        ref.record.label in ("METHOD", "LEGAL_REF", "LOCATION", "ORG") for ref in sentence.spans
    )
    for cue in by_kind.get("recommendation", ()):
        if index.embedding(cue.start) in ("relative", "concessive", "conditional", "adverbial"):
            continue
        if _is_weak(cue):
            nxt = cue.end
            if not has_anchor or (nxt < sentence.span.end and index.lower[nxt] in ("have", "'ve")):
                continue
            if index.tag[cue.start] == "MD" or index.pos[cue.start] in ("NOUN", "VERB"):
                return cue
            continue
        if index.pos[cue.start] in ("VERB", "AUX") or cue.end - cue.start > 1:
            return cue
    return None


def _qualifies(
    index: _Doc,
    sentence: _Sentence,
    targets: list[str],
    recommendation: Span | None,
    source: str | None,
) -> str | None:
    """The first CLAIM_RULES id that fires, ``None`` when the sentence is no claim."""
    labels = {ref.record.label for ref in sentence.spans}
    s0, s1 = sentence.span.start, sentence.span.end
    events = [i for i in range(s0, s1) if index.is_event(i) and index.pos[i] in ("VERB", "AUX")]
    if "METHOD" in labels:
        return "CLAIM.method"
    counts = any(
        ref.record.label == "QUANTITY" and ref.record.value is not None for ref in sentence.spans
    )
    if counts and (events or _counts_operations(index, sentence)):
        return "CLAIM.count"
    if "LEGAL_REF" in labels and _has_legal_verb(index, sentence):
        return "CLAIM.legal_provision"
    if targets:
        return "CLAIM.named_target"
    if recommendation is not None:
        return "CLAIM.recommendation"
    if events:
        return "CLAIM.event_verb"
    if source is not None and any(index.lemma[i] in PRACTICE_NOUNS for i in range(s0, s1)):
        return "CLAIM.attributed_practice"
    return None


def _counts_operations(index: _Doc, sentence: _Sentence) -> bool:
    """True when a QUANTITY counts an operation or target noun ('40 students', 'dozens of')."""
    for ref in sentence.spans:
        if ref.record.label != "QUANTITY":
            continue
        head = index.head[ref.root]
        candidates = [head, ref.root]
        for child in index.children(ref.root):
            if child.dep_ == "prep" and child.lower_ == "of":
                candidates += [c.i for c in child.children if c.dep_ == "pobj"]
        for k in candidates:
            if k == ref.root and len(candidates) > 1:
                continue
            if k in index.method_tokens or index.lemma[k] in EVENT_NOUNS:
                return True
            if (
                index.lemma[k] in COUNT_NOUNS
                or index.lower[k] in COUNT_NOUNS
                or index.tag[k] == "NNPS"
            ):
                return True
            if index.dep[k] == "compound" or index.pos[k] == "NOUN":
                if any(c.lemma_.lower() in COUNT_NOUNS for c in index.children(k)):
                    return True
    return False


def _has_legal_verb(index: _Doc, sentence: _Sentence) -> bool:
    return any(
        index.lemma[i] in LEGAL_VERBS and index.pos[i] in ("VERB", "AUX")
        for i in range(sentence.span.start, sentence.span.end)
    )


def _claim_type(
    index: _Doc, sentence: _Sentence, targets: list[str], recommendation: Span | None
) -> tuple[str, str]:
    """``(TYPE_RULES id, claim type)``: the first rule that fires."""
    labels = {ref.record.label for ref in sentence.spans}
    if recommendation is not None:
        return "TYPE.recommendation_cue", "recommendation"
    if targets:
        return "TYPE.named_target_event", "incident"
    if _is_legal(index, sentence, labels):
        return "TYPE.legal_provision", "legal"
    quantities = [
        ref
        for ref in sentence.spans
        if ref.record.label == "QUANTITY" and ref.record.value is not None
    ]
    if _dated_event(index, sentence, bool(quantities)):
        return "TYPE.dated_event", "incident"
    if not quantities and _single_person_event(index, sentence):
        return "TYPE.single_person_event", "incident"
    if quantities and _counts_operations(index, sentence):
        return "TYPE.count", "statistic"
    return "TYPE.general_practice", "pattern"


def _single_person_event(index: _Doc, sentence: _Sentence) -> bool:
    """A past act by or on one unnamed individual ('A blogger was abducted', 'the man is
    accused of helping to kidnap ...'): a singular person noun as subject or object of an
    act whose verb is in the past, or of 'accused'."""
    for i in range(sentence.span.start, sentence.span.end):
        if index.tag[i] != "NN" or index.lemma[i] not in PERSON_NOUNS:
            continue
        if index.dep[i] not in ("nsubj", "nsubjpass", "dobj"):
            continue
        if any(c.lower_ in ("every", "any", "each", "no") for c in index.children(i)):
            continue
        verb = index.head[i]
        if index.tag[verb] not in ("VBD", "VBN") and index.lemma[verb] != "accuse":
            continue
        if index.is_event(verb) or _has_event_clause(index, verb) or _has_event_object(index, verb):
            return True
        if any(
            t.i in index.method_tokens or index.is_event(t.i)
            for c in index.children(verb)
            if c.dep_ in ("prep", "xcomp", "advcl", "ccomp", "pcomp")
            for t in c.subtree
        ):
            return True
    return False


LEGAL_FRAMES: frozenset[str] = frozenset({"under", "pursuant", "according", "accordance"})
"""Prepositions that frame a clause as what an instrument provides ("Under Article 38 ...")."""


def _is_legal(index: _Doc, sentence: _Sentence, labels: set[str]) -> bool:
    """A LEGAL_REF with a provision verb, a LEGAL_REF framing the clause ("Under Article
    38 of the law, offences abroad can be prosecuted") when a METHOD is named, or a legal
    noun subject of a provision verb with a METHOD."""
    s0, s1 = sentence.span.start, sentence.span.end
    if "LEGAL_REF" in labels and "METHOD" in labels:
        for ref in sentence.spans:
            if ref.record.label != "LEGAL_REF":
                continue
            head = index.head[ref.root]
            if index.dep[ref.root] == "pobj" and index.lower[head] in LEGAL_FRAMES:
                return True
    for i in range(s0, s1):
        if index.lemma[i] not in LEGAL_VERBS or index.pos[i] not in ("VERB", "AUX"):
            continue
        if "LEGAL_REF" in labels:
            return True
        subject = _subject(index, i)
        if subject is not None and "METHOD" in labels and index.lemma[subject] in LEGAL_NOUNS:
            return True
    return False


def _dated_event(index: _Doc, sentence: _Sentence, has_count: bool) -> bool:
    """A past act anchored to a day or month, or to a year when no count is the point."""
    s0, s1 = sentence.span.start, sentence.span.end
    past = any(index.is_event(i) and index.tag[i] in ("VBD", "VBN") for i in range(s0, s1))
    if not past:
        return False
    if any(index.lower[i] in TIME_WORDS for i in range(s0, s1)):
        return True
    for ref in sentence.spans:
        if ref.record.label == "DATE" and isinstance(ref.record.value, str):
            value = ref.record.value
            if len(value) >= 7 or value.startswith("--"):
                return True
            if not has_count:
                return True
    return False


# --------------------------------------------------------------------------- hedges & negation


def _hedges(index: _Doc, sentence: _Sentence, by_kind: dict[str, list[Span]]) -> list[Span]:
    """Hedge cues whose clause is the claim's (not a relative, concessive or adverbial clause).

    A hedge noun ('her claim', 'the allegations') marks the sentence's content as a claim
    wherever it stands ('..., although she gave no evidence for her claim'), except inside a
    finite relative clause about someone else ('..., who denied the allegations')."""
    used: list[Span] = []
    for cue in by_kind.get("hedge", ()):
        i = cue.start
        slug = cue.id_.split(".", 1)[-1]
        if slug != "accused_of" and any(
            j in index.method_tokens for j in range(cue.start, cue.end)
        ):
            continue
        if (
            cue.end - cue.start == 1
            and index.pos[i] in ("NOUN", "PROPN")
            and index.lower[i] not in HEDGE_NOUNS
        ):
            continue
        if slug == "modal":
            if index.tag[i] != "MD":
                continue
            verb = index.head[i]
            if index.has_child(verb, ("neg",)):
                continue
        if slug == "accused_of":
            if index.dep[i] in ("nsubj", "nsubjpass", "dobj", "pobj") and index.pos[i] == "NOUN":
                continue
            reach = [
                t.i
                for child in index.children(i)
                if child.dep_
                in ("prep", "agent", "xcomp", "ccomp", "advcl", "pcomp", "dobj", "npadvmod")
                for t in child.subtree
                if cue.end <= t.i < cue.end + 25
            ]
            if not any(j in index.method_tokens or index.is_event(j) for j in reach):
                continue
        if index.lower[i] in HEDGE_NOUNS and index.pos[i] == "NOUN":
            if not index.in_relcl(i):
                used.append(cue)
            continue
        if index.embedding(i) in ("relative", "concessive", "conditional", "adverbial"):
            continue
        used.append(cue)
    return used


def _negation_scopes(
    index: _Doc,
    sentence: _Sentence,
    by_kind: dict[str, list[Span]],
    rules_by_id: dict[str, CueRule],
) -> list[tuple[Span, set[int]]]:
    """Each negation cue with the tokens it reaches; capability negations ('could not',
    'cannot') are left out: they state a limit, not that an act did not happen."""
    cues = by_kind.get("negation", ())
    if not cues:
        return []
    s0, s1 = sentence.span.start, sentence.span.end
    terminators = sorted(c.start for c in by_kind.get("terminator", ()))
    active: list[tuple[Span, set[int]]] = []
    for cue in cues:
        governed = (
            index.head[cue.start] if index.dep[cue.start] in ("neg", "det", "advmod") else cue.start
        )
        if any(c.lower_ in CAPABILITY_MODALS for c in index.children(governed) if c.dep_ == "aux"):
            continue
        rule = rules_by_id.get(cue.id_)
        active.append((cue, _scope(index, cue, rule, s0, s1, terminators)))
    return active


def _negations(index: _Doc, sentence: _Sentence, active: list[tuple[Span, set[int]]]) -> list[Span]:
    """Negation cues when the sentence denies the act: their scopes cover every act token
    (METHOD roots and event verbs), or, with no act token, a cue in the main clause."""
    if not active:
        return []
    s0, s1 = sentence.span.start, sentence.span.end
    keys = {_predicate(index, ref.root) for ref in sentence.spans if ref.record.label == "METHOD"}
    keys |= {i for i in range(s0, s1) if index.is_event(i) and index.pos[i] == "VERB"}
    if keys:
        covered: set[int] = set()
        for _, scope in active:
            covered |= scope
        if any(index.lemma[k] in PRESUPPOSING_VERBS for k in keys & covered):
            return []
        covering = [cue for cue, scope in active if keys & scope]
        return covering if keys <= covered else []
    return [cue for cue, _ in active if index.embedding(cue.start) is None]


def _predicate(index: _Doc, i: int) -> int:
    """The verb that asserts an act: the act's own verb, or the verb governing a nominal act
    ('the abduction' in 'police did not investigate the abduction' -> 'investigate')."""
    j = i
    for _ in range(16):
        if index.pos[j] in ("VERB", "AUX") or index.head[j] == j:
            return j
        j = index.head[j]
    return j


def _scope(
    index: _Doc, cue: Span, rule: CueRule | None, s0: int, s1: int, terminators: Sequence[int]
) -> set[int]:
    """Tokens a cue reaches: its ConText window (direction, scope, terminators) inside the
    subtree of its clause, minus relative and adverbial clauses that do not hold the cue.
    A negated copula ('it is not surprising that ...', 'it would not be a leap to say ...')
    negates its predicate only, never the clauses below it."""
    direction = rule.direction if rule else "forward"
    width = rule.scope if rule else 0
    lo, hi = s0, s1
    if direction == "forward":
        lo, hi = cue.start + 1, (min(s1, cue.end + width) if width else s1)
        after = [t for t in terminators if t > cue.start]
        if after:
            hi = min(hi, after[0])
    elif direction == "backward":
        lo, hi = (max(s0, cue.start - width) if width else s0), cue.start
        before = [t for t in terminators if t < cue.start]
        if before:
            lo = max(lo, before[-1] + 1)
    head = index.clause_head(cue.start)
    reach: set[int] = set()
    skipped: set[int] = set()
    cue_tokens = set(range(cue.start, cue.end)) - {head}
    embedded = ("relcl", "advcl", "parataxis")
    if index.lemma[head] == "be" and index.dep[cue.start] == "neg":
        embedded = ("relcl", "advcl", "parataxis", "xcomp", "ccomp", "csubj", "acl")
    for token in index.doc[head].subtree:
        if token.i in skipped:
            continue
        if token.i != head and token.dep_ in embedded and token.head.i not in cue_tokens:
            if not cue_tokens & {t.i for t in token.subtree}:
                skipped.update(t.i for t in token.subtree)
                continue
        reach.add(token.i)
    return {i for i in reach if lo <= i < hi}


# --------------------------------------------------------------------------- records


def _cue_record(cue: Span) -> Cue:
    return Cue(
        kind=cue.label_, start=cue.start_char, end=cue.end_char, text=cue.text, pattern_id=cue.id_
    )


def _record(index: _Doc, analysis: _Analysis, *, doc_id: str, pipeline_version: str) -> ClaimRecord:
    """The :class:`ClaimRecord` of an analysed, qualifying sentence."""
    sentence = analysis.sentence
    text = index.text
    cues: list[Span] = []
    if analysis.source_cue is not None:
        cues.append(analysis.source_cue)
    elif (
        analysis.source_rule
        and analysis.source_rule.startswith("quote")
        and sentence.quote_cue is not None
    ):
        cues.append(sentence.quote_cue)
    if analysis.recommendation_cue is not None:
        cues.append(analysis.recommendation_cue)
    cues += analysis.hedge_cues + analysis.negation_cues
    seen: set[tuple[int, int, str]] = set()
    cue_records = []
    for cue in sorted(cues, key=lambda c: (c.start, c.end)):
        key = (cue.start, cue.end, cue.id_)
        if key not in seen and cue.label_ != "terminator":
            seen.add(key)
            cue_records.append(_cue_record(cue))
    pattern_ids = sorted(
        {
            ref.record.provenance.pattern_id
            for ref in sentence.spans
            if ref.record.provenance.pattern_id
        }
    )
    model_labels = sorted(
        {
            ref.record.provenance.model_label
            for ref in sentence.spans
            if ref.record.provenance.model_label
        }
    )
    return ClaimRecord(
        doc_id=doc_id,
        start=sentence.start_char,
        end=sentence.end_char,
        text=text[sentence.start_char : sentence.end_char],
        type=analysis.claim_type,  # type: ignore[arg-type]
        targets=sorted(analysis.targets),
        source=analysis.source,
        hedged=bool(analysis.hedge_cues),
        negated=bool(analysis.negation_cues),
        cues=cue_records,
        provenance=ClaimProvenance(
            pattern_ids=pattern_ids,
            model_labels=model_labels,
            type_rule=analysis.type_id,
            claim_rule=analysis.claim_rule,
            source_rule=analysis.source_rule,
            pipeline_version=pipeline_version,
        ),
        **_field_values(sentence),
    )


__all__ = [
    "CLAIM_RULES",
    "SOURCE_RULES",
    "TARGET_RULES",
    "TYPE_RULES",
    "build_claims",
    "load_cue_rules",
    "match_cues",
]
