"""Property tests: the real pipeline keeps its record contract on any text.

Hypothesis feeds the loaded pipeline (session fixture ``tnr_pipeline``) arbitrary Unicode
(control characters, right-to-left scripts, emoji, combining marks, ``\\r\\n``, U+2028,
very long words) and texts stitched from fragments of the corpus's real sentences mixed
with noise. Whatever the text, :meth:`Pipeline.process_text` must not crash and its
record must hold the contract every consumer relies on:

* every span, claim, cue, segment and sentence lies inside the text;
* ``text[start:end]`` is the stated span, claim and cue text;
* spans never overlap;
* the record survives a JSON round trip (``DocumentRecord.model_validate_json``);
* its gold view (what ``documents.jsonl`` holds) survives ``json`` and
  ``GoldDocument.model_validate``.

Examples are few (the model is real) and have no deadline.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, target
from hypothesis import strategies as st

from tnr_claims.errors import InputError
from tnr_claims.records import DocumentRecord, GoldDocument, gold_dict
from tnr_claims.text.ingest import read_document

pytestmark = pytest.mark.model

CORPUS_DOCS = Path(__file__).resolve().parent.parent / "corpus" / "docs"

PIPELINE_SETTINGS = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


def _corpus_sentences() -> list[str]:
    """Real sentences of ``corpus/docs`` (split on line ends and sentence stops)."""
    sentences: list[str] = []
    for path in sorted(CORPUS_DOCS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        pieces = re.split(r"(?<=[.!?])\s+|\n+", text)
        sentences += [s.strip() for s in pieces if len(s.strip()) > 20]
    return sentences


SENTENCES = _corpus_sentences()

ODD_PIECES = [
    "\r\n",
    "\r",
    "\n\n",
    "\u2028",
    "\u2029",
    "\u0085",
    "\x0b",
    "\x0c",
    "\t",
    "\x00",
    "\x07",
    "\x1b[31m",
    "\ufeff",
    "\u200b",
    "\u200d",
    "\u00ad",
    "\u202e",
    "\u200f",
    "\u061c",
    "مرحبا بالعالم",
    "שלום עולם",
    "Привет, мир.",
    "中国警方在曼谷拘留了他。",
    "😀",
    "👩\u200d👩\u200d👧",
    "🇨🇳🇹🇭",
    "e\u0301\u0323",
    "Z\u0351\u0352\u0353\u0354",
    "ﬁ",
    "Å",
    "İ",
    "ß",
    "\U0001d400",
    "…",
    "“",
    "’s",
    "—",
    "https://example.org/a?b=c",
    "<script>alert(1)</script>",
    '=HYPERLINK("x")',
    "  ",
    "-",
    ".",
    "!!!",
    "?",
    "(",
    ")",
    "1.5 million",
    "3 May 2021",
    "Article 3 of the Convention against Torture",
]
"""Pieces that have broken text pipelines before: controls, bidi marks, emoji, combining."""

NO_SURROGATES = st.characters(blacklist_categories=["Cs"])
SEPARATORS = [" ", "\n", "\n\n", "\r\n", "\r\n\r\n", "\u2028", ". "]

any_text = st.text(alphabet=NO_SURROGATES, max_size=300)
"""Arbitrary Unicode, surrogates excluded (they cannot be encoded; ingest never yields them)."""

long_word = st.builds(
    lambda ch, n: ch * n,
    st.sampled_from(["a", "x", "é", "中", "😀", "-", "_"]),
    st.integers(500, 1500),
)
"""A very long token without spaces. Kept under 1,500 characters: spaCy's tokenizer splits
runs of emoji or ``_`` one affix at a time, in time quadratic in the run's length (6,000
emoji take seconds), which this suite reports rather than re-measures on every example."""


@st.composite
def fragment_text(draw: st.DrawFn) -> str:
    """Whole and cut real sentences, separators and noise, joined in random order."""
    parts: list[str] = []
    for _ in range(draw(st.integers(min_value=1, max_value=10))):
        kind = draw(st.integers(min_value=0, max_value=5))
        if kind <= 1:
            sentence = draw(st.sampled_from(SENTENCES))
            if kind == 1:
                i = draw(st.integers(min_value=0, max_value=len(sentence)))
                j = draw(st.integers(min_value=i, max_value=len(sentence)))
                sentence = sentence[i:j]
            parts.append(sentence)
        elif kind == 2:
            parts.append(draw(st.sampled_from(ODD_PIECES)))
        elif kind == 3:
            parts.append(draw(st.text(alphabet=NO_SURROGATES, max_size=30)))
        elif kind == 4:
            parts.append(draw(st.sampled_from(SEPARATORS)))
        else:
            parts.append(draw(st.sampled_from(SENTENCES)).upper())
    return "".join(parts)


mixed_text = st.lists(
    st.one_of(any_text, st.sampled_from(ODD_PIECES), long_word), min_size=1, max_size=6
).map("".join)


# --------------------------------------------------------------------------- the contract


def assert_record_contract(record: DocumentRecord, text: str) -> None:
    """Everything a consumer may rely on in a record made from ``text``."""
    n = len(text)
    assert record.text == text, "the record's text must be the input text, unchanged"
    for span in record.spans:
        assert 0 <= span.start < span.end <= n
        assert text[span.start : span.end] == span.text
    ordered = sorted(record.spans, key=lambda s: (s.start, s.end))
    for left, right in zip(ordered, ordered[1:], strict=False):
        assert left.end <= right.start, f"spans overlap: {left} / {right}"
    for claim in record.claims:
        assert 0 <= claim.start < claim.end <= n
        assert text[claim.start : claim.end] == claim.text
        assert claim.doc_id == record.doc_id
        for cue in claim.cues:
            assert 0 <= cue.start < cue.end <= n
            assert text[cue.start : cue.end] == cue.text
    for segment in record.segments:
        assert 0 <= segment.start <= segment.end <= n
    for start, end in record.sentences:
        assert 0 <= start < end <= n

    again = DocumentRecord.model_validate_json(record.model_dump_json())
    assert again == record

    gold = record.to_gold()
    line = json.dumps(gold_dict(gold), ensure_ascii=False)
    assert "\n" not in line, "one document must stay one JSONL line"
    back = GoldDocument.model_validate(json.loads(line))
    assert back.text == text
    assert [(s.start, s.end, s.label) for s in back.spans] == [
        (s.start, s.end, s.label) for s in record.spans
    ]
    assert [(c.start, c.end, c.type) for c in back.claims] == [
        (c.start, c.end, c.type) for c in record.claims
    ]


# --------------------------------------------------------------------------- properties


@PIPELINE_SETTINGS
@given(text=any_text)
def test_arbitrary_unicode_keeps_the_record_contract(tnr_pipeline, text: str) -> None:
    record = tnr_pipeline.process_text(text, doc_id="prop")
    assert_record_contract(record, text)


@PIPELINE_SETTINGS
@given(text=mixed_text)
def test_controls_bidi_emoji_and_long_words_keep_the_record_contract(
    tnr_pipeline, text: str
) -> None:
    record = tnr_pipeline.process_text(text, doc_id="mixed")
    assert_record_contract(record, text)


@PIPELINE_SETTINGS
@given(text=fragment_text())
def test_fragments_of_real_sentences_with_noise_keep_the_record_contract(
    tnr_pipeline, text: str
) -> None:
    record = tnr_pipeline.process_text(text, doc_id="fragments")
    target(float(len(record.spans) + 3 * len(record.claims)))  # steer towards rich records
    assert_record_contract(record, text)


@settings(PIPELINE_SETTINGS, max_examples=15)
@given(texts=st.lists(st.one_of(fragment_text(), any_text), min_size=1, max_size=5))
def test_a_batch_gives_one_record_per_text_in_order(tnr_pipeline, texts: list[str]) -> None:
    items = [(f"d{i}", text, {}) for i, text in enumerate(texts)]
    records = list(tnr_pipeline.process(items, batch_size=2))
    assert [r.doc_id for r in records] == [f"d{i}" for i in range(len(texts))]
    for record, text in zip(records, texts, strict=True):
        assert_record_contract(record, text)
        alone = tnr_pipeline.process_text(text, doc_id=record.doc_id)
        assert alone.model_dump(exclude={"pipeline"}) == record.model_dump(exclude={"pipeline"})


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=st.binary(max_size=400), suffix=st.sampled_from([".txt", ".md", ".html", ".pdf"]))
def test_any_bytes_give_a_document_or_one_line_input_error(
    tmp_path_factory, raw: bytes, suffix: str
) -> None:
    """Ingest never raises anything but :class:`InputError` (no model needed)."""
    path = tmp_path_factory.mktemp("bytes") / f"blob{suffix}"
    path.write_bytes(raw)
    try:
        document = read_document(path)
    except InputError as error:
        assert "\n" not in error.message
        assert error.message.startswith("blob: ")
        assert str(path) in error.message
        return
    assert document.text.strip()
    assert "\ufeff" not in document.text[:1]
    assert not any(0xD800 <= ord(ch) <= 0xDFFF for ch in document.text)
