"""Exports: the gold view equals the validated gold format; CSV cells are neutralised."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tnr_claims.export import safe_csv_cell, write_outputs
from tnr_claims.records import GoldDocument, gold_dict


@pytest.fixture(scope="module")
def record(tnr_pipeline):
    text = (
        "Rights groups say Chinese agents abducted Li Wei in Bangkok in 2015.\n\n"
        "=SUM(A1) Amnesty International urged Thailand to stop deportations."
    )
    return tnr_pipeline.process_text(text, doc_id="d1", meta={"title": "t"})


def test_record_gold_dict_equals_validated_gold_dict(record) -> None:
    assert gold_dict(record) == gold_dict(record.to_gold())
    GoldDocument.model_validate(json.loads(json.dumps(gold_dict(record))))


def test_write_outputs_writes_every_file_consistently(record, tmp_path: Path) -> None:
    counts = write_outputs([record, record.model_copy(update={"doc_id": "d2"})], tmp_path)
    assert counts == {
        "documents": 2,
        "claims": 2 * len(record.claims),
        "spans": 2 * len(record.spans),
    }
    lines = (tmp_path / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["doc_id"] for line in lines] == ["d1", "d2"]
    assert pq.read_table(tmp_path / "claims.parquet").num_rows == counts["claims"]
    assert pq.read_table(tmp_path / "spans.parquet").num_rows == counts["spans"]
    with (tmp_path / "claims.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == counts["claims"] + 1
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    assert not list(tmp_path.glob(".*tmp*"))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+31 6", "'+31 6"),
        ("-x", "'-x"),
        ("@A", "'@A"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Xu = Zheng", "Xu = Zheng"),
        ("", ""),
        ("plain", "plain"),
        (-3, -3),
        (None, None),
    ],
)
def test_safe_csv_cell(value, expected) -> None:
    assert safe_csv_cell(value) == expected
