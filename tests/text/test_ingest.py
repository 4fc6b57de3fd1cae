"""Tests of :mod:`tnr_claims.text.ingest`: one test per input case, files made in ``tmp_path``."""

from __future__ import annotations

import hashlib
import io
import sys
import types
from pathlib import Path

import pytest
from helpers import make_pdf

from tnr_claims.errors import ClaimsError, InputError
from tnr_claims.text import ingest
from tnr_claims.text.ingest import Document, iter_documents, iter_input_paths, read_document

ARTICLE = (
    "Exiled activists said they were followed by agents of their home state.\n\n"
    "The report says relatives were questioned and told to persuade them to return."
)
"""A small English text (two paragraphs)."""

HTML_PAGE = """<!doctype html><html><head><title>Activists detained abroad | Example News</title>
<meta name="author" content="Jane Roe"><meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2021-05-12T10:00:00Z">
<script>var tracker = "SCRIPT-TEXT-MARKER";</script></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">NAV-MENU-MARKER</a></li></ul></nav>
<article><h1>Activists detained abroad</h1>
<p>The first paragraph says several activists were detained abroad, a rights group said.</p>
<p>The second paragraph gives the background of the case and the names of the people involved.</p>
<p>A third paragraph closes the article with what happened next to the people who were held.</p>
</article><footer>FOOTER-MARKER links</footer>
<script>document.write("SCRIPT-TEXT-MARKER")</script></body></html>"""


def write(path: Path, data: bytes | str) -> Path:
    """Write ``data`` (str as UTF-8) to ``path``, creating folders; return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def reason_of(path: Path, **options: int) -> str:
    """The reason code of the :class:`InputError` that reading ``path`` raises."""
    with pytest.raises(InputError) as caught:
        read_document(path, **options)
    message = caught.value.message
    assert "\n" not in message and message.startswith(f"{path.stem}: ")
    assert str(path) in message
    return caught.value.reason


# --------------------------------------------------------------------------- paths


def test_folder_walk_is_recursive_sorted_and_skips_hidden_and_unsupported(tmp_path: Path) -> None:
    for name in ("b.txt", "a.md", "sub/c.html", "sub/deeper/d.pdf", "e.markdown", "f.HTM"):
        write(tmp_path / name, "x")
    for name in (".hidden.txt", ".git/g.txt", "notes.docx", "SOURCES.tsv", "img.png"):
        write(tmp_path / name, "x")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_input_paths([str(tmp_path)])]
    assert found == ["a.md", "b.txt", "e.markdown", "f.HTM", "sub/c.html", "sub/deeper/d.pdf"]
    flat = [p.name for p in iter_input_paths([str(tmp_path)], recursive=False)]
    assert flat == ["a.md", "b.txt", "e.markdown", "f.HTM"]


def test_named_file_with_unsupported_extension_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "report.docx", "x")
    with pytest.raises(InputError) as caught:
        list(iter_input_paths([str(path)]))
    assert caught.value.reason == "unsupported"
    assert ".docx" in caught.value.message and ".txt" in caught.value.message


def test_missing_input_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        list(iter_input_paths([str(tmp_path / "nowhere")]))
    assert caught.value.reason == "missing"
    assert reason_of(tmp_path / "gone.txt") == "missing"


def test_dash_means_stdin_and_a_path_given_twice_is_read_once(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "x")
    assert list(iter_input_paths(["-", str(path), str(tmp_path)])) == [Path("-"), path]


# --------------------------------------------------------------------------- text decoding


def test_utf8_text_is_kept_verbatim_with_hash_and_size(tmp_path: Path) -> None:
    raw = "Café “quoted” – dash\n\nSecond paragraph.\n".encode()
    doc = read_document(write(tmp_path / "plain.txt", raw))
    assert isinstance(doc, Document)
    assert doc.doc_id == "plain" and doc.format == "txt"
    assert doc.text == "Café “quoted” – dash\n\nSecond paragraph.\n"
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()
    assert doc.n_bytes == len(raw)
    assert doc.meta["encoding"] == "utf-8"
    assert doc.path == str(tmp_path / "plain.txt")


def test_crlf_line_ends_are_kept(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path / "crlf.txt", b"Title\r\n\r\nBody line.\r\n"))
    assert doc.text == "Title\r\n\r\nBody line.\r\n"
    assert doc.text[9:19] == "Body line."


def test_utf8_bom_is_dropped_and_recorded(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path / "bom.txt", b"\xef\xbb\xbfHello there.\n"))
    assert doc.text == "Hello there.\n"
    assert doc.meta["bom"] is True and doc.meta["encoding"] == "utf-8"


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path / "wide.txt", "Hello there.\n".encode("utf-16")))
    assert doc.text == "Hello there.\n"


def test_windows_1252_text_is_decoded(tmp_path: Path) -> None:
    raw = b"The caf\xe9 owner said \x93no\x94 \x96 and left for na\xefve reasons.\n"
    doc = read_document(write(tmp_path / "legacy.txt", raw))
    assert doc.text == "The café owner said “no” – and left for naïve reasons.\n"
    assert doc.meta["encoding"] == "cp1252"


def test_latin1_text_is_decoded(tmp_path: Path) -> None:
    doc = read_document(
        write(tmp_path / "latin.txt", "Jürgen met Zoë in Genève.\n".encode("latin-1"))
    )
    assert doc.text == "Jürgen met Zoë in Genève.\n"


def test_invalid_utf8_inside_utf8_text_is_replaced_with_a_warning(tmp_path: Path) -> None:
    raw = (
        "He said “yes” and “no” to the court’s question ".encode() + b"\xff\xfe" + b" then left.\n"
    )
    doc = read_document(write(tmp_path / "broken.txt", raw))
    assert doc.text == "He said “yes” and “no” to the court’s question \ufffd\ufffd then left.\n"
    assert doc.meta["encoding"] == "utf-8" and doc.meta["decode_errors"] == 2
    assert doc.meta["warnings"]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\r\n  \n", "empty"),
        ("unicode-blank.md", "\u00a0\u2003\n".encode(), "empty"),
        ("bom-only.txt", b"\xef\xbb\xbf", "empty"),
        (
            "photo.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)),
            "binary",
        ),
        ("noise.txt", bytes(range(1, 256)) * 8, "binary"),
    ],
)
def test_unusable_text_is_an_input_error(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    assert reason_of(write(tmp_path / name, data)) == reason


def test_file_over_the_size_limit_names_the_limit_and_option(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", "x" * 50)
    with pytest.raises(InputError) as caught:
        read_document(path, max_bytes=10)
    assert caught.value.reason == "too_large"
    assert "--max-bytes" in caught.value.message and "10 bytes" in caught.value.message


def test_unreadable_file_says_permission(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "locked.txt", "text")

    def refuse(self: Path, *args: object, **kwargs: object) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    assert reason_of(path) == "unreadable"


def test_input_error_is_a_claims_error_with_a_one_line_message() -> None:
    error = InputError.of("empty", doc_id="doc", path="a/doc.txt")
    assert isinstance(error, ClaimsError)
    assert str(error) == error.message
    assert error.message.startswith("doc: a/doc.txt") and "; " in error.message


def test_markdown_is_rendered_to_plain_text(tmp_path: Path) -> None:
    text = "# Title\n\nSome *text* with [a link](http://example.org).\n"
    doc = read_document(write(tmp_path / "note.markdown", text))
    assert doc.text == "Title\n\nSome text with a link." and doc.format == "md"
    assert doc.meta["title"] == "Title" and doc.meta["source_map"]


def test_stdin_is_read_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = types.SimpleNamespace(buffer=io.BytesIO(b"From stdin.\n"))
    monkeypatch.setattr(sys, "stdin", stream)
    doc = read_document("-")
    assert (doc.doc_id, doc.format, doc.text, doc.path) == ("stdin", "stdin", "From stdin.\n", None)


# --------------------------------------------------------------------------- HTML


def test_html_keeps_the_article_and_drops_nav_scripts_and_chrome(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path / "page.html", HTML_PAGE))
    assert doc.format == "html"
    for marker in ("SCRIPT-TEXT-MARKER", "NAV-MENU-MARKER", "FOOTER-MARKER", "<p>", "tracker"):
        assert marker not in doc.text
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0] == "Activists detained abroad"
    assert paragraphs[1].startswith("The first paragraph says") and paragraphs[1].endswith("said.")
    assert paragraphs[-1].startswith("A third paragraph")
    assert len(paragraphs) == 4
    assert doc.meta["published"] == "2021-05-12"
    assert doc.meta["author"] == "Jane Roe"
    assert doc.meta["sitename"] == "Example News"


def test_html_never_fetches_remote_resources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    page = HTML_PAGE.replace("<article>", '<article><img src="http://example.invalid/x.png">')
    page = page.replace(
        "</head>", '<link rel="stylesheet" href="http://example.invalid/a.css"></head>'
    )
    assert "first paragraph" in read_document(write(tmp_path / "remote.htm", page)).text


def test_html_without_an_article_body_is_an_error(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Example</title><script>var a = 1;</script></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        "<footer>Privacy</footer></body></html>"
    )
    assert reason_of(write(tmp_path / "chrome.html", page)) == "html_no_body"


# --------------------------------------------------------------------------- PDF


def test_pdf_text_layer_pages_are_joined_by_blank_lines(tmp_path: Path) -> None:
    raw = make_pdf("First page about the report.", "Second page text.")
    doc = read_document(write(tmp_path / "paper.pdf", raw))
    assert doc.format == "pdf" and doc.meta["pages"] == 2
    assert doc.text == "First page about the report.\n\nSecond page text."
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()


def test_encrypted_pdf_needs_a_password(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf("Secret text."))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert reason_of(write(tmp_path / "locked.pdf", buffer.getvalue())) == "pdf_encrypted"


def test_pdf_with_empty_user_password_is_read(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf("Open text."))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert read_document(write(tmp_path / "owner.pdf", buffer.getvalue())).text == "Open text."


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4\n1 0 obj garbage without end", b"this is not a pdf at all", make_pdf("Cut.")[:300]],
)
def test_corrupt_pdf_is_an_error(tmp_path: Path, data: bytes) -> None:
    assert reason_of(write(tmp_path / "bad.pdf", data)) == "pdf_corrupt"


def test_pdf_without_text_layer_says_to_run_ocr(tmp_path: Path) -> None:
    path = write(tmp_path / "scan.pdf", make_pdf(""))
    assert reason_of(path) == "pdf_no_text"
    with pytest.raises(InputError, match="OCR"):
        read_document(path)


# --------------------------------------------------------------------------- metadata


SOURCES = (
    "filename\ttitle\tpublisher\tdate\turl\twords\n"
    "dated.txt\tA Dated Story\tExample Wire\t2017-07-07 (from URL)\thttps://example.org/a\t10\n"
    "undated.txt\tAn Undated Story\tExample Daily\tunknown (not stated)\thttps://example.org/b\t12\n"
    "guessed.txt\tA Guessed Story\tExample Post\t2018-04-24 (inferred: trial day)\thttps://example.org/c\t9\n"
)


def test_sources_tsv_adds_title_publisher_url_and_iso_date(tmp_path: Path) -> None:
    write(tmp_path / "SOURCES.tsv", SOURCES)
    dated = read_document(write(tmp_path / "dated.txt", ARTICLE))
    undated = read_document(write(tmp_path / "undated.txt", ARTICLE))
    other = read_document(write(tmp_path / "other.txt", ARTICLE))
    assert dated.meta["title"] == "A Dated Story"
    assert dated.meta["publisher"] == "Example Wire"
    assert dated.meta["url"] == "https://example.org/a"
    assert dated.meta["published"] == "2017-07-07"
    assert undated.meta["title"] == "An Undated Story" and "published" not in undated.meta
    guessed = read_document(write(tmp_path / "guessed.txt", ARTICLE))
    assert guessed.meta["title"] == "A Guessed Story" and "published" not in guessed.meta
    assert "title" not in other.meta


def test_corpus_sources_table_is_attached() -> None:
    root = Path(__file__).resolve().parents[2] / "corpus" / "docs"
    doc = read_document(root / "05_egypt-uighur-students-arrested.txt")
    assert doc.meta["publisher"] == "Al Jazeera" and doc.meta["published"] == "2017-07-07"


@pytest.mark.parametrize(
    ("text", "warned"),
    [
        (ARTICLE * 3, False),
        (
            "Die Aktivisten wurden im Ausland von Agenten verfolgt, sagte ein Sprecher der "
            "Gruppe. Ihre Familien wurden befragt und unter Druck gesetzt, damit sie "
            "zurückkehren. Nach Angaben der Organisation gab es dafür keine Rechtsgrundlage, "
            "und die Behörden schwiegen zu den Vorwürfen.",
            True,
        ),
        (
            "Los activistas fueron seguidos por agentes en el extranjero, dijo un portavoz "
            "del grupo. Sus familias fueron interrogadas y presionadas para que volvieran. "
            "Según la organización, no hubo base legal para ello y las autoridades callaron.",
            True,
        ),
        ("海外的活动人士说，他们的家人被警察约谈，并被要求劝说他们回国。" * 3, True),
        ("Short note.", False),
    ],
)
def test_language_check_warns_but_does_not_fail(tmp_path: Path, text: str, warned: bool) -> None:
    doc = read_document(write(tmp_path / "lang.txt", text))
    assert bool(doc.meta.get("warnings")) is warned


# --------------------------------------------------------------------------- iteration


def test_iter_documents_reports_failures_and_carries_on(tmp_path: Path) -> None:
    write(tmp_path / "docs/a.txt", ARTICLE)
    write(tmp_path / "docs/b.txt", "")
    write(tmp_path / "docs/c.md", ARTICLE)
    failures: list[tuple[str, str | None, str]] = []
    inputs = [str(tmp_path / "docs"), str(tmp_path / "missing.txt")]
    docs = list(iter_documents(inputs, on_error=lambda *args: failures.append(args)))
    assert [d.doc_id for d in docs] == ["a", "c"]
    assert [(doc_id, Path(path).name) for doc_id, path, _ in failures] == [
        ("b", "b.txt"),
        ("missing", "missing.txt"),
    ]
    assert all("\n" not in message for *_, message in failures)


def test_iter_documents_without_callback_raises(tmp_path: Path) -> None:
    write(tmp_path / "empty.txt", "")
    with pytest.raises(InputError):
        list(iter_documents([str(tmp_path)]))


def test_duplicate_doc_ids_fail_the_second_file_naming_both(tmp_path: Path) -> None:
    first = write(tmp_path / "one/report.txt", ARTICLE)
    second = write(tmp_path / "two/report.md", ARTICLE)
    failures: list[tuple[str, str | None, str]] = []
    docs = list(iter_documents([str(tmp_path)], on_error=lambda *args: failures.append(args)))
    assert [d.path for d in docs] == [str(first)]
    assert len(failures) == 1
    doc_id, path, message = failures[0]
    assert (doc_id, path) == ("report", str(second))
    assert str(first) in message and str(second) in message


def test_ten_thousand_files_are_read_lazily(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(10_000):
        (folder / f"doc{i:05d}.txt").write_bytes(b"Short text number %d." % i)
    reads: list[Path] = []
    real_read = ingest.read_document

    def counting_read(path: Path, **options: object) -> Document:
        reads.append(path)
        return real_read(path, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(ingest, "read_document", counting_read)
    documents = iter_documents([str(folder)])
    assert isinstance(documents, types.GeneratorType)
    assert len(reads) == 0
    first = next(documents)
    assert first.doc_id == "doc00000" and len(reads) == 1
    assert sum(1 for _ in documents) == 9_999
    assert len(reads) == 10_000


def test_aes_pdf_without_cryptography_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pypdf
    from pypdf.errors import DependencyError

    def needs_crypto(*args: object, **kwargs: object) -> None:
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(pypdf, "PdfReader", needs_crypto)
    path = write(tmp_path / "aes.pdf", make_pdf("Text."))
    assert reason_of(path) == "pdf_needs_crypto"
