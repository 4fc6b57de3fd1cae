"""Shared string helpers of normalisation: quotes, determiners, possessives, folding."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "\u00a0": " "})


_LEADING_DETERMINER = re.compile(r"^(?:the|a|an)\s+(?=\S)", re.IGNORECASE)


_TRAILING_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$", re.IGNORECASE)


_STRAY_QUOTES = re.compile(r"^['‘’]+\s*|\s+['’]+$")


_EDGE_PUNCT = ' \t\n\r,;:!?"“”‘()[]{}'


def squash(text: str) -> str:
    """Collapse whitespace (no-break spaces included), keeping every other character."""
    return " ".join(text.replace("\u00a0", " ").split())


def clean(text: str) -> str:
    """Unify apostrophes, quotes and whitespace (for lookup keys and values, not names)."""
    return " ".join(text.translate(_APOSTROPHES).split())


def strip_determiner_possessive(text: str) -> str:
    """Return ``text`` without a leading "the"/"a"/"an" and a trailing "'s" / "’s" / "s'".

    Whitespace is collapsed and surrounding punctuation other than a final period (part
    of "U.S.") is dropped; apostrophes and other characters are kept as written, so a
    name keeps the document's spelling.

    >>> strip_determiner_possessive("the Netherlands")
    'Netherlands'
    >>> strip_determiner_possessive("China’s")
    'China'
    >>> strip_determiner_possessive("Safeguard Defenders’")
    'Safeguard Defenders'
    """
    value = squash(text).strip(_EDGE_PUNCT)
    value = _STRAY_QUOTES.sub("", value).strip(_EDGE_PUNCT)
    value = _LEADING_DETERMINER.sub("", value)
    value = _TRAILING_POSSESSIVE.sub("", value).strip(_EDGE_PUNCT)
    return value


def fold_text(text: str) -> str:
    """Case- and accent-insensitive lookup key ("İstanbul" -> "istanbul")."""
    if text.isascii():  # nothing to decompose: most names, and every gazetteer load
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def deaccent(text: str) -> str:
    """Accent-insensitive but case-preserving key ("São Paulo" -> "Sao Paulo")."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


WORD = re.compile(r"[\w&][\w&'’.-]*")


def word_tokens(text: str, *, fold: bool = True) -> tuple[str, ...]:
    """Word tokens of a name, case-folded unless ``fold`` is false."""
    return tuple(t.casefold() if fold else t for t in WORD.findall(text))


def contains_run(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    """Whether the token tuple ``inner`` occurs as a contiguous run in ``outer``."""
    n = len(inner)
    return n > 0 and any(outer[i : i + n] == inner for i in range(len(outer) - n + 1))
