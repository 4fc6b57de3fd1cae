"""The bench's baseline process: bare ``nlp.pipe`` of the model over a folder of ``.txt`` files.

``python -m tnr_claims.run.bare FOLDER --model NAME --exclude senter --batch-size 32``
loads the statistical model with the pipeline's exclusions, pipes every ``*.txt`` file of
FOLDER through it (sorted by name, as ``claims run`` reads them) and prints one JSON line:
the Unix times ``first_document`` (when the first Doc came out) and ``finished`` (after
the last one), and ``docs``.

It imports nothing of the pipeline but this module, so its start-up is what a user of the
bare model pays: Python, spaCy and the model.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterator
from pathlib import Path


def _texts(folder: Path) -> Iterator[str]:
    for path in sorted(folder.glob("*.txt")):
        yield path.read_text(encoding="utf-8")


def main(argv: list[str] | None = None) -> dict[str, float]:
    """Run the baseline (see module docstring); print and return its timestamps."""
    parser = argparse.ArgumentParser(prog="python -m tnr_claims.run.bare")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--model", required=True)
    parser.add_argument("--exclude", action="append", default=[])
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args(argv)

    import spacy

    nlp = spacy.load(args.model, exclude=args.exclude)
    first: float | None = None
    docs = 0
    for _ in nlp.pipe(_texts(args.folder), batch_size=args.batch_size):
        docs += 1
        if first is None:
            first = time.time()
    finished = time.time()
    result = {
        "first_document": first if first is not None else finished,
        "finished": finished,
        "docs": docs,
    }
    print(json.dumps(result), flush=True)
    return result


if __name__ == "__main__":  # pragma: no cover - run as a process by the bench
    main()
