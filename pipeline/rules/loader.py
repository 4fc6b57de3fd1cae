"""The one loader of ``patterns/``: files -> a validated :class:`PatternSet`, and its hash."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from tnr_claims.rules.schemas import (
    LEXICONS_FILE,
    SCHEMAS,
    CueRule,
    DependencyRule,
    DyadRule,
    IncidentKindRule,
    LexiconEntry,
    PatternFileError,
    SpanRule,
)

if TYPE_CHECKING:
    from tnr_claims.rules.schemas import Rule, ZoneRule


DEFAULT_PATTERNS_DIR = Path(str(files("tnr_claims.patterns")))
"""The rules shipped with the package: the repository's ``patterns/`` folder, installed as the
``tnr_claims.patterns`` package data (so an editable install reads the working copy)."""
"""``patterns/`` at the repository root (the package is installed in editable mode)."""


class Lexicons:
    """The named word lists of a patterns folder, read as attributes: ``words.FAMILY_NOUNS``.

    Every list is a ``frozenset``; asking for a list the folder does not define is a
    :class:`PatternFileError` naming the folder, never an empty set.
    """

    def __init__(self, lists: dict[str, frozenset[str]], *, source: str = "") -> None:
        self._lists = dict(lists)
        self._source = source
        # plain attributes: rules read these lists per token, and __getattr__ runs only for
        # a name that is missing (the one-line error below)
        for name, words in self._lists.items():
            if name.isidentifier() and not name.startswith("_") and not hasattr(type(self), name):
                self.__dict__[name] = words

    def __getattr__(self, name: str) -> frozenset[str]:
        if name.startswith("_"):
            raise AttributeError(name)
        return self[name]

    def __getitem__(self, name: str) -> frozenset[str]:
        try:
            return self._lists[name]
        except KeyError:
            raise PatternFileError(
                f"{self._source or 'patterns'}: no word list {name!r} in {LEXICONS_FILE}; "
                "copy it from the project's patterns/lexicons.jsonl"
            ) from None

    def __contains__(self, name: object) -> bool:
        return name in self._lists

    def names(self) -> list[str]:
        """The ids of every list, sorted."""
        return sorted(self._lists)

    def require(self, names: list[str] | tuple[str, ...]) -> None:
        """Fail with one line naming the first list of ``names`` that is missing."""
        for name in names:
            self[name]

    def __getstate__(self) -> dict[str, object]:
        return {"lists": self._lists, "source": self._source}

    def __setstate__(self, state: dict[str, object]) -> None:
        self._lists = state["lists"]  # type: ignore[assignment]
        self._source = state["source"]  # type: ignore[assignment]


@dataclass(frozen=True)
class PatternSet:
    """All rules of a ``patterns/`` folder, validated, with a content hash."""

    span_rules: tuple[SpanRule, ...]
    cue_rules: tuple[CueRule, ...]
    zone_rules: tuple[ZoneRule, ...]
    sha256: str
    directory: str
    dependency_rules: tuple[DependencyRule, ...] = ()
    """METHOD rules on the dependency parse (``dependencies.jsonl``)."""
    dyad_rules: tuple[DyadRule, ...] = ()
    """Perpetrator and host state rules (``dyads.jsonl``), in file order."""
    incident_kind_rules: tuple[IncidentKindRule, ...] = ()
    """What kind of occurrence a claim reports (``incident_kinds.jsonl``), in file order."""
    by_id: dict[str, Rule] = field(default_factory=dict, compare=False)
    lexicons: Lexicons = field(default_factory=lambda: Lexicons({}), compare=False)
    """The named word lists of ``lexicons.jsonl`` (covered by ``sha256`` like every file)."""

    def rule(self, rule_id: str) -> Rule:
        """Return a rule by id (``KeyError`` if unknown)."""
        return self.by_id[rule_id]


def load_file(path: Path, schema: type[Rule], lexicons: Lexicons | None = None) -> list[Rule]:
    """Load and validate one pattern file with ``schema`` (errors name file and line).

    ``"@NAME"`` items in a token pattern's ``IN``/``NOT_IN`` lists are replaced by the words
    of lexicon ``NAME`` before validation.
    """
    rules: list[Rule] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise PatternFileError(f"{path}: cannot read pattern file ({exc})") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if line.lstrip().startswith(("//", "#")):
            raise PatternFileError(
                f"{path}:{number}: a comment line is not JSON Lines; put the note in the "
                "rule's \"comment\" field or in the folder's README.md"
            )
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise PatternFileError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
        try:
            if lexicons is not None and isinstance(raw, dict):
                raw = _expand_references(raw, lexicons)
            rules.append(schema.model_validate(raw))
        except ValidationError as exc:
            reasons = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or 'rule'}: "
                f"{e['msg'].removeprefix('Value error, ')}"
                for e in exc.errors()
            )
            raise PatternFileError(f"{path}:{number}: {reasons}") from exc
    return rules


def _expand_references(raw: dict[str, Any], lexicons: Lexicons) -> dict[str, Any]:
    """A copy of ``raw`` whose token-pattern ``IN``/``NOT_IN`` lists (dependency nodes'
    ``RIGHT_ATTRS`` too) have ``@NAME`` expanded."""
    pattern = raw.get("pattern")
    if not isinstance(pattern, list) or not all(isinstance(tok, dict) for tok in pattern):
        return raw
    return {**raw, "pattern": [_expand_token(token, lexicons) for token in pattern]}


def _expand_token(token: dict[str, Any], lexicons: Lexicons) -> dict[str, Any]:
    """One token (or dependency node: its ``RIGHT_ATTRS`` are a token) with ``@NAME``
    expanded in its ``IN``/``NOT_IN`` lists."""
    new_token: dict[str, Any] = {}
    for attr, value in token.items():
        if attr == "RIGHT_ATTRS" and isinstance(value, dict):
            value = _expand_token(value, lexicons)
        elif isinstance(value, dict):
            value = {
                op: _expand_list(items, lexicons) if op in ("IN", "NOT_IN") else items
                for op, items in value.items()
            }
            if attr == "LEMMA" and isinstance(value.get("IN"), list):
                value["IN"] = _with_capitalised(value["IN"])
        new_token[attr] = value
    return new_token


def _with_capitalised(items: list[Any]) -> list[Any]:
    """A ``LEMMA`` ``IN`` list with each lower-case word also capitalised: the model keeps
    the capital in the lemma of some sentence-initial words ('Police told his mother ...'
    has the lemma 'Police'), which would otherwise miss a rule written in lower case."""
    extra = [w.capitalize() for w in items if isinstance(w, str) and w[:1].islower()]
    return list(dict.fromkeys([*items, *extra]))


def _expand_list(items: Any, lexicons: Lexicons) -> Any:
    if isinstance(items, str) and items.startswith("@"):
        items = [items]
    if not isinstance(items, list):
        return items
    out: list[Any] = []
    for item in items:
        if isinstance(item, str) and item.startswith("@"):
            out.extend(sorted(lexicons[item[1:]]))
        else:
            out.append(item)
    return out


def load_lexicons(path: Path) -> Lexicons:
    """Load ``lexicons.jsonl``: validate every entry, resolve ``extends`` (no cycles)."""
    entries: dict[str, LexiconEntry] = {}
    for entry in load_file(path, LexiconEntry):  # type: ignore[arg-type]
        assert isinstance(entry, LexiconEntry)
        if entry.id in entries:
            raise PatternFileError(f"{path}: duplicate word list id {entry.id!r}")
        entries[entry.id] = entry
    resolved: dict[str, frozenset[str]] = {}

    def resolve(name: str, chain: tuple[str, ...]) -> frozenset[str]:
        if name in resolved:
            return resolved[name]
        if name not in entries:
            raise PatternFileError(f"{path}: {chain[-1]!r} extends unknown list {name!r}")
        if name in chain:
            cycle = " -> ".join((*chain, name))
            raise PatternFileError(f"{path}: word lists extend each other: {cycle}")
        words = set(entries[name].words)
        for parent in entries[name].extends:
            words |= resolve(parent, (*chain, name))
        resolved[name] = frozenset(words)
        return resolved[name]

    for name in entries:
        resolve(name, ())
    return Lexicons(resolved, source=str(path))


def patterns_hash(directory: str | Path = DEFAULT_PATTERNS_DIR) -> str:
    """SHA-256 over the names and bytes of the pattern files (the rules' fingerprint)."""
    digest = hashlib.sha256()
    for path in sorted(Path(directory).glob("*.jsonl")):
        digest.update(path.name.encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


_LOADED: dict[tuple[str, str], PatternSet] = {}
"""Pattern sets loaded in this process, by folder and content hash."""


def load_patterns(directory: str | Path = DEFAULT_PATTERNS_DIR) -> PatternSet:
    """Load and validate every pattern file of ``directory``.

    A folder is read and validated once per process: while its files stay the same (by
    content hash), every caller (a run, the normaliser, claims, linking) gets the same
    :class:`PatternSet`.

    Raises :class:`PatternFileError` naming the file and line of the first problem,
    for unknown files too (a misspelt file name would otherwise be silently ignored).
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise PatternFileError(f"{directory}: pattern folder not found")
    key = (str(directory.resolve()), patterns_hash(directory))
    if key not in _LOADED:
        if len(_LOADED) >= 8:
            _LOADED.pop(next(iter(_LOADED)))
        _LOADED[key] = _read_patterns(directory)
    return _LOADED[key]


def _read_patterns(directory: Path) -> PatternSet:
    """Read and validate the pattern files of ``directory`` (see :func:`load_patterns`)."""
    span_rules: list[SpanRule] = []
    cue_rules: list[CueRule] = []
    zone_rules: list[ZoneRule] = []
    dependency_rules: list[DependencyRule] = []
    dyad_rules: list[DyadRule] = []
    kind_rules: list[IncidentKindRule] = []
    by_id: dict[str, Rule] = {}
    where: dict[str, str] = {}
    lexicon_file = directory / LEXICONS_FILE
    lexicons = (
        load_lexicons(lexicon_file)
        if lexicon_file.is_file()
        else Lexicons({}, source=str(lexicon_file))
    )
    for path in sorted(directory.glob("*.jsonl")):
        if path.name == LEXICONS_FILE:
            continue
        schema = SCHEMAS.get(path.name)
        if schema is None:
            raise PatternFileError(
                f"{path}: unknown pattern file; expected one of "
                f"{', '.join(sorted([*SCHEMAS, LEXICONS_FILE]))}"
            )
        for rule in load_file(path, schema, lexicons):
            if rule.id in by_id:
                raise PatternFileError(
                    f"{path}: duplicate rule id {rule.id!r} (also in {where[rule.id]})"
                )
            by_id[rule.id] = rule
            where[rule.id] = path.name
            if isinstance(rule, SpanRule):
                span_rules.append(rule)
            elif isinstance(rule, DependencyRule):
                dependency_rules.append(rule)
            elif isinstance(rule, DyadRule):
                dyad_rules.append(rule)
            elif isinstance(rule, IncidentKindRule):
                kind_rules.append(rule)
            elif isinstance(rule, CueRule):
                cue_rules.append(rule)
            else:
                zone_rules.append(rule)  # type: ignore[arg-type]
    return PatternSet(
        span_rules=tuple(span_rules),
        cue_rules=tuple(cue_rules),
        zone_rules=tuple(zone_rules),
        dependency_rules=tuple(dependency_rules),
        dyad_rules=tuple(dyad_rules),
        incident_kind_rules=tuple(kind_rules),
        sha256=patterns_hash(directory),
        directory=str(directory),
        by_id=by_id,
        lexicons=lexicons,
    )


@lru_cache(maxsize=1)
def default_patterns() -> PatternSet:
    """The validated rules of the project's ``patterns/``, loaded once per process."""
    return load_patterns(DEFAULT_PATTERNS_DIR)
