"""Names: fullest forms of people, canonical names of organisations, acronym definitions."""

from __future__ import annotations

import functools
import re

from tnr_claims.normalise.strings import (
    WORD,
    contains_run,
    strip_determiner_possessive,
    word_tokens,
)

# fmt: off


# fmt: off


_ACRONYM_AFTER = re.compile(r"\(\s*(?:the\s+)?[\"'“‘]?(?P<acr>[A-Z][A-Za-z&.]{1,11})[\"'”’]?\s*\)")


_ACRONYM_BEFORE = re.compile(
    r"\b(?P<acr>[A-Z][A-Za-z&.]{1,11})\s*\(\s*(?:the\s+)?(?P<long>[A-Z][^()]{3,120}?)\s*\)"
)


def fullest_name(
    value: str,
    candidates: list[str],
    candidate_tokens: list[tuple[str, ...]],
    *,
    fold: bool = True,
) -> str:
    """The longest candidate containing ``value`` as a token sequence (first on ties), or
    framing it: a two-word name is also held by a longer name with the same first and last
    words ('Omar Haddad' in 'Omar bin Salim Haddad', middle names between)."""
    tokens = word_tokens(value, fold=fold)
    best, best_len = value, len(tokens)
    for candidate, cand_tokens in zip(candidates, candidate_tokens, strict=True):
        if len(cand_tokens) > best_len and (
            contains_run(cand_tokens, tokens) or _frames(cand_tokens, tokens)
        ):
            best, best_len = candidate, len(cand_tokens)
    return best


MAX_MIDDLE_NAMES = 3


def _frames(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    """'Omar Haddad' in 'Omar bin Salim Haddad': the same first and last words with
    up to ``MAX_MIDDLE_NAMES`` words between."""
    return (
        len(inner) == 2
        and 2 < len(outer) <= 2 + MAX_MIDDLE_NAMES
        and outer[0] == inner[0]
        and outer[-1] == inner[-1]
    )


def _initial_options(word: str) -> list[str]:
    """Letters a word may contribute to an acronym ("Anti-Corruption": "A" or "AC")."""
    parts = [p for p in re.split(r"[-/]", word) if p]
    options = {word[:1].upper()}
    if len(parts) > 1:
        options.add("".join(p[:1].upper() for p in parts))
    return sorted(options, key=len, reverse=True)


def initials_match(letters: str, words: list[str], function_words: frozenset[str]) -> bool:
    """True when ``words`` spell ``letters`` by initials (function words optional)."""

    @functools.cache
    def walk(i: int, j: int) -> bool:
        if j == len(words):
            return i == len(letters)
        word = words[j]
        optional = word.casefold() in function_words
        if optional and walk(i, j + 1):
            return True
        for option in _initial_options(word):
            if letters.startswith(option, i) and walk(i + len(option), j + 1):
                return True
        return False

    return bool(letters) and bool(words) and walk(0, 0)


def _acronym_letters(acronym: str) -> str:
    letters = "".join(c for c in acronym if c.isupper())
    return letters if len(letters) >= 2 else ""


def acronym_definitions(text: str, function_words: frozenset[str]) -> dict[str, str]:
    """Acronyms the text defines, mapped to their long forms (first definition wins)."""
    found: dict[str, str] = {}
    for m in _ACRONYM_AFTER.finditer(text):
        acronym = m.group("acr").rstrip(".")
        letters = _acronym_letters(acronym)
        if not letters or acronym in found:
            continue
        before = WORD.findall(text[max(0, m.start() - 200) : m.start()])
        for size in range(1, min(len(before), len(letters) * 2 + 2) + 1):
            words = before[-size:]
            if words[0].casefold() in function_words or not words[0][:1].isupper():
                continue
            if initials_match(letters, words, function_words):
                found[acronym] = strip_determiner_possessive(" ".join(words))
                break
    for m in _ACRONYM_BEFORE.finditer(text):
        acronym = m.group("acr").rstrip(".")
        letters = _acronym_letters(acronym)
        long_form = strip_determiner_possessive(m.group("long"))
        if not letters or acronym in found:
            continue
        if initials_match(letters, long_form.split(), function_words):
            found[acronym] = long_form
    return found


def out_of_capitals(name: str) -> str:
    """A name written in capitals, as a caption or a label has it ('ANA MARÍA RUIZ-VELL'),
    in the case a reader writes it ('Ana María Ruiz-Vell'); any other name as it is."""
    if not name.isupper() or len(name.replace(" ", "")) < 4:
        return name
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), name)
