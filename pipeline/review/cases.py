"""Cases of a run for review: tables, a perpetrator x host matrix, plots and HTML.

A run folder holds ``incidents.jsonl`` (one case a line, ``incidents.md``); when it is
missing (a run made before linking existed) the cases are linked from ``records.jsonl``.
Everything a case shows comes from the run; document text is escaped, element ids are
built from integers.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

UNKNOWN_STATE = "unknown"
"""Row or column of the matrix for a case whose perpetrator or host the text does not say."""


def load_cases(run_dir: str | Path) -> list[dict[str, Any]]:
    """The cases of a run folder as ``incidents.jsonl`` dicts (linked now if the file is absent)."""
    folder = Path(run_dir)
    path = folder / "incidents.jsonl"
    if path.exists():
        with path.open(encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]
    from tnr_claims.cases import link
    from tnr_claims.review.runs import iter_records

    return [case.as_json() for case in link(iter_records(folder)).cases]


def cases_frame(cases: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """One row per case: id, targets, dyad, dates, counts (lists joined with ``; ``)."""
    import pandas as pd

    rows = [
        {
            "case_id": case["case_id"],
            "targets": "; ".join(case["targets"]),
            "perpetrator": "; ".join(case["perpetrator_states"]) or UNKNOWN_STATE,
            "host": "; ".join(case["host_states"]) or UNKNOWN_STATE,
            "host_role": case["host_role"],
            "first_date": case["first_date"],
            "last_date": case["last_date"],
            "documents": len(case["documents"]),
            "claims": len(case["claims"]),
            "incidents": len(case["incidents"]),
        }
        for case in cases
    ]
    columns = [
        "case_id",
        "targets",
        "perpetrator",
        "host",
        "host_role",
        "first_date",
        "last_date",
        "documents",
        "claims",
        "incidents",
    ]
    return pd.DataFrame(rows, columns=columns)


def dyad_matrix(cases: Iterable[dict[str, Any]], *, min_claims: int = 1) -> pd.DataFrame:
    """Cases counted by perpetrator state (rows) and host state (columns).

    A case with several hosts counts once under each; unknown states are
    :data:`UNKNOWN_STATE`. Cases with fewer than ``min_claims`` claims are left out.
    """
    import pandas as pd

    pairs = []
    for case in cases:
        if len(case["claims"]) < min_claims:
            continue
        perpetrator = (case["perpetrator_states"] or [UNKNOWN_STATE])[0]
        for host in case["host_states"] or [UNKNOWN_STATE]:
            pairs.append((perpetrator, host))
    frame = pd.DataFrame(pairs, columns=["perpetrator", "host"])
    if frame.empty:
        return pd.DataFrame(dtype=int)
    return pd.crosstab(frame["perpetrator"], frame["host"])


def cases_per_year(cases: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """Cases by the year of their first dated claim and perpetrator state (undated left out)."""
    import pandas as pd

    rows = [
        (int(case["first_date"][:4]), (case["perpetrator_states"] or [UNKNOWN_STATE])[0])
        for case in cases
        if case.get("first_date") and str(case["first_date"])[:4].isdigit()
    ]
    frame = pd.DataFrame(rows, columns=["year", "perpetrator"])
    if frame.empty:
        return pd.DataFrame(dtype=int)
    return pd.crosstab(frame["year"], frame["perpetrator"])


def plot_dyad_matrix(
    matrix: pd.DataFrame, *, title: str = "Cases by perpetrator and host"
) -> Figure:
    """The perpetrator x host matrix as a heatmap with counts in the cells."""
    from tnr_claims.review.plots import _figure

    figure = _figure(max(4.0, 0.6 * len(matrix.columns) + 2), max(3.0, 0.5 * len(matrix) + 1.5))
    ax = figure.subplots()
    if matrix.empty:
        ax.text(0.5, 0.5, "no cases", ha="center", va="center")
        ax.set_axis_off()
        return figure
    ax.imshow(matrix.to_numpy(), cmap="Blues", aspect="auto")
    ax.set_xticks(range(len(matrix.columns)), [str(c) for c in matrix.columns], rotation=45)
    ax.set_yticks(range(len(matrix.index)), [str(i) for i in matrix.index])
    ax.set_xlabel("host state")
    ax.set_ylabel("perpetrator state")
    for (row, col), value in _cells(matrix):
        ax.text(col, row, str(value), ha="center", va="center", fontsize=8)
    ax.set_title(title)
    return figure


def _cells(matrix: pd.DataFrame) -> Iterable[tuple[tuple[int, int], int]]:
    values = matrix.to_numpy()
    for row in range(values.shape[0]):
        for col in range(values.shape[1]):
            if values[row, col]:
                yield (row, col), int(values[row, col])


def plot_cases_per_year(table: pd.DataFrame, *, title: str = "Cases per year") -> Figure:
    """Stacked bars: cases per year of their first date, by perpetrator state."""
    from tnr_claims.review.plots import _figure

    figure = _figure(7, 3.5)
    ax = figure.subplots()
    if table.empty:
        ax.text(0.5, 0.5, "no dated cases", ha="center", va="center")
        ax.set_axis_off()
        return figure
    bottom = [0] * len(table)
    years = [str(y) for y in table.index]
    for state in table.columns:
        values = [int(v) for v in table[state]]
        ax.bar(years, values, bottom=bottom, label=str(state))
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_ylabel("cases")
    ax.legend(title="perpetrator", fontsize=7)
    ax.set_title(title)
    return figure


# --------------------------------------------------------------------------- HTML


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _dyad_text(case: dict[str, Any]) -> str:
    perpetrator = ", ".join(case["perpetrator_states"]) or UNKNOWN_STATE
    host = ", ".join(case["host_states"]) or UNKNOWN_STATE
    role = case.get("host_role") or UNKNOWN_STATE
    return f"perpetrator {_e(perpetrator)} → host {_e(host)} ({_e(role)})"


def _claim_items(
    refs: list[dict[str, Any]], anchors: dict[tuple[str, int, int], str], texts: dict[Any, str]
) -> str:
    items = []
    for ref in refs:
        key = (ref["doc_id"], int(ref["start"]), int(ref["end"]))
        snippet = texts.get(key, "")
        if len(snippet) > 200:
            snippet = snippet[:197] + "..."
        anchor = anchors.get(key)
        label = f"{_e(ref['doc_id'])}"
        link = f'<a href="#{_e(anchor)}">{label}</a>' if anchor else label
        items.append(f"<li>{link}: {_e(snippet)}</li>")
    return f"<ul>{''.join(items)}</ul>" if items else ""


def cases_section(
    cases: list[dict[str, Any]],
    anchors: dict[tuple[str, int, int], str],
    texts: dict[tuple[str, int, int], str],
    *,
    min_claims: int = 2,
) -> str:
    """The Cases section of the HTML page.

    Per case (with at least ``min_claims`` claims): targets, dyad, a timeline of its
    incidents (by date, undated last), under each incident the claims of every report
    linked to their sentences (``anchors``: claim -> element id of its sentence; ids are
    made by the caller from integers), then the claims in no incident.
    """
    shown = [c for c in cases if len(c["claims"]) >= min_claims]
    shown.sort(key=lambda c: (-len(c["documents"]), -len(c["claims"]), c["case_id"]))
    parts = [
        '<section id="cases"><h2>Cases</h2>',
        f'<p class="muted">{len(shown)} cases with at least {min_claims} claims '
        f"({len(cases)} in all). Claims are linked into a case by their targets across "
        "reports and into incidents by kind of act and date.</p>",
    ]
    for number, case in enumerate(shown):
        parts.append(f'<div class="case" id="case-{number}">')
        names = _e("; ".join(case["targets"]))
        parts.append(f"<h3>{names} <code>{_e(case['case_id'])}</code></h3>")
        parts.append(
            f'<p class="muted">{_dyad_text(case)} · {len(case["documents"])} reports · '
            f"{len(case['claims'])} claims · {_e(case['first_date'] or 'undated')} to "
            f"{_e(case['last_date'] or 'undated')}</p>"
        )
        placed: set[tuple[str, int, int]] = set()
        parts.append('<ol class="timeline">')
        for incident in case["incidents"]:
            methods = ", ".join(incident["methods"]) or "no METHOD"
            parts.append(
                f"<li><strong>{_e(incident['date'] or 'undated')}</strong> "
                f"{_e(methods)} · host {_e(incident['host_state'] or UNKNOWN_STATE)}"
                f"{_claim_items(incident['claims'], anchors, texts)}</li>"
            )
            placed.update((r["doc_id"], r["start"], r["end"]) for r in incident["claims"])
        parts.append("</ol>")
        rest = [r for r in case["claims"] if (r["doc_id"], r["start"], r["end"]) not in placed]
        if rest:
            parts.append(f"<p>In no incident:</p>{_claim_items(rest, anchors, texts)}")
        parts.append("</div>")
    parts.append("</section>")
    return "\n".join(parts)


__all__ = [
    "UNKNOWN_STATE",
    "cases_frame",
    "cases_per_year",
    "cases_section",
    "dyad_matrix",
    "load_cases",
    "plot_cases_per_year",
    "plot_dyad_matrix",
]
