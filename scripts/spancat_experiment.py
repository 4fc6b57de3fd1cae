"""Would a learned METHOD span finder add to the rules? An experiment, not a component.

Issue 10 asks to try a small learned component (spaCy ``spancat`` for METHOD) trained on
``corpus/gold/`` where a lexicon cannot reach paraphrases, and to keep it only if it raises
the dev2 test split. This script runs that trial and prints aggregate figures only; nothing
it trains is saved or used by the pipeline.

A ``spancat`` (its own hash-embedding tok2vec, n-gram suggester of 1 to 5 tokens, one label)
is trained on the METHOD spans of the gold. Three span sets are then scored against the gold
METHOD spans, by partial match (a predicted span counts when it overlaps a gold span not
yet taken, as the evaluator's partial F1 does):

- ``rules``: the pipeline's own METHOD spans;
- ``spancat@t``: the learned spans scoring at least ``t``;
- ``union@t``: the rules' spans, plus the learned spans at ``t`` that overlap none of them
  (what a component added after the rules could give; its spans would carry no code, so
  only the partial figure can rise).

Without ``--test`` it trains on seed, dev and cases and scores dev2-tune; with ``--test``
it trains on all of them and dev2-tune, and scores the dev2 test split once, in aggregate.

Run: ``.venv/bin/python scripts/spancat_experiment.py [--test]``
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from tnr_claims.evaluation.splits import select
from tnr_claims.extract import Pipeline
from tnr_claims.records import GoldDocument

GOLD = Path(__file__).resolve().parent.parent / "corpus" / "gold"
EPOCHS = 40
THRESHOLDS = (0.5, 0.7, 0.9)
KEY = "sc"
Bounds = list[tuple[int, int]]


def _load(name: str) -> list[GoldDocument]:
    lines = (GOLD / name).read_text(encoding="utf-8").splitlines()
    return [GoldDocument.model_validate_json(line) for line in lines if line.strip()]


def _gold_methods(document: GoldDocument) -> Bounds:
    return [(s.start, s.end) for s in document.spans if s.label == "METHOD"]


def _example(nlp: Language, document: GoldDocument) -> Example:
    doc = nlp.make_doc(document.text)
    spans = []
    for start, end in _gold_methods(document):
        span = doc.char_span(start, end, label="METHOD", alignment_mode="expand")
        if span is not None:
            spans.append(span)
    words, spaces = [t.text for t in doc], [bool(t.whitespace_) for t in doc]
    reference = Doc(doc.vocab, words=words, spaces=spaces)
    reference.spans[KEY] = [Span(reference, s.start, s.end, label="METHOD") for s in spans]
    return Example(doc, reference)


def _train(documents: list[GoldDocument]) -> Language:
    fix_random_seed(0)
    nlp = spacy.blank("en")
    spancat = nlp.add_pipe(
        "spancat",
        config={
            "spans_key": KEY,
            "suggester": {"@misc": "spacy.ngram_suggester.v1", "sizes": [1, 2, 3, 4, 5]},
        },
    )
    spancat.add_label("METHOD")
    examples = [_example(nlp, d) for d in documents]
    optimizer = nlp.initialize(lambda: examples)
    shuffle = random.Random(0)
    for epoch in range(EPOCHS):
        shuffle.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, 2):
            nlp.update(batch, sgd=optimizer, drop=0.2, losses=losses)
        print(f"epoch {epoch + 1}: loss {losses.get('spancat', 0.0):.1f}", flush=True)
    return nlp


def _learned(nlp: Language, text: str) -> list[tuple[int, int, float]]:
    doc = nlp(text)
    group = doc.spans[KEY]
    scores = group.attrs.get("scores")
    found = []
    for k, span in enumerate(group):
        score = float(scores[k].max()) if scores is not None else 1.0
        found.append((span.start_char, span.end_char, score))
    return found


def _partial(predicted: Bounds, gold: Bounds) -> tuple[int, int, int]:
    """(matched, predicted, gold): one-to-one matches of overlapping spans."""
    taken: set[int] = set()
    matched = 0
    for start, end in sorted(predicted):
        for k, (g0, g1) in enumerate(gold):
            if k not in taken and start < g1 and g0 < end:
                taken.add(k)
                matched += 1
                break
    return matched, len(predicted), len(gold)


def _without_overlaps(spans: list[tuple[int, int, float]]) -> Bounds:
    """The learned spans, best first, none overlapping another kept one."""
    kept: Bounds = []
    for start, end, _ in sorted(spans, key=lambda s: -s[2]):
        if all(end <= k0 or k1 <= start for k0, k1 in kept):
            kept.append((start, end))
    return kept


def _f1(counts: list[tuple[int, int, int]]) -> str:
    matched = sum(c[0] for c in counts)
    predicted = sum(c[1] for c in counts)
    gold = sum(c[2] for c in counts)
    p = matched / predicted if predicted else 0.0
    r = matched / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}  ({predicted} predicted, {gold} gold)"


def _score(pipeline: Pipeline, nlp: Language, documents: list[GoldDocument]) -> None:
    rules_counts, learned_counts, union_counts = [], {t: [] for t in THRESHOLDS}, {
        t: [] for t in THRESHOLDS
    }
    for document in documents:
        gold = _gold_methods(document)
        record = pipeline.process_text(document.text, doc_id=document.doc_id)
        rules = [(s.start, s.end) for s in record.spans if s.label == "METHOD"]
        rules_counts.append(_partial(rules, gold))
        learned = _learned(nlp, document.text)
        for t in THRESHOLDS:
            spans = _without_overlaps([s for s in learned if s[2] >= t])
            learned_counts[t].append(_partial(spans, gold))
            extra = [(a, b) for a, b in spans if all(b <= r0 or r1 <= a for r0, r1 in rules)]
            union_counts[t].append(_partial(rules + extra, gold))
    print(f"METHOD partial  rules        {_f1(rules_counts)}")
    for t in THRESHOLDS:
        print(f"METHOD partial  spancat@{t}  {_f1(learned_counts[t])}")
        print(f"METHOD partial  union@{t}    {_f1(union_counts[t])}")


def main() -> None:
    """Train on the development gold and score dev2-tune, or the test split once."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--test", action="store_true", help="score the dev2 test split once")
    args = parser.parse_args()
    dev2 = _load("dev2.jsonl")
    train = _load("involuntary-returns-vietnam.jsonl") + _load("dev.jsonl") + _load("cases.jsonl")
    scored = select(dev2, "tune")
    if args.test:
        train += scored
        scored = select(dev2, "test")
    nlp = _train(train)
    _score(Pipeline.load(), nlp, scored)


if __name__ == "__main__":
    main()
