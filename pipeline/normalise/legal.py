"""Legal references: instrument, article and jurisdiction from a LEGAL_REF surface."""

from __future__ import annotations

import re

_PROVISION = (
    r"(?:Articles?|Arts?\.|Sections?|Secs?\.|§§?|Paragraphs?|Paras?\.|Clauses?|Rules?|Chapters?)"
)


_NUMBER = r"\d+[A-Za-z]?(?:\s?\(\w{1,4}\))*"


ARTICLE_OF = re.compile(
    rf"^{_PROVISION}\s*(?P<article>{_NUMBER})"
    rf"(?:\s*(?:,|and|or|to|through|-|–)\s*(?:{_PROVISION}\s*)?{_NUMBER})*"
    r"(?:\s*,)?(?:\s+(?:of|under|in)\s+(?P<rest>.+))?$",
    re.IGNORECASE,
)


USC = re.compile(
    r"^(?:Title\s+)?(?P<title>\d+)\s*,?\s*(?:U\.?\s?S\.?\s?C\.?|United States Code)"
    r"\s*(?:A\.?)?\s*,?\s*(?:§§?|Sections?|Secs?\.)?\s*(?P<article>\d+[A-Za-z]?(?:\(\w{1,4}\))*)?",
    re.IGNORECASE,
)


SECTION_OF_USC = re.compile(
    r"^(?:Section|Sec\.|§)\s*(?P<article>\d+[A-Za-z]?(?:\(\w{1,4}\))*)\s+of\s+Title\s+(?P<title>\d+)"
    r"(?:\s+of\s+the\s+U\.?S\.? Code|\s+of\s+the\s+United States Code)?",
    re.IGNORECASE,
)


BILATERAL = re.compile(r"\s+(?:between|with|among)\s+.+$", re.IGNORECASE)


POSSESSOR = re.compile(r"^(?P<owner>(?:(?!\bof\b)[^\s'’]+\s?){1,4}?)['’]s\s+(?P<rest>.+)$")


OF_PLACE = re.compile(r"^(?P<rest>.+?)\s+of\s+(?:the\s+)?(?P<place>[A-Z][\w.'’ -]+)$")


RED_NOTICE = re.compile(r"red[\s-]+notice", re.IGNORECASE)


DIFFUSION = re.compile(r"\bdiffusions?\b", re.IGNORECASE)


_PLURAL_LAWS = re.compile(
    r"^(?:(?:new|recent|draconian|sweeping|broad|vague|so-called)\s+)*"
    r"(?P<first>[\w’'-]+(?:\s+[\w’'-]+)?)\s+(?:and|or)\s+.+?\s+laws$|"
    r"^(?:(?:new|recent|draconian|sweeping|broad|vague|so-called)\s+)*(?P<only>.+?)\s+laws$",
    re.IGNORECASE,
)


_PLURAL_TREATY = re.compile(r"^(?P<kind>.*?\b(?:treat|agreement|accord|pact)\w*?)(?:ies|s)$", re.I)


def owner_name(owner: str) -> str:
    """An organisation owning an instrument, as its name is written: 'INTERPOL' in capitals
    is Interpol (a word, not initials: more than five letters); 'UN' and 'OSCE' stay."""
    return owner.capitalize() if owner.isupper() and len(owner) > 5 else owner


def singular_instrument(name: str) -> str:
    """Plural laws name the first one; plural treaties are one kind of treaty.

    "(new) espionage and terrorism laws" -> "espionage law" (the codebook's example key
    ``espionage law#``: "X and Y laws" names the first instrument); "extradition treaties"
    (with A or B) -> "extradition treaty"; other names unchanged."""
    treaty = _PLURAL_TREATY.match(name)
    if treaty:
        kind = treaty.group("kind")
        return kind + "y" if kind.lower().endswith("treat") else kind
    match = _PLURAL_LAWS.match(name)
    if not match:
        return name
    return f"{match.group('first') or match.group('only')} law"


def article_number(value: str | None) -> str | None:
    """An article number without spaces ("5 (1)" -> "5(1)")."""
    return value.replace(" ", "") if value else None


BARE_PROVISION = re.compile(rf"^{_PROVISION}\s*(?P<article>{_NUMBER})", re.IGNORECASE)
"""A provision named without its instrument ('Section 951', 'Article 3(1)')."""


def inherit_instruments(refs: list[dict], text: str) -> None:
    """Give bare provisions the instrument the document attaches to them (codebook, second
    set: "A bare provision takes the instrument that the document attaches to it anywhere,
    before or after").

    ``refs`` are the document's LEGAL_REF fields in text order (``start``, ``end``,
    ``instrument``, ``article``, ``jurisdiction``), changed in place. The instrument is, in
    this order: the one the same provision is attached to elsewhere ('Section 951 of the
    Code' earlier, 'Section 951' later); the instrument named right before it in an
    apposition ('Interpol's Constitution, Article 3'); the document's only instrument.
    """
    named = [r for r in refs if not BARE_PROVISION.match(r["instrument"] or "")]
    instruments = {(r["instrument"], r["jurisdiction"]) for r in named if r["instrument"]}
    by_article: dict[str, dict] = {}
    for r in named:
        if r["article"] and r["instrument"]:
            by_article.setdefault(r["article"], r)
    only = next((r for r in named if r["instrument"]), None) if len(instruments) == 1 else None
    previous: dict | None = None  # the last named reference before, refs being in order
    for ref in refs:
        bare = BARE_PROVISION.match(ref["instrument"] or "")
        if bare is None:
            previous = ref if ref["instrument"] else previous
            continue
        if ref["article"]:
            continue
        article = article_number(bare.group("article"))
        source = by_article.get(article) if article else None
        if source is None and previous is not None and previous["end"] <= ref["start"]:
            if text[previous["end"] : ref["start"]].strip() in (",", ""):
                source = previous
        if source is None:
            source = only
        if source is not None:
            ref["instrument"], ref["jurisdiction"] = source["instrument"], source["jurisdiction"]
        ref["article"] = article
