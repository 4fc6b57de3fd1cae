"""Codebook: the closed sets of labels, METHOD codes, categories and claim types.

This module is the codebook the package ships: labels, codes and categories with a short
definition of each (``claims codebook`` prints them). Everything else in the package
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

SPAN_LABEL_DEFINITIONS: dict[str, str] = {
    "METHOD": "a phrase that names a coercive act or practice used against people abroad, "
    "their relatives, or people on their return (one of the METHOD codes)",
    "LOCATION": "a geopolitical place (country, territory, province, city, region, named "
    "camp or district); normalised to the ISO 3166-1 alpha-2 code of its country, or null "
    "for regions that span countries",
    "LEGAL_REF": "a named or specific legal instrument or provision (law, article, treaty, "
    "convention, constitution, regulation, Interpol's rules); normalised to instrument, "
    "article and jurisdiction",
    "PERSON": "a named individual; normalised to the fullest form of the name in the document",
    "ORG": "a named organisation, agency, party, company, media outlet or NGO (acronyms "
    "too); normalised to its canonical full name",
    "DATE": "an absolute date or year, or a relative one the document anchors; normalised to "
    "ISO 8601 as precise as the text allows (2019, 2019-03, 2019-03-21, --03-21 when the "
    "year is never given)",
    "QUANTITY": "the number expression of a count of people, groups, places or events that "
    "a claim rests on; normalised to an integer (the lower bound of 'more than N'), or null "
    "for vague counts",
}
"""What each span label tags, in a sentence."""

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

METHOD_DEFINITIONS: dict[str, str] = {
    "FAMILY_PRESSURE": "relatives or friends in the home country are used to pressure or "
    "persuade the target",
    "RELATIVE_REPRISAL": "relatives are detained, questioned, held hostage, charged or "
    "punished in place of the target or to reach the target",
    "ASSET_FREEZE": "assets, accounts or property are frozen, seized or confiscated, or "
    "dealings with them banned",
    "EMPLOYMENT_REPRISAL": "the target or relatives lose their jobs",
    "CHILD_SEPARATION": "children are taken from their parents' care or withheld",
    "HARASSMENT": "harassment, stalking or intimidation that no narrower code covers, "
    "including pressure on landlords or employers abroad",
    "THREAT": "an explicit threat aimed at the target",
    "BLACKMAIL": "blackmail or extortion",
    "SURVEILLANCE": "watching, following, monitoring or tracking the target, spyware included",
    "DIGITAL_ATTACK": "hacking, phishing, doxxing, or online smear or threat campaigns",
    "PERSUASION_TO_RETURN": "persuading the target, through any messenger, to come back or "
    "surrender",
    "INDUCEMENT": "promises of leniency, money or other rewards for returning",
    "OVERSEAS_AGENTS": "state agents, police, working groups or covert police stations "
    "operating abroad against targets",
    "INFORMANT_COERCION": "people abroad or private detectives forced or hired to locate or "
    "inform on targets; bounties for information or capture",
    "LURING": "drawing the target to a place where they can be seized or pressured",
    "ABDUCTION": "seizing a person (kidnapping, rendition); variant 'direct' when the state "
    "or its proxies seize, 'indirect' when host authorities seize and hand over",
    "PHYSICAL_ATTACK": "assault, torture, beating, or attempted or actual killing",
    "EXTRADITION": "a formal extradition request or proceeding",
    "DEPORTATION": "deportation, refoulement or handover outside extradition; a state "
    "expelling or banishing its own nationals",
    "INTERPOL_ABUSE": "Interpol red notices or diffusions used against targets",
    "DETENTION": "arrest, custody or enforced disappearance of the target, abroad or on return",
    "PROSECUTION": "charges, warrants, wanted lists, trials, sentences and penalties against "
    "the target, in absentia too",
    "TRAVEL_RESTRICTION": "exit bans, refused or cancelled passports or papers, stripped "
    "citizenship",
    "FORCED_RETURN": "the coerced or covert return itself: involuntary return, forced "
    "repatriation, moving a seized person back",
}
"""What each METHOD code means, in a sentence."""

CATEGORY_DEFINITIONS: dict[str, str] = {
    "proxy": "pressure applied through relatives, property or livelihood",
    "intimidation": "harassment, threats, blackmail, surveillance and online attacks",
    "persuasion": "talking or rewarding the target into coming back",
    "agents": "people working abroad for the state, willingly or under pressure",
    "physical": "seizing or attacking the person",
    "legal": "legal and police processes: extradition, deportation, Interpol, arrest, trial",
    "mobility": "limits on the target's ability to travel or hold papers",
    "outcome": "the coerced return itself",
}
"""What each METHOD category groups, in a sentence (every code belongs to one)."""

ABDUCTION_VARIANTS: tuple[str, ...] = ("direct", "indirect")
"""Allowed ``variant`` values of an ABDUCTION span (``None`` is also allowed)."""

CLAIM_TYPES: tuple[str, ...] = ("incident", "statistic", "legal", "recommendation", "pattern")

ClaimType = Literal["incident", "statistic", "legal", "recommendation", "pattern"]

CLAIM_TYPE_DEFINITIONS: dict[str, str] = {
    "incident": "one specific event, identified by named targets or by its own time, place "
    "or definite group",
    "statistic": "an aggregate over many events, usually resting on a number",
    "legal": "what a legal instrument says, allows or requires",
    "recommendation": "a call for action",
    "pattern": "a general practice described without one occasion",
}
"""What each claim type means, in a sentence."""

CLAIM_DEFINITION = (
    "A claim is one sentence of the article (never a heading, page boilerplate or a "
    "reference) that asserts, reports or alleges at least one of: a METHOD used against "
    "people, a count of such acts, what a legal instrument says about them, an incident "
    "with an identified target, or a call for action about them."
)
"""When a sentence is a claim."""

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


def codebook_dict() -> dict[str, object]:
    """The whole codebook as plain data (what ``claims codebook --format json`` prints).

    >>> book = codebook_dict()
    >>> [m["category"] for m in book["methods"] if m["code"] == "THREAT"]
    ['intimidation']
    """
    return {
        "labels": [
            {"label": label, "fields": list(LABEL_FIELDS[label]), "definition": definition}
            for label, definition in SPAN_LABEL_DEFINITIONS.items()
        ],
        "methods": [
            {
                "code": code,
                "category": METHOD_CATEGORIES[code],
                "definition": METHOD_DEFINITIONS[code],
            }
            for code in METHOD_CODES
        ],
        "categories": [
            {
                "category": category,
                "codes": [c for c in METHOD_CODES if METHOD_CATEGORIES[c] == category],
                "definition": definition,
            }
            for category, definition in CATEGORY_DEFINITIONS.items()
        ],
        "claim": CLAIM_DEFINITION,
        "claim_types": [
            {"type": kind, "definition": definition}
            for kind, definition in CLAIM_TYPE_DEFINITIONS.items()
        ],
        "abduction_variants": list(ABDUCTION_VARIANTS),
    }
