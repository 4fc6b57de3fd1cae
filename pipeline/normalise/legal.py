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
    r"^(?:Title\s+)?(?P<title>\d+)\s*,?\s*(?:U\.?\s?S\.?\s?C\.?|United States Code)\s*(?:A\.?)?\s*"
    r"(?:§§?|Sections?|Secs?\.)?\s*(?P<article>\d+[A-Za-z]?(?:\(\w{1,4}\))*)?",
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


def singular_instrument(name: str) -> str:
    """Plural laws name the first one.

    "(new) espionage and terrorism laws" -> "espionage law" (the codebook's example key
    ``espionage law#``: "X and Y laws" names the first instrument); other names unchanged."""
    match = _PLURAL_LAWS.match(name)
    if not match:
        return name
    return f"{match.group('first') or match.group('only')} law"


def article_number(value: str | None) -> str | None:
    """An article number without spaces ("5 (1)" -> "5(1)")."""
    return value.replace(" ", "") if value else None
