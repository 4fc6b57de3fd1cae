"""Typed provenance of tagged spans: where a span came from and which rules changed it.

Every span the tagger writes has a :class:`Provenance`: its origin (the pattern rule or
the model label that found it, or nothing when a context rule made it) and the context
rules that changed it afterwards, each a :class:`Decision` (rule id, kind, what changed).
spaCy's ``span.id_`` keeps the origin id only (a rule id or ``model:LABEL``, as SpanRuler
does); the decisions live in ``doc.user_data["tnr_provenance"]`` keyed by the span's
token offsets, label and origin id, and :func:`provenance_of` reads them back. Context rules create
spans only through :func:`derive` and :func:`make`, so no decision is a string to parse.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Span

PROVENANCE_KEY = "tnr_provenance"
"""``doc.user_data`` key of the ``{(start, end, label, origin id): Provenance}`` registry.

A span that a context rule changed replaces the span it came from, so the key names the
span as it stands in ``doc.spans``; a span with the same offsets, label and origin that no
rule touched does not exist next to it."""

DecisionKind = Literal["pattern", "model", "context"]
Change = Literal["found", "label", "code", "extent", "made"]


@dataclass(frozen=True)
class Decision:
    """One rule's part in a span: the rule id, its kind and what it did."""

    rule_id: str
    kind: DecisionKind
    changed: Change = "found"


@dataclass(frozen=True)
class Provenance:
    """A span's origin and the context rules applied to it since, in order."""

    origin: Decision | None
    context: tuple[Decision, ...] = ()

    @property
    def origin_id(self) -> str:
        """The origin's rule id (``model:LABEL`` for the model), ``""`` when a rule made it."""
        return self.origin.rule_id if self.origin is not None else ""

    @property
    def context_rules(self) -> list[str]:
        """Ids of the context rules that changed or made the span, in order."""
        return [decision.rule_id for decision in self.context]

    def code_rule(self) -> str | None:
        """The last context rule that changed the span's code (its id prefix is the code)."""
        changed = [d.rule_id for d in self.context if d.changed == "code"]
        return changed[-1] if changed else None

    def then(self, rule_id: str, changed: Change) -> Provenance:
        """This provenance with one more context decision."""
        return Provenance(self.origin, (*self.context, Decision(rule_id, "context", changed)))


def origin_decision(span_id: str) -> Decision | None:
    """The origin decision a bare ``span.id_`` stands for (pattern, model, or none)."""
    if not span_id:
        return None
    kind: DecisionKind = "model" if span_id.startswith("model:") else "pattern"
    return Decision(span_id, kind)


def provenance_of(span: Span) -> Provenance:
    """The provenance of a tagged span: registered decisions, else its bare origin id."""
    registry = span.doc.user_data.get(PROVENANCE_KEY)
    if registry:
        found = registry.get((span.start, span.end, span.label_, span.id_))
        if found is not None:
            return found
    return Provenance(origin_decision(span.id_))


def is_bare_model(span: Span) -> bool:
    """Whether the model found ``span`` and no context rule has changed it yet."""
    provenance = provenance_of(span)
    return (
        not provenance.context
        and provenance.origin is not None
        and provenance.origin.kind == "model"
    )


def _register(doc: Doc, start: int, end: int, label: str, provenance: Provenance) -> Span:
    doc.user_data.setdefault(PROVENANCE_KEY, {})[(start, end, label, provenance.origin_id)] = (
        provenance
    )
    return Span(doc, start, end, label=label, span_id=provenance.origin_id)


def derive(
    span: Span,
    rule_id: str,
    changed: Change,
    *,
    label: str | None = None,
    start: int | None = None,
    end: int | None = None,
    base: Provenance | None = None,
) -> Span:
    """A new span from ``span`` after context rule ``rule_id`` changed it."""
    provenance = (base or provenance_of(span)).then(rule_id, changed)
    return _register(
        span.doc,
        span.start if start is None else start,
        span.end if end is None else end,
        label or span.label_,
        provenance,
    )


def make(
    doc: Doc, start: int, end: int, label: str, rule_id: str, changed: Change = "made"
) -> Span:
    """A span that context rule ``rule_id`` made where no pattern or model found one; a
    METHOD made with ``changed="code"`` takes its code from the rule id's prefix."""
    return _register(doc, start, end, label, Provenance(None).then(rule_id, changed))
