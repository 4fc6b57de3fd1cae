"""Output sets: a reader sees one whole set, whatever moment the writer is killed at.

The kill test publishes sets in a real subprocess and SIGKILLs it at random moments; after
each kill, every output file must match the size and hash its manifest records.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tnr_claims.run.publish import OutputSet, current_set, file_digest

NAMES = ("documents.jsonl", "records.jsonl", "claims.csv", "spans.parquet", "failures.jsonl")


def write_set(out: Path, number: int) -> None:
    """Publish set ``number``: every file says its number; the manifest hashes them."""
    with OutputSet(out) as output:
        for name in NAMES:
            (output.path / name).write_text(f"{name} of set {number}\n" * (50 + number % 7))
        files = {name: file_digest(output.path / name) for name in output.names()}
        manifest = {"set": number, "files": files}
        (output.path / "manifest.json").write_text(json.dumps(manifest))
        output.publish()


def assert_one_set(out: Path) -> int | None:
    """Every output file belongs to the set its manifest names; return that set's number."""
    if not (out / "manifest.json").exists():
        assert not any((out / name).exists() for name in NAMES), "files without a manifest"
        return None
    manifest = json.loads((out / "manifest.json").read_text())
    for name in NAMES:
        assert file_digest(out / name) == manifest["files"][name], name
        assert (out / name).read_text().startswith(f"{name} of set {manifest['set']}\n")
    return manifest["set"]


def test_publish_switches_every_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / ".state").mkdir(parents=True)
    write_set(out, 1)
    assert assert_one_set(out) == 1
    write_set(out, 2)
    assert assert_one_set(out) == 2
    sets = list((out / ".state" / "sets").iterdir())
    assert sets == [current_set(out)], "older sets are removed"


def test_unpublished_set_leaves_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / ".state").mkdir(parents=True)
    write_set(out, 1)
    with pytest.raises(OSError, match="disk full"), OutputSet(out) as output:
        (output.path / "documents.jsonl").write_text("half")
        raise OSError(28, "disk full")
    assert assert_one_set(out) == 1
    assert [p.name for p in (out / ".state" / "sets").iterdir()] == [current_set(out).name]


def test_plain_files_of_the_older_layout_are_adopted(tmp_path: Path) -> None:
    """A folder written before sets existed (or copied without links) switches cleanly."""
    out = tmp_path / "out"
    (out / ".state").mkdir(parents=True)
    for name in NAMES:
        (out / name).write_text(f"{name} of set 0\n")
    (out / "notes.txt").write_text("the user's own file")
    write_set(out, 3)
    assert assert_one_set(out) == 3
    assert (out / "notes.txt").read_text() == "the user's own file"
    assert all((out / name).is_symlink() for name in NAMES)


def test_a_file_the_new_set_lacks_is_gone(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / ".state").mkdir(parents=True)
    with OutputSet(out) as output:
        (output.path / "extra.csv").write_text("x")
        output.publish()
    write_set(out, 4)
    assert not (out / "extra.csv").exists() and not (out / "extra.csv").is_symlink()


PUBLISHER = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from test_publish import write_set
out = Path(sys.argv[1])
number = int(sys.argv[3])
print("ready", flush=True)
while True:
    number += 1
    write_set(out, number)
"""


@pytest.mark.slow
def test_sigkill_at_random_moments_never_leaves_a_mix(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / ".state").mkdir(parents=True)
    write_set(out, 0)
    rng = random.Random(12)
    seen = set()
    for attempt in range(1, 26):
        proc = subprocess.Popen(
            [
                sys.executable,
                "-c",
                PUBLISHER,
                str(out),
                str(Path(__file__).parent),
                str(attempt * 10**6),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        number = assert_one_set(out)
        assert number is not None
        seen.add(number)
    write_set(out, 1000)  # the next publisher cleans what the killed ones left
    assert assert_one_set(out) == 1000
    assert [p.name for p in (out / ".state" / "sets").iterdir()] == [current_set(out).name]
    assert not [
        p
        for p in (*out.iterdir(), *(out / ".state").iterdir())
        if ".tmp" in p.name or ".link" in p.name
    ]
    assert len(seen) >= 5, "the writers seldom got to publish: the test killed too early"
