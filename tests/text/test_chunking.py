"""Tests of the token bound of :mod:`tnr_claims.text.chunking`: emoji- or bracket-dense text
is cut into pieces of bounded token count, ordinary prose is not cut; generated texts."""

from __future__ import annotations

import random

import pytest
import spacy

from tnr_claims.text.chunking import (
    DEFAULT_MAX_CHARS,
    MAX_RUN,
    MAX_TOKENS,
    estimate_tokens,
    needs_split,
    split_text,
)

PROSE = (
    "Ruritanian agents followed Anna Vell in Vienna for months, her lawyer said on Monday. "
    "Her brother, who stayed in Ruritania, was questioned twice by the police.\n\n"
)


def dense(kind: str, n_chars: int) -> str:
    """Generated emoji- or bracket-dense text of about ``n_chars`` characters."""
    rng = random.Random(7)
    signs = "😀😡🔥👍🏽🇺🇦" if kind == "emoji" else "()[]{}<>"
    return " ".join(rng.choice(signs) for _ in range(n_chars // 2))


def pieces(text: str) -> list[str]:
    offsets = split_text(text)
    bounds = [*offsets, len(text)]
    assert offsets[0] == 0 and all(a < b for a, b in zip(bounds, bounds[1:], strict=False))
    return [text[bounds[i] : bounds[i + 1]] for i in range(len(offsets))]


@pytest.fixture(scope="module")
def tokenizer():
    """spaCy's English tokenizer (no statistical model)."""
    return spacy.blank("en").tokenizer


@pytest.mark.parametrize("kind", ["emoji", "brackets"])
def test_dense_text_is_cut_into_pieces_of_bounded_tokens(kind: str, tokenizer) -> None:
    text = dense(kind, 90_000)
    assert len(text) < DEFAULT_MAX_CHARS and needs_split(text)
    parts = pieces(text)
    assert "".join(parts) == text and len(parts) >= 2
    for part in parts:
        assert estimate_tokens(part) <= MAX_TOKENS * 1.05
        assert len(tokenizer(part)) <= MAX_TOKENS


def test_estimate_is_an_upper_bound_of_spacy_tokens(tokenizer) -> None:
    for text in (PROSE * 20, dense("emoji", 5_000), dense("brackets", 5_000)):
        assert len([t for t in tokenizer(text) if not t.is_space]) <= estimate_tokens(text)


def test_ordinary_prose_under_the_character_limit_is_not_cut() -> None:
    text = PROSE * (90_000 // len(PROSE))
    assert 80_000 < len(text) < DEFAULT_MAX_CHARS
    assert not needs_split(text)
    assert split_text(text) == [0]


def test_unbroken_run_is_cut_every_max_run_characters() -> None:
    run = "(" * (MAX_RUN * 4 + 10)
    text = f"Anna Vell wrote {run} and left."
    assert needs_split(text)
    parts = pieces(text)
    assert max(len(part) for part in parts) <= MAX_RUN + len("Anna Vell wrote ")
