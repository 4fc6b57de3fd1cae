"""Linking gold (``links.yaml``) and its scores: B-cubed for cases and incidents, dyads.

A linking gold file (format in ``corpus/gold/FORMAT-links.md``) lists, per case, its
targets, dyad, incidents and the claims of each, every claim named by ``doc_id`` and
``from:`` (the opening words of its sentence). :func:`load_links` resolves each ``from:``
against the gold documents (``corpus/gold/cases.jsonl``) to the gold claim whose sentence
holds those words, so every linked claim has the offsets of a gold claim.

:func:`score_links` compares a :class:`~tnr_claims.cases.Linking` with the gold on the gold
claims of the documents the linking gold covers: each gold claim takes the case and
incident of the predicted claim matched to it by the codebook's claim rule (half overlap,
one to one); gold claims the prediction has no claim for are left out (claim detection is
scored by ``claims evaluate``), and their number is reported. A claim in no case (or no
incident) is a cluster of its own.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tnr_claims.cases.link import ClaimRef, Linking
from tnr_claims.evaluation.matching import claims_eligible, greedy_match, offset_order
from tnr_claims.records import GoldDocument


class LinksFileError(ValueError):
    """A linking gold file that cannot be read; the message names file, case and claim."""


@dataclass
class GoldCase:
    """One case of a linking gold."""

    name: str
    targets: list[str]
    perpetrator_states: list[str]
    host_states: list[str]
    host_role: str | None
    incidents: dict[str, list[ClaimRef]] = field(default_factory=dict)
    claims: list[ClaimRef] = field(default_factory=list)
    """Case-level claims (in no incident)."""

    def all_claims(self) -> list[ClaimRef]:
        """Every claim of the case, incidents' first."""
        return [ref for refs in self.incidents.values() for ref in refs] + self.claims


@dataclass
class LinksGold:
    """All cases of one or more linking gold files and the documents they cover."""

    cases: list[GoldCase]
    documents: set[str]


_CASE_KEYS = {
    "case",
    "targets",
    "perpetrator_states",
    "host_states",
    "host_role",
    "incidents",
    "claims",
}
_INCIDENT_KEYS = {"incident", "date", "host_state", "methods", "claims"}


def _resolve(ref: Any, docs: dict[str, GoldDocument], where: str) -> ClaimRef:
    """The gold claim named by ``{doc_id, from}``."""
    if not isinstance(ref, dict) or set(ref) != {"doc_id", "from"}:
        raise LinksFileError(f"{where}: a claim is {{doc_id: ..., from: ...}}, got {ref!r}")
    doc = docs.get(str(ref["doc_id"]))
    if doc is None:
        raise LinksFileError(
            f"{where}: doc_id {ref['doc_id']!r} is in no gold document file given; "
            "pass the gold JSONL that holds it"
        )
    opening = str(ref["from"])
    at = doc.text.find(opening)
    if at < 0:
        raise LinksFileError(f"{where}: {opening!r} not found in {doc.doc_id}")
    for claim in doc.claims:
        if claim.start <= at < claim.end:
            return ClaimRef(doc.doc_id, claim.start, claim.end)
    raise LinksFileError(f"{where}: {opening!r} in {doc.doc_id} is in no gold claim")


def _states(raw: dict[str, Any], key: str, where: str) -> list[str]:
    """A list of ISO alpha-2 codes (YAML reads a bare ``NO`` as false: it must be quoted)."""
    values = raw.get(key) or []
    bad = [v for v in values if not (isinstance(v, str) and re.fullmatch(r"[A-Z]{2}", v))]
    if not isinstance(values, list) or bad:
        raise LinksFileError(
            f"{where}: {key} must be a list of ISO 3166-1 alpha-2 codes, got {bad or values!r} "
            '(quote codes YAML reads as booleans: "NO")'
        )
    return list(values)


def _case(raw: Any, docs: dict[str, GoldDocument], where: str) -> GoldCase:
    if not isinstance(raw, dict) or "case" not in raw or set(raw) - _CASE_KEYS:
        raise LinksFileError(
            f"{where}: a case is a mapping with keys {sorted(_CASE_KEYS)}; "
            f"got {sorted(raw) if isinstance(raw, dict) else raw!r}"
        )
    where = f"{where} case {raw['case']!r}"
    case = GoldCase(
        name=str(raw["case"]),
        targets=list(raw.get("targets") or []),
        perpetrator_states=_states(raw, "perpetrator_states", where),
        host_states=_states(raw, "host_states", where),
        host_role=raw.get("host_role"),
    )
    for incident in raw.get("incidents") or []:
        if not isinstance(incident, dict) or set(incident) - _INCIDENT_KEYS:
            raise LinksFileError(f"{where}: an incident has keys {sorted(_INCIDENT_KEYS)}")
        name = str(incident.get("incident"))
        case.incidents[name] = [
            _resolve(ref, docs, f"{where} incident {name!r}")
            for ref in incident.get("claims") or []
        ]
    case.claims = [_resolve(ref, docs, where) for ref in raw.get("claims") or []]
    return case


def load_links(paths: Iterable[str | Path], documents: Iterable[GoldDocument]) -> LinksGold:
    """Read linking gold files and resolve their claims against ``documents``.

    Raises :class:`LinksFileError` with one line naming the file, case and claim at fault.
    """
    import yaml

    docs = {doc.doc_id: doc for doc in documents}
    cases: list[GoldCase] = []
    covered: set[str] = set()
    seen: dict[ClaimRef, str] = {}
    for path in paths:
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise LinksFileError(f"{path}: cannot read the linking gold ({first})") from exc
        if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
            raise LinksFileError(f"{path}: a linking gold is a mapping with a 'cases' list")
        for raw in data["cases"]:
            case = _case(raw, docs, str(path))
            for ref in case.all_claims():
                if ref in seen:
                    raise LinksFileError(
                        f"{path} case {case.name!r}: the claim at {ref.doc_id} {ref.start} is "
                        f"also in {seen[ref]!r}; a claim belongs to one case"
                    )
                seen[ref] = case.name
                covered.add(ref.doc_id)
            cases.append(case)
    return LinksGold(cases=cases, documents=covered)


# --------------------------------------------------------------------------- scores


def bcubed(gold: dict[Any, Any], pred: dict[Any, Any]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of two clusterings of the same items.

    ``gold`` and ``pred`` map every item to its cluster label; ``None`` is a cluster of
    the item alone.
    """
    items = list(gold)
    if not items:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    g = {i: gold[i] if gold[i] is not None else ("alone", i) for i in items}
    p = {i: pred.get(i) if pred.get(i) is not None else ("alone", i) for i in items}
    pairs = Counter((g[i], p[i]) for i in items)
    g_size = Counter(g.values())
    p_size = Counter(p.values())
    precision = sum(pairs[(g[i], p[i])] / p_size[p[i]] for i in items) / len(items)
    recall = sum(pairs[(g[i], p[i])] / g_size[g[i]] for i in items) / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _matched(
    gold_docs: Sequence[GoldDocument], predicted: dict[str, list[ClaimRef]], covered: set[str]
) -> dict[ClaimRef, ClaimRef | None]:
    """Each gold claim of the covered documents -> the predicted claim matched to it."""
    out: dict[ClaimRef, ClaimRef | None] = {}
    for doc in gold_docs:
        if doc.doc_id not in covered:
            continue
        gold = offset_order(ClaimRef(doc.doc_id, c.start, c.end) for c in doc.claims)
        pred = offset_order(predicted.get(doc.doc_id, []))
        pairs = dict(greedy_match(gold, pred, eligible=claims_eligible))
        for gi, ref in enumerate(gold):
            out[ref] = pred[pairs[gi]] if gi in pairs else None
    return out


def score_links(
    gold: LinksGold,
    gold_docs: Sequence[GoldDocument],
    linking: Linking,
    predicted: dict[str, list[ClaimRef]],
) -> dict[str, Any]:
    """The linking report: B-cubed of cases and incidents, case count ratio, dyad accuracy.

    ``predicted`` lists every predicted claim per document (linked or not).
    """
    every = _matched(gold_docs, predicted, gold.documents)
    matched = {g: p for g, p in every.items() if p is not None}
    case_of, incident_of = linking.case_of(), linking.incident_of()
    gold_case: dict[ClaimRef, str | None] = dict.fromkeys(matched)
    gold_incident: dict[ClaimRef, str | None] = dict.fromkeys(matched)
    for case in gold.cases:
        for name, refs in case.incidents.items():
            for ref in refs:
                if ref in matched:
                    gold_incident[ref] = f"{case.name}/{name}"
        for ref in case.all_claims():
            if ref in matched:
                gold_case[ref] = case.name
    pred_case = {g: case_of.get(p) if p else None for g, p in matched.items()}
    pred_incident = {g: incident_of.get(p) if p else None for g, p in matched.items()}
    by_id = {case.case_id: case for case in linking.cases}
    mixed = []
    for case_id in {c for c in pred_case.values() if c}:
        names = {gold_case[g] for g, c in pred_case.items() if c == case_id and gold_case[g]}
        if len(names) > 1:
            mixed.append({"case_id": case_id, "gold_cases": sorted(names)})
    scored_cases = Counter(c for c in pred_case.values() if c)
    dyads = _dyad_accuracy(gold, pred_case, by_id)
    linked = {ref for case in gold.cases for ref in case.all_claims()}
    return {
        "gold_cases": len(gold.cases),
        "gold_linked_claims": len(linked),
        "matched_linked_claims": sum(1 for g in linked if g in matched),
        "cases": bcubed(gold_case, pred_case),
        "incidents": bcubed(gold_incident, pred_incident),
        "case_count_ratio": round(
            sum(1 for n in scored_cases.values() if n >= 2) / max(1, len(gold.cases)), 4
        ),
        **dyads,
        "mixed_cases": sorted(mixed, key=lambda m: m["case_id"]),
    }


def _dyad_accuracy(
    gold: LinksGold, pred_case: dict[ClaimRef, str | None], by_id: dict[str, Any]
) -> dict[str, Any]:
    """Per gold case: the predicted case holding most of its claims, and its dyad."""
    perpetrator = host = 0
    rows = []
    for case in gold.cases:
        votes = Counter(pred_case.get(ref) for ref in case.all_claims() if pred_case.get(ref))
        predicted = by_id.get(votes.most_common(1)[0][0]) if votes else None
        p_states = predicted.perpetrator_states if predicted else []
        h_states = predicted.host_states if predicted else []
        p_ok = (p_states[:1] == [] and not case.perpetrator_states) or (
            bool(p_states) and p_states[0] in case.perpetrator_states
        )
        h_ok = (h_states[:1] == [] and not case.host_states) or (
            bool(h_states) and h_states[0] in case.host_states
        )
        perpetrator += p_ok
        host += h_ok
        rows.append(
            {
                "case": case.name,
                "predicted_case": predicted.case_id if predicted else None,
                "perpetrator": p_states,
                "gold_perpetrator": case.perpetrator_states,
                "host": h_states,
                "gold_host": case.host_states,
            }
        )
    n = max(1, len(gold.cases))
    return {
        "perpetrator_accuracy": round(perpetrator / n, 4),
        "host_accuracy": round(host / n, 4),
        "per_case": rows,
    }


# --------------------------------------------------------------------------- runs


def records_from_gold(documents: Iterable[GoldDocument]) -> list[Any]:
    """Gold documents as records (the gold claims and spans, dyads by the rules).

    Linking these scores the linking alone, on claims exactly as the gold has them.
    """
    from tnr_claims.claims.dyads import assign_dyads
    from tnr_claims.records import (
        ClaimProvenance,
        ClaimRecord,
        DocumentRecord,
        PipelineInfo,
        SpanProvenance,
        SpanRecord,
    )

    info = PipelineInfo(version="gold", model="gold", model_version="gold", patterns_hash="")
    records = []
    for doc in documents:
        spans = [
            SpanRecord(
                **span.model_dump(exclude={"text"}),
                text=doc.text[span.start : span.end],
                provenance=SpanProvenance(source="model", model_label="gold"),
            )
            for span in doc.spans
        ]
        claims = [
            ClaimRecord(
                doc_id=doc.doc_id,
                **claim.model_dump(exclude={"text"}),
                text=doc.text[claim.start : claim.end],
                provenance=ClaimProvenance(type_rule="gold", pipeline_version="gold"),
            )
            for claim in doc.claims
        ]
        record = DocumentRecord(
            doc_id=doc.doc_id, text=doc.text, spans=spans, claims=claims, pipeline=info
        )
        records.append(assign_dyads(record))
    return records


def link_report(
    gold: LinksGold, gold_docs: Sequence[GoldDocument], records: Sequence[Any]
) -> dict[str, Any]:
    """Link ``records`` as one collection and score the result against ``gold``."""
    from tnr_claims.cases import link

    linking = link(records)
    predicted: dict[str, list[ClaimRef]] = {}
    for record in records:
        predicted[record.doc_id] = [ClaimRef(record.doc_id, c.start, c.end) for c in record.claims]
    return score_links(gold, gold_docs, linking, predicted)


def evaluate_links(
    paths: Sequence[str | Path],
    *,
    model: str | None = None,
    patterns_dir: str | Path | None = None,
    on_failure: Any = None,
) -> dict[str, Any]:
    """``claims evaluate --links``: gold JSONL files and linking gold files in, report out.

    The pipeline processes every gold document (the linked cases and any distractors, as
    one collection); its claims are linked and scored (``pipeline_claims``), and so are
    the gold claims themselves (``gold_claims``: linking alone, with the dyad rules).
    """
    from tnr_claims.evaluation.gold import read_gold
    from tnr_claims.evaluation.scoring import hash_files, process_gold

    link_paths = [Path(p) for p in paths if Path(p).suffix in (".yaml", ".yml")]
    gold_paths = [Path(p) for p in paths if Path(p).suffix not in (".yaml", ".yml")]
    if not link_paths or not gold_paths:
        raise LinksFileError(
            "claims evaluate --links needs gold JSONL files (the documents) and linking "
            "gold files (links.yaml); pass both"
        )
    documents = [doc for path in gold_paths for doc in read_gold(path)]
    gold = load_links(link_paths, documents)
    from tnr_claims.extract import Pipeline

    pipeline = Pipeline.load(model, patterns_dir=patterns_dir)
    records = process_gold(pipeline, documents, on_failure)
    return {
        "documents": len(documents),
        "linked_documents": len(gold.documents),
        "pipeline_claims": link_report(gold, documents, records),
        "gold_claims": link_report(gold, documents, records_from_gold(documents)),
        "gold_hash": hash_files([*gold_paths, *link_paths]),
        "patterns_hash": pipeline.info.patterns_hash,
        "pipeline_version": pipeline.info.version,
    }


def links_markdown(report: dict[str, Any]) -> str:
    """The headline figures of a linking report as a Markdown table."""
    head = (
        "| claims | case B3 P | case B3 R | case B3 F1 | incident B3 F1 | case count ratio "
        "| perpetrator acc. | host acc. | mixed cases | matched / gold claims |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    rows = [head]
    for name in ("pipeline_claims", "gold_claims"):
        r = report[name]
        rows.append(
            f"| {name.replace('_', ' ')} | {r['cases']['precision']:.2f} | "
            f"{r['cases']['recall']:.2f} | {r['cases']['f1']:.2f} | {r['incidents']['f1']:.2f} | "
            f"{r['case_count_ratio']:.2f} | {r['perpetrator_accuracy']:.2f} | "
            f"{r['host_accuracy']:.2f} | {len(r['mixed_cases'])} | "
            f"{r['matched_linked_claims']} / {r['gold_linked_claims']} |"
        )
    return "\n".join(rows)
