"""Per-document tallies: spans (strict, partial, normalised, boundary-only) and claims.

Each function matches one document's gold and predicted items one to one (see
:mod:`tnr_claims.evaluation.matching`), counts hits into :class:`DocTallies` and records every
false positive and negative as an :class:`~tnr_claims.evaluation.error_rows.ErrorItem`.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tnr_claims.codebook import METHOD_CATEGORIES, SPAN_LABELS
from tnr_claims.evaluation.error_rows import (
    CONTEXT_CHARS,
    ErrorItem,
    ErrorKind,
    ErrorType,
)
from tnr_claims.evaluation.matching import (
    CASE_INSENSITIVE_FIELDS,
    CLAIM_FIELDS,
    SPAN_BUCKETS,
    Tally,
    claims_eligible,
    greedy_match,
    offset_order,
)
from tnr_claims.records import GoldClaim, GoldSpan


def _span_value(span: GoldSpan) -> str | None:
    """Display form of a span's normalised field."""
    if span.label == "LEGAL_REF":
        return f"{span.instrument or ''}#{span.article or ''}"
    if span.label in ("METHOD", "LOCATION"):
        if span.label == "METHOD" and span.variant:
            return f"{span.code}/{span.variant}"
        return span.code
    if span.label in ("PERSON", "ORG"):
        return span.name
    return None if span.value is None else str(span.value)


class ErrorContext:
    """Sentence lookup for error context: record sentences, else claim sentences, else a window."""

    def __init__(self, text: str, sentences: Iterable[tuple[int, int]]):
        self.text = text
        self.sentences = sorted(set(sentences))

    def around(self, start: int, end: int) -> str:
        """The shortest sentence containing ``start:end``, for an error row's context."""
        best: tuple[int, int] | None = None
        for s, e in self.sentences:
            if s <= start and end <= e and (best is None or e - s < best[1] - best[0]):
                best = (s, e)
        if best is None:
            best = (max(0, start - CONTEXT_CHARS), min(len(self.text), end + CONTEXT_CHARS))
        return " ".join(self.text[best[0] : best[1]].split())


def _field_set(claim: GoldClaim | None, name: str) -> set[Any]:
    if claim is None:
        return set()
    if name == "source":
        values: list[Any] = [] if claim.source is None else [claim.source]
    else:
        values = list(getattr(claim, name))
    if name in CASE_INSENSITIVE_FIELDS:
        return {str(v).lower() for v in values}
    return set(values)


def span_producer(span: Any) -> str:
    """Producer id of a :class:`SpanRecord` (pattern id, model label or source)."""
    prov = span.provenance
    if prov.pattern_id:
        return prov.pattern_id
    if prov.model_label:
        return f"model:{prov.model_label}"
    return f"source:{prov.source}"


@dataclass
class DocTallies:
    """All counts of one document (or, once merged, of the corpus)."""

    spans: dict[str, dict[str, Tally]] = field(
        default_factory=lambda: {lab: {b: Tally() for b in SPAN_BUCKETS} for lab in SPAN_LABELS}
    )
    boundary: dict[str, dict[str, Tally]] = field(
        default_factory=lambda: {
            lab: {"exact": Tally(), "overlap": Tally()} for lab in (*SPAN_LABELS, "micro")
        }
    )
    label_mismatches: int = 0
    method_categories: Tally = field(default_factory=Tally)
    method_confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    per_pattern: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    detection: Tally = field(default_factory=Tally)
    matched_claims: int = 0
    type_correct: int = 0
    hedged_correct: int = 0
    negated_correct: int = 0
    fields: dict[str, Tally] = field(default_factory=lambda: {f: Tally() for f in CLAIM_FIELDS})
    hedged: Tally = field(default_factory=Tally)
    negated: Tally = field(default_factory=Tally)

    def merge(self, other: DocTallies) -> None:
        """Add another document's tallies to these."""
        for lab, buckets in other.spans.items():
            for bucket, tally in buckets.items():
                self.spans[lab][bucket].add(tally)
        for lab, buckets in other.boundary.items():
            for bucket, tally in buckets.items():
                self.boundary[lab][bucket].add(tally)
        self.label_mismatches += other.label_mismatches
        self.method_categories.add(other.method_categories)
        self.method_confusion.update(other.method_confusion)
        for producer, counts in other.per_pattern.items():
            self.per_pattern[producer].update(counts)
        self.detection.add(other.detection)
        self.matched_claims += other.matched_claims
        self.type_correct += other.type_correct
        self.hedged_correct += other.hedged_correct
        self.negated_correct += other.negated_correct
        for name, tally in other.fields.items():
            self.fields[name].add(tally)
        self.hedged.add(other.hedged)
        self.negated.add(other.negated)


def _one_to_one(tally: Tally, n_gold: int, n_pred: int, n_pairs: int) -> None:
    tally.gold += n_gold
    tally.pred += n_pred
    tally.gold_hit += n_pairs
    tally.pred_hit += n_pairs


def score_spans(  # noqa: C901
    doc_id: str,
    text: str,
    gold_spans: list[GoldSpan],
    pred_spans: list[GoldSpan],
    producers: dict[tuple[int, int, str], str] | None,
    context: ErrorContext,
    tallies: DocTallies,
    errors: list[ErrorItem],
) -> None:
    """Span buckets, untyped bucket, categories, confusion, per-pattern counts and errors."""
    leftover_gold: list[GoldSpan] = []
    leftover_pred: list[GoldSpan] = []

    def producer_of(span: GoldSpan) -> str | None:
        if producers is None:
            return None
        return producers.get((span.start, span.end, span.label), "unknown")

    def span_error(error: ErrorType, g: GoldSpan | None, p: GoldSpan | None) -> ErrorItem:
        either = g or p
        assert either is not None
        start = min(x.start for x in (g, p) if x is not None)
        end = max(x.end for x in (g, p) if x is not None)
        return ErrorItem(
            doc_id=doc_id,
            kind="span",
            error=error,
            label=either.label,
            pred_label=p.label if p else None,
            gold_start=g.start if g else None,
            gold_end=g.end if g else None,
            pred_start=p.start if p else None,
            pred_end=p.end if p else None,
            gold_value=_span_value(g) if g else None,
            pred_value=_span_value(p) if p else None,
            gold_text=text[g.start : g.end] if g else None,
            pred_text=text[p.start : p.end] if p else None,
            context=context.around(start, end),
            producer=producer_of(p) if p else None,
        )

    for label in SPAN_LABELS:
        gold = [s for s in gold_spans if s.label == label]
        pred = [s for s in pred_spans if s.label == label]
        strict = greedy_match(
            gold, pred, eligible=lambda g, p: (g.start, g.end) == (p.start, p.end)
        )
        partial = greedy_match(gold, pred)
        normalised = greedy_match(gold, pred, eligible=lambda g, p: g.norm == p.norm)
        buckets = tallies.spans[label]
        _one_to_one(buckets["strict"], len(gold), len(pred), len(strict))
        _one_to_one(buckets["partial"], len(gold), len(pred), len(partial))
        _one_to_one(buckets["normalised"], len(gold), len(pred), len(normalised))
        if label == "METHOD":
            categories = greedy_match(
                gold,
                pred,
                eligible=lambda g, p: METHOD_CATEGORIES[g.code] == METHOD_CATEGORIES[p.code],
            )
            _one_to_one(tallies.method_categories, len(gold), len(pred), len(categories))
            for gi, pi in partial:
                tallies.method_confusion[(gold[gi].code, pred[pi].code)] += 1
        if producers is not None:
            partial_preds = {pi for _, pi in partial}
            normalised_preds = {pi for _, pi in normalised}
            for pi, span in enumerate(pred):
                counts = tallies.per_pattern[producer_of(span) or "unknown"]
                counts["predicted"] += 1
                counts["partial"] += pi in partial_preds
                counts["normalised"] += pi in normalised_preds
        for gi, pi in partial:
            g, p = gold[gi], pred[pi]
            if (g.start, g.end) != (p.start, p.end):
                errors.append(span_error("boundary", g, p))
            if g.norm != p.norm:
                errors.append(span_error("normalised", g, p))
        matched_gold = {gi for gi, _ in partial}
        matched_pred = {pi for _, pi in partial}
        leftover_gold += [s for i, s in enumerate(gold) if i not in matched_gold]
        leftover_pred += [s for i, s in enumerate(pred) if i not in matched_pred]

    gold_all, pred_all = offset_order(gold_spans), offset_order(pred_spans)
    exact = greedy_match(
        gold_all, pred_all, eligible=lambda g, p: (g.start, g.end) == (p.start, p.end)
    )
    untyped = greedy_match(gold_all, pred_all)
    for bucket, pairs in (("exact", exact), ("overlap", untyped)):
        _one_to_one(tallies.boundary["micro"][bucket], len(gold_all), len(pred_all), len(pairs))
        for span in gold_all:
            tallies.boundary[span.label][bucket].gold += 1
        for span in pred_all:
            tallies.boundary[span.label][bucket].pred += 1
        for gi, pi in pairs:
            tallies.boundary[gold_all[gi].label][bucket].gold_hit += 1
            tallies.boundary[pred_all[pi].label][bucket].pred_hit += 1
    tallies.label_mismatches += sum(
        1 for gi, pi in untyped if gold_all[gi].label != pred_all[pi].label
    )

    leftover_gold, leftover_pred = offset_order(leftover_gold), offset_order(leftover_pred)
    crossed = greedy_match(leftover_gold, leftover_pred)
    crossed_gold = {gi for gi, _ in crossed}
    crossed_pred = {pi for _, pi in crossed}
    for gi, pi in crossed:
        errors.append(span_error("label", leftover_gold[gi], leftover_pred[pi]))
    for gi, g in enumerate(leftover_gold):
        if gi not in crossed_gold:
            errors.append(span_error("false_negative", g, None))
    for pi, p in enumerate(leftover_pred):
        if pi not in crossed_pred:
            errors.append(span_error("false_positive", None, p))


def _json_set(values: set[Any]) -> str:
    return json.dumps(sorted(values, key=str), ensure_ascii=False)


def score_claims(  # noqa: C901
    doc_id: str,
    text: str,
    gold: list[GoldClaim],
    pred: list[GoldClaim],
    producers: dict[tuple[int, int], str] | None,
    tallies: DocTallies,
    errors: list[ErrorItem],
) -> None:
    """Claim detection, type, fields, hedged and negated, and their errors."""
    pairs = greedy_match(gold, pred, eligible=claims_eligible)
    _one_to_one(tallies.detection, len(gold), len(pred), len(pairs))
    tallies.matched_claims += len(pairs)
    matched_gold = {gi for gi, _ in pairs}
    matched_pred = {pi for _, pi in pairs}

    def producer_of(claim: GoldClaim) -> str | None:
        if producers is None:
            return None
        return producers.get((claim.start, claim.end), "unknown")

    def claim_error(
        kind: ErrorKind,
        error: ErrorType,
        g: GoldClaim | None,
        p: GoldClaim | None,
        *,
        label: str | None = None,
        values: tuple[str, str] | None = None,
    ) -> ErrorItem:
        start = min(x.start for x in (g, p) if x is not None)
        end = max(x.end for x in (g, p) if x is not None)
        return ErrorItem(
            doc_id=doc_id,
            kind=kind,
            error=error,
            label=label or (g.type if g is not None else p.type if p is not None else None),
            pred_label=p.type if p and kind == "claim" else None,
            gold_start=g.start if g else None,
            gold_end=g.end if g else None,
            pred_start=p.start if p else None,
            pred_end=p.end if p else None,
            gold_value=values[0] if values else None,
            pred_value=values[1] if values else None,
            gold_text=" ".join(text[g.start : g.end].split()) if g else None,
            pred_text=" ".join(text[p.start : p.end].split()) if p else None,
            context=" ".join(text[start:end].split()),
            producer=producer_of(p) if p else None,
        )

    for name in CLAIM_FIELDS:
        tally = tallies.fields[name]
        for gi, pi in pairs:
            g, p = _field_set(gold[gi], name), _field_set(pred[pi], name)
            tally.gold += len(g)
            tally.pred += len(p)
            tally.gold_hit += len(g & p)
            tally.pred_hit += len(g & p)
        for gi, claim in enumerate(gold):
            if gi not in matched_gold:
                tally.gold += len(_field_set(claim, name))
        for pi, claim in enumerate(pred):
            if pi not in matched_pred:
                tally.pred += len(_field_set(claim, name))

    for flag, tally in (("hedged", tallies.hedged), ("negated", tallies.negated)):
        tally.gold += sum(1 for c in gold if getattr(c, flag))
        tally.pred += sum(1 for c in pred if getattr(c, flag))
        both = sum(1 for gi, pi in pairs if getattr(gold[gi], flag) and getattr(pred[pi], flag))
        tally.gold_hit += both
        tally.pred_hit += both

    for gi, pi in pairs:
        g, p = gold[gi], pred[pi]
        tallies.type_correct += g.type == p.type
        tallies.hedged_correct += g.hedged == p.hedged
        tallies.negated_correct += g.negated == p.negated
        if (g.start, g.end) != (p.start, p.end):
            errors.append(claim_error("claim", "boundary", g, p))
        for flag in ("type", "hedged", "negated"):
            gv, pv = getattr(g, flag), getattr(p, flag)
            if gv != pv:
                errors.append(
                    claim_error("claim_field", "label", g, p, label=flag, values=(str(gv), str(pv)))
                )
        for name in CLAIM_FIELDS:
            gset, pset = _field_set(g, name), _field_set(p, name)
            if gset != pset:
                values = (_json_set(gset), _json_set(pset))
                errors.append(
                    claim_error("claim_field", "normalised", g, p, label=name, values=values)
                )
    for gi, g in enumerate(gold):
        if gi not in matched_gold:
            errors.append(claim_error("claim", "false_negative", g, None))
    for pi, p in enumerate(pred):
        if pi not in matched_pred:
            errors.append(claim_error("claim", "false_positive", None, p))
