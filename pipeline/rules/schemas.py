"""Closed pydantic schemas of the rule files in ``patterns/`` (unknown keys are errors)."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from tnr_claims.codebook import ABDUCTION_VARIANTS, METHOD_CODES

RuleLabel = Literal["METHOD", "LEGAL_REF", "LOCATION", "ORG", "PERSON", "NOT_ENTITY"]


TokenPattern = list[dict[str, Any]]


PatternValue = str | list[str] | TokenPattern
"""A phrase, a list of phrases (PhraseMatcher, lower-cased) or one token pattern (Matcher)."""


class PatternFileError(ValueError):
    """A pattern file could not be loaded; the message names file, line and reason."""


class Rule(BaseModel):
    """Keys every rule has: a closed set, an ``id`` of the form ``CODE.slug``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[A-Z_]+\.[a-z0-9_]+$")
    examples: list[str] = Field(default_factory=list)
    counterexamples: list[str] = Field(default_factory=list)
    comment: str | None = None


class _PatternRule(Rule):
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


class ZoneRule(Rule):
    """A regular expression that marks a paragraph or line as non-article text."""

    kind: Literal["boilerplate", "references", "caption", "dateline"]
    """``dateline`` rules cut the text they match off the start of a paragraph as a
    segment of its own ("VIENNA, Oct. 3, 2023 —"); the other kinds zone the whole line."""
    regex: str
    starts_section: bool = False
    """When true, this paragraph and every paragraph after it get ``kind`` (a
    "References" heading starts the reference list that runs to the end)."""
    shape: Literal["any", "reference"] = "any"
    """``reference``: the rule applies only to a reference-shaped line (a list or note
    item, a line with a link, or a line the matched words open), never to a sentence in
    a body paragraph (:func:`tnr_claims.text.segment.rule_applies`)."""

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


DEPENDENCY_KEYS = frozenset({"RIGHT_ID", "RIGHT_ATTRS", "LEFT_ID", "REL_OP"})
REL_OPS = frozenset({"<", ">", "<<", ">>", ".", ".*", ";", ";*", "$+", "$-", "$++", "$--"})


class DependencyRule(Rule):
    """A METHOD rule on the dependency parse (spaCy ``DependencyMatcher`` pattern).

    ``pattern`` is a DependencyMatcher pattern: the first node names the anchor with
    ``RIGHT_ID`` and ``RIGHT_ATTRS``; every later node adds ``LEFT_ID`` and ``REL_OP``.
    ``span`` lists the node names whose tokens form the span (from the first to the last
    of them). Who did what to whom is read on the parse, not from longer token sequences:
    "was flown to the capital by security officers" is FORCED_RETURN because 'flown' is a
    passive verb with a 'to' complement, whatever stands between them.
    """

    label: Literal["METHOD"] = "METHOD"
    pattern: list[dict[str, Any]]
    span: list[str] = Field(min_length=1)
    variant: str | None = None
    code: None = None
    instrument: None = None
    jurisdiction: None = None
    name: None = None

    @model_validator(mode="after")
    def _check_pattern(self) -> DependencyRule:
        prefix = self.id.split(".", 1)[0]
        if prefix not in METHOD_CODES:
            raise ValueError(f"METHOD rule id must start with a codebook code, got {prefix!r}")
        if self.variant is not None and (
            prefix != "ABDUCTION" or self.variant not in ABDUCTION_VARIANTS
        ):
            raise ValueError("variant is only for ABDUCTION rules: direct or indirect")
        if not self.pattern:
            raise ValueError("pattern is empty")
        from spacy.schemas import validate_token_pattern

        names: set[str] = set()
        for k, node in enumerate(self.pattern):
            unknown = set(node) - DEPENDENCY_KEYS
            if unknown:
                raise ValueError(f"node {k}: unknown keys {sorted(unknown)}")
            needed = {"RIGHT_ID", "RIGHT_ATTRS"} if k == 0 else DEPENDENCY_KEYS
            if set(node) != needed:
                raise ValueError(f"node {k}: needs exactly {sorted(needed)}")
            if k and (node["LEFT_ID"] not in names or node["REL_OP"] not in REL_OPS):
                raise ValueError(f"node {k}: unknown LEFT_ID or REL_OP")
            errors = validate_token_pattern([node["RIGHT_ATTRS"]])
            if errors:
                raise ValueError(f"node {k}: {'; '.join(errors)}")
            names.add(node["RIGHT_ID"])
        missing = set(self.span) - names
        if missing:
            raise ValueError(f"span names unknown nodes {sorted(missing)}")
        return self

    @property
    def method_code(self) -> str:
        """The METHOD code this rule assigns (the id prefix)."""
        return self.id.split(".", 1)[0]


DyadRole = Literal["perpetrator", "requester", "host", "anaphor"]


class DyadRule(Rule):
    """A rule that names a claim's perpetrator or host state (``dyads.jsonl``).

    ``regex`` is matched on one sentence (case-insensitive, except the state names).
    ``{STATE}`` stands for a state named by a country, a known place or a demonym
    ("Ruritania", "Ruritanian", a LOCATION span); ``{PLACE}`` for a country or a LOCATION
    span; ``@NAME`` for the words of lexicon ``NAME``. ``role`` says what the state is:
    ``perpetrator`` (its agents, its court, an attribution), ``requester`` (a warrant,
    request or return that another state's authorities carried out: host role
    ``cooperating``), ``host`` (the place of the act) or ``anaphor`` (no state: "the
    agents" takes the perpetrator of an earlier sentence of the document).
    """

    role: DyadRole
    regex: str

    @model_validator(mode="after")
    def _check_regex(self) -> DyadRule:
        prefix = self.id.split(".", 1)[0]
        if prefix != "DYAD":
            raise ValueError(f"dyad rule id must start with 'DYAD', got {prefix!r}")
        has_state = "{STATE}" in self.regex or "{PLACE}" in self.regex
        if has_state == (self.role == "anaphor"):
            raise ValueError("an anaphor rule names no {STATE}; every other rule names one")
        probe = re.sub(r"@[A-Z][A-Z0-9_]*", "x", self.regex)
        probe = probe.replace("{STATE}", "(?P<state>x)").replace("{PLACE}", "(?P<state>x)")
        try:
            re.compile(probe)
        except re.error as exc:
            raise ValueError(f"regex does not compile: {exc}") from exc
        return self


class IncidentKindRule(Rule):
    """What kind of occurrence a claim reports, for splitting a case into incidents.

    ``regex`` is matched on the claim's sentence (case-insensitive); the first rule of
    ``incident_kinds.jsonl`` that matches gives the kind. A claim no rule matches takes
    ``act`` when it names a METHOD other than a prosecution, ``proceedings`` for a
    prosecution. Kinds keep a later trial, sentence, execution, official response or
    commemoration apart from the act they follow; ``status`` (a standing situation:
    "faces trial", "remains in jail") puts the claim in no incident.
    """

    kind: Literal["proceedings", "execution", "response", "commemoration", "act", "status"]
    regex: str

    @model_validator(mode="after")
    def _check(self) -> IncidentKindRule:
        prefix = self.id.split(".", 1)[0]
        if prefix != "KIND":
            raise ValueError(f"incident kind rule id must start with 'KIND', got {prefix!r}")
        try:
            re.compile(self.regex)
        except re.error as exc:
            raise ValueError(f"regex does not compile: {exc}") from exc
        return self


class LexiconEntry(BaseModel):
    """One named word list of ``lexicons.jsonl``: the words a rule written in Python reads.

    Code refers to a list by its id only (``words.FAMILY_NOUNS``); token patterns may use
    it inside ``IN``/``NOT_IN`` as ``"@FAMILY_NOUNS"``. ``extends`` adds the words of other
    lists, so a list is defined once and reused.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[A-Z][A-Z0-9_]*$")
    stage: Literal["claims", "nlp", "normalise", "text"]
    """The package folder whose rules read the list."""
    description: str = Field(min_length=10)
    words: tuple[str, ...] = ()
    extends: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _check_words(self) -> LexiconEntry:
        if not self.words and not self.extends:
            raise ValueError("a lexicon needs words or extends")
        if len(set(self.words)) != len(self.words):
            raise ValueError("duplicate words")
        if any(word != word.strip() or not word for word in self.words):
            raise ValueError("words must be non-empty and carry no surrounding space")
        return self


LEXICONS_FILE = "lexicons.jsonl"
"""The file of named word lists (:class:`LexiconEntry`), loaded before the rule files."""


SCHEMAS: dict[str, type[Rule]] = {
    "methods.jsonl": SpanRule,
    "legal_refs.jsonl": SpanRule,
    "entities.jsonl": SpanRule,
    "locations.jsonl": SpanRule,
    "cues.jsonl": CueRule,
    "zones.jsonl": ZoneRule,
    "dependencies.jsonl": DependencyRule,
    "dyads.jsonl": DyadRule,
    "incident_kinds.jsonl": IncidentKindRule,
}
"""Which schema each pattern file follows. A new rule file is registered here."""
