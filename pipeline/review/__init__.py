"""Review: everything the notebooks and the HTML report do with a run's records.

The notebooks in ``notebooks/`` are thin: each cell calls one function of this module
on :class:`~pipeline.records.DocumentRecord` values (or on the tables a run wrote),
never on spaCy Docs, and no logic lives only in a cell. :mod:`pipeline.review.page` builds
the shareable HTML page from the same functions.

What is here
------------

:func:`load_run`
    A run folder (``claims run -o DIR``): records streamed from ``records.jsonl``, the
    ``claims``/``spans`` Parquet tables as DataFrames, the manifest.
:func:`claims_table`
    One row per claim with filters (method code or category, country, type, source,
    hedged, negated) and a ``review`` column that puts low-confidence and rule-conflict
    cases first (:data:`REVIEW_FLAGS`).
:func:`render_document`
    displaCy "ent" markup of a document: spans coloured per label (METHOD per category),
    METHOD codes and ISO country codes in the label text, each claim sentence wrapped
    in an element with id ``claim-<n>`` so a claim row can link to it.
:func:`overview_tables`, :func:`evaluation_frames`
    The tables behind the overview and accuracy notebooks.
``plot_*``
    matplotlib Figures (Agg canvas, no pyplot state).

Untrusted content
-----------------

Document text, span text, claim sources, metadata and even codes are treated as
untrusted: everything that reaches markup goes through :func:`html.escape` (displaCy
escapes the text it renders; labels, titles and attribute values are escaped here).
Element ids and link targets are built from integers only, never from document text,
and no function here emits ``<script>``, event-handler attributes or URLs.
"""

from pipeline.review.markup import (
    CATEGORY_COLOURS,
    LABEL_COLOURS,
    claim_link,
    claims_html,
    document_view,
    legend_html,
    render_document,
)
from pipeline.review.overview import (
    OverviewCounter,
    error_table,
    evaluation_frames,
    overview_tables,
)
from pipeline.review.plots import (
    plot_confusion,
    plot_counts,
    plot_label_scores,
    plot_method_country,
    save_figure,
)
from pipeline.review.runs import (
    CLAIM_COLUMNS,
    INDIRECT_SOURCE_RULES,
    REVIEW_FLAGS,
    Run,
    claim_anchor,
    claims_table,
    country_code,
    country_name,
    iter_records,
    load_run,
    review_flags,
)

__all__ = [
    "CATEGORY_COLOURS",
    "CLAIM_COLUMNS",
    "INDIRECT_SOURCE_RULES",
    "LABEL_COLOURS",
    "REVIEW_FLAGS",
    "OverviewCounter",
    "Run",
    "claim_anchor",
    "claim_link",
    "claims_html",
    "claims_table",
    "country_code",
    "document_view",
    "country_name",
    "error_table",
    "evaluation_frames",
    "iter_records",
    "legend_html",
    "load_run",
    "overview_tables",
    "plot_confusion",
    "plot_counts",
    "plot_label_scores",
    "plot_method_country",
    "render_document",
    "review_flags",
    "save_figure",
]
