"""Bench: how close the whole pipeline runs to bare ``nlp.pipe``, and how it scales.

``claims bench`` measures, in one process and on the same generated texts:

(a) bare ``nlp.pipe`` of the statistical model with the components the pipeline needs
    (:func:`tnr_claims.nlp.load_model`: the same exclusions), and
(b) the whole pipeline: ``claims run`` (:func:`tnr_claims.run.batch.run_batch`) from the input
    files to the output files (reading, rules, normalisation, claims, store, export),

and reports words per second of both, their ratio b/a, documents per second and peak
memory (resident memory of this process and its children, sampled). ``ratio_cpu_time``
is the same ratio over CPU time, which other load on a shared machine does not skew. With
``n_process`` > 1 it also runs (b) with that many worker processes and reports the
speed-up over one process.

The corpus (:func:`generate_corpus`) is made of paragraphs of ``corpus/docs/*.txt``
shuffled into documents with a fixed seed, so every run measures the same texts.
"""

from __future__ import annotations

import random
import re
import shutil
import statistics
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psutil

DEFAULT_SOURCE = Path(__file__).resolve().parents[2] / "corpus" / "docs"
"""Where the paragraphs of the generated corpus come from."""

_BLANK = re.compile(r"\n\s*\n")


def source_paragraphs(source: str | Path = DEFAULT_SOURCE, *, min_words: int = 4) -> list[str]:
    """The paragraphs (blank-line separated blocks) of the ``*.txt`` files of ``source``."""
    paragraphs: list[str] = []
    for path in sorted(Path(source).glob("*.txt")):
        for block in _BLANK.split(path.read_text(encoding="utf-8")):
            block = block.strip()
            if len(block.split()) >= min_words:
                paragraphs.append(block)
    if not paragraphs:
        raise ValueError(f"{source}: no paragraphs to build a bench corpus from")
    return paragraphs


def generate_corpus(
    n_docs: int,
    *,
    seed: int = 13,
    source: str | Path = DEFAULT_SOURCE,
    min_paragraphs: int = 2,
    max_paragraphs: int = 8,
) -> Iterator[tuple[str, str]]:
    """Yield ``(doc_id, text)`` of ``n_docs`` documents of shuffled source paragraphs.

    Deterministic for a given seed and source. Each text opens with a short title line
    (the first words of one of its paragraphs) followed by its paragraphs, separated by
    blank lines, as the articles of the corpus are.
    """
    paragraphs = source_paragraphs(source)
    rng = random.Random(seed)
    width = len(str(max(n_docs - 1, 0)))
    for index in range(n_docs):
        body = rng.sample(
            paragraphs, min(len(paragraphs), rng.randint(min_paragraphs, max_paragraphs))
        )
        title = " ".join(body[0].split()[:8]).rstrip(".,;:")
        yield f"bench-{index:0{width}d}", title + "\n\n" + "\n\n".join(body) + "\n"


def write_corpus(folder: str | Path, n_docs: int, *, seed: int = 13) -> dict[str, int]:
    """Write the generated corpus as ``.txt`` files into ``folder``; return docs/words/chars."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    words = chars = docs = 0
    for doc_id, text in generate_corpus(n_docs, seed=seed):
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        docs += 1
        words += len(text.split())
        chars += len(text)
    return {"docs": docs, "words": words, "chars": chars}


class PeakMemory:
    """Samples the resident memory of this process plus its children in a thread."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> int:
        """Current resident bytes of the process tree."""
        me = psutil.Process()
        total = me.memory_info().rss
        for child in me.children(recursive=True):
            try:
                total += child.memory_info().rss
            except psutil.Error:
                pass
        self.peak = max(self.peak, total)
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()

    @property
    def peak_mb(self) -> float:
        """The peak seen so far, in MiB."""
        return round(self.peak / 2**20, 1)


def _texts(folder: Path) -> Iterator[str]:
    for path in sorted(folder.glob("*.txt")):
        yield path.read_text(encoding="utf-8")


def run_bench(
    n_docs: int = 1000,
    n_process: int = 1,
    batch_size: int = 32,
    model: str | None = None,
    *,
    seed: int = 13,
    workdir: str | Path | None = None,
    pipeline: Any = None,
    repeat: int = 3,
    on_progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Measure bare ``nlp.pipe`` against the whole pipeline on a generated corpus.

    Args:
        n_docs: Documents to generate.
        n_process: Worker processes for an extra parallel run of the pipeline (> 1).
        batch_size: ``nlp.pipe`` batch size for every measurement.
        model: spaCy model package (default: the pipeline's default).
        seed: Corpus seed.
        workdir: Where the corpus and outputs go (a temporary folder, removed, by default).
        pipeline: An already loaded Pipeline (tests); loaded otherwise.
        repeat: Rounds of (bare, whole pipeline) measured back to back; the medians are
            reported. This machine's CPU speed drifts by several percent between runs,
            and alternating the two keeps the drift out of the ratio.
        on_progress: Called with a short description of each step as it starts.

    Returns:
        Words, documents, words per second of (a) and (b), the ratio b/a, documents per
        second, peak memory in MiB, and with ``n_process`` > 1 the parallel run's rates
        and its speed-up over one process.
    """
    from tnr_claims.export import write_outputs
    from tnr_claims.extract import Pipeline
    from tnr_claims.nlp import load_model
    from tnr_claims.run.batch import run_batch
    from tnr_claims.run.engines import WARM_UP_TEXT, warm_up
    from tnr_claims.run.options import RunOptions

    def step(text: str) -> None:
        if on_progress is not None:
            on_progress(text)

    own_dir = workdir is None
    root = Path(tempfile.mkdtemp(prefix="tnr-bench-")) if own_dir else Path(workdir)  # type: ignore[arg-type]
    root.mkdir(parents=True, exist_ok=True)
    try:
        corpus = root / "corpus"
        if corpus.exists():
            shutil.rmtree(corpus)
        step(f"writing {n_docs} generated documents")
        sizes = write_corpus(corpus, n_docs, seed=seed)
        words = sizes["words"]
        with PeakMemory() as memory:
            step("loading the model and the rules")
            if pipeline is None:
                pipeline = Pipeline.load(model)
            nlp = load_model(model or pipeline.info.model)
            for _ in nlp.pipe(["Warm up the model once. It was reported."] * 4):
                pass
            warm_up(pipeline)
            write_outputs([pipeline.process_text(WARM_UP_TEXT)], root / "warm")  # lazy imports

            def bare() -> tuple[float, float]:
                clock, cpu = time.perf_counter(), time.process_time()
                for _ in nlp.pipe(_texts(corpus), batch_size=batch_size):
                    pass
                return time.perf_counter() - clock, time.process_time() - cpu

            def whole(k: int, name: str) -> tuple[float, Any]:
                options = RunOptions(
                    inputs=[str(corpus)],
                    out_dir=root / name,
                    model=model,
                    n_process=k,
                    batch_size=batch_size,
                    force=True,
                )
                start = time.perf_counter()
                summary = run_batch(options, pipeline=pipeline)
                return time.perf_counter() - start, summary

            rounds: list[tuple[float, float, float, float]] = []
            bare_peak = 0
            for round_number in range(max(1, repeat)):
                step(f"round {round_number + 1}/{max(1, repeat)}: bare nlp.pipe")
                bare_s, bare_cpu = bare()
                bare_peak = max(bare_peak, memory.sample())
                cpu = time.process_time()
                step(f"round {round_number + 1}/{max(1, repeat)}: whole pipeline")
                pipe_s, summary = whole(1, f"out-1-{round_number}")
                rounds.append((bare_s, bare_cpu, pipe_s, time.process_time() - cpu))
            bare_s = statistics.median(r[0] for r in rounds)
            bare_cpu = statistics.median(r[1] for r in rounds)
            pipe_s = statistics.median(r[2] for r in rounds)
            pipe_cpu = statistics.median(r[3] for r in rounds)
            result: dict[str, Any] = {
                "docs": sizes["docs"],
                "words": words,
                "chars": sizes["chars"],
                "model": f"{pipeline.info.model}=={pipeline.info.model_version}",
                "batch_size": batch_size,
                "n_process": n_process,
                "bare_nlp_pipe_words_per_s": round(words / bare_s, 1),
                "pipeline_words_per_s": round(words / pipe_s, 1),
                "ratio_pipeline_to_bare": round(bare_s / pipe_s, 3),
                "ratio_cpu_time": round(bare_cpu / pipe_cpu, 3),
                "pipeline_docs_per_s": round(sizes["docs"] / pipe_s, 2),
                "bare_seconds": round(bare_s, 2),
                "pipeline_seconds": round(pipe_s, 2),
                "pipeline_timing": summary.timing,
                "rounds": len(rounds),
                "round_ratios": [round(r[0] / r[2], 3) for r in rounds],
                "claims": summary.claims,
                "spans": summary.spans,
                "failed": summary.failed,
            }
            if n_process > 1:
                step(f"whole pipeline with {n_process} processes")
                par_s, par_summary = whole(n_process, f"out-{n_process}")
                result.update(
                    {
                        "parallel_words_per_s": round(words / par_s, 1),
                        "parallel_docs_per_s": round(sizes["docs"] / par_s, 2),
                        "parallel_seconds": round(par_s, 2),
                        "parallel_timing": par_summary.timing,
                        "speedup": round(pipe_s / par_s, 3),
                    }
                )
        result["bare_peak_memory_mb"] = round(bare_peak / 2**20, 1)
        result["peak_memory_mb"] = memory.peak_mb
        return result
    finally:
        if own_dir:
            shutil.rmtree(root, ignore_errors=True)


__all__ = ["PeakMemory", "generate_corpus", "run_bench", "source_paragraphs", "write_corpus"]
