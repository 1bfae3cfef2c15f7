"""Where the database is and how to connect: SQLite by default, PostgreSQL alike.

`resolve_url` turns `--db` / `CNBUDGET_DB` / the default `cnbudget.db` in the
working directory into a SQLAlchemy URL (a plain path means a SQLite file).
SQLite connections run in WAL mode (readers never block the one writer) with
foreign keys enforced.

Writes go through `writing`: one writer at a time per database, whichever
process it is in (several inspectors may ingest into one PostgreSQL server at
once). Serialising writers makes finding-or-creating a department, a
disclosure or a document race-free; the unique indexes of the schema are the
guarantee should any other writer not take the lock.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url

from cnbudget.extras import require
from cnbudget.missing import DatabaseMissing  # re-exported: raised here

DEFAULT_DB = "cnbudget.db"
ENV_VAR = "CNBUDGET_DB"
# the PostgreSQL advisory lock every cnbudget writer takes ("cnbu" in ASCII)
WRITE_LOCK = 0x636E6275
_WRITER = "cnbudget_writer"  # execution option: this connection's transactions write


def resolve_url(db: str | os.PathLike[str] | None = None) -> str:
    """A SQLAlchemy URL for `db`, else `$CNBUDGET_DB`, else `./cnbudget.db`."""
    value = os.fspath(db) if db is not None else os.environ.get(ENV_VAR) or DEFAULT_DB
    if "://" in value:
        url = make_url(value)
        if url.drivername in ("postgresql", "postgres"):
            url = url.set(drivername="postgresql+psycopg")
        return url.render_as_string(hide_password=False)
    # built, not formatted: a path with ? or # is a file name, not URL syntax
    return URL.create("sqlite", database=str(Path(value).expanduser().resolve())).render_as_string()


def require_existing(url: str) -> None:
    """DatabaseMissing unless `url` is a server database or an existing SQLite file."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database \
            and not Path(parsed.database).is_file():
        raise DatabaseMissing(parsed.database)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # Python's sqlite3 opens transactions implicitly; let SQLAlchemy issue BEGIN.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    # a writer takes the write lock up front: a deferred transaction that read first
    # fails with SQLITE_BUSY, without waiting, when another writer commits meanwhile
    immediate = conn.get_execution_options().get(_WRITER, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if "psycopg" in url.split("://", 1)[0]:
        require("psycopg", "postgres")  # before SQLAlchemy's bare ModuleNotFoundError
    return create_engine(url, pool_pre_ping=True)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A write transaction, committed on leaving (rolled back on an exception), that
    holds the database's one write lock: SQLite's (BEGIN IMMEDIATE) or, on
    PostgreSQL, a transaction-level advisory lock."""
    with engine.connect() as conn:
        conn.execution_options(**{_WRITER: True})
        with conn.begin():
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})
            yield conn
