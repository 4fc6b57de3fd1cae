"""Rule files are plain JSON Lines, and every rule's examples run through one implementation.

:mod:`tnr_claims.rules.examples` is what ``claims patterns check`` and ``--patterns`` run
and what the tests of each rule file call; here it is checked on invented rules whose
examples are right and wrong on purpose.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from tnr_claims.rules.examples import check_examples, example_failures, needs_model, rule_matches
from tnr_claims.rules.loader import DEFAULT_PATTERNS_DIR, load_patterns
from tnr_claims.rules.schemas import CueRule, DependencyRule, PatternFileError, SpanRule, ZoneRule

PATTERN_FILES = sorted(DEFAULT_PATTERNS_DIR.glob("*.jsonl"))


def test_there_are_pattern_files() -> None:
    assert len(PATTERN_FILES) >= 7


@pytest.mark.parametrize("path", PATTERN_FILES, ids=lambda p: p.name)
def test_every_pattern_file_is_json_lines(path: Path) -> None:
    frame = pd.read_json(path, lines=True)
    lines = [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    assert len(frame) == len(lines) > 0
    assert frame["id"].notna().all()


def _folder(tmp_path: Path, lines: list[str]) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "methods.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


RULE = {
    "id": "THREAT.menace",
    "label": "METHOD",
    "pattern": ["menaced"],
    "examples": ["Agents menaced Anna Vell in Ruritania."],
    "counterexamples": ["The menace was gone."],
}


@pytest.mark.parametrize("comment", ["// ---- THREAT ----", "# threats", "  // indented"])
def test_a_comment_line_is_refused_naming_file_and_line(tmp_path: Path, comment: str) -> None:
    folder = _folder(tmp_path, [json.dumps(RULE), comment])
    with pytest.raises(PatternFileError) as caught:
        load_patterns(folder)
    message = str(caught.value)
    assert "methods.jsonl:2:" in message and "comment" in message
    assert "\n" not in message


def test_a_note_in_the_comment_field_loads(tmp_path: Path) -> None:
    folder = _folder(tmp_path, [json.dumps({**RULE, "comment": "Threats in the past tense."})])
    assert load_patterns(folder).rule("THREAT.menace").comment == "Threats in the past tense."


def test_good_examples_pass() -> None:
    rule = SpanRule.model_validate(RULE)
    assert example_failures(rule) == []
    assert rule_matches(rule, "They menaced him.")
    assert not rule_matches(rule, "They met him.")


def test_a_missed_example_and_a_matched_counterexample_are_both_reported() -> None:
    rule = SpanRule.model_validate(
        {
            **RULE,
            "examples": ["Agents menaced Anna Vell.", "Agents threatened Anna Vell."],
            "counterexamples": ["The menace was gone.", "She was menaced."],
        }
    )
    failures = example_failures(rule)
    assert [(f.text, f.counterexample) for f in failures] == [
        ("Agents threatened Anna Vell.", False),
        ("She was menaced.", True),
    ]
    assert str(failures[0]) == "THREAT.menace: misses its example 'Agents threatened Anna Vell.'"
    assert "matches its counterexample" in str(failures[1])


def test_zone_and_cue_rules_are_tried_too() -> None:
    zone = ZoneRule.model_validate(
        {
            "id": "ZONE.subscribe",
            "kind": "boilerplate",
            "regex": r"^subscribe to our newsletter",
            "examples": ["Subscribe to our newsletter"],
            "counterexamples": ["Subscribe to our newsletter"],
        }
    )
    assert [f.counterexample for f in example_failures(zone)] == [True]
    cue = CueRule.model_validate(
        {
            "id": "HEDGE.reportedly",
            "kind": "hedge",
            "pattern": ["reportedly"],
            "examples": ["He was reportedly detained."],
            "counterexamples": ["He was detained."],
        }
    )
    assert example_failures(cue) == []


def test_which_rules_need_the_model() -> None:
    phrase = SpanRule.model_validate(RULE)
    lemma = SpanRule.model_validate({**RULE, "pattern": [{"LEMMA": "menace"}]})
    words = SpanRule.model_validate({**RULE, "pattern": [{"LOWER": "menaced"}]})
    dependency = DependencyRule.model_validate(
        {
            "id": "THREAT.menace_dep",
            "pattern": [{"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": "menace"}}],
            "span": ["verb"],
        }
    )
    assert [needs_model(r) for r in (phrase, lemma, words, dependency)] == [
        False,
        True,
        False,
        True,
    ]


def test_check_examples_covers_every_rule_of_a_folder(tmp_path: Path) -> None:
    import spacy

    wrong = {**RULE, "id": "THREAT.wrong", "examples": ["Nothing here."]}
    folder = _folder(tmp_path, [json.dumps(RULE), json.dumps(wrong)])
    failures = check_examples(load_patterns(folder), spacy.blank("en"))
    assert [(f.rule_id, f.text) for f in failures] == [("THREAT.wrong", "Nothing here.")]


def test_every_shipped_rule_that_needs_no_model_passes_its_examples() -> None:
    import spacy

    from tnr_claims.rules.examples import all_rules
    from tnr_claims.rules.loader import default_patterns

    patterns = default_patterns()
    rules = [rule for rule in all_rules(patterns) if not needs_model(rule)]
    kinds = {type(rule).__name__ for rule in rules}
    assert {"SpanRule", "CueRule", "ZoneRule", "DyadRule", "IncidentKindRule"} <= kinds
    blank = spacy.blank("en")
    failures = [str(f) for rule in rules for f in example_failures(rule, blank, patterns)]
    assert failures == []


def test_a_dyad_rule_is_tried_alone() -> None:
    from tnr_claims.rules.loader import default_patterns
    from tnr_claims.rules.schemas import DyadRule

    rule = DyadRule.model_validate(
        {"id": "DYAD.ruritanian_envoys", "role": "perpetrator", "regex": r"{STATE} envoys\b"}
    )
    patterns = default_patterns()
    assert rule_matches(rule, "Ruritanian envoys followed Anna Vell.", patterns=patterns) is False
    assert rule_matches(rule, "Iranian envoys followed Anna Vell.", patterns=patterns)
    assert not rule_matches(rule, "The envoys left.", patterns=patterns)
