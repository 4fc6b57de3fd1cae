"""The accuracy floor: seed, dev and dev2-tune may not fall more than 0.02 below the
committed figures (``corpus/gold/accuracy-floors.json``, rewritten by ``make floors``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tnr_claims.evaluation.floors import SETS, TOLERANCE, measure

GOLD_DIR = Path(__file__).resolve().parents[2] / "corpus" / "gold"
FLOORS = json.loads((GOLD_DIR / "accuracy-floors.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.model


def test_every_floored_set_has_a_committed_figure() -> None:
    assert set(FLOORS) == set(SETS)
    assert "test" not in json.dumps(FLOORS), "the dev2 test split is never tuned against"


@pytest.mark.parametrize("name", sorted(SETS))
def test_accuracy_stays_above_the_committed_floor(tnr_pipeline, name: str) -> None:
    measured = measure(tnr_pipeline, GOLD_DIR, name)
    for key in ("micro_partial", "method_partial"):
        floor = FLOORS[name][key]
        assert measured[key] >= floor - TOLERANCE, (
            f"{name} {key} fell to {measured[key]:.3f} (floor {floor:.3f}); "
            "fix the regression, or run `make floors` if the gold set changed"
        )
