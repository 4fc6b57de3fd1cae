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
    reference lists, applied to paragraphs by :mod:`tnr_claims.text.segment`.

Each rule may carry ``examples`` (texts it must match) and ``counterexamples`` (texts
it must not); ``tests/rules/test_patterns.py`` runs them all on a blank pipeline.
"""

from tnr_claims.rules.loader import (
    DEFAULT_PATTERNS_DIR,
    PatternSet,
    load_file,
    load_patterns,
    patterns_hash,
)
from tnr_claims.rules.schemas import CueRule, PatternFileError, SpanRule, ZoneRule

__all__ = [
    "DEFAULT_PATTERNS_DIR",
    "PatternFileError",
    "PatternSet",
    "SpanRule",
    "CueRule",
    "ZoneRule",
    "load_file",
    "load_patterns",
    "patterns_hash",
]
