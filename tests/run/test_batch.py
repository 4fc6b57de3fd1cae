"""Batch runs: resumable after SIGKILL, incremental, failures contained, long texts split.

The in-process tests share the session's loaded pipeline (``tnr_pipeline``); only the
kill test and the exit-code test start ``claims run`` as a subprocess.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from helpers import Exploding

from tnr_claims.records import DocumentRecord
from tnr_claims.run.batch import run_batch
from tnr_claims.run.bench import generate_corpus
from tnr_claims.run.engines import WorkItem, process_items
from tnr_claims.run.options import RunOptions
from tnr_claims.run.store import RecordStore
from tnr_claims.text.chunking import merge_records, split_text

pytestmark = pytest.mark.model

N_DOCS = 60


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """~60 generated documents (paragraphs of corpus/docs shuffled, fixed seed)."""
    folder = tmp_path_factory.mktemp("inputs")
    for doc_id, text in generate_corpus(N_DOCS, seed=5, min_paragraphs=1, max_paragraphs=3):
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def baseline(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory, tnr_pipeline) -> Path:
    """An uninterrupted run over the corpus."""
    out = tmp_path_factory.mktemp("baseline")
    summary = run_batch(RunOptions(inputs=[str(corpus_dir)], out_dir=out), pipeline=tnr_pipeline)
    assert summary.failed == 0 and summary.processed == N_DOCS
    return out


def manifest(out: Path) -> dict[str, Any]:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def assert_same_outputs(out: Path, reference: Path) -> None:
    """Every document exactly once, same content and order as the reference run."""
    for name in ("documents.jsonl", "records.jsonl"):
        rows = lines(out / name)
        ids = [row["doc_id"] for row in rows]
        assert len(ids) == len(set(ids)), f"{name}: a document appears twice"
        assert rows == lines(reference / name), name
    assert not list(out.glob(".*.tmp-*")), "temporary files left behind"


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "tnr_claims.cli", *args]


# --------------------------------------------------------------------------- crash safety


@pytest.mark.slow
def test_sigkill_mid_run_then_resume(
    corpus_dir: Path, baseline: Path, tmp_path: Path, tnr_pipeline
) -> None:
    out = tmp_path / "out"
    proc = subprocess.Popen(
        cli("run", str(corpus_dir), "-o", str(out), "--batch-size", "2", "-q"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    index = out / ".state" / "index.jsonl"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if index.exists() and index.read_bytes().count(b"\n") >= 6:
            break
        time.sleep(0.02)
    assert proc.poll() is None, f"run ended before it could be killed: {proc.stderr.read()!r}"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not (out / "documents.jsonl").exists()

    summary = run_batch(RunOptions(inputs=[str(corpus_dir)], out_dir=out), pipeline=tnr_pipeline)
    counts = manifest(out)["counts"]
    assert counts["unchanged"] >= 6 and counts["processed"] >= 1
    assert counts["unchanged"] + counts["processed"] == N_DOCS == summary.documents
    assert_same_outputs(out, baseline)


def test_torn_store_tail_is_ignored(
    corpus_dir: Path, baseline: Path, tmp_path: Path, tnr_pipeline
) -> None:
    out = tmp_path / "out"
    shutil.copytree(baseline, out)
    state = out / ".state"
    with (state / "index.jsonl").open("ab") as handle:
        handle.write(b'{"key": "abc", "doc_id": "bench-0')  # killed mid-line
    segment = next(state.glob("seg-*.jsonl"))
    with segment.open("ab") as handle:
        handle.write(b'{"key": "def", "doc_id": "x", "record": {"doc')
    (out / ".documents.jsonl.tmp-99999").write_text("half a file")
    with RecordStore(out) as store:
        assert len(store.index) == N_DOCS
    run_batch(RunOptions(inputs=[str(corpus_dir)], out_dir=out), pipeline=tnr_pipeline)
    assert manifest(out)["counts"]["unchanged"] == N_DOCS
    assert_same_outputs(out, baseline)


def test_lost_index_is_rebuilt_from_segments(baseline: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(baseline, out)
    (out / ".state" / "index.jsonl").unlink()
    with RecordStore(out) as store:
        assert len(store.index) == N_DOCS
        key = next(iter(store.index))
        assert isinstance(store.get(key), DocumentRecord)


def test_second_run_on_the_same_folder_is_refused(baseline: Path) -> None:
    from tnr_claims.errors import OutputError

    with RecordStore(baseline):
        with pytest.raises(OutputError, match="another `claims run`"):
            RecordStore(baseline).open()


# --------------------------------------------------------------------------- incremental


def test_changed_input_and_changed_patterns(
    corpus_dir: Path, baseline: Path, tmp_path: Path, root: Path
) -> None:
    from tnr_claims.extract import Pipeline

    inputs = tmp_path / "inputs"
    shutil.copytree(corpus_dir, inputs)
    patterns = tmp_path / "patterns"
    shutil.copytree(root / "patterns", patterns)
    out = tmp_path / "out"

    def run(pipeline: Pipeline, **options: Any) -> dict[str, int]:
        run_batch(
            RunOptions(inputs=[str(inputs)], out_dir=out, patterns_dir=patterns, **options),
            pipeline=pipeline,
        )
        return manifest(out)["counts"]

    first = Pipeline.load(patterns_dir=patterns)
    assert run(first)["processed"] == N_DOCS
    assert run(first)["unchanged"] == N_DOCS

    changed = inputs / "bench-07.txt"
    changed.write_text(
        changed.read_text(encoding="utf-8") + "\nA new closing line.\n", encoding="utf-8"
    )
    counts = run(first)
    assert (counts["processed"], counts["unchanged"], counts["failed"]) == (1, N_DOCS - 1, 0)
    record = next(r for r in lines(out / "records.jsonl") if r["doc_id"] == "bench-07")
    assert record["text"].endswith("A new closing line.\n")

    pattern_file = next(patterns.glob("*.jsonl"))
    pattern_file.write_text(
        pattern_file.read_text(encoding="utf-8") + "\n",
        encoding="utf-8",
    )
    second = Pipeline.load(patterns_dir=patterns)
    assert second.fingerprint != first.fingerprint
    counts = run(second)
    assert (counts["processed"], counts["unchanged"]) == (N_DOCS, 0)
    assert manifest(out)["pipeline"]["patterns_hash"] == second.info.patterns_hash

    counts = run(second, force=True)
    assert (counts["processed"], counts["unchanged"]) == (N_DOCS, 0)
    assert len(lines(out / "documents.jsonl")) == N_DOCS


def test_manifest_fields(baseline: Path) -> None:
    data = manifest(baseline)
    assert data["engine"]["name"] == "local"
    assert {"model", "model_version", "patterns_hash"} <= set(data["pipeline"])
    assert {"claims", "spans", "processed", "unchanged", "failed"} <= set(data["counts"])
    assert len(data["inputs"]) == N_DOCS
    assert all(len(item["sha256"]) == 64 for item in data["inputs"])
    assert data["timing"]["total_s"] > 0


def test_pool_engine_gives_identical_records(
    corpus_dir: Path, baseline: Path, tmp_path: Path, tnr_pipeline
) -> None:
    out = tmp_path / "out"
    run_batch(
        RunOptions(inputs=[str(corpus_dir)], out_dir=out, n_process=2, batch_size=4),
        pipeline=tnr_pipeline,
    )
    assert_same_outputs(out, baseline)


# --------------------------------------------------------------------------- failures


def test_crash_in_a_batch_fails_only_the_bad_document(tnr_pipeline) -> None:
    items = [
        WorkItem(f"k{i}", f"d{i}", text, {})
        for i, text in enumerate(
            ["Police detained him.", "BOOM went the tagger.", "She fled to Thailand."]
        )
    ]
    outcomes = process_items(Exploding(tnr_pipeline), items, batch_size=8)
    assert [o.error is None for o in outcomes] == [True, False, True]
    assert "RuntimeError: component exploded" in (outcomes[1].error or "")
    assert ";" in (outcomes[1].error or "")


def test_failures_are_reported_and_the_run_goes_on(
    corpus_dir: Path, tmp_path: Path, tnr_pipeline
) -> None:
    inputs = tmp_path / "inputs"
    shutil.copytree(corpus_dir, inputs)
    (inputs / "zz-empty.txt").write_text("  \n")
    (inputs / "bench-03.txt").write_text("Text with BOOM in it.\n")
    out = tmp_path / "out"
    seen: list[tuple[str, str]] = []
    summary = run_batch(
        RunOptions(inputs=[str(inputs)], out_dir=out),
        pipeline=Exploding(tnr_pipeline),
        on_failure=lambda doc_id, message: seen.append((doc_id, message)),
    )
    assert summary.failed == 2
    assert sorted(doc_id for doc_id, _ in seen) == ["bench-03", "zz-empty"]
    assert all(not message.startswith(doc_id) for doc_id, message in seen)
    rows = lines(out / "failures.jsonl")
    assert sorted(row["doc_id"] for row in rows) == ["bench-03", "zz-empty"]
    assert all(set(row) == {"doc_id", "path", "message"} and row["path"] for row in rows)
    documents = [row["doc_id"] for row in lines(out / "documents.jsonl")]
    assert len(documents) == N_DOCS - 1 and "bench-03" not in documents
    assert manifest(out)["counts"]["failed"] == 2

    summary = run_batch(
        RunOptions(inputs=[str(inputs)], out_dir=out, strict=True), pipeline=Exploding(tnr_pipeline)
    )
    assert summary.stopped and summary.failed == 1


@pytest.mark.slow
def test_exit_code_with_an_empty_file(corpus_dir: Path, tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for name in ("bench-00.txt", "bench-01.txt"):
        shutil.copy(corpus_dir / name, inputs / name)
    (inputs / "empty.txt").write_text("")
    out = tmp_path / "out"
    result = subprocess.run(
        cli("run", str(inputs), "-o", str(out), "-q"), capture_output=True, text=True
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("empty: ")
    assert [row["doc_id"] for row in lines(out / "failures.jsonl")] == ["empty"]
    assert [row["doc_id"] for row in lines(out / "documents.jsonl")] == ["bench-00", "bench-01"]

    missing = subprocess.run(
        cli("run", str(tmp_path / "nope"), "-o", str(out), "-q"), capture_output=True, text=True
    )
    assert missing.returncode == 2


# --------------------------------------------------------------------------- long documents


@pytest.mark.parametrize(
    ("text", "max_chars", "expected"),
    [
        ("short", 10, [0]),
        ("aaaa\n\nbbbb\ncccc dddd", 12, [0, 6, 11]),
        ("aaaa bbbb\ncccc dddd", 12, [0, 10]),
        ("aaaa bbbb cccc", 7, [0, 5, 10]),
        ("x" * 25, 10, [0, 10, 20]),
    ],
)
def test_split_text(text: str, max_chars: int, expected: list[int]) -> None:
    offsets = split_text(text, max_chars=max_chars)
    assert offsets == expected
    bounds = [*offsets, len(text)]
    assert all(0 < bounds[i + 1] - bounds[i] <= max_chars for i in range(len(offsets)))


def test_split_text_of_a_megabyte_line() -> None:
    text = "word " * 200_000
    offsets = split_text(text, max_chars=100_000)
    assert len(offsets) == 10
    assert all(text[o - 1] == " " for o in offsets[1:])


def test_long_document_split_and_merged(tnr_pipeline, root: Path) -> None:
    text = (root / "corpus" / "docs" / "involuntary-returns-vietnam.txt").read_text(
        encoding="utf-8"
    )
    item = WorkItem("k", "long", text, {})
    [whole] = process_items(tnr_pipeline, [item])
    [split] = process_items(tnr_pipeline, [item], max_chars=2_000)
    assert whole.record_json and split.record_json
    record = DocumentRecord.model_validate_json(split.record_json)
    reference = DocumentRecord.model_validate_json(whole.record_json)
    assert record.text == text
    assert any("split into" in warning for warning in record.warnings)
    for span in record.spans:
        assert text[span.start : span.end] == span.text
    for claim in record.claims:
        assert claim.doc_id == "long" and text[claim.start : claim.end] == claim.text
    assert record.sentences == sorted(record.sentences)
    assert all(0 <= s < e <= len(text) for s, e in record.sentences)
    # Cutting at paragraph boundaries keeps almost every method mention.
    methods = {(s.start, s.code) for s in reference.spans if s.label == "METHOD"}
    kept = {(s.start, s.code) for s in record.spans if s.label == "METHOD"}
    assert len(methods & kept) >= 0.8 * len(methods)


def test_every_caller_splits_long_texts_the_same_way(tnr_pipeline, root: Path) -> None:
    """Pipeline.process is the one entry point: a batch run, a direct call and a stream
    mixing long and short texts give the same record for the same long text, in order."""
    text = (root / "corpus" / "docs" / "involuntary-returns-vietnam.txt").read_text(
        encoding="utf-8"
    )
    [outcome] = process_items(tnr_pipeline, [WorkItem("k", "long", text, {})], max_chars=2_000)
    assert outcome.record_json is not None
    via_run = DocumentRecord.model_validate_json(outcome.record_json)
    short = "Police detained two activists in Bangkok in 2021."
    stream = [("a", short, {}), ("long", text, {}), ("b", short, {}), ("long2", text, {})]
    records = list(tnr_pipeline.process(stream, batch_size=2, max_chars=2_000))
    assert [r.doc_id for r in records] == ["a", "long", "b", "long2"]
    assert records[1].model_dump() == via_run.model_dump()
    assert records[0].spans == records[2].spans
    assert [c.text for c in records[0].claims] == [c.text for c in records[2].claims]
    assert any("split into" in warning for warning in records[3].warnings)


def test_merge_records_rejects_gaps(tnr_pipeline) -> None:
    first = tnr_pipeline.process_text("Police detained him.\n\n", doc_id="d")
    second = tnr_pipeline.process_text("She fled.", doc_id="d")
    merged = merge_records([first, second], [0, len(first.text)])
    assert merged.text == first.text + second.text
    with pytest.raises(ValueError):
        merge_records([first, second], [0, len(first.text) + 1])


@pytest.mark.slow
def test_long_line_without_punctuation_is_processed(tnr_pipeline) -> None:
    """A scaled-down 1 MB line: one line, no punctuation, five pieces of at most 20k chars."""
    text = " ".join(f"word{i % 97} and more" for i in range(7_000))
    [outcome] = process_items(tnr_pipeline, [WorkItem("k", "huge", text, {})], max_chars=20_000)
    assert outcome.error is None
    record = DocumentRecord.model_validate_json(outcome.record_json or "")
    assert record.text == text


def test_a_code_change_reprocesses_unchanged_inputs(
    corpus_dir: Path, tmp_path: Path, tnr_pipeline
) -> None:
    """The fingerprint names the code: the same inputs, patterns and model, but a changed
    rule written in Python, must not reuse the stored records."""
    import dataclasses

    from tnr_claims.provenance import PACKAGE_DIR, code_hash

    out = tmp_path / "out"

    def run(pipeline: Any) -> dict[str, int]:
        run_batch(RunOptions(inputs=[str(corpus_dir)], out_dir=out), pipeline=pipeline)
        return manifest(out)["counts"]

    assert run(tnr_pipeline)["processed"] == N_DOCS
    assert run(tnr_pipeline)["unchanged"] == N_DOCS

    edited = tmp_path / "pipeline"
    shutil.copytree(PACKAGE_DIR, edited, ignore=shutil.ignore_patterns("__pycache__"))
    rule_module = edited / "claims" / "rules.py"
    rule_module.write_text(rule_module.read_text(encoding="utf-8") + "\n# a changed rule\n")
    info = tnr_pipeline.info.model_copy(update={"code_hash": code_hash(edited)})
    upgraded = dataclasses.replace(tnr_pipeline, info=info)
    assert upgraded.fingerprint != tnr_pipeline.fingerprint

    counts = run(upgraded)
    assert (counts["processed"], counts["unchanged"]) == (N_DOCS, 0)
    assert manifest(out)["pipeline"]["code_hash"] == info.code_hash
    assert {r["pipeline"]["code_hash"] for r in lines(out / "records.jsonl")} == {info.code_hash}
