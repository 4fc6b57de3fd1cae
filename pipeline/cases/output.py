"""Files of a linking: ``incidents.jsonl`` and the cases, incidents and case_claims tables."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tnr_claims.cases.link import Linking

LINK_FILES = ("incidents.jsonl", "cases.parquet", "incidents.parquet", "case_claims.parquet")
"""Files :func:`write_links` writes into a run folder."""


def _schemas() -> dict[str, Any]:
    import pyarrow as pa

    text, texts, number = pa.string(), pa.list_(pa.string()), pa.int64()
    return {
        "cases": pa.schema(
            [
                ("case_id", text),
                ("targets", texts),
                ("perpetrator_states", texts),
                ("host_states", texts),
                ("host_role", text),
                ("methods", texts),
                ("first_date", text),
                ("last_date", text),
                ("documents", texts),
                ("n_claims", number),
                ("n_incidents", number),
            ]
        ),
        "incidents": pa.schema(
            [
                ("incident_id", text),
                ("case_id", text),
                ("methods", texts),
                ("date", text),
                ("host_state", text),
                ("n_claims", number),
            ]
        ),
        "case_claims": pa.schema(
            [
                ("case_id", text),
                ("incident_id", text),
                ("doc_id", text),
                ("start", number),
                ("end", number),
            ]
        ),
    }


def link_tables(linking: Linking) -> dict[str, list[dict[str, Any]]]:
    """The rows of the three tables, by table name."""
    cases, incidents, claims = [], [], []
    for case in linking.cases:
        cases.append(
            {
                "case_id": case.case_id,
                "targets": case.targets,
                "perpetrator_states": case.perpetrator_states,
                "host_states": case.host_states,
                "host_role": case.host_role,
                "methods": case.methods,
                "first_date": case.first_date,
                "last_date": case.last_date,
                "documents": case.documents,
                "n_claims": len(case.claims),
                "n_incidents": len(case.incidents),
            }
        )
        incident_of = {}
        for incident in case.incidents:
            incidents.append(
                {
                    "incident_id": incident.incident_id,
                    "case_id": case.case_id,
                    "methods": incident.methods,
                    "date": incident.date,
                    "host_state": incident.host_state,
                    "n_claims": len(incident.claims),
                }
            )
            incident_of.update({ref: incident.incident_id for ref in incident.claims})
        for ref in case.claims:
            claims.append(
                {
                    "case_id": case.case_id,
                    "incident_id": incident_of.get(ref),
                    "doc_id": ref.doc_id,
                    "start": ref.start,
                    "end": ref.end,
                }
            )
    return {"cases": cases, "incidents": incidents, "case_claims": claims}


def write_links(linking: Linking, out_dir: str | Path) -> dict[str, int]:
    """Write ``incidents.jsonl`` and the three Parquet tables into ``out_dir`` atomically.

    Returns the number of rows written per table.
    """
    import pyarrow.parquet as pq

    from tnr_claims.export import arrow_table, atomic_path

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with atomic_path(out / "incidents.jsonl") as tmp:
        with tmp.open("w", encoding="utf-8") as handle:
            for case in linking.cases:
                handle.write(json.dumps(case.as_json(), ensure_ascii=False) + "\n")
    schemas = _schemas()
    counts = {}
    for name, rows in link_tables(linking).items():
        table = arrow_table(rows, schemas[name])
        with atomic_path(out / f"{name}.parquet") as tmp:
            pq.write_table(table, tmp)
        counts[name] = len(rows)
    return counts
