"""Ingest: turn files, folders and stdin into :class:`Document` values.

The first stage of the pipeline. It reads ``.txt``, ``.md``/``.markdown``, ``.html``/
``.htm`` and ``.pdf`` files (or stdin), decodes or extracts their text, and attaches
metadata. Everything later indexes :attr:`Document.text`, so this module never rewrites
plain text: ``.txt`` files are kept verbatim (CRLF line ends included). ``.md`` files are
rendered to plain text by :mod:`tnr_claims.text.markdown`, with ``meta["source_map"]``
mapping the text's offsets back to the file's (decoded) text.

Decisions
    * Decoding: strict UTF-8 first. A UTF-8 byte-order mark is dropped (it marks the
      encoding and is not text; ``meta["bom"]`` records it) and offsets index the text
      after it. A UTF-16 file with its BOM is decoded as UTF-16; without a BOM, bytes
      with NUL in most odd (or even) bytes and almost none in the others are UTF-16LE
      (or BE), which is how Latin-script text looks in UTF-16. Mostly valid UTF-8
      with a few broken sequences stays UTF-8, each broken sequence becoming U+FFFD
      (counted in ``meta["decode_errors"]``, with a warning). Otherwise Windows-1252 is
      taken when it decodes the bytes and most letters are ASCII (the usual legacy
      English file; Latin-1 text reads the same), and charset-normalizer decides for
      anything else. ``meta["encoding"]`` names the encoding used. NUL bytes or many
      control characters mean binary data: an error.
    * HTML: trafilatura extracts the main text (no navigation, scripts or page chrome)
      from the given bytes only; nothing is fetched. Paragraphs, headings and lists are
      joined by blank lines, list items one per line (``- item``); the page title, when
      found and not already the first line, opens the text so the segmenter marks it as
      the title. ``meta`` gets ``title``, ``author``, ``sitename`` and ``published``
      (ISO date) when trafilatura finds them.
    * PDF: the words read by :mod:`tnr_claims.text.pdf` (pdfplumber) and the text
      rebuilt from the page layout by :mod:`tnr_claims.text.pdf_layout`: running
      headers, footers and page numbers dropped, paragraphs joined, headings and the
      title on lines of their own, footnotes moved to a ``Notes`` list at the end, two
      columns read in order; bounded in pages and characters. A PDF with an empty user
      password is opened; one that needs a password is an error.
    * ``SOURCES.tsv`` in a document's folder (columns ``filename``, ``title``,
      ``publisher``, ``date``, ``url`` ...) adds ``title``/``publisher``/``url`` and, when
      the date column starts with ``YYYY-MM-DD``, ``published``. These override values
      found in the file (the corpus table is curated).
    * A document that does not look like English gets a note in ``meta["warnings"]``
      (:func:`language_warning`, a stopword-ratio heuristic); it is still processed.

Bounds: at most ``max_bytes`` bytes are read (the size a file reports is not trusted:
``/proc`` files report 0), and a text extracted from HTML, PDF or Markdown longer than
``max_bytes`` characters is refused. Folders are walked by :mod:`tnr_claims.text.discover`.

Every failure is an :class:`~tnr_claims.errors.InputError` with a one-line message that
names the file and says what to do. :func:`iter_documents` reports failures to a
callback and goes on, and yields documents one at a time.
"""

from __future__ import annotations

import csv
import hashlib
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from tnr_claims.errors import InputError
from tnr_claims.text.discover import SkipCallback, walk_folder
from tnr_claims.text.pdf import DEFAULT_MAX_PAGES

Format = Literal["txt", "md", "html", "pdf", "stdin"]
ErrorCallback = Callable[[str, str | None, str], None]
"""``on_error(doc_id, path, message)``: called for each input that cannot be read."""

STDIN = "-"
"""The input name that means standard input."""
STDIN_DOC_ID = "stdin"
DEFAULT_MAX_BYTES = 20_000_000

FORMATS: dict[str, Format] = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}
"""Supported file extensions (lower case) and the format each is read as."""

SOURCES_FILE = "SOURCES.tsv"
SOURCES_FIELDS: tuple[str, ...] = ("title", "publisher", "url")
"""Columns of ``SOURCES.tsv`` copied into ``meta`` as they are."""

OWN_REPORT_MARKER = b'<meta name="generator" content="tnr-claims'
"""Opens the head of every HTML page ``claims report`` writes: such a page found among the
inputs is not read back as a document."""
MIN_HTML_WORDS = 15
"""Fewer words than this after extraction means the page had no article body."""
MAX_CONTROL_RATIO = 0.02
"""Share of control characters above which decoded bytes count as binary data."""


@dataclass(frozen=True)
class Document:
    """One input document: its text (what every offset indexes) and metadata."""

    doc_id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    path: str | None = None
    format: Format = "txt"
    sha256: str = ""
    """SHA-256 of the raw input bytes (before decoding or extraction)."""
    n_bytes: int = 0


# --------------------------------------------------------------------------- paths


def iter_input_paths(
    inputs: Iterable[str],
    *,
    recursive: bool = True,
    follow_links: bool = False,
    exclude: Iterable[str | Path] = (),
    on_skip: SkipCallback | None = None,
) -> Iterator[Path]:
    """Yield the files named by ``inputs``: files as given, folders walked in sorted order.

    Inside folders only supported extensions are taken (:data:`FORMATS`) and hidden
    files and folders are skipped; links, special files and output folders are handled
    as :mod:`tnr_claims.text.discover` describes (``follow_links``, ``exclude``; each
    skipped entry goes to ``on_skip``). ``-`` yields ``Path("-")`` for stdin. A path
    given twice is yielded once.

    Raises:
        InputError: an explicit input is missing, not a file or folder, or a file with
            an unsupported extension; or an entry is skipped and there is no ``on_skip``.
    """
    seen: set[Path] = set()
    excluded = tuple(Path(p) for p in exclude)
    for name in inputs:
        if name == STDIN:
            yield Path(STDIN)
            continue
        path = Path(name)
        if path.is_dir():
            candidates: Iterable[Path] = walk_folder(
                path,
                extensions=FORMATS,
                recursive=recursive,
                follow_links=follow_links,
                exclude=excluded,
                on_skip=on_skip,
            )
        elif path.is_file():
            if path.suffix.lower() not in FORMATS:
                raise InputError.of(
                    "unsupported", doc_id=path.stem, path=str(path), ext=path.suffix or "(none)"
                )
            candidates = [path]
        elif path.exists():
            raise InputError.of("not_a_file", doc_id=path.stem, path=str(path))
        else:
            raise InputError.of("missing", doc_id=path.stem, path=str(path))
        for candidate in candidates:
            try:
                key = candidate.resolve()
            except (OSError, RuntimeError):
                key = candidate.absolute()
            if key not in seen:
                seen.add(key)
                yield candidate


# --------------------------------------------------------------------------- decoding


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
"""Control characters other than tab, line feed, vertical tab, form feed and CR."""
_WESTERN_EXTRA = set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ")


def decode_bytes(raw: bytes, *, doc_id: str, path: str) -> tuple[str, dict[str, Any]]:
    """Decode ``raw`` to text; return it with ``meta`` entries (``encoding``, ``bom``).

    See the module docstring for the order of attempts.

    Raises:
        InputError: ``binary`` when the bytes are not text.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), {"encoding": "utf-16", "bom": True}
        except UnicodeDecodeError:
            pass
    if b"\x00" in raw:
        wide = _utf16_without_bom(raw)
        if wide is None:
            raise InputError.of("binary", doc_id=doc_id, path=path, detail="NUL bytes")
        text, meta = wide
        controls = len(_CONTROL.findall(text))
        if text and controls / len(text) > MAX_CONTROL_RATIO:
            raise InputError.of("binary", doc_id=doc_id, path=path, detail="control characters")
        return text, meta
    meta: dict[str, Any]
    try:
        text = raw.decode("utf-8")
        meta = {"encoding": "utf-8"}
        if text.startswith("\ufeff"):
            text, meta["bom"] = text[1:], True
    except UnicodeDecodeError:
        text, meta = _decode_legacy(raw, doc_id=doc_id, path=path)
    controls = len(_CONTROL.findall(text))
    if text and controls / len(text) > MAX_CONTROL_RATIO:
        raise InputError.of("binary", doc_id=doc_id, path=path, detail="control characters")
    return text, meta


UTF16_ZERO_SHARE = 0.3
"""Share of NUL bytes in one byte position (even or odd) above which bytes without a BOM
are taken for UTF-16 text (Latin-script text in UTF-16 has a NUL in every other byte)."""


def _utf16_without_bom(raw: bytes) -> tuple[str, dict[str, Any]] | None:
    """Decode ``raw`` as UTF-16 without a byte-order mark when its NUL bytes say so.

    Latin-script text in UTF-16LE has NUL in most odd bytes and almost none in the even
    ones (the other way round for UTF-16BE); binary data has NULs in both. Returns
    ``None`` when the bytes do not look like UTF-16 or do not decode.
    """
    sample = raw[:65_536]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even = sample[0 : 2 * pairs : 2].count(0) / pairs
    odd = sample[1 : 2 * pairs : 2].count(0) / pairs
    for encoding, zeros, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros >= UTF16_ZERO_SHARE and others <= 0.02:
            try:
                text = raw[: len(raw) - len(raw) % 2].decode(encoding)
            except UnicodeDecodeError:
                return None
            return text, {"encoding": encoding, "bom": False}
    return None


def _decode_legacy(raw: bytes, *, doc_id: str, path: str) -> tuple[str, dict[str, Any]]:
    """Decode bytes that are not valid UTF-8 (see the module docstring)."""
    repaired = raw.decode("utf-8", errors="replace")
    bad = repaired.count("\ufffd")
    good = sum(1 for ch in repaired[:200_000] if ord(ch) > 127) - bad
    if good > 0 and bad <= good:
        warning = f"{bad} invalid UTF-8 byte sequence(s) replaced by U+FFFD"
        return repaired, {"encoding": "utf-8", "decode_errors": bad, "warnings": [warning]}
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    if text:
        sample = text[:200_000]
        letters = [ch for ch in sample if ch.isalpha()]
        high = [ch for ch in sample if ord(ch) > 127]
        western = all(0xA0 <= ord(ch) <= 0xFF or ch in _WESTERN_EXTRA for ch in high)
        if western and letters and sum(ord(ch) > 127 for ch in letters) / len(letters) < 0.3:
            return text, {"encoding": "cp1252"}
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise InputError.of("binary", doc_id=doc_id, path=path, detail="not decodable as text")
    return str(best), {"encoding": best.encoding}


# --------------------------------------------------------------------------- formats


def _html_text(raw: bytes, *, doc_id: str, path: str) -> tuple[str, dict[str, Any]]:
    import trafilatura

    if OWN_REPORT_MARKER in raw[:4096]:
        raise InputError.of("own_output", doc_id=doc_id, path=path)
    markup, meta = decode_bytes(raw, doc_id=doc_id, path=path)
    result = trafilatura.bare_extraction(
        markup,
        url=None,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        date_extraction_params={"extensive_search": False},
    )
    blocks = _xml_blocks(result.body) if result is not None and result.body is not None else []
    title = (result.title or "").strip() if result is not None else ""
    if title and (not blocks or blocks[0].strip() != title):
        blocks.insert(0, title)
    text = "\n\n".join(blocks)
    body_words = len(text.split()) - len(title.split())
    if body_words < MIN_HTML_WORDS:
        raise InputError.of("html_no_body", doc_id=doc_id, path=path)
    if result is not None:
        for key in ("title", "author", "sitename"):
            value = getattr(result, key, None)
            if value:
                meta[key] = str(value).strip()
        if result.date:
            meta["published"] = str(result.date)
    return text, meta


def _xml_blocks(body: Any) -> list[str]:
    """Text blocks of trafilatura's body tree: one per paragraph, heading, list, table."""
    blocks: list[str] = []
    for element in body:
        if element.tag == "list":
            items = [_inline(item) for item in element.iter("item")]
            block = "\n".join(f"- {item}" for item in items if item)
        elif element.tag == "table":
            rows = [" | ".join(_inline(cell) for cell in row) for row in element.iter("row")]
            block = "\n".join(row for row in rows if row.strip(" |"))
        else:
            block = _inline(element)
        if block.strip():
            blocks.append(block.strip())
    return blocks


def _inline(element: Any) -> str:
    """Text of an element with ``<lb/>`` as a line break and runs of spaces collapsed."""
    parts: list[str] = []
    for node in element.iter():
        parts.append("\n" if node.tag == "lb" else node.text or "")
        if node is not element and node.tail:
            parts.append(node.tail)
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


# --------------------------------------------------------------------------- metadata

_ISO_DATE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\b")
_SOURCES_CACHE: dict[tuple[Path, int], dict[str, dict[str, str]]] = {}


def sources_meta(folder: Path) -> dict[str, dict[str, str]]:
    """``meta`` entries per file name from ``folder/SOURCES.tsv`` (empty when absent).

    Read once per folder and file version (modification time). ``published`` is set
    only when the ``date`` column starts with an ISO date that is not marked as inferred
    or guessed, since it anchors relative dates and must be the page's own date:
    ``"2017-07-07 (from URL)"`` -> ``"2017-07-07"``; ``"2018-04-24 (inferred: ...)"`` and
    ``"unknown ..."`` -> nothing.
    """
    sources = folder / SOURCES_FILE
    try:
        key = (sources.resolve(), sources.stat().st_mtime_ns)
    except OSError:
        return {}
    if key not in _SOURCES_CACHE:
        table: dict[str, dict[str, str]] = {}
        with sources.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                name = (row.get("filename") or "").strip()
                if not name:
                    continue
                entry = {k: row[k].strip() for k in SOURCES_FIELDS if (row.get(k) or "").strip()}
                column = row.get("date") or ""
                date = _ISO_DATE.match(column)
                if date and "inferred" not in column.lower() and "guess" not in column.lower():
                    entry["published"] = date.group(1)
                table[name] = entry
        _SOURCES_CACHE[key] = table
    return _SOURCES_CACHE[key]


ENGLISH_STOPWORDS = frozenset(
    "the of and to a in is that for it as was with be by on not he she they this are at "
    "from his her an or have has had but were which their its been who will would there "
    "said says also more than after about into can could".split()
)
"""Frequent English function words; in English prose they make up a third or more of
the words, in other languages written in Latin script only a few per cent."""


_LETTER = re.compile(r"[^\W\d_]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")


def language_warning(text: str, *, sample_chars: int = 20_000) -> str | None:
    """A warning when ``text`` is clearly not English, else ``None``.

    Looks at the first ``sample_chars`` characters: most letters outside the Latin
    script, or (with at least 30 words) fewer than 10% of the words in
    :data:`ENGLISH_STOPWORDS`. Short texts are never flagged by the stopword test.
    """
    sample = text[:sample_chars]
    letters = len(_LETTER.findall(sample))
    if not letters:
        return None
    latin = len(_LATIN_LETTER.findall(sample))
    if latin / letters < 0.5:
        return "text is mostly not in Latin script: probably not English (rules are for English)"
    words = re.findall(r"[^\W\d_]+", sample.lower())
    if len(words) >= 30:
        ratio = sum(map(ENGLISH_STOPWORDS.__contains__, words)) / len(words)
        if ratio < 0.10:
            return (
                f"only {ratio:.0%} of words are common English words: probably not English "
                "(rules are for English)"
            )
    return None


# --------------------------------------------------------------------------- documents


def _read_raw(path: Path, *, doc_id: str, max_bytes: int) -> bytes:
    """At most ``max_bytes`` of ``path`` (or stdin); more is an error.

    The size is what is actually read (``max_bytes + 1`` at most), never the size the
    file system reports: files in ``/proc`` report 0 and hold more.
    """
    name = str(path)
    reported = 0
    if path == Path(STDIN):
        raw = sys.stdin.buffer.read(max_bytes + 1)
        name = "<stdin>"
    else:
        try:
            info = path.stat()
            mode, reported = info.st_mode, info.st_size
            if not stat.S_ISREG(mode):
                raise InputError.of("not_a_file", doc_id=doc_id, path=name)
            with path.open("rb") as handle:
                raw = handle.read(max_bytes + 1)
        except FileNotFoundError as exc:
            raise InputError.of("missing", doc_id=doc_id, path=name) from exc
        except PermissionError as exc:
            raise InputError.of(
                "unreadable", doc_id=doc_id, path=name, detail="permission denied"
            ) from exc
        except OSError as exc:
            raise InputError.of(
                "unreadable", doc_id=doc_id, path=name, detail=exc.strerror or exc
            ) from exc
    if len(raw) > max_bytes:
        size = f"{reported:,}" if reported > max_bytes else f"at least {len(raw):,}"
        raise InputError.of("too_large", doc_id=doc_id, path=name, size=size, limit=max_bytes)
    return raw


def read_document(
    path: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    doc_id: str | None = None,
    max_pages: int = DEFAULT_MAX_PAGES,
) -> Document:
    """Read one file (or stdin for ``"-"``) into a :class:`Document`.

    ``doc_id`` defaults to the file stem (``"stdin"`` for stdin). The format follows
    the extension (:data:`FORMATS`); stdin and unknown extensions are read as text.
    ``max_bytes`` also bounds the characters extracted from a PDF, and ``max_pages`` its
    pages (:mod:`tnr_claims.text.pdf`).

    Raises:
        InputError: missing or unreadable file, empty or whitespace-only text, binary
            data, over ``max_bytes``, HTML without an article body, PDF encrypted,
            corrupt or without a text layer.
    """
    path = Path(path)
    is_stdin = str(path) == STDIN
    doc_id = doc_id or (STDIN_DOC_ID if is_stdin else path.stem)
    name = "<stdin>" if is_stdin else str(path)
    fmt: Format = "stdin" if is_stdin else FORMATS.get(path.suffix.lower(), "txt")
    raw = _read_raw(path, doc_id=doc_id, max_bytes=max_bytes)
    if not raw.strip():
        raise InputError.of("empty", doc_id=doc_id, path=name)
    if fmt == "html":
        text, meta = _html_text(raw, doc_id=doc_id, path=name)
    elif fmt == "pdf":
        from tnr_claims.text.pdf import pdf_layout_text

        text, meta = pdf_layout_text(
            raw, doc_id=doc_id, path=name, max_pages=max_pages, max_chars=max_bytes
        )
    elif fmt == "md":
        from tnr_claims.text.markdown import render_markdown

        source, meta = decode_bytes(raw, doc_id=doc_id, path=name)
        text, markdown_meta = render_markdown(source)
        meta.update(markdown_meta)
    else:
        text, meta = decode_bytes(raw, doc_id=doc_id, path=name)
    if not text.strip():
        raise InputError.of("empty", doc_id=doc_id, path=name)
    if len(text) > max_bytes:
        raise InputError.of("text_too_large", doc_id=doc_id, path=name, limit=max_bytes)
    if not is_stdin:
        meta.update(sources_meta(path.parent).get(path.name, {}))
    warning = language_warning(text)
    if warning:
        meta.setdefault("warnings", []).append(warning)
    return Document(
        doc_id=doc_id,
        text=text,
        meta=meta,
        path=None if is_stdin else str(path),
        format=fmt,
        sha256=hashlib.sha256(raw).hexdigest(),
        n_bytes=len(raw),
    )


def iter_documents(
    inputs: Iterable[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    recursive: bool = True,
    follow_links: bool = False,
    exclude: Iterable[str | Path] = (),
    on_error: ErrorCallback | None = None,
    max_pages: int = DEFAULT_MAX_PAGES,
) -> Iterator[Document]:
    """Yield a :class:`Document` per readable input, one at a time (a generator).

    Failures go to ``on_error(doc_id, path, message)`` and the run carries on; without
    a callback the first failure raises. Entries of a folder that are skipped (links out
    of the folder or looping, special files: :mod:`tnr_claims.text.discover`) are
    failures too, one each. ``exclude`` names folders not to walk (the run's output
    folder); HTML reports written by ``claims report`` are passed over silently. A
    doc_id (file stem) seen before in the run is an error naming both files: the first
    document is kept, the later one fails.
    """

    def report(error: InputError, doc_id: str, path: str) -> None:
        if on_error is None:
            raise error
        on_error(doc_id, path, error.message)

    def skipped(error: InputError) -> None:
        report(error, error.doc_id or "input", error.path or "")

    kept: dict[str, str] = {}
    for name in inputs:
        listing = iter_input_paths(
            [name],
            recursive=recursive,
            follow_links=follow_links,
            exclude=exclude,
            on_skip=skipped if on_error is not None else None,
        )
        while True:
            try:
                path = next(listing)
            except StopIteration:
                break
            except InputError as error:
                report(error, error.doc_id or name, name)
                break
            is_stdin = str(path) == STDIN
            doc_id = STDIN_DOC_ID if is_stdin else path.stem
            shown = "<stdin>" if is_stdin else str(path)
            try:
                if doc_id in kept:
                    raise InputError.of(
                        "duplicate_id", doc_id=doc_id, path=shown, other=kept[doc_id]
                    )
                document = read_document(
                    path, max_bytes=max_bytes, doc_id=doc_id, max_pages=max_pages
                )
            except InputError as error:
                if error.reason != "own_output":  # our own report: excluded, not a failure
                    report(error, doc_id, shown)
                continue
            kept[doc_id] = shown
            yield document


__all__ = [
    "DEFAULT_MAX_BYTES",
    "ENGLISH_STOPWORDS",
    "FORMATS",
    "STDIN",
    "Document",
    "ErrorCallback",
    "Format",
    "decode_bytes",
    "iter_documents",
    "iter_input_paths",
    "language_warning",
    "read_document",
    "sources_meta",
]
