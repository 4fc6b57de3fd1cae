"""Measure the PDF extractors the ingest could use (run by hand, not a test).

``python tests/text/measure_pdf_extractors.py`` builds the generated briefing of
``tests/pdfdocs.py`` (repeated to 40 pages) and prints, per extractor, the time per page
(best of three) and what its raw output gives the layout step: whether the two columns
come out one after the other, and whether type size and weight are known (needed for
headings, the title and footnotes). The figures are in README ("PDF reports").
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pdfdocs import BRIEFING_PAGES, briefing_pdf  # noqa: E402

LEFT = ("In Kenya, two Bordurian", "students were abducted in", "2020 and flown back on a")
RIGHT = "In Ruritania, the police"


def _pypdf(raw: bytes, mode: str) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text(extraction_mode=mode) for page in PdfReader(io.BytesIO(raw)).pages]


def _plumber(raw: bytes) -> list[str]:
    import pdfplumber

    from tnr_claims.text.pdf_layout import page_lines

    with pdfplumber.open(io.BytesIO(raw)) as pdf:
        return [
            "\n".join(
                line.text
                for line in page_lines(
                    page.extract_words(extra_attrs=["size", "fontname"], x_tolerance_ratio=0.2),
                    float(page.width),
                )
            )
            for page in pdf.pages
        ]


def _columns_in_order(text: str) -> bool:
    flat = " ".join(text.split())
    left = " ".join(LEFT)
    return left in flat and flat.index(left) < flat.index(RIGHT)


def main() -> None:
    """Print one row per extractor: ms per page, columns in order, font known."""
    raw = briefing_pdf(BRIEFING_PAGES * 10)
    extractors = {
        "pypdf plain": (lambda: _pypdf(raw, "plain"), False),
        "pypdf layout": (lambda: _pypdf(raw, "layout"), False),
        "pdfplumber words + lines": (lambda: _plumber(raw), True),
    }
    n_pages = len(BRIEFING_PAGES) * 10
    for name, (run, fonts) in extractors.items():
        best = min(_timed(run) for _ in range(3))
        pages = run()
        print(
            f"{name:26} {1000 * best / n_pages:7.1f} ms/page  "
            f"columns in order: {_columns_in_order(pages[2])!s:5}  type size/weight: {fonts}"
        )


def _timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
