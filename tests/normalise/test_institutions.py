"""National institutions take their country into their name, and bracketed acronyms take
the name they follow (GUIDELINES: ministries and courts under their full official names;
codebook: an abbreviation takes its long form's canonical name). Whole pipeline, invented
sentences."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def org_names(tnr_pipeline, text: str) -> list[tuple[str, str | None]]:
    return [(s.text, s.name) for s in tnr_pipeline.process_text(text).spans if s.label == "ORG"]


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        (
            "Tajikistan's Supreme Court banned the party in 2015.",
            "Supreme Court",
            "Supreme Court of Tajikistan",
        ),
        (
            "The Tajik Supreme Court banned the party in 2015.",
            "Tajik Supreme Court",
            "Supreme Court of Tajikistan",
        ),
        (
            "The Saudi foreign ministry did not reply.",
            "foreign ministry",
            "Ministry of Foreign Affairs of Saudi Arabia",
        ),
        (
            "Egypt's Interior Ministry called him a terrorist.",
            "Interior Ministry",
            "Ministry of the Interior of Egypt",
        ),
        (
            "A spokesman for Belarus's Investigative Committee denied it.",
            "Investigative Committee",
            "Investigative Committee of Belarus",
        ),
        (
            "Lithuania's State Security Department warned him in May.",
            "State Security Department",
            "State Security Department of Lithuania",
        ),
        (
            "Britain's Parliament debated the case.",
            "Parliament",
            "Parliament of the United Kingdom",
        ),
    ],
)
def test_an_institution_takes_the_country_written_with_it(
    tnr_pipeline, text: str, surface: str, name: str
) -> None:
    assert (surface, name) in org_names(tnr_pipeline, text)


def test_a_later_bare_mention_takes_the_country_given_before(tnr_pipeline) -> None:
    text = (
        "In 2015 the Supreme Court of Tajikistan banned the party. "
        "Later the Supreme Court upheld the ban."
    )
    assert org_names(tnr_pipeline, text) == [
        ("Supreme Court of Tajikistan", "Supreme Court of Tajikistan"),
        ("Supreme Court", "Supreme Court of Tajikistan"),
    ]


def test_an_institution_whose_country_is_not_written_keeps_its_name(tnr_pipeline) -> None:
    assert org_names(tnr_pipeline, "The country's Supreme Court upheld the ban.") == [
        ("Supreme Court", "Supreme Court")
    ]


def test_an_acronym_in_brackets_takes_the_name_it_follows_whatever_its_letters(
    tnr_pipeline,
) -> None:
    text = (
        "Uzbekistan's Directorate of State Protection (KGZ) detained him. "
        "The KGZ later released him."
    )
    names = org_names(tnr_pipeline, text)
    assert [name for surface, name in names if surface == "KGZ"] == [
        "Directorate of State Protection",
        "Directorate of State Protection",
    ]


def test_a_bare_mention_after_the_full_name_is_that_institution(tnr_pipeline) -> None:
    text = (
        "Statement of the Ministry of Foreign Affairs of Ruritania. The Ministry of Foreign "
        "Affairs rejects the accusations that its agents abducted Tomas Berg in Vilnius."
    )
    assert {name for _, name in org_names(tnr_pipeline, text)} == {
        "Ministry of Foreign Affairs of Ruritania"
    }


def test_the_countrys_institution_is_of_the_country_named_before_in_the_sentence(
    tnr_pipeline,
) -> None:
    text = "Members of the Uzbek opposition asked the country's Supreme Court to lift the ban."
    assert ("Supreme Court", "Supreme Court of Uzbekistan") in org_names(tnr_pipeline, text)
    # counterexample: a country in the sentence before is no help
    text = "Members fled Uzbekistan in 2015. They asked the country's Supreme Court to act."
    assert ("Supreme Court", "Supreme Court") in org_names(tnr_pipeline, text)


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        (
            "The Iranian Foreign Ministry denied the report.",
            "Iranian Foreign Ministry",
            "Ministry of Foreign Affairs of Iran",
        ),
        (
            "The Uzbek Interior Ministry denied the report.",
            "Uzbek Interior Ministry",
            "Ministry of the Interior of Uzbekistan",
        ),
    ],
)
def test_a_ministry_named_by_its_field_takes_the_ministry_of_form(
    tnr_pipeline, text: str, surface: str, name: str
) -> None:
    assert (surface, name) in org_names(tnr_pipeline, text)


def test_a_ministry_not_listed_keeps_its_name(tnr_pipeline) -> None:
    # counterexample: no listed ministry holds 'Health'
    names = org_names(tnr_pipeline, "The Uzbek Health Ministry denied the report.")
    assert all(not name.startswith("Ministry of") for _, name in names)


@pytest.mark.parametrize(
    "text",
    [
        # the short form before or after the name a rule gives its canonical form
        "The Revolutionary Guards Corps said it arrested Ana Ruiz. The Guards issued a statement.",
        "The Guards issued a statement on Monday. The Revolutionary Guards Corps said it "
        "arrested Ana Ruiz.",
    ],
)
def test_a_short_form_takes_the_canonical_name_its_full_form_has(tnr_pipeline, text: str) -> None:
    names = dict(org_names(tnr_pipeline, text))
    assert names["Guards"] == names["Revolutionary Guards Corps"]
    assert names["Guards"] == "Islamic Revolutionary Guard Corps"


def test_the_last_word_of_a_guards_unit_is_that_unit(tnr_pipeline) -> None:
    text = "The Harbour Guards seized the boat. Later the Guards released the crew."
    assert [s for s, _ in org_names(tnr_pipeline, text)] == ["Harbour Guards", "Guards"]


def test_a_ministry_of_home_affairs_takes_its_country(tnr_pipeline) -> None:
    text = "Kenya's Ministry of Home Affairs denied that any refugee had been forced back."
    assert org_names(tnr_pipeline, text) == [
        ("Ministry of Home Affairs", "Ministry of Home Affairs of Kenya")
    ]
