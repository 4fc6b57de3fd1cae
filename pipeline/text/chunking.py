"""Long texts: split at paragraph boundaries before the parser, merge the pieces' records back.

spaCy needs about 1 GB per 100,000 characters for parser and NER, so a text over
``max_chars`` is processed as pieces and merged into one record with shifted offsets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from tnr_claims.records import DocumentRecord

DEFAULT_MAX_CHARS = 100_000
"""Texts longer than this are split before the parser (spaCy needs ~1 GB per 100k chars)."""


MAX_RUN = 250
"""Longest run of non-space characters handed to the tokenizer in one piece: spaCy's
tokenizer peels prefixes and suffixes off such a run one at a time, each a regular
expression search over the rest, so its time grows with the square of the run's length
(2,000 brackets took 0.6 s, a 100,000-character run of them 140 s)."""

MAX_TOKENS = 30_000
"""Most tokens (estimated by :func:`estimate_tokens`) in one piece. The parser's and the
entity recogniser's memory grows with tokens, not characters: English prose has about
20,000 tokens per 100,000 characters, emoji or bracket runs up to one per character, so
``max_chars`` alone let such a text take about 1.1 GB per 100,000 characters."""


_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")
_TOKENISH = re.compile(r"\w+|[^\w\s]")


def estimate_tokens(text: str) -> int:
    """Upper estimate of the tokens spaCy makes of ``text``: words plus other signs."""
    return sum(1 for _ in _TOKENISH.finditer(text))


def needs_split(text: str, *, max_chars: int = DEFAULT_MAX_CHARS) -> bool:
    """True when ``text`` is longer than ``max_chars``, holds an over-long unbroken run, or
    has more than :data:`MAX_TOKENS` tokens."""
    if len(text) > max_chars or _LONG_RUN.search(text) is not None:
        return True
    return len(text) > MAX_TOKENS and estimate_tokens(text) > MAX_TOKENS


def split_text(text: str, *, max_chars: int = DEFAULT_MAX_CHARS) -> list[int]:
    """Start offsets of pieces of at most ``max_chars`` characters that cover ``text``.

    Cuts go after the last blank line of each window, else after the last line end,
    else after the last whitespace, else (one huge token) at ``max_chars``; runs of
    non-space characters longer than :data:`MAX_RUN` are cut every ``MAX_RUN``
    characters as well. A text dense in tokens (more than :data:`MAX_TOKENS`) gets
    windows shrunk in proportion, so no piece has many more than ``MAX_TOKENS`` tokens.
    Pieces are contiguous: piece ``i`` is ``text[offsets[i]:offsets[i + 1]]``.
    """
    if len(text) > MAX_TOKENS:
        tokens = estimate_tokens(text)
        if tokens > MAX_TOKENS:
            dense = max(MAX_RUN, len(text) * MAX_TOKENS // tokens)
            max_chars = min(max_chars, dense)
    cuts = set(_split_windows(text, max_chars=max_chars))
    for run in _LONG_RUN.finditer(text):
        cuts.update(range(run.start() + MAX_RUN, run.end(), MAX_RUN))
    return sorted(cuts)


def _split_windows(text: str, *, max_chars: int) -> list[int]:
    if max_chars < 1:
        raise ValueError("max_chars must be positive")
    offsets = [0]
    start, n = 0, len(text)
    while n - start > max_chars:
        hi = start + max_chars
        cut = text.rfind("\n\n", start + 1, hi)
        if cut > 0:
            cut += 2
        else:
            cut = text.rfind("\n", start + 1, hi)
            cut = cut + 1 if cut > 0 else _last_space(text, start + 1, hi)
        if cut <= start:
            cut = hi
        offsets.append(cut)
        start = cut
    return offsets


def _last_space(text: str, lo: int, hi: int) -> int:
    for i in range(hi - 1, lo - 1, -1):
        if text[i].isspace():
            return i + 1
    return -1


def merge_records(
    pieces: Sequence[DocumentRecord], offsets: Sequence[int], *, note: bool = True
) -> DocumentRecord:
    """Merge records of consecutive pieces of one text into one record, offsets shifted.

    ``offsets[i]`` is where piece ``i`` starts in the whole text; the pieces must be
    contiguous (as :func:`split_text` makes them). The merged record keeps the first
    piece's doc_id, metadata and warnings, and is validated (every span, claim and cue
    surface equal to the text at its offsets). With ``note`` a warning says the text
    was split.
    """
    if not pieces or len(pieces) != len(offsets):
        raise ValueError("merge_records needs one offset per piece")
    first = pieces[0]
    text_parts: list[str] = []
    segments: list[dict[str, Any]] = []
    sentences: list[tuple[int, int]] = []
    spans: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    position = 0
    for piece, offset in zip(pieces, offsets, strict=True):
        if offset != position:
            raise ValueError(
                f"piece at {offset} does not follow the previous piece (ends at {position})"
            )
        text_parts.append(piece.text)
        position += len(piece.text)
        for seg in piece.segments:
            segments.append(
                {"kind": seg.kind, "start": seg.start + offset, "end": seg.end + offset}
            )
        sentences.extend((start + offset, end + offset) for start, end in piece.sentences)
        for span in piece.spans:
            spans.append(
                span.model_dump() | {"start": span.start + offset, "end": span.end + offset}
            )
        for claim in piece.claims:
            data = claim.model_dump()
            data.update(doc_id=first.doc_id, start=claim.start + offset, end=claim.end + offset)
            data["cues"] = [
                cue | {"start": cue["start"] + offset, "end": cue["end"] + offset}
                for cue in data["cues"]
            ]
            claims.append(data)
    warnings = list(first.warnings)
    if note and len(pieces) > 1:
        warnings.append(
            f"text of {position:,} characters split into {len(pieces)} pieces at paragraph "
            "boundaries before parsing"
        )
    return DocumentRecord.model_validate(
        {
            "doc_id": first.doc_id,
            "text": "".join(text_parts),
            "meta": first.meta,
            "segments": segments,
            "sentences": sentences,
            "spans": spans,
            "claims": claims,
            "warnings": warnings,
            "pipeline": first.pipeline.model_dump(),
        }
    )
