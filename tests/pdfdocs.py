"""PDF builders for the PDF ingest tests and the extractor measurement (fpdf2 and pypdf).

:func:`briefing_pdf` lays out an invented NGO briefing the way report PDFs are set:
a running header and a page-number footer on every page, a large bold headline that
opens with a number, bold section headings, hard-wrapped body lines (some hyphenated at
the line end), a footnote in small type at the bottom of a page, a page set in two
columns and a reference list. Every line is placed by hand, so the tests know exactly
where each line break and hyphen falls.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

HEADER = "Ruritania Watch | Briefing paper 4/2024"
TITLE = "3 years in exile: how Borduria reaches its critics abroad"


@dataclass
class Block:
    """One block of lines: ``kind`` is ``body``, ``heading``, ``title`` or ``reference``."""

    kind: str
    lines: list[str]


@dataclass
class Page:
    """One page: blocks in one column, or ``left`` and ``right`` columns after ``blocks``."""

    blocks: list[Block] = field(default_factory=list)
    left: list[Block] = field(default_factory=list)
    right: list[Block] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)


def body(*lines: str) -> Block:
    """A body paragraph of hard-wrapped lines."""
    return Block("body", list(lines))


def heading(text: str) -> Block:
    """A bold section heading."""
    return Block("heading", [text])


BRIEFING_PAGES = [
    Page(
        blocks=[
            Block("title", [TITLE]),
            body(
                "Borduria has pursued its critics far beyond its borders. In 2021, Bordurian",
                "police detained the blogger Anna Vell in Thailand and forcibly returned",
                "her to Borduria, where she was held incommunicado for months. This",
                "transna-",
                "tional campaign relies on pressure on families at home.",
            ),
            heading("Surveillance abroad"),
            body(
                "Agents of the Saudi-",
                "led coalition are not the only ones watching. Bordurian officers",
                "monitored exiles in Germany and threatened their relatives, according",
                "to former detainees interviewed for this paper.\u00b9",
            ),
        ],
        footnotes=["1 Interviews held in Klow between March and May 2023."],
    ),
    Page(
        blocks=[
            heading("Pressure on families"),
            body(
                "In 2022, the security service questioned the parents of the activist",
                "Petr Holm in Szohod and confiscated their passports. Relatives of",
                "other exiles were summoned to police stations and told to persuade",
                "them to come home.",
            ),
            body(
                "Officials also froze the bank accounts of two journalists who had fled",
                "to Ruritania, a measure that the government described as lawful.",
            ),
        ]
    ),
    Page(
        blocks=[heading("Cases in two countries")],
        left=[
            body(
                "In Kenya, two Bordurian",
                "students were abducted in",
                "2020 and flown back on a",
                "private plane.",
            ),
        ],
        right=[
            body(
                "In Ruritania, the police",
                "arrested a dissident on an",
                "Interpol notice requested by",
                "Borduria in 2023.",
            ),
        ],
    ),
    Page(
        blocks=[
            heading("References"),
            Block("reference", ["Vell, A. (2022). Exile and return. Ruritania Press."]),
            Block("reference", ["Holm, P. (2023). Families as hostages. Klow University."]),
        ]
    ),
]


def _footer(style: str, number: int, total: int) -> str:
    return {
        "page": f"Page {number}",
        "of": f"{number} of {total}",
        "dash": f"- {number} -",
        "bare": f"{number}",
    }[style]


def briefing_pdf(
    pages: list[Page] | None = None,
    *,
    footer: str = "page",
    header: str | tuple[str, ...] = HEADER,
) -> bytes:
    """A briefing laid out as described in the module docstring, as PDF bytes.

    ``header`` is the running header, or several taken in turn (odd and even pages).
    """
    headers = (header,) if isinstance(header, str) else header
    from fpdf import FPDF

    pages = BRIEFING_PAGES if pages is None else pages
    pdf = FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    for number, page in enumerate(pages, start=1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=8)
        running = headers[(number - 1) % len(headers)]
        if running:
            pdf.set_xy(56, 30)
            pdf.cell(0, 10, running)
        y = 80.0
        for block in page.blocks:
            y = _draw_block(pdf, block, x=56, y=y)
        if page.left or page.right:
            # The right column is drawn first, so the content stream's order is not the
            # reading order: only the page geometry tells the reader where to start.
            top = y
            for block in page.right:
                y = _draw_block(pdf, block, x=310, y=y)
            bottom = y
            y = top
            for block in page.left:
                y = _draw_block(pdf, block, x=56, y=y)
            y = max(y, bottom)
        foot_y = 760.0
        for note in page.footnotes:
            pdf.set_font("Helvetica", size=7)
            pdf.set_xy(56, foot_y)
            pdf.cell(0, 9, note)
            foot_y += 10
        pdf.set_font("Helvetica", size=8)
        pdf.set_xy(280, 805)
        pdf.cell(0, 10, _footer(footer, number, len(pages)))
    return bytes(pdf.output())


def _draw_block(pdf, block: Block, *, x: float, y: float) -> float:
    size, style, leading, after = {
        "title": (20, "B", 26, 18),
        "heading": (14, "B", 18, 6),
        "body": (11, "", 14, 10),
        "reference": (10, "", 13, 6),
    }[block.kind]
    for line in block.lines:
        marker = ""
        if line.endswith("\u00b9"):
            line, marker = line[:-1], "1"
        pdf.set_font("Helvetica", style=style, size=size)
        pdf.set_xy(x, y)
        width = pdf.get_string_width(line)
        pdf.cell(width, leading, line)
        if marker:
            pdf.set_font("Helvetica", size=7)
            pdf.set_xy(x + width + 2, y - 2)
            pdf.cell(6, 9, marker)
        y += leading
    return y + after


def repeated_page_pdf(pages: int, *, lines: int = 40) -> bytes:
    """A compressed-expansion bomb: ``pages`` pages that all share one content stream."""
    from fpdf import FPDF
    from pypdf import PdfReader, PdfWriter

    pdf = FPDF(format="A4", unit="pt")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for row in range(lines):
        pdf.set_xy(56, 60 + row * 18)
        pdf.cell(0, 14, "Police in Ruritania detained the exile again and again, it said.")
    reader = PdfReader(io.BytesIO(bytes(pdf.output())))
    writer = PdfWriter()
    writer.add_page(reader.pages[0])
    first = writer.pages[0]
    for _ in range(pages - 1):
        writer.insert_blank_page(index=len(writer.pages))
        writer.pages[-1][__import__("pypdf").generic.NameObject("/Contents")] = first.raw_get(
            "/Contents"
        )
        writer.pages[-1][__import__("pypdf").generic.NameObject("/Resources")] = first.raw_get(
            "/Resources"
        )
    writer.compress_identical_objects()
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def dense_page_pdf(glyphs: int, *, then: str = "") -> bytes:
    """A page drawing ``glyphs`` tiny letters one by one (megabytes of drawing
    instructions that compress well), then, when ``then`` is given, a normal page."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    base = PdfReader(io.BytesIO(_plain_page(then or "x")))
    writer = PdfWriter()
    writer.add_page(base.pages[0])
    dense = writer.pages[0]
    ops = ["BT /F1 4 Tf"]
    for i in range(glyphs):
        ops.append(f"1 0 0 1 {10 + (i % 100) * 5} {10 + (i // 100) % 160 * 5} Tm (a) Tj")
    ops.append("ET")
    stream = DecodedStreamObject()
    stream.set_data("\n".join(ops).encode())
    font_name = next(iter(dense["/Resources"]["/Font"]))
    stream.set_data(stream.get_data().replace(b"/F1", font_name.encode()))
    dense[NameObject("/Contents")] = writer._add_object(stream)
    dense.compress_content_streams()
    if then:
        writer.add_page(PdfReader(io.BytesIO(_plain_page(then))).pages[0])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _plain_page(text: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.set_xy(56, 100)
    pdf.cell(0, 14, text)
    return bytes(pdf.output())
