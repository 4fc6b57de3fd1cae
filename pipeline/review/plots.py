"""Matplotlib figures for the notebooks and the HTML page (scores, confusion, counts)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tnr_claims.codebook import SPAN_LABELS

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from tnr_claims.review.runs import PathLike


def _figure(width: float, height: float) -> Figure:
    """A Figure on an Agg canvas (no pyplot, no global state, no display needed)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def plot_label_scores(labels: pd.DataFrame, *, title: str = "Span scores per label") -> Figure:
    """Bar charts of P/R/F1 per label, one panel per bucket (strict, partial, normalised).

    ``labels`` is ``evaluation_frames(report)["labels"]``.
    """
    buckets = ["strict", "partial", "normalised"]
    order = [label for label in [*SPAN_LABELS, "micro"] if label in set(labels["label"])]
    figure = _figure(12, 3.6)
    axes = figure.subplots(1, 3, sharey=True)
    width = 0.27
    colours = {"p": "#4c72b0", "r": "#dd8452", "f1": "#55a868"}
    for ax, bucket in zip(axes, buckets, strict=True):
        part = labels[labels["bucket"] == bucket]
        for k, metric in enumerate(("p", "r", "f1")):
            values = [
                float(part[(part["label"] == lab) & (part["metric"] == metric)]["value"].sum())
                for lab in order
            ]
            positions = [i + (k - 1) * width for i in range(len(order))]
            ax.bar(positions, values, width, label=metric.upper(), color=colours[metric])
        ax.set_title(bucket)
        ax.set_xticks(range(len(order)))
        ax.set_xticklabels(order, rotation=45, ha="right", fontsize=8)
        ax.set_ylim(0, 1.05)
        ax.grid(axis="y", alpha=0.3)
    axes[0].set_ylabel("score")
    axes[-1].legend(loc="upper right", fontsize=8)
    figure.suptitle(title)
    return figure


def _heatmap(
    frame: pd.DataFrame, *, title: str, xlabel: str, ylabel: str, cmap: str = "Blues"
) -> Figure:
    rows, cols = frame.shape
    figure = _figure(max(4.0, 1.0 + 0.55 * cols), max(2.5, 1.0 + 0.4 * rows))
    ax = figure.subplots()
    if not rows or not cols:
        ax.text(0.5, 0.5, "no data", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        ax.set_title(title)
        return figure
    values = frame.to_numpy(dtype=float).tolist()
    image = ax.imshow(values, cmap=cmap, aspect="auto", vmin=0)
    ax.set_xticks(range(cols))
    ax.set_xticklabels([str(c) for c in frame.columns], rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(rows))
    ax.set_yticklabels([str(i) for i in frame.index], fontsize=8)
    peak = max(max(r) for r in values)
    for i in range(rows):
        for j in range(cols):
            v = values[i][j]
            if v:
                ax.text(
                    j,
                    i,
                    f"{v:g}",
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if v > peak / 2 else "black",
                )
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    figure.colorbar(image, ax=ax, shrink=0.8)
    return figure


def plot_confusion(confusion: pd.DataFrame, *, title: str = "METHOD confusion") -> Figure:
    """Heatmap of ``evaluation_frames(report)["confusion"]`` (gold rows, predicted columns)."""
    return _heatmap(
        confusion, title=title, xlabel="predicted code", ylabel="gold code", cmap="Oranges"
    )


def plot_method_country(
    table: pd.DataFrame, *, title: str = "Claims by method category and country"
) -> Figure:
    """Heatmap of ``overview_tables(records)["method_country"]`` (categories x countries)."""
    return _heatmap(table, title=title, xlabel="country (ISO 3166-1)", ylabel="method category")


def plot_counts(
    frame: pd.DataFrame, *, x: str, y: str = "claims", title: str = "", top: int | None = 20
) -> Figure:
    """A horizontal bar chart of a count table (``source``, ``year``, ``method`` ...)."""
    data = frame.head(top) if top else frame
    figure = _figure(7, max(2.0, 0.6 + 0.28 * len(data)))
    ax = figure.subplots()
    labels = [str(v) for v in data[x]][::-1]
    ax.barh(labels, list(data[y])[::-1], color="#4c72b0")
    ax.set_xlabel(y)
    ax.set_title(title)
    ax.tick_params(axis="y", labelsize=8)
    return figure


def save_figure(figure: Figure, path: PathLike, *, dpi: int = 110) -> Path:
    """Save a Figure as PNG (or any format matplotlib knows from the suffix); return the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(target, dpi=dpi)
    return target
