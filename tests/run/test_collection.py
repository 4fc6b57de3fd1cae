"""A run folder is a collection: batches add up, changed documents replace, remove, --fresh.

Runs are real (the session's pipeline, real store, real DuckDB); ``claims remove`` runs as
a subprocess. Documents are generated (shuffled paragraphs, fixed seed) and split into two
batches in two folders.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from helpers import Exploding, claims_cli

from tnr_claims.database import DB_NAME, run_query
from tnr_claims.run.batch import run_batch
from tnr_claims.run.bench import generate_corpus
from tnr_claims.run.collection import Collection, Member
from tnr_claims.run.options import RunOptions
from tnr_claims.run.publish import current_set, file_digest

pytestmark = pytest.mark.model

FIRST = [f"bench-{i}" for i in range(4)]
SECOND = [f"bench-{i}" for i in range(4, 8)]
KEYS = {
    "documents": "doc_id",
    "spans": "span_id",
    "claims": "claim_id",
    "cases": "case_id",
    "incidents": "incident_id",
    "case_claims": "claim_id",
}


@pytest.fixture(scope="module")
def batches(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two folders of four generated documents each."""
    root = tmp_path_factory.mktemp("batches")
    first, second = root / "first", root / "second"
    first.mkdir()
    second.mkdir()
    for doc_id, text in generate_corpus(8, seed=11, min_paragraphs=1, max_paragraphs=2):
        folder = first if doc_id in FIRST else second
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    return first, second


def run(inputs: list[Path], out: Path, pipeline: Any, **options: Any) -> dict[str, Any]:
    run_batch(
        RunOptions(inputs=[str(p) for p in inputs], out_dir=out, **options), pipeline=pipeline
    )
    return manifest(out)


def manifest(out: Path) -> dict[str, Any]:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def doc_ids(out: Path) -> list[str]:
    return [row["doc_id"] for row in lines(out / "documents.jsonl")]


def tables(out: Path) -> dict[str, list[tuple]]:
    """Every row of the database's tables, ordered by key."""
    return {
        name: run_query(out, f"SELECT * FROM {name} ORDER BY {key}").rows
        for name, key in KEYS.items()
    }


@pytest.fixture(scope="module")
def both(batches: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory, tnr_pipeline):
    """One run on both batches."""
    out = tmp_path_factory.mktemp("both")
    run(list(batches), out, tnr_pipeline)
    return out


@pytest.fixture(scope="module")
def two(batches: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory, tnr_pipeline):
    """The first batch, then the second, into one folder."""
    out = tmp_path_factory.mktemp("two")
    first = run([batches[0]], out, tnr_pipeline)
    assert first["counts"]["documents"] == 4
    run([batches[1]], out, tnr_pipeline)
    return out


def assert_same_outputs(out: Path, reference: Path) -> None:
    for name in ("documents.jsonl", "records.jsonl", "claims.csv", "incidents.jsonl"):
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name
    for name in (
        "claims.parquet",
        "spans.parquet",
        "documents.parquet",
        "cases.parquet",
        "incidents.parquet",
        "case_claims.parquet",
    ):
        assert pq.read_table(out / name).equals(pq.read_table(reference / name)), name
    assert tables(out) == tables(reference)


# --------------------------------------------------------------------------- batches add up


def test_two_batches_give_the_same_outputs_as_one_run_on_both(two: Path, both: Path) -> None:
    assert doc_ids(two) == FIRST + SECOND
    assert_same_outputs(two, both)
    counts = manifest(two)["counts"]
    assert (counts["processed"], counts["unchanged"], counts["documents"]) == (4, 0, 8)
    assert [item["doc_id"] for item in manifest(two)["inputs"]] == SECOND


def test_cases_link_claims_across_the_two_batches(two: Path) -> None:
    cases = run_query(two, "SELECT count(*) FROM cases").rows
    assert cases[0][0] >= 1, "the generated reports name enough targets to make cases"
    [(orphans,)] = run_query(
        two,
        "SELECT count(*) FROM case_claims cc LEFT JOIN claims c USING (claim_id) "
        "WHERE c.claim_id IS NULL",
    ).rows
    assert orphans == 0


def test_every_claim_of_the_collection_finds_its_document(two: Path) -> None:
    [(claims, joined)] = run_query(
        two,
        "SELECT count(*), count(d.doc_id) FROM claims c LEFT JOIN documents d USING (doc_id)",
    ).rows
    assert claims == joined == sum(len(r["claims"]) for r in lines(two / "records.jsonl"))
    assert run_query(two, "SELECT count(*) FROM documents").rows == [(8,)]


def test_the_same_batch_again_changes_nothing(
    two: Path, batches: tuple[Path, Path], tmp_path: Path, tnr_pipeline
) -> None:
    out = tmp_path / "out"
    shutil.copytree(two, out)
    counts = run([batches[0]], out, tnr_pipeline)["counts"]
    assert (counts["processed"], counts["unchanged"], counts["documents"]) == (0, 4, 8)
    assert_same_outputs(out, two)


def test_new_documents_join_in_input_order_whatever_order_they_finish_in() -> None:
    def member(doc_id: str) -> Member:
        return Member(doc_id=doc_id, key=f"k-{doc_id}", fingerprint="f")

    collection = Collection([member("old-a"), member("old-b")])
    for doc_id in ("new-3", "new-1", "old-a", "new-2"):  # as a pool lands them
        collection.put(member(doc_id))
    collection.move_to_end({"new-1": 0, "new-2": 1, "new-3": 2})
    assert [m.doc_id for m in collection] == ["old-a", "old-b", "new-1", "new-2", "new-3"]


def test_a_pool_run_of_the_second_batch_keeps_input_order(
    two: Path, batches: tuple[Path, Path], tmp_path: Path, tnr_pipeline
) -> None:
    out = tmp_path / "out"
    run([batches[0]], out, tnr_pipeline)
    run([batches[1]], out, tnr_pipeline, n_process=2, batch_size=1)
    assert doc_ids(out) == FIRST + SECOND
    assert (out / "records.jsonl").read_bytes() == (two / "records.jsonl").read_bytes()


# --------------------------------------------------------------------------- changed documents


def test_a_changed_document_replaces_its_old_version_in_place(
    two: Path, batches: tuple[Path, Path], tmp_path: Path, tnr_pipeline
) -> None:
    out = tmp_path / "out"
    shutil.copytree(two, out)
    changed = tmp_path / "changed"
    changed.mkdir()
    text = (batches[1] / "bench-5.txt").read_text(encoding="utf-8")
    addition = "\nPolice in Ruritania detained the blogger Anna Vell in March 2020.\n"
    (changed / "bench-5.txt").write_text(text + addition, encoding="utf-8")

    counts = run([changed], out, tnr_pipeline)["counts"]
    assert (counts["processed"], counts["documents"]) == (1, 8)
    assert doc_ids(out) == FIRST + SECOND, "the new version keeps the old one's place"
    records = {row["doc_id"]: row for row in lines(out / "records.jsonl")}
    assert records["bench-5"]["text"].endswith(addition)
    before = {row["doc_id"]: row for row in lines(two / "records.jsonl")}
    assert all(records[d] == before[d] for d in FIRST + SECOND if d != "bench-5")
    [(path, n_claims)] = run_query(
        out, "SELECT path, n_claims FROM documents WHERE doc_id = 'bench-5'"
    ).rows
    assert path == str(changed / "bench-5.txt")
    assert n_claims == len(records["bench-5"]["claims"])


def test_a_new_version_that_fails_keeps_the_old_one(
    two: Path, tmp_path: Path, tnr_pipeline
) -> None:
    out = tmp_path / "out"
    shutil.copytree(two, out)
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "bench-1.txt").write_text("A text with BOOM in it.\n", encoding="utf-8")
    summary = run_batch(
        RunOptions(inputs=[str(broken)], out_dir=out), pipeline=Exploding(tnr_pipeline)
    )
    assert summary.failed == 1 and summary.documents == 8
    assert [row["doc_id"] for row in lines(out / "failures.jsonl")] == ["bench-1"]
    assert (out / "records.jsonl").read_bytes() == (two / "records.jsonl").read_bytes()


# --------------------------------------------------------------------------- fresh, remove


def test_fresh_starts_the_collection_anew(
    two: Path, batches: tuple[Path, Path], tmp_path: Path, tnr_pipeline
) -> None:
    out = tmp_path / "out"
    shutil.copytree(two, out)
    counts = run([batches[1]], out, tnr_pipeline, fresh=True)["counts"]
    assert (counts["processed"], counts["unchanged"], counts["documents"]) == (0, 4, 4)
    assert doc_ids(out) == SECOND
    assert run_query(out, "SELECT count(*) FROM documents").rows == [(4,)]


def test_remove_takes_documents_out_and_republishes(two: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(two, out)
    result = claims_cli("remove", "bench-2", "bench-5", "-o", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    kept = [d for d in FIRST + SECOND if d not in ("bench-2", "bench-5")]
    assert doc_ids(out) == kept
    expected = [row for row in lines(two / "records.jsonl") if row["doc_id"] in kept]
    assert lines(out / "records.jsonl") == expected
    n_claims = sum(len(row["claims"]) for row in expected)
    assert run_query(out, "SELECT count(*) FROM claims").rows == [(n_claims,)]
    assert run_query(
        out, "SELECT count(*) FROM documents WHERE doc_id IN ('bench-2', 'bench-5')"
    ).rows == [(0,)]
    data = manifest(out)
    assert data["removed"] == ["bench-2", "bench-5"]
    assert (data["counts"]["documents"], data["counts"]["claims"]) == (6, n_claims)
    # remove publishes one set like a run: every file a link into it, as its manifest says
    current = current_set(out)
    assert current is not None and (out / "manifest.json").resolve().parent == current
    for entry in data["files"]:
        assert (out / entry["name"]).is_symlink(), entry["name"]
        assert file_digest(current / entry["name"]) == {
            k: v for k, v in entry.items() if k != "name"
        }


def test_remove_of_an_unknown_id_is_one_line_and_changes_nothing(two: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(two, out)
    database = (out / DB_NAME).stat().st_mtime_ns
    result = claims_cli("remove", "bench-1", "nobody-here", "-o", str(out), cwd=tmp_path)
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert "'nobody-here' is not a document of" in line and str(out) in line
    assert "Traceback" not in result.stderr
    assert doc_ids(out) == FIRST + SECOND, "all or nothing: bench-1 stays"
    assert (out / DB_NAME).stat().st_mtime_ns == database


def test_remove_from_a_folder_without_a_run_is_one_line(tmp_path: Path) -> None:
    result = claims_cli("remove", "bench-1", "-o", str(tmp_path / "empty"), cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "holds no run" in result.stderr


# --------------------------------------------------------------------------- pipeline changes


def test_a_changed_pipeline_reprocesses_the_earlier_batches(
    batches: tuple[Path, Path], tmp_path: Path, root: Path, tnr_pipeline
) -> None:
    from tnr_claims.extract import Pipeline

    patterns = tmp_path / "patterns"
    shutil.copytree(root / "patterns", patterns)
    pattern_file = next(patterns.glob("*.jsonl"))
    with pattern_file.open("a", encoding="utf-8") as handle:
        handle.write("\n")  # a blank line changes the patterns hash, not the rules
    changed = Pipeline.load(patterns_dir=patterns)
    assert changed.fingerprint != tnr_pipeline.fingerprint

    out = tmp_path / "out"
    run([batches[0]], out, tnr_pipeline)
    data = run([batches[1]], out, changed, patterns_dir=patterns)
    assert (data["counts"]["processed"], data["counts"]["refreshed"]) == (8, 4)
    assert doc_ids(out) == FIRST + SECOND
    hashes = {row["pipeline"]["patterns_hash"] for row in lines(out / "records.jsonl")}
    assert hashes == {changed.info.patterns_hash}

    # the refreshed records are stored under the keys their files give
    again = run([batches[0]], out, changed, patterns_dir=patterns)["counts"]
    assert (again["processed"], again["unchanged"], again["refreshed"]) == (0, 4, 0)


def test_a_folder_from_before_collections_keeps_its_documents(
    batches: tuple[Path, Path], tmp_path: Path, tnr_pipeline
) -> None:
    out = tmp_path / "out"
    run([batches[0]], out, tnr_pipeline)
    (out / ".state" / "collection.jsonl").unlink()  # as an older version left the folder
    run([batches[1]], out, tnr_pipeline)
    assert doc_ids(out) == FIRST + SECOND
