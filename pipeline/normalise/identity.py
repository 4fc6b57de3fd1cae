"""Person identity: one name under several spellings and transliterations, within a report
(:func:`one_spelling`) and across reports (case linking).

Names are compared on normalised tokens (ASCII by ``anyascii``, lower case, hyphens and
apostrophes as spaces, titles and the particles ``al``/``el``/``bin``/``ibn`` dropped). Two
full names are one person when their surnames agree closely (``rapidfuzz`` ratio, so
"Pratasevich" and "Protasevich", "al-Jabri" and "Aljabri" agree) and so do their given
names ("Raman" and "Roman"); middle names are ignored. A shared surname alone never
makes two people one: "Anna Vell" and "Tomas Vell" stay two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

SURNAME_MIN_RATIO = 85.0
"""Least ``rapidfuzz.fuzz.ratio`` between two surnames of one person."""

GIVEN_MIN_RATIO = 75.0
"""Least ratio between two given names of one person ("Raman"/"Roman" is 80)."""

TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "sheikh", "colonel", "col", "gen", "general"}
)
"""Words before a name that are not part of it."""

PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "ben", "de", "van", "von", "da", "di"})
"""Particles inside a name that spellings keep or drop ("al-Jabri", "Aljabri", "Jabri")."""


@dataclass(frozen=True)
class PersonName:
    """A name as tokens: given name (may be empty), surname, and the spelling it came from."""

    given: str
    surname: str
    original: str

    @property
    def full(self) -> bool:
        """Whether the name has both a given name and a surname."""
        return bool(self.given and self.surname)


@lru_cache(maxsize=65536)
def parse_name(name: str) -> PersonName | None:
    """The normalised tokens of ``name`` (``None`` when nothing is left)."""
    from anyascii import anyascii

    text = anyascii(name).lower()
    text = re.sub(r"[-'’`.]", " ", text)
    tokens = [t for t in re.findall(r"[a-z]+", text) if t not in TITLES]
    if tokens and tokens[-1] in ("jr", "sr"):
        tokens.pop()
    if not tokens:
        return None
    surname = _strip_particle(tokens[-1])
    kept = [t for t in tokens[:-1] if t not in PARTICLES]
    if len(tokens) >= 2 and tokens[-2] in ("al", "el"):
        surname = tokens[-1]
    given = kept[0] if kept else ""
    return PersonName(given=given, surname=surname, original=name)


def _strip_particle(token: str) -> str:
    """``aljabri`` -> ``jabri``: a glued ``al``/``el`` before a long surname."""
    if len(token) > 6 and token[:2] in ("al", "el") and token[2] not in "aeiou":
        return token[2:]
    return token


def surnames_agree(a: str, b: str) -> bool:
    """Whether two normalised surnames are spellings of one surname."""
    from rapidfuzz.fuzz import ratio

    return a == b or ratio(a, b) >= SURNAME_MIN_RATIO


def same_person(a: PersonName, b: PersonName) -> bool:
    """Whether two full names name one person (both parts must agree)."""
    from rapidfuzz.fuzz import ratio

    if not (a.full and b.full) or not surnames_agree(a.surname, b.surname):
        return False
    return a.given == b.given or ratio(a.given, b.given) >= GIVEN_MIN_RATIO


def block_key(name: PersonName) -> str:
    """A cheap key most spellings of one person share: first letters of surname and given name."""
    return name.surname[:1] + name.given[:1]


MAX_SPELLING_NAMES = 500
"""Most distinct full names in one document that :func:`one_spelling` compares."""


def one_spelling(names: list[str], text: str = "") -> dict[str, str]:
    """Spelling variants of one person's full name in one document -> the spelling used.

    ``names`` are the resolved names of a document's PERSON mentions, in order. Full names
    that are one person (:func:`same_person`: "Raman Pratasevich" and "Roman Protasevich")
    take the spelling the document uses most often, the first one on ties. Two names that
    ``text`` sets in one sentence are two people ("Karel Vondra, 28, and Karol Vondra,
    22"), however alike. Returns only the names that change.
    """
    together = _named_together(text)
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    full = [(n, parsed) for n in counts if (parsed := parse_name(n)) is not None and parsed.full]
    if len(full) > MAX_SPELLING_NAMES:
        return {}  # a name-dense text: comparing every pair would cost more than it gives
    groups: list[list[str]] = []
    by_block: dict[str, list[list[str]]] = {}
    for name, parsed in full:
        for group in by_block.get(block_key(parsed), []):
            if any(frozenset((name, other)) in together for other in group):
                continue
            if same_person(parsed, parse_name(group[0])):  # type: ignore[arg-type]
                group.append(name)
                break
        else:
            groups.append([name])
            by_block.setdefault(block_key(parsed), []).append(groups[-1])
    changed: dict[str, str] = {}
    chosen_names: list[str] = []
    for group in groups:
        chosen = max(group, key=lambda n: counts[n])  # first of the most used
        changed.update({n: chosen for n in group if n != chosen})
        chosen_names.append(chosen)
    changed.update(_misspelt_single_words(list(counts), chosen_names))
    return changed


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def _named_together(text: str) -> set[frozenset[str]]:
    """Pairs of capitalised word pairs ('Karel Vondra') that stand in one sentence."""
    pairs: set[frozenset[str]] = set()
    for sentence in _SENTENCE_END.split(text):
        found = set(_FULL_NAME.findall(sentence))
        if len(found) > 1:
            pairs.update(frozenset((a, b)) for a in found for b in found if a != b)
    return pairs


_FULL_NAME = re.compile(r"\b[A-Z][\w'-]+(?: [A-Z][\w'-]+)+")


MIN_MISSPELT_LENGTH = 7
"""Shortest one-word name read as a misspelling of a word of a full name: shorter names
differ by one letter too often ('Amin', 'Amir')."""


def _misspelt_single_words(names: list[str], full_names: list[str]) -> dict[str, str]:
    """'Mirzokhidd' in a document that names 'Mirzokhid Tashbekov': a one-word name of
    seven or more letters that is one spelling of one word of exactly one full name (and of
    no other) is that person."""
    from rapidfuzz.fuzz import ratio

    parsed = [(full, parse_name(full)) for full in full_names]
    found: dict[str, str] = {}
    for name in names:
        single = parse_name(name)
        if single is None or single.full or len(single.surname) < MIN_MISSPELT_LENGTH:
            continue
        word = single.surname
        owners = {
            full
            for full, p in parsed
            if p is not None
            and word not in (p.given, p.surname)
            and any(ratio(word, part) >= SURNAME_MIN_RATIO for part in (p.given, p.surname))
        }
        exact = any(p is not None and word in (p.given, p.surname) for _, p in parsed)
        if len(owners) == 1 and not exact:
            found[name] = owners.pop()
    return found


def shared_family_names(people: list[tuple[int, int, str]], text: str) -> dict[str, str]:
    """Given names joined to a full name that share its family name: 'Sergei and Yulia
    Vell' -> {'Sergei': 'Sergei Vell'}.

    ``people`` are the document's PERSON mentions as ``(start, end, name)`` in text order.
    A one-word name directly followed by 'and' and a name of two or more words takes that
    name's last word, unless the one word is itself the last word of a full name in the
    document ('Putin and Xi Jinping': Putin is a family name).
    """
    family = {name.rsplit(" ", 1)[-1] for _, _, name in people if " " in name}
    found: dict[str, str] = {}
    for (_, end, first), (start, _, second) in zip(people, people[1:], strict=False):
        if " " in first or " " not in second or first in family:
            continue
        if text[end:start].strip().lower() == "and":
            found.setdefault(first, f"{first} {second.rsplit(' ', 1)[-1]}")
    return found
