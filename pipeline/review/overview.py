"""Overview counts (claims by country, method, year, source) and evaluation frames."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tnr_claims.codebook import CLAIM_TYPES, METHOD_CATEGORIES, METHOD_CODES, SPAN_LABELS
from tnr_claims.evaluation.error_rows import errors_frame
from tnr_claims.records import ClaimRecord, DocumentRecord
from tnr_claims.review.runs import country_name

if TYPE_CHECKING:
    import pandas as pd


def claim_years(claim: ClaimRecord) -> set[str]:
    """Years of a claim's ISO dates (``"2017-07-07"`` -> ``"2017"``; ``--12-14`` has none)."""
    return {d[:4] for d in claim.dates if len(d) >= 4 and d[:4].isdigit()}


UNATTRIBUTED = "(unattributed)"
"""Source value of claims without a source in the overview tables."""


UNDATED = "undated"
"""Year value of claims without a dated year."""


NO_COUNTRY = "none"
"""Country column of claims without a location in the method x country table."""


@dataclass
class OverviewCounter:
    """Counts for :func:`overview_tables`, filled one record at a time (flat memory)."""

    documents: int = 0
    claims: int = 0
    spans: int = 0
    method_country: Counter[tuple[str, str]] = field(default_factory=Counter)
    method_claims: Counter[str] = field(default_factory=Counter)
    method_spans: Counter[str] = field(default_factory=Counter)
    sources: Counter[str] = field(default_factory=Counter)
    years: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    country_claims: Counter[str] = field(default_factory=Counter)
    country_spans: Counter[str] = field(default_factory=Counter)
    country_docs: Counter[str] = field(default_factory=Counter)

    def add(self, record: DocumentRecord) -> None:
        """Count one record's claims and spans."""
        self.documents += 1
        self.claims += len(record.claims)
        self.spans += len(record.spans)
        doc_countries: set[str] = set()
        for span in record.spans:
            if span.label == "METHOD" and span.code:
                self.method_spans[span.code] += 1
            if span.label == "LOCATION" and span.code:
                self.country_spans[span.code] += 1
                doc_countries.add(span.code)
        for claim in record.claims:
            self.types[claim.type] += 1
            self.sources[claim.source or UNATTRIBUTED] += 1
            years = claim_years(claim) or {UNDATED}
            for year in years:
                self.years[year] += 1
            locations = set(claim.locations) or {NO_COUNTRY}
            categories = {METHOD_CATEGORIES[m] for m in claim.methods}
            for code in set(claim.methods):
                self.method_claims[code] += 1
            for category in categories:
                for location in locations:
                    self.method_country[(category, location)] += 1
            for location in set(claim.locations):
                self.country_claims[location] += 1
                doc_countries.add(location)
        for code in doc_countries:
            self.country_docs[code] += 1

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables of :func:`overview_tables`."""
        import pandas as pd

        categories = list(dict.fromkeys(METHOD_CATEGORIES.values()))
        countries = sorted(
            {c for _, c in self.method_country if c != NO_COUNTRY},
            key=lambda c: (-sum(n for (_, k), n in self.method_country.items() if k == c), c),
        )
        if any(c == NO_COUNTRY for _, c in self.method_country):
            countries.append(NO_COUNTRY)
        heat = pd.DataFrame(
            0,
            index=pd.Index(categories, name="category"),
            columns=pd.Index(countries, name="country"),
            dtype="int64",
        )
        for (category, country), n in self.method_country.items():
            heat.loc[category, country] = n
        methods = pd.DataFrame(
            [
                {
                    "code": code,
                    "category": METHOD_CATEGORIES[code],
                    "claims": self.method_claims.get(code, 0),
                    "spans": self.method_spans.get(code, 0),
                }
                for code in METHOD_CODES
                if self.method_claims.get(code) or self.method_spans.get(code)
            ],
            columns=["code", "category", "claims", "spans"],
        )
        category = (
            methods.groupby("category", sort=False)[["claims", "spans"]].sum().reset_index()
            if len(methods)
            else pd.DataFrame(columns=["category", "claims", "spans"])
        )
        source = pd.DataFrame(
            sorted(self.sources.items(), key=lambda kv: (kv[0] == UNATTRIBUTED, -kv[1], kv[0])),
            columns=["source", "claims"],
        )
        year = pd.DataFrame(
            sorted(self.years.items(), key=lambda kv: (kv[0] == UNDATED, kv[0])),
            columns=["year", "claims"],
        )
        codes = sorted(
            set(self.country_claims) | set(self.country_spans),
            key=lambda c: (-self.country_claims.get(c, 0), -self.country_spans.get(c, 0), c),
        )
        country = pd.DataFrame(
            [
                {
                    "iso": c,
                    "name": country_name(c),
                    "claims": self.country_claims.get(c, 0),
                    "mentions": self.country_spans.get(c, 0),
                    "documents": self.country_docs.get(c, 0),
                }
                for c in codes
            ],
            columns=["iso", "name", "claims", "mentions", "documents"],
        )
        types = pd.DataFrame(
            [(t, self.types.get(t, 0)) for t in CLAIM_TYPES], columns=["type", "claims"]
        )
        totals = pd.DataFrame(
            [("documents", self.documents), ("claims", self.claims), ("spans", self.spans)],
            columns=["what", "count"],
        )
        return {
            "totals": totals,
            "method_country": heat,
            "method": methods,
            "category": category,
            "source": source,
            "year": year,
            "country": country,
            "type": types,
        }


def overview_tables(records: Iterable[DocumentRecord]) -> dict[str, pd.DataFrame]:
    """Count claims of ``records`` (one streamed pass) into overview tables.

    Keys: ``totals``; ``method_country`` (METHOD category x country ISO code, claim
    counts, all eight categories as rows, countries by total, a ``none`` column for
    claims without a location: heatmap-ready); ``method`` (per code: claims, spans);
    ``category``; ``source`` (``(unattributed)`` last); ``year`` (from claim dates,
    ``undated`` last); ``country`` (ISO code, name from pycountry, claims, mentions,
    documents); ``type``. A claim with several methods or places counts once in each
    cell it belongs to.
    """
    counter = OverviewCounter()
    for record in records:
        counter.add(record)
    return counter.tables()


def evaluation_frames(report: dict[str, Any]) -> dict[str, pd.DataFrame]:
    """Tables of an evaluation report (``gold-format.md`` shape plus the evaluator's extras).

    ``labels``
        Long format: ``label``, ``bucket`` (strict/partial/normalised), ``metric``
        (p/r/f1), ``value``, ``support``; span labels in codebook order, then ``micro``.
    ``scores``
        The same wide: one row per label and bucket with ``p``, ``r``, ``f1``, ``support``.
    ``confusion``
        METHOD confusion matrix: gold code (rows) x predicted code (columns), counts.
    ``per_pattern``
        Per producer: predicted, partial, normalised, precision, normalised_precision;
        most productive first.
    ``claims``
        Claim detection, type/hedged/negated accuracy and per-field P/R/F1.
    """
    import pandas as pd

    spans = report.get("spans", {})
    long_rows: list[dict[str, Any]] = []
    wide_rows: list[dict[str, Any]] = []
    for label in [*SPAN_LABELS, "micro"]:
        entry = spans.get(label) or {}
        support = entry.get("support")
        for bucket in ("strict", "partial", "normalised"):
            scores = entry.get(bucket) or {}
            wide_rows.append(
                {
                    "label": label,
                    "bucket": bucket,
                    "p": scores.get("p", 0.0),
                    "r": scores.get("r", 0.0),
                    "f1": scores.get("f1", 0.0),
                    "support": support,
                }
            )
            for metric in ("p", "r", "f1"):
                long_rows.append(
                    {
                        "label": label,
                        "bucket": bucket,
                        "metric": metric,
                        "value": float(scores.get(metric, 0.0)),
                        "support": support,
                    }
                )
    labels = pd.DataFrame(long_rows, columns=["label", "bucket", "metric", "value", "support"])
    wide = pd.DataFrame(wide_rows, columns=["label", "bucket", "p", "r", "f1", "support"])

    raw = report.get("method_confusion") or {}
    gold_codes = [c for c in METHOD_CODES if c in raw]
    pred_codes = [c for c in METHOD_CODES if any(c in row for row in raw.values())]
    extra = sorted({c for row in raw.values() for c in row} - set(pred_codes))
    pred_codes += extra
    gold_codes += sorted(set(raw) - set(gold_codes))
    confusion = pd.DataFrame(
        0,
        index=pd.Index(gold_codes, name="gold"),
        columns=pd.Index(pred_codes, name="predicted"),
        dtype="int64",
    )
    for gold_code, row in raw.items():
        for pred_code, n in row.items():
            confusion.loc[gold_code, pred_code] = int(n)

    pattern_columns = [
        "pattern",
        "predicted",
        "partial",
        "normalised",
        "precision",
        "normalised_precision",
    ]
    per_pattern = pd.DataFrame(
        [
            {"pattern": name, **{k: v for k, v in values.items() if k in pattern_columns}}
            for name, values in (report.get("per_pattern") or {}).items()
        ],
        columns=pattern_columns,
    )
    if len(per_pattern):
        per_pattern = per_pattern.sort_values(
            ["predicted", "precision", "pattern"], ascending=[False, True, True]
        ).reset_index(drop=True)

    claims = report.get("claims") or {}
    claim_rows: list[dict[str, Any]] = []
    detection = claims.get("detection") or {}
    claim_rows.append(
        {
            "what": "detection",
            "p": detection.get("p"),
            "r": detection.get("r"),
            "f1": detection.get("f1"),
            "accuracy": None,
            "support": detection.get("support"),
        }
    )
    for name in ("type", "hedged", "negated"):
        scores = claims.get(name) if name != "type" else {}
        claim_rows.append(
            {
                "what": name,
                "p": (scores or {}).get("p"),
                "r": (scores or {}).get("r"),
                "f1": (scores or {}).get("f1"),
                "accuracy": claims.get(f"{name}_accuracy"),
                "support": None,
            }
        )
    for name, scores in (claims.get("fields") or {}).items():
        claim_rows.append(
            {
                "what": f"field: {name}",
                "p": scores.get("p"),
                "r": scores.get("r"),
                "f1": scores.get("f1"),
                "accuracy": None,
                "support": None,
            }
        )
    claims_frame = pd.DataFrame(claim_rows, columns=["what", "p", "r", "f1", "accuracy", "support"])
    return {
        "labels": labels,
        "scores": wide,
        "confusion": confusion,
        "per_pattern": per_pattern,
        "claims": claims_frame,
    }


def error_table(errors: pd.DataFrame | Iterable[Any]) -> pd.DataFrame:
    """The evaluator's errors (a DataFrame or ``ErrorItem`` list) sorted for reading.

    Sorted by document, kind (span/claim/claim_field), error type, label and position,
    with ``context`` (the sentence around the error) kept as the last column.
    """
    import pandas as pd

    if not isinstance(errors, pd.DataFrame):
        errors = errors_frame(errors)
    frame = errors.copy()
    if frame.empty:
        return frame.reset_index(drop=True)
    frame["_pos"] = frame["gold_start"].fillna(frame["pred_start"])
    keys = [c for c in ("doc_id", "kind", "error", "label") if c in frame.columns] + ["_pos"]
    frame = frame.sort_values(keys, kind="stable", na_position="last").drop(columns="_pos")
    if "context" in frame.columns:
        frame = frame[[c for c in frame.columns if c != "context"] + ["context"]]
    return frame.reset_index(drop=True)
