"""A place name qualified by a region ("Surrey, B.C.") is read in that region's country,
and the document remembers that reading for later bare mentions of the name."""

from __future__ import annotations


def codes(record, surface: str) -> list[str | None]:
    return [s.code for s in record.spans if s.label == "LOCATION" and s.text == surface]


def test_qualified_place_and_its_later_bare_mentions(tnr_pipeline) -> None:
    text = (
        "Agents of Ruritania followed the blogger Anna Vell in Surrey, B.C., in May 2021.\n\n"
        "He was attacked again in Surrey in June 2021."
    )
    record = tnr_pipeline.process_text(text, doc_id="qualified")
    assert codes(record, "Surrey") == ["CA", "CA"]
    assert codes(record, "B.C.") == ["CA"]


def test_unqualified_place_keeps_its_usual_reading(tnr_pipeline) -> None:
    record = tnr_pipeline.process_text(
        "Agents of Ruritania followed the blogger Anna Vell in Surrey in May 2021.",
        doc_id="plain",
    )
    assert codes(record, "Surrey") == ["GB"]


def test_a_bare_mention_before_the_qualified_one_takes_its_reading(tnr_pipeline) -> None:
    record = tnr_pipeline.process_text(
        "He was attacked in Surrey in June 2021.\n\n"
        "Agents of Ruritania had followed the blogger Anna Vell in Surrey, B.C., in May 2021.",
        doc_id="before",
    )
    assert codes(record, "Surrey") == ["CA", "CA"]


def test_a_county_name_is_the_city_of_the_country_the_report_names(tnr_pipeline) -> None:
    record = tnr_pipeline.process_text(
        "Agents of Ruritania followed the blogger Anna Vell in Surrey in May 2021. "
        "She had fled to British Columbia in 2019.",
        doc_id="context",
    )
    assert codes(record, "Surrey") == ["CA"]


def test_a_city_name_is_not_moved_by_other_countries_in_the_report(tnr_pipeline) -> None:
    record = tnr_pipeline.process_text(
        "Agents of Ruritania followed the blogger Anna Vell in London in May 2021. "
        "She had fled to British Columbia in 2019.",
        doc_id="city",
    )
    assert codes(record, "London") == ["GB"]


def test_a_name_after_a_place_noun_is_that_place_everywhere_in_the_document(tnr_pipeline) -> None:
    text = (
        "He arrived from the Cambodian city of Siem Reap by bus. "
        "He was shot in Bangkok, far from Cambodia’s Siem Reap."
    )
    record = tnr_pipeline.process_text(text)
    reap = [(s.label, s.code) for s in record.spans if s.text == "Siem Reap"]
    assert reap == [("LOCATION", "KH"), ("LOCATION", "KH")]


def test_a_name_after_an_office_noun_is_no_place(tnr_pipeline) -> None:
    record = tnr_pipeline.process_text("Police detained the mayor of Siem Reap.")
    assert all(s.label != "LOCATION" for s in record.spans if s.text == "Siem Reap")


def test_a_name_before_a_place_noun_is_that_place_with_its_noun(tnr_pipeline) -> None:
    """The small model reads an unfamiliar province's name as a person's."""
    text = "Khoa, a blogger who wrote about land disputes in Đồng Nai province, fled in 2019."
    record = tnr_pipeline.process_text(text)
    assert [(s.label, s.text) for s in record.spans if "Nai" in s.text] == [
        ("LOCATION", "Đồng Nai province")
    ]
    assert not [s for s in record.spans if s.label == "PERSON" and "Nai" in s.text]


def test_a_person_before_a_noun_that_is_no_place_noun_stays_a_person(tnr_pipeline) -> None:
    record = tnr_pipeline.process_text("Police detained the blogger Omar Haddad on Monday.")
    assert [s.label for s in record.spans if s.text == "Omar Haddad"] == ["PERSON"]


def test_a_city_whose_name_opens_with_the_keeps_its_article(tnr_pipeline) -> None:
    text = "A spokesman for the embassy in The Hague denied the claims."
    record = tnr_pipeline.process_text(text)
    places = [(text[s.start : s.end], s.code) for s in record.spans if s.label == "LOCATION"]
    assert places == [("The Hague", "NL")]
