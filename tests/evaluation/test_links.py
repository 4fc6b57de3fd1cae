"""Linking gold: loader with one-line errors, B-cubed, scores on invented reports (no model)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import make_record

from tnr_claims.cases import link
from tnr_claims.cases.link import ClaimRef
from tnr_claims.evaluation.links import (
    LinksFileError,
    bcubed,
    link_report,
    load_links,
    records_from_gold,
)
from tnr_claims.records import GoldClaim, GoldDocument


def test_bcubed_of_identical_partitions_is_one_and_of_a_merge_is_lower() -> None:
    gold = {1: "a", 2: "a", 3: "b", 4: None}
    assert bcubed(gold, dict(gold)) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    merged = bcubed(gold, {1: "x", 2: "x", 3: "x", 4: "x"})
    assert merged["recall"] == 1.0
    assert merged["precision"] == pytest.approx((2 / 4 * 2 + 1 / 4 + 1 / 4) / 4, abs=1e-4)
    split = bcubed(gold, {1: None, 2: None, 3: None, 4: None})
    assert split["precision"] == 1.0 and split["recall"] == pytest.approx(0.75)


SENTENCES = [
    "Anna Vell was abducted in Kenya on 3 March 2021 by Eritrean agents.",
    "Her phone was found near the border.",
    "A court in Asmara sentenced Anna Vell on 9 June 2022.",
    "Tomas Vell was threatened in Norway.",
]


def _gold_document() -> GoldDocument:
    text = "\n".join(SENTENCES)
    claims, cursor = [], 0
    fields = [
        {"targets": ["Anna Vell"], "methods": ["ABDUCTION"], "dates": ["2021-03-03"]},
        {"methods": ["ABDUCTION"]},
        {"targets": ["Anna Vell"], "methods": ["PROSECUTION"], "dates": ["2022-06-09"]},
        {"targets": ["Tomas Vell"], "methods": ["THREAT"]},
    ]
    for sentence, extra in zip(SENTENCES, fields, strict=True):
        claims.append(GoldClaim(start=cursor, end=cursor + len(sentence), type="incident", **extra))
        cursor += len(sentence) + 1
    return GoldDocument(doc_id="wire", text=text, claims=claims)


LINKS = """
case_folder: invented
cases:
  - case: vell
    targets: [Anna Vell]
    perpetrator_states: [ER]
    host_states: [KE]
    host_role: direct
    incidents:
      - incident: abduction
        date: "2021-03-03"
        host_state: KE
        methods: [ABDUCTION]
        claims:
          - {doc_id: wire, from: "Anna Vell was abducted"}
          - {doc_id: wire, from: "Her phone"}
      - incident: sentence
        date: "2022-06-09"
        host_state: null
        methods: [PROSECUTION]
        claims:
          - {doc_id: wire, from: "A court in Asmara"}
    claims: []
  - case: tomas
    targets: [Tomas Vell]
    perpetrator_states: []
    host_states: ["NO"]
    host_role: null
    incidents: []
    claims:
      - {doc_id: wire, from: "Tomas Vell was"}
"""


def test_load_links_resolves_from_to_gold_claims(tmp_path: Path) -> None:
    path = tmp_path / "links.yaml"
    path.write_text(LINKS, encoding="utf-8")
    document = _gold_document()
    gold = load_links([path], [document])
    vell = gold.cases[0]
    assert vell.incidents["abduction"] == [
        ClaimRef("wire", c.start, c.end) for c in document.claims[:2]
    ]
    assert gold.documents == {"wire"}


def test_linking_the_gold_claims_scores_perfectly(tmp_path: Path) -> None:
    path = tmp_path / "links.yaml"
    path.write_text(LINKS, encoding="utf-8")
    document = _gold_document()
    gold = load_links([path], [document])
    report = link_report(gold, [document], records_from_gold([document]))
    assert report["cases"]["f1"] == 1.0
    assert report["incidents"]["f1"] == 1.0
    assert report["perpetrator_accuracy"] == 1.0
    assert report["host_accuracy"] == 1.0
    assert report["mixed_cases"] == []
    assert report["case_count_ratio"] == 0.5  # the second case has one claim


def test_a_prediction_that_merges_two_targets_is_flagged(tmp_path: Path) -> None:
    path = tmp_path / "links.yaml"
    path.write_text(LINKS, encoding="utf-8")
    document = _gold_document()
    gold = load_links([path], [document])
    merged = make_record(
        "wire",
        [
            {"text": s, "targets": ["Anna Vell", "Tomas Vell"], "methods": ["ABDUCTION"]}
            for s in SENTENCES
        ],
    )
    report = link_report(gold, [document], [merged])
    assert report["mixed_cases"] and report["mixed_cases"][0]["gold_cases"] == ["tomas", "vell"]
    assert report["cases"]["precision"] < 1.0
    assert report["perpetrator_accuracy"] == 0.5  # no perpetrator: right only for 'tomas'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("cases: [", "cannot read the linking gold"),
        ("folder: x\n", "a mapping with a 'cases' list"),
        (
            "cases:\n  - {case: a, claims: [{doc_id: nowhere, from: x}]}\n",
            "'nowhere' is in no gold",
        ),
        ("cases:\n  - {case: a, claims: [{doc_id: wire, from: Zebra}]}\n", "'Zebra' not found"),
        ("cases:\n  - {case: a, colour: red}\n", "a case is a mapping"),
        ("cases:\n  - {case: a, host_states: [NO]}\n", "quote codes YAML reads as booleans"),
        (
            "cases:\n  - {case: a, claims: [{doc_id: wire, from: Her}]}\n"
            "  - {case: b, claims: [{doc_id: wire, from: Her}]}\n",
            "also in 'a'",
        ),
    ],
)
def test_bad_links_files_fail_with_one_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "links.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LinksFileError) as info:
        load_links([path], [_gold_document()])
    assert message in str(info.value)
    assert "\n" not in str(info.value)
    assert str(path) in str(info.value)


def test_the_project_links_gold_resolves() -> None:
    from tnr_claims.evaluation.gold import read_gold

    root = Path(__file__).resolve().parents[2] / "corpus" / "gold"
    documents = read_gold(root / "cases.jsonl")
    gold = load_links(sorted((root / "src" / "cases").glob("*/links.yaml")), documents)
    assert len(gold.cases) == 5
    assert all(case.perpetrator_states for case in gold.cases)
    linking = link(records_from_gold(documents))
    assert linking.cases
