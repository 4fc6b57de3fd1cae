"""Robustness of ``claims run`` on bad input, through the real command line.

One folder mixes good documents with every kind of input a user's folder tends to hold
(an empty file, an image renamed ``.txt``, legacy encodings, a byte-order mark, CRLF
line ends, a megabyte line, HTML with scripts or without an article, corrupt and
text-less PDFs, non-English text, a doc_id used twice). ``claims run`` goes through it
once (module fixture) and the tests check the contract of a run that meets failures:

* exit code 1; the good documents are in ``documents.jsonl``;
* every failed document has exactly one line on stderr, starting with its doc_id, and
  one row in ``failures.jsonl``; no Python traceback unless ``--debug``;
* offsets index the decoded text (``text[start:end]`` is the stated surface).

Other tests cover ``--strict``, ``--debug``, the size limit (``--max-bytes``), a file
that cannot be read, a missing path, and many files (lazily read).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from helpers import make_pdf

from tnr_claims.records import DocumentRecord, GoldDocument
from tnr_claims.text import ingest

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parent.parent

ARTICLE = (
    "Police in Bangkok detained the exiled activist on 3 May 2021, according to Amnesty "
    "International. His relatives in China were questioned and threatened by state security "
    "officers, who told them to persuade him to return.\n\n"
    "The group said he was later deported to China, where he faces charges of subversion."
)
"""A short English article (two paragraphs) that yields spans and claims."""

CP1252_TEXT = (
    "Rights groups said the \u201cdissident\u201d was followed in Paris \u2013 a caf\u00e9 "
    "owner saw two agents photograph him. Police in Paris said his family in Vietnam was "
    "visited by security officers and warned that he must stop his campaign."
)
"""English text with curly quotes, an en dash and an accent (all in Windows-1252)."""

GERMAN = (
    "Die Polizei hat den Aktivisten am Dienstag in Berlin festgenommen, sagte die Organisation "
    "am Mittwoch. Seine Familie wurde nach Angaben der Gruppe mehrfach von Beamten besucht, "
    "bedroht und unter Druck gesetzt, damit er in seine Heimat zur\u00fcckkehrt. Die Beh\u00f6rden "
    "wollten sich zu dem Fall nicht \u00e4u\u00dfern, hie\u00df es in einer Mitteilung."
)
"""A German paragraph of more than 30 words (long enough for the language check)."""

RUSSIAN = (
    "\u041f\u043e\u043b\u0438\u0446\u0438\u044f \u0437\u0430\u0434\u0435\u0440\u0436\u0430\u043b"
    "\u0430 \u0430\u043a\u0442\u0438\u0432\u0438\u0441\u0442\u0430 \u0432 \u0411\u0435\u0440"
    "\u043b\u0438\u043d\u0435, \u0441\u043e\u043e\u0431\u0449\u0438\u043b\u0430 \u043e\u0440"
    "\u0433\u0430\u043d\u0438\u0437\u0430\u0446\u0438\u044f. " * 4
)
"""A Cyrillic paragraph (probably not English by script)."""

HTML_WITH_SCRIPTS = f"""<!doctype html><html><head><title>Activist detained abroad</title>
<script>alert("SCRIPT-IN-HEAD")</script></head>
<body onload="steal()"><nav><a href="/" onclick="track()">Home</a></nav>
<article><h1 onmouseover="alert('HANDLER')">Activist detained abroad</h1>
<p onclick="alert('HANDLER')">{ARTICLE.split(chr(10))[0]}</p>
<p>{ARTICLE.split(chr(10))[-1]}</p>
<script>document.write("SCRIPT-IN-BODY")</script></article>
<footer>Footer links</footer></body></html>"""

HTML_WITHOUT_BODY = (
    "<html><head><title>Example</title><script>var a = 1;</script></head><body>"
    "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
    "<footer>Privacy | Cookies</footer></body></html>"
)

LONG_WORDS = (
    "authorities transnational repression government dissidents surveillance harassment "
    "intimidation extradition deportation international organisation embassy consulate "
    "journalists relatives intelligence community diaspora"
).split()


def megabyte_line() -> str:
    """One line of exactly 1,000,000 characters: words and spaces, no punctuation."""
    words: list[str] = []
    size = 0
    i = 0
    while size < 1_000_000:
        word = LONG_WORDS[i % len(LONG_WORDS)]
        words.append(word)
        size += len(word) + 1
        i += 1
    return " ".join(words)[:1_000_000]


def claims_cli(
    *args: str, cwd: Path, launcher: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m tnr_claims.cli ARGS`` (or a ``-c`` launcher script) and capture it."""
    head = ["-c", launcher] if launcher else ["-m", "tnr_claims.cli"]
    return subprocess.run(
        [sys.executable, *head, *args], cwd=cwd, capture_output=True, text=True, timeout=600
    )


def jsonl(path: Path) -> list[dict[str, Any]]:
    """The rows of a JSON Lines file (split on ``\\n`` only, as the files are written)."""
    text = path.read_text(encoding="utf-8")
    return [json.loads(line) for line in text.split("\n") if line.strip()]


def stderr_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def records(out: Path) -> dict[str, DocumentRecord]:
    """The run's full records by doc_id (each one validated again)."""
    return {
        row["doc_id"]: DocumentRecord.model_validate(row) for row in jsonl(out / "records.jsonl")
    }


# --------------------------------------------------------------------------- the mixed folder


@dataclass
class Run:
    """One ``claims run`` on the mixed folder."""

    inputs: Path
    out: Path
    result: subprocess.CompletedProcess[str]
    raw: dict[str, bytes]
    """Bytes written per doc_id, for the decoding checks."""


GOOD = {
    "alpha",
    "beta",
    "good-pdf",
    "cp1252",
    "bom",
    "crlf",
    "broken-utf8",
    "scripts",
    "foreign-de",
    "foreign-ru",
    "longline",
}
"""doc_ids of the mixed folder that must be processed."""
FAILING = {"empty", "blank", "image", "no-article", "corrupt", "scan", "alpha#dup"}
"""doc_ids that must fail (``alpha#dup``: the second ``alpha``, in a subfolder)."""


def build_mixed_folder(folder: Path) -> dict[str, bytes]:
    files: dict[str, bytes] = {
        "alpha.txt": ARTICLE.encode(),
        "beta.md": ("# Detained abroad\n\n" + ARTICLE).encode(),
        "good-pdf.pdf": make_pdf(ARTICLE.replace("\n\n", " ")),
        "cp1252.txt": CP1252_TEXT.encode("cp1252"),
        "bom.txt": b"\xef\xbb\xbf" + ARTICLE.encode(),
        "crlf.txt": ARTICLE.replace("\n", "\r\n").encode(),
        # UTF-8 with one stray Latin-1 byte (0xF6 for "ö") among valid accented letters.
        "broken-utf8.txt": (ARTICLE + " Caf\u00e9 na\u00efve r\u00e9sum\u00e9.")
        .encode()
        .replace(b"Bangkok", b"Bangk\xf6k"),
        "scripts.html": HTML_WITH_SCRIPTS.encode(),
        "foreign-de.txt": GERMAN.encode(),
        "foreign-ru.txt": RUSSIAN.encode(),
        "longline.txt": megabyte_line().encode(),
        "empty.txt": b"",
        "blank.txt": b"   \r\n\t\n  ",
        "image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
        "no-article.html": HTML_WITHOUT_BODY.encode(),
        "corrupt.pdf": b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage without an end",
        "scan.pdf": make_pdf(""),
        "dup/alpha.txt": ARTICLE.replace("Bangkok", "Istanbul").encode(),
    }
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return {Path(name).stem: data for name, data in files.items() if not name.startswith("dup/")}


@pytest.fixture(scope="module")
def mixed_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    base = tmp_path_factory.mktemp("mixed")
    inputs = base / "inputs"
    raw = build_mixed_folder(inputs)
    out = base / "out"
    result = claims_cli("run", str(inputs), "-o", str(out), cwd=base)
    return Run(inputs, out, result, raw)


def failed_ids(run: Run) -> list[str]:
    return [row["doc_id"] for row in jsonl(run.out / "failures.jsonl")]


@pytest.mark.slow
def test_a_run_with_bad_inputs_exits_1_without_a_traceback(mixed_run: Run) -> None:
    assert mixed_run.result.returncode == 1, mixed_run.result.stderr
    assert "Traceback" not in mixed_run.result.stderr
    assert "Traceback" not in mixed_run.result.stdout
    manifest = json.loads((mixed_run.out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "partial"
    assert manifest["counts"]["failed"] == len(FAILING)
    assert manifest["counts"]["documents"] == len(GOOD)


@pytest.mark.slow
def test_every_failed_document_has_one_stderr_line_and_one_failures_row(mixed_run: Run) -> None:
    rows = jsonl(mixed_run.out / "failures.jsonl")
    assert sorted(failed_ids(mixed_run)) == sorted(d.split("#")[0] for d in FAILING)
    duplicate = [row for row in rows if row["doc_id"] == "alpha"]
    assert [Path(row["path"]).parent.name for row in duplicate] == ["dup"]
    lines = stderr_lines(mixed_run.result)
    for row in rows:
        doc_id = row["doc_id"]
        assert set(row) == {"doc_id", "path", "message"}
        mine = [line for line in lines if line.startswith(f"{doc_id}: ")]
        assert len(mine) == 1, (doc_id, lines)
        # The stderr line is the failures.jsonl message, prefixed with the doc_id.
        assert mine[0] == f"{doc_id}: {row['message']}"
        assert row["path"] in row["message"], "the message names the file"
        assert "; " in row["message"], "the message says what to do"


@pytest.mark.slow
def test_stderr_holds_nothing_but_failure_and_warning_lines(mixed_run: Run) -> None:
    failed = set(failed_ids(mixed_run))
    lines = stderr_lines(mixed_run.result)
    warnings = [line for line in lines if ": warning: " in line]
    stray = [line for line in lines if line.split(":", 1)[0] not in failed and line not in warnings]
    assert stray == []
    assert any(line.startswith("broken-utf8: warning: 1 invalid UTF-8") for line in warnings)


@pytest.mark.slow
def test_good_documents_are_in_documents_jsonl(mixed_run: Run) -> None:
    rows = jsonl(mixed_run.out / "documents.jsonl")
    assert {row["doc_id"] for row in rows} == GOOD
    assert len(rows) == len(GOOD)
    for row in rows:
        GoldDocument.model_validate(row)
    alpha = next(row for row in rows if row["doc_id"] == "alpha")
    assert "Bangkok" in alpha["text"], "the first alpha is kept, the duplicate fails"
    assert alpha["spans"] and alpha["claims"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("doc_id", "decode"),
    [
        ("crlf", lambda raw: raw.decode("utf-8")),
        ("bom", lambda raw: raw.decode("utf-8-sig")),
        ("cp1252", lambda raw: raw.decode("cp1252")),
        ("broken-utf8", lambda raw: raw.decode("utf-8", errors="replace")),
        ("alpha", lambda raw: raw.decode("utf-8")),
    ],
)
def test_offsets_index_the_decoded_text(mixed_run: Run, doc_id: str, decode: Any) -> None:
    record = records(mixed_run.out)[doc_id]
    assert record.text == decode(mixed_run.raw[doc_id])
    assert record.spans, "the check needs spans to be meaningful"
    for span in record.spans:
        assert record.text[span.start : span.end] == span.text
    for claim in record.claims:
        assert record.text[claim.start : claim.end] == claim.text


@pytest.mark.slow
def test_decoding_is_recorded_in_the_metadata(mixed_run: Run) -> None:
    by_id = records(mixed_run.out)
    assert "\r\n" in by_id["crlf"].text
    assert by_id["bom"].meta.get("bom") is True and not by_id["bom"].text.startswith("\ufeff")
    assert by_id["cp1252"].meta["encoding"] == "cp1252"
    assert "\u201cdissident\u201d" in by_id["cp1252"].text
    broken = by_id["broken-utf8"]
    assert "\ufffd" in broken.text and broken.meta.get("decode_errors") == 1
    assert any("U+FFFD" in warning for warning in broken.warnings)


@pytest.mark.slow
def test_html_scripts_and_event_handlers_do_not_become_text(mixed_run: Run) -> None:
    record = records(mixed_run.out)["scripts"]
    for marker in ("SCRIPT-IN-HEAD", "SCRIPT-IN-BODY", "HANDLER", "alert", "onclick", "steal", "<"):
        assert marker not in record.text
    assert "Police in Bangkok detained" in record.text


@pytest.mark.slow
def test_megabyte_line_without_punctuation_is_processed_or_clearly_refused(mixed_run: Run) -> None:
    if "longline" in failed_ids(mixed_run):  # refusing is allowed, with a clear message
        [row] = [r for r in jsonl(mixed_run.out / "failures.jsonl") if r["doc_id"] == "longline"]
        assert "longline.txt" in row["message"] and "; " in row["message"]
        assert "pipeline failed" not in row["message"]
        return
    record = records(mixed_run.out)["longline"]
    assert len(record.text) == 1_000_000 and "\n" not in record.text
    assert any("split into" in warning for warning in record.warnings)


@pytest.mark.slow
def test_non_english_documents_are_processed_with_a_warning(mixed_run: Run) -> None:
    by_id = records(mixed_run.out)
    for doc_id in ("foreign-de", "foreign-ru"):
        assert any("not English" in warning for warning in by_id[doc_id].warnings), doc_id
    assert not any("not English" in warning for warning in by_id["alpha"].warnings)


@pytest.mark.slow
def test_corrupt_and_textless_pdfs_say_what_to_do(mixed_run: Run) -> None:
    messages = {row["doc_id"]: row["message"] for row in jsonl(mixed_run.out / "failures.jsonl")}
    assert "not a readable PDF" in messages["corrupt"]
    assert "OCR" in messages["scan"]
    assert "no article text" in messages["no-article"]
    assert "binary data" in messages["image"]
    assert "empty" in messages["empty"] and "empty" in messages["blank"]
    assert "same doc_id" in messages["alpha"] and "rename" in messages["alpha"]
    assert "good-pdf" in records(mixed_run.out)


# --------------------------------------------------------------------------- --strict, --debug


@pytest.mark.slow
def test_strict_stops_at_the_first_failure(mixed_run: Run, tmp_path: Path) -> None:
    out = tmp_path / "strict-out"
    result = claims_cli("run", str(mixed_run.inputs), "-o", str(out), "--strict", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    rows = jsonl(out / "failures.jsonl")
    assert len(rows) == 1
    failed = rows[0]["doc_id"]
    assert [line for line in stderr_lines(result) if line.startswith(f"{failed}: ")]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "stopped"
    full = json.loads((mixed_run.out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["processed"] < full["counts"]["processed"]
    assert manifest["counts"]["failed"] == 1


def test_missing_path_is_a_usage_error_named_on_one_line(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "alpha.txt").write_text(ARTICLE, encoding="utf-8")
    missing = tmp_path / "no-such-folder"
    out = tmp_path / "out"
    result = claims_cli("run", str(inputs), str(missing), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 2
    lines = stderr_lines(result)
    assert len(lines) == 1 and str(missing) in lines[0] and "does not exist" in lines[0]
    assert "Traceback" not in result.stderr
    assert not (out / "documents.jsonl").exists(), "checked before any document is processed"


def test_debug_shows_the_traceback_of_an_expected_error(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    plain = claims_cli("run", str(missing), "-o", str(tmp_path / "a"), cwd=tmp_path)
    debug = claims_cli("--debug", "run", str(missing), "-o", str(tmp_path / "b"), cwd=tmp_path)
    assert plain.returncode == 2 and "Traceback" not in plain.stderr
    assert debug.returncode != 0
    assert "Traceback" in debug.stderr and "InputError" in debug.stderr


UNREADABLE_LAUNCHER = """
import pathlib, sys
_open = pathlib.Path.open
def open_(self, *args, **kwargs):
    if self.name == "locked.txt":
        raise PermissionError(13, "Permission denied", str(self))
    return _open(self, *args, **kwargs)
pathlib.Path.open = open_
from tnr_claims.cli import app
app(prog_name="claims")
"""
"""Runs the CLI with reads of ``locked.txt`` refused, as chmod would for a non-root user."""


def test_unreadable_file_fails_alone_with_a_permission_hint(tmp_path: Path) -> None:
    """``chmod 000`` does not stop root from reading, so as root the refusal is simulated.

    As another user the file is really made unreadable; as root (containers, CI) the CLI
    runs under a launcher that makes ``Path.open`` raise ``PermissionError`` for
    that file, which is what the operating system raises for a non-root user.
    """
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "alpha.txt").write_text(ARTICLE, encoding="utf-8")
    locked = inputs / "locked.txt"
    locked.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    as_root = os.geteuid() == 0
    if not as_root:
        locked.chmod(0)
    try:
        result = claims_cli(
            "run",
            str(inputs),
            "-o",
            str(out),
            cwd=tmp_path,
            launcher=UNREADABLE_LAUNCHER if as_root else None,
        )
    finally:
        locked.chmod(0o644)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    [line] = [line for line in stderr_lines(result) if line.startswith("locked: ")]
    assert "cannot read" in line and str(locked) in line and "permission" in line
    assert [row["doc_id"] for row in jsonl(out / "failures.jsonl")] == ["locked"]
    assert [row["doc_id"] for row in jsonl(out / "documents.jsonl")] == ["alpha"]


# --------------------------------------------------------------------------- size limits


def test_fifty_megabyte_file_is_refused_naming_the_limit_and_option(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "alpha.txt").write_text(ARTICLE, encoding="utf-8")
    sentence = b"Police detained the activist abroad, the group said. "
    big = inputs / "huge.txt"
    with big.open("wb") as handle:
        handle.write(sentence * (50_000_000 // len(sentence) + 1))
    size = big.stat().st_size
    out = tmp_path / "out"
    try:
        result = claims_cli("run", str(inputs), "-o", str(out), cwd=tmp_path)
    finally:
        big.unlink()
    assert result.returncode == 1 and "Traceback" not in result.stderr
    [line] = [line for line in stderr_lines(result) if line.startswith("huge: ")]
    assert f"{size:,} bytes" in line
    assert "limit of 20,000,000 bytes" in line and "--max-bytes" in line
    assert [row["doc_id"] for row in jsonl(out / "documents.jsonl")] == ["alpha"]


@pytest.mark.slow
def test_max_bytes_refuses_or_lets_through_a_two_megabyte_page(tmp_path: Path) -> None:
    """A 2 MB HTML page (a big inline script around a short article, as real pages are)."""
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    script = "<script>var data = [" + ",".join(['"0123456789"'] * 190_000) + "];</script>"
    page = HTML_WITH_SCRIPTS.replace("</head>", script + "</head>")
    (inputs / "big-page.html").write_text(page, encoding="utf-8")
    size = (inputs / "big-page.html").stat().st_size
    assert 2_000_000 < size < 3_000_000

    low = claims_cli(
        "run", str(inputs), "-o", str(tmp_path / "low"), "--max-bytes", "1000000", cwd=tmp_path
    )
    assert low.returncode == 1
    [line] = stderr_lines(low)
    assert line.startswith("big-page: ") and "limit of 1,000,000 bytes" in line
    assert "--max-bytes" in line

    high = claims_cli(
        "run", str(inputs), "-o", str(tmp_path / "high"), "--max-bytes", "3000000", cwd=tmp_path
    )
    assert high.returncode == 0, high.stderr
    [row] = jsonl(tmp_path / "high" / "documents.jsonl")
    assert row["doc_id"] == "big-page" and "Police in Bangkok detained" in row["text"]
    assert "0123456789" not in row["text"]


# --------------------------------------------------------------------------- many files


def test_ten_thousand_files_are_listed_and_read_lazily(tmp_path: Path) -> None:
    """Ingest level (no model): a generator that reads one file per document asked for."""
    folder = tmp_path / "many"
    for part in range(10):
        sub = folder / f"part{part}"
        sub.mkdir(parents=True)
        for i in range(1_000):
            (sub / f"doc{part}-{i:04d}.txt").write_bytes(b"Short text number %d." % i)
    (folder / "part3" / "doc3-0500.txt").write_bytes(b"")  # one bad file among them
    failures: list[tuple[str, str | None, str]] = []
    documents = ingest.iter_documents([str(folder)], on_error=lambda *a: failures.append(a))
    assert isinstance(documents, types.GeneratorType)
    first = next(documents)
    assert first.doc_id == "doc0-0000"
    assert 1 + sum(1 for _ in documents) == 9_999
    assert [f[0] for f in failures] == ["doc3-0500"]


@pytest.mark.slow
def test_three_hundred_files_run_through_the_cli(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for i in range(300):
        city = ("Bangkok", "Istanbul", "Cairo", "Berlin", "Paris")[i % 5]
        (inputs / f"note-{i:03d}.txt").write_text(
            f"Note {i}. Police in {city} detained an exiled journalist, a rights group said.",
            encoding="utf-8",
        )
    out = tmp_path / "out"
    result = claims_cli("run", str(inputs), "-o", str(out), "--quiet", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == ""
    rows = jsonl(out / "documents.jsonl")
    assert [row["doc_id"] for row in rows] == [f"note-{i:03d}" for i in range(300)]
    assert jsonl(out / "failures.jsonl") == []
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["processed"] == 300 and manifest["status"] == "ok"
