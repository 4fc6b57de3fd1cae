"""Doc -> records: the one step where spaCy Docs become pydantic records.

:class:`Pipeline` bundles what is loaded once per process (the spaCy ``Language`` with
our components, the validated patterns, the normaliser) and turns texts into
:class:`~tnr_claims.records.DocumentRecord` values. Everything downstream (exports, the
evaluator, notebooks, the HTML report, batch runs) consumes those records.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from tnr_claims import __version__
from tnr_claims.cases.incidents import WORD_LISTS as LINK_WORD_LISTS
from tnr_claims.claims import build_claims
from tnr_claims.claims.rules import WORD_LISTS as CLAIM_WORD_LISTS
from tnr_claims.nlp import build_nlp, model_info
from tnr_claims.nlp.context import WORD_LISTS as NLP_WORD_LISTS
from tnr_claims.nlp.names import ABBREVIATIONS_KEY
from tnr_claims.nlp.people import relatives_own_names
from tnr_claims.nlp.provenance import Provenance, provenance_of
from tnr_claims.nlp.recodes import CONTEXT_VARIANTS
from tnr_claims.nlp.spans import (
    SEGMENTS_KEY,
    SPAN_KEY,
    WEEKDAYS,
    sentence_bounds,
    sentence_spans,
)
from tnr_claims.normalise import Normaliser, strip_determiner_possessive
from tnr_claims.normalise.dates import (
    DAY_PRECISE,
    MONTH_PRECISE,
    after_previous,
    range_start_year,
    weekday_near,
)
from tnr_claims.normalise.identity import shared_family_names
from tnr_claims.normalise.legal import inherit_instruments
from tnr_claims.normalise.normaliser import WORD_LISTS as NORMALISE_WORD_LISTS
from tnr_claims.provenance import code_hash
from tnr_claims.records import (
    ClaimRecord,
    DocumentRecord,
    PipelineInfo,
    Segment,
    SpanProvenance,
    SpanRecord,
)
from tnr_claims.rules.loader import DEFAULT_PATTERNS_DIR, PatternSet, load_patterns
from tnr_claims.rules.schemas import DependencyRule, SpanRule
from tnr_claims.text.chunking import DEFAULT_MAX_CHARS, merge_records, needs_split, split_text
from tnr_claims.text.pdf_layout import WORD_LISTS as PDF_WORD_LISTS

REQUIRED_WORD_LISTS: tuple[str, ...] = (
    *CLAIM_WORD_LISTS,
    *NLP_WORD_LISTS,
    *NORMALISE_WORD_LISTS,
    *PDF_WORD_LISTS,
    *LINK_WORD_LISTS,
)
"""Every word list the pipeline's rules read; a patterns folder must define them all."""

WEEKDAY_REACH = 3_000
"""How far (characters) after a full date a bare weekday is still read as that story's
day ('Monday' after '13 March 2022'); a date further back (a birth date) tells none."""

TextItem = tuple[str, str, dict[str, Any]]
"""``(doc_id, text, meta)``: what the pipeline processes."""


@dataclass
class Pipeline:
    """The loaded pipeline: spaCy ``Language``, patterns, normaliser and version info."""

    nlp: Language
    patterns: PatternSet
    normaliser: Normaliser
    info: PipelineInfo

    @classmethod
    def load(cls, model: str | None = None, *, patterns_dir: str | Path | None = None) -> Pipeline:
        """Load the model and the patterns once; raise a one-line error if either is missing."""
        return cls.build(model, load_patterns(patterns_dir or DEFAULT_PATTERNS_DIR))

    @classmethod
    def build(cls, model: str | None, patterns: PatternSet) -> Pipeline:
        """Build the pipeline from an already loaded :class:`PatternSet` (e.g. on a worker)."""
        patterns.lexicons.require(REQUIRED_WORD_LISTS)
        nlp = build_nlp(model, patterns=patterns)
        name, version = model_info(nlp)
        info = PipelineInfo(
            version=__version__,
            model=name,
            model_version=version,
            patterns_hash=patterns.sha256,
            code_hash=code_hash(),
        )
        location_rules = [r for r in patterns.span_rules if r.label == "LOCATION"]
        return cls(
            nlp=nlp,
            patterns=patterns,
            normaliser=Normaliser(location_rules, words=patterns.lexicons),
            info=info,
        )

    @property
    def fingerprint(self) -> str:
        """What decides whether a stored result is still valid: code, model, patterns."""
        i = self.info
        return f"{i.version}+{i.code_hash[:16]}|{i.model}=={i.model_version}|{i.patterns_hash}"

    # ------------------------------------------------------------------ processing

    def process(
        self,
        items: Iterable[TextItem],
        *,
        batch_size: int = 16,
        n_process: int = 1,
        max_chars: int = DEFAULT_MAX_CHARS,
    ) -> Iterator[DocumentRecord]:
        """Process ``(doc_id, text, meta)`` items lazily, in order, one record each.

        The one entry point every caller uses (runs, evaluation, labelling, notebooks), so
        a text is treated the same whoever processes it. Texts over ``max_chars`` are split
        at paragraph boundaries (:func:`~tnr_claims.text.chunking.split_text`), their pieces
        parsed one at a time, and the pieces' records merged back with shifted offsets; the
        other texts stream through one ``nlp.pipe``.
        """
        # In input order: a finished long-text record, or None for a text in the stream.
        slots: deque[DocumentRecord | None] = deque()

        def stream() -> Iterator[tuple[str, tuple[str, dict[str, Any], str]]]:
            for doc_id, text, meta in items:
                if needs_split(text, max_chars=max_chars):
                    slots.append(self._process_long(doc_id, text, meta, max_chars))
                else:
                    slots.append(None)
                    yield text, (doc_id, meta, text)

        docs = self.nlp.pipe(stream(), as_tuples=True, batch_size=batch_size, n_process=n_process)
        for doc, (doc_id, meta, text) in docs:
            while slots[0] is not None:
                yield slots.popleft()  # type: ignore[misc]
            slots.popleft()
            yield self.to_record(doc, doc_id=doc_id, meta=meta, text=text)
        while slots:
            yield slots.popleft()  # type: ignore[misc]

    def _process_long(
        self, doc_id: str, text: str, meta: dict[str, Any], max_chars: int
    ) -> DocumentRecord:
        """One long text as pieces of at most ``max_chars``, one piece in the model at once."""
        offsets = split_text(text, max_chars=max_chars)
        bounds = [*offsets, len(text)]
        pieces = (text[bounds[i] : bounds[i + 1]] for i in range(len(offsets)))
        records = [
            self.to_record(doc, doc_id=doc_id, meta=meta, text=piece)
            for doc, piece in self.nlp.pipe(((p, p) for p in pieces), as_tuples=True, batch_size=1)
        ]
        return merge_records(records, offsets)

    def process_text(
        self, text: str, *, doc_id: str = "doc", meta: dict[str, Any] | None = None
    ) -> DocumentRecord:
        """Process one text (convenience for notebooks and tests)."""
        return next(self.process([(doc_id, text, meta or {})]))

    # ------------------------------------------------------------------ Doc -> records

    def to_record(
        self, doc: Doc, *, doc_id: str, meta: dict[str, Any], text: str | None = None
    ) -> DocumentRecord:
        """Turn one processed Doc into its :class:`DocumentRecord` (spans, claims, provenance).

        ``text`` is the text the Doc was made from, when the caller has it: spaCy keeps the
        text exactly, but ``doc.text`` rebuilds it token by token on every read.
        """
        text = doc.text if text is None else text
        segments = [
            Segment(kind=k, start=s, end=e) for k, s, e in doc.user_data.get(SEGMENTS_KEY, [])
        ]
        spans = self._span_records(doc, text, segments, meta)
        sentences = []
        for sent in sentence_spans(doc):
            start, end = sentence_bounds(text, sent)
            if end > start:
                sentences.append((start, end))
        claims = build_claims(
            doc,
            spans,
            segments,
            doc_id=doc_id,
            pipeline_version=self.info.version,
            patterns=self.patterns,
            text=text,
        )
        spans = _quantities_in_claims(spans, claims)
        claims = _with_dyads(text, sentences, spans, claims, self.patterns)
        warnings = list(meta.get("warnings", [])) if isinstance(meta.get("warnings"), list) else []
        return DocumentRecord(
            doc_id=doc_id,
            text=text,
            meta={k: v for k, v in meta.items() if k != "warnings"},
            segments=segments,
            sentences=sentences,
            spans=spans,
            claims=claims,
            warnings=warnings,
            pipeline=self.info,
        )

    def _span_records(
        self, doc: Doc, text: str, segments: list[Segment], meta: dict[str, Any]
    ) -> list[SpanRecord]:
        norm = self.normaliser
        anchor = norm.anchor_date(text, meta)
        raw = list(doc.spans[SPAN_KEY]) if SPAN_KEY in doc.spans else []
        named = [(s.label_, s.text) for s in raw if s.label_ in ("PERSON", "ORG")]
        defined = doc.user_data.get(ABBREVIATIONS_KEY, {})
        canonicals = norm.names(named, text, defined) if named else []
        own = relatives_own_names(raw, self.patterns.lexicons)
        canonicals = [  # 'my father, Hisham Nasser' is no short form of 'Nour Hisham Nasser'
            surface if surface in own and name.endswith(" " + surface) else name
            for (_, surface), name in zip(named, canonicals, strict=True)
        ]
        # 'the Guards' resolves to the fullest mention, 'Revolutionary Guards Corps'; when a
        # rule gives that mention its canonical name, the short form takes it too
        ruled = self._rule_names([s for s in raw if s.label_ in ("PERSON", "ORG")], canonicals)
        names = iter([ruled.get(name, name) for name in canonicals])
        records: list[SpanRecord] = []
        previous_day: str | None = None
        previous_at = 0  # where the text told that day
        previous_month: str | None = None  # the last date, when told to the month of an act
        day_told_in = -1  # the sentence of the last day told
        acts_told = {s.sent.start for s in raw if s.label_ == "METHOD"}  # their sentences
        places = _qualified_places(norm, raw, text)
        acronyms = norm.acronyms(text)
        apposed = _apposed_dates(raw)
        for span in raw:
            provenance = provenance_of(span)
            rule = self.patterns.by_id.get(provenance.origin_id)
            rule = rule if isinstance(rule, (SpanRule, DependencyRule)) else None
            label = span.label_
            surface = span.text
            fields: dict[str, Any] = {}
            code_rule = provenance.code_rule() if label == "METHOD" else None
            if label == "METHOD" and (rule is not None or code_rule):
                # a METHOD a context rule made has no pattern: its code is the rule's
                code = code_rule.split(".", 1)[0] if code_rule else rule.method_code
                fields = {
                    "code": code,
                    "variant": rule.variant
                    if rule is not None and code == rule.method_code
                    else CONTEXT_VARIANTS.get(code_rule or ""),
                }
            elif label == "LOCATION":
                fields = {"code": _location_code(norm, rule, surface, text, span.end_char, places)}
            elif label == "LEGAL_REF":
                instrument, article, jurisdiction = norm.legal_ref(
                    acronyms.get(surface, surface),
                    instrument=rule.instrument if rule else None,
                    jurisdiction=rule.jurisdiction if rule else None,
                )
                instrument = acronyms.get(instrument, instrument)  # 'Section 5 of the ATA'
                fields = {
                    "instrument": instrument,
                    "article": article,
                    "jurisdiction": jurisdiction,
                }
            elif label in ("PERSON", "ORG"):
                canonical = next(names)
                fields = {
                    "name": _rule_or_document_name(rule, surface, canonical, surface in defined)
                }
            elif label == "DATE":
                told = apposed.get(span.start, surface)  # 'Sunday (June 16)': June 16
                # 'held in August 2023 ... released that evening': the month of the act told
                # last; 'three days later' has no day then, not an older one
                value = after_previous(told, previous_month or previous_day) or norm.date(
                    told, anchor=anchor, year_from_anchor=True
                )
                if (
                    value is None
                    and anchor is None
                    and span.start_char - previous_at < WEEKDAY_REACH
                ):
                    value = weekday_near(told, previous_day)  # the same story, told nearby
                if value is None:
                    continue
                # not a month beside the act's day ('on 3 May, weeks before a June summit')
                month_of_an_act = span.sent.start in acts_told and day_told_in != span.sent.start
                previous_month = value if MONTH_PRECISE.match(value) and month_of_an_act else None
                if DAY_PRECISE.match(value):
                    previous_day, previous_at, day_told_in = value, span.end_char, span.sent.start
                fields = {"value": value}
            elif label == "QUANTITY":
                fields = {"value": norm.quantity(surface)}
            records.append(
                SpanRecord(
                    start=span.start_char,
                    end=span.end_char,
                    label=label,
                    text=surface,
                    zone=_zone_of(segments, span.start_char),
                    provenance=_span_provenance(provenance, rule),
                    **fields,
                )
            )
        records = with_range_years(_with_inherited_instruments(records, text), text)
        return _with_shared_family_names(self._with_institution_countries(records, text), text)

    def _rule_names(self, spans: list[Span], canonicals: list[str]) -> dict[str, str]:
        """Resolved name -> the canonical name a rule gives the mention that is that
        fullest form itself (not a shorter mention resolved to a longer one: 'Ministry of
        Foreign Affairs' after 'Ministry of Foreign Affairs of Ruritania')."""
        ruled: dict[str, str] = {}
        for span, canonical in zip(spans, canonicals, strict=True):
            rule = self.patterns.by_id.get(provenance_of(span).origin_id)
            if (
                isinstance(rule, SpanRule)
                and rule.name
                and rule.label == span.label_
                and strip_determiner_possessive(span.text) == canonical
            ):
                ruled.setdefault(canonical, rule.name)
        return ruled

    def _with_institution_countries(self, records: list[SpanRecord], text: str) -> list[SpanRecord]:
        """'Tajikistan's Supreme Court' is 'Supreme Court of Tajikistan', and so is a later
        bare 'Supreme Court' (:mod:`tnr_claims.normalise.institutions`)."""
        orgs = [(r.start, r.text, r.name) for r in records if r.label == "ORG" and r.name]
        if not orgs:
            return records
        places = [r.text for r in records if r.label == "LOCATION"]
        renamed = self.normaliser.institution_names(orgs, places, text)
        return _renamed(records, "ORG", lambda r: renamed.get(r.start)) if renamed else records


def _apposed_dates(spans: list[Span]) -> dict[int, str]:
    """Token start of a DATE that names a day, followed by its date in brackets or after a
    comma ('Sunday (June 16)', 'last Monday, June 30') -> that date's text: the day is that
    date."""
    dates = [s for s in spans if s.label_ == "DATE"]
    found: dict[int, str] = {}
    for first, second in zip(dates, dates[1:], strict=False):
        between = first.doc[first.end : second.start]
        if (
            len(between) == 1
            and between[0].text in ("(", ",")
            and any(t.text in WEEKDAYS for t in first)
        ):
            found[first.start] = second.text
    return found


def with_range_years(records: list[SpanRecord], text: str) -> list[SpanRecord]:
    """A range's first end written without its year takes the second end's year
    (:func:`tnr_claims.normalise.dates.range_start_year`)."""
    dates = [r for r in records if r.label == "DATE" and r.value]
    years: dict[int, str] = {}
    for first, second in zip(dates, dates[1:], strict=False):
        value = range_start_year(
            first.value or "", second.value or "", text[first.end : second.start]
        )
        if value is not None:
            years[first.start] = value
    if not years:
        return records
    return [
        r.model_copy(update={"value": years[r.start]})
        if r.label == "DATE" and r.start in years
        else r
        for r in records
    ]


def _with_shared_family_names(records: list[SpanRecord], text: str) -> list[SpanRecord]:
    """'Sergei and Yulia Vell': Sergei's name is 'Sergei Vell' (:func:`shared_family_names`)."""
    people = [(r.start, r.end, r.name) for r in records if r.label == "PERSON" and r.name]
    renamed = shared_family_names(people, text) if len(people) > 1 else {}
    if not renamed:
        return records
    records = _renamed(records, "PERSON", lambda r: renamed.get(r.name or ""))
    # a bare family name ('Mr Vell') was given the one relative then named in full; with
    # the first given name now joined to it, it is the one the document names first, as
    # for any family name relatives share (normalise.normaliser._nearest_fullest)
    first: dict[str, str] = {}
    for record in records:
        if record.label == "PERSON" and record.name and " " in record.name:
            first.setdefault(record.name.rsplit(" ", 1)[-1], record.name)
    joined = {full.rsplit(" ", 1)[-1] for full in renamed.values()}
    return _renamed(
        records,
        "PERSON",
        lambda r: (
            first.get(r.name.rsplit(" ", 1)[-1])
            if r.name and text[r.start : r.end] in joined
            else None
        ),
    )


def _renamed(
    records: list[SpanRecord], label: str, new_name: Callable[[SpanRecord], str | None]
) -> list[SpanRecord]:
    """``records`` with the ``label`` records that ``new_name`` gives a name renamed."""
    result = []
    for record in records:
        name = new_name(record) if record.label == label else None
        result.append(record.model_copy(update={"name": name}) if name else record)
    return result


def _with_inherited_instruments(records: list[SpanRecord], text: str) -> list[SpanRecord]:
    """Bare provisions take their document's instrument (:func:`inherit_instruments`)."""
    legal = [r for r in records if r.label == "LEGAL_REF"]
    if not legal:
        return records
    fields = [
        {
            "start": r.start,
            "end": r.end,
            "instrument": r.instrument,
            "article": r.article,
            "jurisdiction": r.jurisdiction,
        }
        for r in legal
    ]
    inherit_instruments(fields, text)
    changed = {
        r.start: r.model_copy(update={k: f[k] for k in ("instrument", "article", "jurisdiction")})
        for r, f in zip(legal, fields, strict=True)
        if (r.instrument, r.article, r.jurisdiction)
        != (f["instrument"], f["article"], f["jurisdiction"])
    }
    return [changed.get(r.start, r) if r.label == "LEGAL_REF" else r for r in records]


def _span_provenance(
    provenance: Provenance, rule: SpanRule | DependencyRule | None
) -> SpanProvenance:
    """The record form of a span's typed provenance: its rule or model label, and the ids
    of the context rules that changed it."""
    context = provenance.context_rules
    if rule is not None:
        return SpanProvenance(source="rule", pattern_id=rule.id, context_rules=context)
    model_label = provenance.origin_id.removeprefix("model:") or None
    return SpanProvenance(source="model", model_label=model_label, context_rules=context)


def _with_dyads(
    text: str,
    sentences: list[tuple[int, int]],
    spans: list[SpanRecord],
    claims: list[ClaimRecord],
    patterns: PatternSet,
) -> list[ClaimRecord]:
    """Claims with their perpetrator and host states (:mod:`tnr_claims.claims.dyads`)."""
    from tnr_claims.claims.dyads import assign_dyads_to

    assign_dyads_to(text, sentences, spans, claims, patterns)
    return claims


def _quantities_in_claims(spans: list[SpanRecord], claims: list[ClaimRecord]) -> list[SpanRecord]:
    """Codebook (second set): QUANTITY is labelled only in claim sentences (a count that a
    claim rests on); counts elsewhere, headlines included, are dropped."""
    bounds = [(claim.start, claim.end) for claim in claims]
    return [
        span
        for span in spans
        if span.label != "QUANTITY" or any(s <= span.start and span.end <= e for s, e in bounds)
    ]


QUALIFIER = re.compile(r",\s*((?:[A-Z][\w.]*\.?)(?:\s+[A-Z][\w.]*)*)")
"""A region or country written after a place name: "Surrey, B.C.", "Perth, Scotland"."""


def _qualifier(text: str, end: int) -> str | None:
    match = QUALIFIER.match(text, end, min(len(text), end + 40))
    return match.group(1) if match else None


def _qualified_places(norm: Normaliser, spans: Iterable[Any], text: str) -> dict[str, str | None]:
    """The document's memory of place names it qualifies, directly or by context.

    - "Surrey, B.C." qualifies "Surrey" (CA), for every mention in the document, also one
      before the qualified one.
    - A name whose usual reading is a region (the English county of Surrey) but which is
      also a city in a country the document names by unambiguous places (British Columbia,
      Canada) is read as that city. A name usually read as a city or country is left alone
      ("London" stays GB in a report that also names Canada).
    """
    places: dict[str, str | None] = {}
    locations = [span for span in spans if span.label_ == "LOCATION"]
    named: set[str] = set()
    for span in locations:
        qualifier = _qualifier(text, span.end_char)
        if qualifier:
            places[span.text] = norm.qualified_location(span.text, qualifier)
        readings, _ = norm.place_readings(span.text)
        if readings == {norm.location(span.text)}:
            named |= readings
    for span in locations:
        plain = norm.location(span.text)
        if span.text in places or plain is None:
            continue  # qualified already, or a region by the alias table ("the Gulf")
        readings, regional = norm.place_readings(span.text)
        other = (readings - {plain}) & named
        if regional and len(other) == 1:
            places[span.text] = next(iter(other))
    return places


def _location_code(
    norm: Normaliser,
    rule: SpanRule | DependencyRule | None,
    surface: str,
    text: str,
    end: int,
    places: dict[str, str | None],
) -> str | None:
    """A LOCATION span's country: its rule's code, else as qualified here or in the document.

    A place name followed by ", <region>" takes the region's country when the name exists
    there (:meth:`Normaliser.qualified_location`); bare mentions of the same name elsewhere
    in the document take that reading too (``places``, from :func:`_qualified_places`).
    """
    if rule is not None and getattr(rule, "code", None):
        return rule.code
    qualifier = _qualifier(text, end)
    if qualifier:
        return norm.qualified_location(surface, qualifier)
    if surface in places:
        return places[surface]
    return norm.location(surface)


def _zone_of(segments: list[Segment], offset: int) -> str:
    for segment in segments:
        if segment.start <= offset < segment.end:
            return segment.kind
    return "body"


def _rule_or_document_name(
    rule: SpanRule | None, surface: str, canonical: str, spelled_out: bool
) -> str:
    """The name of a PERSON or ORG mention: a gazetteer rule's canonical name ('INTERPOL' is
    Interpol), unless the document spells the abbreviation out (``spelled_out``: 'State
    Security Committee (KGB)', the fullest spelling is the name, codebook) or the mention
    lost the words the rule matched ('[Interpol's] Commission for the Control of Files': the
    possessor was cut off, the name is the commission's)."""
    if rule is None or not rule.name or spelled_out:
        return canonical
    words = [rule.name, *(p for p in _listed(rule.pattern) if isinstance(p, str))]
    if not any(w.lower() in surface.lower() for w in words) and not _token_pattern(rule):
        return canonical
    return rule.name


def _listed(pattern: Any) -> list[Any]:
    return pattern if isinstance(pattern, list) else [pattern]


def _token_pattern(rule: SpanRule) -> bool:
    return any(isinstance(p, (dict, list)) for p in _listed(rule.pattern))
