"""Matching gold and predicted items one to one, and precision/recall/F1 tallies.

One-to-one greedy matching as ``gold-format.md`` specifies: among eligible pairs, the
largest overlap first, ties to the earlier gold item, then the earlier prediction.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from tnr_claims.records import GoldClaim

SPAN_BUCKETS: tuple[str, ...] = ("strict", "partial", "normalised")
"""Span match buckets of ``gold-format.md``, in report order."""


CLAIM_FIELDS: tuple[str, ...] = (
    "methods",
    "locations",
    "legal_refs",
    "targets",
    "source",
    "dates",
    "quantities",
)
"""Claim fields scored as sets, in report order."""


CASE_INSENSITIVE_FIELDS: frozenset[str] = frozenset({"targets", "source", "legal_refs"})
"""Claim fields compared after lower-casing."""


@dataclass
class Tally:
    """Counts behind one P/R/F1: gold and predicted items, and how many of each matched.

    For an ordinary one-to-one matching ``gold_hit == pred_hit == tp``; the untyped
    per-label bucket is the one place where they differ (a pair may cross labels).
    """

    gold: int = 0
    pred: int = 0
    gold_hit: int = 0
    pred_hit: int = 0

    def add(self, other: Tally) -> None:
        """Add another tally's counts to this one."""
        self.gold += other.gold
        self.pred += other.pred
        self.gold_hit += other.gold_hit
        self.pred_hit += other.pred_hit

    def prf(self) -> dict[str, float]:
        """Return ``{"p", "r", "f1"}`` (0.0 for any undefined ratio)."""
        return prf_from(
            pred_hit=self.pred_hit, pred=self.pred, gold_hit=self.gold_hit, gold=self.gold
        )

    def counts(self) -> dict[str, int]:
        """Return ``tp``, ``fp``, ``fn``, ``gold`` and ``pred`` counts."""
        return {
            "tp": self.pred_hit,
            "fp": self.pred - self.pred_hit,
            "fn": self.gold - self.gold_hit,
            "gold": self.gold,
            "pred": self.pred,
        }


def safe_ratio(numerator: float, denominator: float) -> float:
    """``numerator / denominator``, 0.0 when the denominator is 0."""
    return numerator / denominator if denominator else 0.0


def prf_from(*, pred_hit: int, pred: int, gold_hit: int, gold: int) -> dict[str, float]:
    """Precision, recall and F1 from counts; every undefined ratio is 0.0.

    >>> prf_from(pred_hit=1, pred=2, gold_hit=1, gold=1)
    {'p': 0.5, 'r': 1.0, 'f1': 0.6666666666666666}
    >>> prf_from(pred_hit=0, pred=0, gold_hit=0, gold=0)
    {'p': 0.0, 'r': 0.0, 'f1': 0.0}
    """
    p = safe_ratio(pred_hit, pred)
    r = safe_ratio(gold_hit, gold)
    return {"p": p, "r": r, "f1": safe_ratio(2 * p * r, p + r)}


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Number of characters two half-open intervals share (0 when disjoint)."""
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def greedy_match(
    gold: Sequence[Any],
    pred: Sequence[Any],
    *,
    eligible: Callable[[Any, Any], bool] = lambda g, p: True,
) -> list[tuple[int, int]]:
    """Match items one to one, largest overlap first (the policy of this module).

    ``gold`` and ``pred`` are objects with ``start`` and ``end``, **already in offset
    order** (their indices break ties). Only overlapping pairs for which ``eligible``
    holds are candidates. Returns ``(gold index, pred index)`` pairs sorted by gold index.
    """
    if not gold or not pred:
        return []
    order = sorted(range(len(pred)), key=lambda i: pred[i].start)
    starts = [pred[i].start for i in order]
    longest = max(p.end - p.start for p in pred)
    candidates: list[tuple[int, int, int]] = []
    for gi, g in enumerate(gold):
        lo = bisect.bisect_right(starts, g.start - longest)
        hi = bisect.bisect_left(starts, g.end)
        for k in range(lo, hi):
            pi = order[k]
            p = pred[pi]
            shared = overlap(g.start, g.end, p.start, p.end)
            if shared > 0 and eligible(g, p):
                candidates.append((-shared, gi, pi))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, gi, pi in candidates:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((gi, pi))
    return sorted(pairs)


def claims_eligible(g: GoldClaim, p: GoldClaim) -> bool:
    """The claim rule: the sentences overlap by at least half of the shorter one."""
    shared = overlap(g.start, g.end, p.start, p.end)
    return 2 * shared >= min(g.end - g.start, p.end - p.start)


def offset_order(items: Iterable[Any]) -> list[Any]:
    """Items sorted by start, end, then label: the tie order of the matching rule."""
    return sorted(items, key=lambda item: (item.start, item.end, getattr(item, "label", "")))
