"""PDF ingest with layout: words with their position and font -> the report's text.

The text layer of a PDF is a set of positioned words, not a text. This module reads
the words of each page with pdfplumber (chosen over pypdf's layout mode by measurement:
see README, "PDF reports"), within the bounds below, and hands them to
:mod:`tnr_claims.text.pdf_layout`, which rebuilds the text a reader sees (lines and
columns, page furniture, footnotes, paragraphs, hyphens, headings and title).

Bounds
    At most ``max_pages`` pages are read (:data:`DEFAULT_MAX_PAGES`), and at most
    ``max_chars`` characters are extracted: the run's ``--max-bytes``, and never more
    than :data:`CHARS_PER_BYTE` characters per byte of the file (at least
    :data:`MIN_CHAR_BUDGET`): compressed prose gives under two characters a byte (1.4
    measured on a text-only PDF, far less with embedded fonts) and only repeated content
    gives more. A page that draws the very content stream of an earlier page (the
    shape of a compression bomb: one stream shared by thousands of pages) is read once,
    a page whose decoded content streams exceed :data:`MAX_PAGE_CONTENT_BYTES` is
    skipped, and reading stops when the decoded content streams of all pages read pass
    :data:`CONTENT_PER_BYTE` bytes per byte of the file (at least
    :data:`MIN_CONTENT_BUDGET`): content streams compress about ten to one. Each cut
    adds one warning to ``meta["warnings"]``; the text read so far is kept. A PDF that
    gives no text within these bounds is an error (``pdf_over_limits``), never OCR'd.

A PDF without any text is an error, unless the ``ocrmypdf`` program is installed: then
the file is OCR'd into a temporary copy and read again (``meta["ocr"]``).
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tnr_claims.errors import InputError
from tnr_claims.text.pdf_layout import PageLines, drop_furniture, layout_text, page_lines

DEFAULT_MAX_PAGES = 500
"""Pages read from one PDF unless the run says otherwise (``--max-pages``)."""
CHARS_PER_BYTE = 4
"""Extracted characters allowed per byte of the PDF file (see the module docstring)."""
MIN_CHAR_BUDGET = 50_000
"""Characters any PDF may yield, however small the file."""
MAX_PAGE_CONTENT_BYTES = 1_000_000
"""A page whose decoded content streams are longer than this is skipped (a page of dense
text takes under 100 KB; pdfplumber needs about 140 MB and seconds per MB)."""
CONTENT_PER_BYTE = 32
"""Decoded content-stream bytes allowed per byte of the file, over all pages read."""
MIN_CONTENT_BUDGET = 16_000_000
"""Decoded content-stream bytes any PDF may have read, however small the file."""
OCR_TIMEOUT_S = 600
"""Seconds ``ocrmypdf`` may take on one file."""
WORD_GAP = 0.2
"""A gap wider than this share of the type size separates two words (PDFs that draw no
space characters set words apart by position only, often by less than 3 points)."""


# --------------------------------------------------------------------------- reading


@dataclass
class _Budget:
    """What may still be read, and the warnings of every cut."""

    max_pages: int
    max_chars: int
    max_content: int
    chars: int = 0
    content: int = 0
    content_cut: bool = False
    """Pages were skipped or left unread for their drawing instructions."""
    warnings: list[str] = field(default_factory=list)


def char_budget(n_bytes: int, max_bytes: int) -> int:
    """Characters a PDF of ``n_bytes`` may yield (see the module docstring, Bounds)."""
    return min(max_bytes, max(MIN_CHAR_BUDGET, CHARS_PER_BYTE * n_bytes))


def _content_bytes(page: Any) -> int:
    """Length of a page's decoded content streams (pdfminer)."""
    total = 0
    for stream in getattr(page.page_obj, "contents", None) or []:
        try:
            total += len(stream.get_data())
        except Exception:  # noqa: BLE001 - a broken stream is read (or refused) by pdfminer
            continue
    return total


def _content_key(page: Any) -> tuple[int, ...] | None:
    """Object numbers of a page's content streams (``None`` when they are inline)."""
    from pdfminer.pdftypes import PDFObjRef

    refs = page.page_obj.attrs.get("Contents")
    if isinstance(refs, PDFObjRef):
        return (refs.objid,)
    if isinstance(refs, list) and refs and all(isinstance(r, PDFObjRef) for r in refs):
        return tuple(r.objid for r in refs)
    return None


def _read_pages(raw: bytes, budget: _Budget, total: int) -> list[PageLines]:
    """Words of each page (pdfplumber) turned into lines, within ``budget``; ``total``
    is the PDF's page count."""
    import logging

    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its notes are not errors
    pages: list[PageLines] = []
    seen: set[tuple[int, ...]] = set()
    repeats = 0
    skipped: list[int] = []
    wanted = list(range(1, budget.max_pages + 1))
    with pdfplumber.open(io.BytesIO(raw), password="", pages=wanted) as pdf:
        if total > budget.max_pages:
            budget.warnings.append(
                f"PDF has {total:,} pages; read the first {budget.max_pages:,} "
                "(raise the limit with --max-pages)"
            )
        for number, page in enumerate(pdf.pages, start=1):
            key = _content_key(page)
            if key is not None and key in seen:
                repeats += 1
                continue
            if key is not None:
                seen.add(key)
            size = _content_bytes(page)
            if size > MAX_PAGE_CONTENT_BYTES:
                skipped.append(number)
                budget.content_cut = True
                continue
            budget.content += size
            if budget.content > budget.max_content:
                budget.content_cut = True
                budget.warnings.append(
                    f"PDF drawing instructions passed {budget.max_content:,} bytes at page "
                    f"{number} of {total:,} (far more than a file of this size holds); "
                    "the rest is not read"
                )
                break
            words = page.extract_words(extra_attrs=["size", "fontname"], x_tolerance_ratio=WORD_GAP)
            lines = page_lines(words, float(page.width))
            pages.append(PageLines(lines, float(page.width), float(page.height)))
            page.close()
            budget.chars += sum(line.chars + 1 for line in lines)
            if budget.chars > budget.max_chars and number < min(total, budget.max_pages):
                budget.warnings.append(
                    f"PDF text passed {budget.max_chars:,} characters at page {number} of "
                    f"{total:,} (more than a file of this size holds, or over --max-bytes); "
                    "the rest is not read"
                )
                break
    if skipped:
        budget.warnings.append(
            f"{len(skipped):,} PDF page(s) hold over {MAX_PAGE_CONTENT_BYTES:,} bytes of "
            f"drawing instructions each and were skipped (first: page {skipped[0]})"
        )
    if repeats:
        budget.warnings.append(
            f"{repeats:,} PDF pages repeat the content stream of an earlier page; "
            "each content was read once"
        )
    return pages


def _ocr(raw: bytes, max_pages: int) -> bytes | None:
    """The PDF with a text layer made by ``ocrmypdf`` on its first ``max_pages`` pages,
    or ``None`` when the program is missing, fails or takes over :data:`OCR_TIMEOUT_S`."""
    program = shutil.which("ocrmypdf")
    if program is None:
        return None
    with tempfile.TemporaryDirectory(prefix="tnr-ocr-") as folder:
        source, target = Path(folder, "in.pdf"), Path(folder, "out.pdf")
        source.write_bytes(raw)
        try:
            subprocess.run(
                [
                    program,
                    "--quiet",
                    "--force-ocr",
                    "--pages",
                    f"1-{max_pages}",
                    str(source),
                    str(target),
                ],
                check=True,
                capture_output=True,
                timeout=OCR_TIMEOUT_S,
            )
            return target.read_bytes()
        except (OSError, subprocess.SubprocessError):
            return None


def pdf_layout_text(
    raw: bytes,
    *,
    doc_id: str,
    path: str,
    max_pages: int = DEFAULT_MAX_PAGES,
    max_chars: int | None = None,
    ocr: bool = True,
) -> tuple[str, dict[str, Any]]:
    """Text and ``meta`` of a PDF whose file is ``raw`` (see the module docstring).

    Raises:
        InputError: ``pdf_encrypted``, ``pdf_needs_crypto``, ``pdf_corrupt`` or
            ``pdf_no_text`` (no text layer, and no ``ocrmypdf`` to make one).
    """
    info, n_pages = _check(raw, doc_id=doc_id, path=path)
    limit = char_budget(len(raw), max_chars if max_chars is not None else len(raw) * 1000)
    budget = _Budget(
        max_pages=max_pages,
        max_chars=limit,
        max_content=max(MIN_CONTENT_BUDGET, CONTENT_PER_BYTE * len(raw)),
    )
    try:
        pages = _read_pages(raw, budget, n_pages)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many types on broken files
        detail = " ".join(str(exc).split())[:80] or type(exc).__name__
        raise InputError.of("pdf_corrupt", doc_id=doc_id, path=path, detail=detail) from exc
    if not any(page.lines for page in pages) and budget.content_cut:
        raise InputError.of("pdf_over_limits", doc_id=doc_id, path=path, detail=budget.warnings[-1])
    if not any(page.lines for page in pages):
        scanned = _ocr(raw, max_pages) if ocr else None
        if scanned is None:
            raise InputError.of("pdf_no_text", doc_id=doc_id, path=path)
        text, meta = pdf_layout_text(
            scanned, doc_id=doc_id, path=path, max_pages=max_pages, max_chars=max_chars, ocr=False
        )
        meta["ocr"] = True
        meta.setdefault("warnings", []).append("no text layer: text recognised by ocrmypdf")
        return text, meta
    dropped = drop_furniture(pages)
    text, title = layout_text(pages)
    if len(text) > limit:
        cut = text.rfind("\n\n", 0, limit)
        text = text[: cut if cut > 0 else limit]
    meta: dict[str, Any] = {"pages": n_pages, "pages_read": len(pages), "furniture_lines": dropped}
    if title:
        meta["title"] = title
    for key, name in (("/Title", "title"), ("/Author", "author")):
        value = info.get(key)
        if value and str(value).strip() and name not in meta:
            meta[name] = str(value).strip()
    if budget.warnings:
        meta["warnings"] = budget.warnings
    return text, meta


def _check(raw: bytes, *, doc_id: str, path: str) -> tuple[dict[str, Any], int]:
    """Open the PDF with pypdf: encryption, page count and document information."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # repair notes are not errors
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError.of("pdf_encrypted", doc_id=doc_id, path=path)
        n_pages = len(reader.pages)
        info = dict(reader.metadata or {})
    except InputError:
        raise
    except FileNotDecryptedError as exc:
        raise InputError.of("pdf_encrypted", doc_id=doc_id, path=path) from exc
    except DependencyError as exc:
        raise InputError.of("pdf_needs_crypto", doc_id=doc_id, path=path) from exc
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        detail = " ".join(str(exc).split())[:80] or type(exc).__name__
        raise InputError.of("pdf_corrupt", doc_id=doc_id, path=path, detail=detail) from exc
    return info, n_pages


__all__ = [
    "CHARS_PER_BYTE",
    "DEFAULT_MAX_PAGES",
    "char_budget",
    "pdf_layout_text",
]
