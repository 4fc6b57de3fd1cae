"""A self-describing dataset: codebook command, schema descriptions, source columns, docs.

* ``claims codebook`` prints every label, METHOD code, category and claim type of
  ``codebook.py`` with its definition (table and JSON);
* every field of every record model has a description in the JSON Schema;
* claim tables carry ``url``, ``title``, ``publisher``, ``published`` and ``year`` (from the
  claim's dates, else the publication year) on a real ``claims run``;
* ``DATASET.md`` documents exactly the columns the exporter writes, file by file.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from importlib.resources import files
from pathlib import Path
from typing import Any

import helpers
import pyarrow.parquet as pq
import pytest

from tnr_claims import codebook, records
from tnr_claims.export import claim_year, value_year, write_outputs
from tnr_claims.records import (
    ClaimProvenance,
    ClaimRecord,
    DocumentRecord,
    PipelineInfo,
    SpanProvenance,
    SpanRecord,
)

ROOT = Path(__file__).resolve().parent.parent


def claims_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``python -m tnr_claims.cli ARGS`` (wide terminal) and capture its output."""
    return helpers.claims_cli(*args, cwd=cwd, env=dict(os.environ, COLUMNS="400"))


# --------------------------------------------------------------------------- codebook


def test_codebook_json_holds_every_code_category_and_label_of_codebook_py(tmp_path: Path) -> None:
    result = claims_cli("codebook", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    book = json.loads(result.stdout)
    assert [m["code"] for m in book["methods"]] == list(codebook.METHOD_CODES)
    for method in book["methods"]:
        assert method["category"] == codebook.METHOD_CATEGORIES[method["code"]]
        assert method["definition"] == codebook.METHOD_DEFINITIONS[method["code"]]
    assert [x["label"] for x in book["labels"]] == list(codebook.SPAN_LABELS)
    for label in book["labels"]:
        assert label["fields"] == list(codebook.LABEL_FIELDS[label["label"]])
        assert label["definition"].strip()
    categories = {c["category"]: c["codes"] for c in book["categories"]}
    assert set(categories) == set(codebook.METHOD_CATEGORIES.values())
    for category, codes in categories.items():
        assert codes and all(codebook.METHOD_CATEGORIES[code] == category for code in codes)
    assert [t["type"] for t in book["claim_types"]] == list(codebook.CLAIM_TYPES)
    assert all(t["definition"].strip() for t in book["claim_types"])


def test_codebook_table_shows_every_code_with_its_category(tmp_path: Path) -> None:
    result = claims_cli("codebook", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    for code, category in codebook.METHOD_CATEGORIES.items():
        row = [line for line in lines if re.search(rf"\b{code}\b", line) and category in line]
        assert row, f"{code} ({category}) missing from the table"
        assert codebook.METHOD_DEFINITIONS[code][:30] in row[0]
    for word in (*codebook.SPAN_LABELS, *codebook.CLAIM_TYPES):
        assert re.search(rf"\b{word}\b", result.stdout), word


def test_codebook_refuses_an_unknown_format_in_one_line(tmp_path: Path) -> None:
    result = claims_cli("codebook", "--format", "yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert "yaml" in result.stderr and "Traceback" not in result.stderr


# --------------------------------------------------------------------------- schema


def _undescribed(schema: dict[str, Any]) -> list[str]:
    """``Model.field`` of every property without a description in a JSON Schema."""
    missing = []
    for name, definition in [(schema.get("title", "root"), schema), *schema["$defs"].items()]:
        for field, prop in definition.get("properties", {}).items():
            if not str(prop.get("description", "")).strip():
                missing.append(f"{name}.{field}")
    return missing


@pytest.mark.parametrize("model", ["DocumentRecord", "GoldDocument", "ClaimRecord", "SpanRecord"])
def test_schema_command_describes_every_field(model: str, tmp_path: Path) -> None:
    result = claims_cli("schema", model, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    schema.setdefault("$defs", {})
    assert _undescribed(schema) == []


def test_every_record_model_field_has_a_description() -> None:
    models = [
        value
        for value in vars(records).values()
        if isinstance(value, type)
        and issubclass(value, records.BaseModel)
        and value.__module__ == records.__name__
    ]
    assert len(models) >= 10
    for model in models:
        for name, field in model.model_fields.items():
            assert field.description, f"{model.__name__}.{name} has no description"


# --------------------------------------------------------------------------- year


@pytest.mark.parametrize(
    ("value", "year"),
    [
        ("2016-03", 2016),
        ("2016-03-05", 2016),
        ("1999", 1999),
        ("2023-W39", 2023),
        ("2023-W39-2", 2023),
        ("2021-05-12T10:00:00Z", 2021),
        ("--10-03", None),
        ("--10", None),
        ("unknown", None),
        ("", None),
        (None, None),
        ("20160305", None),
    ],
)
def test_value_year_reads_the_year_of_normalised_values(value: str | None, year: int | None):
    assert value_year(value) == year


def test_claim_year_prefers_the_claims_own_dates_then_the_publication_year() -> None:
    assert claim_year(["2019-W02", "2016-03"], "2021-01-01") == (2016, "claim")
    assert claim_year(["--10-03"], "2021-01-01") == (2021, "published")
    assert claim_year([], "unknown (no date on the page)") == (None, None)
    assert claim_year(["--10-03"], None) == (None, None)


# --------------------------------------------------------------------------- docs vs columns


def documented_columns() -> dict[str, list[str]]:
    """Columns per output file name, read from the tables of the shipped ``DATASET.md``."""
    text = files("tnr_claims").joinpath("DATASET.md").read_text(encoding="utf-8")
    columns: dict[str, list[str]] = {}
    names: list[str] = []
    for line in text.splitlines():
        if line.startswith("## "):
            names = re.findall(r"`([^`]+)`", line)
            for name in names:
                columns[name] = []
        elif line.startswith("| `") and names:
            column = re.match(r"\| `([^`]+)`", line).group(1)  # type: ignore[union-attr]
            for name in names:
                columns[name].append(column)
    return columns


def json_columns(obj: dict[str, Any], prefix: str = "") -> set[str]:
    """Keys of a JSON object as columns: a nested object (``meta`` aside) by its dotted
    keys, a list of objects by its name and ``name[].key``."""
    keys = set()
    for key, value in obj.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and key != "meta":
            keys |= json_columns(value, f"{name}.")
            continue
        keys.add(name)
        if isinstance(value, list) and value and isinstance(value[0], dict):
            for item in value:
                keys |= json_columns(item, f"{name}[].")
    return keys


def csv_header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


def made_record() -> DocumentRecord:
    """A record built by hand (no model): one span of each normalised kind and one claim."""
    text = "Ruritanian agents abducted Anna Vell in Bangkok in March 2016 under Article 9."
    info = PipelineInfo(version="0", model="m", model_version="0", patterns_hash="p")

    def span(surface: str, label: str, **fields: Any) -> SpanRecord:
        start = text.index(surface)
        return SpanRecord(
            start=start,
            end=start + len(surface),
            label=label,  # type: ignore[arg-type]
            text=surface,
            provenance=SpanProvenance(source="rule", pattern_id=f"{label}.made"),
            **fields,
        )

    end = len(text)
    return DocumentRecord(
        doc_id="made",
        text=text,
        meta={"title": "Long arms", "url": "https://example.org/a", "published": "2020-05-01"},
        sentences=[(0, end)],
        spans=[
            span("abducted", "METHOD", code="ABDUCTION", variant="direct"),
            span("Anna Vell", "PERSON", name="Anna Vell"),
            span("Bangkok", "LOCATION", code="TH"),
            span("March 2016", "DATE", value="2016-03"),
            span("Article 9", "LEGAL_REF", instrument="Penal Code", article="9"),
        ],
        claims=[
            ClaimRecord(
                doc_id="made",
                start=0,
                end=end,
                text=text,
                type="incident",
                methods=["ABDUCTION"],
                locations=["TH"],
                legal_refs=["Penal Code#9"],
                targets=["Anna Vell"],
                dates=["2016-03"],
                provenance=ClaimProvenance(type_rule="t", pipeline_version="0"),
            )
        ],
        pipeline=info,
    )


def test_dataset_docs_name_exactly_the_columns_the_exporter_writes(tmp_path: Path) -> None:
    write_outputs([made_record()], tmp_path)
    docs = documented_columns()
    for name in ("claims", "spans"):
        table = pq.read_table(tmp_path / f"{name}.parquet")
        assert docs[f"{name}.parquet"] == table.column_names, name
        assert docs[f"{name}.csv"] == csv_header(tmp_path / f"{name}.csv"), name
    assert docs["documents.parquet"] == pq.read_table(tmp_path / "documents.parquet").column_names
    documents = json.loads((tmp_path / "documents.jsonl").read_text(encoding="utf-8"))
    # documents.jsonl spans carry only the keys of their label: document the union
    union = json_columns(documents) | {f"spans[].{key}" for key in codebook.SPAN_FIELDS}
    assert set(docs["documents.jsonl"]) == union
    full = json.loads((tmp_path / "records.jsonl").read_text(encoding="utf-8"))
    assert docs["records.jsonl"] == list(full)


def test_claim_table_columns_have_the_documented_types(tmp_path: Path) -> None:
    write_outputs([made_record()], tmp_path)
    table = pq.read_table(tmp_path / "claims.parquet").to_pylist()
    row = table[0]
    assert row["methods"] == ["ABDUCTION"] and row["locations"] == ["TH"]
    assert row["year"] == 2016 and row["year_from"] == "claim"
    assert (row["title"], row["url"], row["published"]) == (
        "Long arms",
        "https://example.org/a",
        "2020-05-01",
    )
    assert row["publisher"] is None
    with (tmp_path / "claims.csv").open(encoding="utf-8", newline="") as handle:
        csv_rowd = next(csv.DictReader(handle))
    assert csv_rowd["legal_refs"] == "Penal Code#9" and csv_rowd["year"] == "2016"


# --------------------------------------------------------------------------- a real run

BRIEFING = (
    "Ruritanian agents abducted the exiled blogger Anna Vell in Bangkok in March 2016, "
    "according to Freedom Watch.\n\n"
    "Police in Thailand detained dissidents and deported them to Ruritania."
)

PAGE = """<!doctype html><html><head><title>Exiles under pressure</title>
<meta property="og:site_name" content="Borderline News">
<meta property="article:published_time" content="2021-05-12T10:00:00Z"></head>
<body><article><h1>Exiles under pressure</h1>
<p>Ruritanian police arrested the relatives of the exiled journalist Tomas Brell and
pressured them to persuade him to return.</p>
<p>The journalist said the authorities also froze his bank accounts and cancelled his
passport, a step his lawyers call unlawful.</p>
</article></body></html>"""


@pytest.fixture(scope="module")
def source_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``claims run`` on a .txt listed in SOURCES.tsv, an HTML page and an empty file."""
    folder = tmp_path_factory.mktemp("source_run")
    inputs = folder / "inputs"
    inputs.mkdir()
    (inputs / "briefing.txt").write_text(BRIEFING, encoding="utf-8")
    (inputs / "page.html").write_text(PAGE, encoding="utf-8")
    (inputs / "blank.txt").write_text("  \n", encoding="utf-8")
    (inputs / "SOURCES.tsv").write_text(
        "filename\ttitle\tpublisher\turl\tdate\n"
        "briefing.txt\tLong arms\tFreedom Watch\thttps://example.org/long-arms\t2019-02-01\n",
        encoding="utf-8",
    )
    out = folder / "out"
    result = claims_cli("run", str(inputs), "-o", str(out), "-q", cwd=ROOT)
    assert result.returncode == 1, result.stderr  # the blank file fails, the others go on
    return out


@pytest.mark.model
def test_claim_tables_carry_the_documents_source_and_a_year(source_run: Path) -> None:
    claims = pq.read_table(source_run / "claims.parquet").to_pandas()
    briefing = claims[claims.doc_id == "briefing"]
    page = claims[claims.doc_id == "page"]
    assert len(briefing) >= 2 and len(page) >= 1, claims[["doc_id", "text"]]
    assert set(briefing.title) == {"Long arms"}
    assert set(briefing.publisher) == {"Freedom Watch"}
    assert set(briefing.url) == {"https://example.org/long-arms"}
    assert set(briefing.published) == {"2019-02-01"}
    dated = briefing[briefing.text.str.contains("March 2016")].iloc[0]
    assert list(dated.dates) == ["2016-03"]
    assert (dated.year, dated.year_from) == (2016, "claim")
    undated = briefing[briefing.text.str.startswith("Police")].iloc[0]
    assert (undated.year, undated.year_from) == (2019, "published")
    assert set(page.publisher) == {"Borderline News"}
    assert set(page.title) == {"Exiles under pressure"}
    assert set(page.published) == {"2021-05-12"}
    assert page.url.isna().all()
    assert set(page.year) == {2021}
    assert not isinstance(dated.methods, str) and len(list(dated.methods)) >= 1
    with (source_run / "claims.csv").open(encoding="utf-8", newline="") as handle:
        rows = {row["text"]: row for row in csv.DictReader(handle)}
    assert rows[dated.text]["year"] == "2016"
    assert rows[dated.text]["methods"] == ";".join(dated.methods)


@pytest.mark.model
def test_dataset_docs_name_exactly_the_manifest_and_failure_keys(source_run: Path) -> None:
    docs = documented_columns()
    manifest = json.loads((source_run / "manifest.json").read_text(encoding="utf-8"))
    assert set(docs["manifest.json"]) == json_columns(manifest)
    failures = [
        json.loads(line)
        for line in (source_run / "failures.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert [f["doc_id"] for f in failures] == ["blank"]
    assert docs["failures.jsonl"] == list(failures[0])
    spans_csv = csv_header(source_run / "spans.csv")
    assert spans_csv == docs["spans.csv"]
    with (source_run / "spans.csv").open(encoding="utf-8", newline="") as handle:
        csv_spans = list(csv.DictReader(handle))
    parquet_spans = pq.read_table(source_run / "spans.parquet").to_pylist()
    assert [r["span_id"] for r in csv_spans] == [r["span_id"] for r in parquet_spans]


# --------------------------------------------------------------------------- screenshots


def test_screenshot_script_stops_with_one_line_when_chromium_is_absent(tmp_path: Path) -> None:
    tools = tmp_path / "bin"
    tools.mkdir()
    for tool in ("dirname", "mktemp", "rm"):
        found = subprocess.run(["which", tool], capture_output=True, text=True).stdout.strip()
        (tools / tool).symlink_to(found)
    result = subprocess.run(
        ["/bin/bash", str(ROOT / "scripts" / "screenshots.sh")],
        capture_output=True,
        text=True,
        env={"PATH": str(tools), "PYTHON": sys.executable},
        timeout=60,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "chromium" in lines[0] and "apt-get install" in lines[0]
