"""Whole runs that must stay trustworthy: killed pools, full disks, corrupt state, --strict, Dask.

Each test starts from generated documents and compares with an uninterrupted run; the
tests that start processes are marked ``slow``.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import psutil
import pytest

from tnr_claims.run.batch import run_batch
from tnr_claims.run.bench import generate_corpus
from tnr_claims.run.options import RunOptions
from tnr_claims.run.publish import file_digest
from tnr_claims.run.store import RecordStore

pytestmark = pytest.mark.model

N_DOCS = 24
COMPARED = ("documents.jsonl", "records.jsonl", "claims.csv", "claims.parquet", "spans.parquet")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inputs")
    for doc_id, text in generate_corpus(N_DOCS, seed=21, min_paragraphs=1, max_paragraphs=3):
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def reference(inputs: Path, tmp_path_factory: pytest.TempPathFactory, tnr_pipeline) -> Path:
    """An uninterrupted run."""
    out = tmp_path_factory.mktemp("reference")
    summary = run_batch(RunOptions(inputs=[str(inputs)], out_dir=out), pipeline=tnr_pipeline)
    assert summary.processed == N_DOCS and summary.failed == 0
    return out


def manifest(out: Path) -> dict[str, Any]:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def assert_one_set(out: Path) -> dict[str, Any]:
    """Every file the manifest names has the size and hash it records; counts agree."""
    data = manifest(out)
    files = {item.pop("name"): item for item in data["files"]}
    assert set(COMPARED) | {"failures.jsonl"} <= set(files)
    for name, digest in files.items():
        assert file_digest(out / name) == digest, name
    documents = (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(documents) == data["counts"]["documents"]
    return data


def assert_same_outputs(out: Path, reference: Path) -> None:
    for name in COMPARED:
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name
    assert_one_set(out)


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "tnr_claims.cli", *args]


def one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


@pytest.mark.slow
def test_sigkill_of_a_two_process_run_then_a_new_run_at_once(
    inputs: Path, reference: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    proc = subprocess.Popen(
        cli("run", str(inputs), "-o", str(out), "--n-process", "2", "--batch-size", "2", "-q"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    index = out / ".state" / "index.jsonl"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and proc.poll() is None:
        if index.exists() and index.read_bytes().count(b"\n") >= 4:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before it could be killed"
    workers = psutil.Process(proc.pid).children(recursive=True)
    assert len(workers) == 2
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    rerun = subprocess.run(
        cli("run", str(inputs), "-o", str(out), "--n-process", "2", "-q"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert rerun.returncode == 0, rerun.stderr
    gone, alive = psutil.wait_procs(workers, timeout=5)
    assert not alive, "pool workers outlived their killed parent"
    counts = manifest(out)["counts"]
    assert counts["unchanged"] >= 4 and counts["unchanged"] + counts["processed"] == N_DOCS
    assert_same_outputs(out, reference)


@pytest.mark.slow
def test_a_full_disk_is_one_line_and_leaves_no_temporary_files(
    inputs: Path, tiny_disk: Path
) -> None:
    out = tiny_disk / "out"
    result = subprocess.run(
        cli("run", str(inputs), "-o", str(out), "-q"), capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 2
    line = one_line(result.stderr)
    assert "no space left" in line and str(out) in line and " MB" in line
    state = out / ".state"
    assert not list(out.glob(".*tmp*")) and not list(state.glob("*tmp*"))
    assert not list(state.glob("run-*")), "the run's own temporary files are left"
    sets = state / "sets"
    assert not sets.exists() or not list(sets.iterdir()), "an unfinished set is left"
    with RecordStore(out) as store:  # what was stored is whole and reused by the next run
        assert all(store.intact(key) for key in store.index)
        stored = sum(p.stat().st_size for p in state.glob("seg-*.jsonl"))
        assert stored == store.live_bytes()

    again = subprocess.run(  # the disk still full: the same one line, nothing more
        cli("run", str(inputs), "-o", str(out), "-q"), capture_output=True, text=True, timeout=300
    )
    assert again.returncode == 2 and "no space left" in one_line(again.stderr)


def test_a_corrupt_stored_record_is_dropped_with_one_warning(
    inputs: Path, reference: Path, tmp_path: Path, tnr_pipeline
) -> None:
    out = tmp_path / "out"
    shutil.copytree(reference, out)  # follows the links: plain files, as an older layout
    with RecordStore(out) as store:
        key, entry = next(iter(store.index.items()))
    segment = out / ".state" / entry.segment
    data = bytearray(segment.read_bytes())
    data[entry.offset + entry.length // 2] ^= 0x20
    segment.write_bytes(bytes(data))

    warnings: list[tuple[str, str]] = []
    summary = run_batch(
        RunOptions(inputs=[str(inputs)], out_dir=out),
        pipeline=tnr_pipeline,
        on_warning=lambda doc_id, message: warnings.append((doc_id, message)),
    )
    assert len(warnings) == 1 and warnings[0][0] == entry.doc_id
    assert "corrupt" in warnings[0][1]
    assert (summary.processed, summary.skipped, summary.failed) == (1, N_DOCS - 1, 0)
    assert manifest(out)["warnings"] == [f"{entry.doc_id}: {warnings[0][1]}"]
    assert_same_outputs(out, reference)

    again: list[tuple[str, str]] = []
    summary = run_batch(
        RunOptions(inputs=[str(inputs)], out_dir=out),
        pipeline=tnr_pipeline,
        on_warning=lambda doc_id, message: again.append((doc_id, message)),
    )
    assert not again and summary.processed == 0 and summary.skipped == N_DOCS


def test_after_strict_stops_the_manifest_and_the_files_agree(
    inputs: Path, reference: Path, tmp_path: Path, tnr_pipeline
) -> None:
    mixed = tmp_path / "inputs"
    shutil.copytree(inputs, mixed)
    (mixed / "bench-03x.txt").write_text(" \n", encoding="utf-8")  # fails: empty
    out = tmp_path / "out"
    summary = run_batch(
        RunOptions(inputs=[str(mixed)], out_dir=out, strict=True, batch_size=1),
        pipeline=tnr_pipeline,
    )
    assert summary.stopped and summary.failed == 1
    data = assert_one_set(out)
    assert data["status"] == "stopped"
    documents = [
        json.loads(line)["doc_id"]
        for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert documents == ["bench-00", "bench-01", "bench-02", "bench-03"]
    statuses = {item["doc_id"]: item["status"] for item in data["inputs"]}
    assert [doc for doc, status in statuses.items() if status == "ok"] == documents
    failures = (out / "failures.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(row)["doc_id"] for row in failures] == ["bench-03x"]


@pytest.mark.slow
def test_a_wrong_scheduler_address_is_one_line(inputs: Path, tmp_path: Path) -> None:
    for address in ("nonsense://x", "tcp://127.0.0.1:1"):
        result = subprocess.run(
            cli("run", str(inputs), "-o", str(tmp_path / "out"), "--engine", "dask")
            + ["--scheduler", address, "-q"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 2
        assert address in one_line(result.stderr)


@pytest.mark.slow
def test_lost_dask_workers_cost_a_retry_not_the_documents(
    inputs: Path, reference: Path, tmp_path: Path, tnr_pipeline
) -> None:
    distributed = pytest.importorskip("distributed")
    out = tmp_path / "out"
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        pids = list(client.run(os.getpid).values())
        killed: list[int] = []

        def kill_both_workers_mid_run() -> None:
            """Kill one first worker, then the other: no process of the start is left."""
            index = out / ".state" / "index.jsonl"
            deadline = time.monotonic() + 300
            for pid, stored in zip(pids, (2, 8), strict=True):
                while time.monotonic() < deadline:
                    if index.exists() and index.read_bytes().count(b"\n") >= stored:
                        os.kill(pid, signal.SIGKILL)
                        killed.append(pid)
                        break
                    time.sleep(0.02)

        killer = threading.Thread(target=kill_both_workers_mid_run, daemon=True)
        killer.start()
        failures: list[tuple[str, str]] = []
        summary = run_batch(
            RunOptions(
                inputs=[str(inputs)],
                out_dir=out,
                engine="dask",
                scheduler=cluster.scheduler_address,
                partition_size=2,
            ),
            pipeline=tnr_pipeline,
            on_failure=lambda doc_id, message: failures.append((doc_id, message)),
        )
        killer.join(timeout=5)
    assert killed == pids, "the run ended before both workers could be killed"
    assert failures == [] and summary.failed == 0
    assert summary.processed == N_DOCS
    assert_same_outputs(out, reference)
