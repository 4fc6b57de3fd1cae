"""Database: the run folder's tables in one embedded DuckDB file, and read-only queries.

:func:`build_database` loads the Parquet files a run publishes into ``claims.duckdb``
with keys between the tables (:data:`TABLES`); :func:`run_query` answers SQL on it
without being able to change it, and :func:`write_result` prints the answer as a table,
CSV or JSON.
"""

from tnr_claims.database.build import DB_NAME, TABLES, Table, build_database
from tnr_claims.database.query import QueryError, QueryResult, run_query, write_result

__all__ = [
    "DB_NAME",
    "TABLES",
    "QueryError",
    "QueryResult",
    "Table",
    "build_database",
    "run_query",
    "write_result",
]
