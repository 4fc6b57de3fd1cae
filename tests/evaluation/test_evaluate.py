"""Tests of :mod:`tnr_claims.evaluation.scoring` on tiny hand-built documents.

Every expected number is worked out by hand in the comment next to it; offsets are
found with ``str.index`` on the test's own text (never taken from the scorer).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from helpers import assert_report_shape

from tnr_claims.evaluation.error_rows import ERROR_COLUMNS, errors_frame, write_errors_csv
from tnr_claims.evaluation.matching import greedy_match
from tnr_claims.evaluation.render import render_claims_table, render_table, report_markdown
from tnr_claims.evaluation.scoring import hash_files, score
from tnr_claims.records import (
    ClaimProvenance,
    ClaimRecord,
    DocumentRecord,
    GoldClaim,
    GoldDocument,
    GoldSpan,
    PipelineInfo,
    SpanProvenance,
    SpanRecord,
)

LABELS = ("METHOD", "LOCATION", "LEGAL_REF", "PERSON", "ORG", "DATE", "QUANTITY")


def span(text: str, surface: str, label: str, *, nth: int = 0, **fields) -> GoldSpan:
    """A gold span over the ``nth`` occurrence of ``surface`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return GoldSpan(start=start, end=start + len(surface), label=label, **fields)


def at(start: int, end: int, label: str = "DATE", **fields) -> GoldSpan:
    return GoldSpan(start=start, end=end, label=label, **fields)


def claim(start: int, end: int, **fields) -> GoldClaim:
    fields.setdefault("type", "pattern")
    return GoldClaim(start=start, end=end, **fields)


def doc(text: str, spans=(), claims=(), doc_id: str = "d") -> GoldDocument:
    return GoldDocument(doc_id=doc_id, text=text, spans=list(spans), claims=list(claims))


def prf(bucket: dict) -> tuple[float, float, float]:
    return (bucket["p"], bucket["r"], bucket["f1"])


# --------------------------------------------------------------------------- spans

TEXT = "Police in Bangkok detained Xu Zheng and Peng Li."


def test_strict_partial_normalised():
    gold = doc(
        TEXT,
        [
            span(TEXT, "Bangkok", "LOCATION", code="TH"),
            span(TEXT, "detained", "METHOD", code="DETENTION"),
            span(TEXT, "Xu Zheng", "PERSON", name="Xu Zheng"),
            span(TEXT, "Peng Li", "PERSON", name="Peng Li"),
        ],
    )
    pred = doc(
        TEXT,
        [
            span(TEXT, "Bangkok", "LOCATION", code="TH"),  # exact, same code
            span(TEXT, "detained", "METHOD", code="ABDUCTION"),  # exact offsets, wrong code
            span(TEXT, "Xu", "PERSON", name="xu zheng"),  # short; name equal ignoring case
            span(TEXT, "Peng Li", "PERSON", name="Li Peng"),  # exact offsets, wrong name
        ],
    )
    report = score([gold], [pred]).report
    spans = report["spans"]
    # LOCATION: 1 gold, 1 pred, matched in every bucket.
    assert prf(spans["LOCATION"]["normalised"]) == (1.0, 1.0, 1.0)
    assert spans["LOCATION"]["support"] == 1
    # PERSON: strict only Peng Li (1/2); partial both (2/2); normalised only Xu (1/2).
    assert prf(spans["PERSON"]["strict"]) == (0.5, 0.5, 0.5)
    assert prf(spans["PERSON"]["partial"]) == (1.0, 1.0, 1.0)
    assert prf(spans["PERSON"]["normalised"]) == (0.5, 0.5, 0.5)
    assert spans["PERSON"]["support"] == 2
    # METHOD: strict and partial 1/1, normalised 0 (DETENTION != ABDUCTION).
    assert prf(spans["METHOD"]["strict"]) == (1.0, 1.0, 1.0)
    assert prf(spans["METHOD"]["normalised"]) == (0.0, 0.0, 0.0)
    # DETENTION is "legal", ABDUCTION "physical": no category match.
    assert prf(report["method_categories"]) == (0.0, 0.0, 0.0)
    assert report["method_confusion"] == {"DETENTION": {"ABDUCTION": 1}}
    # micro over 4 gold / 4 pred: strict 3 (Bangkok, detained, Peng Li) -> 0.75;
    # partial 4 -> 1.0; normalised 2 (Bangkok, Xu) -> 0.5.
    assert prf(spans["micro"]["strict"]) == (0.75, 0.75, 0.75)
    assert prf(spans["micro"]["partial"]) == (1.0, 1.0, 1.0)
    assert prf(spans["micro"]["normalised"]) == (0.5, 0.5, 0.5)
    # A label absent from both sides scores 0, not 1.
    assert prf(spans["ORG"]["strict"]) == (0.0, 0.0, 0.0)
    assert spans["ORG"]["support"] == 0


def test_error_rows_for_boundary_and_normalised():
    gold = doc(
        TEXT,
        [
            span(TEXT, "Xu Zheng", "PERSON", name="Xu Zheng"),
            span(TEXT, "detained", "METHOD", code="DETENTION"),
        ],
    )
    pred = doc(
        TEXT,
        [
            span(TEXT, "Xu", "PERSON", name="Peng"),
            span(TEXT, "detained", "METHOD", code="DETENTION"),
        ],
    )
    errors = score([gold], [pred]).errors
    # Xu/Xu Zheng: offsets differ (boundary) and names differ (normalised): two rows.
    rows = sorted((e.kind, e.error, e.label, e.gold_text, e.pred_text) for e in errors)
    assert rows == [
        ("span", "boundary", "PERSON", "Xu Zheng", "Xu"),
        ("span", "normalised", "PERSON", "Xu Zheng", "Xu"),
    ]
    # No sentences known and no claims: context is the 80-character window = whole text.
    assert errors[0].context == TEXT


def test_normalised_legal_ref_ignores_case_and_jurisdiction():
    text = "Under Article 52 of the Supervision Law, suspects abroad are pursued."
    gold = doc(
        text,
        [
            span(
                text,
                "Article 52 of the Supervision Law",
                "LEGAL_REF",
                instrument="Supervision Law",
                article="52",
                jurisdiction="CN",
            )
        ],
    )
    pred = doc(
        text,
        [
            span(
                text,
                "Supervision Law",
                "LEGAL_REF",
                instrument="supervision law",
                article="52",
                jurisdiction=None,
            )
        ],
    )
    spans = score([gold], [pred]).report["spans"]["LEGAL_REF"]
    assert prf(spans["strict"]) == (0.0, 0.0, 0.0)
    assert prf(spans["normalised"]) == (1.0, 1.0, 1.0)


def test_one_to_one_two_predictions_on_one_gold():
    gold = doc(TEXT, [span(TEXT, "Xu Zheng", "PERSON", name="Xu Zheng")])
    pred = doc(
        TEXT,
        [
            span(TEXT, "Xu", "PERSON", name="Xu Zheng"),
            span(TEXT, "Zheng", "PERSON", name="Xu Zheng"),
        ],
    )
    result = score([gold], [pred])
    # "Zheng" overlaps 5 characters, "Xu" 2: Zheng is matched, Xu is a false positive.
    # partial: p = 1/2, r = 1/1, f1 = 2 * 0.5 * 1 / 1.5 = 2/3.
    p, r, f1 = prf(result.report["spans"]["PERSON"]["partial"])
    assert (p, r) == (0.5, 1.0)
    assert f1 == pytest.approx(2 / 3)
    fps = [e for e in result.errors if e.error == "false_positive"]
    assert [(e.pred_text, e.pred_start) for e in fps] == [("Xu", TEXT.index("Xu"))]


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        # Largest overlap first: P [2,10) shares 2 with G0 [0,4) and 6 with G1 [4,12) -> G1.
        ([(0, 4), (4, 12)], [(2, 10)], [(1, 0)]),
        # Tie (2 and 2): P [2,8) vs G0 [0,4) and G1 [6,10) -> the earlier gold, G0.
        ([(0, 4), (6, 10)], [(2, 8)], [(0, 0)]),
        # Tie on predictions: G [4,8) vs P0 [2,6) and P1 [6,10), 2 each -> earlier P0.
        ([(4, 8)], [(2, 6), (6, 10)], [(0, 0)]),
        # Greedy, not optimal: G0 [0,6) G1 [6,8); P0 [3,7) overlaps G0 by 3 and G1 by 1,
        # P1 [5,6) overlaps G0 by 1. Take (G0,P0) first; P1 can only go to G0 (taken).
        ([(0, 6), (6, 8)], [(3, 7), (5, 6)], [(0, 0)]),
        # Disjoint intervals never pair, touching ones ([0,4) and [4,8)) neither.
        ([(0, 4)], [(4, 8)], []),
    ],
)
def test_greedy_match_tie_breaking(gold, pred, expected):
    gold_items = [at(s, e) for s, e in gold]
    pred_items = [at(s, e) for s, e in pred]
    assert greedy_match(gold_items, pred_items) == expected


def test_tie_goes_to_earlier_gold_in_the_report():
    text = "abcdefghijkl"
    gold = doc(text, [at(0, 4), at(6, 10)])
    pred = doc(text, [at(2, 8)])
    errors = score([gold], [pred]).errors
    # G [0,4) is matched (boundary error), G [6,10) is the false negative.
    fns = [e for e in errors if e.error == "false_negative"]
    assert [(e.gold_start, e.gold_end) for e in fns] == [(6, 10)]


def test_label_error_and_untyped_boundary_bucket():
    gold = doc(TEXT, [span(TEXT, "Xu Zheng", "PERSON", name="Xu Zheng")])
    pred = doc(TEXT, [span(TEXT, "Xu Zheng", "ORG", name="Xu Zheng")])
    result = score([gold], [pred])
    report = result.report
    # Typed: nothing matches (0 everywhere); untyped: the one pair matches exactly.
    assert prf(report["spans"]["micro"]["partial"]) == (0.0, 0.0, 0.0)
    assert prf(report["boundary"]["micro"]["exact"]) == (1.0, 1.0, 1.0)
    assert report["boundary"]["label_mismatches"] == 1
    # Per label: PERSON gold found (r=1) but no PERSON predictions (p=0); ORG the reverse.
    assert prf(report["boundary"]["PERSON"]["overlap"])[:2] == (0.0, 1.0)
    assert prf(report["boundary"]["ORG"]["overlap"])[:2] == (1.0, 0.0)
    assert [(e.error, e.label, e.pred_label) for e in result.errors] == [("label", "PERSON", "ORG")]


def test_method_categories_match_across_codes_of_one_category():
    text = "Relatives were pressured and assets frozen."
    gold = doc(text, [span(text, "pressured", "METHOD", code="FAMILY_PRESSURE")])
    pred = doc(text, [span(text, "pressured", "METHOD", code="ASSET_FREEZE")])
    report = score([gold], [pred]).report
    # Both codes are "proxy": category 1/1; normalised 0.
    assert prf(report["method_categories"]) == (1.0, 1.0, 1.0)
    assert prf(report["spans"]["METHOD"]["normalised"]) == (0.0, 0.0, 0.0)


# --------------------------------------------------------------------------- claims

CLAIM_TEXT = "".join(f"Sentence{i}." for i in range(6))
"""Six 10-character sentences: sentence i is [10 i, 10 i + 10)."""


@pytest.mark.parametrize(
    ("gold", "pred", "matched"),
    [
        ((0, 10), (5, 15), True),  # overlap 5, shorter 10: exactly half counts
        ((0, 10), (6, 16), False),  # overlap 4 < 5
        ((0, 20), (0, 4), True),  # overlap 4 = the whole shorter claim
        ((0, 20), (17, 25), False),  # overlap 3, shorter 8: 3 < 4
        ((0, 20), (16, 24), True),  # overlap 4, shorter 8: exactly half
        ((0, 10), (10, 20), False),  # touching, no overlap
    ],
)
def test_claim_half_overlap_rule(gold, pred, matched):
    report = score(
        [doc(CLAIM_TEXT, claims=[claim(*gold)])], [doc(CLAIM_TEXT, claims=[claim(*pred)])]
    ).report
    expected = 1.0 if matched else 0.0
    assert prf(report["claims"]["detection"]) == (expected, expected, expected)
    assert report["claims"]["detection"]["support"] == 1


def test_field_scores_count_missed_and_spurious_claims():
    gold = doc(
        CLAIM_TEXT,
        claims=[
            claim(0, 10, methods=["ABDUCTION", "DETENTION"], locations=["TH"]),
            claim(10, 20, methods=["THREAT"]),  # missed
        ],
    )
    pred = doc(
        CLAIM_TEXT,
        claims=[
            claim(0, 10, methods=["ABDUCTION"], locations=["TH", "VN"]),
            claim(30, 40, methods=["SURVEILLANCE"]),  # spurious
        ],
    )
    claims = score([gold], [pred]).report["claims"]
    # detection: 2 gold, 2 pred, 1 pair -> 0.5 / 0.5 / 0.5.
    assert prf(claims["detection"]) == (0.5, 0.5, 0.5)
    # methods: tp ABDUCTION = 1; fn DETENTION + THREAT (missed claim) = 2;
    # fp SURVEILLANCE (spurious claim) = 1. p = 1/2, r = 1/3, f1 = (1/3) / (5/6) = 0.4.
    p, r, f1 = prf(claims["fields"]["methods"])
    assert (p, r) == (0.5, pytest.approx(1 / 3))
    assert f1 == pytest.approx(0.4)
    # locations: tp TH, fp VN, fn none -> p 1/2, r 1, f1 2/3.
    p, r, f1 = prf(claims["fields"]["locations"])
    assert (p, r, f1) == (0.5, 1.0, pytest.approx(2 / 3))


def test_hedged_true_class_scores():
    # G0 hedged ~ P0 hedged  (tp)          G1 hedged ~ P1 not   (fn)
    # G2 not    ~ P2 hedged  (fp)          G3 hedged, missed    (fn)
    # G4 not    ~ P4 not     (agree)       P5 hedged, spurious  (fp)
    gold = doc(
        CLAIM_TEXT,
        claims=[
            claim(0, 10, hedged=True),
            claim(10, 20, hedged=True),
            claim(20, 30),
            claim(30, 40, hedged=True),
            claim(40, 50),
        ],
    )
    pred = doc(
        CLAIM_TEXT,
        claims=[
            claim(0, 10, hedged=True),
            claim(10, 20),
            claim(20, 30, hedged=True),
            claim(40, 50),
            claim(50, 60, hedged=True),
        ],
    )
    claims = score([gold], [pred]).report["claims"]
    # gold hedged = G0, G1, G3 = 3; predicted hedged = P0, P2, P5 = 3; tp = 1.
    p, r, f1 = prf(claims["hedged"])
    assert (p, r, f1) == (pytest.approx(1 / 3), pytest.approx(1 / 3), pytest.approx(1 / 3))
    # accuracy over the 4 pairs: G0/P0 and G4/P4 agree -> 2/4.
    assert claims["hedged_accuracy"] == 0.5
    # nothing negated anywhere: accuracy 4/4, true-class P/R/F1 undefined -> 0.
    assert claims["negated_accuracy"] == 1.0
    assert prf(claims["negated"]) == (0.0, 0.0, 0.0)
    # detection: 5 gold, 5 pred, 4 pairs -> 0.8.
    assert prf(claims["detection"]) == (0.8, 0.8, pytest.approx(0.8))


def test_source_targets_legal_refs_compare_case_insensitively():
    gold = doc(
        CLAIM_TEXT,
        claims=[
            claim(
                0,
                10,
                source="Safeguard Defenders",
                targets=["Xu Zheng"],
                legal_refs=["Supervision Law#52"],
                type="legal",
            )
        ],
    )
    pred = doc(
        CLAIM_TEXT,
        claims=[
            claim(
                0,
                10,
                source="safeguard defenders",
                targets=["XU ZHENG"],
                legal_refs=["supervision law#52"],
                type="incident",
            )
        ],
    )
    result = score([gold], [pred])
    fields = result.report["claims"]["fields"]
    for name in ("source", "targets", "legal_refs"):
        assert prf(fields[name]) == (1.0, 1.0, 1.0), name
    # Type differs: accuracy 0/1, and one claim_field "label" row for it, nothing else.
    assert result.report["claims"]["type_accuracy"] == 0.0
    assert [(e.kind, e.error, e.label) for e in result.errors] == [("claim_field", "label", "type")]


def test_source_is_a_set_of_one():
    gold = doc(CLAIM_TEXT, claims=[claim(0, 10, source="Safeguard Defenders"), claim(10, 20)])
    pred = doc(
        CLAIM_TEXT, claims=[claim(0, 10, source="Human Rights Watch"), claim(10, 20, source="CCDI")]
    )
    fields = score([gold], [pred]).report["claims"]["fields"]
    # gold sources: {SD} and {} -> 1 item; predicted {HRW} and {CCDI} -> 2; tp 0.
    assert prf(fields["source"]) == (0.0, 0.0, 0.0)
    counts = score([gold], [pred]).report["counts"]["claims"]["fields"]["source"]
    assert (counts["tp"], counts["fp"], counts["fn"]) == (0, 2, 1)


# --------------------------------------------------------------------------- documents


def test_empty_documents_give_zeros_and_no_errors():
    result = score([doc("Nothing here.")], [doc("Nothing here.")])
    report = result.report
    assert report["documents"] == 1
    assert result.errors == []
    for label in (*LABELS, "micro"):
        for bucket in ("strict", "partial", "normalised"):
            assert prf(report["spans"][label][bucket]) == (0.0, 0.0, 0.0)
    assert report["claims"]["detection"]["support"] == 0
    assert report["claims"]["type_accuracy"] == 0.0
    assert score([], []).report["documents"] == 0


def test_missing_and_extra_prediction_documents():
    gold_a = doc(
        TEXT, [span(TEXT, "Bangkok", "LOCATION", code="TH")], [claim(0, len(TEXT))], doc_id="a"
    )
    gold_b = doc(TEXT, [span(TEXT, "Bangkok", "LOCATION", code="TH")], doc_id="b")
    pred_b = doc(TEXT, [span(TEXT, "Bangkok", "LOCATION", code="TH")], doc_id="b")
    pred_z = doc(TEXT, [span(TEXT, "Xu", "PERSON", name="Xu")], doc_id="z")
    result = score([gold_a, gold_b], [pred_b, pred_z])
    report = result.report
    assert report["missing_predictions"] == ["a"]
    assert report["extra_predictions"] == ["z"]
    assert report["documents"] == 2
    # LOCATION: gold 2 (a, b), pred 1 (b), tp 1 -> p 1, r 0.5. The extra doc is not scored.
    assert prf(report["spans"]["LOCATION"]["strict"])[:2] == (1.0, 0.5)
    assert report["spans"]["PERSON"]["support"] == 0
    assert prf(report["spans"]["PERSON"]["strict"]) == (0.0, 0.0, 0.0)
    missed = sorted((e.doc_id, e.kind, e.error) for e in result.errors)
    assert missed == [("a", "claim", "false_negative"), ("a", "span", "false_negative")]
    assert report["per_document"]["a"]["spans"]["LOCATION"]["strict"]["r"] == 0.0
    assert report["per_document"]["b"]["spans"]["LOCATION"]["strict"]["r"] == 1.0


def test_duplicate_doc_ids_are_rejected():
    with pytest.raises(ValueError, match="duplicate"):
        score([doc(TEXT), doc(TEXT)], [])


def test_text_mismatch_is_warned():
    report = score([doc(TEXT)], [doc(TEXT + " ")]).report
    assert report["warnings"] == ["d: predicted text differs from the gold text"]


def test_report_has_every_key_of_gold_format():
    # The keys of gold-format.md's "Evaluation report", written out from the spec.
    report = score(
        [doc(TEXT)], [doc(TEXT)], gold_hash="g", patterns_hash="p", pipeline_version="0.1.0"
    ).report
    assert_report_shape(report)
    # Extras of the brief.
    assert report["hashes"]["gold"] == "g" and report["hashes"]["patterns"] == "p"
    assert len(report["hashes"]["gold_content"]) == 64
    assert report["pipeline_version"] == "0.1.0"
    for key in (
        "boundary",
        "method_confusion",
        "per_pattern",
        "per_document",
        "missing_predictions",
    ):
        assert key in report


# --------------------------------------------------------------------------- provenance


def _record(text: str, spans: list[SpanRecord], claims: list[ClaimRecord] = ()) -> DocumentRecord:
    return DocumentRecord(
        doc_id="d",
        text=text,
        spans=spans,
        claims=list(claims),
        sentences=[(0, 28), (29, len(text))],
        pipeline=PipelineInfo(version="0", model="m", model_version="0", patterns_hash="h"),
    )


def test_per_pattern_precision_and_producers_from_records():
    text = "Xu was kidnapped in Bangkok. He was later seen in Hanoi."
    #       0         1         2         3         4         5
    #       0123456789012345678901234567890123456789012345678901234
    # "kidnapped" 7-16, "Bangkok" 20-27, "Hanoi" 50-55; sentences [0,28) [29,56).
    records = _record(
        text,
        [
            SpanRecord(
                start=7,
                end=16,
                label="METHOD",
                text="kidnapped",
                code="ABDUCTION",
                provenance=SpanProvenance(source="rule", pattern_id="ABDUCTION.kidnap"),
            ),
            SpanRecord(
                start=20,
                end=27,
                label="LOCATION",
                text="Bangkok",
                code="VN",
                provenance=SpanProvenance(source="model", model_label="GPE"),
            ),
            SpanRecord(
                start=50,
                end=55,
                label="LOCATION",
                text="Hanoi",
                code="VN",
                provenance=SpanProvenance(source="model", model_label="GPE"),
            ),
        ],
        [
            ClaimRecord(
                doc_id="d",
                start=29,
                end=56,
                text=text[29:56],
                type="incident",
                locations=["VN"],
                provenance=ClaimProvenance(type_rule="incident_person", pipeline_version="0"),
            ),
        ],
    )
    gold = doc(text, [at(7, 16, "METHOD", code="ABDUCTION"), at(20, 27, "LOCATION", code="TH")])
    result = score([gold], [records.to_gold()], records=[records])
    per_pattern = result.report["per_pattern"]
    # The rule: 1 predicted, partial and normalised -> precision 1.
    assert per_pattern["ABDUCTION.kidnap"] == {
        "predicted": 1,
        "partial": 1,
        "normalised": 1,
        "precision": 1.0,
        "normalised_precision": 1.0,
    }
    # The model label: Bangkok (partial, wrong code) and Hanoi (spurious): 2 / 1 / 0.
    assert per_pattern["model:GPE"] == {
        "predicted": 2,
        "partial": 1,
        "normalised": 0,
        "precision": 0.5,
        "normalised_precision": 0.0,
    }
    by_error = {(e.error, e.pred_text): e for e in result.errors}
    assert by_error[("normalised", "Bangkok")].producer == "model:GPE"
    assert by_error[("normalised", "Bangkok")].gold_value == "TH"
    # Context is the record's sentence.
    assert by_error[("false_positive", "Hanoi")].context == "He was later seen in Hanoi."
    # The spurious claim carries its type rule as producer.
    assert by_error[("false_positive", "He was later seen in Hanoi.")].producer == "incident_person"


def test_without_records_per_pattern_is_empty():
    gold = doc(TEXT, [span(TEXT, "Bangkok", "LOCATION", code="TH")])
    result = score([gold], [gold])
    assert result.report["per_pattern"] == {}
    assert result.errors == []


# --------------------------------------------------------------------------- outputs


def test_errors_frame_and_csv(tmp_path: Path):
    text = "=cmd was kidnapped."
    gold = doc(text, [at(0, 4, "ORG", name="=cmd")])
    errors = score([gold], [doc(text)]).errors
    frame = errors_frame(errors)
    assert list(frame.columns) == list(ERROR_COLUMNS)
    assert len(frame) == 1 and frame.loc[0, "error"] == "false_negative"
    assert list(errors_frame([]).columns) == list(ERROR_COLUMNS)
    path = tmp_path / "errors.csv"
    assert write_errors_csv(errors, path) == 1
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["gold_text"] == "'=cmd"
    assert rows[0]["gold_value"] == "'=cmd"
    assert rows[0]["doc_id"] == "d"


def test_hash_files_ignores_order_and_folder_but_not_content(tmp_path: Path):
    (tmp_path / "x").mkdir()
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text("1\n")
    b.write_text("2\n")
    first = hash_files([a, b])
    assert first == hash_files([b, a])
    (tmp_path / "x" / "a.jsonl").write_text("1\n")
    assert hash_files([tmp_path / "x" / "a.jsonl", b]) == first
    b.write_text("3\n")
    assert hash_files([a, b]) != first


def test_render_table_and_markdown():
    report = score(
        [doc(TEXT, [span(TEXT, "Bangkok", "LOCATION", code="TH")])],
        [doc(TEXT, [span(TEXT, "Bangkok", "LOCATION", code="TH")])],
    ).report
    table = render_table(report)
    # 7 labels, micro, METHOD category.
    assert table.row_count == 9
    assert render_claims_table(report).row_count > 0
    markdown = report_markdown(report)
    assert "| LOCATION | 1 | 1.000 | 1.000 | 1.000 |" in markdown
    assert "| detection |" in markdown


def test_evaluate_files_runs_the_pipeline_once_and_tolerates_a_failure(tmp_path, monkeypatch):
    """``evaluate_files`` with a stand-in pipeline (the real one needs the model)."""
    import sys
    import types

    from tnr_claims.evaluation.gold import write_gold

    good = doc(TEXT, [span(TEXT, "Bangkok", "LOCATION", code="TH")], doc_id="good")
    bad = doc(TEXT, [span(TEXT, "Xu Zheng", "PERSON", name="Xu Zheng")], doc_id="bad")
    path = tmp_path / "gold.jsonl"
    write_gold([good, bad], path)
    info = PipelineInfo(version="9.9", model="fake", model_version="1", patterns_hash="ph")
    loads = []

    class FakePipeline:
        def __init__(self):
            self.info = info

        @classmethod
        def load(cls, model=None, *, patterns_dir=None):
            loads.append(model)
            return cls()

        def process_text(self, text, *, doc_id, meta=None):
            if doc_id == "bad":
                raise RuntimeError("boom")
            start = text.index("Bangkok")
            return DocumentRecord(
                doc_id=doc_id,
                text=text,
                pipeline=info,
                spans=[
                    SpanRecord(
                        start=start,
                        end=start + 7,
                        label="LOCATION",
                        text="Bangkok",
                        code="TH",
                        provenance=SpanProvenance(source="rule", pattern_id="LOCATION.bangkok"),
                    )
                ],
            )

    monkeypatch.setitem(
        sys.modules, "tnr_claims.extract", types.SimpleNamespace(Pipeline=FakePipeline)
    )
    failures = []
    from tnr_claims.evaluation.scoring import evaluate_files

    result = evaluate_files([path], model="m", on_failure=lambda d, m: failures.append((d, m)))
    report = result.report
    assert loads == ["m"]
    assert failures == [("bad", "RuntimeError: boom")]
    assert report["missing_predictions"] == ["bad"]
    # LOCATION found in "good"; the PERSON of "bad" is missed: micro strict p 1, r 1/2.
    assert prf(report["spans"]["micro"]["strict"])[:2] == (1.0, 0.5)
    assert report["hashes"]["gold"] == hash_files([path])
    assert report["hashes"]["patterns"] == "ph"
    assert (report["pipeline_version"], report["model"]) == ("9.9", "fake==1")
    assert report["per_pattern"]["LOCATION.bangkok"]["precision"] == 1.0
