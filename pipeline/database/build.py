"""Build ``claims.duckdb``: the run folder's Parquet tables in one file, with keys.

The tables and their keys are data (:data:`TABLES`); each is created with its columns
taken from its Parquet file (DuckDB reads Parquet natively), its PRIMARY KEY, UNIQUE and
FOREIGN KEY constraints declared, and then filled with ``INSERT ... SELECT`` from the file,
so a row that breaks a key stops the build instead of hiding in the data.

=============== ========================= ==============================================
table            key                       references
=============== ========================= ==============================================
documents        doc_id
spans            span_id                   doc_id -> documents
claims           claim_id; unique          doc_id -> documents
                 (doc_id, start, end)
cases            case_id
incidents        incident_id               case_id -> cases
case_claims                                case_id -> cases, incident_id -> incidents,
                                           (doc_id, start, end) -> claims, claim_id -> claims
=============== ========================= ==============================================

The three case tables come from the linking step (:mod:`tnr_claims.cases`); when its
files are absent they are left out. ``case_claims`` gets a ``claim_id`` column here (the
claim with the same doc_id and sentence offsets), so joins can use either key.

The database is written to a temporary file in the run folder and renamed into place:
a reader (``claims query``) sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tnr_claims.errors import OutputError

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection

DB_NAME = "claims.duckdb"
"""File name of the database in a run folder."""


@dataclass(frozen=True)
class ForeignKey:
    """``columns`` of a table reference ``references`` of ``table``."""

    columns: tuple[str, ...]
    table: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """One table of the database, loaded from one Parquet file of the run folder."""

    name: str
    source: str
    """The Parquet file, relative to the run folder."""
    description: str
    primary_key: tuple[str, ...] = ()
    unique: tuple[tuple[str, ...], ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    optional: bool = False
    """Left out when its file is absent (the linking files); otherwise the build fails."""
    add_claim_id: bool = False
    """Add the ``claim_id`` of the claim with the same doc_id, start and end."""


_CLAIM_SPAN = ("doc_id", "start", "end")

TABLES: tuple[Table, ...] = (
    Table(
        "documents",
        "documents.parquet",
        "one row per document of the collection: source file, size, counts, text",
        primary_key=("doc_id",),
    ),
    Table(
        "spans",
        "spans.parquet",
        "one row per labelled span, with its normalised fields and the rule that made it",
        primary_key=("span_id",),
        foreign_keys=(ForeignKey(("doc_id",), "documents", ("doc_id",)),),
    ),
    Table(
        "claims",
        "claims.parquet",
        "one row per claim (a qualifying sentence) with its fields and provenance",
        primary_key=("claim_id",),
        unique=(_CLAIM_SPAN,),
        foreign_keys=(ForeignKey(("doc_id",), "documents", ("doc_id",)),),
    ),
    Table(
        "cases",
        "cases.parquet",
        "one row per case: targets, perpetrator and host states, methods, dates, documents",
        primary_key=("case_id",),
        optional=True,
    ),
    Table(
        "incidents",
        "incidents.parquet",
        "one row per incident of a case: methods, date, host state",
        primary_key=("incident_id",),
        foreign_keys=(ForeignKey(("case_id",), "cases", ("case_id",)),),
        optional=True,
    ),
    Table(
        "case_claims",
        "case_claims.parquet",
        "which claims support which case and incident",
        foreign_keys=(
            ForeignKey(("case_id",), "cases", ("case_id",)),
            ForeignKey(("incident_id",), "incidents", ("incident_id",)),
            ForeignKey(_CLAIM_SPAN, "claims", _CLAIM_SPAN),
            ForeignKey(("claim_id",), "claims", ("claim_id",)),
        ),
        optional=True,
        add_claim_id=True,
    ),
)
"""The tables of ``claims.duckdb``, in load order (a referenced table comes first)."""


def quote(name: str) -> str:
    """An SQL identifier in double quotes (``end`` is a keyword)."""
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _names(columns: tuple[str, ...]) -> str:
    return ", ".join(quote(c) for c in columns)


def _select(table: Table, source: Path, columns: list[str]) -> str:
    """The query whose rows fill ``table``."""
    scan = f"read_parquet({_literal(str(source))})"
    if table.add_claim_id and "claim_id" not in columns:
        on = " AND ".join(f"c.{quote(c)} = t.{quote(c)}" for c in _CLAIM_SPAN)
        return f"SELECT t.*, c.claim_id FROM {scan} AS t LEFT JOIN claims AS c ON {on}"
    return f"SELECT * FROM {scan}"


def _create(table: Table, columns: list[tuple[str, str]], built: set[str]) -> str:
    """``CREATE TABLE`` with the columns found and the constraints that can be declared."""
    names = {name for name, _ in columns}
    parts = [f"{quote(name)} {kind}" for name, kind in columns]
    if table.primary_key:
        parts.append(f"PRIMARY KEY ({_names(table.primary_key)})")
    parts.extend(f"UNIQUE ({_names(cols)})" for cols in table.unique)
    for key in table.foreign_keys:
        if key.table in built and set(key.columns) <= names:
            parts.append(
                f"FOREIGN KEY ({_names(key.columns)}) "
                f"REFERENCES {quote(key.table)} ({_names(key.references)})"
            )
    return f"CREATE TABLE {quote(table.name)} ({', '.join(parts)})"


def _first_lines(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return " ".join(lines[:2]) or type(exc).__name__


def _load(con: DuckDBPyConnection, table: Table, source: Path, built: set[str]) -> None:
    """Create ``table`` with its constraints and fill it from ``source``."""
    scan = f"DESCRIBE SELECT * FROM read_parquet({_literal(str(source))})"
    raw = [row[0] for row in con.execute(scan).fetchall()]
    select = _select(table, source, raw)
    columns = [(row[0], row[1]) for row in con.execute(f"DESCRIBE {select}").fetchall()]
    con.execute(_create(table, columns, built))
    con.execute(f"INSERT INTO {quote(table.name)} {select}")
    con.execute(f"COMMENT ON TABLE {quote(table.name)} IS {_literal(table.description)}")


def build_database(out_dir: str | Path, *, tables: tuple[Table, ...] = TABLES) -> Path:
    """Build ``out_dir/claims.duckdb`` from the Parquet files in ``out_dir``; return its path.

    Raises:
        OutputError: A required file is missing, or a row breaks a key (one line naming the
            table and the database).
    """
    import duckdb

    out = Path(out_dir)
    target = out / DB_NAME
    tmp = out / f".{DB_NAME}.tmp-{os.getpid()}"
    _remove_db_files(tmp)
    built: set[str] = set()
    try:
        con = duckdb.connect(str(tmp))
        try:
            for table in tables:
                source = out / table.source
                if not source.exists():
                    if table.optional:
                        continue
                    raise OutputError(
                        f"cannot build {target}: {source} is missing",
                        hint="run `claims run` on this folder again",
                    )
                try:
                    _load(con, table, source, built)
                except duckdb.Error as exc:
                    raise OutputError(
                        f"cannot build {target}: table {table.name}: {_first_lines(exc)}",
                        hint="the run's files disagree; rerun with --force and report it if "
                        "it happens again",
                    ) from exc
                built.add(table.name)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, target)
    finally:
        _remove_db_files(tmp)
    return target


def _remove_db_files(path: Path) -> None:
    """Remove a database file and its write-ahead log."""
    for item in (path, path.with_name(path.name + ".wal")):
        item.unlink(missing_ok=True)


__all__ = ["DB_NAME", "TABLES", "ForeignKey", "Table", "build_database", "quote"]
