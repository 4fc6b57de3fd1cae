"""The labelling workflow behind ``claims gold export`` and ``claims gold import``.

Export turns documents (report files or folders, or existing gold JSONL files) into
Label Studio tasks a person can label, optionally pre-filled with the pipeline's
predictions; import reads a Label Studio export (or the project's own JSONL) back into a
validated gold file. The Label Studio mapping lives in :mod:`tnr_claims.evaluation.labelstudio`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

from tnr_claims.errors import InputError
from tnr_claims.evaluation.gold import read_gold, write_gold
from tnr_claims.evaluation.labelstudio import from_export, labeling_config, to_tasks
from tnr_claims.records import GoldDocument
from tnr_claims.text.ingest import iter_documents


def _documents(inputs: Sequence[str]) -> Iterator[GoldDocument]:
    """Gold documents from gold JSONL files, and empty ones from report files."""

    reports = [item for item in inputs if not item.endswith(".jsonl")]
    for item in inputs:
        if item.endswith(".jsonl"):
            yield from read_gold(item)
    failures: list[str] = []
    for document in iter_documents(reports, on_error=lambda d, p, m: failures.append(f"{d}: {m}")):
        yield GoldDocument(doc_id=document.doc_id, text=document.text, meta=dict(document.meta))
    if failures:
        raise InputError("; ".join(failures))


def export_tasks(
    inputs: Sequence[str], out: str | Path, *, pre_annotate: bool = False, model: str | None = None
) -> int:
    """Write Label Studio tasks for ``inputs`` to ``out`` (and the labelling config beside it).

    With ``pre_annotate`` every document is run through the pipeline and its spans and
    claims become Label Studio *predictions* to accept or correct; gold JSONL inputs keep
    their labels as *annotations*. Returns the number of tasks.
    """
    documents = list(_documents(inputs))
    if pre_annotate:
        from tnr_claims.extract import Pipeline

        pipeline = Pipeline.load(model)
        predicted = [
            pipeline.process_text(d.text, doc_id=d.doc_id, meta=d.meta).to_gold() for d in documents
        ]
        tasks = to_tasks(predicted, as_predictions=True, model_version=pipeline.fingerprint)
    else:
        tasks = to_tasks(documents, as_predictions=False, model_version="")
    out = Path(out)
    out.write_text(json.dumps(tasks, ensure_ascii=False, indent=1), encoding="utf-8")
    out.with_suffix(".label_config.xml").write_text(labeling_config(), encoding="utf-8")
    return len(tasks)


def import_tasks(source: str | Path, out: str | Path) -> int:
    """Read a Label Studio JSON export, or gold JSONL, into validated gold JSONL at ``out``."""
    source = Path(source)
    if source.suffix == ".jsonl":
        documents = read_gold(source)
    else:
        try:
            data = json.loads(source.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(
                f"{source}: not a readable Label Studio JSON export ({exc}); "
                "export the project as JSON from Label Studio"
            ) from exc
        documents = from_export(data, source=str(source))
    return write_gold(documents, out)
