"""Bench: the generated corpus is deterministic and run_bench reports sane numbers.

No timing assertions: only that the numbers exist, are positive and are consistent
(start-up inside the process's lifetime), measured on real ``claims run`` processes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tnr_claims.errors import ClaimsError
from tnr_claims.run.bench import _bare_process, generate_corpus, run_bench, source_paragraphs


def test_generated_corpus_is_deterministic() -> None:
    first = list(generate_corpus(20, seed=3))
    assert first == list(generate_corpus(20, seed=3))
    assert first != list(generate_corpus(20, seed=4))
    assert len({doc_id for doc_id, _ in first}) == 20
    paragraphs = set(source_paragraphs())
    for _, text in first:
        body = text.split("\n\n")[1:]
        assert all(p.strip() in paragraphs for p in body if p.strip())


@pytest.mark.model
def test_bench_measures_whole_processes_with_startup_apart(tmp_path: Path) -> None:
    result = run_bench(n_docs=6, n_process=2, batch_size=4, workdir=tmp_path, repeat=2)
    for key in (
        "bare_seconds",
        "pipeline_seconds",
        "bare_startup_s",
        "pipeline_startup_s",
        "bare_steady_words_per_s",
        "pipeline_steady_words_per_s",
        "ratio_pipeline_to_bare",
        "ratio_steady",
        "ratio_cpu_time",
        "pipeline_docs_per_s",
        "peak_memory_mb",
        "parallel_peak_memory_mb",
        "parallel_seconds",
        "parallel_startup_s",
        "speedup",
        "words",
        "docs",
    ):
        assert result[key] > 0, key
    # start-up ends at the first finished document, inside the process's lifetime
    assert 0 < result["pipeline_startup_s"] < result["pipeline_seconds"]
    assert 0 < result["bare_startup_s"] < result["bare_seconds"]
    assert result["docs"] == 6 and result["failed"] == 0 and result["claims"] > 0
    assert result["rounds"] == 2 and len(result["round_ratios"]) == 2
    timing = result["pipeline_timing"]
    assert 0 < timing["first_document_s"] <= timing["total_s"]
    # both measured kinds of process ran on the same six documents and wrote their outputs
    for name in ("out-1", "out-2"):
        manifest = json.loads((tmp_path / name / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["counts"]["documents"] == 6


def test_bare_process_reports_an_error_as_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Anna Vell left Ruritania.\n", encoding="utf-8")
    with pytest.raises(ClaimsError, match=r"tnr_claims.run.bare exited with 1 \(OSError"):
        _bare_process(tmp_path, "no_such_model_package_xyz", 4)
