"""PDF page layout: positioned words of each page -> paragraphs, headings and notes.

The second stage of PDF ingest (:mod:`tnr_claims.text.pdf` reads the words of each page
with pdfplumber, within its bounds). This module rebuilds the text a reader sees from the
words' positions and fonts, so that the segmenter and the rules get paragraphs, headings
and notes, never page furniture.

What it does, in order
    1. *Lines and columns* (:func:`page_lines`): words are grouped into rows by vertical
       overlap; a page whose rows keep a common empty vertical band near the middle (the
       gutter) is set in two columns, read left column then right column between the
       rows that cross the gutter (titles, headings, footers). Superscript note markers
       (small raised digits) are dropped.
    2. *Page furniture* (:func:`furniture_keys`): among the first and last
       :data:`BAND_LINES` lines of each page that lie in the top or bottom band, a line
       repeated on :data:`FURNITURE_SHARE` of the pages or more (digits ignored, so
       "Page 3" and "Page 4" count as one), or on two pages when it starts or ends
       with a number (a chapter's header with its page number), is a running header
       or footer and is dropped, and so is a page number on its own ("3", "Page 3",
       "3 of 12", "- 3 -", "iv"). Ligature characters (``ﬁ``, ``ﬂ`` ...) are written
       as their letters.
    3. *Footnotes*: lines in a type smaller than the body's that follow the last
       body-size line of a page are notes; they move to the end of the text under a
       ``Notes`` line, which the segmenter zones as references (``ZONE.references_heading``),
       so no claim comes from them.
    4. *Paragraphs*: lines of one column join into a paragraph until a vertical gap, a
       change of type size or weight, a bullet, or a short line that ends a sentence.
       A paragraph cut by a page or column break continues when it does not end a
       sentence and the next one starts in lower case, or when it is prose of
       :data:`PROSE_WORDS` words or more ("... detained in" / "Thailand and ...").
       Each paragraph is one line of the output; paragraphs are separated by blank
       lines.
    5. *Hyphens* at a line end (:func:`join_hyphenated`): "transna-" + "tional" gives
       "transnational"; the hyphen stays when either part starts with a capital or a
       digit ("Saudi-led", "COVID-19"), when the hyphenated form is used elsewhere in
       the document and the joined form is not, and when the first part is a word of
       the ``HYPHEN_PREFIXES`` list of ``patterns/lexicons.jsonl`` or the second of
       ``HYPHEN_SUFFIXES`` ("self-exile", "state-sponsored"). A soft hyphen (U+00AD)
       is always removed.
    6. *Headings and title*: a line in type at least :data:`HEADING_RATIO` times the
       body size, or a short bold line in a body set in regular type, is a heading of
       its own (a wrapped heading is joined). The first run of lines in the largest
       type of page 1 is the title: it opens the text, so the segmenter marks it so,
       and goes into ``meta["title"]`` (the PDF's ``/Title`` is used only without one).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

BAND = 0.1
"""Share of the page height, at the top and at the bottom, where furniture can stand."""
FURNITURE_SHARE = 0.4
"""A band line on at least this share of the pages is furniture (running headers that
alternate between odd and even pages stand on half the pages each)."""
BAND_LINES = 3
"""How many lines at each end of a page are furniture candidates."""
HEADING_RATIO = 1.15
"""Type this many times the body size (or larger) makes a heading."""
NOTE_RATIO = 0.9
"""Type smaller than this share of the body size, below the body, makes a footnote."""
GUTTER_MIN = 12.0
"""Points of empty width between two columns."""
WORD_LISTS: tuple[str, ...] = ("HYPHEN_PREFIXES", "HYPHEN_SUFFIXES")
"""Word lists of ``patterns/lexicons.jsonl`` this module reads (always the shipped ones:
ingest runs before a run's ``--patterns`` folder is in use)."""
PROSE_WORDS = 12
"""A paragraph of this many words or more that stops without a full stop at a page or
column break goes on after it, even when the next line starts with a capital."""
NOTES_HEADING = "Notes"
"""The line that opens the moved footnotes (zoned as references by the segmenter)."""

_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-–—]?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_NUMBERED = re.compile(r"^#\W|\W#$")
"""A furniture key that starts or ends with a number: a header carrying the page number
("Chapter 2: Methods 14") needs only two pages to count as furniture."""
_MARKER = re.compile(r"^[\d*†‡§,]{1,4}$")
_BULLET = re.compile(r"^[-•‣◦▪–·*]\s")
_NOTE_START = re.compile(r"^\[?\d{1,3}[.)\]]?\s")
_SENTENCE_END = tuple('.!?:;"”’)')
_HYPHEN_END = re.compile(r"([^\W\d_]+)[-\u2010\u00ad]$")
_CID = re.compile(r"\(cid:\d+\)")
"""pdfminer's stand-in for a glyph without a Unicode mapping: it is no text."""
_LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
)
_DASH_END = re.compile(r"\w[-\u2010\u2013]$")
_WORD_START = re.compile(r"^([^\W\d_]+)")


@dataclass
class Line:
    """One line of words: its text, box, dominant type size and weight, and column."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    column: int = 0
    """0 full width, 1 left column, 2 right column."""
    chars: int = 0


@dataclass
class PageLines:
    """The lines of one page in reading order, and the page size."""

    lines: list[Line]
    width: float
    height: float
    notes: list[Line] = field(default_factory=list)


# --------------------------------------------------------------------------- lines


def _rows(words: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Group words into rows: a word joins a row it overlaps by 40% of its height."""
    rows: list[list[dict[str, Any]]] = []
    extents: list[tuple[float, float]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        height = max(word["bottom"] - word["top"], 0.1)
        for index in range(len(rows) - 1, max(len(rows) - 3, -1), -1):
            top, bottom = extents[index]
            overlap = min(bottom, word["bottom"]) - max(top, word["top"])
            if overlap >= 0.4 * min(height, bottom - top):
                rows[index].append(word)
                extents[index] = (min(top, word["top"]), max(bottom, word["bottom"]))
                break
        else:
            rows.append([word])
            extents.append((word["top"], word["bottom"]))
    return [sorted(row, key=lambda w: w["x0"]) for row in rows]


def _chunks(row: Sequence[dict[str, Any]]) -> list[tuple[float, float]]:
    """Horizontal extents of the parts of a row separated by more than a gutter."""
    parts: list[tuple[float, float]] = []
    for word in row:
        if parts and word["x0"] - parts[-1][1] <= GUTTER_MIN:
            parts[-1] = (parts[-1][0], max(parts[-1][1], word["x1"]))
        else:
            parts.append((word["x0"], word["x1"]))
    return parts


def find_gutter(rows: Sequence[Sequence[dict[str, Any]]], width: float) -> float | None:
    """The x of the gap between two columns, or ``None`` for a single-column page.

    A page has two columns when at least three rows have a gap wider than
    :data:`GUTTER_MIN`, one x in the middle 40% of the page lies in all those gaps, and more
    rows have words on both sides of that x than cross it (a header with a page number
    at its far end, or a few aligned code lines, do not make columns).
    """
    gaps: list[tuple[float, float]] = []
    for row in rows:
        parts = _chunks(row)
        for left, right in zip(parts, parts[1:], strict=False):
            if left[1] > 0.2 * width and right[0] < 0.8 * width:
                gaps.append((left[1], right[0]))
    if len(gaps) < 3:
        return None
    start = max(gap[0] for gap in gaps)
    end = min(gap[1] for gap in gaps)
    if end - start < 1:
        counts = Counter(round((a + b) / 2 / 10) for a, b in gaps)
        bucket, support = counts.most_common(1)[0]
        inside = [g for g in gaps if round((g[0] + g[1]) / 2 / 10) == bucket]
        start, end = max(g[0] for g in inside), min(g[1] for g in inside)
        if support < 3 or end - start < 1:
            return None
    gutter = (start + end) / 2
    if not 0.3 * width <= gutter <= 0.7 * width:
        return None
    crossing = sum(any(a < gutter < b for a, b in _chunks(row)) for row in rows)
    both = sum(
        any(w["x1"] <= gutter for w in row) and any(w["x0"] >= gutter for w in row) for row in rows
    )
    return gutter if both >= 3 and both > crossing else None


def _line(words: Sequence[dict[str, Any]], column: int) -> Line | None:
    sizes: Counter[float] = Counter()
    for word in words:
        sizes[round(float(word["size"]), 1)] += len(word["text"])
    size = sizes.most_common(1)[0][0]
    baseline = max(w["bottom"] for w in words if round(float(w["size"]), 1) == size)
    kept = [
        w
        for w in words
        if not (
            float(w["size"]) < 0.8 * size
            and w["bottom"] < baseline - 0.15 * size
            and _MARKER.match(w["text"])
        )
    ]
    if not kept:
        return None
    text = _CID.sub("", " ".join(w["text"] for w in kept).translate(_LIGATURES)).strip()
    if not text:
        return None
    return Line(
        text=text,
        x0=min(w["x0"] for w in kept),
        x1=max(w["x1"] for w in kept),
        top=min(w["top"] for w in kept),
        bottom=max(w["bottom"] for w in kept),
        size=size,
        bold=all(_BOLD.search(str(w.get("fontname", ""))) for w in kept),
        column=column,
        chars=len(text),
    )


def page_lines(words: Sequence[dict[str, Any]], width: float) -> list[Line]:
    """The lines of one page in reading order (see the module docstring, step 1)."""
    rows = _rows(words)
    gutter = find_gutter(rows, width)
    ordered: list[Line] = []
    band: dict[int, list[Line]] = {1: [], 2: []}

    def flush() -> None:
        ordered.extend(band[1])
        ordered.extend(band[2])
        band[1], band[2] = [], []

    for row in rows:
        spans = gutter is not None and any(w["x0"] < gutter < w["x1"] for w in row)
        if gutter is None or spans:
            flush()
            line = _line(row, 0)
            if line:
                ordered.append(line)
            continue
        for column, part in (
            (1, [w for w in row if w["x1"] <= gutter]),
            (2, [w for w in row if w["x0"] >= gutter]),
        ):
            line = _line(part, column) if part else None
            if line:
                band[column].append(line)
    flush()
    return ordered


# --------------------------------------------------------------------------- furniture


def _furniture_key(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", text.lower())).strip()


def _band_candidates(page: PageLines, largest: float) -> list[tuple[str, Line]]:
    """Lines at either end of the page that stand in the top or bottom band, in type no
    larger than ``largest`` (a title that repeats the running header is no furniture)."""
    found: list[tuple[str, Line]] = []
    for line in page.lines[:BAND_LINES]:
        if line.top < BAND * page.height and line.size <= largest:
            found.append(("top", line))
    for line in page.lines[-BAND_LINES:]:
        if line.bottom > (1 - BAND) * page.height and line.size <= largest:
            found.append(("bottom", line))
    return found


def furniture_keys(pages: Sequence[PageLines], largest: float) -> set[tuple[str, str]]:
    """``(band, key)`` of running headers and footers: repeated on 40% of the pages or more."""
    seen: Counter[tuple[str, str]] = Counter()
    for page in pages:
        found = _band_candidates(page, largest)
        keys = {(band, _furniture_key(line.text)) for band, line in found}
        seen.update(keys)
    needed = max(2, math.ceil(FURNITURE_SHARE * len(pages)))
    return {
        key
        for key, count in seen.items()
        if count >= needed or (count >= 2 and _NUMBERED.search(key[1]))
    }


def drop_furniture(pages: Sequence[PageLines]) -> int:
    """Remove running headers, footers and page numbers from ``pages``; return how many."""
    largest = HEADING_RATIO * body_size(pages)
    repeated = furniture_keys(pages, largest)
    dropped = 0
    for page in pages:
        gone = {
            id(line)
            for band, line in _band_candidates(page, largest)
            if (band, _furniture_key(line.text)) in repeated or _PAGE_NUMBER.match(line.text)
        }
        dropped += len(gone)
        page.lines = [line for line in page.lines if id(line) not in gone]
    return dropped


def body_size(pages: Iterable[PageLines]) -> float:
    """The type size of most characters (the body text's)."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[round(line.size * 2) / 2] += line.chars
    return sizes.most_common(1)[0][0] if sizes else 0.0


def split_footnotes(page: PageLines, size: float) -> None:
    """Move the small-type lines below the page's last body-size line to ``page.notes``."""
    body_bottoms = [line.bottom for line in page.lines if line.size >= NOTE_RATIO * size]
    if not body_bottoms:
        return
    floor = max(body_bottoms)
    notes = [line for line in page.lines if line.size < NOTE_RATIO * size and line.top > floor]
    if notes:
        page.notes = notes
        page.lines = [line for line in page.lines if line not in notes]


# --------------------------------------------------------------------------- paragraphs


@lru_cache(maxsize=1)
def _hyphen_words() -> tuple[frozenset[str], frozenset[str]]:
    from tnr_claims.rules.loader import DEFAULT_PATTERNS_DIR, load_lexicons
    from tnr_claims.rules.schemas import LEXICONS_FILE

    words = load_lexicons(Path(DEFAULT_PATTERNS_DIR) / LEXICONS_FILE)
    return words.HYPHEN_PREFIXES, words.HYPHEN_SUFFIXES


def join_hyphenated(first: str, second: str, document: str = "") -> str:
    """Join two lines; undo a line-end hyphen unless it belongs to the word.

    See the module docstring, step 5. ``document`` is the text the rule looks in for
    other uses of the word (its memory of the document).
    """
    end = _HYPHEN_END.search(first)
    start = _WORD_START.match(second)
    if not end:
        if _DASH_END.search(first) and second[:1].isalnum():
            return first + second  # "2019-" + "2020", "pages 3–" + "7": no space
        return f"{first} {second}" if first and second else first or second
    if not start:
        return first + second
    head, tail = end.group(1), start.group(1)
    prefixes, suffixes = _hyphen_words()
    if end.group(0)[-1] == "\u00ad":  # a soft hyphen only ever marks a break
        return first[:-1] + second
    keep = (
        not head[0].islower()
        or not tail[0].islower()
        or head.lower() in prefixes
        or tail.lower() in suffixes
    )
    if not keep and document:
        lowered = document.lower()
        joined, hyphened = (head + tail).lower(), f"{head}-{tail}".lower()
        keep = hyphened in lowered and joined not in lowered
    return first[:-1] + "-" + second if keep else first[:-1] + second


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_SENTENCE_END)


def _starts_lower(text: str) -> bool:
    first = next((ch for ch in text if ch.isalnum()), "")
    return first.isalpha() and first.islower()


@dataclass
class Block:
    """A paragraph or heading under construction: its lines and its kind."""

    lines: list[Line]
    heading: bool
    page: int

    @property
    def last(self) -> Line:
        """The block's last line."""
        return self.lines[-1]


def _is_heading(line: Line, size: float, body_bold: bool) -> bool:
    if line.size >= HEADING_RATIO * size:
        return True
    return line.bold and not body_bold and len(line.text.split()) <= 12


def _breaks(prev: Line, line: Line, gap: float, right: float) -> bool:
    """Whether ``line`` starts a new paragraph after ``prev`` in the same column."""
    if line.column != prev.column or abs(line.size - prev.size) > 0.6 or line.bold != prev.bold:
        return True
    if line.top - prev.bottom > gap + 0.4 * line.size or line.top < prev.top:
        return True
    if _BULLET.match(line.text):
        return True
    width = max(right - prev.x0, 1.0)
    short = prev.x1 < right - 0.15 * width
    indented = line.x0 > prev.x0 + line.size
    return _ends_sentence(prev.text) and (short or indented)


def _line_gap(pages: Sequence[PageLines]) -> float:
    """The usual space between two lines of one paragraph (median of close gaps)."""
    gaps = sorted(
        b.top - a.bottom
        for page in pages
        for a, b in zip(page.lines, page.lines[1:], strict=False)
        if a.column == b.column and 0 <= b.top - a.bottom < 2 * a.size
    )
    return gaps[len(gaps) // 2] if gaps else 2.0


def blocks_of(pages: Sequence[PageLines], size: float) -> list[Block]:
    """Paragraph and heading blocks of all pages, in reading order."""
    body_bold = _bold_body(pages)
    gap = _line_gap(pages)
    blocks: list[Block] = []
    for number, page in enumerate(pages):
        rights = {
            c: max((ln.x1 for ln in page.lines if ln.column == c), default=0.0) for c in (0, 1, 2)
        }
        current: Block | None = None
        for line in page.lines:
            heading = _is_heading(line, size, body_bold)
            if (
                current is not None
                and current.heading == heading
                and not _breaks(current.last, line, gap, rights[line.column])
            ):
                current.lines.append(line)
                continue
            current = Block([line], heading, number)
            blocks.append(current)
    return _merge_breaks(blocks)


def _bold_body(pages: Sequence[PageLines]) -> bool:
    bold = sum(line.chars for page in pages for line in page.lines if line.bold)
    total = sum(line.chars for page in pages for line in page.lines)
    return total > 0 and bold > total / 2


def _merge_breaks(blocks: list[Block]) -> list[Block]:
    """Join a paragraph cut by a page or column break (see the module docstring)."""
    merged: list[Block] = []
    for block in blocks:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and not prev.heading
            and not block.heading
            and (prev.page != block.page or prev.last.column != block.lines[0].column)
            and not _ends_sentence(prev.last.text)
            and not _BULLET.match(block.lines[0].text)
            and (_starts_lower(block.lines[0].text) or _prose(prev))
        ):
            prev.lines.extend(block.lines)
            continue
        merged.append(block)
    return merged


def _prose(block: Block) -> bool:
    """Whether a block reads as running prose (a caption or table row is shorter)."""
    return sum(len(line.text.split()) for line in block.lines) >= PROSE_WORDS


def block_text(block: Block, document: str = "") -> str:
    """The block's lines joined into one line (hyphens undone, see :func:`join_hyphenated`)."""
    text = ""
    for line in block.lines:
        text = join_hyphenated(text, line.text, document)
    return text


def _notes_text(pages: Sequence[PageLines], document: str) -> list[str]:
    notes: list[list[Line]] = []
    for page in pages:
        for line in page.notes:
            if notes and not _NOTE_START.match(line.text) and notes[-1]:
                notes[-1].append(line)
            else:
                notes.append([line])
    return [block_text(Block(lines, False, 0), document) for lines in notes]


def _title_index(blocks: Sequence[Block], size: float) -> int | None:
    """The first block in the largest type of page 1, when it is larger than the body."""
    first = [(i, b) for i, b in enumerate(blocks) if b.page == 0]
    if not first:
        return None
    largest = max(b.lines[0].size for _, b in first)
    if largest < HEADING_RATIO * size:
        return None
    return next(i for i, b in first if b.lines[0].size == largest)


def layout_text(pages: Sequence[PageLines]) -> tuple[str, str | None]:
    """The text of laid-out ``pages`` (furniture already dropped) and its title."""
    size = body_size(pages)
    for page in pages:
        split_footnotes(page, size)
    blocks = blocks_of(pages, size)
    raw = "\n".join(line.text for page in pages for line in page.lines + page.notes)
    title_at = _title_index(blocks, size)
    title = None
    if title_at is not None:
        block = blocks.pop(title_at)
        title = " ".join(line.text for line in block.lines)
    parts = ([title] if title else []) + [block_text(b, raw) for b in blocks]
    notes = _notes_text(pages, raw)
    if notes:
        parts += [NOTES_HEADING, *notes]
    return "\n\n".join(part for part in parts if part.strip()), title


__all__ = [
    "NOTES_HEADING",
    "WORD_LISTS",
    "Block",
    "Line",
    "PageLines",
    "block_text",
    "blocks_of",
    "body_size",
    "drop_furniture",
    "find_gutter",
    "furniture_keys",
    "join_hyphenated",
    "layout_text",
    "page_lines",
    "split_footnotes",
]
