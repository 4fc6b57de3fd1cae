"""The one loader of ``patterns/``: files -> a validated :class:`PatternSet`, and its hash."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from pipeline.rules.schemas import SCHEMAS, CueRule, PatternFileError, SpanRule

if TYPE_CHECKING:
    from pipeline.rules.schemas import Rule, ZoneRule


DEFAULT_PATTERNS_DIR = Path(__file__).resolve().parents[2] / "patterns"
"""``patterns/`` at the repository root (the package is installed in editable mode)."""


@dataclass(frozen=True)
class PatternSet:
    """All rules of a ``patterns/`` folder, validated, with a content hash."""

    span_rules: tuple[SpanRule, ...]
    cue_rules: tuple[CueRule, ...]
    zone_rules: tuple[ZoneRule, ...]
    sha256: str
    directory: str
    by_id: dict[str, Rule] = field(default_factory=dict, compare=False)

    def rule(self, rule_id: str) -> Rule:
        """Return a rule by id (``KeyError`` if unknown)."""
        return self.by_id[rule_id]


def load_file(path: Path, schema: type[Rule]) -> list[Rule]:
    """Load and validate one pattern file with ``schema`` (errors name file and line)."""
    rules: list[Rule] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise PatternFileError(f"{path}: cannot read pattern file ({exc})") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise PatternFileError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
        try:
            rules.append(schema.model_validate(raw))
        except ValidationError as exc:
            reasons = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or 'rule'}: "
                f"{e['msg'].removeprefix('Value error, ')}"
                for e in exc.errors()
            )
            raise PatternFileError(f"{path}:{number}: {reasons}") from exc
    return rules


def patterns_hash(directory: str | Path = DEFAULT_PATTERNS_DIR) -> str:
    """SHA-256 over the names and bytes of the pattern files (the rules' fingerprint)."""
    digest = hashlib.sha256()
    for path in sorted(Path(directory).glob("*.jsonl")):
        digest.update(path.name.encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def load_patterns(directory: str | Path = DEFAULT_PATTERNS_DIR) -> PatternSet:
    """Load and validate every pattern file of ``directory``.

    Raises :class:`PatternFileError` naming the file and line of the first problem,
    for unknown files too (a misspelt file name would otherwise be silently ignored).
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise PatternFileError(f"{directory}: pattern folder not found")
    span_rules: list[SpanRule] = []
    cue_rules: list[CueRule] = []
    zone_rules: list[ZoneRule] = []
    by_id: dict[str, Rule] = {}
    where: dict[str, str] = {}
    for path in sorted(directory.glob("*.jsonl")):
        schema = SCHEMAS.get(path.name)
        if schema is None:
            raise PatternFileError(
                f"{path}: unknown pattern file; expected one of {', '.join(sorted(SCHEMAS))}"
            )
        for rule in load_file(path, schema):
            if rule.id in by_id:
                raise PatternFileError(
                    f"{path}: duplicate rule id {rule.id!r} (also in {where[rule.id]})"
                )
            by_id[rule.id] = rule
            where[rule.id] = path.name
            if isinstance(rule, SpanRule):
                span_rules.append(rule)
            elif isinstance(rule, CueRule):
                cue_rules.append(rule)
            else:
                zone_rules.append(rule)  # type: ignore[arg-type]
    return PatternSet(
        span_rules=tuple(span_rules),
        cue_rules=tuple(cue_rules),
        zone_rules=tuple(zone_rules),
        sha256=patterns_hash(directory),
        directory=str(directory),
        by_id=by_id,
    )


@lru_cache(maxsize=1)
def default_patterns() -> PatternSet:
    """The validated rules of the project's ``patterns/``, loaded once per process."""
    return load_patterns(DEFAULT_PATTERNS_DIR)
