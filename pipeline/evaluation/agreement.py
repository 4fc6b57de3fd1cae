"""Agreement between two annotations of the same documents (``claims gold agree``).

Besides the evaluation report of one file scored against the other (P/R/F1, which treat
``a`` as the reference), two chance-corrected coefficients are reported, over the
documents both files hold (``a``'s text gives the units):

* **Cohen's kappa for claim decisions** (``agreement.claim_kappa``). The units are the
  sentences of each document, as spaCy's rule-based ``sentencizer`` splits them (no
  model). For each annotator a sentence is a claim when one of their claims covers at
  least half of the sentence, or lies at least half inside it; otherwise it is not. Kappa
  compares the two yes/no sequences.
* **Krippendorff's alpha for spans** (``agreement.span_alpha``, nominal). The units are
  the tokens of each document (spaCy's English tokenizer, whitespace tokens left out).
  Each annotator's value for a token is the label of their span that overlaps it, or
  ``none``. Tokens both left unlabelled count as agreement, as they do in the claim
  units.

A coefficient is ``None`` when it is undefined: every unit got the same value from both
annotators (no variation to correct for chance), or there are no units.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from tnr_claims.evaluation.scoring import score
from tnr_claims.records import GoldDocument

if TYPE_CHECKING:
    from spacy.language import Language

NO_LABEL = "none"
"""The value of a token outside every span."""


class NoSharedDocumentsError(ValueError):
    """The two files hold no document in common, so there is nothing to compare."""


@lru_cache(maxsize=1)
def _splitter() -> Language:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _is_claim(start: int, end: int, claims: Sequence[tuple[int, int]]) -> bool:
    length = max(1, end - start)
    for c_start, c_end in claims:
        overlap = min(end, c_end) - max(start, c_start)
        if overlap > 0 and (2 * overlap >= length or 2 * overlap >= max(1, c_end - c_start)):
            return True
    return False


def _label_at(start: int, end: int, spans: Sequence[tuple[int, int, str]]) -> str:
    for s_start, s_end, label in spans:
        if s_start < end and start < s_end:
            return label
    return NO_LABEL


def claim_units(a: GoldDocument, b: GoldDocument) -> tuple[list[bool], list[bool]]:
    """Per sentence of ``a.text``: whether ``a`` and ``b`` each made it a claim."""
    claims_a = [(c.start, c.end) for c in a.claims]
    claims_b = [(c.start, c.end) for c in b.claims]
    decisions_a: list[bool] = []
    decisions_b: list[bool] = []
    for sent in _splitter()(a.text).sents:
        if not sent.text.strip():
            continue
        start, end = sent.start_char, sent.end_char
        decisions_a.append(_is_claim(start, end, claims_a))
        decisions_b.append(_is_claim(start, end, claims_b))
    return decisions_a, decisions_b


def span_units(a: GoldDocument, b: GoldDocument) -> tuple[list[str], list[str]]:
    """Per token of ``a.text``: the label each annotator gave it (``none`` outside spans)."""
    spans_a = [(s.start, s.end, s.label) for s in a.spans]
    spans_b = [(s.start, s.end, s.label) for s in b.spans]
    labels_a: list[str] = []
    labels_b: list[str] = []
    for token in _splitter().make_doc(a.text):
        if token.is_space:
            continue
        start, end = token.idx, token.idx + len(token.text)
        labels_a.append(_label_at(start, end, spans_a))
        labels_b.append(_label_at(start, end, spans_b))
    return labels_a, labels_b


def cohen_kappa(first: Sequence[object], second: Sequence[object]) -> float | None:
    """Cohen's kappa of two raters' values over the same units (``None`` if undefined)."""
    n = len(first)
    if n == 0 or n != len(second):
        return None
    observed = sum(x == y for x, y in zip(first, second, strict=True)) / n
    values = set(first) | set(second)
    expected = sum((list(first).count(v) / n) * (list(second).count(v) / n) for v in values)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def krippendorff_alpha(first: Sequence[str], second: Sequence[str]) -> float | None:
    """Krippendorff's nominal alpha of two coders' values (``None`` if undefined)."""
    import krippendorff
    import numpy

    values = sorted(set(first) | set(second))
    if len(first) < 2 or len(values) < 2:
        return None
    index = {value: k for k, value in enumerate(values)}
    data = numpy.array([[index[v] for v in first], [index[v] for v in second]], dtype=float)
    alpha = float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    return None if numpy.isnan(alpha) else alpha


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def coefficients(pairs: Sequence[tuple[GoldDocument, GoldDocument]]) -> dict[str, Any]:
    """Cohen's kappa (claims per sentence) and Krippendorff's alpha (spans per token)."""
    claims_a: list[bool] = []
    claims_b: list[bool] = []
    tokens_a: list[str] = []
    tokens_b: list[str] = []
    for doc_a, doc_b in pairs:
        units = claim_units(doc_a, doc_b)
        claims_a += units[0]
        claims_b += units[1]
        labels = span_units(doc_a, doc_b)
        tokens_a += labels[0]
        tokens_b += labels[1]
    return {
        "claim_kappa": _round(cohen_kappa(claims_a, claims_b)),
        "claim_units": len(claims_a),
        "claim_unit": "sentence (spaCy sentencizer); claim or not",
        "span_alpha": _round(krippendorff_alpha(tokens_a, tokens_b)),
        "span_units": len(tokens_a),
        "span_unit": f"token (spaCy English tokenizer); span label or '{NO_LABEL}', nominal",
    }


def agree(a: Sequence[GoldDocument], b: Sequence[GoldDocument]) -> dict[str, Any]:
    """Agreement of two annotations of the same documents, with ``a`` as the reference.

    Returns the report of :func:`tnr_claims.evaluation.scoring.score` (``b`` scored against ``a``)
    computed over the documents present in **both** (a document only one annotator did
    says nothing about agreement), plus ``only_in_a`` and ``only_in_b``: the doc_ids
    left out, and ``agreement``: the coefficients of :func:`coefficients`. Swapping ``a``
    and ``b`` swaps precision and recall; F1, kappa and alpha are symmetric.

    Raises:
        NoSharedDocumentsError: when no doc_id is in both.
    """
    ids_a = {d.doc_id for d in a}
    ids_b = {d.doc_id for d in b}
    shared = ids_a & ids_b
    if not shared:
        raise NoSharedDocumentsError(
            f"the two files have no document in common ({len(ids_a)} and {len(ids_b)} "
            "doc_ids); agreement needs both annotators' labels of the same documents"
        )
    common_a = [d for d in a if d.doc_id in ids_b]
    common_b = [d for d in b if d.doc_id in ids_a]
    report = score(common_a, common_b).report
    by_id = {d.doc_id: d for d in common_b}
    report["agreement"] = coefficients([(d, by_id[d.doc_id]) for d in common_a])
    report["only_in_a"] = [d.doc_id for d in a if d.doc_id not in ids_b]
    report["only_in_b"] = [d.doc_id for d in b if d.doc_id not in ids_a]
    return report
