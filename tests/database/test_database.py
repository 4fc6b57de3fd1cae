"""The run folder's database: tables, keys, read-only queries, output formats, ``claims query``.

Records are hand-built from invented sentences and written with the real
``write_outputs``; the database is built by real DuckDB from those Parquet files. The
case tables are hand-built with the columns the linking step writes. No test loads the
model; the CLI tests run ``python -m tnr_claims.cli query`` in a subprocess.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from helpers import INFO, claim, claims_cli, span

from tnr_claims.database import DB_NAME, QueryError, build_database, run_query, write_result
from tnr_claims.database.query import QueryResult
from tnr_claims.errors import OutputError
from tnr_claims.export import write_outputs
from tnr_claims.records import DocumentRecord

ROOT = Path(__file__).resolve().parents[2]


def record(doc_id: str, sentences: list[str], **meta: str) -> DocumentRecord:
    """A document of ``sentences``, each a claim naming Ruritania or Freedonia."""
    text = " ".join(sentences)
    spans = []
    claims = []
    for sentence in sentences:
        codes = []
        for place, code in (("Ruritania", "RU"), ("Freedonia", "FR")):
            if place in sentence:
                before = text[: text.index(sentence) + sentence.index(place)].count(place)
                spans.append(span(text, place, "LOCATION", occurrence=before, code=code))
                codes.append(code)
        claims.append(
            claim(text, sentence, doc_id, type="incident", methods=["ABDUCTION"], locations=codes)
        )
    spans.sort(key=lambda s: s.start)
    return DocumentRecord(
        doc_id=doc_id, text=text, meta=meta, spans=spans, claims=claims, pipeline=INFO
    )


RECORDS = [
    record(
        "report-a",
        [
            "Agents of Ruritania seized Anna Vell in Freedonia in 2019.",
            "She was flown back to Ruritania the next day.",
        ],
        title="First report",
        published="2019-05-02",
    ),
    record("report-b", ["Anna Vell was sentenced in Ruritania in 2021."]),
    record("report-c", ["Police in Freedonia detained Karl Ostrin at Ruritania's request."]),
]


def case_tables(out: Path, *, bad_claim: bool = False) -> None:
    """cases, incidents and case_claims as the linking step writes them (linking.md columns)."""
    a, b, c = RECORDS
    pq.write_table(
        pa.table(
            {
                "case_id": ["c-vell", "c-ostrin"],
                "targets": [["Anna Vell"], ["Karl Ostrin"]],
                "perpetrator_states": [["RU"], ["RU"]],
                "host_states": [["FR"], ["FR"]],
                "host_role": ["direct", "cooperating"],
                "methods": [["ABDUCTION", "PROSECUTION"], ["DETENTION"]],
                "first_date": ["2019-05-01", "2021-03"],
                "last_date": ["2021-06-01", "2021-03"],
                "documents": [["report-a", "report-b"], ["report-c"]],
                "n_claims": [3, 1],
                "n_incidents": [2, 1],
            }
        ),
        out / "cases.parquet",
    )
    pq.write_table(
        pa.table(
            {
                "incident_id": ["i-seized", "i-trial", "i-held"],
                "case_id": ["c-vell", "c-vell", "c-ostrin"],
                "methods": [["ABDUCTION"], ["PROSECUTION"], ["DETENTION"]],
                "date": ["2019-05-01", "2021-06-01", "2021-03"],
                "host_state": ["FR", "RU", "FR"],
                "n_claims": [2, 1, 1],
            }
        ),
        out / "incidents.parquet",
    )
    rows = [
        ("c-vell", "i-seized", a.claims[0]),
        ("c-vell", "i-seized", a.claims[1]),
        ("c-vell", "i-trial", b.claims[0]),
        ("c-ostrin", "i-held", c.claims[0]),
    ]
    pq.write_table(
        pa.table(
            {
                "case_id": [r[0] for r in rows],
                "incident_id": [r[1] for r in rows],
                "doc_id": [r[2].doc_id for r in rows],
                "start": [r[2].start for r in rows],
                "end": [r[2].end + (1 if bad_claim and i == 3 else 0) for i, r in enumerate(rows)],
            }
        ),
        out / "case_claims.parquet",
    )


@pytest.fixture
def run_dir(tmp_path: Path) -> Path:
    out = tmp_path / "run"
    write_outputs(RECORDS, out, sources={"report-a": {"path": "in/report-a.txt", "format": "txt"}})
    return out


@pytest.fixture
def cases_run(run_dir: Path) -> Path:
    case_tables(run_dir)
    build_database(run_dir)
    return run_dir


def rows(out: Path, sql: str) -> list[tuple]:
    return run_query(out, sql).rows


# --------------------------------------------------------------------------- build and keys


def test_tables_hold_every_row_of_the_parquet_files(run_dir: Path) -> None:
    path = build_database(run_dir)
    assert path == run_dir / DB_NAME
    assert rows(run_dir, "SELECT count(*) FROM documents") == [(3,)]
    assert rows(run_dir, "SELECT count(*) FROM claims") == [(4,)]
    assert rows(run_dir, "SELECT count(*) FROM spans") == [(sum(len(r.spans) for r in RECORDS),)]
    [(doc_id, path_, fmt, n_claims, title, published)] = rows(
        run_dir,
        "SELECT doc_id, path, format, n_claims, title, published FROM documents "
        "WHERE doc_id = 'report-a'",
    )
    assert (doc_id, path_, fmt, n_claims) == ("report-a", "in/report-a.txt", "txt", 2)
    assert (title, published) == ("First report", "2019-05-02")
    assert not list(run_dir.glob(".*tmp*")), "temporary database files left behind"
    assert sorted(t for (t,) in rows(run_dir, "SELECT table_name FROM duckdb_tables()")) == [
        "claims",
        "documents",
        "spans",
    ]


def test_every_claim_and_span_finds_its_document(run_dir: Path) -> None:
    build_database(run_dir)
    orphans = rows(
        run_dir,
        "SELECT count(*) FROM claims c LEFT JOIN documents d USING (doc_id) WHERE d.doc_id IS NULL",
    )
    assert orphans == [(0,)]
    joined = rows(
        run_dir,
        "SELECT d.doc_id, count(*) FROM claims c JOIN documents d USING (doc_id) "
        "GROUP BY d.doc_id ORDER BY d.doc_id",
    )
    assert joined == [("report-a", 2), ("report-b", 1), ("report-c", 1)]
    texts = rows(
        run_dir,
        "SELECT count(*) FROM claims c JOIN documents d USING (doc_id) "
        'WHERE substr(d.text, c.start + 1, c."end" - c.start) <> c.text',
    )
    assert texts == [(0,)], "claim offsets must index their document's text"
    assert rows(
        run_dir,
        "SELECT count(*) FROM spans s LEFT JOIN documents d USING (doc_id) WHERE d.doc_id IS NULL",
    ) == [(0,)]


def test_keys_are_declared(cases_run: Path) -> None:
    found = {
        (table, kind, tuple(columns), referenced)
        for table, kind, columns, referenced in rows(
            cases_run,
            "SELECT table_name, constraint_type, constraint_column_names, referenced_table "
            "FROM duckdb_constraints() WHERE constraint_type <> 'NOT NULL'",
        )
    }
    expected = {
        ("documents", "PRIMARY KEY", ("doc_id",), None),
        ("spans", "PRIMARY KEY", ("span_id",), None),
        ("spans", "FOREIGN KEY", ("doc_id",), "documents"),
        ("claims", "PRIMARY KEY", ("claim_id",), None),
        ("claims", "UNIQUE", ("doc_id", "start", "end"), None),
        ("claims", "FOREIGN KEY", ("doc_id",), "documents"),
        ("cases", "PRIMARY KEY", ("case_id",), None),
        ("incidents", "PRIMARY KEY", ("incident_id",), None),
        ("incidents", "FOREIGN KEY", ("case_id",), "cases"),
        ("case_claims", "FOREIGN KEY", ("case_id",), "cases"),
        ("case_claims", "FOREIGN KEY", ("incident_id",), "incidents"),
        ("case_claims", "FOREIGN KEY", ("doc_id", "start", "end"), "claims"),
        ("case_claims", "FOREIGN KEY", ("claim_id",), "claims"),
    }
    assert expected <= found


def test_a_key_is_enforced_not_only_declared(cases_run: Path) -> None:
    con = duckdb.connect(str(cases_run / DB_NAME))
    try:
        with pytest.raises(duckdb.ConstraintException):
            con.execute(
                "INSERT INTO claims (doc_id, claim_id, start, \"end\") VALUES ('nobody', 'x', 0, 1)"
            )
        with pytest.raises(duckdb.ConstraintException):
            con.execute("INSERT INTO documents (doc_id) VALUES ('report-a')")
    finally:
        con.close()


def test_case_claims_get_the_claim_id_of_their_sentence(cases_run: Path) -> None:
    found = rows(
        cases_run,
        "SELECT cc.claim_id, cl.text FROM case_claims cc JOIN claims cl USING (claim_id) "
        "ORDER BY cc.claim_id",
    )
    assert [claim_id for claim_id, _ in found] == [
        "report-a#c0",
        "report-a#c1",
        "report-b#c0",
        "report-c#c0",
    ]
    assert found[2][1] == "Anna Vell was sentenced in Ruritania in 2021."


def test_a_case_claim_without_its_claim_stops_the_build(run_dir: Path) -> None:
    case_tables(run_dir, bad_claim=True)
    (run_dir / DB_NAME).write_bytes(b"")  # the previous database stays until a good build
    with pytest.raises(OutputError) as caught:
        build_database(run_dir)
    message = caught.value.message
    assert "\n" not in message
    assert "case_claims" in message and str(run_dir / DB_NAME) in message
    assert (run_dir / DB_NAME).read_bytes() == b""
    assert not list(run_dir.glob(".*tmp*"))


def test_a_missing_table_file_is_one_line(run_dir: Path) -> None:
    (run_dir / "spans.parquet").unlink()
    with pytest.raises(OutputError, match=r"spans\.parquet is missing"):
        build_database(run_dir)


# --------------------------------------------------------------------------- README queries


def readme_queries() -> dict[str, str]:
    """The SQL blocks of README's database section, keyed by the comment that opens them."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = text.split("```sql\n")[1:]
    queries = {}
    for block in blocks:
        sql = block.split("```", 1)[0]
        first = sql.splitlines()[0]
        assert first.startswith("-- "), "each README query opens with a comment naming it"
        queries[first[3:].strip()] = sql
    return queries


def test_readme_shows_three_queries() -> None:
    assert len(readme_queries()) >= 3


def test_readme_query_cases_by_perpetrator_and_host_per_year(cases_run: Path) -> None:
    [sql] = [q for name, q in readme_queries().items() if "per year" in name]
    result = run_query(cases_run, sql)
    assert result.columns[:3] == ["perpetrator", "host", "year"]
    assert sorted(result.rows) == [("RU", "FR", 2019, 1), ("RU", "FR", 2021, 1)]


def test_every_readme_query_runs(cases_run: Path) -> None:
    for name, sql in readme_queries().items():
        result = run_query(cases_run, sql)
        assert result.rows, f"README query {name!r} found nothing on the sample run"


# --------------------------------------------------------------------------- read-only


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM claims",
        "DROP TABLE documents",
        "CREATE TABLE extra AS SELECT 1",
        "COPY claims TO '{out}/leak.csv'",
        "SELECT * FROM read_csv('{out}/claims.csv')",
        "ATTACH '{out}/other.duckdb' AS other",
        "SET enable_external_access = true",
    ],
)
def test_a_query_cannot_change_anything_or_touch_files(cases_run: Path, sql: str) -> None:
    before = (cases_run / DB_NAME).read_bytes()
    with pytest.raises(QueryError) as caught:
        run_query(cases_run, sql.format(out=cases_run))
    assert "\n" not in caught.value.message
    assert caught.value.message.startswith("query failed: ")
    assert (cases_run / DB_NAME).read_bytes() == before
    assert not (cases_run / "leak.csv").exists() and not (cases_run / "other.duckdb").exists()
    assert rows(cases_run, "SELECT count(*) FROM claims") == [(4,)]


def test_bad_sql_is_one_line_naming_the_tables(cases_run: Path) -> None:
    with pytest.raises(QueryError) as caught:
        run_query(cases_run, "SELEC doc_id FROM documents")
    message = caught.value.message
    assert "\n" not in message and "syntax error" in message
    assert "documents" in message and "case_claims" in message


def test_no_database_names_the_folder(tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="no database here") as caught:
        run_query(tmp_path, "SELECT 1")
    assert str(tmp_path / DB_NAME) in caught.value.message


# --------------------------------------------------------------------------- output formats

LONG = "a sentence that goes on " * 12
RESULT = QueryResult(
    ["doc_id", "states", "n", "note"],
    [
        ("report-a", ["RU", "FR"], 12, LONG.strip()),
        ("report-b", [], 3, '=HYPERLINK("http://x")'),
        ("report-c", None, None, "line\nbreak\x1b[31m red"),
    ],
)


def render(fmt: str, *, terminal: bool = False) -> str:
    stream = io.StringIO()
    write_result(RESULT, stream, fmt=fmt, terminal=terminal)  # type: ignore[arg-type]
    return stream.getvalue()


def test_plain_table_is_aligned_and_never_wrapped() -> None:
    lines = render("table").splitlines()
    assert len(lines) == 2 + len(RESULT.rows)
    assert lines[0].split() == RESULT.columns
    assert LONG.strip() in lines[2], "a long cell stays on its row's line"
    n_column = lines[0].index(" n ") + 1  # the last character of the right-aligned column
    assert lines[2][n_column] == "2" and lines[3][n_column] == "3", "numbers right-aligned"
    assert "RU, FR" in lines[2]
    assert "\x1b" not in "".join(lines) and "line break" in lines[4]


def test_terminal_table_escapes_control_characters() -> None:
    text = render("table", terminal=True)
    assert "\x1b[31m red" not in text
    assert "3 rows" in text


def test_csv_joins_lists_and_neutralises_formulas() -> None:
    table = list(csv.reader(io.StringIO(render("csv"))))
    assert table[0] == RESULT.columns
    assert table[1][:3] == ["report-a", "RU;FR", "12"]
    assert table[2][3] == '\'=HYPERLINK("http://x")'
    assert table[3][1:3] == ["", ""]
    assert "\x1b" not in table[3][3]


def test_json_is_an_array_of_objects() -> None:
    data = json.loads(render("json"))
    assert data[0] == {"doc_id": "report-a", "states": ["RU", "FR"], "n": 12, "note": LONG.strip()}
    assert data[2]["states"] is None and data[2]["note"].startswith("line\nbreak\x1b")


# --------------------------------------------------------------------------- the command


claims = claims_cli


def test_claims_query_prints_a_table_csv_and_json(cases_run: Path, tmp_path: Path) -> None:
    sql = "SELECT doc_id, n_claims FROM documents ORDER BY doc_id"
    table = claims("query", sql, "-o", str(cases_run), cwd=tmp_path)
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["doc_id", "n_claims"]
    assert [line.split() for line in lines[2:]] == [
        ["report-a", "2"],
        ["report-b", "1"],
        ["report-c", "1"],
    ]
    as_csv = claims("query", sql, "-o", str(cases_run), "--format", "csv", cwd=tmp_path)
    assert as_csv.stdout.splitlines() == [
        "doc_id,n_claims",
        "report-a,2",
        "report-b,1",
        "report-c,1",
    ]
    as_json = claims("query", sql, "-o", str(cases_run), "--format", "json", cwd=tmp_path)
    assert json.loads(as_json.stdout)[0] == {"doc_id": "report-a", "n_claims": 2}


def test_claims_query_reads_a_saved_query_from_stdin(cases_run: Path, tmp_path: Path) -> None:
    [sql] = [q for name, q in readme_queries().items() if "per year" in name]
    result = subprocess.run(
        [sys.executable, "-m", "tnr_claims.cli", "query", "-", "-o", str(cases_run)],
        input=sql,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert [line.split() for line in result.stdout.splitlines()[2:]] == [
        ["RU", "FR", "2019", "1"],
        ["RU", "FR", "2021", "1"],
    ]


def test_claims_query_errors_are_one_line_with_exit_2(cases_run: Path, tmp_path: Path) -> None:
    for args in (
        ("query", "SELECT * FROM nowhere", "-o", str(cases_run)),
        ("query", "SELECT 1", "-o", str(tmp_path / "no-run")),
        ("query", "SELECT 1", "-o", str(cases_run), "--format", "xml"),
    ):
        result = claims(*args, cwd=tmp_path)
        assert result.returncode == 2, (args, result.stdout)
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert result.stderr.startswith("error: ")
