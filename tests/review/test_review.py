"""Review helpers on hand-built records: filters, flags, rendering, overview and evaluation frames.

The records here are written by hand (a few invented sentences), so these tests need
neither the statistical model nor a pipeline run. The hostile record checks that
document text never becomes markup in :func:`tnr_claims.review.render_document`.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from helpers import HOSTILE, INFO, claim, markup_problems, span

from tnr_claims import review
from tnr_claims.records import DocumentRecord

TEXT = (
    "Agents abducted the activist in Bangkok in 2019, according to Amnesty International. "
    "He said officials may have pressured his family in Vietnam. "
    "The court did not order his extradition. "
    "The weather was mild."
)


def sample_record(doc_id: str = "sample") -> DocumentRecord:
    """Three claims (one plain, one hedged by anaphora, one negated) and six spans."""
    s1 = "Agents abducted the activist in Bangkok in 2019, according to Amnesty International."
    s2 = "He said officials may have pressured his family in Vietnam."
    s3 = "The court did not order his extradition."
    return DocumentRecord(
        doc_id=doc_id,
        text=TEXT,
        meta={"title": "A sample report", "publisher": "Nobody"},
        spans=[
            span(TEXT, "abducted", "METHOD", code="ABDUCTION"),
            span(TEXT, "Bangkok", "LOCATION", code="TH"),
            span(TEXT, "2019", "DATE", value="2019"),
            span(TEXT, "Amnesty International", "ORG", name="Amnesty International"),
            span(
                TEXT,
                "pressured his family",
                "METHOD",
                code="FAMILY_PRESSURE",
                context_rules=["family-context"],
            ),
            span(TEXT, "Vietnam", "LOCATION", code="VN"),
            span(TEXT, "extradition", "METHOD", code="EXTRADITION"),
        ],
        claims=[
            claim(
                TEXT,
                s1,
                doc_id,
                type="incident",
                methods=["ABDUCTION"],
                locations=["TH"],
                source="Amnesty International",
                source_rule="according_to",
                dates=["2019"],
            ),
            claim(
                TEXT,
                s2,
                doc_id,
                type="pattern",
                methods=["FAMILY_PRESSURE"],
                locations=["VN"],
                source="Amnesty International",
                hedged=True,
                source_rule="pronoun_speaker",
            ),
            claim(TEXT, s3, doc_id, type="legal", methods=["EXTRADITION"], negated=True),
        ],
        pipeline=INFO,
    )


def hostile_record(doc_id: str = "<script>alert('id')</script>") -> DocumentRecord:
    """A record whose text, spans, claim, source and metadata carry markup."""
    text = (
        f"Police {HOSTILE[0]} detained him in Cairo. "
        f"Officials {HOSTILE[1]} threatened his family {HOSTILE[2]}, the group said."
    )
    s1 = f"Police {HOSTILE[0]} detained him in Cairo."
    s2 = f"Officials {HOSTILE[1]} threatened his family {HOSTILE[2]}, the group said."
    return DocumentRecord(
        doc_id=doc_id,
        text=text,
        meta={"title": HOSTILE[0], "url": "javascript:alert(1)", "publisher": HOSTILE[1]},
        spans=[
            span(text, HOSTILE[0], "ORG", name=HOSTILE[0]),
            span(text, "detained", "METHOD", code="DETENTION"),
            span(text, "Cairo", "LOCATION", code="EG"),
            span(text, HOSTILE[1], "PERSON", name=HOSTILE[2]),
            span(text, "threatened", "METHOD", code="THREAT"),
            span(text, HOSTILE[2], "LEGAL_REF", instrument=HOSTILE[0], article=HOSTILE[1]),
        ],
        claims=[
            claim(
                text,
                s1,
                doc_id,
                type="incident",
                methods=["DETENTION"],
                locations=["EG"],
                source=HOSTILE[2],
                targets=[HOSTILE[1]],
            ),
            claim(
                text,
                s2,
                doc_id,
                type="incident",
                methods=["THREAT"],
                source=HOSTILE[0],
                legal_refs=[f"{HOSTILE[0]}#{HOSTILE[1]}"],
            ),
        ],
        warnings=[HOSTILE[1]],
        pipeline=INFO,
    )


class MarkupAudit(HTMLParser):
    """Collect a page's tags, ids, links and marks, and what it would execute or load
    (:func:`helpers.markup_problems`)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.problems: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.marks: list[tuple[dict[str, str | None], str]] = []
        self._mark: dict[str, str | None] | None = None
        self._mark_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.problems += markup_problems(tag, attrs)
        for name, value in attrs:
            if name == "href":
                self.hrefs.append((value or "").strip())
            if name == "id" and value is not None:
                self.ids.append(value)
        if tag == "mark":
            self._mark = dict(attrs)
            self._mark_text = []

    def handle_data(self, data: str) -> None:
        if self._mark is not None:
            self._mark_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark" and self._mark is not None:
            self.marks.append((self._mark, "".join(self._mark_text)))
            self._mark = None


def audit(markup: str) -> MarkupAudit:
    """Parse ``markup`` and return what it holds."""
    parser = MarkupAudit()
    parser.feed(markup)
    parser.close()
    return parser


# --------------------------------------------------------------------------- render_document


def test_render_document_marks_every_span_with_its_label_and_code() -> None:
    record = sample_record()
    found = audit(review.render_document(record))
    assert not found.problems
    assert len(found.marks) == len(record.spans)
    for (attrs, content), sp in zip(found.marks, record.spans, strict=True):
        assert attrs["data-label"] == sp.label
        assert content.startswith(sp.text)
        assert content.endswith(review.span_label_text(sp))
    shown = [content for _, content in found.marks]
    assert shown[0].endswith("METHOD ABDUCTION")
    assert shown[1].endswith("LOCATION TH")


def test_render_document_anchors_each_claim_and_highlights() -> None:
    record = sample_record()
    markup = review.render_document(record, highlight=1)
    found = audit(markup)
    assert [i for i in found.ids if i.startswith("claim-")] == ["claim-0", "claim-1", "claim-2"]
    assert 'class="tnr-claim tnr-claim-focus" id="claim-1"' in markup
    assert "The weather was mild." in markup
    prefixed = audit(
        review.render_document(record, anchor_prefix="doc-3-claim-", row_prefix="doc-3-row-")
    )
    assert "doc-3-claim-2" in prefixed.ids
    assert "#doc-3-row-0" in prefixed.hrefs


def test_render_document_keeps_text_in_order() -> None:
    record = sample_record()
    found = audit(review.render_document(record))
    assert not found.problems
    text = "".join(content for _, content in found.marks)
    assert "abducted" in text and "extradition" in text


@pytest.mark.parametrize("doc_id", ["<script>alert('id')</script>", "plain-id"])
def test_render_document_escapes_hostile_text(doc_id: str) -> None:
    record = hostile_record(doc_id)
    markup = review.render_document(record)
    found = audit(markup)
    assert found.problems == []
    assert "script" not in found.tags and "img" not in found.tags and "a" not in found.tags
    assert "<script" not in markup and "<img" not in markup and '<a href="javascript' not in markup
    shown = {
        content.split("ORG")[0].split("PERSON")[0].split("LEGAL_REF")[0]
        for _, content in found.marks
    }
    for hostile in HOSTILE:
        assert hostile in shown  # visible as text, never as markup


def test_claims_html_and_links_escape_hostile_text() -> None:
    record = hostile_record()
    table = review.claims_table([record])
    markup = review.claims_html(table, row_prefix="row-")
    found = audit(markup + review.claim_link(1, text=HOSTILE[2]))
    assert found.problems == []
    assert sorted(found.hrefs) == ["#claim-0", "#claim-1", "#claim-1"]
    assert {"row-0", "row-1"} <= set(found.ids)


# --------------------------------------------------------------------------- claims_table


def test_claims_table_columns_and_flag_order() -> None:
    table = review.claims_table([sample_record()])
    assert list(table.columns) == list(review.CLAIM_COLUMNS)
    assert len(table) == 3
    assert list(table["claim"]) == [1, 2, 0]
    assert table.loc[0, "review"] == "hedged; indirect source; context rule"
    assert table.loc[1, "review"] == "negated"
    assert table.loc[2, "review"] == ""
    assert table.loc[2, "anchor"] == "claim-0"


@pytest.mark.parametrize(
    ("filters", "claims"),
    [
        ({}, {0, 1, 2}),
        ({"method": "ABDUCTION"}, {0}),
        ({"method": "physical"}, {0}),
        ({"method": ["proxy", "legal"]}, {1, 2}),
        ({"country": "VN"}, {1}),
        ({"country": "thailand"}, {0}),
        ({"country": ["th", "Viet Nam"]}, {0, 1}),
        ({"type": "legal"}, {2}),
        ({"source": "amnesty"}, {0, 1}),
        ({"hedged": True}, {1}),
        ({"hedged": False}, {0, 2}),
        ({"negated": True}, {2}),
        ({"method": "proxy", "hedged": False}, set()),
    ],
)
def test_claims_table_filters(filters: dict[str, Any], claims: set[int]) -> None:
    table = review.claims_table([sample_record()], **filters)
    assert set(table["claim"]) == claims
    assert list(table.columns) == list(review.CLAIM_COLUMNS)


@pytest.mark.parametrize("filters", [{"method": "KIDNAP"}, {"type": "rumour"}])
def test_claims_table_rejects_unknown_values(filters: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="unknown"):
        review.claims_table([sample_record()], **filters)


def test_claims_table_of_several_records_keeps_document_order_within_flags() -> None:
    table = review.claims_table([sample_record("a"), sample_record("b")])
    assert len(table) == 6
    unflagged = table[table["n_flags"] == 0]
    assert list(unflagged["doc_id"]) == ["a", "b"]
    assert list(table["n_flags"]) == sorted(table["n_flags"], reverse=True)


def test_indirect_source_rules_exist_in_the_claims_stage() -> None:
    from tnr_claims.claims import SOURCE_RULES

    assert review.INDIRECT_SOURCE_RULES <= {rule_id for rule_id, _ in SOURCE_RULES}
    assert not review.is_indirect_source("according_to")
    assert not review.is_indirect_source(None)


# --------------------------------------------------------------------------- overview


def test_overview_tables_shapes() -> None:
    tables = review.overview_tables([sample_record("a"), sample_record("b")])
    heat = tables["method_country"]
    assert heat.shape == (8, 3)
    assert list(heat.columns) == ["TH", "VN", "none"]
    assert heat.loc["physical", "TH"] == 2
    assert heat.loc["proxy", "VN"] == 2
    assert heat.loc["legal", "none"] == 2
    assert int(heat.to_numpy().sum()) == 6
    country = tables["country"].set_index("iso")
    assert country.loc["VN", "name"] == "Vietnam"  # pycountry common_name
    assert country.loc["TH", "claims"] == 2 and country.loc["TH", "documents"] == 2
    assert list(tables["source"]["source"]) == ["Amnesty International", "(unattributed)"]
    assert tables["year"].to_dict("list") == {"year": ["2019", "undated"], "claims": [2, 4]}
    method = tables["method"].set_index("code")
    assert method.loc["ABDUCTION", "claims"] == 2 and method.loc["ABDUCTION", "spans"] == 2
    assert tables["totals"].set_index("what")["count"].to_dict() == {
        "documents": 2,
        "claims": 6,
        "spans": 14,
    }


def test_overview_tables_empty() -> None:
    tables = review.overview_tables([])
    assert tables["method_country"].shape == (8, 0)
    assert tables["country"].empty and tables["source"].empty


# --------------------------------------------------------------------------- evaluation


def _prf(p: float) -> dict[str, float]:
    return {"p": p, "r": p / 2, "f1": p / 3}


def make_report() -> dict[str, Any]:
    """A small report in the gold-format.md shape plus the evaluator's extras."""
    labels = {
        label: {"strict": _prf(0.5), "partial": _prf(0.8), "normalised": _prf(0.6), "support": 4}
        for label in ("METHOD", "LOCATION", "LEGAL_REF", "PERSON", "ORG", "DATE", "QUANTITY")
    }
    labels["micro"] = {"strict": _prf(0.5), "partial": _prf(0.8), "normalised": _prf(0.6)}
    return {
        "documents": 1,
        "spans": labels,
        "method_categories": _prf(0.9),
        "claims": {
            "detection": {**_prf(0.7), "support": 5},
            "type_accuracy": 0.5,
            "fields": {"methods": _prf(0.4), "source": _prf(0.3)},
            "hedged_accuracy": 0.9,
            "negated_accuracy": 1.0,
            "hedged": _prf(0.5),
            "negated": _prf(0.0),
        },
        "method_confusion": {
            "ABDUCTION": {"ABDUCTION": 3, "DETENTION": 1},
            "THREAT": {"HARASSMENT": 2},
        },
        "per_pattern": {
            "method-kidnap": {
                "predicted": 4,
                "partial": 3,
                "normalised": 3,
                "precision": 0.75,
                "normalised_precision": 0.75,
            },
            "model:GPE": {
                "predicted": 9,
                "partial": 6,
                "normalised": 5,
                "precision": 0.667,
                "normalised_precision": 0.556,
            },
        },
    }


def test_evaluation_frames_shapes() -> None:
    frames = review.evaluation_frames(make_report())
    labels = frames["labels"]
    assert list(labels.columns) == ["label", "bucket", "metric", "value", "support"]
    assert len(labels) == 8 * 3 * 3
    row = labels[(labels.label == "METHOD") & (labels.bucket == "partial") & (labels.metric == "r")]
    assert float(row["value"].iloc[0]) == pytest.approx(0.4)
    assert len(frames["scores"]) == 8 * 3
    confusion = frames["confusion"]
    assert list(confusion.index) == ["THREAT", "ABDUCTION"]  # codebook order
    assert list(confusion.columns) == ["HARASSMENT", "ABDUCTION", "DETENTION"]
    assert confusion.loc["ABDUCTION", "DETENTION"] == 1
    assert confusion.loc["THREAT", "ABDUCTION"] == 0
    assert list(frames["per_pattern"]["pattern"]) == ["model:GPE", "method-kidnap"]
    claims = frames["claims"].set_index("what")
    assert claims.loc["detection", "support"] == 5
    assert claims.loc["type", "accuracy"] == 0.5
    assert claims.loc["field: methods", "p"] == 0.4


def test_evaluation_frames_of_minimal_report() -> None:
    frames = review.evaluation_frames({"documents": 0, "spans": {}, "claims": {}})
    assert frames["confusion"].shape == (0, 0)
    assert frames["per_pattern"].empty
    assert set(frames["labels"]["value"]) == {0.0}


def test_error_table_sorts_and_puts_context_last() -> None:
    import pandas as pd

    errors = pd.DataFrame(
        [
            {
                "doc_id": "b",
                "kind": "span",
                "error": "false_positive",
                "label": "ORG",
                "gold_start": None,
                "pred_start": 5,
                "context": "x",
            },
            {
                "doc_id": "a",
                "kind": "span",
                "error": "false_negative",
                "label": "METHOD",
                "gold_start": 30,
                "pred_start": None,
                "context": "y",
            },
            {
                "doc_id": "a",
                "kind": "span",
                "error": "false_negative",
                "label": "METHOD",
                "gold_start": 3,
                "pred_start": None,
                "context": "z",
            },
        ]
    )
    table = review.error_table(errors)
    assert list(table["context"]) == ["z", "y", "x"]
    assert table.columns[-1] == "context"


# --------------------------------------------------------------------------- plots


def test_plots_return_figures() -> None:
    from matplotlib.figure import Figure

    frames = review.evaluation_frames(make_report())
    tables = review.overview_tables([sample_record()])
    figures = [
        review.plot_label_scores(frames["labels"]),
        review.plot_confusion(frames["confusion"]),
        review.plot_method_country(tables["method_country"]),
        review.plot_counts(tables["source"], x="source"),
    ]
    for figure in figures:
        assert isinstance(figure, Figure)
        figure.canvas.draw()


def test_save_figure(tmp_path) -> None:  # type: ignore[no-untyped-def]
    tables = review.overview_tables([sample_record()])
    path = review.save_figure(
        review.plot_method_country(tables["method_country"]), tmp_path / "img" / "heat.png"
    )
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# --------------------------------------------------------------------------- loading


def test_load_run_streams_records(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tnr_claims.export import write_outputs

    write_outputs([sample_record("a"), hostile_record("b")], tmp_path)
    run = review.load_run(tmp_path)
    assert run.doc_ids() == ["a", "b"]
    assert len(run.claims) == 5 and len(run.spans) == 13
    assert run.record("b").doc_id == "b"
    assert run.record(0).doc_id == "a"
    assert len(review.claims_table(run.records())) == 5
    with pytest.raises(KeyError):
        run.record("missing")


def test_load_run_without_records(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(FileNotFoundError, match="claims run"):
        review.load_run(tmp_path)
