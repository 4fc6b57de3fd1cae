"""Fixed development/test splits of a gold set, decided by a hash of the doc ids.

A split must be fixed before anyone reads an error, and must not depend on file order or
on who runs it. The rule: sort the documents by the SHA-256 hex digest of the UTF-8 doc id;
the ``n_test`` smallest digests are ``test``, the rest ``tune``. Rules are developed on
``tune``; ``test`` is scored for closing notes only (see ``corpus/gold/SPLITS.md``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import Literal, TypeVar

from tnr_claims.records import GoldDocument

SplitName = Literal["tune", "test"]
DEV2_TEST_SIZE = 10
"""Documents in the test split of ``corpus/gold/dev2.jsonl`` (30 documents: 20 tune, 10 test)."""

_Doc = TypeVar("_Doc", bound=GoldDocument)


def id_digest(doc_id: str) -> str:
    """The SHA-256 hex digest of ``doc_id`` that orders documents for the split."""
    return hashlib.sha256(doc_id.encode("utf-8")).hexdigest()


def test_ids(doc_ids: Iterable[str], n_test: int = DEV2_TEST_SIZE) -> set[str]:
    """The ``n_test`` ids with the smallest digests (every id when there are fewer)."""
    ordered = sorted(set(doc_ids), key=id_digest)
    return set(ordered[:n_test])


def select(documents: Sequence[_Doc], split: SplitName, n_test: int = DEV2_TEST_SIZE) -> list[_Doc]:
    """The documents of ``split`` (``tune`` or ``test``), in their original order."""
    held_out = test_ids((d.doc_id for d in documents), n_test)
    if split == "test":
        return [d for d in documents if d.doc_id in held_out]
    return [d for d in documents if d.doc_id not in held_out]
