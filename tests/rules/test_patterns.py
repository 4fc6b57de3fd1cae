"""Pattern files are validated data: malformed rules fail at load time with file and line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tnr_claims.rules.loader import DEFAULT_PATTERNS_DIR, load_patterns, patterns_hash
from tnr_claims.rules.schemas import PatternFileError


def test_project_patterns_load_and_cover_every_method_code() -> None:
    from tnr_claims.codebook import METHOD_CODES

    patterns = load_patterns()
    codes = {rule.method_code for rule in patterns.span_rules if rule.label == "METHOD"}
    assert codes == set(METHOD_CODES)
    assert len(patterns.sha256) == 64


GOOD = {"id": "ABDUCTION.kidnap", "label": "METHOD", "pattern": [{"LOWER": "kidnap"}]}


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("{not json", "not valid JSON"),
        (json.dumps({**GOOD, "id": "KIDNAP.x"}), "codebook code"),
        (json.dumps({**GOOD, "pattern": [{"LOWR": "kidnap"}]}), "invalid token pattern"),
        (json.dumps({**GOOD, "colour": "red"}), "colour"),
        (json.dumps({**GOOD, "pattern": ""}), "empty"),
        (
            json.dumps({"id": "LOCATION.x", "label": "LOCATION", "pattern": "Foo", "code": "XYZ"}),
            "alpha-2",
        ),
        (
            json.dumps(
                {"id": "ABDUCTION.kidnap", "label": "METHOD", "pattern": "x", "variant": "sideways"}
            ),
            "variant",
        ),
    ],
)
def test_malformed_line_names_file_line_and_reason(tmp_path: Path, line: str, reason: str) -> None:
    (tmp_path / "methods.jsonl").write_text(
        json.dumps(GOOD)
        .replace('kidnap"', 'abduct"')
        .replace("ABDUCTION.kidnap", "ABDUCTION.abduct")
        + "\n"
        + line
        + "\n"
    )
    with pytest.raises(PatternFileError) as info:
        load_patterns(tmp_path)
    message = str(info.value)
    assert f"{tmp_path / 'methods.jsonl'}:2:" in message
    assert reason in message


def test_unknown_file_and_duplicate_ids_are_errors(tmp_path: Path) -> None:
    (tmp_path / "method.jsonl").write_text(json.dumps(GOOD) + "\n")
    with pytest.raises(PatternFileError, match="unknown pattern file"):
        load_patterns(tmp_path)
    (tmp_path / "method.jsonl").unlink()
    (tmp_path / "methods.jsonl").write_text(json.dumps(GOOD) + "\n" + json.dumps(GOOD) + "\n")
    with pytest.raises(PatternFileError, match="duplicate rule id"):
        load_patterns(tmp_path)


def test_hash_changes_when_a_rule_changes(tmp_path: Path) -> None:
    copy = tmp_path / "patterns"
    shutil.copytree(DEFAULT_PATTERNS_DIR, copy)
    before = patterns_hash(copy)
    assert before == patterns_hash(DEFAULT_PATTERNS_DIR)
    with (copy / "methods.jsonl").open("a") as handle:
        handle.write(json.dumps({**GOOD, "id": "ABDUCTION.extra_rule"}) + "\n")
    assert patterns_hash(copy) != before
