"""Records: the pydantic models every consumer reads.

Two families live here:

* the **exchange format** of ``gold-format.md`` (:class:`GoldSpan`, :class:`GoldClaim`,
  :class:`GoldDocument`): what gold files hold and what ``documents.jsonl`` holds;
* the **pipeline records** (:class:`SpanRecord`, :class:`ClaimRecord`,
  :class:`DocumentRecord`): the same facts plus provenance (which pattern or model
  label produced a span, which cue made a claim hedged, the pipeline version).

Docs become records once, in :mod:`tnr_claims.extract`; exports, the evaluator, notebooks
and the HTML report consume records, never spaCy Docs. Every record validates itself:
offsets inside the text, ``text[start:end]`` equal to the stated surface, no overlapping
spans, labels and codes from :mod:`tnr_claims.codebook`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from tnr_claims.codebook import (
    ABDUCTION_VARIANTS,
    CLAIM_TYPES,
    LABEL_FIELDS,
    METHOD_CODES,
    SPAN_LABELS,
    ClaimType,
    SpanLabel,
    legal_ref_key,
)

HostRole = Literal["direct", "cooperating", "unknown"]
IsoCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
ZoneKind = Literal[
    "title", "heading", "body", "list", "dateline", "boilerplate", "references", "caption"
]
CueKind = Literal["hedge", "negation", "attribution", "recommendation", "quote"]

_START = "Character offset where it starts in the document text (0-based)."
_END = "Character offset just after its end (text[start:end] is its surface)."
_SPAN = {
    "label": "Span label of the codebook (`claims codebook`).",
    "text": "The span's surface, equal to text[start:end] of the document.",
    "code": "METHOD: the METHOD code; LOCATION: ISO 3166-1 alpha-2 of the country "
    "(null for regions spanning countries); else null.",
    "variant": "ABDUCTION only: 'direct', 'indirect' or null.",
    "instrument": "LEGAL_REF: canonical short name of the instrument ('Supervision Law').",
    "article": "LEGAL_REF: the article or section, as a string, or null.",
    "jurisdiction": "LEGAL_REF: ISO alpha-2 of the state whose instrument it is, or null.",
    "name": "PERSON: fullest form of the name in the document; ORG: canonical full name.",
    "value": "DATE: ISO 8601 string ('2019', '2019-03', '--03-21' with no year); "
    "QUANTITY: integer or null for vague counts.",
}
_CLAIM = {
    "type": "Claim type: incident, statistic, legal, recommendation or pattern.",
    "methods": "METHOD codes named in the sentence.",
    "locations": "ISO 3166-1 alpha-2 codes of the places in the sentence.",
    "legal_refs": "Legal references as 'instrument#article' keys ('Supervision Law#52').",
    "targets": "Names of the people the act is aimed at.",
    "source": "Who the claim is attributed to (canonical ORG or PERSON name); null when "
    "the author asserts it.",
    "hedged": "True when reported as belief or allegation ('reportedly', 'may', 'claims').",
    "negated": "True when the sentence denies the act happened.",
    "dates": "DATE values (ISO 8601) in the sentence.",
    "quantities": "QUANTITY values (integers) in the sentence.",
    "text": "The sentence, equal to text[start:end] of the document.",
}
_DOC = {
    "doc_id": "Document id: the input file's name without extension.",
    "text": "The document's text; every offset indexes this string.",
    "meta": "Document metadata: title, publisher, url, published, pages, encoding ... "
    "(from SOURCES.tsv beside the file, and HTML or PDF metadata).",
    "spans": "Labelled spans, in offset order.",
    "claims": "Claim sentences, in offset order.",
}


def _known_method_codes(value: list[str]) -> list[str]:
    """Reject METHOD codes the codebook does not know."""
    unknown = [code for code in value if code not in METHOD_CODES]
    if unknown:
        raise ValueError(f"unknown METHOD code(s) {unknown}")
    return value


MethodCodes = Annotated[list[str], AfterValidator(_known_method_codes)]
"""A claim's ``methods``: METHOD codes of the codebook."""


class _Strict(BaseModel):
    """Base: unknown keys are errors, values are validated on assignment."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


# --------------------------------------------------------------------------- gold format


class GoldSpan(_Strict):
    """One labelled span in the gold format (``gold-format.md``)."""

    start: int = Field(ge=0, description=_START)
    end: int = Field(gt=0, description=_END)
    label: SpanLabel = Field(description=_SPAN["label"])
    text: str | None = Field(None, description=_SPAN["text"])
    code: str | None = Field(None, description=_SPAN["code"])
    variant: str | None = Field(None, description=_SPAN["variant"])
    instrument: str | None = Field(None, description=_SPAN["instrument"])
    article: str | None = Field(None, description=_SPAN["article"])
    jurisdiction: str | None = Field(None, description=_SPAN["jurisdiction"])
    name: str | None = Field(None, description=_SPAN["name"])
    value: str | int | None = Field(None, description=_SPAN["value"])

    @model_validator(mode="after")
    def _check_fields(self) -> GoldSpan:
        if self.end <= self.start:
            raise ValueError(f"span end {self.end} must be after start {self.start}")
        if self.label == "METHOD":
            if self.code not in METHOD_CODES:
                raise ValueError(f"unknown METHOD code {self.code!r}")
            if self.variant is not None and self.variant not in ABDUCTION_VARIANTS:
                raise ValueError(f"unknown ABDUCTION variant {self.variant!r}")
        if self.label in ("LOCATION",) and self.code is not None:
            if len(self.code) != 2 or not self.code.isupper():
                raise ValueError(f"LOCATION code {self.code!r} is not ISO 3166-1 alpha-2")
        if self.label == "LEGAL_REF" and not self.instrument:
            raise ValueError("LEGAL_REF needs an instrument")
        if self.label == "QUANTITY" and self.value is not None and not isinstance(self.value, int):
            raise ValueError(f"QUANTITY value {self.value!r} must be an integer or null")
        if self.label == "DATE" and self.value is not None and not isinstance(self.value, str):
            raise ValueError(f"DATE value {self.value!r} must be an ISO 8601 string")
        return self

    @property
    def norm(self) -> Any:
        """The normalised value compared by the ``normalised`` score."""
        if self.label in ("METHOD", "LOCATION"):
            return self.code
        if self.label == "LEGAL_REF":
            return ((self.instrument or "").lower(), (self.article or "").lower())
        if self.label in ("PERSON", "ORG"):
            return (self.name or "").lower()
        return self.value


class GoldClaim(_Strict):
    """One claim sentence in the gold format."""

    start: int = Field(ge=0, description=_START)
    end: int = Field(gt=0, description=_END)
    type: ClaimType = Field(description=_CLAIM["type"])
    methods: MethodCodes = Field(default_factory=list, description=_CLAIM["methods"])
    locations: list[str] = Field(default_factory=list, description=_CLAIM["locations"])
    legal_refs: list[str] = Field(default_factory=list, description=_CLAIM["legal_refs"])
    targets: list[str] = Field(default_factory=list, description=_CLAIM["targets"])
    source: str | None = Field(None, description=_CLAIM["source"])
    hedged: bool = Field(False, description=_CLAIM["hedged"])
    negated: bool = Field(False, description=_CLAIM["negated"])
    dates: list[str] = Field(default_factory=list, description=_CLAIM["dates"])
    quantities: list[int] = Field(default_factory=list, description=_CLAIM["quantities"])
    text: str | None = Field(None, description=_CLAIM["text"])

    @field_validator("legal_refs")
    @classmethod
    def _legal_keys(cls, value: list[str]) -> list[str]:
        bad = [key for key in value if "#" not in key]
        if bad:
            raise ValueError(f"legal_refs must be 'instrument#article' keys, got {bad}")
        return value

    @model_validator(mode="after")
    def _check_offsets(self) -> GoldClaim:
        if self.end <= self.start:
            raise ValueError(f"claim end {self.end} must be after start {self.start}")
        if self.type not in CLAIM_TYPES:
            raise ValueError(f"unknown claim type {self.type!r}")
        return self


GOLD_CLAIM_KEYS: tuple[str, ...] = tuple(
    name for name in GoldClaim.model_fields if name not in ("start", "end", "text")
)
"""Keys of a gold-format claim besides its offsets and stated text, in the format's order."""

_Located = TypeVar("_Located", "GoldSpan", "SpanRecord")


def overlapping_pairs(spans: Sequence[_Located]) -> Iterator[tuple[_Located, _Located]]:
    """Yield each pair of neighbouring spans (in offset order) that overlap."""
    ordered = sorted(spans, key=lambda s: (s.start, s.end))
    for left, right in zip(ordered, ordered[1:], strict=False):
        if right.start < left.end:
            yield left, right


def check_spans_against_text(text: str, spans: list[GoldSpan] | list[SpanRecord]) -> list[str]:
    """Return problems of spans against their document text (empty list when all is well).

    Checks offsets inside the text, stated surface equal to ``text[start:end]``, and no
    two spans overlapping.
    """
    problems: list[str] = []
    for span in spans:
        if span.end > len(text):
            problems.append(
                f"span {span.start}-{span.end} {span.label} ends past the text ({len(text)})"
            )
        elif span.text is not None and text[span.start : span.end] != span.text:
            problems.append(
                f"span {span.start}-{span.end} {span.label}: text {span.text!r} "
                f"!= text[start:end] {text[span.start : span.end]!r}"
            )
    for left, right in overlapping_pairs(spans):
        problems.append(
            f"spans overlap: {left.start}-{left.end} {left.label} and "
            f"{right.start}-{right.end} {right.label}"
        )
    return problems


class GoldDocument(_Strict):
    """One line of a gold file or of ``documents.jsonl``."""

    model_config = ConfigDict(extra="allow", validate_assignment=False)

    doc_id: str = Field(min_length=1, description=_DOC["doc_id"])
    text: str = Field(description=_DOC["text"])
    meta: dict[str, Any] = Field(default_factory=dict, description=_DOC["meta"])
    spans: list[GoldSpan] = Field(default_factory=list, description=_DOC["spans"])
    claims: list[GoldClaim] = Field(default_factory=list, description=_DOC["claims"])

    @model_validator(mode="after")
    def _check_text(self) -> GoldDocument:
        problems = check_spans_against_text(self.text, self.spans)
        for claim in self.claims:
            if claim.end > len(self.text):
                problems.append(f"claim {claim.start}-{claim.end} ends past the text")
            elif claim.text is not None and self.text[claim.start : claim.end] != claim.text:
                problems.append(f"claim {claim.start}-{claim.end}: stated text differs from text")
        if problems:
            raise ValueError("; ".join(problems))
        return self


# --------------------------------------------------------------------------- pipeline records


class SpanProvenance(_Strict):
    """Where a span came from: the rule pattern id and/or the model's label."""

    source: Literal["rule", "model", "gazetteer"] = Field(
        description="What produced the span: a rule, the statistical model or a gazetteer."
    )
    pattern_id: str | None = Field(
        None, description="Id of the rule in patterns/ that matched ('ABDUCTION.kidnap')."
    )
    model_label: str | None = Field(
        None, description="The model's entity label when the model produced it ('GPE')."
    )
    context_rules: list[str] = Field(
        default_factory=list,
        description="Ids of context rules that changed the span's code or label after matching.",
    )


class SpanRecord(_Strict):
    """A labelled, normalised span with provenance."""

    start: int = Field(ge=0, description=_START)
    end: int = Field(gt=0, description=_END)
    label: SpanLabel = Field(description=_SPAN["label"])
    text: str = Field(description=_SPAN["text"])
    code: str | None = Field(None, description=_SPAN["code"])
    variant: str | None = Field(None, description=_SPAN["variant"])
    instrument: str | None = Field(None, description=_SPAN["instrument"])
    article: str | None = Field(None, description=_SPAN["article"])
    jurisdiction: str | None = Field(None, description=_SPAN["jurisdiction"])
    name: str | None = Field(None, description=_SPAN["name"])
    value: str | int | None = Field(None, description=_SPAN["value"])
    zone: ZoneKind = Field(
        "body", description="Zone of the document the span stands in (title, heading, body ...)."
    )
    provenance: SpanProvenance = Field(description="What produced the span and what changed it.")

    def to_gold(self) -> GoldSpan:
        """Return the gold-format view of this span (only the fields its label carries)."""
        fields = {name: getattr(self, name) for name in LABEL_FIELDS[self.label]}
        return GoldSpan(start=self.start, end=self.end, label=self.label, text=self.text, **fields)


class Cue(_Strict):
    """A cue that shaped a claim: an attribution verb, a hedge, a negation, a call."""

    kind: CueKind = Field(
        description="What the cue does: hedge, negation, attribution, recommendation, quote."
    )
    start: int = Field(ge=0, description=_START)
    end: int = Field(gt=0, description=_END)
    text: str = Field(description="The cue's words, equal to text[start:end].")
    pattern_id: str = Field(description="Id of the cue rule that matched.")


class TargetDecision(_Strict):
    """Why a person is a claim's target: the name and the ``TARGET_RULES`` id that decided."""

    name: str = Field(description="The target's name (a PERSON name of the document).")
    rule: str = Field(description="Id of the target rule that chose this person.")


class ClaimProvenance(_Strict):
    """Why a sentence became this claim: the spans' producers, cues and decisions."""

    pattern_ids: list[str] = Field(
        default_factory=list, description="Ids of the rules that produced the claim's spans."
    )
    model_labels: list[str] = Field(
        default_factory=list, description="Model entity labels behind the claim's spans."
    )
    type_rule: str = Field(description="The claim-type rule that fired (TYPE_RULES id).")
    claim_rule: str | None = Field(
        None, description="Why the sentence is a claim at all (CLAIM_RULES id)."
    )
    source_rule: str | None = Field(
        None,
        description="How the source was found (according_to, reporting_verb, "
        "quote_continued ...); null when there is no source.",
    )
    target_rules: list[TargetDecision] = Field(
        default_factory=list,
        description="Why each target is a target (TARGET_RULES ids), in sentence order.",
    )
    dyad_rules: list[str] = Field(
        default_factory=list,
        description="Ids of the patterns/dyads.jsonl rules that set the claim's dyad.",
    )
    pipeline_version: str = Field(description="Version of the package that made the claim.")


class ClaimRecord(_Strict):
    """One claim sentence with its normalised fields, cues and provenance."""

    doc_id: str = Field(description=_DOC["doc_id"])
    start: int = Field(ge=0, description=_START)
    end: int = Field(gt=0, description=_END)
    text: str = Field(description=_CLAIM["text"])
    type: ClaimType = Field(description=_CLAIM["type"])
    methods: MethodCodes = Field(default_factory=list, description=_CLAIM["methods"])
    locations: list[str] = Field(default_factory=list, description=_CLAIM["locations"])
    legal_refs: list[str] = Field(default_factory=list, description=_CLAIM["legal_refs"])
    targets: list[str] = Field(default_factory=list, description=_CLAIM["targets"])
    source: str | None = Field(None, description=_CLAIM["source"])
    hedged: bool = Field(False, description=_CLAIM["hedged"])
    negated: bool = Field(False, description=_CLAIM["negated"])
    dates: list[str] = Field(default_factory=list, description=_CLAIM["dates"])
    quantities: list[int] = Field(default_factory=list, description=_CLAIM["quantities"])
    cues: list[Cue] = Field(
        default_factory=list,
        description="Words that decided attribution, hedging, negation or a call for action.",
    )
    perpetrator_states: list[IsoCode] = Field(
        default_factory=list,
        description="States that carry out, order or request the act (ISO 3166-1 alpha-2), "
        "as the text states them.",
    )
    host_states: list[IsoCode] = Field(
        default_factory=list,
        description="Countries where the act reached the target (ISO 3166-1 alpha-2).",
    )
    host_role: HostRole | None = Field(
        None,
        description="direct (the perpetrator acted itself), cooperating (host authorities "
        "acted at its request) or unknown; null when the text names no state.",
    )
    provenance: ClaimProvenance = Field(description="Why the sentence became this claim.")

    def to_gold(self) -> GoldClaim:
        """Return the gold-format view of this claim."""
        data = self.model_dump(
            exclude={
                "doc_id",
                "cues",
                "provenance",
                "perpetrator_states",
                "host_states",
                "host_role",
            }
        )
        return GoldClaim(**data)


class Segment(_Strict):
    """A zone of the document: title, heading, body paragraph, boilerplate, references."""

    kind: ZoneKind = Field(
        description="Zone kind: title, heading, body, boilerplate, references or caption."
    )
    start: int = Field(ge=0, description=_START)
    end: int = Field(ge=0, description=_END)


class PipelineInfo(_Strict):
    """What produced a record: package version, hash of its code, model, patterns hash."""

    version: str = Field(description="Version of the tnr-claims package.")
    model: str = Field(description="Name of the spaCy model package.")
    model_version: str = Field(description="Version of the spaCy model.")
    patterns_hash: str = Field(description="SHA-256 of the rule files that were loaded.")
    code_hash: str = Field(
        "",
        description="SHA-256 of the package's Python sources "
        "(:func:`tnr_claims.provenance.code_hash`).",
    )


class DocumentRecord(_Strict):
    """Everything the pipeline extracted from one document."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)

    doc_id: str = Field(min_length=1, description=_DOC["doc_id"])
    text: str = Field(description=_DOC["text"])
    meta: dict[str, Any] = Field(default_factory=dict, description=_DOC["meta"])
    segments: list[Segment] = Field(
        default_factory=list, description="Zones of the text (title, headings, body ...)."
    )
    sentences: list[tuple[int, int]] = Field(
        default_factory=list, description="(start, end) offsets of every sentence."
    )
    spans: list[SpanRecord] = Field(default_factory=list, description=_DOC["spans"])
    claims: list[ClaimRecord] = Field(default_factory=list, description=_DOC["claims"])
    warnings: list[str] = Field(
        default_factory=list, description="Notes about this document (language, splitting ...)."
    )
    pipeline: PipelineInfo = Field(description="What produced the record (versions, hashes).")

    @model_validator(mode="after")
    def _check_text(self) -> DocumentRecord:
        problems = check_spans_against_text(self.text, self.spans)
        n = len(self.text)
        for claim in self.claims:
            if claim.end > n or self.text[claim.start : claim.end] != claim.text:
                problems.append(f"claim {claim.start}-{claim.end} text differs from the document")
            for cue in claim.cues:
                if cue.end > n or self.text[cue.start : cue.end] != cue.text:
                    problems.append(f"cue {cue.start}-{cue.end} text differs from the document")
        for seg in self.segments:
            if seg.end > n or seg.end < seg.start:
                problems.append(f"segment {seg.start}-{seg.end} outside the text")
        if problems:
            raise ValueError(f"{self.doc_id}: " + "; ".join(problems))
        return self

    def to_gold(self) -> GoldDocument:
        """Return the exact gold-format view written to ``documents.jsonl``."""
        return GoldDocument(
            doc_id=self.doc_id,
            text=self.text,
            meta=self.meta,
            spans=[span.to_gold() for span in self.spans],
            claims=[claim.to_gold() for claim in self.claims],
        )


def gold_dict(document: GoldDocument | DocumentRecord) -> dict[str, Any]:
    """Serialise a document as a plain dict in the gold format's key order.

    For a :class:`DocumentRecord` this is ``gold_dict(record.to_gold())`` without
    validating the record a second time (the export's hot path): spans keep only the
    fields their label carries, claims drop the stated text, cues and provenance.
    """
    spans = []
    for span in document.spans:
        item: dict[str, Any] = {"start": span.start, "end": span.end, "label": span.label}
        for name in LABEL_FIELDS[span.label]:
            item[name] = getattr(span, name)
        if span.text is not None:
            item["text"] = span.text
        spans.append(item)
    claims = []
    for claim in document.claims:
        item = {"start": claim.start, "end": claim.end}
        for name in GOLD_CLAIM_KEYS:
            value = getattr(claim, name)
            item[name] = list(value) if isinstance(value, list) else value
        claims.append(item)
    return {
        "doc_id": document.doc_id,
        "text": document.text,
        "meta": document.meta,
        "spans": spans,
        "claims": claims,
    }


__all__ = [
    "SPAN_LABELS",
    "ClaimProvenance",
    "ClaimRecord",
    "Cue",
    "DocumentRecord",
    "GOLD_CLAIM_KEYS",
    "GoldClaim",
    "GoldDocument",
    "GoldSpan",
    "PipelineInfo",
    "Segment",
    "SpanProvenance",
    "SpanRecord",
    "check_spans_against_text",
    "gold_dict",
    "legal_ref_key",
    "overlapping_pairs",
]
