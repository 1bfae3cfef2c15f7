"""`cnbudget sql`: one read-only statement against the database, bounded.

Read-only is enforced by the database, not by parsing the SQL.

SQLite: the file is opened read-only at the connection (URI `mode=ro`, the
path percent-quoted so `?` and `#` stay part of the name), with
`query_only` and an authorizer that admits reads only: no ATTACH (another
file), no PRAGMA but a few that only read (so no PRAGMA assignment), no
`load_extension` or other functions that reach outside the database;
extension loading stays disabled. A progress handler stops the statement
at its time limit.

PostgreSQL: the statement runs in a READ ONLY transaction with
`statement_timeout`, through a server-side cursor (so it is one SELECT or
VALUES query: no second statement after a COMMIT, no COPY … TO PROGRAM) and
with the rows fetched in batches. A superuser (or a member of the
pg_execute_server_program / pg_read_server_files / pg_write_server_files
roles) can still reach the server's files and programs from a query, so such
a connection is refused unless `allow_superuser` is given. For a shared
server, give readers a role with SELECT rights only: that is the boundary,
these checks are the seat belt.

On both, at most `max_rows` rows come back and the statement stops after
`timeout_s` seconds (`QueryLimit`).
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote

import pandas as pd
from sqlalchemy.engine import make_url

from cnbudget.extras import require
from cnbudget.store.engine import make_engine

if TYPE_CHECKING:
    import psycopg


class ReadOnlyViolation(PermissionError):
    pass


class QueryLimit(RuntimeError):
    """The statement ran past its time limit or returned more rows than allowed."""


class StatementFailed(RuntimeError):
    """The database refused or failed the statement; the message is its own."""


@dataclass(frozen=True, slots=True)
class QueryBounds:
    timeout_s: float = 30.0
    max_rows: int = 1_000_000
    allow_superuser: bool = False


_READ_ACTIONS = {
    sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION,
    getattr(sqlite3, "SQLITE_RECURSIVE", 33),
}
_READ_PRAGMAS = {"table_info", "table_list", "index_list", "index_info", "foreign_key_list",
                 "table_xinfo"}
# functions that reach outside the database or corrupt memory when misused
_DENIED_FUNCTIONS = {"load_extension", "fts3_tokenizer", "readfile", "writefile", "edit",
                     "zipfile", "sqlar_compress", "sqlar_uncompress"}
_BATCH = 5000
_PROGRESS_STEPS = 20_000  # SQLite VM steps between time checks


def _authorizer(action: int, arg1: str | None, arg2: str | None, _db: str | None,
                _trigger: str | None) -> int:
    if action == sqlite3.SQLITE_FUNCTION:
        return sqlite3.SQLITE_DENY if (arg2 or "").lower() in _DENIED_FUNCTIONS else sqlite3.SQLITE_OK
    if action in _READ_ACTIONS:
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_PRAGMA and (arg1 or "").lower() in _READ_PRAGMAS:  # their argument is a table
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


def _too_many(bounds: QueryBounds) -> QueryLimit:
    return QueryLimit(f"the statement returns more than {bounds.max_rows:,} rows; "
                      "add a LIMIT or aggregate")


def _too_long(bounds: QueryBounds) -> QueryLimit:
    return QueryLimit(f"the statement ran longer than {bounds.timeout_s:g} s and was stopped")


def _fetch(cursor: sqlite3.Cursor | psycopg.Cursor, bounds: QueryBounds,
           deadline: float) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    while batch := cursor.fetchmany(_BATCH):
        rows.extend(tuple(r) for r in batch)
        if len(rows) > bounds.max_rows:
            raise _too_many(bounds)
        if time.monotonic() > deadline:
            raise _too_long(bounds)
    return rows


def _sqlite(path: str, sql: str, bounds: QueryBounds) -> pd.DataFrame:
    conn = sqlite3.connect(f"file:{quote(path)}?mode=ro", uri=True)
    deadline = time.monotonic() + bounds.timeout_s
    try:
        conn.execute("PRAGMA query_only = ON")
        conn.set_authorizer(_authorizer)
        conn.set_progress_handler(lambda: int(time.monotonic() > deadline), _PROGRESS_STEPS)
        try:
            cursor = conn.execute(sql)
            columns = [d[0] for d in cursor.description or ()]
            rows = _fetch(cursor, bounds, deadline)
        except sqlite3.DatabaseError as exc:
            if "interrupted" in str(exc):
                raise _too_long(bounds) from exc
            if "not authorized" in str(exc) or "readonly" in str(exc):
                raise ReadOnlyViolation(f"read-only: {exc}") from exc
            raise
        return pd.DataFrame(rows, columns=columns)
    finally:
        conn.close()


_POWER_CHECK = """
SELECT r.rolsuper
       OR pg_has_role(current_user, 'pg_execute_server_program', 'member')
       OR pg_has_role(current_user, 'pg_read_server_files', 'member')
       OR pg_has_role(current_user, 'pg_write_server_files', 'member')
FROM pg_roles r WHERE r.rolname = current_user
"""


def _postgres(url: str, sql: str, bounds: QueryBounds) -> pd.DataFrame:
    psycopg = require("psycopg", "postgres")
    engine = make_engine(url)
    deadline = time.monotonic() + bounds.timeout_s
    try:
        raw = engine.raw_connection()
        try:
            driver = raw.driver_connection
            driver.autocommit = False
            with driver.cursor() as cur:
                cur.execute(_POWER_CHECK)
                powerful = cur.fetchone()
                if powerful and powerful[0] and not bounds.allow_superuser:
                    raise ReadOnlyViolation(
                        "refused: this database user is a superuser (or may run server "
                        "programs or read server files), so a query could reach the server "
                        "itself; connect as a read-only role, or pass --allow-superuser")
                driver.rollback()
                cur.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
                driver.commit()
                cur.execute("BEGIN READ ONLY")
                cur.execute(f"SET LOCAL statement_timeout = {max(1, int(bounds.timeout_s * 1000))}")
                cur.execute("SET LOCAL idle_in_transaction_session_timeout = "
                            f"{max(1, int(bounds.timeout_s * 1000))}")
            try:
                with driver.cursor(name="cnbudget_sql") as named:
                    named.itersize = _BATCH
                    named.execute(sql)
                    columns = [d.name for d in named.description or ()]
                    rows = _fetch(named, bounds, deadline)
            except psycopg.errors.ReadOnlySqlTransaction as exc:
                raise ReadOnlyViolation(f"read-only: {exc}") from exc
            except psycopg.errors.QueryCanceled as exc:
                raise _too_long(bounds) from exc
            except psycopg.errors.SyntaxError as exc:
                # a server-side cursor holds one SELECT or VALUES query, nothing else
                raise ReadOnlyViolation(f"refused: one SELECT statement only ({exc})") from exc
            driver.rollback()
        finally:
            raw.invalidate()  # never hand this session back to a pool
    finally:
        engine.dispose()
    return pd.DataFrame(rows, columns=columns)


def run_sql(url: str, sql: str, bounds: QueryBounds | None = None) -> pd.DataFrame:
    """The result of one read-only statement as a DataFrame (amounts from SQLite come
    back as the numbers SQLite holds; use the Python API for exact Decimals)."""
    chosen = bounds or QueryBounds()
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database:
            raise ValueError("cnbudget sql needs a database file")
        try:
            return _sqlite(parsed.database, sql, chosen)
        except sqlite3.Error as exc:
            raise StatementFailed(f"{type(exc).__name__}: {exc}") from exc
    psycopg = require("psycopg", "postgres")
    try:
        return _postgres(url, sql, chosen)
    except psycopg.Error as exc:
        raise StatementFailed(f"{type(exc).__name__}: {exc}") from exc
