"""Pattern files: the rule data in ``patterns/``, validated at load time.

Every file is JSON Lines, one rule per line, with a closed set of keys checked by a
pydantic model (unknown keys are errors). A malformed line fails at start-up with the
file name, line number and reason (:class:`PatternFileError`), before any document is
processed.

Files and what they hold (the file name decides the schema):

``methods.jsonl``, ``legal_refs.jsonl``, ``entities.jsonl``, ``locations.jsonl``
    :class:`SpanRule`: a spaCy token pattern (list of dicts, for the ``Matcher``) or a
    phrase (string, for the ``PhraseMatcher`` on lower-cased text), the label it assigns
    and an ``id``. The id is ``CODE.slug``: for METHOD rules the part before the dot is
    the codebook code (``ABDUCTION.kidnap``); for LOCATION rules ``code`` carries the ISO
    code an alias stands for; label ``NOT_ENTITY`` marks text the model tends to tag
    wrongly (it blocks model entities, it is never output).
``cues.jsonl``
    :class:`CueRule`: hedge, negation, attribution, recommendation and scope-terminator
    cues in the ConText shape (cue, direction, scope in tokens).
``zones.jsonl``
    :class:`ZoneRule`: regular expressions that recognise page boilerplate, captions and
    reference lists, applied to paragraphs by :mod:`pipeline.segment`.

Each rule may carry ``examples`` (texts it must match) and ``counterexamples`` (texts
it must not); ``tests/test_patterns.py`` runs them all on a blank pipeline.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from pipeline.codebook import ABDUCTION_VARIANTS, METHOD_CODES

DEFAULT_PATTERNS_DIR = Path(__file__).resolve().parent.parent / "patterns"
"""``patterns/`` at the repository root (the package is installed in editable mode)."""

RuleLabel = Literal["METHOD", "LEGAL_REF", "LOCATION", "ORG", "PERSON", "NOT_ENTITY"]
TokenPattern = list[dict[str, Any]]
PatternValue = str | list[str] | TokenPattern
"""A phrase, a list of phrases (PhraseMatcher, lower-cased) or one token pattern (Matcher)."""


class PatternFileError(ValueError):
    """A pattern file could not be loaded; the message names file, line and reason."""


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[A-Z_]+\.[a-z0-9_]+$")
    examples: list[str] = Field(default_factory=list)
    counterexamples: list[str] = Field(default_factory=list)
    comment: str | None = None


class _PatternRule(_Rule):
    """A rule with a matcher pattern: a phrase, a list of phrases or one token pattern."""

    pattern: PatternValue

    @field_validator("pattern")
    @classmethod
    def _non_empty(cls, value: PatternValue) -> PatternValue:
        if isinstance(value, str) and not value.strip():
            raise ValueError("phrase pattern is empty")
        if isinstance(value, list) and not value:
            raise ValueError("pattern is empty")
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            if not all(v.strip() for v in value):
                raise ValueError("phrase list has an empty phrase")
        elif isinstance(value, list):
            from spacy.schemas import validate_token_pattern

            errors = validate_token_pattern(value)
            if errors:
                raise ValueError(f"invalid token pattern: {'; '.join(errors)}")
        return value

    @property
    def phrases(self) -> list[str]:
        """The phrases of a phrase rule (empty for a token-pattern rule)."""
        if isinstance(self.pattern, str):
            return [self.pattern]
        if all(isinstance(v, str) for v in self.pattern):
            return list(self.pattern)  # type: ignore[arg-type]
        return []


class SpanRule(_PatternRule):
    """A rule that produces a labelled span (METHOD, LEGAL_REF, LOCATION, ORG, PERSON)."""

    label: RuleLabel
    code: str | None = None
    """ISO code for LOCATION aliases (METHOD codes come from the id prefix)."""
    variant: str | None = None
    """ABDUCTION variant implied by the phrasing (``direct`` / ``indirect``)."""
    instrument: str | None = None
    """Canonical instrument name for LEGAL_REF phrase rules (a named law or treaty)."""
    jurisdiction: str | None = None
    name: str | None = None
    """Canonical name for ORG/PERSON gazetteer rules."""
    case_sensitive: bool = False
    """Phrase rules only: match the exact spelling (``US``, not the pronoun ``us``)."""

    @model_validator(mode="after")
    def _check_code(self) -> SpanRule:
        prefix = self.id.split(".", 1)[0]
        if self.label == "METHOD":
            if prefix not in METHOD_CODES:
                raise ValueError(f"METHOD rule id must start with a codebook code, got {prefix!r}")
            if self.variant is not None and (
                prefix != "ABDUCTION" or self.variant not in ABDUCTION_VARIANTS
            ):
                raise ValueError("variant is only for ABDUCTION rules: direct or indirect")
        elif prefix != self.label:
            raise ValueError(f"rule id must start with its label {self.label!r}, got {prefix!r}")
        if self.code is not None and self.label != "LOCATION":
            raise ValueError("code is only for LOCATION rules (METHOD codes come from the id)")
        if self.code is not None and not re.fullmatch(r"[A-Z]{2}", self.code):
            raise ValueError(f"LOCATION code {self.code!r} is not ISO 3166-1 alpha-2")
        return self

    @property
    def method_code(self) -> str | None:
        """The METHOD code this rule assigns (``None`` for other labels)."""
        return self.id.split(".", 1)[0] if self.label == "METHOD" else None


CueKind = Literal["hedge", "negation", "attribution", "recommendation", "terminator", "quote"]


class CueRule(_PatternRule):
    """A ConText-style cue: what it signals, which way it reaches and how far."""

    kind: CueKind
    direction: Literal["forward", "backward", "both", "sentence"] = "sentence"
    scope: int = Field(default=0, ge=0)
    """Scope in tokens (0: up to the clause or sentence boundary)."""

    @model_validator(mode="after")
    def _prefix(self) -> CueRule:
        prefix = self.id.split(".", 1)[0]
        if prefix != self.kind.upper():
            raise ValueError(f"cue id must start with {self.kind.upper()!r}, got {prefix!r}")
        return self


class ZoneRule(_Rule):
    """A regular expression that marks a paragraph or line as non-article text."""

    kind: Literal["boilerplate", "references", "caption"]
    regex: str
    starts_section: bool = False
    """When true, this paragraph and every paragraph after it get ``kind`` (a
    "References" heading starts the reference list that runs to the end)."""

    @field_validator("regex")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"regex does not compile: {exc}") from exc
        return value

    @model_validator(mode="after")
    def _prefix(self) -> ZoneRule:
        prefix = self.id.split(".", 1)[0]
        if prefix != "ZONE":
            raise ValueError(f"zone rule id must start with 'ZONE', got {prefix!r}")
        return self

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled expression (case-insensitive, multiline)."""
        return _compile(self.regex)


_COMPILED: dict[str, re.Pattern[str]] = {}


def _compile(regex: str) -> re.Pattern[str]:
    if regex not in _COMPILED:
        _COMPILED[regex] = re.compile(regex, re.IGNORECASE | re.MULTILINE)
    return _COMPILED[regex]


SCHEMAS: dict[str, type[_Rule]] = {
    "methods.jsonl": SpanRule,
    "legal_refs.jsonl": SpanRule,
    "entities.jsonl": SpanRule,
    "locations.jsonl": SpanRule,
    "cues.jsonl": CueRule,
    "zones.jsonl": ZoneRule,
}
"""Which schema each pattern file follows. A new rule file is registered here."""


@dataclass(frozen=True)
class PatternSet:
    """All rules of a ``patterns/`` folder, validated, with a content hash."""

    span_rules: tuple[SpanRule, ...]
    cue_rules: tuple[CueRule, ...]
    zone_rules: tuple[ZoneRule, ...]
    sha256: str
    directory: str
    by_id: dict[str, _Rule] = field(default_factory=dict, compare=False)

    def rule(self, rule_id: str) -> _Rule:
        """Return a rule by id (``KeyError`` if unknown)."""
        return self.by_id[rule_id]


def load_file(path: Path, schema: type[_Rule]) -> list[_Rule]:
    """Load and validate one pattern file with ``schema`` (errors name file and line)."""
    rules: list[_Rule] = []
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
    by_id: dict[str, _Rule] = {}
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
