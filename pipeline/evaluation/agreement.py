"""Agreement between two annotations of the same documents (``claims gold agree``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tnr_claims.evaluation.scoring import score
from tnr_claims.records import GoldDocument


def agree(a: Sequence[GoldDocument], b: Sequence[GoldDocument]) -> dict[str, Any]:
    """Agreement of two annotations of the same documents, with ``a`` as the reference.

    Returns the report of :func:`tnr_claims.evaluation.scoring.score` (``b`` scored against ``a``)
    computed over the documents present in **both** (a document only one annotator did
    says nothing about agreement), plus ``only_in_a`` and ``only_in_b``: the doc_ids
    left out. Swapping ``a`` and ``b`` swaps precision and recall; F1 is symmetric.
    """
    ids_a = {d.doc_id for d in a}
    ids_b = {d.doc_id for d in b}
    report = score([d for d in a if d.doc_id in ids_b], [d for d in b if d.doc_id in ids_a]).report
    report["only_in_a"] = [d.doc_id for d in a if d.doc_id not in ids_b]
    report["only_in_b"] = [d.doc_id for d in b if d.doc_id not in ids_a]
    return report
