"""Legal instruments named by their parties, provisions of abbreviated instruments, bare
provisions inheriting their instrument (codebook, second set). Invented sentences, whole
pipeline."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def legal_refs(tnr_pipeline, text: str) -> list[tuple[str, str | None, str | None]]:
    record = tnr_pipeline.process_text(text)
    return [(s.text, s.instrument, s.article) for s in record.spans if s.label == "LEGAL_REF"]


def test_a_treaty_named_by_its_parties_is_one_reference(tnr_pipeline) -> None:
    text = "Ruritania has not signed extradition treaties with Canada or Australia."
    record = tnr_pipeline.process_text(text)
    assert [(s.text, s.instrument) for s in record.spans if s.label == "LEGAL_REF"] == [
        ("extradition treaties with Canada or Australia", "extradition treaty")
    ]
    assert not any(s.label in ("LOCATION", "METHOD") for s in record.spans)
    [claim] = record.claims
    assert claim.type == "legal"


def test_a_treaty_between_two_states_keeps_its_parties(tnr_pipeline) -> None:
    text = "The extradition treaty between Thailand and Cambodia was invoked to return him."
    assert legal_refs(tnr_pipeline, text) == [
        ("extradition treaty between Thailand and Cambodia", "extradition treaty", None)
    ]


def test_a_bare_agreement_without_parties_is_not_made_a_reference(tnr_pipeline) -> None:
    assert legal_refs(tnr_pipeline, "The agreement with the union was signed in May.") == []


def test_a_provision_of_an_abbreviated_instrument_takes_its_long_name(tnr_pipeline) -> None:
    text = "He was tried under the Public Order Act (POA) and later under Section 5 of the POA."
    assert ("Section 5 of the POA", "Public Order Act", "5") in legal_refs(tnr_pipeline, text)


def test_a_bare_provision_in_apposition_takes_the_instrument_before_it(tnr_pipeline) -> None:
    text = "Interpol's Constitution, Article 3, forbids political cases."
    assert ("Article 3", "Interpol Constitution", "3") in legal_refs(tnr_pipeline, text)


def test_a_bare_provision_takes_the_instrument_it_is_attached_to_elsewhere(
    tnr_pipeline,
) -> None:
    text = (
        "Prosecutors cited Section 124A of the Indian Penal Code against the editor. "
        "Critics say Section 124A is used against journalists abroad."
    )
    refs = legal_refs(tnr_pipeline, text)
    assert ("Section 124A", "Penal Code", "124A") in refs
