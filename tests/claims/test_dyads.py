"""Dyad rules (patterns/dyads.jsonl): examples fire, counterexamples do not; decisions."""

from __future__ import annotations

import pytest

from tnr_claims.claims.dyads import assign_dyads, sentence_dyad
from tnr_claims.records import (
    ClaimProvenance,
    ClaimRecord,
    DocumentRecord,
    PipelineInfo,
    SpanProvenance,
    SpanRecord,
)
from tnr_claims.rules.loader import default_patterns, load_patterns
from tnr_claims.rules.schemas import PatternFileError

RULES = default_patterns().dyad_rules
MEMORY = ["MD"]


def test_there_are_rules_of_every_role() -> None:
    assert {rule.role for rule in RULES} == {"perpetrator", "requester", "host", "anaphor"}


@pytest.mark.parametrize(("rule_id", "text"), [(r.id, ex) for r in RULES for ex in r.examples])
def test_every_example_fires_its_rule(rule_id: str, text: str) -> None:
    dyad = sentence_dyad(text, memory=MEMORY)
    assert rule_id in dyad.rules
    assert dyad.perpetrators or dyad.hosts


@pytest.mark.parametrize(
    ("rule_id", "text"), [(r.id, ex) for r in RULES for ex in r.counterexamples]
)
def test_no_counterexample_fires_its_rule(rule_id: str, text: str) -> None:
    assert rule_id not in sentence_dyad(text, memory=MEMORY).rules


def test_agents_abroad_are_direct() -> None:
    dyad = sentence_dyad("Anna Vell was abducted in Kenya by Eritrean agents.")
    assert (dyad.perpetrators, dyad.hosts, dyad.role) == (["ER"], ["KE"], "direct")


def test_host_authorities_at_a_request_cooperate() -> None:
    dyad = sentence_dyad("Thai police detained Tomas Vik in Bangkok at the request of Cambodia.")
    assert dyad.perpetrators == ["KH"]
    assert "TH" in dyad.hosts
    assert dyad.role == "cooperating"


def test_a_dotted_abbreviation_is_a_state_name() -> None:
    dyad = sentence_dyad("Officials said U.K. agents had followed the defector for weeks.")
    assert dyad.perpetrators == ["GB"]


def test_a_name_inside_a_location_span_takes_the_span_code() -> None:
    text = "Iranian agents seized the blogger in Georgia."
    where = text.index("Georgia")
    span = SpanRecord(
        start=where,
        end=where + len("Georgia"),
        label="LOCATION",
        text="Georgia",
        code="US-GA",
        provenance=SpanProvenance(source="model", model_label="GPE"),
    )
    assert sentence_dyad(text).hosts == ["GE"]
    assert sentence_dyad(text, spans=[span]).hosts == ["US-GA"]


def test_target_nationality_alone_names_no_state() -> None:
    dyad = sentence_dyad("Anna Vell, a Tajik blogger, has not been seen since March.")
    assert (dyad.perpetrators, dyad.hosts, dyad.role) == ([], [], None)


def test_the_perpetrator_is_never_also_the_host() -> None:
    dyad = sentence_dyad("A court in Iran sentenced Anna Vell; Iranian judges refused bail.")
    assert dyad.perpetrators == ["IR"]
    assert dyad.hosts == []


def _claim(text: str, start: int) -> ClaimRecord:
    return ClaimRecord(
        doc_id="d",
        start=start,
        end=start + len(text),
        text=text,
        type="incident",
        provenance=ClaimProvenance(type_rule="t", pipeline_version="0"),
    )


def test_document_memory_gives_the_agents_their_state() -> None:
    first = "Uzbek security services watched Tomas Vik for a year."
    second = "The agents seized him outside his flat in Istanbul."
    text = f"{first} {second}"
    at = text.index("Istanbul")
    istanbul = SpanRecord(
        start=at,
        end=at + 8,
        label="LOCATION",
        text="Istanbul",
        code="TR",
        provenance=SpanProvenance(source="model", model_label="GPE"),
    )
    record = DocumentRecord(
        doc_id="d",
        text=text,
        spans=[istanbul],
        sentences=[(0, len(first)), (len(first) + 1, len(text))],
        claims=[_claim(second, len(first) + 1)],
        pipeline=PipelineInfo(version="0", model="m", model_version="0", patterns_hash="h"),
    )
    claim = assign_dyads(record).claims[0]
    assert claim.perpetrator_states == ["UZ"]
    assert claim.host_states == ["TR"]
    assert claim.host_role == "direct"
    assert claim.provenance.dyad_rules == ["DYAD.place_of_act", "DYAD.the_agents"]


def test_without_memory_the_agents_name_no_one() -> None:
    assert sentence_dyad("The agents seized him.").perpetrators == []


def test_a_bad_dyad_rule_names_its_line(tmp_path) -> None:
    (tmp_path / "dyads.jsonl").write_text(
        '{"id": "DYAD.bad", "role": "host", "regex": "in (Ruritania"}\n'
    )
    with pytest.raises(PatternFileError, match=r"dyads.jsonl:1: .*names one"):
        load_patterns(tmp_path)
