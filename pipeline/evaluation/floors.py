"""Accuracy floors: committed figures that ``make test`` holds the pipeline to.

``corpus/gold/accuracy-floors.json`` lists, per gold set (seed, dev, dev2-tune, and the
cases set since it became a development set at the seventh stop), the micro
partial F1 and METHOD partial F1 the pipeline reached when the file was last written. The
test suite measures them again and fails when either falls more than
:data:`TOLERANCE` below. ``make floors`` rewrites the file after a deliberate improvement.
The dev2 test split is never in this file: it is scored for closing notes only.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tnr_claims.evaluation.gold import read_gold
from tnr_claims.evaluation.scoring import score
from tnr_claims.evaluation.splits import SplitName, select
from tnr_claims.extract import Pipeline

TOLERANCE = 0.02
"""How far a figure may fall below its floor before the test fails."""

SETS: dict[str, dict[str, Any]] = {
    "seed": {"gold": "involuntary-returns-vietnam.jsonl"},
    "dev": {"gold": "dev.jsonl"},
    "dev2-tune": {"gold": "dev2.jsonl", "split": "tune"},
    "cases": {"gold": "cases.jsonl"},
}
"""The gold sets with floors (file names in ``corpus/gold/``)."""


def measure(pipeline: Pipeline, gold_dir: Path, name: str) -> dict[str, float]:
    """Micro partial F1 and METHOD partial F1 of ``pipeline`` on gold set ``name``."""
    spec = SETS[name]
    gold = read_gold(gold_dir / spec["gold"])
    split: SplitName | None = spec.get("split")
    if split is not None:
        gold = select(gold, split)
    records = list(pipeline.process((d.doc_id, d.text, d.meta) for d in gold))
    report = score(gold, [record.to_gold() for record in records]).report
    return {
        "micro_partial": round(report["spans"]["micro"]["partial"]["f1"], 4),
        "method_partial": round(report["spans"]["METHOD"]["partial"]["f1"], 4),
    }


def write_floors(pipeline: Pipeline, gold_dir: Path, path: Path) -> dict[str, dict[str, float]]:
    """Measure every set and write the floors file (``make floors``)."""
    floors = {name: {**SETS[name], **measure(pipeline, gold_dir, name)} for name in SETS}
    path.write_text(json.dumps(floors, indent=2) + "\n", encoding="utf-8")
    return floors
