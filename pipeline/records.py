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

ZoneKind = Literal["title", "heading", "body", "boilerplate", "references", "caption"]
CueKind = Literal["hedge", "negation", "attribution", "recommendation", "quote"]


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

    start: int = Field(ge=0)
    end: int = Field(gt=0)
    label: SpanLabel
    text: str | None = None
    code: str | None = None
    variant: str | None = None
    instrument: str | None = None
    article: str | None = None
    jurisdiction: str | None = None
    name: str | None = None
    value: str | int | None = None

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

    start: int = Field(ge=0)
    end: int = Field(gt=0)
    type: ClaimType
    methods: MethodCodes = Field(default_factory=list)
    locations: list[str] = Field(default_factory=list)
    legal_refs: list[str] = Field(default_factory=list)
    targets: list[str] = Field(default_factory=list)
    source: str | None = None
    hedged: bool = False
    negated: bool = False
    dates: list[str] = Field(default_factory=list)
    quantities: list[int] = Field(default_factory=list)
    text: str | None = None

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

    doc_id: str = Field(min_length=1)
    text: str
    meta: dict[str, Any] = Field(default_factory=dict)
    spans: list[GoldSpan] = Field(default_factory=list)
    claims: list[GoldClaim] = Field(default_factory=list)

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

    source: Literal["rule", "model", "gazetteer"]
    pattern_id: str | None = None
    model_label: str | None = None
    context_rules: list[str] = Field(default_factory=list)
    """Ids of context rules that changed the span's code or label after matching."""


class SpanRecord(_Strict):
    """A labelled, normalised span with provenance."""

    start: int = Field(ge=0)
    end: int = Field(gt=0)
    label: SpanLabel
    text: str
    code: str | None = None
    variant: str | None = None
    instrument: str | None = None
    article: str | None = None
    jurisdiction: str | None = None
    name: str | None = None
    value: str | int | None = None
    zone: ZoneKind = "body"
    provenance: SpanProvenance

    def to_gold(self) -> GoldSpan:
        """Return the gold-format view of this span (only the fields its label carries)."""
        fields = {name: getattr(self, name) for name in LABEL_FIELDS[self.label]}
        return GoldSpan(start=self.start, end=self.end, label=self.label, text=self.text, **fields)


class Cue(_Strict):
    """A cue that shaped a claim: an attribution verb, a hedge, a negation, a call."""

    kind: CueKind
    start: int = Field(ge=0)
    end: int = Field(gt=0)
    text: str
    pattern_id: str


class TargetDecision(_Strict):
    """Why a person is a claim's target: the name and the ``TARGET_RULES`` id that decided."""

    name: str
    rule: str


class ClaimProvenance(_Strict):
    """Why a sentence became this claim: the spans' producers, cues and decisions."""

    pattern_ids: list[str] = Field(default_factory=list)
    model_labels: list[str] = Field(default_factory=list)
    type_rule: str
    """The claim-type rule that fired (``claims.TYPE_RULES`` id)."""
    claim_rule: str | None = None
    """Why the sentence is a claim at all (``claims.CLAIM_RULES`` id)."""
    source_rule: str | None = None
    """How the source was found (``according_to``, ``reporting_verb``, ``quote_continued`` ...)."""
    target_rules: list[TargetDecision] = Field(default_factory=list)
    """Why each target is a target (``claims.TARGET_RULES`` ids), in sentence order."""
    pipeline_version: str


class ClaimRecord(_Strict):
    """One claim sentence with its normalised fields, cues and provenance."""

    doc_id: str
    start: int = Field(ge=0)
    end: int = Field(gt=0)
    text: str
    type: ClaimType
    methods: MethodCodes = Field(default_factory=list)
    locations: list[str] = Field(default_factory=list)
    legal_refs: list[str] = Field(default_factory=list)
    targets: list[str] = Field(default_factory=list)
    source: str | None = None
    hedged: bool = False
    negated: bool = False
    dates: list[str] = Field(default_factory=list)
    quantities: list[int] = Field(default_factory=list)
    cues: list[Cue] = Field(default_factory=list)
    provenance: ClaimProvenance

    def to_gold(self) -> GoldClaim:
        """Return the gold-format view of this claim."""
        data = self.model_dump(exclude={"doc_id", "cues", "provenance"})
        return GoldClaim(**data)


class Segment(_Strict):
    """A zone of the document: title, heading, body paragraph, boilerplate, references."""

    kind: ZoneKind
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class PipelineInfo(_Strict):
    """What produced a record: package version, hash of its code, model, patterns hash."""

    version: str
    model: str
    model_version: str
    patterns_hash: str
    code_hash: str = ""
    """SHA-256 of the package's Python sources (:func:`tnr_claims.provenance.code_hash`)."""


class DocumentRecord(_Strict):
    """Everything the pipeline extracted from one document."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)

    doc_id: str = Field(min_length=1)
    text: str
    meta: dict[str, Any] = Field(default_factory=dict)
    segments: list[Segment] = Field(default_factory=list)
    sentences: list[tuple[int, int]] = Field(default_factory=list)
    spans: list[SpanRecord] = Field(default_factory=list)
    claims: list[ClaimRecord] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    pipeline: PipelineInfo

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
