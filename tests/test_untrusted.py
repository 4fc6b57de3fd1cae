"""Documents are untrusted: hostile text must stay inert in every output.

A report may quote markup or spreadsheet formulas, by accident or on purpose. The
document here opens its sentences with ``<script>``, an ``onerror`` image, a
``javascript:`` link and spreadsheet formulas (``=HYPERLINK(...)``, ``+1+1``, ``-2``,
``@SUM(A1)``), and its ``SOURCES.tsv`` row carries the same in its title, publisher and
URL. After ``claims run`` (real CLI):

* ``claims.csv`` cells are neutralised: no cell starts with ``= + - @``, tab or CR;
* ``claims report`` writes a page with no ``<script>``, frame, object or image element,
  no ``on*`` attribute and no ``javascript:`` URL, and shows the hostile text as text;
* :func:`tnr_claims.review.render_document` (the notebooks' renderer) likewise;
* ingesting and processing an HTML page full of remote resources opens no connection.
"""

from __future__ import annotations

import csv
import json
import socket
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tnr_claims.records import DocumentRecord
from tnr_claims.review.markup import render_document
from tnr_claims.text.ingest import read_document

pytestmark = pytest.mark.model

FORMULAS = ('=HYPERLINK("http://evil","x")', "+1+1", "-2", "@SUM(A1)")
MARKUP = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
)

HOSTILE = (
    "\n\n".join(
        [
            "Hostile report <script>alert(1)</script>",
            f"{FORMULAS[0]} Police in Bangkok detained the exiled activist on 3 May 2021, "
            "according to Amnesty International.",
            f"{FORMULAS[1]} Chinese agents abducted the journalist in Thailand and forcibly "
            "returned him to China, the group said.",
            f"{FORMULAS[2]} relatives of the dissident were detained in Xinjiang, Human Rights "
            "Watch said.",
            f"{FORMULAS[3]} police in Cairo arrested 37 Uighur students and deported them to "
            "China, activists said.",
            f"{MARKUP[1]} Turkish intelligence officers kidnapped the teacher in Kenya, according "
            "to a court ruling.",
            f"{MARKUP[2]} The government pressured his family in Iran to persuade him to return, "
            "Amnesty International said.",
        ]
    )
    + "\n"
)
"""A text document whose sentences (and so claims) open with markup and formulas."""

HOSTILE_TITLE = "<img src=x onerror=alert(2)>=cmd|' /C calc'!A0"
SOURCES = (
    "filename\ttitle\tpublisher\tdate\turl\n"
    f'hostile.txt\t{HOSTILE_TITLE}\t=HYPERLINK("http://evil")\t2021-05-03\tjavascript:alert(3)\n'
)

FORMULA_ID = "=SUM(1+1)"
"""A file name is untrusted too: its stem becomes the doc_id, a CSV cell of every row."""
NAMED_BY_FORMULA = (
    "A note\n\nPolice in Bangkok detained the exiled activist, according to Amnesty "
    "International.\n"
)

REMOTE_PAGE = """<!doctype html><html><head><title>Activist detained abroad</title>
<base href="http://base.example.invalid/">
<meta http-equiv="refresh" content="0; url=http://refresh.example.invalid/">
<link rel="stylesheet" href="http://css.example.invalid/a.css">
<link rel="preload" href="https://font.example.invalid/f.woff2" as="font">
<style>@import url("http://import.example.invalid/b.css");
body { background: url(http://bg.example.invalid/x.png) }</style>
<script src="http://js.example.invalid/tracker.js"></script>
<script>fetch("http://fetch.example.invalid/beacon")</script>
</head><body>
<iframe src="http://frame.example.invalid/ad.html"></iframe>
<article><h1>Activist detained abroad</h1>
<img src="http://img.example.invalid/photo.jpg" srcset="http://img.example.invalid/2x.jpg 2x">
<p>Police in Bangkok detained the exiled activist on 3 May 2021, according to Amnesty
International, and his relatives in China were questioned by state security officers.</p>
<video src="http://video.example.invalid/v.mp4" poster="http://img.example.invalid/p.jpg"></video>
<object data="http://object.example.invalid/x.swf"></object>
<p>He was later deported to China, where he faces charges of subversion, the group said in
a statement published on its website.</p>
<a href="http://link.example.invalid/more">Read more</a>
</article></body></html>"""


# --------------------------------------------------------------------------- helpers


class _Collector(HTMLParser):
    """Tags, attributes and text of an HTML page (character references resolved)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []
        self.text: list[str] = []

        self.elements: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(tag, name, value or "") for name, value in attrs]
        self.elements.append((tag, {name: value or "" for name, value in attrs}))

    def attrs_of(self, tag: str, name: str, value: str) -> dict[str, str]:
        """Attributes of the first ``tag`` element whose ``name`` attribute is ``value``."""
        return next((a for t, a in self.elements if t == tag and a.get(name) == value), {})

    handle_startendtag = handle_starttag

    def handle_data(self, data: str) -> None:
        self.text.append(data)


FORBIDDEN_TAGS = {
    "script",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "img",
    "svg",
    "math",
    "form",
    "base",
    "link",
    "video",
    "audio",
    "source",
}


def assert_inert(page: str) -> _Collector:
    """Check ``page`` can run nothing and load nothing; return what was parsed."""
    parsed = _Collector()
    parsed.feed(page)
    parsed.close()
    assert not FORBIDDEN_TAGS & set(parsed.tags), sorted(FORBIDDEN_TAGS & set(parsed.tags))
    for tag, name, value in parsed.attrs:
        assert not name.startswith("on"), f"event handler {name}= on <{tag}>"
        squashed = "".join(value.split()).lower()
        for scheme in ("javascript:", "vbscript:", "data:text/html"):
            assert scheme not in squashed, f"{scheme} in {tag} {name}={value!r}"
        if name == "href":
            assert value.startswith("#"), f"link out of the page: {value!r}"
        assert name not in ("src", "srcset", "action", "formaction", "background")
        if name == "style":
            assert "url(" not in squashed and "expression(" not in squashed
        if tag == "meta" and name == "http-equiv":
            assert value.lower() != "refresh"
    return parsed


@dataclass
class HostileRun:
    out: Path
    report: Path
    run: subprocess.CompletedProcess[str]
    report_result: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> HostileRun:
    base = tmp_path_factory.mktemp("hostile")
    inputs = base / "inputs"
    inputs.mkdir()
    (inputs / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (inputs / "SOURCES.tsv").write_text(SOURCES, encoding="utf-8")
    (inputs / f"{FORMULA_ID}.txt").write_text(NAMED_BY_FORMULA, encoding="utf-8")
    out = base / "out"
    run = subprocess.run(
        [sys.executable, "-m", "tnr_claims.cli", "run", str(inputs), "-o", str(out), "--quiet"],
        cwd=base,
        capture_output=True,
        text=True,
        timeout=300,
    )
    page = base / "page.html"
    report = subprocess.run(
        [sys.executable, "-m", "tnr_claims.cli", "report", str(out), "-o", str(page)],
        cwd=base,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return HostileRun(out, page, run, report)


def hostile_record(run: HostileRun, doc_id: str = "hostile") -> DocumentRecord:
    with (run.out / "records.jsonl").open(encoding="utf-8") as handle:
        [record] = [
            DocumentRecord.model_validate_json(line)
            for line in handle
            if json.loads(line)["doc_id"] == doc_id
        ]
    return record


# --------------------------------------------------------------------------- tests


def test_the_hostile_document_is_processed_verbatim(hostile_run: HostileRun) -> None:
    assert hostile_run.run.returncode == 0, hostile_run.run.stderr
    record = hostile_record(hostile_run)
    assert record.text == HOSTILE
    assert record.meta["title"] == HOSTILE_TITLE and record.meta["url"] == "javascript:alert(3)"
    openings = {claim.text[:1] for claim in record.claims}
    assert {"=", "+", "-", "@"} <= openings, "claims must open with the formulas"


def test_claims_csv_cells_are_neutralised(hostile_run: HostileRun) -> None:
    with (hostile_run.out / "claims.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    record = hostile_record(hostile_run)
    named = hostile_record(hostile_run, FORMULA_ID)
    assert len(rows) == len(record.claims) + len(named.claims) and named.claims
    assert {row["doc_id"] for row in rows} == {"hostile", "'" + FORMULA_ID}
    cells = [value for row in rows for value in row.values() if value]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    named_rows = [row for row in rows if row["doc_id"] != "hostile"]
    assert all(row["claim_id"].startswith("'" + FORMULA_ID) for row in named_rows)
    rows = [row for row in rows if row["doc_id"] == "hostile"]
    texts = {row["text"] for row in rows}
    for formula in FORMULAS:
        assert any(text.startswith("'" + formula) for text in texts), formula
    # Neutralising only adds the quote: the cell is still the claim text after it.
    by_start = {int(row["start"]): row for row in rows}
    for claim in record.claims:
        cell = by_start[claim.start]["text"]
        assert cell.removeprefix("'") == claim.text


def test_report_page_runs_nothing_and_loads_nothing(hostile_run: HostileRun) -> None:
    assert hostile_run.report_result.returncode == 0, hostile_run.report_result.stderr
    page = hostile_run.report.read_text(encoding="utf-8")
    parsed = assert_inert(page)
    text = "".join(parsed.text)
    for payload in (*MARKUP, HOSTILE_TITLE, "javascript:alert(3)", FORMULAS[0]):
        assert payload in text, f"{payload!r} must be shown as text"
    policy = dict(parsed.attrs_of("meta", "http-equiv", "Content-Security-Policy"))
    assert "default-src 'none'" in policy.get("content", "")


def test_review_renderer_output_is_inert(hostile_run: HostileRun) -> None:
    record = hostile_record(hostile_run)
    markup = render_document(record, highlight=[0, 1], row_prefix="row-")
    text = "".join(assert_inert(markup).text)
    for payload in MARKUP:
        assert payload in text


def test_processing_a_page_of_remote_resources_opens_no_connection(
    tnr_pipeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts: list[tuple[str, object]] = []

    def refuse(name: str):  # type: ignore[no-untyped-def]
        def blocked(*args: object, **kwargs: object) -> None:
            attempts.append((name, args[1:] if name.startswith("socket.") else args))
            raise OSError(f"network access attempted: {name}")

        return blocked

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))

    path = tmp_path / "remote.html"
    path.write_text(REMOTE_PAGE, encoding="utf-8")
    document = read_document(path)
    [record] = tnr_pipeline.process([(document.doc_id, document.text, document.meta)])

    assert attempts == []
    assert "Police in Bangkok detained" in record.text
    assert "example.invalid" not in record.text
    assert record.spans
    json.loads(record.model_dump_json())  # the record is complete and serialisable
