"""`cnbudget sql` as a boundary, on a real SQLite file and a real PostgreSQL server:
writes, escapes (ATTACH, PRAGMA writes, extensions, server programs and files,
other sessions) and runaway queries are refused or stopped; reads work."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from cnbudget.query.readonly import (
    QueryBounds,
    QueryLimit,
    ReadOnlyViolation,
    StatementFailed,
    run_sql,
)
from cnbudget.store import Store
from cnbudget.store.engine import resolve_url
from cnbudget.store.synthetic import full_document
from tests.store.pg import postgres_cluster, postgres_url  # noqa: F401 - fixtures

from .helpers import cli

RUNAWAY = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r"


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Path:
    # a ? and a # in the name: it is a file name, not URL syntax
    path = tmp_path / "odd?mode=rw#name.db"
    with Store(path) as store:
        store.store(full_document("某局", "1", "某市", 2020))
    return path


SQLITE_REFUSED = (
    "DELETE FROM documents",
    "UPDATE documents SET version = 9",
    "CREATE TABLE t (a)",
    "DROP TABLE documents",
    "ATTACH DATABASE '/tmp/other.db' AS other",
    "PRAGMA journal_mode = DELETE",
    "PRAGMA query_only = OFF",
    "PRAGMA writable_schema = ON",
    "SELECT load_extension('/lib/x86_64-linux-gnu/libc.so.6')",
    "SELECT fts3_tokenizer('simple')",
    "VACUUM INTO '/tmp/copy.db'",
    "INSERT INTO documents SELECT * FROM documents",
)


@pytest.mark.parametrize("statement", SQLITE_REFUSED)
def test_sqlite_refuses(statement: str, sqlite_db: Path) -> None:
    url = resolve_url(sqlite_db)
    with pytest.raises((ReadOnlyViolation, StatementFailed)):
        run_sql(url, statement)
    assert run_sql(url, "SELECT count(*) AS n FROM documents")["n"].iloc[0] == 1


def test_sqlite_reads_the_named_file_and_stops_runaways(sqlite_db: Path, tmp_path: Path) -> None:
    url = resolve_url(sqlite_db)
    assert not (tmp_path / "odd").exists()  # the name was not cut at ?
    assert run_sql(url, "PRAGMA table_info(documents)")["name"].tolist()
    started = time.monotonic()
    with pytest.raises(QueryLimit, match="longer than"):
        run_sql(url, RUNAWAY, QueryBounds(timeout_s=1))
    assert time.monotonic() - started < 30
    with pytest.raises(QueryLimit, match="rows"):
        run_sql(url, "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r "
                     "LIMIT 100000) SELECT n FROM r", QueryBounds(max_rows=1000))


def test_cli_sql_exit_codes(sqlite_db: Path) -> None:
    assert cli("sql", "SELECT 1 AS one", "--db", str(sqlite_db)).returncode == 0
    refused = cli("sql", "DELETE FROM documents", "--db", str(sqlite_db))
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    slow = cli("sql", RUNAWAY, "--db", str(sqlite_db), "--timeout", "1")
    assert slow.returncode == 2 and "longer than" in slow.stderr


def _reader_url(cluster: str, url: str) -> str:
    """A non-superuser role allowed to read the database (what a shared server gives)."""
    name = url.rsplit("/", 1)[1]
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
                          "'cnbudget_reader') THEN CREATE ROLE cnbudget_reader LOGIN; END IF; END $$"))
        conn.execute(text(f'GRANT CONNECT ON DATABASE "{name}" TO cnbudget_reader'))
        conn.execute(text("GRANT USAGE ON SCHEMA public TO cnbudget_reader"))
        conn.execute(text("GRANT SELECT ON ALL TABLES IN SCHEMA public TO cnbudget_reader"))
    admin.dispose()
    return f"{cluster.replace('postgres@', 'cnbudget_reader@')}/{name}"


PG_REFUSED = (
    "DELETE FROM documents",
    "UPDATE documents SET version = 9",
    "CREATE TABLE t (a int)",
    "COMMIT; DELETE FROM documents",
    "COPY (SELECT 1) TO PROGRAM 'touch /tmp/cnbudget-pwned'",
    "SELECT pg_read_file('/etc/passwd')",
    "SET default_transaction_read_only = off",
    "SELECT set_config('default_transaction_read_only', 'off', false); DELETE FROM documents",
)


def test_postgres_boundary(postgres_cluster: str, postgres_url: str) -> None:  # noqa: F811
    with Store(postgres_url) as store:
        store.store(full_document("某局", "1", "某市", 2020))
    # the test cluster's own user is a superuser: refused before anything runs
    with pytest.raises(ReadOnlyViolation, match="superuser"):
        run_sql(postgres_url, "COPY (SELECT 1) TO PROGRAM 'touch /tmp/cnbudget-pwned'")
    superuser = cli("sql", "SELECT 1", "--db", postgres_url)
    assert superuser.returncode == 2 and "superuser" in superuser.stderr
    reader = _reader_url(postgres_cluster, postgres_url)
    assert run_sql(reader, "SELECT count(*) AS n FROM documents")["n"].iloc[0] == 1
    for statement in PG_REFUSED:
        with pytest.raises(Exception) as raised:  # refused, by us or by the server
            run_sql(reader, statement)
        assert not isinstance(raised.value, AssertionError)
    assert not Path("/tmp/cnbudget-pwned").exists()
    # as a forced superuser, still one read-only SELECT per call
    forced = QueryBounds(allow_superuser=True, timeout_s=2)
    with pytest.raises(ReadOnlyViolation):
        run_sql(postgres_url, "COPY (SELECT 1) TO PROGRAM 'touch /tmp/cnbudget-pwned'", forced)
    assert not Path("/tmp/cnbudget-pwned").exists()
    started = time.monotonic()
    with pytest.raises(QueryLimit):
        run_sql(reader, RUNAWAY, QueryBounds(timeout_s=1))
    assert time.monotonic() - started < 30
    with pytest.raises(QueryLimit, match="rows"):
        run_sql(reader, "SELECT generate_series(1, 100000)", QueryBounds(max_rows=1000))
    assert run_sql(reader, "SELECT count(*) AS n FROM documents")["n"].iloc[0] == 1
