"""Review: everything the notebooks and the HTML report do with a run's records.

The notebooks in ``notebooks/`` are thin: each cell calls one function of this module
on :class:`~tnr_claims.records.DocumentRecord` values (or on the tables a run wrote),
never on spaCy Docs, and no logic lives only in a cell. :mod:`tnr_claims.review.page` builds
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
:func:`load_cases`, :func:`dyad_matrix`, :func:`cases_per_year`, :func:`cases_section`
    The cases of a run (``incidents.jsonl``): a table, the perpetrator x host matrix,
    cases per year, and the Cases section of the HTML page.
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

from tnr_claims.review.cases import (
    UNKNOWN_STATE,
    cases_frame,
    cases_per_year,
    cases_section,
    dyad_matrix,
    load_cases,
    plot_cases_per_year,
    plot_dyad_matrix,
)
from tnr_claims.review.markup import (
    CATEGORY_COLOURS,
    CLAIM_FOCUS_STYLE,
    CLAIM_STYLE,
    LABEL_COLOURS,
    MARKER_STYLE,
    claim_link,
    claims_html,
    document_view,
    legend_html,
    render_document,
    span_colour,
    span_label_text,
    span_tooltip,
)
from tnr_claims.review.overview import (
    NO_COUNTRY,
    UNATTRIBUTED,
    UNDATED,
    OverviewCounter,
    claim_years,
    error_table,
    evaluation_frames,
    overview_tables,
)
from tnr_claims.review.plots import (
    plot_confusion,
    plot_counts,
    plot_label_scores,
    plot_method_country,
    save_figure,
)
from tnr_claims.review.runs import (
    CLAIM_COLUMNS,
    INDIRECT_SOURCE_RULES,
    REVIEW_FLAGS,
    PathLike,
    Run,
    claim_anchor,
    claims_table,
    country_code,
    country_name,
    is_indirect_source,
    iter_records,
    load_run,
    review_flags,
    spans_in,
)

__all__ = [
    "UNKNOWN_STATE",
    "cases_frame",
    "cases_per_year",
    "cases_section",
    "dyad_matrix",
    "load_cases",
    "plot_cases_per_year",
    "plot_dyad_matrix",
    "PathLike",
    "INDIRECT_SOURCE_RULES",
    "REVIEW_FLAGS",
    "CLAIM_COLUMNS",
    "iter_records",
    "Run",
    "load_run",
    "country_code",
    "country_name",
    "is_indirect_source",
    "spans_in",
    "review_flags",
    "claims_table",
    "claim_anchor",
    "LABEL_COLOURS",
    "CATEGORY_COLOURS",
    "CLAIM_STYLE",
    "MARKER_STYLE",
    "CLAIM_FOCUS_STYLE",
    "span_colour",
    "span_label_text",
    "span_tooltip",
    "render_document",
    "legend_html",
    "claims_html",
    "document_view",
    "claim_link",
    "claim_years",
    "UNATTRIBUTED",
    "UNDATED",
    "NO_COUNTRY",
    "OverviewCounter",
    "overview_tables",
    "evaluation_frames",
    "error_table",
    "plot_label_scores",
    "plot_confusion",
    "plot_method_country",
    "plot_counts",
    "save_figure",
]
