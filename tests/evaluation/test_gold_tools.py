"""Tests of the gold-set tools: :func:`check_gold`, :func:`agree`, Label Studio interchange."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tnr_claims.evaluation.agreement import agree
from tnr_claims.evaluation.gold import GoldFileError, check_gold, read_gold, write_gold
from tnr_claims.evaluation.labelstudio import from_export, labeling_config, to_tasks
from tnr_claims.records import GoldClaim, GoldDocument, GoldSpan

TEXT = "Police in Bangkok detained Xu Zheng."
#       0         1         2         3
#       012345678901234567890123456789012345
# "Bangkok" 10-17, "detained" 18-26, "Xu Zheng" 27-35; length 36.


def line(doc_id: str, *, text: str = TEXT, spans=(), claims=(), **extra) -> str:
    return json.dumps(
        {"doc_id": doc_id, "text": text, "spans": list(spans), "claims": list(claims), **extra}
    )


LOC = {"start": 10, "end": 17, "label": "LOCATION", "code": "TH", "text": "Bangkok"}
METHOD = {"start": 18, "end": 26, "label": "METHOD", "code": "DETENTION", "variant": None}
PERSON = {"start": 27, "end": 35, "label": "PERSON", "name": "Xu Zheng"}
CLAIM = {
    "start": 0,
    "end": 36,
    "type": "incident",
    "methods": ["DETENTION"],
    "locations": ["TH"],
    "targets": ["Xu Zheng"],
}

BAD_FILE = [
    line("ok", spans=[LOC, METHOD, PERSON], claims=[CLAIM]),  # 1
    '{"doc_id": "broken", "text": ',  # 2
    line("bad-label", spans=[{**LOC, "label": "PLACE"}]),  # 3
    line("bad-code", spans=[{**METHOD, "code": "KIDNAP"}]),  # 4
    line("past-end", spans=[{**PERSON, "end": 40}]),  # 5
    line("text-mismatch", spans=[{**LOC, "text": "Bangkok!"}]),  # 6
    line("overlap", spans=[LOC, {**PERSON, "start": 15, "end": 20}]),  # 7
    line(
        "bad-claim",
        claims=[{**CLAIM, "type": "opinion", "hedged": "yes", "legal_refs": ["Supervision Law"]}],
    ),  # 8
    line("claim-past", claims=[{**CLAIM, "end": 99}]),  # 9
    line("ok", spans=[LOC]),  # 10
    line("extra-key", spans=[{**LOC, "confidence": 0.9}]),  # 11
    "",  # 12
    line("late", spans=[{**METHOD, "code": "SPYING"}, {**LOC, "end": 99}]),  # 13
    line("string-offset", spans=[{**LOC, "start": "10"}]),  # 14
    line("wrong-field", spans=[{**LOC, "name": "Bangkok"}]),  # 15
    line("claim-quantity", claims=[{**CLAIM, "quantities": ["3"], "locations": ["th"]}]),  # 16
]


@pytest.fixture(scope="module")
def problems(tmp_path_factory) -> list:
    path = tmp_path_factory.mktemp("gold") / "bad.jsonl"
    path.write_text("\n".join(BAD_FILE) + "\n", encoding="utf-8")
    return check_gold(path)


@pytest.mark.parametrize(
    ("number", "doc_id", "fragment"),
    [
        (2, None, "not valid JSON"),
        (3, "bad-label", "label"),
        (4, "bad-code", "unknown METHOD code 'KIDNAP'"),
        (5, "past-end", "ends past the text"),
        (6, "text-mismatch", "'Bangkok!' != text[start:end] 'Bangkok'"),
        (7, "overlap", "spans overlap"),
        (8, "bad-claim", "type"),
        (8, "bad-claim", "hedged: must be true or false"),
        (8, "bad-claim", "instrument#article"),
        (9, "claim-past", "claims[0] 0-99: ends past the text"),
        (10, "ok", "duplicate doc_id (first on line 1)"),
        (11, "extra-key", "confidence: Extra inputs are not permitted"),
        (13, "late", "unknown METHOD code 'SPYING'"),
        (13, "late", "spans[1] LOCATION 10-99: ends past the text"),
        (14, "string-offset", "start: must be a JSON integer"),
        (15, "wrong-field", "field 'name' does not belong to a LOCATION span"),
        (16, "claim-quantity", "quantities: items must be integers"),
        (16, "claim-quantity", "not ISO 3166-1 alpha-2"),
    ],
)
def test_check_gold_finds_each_problem(problems, number, doc_id, fragment):
    hits = [
        p for p in problems if p.line == number and p.doc_id == doc_id and fragment in p.message
    ]
    assert hits, f"no problem on line {number} [{doc_id}] containing {fragment!r}: {problems}"


def test_check_gold_nothing_on_valid_lines(problems):
    # Line 1 is valid; line 10 only has the duplicate id; blank line 12 is skipped.
    assert not [p for p in problems if p.line in (1, 12)]
    assert [p.message for p in problems if p.line == 10] == ["duplicate doc_id (first on line 1)"]


def test_check_gold_valid_file_is_read(tmp_path: Path):
    path = tmp_path / "good.jsonl"
    path.write_text(line("ok", spans=[LOC, METHOD, PERSON], claims=[CLAIM]) + "\n")
    assert check_gold(path) == []
    assert [d.doc_id for d in read_gold(path)] == ["ok"]


def test_check_gold_unreadable(tmp_path: Path):
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(b'{"doc_id": "caf\xe9"}\n')
    [problem] = check_gold(path)
    assert (problem.line, problem.message) == (0, "not UTF-8 text")


def test_line_separators_inside_text_survive_write_and_read(tmp_path: Path):
    # json.dumps(ensure_ascii=False) leaves U+2028 and U+0085 raw; str.splitlines would
    # cut the line there. Both readers must split on "\n" only.
    text = "One\u2028two\x85three Bangkok"
    start = text.index("Bangkok")
    document = GoldDocument(
        doc_id="sep",
        text=text,
        spans=[GoldSpan(start=start, end=start + 7, label="LOCATION", code="TH")],
    )
    path = tmp_path / "sep.jsonl"
    write_gold([document, document.model_copy(update={"doc_id": "sep2"})], path)
    assert [d.doc_id for d in read_gold(path)] == ["sep", "sep2"]
    assert check_gold(path) == []


# --------------------------------------------------------------------------- agreement


def full_document(doc_id: str = "full") -> GoldDocument:
    """A document with every label and every claim field set, so no score is undefined."""
    text = (
        "On 18 January 2022 Safeguard Defenders said 229 people were kidnapped in Bangkok "
        "under Article 52 of the Supervision Law, including Xu Zheng. It may not be true."
    )

    def s(surface: str, label: str, **fields) -> GoldSpan:
        start = text.index(surface)
        return GoldSpan(start=start, end=start + len(surface), label=label, text=surface, **fields)

    first_end = text.index("Zheng.") + len("Zheng.")
    return GoldDocument(
        doc_id=doc_id,
        text=text,
        meta={"annotator": "a"},
        spans=[
            s("18 January 2022", "DATE", value="2022-01-18"),
            s("Safeguard Defenders", "ORG", name="Safeguard Defenders"),
            s("229", "QUANTITY", value=229),
            s("kidnapped", "METHOD", code="ABDUCTION", variant="direct"),
            s("Bangkok", "LOCATION", code="TH"),
            s(
                "Article 52 of the Supervision Law",
                "LEGAL_REF",
                instrument="Supervision Law",
                article="52",
                jurisdiction="CN",
            ),
            s("Xu Zheng", "PERSON", name="Xu Zheng"),
        ],
        claims=[
            GoldClaim(
                start=0,
                end=first_end,
                type="statistic",
                methods=["ABDUCTION"],
                locations=["TH"],
                legal_refs=["Supervision Law#52"],
                targets=["Xu Zheng"],
                source="Safeguard Defenders",
                hedged=True,
                negated=True,
                dates=["2022-01-18"],
                quantities=[229],
            ),
        ],
    )


def _all_scores(report: dict) -> list[float]:
    values = []
    for entry in report["spans"].values():
        for bucket in ("strict", "partial", "normalised"):
            values += [entry[bucket][k] for k in ("p", "r", "f1")]
    values += list(report["method_categories"].values())
    claims = report["claims"]
    values += [claims["detection"][k] for k in ("p", "r", "f1")]
    values += [claims["type_accuracy"], claims["hedged_accuracy"], claims["negated_accuracy"]]
    for name in ("hedged", "negated"):
        values += list(claims[name].values())
    for entry in claims["fields"].values():
        values += list(entry.values())
    return values


def test_agree_identical_is_one_everywhere():
    documents = [full_document()]
    report = agree(documents, copy.deepcopy(documents))
    scores = _all_scores(report)
    # 8 span rows x 9 + 3 categories + 3 detection + 3 accuracies + 6 flags + 7 x 3 fields.
    assert len(scores) == 8 * 9 + 3 + 3 + 3 + 6 + 21
    assert all(v == 1.0 for v in scores)
    assert report["only_in_a"] == [] and report["only_in_b"] == []


def test_agree_scores_only_common_documents():
    one, two, three = full_document("one"), full_document("two"), full_document("three")
    report = agree([one, two], [one, three])
    assert report["documents"] == 1
    assert report["only_in_a"] == ["two"]
    assert report["only_in_b"] == ["three"]
    assert report["missing_predictions"] == []
    assert report["spans"]["micro"]["strict"]["r"] == 1.0


# --------------------------------------------------------------------------- Label Studio


def second_document() -> GoldDocument:
    # A LOCATION with a null code, a LEGAL_REF without article, a claim with defaults.
    text = "Across Southeast Asia, the espionage law was used."
    return GoldDocument(
        doc_id="second",
        text=text,
        spans=[
            GoldSpan(start=7, end=21, label="LOCATION", code=None, text="Southeast Asia"),
            GoldSpan(
                start=27,
                end=40,
                label="LEGAL_REF",
                instrument="espionage law",
                text="espionage law",
            ),
        ],
        claims=[GoldClaim(start=0, end=len(text), type="legal", legal_refs=["espionage law#"])],
    )


@pytest.mark.parametrize("as_predictions", [True, False])
def test_label_studio_round_trip(as_predictions):
    documents = [full_document(), second_document()]
    tasks = to_tasks(documents, as_predictions=as_predictions, model_version="v1")
    key = "predictions" if as_predictions else "annotations"
    assert all(key in task for task in tasks)
    assert tasks[0]["data"]["doc_id"] == "full"
    # Through JSON, as a real export file would be.
    back = from_export(json.loads(json.dumps(tasks)))
    assert back == documents


def test_label_studio_result_shapes():
    [task] = to_tasks([second_document()], as_predictions=True, model_version="v1")
    prediction = task["predictions"][0]
    assert prediction["model_version"] == "v1"
    results = prediction["result"]
    regions = [r for r in results if r["type"] == "labels"]
    # Two spans and one claim region; Southeast Asia has no "code" result (null).
    assert [(r["value"]["start"], r["value"]["labels"]) for r in regions] == [
        (7, ["LOCATION"]),
        (27, ["LEGAL_REF"]),
        (0, ["CLAIM"]),
    ]
    linked = {(r["id"], r["from_name"]): r["value"] for r in results if r["type"] != "labels"}
    assert linked[("s1", "instrument")]["text"] == ["espionage law"]
    assert ("s0", "code") not in linked
    assert json.loads(linked[("c0", "claim")]["text"][0])["legal_refs"] == ["espionage law#"]


def test_labeling_config_defines_every_from_name():
    root = ET.fromstring(labeling_config())
    names = {el.get("name") for el in root.iter() if el.get("name")}
    [task] = to_tasks(
        [
            full_document(),
        ],
        as_predictions=False,
        model_version="v1",
    )
    used = {r["from_name"] for r in task["annotations"][0]["result"]}
    assert used <= names
    labels = {el.get("value") for el in root.iter("Label")}
    assert {
        "METHOD",
        "LOCATION",
        "LEGAL_REF",
        "PERSON",
        "ORG",
        "DATE",
        "QUANTITY",
        "CLAIM",
    } == labels
    assert len([c for c in root.iter("Choice")]) == 24 + 2  # METHOD codes + variants


def test_from_export_prefers_latest_annotation_over_predictions():
    document = second_document()
    [task] = to_tasks([document], as_predictions=True, model_version="v1")
    [annotated] = to_tasks(
        [document.model_copy(update={"spans": document.spans[:1]})],
        as_predictions=False,
        model_version="v1",
    )
    older = copy.deepcopy(annotated["annotations"][0])
    older["result"] = []
    older["updated_at"] = "2024-01-01T00:00:00Z"
    newer = dict(annotated["annotations"][0], updated_at="2024-02-01T00:00:00Z")
    cancelled = {"result": [], "was_cancelled": True, "updated_at": "2025-01-01T00:00:00Z"}
    task["annotations"] = [newer, older, cancelled]
    [back] = from_export([task])
    # The newer annotation holds one span (Southeast Asia) and the claim.
    assert [s.text for s in back.spans] == ["Southeast Asia"]
    assert len(back.claims) == 1


def test_from_export_problems_name_task_and_doc_id():
    tasks = to_tasks([full_document(), second_document()], as_predictions=False, model_version="v1")
    results = tasks[1]["annotations"][0]["result"]
    results[0]["value"]["labels"] = ["PLACE"]  # unknown label
    tasks.append({"data": {"doc_id": "empty", "text": "x"}})  # nothing to read
    claim_area = next(r for r in tasks[0]["annotations"][0]["result"] if r["from_name"] == "claim")
    claim_area["value"]["text"] = ['{"type": "pattern", "mood": "sad"}']
    with pytest.raises(GoldFileError) as caught:
        from_export(tasks)
    found = {(p.line, p.doc_id): p.message for p in caught.value.problems}
    assert "unknown claim field(s) ['mood']" in found[(1, "full")]
    assert "unknown label 'PLACE'" in found[(2, "second")]
    assert found[(3, "empty")] == "no annotation or prediction with a result"


def test_from_export_rejects_shifted_offsets():
    [task] = to_tasks([second_document()], as_predictions=False, model_version="v1")
    region = task["annotations"][0]["result"][0]
    region["value"]["start"] += 1
    region["value"]["end"] += 1
    with pytest.raises(GoldFileError, match="offsets in another unit"):
        from_export([task])


def test_from_export_quantity_must_be_integer():
    [task] = to_tasks([full_document()], as_predictions=False, model_version="v1")
    value = next(
        r
        for r in task["annotations"][0]["result"]
        if r["from_name"] == "value" and r["value"]["text"] == ["229"]
    )
    value["value"]["text"] = ["many"]
    with pytest.raises(GoldFileError, match="QUANTITY value 'many' is not an integer"):
        from_export([task])
