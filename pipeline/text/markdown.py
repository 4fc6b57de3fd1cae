"""Markdown: render a ``.md`` file to plain text with a map back to the file's offsets.

Markdown is parsed by markdown-it-py (CommonMark, with tables and strikethrough), not read
as plain text, so ``*visited by police*`` reaches the model as ``visited by police`` and a
link as its words. The rendered text is what every offset of the document indexes (as for
HTML and PDF); ``meta["source_map"]`` maps it back to the file.

Why plain text plus a map (and not the file's text with the markup blanked by spaces):
blanking keeps offsets equal to the file's but leaves runs of spaces inside sentences
(``was  visited``, a link's address as forty spaces), which the tokenizer turns into
space tokens that break phrase rules and the parse, and claim texts would carry the gaps.
With a map, claim texts read as prose, spans are cited against the document text stored
in ``documents.jsonl``, and :func:`source_offset` gives the file offset of any of them.

How blocks are rendered (one blank line between blocks, so the segmenter zones them)
    * headings: their text on a line of its own (a block); the first level-1 heading
      becomes ``meta["title"]`` when the file gives none;
    * paragraphs and block quotes: their text; soft line breaks become spaces;
    * list items: one line each, with the file's own marker (``- ``, ``* ``, ``1. ``), so
      the segmenter cuts them into items and zones items that are not sentences as
      ``list`` (no claims); a to-do box (``[ ]``) is kept as text and marks a to-do item;
    * tables: one line per row, cells joined by `` | ``;
    * fenced and indented code blocks, raw HTML blocks and rules are left out (not
      prose); ``meta["markdown"]`` counts what was left out.

Inline: emphasis, strong, strikethrough and link markup disappear and their words stay;
inline code keeps its text without backticks; images and inline HTML are left out.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

_PARTS = re.compile(r"\w+|\s+|[^\w\s]")
"""Words, runs of space and single signs: the units located one by one."""

SKIPPED_BLOCKS = ("fence", "code_block", "html_block", "hr")
"""Block tokens left out of the text (counted in ``meta["markdown"]``)."""


@dataclass
class _Output:
    """The rendered text under construction and its anchors into the source."""

    source: str
    line_starts: list[int]
    parts: list[str] = field(default_factory=list)
    length: int = 0
    anchors: list[tuple[int, int]] = field(default_factory=list)
    cursor: int = 0

    def write(self, text: str, source_at: int) -> None:
        """Append ``text``, whose first character stands at ``source_at`` in the file."""
        if not text:
            return
        last = self.anchors[-1] if self.anchors else None
        if last is None or last[1] + (self.length - last[0]) != source_at:
            self.anchors.append((self.length, source_at))
        self.parts.append(text)
        self.length += len(text)

    def line_offset(self, line: int) -> int:
        """Offset in the file of the start of line ``line`` (0-based), clamped."""
        if line >= len(self.line_starts):
            return len(self.source)
        return self.line_starts[line]

    def locate(self, text: str, limit: int) -> int:
        """File offset of ``text`` at or after the cursor (before ``limit``); moves the cursor.

        Text not found is anchored at the cursor (see :meth:`pieces`).
        """
        found = self.source.find(text, self.cursor, max(limit, self.cursor))
        if found < 0:
            return self.cursor
        self.cursor = found + len(text)
        return found

    def pieces(self, text: str, limit: int) -> list[tuple[str, int]]:
        """``text`` as ``(piece, file offset)`` pairs, found at or after the cursor.

        Text whose source differs (an entity ``&amp;``, a backslash escape) is not found
        whole; it is then located word by word, so only the changed characters are
        anchored approximately (at the cursor, a few characters off at most).
        """
        found = self.source.find(text, self.cursor, max(limit, self.cursor))
        if found >= 0:
            self.cursor = found + len(text)
            return [(text, found)]
        return [(part, self.locate(part, limit)) for part in _PARTS.findall(text)]


def _line_starts(source: str) -> list[int]:
    starts = [0]
    for index, char in enumerate(source):
        if char == "\n":
            starts.append(index + 1)
    return starts


def _inline(out: _Output, token: Token) -> list[tuple[str, int]]:
    """An inline token's words (markup dropped), as ``(text, file offset)`` pieces."""
    begin = out.line_offset(token.map[0]) if token.map else out.cursor
    limit = out.line_offset(token.map[1]) if token.map else len(out.source)
    out.cursor = max(out.cursor, begin)
    pieces: list[tuple[str, int]] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            pieces.extend(out.pieces(child.content, limit))
        elif child.type == "softbreak":
            pieces.append((" ", out.locate("\n", limit)))
        elif child.type == "hardbreak":
            pieces.append(("\n", out.locate("\n", limit)))
    return pieces


@dataclass
class _State:
    """Where the walk over block tokens is: list depth, pending separator and marker."""

    separator: str = "\n\n"
    depth: int = 0
    marker: str | None = None
    marker_at: int = 0
    in_cell: bool = False
    row: list[list[tuple[str, int]]] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)


def _start_block(out: _Output, state: _State, at: int) -> None:
    """Write the separator before a new block or line whose text starts at ``at``."""
    if out.length:
        out.write(state.separator, at)
    state.separator = "\n\n" if state.depth == 0 else "\n"


def _list_marker(out: _Output, token: Token) -> tuple[str, int]:
    marker = f"{token.info}{token.markup} " if token.info else f"{token.markup} "
    start = out.line_offset(token.map[0]) if token.map else out.cursor
    line_end = out.source.find("\n", start)
    line = out.source[start : line_end if line_end >= 0 else len(out.source)]
    found = line.find(marker.strip())
    return marker, start + max(found, 0)


def _block(out: _Output, state: _State, token: Token) -> None:
    """Handle one block-level token."""
    kind = token.type
    if kind in SKIPPED_BLOCKS:
        state.skipped[kind] = state.skipped.get(kind, 0) + 1
        if token.map:
            out.cursor = max(out.cursor, out.line_offset(token.map[1]))
    elif kind.endswith("list_open") or kind.endswith("list_close") or kind == "list_item_open":
        _list_token(out, state, token)
    elif kind == "inline" and state.in_cell:
        state.row.append(_inline(out, token))
    elif kind == "inline":
        pieces = _inline(out, token)
        if not "".join(text for text, _ in pieces).strip():
            return
        _start_block(out, state, state.marker_at if state.marker else pieces[0][1])
        if state.marker is not None:
            out.write(state.marker, state.marker_at)
            state.marker = None
        for text, at in pieces:
            out.write(text, at)
    elif kind in ("th_open", "td_open"):
        state.in_cell = True
    elif kind in ("th_close", "td_close"):
        state.in_cell = False
    elif kind == "tr_close":
        _table_row(out, state)
    elif kind == "table_open":
        state.separator = "\n\n"


def _list_token(out: _Output, state: _State, token: Token) -> None:
    """Lists: items one per line, nested or not; a blank line around the outermost list."""
    if token.type == "list_item_open":
        state.marker, state.marker_at = _list_marker(out, token)
    elif token.type.endswith("list_open"):
        if state.depth:
            state.separator = "\n"
        state.depth += 1
    else:
        state.depth -= 1
        if state.depth == 0:
            state.separator = "\n\n"


def _table_row(out: _Output, state: _State) -> None:
    cells = [cell for cell in state.row if "".join(text for text, _ in cell).strip()]
    state.row = []
    if not cells:
        return
    _start_block(out, state, cells[0][0][1])
    for index, cell in enumerate(cells):
        if index:
            out.write(" | ", cell[0][1])
        for text, at in cell:
            out.write(text, at)
    state.separator = "\n"


def render_markdown(source: str) -> tuple[str, dict[str, Any]]:
    """Render Markdown ``source`` to plain text; return it with ``meta`` entries.

    ``meta["source_map"]`` is a list of ``[text_offset, file_offset]`` anchors: from an
    anchor on, characters of the text correspond one to one to characters of the file
    until the next anchor (see :func:`source_offset`). ``meta["markdown"]`` counts the
    blocks left out (``fence``, ``code_block``, ``html_block``, ``hr``); ``meta["title"]``
    is the first level-1 heading.
    """
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    tokens = parser.parse(source)
    out = _Output(source=source, line_starts=_line_starts(source))
    state = _State()
    title: str | None = None
    for index, token in enumerate(tokens):
        before = out.length
        _block(out, state, token)
        if title is None and index and tokens[index - 1].type == "heading_open":
            if tokens[index - 1].tag == "h1":
                title = " ".join("".join(out.parts)[before:].split()) or None
    meta: dict[str, Any] = {
        "source_map": [list(anchor) for anchor in out.anchors],
        "markdown": {"left_out": state.skipped},
    }
    if title:
        meta["title"] = title
    return "".join(out.parts), meta


def source_offset(source_map: Sequence[Sequence[int]], offset: int) -> int:
    """The file offset of text offset ``offset``, by a document's ``meta["source_map"]``.

    An offset past the last anchor continues one to one from it; with an empty map the
    offset is returned unchanged (the text is the file's own).
    """
    if not source_map:
        return offset
    index = bisect_right([anchor[0] for anchor in source_map], offset) - 1
    if index < 0:
        return offset
    text_at, file_at = source_map[index][0], source_map[index][1]
    return file_at + (offset - text_at)


__all__ = ["SKIPPED_BLOCKS", "render_markdown", "source_offset"]
