"""Tests of :mod:`tnr_claims.normalise`: tables of surfaces and their normalised fields.

Every expected value comes from geography (ISO 3166-1 codes), the calendar or
arithmetic, or from a decision written in the module docstring; none is program output.
The normaliser is built once per session (its gazetteer is shared by every instance).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from tnr_claims.normalise import Normaliser, default_location_rules, strip_determiner_possessive
from tnr_claims.rules.schemas import SpanRule

LOCATIONS_FILE = Path(__file__).resolve().parents[2] / "patterns" / "locations.jsonl"

THURSDAY = dt.date(2022, 1, 20)
"""Anchor used by the relative-date cases: Thursday 20 January 2022."""


@pytest.fixture(scope="module")
def norm() -> Normaliser:
    """A normaliser with the LOCATION rules of ``patterns/locations.jsonl``."""
    return Normaliser(default_location_rules())


# --------------------------------------------------------------------------- helpers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Netherlands", "Netherlands"),
        ("The Netherlands", "Netherlands"),
        ("Xi's", "Xi"),
        ("China’s", "China"),
        ("Safeguard Defenders’", "Safeguard Defenders"),
        ("  the   Chinese  Communist Party ", "Chinese Communist Party"),
        ("U.S.", "U.S."),
        ("an Interpol red notice", "Interpol red notice"),
        ("Paris", "Paris"),
        ("Paul Mugenzi '", "Paul Mugenzi"),
        ("'Hotel Kivu", "Hotel Kivu"),
    ],
)
def test_strip_determiner_possessive(text: str, expected: str) -> None:
    assert strip_determiner_possessive(text) == expected


# --------------------------------------------------------------------------- LOCATION

LOCATION_CASES = [
    ("UAE", "AE"),
    ("U.A.E.", "AE"),
    ("United Arab Emirates", "AE"),
    ("the Emirates", "AE"),
    ("the US", "US"),
    ("U.S.", "US"),
    ("USA", "US"),
    ("America", "US"),
    ("United States", "US"),
    ("Britain", "GB"),
    ("UK", "GB"),
    ("England", "GB"),
    ("Scotland", "GB"),
    ("Wales", "GB"),
    ("the mainland", "CN"),
    ("mainland China", "CN"),
    ("China", "CN"),
    ("China’s", "CN"),
    ("PRC", "CN"),
    ("Hong Kong", "HK"),
    ("Macau", "MO"),
    ("Macao", "MO"),
    ("Taiwan", "TW"),
    ("Kosovo", "XK"),
    ("Russia", "RU"),
    ("South Korea", "KR"),
    ("North Korea", "KP"),
    ("Iran", "IR"),
    ("Syria", "SY"),
    ("Vietnam", "VN"),
    ("Viet Nam", "VN"),
    ("Laos", "LA"),
    ("Burma", "MM"),
    ("Myanmar", "MM"),
    ("Czech Republic", "CZ"),
    ("Ivory Coast", "CI"),
    ("Turkey", "TR"),
    ("Türkiye", "TR"),
    ("the Netherlands", "NL"),
    ("Holland", "NL"),
    ("Xinjiang", "CN"),
    ("Tibet", "CN"),
    ("Beijing", "CN"),
    ("Thailand", "TH"),
    ("Thailand's", "TH"),
    ("Cambodia", "KH"),
    ("Australia", "AU"),
    ("Germany", "DE"),
    ("Egypt", "EG"),
    ("Rwanda", "RW"),
    ("Georgia", "GE"),
    ("CHINA", "CN"),
    ("California", "US"),
    ("Ontario", "CA"),
    ("Bavaria", "DE"),
    ("Guangdong", "CN"),
    ("Sichuan", "CN"),
    ("Melbourne", "AU"),
    ("Bangkok", "TH"),
    ("Berlin", "DE"),
    ("Dubai", "AE"),
    ("Kigali", "RW"),
    ("Cairo", "EG"),
    ("Istanbul", "TR"),
    ("Phnom Penh", "KH"),
    ("Toronto", "CA"),
    ("Lyon, France", "FR"),
    # regions spanning countries: null code
    ("Southeast Asia", None),
    ("South-East Asia", None),
    ("Central Asia", None),
    ("the West", None),
    ("Europe", None),
    ("Africa", None),
    ("the Middle East", None),
    ("the Gulf", None),
    ("Asia", None),
    ("Latin America", None),
    ("Blackmail", None),
]


@pytest.mark.parametrize(("text", "expected"), LOCATION_CASES)
def test_location(norm: Normaliser, text: str, expected: str | None) -> None:
    assert norm.location(text) == expected


def test_every_alias_resolves_to_its_rule_code(norm: Normaliser) -> None:
    for rule in default_location_rules():
        for phrase in rule.phrases:
            assert norm.location(phrase) == rule.code, f"{rule.id}: {phrase!r}"


def test_alias_codes_are_iso_countries() -> None:
    import pycountry

    iso = {country.alpha_2 for country in pycountry.countries} | {"XK"}
    for rule in default_location_rules():
        assert rule.code is None or rule.code in iso, rule.id


def test_location_rule_code_wins(norm: Normaliser) -> None:
    assert norm.location("Georgia", rule_code="US") == "US"


def test_location_without_rules_loads_the_default_file() -> None:
    assert Normaliser().location("the mainland") == "CN"


def test_location_with_explicit_rules_only_uses_those_aliases() -> None:
    rule = SpanRule(
        id="LOCATION.test_alias",
        label="LOCATION",
        pattern=["Zubrowka"],
        code="AT",
        case_sensitive=True,
    )
    assert Normaliser([rule]).location("Zubrowka") == "AT"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("China", True),
        ("Hong Kong", True),
        ("the mainland", True),
        ("Southeast Asia", True),
        ("Berlin", True),
        ("Kigali", True),
        ("California", True),
        ("USA", True),
        ("CHINA", True),
        ("Blackmail", False),
        ("c.", False),
        ("china", False),
        ("berlin", False),
        ("Police", False),
        ("Of", False),
        ("Interpol", False),
        ("Reuters", False),
        ("", False),
    ],
)
def test_is_known_place(norm: Normaliser, text: str, expected: bool) -> None:
    assert norm.is_known_place(text) is expected


def test_is_known_place_population_threshold(norm: Normaliser) -> None:
    assert norm.is_known_place("Kigali", min_city_population=100_000)
    assert not norm.is_known_place("Kigali", min_city_population=100_000_000)


# --------------------------------------------------------------------------- locations.jsonl


def test_locations_file_loads_with_unique_ids() -> None:
    rules = default_location_rules()
    assert rules, "no LOCATION rules"
    lines = [
        line for line in LOCATIONS_FILE.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    assert len(rules) == len(lines)
    ids = [json.loads(line)["id"] for line in lines]
    assert len(ids) == len(set(ids))
    assert all(rule_id.startswith("LOCATION.") for rule_id in ids)


def test_short_acronym_rules_are_case_sensitive() -> None:
    for rule in default_location_rules():
        for phrase in rule.phrases:
            if len(phrase.replace(".", "")) <= 4 and phrase.isupper():
                assert rule.case_sensitive, f"{rule.id}: {phrase!r} must be case-sensitive"


@pytest.fixture(scope="module")
def blank_nlp() -> Language:
    """A blank English pipeline: the rules are tested without the statistical model."""
    return spacy.blank("en")


@pytest.mark.parametrize("rule", default_location_rules(), ids=lambda r: r.id)
def test_location_rule_examples(blank_nlp: Language, rule: SpanRule) -> None:
    from tnr_claims.rules.examples import example_failures

    assert [str(f) for f in example_failures(rule, blank_nlp)] == []


@pytest.mark.parametrize(
    ("text", "rule_id", "should_match"),
    [
        ("He fled back to the mainland for safety.", "LOCATION.the_mainland", True),
        ("Ferries to mainland Europe were cancelled.", "LOCATION.the_mainland", False),
        ("Let us know what you think.", "LOCATION.us", False),
        ("He was deported to the U.S. in 2019.", "LOCATION.us", True),
        ("The roast turkey was cold.", "LOCATION.turkey", False),
        ("Dissidents in the West fear reprisals.", "LOCATION.region_the_west", True),
    ],
)
def test_location_rules_in_sentences(
    blank_nlp: Language, text: str, rule_id: str, should_match: bool
) -> None:
    rule = next(r for r in default_location_rules() if r.id == rule_id)
    from tnr_claims.rules.examples import rule_matches

    assert rule_matches(rule, text, blank_nlp) is should_match


# --------------------------------------------------------------------------- LEGAL_REF

LEGAL_CASES = [
    ("Article 52 of China’s Supervision Law", ("Supervision Law", "52", "CN")),
    # codebook example key "espionage law#": "X and Y laws" names the first instrument
    ("China’s new espionage and terrorism laws", ("espionage law", None, "CN")),
    ("counter-terrorism laws", ("counter-terrorism law", None, None)),
    ("Article 37 and 38 of the national security law", ("national security law", "37", None)),
    ("Articles 37, 38 and 39 of the Criminal Law", ("Criminal Law", "37", None)),
    ("18 U.S.C. § 951", ("18 U.S.C.", "951", "US")),
    ("Section 951 of Title 18", ("18 U.S.C.", "951", "US")),
    ("Section 951", ("Section 951", None, None)),
    ("the Extradition Act 2003", ("Extradition Act 2003", None, None)),
    ("Article 3 of the UN Convention against Torture", ("Convention against Torture", "3", None)),
    ("the extradition treaty between China and France", ("extradition treaty", None, None)),
    ("Interpol's Red Notice", ("Interpol Red Notice", None, None)),
    ("an Interpol red notice", ("Interpol Red Notice", None, None)),
    ("Article 239 of the Criminal Law", ("Criminal Law", "239", None)),
    ("China's National Security Law", ("National Security Law", None, "CN")),
    ("Hong Kong's national security law", ("national security law", None, "HK")),
    ("Hong Kong’s national security law", ("national security law", None, "HK")),
    ("the Chinese Criminal Law", ("Criminal Law", None, "CN")),
    ("PRC Criminal Law", ("Criminal Law", None, "CN")),
    ("the U.S. Foreign Agents Registration Act", ("Foreign Agents Registration Act", None, "US")),
    ("Vietnam’s Penal Code", ("Penal Code", None, "VN")),
    # an organisation's own one-word instrument keeps the organisation's name
    ("Article 3 of Vell Union's Constitution", ("Vell Union Constitution", "3", None)),
    ("Article 3 of INTERPOL's Constitution", ("Interpol Constitution", "3", None)),
    ("Article 3 of the Interpol Constitution", ("Interpol Constitution", "3", None)),
    ("the UN Charter", ("UN Charter", None, None)),
    # demonyms of states beyond the first lists' (West Africa, the Andes)
    ("the Ivorian Penal Code", ("Penal Code", None, "CI")),
    ("the Burkinabè Penal Code", ("Penal Code", None, "BF")),
    ("the Ecuadorian Criminal Code", ("Criminal Code", None, "EC")),
    (
        "Counter-Espionage Law of the People's Republic of China",
        ("Counter-Espionage Law", None, "CN"),
    ),
    (
        "Article 5(1) of the European Convention on Human Rights",
        ("European Convention on Human Rights", "5(1)", None),
    ),
]


@pytest.mark.parametrize(("text", "expected"), LEGAL_CASES)
def test_legal_ref(
    norm: Normaliser, text: str, expected: tuple[str, str | None, str | None]
) -> None:
    assert norm.legal_ref(text) == expected


@pytest.mark.parametrize(
    ("text", "kwargs", "expected"),
    [
        ("Article 52", {"instrument": "Supervision Law"}, ("Supervision Law", "52", None)),
        ("the Extradition Act 2003", {"jurisdiction": "GB"}, ("Extradition Act 2003", None, "GB")),
        (
            "China's National Security Law",
            {"jurisdiction": "HK"},
            ("National Security Law", None, "CN"),
        ),
        (
            "the espionage law",
            {"instrument": "Counter-Espionage Law"},
            ("Counter-Espionage Law", None, None),
        ),
        # the owner's instrument, that article
        (
            "Interpol's Article 3",
            {"instrument": "Interpol Constitution"},
            ("Interpol Constitution", "3", None),
        ),
    ],
)
def test_legal_ref_arguments(
    norm: Normaliser,
    text: str,
    kwargs: dict[str, str],
    expected: tuple[str, str | None, str | None],
) -> None:
    assert norm.legal_ref(text, **kwargs) == expected


# --------------------------------------------------------------------------- DATE

DATE_CASES = [
    ("2012", "2012"),
    ("in 2015", "2015"),
    ("June 2002", "2002-06"),
    ("January 18, 2022", "2022-01-18"),
    ("18 January 2022", "2022-01-18"),
    ("Jan. 18, 2022", "2022-01-18"),
    ("Tuesday, January 18, 2022", "2022-01-18"),
    ("the 18th of January, 2022", "2022-01-18"),
    ("2022-01-18", "2022-01-18"),
    ("18/01/2022", "2022-01-18"),
    ("03/04/2022", None),
    ("February 30, 2022", None),
    ("February 29, 2020", "2020-02-29"),
    ("Dec. 14", "--12-14"),
    ("Sept. 3", "--09-03"),
    ("December", "--12"),
    ("May", "--05"),
    ("early 2019", "2019"),
    ("mid-2019", "2019"),
    ("summer 2019", "2019"),
    ("the end of June 2002", "2002-06"),
    ("2014-2017", "2014/2017"),
    ("2022/01/18", "2022-01-18"),
    ("July last year", "--07"),  # codebook: --MM when the document never gives the year
    ("the 1990s", None),
    ("in recent years", None),
    ("last month", None),
    ("today", None),
    ("on Tuesday", None),
    ("monthly", None),
    ("decades", None),
    ("for years", None),
    ("a day", None),
    ("may", None),
]


@pytest.mark.parametrize(("text", "expected"), DATE_CASES)
def test_date_without_anchor(norm: Normaliser, text: str, expected: str | None) -> None:
    assert norm.date(text) == expected


ANCHORED_CASES = [
    ("today", "2022-01-20"),
    ("yesterday", "2022-01-19"),
    ("last year", "2021"),
    ("this year", "2022"),
    ("late last year", "2021"),
    ("last month", "2021-12"),
    ("earlier this month", "2022-01"),
    ("on Tuesday", "2022-01-18"),
    ("Thursday", "2022-01-20"),
    ("last Thursday", "2022-01-13"),
    ("on Friday", "2022-01-14"),
    ("three years ago", "2019"),
    ("Wednesday night", "2022-01-19"),
    ("July last year", "2021-07"),
    ("the 18th", None),
    ("two days ago", "2022-01-18"),
    ("last week", "2022-W02"),  # 2022-01-20 is in ISO week 3; the week before is week 2
    ("in recent years", None),
    ("Dec. 14", "--12-14"),
    ("2012", "2012"),
    ("this summer", "2022"),
    ("last winter", "2021"),
    ("summer 2017", "2017"),
]


@pytest.mark.parametrize(("text", "expected"), ANCHORED_CASES)
def test_date_with_anchor(norm: Normaliser, text: str, expected: str | None) -> None:
    assert norm.date(text, anchor=THURSDAY) == expected


@pytest.mark.parametrize(
    ("text", "meta", "expected"),
    [
        ("BERLIN (Reuters) - A court ruled.", {}, None),
        ("July 7, 2017 — A court ruled.", {}, dt.date(2017, 7, 7)),
        ("BERLIN, July 7, 2017 (Reuters) - A court ruled.", {}, dt.date(2017, 7, 7)),
        ("A headline\nPublished: 12 May 2021\nThe body.", {}, dt.date(2021, 5, 12)),
        ("A headline\nOn July 7, 2017, police arrested him.", {}, None),
        ("July 7, 2017 — text", {"published": "2021-05-12"}, dt.date(2021, 5, 12)),
        ("text", {"published": "2021-05-12T10:00:00Z"}, dt.date(2021, 5, 12)),
        ("text", {"published": dt.date(2020, 2, 3)}, dt.date(2020, 2, 3)),
        ("text", {}, None),
        # an issue line dating a newsletter or a report by month: that month's last day
        (
            "Rights Bulletin, No. 4 – March 2023\n\nOn 9 March police came.",
            {},
            dt.date(2023, 3, 31),
        ),
        ("Annual Report\nFebruary 2024\nThe text.", {}, dt.date(2024, 2, 29)),
        # counterexamples: a headline's month, and an issue month below the header
        ("Exiles watched since March 2023\n\nThe text.", {}, None),
        ("A\nB\nC\nD\nBulletin – March 2023\nText.", {}, None),
    ],
)
def test_anchor_date(norm: Normaliser, text: str, meta: dict, expected: dt.date | None) -> None:
    assert norm.anchor_date(text, meta) == expected


# --------------------------------------------------------------------------- QUANTITY

QUANTITY_CASES = [
    ("229", 229),
    ("1,000", 1000),
    ("10,000", 10000),
    ("more than 70", 70),
    ("over 70", 70),
    ("at least 70", 70),
    ("nearly 100", 100),
    ("almost 100", 100),
    ("about 100", 100),
    ("around 100", 100),
    ("some 200", 200),
    ("four", 4),
    ("Four", 4),
    ("twenty-two", 22),
    ("two hundred and fifty", 250),
    ("a dozen", 12),
    ("half a dozen", 6),
    ("three dozen", 36),
    ("1.5 million", 1_500_000),
    ("two million", 2_000_000),
    ("a million", 1_000_000),
    ("dozens", None),
    ("hundreds", None),
    ("millions", None),
    ("tens of thousands", None),
    ("several", None),
    ("many", None),
    ("a few", None),
    ("30%", None),
    ("20 percent", None),
    ("$5 million", None),
    ("first", None),
    ("1990s", None),
]


@pytest.mark.parametrize(("text", "expected"), QUANTITY_CASES)
def test_quantity(norm: Normaliser, text: str, expected: int | None) -> None:
    assert norm.quantity(text) == expected


# --------------------------------------------------------------------------- PERSON / ORG

NAME_CASES = [
    (
        "short PERSON forms map to the fullest form",
        [("PERSON", "Xu Lan"), ("PERSON", "Xu"), ("PERSON", "Xu’s")],
        "Xu Lan, a businessman, fled. Xu said nothing.",
        ["Xu Lan", "Xu Lan", "Xu Lan"],
    ),
    (
        "honorifics are stripped before matching",
        [("PERSON", "Mr Minh"), ("PERSON", "Tran Van Minh"), ("PERSON", "Mr. Tran")],
        "Mr Minh was seized in Berlin. Tran Van Minh had asked for asylum.",
        ["Tran Van Minh", "Tran Van Minh", "Tran Van Minh"],
    ),
    (
        "letters after a name are no part of it; a two-word name keeps its second word",
        [("PERSON", "Ana Ruiz KC"), ("PERSON", "Ruiz"), ("PERSON", "Li Mp")],
        "Ana Ruiz KC spoke for the defence. Ruiz said the charges were political. Li Mp left.",
        ["Ana Ruiz", "Ana Ruiz", "Li Mp"],
    ),
    (
        "titles too, and a name alone stays as written",
        [("PERSON", "President Xi"), ("PERSON", "Xi Jinping"), ("PERSON", "Paul Mugenzi")],
        "President Xi met Xi Jinping's aides. Paul Mugenzi was flown to Kigali.",
        ["Xi Jinping", "Xi Jinping", "Paul Mugenzi"],
    ),
    (
        "a family name written first and shared by relatives: the one named first",
        [("PERSON", "Wang Wei"), ("PERSON", "Wang Fang"), ("PERSON", "Wang")],
        "Wang Wei and Wang Fang were questioned. Wang was released.",
        ["Wang Wei", "Wang Fang", "Wang Wei"],
    ),
    (
        "a shared word is no merge by list order: the nearest full name before",
        [
            ("PERSON", "Arjun Singh Dhillon"),
            ("PERSON", "Kiran Singh"),
            ("PERSON", "Singh"),
            ("PERSON", "Arjun Singh Dhillon"),
        ],
        "Arjun Singh Dhillon was shot. Kiran Singh spoke. Singh said more. Arjun Singh Dhillon",
        ["Arjun Singh Dhillon", "Kiran Singh", "Kiran Singh", "Arjun Singh Dhillon"],
    ),
    (
        "a surname shared by relatives is the person named first",
        [
            ("PERSON", "Omar Haddad"),
            ("PERSON", "Omar Haddad"),
            ("PERSON", "Sami Haddad"),
            ("PERSON", "Haddad"),
        ],
        "Omar Haddad fled. Omar Haddad spoke. Police held Sami Haddad. Haddad's aunt was held.",
        ["Omar Haddad", "Omar Haddad", "Sami Haddad", "Omar Haddad"],
    ),
    (
        "a surname shared by relatives is the person named first, not the relative named twice",
        [
            ("PERSON", "Omar Haddad"),
            ("PERSON", "Sami Haddad"),
            ("PERSON", "Sami Haddad"),
            ("PERSON", "Haddad"),
        ],
        "Omar Haddad fled. Police held Sami Haddad. Sami Haddad was freed. Haddad said so.",
        ["Omar Haddad", "Sami Haddad", "Sami Haddad", "Omar Haddad"],
    ),
    (
        "a bare word is a surname: the name ending in it, not the relative's starting with it",
        [("PERSON", "Dawit Tesfay"), ("PERSON", "Tesfay Gebre"), ("PERSON", "Tesfay")],
        "Dawit Tesfay sings. His father, Tesfay Gebre, was taken. Tesfay said so.",
        ["Dawit Tesfay", "Tesfay Gebre", "Dawit Tesfay"],
    ),
    (
        "a short form before any full name takes the first full name after it",
        [("PERSON", "Wang"), ("PERSON", "Wang Wei")],
        "Wang was released. Wang Wei went home.",
        ["Wang Wei", "Wang Wei"],
    ),
    (
        "an abbreviated state opening an organisation's name is spelled out; alone it stays",
        [("ORG", "US Court of Appeals for the Vell Circuit"), ("ORG", "UN"), ("ORG", "UNHCR")],
        "The US Court of Appeals for the Vell Circuit heard it. The UN and UNHCR spoke.",
        ["United States Court of Appeals for the Vell Circuit", "UN", "UNHCR"],
    ),
    (
        "acronym defined after the long form",
        [("ORG", "Chinese Communist Party"), ("ORG", "CCP"), ("ORG", "the CCP’s")],
        "The Chinese Communist Party (CCP) runs the campaign. The CCP denies it.",
        ["Chinese Communist Party", "Chinese Communist Party", "Chinese Communist Party"],
    ),
    (
        "acronym defined before the long form",
        [("ORG", "CCP")],
        "The CCP (Chinese Communist Party) runs the campaign.",
        ["Chinese Communist Party"],
    ),
    (
        "function words inside the long form",
        [("ORG", "CCDI")],
        "the Central Commission for Discipline Inspection (CCDI) leads Sky Net.",
        ["Central Commission for Discipline Inspection"],
    ),
    (
        "acronym in quotes inside the parentheses",
        [("ORG", "MPS")],
        "the Ministry of Public Security (“MPS”) sent officers.",
        ["Ministry of Public Security"],
    ),
    (
        "a parenthesised word whose initials do not match is no definition",
        [("ORG", "Reuters")],
        "BERLIN (Reuters) - A court ruled.",
        ["Reuters"],
    ),
    (
        "short ORG inside a longer ORG mention; determiner and possessive dropped",
        [("ORG", "Safeguard Defenders’"), ("ORG", "Safeguard"), ("ORG", "the United Nations")],
        "Safeguard Defenders’ report was sent to the United Nations.",
        ["Safeguard Defenders", "Safeguard Defenders", "United Nations"],
    ),
    (
        "a headline-case place and role noun before a name are dropped",
        [("PERSON", "Sydney Activist Li Wei"), ("PERSON", "Li Wei"), ("PERSON", "Kim Jong Un")],
        "Sydney Activist Li Wei Speaks Out. Li Wei said Kim Jong Un was wrong.",
        ["Li Wei", "Li Wei", "Kim Jong Un"],
    ),
    (
        "ORG containment respects capitals: a common-noun phrase is not a short name",
        [("ORG", "the overseas police"), ("ORG", "Overseas Police Service Centers")],
        "the overseas police run Overseas Police Service Centers.",
        ["overseas police", "Overseas Police Service Centers"],
    ),
    (
        "a possessive long form drops its 's",
        [("ORG", "VCP")],
        "the Vietnamese Communist Party’s (VCP) leaders met.",
        ["Vietnamese Communist Party"],
    ),
    (
        "spellings of one person take the spelling the document uses most",
        [("PERSON", "Tomas Wielk"), ("PERSON", "Tomasz Wielk"), ("PERSON", "Tomasz Wielk")],
        "Tomas Wielk ... Tomasz Wielk ... Tomasz Wielk.",
        ["Tomasz Wielk", "Tomasz Wielk", "Tomasz Wielk"],
    ),
    (
        "a short form follows its full name to the spelling chosen",
        [("PERSON", "Anna Velliova"), ("PERSON", "Anna Veliova"), ("PERSON", "Velliova")],
        "Anna Velliova ... Anna Veliova ... Velliova.",
        ["Anna Velliova", "Anna Velliova", "Anna Velliova"],
    ),
    (
        "relatives sharing a surname stay two people",
        [("PERSON", "Anna Vell"), ("PERSON", "Tomas Vell")],
        "Anna Vell and her father Tomas Vell.",
        ["Anna Vell", "Tomas Vell"],
    ),
    (
        "PERSON and ORG mentions do not resolve to each other",
        [("ORG", "Xu Group"), ("PERSON", "Xu")],
        "Xu Group hired Xu.",
        ["Xu Group", "Xu"],
    ),
]


@pytest.mark.parametrize(
    ("mentions", "text", "expected"),
    [case[1:] for case in NAME_CASES],
    ids=[case[0] for case in NAME_CASES],
)
def test_names(
    norm: Normaliser, mentions: list[tuple[str, str]], text: str, expected: list[str]
) -> None:
    assert norm.names(mentions, text) == expected


def test_names_keeps_the_document_apostrophe(norm: Normaliser) -> None:
    text = "the People’s Republic of China (PRC) says so."
    assert norm.names([("ORG", "PRC")], text) == ["People’s Republic of China"]


@pytest.mark.parametrize(
    ("surface", "anchor", "expected"),
    [
        ("January 23", dt.date(2025, 1, 31), "2025-01-23"),
        ("Dec. 14", dt.date(2025, 1, 5), "2024-12-14"),
        ("June", dt.date(2014, 7, 8), "2014-06"),
        ("March 3, 2019", dt.date(2025, 1, 5), "2019-03-03"),
    ],
)
def test_month_day_takes_its_year_from_the_anchor(surface, anchor, expected) -> None:
    assert Normaliser().date(surface, anchor=anchor, year_from_anchor=True) == expected
    assert Normaliser().date("January 23", anchor=anchor) == "--01-23"


@pytest.mark.parametrize(
    ("surface", "previous", "expected"),
    [
        ("the following day", "2021-05-23", "2021-05-24"),
        ("the next day", "--05-31", "--06-01"),
        ("that evening", "2014-06-30", "2014-06-30"),
        ("the same day", "2019-12-31", "2019-12-31"),
        ("three days later", "2014-06-30", "2014-07-03"),
        ("early the next day", "--05-31", "--06-01"),
        ("that same day", "2018-03-04", "2018-03-04"),
        ("this date", "2018-03-04", "2018-03-04"),
        ("this morning", "2018-03-04", None),
        ("the following day", None, None),
        ("the following day", "2021-05", None),
        ("that same night", "2023-08", "2023-08"),
        ("the same day", "2023-08", "2023-08"),
        ("next week", "2021-05-23", None),
        ("four months later", "2018-03-04", "2018-07"),
        ("10 months later", "2018-03-04", "2019-01"),
        ("two months later", "--11-04", "--01"),
        ("four months later", "2018-03", None),
    ],
)
def test_days_counted_from_the_previous_date(surface, previous, expected) -> None:
    from tnr_claims.normalise.dates import after_previous

    assert after_previous(surface, previous) == expected


@pytest.mark.parametrize(
    ("name", "qualifier", "plain", "qualified"),
    [
        ("Surrey", "B.C.", "GB", "CA"),  # English county by default, the Canadian city here
        ("London", "Ontario", "GB", "CA"),  # a smaller namesake chosen by its province
        ("Vienna", "Mr Smith", "AT", "AT"),  # not a place: the plain reading stays
        ("Vienna", "Ontario", "AT", "AT"),  # no Vienna of note in Canada: no change
    ],
)
def test_a_qualifier_after_a_comma_picks_the_country_of_the_name(
    norm: Normaliser, name: str, qualifier: str, plain: str, qualified: str
) -> None:
    assert norm.location(name) == plain
    assert norm.qualified_location(name, qualifier) == qualified


def test_a_short_form_shared_by_too_many_full_names_stays_as_it_is(norm: Normaliser) -> None:
    from tnr_claims.normalise.normaliser import MAX_NAME_CANDIDATES

    crowd = [("PERSON", f"Ana Vell{chr(97 + i // 26)}{chr(97 + i % 26)}") for i in range(60)]
    assert len(crowd) > MAX_NAME_CANDIDATES
    names = norm.names([*crowd, ("PERSON", "Ana")], "text")
    assert names[-1] == "Ana"
    assert norm.names([*crowd[:2], ("PERSON", "Vellaa")], "text")[-1] == "Ana Vellaa"


def test_a_two_word_name_framed_by_a_longer_one_takes_the_longer(norm: Normaliser) -> None:
    mentions = [
        ("PERSON", "Omar Haddad"),
        ("PERSON", "Omar bin Salim Haddad"),
        ("PERSON", "Haddad"),
        # counterexample: another first word
        ("PERSON", "Lina Haddad"),
    ]
    assert norm.names(mentions, "text") == [
        "Omar bin Salim Haddad",
        "Omar bin Salim Haddad",
        "Omar bin Salim Haddad",
        "Lina Haddad",
    ]


@pytest.mark.parametrize(
    ("text", "code"), [("Bombay", "IN"), ("Saigon", "VN"), ("The Hague", "NL")]
)
def test_a_large_citys_other_name_or_its_article_is_a_known_place(
    norm: Normaliser, text: str, code: str
) -> None:
    assert norm.is_known_place(text, other_names=True)
    assert norm.location(text) == code


def test_another_name_that_is_a_given_name_is_no_place_by_default(norm: Normaliser) -> None:
    assert norm.is_known_place("Bombay", other_names=True)
    assert not norm.is_known_place("Bombay")


def test_a_citys_name_without_its_article_is_no_place(norm: Normaliser) -> None:
    assert not norm.is_known_place("Hague")


@pytest.mark.parametrize(
    ("surface", "previous", "expected"),
    [
        ("Sunday", "2022-03-13", "2022-03-13"),  # that day is a Sunday
        ("Monday", "2022-03-13", "2022-03-14"),  # the day after
        ("Sunday", "2022-03-14", "2022-03-13"),  # the day before
        ("Thursday evening", "2022-03-13", "2022-03-10"),
        ("last Sunday", "2022-03-13", None),  # 'last' counts from a dateline, not a story
        ("Sunday", "--03-13", None),  # no year: no weekday to count from
        ("Sunday", None, None),
    ],
)
def test_a_bare_weekday_is_the_nearest_such_day_to_the_date_before(
    surface: str, previous: str | None, expected: str | None
) -> None:
    from tnr_claims.normalise.dates import weekday_near

    assert weekday_near(surface, previous) == expected


def test_a_weekday_after_a_full_date_in_an_undated_story_is_that_week(tnr_pipeline) -> None:
    text = (
        "Editor held\n\nThe editor was stopped at the border on 13 March 2022. On Monday "
        "she was charged with treason."
    )
    record = tnr_pipeline.process_text(text)
    assert [s.value for s in record.spans if s.label == "DATE"] == ["2022-03-13", "2022-03-14"]


def test_a_weekday_far_from_the_full_date_before_it_is_not_that_week(tnr_pipeline) -> None:
    filler = "The editor had written about river towns for years. " * 70
    text = (
        f"Editor held\n\nThe editor was born on 13 March 1980. {filler}On Monday she was "
        "charged with treason."
    )
    record = tnr_pipeline.process_text(text)
    assert [s.value for s in record.spans if s.label == "DATE"] == ["1980-03-13"]


@pytest.mark.parametrize(
    ("surface", "name"),
    [
        ("ANA MARÍA RUIZ-VELL", "Ana María Ruiz-Vell"),
        ("O'BRIEN TALLIS", "O'Brien Tallis"),
        # counterexamples: a name in mixed case, and a short all-capitals word, stay
        ("Ana de la Vell", "Ana de la Vell"),
        ("LI", "LI"),
    ],
)
def test_a_name_in_capitals_is_written_as_a_reader_writes_it(
    norm: Normaliser, surface: str, name: str
) -> None:
    assert norm.names([("PERSON", surface)], surface) == [name]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a headline's month is no issue's: no anchor
        ("Remembering Ana Ruiz, abducted in Vienna – March 2019\n\nOn 2 March friends met.", None),
        ("Rights Bulletin, No. 4 – March 2023\n\nText.", dt.date(2023, 3, 31)),
    ],
)
def test_only_an_issue_line_anchors_by_month(
    norm: Normaliser, text: str, expected: dt.date | None
) -> None:
    assert norm.anchor_date(text, {}) == expected


def test_a_month_anchor_gives_no_weekday_a_day(norm: Normaliser) -> None:
    anchor = norm.anchor_date("Exile Monthly, No. 2 – October 2024\n\nText.", {})
    assert norm.date("Monday", anchor=anchor) is None
    assert norm.date("9 October", anchor=anchor, year_from_anchor=True) == "2024-10-09"


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Madame", "Ana Kaba-Sylla"),
        ("Señora", "Ana Kaba-Sylla"),
        ("Maître", "Ana Kaba-Sylla"),
        ("Mme", "Ana Kaba-Sylla"),
        ("M.", "Ana Kaba-Sylla"),
    ],
)
def test_a_french_or_spanish_form_of_address_is_a_title(
    norm: Normaliser, title: str, name: str
) -> None:
    text = f"Ana Kaba-Sylla lives in Paris. {title} Kaba-Sylla said so."
    assert norm.names([("PERSON", "Ana Kaba-Sylla"), ("PERSON", f"{title} Kaba-Sylla")], text) == [
        name,
        name,
    ]
