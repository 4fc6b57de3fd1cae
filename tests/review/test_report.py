"""The HTML report: complete (every claim and span of a run) and inert (no script, no remote load).

Runs are built from hand-made records with :func:`tnr_claims.export.write_outputs`; the
real corpus run is checked too when one exists (``TNR_RUN_DIR``, else ``outputs/``).
The page is parsed with the standard library's :class:`html.parser.HTMLParser`.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import HOSTILE, INFO, markup_problems
from helpers import claim as _claim
from helpers import span as _span

from tnr_claims.export import write_outputs
from tnr_claims.records import DocumentRecord
from tnr_claims.review.markup import span_label_text
from tnr_claims.review.page import CSP, write_report
from tnr_claims.review.runs import iter_records

ROOT = Path(__file__).resolve().parents[2]


# --------------------------------------------------------------------------- records


def plain_record(doc_id: str) -> DocumentRecord:
    """Two paragraphs, two claims, five spans (one METHOD per claim)."""
    s1 = "Agents abducted the activist in Bangkok in 2019, according to Amnesty International."
    s2 = "The court did not order his extradition."
    text = f"A sample report\n\n{s1} The weather was mild.\n\n{s2}"
    return DocumentRecord(
        doc_id=doc_id,
        text=text,
        meta={"title": f"Sample {doc_id}"},
        spans=[
            _span(text, "abducted", "METHOD", code="ABDUCTION"),
            _span(text, "Bangkok", "LOCATION", code="TH"),
            _span(text, "2019", "DATE", value="2019"),
            _span(text, "Amnesty International", "ORG", name="Amnesty International"),
            _span(text, "extradition", "METHOD", code="EXTRADITION"),
        ],
        claims=[
            _claim(
                text,
                s1,
                doc_id,
                type="incident",
                methods=["ABDUCTION"],
                locations=["TH"],
                source="Amnesty International",
                dates=["2019"],
            ),
            _claim(text, s2, doc_id, type="legal", methods=["EXTRADITION"], negated=True),
        ],
        pipeline=INFO,
    )


def hostile_record(doc_id: str) -> DocumentRecord:
    """Markup everywhere a document can put text: text, spans, claims, sources, metadata."""
    s1 = f"Police {HOSTILE[0]} detained him in Cairo."
    s2 = f"Officials {HOSTILE[1]} threatened his family {HOSTILE[2]}, the group said."
    text = f"{HOSTILE[2]}\n\n{s1} {s2}"
    return DocumentRecord(
        doc_id=doc_id,
        text=text,
        meta={
            "title": HOSTILE[0],
            "url": "javascript:alert(1)",
            "publisher": HOSTILE[1],
            "source": "https://evil.example/x.js",
            HOSTILE[1]: HOSTILE[2],
        },
        spans=[
            _span(text, HOSTILE[0], "ORG", name=HOSTILE[1]),
            _span(text, "detained", "METHOD", code="DETENTION"),
            _span(text, "Cairo", "LOCATION", code="EG"),
            _span(text, HOSTILE[1], "PERSON", name=HOSTILE[2]),
            _span(text, "threatened", "METHOD", code="THREAT"),
            _span(
                text,
                HOSTILE[2],
                "LEGAL_REF",
                instrument=HOSTILE[0],
                article=HOSTILE[1],
                jurisdiction="EG",
            ),
        ],
        claims=[
            _claim(
                text,
                s1,
                doc_id,
                type="incident",
                methods=["DETENTION"],
                locations=["EG"],
                source=HOSTILE[2],
                targets=[HOSTILE[1]],
                dates=[HOSTILE[0]],
            ),
            _claim(
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


# --------------------------------------------------------------------------- parsing


class Page(HTMLParser):
    """What the report holds: marks per document section, claim sentences, links, problems."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.problems: list[str] = []
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.csp: list[str] = []
        self.section: int | None = None
        self.marks: dict[int, list[tuple[str, str]]] = {}
        self.claim_text: dict[str, str] = {}
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self._mark: tuple[str, list[str]] | None = None
        self._claim: tuple[str, int, list[str]] | None = None
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.tags.append(tag)
        self.problems += markup_problems(tag, attrs)
        if tag == "meta" and (values.get("http-equiv") or "") == "Content-Security-Policy":
            self.csp.append(values.get("content") or "")
        if "id" in values and values["id"] is not None:
            self.ids.add(values["id"])
            match = re.fullmatch(r"doc-(\d+)", values["id"])
            if tag == "section" and match:
                self.section = int(match.group(1))
        if tag == "a":
            self.hrefs.append(values.get("href") or "")
        classes = (values.get("class") or "").split()
        if self._claim is not None and ("tnr-label" in classes or "tnr-claim-marker" in classes):
            self._skip += 1
        if tag == "mark" and "tnr-span" in classes:
            self._mark = (values.get("data-label") or "", [])
        if tag == "span" and "tnr-claim" in classes:
            self._claim = (values["id"] or "", len(self.stack), [])
        if tag not in ("br", "meta", "hr", "wbr"):
            self.stack.append((tag, values))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("br", "meta", "hr", "wbr"):
            return
        opened, values = self.stack.pop()
        assert opened == tag, f"</{tag}> closes <{opened}>"
        classes = (values.get("class") or "").split()
        if self._claim is not None and ("tnr-label" in classes or "tnr-claim-marker" in classes):
            self._skip -= 1
        if tag == "mark" and self._mark is not None:
            label, parts = self._mark
            self.marks.setdefault(self.section if self.section is not None else -1, []).append(
                (label, "".join(parts))
            )
            self._mark = None
        if self._claim is not None and len(self.stack) == self._claim[1]:
            self.claim_text[self._claim[0]] = "".join(self._claim[2])
            self._claim = None

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][0] == "script":
            self.problems.append("script content")
        if self.stack and self.stack[-1][0] == "style" and re.search(r"url\(|@import", data):
            self.problems.append("remote load in <style>")
        if self._mark is not None:
            self._mark[1].append(data)
        if self._claim is not None and not self._skip:
            self._claim[2].append(data)


def parse(path: Path) -> Page:
    """Parse a written report."""
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def assert_complete(page: Page, records: list[DocumentRecord]) -> None:
    """Every claim has its anchor, a link to it and its sentence; every span its mark."""
    for i, record in enumerate(records):
        assert f"doc-{i}" in page.ids
        for n, claim in enumerate(record.claims):
            anchor = f"doc-{i}-claim-{n}"
            assert anchor in page.ids, anchor
            assert f"#{anchor}" in page.hrefs, anchor
            assert f"doc-{i}-row-{n}" in page.ids
            assert _squash(page.claim_text[anchor]) == _squash(claim.text), anchor
        marks = page.marks.get(i, [])
        assert len(marks) >= len(record.spans), record.doc_id
        shown = list(marks)
        for span in record.spans:
            expected = (span.label, span.text + span_label_text(span))
            assert expected in shown, (record.doc_id, span.label, span.text)
            shown.remove(expected)


def assert_inert(page: Page, html_text: str) -> None:
    """No script, no event handler, no javascript: URL, no remote src/href, CSP present.

    URLs may appear as text (a document's metadata); they never become attributes.
    """
    assert page.problems == []
    assert "script" not in page.tags
    assert page.csp == [CSP]
    assert "script-src" not in CSP and "default-src 'none'" in CSP
    assert all(href.startswith("#") for href in page.hrefs)
    lowered = html_text.lower()
    assert "<script" not in lowered
    assert "onerror=" not in lowered.replace("onerror=alert(1)&gt;", "")


# --------------------------------------------------------------------------- tests


@pytest.fixture()
def small_run(tmp_path: Path) -> tuple[Path, list[DocumentRecord]]:
    records = [plain_record("alpha"), hostile_record(HOSTILE[0]), plain_record("gamma")]
    run = tmp_path / "run"
    write_outputs(records, run)
    (run / "manifest.json").write_text(
        json.dumps({"pipeline_version": "0.1.0", "note": HOSTILE[2]}), encoding="utf-8"
    )
    return run, records


def test_report_holds_every_claim_and_span(small_run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run, records = small_run
    out = write_report(run, tmp_path / "out" / "report.html")
    page = parse(out)
    assert_complete(page, records)
    text = out.read_text(encoding="utf-8")
    assert "Sample alpha" in text and "Sample gamma" in text
    assert "Thailand" in text and "Egypt" in text


def test_report_of_hostile_documents_is_inert(small_run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run, _ = small_run
    out = write_report(run, tmp_path / "report.html")
    text = out.read_text(encoding="utf-8")
    page = parse(out)
    assert_inert(page, text)
    for hostile in HOSTILE:
        escaped = hostile.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert escaped.replace('"', "&quot;") in text  # shown as text


def test_report_with_evaluation(small_run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run, records = small_run
    prf = {"p": 0.5, "r": 0.25, "f1": 0.333}
    report = {
        "documents": 1,
        "spans": {
            "METHOD": {"strict": prf, "partial": prf, "normalised": prf, "support": 3},
            "micro": {"strict": prf, "partial": prf, "normalised": prf},
        },
        "method_categories": prf,
        "claims": {
            "detection": {**prf, "support": 2},
            "type_accuracy": 1.0,
            "fields": {"methods": prf},
            "hedged_accuracy": 1.0,
            "negated_accuracy": 1.0,
            "hedged": prf,
            "negated": prf,
        },
        "method_confusion": {"ABDUCTION": {"DETENTION": 1, HOSTILE[0]: 2}},
        "hashes": {"gold": HOSTILE[1], "patterns": "abc"},
    }
    path = tmp_path / "eval.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    out = write_report(run, tmp_path / "report.html", evaluation=path)
    text = out.read_text(encoding="utf-8")
    page = parse(out)
    assert_inert(page, text)
    assert_complete(page, records)
    assert 'id="evaluation"' in text and "0.333" in text


def test_report_errors(tmp_path: Path) -> None:
    from tnr_claims.errors import ClaimsError

    with pytest.raises(ClaimsError, match="records.jsonl"):
        write_report(tmp_path, tmp_path / "r.html")
    write_outputs([plain_record("a")], tmp_path)
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ClaimsError, match="evaluation report"):
        write_report(tmp_path, tmp_path / "r.html", evaluation=tmp_path / "bad.json")
    assert not (tmp_path / "r.html").exists()


def test_report_of_empty_run(tmp_path: Path) -> None:
    write_outputs([], tmp_path)
    out = write_report(tmp_path, tmp_path / "r.html")
    page = parse(out)
    assert page.problems == [] and page.csp == [CSP]


def test_report_of_corpus_run(corpus_run: Path, tmp_path: Path) -> None:
    """The real pipeline's run of corpus/docs: every claim and span is on the page, inertly."""
    records = list(iter_records(corpus_run))
    assert records
    out = write_report(corpus_run, tmp_path / "report.html")
    page = parse(out)
    assert_complete(page, records)
    assert_inert(page, out.read_text(encoding="utf-8"))
