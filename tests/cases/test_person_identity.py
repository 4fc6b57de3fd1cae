"""Person identity across spellings: transliterations agree, a shared surname alone does not."""

from __future__ import annotations

import pytest

from tnr_claims.normalise.identity import parse_name, same_person


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Anna Protasova", "Anna Pratasova"),
        ("Raman Vellovich", "Roman Vellovich"),
        ("Saad al-Jabri", "Saad Aljabri"),
        ("Saad al-Jabri", "Saad Jabri"),
        ("Tomas Ruiz Vik", "Tomas Vik"),
        ("Mr Tomas Vik", "Tomas Vik"),
        ("Tomás Vík", "Tomas Vik"),
        ("Sergei Vell", "Sergey Vell"),
    ],
)
def test_spellings_of_one_person_agree(a: str, b: str) -> None:
    first, second = parse_name(a), parse_name(b)
    assert first is not None and second is not None
    assert same_person(first, second)
    assert same_person(second, first)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Anna Vell", "Tomas Vell"),
        ("Yana Vell", "Sergei Vell"),
        ("Anna Vell", "Anna Velasquez"),
        ("Vell", "Anna Vell"),
    ],
)
def test_a_shared_surname_alone_is_not_one_person(a: str, b: str) -> None:
    first, second = parse_name(a), parse_name(b)
    assert first is not None and second is not None
    assert not same_person(first, second)


def test_names_without_letters_parse_to_nothing() -> None:
    assert parse_name("  -- ") is None
    assert parse_name("Dr.") is None


def test_spellings_merge_within_a_document_up_to_a_bound() -> None:
    from tnr_claims.normalise.identity import MAX_SPELLING_NAMES, one_spelling

    pair = ["Tomas Wielk", "Tomasz Wielk", "Tomasz Wielk"]
    assert one_spelling(pair) == {"Tomas Wielk": "Tomasz Wielk"}
    crowd = [f"Anna Vell{chr(97 + i // 26)}{chr(97 + i % 26)}x" for i in range(MAX_SPELLING_NAMES)]
    assert one_spelling(pair + crowd) == {}


def test_a_misspelt_one_word_name_is_the_one_full_name_it_spells() -> None:
    from tnr_claims.normalise.identity import one_spelling

    names = ["Mirzokhid Tashbekov", "Mirzokhidd", "Tashbekov"]
    assert one_spelling(names) == {"Mirzokhidd": "Mirzokhid Tashbekov"}
    # counterexamples: too short to tell, or close to words of two people
    assert one_spelling(["Amin Rahimi", "Amir"]) == {}
    two = ["Rustamov Aliyev", "Rustamova Karimova", "Rustamovv"]
    assert one_spelling(two) == {}


def test_two_alike_names_in_one_sentence_are_two_people() -> None:
    from tnr_claims.normalise.identity import one_spelling

    names = ["Karel Vondra", "Karol Vondra", "Karol Vondra"]
    together = "Karel Vondra, 28, and Karol Vondra, 22, face charges. Karol Vondra fled."
    apart = "Karel Vondra was seen in May. Later, Karol Vondra fled."
    assert one_spelling(names, together) == {}
    assert one_spelling(names, apart) == {"Karel Vondra": "Karol Vondra"}
