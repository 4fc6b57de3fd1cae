"""Query ``claims.duckdb`` read-only and print the answer as a table, CSV or JSON.

The database is opened read-only with DuckDB's file access switched off and the
configuration locked, so a query can read the run's tables and nothing else: it cannot
change the database, read or write other files, attach other databases or install
extensions. A failing query is one :class:`QueryError` line.

Cells come from documents, which are untrusted: control characters are never printed
raw (a table shows them as the replacement character, line breaks and tabs as spaces);
CSV cells that a spreadsheet would run as formulas are neutralised as in ``claims.csv``.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

from tnr_claims.database.build import DB_NAME
from tnr_claims.errors import ClaimsError

Format = Literal["table", "csv", "json"]
FORMATS: tuple[str, ...] = ("table", "csv", "json")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BREAKS = re.compile(r"[\t\n\r]")


class QueryError(ClaimsError):
    """A query that cannot run: no database, or an SQL error (one line)."""


@dataclass
class QueryResult:
    """The answer to a query: column names and rows (tuples of Python values)."""

    columns: list[str]
    rows: list[tuple[Any, ...]] = field(default_factory=list)


def _one_line(exc: BaseException) -> str:
    """DuckDB's message on one line, without the caret line under the query."""
    lines = [line.strip() for line in str(exc).splitlines()]
    kept = [line for line in lines if line and set(line) - {"^", " "}]
    return " ".join(kept) or type(exc).__name__


def run_query(out_dir: str | Path, sql: str) -> QueryResult:
    """Run ``sql`` on ``out_dir/claims.duckdb`` read-only; return every row.

    Raises:
        QueryError: The folder has no database, or the query fails.
    """
    import duckdb

    path = Path(out_dir) / DB_NAME
    if not sql.strip():
        raise QueryError("the query is empty", hint='pass SQL, e.g. "SELECT * FROM documents"')
    if not path.is_file():
        raise QueryError(
            f"{path}: no database here",
            hint=f"run `claims run REPORTS -o {out_dir}` first, or pass the run folder with -o",
        )
    try:
        con = duckdb.connect(
            str(path),
            read_only=True,
            config={"enable_external_access": False, "lock_configuration": True},
        )
    except duckdb.Error as exc:
        raise QueryError(
            f"{path}: cannot open the database ({_one_line(exc)})",
            hint="rebuild it with `claims run` on the folder",
        ) from exc
    try:
        try:
            relation = con.execute(sql)
            columns = [item[0] for item in relation.description or ()]
            rows = relation.fetchall() if columns else []
        except duckdb.Error as exc:
            tables = ", ".join(
                row[0]
                for row in con.execute(
                    "SELECT table_name FROM duckdb_tables() ORDER BY table_name"
                ).fetchall()
            )
            raise QueryError(
                f"query failed: {_one_line(exc)}",
                hint=f"the tables are {tables}; `DESCRIBE claims` lists a table's columns",
                reason="sql",
            ) from exc
    finally:
        con.close()
    return QueryResult(columns, rows)


# --------------------------------------------------------------------------- output


def _scalar(value: Any) -> Any:
    """A JSON-ready value: dates as ISO strings, decimals as numbers, the rest as is."""
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, list | tuple):
        return [_scalar(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _scalar(v) for k, v in value.items()}
    return value


def _text(value: Any, *, joiner: str) -> str:
    """A cell as one string: NULL empty, lists joined, structures as JSON."""
    value = _scalar(value)
    if value is None:
        return ""
    if isinstance(value, list):
        return joiner.join(_text(item, joiner=joiner) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _printable(text: str) -> str:
    return _CONTROL.sub("\ufffd", _BREAKS.sub(" ", text))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | decimal.Decimal) and not isinstance(value, bool)


def _write_plain(result: QueryResult, stream: IO[str]) -> None:
    """Columns aligned to their widest cell, one row per line, never wrapped."""
    from rich.cells import cell_len

    cells = [[_printable(_text(v, joiner=", ")) for v in row] for row in result.rows]
    header = [_printable(name) for name in result.columns]
    widths = [cell_len(name) for name in header]
    for row in cells:
        widths = [max(w, cell_len(c)) for w, c in zip(widths, row, strict=True)]
    numeric = [
        bool(result.rows) and all(_is_number(r[i]) or r[i] is None for r in result.rows)
        for i in range(len(header))
    ]

    def line(values: Sequence[str]) -> str:
        parts = []
        for value, width, right in zip(values, widths, numeric, strict=True):
            pad = " " * (width - cell_len(value))
            parts.append(pad + value if right else value + pad)
        return "  ".join(parts).rstrip()

    stream.write(line(header) + "\n")
    stream.write("  ".join("-" * w for w in widths) + "\n")
    for row in cells:
        stream.write(line(row) + "\n")


def _write_rich(result: QueryResult, stream: IO[str]) -> None:
    """A boxed table fitted to the terminal, long cells folded."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(caption=f"{len(result.rows)} rows", caption_justify="left")
    for index, name in enumerate(result.columns):
        right = bool(result.rows) and all(
            _is_number(r[index]) or r[index] is None for r in result.rows
        )
        table.add_column(
            Text(_printable(name)), justify="right" if right else "left", overflow="fold"
        )
    for row in result.rows:
        table.add_row(*(Text(_printable(_text(v, joiner=", "))) for v in row))
    Console(file=stream, highlight=False, force_terminal=True).print(table)


def _write_csv(result: QueryResult, stream: IO[str]) -> None:
    from tnr_claims.export import safe_csv_cell

    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow([safe_csv_cell(_CONTROL.sub("\ufffd", _text(v, joiner=";"))) for v in row])


def _write_json(result: QueryResult, stream: IO[str]) -> None:
    rows = [
        {name: _scalar(value) for name, value in zip(result.columns, row, strict=True)}
        for row in result.rows
    ]
    text = json.dumps(rows, ensure_ascii=False, indent=2, default=str)
    # json escapes C0 controls; C1 controls and DEL are escaped here too
    stream.write(re.sub(r"[\x7f-\x9f]", lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


def write_result(
    result: QueryResult, stream: IO[str], *, fmt: Format = "table", terminal: bool = False
) -> None:
    """Print ``result`` to ``stream``.

    Args:
        result: The query's answer.
        stream: Where to write.
        fmt: ``table`` (boxed and fitted on a terminal, plain aligned columns without
            wrapping otherwise), ``csv`` (lists joined by ``;``, as in ``claims.csv``) or
            ``json`` (an array of objects, lists as arrays).
        terminal: ``stream`` is a terminal.
    """
    if fmt == "csv":
        _write_csv(result, stream)
    elif fmt == "json":
        _write_json(result, stream)
    elif terminal:
        _write_rich(result, stream)
    else:
        _write_plain(result, stream)


__all__ = ["FORMATS", "Format", "QueryError", "QueryResult", "run_query", "write_result"]
