"""PDF ingest with layout: generated briefings (fpdf2, pypdf) through the real pdfplumber."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from helpers import make_pdf
from pdfdocs import (
    BRIEFING_PAGES,
    TITLE,
    Page,
    body,
    briefing_pdf,
    dense_page_pdf,
    heading,
    repeated_page_pdf,
)

from tnr_claims.errors import InputError
from tnr_claims.rules.loader import load_patterns
from tnr_claims.text.ingest import read_document
from tnr_claims.text.pdf import CHARS_PER_BYTE
from tnr_claims.text.pdf_layout import NOTES_HEADING, find_gutter, join_hyphenated, page_lines
from tnr_claims.text.segment import segment_text

FURNITURE = ("Ruritania Watch", "Briefing paper", "4/2024", "Page ")


def read(tmp_path: Path, raw: bytes, name: str = "brief.pdf", **options) -> tuple[str, dict]:
    path = tmp_path / name
    path.write_bytes(raw)
    doc = read_document(path, **options)
    return doc.text, doc.meta


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


@pytest.fixture(scope="module")
def briefing(tmp_path_factory) -> tuple[str, dict]:
    return read(tmp_path_factory.mktemp("pdf"), briefing_pdf())


def test_running_header_and_page_numbers_are_dropped(briefing) -> None:
    text, meta = briefing
    for furniture in FURNITURE:
        assert furniture not in text
    assert meta["furniture_lines"] == 8  # a header and a footer on each of 4 pages


def test_headers_that_alternate_on_odd_and_even_pages_are_dropped(tmp_path: Path) -> None:
    pages = BRIEFING_PAGES + [Page(blocks=[body("Exiles in Thailand were watched.")])]
    text, _ = read(tmp_path, briefing_pdf(pages, header=("Ruritania Watch", "Briefing 4/2024")))
    assert "Ruritania Watch" not in text and "Briefing 4/2024" not in text
    assert "Exiles in Thailand were watched." in text


@pytest.mark.parametrize("style", ["page", "of", "dash", "bare"])
def test_every_page_number_style_is_dropped(tmp_path: Path, style: str) -> None:
    text, _ = read(tmp_path, briefing_pdf(footer=style, header=""))
    assert not any(re.fullmatch(r"[-\s]*\d+[-\s]*(of \d+)?|Page \d+", p) for p in paragraphs(text))
    assert not re.search(r"\b[1-4] of 4\b|- [1-4] -", text)


def test_title_opens_the_text_with_its_number(briefing) -> None:
    text, meta = briefing
    assert paragraphs(text)[0] == TITLE
    assert meta["title"] == TITLE


def test_wrapped_lines_join_into_one_paragraph_line(briefing) -> None:
    text, _ = briefing
    first = paragraphs(text)[1]
    assert first.startswith("Borduria has pursued its critics far beyond its borders.")
    assert "Bordurian police detained the blogger Anna Vell in Thailand" in first
    assert first.endswith("pressure on families at home.")
    assert "\n" not in first


def test_line_end_hyphens_are_undone_unless_they_belong_to_the_word(briefing) -> None:
    text, _ = briefing
    assert "This transnational campaign" in text
    assert "transna-" not in text
    assert "Agents of the Saudi-led coalition" in text


@pytest.mark.parametrize(
    ("first", "second", "document", "joined"),
    [
        ("This transna-", "tional campaign", "", "This transnational campaign"),
        ("the repres-", "sion of exiles", "", "the repression of exiles"),
        ("the Saudi-", "led coalition", "", "the Saudi-led coalition"),
        ("a COVID-", "19 rule", "", "a COVID-19 rule"),
        ("anti-", "Bordurian", "", "anti-Bordurian"),
        ("a state-", "sponsored campaign", "", "a state-sponsored campaign"),
        ("in self-", "exile", "", "in self-exile"),
        ("a cross-", "border raid", "a cross-border raid", "a cross-border raid"),
        ("a cross-", "border raid", "", "a crossborder raid"),
        ("a crossbor-", "der raid", "the crossborder raid", "a crossborder raid"),
        ("ends a sentence.", "Next one", "", "ends a sentence. Next one"),
        ("the repres\u00ad", "sion", "", "the repression"),
        ("the transna\u2010", "tional", "", "the transnational"),
        ("from 2019-", "2020 on", "", "from 2019-2020 on"),
        ("pages 3\u2013", "7 of it", "", "pages 3\u20137 of it"),
        ("a dash -", "and more", "", "a dash - and more"),
    ],
)
def test_join_hyphenated(first: str, second: str, document: str, joined: str) -> None:
    assert join_hyphenated(first, second, document) == joined


def word(text: str, x0: float, top: float, size: float = 10.0, font: str = "Arial") -> dict:
    width = 0.5 * size * len(text)
    return {
        "text": text,
        "x0": x0,
        "x1": x0 + width,
        "top": top,
        "bottom": top + size,
        "size": size,
        "fontname": font,
    }


def test_lines_from_words_write_ligatures_as_letters_and_drop_raised_markers() -> None:
    words = [
        word("Police", 50, 100),
        word("\ufb01led", 85, 100),
        word("charges.", 115, 100),
        word("2", 157, 97, size=6),
        word("Next", 50, 114, font="Arial-BoldMT"),
    ]
    lines = page_lines(words, 600)
    assert [line.text for line in lines] == ["Police filed charges.", "Next"]
    assert [line.bold for line in lines] == [False, True]


def test_a_gutter_needs_three_rows_with_a_common_gap() -> None:
    two = [word("Left column line", 50, 100 + 14 * i) for i in range(3)] + [
        word("Right", 320, 100 + 14 * i) for i in range(3)
    ]
    rows = [[w for w in two if w["top"] == 100 + 14 * i] for i in range(3)]
    gutter = find_gutter(rows, 600)
    assert gutter is not None and 130 < gutter < 320
    assert find_gutter(rows[:2], 600) is None
    one = [[word("A", 50, 100), word("line", 60, 100), word("of", 82, 100)]] * 3
    assert find_gutter(one, 600) is None


def test_footnote_marker_is_dropped_and_the_note_moves_to_the_end(briefing) -> None:
    text, _ = briefing
    assert "interviewed for this paper." in text
    assert "paper.1" not in text and "paper. 1" not in text
    parts = paragraphs(text)
    assert parts[-2:] == [NOTES_HEADING, "1 Interviews held in Klow between March and May 2023."]


def test_two_columns_are_read_left_then_right(briefing) -> None:
    text, _ = briefing
    left = (
        "In Kenya, two Bordurian students were abducted in 2020 and flown back on a private plane."
    )
    right = (
        "In Ruritania, the police arrested a dissident on an Interpol notice requested by "
        "Borduria in 2023."
    )
    parts = paragraphs(text)
    assert left in parts and right in parts
    assert parts.index("Cases in two countries") + 1 == parts.index(left)
    assert parts.index(left) + 1 == parts.index(right)


def test_zones_title_headings_body_and_references(briefing) -> None:
    text, _ = briefing
    zones = {text[s.start : s.end]: s.kind for s in segment_text(text, load_patterns().zone_rules)}
    assert zones[TITLE] == "title"
    for name in ("Surveillance abroad", "Pressure on families", "Cases in two countries"):
        assert zones[name] == "heading"
    assert zones["Vell, A. (2022). Exile and return. Ruritania Press."] == "references"
    assert zones["1 Interviews held in Klow between March and May 2023."] == "references"
    bodies = [part for part, kind in zones.items() if kind == "body"]
    assert len(bodies) == 6 and all("Klow" not in part for part in bodies)


def test_a_paragraph_cut_by_a_page_break_is_joined(tmp_path: Path) -> None:
    pages = [
        Page(
            blocks=[
                heading("Pressure abroad"),
                body("Officers of the service questioned the", "parents of"),
            ]
        ),
        Page(blocks=[body("the exile and took their passports.", "Nothing followed.")]),
    ]
    text, _ = read(tmp_path, briefing_pdf(pages))
    assert "questioned the parents of the exile and took their passports." in text
    assert "Page" not in text


def test_prose_cut_before_a_capital_by_a_page_break_is_joined(tmp_path: Path) -> None:
    pages = [
        Page(
            blocks=[
                body(
                    "The blogger Anna Vell was held for two weeks by officers who had", "come from"
                )
            ]
        ),
        Page(blocks=[body("Borduria to question her.", "Nothing followed.")]),
        Page(blocks=[body("Table 2", "Returns by year")]),
        Page(blocks=[body("Germany kept its border open.")]),
    ]
    text, _ = read(tmp_path, briefing_pdf(pages))
    assert "officers who had come from Borduria to question her." in text
    assert "Returns by year\n\nGermany kept" in text


def test_shared_content_stream_bomb_is_read_once(tmp_path: Path) -> None:
    raw = repeated_page_pdf(3000)
    text, meta = read(tmp_path, raw, "bomb.pdf", max_pages=1000)
    assert meta["pages"] == 3000 and meta["pages_read"] == 1
    assert any("repeat the content stream" in w for w in meta["warnings"])
    assert any("read the first 1,000" in w for w in meta["warnings"])
    assert text.count("Police in Ruritania detained the exile") <= 40


def _repeated_text_pdf(pages: int) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    for _ in range(pages):
        pdf.add_page()
        pdf.set_font("Helvetica", size=9)
        for row in range(60):
            pdf.set_xy(40, 40 + row * 12)
            pdf.cell(0, 10, "Agents watched the exile in Thailand, the group said once more. " * 2)
    return bytes(pdf.output())


def test_text_beyond_what_the_file_size_allows_is_cut_with_one_warning(tmp_path: Path) -> None:
    raw = _repeated_text_pdf(20)  # 156,000 characters in 13 KB
    text, meta = read(tmp_path, raw, "dense.pdf")
    assert len(text) <= max(50_000, CHARS_PER_BYTE * len(raw))
    assert meta["pages_read"] < 20
    assert [w for w in meta["warnings"] if "characters" in w] == meta["warnings"]


def test_max_bytes_bounds_the_extracted_characters(tmp_path: Path) -> None:
    raw = _repeated_text_pdf(3)
    text, meta = read(tmp_path, raw, "dense.pdf", max_bytes=len(raw) + 1)
    assert len(text) <= len(raw) + 1
    assert len(meta["warnings"]) == 1


def test_page_limit_keeps_the_first_pages(tmp_path: Path) -> None:
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    pages = [
        Page(blocks=[body(f"Exiles were questioned on {day} in the capital.")]) for day in days
    ]
    text, meta = read(tmp_path, briefing_pdf(pages), max_pages=2)
    assert "Monday" in text and "Tuesday" in text and "Wednesday" not in text
    assert meta["pages"] == 5 and meta["pages_read"] == 2
    assert meta["warnings"] == [
        "PDF has 5 pages; read the first 2 (raise the limit with --max-pages)"
    ]


def test_pdf_without_any_text_is_one_clear_error_even_after_ocr(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf(""))
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert caught.value.reason == "pdf_no_text"
    assert "\n" not in caught.value.message and "ocrmypdf" in caught.value.message


@pytest.mark.skipif(shutil.which("ocrmypdf") is None, reason="needs the ocrmypdf program")
def test_scanned_pdf_is_read_through_ocrmypdf(tmp_path: Path) -> None:
    from fpdf import FPDF
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1700, 300), 255)
    ImageDraw.Draw(image).text(
        (40, 100), "Police detained the exile.", fill=0, font=ImageFont.load_default(size=90)
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    pdf = FPDF(format="A4", unit="pt")
    pdf.add_page()
    pdf.image(io.BytesIO(buffer.getvalue()), x=40, y=60, w=500)
    text, meta = read(tmp_path, bytes(pdf.output()), "scan.pdf")
    assert meta["ocr"] is True
    assert "detained" in text


def test_no_span_or_claim_comes_from_page_furniture(tnr_pipeline, briefing) -> None:
    text, meta = briefing
    record = tnr_pipeline.process_text(text, doc_id="brief", meta=meta)
    notes_start = text.index("\n\nReferences\n\n")
    assert record.claims and all(claim.end <= notes_start for claim in record.claims)
    assert all(span.end <= notes_start for span in record.spans)
    assert not [s for s in record.spans if s.label == "QUANTITY" and s.text in {"4", "1"}]
    assert all(not claim.text.startswith(("years in exile", "3 years")) for claim in record.claims)
    returned = [c for c in record.claims if "forcibly returned" in c.text]
    assert returned and "TH" in returned[0].locations and returned[0].methods
    assert any("DE" in c.locations for c in record.claims)


def test_a_page_of_megabytes_of_drawing_is_skipped_with_one_warning(tmp_path: Path) -> None:
    raw = dense_page_pdf(60_000, then="Police in Thailand detained the exile.")
    text, meta = read(tmp_path, raw, "dense.pdf")
    assert text == "Police in Thailand detained the exile."
    assert meta["pages"] == 2 and meta["pages_read"] == 1
    assert len(meta["warnings"]) == 1 and "drawing instructions" in meta["warnings"][0]


def test_a_pdf_with_no_text_within_the_limits_is_one_error_not_ocr(tmp_path: Path) -> None:
    path = tmp_path / "dense.pdf"
    path.write_bytes(dense_page_pdf(60_000))
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert caught.value.reason == "pdf_over_limits"
    assert "drawing instructions" in caught.value.message and "\n" not in caught.value.message
