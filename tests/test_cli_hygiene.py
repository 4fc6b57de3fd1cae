"""The ``claims`` command as a user meets it: output paths, one-line errors, signals, escapes.

Every test runs the real CLI (``python -m tnr_claims.cli``) in a subprocess, with its
output going to a pipe, as in a script. Tests that load the spaCy model are marked
``model``; the others fail before the model would load.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import helpers
import pytest

ROOT = Path(__file__).resolve().parent.parent
ESC = "\x1b"

ARTICLE = (
    "Police in Bangkok detained the exiled activist Anna Vell on 3 May 2021, according to "
    "Amnesty International. She was later deported to Ruritania."
)
GERMAN = (
    "Die Polizei hat den Aktivisten in der Stadt festgenommen und er wurde spaeter in sein "
    "Heimatland abgeschoben, sagte die Organisation am Montag in einer Erklaerung zu den "
    "Vorwuerfen gegen die Regierung und die Behoerden des Landes."
)


def claims(*args: str, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run ``python -m tnr_claims.cli ARGS`` into pipes (no terminal, no COLUMNS)."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    return helpers.claims_cli(*args, cwd=cwd, timeout=timeout, env=env)


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def one_error(result: subprocess.CompletedProcess[str], code: int = 2) -> str:
    """The single stderr line of a failed command (asserting exit code and no traceback)."""
    assert result.returncode == code, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    [line] = lines(result.stderr)
    return line


def gold_doc(doc_id: str, text: str = ARTICLE, claims_: list | None = None) -> str:
    return json.dumps({"doc_id": doc_id, "text": text, "spans": [], "claims": claims_ or []})


def blocked(tmp_path: Path) -> Path:
    """A folder path that cannot be created: its parent is a regular file (even for root)."""
    plain = tmp_path / "plain-file"
    plain.write_text("x", encoding="utf-8")
    return plain / "sub"


# --------------------------------------------------------------------------- small things


def test_version(tmp_path: Path) -> None:
    from tnr_claims import __version__

    result = claims("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"claims (tnr-claims) {__version__}"


@pytest.mark.parametrize("command", [["run"], ["evaluate"], ["gold", "export"], ["bench"]])
def test_help_shows_no_bool_placeholder(tmp_path: Path, command: list[str]) -> None:
    result = claims(*command, "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "--help" in result.stdout
    assert "<bool>" not in result.stdout


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["run", "--n-process", "0"], "'--n-process'"),
        (["run", "--no-such-option"], "No such option: --no-such-option"),
        (["no-such-command"], "No such command 'no-such-command'"),
        (["evaluate"], "Missing argument"),
    ],
)
def test_a_usage_error_is_one_line(tmp_path: Path, args: list[str], says: str) -> None:
    line = one_error(claims(*args, cwd=tmp_path))
    assert line.startswith("error: ") and says in line and "--help`" in line


def test_gold_check_ok_line_never_breaks_with_a_long_path(tmp_path: Path) -> None:
    folder = tmp_path
    while len(str(folder)) < 200:
        folder = folder / "a-rather-long-folder-name"
    folder.mkdir(parents=True)
    gold = folder / "gold.jsonl"
    gold.write_text(gold_doc("alpha") + "\n", encoding="utf-8")
    result = claims("gold", "check", str(gold), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"{gold}: ok"]


# --------------------------------------------------------------------------- gold files


def test_evaluate_on_a_text_file_is_one_error(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("\n".join(f"Line {n} of plain notes." for n in range(13)), encoding="utf-8")
    line = one_error(claims("evaluate", str(notes), cwd=tmp_path))
    assert str(notes) in line and "not a gold JSON Lines file" in line


def test_evaluate_on_a_csv_file_is_one_error(tmp_path: Path) -> None:
    table = tmp_path / "claims.csv"
    table.write_text("doc_id,text\n" + "".join(f"d{n},Text {n}\n" for n in range(9)), "utf-8")
    line = one_error(claims("evaluate", str(table), cwd=tmp_path))
    assert str(table) in line and "not a gold JSON Lines file" in line


def test_a_gold_file_with_problems_gets_one_line_per_problem(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        gold_doc("a") + "\n" + json.dumps({"doc_id": "b"}) + "\n" + gold_doc("a") + "\n",
        encoding="utf-8",
    )
    result = claims("evaluate", str(gold), cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    found = lines(result.stderr)
    assert [line.split(" ", 2)[1] for line in found] == [f"{gold}:2", f"{gold}:3"]


@pytest.mark.parametrize("command", [["evaluate"], ["gold", "check"]])
def test_an_empty_gold_file_is_an_error(tmp_path: Path, command: list[str]) -> None:
    gold = tmp_path / "empty.jsonl"
    gold.write_text("\n\n", encoding="utf-8")
    result = claims(*command, str(gold), cwd=tmp_path)
    code = 1 if command == ["gold", "check"] else 2
    line = one_error(result, code)
    assert str(gold) in line and "no documents" in line


def test_gold_agree_without_a_shared_document_is_an_error(tmp_path: Path) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text(gold_doc("alpha") + "\n", encoding="utf-8")
    b.write_text(gold_doc("beta") + "\n", encoding="utf-8")
    line = one_error(claims("gold", "agree", str(a), str(b), cwd=tmp_path))
    assert "no document in common" in line


def test_gold_agree_prints_kappa_and_alpha_and_writes_the_report(tmp_path: Path) -> None:
    first = ARTICLE.index(".") + 1
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    claim = {"start": 0, "end": first, "type": "incident"}
    a.write_text(gold_doc("alpha", claims_=[claim]) + "\n", encoding="utf-8")
    b.write_text(gold_doc("alpha") + "\n", encoding="utf-8")
    report = tmp_path / "new" / "folder" / "agree.json"
    result = claims("gold", "agree", str(a), str(b), "--report", str(report), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Cohen's kappa" in result.stdout and "Krippendorff's alpha" in result.stdout
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["agreement"]["claim_units"] == 2
    assert data["agreement"]["claim_kappa"] == 0.0


# --------------------------------------------------------------------------- output paths


def test_gold_import_and_export_create_missing_folders(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(gold_doc("alpha") + "\n", encoding="utf-8")
    imported = tmp_path / "missing" / "dir" / "gold.jsonl"
    result = claims("gold", "import", str(gold), "-o", str(imported), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(imported.read_text(encoding="utf-8"))["doc_id"] == "alpha"
    tasks = tmp_path / "other" / "dir" / "tasks.json"
    result = claims("gold", "export", str(gold), "-o", str(tasks), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(tasks.read_text(encoding="utf-8"))[0]["data"]["text"] == ARTICLE
    assert tasks.with_suffix(".label_config.xml").exists()


@pytest.mark.parametrize(
    "command",
    [
        ["gold", "import", "{gold}", "-o", "{out}/gold.jsonl"],
        ["gold", "export", "{gold}", "--pre-annotate", "-o", "{out}/tasks.json"],
        ["gold", "build", "{gold}", "-o", "{out}/gold.jsonl"],
        ["evaluate", "{gold}", "--report", "{out}/report.json"],
        ["evaluate", "{gold}", "--errors", "{out}/errors.csv"],
        ["gold", "agree", "{gold}", "{gold}", "--report", "{out}/agree.json"],
        ["report", "{run}", "-o", "{out}/report.html"],
    ],
    ids=lambda c: "-".join(p for p in c if not p.startswith("{")),
)
def test_an_unwritable_output_fails_in_one_line_before_any_work(
    tmp_path: Path, command: list[str]
) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(gold_doc("alpha") + "\n", encoding="utf-8")
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    (run_dir / "records.jsonl").write_text("", encoding="utf-8")
    out = blocked(tmp_path)
    args = [p.format(gold=gold, out=out, run=run_dir) for p in command]
    # a model that does not exist: the output check must come before the model loads
    model = ["--model", "no_such_model"] if command[0] == "evaluate" or "export" in command else []
    started = time.monotonic()
    line = one_error(claims(*args, *model, cwd=tmp_path))
    assert f"cannot write {out}" in line
    assert "no_such_model" not in line
    assert time.monotonic() - started < 60


# --------------------------------------------------------------------------- escapes


def test_printable_escapes_controls_and_bidi_overrides() -> None:
    from tnr_claims.console import printable

    assert printable("a\x1b[2Jb\x07") == "a\\x1b[2Jb\\x07"
    assert printable("evil\u202etxt.exe") == "evil\\u202etxt.exe"
    assert printable("two\nlines") == "two\\x0alines"
    assert printable("two\nlines\tok", one_line=False) == "two\nlines\tok"
    assert printable("Ruritanía — ok") == "Ruritanía — ok"


def test_a_file_name_with_escapes_is_printed_escaped(tmp_path: Path) -> None:
    gold = tmp_path / f"evil{ESC}[2J{ESC}]0;owned\x07.jsonl"
    gold.write_text("not json\n", encoding="utf-8")
    result = claims("gold", "check", str(gold), cwd=tmp_path)
    assert result.returncode == 1
    assert ESC not in result.stderr and "\x07" not in result.stderr
    assert "evil\\x1b[2J\\x1b]0;owned\\x07.jsonl" in result.stderr


# --------------------------------------------------------------------------- runs (model)


@pytest.fixture(scope="module")
def finished_run(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, subprocess.CompletedProcess]:
    """A quiet run over a good, a German and a hostile file, with its captured output."""
    root = tmp_path_factory.mktemp("hygiene")
    inputs = root / "in"
    inputs.mkdir()
    hostile = ARTICLE.replace("activist", f"{ESC}[31mactivist{ESC}[0m")
    (inputs / "alpha.txt").write_text(hostile + "\n", encoding="utf-8")
    (inputs / "german.txt").write_text(GERMAN + "\n", encoding="utf-8")
    (inputs / f"evil{ESC}[2J.txt").write_bytes(b"x\x1b[31m\x00\x07binary")
    out = root / "out"
    result = claims("run", str(inputs), "-o", str(out), "-q", cwd=root)
    return out, result


@pytest.mark.model
def test_quiet_run_keeps_the_summary_and_warnings_reach_stderr(finished_run) -> None:
    out, result = finished_run
    assert result.returncode == 1, result.stderr
    [summary] = lines(result.stdout)
    assert "2 processed, 0 unchanged, 1 failed" in summary
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["unchanged"] == 0 and "skipped" not in manifest["counts"]
    warning = [line for line in lines(result.stderr) if line.startswith("german: warning:")]
    assert len(warning) == 1 and "English" in warning[0]


@pytest.mark.model
def test_failure_lines_escape_the_file_name(finished_run) -> None:
    _, result = finished_run
    assert ESC not in result.stderr
    failure = [line for line in lines(result.stderr) if line.startswith("evil\\x1b[2J: ")]
    assert len(failure) == 1, result.stderr


@pytest.mark.model
def test_show_list_and_an_escaped_table(finished_run, tmp_path: Path) -> None:
    out, _ = finished_run
    listed = claims("show", "--list", "-o", str(out), cwd=tmp_path)
    assert listed.returncode == 0
    assert listed.stdout.splitlines() == ["alpha", "german"]
    shown = claims("show", "alpha", "-o", str(out), cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert ESC not in shown.stdout
    assert "\\x1b[31mactivist\\x1b[0m" in shown.stdout
    line = one_error(claims("show", "nobody", "-o", str(out), cwd=tmp_path))
    assert "claims show --list" in line


def _corpus(folder: Path, n_docs: int) -> Path:
    from tnr_claims.run.bench import write_corpus

    write_corpus(folder, n_docs)
    return folder


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_stops_the_run_in_one_line_and_a_rerun_resumes(
    tmp_path: Path, signum: int, code: int
) -> None:
    corpus = _corpus(tmp_path / "corpus", 120)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "tnr_claims.cli", "run", str(corpus), "-o", str(out)]
    proc = subprocess.Popen(
        [*command, "--batch-size", "4"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    index = out / ".state" / "index.jsonl"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        if index.exists() and index.read_bytes().count(b"\n") >= 2:
            break
        time.sleep(0.05)
    assert proc.poll() is None, f"run ended before the signal: {proc.stderr.read()!r}"
    proc.send_signal(signum)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == code
    assert lines(stderr) == ["stopped; rerun to resume"]
    assert stdout == ""
    stored = index.read_bytes().count(b"\n")
    rerun = subprocess.run([*command, "-q"], capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["unchanged"] >= stored >= 2
    assert manifest["counts"]["unchanged"] + manifest["counts"]["processed"] == 120


# --------------------------------------------------------------------------- patterns (model)


def _patterns_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "patterns"
    shutil.copytree(ROOT / "patterns", folder, ignore=shutil.ignore_patterns("*.py", "__*"))
    return folder


def _break_an_example(folder: Path) -> str:
    """Give the first METHOD rule an example it cannot match; return its id."""
    path = folder / "methods.jsonl"
    rules = path.read_text(encoding="utf-8").splitlines()
    first = json.loads(rules[0])
    first["examples"] = [*first["examples"], "The weather in Ruritania was mild."]
    rules[0] = json.dumps(first)
    path.write_text("\n".join(rules) + "\n", encoding="utf-8")
    return first["id"]


@pytest.mark.model
def test_patterns_check_passes_on_the_shipped_rules_and_names_a_broken_example(
    tmp_path: Path,
) -> None:
    folder = _patterns_copy(tmp_path)
    good = claims("patterns", "check", str(folder), cwd=tmp_path)
    assert good.returncode == 0, good.stderr
    assert "0 failing" in good.stdout
    rule_id = _break_an_example(folder)
    bad = claims("patterns", "check", str(folder), cwd=tmp_path)
    assert bad.returncode == 1
    assert "Traceback" not in bad.stderr
    assert lines(bad.stderr) == [
        f"{folder}: {rule_id}: misses its example 'The weather in Ruritania was mild.'"
    ]
    assert "1 failing" in bad.stdout


@pytest.mark.model
@pytest.mark.parametrize("command", ["run", "evaluate"])
def test_patterns_option_runs_their_examples_first(tmp_path: Path, command: str) -> None:
    folder = _patterns_copy(tmp_path)
    rule_id = _break_an_example(folder)
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "alpha.txt").write_text(ARTICLE, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(gold_doc("alpha") + "\n", encoding="utf-8")
    out = tmp_path / "out"
    args = [str(inputs), "-o", str(out)] if command == "run" else [str(gold)]
    result = claims(command, *args, "--patterns", str(folder), cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    first, last = lines(result.stderr)
    assert rule_id in first and "misses its example" in first
    assert "1 rule example(s) fail" in last
    assert not (out / "documents.jsonl").exists()


@pytest.mark.model
@pytest.mark.slow
def test_bench_shows_progress_on_stderr(tmp_path: Path) -> None:
    result = claims("bench", "--docs", "4", "--repeat", "1", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    steps = lines(result.stderr)
    assert steps[0].startswith("bench: writing 4 generated documents")
    assert "bench: round 1/1: bare nlp.pipe" in steps
    assert "bench: round 1/1: whole pipeline" in steps
    assert json.loads(result.stdout)["docs"] == 4
