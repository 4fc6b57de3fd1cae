"""Bench: how close the whole pipeline runs to bare ``nlp.pipe``, and how it scales.

``claims bench`` measures whole processes, each launched fresh, on the same generated texts:

(a) bare ``nlp.pipe`` of the statistical model with the components the pipeline needs
    (:mod:`tnr_claims.run.bare`: the same model and exclusions), and
(b) the whole pipeline: a ``claims run`` process from the input files to the output files
    (imports, model and rules, reading, rules, normalisation, claims, store, export),

in alternating rounds, and reports medians: seconds from launch to exit, start-up (launch
to the first finished document) apart from steady-state words per second, their ratios
b/a, documents per second and peak memory (resident memory of the measured process and
its children, sampled). ``ratio_cpu_time`` is the ratio over CPU time, which other load on
a shared machine skews less. With ``n_process`` > 1 each round also runs (b) with that many
worker processes and the speed-up over one process is reported.

The corpus (:func:`generate_corpus`) is made of paragraphs of ``corpus/docs/*.txt``
shuffled into documents with a fixed seed, so every run measures the same texts.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import statistics
import subprocess
import sys
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

    def __init__(self, interval: float = 0.05, *, include_self: bool = True) -> None:
        self.interval = interval
        self.include_self = include_self
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> int:
        """Current resident bytes of the process tree."""
        me = psutil.Process()
        total = me.memory_info().rss if self.include_self else 0
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


_DESCRIPTIONS: dict[str, Callable[[int], str]] = {
    "bare": lambda k: "bare nlp.pipe",
    "whole": lambda k: "whole pipeline",
    "parallel": lambda k: f"whole pipeline with {k} processes",
}
"""What each kind of measured process is, for progress lines."""


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def _launch(command: list[str]) -> tuple[float, float, float, str]:
    """Run ``command`` to its end; ``(launched, ended, cpu_seconds, stdout)``.

    CPU seconds are those of the process and every descendant it waited for (a run's
    pool workers included).
    """
    import resource

    def children_cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    cpu = children_cpu()
    launched = time.time()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    ended = time.time()
    if done.returncode != 0:
        from tnr_claims.errors import ClaimsError

        lines = [line for line in (done.stderr or done.stdout).splitlines() if line.strip()]
        last = " ".join((lines[-1] if lines else "no output").split())[-300:]
        raise ClaimsError(
            f"bench: {command[2]} exited with {done.returncode} ({last})",
            hint="run that command alone to see the whole message",
        )
    return launched, ended, children_cpu() - cpu, done.stdout


def _bare_process(corpus: Path, model: str, batch_size: int) -> dict[str, float]:
    """One baseline process (:mod:`tnr_claims.run.bare`): seconds, start-up, CPU seconds."""
    from tnr_claims.nlp.model import UNUSED_COMPONENTS

    command = [sys.executable, "-m", "tnr_claims.run.bare", str(corpus), "--model", model]
    command += [f"--exclude={name}" for name in UNUSED_COMPONENTS]
    command += ["--batch-size", str(batch_size)]
    launched, ended, cpu, stdout = _launch(command)
    report = json.loads(stdout.strip().splitlines()[-1])
    return {
        "seconds": ended - launched,
        "startup": report["first_document"] - launched,
        "cpu": cpu,
    }


def _whole_process(
    corpus: Path, out: Path, model: str, batch_size: int, n_process: int
) -> dict[str, Any]:
    """One ``claims run`` process: seconds, start-up, CPU seconds and its manifest."""
    command = [sys.executable, "-m", "tnr_claims.cli", "run", str(corpus), "-o", str(out)]
    command += ["--model", model, "--batch-size", str(batch_size), "--n-process", str(n_process)]
    command += ["--force", "--quiet"]
    launched, ended, cpu, _ = _launch(command)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    timing = manifest["timing"]
    first = timing["started_unix"] + timing.get("first_document_s", timing["total_s"])
    return {
        "seconds": ended - launched,
        "startup": first - launched,
        "cpu": cpu,
        "manifest": manifest,
    }


def run_bench(
    n_docs: int = 1000,
    n_process: int = 1,
    batch_size: int = 32,
    model: str | None = None,
    *,
    seed: int = 13,
    workdir: str | Path | None = None,
    repeat: int = 3,
    on_progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Measure bare ``nlp.pipe`` against whole ``claims run`` processes on a generated corpus.

    Every measurement is a fresh process, timed from its launch to its exit, so the
    whole pipeline pays everything a user pays (imports, model and rules, reading,
    writing every output file) and the baseline pays Python, spaCy and the model.
    Rounds alternate (bare, whole, [whole with ``n_process`` workers], bare, whole, ...)
    and medians are reported: a shared machine's speed drifts, and alternating keeps the
    drift out of the ratios.

    Start-up (launch to the first finished document: imports, loading, the first batch)
    is reported apart from steady-state throughput (words per second after it).

    Args:
        n_docs: Documents to generate.
        n_process: Worker processes for an extra ``claims run --n-process`` per round (> 1).
        batch_size: ``nlp.pipe`` batch size for every measurement.
        model: spaCy model package (default: the pipeline's default).
        seed: Corpus seed.
        workdir: Where the corpus and outputs go (a temporary folder, removed, by default).
        repeat: Alternating rounds.
        on_progress: Called with a short description of each step as it starts.

    Returns:
        Words and documents; medians of wall seconds, start-up seconds, CPU seconds and
        steady words per second of each kind of process; the ratios whole/bare (wall, CPU,
        steady); each round's ratio; peak memory in MiB of each kind (the parallel runs'
        summed over their workers); claims, spans and failures of the
        last whole run; with ``n_process`` > 1 the parallel runs' figures and speed-up.

    Raises:
        ClaimsError: A measured process failed (its last line is in the message).
    """
    from tnr_claims.nlp.model import default_model

    def step(text: str) -> None:
        if on_progress is not None:
            on_progress(text)

    model = model or default_model()
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
        kinds = ["bare", "whole"] + (["parallel"] if n_process > 1 else [])
        runs: dict[str, list[dict[str, Any]]] = {kind: [] for kind in kinds}
        peaks: dict[str, int] = dict.fromkeys(kinds, 0)
        rounds = max(1, repeat)
        for round_number in range(rounds):
            for kind in kinds:
                step(f"round {round_number + 1}/{rounds}: {_DESCRIPTIONS[kind](n_process)}")
                with PeakMemory(include_self=False) as memory:
                    if kind == "bare":
                        measured: dict[str, Any] = _bare_process(corpus, model, batch_size)
                    else:
                        k = n_process if kind == "parallel" else 1
                        measured = _whole_process(corpus, root / f"out-{k}", model, batch_size, k)
                runs[kind].append(measured)
                peaks[kind] = max(peaks[kind], memory.peak)

        def summary(kind: str) -> dict[str, float]:
            seconds = _median([r["seconds"] for r in runs[kind]])
            startup = _median([r["startup"] for r in runs[kind]])
            return {
                "seconds": seconds,
                "startup": startup,
                "cpu": _median([r["cpu"] for r in runs[kind]]),
                "steady": words / max(seconds - startup, 1e-9),
            }

        bare, whole = summary("bare"), summary("whole")
        last = runs["whole"][-1]["manifest"]
        result: dict[str, Any] = {
            "docs": sizes["docs"],
            "words": words,
            "chars": sizes["chars"],
            "model": model,
            "batch_size": batch_size,
            "n_process": n_process,
            "rounds": len(runs["whole"]),
            "bare_seconds": round(bare["seconds"], 2),
            "pipeline_seconds": round(whole["seconds"], 2),
            "bare_startup_s": round(bare["startup"], 2),
            "pipeline_startup_s": round(whole["startup"], 2),
            "bare_nlp_pipe_words_per_s": round(words / bare["seconds"], 1),
            "pipeline_words_per_s": round(words / whole["seconds"], 1),
            "bare_steady_words_per_s": round(bare["steady"], 1),
            "pipeline_steady_words_per_s": round(whole["steady"], 1),
            "ratio_pipeline_to_bare": round(bare["seconds"] / whole["seconds"], 3),
            "ratio_steady": round(whole["steady"] / bare["steady"], 3),
            "ratio_cpu_time": round(bare["cpu"] / max(whole["cpu"], 1e-9), 3),
            "round_ratios": [
                round(b["seconds"] / w["seconds"], 3)
                for b, w in zip(runs["bare"], runs["whole"], strict=True)
            ],
            "pipeline_docs_per_s": round(sizes["docs"] / whole["seconds"], 2),
            "pipeline_timing": last["timing"],
            "claims": last["counts"]["claims"],
            "spans": last["counts"]["spans"],
            "failed": last["counts"]["failed"],
            "bare_peak_memory_mb": round(peaks["bare"] / 2**20, 1),
            "peak_memory_mb": round(peaks["whole"] / 2**20, 1),
        }
        if n_process > 1:
            parallel = summary("parallel")
            result.update(
                {
                    "parallel_seconds": round(parallel["seconds"], 2),
                    "parallel_startup_s": round(parallel["startup"], 2),
                    "parallel_words_per_s": round(words / parallel["seconds"], 1),
                    "parallel_steady_words_per_s": round(parallel["steady"], 1),
                    "parallel_docs_per_s": round(sizes["docs"] / parallel["seconds"], 2),
                    "parallel_peak_memory_mb": round(peaks["parallel"] / 2**20, 1),
                    "parallel_timing": runs["parallel"][-1]["manifest"]["timing"],
                    "speedup": round(whole["seconds"] / parallel["seconds"], 3),
                    "speedup_steady": round(parallel["steady"] / whole["steady"], 3),
                }
            )
        return result
    finally:
        if own_dir:
            shutil.rmtree(root, ignore_errors=True)


__all__ = ["PeakMemory", "generate_corpus", "run_bench", "source_paragraphs", "write_corpus"]
