"""Bring a database to the current schema with the Alembic migrations shipped in
the package (no alembic.ini, no command line needed)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from cnbudget.store.engine import writing

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Apply every pending migration; a no-op on an up-to-date database. Under the
    write lock, so that processes opening a new database at once migrate it once."""
    head = head_revision()
    if current_revision(engine) == head:
        return
    with writing(engine) as conn:
        if MigrationContext.configure(conn).get_current_revision() != head:
            command.upgrade(alembic_config(conn), "head")
