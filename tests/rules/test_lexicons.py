"""Word lists as data: ``patterns/lexicons.jsonl``, loaded and checked by the one loader."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tnr_claims.rules.loader import DEFAULT_PATTERNS_DIR, load_patterns
from tnr_claims.rules.schemas import PatternFileError

PACKAGE = Path(__file__).resolve().parents[2] / "pipeline"
REFERENCE = re.compile(r"words\.([A-Z][A-Z0-9_]+)")


def write_folder(tmp_path: Path, lexicons: list[dict], methods: list[dict] | None = None) -> Path:
    folder = tmp_path / "patterns"
    folder.mkdir(parents=True)
    lines = "".join(json.dumps(entry) + "\n" for entry in lexicons)
    (folder / "lexicons.jsonl").write_text(lines, encoding="utf-8")
    if methods is not None:
        rules = "".join(json.dumps(rule) + "\n" for rule in methods)
        (folder / "methods.jsonl").write_text(rules, encoding="utf-8")
    return folder


def entry(list_id: str, words: list[str], extends: list[str] | None = None) -> dict:
    data = {"id": list_id, "stage": "claims", "description": "an invented test list"}
    if extends:
        data["extends"] = extends
    return {**data, "words": words}


def test_extends_adds_the_words_of_the_parent(tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path,
        [entry("KIN", ["aunt", "uncle"]), entry("LEVERS", ["passport"], extends=["KIN"])],
    )
    words = load_patterns(folder).lexicons
    assert words.LEVERS == {"aunt", "uncle", "passport"}
    assert words.KIN == {"aunt", "uncle"}


@pytest.mark.parametrize(
    ("lexicons", "message"),
    [
        ([entry("A", ["x"], extends=["B"]), entry("B", ["y"], extends=["A"])], "extend each"),
        ([entry("A", ["x"], extends=["MISSING"])], "unknown list"),
        ([entry("A", ["x", "x"])], "duplicate words"),
        ([entry("A", ["x"]), entry("A", ["y"])], "duplicate word list"),
        ([{**entry("A", ["x"]), "colour": "red"}], "Extra inputs"),
    ],
)
def test_bad_lexicons_fail_with_file_and_reason(tmp_path: Path, lexicons, message) -> None:
    folder = write_folder(tmp_path, lexicons)
    with pytest.raises(PatternFileError, match=message) as caught:
        load_patterns(folder)
    assert "lexicons.jsonl" in str(caught.value)


def test_token_patterns_reference_lists_by_name(tmp_path: Path) -> None:
    rule = {
        "id": "FAMILY_PRESSURE.lean_on_kin",
        "label": "METHOD",
        "pattern": [{"LOWER": "lean"}, {"LOWER": "on"}, {"LOWER": {"IN": ["@KIN", "friends"]}}],
        "examples": ["They lean on aunts."],
    }
    folder = write_folder(tmp_path, [entry("KIN", ["aunts", "uncles"])], [rule])
    [loaded] = load_patterns(folder).span_rules
    assert loaded.pattern[2] == {"LOWER": {"IN": ["aunts", "uncles", "friends"]}}


def test_dependency_nodes_reference_lists_by_name(tmp_path: Path) -> None:
    rule = {
        "id": "FORCED_RETURN.sent_kin_back",
        "label": "METHOD",
        "span": ["verb"],
        "pattern": [
            {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": {"IN": ["send"]}}},
            {
                "LEFT_ID": "verb",
                "REL_OP": ">",
                "RIGHT_ID": "kin",
                "RIGHT_ATTRS": {"DEP": "dobj", "LEMMA": {"NOT_IN": ["@KIN"]}},
            },
        ],
        "examples": ["They sent the aunts back."],
    }
    folder = write_folder(tmp_path, [entry("KIN", ["aunt", "uncle"])])
    (folder / "dependencies.jsonl").write_text(json.dumps(rule) + "\n", encoding="utf-8")
    [loaded] = load_patterns(folder).dependency_rules
    expanded = {"DEP": "dobj", "LEMMA": {"NOT_IN": ["aunt", "uncle"]}}
    assert loaded.pattern[1]["RIGHT_ATTRS"] == expanded
    # a lemma list also holds each word capitalised: the model keeps the capital in the
    # lemma of some sentence-initial words ('Police told ...')
    assert loaded.pattern[0]["RIGHT_ATTRS"] == {"LEMMA": {"IN": ["send", "Send"]}}


def test_an_unknown_reference_or_list_is_an_error_not_an_empty_set(tmp_path: Path) -> None:
    rule = {
        "id": "FAMILY_PRESSURE.lean_on_kin",
        "label": "METHOD",
        "pattern": [{"LOWER": {"IN": ["@NOWHERE"]}}],
        "examples": ["kin"],
    }
    folder = write_folder(tmp_path, [entry("KIN", ["kin"])], [rule])
    with pytest.raises(PatternFileError, match="NOWHERE"):
        load_patterns(folder)
    words = load_patterns(write_folder(tmp_path / "b", [entry("KIN", ["kin"])])).lexicons
    with pytest.raises(PatternFileError, match="EVENT_VERBS"):
        _ = words.EVENT_VERBS


def test_a_patterns_folder_without_a_list_the_code_reads_fails_at_build(tmp_path: Path) -> None:
    """Pipeline.build checks every list up front (no model is loaded to find out)."""
    from tnr_claims.extract import REQUIRED_WORD_LISTS

    folder = tmp_path / "patterns"
    shutil.copytree(DEFAULT_PATTERNS_DIR, folder)
    lines = (folder / "lexicons.jsonl").read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if '"id": "HEDGE_NOUNS"' not in line]
    (folder / "lexicons.jsonl").write_text("\n".join(kept) + "\n", encoding="utf-8")
    with pytest.raises(PatternFileError, match="HEDGE_NOUNS"):
        load_patterns(folder).lexicons.require(REQUIRED_WORD_LISTS)


def test_every_list_the_code_reads_is_declared_defined_and_used() -> None:
    from tnr_claims.extract import REQUIRED_WORD_LISTS

    referenced = {
        name
        for path in PACKAGE.rglob("*.py")
        for name in REFERENCE.findall(path.read_text(encoding="utf-8"))
    }
    defined = set(load_patterns().lexicons.names())
    used_in_patterns = {
        match
        for path in DEFAULT_PATTERNS_DIR.glob("*.jsonl")
        for match in re.findall(r'"@([A-Z][A-Z0-9_]+)"', path.read_text(encoding="utf-8"))
    }
    extended = {
        parent
        for line in (DEFAULT_PATTERNS_DIR / "lexicons.jsonl").read_text().splitlines()
        for parent in json.loads(line).get("extends", [])
    }
    assert referenced == set(REQUIRED_WORD_LISTS)
    assert referenced <= defined
    assert defined <= referenced | used_in_patterns | extended, "a word list nobody reads"
