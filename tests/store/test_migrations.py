"""The shipped Alembic migrations create exactly the schema the code declares."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from cnbudget.store import Store
from cnbudget.store.migrate import alembic_config, current_revision, head_revision
from cnbudget.store.schema import metadata


def _assert_schema_matches(store: Store) -> None:
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []
    assert current_revision(store.engine) == head_revision()
    assert "line_items_long" in inspect(store.engine).get_view_names()


def test_sqlite_migrations_match_schema_and_downgrade(tmp_path: Path) -> None:
    store = Store(tmp_path / "m.db")
    _assert_schema_matches(store)
    Store(tmp_path / "m.db").close()  # re-opening an up-to-date database changes nothing
    with store.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "base")
    assert set(inspect(store.engine).get_table_names()) == {"alembic_version"}
    store.close()
    _assert_schema_matches(Store(tmp_path / "m.db"))


def test_postgres_migrations_match_schema(postgres_url: str) -> None:
    store = Store(postgres_url)
    try:
        _assert_schema_matches(store)
    finally:
        store.close()
