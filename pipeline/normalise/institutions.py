"""National institutions take their country into their canonical name.

GUIDELINES: ministries and courts named as institutions are ORGs with their full official
names ("Supreme Court of Iran"). A report writes "Tajikistan's Supreme Court", "the Tajik
Supreme Court", and later just "the Supreme Court"; each state has one, so a name without
its country would merge the courts of every state in a corpus. An ORG whose canonical
name is a generic national institution (``NATIONAL_INSTITUTIONS``: "Supreme Court",
"Ministry of Foreign Affairs", ...) becomes "<institution> of <country>" when the country
is written with it:

- a possessor right before it ("Egypt's Interior Ministry");
- a demonym right before it or opening it ("the Saudi foreign ministry", "the Tajik
  Supreme Court");
- an earlier mention of the same institution with its country (written with it, or named
  in full as "Ministry of Foreign Affairs of Ruritania"), for a bare later one;
- for "the country's Supreme Court", the last country or demonym earlier in the same
  sentence ("members of the Tajik opposition asked the country's Supreme Court").

The country is named as the document names it where it names the country itself
("Tajikistan"), else by its common English name ("Laos"), with "the" where English puts one
(``COUNTRIES_WITH_THE``). A name that already ends in "of <place>" is left as it is, and
so is an institution whose country the sentence never gives ("the country's Supreme
Court" with no country before it in its sentence stays "Supreme Court": the rule does not
guess).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

_POSSESSOR = re.compile(r"(?:^|\s)(?P<owner>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2})['’´]s?\s*$")
_WORD_BEFORE = re.compile(r"(?:^|\s)(?P<word>[A-Z][\w-]*)\s*$")
LOOKBEHIND = 40
"""Characters read before an institution for its possessor or demonym."""


def institution_names(
    orgs: Sequence[tuple[int, str, str]],
    text: str,
    institutions: frozenset[str],
    code_of: Callable[[str], str | None],
    country_name: Callable[[str], str | None],
) -> dict[int, str]:
    """New names for ORG mentions ``(start, surface, name)``, keyed by start offset.

    ``code_of`` gives the ISO code of a country name or demonym (None otherwise);
    ``country_name`` the name to write for an ISO code.
    """
    canonical = {name.casefold(): name for name in institutions}
    known: dict[str, str] = {}
    """Institution -> the name with its country, from the first mention that gave one."""
    renamed: dict[int, str] = {}
    for start, surface, name in orgs:
        base, code = _institution(name, canonical, code_of)
        if base is not None:
            base = _ministry_named_by_its_field(base, canonical) or base
        if base is None:
            written, of, place = name.rpartition(" of ")
            field = _ministry_named_by_its_field(written, canonical) if of else None
            if field is not None and place[:1].isupper():
                # 'Foreign Ministry of Iran' (a demonym moved behind): the listed ministry
                renamed[start] = f"{field} of {place}"
                known.setdefault(field, renamed[start])
                continue
            if of and written.casefold() in canonical and place[:1].isupper():
                # 'Ministry of Foreign Affairs of Ruritania' named in full: later bare
                # mentions are that one
                known.setdefault(canonical[written.casefold()], name)
            continue
        if code is None:
            code = _country_before(text[max(0, start - LOOKBEHIND) : start], code_of)
        if code is None and _COUNTRYS.search(text[max(0, start - LOOKBEHIND) : start]):
            code = _country_earlier_in_sentence(text, start, code_of)
        if code is None and surface.split()[0] != name.split()[0]:
            code = code_of(surface.split()[0])  # 'Tajik Supreme Court' named as is
        if code is not None:
            country = country_name(code)
            if country is None:
                continue
            full = f"{base} of {country}"
            known.setdefault(base, full)
            renamed[start] = full
        elif base in known:
            renamed[start] = known[base]
    return renamed


def _institution(
    name: str, canonical: dict[str, str], code_of: Callable[[str], str | None]
) -> tuple[str | None, str | None]:
    """``(institution, code)`` when ``name`` is a national institution, possibly opened by a
    demonym ('Tajik Supreme Court' -> Supreme Court, TJ); ``(None, None)`` otherwise."""
    base = canonical.get(name.casefold())
    if base is not None:
        return base, None
    first, _, rest = name.partition(" ")
    base = canonical.get(rest.casefold()) or _ministry_named_by_its_field(rest, canonical)
    if base is not None:
        code = code_of(first)
        if code is not None:
            return base, code
    return None, None


_COUNTRYS = re.compile(r"\bthe (?:country|nation)['’]s\s*$", re.IGNORECASE)
"""'the country's Supreme Court': the country is one the sentence has named before."""

SENTENCE_LOOKBEHIND = 300


def _country_earlier_in_sentence(
    text: str, start: int, code_of: Callable[[str], str | None]
) -> str | None:
    """ISO code of the last country name or demonym earlier in the sentence ('members of
    the Tajik opposition movement have called on the country's Supreme Court')."""
    before = text[max(0, start - SENTENCE_LOOKBEHIND) : start]
    ends = [m.end() for m in re.finditer(r"[.!?][\"”’']?\s+(?=[A-Z“\"])", before)]
    sentence = before[ends[-1] :] if ends else before
    for word in reversed(re.findall(r"\b[A-Z][\w-]+", sentence)):
        code = code_of(word)
        if code is not None:
            return code
    return None


def _ministry_named_by_its_field(name: str, canonical: dict[str, str]) -> str | None:
    """'Foreign Ministry' -> 'Ministry of Foreign Affairs', 'Interior Ministry' -> 'Ministry
    of the Interior' (GUIDELINES: ministries take the form 'Ministry of ...'): the one
    listed ministry whose name holds the field word."""
    words = name.split()
    if len(words) != 2 or words[1].casefold() != "ministry":
        return None
    field = words[0].casefold()
    found = [
        full
        for key, full in canonical.items()
        if key.startswith("ministry of ") and field in key.split()
    ]
    return found[0] if len(found) == 1 else None


def _country_before(before: str, code_of: Callable[[str], str | None]) -> str | None:
    """ISO code of a country possessor ("Egypt's") or demonym ("Saudi") just before."""
    before = before.rstrip()
    if before.lower().endswith(("the", "the country's", "its")):
        return None
    match = _POSSESSOR.search(before)
    if match is not None:
        return code_of(match.group("owner"))
    match = _WORD_BEFORE.search(before)
    if match is not None:
        return code_of(match.group("word"))
    return None
