"""The Dask engine on a LocalCluster gives the local engine's records, record for record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tnr_claims.run.batch import run_batch
from tnr_claims.run.options import RunOptions

pytestmark = [pytest.mark.model, pytest.mark.slow]


def test_dask_localcluster_equals_local(tmp_path: Path, root: Path, tnr_pipeline) -> None:
    pytest.importorskip("distributed")
    docs = root / "corpus" / "docs"
    local = run_batch(
        RunOptions(inputs=[str(docs)], out_dir=tmp_path / "local"), pipeline=tnr_pipeline
    )
    dask = run_batch(
        RunOptions(inputs=[str(docs)], out_dir=tmp_path / "dask", engine="dask", partition_size=2),
        pipeline=tnr_pipeline,
    )
    assert local.failed == dask.failed == 0
    assert dask.processed == local.processed > 0
    for name in ("documents.jsonl", "records.jsonl", "claims.csv"):
        assert (tmp_path / "dask" / name).read_bytes() == (
            tmp_path / "local" / name
        ).read_bytes(), name
    manifest = json.loads((tmp_path / "dask" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["engine"]["name"] == "dask"
    assert manifest["engine"]["scheduler"].startswith(("tcp://", "inproc://"))
    assert manifest["counts"]["processed"] == local.processed
