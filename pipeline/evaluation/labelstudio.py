"""Label Studio interchange: gold documents to Label Studio tasks and back.

Reviewing predictions or labelling new gold happens in Label Studio; this module turns
:class:`~tnr_claims.records.GoldDocument` values into Label Studio JSON tasks
(:func:`to_tasks`), gives the matching labelling configuration (:func:`labeling_config`)
and reads a Label Studio **JSON** export back into validated gold documents
(:func:`from_export`). ``from_export(to_tasks(docs, ...))`` gives ``docs`` back (spans
then always carry their ``text``; spans and claims come back in offset order).

How the gold format maps onto Label Studio results
--------------------------------------------------

Each task is ``{"data": {"text", "doc_id", "meta"}, "annotations" | "predictions": [...]}``.
Every span is one *region*: a ``labels`` result (``from_name`` ``"label"``,
``to_name`` ``"text"``) with ``value = {start, end, text, labels: [LABEL]}`` and the
region id ``s<n>``. Its normalised fields are per-region results sharing that id:

=============================  ==========  ==========================================
field                          type        from_name / value
=============================  ==========  ==========================================
METHOD ``code``                choices     ``method_code``, ``{"choices": [CODE]}``
METHOD ``variant``             choices     ``variant``, ``{"choices": ["direct"]}``
LOCATION ``code``              textarea    ``code``, ``{"text": ["VN"]}``
LEGAL_REF fields               textarea    ``instrument``, ``article``, ``jurisdiction``
PERSON / ORG ``name``          textarea    ``name``
DATE / QUANTITY ``value``      textarea    ``value`` (``"2002-06"``, ``"229"``)
=============================  ==========  ==========================================

A null field has no result. Reading back also accepts a ``code`` textarea for METHOD;
QUANTITY values are parsed as integers; an empty textarea means null.

Every claim is a region ``c<n>`` labelled ``CLAIM`` (same ``label`` control) over its
sentence, plus a ``textarea`` result ``from_name "claim"`` whose single text is the
claim's fields as a JSON object: ``{"type", "methods", "locations", "legal_refs",
"targets", "source", "hedged", "negated", "dates", "quantities"}`` (unknown keys are
errors, missing ones take the gold format's defaults).

Offsets are Python code points. Label Studio's frontend stores code points since its
emoji fix (label-studio-frontend #308); when an export's stated region ``text`` differs
from ``text[start:end]`` the task is rejected rather than silently shifted.

When reading, the latest non-cancelled annotation of a task is used (by ``updated_at``,
then ``created_at``, then position); a task without annotations falls back to its latest
prediction; a task with neither is an error. Problems are collected over all tasks and
raised as one :class:`~tnr_claims.evaluation.gold.GoldFileError` whose ``line`` is the task number,
counting from 1 (``data[line - 1]``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import quoteattr

from pydantic import ValidationError

from tnr_claims.codebook import (
    ABDUCTION_VARIANTS,
    CLAIM_TYPES,
    LABEL_FIELDS,
    METHOD_CODES,
    SPAN_LABELS,
)
from tnr_claims.evaluation.gold import GoldFileError, GoldProblem, _validation_messages
from tnr_claims.records import GOLD_CLAIM_KEYS, GoldClaim, GoldDocument, GoldSpan

CLAIM_LABEL = "CLAIM"
"""Region label of a claim sentence."""

TEXTAREA_FIELDS: dict[str, tuple[str, ...]] = {
    label: fields for label, fields in LABEL_FIELDS.items() if label != "METHOD"
}
"""Normalised fields written as per-region text areas (from_name = field name): those of
``codebook.LABEL_FIELDS`` except METHOD's, which are choices."""

CLAIM_JSON_FIELDS: tuple[str, ...] = GOLD_CLAIM_KEYS
"""Keys of the JSON object in a claim's ``claim`` text area: the gold claim's keys."""

EXPORT_SOURCE = "<label-studio export>"
"""``path`` of problems raised by :func:`from_export`."""


def _region(region_id: str, start: int, end: int, text: str, label: str) -> dict[str, Any]:
    return {
        "id": region_id,
        "from_name": "label",
        "to_name": "text",
        "type": "labels",
        "value": {"start": start, "end": end, "text": text[start:end], "labels": [label]},
    }


def _linked(
    region_id: str, start: int, end: int, from_name: str, kind: str, value: Any
) -> dict[str, Any]:
    key = "choices" if kind == "choices" else "text"
    return {
        "id": region_id,
        "from_name": from_name,
        "to_name": "text",
        "type": kind,
        "value": {"start": start, "end": end, key: [value]},
    }


def _claim_json(claim: GoldClaim) -> str:
    data = {name: getattr(claim, name) for name in CLAIM_JSON_FIELDS}
    return json.dumps(data, ensure_ascii=False)


def document_results(document: GoldDocument) -> list[dict[str, Any]]:
    """Return the Label Studio ``result`` list of one document (spans, then claims)."""
    text = document.text
    results: list[dict[str, Any]] = []
    spans = sorted(document.spans, key=lambda s: (s.start, s.end))
    for index, span in enumerate(spans):
        rid = f"s{index}"
        results.append(_region(rid, span.start, span.end, text, span.label))
        if span.label == "METHOD":
            results.append(_linked(rid, span.start, span.end, "method_code", "choices", span.code))
            if span.variant is not None:
                results.append(
                    _linked(rid, span.start, span.end, "variant", "choices", span.variant)
                )
            continue
        for name in TEXTAREA_FIELDS[span.label]:
            value = getattr(span, name)
            if value is not None:
                results.append(_linked(rid, span.start, span.end, name, "textarea", str(value)))
    claims = sorted(document.claims, key=lambda c: (c.start, c.end))
    for index, claim in enumerate(claims):
        rid = f"c{index}"
        results.append(_region(rid, claim.start, claim.end, text, CLAIM_LABEL))
        results.append(
            _linked(rid, claim.start, claim.end, "claim", "textarea", _claim_json(claim))
        )
    return results


def to_tasks(
    documents: Iterable[GoldDocument], *, as_predictions: bool, model_version: str
) -> list[dict[str, Any]]:
    """Return Label Studio JSON tasks, one per document.

    With ``as_predictions`` the results go under ``predictions`` (pre-annotations to
    review, tagged with ``model_version``); otherwise under ``annotations`` (imported as
    finished labels, e.g. an existing gold set to correct; ``model_version`` is unused).
    """
    tasks = []
    for document in documents:
        results = document_results(document)
        task: dict[str, Any] = {
            "data": {"text": document.text, "doc_id": document.doc_id, "meta": dict(document.meta)}
        }
        if as_predictions:
            task["predictions"] = [{"model_version": model_version, "result": results}]
        else:
            task["annotations"] = [{"result": results, "ground_truth": False}]
        tasks.append(task)
    return tasks


def labeling_config() -> str:
    """Return the Label Studio XML labelling config matching :func:`to_tasks`' results.

    The ``pre-wrap`` style keeps every space and line break of the text on screen, so
    what the annotator selects is what the offsets count. Per-region fields appear when
    a region is selected (METHOD, LOCATION, LEGAL_REF and CLAIM ones only for regions of
    that label). Checked for well-formedness and names in the tests, not against a live
    Label Studio instance.
    """
    labels = "\n".join(
        f"    <Label value={quoteattr(label)}/>" for label in (*SPAN_LABELS, CLAIM_LABEL)
    )
    methods = "\n".join(f"      <Choice value={quoteattr(code)}/>" for code in METHOD_CODES)
    variants = "\n".join(f"      <Choice value={quoteattr(v)}/>" for v in ABDUCTION_VARIANTS)
    types = ", ".join(CLAIM_TYPES)

    def area(name: str, when: str, hint: str) -> str:
        return (
            (
                f"    <Header value={quoteattr(hint)}/>\n"
                f'    <TextArea name="{name}" toName="text" perRegion="true" editable="true"'
                f' maxSubmissions="1" rows="1"/>'
            )
            if not when
            else (
                f'  <View visibleWhen="region-selected" whenLabelValue="{when}">\n'
                f"    <Header value={quoteattr(hint)}/>\n"
                f'    <TextArea name="{name}" toName="text" perRegion="true" editable="true"'
                f' maxSubmissions="1" rows="1"/>\n'
                f"  </View>"
            )
        )

    parts = [
        "<View>",
        '  <Labels name="label" toName="text">',
        labels,
        "  </Labels>",
        "  <Style>.htx-text { white-space: pre-wrap; }</Style>",
        '  <Text name="text" value="$text"/>',
        '  <View visibleWhen="region-selected" whenLabelValue="METHOD">',
        '    <Header value="METHOD code"/>',
        '    <Choices name="method_code" toName="text" perRegion="true" required="false">',
        methods,
        "    </Choices>",
        '    <Header value="ABDUCTION variant (optional)"/>',
        '    <Choices name="variant" toName="text" perRegion="true" required="false">',
        variants,
        "    </Choices>",
        "  </View>",
        area("code", "LOCATION", "ISO 3166-1 alpha-2 code (empty for multi-country regions)"),
        area("instrument", "LEGAL_REF", "instrument (canonical short name)"),
        area("article", "LEGAL_REF", "article (empty when none)"),
        area("jurisdiction", "LEGAL_REF", "jurisdiction (ISO alpha-2, empty when none)"),
        '  <View visibleWhen="region-selected">',
        area("name", "", "name (PERSON/ORG: fullest or canonical form)"),
        area("value", "", "value (DATE: ISO 8601; QUANTITY: integer)"),
        "  </View>",
        area(
            "claim",
            CLAIM_LABEL,
            f"claim fields as JSON: type ({types}), methods, locations, legal_refs, "
            "targets, source, hedged, negated, dates, quantities",
        ),
        "</View>",
    ]
    return "\n".join(parts) + "\n"


# --------------------------------------------------------------------------- reading exports


def _latest(items: Any) -> dict[str, Any] | None:
    """The latest usable annotation or prediction of a list (None when there is none)."""
    if not isinstance(items, list):
        return None
    usable = [
        (str(item.get("updated_at") or ""), str(item.get("created_at") or ""), position, item)
        for position, item in enumerate(items)
        if isinstance(item, dict)
        and not item.get("was_cancelled")
        and isinstance(item.get("result"), list)
    ]
    return max(usable, key=lambda entry: entry[:3])[3] if usable else None


def _single_text(result: dict[str, Any], key: str) -> tuple[Any, str | None]:
    """The one value of a text area or choices result, or an error message."""
    values = (result.get("value") or {}).get(key)
    if not isinstance(values, list):
        return None, f"{result.get('from_name')}: value.{key} must be a list"
    values = [v for v in values if not (isinstance(v, str) and not v.strip())]
    if len(values) > 1:
        return None, f"{result.get('from_name')}: more than one value {values!r}"
    if not values:
        return None, None
    value = values[0]
    return (value.strip() if isinstance(value, str) else value), None


def _span_from_region(
    label: str, start: int, end: int, text: str, linked: list[dict[str, Any]]
) -> tuple[GoldSpan | None, list[str]]:
    problems: list[str] = []
    fields: dict[str, Any] = {}
    for result in linked:
        name = result.get("from_name")
        kind = result.get("type")
        if kind == "choices" and name in ("method_code", "variant") and label == "METHOD":
            value, problem = _single_text(result, "choices")
            fields["code" if name == "method_code" else "variant"] = value
        elif kind == "textarea" and name in TEXTAREA_FIELDS.get(label, ()) + (
            ("code",) if label == "METHOD" else ()
        ):
            value, problem = _single_text(result, "text")
            if name == "value" and label == "QUANTITY" and value is not None:
                try:
                    value = int(value)
                except ValueError:
                    problem = f"QUANTITY value {value!r} is not an integer"
            fields[name] = value
        else:
            problem = f"result {name!r} ({kind}) does not belong to a {label} region"
        if problem:
            problems.append(problem)
    if problems:
        return None, problems
    try:
        return GoldSpan(start=start, end=end, label=label, text=text[start:end], **fields), []
    except ValidationError as exc:
        return None, _validation_messages(exc)


def _claim_from_region(
    start: int, end: int, linked: list[dict[str, Any]]
) -> tuple[GoldClaim | None, list[str]]:
    areas = [r for r in linked if r.get("from_name") == "claim" and r.get("type") == "textarea"]
    others = [r for r in linked if r not in areas]
    if others:
        return None, [
            f"result {r.get('from_name')!r} does not belong to a CLAIM region" for r in others
        ]
    if len(areas) != 1:
        return None, [f"a CLAIM region needs exactly one 'claim' text area, found {len(areas)}"]
    value, problem = _single_text(areas[0], "text")
    if problem:
        return None, [problem]
    if value is None:
        return None, ["the 'claim' text area is empty"]
    try:
        data = json.loads(value)
    except json.JSONDecodeError as exc:
        return None, [f"claim fields are not valid JSON ({exc.msg})"]
    if not isinstance(data, dict):
        return None, ["claim fields must be a JSON object"]
    unknown = sorted(set(data) - set(CLAIM_JSON_FIELDS))
    if unknown:
        return None, [f"unknown claim field(s) {unknown}"]
    try:
        return GoldClaim(start=start, end=end, **data), []
    except ValidationError as exc:
        return None, _validation_messages(exc)


def _task_document(task: Any) -> tuple[GoldDocument | None, str | None, list[str]]:  # noqa: C901
    """Build one document from one exported task: (document, doc_id, problems)."""
    if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
        return None, None, ["not a Label Studio JSON task (no 'data' object)"]
    data = task["data"]
    doc_id = data.get("doc_id") if isinstance(data.get("doc_id"), str) else None
    text = data.get("text")
    if not doc_id:
        return None, None, ["data.doc_id missing or not a string"]
    if not isinstance(text, str):
        return None, doc_id, ["data.text missing or not a string"]
    chosen = _latest(task.get("annotations")) or _latest(task.get("predictions"))
    if chosen is None:
        return None, doc_id, ["no annotation or prediction with a result"]
    regions: dict[str, dict[str, Any]] = {}
    linked: dict[str, list[dict[str, Any]]] = {}
    problems: list[str] = []
    for result in chosen["result"]:
        if not isinstance(result, dict) or "id" not in result:
            problems.append("a result without an id")
            continue
        rid = str(result["id"])
        if result.get("type") == "labels" and result.get("from_name") == "label":
            if rid in regions:
                problems.append(f"region {rid}: two 'labels' results")
            regions[rid] = result
        elif result.get("type") in ("textarea", "choices"):
            linked.setdefault(rid, []).append(result)
        else:
            problems.append(
                f"region {rid}: unsupported result {result.get('from_name')!r} "
                f"of type {result.get('type')!r}"
            )
    for rid in sorted(set(linked) - set(regions)):
        problems.append(f"region {rid}: fields without a labelled region")
    spans: list[GoldSpan] = []
    claims: list[GoldClaim] = []
    for rid, result in regions.items():
        value = result.get("value") or {}
        start, end, labels = value.get("start"), value.get("end"), value.get("labels")
        where = f"region {rid}"
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            problems.append(f"{where}: offsets {start!r}-{end!r} outside the text ({len(text)})")
            continue
        if not (isinstance(labels, list) and len(labels) == 1):
            problems.append(f"{where}: needs exactly one label, got {labels!r}")
            continue
        label = labels[0]
        where += f" {label} {start}-{end}"
        if "text" in value and value["text"] != text[start:end]:
            problems.append(
                f"{where}: region text {value['text']!r} != text[start:end] "
                f"{text[start:end]!r} (offsets in another unit?)"
            )
            continue
        if label == CLAIM_LABEL:
            claim, item_problems = _claim_from_region(start, end, linked.get(rid, []))
            if claim is not None:
                claims.append(claim)
        elif label in SPAN_LABELS:
            span, item_problems = _span_from_region(label, start, end, text, linked.get(rid, []))
            if span is not None:
                spans.append(span)
        else:
            item_problems = [f"unknown label {label!r}"]
        problems += [f"{where}: {p}" for p in item_problems]
    if problems:
        return None, doc_id, problems
    meta = data.get("meta") or {}
    try:
        document = GoldDocument(
            doc_id=doc_id,
            text=text,
            meta=meta,
            spans=sorted(spans, key=lambda s: (s.start, s.end)),
            claims=sorted(claims, key=lambda c: (c.start, c.end)),
        )
    except ValidationError as exc:
        return None, doc_id, _validation_messages(exc)
    return document, doc_id, []


def from_export(data: list[dict[str, Any]], *, source: str = EXPORT_SOURCE) -> list[GoldDocument]:
    """Read a Label Studio JSON export (a list of tasks) into gold documents.

    Raises :class:`~tnr_claims.evaluation.gold.GoldFileError` listing every problem, each with
    ``path = source``, ``line`` = the task number (from 1) and the task's doc_id;
    duplicate doc_ids are problems too.
    """
    if not isinstance(data, list):
        raise GoldFileError(
            [GoldProblem(source, 0, None, "a Label Studio export is a JSON list of tasks")]
        )
    documents: list[GoldDocument] = []
    problems: list[GoldProblem] = []
    seen: dict[str, int] = {}
    for number, task in enumerate(data, start=1):
        document, doc_id, messages = _task_document(task)
        problems += [GoldProblem(source, number, doc_id, m) for m in messages]
        if doc_id and doc_id in seen:
            problems.append(
                GoldProblem(
                    source, number, doc_id, f"duplicate doc_id (first in task {seen[doc_id]})"
                )
            )
        elif doc_id:
            seen[doc_id] = number
        if document is not None:
            documents.append(document)
    if problems:
        raise GoldFileError(problems)
    return documents


__all__ = [
    "CLAIM_LABEL",
    "document_results",
    "from_export",
    "labeling_config",
    "to_tasks",
]
