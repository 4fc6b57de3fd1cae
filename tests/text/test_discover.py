"""Tests of input discovery and input bounds (:mod:`tnr_claims.text.discover`,
:mod:`tnr_claims.text.ingest`): links, loops, special files, output folders, deep trees,
bytes actually read, UTF-16 without a BOM; on trees made in ``tmp_path``."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tnr_claims.errors import InputError
from tnr_claims.text.ingest import iter_documents, iter_input_paths, read_document

ARTICLE = "Ruritanian agents followed Anna Vell in Vienna, her lawyer said.\n"


def write(path: Path, text: str = ARTICLE) -> Path:
    """Write ``text`` to ``path``, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def collect(inputs: list[str], **options: object) -> tuple[list[str], list[tuple[str, str]]]:
    """Doc ids read and ``(doc_id, message)`` of every failure or skip."""
    failures: list[tuple[str, str]] = []
    docs = iter_documents(
        inputs,
        on_error=lambda d, p, m: failures.append((d, m)),
        **options,  # type: ignore[arg-type]
    )
    return [doc.doc_id for doc in docs], failures


def one_line(message: str, name: str) -> None:
    """The message is one line that names the file and says what to do."""
    assert "\n" not in message and name in message and "; " in message


def test_link_out_of_the_input_folder_is_skipped_unless_allowed(tmp_path: Path) -> None:
    secret = write(tmp_path / "outside" / "secret.txt", "Private words of Karl Orsk here.")
    root = tmp_path / "in"
    write(root / "a.txt")
    (root / "leak.txt").symlink_to(secret)
    (root / "inner.txt").symlink_to(root / "a.txt")
    ids, failures = collect([str(root)])
    assert ids == ["a"]
    assert [d for d, _ in failures] == ["leak"]
    one_line(failures[0][1], str(root / "leak.txt"))
    assert "--follow-links" in failures[0][1]
    ids, failures = collect([str(root)], follow_links=True)
    assert ids == ["a", "leak"] and failures == []


def test_linked_folder_is_walked_only_with_follow_links(tmp_path: Path) -> None:
    write(tmp_path / "other" / "b.txt")
    root = tmp_path / "in"
    write(root / "a.txt")
    (root / "more").symlink_to(tmp_path / "other", target_is_directory=True)
    assert [p.name for p in iter_input_paths([str(root)], on_skip=lambda e: None)] == ["a.txt"]
    found = [p.name for p in iter_input_paths([str(root)], follow_links=True)]
    assert found == ["a.txt", "b.txt"]


def test_symlink_loops_are_skipped_with_one_line_each(tmp_path: Path) -> None:
    root = tmp_path / "in"
    write(root / "a.txt")
    (root / "self.txt").symlink_to(root / "self.txt")
    (root / "ping.txt").symlink_to(root / "pong.txt")
    (root / "pong.txt").symlink_to(root / "ping.txt")
    (root / "sub").mkdir()
    (root / "sub" / "up").symlink_to(root, target_is_directory=True)
    (root / "gone.txt").symlink_to(root / "nothing.txt")
    for follow in (False, True):
        ids, failures = collect([str(root)], follow_links=follow)
        assert ids == ["a"]
        assert sorted(d for d, _ in failures) == ["gone", "ping", "pong", "self"]
        for doc_id, message in failures:
            one_line(message, doc_id)


def test_fifo_socket_and_device_are_skipped(tmp_path: Path) -> None:
    root = tmp_path / "in"
    write(root / "a.txt")
    os.mkfifo(root / "pipe.txt")
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(root / "sock.txt"))
        (root / "null.txt").symlink_to("/dev/null")
        ids, failures = collect([str(root)], follow_links=True)
    finally:
        server.close()
    assert ids == ["a"]
    reasons = dict(failures)
    assert set(reasons) == {"null", "pipe", "sock"}
    assert "named pipe" in reasons["pipe"] and "socket" in reasons["sock"]
    assert "device" in reasons["null"]


def test_explicit_fifo_is_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(InputError) as caught:
        list(iter_input_paths([str(tmp_path / "pipe.txt")]))
    assert caught.value.reason == "not_a_file"


def test_output_folders_and_reports_inside_the_input_are_not_read(tmp_path: Path) -> None:
    root = tmp_path / "in"
    write(root / "a.txt")
    write(root / "old-run" / ".state" / "store.jsonl", "{}")
    write(root / "old-run" / "notes.txt")
    write(root / "out" / "b.txt")
    report = (
        '<html><head><meta charset="utf-8">\n<meta name="generator" content="tnr-claims report">'
    )
    write(root / "review.html", report + "<title>x</title></head><body><p>" + ARTICLE * 5)
    ids, failures = collect([str(root)], exclude=[root / "out"])
    assert ids == ["a"] and failures == []
    with pytest.raises(InputError) as caught:
        read_document(root / "review.html")
    assert caught.value.reason == "own_output"
    one_line(caught.value.message, "review.html")


def test_folder_tree_1100_levels_deep_is_walked(tmp_path: Path) -> None:
    deep = tmp_path / "in"
    deepest = deep
    deep.mkdir()
    for _ in range(1100):
        deepest = deepest / "d"
        deepest.mkdir()
    try:
        write(deepest / "bottom.txt")
        write(deep / "top.txt")
        found = [p.name for p in iter_input_paths([str(deep)])]
        assert found == ["bottom.txt", "top.txt"]
    finally:
        # pytest removes old temporary folders with a recursive rmtree that overflows on a
        # tree this deep (and would fail a later session); rm works iteratively.
        subprocess.run(["rm", "-rf", str(deep)], check=True)


def test_max_bytes_counts_bytes_read_not_the_reported_size(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", ARTICLE * 100)
    with pytest.raises(InputError) as caught:
        read_document(path, max_bytes=1000)
    assert caught.value.reason == "too_large" and "1,000" in caught.value.message
    assert read_document(path, max_bytes=len(ARTICLE) * 100).doc_id == "big"


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_proc_file_reporting_size_zero_is_bounded(tmp_path: Path) -> None:
    assert Path("/proc/self/status").stat().st_size == 0
    link = tmp_path / "status.txt"
    link.symlink_to("/proc/self/status")
    with pytest.raises(InputError) as caught:
        read_document(link, max_bytes=100)
    assert caught.value.reason == "too_large"
    ids, failures = collect([str(tmp_path)], max_bytes=100)
    assert ids == [] and "outside the input folder" in failures[0][1]


def test_extracted_text_is_bounded_by_max_bytes(tmp_path: Path) -> None:
    from helpers import make_pdf

    pages = ["Ruritanian agents followed Anna Vell in Vienna. " * 40] * 8
    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf(*pages))
    size = path.stat().st_size
    text = read_document(path).text
    assert len(text) > size  # compressed streams: more text than bytes
    try:
        bounded = read_document(path, max_bytes=size)
    except InputError as error:  # refused whole
        assert error.reason == "text_too_large"
        one_line(error.message, "report.pdf")
    else:  # or cut at the bound with a warning (the PDF reader's choice)
        assert len(bounded.text) <= size < len(text)
        assert bounded.meta.get("warnings")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read_as_utf16(tmp_path: Path, encoding: str) -> None:
    text = "Ruritanian agents followed Anna Vell in Zürich, her lawyer said.\n"
    path = tmp_path / "wide.txt"
    path.write_bytes(text.encode(encoding))
    doc = read_document(path)
    assert doc.text == text
    assert doc.meta["encoding"] == encoding and doc.meta["bom"] is False


def test_binary_with_nul_bytes_is_still_binary(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert caught.value.reason == "binary"


def test_cli_run_skips_a_loop_and_goes_on(tmp_path: Path) -> None:
    root = tmp_path / "in"
    write(root / "a.txt")
    (root / "loop.txt").symlink_to(root / "loop.txt")
    script = (
        "import sys\n"
        "from tnr_claims.text.ingest import iter_documents\n"
        "docs = iter_documents([sys.argv[1]], on_error=lambda d, p, m: print(m, file=sys.stderr))\n"
        "print(','.join(doc.doc_id for doc in docs))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(root)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0 and done.stdout.strip() == "a"
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "loop.txt" in lines[0] and "Traceback" not in done.stderr


@pytest.mark.model
def test_claims_run_on_a_hostile_folder_goes_on_and_reads_only_documents(tmp_path: Path) -> None:
    """``claims run`` over a folder with a link loop, a link out of it, a FIFO and its own
    output folder inside: one line per skip, no traceback, only the document is read, and
    a second run does not read back the report written into the tree."""
    root = tmp_path / "in"
    write(root / "a.txt")
    write(tmp_path / "secret.txt", "Karl Orsk keeps private notes in this file today.")
    (root / "loop.txt").symlink_to(root / "loop.txt")
    (root / "leak.txt").symlink_to(tmp_path / "secret.txt")
    os.mkfifo(root / "pipe.txt")
    out = root / "out"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "tnr_claims.cli", *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=600,
        )

    first = run("run", str(root), "-o", str(out), "-q")
    assert first.returncode == 1 and "Traceback" not in first.stderr
    lines = [line for line in first.stderr.splitlines() if line.strip()]
    assert sorted(line.split(":")[0] for line in lines) == ["leak", "loop", "pipe"]
    documents = (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(documents) == 1 and '"doc_id": "a"' in documents[0]
    assert "Karl Orsk" not in (out / "records.jsonl").read_text(encoding="utf-8")
    for target in (out / "report.html", root / "review.html"):
        report = run("report", str(out), "-o", str(target))
        assert report.returncode == 0, report.stderr
    (root / "pipe.txt").unlink()
    (root / "loop.txt").unlink()
    (root / "leak.txt").unlink()
    second = run("run", str(root), "-o", str(out), "-q")
    assert second.returncode == 0 and second.stderr.strip() == "", second.stderr
    documents = (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(documents) == 1
