"""Days told from the date before them (nlp/days.py, the normaliser's anchoring): invented
sentences through the whole pipeline."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("second", "day"),
    [
        ("Her car was found in a forest that same day.", "that same day"),
        ("Detectives believe her door was smeared with poison on this date.", "this date"),
        # the day of writing, and 'until now', are no day told before
        ("This morning her lawyer was still waiting for news.", None),
        ("To this day her family is waiting for news of her.", None),
    ],
)
def test_a_day_told_from_the_date_before_is_a_date_anchored_to_it(
    tnr_pipeline, second: str, day: str | None
) -> None:
    text = "Agents poisoned Ana Ruiz in Riga on 4 March 2018. " + second
    dates = [(s.text, s.value) for s in tnr_pipeline.process_text(text).spans if s.label == "DATE"]
    told = [(t, v) for t, v in dates if t != "4 March 2018"]
    assert told == ([(day, "2018-03-04")] if day else [])


def test_a_day_told_after_a_month_is_that_month(tnr_pipeline) -> None:
    text = (
        "Border guards detained Ana Ruiz in Tarvik in August 2023 and handed her over to "
        "intelligence officers that same night."
    )
    dates = [(s.text, s.value) for s in tnr_pipeline.process_text(text).spans if s.label == "DATE"]
    assert dates == [("August 2023", "2023-08"), ("that same night", "2023-08")]


def test_a_month_of_another_sentence_is_no_anchor_and_does_not_hide_the_day(tnr_pipeline) -> None:
    text = (
        "Exile Watch published its report in May 2023. Agents seized Ivo Kask in Riga, and "
        "his brother was arrested in Tarvik the same night."
    )
    dates = [s.text for s in tnr_pipeline.process_text(text).spans if s.label == "DATE"]
    assert dates == ["May 2023"]
    text = (
        "Agents seized Ivo Kask in Riga on 3 May 2021, weeks before a June 2021 summit. "
        "The next day his sister was detained."
    )
    spans = tnr_pipeline.process_text(text).spans
    assert ("next day", "2021-05-04") in [(s.text, s.value) for s in spans if s.label == "DATE"]


def test_a_day_told_sentences_after_the_month_of_an_act_is_that_month(tnr_pipeline) -> None:
    text = (
        "In September 2023 her mother was held at a police station in Tarvik. Officers "
        "questioned her about her daughter. She was released that evening."
    )
    dates = [(s.text, s.value) for s in tnr_pipeline.process_text(text).spans if s.label == "DATE"]
    assert dates == [("September 2023", "2023-09"), ("that evening", "2023-09")]
