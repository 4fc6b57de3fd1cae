"""METHOD extents: no trailing preposition, the modifier that names the kind of act.
Invented sentences through the whole pipeline (the rules read the parse)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def methods(tnr_pipeline, text: str) -> list[str]:
    return [s.text for s in tnr_pipeline.process_text(text).spans if s.label == "METHOD"]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Police arrested him over the murder of Lena Ortiz in Riga.", "murder"),
        ("Agents were accused of spying on exiles in Oslo.", "spying"),
    ],
)
def test_a_method_span_ends_before_its_preposition(tnr_pipeline, text: str, span: str) -> None:
    assert span in methods(tnr_pipeline, text)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Relatives of critics face arbitrary arrests in Cairo.", "arbitrary arrests"),
        ("Police foiled a political assassination in Berlin in 2021.", "political assassination"),
        ("The agency uses direct kidnapping against fugitives abroad.", "direct kidnapping"),
        # the codebook's own example of a threat named as such
        ("She had received death threats on Telegram since May.", "death threats"),
    ],
)
def test_a_modifier_naming_the_kind_of_act_is_inside_the_span(
    tnr_pipeline, text: str, span: str
) -> None:
    assert span in methods(tnr_pipeline, text)


def test_a_modifier_about_one_occasion_stays_out(tnr_pipeline) -> None:
    found = methods(tnr_pipeline, "Friends reported the sudden disappearance of Lena Ortiz.")
    assert "disappearance" in found and "sudden disappearance" not in found


def codes(tnr_pipeline, text: str) -> list[tuple[str, str | None]]:
    spans = tnr_pipeline.process_text(text).spans
    return [(s.text, s.code) for s in spans if s.label == "METHOD"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a request not to return: the return is the act, no one asked for it
        (
            "Exile Watch urged Thailand not to return the refugees to Laos.",
            [("return", "FORCED_RETURN")],
        ),
        # surrendering a thing is no return of the target
        ("Police pressed him to surrender his passport.", []),
        (
            "Police pressured him to surrender himself.",
            [("pressured him to surrender", "PERSUASION_TO_RETURN")],
        ),
    ],
)
def test_a_request_for_something_other_than_the_return_is_no_persuasion(
    tnr_pipeline, text: str, expected: list[tuple[str, str]]
) -> None:
    assert codes(tnr_pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Lawyers for the exile said the hostage-like arrests in Cairo must stop.",
            ("hostage-like arrests", "RELATIVE_REPRISAL"),
        ),
        (
            "Exiles in Oslo report spyware attacks on their phones.",
            ("spyware attacks", "SURVEILLANCE"),
        ),
    ],
)
def test_a_method_modifying_the_act_noun_after_it_is_one_span_with_its_code(
    tnr_pipeline, text: str, expected: tuple[str, str]
) -> None:
    assert expected in codes(tnr_pipeline, text)


def test_a_method_before_a_noun_that_is_no_act_keeps_its_extent(tnr_pipeline) -> None:
    # counterexample: a kidnapping suspect is no act
    found = codes(tnr_pipeline, "Police questioned a kidnapping suspect in Oslo.")
    assert not any(text.endswith("suspect") for text, _ in found)


@pytest.mark.parametrize("place", ["justice", "account"])
def test_bringing_someone_to_no_place_is_no_return(tnr_pipeline, place: str) -> None:
    text = f"Officials vowed to bring them to {place} whatever it takes."
    assert not any(code == "FORCED_RETURN" for _, code in codes(tnr_pipeline, text))


def test_bringing_someone_to_a_place_stays_a_return(tnr_pipeline) -> None:
    # counterexample: a place after 'to'
    text = "Agents seized the teacher and brought him to Ankara."
    assert any(code == "FORCED_RETURN" for _, code in codes(tnr_pipeline, text))
