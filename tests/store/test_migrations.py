"""The shipped Alembic migrations create exactly the schema the code declares."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from cnbudget.store import Store
from cnbudget.store.migrate import alembic_config, current_revision, head_revision
from cnbudget.store.schema import TRIGRAM_INDEXES, metadata


def _declared(obj: object, name: str | None, type_: str, reflected: bool, _to: object) -> bool:
    # the trigram indexes exist only where pg_trgm could be created (test_search checks them)
    return not (type_ == "index" and reflected and name in TRIGRAM_INDEXES)


def _assert_schema_matches(store: Store) -> None:
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": _declared})
        diff = compare_metadata(context, metadata)
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
