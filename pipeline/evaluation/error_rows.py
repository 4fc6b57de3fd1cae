"""Error rows: every false positive and negative with its context, as a DataFrame or CSV."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import pandas as pd

ErrorKind = Literal["span", "claim", "claim_field"]

ErrorType = Literal["false_positive", "false_negative", "boundary", "label", "normalised"]


CONTEXT_CHARS = 80
"""Characters either side of an error when no sentence contains it."""


@dataclass(frozen=True)
class ErrorItem:
    """One scoring error, a row of :func:`errors_frame` (see the module docstring)."""

    doc_id: str
    kind: ErrorKind
    error: ErrorType
    label: str | None
    """Span label (the gold one when there is one), claim type, or claim field name."""
    pred_label: str | None = None
    gold_start: int | None = None
    gold_end: int | None = None
    pred_start: int | None = None
    pred_end: int | None = None
    gold_value: str | None = None
    """Normalised value (code, name, ``instrument#article``, value) or the field's set as JSON."""
    pred_value: str | None = None
    gold_text: str | None = None
    pred_text: str | None = None
    context: str = ""
    """The sentence around the error (or ``CONTEXT_CHARS`` either side), whitespace collapsed."""
    producer: str | None = None
    """Pattern id or ``model:LABEL`` of the predicted span; claim type rule for claims."""


ERROR_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(ErrorItem))
"""Columns of :func:`errors_frame`, in order."""


def errors_frame(errors: Iterable[ErrorItem]) -> pd.DataFrame:
    """Return the errors as a DataFrame with :data:`ERROR_COLUMNS` (also when empty)."""
    import pandas as pd

    return pd.DataFrame([asdict(e) for e in errors], columns=list(ERROR_COLUMNS))


def write_errors_csv(errors: Iterable[ErrorItem], path: str | Path) -> int:
    """Write the errors as UTF-8 CSV (cells made safe by :func:`safe_csv_cell`); return rows."""
    from tnr_claims.export import safe_csv_cell  # here: export imports pyarrow

    rows = 0
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(ERROR_COLUMNS)
        for item in errors:
            writer.writerow(["" if v is None else safe_csv_cell(v) for v in asdict(item).values()])
            rows += 1
    return rows
