"""The run manifest counts text per zone kind, so text zoned away (and the claims it could
have held) is visible; on invented documents."""

from __future__ import annotations

import json
from pathlib import Path

from tnr_claims.run.batch import run_batch
from tnr_claims.run.options import RunOptions

BODY = (
    "Ruritanian police detained two activists in Vienna in 2021, according to Example Watch "
    "(report accessed 12 May 2022)."
)
WITH_REFERENCES = (
    "Exiles Watched\n\n"
    "Ruritanian agents threatened the family of Anna Vell in Berlin in 2020.\n\n"
    "References\n\n"
    "1. Example Watch. (2021). Exiles abroad. Retrieved May 3, 2021 from https://example.org/x\n"
    "2. Ruritanian agents abducted Karl Orsk in Freedonia, Example Watch said.\n"
)


def test_manifest_counts_sentences_and_claims_per_zone(tmp_path: Path, tnr_pipeline) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "inline.txt").write_text(BODY, encoding="utf-8")
    (inputs / "refs.txt").write_text(WITH_REFERENCES, encoding="utf-8")
    out = tmp_path / "out"
    summary = run_batch(RunOptions(inputs=[str(inputs)], out_dir=out), pipeline=tnr_pipeline)
    rows = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["zones"]
    assert rows == summary.zones
    assert [row["kind"] for row in rows] == sorted(row["kind"] for row in rows)
    zones = {row["kind"]: row for row in rows}
    assert zones["body"]["claims"] == summary.claims == 2
    assert zones["body"]["segments"] == 2 and zones["body"]["sentences"] == 2
    assert zones["title"]["segments"] == 1
    references = zones["references"]
    assert references["segments"] == 3 and references["claims"] == 0
    assert references["sentences"] >= 2
    assert references["chars"] == len("References") + sum(
        len(line) for line in WITH_REFERENCES.splitlines() if line[:2] in ("1.", "2.")
    )
