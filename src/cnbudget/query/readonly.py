"""`cnbudget sql`: one read-only statement against the database.

Read-only is enforced by the database, not by parsing the SQL: SQLite opens
the file with `mode=ro`, `query_only` and an authorizer that admits reads
only; PostgreSQL runs the statement as a single prepared statement (so no
second statement can follow a COMMIT) in a READ ONLY transaction on a session
whose default is read-only. For a hard boundary on a shared server, also give
readers a role with SELECT rights only.
"""

from __future__ import annotations

import sqlite3

import pandas as pd
import psycopg
from sqlalchemy.engine import make_url

from cnbudget.store.engine import make_engine


class ReadOnlyViolation(PermissionError):
    pass


_READ_ACTIONS = {
    sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION,
    getattr(sqlite3, "SQLITE_RECURSIVE", 33),
}
_READ_PRAGMAS = {"table_info", "table_list", "index_list", "index_info", "foreign_key_list",
                 "table_xinfo"}


def _authorizer(action: int, arg1: str | None, _arg2: str | None, _db: str | None,
                _trigger: str | None) -> int:
    if action in _READ_ACTIONS:
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_PRAGMA and arg1 in _READ_PRAGMAS:
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


def _sqlite(path: str, sql: str) -> pd.DataFrame:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        conn.execute("PRAGMA query_only = ON")
        conn.set_authorizer(_authorizer)
        try:
            cursor = conn.execute(sql)
        except sqlite3.DatabaseError as exc:
            if "not authorized" in str(exc) or "readonly" in str(exc):
                raise ReadOnlyViolation(f"read-only: {exc}") from exc
            raise
        columns = [d[0] for d in cursor.description or ()]
        return pd.DataFrame(cursor.fetchall(), columns=columns)
    finally:
        conn.close()


def _postgres(url: str, sql: str) -> pd.DataFrame:
    engine = make_engine(url)
    try:
        raw = engine.raw_connection()
        try:
            driver = raw.driver_connection
            driver.autocommit = False
            with driver.cursor() as cur:
                cur.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
                driver.commit()
                cur.execute("BEGIN READ ONLY")
                try:
                    cur.execute(sql, prepare=True)
                except psycopg.errors.ReadOnlySqlTransaction as exc:
                    raise ReadOnlyViolation(f"read-only: {exc}") from exc
                columns = [d.name for d in cur.description or ()]
                rows = cur.fetchall() if cur.description else []
            driver.rollback()
        finally:
            raw.invalidate()  # never hand this session back to a pool
    finally:
        engine.dispose()
    return pd.DataFrame([list(r) for r in rows], columns=columns)


def run_sql(url: str, sql: str) -> pd.DataFrame:
    """The result of one read-only statement as a DataFrame (amounts from SQLite come
    back as the numbers SQLite holds; use the Python API for exact Decimals)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database:
            raise ValueError("cnbudget sql needs a database file")
        return _sqlite(parsed.database, sql)
    return _postgres(url, sql)
