"""Quantities: integer values of count expressions ('more than 70', 'four', 'millions')."""

from __future__ import annotations

import functools
import re

# fmt: off
UNITS: dict[str, int] = {
    "zero": 0, "none": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
"""Number words below one hundred that combine additively."""


SCALES: dict[str, int] = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
"""Number words that close a group ("two hundred thousand")."""


QUANTITY_MODIFIERS: re.Pattern[str] = re.compile(
    r"^(?:more than|over|at least|upwards of|in excess of|nearly|almost|about|around|roughly|"
    r"approximately|some|up to|as many as|as few as|fewer than|less than|at most|close to|"
    r"just over|just under|well over|an estimated|estimated|only|just|at|a total of|totalling|"
    r"totaling|no fewer than|no less than|no more than|a further|another|~|c\.|ca\.)\s*",
    re.IGNORECASE,
)
"""Bounds and approximations in front of a count; the stated number is kept."""


# fmt: off


_NUMERIC = re.compile(
    r"^(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(?P<scale>thousand|million|billion|k|m|bn)\b)?",
    re.IGNORECASE,
)


_NOT_A_COUNT = re.compile(
    r"%|\bper ?cent\b|[$€£¥]|\b(?:usd|eur|yuan|rmb|dollars?|euros?|pounds)\b", re.IGNORECASE
)


_ORDINAL = re.compile(
    r"^(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)$",
    re.IGNORECASE,
)


def _words_value(words: list[str]) -> int | None:
    """Value of a sequence of number words ("two hundred and fifty"), ``None`` if not one."""
    total, current, seen = 0, 0, False
    for i, word in enumerate(words):
        if word == "and" and seen:
            continue
        if word in ("a", "an") and i == 0 and len(words) > 1:
            current, seen = 1, True
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word == "dozen":
            current = (current or 1) * 12
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0
        elif word in ("couple", "pair") and i == 1 and words[0] in ("a", "an"):
            current = 2
        elif word == "half" and i == 0 and len(words) > 2 and words[1] in ("a", "an"):
            return 6 if words[2:] == ["dozen"] else None
        else:
            return None
        seen = True
    return total + current if seen else None


@functools.lru_cache(maxsize=65_536)
def quantity_value(text: str, vague: frozenset[str]) -> int | None:
    """Cached core of :meth:`Normaliser.quantity` (text already cleaned)."""
    value = text.strip(' ,;:!?"()[].')
    if not value or _NOT_A_COUNT.search(value):
        return None
    previous = None
    while previous != value:
        previous = value
        value = QUANTITY_MODIFIERS.sub("", value, count=1).strip()
    lowered = value.lower()
    if _ORDINAL.match(lowered):
        return None
    if m := _NUMERIC.match(value):
        number = float(m.group("num").replace(",", ""))
        scale = (m.group("scale") or "").lower()
        factor = {
            "thousand": 1_000,
            "k": 1_000,
            "million": 1_000_000,
            "m": 1_000_000,
            "billion": 1_000_000_000,
            "bn": 1_000_000_000,
        }.get(scale, 1)
        rest = value[m.end() :].strip().lower()
        if rest.startswith("-") or re.match(r"^(?:s\b|'s\b|years? old)", rest):
            return None
        return round(number * factor)
    words = re.split(r"[\s-]+", lowered)
    if " ".join(words) in vague or words[0] in vague:
        return None
    for end in range(len(words), 0, -1):
        number = _words_value(words[:end])
        if number is not None:
            if end < len(words) and words[end] in ("of",) and words[end - 1] in SCALES:
                return None
            return number
    return None
