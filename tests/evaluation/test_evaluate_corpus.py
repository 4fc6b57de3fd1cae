"""`claims evaluate` on the project's own gold sets: it runs and its report is well formed.

No accuracy threshold is asserted: the numbers are measurements (README), not tests.
"""

from __future__ import annotations

import csv
import json
import subprocess
from collections import Counter
from pathlib import Path

import helpers
import pytest
from helpers import assert_report_shape

ROOT = Path(__file__).resolve().parents[2]
GOLD = [
    ROOT / "corpus" / "gold" / "involuntary-returns-vietnam.jsonl",
    ROOT / "corpus" / "gold" / "dev.jsonl",
]


def claims_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return helpers.claims_cli(*args, cwd=cwd, timeout=900)


@pytest.fixture(scope="module")
def evaluation(tmp_path_factory) -> tuple[dict, list[dict], subprocess.CompletedProcess[str]]:
    out = tmp_path_factory.mktemp("evaluation")
    done = claims_cli(
        "evaluate",
        *map(str, GOLD),
        "--report",
        str(out / "r.json"),
        "--errors",
        str(out / "e.csv"),
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads((out / "r.json").read_text(encoding="utf-8"))
    with (out / "e.csv").open(encoding="utf-8") as handle:
        errors = list(csv.DictReader(handle))
    return report, errors, done


def gold_lines() -> list[dict]:
    return [
        json.loads(line) for path in GOLD for line in path.read_text(encoding="utf-8").splitlines()
    ]


def test_gold_files_pass_the_checker() -> None:
    done = claims_cli("gold", "check", *map(str, GOLD), cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count(": ok") == 2


def test_report_is_well_formed_and_counts_the_gold(evaluation) -> None:
    report, _, done = evaluation
    assert_report_shape(report)
    documents = gold_lines()
    assert report["documents"] == len(documents) == 5
    support = Counter(span["label"] for document in documents for span in document["spans"])
    for label, count in support.items():
        assert report["spans"][label]["support"] == count
    claims = sum(len(document["claims"]) for document in documents)
    assert report["claims"]["detection"]["support"] == claims
    assert len(report["hashes"]["gold"]) == 64 and len(report["hashes"]["patterns"]) == 64
    assert report["per_pattern"], "per-pattern precision is reported"
    assert "METHOD" in done.stdout


def test_error_rows_name_their_producer(evaluation) -> None:
    _, errors, _ = evaluation
    assert errors, "the pipeline is not perfect on its own gold"
    predicted = [
        row for row in errors if row["error"] == "false_positive" and row["kind"] == "span"
    ]
    assert all(row["producer"] for row in predicted)
    assert all(row["doc_id"] for row in errors)
