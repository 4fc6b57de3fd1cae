"""Model tests of the text stage's decisions carried through the whole pipeline: Markdown
claims, datelines, an inline citation in a body paragraph, on invented documents."""

from __future__ import annotations

from pathlib import Path

from tnr_claims.extract import Pipeline
from tnr_claims.text.ingest import read_document
from tnr_claims.text.markdown import source_offset

MARKDOWN = """# Pressure on exiles

Ruritanian police *visited* the family of Anna Vell in Vienna and **threatened** her brother.

- [ ] call the embassy about the threats
- Ruritanian agents threatened Karl Orsk in Berlin in 2021.
"""


def test_markdown_claims_are_plain_text_and_cite_the_file(
    tmp_path: Path, tnr_pipeline: Pipeline
) -> None:
    path = tmp_path / "notes.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    doc = read_document(path)
    record = tnr_pipeline.process_text(doc.text, doc_id=doc.doc_id, meta=doc.meta)
    texts = [claim.text for claim in record.claims]
    assert any(t.startswith("Ruritanian police visited the family") for t in texts), texts
    assert not any("*" in t for t in texts)
    assert not any("call the embassy" in t for t in texts), texts
    assert any("Karl Orsk" in t for t in texts), texts
    for span in record.spans:
        start = source_offset(doc.meta["source_map"], span.start)
        end = source_offset(doc.meta["source_map"], span.end - 1) + 1
        # a span may cross emphasis marks ('*visited* the family'): the source slice holds
        # them, and is the span once they are taken out
        assert MARKDOWN[start:end].replace("*", "") == span.text


def test_dateline_is_not_glued_to_the_claim_and_anchors_the_year(tnr_pipeline: Pipeline) -> None:
    text = (
        "Exiles Under Pressure\n\n"
        "VIENNA, Oct. 3, 2023 — Ruritanian agents abducted the blogger Anna Vell in Vienna "
        "on Oct. 1, her lawyer said. Over the past year, police harassed her relatives.\n"
    )
    record = tnr_pipeline.process_text(text)
    first = record.claims[0]
    assert first.text.startswith("Ruritanian agents abducted"), first.text
    assert not any(claim.text.lstrip().startswith(",") for claim in record.claims)
    dates = {span.text: span.value for span in record.spans if span.label == "DATE"}
    assert dates.get("Oct. 1") == "2023-10-01", dates
    assert not any("past year" in surface for surface in dates), dates
    zones = {segment.kind for segment in record.segments}
    assert "dateline" in zones
    places = {span.text for span in record.spans if span.label == "LOCATION"}
    assert "VIENNA" in places


def test_inline_access_date_keeps_a_one_paragraph_document_claim(tnr_pipeline: Pipeline) -> None:
    text = (
        "Ruritanian police detained two activists in Vienna in 2021, according to "
        "Example Watch (report accessed 12 May 2022)."
    )
    record = tnr_pipeline.process_text(text)
    assert [segment.kind for segment in record.segments] == ["body"]
    assert len(record.claims) == 1
