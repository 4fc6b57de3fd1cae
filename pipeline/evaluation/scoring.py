"""Evaluation: predicted documents scored against gold documents.

The scorer compares two lists of :class:`~tnr_claims.records.GoldDocument` (the gold set
and the predictions, usually ``DocumentRecord.to_gold()``) and returns an
:class:`EvaluationResult`: a JSON-ready ``report`` with exactly the keys and nesting of
``gold-format.md`` ("Evaluation report") plus extras, and a list of :class:`ErrorItem`
(false positives, false negatives, boundary, label and normalisation errors) that
:func:`errors_frame` turns into a pandas DataFrame.

Matching policy (``gold-format.md``, written down here once)
-----------------------------------------------------------

* Documents are paired by ``doc_id``. A gold document without a prediction is scored
  as an empty prediction and listed in ``report["missing_predictions"]``; a predicted
  document without gold is not scored and is listed in ``report["extra_predictions"]``.
  A paired document whose predicted ``text`` differs from the gold ``text`` is scored
  anyway (offsets are compared as they are) and named in ``report["warnings"]``.
* **strict**: a gold and a predicted span with the same start, end and label.
* **partial**: the same label and overlapping offsets (``[start, end)`` intervals that
  share at least one character), matched one to one.
* **normalised**: its own one-to-one matching among the pairs that overlap, have the
  same label and the same normalised field (:attr:`GoldSpan.norm`: ``code`` for METHOD
  and LOCATION; ``(instrument, article)`` case-insensitive for LEGAL_REF; ``name``
  case-insensitive for PERSON and ORG; ``value`` for DATE and QUANTITY). A null
  normalised value equals another null.
* **One-to-one greedy matching** (partial, normalised, claims, and the extra buckets):
  items of each side are put in offset order (start, end, label); among the eligible
  pairs, take the pair with the largest overlap in characters first, ties to the earlier
  gold item and then to the earlier prediction; each gold and each predicted item is
  used at most once.
* **P/R/F1**: ``p = matched predictions / predictions``, ``r = matched gold / gold``,
  ``f1`` their harmonic mean. A ratio whose denominator is zero is **0.0**, never 1.0
  or NaN: a label absent from both gold and predictions scores 0/0/0, and so does a
  whole report over empty documents. ``micro`` sums the counts over all labels.
* **method_categories**: METHOD spans matched one to one among overlapping pairs whose
  codes have the same category (:data:`tnr_claims.codebook.METHOD_CATEGORIES`); a gold
  ``FAMILY_PRESSURE`` overlapped by a predicted ``ASSET_FREEZE`` counts (both *proxy*).
* **Claims**: a predicted claim is eligible for a gold claim when their sentence spans
  overlap by at least half of the shorter one (``2 * overlap >= min(len_g, len_p)``;
  exactly half counts), matched one to one as above. ``detection`` is P/R/F1 of that
  matching, ``support`` the number of gold claims. ``type_accuracy``,
  ``hedged_accuracy`` and ``negated_accuracy`` are the share of matched pairs that agree
  (0.0 when no pair matched).
* **Claim fields** (``methods``, ``locations``, ``legal_refs``, ``targets``, ``source``,
  ``dates``, ``quantities``) are compared as sets over matched pairs and micro-averaged
  over all pairs: ``tp = |G & P|``, ``fp = |P - G|``, ``fn = |G - P|``. A missed gold
  claim adds all its items as false negatives, a spurious predicted claim all its items
  as false positives. ``targets``, ``source`` and ``legal_refs`` are lower-cased before
  comparing; ``source`` is a set of one item, or empty when null.
* **hedged** / **negated** P/R/F1 score detection of the *true* class: a true positive is
  a matched pair where both claims are hedged; every gold claim marked hedged that is not
  such a pair (missed, or matched to an unhedged prediction) is a false negative, every
  predicted hedged claim that is not such a pair (spurious, or matched to an unhedged
  gold claim) a false positive.

Extras in the report
--------------------

``boundary``
    The untyped bucket (scispaCy): one-to-one matching ignoring labels, ``exact`` (same
    offsets) and ``overlap``. Per label, ``r`` is the share of gold spans of that label
    matched by a prediction of *any* label and ``p`` the share of predictions of that
    label matched by gold of any label; ``micro`` pools all spans. ``label_mismatches``
    counts overlap pairs whose labels differ. High ``boundary`` with low ``partial`` means
    label errors; high ``partial`` with low ``strict`` means boundary errors.
``method_confusion``
    ``{gold code: {predicted code: count}}`` over partial-matched METHOD pairs.
``per_pattern``
    Only when ``records`` are given: for each producer of a predicted span (the rule's
    ``pattern_id``, else ``"model:" + model_label``, else ``"source:" + source``;
    ``"unknown"`` when no record carries the span) the number of predicted spans, how
    many were partial-matched, how many normalised-matched, and both precisions.
``counts``
    The raw counts (``tp``, ``fp``, ``fn``, ``gold``, ``pred``) behind every score.
``hashes``
    ``gold`` (the hash passed in, normally :func:`hash_files` of the gold files),
    ``gold_content`` (always computed: SHA-256 of the gold documents' canonical JSON),
    ``patterns``.
``per_document``
    The gold-format report of each document alone, keyed by ``doc_id``.

Errors
------

:class:`ErrorItem` rows: ``kind`` is ``span``, ``claim`` or ``claim_field``. Span rows:
``false_negative`` / ``false_positive`` for items without a partial match and without an
overlapping item of another label; ``label`` for a leftover gold span overlapped by a
leftover prediction of another label (one row standing for one FN and one FP);
``boundary`` for a partial pair with different offsets; ``normalised`` for a partial
pair whose normalised values differ (a pair can give both rows). Claim rows:
``false_negative``, ``false_positive``, ``boundary`` (matched, offsets differ). Claim
field rows on matched pairs: ``label`` for ``type``, ``hedged`` or ``negated``
disagreements, ``normalised`` for a set field (or ``source``) that differs; ``label``
holds the field name there.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tnr_claims.codebook import SPAN_LABELS
from tnr_claims.evaluation.error_rows import (
    ErrorItem,
    errors_frame,
)
from tnr_claims.evaluation.gold import read_gold
from tnr_claims.evaluation.matching import (
    CLAIM_FIELDS,
    SPAN_BUCKETS,
    Tally,
    offset_order,
    safe_ratio,
)
from tnr_claims.evaluation.splits import DEV2_TEST_SIZE, SplitName, select
from tnr_claims.evaluation.tallies import (
    DocTallies,
    ErrorContext,
    score_claims,
    score_spans,
    span_producer,
)
from tnr_claims.records import DocumentRecord, GoldDocument, gold_dict

if TYPE_CHECKING:
    import pandas as pd


def _score_document(
    gold: GoldDocument,
    pred: GoldDocument | None,
    record: DocumentRecord | None,
    *,
    with_producers: bool,
) -> tuple[DocTallies, list[ErrorItem]]:
    """Score one document pair (``pred`` None means an empty prediction)."""
    text = gold.text
    gold_spans = offset_order(gold.spans)
    gold_claims = offset_order(gold.claims)
    pred_spans = offset_order(pred.spans) if pred else []
    pred_claims = offset_order(pred.claims) if pred else []
    span_producers: dict[tuple[int, int, str], str] | None = None
    claim_producers: dict[tuple[int, int], str] | None = None
    if with_producers:
        span_producers = {}
        claim_producers = {}
        if record is not None:
            span_producers = {(s.start, s.end, s.label): span_producer(s) for s in record.spans}
            claim_producers = {(c.start, c.end): c.provenance.type_rule for c in record.claims}
    sentences: list[tuple[int, int]] = []
    if record is not None and record.sentences:
        sentences = list(record.sentences)
    else:
        sentences = [(c.start, c.end) for c in (*gold_claims, *pred_claims)]
    context = ErrorContext(text, sentences)
    tallies = DocTallies()
    errors: list[ErrorItem] = []
    score_spans(gold.doc_id, text, gold_spans, pred_spans, span_producers, context, tallies, errors)
    score_claims(gold.doc_id, text, gold_claims, pred_claims, claim_producers, tallies, errors)
    return tallies, errors


def _spec_report(tallies: DocTallies, documents: int) -> dict[str, Any]:
    """The report with exactly the keys of ``gold-format.md``."""
    spans: dict[str, Any] = {}
    micro = {b: Tally() for b in SPAN_BUCKETS}
    for label in SPAN_LABELS:
        buckets = tallies.spans[label]
        spans[label] = {b: buckets[b].prf() for b in SPAN_BUCKETS}
        spans[label]["support"] = buckets["strict"].gold
        for b in SPAN_BUCKETS:
            micro[b].add(buckets[b])
    spans["micro"] = {b: micro[b].prf() for b in SPAN_BUCKETS}
    matched = tallies.matched_claims
    claims = {
        "detection": {**tallies.detection.prf(), "support": tallies.detection.gold},
        "type_accuracy": safe_ratio(tallies.type_correct, matched),
        "fields": {name: tallies.fields[name].prf() for name in CLAIM_FIELDS},
        "hedged_accuracy": safe_ratio(tallies.hedged_correct, matched),
        "negated_accuracy": safe_ratio(tallies.negated_correct, matched),
        "hedged": tallies.hedged.prf(),
        "negated": tallies.negated.prf(),
    }
    return {
        "documents": documents,
        "spans": spans,
        "method_categories": tallies.method_categories.prf(),
        "claims": claims,
    }


def _extras(tallies: DocTallies, *, with_producers: bool) -> dict[str, Any]:
    """The extra report sections (boundary, confusion, per-pattern, counts)."""
    boundary: dict[str, Any] = {
        label: {bucket: tally.prf() for bucket, tally in buckets.items()}
        for label, buckets in tallies.boundary.items()
    }
    boundary["label_mismatches"] = tallies.label_mismatches
    confusion: dict[str, dict[str, int]] = {}
    for (gold_code, pred_code), n in sorted(tallies.method_confusion.items()):
        confusion.setdefault(gold_code, {})[pred_code] = n
    per_pattern: dict[str, Any] = {}
    if with_producers:
        for producer in sorted(tallies.per_pattern):
            c = tallies.per_pattern[producer]
            per_pattern[producer] = {
                "predicted": c["predicted"],
                "partial": c["partial"],
                "normalised": c["normalised"],
                "precision": safe_ratio(c["partial"], c["predicted"]),
                "normalised_precision": safe_ratio(c["normalised"], c["predicted"]),
            }
    counts = {
        "spans": {
            label: {b: tallies.spans[label][b].counts() for b in SPAN_BUCKETS}
            for label in SPAN_LABELS
        },
        "method_categories": tallies.method_categories.counts(),
        "claims": {
            "detection": tallies.detection.counts(),
            "matched": tallies.matched_claims,
            "type_correct": tallies.type_correct,
            "hedged_correct": tallies.hedged_correct,
            "negated_correct": tallies.negated_correct,
            "fields": {name: tallies.fields[name].counts() for name in CLAIM_FIELDS},
            "hedged": tallies.hedged.counts(),
            "negated": tallies.negated.counts(),
        },
    }
    return {
        "boundary": boundary,
        "method_confusion": confusion,
        "per_pattern": per_pattern,
        "counts": counts,
    }


@dataclass
class EvaluationResult:
    """What :func:`score` returns: the JSON-ready report and the error rows."""

    report: dict[str, Any]
    errors: list[ErrorItem]

    def errors_frame(self) -> pd.DataFrame:
        """The errors as a DataFrame (:func:`errors_frame`)."""
        return errors_frame(self.errors)


def documents_hash(documents: Iterable[GoldDocument]) -> str:
    """SHA-256 of documents' canonical JSON (sorted keys), in the order given."""
    digest = hashlib.sha256()
    for document in documents:
        digest.update(json.dumps(gold_dict(document), sort_keys=True, ensure_ascii=False).encode())
        digest.update(b"\n")
    return digest.hexdigest()


def hash_files(paths: Iterable[str | Path]) -> str:
    """SHA-256 fingerprint of a set of gold files.

    Each file contributes its base name and the SHA-256 of its bytes; the pairs are
    sorted first, so the result does not depend on the order or the folder the files
    are given in, but changes when any file's name or content changes.
    """
    entries = sorted(
        (Path(p).name, hashlib.sha256(Path(p).read_bytes()).hexdigest()) for p in paths
    )
    digest = hashlib.sha256()
    for name, content in entries:
        digest.update(f"{name}\0{content}\n".encode())
    return digest.hexdigest()


def score(
    gold: Sequence[GoldDocument],
    predicted: Sequence[GoldDocument],
    *,
    records: Sequence[DocumentRecord] | None = None,
    gold_hash: str | None = None,
    patterns_hash: str | None = None,
    pipeline_version: str | None = None,
) -> EvaluationResult:
    """Score predictions against gold documents (policy: see the module docstring).

    ``records`` (the full pipeline records of the predictions) add producers to the
    errors and the ``per_pattern`` section, and sentence context to the errors.
    Raises ``ValueError`` when a doc_id appears twice on either side.
    """
    for side, docs in (("gold", gold), ("predicted", predicted)):
        ids = Counter(d.doc_id for d in docs)
        dupes = sorted(i for i, n in ids.items() if n > 1)
        if dupes:
            raise ValueError(f"duplicate doc_id(s) in {side} documents: {dupes}")
    by_id = {d.doc_id: d for d in predicted}
    record_by_id = {r.doc_id: r for r in records} if records is not None else {}
    with_producers = records is not None
    gold_ids = {d.doc_id for d in gold}
    total = DocTallies()
    errors: list[ErrorItem] = []
    per_document: dict[str, Any] = {}
    missing: list[str] = []
    warnings: list[str] = []
    for document in gold:
        pred = by_id.get(document.doc_id)
        if pred is None:
            missing.append(document.doc_id)
        elif pred.text != document.text:
            warnings.append(f"{document.doc_id}: predicted text differs from the gold text")
        tallies, doc_errors = _score_document(
            document, pred, record_by_id.get(document.doc_id), with_producers=with_producers
        )
        total.merge(tallies)
        errors.extend(doc_errors)
        per_document[document.doc_id] = _spec_report(tallies, 1)
    report = _spec_report(total, len(gold))
    report.update(_extras(total, with_producers=with_producers))
    report["hashes"] = {
        "gold": gold_hash,
        "gold_content": documents_hash(gold),
        "patterns": patterns_hash,
    }
    report["pipeline_version"] = pipeline_version
    report["missing_predictions"] = missing
    report["extra_predictions"] = [d.doc_id for d in predicted if d.doc_id not in gold_ids]
    report["warnings"] = warnings
    report["per_document"] = per_document
    return EvaluationResult(report=report, errors=errors)


def process_gold(
    pipeline: Any,
    documents: Sequence[GoldDocument],
    on_failure: Callable[[str, str], None] | None = None,
) -> list[DocumentRecord]:
    """Run ``pipeline`` on the text of each gold document, in order.

    A document the pipeline fails on is left out and reported to ``on_failure(doc_id,
    message)``: one bad document must not stop an evaluation.
    """
    records: list[DocumentRecord] = []
    for document in documents:
        try:
            records.append(
                pipeline.process_text(document.text, doc_id=document.doc_id, meta=document.meta)
            )
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the run
            if on_failure is not None:
                on_failure(document.doc_id, f"{type(exc).__name__}: {exc}")
    return records


def evaluate_files(
    gold_paths: Sequence[str | Path],
    *,
    model: str | None = None,
    patterns_dir: str | Path | None = None,
    on_failure: Callable[[str, str], None] | None = None,
    split: SplitName | None = None,
    n_test: int = DEV2_TEST_SIZE,
    pipeline: Any = None,
) -> EvaluationResult:
    """Run the pipeline on each gold document's text and :func:`score` the records.

    The gold files are read strictly (:func:`tnr_claims.evaluation.gold.read_gold`); the pipeline is
    loaded once. A document the pipeline fails on is reported to ``on_failure(doc_id,
    message)`` and scored as an empty prediction (so it shows in
    ``missing_predictions``). With ``split`` (``tune`` or ``test``) only that part of the
    gold documents is scored (:mod:`tnr_claims.evaluation.splits`). The report carries the
    gold files' :func:`hash_files`, the patterns hash, the pipeline version, the code hash
    and ``model`` (``name==version``). ``pipeline`` is an already loaded Pipeline (then
    ``model`` and ``patterns_dir`` are not used).
    """
    gold = [document for path in gold_paths for document in read_gold(path)]
    if split is not None:
        gold = select(gold, split, n_test)
    from tnr_claims.extract import Pipeline  # after the gold is read: a bad file fails fast

    if pipeline is None:
        pipeline = Pipeline.load(model, patterns_dir=patterns_dir)
    records = process_gold(pipeline, gold, on_failure)
    info = pipeline.info
    result = score(
        gold,
        [record.to_gold() for record in records],
        records=records,
        gold_hash=hash_files(gold_paths),
        patterns_hash=info.patterns_hash,
        pipeline_version=info.version,
    )
    result.report["model"] = f"{info.model}=={info.model_version}"
    result.report["code"] = info.code_hash
    if split is not None:
        result.report["split"] = {"name": split, "n_test": n_test, "rule": "sha256(doc_id)"}
    return result
