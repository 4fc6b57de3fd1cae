"""Would a learned claim-type classifier beat the type rules? An experiment, not a component.

Issue 10 asks to try a small learned component (spaCy ``textcat`` for claim type) trained on
``corpus/gold/`` and to keep it only if it raises the dev2 test split. This script runs that
trial and prints aggregate figures only; nothing it trains is saved or used by the pipeline.

For every gold claim the pipeline also finds (a predicted claim overlapping the gold span),
it compares three ways to choose the type:

- ``rules``: the pipeline's own type (``claims/qualify.py``);
- ``textcat``: a bag-of-words ``textcat`` (unigrams and bigrams, exclusive classes) trained
  on the gold claim sentences;
- ``hybrid@t``: the classifier's type where its score is at least ``t``, the rules' otherwise.

Without ``--test`` the classifier is trained and scored by five folds over the documents of
seed, dev and dev2-tune (a document's claims are never split across folds). With ``--test``
it is trained once on all of them and scored on the dev2 test split, in aggregate.

Run: ``.venv/bin/python scripts/textcat_experiment.py [--test]``
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from tnr_claims.evaluation.splits import select
from tnr_claims.extract import Pipeline
from tnr_claims.records import GoldDocument

GOLD = Path(__file__).resolve().parent.parent / "corpus" / "gold"
FOLDS = 5
EPOCHS = 20
THRESHOLDS = (0.6, 0.7, 0.8, 0.9)
# One claim: document id, sentence text, gold type, the rules' type (None if not found).
Row = tuple[str, str, str, str | None]


def _load(name: str) -> list[GoldDocument]:
    lines = (GOLD / name).read_text(encoding="utf-8").splitlines()
    return [GoldDocument.model_validate_json(line) for line in lines if line.strip()]


def _rows(pipeline: Pipeline, documents: list[GoldDocument]) -> list[Row]:
    rows: list[Row] = []
    for doc in documents:
        record = pipeline.process_text(doc.text, doc_id=doc.doc_id)
        for claim in doc.claims:
            found = [c for c in record.claims if c.start < claim.end and claim.start < c.end]
            rows.append(
                (doc.doc_id, doc.text[claim.start : claim.end], claim.type,
                 found[0].type if found else None)
            )  # fmt: skip
    return rows


def _train(rows: list[Row], labels: list[str]) -> Language:
    fix_random_seed(0)
    nlp = spacy.blank("en")
    model = {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": True,
        "ngram_size": 2,
        "no_output_layer": False,
    }
    textcat = nlp.add_pipe("textcat", config={"model": model})
    for label in labels:
        textcat.add_label(label)
    examples = [
        Example.from_dict(nlp.make_doc(text), {"cats": {lb: float(lb == gold) for lb in labels}})
        for _, text, gold, _ in rows
    ]
    optimizer = nlp.initialize(lambda: examples)
    shuffle = random.Random(0)
    for _ in range(EPOCHS):
        shuffle.shuffle(examples)
        for batch in minibatch(examples, 8):
            nlp.update(batch, sgd=optimizer, drop=0.2)
    return nlp


def _predict(nlp: Language, text: str) -> tuple[str, float]:
    cats = nlp(text).cats
    best = max(cats, key=cats.__getitem__)
    return best, cats[best]


def _report(rows: list[Row], predicted: list[tuple[str, float]]) -> None:
    found = [(row, pred) for row, pred in zip(rows, predicted, strict=True) if row[3] is not None]
    if not found:
        print("no gold claim was found by the pipeline")
        return

    def accuracy(choose) -> float:  # type: ignore[no-untyped-def]
        return sum(choose(row, pred) == row[2] for row, pred in found) / len(found)

    print(f"claims found by the pipeline: {len(found)} of {len(rows)}")
    print(f"type accuracy  rules     {accuracy(lambda r, p: r[3]):.3f}")
    print(f"type accuracy  textcat   {accuracy(lambda r, p: p[0]):.3f}")
    for t in THRESHOLDS:
        hybrid = accuracy(lambda r, p, t=t: p[0] if p[1] >= t else r[3])
        changed = [(r, p) for r, p in found if p[1] >= t and p[0] != r[3]]
        fixed = sum(p[0] == r[2] for r, p in changed)
        broken = sum(r[3] == r[2] for r, p in changed)
        print(f"type accuracy  hybrid@{t}  {hybrid:.3f}  ({len(changed)} changed: "
              f"{fixed} put right, {broken} put wrong)")  # fmt: skip


def main() -> None:
    """Score the classifier by folds over the development gold, or once on the test split."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--test", action="store_true", help="score the dev2 test split once")
    args = parser.parse_args()
    pipeline = Pipeline.load()
    dev2 = _load("dev2.jsonl")
    train_docs = _load("involuntary-returns-vietnam.jsonl") + _load("dev.jsonl")
    train_docs += select(dev2, "tune")
    train_rows = _rows(pipeline, train_docs)
    labels = sorted({row[2] for row in train_rows})
    if args.test:
        test_rows = _rows(pipeline, select(dev2, "test"))
        nlp = _train(train_rows, labels)
        _report(test_rows, [_predict(nlp, row[1]) for row in test_rows])
        return
    doc_ids = sorted({row[0] for row in train_rows})
    predicted: dict[int, tuple[str, float]] = {}
    for fold in range(FOLDS):
        held = {d for i, d in enumerate(doc_ids) if i % FOLDS == fold}
        nlp = _train([row for row in train_rows if row[0] not in held], labels)
        for i, row in enumerate(train_rows):
            if row[0] in held:
                predicted[i] = _predict(nlp, row[1])
    _report(train_rows, [predicted[i] for i in range(len(train_rows))])


if __name__ == "__main__":
    main()
