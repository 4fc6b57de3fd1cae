"""Bench: the generated corpus is deterministic and run_bench reports sane numbers.

No timing assertions: only that the numbers exist and are positive.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tnr_claims.run.bench import generate_corpus, run_bench, source_paragraphs


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
def test_run_bench_reports_positive_numbers(tmp_path: Path, tnr_pipeline) -> None:
    result = run_bench(
        n_docs=6, n_process=1, batch_size=4, workdir=tmp_path, pipeline=tnr_pipeline, repeat=2
    )
    for key in (
        "bare_nlp_pipe_words_per_s",
        "pipeline_words_per_s",
        "ratio_pipeline_to_bare",
        "ratio_cpu_time",
        "pipeline_docs_per_s",
        "peak_memory_mb",
        "words",
        "docs",
    ):
        assert result[key] > 0, key
    assert result["docs"] == 6 and result["failed"] == 0
    assert "speedup" not in result
    assert result["rounds"] == 2 and len(result["round_ratios"]) == 2
