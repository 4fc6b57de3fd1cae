"""Codebook: the closed sets of labels, METHOD codes, categories and claim types.

This module mirrors ``../shared/spec/codebook.md``. Everything else in the package
(pattern validation, records, the gold checker, the evaluator) takes its vocabulary
from here, so a new code or label is added in exactly one place.
"""

from __future__ import annotations

from typing import Literal

SPAN_LABELS: tuple[str, ...] = (
    "METHOD",
    "LOCATION",
    "LEGAL_REF",
    "PERSON",
    "ORG",
    "DATE",
    "QUANTITY",
)
"""Span labels of the codebook, in report order."""

SpanLabel = Literal["METHOD", "LOCATION", "LEGAL_REF", "PERSON", "ORG", "DATE", "QUANTITY"]

METHOD_CATEGORIES: dict[str, str] = {
    "FAMILY_PRESSURE": "proxy",
    "RELATIVE_REPRISAL": "proxy",
    "ASSET_FREEZE": "proxy",
    "EMPLOYMENT_REPRISAL": "proxy",
    "CHILD_SEPARATION": "proxy",
    "HARASSMENT": "intimidation",
    "THREAT": "intimidation",
    "BLACKMAIL": "intimidation",
    "SURVEILLANCE": "intimidation",
    "DIGITAL_ATTACK": "intimidation",
    "PERSUASION_TO_RETURN": "persuasion",
    "INDUCEMENT": "persuasion",
    "OVERSEAS_AGENTS": "agents",
    "INFORMANT_COERCION": "agents",
    "LURING": "agents",
    "ABDUCTION": "physical",
    "PHYSICAL_ATTACK": "physical",
    "EXTRADITION": "legal",
    "DEPORTATION": "legal",
    "INTERPOL_ABUSE": "legal",
    "DETENTION": "legal",
    "PROSECUTION": "legal",
    "TRAVEL_RESTRICTION": "mobility",
    "FORCED_RETURN": "outcome",
}
"""The 24 METHOD codes and the category each belongs to (category is a function of code)."""

METHOD_CODES: tuple[str, ...] = tuple(METHOD_CATEGORIES)

ABDUCTION_VARIANTS: tuple[str, ...] = ("direct", "indirect")
"""Allowed ``variant`` values of an ABDUCTION span (``None`` is also allowed)."""

CLAIM_TYPES: tuple[str, ...] = ("incident", "statistic", "legal", "recommendation", "pattern")

ClaimType = Literal["incident", "statistic", "legal", "recommendation", "pattern"]

LABEL_FIELDS: dict[str, tuple[str, ...]] = {
    "METHOD": ("code", "variant"),
    "LOCATION": ("code",),
    "LEGAL_REF": ("instrument", "article", "jurisdiction"),
    "PERSON": ("name",),
    "ORG": ("name",),
    "DATE": ("value",),
    "QUANTITY": ("value",),
}
"""Normalised fields a span of each label carries in the gold format."""

SPAN_FIELDS: tuple[str, ...] = tuple(
    dict.fromkeys(name for fields in LABEL_FIELDS.values() for name in fields)
)
"""Every normalised span field, in the gold format's key order (``code`` ... ``value``)."""

CLAIM_SET_FIELDS: tuple[str, ...] = (
    "methods",
    "locations",
    "legal_refs",
    "targets",
    "dates",
    "quantities",
)
"""Claim fields that are sets (``source`` is a single value, scored as a set of one)."""


def legal_ref_key(instrument: str | None, article: str | None) -> str:
    """Return the claim-level key of a legal reference: ``instrument#article``.

    >>> legal_ref_key("Supervision Law", "52")
    'Supervision Law#52'
    >>> legal_ref_key("espionage law", None)
    'espionage law#'
    """
    return f"{instrument or ''}#{article or ''}"
